//! Serialization functions: Helm's `toYaml`/`fromYaml`/`toJson`/`fromJson`/
//! `toToml`/`fromToml` families and Sprig's `toPrettyJson`, `toRawJson`,
//! `mustFromJson` and their `must*` variants.
//!
//! * YAML goes through [`crate::values::yaml`] (sigs.k8s.io/yaml semantics).
//! * JSON output uses Go's `encoding/json` rules ([`crate::values::json`]);
//!   JSON input is decoded here with Go's exact syntax error texts
//!   (`invalid character 'x' after object key`) and its type errors.
//! * TOML output reproduces the BurntSushi/toml v1 encoder byte for byte
//!   (key order, sub-tables after plain keys, two-space indentation of
//!   nested tables, inline tables inside mixed arrays, float spelling);
//!   TOML input is parsed with the `toml` crate.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::super::value::{ListV, V};
use super::dates::{GoTime, Loc, time_obj};
use super::{FuncDef, Ty, def};
use crate::values::gofmt::format_float;
use crate::values::json::{JsonError, go_json_float, to_json as json_marshal, to_json_indent};
use crate::values::yaml::{YamlError, YamlErrorKind, parse_first_doc, to_yaml, to_yaml_pretty};
use crate::values::{Map, Value};

pub static FUNCS: &[FuncDef] = &[
    def("toYaml", &[Ty::Any], None, to_yaml_fn),
    def("mustToYaml", &[Ty::Any], None, must_to_yaml),
    def("toYamlPretty", &[Ty::Any], None, to_yaml_pretty_fn),
    def("fromYaml", &[Ty::Str], None, from_yaml),
    def("fromYamlArray", &[Ty::Str], None, from_yaml_array),
    def("toJson", &[Ty::Any], None, to_json_fn),
    def("mustToJson", &[Ty::Any], None, must_to_json),
    def("fromJson", &[Ty::Str], None, from_json),
    def("fromJsonArray", &[Ty::Str], None, from_json_array),
    def("mustFromJson", &[Ty::Str], None, must_from_json),
    def("toPrettyJson", &[Ty::Any], None, to_pretty_json),
    def("mustToPrettyJson", &[Ty::Any], None, must_to_pretty_json),
    def("toRawJson", &[Ty::Any], None, to_raw_json),
    def("mustToRawJson", &[Ty::Any], None, to_raw_json),
    def("toToml", &[Ty::Any], None, to_toml),
    def("mustToToml", &[Ty::Any], None, must_to_toml),
    def("fromToml", &[Ty::Str], None, from_toml),
];

fn arg(args: &[V]) -> &V {
    args.first().unwrap_or(&V::Nil)
}

fn str_arg(args: &[V]) -> &str {
    args.first().and_then(V::as_str).unwrap_or("")
}

fn error_map(msg: String) -> V {
    let mut m = BTreeMap::new();
    m.insert("Error".to_string(), V::str(msg));
    V::map(m)
}

// ---------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------

/// `yaml.Marshal` then `strings.TrimSuffix(s, "\n")`; `None` on failure.
fn marshal_yaml(v: &V) -> Option<String> {
    let mut s = to_yaml(&v.to_value());
    if s.is_empty() {
        return None;
    }
    if s.ends_with('\n') {
        s.pop();
    }
    Some(s)
}

fn to_yaml_fn(args: &[V]) -> Result<V, String> {
    Ok(V::str(marshal_yaml(arg(args)).unwrap_or_default()))
}

fn must_to_yaml(args: &[V]) -> Result<V, String> {
    let v = arg(args);
    match marshal_yaml(v) {
        Some(s) => Ok(V::str(s)),
        None => Err(match json_marshal(&v.to_value()) {
            Err(e) => format!("error marshaling into JSON: {e}"),
            Ok(_) => "yaml: control characters are not allowed".to_string(),
        }),
    }
}

/// Placeholder for a `time.Time` in [`to_yaml_pretty_fn`] (plain scalar).
fn time_token(i: usize) -> String {
    format!("zzcapstantime{i}zz")
}

/// `V::to_value` with every `time.Time` replaced by a placeholder token
/// (go-yaml v3 writes times as plain RFC 3339 scalars, not quoted strings).
fn value_with_time_tokens(v: &V, times: &mut Vec<String>) -> Value {
    match v {
        V::Object(o) => match o.as_any().downcast_ref::<GoTime>() {
            Some(t) => {
                times.push(t.rfc3339_nano());
                Value::String(time_token(times.len() - 1))
            }
            None => o.to_value(),
        },
        V::List(l) => Value::list(
            l.items
                .iter()
                .map(|x| value_with_time_tokens(x, times))
                .collect(),
        ),
        V::Map(m) => Value::map(
            m.entries
                .borrow()
                .iter()
                .map(|(k, x)| (k.clone(), value_with_time_tokens(x, times)))
                .collect(),
        ),
        other => other.to_value(),
    }
}

fn to_yaml_pretty_fn(args: &[V]) -> Result<V, String> {
    let mut times = Vec::new();
    let value = value_with_time_tokens(arg(args), &mut times);
    let mut s = to_yaml_pretty(&value);
    if !times.is_empty() {
        let plain = to_yaml_pretty(&arg(args).to_value());
        if plain.contains("zzcapstantime") {
            // A user string looks like a placeholder: keep the quoted form.
            s = plain;
        } else {
            for (i, t) in times.iter().enumerate().rev() {
                s = s.replace(&time_token(i), t);
            }
        }
    }
    if s.ends_with('\n') {
        s.pop();
    }
    Ok(V::str(s))
}

/// The word `encoding/json` uses for a JSON value's type in unmarshal errors.
fn json_word(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Int(_) | Value::Float(_) => "number",
        Value::String(_) => "string",
        Value::List(_) => "array",
        Value::Map(_) => "object",
    }
}

fn yaml_unmarshal_error(v: &Value, target: &str) -> String {
    YamlError::new(
        YamlErrorKind::Unmarshal,
        format!(
            "cannot unmarshal {} into Go value of type {target}",
            json_word(v)
        ),
        0,
        0,
    )
    .go_message()
}

fn from_yaml(args: &[V]) -> Result<V, String> {
    Ok(match parse_first_doc(str_arg(args)) {
        Ok(v @ Value::Map(_)) => V::from_value(&v),
        Ok(Value::Null) => V::empty_map(),
        Ok(other) => error_map(yaml_unmarshal_error(&other, "map[string]interface {}")),
        Err(e) => error_map(e.go_message()),
    })
}

fn from_yaml_array(args: &[V]) -> Result<V, String> {
    Ok(match parse_first_doc(str_arg(args)) {
        Ok(v @ Value::List(_)) => V::from_value(&v),
        Ok(Value::Null) => V::list(Vec::new()),
        Ok(other) => V::list(vec![V::str(yaml_unmarshal_error(&other, "[]interface {}"))]),
        Err(e) => V::list(vec![V::str(e.go_message())]),
    })
}

// ---------------------------------------------------------------------------
// JSON output
// ---------------------------------------------------------------------------

