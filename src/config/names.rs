//! A locale's own name when the configuration gives none ("Deutsch" for `de`): CLDR's
//! self-names of the common languages, and of the regional variants whose names differ.
//!
//! A table rather than ICU4X's display-names data: that data lives in `icu_experimental`, an
//! unstable crate with a large data build, for a name a checker-only project never shows. A
//! language the table lacks is named by its tag, which a project can replace with `name:`.

use unic_langid::LanguageIdentifier;

/// CLDR's name of each language in itself (locale-specific names first: the most specific
/// matching entry wins).
const NAMES: &[(&str, &str)] = &[
    ("en-GB", "English (UK)"),
    ("en-US", "English (US)"),
    ("en-CA", "English (Canada)"),
    ("es-ES", "español de España"),
    ("es-MX", "español de México"),
    ("es-AR", "español (Argentina)"),
    ("es-CL", "español (Chile)"),
    ("fr-CA", "français canadien"),
    ("pt-BR", "português (Brasil)"),
    ("pt-PT", "português europeu"),
    ("zh-CN", "中文（中国）"),
    ("zh-TW", "中文（台灣）"),
    ("zh-HK", "中文（香港）"),
    ("zh-Hans", "简体中文"),
    ("zh-Hant", "繁體中文"),
    ("sv-SE", "svenska"),
    ("nb", "norsk bokmål"),
    ("nn", "norsk nynorsk"),
    ("af", "Afrikaans"),
    ("ar", "العربية"),
    ("ast", "asturianu"),
    ("az", "azərbaycan"),
    ("be", "беларуская"),
    ("bg", "български"),
    ("bn", "বাংলা"),
    ("br", "brezhoneg"),
    ("bs", "bosanski"),
    ("ca", "català"),
    ("cs", "čeština"),
    ("cy", "Cymraeg"),
    ("da", "dansk"),
    ("de", "Deutsch"),
    ("dsb", "dolnoserbšćina"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("eo", "esperanto"),
    ("es", "español"),
    ("et", "eesti"),
    ("eu", "euskara"),
    ("fa", "فارسی"),
    ("fi", "suomi"),
    ("fr", "français"),
    ("fy", "Frysk"),
    ("ga", "Gaeilge"),
    ("gd", "Gàidhlig"),
    ("gl", "galego"),
    ("gu", "ગુજરાતી"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("hr", "hrvatski"),
    ("hsb", "hornjoserbšćina"),
    ("hu", "magyar"),
    ("hy", "հայերեն"),
    ("id", "Indonesia"),
    ("is", "íslenska"),
    ("it", "italiano"),
    ("ja", "日本語"),
    ("ka", "ქართული"),
    ("kk", "қазақ тілі"),
    ("km", "ខ្មែរ"),
    ("kn", "ಕನ್ನಡ"),
    ("ko", "한국어"),
    ("lt", "lietuvių"),
    ("lv", "latviešu"),
    ("mk", "македонски"),
    ("ml", "മലയാളം"),
    ("mr", "मराठी"),
    ("ms", "Melayu"),
    ("my", "မြန်မာ"),
    ("ne", "नेपाली"),
    ("nl", "Nederlands"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("pl", "polski"),
    ("pt", "português"),
    ("rm", "rumantsch"),
    ("ro", "română"),
    ("ru", "русский"),
    ("si", "සිංහල"),
    ("sk", "slovenčina"),
    ("sl", "slovenščina"),
    ("sq", "shqip"),
    ("sr", "српски"),
    ("sv", "svenska"),
    ("sw", "Kiswahili"),
    ("ta", "தமிழ்"),
    ("te", "తెలుగు"),
    ("th", "ไทย"),
    ("tl", "Tagalog"),
    ("tr", "Türkçe"),
    ("uk", "українська"),
    ("ur", "اردو"),
    ("uz", "o‘zbek"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
];

/// The locale's own name: its tag's entry, else its language's with script, else its
/// language's, else the tag itself.
pub(super) fn own_name(langid: &LanguageIdentifier) -> String {
    let full = langid.to_string();
    let language = langid.language.as_str();
    let with_script = langid
        .script
        .map(|script| format!("{language}-{}", script.as_str()));
    let with_region = langid
        .region
        .map(|region| format!("{language}-{}", region.as_str()));
    let candidates = [
        Some(full.clone()),
        with_region,
        with_script,
        Some(language.to_string()),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|tag| {
            NAMES
                .iter()
                .find(|(t, _)| *t == tag)
                .map(|(_, n)| n.to_string())
        })
        .unwrap_or(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(tag: &str) -> String {
        own_name(&tag.parse().unwrap())
    }

    #[test]
    fn names_come_from_the_most_specific_entry_or_the_tag() {
        assert_eq!(name("de"), "Deutsch");
        assert_eq!(name("de-CH"), "Deutsch");
        assert_eq!(name("pt-PT"), "português europeu");
        assert_eq!(name("zh-Hant-TW"), "中文（台灣）");
        assert_eq!(name("ja-JP"), "日本語");
        assert_eq!(name("tlh"), "tlh");
    }
}
