//! Phase 2 of an import, match: a unit of the file against the unit rebuilt from the files on
//! disk. Its codes resolve by id to the codes the unit has now ([`code_table`]); its source is
//! compared with today's ([`comparable`]); its target becomes parts again, with every code
//! checked ([`resolve_target`]); a rewritten term must keep a value ([`term_problems`]).

use std::collections::{BTreeMap, HashMap};

use super::document::Token;
use crate::catalog::{self, EntryKind};
use crate::xliff::model::{self, Part};
use crate::xliff::units::{self, Coded, LocaleUnits, PatternUnits, Unit};

pub(super) enum TableCode {
    Ph(String),
    Pc(String, String),
}

/// The unit's codes by id, as the current export numbers them.
pub(super) fn code_table(coded: &units::CodedUnit) -> HashMap<String, TableCode> {
    fn walk(list: &[Coded], out: &mut HashMap<String, TableCode>) {
        for c in list {
            match c {
                Coded::Text(_) => {}
                Coded::Ph { id, ftl, .. } => {
                    out.entry(id.to_string())
                        .or_insert_with(|| TableCode::Ph(ftl.clone()));
                }
                Coded::Pc {
                    id,
                    open,
                    close,
                    children,
                    ..
                } => {
                    out.entry(id.to_string())
                        .or_insert_with(|| TableCode::Pc(open.clone(), close.clone()));
                    walk(children, out);
                }
            }
        }
    }
    let mut out = HashMap::new();
    walk(&coded.source, &mut out);
    if let Some(target) = &coded.target {
        walk(target, &mut out);
    }
    out
}

/// Every code of each pattern's units (source and translation), by FTL: what a target may use.
pub(super) fn allowed_codes(
    all: &[Unit],
    positions: &HashMap<*const PatternUnits, (usize, usize)>,
) -> HashMap<(usize, usize), HashMap<String, Vec<Part>>> {
    let mut out: HashMap<(usize, usize), HashMap<String, Vec<Part>>> = HashMap::new();
    for unit in all {
        let codes = out
            .entry(positions[&(unit.pattern as *const PatternUnits)])
            .or_default();
        for (ftl, parts) in unit.coded.data.iter().zip(&unit.coded.data_parts) {
            codes.insert(ftl.clone(), parts.clone());
        }
    }
    out
}

/// Which code a token stands for: the FTL the file carries, else the FTL its id has now.
fn token_ftl(token: &Token, table: &HashMap<String, TableCode>) -> Option<String> {
    let (id, ftl, which) = match token {
        Token::Text(_) => return None,
        Token::Ph { id, ftl } => (id, ftl, 0),
        Token::Open { id, ftl } => (id, ftl, 1),
        Token::Close { id, ftl } => (id, ftl, 2),
    };
    if let Some(ftl) = ftl {
        return Some(ftl.clone());
    }
    match (table.get(id.as_deref()?)?, which) {
        (TableCode::Ph(f), 0) => Some(f.clone()),
        (TableCode::Pc(open, _), 1) => Some(open.clone()),
        (TableCode::Pc(_, close), 2) => Some(close.clone()),
        _ => None,
    }
}

/// The file's source in the form [`model::inline_ftl`] gives, to compare with today's source.
pub(super) fn comparable(tokens: &[Token], table: &HashMap<String, TableCode>) -> String {
    let mut out = String::new();
    for token in tokens {
        match token {
            Token::Text(t) => out.push_str(&model::inline_ftl(&[Part::Text(t.clone())])),
            other => out.push_str(&token_ftl(other, table).unwrap_or_else(|| "\u{0}?".into())),
        }
    }
    out
}

