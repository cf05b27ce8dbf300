//! Runtime values of the template engine: Go's dynamic types as Helm's
//! templates see them.
//!
//! Maps are shared and mutable (`Rc<RefCell<..>>`), as Go maps are: `set`,
//! `unset` and `merge` on `.Values.x` change what later templates see.
//! Lists are immutable and shared (every Sprig list function builds a new
//! list). Each list and map remembers its Go element type only for `typeOf`
//! and `%T` (`[]interface {}` vs `[]string`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use crate::values::Value;

/// Go element type of a slice or map, for `typeOf`/`%T` and assignability.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elem {
    /// `interface {}`
    Any,
    /// `string`
    Str,
    /// `int`
    Int,
}

impl Elem {
    pub fn go_name(self) -> &'static str {
        match self {
            Elem::Any => "interface {}",
            Elem::Str => "string",
            Elem::Int => "int",
        }
    }
}

/// A Go slice.
#[derive(Debug, Clone, PartialEq)]
pub struct ListV {
    pub items: Vec<V>,
    pub elem: Elem,
}

/// A Go map with string keys (iteration in sorted key order).
#[derive(Debug)]
pub struct MapV {
    pub entries: RefCell<BTreeMap<String, V>>,
    pub elem: Elem,
}

/// Objects with Go fields and methods (`.Files`, `.Capabilities`,
/// semver versions, times, certificates...).
pub trait Object: fmt::Debug {
    /// Go type name for `typeOf`/`%T` (e.g. `*semver.Version`).
    fn type_name(&self) -> String;
    /// Go reflect kind for `kindOf` (`struct`, `ptr`, `map`, `slice`).
    fn kind_name(&self) -> &'static str {
        "struct"
    }
    /// A field or zero-argument method by Go name.
    fn field(&self, name: &str) -> Option<V>;
    /// A method called with arguments; `None` if there is no such method.
    fn call(&self, _name: &str, _args: &[V]) -> Option<Result<V, String>> {
        None
    }
    /// Whether `name` is a method taking arguments (so `.X arg` is a call).
    fn has_method(&self, _name: &str) -> bool {
        false
    }
    /// Go parameter types of a method (`None`: any number of `interface{}`).
    fn method_sig(
        &self,
        _name: &str,
    ) -> Option<(
        &'static [crate::template::funcs::Ty],
        Option<crate::template::funcs::Ty>,
    )> {
        None
    }
    /// How `fmt` prints it (`String()` if the type has one, else `{a b}`).
    fn go_string(&self) -> String;
    /// The value `encoding/json` would see (for toJson/toYaml).
    fn to_value(&self) -> Value;
    /// Elements when ranged over or indexed (Files map, APIVersions list).
    fn as_map(&self) -> Option<BTreeMap<String, V>> {
        None
    }
    fn as_list(&self) -> Option<Vec<V>> {
        None
    }
    /// Whether Go would see it as empty (an empty map or slice kind);
    /// decides truthiness.
    fn is_empty(&self) -> bool {
        false
    }
    /// Downcasting support.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// A dynamic template value.
#[derive(Clone, Debug, Default)]
pub enum V {
    /// A nil interface: missing keys, `nil`, nil results.
    #[default]
    Nil,
    Bool(bool),
    /// Go `int` (template literals, `len`, `atoi`, `until`).
    Int(i64),
    /// Go `int64` (`--set` integers, Sprig math).
    Int64(i64),
    /// Go `uint64`.
    Uint(u64),
    /// Go `float64` (every number from a values file).
    Float(f64),
    Str(Rc<str>),
    /// Go `[]byte`.
    Bytes(Rc<[u8]>),
    List(Rc<ListV>),
    Map(Rc<MapV>),
    Object(Rc<dyn Object>),
}

impl V {
    pub fn str(s: impl AsRef<str>) -> V {
        V::Str(Rc::from(s.as_ref()))
    }
    pub fn list(items: Vec<V>) -> V {
        V::List(Rc::new(ListV {
            items,
            elem: Elem::Any,
        }))
    }
    pub fn str_list(items: Vec<String>) -> V {
        V::List(Rc::new(ListV {
            items: items.into_iter().map(V::str).collect(),
            elem: Elem::Str,
        }))
    }
    pub fn map(entries: BTreeMap<String, V>) -> V {
        V::Map(Rc::new(MapV {
            entries: RefCell::new(entries),
            elem: Elem::Any,
        }))
    }
    pub fn str_map(entries: BTreeMap<String, String>) -> V {
        V::Map(Rc::new(MapV {
            entries: RefCell::new(entries.into_iter().map(|(k, v)| (k, V::str(v))).collect()),
            elem: Elem::Str,
        }))
    }
    pub fn empty_map() -> V {
        V::map(BTreeMap::new())
    }
    pub fn is_nil(&self) -> bool {
        matches!(self, V::Nil)
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            V::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Go's type name as `%T` prints it.
    pub fn type_name(&self) -> String {
        match self {
            V::Nil => "<nil>".into(),
            V::Bool(_) => "bool".into(),
            V::Int(_) => "int".into(),
            V::Int64(_) => "int64".into(),
            V::Uint(_) => "uint64".into(),
            V::Float(_) => "float64".into(),
            V::Str(_) => "string".into(),
            V::Bytes(_) => "[]uint8".into(),
            V::List(l) => format!("[]{}", l.elem.go_name()),
            V::Map(m) => format!("map[string]{}", m.elem.go_name()),
            V::Object(o) => o.type_name(),
        }
    }

    /// Go's reflect kind name as `kindOf` prints it.
    pub fn kind_name(&self) -> &'static str {
        match self {
            V::Nil => "invalid",
            V::Bool(_) => "bool",
            V::Int(_) => "int",
            V::Int64(_) => "int64",
            V::Uint(_) => "uint64",
            V::Float(_) => "float64",
            V::Str(_) => "string",
            V::Bytes(_) | V::List(_) => "slice",
            V::Map(_) => "map",
            V::Object(o) => o.kind_name(),
        }
    }

