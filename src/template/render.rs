//! Rendering a chart tree as Helm's `engine.Render` does: every template of
//! the chart and its enabled subcharts is parsed into one set (so `define`s
//! are global), in Helm's order, then every non-partial file is executed
//! with its chart's scope.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::exec::{Engine, EngineOptions, ExecError, map_of};
use super::objects::{Capabilities, Files};
use super::value::V;
use crate::chart::{Chart, Dependency};
use crate::values::Map;

/// What `.Release` holds.
#[derive(Clone, Debug)]
pub struct ReleaseInfo {
    pub name: String,
    pub namespace: String,
    pub revision: i64,
    pub is_upgrade: bool,
    pub is_install: bool,
}

impl Default for ReleaseInfo {
    fn default() -> Self {
        ReleaseInfo {
            name: "release-name".into(),
            namespace: "default".into(),
            revision: 1,
            is_upgrade: false,
            is_install: true,
        }
    }
}

/// A render failure, worded as Helm 4 words it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct RenderError {
    pub message: String,
    /// The template file that failed, when known.
    pub file: Option<String>,
    /// The offending source line with a caret under the failing column.
    pub snippet: Option<String>,
}

/// A source excerpt pointing at `line:col` (1-based line, 0-based byte column).
pub fn snippet(file: &str, text: &str, line: usize, col: Option<usize>) -> Option<String> {
    let src = text.lines().nth(line.checked_sub(1)?)?;
    let num = line.to_string();
    let pad = " ".repeat(num.len());
    let mut s = format!("{pad}--> {file}:{line}");
    if let Some(c) = col {
        s.push_str(&format!(":{}", c + 1));
    }
    s.push_str(&format!("\n{pad} |\n{num} | {src}\n"));
    if let Some(c) = col {
        let prefix: String = src
            .get(..c.min(src.len()))
            .unwrap_or("")
            .chars()
            .map(|ch| if ch == '\t' { '\t' } else { ' ' })
            .collect();
        s.push_str(&format!("{pad} | {prefix}^\n"));
    }
    Some(s)
}

struct Renderable {
    text: String,
    vals: V,
    base_path: String,
}

fn str_list(v: &[String]) -> V {
    V::list(v.iter().map(V::str).collect())
}

fn dependency_map(d: &Dependency) -> V {
    map_of(vec![
        ("Name", V::str(&d.name)),
        ("Version", V::str(&d.version)),
        ("Repository", V::str(&d.repository)),
        ("Condition", V::str(&d.condition)),
        ("Tags", str_list(&d.tags)),
        ("Enabled", V::Bool(d.enabled)),
        (
            "ImportValues",
            V::list(
                d.import_values
                    .iter()
                    .map(|iv| match iv {
                        crate::values::Value::Map(m) => V::str_map(
                            m.iter()
                                .map(|(k, v)| {
                                    (k.clone(), v.as_str().unwrap_or_default().to_string())
                                })
                                .collect(),
                        ),
                        other => V::from_value(other),
                    })
                    .collect(),
            ),
        ),
        ("Alias", V::str(&d.alias)),
    ])
}

/// `.Chart` as Helm 4 builds it (struct fields as a map, plus `IsRoot`).
pub fn chart_map(c: &Chart, is_root: bool) -> V {
    let md = &c.metadata;
    map_of(vec![
        ("Name", V::str(&md.name)),
        ("Home", V::str(&md.home)),
        ("Sources", str_list(&md.sources)),
        ("Version", V::str(&md.version)),
        ("Description", V::str(&md.description)),
        ("Keywords", str_list(&md.keywords)),
        (
            "Maintainers",
            V::list(
                md.maintainers
                    .iter()
                    .map(|m| match m {
                        None => V::Nil,
                        Some(m) => map_of(vec![
                            ("Name", V::str(&m.name)),
                            ("Email", V::str(&m.email)),
                            ("URL", V::str(&m.url)),
                        ]),
                    })
                    .collect(),
            ),
        ),
        ("Icon", V::str(&md.icon)),
        ("APIVersion", V::str(&md.api_version)),
        ("Condition", V::str(&md.condition)),
        ("Tags", V::str(&md.tags)),
        ("AppVersion", V::str(&md.app_version)),
        ("Deprecated", V::Bool(md.deprecated)),
        (
            "Annotations",
            V::str_map(md.annotations.clone().unwrap_or_default()),
        ),
        ("KubeVersion", V::str(&md.kube_version)),
        (
            "Dependencies",
            V::list(
                md.dependencies
                    .iter()
                    .map(|d| d.as_ref().map_or(V::Nil, dependency_map))
                    .collect(),
            ),
        ),
        ("Type", V::str(&md.chart_type)),
        ("IsRoot", V::Bool(is_root)),
    ])
}

