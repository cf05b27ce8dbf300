//! `helm install`: render the chart against the live cluster, install its
//! CRDs first, then its objects in install order between the pre- and
//! post-install hooks, optionally waiting until they are ready; the
//! release is recorded pending first, then deployed or failed
//! (`--atomic` uninstalls a failed install).

use std::collections::BTreeMap;
use std::time::Duration;

use super::config::{ActionConfig, ActionError, Result, validate_release_name};
use super::hooks::exec_hooks;
use super::template::{Rendered, render_release};
use crate::chart::Chart;
use crate::kube::apply::{self, ApplyMethod};
use crate::kube::ready::ReadyOptions;
use crate::kube::resource::{Resource, ownership_errors};
use crate::kube::wait;
use crate::release::model::{
    APPLY_METHOD_CSA, APPLY_METHOD_SSA, Info, Release, Status, StoredChart, StoredHook, now,
};
use crate::release::storage::{contains_system_labels, system_label_names};
use crate::template::objects::Capabilities;
use crate::template::render::{Lookup, ReleaseInfo};
use crate::values::Map;

/// `--dry-run`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DryRun {
    #[default]
    None,
    /// Render only; no cluster access.
    Client,
    /// Render with the live cluster (lookup, capabilities, conflicts) but
    /// change nothing.
    Server,
}

impl DryRun {
    /// `--dry-run[=client|server|none|true|false]` (`true` is `client`).
    pub fn parse(s: Option<&str>) -> std::result::Result<DryRun, String> {
        match s {
            None | Some("none") | Some("false") => Ok(DryRun::None),
            Some("") | Some("client") | Some("true") => Ok(DryRun::Client),
            Some("server") => Ok(DryRun::Server),
            Some(o) => Err(format!(
                "invalid dry-run value ({o}). Must be \"none\", \"server\", or \"client\""
            )),
        }
    }

    pub fn is_dry(self) -> bool {
        self != DryRun::None
    }
}

/// Waiting options shared by the actions.
#[derive(Clone, Copy, Debug)]
pub struct WaitOptions {
    /// `--wait`: objects ready before the release is marked deployed.
    pub wait: bool,
    pub wait_for_jobs: bool,
    pub timeout: Duration,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            wait: false,
            wait_for_jobs: false,
            timeout: Duration::from_secs(300),
        }
    }
}

impl WaitOptions {
    /// Waits for `rs` when `--wait` was given.
    pub fn wait_for(&self, cfg: &ActionConfig, rs: &[Resource]) -> Result<()> {
        if !self.wait {
            return Ok(());
        }
        let opts = ReadyOptions {
            wait_for_jobs: self.wait_for_jobs,
        };
        cfg.cluster.run(wait::wait_ready(
            cfg.cluster.client(),
            rs,
            opts,
            self.timeout,
        ))?;
        Ok(())
    }
}

#[derive(Clone, Debug, Default)]
pub struct InstallOptions {
    pub release_name: String,
    pub namespace: String,
    pub create_namespace: bool,
    pub dry_run: DryRun,
    pub wait: WaitOptions,
    /// `--atomic` / `--rollback-on-failure`.
    pub atomic: bool,
    pub no_hooks: bool,
    pub skip_crds: bool,
    pub replace: bool,
    pub description: String,
    pub labels: BTreeMap<String, String>,
    pub take_ownership: bool,
    /// `--server-side` (default true).
    pub server_side: bool,
    pub force_conflicts: bool,
    pub skip_schema_validation: bool,
    pub render_subchart_notes: bool,
    pub post_renderer: Option<super::postrender::PostRenderer>,
    pub enable_dns: bool,
    pub hide_secret: bool,
}

/// The parts of a rendered chart a release stores.
pub struct ReleaseParts {
    pub rendered: Rendered,
    pub manifest: String,
    pub hooks: Vec<StoredHook>,
    pub notes: String,
}

/// Rendering switches of install and upgrade.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderFlags {
    pub skip_schema_validation: bool,
    /// `--enable-dns`: `getHostByName` resolves names.
    pub enable_dns: bool,
    /// `--hide-secret` (dry runs only): Secrets left out of the output.
    pub hide_secret: bool,
}

