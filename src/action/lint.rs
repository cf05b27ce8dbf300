//! `capstan lint`: Helm's lint rules for Chart.yaml, values, templates
//! folder, dependencies and CRDs, with Helm's message levels and wording.
//! Template rendering checks join when the template engine lands.

use std::fs;
use std::path::{Path, PathBuf};

use crate::chart::{self, metadata::Metadata};
use crate::constraint::{Constraints, Version};
use crate::values::yaml::{self, Raw};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Info = 1,
    Warning = 2,
    Error = 3,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "INFO",
            Severity::Warning => "WARNING",
            Severity::Error => "ERROR",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub severity: Severity,
    pub path: String,
    pub text: String,
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}] {}: {}",
            self.severity.label(),
            self.path,
            self.text
        )
    }
}

/// The result of linting one chart.
#[derive(Clone, Debug, Default)]
pub struct LintResult {
    pub chart_path: String,
    pub messages: Vec<Message>,
}

impl LintResult {
    pub fn highest(&self) -> Option<Severity> {
        self.messages.iter().map(|m| m.severity).max()
    }
    /// Whether the chart fails: any error, or any warning with `strict`.
    pub fn failed(&self, strict: bool) -> bool {
        match self.highest() {
            Some(Severity::Error) => true,
            Some(Severity::Warning) => strict,
            _ => false,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    pub strict: bool,
    pub with_subcharts: bool,
    /// User values (`-f`/`--set`), already merged.
    pub values: crate::values::Map,
    pub namespace: Option<String>,
    pub kube_version: Option<String>,
    pub skip_schema_validation: bool,
}

struct Linter {
    dir: PathBuf,
    display: String,
    messages: Vec<Message>,
}

impl Linter {
    fn rule(&mut self, sev: Severity, path: &str, r: Result<(), String>) -> bool {
        match r {
            Ok(()) => true,
            Err(text) => {
                self.messages.push(Message {
                    severity: sev,
                    path: path.to_string(),
                    text,
                });
                false
            }
        }
    }
}

/// Lints the chart at `path` (a directory, or an archive which is expanded
/// to a temporary folder first) and, with `with_subcharts`, each subchart
/// directory under `charts/`.
pub fn run(path: &Path, opts: &LintOptions) -> Vec<LintResult> {
    let mut out = Vec::new();
    if path.is_file() {
        let tmp = std::env::temp_dir().join(format!("capstan-lint-{}", std::process::id()));
        let res = fs::File::open(path)
            .map_err(|e| e.to_string())
            .and_then(|f| chart::archive::expand_archive(f, &tmp).map_err(|e| e.to_string()));
        match res {
            Ok(()) => {
                let inner = fs::read_dir(&tmp)
                    .ok()
                    .and_then(|mut d| d.next())
                    .and_then(|e| e.ok())
                    .map(|e| e.path());
                if let Some(inner) = inner {
                    let mut r = lint_dir(&inner, opts);
                    r.chart_path = path.display().to_string();
                    out.push(r);
                }
            }
            Err(e) => out.push(LintResult {
                chart_path: path.display().to_string(),
                messages: vec![Message {
                    severity: Severity::Error,
                    path: String::new(),
                    text: format!("unable to extract tarball\n\t{e}"),
                }],
            }),
        }
        let _ = fs::remove_dir_all(&tmp);
        return out;
    }
    out.push(lint_dir(path, opts));
    if opts.with_subcharts {
        let charts = path.join("charts");
        if let Ok(rd) = fs::read_dir(&charts) {
            let mut subs: Vec<PathBuf> = rd
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect();
            subs.sort();
            for s in subs {
                out.extend(run(&s, opts));
            }
        }
    }
    out
}

fn lint_dir(dir: &Path, opts: &LintOptions) -> LintResult {
    let mut l = Linter {
        dir: dir.to_path_buf(),
        display: dir.display().to_string(),
        messages: Vec::new(),
    };
    chartfile_rules(&mut l);
    values_rules(&mut l, opts);
    templates_rules(&mut l, opts);
    dependency_rules(&mut l);
    crd_rules(&mut l);
    LintResult {
        chart_path: l.display.clone(),
        messages: l.messages,
    }
}

fn chartfile_rules(l: &mut Linter) {
    const F: &str = "Chart.yaml";
    let p = l.dir.join(F);
    if p.is_dir() {
        l.rule(
            Severity::Error,
            F,
            Err("should be a file, not a directory".into()),
        );
        return;
    }
    let data = match fs::read(&p) {
        Ok(d) => d,
        Err(e) => {
            l.rule(
                Severity::Error,
                F,
                Err(format!(
                    "unable to parse YAML\n\topen {}: {}",
                    p.display(),
                    io_text(&e)
                )),
            );
            return;
        }
    };
    let mut cf = Metadata::default();
    if let Err(e) = cf.merge_yaml(&data) {
        l.rule(
            Severity::Error,
            F,
            Err(format!("unable to parse YAML\n\t{e}")),
        );
        return;
    }
    if let Some(e) = crate::action::lint_rules::strict_chartfile_error(&data) {
        let msg = format!("failed to strictly parse chart metadata file\n\t{e}");
        l.rule(Severity::Warning, F, Err(msg));
    }
    // Typed view: numbers are float64 after Helm's YAML→JSON hop.
    let top = yaml::parse_raw(&String::from_utf8_lossy(&data))
        .ok()
        .and_then(|d| d.into_iter().next());
    let type_of = |key: &str| -> Option<&'static str> {
        let Some(Raw::Map(e)) = &top else { return None };
        let (_, v) = e.iter().rev().find(|(k, _)| k == key)?;
        Some(match v {
            Raw::Str(_) => "string",
            Raw::Int(_) | Raw::Uint(_) | Raw::Float(_) => "float64",
            Raw::Bool(_) => "bool",
            Raw::Null => "<nil>",
            Raw::Seq(_) => "[]interface {}",
            Raw::Map(_) => "map[string]interface {}",
        })
    };
    let type_check = |key: &str| match type_of(key) {
        Some(t) if t != "string" => Err(format!(
            "{key} should be of type string but it's of type {t}"
        )),
        _ => Ok(()),
    };
    let name = if cf.name.is_empty() {
        Err("name is required".to_string())
    } else if cf.name.contains('/') {
        Err(format!("chart name {:?} is invalid", cf.name))
    } else {
        Ok(())
    };
    l.rule(Severity::Error, F, name);
    let api = match cf.api_version.as_str() {
        "" => Err("apiVersion is required. The value must be either \"v1\" or \"v2\"".to_string()),
        "v1" | "v2" => Ok(()),
        v => Err(format!(
            "apiVersion '{v}' is not valid. The value must be either \"v1\" or \"v2\""
        )),
    };
    l.rule(Severity::Error, F, api);
    l.rule(Severity::Error, F, type_check("version"));
    let version = if cf.version.is_empty() {
        Err("version is required".to_string())
    } else {
        match Version::parse_loose(&cf.version) {
            Err(_) => Err(format!("version '{}' is not a valid SemVer", cf.version)),
            Ok(v) => match Constraints::parse(">0.0.0-0") {
                Ok(c) => match c.validate(&v) {
                    Ok(()) => Ok(()),
                    Err(msgs) => Err(format!(
                        "version {}",
                        msgs.first().cloned().unwrap_or_default()
                    )),
                },
                Err(_) => Ok(()),
            },
        }
    };
    l.rule(Severity::Error, F, version);
    l.rule(Severity::Error, F, type_check("appVersion"));
    let mut maint = Ok(());
    for m in &cf.maintainers {
        match m {
            None => {
                maint = Err("a maintainer entry is empty".to_string());
                break;
            }
            Some(m) if m.name.is_empty() => {
                maint = Err("each maintainer requires a name".to_string());
                break;
            }
            Some(m) if !m.email.is_empty() && !is_email(&m.email) => {
                maint = Err(format!(
                    "invalid email '{}' for maintainer '{}'",
                    m.email, m.name
                ));
                break;
            }
            Some(m) if !m.url.is_empty() && !is_url(&m.url) => {
                maint = Err(format!(
                    "invalid url '{}' for maintainer '{}'",
                    m.url, m.name
                ));
                break;
            }
            _ => {}
        }
    }
    l.rule(Severity::Error, F, maint);
    let sources = cf
        .sources
        .iter()
        .find(|s| !is_request_url(s))
        .map_or(Ok(()), |s| Err(format!("invalid source URL '{s}'")));
    l.rule(Severity::Error, F, sources);
    l.rule(
        Severity::Info,
        F,
        if cf.icon.is_empty() {
            Err("icon is recommended".into())
        } else {
            Ok(())
        },
    );
    l.rule(
        Severity::Error,
        F,
        if !cf.icon.is_empty() && !is_request_url(&cf.icon) {
            Err(format!("invalid icon URL '{}'", cf.icon))
        } else {
            Ok(())
        },
    );
    l.rule(
        Severity::Error,
        F,
        if !cf.chart_type.is_empty() && cf.api_version != "v2" {
            Err(format!(
                "chart type is not valid in apiVersion '{}'. It is valid in apiVersion 'v2'",
                cf.api_version
            ))
        } else {
            Ok(())
        },
    );
    l.rule(
        Severity::Error,
        F,
        if !cf.dependencies.is_empty() && cf.api_version != "v2" {
            Err(format!(
                "dependencies are not valid in the Chart file with apiVersion '{}'. They are valid in apiVersion 'v2'",
                cf.api_version
            ))
        } else {
            Ok(())
        },
    );
    l.rule(
        Severity::Warning,
        F,
        if Version::parse_strict(&cf.version).is_err() {
            Err(format!("version '{}' is not a valid SemVerV2", cf.version))
        } else {
            Ok(())
        },
    );
}

fn values_rules(l: &mut Linter, opts: &LintOptions) {
    const F: &str = "values.yaml";
    let p = l.dir.join(F);
    let Ok(data) = fs::read(&p) else {
        l.rule(Severity::Info, F, Err("file does not exist".into()));
        return;
    };
    let text = String::from_utf8_lossy(&data);
    let defaults = match yaml::parse_chart_values(&text) {
        Ok(v) => v,
        Err(e) => {
            l.rule(
                Severity::Error,
                F,
                Err(format!(
                    "unable to parse YAML: {}",
                    e.go_message()
                        .replace("map[string]interface {}", "common.Values")
                )),
            );
            return;
        }
    };
    // The chart's own schema against its defaults under the user's values.
    if opts.skip_schema_validation {
        return;
    }
    let Ok(schema) = fs::read(l.dir.join("values.schema.json")) else {
        return;
    };
    let mut merged = opts.values.clone();
    let mut w = Vec::new();
    crate::values::coalesce::coalesce_tables(
        &mut merged,
        defaults.as_map().cloned().unwrap_or_default(),
        &mut w,
    );
    if let Err(lines) = crate::values::schema::validate_single(&merged, &schema) {
        let text = lines
            .iter()
            .map(|(p, m)| format!("- at '{p}': {m}"))
            .collect::<Vec<_>>()
            .join("\n");
        // Helm's schema error text ends with a newline.
        l.rule(Severity::Error, F, Err(format!("{text}\n")));
    }
}

fn templates_rules(l: &mut Linter, opts: &LintOptions) {
    const F: &str = "templates/";
    let p = l.dir.join("templates");
    if !p.exists() {
        l.rule(Severity::Warning, F, Err("directory does not exist".into()));
        return;
    }
    if !p.is_dir() {
        l.rule(Severity::Error, F, Err("not a directory".into()));
        return;
    }
    let ch = match chart::load_dir(&l.dir) {
        Ok(c) => c,
        Err(e) => {
            l.rule(Severity::Error, F, Err(e.to_string()));
            return;
        }
    };
    let caps = match crate::action::template::capabilities(opts.kube_version.as_deref(), &[]) {
        Ok(c) => c,
        Err(e) => {
            l.rule(Severity::Error, F, Err(e.to_string()));
            return;
        }
    };
    let computed = match crate::values::compute(&ch, &opts.values, opts.skip_schema_validation) {
        Ok(c) => c,
        Err(crate::values::ComputeError::Schema(e)) => {
            l.rule(Severity::Error, F, Err(e.to_string()));
            return;
        }
        Err(_) => return,
    };
    let kube_major: u32 = caps.kube_version.major.parse().unwrap_or(0);
    let kube_minor: u32 = caps.kube_version.minor.parse().unwrap_or(0);
    let ropts = crate::template::render::RenderOptions {
        release: crate::template::render::ReleaseInfo {
            name: "test-release".into(),
            namespace: opts.namespace.clone().unwrap_or_default(),
            ..Default::default()
        },
        capabilities: Some(caps),
        engine: crate::template::exec::EngineOptions {
            strict: opts.strict,
            lint_mode: true,
            enable_dns: false,
        },
        lookup: Default::default(),
    };
    let rendered = match crate::template::render::render(&computed.chart, &computed.values, &ropts)
    {
        Ok(r) => r,
        Err(e) => {
            l.rule(Severity::Error, F, Err(e.to_string()));
            return;
        }
    };
    for t in &ch.templates {
        let name = &t.name;
        let ext = std::path::Path::new(name)
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_default();
        l.rule(
            Severity::Error,
            name,
            if [".yaml", ".yml", ".tpl", ".txt"].contains(&ext.as_str()) {
                Ok(())
            } else {
                Err(format!(
                    "file extension '{ext}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt"
                ))
            },
        );
        if ext != ".yaml" && ext != ".yml" {
            continue;
        }
        let Some(content) = rendered.get(&format!("{}/{name}", ch.name())) else {
            continue;
        };
        if content.trim().is_empty() {
            continue;
        }
        if let Some(line) = content.lines().find(|x| !x.trim().is_empty())
            && (line.starts_with(' ') || line.starts_with('\t'))
        {
            {
                l.rule(
                    Severity::Warning,
                    name,
                    Err(format!(
                        "document starts with an illegal indent: {}, which may cause parsing problems",
                        crate::chart::metadata::go_quote(line)
                    )),
                );
            }
        }
        for doc in crate::release::manifest::split_manifests(content) {
            let head = match crate::release::manifest::parse_head(&doc) {
                Ok(h) => h,
                Err(e) => {
                    l.rule(
                        Severity::Error,
                        name,
                        Err(format!("unable to parse YAML: {e}")),
                    );
                    return;
                }
            };
            if head.kind.is_empty() && head.name.is_empty() {
                continue;
            }
            if let Some(msg) = metadata_name_problem(&head.kind, &head.name) {
                l.rule(
                    Severity::Warning,
                    name,
                    Err(format!(
                        "object name does not conform to Kubernetes naming requirements: {}: metadata.name: Invalid value: {}: {msg}",
                        crate::chart::metadata::go_quote(&head.name),
                        crate::chart::metadata::go_quote(&head.name)
                    )),
                );
            }
            let deprecated = crate::action::lint_rules::deprecation_warning(
                &head.api_version,
                &head.kind,
                kube_major,
                kube_minor,
            );
            if let Some(msg) = deprecated {
                l.rule(Severity::Warning, name, Err(msg));
            }
            if matches!(
                head.kind.as_str(),
                "Deployment" | "ReplicaSet" | "DaemonSet" | "StatefulSet"
            ) && !doc.contains("matchLabels")
                && !doc.contains("matchExpressions")
            {
                l.rule(
                    Severity::Error,
                    name,
                    Err(format!(
                        "a {} must contain matchLabels or matchExpressions, and {} does not",
                        head.kind,
                        crate::chart::metadata::go_quote(&head.name)
                    )),
                );
            }
        }
    }
}

/// Kubernetes name rules for the kinds Helm's lint checks (DNS-1123
/// subdomain by default, DNS-1035 label for Services).
fn metadata_name_problem(kind: &str, name: &str) -> Option<String> {
    let lower = kind.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "certificatesigningrequest" | "role" | "clusterrole" | "rolebinding" | "clusterrolebinding"
    ) {
        return None;
    }
    if lower == "service" {
        let ok = !name.is_empty()
            && name.len() <= 63
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        return (!ok).then(|| {
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')".to_string()
        });
    }
    // IsDNS1123Subdomain: 253 characters in all, no limit per label.
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && l.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && l.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let ok = !name.is_empty() && name.len() <= 253 && name.split('.').all(label_ok);
    (!ok).then(|| {
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string()
    })
}

