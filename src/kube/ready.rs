//! Readiness rules for live Kubernetes objects, matching what Helm 4 does for
//! `--wait` (its default "watcher" strategy, which is built on kstatus) and
//! for hooks.
//!
//! Everything here is pure: callers fetch the object from the API server and
//! ask [`check`] (for `--wait`) or [`hook_done`] (for hooks) whether it has
//! settled. The reason strings of [`Readiness::Pending`] and
//! [`Readiness::Failed`] are shown to users after a `Kind namespace/name: `
//! prefix, so they are short and say what is missing.
//!
//! How the `--wait` rules fit together:
//!
//! 1. A Deployment with `spec.paused: true` is not waited for at all.
//! 2. With `--wait-for-jobs`, a Job is judged only by its Complete and
//!    Failed conditions (nothing else below applies to it).
//! 3. Every other object first goes through the generic rules: an object
//!    being deleted is pending, an object whose controller has not yet seen
//!    the latest `metadata.generation` is pending, a `Reconciling=True`
//!    condition means pending and a `Stalled=True` condition means failed.
//! 4. Then the kind-specific rule decides (Deployment, StatefulSet, ...).
//! 5. Kinds without a rule are ready, unless they carry a `Ready` condition
//!    that is not `True`.

use serde_json::Value;

/// Outcome of a readiness check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Readiness {
    /// The object has settled; nothing more to wait for.
    Ready,
    /// Not there yet; the text says what is still missing.
    Pending(String),
    /// The object will not become ready without intervention; the text says why.
    Failed(String),
}

/// Options that change the `--wait` rules.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadyOptions {
    /// `--wait-for-jobs`: a Job is only ready once it has completed.
    pub wait_for_jobs: bool,
}

/// `--wait`: is this live object (full JSON as returned by the API server:
/// apiVersion, kind, metadata, spec, status) ready?
pub fn check(obj: &Value, opts: ReadyOptions) -> Readiness {
    check_at(obj, opts, now_unix())
}

/// Hooks (Helm's WatchUntilReady): Job → Ready when complete, Failed when
/// failed (reason from the condition); Pod → Ready on phase Succeeded, Failed
/// on phase Failed; other kinds Ready at once.
pub fn hook_done(obj: &Value) -> Readiness {
    let (group, kind) = group_kind(obj);
    match (group, kind) {
        ("batch", "Job") => job_until_done(obj),
        ("", "Pod") => pod_until_done(obj),
        _ => Readiness::Ready,
    }
}

/// [`check`] with an explicit clock (seconds since the Unix epoch), so the
/// time-dependent Pod scheduling rule can be tested.
fn check_at(obj: &Value, opts: ReadyOptions, now: i64) -> Readiness {
    let (group, kind) = group_kind(obj);

    // Helm leaves paused Deployments out of the wait entirely: a paused
    // rollout would never finish.
    if group == "apps" && kind == "Deployment" && bool_at(obj, &["spec", "paused"]) {
        return Readiness::Ready;
    }

    // With --wait-for-jobs Helm swaps in its own Job rule, which looks only
    // at the Complete/Failed conditions and skips the generic rules.
    if group == "batch" && kind == "Job" && opts.wait_for_jobs {
        return job_until_done(obj);
    }

    if let Some(verdict) = generic(obj) {
        return verdict;
    }

    match (group, kind) {
        ("apps" | "extensions", "Deployment") => deployment(obj),
        ("apps", "StatefulSet") => stateful_set(obj),
        ("apps" | "extensions", "DaemonSet") => daemon_set(obj),
        ("apps" | "extensions", "ReplicaSet") => replica_set(obj),
        ("", "Pod") => pod(obj, now),
        ("batch", "Job") => job_started(obj),
        ("", "PersistentVolumeClaim") => pvc(obj),
        ("", "Service") => service(obj),
        ("apiextensions.k8s.io", "CustomResourceDefinition") => crd(obj),
        ("", "Namespace") => namespace(obj),
        // A PodDisruptionBudget is ready once the disruption controller has
        // seen its latest generation, which the generic rules already
        // checked. Secrets, ConfigMaps and CronJobs are ready as soon as
        // they exist.
        ("policy", "PodDisruptionBudget") | ("", "Secret" | "ConfigMap") | ("batch", "CronJob") => {
            Readiness::Ready
        }
        // ReplicationController and every other kind: ready unless a Ready
        // condition says otherwise.
        _ => ready_condition(obj),
    }
}

// ---------------------------------------------------------------------------
// Generic rules
// ---------------------------------------------------------------------------

/// The rules that apply to every kind before its own rule: deletion in
/// progress, an unobserved generation, and the Reconciling/Stalled
/// conditions. `None` means "no verdict; ask the kind-specific rule".
fn generic(obj: &Value) -> Option<Readiness> {
    let deleting = str_at(obj, &["metadata", "deletionTimestamp"]).is_some_and(|s| !s.is_empty());
    if deleting {
        let finalizers: Vec<&str> = obj
            .pointer("/metadata/finalizers")
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        return Some(if finalizers.is_empty() {
            pending("being deleted")
        } else {
            pending(format!(
                "being deleted; waiting for finalizers: {}",
                finalizers.join(", ")
            ))
        });
    }

    // The generation check only applies when both numbers are present.
    if let (Some(generation), Some(observed)) = (
        int_at(obj, &["metadata", "generation"]),
        int_at(obj, &["status", "observedGeneration"]),
    ) && generation != observed
    {
        return Some(pending(format!(
            "controller has not observed the latest spec yet (generation {generation}, observed {observed})"
        )));
    }

    for c in conditions(obj) {
        if c.kind == "Reconciling" && c.status == "True" {
            return Some(pending(labelled("reconciling", c.reason, c.message)));
        }
        if c.kind == "Stalled" && c.status == "True" {
            return Some(Readiness::Failed(labelled("stalled", c.reason, c.message)));
        }
    }
    None
}

/// Kinds without a specific rule: a `Ready` condition decides if there is
/// one (True is ready, False or Unknown is pending); otherwise the object is
/// ready.
fn ready_condition(obj: &Value) -> Readiness {
    for c in conditions(obj) {
        if c.kind != "Ready" {
            continue;
        }
        match c.status {
            "True" => return Readiness::Ready,
            "False" | "Unknown" => {
                return pending(labelled(
                    &format!("Ready condition is {}", c.status),
                    c.reason,
                    c.message,
                ));
            }
            _ => {}
        }
    }
    Readiness::Ready
}

// ---------------------------------------------------------------------------
// Workload controllers
// ---------------------------------------------------------------------------

