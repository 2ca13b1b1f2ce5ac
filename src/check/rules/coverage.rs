//! `coverage-below-threshold`: the locale translates fewer messages than its `min_coverage` (or
//! `--min-coverage`). Reported at the locale's entry in `fluentpress.yaml`, where the threshold
//! is set.

use crate::check::{Code, Diagnostic, LocaleContext};
use crate::numbers::{Percent, count, thousands};

pub fn check(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    let c = ctx.coverage;
    if c.percent() >= ctx.min_coverage {
        return;
    }
    // At the locale's `min_coverage` when it sets one, else at its tag: found through the
    // file's structure (a search for `tag: fr` found `tag: fr-CA` first).
    let config = std::fs::read_to_string(&ctx.project.config_path).unwrap_or_default();
    let index = ctx
        .project
        .target_locales()
        .iter()
        .position(|l| l.tag == ctx.locale.tag)
        .unwrap_or(0);
    let setting = |key| crate::config::locale_setting_position(&config, index, key);
    let (line, column) = setting("min_coverage")
        .filter(|_| ctx.locale.min_coverage == ctx.min_coverage)
        .or_else(|| setting("tag"))
        .unwrap_or((1, 1));
    out.push(Diagnostic {
        severity: Code::CoverageBelowThreshold.default_severity(),
        code: Code::CoverageBelowThreshold,
        locale: ctx.locale.tag.clone(),
        file: ctx.project.relative(&ctx.project.config_path).into_owned(),
        line,
        column,
        message_id: None,
        message: format!(
            "{} translates {} of the messages ({} of {}), under its minimum of {}%",
            ctx.locale.tag,
            Percent(c.percent()),
            thousands(c.translated),
            thousands(c.messages),
            ctx.min_coverage
        ),
        help: Some(format!(
            "{} to go; or lower `min_coverage` for this locale",
            count(c.missing(), "message")
        )),
        locale_file: None,
        width: ctx.locale.tag.chars().count(),
        source_line: None,
    });
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::run_with;

    #[test]
    fn below_and_above_threshold() {
        let source = &[("a.ftl", "a = A\nb = B\nc = C\nd = D\n")];
        let target = &[("a.ftl", "a = Á\n")];
        let d = run_with("", "fr", source, target, &[]);
        assert!(
            d.iter()
                .all(|d| d.code.as_str() != "coverage-below-threshold")
        );
        // The test harness passes --min-coverage 0; a locale threshold alone is overridden.
        let d = crate::check::rules::tests::run_with_min_coverage(50.0, "fr", source, target);
        let cov: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "coverage-below-threshold")
            .collect();
        assert_eq!(cov.len(), 1);
        assert!(cov[0].message.contains("25.0%"), "{}", cov[0].message);
        assert_eq!(
            (cov[0].file.as_str(), cov[0].line, cov[0].column),
            ("fluentpress.yaml", 8, 10)
        );
    }
}
