//! Go number formatting (`strconv.FormatFloat`, `strconv.FormatInt`).
//!
//! Helm prints numbers through Go's `strconv`; these functions reproduce its
//! output byte for byte. Shortest-digit output (`prec = -1`) is derived from
//! Rust's `{:e}` formatting, which produces the shortest decimal digits that
//! round-trip (the same digits Go's Ryu-based formatter picks); fixed precision
//! uses Rust's exact, round-half-even decimal conversion, as Go does.

/// Decimal digits of a finite, non-negative float: `0.d1d2d3... * 10^dp`.
struct Digits {
    /// ASCII digits, no leading zeros (empty for zero).
    d: Vec<u8>,
    /// Position of the decimal point relative to the first digit.
    dp: i32,
}

/// Splits Rust's `{:e}` output (`"1.2345e-7"`, `"0e0"`) into digits and point position.
fn parse_sci(s: &str) -> Digits {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut d: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    // Trailing zeros are not significant digits ("1.500e0" with explicit precision).
    while d.last() == Some(&b'0') {
        d.pop();
    }
    if d.is_empty() {
        return Digits { d, dp: 0 };
    }
    Digits { d, dp: exp + 1 }
}

/// Shortest round-trip digits of `abs` at the given bit size.
fn shortest(abs: f64, bits: u32) -> Digits {
    // Rust and Go agree on the number of shortest digits, but when two
    // candidates of that length are equally close Go takes the correctly
    // rounded one: re-round to that many digits and keep it if it still
    // reads back as the same value.
    if bits == 32 {
        let x = abs as f32;
        let s = format!("{x:e}");
        let n = s
            .split('e')
            .next()
            .map_or(1, |m| m.chars().filter(char::is_ascii_digit).count());
        let r = format!("{:.*e}", n.saturating_sub(1), x);
        if r != s && r.parse::<f32>().ok() == Some(x) {
            return parse_sci(&r);
        }
        parse_sci(&s)
    } else {
        let s = format!("{abs:e}");
        let n = s
            .split('e')
            .next()
            .map_or(1, |m| m.chars().filter(char::is_ascii_digit).count());
        let r = format!("{:.*e}", n.saturating_sub(1), abs);
        if r != s && r.parse::<f64>().ok() == Some(abs) {
            return parse_sci(&r);
        }
        parse_sci(&s)
    }
}

/// Digits rounded to `n` significant digits (`n >= 1`).
fn rounded_sig(abs: f64, bits: u32, n: usize) -> Digits {
    if bits == 32 {
        parse_sci(&format!("{:.*e}", n - 1, abs as f32))
    } else {
        parse_sci(&format!("{:.*e}", n - 1, abs))
    }
}

/// Go's `strconv.FormatFloat(f, fmt, prec, bits)` for `fmt` in `'e' 'E' 'f' 'g' 'G'`.
///
/// `prec = -1` selects the shortest representation that round-trips at the
/// given bit size (32 rounds `f` to `f32` first, as Go does).
pub fn format_float(f: f64, fmt: char, prec: i32, bits: u32) -> String {
    let f = if bits == 32 { f as f32 as f64 } else { f };
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    let neg = f.is_sign_negative();
    let abs = f.abs();
    let mut out = String::with_capacity(24);
    if neg {
        out.push('-');
    }
    let shortest_mode = prec < 0;
    match fmt {
        'e' | 'E' => {
            let digs = if shortest_mode {
                shortest(abs, bits)
            } else {
                rounded_sig(abs, bits, prec as usize + 1)
            };
            let p = if shortest_mode {
                digs.d.len().max(1) as i32 - 1
            } else {
                prec
            };
            fmt_e(&mut out, &digs, p, fmt);
        }
        'f' | 'F' => {
            if shortest_mode {
                let digs = shortest(abs, bits);
                let p = (digs.d.len() as i32 - digs.dp).max(0);
                fmt_f(&mut out, &digs, p);
            } else {
                // Rust's fixed formatting is exact with round-half-even, like Go.
                let s = if bits == 32 {
                    format!("{:.*}", prec as usize, abs as f32)
                } else {
                    format!("{:.*}", prec as usize, abs)
                };
                out.push_str(&s);
            }
        }
        _ => {
            // 'g' / 'G' (and anything else, as Go would print %!c for unknown verbs;
            // callers only use the supported verbs).
            let (digs, mut p) = if shortest_mode {
                let d = shortest(abs, bits);
                let n = d.d.len() as i32;
                (d, n)
            } else {
                let p = if prec == 0 { 1 } else { prec };
                (rounded_sig(abs, bits, p as usize), p)
            };
            let nd = digs.d.len() as i32;
            let mut eprec = p;
            if eprec > nd && nd >= digs.dp {
                eprec = nd;
            }
            if shortest_mode {
                eprec = 6;
            }
            let exp = if nd == 0 { 0 } else { digs.dp - 1 };
            let e = if fmt == 'G' { 'E' } else { 'e' };
            if exp < -4 || exp >= eprec {
                if p > nd {
                    p = nd;
                }
                fmt_e(&mut out, &digs, (p - 1).max(0), e);
            } else {
                if p > digs.dp {
                    p = nd;
                }
                fmt_f(&mut out, &digs, (p - digs.dp).max(0));
            }
        }
    }
    out
}

fn digit_at(d: &Digits, i: i32) -> char {
    if i >= 0 && (i as usize) < d.d.len() {
        d.d[i as usize] as char
    } else {
        '0'
    }
}

