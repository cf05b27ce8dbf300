//! `capstan template`: render a chart locally and print it as `helm
//! template` does.

use std::path::Path;

use crate::chart::{self, Chart};
use crate::release::manifest::{self, Hook, Manifest};
use crate::template::objects::{Capabilities, KubeVersion};
use crate::template::render::{self, Lookup, ReleaseInfo, RenderOptions};
use crate::values::{self, Map, options::ValueOptions};

#[derive(Clone, Debug, Default)]
pub struct TemplateOptions {
    pub release_name: Option<String>,
    pub namespace: String,
    pub values: ValueOptions,
    pub kube_version: Option<String>,
    pub api_versions: Vec<String>,
    pub is_upgrade: bool,
    pub include_crds: bool,
    pub skip_crds: bool,
    pub skip_tests: bool,
    pub no_hooks: bool,
    pub skip_schema_validation: bool,
    pub show_only: Vec<String>,
}

/// The result of rendering: sorted manifests, hooks, notes and CRDs.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub manifests: Vec<Manifest>,
    pub hooks: Vec<Hook>,
    pub notes: Option<String>,
    /// (full path, bytes) of every CRD file of the chart tree.
    pub crds: Vec<(String, Vec<u8>)>,
    pub chart: Chart,
    pub values: Map,
}

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error(transparent)]
    Chart(#[from] chart::ChartError),
    #[error(transparent)]
    Values(#[from] values::options::ValuesError),
    #[error(transparent)]
    Compute(#[from] values::ComputeError),
    #[error(transparent)]
    Render(#[from] render::RenderError),
    /// A rendered document Helm cannot read back (`YAML parse error on ...`).
    #[error("{0}")]
    Manifest(String),
    #[error("{0}")]
    Other(String),
}

/// Capabilities for `--kube-version` / `--api-versions`.
pub fn capabilities(
    kube_version: Option<&str>,
    api_versions: &[String],
) -> Result<Capabilities, TemplateError> {
    let mut caps = Capabilities::default();
    if let Some(kv) = kube_version {
        caps.kube_version = KubeVersion::parse(kv).ok_or_else(|| {
            TemplateError::Other(format!(
                "invalid kube version {kv:?}: use a version such as 1.30.0"
            ))
        })?;
    }
    caps.api_versions.0.extend(api_versions.iter().cloned());
    Ok(caps)
}

/// Renders a loaded chart with user values.
pub fn render_chart(
    ch: &Chart,
    config: &Map,
    opts: &TemplateOptions,
) -> Result<Rendered, TemplateError> {
    let caps = capabilities(opts.kube_version.as_deref(), &opts.api_versions)?;
    let release = ReleaseInfo {
        name: opts
            .release_name
            .clone()
            .unwrap_or_else(|| "release-name".into()),
        namespace: if opts.namespace.is_empty() {
            "default".into()
        } else {
            opts.namespace.clone()
        },
        revision: 1,
        is_upgrade: opts.is_upgrade,
        is_install: !opts.is_upgrade,
    };
    render_release(
        ch,
        config,
        release,
        caps,
        Lookup::default(),
        opts.skip_schema_validation,
        Default::default(),
    )
}

/// Renders a chart for a release: values computed (dependencies, schema),
/// templates executed with `caps` and `lookup`, output sorted into hooks
/// and manifests in install order, notes of the top chart kept apart.
pub fn render_release(
    ch: &Chart,
    config: &Map,
    release: ReleaseInfo,
    caps: Capabilities,
    lookup: Lookup,
    skip_schema_validation: bool,
    engine: crate::template::exec::EngineOptions,
) -> Result<Rendered, TemplateError> {
    match ch.metadata.chart_type.as_str() {
        "" | "application" => {}
        _ => {
            return Err(TemplateError::Other(
                "library charts are not installable".into(),
            ));
        }
    }
    if !ch.metadata.kube_version.is_empty()
        && !chart::dependency::is_compatible_range(
            &ch.metadata.kube_version,
            &caps.kube_version.version,
        )
    {
        return Err(TemplateError::Other(format!(
            "chart requires kubeVersion: {} which is incompatible with Kubernetes {}",
            ch.metadata.kube_version, caps.kube_version.version
        )));
    }
    let computed = values::compute(ch, config, true)?;
    let ropts = RenderOptions {
        release,
        capabilities: Some(caps),
        engine,
        lookup,
    };
    // Helm validates the values against values.schema.json before rendering
    // and a schema error wins over a render error; the two do not depend on
    // each other, so the check runs on another core while rendering goes on.
    let check = !skip_schema_validation && values::schema::any_schema(&computed.chart);
    let (checked, files) = std::thread::scope(|scope| {
        let validate = || values::schema::validate(&computed.chart, &computed.values);
        let worker = if check {
            std::thread::Builder::new()
                .name("schema".into())
                .spawn_scoped(scope, validate)
                .ok()
        } else {
            None
        };
        if check && worker.is_none() {
            // No thread to be had: validate first, as Helm does.
            if let Err(e) = validate() {
                return (Err(e), Ok(Default::default()));
            }
        }
        let files = render::render(&computed.chart, &computed.values, &ropts);
        let checked = match worker {
            Some(h) => h
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => Ok(()),
        };
        (checked, files)
    });
    checked.map_err(values::ComputeError::from)?;
    let mut files = files?;
    let notes_key = format!("{}/templates/NOTES.txt", computed.chart.name());
    let mut notes = None;
    files.retain(|k, v| {
        if k.ends_with("NOTES.txt") {
            if *k == notes_key {
                notes = Some(v.clone());
            }
            false
        } else {
            true
        }
    });
    let (hooks, manifests) = manifest::sort_manifests(&files).map_err(TemplateError::Manifest)?;
    let crds = computed
        .chart
        .crd_objects()
        .into_iter()
        .map(|(p, f)| (p, f.data.to_vec()))
        .collect();
    Ok(Rendered {
        manifests,
        hooks,
        notes,
        crds,
        chart: computed.chart,
        values: computed.values,
    })
}

/// The CRD files of the chart tree with the user's values (disabled
/// subcharts left out), as Helm installs them before rendering.
pub fn chart_crds(ch: &Chart, config: &Map) -> Result<Vec<(String, Vec<u8>)>, TemplateError> {
    let mut c = ch.clone();
    let mut warnings = Vec::new();
    chart::dependency::process_dependencies(&mut c, config, &mut warnings)
        .map_err(|e| TemplateError::Compute(values::ComputeError::from(e)))?;
    Ok(c.crd_objects()
        .into_iter()
        .map(|(p, f)| (p, f.data.to_vec()))
        .collect())
}

impl Rendered {
    /// The release manifest as Helm stores it: every document with its
    /// `# Source:` line, in install order.
    pub fn release_manifest(&self) -> String {
        self.release_manifest_with(false)
    }

    /// The release manifest; `hide_secret` (`--hide-secret` with a dry run)
    /// replaces every v1 Secret with Helm's `# HIDDEN` line.
    pub fn release_manifest_with(&self, hide_secret: bool) -> String {
        let mut b = String::new();
        for m in &self.manifests {
            b.push_str("---\n# Source: ");
            b.push_str(&m.name);
            b.push('\n');
            if hide_secret && m.head.kind == "Secret" && m.head.api_version == "v1" {
                b.push_str("# HIDDEN: The Secret output has been suppressed\n");
                continue;
            }
            b.push_str(&m.content);
            b.push('\n');
        }
        b
    }
}

/// What `helm template` prints.
pub fn template_output(r: &Rendered, opts: &TemplateOptions) -> Result<String, TemplateError> {
    // Every document as `---\n# Source: PATH\nCONTENT\n`, written once
    // into a buffer of the final size (charts of CRDs print megabytes).
    let crds: Vec<(&str, std::borrow::Cow<'_, str>)> = if opts.include_crds && !opts.skip_crds {
        r.crds
            .iter()
            .map(|(path, data)| (path.as_str(), String::from_utf8_lossy(data)))
            .collect()
    } else {
        Vec::new()
    };
    let hooks: Vec<(&str, &str)> = if opts.no_hooks {
        Vec::new()
    } else {
        r.hooks
            .iter()
            .filter(|h| {
                !(opts.skip_tests && h.events.iter().any(|e| e == "test" || e == "test-success"))
            })
            .map(|h| (h.path.as_str(), h.manifest.as_str()))
            .collect()
    };
    let body = crds.iter().map(|(p, c)| (*p, c.as_ref())).chain(
        r.manifests
            .iter()
            .map(|m| (m.name.as_str(), m.content.as_str())),
    );
    let framed = |(p, c): (&str, &str)| "---\n# Source: \n\n".len() + p.len() + c.len();
    let size = body.clone().map(framed).sum::<usize>()
        + hooks.iter().copied().map(framed).sum::<usize>()
        + 1;
    let mut out = String::with_capacity(size);
    let push = |out: &mut String, (p, c): (&str, &str)| {
        out.push_str("---\n# Source: ");
        out.push_str(p);
        out.push('\n');
        out.push_str(c);
        out.push('\n');
    };
    for doc in body {
        push(&mut out, doc);
    }
    // Helm trims the documents (not the hooks) as one string.
    out.truncate(out.trim_end().len());
    out.push('\n');
    for doc in hooks {
        push(&mut out, doc);
    }
    if opts.show_only.is_empty() {
        return Ok(out);
    }
    // --show-only: re-split and keep matching sources, pattern by pattern.
    let mut docs: Vec<(String, String)> = Vec::new();
    for d in manifest::split_manifests(&out) {
        if let Some(rest) = d.strip_prefix("# Source: ") {
            let (src, _) = rest.split_once('\n').unwrap_or((rest, ""));
            docs.push((src.to_string(), d.clone()));
        }
    }
    let mut shown = String::new();
    for pat in &opts.show_only {
        let mut found = false;
        for (src, d) in &docs {
            let sub = src.split_once('/').map_or(src.as_str(), |(_, r)| r);
            if crate::chart::ignore::filepath_match(pat, sub).unwrap_or(false) {
                found = true;
                shown.push_str(&format!("---\n{d}\n"));
            }
        }
        if !found {
            return Err(TemplateError::Other(format!(
                "could not find template {pat} in chart"
            )));
        }
    }
    Ok(shown)
}

/// Loads the chart at `path`, merges values and renders it.
pub fn run(path: &Path, opts: &TemplateOptions) -> Result<String, TemplateError> {
    let ch = chart::load(path)?;
    let config = opts.values.merge_values()?;
    let r = render_chart(&ch, &config, opts)?;
    template_output(&r, opts)
}

/// `--output-dir`: writes every document to `DIR/<source path>` (under
/// `DIR/<release>/` with `use_release_name`), further documents of the same
/// file appended after a `---` separator. Returns the written paths in
/// order (one per document, as Helm prints `wrote PATH`).
pub fn write_output_dir(
    r: &Rendered,
    opts: &TemplateOptions,
    dir: &Path,
    use_release_name: bool,
) -> Result<Vec<String>, TemplateError> {
    let base = if use_release_name {
        dir.join(opts.release_name.as_deref().unwrap_or("release-name"))
    } else {
        dir.to_path_buf()
    };
    let mut written: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut write = |name: &str, data: &str| -> Result<(), TemplateError> {
        let path = base.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| TemplateError::Other(format!("{}: {e}", parent.display())))?;
        }
        let append = !written.insert(name.to_string());
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(&path)
            .map_err(|e| TemplateError::Other(format!("{}: {e}", path.display())))?;
        use std::io::Write;
        write!(f, "---\n# Source: {name}\n{data}\n")
            .map_err(|e| TemplateError::Other(format!("{}: {e}", path.display())))?;
        out.push(path.display().to_string());
        Ok(())
    };
    if opts.include_crds && !opts.skip_crds {
        for (p, data) in &r.crds {
            write(p, &String::from_utf8_lossy(data))?;
        }
    }
    for m in &r.manifests {
        write(&m.name, &m.content)?;
    }
    if !opts.no_hooks {
        for h in &r.hooks {
            if opts.skip_tests && h.events.iter().any(|e| e == "test" || e == "test-success") {
                continue;
            }
            write(&h.path, &h.manifest)?;
        }
    }
    Ok(out)
}

impl TemplateError {
    /// Whether Helm adds "Use --debug flag to render out invalid YAML".
    pub fn is_render_failure(&self) -> bool {
        matches!(self, TemplateError::Render(_) | TemplateError::Manifest(_))
    }
}