fn dependency_rules(l: &mut Linter) {
    let c = match chart::load_dir(&l.dir) {
        Ok(c) => c,
        Err(e) => {
            l.rule(
                Severity::Error,
                "",
                Err(format!("unable to load chart\n\t{e}")),
            );
            return;
        }
    };
    // Helm names the chart by its absolute folder here.
    let path = go_abs(&l.dir).display().to_string();
    let missing_in_meta: Vec<&str> = c
        .dependencies
        .iter()
        .filter(|d| !c.metadata.deps().any(|m| m.name == d.name()))
        .map(|d| d.name())
        .collect();
    if !missing_in_meta.is_empty() {
        l.rule(
            Severity::Error,
            &path,
            Err(format!(
                "chart metadata is missing these dependencies: {}",
                missing_in_meta.join(",")
            )),
        );
    }
    let missing_in_dir: Vec<&str> = c
        .metadata
        .deps()
        .filter(|m| !c.dependencies.iter().any(|d| d.name() == m.name))
        .map(|m| m.name.as_str())
        .collect();
    if !missing_in_dir.is_empty() {
        l.rule(
            Severity::Warning,
            &path,
            Err(format!(
                "chart directory is missing these dependencies: {}",
                missing_in_dir.join(",")
            )),
        );
    }
}

