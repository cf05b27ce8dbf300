//! `helm list`: the latest revision of each release, filtered and sorted
//! as Helm 4 does, rendered as a table, JSON or YAML (spec §9).

use chrono::{Offset, Timelike};
use regex::Regex;

use crate::release::model::{Release, Status, Time};
use crate::release::storage::Storage;

/// Options of `list` (Helm's flags).
#[derive(Clone, Debug, Default)]
pub struct ListOptions {
    pub all: bool,
    pub deployed: bool,
    pub failed: bool,
    pub pending: bool,
    pub superseded: bool,
    pub uninstalled: bool,
    pub uninstalling: bool,
    pub filter: String,
    pub reverse: bool,
    pub by_date: bool,
    /// 0 = no limit.
    pub max: usize,
    pub offset: usize,
    pub time_format: Option<String>,
    /// `--selector`: a label query over the releases' custom labels.
    pub selector: String,
}

impl ListOptions {
    fn accepts(&self, s: Status) -> bool {
        let any = self.deployed
            || self.failed
            || self.pending
            || self.superseded
            || self.uninstalled
            || self.uninstalling;
        if self.all || !any {
            return true;
        }
        (self.deployed && s == Status::Deployed)
            || (self.failed && s == Status::Failed)
            || (self.pending && s.is_pending())
            || (self.superseded && s == Status::Superseded)
            || (self.uninstalled && s == Status::Uninstalled)
            || (self.uninstalling && s == Status::Uninstalling)
    }

    fn only_superseded(&self) -> bool {
        !self.all
            && self.superseded
            && !(self.deployed
                || self.failed
                || self.pending
                || self.uninstalled
                || self.uninstalling)
    }
}

fn last_deployed(r: &Release) -> Option<Time> {
    r.info.as_ref().and_then(|i| i.last_deployed)
}

/// Runs the list over the releases of `storage` (its driver's namespace, or
/// all namespaces).
pub fn run(storage: &Storage, opts: &ListOptions) -> Result<Vec<Release>, String> {
    let filter = if opts.filter.is_empty() {
        None
    } else {
        Some(Regex::new(&opts.filter).map_err(|e| e.to_string())?)
    };
    let selector = parse_selector(&opts.selector)?;
    let all = storage
        .driver()
        .list(&|r: &Release| {
            filter.as_ref().is_none_or(|f| f.is_match(&r.name))
                && selector.iter().all(|t| t.matches(&r.labels))
        })
        .map_err(|e| e.to_string())?;
    Ok(select(all, opts))
}

/// One term of a label selector.
#[derive(Clone, Debug, PartialEq)]
pub enum SelectorTerm {
    Eq(String, String),
    Ne(String, String),
    Exists(String),
    NotExists(String),
}

impl SelectorTerm {
    pub fn matches(&self, labels: &std::collections::BTreeMap<String, String>) -> bool {
        match self {
            SelectorTerm::Eq(k, v) => labels.get(k) == Some(v),
            SelectorTerm::Ne(k, v) => labels.get(k) != Some(v),
            SelectorTerm::Exists(k) => labels.contains_key(k),
            SelectorTerm::NotExists(k) => !labels.contains_key(k),
        }
    }
}

/// Parses `k=v,k==v,k!=v,k,!k` (Kubernetes equality-based selectors).
pub fn parse_selector(s: &str) -> Result<Vec<SelectorTerm>, String> {
    let mut out = Vec::new();
    for term in s.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let t = if let Some((k, v)) = term.split_once("!=") {
            SelectorTerm::Ne(k.trim().into(), v.trim().into())
        } else if let Some((k, v)) = term.split_once("==") {
            SelectorTerm::Eq(k.trim().into(), v.trim().into())
        } else if let Some((k, v)) = term.split_once('=') {
            SelectorTerm::Eq(k.trim().into(), v.trim().into())
        } else if let Some(k) = term.strip_prefix('!') {
            SelectorTerm::NotExists(k.trim().into())
        } else {
            SelectorTerm::Exists(term.into())
        };
        let key = match &t {
            SelectorTerm::Eq(k, _)
            | SelectorTerm::Ne(k, _)
            | SelectorTerm::Exists(k)
            | SelectorTerm::NotExists(k) => k,
        };
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(format!(
                "invalid selector {s:?}: use key=value, key!=value, key or !key, separated by commas"
            ));
        }
        out.push(t);
    }
    Ok(out)
}

