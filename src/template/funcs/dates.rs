//! Sprig's date functions and Go's `time` package as templates see it:
//! `time.Time` values (with Go's layout-based formatting and parsing),
//! `time.Duration`, `time.Month`/`time.Weekday` and `*time.Location`.
//!
//! The local zone (`Local`) follows Go's rules: `$TZ` when set (empty means
//! UTC), otherwise the zone `/etc/localtime` links to; anything that cannot
//! be resolved is UTC.

use std::any::Any;
use std::rc::Rc;
use std::sync::LazyLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use jiff::tz::TimeZone;

use super::super::value::{Object, V};
use super::{FuncDef, Ty, def};
use crate::values::Value;

pub static FUNCS: &[FuncDef] = &[
    def("now", &[], None, now),
    def("date", &[Ty::Str, Ty::Any], None, date),
    def(
        "dateInZone",
        &[Ty::Str, Ty::Any, Ty::Str],
        None,
        date_in_zone,
    ),
    def(
        "date_in_zone",
        &[Ty::Str, Ty::Any, Ty::Str],
        None,
        date_in_zone,
    ),
    def("htmlDate", &[Ty::Any], None, html_date),
    def(
        "htmlDateInZone",
        &[Ty::Any, Ty::Str],
        None,
        html_date_in_zone,
    ),
    def("dateModify", &[Ty::Str, Ty::Any], None, date_modify),
    def("date_modify", &[Ty::Str, Ty::Any], None, date_modify),
    def(
        "mustDateModify",
        &[Ty::Str, Ty::Any],
        None,
        must_date_modify,
    ),
    def(
        "must_date_modify",
        &[Ty::Str, Ty::Any],
        None,
        must_date_modify,
    ),
    def("ago", &[Ty::Any], None, ago),
    def("duration", &[Ty::Any], None, duration),
    def("durationRound", &[Ty::Any], None, duration_round),
    def("toDate", &[Ty::Str, Ty::Str], None, to_date),
    def("mustToDate", &[Ty::Str, Ty::Str], None, must_to_date),
    def("unixEpoch", &[Ty::Any], None, unix_epoch),
];

const NANOS_PER_SEC: i64 = 1_000_000_000;

// ---------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------

/// A Go `*time.Location`.
#[derive(Clone, Debug, PartialEq)]
pub enum Loc {
    /// `time.UTC`.
    Utc,
    /// `time.Local`.
    Local,
    /// `time.FixedZone(name, offset)`; TOML's local date/time kinds use the
    /// names `datetime-local`, `date-local` and `time-local`.
    Fixed { name: String, offset: i32 },
    /// A zone from the system tz database (`time.LoadLocation`).
    Zone(TimeZone),
}

/// The zone Go's `time.Local` stands for (`None` = UTC).
static LOCAL_TZ: LazyLock<Option<TimeZone>> = LazyLock::new(|| {
    // Unit tests compare with outputs of a UTC machine.
    if cfg!(test) {
        return None;
    }
    let name = match std::env::var("TZ") {
        Ok(tz) => tz.strip_prefix(':').unwrap_or(&tz).to_string(),
        Err(_) => {
            let target = std::fs::read_link("/etc/localtime").ok()?;
            let text = target.to_string_lossy().into_owned();
            let (_, name) = text.split_once("zoneinfo/")?;
            name.to_string()
        }
    };
    if name.is_empty() || name == "UTC" {
        return None;
    }
    zone(&name)
});

/// A zone of the system's tz database by its exact name, as Go's
/// `LoadLocation` opens `$ZONEINFO`/`/usr/share/zoneinfo/NAME` (case
/// matters there; the database lookup itself ignores case).
fn zone(name: &str) -> Option<TimeZone> {
    let tz = TimeZone::get(name).ok()?;
    (tz.iana_name() == Some(name)).then_some(tz)
}

impl Loc {
    /// Go's `time.LoadLocation`: `""`/`UTC` are UTC, `Local` the local zone,
    /// anything else a tz database name.
    pub fn load(name: &str) -> Option<Loc> {
        match name {
            "" | "UTC" => Some(Loc::Utc),
            "Local" => Some(Loc::Local),
            _ => {
                if name.contains("..") || name.starts_with('/') || name.contains('\\') {
                    return None;
                }
                zone(name).map(Loc::Zone)
            }
        }
    }

    /// `Location.String()`.
    pub fn name(&self) -> String {
        match self {
            Loc::Utc => "UTC".into(),
            Loc::Local => "Local".into(),
            Loc::Fixed { name, .. } => name.clone(),
            Loc::Zone(tz) => tz.iana_name().unwrap_or_default().to_string(),
        }
    }

    /// Offset east of UTC in seconds and the zone abbreviation in effect at
    /// the instant `secs` (Unix seconds).
    pub fn lookup(&self, secs: i64) -> (i32, String) {
        match self {
            Loc::Utc => (0, "UTC".into()),
            Loc::Fixed { name, offset } => (*offset, name.clone()),
            Loc::Local => match &*LOCAL_TZ {
                Some(tz) => tz_lookup(tz, secs),
                None => (0, "UTC".into()),
            },
            Loc::Zone(tz) => tz_lookup(tz, secs),
        }
    }

    /// Converts a civil date and time in this location to Unix seconds
    /// (Go's `time.Date` offset resolution).
    fn civil_to_unix(&self, local_secs: i64) -> i64 {
        let (off1, _) = self.lookup(local_secs);
        let utc = local_secs - i64::from(off1);
        let (off2, _) = self.lookup(utc);
        if off2 == off1 {
            utc
        } else {
            local_secs - i64::from(off2)
        }
    }
}

fn tz_lookup(tz: &TimeZone, secs: i64) -> (i32, String) {
    let Ok(ts) = jiff::Timestamp::from_second(secs) else {
        return (0, "UTC".into());
    };
    let info = tz.to_offset_info(ts);
    let seconds = info.offset().seconds();
    let abbr = match info.abbreviation() {
        "" => numeric_abbreviation(seconds),
        a => a.to_string(),
    };
    (seconds, abbr)
}

/// The tz database's numeric abbreviations (`-03`, `+0530`).
fn numeric_abbreviation(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let m = offset.unsigned_abs() / 60;
    if m.is_multiple_of(60) {
        format!("{sign}{:02}", m / 60)
    } else {
        format!("{sign}{:02}{:02}", m / 60, m % 60)
    }
}

/// A Go `*time.Location` object (`.Location` of a time).
#[derive(Debug)]
pub struct LocationObj(pub Loc);

impl Object for LocationObj {
    fn type_name(&self) -> String {
        "*time.Location".into()
    }
    fn kind_name(&self) -> &'static str {
        "ptr"
    }
    fn field(&self, name: &str) -> Option<V> {
        (name == "String").then(|| V::str(self.0.name()))
    }
    fn go_string(&self) -> String {
        self.0.name()
    }
    fn to_value(&self) -> Value {
        Value::empty_map()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

// ---------------------------------------------------------------------------
// time.Time
// ---------------------------------------------------------------------------

/// Process start for monotonic clock readings (`m=+0.001`).
static MONO_START: LazyLock<Instant> = LazyLock::new(Instant::now);

/// A Go `time.Time`: an instant, a location and possibly a monotonic clock
/// reading (only `now` has one; `Add` keeps it, `In`/`UTC`/`Round` drop it).
#[derive(Clone, Debug, PartialEq)]
pub struct GoTime {
    /// Unix seconds.
    pub secs: i64,
    /// Nanoseconds within the second (0..1e9).
    pub nsec: u32,
    pub loc: Loc,
    /// Monotonic reading in nanoseconds since process start.
    pub mono: Option<i64>,
}

/// Civil fields of a time in its location.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    min: u32,
    sec: u32,
    nsec: u32,
    /// 1-based day of the year.
    yday: u32,
    /// 0 = Sunday.
    wday: u32,
    offset: i32,
    abbr: String,
}

const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

