//! Sprig's list family. Every function accepts any Go slice (lists from
//! `list`, `[]string` from `splitList`/`keys`, values-file lists, `[]byte`,
//! objects that are slices such as `.Capabilities.APIVersions`) and, unless
//! noted, returns a new `[]interface{}`.
//!
//! Errors are Sprig's: a non-slice argument gives `Cannot find first on type
//! string` (the reflect kind), and a nil one the runtime error Go raises when
//! Sprig asks a nil type for its kind. The non-`must` variants panic with
//! the same text, which the template engine reports the same way.
//!
//! Known difference: Go's `slice` may reach into a slice's spare capacity
//! (`slice (append (list 1 2) 3) 0 4` gives `[1 2 3 <nil>]`); lists here
//! have no capacity beyond their length, so that is an out-of-bounds error.
//! `sortAlpha` on a `[]string` sorts Go's slice in place; here the input is
//! left alone. `chunk` returns lists of lists, whose `typeOf` reads
//! `[]interface {}` rather than `[][]interface {}`.

use std::borrow::Cow;
use std::rc::Rc;

use super::super::value::{Elem, ListV, V};
use super::cast::to_string;
use super::logic::{deep_equal_values, is_empty};
use super::math::{f64_to_i64, to_int64};
use super::{FuncDef, Ty, def};

pub static FUNCS: &[FuncDef] = &[
    def("list", &[], Some(Ty::Any), list),
    def("tuple", &[], Some(Ty::Any), list),
    def("append", &[Ty::Any, Ty::Any], None, push),
    def("push", &[Ty::Any, Ty::Any], None, push),
    def("mustAppend", &[Ty::Any, Ty::Any], None, push),
    def("mustPush", &[Ty::Any, Ty::Any], None, push),
    def("prepend", &[Ty::Any, Ty::Any], None, prepend),
    def("mustPrepend", &[Ty::Any, Ty::Any], None, prepend),
    def("first", &[Ty::Any], None, first),
    def("mustFirst", &[Ty::Any], None, first),
    def("last", &[Ty::Any], None, last),
    def("mustLast", &[Ty::Any], None, last),
    def("rest", &[Ty::Any], None, rest),
    def("mustRest", &[Ty::Any], None, rest),
    def("initial", &[Ty::Any], None, initial),
    def("mustInitial", &[Ty::Any], None, initial),
    def("reverse", &[Ty::Any], None, reverse),
    def("mustReverse", &[Ty::Any], None, reverse),
    def("uniq", &[Ty::Any], None, uniq),
    def("mustUniq", &[Ty::Any], None, uniq),
    def("without", &[Ty::Any], Some(Ty::Any), without),
    def("mustWithout", &[Ty::Any], Some(Ty::Any), without),
    def("has", &[Ty::Any, Ty::Any], None, has),
    def("mustHas", &[Ty::Any, Ty::Any], None, has),
    def("slice", &[Ty::Any], Some(Ty::Any), slice),
    def("mustSlice", &[Ty::Any], Some(Ty::Any), slice),
    def("concat", &[], Some(Ty::Any), concat),
    def("chunk", &[Ty::Int, Ty::Any], None, chunk),
    def("mustChunk", &[Ty::Int, Ty::Any], None, chunk),
    def("sortAlpha", &[Ty::Any], None, sort_alpha),
    def("compact", &[Ty::Any], None, compact),
    def("mustCompact", &[Ty::Any], None, compact),
    def("until", &[Ty::Int], None, until),
    def("untilStep", &[Ty::Int, Ty::Int, Ty::Int], None, until_step),
];

/// What Go says when Sprig calls `reflect.TypeOf(nil).Kind()`.
pub const NIL_DEREF: &str = "runtime error: invalid memory address or nil pointer dereference";

/// Why a value is not a slice.
enum NotSeq {
    /// An untyped nil.
    Nil,
    /// Another kind (reflect kind name).
    Kind(&'static str),
}

/// The elements of a Go slice value.
fn seq(v: &V) -> Result<Cow<'_, [V]>, NotSeq> {
    match v {
        V::List(l) => Ok(Cow::Borrowed(&l.items)),
        V::Bytes(b) => Ok(Cow::Owned(
            b.iter().map(|x| V::Uint(u64::from(*x))).collect(),
        )),
        V::Nil => Err(NotSeq::Nil),
        V::Object(o) if matches!(o.kind_name(), "slice" | "array") => o
            .as_list()
            .map(Cow::Owned)
            .ok_or(NotSeq::Kind(o.kind_name())),
        other => Err(NotSeq::Kind(other.kind_name())),
    }
}

