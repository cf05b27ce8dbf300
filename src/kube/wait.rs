//! Waiting for release objects: until ready (`--wait`), until hook Jobs
//! and Pods complete, until deleted. Objects are polled a kind and
//! namespace at a time (one list request each); a live progress line
//! (indicatif, only on a terminal) shows what is still pending, and a
//! timeout lists every object that was not ready and why.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use futures::future::join_all;
use indicatif::{ProgressBar, ProgressStyle};
use kube::Client;
use serde_json::Value as J;

use super::KubeError;
use super::apply;
use super::ready::{self, Readiness, ReadyOptions};
use super::resource::Resource;

/// How often objects are polled.
const POLL: Duration = Duration::from_millis(400);

/// Parses a Go duration (`5m0s`, `300s`, `1h30m`, `1.5s`, `0`).
pub fn parse_go_duration(s: &str) -> Result<Duration, String> {
    let bad = || format!("invalid duration {s:?}: use a Go duration such as 5m0s, 300s or 1h");
    let t = s.trim();
    if t == "0" {
        return Ok(Duration::ZERO);
    }
    if t.is_empty() || t.starts_with('-') {
        return Err(bad());
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    let mut total = 0f64;
    let mut rest = t;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        if num_len == 0 {
            return Err(bad());
        }
        let n: f64 = rest[..num_len].parse().map_err(|_| bad())?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return Err(bad()),
        };
        total += n * unit;
        rest = &rest[unit_len..];
    }
    Ok(Duration::from_secs_f64(total))
}

/// Go's `Duration.String()` for whole seconds and above (`5m0s`, `1h0m0s`,
/// `30s`), used in messages.
pub fn go_duration_string(d: Duration) -> String {
    let secs = d.as_secs();
    let frac = d.subsec_millis();
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    let sec = if frac > 0 {
        format!("{s}.{frac:03}").trim_end_matches('0').to_string()
    } else {
        s.to_string()
    };
    if h > 0 {
        format!("{h}h{m}m{sec}s")
    } else if m > 0 {
        format!("{m}m{sec}s")
    } else {
        format!("{sec}s")
    }
}

fn progress(label: &str, total: usize) -> ProgressBar {
    let pb =
        ProgressBar::with_draw_target(Some(total as u64), indicatif::ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} {prefix} [{pos}/{len}] {elapsed} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.set_prefix(label.to_string());
    pb.enable_steady_tick(Duration::from_millis(120));
    pb
}

