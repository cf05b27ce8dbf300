//! Sprig's dict family over `map[string]interface{}`.
//!
//! Maps are shared and mutable as in Go: `set`, `unset`, `merge` and
//! `mergeOverwrite` change the map they are given (every other reference
//! sees it) and return that same map; `merge` stores source sub-maps by
//! reference where mergo does, so later changes show through both.
//!
//! A nil map (the `nil` literal passed for a map parameter) reads as empty;
//! `set` on it fails as Go does (`assignment to entry in nil map`).
//!
//! Ordering: Go's `keys` and `values` follow random map order. Here each
//! map's keys come sorted (and `values` in sorted key order); with several
//! maps, `keys` lists each map's keys in turn, as Go does.
//!
//! `deepCopy` copies maps and lists; objects are shared (copystructure
//! would rebuild a struct from its exported fields only).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::super::value::{Elem, MapV, V};
use super::cast::to_string;
use super::logic::is_empty;
use super::{FuncDef, Ty, def};

pub static FUNCS: &[FuncDef] = &[
    def("dict", &[], Some(Ty::Any), dict),
    def("get", &[Ty::Map, Ty::Str], None, get),
    def("set", &[Ty::Map, Ty::Str, Ty::Any], None, set),
    def("unset", &[Ty::Map, Ty::Str], None, unset),
    def("hasKey", &[Ty::Map, Ty::Str], None, has_key),
    def("pluck", &[Ty::Str], Some(Ty::Map), pluck),
    def("dig", &[], Some(Ty::Any), dig),
    def("keys", &[], Some(Ty::Map), keys),
    def("values", &[Ty::Map], None, values),
    def("pick", &[Ty::Map], Some(Ty::Str), pick),
    def("omit", &[Ty::Map], Some(Ty::Str), omit),
    def("merge", &[Ty::Map], Some(Ty::Map), merge),
    def("mustMerge", &[Ty::Map], Some(Ty::Map), merge),
    def("mergeOverwrite", &[Ty::Map], Some(Ty::Map), merge_overwrite),
    def(
        "mustMergeOverwrite",
        &[Ty::Map],
        Some(Ty::Map),
        merge_overwrite,
    ),
    def("deepCopy", &[Ty::Any], None, deep_copy),
    def("mustDeepCopy", &[Ty::Any], None, deep_copy),
];

/// How deep `merge`/`deepCopy` may recurse (a map that contains itself
/// would otherwise recurse forever; Go dies of a stack overflow).
const MAX_DEPTH: usize = 256;
const TOO_DEEP: &str = "maximum nesting depth exceeded (cyclic map?)";

const NIL: V = V::Nil;

fn arg(args: &[V], i: usize) -> &V {
    args.get(i).unwrap_or(&NIL)
}

fn str_arg(args: &[V], i: usize) -> &str {
    arg(args, i).as_str().unwrap_or("")
}

fn new_map(entries: BTreeMap<String, V>) -> V {
    V::map(entries)
}

fn dict(args: &[V]) -> Result<V, String> {
    let mut m = BTreeMap::new();
    for pair in args.chunks(2) {
        let key = to_string(&pair[0]);
        let val = pair.get(1).cloned().unwrap_or_else(|| V::str(""));
        m.insert(key, val);
    }
    Ok(new_map(m))
}

fn get(args: &[V]) -> Result<V, String> {
    Ok(arg(args, 0)
        .get(str_arg(args, 1))
        .unwrap_or_else(|| V::str("")))
}

fn set(args: &[V]) -> Result<V, String> {
    match arg(args, 0) {
        V::Map(m) => {
            m.entries
                .borrow_mut()
                .insert(str_arg(args, 1).to_string(), arg(args, 2).clone());
            Ok(V::Map(m.clone()))
        }
        _ => Err("assignment to entry in nil map".into()),
    }
}

fn unset(args: &[V]) -> Result<V, String> {
    match arg(args, 0) {
        V::Map(m) => {
            m.entries.borrow_mut().remove(str_arg(args, 1));
            Ok(V::Map(m.clone()))
        }
        _ => Ok(V::empty_map()),
    }
}

fn has_key(args: &[V]) -> Result<V, String> {
    Ok(V::Bool(match arg(args, 0) {
        V::Map(m) => m.entries.borrow().contains_key(str_arg(args, 1)),
        _ => false,
    }))
}

fn pluck(args: &[V]) -> Result<V, String> {
    let key = str_arg(args, 0);
    Ok(V::list(
        args.iter().skip(1).filter_map(|d| d.get(key)).collect(),
    ))
}

fn keys(args: &[V]) -> Result<V, String> {
    let mut out = Vec::new();
    for d in args {
        if let V::Map(m) = d {
            out.extend(m.entries.borrow().keys().cloned());
        }
    }
    Ok(V::str_list(out))
}

fn values(args: &[V]) -> Result<V, String> {
    Ok(V::list(match arg(args, 0) {
        V::Map(m) => m.entries.borrow().values().cloned().collect(),
        _ => Vec::new(),
    }))
}

fn pick(args: &[V]) -> Result<V, String> {
    let mut out = BTreeMap::new();
    if let V::Map(m) = arg(args, 0) {
        let entries = m.entries.borrow();
        for k in args.iter().skip(1) {
            let k = k.as_str().unwrap_or("");
            if let Some(v) = entries.get(k) {
                out.insert(k.to_string(), v.clone());
            }
        }
    }
    Ok(new_map(out))
}

