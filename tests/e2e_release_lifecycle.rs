//! The full release lifecycle on a real cluster, checked through the Kubernetes API:
//! `install --wait`, `upgrade --wait` with a changed value, `rollback --wait`, `test`
//! (charts with test hooks) and `uninstall`, on charts/webapp and on real-world charts
//! of the corpus (`../shared/charts`) chosen for CRDs (and custom resources of them),
//! hooks and subcharts.
//!
//! After each step the test checks the objects of the release's manifest (present,
//! changed, deleted), the hooks (hook Jobs completed — seen through the Job
//! controller's events, which outlive Jobs deleted by `hook-succeeded` — and removed or
//! left per their delete policy), that objects dropped by the upgrade are deleted unless
//! annotated `helm.sh/resource-policy: keep`, and that uninstall removes the release's
//! objects but leaves CRDs, kept objects and hook objects, as Helm does.
//!
//! Needs a cluster (tests/e2e/mod.rs); the corpus tests also need `../shared` (one
//! `skipped:` line without it, a failure under `CI=true`). The binary under test is
//! `e2e::capstan_bin()`.

mod common;
mod e2e;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use e2e::ObjRef;
use e2e::release::{
    TIMEOUT, assert_no_records, assert_status, assert_stderr, exists, get_existing, pairs,
    record_statuses, rows, wait_all_present,
};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::Client;
use kube::api::{Api, DeleteParams};
use serde_json::{Value, json};

/// `--timeout` of install/upgrade/rollback/test (an upper bound, never reached when
/// things work).
const HELM_TIMEOUT: &str = "300s";

/// A field the upgrade changes: its value after install (and after the rollback to
/// revision 1) and after the upgrade. `Value::Null` means absent.
struct Field {
    api_version: &'static str,
    kind: &'static str,
    name: String,
    pointer: &'static str,
    installed: Value,
    upgraded: Value,
}

