//! `helm upgrade`: a new revision from a chart and values (reused, reset
//! or merged as asked), applied between the pre- and post-upgrade hooks;
//! objects that left the chart are deleted unless kept by policy. The
//! previous revision is superseded on success; a failure marks the new
//! revision failed and, with `--atomic`, rolls back to the last good one.

use super::config::{ActionConfig, ActionError, Result, validate_release_name};
use super::hooks::exec_hooks;
use super::install::{
    DryRun, RenderFlags, WaitOptions, apply_method_name, existing_objects, render_for_release,
};
use super::rollback::{RollbackOptions, rollback};
use crate::chart::Chart;
use crate::kube::apply::{self, ApplyMethod, Cascade};
use crate::kube::resource::Resource;
use crate::release::model::{Info, Release, Status, StoredChart, now};
use crate::release::storage::{contains_system_labels, system_label_names};
use crate::template::render::ReleaseInfo;
use crate::values::coalesce::{coalesce_tables, coalesce_values};
use crate::values::{Map, Value};

/// Helm's message for an upgrade of a release that is being changed.
pub const ERR_PENDING: &str = "another operation (install/upgrade/rollback) is in progress";

#[derive(Clone, Debug)]
pub struct UpgradeOptions {
    pub dry_run: DryRun,
    pub wait: WaitOptions,
    pub atomic: bool,
    pub no_hooks: bool,
    pub reuse_values: bool,
    pub reset_values: bool,
    pub reset_then_reuse_values: bool,
    /// Revisions kept (Helm's upgrade default: 10; 0 = no limit).
    pub max_history: usize,
    pub cleanup_on_fail: bool,
    /// `--force-replace` (`--force`).
    pub force_replace: bool,
    /// `--server-side`: `auto` (follow the previous revision), `true`,
    /// `false`.
    pub server_side: String,
    pub force_conflicts: bool,
    pub description: String,
    pub labels: std::collections::BTreeMap<String, String>,
    pub take_ownership: bool,
    pub skip_schema_validation: bool,
    pub post_renderer: Option<super::postrender::PostRenderer>,
    pub enable_dns: bool,
    pub hide_secret: bool,
}

impl Default for UpgradeOptions {
    fn default() -> Self {
        UpgradeOptions {
            dry_run: DryRun::None,
            wait: WaitOptions::default(),
            atomic: false,
            no_hooks: false,
            reuse_values: false,
            reset_values: false,
            reset_then_reuse_values: false,
            max_history: 10,
            cleanup_on_fail: false,
            force_replace: false,
            server_side: "auto".into(),
            force_conflicts: false,
            description: String::new(),
            labels: Default::default(),
            take_ownership: false,
            skip_schema_validation: false,
            post_renderer: None,
            enable_dns: false,
            hide_secret: false,
        }
    }
}

/// `--server-side` against the previous revision's apply method.
pub fn server_side_value(option: &str, previous_method: Option<&str>) -> Result<bool> {
    match option {
        "auto" => Ok(previous_method == Some("ssa")),
        "true" => Ok(true),
        "false" => Ok(false),
        o => Err(ActionError::new(format!(
            "invalid/unknown release server-side apply method: {o}"
        ))),
    }
}

/// `--server-side` and the apply method for a new revision after
/// `current`, whose objects came from a revision applied with `previous`.
pub fn resolve_method(
    option: &str,
    previous: Option<&str>,
    current: Option<&str>,
    force: bool,
    replace: bool,
) -> Result<(bool, ApplyMethod)> {
    let server_side = server_side_value(option, previous)?;
    Ok((
        server_side,
        method_for(server_side, current, force, replace)?,
    ))
}

/// How objects are written for this revision. Taking over objects a
/// client-side revision wrote, server-side apply forces ownership of the
/// fields the `helm` client-side manager held (Helm migrates those managed
/// fields; the effect is the same).
pub fn method_for(
    server_side: bool,
    previous_method: Option<&str>,
    force: bool,
    replace: bool,
) -> Result<ApplyMethod> {
    if replace {
        if server_side {
            return Err(ActionError::new(
                "invalid operation: cannot use server-side apply and force replace together (add --server-side=false)",
            ));
        }
        return Ok(ApplyMethod::Replace);
    }
    if !server_side {
        return Ok(ApplyMethod::ClientSide);
    }
    let from_client_side = previous_method != Some("ssa");
    Ok(ApplyMethod::ServerSide {
        force: force || from_client_side,
    })
}