fn to_json_fn(args: &[V]) -> Result<V, String> {
    Ok(V::str(
        json_marshal(&arg(args).to_value()).unwrap_or_default(),
    ))
}

fn must_to_json(args: &[V]) -> Result<V, String> {
    json_marshal(&arg(args).to_value())
        .map(V::str)
        .map_err(|e: JsonError| e.to_string())
}

fn to_pretty_json(args: &[V]) -> Result<V, String> {
    Ok(V::str(
        to_json_indent(&arg(args).to_value(), "  ").unwrap_or_default(),
    ))
}

fn must_to_pretty_json(args: &[V]) -> Result<V, String> {
    to_json_indent(&arg(args).to_value(), "  ")
        .map(V::str)
        .map_err(|e| e.to_string())
}

/// Sprig's `toRawJson`/`mustToRawJson`: a `json.Encoder` without HTML
/// escaping (both fail on unencodable values: `toRawJson` panics).
fn to_raw_json(args: &[V]) -> Result<V, String> {
    let mut out = String::new();
    write_raw_json(&arg(args).to_value(), &mut out)?;
    Ok(V::str(out))
}

fn write_raw_json(v: &Value, out: &mut String) -> Result<(), String> {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => match go_json_float(*f) {
            Some(s) => out.push_str(&s),
            None => {
                return Err(JsonError(format_float(*f, 'g', -1, 64)).to_string());
            }
        },
        Value::String(s) => write_raw_json_string(out, s),
        Value::List(l) => {
            out.push('[');
            for (i, x) in l.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_raw_json(x, out)?;
            }
            out.push(']');
        }
        Value::Map(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_raw_json_string(out, k);
                out.push(':');
                write_raw_json(x, out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

fn write_raw_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

// ---------------------------------------------------------------------------
// JSON input (encoding/json.Unmarshal)
// ---------------------------------------------------------------------------

/// Go's `encoding/json` nesting limit.
const JSON_MAX_DEPTH: usize = 10_000;

/// A decoded JSON document: the value and the first "saved" type error
/// (Go keeps decoding after e.g. a number that overflows float64).
struct Decoded {
    value: Value,
    saved: Option<String>,
}

/// Go's `quoteChar` for syntax errors (the byte read as a Latin-1 rune).
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => "'\\''".to_string(),
        b'"' => "'\"'".to_string(),
        _ => {
            let ch = char::from(c);
            let inner = match ch {
                '\u{7}' => "\\a".to_string(),
                '\u{8}' => "\\b".to_string(),
                '\u{c}' => "\\f".to_string(),
                '\n' => "\\n".to_string(),
                '\r' => "\\r".to_string(),
                '\t' => "\\t".to_string(),
                '\u{b}' => "\\v".to_string(),
                '\\' => "\\\\".to_string(),
                c if (c as u32) < 0x20 || c as u32 == 0x7f => format!("\\x{:02x}", c as u32),
                c if (0x80..0xa0).contains(&(c as u32)) || c as u32 == 0xad => {
                    format!("\\u{:04x}", c as u32)
                }
                c => c.to_string(),
            };
            format!("'{inner}'")
        }
    }
}

enum Frame {
    Array(Vec<Value>),
    Object(Map, String),
}

struct JsonParser<'a> {
    b: &'a [u8],
    i: usize,
    saved: Option<String>,
}

const EOF_MSG: &str = "unexpected end of JSON input";