/// Renders `chart` for a release.
pub fn render_for_release(
    chart: &Chart,
    config: &Map,
    release: ReleaseInfo,
    caps: Capabilities,
    lookup: Lookup,
    flags: RenderFlags,
) -> Result<ReleaseParts> {
    let engine = crate::template::exec::EngineOptions {
        enable_dns: flags.enable_dns,
        ..Default::default()
    };
    let rendered = render_release(
        chart,
        config,
        release,
        caps,
        lookup,
        flags.skip_schema_validation,
        engine,
    )?;
    let manifest = rendered.release_manifest_with(flags.hide_secret);
    let hooks = rendered.hooks.iter().map(StoredHook::from).collect();
    let notes = rendered.notes.clone().unwrap_or_default();
    Ok(ReleaseParts {
        rendered,
        manifest,
        hooks,
        notes,
    })
}

pub fn apply_method(server_side: bool, force: bool) -> ApplyMethod {
    if server_side {
        ApplyMethod::ServerSide { force }
    } else {
        ApplyMethod::ClientSide
    }
}

pub fn apply_method_name(server_side: bool) -> String {
    if server_side {
        APPLY_METHOD_SSA.into()
    } else {
        APPLY_METHOD_CSA.into()
    }
}

/// Objects of `rs` that already exist. Unless `take_ownership`, each must
/// belong to this release (Helm's ownership labels and annotations).
pub fn existing_objects(
    cfg: &ActionConfig,
    rs: &[Resource],
    release: &str,
    namespace: &str,
    take_ownership: bool,
) -> Result<Vec<Resource>> {
    let c = cfg.cluster.client();
    let lives = cfg.cluster.run(futures::future::join_all(
        rs.iter().map(|r| apply::get(c, r)),
    ));
    let mut existing = Vec::new();
    for (r, live) in rs.iter().zip(lives) {
        let Some(live) = live? else { continue };
        if !take_ownership {
            let errs = ownership_errors(&live, release, namespace);
            if !errs.is_empty() {
                return Err(ActionError::new(format!(
                    "{} exists and cannot be imported into the current release: invalid ownership metadata; {}\n(capstan: the object belongs to another release or to no release; delete it, or pass --take-ownership to adopt it)",
                    r.describe(),
                    errs.join("; ")
                )));
            }
        }
        existing.push(r.clone());
    }
    Ok(existing)
}

/// Creates the chart's CRDs that do not exist yet and waits until they are
/// established, then rediscovers the served kinds.
fn install_crds(cfg: &mut ActionConfig, crds: &[(String, Vec<u8>)]) -> Result<()> {
    let mut created = Vec::new();
    for (path, data) in crds {
        let text = String::from_utf8_lossy(data);
        let rs = cfg
            .cluster
            .build(&text, "")
            .map_err(|e| ActionError::new(format!("failed to install CRD {path}: {e}")))?;
        for r in rs {
            let c = cfg.cluster.client();
            if cfg.cluster.run(apply::get(c, &r))?.is_some() {
                continue;
            }
            match cfg.cluster.run(apply::create(c, &r)) {
                Ok(_) => created.push(r),
                Err(e) if e.is_conflict() => {}
                Err(e) => {
                    return Err(ActionError::new(format!(
                        "failed to install CRD {path}: {e}"
                    )));
                }
            }
        }
    }
    if !created.is_empty() {
        let c = cfg.cluster.client();
        cfg.cluster.run(wait::wait_ready(
            c,
            &created,
            ReadyOptions::default(),
            Duration::from_secs(60),
        ))?;
        cfg.cluster.rediscover()?;
    }
    Ok(())
}

