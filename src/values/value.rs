//! The value model shared by values computation and the template engine.
//!
//! It mirrors what Helm's templates see after values pass through
//! `sigs.k8s.io/yaml` (YAML -> JSON -> Go): `nil`, `bool`, `int64` (only from
//! `--set` and template functions), `float64` (every number read from a YAML or
//! JSON file), `string`, `[]interface{}` and `map[string]interface{}`.
//!
//! Lists and maps are reference counted so that cloning a value (handing
//! `.Values` to many templates, passing a sub-tree to `include`) is O(1);
//! mutation goes through `Arc::make_mut` (copy on write).

use std::collections::BTreeMap;
use std::sync::Arc;

/// A map as Go's `map[string]interface{}`: keys are strings; iteration in
/// sorted byte order (Go's text/template `range` and `encoding/json` order).
pub type Map = BTreeMap<String, Value>;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    List(Arc<Vec<Value>>),
    Map(Arc<Map>),
}

impl Value {
    pub fn map(m: Map) -> Value {
        Value::Map(Arc::new(m))
    }
    pub fn list(l: Vec<Value>) -> Value {
        Value::List(Arc::new(l))
    }
    pub fn str(s: impl Into<String>) -> Value {
        Value::String(s.into())
    }
    pub fn empty_map() -> Value {
        Value::Map(Arc::new(Map::new()))
    }
    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_map_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Map(m) => Some(Arc::make_mut(m)),
            _ => None,
        }
    }
    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(l) => Some(l),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    /// Looks up a dotted path of map keys (`a.b.c`).
    pub fn path(&self, path: &str) -> Option<&Value> {
        let mut cur = self;
        for part in path.split('.') {
            cur = cur.as_map()?.get(part)?;
        }
        Some(cur)
    }
    /// Go's type name as `kindOf`/`typeOf` would report it (used in errors).
    pub fn go_type(&self) -> &'static str {
        match self {
            Value::Null => "<nil>",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int64",
            Value::Float(_) => "float64",
            Value::String(_) => "string",
            Value::List(_) => "[]interface {}",
            Value::Map(_) => "map[string]interface {}",
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}
impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::map(m)
    }
}
impl From<Vec<Value>> for Value {
    fn from(l: Vec<Value>) -> Self {
        Value::list(l)
    }
}

impl Value {
    /// The value as Go's `fmt` prints it with `%v` (`<nil>`, `map[a:1 b:x]`,
    /// `[1 2]`, floats in `%g` shortest form).
    pub fn go_string(&self) -> String {
        let mut s = String::new();
        self.write_go(&mut s);
        s
    }

    fn write_go(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("<nil>"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&super::gofmt::format_float(*f, 'g', -1, 64)),
            Value::String(s) => out.push_str(s),
            Value::List(l) => {
                out.push('[');
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    v.write_go(out);
                }
                out.push(']');
            }
            Value::Map(m) => {
                out.push_str("map[");
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(k);
                    out.push(':');
                    v.write_go(out);
                }
                out.push(']');
            }
        }
    }
}