impl JsonParser<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\r' | b'\n') {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn err(c: u8, ctx: &str) -> String {
        format!("invalid character {} {ctx}", quote_char(c))
    }

    /// Next non-space byte or the end-of-input error.
    fn next_nonspace(&mut self) -> Result<u8, String> {
        self.ws();
        self.peek().ok_or_else(|| EOF_MSG.to_string())
    }

    fn parse(src: &str) -> Result<Decoded, String> {
        let mut p = JsonParser {
            b: src.as_bytes(),
            i: 0,
            saved: None,
        };
        let value = p.document()?;
        p.ws();
        if let Some(c) = p.peek() {
            return Err(Self::err(c, "after top-level value"));
        }
        Ok(Decoded {
            value,
            saved: p.saved,
        })
    }

    /// Parses one value iteratively (no recursion on nesting).
    fn document(&mut self) -> Result<Value, String> {
        let mut stack: Vec<Frame> = Vec::new();
        'value: loop {
            // Parse a value start.
            let c = self.next_nonspace()?;
            let mut done: Value = match c {
                b'{' | b'[' => {
                    if stack.len() >= JSON_MAX_DEPTH {
                        return Err(Self::err(c, "exceeded max depth"));
                    }
                    self.i += 1;
                    let n = self.next_nonspace()?;
                    if c == b'{' {
                        match n {
                            b'}' => {
                                self.i += 1;
                                Value::empty_map()
                            }
                            b'"' => {
                                let key = self.key()?;
                                stack.push(Frame::Object(Map::new(), key));
                                continue 'value;
                            }
                            _ => {
                                return Err(Self::err(
                                    n,
                                    "looking for beginning of object key string",
                                ));
                            }
                        }
                    } else if n == b']' {
                        self.i += 1;
                        Value::list(Vec::new())
                    } else {
                        stack.push(Frame::Array(Vec::new()));
                        continue 'value;
                    }
                }
                b'"' => Value::String(self.string()?),
                b'-' | b'0'..=b'9' => self.number()?,
                b't' => self.literal("true", Value::Bool(true))?,
                b'f' => self.literal("false", Value::Bool(false))?,
                b'n' => self.literal("null", Value::Null)?,
                _ => return Err(Self::err(c, "looking for beginning of value")),
            };
            // Attach the finished value to its container(s).
            loop {
                let Some(top) = stack.last_mut() else {
                    return Ok(done);
                };
                match top {
                    Frame::Array(items) => {
                        items.push(done);
                        match self.next_nonspace()? {
                            b',' => {
                                self.i += 1;
                                continue 'value;
                            }
                            b']' => {
                                self.i += 1;
                                let Some(Frame::Array(items)) = stack.pop() else {
                                    unreachable!()
                                };
                                done = Value::list(items);
                            }
                            c => return Err(Self::err(c, "after array element")),
                        }
                    }
                    Frame::Object(map, key) => {
                        map.insert(std::mem::take(key), done);
                        match self.next_nonspace()? {
                            b',' => {
                                self.i += 1;
                                let c = self.next_nonspace()?;
                                if c != b'"' {
                                    return Err(Self::err(
                                        c,
                                        "looking for beginning of object key string",
                                    ));
                                }
                                let k = self.key()?;
                                if let Some(Frame::Object(_, key)) = stack.last_mut() {
                                    *key = k;
                                }
                                continue 'value;
                            }
                            b'}' => {
                                self.i += 1;
                                let Some(Frame::Object(map, _)) = stack.pop() else {
                                    unreachable!()
                                };
                                done = Value::map(map);
                            }
                            c => return Err(Self::err(c, "after object key:value pair")),
                        }
                    }
                }
            }
        }
    }

    /// An object key and its colon.
    fn key(&mut self) -> Result<String, String> {
        let k = self.string()?;
        let c = self.next_nonspace()?;
        if c != b':' {
            return Err(Self::err(c, "after object key"));
        }
        self.i += 1;
        Ok(k)
    }

    fn literal(&mut self, word: &'static str, v: Value) -> Result<Value, String> {
        let w = word.as_bytes();
        self.i += 1;
        for &want in &w[1..] {
            match self.peek() {
                None => return Err(EOF_MSG.into()),
                Some(c) if c == want => self.i += 1,
                Some(c) => {
                    return Err(Self::err(
                        c,
                        &format!("in literal {word} (expecting '{}')", char::from(want)),
                    ));
                }
            }
        }
        Ok(v)
    }

    fn number(&mut self) -> Result<Value, String> {
        let start = self.i;
        let eof = || EOF_MSG.to_string();
        if self.peek() == Some(b'-') {
            self.i += 1;
            match self.peek() {
                None => return Err(eof()),
                Some(b'0'..=b'9') => {}
                Some(c) => return Err(Self::err(c, "in numeric literal")),
            }
        }
        if self.peek() == Some(b'0') {
            self.i += 1;
        } else {
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.i += 1;
            }
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            match self.peek() {
                None => return Err(eof()),
                Some(b'0'..=b'9') => {}
                Some(c) => return Err(Self::err(c, "after decimal point in numeric literal")),
            }
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.i += 1;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            match self.peek() {
                None => return Err(eof()),
                Some(b'0'..=b'9') => {}
                Some(c) => return Err(Self::err(c, "in exponent of numeric literal")),
            }
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.i += 1;
            }
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).unwrap_or("0");
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => {
                if self.saved.is_none() {
                    self.saved = Some(format!(
                        "json: cannot unmarshal number {text} into Go value of type float64"
                    ));
                }
                Ok(Value::Null)
            }
        }
    }

    fn hex4(&self, at: usize) -> Result<u32, String> {
        let mut n = 0u32;
        for k in 0..4 {
            let Some(&c) = self.b.get(at + k) else {
                return Err(EOF_MSG.into());
            };
            let d = char::from(c)
                .to_digit(16)
                .ok_or_else(|| Self::err(c, "in \\u hexadecimal character escape"))?;
            n = n * 16 + d;
        }
        Ok(n)
    }

    /// A string literal (at its opening quote), unescaped as Go does.
    fn string(&mut self) -> Result<String, String> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(EOF_MSG.into());
            };
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(String::from_utf8_lossy(&out).into_owned());
                }
                b'\\' => {
                    let Some(e) = self.b.get(self.i + 1).copied() else {
                        return Err(EOF_MSG.into());
                    };
                    let simple = match e {
                        b'"' => Some(b'"'),
                        b'\\' => Some(b'\\'),
                        b'/' => Some(b'/'),
                        b'b' => Some(8),
                        b'f' => Some(12),
                        b'n' => Some(b'\n'),
                        b'r' => Some(b'\r'),
                        b't' => Some(b'\t'),
                        b'u' => None,
                        _ => return Err(Self::err(e, "in string escape code")),
                    };
                    if let Some(s) = simple {
                        out.push(s);
                        self.i += 2;
                        continue;
                    }
                    let r = self.hex4(self.i + 2)?;
                    self.i += 6;
                    let mut ch = char::from_u32(r);
                    if (0xD800..0xE000).contains(&r) {
                        ch = None;
                        if r < 0xDC00
                            && self.b.get(self.i) == Some(&b'\\')
                            && self.b.get(self.i + 1) == Some(&b'u')
                        {
                            // Validity of the next escape is checked when it is read.
                            if let Ok(r2) = self.hex4(self.i + 2)
                                && (0xDC00..0xE000).contains(&r2)
                            {
                                ch = char::from_u32(0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00));
                                self.i += 6;
                            }
                        }
                    }
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(
                        ch.unwrap_or('\u{FFFD}').encode_utf8(&mut buf).as_bytes(),
                    );
                }
                c if c < 0x20 => return Err(Self::err(c, "in string literal")),
                c => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
    }
}

fn from_json(args: &[V]) -> Result<V, String> {
    Ok(match JsonParser::parse(str_arg(args)) {
        Err(e) => error_map(e),
        Ok(Decoded {
            value: v @ Value::Map(_),
            saved,
        }) => {
            let m = V::from_value(&v);
            if let (Some(e), V::Map(mv)) = (saved, &m) {
                mv.entries
                    .borrow_mut()
                    .insert("Error".to_string(), V::str(e));
            }
            m
        }
        Ok(Decoded {
            value: Value::Null, ..
        }) => V::empty_map(),
        Ok(Decoded { value, .. }) => error_map(format!(
            "json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
            json_word(&value)
        )),
    })
}

fn from_json_array(args: &[V]) -> Result<V, String> {
    Ok(match JsonParser::parse(str_arg(args)) {
        Err(e) => V::list(vec![V::str(e)]),
        Ok(Decoded {
            value: v @ Value::List(_),
            saved,
        }) => match saved {
            Some(e) => V::list(vec![V::str(e)]),
            None => V::from_value(&v),
        },
        Ok(Decoded {
            value: Value::Null, ..
        }) => V::list(Vec::new()),
        Ok(Decoded { value, .. }) => V::list(vec![V::str(format!(
            "json: cannot unmarshal {} into Go value of type []interface {{}}",
            json_word(&value)
        ))]),
    })
}

fn must_from_json(args: &[V]) -> Result<V, String> {
    let d = JsonParser::parse(str_arg(args))?;
    match d.saved {
        Some(e) => Err(e),
        None => Ok(V::from_value(&d.value)),
    }
}

// ---------------------------------------------------------------------------
// TOML output (BurntSushi/toml v1 encoder)
// ---------------------------------------------------------------------------

/// Why encoding stopped: an encoder error (`toToml` returns its text) or a
/// Go panic from reflection (an error for both `toToml` and `mustToToml`).
enum TomlErr {
    Encode(String),
    Panic(String),
}

/// TOML type of a value, as the encoder classifies it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TT {
    Scalar,
    Array,
    Hash,
    ArrayHash,
}

/// What an object value is to the encoder.
enum ObjKind {
    Time(GoTime),
    /// A `TextMarshaler` (semver versions): a quoted string.
    Text(String),
    /// A struct or anything else: encoded through its JSON-like form.
    Other(V),
}

fn obj_kind(o: &Rc<dyn super::super::value::Object>) -> ObjKind {
    if let Some(t) = o.as_any().downcast_ref::<GoTime>() {
        return ObjKind::Time(t.clone());
    }
    let tn = o.type_name();
    if tn == "*semver.Version" || tn == "semver.Version" {
        return ObjKind::Text(o.go_string());
    }
    ObjKind::Other(V::from_value(&o.to_value()))
}

const TOML_NIL_ELEMENT: &str = "toml: cannot encode array with nil element";

