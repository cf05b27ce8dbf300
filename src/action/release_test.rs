//! `helm test NAME`: runs the release's `test` hooks (optionally only
//! those named by `--filter name=...` / `!name=...`) and records their
//! last run in the release.

use std::time::Duration;

use super::config::{ActionConfig, ActionError, Result};
use super::hooks::exec_hooks;
use crate::kube::apply::ApplyMethod;
use crate::release::model::{Release, Status};

#[derive(Clone, Debug, Default)]
pub struct TestOptions {
    pub timeout: Option<Duration>,
    /// `name=NAME` keeps only those tests, `!name=NAME` skips them.
    pub filters: Vec<String>,
}

/// `--filter` values: `name=X` keeps, `!name=X` (or `! name=X`) skips.
fn filters(fs: &[String]) -> (Vec<&str>, Vec<&str>) {
    let mut keep = Vec::new();
    let mut skip = Vec::new();
    for f in fs {
        if let Some(n) = f.strip_prefix("name=") {
            keep.push(n);
        } else if let Some(rest) = f.strip_prefix('!') {
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            if let Some(n) = rest.strip_prefix("name=") {
                skip.push(n);
            }
        }
    }
    (keep, skip)
}

/// `--logs`: the logs of the selected test Pods, by weight, as Helm prints
/// them (`POD LOGS: NAME`, the log, a blank line).
pub fn pod_logs(cfg: &ActionConfig, rel: &Release, opts: &TestOptions) -> Result<String> {
    use k8s_openapi::api::core::v1::Pod;
    use kube::api::{Api, LogParams};
    let (keep, skip) = filters(&opts.filters);
    let mut hooks: Vec<_> = rel
        .hooks
        .iter()
        .filter(|h| h.events.iter().any(|e| e == "test"))
        .filter(|h| !skip.contains(&h.name.as_str()))
        .filter(|h| keep.is_empty() || keep.contains(&h.name.as_str()))
        .collect();
    hooks.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.name.cmp(&b.name)));
    let api: Api<Pod> = Api::namespaced(cfg.cluster.client().clone(), &rel.namespace);
    let mut out = String::new();
    for h in hooks {
        let log = cfg
            .cluster
            .run(api.logs(&h.name, &LogParams::default()))
            .map_err(|e| {
                let why = match &e {
                    kube::Error::Api(s) => s.message.clone(),
                    other => crate::kube::error_chain(other),
                };
                ActionError::new(format!("unable to get pod logs for {}: {why}", h.name))
            })?;
        out.push_str(&format!("POD LOGS: {}\n{log}\n", h.name));
    }
    Ok(out)
}

pub fn run_tests(
    cfg: &ActionConfig,
    name: &str,
    opts: &TestOptions,
) -> Result<(Release, Result<()>)> {
    let mut rel = cfg.storage.last(name)?;
    if rel.status() == Status::Uninstalled {
        return Err(ActionError::new(format!("release {name:?} is uninstalled")));
    }
    let (keep, skip) = filters(&opts.filters);
    // Tests not selected are run under another event name, i.e. not at all.
    let saved: Vec<Vec<String>> = rel.hooks.iter().map(|h| h.events.clone()).collect();
    for h in &mut rel.hooks {
        let excluded = (!keep.is_empty() && !keep.contains(&h.name.as_str()))
            || skip.contains(&h.name.as_str());
        if excluded {
            h.events.retain(|e| e != "test");
        }
    }
    let timeout = opts.timeout.unwrap_or(Duration::from_secs(300));
    let method = ApplyMethod::ServerSide { force: false };
    let result = exec_hooks(cfg, &mut rel, "test", timeout, method);
    for (h, ev) in rel.hooks.iter_mut().zip(saved) {
        h.events = ev;
    }
    cfg.storage.update(&rel)?;
    Ok((rel, result))
}
