//! Check findings and configuration errors as LSP diagnostics: ranges in UTF-16, the rule code
//! with a link to its row in the guide, severities mapped (a source change's consequences in
//! translations are Information on the source message).

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticSeverity, NumberOrString, Position,
    Range, Uri,
};

use super::convert::Lines;
use crate::catalog::{Catalog, CatalogFile, EntryKind, PatternKey};
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

/// What a source buffer was found to break in the translations, kept between edits so that an
/// edit re-checks only the messages it changed in every locale.
#[derive(Debug, Default)]
pub struct Followed {
    /// Each message's text when it was last compared with its translations.
    texts: HashMap<String, String>,
    findings: Vec<Diagnostic>,
    /// False until the first full comparison, and again after anything but this buffer
    /// changed (a translation, the configuration).
    pub valid: bool,
}

impl Followed {
    /// Compares the messages of `file` that changed since last time (all of them when not
    /// valid) with their translations, and returns every finding.
    fn update(
        &mut self,
        project: &Project,
        catalog: &Catalog,
        tag: &str,
        file: &CatalogFile,
    ) -> Result<(Vec<Diagnostic>, &[Diagnostic]), check::CheckError> {
        let texts: HashMap<String, String> = file
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::Message)
            .map(|e| {
                let text = file.text.get(e.span.clone()).unwrap_or_default();
                (e.id.to_string(), text.to_string())
            })
            .collect();
        let changed: Vec<&str> = texts
            .iter()
            .filter(|(id, text)| self.texts.get(*id) != Some(text))
            .map(|(id, _)| id.as_str())
            .chain(
                self.texts
                    .keys()
                    .filter(|id| !texts.contains_key(*id))
                    .map(String::as_str),
            )
            .collect();
        let translations = if self.valid {
            check::Translations::Only(&changed)
        } else {
            check::Translations::All
        };
        let found = check::check_file(project, catalog, tag, file.clone(), translations)?;
        if self.valid {
            self.findings.retain(|d| {
                let id = d.message_id.as_deref().map(|id| PatternKey::parse(id).id);
                !id.is_some_and(|id| changed.contains(&id))
            });
            self.findings.extend(found.translations);
        } else {
            self.findings = found.translations;
        }
        self.findings.sort_by(|a, b| {
            (&a.message_id, &a.locale, a.code, &a.message).cmp(&(
                &b.message_id,
                &b.locale,
                b.code,
                &b.message,
            ))
        });
        self.texts = texts;
        self.valid = true;
        Ok((found.diagnostics, &self.findings))
    }
}

/// The diagnostics of an open `.ftl` buffer of locale `tag`, the catalog holding its text;
/// `followed` keeps a source buffer's findings in the translations between edits.
pub fn for_ftl(
    project: &Project,
    catalog: &Catalog,
    tag: &str,
    file: &CatalogFile,
    guide_url: &str,
    followed: &mut Followed,
) -> Result<Vec<LspDiagnostic>, check::CheckError> {
    let is_source = tag == project.source_locale().tag;
    let (diagnostics, translations): (Vec<Diagnostic>, &[Diagnostic]) = if is_source {
        followed.update(project, catalog, tag, file)?
    } else {
        let found = check::check_file(
            project,
            catalog,
            tag,
            file.clone(),
            check::Translations::None,
        )?;
        (found.diagnostics, &[])
    };
    let lines = Lines::new(&file.text);
    let path = project.relative(&file.path).into_owned();
    let mut out = Vec::with_capacity(diagnostics.len());
    for d in &diagnostics {
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
    for d in translations.iter().take(MAX_TRANSLATION_FINDINGS) {
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
    if translations.len() > MAX_TRANSLATION_FINDINGS {
        log(&format!(
            "{} findings in translations of {}; the first {MAX_TRANSLATION_FINDINGS} are shown",
            translations.len(),
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
