//! The per-locale search index, built at export time and searched in the browser by the small
//! embedded client (`assets/search.js`): no server, any static host.
//!
//! Text is split into *terms* the same way here and in the client:
//! - letters and digits are folded (compatibility decomposition, combining marks removed,
//!   lowercased), so `credit` finds « crédit » and `PEMBANGUNAN` finds "pembangunan";
//! - Chinese, Japanese and Korean text has no spaces between words, so each run of CJK
//!   characters is indexed as its single characters and its pairs of neighbours (unigrams and
//!   bigrams): `铝` finds 氧化铝 and `宏桥` finds 中国宏桥集团.
//!
//! A folded word is then indexed under its *key*: its Snowball stem where the locale's language
//! has a stemmer (`running` → `run`), or the key of its glossary synonym group. The client
//! never stems: every word whose key differs is itself in the dictionary, pointing at its key,
//! so what a visitor types is looked up exactly as it was indexed.
//!
//! The index is sharded so a query reads little of it (see [`build_index`] for the format): a
//! manifest, the sorted dictionary cut into shards of a few KiB (a query fetches the shards of
//! its words), and one fragment per page (fetched for the results shown). Postings carry
//! per-field counts, the page's length and the first positions, for BM25 with title and heading
//! boosts and for phrase proximity, computed by the client.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::gzip;

/// Whether `c` belongs to a script written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff      // Hiragana, Katakana
        | 0x3400..=0x4dbf    // CJK Extension A
        | 0x4e00..=0x9fff    // CJK Unified Ideographs
        | 0xac00..=0xd7af    // Hangul syllables
        | 0xf900..=0xfaff    // CJK Compatibility Ideographs
        | 0x20000..=0x2ffff) // CJK Extensions B and later
}

/// Case- and diacritic-folded text: "Crédit Élevé" → "credit eleve".
pub fn fold(text: &str) -> String {
    // Most text of most sites is ASCII: decomposition cannot change it.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The terms of a text: folded words, and CJK unigrams and bigrams.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, |term| out.push(term.to_string()));
    out
}

/// Calls `f` with each term of `text` in order, as slices of one folded copy: building an index
/// allocates a string per distinct term, not per occurrence.
pub fn for_each_term(text: &str, mut f: impl FnMut(&str)) {
    let folded = fold(text);
    if folded.is_ascii() {
        // No CJK and nothing to decompose: the terms are the runs of ASCII letters and digits,
        // found a byte at a time (most text of most sites, and half of building an index).
        folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .for_each(f);
        return;
    }
    let mut word_start: Option<usize> = None;
    // Start of the previous character when it was CJK, for bigrams.
    let mut previous_cjk: Option<usize> = None;
    for (i, c) in folded.char_indices() {
        let end = i + c.len_utf8();
        if is_cjk(c) {
            if let Some(start) = word_start.take() {
                f(&folded[start..i]);
            }
            f(&folded[i..end]);
            if let Some(previous) = previous_cjk {
                f(&folded[previous..end]);
            }
            previous_cjk = Some(i);
        } else {
            previous_cjk = None;
            if c.is_alphanumeric() {
                word_start.get_or_insert(i);
            } else if let Some(start) = word_start.take() {
                f(&folded[start..i]);
            }
        }
    }
    if let Some(start) = word_start {
        f(&folded[start..]);
    }
}

/// One searchable page.
#[derive(Debug, Clone, Default)]
pub struct SearchDocument {
    /// URL relative to the locale's root (`profile/`, `` for the home page).
    pub url: String,
    pub title: String,
    pub description: String,
    /// The page's section headings, one a line (also part of `body`): they weigh more.
    pub headings: String,
    /// Everything else a visitor reads on the page.
    pub body: String,
}

/// The plural-aware "N results for Q" message, in a form the client can use without a Fluent
/// runtime: a text per CLDR category (for `Intl.PluralRules`) and per exact count that has its
/// own variant (`[0]`), with `{count}` and `{query}` slots.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ResultCountText {
    /// The locale whose message is used (the page's, or a fallback): the plural rules are its.
    pub lang: String,
    pub categories: BTreeMap<String, String>,
    pub exact: BTreeMap<String, String>,
}

