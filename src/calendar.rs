//! Calendar dates without a date crate: the web export's copyright year and the print cover's date
//! are both computed from a Unix time (`SOURCE_DATE_EPOCH` or the clock), in UTC.

/// The proleptic Gregorian date (year, month 1–12, day 1–31) of a day counted from 1970-01-01
/// (Howard Hinnant's days-to-civil algorithm; exact for every `i64` day a Unix time gives).
pub fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The year of a Unix time in seconds.
pub fn year_of(seconds: i64) -> i64 {
    civil_date(seconds.div_euclid(86_400)).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_seconds_become_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(-1), (1969, 12, 31));
        assert_eq!(civil_date(19_782), (2024, 2, 29));
        assert_eq!(year_of(1_700_000_000), 2023);
        assert_eq!(year_of(1_704_067_199), 2023);
        assert_eq!(year_of(1_704_067_200), 2024);
        assert_eq!(year_of(951_782_400), 2000); // 2000-02-29
    }
}
