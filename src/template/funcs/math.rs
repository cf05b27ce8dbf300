//! Sprig's math family: integer arithmetic through spf13/cast's `ToInt64`
//! (`add`, `sub`, `mul`, `div`, `mod`, `max`, `min`), float helpers through
//! `ToFloat64` (`floor`, `ceil`, `round`, `maxf`, `minf`), the
//! shopspring/decimal operations (`addf`, `subf`, `mulf`, `divf`, `add1f`)
//! and `randInt`.
//!
//! The conversions here follow Go exactly (they are also what the list
//! functions use for `slice` indices):
//! * `strconv.ParseInt(s, 0, 64)` and `ParseFloat(s, 64)` syntax, including
//!   `_` digit separators, base prefixes, hex floats and range errors (an
//!   out-of-range string converts to 0, as cast swallows the error);
//! * float -> int64 as amd64 converts it: NaN and out-of-range values give
//!   `-9223372036854775808`;
//! * integer overflow wraps, division by zero is Go's runtime error.
//!
//! The decimal functions compute exactly (big integers scaled by powers of
//! ten, division rounded half away from zero to 16 places as
//! `decimal.DivisionPrecision` says) and return the float64 nearest to the
//! exact result, as `Decimal.Float64` does: `addf 1.1 2.2` is `3.3`.

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use rand::Rng;

use super::super::value::V;
use super::{FuncDef, Ty, def};

pub static FUNCS: &[FuncDef] = &[
    def("add", &[], Some(Ty::Any), add),
    def("add1", &[Ty::Any], None, add1),
    def("sub", &[Ty::Any, Ty::Any], None, sub),
    def("mul", &[Ty::Any], Some(Ty::Any), mul),
    def("div", &[Ty::Any, Ty::Any], None, div),
    def("mod", &[Ty::Any, Ty::Any], None, modulo),
    def("max", &[Ty::Any], Some(Ty::Any), max),
    def("biggest", &[Ty::Any], Some(Ty::Any), max),
    def("min", &[Ty::Any], Some(Ty::Any), min),
    def("floor", &[Ty::Any], None, floor),
    def("ceil", &[Ty::Any], None, ceil),
    def("round", &[Ty::Any, Ty::Int], Some(Ty::Float), round),
    def("addf", &[], Some(Ty::Any), addf),
    def("add1f", &[Ty::Any], None, add1f),
    def("subf", &[Ty::Any], Some(Ty::Any), subf),
    def("mulf", &[Ty::Any], Some(Ty::Any), mulf),
    def("divf", &[Ty::Any], Some(Ty::Any), divf),
    def("maxf", &[Ty::Any], Some(Ty::Any), maxf),
    def("minf", &[Ty::Any], Some(Ty::Any), minf),
    def("randInt", &[Ty::Int, Ty::Int], None, rand_int),
];

const DIVIDE_BY_ZERO: &str = "runtime error: integer divide by zero";

// ---------------------------------------------------------------------------
// Go-exact conversions (spf13/cast v1.7.0 over strconv).

/// spf13/cast `ToInt64` (and `ToInt`, the same on 64-bit Go).
pub fn to_int64(v: &V) -> i64 {
    match v {
        V::Int(i) | V::Int64(i) => *i,
        V::Uint(u) => *u as i64,
        V::Float(f) => f64_to_i64(*f),
        V::Bool(b) => i64::from(*b),
        V::Str(s) => parse_int(trim_zero_decimal(s)).unwrap_or(0),
        _ => 0,
    }
}

/// spf13/cast `ToFloat64`.
pub fn to_float64(v: &V) -> f64 {
    match v {
        V::Int(i) | V::Int64(i) => *i as f64,
        V::Uint(u) => *u as f64,
        V::Float(f) => *f,
        V::Bool(b) => f64::from(u8::from(*b)),
        V::Str(s) => parse_float(s).unwrap_or(0.0),
        _ => 0.0,
    }
}

/// Go's `int64(f)` on amd64: truncation, with NaN and out-of-range values
/// giving the "integer indefinite" value `math.MinInt64`.
pub fn f64_to_i64(f: f64) -> i64 {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f.is_nan() || !(-TWO_63..TWO_63).contains(&f) {
        i64::MIN
    } else {
        f as i64
    }
}

/// cast's `trimZeroDecimal`: `"12.000"` -> `"12"`, `".0"` -> `""`.
fn trim_zero_decimal(s: &str) -> &str {
    let b = s.as_bytes();
    let mut found_zero = false;
    for i in (1..=b.len()).rev() {
        match b[i - 1] {
            b'.' => {
                if found_zero {
                    return &s[..i - 1];
                }
            }
            b'0' => found_zero = true,
            _ => return s,
        }
    }
    s
}

/// Go's `underscoreOK`: underscores only between digits (or after a base
/// prefix).
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

/// Go's `strconv.ParseInt(s, 0, 64)`; `None` for syntax and range errors.
pub fn parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let mag = parse_uint_base0(body)?;
    const LIMIT: u64 = 1 << 63;
    if neg {
        (mag <= LIMIT).then(|| (mag as i64).wrapping_neg())
    } else {
        (mag < LIMIT).then_some(mag as i64)
    }
}

fn parse_uint_base0(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() {
        return None;
    }
    let (base, digits): (u64, &[u8]) = if b[0] == b'0' {
        match b.get(1).map(u8::to_ascii_lowercase) {
            Some(b'b') if b.len() >= 3 => (2, &b[2..]),
            Some(b'o') if b.len() >= 3 => (8, &b[2..]),
            Some(b'x') if b.len() >= 3 => (16, &b[2..]),
            _ => (8, &b[1..]),
        }
    } else {
        (10, b)
    };
    let mut n: u64 = 0;
    let mut underscores = false;
    for &c in digits {
        let d = match c {
            b'_' => {
                underscores = true;
                continue;
            }
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            b'A'..=b'Z' => c - b'A' + 10,
            _ => return None,
        };
        if u64::from(d) >= base {
            return None;
        }
        n = n.checked_mul(base)?.checked_add(u64::from(d))?;
    }
    if underscores && !underscore_ok(s) {
        return None;
    }
    Some(n)
}