/// The Snowball stemmer of a language (by its primary subtag: `fr-CA` is French), and its name
/// in the manifest. Languages without one (Indonesian, Chinese, Japanese, Korean…) are indexed
/// by their folded words as they are.
pub fn stemmer_for(lang: &str) -> Option<(Algorithm, &'static str)> {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    Some(match primary.to_ascii_lowercase().as_str() {
        "ar" => (Algorithm::Arabic, "arabic"),
        "da" => (Algorithm::Danish, "danish"),
        "nl" => (Algorithm::Dutch, "dutch"),
        "en" => (Algorithm::English, "english"),
        "fi" => (Algorithm::Finnish, "finnish"),
        "fr" => (Algorithm::French, "french"),
        "de" => (Algorithm::German, "german"),
        "el" => (Algorithm::Greek, "greek"),
        "hu" => (Algorithm::Hungarian, "hungarian"),
        "it" => (Algorithm::Italian, "italian"),
        "no" | "nb" | "nn" => (Algorithm::Norwegian, "norwegian"),
        "pt" => (Algorithm::Portuguese, "portuguese"),
        "ro" => (Algorithm::Romanian, "romanian"),
        "ru" => (Algorithm::Russian, "russian"),
        "es" => (Algorithm::Spanish, "spanish"),
        "sv" => (Algorithm::Swedish, "swedish"),
        "ta" => (Algorithm::Tamil, "tamil"),
        "tr" => (Algorithm::Turkish, "turkish"),
        _ => return None,
    })
}

/// How one locale's index is built.
#[derive(Debug, Clone, Default)]
pub struct IndexOptions {
    /// The locale's language tag (chooses the stemmer).
    pub lang: String,
    /// Groups of spellings that find each other's pages (a glossary term's renderings and its
    /// `synonyms:`); only one-word spellings take part.
    pub synonyms: Vec<Vec<String>>,
    pub results: ResultCountText,
}

/// Turns folded words into index keys: the Snowball stem where the language has a stemmer, then
/// the synonym group's key. Keeps the stems it made, as a site repeats its words.
struct Analyzer<'a> {
    stemmer: Option<Stemmer>,
    /// A member's stem → the group's key.
    synonyms: &'a FxHashMap<String, String>,
    cache: FxHashMap<String, String>,
}

impl<'a> Analyzer<'a> {
    fn new(lang: &str, synonyms: &'a FxHashMap<String, String>) -> Self {
        Analyzer {
            stemmer: stemmer_for(lang).map(|(a, _)| Stemmer::create(a)),
            synonyms,
            cache: FxHashMap::default(),
        }
    }

    /// The key of folded word `word`.
    fn key(&mut self, word: &str) -> &str {
        if !self.cache.contains_key(word) {
            let key = self.compute(word);
            self.cache.insert(word.to_string(), key);
        }
        &self.cache[word]
    }

    fn compute(&self, word: &str) -> String {
        let stemmed = match &self.stemmer {
            // CJK grams and numbers have no inflection.
            Some(stemmer) if word.chars().any(|c| c.is_alphabetic() && !is_cjk(c)) => {
                stemmer.stem(word).into_owned()
            }
            _ => word.to_string(),
        };
        // A stemmer may map a folded word outside the folded alphabet (German ß stays ß):
        // fold again so keys and words compare alike.
        let stemmed = fold(&stemmed);
        match self.synonyms.get(&stemmed) {
            Some(group) => group.clone(),
            None => stemmed,
        }
    }
}

/// What one page contributes to the index.
#[derive(Default)]
struct PageTerms {
    /// Terms counted in the length: title, description and body.
    length: u32,
    terms: FxHashMap<String, TermCount>,
    /// Folded words whose key differs from them.
    forms: FxHashMap<String, String>,
}

#[derive(Default)]
struct TermCount {
    title: u32,
    heading: u32,
    body: u32,
    /// The first [`POSITIONS`] positions (in title, description, body order).
    positions: Vec<u32>,
}

/// Positions kept per term and page, for phrase proximity: enough to find "aluminium
/// production" side by side near the top of a page, without an index of every occurrence.
const POSITIONS: usize = 3;

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Title,
    Heading,
    Body,
}