fn omit(args: &[V]) -> Result<V, String> {
    let drop: Vec<&str> = args.iter().skip(1).filter_map(V::as_str).collect();
    let out = match arg(args, 0) {
        V::Map(m) => m
            .entries
            .borrow()
            .iter()
            .filter(|(k, _)| !drop.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        _ => BTreeMap::new(),
    };
    Ok(new_map(out))
}

/// Go's type assertion text: `interface conversion: interface {} is T, not W`.
fn conversion_error(v: &V, want: &str) -> String {
    let got = if v.is_nil() {
        "nil".to_string()
    } else {
        v.type_name()
    };
    format!("interface conversion: interface {{}} is {got}, not {want}")
}

const MAP_TYPE: &str = "map[string]interface {}";

/// `v.(map[string]interface{})`.
fn as_any_map(v: &V) -> Result<&Rc<MapV>, String> {
    match v {
        V::Map(m) if m.elem == Elem::Any => Ok(m),
        other => Err(conversion_error(other, MAP_TYPE)),
    }
}

/// Sprig's `dig k1 k2 ... default dict`.
fn dig(args: &[V]) -> Result<V, String> {
    if args.len() < 3 {
        return Err("dig needs at least three arguments".into());
    }
    let n = args.len();
    let mut dict = as_any_map(&args[n - 1])?.clone();
    let default = &args[n - 2];
    let mut keys = Vec::with_capacity(n - 2);
    for k in &args[..n - 2] {
        match k {
            V::Str(s) => keys.push(s.clone()),
            other => return Err(conversion_error(other, "string")),
        }
    }
    for (idx, k) in keys.iter().enumerate() {
        let step = match dict.entries.borrow().get(&**k) {
            Some(v) => v.clone(),
            None => return Ok(default.clone()),
        };
        if idx + 1 == keys.len() {
            return Ok(step);
        }
        dict = as_any_map(&step)?.clone();
    }
    Ok(default.clone())
}

// ---------------------------------------------------------------------------
// mergo (dario.cat/mergo v1.0.x) as Sprig calls it: `Merge(&dst, src)` and
// `Merge(&dst, src, WithOverride)` on map[string]interface{}.

fn merge(args: &[V]) -> Result<V, String> {
    merge_all(args, false)
}

fn merge_overwrite(args: &[V]) -> Result<V, String> {
    merge_all(args, true)
}

fn merge_all(args: &[V], overwrite: bool) -> Result<V, String> {
    let mut dst: Option<Rc<MapV>> = match arg(args, 0) {
        V::Map(m) => Some(m.clone()),
        _ => None,
    };
    for src in args.iter().skip(1) {
        let V::Map(src) = src else { continue };
        // A nil dst becomes a fresh map (mergo sets the pointed-to map).
        let d = dst.get_or_insert_with(|| {
            Rc::new(MapV {
                entries: RefCell::new(BTreeMap::new()),
                elem: Elem::Any,
            })
        });
        merge_map(d, src, overwrite, 0)?;
    }
    Ok(match dst {
        Some(m) => V::Map(m),
        None => V::empty_map(),
    })
}

/// The Go static type of a map element as reflect sees it when storing.
fn elem_type(m: &MapV) -> &'static str {
    m.elem.go_name()
}

/// `dst.SetMapIndex(key, val)` where `val` has static type `ty`: storing a
/// value of another type in a `map[string]string` panics.
fn set_index(dst: &MapV, key: &str, val: V, ty: &str) -> Result<(), String> {
    if dst.elem != Elem::Any && ty != elem_type(dst) {
        return Err(format!(
            "reflect.Value.SetMapIndex: value of type {ty} is not assignable to type {}",
            elem_type(dst)
        ));
    }
    dst.entries.borrow_mut().insert(key.to_string(), val);
    Ok(())
}

/// mergo's `deepMerge` for two maps.
fn merge_map(dst: &Rc<MapV>, src: &Rc<MapV>, overwrite: bool, depth: usize) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(TOO_DEEP.into());
    }
    // mergo walks a snapshot of src's keys; values are cheap handles.
    let src_entries: Vec<(String, V)> = src
        .entries
        .borrow()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let src_ty = elem_type(src);
    for (key, s) in src_entries {
        let d = dst.entries.borrow().get(&key).cloned();
        match &s {
            // A nil interface in src: copied only when overwriting.
            V::Nil => {
                if overwrite {
                    set_index(dst, &key, V::Nil, src_ty)?;
                }
                continue;
            }
            V::Map(sm) => {
                if let Some(V::Map(dm)) = &d {
                    merge_map(dm, sm, overwrite, depth + 1)?;
                }
                // A non-empty dst map (checked after merging into it) keeps
                // its identity.
                if let Some(dv @ V::Map(_)) = &d
                    && !is_empty(dv)
                {
                    continue;
                }
            }
            V::List(_) | V::Bytes(_) => {
                // mergo stores a slice first: src's when overwriting or
                // when dst is empty, else dst's own value (a fresh empty
                // slice of src's type when dst has none).
                let dst_empty = dst.entries.borrow().is_empty();
                let (val, ty) = if overwrite || dst_empty {
                    (s.clone(), s.type_name())
                } else {
                    match &d {
                        Some(dv) if !dv.is_nil() => (dv.clone(), dv.type_name()),
                        _ => (empty_like(&s), s.type_name()),
                    }
                };
                set_index(dst, &key, val, &ty)?;
                if let Some(dv) = &d
                    && !is_empty(dv)
                {
                    continue;
                }
            }
            _ => {}
        }
        let replace = overwrite || d.as_ref().is_none_or(is_empty);
        if replace {
            set_index(dst, &key, s, src_ty)?;
        }
    }
    Ok(())
}