/// The values of the new revision (Helm's `reuseValues`); may replace the
/// chart's defaults with the previous revision's (`--reuse-values`).
fn reuse_values(
    chart: &mut Chart,
    current: &Release,
    new_vals: Map,
    opts: &UpgradeOptions,
) -> Result<Map> {
    let mut w = Vec::new();
    if opts.reset_values {
        return Ok(new_vals);
    }
    if opts.reuse_values {
        let old_chart = current
            .chart
            .as_ref()
            .map(StoredChart::to_chart)
            .unwrap_or_default();
        let old_vals = coalesce_values(&old_chart, &current.config, &mut w)
            .map_err(|e| ActionError::new(format!("failed to rebuild old values: {e}")))?;
        let mut merged = new_vals;
        coalesce_tables(&mut merged, current.config.clone(), &mut w);
        chart.values = Value::map(old_vals);
        return Ok(merged);
    }
    if opts.reset_then_reuse_values {
        let mut merged = new_vals;
        coalesce_tables(&mut merged, current.config.clone(), &mut w);
        return Ok(merged);
    }
    if new_vals.is_empty() && !current.config.is_empty() {
        return Ok(current.config.clone());
    }
    Ok(new_vals)
}

/// Upgrades release `name` to `chart` with the user's `config`.
pub fn upgrade(
    cfg: &mut ActionConfig,
    name: &str,
    chart: &Chart,
    config: &Map,
    opts: &UpgradeOptions,
) -> Result<Release> {
    validate_release_name(name)
        .map_err(|_| ActionError::new(format!("release name is invalid: {name}")))?;
    if opts.hide_secret && !opts.dry_run.is_dry() {
        return Err(ActionError::new(
            "hiding Kubernetes secrets requires a dry-run mode",
        ));
    }
    let wait_opts = WaitOptions {
        wait: opts.wait.wait || opts.atomic,
        ..opts.wait
    };
    let last = match cfg.storage.last(name) {
        Ok(r) => r,
        Err(e) if e.is_not_found() => {
            return Err(ActionError::new(format!(
                "{name:?} has no deployed releases"
            )));
        }
        Err(e) => return Err(e.into()),
    };
    if last.status().is_pending() {
        return Err(ActionError::new(format!(
            "{ERR_PENDING}\n(capstan: revision {} of {name:?} is {}; if no other operation is running, recover with `capstan rollback {name}`)",
            last.version,
            last.status()
        )));
    }
    let current = if last.status() == Status::Deployed {
        last.clone()
    } else {
        match cfg.storage.deployed(name) {
            Ok(r) => r,
            Err(_) if matches!(last.status(), Status::Failed | Status::Superseded) => last.clone(),
            Err(e) => return Err(e.into()),
        }
    };
    let mut chart = chart.clone();
    let vals = reuse_values(&mut chart, &current, config.clone(), opts)?;
    let revision = last.version + 1;
    let ns = current.namespace.clone();
    let interact = opts.dry_run != DryRun::Client;
    let (caps, lookup) = cfg.cluster.render_context(interact)?;
    let parts = render_for_release(
        &chart,
        &vals,
        ReleaseInfo {
            name: name.to_string(),
            namespace: ns.clone(),
            revision,
            is_upgrade: true,
            is_install: false,
        },
        caps,
        lookup,
        RenderFlags {
            skip_schema_validation: opts.skip_schema_validation,
            enable_dns: opts.enable_dns,
            hide_secret: opts.hide_secret,
        },
    )?;
    if contains_system_labels(&opts.labels) {
        return Err(ActionError::new(format!(
            "user supplied labels contains system reserved label name. System labels: {}",
            system_label_names()
        )));
    }
    let (server_side, method) = resolve_method(
        &opts.server_side,
        last.apply_method.as_deref(),
        current.apply_method.as_deref(),
        opts.force_conflicts,
        opts.force_replace,
    )?;
    let mut labels = crate::release::storage::filter_system_labels(&last.labels);
    for (k, v) in &opts.labels {
        labels.insert(k.clone(), v.clone());
    }
    labels.retain(|_, v| v != "null");
    let manifest = super::postrender::apply(opts.post_renderer.as_ref(), parts.manifest.clone())?;
    let first_deployed = current.info.as_ref().and_then(|i| i.first_deployed);
    let mut up = Release {
        name: name.to_string(),
        namespace: ns.clone(),
        chart: Some(StoredChart::from_chart(&parts.rendered.chart)),
        config: vals,
        manifest,
        hooks: parts.hooks.clone(),
        version: revision,
        info: Some(Info {
            first_deployed,
            last_deployed: Some(now()),
            notes: parts.notes.clone(),
            ..Default::default()
        }),
        labels,
        apply_method: Some(apply_method_name(server_side)),
    };
    up.set_status(Status::PendingUpgrade, "Preparing upgrade");
    if !interact {
        up.set_status(Status::PendingUpgrade, "Dry run complete");
        return Ok(up);
    }
    let (originals, mut targets) = cfg
        .cluster
        .build_pair(&current.manifest, &up.manifest, &ns)?;
    for t in &mut targets {
        t.set_owner(name, &ns);
    }
    let new_ones: Vec<Resource> = targets
        .iter()
        .filter(|t| !originals.iter().any(|o| o.same(t)))
        .cloned()
        .collect();
    let adopted = existing_objects(cfg, &new_ones, name, &ns, opts.take_ownership)
        .map_err(|e| e.context("unable to continue with update"))?;
    let mut current_objs = originals;
    current_objs.extend(adopted);
    if opts.dry_run.is_dry() {
        let desc = if opts.description.is_empty() {
            "Dry run complete".to_string()
        } else {
            opts.description.clone()
        };
        up.set_status(Status::PendingUpgrade, desc);
        return Ok(up);
    }
    cfg.storage.max_history = opts.max_history;
    cfg.storage.create(&up)?;
    let mut original_rel = current.clone();
    match perform_upgrade(
        cfg,
        &mut up,
        &current_objs,
        &targets,
        opts,
        wait_opts,
        method,
    ) {
        Ok(()) => {
            let desc = original_rel.info.clone().unwrap_or_default().description;
            original_rel.set_status(Status::Superseded, desc);
            cfg.record(&original_rel);
            let desc = if opts.description.is_empty() {
                "Upgrade complete".to_string()
            } else {
                opts.description.clone()
            };
            up.set_status(Status::Deployed, desc);
            cfg.storage.update(&up)?;
            Ok(up)
        }
        Err((created, e)) => fail_upgrade(cfg, up, created, e, opts, wait_opts),
    }
}

