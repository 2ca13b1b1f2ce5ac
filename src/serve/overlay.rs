//! The problems shown over every served page: `check` diagnostics (`file:line:col`, code,
//! message, help), and errors that stopped a rebuild (a Markdown page that no longer parses, a
//! broken template), while the last good site is still served underneath.
//!
//! Which diagnostics: errors of every locale checked, and warnings too for the files just
//! changed (a translator editing `de/pages/profile.ftl` wants to see what is still missing in
//! that file, not every warning of the site). Everything is escaped: messages quote
//! translators' text.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::{Diagnostic, Severity};
use crate::export::web::html::escape;
use crate::numbers::count;

#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Overlay {
    /// Diagnostics by locale, then file.
    diagnostics: BTreeMap<String, BTreeMap<String, Vec<Diagnostic>>>,
    /// Errors that stopped a rebuild, by the changed file that caused them.
    errors: BTreeMap<String, String>,
}

/// The overlay as served: HTML to inject into pages, JSON for `/__fluentpress/diagnostics`.
#[derive(Debug, Default)]
pub(super) struct Rendered {
    pub html: String,
    pub json: String,
}

#[derive(Serialize)]
struct Json<'a> {
    errors: Vec<ErrorJson<'a>>,
    diagnostics: Vec<&'a Diagnostic>,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    file: &'a str,
    message: &'a str,
}

impl Overlay {
    /// Replaces what is known of `locales` with the diagnostics of a check of those locales:
    /// its errors, and its warnings in `changed_files` (project-relative).
    pub fn set_checked(
        &mut self,
        locales: &[String],
        diagnostics: &[Diagnostic],
        changed_files: &[String],
    ) {
        for tag in locales {
            self.diagnostics.remove(tag);
        }
        for d in diagnostics {
            if d.severity == Severity::Error || changed_files.contains(&d.file) {
                self.diagnostics
                    .entry(d.locale.clone())
                    .or_default()
                    .entry(d.file.clone())
                    .or_default()
                    .push(d.clone());
            }
        }
    }

    pub fn set_error(&mut self, file: &str, message: &str) {
        self.errors.insert(file.to_string(), message.to_string());
    }

    pub fn has_error(&self, file: &str) -> bool {
        self.errors.contains_key(file)
    }

    pub fn clear_error(&mut self, file: &str) {
        self.errors.remove(file);
    }

    pub fn clear_errors(&mut self) {
        self.errors.clear();
    }

    pub fn clear_errors_where(&mut self, which: impl Fn(&str) -> bool) {
        self.errors.retain(|file, _| !which(file));
    }

    fn all_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.values().flat_map(|f| f.values()).flatten()
    }

    pub fn render(&self) -> Rendered {
        let json = Json {
            errors: self
                .errors
                .iter()
                .map(|(file, message)| ErrorJson { file, message })
                .collect(),
            diagnostics: self.all_diagnostics().collect(),
        };
        let mut json = serde_json::to_string_pretty(&json).unwrap_or_default();
        json.push('\n');
        Rendered {
            html: self.html(),
            json,
        }
    }

    fn html(&self) -> String {
        use std::fmt::Write as _;
        let diagnostics: Vec<&Diagnostic> = self.all_diagnostics().collect();
        if diagnostics.is_empty() && self.errors.is_empty() {
            return String::new();
        }
        let errors = self.errors.len()
            + diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
        let warnings = diagnostics.len() + self.errors.len() - errors;
        let mut out = String::from(
            "<div id=\"fluentpress-overlay\" role=\"alert\" lang=\"en\" dir=\"ltr\" style=\"position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:45vh;overflow:auto;margin:0;padding:.6em 1em;background:#1d1f21;color:#e8e8e8;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border-top:3px solid #e5534b;text-align:left\">\n<button type=\"button\" aria-label=\"Close\" style=\"float:right;font:inherit;background:none;color:inherit;border:1px solid #888;border-radius:3px;cursor:pointer\">×</button>\n",
        );
        let _ = writeln!(
            out,
            "<strong>fluentpress serve: {}, {}</strong>",
            count(errors, "error"),
            count(warnings, "warning")
        );
        out.push_str("<ul style=\"list-style:none;margin:.4em 0 0;padding:0\">\n");
        for (file, message) in &self.errors {
            let _ = writeln!(
                out,
                "<li><span style=\"color:#ff7b72\">error</span> <code>{}</code>: {}<br><small>the last good version of the site is shown</small></li>",
                escape(file),
                escape(message)
            );
        }
        for d in diagnostics {
            let color = match d.severity {
                Severity::Error => "#ff7b72",
                Severity::Warning => "#e3b341",
            };
            let _ = write!(
                out,
                "<li><span style=\"color:{color}\">{}[{}]</span> <code>{}:{}:{}</code>: {}",
                d.severity.as_str(),
                d.code,
                escape(&d.file),
                d.line,
                d.column,
                escape(&d.message)
            );
            if let Some(help) = &d.help {
                let _ = write!(out, "<br><small>help: {}</small>", escape(help));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</div>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Code;

    fn diagnostic(severity: Severity, file: &str, message: &str) -> Diagnostic {
        Diagnostic {
            severity,
            code: Code::SyntaxError,
            locale: "fr".into(),
            file: file.into(),
            line: 3,
            column: 7,
            message_id: None,
            message: message.into(),
            help: Some("fix <it>".into()),
            locale_file: None,
            width: 1,
            source_line: None,
        }
    }

    #[test]
    fn errors_everywhere_warnings_only_in_changed_files_all_escaped() {
        let mut overlay = Overlay::default();
        assert!(overlay.render().html.is_empty());
        let found = [
            diagnostic(Severity::Error, "locales/fr/ui.ftl", "bad <script>"),
            diagnostic(Severity::Warning, "locales/fr/ui.ftl", "warned"),
            diagnostic(Severity::Warning, "locales/fr/pages/a.ftl", "elsewhere"),
        ];
        overlay.set_checked(&["fr".into()], &found, &["locales/fr/ui.ftl".into()]);
        let rendered = overlay.render();
        assert!(
            rendered.html.contains("1 error, 1 warning"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains(
                "error[syntax-error]</span> <code>locales/fr/ui.ftl:3:7</code>: bad &lt;script&gt;"
            ),
            "{}",
            rendered.html
        );
        assert!(rendered.html.contains("help: fix &lt;it&gt;"));
        assert!(!rendered.html.contains("elsewhere"));
        let json: serde_json::Value = serde_json::from_str(&rendered.json).unwrap();
        assert_eq!(json["diagnostics"].as_array().unwrap().len(), 2);
        assert_eq!(json["diagnostics"][0]["code"], "syntax-error");
        assert_eq!(json["diagnostics"][0]["line"], 3);

        // A new check of the locale replaces what was known of it.
        overlay.set_checked(&["fr".into()], &[], &[]);
        overlay.set_error("content/a.md", "content/a.md:2:1: raw <b>HTML</b>");
        let rendered = overlay.render();
        assert!(rendered.html.contains("raw &lt;b&gt;HTML&lt;/b&gt;"));
        assert!(rendered.json.contains("\"file\": \"content/a.md\""));
        overlay.clear_error("content/a.md");
        assert_eq!(overlay, Overlay::default());
    }
}
