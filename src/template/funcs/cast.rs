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

/// Go's `strconv.ParseInt(s, 0, 64)` (base prefixes, `_` separators).
pub fn parse_int_base0(s: &str) -> Option<i64> {
    super::math::parse_int(s)
}

/// Go's float64-to-int64 conversion on amd64: out-of-range values and NaN
/// give the "integer indefinite" value `math.MinInt64`.
pub fn go_f64_to_i64(f: f64) -> i64 {
    super::math::f64_to_i64(f)
}

/// spf13/cast `ToInt64` as Sprig uses it (`int64`, math functions):
/// floats truncate, strings parse with base prefixes (after dropping a
/// zero decimal part), booleans are 0/1, anything else is 0.
pub fn to_int64(v: &V) -> i64 {
    super::math::to_int64(v)
}

/// spf13/cast `ToInt`.
pub fn to_int(v: &V) -> i64 {
    to_int64(v)
}

/// spf13/cast `ToFloat64`: strings parse as floats, invalid gives 0.
pub fn to_float64(v: &V) -> f64 {
    super::math::to_float64(v)
}

/// Go's `strconv.ParseFloat(s, 64)`: decimal and hexadecimal (`0x1p-2`)
/// forms, `_` separators, `inf`/`infinity`/`nan`; out of range is an
/// error (`None`).
pub fn parse_go_float(s: &str) -> Option<f64> {
    super::math::parse_float(s)
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
