//! The function library: Go's builtins, Sprig and Helm's own functions,
//! one file per family. Every function declares its Go parameter types so
//! the executor can apply Go's argument rules (`wrong type for value;
//! expected string; got float64`) before calling it.

pub mod builtins;
pub mod cast;
pub mod crypto;
pub mod dates;
pub mod dicts;
pub mod lists;
pub mod logic;
pub mod math;
pub mod paths;
pub mod regex;
pub mod semver;
pub mod serialization;
pub mod strings;

use std::collections::HashMap;
use std::sync::LazyLock;

use super::value::V;

/// Go parameter types the executor checks and converts arguments to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `interface{}`: anything, nil included.
    Any,
    /// `string`
    Str,
    /// `int`
    Int,
    /// `int64`
    Int64,
    /// `float64`
    Float,
    /// `bool`
    Bool,
    /// `map[string]interface{}`
    Map,
    /// `[]interface{}`
    List,
    /// `[]string`
    StrList,
    /// `[]byte`
    Bytes,
}

impl Ty {
    pub fn go_name(self) -> &'static str {
        match self {
            Ty::Any => "interface {}",
            Ty::Str => "string",
            Ty::Int => "int",
            Ty::Int64 => "int64",
            Ty::Float => "float64",
            Ty::Bool => "bool",
            Ty::Map => "map[string]interface {}",
            Ty::List => "[]interface {}",
            Ty::StrList => "[]string",
            Ty::Bytes => "[]uint8",
        }
    }
}

/// A native function: receives arguments already checked against its
/// parameter types; an `Err` becomes `error calling NAME: MSG` (Go's text
/// for both returned errors and recovered panics).
pub type NativeFn = fn(&[V]) -> Result<V, String>;

pub struct FuncDef {
    pub name: &'static str,
    pub params: &'static [Ty],
    /// Type of the trailing variadic parameter, if any.
    pub variadic: Option<Ty>,
    pub f: NativeFn,
}

/// Shorthand for declaring a function.
pub const fn def(
    name: &'static str,
    params: &'static [Ty],
    variadic: Option<Ty>,
    f: NativeFn,
) -> FuncDef {
    FuncDef {
        name,
        params,
        variadic,
        f,
    }
}

/// Every native function by name (families registered in order; a later
/// family overrides an earlier one, as Helm overrides Sprig).
static REGISTRY: LazyLock<HashMap<&'static str, &'static FuncDef>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for family in FAMILIES {
        for f in family.iter() {
            m.insert(f.name, f);
        }
    }
    m
});

const FAMILIES: &[&[FuncDef]] = &[
    builtins::FUNCS,
    strings::FUNCS,
    regex::FUNCS,
    paths::FUNCS,
    lists::FUNCS,
    dicts::FUNCS,
    logic::FUNCS,
    math::FUNCS,
    dates::FUNCS,
    serialization::FUNCS,
    semver::FUNCS,
    crypto::FUNCS,
];

/// Looks up a native function.
pub fn lookup(name: &str) -> Option<&'static FuncDef> {
    REGISTRY.get(name).copied()
}
