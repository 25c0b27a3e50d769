//! Solar Hijri (Jalali, هجری شمسی) dates.
//!
//! People in Iran read and type dates in the Solar Hijri calendar; we store
//! Gregorian ISO dates. [`JalaliDate`] is the bridge. All calendar
//! arithmetic (leap years, conversion) is delegated to `icu_calendar`'s
//! Persian calendar, which has been checked against ICU; the leap rule is
//! not hand-rolled here because simple implementations are wrong by a day
//! in many years.

use crate::error::FieldError;
use crate::persian::normalize_digits;
use icu_calendar::cal::Persian;
use icu_calendar::types::RataDie;
use icu_calendar::{Date, Iso};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::RangeInclusive;

const FIELD: &str = "date";

/// The Solar Hijri years we accept (about 1821–2222 CE). Far wider than any
/// case record needs, and narrow enough to catch a Gregorian year typed
/// into a Jalali field.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 1200..=1600;

/// A real Solar Hijri date in [`SUPPORTED_YEARS`]; it cannot hold
/// 1403/12/31 or month 13.
///
/// `Display` gives `1403/12/30` with ASCII digits (the web app renders
/// Persian digits). Serde uses the Gregorian ISO form (`2025-03-20`),
/// because that is what we store and what other systems expect; ordering
/// is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JalaliDate {
    // Field order matters: the derived `Ord` is chronological.
    year: i32,
    month: u8,
    day: u8,
}

impl JalaliDate {
    /// Builds a date, checking it exists. Reasons: `year` (outside
    /// [`SUPPORTED_YEARS`]), `month` (not 1–12), `day` (not in that month,
    /// e.g. 1403/12/31).
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, FieldError> {
        let days = days_in_month(year, month)
            .ok_or_else(|| if SUPPORTED_YEARS.contains(&year) { month_error() } else { year_error() })?;
        if !(1..=days).contains(&day) {
            return Err(day_error());
        }
        Ok(Self { year, month, day })
    }

    /// The first day of its month.
    pub fn first_of_month(self) -> Self {
        Self { day: 1, ..self }
    }