/// Deployment: fails once its Progressing condition reports
/// ProgressDeadlineExceeded. Otherwise it is ready when all `spec.replicas`
/// (default 1) exist, are updated, available and ready, no old replicas are
/// left, the Progressing condition says NewReplicaSetAvailable (only
/// required when a progress deadline is set) and Available is True.
fn deployment(obj: &Value) -> Readiness {
    // Without a progress deadline the controller never sets Progressing.
    let mut progressing = int_at(obj, &["spec", "progressDeadlineSeconds"])
        .is_none_or(|secs| secs == i64::from(i32::MAX));
    let mut available = false;
    for c in conditions(obj) {
        match c.kind {
            "Progressing" => {
                if c.reason == "ProgressDeadlineExceeded" {
                    return Readiness::Failed(labelled(
                        "rollout stuck, progress deadline exceeded",
                        "",
                        c.message,
                    ));
                }
                if c.status == "True" && c.reason == "NewReplicaSetAvailable" {
                    progressing = true;
                }
            }
            "Available" if c.status == "True" => available = true,
            _ => {}
        }
    }

    let spec = replicas_wanted(obj);
    let current = int_or(obj, &["status", "replicas"], 0);
    let updated = int_or(obj, &["status", "updatedReplicas"], 0);
    let ready = int_or(obj, &["status", "readyReplicas"], 0);
    let avail = int_or(obj, &["status", "availableReplicas"], 0);

    if spec > current {
        return pending(format!("{current} of {spec} replicas created"));
    }
    if spec > updated {
        return pending(format!("{updated} of {spec} replicas updated"));
    }
    if current > spec {
        return pending(format!(
            "{} old replicas pending termination",
            current - spec
        ));
    }
    if updated > avail {
        return pending(format!("{avail} of {updated} replicas available"));
    }
    if spec > ready {
        return pending(format!("{ready} of {spec} replicas ready"));
    }
    if !progressing {
        return pending("waiting for the new ReplicaSet to become available");
    }
    if !available {
        return pending("Available condition is not True yet");
    }
    Readiness::Ready
}

/// StatefulSet: ready at once with the OnDelete update strategy. Otherwise
/// all `spec.replicas` (default 1) must exist and be ready with no extras
/// left. With a rolling-update partition, the replicas at or above the
/// partition must be updated; without one, every replica must be at the
/// current revision and `currentRevision` must equal `updateRevision`.
fn stateful_set(obj: &Value) -> Readiness {
    if str_at(obj, &["spec", "updateStrategy", "type"]) == Some("OnDelete") {
        return Readiness::Ready;
    }

    let spec = replicas_wanted(obj);
    let current_total = int_or(obj, &["status", "replicas"], 0);
    let ready = int_or(obj, &["status", "readyReplicas"], 0);
    let at_current = int_or(obj, &["status", "currentReplicas"], 0);
    let updated = int_or(obj, &["status", "updatedReplicas"], 0);

    if spec > current_total {
        return pending(format!("{current_total} of {spec} replicas created"));
    }
    if spec > ready {
        return pending(format!("{ready} of {spec} replicas ready"));
    }
    if current_total > spec {
        return pending(format!(
            "{} extra replicas pending termination",
            current_total - spec
        ));
    }

    if let Some(partition) = int_at(
        obj,
        &["spec", "updateStrategy", "rollingUpdate", "partition"],
    ) {
        let expected = spec - partition;
        if updated < expected {
            return pending(format!(
                "{updated} of {expected} replicas updated (partition {partition})"
            ));
        }
        return Readiness::Ready;
    }

    if spec > at_current {
        return pending(format!(
            "{at_current} of {spec} replicas at the current revision"
        ));
    }
    let current_rev = str_at(obj, &["status", "currentRevision"]).unwrap_or("");
    let update_rev = str_at(obj, &["status", "updateRevision"]).unwrap_or("");
    if current_rev != update_rev {
        return pending(format!(
            "rolling update in progress (revision {current_rev} -> {update_rev})"
        ));
    }
    Readiness::Ready
}

/// DaemonSet: the controller must have reported on it (generation and
/// observed generation set, `desiredNumberScheduled` present); then the
/// current, updated, available and ready pod counts must all reach
/// `desiredNumberScheduled`.
fn daemon_set(obj: &Value) -> Readiness {
    if int_at(obj, &["metadata", "generation"]).is_none() {
        return pending("metadata.generation is not set yet");
    }
    if int_at(obj, &["status", "observedGeneration"]).is_none() {
        return pending("waiting for the DaemonSet controller to observe it");
    }
    let Some(desired) = int_at(obj, &["status", "desiredNumberScheduled"]) else {
        return pending("waiting for the DaemonSet controller to count desired pods");
    };
    let scheduled = int_or(obj, &["status", "currentNumberScheduled"], 0);
    let updated = int_or(obj, &["status", "updatedNumberScheduled"], 0);
    let available = int_or(obj, &["status", "numberAvailable"], 0);
    let ready = int_or(obj, &["status", "numberReady"], 0);

    if desired > scheduled {
        return pending(format!("{scheduled} of {desired} pods scheduled"));
    }
    if desired > updated {
        return pending(format!("{updated} of {desired} pods updated"));
    }
    if desired > available {
        return pending(format!("{available} of {desired} pods available"));
    }
    if desired > ready {
        return pending(format!("{ready} of {desired} pods ready"));
    }
    Readiness::Ready
}

/// ReplicaSet: pending while a ReplicaFailure condition is True (usually a
/// quota or admission problem creating pods); otherwise all `spec.replicas`
/// (default 1) must be fully labelled, available and ready, with no extras.
fn replica_set(obj: &Value) -> Readiness {
    for c in conditions(obj) {
        if c.kind == "ReplicaFailure" && c.status == "True" {
            return pending(labelled("cannot create pods", c.reason, c.message));
        }
    }
    let spec = replicas_wanted(obj);
    let current = int_or(obj, &["status", "replicas"], 0);
    let labelled_count = int_or(obj, &["status", "fullyLabeledReplicas"], 0);
    let available = int_or(obj, &["status", "availableReplicas"], 0);
    let ready = int_or(obj, &["status", "readyReplicas"], 0);

    if spec > labelled_count {
        return pending(format!("{labelled_count} of {spec} replicas labelled"));
    }
    if spec > available {
        return pending(format!("{available} of {spec} replicas available"));
    }
    if spec > ready {
        return pending(format!("{ready} of {spec} replicas ready"));
    }
    if current > spec {
        return pending(format!(
            "{} extra replicas pending termination",
            current - spec
        ));
    }
    Readiness::Ready
}

/// `spec.replicas`, which the controllers default to 1.
fn replicas_wanted(obj: &Value) -> i64 {
    int_or(obj, &["spec", "replicas"], 1)
}

// ---------------------------------------------------------------------------
// Pods
// ---------------------------------------------------------------------------

/// How long a Pod may stay unschedulable before it counts as failed.
const SCHEDULE_WINDOW_SECS: i64 = 15;

/// Pod under `--wait`: a finished pod (Succeeded or Failed) has settled and
/// is ready; a Running pod needs its Ready condition, and fails if a
/// container is in CrashLoopBackOff; a Pending pod fails once it has been
/// unschedulable for more than 15 seconds after creation.
fn pod(obj: &Value, now: i64) -> Readiness {
    let phase = str_at(obj, &["status", "phase"]).unwrap_or("");
    match phase {
        "Succeeded" | "Failed" => Readiness::Ready,
        "Running" => {
            if conditions(obj).any(|c| c.kind == "Ready" && c.status == "True") {
                return Readiness::Ready;
            }
            let looping = crash_looping(obj);
            if !looping.is_empty() {
                return Readiness::Failed(format!(
                    "containers in CrashLoopBackOff: {}",
                    looping.join(", ")
                ));
            }
            let not_ready = containers_not_ready(obj);
            if not_ready.is_empty() {
                pending("running but not Ready")
            } else {
                pending(format!(
                    "running but not Ready (containers not ready: {})",
                    not_ready.join(", ")
                ))
            }
        }
        "Pending" => {
            let unschedulable = conditions(obj)
                .find(|c| c.kind == "PodScheduled" && c.status == "False")
                .filter(|c| c.reason == "Unschedulable");
            if let Some(c) = unschedulable {
                let created =
                    str_at(obj, &["metadata", "creationTimestamp"]).and_then(parse_rfc3339);
                let fresh = created.is_some_and(|t| now - SCHEDULE_WINDOW_SECS < t);
                return if fresh {
                    pending(labelled("not scheduled yet", "", c.message))
                } else {
                    Readiness::Failed(labelled("cannot be scheduled", "", c.message))
                };
            }
            pending(pod_waiting("Pending", obj))
        }
        "" => pending("pod phase not reported yet"),
        other => pending(format!("unknown pod phase {other:?}")),
    }
}

