//! Sprig's defaults and reflection family: `default`, `empty`, `coalesce`,
//! `all`, `any`, `ternary`, `deepEqual`, `typeOf`, `typeIs`, `typeIsLike`,
//! `kindOf`, `kindIs`. (`fail` and `required` are Helm's.)

use super::super::value::V;
use super::{FuncDef, Ty, def};

pub static FUNCS: &[FuncDef] = &[
    def("default", &[Ty::Any], Some(Ty::Any), default),
    def("empty", &[Ty::Any], None, empty_fn),
    def("coalesce", &[], Some(Ty::Any), coalesce),
    def("all", &[], Some(Ty::Any), all),
    def("any", &[], Some(Ty::Any), any),
    def("ternary", &[Ty::Any, Ty::Any, Ty::Bool], None, ternary),
    def("deepEqual", &[Ty::Any, Ty::Any], None, deep_equal),
    def("typeOf", &[Ty::Any], None, type_of),
    def("typeIs", &[Ty::Str, Ty::Any], None, type_is),
    def("typeIsLike", &[Ty::Str, Ty::Any], None, type_is_like),
    def("kindOf", &[Ty::Any], None, kind_of),
    def("kindIs", &[Ty::Str, Ty::Any], None, kind_is),
];

/// Sprig's `empty` (and mergo's `isEmptyValue`): nil, false, zero numbers,
/// and empty strings, slices and maps. Pointers and structs are never
/// empty; objects that are Go slices or maps are empty when they have no
/// elements.
pub fn is_empty(v: &V) -> bool {
    match v {
        V::Nil => true,
        V::Bool(b) => !b,
        V::Int(i) | V::Int64(i) => *i == 0,
        V::Uint(u) => *u == 0,
        V::Float(f) => *f == 0.0,
        V::Str(s) => s.is_empty(),
        V::Bytes(b) => b.is_empty(),
        V::List(l) => l.items.is_empty(),
        V::Map(m) => m.entries.borrow().is_empty(),
        V::Object(o) => match o.kind_name() {
            "slice" | "array" => o.as_list().is_some_and(|l| l.is_empty()),
            "map" => o.as_map().is_some_and(|m| m.is_empty()),
            _ => false,
        },
    }
}

/// `reflect.DeepEqual` (types must match: `1` and `int64 1` differ).
pub fn deep_equal_values(a: &V, b: &V) -> bool {
    a == b
}

const NIL: V = V::Nil;

fn arg(args: &[V], i: usize) -> &V {
    args.get(i).unwrap_or(&NIL)
}

fn str_arg(args: &[V], i: usize) -> &str {
    arg(args, i).as_str().unwrap_or("")
}

fn default(args: &[V]) -> Result<V, String> {
    match args.get(1) {
        Some(given) if !is_empty(given) => Ok(given.clone()),
        _ => Ok(arg(args, 0).clone()),
    }
}

fn empty_fn(args: &[V]) -> Result<V, String> {
    Ok(V::Bool(is_empty(arg(args, 0))))
}

fn coalesce(args: &[V]) -> Result<V, String> {
    Ok(args
        .iter()
        .find(|v| !is_empty(v))
        .cloned()
        .unwrap_or(V::Nil))
}

fn all(args: &[V]) -> Result<V, String> {
    Ok(V::Bool(args.iter().all(|v| !is_empty(v))))
}

fn any(args: &[V]) -> Result<V, String> {
    Ok(V::Bool(args.iter().any(|v| !is_empty(v))))
}

fn ternary(args: &[V]) -> Result<V, String> {
    let cond = matches!(args.get(2), Some(V::Bool(true)));
    Ok(arg(args, if cond { 0 } else { 1 }).clone())
}

fn deep_equal(args: &[V]) -> Result<V, String> {
    Ok(V::Bool(deep_equal_values(arg(args, 0), arg(args, 1))))
}

fn type_of(args: &[V]) -> Result<V, String> {
    Ok(V::str(arg(args, 0).type_name()))
}

fn type_is(args: &[V]) -> Result<V, String> {
    Ok(V::Bool(str_arg(args, 0) == arg(args, 1).type_name()))
}

fn type_is_like(args: &[V]) -> Result<V, String> {
    let target = str_arg(args, 0);
    let t = arg(args, 1).type_name();
    Ok(V::Bool(
        t == target || t.strip_prefix('*').is_some_and(|rest| rest == target),
    ))
}

fn kind_of(args: &[V]) -> Result<V, String> {
    Ok(V::str(arg(args, 0).kind_name()))
}