/// `d.ddddde±dd` with `prec` digits after the point.
fn fmt_e(out: &mut String, d: &Digits, prec: i32, e: char) {
    out.push(digit_at(d, 0));
    if prec > 0 {
        out.push('.');
        for i in 1..=prec {
            out.push(digit_at(d, i));
        }
    }
    out.push(e);
    let exp = if d.d.is_empty() { 0 } else { d.dp - 1 };
    out.push(if exp < 0 { '-' } else { '+' });
    let a = exp.unsigned_abs();
    if a < 10 {
        out.push('0');
    }
    out.push_str(&a.to_string());
}

/// `ddd.ddd` with `prec` digits after the point.
fn fmt_f(out: &mut String, d: &Digits, prec: i32) {
    if d.dp > 0 {
        for i in 0..d.dp {
            out.push(digit_at(d, i));
        }
    } else {
        out.push('0');
    }
    if prec > 0 {
        out.push('.');
        for i in 0..prec {
            out.push(digit_at(d, d.dp + i));
        }
    }
}

/// Go's `strconv.FormatInt(i, base)` (base 2..=36, lowercase letters).
pub fn format_int(i: i64, base: u32) -> String {
    let mut out = String::new();
    if i < 0 {
        out.push('-');
    }
    out.push_str(&format_uint(i.unsigned_abs(), base));
    out
}

/// Go's `strconv.FormatUint(u, base)` (base 2..=36, lowercase letters).
pub fn format_uint(mut u: u64, base: u32) -> String {
    let base = u64::from(base.clamp(2, 36));
    if base == 10 {
        return u.to_string();
    }
    let mut buf = Vec::with_capacity(64);
    loop {
        let d = (u % base) as u8;
        buf.push(if d < 10 { b'0' + d } else { b'a' + d - 10 });
        u /= base;
        if u == 0 {
            break;
        }
    }
    buf.reverse();
    String::from_utf8(buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g64(f: f64) -> String {
        format_float(f, 'g', -1, 64)
    }
    fn g32(f: f64) -> String {
        format_float(f, 'g', -1, 32)
    }

    #[test]
    fn shortest_g64() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0, "1"),
            (1.5, "1.5"),
            (-2.5, "-2.5"),
            (100000.0, "100000"),
            (1e6, "1e+06"),
            (1234567.0, "1.234567e+06"),
            (123456789.0, "1.23456789e+08"),
            (1e21, "1e+21"),
            (1e20, "1e+20"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.000001, "1e-06"),
            (2.5e-5, "2.5e-05"),
            (0.1, "0.1"),
            (1.0 / 3.0, "0.3333333333333333"),
            (1e100, "1e+100"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (12345678901234567890.0, "1.2345678901234567e+19"),
            (f64::INFINITY, "+Inf"),
            (f64::NEG_INFINITY, "-Inf"),
            (f64::NAN, "NaN"),
            (123456.0, "123456"),
            (999999.0, "999999"),
        ];
        for (f, want) in cases {
            assert_eq!(g64(*f), *want, "g64({f})");
        }
    }

    #[test]
    fn shortest_g32() {
        let cases: &[(f64, &str)] = &[
            (1.5, "1.5"),
            (0.1, "0.1"),
            (1.1, "1.1"),
            (1.10, "1.1"),
            (1.0, "1"),
            (3.4028234663852886e38, "3.4028235e+38"),
            (123456789.5, "1.2345679e+08"),
            (1e10, "1e+10"),
            (16777217.0, "1.6777216e+07"),
            (0.3333333333333333, "0.33333334"),
        ];
        for (f, want) in cases {
            assert_eq!(g32(*f), *want, "g32({f})");
        }
    }

    #[test]
    fn fixed_and_exp() {
        assert_eq!(format_float(1.5, 'f', -1, 64), "1.5");
        assert_eq!(format_float(1e21, 'f', -1, 64), "1000000000000000000000");
        assert_eq!(format_float(1e-7, 'f', -1, 64), "0.0000001");
        assert_eq!(format_float(1.23456, 'f', 2, 64), "1.23");
        assert_eq!(format_float(2.5, 'f', 0, 64), "2");
        assert_eq!(format_float(1.0, 'f', 3, 64), "1.000");
        assert_eq!(format_float(1e6, 'e', -1, 64), "1e+06");
        assert_eq!(format_float(123456.0, 'e', -1, 64), "1.23456e+05");
        assert_eq!(format_float(123456.0, 'e', 2, 64), "1.23e+05");
        assert_eq!(format_float(0.0, 'e', -1, 64), "0e+00");
        assert_eq!(format_float(1e-100, 'e', -1, 64), "1e-100");
        assert_eq!(format_float(123456.0, 'g', 3, 64), "1.23e+05");
        assert_eq!(format_float(0.5, 'g', 3, 64), "0.5");
        assert_eq!(format_float(100.0, 'g', 3, 64), "100");
        assert_eq!(format_float(1000.0, 'g', 3, 64), "1e+03");
        assert_eq!(format_float(-0.0, 'f', -1, 64), "-0");
        assert_eq!(format_float(1e6, 'G', -1, 64), "1E+06");
    }

    #[test]
    fn ints() {
        assert_eq!(format_int(0, 10), "0");
        assert_eq!(format_int(-42, 10), "-42");
        assert_eq!(format_int(i64::MIN, 10), "-9223372036854775808");
        assert_eq!(format_int(255, 16), "ff");
        assert_eq!(format_int(-5, 2), "-101");
        assert_eq!(format_uint(u64::MAX, 10), "18446744073709551615");
        assert_eq!(format_int(8, 8), "10");
    }
}
