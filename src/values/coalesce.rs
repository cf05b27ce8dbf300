//! Coalescing user values with chart defaults, as Helm 4.2 does
//! (`CoalesceValues`, `MergeValues`, `CoalesceTables`, `MergeTables`).
//!
//! "Coalesce" removes keys whose user value is `null` and drops `null`
//! chart defaults; "merge" keeps nulls (used while processing
//! import-values, so a later coalesce can still delete with them).

use std::collections::BTreeSet;

use super::{Map, Value};
use crate::chart::Chart;

/// A non-map value where a subchart's table must be.
#[derive(Debug, thiserror::Error)]
#[error("type mismatch on {name}: %!t({go_type}={shown}): values for a subchart must be a map")]
pub struct CoalesceError {
    pub name: String,
    pub go_type: &'static str,
    pub shown: String,
}

/// Collected warnings (Helm logs them; capstan shows them with `--debug`).
pub type Warnings = Vec<String>;

fn concat(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}.{b}")
    }
}

/// `CoalesceValues(chart, user)`: user values win; `null` deletes.
pub fn coalesce_values(ch: &Chart, user: &Map, w: &mut Warnings) -> Result<Map, CoalesceError> {
    let mut dest = user.clone();
    coalesce(ch, &mut dest, "", false, w)?;
    Ok(dest)
}

/// `MergeValues(chart, user)`: as coalescing, but nulls are kept.
pub fn merge_values(ch: &Chart, user: &Map, w: &mut Warnings) -> Result<Map, CoalesceError> {
    let mut dest = user.clone();
    coalesce(ch, &mut dest, "", true, w)?;
    Ok(dest)
}

/// `CoalesceTables(dst, src)`: `dst` wins, `null` in `dst` deletes a
/// non-null `src` value.
pub fn coalesce_tables(dst: &mut Map, src: Map, w: &mut Warnings) {
    coalesce_tables_key(dst, src, "", false, w);
}

/// `MergeTables(dst, src)`: `dst` wins, nulls kept.
pub fn merge_tables(dst: &mut Map, src: Map, w: &mut Warnings) {
    coalesce_tables_key(dst, src, "", true, w);
}

fn coalesce(
    ch: &Chart,
    dest: &mut Map,
    prefix: &str,
    merge: bool,
    w: &mut Warnings,
) -> Result<(), CoalesceError> {
    coalesce_chart_values(ch, dest, prefix, merge, w);
    coalesce_deps(ch, dest, prefix, merge, w)
}

fn coalesce_deps(
    ch: &Chart,
    dest: &mut Map,
    prefix: &str,
    merge: bool,
    w: &mut Warnings,
) -> Result<(), CoalesceError> {
    for sub in &ch.dependencies {
        let name = sub.name().to_string();
        let mut dv = match dest.remove(&name) {
            None => Map::new(),
            Some(Value::Map(m)) => std::sync::Arc::unwrap_or_clone(m),
            Some(other) => {
                let shown = other.go_string();
                let go_type = other.go_type();
                dest.insert(name.clone(), other);
                return Err(CoalesceError {
                    name,
                    go_type,
                    shown,
                });
            }
        };
        let sub_prefix = concat(prefix, ch.name());
        coalesce_globals(&mut dv, dest, &sub_prefix, w);
        let res = coalesce(sub, &mut dv, &sub_prefix, merge, w);
        dest.insert(name, Value::map(dv));
        res?;
    }
    Ok(())
}

/// Copies the parent's `global` table into the subchart's values: parent
/// entries win, maps are merged.
fn coalesce_globals(dest: &mut Map, src: &Map, prefix: &str, w: &mut Warnings) {
    let mut dg = match dest.get("global") {
        None => Map::new(),
        Some(Value::Map(m)) => (**m).clone(),
        Some(_) => {
            w.push("warning: skipping globals because destination global is not a table.".into());
            return;
        }
    };
    let sg = match src.get("global") {
        None => Map::new(),
        Some(Value::Map(m)) => (**m).clone(),
        Some(_) => {
            w.push("warning: skipping globals because source global is not a table.".into());
            return;
        }
    };
    for (key, val) in sg {
        match val {
            Value::Map(vm) => {
                let mut vv = (*vm).clone();
                match dg.get(&key) {
                    None => {
                        dg.insert(key, Value::map(vv));
                    }
                    Some(Value::Map(destv)) => {
                        let destv = (**destv).clone();
                        coalesce_tables_key(&mut vv, destv, &concat(prefix, &key), true, w);
                        dg.insert(key, Value::map(vv));
                    }
                    Some(_) => {
                        w.push(format!(
                            "Conflict: cannot merge map onto non-map for {key:?}. Skipping."
                        ));
                    }
                }
            }
            other => {
                if matches!(dg.get(&key), Some(Value::Map(_))) {
                    w.push(format!("key {key} is table. Skipping"));
                } else {
                    dg.insert(key, other);
                }
            }
        }
    }
    dest.insert("global".into(), Value::map(dg));
}

/// Removes `null` entries from a map, recursively through nested maps.
pub fn clean_nils(m: &mut Map) {
    m.retain(|_, v| !v.is_null());
    for v in m.values_mut() {
        if let Some(sub) = v.as_map_mut() {
            clean_nils(sub);
        }
    }
}

fn is_subchart(ch: &Chart, key: &str) -> bool {
    ch.dependencies.iter().any(|d| d.name() == key)
}

