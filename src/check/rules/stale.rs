//! `stale-translation`: the source text changed since this translation was last edited, as the
//! locale's snapshot records (see [`crate::snapshot`]).

use crate::check::{Code, Diagnostic, LocaleContext};
use crate::snapshot::stale_in;

pub fn check(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Each stale definition as its record names it: when files form bundles, an id of several
    // files is stale (or not) in each file on its own.
    for (_, (file, entry), key) in stale_in(&ctx.snapshot, ctx.source_index, &ctx.target_index) {
        let offset = key
            .attribute
            .and_then(|attribute| entry.attribute(attribute))
            .map_or(entry.id_span.start, |a| a.name_span.start);
        let source = ctx
            .source_index
            .matching(file, key.kind, key.id)
            .map(|(f, e)| {
                let (line, column) = f.line_column(e.id_span.start);
                format!("{}:{line}:{column}", ctx.file_path(f))
            })
            .unwrap_or_default();
        let key = key.to_string();
        let mut d = ctx.at(
            Code::StaleTranslation,
            file,
            offset,
            entry.id_span.len(),
            Some(&key),
            format!("the source of `{key}` changed since this translation was made"),
        );
        d.help = Some(format!(
            "compare with {source} and update the translation; editing it clears this warning"
        ));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run_with};
    use crate::snapshot::fingerprint;

    #[test]
    fn unedited_translation_of_a_changed_source_is_stale() {
        let snapshot = format!(
            "a\t{:016x}\t{:016x}\nb\t{:016x}\t{:016x}\n",
            fingerprint("Old text"),
            fingerprint("Ancien texte"),
            fingerprint("Old B"),
            fingerprint("Ancien B"),
        );
        let d = run_with(
            "",
            "fr",
            &[("a.ftl", "a = New text\nb = New B\n")],
            // `a` untouched since the source changed; `b` edited by the translator.
            &[("a.ftl", "a = Ancien texte\nb = Nouveau B\n")],
            &[("snapshots/fr.tsv", &snapshot)],
        );
        assert_eq!(codes(&d), ["stale-translation"]);
        assert_eq!(d[0].message_id.as_deref(), Some("a"));
        assert!(
            d[0].help
                .as_ref()
                .unwrap()
                .contains("locales/en-US/a.ftl:1:1")
        );
    }

    /// With files in bundles of their own, the copy of an id in each file is stale or not on
    /// its own, and the finding points at that file and its source.
    #[test]
    fn each_files_definition_is_stale_on_its_own() {
        let snapshot = format!(
            "a.ftl:x\t{:016x}\t{:016x}\nb.ftl:x\t{:016x}\t{:016x}\n",
            fingerprint("Open"),
            fingerprint("Ouvrir"),
            fingerprint("Close"),
            fingerprint("Fermer"),
        );
        let d = run_with(
            "check:\n  bundles: per-file\n",
            "fr",
            &[("a.ftl", "x = Open\n"), ("b.ftl", "x = Close all\n")],
            &[("a.ftl", "x = Ouvrir\n"), ("b.ftl", "x = Fermer\n")],
            &[("snapshots/fr.tsv", &snapshot)],
        );
        let stale: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "stale-translation")
            .collect();
        assert_eq!(stale.len(), 1, "{d:?}");
        assert_eq!(stale[0].file, "locales/fr/b.ftl");
        assert!(
            stale[0]
                .help
                .as_ref()
                .unwrap()
                .contains("locales/en-US/b.ftl:1:1"),
            "{:?}",
            stale[0].help
        );
    }
}