fn analyze(doc: &SearchDocument, analyzer: &mut Analyzer) -> PageTerms {
    let mut page = PageTerms::default();
    let mut position = 0u32;
    let mut length = 0u32;
    let fields = [
        (&doc.title, Field::Title),
        (&doc.description, Field::Body),
        (&doc.body, Field::Body),
        (&doc.headings, Field::Heading),
    ];
    for (text, field) in fields {
        for_each_term(text, |word| {
            let key = analyzer.key(word);
            if key != word && !page.forms.contains_key(word) {
                page.forms.insert(word.to_string(), key.to_string());
            }
            let count = match page.terms.get_mut(key) {
                Some(count) => count,
                None => page.terms.entry(key.to_string()).or_default(),
            };
            match field {
                Field::Title => count.title += 1,
                Field::Heading => count.heading += 1,
                Field::Body => count.body += 1,
            }
            // Headings are part of the body too: counted there, positioned there.
            if field != Field::Heading {
                if count.positions.len() < POSITIONS {
                    count.positions.push(position);
                }
                position += 1;
                length += 1;
            }
        });
        // A gap between fields, so the title's last word is not next to the body's first.
        if field != Field::Heading {
            position += 1;
        }
    }
    page.length = length;
    page
}

/// A page's length as one small number: 3 bits of mantissa and the exponent of `length + 1`
/// (a 1-byte float, like Lucene's norms), exact in integers so the bytes do not depend on a
/// platform's `log2`. The client decodes `(8 + m) << e >> 3` with `e = b >> 3`, `m = b & 7`.
pub fn length_bucket(length: u32) -> u32 {
    let v = length.saturating_add(1);
    let e = 31 - v.leading_zeros();
    let m = if e >= 3 {
        (v >> (e - 3)) & 7
    } else {
        (v << (3 - e)) & 7
    };
    e * 8 + m
}

/// One term's postings while the index is built: pages in ascending order.
#[derive(Default)]
struct Postings {
    last: Option<u32>,
    numbers: Vec<u32>,
}

/// The per-field frequencies of a term in a page as one number: title and heading counts
/// capped at 3 (two bits each), the body count above them.
pub fn frequency_code(title: u32, heading: u32, body: u32) -> u32 {
    body.min(1 << 20) * 16 + heading.min(3) * 4 + title.min(3)
}

/// Raw bytes aimed at per term shard for a dictionary of `total` bytes: the manifest lists a
/// key per shard and a query fetches a shard per term, so both grow as the square root of the
/// index (between 4 KiB and 64 KiB of JSON, about half of it gzipped; on 10,000 pages the
/// factor 8 fetched a third less per query than 16, for a manifest of 3 KiB instead of 2).
fn shard_target(total: usize) -> usize {
    ((total as f64 * 8.0).sqrt() as usize).clamp(4 << 10, 64 << 10)
}

/// Texts kept per page for snippets: a visitor sees a passage, and the first screens of a long
/// page are where most matches worth showing are.
const FRAGMENT_TEXT: usize = 16 << 10;

/// Compares in UTF-16 code units, the order of JavaScript's `<` on strings, so the client's
/// binary search over shard keys agrees with the order they were written in.
fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The extension of every file of the index: JSON, gzip-compressed. Not `.json` (a host would
/// serve it as JSON, and some would compress it again) and not `.gz` (some hosts answer a `.gz`
/// file with `Content-Encoding: gzip`, others not): an extension no host knows is served as
/// it is, as `application/octet-stream`. The client inflates bytes that start with the gzip
/// magic and reads any others as JSON, so a host that does decode them works too.
pub const INDEX_FILE_EXTENSION: &str = "fpz";

/// The built index of one locale: files relative to its `search/` folder, gzip-compressed.
pub struct BuiltIndex {
    pub files: Vec<(String, Vec<u8>)>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    /// Format version.
    v: u32,
    /// Pages.
    docs: usize,
    /// Sum of the pages' lengths (terms of title, description and body).
    length: u64,
    /// The stemmer applied at index time (the client never stems: it looks words up).
    stemmer: Option<&'static str>,
    /// The first key (shortened) of each term shard `t/<n>.fpz`.
    shards: Vec<String>,
    results: &'a ResultCountText,
}

#[derive(Serialize)]
struct Fragment<'a> {
    /// URL relative to the locale's root.
    u: &'a str,
    t: &'a str,
    d: &'a str,
    /// The page's text (the first [`FRAGMENT_TEXT`] bytes), for the snippet.
    x: &'a str,
}

