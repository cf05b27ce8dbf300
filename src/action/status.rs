//! `helm status NAME`: Helm 4's text output, or the release as JSON/YAML.

use super::list::{Format, go_ansic, json_line, yaml_of_json};
use crate::release::codec::{self, Flavor};
use crate::release::model::{Release, is_zero_time};
use crate::release::storage::Storage;

/// The release at `revision` (0: the latest), as Helm's `releaseContent`.
pub fn release_content(storage: &Storage, name: &str, revision: i64) -> Result<Release, String> {
    let r = if revision <= 0 {
        storage.last(name)
    } else {
        storage.get(name, revision)
    };
    r.map_err(|e| e.to_string())
}

/// The release as Helm's `json.Marshal` writes it.
pub fn release_json(rel: &Release) -> Result<serde_json::Value, String> {
    let text = codec::to_json(rel, Flavor::Helm4).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Renders `helm status` (no resources table; `show_metadata` as
/// `--show-metadata`; `debug` adds the values, hooks and manifest as
/// `helm get all` does).
pub fn render(
    rel: &Release,
    format: Format,
    show_metadata: bool,
    debug: bool,
) -> Result<String, String> {
    match format {
        Format::Json => {
            let text = codec::to_json(rel, Flavor::Helm4).map_err(|e| e.to_string())?;
            Ok(format!("{text}\n"))
        }
        Format::Yaml => Ok(yaml_of_json(&release_json(rel)?)),
        Format::Table => {
            let mut out = String::new();
            let info = rel.info.clone().unwrap_or_default();
            out.push_str(&format!("NAME: {}\n", rel.name));
            if let Some(t) = info.last_deployed
                && !is_zero_time(&t)
            {
                out.push_str(&format!("LAST DEPLOYED: {}\n", go_ansic(&t)));
            }
            out.push_str(&format!("NAMESPACE: {}\n", rel.namespace));
            out.push_str(&format!("STATUS: {}\n", info.status.as_str()));
            out.push_str(&format!("REVISION: {}\n", rel.version));
            if show_metadata && let Some(c) = &rel.chart {
                out.push_str(&format!("CHART: {}\n", c.metadata.name));
                out.push_str(&format!("VERSION: {}\n", c.metadata.version));
                out.push_str(&format!("APP_VERSION: {}\n", c.metadata.app_version));
            }
            out.push_str(&format!("DESCRIPTION: {}\n", info.description));
            let tests: Vec<_> = rel
                .hooks
                .iter()
                .filter(|h| h.events.iter().any(|e| e == "test"))
                .collect();
            if tests.is_empty() {
                out.push_str("TEST SUITE: None\n");
            } else {
                for h in tests {
                    let Some(started) = h.last_run.started_at.filter(|t| !is_zero_time(t)) else {
                        continue;
                    };
                    let completed = h
                        .last_run
                        .completed_at
                        .map(|t| go_ansic(&t))
                        .unwrap_or_else(|| "Mon Jan  1 00:00:00 0001".to_string());
                    out.push_str(&format!(
                        "TEST SUITE:     {}\nLast Started:   {}\nLast Completed: {}\nPhase:          {}\n",
                        h.name,
                        go_ansic(&started),
                        completed,
                        h.last_run.phase
                    ));
                }
            }
            if debug {
                out.push_str("USER-SUPPLIED VALUES:\n");
                out.push_str(&super::get::values_yaml(rel, false)?);
                out.push('\n');
                out.push_str("COMPUTED VALUES:\n");
                out.push_str(&super::get::values_yaml(rel, true)?);
                out.push('\n');
            }
            if debug || info.description.eq_ignore_ascii_case("Dry run complete") {
                out.push_str("HOOKS:\n");
                for h in &rel.hooks {
                    out.push_str(&format!("---\n# Source: {}\n{}\n", h.path, h.manifest));
                }
                out.push_str(&format!("MANIFEST:\n{}\n", rel.manifest));
            }
            if !info.notes.is_empty() {
                out.push_str(&format!("NOTES:\n{}\n", info.notes.trim()));
            }
            Ok(out)
        }
    }
}

/// `json_line` re-exported for the CLI.
pub fn json(v: &serde_json::Value) -> String {
    json_line(v)
}