struct Case {
    /// Test (and namespace) name.
    test: &'static str,
    chart: PathBuf,
    release: String,
    install: Vec<String>,
    upgrade: Vec<String>,
    field: Field,
    /// `(kind, name)` of objects the upgrade must drop from the manifest (each is then
    /// deleted, or kept when annotated `helm.sh/resource-policy: keep`).
    dropped: Vec<(&'static str, String)>,
    /// `(kind, name)` of custom resources (of the chart's CRDs) the chart must create:
    /// proves the CRDs were installed before the templates.
    custom_resources: Vec<(&'static str, String)>,
    /// The chart has test hooks: run `test`.
    run_tests: bool,
}

fn args(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------
// Hooks

/// A hook of a stored release: its object, phases and delete policies.
#[derive(Clone, Debug)]
struct Hook {
    obj: ObjRef,
    events: Vec<String>,
    policies: Vec<String>,
}

impl Hook {
    fn runs_on(&self, phases: &[&str]) -> bool {
        self.events.iter().any(|e| phases.contains(&e.as_str()))
    }

    /// Deleted by Helm once it succeeded.
    fn deleted_on_success(&self) -> bool {
        self.policies.iter().any(|p| p == "hook-succeeded")
    }
}

/// The hooks of a decoded release record, from each hook's stored manifest (its
/// `helm.sh/hook` and `helm.sh/hook-delete-policy` annotations).
fn hooks_of(release: &Value) -> Vec<Hook> {
    let list = |s: Option<&str>| -> Vec<String> {
        s.unwrap_or_default()
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    };
    release["hooks"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .flat_map(|h| e2e::yaml_docs(h["manifest"].as_str().unwrap_or_default()))
        .filter_map(|doc| {
            let obj = ObjRef::of(&doc)?;
            let ann = &doc["metadata"]["annotations"];
            Some(Hook {
                obj,
                events: list(ann["helm.sh/hook"].as_str()),
                policies: list(ann["helm.sh/hook-delete-policy"].as_str()),
            })
        })
        .collect()
}

/// Checks hooks after they ran, in the release namespace `ns`; counts the runs of each
/// hook Job name.
struct HookChecks<'a> {
    client: &'a Client,
    ns: &'a str,
    runs: BTreeMap<String, usize>,
}

impl HookChecks<'_> {
    /// Checks the hooks of `phases` after they ran: Jobs completed (once more than
    /// before), objects with `hook-succeeded` deleted, the others still there (a test Pod
    /// in phase Succeeded).
    async fn ran(&mut self, hooks: &[Hook], phases: &[&str]) {
        let (client, ns) = (self.client, self.ns);
        for h in hooks.iter().filter(|h| h.runs_on(phases)) {
            if h.obj.kind == "Job" {
                let want = self.runs.entry(h.obj.name.clone()).or_insert(0);
                *want += 1;
                let want = *want;
                let hook_ns = h.obj.namespace.as_deref().unwrap_or(ns);
                e2e::wait_for(
                    &format!("hook Job {} to have completed {want} time(s)", h.obj.name),
                    TIMEOUT,
                    || async {
                        let n = e2e::job_completions(client, hook_ns, &h.obj.name).await?;
                        if n >= want {
                            Ok(())
                        } else {
                            Err(format!("{n} completion event(s)"))
                        }
                    },
                )
                .await;
            }
            if h.deleted_on_success() {
                e2e::wait_gone(client, ns, &h.obj, TIMEOUT).await;
            } else {
                let o = e2e::wait_present(client, ns, &h.obj, TIMEOUT).await;
                if h.obj.kind == "Pod" {
                    let live = serde_json::to_value(&o).unwrap_or_default();
                    let phase = &live["status"]["phase"];
                    assert_eq!(phase, "Succeeded", "hook Pod {}", h.obj.name);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// CRDs

/// Names of the CustomResourceDefinitions in the chart's `crds/` folder.
fn chart_crds(chart: &Path) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p
                .extension()
                .is_some_and(|x| x == "yaml" || x == "yml" || x == "json")
            {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&chart.join("crds"), &mut files);
    let mut names: Vec<String> = files
        .iter()
        .flat_map(|f| e2e::yaml_docs(&std::fs::read_to_string(f).unwrap_or_default()))
        .filter_map(|d| ObjRef::of(&d))
        .filter(|o| o.kind == "CustomResourceDefinition")
        .map(|o| o.name)
        .collect();
    names.sort();
    names.dedup();
    names
}

async fn crd_established(api: &Api<CustomResourceDefinition>, name: &str) -> Result<(), String> {
    let crd = get_existing(api, name).await?;
    let established = crd
        .status
        .and_then(|s| s.conditions)
        .unwrap_or_default()
        .iter()
        .any(|c| c.type_ == "Established" && c.status == "True");
    if established {
        Ok(())
    } else {
        Err("not Established".to_string())
    }
}

/// Upper bound for CRDs of an earlier run to finish deleting. The API server's CRD
/// finalizer can take minutes: right after a CRD was (re)created it fails with "storage
/// is (re)initializing" and retries with backoff.
const CRD_GONE_TIMEOUT: Duration = Duration::from_secs(600);

/// Waits until none of `names` exists any more.
async fn wait_crds_gone(api: &Api<CustomResourceDefinition>, names: &[String]) {
    for n in names {
        e2e::wait_for(&format!("CRD {n} to be gone"), CRD_GONE_TIMEOUT, || async {
            match api.get_opt(n).await {
                Ok(None) => Ok(()),
                Ok(Some(crd)) => Err(format!(
                    "still there (deletionTimestamp {:?})",
                    crd.metadata.deletion_timestamp
                )),
                Err(e) => Err(e.to_string()),
            }
        })
        .await;
    }
}

/// Deletes, at the end of the test (or best effort when it panics), the chart's CRDs
/// that did not exist before it: they are cluster-scoped and outlive the namespace
/// (Helm never deletes CRDs). It does not wait for the deletion to finish (that can
/// take minutes, see [`CRD_GONE_TIMEOUT`]); a following run waits for it instead.
struct CrdCleanup {
    names: Vec<String>,
    client: Client,
    done: bool,
}

impl CrdCleanup {
    async fn run(mut self) {
        let api: Api<CustomResourceDefinition> = Api::all(self.client.clone());
        for n in &self.names {
            let _ = api.delete(n, &DeleteParams::background()).await;
        }
        self.done = true;
    }
}

impl Drop for CrdCleanup {
    fn drop(&mut self) {
        if self.done || self.names.is_empty() {
            return;
        }
        let (names, client) = (self.names.clone(), self.client.clone());
        let shown = format!("{names:?}");
        e2e::on_fresh_runtime(async move {
            let api: Api<CustomResourceDefinition> = Api::all(client);
            for n in &names {
                let _ = tokio::time::timeout(
                    Duration::from_secs(10),
                    api.delete(n, &DeleteParams::background()),
                )
                .await;
            }
        });
        e2e::note(&format!("e2e: deleted CRDs left by a failed test: {shown}"));
    }
}

// ---------------------------------------------------------------------------
// The lifecycle

async fn field_value(client: &Client, ns: &str, f: &Field) -> Result<Value, String> {
    let obj = ObjRef::new(f.api_version, f.kind, &f.name);
    let o = e2e::get_object(client, ns, &obj)
        .await?
        .ok_or_else(|| format!("{obj} absent"))?;
    let v = serde_json::to_value(&o).map_err(|e| e.to_string())?;
    Ok(v.pointer(f.pointer).cloned().unwrap_or(Value::Null))
}

async fn wait_field(client: &Client, ns: &str, f: &Field, want: &Value) {
    e2e::wait_for(
        &format!("{} {} {} = {want}", f.kind, f.name, f.pointer),
        TIMEOUT,
        || async {
            let got = field_value(client, ns, f).await?;
            if &got == want {
                Ok(())
            } else {
                Err(format!("{got}"))
            }
        },
    )
    .await
}

/// Pods a Deployment may have unavailable while Helm's `--wait` still counts it ready
/// (Helm 3's rule, which Helm 4's stricter kstatus rule also satisfies):
/// `maxUnavailable` of a RollingUpdate (default 25%, rounded down), 0 for Recreate.
fn max_unavailable(strategy: &Value, replicas: i64) -> i64 {
    if strategy["type"] == "Recreate" {
        return 0;
    }
    match &strategy["rollingUpdate"]["maxUnavailable"] {
        Value::Number(n) => n.as_i64().unwrap_or(0),
        Value::String(p) => p
            .strip_suffix('%')
            .and_then(|p| p.parse::<i64>().ok())
            .map_or(0, |p| replicas * p / 100),
        _ => replicas * 25 / 100,
    }
}

/// Right after `install --wait` returned (no polling): the workloads and claims of the
/// manifest are ready. Counted on the Pods (Ready, not terminating) rather than on the
/// controllers' status, which may trail the Pods by a moment.
async fn assert_ready_after_wait(client: &Client, ns: &str, objs: &[(ObjRef, Value)]) {
    use k8s_openapi::api::core::v1::Pod;
    for (o, _) in objs {
        if !["Deployment", "StatefulSet", "PersistentVolumeClaim"].contains(&o.kind.as_str()) {
            continue;
        }
        let live = e2e::get_object(client, ns, o)
            .await
            .expect("get")
            .unwrap_or_else(|| panic!("{o} absent after install --wait"));
        let live = serde_json::to_value(&live).expect("JSON");
        if o.kind == "PersistentVolumeClaim" {
            assert_eq!(live["status"]["phase"], "Bound", "{o} after install --wait");
            continue;
        }
        let Some(labels) = live["spec"]["selector"]["matchLabels"].as_object() else {
            continue;
        };
        if live["spec"]["selector"]["matchExpressions"].is_array() {
            continue;
        }
        let replicas = live["spec"]["replicas"].as_i64().unwrap_or(1);
        let need = if o.kind == "Deployment" {
            replicas - max_unavailable(&live["spec"]["strategy"], replicas)
        } else {
            replicas
        };
        let selector = labels
            .iter()
            .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(",");
        let pods: Api<Pod> = Api::namespaced(client.clone(), o.namespace.as_deref().unwrap_or(ns));
        let list = pods
            .list(&kube::api::ListParams::default().labels(&selector))
            .await
            .expect("list pods");
        let ready = list
            .items
            .iter()
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .filter(|p| {
                p.status
                    .as_ref()
                    .and_then(|s| s.conditions.as_ref())
                    .is_some_and(|c| c.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
            })
            .count() as i64;
        assert!(
            ready >= need,
            "{o}: {ready} ready pod(s) right after install --wait, want at least {need}"
        );
    }
}

fn objects(manifest: &str) -> Vec<(ObjRef, Value)> {
    e2e::manifest_docs(manifest)
}

fn find<'a>(objs: &'a [(ObjRef, Value)], kind: &str, name: &str) -> Option<&'a (ObjRef, Value)> {
    objs.iter().find(|(o, _)| o.kind == kind && o.name == name)
}

async fn lifecycle(case: Case) {
    let Some(cluster) = e2e::cluster(case.test).await else {
        return;
    };
    let kwok = cluster.is_kwok().await;
    let (ns, client, capstan) = cluster.setup(case.test).await;
    let rel = case.release.as_str();
    let chart = case.chart.to_string_lossy().into_owned();

    // CRDs of the chart: which exist already (left alone), which the install creates.
    // Ones still being deleted (by an earlier run) must be gone first: the install
    // would take them for existing and then wait for them in vain.
    let crds = chart_crds(&case.chart);
    let crd_api: Api<CustomResourceDefinition> = Api::all(client.clone());
    let mut created_crds = Vec::new();
    let mut terminating = Vec::new();
    for n in &crds {
        match crd_api.get_opt(n).await.expect("get CRD") {
            None => created_crds.push(n.clone()),
            Some(crd) if crd.metadata.deletion_timestamp.is_some() => {
                terminating.push(n.clone());
                created_crds.push(n.clone());
            }
            Some(_) => {}
        }
    }
    if !terminating.is_empty() {
        e2e::note(&format!(
            "{}: waiting for CRDs of an earlier run to finish deleting: {terminating:?}",
            case.test
        ));
        wait_crds_gone(&crd_api, &terminating).await;
    }
    let crd_cleanup = CrdCleanup {
        names: created_crds,
        client: client.clone(),
        done: false,
    };
    let mut hook_checks = HookChecks {
        client: &client,
        ns: &ns.name,
        runs: BTreeMap::new(),
    };

    // install --wait
    let mut cmd = args(&["install", rel, &chart, "--wait", "--timeout", HELM_TIMEOUT]);
    cmd.extend(case.install.iter().cloned());
    let out = capstan.ok(&cmd.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.contains("STATUS: deployed"), "install output:\n{out}");
    for n in &crds {
        e2e::wait_for(&format!("CRD {n}"), TIMEOUT, || {
            crd_established(&crd_api, n)
        })
        .await;
    }
    let records = e2e::release_records(&client, &ns.name, rel).await;
    assert_eq!(records.len(), 1, "records after install: {records:?}");
    assert_eq!(records[0].status, "deployed");
    let r1 = records[0].release.clone().expect("revision 1 decodes");
    let manifest1 = capstan.ok(&["get", "manifest", rel]);
    assert_eq!(
        manifest1.trim_end(),
        r1["manifest"].as_str().unwrap_or_default().trim_end(),
        "get manifest shows the stored manifest"
    );
    let objs1 = objects(&manifest1);
    assert!(!objs1.is_empty(), "empty manifest");
    assert_ready_after_wait(&client, &ns.name, &objs1).await;
    wait_all_present(&client, &ns.name, &objs1).await;
    for (kind, name) in &case.custom_resources {
        let (o, _) = find(&objs1, kind, name)
            .unwrap_or_else(|| panic!("custom resource {kind} {name} not in the manifest"));
        assert!(
            crds.iter().any(|c| c.ends_with(&format!(
                ".{}",
                o.api_version.split('/').next().unwrap_or_default()
            ))),
            "{o} is not of one of the chart's CRDs {crds:?}"
        );
    }
    wait_field(&client, &ns.name, &case.field, &case.field.installed).await;
    let hooks1 = hooks_of(&r1);
    hook_checks
        .ran(&hooks1, &["pre-install", "post-install"])
        .await;

    // upgrade --wait with a changed value
    let mut cmd = args(&["upgrade", rel, &chart, "--wait", "--timeout", HELM_TIMEOUT]);
    cmd.extend(case.upgrade.iter().cloned());
    let out = capstan.ok(&cmd.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        out.contains(&format!("Release \"{rel}\" has been upgraded")),
        "upgrade output:\n{out}"
    );
    let r2 = {
        let recs = e2e::release_records(&client, &ns.name, rel).await;
        assert_eq!(
            record_statuses(&recs),
            pairs(&[(1, "superseded"), (2, "deployed")]),
            "records after upgrade"
        );
        recs[1].release.clone().expect("revision 2 decodes")
    };
    let manifest2 = capstan.ok(&["get", "manifest", rel]);
    let objs2 = objects(&manifest2);
    wait_all_present(&client, &ns.name, &objs2).await;
    wait_field(&client, &ns.name, &case.field, &case.field.upgraded).await;
    let dropped: Vec<&(ObjRef, Value)> = objs1
        .iter()
        .filter(|(o, _)| !objs2.iter().any(|(o2, _)| o2 == o))
        .collect();
    for (kind, name) in &case.dropped {
        assert!(
            dropped
                .iter()
                .any(|(o, _)| o.kind == *kind && o.name == *name),
            "the upgrade should drop {kind} {name}; dropped: {:?}",
            dropped
                .iter()
                .map(|(o, _)| o.to_string())
                .collect::<Vec<_>>()
        );
    }
    let mut kept = Vec::new();
    for (o, doc) in &dropped {
        if e2e::has_keep_policy(doc) {
            assert!(
                exists(&client, &ns.name, o).await,
                "{o} (helm.sh/resource-policy: keep) was deleted by the upgrade"
            );
            kept.push(o.clone());
        } else {
            e2e::wait_gone(&client, &ns.name, o, TIMEOUT).await;
        }
    }
    hook_checks
        .ran(&hooks_of(&r2), &["pre-upgrade", "post-upgrade"])
        .await;

    // rollback --wait to revision 1
    let out = capstan.ok(&["rollback", rel, "1", "--wait", "--timeout", HELM_TIMEOUT]);
    assert!(out.contains("Rollback was a success"), "rollback:\n{out}");
    assert_eq!(
        e2e::history_summary(&capstan.history(rel)),
        rows(&[
            (1, "superseded", "Install complete"),
            (2, "superseded", "Upgrade complete"),
            (3, "deployed", "Rollback to 1"),
        ])
    );
    let manifest3 = capstan.ok(&["get", "manifest", rel]);
    assert_eq!(manifest3, manifest1, "the rollback restores revision 1");
    wait_all_present(&client, &ns.name, &objs1).await;
    wait_field(&client, &ns.name, &case.field, &case.field.installed).await;
    let r3 = e2e::release_records(&client, &ns.name, rel)
        .await
        .pop()
        .and_then(|r| r.release.ok())
        .expect("revision 3 decodes");
    let hooks3 = hooks_of(&r3);
    hook_checks
        .ran(&hooks3, &["pre-rollback", "post-rollback"])
        .await;

    // test
    let tests: Vec<&Hook> = hooks3
        .iter()
        .filter(|h| h.runs_on(&["test", "test-success"]))
        .collect();
    if case.run_tests {
        assert!(!tests.is_empty(), "the chart should have test hooks");
    }
    if case.run_tests && !kwok {
        e2e::note(&format!(
            "{}: not kwok, `test` skipped (its test pods need the kwok stage)",
            case.test
        ));
    } else if case.run_tests {
        let out = capstan.ok(&["test", rel, "--timeout", HELM_TIMEOUT]);
        for h in &tests {
            assert!(
                out.contains(&format!("TEST SUITE:     {}", h.obj.name)),
                "test output lacks {}:\n{out}",
                h.obj.name
            );
        }
        assert_eq!(
            out.matches("Phase:          Succeeded").count(),
            tests.len(),
            "every test hook succeeded:\n{out}"
        );
        hook_checks.ran(&hooks3, &["test", "test-success"]).await;
        assert_status(&capstan, rel, &["STATUS: deployed"]);
    }

    // Hook objects left in place (no hook-succeeded policy): uninstall leaves them too.
    let mut leftover_hooks = Vec::new();
    for h in hooks3.iter().filter(|h| !h.deleted_on_success()) {
        if exists(&client, &ns.name, &h.obj).await {
            leftover_hooks.push(h.obj.clone());
        }
    }

    // uninstall
    let out = capstan.ok(&["uninstall", rel]);
    assert!(
        out.contains(&format!("release \"{rel}\" uninstalled")),
        "uninstall:\n{out}"
    );
    for (o, doc) in &objs1 {
        if e2e::has_keep_policy(doc) {
            kept.push(o.clone());
        } else {
            e2e::wait_gone(&client, &ns.name, o, TIMEOUT).await;
        }
    }
    for o in kept.iter().chain(&leftover_hooks) {
        assert!(
            exists(&client, &ns.name, o).await,
            "{o} should survive the uninstall"
        );
    }
    for n in &crds {
        assert!(
            crd_api.get_opt(n).await.expect("get CRD").is_some(),
            "CRD {n} must stay after uninstall"
        );
    }
    hook_checks
        .ran(&hooks3, &["pre-delete", "post-delete"])
        .await;
    assert_no_records(&client, &ns.name, rel, "records after uninstall").await;
    assert_stderr(&capstan.fails(&["status", rel]), &["not found"]);

    crd_cleanup.run().await;
    ns.delete_and_wait(TIMEOUT).await;
}

/// A chart of the corpus, or `None` after one `SKIP` line when `../shared` is absent
/// (`common::shared_dir` panics instead under `CI=true`).
fn corpus_chart(test: &str, name: &str) -> Option<PathBuf> {
    let Some(shared) = common::shared_dir() else {
        e2e::note(&format!(
            "SKIP {test}: no chart corpus (../shared/charts, or set CAPSTAN_SHARED)"
        ));
        return None;
    };
    let dir = shared.join("charts").join(name);
    assert!(
        dir.join("Chart.yaml").is_file(),
        "corpus chart {name} missing"
    );
    Some(dir)
}

impl Case {
    /// A case whose upgrade (with `upgrade` arguments) changes `field`, and no more: no
    /// install arguments, nothing dropped, no custom resources, no `test` run.
    fn new(
        test: &'static str,
        chart: PathBuf,
        release: String,
        upgrade: &[&str],
        field: Field,
    ) -> Case {
        Case {
            test,
            chart,
            release,
            install: vec![],
            upgrade: args(upgrade),
            field,
            dropped: vec![],
            custom_resources: vec![],
            run_tests: false,
        }
    }
}

fn deployment(name: String, pointer: &'static str, installed: Value, upgraded: Value) -> Field {
    Field {
        api_version: "apps/v1",
        kind: "Deployment",
        name,
        pointer,
        installed,
        upgraded,
    }
}

/// `spec.replicas` of Deployment `name`, `installed` then `upgraded`.
fn replicas(name: String, installed: i64, upgraded: i64) -> Field {
    deployment(name, "/spec/replicas", json!(installed), json!(upgraded))
}

/// A label (at `pointer`) that Deployment `name` gets only from the upgrade, as
/// `upgraded`.
fn upgrade_label(name: String, pointer: &'static str) -> Field {
    deployment(name, pointer, Value::Null, json!("upgraded"))
}

/// charts/webapp: pre-install/pre-upgrade hook Job, test Pod, the redis-lite subchart
/// (dropped by the upgrade, restored by the rollback) and a library chart.
#[tokio::test]
async fn lifecycle_webapp() {
    let chart = PathBuf::from(e2e::release::webapp());
    let rel = "web".to_string();
    let upgrade = [
        "--set",
        "replicaCount=3",
        "--set",
        "redis-lite.enabled=false",
    ];
    let field = replicas(format!("{rel}-webapp"), 2, 3);
    lifecycle(Case {
        dropped: vec![
            ("StatefulSet", format!("{rel}-redis-lite")),
            ("Service", format!("{rel}-redis-lite")),
        ],
        run_tests: true,
        ..Case::new("life-webapp", chart, rel, &upgrade, field)
    })
    .await;
}

/// traefik: 26 CRDs in crds/ and an IngressRoute (custom resource of one of them) in
/// the templates; a PVC annotated `helm.sh/resource-policy: keep`. The upgrade drops
/// both: the IngressRoute is deleted, the PVC kept (also by the uninstall).
#[tokio::test]
async fn lifecycle_corpus_traefik_crds_and_keep_policy() {
    let Some(chart) = corpus_chart("life-traefik", "traefik") else {
        return;
    };
    let rel = e2e::unique_name("tk");
    let common = [
        "--set",
        "service.spec.type=ClusterIP",
        "--set",
        "ingressClass.isDefaultClass=false",
    ];
    let mut install = args(&common);
    install.extend(args(&[
        "--set",
        "ingressRoute.dashboard.enabled=true",
        "--set",
        "persistence.enabled=true",
    ]));
    let upgrade = [&common[..], &["--set", "deployment.replicas=2"]].concat();
    let field = replicas(format!("{rel}-traefik"), 1, 2);
    lifecycle(Case {
        install,
        dropped: vec![
            ("IngressRoute", format!("{rel}-dashboard")),
            ("PersistentVolumeClaim", format!("{rel}-traefik")),
        ],
        custom_resources: vec![("IngressRoute", format!("{rel}-dashboard"))],
        ..Case::new("life-traefik", chart, rel, &upgrade, field)
    })
    .await;
}

/// grafana-agent-operator: 8 CRDs in crds/; its test hooks create custom resources of
/// them (GrafanaAgent, MetricsInstance), cluster-scoped RBAC and a test Pod.
#[tokio::test]
async fn lifecycle_corpus_grafana_agent_operator_crds_and_tests() {
    let Some(chart) = corpus_chart("life-gao", "grafana-agent-operator") else {
        return;
    };
    let rel = e2e::unique_name("gao");
    let name = format!("{rel}-grafana-agent-operator");
    let field = upgrade_label(name, "/spec/template/metadata/labels/e2e");
    let upgrade = ["--set", "podLabels.e2e=upgraded"];
    lifecycle(Case {
        run_tests: true,
        ..Case::new("life-gao", chart, rel, &upgrade, field)
    })
    .await;
}

/// elastic-kibana: pre-install/pre-upgrade hook Job with its own ServiceAccount, Role,
/// RoleBinding and ConfigMap hooks (all `hook-succeeded`), and a post-delete hook Job
/// run by the uninstall.
#[tokio::test]
async fn lifecycle_corpus_kibana_hooks() {
    let Some(chart) = corpus_chart("life-kibana", "elastic-kibana") else {
        return;
    };
    let rel = e2e::unique_name("kb");
    let field = replicas(format!("{rel}-kibana"), 1, 2);
    let upgrade = ["--set", "replicas=2"];
    lifecycle(Case::new("life-kibana", chart, rel, &upgrade, field)).await;
}

/// prometheus-community prometheus: four subcharts (alertmanager StatefulSet,
/// kube-state-metrics, node-exporter DaemonSet, pushgateway), PVCs, cluster RBAC. The
/// upgrade changes a subchart value and disables the pushgateway subchart.
#[tokio::test]
async fn lifecycle_corpus_prometheus_subcharts() {
    let Some(chart) = corpus_chart("life-prom", "prometheus-community-prometheus") else {
        return;
    };
    let rel = e2e::unique_name("prom");
    let upgrade = [
        "--set",
        "prometheus-pushgateway.enabled=false",
        "--set",
        "kube-state-metrics.replicas=2",
    ];
    let field = replicas(format!("{rel}-kube-state-metrics"), 1, 2);
    lifecycle(Case {
        dropped: vec![
            ("Deployment", format!("{rel}-prometheus-pushgateway")),
            ("Service", format!("{rel}-prometheus-pushgateway")),
        ],
        ..Case::new("life-prom", chart, rel, &upgrade, field)
    })
    .await;
}

/// influxdb (bitnami, with the `common` library subchart): its PVC is a pre-install
/// hook without delete policy, so it is not part of the manifest, survives upgrade and
/// rollback, and is left behind by the uninstall (as Helm does).
#[tokio::test]
async fn lifecycle_corpus_influxdb_hook_pvc() {
    let Some(chart) = corpus_chart("life-influxdb", "influxdb") else {
        return;
    };
    let rel = e2e::unique_name("idb");
    let field = upgrade_label(format!("{rel}-influxdb"), "/metadata/labels/e2e");
    let upgrade = ["--set", "commonLabels.e2e=upgraded"];
    lifecycle(Case::new("life-influxdb", chart, rel, &upgrade, field)).await;
}

/// The corpus charts above still have what they were chosen for (guards against a
/// corpus update silently removing the coverage).
#[test]
fn lifecycle_corpus_charts_cover_crds_hooks_subcharts() {
    let test = "lifecycle_corpus_charts_cover_crds_hooks_subcharts";
    let Some(traefik) = corpus_chart(test, "traefik") else {
        return;
    };
    let charts = traefik.parent().expect("charts dir").to_path_buf();
    assert!(chart_crds(&charts.join("traefik")).len() >= 10);
    assert!(chart_crds(&charts.join("grafana-agent-operator")).len() >= 5);
    let subcharts: BTreeSet<String> =
        std::fs::read_dir(charts.join("prometheus-community-prometheus/charts"))
            .expect("subcharts")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
    assert!(
        subcharts.contains("prometheus-pushgateway"),
        "{subcharts:?}"
    );
    let kibana_hooks =
        std::fs::read_to_string(charts.join("elastic-kibana/templates/post-delete-job.yaml"))
            .unwrap_or_default();
    assert!(kibana_hooks.contains("post-delete"));
}