fn toml_type(v: &V) -> Result<Option<TT>, TomlErr> {
    Ok(Some(match v {
        V::Nil => return Ok(None),
        V::Bool(_) | V::Int(_) | V::Int64(_) | V::Uint(_) | V::Float(_) | V::Str(_) => TT::Scalar,
        V::Bytes(_) => TT::Array,
        V::List(l) => {
            if l.items.is_empty() {
                return Ok(Some(TT::Array));
            }
            let mut all_hash = true;
            for it in &l.items {
                match toml_type(it)? {
                    None => return Err(TomlErr::Encode(TOML_NIL_ELEMENT.into())),
                    Some(TT::Hash) => {}
                    Some(_) => all_hash = false,
                }
            }
            if all_hash { TT::ArrayHash } else { TT::Array }
        }
        V::Map(_) => TT::Hash,
        V::Object(o) => match obj_kind(o) {
            ObjKind::Time(_) | ObjKind::Text(_) => TT::Scalar,
            ObjKind::Other(v) => match toml_type(&v)? {
                Some(t) => t,
                None => return Ok(None),
            },
        },
    }))
}

fn is_table(t: Option<TT>) -> bool {
    matches!(t, Some(TT::Hash | TT::ArrayHash))
}

/// BurntSushi's string quoting (keys and values).
fn toml_quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn maybe_quoted(k: &str) -> String {
    if k.is_empty() {
        return "\"\"".into();
    }
    if k.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return k.to_string();
    }
    let mut s = String::new();
    toml_quote(&mut s, k);
    s
}

struct TomlEncoder {
    out: String,
    written: bool,
}

impl TomlEncoder {
    fn wf(&mut self, s: &str) {
        self.out.push_str(s);
        self.written = true;
    }

    fn newline(&mut self) {
        if self.written {
            self.wf("\n");
        }
    }

    fn indent(key: &[String]) -> String {
        "  ".repeat(key.len().saturating_sub(1))
    }

    fn key_text(key: &[String]) -> String {
        key.iter()
            .map(|k| maybe_quoted(k))
            .collect::<Vec<_>>()
            .join(".")
    }

    fn encode(&mut self, key: &[String], v: &V) -> Result<(), TomlErr> {
        match v {
            V::Nil => Err(TomlErr::Panic(
                "reflect: call of reflect.Value.Type on zero Value".into(),
            )),
            V::Bool(_)
            | V::Int(_)
            | V::Int64(_)
            | V::Uint(_)
            | V::Float(_)
            | V::Str(_)
            | V::Bytes(_) => self.write_key_value(key, v, false),
            V::List(l) => {
                if toml_type(v)? == Some(TT::ArrayHash) {
                    self.array_of_tables(key, &l.items)
                } else {
                    self.write_key_value(key, v, false)
                }
            }
            V::Map(m) => {
                let entries = m.entries.borrow();
                self.table(key, &entries)
            }
            V::Object(o) => match obj_kind(o) {
                ObjKind::Time(_) | ObjKind::Text(_) => self.write_key_value(key, v, false),
                ObjKind::Other(inner) => {
                    if inner.is_nil() {
                        return Ok(());
                    }
                    self.encode(key, &inner)
                }
            },
        }
    }

    fn table(&mut self, key: &[String], m: &BTreeMap<String, V>) -> Result<(), TomlErr> {
        if key.len() == 1 {
            self.newline();
        }
        if !key.is_empty() {
            let header = format!("{}[{}]", Self::indent(key), Self::key_text(key));
            self.wf(&header);
            self.newline();
        }
        self.map(key, m, false)
    }

    fn array_of_tables(&mut self, key: &[String], items: &[V]) -> Result<(), TomlErr> {
        if key.is_empty() {
            return Err(TomlErr::Encode(
                "toml: top-level values must be Go maps or structs".into(),
            ));
        }
        for it in items {
            let table = match it {
                V::Nil => continue,
                V::Object(o) => match obj_kind(o) {
                    ObjKind::Other(v) => v,
                    _ => it.clone(),
                },
                _ => it.clone(),
            };
            self.newline();
            let header = format!("{}[[{}]]", Self::indent(key), Self::key_text(key));
            self.wf(&header);
            self.newline();
            if let V::Map(m) = &table {
                let entries = m.entries.borrow();
                self.map(key, &entries, false)?;
            }
        }
        Ok(())
    }

    fn map(
        &mut self,
        key: &[String],
        m: &BTreeMap<String, V>,
        inline: bool,
    ) -> Result<(), TomlErr> {
        let mut direct = Vec::new();
        let mut sub = Vec::new();
        for (k, v) in m {
            if is_table(toml_type(v)?) {
                sub.push((k, v));
            } else {
                direct.push((k, v));
            }
        }
        if inline {
            self.wf("{");
        }
        let trail = !sub.is_empty();
        self.map_keys(key, &direct, inline, trail)?;
        self.map_keys(key, &sub, inline, false)?;
        if inline {
            self.wf("}");
        }
        Ok(())
    }

    fn map_keys(
        &mut self,
        key: &[String],
        keys: &[(&String, &V)],
        inline: bool,
        trail: bool,
    ) -> Result<(), TomlErr> {
        for (i, (k, v)) in keys.iter().enumerate() {
            if v.is_nil() {
                continue;
            }
            if inline {
                self.write_key_value(std::slice::from_ref(*k), v, true)?;
                if trail || i != keys.len() - 1 {
                    self.wf(", ");
                }
            } else {
                let mut child = key.to_vec();
                child.push((*k).clone());
                self.encode(&child, v)?;
            }
        }
        Ok(())
    }

    fn write_key_value(&mut self, key: &[String], v: &V, inline: bool) -> Result<(), TomlErr> {
        let Some(last) = key.last() else {
            return self.element(v);
        };
        let lead = format!("{}{} = ", Self::indent(key), maybe_quoted(last));
        self.wf(&lead);
        self.element(v)?;
        if !inline {
            self.newline();
        }
        Ok(())
    }

    fn element(&mut self, v: &V) -> Result<(), TomlErr> {
        match v {
            V::Nil => {
                return Err(TomlErr::Panic(
                    "reflect: call of reflect.Value.Interface on zero Value".into(),
                ));
            }
            V::Str(s) => {
                let mut q = String::new();
                toml_quote(&mut q, s);
                self.wf(&q);
            }
            V::Bool(b) => self.wf(if *b { "true" } else { "false" }),
            V::Int(i) | V::Int64(i) => self.wf(&i.to_string()),
            V::Uint(u) => self.wf(&u.to_string()),
            V::Float(f) => {
                let f = *f;
                let text = if f.is_nan() {
                    if f.is_sign_negative() { "-nan" } else { "nan" }.to_string()
                } else if f.is_infinite() {
                    if f < 0.0 { "-inf" } else { "inf" }.to_string()
                } else {
                    let s = format_float(f, 'g', -1, 64);
                    if s.contains(['e', '.']) { s } else { s + ".0" }
                };
                self.wf(&text);
            }
            V::Bytes(b) => {
                let parts: Vec<String> = b.iter().map(u8::to_string).collect();
                self.wf(&format!("[{}]", parts.join(", ")));
            }
            V::List(l) => {
                self.wf("[");
                for (i, it) in l.items.iter().enumerate() {
                    self.element(it)?;
                    if i != l.items.len() - 1 {
                        self.wf(", ");
                    }
                }
                self.wf("]");
            }
            V::Map(m) => {
                let entries = m.entries.borrow();
                self.map(&[], &entries, true)?;
            }
            V::Object(o) => match obj_kind(o) {
                ObjKind::Time(t) => self.wf(&t.toml_text()),
                ObjKind::Text(s) => {
                    let mut q = String::new();
                    toml_quote(&mut q, &s);
                    self.wf(&q);
                }
                ObjKind::Other(inner) => self.element(&inner)?,
            },
        }
        Ok(())
    }
}

