//! `missing-message` / `obsolete-message`, `missing-value` / `obsolete-value` and
//! `missing-attribute` / `obsolete-attribute`: the locale's messages against the source's.
//! Terms are the locale's own building blocks (a language may need more of them), so only
//! messages are compared.

use crate::check::{Code, Diagnostic, LocaleContext};

pub fn check(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    for &((source_file, source_entry), target) in &ctx.matched {
        let key = source_entry.id.as_str();
        let Some((target_file, target_entry)) = target else {
            // Messages of a file missing as a whole are reported by `missing-file`.
            let Some(target_file) = ctx.target.file(&source_file.relative) else {
                continue;
            };
            let (line, column) = source_file.line_column(source_entry.id_span.start);
            out.push(Diagnostic {
                severity: Code::MissingMessage.default_severity(),
                code: Code::MissingMessage,
                locale: ctx.locale.tag.clone(),
                file: ctx.file_path(source_file),
                line,
                column,
                message_id: Some(key.to_string()),
                message: format!("`{key}` is not translated"),
                help: Some(format!("add it to {}", ctx.file_path(target_file))),
                locale_file: Some(ctx.file_path(target_file)),
                width: source_entry.id_span.len(),
                source_line: Some(source_file.line_text(line).to_string()),
            });
            continue;
        };
        let id_at = |code: Code, message: String| {
            ctx.at(
                code,
                target_file,
                target_entry.id_span.start,
                target_entry.id_span.len(),
                Some(key),
                message,
            )
        };
        match (&source_entry.value, &target_entry.value) {
            (Some(_), None) => out.push(id_at(
                Code::MissingValue,
                format!("`{key}` has a value in the source but none here"),
            )),
            (None, Some(_)) => out.push(id_at(
                Code::ObsoleteValue,
                format!("`{key}` has no value in the source; this value is never shown"),
            )),
            _ => {}
        }
        for attribute in &source_entry.attributes {
            if target_entry.attribute(&attribute.name).is_none() {
                out.push(id_at(
                    Code::MissingAttribute,
                    format!(
                        "`{key}` lacks the attribute `.{}` of the source",
                        attribute.name
                    ),
                ));
            }
        }
        for attribute in &target_entry.attributes {
            if source_entry.attribute(&attribute.name).is_none() {
                out.push(ctx.at(
                    Code::ObsoleteAttribute,
                    target_file,
                    attribute.name_span.start,
                    attribute.name_span.len(),
                    Some(key),
                    format!("`{key}.{}` does not exist in the source", attribute.name),
                ));
            }
        }
    }
    for &(target_file, target_entry) in ctx.target_index.messages() {
        let key = target_entry.id.as_str();
        if ctx.source_index.message(key).is_none() {
            let mut d = ctx.at(
                Code::ObsoleteMessage,
                target_file,
                target_entry.id_span.start,
                target_entry.id_span.len(),
                Some(key),
                format!(
                    "`{key}` does not exist in {}",
                    ctx.project.source_locale().tag
                ),
            );
            d.help = Some("delete it; it is never shown".into());
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::Severity;
    use crate::check::rules::tests::{codes, run};

    const SOURCE: &[(&str, &str)] = &[(
        "a.ftl",
        "x = X\ny = Y\n    .title = T\nz =\n    .label = L\n",
    )];

    #[test]
    fn complete_translation_is_clean() {
        let d = run(
            "fr",
            SOURCE,
            &[(
                "a.ftl",
                "x = X1\ny = Y1\n    .title = T1\nz =\n    .label = L1\n",
            )],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn every_mismatch_is_reported() {
        let d = run(
            "fr",
            SOURCE,
            &[(
                "a.ftl",
                "y =\n    .other = O\nz = Z\n    .label = L1\nw = W\n",
            )],
        );
        let mut got = codes(&d);
        got.sort();
        assert_eq!(
            got,
            [
                "missing-attribute",
                "missing-message",
                "missing-value",
                "obsolete-attribute",
                "obsolete-message",
                "obsolete-value"
            ]
        );
        let missing = d
            .iter()
            .find(|d| d.code.as_str() == "missing-message")
            .unwrap();
        assert_eq!(
            (missing.file.as_str(), missing.line, missing.severity),
            ("locales/en-US/a.ftl", 1, Severity::Warning)
        );
    }

    #[test]
    fn missing_message_is_an_error_in_a_complete_locale() {
        let d = run(
            "de",
            SOURCE,
            &[("a.ftl", "y = Y1\n    .title = T1\nz =\n    .label = L1\n")],
        );
        let missing = d
            .iter()
            .find(|d| d.code.as_str() == "missing-message")
            .unwrap();
        assert_eq!(missing.severity, Severity::Error);
    }
}