impl GoTime {
    /// `time.Now()`.
    pub fn now() -> GoTime {
        let mono = MONO_START.elapsed().as_nanos() as i64;
        let (secs, nsec) = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
            Err(e) => {
                let d = e.duration();
                let (s, n) = (d.as_secs() as i64, d.subsec_nanos());
                if n == 0 {
                    (-s, 0)
                } else {
                    (-s - 1, 1_000_000_000 - n)
                }
            }
        };
        GoTime {
            secs,
            nsec,
            loc: Loc::Local,
            mono: Some(mono),
        }
    }

    /// `time.Unix(secs, 0)` (in Local).
    pub fn unix(secs: i64) -> GoTime {
        GoTime {
            secs,
            nsec: 0,
            loc: Loc::Local,
            mono: None,
        }
    }

    /// The zero `time.Time` (`0001-01-01 00:00:00 +0000 UTC`).
    pub fn zero() -> GoTime {
        GoTime {
            secs: -62_135_596_800,
            nsec: 0,
            loc: Loc::Utc,
            mono: None,
        }
    }

    /// A time from civil fields in `loc` (fields must be in range).
    pub fn from_civil(
        date: NaiveDate,
        hour: u32,
        min: u32,
        sec: u32,
        nsec: u32,
        loc: Loc,
    ) -> GoTime {
        let local = date
            .and_hms_opt(hour, min, sec)
            .map_or(0, |dt| dt.and_utc().timestamp());
        let secs = loc.civil_to_unix(local);
        GoTime {
            secs,
            nsec,
            loc,
            mono: None,
        }
    }

    /// `t.In(loc)` (drops the monotonic reading).
    pub fn in_loc(&self, loc: Loc) -> GoTime {
        GoTime {
            secs: self.secs,
            nsec: self.nsec,
            loc,
            mono: None,
        }
    }

    /// Nanoseconds since the Unix epoch (saturating).
    pub fn unix_nanos(&self) -> i128 {
        i128::from(self.secs) * 1_000_000_000 + i128::from(self.nsec)
    }

    /// `t.Add(d)` (keeps the monotonic reading).
    pub fn add(&self, d: i64) -> GoTime {
        let total = self.unix_nanos() + i128::from(d);
        let secs = total.div_euclid(1_000_000_000) as i64;
        let nsec = total.rem_euclid(1_000_000_000) as u32;
        GoTime {
            secs,
            nsec,
            loc: self.loc.clone(),
            mono: self.mono.map(|m| m.saturating_add(d)),
        }
    }

    /// `t.Sub(u)` as a Duration (saturating; monotonic readings win).
    pub fn sub(&self, other: &GoTime) -> i64 {
        if let (Some(a), Some(b)) = (self.mono, other.mono) {
            return a.saturating_sub(b);
        }
        let d = self.unix_nanos() - other.unix_nanos();
        d.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }

    fn civil(&self) -> Civil {
        let (offset, abbr) = self.loc.lookup(self.secs);
        let local = self.secs + i64::from(offset);
        let dt = chrono::DateTime::from_timestamp(local, 0)
            .map(|d| d.naive_utc())
            .unwrap_or_default();
        Civil {
            year: i64::from(dt.year()),
            month: dt.month(),
            day: dt.day(),
            hour: dt.hour(),
            min: dt.minute(),
            sec: dt.second(),
            nsec: self.nsec,
            yday: dt.ordinal(),
            wday: dt.weekday().num_days_from_sunday(),
            offset,
            abbr,
        }
    }

    /// `t.Format(layout)`.
    pub fn format(&self, layout: &str) -> String {
        let c = self.civil();
        let mut out = String::with_capacity(layout.len() + 10);
        let mut rest = layout;
        while !rest.is_empty() {
            let (prefix, std, suffix) = next_std_chunk(rest);
            out.push_str(prefix);
            let Some((std, _)) = std else { break };
            format_std(&mut out, std, &c);
            rest = suffix;
        }
        out
    }

    /// `t.String()`: `2006-01-02 15:04:05.999999999 -0700 MST`, plus
    /// ` m=±S.NNNNNNNNN` with a monotonic reading.
    pub fn go_string(&self) -> String {
        let mut s = self.format("2006-01-02 15:04:05.999999999 -0700 MST");
        if let Some(m) = self.mono {
            let sign = if m < 0 { '-' } else { '+' };
            let m = m.unsigned_abs();
            s.push_str(&format!(
                " m={sign}{}.{:09}",
                m / 1_000_000_000,
                m % 1_000_000_000
            ));
        }
        s
    }

    /// `t.MarshalJSON` text without quotes (RFC 3339 with nanoseconds).
    pub fn rfc3339_nano(&self) -> String {
        self.format("2006-01-02T15:04:05.999999999Z07:00")
    }

    /// How BurntSushi/toml writes this time (local kinds keep their form).
    pub fn toml_text(&self) -> String {
        match &self.loc {
            Loc::Fixed { name, .. } if name == "datetime-local" => self
                .in_loc(Loc::Utc)
                .format("2006-01-02T15:04:05.999999999"),
            Loc::Fixed { name, .. } if name == "date-local" => {
                self.in_loc(Loc::Utc).format("2006-01-02")
            }
            Loc::Fixed { name, .. } if name == "time-local" => {
                self.in_loc(Loc::Utc).format("15:04:05.999999999")
            }
            _ => self.rfc3339_nano(),
        }
    }

    /// `t.AddDate(y, m, d)` (Go normalizes overflowing months and days).
    fn add_date(&self, years: i64, months: i64, days: i64) -> GoTime {
        let c = self.civil();
        let total_months = c.year * 12 + i64::from(c.month) - 1 + years * 12 + months;
        let year = total_months.div_euclid(12);
        let month = total_months.rem_euclid(12) as u32 + 1;
        let Some(first) = i32::try_from(year)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, month, 1))
        else {
            return self.clone();
        };
        let Some(date) =
            first.checked_add_signed(chrono::TimeDelta::days(i64::from(c.day) - 1 + days))
        else {
            return self.clone();
        };
        let mut t = GoTime::from_civil(date, c.hour, c.min, c.sec, c.nsec, self.loc.clone());
        t.mono = None;
        t
    }
}