/// Builds the sharded index of one locale from its pages, in order. Deterministic: the same
/// pages give the same bytes, whatever the number of threads.
///
/// Every file is JSON, gzip-compressed ([`INDEX_FILE_EXTENSION`]):
/// - `manifest.fpz`: page count, total length, shard keys, the result-count texts;
/// - `t/<n>.fpz`: a slice of the sorted dictionary, `{"key": entry}`; an entry is the key's
///   postings as one string of [`encode_numbers`], or, for a word whose key differs, an array
///   of that key (`"running": ["run"]`) and the word's own postings string when it has some.
///   Per page, the postings are: page number (delta from the previous page),
///   [`frequency_code`], [`length_bucket`], and up to [`POSITIONS`] positions (the first
///   absolute, the others deltas; as many as the title and body counts allow);
/// - `f/<n>.fpz`: page `n`'s URL, title, description and text.
pub fn build_index(docs: &[&SearchDocument], options: &IndexOptions) -> BuiltIndex {
    let synonyms = synonym_keys(options);
    let mut postings: FxHashMap<String, Postings> = FxHashMap::default();
    let mut forms: FxHashMap<String, String> = FxHashMap::default();
    let mut total_length: u64 = 0;
    // Pages are analysed in parallel a batch at a time and merged in order, so postings stay
    // sorted and memory holds one batch of per-page maps.
    for (batch_number, batch) in docs.chunks(512).enumerate() {
        let analysed: Vec<PageTerms> = batch
            .par_iter()
            .map_init(
                || Analyzer::new(&options.lang, &synonyms),
                |analyzer, doc| analyze(doc, analyzer),
            )
            .collect();
        for (i, page) in analysed.into_iter().enumerate() {
            let n = (batch_number * 512 + i) as u32;
            total_length += u64::from(page.length);
            let bucket = length_bucket(page.length);
            for (key, count) in page.terms {
                let list = postings.entry(key).or_default();
                let delta = n - list.last.map_or(0, |l| l);
                list.last = Some(n);
                list.numbers.push(delta);
                list.numbers
                    .push(frequency_code(count.title, count.heading, count.body));
                list.numbers.push(bucket);
                let mut previous = 0;
                for (j, p) in count.positions.iter().enumerate() {
                    list.numbers.push(if j == 0 { *p } else { p - previous });
                    previous = *p;
                }
            }
            for (word, key) in page.forms {
                forms.entry(word).or_insert(key);
            }
        }
    }
    // Every spelling of a synonym group is a key, found even where the site never writes it.
    let mut analyzer = Analyzer::new(&options.lang, &synonyms);
    for group in &options.synonyms {
        for word in group.iter().filter_map(|w| single_term(w)) {
            let key = analyzer.key(&word).to_string();
            if key != word && postings.contains_key(&key) {
                forms.entry(word).or_insert(key);
            }
        }
    }

    // The dictionary: every key with postings, every word whose key differs.
    let mut keys: Vec<&str> = postings
        .keys()
        .map(String::as_str)
        .chain(forms.keys().map(String::as_str))
        .collect();
    keys.sort_unstable_by(|a, b| utf16_cmp(a, b));
    keys.dedup();
    let entries: Vec<(&str, String)> = keys
        .par_iter()
        .map(|key| {
            let mut entry = serde_json::to_string(key).unwrap_or_default();
            entry.push(':');
            let numbers = postings.get(*key).map(|list| encode_numbers(&list.numbers));
            match (forms.get(*key), numbers) {
                (Some(other), numbers) => {
                    entry.push('[');
                    entry.push_str(&serde_json::to_string(other).unwrap_or_default());
                    if let Some(numbers) = numbers {
                        entry.push_str(",\"");
                        entry.push_str(&numbers);
                        entry.push('"');
                    }
                    entry.push(']');
                }
                (None, numbers) => {
                    entry.push('"');
                    entry.push_str(&numbers.unwrap_or_default());
                    entry.push('"');
                }
            }
            (*key, entry)
        })
        .collect();
    let total: usize = entries.iter().map(|(_, e)| e.len() + 1).sum();
    let target = shard_target(total);

    let mut texts: Vec<(String, String)> = Vec::new();
    let mut separators = Vec::new();
    let mut shard = String::new();
    let mut previous_last: Option<&str> = None;
    let flush = |shard: &mut String, texts: &mut Vec<(String, String)>| {
        shard.push('}');
        texts.push((
            format!("t/{}.{INDEX_FILE_EXTENSION}", texts.len()),
            std::mem::take(shard),
        ));
    };
    for (key, entry) in &entries {
        if shard.is_empty() {
            separators.push(match previous_last {
                Some(last) => separator(last, key),
                None => String::new(),
            });
            shard.push('{');
        } else {
            shard.push(',');
        }
        shard.push_str(entry);
        previous_last = Some(key);
        if shard.len() >= target {
            flush(&mut shard, &mut texts);
        }
    }
    if !shard.is_empty() {
        flush(&mut shard, &mut texts);
    }

    let manifest = Manifest {
        v: 2,
        docs: docs.len(),
        length: total_length,
        stemmer: stemmer_for(&options.lang).map(|(_, name)| name),
        shards: separators,
        results: &options.results,
    };
    texts.push((
        format!("manifest.{INDEX_FILE_EXTENSION}"),
        serde_json::to_string(&manifest).unwrap_or_default(),
    ));
    let compressed = |(path, text): (String, String)| (path, gzip::compress(text.as_bytes()));
    let mut files: Vec<(String, Vec<u8>)> = texts.into_par_iter().map(compressed).collect();
    files.par_extend(docs.par_iter().enumerate().map(|(n, doc)| {
        let fragment = Fragment {
            u: &doc.url,
            t: &doc.title,
            d: &doc.description,
            x: truncate(&doc.body, FRAGMENT_TEXT),
        };
        compressed((
            format!("f/{n}.{INDEX_FILE_EXTENSION}"),
            serde_json::to_string(&fragment).unwrap_or_default(),
        ))
    }));
    BuiltIndex { files }
}