fn encode_toml(v: &V) -> Result<String, TomlErr> {
    let mut e = TomlEncoder {
        out: String::new(),
        written: false,
    };
    e.encode(&[], v)?;
    Ok(e.out)
}

fn to_toml(args: &[V]) -> Result<V, String> {
    match encode_toml(arg(args)) {
        Ok(s) | Err(TomlErr::Encode(s)) => Ok(V::str(s)),
        Err(TomlErr::Panic(p)) => Err(p),
    }
}

fn must_to_toml(args: &[V]) -> Result<V, String> {
    match encode_toml(arg(args)) {
        Ok(s) => Ok(V::str(s)),
        Err(TomlErr::Encode(s) | TomlErr::Panic(s)) => Err(s),
    }
}

// ---------------------------------------------------------------------------
// TOML input
// ---------------------------------------------------------------------------

fn toml_datetime(d: &toml::value::Datetime) -> GoTime {
    use toml::value::Offset;
    let date = d
        .date
        .and_then(|x| {
            chrono::NaiveDate::from_ymd_opt(i32::from(x.year), u32::from(x.month), u32::from(x.day))
        })
        .or_else(|| chrono::NaiveDate::from_ymd_opt(0, 1, 1))
        .unwrap_or_default();
    let (h, m, s, ns) = d.time.map_or((0, 0, 0, 0), |t| {
        (
            u32::from(t.hour),
            u32::from(t.minute),
            u32::from(t.second),
            t.nanosecond,
        )
    });
    let fixed = |name: &str| Loc::Fixed {
        name: name.to_string(),
        offset: 0,
    };
    let loc = match (d.date.is_some(), d.time.is_some(), d.offset) {
        (_, _, Some(Offset::Z)) => Loc::Utc,
        (_, _, Some(Offset::Custom { minutes })) => Loc::Fixed {
            name: String::new(),
            offset: i32::from(minutes) * 60,
        },
        (true, true, None) => fixed("datetime-local"),
        (true, false, None) => fixed("date-local"),
        _ => fixed("time-local"),
    };
    let t = GoTime::from_civil(date, h, m, s.min(59), ns, loc);
    // time.Parse uses Local for an explicit offset equal to Local's.
    if let Loc::Fixed { name, offset } = &t.loc
        && name.is_empty()
        && Loc::Local.lookup(t.secs).0 == *offset
    {
        return t.in_loc(Loc::Local);
    }
    t
}

fn toml_to_v(v: &toml::Value) -> V {
    match v {
        toml::Value::String(s) => V::str(s),
        toml::Value::Integer(i) => V::Int64(*i),
        toml::Value::Float(f) => V::Float(*f),
        toml::Value::Boolean(b) => V::Bool(*b),
        toml::Value::Datetime(d) => time_obj(toml_datetime(d)),
        toml::Value::Array(a) => V::List(Rc::new(ListV {
            items: a.iter().map(toml_to_v).collect(),
            elem: super::super::value::Elem::Any,
        })),
        toml::Value::Table(t) => V::map(t.iter().map(|(k, v)| (k.clone(), toml_to_v(v))).collect()),
    }
}