/// The first revision of a release: rendered with `caps` and `lookup`,
/// post-rendered, not stored.
fn new_release(
    chart: &Chart,
    config: &Map,
    opts: &InstallOptions,
    ns: &str,
    caps: Capabilities,
    lookup: Lookup,
) -> Result<Release> {
    let name = opts.release_name.as_str();
    let release_info = ReleaseInfo {
        name: name.to_string(),
        namespace: ns.to_string(),
        revision: 1,
        is_upgrade: false,
        is_install: true,
    };
    let parts = render_for_release(
        chart,
        config,
        release_info,
        caps,
        lookup,
        RenderFlags {
            skip_schema_validation: opts.skip_schema_validation,
            enable_dns: opts.enable_dns,
            hide_secret: opts.hide_secret,
        },
    )?;
    let manifest = super::postrender::apply(opts.post_renderer.as_ref(), parts.manifest.clone())?;
    let ts = now();
    Ok(Release {
        name: name.to_string(),
        namespace: ns.to_string(),
        chart: Some(StoredChart::from_chart(&parts.rendered.chart)),
        config: config.clone(),
        manifest,
        hooks: parts.hooks.clone(),
        version: 1,
        info: Some(Info {
            first_deployed: Some(ts),
            last_deployed: Some(ts),
            notes: parts.notes.clone(),
            ..Default::default()
        }),
        labels: opts.labels.clone(),
        apply_method: Some(apply_method_name(opts.server_side)),
    })
}

/// Helm's release name rule and the reserved label names.
fn check_name_and_labels(opts: &InstallOptions) -> Result<()> {
    let name = opts.release_name.as_str();
    validate_release_name(name).map_err(|e| {
        ActionError::new(format!(
            "release name check failed: release name {name:?}: {e}"
        ))
    })?;
    if contains_system_labels(&opts.labels) {
        return Err(ActionError::new(format!(
            "user supplied labels contains system reserved label name. System labels: {}",
            system_label_names()
        )));
    }
    Ok(())
}

/// `install --dry-run` (client): rendered without any cluster access.
pub fn install_client_dry_run(
    chart: &Chart,
    config: &Map,
    opts: &InstallOptions,
) -> Result<Release> {
    check_name_and_labels(opts)?;
    let ns = if opts.namespace.is_empty() {
        "default"
    } else {
        opts.namespace.as_str()
    };
    let mut rel = new_release(
        chart,
        config,
        opts,
        ns,
        Capabilities::default(),
        Lookup::default(),
    )?;
    rel.set_status(Status::PendingInstall, "Dry run complete");
    Ok(rel)
}

/// Installs `chart` as a new release; `config` holds the user's values.
/// Returns the release (for dry runs, the rendered one).
pub fn install(
    cfg: &mut ActionConfig,
    chart: &Chart,
    config: &Map,
    opts: &InstallOptions,
) -> Result<Release> {
    if opts.dry_run == DryRun::Client {
        return install_client_dry_run(chart, config, opts);
    }
    let name = opts.release_name.as_str();
    check_name_and_labels(opts)?;
    if opts.hide_secret && !opts.dry_run.is_dry() {
        return Err(ActionError::new(
            "hiding Kubernetes secrets requires a dry-run mode",
        ));
    }
    let ns = if opts.namespace.is_empty() {
        cfg.namespace.clone()
    } else {
        opts.namespace.clone()
    };
    let mut replaced: Option<Release> = None;
    if !opts.dry_run.is_dry() {
        let hist = cfg.storage.history(name).unwrap_or_default();
        if let Some(last) = hist.iter().max_by_key(|r| r.version) {
            let st = last.status();
            if opts.replace && (st == Status::Uninstalled || st == Status::Failed) {
                replaced = Some(last.clone());
            } else {
                return Err(ActionError::new(
                    "release name check failed: cannot reuse a name that is still in use",
                ));
            }
        }
    }
    let crds = if opts.skip_crds {
        Vec::new()
    } else {
        super::template::chart_crds(chart, config)?
    };
    if !crds.is_empty() {
        if opts.dry_run.is_dry() {
            eprintln!(
                "WARNING: This chart or one of its subcharts contains CRDs. Rendering may fail or contain inaccuracies."
            );
        } else {
            install_crds(cfg, &crds)?;
        }
    }
    let (caps, lookup) = cfg.cluster.render_context(true)?;
    let wait_opts = WaitOptions {
        wait: opts.wait.wait || opts.atomic,
        ..opts.wait
    };
    let mut rel = new_release(chart, config, opts, &ns, caps, lookup)?;
    rel.set_status(Status::PendingInstall, "Initial install underway");
    let mut resources = cfg.cluster.build(&rel.manifest, &ns).map_err(|e| {
        ActionError::new(format!(
            "unable to build kubernetes objects from release manifest: {e}"
        ))
    })?;
    for r in &mut resources {
        r.set_owner(name, &ns);
    }
    let adopted = existing_objects(cfg, &resources, name, &ns, opts.take_ownership)
        .map_err(|e| e.context("unable to continue with install"))?;
    if opts.dry_run.is_dry() {
        rel.set_status(Status::PendingInstall, "Dry run complete");
        return Ok(rel);
    }
    if opts.create_namespace {
        create_namespace(cfg, &ns)?;
    }
    if let Some(last) = &mut replaced {
        // Helm's replaceRelease: the next revision number; a failed last
        // revision stays as it is, any other is superseded.
        rel.version = last.version + 1;
        if last.status() != Status::Failed {
            last.set_status(Status::Superseded, "superseded by new release");
            cfg.record(last);
        }
    }
    cfg.storage.create(&rel)?;
    let method = apply_method(opts.server_side, opts.force_conflicts);
    match perform_install(cfg, &mut rel, &resources, &adopted, opts, wait_opts, method) {
        Ok(()) => {
            let desc = if opts.description.is_empty() {
                "Install complete".to_string()
            } else {
                opts.description.clone()
            };
            rel.set_status(Status::Deployed, desc);
            cfg.record(&rel);
            Ok(rel)
        }
        Err(e) => {
            rel.set_status(Status::Failed, format!("Release {name:?} failed: {}", e.0));
            if opts.atomic {
                crate::kube::cancel::reset();
                let un = super::uninstall::UninstallOptions {
                    disable_hooks: opts.no_hooks,
                    keep_history: false,
                    wait: wait_opts,
                    ..Default::default()
                };
                cfg.record(&rel);
                if let Err(ue) = super::uninstall::uninstall(cfg, name, &un) {
                    return Err(ActionError::new(format!(
                        "an error occurred while uninstalling the release. original install error: {}: {}",
                        e.0, ue.0
                    )));
                }
                return Err(ActionError::new(format!(
                    "release {name} failed, and has been uninstalled due to rollback-on-failure being set: {}",
                    e.0
                )));
            }
            cfg.record(&rel);
            Err(e)
        }
    }
}