/// The digits of [`encode_numbers`]: 64 characters JSON writes as they are. A digit below 32
/// ends a number; one from 32 on carries five bits and says more follow.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Numbers as one string of variable-length digits, five bits each, the lowest first: 0–31
/// take one character, up to 1023 two, up to 32767 three. Half the bytes of decimal numbers
/// between commas, so half the text to compress when exporting and to parse when searching,
/// and a twelfth less once compressed.
pub fn encode_numbers(numbers: &[u32]) -> String {
    let mut out = String::with_capacity(numbers.len() * 2);
    for &number in numbers {
        let mut n = number;
        while n >= 32 {
            out.push(DIGITS[32 + (n & 31) as usize] as char);
            n >>= 5;
        }
        out.push(DIGITS[n as usize] as char);
    }
    out
}

/// The numbers of [`encode_numbers`]'s text; `None` for a character that is not a digit or a
/// number left unfinished.
pub fn decode_numbers(text: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let (mut value, mut shift) = (0u32, 0u32);
    for c in text.bytes() {
        let digit = DIGITS.iter().position(|d| *d == c)? as u32;
        value |= (digit & 31).checked_shl(shift)?;
        if digit < 32 {
            out.push(value);
            (value, shift) = (0, 0);
        } else {
            shift += 5;
        }
    }
    (shift == 0).then_some(out)
}

/// `text` cut to at most `max` bytes, at a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The shortest prefix of `key` that sorts after `last` (`key` sorts after `last`): all a
/// client needs to tell which shard a term is in.
fn separator(last: &str, key: &str) -> String {
    let mut prefix = String::new();
    for c in key.chars() {
        prefix.push(c);
        if utf16_cmp(&prefix, last).is_gt() {
            break;
        }
    }
    prefix
}

