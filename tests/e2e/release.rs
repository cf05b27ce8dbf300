//! What the release tests (`tests/e2e_release_*.rs`) share: the start of a test (a
//! namespace and capstan working in it), the charts they install, the forms they compare
//! history and release records in, and reads of the objects they wait for.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::time::Duration;

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::ConfigMap;
use kube::Client;
use kube::api::Api;
use serde::de::DeserializeOwned;

use super::{Cli, Cluster, ObjRef, ReleaseRecord, Run, TestNamespace, history_summary, wait_for};

/// Upper bound for objects to appear, change or disappear.
pub const TIMEOUT: Duration = Duration::from_secs(180);

// ---------------------------------------------------------------------------
// The start of a test, charts.

impl Cluster {
    /// A namespace of the test's own, a client, and capstan working in the namespace.
    pub async fn setup(&self, test: &str) -> (TestNamespace, Client, Cli) {
        let ns = self.namespace(test).await;
        let client = ns.client();
        let capstan = Cli::capstan(&ns.name);
        (ns, client, capstan)
    }
}

/// [`Cluster::setup`] on the test cluster; `None` (after one `SKIP` line) without one.
pub async fn setup(test: &str) -> Option<(TestNamespace, Client, Cli)> {
    let cluster = super::cluster(test).await?;
    Some(cluster.setup(test).await)
}

/// A path inside the repository, e.g. `charts/webapp`.
pub fn repo_path(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// The example chart charts/webapp.
pub fn webapp() -> String {
    repo_path("charts/webapp")
}

/// A chart of tests/data/charts made for one test file, e.g. `e2e-faults`.
pub fn test_chart(name: &str) -> String {
    repo_path(&format!("tests/data/charts/{name}"))
}

// ---------------------------------------------------------------------------
// History and release records, in forms `assert_eq!` compares.

/// `(revision, status)` of each entry of `history -o json`.
pub fn statuses(h: &[serde_json::Value]) -> Vec<(i64, String)> {
    history_summary(h)
        .into_iter()
        .map(|(r, s, _)| (r, s))
        .collect()
}

/// `(version, status label)` of each release record.
pub fn record_statuses(recs: &[ReleaseRecord]) -> Vec<(i64, String)> {
    recs.iter().map(|r| (r.version, r.status.clone())).collect()
}

/// Expected `(revision, status)` pairs, as [`statuses`] and [`record_statuses`] give them.
pub fn pairs(v: &[(i64, &str)]) -> Vec<(i64, String)> {
    v.iter().map(|(r, s)| (*r, s.to_string())).collect()
}

/// Expected `(revision, status, description)` rows, as [`history_summary`] gives them.
pub fn rows(v: &[(i64, &str, &str)]) -> Vec<(i64, String, String)> {
    v.iter()
        .map(|(r, s, d)| (*r, s.to_string(), d.to_string()))
        .collect()
}

/// `name` has no release records (left) in `ns`; `what` says when, for the message.
pub async fn assert_no_records(client: &Client, ns: &str, name: &str, what: &str) {
    let records = super::release_records(client, ns, name).await;
    assert!(records.is_empty(), "{what}: {records:?}");
}

// ---------------------------------------------------------------------------
// What the CLIs printed.

/// `run` printed each of `needles` on stderr.
pub fn assert_stderr(run: &Run, needles: &[&str]) {
    for n in needles {
        assert!(
            run.stderr.contains(n),
            "`{}` should print {n:?}; stderr:\n{}",
            run.cmdline,
            run.stderr
        );
    }
}

/// `status <release>` succeeds and prints each of `lines` (e.g. `STATUS: deployed`);
/// returns what it printed.
pub fn assert_status(cli: &Cli, release: &str, lines: &[&str]) -> String {
    let status = cli.ok(&["status", release]);
    for line in lines {
        assert!(
            status.contains(line),
            "{} status lacks {line:?}:\n{status}",
            cli.label
        );
    }
    status
}

// ---------------------------------------------------------------------------
// Objects.

/// An object that must exist, read for a [`wait_for`] probe: `Err` with the state when
/// it is absent or cannot be read.
pub async fn get_existing<K>(api: &Api<K>, name: &str) -> Result<K, String>
where
    K: Clone + DeserializeOwned + Debug,
{
    api.get_opt(name)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "absent".to_string())
}

/// Whether `obj` exists (an API error fails the test).
pub async fn exists(client: &Client, ns: &str, obj: &ObjRef) -> bool {
    super::get_object(client, ns, obj)
        .await
        .expect("get")
        .is_some()
}

/// Waits until every object of a manifest exists.
pub async fn wait_all_present(client: &Client, ns: &str, objs: &[(ObjRef, serde_json::Value)]) {
    for (o, _) in objs {
        super::wait_present(client, ns, o, TIMEOUT).await;
    }
}

/// Waits until every one of `objs` is gone.
pub async fn wait_all_gone<'a>(
    client: &Client,
    ns: &str,
    objs: impl IntoIterator<Item = &'a ObjRef>,
) {
    for o in objs {
        super::wait_gone(client, ns, o, TIMEOUT).await;
    }
}

/// Waits until Job `name` has the Failed condition: the Job controller failed it (the
/// fault comes from the cluster, not from a shortcut).
pub async fn wait_job_failed(client: &Client, ns: &str, name: &str) {
    let api: Api<Job> = Api::namespaced(client.clone(), ns);
    wait_for(&format!("Job {name} Failed"), TIMEOUT, || async {
        let job = get_existing(&api, name).await?;
        let conditions = job.status.and_then(|s| s.conditions).unwrap_or_default();
        if conditions
            .iter()
            .any(|c| c.type_ == "Failed" && c.status == "True")
        {
            Ok(())
        } else {
            Err(format!("conditions {conditions:?}"))
        }
    })
    .await
}

/// The ConfigMap `name` in `ns`, if it exists.
pub async fn configmap(client: &Client, ns: &str, name: &str) -> Option<ConfigMap> {
    let api: Api<ConfigMap> = Api::namespaced(client.clone(), ns);
    api.get_opt(name)
        .await
        .unwrap_or_else(|e| panic!("get ConfigMap {ns}/{name}: {e}"))
}

/// The `data` of a ConfigMap that must exist.
pub async fn configmap_data(client: &Client, ns: &str, name: &str) -> BTreeMap<String, String> {
    configmap(client, ns, name)
        .await
        .unwrap_or_else(|| panic!("ConfigMap {ns}/{name} does not exist"))
        .data
        .unwrap_or_default()
}

/// `data.<key>` of a ConfigMap that must exist.
pub async fn configmap_value(client: &Client, ns: &str, name: &str, key: &str) -> Option<String> {
    configmap_data(client, ns, name).await.remove(key)
}