impl Object for GoTime {
    fn type_name(&self) -> String {
        "time.Time".into()
    }
    fn field(&self, name: &str) -> Option<V> {
        let c = || self.civil();
        Some(match name {
            "Year" => V::Int(c().year),
            "Month" => month_obj(c().month),
            "Day" => V::Int(i64::from(c().day)),
            "Hour" => V::Int(i64::from(c().hour)),
            "Minute" => V::Int(i64::from(c().min)),
            "Second" => V::Int(i64::from(c().sec)),
            "Nanosecond" => V::Int(i64::from(self.nsec)),
            "YearDay" => V::Int(i64::from(c().yday)),
            "Weekday" => V::Object(Rc::new(NamedInt {
                type_name: "time.Weekday",
                value: i64::from(c().wday),
                name: LONG_DAYS[c().wday as usize % 7].to_string(),
            })),
            "Unix" => V::Int64(self.secs),
            "UnixMilli" => V::Int64(clamp_i64(self.unix_nanos() / 1_000_000)),
            "UnixMicro" => V::Int64(clamp_i64(self.unix_nanos() / 1_000)),
            "UnixNano" => V::Int64(clamp_i64(self.unix_nanos())),
            "UTC" => V::Object(Rc::new(self.in_loc(Loc::Utc))),
            "Local" => V::Object(Rc::new(self.in_loc(Loc::Local))),
            "Location" => V::Object(Rc::new(LocationObj(self.loc.clone()))),
            "IsZero" => V::Bool(self.secs == GoTime::zero().secs && self.nsec == 0),
            "String" => V::str(self.go_string()),
            _ => return None,
        })
    }
    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "Format"
                | "In"
                | "Add"
                | "AddDate"
                | "Sub"
                | "Before"
                | "After"
                | "Equal"
                | "Compare"
                | "Round"
                | "Truncate"
        )
    }
    fn method_sig(&self, name: &str) -> Option<(&'static [Ty], Option<Ty>)> {
        match name {
            "Format" => Some((&[Ty::Str], None)),
            "AddDate" => Some((&[Ty::Int, Ty::Int, Ty::Int], None)),
            _ if self.has_method(name) => Some((&[Ty::Any], None)),
            _ => None,
        }
    }
    fn call(&self, name: &str, args: &[V]) -> Option<Result<V, String>> {
        if !self.has_method(name) {
            return None;
        }
        Some(self.call_method(name, args))
    }
    fn go_string(&self) -> String {
        GoTime::go_string(self)
    }
    fn to_value(&self) -> Value {
        Value::String(self.rfc3339_nano())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl GoTime {
    fn call_method(&self, name: &str, args: &[V]) -> Result<V, String> {
        let want = match name {
            "AddDate" => 3,
            _ => 1,
        };
        if args.len() != want {
            return Err(format!(
                "wrong number of args for {name}: want {want} got {}",
                args.len()
            ));
        }
        let time_arg = |v: &V| as_time(v).ok_or_else(|| wrong_type("time.Time", v));
        let dur_arg = |v: &V| as_duration(v).ok_or_else(|| wrong_type("time.Duration", v));
        Ok(match name {
            "Format" => match &args[0] {
                V::Str(s) => V::str(self.format(s)),
                other => return Err(wrong_type("string", other)),
            },
            "In" => match &args[0] {
                V::Object(o) => match o.as_any().downcast_ref::<LocationObj>() {
                    Some(l) => V::Object(Rc::new(self.in_loc(l.0.clone()))),
                    None => return Err(wrong_type("*time.Location", &args[0])),
                },
                V::Nil => return Err("time: missing Location in call to Time.In".into()),
                other => return Err(wrong_type("*time.Location", other)),
            },
            "Add" => V::Object(Rc::new(self.add(dur_arg(&args[0])?))),
            "AddDate" => {
                let mut n = [0i64; 3];
                for (slot, a) in n.iter_mut().zip(args) {
                    *slot = match a {
                        V::Int(i) => *i,
                        other => return Err(wrong_type("int", other)),
                    };
                }
                V::Object(Rc::new(self.add_date(n[0], n[1], n[2])))
            }
            "Sub" => duration_obj(self.sub(&time_arg(&args[0])?)),
            "Before" => V::Bool(self.unix_nanos() < time_arg(&args[0])?.unix_nanos()),
            "After" => V::Bool(self.unix_nanos() > time_arg(&args[0])?.unix_nanos()),
            "Equal" => V::Bool(self.unix_nanos() == time_arg(&args[0])?.unix_nanos()),
            "Compare" => {
                let o = time_arg(&args[0])?;
                V::Int(match self.unix_nanos().cmp(&o.unix_nanos()) {
                    std::cmp::Ordering::Less => -1,
                    std::cmp::Ordering::Equal => 0,
                    std::cmp::Ordering::Greater => 1,
                })
            }
            "Round" | "Truncate" => {
                let d = dur_arg(&args[0])?;
                let mut t = self.clone();
                t.mono = None;
                if d > 0 {
                    // Go rounds relative to the zero time (year 1).
                    let since_zero = self.unix_nanos() - GoTime::zero().unix_nanos();
                    let r = since_zero.rem_euclid(i128::from(d));
                    let delta = if name == "Round" && r + r >= i128::from(d) {
                        i128::from(d) - r
                    } else {
                        -r
                    };
                    t = t.add(delta as i64);
                }
                V::Object(Rc::new(t))
            }
            _ => V::Nil,
        })
    }
}

fn clamp_i64(v: i128) -> i64 {
    v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

fn wrong_type(want: &str, got: &V) -> String {
    format!(
        "wrong type for value; expected {want}; got {}",
        got.type_name()
    )
}

/// The `time.Time` inside a value, if it is one.
pub fn as_time(v: &V) -> Option<GoTime> {
    match v {
        V::Object(o) => o.as_any().downcast_ref::<GoTime>().cloned(),
        _ => None,
    }
}

/// A duration argument: a `time.Duration` object or an integer.
fn as_duration(v: &V) -> Option<i64> {
    match v {
        V::Int(i) | V::Int64(i) => Some(*i),
        V::Object(o) => o.as_any().downcast_ref::<DurationObj>().map(|d| d.0),
        _ => None,
    }
}

/// Wraps a time as a template value.
pub fn time_obj(t: GoTime) -> V {
    V::Object(Rc::new(t))
}

// ---------------------------------------------------------------------------
// time.Month / time.Weekday / time.Duration
// ---------------------------------------------------------------------------

/// An integer type with a `String()` method (`time.Month`, `time.Weekday`).
#[derive(Debug)]
pub struct NamedInt {
    pub type_name: &'static str,
    pub value: i64,
    pub name: String,
}

impl Object for NamedInt {
    fn type_name(&self) -> String {
        self.type_name.into()
    }
    fn kind_name(&self) -> &'static str {
        "int"
    }
    fn field(&self, name: &str) -> Option<V> {
        (name == "String").then(|| V::str(&self.name))
    }
    fn go_string(&self) -> String {
        self.name.clone()
    }
    fn to_value(&self) -> Value {
        Value::Int(self.value)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn month_obj(m: u32) -> V {
    V::Object(Rc::new(NamedInt {
        type_name: "time.Month",
        value: i64::from(m),
        name: LONG_MONTHS[(m as usize + 11) % 12].to_string(),
    }))
}

/// A Go `time.Duration` (nanoseconds).
#[derive(Debug)]
pub struct DurationObj(pub i64);

/// Wraps a duration as a template value.
pub fn duration_obj(d: i64) -> V {
    V::Object(Rc::new(DurationObj(d)))
}

impl Object for DurationObj {
    fn type_name(&self) -> String {
        "time.Duration".into()
    }
    fn kind_name(&self) -> &'static str {
        "int64"
    }
    fn field(&self, name: &str) -> Option<V> {
        let d = self.0;
        Some(match name {
            "String" => V::str(duration_string(d)),
            "Hours" => V::Float(split_float(d, 3_600_000_000_000)),
            "Minutes" => V::Float(split_float(d, 60_000_000_000)),
            "Seconds" => V::Float(split_float(d, NANOS_PER_SEC)),
            "Milliseconds" => V::Int64(d / 1_000_000),
            "Microseconds" => V::Int64(d / 1_000),
            "Nanoseconds" => V::Int64(d),
            "Abs" => duration_obj(if d == i64::MIN { i64::MAX } else { d.abs() }),
            _ => return None,
        })
    }
    fn has_method(&self, name: &str) -> bool {
        matches!(name, "Round" | "Truncate")
    }
    fn method_sig(&self, name: &str) -> Option<(&'static [Ty], Option<Ty>)> {
        self.has_method(name).then_some((&[Ty::Any][..], None))
    }
    fn call(&self, name: &str, args: &[V]) -> Option<Result<V, String>> {
        if !self.has_method(name) {
            return None;
        }
        let Some(m) = args.first().and_then(as_duration) else {
            return Some(Err(wrong_type(
                "time.Duration",
                args.first().unwrap_or(&V::Nil),
            )));
        };
        Some(Ok(duration_obj(if name == "Round" {
            duration_round_to(self.0, m)
        } else if m <= 0 {
            self.0
        } else {
            self.0 - self.0 % m
        })))
    }
    fn go_string(&self) -> String {
        duration_string(self.0)
    }
    fn to_value(&self) -> Value {
        Value::Int(self.0)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Go's `Duration.Hours()`-style split to keep precision.
fn split_float(d: i64, unit: i64) -> f64 {
    let whole = d / unit;
    let frac = d % unit;
    whole as f64 + frac as f64 / unit as f64
}

/// Go's `Duration.String()`: `1h2m3.5s`, `1.5ms`, `0s`.
pub fn duration_string(d: i64) -> String {
    let neg = d < 0;
    let mut u = d.unsigned_abs();
    let mut out = String::new();
    if u < NANOS_PER_SEC as u64 {
        if u == 0 {
            return "0s".into();
        }
        let (prec, unit) = if u < 1_000 {
            (0, "ns")
        } else if u < 1_000_000 {
            (3, "µs")
        } else {
            (6, "ms")
        };
        let (frac, int) = fmt_frac(u, prec);
        out.push_str(&int.to_string());
        out.push_str(&frac);
        out.push_str(unit);
    } else {
        let (frac, secs) = fmt_frac(u, 9);
        u = secs;
        let s = u % 60;
        u /= 60;
        let mut text = format!("{s}{frac}s");
        if u > 0 {
            let m = u % 60;
            u /= 60;
            text = format!("{m}m{text}");
            if u > 0 {
                text = format!("{u}h{text}");
            }
        }
        out.push_str(&text);
    }
    if neg {
        out.insert(0, '-');
    }
    out
}

/// The fraction `v / 10^prec` as `.ddd` without trailing zeros, and the
/// integer part.
fn fmt_frac(v: u64, prec: u32) -> (String, u64) {
    let p = 10u64.pow(prec);
    let int = v / p;
    let mut frac = v % p;
    if frac == 0 || prec == 0 {
        return (String::new(), int);
    }
    let mut digits = prec as usize;
    while frac.is_multiple_of(10) {
        frac /= 10;
        digits -= 1;
    }
    (format!(".{frac:0digits$}"), int)
}

/// Go's `Duration.Round(m)`: halfway values round away from zero.
pub fn duration_round_to(d: i64, m: i64) -> i64 {
    if m <= 0 {
        return d;
    }
    let less_than_half = |x: i64, y: i64| (x as u64).wrapping_add(x as u64) < y as u64;
    let mut r = d % m;
    if d < 0 {
        r = -r;
        if less_than_half(r, m) {
            return d + r;
        }
        match (d - m).checked_add(r) {
            Some(d1) if d1 < d => d1,
            _ => i64::MIN,
        }
    } else {
        if less_than_half(r, m) {
            return d - r;
        }
        match (d + r.wrapping_neg()).checked_add(m) {
            Some(d1) if d1 > d => d1,
            _ => i64::MAX,
        }
    }
}

/// Go's `time` package `quote` (for parse and duration errors): ASCII
/// kept, `"`/`\` escaped, other bytes as `\xNN`.
pub fn time_quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in s {
        if !(b' '..0x80).contains(&b) {
            out.push_str(&format!("\\x{b:02x}"));
        } else {
            if b == b'"' || b == b'\\' {
                out.push('\\');
            }
            out.push(char::from(b));
        }
    }
    out.push('"');
    out
}

/// Go's `time.ParseDuration`.
pub fn parse_duration(orig: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", time_quote(orig.as_bytes()));
    let mut s = orig.as_bytes();
    let mut neg = false;
    if let Some(&c) = s.first()
        && (c == b'-' || c == b'+')
    {
        neg = c == b'-';
        s = &s[1..];
    }
    if s == b"0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    const LIMIT: u64 = 1 << 63;
    let mut d: u64 = 0;
    while !s.is_empty() {
        if !(s[0] == b'.' || s[0].is_ascii_digit()) {
            return Err(invalid());
        }
        let before = s.len();
        let mut v: u64 = 0;
        while let Some(&c) = s.first() {
            if !c.is_ascii_digit() {
                break;
            }
            if v > LIMIT / 10 {
                return Err(invalid());
            }
            v = v * 10 + u64::from(c - b'0');
            if v > LIMIT {
                return Err(invalid());
            }
            s = &s[1..];
        }
        let pre = before != s.len();
        let mut post = false;
        let mut f: u64 = 0;
        let mut scale: f64 = 1.0;
        if s.first() == Some(&b'.') {
            s = &s[1..];
            let before = s.len();
            let mut overflow = false;
            while let Some(&c) = s.first() {
                if !c.is_ascii_digit() {
                    break;
                }
                s = &s[1..];
                if overflow {
                    continue;
                }
                if f > (LIMIT - 1) / 10 {
                    overflow = true;
                    continue;
                }
                let y = f * 10 + u64::from(c - b'0');
                if y > LIMIT {
                    overflow = true;
                    continue;
                }
                f = y;
                scale *= 10.0;
            }
            post = before != s.len();
        }
        if !pre && !post {
            return Err(invalid());
        }
        let i = s
            .iter()
            .position(|&c| c == b'.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if i == 0 {
            return Err(format!(
                "time: missing unit in duration {}",
                time_quote(orig.as_bytes())
            ));
        }
        let unit_text = &s[..i];
        s = &s[i..];
        let unit: u64 = match unit_text {
            b"ns" => 1,
            b"us" | b"\xc2\xb5s" | b"\xce\xbcs" => 1_000,
            b"ms" => 1_000_000,
            b"s" => 1_000_000_000,
            b"m" => 60_000_000_000,
            b"h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    time_quote(unit_text),
                    time_quote(orig.as_bytes())
                ));
            }
        };
        if v > LIMIT / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > LIMIT {
                return Err(invalid());
            }
        }
        d += v;
        if d > LIMIT {
            return Err(invalid());
        }
    }
    if neg {
        return Ok((d as i64).wrapping_neg());
    }
    if d > LIMIT - 1 {
        return Err(invalid());
    }
    Ok(d as i64)
}