/// Coalesces one chart's own defaults into `v`.
fn coalesce_chart_values(ch: &Chart, v: &mut Map, prefix: &str, merge: bool, w: &mut Warnings) {
    let sub_prefix = concat(prefix, ch.name());
    let Some(defaults) = ch.values.as_map() else {
        return;
    };
    for (key, val) in defaults {
        match v.get_mut(key) {
            Some(value) => {
                if value.is_null() && !merge {
                    v.remove(key);
                } else if let Some(dest) = value.as_map_mut() {
                    match val {
                        Value::Map(src) => {
                            let merge = merge || is_subchart(ch, key);
                            let mut src = (**src).clone();
                            if !merge {
                                clean_nils(&mut src);
                            }
                            coalesce_tables_key(dest, src, &concat(&sub_prefix, key), merge, w);
                        }
                        Value::Null => {}
                        _ => w.push(format!(
                            "warning: skipped value for {sub_prefix}.{key}: Not a table."
                        )),
                    }
                }
            }
            None => {
                let mut val = val.clone();
                if !merge {
                    if val.is_null() {
                        continue;
                    }
                    if let Some(m) = val.as_map_mut() {
                        clean_nils(m);
                    }
                }
                v.insert(key.clone(), val);
            }
        }
    }
}

fn coalesce_tables_key(dst: &mut Map, mut src: Map, prefix: &str, merge: bool, w: &mut Warnings) {
    let src_non_nil: BTreeSet<String> = src
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k.clone())
        .collect();
    for (k, v) in dst.iter() {
        if v.is_null() {
            src.insert(k.clone(), Value::Null);
        }
    }
    for (key, val) in src {
        let full = concat(prefix, &key);
        match dst.get_mut(&key) {
            Some(dv) if !merge && dv.is_null() && src_non_nil.contains(&key) => {
                dst.remove(&key);
            }
            None => {
                dst.insert(key, val);
            }
            Some(dv) => match val {
                Value::Map(vm) => {
                    if let Some(dm) = dv.as_map_mut() {
                        coalesce_tables_key(
                            dm,
                            std::sync::Arc::unwrap_or_clone(vm),
                            &full,
                            merge,
                            w,
                        );
                    } else {
                        w.push(format!(
                            "warning: cannot overwrite table with non table for {full} ({})",
                            Value::Map(vm).go_string()
                        ));
                    }
                }
                other => {
                    if matches!(dv, Value::Map(_)) && !other.is_null() {
                        w.push(format!(
                            "warning: destination for {full} is a table. Ignoring non-table value ({})",
                            other.go_string()
                        ));
                    }
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::yaml::parse_values;

    fn m(y: &str) -> Map {
        parse_values(y)
            .expect("yaml")
            .as_map()
            .cloned()
            .expect("map")
    }

    fn chart(values: &str) -> Chart {
        Chart {
            metadata: crate::chart::Metadata {
                name: "c".into(),
                ..Default::default()
            },
            values: Value::map(m(values)),
            ..Default::default()
        }
    }

    #[test]
    fn nulls_delete_and_default_nulls_drop() {
        let c = chart("a: null\nb:\n  c: null\n  d: 1\ne: {f: {g: null}}\nh: [1, null]\n");
        let mut w = Vec::new();
        let out = coalesce_values(&c, &m("b:\n  x: null\n  d: null\nnew: null\n"), &mut w).unwrap();
        assert_eq!(
            Value::map(out),
            Value::map(m("b:\n  x: null\ne:\n  f: {}\nh: [1, null]\nnew: null\n"))
        );
    }

    #[test]
    fn user_wins_and_mismatches_keep_user() {
        let c = chart("a: {x: 1}\nb: 2\nl: [1, 2]\n");
        let mut w = Vec::new();
        let out = coalesce_values(&c, &m("a: 5\nb: {y: 1}\nl: [3]\n"), &mut w).unwrap();
        assert_eq!(Value::map(out), Value::map(m("a: 5\nb: {y: 1}\nl: [3]\n")));
    }

    #[test]
    fn globals_flow_down_to_subcharts() {
        let mut parent = chart("global: {reg: parent, m: {a: 1}}\nsub: {x: 1}\n");
        let mut sub = chart("global: {reg: sub, own: 1, m: {b: 2}}\nx: 0\nz: 2\n");
        sub.metadata.name = "sub".into();
        parent.dependencies.push(sub);
        let mut w = Vec::new();
        let out = coalesce_values(&parent, &m("global: {reg: user}\n"), &mut w).unwrap();
        let v = Value::map(out);
        assert_eq!(v.path("sub.global.reg"), Some(&Value::str("user")));
        assert_eq!(v.path("sub.global.own"), Some(&Value::Float(1.0)));
        assert_eq!(v.path("sub.global.m.a"), Some(&Value::Float(1.0)));
        assert_eq!(v.path("sub.global.m.b"), Some(&Value::Float(2.0)));
        assert_eq!(v.path("sub.x"), Some(&Value::Float(1.0)));
        assert_eq!(v.path("sub.z"), Some(&Value::Float(2.0)));
    }

    #[test]
    fn subchart_value_must_be_a_map() {
        let mut parent = chart("a: 1\n");
        let mut sub = chart("x: 0\n");
        sub.metadata.name = "sub".into();
        parent.dependencies.push(sub);
        let mut w = Vec::new();
        let err = coalesce_values(&parent, &m("sub: text\n"), &mut w).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("type mismatch on sub: %!t(string=text)")
        );
    }
}