/// Pod as a hook: Succeeded is done, Failed is a failure, anything else is
/// still running.
fn pod_until_done(obj: &Value) -> Readiness {
    match str_at(obj, &["status", "phase"]).unwrap_or("") {
        "Succeeded" => Readiness::Ready,
        "Failed" => Readiness::Failed(pod_failure(obj)),
        "" => pending("pod phase not reported yet"),
        phase => pending(pod_waiting(phase, obj)),
    }
}

/// "pod is <phase>", plus any containers stuck waiting and why (for example
/// an image that cannot be pulled).
fn pod_waiting(phase: &str, obj: &Value) -> String {
    let mut stuck = Vec::new();
    for c in container_statuses(obj) {
        let Some(reason) = c.pointer("/state/waiting/reason").and_then(Value::as_str) else {
            continue;
        };
        let name = c.get("name").and_then(Value::as_str).unwrap_or("?");
        let image_problem = matches!(
            reason,
            "ErrImagePull" | "ImagePullBackOff" | "InvalidImageName"
        );
        match c.get("image").and_then(Value::as_str) {
            Some(image) if image_problem => {
                stuck.push(format!("container {name}: {reason} (image {image})"));
            }
            _ => stuck.push(format!("container {name}: {reason}")),
        }
    }
    if stuck.is_empty() {
        format!("pod is {phase}")
    } else {
        format!("pod is {phase}; {}", stuck.join("; "))
    }
}

/// Why a pod failed: its own reason/message (e.g. Evicted), else the first
/// container that exited non-zero.
fn pod_failure(obj: &Value) -> String {
    let reason = str_at(obj, &["status", "reason"]).unwrap_or("");
    let message = str_at(obj, &["status", "message"]).unwrap_or("");
    if !reason.is_empty() || !message.is_empty() {
        return labelled("pod failed", reason, message);
    }
    for c in container_statuses(obj) {
        let Some(term) = c.pointer("/state/terminated") else {
            continue;
        };
        let code = term.get("exitCode").and_then(Value::as_i64).unwrap_or(0);
        if code == 0 {
            continue;
        }
        let name = c.get("name").and_then(Value::as_str).unwrap_or("?");
        let why = term.get("reason").and_then(Value::as_str).unwrap_or("");
        return if why.is_empty() {
            format!("pod failed: container {name} exited with code {code}")
        } else {
            format!("pod failed: container {name} exited with code {code} ({why})")
        };
    }
    "pod failed".to_string()
}

/// Names of regular containers waiting in CrashLoopBackOff.
fn crash_looping(obj: &Value) -> Vec<&str> {
    array_at(obj, &["status", "containerStatuses"])
        .iter()
        .filter(|c| {
            c.pointer("/state/waiting/reason").and_then(Value::as_str) == Some("CrashLoopBackOff")
        })
        .filter_map(|c| c.get("name").and_then(Value::as_str))
        .collect()
}

/// Names of regular containers whose `ready` flag is false.
fn containers_not_ready(obj: &Value) -> Vec<&str> {
    array_at(obj, &["status", "containerStatuses"])
        .iter()
        .filter(|c| c.get("ready").and_then(Value::as_bool) == Some(false))
        .filter_map(|c| c.get("name").and_then(Value::as_str))
        .collect()
}

/// Init container statuses followed by regular container statuses.
fn container_statuses(obj: &Value) -> impl Iterator<Item = &Value> {
    array_at(obj, &["status", "initContainerStatuses"])
        .iter()
        .chain(array_at(obj, &["status", "containerStatuses"]))
}

// ---------------------------------------------------------------------------
// Jobs
// ---------------------------------------------------------------------------

/// Job under plain `--wait` (no `--wait-for-jobs`): fails on a Failed
/// condition, is ready once complete or merely started (`status.startTime`
/// set), and pending until then.
fn job_started(obj: &Value) -> Readiness {
    if let Some(verdict) = job_finished(obj) {
        return verdict;
    }
    if str_at(obj, &["status", "startTime"]).is_none_or(str::is_empty) {
        return pending("job has not started yet");
    }
    Readiness::Ready
}

/// Job with `--wait-for-jobs` or as a hook: ready only when its Complete
/// condition is True, failed when its Failed condition is True, pending
/// otherwise.
fn job_until_done(obj: &Value) -> Readiness {
    if let Some(verdict) = job_finished(obj) {
        return verdict;
    }
    let parallelism = int_or(obj, &["spec", "parallelism"], 1);
    let completions = int_or(obj, &["spec", "completions"], parallelism);
    let succeeded = int_or(obj, &["status", "succeeded"], 0);
    let active = int_or(obj, &["status", "active"], 0);
    let failed = int_or(obj, &["status", "failed"], 0);
    pending(format!(
        "{succeeded} of {completions} completions succeeded ({active} active, {failed} failed)"
    ))
}

