//! `helm history NAME`: the revisions of a release (spec §9).

use super::list::{Format, app_version, chart_name, go_ansic, go_rfc3339_nano, table};
use crate::release::model::{Release, is_zero_time};
use crate::release::storage::Storage;

/// The newest `max` revisions of `name`, ascending.
pub fn run(storage: &Storage, name: &str, max: usize) -> Result<Vec<Release>, String> {
    let mut hist = storage.history(name).map_err(|e| {
        if e.is_not_found() {
            "release: not found".to_string()
        } else {
            e.to_string()
        }
    })?;
    hist.sort_by_key(|r| std::cmp::Reverse(r.version));
    hist.truncate(max);
    hist.reverse();
    Ok(hist)
}

/// Renders the history as `helm history` does.
pub fn render(hist: &[Release], format: Format) -> String {
    match format {
        Format::Table => {
            let mut rows = vec![
                [
                    "REVISION",
                    "UPDATED",
                    "STATUS",
                    "CHART",
                    "APP VERSION",
                    "DESCRIPTION",
                ]
                .map(String::from)
                .to_vec(),
            ];
            for r in hist {
                let updated = r
                    .info
                    .as_ref()
                    .and_then(|i| i.last_deployed)
                    .map(|t| go_ansic(&t))
                    .unwrap_or_else(|| "Mon Jan  1 00:00:00 0001".to_string());
                rows.push(vec![
                    r.version.to_string(),
                    updated,
                    r.status().as_str().to_string(),
                    chart_name(r),
                    app_version(r),
                    r.info
                        .as_ref()
                        .map(|i| i.description.clone())
                        .unwrap_or_default(),
                ]);
            }
            table(&rows)
        }
        Format::Json => super::list::json_ordered(
            &items(hist),
            &[
                "revision",
                "updated",
                "status",
                "chart",
                "app_version",
                "description",
            ],
        ),
        Format::Yaml => super::list::yaml_of_json(&items(hist)),
    }
}

fn items(hist: &[Release]) -> serde_json::Value {
    serde_json::Value::Array(
        hist.iter()
            .map(|r| {
                let mut m = serde_json::Map::new();
                m.insert("revision".into(), r.version.into());
                if let Some(t) = r.info.as_ref().and_then(|i| i.last_deployed)
                    && !is_zero_time(&t)
                {
                    m.insert("updated".into(), go_rfc3339_nano(&t).into());
                }
                m.insert("status".into(), r.status().as_str().into());
                m.insert("chart".into(), chart_name(r).into());
                m.insert("app_version".into(), app_version(r).into());
                m.insert(
                    "description".into(),
                    r.info
                        .as_ref()
                        .map(|i| i.description.clone())
                        .unwrap_or_default()
                        .into(),
                );
                serde_json::Value::Object(m)
            })
            .collect(),
    )
}
