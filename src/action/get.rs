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
        // Go's nil map: no user values encode as `null`.
        Format::Json if map.is_empty() && !all => Ok("null\n".into()),
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

/// `helm get metadata`: chart, release and apply-method facts.
pub fn metadata_json(rel: &Release) -> serde_json::Value {
    use serde_json::{Map as JMap, Value as J, json};
    let md = rel
        .chart
        .as_ref()
        .map(|c| c.metadata.clone())
        .unwrap_or_default();
    let mut o = JMap::new();
    o.insert("name".into(), J::String(rel.name.clone()));
    o.insert("chart".into(), J::String(md.name.clone()));
    o.insert("version".into(), J::String(md.version.clone()));
    o.insert("appVersion".into(), J::String(md.app_version.clone()));
    if let Some(a) = md.annotations.as_ref().filter(|a| !a.is_empty()) {
        o.insert("annotations".into(), json!(a));
    }
    if !rel.labels.is_empty() {
        o.insert("labels".into(), json!(rel.labels));
    }
    if !md.dependencies.is_empty() {
        let deps: Vec<J> = md
            .dependencies
            .iter()
            .map(|d| {
                let Some(d) = d else { return J::Null };
                let mut m = JMap::new();
                m.insert("name".into(), J::String(d.name.clone()));
                if !d.version.is_empty() {
                    m.insert("version".into(), J::String(d.version.clone()));
                }
                m.insert("repository".into(), J::String(d.repository.clone()));
                if !d.condition.is_empty() {
                    m.insert("condition".into(), J::String(d.condition.clone()));
                }
                if !d.tags.is_empty() {
                    m.insert("tags".into(), json!(d.tags));
                }
                if d.enabled {
                    m.insert("enabled".into(), J::Bool(true));
                }
                if !d.alias.is_empty() {
                    m.insert("alias".into(), J::String(d.alias.clone()));
                }
                J::Object(m)
            })
            .collect();
        o.insert("dependencies".into(), J::Array(deps));
    }
    let info = rel.info.clone().unwrap_or_default();
    o.insert("namespace".into(), J::String(rel.namespace.clone()));
    o.insert("revision".into(), json!(rel.version));
    o.insert("status".into(), J::String(info.status.as_str().into()));
    let deployed = info
        .last_deployed
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(|| "0001-01-01T00:00:00Z".into());
    o.insert("deployedAt".into(), J::String(deployed));
    if let Some(m) = rel.apply_method.as_ref().filter(|m| !m.is_empty()) {
        o.insert("applyMethod".into(), J::String(m.clone()));
    }
    J::Object(o)
}

/// Field order of `get metadata -o json` (Go struct order) for the
/// metadata and, within `dependencies`, for each dependency (`name`,
/// `version`, `repository`, `condition`, `tags`, `enabled`,
/// `import-values`, `alias`): one list consistent with both.
const METADATA_FIELDS: [&str; 18] = [
    "name",
    "chart",
    "version",
    "appVersion",
    "repository",
    "condition",
    "tags",
    "enabled",
    "import-values",
    "alias",
    "annotations",
    "labels",
    "dependencies",
    "namespace",
    "revision",
    "status",
    "deployedAt",
    "applyMethod",
];

/// `helm get metadata` in a format.
pub fn render_metadata(rel: &Release, format: Format) -> String {
    let j = metadata_json(rel);
    match format {
        Format::Json => super::list::json_ordered(&j, &METADATA_FIELDS),
        Format::Yaml => super::list::yaml_of_json(&j),
        Format::Table => {
            let s = |k: &str| j.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let set = |k: &str| -> String {
                j.get(k)
                    .and_then(|v| v.as_object())
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                            .collect::<Vec<_>>()
                            .join(",")
                    })
                    .unwrap_or_default()
            };
            let mut deps: Vec<String> = j
                .get("dependencies")
                .and_then(|d| d.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|d| d.get("name").and_then(|n| n.as_str()).map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            deps.sort();
            let method = match rel.apply_method.as_deref() {
                None | Some("") => "client-side apply (defaulted)".to_string(),
                Some("csa") => "client-side apply".to_string(),
                Some("ssa") => "server-side apply".to_string(),
                Some(o) => format!("unknown ({o:?})"),
            };
            format!(
                "NAME: {}\nCHART: {}\nVERSION: {}\nAPP_VERSION: {}\nANNOTATIONS: {}\nLABELS: {}\nDEPENDENCIES: {}\nNAMESPACE: {}\nREVISION: {}\nSTATUS: {}\nDEPLOYED_AT: {}\nAPPLY_METHOD: {method}\n",
                s("name"),
                s("chart"),
                s("version"),
                s("appVersion"),
                set("annotations"),
                set("labels"),
                deps.join(","),
                s("namespace"),
                rel.version,
                s("status"),
                s("deployedAt"),
            )
        }
    }
}
