//! Go text/template's builtin functions (`text/template/funcs.go`):
//! comparisons, `index`, `slice`, `len`, `not`, `and`/`or`, the printers
//! and the escapers, with Go's exact error texts.
//!
//! Go's `slice` builtin is replaced in Helm by Sprig's `slice`; it is
//! provided here as [`go_slice`] / [`GO_SLICE`] but not registered.

use std::rc::Rc;

use super::super::fmt::{decode_rune, is_print, sprint, sprintf, sprintln};
use super::super::value::{Elem, ListV, V};
use super::{FuncDef, Ty, def};

pub static FUNCS: &[FuncDef] = &[
    def("and", &[Ty::Any], Some(Ty::Any), and),
    def("call", &[Ty::Any], Some(Ty::Any), call),
    def("html", &[], Some(Ty::Any), html),
    def("index", &[Ty::Any], Some(Ty::Any), index),
    def("js", &[], Some(Ty::Any), js),
    def("len", &[Ty::Any], None, len),
    def("not", &[Ty::Any], None, not),
    def("or", &[Ty::Any], Some(Ty::Any), or),
    def("print", &[], Some(Ty::Any), print),
    def("printf", &[Ty::Str], Some(Ty::Any), printf),
    def("println", &[], Some(Ty::Any), println),
    def("urlquery", &[], Some(Ty::Any), urlquery),
    def("eq", &[Ty::Any], Some(Ty::Any), eq),
    def("ge", &[Ty::Any, Ty::Any], None, ge),
    def("gt", &[Ty::Any, Ty::Any], None, gt),
    def("le", &[Ty::Any, Ty::Any], None, le),
    def("lt", &[Ty::Any, Ty::Any], None, lt),
    def("ne", &[Ty::Any, Ty::Any], None, ne),
];

/// Go's own `slice` builtin (Helm registers Sprig's `slice` instead).
pub static GO_SLICE: FuncDef = def("slice", &[Ty::Any], Some(Ty::Any), go_slice);

// ---- comparisons -------------------------------------------------------------

/// Go's `basicKind` classes.
#[derive(Clone, Copy, PartialEq)]
enum Basic<'a> {
    Invalid,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(&'a str),
}

impl Basic<'_> {
    fn class(&self) -> u8 {
        match self {
            Basic::Invalid => 0,
            Basic::Bool(_) => 1,
            Basic::Int(_) => 3,
            Basic::Float(_) => 4,
            Basic::Str(_) => 5,
            Basic::Uint(_) => 6,
        }
    }
}

fn basic(v: &V) -> Basic<'_> {
    match v {
        V::Bool(b) => Basic::Bool(*b),
        V::Int(i) | V::Int64(i) => Basic::Int(*i),
        V::Uint(u) => Basic::Uint(*u),
        V::Float(f) => Basic::Float(*f),
        V::Str(s) => Basic::Str(s),
        _ => Basic::Invalid,
    }
}

/// Go's reflect kind of a non-basic value (for `canCompare`).
fn reflect_kind(v: &V) -> &'static str {
    match v {
        V::Nil => "invalid",
        V::Bytes(_) | V::List(_) => "slice",
        V::Map(_) => "map",
        V::Object(o) => o.kind_name(),
        other => other.kind_name(),
    }
}

fn incompatible(a: &V, b: &V) -> String {
    format!(
        "incompatible types for comparison: {} and {}",
        a.type_name(),
        b.type_name()
    )
}

const BAD_COMPARISON_TYPE: &str = "invalid type for comparison";

/// One `a == b` of Go's `eq`.
fn eq_pair(a: &V, b: &V) -> Result<bool, String> {
    let k1 = basic(a);
    let k2 = basic(b);
    if k1.class() != k2.class() {
        return match (k1, k2) {
            (Basic::Int(x), Basic::Uint(y)) => Ok(x >= 0 && x as u64 == y),
            (Basic::Uint(x), Basic::Int(y)) => Ok(y >= 0 && x == y as u64),
            _ => {
                if !a.is_nil() && !b.is_nil() {
                    Err(incompatible(a, b))
                } else {
                    Ok(false)
                }
            }
        };
    }
    Ok(match (k1, k2) {
        (Basic::Bool(x), Basic::Bool(y)) => x == y,
        (Basic::Int(x), Basic::Int(y)) => x == y,
        (Basic::Uint(x), Basic::Uint(y)) => x == y,
        (Basic::Float(x), Basic::Float(y)) => x == y,
        (Basic::Str(x), Basic::Str(y)) => x == y,
        _ => {
            let (ka, kb) = (reflect_kind(a), reflect_kind(b));
            if ka != kb && ka != "invalid" && kb != "invalid" {
                return Err(format!(
                    "non-comparable types {}: {}, {}: {}",
                    sprintf("%s", std::slice::from_ref(a)),
                    a.type_name(),
                    b.type_name(),
                    sprintf("%v", std::slice::from_ref(b))
                ));
            }
            if a.is_nil() || b.is_nil() {
                a.is_nil() == b.is_nil()
            } else {
                if matches!(kb, "map" | "slice") {
                    return Err(format!(
                        "non-comparable type {}: {}",
                        sprintf("%s", std::slice::from_ref(b)),
                        b.type_name()
                    ));
                }
                match (a, b) {
                    (V::Object(x), V::Object(y)) if kb == "ptr" => Rc::ptr_eq(x, y),
                    _ => a.type_name() == b.type_name() && a == b,
                }
            }
        }
    })
}

