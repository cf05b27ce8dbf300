//! Running a release's hooks for one event, as Helm does: by weight (then
//! name), each created and watched until its Jobs/Pods complete, with the
//! delete policies `before-hook-creation` (the default), `hook-succeeded`
//! and `hook-failed`; each hook's last run is recorded in the release.

use std::time::Duration;

use super::config::{ActionConfig, ActionError, Result};
use crate::kube::apply::{self, ApplyMethod, Cascade};
use crate::kube::wait;
use crate::release::model::{Release, StoredHook, now};

pub const BEFORE_HOOK_CREATION: &str = "before-hook-creation";
pub const HOOK_SUCCEEDED: &str = "hook-succeeded";
pub const HOOK_FAILED: &str = "hook-failed";

/// Deletes a hook's objects when it has `policy` (never CRDs) and waits
/// until they are gone.
fn delete_by_policy(
    cfg: &ActionConfig,
    ns: &str,
    h: &StoredHook,
    policy: &str,
    timeout: Duration,
) -> Result<()> {
    if h.kind == "CustomResourceDefinition" || !h.delete_policies.iter().any(|p| p == policy) {
        return Ok(());
    }
    let rs = cfg.cluster.build(&h.manifest, ns).map_err(|e| {
        ActionError::new(format!(
            "unable to build kubernetes object for deleting hook {}: {e}",
            h.path
        ))
    })?;
    let c = cfg.cluster.client();
    let (_, errs) = cfg
        .cluster
        .run(apply::delete_all(c, &rs, Cascade::Background));
    if !errs.is_empty() {
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        return Err(ActionError::new(msgs.join("; ")));
    }
    cfg.cluster.run(wait::wait_deleted(c, &rs, timeout))?;
    Ok(())
}

/// Runs the hooks of `event` (`pre-install`, `test`, ...). On failure the
/// release's hook records say which hook failed; the error is returned.
pub fn exec_hooks(
    cfg: &ActionConfig,
    rel: &mut Release,
    event: &str,
    timeout: Duration,
    method: ApplyMethod,
) -> Result<()> {
    let mut idx: Vec<usize> = (0..rel.hooks.len())
        .filter(|&i| rel.hooks[i].events.iter().any(|e| e == event))
        .collect();
    idx.sort_by(|&a, &b| {
        let (x, y) = (&rel.hooks[a], &rel.hooks[b]);
        x.weight.cmp(&y.weight).then_with(|| x.name.cmp(&y.name))
    });
    let ns = rel.namespace.clone();
    for (n, &i) in idx.iter().enumerate() {
        if rel.hooks[i].delete_policies.is_empty() {
            rel.hooks[i].delete_policies = vec![BEFORE_HOOK_CREATION.to_string()];
        }
        delete_by_policy(cfg, &ns, &rel.hooks[i], BEFORE_HOOK_CREATION, timeout)?;
        let rs = cfg
            .cluster
            .build(&rel.hooks[i].manifest, &ns)
            .map_err(|e| {
                ActionError::new(format!(
                    "unable to build kubernetes object for {event} hook {}: {e}",
                    rel.hooks[i].path
                ))
            })?;
        rel.hooks[i].last_run.started_at = Some(now());
        rel.hooks[i].last_run.completed_at = None;
        rel.hooks[i].last_run.phase = "Running".into();
        cfg.record(rel);
        rel.hooks[i].last_run.phase = "Unknown".into();
        let c = cfg.cluster.client();
        if let Err(e) = cfg.cluster.run(apply::create_all(c, &rs, method)) {
            rel.hooks[i].last_run.completed_at = Some(now());
            rel.hooks[i].last_run.phase = "Failed".into();
            return Err(ActionError::new(format!(
                "warning: Hook {event} {} failed: {e}",
                rel.hooks[i].path
            )));
        }
        let waited = cfg.cluster.run(wait::wait_hook(c, &rs, timeout));
        rel.hooks[i].last_run.completed_at = Some(now());
        if let Err(e) = waited {
            rel.hooks[i].last_run.phase = "Failed".into();
            let h = rel.hooks[i].clone();
            // Failed: clean up by policy, best effort, and report the hook.
            let _ = delete_by_policy(cfg, &ns, &h, HOOK_FAILED, timeout);
            for &j in &idx[..n] {
                let prev = rel.hooks[j].clone();
                delete_by_policy(cfg, &ns, &prev, HOOK_SUCCEEDED, timeout)?;
            }
            return Err(ActionError::new(format!(
                "{event} hook {} failed: {e}",
                h.path
            )));
        }
        rel.hooks[i].last_run.phase = "Succeeded".into();
    }
    for &i in idx.iter().rev() {
        let h = rel.hooks[i].clone();
        delete_by_policy(cfg, &ns, &h, HOOK_SUCCEEDED, timeout)?;
    }
    Ok(())
}