// ---------------------------------------------------------------------------
// Layouts
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Std {
    LongMonth,
    Month,
    NumMonth,
    ZeroMonth,
    LongWeekDay,
    WeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    LongYear,
    Year,
    PM,
    Pm,
    TZ,
    Iso8601TZ,
    Iso8601SecondsTZ,
    Iso8601ShortTZ,
    Iso8601ColonTZ,
    Iso8601ColonSecondsTZ,
    NumTZ,
    NumSecondsTz,
    NumShortTZ,
    NumColonTZ,
    NumColonSecondsTZ,
    /// Fixed fractional seconds (`.000`): digits, separator.
    Frac0(usize, u8),
    /// Trimmed fractional seconds (`.999`).
    Frac9(usize, u8),
}

fn starts_with_lower(s: &[u8]) -> bool {
    s.first().is_some_and(u8::is_ascii_lowercase)
}

/// Go's `nextStdChunk`: the literal prefix, the next layout element with
/// its text, and the rest.
fn next_std_chunk(layout: &str) -> (&str, Option<(Std, &str)>, &str) {
    let l = layout.as_bytes();
    let n = l.len();
    let at = |i: usize, s: &str| l[i..].starts_with(s.as_bytes());
    for i in 0..n {
        let found: Option<(Std, usize)> = match l[i] {
            b'J' if at(i, "Jan") => {
                if at(i, "January") {
                    Some((Std::LongMonth, 7))
                } else if !starts_with_lower(&l[i + 3..]) {
                    Some((Std::Month, 3))
                } else {
                    None
                }
            }
            b'M' if n >= i + 3 => {
                if at(i, "Mon") {
                    if at(i, "Monday") {
                        Some((Std::LongWeekDay, 6))
                    } else if !starts_with_lower(&l[i + 3..]) {
                        Some((Std::WeekDay, 3))
                    } else {
                        None
                    }
                } else if at(i, "MST") {
                    Some((Std::TZ, 3))
                } else {
                    None
                }
            }
            b'0' => {
                if n >= i + 2 && (b'1'..=b'6').contains(&l[i + 1]) {
                    let std = [
                        Std::ZeroMonth,
                        Std::ZeroDay,
                        Std::ZeroHour12,
                        Std::ZeroMinute,
                        Std::ZeroSecond,
                        Std::Year,
                    ][usize::from(l[i + 1] - b'1')];
                    Some((std, 2))
                } else if at(i, "002") {
                    Some((Std::ZeroYearDay, 3))
                } else {
                    None
                }
            }
            b'1' => {
                if at(i, "15") {
                    Some((Std::Hour, 2))
                } else {
                    Some((Std::NumMonth, 1))
                }
            }
            b'2' => {
                if at(i, "2006") {
                    Some((Std::LongYear, 4))
                } else {
                    Some((Std::Day, 1))
                }
            }
            b'_' => {
                if at(i, "_2") {
                    if at(i + 1, "2006") {
                        return (
                            &layout[..i + 1],
                            Some((Std::LongYear, &layout[i + 1..i + 5])),
                            &layout[i + 5..],
                        );
                    }
                    Some((Std::UnderDay, 2))
                } else if at(i, "__2") {
                    Some((Std::UnderYearDay, 3))
                } else {
                    None
                }
            }
            b'3' => Some((Std::Hour12, 1)),
            b'4' => Some((Std::Minute, 1)),
            b'5' => Some((Std::Second, 1)),
            b'P' if at(i, "PM") => Some((Std::PM, 2)),
            b'p' if at(i, "pm") => Some((Std::Pm, 2)),
            // Zone offsets: `-0700` forms, or `Z0700` (ISO 8601: `Z` for UTC).
            c @ (b'-' | b'Z') => {
                const ZONES: [(&str, Std, Std); 5] = [
                    ("070000", Std::NumSecondsTz, Std::Iso8601SecondsTZ),
                    (
                        "07:00:00",
                        Std::NumColonSecondsTZ,
                        Std::Iso8601ColonSecondsTZ,
                    ),
                    ("0700", Std::NumTZ, Std::Iso8601TZ),
                    ("07:00", Std::NumColonTZ, Std::Iso8601ColonTZ),
                    ("07", Std::NumShortTZ, Std::Iso8601ShortTZ),
                ];
                ZONES
                    .iter()
                    .find(|(f, _, _)| at(i + 1, f))
                    .map(|(f, num, iso)| (if c == b'-' { *num } else { *iso }, f.len() + 1))
            }
            c @ (b'.' | b',') if i + 1 < n && (l[i + 1] == b'0' || l[i + 1] == b'9') => {
                let ch = l[i + 1];
                let mut j = i + 1;
                while j < n && l[j] == ch {
                    j += 1;
                }
                if j < n && l[j].is_ascii_digit() {
                    None
                } else {
                    let digits = j - (i + 1);
                    let std = if ch == b'0' {
                        Std::Frac0(digits, c)
                    } else {
                        Std::Frac9(digits, c)
                    };
                    Some((std, j - i))
                }
            }
            _ => None,
        };
        if let Some((std, len)) = found {
            return (
                &layout[..i],
                Some((std, &layout[i..i + len])),
                &layout[i + len..],
            );
        }
    }
    (layout, None, "")
}

/// Go's `appendInt` with zero padding to `width`.
fn push_int(out: &mut String, v: i64, width: usize) {
    if v < 0 {
        out.push('-');
    }
    out.push_str(&format!("{:0width$}", v.unsigned_abs()));
}

fn format_std(out: &mut String, std: Std, c: &Civil) {
    match std {
        Std::Year => push_int(out, c.year.rem_euclid(100), 2),
        Std::LongYear => push_int(out, c.year, 4),
        Std::Month => out.push_str(&LONG_MONTHS[c.month as usize - 1][..3]),
        Std::LongMonth => out.push_str(LONG_MONTHS[c.month as usize - 1]),
        Std::NumMonth => push_int(out, i64::from(c.month), 0),
        Std::ZeroMonth => push_int(out, i64::from(c.month), 2),
        Std::WeekDay => out.push_str(&LONG_DAYS[c.wday as usize][..3]),
        Std::LongWeekDay => out.push_str(LONG_DAYS[c.wday as usize]),
        Std::Day => push_int(out, i64::from(c.day), 0),
        Std::UnderDay => {
            if c.day < 10 {
                out.push(' ');
            }
            push_int(out, i64::from(c.day), 0);
        }
        Std::ZeroDay => push_int(out, i64::from(c.day), 2),
        Std::UnderYearDay => {
            if c.yday < 100 {
                out.push(' ');
                if c.yday < 10 {
                    out.push(' ');
                }
            }
            push_int(out, i64::from(c.yday), 0);
        }
        Std::ZeroYearDay => push_int(out, i64::from(c.yday), 3),
        Std::Hour => push_int(out, i64::from(c.hour), 2),
        Std::Hour12 | Std::ZeroHour12 => {
            let hr = match c.hour % 12 {
                0 => 12,
                h => h,
            };
            push_int(out, i64::from(hr), if std == Std::Hour12 { 0 } else { 2 });
        }
        Std::Minute => push_int(out, i64::from(c.min), 0),
        Std::ZeroMinute => push_int(out, i64::from(c.min), 2),
        Std::Second => push_int(out, i64::from(c.sec), 0),
        Std::ZeroSecond => push_int(out, i64::from(c.sec), 2),
        Std::PM => out.push_str(if c.hour >= 12 { "PM" } else { "AM" }),
        Std::Pm => out.push_str(if c.hour >= 12 { "pm" } else { "am" }),
        Std::Iso8601TZ
        | Std::Iso8601ColonTZ
        | Std::Iso8601SecondsTZ
        | Std::Iso8601ShortTZ
        | Std::Iso8601ColonSecondsTZ
        | Std::NumTZ
        | Std::NumColonTZ
        | Std::NumSecondsTz
        | Std::NumShortTZ
        | Std::NumColonSecondsTZ => {
            let iso = matches!(
                std,
                Std::Iso8601TZ
                    | Std::Iso8601ColonTZ
                    | Std::Iso8601SecondsTZ
                    | Std::Iso8601ShortTZ
                    | Std::Iso8601ColonSecondsTZ
            );
            if iso && c.offset == 0 {
                out.push('Z');
                return;
            }
            let mut zone = c.offset / 60;
            let absoffset = c.offset.abs();
            if zone < 0 {
                out.push('-');
                zone = -zone;
            } else {
                out.push('+');
            }
            push_int(out, i64::from(zone / 60), 2);
            let colon = matches!(
                std,
                Std::Iso8601ColonTZ
                    | Std::NumColonTZ
                    | Std::Iso8601ColonSecondsTZ
                    | Std::NumColonSecondsTZ
            );
            if colon {
                out.push(':');
            }
            if std != Std::NumShortTZ && std != Std::Iso8601ShortTZ {
                push_int(out, i64::from(zone % 60), 2);
            }
            if matches!(
                std,
                Std::Iso8601SecondsTZ
                    | Std::NumSecondsTz
                    | Std::NumColonSecondsTZ
                    | Std::Iso8601ColonSecondsTZ
            ) {
                if colon {
                    out.push(':');
                }
                push_int(out, i64::from(absoffset % 60), 2);
            }
        }
        Std::TZ => {
            if !c.abbr.is_empty() {
                out.push_str(&c.abbr);
                return;
            }
            let mut zone = c.offset / 60;
            if zone < 0 {
                out.push('-');
                zone = -zone;
            } else {
                out.push('+');
            }
            push_int(out, i64::from(zone / 60), 2);
            push_int(out, i64::from(zone % 60), 2);
        }
        Std::Frac0(n, sep) | Std::Frac9(n, sep) => {
            let trim = matches!(std, Std::Frac9(..));
            if trim && (n == 0 || c.nsec == 0) {
                return;
            }
            let digits = format!("{:09}", c.nsec);
            let mut frac = &digits[..n.min(9)];
            if trim {
                frac = frac.trim_end_matches('0');
                if frac.is_empty() {
                    return;
                }
            }
            out.push(char::from(sep));
            out.push_str(frac);
        }
    }
}