/// Go's `strconv.ParseFloat(s, 64)`; `None` for syntax errors and for
/// overflow (Go returns ±Inf with a range error, which cast turns into 0).
pub fn parse_float(s: &str) -> Option<f64> {
    if let Some(v) = parse_special(s) {
        return v;
    }
    let b = s.as_bytes();
    let mut i = 0;
    let mut neg = false;
    match b.first() {
        Some(b'+') => i += 1,
        Some(b'-') => {
            neg = true;
            i += 1;
        }
        _ => {}
    }
    let mut hex = false;
    if i + 2 < b.len() && b[i] == b'0' && b[i + 1].eq_ignore_ascii_case(&b'x') {
        hex = true;
        i += 2;
    }
    let mant_start = i;
    let mut underscores = false;
    let mut saw_dot = false;
    let mut saw_digits = false;
    while i < b.len() {
        let c = b[i];
        if c == b'_' {
            underscores = true;
        } else if c == b'.' {
            if saw_dot {
                break;
            }
            saw_dot = true;
        } else if c.is_ascii_digit() || hex && c.is_ascii_hexdigit() {
            saw_digits = true;
        } else {
            break;
        }
        i += 1;
    }
    if !saw_digits {
        return None;
    }
    let mant_end = i;
    let exp_char = if hex { b'p' } else { b'e' };
    let mut exp: i64 = 0;
    if i < b.len() && b[i].to_ascii_lowercase() == exp_char {
        i += 1;
        let mut esign = 1;
        match b.get(i) {
            Some(b'+') => i += 1,
            Some(b'-') => {
                esign = -1;
                i += 1;
            }
            _ => {}
        }
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            if b[i] == b'_' {
                underscores = true;
            } else if exp < 100_000 {
                exp = exp * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        exp *= esign;
    } else if hex {
        return None;
    }
    if underscores && !underscore_ok(&s[..i]) {
        return None;
    }
    if i != b.len() {
        return None;
    }
    let v = if hex {
        hex_float(&b[mant_start..mant_end], exp, neg)
    } else {
        let clean: String = s.chars().filter(|&c| c != '_').collect();
        clean.parse::<f64>().ok()?
    };
    (!v.is_infinite()).then_some(v)
}

/// Go's `special`: `inf`, `infinity` (signed) and `nan`, case-insensitive,
/// only when they make up the whole string.
fn parse_special(s: &str) -> Option<Option<f64>> {
    let lower = s.to_ascii_lowercase();
    let (sign, rest) = match lower.as_bytes().first()? {
        b'+' => (1.0, &lower[1..]),
        b'-' => (-1.0, &lower[1..]),
        b'i' => (1.0, lower.as_str()),
        b'n' => {
            return lower
                .starts_with("nan")
                .then(|| (lower == "nan").then_some(f64::NAN));
        }
        _ => return None,
    };
    if rest.starts_with("inf") {
        let whole = rest == "inf" || rest == "infinity";
        return Some(whole.then_some(sign * f64::INFINITY));
    }
    None
}

/// The value of a hexadecimal mantissa (digits, `.` and `_`) times
/// `2^exp`, correctly rounded (half to even, with subnormals).
fn hex_float(mant: &[u8], exp: i64, neg: bool) -> f64 {
    let mut m = BigUint::from(0u8);
    let mut frac_digits: i64 = 0;
    let mut after_dot = false;
    for &c in mant {
        match c {
            b'.' => after_dot = true,
            b'_' => {}
            _ => {
                let d = (c as char).to_digit(16).unwrap_or(0);
                m = m * 16u8 + d;
                if after_dot {
                    frac_digits += 1;
                }
            }
        }
    }
    let sign = if neg { -1.0 } else { 1.0 };
    let bits = m.bits() as i64;
    if bits == 0 {
        return sign * 0.0;
    }
    let exp2 = exp - 4 * frac_digits;
    // The value lies in [2^(e-1), 2^e).
    let e = bits + exp2;
    if e > 1024 {
        return sign * f64::INFINITY;
    }
    let precision = (e + 1074).min(53);
    let shift = bits - precision;
    let (q, k) = if shift <= 0 {
        (m, exp2)
    } else {
        let q = &m >> (shift as usize);
        let rem = &m - (&q << (shift as usize));
        let half = BigUint::from(1u8) << ((shift - 1) as usize);
        let q = match rem.cmp(&half) {
            Ordering::Greater => q + 1u8,
            Ordering::Equal if q.bit(0) => q + 1u8,
            _ => q,
        };
        (q, exp2 + shift)
    };
    let qf = q.to_u64().map_or(0.0, |x| x as f64);
    sign * scale_pow2(qf, k)
}

/// `x * 2^k` for an exactly representable result.
fn scale_pow2(mut x: f64, mut k: i64) -> f64 {
    while k > 0 {
        let step = k.min(1000);
        x *= f64::from_bits(((1023 + step) as u64) << 52);
        k -= step;
    }
    while k < 0 {
        let step = (-k).min(1000);
        x *= f64::from_bits(((1023 - step) as u64) << 52);
        k += step;
    }
    x
}

trait ToU64 {
    fn to_u64(&self) -> Option<u64>;
}

impl ToU64 for BigUint {
    fn to_u64(&self) -> Option<u64> {
        let digits = self.to_u64_digits();
        match digits.len() {
            0 => Some(0),
            1 => Some(digits[0]),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// Integer arithmetic (int64 results).

fn add(args: &[V]) -> Result<V, String> {
    Ok(V::Int64(
        args.iter().fold(0i64, |a, b| a.wrapping_add(to_int64(b))),
    ))
}

fn add1(args: &[V]) -> Result<V, String> {
    Ok(V::Int64(to_int64(arg(args, 0)).wrapping_add(1)))
}

fn sub(args: &[V]) -> Result<V, String> {
    Ok(V::Int64(
        to_int64(arg(args, 0)).wrapping_sub(to_int64(arg(args, 1))),
    ))
}

fn mul(args: &[V]) -> Result<V, String> {
    let first = to_int64(arg(args, 0));
    Ok(V::Int64(
        args.iter()
            .skip(1)
            .fold(first, |a, b| a.wrapping_mul(to_int64(b))),
    ))
}

fn div(args: &[V]) -> Result<V, String> {
    let b = to_int64(arg(args, 1));
    if b == 0 {
        return Err(DIVIDE_BY_ZERO.into());
    }
    Ok(V::Int64(to_int64(arg(args, 0)).wrapping_div(b)))
}

fn modulo(args: &[V]) -> Result<V, String> {
    let b = to_int64(arg(args, 1));
    if b == 0 {
        return Err(DIVIDE_BY_ZERO.into());
    }
    Ok(V::Int64(to_int64(arg(args, 0)).wrapping_rem(b)))
}

fn max(args: &[V]) -> Result<V, String> {
    let first = to_int64(arg(args, 0));
    Ok(V::Int64(
        args.iter().skip(1).map(to_int64).fold(first, i64::max),
    ))
}

fn min(args: &[V]) -> Result<V, String> {
    let first = to_int64(arg(args, 0));
    Ok(V::Int64(
        args.iter().skip(1).map(to_int64).fold(first, i64::min),
    ))
}

fn rand_int(args: &[V]) -> Result<V, String> {
    let lo = int_arg(args, 0);
    let hi = int_arg(args, 1);
    let n = hi.wrapping_sub(lo);
    if n <= 0 {
        return Err("invalid argument to Intn".into());
    }
    let r = rand::thread_rng().gen_range(0..n);
    Ok(V::Int(r.wrapping_add(lo)))
}

// ---------------------------------------------------------------------------
// Float helpers (float64 results).

fn floor(args: &[V]) -> Result<V, String> {
    Ok(V::Float(to_float64(arg(args, 0)).floor()))
}

fn ceil(args: &[V]) -> Result<V, String> {
    Ok(V::Float(to_float64(arg(args, 0)).ceil()))
}

/// Sprig's `round`: scale by `10^places`, take the ceiling when the
/// fractional part (negative for negative numbers, as `math.Modf` gives
/// it) is at least `roundOn` (default .5), else the floor; scale back.
fn round(args: &[V]) -> Result<V, String> {
    let val = to_float64(arg(args, 0));
    let places = int_arg(args, 1);
    let round_on = match args.get(2) {
        Some(V::Float(f)) => *f,
        Some(other) => to_float64(other),
        None => 0.5,
    };
    let pow = go_pow10(places);
    let digit = pow * val;
    let frac = go_modf_frac(digit);
    let r = if frac >= round_on {
        digit.ceil()
    } else {
        digit.floor()
    };
    Ok(V::Float(r / pow))
}

/// The fractional part as Go's `math.Modf` returns it (sign of the input).
fn go_modf_frac(f: f64) -> f64 {
    if f.is_infinite() {
        return f64::NAN;
    }
    if f == 0.0 {
        return f;
    }
    f - f.trunc()
}

/// Go's `math.Pow(10, y)` for an integral `y` (repeated squaring of the
/// mantissa, then `Ldexp`), so large exponents round as Go's do.
fn go_pow10(y: i64) -> f64 {
    if y == 0 {
        return 1.0;
    }
    if y == 1 {
        return 10.0;
    }
    if y == i64::MIN {
        return 0.0;
    }
    let mut a1 = 1.0f64;
    let mut ae: i64 = 0;
    // Frexp(10) = 0.625 * 2^4
    let mut x1 = 0.625f64;
    let mut xe: i64 = 4;
    let mut i = y.unsigned_abs();
    while i != 0 {
        if !(-(1 << 12)..=(1 << 12)).contains(&xe) {
            ae += xe;
            break;
        }
        if i & 1 == 1 {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe <<= 1;
        if x1 < 0.5 {
            x1 += x1;
            xe -= 1;
        }
        i >>= 1;
    }
    if y < 0 {
        a1 = 1.0 / a1;
        ae = -ae;
    }
    go_ldexp(a1, ae)
}

/// Go's `math.Ldexp`.
fn go_ldexp(frac: f64, exp: i64) -> f64 {
    if frac == 0.0 || frac.is_infinite() || frac.is_nan() {
        return frac;
    }
    let (frac, e) = if frac.abs() < f64::MIN_POSITIVE {
        (frac * (1u64 << 52) as f64, -52)
    } else {
        (frac, 0)
    };
    let mut exp = exp + e;
    let mut x = frac.to_bits();
    exp += ((x >> 52) & 0x7ff) as i64 - 1023;
    if exp < -1075 {
        return 0.0f64.copysign(frac);
    }
    if exp > 1023 {
        return if frac < 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let mut m = 1.0f64;
    if exp < -1022 {
        exp += 53;
        m = 1.0 / (1u64 << 53) as f64;
    }
    x &= !(0x7ffu64 << 52);
    x |= ((exp + 1023) as u64) << 52;
    m * f64::from_bits(x)
}

fn maxf(args: &[V]) -> Result<V, String> {
    let first = to_float64(arg(args, 0));
    Ok(V::Float(
        args.iter().skip(1).map(to_float64).fold(first, go_max),
    ))
}

fn minf(args: &[V]) -> Result<V, String> {
    let first = to_float64(arg(args, 0));
    Ok(V::Float(
        args.iter().skip(1).map(to_float64).fold(first, go_min),
    ))
}

/// Go's `math.Max`: infinities win, then NaN, and +0 beats -0.
fn go_max(x: f64, y: f64) -> f64 {
    if x == f64::INFINITY || y == f64::INFINITY {
        f64::INFINITY
    } else if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == 0.0 && x == y {
        if x.is_sign_negative() { y } else { x }
    } else if x > y {
        x
    } else {
        y
    }
}

/// Go's `math.Min`: -Inf wins, then NaN, and -0 beats +0.
fn go_min(x: f64, y: f64) -> f64 {
    if x == f64::NEG_INFINITY || y == f64::NEG_INFINITY {
        f64::NEG_INFINITY
    } else if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == 0.0 && x == y {
        if x.is_sign_negative() { x } else { y }
    } else if x < y {
        x
    } else {
        y
    }
}

// ---------------------------------------------------------------------------
// shopspring/decimal arithmetic.

/// `value * 10^exp`, exactly.
#[derive(Clone, Debug)]
struct Decimal {
    value: BigInt,
    exp: i64,
}

/// `decimal.DivisionPrecision`.
const DIVISION_PRECISION: i64 = 16;

fn pow10(n: i64) -> BigInt {
    BigInt::from(10u8).pow(n.max(0) as u32)
}

impl Decimal {
    /// `decimal.NewFromFloat`: the shortest decimal that round-trips.
    fn from_f64(f: f64) -> Result<Decimal, String> {
        if f.is_nan() || f.is_infinite() {
            return Err(format!(
                "Cannot create a Decimal from {}",
                V::Float(f).go_string()
            ));
        }
        if f == 0.0 {
            return Ok(Decimal {
                value: BigInt::from(0u8),
                exp: 0,
            });
        }
        let s = go_shortest_e(f);
        let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
        let e: i64 = e.parse().unwrap_or(0);
        let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
        let digits = format!("{int_part}{frac_part}");
        let value: BigInt = digits.parse().unwrap_or_default();
        Ok(Decimal {
            value,
            exp: e - frac_part.len() as i64,
        })
    }

    fn rescale_pair(&self, other: &Decimal) -> (BigInt, BigInt, i64) {
        match self.exp.cmp(&other.exp) {
            Ordering::Equal => (self.value.clone(), other.value.clone(), self.exp),
            Ordering::Less => (
                self.value.clone(),
                &other.value * pow10(other.exp - self.exp),
                self.exp,
            ),
            Ordering::Greater => (
                &self.value * pow10(self.exp - other.exp),
                other.value.clone(),
                other.exp,
            ),
        }
    }

    fn add(&self, other: &Decimal) -> Result<Decimal, String> {
        let (a, b, exp) = self.rescale_pair(other);
        Ok(Decimal { value: a + b, exp })
    }

    fn sub(&self, other: &Decimal) -> Result<Decimal, String> {
        let (a, b, exp) = self.rescale_pair(other);
        Ok(Decimal { value: a - b, exp })
    }

    fn mul(&self, other: &Decimal) -> Result<Decimal, String> {
        Ok(Decimal {
            value: &self.value * &other.value,
            exp: self.exp + other.exp,
        })
    }

    /// `Div` = `DivRound(d2, 16)`: the quotient rounded half away from
    /// zero to 16 decimal places.
    fn div(&self, other: &Decimal) -> Result<Decimal, String> {
        if other.value.sign() == Sign::NoSign {
            return Err("decimal division by 0".into());
        }
        let e = self.exp - other.exp + DIVISION_PRECISION;
        let (num, den) = if e < 0 {
            (self.value.clone(), &other.value * pow10(-e))
        } else {
            (&self.value * pow10(e), other.value.clone())
        };
        let mut q = &num / &den;
        let r = &num - &q * &den;
        let twice_r = r.magnitude() * 2u8;
        if twice_r >= *den.magnitude() {
            if (self.value.sign() == Sign::Minus) != (other.value.sign() == Sign::Minus) {
                q -= 1;
            } else {
                q += 1;
            }
        }
        Ok(Decimal {
            value: q,
            exp: -DIVISION_PRECISION,
        })
    }

    /// `Decimal.Float64`: the nearest float64 (Rust's parser rounds
    /// decimal strings of any length correctly, as `big.Rat.Float64`).
    fn to_f64(&self) -> f64 {
        format!("{}e{}", self.value, self.exp)
            .parse()
            .unwrap_or(0.0)
    }
}

/// The shortest round-trip digits of `f` in `{:e}` form, as Go picks them:
/// Rust's `{:e}` gives the right number of digits but breaks an exact tie
/// between two candidates upwards, where Go rounds half to even (the float
/// 98606833578833.625 is `…833.62` in Go, `…833.63` in Rust).
fn go_shortest_e(f: f64) -> String {
    let s = format!("{f:e}");
    let n = s
        .split('e')
        .next()
        .unwrap_or("")
        .bytes()
        .filter(u8::is_ascii_digit)
        .count();
    let even = format!("{:.*e}", n.saturating_sub(1), f);
    if even != s && even.parse::<f64>().is_ok_and(|g| g == f) {
        even
    } else {
        s
    }
}

type DecOp = fn(&Decimal, &Decimal) -> Result<Decimal, String>;

/// Sprig's `execDecimalOp`.
fn exec_decimal_op(first: &V, rest: &[V], op: DecOp) -> Result<V, String> {
    let mut acc = Decimal::from_f64(to_float64(first))?;
    for x in rest {
        let d = Decimal::from_f64(to_float64(x))?;
        acc = op(&acc, &d)?;
    }
    Ok(V::Float(acc.to_f64()))
}

fn addf(args: &[V]) -> Result<V, String> {
    exec_decimal_op(&V::Float(0.0), args, Decimal::add)
}

fn add1f(args: &[V]) -> Result<V, String> {
    exec_decimal_op(arg(args, 0), &[V::Int(1)], Decimal::add)
}

fn subf(args: &[V]) -> Result<V, String> {
    exec_decimal_op(arg(args, 0), args.get(1..).unwrap_or(&[]), Decimal::sub)
}

fn mulf(args: &[V]) -> Result<V, String> {
    exec_decimal_op(arg(args, 0), args.get(1..).unwrap_or(&[]), Decimal::mul)
}

fn divf(args: &[V]) -> Result<V, String> {
    exec_decimal_op(arg(args, 0), args.get(1..).unwrap_or(&[]), Decimal::div)
}

// ---------------------------------------------------------------------------

const NIL: V = V::Nil;

fn arg(args: &[V], i: usize) -> &V {
    args.get(i).unwrap_or(&NIL)
}

fn int_arg(args: &[V], i: usize) -> i64 {
    match args.get(i) {
        Some(V::Int(n) | V::Int64(n)) => *n,
        Some(other) => to_int64(other),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: &[V]) -> Result<V, String> {
        let f = FUNCS
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no function {name}"));
        (f.f)(args)
    }

    /// Calls and prints the result as a template action would (`%v`).
    fn show(name: &str, args: &[V]) -> String {
        match call(name, args) {
            Ok(v) => v.go_string(),
            Err(e) => format!("ERR: {e}"),
        }
    }

    fn s(x: &str) -> V {
        V::str(x)
    }
    fn i(x: i64) -> V {
        V::Int(x)
    }
    fn f(x: f64) -> V {
        V::Float(x)
    }

    #[test]
    fn add_family() {
        assert_eq!(show("add", &[i(1), i(2)]), "3");
        assert_eq!(show("add", &[]), "0");
        assert_eq!(show("add", &[f(1.9), f(1.9)]), "2");
        assert_eq!(
            show(
                "add",
                &[
                    s("3"),
                    s("0x10"),
                    s("1.00"),
                    s("abc"),
                    V::Nil,
                    V::Bool(true)
                ]
            ),
            "21"
        );
        assert_eq!(show("add", &[f(-1.5)]), "-1");
        assert_eq!(show("add", &[f(1.5), i(1)]), "2");
        assert_eq!(
            show("add", &[s("9223372036854775807"), i(1)]),
            "-9223372036854775808"
        );
        assert_eq!(show("add", &[s("1e3")]), "0");
        assert_eq!(show("add", &[s("1_000")]), "1000");
        assert_eq!(show("add", &[s("0b11")]), "3");
        assert_eq!(show("add", &[s("017")]), "15");
        assert_eq!(show("add", &[s("0o17")]), "15");
        assert_eq!(show("add", &[s(" 1")]), "0");
        assert!(matches!(call("add", &[i(1)]), Ok(V::Int64(1))));
        assert_eq!(show("add1", &[i(1)]), "2");
        assert_eq!(show("add1", &[V::Nil]), "1");
        assert_eq!(show("add1", &[s("x")]), "1");
        assert_eq!(show("add1", &[f(1.9)]), "2");
        assert_eq!(show("add1", &[f(-1.9)]), "0");
        assert!(matches!(call("add1", &[i(1)]), Ok(V::Int64(2))));
        assert_eq!(show("sub", &[i(5), i(3)]), "2");
        assert_eq!(show("sub", &[f(1.5), f(3.9)]), "-2");
        assert_eq!(show("sub", &[s("a"), i(1)]), "-1");
        assert!(matches!(call("sub", &[i(1), i(1)]), Ok(V::Int64(0))));
        assert_eq!(show("mul", &[i(2), i(3), i(4)]), "24");
        assert_eq!(show("mul", &[i(5)]), "5");
        assert_eq!(show("mul", &[f(2.5), f(2.5)]), "4");
        assert_eq!(show("mul", &[s("9223372036854775807"), i(2)]), "-2");
        // non-numbers are 0
        assert_eq!(show("add", &[i(1), V::list(vec![i(1)])]), "1");
        assert_eq!(show("add1", &[V::empty_map()]), "1");
    }

    #[test]
    fn div_mod() {
        assert_eq!(show("div", &[i(7), i(2)]), "3");
        assert_eq!(show("div", &[i(-7), i(2)]), "-3");
        assert_eq!(show("div", &[i(7), i(-2)]), "-3");
        assert_eq!(show("div", &[f(7.9), i(2)]), "3");
        assert_eq!(
            show("div", &[s("-9223372036854775808"), i(-1)]),
            "-9223372036854775808"
        );
        assert_eq!(
            show("div", &[i(1), i(0)]),
            "ERR: runtime error: integer divide by zero"
        );
        assert_eq!(
            show("mod", &[i(1), i(0)]),
            "ERR: runtime error: integer divide by zero"
        );
        assert_eq!(show("mod", &[i(7), i(3)]), "1");
        assert_eq!(show("mod", &[i(-7), i(3)]), "-1");
        assert_eq!(show("mod", &[i(7), i(-3)]), "1");
        assert_eq!(show("mod", &[s("-9223372036854775808"), i(-1)]), "0");
    }

    #[test]
    fn max_min() {
        assert_eq!(show("max", &[i(1), i(5), i(3)]), "5");
        assert_eq!(show("max", &[i(1)]), "1");
        assert_eq!(show("max", &[i(-1), i(-5)]), "-1");
        assert_eq!(show("max", &[f(1.9), f(1.5)]), "1");
        assert_eq!(show("biggest", &[i(3), i(7)]), "7");
        assert_eq!(show("min", &[i(1), i(5), i(-3)]), "-3");
        assert_eq!(show("min", &[i(4)]), "4");
        assert_eq!(show("min", &[s("3"), f(2.9)]), "2");
        assert!(matches!(call("max", &[i(1)]), Ok(V::Int64(1))));
    }

    #[test]
    fn floor_ceil() {
        assert_eq!(show("floor", &[f(1.5)]), "1");
        assert_eq!(show("floor", &[f(-1.5)]), "-2");
        assert_eq!(show("floor", &[s("2.7")]), "2");
        assert_eq!(show("floor", &[i(3)]), "3");
        assert!(matches!(call("floor", &[i(3)]), Ok(V::Float(_))));
        assert_eq!(show("ceil", &[f(1.2)]), "2");
        assert_eq!(show("ceil", &[f(-1.2)]), "-1");
        assert_eq!(show("ceil", &[s("x")]), "0");
        assert_eq!(show("ceil", &[V::Nil]), "0");
        assert_eq!(show("floor", &[f(1e20)]), "1e+20");
        assert_eq!(show("ceil", &[f(-0.5)]), "-0");
        assert_eq!(show("floor", &[s("inf")]), "+Inf");
        assert_eq!(show("ceil", &[s("-inf")]), "-Inf");
        assert_eq!(show("floor", &[s("nan")]), "NaN");
        assert_eq!(show("floor", &[f(-0.0)]), "-0");
    }

    #[test]
    fn round_cases() {
        let r = |x: V, p: i64| show("round", &[x, i(p)]);
        assert_eq!(r(f(1.2345), 2), "1.23");
        assert_eq!(r(f(1.235), 2), "1.24");
        assert_eq!(r(f(1.5), 0), "2");
        assert_eq!(r(f(2.5), 0), "3");
        assert_eq!(r(f(-2.5), 0), "-3");
        assert_eq!(r(f(-2.4), 0), "-3");
        assert_eq!(show("round", &[f(1.45), i(1), f(0.4)]), "1.5");
        assert_eq!(r(f(1234.5), -2), "1200");
        assert_eq!(r(f(1.005), 2), "1");
        assert_eq!(r(s("3.14159"), 3), "3.142");
        assert_eq!(r(f(0.1), 20), "0.1");
        assert_eq!(r(f(123.456), -1), "120");
        assert_eq!(r(f(1e300), 10), "+Inf");
        assert_eq!(r(i(5), 0), "5");
        assert_eq!(show("round", &[f(1.5), i(0), f(0.6), f(0.1)]), "1");
        assert_eq!(show("round", &[f(1.23), i(1), f(1.0)]), "1.2");
        assert_eq!(show("round", &[f(1.25), i(1), f(0.0)]), "1.3");
        assert_eq!(r(f(0.285), 2), "0.28");
        assert_eq!(r(f(1.0000001), 5), "1");
        assert_eq!(r(f(2.675), 2), "2.68");
        assert_eq!(r(f(1.255), 2), "1.25");
        assert_eq!(r(f(1e-10), 12), "1e-10");
        assert_eq!(r(f(123456.789), 300), "123456.789");
        assert_eq!(r(f(1.5), -400), "NaN");
        assert_eq!(r(i(12345), -330), "NaN");
        assert_eq!(r(f(1e-320), 320), "NaN");
        assert_eq!(r(f(7.1), -1), "10");
        assert_eq!(r(f(1e-300), 310), "NaN");
        assert_eq!(r(f(2.5e-310), 310), "NaN");
        assert_eq!(r(s("nan"), 2), "NaN");
        assert_eq!(r(s("inf"), 0), "+Inf");
        assert_eq!(r(f(-0.4), 0), "-1");
        assert_eq!(r(f(0.4), 0), "0");
        assert_eq!(r(f(-0.0), 1), "-0");
    }

    #[test]
    fn decimal_ops() {
        assert_eq!(show("addf", &[f(1.1), f(2.2)]), "3.3");
        assert_eq!(show("addf", &[]), "0");
        assert_eq!(show("addf", &[f(0.1), f(0.2)]), "0.3");
        assert_eq!(show("addf", &[i(1), i(2)]), "3");
        assert_eq!(show("addf", &[s("1.5"), i(1)]), "2.5");
        assert_eq!(show("addf", &[f(1e300), f(1e300)]), "2e+300");
        assert_eq!(show("addf", &[f(1e308), f(1e308)]), "+Inf");
        assert_eq!(show("addf", &[f(5e-324), f(5e-324)]), "1e-323");
        assert_eq!(show("addf", &[f(0.1), f(0.2), f(0.3)]), "0.6");
        assert_eq!(show("addf", &[f(-0.0)]), "0");
        assert_eq!(
            show("addf", &[f(123456789.123), f(0.000000001)]),
            "1.23456789123e+08"
        );
        assert_eq!(show("add1f", &[f(1.1)]), "2.1");
        assert_eq!(show("add1f", &[s("x")]), "1");
        assert_eq!(show("add1f", &[f(0.1)]), "1.1");
        assert!(matches!(call("add1f", &[i(1)]), Ok(V::Float(_))));
        assert_eq!(show("subf", &[f(3.3), f(1.1)]), "2.2");
        assert_eq!(show("subf", &[i(1)]), "1");
        assert_eq!(show("subf", &[f(0.3), f(0.1)]), "0.2");
        assert_eq!(show("subf", &[i(10), i(1), i(2), f(3.5)]), "3.5");
        assert_eq!(show("subf", &[f(1e20), i(1)]), "1e+20");
        assert_eq!(show("mulf", &[f(1.1), i(3)]), "3.3");
        assert_eq!(show("mulf", &[f(0.1), f(0.1)]), "0.01");
        assert_eq!(show("mulf", &[i(2)]), "2");
        assert_eq!(show("mulf", &[f(1.1), f(1.1), f(1.1)]), "1.331");
        assert_eq!(show("mulf", &[f(1e200), f(1e200)]), "+Inf");
        assert_eq!(show("mulf", &[f(1e-200), f(1e-200)]), "0");
        assert_eq!(
            show("mulf", &[i(3), f(0.3333333333333333)]),
            "0.9999999999999999"
        );
        assert_eq!(show("mulf", &[s("1e300"), s("1e300"), s("1e300")]), "+Inf");
        assert_eq!(
            show("mulf", &[f(123456789012345678.0), i(10)]),
            "1.2345678901234568e+18"
        );
        assert_eq!(show("addf", &[f(0.1), f(0.7)]), "0.8");
        assert_eq!(show("subf", &[i(1), f(0.9)]), "0.1");
        assert_eq!(show("mulf", &[f(1.15), i(100)]), "115");
        assert_eq!(show("mulf", &[f(0.1), i(3)]), "0.3");
        assert_eq!(show("mulf", &[f(1.1), f(1.1)]), "1.21");
        assert_eq!(show("addf", &[f(0.1), f(0.2), f(-0.3)]), "0");
        assert_eq!(show("subf", &[f(0.1), f(0.1)]), "0");
        assert_eq!(show("addf", &[f(1e-7), f(1e-7)]), "2e-07");
        assert_eq!(show("addf", &[f(1e22), i(1)]), "1e+22");
        assert_eq!(
            show("addf", &[f(9007199254740993.0), i(0)]),
            "9.007199254740992e+15"
        );
        assert_eq!(show("addf", &[f(4.35), f(4.35)]), "8.7");
        assert_eq!(show("mulf", &[f(4.35), i(100)]), "435");
        assert_eq!(
            show(
                "addf",
                &[f(2.2250738585072014e-308), f(-2.2250738585072014e-308)]
            ),
            "0"
        );
        assert_eq!(show("mulf", &[f(5e-324), f(0.5)]), "5e-324");
        assert_eq!(show("mulf", &[f(5e-324), f(0.51)]), "5e-324");
        assert_eq!(
            show("addf", &[f(1.7976931348623157e308), f(1e292)]),
            "1.7976931348623157e+308"
        );
        assert_eq!(
            show("addf", &[f(1.7976931348623157e308), f(9.979e291)]),
            "1.7976931348623157e+308"
        );
    }

    #[test]
    fn decimal_division() {
        let d = |a: V, b: V| show("divf", &[a, b]);
        assert_eq!(d(i(1), i(3)), "0.3333333333333333");
        assert_eq!(d(i(10), i(4)), "2.5");
        assert_eq!(d(i(2), i(3)), "0.6666666666666667");
        assert_eq!(d(i(-2), i(3)), "-0.6666666666666667");
        assert_eq!(show("divf", &[i(1), i(3), i(3)]), "0.1111111111111111");
        assert_eq!(d(f(1e-20), i(3)), "0");
        assert_eq!(d(f(1e20), i(3)), "3.333333333333333e+19");
        assert_eq!(d(i(1), i(7)), "0.1428571428571429");
        assert_eq!(d(i(22), i(7)), "3.142857142857143");
        assert_eq!(show("divf", &[i(5)]), "5");
        assert_eq!(d(f(1e-17), i(2)), "0");
        assert_eq!(d(f(5e-17), i(1)), "1e-16");
        assert_eq!(d(f(15e-17), i(1)), "2e-16");
        assert_eq!(d(f(-15e-17), i(1)), "-2e-16");
        assert_eq!(d(i(1), i(-3)), "-0.3333333333333333");
        assert_eq!(d(i(7), i(3)), "2.3333333333333335");
        assert_eq!(d(i(1), i(6)), "0.1666666666666667");
        assert_eq!(d(i(5), i(9)), "0.5555555555555556");
        assert_eq!(d(i(-5), i(9)), "-0.5555555555555556");
        assert_eq!(d(i(0), i(5)), "0");
        assert_eq!(d(f(0.1), i(3)), "0.0333333333333333");
        assert_eq!(d(f(1e16), i(3)), "3.3333333333333335e+15");
        assert_eq!(d(f(12345678901234567.0), i(10)), "1.2345678901234568e+15");
        assert_eq!(
            show("divf", &[i(1), i(3), i(7), i(11)]),
            "0.0043290043290043"
        );
        assert_eq!(d(f(0.3), f(0.1)), "3");
        assert_eq!(d(f(1e300), f(1e-300)), "+Inf");
        assert_eq!(d(i(1), f(1e-30)), "1e+30");
        assert_eq!(d(i(123456789), f(0.001)), "1.23456789e+11");
        assert_eq!(d(i(2), f(0.5)), "4");
        assert_eq!(d(i(1), i(0)), "ERR: decimal division by 0");
        let third = call("divf", &[i(1), i(3)]).unwrap();
        assert_eq!(show("mulf", &[third, i(3)]), "0.9999999999999999");
    }

    #[test]
    fn shortest_digits_break_ties_to_even() {
        assert_eq!(
            go_shortest_e(98606833578833.0 + 0.625),
            "9.860683357883362e13"
        );
        assert_eq!(
            go_shortest_e(566161999999999.0 + 0.25),
            "5.661619999999992e14"
        );
        assert_eq!(
            go_shortest_e(-(566161999999999.0 + 0.25)),
            "-5.661619999999992e14"
        );
        assert_eq!(go_shortest_e(0.1), "1e-1");
        assert_eq!(go_shortest_e(5e-324), "5e-324");
        // oracle: subf 98606833578833.62 -609.917975 = 9.860683357944353e+13
        let r = call("subf", &[f(98606833578833.62), f(-609.917975)]).unwrap();
        assert!(matches!(r, V::Float(x) if x == 98606833579443.0 + 0.53125));
        // oracle: subf 566162000000000.0 0.7 = 5.661619999999992e+14
        let r = call("subf", &[f(566162000000000.0), f(0.7)]).unwrap();
        assert!(matches!(r, V::Float(x) if x == 566161999999999.0 + 0.25));
        // oracle: divf -943.001 -8.603349033211138e-13 = 1.0960859502035472e+15
        let r = call("divf", &[f(-943.001), f(-8.603349033211138e-13)]).unwrap();
        assert!(matches!(r, V::Float(x) if x == 1.0960859502035472e15));
    }

    #[test]
    fn decimal_errors() {
        assert_eq!(
            show("addf", &[s("inf"), i(1)]),
            "ERR: Cannot create a Decimal from +Inf"
        );
        assert_eq!(
            show("addf", &[i(1), s("NaN")]),
            "ERR: Cannot create a Decimal from NaN"
        );
        assert_eq!(
            show("addf", &[s("Inf"), i(-1)]),
            "ERR: Cannot create a Decimal from +Inf"
        );
        assert_eq!(
            show("subf", &[s("-infinity")]),
            "ERR: Cannot create a Decimal from -Inf"
        );
    }

    #[test]
    fn maxf_minf() {
        assert_eq!(show("maxf", &[f(1.5), f(2.5)]), "2.5");
        assert_eq!(show("maxf", &[i(1)]), "1");
        assert_eq!(show("maxf", &[s("x"), i(-1)]), "0");
        assert_eq!(show("maxf", &[i(1), s("nan")]), "NaN");
        assert_eq!(show("maxf", &[s("nan"), i(1)]), "NaN");
        assert_eq!(show("minf", &[f(1.5), f(-2.5)]), "-2.5");
        assert_eq!(show("minf", &[f(-0.0), i(0)]), "-0");
        assert_eq!(show("maxf", &[f(-0.0), i(0)]), "0");
        assert_eq!(show("minf", &[i(1), s("-inf")]), "-Inf");
        assert_eq!(show("maxf", &[i(1), s("inf")]), "+Inf");
        assert_eq!(show("minf", &[s("nan"), i(1)]), "NaN");
        assert!(matches!(call("maxf", &[i(1)]), Ok(V::Float(_))));
    }

    #[test]
    fn float_parsing_like_go() {
        let m = |x: &str| show("maxf", &[s(x)]);
        assert_eq!(m("1_000.5"), "1000.5");
        assert_eq!(m("0x10"), "0");
        assert_eq!(m("1e3"), "1000");
        assert_eq!(m(" 1"), "0");
        assert_eq!(show("maxf", &[V::Bool(true)]), "1");
        assert_eq!(m("0x1p-2"), "0.25");
        assert_eq!(m("1_0"), "10");
        assert_eq!(m(".5"), "0.5");
        assert_eq!(m("5."), "5");
        assert_eq!(m("+.5e1"), "5");
        assert_eq!(m("infinity"), "+Inf");
        assert_eq!(m("infinit"), "0");
        assert_eq!(m("+nan"), "0");
        assert_eq!(m("-nan"), "0");
        assert_eq!(m("1e"), "0");
        assert_eq!(m("1e+"), "0");
        assert_eq!(m("1_e5"), "0");
        assert_eq!(m("1e1_0"), "1e+10");
        assert_eq!(m("."), "0");
        assert_eq!(m("-"), "0");
        assert_eq!(m(""), "0");
        assert_eq!(m("-Inf"), "-Inf");
        assert_eq!(m("+inf"), "+Inf");
        assert_eq!(m("INF"), "+Inf");
        assert_eq!(m("NaN"), "NaN");
        assert_eq!(m("1e400"), "0");
        assert_eq!(m("1e-400"), "0");
        assert_eq!(m("0x1.8p1"), "3");
        assert_eq!(m("0X10"), "0");
        assert_eq!(m("1__0"), "0");
        assert_eq!(m("_1"), "0");
        assert_eq!(m("1_"), "0");
        assert_eq!(m("0x_1p0"), "1");
        assert_eq!(m("0x1.fffffffffffff8p1023"), "0");
        assert_eq!(m("0x1.fffffffffffff7p1023"), "1.7976931348623157e+308");
        assert_eq!(m("0x.8p-1073"), "5e-324");
        assert_eq!(m("0x1p-1075"), "0");
        assert_eq!(m("0x1.8p-1074"), "1e-323");
        assert_eq!(m("0x123456789abcdef0123p0"), "5.373003642731685e+21");
        assert_eq!(m("0x1P4"), "16");
        assert_eq!(m("0x1p"), "0");
        assert_eq!(m("0x.p1"), "0");
        assert_eq!(m("0x_1_0p0"), "16");
        assert_eq!(m("1.5e-5_0"), "1.5e-50");
        assert_eq!(m("0xp1"), "0");
        assert_eq!(m("1.2.3"), "0");
    }

    #[test]
    fn int_parsing_like_go() {
        let a = |x: &str| show("add", &[s(x)]);
        for (input, want) in [
            ("0_7", "7"),
            ("08", "0"),
            ("0", "0"),
            ("0x", "0"),
            ("0b", "0"),
            ("0b2", "0"),
            ("0B101", "5"),
            ("0O17", "15"),
            ("0X1F", "31"),
            ("0x_1F", "31"),
            ("0x1F_", "0"),
            ("1__0", "0"),
            ("_1", "0"),
            ("-", "0"),
            ("+", "0"),
            ("", "0"),
            ("12.000", "12"),
            ("0x10.0", "16"),
            ("-.0", "0"),
            ("0.00", "0"),
            ("100", "100"),
            ("9223372036854775807.0", "9223372036854775807"),
            ("-9223372036854775809", "0"),
            ("1_0.0", "10"),
            ("  5", "0"),
            ("+5", "5"),
            ("5.5", "0"),
            ("1.0", "1"),
            ("-0x10", "-16"),
            (".0", "0"),
            ("1.", "0"),
            ("0x1_0", "16"),
            ("1e400", "0"),
            ("99999999999999999999", "0"),
            ("0x8000000000000000", "0"),
            ("-0x8000000000000000", "-9223372036854775808"),
        ] {
            assert_eq!(a(input), want, "add {input:?}");
        }
    }

    #[test]
    fn float_to_int_like_amd64() {
        let a = |x: f64| show("add", &[f(x)]);
        assert_eq!(a(9_223_372_036_854_774_784.0), "9223372036854774784");
        assert_eq!(a(9_223_372_036_854_775_808.0), "-9223372036854775808");
        assert_eq!(a(-9_223_372_036_854_775_808.0), "-9223372036854775808");
        assert_eq!(a(-9.3e18), "-9223372036854775808");
        assert_eq!(a(f64::INFINITY), "-9223372036854775808");
        assert_eq!(a(f64::NEG_INFINITY), "-9223372036854775808");
        assert_eq!(a(f64::NAN), "-9223372036854775808");
        assert_eq!(a(1e19), "-9223372036854775808");
        assert_eq!(a(-1e19), "-9223372036854775808");
        assert_eq!(a(0.99999), "0");
        assert_eq!(a(-0.99999), "0");
    }

    #[test]
    fn rand_int_range() {
        for _ in 0..50 {
            match call("randInt", &[i(1), i(4)]) {
                Ok(V::Int(n)) => assert!((1..4).contains(&n)),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(show("randInt", &[i(1), i(2)]), "1");
        assert_eq!(show("randInt", &[i(-5), i(-4)]), "-5");
        assert_eq!(
            show("randInt", &[i(2), i(2)]),
            "ERR: invalid argument to Intn"
        );
        assert_eq!(
            show("randInt", &[i(3), i(2)]),
            "ERR: invalid argument to Intn"
        );
    }

    #[test]
    fn pow10_matches_go() {
        assert_eq!(go_pow10(2), 100.0);
        assert_eq!(go_pow10(-2), 0.01);
        assert_eq!(go_pow10(22), 1e22);
        assert_eq!(go_pow10(-400), 0.0);
        assert_eq!(go_pow10(400), f64::INFINITY);
    }
}