/// Go's `eq arg1 arg2...`: whether `arg1` equals any of the others.
pub fn go_eq_any(a: &V, others: &[V]) -> Result<bool, String> {
    if others.is_empty() {
        return Err("missing argument for comparison".into());
    }
    for b in others {
        if eq_pair(a, b)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Go's `eq a b`.
pub fn go_eq(a: &V, b: &V) -> Result<bool, String> {
    eq_pair(a, b)
}

/// Go's `ne a b`.
pub fn go_ne(a: &V, b: &V) -> Result<bool, String> {
    eq_pair(a, b).map(|e| !e)
}

/// Go's `lt a b`.
pub fn go_lt(a: &V, b: &V) -> Result<bool, String> {
    let k1 = basic(a);
    if k1 == Basic::Invalid {
        return Err(BAD_COMPARISON_TYPE.into());
    }
    let k2 = basic(b);
    if k2 == Basic::Invalid {
        return Err(BAD_COMPARISON_TYPE.into());
    }
    match (k1, k2) {
        (Basic::Int(x), Basic::Uint(y)) => Ok(x < 0 || (x as u64) < y),
        (Basic::Uint(x), Basic::Int(y)) => Ok(y >= 0 && x < y as u64),
        (Basic::Bool(_), Basic::Bool(_)) => Err(BAD_COMPARISON_TYPE.into()),
        (Basic::Int(x), Basic::Int(y)) => Ok(x < y),
        (Basic::Uint(x), Basic::Uint(y)) => Ok(x < y),
        (Basic::Float(x), Basic::Float(y)) => Ok(x < y),
        (Basic::Str(x), Basic::Str(y)) => Ok(x < y),
        _ => Err(incompatible(a, b)),
    }
}

/// Go's `le a b`.
pub fn go_le(a: &V, b: &V) -> Result<bool, String> {
    if go_lt(a, b)? {
        return Ok(true);
    }
    go_eq_any(a, std::slice::from_ref(b))
}

/// Go's `gt a b`.
pub fn go_gt(a: &V, b: &V) -> Result<bool, String> {
    go_le(a, b).map(|x| !x)
}

/// Go's `ge a b`.
pub fn go_ge(a: &V, b: &V) -> Result<bool, String> {
    go_lt(a, b).map(|x| !x)
}

fn two(args: &[V]) -> (&V, &V) {
    const NIL: V = V::Nil;
    (args.first().unwrap_or(&NIL), args.get(1).unwrap_or(&NIL))
}

fn eq(args: &[V]) -> Result<V, String> {
    let Some((a, rest)) = args.split_first() else {
        return Err("missing argument for comparison".into());
    };
    go_eq_any(a, rest).map(V::Bool)
}

fn ne(args: &[V]) -> Result<V, String> {
    let (a, b) = two(args);
    go_ne(a, b).map(V::Bool)
}

fn lt(args: &[V]) -> Result<V, String> {
    let (a, b) = two(args);
    go_lt(a, b).map(V::Bool)
}

fn le(args: &[V]) -> Result<V, String> {
    let (a, b) = two(args);
    go_le(a, b).map(V::Bool)
}

fn gt(args: &[V]) -> Result<V, String> {
    let (a, b) = two(args);
    go_gt(a, b).map(V::Bool)
}

fn ge(args: &[V]) -> Result<V, String> {
    let (a, b) = two(args);
    go_ge(a, b).map(V::Bool)
}

// ---- logic -------------------------------------------------------------------

/// `and`: the first false argument, or the last one.
fn and(args: &[V]) -> Result<V, String> {
    for a in args {
        if !a.truthy() {
            return Ok(a.clone());
        }
    }
    Ok(args.last().cloned().unwrap_or_default())
}

/// `or`: the first true argument, or the last one.
fn or(args: &[V]) -> Result<V, String> {
    for a in args {
        if a.truthy() {
            return Ok(a.clone());
        }
    }
    Ok(args.last().cloned().unwrap_or_default())
}

fn not(args: &[V]) -> Result<V, String> {
    Ok(V::Bool(!args.first().is_some_and(V::truthy)))
}

/// The error Go's `call` reports for a callee that is not a function;
/// `callee` is the text of the callee node (`.Values.f`, `1`).
pub fn call_error(callee: &str, f: &V) -> String {
    if f.is_nil() {
        "call of nil".into()
    } else {
        format!("non-function {callee} of type {}", f.type_name())
    }
}

/// `call`: templates have no function values, so this always fails (the
/// executor should use [`call_error`] with the callee's node text).
fn call(args: &[V]) -> Result<V, String> {
    let f = args.first().cloned().unwrap_or_default();
    let text = match &f {
        V::Str(s) => super::super::fmt::quote(s),
        other => sprint(std::slice::from_ref(other)),
    };
    Err(call_error(&text, &f))
}

// ---- index, slice, len ---------------------------------------------------------

/// Go's `indexArg`: an integer index in `0..=cap`.
fn index_arg(index: &V, cap: usize) -> Result<usize, String> {
    let x: i64 = match index {
        V::Int(i) | V::Int64(i) => *i,
        V::Uint(u) => *u as i64,
        V::Nil => return Err("cannot index slice/array with nil".into()),
        other => {
            return Err(format!(
                "cannot index slice/array with type {}",
                other.type_name()
            ));
        }
    };
    if x < 0 || x as u64 > cap as u64 {
        return Err(format!("index out of range: {x}"));
    }
    Ok(x as usize)
}

/// The zero value of a map's element type.
fn zero_of(elem: Elem) -> V {
    match elem {
        Elem::Any => V::Nil,
        Elem::Str => V::str(""),
        Elem::Int => V::Int(0),
    }
}

fn map_key(index: &V) -> Result<&str, String> {
    match index {
        V::Str(s) => Ok(s),
        V::Nil => Err("value is nil; should be of type string".into()),
        other => Err(format!(
            "value has type {}; should be string",
            other.type_name()
        )),
    }
}

/// Go's `index item k1 k2...`.
pub fn go_index(item: &V, indexes: &[V]) -> Result<V, String> {
    if item.is_nil() {
        return Err("index of untyped nil".into());
    }
    let mut item = item.clone();
    for index in indexes {
        let next = match &item {
            V::Nil => return Err("index of nil pointer".into()),
            V::List(l) => {
                let x = index_arg(index, l.items.len())?;
                l.items
                    .get(x)
                    .cloned()
                    .ok_or_else(|| "reflect: slice index out of range".to_string())?
            }
            V::Bytes(b) => {
                let x = index_arg(index, b.len())?;
                V::Uint(u64::from(*b.get(x).ok_or_else(|| {
                    "reflect: slice index out of range".to_string()
                })?))
            }
            V::Str(s) => {
                let x = index_arg(index, s.len())?;
                V::Uint(u64::from(*s.as_bytes().get(x).ok_or_else(|| {
                    "reflect: string index out of range".to_string()
                })?))
            }
            V::Map(m) => {
                let k = map_key(index)?;
                m.entries
                    .borrow()
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| zero_of(m.elem))
            }
            V::Object(o) => {
                if let Some(m) = o.as_map() {
                    let k = map_key(index)?;
                    m.get(k).cloned().unwrap_or_default()
                } else if let Some(l) = o.as_list() {
                    let x = index_arg(index, l.len())?;
                    l.get(x)
                        .cloned()
                        .ok_or_else(|| "reflect: slice index out of range".to_string())?
                } else {
                    return Err(format!("can't index item of type {}", o.type_name()));
                }
            }
            other => return Err(format!("can't index item of type {}", other.type_name())),
        };
        item = next;
    }
    Ok(item)
}

fn index(args: &[V]) -> Result<V, String> {
    match args.split_first() {
        Some((item, rest)) => go_index(item, rest),
        None => Err("index of untyped nil".into()),
    }
}

/// Go's `slice item i j k` (`item[i:j:k]`).
pub fn go_slice(args: &[V]) -> Result<V, String> {
    let Some((item, indexes)) = args.split_first() else {
        return Err("slice of untyped nil".into());
    };
    if item.is_nil() {
        return Err("slice of untyped nil".into());
    }
    if indexes.len() > 3 {
        return Err(format!("too many slice indexes: {}", indexes.len()));
    }
    let len = match item {
        V::Str(s) => {
            if indexes.len() == 3 {
                return Err("cannot 3-index slice a string".into());
            }
            s.len()
        }
        V::List(l) => l.items.len(),
        V::Bytes(b) => b.len(),
        other => return Err(format!("can't slice item of type {}", other.type_name())),
    };
    let mut idx = [0usize, len, 0];
    for (i, index) in indexes.iter().enumerate() {
        idx[i] = index_arg(index, len)?;
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if indexes.len() == 3 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    let (i, j) = (idx[0], idx[1]);
    Ok(match item {
        V::Str(s) => V::str(String::from_utf8_lossy(&s.as_bytes()[i..j])),
        V::List(l) => V::List(Rc::new(ListV {
            items: l.items[i..j].to_vec(),
            elem: l.elem,
        })),
        V::Bytes(b) => V::Bytes(Rc::from(&b[i..j])),
        _ => V::Nil,
    })
}

/// Go's `len item`.
pub fn go_len(item: &V) -> Result<i64, String> {
    let n = match item {
        V::Nil => return Err("len of nil pointer".into()),
        V::Str(s) => s.len(),
        V::Bytes(b) => b.len(),
        V::List(l) => l.items.len(),
        V::Map(m) => m.entries.borrow().len(),
        V::Object(o) => {
            if let Some(m) = o.as_map() {
                m.len()
            } else if let Some(l) = o.as_list() {
                l.len()
            } else {
                return Err(format!("len of type {}", o.type_name()));
            }
        }
        other => return Err(format!("len of type {}", other.type_name())),
    };
    Ok(n as i64)
}

fn len(args: &[V]) -> Result<V, String> {
    go_len(args.first().unwrap_or(&V::Nil)).map(V::Int)
}

// ---- printing and escaping -----------------------------------------------------

fn print(args: &[V]) -> Result<V, String> {
    Ok(V::str(sprint(args)))
}

fn println(args: &[V]) -> Result<V, String> {
    Ok(V::str(sprintln(args)))
}

fn printf(args: &[V]) -> Result<V, String> {
    let Some((format, rest)) = args.split_first() else {
        return Ok(V::str(""));
    };
    let format = match format {
        V::Str(s) => s.to_string(),
        other => super::cast::to_string(other),
    };
    Ok(V::str(sprintf(&format, rest)))
}

/// Go's `evalArgs`: a lone string as it is, else `fmt.Sprint` of the
/// arguments with nil ones replaced by the string `<no value>`
/// (`printableValue`), which also affects Sprint's spacing.
fn eval_args(args: &[V]) -> String {
    match args {
        [V::Str(s)] => s.to_string(),
        _ if args.iter().any(V::is_nil) => {
            let printable: Vec<V> = args
                .iter()
                .map(|a| {
                    if a.is_nil() {
                        V::str("<no value>")
                    } else {
                        a.clone()
                    }
                })
                .collect();
            sprint(&printable)
        }
        _ => sprint(args),
    }
}

/// Go's `template.HTMLEscapeString`.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\0' => out.push('\u{FFFD}'),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Go's `template.JSEscapeString`.
pub fn js_escape(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            match c {
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\'' => out.extend_from_slice(b"\\'"),
                b'"' => out.extend_from_slice(b"\\\""),
                b'<' => out.extend_from_slice(b"\\u003C"),
                b'>' => out.extend_from_slice(b"\\u003E"),
                b'&' => out.extend_from_slice(b"\\u0026"),
                b'=' => out.extend_from_slice(b"\\u003D"),
                c if c < b' ' => {
                    out.extend_from_slice(b"\\u00");
                    out.push(HEX[usize::from(c >> 4)]);
                    out.push(HEX[usize::from(c & 0xF)]);
                }
                c => out.push(c),
            }
            i += 1;
        } else {
            let (r, w) = decode_rune(&b[i..]);
            let w = w.max(1);
            if char::from_u32(r).is_some_and(is_print) {
                out.extend_from_slice(&b[i..i + w]);
            } else {
                out.extend_from_slice(format!("\\u{r:04X}").as_bytes());
            }
            i += w;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Go's `url.QueryEscape`.
pub fn query_escape(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        match c {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(c));
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(c >> 4)]));
                out.push(char::from(HEX[usize::from(c & 0xF)]));
            }
        }
    }
    out
}