/// The live objects of `rs`, fetched a kind and namespace at a time;
/// `None` for objects that do not exist.
async fn fetch(client: &Client, rs: &[&Resource]) -> Result<Vec<Option<J>>, KubeError> {
    let mut groups: BTreeMap<(String, String, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in rs.iter().enumerate() {
        groups
            .entry((
                r.ar.api_version.clone(),
                r.ar.kind.clone(),
                r.namespace.clone(),
            ))
            .or_default()
            .push(i);
    }
    let lists = join_all(groups.values().map(|idx| {
        let first = rs[idx[0]];
        async move {
            if idx.len() == 1 {
                apply::get(client, first)
                    .await
                    .map(|o| o.into_iter().collect::<Vec<_>>())
            } else {
                apply::list_like(client, first).await
            }
        }
    }))
    .await;
    let mut out = vec![None; rs.len()];
    for (idx, list) in groups.values().zip(lists) {
        let list = list?;
        for &i in idx {
            out[i] = list
                .iter()
                .find(|o| {
                    o.get("metadata")
                        .and_then(|m| m.get("name"))
                        .and_then(J::as_str)
                        == Some(rs[i].name.as_str())
                })
                .cloned();
        }
    }
    Ok(out)
}

/// What a wait checks each object for.
#[derive(Clone, Copy)]
enum Goal {
    Ready(ReadyOptions),
    HookDone,
    Deleted,
}

async fn wait_for(
    client: &Client,
    rs: &[Resource],
    goal: Goal,
    timeout: Duration,
    label: &str,
) -> Result<(), KubeError> {
    if rs.is_empty() {
        return Ok(());
    }
    let start = Instant::now();
    let pb = progress(label, rs.len());
    let mut pending: Vec<&Resource> = rs.iter().collect();
    let mut reasons: Vec<String> = Vec::new();
    loop {
        if let Err(e) = super::cancel::check() {
            pb.finish_and_clear();
            return Err(e);
        }
        let live = match fetch(client, &pending).await {
            Ok(l) => l,
            Err(e) => {
                pb.finish_and_clear();
                return Err(e);
            }
        };
        let mut still = Vec::new();
        reasons.clear();
        for (r, obj) in pending.iter().zip(live) {
            let state = match (goal, obj) {
                (Goal::Deleted, None) => Readiness::Ready,
                (Goal::Deleted, Some(_)) => Readiness::Pending("still exists".into()),
                (_, None) => Readiness::Pending("not found".into()),
                (Goal::Ready(o), Some(obj)) => ready::check(&obj, o),
                (Goal::HookDone, Some(obj)) => ready::hook_done(&obj),
            };
            match state {
                Readiness::Ready => {}
                Readiness::Pending(why) => {
                    reasons.push(format!("{}: {why}", r.short()));
                    still.push(*r);
                }
                Readiness::Failed(why) => {
                    pb.finish_and_clear();
                    return Err(KubeError::Timeout(format!("{}: {why}", r.short())));
                }
            }
        }
        pending = still;
        pb.set_position((rs.len() - pending.len()) as u64);
        if pending.is_empty() {
            pb.finish_and_clear();
            return Ok(());
        }
        pb.set_message(reasons.first().cloned().unwrap_or_default());
        if start.elapsed() >= timeout {
            pb.finish_and_clear();
            return Err(KubeError::Timeout(format!(
                "timed out after {} waiting for {} of {} resources:\n  {}",
                go_duration_string(timeout),
                pending.len(),
                rs.len(),
                reasons.join("\n  ")
            )));
        }
        tokio::time::sleep(POLL).await;
    }
}

/// `--wait`: every object ready (Jobs complete only with `wait_for_jobs`).
pub async fn wait_ready(
    client: &Client,
    rs: &[Resource],
    opts: ReadyOptions,
    timeout: Duration,
) -> Result<(), KubeError> {
    wait_for(
        client,
        rs,
        Goal::Ready(opts),
        timeout,
        "waiting for resources",
    )
    .await
}

/// Hooks: Jobs and Pods run to completion; a failure is an error at once.
pub async fn wait_hook(
    client: &Client,
    rs: &[Resource],
    timeout: Duration,
) -> Result<(), KubeError> {
    wait_for(client, rs, Goal::HookDone, timeout, "running hook").await
}

/// Until every object is gone.
pub async fn wait_deleted(
    client: &Client,
    rs: &[Resource],
    timeout: Duration,
) -> Result<(), KubeError> {
    wait_for(client, rs, Goal::Deleted, timeout, "waiting for deletion").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("5m0s").unwrap(), Duration::from_secs(300));
        assert_eq!(parse_go_duration("300s").unwrap(), Duration::from_secs(300));
        assert_eq!(
            parse_go_duration("1h30m").unwrap(),
            Duration::from_secs(5400)
        );
        assert_eq!(
            parse_go_duration("1.5s").unwrap(),
            Duration::from_millis(1500)
        );
        assert_eq!(parse_go_duration("0").unwrap(), Duration::ZERO);
        assert!(parse_go_duration("5").is_err());
        assert!(parse_go_duration("5x").is_err());
        assert!(parse_go_duration("-1s").is_err());
        assert_eq!(go_duration_string(Duration::from_secs(300)), "5m0s");
        assert_eq!(go_duration_string(Duration::from_secs(3600)), "1h0m0s");
        assert_eq!(go_duration_string(Duration::from_millis(1500)), "1.5s");
    }
}
