//! Numbers and dates, shared by the tables.

/// `1234567` → `1,234,567` (English and Chinese group digits the same way).
pub fn group_digits(n: u64) -> String {
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

/// `part` as a share of `whole`: `42%`, `3.5%`, `0.02%`, `<0.01%` (and `0%` of nothing).
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 || part == 0 {
        return "0%".to_owned();
    }
    let p = part as f64 * 100.0 / whole as f64;
    match p {
        p if p >= 10.0 => format!("{p:.0}%"),
        p if p >= 1.0 => format!("{p:.1}%"),
        p if p >= 0.01 => format!("{p:.2}%"),
        _ => "<0.01%".to_owned(),
    }
}

/// The parts of an RFC 3339 timestamp (`2024-01-31T08:05:09.123Z`, `…+02:00`) that a date shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    /// Year.
    pub year: u32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
    /// Hour, 0–23.
    pub hour: u32,
    /// Minute, 0–59.
    pub minute: u32,
    /// The zone as shown: `UTC` for `Z`, else the offset as written (`UTC+02:00`).
    pub zone: String,
}

impl Timestamp {
    /// Parses the date and time of an RFC 3339 timestamp; `None` when it is not one.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let b = s.trim().as_bytes();
        let num = |from: usize, len: usize| -> Option<u32> {
            let part = b.get(from..from + len)?;
            part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
        };
        let at = |i: usize, c: u8| b.get(i) == Some(&c);
        if !(at(4, b'-') && at(7, b'-') && (at(10, b'T') || at(10, b't') || at(10, b' ')) && at(13, b':')) {
            return None;
        }
        let (year, month, day, hour, minute) = (num(0, 4)?, num(5, 2)?, num(8, 2)?, num(11, 2)?, num(14, 2)?);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
            return None;
        }
        // The zone is the tail after the seconds and any fraction.
        let tail = b.get(16..)?;
        let zone_at = tail.iter().position(|c| matches!(c, b'Z' | b'z' | b'+' | b'-'));
        let zone = match zone_at.and_then(|i| tail.get(i..)) {
            Some([b'Z' | b'z']) => "UTC".to_owned(),
            Some(off @ [b'+' | b'-', _, _, b':', _, _]) => format!("UTC{}", String::from_utf8_lossy(off)),
            _ => return None,
        };
        Some(Timestamp { year, month, day, hour, minute, zone })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(100_101), "100,101");
        assert_eq!(group_digits(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn parses_rfc3339_and_refuses_the_rest() {
        let t = Timestamp::parse("2024-01-31T08:05:09.123456789Z").expect("a timestamp");
        assert_eq!((t.year, t.month, t.day, t.hour, t.minute, t.zone.as_str()), (2024, 1, 31, 8, 5, "UTC"));
        let t = Timestamp::parse("2023-11-28T19:04:22+08:00").expect("with an offset");
        assert_eq!(t.zone, "UTC+08:00");
        for bad in
            ["", "yesterday", "2024-13-01T00:00:00Z", "2024-01-01T00:00:00", "2024-01-01", "2024-01-01T25:00:00Z"]
        {
            assert_eq!(Timestamp::parse(bad), None, "{bad:?}");
        }
    }
}
