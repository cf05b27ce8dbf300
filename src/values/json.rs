//! JSON output exactly as Go's `encoding/json` writes `interface{}` values:
//! object keys in byte order, `<`, `>`, `&`, U+2028 and U+2029 escaped,
//! floats in Go's shortest form (`1e+21`, `1e-7`), integers as such.

use super::Value;
use super::gofmt::format_float;

/// Go's JSON encoding of one float64 (`None` for NaN and infinities, which
/// Go refuses to encode).
pub fn go_json_float(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    let abs = f.abs();
    let exp = abs != 0.0 && !(1e-6..1e21).contains(&abs);
    let mut s = format_float(f, if exp { 'e' } else { 'f' }, -1, 64);
    if exp {
        // Go shortens a two-digit negative exponent: e-07 -> e-7.
        let b = s.as_bytes();
        let n = b.len();
        if n >= 4 && b[n - 4] == b'e' && b[n - 3] == b'-' && b[n - 2] == b'0' {
            let last = s.pop().unwrap_or('0');
            s.pop();
            s.push(last);
        }
    }
    Some(s)
}

/// Writes a JSON string literal with Go's escaping (HTML-safe).
pub fn write_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Error for values Go cannot encode (NaN, infinities).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("json: unsupported value: {0}")]
pub struct JsonError(pub String);

/// Compact JSON (`json.Marshal`).
pub fn to_json(v: &Value) -> Result<String, JsonError> {
    let mut out = String::new();
    write(v, &mut out, None, 0)?;
    Ok(out)
}

/// Indented JSON (`json.MarshalIndent(v, "", indent)`).
pub fn to_json_indent(v: &Value, indent: &str) -> Result<String, JsonError> {
    let mut out = String::new();
    write(v, &mut out, Some(indent), 0)?;
    Ok(out)
}

fn newline(out: &mut String, indent: Option<&str>, depth: usize) {
    if let Some(ind) = indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(ind);
        }
    }
}

fn write(v: &Value, out: &mut String, indent: Option<&str>, depth: usize) -> Result<(), JsonError> {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => match go_json_float(*f) {
            Some(s) => out.push_str(&s),
            None => return Err(JsonError(format_float(*f, 'g', -1, 64))),
        },
        Value::String(s) => write_json_string(out, s),
        Value::List(l) => {
            if l.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (i, x) in l.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, depth + 1);
                write(x, out, indent, depth + 1)?;
            }
            newline(out, indent, depth);
            out.push(']');
        }
        Value::Map(m) => {
            if m.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, depth + 1);
                write_json_string(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write(x, out, indent, depth + 1)?;
            }
            newline(out, indent, depth);
            out.push('}');
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Map;

    #[test]
    fn floats_as_go_prints_them() {
        let cases = [
            (3.0, "3"),
            (1.5, "1.5"),
            (1e20, "100000000000000000000"),
            (1e21, "1e+21"),
            (1e-7, "1e-7"),
            (0.000001, "0.000001"),
            (123456789.0, "123456789"),
            (-0.5, "-0.5"),
            (2.5e-10, "2.5e-10"),
        ];
        for (f, want) in cases {
            assert_eq!(go_json_float(f).unwrap(), want, "{f}");
        }
        assert!(to_json(&Value::Float(f64::NAN)).is_err());
    }

    #[test]
    fn maps_sorted_and_html_escaped() {
        let mut m = Map::new();
        m.insert("b".into(), Value::str("<a&b>"));
        m.insert(
            "a".into(),
            Value::list(vec![Value::Int(1), Value::Null, Value::Bool(true)]),
        );
        m.insert("c".into(), Value::map(Map::new()));
        let v = Value::map(m);
        assert_eq!(
            to_json(&v).unwrap(),
            r#"{"a":[1,null,true],"b":"\u003ca\u0026b\u003e","c":{}}"#
        );
        assert_eq!(
            to_json_indent(&v, "  ").unwrap(),
            "{\n  \"a\": [\n    1,\n    null,\n    true\n  ],\n  \"b\": \"\\u003ca\\u0026b\\u003e\",\n  \"c\": {}\n}"
        );
    }
}