/// `seq` with Sprig's error text (`msg` gets the kind name).
fn seq_or(v: &V, msg: impl Fn(&str) -> String) -> Result<Cow<'_, [V]>, String> {
    seq(v).map_err(|e| match e {
        NotSeq::Nil => NIL_DEREF.to_string(),
        NotSeq::Kind(k) => msg(k),
    })
}

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

fn list(args: &[V]) -> Result<V, String> {
    Ok(V::list(args.to_vec()))
}

fn push(args: &[V]) -> Result<V, String> {
    let items = seq_or(arg(args, 0), |k| format!("Cannot push on type {k}"))?;
    let mut out = Vec::with_capacity(items.len() + 1);
    out.extend_from_slice(&items);
    out.push(arg(args, 1).clone());
    Ok(V::list(out))
}

fn prepend(args: &[V]) -> Result<V, String> {
    let items = seq_or(arg(args, 0), |k| format!("Cannot prepend on type {k}"))?;
    let mut out = Vec::with_capacity(items.len() + 1);
    out.push(arg(args, 1).clone());
    out.extend_from_slice(&items);
    Ok(V::list(out))
}

fn first(args: &[V]) -> Result<V, String> {
    let items = seq_or(arg(args, 0), |k| format!("Cannot find first on type {k}"))?;
    Ok(items.first().cloned().unwrap_or(V::Nil))
}

fn last(args: &[V]) -> Result<V, String> {
    let items = seq_or(arg(args, 0), |k| format!("Cannot find last on type {k}"))?;
    Ok(items.last().cloned().unwrap_or(V::Nil))
}

fn rest(args: &[V]) -> Result<V, String> {
    let items = seq_or(arg(args, 0), |k| format!("Cannot find rest on type {k}"))?;
    Ok(V::list(items.get(1..).unwrap_or(&[]).to_vec()))
}

fn initial(args: &[V]) -> Result<V, String> {
    let items = seq_or(arg(args, 0), |k| format!("Cannot find initial on type {k}"))?;
    let n = items.len().saturating_sub(1);
    Ok(V::list(items[..n].to_vec()))
}

fn reverse(args: &[V]) -> Result<V, String> {
    let items = seq_or(arg(args, 0), |k| format!("Cannot find reverse on type {k}"))?;
    Ok(V::list(items.iter().rev().cloned().collect()))
}

fn uniq(args: &[V]) -> Result<V, String> {
    let items = seq_or(arg(args, 0), |k| format!("Cannot find uniq on type {k}"))?;
    let mut out: Vec<V> = Vec::new();
    for item in items.iter() {
        if !out.iter().any(|o| deep_equal_values(item, o)) {
            out.push(item.clone());
        }
    }
    Ok(V::list(out))
}

fn without(args: &[V]) -> Result<V, String> {
    let items = seq_or(arg(args, 0), |k| format!("Cannot find without on type {k}"))?;
    let omit = args.get(1..).unwrap_or(&[]);
    Ok(V::list(
        items
            .iter()
            .filter(|item| !omit.iter().any(|o| deep_equal_values(item, o)))
            .cloned()
            .collect(),
    ))
}

fn has(args: &[V]) -> Result<V, String> {
    let haystack = arg(args, 1);
    if haystack.is_nil() {
        return Ok(V::Bool(false));
    }
    let items = seq_or(haystack, |k| format!("Cannot find has on type {k}"))?;
    let needle = arg(args, 0);
    Ok(V::Bool(items.iter().any(|x| deep_equal_values(needle, x))))
}

/// Sprig's `slice list [start [end]]`: the result keeps the input's Go
/// type (a `[]string` stays one); an empty input gives nil.
fn slice(args: &[V]) -> Result<V, String> {
    let list = arg(args, 0);
    let items = seq_or(list, |k| {
        format!("list should be type of slice or array but {k}")
    })?;
    let len = items.len();
    if len == 0 {
        return Ok(V::Nil);
    }
    let start = args.get(1).map_or(0, to_int64);
    let end = args.get(2).map_or(len as i64, to_int64);
    if start < 0 || end < start || end > len as i64 {
        return Err("reflect.Value.Slice: slice index out of bounds".into());
    }
    let (start, end) = (start as usize, end as usize);
    Ok(match list {
        V::Bytes(b) => V::Bytes(Rc::from(&b[start..end])),
        V::List(l) => V::List(Rc::new(ListV {
            items: items[start..end].to_vec(),
            elem: l.elem,
        })),
        _ => V::list(items[start..end].to_vec()),
    })
}