/// The one term of `text`, if it has exactly one.
fn single_term(text: &str) -> Option<String> {
    let terms = terms(text);
    match terms.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Each synonym's key (its stem) → its group's key (the first spelling's).
fn synonym_keys(options: &IndexOptions) -> FxHashMap<String, String> {
    let none = FxHashMap::default();
    let mut analyzer = Analyzer::new(&options.lang, &none);
    let mut map = FxHashMap::default();
    for group in &options.synonyms {
        let keys: Vec<String> = group
            .iter()
            .filter_map(|w| single_term(w))
            .map(|w| analyzer.key(&w).to_string())
            .collect();
        let Some(first) = keys.first() else { continue };
        for key in &keys {
            // A spelling in two groups stays in the first.
            map.entry(key.clone()).or_insert_with(|| first.clone());
        }
    }
    map
}

/// Numbers tried to find a sample count of each plural category: small ones first, then the
/// large ones some languages single out (French "many" is for millions).
fn sample_counts() -> impl Iterator<Item = u64> {
    (0..=200).chain([1000, 1_000_000, 2_000_000])
}

/// Derives [`ResultCountText`] from a formatter of the message: `format(count, query)` returns
/// the message's text for that count with `query` as the query. `category(n)` is the CLDR
/// cardinal category of `n` in the message's language.
pub fn result_count_text(
    lang: &str,
    format: impl Fn(u64, &str) -> String,
    category: impl Fn(u64) -> &'static str,
) -> ResultCountText {
    // A query that cannot occur in a translation, replaced by the slot afterwards.
    const QUERY: &str = "\u{e000}q\u{e001}";
    let with_slots = |n: u64| {
        let text = format(n, QUERY).replace(QUERY, "{query}");
        replace_number(&text, n)
    };
    // Per category, the first sample above 10 when there is one, else the largest: small
    // numbers may have exact variants (`[0]`), and the smallest are the likeliest to.
    let mut samples: BTreeMap<&'static str, u64> = BTreeMap::new();
    for n in sample_counts() {
        let c = category(n);
        match samples.get(c) {
            Some(&s) if s > 10 => {}
            _ => {
                samples.insert(c, n);
            }
        }
    }
    let categories: BTreeMap<String, String> = samples
        .iter()
        .map(|(c, &n)| ((*c).to_string(), with_slots(n)))
        .collect();
    let mut exact = BTreeMap::new();
    for n in 0..=10 {
        let expected = categories
            .get(category(n))
            .map(|t| t.replace("{count}", &n.to_string()));
        let actual = format(n, QUERY).replace(QUERY, "{query}");
        if expected.as_deref() != Some(actual.as_str()) {
            exact.insert(n.to_string(), actual);
        }
    }
    ResultCountText {
        lang: lang.to_string(),
        categories,
        exact,
    }
}

/// Replaces the decimal `n` standing alone (not inside a longer number) with `{count}`.
fn replace_number(text: &str, n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(&digits) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + digits.len()..].chars().next();
        out.push_str(&rest[..i]);
        if before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit()) {
            out.push_str(&digits);
        } else {
            out.push_str("{count}");
        }
        rest = &rest[i + digits.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_are_folded() {
        assert_eq!(
            terms("Crédit ÉLEVÉ, l’entreprise; PEMBANGUNAN"),
            ["credit", "eleve", "l", "entreprise", "pembangunan"]
        );
    }

    #[test]
    fn ascii_text_gives_the_terms_of_the_general_rule() {
        // The general rule, for comparison: a word is a run of alphanumeric characters.
        let slow = |text: &str| -> Vec<String> {
            text.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        for text in [
            "",
            "  ",
            "Don't stop-me now, 2024!",
            "a_b c.d\te\nf",
            "x",
            "ABC def1 2g",
        ] {
            assert_eq!(terms(text), slow(text), "{text:?}");
        }
    }

    #[test]
    fn cjk_runs_become_unigrams_and_bigrams() {
        assert_eq!(
            terms("氧化铝 and 宏桥"),
            ["氧", "化", "氧化", "铝", "化铝", "and", "宏", "桥", "宏桥"]
        );
    }

    fn doc(url: &str, title: &str, body: &str) -> SearchDocument {
        SearchDocument {
            url: url.into(),
            title: title.into(),
            body: body.into(),
            ..SearchDocument::default()
        }
    }

    /// The dictionary of a built index, all shards merged.
    fn dictionary(index: &BuiltIndex) -> serde_json::Map<String, serde_json::Value> {
        let mut all = serde_json::Map::new();
        for (path, _) in &index.files {
            if let Some(name) = path.strip_suffix(&format!(".{INDEX_FILE_EXTENSION}"))
                && name.starts_with("t/")
            {
                let shard: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(&file(index, name)).unwrap();
                all.extend(shard);
            }
        }
        all
    }

    /// The numbers of a postings string.
    fn numbers(entry: &serde_json::Value) -> Vec<u32> {
        decode_numbers(entry.as_str().unwrap()).unwrap()
    }

    #[test]
    fn numbers_take_few_characters_and_come_back() {
        assert_eq!(encode_numbers(&[0, 31, 32, 1023, 1024]), "0VW1_VWW1");
        let all = [0, 1, 31, 32, 33, 1000, 32_767, 32_768, 1 << 20, u32::MAX];
        assert_eq!(decode_numbers(&encode_numbers(&all)).unwrap(), all);
        assert_eq!(decode_numbers("W"), None, "unfinished");
        assert_eq!(decode_numbers("1,2"), None);
        let text = encode_numbers(&all);
        assert!(!text.contains(['"', '\\']));
    }

    /// The JSON text of the index file `name` (`t/0`, `manifest`), inflated.
    fn file(index: &BuiltIndex, name: &str) -> String {
        let path = format!("{name}.{INDEX_FILE_EXTENSION}");
        let bytes = &index.files.iter().find(|(p, _)| *p == path).unwrap().1;
        String::from_utf8(gzip::decompress(bytes).unwrap()).unwrap()
    }

    #[test]
    fn index_lists_pages_per_term_with_field_counts_and_positions() {
        let docs = [doc("", "铝业", "Crédit"), doc("a/", "铝", "")];
        let index = build_index(&[&docs[0], &docs[1]], &IndexOptions::default());
        let terms = dictionary(&index);
        // Page 0: title once, length 4 (铝, 业, 铝业, crédit), position 0; page 1 (delta 1):
        // title once, length 1, position 0. A gap follows each field: crédit is at 5.
        let b4 = length_bucket(4);
        let b1 = length_bucket(1);
        assert_eq!(numbers(&terms["铝"]), [0, 1, b4, 0, 1, 1, b1, 0]);
        assert_eq!(numbers(&terms["credit"]), [0, 16, b4, 5]);
        let fragment: serde_json::Value = serde_json::from_str(&file(&index, "f/1")).unwrap();
        assert_eq!(fragment["u"], "a/");
        let manifest: serde_json::Value = serde_json::from_str(&file(&index, "manifest")).unwrap();
        assert_eq!(manifest["docs"], 2);
        assert_eq!(manifest["shards"], serde_json::json!([""]));
    }

    #[test]
    fn words_point_at_their_stems_and_synonyms_share_one_key() {
        let docs = [
            doc("", "Running", "The refineries produce aluminum."),
            doc("b/", "Refinery", "Aluminium runs."),
        ];
        let options = IndexOptions {
            lang: "en-US".into(),
            synonyms: vec![vec!["aluminum".into(), "aluminium".into()]],
            ..IndexOptions::default()
        };
        let terms = dictionary(&build_index(&[&docs[0], &docs[1]], &options));
        assert_eq!(terms["running"], serde_json::json!(["run"]));
        assert_eq!(terms["runs"], serde_json::json!(["run"]));
        assert_eq!(terms["refineries"], serde_json::json!(["refineri"]));
        // Both pages under the group's key; the other spelling points at it.
        assert_eq!(terms["aluminium"], serde_json::json!(["aluminum"]));
        let postings = numbers(&terms["aluminum"]);
        assert_eq!((postings[0], postings.len()), (0, 8));
        // Without a stemmer (Indonesian), words are their own keys.
        let id = IndexOptions {
            lang: "id-ID".into(),
            ..IndexOptions::default()
        };
        let terms = dictionary(&build_index(&[&docs[0]], &id));
        assert_eq!(numbers(&terms["running"]).len(), 4);
        assert!(!terms.contains_key("run"));
    }

    #[test]
    fn stemmers_by_language() {
        assert_eq!(stemmer_for("fr-CA").unwrap().1, "french");
        assert_eq!(stemmer_for("de").unwrap().1, "german");
        assert!(stemmer_for("id-ID").is_none());
        assert!(stemmer_for("zh-CN").is_none());
    }

    #[test]
    fn shards_split_the_sorted_dictionary_at_short_separators() {
        assert_eq!(separator("alpha", "beta"), "b");
        assert_eq!(separator("alpha", "alps"), "alps");
        assert_eq!(separator("run", "runner"), "runn");
        // UTF-16 order: U+FF5E sorts after U+20000's surrogates, unlike in UTF-8.
        assert!(utf16_cmp("\u{ff5e}", "\u{20000}").is_gt());
        let docs: Vec<SearchDocument> = (0..400)
            .map(|n| {
                doc(
                    &format!("{n}/"),
                    &format!("w{n}"),
                    &format!("x{} y{n} z", n * 31 % 1000),
                )
            })
            .collect();
        let refs: Vec<&SearchDocument> = docs.iter().collect();
        let index = build_index(&refs, &IndexOptions::default());
        let manifest: serde_json::Value = serde_json::from_str(&file(&index, "manifest")).unwrap();
        let separators = manifest["shards"].as_array().unwrap();
        assert!(separators.len() > 1);
        for (n, first) in separators.iter().enumerate() {
            let shard: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&file(&index, &format!("t/{n}"))).unwrap();
            for key in shard.keys() {
                assert!(utf16_cmp(key, first.as_str().unwrap()).is_ge());
                if let Some(next) = separators.get(n + 1) {
                    assert!(utf16_cmp(key, next.as_str().unwrap()).is_lt());
                }
            }
        }
        // The same pages, the same bytes.
        assert_eq!(
            build_index(&refs, &IndexOptions::default()).files,
            index.files
        );
    }

    #[test]
    fn lengths_and_frequencies_pack_into_small_numbers() {
        assert_eq!(length_bucket(0), 0);
        assert_eq!(length_bucket(7), 24);
        // Within an eighth of the length, monotonic.
        let mut previous = 0;
        for length in 0..100_000u32 {
            let b = length_bucket(length);
            assert!(b >= previous);
            previous = b;
            let (e, m) = (b >> 3, b & 7);
            let decoded = (((8 + m) as u64) << e >> 3) as f64 - 1.0;
            assert!((decoded - length as f64).abs() <= (length as f64 + 1.0) / 8.0 + 1.0);
        }
        assert_eq!(frequency_code(1, 0, 2), 33);
        assert_eq!(frequency_code(9, 9, 0), 15);
    }

    #[test]
    fn result_count_keeps_categories_and_exact_variants() {
        // English-like: one / other, and a [0] variant.
        let format = |n: u64, q: &str| match n {
            0 => format!("No results for {q}"),
            1 => format!("1 result for {q}"),
            _ => format!("{n} results for {q} (100)"),
        };
        let text = result_count_text("en", format, |n| if n == 1 { "one" } else { "other" });
        // French: `one` is 0 and 1; a `[0]` variant must not become the `one` text.
        let fr = |n: u64, q: &str| match n {
            0 => format!("Aucun résultat pour {q}"),
            1 => format!("1 résultat pour {q}"),
            _ => format!("{n} résultats pour {q}"),
        };
        let fr = result_count_text("fr", fr, |n| if n < 2 { "one" } else { "other" });
        assert_eq!(fr.categories["one"], "{count} résultat pour {query}");
        assert_eq!(fr.exact.keys().collect::<Vec<_>>(), ["0"]);
        assert_eq!(text.categories["one"], "{count} result for {query}");
        assert_eq!(
            text.categories["other"],
            "{count} results for {query} (100)"
        );
        assert_eq!(
            text.exact.into_iter().collect::<Vec<_>>(),
            [("0".to_string(), "No results for {query}".to_string())]
        );
    }
}
