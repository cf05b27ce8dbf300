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
    if let Some((int, frac)) = s.split_once('.') {
        if !int.is_empty() && !frac.is_empty() && frac.bytes().all(|b| b == b'0') {
            return int;
        }
    }
    s
}

/// Go's `strconv.ParseInt(s, 0, 64)`: optional sign, base prefixes
/// (`0x`, `0o`, `0b`, leading `0` octal) and `_` separators with a prefix.
pub fn parse_int_base0(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let (radix, digits, prefixed) = if let Some(r) = lower.strip_prefix("0x") {
        (16, r.to_string(), true)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (8, r.to_string(), true)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (2, r.to_string(), true)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower[1..].to_string(), true)
    } else {
        (10, lower.clone(), false)
    };
    let digits = if prefixed {
        // Underscores are only allowed with a base prefix, between digits.
        if digits.starts_with('_') && radix != 8 {
            return None;
        }
        digits.replace('_', "")
    } else {
        if digits.contains('_') {
            return None;
        }
        digits
    };
    if digits.is_empty() {
        return None;
    }
    let mag = u64::from_str_radix(&digits, radix).ok()?;
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

/// spf13/cast `ToInt64` as Sprig uses it (`int64`, math functions):
/// floats truncate, strings parse with base prefixes (after dropping a
/// zero decimal part), booleans are 0/1, anything else is 0.
pub fn to_int64(v: &V) -> i64 {
    match v {
        V::Int(i) | V::Int64(i) => *i,
        V::Uint(u) => *u as i64,
        V::Float(f) => *f as i64,
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

/// Go's `strconv.ParseFloat(s, 64)` for the common forms (decimal,
/// exponent, `inf`/`nan`, hex floats are rare and rejected).
pub fn parse_go_float(s: &str) -> Option<f64> {
    let t = s.replace('_', "");
    if t.is_empty() || t != s && !s.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    match t.to_ascii_lowercase().as_str() {
        "inf" | "+inf" | "infinity" | "+infinity" => return Some(f64::INFINITY),
        "-inf" | "-infinity" => return Some(f64::NEG_INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if t.bytes()
        .any(|b| !(b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')))
    {
        return None;
    }
    t.parse::<f64>().ok()
}

/// Sprig's `empty`: nil, false, 0, "", and empty lists and maps.
pub fn is_empty(v: &V) -> bool {
    !v.truthy() && !matches!(v, V::Object(_))
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
    }

    #[test]
    fn strval() {
        assert_eq!(to_string(&V::Float(1e6)), "1e+06");
        assert_eq!(to_string(&V::Nil), "<nil>");
        assert_eq!(to_string(&V::list(vec![V::Int(1), V::str("a")])), "[1 a]");
    }
}
