//! Reading releases stored by the real Helm 4 and Helm 3 CLIs: capstan's
//! list/history/status/get output must equal Helm's for the same records.
//! Needs a cluster (tests/e2e/mod.rs) and `HELM4_BIN`/`HELM3_BIN` (set by
//! `tests/cluster/env`); skips with one line without them unless `CI=true`.

mod e2e;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use capstan::action::list::{Format, ListOptions};
use capstan::action::{get, history, list, status};
use capstan::release::kube_driver::{ConfigMapDriver, SecretDriver};
use capstan::release::storage::Storage;
use capstan::settings::Settings;
use e2e::release::webapp;
use e2e::{json, kubeconfig_env, strip_resources};
use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::Secret;
use kube::api::{Api, ObjectMeta, PostParams};

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn helm_bin(var: &str, test: &str) -> Option<PathBuf> {
    e2e::helm_bin(var, test).map(PathBuf::from)
}

struct Helm {
    bin: PathBuf,
    ns: String,
    home: tempfile::TempDir,
}

impl Helm {
    fn new(bin: PathBuf, ns: &str) -> Helm {
        Helm {
            bin,
            ns: ns.to_string(),
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str], driver: &str) -> String {
        let mut cmd = Command::new(&self.bin);
        cmd.args(args).args(["--namespace", &self.ns]);
        if let Some(kc) = kubeconfig_env() {
            cmd.env("KUBECONFIG", kc);
        }
        for v in ["HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME"] {
            cmd.env(v, self.home.path().join(v));
        }
        cmd.env("HELM_DRIVER", driver).env("NO_COLOR", "1");
        let out = cmd.output().expect("running helm");
        assert!(
            out.status.success(),
            "helm {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

fn settings(ns: &str, driver: &str) -> Settings {
    let mut s = Settings::from_env();
    s.namespace = ns.to_string();
    s.namespace_explicit = true;
    s.kubeconfig = kubeconfig_env();
    s.driver = driver.to_string();
    s
}

fn storage(ns: &str, driver: &str) -> Storage {
    let s = settings(ns, driver);
    let kube = capstan::kube::client(&s).expect("kube client");
    if driver == "configmap" {
        Storage::new(Box::new(ConfigMapDriver::new(kube, ns)))
    } else {
        Storage::new(Box::new(SecretDriver::new(kube, ns)))
    }
}

/// Runs one comparison round against `helm4` for releases in `ns`.
fn compare(helm4: &Helm, ns: &str, driver: &str, names: &[&str]) {
    let st = storage(ns, driver);
    let rels = list::run(&st, &ListOptions::default()).expect("capstan list");
    assert_eq!(
        list::render(&rels, Format::Table, false, false, None),
        helm4.run(&["list"], driver),
        "list table"
    );
    assert_eq!(
        json(&list::render(&rels, Format::Json, false, false, None)),
        json(&helm4.run(&["list", "-o", "json"], driver)),
        "list json"
    );
    for name in names {
        let hist = history::run(&st, name, 256).expect("capstan history");
        assert_eq!(
            history::render(&hist, Format::Table),
            helm4.run(&["history", name], driver),
            "history {name}"
        );
        assert_eq!(
            json(&history::render(&hist, Format::Json)),
            json(&helm4.run(&["history", name, "-o", "json"], driver)),
            "history json {name}"
        );
        let rel = status::release_content(&st, name, 0).expect("status");
        // Helm 4's status without the live RESOURCES section (capstan reads only the
        // stored record).
        assert_eq!(
            status::render(&rel, Format::Table, false, false).unwrap(),
            strip_resources(&helm4.run(&["status", name], driver)),
            "status {name}"
        );
        assert_eq!(
            get::render_manifest(&rel),
            helm4.run(&["get", "manifest", name], driver),
            "get manifest {name}"
        );
        assert_eq!(
            get::render_values(&rel, false, Format::Table).unwrap(),
            helm4.run(&["get", "values", name], driver),
            "get values {name}"
        );
        assert_eq!(
            json(&get::render_values(&rel, false, Format::Json).unwrap()),
            json(&helm4.run(&["get", "values", name, "-o", "json"], driver)),
            "get values json {name}"
        );
        let r1 = status::release_content(&st, name, 1).expect("revision 1");
        assert_eq!(
            get::render_manifest(&r1),
            helm4.run(&["get", "manifest", name, "--revision", "1"], driver),
            "get manifest --revision 1 {name}"
        );
    }
}

fn read_releases_of_real_helm(test: &str, driver: &str) {
    let Some(h4) = helm_bin("HELM4_BIN", test) else {
        return;
    };
    let Some(h3) = helm_bin("HELM3_BIN", test) else {
        return;
    };
    let rt = rt();
    let Some(cluster) = rt.block_on(e2e::cluster(test)) else {
        return;
    };
    let ns = rt.block_on(cluster.namespace(test));
    let helm4 = Helm::new(h4, &ns.name);
    let helm3 = Helm::new(h3, &ns.name);
    let chart = webapp();
    helm4.run(&["install", "web4", &chart], driver);
    helm4.run(
        &["upgrade", "web4", &chart, "--set", "replicaCount=2"],
        driver,
    );
    helm3.run(&["install", "web3", &chart], driver);
    helm3.run(
        &["upgrade", "web3", &chart, "--set", "replicaCount=3"],
        driver,
    );
    compare(&helm4, &ns.name, driver, &["web3", "web4"]);
    rt.block_on(ns.delete_and_wait(Duration::from_secs(120)));
}

#[test]
fn e2e_release_read_secrets() {
    read_releases_of_real_helm("relread-secret", "secret");
}

#[test]
fn e2e_release_read_configmaps() {
    read_releases_of_real_helm("relread-cm", "configmap");
}

#[test]
fn e2e_release_read_corrupt_secret() {
    let test = "relread-corrupt";
    let Some(h4) = helm_bin("HELM4_BIN", test) else {
        return;
    };
    let rt = rt();
    let Some(cluster) = rt.block_on(e2e::cluster(test)) else {
        return;
    };
    let ns = rt.block_on(cluster.namespace(test));
    let helm4 = Helm::new(h4, &ns.name);
    helm4.run(&["install", "x", &webapp()], "secret");
    let labels: BTreeMap<String, String> = [
        ("name", "x"),
        ("owner", "helm"),
        ("status", "deployed"),
        ("version", "2"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let bad = Secret {
        metadata: ObjectMeta {
            name: Some("sh.helm.release.v1.x.v2".into()),
            labels: Some(labels),
            ..Default::default()
        },
        type_: Some("helm.sh/release.v1".into()),
        data: Some([("release".to_string(), ByteString(b"garbage!".to_vec()))].into()),
        ..Default::default()
    };
    let api: Api<Secret> = Api::namespaced(ns.client(), &ns.name);
    rt.block_on(api.create(&PostParams::default(), &bad))
        .expect("create corrupt Secret");

    let st = storage(&ns.name, "secret");
    let err = history::run(&st, "x", 256).expect_err("history of a corrupt record");
    assert!(
        err.contains("sh.helm.release.v1.x.v2"),
        "error should name the Secret: {err}"
    );
    // Revision 1 stays readable.
    let r1 = status::release_content(&st, "x", 1).expect("revision 1");
    assert_eq!(r1.version, 1);
    assert_eq!(
        get::render_manifest(&r1),
        helm4.run(&["get", "manifest", "x", "--revision", "1"], "secret")
    );
    // list skips the corrupt record (as Helm does) and shows revision 1.
    let rels = list::run(&st, &ListOptions::default()).expect("list");
    assert_eq!(rels.len(), 1);
    assert_eq!(rels[0].version, 1);
    rt.block_on(ns.delete_and_wait(Duration::from_secs(120)));
}