/// The filtering, sorting and paging of `run` over already-read releases.
pub fn select(all: Vec<Release>, opts: &ListOptions) -> Vec<Release> {
    let mut rels = if opts.only_superseded() {
        all
    } else {
        let mut latest: std::collections::BTreeMap<(String, String), Release> = Default::default();
        for r in all {
            let key = (r.namespace.clone(), r.name.clone());
            match latest.get(&key) {
                Some(l) if l.version > r.version => {}
                _ => {
                    latest.insert(key, r);
                }
            }
        }
        latest.into_values().collect()
    };
    rels.retain(|r| opts.accepts(r.status()));
    if opts.by_date {
        rels.sort_by_key(last_deployed);
        if opts.reverse {
            rels.reverse();
        }
    } else {
        rels.sort_by(|a, b| a.name.cmp(&b.name));
        if opts.reverse {
            rels.reverse();
        }
    }
    if opts.offset >= rels.len() {
        return Vec::new();
    }
    let limit = if opts.max > 0 { opts.max } else { rels.len() };
    let end = (opts.offset + limit).min(rels.len());
    rels[opts.offset..end].to_vec()
}

/// `NAME-VERSION` of the release's chart (`MISSING` without one).
pub fn chart_name(r: &Release) -> String {
    match &r.chart {
        Some(c) => format!("{}-{}", c.metadata.name, c.metadata.version),
        None => "MISSING".to_string(),
    }
}

/// The chart's appVersion (`MISSING` without a chart).
pub fn app_version(r: &Release) -> String {
    match &r.chart {
        Some(c) => c.metadata.app_version.clone(),
        None => "MISSING".to_string(),
    }
}

fn nanos_suffix(t: &Time) -> String {
    let n = t.nanosecond() % 1_000_000_000;
    if n == 0 {
        return String::new();
    }
    let s = format!("{n:09}");
    format!(".{}", s.trim_end_matches('0'))
}

fn offset_secs(t: &Time) -> i32 {
    t.offset().fix().local_minus_utc()
}

fn numeric_zone(t: &Time, colon: bool) -> String {
    let off = offset_secs(t);
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.abs();
    if colon {
        format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
    } else {
        format!("{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
    }
}

/// Go's `time.Time.String()` of a decoded time: `2006-01-02 15:04:05.999999999
/// -0700 MST` (UTC times are named `UTC`, other offsets have no name).
pub fn go_time_string(t: &Time) -> String {
    let zone = if offset_secs(t) == 0 {
        "UTC".to_string()
    } else {
        numeric_zone(t, false)
    };
    format!(
        "{}{} {} {}",
        t.format("%Y-%m-%d %H:%M:%S"),
        nanos_suffix(t),
        numeric_zone(t, false),
        zone
    )
}

/// Go's `time.ANSIC` layout: `Mon Jan  2 15:04:05 2006`.
pub fn go_ansic(t: &Time) -> String {
    t.format("%a %b %e %H:%M:%S %Y").to_string()
}

/// Go's `time.RFC3339Nano` (trailing zeros trimmed, `Z` for UTC).
pub fn go_rfc3339_nano(t: &Time) -> String {
    let zone = if offset_secs(t) == 0 {
        "Z".to_string()
    } else {
        numeric_zone(t, true)
    };
    format!(
        "{}{}{}",
        t.format("%Y-%m-%dT%H:%M:%S"),
        nanos_suffix(t),
        zone
    )
}

/// gosuri/uitable as Helm's `output.EncodeTable` writes it: every cell padded
/// to its column's width, cells separated by a tab, rows by newlines, and a
/// final newline.
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let lines: Vec<String> = rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, c)| format!("{c}{}", " ".repeat(widths[i] - c.chars().count())))
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn elements(rels: &[Release], time_format: Option<&str>) -> Vec<serde_json::Value> {
    rels.iter()
        .map(|r| {
            let updated = match last_deployed(r) {
                Some(t) if !crate::release::model::is_zero_time(&t) => match time_format {
                    Some(f) if !f.is_empty() => go_format(&t, f),
                    _ => go_time_string(&t),
                },
                _ => "-".to_string(),
            };
            serde_json::json!({
                "name": r.name,
                "namespace": r.namespace,
                "revision": r.version.to_string(),
                "updated": updated,
                "status": r.status().as_str(),
                "chart": chart_name(r),
                "app_version": app_version(r),
            })
        })
        .collect()
}