fn perform_install(
    cfg: &ActionConfig,
    rel: &mut Release,
    resources: &[Resource],
    adopted: &[Resource],
    opts: &InstallOptions,
    wait_opts: WaitOptions,
    method: ApplyMethod,
) -> Result<()> {
    if !opts.no_hooks {
        exec_hooks(cfg, rel, "pre-install", wait_opts.timeout, method)
            .map_err(|e| e.context("failed pre-install"))?;
    }
    let c = cfg.cluster.client();
    if adopted.is_empty() {
        cfg.cluster.run(apply::create_all(c, resources, method))?;
    } else {
        cfg.cluster
            .run(apply::update_all(c, adopted, resources, method))
            .map_err(|(_, e)| ActionError::from(e))?;
    }
    wait_opts.wait_for(cfg, resources)?;
    if !opts.no_hooks {
        exec_hooks(cfg, rel, "post-install", wait_opts.timeout, method)
            .map_err(|e| e.context("failed post-install"))?;
    }
    Ok(())
}

/// `--create-namespace`: the namespace with Helm's `name` label; an
/// existing one is left as it is.
pub fn create_namespace(cfg: &ActionConfig, ns: &str) -> Result<()> {
    let manifest = format!(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n  labels:\n    name: {ns}\n"
    );
    let rs = cfg.cluster.build(&manifest, "")?;
    let c = cfg.cluster.client();
    if cfg.cluster.run(apply::get(c, &rs[0]))?.is_some() {
        return Ok(());
    }
    match cfg.cluster.run(apply::create(c, &rs[0])) {
        Ok(_) => Ok(()),
        Err(e) if e.is_conflict() => Ok(()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dry_run_values() {
        assert_eq!(DryRun::parse(None).unwrap(), DryRun::None);
        assert_eq!(DryRun::parse(Some("client")).unwrap(), DryRun::Client);
        assert_eq!(DryRun::parse(Some("true")).unwrap(), DryRun::Client);
        assert_eq!(DryRun::parse(Some("server")).unwrap(), DryRun::Server);
        assert_eq!(DryRun::parse(Some("false")).unwrap(), DryRun::None);
        assert!(DryRun::parse(Some("maybe")).is_err());
    }
}