// ---------------------------------------------------------------------------
// Parsing (time.ParseInLocation)
// ---------------------------------------------------------------------------

fn getnum(s: &[u8], fixed: bool) -> Option<(i64, &[u8])> {
    let d0 = *s.first().filter(|c| c.is_ascii_digit())?;
    match s.get(1) {
        Some(d1) if d1.is_ascii_digit() => {
            Some((i64::from(d0 - b'0') * 10 + i64::from(d1 - b'0'), &s[2..]))
        }
        _ if fixed => None,
        _ => Some((i64::from(d0 - b'0'), &s[1..])),
    }
}

fn getnum3(s: &[u8], fixed: bool) -> Option<(i64, &[u8])> {
    let mut n = 0i64;
    let mut i = 0;
    while i < 3 && s.get(i).is_some_and(u8::is_ascii_digit) {
        n = n * 10 + i64::from(s[i] - b'0');
        i += 1;
    }
    if i == 0 || (fixed && i != 3) {
        return None;
    }
    Some((n, &s[i..]))
}

fn cutspace(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&c| c == b' ').count();
    &s[n..]
}

/// Go's `skip`: matches a literal layout prefix, runs of spaces matching
/// runs of spaces.
fn skip<'a>(mut value: &'a [u8], prefix: &str) -> Result<&'a [u8], &'a [u8]> {
    let mut p = prefix.as_bytes();
    while !p.is_empty() {
        if p[0] == b' ' {
            if !value.is_empty() && value[0] != b' ' {
                return Err(value);
            }
            p = cutspace(p);
            value = cutspace(value);
            continue;
        }
        if value.is_empty() || value[0] != p[0] {
            return Err(value);
        }
        p = &p[1..];
        value = &value[1..];
    }
    Ok(value)
}

/// Case-insensitive prefix match against a name table.
fn lookup_name<'a>(tab: &[&str], val: &'a [u8]) -> Option<(usize, &'a [u8])> {
    for (i, name) in tab.iter().enumerate() {
        let n = name.len();
        if val.len() >= n && val[..n].eq_ignore_ascii_case(name.as_bytes()) {
            return Some((i, &val[n..]));
        }
    }
    None
}

fn leading_int(s: &[u8]) -> Option<(u64, &[u8])> {
    let mut x: u64 = 0;
    let mut i = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        if x > (1 << 63) / 10 {
            return None;
        }
        x = x * 10 + u64::from(s[i] - b'0');
        if x > 1 << 63 {
            return None;
        }
        i += 1;
    }
    Some((x, &s[i..]))
}

fn parse_signed_offset(value: &[u8]) -> usize {
    match value.first() {
        Some(b'-' | b'+') => {}
        _ => return 0,
    }
    match leading_int(&value[1..]) {
        Some((x, rem)) if rem.len() != value.len() - 1 && x <= 12 => value.len() - rem.len(),
        _ => 0,
    }
}

/// Go's `parseTimeZone`: length of a zone abbreviation at the start.
fn parse_time_zone(value: &[u8]) -> Option<usize> {
    if value.len() < 3 {
        return None;
    }
    if value.starts_with(b"ChST") || value.starts_with(b"MeST") {
        return Some(4);
    }
    if value.starts_with(b"GMT") {
        let rest = &value[3..];
        if rest.is_empty() {
            return Some(3);
        }
        return Some(3 + parse_signed_offset(rest));
    }
    if value[0] == b'+' || value[0] == b'-' {
        let n = parse_signed_offset(value);
        return (n > 0).then_some(n);
    }
    let upper = value
        .iter()
        .take(6)
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    match upper {
        3 => Some(3),
        4 if value[3] == b'T' || value.starts_with(b"WITA") => Some(4),
        5 if value[4] == b'T' => Some(5),
        _ => None,
    }
}

fn parse_nanoseconds(value: &[u8], nbytes: usize) -> Result<i64, ()> {
    if !matches!(value.first(), Some(b'.' | b',')) {
        return Err(());
    }
    let nbytes = nbytes.min(10);
    let digits = &value[1..nbytes];
    let mut ns: i64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return Err(());
        }
        ns = ns * 10 + i64::from(d - b'0');
    }
    for _ in 0..(10 - nbytes) {
        ns *= 10;
    }
    Ok(ns)
}