fn html(args: &[V]) -> Result<V, String> {
    Ok(V::str(html_escape(&eval_args(args))))
}

fn js(args: &[V]) -> Result<V, String> {
    Ok(V::str(js_escape(&eval_args(args))))
}

fn urlquery(args: &[V]) -> Result<V, String> {
    Ok(V::str(query_escape(&eval_args(args))))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn lookup_in(funcs: &'static [FuncDef], name: &str) -> &'static FuncDef {
        funcs
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no function {name}"))
    }

    fn mk_map(entries: Vec<(&str, V)>) -> V {
        V::map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<BTreeMap<_, _>>(),
        )
    }

    /// Expected: `Ok((Go type, %v))` or `Err(message after "error calling NAME: ")`.
    fn check(fails: &mut Vec<String>, name: &str, args: Vec<V>, want: Result<(&str, &str), &str>) {
        let got = (lookup_in(FUNCS, name).f)(&args);
        let got = match &got {
            Ok(v) => Ok((v.type_name(), crate::template::fmt::sprint_value(v))),
            Err(e) => Err(e.clone()),
        };
        let same = match (&got, &want) {
            (Ok((t, v)), Ok((wt, wv))) => t == wt && v == wv,
            (Err(e), Err(w)) => e == w,
            _ => false,
        };
        if !same {
            fails.push(format!("{name} {args:?}: got {got:?}, want {want:?}"));
        }
    }

    macro_rules! b {
        ($fails:ident, $name:expr, [$($a:expr),*], Ok($t:expr, $v:expr)) => {
            check(&mut $fails, $name, vec![$($a),*], Ok(($t, $v)))
        };
        ($fails:ident, $name:expr, [$($a:expr),*], Err($e:expr)) => {
            check(&mut $fails, $name, vec![$($a),*], Err($e))
        };
    }

    /// Helm 4.2.3 (Go 1.26) results of the builtins over the same values
    /// (Go's `uint8` bytes from `index` are our `uint64`).
    #[test]
    fn oracle_cases() {
        let mut fails: Vec<String> = Vec::new();
        b!(fails, "eq", [V::Int(1), V::Int(1)], Ok("bool", "true"));
        b!(fails, "eq", [V::Int(1), V::Int(2)], Ok("bool", "false"));
        b!(
            fails,
            "eq",
            [V::Int(1), V::Int(2), V::Int(1)],
            Ok("bool", "true")
        );
        b!(fails, "eq", [V::str("a"), V::str("a")], Ok("bool", "true"));
        b!(fails, "eq", [V::str("a"), V::str("b")], Ok("bool", "false"));
        b!(
            fails,
            "eq",
            [V::Bool(true), V::Bool(true)],
            Ok("bool", "true")
        );
        b!(
            fails,
            "eq",
            [V::Bool(true), V::Bool(false)],
            Ok("bool", "false")
        );
        b!(
            fails,
            "eq",
            [V::Float(1.5), V::Float(1.5)],
            Ok("bool", "true")
        );
        b!(
            fails,
            "eq",
            [V::Int(1), V::Float(1.0)],
            Err("incompatible types for comparison: int and float64")
        );
        b!(fails, "eq", [V::Int64(5), V::Int(5)], Ok("bool", "true"));
        b!(
            fails,
            "eq",
            [V::Float(1.5), V::Float(1.5)],
            Ok("bool", "true")
        );
        b!(
            fails,
            "eq",
            [V::Float(1.5), V::Int(1)],
            Err("incompatible types for comparison: float64 and int")
        );
        b!(fails, "eq", [V::Nil, V::Nil], Ok("bool", "true"));
        b!(fails, "eq", [V::Nil, V::Int(1)], Ok("bool", "false"));
        b!(fails, "eq", [V::Int(1), V::Nil], Ok("bool", "false"));
        b!(fails, "eq", [V::str("a"), V::Nil], Ok("bool", "false"));
        b!(
            fails,
            "eq",
            [
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))]),
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))])
            ],
            Err(
                "non-comparable type map[a:%!s(float64=1) b:%!s(float64=2)]: map[string]interface {}"
            )
        );
        b!(
            fails,
            "eq",
            [
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))]),
                V::list(vec![V::Float(1.0), V::str("a"), V::Nil])
            ],
            Err(
                "non-comparable types map[a:%!s(float64=1) b:%!s(float64=2)]: map[string]interface {}, []interface {}: [1 a <nil>]"
            )
        );
        b!(
            fails,
            "eq",
            [V::list(vec![V::Int(1)]), V::list(vec![V::Int(1)])],
            Err("non-comparable type [%!s(int=1)]: []interface {}")
        );
        b!(
            fails,
            "eq",
            [
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))]),
                V::Nil
            ],
            Ok("bool", "false")
        );
        b!(
            fails,
            "eq",
            [
                V::Nil,
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))])
            ],
            Ok("bool", "false")
        );
        b!(
            fails,
            "eq",
            [V::empty_map(), V::empty_map()],
            Err("non-comparable type map[]: map[string]interface {}")
        );
        b!(
            fails,
            "eq",
            [V::str("1"), V::Int(1)],
            Err("incompatible types for comparison: string and int")
        );
        b!(
            fails,
            "eq",
            [V::Bool(true), V::Int(1)],
            Err("incompatible types for comparison: bool and int")
        );
        b!(fails, "eq", [V::Uint(97), V::Int(97)], Ok("bool", "true"));
        b!(fails, "eq", [V::Int(97), V::Uint(97)], Ok("bool", "true"));
        b!(fails, "eq", [V::Int(-1), V::Uint(97)], Ok("bool", "false"));
        b!(
            fails,
            "eq",
            [
                V::Bytes(Rc::from(&b"hi\xff"[..])),
                V::Bytes(Rc::from(&b"hi\xff"[..]))
            ],
            Err("non-comparable type hi\u{fffd}: []uint8")
        );
        b!(
            fails,
            "eq",
            [V::Int(1)],
            Err("missing argument for comparison")
        );
        b!(
            fails,
            "eq",
            [V::Int(1), V::str("a"), V::Int(1)],
            Err("incompatible types for comparison: int and string")
        );
        b!(
            fails,
            "eq",
            [V::Int(1), V::Int(1), V::str("a")],
            Ok("bool", "true")
        );
        b!(
            fails,
            "eq",
            [V::Float(f64::NAN), V::Float(f64::NAN)],
            Ok("bool", "false")
        );
        b!(fails, "eq", [V::Nil, V::Nil], Ok("bool", "true"));
        b!(fails, "eq", [V::Nil, V::Int(1)], Ok("bool", "false"));
        b!(
            fails,
            "eq",
            [V::str("a"), V::list(vec![V::Int(1)])],
            Err("incompatible types for comparison: string and []interface {}")
        );
        b!(
            fails,
            "eq",
            [V::list(vec![V::Int(1)]), V::str("a")],
            Err("incompatible types for comparison: []interface {} and string")
        );
        b!(
            fails,
            "eq",
            [
                V::str_list(vec!["a".into(), "b".into()]),
                V::str_list(vec!["a".into(), "b".into()])
            ],
            Err("non-comparable type [a b]: []string")
        );
        b!(fails, "eq", [V::Uint(97), V::Uint(97)], Ok("bool", "true"));
        b!(
            fails,
            "eq",
            [V::Float(f64::INFINITY), V::Float(f64::INFINITY)],
            Ok("bool", "true")
        );
        b!(
            fails,
            "eq",
            [V::Int64(5), V::Int64(-300)],
            Ok("bool", "false")
        );
        b!(fails, "eq", [V::str(""), V::Nil], Ok("bool", "false"));
        b!(
            fails,
            "eq",
            [
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))]),
                V::Bytes(Rc::from(&b"hi\xff"[..]))
            ],
            Err(
                "non-comparable types map[a:%!s(float64=1) b:%!s(float64=2)]: map[string]interface {}, []uint8: [104 105 255]"
            )
        );
        b!(fails, "ne", [V::Int(1), V::Int(2)], Ok("bool", "true"));
        b!(fails, "ne", [V::Int(1), V::Int(1)], Ok("bool", "false"));
        b!(fails, "ne", [V::str("a"), V::str("b")], Ok("bool", "true"));
        b!(
            fails,
            "ne",
            [V::Int(1), V::Float(1.0)],
            Err("incompatible types for comparison: int and float64")
        );
        b!(fails, "ne", [V::Nil, V::Int(1)], Ok("bool", "true"));
        b!(fails, "ne", [V::Nil, V::Nil], Ok("bool", "false"));
        b!(
            fails,
            "ne",
            [
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))]),
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))])
            ],
            Err(
                "non-comparable type map[a:%!s(float64=1) b:%!s(float64=2)]: map[string]interface {}"
            )
        );
        b!(
            fails,
            "ne",
            [V::Bool(true), V::Bool(false)],
            Ok("bool", "true")
        );
        b!(fails, "ne", [V::Uint(97), V::Int(97)], Ok("bool", "false"));
        b!(
            fails,
            "ne",
            [V::list(vec![V::Float(1.0), V::str("a"), V::Nil]), V::Nil],
            Ok("bool", "true")
        );
        b!(fails, "lt", [V::Int(1), V::Int(2)], Ok("bool", "true"));
        b!(fails, "lt", [V::Int(2), V::Int(1)], Ok("bool", "false"));
        b!(fails, "lt", [V::Int(1), V::Int(1)], Ok("bool", "false"));
        b!(fails, "lt", [V::str("a"), V::str("b")], Ok("bool", "true"));
        b!(fails, "lt", [V::str("b"), V::str("a")], Ok("bool", "false"));
        b!(
            fails,
            "lt",
            [V::Float(1.5), V::Float(2.5)],
            Ok("bool", "true")
        );
        b!(
            fails,
            "lt",
            [V::Bool(true), V::Bool(false)],
            Err("invalid type for comparison")
        );
        b!(
            fails,
            "lt",
            [V::Nil, V::Int(1)],
            Err("invalid type for comparison")
        );
        b!(
            fails,
            "lt",
            [V::Int(1), V::Nil],
            Err("invalid type for comparison")
        );
        b!(
            fails,
            "lt",
            [V::Int(1), V::Float(1.5)],
            Err("incompatible types for comparison: int and float64")
        );
        b!(
            fails,
            "lt",
            [V::str("a"), V::Int(1)],
            Err("incompatible types for comparison: string and int")
        );
        b!(fails, "lt", [V::Uint(97), V::Int(100)], Ok("bool", "true"));
        b!(fails, "lt", [V::Int(-1), V::Uint(97)], Ok("bool", "true"));
        b!(fails, "lt", [V::Int(100), V::Uint(97)], Ok("bool", "false"));
        b!(
            fails,
            "lt",
            [
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))]),
                V::Int(1)
            ],
            Err("invalid type for comparison")
        );
        b!(
            fails,
            "lt",
            [V::list(vec![V::Int(1)]), V::list(vec![V::Int(1)])],
            Err("invalid type for comparison")
        );
        b!(
            fails,
            "lt",
            [V::Float(f64::NAN), V::Float(1.5)],
            Ok("bool", "false")
        );
        b!(fails, "lt", [V::Int64(-300), V::Int(1)], Ok("bool", "true"));
        b!(fails, "lt", [V::str(""), V::str("a")], Ok("bool", "true"));
        b!(
            fails,
            "lt",
            [V::str("ab"), V::str("a")],
            Ok("bool", "false")
        );
        b!(fails, "le", [V::Int(1), V::Int(1)], Ok("bool", "true"));
        b!(fails, "le", [V::Int(2), V::Int(1)], Ok("bool", "false"));
        b!(fails, "le", [V::str("a"), V::str("a")], Ok("bool", "true"));
        b!(
            fails,
            "le",
            [V::Float(1.5), V::Float(1.5)],
            Ok("bool", "true")
        );
        b!(
            fails,
            "le",
            [V::Bool(true), V::Bool(true)],
            Err("invalid type for comparison")
        );
        b!(
            fails,
            "le",
            [V::Nil, V::Nil],
            Err("invalid type for comparison")
        );
        b!(
            fails,
            "le",
            [V::Int(1), V::Float(1.5)],
            Err("incompatible types for comparison: int and float64")
        );
        b!(fails, "le", [V::Uint(97), V::Int(97)], Ok("bool", "true"));
        b!(
            fails,
            "le",
            [V::Float(f64::NAN), V::Float(f64::NAN)],
            Ok("bool", "false")
        );
        b!(fails, "gt", [V::Int(2), V::Int(1)], Ok("bool", "true"));
        b!(fails, "gt", [V::Int(1), V::Int(2)], Ok("bool", "false"));
        b!(fails, "gt", [V::Int(1), V::Int(1)], Ok("bool", "false"));
        b!(fails, "gt", [V::str("b"), V::str("a")], Ok("bool", "true"));
        b!(
            fails,
            "gt",
            [V::Int(1), V::Float(1.5)],
            Err("incompatible types for comparison: int and float64")
        );
        b!(
            fails,
            "gt",
            [V::Bool(true), V::Bool(false)],
            Err("invalid type for comparison")
        );
        b!(
            fails,
            "gt",
            [V::Nil, V::Int(1)],
            Err("invalid type for comparison")
        );
        b!(fails, "gt", [V::Uint(97), V::Int(97)], Ok("bool", "false"));
        b!(fails, "ge", [V::Int(1), V::Int(1)], Ok("bool", "true"));
        b!(fails, "ge", [V::Int(1), V::Int(2)], Ok("bool", "false"));
        b!(fails, "ge", [V::str("a"), V::str("b")], Ok("bool", "false"));
        b!(
            fails,
            "ge",
            [V::Nil, V::Int(1)],
            Err("invalid type for comparison")
        );
        b!(
            fails,
            "ge",
            [V::Float(2.5), V::Float(1.5)],
            Ok("bool", "true")
        );
        b!(
            fails,
            "ge",
            [V::Int(1), V::str("a")],
            Err("incompatible types for comparison: int and string")
        );
        b!(fails, "not", [V::Bool(true)], Ok("bool", "false"));
        b!(fails, "not", [V::Bool(false)], Ok("bool", "true"));
        b!(fails, "not", [V::Int(0)], Ok("bool", "true"));
        b!(fails, "not", [V::Int(1)], Ok("bool", "false"));
        b!(fails, "not", [V::str("")], Ok("bool", "true"));
        b!(fails, "not", [V::str("a")], Ok("bool", "false"));
        b!(fails, "not", [V::Nil], Ok("bool", "true"));
        b!(fails, "not", [V::list(vec![])], Ok("bool", "true"));
        b!(
            fails,
            "not",
            [V::list(vec![V::Int(1)])],
            Ok("bool", "false")
        );
        b!(fails, "not", [V::empty_map()], Ok("bool", "true"));
        b!(
            fails,
            "not",
            [mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))])],
            Ok("bool", "false")
        );
        b!(fails, "not", [V::Float(0.0)], Ok("bool", "true"));
        b!(fails, "not", [V::Float(1.5)], Ok("bool", "false"));
        b!(fails, "not", [V::Nil], Ok("bool", "true"));
        b!(
            fails,
            "not",
            [V::Bytes(Rc::from(&b""[..]))],
            Ok("bool", "true")
        );
        b!(
            fails,
            "not",
            [V::Bytes(Rc::from(&b"hi\xff"[..]))],
            Ok("bool", "false")
        );
        b!(fails, "not", [V::Float(f64::NAN)], Ok("bool", "false"));
        b!(
            fails,
            "and",
            [V::Int(1), V::Int(0), V::Int(2)],
            Ok("int", "0")
        );
        b!(
            fails,
            "and",
            [V::Int(1), V::Int(2), V::Int(3)],
            Ok("int", "3")
        );
        b!(fails, "and", [V::str(""), V::str("a")], Ok("string", ""));
        b!(fails, "and", [V::Nil, V::Int(1)], Ok("<nil>", "<nil>"));
        b!(fails, "and", [V::Bool(true)], Ok("bool", "true"));
        b!(
            fails,
            "and",
            [V::list(vec![]), V::Int(1)],
            Ok("[]interface {}", "[]")
        );
        b!(
            fails,
            "and",
            [
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))]),
                V::str("a")
            ],
            Ok("string", "a")
        );
        b!(fails, "and", [V::Int(1), V::Float(0.0)], Ok("float64", "0"));
        b!(
            fails,
            "or",
            [V::Int(0), V::str(""), V::Nil],
            Ok("<nil>", "<nil>")
        );
        b!(
            fails,
            "or",
            [V::Int(0), V::Int(2), V::Int(3)],
            Ok("int", "2")
        );
        b!(fails, "or", [V::str(""), V::str("a")], Ok("string", "a"));
        b!(fails, "or", [V::Bool(false)], Ok("bool", "false"));
        b!(
            fails,
            "or",
            [V::empty_map(), V::list(vec![])],
            Ok("[]interface {}", "[]")
        );
        b!(
            fails,
            "or",
            [
                V::Nil,
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))])
            ],
            Ok("map[string]interface {}", "map[a:1 b:2]")
        );
        b!(
            fails,
            "index",
            [
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))]),
                V::str("a")
            ],
            Ok("float64", "1")
        );
        b!(
            fails,
            "index",
            [
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))]),
                V::str("zz")
            ],
            Ok("<nil>", "<nil>")
        );
        b!(
            fails,
            "index",
            [V::list(vec![V::Float(1.0), V::str("a"), V::Nil]), V::Int(1)],
            Ok("string", "a")
        );
        b!(
            fails,
            "index",
            [V::list(vec![V::Float(1.0), V::str("a"), V::Nil]), V::Int(2)],
            Ok("<nil>", "<nil>")
        );
        b!(
            fails,
            "index",
            [V::list(vec![V::Int(1), V::Int(2)]), V::Int(1)],
            Ok("int", "2")
        );
        b!(
            fails,
            "index",
            [
                V::list(vec![V::list(vec![V::Int(1), V::Int(2)])]),
                V::Int(0),
                V::Int(1)
            ],
            Ok("int", "2")
        );
        b!(
            fails,
            "index",
            [
                mk_map(vec![("a", mk_map(vec![("b", V::Int(3))]))]),
                V::str("a"),
                V::str("b")
            ],
            Ok("int", "3")
        );
        b!(
            fails,
            "index",
            [V::str("ab"), V::Int(1)],
            Ok("uint64", "98")
        );
        b!(
            fails,
            "index",
            [V::Bytes(Rc::from(&b"hi\xff"[..])), V::Int(0)],
            Ok("uint64", "104")
        );
        b!(
            fails,
            "index",
            [V::list(vec![V::Int(1), V::Int(2)]), V::Int64(5)],
            Err("index out of range: 5")
        );
        b!(
            fails,
            "index",
            [V::list(vec![V::Int(1), V::Int(2)]), V::Int(-1)],
            Err("index out of range: -1")
        );
        b!(
            fails,
            "index",
            [V::list(vec![V::Int(1), V::Int(2)]), V::Int(2)],
            Err("reflect: slice index out of range")
        );
        b!(
            fails,
            "index",
            [V::list(vec![V::Int(1), V::Int(2)]), V::Int(3)],
            Err("index out of range: 3")
        );
        b!(
            fails,
            "index",
            [V::str("ab"), V::Int(2)],
            Err("reflect: string index out of range")
        );
        b!(
            fails,
            "index",
            [V::str("ab"), V::Int(3)],
            Err("index out of range: 3")
        );
        b!(
            fails,
            "index",
            [
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))]),
                V::Int(1)
            ],
            Err("value has type int; should be string")
        );
        b!(
            fails,
            "index",
            [
                mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))]),
                V::Nil
            ],
            Err("value is nil; should be of type string")
        );
        b!(
            fails,
            "index",
            [V::list(vec![V::Int(1)]), V::Nil],
            Err("cannot index slice/array with nil")
        );
        b!(
            fails,
            "index",
            [V::list(vec![V::Int(1)]), V::Float(1.0)],
            Err("cannot index slice/array with type float64")
        );
        b!(
            fails,
            "index",
            [V::list(vec![V::Int(1)]), V::str("0")],
            Err("cannot index slice/array with type string")
        );
        b!(
            fails,
            "index",
            [V::Float(1.5), V::Int(0)],
            Err("can't index item of type float64")
        );
        b!(
            fails,
            "index",
            [V::Nil, V::Int(1)],
            Err("index of untyped nil")
        );
        b!(
            fails,
            "index",
            [V::Nil, V::Int(1)],
            Err("index of untyped nil")
        );
        b!(
            fails,
            "index",
            [
                V::list(vec![V::Float(1.0), V::str("a"), V::Nil]),
                V::Int(2),
                V::Int(0)
            ],
            Err("index of nil pointer")
        );
        b!(
            fails,
            "index",
            [
                V::list(vec![V::Float(1.0), V::str("a"), V::Nil]),
                V::Int(0),
                V::Int(0)
            ],
            Err("can't index item of type float64")
        );
        b!(
            fails,
            "index",
            [V::list(vec![V::Int(1), V::Int(2)])],
            Ok("[]interface {}", "[1 2]")
        );
        b!(
            fails,
            "index",
            [mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))])],
            Ok("map[string]interface {}", "map[a:1 b:2]")
        );
        b!(
            fails,
            "index",
            [V::str_list(vec!["a".into(), "b".into()]), V::Int(1)],
            Ok("string", "b")
        );
        b!(
            fails,
            "index",
            [V::Bool(true), V::Int(0)],
            Err("can't index item of type bool")
        );
        b!(
            fails,
            "index",
            [
                mk_map(vec![("a", mk_map(vec![("b", V::Int(3))]))]),
                V::str("zz"),
                V::str("b")
            ],
            Err("index of nil pointer")
        );
        b!(
            fails,
            "index",
            [
                mk_map(vec![("b", V::Int(2)), ("a", V::str("x")), ("c", V::Nil)]),
                V::str("c")
            ],
            Ok("<nil>", "<nil>")
        );
        b!(
            fails,
            "index",
            [
                mk_map(vec![("b", V::Int(2)), ("a", V::str("x")), ("c", V::Nil)]),
                V::str("c"),
                V::str("a")
            ],
            Err("index of nil pointer")
        );
        // Go says uint8: bytes from `index` are V::Uint (uint64) here.
        b!(
            fails,
            "index",
            [V::Uint(97), V::Int(0)],
            Err("can't index item of type uint64")
        );
        b!(
            fails,
            "index",
            [V::Bytes(Rc::from(&b""[..])), V::Int(0)],
            Err("reflect: slice index out of range")
        );
        b!(
            fails,
            "index",
            [V::str(""), V::Int(0)],
            Err("reflect: string index out of range")
        );
        b!(
            fails,
            "index",
            [V::Bytes(Rc::from(&b"hi\xff"[..])), V::Int(3)],
            Err("reflect: slice index out of range")
        );
        b!(
            fails,
            "index",
            [V::Bytes(Rc::from(&b"hi\xff"[..])), V::Int(4)],
            Err("index out of range: 4")
        );
        b!(fails, "len", [V::str("abc")], Ok("int", "3"));
        b!(fails, "len", [V::str("é")], Ok("int", "2"));
        b!(
            fails,
            "len",
            [V::list(vec![V::Int(1), V::Int(2)])],
            Ok("int", "2")
        );
        b!(
            fails,
            "len",
            [mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))])],
            Ok("int", "2")
        );
        b!(fails, "len", [V::empty_map()], Ok("int", "0"));
        b!(
            fails,
            "len",
            [V::Bytes(Rc::from(&b"hi\xff"[..]))],
            Ok("int", "3")
        );
        b!(fails, "len", [V::Float(1.5)], Err("len of type float64"));
        b!(fails, "len", [V::Nil], Err("len of nil pointer"));
        b!(fails, "len", [V::Int(3)], Err("len of type int"));
        b!(fails, "len", [V::Bool(true)], Err("len of type bool"));
        b!(
            fails,
            "len",
            [V::str_list(vec!["a".into(), "b".into()])],
            Ok("int", "2")
        );
        b!(fails, "len", [V::str("")], Ok("int", "0"));
        b!(
            fails,
            "html",
            [V::str("<a href='x'>&\"</a>\u{0}")],
            Ok(
                "string",
                "&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;\u{fffd}"
            )
        );
        b!(
            fails,
            "html",
            [V::Int(1), V::str("a"), V::Int(2)],
            Ok("string", "1a2")
        );
        b!(fails, "html", [V::Nil], Ok("string", "&lt;no value&gt;"));
        b!(
            fails,
            "html",
            [mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))])],
            Ok("string", "map[a:1 b:2]")
        );
        b!(
            fails,
            "html",
            [V::list(vec![V::str("<"), V::str(">")])],
            Ok("string", "[&lt; &gt;]")
        );
        b!(fails, "html", [], Ok("string", ""));
        b!(
            fails,
            "html",
            [V::str("a"), V::str("b")],
            Ok("string", "ab")
        );
        b!(
            fails,
            "html",
            [V::Bytes(Rc::from(&b"hi\xff"[..]))],
            Ok("string", "[104 105 255]")
        );
        b!(
            fails,
            "js",
            [V::str("a`b'c\"d<>&=\u{1}\u{2028}é\t+/\\ \u{ad}\u{1F600}")],
            Ok(
                "string",
                "a`b\\'c\\\"d\\u003C\\u003E\\u0026\\u003D\\u0001\\u2028\u{e9}\\u0009+/\\\\ \\u00AD\u{1f600}"
            )
        );
        b!(fails, "js", [V::Int(1), V::Int(2)], Ok("string", "1 2"));
        b!(fails, "js", [V::str("a"), V::str("b")], Ok("string", "ab"));
        b!(
            fails,
            "js",
            [V::Nil],
            Ok("string", "\\u003Cno value\\u003E")
        );
        b!(
            fails,
            "js",
            [V::list(vec![V::str("<"), V::str(">")])],
            Ok("string", "[\\u003C \\u003E]")
        );
        b!(
            fails,
            "js",
            [V::str("\u{e0001}\u{200b}\u{a0}\u{85}\u{7f}")],
            Ok("string", "\\uE0001\\u200B\\u00A0\\u0085\u{7f}")
        );
        b!(
            fails,
            "js",
            [V::Bytes(Rc::from(&b"hi\xff"[..]))],
            Ok("string", "[104 105 255]")
        );
        b!(fails, "js", [], Ok("string", ""));
        b!(
            fails,
            "urlquery",
            [V::str("a b&c=d/é?~_.-+%")],
            Ok("string", "a+b%26c%3Dd%2F%C3%A9%3F~_.-%2B%25")
        );
        b!(
            fails,
            "urlquery",
            [V::Int(1), V::str("a b")],
            Ok("string", "1a+b")
        );
        b!(fails, "urlquery", [V::Nil], Ok("string", "%3Cno+value%3E"));
        b!(fails, "urlquery", [V::str("é")], Ok("string", "%C3%A9"));
        b!(
            fails,
            "urlquery",
            [mk_map(vec![("b", V::Float(2.0)), ("a", V::Float(1.0))])],
            Ok("string", "map%5Ba%3A1+b%3A2%5D")
        );
        b!(fails, "urlquery", [], Ok("string", ""));
        b!(
            fails,
            "urlquery",
            [V::Bytes(Rc::from(&b"hi\xff"[..]))],
            Ok("string", "%5B104+105+255%5D")
        );
        b!(
            fails,
            "urlquery",
            [V::str("\u{e0001}\u{200b}\u{a0}\u{85}\u{7f}")],
            Ok("string", "%F3%A0%80%81%E2%80%8B%C2%A0%C2%85%7F")
        );
        b!(
            fails,
            "call",
            [V::Int(1)],
            Err("non-function 1 of type int")
        );
        b!(fails, "call", [V::Nil], Err("call of nil"));
        b!(
            fails,
            "call",
            [V::str("a")],
            Err("non-function \"a\" of type string")
        );
        b!(fails, "call", [V::Nil], Err("call of nil"));
        b!(
            fails,
            "print",
            [V::Int(1), V::str("a"), V::Int(2)],
            Ok("string", "1a2")
        );
        b!(
            fails,
            "println",
            [V::Int(1), V::str("a"), V::Int(2)],
            Ok("string", "1 a 2\n")
        );
        b!(
            fails,
            "print",
            [V::str("a"), V::str("b")],
            Ok("string", "ab")
        );
        b!(
            fails,
            "println",
            [V::str("a"), V::str("b")],
            Ok("string", "a b\n")
        );
        b!(fails, "print", [], Ok("string", ""));
        b!(fails, "println", [], Ok("string", "\n"));
        b!(fails, "print", [V::Nil], Ok("string", "<nil>"));
        b!(fails, "println", [V::Nil], Ok("string", "<nil>\n"));
        b!(
            fails,
            "print",
            [
                V::Bytes(Rc::from(&b"hi\xff"[..])),
                V::list(vec![V::Int(1), V::Int(2), V::Int(300)])
            ],
            Ok("string", "[104 105 255] [1 2 300]")
        );
        b!(
            fails,
            "println",
            [
                V::Bytes(Rc::from(&b"hi\xff"[..])),
                V::list(vec![V::Int(1), V::Int(2), V::Int(300)])
            ],
            Ok("string", "[104 105 255] [1 2 300]\n")
        );
        b!(fails, "printf", [V::str("x")], Ok("string", "x"));
        b!(
            fails,
            "printf",
            [V::str("12"), V::Int(1)],
            Ok("string", "12%!(EXTRA int=1)")
        );
        b!(
            fails,
            "printf",
            [V::str("a"), V::Int(1), V::Int(2)],
            Ok("string", "a%!(EXTRA int=1, int=2)")
        );
        b!(
            fails,
            "html",
            [V::Nil, V::Int(1)],
            Ok("string", "&lt;no value&gt;1")
        );
        b!(
            fails,
            "js",
            [V::Nil, V::Int(1)],
            Ok("string", "\\u003Cno value\\u003E1")
        );
        b!(
            fails,
            "urlquery",
            [V::Nil, V::Int(1)],
            Ok("string", "%3Cno+value%3E1")
        );
        b!(
            fails,
            "html",
            [V::Int(1), V::Nil],
            Ok("string", "1&lt;no value&gt;")
        );
        b!(
            fails,
            "js",
            [V::Int(1), V::Nil],
            Ok("string", "1\\u003Cno value\\u003E")
        );
        b!(
            fails,
            "urlquery",
            [V::Int(1), V::Nil],
            Ok("string", "1%3Cno+value%3E")
        );
        b!(
            fails,
            "html",
            [V::Nil, V::Nil],
            Ok("string", "&lt;no value&gt;&lt;no value&gt;")
        );
        b!(
            fails,
            "js",
            [V::Nil, V::Nil],
            Ok("string", "\\u003Cno value\\u003E\\u003Cno value\\u003E")
        );
        b!(
            fails,
            "urlquery",
            [V::Nil, V::Nil],
            Ok("string", "%3Cno+value%3E%3Cno+value%3E")
        );
        b!(
            fails,
            "html",
            [V::str("a"), V::Nil, V::str("b")],
            Ok("string", "a&lt;no value&gt;b")
        );
        b!(
            fails,
            "js",
            [V::str("a"), V::Nil, V::str("b")],
            Ok("string", "a\\u003Cno value\\u003Eb")
        );
        b!(
            fails,
            "urlquery",
            [V::str("a"), V::Nil, V::str("b")],
            Ok("string", "a%3Cno+value%3Eb")
        );
        assert!(
            fails.is_empty(),
            "{} cases differ:\n{}",
            fails.len(),
            fails.join("\n")
        );
    }

    #[test]
    fn call_errors() {
        assert_eq!(
            call_error(".Values.m", &mk_map(vec![])),
            "non-function .Values.m of type map[string]interface {}"
        );
        assert_eq!(call_error(".x", &V::Nil), "call of nil");
    }

    #[test]
    fn go_slice_semantics() {
        let s = |args: Vec<V>| (GO_SLICE.f)(&args).map(|v| crate::template::fmt::sprint_value(&v));
        let l = V::list(vec![V::Int(1), V::Int(2), V::Int(3)]);
        assert_eq!(s(vec![l.clone()]), Ok("[1 2 3]".into()));
        assert_eq!(s(vec![l.clone(), V::Int(1)]), Ok("[2 3]".into()));
        assert_eq!(s(vec![l.clone(), V::Int(1), V::Int(2)]), Ok("[2]".into()));
        assert_eq!(
            s(vec![l.clone(), V::Int(0), V::Int(2), V::Int(3)]),
            Ok("[1 2]".into())
        );
        assert_eq!(s(vec![l.clone(), V::Int(3)]), Ok("[]".into()));
        assert_eq!(
            s(vec![l.clone(), V::Int(4)]),
            Err("index out of range: 4".into())
        );
        assert_eq!(
            s(vec![l.clone(), V::Int(2), V::Int(1)]),
            Err("invalid slice index: 2 > 1".into())
        );
        assert_eq!(
            s(vec![l.clone(), V::Int(0), V::Int(2), V::Int(1)]),
            Err("invalid slice index: 2 > 1".into())
        );
        assert_eq!(
            s(vec![l, V::Int(0), V::Int(1), V::Int(2), V::Int(3)]),
            Err("too many slice indexes: 4".into())
        );
        assert_eq!(
            s(vec![V::str("hello"), V::Int(1), V::Int(3)]),
            Ok("el".into())
        );
        assert_eq!(
            s(vec![V::str("hello"), V::Int(1), V::Int(2), V::Int(3)]),
            Err("cannot 3-index slice a string".into())
        );
        assert_eq!(s(vec![V::Nil]), Err("slice of untyped nil".into()));
        assert_eq!(
            s(vec![V::Float(1.0)]),
            Err("can't slice item of type float64".into())
        );
        assert_eq!(
            s(vec![V::str("ab"), V::str("1")]),
            Err("cannot index slice/array with type string".into())
        );
        let typed = (GO_SLICE.f)(&[V::str_list(vec!["a".into(), "b".into()]), V::Int(1)]);
        assert_eq!(typed.map(|v| v.type_name()), Ok("[]string".into()));
        let bytes = (GO_SLICE.f)(&[V::Bytes(Rc::from(&b"hey"[..])), V::Int(1)]);
        assert_eq!(bytes.map(|v| v.type_name()), Ok("[]uint8".into()));
    }

    #[test]
    fn comparison_helpers() {
        assert_eq!(go_eq(&V::Int(1), &V::Int64(1)), Ok(true));
        assert_eq!(go_eq(&V::Uint(1), &V::Int(1)), Ok(true));
        assert_eq!(go_ne(&V::Nil, &V::Nil), Ok(false));
        assert_eq!(
            go_eq_any(&V::Int(1), &[]),
            Err("missing argument for comparison".into())
        );
        assert_eq!(go_lt(&V::Uint(u64::MAX), &V::Int(-1)), Ok(false));
        assert_eq!(go_le(&V::str("a"), &V::str("a")), Ok(true));
        assert_eq!(go_gt(&V::Float(2.0), &V::Float(1.0)), Ok(true));
        assert_eq!(go_ge(&V::Int64(1), &V::Int(2)), Ok(false));
        assert_eq!(go_len(&V::str("héllo")), Ok(6));
        assert_eq!(
            go_index(&mk_map(vec![]), &[V::str("x")]).map(|v| v.is_nil()),
            Ok(true)
        );
        let typed = V::str_map(BTreeMap::new());
        assert_eq!(
            go_index(&typed, &[V::str("x")]).map(|v| v.type_name()),
            Ok("string".into())
        );
    }
}
