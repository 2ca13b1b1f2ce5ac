//! `unknown-variable` and `dropped-variable`: the `$variables` of a translation against its
//! source, pattern by pattern (value with value, attribute with attribute). A variable the
//! source only selects on (`{ $count -> ...}` without showing `{ $count }`) may be dropped: a
//! language without plurals has nothing to select.

use super::{PatternPair, find_in_entry};
use crate::check::{Code, Diagnostic, LocaleContext};

pub fn check_pair(ctx: &LocaleContext<'_>, pair: &PatternPair<'_>, out: &mut Vec<Diagnostic>) {
    // Nearly every translation uses its source's variables: equal sets, nothing to list.
    if pair.target.variables() == pair.source.variables()
        && pair.target.shown_variables() == pair.source.shown_variables()
    {
        return;
    }
    for variable in pair.target.variables().difference(pair.source.variables()) {
        let needle = format!("${variable}");
        let offset = find_in_entry(pair.target_file, pair.target_entry, &needle);
        let mut d = ctx.at(
            Code::UnknownVariable,
            pair.target_file,
            offset,
            needle.chars().count(),
            Some(&pair.key()),
            format!(
                "`{needle}` is not a variable of the source message `{}`",
                pair.key()
            ),
        );
        d.help = Some(match pair.source.variables().iter().next() {
            Some(_) => format!(
                "the source uses {}",
                pair.source
                    .variables()
                    .iter()
                    .map(|v| format!("${v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => "the source uses no variables; the app will not pass this one".into(),
        });
        out.push(d);
    }
    for variable in pair
        .source
        .shown_variables()
        .difference(pair.target.shown_variables())
    {
        let mut d = ctx.at(
            Code::DroppedVariable,
            pair.target_file,
            pair.target_offset(),
            1,
            Some(&pair.key()),
            format!("the source shows `${variable}` but no variant of this translation does"),
        );
        d.help = Some(format!(
            "add {{ ${variable} }} where it belongs in the sentence"
        ));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run};

    #[test]
    fn unknown_variable_is_located() {
        let d = run(
            "fr",
            &[("a.ftl", "x = Hello { $name }\n")],
            &[("a.ftl", "x = Bonjour { $nom }\n")],
        );
        let unknown = d
            .iter()
            .find(|d| d.code.as_str() == "unknown-variable")
            .unwrap();
        assert_eq!((unknown.line, unknown.column), (1, 15));
        assert!(codes(&d).contains(&"dropped-variable"));
    }

    #[test]
    fn selector_only_variable_may_be_dropped() {
        let source = "x = { $n ->\n    [one] One file\n   *[other] Many files\n}\n";
        let d = run("zh-CN", &[("a.ftl", source)], &[("a.ftl", "x = 文件\n")]);
        assert!(!codes(&d).contains(&"dropped-variable"), "{d:?}");
    }

    #[test]
    fn variable_shown_in_one_variant_counts() {
        let source = "x = { $n ->\n    [one] One file\n   *[other] { $n } files\n}\n";
        let target = "x = { $n ->\n    [one] Un fichier\n   *[other] { $n } fichiers\n}\n";
        let d = run("fr", &[("a.ftl", source)], &[("a.ftl", target)]);
        assert!(codes(&d).is_empty(), "{d:?}");
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[(
                "a.ftl",
                "x = { $n ->\n    [one] Un fichier\n   *[other] Des fichiers\n}\n",
            )],
        );
        assert_eq!(codes(&d), ["dropped-variable"]);
    }
}
