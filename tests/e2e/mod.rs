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
//!
//! The binary under test is [`capstan_bin`]: `CAPSTAN_E2E_BIN` if set, else the
//! `capstan` Cargo built. Running the release tests with `CAPSTAN_E2E_BIN=$HELM4_BIN`
//! (real Helm 4 standing in for capstan) validates the tests themselves: they must pass
//! with Helm, except assertions marked as capstan-specific improvements, which accept
//! Helm's behaviour too. [`Cli`] runs capstan or a real Helm (`helm_bin`) against the
//! test cluster; the other helpers read what they did through the Kubernetes API.
#![allow(dead_code)]

use std::future::Future;
use std::io::Write;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use k8s_openapi::api::core::v1::{Namespace, Node, ServiceAccount};
use kube::api::{Api, DeleteParams, ListParams, ObjectMeta, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

pub mod release;

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
        let done = on_fresh_runtime(async move {
            let client = Client::try_from(config).ok()?;
            let api: Api<Namespace> = Api::all(client);
            tokio::time::timeout(
                Duration::from_secs(10),
                api.delete(&name, &DeleteParams::background()),
            )
            .await
            .ok()?
            .ok()
        });
        note(&format!(
            "e2e: namespace {} left behind by a failed test; delete requested: {}",
            self.name,
            matches!(done, Some(Some(_)))
        ));
    }
}

/// Runs `fut` to completion on a fresh runtime in a thread of its own, for cleanups in
/// `Drop` (the test's runtime may be gone, or be the one that is blocked); `None` when
/// the runtime cannot be built or the future panics.
pub fn on_fresh_runtime<T: Send + 'static>(
    fut: impl Future<Output = T> + Send + 'static,
) -> Option<T> {
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        Some(rt.block_on(fut))
    })
    .join()
    .ok()
    .flatten()
}

// ---------------------------------------------------------------------------
// Binaries under test: capstan (or a stand-in) and the real Helm CLIs.

/// The `capstan` binary the release e2e tests run: `CAPSTAN_E2E_BIN` when set and
/// non-empty, else the binary Cargo built for this test run.
///
/// `CAPSTAN_E2E_BIN=$HELM4_BIN cargo test --test 'e2e_release_*'` runs the suite with
/// the real Helm 4 in capstan's place. That proves the tests check Helm's behaviour
/// (capstan must behave the same), and lets them be written before capstan implements
/// a command. Assertions that expect more than Helm does (for example an error message
/// that names a corrupt release Secret) are marked in the tests and accept Helm's
/// behaviour as well.
pub fn capstan_bin() -> String {
    std::env::var("CAPSTAN_E2E_BIN")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_capstan").to_string())
}

/// A real Helm CLI from `var` (`HELM3_BIN`/`HELM4_BIN`, set by `tests/cluster/env`), or
/// `None` after one `SKIP` line; under `CI=true` a missing variable is a failure.
pub fn helm_bin(var: &str, test: &str) -> Option<String> {
    match std::env::var(var).ok().filter(|v| !v.is_empty()) {
        Some(p) => Some(p),
        None if in_ci() => panic!("{test}: CI=true but {var} is not set"),
        None => {
            note(&format!(
                "SKIP {test}: {var} not set (eval \"$(bash tests/cluster/env)\")"
            ));
            None
        }
    }
}

/// The kubeconfig the harness uses (`CAPSTAN_KUBECONFIG`, else `KUBECONFIG`), passed to
/// the CLIs as `KUBECONFIG`.
pub fn kubeconfig_env() -> Option<String> {
    std::env::var("CAPSTAN_KUBECONFIG")
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| std::env::var("KUBECONFIG").ok().filter(|v| !v.is_empty()))
}

/// A name unique to this run: `<prefix>-<6 random characters>`. For releases whose
/// charts create cluster-scoped objects named after the release.
pub fn unique_name(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let s: String = suffix();
    // Mix the counter in so that two calls in the same nanosecond still differ.
    let alphabet = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let tail = alphabet[(n % 36) as usize] as char;
    format!("{prefix}-{}{tail}", &s[..5])
}

/// Upper bound for one CLI command (install/upgrade with `--wait` included). Only a
/// hang detector: tests never assert on durations.
pub const CLI_TIMEOUT: Duration = Duration::from_secs(600);

/// The result of running a CLI.
#[derive(Debug)]
pub struct Run {
    pub cmdline: String,
    pub status: std::process::ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn success(&self) -> bool {
        self.status.success()
    }

    fn describe(&self) -> String {
        format!(
            "`{}` exited with {}\n--- stdout\n{}\n--- stderr\n{}",
            self.cmdline, self.status, self.stdout, self.stderr
        )
    }
}