    /// Parses a Jalali date as people type it: `1403/12/30`, `۱۴۰۳/۱۲/۳۰`,
    /// `1403-12-30`, `1403/1/5` (digits in any script; `/` or `-`, the same
    /// one twice). Adds reason `format` to those of [`JalaliDate::new`].
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = normalize_digits(input.trim());
        let sep = if s.contains('/') { '/' } else { '-' };
        let (y, m, d) = split3(&s, sep).ok_or_else(format_error)?;
        let year = y.parse().map_err(|_| year_error())?;
        let month = m.parse().map_err(|_| month_error())?;
        let day = d.parse().map_err(|_| day_error())?;
        Self::new(year, month, day)
    }

    /// Parses a Gregorian ISO date, `YYYY-MM-DD` exactly (ASCII digits), as
    /// stored in the database and sent by the API.
    pub fn from_iso(input: &str) -> Result<Self, FieldError> {
        let (y, m, d) = split3(input, '-')
            .filter(|(y, m, d)| y.len() == 4 && m.len() == 2 && d.len() == 2)
            .ok_or_else(format_error)?;
        // split3 checked they are ASCII digits of bounded length.
        let parse = |s: &str| s.parse::<u16>().map_err(|_| format_error());
        let (year, month, day) = (parse(y)?, parse(m)?, parse(d)?);
        let month = u8::try_from(month).map_err(|_| month_error())?;
        let day = u8::try_from(day).map_err(|_| format_error())?;
        Self::from_gregorian(i32::from(year), month, day)
    }

    /// The date for a Gregorian day. Reasons: `month`, `day` (no such
    /// Gregorian date), `year` (outside [`SUPPORTED_YEARS`] once converted).
    pub fn from_gregorian(year: i32, month: u8, day: u8) -> Result<Self, FieldError> {
        if !(1..=12).contains(&month) {
            return Err(month_error());
        }
        // A year far outside our range would be rejected by ICU as "day";
        // catch it here so the reason is right.
        if !(1500..=2500).contains(&year) {
            return Err(year_error());
        }
        let iso = Date::try_new_iso(year, month, day)
            .map_err(|_| FieldError::new(FIELD, "day", "تاریخ میلادی نامعتبر است / Invalid Gregorian date"))?;
        Self::from_icu(&iso.to_calendar(Persian))
    }

    /// The Gregorian `(year, month, day)` of this date.
    pub fn to_gregorian(self) -> (i32, u8, u8) {
        let iso = self.to_icu().to_calendar(Iso);
        (iso.year().extended_year(), iso.month().ordinal, iso.day_of_month().0)
    }

    /// The Gregorian ISO form, `YYYY-MM-DD`, as stored.
    pub fn to_iso(self) -> String {
        let (y, m, d) = self.to_gregorian();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// The Solar Hijri year.
    pub const fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 (Farvardin) to 12 (Esfand).
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub const fn day(self) -> u8 {
        self.day
    }

    /// The next day, or `None` past the end of [`SUPPORTED_YEARS`].
    pub fn next_day(self) -> Option<Self> {
        self.offset_days(1)
    }

    /// The day before, or `None` before the start of [`SUPPORTED_YEARS`].
    pub fn previous_day(self) -> Option<Self> {
        self.offset_days(-1)
    }

    /// `1403/12/30` with Persian digits: `۱۴۰۳/۱۲/۳۰`.
    pub fn to_persian_digits_string(self) -> String {
        self.to_string()
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
                None => c,
            })
            .collect()
    }

    fn offset_days(self, days: i64) -> Option<Self> {
        let rd: RataDie = self.to_icu().to_rata_die() + days;
        Self::from_icu(&Date::from_rata_die(rd, Persian)).ok()
    }

    fn to_icu(self) -> Date<Persian> {
        // Every JalaliDate was checked by `new`, so this conversion succeeds;
        // the fallback only keeps the code free of panics.
        Date::try_new_persian(self.year, self.month, self.day)
            .unwrap_or_else(|_| Date::from_rata_die(RataDie::new(0), Persian))
    }

    fn from_icu(date: &Date<Persian>) -> Result<Self, FieldError> {
        Self::new(date.year().extended_year(), date.month().ordinal, date.day_of_month().0)
    }
}

/// Days in a Solar Hijri month (31 in months 1–6, 30 in 7–11, 29 or 30 in
/// Esfand), or `None` for a month outside 1–12 or a year outside
/// [`SUPPORTED_YEARS`].
pub fn days_in_month(year: i32, month: u8) -> Option<u8> {
    if !SUPPORTED_YEARS.contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    Date::try_new_persian(year, month, 1).ok().map(|d| d.days_in_month())
}

/// Whether a Solar Hijri year is a leap year (Esfand has 30 days); `false`
/// outside [`SUPPORTED_YEARS`].
pub fn is_leap_year(year: i32) -> bool {
    days_in_month(year, 12) == Some(30)
}

/// Splits `a<sep>b<sep>c` into three non-empty runs of at most four ASCII
/// digits.
fn split3(s: &str, sep: char) -> Option<(&str, &str, &str)> {
    let mut parts = s.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    let ok = |p: &str| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && ok(a) && ok(b) && ok(c)).then_some((a, b, c))
}

fn format_error() -> FieldError {
    FieldError::new(FIELD, "format", "تاریخ را به شکل ۱۴۰۳/۱۲/۳۰ وارد کنید / Enter the date as 1403/12/30")
}

fn day_error() -> FieldError {
    FieldError::new(FIELD, "day", "این روز در این ماه وجود ندارد / Day does not exist in this month")
}

fn month_error() -> FieldError {
    FieldError::new(FIELD, "month", "ماه باید بین ۱ و ۱۲ باشد / Month must be 1 to 12")
}

