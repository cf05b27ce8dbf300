//! Server-side tables (what `kubectl get` prints) of release objects, for
//! `status --show-resources`: each object as the API server's `Table`,
//! plus the pods its selector matches (`v1/Pod(related)`), printed as
//! kubectl's human-readable printer does.

use std::collections::BTreeMap;

use kube::Client;
use kube::api::{DynamicObject, Resource as _};
use serde_json::Value as J;

use super::KubeError;
use super::resource::Resource;

const TABLE_ACCEPT: &str = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

async fn get_table(client: &Client, path: &str) -> Result<J, KubeError> {
    let req = http::Request::get(path)
        .header(http::header::ACCEPT, TABLE_ACCEPT)
        .body(Vec::new())
        .map_err(|e| KubeError::Invalid(e.to_string()))?;
    client
        .request::<J>(req)
        .await
        .map_err(|e| KubeError::from_kube(&format!("could not get {path}"), e))
}

fn object_path(r: &Resource) -> String {
    let ns = if r.namespaced {
        Some(r.namespace.as_str())
    } else {
        None
    };
    format!(
        "{}/{}?includeObject=Object",
        DynamicObject::url_path(&r.ar, ns),
        r.name
    )
}

/// The label selector of a workload or Service, as `k=v,...`.
fn selector_of(live: &J) -> Option<String> {
    let spec = live.get("spec")?;
    let kind = live.get("kind").and_then(J::as_str).unwrap_or("");
    let labels = if kind == "Service" || kind == "ReplicationController" {
        spec.get("selector")?
    } else {
        spec.get("selector")?.get("matchLabels")?
    };
    let m = labels.as_object()?;
    if m.is_empty() {
        return None;
    }
    Some(
        m.iter()
            .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
            .collect::<Vec<_>>()
            .join(","),
    )
}

/// Tables of `rs` grouped as Helm groups them (`v1/Deployment`,
/// `v1/Pod(related)`); objects that do not exist are skipped.
pub async fn resource_tables(
    client: &Client,
    rs: &[Resource],
) -> Result<BTreeMap<String, Vec<J>>, KubeError> {
    let mut out: BTreeMap<String, Vec<J>> = BTreeMap::new();
    let mut selectors: Vec<(String, String)> = Vec::new();
    for r in rs {
        let table = match get_table(client, &object_path(r)).await {
            Ok(t) => t,
            Err(e) if e.is_not_found() => continue,
            Err(e) => return Err(e),
        };
        let live = table
            .get("rows")
            .and_then(J::as_array)
            .and_then(|rows| rows.first())
            .and_then(|row| row.get("object"))
            .cloned();
        out.entry(format!("{}/{}", r.ar.version, r.ar.kind))
            .or_default()
            .push(table);
        let is_workload = matches!(
            r.ar.kind.as_str(),
            "Deployment"
                | "ReplicaSet"
                | "StatefulSet"
                | "DaemonSet"
                | "Job"
                | "ReplicationController"
                | "Service"
        );
        if let Some(mut live) = live.filter(|_| is_workload) {
            if let Some(m) = live.as_object_mut() {
                m.insert("kind".into(), J::String(r.ar.kind.clone()));
            }
            if let Some(sel) = selector_of(&live) {
                let key = (r.namespace.clone(), sel);
                if !selectors.contains(&key) {
                    selectors.push(key);
                }
            }
        }
    }
    for (ns, sel) in selectors {
        let path = format!(
            "/api/v1/namespaces/{ns}/pods?labelSelector={}",
            url_escape(&sel)
        );
        let table = get_table(client, &path).await?;
        if table
            .get("rows")
            .and_then(J::as_array)
            .is_some_and(|r| !r.is_empty())
        {
            out.entry("v1/Pod(related)".into()).or_default().push(table);
        }
    }
    Ok(out)
}

fn url_escape(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

fn cell(v: &J) -> String {
    match v {
        J::Null => "<none>".into(),
        J::String(s) => s.clone(),
        J::Number(n) => n.to_string(),
        J::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// Lays out rows as Go's tabwriter with kubectl's settings (padding 3).
fn tabwrite(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; cols];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                let pad = widths[i] - c.chars().count() + 3;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The `RESOURCES:` section body: `==> KEY`, the tables, a blank line.
pub fn print_tables(tables: &BTreeMap<String, Vec<J>>) -> String {
    let mut out = String::new();
    for (key, list) in tables {
        out.push_str(&format!("==> {key}\n"));
        let mut last_cols: Option<J> = None;
        let mut printed_headers = false;
        for t in list {
            let defs = t.get("columnDefinitions").cloned().unwrap_or(J::Null);
            let same = last_cols.as_ref() == Some(&defs);
            if !same && printed_headers {
                out.push('\n');
            }
            if !same {
                last_cols = Some(defs.clone());
                printed_headers = false;
            }
            let visible: Vec<usize> = defs
                .as_array()
                .map(|d| {
                    d.iter()
                        .enumerate()
                        .filter(|(_, c)| c.get("priority").and_then(J::as_i64).unwrap_or(0) == 0)
                        .map(|(i, _)| i)
                        .collect()
                })
                .unwrap_or_default();
            let rows = t
                .get("rows")
                .and_then(J::as_array)
                .cloned()
                .unwrap_or_default();
            let mut lines: Vec<Vec<String>> = Vec::new();
            if !rows.is_empty() && !printed_headers {
                lines.push(
                    visible
                        .iter()
                        .map(|&i| {
                            defs[i]
                                .get("name")
                                .and_then(J::as_str)
                                .unwrap_or("")
                                .to_uppercase()
                        })
                        .collect(),
                );
                printed_headers = true;
            }
            for row in rows {
                let cells = row
                    .get("cells")
                    .and_then(J::as_array)
                    .cloned()
                    .unwrap_or_default();
                lines.push(
                    visible
                        .iter()
                        .map(|&i| cells.get(i).map(cell).unwrap_or_default())
                        .collect(),
                );
            }
            out.push_str(&tabwrite(&lines));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tables_print_like_kubectl() {
        let defs = json!([
            {"name": "Name", "priority": 0},
            {"name": "Data", "priority": 0},
            {"name": "Hidden", "priority": 1},
            {"name": "Age", "priority": 0}
        ]);
        let t1 =
            json!({"columnDefinitions": defs, "rows": [{"cells": ["web-config", 1, "x", "5s"]}]});
        let t2 = json!({"columnDefinitions": defs, "rows": [{"cells": ["b", 12, "x", "5s"]}]});
        let mut m = BTreeMap::new();
        m.insert("v1/ConfigMap".to_string(), vec![t1, t2]);
        assert_eq!(
            print_tables(&m),
            "==> v1/ConfigMap\nNAME         DATA   AGE\nweb-config   1      5s\nb   12   5s\n\n"
        );
    }

    #[test]
    fn selectors() {
        let d = json!({"kind": "Deployment", "spec": {"selector": {"matchLabels": {"app": "web", "tier": "x"}}}});
        assert_eq!(selector_of(&d).as_deref(), Some("app=web,tier=x"));
        let s = json!({"kind": "Service", "spec": {"selector": {"app": "web"}}});
        assert_eq!(selector_of(&s).as_deref(), Some("app=web"));
        assert_eq!(selector_of(&json!({"kind": "ConfigMap"})), None);
        assert_eq!(url_escape("a=b,c"), "a%3Db%2Cc");
    }
}