    /// Go template truthiness (`if`, `with`, `and`, `or`, `not`).
    pub fn truthy(&self) -> bool {
        match self {
            V::Nil => false,
            V::Bool(b) => *b,
            V::Int(i) | V::Int64(i) => *i != 0,
            V::Uint(u) => *u != 0,
            V::Float(f) => *f != 0.0,
            V::Str(s) => !s.is_empty(),
            V::Bytes(b) => !b.is_empty(),
            V::List(l) => !l.items.is_empty(),
            V::Map(m) => !m.entries.borrow().is_empty(),
            V::Object(o) => !o.is_empty(),
        }
    }

    /// Looks up a map key (`None` if this is not a map or has no such key).
    pub fn get(&self, key: &str) -> Option<V> {
        match self {
            V::Map(m) => m.entries.borrow().get(key).cloned(),
            _ => None,
        }
    }

    /// Converts a values tree into runtime values (once per render; maps
    /// become shared mutable maps).
    pub fn from_value(v: &Value) -> V {
        match v {
            Value::Null => V::Nil,
            Value::Bool(b) => V::Bool(*b),
            Value::Int(i) => V::Int64(*i),
            Value::Float(f) => V::Float(*f),
            Value::String(s) => V::str(s),
            Value::List(l) => V::list(l.iter().map(V::from_value).collect()),
            Value::Map(m) => V::map(
                m.iter()
                    .map(|(k, v)| (k.clone(), V::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// The value as `encoding/json` would marshal it, for toYaml/toJson:
    /// `[]byte` becomes base64 text, objects their JSON form.
    pub fn to_value(&self) -> Value {
        match self {
            V::Nil => Value::Null,
            V::Bool(b) => Value::Bool(*b),
            V::Int(i) | V::Int64(i) => Value::Int(*i),
            V::Uint(u) => {
                if let Ok(i) = i64::try_from(*u) {
                    Value::Int(i)
                } else {
                    Value::Float(*u as f64)
                }
            }
            V::Float(f) => Value::Float(*f),
            V::Str(s) => Value::String(s.to_string()),
            V::Bytes(b) => Value::String(base64_std(b)),
            V::List(l) => Value::list(l.items.iter().map(V::to_value).collect()),
            V::Map(m) => Value::map(
                m.entries
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect(),
            ),
            V::Object(o) => o.to_value(),
        }
    }
}

/// Standard base64 with padding (Go's `base64.StdEncoding`).
pub fn base64_std(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

impl PartialEq for V {
    /// Deep equality (`reflect.DeepEqual` for the types templates use).
    fn eq(&self, other: &V) -> bool {
        match (self, other) {
            (V::Nil, V::Nil) => true,
            (V::Bool(a), V::Bool(b)) => a == b,
            (V::Int(a), V::Int(b)) | (V::Int64(a), V::Int64(b)) => a == b,
            (V::Uint(a), V::Uint(b)) => a == b,
            (V::Float(a), V::Float(b)) => a == b,
            (V::Str(a), V::Str(b)) => a == b,
            (V::Bytes(a), V::Bytes(b)) => a == b,
            (V::List(a), V::List(b)) => a.elem == b.elem && a.items == b.items,
            (V::Map(a), V::Map(b)) => {
                Rc::ptr_eq(a, b) || (a.elem == b.elem && *a.entries.borrow() == *b.entries.borrow())
            }
            (V::Object(a), V::Object(b)) => Rc::ptr_eq(a, b) || a.to_value() == b.to_value(),
            _ => false,
        }
    }
}

impl V {
    /// The value as Go's `fmt` prints it with `%v` (and as a template
    /// action prints it, except that a top-level nil prints `<no value>`).
    pub fn go_string(&self) -> String {
        let mut s = String::new();
        self.write_go(&mut s);
        s
    }

    fn write_go(&self, out: &mut String) {
        use crate::values::gofmt::format_float;
        match self {
            V::Nil => out.push_str("<nil>"),
            V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            V::Int(i) | V::Int64(i) => out.push_str(&i.to_string()),
            V::Uint(u) => out.push_str(&u.to_string()),
            V::Float(f) => out.push_str(&format_float(*f, 'g', -1, 64)),
            V::Str(s) => out.push_str(s),
            V::Bytes(b) => {
                out.push('[');
                for (i, x) in b.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(&x.to_string());
                }
                out.push(']');
            }
            V::List(l) => {
                out.push('[');
                for (i, x) in l.items.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    x.write_go_nested(out);
                }
                out.push(']');
            }
            V::Map(m) => {
                out.push_str("map[");
                for (i, (k, x)) in m.entries.borrow().iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(k);
                    out.push(':');
                    x.write_go_nested(out);
                }
                out.push(']');
            }
            V::Object(o) => out.push_str(&o.go_string()),
        }
    }

    /// `%v` of a value nested in a map or slice: pointers print as an
    /// address there (Go prints `&{...}` only at the top level).
    fn write_go_nested(&self, out: &mut String) {
        match self {
            V::Object(o) if o.kind_name() == "ptr" => out.push_str("0xc000120000"),
            other => other.write_go(out),
        }
    }
}