fn kind_is(args: &[V]) -> Result<V, String> {
    Ok(V::Bool(str_arg(args, 0) == arg(args, 1).kind_name()))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::rc::Rc;

    use super::super::super::value::{Elem, ListV, Object};
    use super::*;
    use crate::values::Value;

    fn call(name: &str, args: &[V]) -> Result<V, String> {
        let f = FUNCS
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no function {name}"));
        (f.f)(args)
    }

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
    fn b(x: bool) -> V {
        V::Bool(x)
    }
    fn l(items: Vec<V>) -> V {
        V::list(items)
    }
    fn d(pairs: &[(&str, V)]) -> V {
        V::map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }
    fn strs(items: &[&str]) -> V {
        V::str_list(items.iter().map(|x| x.to_string()).collect())
    }

    /// A pointer-to-struct object like `*semver.Version`.
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
            "1.0.0".into()
        }
        fn to_value(&self) -> Value {
            Value::String("1.0.0".into())
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    /// A named slice type like `common.VersionSet`.
    #[derive(Debug)]
    struct Set(Vec<&'static str>);
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
            format!("[{}]", self.0.join(" "))
        }
        fn to_value(&self) -> Value {
            Value::Null
        }
        fn as_list(&self) -> Option<Vec<V>> {
            Some(self.0.iter().map(V::str).collect())
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    fn ptr() -> V {
        V::Object(Rc::new(Ptr))
    }

    #[test]
    fn default_cases() {
        let dflt = |given: &[V]| {
            let mut a = vec![s("d")];
            a.extend_from_slice(given);
            show("default", &a)
        };
        assert_eq!(dflt(&[V::Nil]), "d");
        assert_eq!(dflt(&[s("")]), "d");
        assert_eq!(dflt(&[s("x")]), "x");
        assert_eq!(dflt(&[i(0)]), "d");
        assert_eq!(dflt(&[f(0.0)]), "d");
        assert_eq!(dflt(&[b(false)]), "d");
        assert_eq!(dflt(&[b(true)]), "true");
        assert_eq!(dflt(&[l(vec![])]), "d");
        assert_eq!(dflt(&[V::empty_map()]), "d");
        assert_eq!(dflt(&[]), "d");
        assert_eq!(dflt(&[s(""), s("x")]), "d");
        assert_eq!(dflt(&[s("y"), s("x")]), "y");
        assert_eq!(dflt(&[V::Int64(0)]), "d");
        assert_eq!(dflt(&[ptr()]), "1.0.0");
        assert_eq!(dflt(&[V::Object(Rc::new(Set(vec!["v1"])))]), "[v1]");
        assert!(matches!(call("default", &[i(1), i(0)]), Ok(V::Int(1))));
        assert!(matches!(call("default", &[V::Nil, V::Nil]), Ok(V::Nil)));
    }

    #[test]
    fn empty_cases() {
        let e = |v: V| show("empty", &[v]);
        assert_eq!(e(V::Nil), "true");
        assert_eq!(e(s("")), "true");
        assert_eq!(e(i(0)), "true");
        assert_eq!(e(f(0.0)), "true");
        assert_eq!(e(b(false)), "true");
        assert_eq!(e(l(vec![])), "true");
        assert_eq!(e(V::empty_map()), "true");
        assert_eq!(e(s("a")), "false");
        assert_eq!(e(i(1)), "false");
        assert_eq!(e(f(-0.0)), "true");
        assert_eq!(e(ptr()), "false");
        assert_eq!(e(l(vec![i(0)])), "false");
        assert_eq!(e(V::Bytes(Rc::from(&b""[..]))), "true");
        assert_eq!(e(d(&[("a", i(1))])), "false");
        assert_eq!(e(b(true)), "false");
        assert_eq!(e(V::Object(Rc::new(Set(vec![])))), "true");
        assert_eq!(e(V::Object(Rc::new(Set(vec!["v1"])))), "false");
        assert_eq!(e(f(f64::NAN)), "false");
        assert_eq!(e(V::Uint(0)), "true");
    }

    #[test]
    fn coalesce_all_any() {
        assert_eq!(
            show("coalesce", &[V::Nil, s(""), i(0), s("a"), s("b")]),
            "a"
        );
        assert!(matches!(call("coalesce", &[]), Ok(V::Nil)));
        assert!(matches!(call("coalesce", &[V::Nil, b(false)]), Ok(V::Nil)));
        assert_eq!(show("coalesce", &[i(0), f(1.5)]), "1.5");
        assert!(matches!(
            call("coalesce", &[i(0), V::Int64(2)]),
            Ok(V::Int64(2))
        ));
        assert_eq!(show("coalesce", &[V::Nil, V::Nil, s(""), s("abc")]), "abc");
        assert_eq!(show("all", &[]), "true");
        assert_eq!(show("all", &[i(1), s("a"), b(true)]), "true");
        assert_eq!(show("all", &[i(1), s("")]), "false");
        assert_eq!(show("any", &[]), "false");
        assert_eq!(show("any", &[i(0), s(""), V::Nil]), "false");
        assert_eq!(show("any", &[i(0), s("x")]), "true");
        assert_eq!(show("all", &[V::Nil]), "false");
        assert_eq!(show("all", &[i(1), l(vec![])]), "false");
        assert_eq!(show("any", &[d(&[("a", i(1))])]), "true");
        assert_eq!(show("all", &[ptr()]), "true");
    }

    #[test]
    fn ternary_cases() {
        assert_eq!(show("ternary", &[s("a"), s("b"), b(true)]), "a");
        assert_eq!(show("ternary", &[s("a"), s("b"), b(false)]), "b");
        assert!(matches!(
            call("ternary", &[i(1), V::Nil, b(false)]),
            Ok(V::Nil)
        ));
        assert!(matches!(
            call("ternary", &[i(1), i(2), b(true)]),
            Ok(V::Int(1))
        ));
    }

    #[test]
    fn deep_equal_cases() {
        let de = |a: V, b: V| show("deepEqual", &[a, b]);
        assert_eq!(de(i(1), i(1)), "true");
        assert_eq!(de(i(1), V::Int64(1)), "false");
        assert_eq!(de(i(1), f(1.0)), "false");
        assert_eq!(de(l(vec![i(1), i(2)]), l(vec![i(1), i(2)])), "true");
        assert_eq!(
            de(d(&[("a", l(vec![i(1)]))]), d(&[("a", l(vec![i(1)]))])),
            "true"
        );
        assert_eq!(de(V::Nil, V::Nil), "true");
        assert_eq!(de(l(vec![s("a")]), strs(&["a"])), "false");
        assert_eq!(de(s("a"), s("a")), "true");
        assert_eq!(de(l(vec![]), l(vec![])), "true");
        assert_eq!(de(V::Nil, l(vec![])), "false");
        assert_eq!(de(d(&[("a", i(1))]), d(&[("a", i(2))])), "false");
        assert_eq!(de(d(&[("a", i(1))]), d(&[("b", i(1))])), "false");
    }

    #[test]
    fn types_and_kinds() {
        let t = |v: V| show("typeOf", &[v]);
        assert_eq!(t(V::Nil), "<nil>");
        assert_eq!(t(i(1)), "int");
        assert_eq!(t(f(1.5)), "float64");
        assert_eq!(t(s("s")), "string");
        assert_eq!(t(b(true)), "bool");
        assert_eq!(t(V::empty_map()), "map[string]interface {}");
        assert_eq!(t(l(vec![])), "[]interface {}");
        assert_eq!(t(V::Int64(1)), "int64");
        assert_eq!(t(ptr()), "*semver.Version");
        assert_eq!(t(strs(&["a"])), "[]string");
        assert_eq!(
            t(V::List(Rc::new(ListV {
                items: vec![],
                elem: Elem::Int
            }))),
            "[]int"
        );
        assert_eq!(
            t(V::str_map(BTreeMap::from([("a".into(), "b".into())]))),
            "map[string]string"
        );
        let ti = |a: &str, v: V| show("typeIs", &[s(a), v]);
        assert_eq!(ti("int", i(1)), "true");
        assert_eq!(ti("string", i(1)), "false");
        assert_eq!(ti("<nil>", V::Nil), "true");
        assert_eq!(ti("semver.Version", ptr()), "false");
        let tl = |a: &str, v: V| show("typeIsLike", &[s(a), v]);
        assert_eq!(tl("semver.Version", ptr()), "true");
        assert_eq!(tl("*semver.Version", ptr()), "true");
        assert_eq!(tl("int", i(1)), "true");
        assert_eq!(tl("nt", i(1)), "false");
        let k = |v: V| show("kindOf", &[v]);
        assert_eq!(k(V::Nil), "invalid");
        assert_eq!(k(i(1)), "int");
        assert_eq!(k(f(1.5)), "float64");
        assert_eq!(k(s("s")), "string");
        assert_eq!(k(b(true)), "bool");
        assert_eq!(k(V::empty_map()), "map");
        assert_eq!(k(l(vec![])), "slice");
        assert_eq!(k(V::Int64(1)), "int64");
        assert_eq!(k(ptr()), "ptr");
        assert_eq!(k(V::Object(Rc::new(Set(vec![])))), "slice");
        let ki = |a: &str, v: V| show("kindIs", &[s(a), v]);
        assert_eq!(ki("int", i(1)), "true");
        assert_eq!(ki("map", V::empty_map()), "true");
        assert_eq!(ki("invalid", V::Nil), "true");
        assert_eq!(ki("slice", l(vec![])), "true");
        assert_eq!(ki("ptr", ptr()), "true");
        assert_eq!(ki("string", i(1)), "false");
    }
}