fn from_toml(args: &[V]) -> Result<V, String> {
    let src = str_arg(args);
    Ok(match src.parse::<toml::Table>() {
        Ok(t) => V::map(t.iter().map(|(k, v)| (k.clone(), toml_to_v(v))).collect()),
        Err(e) => {
            let line = e.span().map_or(1, |s| {
                src[..s.start.min(src.len())].matches('\n').count() + 1
            });
            let msg = e.message().lines().next().unwrap_or("").trim().to_string();
            error_map(format!("toml: line {line}: {msg}"))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: &[V]) -> Result<V, String> {
        let f = FUNCS.iter().find(|f| f.name == name).expect(name);
        (f.f)(args)
    }

    fn s(name: &str, v: V) -> String {
        match call(name, &[v]) {
            Ok(v) => v.go_string(),
            Err(e) => format!("ERR {e}"),
        }
    }

    fn dict(pairs: Vec<(&str, V)>) -> V {
        V::map(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    fn list(items: Vec<V>) -> V {
        V::list(items)
    }

    fn i(n: i64) -> V {
        V::Int(n)
    }

    fn st(x: &str) -> V {
        V::str(x)
    }

    fn json_of(v: V) -> String {
        s("toJson", v)
    }

    #[test]
    fn yaml_out() {
        let d = dict(vec![("a", i(1)), ("b", list(vec![i(1), i(2), st("x")]))]);
        assert_eq!(s("toYaml", d.clone()), "a: 1\nb:\n- 1\n- 2\n- x");
        assert_eq!(s("mustToYaml", d.clone()), "a: 1\nb:\n- 1\n- 2\n- x");
        assert_eq!(s("toYaml", V::Nil), "null");
        assert_eq!(s("toYaml", st("")), "\"\"");
        assert_eq!(s("toYaml", V::Float(f64::NAN)), "");
        assert_eq!(
            s("mustToYaml", V::Float(f64::NAN)),
            "ERR error marshaling into JSON: json: unsupported value: NaN"
        );
        assert_eq!(s("toYamlPretty", d), "a: 1\nb:\n  - 1\n  - 2\n  - x");
        assert_eq!(s("toYaml", st("a\u{7f}b")), "");
        assert_eq!(
            s("mustToYaml", st("a\u{7f}b")),
            "ERR yaml: control characters are not allowed"
        );
    }

    #[test]
    fn yaml_in() {
        let v = call("fromYaml", &[st("a: 1\nb: [1, x]")]).unwrap();
        assert_eq!(v.go_string(), "map[a:1 b:[1 x]]");
        assert_eq!(json_of(v), r#"{"a":1,"b":[1,"x"]}"#);
        assert_eq!(
            s("fromYaml", st("- 1\n- 2")),
            "map[Error:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}]"
        );
        assert_eq!(
            s("fromYaml", st("x")),
            "map[Error:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}]"
        );
        assert_eq!(json_of(call("fromYaml", &[st("")]).unwrap()), "{}");
        assert_eq!(json_of(call("fromYaml", &[st("null")]).unwrap()), "{}");
        assert_eq!(
            s("fromYaml", st("a: b: c")),
            "map[Error:error converting YAML to JSON: yaml: mapping values are not allowed in this context]"
        );
        assert_eq!(s("fromYaml", st("a: 1\n---\nb: 2")), "map[a:1]");
        assert_eq!(
            s("fromYaml", st("a: .inf")),
            "map[Error:error converting YAML to JSON: json: unsupported value: +Inf]"
        );
        assert_eq!(
            json_of(call("fromYamlArray", &[st("- 1\n- a")]).unwrap()),
            r#"[1,"a"]"#
        );
        assert_eq!(
            json_of(call("fromYamlArray", &[st("a: 1")]).unwrap()),
            r#"["error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}"]"#
        );
        assert_eq!(json_of(call("fromYamlArray", &[st("")]).unwrap()), "[]");
        assert_eq!(
            json_of(call("fromYamlArray", &[st("[1, ")]).unwrap()),
            r#"["error converting YAML to JSON: yaml: line 1: did not find expected node content"]"#
        );
        let a = call("fromYaml", &[st("a: 1")]).unwrap();
        assert_eq!(a.get("a").unwrap().type_name(), "float64");
    }

    #[test]
    fn json_out() {
        let d = dict(vec![("a", i(1)), ("b", list(vec![i(1), i(2), st("<x>")]))]);
        assert_eq!(
            s("toJson", d.clone()),
            r#"{"a":1,"b":[1,2,"\u003cx\u003e"]}"#
        );
        assert_eq!(
            s("mustToJson", d.clone()),
            r#"{"a":1,"b":[1,2,"\u003cx\u003e"]}"#
        );
        assert_eq!(
            s("toPrettyJson", d.clone()),
            "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2,\n    \"\\u003cx\\u003e\"\n  ]\n}"
        );
        assert_eq!(s("toRawJson", d.clone()), r#"{"a":1,"b":[1,2,"<x>"]}"#);
        assert_eq!(s("mustToRawJson", d), r#"{"a":1,"b":[1,2,"<x>"]}"#);
        assert_eq!(s("toPrettyJson", list(vec![])), "[]");
        assert_eq!(s("toPrettyJson", V::Nil), "null");
        assert_eq!(s("toJson", V::Nil), "null");
        assert_eq!(s("toRawJson", V::Nil), "null");
        assert_eq!(s("toJson", V::Float(f64::NAN)), "");
        assert_eq!(
            s("mustToJson", V::Float(f64::INFINITY)),
            "ERR json: unsupported value: +Inf"
        );
        assert_eq!(
            s("toRawJson", V::Float(f64::NAN)),
            "ERR json: unsupported value: NaN"
        );
        assert_eq!(
            s("toRawJson", st("a\u{2028}&\"\\\n\u{1}")),
            "\"a\\u2028&\\\"\\\\\\n\\u0001\""
        );
        assert_eq!(s("toJson", V::Bytes(Rc::from(&b"hi"[..]))), "\"aGk=\"");
    }

    #[test]
    fn json_in() {
        let j = |x: &str| s("fromJson", st(x));
        let v = call("fromJson", &[st(r#"{"a":1,"b":[1,2.5,"x",null,true]}"#)]).unwrap();
        assert_eq!(json_of(v.clone()), r#"{"a":1,"b":[1,2.5,"x",null,true]}"#);
        assert_eq!(v.get("a").unwrap().type_name(), "float64");
        assert_eq!(
            j("[1]"),
            "map[Error:json: cannot unmarshal array into Go value of type map[string]interface {}]"
        );
        assert_eq!(j(""), "map[Error:unexpected end of JSON input]");
        assert_eq!(j("{"), "map[Error:unexpected end of JSON input]");
        assert_eq!(
            j(r#"{"a" 1}"#),
            "map[Error:invalid character '1' after object key]"
        );
        assert_eq!(
            j(r#"{"a":1,}"#),
            "map[Error:invalid character '}' looking for beginning of object key string]"
        );
        assert_eq!(
            j(r#"{"a":1} x"#),
            "map[Error:invalid character 'x' after top-level value]"
        );
        assert_eq!(
            j(r#"{"a":1e999}"#),
            "map[Error:json: cannot unmarshal number 1e999 into Go value of type float64 a:<nil>]"
        );
        assert_eq!(
            json_of(call("fromJson", &[st(r#"{"a":[1e999]}"#)]).unwrap()),
            r#"{"Error":"json: cannot unmarshal number 1e999 into Go value of type float64","a":[null]}"#
        );
        assert_eq!(
            json_of(call("fromJson", &[st(r#"{"a":"\ud83d\ude00\ud800x\u00e9"}"#)]).unwrap()),
            "{\"a\":\"😀\u{FFFD}xé\"}"
        );
        assert_eq!(
            j(r#"{"a":tru}"#),
            "map[Error:invalid character '}' in literal true (expecting 'e')]"
        );
        assert_eq!(
            j(r#"{"a":-}"#),
            "map[Error:invalid character '}' in numeric literal]"
        );
        assert_eq!(
            j(r#"{"a":1.}"#),
            "map[Error:invalid character '}' after decimal point in numeric literal]"
        );
        assert_eq!(
            j(r#"{"a":1e}"#),
            "map[Error:invalid character '}' in exponent of numeric literal]"
        );
        assert_eq!(
            j(r#"{"a":"\x"}"#),
            "map[Error:invalid character 'x' in string escape code]"
        );
        assert_eq!(
            j(r#"{"a":"\u12g4"}"#),
            "map[Error:invalid character 'g' in \\u hexadecimal character escape]"
        );
        assert_eq!(
            j("{\"a\":\"\t\"}"),
            "map[Error:invalid character '\\t' in string literal]"
        );
        assert_eq!(j(r#"{"a":1,"a":2}"#), "map[a:2]");
        assert_eq!(
            j(r#" {"a":[1,2 3]}"#),
            "map[Error:invalid character '3' after array element]"
        );
        assert_eq!(
            j("é"),
            "map[Error:invalid character 'Ã' looking for beginning of value]"
        );
        assert_eq!(
            j("01"),
            "map[Error:invalid character '1' after top-level value]"
        );
        assert_eq!(
            j(r#"{"a":01}"#),
            "map[Error:invalid character '1' after object key:value pair]"
        );
        assert_eq!(j(r#"{"a":{"b":[{}]}}"#), "map[a:map[b:[map[]]]]");
        let ja = |x: &str| json_of(call("fromJsonArray", &[st(x)]).unwrap());
        assert_eq!(ja(r#"[1,"a",{"b":null}]"#), r#"[1,"a",{"b":null}]"#);
        assert_eq!(
            ja("{}"),
            r#"["json: cannot unmarshal object into Go value of type []interface {}"]"#
        );
        assert_eq!(ja("["), r#"["unexpected end of JSON input"]"#);
        assert_eq!(
            json_of(call("mustFromJson", &[st("[1,2]")]).unwrap()),
            "[1,2]"
        );
        assert_eq!(
            call("mustFromJson", &[st("3")]).unwrap().type_name(),
            "float64"
        );
        assert_eq!(
            call("mustFromJson", &[st("null")]).unwrap().type_name(),
            "<nil>"
        );
        assert_eq!(
            s("mustFromJson", st("[1,")),
            "ERR unexpected end of JSON input"
        );
        assert_eq!(s("mustFromJson", st("\"s\"")), "s");
        let deep = "[".repeat(10_001);
        assert_eq!(
            s("mustFromJson", st(&deep)),
            "ERR invalid character '[' exceeded max depth"
        );
    }

    #[test]
    fn toml_out() {
        let t = |v: V| s("toToml", v);
        assert_eq!(
            t(dict(vec![
                ("a", i(1)),
                (
                    "t",
                    dict(vec![("x", i(1)), ("u", dict(vec![("y", st("z"))]))])
                ),
                ("b", V::Bool(true)),
            ])),
            "a = 1\nb = true\n\n[t]\n  x = 1\n  [t.u]\n    y = \"z\"\n"
        );
        assert_eq!(
            t(dict(vec![
                ("f1", V::Float(3.0)),
                ("f2", V::Float(1e6)),
                ("f3", V::Float(1e21)),
                ("f4", V::Float(1e-7)),
                ("f5", V::Float(2.5)),
                ("f6", V::Float(-0.0)),
            ])),
            "f1 = 3.0\nf2 = 1e+06\nf3 = 1e+21\nf4 = 1e-07\nf5 = 2.5\nf6 = -0.0\n"
        );
        assert_eq!(
            t(dict(vec![
                ("s", st("a\"b\\c\nd\te\u{1}\u{7f}é")),
                ("k y", i(1)),
                ("", i(2)),
                ("é", i(3)),
                ("a.b", i(4)),
            ])),
            "\"\" = 2\n\"a.b\" = 4\n\"k y\" = 1\ns = \"a\\\"b\\\\c\\nd\\te\\u0001\\u007fé\"\n\"é\" = 3\n"
        );
        assert_eq!(
            t(dict(vec![("s", st("\u{0}\u{8}\u{c}\r\u{1b}\u{1f}"))])),
            "s = \"\\u0000\\b\\f\\r\\u001b\\u001f\"\n"
        );
        assert_eq!(
            t(dict(vec![
                (
                    "l",
                    list(vec![dict(vec![("a", i(1))]), dict(vec![("b", i(2))])])
                ),
                ("m", i(1)),
            ])),
            "m = 1\n\n[[l]]\n  a = 1\n\n[[l]]\n  b = 2\n"
        );
        assert_eq!(
            t(dict(vec![("l", list(vec![dict(vec![("a", i(1))]), i(2)]))])),
            "l = [{a = 1}, 2]\n"
        );
        assert_eq!(
            t(dict(vec![("l", list(vec![i(1), V::Nil]))])),
            "toml: cannot encode array with nil element"
        );
        assert_eq!(
            t(dict(vec![
                ("n", V::Nil),
                ("e", list(vec![])),
                ("em", dict(vec![])),
            ])),
            "e = []\n\n[em]\n"
        );
        assert_eq!(
            t(dict(vec![(
                "l",
                list(vec![list(vec![i(1), i(2)]), list(vec![st("a")])])
            )])),
            "l = [[1, 2], [\"a\"]]\n"
        );
        assert_eq!(
            t(list(vec![dict(vec![("a", i(1))])])),
            "toml: top-level values must be Go maps or structs"
        );
        assert_eq!(t(list(vec![i(1), i(2)])), "[1, 2]");
        assert_eq!(t(st("x")), "\"x\"");
        assert_eq!(t(V::Float(1.5)), "1.5");
        assert_eq!(
            t(V::Nil),
            "ERR reflect: call of reflect.Value.Type on zero Value"
        );
        assert_eq!(
            s("mustToToml", V::Nil),
            "ERR reflect: call of reflect.Value.Type on zero Value"
        );
        assert_eq!(
            s("mustToToml", dict(vec![("a", list(vec![i(1), V::Nil]))])),
            "ERR toml: cannot encode array with nil element"
        );
        assert_eq!(
            t(dict(vec![(
                "t",
                dict(vec![(
                    "l",
                    list(vec![dict(vec![("a", dict(vec![("b", i(1))]))])])
                )])
            )])),
            "[t]\n\n  [[t.l]]\n    [t.l.a]\n      b = 1\n"
        );
        assert_eq!(
            t(dict(vec![(
                "b",
                list(vec![dict(vec![
                    ("x", dict(vec![("y", i(1))])),
                    ("z", i(2))
                ])])
            )])),
            "[[b]]\n  z = 2\n  [b.x]\n    y = 1\n"
        );
        assert_eq!(
            t(dict(vec![(
                "a",
                list(vec![dict(vec![("x", i(1)), ("n", V::Nil), ("z", i(3))])])
            )])),
            "[[a]]\n  x = 1\n  z = 3\n"
        );
        assert_eq!(
            t(dict(vec![(
                "a",
                list(vec![i(1), dict(vec![("x", i(1)), ("n", V::Nil)])])
            )])),
            "a = [1, {x = 1}]\n"
        );
        assert_eq!(
            t(dict(vec![(
                "a",
                list(vec![
                    i(1),
                    dict(vec![("x", i(1)), ("n", dict(vec![("q", i(1))]))])
                ])
            )])),
            "a = [1, {x = 1, n = {q = 1}}]\n"
        );
        assert_eq!(
            t(dict(vec![(
                "a",
                list(vec![i(1), list(vec![dict(vec![("x", V::Nil)])])])
            )])),
            "a = [1, [{}]]\n"
        );
        assert_eq!(
            t(dict(vec![(
                "a",
                list(vec![dict(vec![("x", i(1))]), dict(vec![])])
            )])),
            "[[a]]\n  x = 1\n\n[[a]]\n"
        );
        assert_eq!(t(dict(vec![("a", dict(vec![("n", V::Nil)]))])), "[a]\n");
        assert_eq!(t(dict(vec![])), "");
        assert_eq!(
            t(dict(vec![("a", dict(vec![])), ("b", dict(vec![]))])),
            "[a]\n\n[b]\n"
        );
        assert_eq!(
            t(dict(vec![
                ("a", dict(vec![("x", i(1))])),
                ("b", dict(vec![("y", list(vec![dict(vec![("z", i(1))])]))])),
            ])),
            "[a]\n  x = 1\n\n[b]\n\n  [[b.y]]\n    z = 1\n"
        );
        assert_eq!(
            t(dict(vec![("x", V::Int64(5)), ("y", V::Float(7.0))])),
            "x = 5\ny = 7.0\n"
        );
    }

    #[test]
    fn toml_floats() {
        assert_eq!(
            s(
                "toToml",
                dict(vec![
                    ("a", V::Float(123_456_789.0)),
                    ("b", V::Float(0.0001)),
                    ("c", V::Float(100_000.0)),
                    ("d", V::Float(1e20)),
                    ("e", V::Float(0.1)),
                    ("f", V::Float(1_234_567.0)),
                    ("g", V::Float(f64::NAN)),
                    ("h", V::Float(f64::NEG_INFINITY)),
                ])
            ),
            "a = 1.23456789e+08\nb = 0.0001\nc = 100000.0\nd = 1e+20\ne = 0.1\nf = 1.234567e+06\ng = nan\nh = -inf\n"
        );
        assert_eq!(
            s("mustToYaml", dict(vec![("a", V::Float(f64::INFINITY))])),
            "ERR error marshaling into JSON: json: unsupported value: +Inf"
        );
        assert_eq!(
            s("toYamlPretty", dict(vec![("a", V::Float(f64::NAN))])),
            "a: .nan"
        );
    }

    #[test]
    fn toml_values_file() {
        let src = "replicaCount: 1\nimage:\n  repository: nginx\n  tag: \"\"\n  pullPolicy: IfNotPresent\nbig: 1000000\nsmall: 0.000001\ntiny: 1e-10\nneg: -3\nports: [80, 443]\nsvcs:\n  - name: a\n    port: 1\n  - name: b\n    port: 2\n";
        let values = crate::values::yaml::parse_values(src).unwrap();
        assert_eq!(
            s("toToml", V::from_value(&values)),
            "big = 1e+06\nneg = -3.0\nports = [80.0, 443.0]\nreplicaCount = 1.0\nsmall = 1e-06\ntiny = 1e-10\n\n[image]\n  pullPolicy = \"IfNotPresent\"\n  repository = \"nginx\"\n  tag = \"\"\n\n[[svcs]]\n  name = \"a\"\n  port = 1.0\n\n[[svcs]]\n  name = \"b\"\n  port = 2.0\n"
        );
    }

    #[test]
    fn toml_in() {
        let src = "a = 1\nb = 'x'\n[t]\nc = 1.5\nd = 1979-05-27T07:32:00Z\ne = [1, 'a']\n";
        let v = call("fromToml", &[st(src)]).unwrap();
        assert_eq!(
            json_of(v.clone()),
            r#"{"a":1,"b":"x","t":{"c":1.5,"d":"1979-05-27T07:32:00Z","e":[1,"a"]}}"#
        );
        assert_eq!(
            v.go_string(),
            "map[a:1 b:x t:map[c:1.5 d:1979-05-27 07:32:00 +0000 UTC e:[1 a]]]"
        );
        assert_eq!(v.get("a").unwrap().type_name(), "int64");
        let d = |src: &str| call("fromToml", &[st(src)]).unwrap().get("d").unwrap();
        assert_eq!(
            d("d = 1979-05-27T07:32:00-08:00").go_string(),
            "1979-05-27 07:32:00 -0800 -0800"
        );
        assert_eq!(
            d("d = 1979-05-27T07:32:00.5").go_string(),
            "1979-05-27 07:32:00.5 +0000 datetime-local"
        );
        assert_eq!(
            d("d = 1979-05-27").go_string(),
            "1979-05-27 00:00:00 +0000 date-local"
        );
        assert_eq!(
            d("d = 07:32:00").go_string(),
            "0000-01-01 07:32:00 +0000 time-local"
        );
        assert_eq!(d("d = 1979-05-27").type_name(), "time.Time");
        assert_eq!(
            d("d = 1979-05-27T07:32:00+00:00").go_string(),
            "1979-05-27 07:32:00 +0000 UTC"
        );
        assert_eq!(
            json_of(call("fromToml", &[st("d = 1979-05-27T07:32:00-08:00")]).unwrap()),
            r#"{"d":"1979-05-27T07:32:00-08:00"}"#
        );
        assert_eq!(
            json_of(call("fromToml", &[st("d = 1979-05-27")]).unwrap()),
            r#"{"d":"1979-05-27T00:00:00Z"}"#
        );
        assert_eq!(
            json_of(call("fromToml", &[st("d = 07:32:00.25")]).unwrap()),
            r#"{"d":"0000-01-01T07:32:00.25Z"}"#
        );
        // Round trips keep the local kinds.
        assert_eq!(
            s("toToml", call("fromToml", &[st("d = 1979-05-27")]).unwrap()),
            "d = 1979-05-27\n"
        );
        assert_eq!(
            s(
                "toToml",
                call(
                    "fromToml",
                    &[st("d = 07:32:00.25\ne=1979-05-27T07:32:00.5")]
                )
                .unwrap()
            ),
            "d = 07:32:00.25\ne = 1979-05-27T07:32:00.5\n"
        );
        assert_eq!(
            s(
                "fromToml",
                st("a = inf\nb = nan\nc = -inf\nd=0x1F\ne=0o17\nf=1_000\ng=6.02e23")
            ),
            "map[a:+Inf b:NaN c:-Inf d:31 e:15 f:1000 g:6.02e+23]"
        );
        assert_eq!(s("fromToml", st("")), "map[]");
        assert_eq!(
            json_of(call("fromToml", &[st("a.b.c = 1\n[[arr]]\nx=1\n[[arr]]\ny=2")]).unwrap()),
            r#"{"a":{"b":{"c":1}},"arr":[{"x":1},{"y":2}]}"#
        );
        assert_eq!(
            json_of(
                call(
                    "fromToml",
                    &[st("s = \"\"\"\nmulti\nline\"\"\"\nl = '''\nraw\\n'''")]
                )
                .unwrap()
            ),
            r#"{"l":"raw\\n","s":"multi\nline"}"#
        );
        // Errors come back in-band (texts are the toml crate's).
        for bad in ["a = ", "a = 1\na = 2", "[a\nb=1", "x"] {
            let v = call("fromToml", &[st(bad)]).unwrap();
            let e = v.get("Error").unwrap().go_string();
            assert!(e.starts_with("toml: line "), "{e}");
        }
        let v = call("fromToml", &[st("a = 1\n\nb = [1,\n2,\nx]")]).unwrap();
        assert!(
            v.get("Error")
                .unwrap()
                .go_string()
                .starts_with("toml: line 5")
        );
    }

    #[test]
    fn times_serialize() {
        let t = super::super::dates::parse_in_location(
            "2006-01-02T15:04:05.999Z07:00",
            "2024-03-05T01:02:03.5+05:30",
            Loc::Local,
        )
        .unwrap();
        let tv = time_obj(t);
        assert_eq!(s("toJson", tv.clone()), "\"2024-03-05T01:02:03.5+05:30\"");
        assert_eq!(s("toYaml", tv.clone()), "\"2024-03-05T01:02:03.5+05:30\"");
        assert_eq!(
            s("toToml", dict(vec![("t", tv.clone())])),
            "t = 2024-03-05T01:02:03.5+05:30\n"
        );
        assert_eq!(
            s(
                "toYamlPretty",
                dict(vec![("t", tv.clone()), ("l", list(vec![tv.clone()]))])
            ),
            "l:\n  - 2024-03-05T01:02:03.5+05:30\nt: 2024-03-05T01:02:03.5+05:30"
        );
        assert_eq!(s("toToml", tv), "2024-03-05T01:02:03.5+05:30");
    }
}