/// An empty slice of the same Go type.
fn empty_like(v: &V) -> V {
    match v {
        V::List(l) => V::List(Rc::new(super::super::value::ListV {
            items: Vec::new(),
            elem: l.elem,
        })),
        V::Bytes(_) => V::Bytes(Rc::from(&[][..])),
        other => other.clone(),
    }
}

// ---------------------------------------------------------------------------

fn deep_copy(args: &[V]) -> Result<V, String> {
    match arg(args, 0) {
        V::Nil => Err("reflect: call of reflect.Value.Type on zero Value".into()),
        v => copy_value(v, 0),
    }
}

fn copy_value(v: &V, depth: usize) -> Result<V, String> {
    if depth > MAX_DEPTH {
        return Err(TOO_DEEP.into());
    }
    Ok(match v {
        V::List(l) => V::List(Rc::new(super::super::value::ListV {
            items: l
                .items
                .iter()
                .map(|x| copy_value(x, depth + 1))
                .collect::<Result<_, _>>()?,
            elem: l.elem,
        })),
        V::Map(m) => {
            let entries = m
                .entries
                .borrow()
                .iter()
                .map(|(k, x)| Ok((k.clone(), copy_value(x, depth + 1)?)))
                .collect::<Result<BTreeMap<_, _>, String>>()?;
            V::Map(Rc::new(MapV {
                entries: RefCell::new(entries),
                elem: m.elem,
            }))
        }
        V::Bytes(b) => V::Bytes(Rc::from(&b[..])),
        other => other.clone(),
    })
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
    fn b(x: bool) -> V {
        V::Bool(x)
    }
    fn l(items: Vec<V>) -> V {
        V::list(items)
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
    /// A `map[string]string` as `split` returns.
    fn sm(pairs: &[(&str, &str)]) -> V {
        V::str_map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }
    fn p(m: &V) -> String {
        m.go_string()
    }
    fn set(m: &V, k: &str, v: V) {
        call("set", &[m.clone(), s(k), v]).unwrap();
    }
    fn at(m: &V, k: &str) -> V {
        m.get(k).unwrap_or(V::Nil)
    }
    fn same(a: &V, b: &V) -> bool {
        matches!((a, b), (V::Map(x), V::Map(y)) if Rc::ptr_eq(x, y))
    }

    #[test]
    fn dict_cases() {
        assert_eq!(
            show("dict", &[s("a"), i(1), s("b"), s("x")]),
            "map[a:1 b:x]"
        );
        assert_eq!(show("dict", &[]), "map[]");
        assert_eq!(show("dict", &[s("a")]), "map[a:]");
        assert_eq!(show("dict", &[s("a"), i(1), s("b")]), "map[a:1 b:]");
        assert_eq!(type_of("dict", &[]), "map[string]interface {}");
        assert_eq!(
            show(
                "dict",
                &[i(1), i(2), V::Nil, i(3), f(1.5), i(4), b(true), i(5)]
            ),
            "map[1:2 1.5:4 <nil>:3 true:5]"
        );
        assert_eq!(show("dict", &[s("a"), i(1), s("a"), i(2)]), "map[a:2]");
    }

    #[test]
    fn get_set_unset_haskey() {
        assert_eq!(type_of("get", &[d(&[("a", s("b"))]), s("a")]), "string");
        assert_eq!(show("get", &[d(&[("a", i(1))]), s("a")]), "1");
        assert_eq!(show("get", &[d(&[("a", i(1))]), s("b")]), "");
        assert_eq!(type_of("get", &[d(&[("a", i(1))]), s("b")]), "string");
        assert_eq!(show("get", &[d(&[("a", V::Nil)]), s("a")]), "<no value>");
        assert_eq!(type_of("get", &[d(&[("a", V::Nil)]), s("a")]), "<nil>");
        assert_eq!(show("get", &[V::Nil, s("a")]), "");
        assert_eq!(type_of("get", &[V::Nil, s("a")]), "string");

        // `$e := $d`, `set $d "b" 2`: both names see the change.
        let dd = d(&[("a", i(1))]);
        let e = dd.clone();
        let r = call("set", &[dd.clone(), s("b"), i(2)]).unwrap();
        assert_eq!(p(&e), "map[a:1 b:2]");
        assert!(same(&r, &dd));
        assert_eq!(show("set", &[dd.clone(), s("c"), i(3)]), "map[a:1 b:2 c:3]");
        assert_eq!(
            type_of("set", &[dd.clone(), s("x"), i(1)]),
            "map[string]interface {}"
        );
        assert_eq!(
            show("set", &[V::Nil, s("a"), i(1)]),
            "ERR: assignment to entry in nil map"
        );

        // `.Values.m` seen again after `set` through a nested reference.
        let values = d(&[("m", d(&[("a", i(1)), ("b", d(&[("c", i(2))]))]))]);
        set(&at(&values, "m"), "a", i(9));
        assert_eq!(p(&at(&values, "m")), "map[a:9 b:map[c:2]]");
        let mb = at(&at(&values, "m"), "b");
        set(&mb, "d", i(4));
        assert_eq!(p(&at(&at(&values, "m"), "b")), "map[c:2 d:4]");
        set(&values, "newkey", s("v"));
        assert_eq!(show("get", &[values.clone(), s("newkey")]), "v");

        let dd = d(&[("a", i(1)), ("b", i(2))]);
        call("unset", &[dd.clone(), s("a")]).unwrap();
        assert_eq!(p(&dd), "map[b:2]");
        assert_eq!(show("unset", &[dd.clone(), s("zz")]), "map[b:2]");
        assert_eq!(show("unset", &[V::empty_map(), s("a")]), "map[]");
        assert_eq!(show("unset", &[V::Nil, s("a")]), "map[]");
        assert_eq!(
            type_of("unset", &[V::Nil, s("a")]),
            "map[string]interface {}"
        );
        assert!(same(&call("unset", &[dd.clone(), s("b")]).unwrap(), &dd));

        assert_eq!(show("hasKey", &[d(&[("a", V::Nil)]), s("a")]), "true");
        assert_eq!(show("hasKey", &[d(&[("a", i(1))]), s("b")]), "false");
        assert_eq!(show("hasKey", &[V::Nil, s("a")]), "false");
    }

    #[test]
    fn pluck_keys_values() {
        assert_eq!(
            show(
                "pluck",
                &[
                    s("a"),
                    d(&[("a", i(1))]),
                    d(&[("b", i(2))]),
                    d(&[("a", i(3))])
                ]
            ),
            "[1 3]"
        );
        assert_eq!(show("pluck", &[s("a")]), "[]");
        assert_eq!(type_of("pluck", &[s("a")]), "[]interface {}");
        assert_eq!(show("pluck", &[s("a"), d(&[("a", V::Nil)])]), "[<nil>]");
        assert_eq!(show("pluck", &[s("a"), V::Nil, d(&[("a", i(1))])]), "[1]");
        let self_map = V::empty_map();
        set(&self_map, "self", s("x"));
        assert_eq!(
            show("pluck", &[s("self"), self_map.clone(), self_map]),
            "[x x]"
        );

        assert_eq!(show("keys", &[d(&[("b", i(1)), ("a", i(2))])]), "[a b]");
        assert_eq!(type_of("keys", &[]), "[]string");
        assert_eq!(show("keys", &[]), "[]");
        assert_eq!(show("keys", &[V::empty_map()]), "[]");
        assert_eq!(
            show("keys", &[d(&[("a", i(1))]), d(&[("a", i(2))])]),
            "[a a]"
        );
        assert_eq!(show("keys", &[V::Nil]), "[]");
        // per map, in turn (not one global sort)
        assert_eq!(
            show("keys", &[d(&[("b", i(1))]), d(&[("a", i(2))])]),
            "[b a]"
        );

        assert_eq!(show("values", &[d(&[("a", i(1))])]), "[1]");
        assert_eq!(type_of("values", &[V::empty_map()]), "[]interface {}");
        assert_eq!(show("values", &[V::empty_map()]), "[]");
        assert_eq!(show("values", &[V::Nil]), "[]");
        assert_eq!(
            show("values", &[d(&[("b", i(2)), ("a", i(1)), ("c", i(3))])]),
            "[1 2 3]"
        );
    }

    #[test]
    fn pick_omit() {
        let abc = d(&[("a", i(1)), ("b", i(2)), ("c", i(3))]);
        assert_eq!(
            show("pick", &[abc.clone(), s("a"), s("c"), s("z")]),
            "map[a:1 c:3]"
        );
        assert_eq!(show("pick", &[d(&[("a", i(1))])]), "map[]");
        assert_eq!(show("pick", &[V::Nil, s("a")]), "map[]");
        assert_eq!(
            type_of("pick", &[V::empty_map()]),
            "map[string]interface {}"
        );
        assert_eq!(
            show("omit", &[abc.clone(), s("a"), s("c"), s("z")]),
            "map[b:2]"
        );
        assert_eq!(show("omit", &[d(&[("a", i(1))])]), "map[a:1]");
        assert_eq!(show("omit", &[V::Nil, s("a")]), "map[]");
        // pick makes a new map ...
        let src = d(&[("a", i(1))]);
        let picked = call("pick", &[src.clone(), s("a")]).unwrap();
        set(&picked, "a", i(2));
        assert_eq!(p(&src), "map[a:1]");
        // ... whose values are shared
        let src = d(&[("a", d(&[("x", i(1))]))]);
        let picked = call("pick", &[src.clone(), s("a")]).unwrap();
        set(&at(&picked, "a"), "x", i(2));
        assert_eq!(p(&src), "map[a:map[x:2]]");
        let omitted = call("omit", &[src.clone(), s("zz")]).unwrap();
        set(&omitted, "new", i(1));
        assert_eq!(p(&src), "map[a:map[x:2]]");
        set(&at(&omitted, "a"), "x", i(3));
        assert_eq!(p(&src), "map[a:map[x:3]]");
    }

    #[test]
    fn dig_cases() {
        let nested = d(&[("a", d(&[("b", i(1))]))]);
        assert_eq!(
            show("dig", &[s("a"), s("b"), s("def"), nested.clone()]),
            "1"
        );
        assert_eq!(
            show("dig", &[s("a"), s("c"), s("def"), nested.clone()]),
            "def"
        );
        assert_eq!(show("dig", &[s("x"), s("def"), d(&[("a", i(1))])]), "def");
        assert_eq!(
            show("dig", &[s("a"), s("def"), d(&[("a", V::Nil)])]),
            "<no value>"
        );
        assert_eq!(show("dig", &[s("a"), s("x"), nested.clone()]), "map[b:1]");
        assert_eq!(
            type_of("dig", &[s("a"), s("x"), nested.clone()]),
            "map[string]interface {}"
        );
        assert_eq!(
            show("dig", &[s("a"), s("b"), s("def"), d(&[("a", V::Nil)])]),
            "ERR: interface conversion: interface {} is nil, not map[string]interface {}"
        );
        assert_eq!(
            show("dig", &[s("a"), s("b"), s("def"), d(&[("a", i(1))])]),
            "ERR: interface conversion: interface {} is int, not map[string]interface {}"
        );
        assert_eq!(
            show("dig", &[s("a"), V::empty_map()]),
            "ERR: dig needs at least three arguments"
        );
        assert_eq!(
            show("dig", &[i(1), s("d"), V::empty_map()]),
            "ERR: interface conversion: interface {} is int, not string"
        );
        assert_eq!(
            show("dig", &[s("a"), s("d"), s("x")]),
            "ERR: interface conversion: interface {} is string, not map[string]interface {}"
        );
        assert_eq!(
            show("dig", &[s("a"), s("d"), V::Nil]),
            "ERR: interface conversion: interface {} is nil, not map[string]interface {}"
        );
        assert_eq!(
            show("dig", &[s("m"), s("b"), s("c"), i(0), d(&[("m", f(3.0))])]),
            "ERR: interface conversion: interface {} is float64, not map[string]interface {}"
        );
        assert_eq!(
            show("dig", &[s("a"), s("b"), s("d"), d(&[("a", strs(&["x"]))])]),
            "ERR: interface conversion: interface {} is []string, not map[string]interface {}"
        );
        assert_eq!(
            show(
                "dig",
                &[s("a"), s("b"), s("d"), d(&[("a", sm(&[("b", "x")]))])]
            ),
            "ERR: interface conversion: interface {} is map[string]string, not map[string]interface {}"
        );
        // a missing key stops the walk before any conversion
        assert_eq!(
            show("dig", &[s("q"), s("b"), s("d"), d(&[("a", i(1))])]),
            "d"
        );
    }

    #[test]
    fn merge_basics() {
        let m = |a: V, b: V| show("merge", &[a, b]);
        let mo = |a: V, b: V| show("mergeOverwrite", &[a, b]);
        assert_eq!(
            m(
                d(&[("a", i(1)), ("b", i(2))]),
                d(&[("b", i(3)), ("c", i(4))])
            ),
            "map[a:1 b:2 c:4]"
        );
        assert_eq!(
            mo(
                d(&[("a", i(1)), ("b", i(2))]),
                d(&[("b", i(3)), ("c", i(4))])
            ),
            "map[a:1 b:3 c:4]"
        );
        assert_eq!(show("merge", &[V::empty_map()]), "map[]");
        assert_eq!(
            type_of("merge", &[V::empty_map()]),
            "map[string]interface {}"
        );
        let empties = || {
            d(&[
                ("a", b(false)),
                ("b", i(0)),
                ("c", s("")),
                ("d", V::Nil),
                ("e", l(vec![])),
                ("f", V::empty_map()),
            ])
        };
        let fulls = || {
            d(&[
                ("a", b(true)),
                ("b", i(1)),
                ("c", s("x")),
                ("d", s("y")),
                ("e", l(vec![i(1)])),
                ("f", d(&[("q", i(1))])),
            ])
        };
        let full_text = "map[a:true b:1 c:x d:y e:[1] f:map[q:1]]";
        assert_eq!(m(empties(), fulls()), full_text);
        assert_eq!(m(fulls(), empties()), full_text);
        assert_eq!(
            mo(fulls(), empties()),
            "map[a:false b:0 c: d:<nil> e:[] f:map[q:1]]"
        );
        assert_eq!(mo(empties(), fulls()), full_text);
        assert_eq!(m(d(&[("a", i(1))]), d(&[("b", i(2))])), "map[a:1 b:2]");
        assert_eq!(
            show(
                "merge",
                &[
                    d(&[("a", i(1))]),
                    d(&[("b", i(2))]),
                    d(&[("b", i(3)), ("c", i(4))])
                ]
            ),
            "map[a:1 b:2 c:4]"
        );
        assert_eq!(
            show(
                "mergeOverwrite",
                &[
                    d(&[("a", i(1))]),
                    d(&[("b", i(2))]),
                    d(&[("b", i(3)), ("c", i(4))])
                ]
            ),
            "map[a:1 b:3 c:4]"
        );
        assert_eq!(
            show(
                "mustMergeOverwrite",
                &[d(&[("a", i(1))]), d(&[("a", i(2))])]
            ),
            "map[a:2]"
        );
        assert_eq!(show("mustMerge", &[V::Nil, d(&[("a", i(1))])]), "map[a:1]");
    }

    #[test]
    fn merge_nested() {
        let m = |a: V, b: V| show("merge", &[a, b]);
        let mo = |a: V, b: V| show("mergeOverwrite", &[a, b]);
        let dst = || d(&[("a", d(&[("x", i(1)), ("y", d(&[("p", i(1))]))]))]);
        let src = || {
            d(&[(
                "a",
                d(&[
                    ("x", i(2)),
                    ("z", i(3)),
                    ("y", d(&[("p", i(2)), ("q", i(3))])),
                ]),
            )])
        };
        assert_eq!(m(dst(), src()), "map[a:map[x:1 y:map[p:1 q:3] z:3]]");
        assert_eq!(mo(dst(), src()), "map[a:map[x:2 y:map[p:2 q:3] z:3]]");
        let xm = || d(&[("x", i(1))]);
        assert_eq!(m(d(&[("a", s("str"))]), d(&[("a", xm())])), "map[a:str]");
        assert_eq!(
            mo(d(&[("a", s("str"))]), d(&[("a", xm())])),
            "map[a:map[x:1]]"
        );
        assert_eq!(
            m(d(&[("a", xm())]), d(&[("a", s("str"))])),
            "map[a:map[x:1]]"
        );
        assert_eq!(mo(d(&[("a", xm())]), d(&[("a", s("str"))])), "map[a:str]");
        let l12 = || l(vec![i(1), i(2)]);
        let l3 = || l(vec![i(3)]);
        assert_eq!(m(d(&[("a", l12())]), d(&[("a", l3())])), "map[a:[1 2]]");
        assert_eq!(mo(d(&[("a", l12())]), d(&[("a", l3())])), "map[a:[3]]");
        assert_eq!(m(d(&[("a", s("s"))]), d(&[("a", l3())])), "map[a:s]");
        assert_eq!(mo(d(&[("a", s("s"))]), d(&[("a", l3())])), "map[a:[3]]");
        assert_eq!(
            m(d(&[("a", l(vec![i(1)]))]), d(&[("a", s("s"))])),
            "map[a:[1]]"
        );
        assert_eq!(
            mo(d(&[("a", l(vec![i(1)]))]), d(&[("a", s("s"))])),
            "map[a:s]"
        );
        assert_eq!(mo(d(&[("a", i(1))]), d(&[("a", V::Nil)])), "map[a:<nil>]");
        assert_eq!(m(d(&[("a", i(1))]), d(&[("a", V::Nil)])), "map[a:1]");
        assert_eq!(m(V::empty_map(), d(&[("a", V::Nil)])), "map[]");
        let merged = call("merge", &[V::empty_map(), d(&[("a", V::Nil)])]).unwrap();
        assert_eq!(show("hasKey", &[merged, s("a")]), "false");
        let merged = call("mergeOverwrite", &[V::empty_map(), d(&[("a", V::Nil)])]).unwrap();
        assert_eq!(show("hasKey", &[merged, s("a")]), "true");
        assert_eq!(
            m(
                d(&[("a", d(&[("b", d(&[("c", i(1)), ("d", b(false))]))]))]),
                d(&[(
                    "a",
                    d(&[("b", d(&[("c", i(2)), ("d", b(true)), ("e", i(3))]))])
                )])
            ),
            "map[a:map[b:map[c:1 d:true e:3]]]"
        );
        assert_eq!(
            mo(
                d(&[("a", d(&[("b", d(&[("c", i(1)), ("d", b(true))]))]))]),
                d(&[(
                    "a",
                    d(&[("b", d(&[("c", i(2)), ("d", b(false)), ("e", i(3))]))])
                )])
            ),
            "map[a:map[b:map[c:2 d:false e:3]]]"
        );
        assert_eq!(
            m(d(&[("a", V::empty_map())]), d(&[("a", V::empty_map())])),
            "map[a:map[]]"
        );
        assert_eq!(
            m(d(&[("a", xm())]), d(&[("a", V::empty_map())])),
            "map[a:map[x:1]]"
        );
        assert_eq!(
            mo(d(&[("a", xm())]), d(&[("a", V::empty_map())])),
            "map[a:map[x:1]]"
        );
        assert_eq!(m(d(&[("a", V::Nil)]), d(&[("a", xm())])), "map[a:map[x:1]]");
        assert_eq!(m(d(&[("a", i(0))]), d(&[("a", xm())])), "map[a:map[x:1]]");
        assert_eq!(m(d(&[("a", i(5))]), d(&[("a", xm())])), "map[a:5]");
        let x = d(&[("a", i(1))]);
        assert_eq!(show("merge", &[x.clone(), x]), "map[a:1]");
    }

    #[test]
    fn merge_nil_dst_and_src() {
        assert_eq!(show("merge", &[V::Nil, d(&[("a", i(1))])]), "map[a:1]");
        assert_eq!(
            type_of("merge", &[V::Nil, d(&[("a", i(1))])]),
            "map[string]interface {}"
        );
        assert_eq!(show("merge", &[d(&[("a", i(1))]), V::Nil]), "map[a:1]");
        assert_eq!(show("merge", &[V::Nil]), "map[]");
        assert_eq!(type_of("merge", &[V::Nil]), "map[string]interface {}");
        assert_eq!(
            show("mergeOverwrite", &[V::Nil, d(&[("a", i(1))])]),
            "map[a:1]"
        );
        assert_eq!(show("mustMerge", &[V::Nil]), "map[]");
    }

    #[test]
    fn merge_mutates_and_shares() {
        // dst is changed in place and returned
        let dd = d(&[("a", i(1))]);
        let r = call("merge", &[dd.clone(), d(&[("b", i(2))])]).unwrap();
        assert_eq!(p(&dd), "map[a:1 b:2]");
        assert!(same(&r, &dd));
        let e = d(&[("x", i(1))]);
        call("mergeOverwrite", &[e.clone(), d(&[("x", i(2))])]).unwrap();
        assert_eq!(p(&e), "map[x:2]");

        // a src sub-map copied into dst is the same map afterwards
        for dst in [V::empty_map(), d(&[("k", i(1))])] {
            let src = d(&[("n", d(&[("x", i(1))]))]);
            let out = call("merge", &[dst, src.clone()]).unwrap();
            set(&at(&out, "n"), "y", i(2));
            assert_eq!(p(&src), "map[n:map[x:1 y:2]]");
        }
        // ... but merging into a dst sub-map that ends up non-empty keeps dst's
        for name in ["merge", "mergeOverwrite"] {
            let src = d(&[("n", d(&[("x", i(1))]))]);
            let out = call(name, &[d(&[("n", V::empty_map())]), src.clone()]).unwrap();
            set(&at(&out, "n"), "y", i(2));
            assert_eq!(p(&src), "map[n:map[x:1]]", "{name}");
        }
        // an empty src sub-map replaces an empty dst one
        let src = d(&[("n", V::empty_map())]);
        let out = call("merge", &[d(&[("n", V::empty_map())]), src.clone()]).unwrap();
        set(&at(&out, "n"), "y", i(2));
        assert_eq!(p(&src), "map[n:map[y:2]]");
        let src = d(&[("n", V::empty_map())]);
        let dn = V::empty_map();
        let out = call(
            "merge",
            &[d(&[("n", dn.clone()), ("k", i(1))]), src.clone()],
        )
        .unwrap();
        set(&at(&out, "n"), "y", i(2));
        assert_eq!(p(&src), "map[n:map[y:2]]");
        assert_eq!(p(&dn), "map[]");
        // a non-empty dst sub-map is merged into, in place
        let src = d(&[("n", d(&[("x", i(1))]))]);
        let dn = d(&[("z", i(0))]);
        let out = call("merge", &[d(&[("n", dn.clone())]), src.clone()]).unwrap();
        set(&at(&out, "n"), "y", i(2));
        assert_eq!(p(&src), "map[n:map[x:1]]");
        assert_eq!(p(&dn), "map[x:1 y:2 z:0]");
        // merging .Values-like nested maps changes them for everyone
        let values = d(&[("cfg", d(&[("a", i(1))]))]);
        let cfg = at(&values, "cfg");
        call("mergeOverwrite", &[cfg, d(&[("a", i(2)), ("b", i(3))])]).unwrap();
        assert_eq!(p(&values), "map[cfg:map[a:2 b:3]]");
    }

    #[test]
    fn merge_into_string_maps() {
        let m = |a: V, b: V| show("merge", &[a, b]);
        assert_eq!(
            m(
                d(&[("a", d(&[("x", i(1))]))]),
                d(&[("a", sm(&[("_0", "p"), ("_1", "q")]))])
            ),
            "map[a:map[_0:p _1:q x:1]]"
        );
        let bad = "ERR: reflect.Value.SetMapIndex: value of type interface {} is not assignable to type string";
        assert_eq!(
            m(
                d(&[("a", sm(&[("_0", "p"), ("_1", "q")]))]),
                d(&[("a", d(&[("x", i(1))]))])
            ),
            bad
        );
        assert_eq!(
            show(
                "mergeOverwrite",
                &[
                    d(&[("a", sm(&[("_0", "p"), ("_1", "q")]))]),
                    d(&[("a", d(&[("_0", i(1))]))])
                ]
            ),
            bad
        );
        assert_eq!(
            show(
                "mergeOverwrite",
                &[
                    d(&[("a", sm(&[("_0", "p"), ("_1", "q")]))]),
                    d(&[("a", d(&[("_0", s("z"))]))])
                ]
            ),
            bad
        );
        assert_eq!(
            m(
                d(&[("a", sm(&[("_0", "p"), ("_1", "q")]))]),
                d(&[("a", d(&[("_0", s("z"))]))])
            ),
            "map[a:map[_0:p _1:q]]"
        );
        assert_eq!(
            m(
                d(&[("a", sm(&[("_0", "p"), ("_1", ""), ("_2", "q")]))]),
                d(&[("a", d(&[("_1", s("z"))]))])
            ),
            bad
        );
        assert_eq!(
            m(
                d(&[("a", sm(&[("_0", "p"), ("_1", "q")]))]),
                d(&[("a", d(&[("x", s("z"))]))])
            ),
            bad
        );
        assert_eq!(
            m(d(&[("a", strs(&["x"]))]), d(&[("a", d(&[("b", i(1))]))])),
            "map[a:[x]]"
        );
    }

    /// Merges, then sets `zz: 1` in every map value of the result and
    /// prints result, dst and each src (as the oracle template did).
    fn merge_probe(name: &str, dst: V, srcs: &[V]) -> String {
        let mut args = vec![dst.clone()];
        args.extend(srcs.iter().cloned());
        let r = call(name, &args).unwrap();
        let mut out = format!("{}|{}", p(&r), p(&dst));
        if let V::Map(m) = &r {
            let vals: Vec<V> = m.entries.borrow().values().cloned().collect();
            for v in vals {
                if matches!(v, V::Map(_)) {
                    set(&v, "zz", i(1));
                }
            }
        }
        for src in srcs {
            out.push('|');
            out.push_str(&p(src));
        }
        out
    }

    #[test]
    fn merge_random_cases_from_oracle() {
        assert_eq!(
            merge_probe(
                "merge",
                d(&[("a", b(true)), ("b", V::empty_map()), ("c", l(vec![i(1)]))]),
                &[
                    d(&[("c", V::Nil), ("b", V::empty_map())]),
                    d(&[("b", V::Nil)])
                ]
            ),
            "map[a:true b:map[] c:[1]]|map[a:true b:map[] c:[1]]|map[b:map[zz:1] c:<nil>]|map[b:<nil>]"
        );
        assert_eq!(
            merge_probe(
                "mergeOverwrite",
                d(&[("a", l(vec![i(2), i(3)]))]),
                &[
                    d(&[
                        ("c", d(&[("b", s("x"))])),
                        ("b", l(vec![i(2), i(3)])),
                        ("a", d(&[("a", V::empty_map()), ("c", b(false))])),
                    ]),
                    d(&[("b", b(true))]),
                ]
            ),
            "map[a:map[a:map[] c:false] b:true c:map[b:x]]|map[a:map[a:map[] c:false] b:true c:map[b:x]]|map[a:map[a:map[] c:false zz:1] b:[2 3] c:map[b:x zz:1]]|map[b:true]"
        );
        assert_eq!(
            merge_probe(
                "merge",
                V::empty_map(),
                &[
                    d(&[
                        ("c", d(&[("c", l(vec![i(1)]))])),
                        ("a", d(&[("c", d(&[("a", l(vec![]))])), ("b", l(vec![]))])),
                    ]),
                    V::empty_map(),
                ]
            ),
            "map[a:map[b:[] c:map[a:[]]] c:map[c:[1]]]|map[a:map[b:[] c:map[a:[]]] c:map[c:[1]]]|map[a:map[b:[] c:map[a:[]] zz:1] c:map[c:[1] zz:1]]|map[]"
        );
        assert_eq!(
            merge_probe(
                "mergeOverwrite",
                d(&[("a", d(&[("a", i(2))])), ("b", s("x")), ("c", i(2))]),
                &[
                    d(&[("b", b(false))]),
                    d(&[
                        (
                            "b",
                            d(&[
                                ("c", d(&[("b", b(false))])),
                                ("b", V::empty_map()),
                                ("a", i(0)),
                            ])
                        ),
                        ("a", d(&[("b", s("")), ("a", s("x"))])),
                        ("c", V::empty_map()),
                    ]),
                ]
            ),
            "map[a:map[a:x b:] b:map[a:0 b:map[] c:map[b:false]] c:map[]]|map[a:map[a:x b:] b:map[a:0 b:map[] c:map[b:false]] c:map[]]|map[b:false]|map[a:map[a:x b:] b:map[a:0 b:map[] c:map[b:false] zz:1] c:map[zz:1]]"
        );
    }

    #[test]
    fn deep_copy_cases() {
        let v = d(&[("a", l(vec![i(1), d(&[("b", i(2))])]))]);
        assert_eq!(show("deepCopy", &[v]), "map[a:[1 map[b:2]]]");
        assert_eq!(type_of("deepCopy", &[l(vec![])]), "[]interface {}");
        assert_eq!(show("deepCopy", &[f(1.5)]), "1.5");
        assert_eq!(type_of("deepCopy", &[strs(&["a"])]), "[]string");
        assert_eq!(
            type_of("deepCopy", &[V::empty_map()]),
            "map[string]interface {}"
        );
        assert_eq!(type_of("deepCopy", &[V::Int64(1)]), "int64");
        assert_eq!(
            type_of("deepCopy", &[sm(&[("a", "b")])]),
            "map[string]string"
        );
        let zero = "ERR: reflect: call of reflect.Value.Type on zero Value";
        assert_eq!(show("deepCopy", &[V::Nil]), zero);
        assert_eq!(show("mustDeepCopy", &[V::Nil]), zero);
        assert_eq!(show("mustDeepCopy", &[d(&[("a", i(1))])]), "map[a:1]");
        // the copy is independent at every level
        let orig = d(&[("a", d(&[("b", i(1))]))]);
        let c = call("deepCopy", std::slice::from_ref(&orig)).unwrap();
        set(&at(&c, "a"), "b", i(2));
        assert_eq!(p(&orig), "map[a:map[b:1]]");
        assert_eq!(p(&c), "map[a:map[b:2]]");
        let orig = l(vec![d(&[("a", i(1))])]);
        let c = call("deepCopy", std::slice::from_ref(&orig)).unwrap();
        if let V::List(cl) = &c {
            set(&cl.items[0], "a", i(2));
        }
        assert_eq!(p(&orig), "[map[a:1]]");
        assert_eq!(p(&c), "[map[a:2]]");
    }

    #[test]
    fn cyclic_maps_do_not_overflow() {
        let m = V::empty_map();
        set(&m, "self", m.clone());
        assert!(call("deepCopy", std::slice::from_ref(&m)).is_err());
        assert!(call("merge", &[m.clone(), m.clone()]).is_err());
        // break the cycle so the Rc can be freed
        call("unset", &[m, s("self")]).unwrap();
    }
}