fn concat(args: &[V]) -> Result<V, String> {
    let mut out = Vec::new();
    for l in args {
        let items = seq_or(l, |k| format!("Cannot concat type {k} as list"))?;
        out.extend_from_slice(&items);
    }
    Ok(V::list(out))
}

const MAKESLICE: &str = "runtime error: makeslice: len out of range";

/// Sprig's `chunk size list`, including its float arithmetic for the
/// number of chunks (a size of 0, and most negative sizes, fail as Go's
/// `make` does).
fn chunk(args: &[V]) -> Result<V, String> {
    let size = int_arg(args, 0);
    let items = seq_or(arg(args, 1), |k| format!("Cannot chunk type {k}"))?;
    let l = items.len() as i64;
    let chunks = f64_to_i64(((l - 1) as f64 / size as f64).floor() + 1.0);
    if chunks < 0 {
        return Err(MAKESLICE.into());
    }
    let mut out = Vec::with_capacity(chunks.min(l.max(1)) as usize);
    for i in 0..chunks {
        let mut clen = size;
        if i == chunks - 1 {
            clen = f64_to_i64(((l as f64) % (size as f64)).floor());
            if clen == 0 {
                clen = size;
            }
        }
        if clen < 0 {
            return Err(MAKESLICE.into());
        }
        let mut part = Vec::with_capacity(clen.min(l) as usize);
        for j in 0..clen {
            let ix = i.wrapping_mul(size).wrapping_add(j);
            match usize::try_from(ix).ok().and_then(|ix| items.get(ix)) {
                Some(v) => part.push(v.clone()),
                None => return Err("reflect: slice index out of range".into()),
            }
        }
        out.push(V::list(part));
    }
    Ok(V::list(out))
}

fn sort_alpha(args: &[V]) -> Result<V, String> {
    let v = arg(args, 0);
    let mut out: Vec<String> = match seq(v) {
        Ok(items) => items
            .iter()
            .filter(|x| !x.is_nil())
            .map(to_string)
            .collect(),
        Err(_) => vec![to_string(v)],
    };
    out.sort();
    Ok(V::str_list(out))
}

fn compact(args: &[V]) -> Result<V, String> {
    let items = seq_or(arg(args, 0), |k| format!("Cannot compact on type {k}"))?;
    Ok(V::list(
        items.iter().filter(|x| !is_empty(x)).cloned().collect(),
    ))
}

/// Sprig's `untilStep`: counts from start towards stop (exclusive) by
/// step; a step pointing the wrong way (or 0) gives an empty list.
pub fn until_step_ints(start: i64, stop: i64, step: i64) -> Vec<i64> {
    let mut v = Vec::new();
    if stop < start {
        if step >= 0 {
            return v;
        }
        let mut i = start;
        while i > stop {
            v.push(i);
            match i.checked_add(step) {
                Some(n) => i = n,
                None => break,
            }
        }
        return v;
    }
    if step <= 0 {
        return v;
    }
    let mut i = start;
    while i < stop {
        v.push(i);
        match i.checked_add(step) {
            Some(n) => i = n,
            None => break,
        }
    }
    v
}

fn int_list(items: Vec<i64>) -> V {
    V::List(Rc::new(ListV {
        items: items.into_iter().map(V::Int).collect(),
        elem: Elem::Int,
    }))
}

fn until(args: &[V]) -> Result<V, String> {
    let count = int_arg(args, 0);
    let step = if count < 0 { -1 } else { 1 };
    Ok(int_list(until_step_ints(0, count, step)))
}