fn crd_rules(l: &mut Linter) {
    let p = l.dir.join("crds");
    if !p.exists() {
        return;
    }
    if !p.is_dir() {
        l.rule(Severity::Error, "crds/", Err("not a directory".into()));
        return;
    }
    let c = match chart::load_dir(&l.dir) {
        Ok(c) => c,
        Err(e) => {
            l.rule(Severity::Error, "crds/", Err(e.to_string()));
            return;
        }
    };
    for f in c.crd_files() {
        let text = String::from_utf8_lossy(&f.data);
        let docs = match yaml::parse_raw(&text) {
            Ok(d) => d,
            Err(e) => {
                l.rule(
                    Severity::Error,
                    &f.name,
                    Err(format!("unable to parse YAML: {e}")),
                );
                return;
            }
        };
        for d in docs {
            let Raw::Map(e) = d else { continue };
            let get = |k: &str| {
                e.iter()
                    .rev()
                    .find(|(kk, _)| kk == k)
                    .and_then(|(_, v)| match v {
                        Raw::Str(s) => Some(s.clone()),
                        _ => None,
                    })
            };
            let api = get("apiVersion").unwrap_or_default();
            let kind = get("kind").unwrap_or_default();
            l.rule(
                Severity::Error,
                &f.name,
                if api.starts_with("apiextensions.k8s.io") {
                    Ok(())
                } else {
                    Err("apiVersion is not in 'apiextensions.k8s.io'".into())
                },
            );
            l.rule(
                Severity::Error,
                &f.name,
                if kind == "CustomResourceDefinition" {
                    Ok(())
                } else {
                    Err("object kind is not 'CustomResourceDefinition'".into())
                },
            );
        }
    }
}

