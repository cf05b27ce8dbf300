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

fn lint_dir(dir: &Path, _opts: &LintOptions) -> LintResult {
    let mut l = Linter {
        dir: dir.to_path_buf(),
        display: dir.display().to_string(),
        messages: Vec::new(),
    };
    chartfile_rules(&mut l);
    values_rules(&mut l);
    templates_rules(&mut l);
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
        if !cf.version.is_empty() && Version::parse_strict(&cf.version).is_err() {
            Err(format!("version '{}' is not a valid SemVerV2", cf.version))
        } else {
            Ok(())
        },
    );
}

fn values_rules(l: &mut Linter) {
    const F: &str = "values.yaml";
    let p = l.dir.join(F);
    let Ok(data) = fs::read(&p) else {
        l.rule(Severity::Info, F, Err("file does not exist".into()));
        return;
    };
    let text = String::from_utf8_lossy(&data);
    if let Err(e) = yaml::parse_values(&text) {
        l.rule(
            Severity::Error,
            F,
            Err(format!("unable to parse YAML: {e}")),
        );
    }
}

fn templates_rules(l: &mut Linter) {
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
    if let Err(e) = chart::load_dir(&l.dir) {
        l.rule(Severity::Error, F, Err(e.to_string()));
    }
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
    let path = std::path::absolute(&l.dir)
        .unwrap_or_else(|_| l.dir.clone())
        .display()
        .to_string();
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
        && (host.contains('.') || host == "localhost")
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