fn until_step(args: &[V]) -> Result<V, String> {
    Ok(int_list(until_step_ints(
        int_arg(args, 0),
        int_arg(args, 1),
        int_arg(args, 2),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Value;

    use super::super::super::value::Object;

    fn call(name: &str, args: &[V]) -> Result<V, String> {
        let f = FUNCS
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no function {name}"));
        (f.f)(args)
    }

    /// The result as `{{ }}` prints it (`<no value>` for nil), or the error.
    fn show(name: &str, args: &[V]) -> String {
        match call(name, args) {
            Ok(V::Nil) => "<no value>".into(),
            Ok(v) => v.go_string(),
            Err(e) => format!("ERR: {e}"),
        }
    }

    fn type_of(name: &str, args: &[V]) -> String {
        call(name, args).map(|v| v.type_name()).unwrap_or_default()
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
    fn l(items: Vec<V>) -> V {
        V::list(items)
    }
    fn ints(xs: &[i64]) -> V {
        l(xs.iter().map(|x| i(*x)).collect())
    }
    fn strs(items: &[&str]) -> V {
        V::str_list(items.iter().map(|x| x.to_string()).collect())
    }
    fn d(pairs: &[(&str, V)]) -> V {
        V::map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    #[derive(Debug)]
    struct Ptr;
    impl Object for Ptr {
        fn type_name(&self) -> String {
            "*semver.Version".into()
        }
        fn kind_name(&self) -> &'static str {
            "ptr"
        }
        fn field(&self, _: &str) -> Option<V> {
            None
        }
        fn go_string(&self) -> String {
            "1.2.3".into()
        }
        fn to_value(&self) -> Value {
            Value::Null
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    #[derive(Debug)]
    struct Set;
    impl Object for Set {
        fn type_name(&self) -> String {
            "common.VersionSet".into()
        }
        fn kind_name(&self) -> &'static str {
            "slice"
        }
        fn field(&self, _: &str) -> Option<V> {
            None
        }
        fn go_string(&self) -> String {
            "[v1 apps/v1]".into()
        }
        fn to_value(&self) -> Value {
            Value::Null
        }
        fn as_list(&self) -> Option<Vec<V>> {
            Some(vec![s("v1"), s("apps/v1")])
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    #[test]
    fn list_and_tuple() {
        assert_eq!(
            show("list", &[i(1), s("a"), f(1.5), V::Nil, V::Bool(true)]),
            "[1 a 1.5 <nil> true]"
        );
        assert_eq!(type_of("list", &[i(1), i(2)]), "[]interface {}");
        assert_eq!(type_of("list", &[]), "[]interface {}");
        assert_eq!(show("list", &[]), "[]");
        assert_eq!(show("tuple", &[i(1), i(2)]), "[1 2]");
        assert_eq!(type_of("tuple", &[]), "[]interface {}");
    }

    #[test]
    fn append_prepend() {
        for name in ["append", "push", "mustAppend", "mustPush"] {
            assert_eq!(show(name, &[ints(&[1, 2]), i(3)]), "[1 2 3]");
        }
        assert_eq!(type_of("append", &[ints(&[1]), i(2)]), "[]interface {}");
        assert_eq!(show("push", &[l(vec![]), V::Nil]), "[<nil>]");
        assert_eq!(
            show("append", &[l(vec![s("b"), s("a"), s("c")]), s("z")]),
            "[b a c z]"
        );
        assert_eq!(show("append", &[strs(&["a", "b"]), s("c")]), "[a b c]");
        assert_eq!(
            type_of("append", &[strs(&["a", "b"]), s("c")]),
            "[]interface {}"
        );
        assert_eq!(
            show("append", &[s("abc"), i(1)]),
            "ERR: Cannot push on type string"
        );
        assert_eq!(
            show("mustAppend", &[s("abc"), i(1)]),
            "ERR: Cannot push on type string"
        );
        assert_eq!(
            show("mustPush", &[d(&[("a", i(1))]), i(1)]),
            "ERR: Cannot push on type map"
        );
        assert_eq!(show("append", &[V::Nil, i(1)]), format!("ERR: {NIL_DEREF}"));
        assert_eq!(
            show("mustAppend", &[V::Nil, i(1)]),
            format!("ERR: {NIL_DEREF}")
        );
        assert_eq!(
            show("append", &[i(3), i(1)]),
            "ERR: Cannot push on type int"
        );
        assert_eq!(
            show("append", &[f(1.5), i(1)]),
            "ERR: Cannot push on type float64"
        );
        assert_eq!(show("append", &[ints(&[1]), ints(&[2, 3])]), "[1 [2 3]]");
        assert_eq!(show("prepend", &[ints(&[1, 2]), i(0)]), "[0 1 2]");
        assert_eq!(show("prepend", &[l(vec![]), i(1)]), "[1]");
        assert_eq!(
            type_of("prepend", &[strs(&["a"]), s("b")]),
            "[]interface {}"
        );
        assert_eq!(
            show("prepend", &[s("x"), i(1)]),
            "ERR: Cannot prepend on type string"
        );
        assert_eq!(
            show("mustPrepend", &[V::Bool(true), i(1)]),
            "ERR: Cannot prepend on type bool"
        );
        // the input list is not changed
        let orig = ints(&[1]);
        let _ = call("append", &[orig.clone(), i(2)]);
        assert_eq!(orig.go_string(), "[1]");
    }

    #[test]
    fn first_last_rest_initial() {
        assert_eq!(show("first", &[ints(&[1, 2, 3])]), "1");
        assert_eq!(show("first", &[l(vec![])]), "<no value>");
        assert!(matches!(call("first", &[l(vec![])]), Ok(V::Nil)));
        assert_eq!(show("first", &[l(vec![s("b"), s("a")])]), "b");
        assert_eq!(show("first", &[strs(&["q", "r"])]), "q");
        assert_eq!(
            show("first", &[s("abc")]),
            "ERR: Cannot find first on type string"
        );
        assert_eq!(
            show("mustFirst", &[s("abc")]),
            "ERR: Cannot find first on type string"
        );
        assert_eq!(show("first", &[V::Nil]), format!("ERR: {NIL_DEREF}"));
        assert_eq!(show("mustFirst", &[V::Nil]), format!("ERR: {NIL_DEREF}"));
        assert_eq!(
            show("first", &[V::empty_map()]),
            "ERR: Cannot find first on type map"
        );
        assert_eq!(
            show("first", &[V::Int64(3)]),
            "ERR: Cannot find first on type int64"
        );
        assert_eq!(
            show("first", &[V::Object(Rc::new(Ptr))]),
            "ERR: Cannot find first on type ptr"
        );
        assert_eq!(show("first", &[V::Object(Rc::new(Set))]), "v1");
        assert!(matches!(
            call("first", &[l(vec![V::Nil, i(1)])]),
            Ok(V::Nil)
        ));
        assert_eq!(show("last", &[ints(&[1, 2, 3])]), "3");
        assert_eq!(show("last", &[l(vec![])]), "<no value>");
        assert_eq!(show("last", &[l(vec![s("b"), s("a"), s("c")])]), "c");
        assert_eq!(show("last", &[V::Object(Rc::new(Set))]), "apps/v1");
        assert_eq!(
            show("last", &[f(1.5)]),
            "ERR: Cannot find last on type float64"
        );
        assert_eq!(
            show("mustLast", &[i(1)]),
            "ERR: Cannot find last on type int"
        );
        assert_eq!(show("rest", &[ints(&[1, 2, 3])]), "[2 3]");
        assert_eq!(show("rest", &[l(vec![])]), "[]");
        assert_eq!(type_of("rest", &[l(vec![])]), "[]interface {}");
        assert_eq!(show("rest", &[ints(&[1])]), "[]");
        assert_eq!(type_of("rest", &[strs(&["a", "b"])]), "[]interface {}");
        assert_eq!(
            show("rest", &[s("x")]),
            "ERR: Cannot find rest on type string"
        );
        assert_eq!(
            show("mustRest", &[s("x")]),
            "ERR: Cannot find rest on type string"
        );
        assert_eq!(show("initial", &[ints(&[1, 2, 3])]), "[1 2]");
        assert_eq!(show("initial", &[l(vec![])]), "[]");
        assert_eq!(show("initial", &[ints(&[1])]), "[]");
        assert_eq!(type_of("initial", &[l(vec![])]), "[]interface {}");
        assert_eq!(
            show("initial", &[V::empty_map()]),
            "ERR: Cannot find initial on type map"
        );
        assert_eq!(
            show("mustInitial", &[V::empty_map()]),
            "ERR: Cannot find initial on type map"
        );
    }

    #[test]
    fn reverse_uniq_without_has() {
        assert_eq!(show("reverse", &[ints(&[1, 2, 3])]), "[3 2 1]");
        assert_eq!(show("reverse", &[l(vec![])]), "[]");
        assert_eq!(type_of("reverse", &[strs(&["a", "b"])]), "[]interface {}");
        assert_eq!(show("reverse", &[strs(&["a", "b"])]), "[b a]");
        assert_eq!(
            show("reverse", &[s("abc")]),
            "ERR: Cannot find reverse on type string"
        );
        assert_eq!(
            show("mustReverse", &[s("abc")]),
            "ERR: Cannot find reverse on type string"
        );
        let mixed = l(vec![
            i(1),
            i(2),
            i(1),
            s("1"),
            f(2.0),
            i(2),
            ints(&[1]),
            ints(&[1]),
            V::Nil,
            V::Nil,
            d(&[("a", i(1))]),
            d(&[("a", i(1))]),
        ]);
        assert_eq!(show("uniq", &[mixed]), "[1 2 1 2 [1] <nil> map[a:1]]");
        assert_eq!(show("uniq", &[l(vec![])]), "[]");
        assert_eq!(
            show("uniq", &[l(vec![i(1), V::Int64(1), f(1.0)])]),
            "[1 1 1]"
        );
        assert_eq!(
            show("uniq", &[s("abc")]),
            "ERR: Cannot find uniq on type string"
        );
        assert_eq!(
            show("mustUniq", &[i(5)]),
            "ERR: Cannot find uniq on type int"
        );
        assert_eq!(
            show("without", &[ints(&[1, 2, 3, 2, 1]), i(1), i(2)]),
            "[3]"
        );
        assert_eq!(show("without", &[ints(&[1, 2])]), "[1 2]");
        assert_eq!(show("without", &[l(vec![i(1), V::Int64(1)]), i(1)]), "[1]");
        assert_eq!(show("without", &[l(vec![]), i(1)]), "[]");
        assert_eq!(
            show("without", &[s("abc"), i(1)]),
            "ERR: Cannot find without on type string"
        );
        assert_eq!(
            show("mustWithout", &[s("abc"), s("a")]),
            "ERR: Cannot find without on type string"
        );
        let floats = l(vec![f(1.0), f(2.0), f(3.0)]);
        assert_eq!(show("has", &[i(1), ints(&[1, 2])]), "true");
        assert_eq!(show("has", &[V::Int64(1), ints(&[1, 2])]), "false");
        assert_eq!(
            show("has", &[s("a"), l(vec![s("b"), s("a"), s("c")])]),
            "true"
        );
        assert_eq!(show("has", &[i(1), V::Nil]), "false");
        assert_eq!(show("has", &[V::Nil, l(vec![V::Nil])]), "true");
        assert_eq!(show("has", &[f(2.0), floats.clone()]), "true");
        assert_eq!(show("has", &[i(2), floats]), "false");
        assert_eq!(
            show("has", &[i(1), s("abc")]),
            "ERR: Cannot find has on type string"
        );
        assert_eq!(
            show("mustHas", &[i(1), s("abc")]),
            "ERR: Cannot find has on type string"
        );
        assert_eq!(show("mustHas", &[i(1), V::Nil]), "false");
        assert_eq!(
            show("has", &[s("apps/v1"), V::Object(Rc::new(Set))]),
            "true"
        );
    }

    #[test]
    fn slice_cases() {
        let l3 = ints(&[1, 2, 3]);
        assert_eq!(show("slice", std::slice::from_ref(&l3)), "[1 2 3]");
        assert_eq!(show("slice", &[l3.clone(), i(1)]), "[2 3]");
        assert_eq!(show("slice", &[l3.clone(), i(1), i(2)]), "[2]");
        assert_eq!(show("slice", &[l3.clone(), i(0), i(0)]), "[]");
        assert_eq!(show("slice", &[l(vec![])]), "<no value>");
        assert!(matches!(call("slice", &[l(vec![])]), Ok(V::Nil)));
        assert_eq!(type_of("slice", &[strs(&["a", "b"]), i(1)]), "[]string");
        assert_eq!(show("slice", &[l3.clone(), s("1"), f(2.7)]), "[2]");
        let oob = "ERR: reflect.Value.Slice: slice index out of bounds";
        assert_eq!(show("slice", &[l3.clone(), i(2), i(1)]), oob);
        assert_eq!(show("slice", &[l3.clone(), i(1), i(5)]), oob);
        assert_eq!(show("slice", &[l3.clone(), i(-1)]), oob);
        assert_eq!(show("mustSlice", &[l3.clone(), i(4)]), oob);
        assert_eq!(show("slice", &[l3.clone(), i(0), i(4)]), oob);
        assert_eq!(show("slice", &[l3.clone(), i(1), V::Nil]), oob);
        assert_eq!(
            show("slice", &[s("abc"), i(1), i(2)]),
            "ERR: list should be type of slice or array but string"
        );
        assert_eq!(
            show("mustSlice", &[s("abc"), i(1), i(2)]),
            "ERR: list should be type of slice or array but string"
        );
        assert_eq!(show("slice", &[V::Nil]), format!("ERR: {NIL_DEREF}"));
        assert_eq!(show("slice", &[l3.clone(), i(1), i(2), i(3)]), "[2]");
        assert_eq!(show("slice", &[l3.clone(), i(3)]), "[]");
        assert_eq!(show("slice", &[l3.clone(), i(3), i(3)]), "[]");
        assert_eq!(show("slice", &[l3, V::Nil]), "[1 2 3]");
        let bytes = V::Bytes(Rc::from(&b"hello"[..]));
        assert!(matches!(call("slice", &[bytes, i(1), i(3)]), Ok(V::Bytes(b)) if &*b == b"el"));
    }

    #[test]
    fn concat_cases() {
        assert_eq!(
            show("concat", &[ints(&[1, 2]), ints(&[3]), strs(&["a", "b"])]),
            "[1 2 3 a b]"
        );
        assert_eq!(show("concat", &[]), "[]");
        assert_eq!(type_of("concat", &[]), "[]interface {}");
        assert_eq!(show("concat", &[l(vec![])]), "[]");
        assert_eq!(type_of("concat", &[strs(&["a"])]), "[]interface {}");
        assert_eq!(
            show("concat", &[ints(&[1]), s("abc")]),
            "ERR: Cannot concat type string as list"
        );
        assert_eq!(
            show("concat", &[ints(&[1]), V::Nil]),
            format!("ERR: {NIL_DEREF}")
        );
    }

    #[test]
    fn chunk_cases() {
        assert_eq!(
            show("chunk", &[i(2), ints(&[1, 2, 3, 4, 5])]),
            "[[1 2] [3 4] [5]]"
        );
        assert_eq!(show("chunk", &[i(2), l(vec![])]), "[]");
        assert_eq!(show("chunk", &[i(3), ints(&[1, 2, 3])]), "[[1 2 3]]");
        assert_eq!(show("chunk", &[i(5), ints(&[1, 2])]), "[[1 2]]");
        assert_eq!(show("chunk", &[i(1), ints(&[1, 2])]), "[[1] [2]]");
        let mk = "ERR: runtime error: makeslice: len out of range";
        assert_eq!(show("chunk", &[i(0), ints(&[1, 2])]), mk);
        assert_eq!(show("chunk", &[i(0), ints(&[1])]), mk);
        assert_eq!(show("chunk", &[i(0), l(vec![])]), mk);
        assert_eq!(show("chunk", &[i(-1), ints(&[1, 2])]), "[]");
        assert_eq!(show("chunk", &[i(-1), ints(&[1])]), mk);
        assert_eq!(show("chunk", &[i(-1), l(vec![])]), mk);
        assert_eq!(show("chunk", &[i(-2), l(vec![])]), mk);
        assert_eq!(show("chunk", &[i(-2), ints(&[1])]), "[[1]]");
        assert_eq!(show("chunk", &[i(-2), ints(&[1, 2])]), "[]");
        assert_eq!(show("chunk", &[i(-2), ints(&[1, 2, 3, 4])]), mk);
        assert_eq!(show("mustChunk", &[i(0), ints(&[1])]), mk);
        assert_eq!(
            show("chunk", &[i(2), s("abc")]),
            "ERR: Cannot chunk type string"
        );
        assert_eq!(
            show("mustChunk", &[i(2), s("abc")]),
            "ERR: Cannot chunk type string"
        );
    }

    #[test]
    fn sort_alpha_cases() {
        assert_eq!(
            show(
                "sortAlpha",
                &[l(vec![s("b"), s("a"), i(10), i(9), V::Nil, s("B"), f(1.5)])]
            ),
            "[1.5 10 9 B a b]"
        );
        assert_eq!(type_of("sortAlpha", &[l(vec![])]), "[]string");
        assert_eq!(show("sortAlpha", &[s("x")]), "[x]");
        assert_eq!(show("sortAlpha", &[i(3)]), "[3]");
        assert_eq!(show("sortAlpha", &[V::Nil]), "[<nil>]");
        let m = d(&[("a", i(1)), ("b", d(&[("c", i(2))]))]);
        assert_eq!(show("sortAlpha", &[m]), "[map[a:1 b:map[c:2]]]");
        assert_eq!(show("sortAlpha", &[V::empty_map()]), "[map[]]");
        assert_eq!(show("sortAlpha", &[strs(&["c", "a", "b"])]), "[a b c]");
    }

    #[test]
    fn compact_cases() {
        let v = l(vec![
            i(1),
            i(0),
            s(""),
            V::Nil,
            V::Bool(false),
            s("a"),
            l(vec![]),
            V::empty_map(),
            f(0.0),
            ints(&[0]),
        ]);
        assert_eq!(show("compact", &[v]), "[1 a [0]]");
        assert_eq!(show("compact", &[l(vec![])]), "[]");
        assert_eq!(
            type_of("compact", &[strs(&["a", "", "b"])]),
            "[]interface {}"
        );
        assert_eq!(show("compact", &[strs(&["a", "", "b"])]), "[a b]");
        assert_eq!(
            show("compact", &[s("abc")]),
            "ERR: Cannot compact on type string"
        );
        assert_eq!(
            show("mustCompact", &[s("abc")]),
            "ERR: Cannot compact on type string"
        );
    }

    #[test]
    fn until_cases() {
        assert_eq!(show("until", &[i(5)]), "[0 1 2 3 4]");
        assert_eq!(show("until", &[i(0)]), "[]");
        assert_eq!(show("until", &[i(-3)]), "[0 -1 -2]");
        assert_eq!(type_of("until", &[i(2)]), "[]int");
        assert!(matches!(
            call("until", &[i(2)]),
            Ok(V::List(l)) if matches!(l.items[0], V::Int(0))
        ));
        let us = |a: i64, b: i64, c: i64| show("untilStep", &[i(a), i(b), i(c)]);
        assert_eq!(us(0, 10, 3), "[0 3 6 9]");
        assert_eq!(us(10, 0, -3), "[10 7 4 1]");
        assert_eq!(us(0, 10, 0), "[]");
        assert_eq!(us(0, 10, -1), "[]");
        assert_eq!(us(10, 0, 1), "[]");
        assert_eq!(us(5, 5, 1), "[]");
        assert_eq!(us(5, 5, -1), "[]");
        assert_eq!(us(10, 0, 0), "[]");
        assert_eq!(type_of("untilStep", &[i(0), i(1), i(1)]), "[]int");
        // no overflow loop near the end of the range
        assert_eq!(us(i64::MAX - 1, i64::MAX, 5), format!("[{}]", i64::MAX - 1));
    }

    fn until_list(n: i64) -> V {
        call("until", &[i(n)]).unwrap()
    }

    #[test]
    fn int_slices_from_until() {
        assert_eq!(
            show("sortAlpha", &[until_list(12)]),
            "[0 1 10 11 2 3 4 5 6 7 8 9]"
        );
        assert_eq!(type_of("slice", &[until_list(5), i(1), i(3)]), "[]int");
        assert_eq!(show("slice", &[until_list(5), i(1), i(3)]), "[1 2]");
        assert_eq!(type_of("first", &[until_list(3)]), "int");
        assert_eq!(show("concat", &[until_list(2), l(vec![s("a")])]), "[0 1 a]");
        assert_eq!(show("uniq", &[until_list(3)]), "[0 1 2]");
        assert_eq!(show("reverse", &[until_list(3)]), "[2 1 0]");
        assert_eq!(show("compact", &[until_list(3)]), "[1 2]");
        assert_eq!(show("chunk", &[i(2), until_list(3)]), "[[0 1] [2]]");
        let chunks = call("chunk", &[i(2), until_list(3)]).unwrap();
        assert_eq!(type_of("first", &[chunks]), "[]interface {}");
        assert_eq!(show("has", &[ints(&[1]), l(vec![ints(&[1])])]), "true");
        assert_eq!(
            show(
                "without",
                &[l(vec![d(&[("a", i(1))]), i(2)]), d(&[("a", i(1))])]
            ),
            "[2]"
        );
        assert_eq!(
            show(
                "sortAlpha",
                &[l(vec![ints(&[2, 1]), d(&[("a", i(1))]), V::Bool(true)])]
            ),
            "[[2 1] map[a:1] true]"
        );
        assert_eq!(
            show("sortAlpha", &[strs(&["é", "e", "f", "E"])]),
            "[E e f é]"
        );
    }

    #[test]
    fn shared_maps_inside_lists() {
        // `$l := list (dict "a" 1)`, then `rest (prepend $l 0)` shares the
        // map: setting through one shows through the other.
        let m = d(&[("a", i(1))]);
        let list1 = l(vec![m]);
        let prepended = call("prepend", &[list1.clone(), i(0)]).unwrap();
        let r = call("rest", &[prepended]).unwrap();
        let first_map = call("first", std::slice::from_ref(&r)).unwrap();
        if let V::Map(mm) = &first_map {
            mm.entries.borrow_mut().insert("a".into(), i(2));
        }
        assert_eq!(list1.go_string(), "[map[a:2]]");
        assert_eq!(r.go_string(), "[map[a:2]]");
    }
}