/// The target's text, with every code checked: each must be one of the pattern's codes,
/// paired codes must balance, and every required source code must still be there.
pub(super) fn resolve_target(
    tokens: &[Token],
    table: &HashMap<String, TableCode>,
    allowed: &HashMap<String, Vec<Part>>,
    coded: &units::CodedUnit,
    current: Option<&[Part]>,
) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut used: Vec<(u8, String)> = Vec::new();
    for token in tokens {
        let (kind, id) = match token {
            Token::Text(t) => {
                model::push_part(&mut parts, Part::Text(t.clone()));
                continue;
            }
            Token::Ph { id, .. } => (0u8, id),
            Token::Open { id, .. } => (1, id),
            Token::Close { id, .. } => (2, id),
        };
        let id_text = id.as_deref().unwrap_or("?");
        let ftl = token_ftl(token, table).ok_or_else(|| {
            format!("broken protected code: code {id_text} is not a code of this unit")
        })?;
        let code_parts = allowed.get(&ftl).ok_or_else(|| {
            format!(
                "broken protected code: code {id_text} (`{ftl}`) is not a code of this message; keep the codes as exported"
            )
        })?;
        match kind {
            1 => depth += 1,
            2 => {
                depth -= 1;
                if depth < 0 {
                    return Err(format!(
                        "broken protected code: code {id_text} closes markup that is not open"
                    ));
                }
            }
            _ => {}
        }
        for part in code_parts {
            model::push_part(&mut parts, part.clone());
        }
        used.push((kind, ftl));
    }
    if depth != 0 {
        return Err("broken protected code: markup opened and never closed".into());
    }
    if current.is_some_and(|c| model::parts_equal(c, &parts)) {
        // The translation as it already is: whatever it lacks is `check`'s to report.
        return Ok(parts);
    }
    let mut missing = Vec::new();
    let mut required = Vec::new();
    collect_required(&coded.source, &mut required);
    for code in required {
        match used.iter().position(|u| *u == code) {
            Some(i) => {
                used.remove(i);
            }
            None => missing.push(format!("`{}`", code.1)),
        }
    }
    if !missing.is_empty() {
        return Err(format!(
            "missing protected code{}: the translation dropped {} (move codes, do not delete them)",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        ));
    }
    Ok(parts)
}

fn collect_required(list: &[Coded], out: &mut Vec<(u8, String)>) {
    for c in list {
        match c {
            Coded::Text(_) => {}
            Coded::Ph { ftl, required, .. } => {
                if *required {
                    out.push((0, ftl.clone()));
                }
            }
            Coded::Pc {
                open,
                close,
                required,
                children,
                ..
            } => {
                if *required {
                    out.push((1, open.clone()));
                    out.push((2, close.clone()));
                }
                collect_required(children, out);
            }
        }
    }
}

/// A term must keep a value: refuse attributes-only new terms.
pub(super) fn term_problems(
    units: &LocaleUnits,
    rebuilt: &BTreeMap<(usize, usize), String>,
    catalog: &catalog::Catalog,
    tag: &str,
) -> Vec<((usize, usize), String)> {
    let mut out = Vec::new();
    let target = catalog.locale(tag);
    for &(f, p) in rebuilt.keys() {
        let pattern = &units.files[f].patterns[p];
        if pattern.kind != EntryKind::Term || pattern.attribute.is_none() {
            continue;
        }
        let exists = target.is_some_and(|t| {
            t.entries()
                .any(|(_, e)| e.kind == EntryKind::Term && e.id == pattern.id)
        });
        let value_new = units.files[f].patterns.iter().enumerate().any(|(i, q)| {
            q.kind == EntryKind::Term
                && q.id == pattern.id
                && q.attribute.is_none()
                && rebuilt.contains_key(&(f, i))
        });
        if !exists && !value_new {
            out.push((
                (f, p),
                format!(
                    "the term -{} is new in this locale: translate its value too (a term needs one)",
                    pattern.id
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> HashMap<String, TableCode> {
        HashMap::from([
            ("1".to_string(), TableCode::Ph("{ $n }".into())),
            (
                "2".to_string(),
                TableCode::Pc("[".into(), "]({ $url })".into()),
            ),
        ])
    }

    #[test]
    fn codes_resolve_by_the_ftl_the_file_carries_else_by_id() {
        let t = table();
        let by_id = Token::Ph {
            id: Some("1".into()),
            ftl: None,
        };
        assert_eq!(token_ftl(&by_id, &t).as_deref(), Some("{ $n }"));
        let carried = Token::Ph {
            id: Some("1".into()),
            ftl: Some("{ $other }".into()),
        };
        assert_eq!(token_ftl(&carried, &t).as_deref(), Some("{ $other }"));
        let close = Token::Close {
            id: Some("2".into()),
            ftl: None,
        };
        assert_eq!(token_ftl(&close, &t).as_deref(), Some("]({ $url })"));
        let unknown = Token::Ph {
            id: Some("9".into()),
            ftl: None,
        };
        assert_eq!(token_ftl(&unknown, &t), None);
    }

    #[test]
    fn a_source_compares_in_the_form_of_todays_source() {
        let tokens = [
            Token::Text("{a} ".into()),
            Token::Open {
                id: Some("2".into()),
                ftl: None,
            },
            Token::Text("more".into()),
            Token::Close {
                id: Some("2".into()),
                ftl: None,
            },
            Token::Ph {
                id: Some("1".into()),
                ftl: None,
            },
        ];
        assert_eq!(
            comparable(&tokens, &table()),
            "{\"{\"}a{\"}\"} [more]({ $url }){ $n }"
        );
        // A code the unit does not have can never match a real source.
        let stray = [Token::Ph {
            id: Some("9".into()),
            ftl: None,
        }];
        assert!(comparable(&stray, &table()).contains('\u{0}'));
    }
}