fn days_in(month: i64, year: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Go's `time.ParseInLocation(layout, value, loc)` with Go's error texts.
pub fn parse_in_location(layout: &str, value_str: &str, loc: Loc) -> Result<GoTime, String> {
    let avalue = value_str.as_bytes();
    let cannot = |value_elem: &[u8], layout_elem: &str| {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            time_quote(avalue),
            time_quote(layout.as_bytes()),
            time_quote(value_elem),
            time_quote(layout_elem.as_bytes())
        )
    };
    let message = |msg: &str| format!("parsing time {}{msg}", time_quote(avalue));

    let mut value: &[u8] = avalue;
    let mut rest_layout = layout;
    let (mut year, mut month, mut day, mut yday) = (0i64, -1i64, -1i64, -1i64);
    let (mut hour, mut min, mut sec, mut nsec) = (0i64, 0i64, 0i64, 0i64);
    let mut z: Option<Loc> = None;
    let mut zone_offset: i64 = -1;
    let mut zone_name = String::new();
    let (mut pm_set, mut am_set) = (false, false);

    loop {
        let (prefix, std, suffix) = next_std_chunk(rest_layout);
        value = skip(value, prefix).map_err(|v| cannot(v, prefix))?;
        let Some((std, stdstr)) = std else {
            if !value.is_empty() {
                return Err(message(&format!(": extra text: {}", time_quote(value))));
            }
            break;
        };
        rest_layout = suffix;
        let hold = value;
        let mut range_err: Option<&str> = None;
        let bad = || cannot(hold, stdstr);
        match std {
            Std::Year => {
                if value.len() < 2 {
                    return Err(bad());
                }
                let (p, v) = value.split_at(2);
                let y = getnum(p, true).map(|x| x.0).ok_or_else(bad)?;
                year = if y >= 69 { y + 1900 } else { y + 2000 };
                value = v;
            }
            Std::LongYear => {
                if value.len() < 4 || !value[0].is_ascii_digit() {
                    return Err(bad());
                }
                let (p, v) = value.split_at(4);
                if !p.iter().all(u8::is_ascii_digit) {
                    return Err(bad());
                }
                year = p.iter().fold(0, |a, &d| a * 10 + i64::from(d - b'0'));
                value = v;
            }
            Std::Month | Std::LongMonth => {
                let tab: Vec<&str> = if std == Std::Month {
                    LONG_MONTHS.iter().map(|m| &m[..3]).collect()
                } else {
                    LONG_MONTHS.to_vec()
                };
                let (i, v) = lookup_name(&tab, value).ok_or_else(bad)?;
                month = i as i64 + 1;
                value = v;
            }
            Std::NumMonth | Std::ZeroMonth => {
                let (m, v) = getnum(value, std == Std::ZeroMonth).ok_or_else(bad)?;
                month = m;
                value = v;
                if !(1..=12).contains(&month) {
                    range_err = Some("month");
                }
            }
            Std::WeekDay | Std::LongWeekDay => {
                let tab: Vec<&str> = if std == Std::WeekDay {
                    LONG_DAYS.iter().map(|d| &d[..3]).collect()
                } else {
                    LONG_DAYS.to_vec()
                };
                value = lookup_name(&tab, value).ok_or_else(bad)?.1;
            }
            Std::Day | Std::UnderDay | Std::ZeroDay => {
                if std == Std::UnderDay && value.first() == Some(&b' ') {
                    value = &value[1..];
                }
                let (d, v) = getnum(value, std == Std::ZeroDay).ok_or_else(bad)?;
                day = d;
                value = v;
            }
            Std::UnderYearDay | Std::ZeroYearDay => {
                for _ in 0..2 {
                    if std == Std::UnderYearDay && value.first() == Some(&b' ') {
                        value = &value[1..];
                    }
                }
                let (d, v) = getnum3(value, std == Std::ZeroYearDay).ok_or_else(bad)?;
                yday = d;
                value = v;
            }
            Std::Hour => {
                let (h, v) = getnum(value, false).ok_or_else(bad)?;
                hour = h;
                value = v;
                if !(0..24).contains(&hour) {
                    range_err = Some("hour");
                }
            }
            Std::Hour12 | Std::ZeroHour12 => {
                let (h, v) = getnum(value, std == Std::ZeroHour12).ok_or_else(bad)?;
                hour = h;
                value = v;
                if !(0..=12).contains(&hour) {
                    range_err = Some("hour");
                }
            }
            Std::Minute | Std::ZeroMinute => {
                let (m, v) = getnum(value, std == Std::ZeroMinute).ok_or_else(bad)?;
                min = m;
                value = v;
                if !(0..60).contains(&min) {
                    range_err = Some("minute");
                }
            }
            Std::Second | Std::ZeroSecond => {
                let (s, v) = getnum(value, std == Std::ZeroSecond).ok_or_else(bad)?;
                sec = s;
                value = v;
                if !(0..60).contains(&sec) {
                    range_err = Some("second");
                } else if value.len() >= 2
                    && matches!(value[0], b'.' | b',')
                    && value[1].is_ascii_digit()
                {
                    let (_, next, _) = next_std_chunk(rest_layout);
                    if !matches!(next, Some((Std::Frac0(..) | Std::Frac9(..), _))) {
                        let mut n = 2;
                        while n < value.len() && value[n].is_ascii_digit() {
                            n += 1;
                        }
                        nsec = parse_nanoseconds(value, n).map_err(|()| bad())?;
                        value = &value[n..];
                    }
                }
            }
            Std::PM | Std::Pm => {
                if value.len() < 2 {
                    return Err(bad());
                }
                let (p, v) = value.split_at(2);
                let (pm, am): (&[u8], &[u8]) = if std == Std::PM {
                    (b"PM", b"AM")
                } else {
                    (b"pm", b"am")
                };
                if p == pm {
                    pm_set = true;
                } else if p == am {
                    am_set = true;
                } else {
                    return Err(bad());
                }
                value = v;
            }
            Std::Iso8601TZ
            | Std::Iso8601ShortTZ
            | Std::Iso8601ColonTZ
            | Std::Iso8601SecondsTZ
            | Std::Iso8601ColonSecondsTZ
            | Std::NumTZ
            | Std::NumShortTZ
            | Std::NumColonTZ
            | Std::NumSecondsTz
            | Std::NumColonSecondsTZ => {
                let iso = matches!(
                    std,
                    Std::Iso8601TZ
                        | Std::Iso8601ShortTZ
                        | Std::Iso8601ColonTZ
                        | Std::Iso8601SecondsTZ
                        | Std::Iso8601ColonSecondsTZ
                );
                if iso && value.first() == Some(&b'Z') {
                    value = &value[1..];
                    z = Some(Loc::Utc);
                } else {
                    let (sign, hh, mm, ss, v): (u8, &[u8], &[u8], &[u8], &[u8]) = match std {
                        Std::Iso8601ColonTZ | Std::NumColonTZ => {
                            if value.len() < 6 || value[3] != b':' {
                                return Err(bad());
                            }
                            (value[0], &value[1..3], &value[4..6], b"00", &value[6..])
                        }
                        Std::NumShortTZ | Std::Iso8601ShortTZ => {
                            if value.len() < 3 {
                                return Err(bad());
                            }
                            (value[0], &value[1..3], b"00", b"00", &value[3..])
                        }
                        Std::Iso8601ColonSecondsTZ | Std::NumColonSecondsTZ => {
                            if value.len() < 9 || value[3] != b':' || value[6] != b':' {
                                return Err(bad());
                            }
                            (
                                value[0],
                                &value[1..3],
                                &value[4..6],
                                &value[7..9],
                                &value[9..],
                            )
                        }
                        Std::Iso8601SecondsTZ | Std::NumSecondsTz => {
                            if value.len() < 7 {
                                return Err(bad());
                            }
                            (
                                value[0],
                                &value[1..3],
                                &value[3..5],
                                &value[5..7],
                                &value[7..],
                            )
                        }
                        _ => {
                            if value.len() < 5 {
                                return Err(bad());
                            }
                            (value[0], &value[1..3], &value[3..5], b"00", &value[5..])
                        }
                    };
                    let num = |s: &[u8]| getnum(s, true).map(|x| x.0).ok_or_else(bad);
                    let (h, m, s) = (num(hh)?, num(mm)?, num(ss)?);
                    if h > 24 {
                        range_err = Some("time zone offset hour");
                    }
                    if m > 60 {
                        range_err = Some("time zone offset minute");
                    }
                    if s > 60 {
                        range_err = Some("time zone offset second");
                    }
                    zone_offset = (h * 60 + m) * 60 + s;
                    match sign {
                        b'+' => {}
                        b'-' => zone_offset = -zone_offset,
                        _ => return Err(bad()),
                    }
                    value = v;
                }
            }
            Std::TZ => {
                if value.starts_with(b"UTC") {
                    z = Some(Loc::Utc);
                    value = &value[3..];
                } else {
                    let n = parse_time_zone(value).ok_or_else(bad)?;
                    zone_name = String::from_utf8_lossy(&value[..n]).into_owned();
                    value = &value[n..];
                }
            }
            Std::Frac0(digits, _) => {
                let ndigit = 1 + digits;
                if value.len() < ndigit {
                    return Err(bad());
                }
                nsec = parse_nanoseconds(value, ndigit).map_err(|()| bad())?;
                value = &value[ndigit..];
            }
            Std::Frac9(..) => {
                if value.len() >= 2 && matches!(value[0], b'.' | b',') && value[1].is_ascii_digit()
                {
                    let mut i = 0;
                    while i + 1 < value.len() && value[i + 1].is_ascii_digit() {
                        i += 1;
                    }
                    nsec = parse_nanoseconds(value, 1 + i).map_err(|()| bad())?;
                    value = &value[1 + i..];
                }
            }
        }
        if let Some(what) = range_err {
            return Err(message(&format!(": {what} out of range")));
        }
    }

    if pm_set && hour < 12 {
        hour += 12;
    } else if am_set && hour == 12 {
        hour = 0;
    }

    if yday >= 0 {
        let mut d = 0;
        let mut m = 0;
        if is_leap(year) {
            if yday == 31 + 29 {
                m = 2;
                d = 29;
            } else if yday > 31 + 29 {
                yday -= 1;
            }
        }
        if !(1..=365).contains(&yday) {
            return Err(message(": day-of-year out of range"));
        }
        if m == 0 {
            const BEFORE: [i64; 13] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
            m = (yday - 1) / 31 + 1;
            if BEFORE[m as usize] < yday {
                m += 1;
            }
            d = yday - BEFORE[m as usize - 1];
        }
        if month >= 0 && month != m {
            return Err(message(": day-of-year does not match month"));
        }
        month = m;
        if day >= 0 && day != d {
            return Err(message(": day-of-year does not match day"));
        }
        day = d;
    } else {
        if month < 0 {
            month = 1;
        }
        if day < 0 {
            day = 1;
        }
    }

    if day < 1 || day > days_in(month, year) {
        return Err(message(": day out of range"));
    }

    let date = i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month as u32, day as u32))
        .ok_or_else(|| message(": year out of range"))?;
    let local_secs = NaiveDateTime::new(
        date,
        chrono::NaiveTime::from_hms_opt(hour as u32, min as u32, sec as u32).unwrap_or_default(),
    )
    .and_utc()
    .timestamp();
    let nsec = nsec as u32;

    if let Some(z) = z {
        let secs = z.civil_to_unix(local_secs);
        return Ok(GoTime {
            secs,
            nsec,
            loc: z,
            mono: None,
        });
    }
    if zone_offset != -1 {
        let secs = local_secs - zone_offset;
        let (off, name) = loc.lookup(secs);
        if i64::from(off) == zone_offset && (zone_name.is_empty() || name == zone_name) {
            return Ok(GoTime {
                secs,
                nsec,
                loc,
                mono: None,
            });
        }
        return Ok(GoTime {
            secs,
            nsec,
            loc: Loc::Fixed {
                name: zone_name,
                offset: zone_offset as i32,
            },
            mono: None,
        });
    }
    if !zone_name.is_empty() {
        // A zone of the location with that abbreviation (around that time).
        for probe in [0i64, -183 * 86_400, 183 * 86_400] {
            let (off, name) = loc.lookup(local_secs + probe);
            if name == zone_name {
                return Ok(GoTime {
                    secs: local_secs - i64::from(off),
                    nsec,
                    loc,
                    mono: None,
                });
            }
        }
        let mut offset = 0i32;
        if zone_name.len() > 3 && zone_name.starts_with("GMT") {
            offset = zone_name[3..].parse::<i32>().unwrap_or(0) * 3600;
        }
        // Go keeps the clock reading as UTC and only attaches the fake zone.
        return Ok(GoTime {
            secs: local_secs,
            nsec,
            loc: Loc::Fixed {
                name: zone_name,
                offset,
            },
            mono: None,
        });
    }
    let secs = loc.civil_to_unix(local_secs);
    Ok(GoTime {
        secs,
        nsec,
        loc,
        mono: None,
    })
}

// ---------------------------------------------------------------------------
// Template functions
// ---------------------------------------------------------------------------

fn str_arg(args: &[V], i: usize) -> &str {
    args.get(i).and_then(V::as_str).unwrap_or("")
}

fn now(_: &[V]) -> Result<V, String> {
    Ok(time_obj(GoTime::now()))
}

