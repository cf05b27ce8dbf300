//! Chart.yaml (`Metadata`), dependencies and lock files, with Helm's
//! decoding rules (sigs.k8s.io/yaml into typed Go structs) and validation.

use std::sync::LazyLock;

use crate::constraint::Version;
use crate::values::gofmt;
use crate::values::yaml::{self, Raw};
use crate::values::{Map, Value};

use super::ChartError;

pub const API_VERSION_V1: &str = "v1";
pub const API_VERSION_V2: &str = "v2";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Maintainer {
    pub name: String,
    pub email: String,
    pub url: String,
}

/// One entry of `dependencies` (Chart.yaml v2, requirements.yaml v1, lock files).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dependency {
    pub name: String,
    pub version: String,
    pub repository: String,
    pub condition: String,
    pub tags: Vec<String>,
    pub enabled: bool,
    /// `import-values`: strings or `{child, parent}` maps, kept as values.
    pub import_values: Vec<Value>,
    pub alias: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    pub name: String,
    pub home: String,
    pub sources: Vec<String>,
    pub version: String,
    pub description: String,
    pub keywords: Vec<String>,
    /// `None` entries are `null` nodes, rejected by validation.
    pub maintainers: Vec<Option<Maintainer>>,
    pub icon: String,
    pub api_version: String,
    pub condition: String,
    pub tags: String,
    pub app_version: String,
    pub deprecated: bool,
    pub annotations: Option<std::collections::BTreeMap<String, String>>,
    pub kube_version: String,
    /// `None` entries are `null` nodes, rejected by validation.
    pub dependencies: Vec<Option<Dependency>>,
    pub chart_type: String,
}

/// Chart.lock / requirements.lock.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lock {
    /// RFC 3339 time as written (normalized to Go's RFC3339Nano on save).
    pub generated: String,
    pub digest: String,
    pub dependencies: Vec<Option<Dependency>>,
}

/// A typed-decoding error (what Go's json.Unmarshal into a struct reports).
fn type_err(what: &str, field: &str, want: &str) -> String {
    format!("json: cannot unmarshal {what} into Go struct field {field} of type {want}")
}

fn raw_kind(r: &Raw) -> &'static str {
    match r {
        Raw::Null => "null",
        Raw::Bool(_) => "bool",
        Raw::Int(_) | Raw::Uint(_) | Raw::Float(_) => "number",
        Raw::Str(_) => "string",
        Raw::Seq(_) => "array",
        Raw::Map(_) => "object",
    }
}

/// Scalar into a Go `string` field: sigs.k8s.io/yaml converts numbers and
/// booleans to strings (floats with 32-bit shortest formatting).
fn to_string_field(r: &Raw, field: &str) -> Result<String, String> {
    Ok(match r {
        Raw::Null => String::new(),
        Raw::Bool(b) => b.to_string(),
        Raw::Int(i) => i.to_string(),
        Raw::Uint(u) => u.to_string(),
        Raw::Float(f) => gofmt::format_float(*f, 'g', -1, 32),
        Raw::Str(s) => s.clone(),
        other => return Err(type_err(raw_kind(other), field, "string")),
    })
}

fn to_bool_field(r: &Raw, field: &str) -> Result<bool, String> {
    match r {
        Raw::Null => Ok(false),
        Raw::Bool(b) => Ok(*b),
        other => Err(type_err(raw_kind(other), field, "bool")),
    }
}

fn to_string_list(r: &Raw, field: &str) -> Result<Vec<String>, String> {
    match r {
        Raw::Null => Ok(Vec::new()),
        Raw::Seq(items) => items.iter().map(|i| to_string_field(i, field)).collect(),
        other => Err(type_err(raw_kind(other), field, "[]string")),
    }
}

/// Finds a struct field as encoding/json does: exact key first, then a
/// case-insensitive match. With duplicate keys the last one wins.
fn field<'a>(entries: &'a [(String, Raw)], name: &str) -> Option<&'a Raw> {
    entries
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .or_else(|| {
            entries
                .iter()
                .rev()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
        })
        .map(|(_, v)| v)
}

fn str_field(e: &[(String, Raw)], key: &str, go: &str) -> Result<String, String> {
    field(e, key).map_or(Ok(String::new()), |r| to_string_field(r, go))
}

