//! Sprig's and spf13/cast's conversions, shared by every family.

use super::super::value::V;

/// Sprig's `strval`/`toString`: strings as they are, `[]byte` as text,
/// objects through `String()`, everything else as `%v`.
pub fn to_string(v: &V) -> String {
    match v {
        V::Str(s) => s.to_string(),
        V::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => other.go_string(),
    }
}

/// `trimZeroDecimal`: "8.00" -> "8"; anything else unchanged.
fn trim_zero_decimal(s: &str) -> &str {
    if let Some((int, frac)) = s.split_once('.')
        && !int.is_empty()
        && !frac.is_empty()
        && frac.bytes().all(|b| b == b'0')
    {
        return int;
    }
    s
}

/// Go's `underscoreOK`: underscores only between digits (a base prefix
/// counts as a digit).
fn underscore_ok(s: &str) -> bool {
    let mut b = s.as_bytes();
    if let Some(b'+' | b'-') = b.first() {
        b = &b[1..];
    }
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = b[1].eq_ignore_ascii_case(&b'x');
    }
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c.is_ascii_digit() || hex && c.is_ascii_hexdigit() {
            saw = b'0';
            continue;
        }
        if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
            continue;
        }
        if saw == b'_' {
            return false;
        }
        saw = b'!';
    }
    saw != b'_'
}

/// Go's `strconv.ParseInt(s, 0, 64)`: optional sign, base prefixes
/// (`0x`, `0o`, `0b`, leading `0` octal) and `_` digit separators.
pub fn parse_int_base0(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let b = body.as_bytes();
    if b.is_empty() {
        return None;
    }
    let (radix, digits) = if b.len() >= 2 && b[0] == b'0' {
        match b[1].to_ascii_lowercase() {
            b'x' => (16, &body[2..]),
            b'o' => (8, &body[2..]),
            b'b' => (2, &body[2..]),
            _ => (8, &body[1..]),
        }
    } else {
        (10, body)
    };
    if digits.contains('_') && !underscore_ok(s) {
        return None;
    }
    let mut mag: u64 = 0;
    let mut any = false;
    for c in digits.chars().filter(|&c| c != '_') {
        let d = c.to_digit(radix)?;
        mag = mag
            .checked_mul(u64::from(radix))?
            .checked_add(u64::from(d))?;
        any = true;
    }
    if !any {
        return None;
    }
    if neg {
        if mag <= i64::MAX as u64 + 1 {
            Some((mag as i128).wrapping_neg() as i64)
        } else {
            None
        }
    } else {
        i64::try_from(mag).ok()
    }
}

/// Go's float64-to-int64 conversion on amd64: out-of-range values and NaN
/// give the "integer indefinite" value `math.MinInt64`.
pub fn go_f64_to_i64(f: f64) -> i64 {
    if f.is_nan() || !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) {
        i64::MIN
    } else {
        f as i64
    }
}

/// spf13/cast `ToInt64` as Sprig uses it (`int64`, math functions):
/// floats truncate, strings parse with base prefixes (after dropping a
/// zero decimal part), booleans are 0/1, anything else is 0.
pub fn to_int64(v: &V) -> i64 {
    match v {
        V::Int(i) | V::Int64(i) => *i,
        V::Uint(u) => *u as i64,
        V::Float(f) => go_f64_to_i64(*f),
        V::Bool(b) => i64::from(*b),
        V::Str(s) => parse_int_base0(trim_zero_decimal(s)).unwrap_or(0),
        _ => 0,
    }
}

/// spf13/cast `ToInt`.
pub fn to_int(v: &V) -> i64 {
    to_int64(v)
}

/// spf13/cast `ToFloat64`: strings parse as floats, invalid gives 0.
pub fn to_float64(v: &V) -> f64 {
    match v {
        V::Int(i) | V::Int64(i) => *i as f64,
        V::Uint(u) => *u as f64,
        V::Float(f) => *f,
        V::Bool(b) => f64::from(u8::from(*b)),
        V::Str(s) => parse_go_float(s).unwrap_or(0.0),
        _ => 0.0,
    }
}

