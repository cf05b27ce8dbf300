//! Dependencies at render time (Helm's `ProcessDependencies`): aliases,
//! `condition`, `tags`, disabled subcharts dropped, then `import-values`
//! (with `exports`) merged bottom-up.

use super::{Chart, Dependency};
use crate::constraint::{Constraints, Version};
use crate::values::coalesce::{self, CoalesceError, Warnings};
use crate::values::{Map, Value};

/// Whether `version` satisfies the constraint (Helm's `IsCompatibleRange`;
/// an invalid version or constraint never matches).
pub fn is_compatible_range(constraint: &str, version: &str) -> bool {
    let Ok(v) = Version::parse_loose(version) else {
        return false;
    };
    let Ok(c) = Constraints::parse(constraint) else {
        return false;
    };
    c.check(&v)
}

/// Processes a chart's dependencies against the user's values.
pub fn process_dependencies(
    c: &mut Chart,
    user: &Map,
    w: &mut Warnings,
) -> Result<(), CoalesceError> {
    process_enabled(c, user, "", w)?;
    process_import_values_tree(c, w);
    Ok(())
}

fn alias_dependency(charts: &[Chart], dep: &Dependency) -> Option<Chart> {
    let found = charts
        .iter()
        .find(|c| c.name() == dep.name && is_compatible_range(&dep.version, &c.metadata.version))?;
    let mut out = found.clone();
    if !dep.alias.is_empty() {
        out.metadata.name = dep.alias.clone();
    }
    Some(out)
}

/// Value at a dotted path, if it exists and is not a table (`PathValue`).
fn path_value<'a>(v: &'a Map, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return None;
    }
    let parts: Vec<&str> = path.split('.').collect();
    let (last, table_path) = parts.split_last()?;
    let mut cur = v;
    for p in table_path {
        cur = cur.get(*p)?.as_map()?;
    }
    match cur.get(*last) {
        Some(Value::Map(_)) | None => None,
        Some(x) => Some(x),
    }
}

fn process_tags(reqs: &mut [Option<Dependency>], cvals: &Map, w: &mut Warnings) {
    let Some(tags) = cvals.get("tags").and_then(Value::as_map) else {
        return;
    };
    for r in reqs.iter_mut().flatten() {
        let (mut has_true, mut has_false) = (false, false);
        for k in &r.tags {
            match tags.get(k) {
                Some(Value::Bool(true)) => has_true = true,
                Some(Value::Bool(false)) => has_false = true,
                Some(_) => w.push(format!("returned non-bool value: tag={k} chart={}", r.name)),
                None => {}
            }
        }
        r.enabled = has_true || !has_false;
    }
}

fn process_conditions(reqs: &mut [Option<Dependency>], cvals: &Map, cpath: &str, w: &mut Warnings) {
    for r in reqs.iter_mut().flatten() {
        for c in r.condition.trim().split(',') {
            if c.is_empty() {
                continue;
            }
            match path_value(cvals, &format!("{cpath}{c}")) {
                Some(Value::Bool(b)) => {
                    r.enabled = *b;
                    break;
                }
                Some(_) => w.push(format!(
                    "returned non-bool value: path={c} chart={}",
                    r.name
                )),
                None => {}
            }
        }
    }
}

fn process_enabled(
    c: &mut Chart,
    v: &Map,
    path: &str,
    w: &mut Warnings,
) -> Result<(), CoalesceError> {
    if c.metadata.dependencies.is_empty() {
        return Ok(());
    }
    let existing = std::mem::take(&mut c.dependencies);
    let mut chart_deps: Vec<Chart> = existing
        .iter()
        .filter(|e| {
            !c.metadata
                .deps()
                .any(|r| e.name() == r.name && is_compatible_range(&r.version, &e.metadata.version))
        })
        .cloned()
        .collect();
    for req in c.metadata.dependencies.iter_mut().flatten() {
        if let Some(d) = alias_dependency(&existing, req) {
            chart_deps.push(d);
        }
        if !req.alias.is_empty() {
            req.name = req.alias.clone();
        }
    }
    c.dependencies = chart_deps;
    for r in c.metadata.dependencies.iter_mut().flatten() {
        r.enabled = true;
    }
    let cvals = coalesce::coalesce_values(c, v, w)?;
    process_tags(&mut c.metadata.dependencies, &cvals, w);
    process_conditions(&mut c.metadata.dependencies, &cvals, path, w);
    let disabled: Vec<String> = c
        .metadata
        .deps()
        .filter(|r| !r.enabled)
        .map(|r| r.name.clone())
        .collect();
    c.dependencies
        .retain(|d| !disabled.iter().any(|n| n == d.name()));
    c.metadata
        .dependencies
        .retain(|r| r.as_ref().is_none_or(|r| !disabled.contains(&r.name)));
    for t in c.dependencies.iter_mut() {
        let sub = format!("{path}{}.", t.name());
        process_enabled(t, &cvals, &sub, w)?;
    }
    Ok(())
}

fn process_import_values_tree(c: &mut Chart, w: &mut Warnings) {
    for d in c.dependencies.iter_mut() {
        process_import_values_tree(d, w);
    }
    process_import_values(c, w);
}

fn table<'a>(v: &'a Map, path: &str) -> Option<&'a Map> {
    let mut cur = v;
    for p in path.split('.') {
        cur = cur.get(p)?.as_map()?;
    }
    Some(cur)
}

fn path_to_map(path: &str, data: Map) -> Map {
    if path == "." {
        return data;
    }
    let mut cur = data;
    for p in path.split('.').rev() {
        let mut m = Map::new();
        m.insert(p.to_string(), Value::map(cur));
        cur = m;
    }
    cur
}

fn process_import_values(c: &mut Chart, w: &mut Warnings) {
    if c.metadata.dependencies.is_empty() {
        return;
    }
    let Ok(cvals) = coalesce::merge_values(c, &Map::new(), w) else {
        return;
    };
    let mut b = Map::new();
    for r in c.metadata.dependencies.iter_mut().flatten() {
        let mut out = Vec::new();
        for iv in &r.import_values {
            let (child, parent) = match iv {
                Value::Map(m) => (
                    m.get("child").map_or("<nil>".to_string(), Value::go_string),
                    m.get("parent")
                        .map_or("<nil>".to_string(), Value::go_string),
                ),
                Value::String(s) => (format!("exports.{s}"), ".".to_string()),
                _ => continue,
            };
            let mut entry = Map::new();
            entry.insert("child".into(), Value::str(child.clone()));
            entry.insert("parent".into(), Value::str(parent.clone()));
            out.push(Value::map(entry));
            match table(&cvals, &format!("{}.{child}", r.name)) {
                Some(t) => coalesce::merge_tables(&mut b, path_to_map(&parent, t.clone()), w),
                None => w.push(format!(
                    "ImportValues missing table from chart {}: {child}",
                    r.name
                )),
            }
        }
        r.import_values = out;
    }
    let mut merged = cvals;
    coalesce::merge_tables(&mut merged, b, w);
    c.values = Value::map(merged);
}