fn as_entries<'a>(r: &'a Raw, go_type: &str) -> Result<Option<&'a [(String, Raw)]>, String> {
    match r {
        Raw::Null => Ok(None),
        Raw::Map(e) => Ok(Some(e)),
        other => Err(format!(
            "json: cannot unmarshal {} into Go value of type {go_type}",
            raw_kind(other)
        )),
    }
}

fn decode_dependency(r: &Raw) -> Result<Option<Dependency>, String> {
    let Some(e) = as_entries(r, "chart.Dependency")? else {
        return Ok(None);
    };
    let import_values = match field(e, "import-values") {
        None | Some(Raw::Null) => Vec::new(),
        Some(Raw::Seq(items)) => items
            .iter()
            .map(|i| i.to_value().map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(type_err(
                raw_kind(other),
                "Dependency.import-values",
                "[]interface {}",
            ));
        }
    };
    Ok(Some(Dependency {
        name: str_field(e, "name", "Dependency.name")?,
        version: str_field(e, "version", "Dependency.version")?,
        repository: str_field(e, "repository", "Dependency.repository")?,
        condition: str_field(e, "condition", "Dependency.condition")?,
        tags: field(e, "tags").map_or(Ok(Vec::new()), |r| to_string_list(r, "Dependency.tags"))?,
        enabled: field(e, "enabled")
            .map_or(Ok(false), |r| to_bool_field(r, "Dependency.enabled"))?,
        import_values,
        alias: str_field(e, "alias", "Dependency.alias")?,
    }))
}

fn decode_dependencies(r: Option<&Raw>, go: &str) -> Result<Vec<Option<Dependency>>, String> {
    match r {
        None | Some(Raw::Null) => Ok(Vec::new()),
        Some(Raw::Seq(items)) => items.iter().map(decode_dependency).collect(),
        Some(other) => Err(type_err(raw_kind(other), go, "[]*chart.Dependency")),
    }
}

/// Parses YAML text into the top-level map entries of its first document
/// (`null`/empty gives an empty list).
fn top_entries(data: &[u8]) -> Result<Vec<(String, Raw)>, String> {
    let text = String::from_utf8_lossy(data);
    let docs = yaml::parse_raw(&text).map_err(|e| e.to_string())?;
    match docs.into_iter().next() {
        None | Some(Raw::Null) => Ok(Vec::new()),
        Some(Raw::Map(e)) => Ok(e),
        Some(other) => Err(format!(
            "error unmarshaling JSON: json: cannot unmarshal {} into Go value of type chart.Metadata",
            raw_kind(&other)
        )),
    }
}

impl Metadata {
    /// Decodes Chart.yaml bytes as Helm does (`yaml.Unmarshal` into
    /// `chart.Metadata`); fields absent from the text keep their current
    /// value, so requirements.yaml can be merged on top.
    pub fn merge_yaml(&mut self, data: &[u8]) -> Result<(), String> {
        let e = top_entries(data)?;
        let s = |k: &str, go: &str| str_field(&e, k, go);
        macro_rules! set_str {
            ($f:ident, $k:literal, $go:literal) => {
                if field(&e, $k).is_some() {
                    self.$f = s($k, $go)?;
                }
            };
        }
        set_str!(name, "name", "Metadata.name");
        set_str!(home, "home", "Metadata.home");
        set_str!(version, "version", "Metadata.version");
        set_str!(description, "description", "Metadata.description");
        set_str!(icon, "icon", "Metadata.icon");
        set_str!(api_version, "apiVersion", "Metadata.apiVersion");
        set_str!(condition, "condition", "Metadata.condition");
        set_str!(tags, "tags", "Metadata.tags");
        set_str!(app_version, "appVersion", "Metadata.appVersion");
        set_str!(kube_version, "kubeVersion", "Metadata.kubeVersion");
        set_str!(chart_type, "type", "Metadata.type");
        if let Some(r) = field(&e, "sources") {
            self.sources = to_string_list(r, "Metadata.sources")?;
        }
        if let Some(r) = field(&e, "keywords") {
            self.keywords = to_string_list(r, "Metadata.keywords")?;
        }
        if let Some(r) = field(&e, "deprecated") {
            self.deprecated = to_bool_field(r, "Metadata.deprecated")?;
        }
        if let Some(r) = field(&e, "maintainers") {
            self.maintainers = match r {
                Raw::Null => Vec::new(),
                Raw::Seq(items) => items
                    .iter()
                    .map(|i| -> Result<Option<Maintainer>, String> {
                        let Some(m) = as_entries(i, "chart.Maintainer")? else {
                            return Ok(None);
                        };
                        Ok(Some(Maintainer {
                            name: str_field(m, "name", "Maintainer.name")?,
                            email: str_field(m, "email", "Maintainer.email")?,
                            url: str_field(m, "url", "Maintainer.url")?,
                        }))
                    })
                    .collect::<Result<_, _>>()?,
                other => {
                    return Err(type_err(
                        raw_kind(other),
                        "Metadata.maintainers",
                        "[]*chart.Maintainer",
                    ));
                }
            };
        }
        if let Some(r) = field(&e, "annotations") {
            self.annotations = match r {
                Raw::Null => None,
                Raw::Map(items) => Some(
                    items
                        .iter()
                        .map(|(k, v)| Ok((k.clone(), to_string_field(v, "Metadata.annotations")?)))
                        .collect::<Result<_, String>>()?,
                ),
                other => {
                    return Err(type_err(
                        raw_kind(other),
                        "Metadata.annotations",
                        "map[string]string",
                    ));
                }
            };
        }
        if let Some(r) = field(&e, "dependencies") {
            self.dependencies = decode_dependencies(Some(r), "Metadata.dependencies")?;
        }
        Ok(())
    }