type Failure = (Vec<Resource>, ActionError);

fn perform_upgrade(
    cfg: &ActionConfig,
    up: &mut Release,
    current: &[Resource],
    targets: &[Resource],
    opts: &UpgradeOptions,
    wait_opts: WaitOptions,
    method: ApplyMethod,
) -> std::result::Result<(), Failure> {
    if !opts.no_hooks {
        exec_hooks(cfg, up, "pre-upgrade", wait_opts.timeout, method)
            .map_err(|e| (Vec::new(), e.context("pre-upgrade hooks failed")))?;
    }
    let c = cfg.cluster.client();
    let res = cfg
        .cluster
        .run(apply::update_all(c, current, targets, method))
        .map_err(|(res, e)| (res.created, ActionError::from(e)))?;
    wait_opts
        .wait_for(cfg, targets)
        .map_err(|e| (res.created.clone(), e))?;
    if !opts.no_hooks {
        exec_hooks(cfg, up, "post-upgrade", wait_opts.timeout, method)
            .map_err(|e| (res.created.clone(), e.context("post-upgrade hooks failed")))?;
    }
    Ok(())
}

fn fail_upgrade(
    cfg: &mut ActionConfig,
    mut up: Release,
    created: Vec<Resource>,
    err: ActionError,
    opts: &UpgradeOptions,
    wait_opts: WaitOptions,
) -> Result<Release> {
    let name = up.name.clone();
    up.set_status(
        Status::Failed,
        format!("Upgrade {name:?} failed: {}", err.0),
    );
    cfg.record(&up);
    if opts.cleanup_on_fail && !created.is_empty() {
        let c = cfg.cluster.client();
        let (_, errs) = cfg
            .cluster
            .run(apply::delete_all(c, &created, Cascade::Background));
        if !errs.is_empty() {
            let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
            return Err(ActionError::new(format!(
                "an error occurred while cleaning up resources. original upgrade error: {}: unable to cleanup resources: {}",
                err.0,
                msgs.join(", ")
            )));
        }
    }
    if opts.atomic {
        crate::kube::cancel::reset();
        let hist = cfg.storage.history(&name).map_err(|e| {
            ActionError::new(format!(
                "an error occurred while finding last successful release. original upgrade error: {}: {e}",
                err.0
            ))
        })?;
        let Some(good) = hist
            .iter()
            .filter(|r| matches!(r.status(), Status::Superseded | Status::Deployed))
            .max_by_key(|r| r.version)
        else {
            return Err(ActionError::new(format!(
                "unable to find a previously successful release when attempting to rollback. original upgrade error: {}",
                err.0
            )));
        };
        let ro = RollbackOptions {
            version: good.version,
            wait: wait_opts,
            disable_hooks: opts.no_hooks,
            force_replace: opts.force_replace,
            force_conflicts: opts.force_conflicts,
            server_side: opts.server_side.clone(),
            ..Default::default()
        };
        if let Err(re) = rollback(cfg, &name, &ro) {
            return Err(ActionError::new(format!(
                "an error occurred while rolling back the release. original upgrade error: {}: {}",
                err.0, re.0
            )));
        }
        return Err(ActionError::new(format!(
            "release {name} failed, and has been rolled back due to rollback-on-failure being set: {}",
            err.0
        )));
    }
    Err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_side_follows_previous_revision_on_auto() {
        assert!(server_side_value("auto", Some("ssa")).unwrap());
        assert!(!server_side_value("auto", Some("csa")).unwrap());
        assert!(!server_side_value("auto", None).unwrap());
        assert!(server_side_value("true", None).unwrap());
        assert!(!server_side_value("false", Some("ssa")).unwrap());
        assert!(server_side_value("yes", None).is_err());
    }

    #[test]
    fn apply_methods() {
        assert_eq!(
            method_for(true, Some("ssa"), false, false).unwrap(),
            ApplyMethod::ServerSide { force: false }
        );
        assert_eq!(
            method_for(true, None, false, false).unwrap(),
            ApplyMethod::ServerSide { force: true }
        );
        assert_eq!(
            method_for(false, None, false, false).unwrap(),
            ApplyMethod::ClientSide
        );
        assert_eq!(
            method_for(false, None, false, true).unwrap(),
            ApplyMethod::Replace
        );
        assert!(method_for(true, Some("ssa"), false, true).is_err());
    }

    fn rel_with_config(c: &str) -> Release {
        let mut config = Map::new();
        config.insert("a".into(), Value::str(c));
        Release {
            config,
            ..Default::default()
        }
    }

    #[test]
    fn values_reuse_modes() {
        let cur = rel_with_config("old");
        let mut ch = Chart::default();
        let mut new = Map::new();
        new.insert("b".into(), Value::str("new"));
        // Default: new values given → used alone.
        let v = reuse_values(&mut ch, &cur, new.clone(), &UpgradeOptions::default()).unwrap();
        assert_eq!(v.len(), 1);
        // Default, no values → previous ones.
        let v = reuse_values(&mut ch, &cur, Map::new(), &UpgradeOptions::default()).unwrap();
        assert_eq!(v.get("a"), Some(&Value::str("old")));
        // Reset: nothing carried over.
        let o = UpgradeOptions {
            reset_values: true,
            ..Default::default()
        };
        assert!(
            reuse_values(&mut ch, &cur, Map::new(), &o)
                .unwrap()
                .is_empty()
        );
        // Reuse and reset-then-reuse merge old under new.
        for o in [
            UpgradeOptions {
                reuse_values: true,
                ..Default::default()
            },
            UpgradeOptions {
                reset_then_reuse_values: true,
                ..Default::default()
            },
        ] {
            let v = reuse_values(&mut ch, &cur, new.clone(), &o).unwrap();
            assert_eq!(v.get("a"), Some(&Value::str("old")));
            assert_eq!(v.get("b"), Some(&Value::str("new")));
        }
    }
}
