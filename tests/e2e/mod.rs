//! Harness for end-to-end tests against a real Kubernetes cluster.
//!
//! Cluster discovery: `CAPSTAN_KUBECONFIG` (one kubeconfig file), else `KUBECONFIG`
//! (read like kubectl does, so a `:`-separated list is merged); its current context is
//! used. `tests/cluster/up` starts a local one and prints both variables; any other
//! cluster (kind, k3d, a cloud cluster) works the same way, see docs/testing.md.
//!
//! Without a cluster a test prints one `SKIP` line and returns; under `CI=true` a
//! missing or unreachable cluster is a failure. Each test works in a namespace of its
//! own, `capstan-e2e-<name>-<random>`, labelled `capstan.e2e/test=<name>`, which it
//! deletes at the end (and, best effort, on panic).
#![allow(dead_code)]

use std::future::Future;
use std::io::Write;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use k8s_openapi::api::core::v1::{Namespace, Node, ServiceAccount};
use kube::api::{Api, DeleteParams, ListParams, ObjectMeta, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

/// Label put on every namespace an e2e test creates (clean up leftovers with
/// `kubectl delete ns -l capstan.e2e/test`).
pub const TEST_LABEL: &str = "capstan.e2e/test";

fn in_ci() -> bool {
    matches!(std::env::var("CI").as_deref(), Ok("true") | Ok("1"))
}

/// Print one line that is visible even though libtest captures `println!`.
pub fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A reachable cluster.
pub struct Cluster {
    pub client: Client,
    pub config: Config,
    /// Where the kubeconfig came from (for messages).
    pub source: String,
    /// `/version` of the API server, e.g. `v1.36.5`.
    pub version: String,
}

/// Finds the test cluster, or returns `None` after printing one `SKIP` line.
/// Panics under `CI=true` when there is none, and whenever a configured cluster
/// cannot be reached (a misconfiguration should not look like a skip).
pub async fn cluster(test: &str) -> Option<Cluster> {
    let explicit = std::env::var_os("CAPSTAN_KUBECONFIG").filter(|v| !v.is_empty());
    let from_env = std::env::var_os("KUBECONFIG").filter(|v| !v.is_empty());
    let (kubeconfig, source) = match (explicit, from_env) {
        (Some(p), _) => {
            let kc = Kubeconfig::read_from(&p).unwrap_or_else(|e| {
                panic!(
                    "{test}: cannot read CAPSTAN_KUBECONFIG={}: {e}",
                    p.to_string_lossy()
                )
            });
            (kc, format!("CAPSTAN_KUBECONFIG={}", p.to_string_lossy()))
        }
        (None, Some(p)) => {
            let kc = Kubeconfig::from_env().ok().flatten().unwrap_or_else(|| {
                panic!("{test}: cannot read KUBECONFIG={}", p.to_string_lossy())
            });
            (kc, format!("KUBECONFIG={}", p.to_string_lossy()))
        }
        (None, None) => {
            if in_ci() {
                panic!(
                    "{test}: CI=true but no cluster: set CAPSTAN_KUBECONFIG or KUBECONFIG \
                     (.ci/run starts one with tests/cluster/up)"
                );
            }
            note(&format!(
                "SKIP {test}: no cluster (set CAPSTAN_KUBECONFIG or KUBECONFIG, e.g. eval \"$(tests/cluster/up)\")"
            ));
            return None;
        }
    };
    let config = Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .unwrap_or_else(|e| panic!("{test}: bad kubeconfig from {source}: {e}"));
    let client = Client::try_from(config.clone())
        .unwrap_or_else(|e| panic!("{test}: cannot build a client from {source}: {e}"));
    let version =
        match tokio::time::timeout(Duration::from_secs(20), client.apiserver_version()).await {
            Ok(Ok(v)) => v.git_version,
            Ok(Err(e)) => panic!(
                "{test}: cluster from {source} ({}) is not usable: {e}",
                config.cluster_url
            ),
            Err(_) => panic!(
                "{test}: cluster from {source} ({}) did not answer in 20s",
                config.cluster_url
            ),
        };
    Some(Cluster {
        client,
        config,
        source,
        version,
    })
}

/// Polls `probe` every 250 ms until it returns `Some`, or panics after `timeout`
/// with `what` and the last state `probe` reported through `last`.
pub async fn wait_for<T, F, Fut>(what: &str, timeout: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let start = Instant::now();
    loop {
        let state = match probe().await {
            Ok(v) => return v,
            Err(state) => state,
        };
        if start.elapsed() > timeout {
            panic!("timed out after {timeout:?} waiting for {what}; last state: {state}");
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

fn suffix() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let mut x = (nanos as u64) ^ (u64::from(std::process::id()) << 32) ^ 0x9e37_79b9_7f4a_7c15;
    // xorshift to spread the bits, then 6 base-36 characters
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    let alphabet = b"0123456789abcdefghijklmnopqrstuvwxyz";
    (0..6)
        .map(|i| alphabet[((x >> (i * 6)) % 36) as usize] as char)
        .collect()
}

/// A namespace owned by one test.
pub struct TestNamespace {
    pub name: String,
    client: Client,
    config: Config,
    deleted: bool,
}

impl Cluster {
    /// True when the nodes are simulated by kwok (the local test cluster): pods do not
    /// really run there, and bare `helm.sh/hook` pods complete by themselves. Tests that
    /// depend on that should skip (with `note`) when this is false.
    pub async fn is_kwok(&self) -> bool {
        let nodes: Api<Node> = Api::all(self.client.clone());
        match nodes.list(&ListParams::default()).await {
            Ok(list) => {
                !list.items.is_empty()
                    && list.items.iter().all(|n| {
                        n.metadata
                            .annotations
                            .as_ref()
                            .and_then(|a| a.get("kwok.x-k8s.io/node"))
                            .is_some_and(|v| v == "fake")
                    })
            }
            Err(_) => false,
        }
    }

    /// Creates `capstan-e2e-<test>-<random>` and waits for its `default`
    /// ServiceAccount (Pods cannot be admitted before it exists).
    pub async fn namespace(&self, test: &str) -> TestNamespace {
        let name = format!("capstan-e2e-{test}-{}", suffix());
        assert!(name.len() <= 63, "namespace name too long: {name}");
        let api: Api<Namespace> = Api::all(self.client.clone());
        let ns = Namespace {
            metadata: ObjectMeta {
                name: Some(name.clone()),
                labels: Some([(TEST_LABEL.to_string(), test.to_string())].into()),
                ..Default::default()
            },
            ..Default::default()
        };
        api.create(&PostParams::default(), &ns)
            .await
            .unwrap_or_else(|e| panic!("creating namespace {name}: {e}"));
        let guard = TestNamespace {
            name: name.clone(),
            client: self.client.clone(),
            config: self.config.clone(),
            deleted: false,
        };
        let sas: Api<ServiceAccount> = Api::namespaced(self.client.clone(), &name);
        wait_for(
            "the default ServiceAccount",
            Duration::from_secs(60),
            || async {
                match sas.get_opt("default").await {
                    Ok(Some(_)) => Ok(()),
                    Ok(None) => Err("absent".to_string()),
                    Err(e) => Err(e.to_string()),
                }
            },
        )
        .await;
        guard
    }
}

impl TestNamespace {
    pub fn client(&self) -> Client {
        self.client.clone()
    }

    /// Deletes the namespace and waits until the API server no longer has it
    /// (the namespace controller has removed everything in it).
    pub async fn delete_and_wait(mut self, timeout: Duration) {
        let api: Api<Namespace> = Api::all(self.client.clone());
        api.delete(&self.name, &DeleteParams::foreground())
            .await
            .unwrap_or_else(|e| panic!("deleting namespace {}: {e}", self.name));
        self.deleted = true;
        let name = self.name.clone();
        wait_for(&format!("namespace {name} to be gone"), timeout, || async {
            match api.get_opt(&name).await {
                Ok(None) => Ok(()),
                Ok(Some(ns)) => Err(format!(
                    "phase {:?}, conditions {:?}",
                    ns.status.as_ref().and_then(|s| s.phase.clone()),
                    ns.status
                        .as_ref()
                        .and_then(|s| s.conditions.clone())
                        .unwrap_or_default()
                )),
                Err(e) => Err(e.to_string()),
            }
        })
        .await;
    }
}

impl Drop for TestNamespace {
    /// Best effort when a test panicked before deleting its namespace: a fresh
    /// client on a fresh runtime (the test's runtime may be gone) sends the delete.
    fn drop(&mut self) {
        if self.deleted {
            return;
        }
        let (name, config) = (self.name.clone(), self.config.clone());
        let done = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async move {
                let client = Client::try_from(config).ok()?;
                let api: Api<Namespace> = Api::all(client);
                tokio::time::timeout(
                    Duration::from_secs(10),
                    api.delete(&name, &DeleteParams::background()),
                )
                .await
                .ok()?
                .ok()
            })
        })
        .join();
        note(&format!(
            "e2e: namespace {} left behind by a failed test; delete requested: {}",
            self.name,
            matches!(done, Ok(Some(_)))
        ));
    }
}