    pub fn is_library(&self) -> bool {
        self.chart_type.eq_ignore_ascii_case("library")
    }

    /// Dependencies without `null` entries.
    pub fn deps(&self) -> impl Iterator<Item = &Dependency> {
        self.dependencies.iter().flatten()
    }

    /// Helm's `Metadata.Validate`: sanitizes string fields, then checks.
    pub fn validate(&mut self) -> Result<(), ChartError> {
        self.sanitize();
        let err = |m: String| Err(ChartError::Validation(m));
        if self.api_version.is_empty() {
            return err("chart.metadata.apiVersion is required".into());
        }
        if self.name.is_empty() {
            return err("chart.metadata.name is required".into());
        }
        if self.name == "." || self.name == ".." {
            return err(format!(
                "chart.metadata.name {} is not allowed",
                go_quote(&self.name)
            ));
        }
        if self.name.contains('/') {
            return err(format!(
                "chart.metadata.name {} is invalid",
                go_quote(&self.name)
            ));
        }
        if self.version.is_empty() {
            return err("chart.metadata.version is required".into());
        }
        if Version::parse_loose(&self.version).is_err() {
            return err(format!(
                "chart.metadata.version {} is invalid",
                go_quote(&self.version)
            ));
        }
        if !matches!(self.chart_type.as_str(), "" | "application" | "library") {
            return err("chart.metadata.type must be application or library".into());
        }
        if self.maintainers.iter().any(Option::is_none) {
            return err("maintainers must not contain empty or null nodes".into());
        }
        let mut seen = std::collections::HashSet::new();
        for dep in &self.dependencies {
            let Some(dep) = dep else {
                return err("dependencies must not contain empty or null nodes".into());
            };
            if !dep.alias.is_empty() && !ALIAS.is_match(&dep.alias) {
                return err(format!(
                    "dependency {} has disallowed characters in the alias",
                    go_quote(&dep.name)
                ));
            }
            let key = dep.effective_name();
            if !seen.insert(key.to_string()) {
                return err(format!(
                    "more than one dependency with name or alias {}",
                    go_quote(key)
                ));
            }
        }
        Ok(())
    }

    fn sanitize(&mut self) {
        for s in [
            &mut self.name,
            &mut self.description,
            &mut self.home,
            &mut self.icon,
            &mut self.condition,
            &mut self.tags,
            &mut self.app_version,
            &mut self.kube_version,
        ] {
            sanitize_in_place(s);
        }
        for s in self.sources.iter_mut().chain(self.keywords.iter_mut()) {
            sanitize_in_place(s);
        }
        for m in self.maintainers.iter_mut().flatten() {
            sanitize_in_place(&mut m.name);
            sanitize_in_place(&mut m.email);
            sanitize_in_place(&mut m.url);
        }
        for d in self.dependencies.iter_mut().flatten() {
            for s in [
                &mut d.name,
                &mut d.version,
                &mut d.repository,
                &mut d.condition,
                &mut d.alias,
            ] {
                sanitize_in_place(s);
            }
            for t in d.tags.iter_mut() {
                sanitize_in_place(t);
            }
        }
    }