/// A small subset of Go layouts for `--time-format`.
fn go_format(t: &Time, layout: &str) -> String {
    let mut s = layout.to_string();
    for (go, v) in [
        ("2006", t.format("%Y").to_string()),
        ("01", t.format("%m").to_string()),
        ("02", t.format("%d").to_string()),
        ("15", t.format("%H").to_string()),
        ("04", t.format("%M").to_string()),
        ("05", t.format("%S").to_string()),
        ("Jan", t.format("%b").to_string()),
        ("Mon", t.format("%a").to_string()),
    ] {
        s = s.replace(go, &v);
    }
    s
}

/// Output format of the listing commands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Table,
    Json,
    Yaml,
}

impl Format {
    pub fn parse(s: &str) -> Result<Format, String> {
        match s {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "yaml" => Ok(Format::Yaml),
            _ => Err(format!("invalid format type {s:?}")),
        }
    }
}

/// Go's `json.Encoder` output of a JSON value (one line + newline).
/// The fields of a `list` entry, in Helm's order.
const LIST_FIELDS: [&str; 7] = [
    "name",
    "namespace",
    "revision",
    "updated",
    "status",
    "chart",
    "app_version",
];

/// JSON with Go struct field order: the keys of the top-level object, and
/// of every object inside an array (at any depth), follow `order` (unlisted
/// keys after, sorted); other nested objects are Go maps, keys sorted. One
/// line.
pub fn json_ordered(v: &serde_json::Value, order: &[&str]) -> String {
    fn object(m: &serde_json::Map<String, serde_json::Value>, order: &[&str]) -> String {
        let mut keys: Vec<&String> = m.keys().collect();
        keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(order.len()));
        let fields: Vec<String> = keys
            .iter()
            .map(|k| {
                format!(
                    "{}:{}",
                    serde_json::Value::String((*k).clone()),
                    value(&m[*k], order)
                )
            })
            .collect();
        format!("{{{}}}", fields.join(","))
    }
    fn value(v: &serde_json::Value, order: &[&str]) -> String {
        match v {
            serde_json::Value::Array(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|i| match i.as_object() {
                        Some(m) => object(m, order),
                        None => value(i, order),
                    })
                    .collect();
                format!("[{}]", parts.join(","))
            }
            other => json_line(other).trim_end().to_string(),
        }
    }
    let text = match v {
        serde_json::Value::Object(m) => object(m, order),
        other => value(other, order),
    };
    format!("{text}\n")
}

pub fn json_line(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string(v).unwrap_or_default();
    s.push('\n');
    s
}

/// sigs.k8s.io/yaml of a JSON value (keys sorted).
pub fn yaml_of_json(v: &serde_json::Value) -> String {
    crate::values::yaml::to_yaml(&json_to_value(v))
}

/// A JSON value as a values tree.
pub fn json_to_value(v: &serde_json::Value) -> crate::values::Value {
    use crate::values::Value;
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        serde_json::Value::String(s) => Value::from(s.as_str()),
        serde_json::Value::Array(a) => Value::from(a.iter().map(json_to_value).collect::<Vec<_>>()),
        serde_json::Value::Object(o) => Value::from(
            o.iter()
                .map(|(k, v)| (k.clone(), json_to_value(v)))
                .collect::<crate::values::Map>(),
        ),
    }
}

/// Renders the list as `helm list` does.
pub fn render(
    rels: &[Release],
    format: Format,
    short: bool,
    no_headers: bool,
    time_format: Option<&str>,
) -> String {
    if short {
        return match format {
            Format::Table => rels.iter().map(|r| format!("{}\n", r.name)).collect(),
            Format::Json => json_line(&serde_json::json!(
                rels.iter().map(|r| r.name.clone()).collect::<Vec<_>>()
            )),
            Format::Yaml => yaml_of_json(&serde_json::json!(
                rels.iter().map(|r| r.name.clone()).collect::<Vec<_>>()
            )),
        };
    }
    let els = elements(rels, time_format);
    match format {
        Format::Json => json_ordered(&serde_json::Value::Array(els), &LIST_FIELDS),
        Format::Yaml => yaml_of_json(&serde_json::Value::Array(els)),
        Format::Table => {
            let mut rows = Vec::new();
            if !no_headers {
                rows.push(
                    [
                        "NAME",
                        "NAMESPACE",
                        "REVISION",
                        "UPDATED",
                        "STATUS",
                        "CHART",
                        "APP VERSION",
                    ]
                    .map(String::from)
                    .to_vec(),
                );
            }
            for e in &els {
                rows.push(
                    LIST_FIELDS
                        .iter()
                        .map(|k| e[*k].as_str().unwrap_or_default().to_string())
                        .collect(),
                );
            }
            table(&rows)
        }
    }
}
