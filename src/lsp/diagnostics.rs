//! Check findings and configuration errors as LSP diagnostics: ranges in UTF-16, the rule code
//! with a link to its row in the guide, severities mapped (a source change's consequences in
//! translations are Information on the source message).

use std::path::Path;

use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticSeverity, NumberOrString, Position,
    Range, Uri,
};

use super::convert::Lines;
use crate::catalog::{Catalog, CatalogFile, PatternKey};
use crate::check::{self, Code, Diagnostic, Severity};
use crate::config::{self, ConfigError, Project};

/// What `source` says in every diagnostic: the tool that found it.
const SOURCE: &str = "fluentpress";

/// The most translation findings shown on one source file: a renamed variable in a project of
/// 100 locales is 100 findings per message, which say one thing.
const MAX_TRANSLATION_FINDINGS: usize = 200;

/// The link to a rule's row in the guide.
pub fn rule_href(guide_url: &str, code: Code) -> Option<Uri> {
    format!("{guide_url}checking.html#rule-{}", code.as_str())
        .parse()
        .ok()
}

fn lsp_diagnostic(
    guide_url: &str,
    range: Range,
    severity: DiagnosticSeverity,
    d: &Diagnostic,
    message: String,
) -> LspDiagnostic {
    let mut message = message;
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    LspDiagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description: rule_href(guide_url, d.code).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        data: d
            .message_id
            .as_ref()
            .map(|id| serde_json::json!({ "messageId": id, "locale": d.locale })),
        ..LspDiagnostic::default()
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    }
}

/// The diagnostics of an open `.ftl` buffer of locale `tag`, the catalog holding its text.
pub fn for_ftl(
    project: &Project,
    catalog: &Catalog,
    tag: &str,
    file: &CatalogFile,
    guide_url: &str,
) -> Result<Vec<LspDiagnostic>, check::CheckError> {
    let is_source = tag == project.source_locale().tag;
    let found = check::check_file(project, catalog, tag, file.clone(), is_source)?;
    let lines = Lines::new(&file.text);
    let path = project.relative(&file.path).into_owned();
    let mut out = Vec::with_capacity(found.diagnostics.len());
    for d in &found.diagnostics {
        let range = if d.file == path {
            lines.column_range(d.line, d.column, d.width)
        } else {
            // A `missing-message` points at the source; in the translation it belongs to the
            // file as a whole: the first line, where an editor shows it.
            Range::new(Position::new(0, 0), Position::new(0, 0))
        };
        out.push(lsp_diagnostic(
            guide_url,
            range,
            severity(d.severity),
            d,
            d.message.clone(),
        ));
    }
    for d in found.translations.iter().take(MAX_TRANSLATION_FINDINGS) {
        let Some(id) = &d.message_id else { continue };
        let key = PatternKey::parse(id);
        let Some(entry) = file.entry(key.id, key.kind) else {
            continue;
        };
        out.push(lsp_diagnostic(
            guide_url,
            lines.range(entry.id_span.clone()),
            DiagnosticSeverity::INFORMATION,
            d,
            format!("in {} ({}): {}", d.locale, d.file, d.message),
        ));
    }
    if found.translations.len() > MAX_TRANSLATION_FINDINGS {
        log(&format!(
            "{} findings in translations of {}; the first {MAX_TRANSLATION_FINDINGS} are shown",
            found.translations.len(),
            path
        ));
    }
    Ok(out)
}

/// The diagnostics of `fluentpress.yaml` as the buffer holds it: the configuration error at its
/// line and column, if any.
pub fn for_config(root: &Path, text: &str) -> Vec<LspDiagnostic> {
    let error = match config::load_project_from_text(root, text) {
        Ok(_) => return Vec::new(),
        Err(e) => e,
    };
    let lines = Lines::new(text);
    let (range, message) = match &error {
        ConfigError::Invalid { location, message } => {
            let start = lines.offset_of_column(location.line, location.column);
            let word = text[start..]
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != ',' && *c != ']')
                .count()
                .max(1);
            (
                lines.column_range(location.line, location.column, word),
                message.clone(),
            )
        }
        other => (
            Range::new(Position::new(0, 0), Position::new(0, 0)),
            crate::error_chain(other),
        ),
    };
    vec![LspDiagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message,
        ..LspDiagnostic::default()
    }]
}

/// A line on standard error, the only place a language server may talk freely (standard
/// output carries the protocol).
pub fn log(message: &str) {
    eprintln!("fluentpress lsp: {message}");
}
