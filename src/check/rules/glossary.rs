//! `glossary-mismatch`: a source text containing a glossary term whose translation contains none
//! of the term's required renderings (`locales/<tag>/glossary.yaml`).

use super::PatternPair;
use crate::check::{Code, Diagnostic, LocaleContext};

pub fn check_pair(ctx: &LocaleContext<'_>, pair: &PatternPair<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.glossary.terms.is_empty() {
        return;
    }
    for term in &ctx.glossary.terms {
        if !pair.source.text.contains(&term.source) {
            continue;
        }
        if term
            .translations
            .iter()
            .any(|t| pair.target.text.contains(t.as_str()))
        {
            continue;
        }
        let mut d = ctx.at(
            Code::GlossaryMismatch,
            pair.target_file,
            pair.target_offset(),
            1,
            Some(&pair.key()),
            format!(
                "the source says “{}”; the glossary requires {}",
                term.source,
                term.translations
                    .iter()
                    .map(|t| format!("“{t}”"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        );
        d.help = term
            .note
            .clone()
            .or_else(|| Some(format!("see locales/{}/glossary.yaml", ctx.locale.tag)));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run_with};

    const GLOSSARY: &str = "terms:\n  - source: Yantai Port\n    translations: [烟台港]\n";

    #[test]
    fn required_rendering_missing_and_present() {
        let source = &[("a.ftl", "a = Yantai Port is big\nb = Yantai Port again\n")];
        let d = run_with(
            "",
            "zh-CN",
            source,
            &[("a.ftl", "a = 烟台港很大\nb = 烟台港口又来了\n")],
            &[("locales/zh-CN/glossary.yaml", GLOSSARY)],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
        let d = run_with(
            "",
            "zh-CN",
            source,
            &[("a.ftl", "a = 烟台港很大\nb = 烟台码头\n")],
            &[("locales/zh-CN/glossary.yaml", GLOSSARY)],
        );
        assert_eq!(codes(&d), ["glossary-mismatch"]);
        assert_eq!(d[0].message_id.as_deref(), Some("b"));
    }
}
