//! YAML read within bounds: the configuration, a page's front matter and a glossary are all read
//! through [`from_yaml`], which refuses a document whose aliases expand it far beyond its size
//! before serde builds any value from it.

/// What a YAML document (the configuration, a page's front matter, a glossary) may expand to
/// through its aliases beyond what it costs without them: a name repeating `*big`, an alias of a
/// 100 KB string, 50,000 times is a 300 KB file that took 13 s and 4.9 GiB to load.
pub const MAX_YAML_EXPANSION: usize = 4 << 20;

/// What a value costs besides its text: a typed value holds a `String` or `Vec` header or
/// more per node, so a list of 50,000 small aliases costs its real memory too.
const YAML_NODE_COST: usize = 32;

/// `serde_yaml::from_str`, refusing a document whose aliases expand it beyond
/// [`MAX_YAML_EXPANSION`] bytes more than the document could cost without any (every node takes
/// at least a byte of the text, so `(1 + YAML_NODE_COST)` bytes per byte of text: a large
/// glossary without aliases is never refused). A first pass walks the document's events without
/// keeping anything, counting what each alias replays, and stops at the limit, at the alias's
/// position. serde_norway limits only the number of alias repetitions, not the size they reach.
pub fn from_yaml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_yaml::Error> {
    let limit = MAX_YAML_EXPANSION + text.len() * (1 + YAML_NODE_COST);
    let mut budget = YamlBudget {
        left: limit,
        limit,
        exhausted: false,
    };
    let walked = serde::de::DeserializeSeed::deserialize(
        &mut budget,
        serde_yaml::Deserializer::from_str(text),
    );
    match walked {
        Err(e) if budget.exhausted => Err(e),
        // Any other problem: the typed pass meets it no later, within the budget, and says it
        // better ("invalid type" before a syntax error further on).
        _ => serde_yaml::from_str(text),
    }
}

/// The bytes a YAML document may still expand to (see [`from_yaml`]).
struct YamlBudget {
    left: usize,
    limit: usize,
    exhausted: bool,
}

impl YamlBudget {
    fn spend<E: serde::de::Error>(&mut self, bytes: usize) -> Result<(), E> {
        match self.left.checked_sub(bytes + YAML_NODE_COST) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => {
                self.exhausted = true;
                Err(E::custom(format!(
                    "the YAML's aliases (`*name`) expand it to more than {} MiB, the most fluentpress reads from it",
                    self.limit.div_ceil(1 << 20)
                )))
            }
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut YamlBudget {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut YamlBudget {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(&mut *self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(&mut *self)?.is_some() {
            map.next_value_seed(&mut *self)?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): the tag, then the value.
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(&mut *self)?;
        variant.newtype_variant_seed(&mut *self)
    }
}

/// A serde error message about the YAML's shape in plain words: `min_coverage: invalid type:
/// string "thirty", expected f64` becomes `min_coverage: expected a number from 0 to 100, not
/// `thirty``. serde names Rust types (`f64`, `a sequence`), which a person editing YAML should not
/// need to know. Messages of other kinds pass unchanged.
pub fn plain_message(message: &str) -> String {
    let (path, rest) = match message.find("invalid type: ") {
        Some(at) => (&message[..at], &message[at + "invalid type: ".len()..]),
        None => match message.find("invalid value: ") {
            Some(at) => (&message[..at], &message[at + "invalid value: ".len()..]),
            None => return message.to_string(),
        },
    };
    let Some((found, expected)) = rest.rsplit_once(", expected ") else {
        return message.to_string();
    };
    let key = path
        .trim_end_matches(": ")
        .rsplit(['.', '['])
        .next()
        .unwrap_or_default();
    let expected = match expected {
        "f64" | "f32" if key == "min_coverage" => "a number from 0 to 100",
        "f64" | "f32" => "a number",
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number",
        "a boolean" => "`true` or `false`",
        "a sequence" => "a list (`[a, b]`, or one `- item` per line)",
        "a string" | "string" | "a borrowed string" => "text",
        "a map" => "keys with values (`key: value`, one per line)",
        other if other.starts_with("struct ") => "keys with values (`key: value`, one per line)",
        other => other,
    };
    let found = if let Some(text) = found.strip_prefix("string ") {
        format!("`{}`", text.trim_matches('"'))
    } else if let Some(at) = found.find('`') {
        // `integer `3``, `floating point `1.5``, `boolean `true``.
        found[at..].to_string()
    } else {
        match found {
            "sequence" => "a list".into(),
            "map" => "keys with values".into(),
            "unit value" => "nothing".into(),
            other => other.into(),
        }
    };
    format!("{path}expected {expected}, not {found}")
}

#[cfg(test)]
mod tests {
    use super::{from_yaml, plain_message};

    /// serde's type names become words; the path is kept; other messages pass unchanged.
    #[test]
    fn type_errors_read_in_plain_words() {
        let cases = [
            (
                "locales[1].min_coverage: invalid type: string \"thirty\", expected f64",
                "locales[1].min_coverage: expected a number from 0 to 100, not `thirty`",
            ),
            (
                "locales[0].complete: invalid type: string \"yes please\", expected a boolean",
                "locales[0].complete: expected `true` or `false`, not `yes please`",
            ),
            (
                "check.functions: invalid type: string \"NUMBER\", expected a sequence",
                "check.functions: expected a list (`[a, b]`, or one `- item` per line), not `NUMBER`",
            ),
            (
                "site.name: invalid type: sequence, expected a string",
                "site.name: expected text, not a list",
            ),
            (
                "site.copyright_year: invalid type: floating point `1.5`, expected i32",
                "site.copyright_year: expected a whole number, not `1.5`",
            ),
            (
                "site: invalid type: integer `3`, expected struct SiteConfig",
                "site: expected keys with values (`key: value`, one per line), not `3`",
            ),
            ("unknown field `colour`", "unknown field `colour`"),
        ];
        for (serde, plain) in cases {
            assert_eq!(plain_message(serde), plain);
        }
    }

    #[test]
    fn aliases_past_the_budget_are_refused_and_plain_documents_are_not() {
        // 10,000 aliases of a 1,000-byte string: 10 MB of values from 40 KB of text.
        let bomb = format!(
            "[&a {}, {}]",
            "x".repeat(1_000),
            vec!["*a"; 10_000].join(", ")
        );
        let err = from_yaml::<Vec<String>>(&bomb).unwrap_err().to_string();
        assert!(
            err.contains("aliases (`*name`) expand it to more than"),
            "{err}"
        );
        // 200,000 short items without aliases cost 6.6 MB as values, from 600 KB of text:
        // what the document is, accepted.
        let plain = format!("[{}]", vec!["x"; 200_000].join(", "));
        assert_eq!(from_yaml::<Vec<String>>(&plain).unwrap().len(), 200_000);
    }
}