/// Go's `strconv.ParseFloat(s, 64)`: decimal and hexadecimal (`0x1p-2`)
/// forms, `_` separators, `inf`/`infinity`/`nan`; out of range is an
/// error (`None`), as are leading/trailing spaces.
pub fn parse_go_float(s: &str) -> Option<f64> {
    let lower = s.to_ascii_lowercase();
    let (neg, unsigned) = match lower.as_bytes().first() {
        Some(b'-') => (true, &lower[1..]),
        Some(b'+') => (false, &lower[1..]),
        _ => (false, lower.as_str()),
    };
    if unsigned == "inf" || unsigned == "infinity" {
        return Some(if neg {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if lower == "nan" {
        return Some(f64::NAN);
    }
    let b = unsigned.as_bytes();
    let hex = b.len() > 2 && b[0] == b'0' && b[1] == b'x';
    let body = if hex { &unsigned[2..] } else { unsigned };
    let exp_char = if hex { 'p' } else { 'e' };
    let (mant, exp) = match body.find(exp_char) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    // Mantissa: digits with at most one dot, at least one digit.
    let mut dots = 0;
    let mut digits = 0;
    for c in mant.chars() {
        match c {
            '.' => dots += 1,
            '_' => {}
            c if c.is_ascii_digit() || hex && c.is_ascii_hexdigit() => digits += 1,
            _ => return None,
        }
    }
    if dots > 1 || digits == 0 {
        return None;
    }
    let exp_val: i64 = match exp {
        None if hex => return None,
        None => 0,
        Some(e) => {
            let (eneg, ed) = match e.as_bytes().first() {
                Some(b'-') => (true, &e[1..]),
                Some(b'+') => (false, &e[1..]),
                _ => (false, e),
            };
            if !ed.as_bytes().first().is_some_and(u8::is_ascii_digit)
                || !ed.bytes().all(|c| c.is_ascii_digit() || c == b'_')
            {
                return None;
            }
            let v = ed
                .bytes()
                .filter(|&c| c != b'_')
                .fold(0i64, |acc, c| (acc * 10 + i64::from(c - b'0')).min(100_000));
            if eneg { -v } else { v }
        }
    };
    if s.contains('_') && !underscore_ok(s) {
        return None;
    }
    let value = if hex {
        let clean: String = mant.chars().filter(|&c| c != '_').collect();
        let (int_part, frac_part) = clean.split_once('.').unwrap_or((&clean, ""));
        let mut m: u64 = 0;
        let mut shift: i64 = 0;
        let mut sticky = false;
        for (i, c) in int_part.chars().chain(frac_part.chars()).enumerate() {
            let d = u64::from(c.to_digit(16)?);
            if m >> 60 == 0 {
                m = m * 16 + d;
                if i >= int_part.len() {
                    shift -= 4;
                }
            } else {
                sticky |= d != 0;
                if i < int_part.len() {
                    shift += 4;
                }
            }
        }
        let m = if sticky { m | 1 } else { m };
        let e = (exp_val + shift).clamp(-2000, 2000) as i32;
        (m as f64) * 2f64.powi(e.max(-1000)) * 2f64.powi((e - e.max(-1000)).max(-1000))
    } else {
        let clean: String = unsigned.chars().filter(|&c| c != '_').collect();
        clean.parse::<f64>().ok()?
    };
    if value.is_infinite() {
        return None;
    }
    Some(if neg { -value } else { value })
}

/// Sprig's `empty`: nil, false, 0, "", and empty lists and maps.
pub fn is_empty(v: &V) -> bool {
    !v.truthy()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int64_like_cast() {
        assert_eq!(to_int64(&V::str("8.00")), 8);
        assert_eq!(to_int64(&V::str("0x10")), 16);
        assert_eq!(to_int64(&V::str("010")), 8);
        assert_eq!(to_int64(&V::str("8.5")), 0);
        assert_eq!(to_int64(&V::str("abc")), 0);
        assert_eq!(to_int64(&V::Float(-2.7)), -2);
        assert_eq!(to_int64(&V::Bool(true)), 1);
        assert_eq!(to_int64(&V::Nil), 0);
        assert_eq!(to_int64(&V::str("1_000")), 1000);
        assert_eq!(to_int64(&V::str("0x_1F")), 31);
        assert_eq!(to_int64(&V::str("0_7")), 7);
        assert_eq!(to_int64(&V::str("1__0")), 0);
        assert_eq!(to_int64(&V::str("08")), 0);
        assert_eq!(to_int64(&V::str("0x+5")), 0);
        assert_eq!(to_int64(&V::Float(1e20)), i64::MIN);
        assert_eq!(to_int64(&V::Float(f64::NAN)), i64::MIN);
    }

    #[test]
    fn float64_like_cast() {
        assert_eq!(to_float64(&V::str("0x1p-2")), 0.25);
        assert_eq!(to_float64(&V::str("0x1.8p1")), 3.0);
        assert_eq!(to_float64(&V::str("0x10")), 0.0);
        assert_eq!(to_float64(&V::str("1e400")), 0.0);
        assert_eq!(to_float64(&V::str("1_0.5")), 10.5);
        assert_eq!(to_float64(&V::str("1__0")), 0.0);
        assert_eq!(to_float64(&V::str(" 1")), 0.0);
        assert_eq!(to_float64(&V::str("5.")), 5.0);
        assert_eq!(to_float64(&V::str("-Infinity")), f64::NEG_INFINITY);
        assert!(to_float64(&V::str("NaN")).is_nan());
        assert_eq!(to_float64(&V::str("+nan")), 0.0);
        assert_eq!(to_float64(&V::str("infx")), 0.0);
    }

    #[test]
    fn strval() {
        assert_eq!(to_string(&V::Float(1e6)), "1e+06");
        assert_eq!(to_string(&V::Nil), "<nil>");
        assert_eq!(to_string(&V::list(vec![V::Int(1), V::str("a")])), "[1 a]");
    }
}
