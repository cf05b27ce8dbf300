//! `helm rollback NAME [REVISION]`: a new revision carrying an earlier
//! revision's chart, values and manifest, applied between the pre- and
//! post-rollback hooks; every previously deployed revision is superseded.
//! Works on a release stuck in a pending state, which makes it the way out
//! of an interrupted operation.

use super::config::{ActionConfig, ActionError, Result, validate_release_name};
use super::hooks::exec_hooks;
use super::install::{WaitOptions, apply_method_name};
use super::upgrade::resolve_method;
use crate::kube::apply::{self, Cascade};
use crate::release::model::{Info, Release, Status, now};

#[derive(Clone, Debug)]
pub struct RollbackOptions {
    /// The revision to go back to (0: the one before the last).
    pub version: i64,
    pub wait: WaitOptions,
    pub disable_hooks: bool,
    pub dry_run: bool,
    pub force_replace: bool,
    pub force_conflicts: bool,
    pub server_side: String,
    pub cleanup_on_fail: bool,
    pub max_history: usize,
}

impl Default for RollbackOptions {
    fn default() -> Self {
        RollbackOptions {
            version: 0,
            wait: WaitOptions::default(),
            disable_hooks: false,
            dry_run: false,
            force_replace: false,
            force_conflicts: false,
            server_side: "auto".into(),
            cleanup_on_fail: false,
            max_history: 0,
        }
    }
}

pub fn rollback(cfg: &mut ActionConfig, name: &str, opts: &RollbackOptions) -> Result<Release> {
    validate_release_name(name).map_err(|_| {
        ActionError::new(format!("prepareRollback: Release name is invalid: {name}"))
    })?;
    if opts.version < 0 {
        return Err(ActionError::new("invalid release revision number"));
    }
    cfg.storage.max_history = opts.max_history;
    let current = cfg.storage.last(name)?;
    let previous_version = if opts.version == 0 {
        current.version - 1
    } else {
        opts.version
    };
    let hist = cfg.storage.history(name)?;
    if !hist.iter().any(|r| r.version == previous_version) {
        return Err(ActionError::new(format!(
            "release has no {previous_version} version"
        )));
    }
    let previous = cfg.storage.get(name, previous_version)?;
    let (server_side, method) = resolve_method(
        &opts.server_side,
        previous.apply_method.as_deref(),
        current.apply_method.as_deref(),
        opts.force_conflicts,
        opts.force_replace,
    )?;
    let mut target = Release {
        name: name.to_string(),
        namespace: current.namespace.clone(),
        chart: previous.chart.clone(),
        config: previous.config.clone(),
        manifest: previous.manifest.clone(),
        hooks: previous.hooks.clone(),
        version: current.version + 1,
        info: Some(Info {
            first_deployed: current.info.as_ref().and_then(|i| i.first_deployed),
            last_deployed: Some(now()),
            notes: previous
                .info
                .as_ref()
                .map(|i| i.notes.clone())
                .unwrap_or_default(),
            ..Default::default()
        }),
        labels: crate::release::storage::filter_system_labels(&previous.labels),
        apply_method: Some(apply_method_name(server_side)),
    };
    target.set_status(
        Status::PendingRollback,
        format!("Rollback to {previous_version}"),
    );
    if opts.dry_run {
        return Ok(target);
    }
    cfg.storage.create(&target)?;
    let ns = target.namespace.clone();
    let (originals, mut targets) =
        cfg.cluster
            .build_pair(&current.manifest, &target.manifest, &ns)?;
    let timeout = opts.wait.timeout;
    if !opts.disable_hooks {
        exec_hooks(cfg, &mut target, "pre-rollback", timeout, method)?;
    }
    for t in &mut targets {
        t.set_owner(name, &ns);
    }
    let c = cfg.cluster.client();
    let mut current_rel = current.clone();
    if let Err((res, e)) = cfg
        .cluster
        .run(apply::update_all(c, &originals, &targets, method))
    {
        let msg = format!("Rollback {name:?} failed: {e}");
        let desc = current_rel.info.clone().unwrap_or_default().description;
        current_rel.set_status(Status::Superseded, desc);
        target.set_status(Status::Failed, msg);
        cfg.record(&current_rel);
        cfg.record(&target);
        if opts.cleanup_on_fail {
            let (_, errs) =
                cfg.cluster
                    .run(apply::delete_all(c, &res.created, Cascade::Background));
            if !errs.is_empty() {
                let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
                return Err(ActionError::new(format!(
                    "an error occurred while cleaning up resources. original rollback error: unable to cleanup resources: {}",
                    msgs.join(", ")
                )));
            }
        }
        return Err(e.into());
    }
    if let Err(e) = opts.wait.wait_for(cfg, &targets) {
        target.set_status(Status::Failed, format!("Release {name:?} failed: {}", e.0));
        cfg.record(&current_rel);
        cfg.record(&target);
        return Err(ActionError::new(format!("release {name} failed: {}", e.0)));
    }
    if !opts.disable_hooks {
        exec_hooks(cfg, &mut target, "post-rollback", timeout, method)?;
    }
    for mut r in cfg.storage.deployed_all(name).unwrap_or_default() {
        let desc = r.info.clone().unwrap_or_default().description;
        r.set_status(Status::Superseded, desc);
        cfg.record(&r);
    }
    // The interrupted revision a rollback recovers from is left pending by
    // Helm; mark it failed so the history tells what happened.
    if current.status().is_pending() {
        let mut stuck = current.clone();
        stuck.set_status(
            Status::Failed,
            format!(
                "{} (interrupted; rolled back by revision {})",
                stuck.info.clone().unwrap_or_default().description,
                target.version
            ),
        );
        cfg.record(&stuck);
    }
    let desc = target.info.clone().unwrap_or_default().description;
    target.set_status(Status::Deployed, desc);
    cfg.storage.update(&target)?;
    Ok(target)
}