/// The first Complete=True or Failed=True condition of a Job, as a verdict.
fn job_finished(obj: &Value) -> Option<Readiness> {
    for c in conditions(obj) {
        if c.status != "True" {
            continue;
        }
        match c.kind {
            "Complete" => return Some(Readiness::Ready),
            "Failed" => {
                let failed = int_or(obj, &["status", "failed"], 0);
                let head = format!("job failed ({failed} failed pods)");
                return Some(Readiness::Failed(labelled(&head, c.reason, c.message)));
            }
            _ => {}
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Other built-in kinds
// ---------------------------------------------------------------------------

/// PersistentVolumeClaim: ready once `status.phase` is Bound.
fn pvc(obj: &Value) -> Readiness {
    match str_at(obj, &["status", "phase"]) {
        Some("Bound") => Readiness::Ready,
        Some(phase) => pending(format!(
            "claim is {phase}, not Bound (check its StorageClass and provisioner)"
        )),
        None => pending("claim phase not reported yet"),
    }
}

/// Service: a LoadBalancer Service needs a cluster IP; every other type
/// (ClusterIP, NodePort, ExternalName, headless) is ready at once. Like Helm
/// 4, this does not wait for the load balancer's external address.
fn service(obj: &Value) -> Readiness {
    let kind = str_at(obj, &["spec", "type"]).unwrap_or("ClusterIP");
    let cluster_ip = str_at(obj, &["spec", "clusterIP"]).unwrap_or("");
    if kind == "LoadBalancer" && cluster_ip.is_empty() {
        return pending("LoadBalancer service has no cluster IP yet");
    }
    Readiness::Ready
}

/// CustomResourceDefinition: the first decisive condition wins.
/// NamesAccepted=False fails (a naming conflict), Established=False fails
/// unless the reason is Installing, Established=True is ready; with no
/// decisive condition it is still being installed.
fn crd(obj: &Value) -> Readiness {
    for c in conditions(obj) {
        if c.kind == "NamesAccepted" && c.status == "False" {
            return Readiness::Failed(labelled("names not accepted", c.reason, c.message));
        }
        if c.kind == "Established" {
            if c.status == "False" && c.reason != "Installing" {
                return Readiness::Failed(labelled("not established", c.reason, c.message));
            }
            if c.status == "True" {
                return Readiness::Ready;
            }
        }
    }
    pending("waiting for the API server to establish the CRD")
}

/// Namespace: ready unless it is terminating. (A terminating namespace
/// always has a deletion timestamp, which the generic rules already turn
/// into pending; the phase check covers objects that only report the
/// phase.) A Ready condition, if any, is honoured as for unknown kinds.
fn namespace(obj: &Value) -> Readiness {
    if str_at(obj, &["status", "phase"]) == Some("Terminating") {
        return pending("namespace is terminating");
    }
    ready_condition(obj)
}

// ---------------------------------------------------------------------------
// JSON helpers
// ---------------------------------------------------------------------------

/// One entry of `status.conditions`, with missing fields read as "".
struct Condition<'a> {
    kind: &'a str,
    status: &'a str,
    reason: &'a str,
    message: &'a str,
}

/// The object's `status.conditions`, in order; malformed entries are skipped.
fn conditions(obj: &Value) -> impl Iterator<Item = Condition<'_>> {
    array_at(obj, &["status", "conditions"])
        .iter()
        .filter_map(|c| {
            let field = |name: &str| c.get(name).and_then(Value::as_str).unwrap_or("");
            let kind = field("type");
            (!kind.is_empty()).then(|| Condition {
                kind,
                status: field("status"),
                reason: field("reason"),
                message: field("message"),
            })
        })
}

/// API group (empty for the core group) and kind.
fn group_kind(obj: &Value) -> (&str, &str) {
    let api_version = str_at(obj, &["apiVersion"]).unwrap_or("");
    let group = api_version
        .rsplit_once('/')
        .map_or("", |(group, _version)| group);
    (group, str_at(obj, &["kind"]).unwrap_or(""))
}

fn field<'a>(obj: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(obj, |v, key| v.get(key))
}

fn str_at<'a>(obj: &'a Value, path: &[&str]) -> Option<&'a str> {
    field(obj, path).and_then(Value::as_str)
}

fn int_at(obj: &Value, path: &[&str]) -> Option<i64> {
    field(obj, path).and_then(Value::as_i64)
}

fn int_or(obj: &Value, path: &[&str], default: i64) -> i64 {
    int_at(obj, path).unwrap_or(default)
}

fn bool_at(obj: &Value, path: &[&str]) -> bool {
    field(obj, path).and_then(Value::as_bool).unwrap_or(false)
}

fn array_at<'a>(obj: &'a Value, path: &[&str]) -> &'a [Value] {
    field(obj, path)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn pending(reason: impl Into<String>) -> Readiness {
    Readiness::Pending(reason.into())
}

/// "head: reason: message", leaving out whichever parts are empty.
fn labelled(head: &str, reason: &str, message: &str) -> String {
    [head, reason, message]
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(": ")
}

