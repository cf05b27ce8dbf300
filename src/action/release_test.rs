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

pub fn run_tests(
    cfg: &ActionConfig,
    name: &str,
    opts: &TestOptions,
) -> Result<(Release, Result<()>)> {
    let mut rel = cfg.storage.last(name)?;
    if rel.status() == Status::Uninstalled {
        return Err(ActionError::new(format!("release {name:?} is uninstalled")));
    }
    let mut keep: Vec<&str> = Vec::new();
    let mut skip: Vec<&str> = Vec::new();
    for f in &opts.filters {
        if let Some(n) = f.strip_prefix("!name=") {
            skip.push(n);
        } else if let Some(n) = f.strip_prefix("name=") {
            keep.push(n);
        }
    }
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
