//! `helm get manifest|values|notes|hooks|all`: parts of a stored release.

use super::list::{Format, json_line};
use crate::release::model::Release;
use crate::values::{Map, Value};

/// The user-supplied values, or (`all`) the chart defaults coalesced with
/// them.
pub fn values(rel: &Release, all: bool) -> Result<Map, String> {
    if !all {
        return Ok(rel.config.clone());
    }
    let Some(chart) = &rel.chart else {
        return Ok(rel.config.clone());
    };
    let mut warnings = Vec::new();
    crate::values::coalesce::coalesce_values(&chart.to_chart(), &rel.config, &mut warnings)
        .map_err(|e| e.to_string())
}

/// The values as YAML (Helm's `output.EncodeYAML`; no values is Go's nil
/// map, `null`).
pub fn values_yaml(rel: &Release, all: bool) -> Result<String, String> {
    Ok(yaml(&values(rel, all)?))
}

fn yaml(m: &Map) -> String {
    if m.is_empty() {
        return "null\n".to_string();
    }
    crate::values::yaml::to_yaml(&Value::from(m.clone()))
}

/// `helm get values` output.
pub fn render_values(rel: &Release, all: bool, format: Format) -> Result<String, String> {
    let map = values(rel, all)?;
    let vals = Value::from(map.clone());
    match format {
        Format::Table => {
            let head = if all {
                "COMPUTED VALUES:\n"
            } else {
                "USER-SUPPLIED VALUES:\n"
            };
            Ok(format!("{head}{}", yaml(&map)))
        }
        Format::Yaml => Ok(yaml(&map)),
        Format::Json => {
            let text = crate::values::json::to_json(&vals).map_err(|e| e.to_string())?;
            Ok(json_line(
                &serde_json::from_str(&text).map_err(|e| e.to_string())?,
            ))
        }
    }
}

/// `helm get manifest` output.
pub fn render_manifest(rel: &Release) -> String {
    format!("{}\n", rel.manifest)
}

/// `helm get notes` output.
pub fn render_notes(rel: &Release) -> String {
    match rel.info.as_ref().map(|i| i.notes.as_str()) {
        Some(n) if !n.is_empty() => format!("NOTES:\n{n}\n"),
        _ => String::new(),
    }
}

/// `helm get hooks` output.
pub fn render_hooks(rel: &Release) -> String {
    rel.hooks
        .iter()
        .map(|h| format!("---\n# Source: {}\n{}\n", h.path, h.manifest))
        .collect()
}

/// `helm get all` output (status with metadata, values, hooks, manifest).
pub fn render_all(rel: &Release) -> Result<String, String> {
    super::status::render(rel, Format::Table, true, true)
}