    /// The metadata as Go's `json.Marshal(chart.Metadata)` sees it (field
    /// names and omitempty rules), as a value for YAML/JSON output.
    /// `with_dependencies=false` drops them (v1 charts when packaging).
    pub fn to_value(&self, with_dependencies: bool) -> Value {
        let mut m = Map::new();
        put_str(&mut m, "name", &self.name);
        put_str(&mut m, "home", &self.home);
        put_list(&mut m, "sources", &self.sources);
        put_str(&mut m, "version", &self.version);
        put_str(&mut m, "description", &self.description);
        put_list(&mut m, "keywords", &self.keywords);
        if !self.maintainers.is_empty() {
            let l = self
                .maintainers
                .iter()
                .map(|mt| match mt {
                    None => Value::Null,
                    Some(mt) => {
                        let mut x = Map::new();
                        put_str(&mut x, "name", &mt.name);
                        put_str(&mut x, "email", &mt.email);
                        put_str(&mut x, "url", &mt.url);
                        Value::map(x)
                    }
                })
                .collect();
            m.insert("maintainers".into(), Value::list(l));
        }
        put_str(&mut m, "icon", &self.icon);
        put_str(&mut m, "apiVersion", &self.api_version);
        put_str(&mut m, "condition", &self.condition);
        put_str(&mut m, "tags", &self.tags);
        put_str(&mut m, "appVersion", &self.app_version);
        if self.deprecated {
            m.insert("deprecated".into(), Value::Bool(true));
        }
        if let Some(a) = self.annotations.as_ref().filter(|a| !a.is_empty()) {
            let x: Map = a
                .iter()
                .map(|(k, v)| (k.clone(), Value::str(v.clone())))
                .collect();
            m.insert("annotations".into(), Value::map(x));
        }
        put_str(&mut m, "kubeVersion", &self.kube_version);
        if with_dependencies && !self.dependencies.is_empty() {
            m.insert(
                "dependencies".into(),
                dependencies_value(&self.dependencies),
            );
        }
        put_str(&mut m, "type", &self.chart_type);
        Value::map(m)
    }
}

fn dependencies_value(deps: &[Option<Dependency>]) -> Value {
    Value::list(
        deps.iter()
            .map(|d| d.as_ref().map_or(Value::Null, Dependency::to_value))
            .collect(),
    )
}

impl Dependency {
    /// The name the dependency is known by in the parent: alias or name.
    pub fn effective_name(&self) -> &str {
        if self.alias.is_empty() {
            &self.name
        } else {
            &self.alias
        }
    }

    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("name".into(), Value::str(self.name.clone()));
        put_str(&mut m, "version", &self.version);
        m.insert("repository".into(), Value::str(self.repository.clone()));
        put_str(&mut m, "condition", &self.condition);
        put_list(&mut m, "tags", &self.tags);
        if self.enabled {
            m.insert("enabled".into(), Value::Bool(true));
        }
        if !self.import_values.is_empty() {
            m.insert(
                "import-values".into(),
                Value::list(self.import_values.clone()),
            );
        }
        put_str(&mut m, "alias", &self.alias);
        Value::map(m)
    }
}

impl Lock {
    pub fn from_yaml(data: &[u8]) -> Result<Lock, String> {
        let e = top_entries(data)?;
        Ok(Lock {
            generated: str_field(&e, "generated", "Lock.generated")?,
            digest: str_field(&e, "digest", "Lock.digest")?,
            dependencies: decode_dependencies(field(&e, "dependencies"), "Lock.dependencies")?,
        })
    }

    /// The generation time as Go marshals a `time.Time` (RFC3339Nano), and
    /// its Unix seconds; `None` when it is not a valid time.
    pub fn generated_time(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        chrono::DateTime::parse_from_rfc3339(self.generated.trim()).ok()
    }

    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        let generated = match self.generated_time() {
            Some(t) => format_rfc3339_nano(&t),
            None => "0001-01-01T00:00:00Z".to_string(),
        };
        m.insert("generated".into(), Value::str(generated));
        m.insert("digest".into(), Value::str(self.digest.clone()));
        m.insert(
            "dependencies".into(),
            if self.dependencies.is_empty() {
                Value::Null
            } else {
                dependencies_value(&self.dependencies)
            },
        );
        Value::map(m)
    }
}