fn year_error() -> FieldError {
    FieldError::new(FIELD, "year", "سال خارج از محدوده ۱۲۰۰ تا ۱۶۰۰ است / Year is outside 1200–1600")
}

impl fmt::Display for JalaliDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }
}

/// Serialized as the Gregorian ISO date (`2025-03-20`): that is what we
/// store, and it sorts and interoperates without knowing the calendar.
impl Serialize for JalaliDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

/// Deserialized from the Gregorian ISO date only, through
/// [`JalaliDate::from_iso`].
impl<'de> Deserialize<'de> for JalaliDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::from_iso(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error as DeError, StrDeserializer};

    fn date(y: i32, m: u8, d: u8) -> JalaliDate {
        JalaliDate::new(y, m, d).unwrap()
    }

    fn reason(r: Result<JalaliDate, FieldError>) -> &'static str {
        r.unwrap_err().reason
    }

    #[test]
    fn esfand_30_exists_only_in_leap_years() {
        assert_eq!(date(1403, 12, 30).to_iso(), "2025-03-20");
        assert_eq!(reason(JalaliDate::new(1403, 12, 31)), "day");
        assert_eq!(reason(JalaliDate::new(1404, 12, 30)), "day");
        assert!(JalaliDate::new(1399, 12, 30).is_ok());
        assert!(is_leap_year(1403) && is_leap_year(1399) && !is_leap_year(1404));
        assert_eq!(days_in_month(1404, 12), Some(29));
        assert_eq!(days_in_month(1404, 1), Some(31));
        assert_eq!(days_in_month(1404, 7), Some(30));
        assert_eq!(days_in_month(1404, 13), None);
        assert_eq!(days_in_month(2025, 1), None);
    }

    #[test]
    fn nowruz_1404_is_2025_03_21() {
        let nowruz = date(1404, 1, 1);
        assert_eq!(nowruz.to_gregorian(), (2025, 3, 21));
        assert_eq!(JalaliDate::from_gregorian(2025, 3, 21).unwrap(), nowruz);
        assert_eq!(JalaliDate::from_iso("2025-03-21").unwrap(), nowruz);
        assert_eq!(date(1403, 12, 30).next_day(), Some(nowruz));
        assert_eq!(nowruz.previous_day(), Some(date(1403, 12, 30)));
    }

    #[test]
    fn new_rejects_with_reasons() {
        assert_eq!(reason(JalaliDate::new(1403, 0, 1)), "month");
        assert_eq!(reason(JalaliDate::new(1403, 13, 1)), "month");
        assert_eq!(reason(JalaliDate::new(1403, 1, 0)), "day");
        assert_eq!(reason(JalaliDate::new(1403, 7, 31)), "day");
        assert_eq!(reason(JalaliDate::new(1199, 1, 1)), "year");
        assert_eq!(reason(JalaliDate::new(1601, 1, 1)), "year");
        assert_eq!(reason(JalaliDate::new(2025, 3, 20)), "year");
        assert!(JalaliDate::new(1200, 1, 1).is_ok() && JalaliDate::new(1600, 12, 29).is_ok());
    }

    #[test]
    fn parse_accepts_any_digit_script_and_separator() {
        let expected = date(1403, 12, 30);
        for s in ["1403/12/30", "۱۴۰۳/۱۲/۳۰", "١٤٠٣/١٢/٣٠", "1403-12-30", " ۱۴۰۳-۱۲-۳۰ "] {
            assert_eq!(JalaliDate::parse(s).unwrap(), expected, "{s}");
        }
        assert_eq!(JalaliDate::parse("1404/1/5").unwrap(), date(1404, 1, 5));
        assert_eq!(reason(JalaliDate::parse("1403/12/31")), "day");
        assert_eq!(reason(JalaliDate::parse("2025-03-20")), "year");
        for bad in ["", "1403", "1403/12", "1403/12-30", "1403/12/30/1", "1403//30", "۱۴۰۳/دی/۳۰", "14030/1/1"]
        {
            assert_eq!(reason(JalaliDate::parse(bad)), "format", "{bad}");
        }
    }

    #[test]
    fn iso_is_strict() {
        assert_eq!(JalaliDate::from_iso("2025-03-20").unwrap(), date(1403, 12, 30));
        for bad in ["2025-3-20", "2025/03/20", "۲۰۲۵-۰۳-۲۰", "2025-03-20T00:00", "20250320"] {
            assert_eq!(reason(JalaliDate::from_iso(bad)), "format", "{bad}");
        }
        assert_eq!(reason(JalaliDate::from_iso("2025-02-29")), "day");
        assert_eq!(reason(JalaliDate::from_iso("2025-13-01")), "month");
        assert_eq!(reason(JalaliDate::from_iso("0001-01-01")), "year");
    }

    #[test]
    fn display_and_persian_digits() {
        let d = date(1404, 1, 5);
        assert_eq!(d.to_string(), "1404/01/05");
        assert_eq!(d.to_persian_digits_string(), "۱۴۰۴/۰۱/۰۵");
        assert_eq!(JalaliDate::parse(&d.to_persian_digits_string()).unwrap(), d);
    }

    #[test]
    fn order_is_chronological() {
        assert!(date(1403, 12, 30) < date(1404, 1, 1));
        assert!(date(1404, 1, 31) < date(1404, 2, 1));
        assert!(date(1404, 2, 1) < date(1404, 2, 2));
    }

    #[test]
    fn serde_uses_iso_gregorian() {
        let de: StrDeserializer<'_, DeError> = "2025-03-20".into_deserializer();
        assert_eq!(JalaliDate::deserialize(de).unwrap(), date(1403, 12, 30));
        let de: StrDeserializer<'_, DeError> = "1403/12/30".into_deserializer();
        assert!(JalaliDate::deserialize(de).is_err());
    }

    proptest! {
        #[test]
        fn gregorian_round_trip(year in 1900i32..=2100, month in 1u8..=12, day in 1u8..=31) {
            // Skip what is not a Gregorian date, e.g. 31 April.
            prop_assume!(Date::try_new_iso(year, month, day).is_ok());
            let jalali = JalaliDate::from_gregorian(year, month, day).unwrap();
            prop_assert_eq!(jalali.to_gregorian(), (year, month, day));
            let text = format!("{year:04}-{month:02}-{day:02}");
            prop_assert_eq!(JalaliDate::from_iso(&text).unwrap().to_iso(), text);
            prop_assert_eq!(JalaliDate::parse(&jalali.to_string()).unwrap(), jalali);
        }

        #[test]
        fn the_day_after_esfand_ends_is_nowruz(year in 1200i32..1600) {
            let last = days_in_month(year, 12).unwrap();
            prop_assert!(last == 29 || last == 30);
            let next = date(year, 12, last).next_day().unwrap();
            prop_assert_eq!(next, date(year + 1, 1, 1));
            prop_assert_eq!(next.previous_day(), Some(date(year, 12, last)));
            // And via the Gregorian calendar, independently of next_day.
            let (gy, gm, gd) = date(year, 12, last).to_gregorian();
            let following = Date::try_new_iso(gy, gm, gd).unwrap().to_rata_die() + 1;
            let following = Date::from_rata_die(following, Iso);
            let jalali = JalaliDate::from_gregorian(
                following.year().extended_year(),
                following.month().ordinal,
                following.day_of_month().0,
            ).unwrap();
            prop_assert_eq!(jalali, date(year + 1, 1, 1));
        }

        #[test]
        fn every_day_of_a_year_is_one_apart(year in 1200i32..=1600) {
            let mut d = date(year, 1, 1);
            let mut count = 1;
            while let Some(n) = d.next_day().filter(|n| n.year() == year) {
                prop_assert!(n > d);
                d = n;
                count += 1;
            }
            prop_assert_eq!(count, if is_leap_year(year) { 366 } else { 365 });
        }
    }
}
