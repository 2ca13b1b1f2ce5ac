//! Which locales are published, and why the others are not: one policy for every exporter.
//!
//! `export web`, `export print`, `build`, `serve` and `status` all ask [`decide`] (or
//! [`decide_with`], given coverage already measured) and get one [`Publication`]: the locales
//! to publish with their coverage, and a [`Refusal`] with its [`Reason`] for each other one,
//! reported in one shape ([`Reason`]'s text). The rule: the source locale is always complete; a
//! target is published when the share of source messages it translates itself reaches its
//! `min_coverage` ([`reaches`]), or when incomplete locales are asked for (a preview, or
//! `--include-incomplete`). This module sits above `coverage` (which measures) and below the
//! exporters, `serve` and `status` (which act on the decision).

use crate::catalog::{Catalog, EntryIndex, LocaleCatalog};
use crate::config::{Locale, Project};
use crate::coverage::{SourceWords, coverage_of};

/// What the caller asks to publish ([`Default`]: the source, and every target that reaches
/// its `min_coverage`).
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct Request<'a> {
    /// Locales asked for; empty for all.
    pub locales: &'a [String],
    /// Publish locales below their `min_coverage` too.
    pub include_incomplete: bool,
    /// Publish the source locale even when it is not asked for: a site needs it (it is the
    /// default version and the original that outdated translations link to); a set of PDFs
    /// does not.
    pub keep_source: bool,
}

/// The decision for every configured locale.
#[derive(Debug, Clone, Default)]
pub struct Publication<'p> {
    /// In the configuration's order, the source first.
    pub published: Vec<Published<'p>>,
    /// The other locales, in the configuration's order.
    pub refused: Vec<Refusal>,
}

/// A locale to publish.
#[derive(Debug, Clone, Copy)]
pub struct Published<'p> {
    pub locale: &'p Locale,
    /// Percent of source messages the locale translates itself (100 for the source).
    pub coverage: f64,
}

/// A locale left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub tag: String,
    pub reason: Reason,
}

/// Why a locale is left out. Its text is the one every command prints.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Reason {
    /// It translates less than its `min_coverage` (both in percent).
    #[error("{} of messages translated, below its min_coverage of {min}%", crate::numbers::Percent(*coverage))]
    BelowCoverage { coverage: f64, min: f64 },
    /// Locales were asked for, and not this one.
    #[error("not among the locales asked for")]
    NotRequested,
}

impl Publication<'_> {
    /// Whether `tag` is published.
    pub fn is_published(&self, tag: &str) -> bool {
        self.published.iter().any(|p| p.locale.tag == tag)
    }

    /// The refusals worth telling: locales not asked for are no news.
    pub fn reported(&self) -> impl Iterator<Item = &Refusal> {
        self.refused
            .iter()
            .filter(|r| r.reason != Reason::NotRequested)
    }
}

/// Whether `coverage` reaches `min` (both in percent). The epsilon keeps 80.0 of 80 published
/// despite floating-point division.
pub fn reaches(coverage: f64, min: f64) -> bool {
    coverage + 1e-9 >= min
}

/// Every configured locale with the percent of source messages it translates itself, the
/// source first (100).
pub fn measure<'p>(project: &'p Project, catalog: &Catalog) -> Vec<(&'p Locale, f64)> {
    let empty = LocaleCatalog::default();
    let source = catalog
        .locale(&project.source_locale().tag)
        .unwrap_or(&empty);
    let source_index = EntryIndex::new(source);
    let words = SourceWords::new(&source_index);
    std::iter::once((project.source_locale(), 100.0))
        .chain(project.target_locales().iter().map(|locale| {
            let target = EntryIndex::new(catalog.locale(&locale.tag).unwrap_or(&empty));
            (locale, coverage_of(&words, &target).percent())
        }))
        .collect()
}

/// The decision for `project`, its coverage measured in `catalog`.
pub fn decide<'p>(
    project: &'p Project,
    catalog: &Catalog,
    request: &Request<'_>,
) -> Publication<'p> {
    decide_with(project, &measure(project, catalog), request)
}

/// The decision given each locale's coverage (as [`measure`] gives it; locales missing from
/// `coverage` are neither published nor refused).
pub fn decide_with<'p>(
    project: &Project,
    coverage: &[(&'p Locale, f64)],
    request: &Request<'_>,
) -> Publication<'p> {
    let source = &project.source_locale().tag;
    let mut publication = Publication::default();
    for &(locale, percent) in coverage {
        let is_source = &locale.tag == source;
        let asked = request.locales.is_empty()
            || request.locales.contains(&locale.tag)
            || (is_source && request.keep_source);
        let reason = if !asked {
            Some(Reason::NotRequested)
        } else if !is_source
            && !request.include_incomplete
            && !reaches(percent, locale.min_coverage)
        {
            Some(Reason::BelowCoverage {
                coverage: percent,
                min: locale.min_coverage,
            })
        } else {
            None
        };
        match reason {
            Some(reason) => publication.refused.push(Refusal {
                tag: locale.tag.clone(),
                reason,
            }),
            None => publication.published.push(Published {
                locale,
                coverage: percent,
            }),
        }
    }
    publication
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("fluentpress.yaml"),
            "site:\n  name: Acme\n  base_url: https://acme.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr\n    name: Français\n    min_coverage: 80\n  - tag: de\n    name: Deutsch\n    min_coverage: 50\n",
        )
        .unwrap();
        let project = crate::config::load_project(dir.path()).unwrap();
        (dir, project)
    }

    fn tags<'a>(publication: &'a Publication<'_>) -> Vec<&'a str> {
        publication
            .published
            .iter()
            .map(|p| p.locale.tag.as_str())
            .collect()
    }

    #[test]
    fn targets_below_their_min_coverage_are_refused_with_the_figures() {
        let (_dir, project) = project();
        let coverage: Vec<_> = [100.0, 80.0 - 1e-12, 49.0]
            .iter()
            .zip(&project.locales)
            .map(|(c, l)| (l, *c))
            .collect();
        let publication = decide_with(&project, &coverage, &Request::default());
        // 80.0 computed as 79.999... still reaches 80.
        assert_eq!(tags(&publication), ["en-US", "fr"]);
        let refusal = &publication.refused[0];
        assert_eq!(refusal.tag, "de");
        assert_eq!(
            refusal.reason.to_string(),
            "49.0% of messages translated, below its min_coverage of 50%"
        );
        let all = Request {
            include_incomplete: true,
            ..Request::default()
        };
        assert_eq!(
            tags(&decide_with(&project, &coverage, &all)),
            ["en-US", "fr", "de"]
        );
    }

    #[test]
    fn the_source_is_kept_only_when_asked_to() {
        let (_dir, project) = project();
        let coverage: Vec<_> = project.locales.iter().map(|l| (l, 100.0)).collect();
        let locales = ["de".to_string()];
        let mut request = Request {
            locales: &locales,
            ..Request::default()
        };
        let publication = decide_with(&project, &coverage, &request);
        assert_eq!(tags(&publication), ["de"]);
        assert_eq!(publication.refused.len(), 2);
        assert_eq!(publication.reported().count(), 0);
        request.keep_source = true;
        assert_eq!(
            tags(&decide_with(&project, &coverage, &request)),
            ["en-US", "de"]
        );
    }
}
