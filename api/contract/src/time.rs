//! Minimal calendar arithmetic on Unix seconds, so neither side pulls in a date crate (a `chrono`
//! in the wasm costs 100+ KB). The wire uses RFC 3339 UTC strings; people see India time.

pub const IST_OFFSET_SECS: i64 = 5 * 3600 + 30 * 60;

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `2026-11-28T08:35:00Z`
pub fn rfc3339(unix: i64) -> String {
    let (y, m, d) = civil_from_days(unix.div_euclid(86_400));
    let s = unix.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// Parse `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || (b[10] != b'T' && b[10] != b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d, h, mi, se) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        rest = &frac[n..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (rest.get(1..3)?.parse::<i64>().ok()? * 3600 + rest.get(4..6)?.parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo as u32, d as u32) * 86_400 + h * 3600 + mi * 60 + se - offset)
}

/// Whether `day` (days since epoch) is a Sunday: 1970-01-04 was one.
pub fn is_sunday(day: i64) -> bool {
    (day - 3).rem_euclid(7) == 0
}

/// A calendar date `YYYY-MM-DD` → days since epoch.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (s[0..4].parse::<i64>().ok()?, s[5..7].parse::<u32>().ok()?, s[8..10].parse::<u32>().ok()?);
    let days = days_from_civil(y, m, d);
    (civil_from_days(days) == (y, m, d)).then_some(days)
}

/// Days since epoch → `YYYY-MM-DD`.
/// `DD/MM/YYYY`, as dates are written in India.
pub fn civil_display(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{d:02}/{m:02}/{y}")
}

pub fn civil(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Today's date in India (days since epoch).
pub fn ist_today(unix: i64) -> i64 {
    (unix + IST_OFFSET_SECS).div_euclid(86_400)
}

/// India time as `dd/mm/yyyy, hh:mm` (24-hour), the form people read on receipts.
pub fn ist_display(unix: i64) -> String {
    let local = unix + IST_OFFSET_SECS;
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    format!("{d:02}/{m:02}/{y:04}, {:02}:{:02}", s / 3600, s / 60 % 60)
}

/// India time as `dd/mm, hh:mm` for compact lists. The space is a no-break space: in a narrow
/// list the time would otherwise wrap away from its date ("07/12," at a line's end, "13:33" below).
pub fn ist_short(unix: i64) -> String {
    let full = ist_display(unix);
    format!("{},\u{a0}{}", &full[0..5], &full[12..])
}

/// Rules that change on a date (fees, compensation): each version says when it takes effect.
pub trait Dated {
    /// `YYYY-MM-DD`.
    fn effective_from(&self) -> &str;
}

/// The version in force on `day` (days since epoch): the latest whose `effective_from` ≤ day.
pub fn in_force<S: Dated>(versions: &[S], day: i64) -> Option<&S> {
    versions
        .iter()
        .filter_map(|s| parse_date(s.effective_from()).map(|d| (d, s)))
        .filter(|(d, _)| *d <= day)
        .max_by_key(|(d, _)| *d)
        .map(|(_, s)| s)
}

/// How long until a deadline, or since it passed, in the units a person reads it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Countdown {
    pub overdue: bool,
    /// What to say, largest unit first: one or two of them, never a zero beside another.
    pub parts: [Option<(Unit, i64)>; 2],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Hour,
    Minute,
}

/// Days and hours once a deadline is a day or more away (a connection's is days off, and "71 h
/// 59 min" makes people do sums); hours and minutes below that, as a complaint's few hours are
/// counted. Under an hour the minutes are said even when zero, so there is always something.
pub fn countdown(now: i64, deadline: i64) -> Countdown {
    let left = deadline - now;
    let a = left.abs();
    let (days, hours, minutes) = (a / 86_400, a / 3600 % 24, a / 60 % 60);
    let nonzero = |unit, n| (n > 0).then_some((unit, n));
    let parts = if days > 0 {
        [Some((Unit::Day, days)), nonzero(Unit::Hour, hours)]
    } else if hours > 0 {
        [Some((Unit::Hour, hours)), nonzero(Unit::Minute, minutes)]
    } else {
        [Some((Unit::Minute, minutes)), None]
    };
    Countdown { overdue: left < 0, parts }
}

/// A wait long enough to be a limit rather than a moment's load (an hour's OTP or upload
/// allowance, not a busy server) is told in whole minutes, rounded up; a short one is not.
pub fn long_wait_minutes(secs: i64) -> Option<i64> {
    (secs > 90).then(|| (secs + 59) / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_waits_in_minutes_rounded_up() {
        assert_eq!(long_wait_minutes(90), None);
        assert_eq!(long_wait_minutes(91), Some(2));
        assert_eq!(long_wait_minutes(3600), Some(60));
        assert_eq!(long_wait_minutes(3599), Some(60));
        assert_eq!(long_wait_minutes(-5), None);
    }

    #[test]
    fn rfc3339_round_trip() {
        for t in [0, 1_795_862_100, 1_700_000_000, 951_782_400] {
            assert_eq!(parse_rfc3339(&rfc3339(t)), Some(t));
        }
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(parse_rfc3339("2026-11-28T14:05:00+05:30"), parse_rfc3339("2026-11-28T08:35:00Z"));
        assert_eq!(parse_rfc3339("2026-11-28T08:35:00.123Z"), parse_rfc3339("2026-11-28T08:35:00Z"));
        assert_eq!(parse_rfc3339("not a date"), None);
    }

    #[test]
    fn india_time() {
        let t = parse_rfc3339("2026-11-28T08:35:00Z").unwrap();
        assert_eq!(ist_display(t), "28/11/2026, 14:05");
        assert_eq!(ist_short(t), "28/11,\u{a0}14:05");
        assert_eq!(parse_date("2024-02-29").map(civil_from_days), Some((2024, 2, 29)));
        assert_eq!(parse_date("2025-02-29"), None);
    }

    #[test]
    fn countdowns_in_the_units_people_read() {
        let c = |now, deadline| countdown(now, deadline);
        let (d, h, m) = (Unit::Day, Unit::Hour, Unit::Minute);
        // A complaint's hours.
        assert_eq!(c(0, 3 * 3600 + 120), Countdown { overdue: false, parts: [Some((h, 3)), Some((m, 2))] });
        assert_eq!(c(7200, 0), Countdown { overdue: true, parts: [Some((h, 2)), None] });
        assert_eq!(c(0, 45 * 60 + 59), Countdown { overdue: false, parts: [Some((m, 45)), None] });
        assert_eq!(c(0, 30), Countdown { overdue: false, parts: [Some((m, 0)), None] });
        // A connection's days: three days less a few seconds is 2 days 23 h, not "71 h 59 min".
        assert_eq!(c(5, 3 * 86_400), Countdown { overdue: false, parts: [Some((d, 2)), Some((h, 23))] });
        assert_eq!(c(0, 30 * 86_400), Countdown { overdue: false, parts: [Some((d, 30)), None] });
        assert_eq!(c(50 * 3600 + 59, 0), Countdown { overdue: true, parts: [Some((d, 2)), Some((h, 2))] });
        assert_eq!(c(0, 86_400 + 59 * 60), Countdown { overdue: false, parts: [Some((d, 1)), None] });
    }
}