/// The time Sprig's `date` family accepts: `time.Time`, or Unix seconds as
/// `int`/`int64`; anything else means now.
fn date_arg(v: &V) -> GoTime {
    match v {
        V::Int(i) | V::Int64(i) => GoTime::unix(*i),
        _ => as_time(v).unwrap_or_else(GoTime::now),
    }
}

fn format_in_zone(layout: &str, t: &V, zone: &str) -> V {
    let loc = Loc::load(zone).unwrap_or(Loc::Utc);
    V::str(date_arg(t).in_loc(loc).format(layout))
}

fn date(args: &[V]) -> Result<V, String> {
    Ok(format_in_zone(
        str_arg(args, 0),
        args.get(1).unwrap_or(&V::Nil),
        "Local",
    ))
}

fn date_in_zone(args: &[V]) -> Result<V, String> {
    Ok(format_in_zone(
        str_arg(args, 0),
        args.get(1).unwrap_or(&V::Nil),
        str_arg(args, 2),
    ))
}

fn html_date(args: &[V]) -> Result<V, String> {
    Ok(format_in_zone(
        "2006-01-02",
        args.first().unwrap_or(&V::Nil),
        "Local",
    ))
}

fn html_date_in_zone(args: &[V]) -> Result<V, String> {
    Ok(format_in_zone(
        "2006-01-02",
        args.first().unwrap_or(&V::Nil),
        str_arg(args, 1),
    ))
}

fn time_param(args: &[V], i: usize) -> Result<GoTime, String> {
    let v = args.get(i).unwrap_or(&V::Nil);
    as_time(v).ok_or_else(|| wrong_type("time.Time", v))
}

fn date_modify(args: &[V]) -> Result<V, String> {
    let t = time_param(args, 1)?;
    Ok(match parse_duration(str_arg(args, 0)) {
        Ok(d) => time_obj(t.add(d)),
        Err(_) => time_obj(t),
    })
}

fn must_date_modify(args: &[V]) -> Result<V, String> {
    let t = time_param(args, 1)?;
    let d = parse_duration(str_arg(args, 0))?;
    Ok(time_obj(t.add(d)))
}

fn ago(args: &[V]) -> Result<V, String> {
    let t = match args.first() {
        Some(V::Int(i) | V::Int64(i)) => GoTime::unix(*i),
        Some(v) => as_time(v).unwrap_or_else(GoTime::now),
        None => GoTime::now(),
    };
    let since = GoTime::now().sub(&t);
    Ok(V::str(duration_string(duration_round_to(
        since,
        NANOS_PER_SEC,
    ))))
}

fn duration(args: &[V]) -> Result<V, String> {
    let n: i64 = match args.first() {
        Some(V::Str(s)) => parse_decimal_i64(s).unwrap_or(0),
        Some(V::Int64(i)) => *i,
        _ => 0,
    };
    Ok(V::str(duration_string(n.wrapping_mul(NANOS_PER_SEC))))
}