/// Go's `time.RFC3339Nano` formatting: fractional seconds with trailing
/// zeros removed, `Z` for UTC.
pub fn format_rfc3339_nano(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    use chrono::{Datelike, Timelike};
    let mut s = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    let nanos = t.nanosecond() % 1_000_000_000;
    if nanos != 0 {
        let frac = format!("{nanos:09}");
        s.push('.');
        s.push_str(frac.trim_end_matches('0'));
    }
    let off = t.offset().local_minus_utc();
    if off == 0 {
        s.push('Z');
    } else {
        let sign = if off < 0 { '-' } else { '+' };
        let off = off.abs();
        s.push_str(&format!("{sign}{:02}:{:02}", off / 3600, (off % 3600) / 60));
    }
    s
}

fn put_str(m: &mut Map, k: &str, v: &str) {
    if !v.is_empty() {
        m.insert(k.to_string(), Value::str(v));
    }
}

fn put_list(m: &mut Map, k: &str, v: &[String]) {
    if !v.is_empty() {
        m.insert(
            k.to_string(),
            Value::list(v.iter().map(|s| Value::str(s.clone())).collect()),
        );
    }
}

static ALIAS: LazyLock<AliasMatcher> = LazyLock::new(|| AliasMatcher);

/// `^[a-zA-Z0-9_-]+$`
struct AliasMatcher;
impl AliasMatcher {
    fn is_match(&self, s: &str) -> bool {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    }
}

/// Helm's sanitizeString: unicode white space becomes a plain space,
/// non-printable characters are removed.
fn sanitize_in_place(s: &mut String) {
    if s.chars()
        .all(|c| (c == ' ' || !c.is_whitespace()) && !c.is_control())
    {
        return;
    }
    *s = s
        .chars()
        .filter_map(|c| {
            if c.is_whitespace() {
                Some(' ')
            } else if c.is_control() {
                None
            } else {
                Some(c)
            }
        })
        .collect();
}

/// Go's `%q` for simple strings (enough for error messages).
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(y: &str) -> Metadata {
        let mut m = Metadata::default();
        m.merge_yaml(y.as_bytes()).expect("decodes");
        m
    }

    #[test]
    fn scalars_become_strings_like_go() {
        let m = md("name: x\nversion: 1.10\nappVersion: 1.0\nkubeVersion: 2\n");
        assert_eq!(m.version, "1.1");
        assert_eq!(m.app_version, "1");
        assert_eq!(m.kube_version, "2");
    }

    #[test]
    fn validation_messages() {
        let mut m = md("apiVersion: v2\nname: a/b\nversion: 1.0.0\n");
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "validation: chart.metadata.name \"a/b\" is invalid"
        );
        let mut m = md("apiVersion: v2\nname: a\nversion: nope\n");
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "validation: chart.metadata.version \"nope\" is invalid"
        );
        let mut m = md("apiVersion: v2\nname: a\nversion: 1.0.0\ntype: app\n");
        assert!(m.validate().is_err());
        let mut m = md(
            "apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies:\n- name: x\n- name: y\n  alias: x\n",
        );
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "validation: more than one dependency with name or alias \"x\""
        );
    }

    #[test]
    fn wrong_types_are_errors() {
        let mut m = Metadata::default();
        assert!(m.merge_yaml(b"name: [a]\n").is_err());
        assert!(m.merge_yaml(b"- a\n").is_err());
    }

    #[test]
    fn rfc3339_nano() {
        let t = chrono::DateTime::parse_from_rfc3339("2023-01-02T03:04:05.120000+01:00").unwrap();
        assert_eq!(format_rfc3339_nano(&t), "2023-01-02T03:04:05.12+01:00");
        let t = chrono::DateTime::parse_from_rfc3339("2023-01-02T03:04:05Z").unwrap();
        assert_eq!(format_rfc3339_nano(&t), "2023-01-02T03:04:05Z");
    }
}