// ---------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Seconds since the Unix epoch for an RFC 3339 timestamp such as
/// `2024-05-01T12:30:00Z` (fractional seconds and `+hh:mm` offsets allowed).
fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
        })
    };
    let sep = |at: usize, allowed: &[u8]| b.get(at).is_some_and(|c| allowed.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }

    let mut rest = 19;
    if sep(rest, b".") {
        rest += 1;
        while b.get(rest).is_some_and(u8::is_ascii_digit) {
            rest += 1;
        }
    }
    let offset = match b.get(rest)? {
        b'Z' | b'z' if rest + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if rest + 6 == b.len() && sep(rest + 3, b":") => {
            let secs = num(rest + 1, 2)? * 3600 + num(rest + 4, 2)? * 60;
            if *sign == b'+' { secs } else { -secs }
        }
        _ => return None,
    };

    let days = days_since_epoch(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Days from 1970-01-01 to the given proleptic Gregorian date.
fn days_since_epoch(year: i64, month: i64, day: i64) -> i64 {
    // Count years from March so the leap day falls at the end of the year.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12; // March = 0 ... February = 11
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_700_000_000; // 2023-11-14T22:13:20Z

    fn wait(obj: &Value) -> Readiness {
        check_at(obj, ReadyOptions::default(), NOW)
    }

    fn wait_jobs(obj: &Value) -> Readiness {
        check_at(
            obj,
            ReadyOptions {
                wait_for_jobs: true,
            },
            NOW,
        )
    }

    fn pending_text(r: Readiness) -> String {
        match r {
            Readiness::Pending(text) => text,
            other => panic!("expected Pending, got {other:?}"),
        }
    }

    fn failed_text(r: Readiness) -> String {
        match r {
            Readiness::Failed(text) => text,
            other => panic!("expected Failed, got {other:?}"),
        }
    }

    // --- generic rules and unknown kinds ---

    #[test]
    fn unknown_kind_without_conditions_is_ready() {
        let obj =
            json!({"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}});
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn unknown_kind_ready_condition_true_is_ready() {
        let obj = json!({"apiVersion": "example.com/v1", "kind": "Widget",
            "status": {"conditions": [{"type": "Ready", "status": "True"}]}});
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn unknown_kind_ready_condition_false_is_pending() {
        let obj = json!({"apiVersion": "example.com/v1", "kind": "Widget",
            "status": {"conditions": [{"type": "Ready", "status": "False",
                "reason": "Provisioning", "message": "bucket not created"}]}});
        assert_eq!(
            pending_text(wait(&obj)),
            "Ready condition is False: Provisioning: bucket not created"
        );
    }

    #[test]
    fn unknown_kind_ready_condition_unknown_is_pending() {
        let obj = json!({"apiVersion": "example.com/v1", "kind": "Widget",
            "status": {"conditions": [{"type": "Ready", "status": "Unknown"}]}});
        assert_eq!(pending_text(wait(&obj)), "Ready condition is Unknown");
    }

    #[test]
    fn stalled_condition_fails() {
        let obj = json!({"apiVersion": "example.com/v1", "kind": "Widget",
            "status": {"conditions": [{"type": "Stalled", "status": "True",
                "reason": "InvalidSpec", "message": "size must be positive"}]}});
        assert_eq!(
            failed_text(wait(&obj)),
            "stalled: InvalidSpec: size must be positive"
        );
    }

    #[test]
    fn reconciling_condition_is_pending_even_when_ready() {
        let obj = json!({"apiVersion": "example.com/v1", "kind": "Widget",
            "status": {"conditions": [
                {"type": "Ready", "status": "True"},
                {"type": "Reconciling", "status": "True", "reason": "Progressing"}]}});
        assert_eq!(pending_text(wait(&obj)), "reconciling: Progressing");
    }

    #[test]
    fn unobserved_generation_is_pending() {
        let obj = json!({"apiVersion": "example.com/v1", "kind": "Widget",
            "metadata": {"generation": 3}, "status": {"observedGeneration": 2}});
        assert_eq!(
            pending_text(wait(&obj)),
            "controller has not observed the latest spec yet (generation 3, observed 2)"
        );
    }

    #[test]
    fn missing_observed_generation_skips_generation_check() {
        let obj = json!({"apiVersion": "example.com/v1", "kind": "Widget",
            "metadata": {"generation": 3}, "status": {}});
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn deleting_object_is_pending_with_finalizers() {
        let obj = json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"deletionTimestamp": "2023-11-14T22:00:00Z",
                "finalizers": ["example.com/cleanup"]}});
        assert_eq!(
            pending_text(wait(&obj)),
            "being deleted; waiting for finalizers: example.com/cleanup"
        );
    }

    #[test]
    fn config_map_and_secret_are_ready() {
        for kind in ["ConfigMap", "Secret"] {
            let obj = json!({"apiVersion": "v1", "kind": kind, "metadata": {"name": "x"}});
            assert_eq!(wait(&obj), Readiness::Ready, "{kind}");
        }
    }

    // --- Deployment ---

    fn deployment_obj(spec_replicas: i64, status: Value) -> Value {
        json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "default", "generation": 2},
            "spec": {"replicas": spec_replicas, "progressDeadlineSeconds": 600},
            "status": status})
    }

    fn healthy_deployment_conditions() -> Value {
        json!([
            {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
            {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}
        ])
    }

    #[test]
    fn deployment_ready() {
        let obj = deployment_obj(
            3,
            json!({"observedGeneration": 2, "replicas": 3,
            "updatedReplicas": 3, "readyReplicas": 3, "availableReplicas": 3,
            "conditions": healthy_deployment_conditions()}),
        );
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn deployment_pending_on_available_replicas() {
        let obj = deployment_obj(
            3,
            json!({"observedGeneration": 2, "replicas": 3,
            "updatedReplicas": 3, "readyReplicas": 1, "availableReplicas": 1,
            "conditions": [{"type": "Progressing", "status": "True", "reason": "ReplicaSetUpdated"}]}),
        );
        assert_eq!(pending_text(wait(&obj)), "1 of 3 replicas available");
    }

    #[test]
    fn deployment_pending_on_updated_replicas() {
        let obj = deployment_obj(
            3,
            json!({"observedGeneration": 2, "replicas": 3,
            "updatedReplicas": 1, "readyReplicas": 3, "availableReplicas": 3}),
        );
        assert_eq!(pending_text(wait(&obj)), "1 of 3 replicas updated");
    }

    #[test]
    fn deployment_pending_on_old_replicas() {
        let obj = deployment_obj(
            2,
            json!({"observedGeneration": 2, "replicas": 3,
            "updatedReplicas": 2, "readyReplicas": 3, "availableReplicas": 3}),
        );
        assert_eq!(
            pending_text(wait(&obj)),
            "1 old replicas pending termination"
        );
    }

    #[test]
    fn deployment_pending_on_generation() {
        let obj = deployment_obj(
            1,
            json!({"observedGeneration": 1, "replicas": 1,
            "updatedReplicas": 1, "readyReplicas": 1, "availableReplicas": 1,
            "conditions": healthy_deployment_conditions()}),
        );
        assert!(pending_text(wait(&obj)).contains("generation 2, observed 1"));
    }

    #[test]
    fn deployment_replicas_default_to_one() {
        let obj = json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"generation": 1}, "spec": {"progressDeadlineSeconds": 600},
            "status": {"observedGeneration": 1}});
        assert_eq!(pending_text(wait(&obj)), "0 of 1 replicas created");
    }

    #[test]
    fn deployment_pending_until_new_replica_set_available() {
        let obj = deployment_obj(
            1,
            json!({"observedGeneration": 2, "replicas": 1,
            "updatedReplicas": 1, "readyReplicas": 1, "availableReplicas": 1,
            "conditions": [{"type": "Available", "status": "True"},
                {"type": "Progressing", "status": "True", "reason": "ReplicaSetUpdated"}]}),
        );
        assert_eq!(
            pending_text(wait(&obj)),
            "waiting for the new ReplicaSet to become available"
        );
    }

    #[test]
    fn deployment_pending_until_available_condition() {
        let obj = deployment_obj(
            1,
            json!({"observedGeneration": 2, "replicas": 1,
            "updatedReplicas": 1, "readyReplicas": 1, "availableReplicas": 1,
            "conditions": [{"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]}),
        );
        assert_eq!(
            pending_text(wait(&obj)),
            "Available condition is not True yet"
        );
    }

    #[test]
    fn deployment_progress_deadline_fails() {
        let obj = deployment_obj(
            3,
            json!({"observedGeneration": 2, "replicas": 3,
            "updatedReplicas": 3, "readyReplicas": 0, "availableReplicas": 0,
            "conditions": [{"type": "Progressing", "status": "False",
                "reason": "ProgressDeadlineExceeded",
                "message": "ReplicaSet \"web-5d4f\" has timed out progressing."}]}),
        );
        assert_eq!(
            failed_text(wait(&obj)),
            "rollout stuck, progress deadline exceeded: ReplicaSet \"web-5d4f\" has timed out progressing."
        );
    }

    #[test]
    fn paused_deployment_is_not_waited_for() {
        let obj = json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"generation": 5}, "spec": {"replicas": 3, "paused": true},
            "status": {"observedGeneration": 4}});
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn deployment_scaled_to_zero_is_ready() {
        let obj = deployment_obj(
            0,
            json!({"observedGeneration": 2,
            "conditions": healthy_deployment_conditions()}),
        );
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    // --- StatefulSet ---

    fn sts(spec: Value, status: Value) -> Value {
        json!({"apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "db", "generation": 1},
            "spec": spec, "status": status})
    }

    #[test]
    fn statefulset_ready_without_partition() {
        let obj = sts(
            json!({"replicas": 2, "updateStrategy": {"type": "RollingUpdate"}}),
            json!({"observedGeneration": 1, "replicas": 2, "readyReplicas": 2,
                "currentReplicas": 2, "updatedReplicas": 2,
                "currentRevision": "db-1", "updateRevision": "db-1"}),
        );
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn statefulset_pending_on_ready_replicas() {
        let obj = sts(
            json!({"replicas": 3}),
            json!({"observedGeneration": 1, "replicas": 3, "readyReplicas": 1}),
        );
        assert_eq!(pending_text(wait(&obj)), "1 of 3 replicas ready");
    }

    #[test]
    fn statefulset_pending_on_revision_mismatch() {
        let obj = sts(
            json!({"replicas": 2}),
            json!({"observedGeneration": 1, "replicas": 2, "readyReplicas": 2,
                "currentReplicas": 2, "updatedReplicas": 2,
                "currentRevision": "db-1", "updateRevision": "db-2"}),
        );
        assert_eq!(
            pending_text(wait(&obj)),
            "rolling update in progress (revision db-1 -> db-2)"
        );
    }

    #[test]
    fn statefulset_pending_on_current_replicas() {
        let obj = sts(
            json!({"replicas": 2}),
            json!({"observedGeneration": 1, "replicas": 2, "readyReplicas": 2,
                "currentReplicas": 1}),
        );
        assert_eq!(
            pending_text(wait(&obj)),
            "1 of 2 replicas at the current revision"
        );
    }

    #[test]
    fn statefulset_partition_counts_only_updated_replicas() {
        let spec = json!({"replicas": 3,
            "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 2}}});
        let rolling = sts(
            spec.clone(),
            json!({"observedGeneration": 1, "replicas": 3, "readyReplicas": 3,
                "updatedReplicas": 0, "currentRevision": "db-1", "updateRevision": "db-2"}),
        );
        assert_eq!(
            pending_text(wait(&rolling)),
            "0 of 1 replicas updated (partition 2)"
        );
        let done = sts(
            spec,
            json!({"observedGeneration": 1, "replicas": 3, "readyReplicas": 3,
                "updatedReplicas": 1, "currentRevision": "db-1", "updateRevision": "db-2"}),
        );
        assert_eq!(wait(&done), Readiness::Ready);
    }

    #[test]
    fn statefulset_on_delete_is_ready() {
        let obj = sts(
            json!({"replicas": 3, "updateStrategy": {"type": "OnDelete"}}),
            json!({"observedGeneration": 1, "replicas": 0}),
        );
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn statefulset_stalled_fails() {
        let obj = sts(
            json!({"replicas": 1}),
            json!({"conditions": [{"type": "Stalled", "status": "True", "reason": "Broken"}]}),
        );
        assert_eq!(failed_text(wait(&obj)), "stalled: Broken");
    }

    // --- DaemonSet ---

    fn ds(status: Value) -> Value {
        json!({"apiVersion": "apps/v1", "kind": "DaemonSet",
            "metadata": {"name": "agent", "generation": 4}, "spec": {}, "status": status})
    }

    #[test]
    fn daemonset_ready() {
        let obj = ds(json!({"observedGeneration": 4, "desiredNumberScheduled": 3,
            "currentNumberScheduled": 3, "updatedNumberScheduled": 3,
            "numberAvailable": 3, "numberReady": 3}));
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn daemonset_pending_on_updated() {
        let obj = ds(json!({"observedGeneration": 4, "desiredNumberScheduled": 3,
            "currentNumberScheduled": 3, "updatedNumberScheduled": 1,
            "numberAvailable": 3, "numberReady": 3}));
        assert_eq!(pending_text(wait(&obj)), "1 of 3 pods updated");
    }

    #[test]
    fn daemonset_pending_on_available() {
        let obj = ds(json!({"observedGeneration": 4, "desiredNumberScheduled": 3,
            "currentNumberScheduled": 3, "updatedNumberScheduled": 3,
            "numberAvailable": 2, "numberReady": 3}));
        assert_eq!(pending_text(wait(&obj)), "2 of 3 pods available");
    }

    #[test]
    fn daemonset_pending_without_observed_generation() {
        let obj = ds(json!({}));
        assert_eq!(
            pending_text(wait(&obj)),
            "waiting for the DaemonSet controller to observe it"
        );
    }

    #[test]
    fn daemonset_pending_without_desired_number() {
        let obj = ds(json!({"observedGeneration": 4}));
        assert_eq!(
            pending_text(wait(&obj)),
            "waiting for the DaemonSet controller to count desired pods"
        );
    }

    #[test]
    fn daemonset_with_no_eligible_nodes_is_ready() {
        let obj = ds(json!({"observedGeneration": 4, "desiredNumberScheduled": 0}));
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    // --- ReplicaSet ---

    fn rs(replicas: i64, status: Value) -> Value {
        json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": {"name": "web-1", "generation": 1},
            "spec": {"replicas": replicas}, "status": status})
    }

    #[test]
    fn replicaset_ready() {
        let obj = rs(
            2,
            json!({"observedGeneration": 1, "replicas": 2,
            "fullyLabeledReplicas": 2, "availableReplicas": 2, "readyReplicas": 2}),
        );
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn replicaset_pending_on_available() {
        let obj = rs(
            2,
            json!({"observedGeneration": 1, "replicas": 2,
            "fullyLabeledReplicas": 2, "availableReplicas": 0, "readyReplicas": 0}),
        );
        assert_eq!(pending_text(wait(&obj)), "0 of 2 replicas available");
    }

    #[test]
    fn replicaset_replica_failure_is_pending_with_message() {
        let obj = rs(
            2,
            json!({"observedGeneration": 1, "conditions": [{
            "type": "ReplicaFailure", "status": "True", "reason": "FailedCreate",
            "message": "pods \"web-1-x\" is forbidden: exceeded quota"}]}),
        );
        assert_eq!(
            pending_text(wait(&obj)),
            "cannot create pods: FailedCreate: pods \"web-1-x\" is forbidden: exceeded quota"
        );
    }

    #[test]
    fn replicaset_stalled_fails() {
        let obj = rs(
            1,
            json!({"conditions": [{"type": "Stalled", "status": "True",
            "message": "gave up"}]}),
        );
        assert_eq!(failed_text(wait(&obj)), "stalled: gave up");
    }

    // --- ReplicationController ---

    #[test]
    fn replication_controller_ready_when_generation_observed() {
        let obj = json!({"apiVersion": "v1", "kind": "ReplicationController",
            "metadata": {"generation": 2}, "spec": {"replicas": 2},
            "status": {"observedGeneration": 2, "replicas": 2, "readyReplicas": 2}});
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn replication_controller_pending_on_generation() {
        let obj = json!({"apiVersion": "v1", "kind": "ReplicationController",
            "metadata": {"generation": 2}, "status": {"observedGeneration": 1}});
        assert_eq!(
            pending_text(wait(&obj)),
            "controller has not observed the latest spec yet (generation 2, observed 1)"
        );
    }

    #[test]
    fn replication_controller_being_deleted_is_pending() {
        let obj = json!({"apiVersion": "v1", "kind": "ReplicationController",
            "metadata": {"deletionTimestamp": "2023-11-14T22:00:00Z"}});
        assert_eq!(pending_text(wait(&obj)), "being deleted");
    }

    #[test]
    fn replication_controller_stalled_fails() {
        let obj = json!({"apiVersion": "v1", "kind": "ReplicationController",
            "status": {"conditions": [{"type": "Stalled", "status": "True"}]}});
        assert_eq!(failed_text(wait(&obj)), "stalled");
    }

    // --- Pod ---

    fn pod_obj(status: Value) -> Value {
        json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "p", "creationTimestamp": "2023-11-14T22:13:00Z"},
            "status": status})
    }

    #[test]
    fn pod_running_and_ready() {
        let obj = pod_obj(json!({"phase": "Running",
            "conditions": [{"type": "Ready", "status": "True"}]}));
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn pod_running_not_ready_names_containers() {
        let obj = pod_obj(json!({"phase": "Running",
            "conditions": [{"type": "Ready", "status": "False"}],
            "containerStatuses": [{"name": "app", "ready": false, "state": {"running": {}}},
                {"name": "sidecar", "ready": true, "state": {"running": {}}}]}));
        assert_eq!(
            pending_text(wait(&obj)),
            "running but not Ready (containers not ready: app)"
        );
    }

    #[test]
    fn pod_crash_looping_fails() {
        let obj = pod_obj(json!({"phase": "Running",
            "containerStatuses": [{"name": "app", "ready": false,
                "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}));
        assert_eq!(
            failed_text(wait(&obj)),
            "containers in CrashLoopBackOff: app"
        );
    }

    #[test]
    fn pod_finished_is_settled_under_wait() {
        for phase in ["Succeeded", "Failed"] {
            let obj = pod_obj(json!({"phase": phase}));
            assert_eq!(wait(&obj), Readiness::Ready, "{phase}");
        }
    }

    #[test]
    fn pod_pending_reports_image_pull_problem() {
        let obj = pod_obj(json!({"phase": "Pending",
            "containerStatuses": [{"name": "app", "image": "nginx:nope",
                "state": {"waiting": {"reason": "ImagePullBackOff"}}}]}));
        assert_eq!(
            pending_text(wait(&obj)),
            "pod is Pending; container app: ImagePullBackOff (image nginx:nope)"
        );
    }

    #[test]
    fn pod_unschedulable_is_pending_within_window() {
        // Created 20 seconds before NOW would be outside; this one is 5 s old.
        let obj = json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"creationTimestamp": "2023-11-14T22:13:15Z"},
            "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled",
                "status": "False", "reason": "Unschedulable",
                "message": "0/3 nodes are available: 3 Insufficient cpu."}]}});
        assert_eq!(
            pending_text(wait(&obj)),
            "not scheduled yet: 0/3 nodes are available: 3 Insufficient cpu."
        );
    }

    #[test]
    fn pod_unschedulable_fails_after_window() {
        let obj = pod_obj(
            json!({"phase": "Pending", "conditions": [{"type": "PodScheduled",
            "status": "False", "reason": "Unschedulable",
            "message": "0/3 nodes are available: 3 Insufficient cpu."}]}),
        );
        assert_eq!(
            failed_text(wait(&obj)),
            "cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu."
        );
    }

    #[test]
    fn pod_without_phase_is_pending() {
        let obj = pod_obj(json!({}));
        assert_eq!(pending_text(wait(&obj)), "pod phase not reported yet");
    }

    #[test]
    fn pod_unknown_phase_is_pending() {
        let obj = pod_obj(json!({"phase": "Unknown"}));
        assert_eq!(pending_text(wait(&obj)), "unknown pod phase \"Unknown\"");
    }

    // --- Job ---

    fn job(status: Value) -> Value {
        json!({"apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"name": "migrate", "generation": 1},
            "spec": {"completions": 1, "backoffLimit": 6}, "status": status})
    }

    #[test]
    fn job_running_is_ready_without_wait_for_jobs() {
        let obj = job(json!({"startTime": "2023-11-14T22:00:00Z", "active": 1}));
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn job_not_started_is_pending_without_wait_for_jobs() {
        let obj = job(json!({}));
        assert_eq!(pending_text(wait(&obj)), "job has not started yet");
    }

    #[test]
    fn job_failed_fails_without_wait_for_jobs() {
        let obj = job(json!({"startTime": "2023-11-14T22:00:00Z", "failed": 7,
            "conditions": [{"type": "Failed", "status": "True",
                "reason": "BackoffLimitExceeded",
                "message": "Job has reached the specified backoff limit"}]}));
        assert_eq!(
            failed_text(wait(&obj)),
            "job failed (7 failed pods): BackoffLimitExceeded: Job has reached the specified backoff limit"
        );
    }

    #[test]
    fn job_running_is_pending_with_wait_for_jobs() {
        let obj = job(json!({"startTime": "2023-11-14T22:00:00Z", "active": 1, "failed": 2}));
        assert_eq!(
            pending_text(wait_jobs(&obj)),
            "0 of 1 completions succeeded (1 active, 2 failed)"
        );
    }

    #[test]
    fn job_complete_is_ready_with_wait_for_jobs() {
        let obj = job(json!({"succeeded": 1,
            "conditions": [{"type": "Complete", "status": "True"}]}));
        assert_eq!(wait_jobs(&obj), Readiness::Ready);
    }

    #[test]
    fn job_failed_fails_with_wait_for_jobs() {
        let obj = job(json!({"failed": 1, "conditions": [{"type": "Failed",
            "status": "True", "reason": "DeadlineExceeded"}]}));
        assert_eq!(
            failed_text(wait_jobs(&obj)),
            "job failed (1 failed pods): DeadlineExceeded"
        );
    }

    #[test]
    fn job_completions_default_to_parallelism() {
        let obj = json!({"apiVersion": "batch/v1", "kind": "Job",
            "spec": {"parallelism": 3}, "status": {"succeeded": 1}});
        assert_eq!(
            pending_text(wait_jobs(&obj)),
            "1 of 3 completions succeeded (0 active, 0 failed)"
        );
    }

    // --- PersistentVolumeClaim ---

    fn pvc_obj(status: Value) -> Value {
        json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": "data"}, "status": status})
    }

    #[test]
    fn pvc_bound_is_ready() {
        assert_eq!(wait(&pvc_obj(json!({"phase": "Bound"}))), Readiness::Ready);
    }

    #[test]
    fn pvc_pending_is_pending() {
        assert_eq!(
            pending_text(wait(&pvc_obj(json!({"phase": "Pending"})))),
            "claim is Pending, not Bound (check its StorageClass and provisioner)"
        );
    }

    #[test]
    fn pvc_without_phase_is_pending() {
        assert_eq!(
            pending_text(wait(&pvc_obj(json!({})))),
            "claim phase not reported yet"
        );
    }

    #[test]
    fn pvc_being_deleted_is_pending() {
        let obj = json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"deletionTimestamp": "2023-11-14T22:00:00Z",
                "finalizers": ["kubernetes.io/pvc-protection"]},
            "status": {"phase": "Bound"}});
        assert_eq!(
            pending_text(wait(&obj)),
            "being deleted; waiting for finalizers: kubernetes.io/pvc-protection"
        );
    }

    // --- Service ---

    #[test]
    fn service_cluster_ip_is_ready() {
        let obj = json!({"apiVersion": "v1", "kind": "Service",
            "spec": {"type": "ClusterIP", "clusterIP": "10.0.0.1"}});
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn service_external_name_is_ready() {
        let obj = json!({"apiVersion": "v1", "kind": "Service",
            "spec": {"type": "ExternalName", "externalName": "db.example.com"}});
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn service_load_balancer_without_cluster_ip_is_pending() {
        let obj = json!({"apiVersion": "v1", "kind": "Service",
            "spec": {"type": "LoadBalancer"}});
        assert_eq!(
            pending_text(wait(&obj)),
            "LoadBalancer service has no cluster IP yet"
        );
    }

    #[test]
    fn service_load_balancer_with_cluster_ip_is_ready_without_ingress() {
        let obj = json!({"apiVersion": "v1", "kind": "Service",
            "spec": {"type": "LoadBalancer", "clusterIP": "10.0.0.9"},
            "status": {"loadBalancer": {}}});
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    // --- CustomResourceDefinition ---

    fn crd_obj(conditions: Value) -> Value {
        json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": {"name": "widgets.example.com", "generation": 1},
            "status": {"conditions": conditions}})
    }

    #[test]
    fn crd_established_is_ready() {
        let obj = crd_obj(json!([{"type": "NamesAccepted", "status": "True"},
            {"type": "Established", "status": "True"}]));
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn crd_installing_is_pending() {
        let obj = crd_obj(json!([{"type": "NamesAccepted", "status": "True"},
            {"type": "Established", "status": "False", "reason": "Installing"}]));
        assert_eq!(
            pending_text(wait(&obj)),
            "waiting for the API server to establish the CRD"
        );
    }

    #[test]
    fn crd_names_not_accepted_fails() {
        let obj = crd_obj(json!([{"type": "NamesAccepted", "status": "False",
            "reason": "PluralConflict",
            "message": "\"widgets\" is already in use"}]));
        assert_eq!(
            failed_text(wait(&obj)),
            "names not accepted: PluralConflict: \"widgets\" is already in use"
        );
    }

    #[test]
    fn crd_not_established_for_other_reason_fails() {
        let obj = crd_obj(json!([{"type": "Established", "status": "False",
            "reason": "NotAccepted", "message": "not all names are accepted"}]));
        assert_eq!(
            failed_text(wait(&obj)),
            "not established: NotAccepted: not all names are accepted"
        );
    }

    #[test]
    fn crd_without_conditions_is_pending() {
        let obj = json!({"apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition", "metadata": {"name": "w"}});
        assert!(matches!(wait(&obj), Readiness::Pending(_)));
    }

    // --- PodDisruptionBudget ---

    #[test]
    fn pdb_observed_is_ready() {
        let obj = json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
            "metadata": {"generation": 1},
            "status": {"observedGeneration": 1, "disruptionsAllowed": 0,
                "conditions": [{"type": "DisruptionAllowed", "status": "False",
                    "reason": "InsufficientPods"}]}});
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn pdb_unobserved_is_pending() {
        let obj = json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
            "metadata": {"generation": 2}, "status": {"observedGeneration": 1}});
        assert_eq!(
            pending_text(wait(&obj)),
            "controller has not observed the latest spec yet (generation 2, observed 1)"
        );
    }

    #[test]
    fn pdb_stalled_fails() {
        let obj = json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
            "status": {"conditions": [{"type": "Stalled", "status": "True",
                "reason": "SelectorInvalid"}]}});
        assert_eq!(failed_text(wait(&obj)), "stalled: SelectorInvalid");
    }

    // --- Namespace ---

    #[test]
    fn namespace_active_is_ready() {
        let obj = json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": "apps"}, "status": {"phase": "Active"}});
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn namespace_terminating_phase_is_pending() {
        let obj = json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": "apps"}, "status": {"phase": "Terminating"}});
        assert_eq!(pending_text(wait(&obj)), "namespace is terminating");
    }

    #[test]
    fn namespace_being_deleted_is_pending() {
        let obj = json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": "apps", "deletionTimestamp": "2023-11-14T22:00:00Z"},
            "status": {"phase": "Terminating"}});
        assert_eq!(pending_text(wait(&obj)), "being deleted");
    }

    #[test]
    fn namespace_stalled_fails() {
        let obj = json!({"apiVersion": "v1", "kind": "Namespace",
            "status": {"conditions": [{"type": "Stalled", "status": "True"}]}});
        assert_eq!(failed_text(wait(&obj)), "stalled");
    }

    // --- Kind matching ---

    #[test]
    fn kind_in_other_group_uses_generic_rules() {
        // A custom resource that happens to be called Deployment is not an
        // apps/v1 Deployment and gets no replica checks.
        let obj = json!({"apiVersion": "example.com/v1", "kind": "Deployment",
            "spec": {"replicas": 3}, "status": {}});
        assert_eq!(wait(&obj), Readiness::Ready);
    }

    #[test]
    fn public_check_uses_real_clock() {
        let obj = json!({"apiVersion": "v1", "kind": "Service", "spec": {"clusterIP": "10.0.0.1"}});
        assert_eq!(check(&obj, ReadyOptions::default()), Readiness::Ready);
    }

    // --- hook_done ---

    #[test]
    fn hook_job_complete_is_ready() {
        let obj = job(json!({"succeeded": 1,
            "conditions": [{"type": "Complete", "status": "True"}]}));
        assert_eq!(hook_done(&obj), Readiness::Ready);
    }

    #[test]
    fn hook_job_running_is_pending() {
        let obj = job(json!({"startTime": "2023-11-14T22:00:00Z", "active": 1}));
        assert_eq!(
            pending_text(hook_done(&obj)),
            "0 of 1 completions succeeded (1 active, 0 failed)"
        );
    }

    #[test]
    fn hook_job_failed_fails_with_condition_reason() {
        let obj = job(json!({"failed": 7, "conditions": [
            {"type": "Complete", "status": "False"},
            {"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded",
                "message": "Job has reached the specified backoff limit"}]}));
        assert_eq!(
            failed_text(hook_done(&obj)),
            "job failed (7 failed pods): BackoffLimitExceeded: Job has reached the specified backoff limit"
        );
    }

    #[test]
    fn hook_job_ignores_generic_rules() {
        // Hooks use the Job's own conditions only, like Helm.
        let obj = json!({"apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"deletionTimestamp": "2023-11-14T22:00:00Z"},
            "status": {"conditions": [{"type": "Complete", "status": "True"}]}});
        assert_eq!(hook_done(&obj), Readiness::Ready);
    }

    #[test]
    fn hook_pod_succeeded_is_ready() {
        assert_eq!(
            hook_done(&pod_obj(json!({"phase": "Succeeded"}))),
            Readiness::Ready
        );
    }

    #[test]
    fn hook_pod_running_is_pending() {
        let obj = pod_obj(json!({"phase": "Running",
            "conditions": [{"type": "Ready", "status": "True"}]}));
        assert_eq!(pending_text(hook_done(&obj)), "pod is Running");
    }

    #[test]
    fn hook_pod_pending_names_waiting_container() {
        let obj = pod_obj(json!({"phase": "Pending",
            "initContainerStatuses": [{"name": "init", "state": {"waiting": {"reason": "PodInitializing"}}}]}));
        assert_eq!(
            pending_text(hook_done(&obj)),
            "pod is Pending; container init: PodInitializing"
        );
    }

    #[test]
    fn hook_pod_failed_reports_exit_code() {
        let obj = pod_obj(json!({"phase": "Failed", "containerStatuses": [
            {"name": "main", "state": {"terminated": {"exitCode": 2, "reason": "Error"}}}]}));
        assert_eq!(
            failed_text(hook_done(&obj)),
            "pod failed: container main exited with code 2 (Error)"
        );
    }

    #[test]
    fn hook_pod_failed_reports_eviction() {
        let obj = pod_obj(json!({"phase": "Failed", "reason": "Evicted",
            "message": "The node was low on resource: memory."}));
        assert_eq!(
            failed_text(hook_done(&obj)),
            "pod failed: Evicted: The node was low on resource: memory."
        );
    }

    #[test]
    fn hook_other_kinds_are_ready_at_once() {
        let obj = json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "spec": {"replicas": 3}, "status": {}});
        assert_eq!(hook_done(&obj), Readiness::Ready);
    }

    // --- time parsing ---

    #[test]
    fn rfc3339_parsing() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2023-11-14T22:13:20Z"), Some(NOW));
        assert_eq!(parse_rfc3339("2023-11-14T22:13:20.123456Z"), Some(NOW));
        assert_eq!(parse_rfc3339("2023-11-15T00:13:20+02:00"), Some(NOW));
        assert_eq!(parse_rfc3339("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        assert_eq!(parse_rfc3339("not a time"), None);
        assert_eq!(parse_rfc3339("2023-13-01T00:00:00Z"), None);
    }
}
