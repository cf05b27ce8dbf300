//! `helm uninstall`: pre-delete hooks, the release's objects deleted in
//! reverse install order (objects annotated `helm.sh/resource-policy:
//! keep` stay), post-delete hooks; then the history is purged, or kept
//! with the last revision marked uninstalled (`--keep-history`).

use super::config::{ActionConfig, ActionError, Result, validate_release_name};
use super::hooks::exec_hooks;
use super::install::WaitOptions;
use crate::kube::apply::{self, ApplyMethod, Cascade, KEEP_POLICY, RESOURCE_POLICY_ANNOTATION};
use crate::kube::wait;
use crate::release::manifest::{self, kind_less_uninstall};
use crate::release::model::{Release, Status, now};

#[derive(Clone, Debug, Default)]
pub struct UninstallOptions {
    pub disable_hooks: bool,
    pub keep_history: bool,
    pub wait: WaitOptions,
    pub cascade: Cascade,
    pub description: String,
    pub ignore_not_found: bool,
    pub dry_run: bool,
}

/// What an uninstall did.
#[derive(Clone, Debug, Default)]
pub struct UninstallResult {
    pub release: Option<Release>,
    /// `These resources were kept due to the resource policy:` lines.
    pub kept: String,
}

/// The documents of a manifest in uninstall order, split into kept and
/// deleted (`helm.sh/resource-policy: keep`).
pub fn manifest_for_delete(rel_manifest: &str) -> (String, String) {
    let mut docs: Vec<(String, manifest::Head)> = Vec::new();
    for d in manifest::split_manifests(rel_manifest) {
        let head = manifest::parse_head(&d).unwrap_or_default();
        docs.push((d, head));
    }
    docs.sort_by(|a, b| kind_less_uninstall(&a.1.kind, &b.1.kind));
    let mut kept = String::new();
    let mut delete = String::new();
    for (d, h) in docs {
        let keep = h
            .annotations
            .get(RESOURCE_POLICY_ANNOTATION)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(KEEP_POLICY));
        if keep {
            kept.push_str(&format!("[{}] {}\n", h.kind, h.name));
        } else {
            delete.push_str("\n---\n");
            delete.push_str(&d);
        }
    }
    (kept, delete)
}

pub fn uninstall(
    cfg: &ActionConfig,
    name: &str,
    opts: &UninstallOptions,
) -> Result<UninstallResult> {
    if opts.dry_run {
        return match cfg.storage.last(name) {
            Ok(r) => Ok(UninstallResult {
                release: Some(r),
                kept: String::new(),
            }),
            Err(e) if e.is_not_found() && opts.ignore_not_found => Ok(UninstallResult::default()),
            Err(e) => Err(e.into()),
        };
    }
    validate_release_name(name)
        .map_err(|_| ActionError::new(format!("uninstall: Release name is invalid: {name}")))?;
    let mut rels = match cfg.storage.history(name) {
        Ok(h) if !h.is_empty() => h,
        Ok(_) | Err(_) if opts.ignore_not_found => return Ok(UninstallResult::default()),
        Ok(_) => {
            return Err(ActionError::new(format!(
                "uninstall: Release not loaded: {name}: release: not found"
            )));
        }
        Err(e) => {
            return Err(ActionError::new(format!(
                "uninstall: Release not loaded: {name}: {e}"
            )));
        }
    };
    rels.sort_by_key(|r| r.version);
    let mut rel = rels
        .last()
        .cloned()
        .ok_or_else(|| ActionError::new("no release provided"))?;
    if rel.status() == Status::Uninstalled {
        if !opts.keep_history {
            purge(cfg, &rels)?;
            return Ok(UninstallResult {
                release: Some(rel),
                kept: String::new(),
            });
        }
        return Err(ActionError::new(format!(
            "the release named {name:?} is already deleted"
        )));
    }
    rel.set_status(
        Status::Uninstalling,
        "Deletion in progress (or silently failed)",
    );
    if let Some(info) = rel.info.as_mut() {
        info.deleted = Some(now());
    }
    let timeout = opts.wait.timeout;
    let method = ApplyMethod::ServerSide { force: false };
    if !opts.disable_hooks {
        exec_hooks(cfg, &mut rel, "pre-delete", timeout, method)?;
    }
    cfg.record(&rel);
    let (kept, to_delete) = manifest_for_delete(&rel.manifest);
    let resources = cfg.cluster.build(&to_delete, &rel.namespace).map_err(|e| {
        ActionError::new(format!(
            "failed to delete release: {name}: unable to build kubernetes objects for delete: {e}"
        ))
    })?;
    let c = cfg.cluster.client();
    let (deleted, errs) = cfg
        .cluster
        .run(apply::delete_all(c, &resources, opts.cascade));
    if !errs.is_empty() {
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        return Err(ActionError::new(format!(
            "failed to delete release: {name}: {}",
            msgs.join("; ")
        )));
    }
    let mut errors: Vec<String> = Vec::new();
    if opts.wait.wait
        && let Err(e) = cfg.cluster.run(wait::wait_deleted(c, &deleted, timeout))
    {
        errors.push(e.to_string());
    }
    if !opts.disable_hooks
        && let Err(e) = exec_hooks(cfg, &mut rel, "post-delete", timeout, method)
    {
        errors.push(e.0);
    }
    let desc = if opts.description.is_empty() {
        "Uninstallation complete".to_string()
    } else {
        opts.description.clone()
    };
    rel.set_status(Status::Uninstalled, desc);
    let kept = if kept.is_empty() {
        kept
    } else {
        format!("These resources were kept due to the resource policy:\n{kept}")
    };
    if !opts.keep_history {
        if let Err(e) = purge(cfg, &rels) {
            errors.push(format!("uninstall: Failed to purge the release: {}", e.0));
        }
    } else {
        cfg.record(&rel);
        for r in cfg.storage.deployed_all(name).unwrap_or_default() {
            let mut r = r;
            let desc = r.info.clone().unwrap_or_default().description;
            r.set_status(Status::Superseded, desc);
            cfg.record(&r);
        }
    }
    if !errors.is_empty() {
        return Err(ActionError::new(format!(
            "uninstallation completed with {} error(s): {}",
            errors.len(),
            errors.join("; ")
        )));
    }
    Ok(UninstallResult {
        release: Some(rel),
        kept,
    })
}

fn purge(cfg: &ActionConfig, rels: &[Release]) -> Result<()> {
    for r in rels {
        cfg.storage.delete(&r.name, r.version)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delete_order_and_keep_policy() {
        let m = "---\n# Source: a\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n---\n# Source: b\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\n# Source: c\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keepme\n  annotations:\n    helm.sh/resource-policy: keep\n---\n# Source: d\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n";
        let (kept, del) = manifest_for_delete(m);
        assert_eq!(kept, "[ConfigMap] keepme\n");
        let kinds: Vec<_> = del
            .lines()
            .filter_map(|l| l.strip_prefix("kind: "))
            .collect();
        assert_eq!(kinds, ["Service", "Deployment", "Namespace"]);
    }
}
