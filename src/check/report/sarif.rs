//! SARIF 2.1.0: one run of the tool `fluentpress`, one rule per check code, one result per
//! diagnostic located in the locale's file; a problem found at a source position (a missing
//! message) carries that position as its related location.
//!
//! The document is streamed: each result is serialized straight to the writer from the
//! diagnostic, so a report of 100,000 results costs the memory of one (a `serde_json::Value`
//! tree of the whole run took ~17 times the size of the text it printed). Object keys are
//! written in alphabetical order, as the tree gave them.

use std::io;

use serde::Serialize;
use serde::ser::Serializer;

use super::report_file;
use crate::check::{CheckReport, Code, Diagnostic, Severity};

#[derive(Serialize)]
struct Sarif<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    results: Results<'a>,
    tool: Tool,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    rules: Rules,
    version: &'static str,
}

/// The rules, one per code, in [`Code::ALL`] order (a result's `ruleIndex`).
struct Rules;

impl Serialize for Rules {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(Code::ALL.iter().map(|&code| Rule {
            default_configuration: Level {
                level: level(code.default_severity()),
            },
            id: code.as_str(),
            name: code.as_str(),
            short_description: Text {
                text: code.description().into(),
            },
        }))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    default_configuration: Level,
    id: &'static str,
    name: &'static str,
    short_description: Text,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

/// The results, made one at a time as the serializer asks for them.
struct Results<'a>(&'a [Diagnostic]);

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(result))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    partial_fingerprints: Option<Fingerprints>,
    properties: Properties<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    rule_id: &'static str,
    rule_index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation<'a> {
    uri: &'a str,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_column: usize,
    start_line: usize,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "fluentpressKey/v1")]
    key: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties<'a> {
    locale: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_id: Option<&'a str>,
}

fn physical<'a>(file: &'a str, region: Option<Region>) -> PhysicalLocation<'a> {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: file,
            uri_base_id: "%SRCROOT%",
        },
        region,
    }
}

fn result(d: &Diagnostic) -> SarifResult<'_> {
    let mut text = format!("[{}] {}", d.locale, d.message);
    if let Some(help) = &d.help {
        text.push_str(" (help: ");
        text.push_str(help);
        text.push(')');
    }
    let at_source = Region {
        start_column: d.column,
        start_line: d.line,
    };
    // A missing message is filed under the locale's file, which does not hold it (no region);
    // the source definition it lacks is the related location.
    let (location, related_locations) = match &d.locale_file {
        Some(locale_file) => (
            physical(locale_file, None),
            vec![Location {
                id: Some(0),
                message: Some(Text {
                    text: format!("the source of `{}`", d.message_id.as_deref().unwrap_or("")),
                }),
                physical_location: physical(&d.file, Some(at_source)),
            }],
        ),
        None => (physical(&d.file, Some(at_source)), Vec::new()),
    };
    debug_assert_eq!(location.artifact_location.uri, report_file(d));
    SarifResult {
        level: level(d.severity),
        locations: [Location {
            id: None,
            message: None,
            physical_location: location,
        }],
        message: Text { text },
        partial_fingerprints: d.message_id.as_ref().map(|id| Fingerprints {
            key: format!("{}:{}:{}:{}", d.code, d.locale, d.file, id),
        }),
        properties: Properties {
            locale: &d.locale,
            message_id: d.message_id.as_deref(),
        },
        related_locations,
        rule_id: d.code.as_str(),
        rule_index: Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0),
    }
}

/// Streams the SARIF document of `report` to `out`.
pub fn write(report: &CheckReport, out: &mut dyn io::Write) -> io::Result<()> {
    let sarif = Sarif {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            results: Results(&report.diagnostics),
            tool: Tool {
                driver: Driver {
                    name: "fluentpress",
                    rules: Rules,
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &sarif)?;
    io::Write::write_all(&mut out, b"\n")?;
    io::Write::flush(&mut out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}
