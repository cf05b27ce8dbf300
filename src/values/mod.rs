//! Values: Helm's YAML semantics, the shared value model, coalescing,
//! `--set` parsing and schema validation.

pub mod coalesce;
pub mod gofmt;
pub mod value;
pub mod yaml;

pub use value::{Map, Value};

/// Helm's `MergeMaps(a, b)`: maps merge recursively, any other value in
/// `b` replaces the one in `a` (lists are replaced, not appended).
pub fn merge_maps(a: &mut Map, b: Map) {
    for (k, v) in b {
        match (a.get_mut(&k), v) {
            (Some(Value::Map(av)), Value::Map(bv)) => {
                merge_maps(
                    std::sync::Arc::make_mut(av),
                    std::sync::Arc::unwrap_or_clone(bv),
                );
            }
            (_, v) => {
                a.insert(k, v);
            }
        }
    }
}
