//! Sprig's `semver` and `semverCompare`, on top of the Masterminds-exact
//! [`crate::constraint`] module.
//!
//! `semver` returns a `*semver.Version` object with Masterminds' fields and
//! methods. Methods with value receivers (`IncPatch`, `SetPrerelease`, ...)
//! return a `semver.Version` value, on which Go cannot call the
//! pointer-receiver methods (`Original`, `LessThan`, `Compare`, ...), so
//! neither can templates here.

use std::any::Any;
use std::cmp::Ordering;
use std::rc::Rc;

use super::super::value::{Object, V};
use super::{FuncDef, Ty, def};
use crate::constraint::{Constraints, Version};
use crate::values::Value;

pub static FUNCS: &[FuncDef] = &[
    def("semver", &[Ty::Str], None, semver),
    def("semverCompare", &[Ty::Str, Ty::Str], None, semver_compare),
];

/// A Masterminds version as a template object.
#[derive(Debug, Clone)]
pub struct SemverObj {
    pub version: Version,
    /// `*semver.Version` (true) or a `semver.Version` value (false).
    pub ptr: bool,
}

impl SemverObj {
    fn value(version: Version) -> V {
        V::Object(Rc::new(SemverObj {
            version,
            ptr: false,
        }))
    }
}

/// The `*semver.Version` inside an argument.
fn version_arg(v: &V) -> Result<&Version, String> {
    if let V::Object(o) = v
        && let Some(s) = o.as_any().downcast_ref::<SemverObj>()
        && s.ptr
    {
        return Ok(&s.version);
    }
    Err(format!(
        "wrong type for value; expected *semver.Version; got {}",
        v.type_name()
    ))
}

