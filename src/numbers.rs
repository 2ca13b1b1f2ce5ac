//! How every command writes a number for people: a count with its noun in the right grammatical
//! number (`1 error`, `2 errors`, never `1 errors`), thousands grouped with a comma (`1,190`),
//! and a percentage of a whole rounded one way everywhere (tables, summaries, messages). The
//! machine formats (JSON, SARIF) keep plain numbers.

use std::fmt;

/// `1234567` → `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and a regular English noun: `count(1, "error")` is `1 error`, `count(1190, "error")`
/// is `1,190 errors`. Nouns whose plural is not `-s` go through [`count_as`].
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n))
    }
}

/// `n` with the noun's singular or plural as given: `count_as(2, "entry", "entries")`.
pub fn count_as(n: usize, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { singular } else { plural }
    )
}

/// `part` of `whole` in percent (100 for an empty whole).
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// `exact` (a percentage) rounded to `decimals`, except that a value under 100 never becomes
/// 100 and a value over 0 never becomes 0: one message missing of 8,398 is 99.9% (in one
/// decimal), not a complete-looking 100.0%; one translated is 0.1%, not 0.0%.
pub fn rounded_percent(exact: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let rounded = (exact * scale).round() / scale;
    let step = 1.0 / scale;
    if exact < 100.0 && rounded >= 100.0 {
        ((100.0 - step) * scale).round() / scale
    } else if exact > 0.0 && rounded <= 0.0 {
        step
    } else {
        rounded
    }
}

/// A percentage as every table and message shows it: one decimal, rounded by
/// [`rounded_percent`], with `%` (`99.9%`). Width and alignment flags apply (`{:>8}`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percent(pub f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{:.1}%", rounded_percent(self.0, 1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(2, "message"), "2 messages");
        assert_eq!(count(1190, "file"), "1,190 files");
        assert_eq!(count_as(1, "entry", "entries"), "1 entry");
        assert_eq!(count_as(1_234_567, "entry", "entries"), "1,234,567 entries");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    /// Never 100.0% while something is missing, never 0.0% while something is translated,
    /// and the ordinary half-up rounding otherwise.
    #[test]
    fn percentages_round_without_claiming_complete_or_empty() {
        assert_eq!(Percent(percent(8397, 8398)).to_string(), "99.9%");
        assert_eq!(Percent(percent(1, 100_000)).to_string(), "0.1%");
        assert_eq!(Percent(percent(8398, 8398)).to_string(), "100.0%");
        assert_eq!(Percent(percent(0, 8398)).to_string(), "0.0%");
        assert_eq!(Percent(percent(5, 8)).to_string(), "62.5%");
        assert_eq!(Percent(78.649).to_string(), "78.6%");
        assert_eq!(format!("{:>7}", Percent(25.0)), "  25.0%");
        assert_eq!(rounded_percent(percent(99_999, 100_000), 2), 99.99);
        assert_eq!(rounded_percent(percent(1, 3), 2), 33.33);
    }
}