fn io_text(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        _ => e.to_string(),
    }
}

fn is_request_url(s: &str) -> bool {
    match s.split_once("://") {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !rest.contains(' ')
        }
        None => s.starts_with('/'),
    }
}

fn is_url(s: &str) -> bool {
    if s.is_empty() || s.len() >= 2083 || s.contains(' ') || s.starts_with('.') {
        return false;
    }
    let rest = s.split_once("://").map_or(s, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.is_empty()
        && !s.contains(' ')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// Helm's text output for a lint run; returns (text, failed).
pub fn format_text(results: &[LintResult], strict: bool) -> (String, String, bool) {
    let mut out = String::new();
    let mut failed = 0;
    for r in results {
        out.push_str(&format!("==> Linting {}\n", r.chart_path));
        for m in &r.messages {
            out.push_str(&format!("{m}\n"));
        }
        out.push('\n');
        if r.failed(strict) {
            failed += 1;
        }
    }
    let summary = format!(
        "{} chart(s) linted, {} chart(s) failed",
        results.len(),
        failed
    );
    if failed > 0 {
        (out, format!("Error: {summary}\n"), true)
    } else {
        out.push_str(&summary);
        out.push('\n');
        (out, String::new(), false)
    }
}

/// Go's `filepath.Abs`: absolute and lexically cleaned (`..` resolved
/// without following symbolic links).
fn go_abs(p: &Path) -> PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}