fn files_object(c: &Chart) -> V {
    V::Object(Rc::new(Files {
        files: c
            .files
            .iter()
            .map(|f| (f.name.clone(), f.data.clone()))
            .collect(),
    }))
}

fn collect(
    c: &Chart,
    full_path: &str,
    is_root: bool,
    parent: &V,
    out: &mut BTreeMap<String, Renderable>,
) -> V {
    let subcharts = V::empty_map();
    let values = if is_root {
        parent.get("Values").unwrap_or_else(V::empty_map)
    } else {
        match parent.get("Values").and_then(|v| v.get(c.name())) {
            Some(v @ V::Map(_)) => v,
            _ => V::empty_map(),
        }
    };
    let next = map_of(vec![
        ("Chart", chart_map(c, is_root)),
        ("Files", files_object(c)),
        ("Release", parent.get("Release").unwrap_or(V::Nil)),
        ("Capabilities", parent.get("Capabilities").unwrap_or(V::Nil)),
        ("Values", values),
        ("Subcharts", subcharts.clone()),
    ]);
    for child in &c.dependencies {
        let child_path = format!("{full_path}/charts/{}", child.name());
        let sub = collect(child, &child_path, false, &next, out);
        if let V::Map(m) = &subcharts {
            m.entries.borrow_mut().insert(child.name().to_string(), sub);
        }
    }
    let library = c.is_library();
    for t in &c.templates {
        if library {
            let base = t.name.rsplit('/').next().unwrap_or(&t.name);
            if !base.starts_with('_') {
                continue;
            }
        }
        out.insert(
            format!("{full_path}/{}", t.name),
            Renderable {
                text: String::from_utf8_lossy(&t.data).into_owned(),
                vals: next.clone(),
                base_path: format!("{full_path}/templates"),
            },
        );
    }
    next
}

/// `lookup(apiVersion, kind, namespace, name)` against a live cluster.
pub type LookupFn = std::sync::Arc<
    dyn Fn(&str, &str, &str, &str) -> Result<crate::values::Value, String> + Send + Sync,
>;

/// The `lookup` of a render: none (offline, an empty map) or a cluster's.
#[derive(Clone, Default)]
pub struct Lookup(pub Option<LookupFn>);

impl std::fmt::Debug for Lookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Lookup(live)"
        } else {
            "Lookup(offline)"
        })
    }
}

/// Options of a render.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    pub release: ReleaseInfo,
    pub capabilities: Option<Capabilities>,
    pub engine: EngineOptions,
    pub lookup: Lookup,
}

/// Helm's `parse error at (file:line): message` form.
fn cleanup_parse_error(filename: &str, err: &str) -> String {
    let tokens: Vec<&str> = err.split(": ").collect();
    if tokens.len() == 1 {
        return format!("parse error in ({filename}): {err}");
    }
    format!(
        "parse error at ({}): {}",
        tokens[1],
        tokens[tokens.len() - 1]
    )
}

/// Template source above which a chart's files are parsed on several cores.
const PARALLEL_PARSE_BYTES: usize = 512 * 1024;

/// Stack for rendering: deeply nested `include`/`tpl` chains recurse
/// through the executor (Helm allows 1000 nested includes of one name).
const RENDER_STACK: usize = 512 * 1024 * 1024;

/// Renders every template; returns file key → output (partials excluded,
/// `<no value>` removed).
pub fn render(
    chart: &Chart,
    values: &Map,
    opts: &RenderOptions,
) -> Result<BTreeMap<String, String>, RenderError> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("render".into())
            .stack_size(RENDER_STACK)
            .spawn_scoped(scope, || render_here(chart, values, opts));
        match worker {
            Ok(handle) => handle.join().unwrap_or_else(|_| {
                Err(RenderError {
                    message: "rendering template failed: internal error".into(),
                    file: None,
                    snippet: None,
                })
            }),
            // No thread available: render on the current stack.
            Err(_) => render_here(chart, values, opts),
        }
    })
}

