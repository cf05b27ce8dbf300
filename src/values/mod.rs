//! Values: Helm's YAML semantics, the shared value model, coalescing,
//! `--set` parsing and schema validation.

pub mod base64;
pub mod coalesce;
pub mod gofmt;
pub mod json;
pub mod options;
pub mod schema;
pub mod strvals;
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

/// The values a chart renders with, and the chart as its dependencies
/// leave it (disabled subcharts removed, aliases applied, imports merged).
#[derive(Clone, Debug)]
pub struct Computed {
    pub chart: crate::chart::Chart,
    pub values: Map,
    pub warnings: Vec<String>,
}

/// Why values could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum ComputeError {
    #[error(transparent)]
    Coalesce(#[from] coalesce::CoalesceError),
    #[error(transparent)]
    Schema(#[from] schema::SchemaError),
}

/// Computes the final values as Helm does before rendering: dependencies
/// processed against the user's `config`, then defaults coalesced under the
/// user's values, then every schema checked (unless `skip_schema`).
pub fn compute(
    chart: &crate::chart::Chart,
    config: &Map,
    skip_schema: bool,
) -> Result<Computed, ComputeError> {
    let mut chart = chart.clone();
    let mut warnings = Vec::new();
    crate::chart::dependency::process_dependencies(&mut chart, config, &mut warnings)?;
    let values = coalesce::coalesce_values(&chart, config, &mut warnings)?;
    if !skip_schema {
        schema::validate(&chart, &values)?;
    }
    Ok(Computed {
        chart,
        values,
        warnings,
    })
}