impl Object for SemverObj {
    fn type_name(&self) -> String {
        if self.ptr {
            "*semver.Version".into()
        } else {
            "semver.Version".into()
        }
    }
    fn kind_name(&self) -> &'static str {
        if self.ptr { "ptr" } else { "struct" }
    }
    fn field(&self, name: &str) -> Option<V> {
        let v = &self.version;
        Some(match name {
            "Major" => V::Uint(v.major()),
            "Minor" => V::Uint(v.minor()),
            "Patch" => V::Uint(v.patch()),
            "Prerelease" => V::str(v.prerelease()),
            "Metadata" => V::str(v.metadata()),
            "String" | "Value" => V::str(v.to_string()),
            "Original" if self.ptr => V::str(v.original()),
            "MarshalJSON" => V::Bytes(Rc::from(format!("\"{v}\"").into_bytes())),
            "MarshalText" => V::Bytes(Rc::from(v.to_string().into_bytes())),
            _ => return None,
        })
    }
    fn has_method(&self, name: &str) -> bool {
        match name {
            "IncPatch" | "IncMinor" | "IncMajor" | "SetPrerelease" | "SetMetadata" => true,
            "LessThan" | "LessThanEqual" | "GreaterThan" | "GreaterThanEqual" | "Equal"
            | "Compare" => self.ptr,
            _ => false,
        }
    }
    fn method_sig(&self, name: &str) -> Option<(&'static [Ty], Option<Ty>)> {
        if !self.has_method(name) {
            return None;
        }
        Some(match name {
            "IncPatch" | "IncMinor" | "IncMajor" => (&[], None),
            "SetPrerelease" | "SetMetadata" => (&[Ty::Str], None),
            _ => (&[Ty::Any], None),
        })
    }
    fn call(&self, name: &str, args: &[V]) -> Option<Result<V, String>> {
        if !self.has_method(name) {
            return None;
        }
        let want = usize::from(!name.starts_with("Inc"));
        if args.len() != want {
            return Some(Err(format!(
                "wrong number of args for {name}: want {want} got {}",
                args.len()
            )));
        }
        let v = &self.version;
        Some(match name {
            "IncPatch" => v
                .inc_patch()
                .map(SemverObj::value)
                .map_err(|e| e.to_string()),
            "IncMinor" => v
                .inc_minor()
                .map(SemverObj::value)
                .map_err(|e| e.to_string()),
            "IncMajor" => v
                .inc_major()
                .map(SemverObj::value)
                .map_err(|e| e.to_string()),
            "SetPrerelease" | "SetMetadata" => match &args[0] {
                V::Str(s) => if name == "SetPrerelease" {
                    v.set_prerelease(s)
                } else {
                    v.set_metadata(s)
                }
                .map(SemverObj::value)
                .map_err(|e| e.to_string()),
                other => Err(format!(
                    "wrong type for value; expected string; got {}",
                    other.type_name()
                )),
            },
            _ => version_arg(&args[0]).map(|o| {
                let ord = v.cmp(o);
                match name {
                    "LessThan" => V::Bool(ord == Ordering::Less),
                    "LessThanEqual" => V::Bool(ord != Ordering::Greater),
                    "GreaterThan" => V::Bool(ord == Ordering::Greater),
                    "GreaterThanEqual" => V::Bool(ord != Ordering::Less),
                    "Equal" => V::Bool(ord == Ordering::Equal),
                    _ => V::Int(match ord {
                        Ordering::Less => -1,
                        Ordering::Equal => 0,
                        Ordering::Greater => 1,
                    }),
                }
            }),
        })
    }
    fn go_string(&self) -> String {
        self.version.to_string()
    }
    fn to_value(&self) -> Value {
        Value::String(self.version.to_string())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn str_arg(args: &[V], i: usize) -> &str {
    args.get(i).and_then(V::as_str).unwrap_or("")
}

fn semver(args: &[V]) -> Result<V, String> {
    let version = Version::parse_loose(str_arg(args, 0)).map_err(|e| e.to_string())?;
    Ok(V::Object(Rc::new(SemverObj { version, ptr: true })))
}

fn semver_compare(args: &[V]) -> Result<V, String> {
    let c = Constraints::parse(str_arg(args, 0)).map_err(|e| e.to_string())?;
    let v = Version::parse_loose(str_arg(args, 1)).map_err(|e| e.to_string())?;
    Ok(V::Bool(c.check(&v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: &[V]) -> Result<V, String> {
        let f = FUNCS.iter().find(|f| f.name == name).expect(name);
        (f.f)(args)
    }

    fn sv(s: &str) -> V {
        call("semver", &[V::str(s)]).unwrap()
    }

    fn obj(v: &V) -> &Rc<dyn Object> {
        match v {
            V::Object(o) => o,
            _ => panic!("not an object"),
        }
    }

    fn field(v: &V, name: &str) -> String {
        obj(v).field(name).expect(name).go_string()
    }

    fn method(v: &V, name: &str, args: &[V]) -> Result<String, String> {
        obj(v).call(name, args).expect(name).map(|x| x.go_string())
    }

    fn err(name: &str, args: &[V]) -> String {
        call(name, args).unwrap_err()
    }

    #[test]
    fn versions() {
        let v = sv("1.2.3-beta.1+build5");
        assert_eq!(v.go_string(), "1.2.3-beta.1+build5");
        assert_eq!(sv("v1.2").go_string(), "1.2.0");
        assert_eq!(field(&sv("v1.2"), "Original"), "v1.2");
        assert_eq!(v.type_name(), "*semver.Version");
        assert_eq!(v.kind_name(), "ptr");
        let b = sv("1.2.3-beta.1+b");
        let parts: Vec<String> = ["Major", "Minor", "Patch", "Prerelease", "Metadata"]
            .iter()
            .map(|f| field(&b, f))
            .collect();
        assert_eq!(parts.join(" "), "1 2 3 beta.1 b");
        assert_eq!(obj(&b).field("Major").unwrap().type_name(), "uint64");
        assert_eq!(field(&sv("v1.2.3"), "String"), "1.2.3");
        assert_eq!(field(&sv("1.2.3"), "Value"), "1.2.3");
        assert_eq!(field(&sv("1.2.3"), "MarshalJSON"), "[34 49 46 50 46 51 34]");
        assert_eq!(obj(&sv("1.2.3")).to_value(), Value::String("1.2.3".into()));
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            err("semver", &[V::str("bogus")]),
            "invalid semantic version"
        );
        assert_eq!(err("semver", &[V::str("")]), "invalid semantic version");
        assert_eq!(
            err("semver", &[V::str("1.2.3-01")]),
            "version segment starts with 0"
        );
        assert_eq!(
            err("semver", &[V::str("1.2.3+a..b")]),
            "invalid semantic version"
        );
        assert_eq!(
            err("semver", &[V::str("99999999999999999999.0.0")]),
            "error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range"
        );
    }

    #[test]
    fn comparisons() {
        let a = sv("1.2.3");
        let m = |name: &str, o: &str| method(&a, name, &[sv(o)]).unwrap();
        assert_eq!(m("LessThan", "1.2.4"), "true");
        assert_eq!(m("GreaterThan", "1.2.4"), "false");
        assert_eq!(m("Equal", "1.2.3+x"), "true");
        assert_eq!(m("Compare", "1.2.4"), "-1");
        assert_eq!(m("Compare", "1.2.3-rc1"), "1");
        assert_eq!(m("LessThanEqual", "1.2.3"), "true");
        assert_eq!(m("GreaterThanEqual", "1.2.4"), "false");
        assert_eq!(
            method(&a, "Compare", &[V::str("1.2.4")]).unwrap_err(),
            "wrong type for value; expected *semver.Version; got string"
        );
    }

    #[test]
    fn increments_and_setters() {
        let v = sv("v1.2.3-rc1+m");
        assert_eq!(method(&v, "IncPatch", &[]).unwrap(), "1.2.3");
        assert_eq!(method(&v, "IncMinor", &[]).unwrap(), "1.3.0");
        let major = obj(&v).call("IncMajor", &[]).unwrap().unwrap();
        assert_eq!(major.type_name(), "semver.Version");
        assert!(obj(&major).field("Original").is_none());
        assert!(obj(&major).call("LessThan", &[sv("1.0.0")]).is_none());
        let base = sv("1.2.3");
        assert_eq!(
            method(&base, "SetPrerelease", &[V::str("alpha")]).unwrap(),
            "1.2.3-alpha"
        );
        assert_eq!(
            method(&base, "SetPrerelease", &[V::str("01")]).unwrap_err(),
            "version segment starts with 0"
        );
        assert_eq!(
            method(&base, "SetMetadata", &[V::str("m.1")]).unwrap(),
            "1.2.3+m.1"
        );
        assert_eq!(
            method(&base, "LessThan", &[major]).unwrap_err(),
            "wrong type for value; expected *semver.Version; got semver.Version"
        );
    }

    #[test]
    fn constraints() {
        let c = |c: &str, v: &str| call("semverCompare", &[V::str(c), V::str(v)]);
        assert_eq!(c(">=1.2.0", "1.3.0"), Ok(V::Bool(true)));
        assert_eq!(c("^1.2", "2.0.0"), Ok(V::Bool(false)));
        assert_eq!(c(">=1.2.0", "1.3.0-beta"), Ok(V::Bool(false)));
        assert_eq!(c(">=1.2.0-0", "1.3.0-beta"), Ok(V::Bool(true)));
        assert_eq!(c("~1.2.3", "v1.2.9"), Ok(V::Bool(true)));
        assert_eq!(c(">= 1.2, < 2 || 3.x", "3.1.0"), Ok(V::Bool(true)));
        assert_eq!(
            c("bogus", "1.0.0"),
            Err("improper constraint: \"bogus\"".to_string())
        );
        assert_eq!(
            c(">1", "bogus"),
            Err("invalid semantic version".to_string())
        );
    }
}