fn render_here(
    chart: &Chart,
    values: &Map,
    opts: &RenderOptions,
) -> Result<BTreeMap<String, String>, RenderError> {
    let caps = opts.capabilities.clone().unwrap_or_default();
    let r = &opts.release;
    let top = map_of(vec![
        (
            "Values",
            V::from_value(&crate::values::Value::map(values.clone())),
        ),
        (
            "Release",
            map_of(vec![
                ("Name", V::str(&r.name)),
                ("Namespace", V::str(&r.namespace)),
                ("IsUpgrade", V::Bool(r.is_upgrade)),
                ("IsInstall", V::Bool(r.is_install)),
                ("Revision", V::Int(r.revision)),
                ("Service", V::str("Helm")),
            ]),
        ),
        ("Capabilities", V::Object(Rc::new(caps))),
    ]);
    let mut tpls = BTreeMap::new();
    collect(chart, chart.name(), true, &top, &mut tpls);

    // Parse order: more slashes first, then name descending.
    let mut keys: Vec<&String> = tpls.keys().collect();
    keys.sort_by(|a, b| {
        let (ca, cb) = (a.matches('/').count(), b.matches('/').count());
        cb.cmp(&ca).then_with(|| b.cmp(a))
    });
    let mut engine = Engine::new(opts.engine.clone());
    if let Some(f) = opts.lookup.0.clone() {
        engine.lookup = Some(Box::new(move |a: &str, k: &str, ns: &str, n: &str| {
            f(a, k, ns, n).map(|v| V::from_value(&v))
        }));
    }
    // Files parse independently (on every core for large charts); they are
    // added in Helm's order and the first failure in that order is reported.
    let sources: Vec<(&String, &str)> = keys.iter().map(|k| (*k, tpls[*k].text.as_str())).collect();
    let parsed = crate::parallel::map_ordered(
        &sources,
        |(_, text)| text.len(),
        PARALLEL_PARSE_BYTES,
        |(k, text)| crate::template::exec::parse_file(k, text),
    );
    for ((k, text), trees) in sources.iter().zip(parsed) {
        match trees {
            Ok(trees) => engine.add_parsed(trees),
            Err(e) => {
                return Err(RenderError {
                    message: cleanup_parse_error(k, &e.to_string()),
                    file: Some((*k).clone()),
                    snippet: snippet(k, text, e.line, e.col),
                });
            }
        }
    }
    let mut out = BTreeMap::new();
    for k in &keys {
        let base = k.rsplit('/').next().unwrap_or(k);
        if base.starts_with('_') {
            continue;
        }
        let r = &tpls[*k];
        if let V::Map(m) = &r.vals {
            m.entries.borrow_mut().insert(
                "Template".into(),
                map_of(vec![
                    ("Name", V::str(k.as_str())),
                    ("BasePath", V::str(&r.base_path)),
                ]),
            );
        }
        match engine.execute(k, &r.vals) {
            Ok(s) => {
                let s = if s.contains("<no value>") {
                    s.replace("<no value>", "")
                } else {
                    s
                };
                out.insert((*k).clone(), s);
            }
            Err(e) => {
                let snip = e.innermost_location().and_then(|(f, line, col)| {
                    engine
                        .source_of(&f)
                        .and_then(|text| snippet(&f, &text, line, Some(col)))
                });
                return Err(RenderError {
                    message: exec_message(k, &e),
                    file: Some((*k).clone()),
                    snippet: snip,
                });
            }
        }
    }
    Ok(out)
}

fn exec_message(file: &str, e: &ExecError) -> String {
    e.helm_message(file)
}

/// Renders a one-off template with no data (`install --name-template`):
/// Go template syntax with the Sprig functions.
pub fn render_standalone(name: &str, src: &str) -> Result<String, String> {
    let mut engine = Engine::new(EngineOptions::default());
    engine
        .add(name, src)
        .map_err(|e| format!("template: {name}: {e}"))?;
    engine
        .execute(name, &V::Nil)
        .map_err(|e| e.helm_message(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standalone_templates_for_release_names() {
        assert_eq!(
            render_standalone(
                "name-template",
                "{{ \"web\" | upper | lower }}-{{ add 1 2 }}"
            )
            .unwrap(),
            "web-3"
        );
        assert_eq!(
            render_standalone("n", "{{ randAlpha 5 | len }}").unwrap(),
            "5"
        );
        assert!(render_standalone("n", "{{ nope }}").is_err());
    }
}
