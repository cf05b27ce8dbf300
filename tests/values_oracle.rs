//! Computed values against the real Helm engine, for every corpus case:
//! `CoalesceValues` against `helm-oracle values`, and the values templates
//! actually see (dependencies processed, schema checked) against a render of
//! `{{ toJson .Values }}` by Helm.

mod common;

use std::path::{Path, PathBuf};

use capstan::chart;
use capstan::values::{self, Value, coalesce, options::ValueOptions};

struct Case {
    id: String,
    chart: PathBuf,
    values_file: Option<PathBuf>,
}

fn cases(shared: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(shared.join("charts/cases.tsv")).expect("cases.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 6).then(|| Case {
                id: f[0].to_string(),
                chart: shared.join("charts").join(f[1]),
                values_file: (f[2] != "-").then(|| shared.join("charts").join(f[2])),
            })
        })
        .collect()
}

fn user_config(c: &Case) -> Result<values::Map, String> {
    let opts = ValueOptions {
        value_files: c
            .values_file
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        ..Default::default()
    };
    opts.merge_values().map_err(|e| e.to_string())
}

fn as_json(v: &Value) -> serde_json::Value {
    // Compare numbers as f64: the oracle's JSON cannot tell 3 from 3.0.
    fn norm(j: serde_json::Value) -> serde_json::Value {
        match j {
            serde_json::Value::Number(n) => serde_json::json!(n.as_f64().unwrap_or(0.0)),
            serde_json::Value::Array(a) => {
                serde_json::Value::Array(a.into_iter().map(norm).collect())
            }
            serde_json::Value::Object(o) => {
                serde_json::Value::Object(o.into_iter().map(|(k, v)| (k, norm(v))).collect())
            }
            other => other,
        }
    }
    norm(capstan::values::strvals::to_json(v))
}

fn parse_oracle_json(bytes: &[u8]) -> Option<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    Some(as_json(&capstan::values::options::from_json(&v)))
}

#[test]
fn coalesced_values_equal_helms_for_every_case() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let Some(oracle) = common::oracle(&shared) else {
        return;
    };
    let all = cases(&shared);
    let results = common::par_map(&all, |c| {
        let mut args = vec!["values".to_string(), c.chart.to_string_lossy().into_owned()];
        if let Some(f) = &c.values_file {
            args.push("-f".into());
            args.push(f.to_string_lossy().into_owned());
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = common::run_oracle(&oracle, &argv);
        let ours = chart::load(&c.chart)
            .map_err(|e| e.to_string())
            .and_then(|ch| {
                let cfg = user_config(c)?;
                let mut w = Vec::new();
                coalesce::coalesce_values(&ch, &cfg, &mut w).map_err(|e| e.to_string())
            });
        let problem = match (ours, o.status.success()) {
            (Ok(m), true) => {
                let theirs = parse_oracle_json(&o.stdout);
                (theirs.as_ref() != Some(&as_json(&Value::map(m))))
                    .then(|| "values differ".to_string())
            }
            (Err(_), false) => None,
            (Ok(_), false) => Some(format!(
                "helm fails ({}) but capstan computes values",
                String::from_utf8_lossy(&o.stderr).trim()
            )),
            (Err(e), true) => Some(format!("capstan fails: {e}")),
        };
        (c.id.clone(), problem)
    });
    let bad: Vec<_> = results.iter().filter(|(_, p)| p.is_some()).collect();
    for (id, p) in &bad {
        eprintln!("{id}: {}", p.as_deref().unwrap_or_default());
    }
    eprintln!(
        "coalesced values: {} cases, {} differing",
        results.len(),
        bad.len()
    );
    assert!(bad.is_empty());
}

/// Copies a chart tree without its templates, adding one template that
/// prints the values it is given.
fn values_probe_copy(src: &Path, dst: &Path, top: bool) -> std::io::Result<()> {
    std::fs::create_dir_all(dst)?;
    for e in std::fs::read_dir(src)? {
        let e = e?;
        let p = e.path();
        let name = e.file_name();
        let target = dst.join(&name);
        if p.is_dir() {
            if name == "templates" {
                continue;
            }
            values_probe_copy(&p, &target, false)?;
        } else {
            std::fs::copy(&p, &target)?;
        }
    }
    if top {
        std::fs::create_dir_all(dst.join("templates"))?;
        std::fs::write(dst.join("templates/values.json"), "{{ toJson .Values }}\n")?;
    }
    Ok(())
}

#[test]
fn render_values_equal_what_helm_templates_see() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let Some(oracle) = common::oracle(&shared) else {
        return;
    };
    let all = cases(&shared);
    let tmp = tempfile::tempdir().expect("tempdir");
    let results = common::par_map(&all, |c| {
        let copy = tmp.path().join(&c.id).join("chart");
        let mut src = c.chart.clone();
        if src.is_file() {
            let dest = tmp.path().join(&c.id).join("expanded");
            let expanded = std::fs::File::open(&src)
                .map_err(|e| e.to_string())
                .and_then(|f| {
                    chart::archive::expand_archive_with(f, &c.id, &dest, &Default::default())
                        .map_err(|e| e.to_string())
                });
            match expanded {
                Ok(p) => src = p,
                Err(e) => return (c.id.clone(), Some(format!("cannot expand archive: {e}"))),
            }
        }
        if values_probe_copy(&src, &copy, true).is_err() {
            return (c.id.clone(), Some("cannot copy chart".to_string()));
        }
        let mut args = vec!["render".to_string(), copy.to_string_lossy().into_owned()];
        if let Some(f) = &c.values_file {
            args.push("-f".into());
            args.push(f.to_string_lossy().into_owned());
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = common::run_oracle(&oracle, &argv);
        let ours = chart::load(&c.chart)
            .map_err(|e| e.to_string())
            .and_then(|ch| {
                if ch.is_library() {
                    return Err("library charts are not installable".to_string());
                }
                let cfg = user_config(c)?;
                values::compute(&ch, &cfg, false).map_err(|e| e.to_string())
            });
        let problem = match (ours, o.status.success()) {
            (Ok(computed), true) => {
                let text = String::from_utf8_lossy(&o.stdout);
                let json = text.lines().find(|l| l.starts_with('{'));
                let theirs = json.and_then(|j| parse_oracle_json(j.as_bytes()));
                (theirs.as_ref() != Some(&as_json(&Value::map(computed.values))))
                    .then(|| "values differ".to_string())
            }
            (Err(_), false) => None,
            (Ok(_), false) => Some(format!(
                "helm fails ({}) but capstan computes values",
                String::from_utf8_lossy(&o.stderr).trim()
            )),
            (Err(e), true) => Some(format!("capstan fails: {e}")),
        };
        (c.id.clone(), problem)
    });
    let bad: Vec<_> = results.iter().filter(|(_, p)| p.is_some()).collect();
    for (id, p) in &bad {
        eprintln!("{id}: {}", p.as_deref().unwrap_or_default());
    }
    eprintln!(
        "render values: {} cases, {} differing",
        results.len(),
        bad.len()
    );
    assert!(bad.is_empty());
}