/// `strconv.ParseInt(s, 10, 64)`.
fn parse_decimal_i64(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

fn duration_round(args: &[V]) -> Result<V, String> {
    let d: i64 = match args.first() {
        Some(V::Str(s)) => parse_duration(s).unwrap_or(0),
        Some(V::Int64(i)) => *i,
        Some(v) => match as_time(v) {
            Some(t) => GoTime::now().sub(&t),
            None => 0,
        },
        None => 0,
    };
    let u = d.unsigned_abs();
    const HOUR: u64 = 3_600_000_000_000;
    let units: [(u64, &str); 6] = [
        (HOUR * 24 * 365, "y"),
        (HOUR * 24 * 30, "mo"),
        (HOUR * 24, "d"),
        (HOUR, "h"),
        (60_000_000_000, "m"),
        (1_000_000_000, "s"),
    ];
    for (unit, suffix) in units {
        if u > unit {
            return Ok(V::str(format!("{}{suffix}", u / unit)));
        }
    }
    Ok(V::str("0s"))
}

fn to_date(args: &[V]) -> Result<V, String> {
    Ok(time_obj(
        parse_in_location(str_arg(args, 0), str_arg(args, 1), Loc::Local)
            .unwrap_or_else(|_| GoTime::zero()),
    ))
}

fn must_to_date(args: &[V]) -> Result<V, String> {
    parse_in_location(str_arg(args, 0), str_arg(args, 1), Loc::Local).map(time_obj)
}

fn unix_epoch(args: &[V]) -> Result<V, String> {
    Ok(V::str(time_param(args, 0)?.secs.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_come_from_the_system_database_by_exact_name() {
        // Go opens /usr/share/zoneinfo/NAME: names are case-sensitive.
        assert!(matches!(Loc::load("Europe/Berlin"), Some(Loc::Zone(_))));
        assert_eq!(Loc::load("europe/berlin"), None);
        assert_eq!(Loc::load("Mars/Olympus"), None);
        assert_eq!(Loc::load("../etc/passwd"), None);
        let berlin = Loc::load("Europe/Berlin").expect("zone");
        assert_eq!(berlin.name(), "Europe/Berlin");
        // 2023-07-01T00:00:00Z: summer time.
        assert_eq!(berlin.lookup(1_688_169_600), (7200, "CEST".to_string()));
    }

    fn call(name: &str, args: &[V]) -> Result<V, String> {
        let f = FUNCS.iter().find(|f| f.name == name).expect(name);
        (f.f)(args)
    }

    fn s(name: &str, args: &[V]) -> String {
        match call(name, args) {
            Ok(v) => v.go_string(),
            Err(e) => format!("ERR {e}"),
        }
    }

    fn date_of(layout: &str, value: &str) -> V {
        call("toDate", &[V::str(layout), V::str(value)]).unwrap()
    }

    #[test]
    fn formats_with_go_layouts() {
        let layout = "2006-01-02 15:04:05.000 Mon Jan MST -07:00 Z07:00 PM pm 3 03 _2 __2 002 .999 ,000000 January Monday";
        assert_eq!(
            s("date", &[V::str(layout), V::Int(0)]),
            "1970-01-01 00:00:00.000 Thu Jan UTC +00:00 Z AM am 12 12  1   1 001  ,000000 January Thursday"
        );
        let z = "2006-01-02 15:04:05 MST -0700";
        let t = V::Int(1_700_000_000);
        let zone = |name: &str| s("dateInZone", &[V::str(z), t.clone(), V::str(name)]);
        assert_eq!(zone("America/New_York"), "2023-11-14 17:13:20 EST -0500");
        assert_eq!(zone("Asia/Kolkata"), "2023-11-15 03:43:20 IST +0530");
        assert_eq!(zone("Bogus/Zone"), "2023-11-14 22:13:20 UTC +0000");
        assert_eq!(zone(""), "2023-11-14 22:13:20 UTC +0000");
        assert_eq!(
            s("date_in_zone", &[V::str(z), t.clone(), V::str("UTC")]),
            "2023-11-14 22:13:20 UTC +0000"
        );
        assert_eq!(s("htmlDate", std::slice::from_ref(&t)), "2023-11-14");
        assert_eq!(
            s("htmlDateInZone", &[t.clone(), V::str("Asia/Tokyo")]),
            "2023-11-15"
        );
        assert_eq!(
            s("date", &[V::str("2006"), V::Float(1.5e9)]).len(),
            4,
            "floats mean now"
        );
        assert_eq!(s("date", &[V::str("2006"), V::Int64(0)]), "1970");
    }

    #[test]
    fn formats_zones_and_offsets() {
        let t = date_of(
            "2006-01-02T15:04:05.999Z07:00",
            "2024-03-05T01:02:03.5+05:30",
        );
        let z =
            |layout: &str, t: V, zone: &str| s("dateInZone", &[V::str(layout), t, V::str(zone)]);
        assert_eq!(
            z(
                "2006-01-02 15:04:05.000000000 Z07:00 MST",
                t,
                "Asia/Kolkata"
            ),
            "2024-03-05 01:02:03.500000000 +05:30 IST"
        );
        let u = V::Int(1_700_000_000);
        assert_eq!(
            z(
                "15:04:05.00 -07 Z07 -07:00:00 Z070000 -070000",
                u.clone(),
                "Asia/Kolkata"
            ),
            "03:43:20.00 +05 +05 +05:30:00 +053000 +053000"
        );
        assert_eq!(z("MST", u.clone(), "EST"), "EST");
        assert_eq!(z("MST -0700", u.clone(), "Etc/GMT+5"), "-05 -0500");
        assert_eq!(z("MST -0700", u.clone(), "America/Sao_Paulo"), "-03 -0300");
        assert_eq!(z("MST -0700", u.clone(), "US/Pacific"), "PST -0800");
        assert_eq!(
            z("Jan Janx January Mon Monx Monday 06 2006 _2006", u, "UTC"),
            "Nov Janx November Tue Monx Tuesday 23 2023 _2023"
        );
        assert_eq!(
            date_of("2006-01-02 15:04:05 MST", "2024-07-05 10:00:00 CEST").go_string(),
            "2024-07-05 10:00:00 +0000 CEST"
        );
        assert_eq!(
            date_of(
                "2006-01-02 15:04:05 -0700 MST",
                "2024-07-05 10:00:00 +0200 CEST"
            )
            .go_string(),
            "2024-07-05 10:00:00 +0200 CEST"
        );
        assert_eq!(s("date", &[V::str("2006"), V::str("1700000000")]).len(), 4);
    }

    #[test]
    fn parses_with_go_layouts() {
        assert_eq!(
            date_of("2006-01-02", "2024-03-05").go_string(),
            "2024-03-05 00:00:00 +0000 UTC"
        );
        assert_eq!(
            date_of("15:04", "10:30").go_string(),
            "0000-01-01 10:30:00 +0000 UTC"
        );
        assert_eq!(
            date_of("2006-01-02 MST", "2024-03-05 PST").go_string(),
            "2024-03-05 00:00:00 +0000 PST"
        );
        assert_eq!(
            date_of("2006-01-02 MST", "2024-03-05 GMT+3").go_string(),
            "2024-03-05 03:00:00 +0300 GMT+3"
        );
        assert_eq!(
            date_of("2006-01-02 -0700", "2024-03-05 +0000").go_string(),
            "2024-03-05 00:00:00 +0000 UTC"
        );
        assert_eq!(
            date_of("2006-01-02T15:04:05Z07:00", "2024-03-05T10:30:00+02:00").go_string(),
            "2024-03-05 10:30:00 +0200 +0200"
        );
        assert_eq!(
            date_of("2006-01-02", "bad").go_string(),
            "0001-01-01 00:00:00 +0000 UTC"
        );
        assert_eq!(
            date_of("2006-01-02 15:04:05", "2024-03-05 10:00:00.123").go_string(),
            "2024-03-05 10:00:00.123 +0000 UTC"
        );
        assert_eq!(
            date_of("2006-002", "2024-060").go_string(),
            "2024-02-29 00:00:00 +0000 UTC"
        );
        assert_eq!(
            date_of("Monday, 02-Jan-06", "Tuesday, 05-Mar-24").go_string(),
            "2024-03-05 00:00:00 +0000 UTC"
        );
        assert_eq!(
            date_of("3:04PM", "11:15AM").go_string(),
            "0000-01-01 11:15:00 +0000 UTC"
        );
        assert_eq!(
            date_of("2006-01-02  15", "2024-03-05 10").go_string(),
            "2024-03-05 10:00:00 +0000 UTC"
        );
        let t = date_of("2006-01-02 15:04", "2024-03-05 10:30");
        assert_eq!(
            s("date", &[V::str("Jan 2, 2006 at 3:04pm (MST)"), t]),
            "Mar 5, 2024 at 10:30am (UTC)"
        );
        let json = date_of(
            "2006-01-02T15:04:05.999999999Z07:00",
            "2024-03-05T10:30:00.123+02:00",
        );
        let V::Object(o) = &json else { panic!() };
        assert_eq!(
            o.to_value(),
            Value::String("2024-03-05T10:30:00.123+02:00".into())
        );
    }

    #[test]
    fn parse_errors_as_go_words_them() {
        let e = |l: &str, v: &str| s("mustToDate", &[V::str(l), V::str(v)]);
        assert_eq!(
            e("2006-01-02", "bad"),
            r#"ERR parsing time "bad" as "2006-01-02": cannot parse "bad" as "2006""#
        );
        assert_eq!(
            e("2006-01-02", "2024-13-01"),
            r#"ERR parsing time "2024-13-01": month out of range"#
        );
        assert_eq!(
            e("Jan 2 2006", "feb 29 2023"),
            r#"ERR parsing time "feb 29 2023": day out of range"#
        );
        assert_eq!(
            e("2006-01-02", "2024-03-05 extra"),
            r#"ERR parsing time "2024-03-05 extra": extra text: " extra""#
        );
        assert_eq!(
            e("2006-01-02 15:04:05", "2024-03-05 25:00:00"),
            r#"ERR parsing time "2024-03-05 25:00:00": hour out of range"#
        );
        assert_eq!(
            e("2006-01-02", "2024-3-05"),
            r#"ERR parsing time "2024-3-05" as "2006-01-02": cannot parse "3-05" as "01""#
        );
        assert_eq!(
            e("2006-01-02", "é"),
            r#"ERR parsing time "\xc3\xa9" as "2006-01-02": cannot parse "\xc3\xa9" as "2006""#
        );
    }

    #[test]
    fn modifies_and_measures() {
        let t = date_of("2006-01-02", "2024-03-05");
        assert_eq!(s("unixEpoch", std::slice::from_ref(&t)), "1709596800");
        assert_eq!(
            s("dateModify", &[V::str("-1.5h"), t.clone()]),
            "2024-03-04 22:30:00 +0000 UTC"
        );
        assert_eq!(
            s("dateModify", &[V::str("bogus"), t.clone()]),
            "2024-03-05 00:00:00 +0000 UTC"
        );
        assert_eq!(
            s("mustDateModify", &[V::str("bogus"), t.clone()]),
            r#"ERR time: invalid duration "bogus""#
        );
        assert_eq!(
            s("mustDateModify", &[V::str("1h2m3.5s"), t.clone()]),
            "2024-03-05 01:02:03.5 +0000 UTC"
        );
        assert_eq!(
            s("date_modify", &[V::str("90m"), t.clone()]),
            "2024-03-05 01:30:00 +0000 UTC"
        );
        assert_eq!(
            s("dateModify", &[V::str("1h"), V::str("x")]),
            "ERR wrong type for value; expected time.Time; got string"
        );
        let V::Object(o) = &t else { panic!() };
        assert_eq!(o.field("Year").unwrap().go_string(), "2024");
        assert_eq!(o.field("Month").unwrap().go_string(), "March");
        assert_eq!(o.field("Weekday").unwrap().go_string(), "Tuesday");
        assert_eq!(o.field("Unix").unwrap().type_name(), "int64");
        assert_eq!(o.field("Location").unwrap().go_string(), "Local");
        assert_eq!(
            o.call("Format", &[V::str("Jan _2")])
                .unwrap()
                .unwrap()
                .go_string(),
            "Mar  5"
        );
        assert_eq!(
            o.call("AddDate", &[V::Int(0), V::Int(1), V::Int(30)])
                .unwrap()
                .unwrap()
                .go_string(),
            "2024-05-05 00:00:00 +0000 UTC"
        );
        let earlier = date_of("2006-01-02", "2024-03-01");
        assert_eq!(
            o.call("Sub", &[earlier]).unwrap().unwrap().go_string(),
            "96h0m0s"
        );
        assert_eq!(
            o.call("Add", &[V::Int(1_500_000_000)])
                .unwrap()
                .unwrap()
                .go_string(),
            "2024-03-05 00:00:01.5 +0000 UTC"
        );
    }

    #[test]
    fn durations() {
        assert_eq!(s("duration", &[V::Int(95)]), "0s");
        assert_eq!(s("duration", &[V::str("3661")]), "1h1m1s");
        assert_eq!(s("duration", &[V::Float(3.5)]), "0s");
        assert_eq!(s("duration", &[V::Int64(90_000)]), "25h0m0s");
        assert_eq!(s("duration", &[V::str("x")]), "0s");
        assert_eq!(s("durationRound", &[V::str("2h10m")]), "2h");
        assert_eq!(s("durationRound", &[V::Int(3_600_000_000_001)]), "0s");
        assert_eq!(s("durationRound", &[V::Int64(3_600_000_000_001)]), "1h");
        assert_eq!(s("durationRound", &[V::str("-400h")]), "16d");
        assert_eq!(s("durationRound", &[V::str("1s")]), "0s");
        assert_eq!(s("durationRound", &[V::str("61s")]), "1m");
        assert_eq!(s("durationRound", &[V::str("800h")]), "1mo");
        assert_eq!(s("durationRound", &[V::str("9000h")]), "1y");
        assert_eq!(s("ago", &[V::str("x")]), "0s");
        let two_h = call("dateModify", &[V::str("-2h"), call("now", &[]).unwrap()]).unwrap();
        assert_eq!(s("ago", &[two_h]), "2h0m0s");
        assert_eq!(duration_string(1_500), "1.5µs");
        assert_eq!(duration_string(1_000_000), "1ms");
        assert_eq!(duration_string(100), "100ns");
        assert_eq!(duration_string(-90_000_000_000), "-1m30s");
        assert_eq!(duration_string(1_500_000_000), "1.5s");
        assert_eq!(parse_duration("1.5µs"), Ok(1_500));
        assert_eq!(
            parse_duration("1"),
            Err(r#"time: missing unit in duration "1""#.into())
        );
        assert_eq!(
            parse_duration("1q"),
            Err(r#"time: unknown unit "q" in duration "1q""#.into())
        );
        assert_eq!(parse_duration("-0"), Ok(0));
        assert_eq!(
            parse_duration(""),
            Err(r#"time: invalid duration """#.into())
        );
        assert_eq!(
            duration_round_to(1_500_000_000, NANOS_PER_SEC),
            2_000_000_000
        );
        assert_eq!(
            duration_round_to(-1_500_000_000, NANOS_PER_SEC),
            -2_000_000_000
        );
    }

    #[test]
    fn now_prints_like_go() {
        let now = call("now", &[]).unwrap();
        assert_eq!(now.type_name(), "time.Time");
        let text = now.go_string();
        // 2026-11-30 08:04:09.214728921 +0000 UTC m=+0.020298191
        assert!(text.contains(" m=+"), "{text}");
        assert_eq!(&text[4..5], "-");
        let V::Object(o) = &now else { panic!() };
        let utc = o.field("UTC").unwrap().go_string();
        assert!(!utc.contains("m="), "{utc}");
        let json = o.to_value();
        let Value::String(j) = json else { panic!() };
        assert!(j.contains('T') && j.ends_with('Z'), "{j}");
    }
}