/// A process started in the background (stdout/stderr collected by threads).
pub struct Background {
    child: std::process::Child,
    cmdline: String,
    out: Option<std::thread::JoinHandle<Vec<u8>>>,
    err: Option<std::thread::JoinHandle<Vec<u8>>>,
}

impl Background {
    pub fn spawn(mut cmd: std::process::Command, cmdline: String) -> Background {
        use std::io::Read;
        use std::process::Stdio;
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start `{cmdline}`: {e}"));
        let drain = |mut r: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = r.read_to_end(&mut buf);
                buf
            })
        };
        let out = drain(Box::new(child.stdout.take().expect("stdout pipe")));
        let err = drain(Box::new(child.stderr.take().expect("stderr pipe")));
        Background {
            child,
            cmdline,
            out: Some(out),
            err: Some(err),
        }
    }

    pub fn id(&self) -> u32 {
        self.child.id()
    }

    fn collect(&mut self, status: std::process::ExitStatus) -> Run {
        let text = |h: Option<std::thread::JoinHandle<Vec<u8>>>| {
            h.and_then(|h| h.join().ok())
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default()
        };
        Run {
            cmdline: self.cmdline.clone(),
            status,
            stdout: text(self.out.take()),
            stderr: text(self.err.take()),
        }
    }

    /// The result if the process has exited, without blocking.
    pub fn try_finish(&mut self) -> Option<Run> {
        match self.child.try_wait() {
            Ok(Some(status)) => Some(self.collect(status)),
            Ok(None) => None,
            Err(e) => panic!("waiting for `{}`: {e}", self.cmdline),
        }
    }

    /// Waits for the process to exit; kills it and panics after `limit`.
    pub fn wait(mut self, limit: Duration) -> Run {
        let start = Instant::now();
        loop {
            if let Some(run) = self.try_finish() {
                return run;
            }
            if start.elapsed() > limit {
                let run = self.kill();
                panic!(
                    "did not finish within {limit:?} (killed): {}",
                    run.describe()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Kills the process (SIGKILL, like a crash: no cleanup runs) and returns what it
    /// printed.
    pub fn kill(&mut self) -> Run {
        let _ = self.child.kill();
        let status = self
            .child
            .wait()
            .unwrap_or_else(|e| panic!("waiting for `{}`: {e}", self.cmdline));
        self.collect(status)
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Runs capstan or a real Helm CLI against the test cluster, in one namespace, with
/// its own empty Helm home directories (no repositories, plugins or registry logins
/// of the developer leak in), the Secret storage driver and no colour.
pub struct Cli {
    /// `capstan`, `helm3`, `helm4`: for messages.
    pub label: String,
    pub bin: String,
    pub ns: String,
    kubeconfig: Option<String>,
    home: tempfile::TempDir,
}

impl Cli {
    pub fn new(label: &str, bin: &str, ns: &str) -> Cli {
        Cli {
            label: label.to_string(),
            bin: bin.to_string(),
            ns: ns.to_string(),
            kubeconfig: kubeconfig_env(),
            home: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The binary under test ([`capstan_bin`]).
    pub fn capstan(ns: &str) -> Cli {
        Cli::new("capstan", &capstan_bin(), ns)
    }

    /// The same CLI talking through another kubeconfig file.
    pub fn with_kubeconfig(mut self, path: &str) -> Cli {
        self.kubeconfig = Some(path.to_string());
        self
    }

    pub fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(&self.bin);
        cmd.args(args).args(["--namespace", &self.ns]);
        match &self.kubeconfig {
            Some(kc) => cmd.env("KUBECONFIG", kc),
            None => cmd.env_remove("KUBECONFIG"),
        };
        for v in ["HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME"] {
            cmd.env(v, self.home.path().join(v));
        }
        for v in ["HELM_NAMESPACE", "HELM_KUBECONTEXT", "HELM_DEBUG"] {
            cmd.env_remove(v);
        }
        cmd.env("HELM_DRIVER", "secret").env("NO_COLOR", "1");
        cmd
    }

    fn cmdline(&self, args: &[&str]) -> String {
        format!("{} {} --namespace {}", self.label, args.join(" "), self.ns)
    }

    /// Starts the command in the background.
    pub fn spawn(&self, args: &[&str]) -> Background {
        Background::spawn(self.command(args), self.cmdline(args))
    }

    /// Runs the command to completion (at most [`CLI_TIMEOUT`]).
    pub fn run(&self, args: &[&str]) -> Run {
        self.spawn(args).wait(CLI_TIMEOUT)
    }

    /// Runs the command, which must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert!(run.success(), "expected success: {}", run.describe());
        run.stdout
    }

    /// Runs the command, which must fail (non-zero exit); returns what it printed.
    pub fn fails(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert!(!run.success(), "expected a failure: {}", run.describe());
        run
    }

    /// `history <release> -o json`, parsed.
    pub fn history(&self, release: &str) -> Vec<serde_json::Value> {
        let out = self.ok(&["history", release, "-o", "json"]);
        match json(&out) {
            serde_json::Value::Array(v) => v,
            other => panic!("{} history: not a list: {other}", self.label),
        }
    }
}

/// Parses JSON output, with the text in the panic message.
pub fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("bad JSON {s:?}: {e}"))
}

/// `(revision, status, description)` of each entry of `history -o json`.
pub fn history_summary(h: &[serde_json::Value]) -> Vec<(i64, String, String)> {
    h.iter()
        .map(|e| {
            (
                e["revision"].as_i64().unwrap_or(-1),
                e["status"].as_str().unwrap_or_default().to_string(),
                e["description"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Helm 4's `status` ends with a live `RESOURCES:` section (objects read from the
/// cluster, whose ages change); this cuts it out so outputs can be compared.
pub fn strip_resources(status: &str) -> String {
    let Some(at) = status.find("RESOURCES:\n") else {
        return status.to_string();
    };
    let rest = &status[at..];
    let end = ["\nTEST SUITE:", "\nNOTES:"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .map_or(rest.len(), |i| i + 1);
    format!("{}{}", &status[..at], &rest[end..])
}

// ---------------------------------------------------------------------------
// Manifests and objects.

/// Parses a (multi-document) YAML text into JSON values, every scalar as a string.
/// Enough to read names, kinds and annotations of rendered manifests.
pub fn yaml_docs(text: &str) -> Vec<serde_json::Value> {
    use saphyr_parser::{Event, Parser};
    use serde_json::{Map, Value};
    enum Frame {
        Seq(Vec<Value>),
        Map(Map<String, Value>, Option<String>),
    }
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    for ev in Parser::new_from_str(text) {
        let (ev, _) = ev.unwrap_or_else(|e| panic!("bad YAML ({e}):\n{text}"));
        let value = match ev {
            Event::Scalar(s, ..) => Value::String(s.into_owned()),
            Event::Alias(_) => Value::Null,
            Event::SequenceStart(..) => {
                stack.push(Frame::Seq(Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push(Frame::Map(Map::new(), None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(v)) => Value::Array(v),
                Some(Frame::Map(m, _)) => Value::Object(m),
                None => panic!("unbalanced YAML events:\n{text}"),
            },
            _ => continue,
        };
        match stack.last_mut() {
            None => docs.push(value),
            Some(Frame::Seq(v)) => v.push(value),
            Some(Frame::Map(m, key)) => match key.take() {
                None => {
                    *key = Some(match value {
                        Value::String(s) => s,
                        other => other.to_string(),
                    })
                }
                Some(k) => {
                    m.insert(k, value);
                }
            },
        }
    }
    docs
}

/// One object of a manifest.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ObjRef {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    /// `metadata.namespace` as written in the manifest (the release namespace applies
    /// to namespaced objects without one).
    pub namespace: Option<String>,
}

impl std::fmt::Display for ObjRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{} {}", self.api_version, self.kind, self.name)
    }
}

impl ObjRef {
    /// An object in the release namespace (or cluster-scoped).
    pub fn new(api_version: &str, kind: &str, name: &str) -> ObjRef {
        ObjRef {
            api_version: api_version.to_string(),
            kind: kind.to_string(),
            name: name.to_string(),
            namespace: None,
        }
    }

    pub fn of(doc: &serde_json::Value) -> Option<ObjRef> {
        let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
        Some(ObjRef {
            api_version: s(&doc["apiVersion"])?,
            kind: s(&doc["kind"])?,
            name: s(&doc["metadata"]["name"])?,
            namespace: s(&doc["metadata"]["namespace"]).filter(|n| !n.is_empty()),
        })
    }

    fn gvk(&self) -> kube::core::GroupVersionKind {
        let (group, version) = self
            .api_version
            .split_once('/')
            .unwrap_or(("", &self.api_version));
        kube::core::GroupVersionKind::gvk(group, version, &self.kind)
    }
}

/// The objects of a rendered manifest, with each document.
pub fn manifest_docs(manifest: &str) -> Vec<(ObjRef, serde_json::Value)> {
    yaml_docs(manifest)
        .into_iter()
        .filter_map(|d| ObjRef::of(&d).map(|r| (r, d)))
        .collect()
}

/// Whether a manifest document carries `helm.sh/resource-policy: keep`.
pub fn has_keep_policy(doc: &serde_json::Value) -> bool {
    doc["metadata"]["annotations"]["helm.sh/resource-policy"].as_str() == Some("keep")
}

/// Reads an object through the API (any kind, found by discovery); `Ok(None)` when it
/// does not exist. Namespaced objects without a namespace are looked up in `ns`.
pub async fn get_object(
    client: &Client,
    ns: &str,
    obj: &ObjRef,
) -> Result<Option<kube::api::DynamicObject>, String> {
    use kube::discovery::{Scope, pinned_kind};
    let (ar, caps) = pinned_kind(client, &obj.gvk())
        .await
        .map_err(|e| format!("discovery of {obj}: {e}"))?;
    let api: Api<kube::api::DynamicObject> = match caps.scope {
        Scope::Cluster => Api::all_with(client.clone(), &ar),
        Scope::Namespaced => {
            Api::namespaced_with(client.clone(), obj.namespace.as_deref().unwrap_or(ns), &ar)
        }
    };
    api.get_opt(&obj.name)
        .await
        .map_err(|e| format!("get {obj}: {e}"))
}

/// Waits until the object exists and returns it.
pub async fn wait_present(
    client: &Client,
    ns: &str,
    obj: &ObjRef,
    timeout: Duration,
) -> kube::api::DynamicObject {
    wait_for(&format!("{obj} to exist"), timeout, || async {
        match get_object(client, ns, obj).await? {
            Some(o) => Ok(o),
            None => Err("absent".to_string()),
        }
    })
    .await
}

/// Waits until the object is gone (deletion finished, finalizers included).
pub async fn wait_gone(client: &Client, ns: &str, obj: &ObjRef, timeout: Duration) {
    wait_for(&format!("{obj} to be gone"), timeout, || async {
        match get_object(client, ns, obj).await? {
            None => Ok(()),
            Some(o) => Err(format!(
                "still there (deletionTimestamp {:?})",
                o.metadata.deletion_timestamp
            )),
        }
    })
    .await
}

/// How many distinct Job objects named `job` in `ns` the Job controller reported as
/// `Completed` (Events outlive the Jobs, so this also counts hook Jobs that were
/// deleted after they succeeded).
pub async fn job_completions(client: &Client, ns: &str, job: &str) -> Result<usize, String> {
    use k8s_openapi::api::core::v1::Event;
    let api: Api<Event> = Api::namespaced(client.clone(), ns);
    let lp = ListParams::default().fields(&format!(
        "involvedObject.kind=Job,involvedObject.name={job},reason=Completed"
    ));
    let list = api.list(&lp).await.map_err(|e| e.to_string())?;
    let uids: std::collections::BTreeSet<String> = list
        .items
        .iter()
        .filter_map(|e| e.involved_object.uid.clone())
        .collect();
    Ok(uids.len())
}

// ---------------------------------------------------------------------------
// Release records (Helm's storage format, read directly).

/// One release record: a `sh.helm.release.v1.<name>.v<version>` Secret.
#[derive(Debug)]
pub struct ReleaseRecord {
    pub secret: String,
    pub version: i64,
    /// The `status` label.
    pub status: String,
    /// The decoded release (base64 → gzip → JSON), or why it could not be decoded.
    pub release: Result<serde_json::Value, String>,
}

/// The release records of `name` in `ns` (Secret driver), by version.
pub async fn release_records(client: &Client, ns: &str, name: &str) -> Vec<ReleaseRecord> {
    use k8s_openapi::api::core::v1::Secret;
    let api: Api<Secret> = Api::namespaced(client.clone(), ns);
    let lp = ListParams::default().labels(&format!("owner=helm,name={name}"));
    let list = api
        .list(&lp)
        .await
        .unwrap_or_else(|e| panic!("listing release Secrets of {name}: {e}"));
    let mut out: Vec<ReleaseRecord> = list
        .items
        .into_iter()
        .map(|s| {
            let labels = s.metadata.labels.clone().unwrap_or_default();
            let data = s.data.as_ref().and_then(|d| d.get("release"));
            ReleaseRecord {
                secret: s.metadata.name.clone().unwrap_or_default(),
                version: labels
                    .get("version")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(-1),
                status: labels.get("status").cloned().unwrap_or_default(),
                release: match data {
                    Some(b) => decode_release(&b.0),
                    None => Err("no data.release".to_string()),
                },
            }
        })
        .collect();
    out.sort_by_key(|r| r.version);
    out
}

/// Decodes Helm's stored release: base64 text of (usually gzipped) JSON.
pub fn decode_release(data: &[u8]) -> Result<serde_json::Value, String> {
    use std::io::Read;
    let raw = base64_decode(data)?;
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("gunzip: {e}"))?;
        out
    } else {
        raw
    };
    serde_json::from_slice(&bytes).map_err(|e| format!("JSON: {e}"))
}

/// Standard base64 (padding optional, whitespace ignored).
pub fn base64_decode(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in data {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' | b' ' => continue,
            _ => return Err(format!("invalid base64 byte {c:#04x}")),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// Standard base64 with padding.
pub fn base64_encode(data: &[u8]) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk.len();
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= n {
                out.push(alphabet[((v >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
