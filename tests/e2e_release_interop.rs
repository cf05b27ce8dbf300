//! Releases written by capstan and by the real Helm CLIs are interchangeable: capstan
//! installs and Helm 3/Helm 4 read, upgrade and roll back the release; Helm installs
//! and capstan reads, upgrades, rolls back and uninstalls it; and for the same chart
//! and values capstan stores the same manifest as Helm.
//!
//! Needs a cluster (tests/e2e/mod.rs) and `HELM3_BIN`/`HELM4_BIN` (set by
//! `tests/cluster/env`); skips with one line without them unless `CI=true`. The binary
//! under test is `e2e::capstan_bin()` (`CAPSTAN_E2E_BIN` overrides it, e.g. with Helm 4
//! to validate these tests).

mod e2e;

use e2e::release::{
    TIMEOUT, assert_no_records, assert_status, assert_stderr, get_existing, pairs, record_statuses,
    rows, wait_all_gone, wait_all_present, webapp,
};
use e2e::{Cli, ObjRef, TestNamespace, history_summary, json, strip_resources};
use k8s_openapi::api::apps::v1::Deployment;
use kube::Client;
use kube::api::Api;
use serde_json::{Value, json};

async fn wait_replicas(client: &Client, ns: &str, deployment: &str, want: i32) {
    let api: Api<Deployment> = Api::namespaced(client.clone(), ns);
    e2e::wait_for(
        &format!("Deployment {deployment} to have spec.replicas {want}"),
        TIMEOUT,
        || async {
            let got = get_existing(&api, deployment)
                .await?
                .spec
                .and_then(|s| s.replicas);
            if got == Some(want) {
                Ok(())
            } else {
                Err(format!("spec.replicas {got:?}"))
            }
        },
    )
    .await
}

/// The decoded record of `release` at `version` (it must decode).
async fn stored(client: &Client, ns: &str, release: &str, version: i64) -> Value {
    let recs = e2e::release_records(client, ns, release).await;
    let rec = recs
        .into_iter()
        .find(|r| r.version == version)
        .unwrap_or_else(|| panic!("no record of {release} v{version}"));
    rec.release
        .unwrap_or_else(|e| panic!("record {} does not decode: {e}", rec.secret))
}

/// The namespace of `test`, a client, and capstan, the Helm CLI of `$<helm_var>` and
/// Helm 4 (the reference for table output: capstan prints what Helm 4 prints) working
/// in the namespace; `None` (after one `SKIP` line) without the Helm CLIs or a cluster.
async fn clis(
    test: &str,
    helm_var: &str,
    helm_label: &str,
) -> Option<(TestNamespace, Client, Cli, Cli, Cli)> {
    let helm_path = e2e::helm_bin(helm_var, test)?;
    let helm4_path = e2e::helm_bin("HELM4_BIN", test)?;
    let (ns, client, capstan) = e2e::release::setup(test).await?;
    let helm = Cli::new(helm_label, &helm_path, &ns.name);
    let helm4 = Cli::new("helm4", &helm4_path, &ns.name);
    Some((ns, client, capstan, helm, helm4))
}

/// One `list -o json` entry must describe `release` at `revision` as deployed.
fn assert_listed(list: &Value, release: &str, revision: &str, who: &str) {
    let items = list
        .as_array()
        .unwrap_or_else(|| panic!("{who} list: not a list: {list}"));
    assert_eq!(items.len(), 1, "{who} list: {list}");
    let e = &items[0];
    assert_eq!(e["name"], release, "{who} list: {list}");
    assert_eq!(e["revision"], revision, "{who} list: {list}");
    assert_eq!(e["status"], "deployed", "{who} list: {list}");
    assert_eq!(e["chart"], "webapp-0.1.0", "{who} list: {list}");
    assert_eq!(e["app_version"], "1.27.3", "{who} list: {list}");
}

/// capstan's `status` output equals Helm 4's, the live resources aside.
fn assert_status_as_helm4(capstan_status: &str, helm4: &Cli, rel: &str) {
    assert_eq!(
        strip_resources(capstan_status),
        strip_resources(&helm4.ok(&["status", rel])),
        "capstan status equals Helm 4's"
    );
}

/// capstan installs; `helm` (3 or 4) lists it, reads it, upgrades and rolls it back;
/// capstan upgrades once more and both agree on the history.
async fn capstan_installs_helm_drives(test: &str, helm_var: &str, helm_label: &str) {
    let Some((ns, client, capstan, helm, helm4)) = clis(test, helm_var, helm_label).await else {
        return;
    };
    let chart = webapp();
    let (rel, deploy) = ("web", "web-webapp");

    // capstan installs.
    let out = capstan.ok(&["install", rel, &chart]);
    assert!(out.contains("STATUS: deployed"), "install output:\n{out}");
    let recs = e2e::release_records(&client, &ns.name, rel).await;
    assert_eq!(recs.len(), 1, "one release record: {recs:?}");
    assert_eq!(recs[0].secret, format!("sh.helm.release.v1.{rel}.v1"));
    assert_eq!(recs[0].status, "deployed");
    let r1 = recs[0].release.as_ref().expect("record decodes");
    assert_eq!(r1["name"], rel);
    assert_eq!(r1["namespace"], ns.name.as_str());
    assert_eq!(r1["version"], 1);
    assert_eq!(r1["info"]["status"], "deployed");

    // Helm lists and reads it.
    let helm_list = json(&helm.ok(&["list", "-o", "json"]));
    assert_listed(&helm_list, rel, "1", helm_label);
    assert_eq!(
        json(&capstan.ok(&["list", "-o", "json"])),
        json(&helm4.ok(&["list", "-o", "json"])),
        "capstan list equals Helm 4's"
    );
    let manifest = capstan.ok(&["get", "manifest", rel]);
    assert_eq!(
        helm.ok(&["get", "manifest", rel]),
        manifest,
        "{helm_label} get manifest equals capstan's"
    );
    assert_eq!(
        r1["manifest"].as_str().unwrap_or_default().trim_end(),
        manifest.trim_end(),
        "stored manifest equals get manifest"
    );
    let name = format!("NAME: {rel}");
    assert_status(&helm, rel, &["STATUS: deployed", "REVISION: 1", &name]);
    assert_status_as_helm4(&capstan.ok(&["status", rel]), &helm4, rel);
    let objects = e2e::manifest_docs(&manifest);
    assert!(objects.len() >= 6, "webapp renders at least 6 objects");
    wait_all_present(&client, &ns.name, &objects).await;
    wait_replicas(&client, &ns.name, deploy, 2).await;

    // Helm upgrades and rolls back capstan's release.
    helm.ok(&["upgrade", rel, &chart, "--set", "replicaCount=3"]);
    wait_replicas(&client, &ns.name, deploy, 3).await;
    helm.ok(&["rollback", rel, "1"]);
    wait_replicas(&client, &ns.name, deploy, 2).await;

    // capstan upgrades Helm's revisions.
    let out = capstan.ok(&["upgrade", rel, &chart, "--set", "replicaCount=1"]);
    assert!(
        out.contains(&format!("Release \"{rel}\" has been upgraded")),
        "upgrade output:\n{out}"
    );
    wait_replicas(&client, &ns.name, deploy, 1).await;

    let h_cap = capstan.history(rel);
    let h_helm = helm.history(rel);
    assert_eq!(h_cap, h_helm, "capstan and {helm_label} history -o json");
    assert_eq!(
        history_summary(&h_cap),
        rows(&[
            (1, "superseded", "Install complete"),
            (2, "superseded", "Upgrade complete"),
            (3, "superseded", "Rollback to 1"),
            (4, "deployed", "Upgrade complete"),
        ])
    );
    assert_eq!(
        capstan.ok(&["history", rel]),
        helm4.ok(&["history", rel]),
        "history table"
    );
    let values = json(&capstan.ok(&["get", "values", rel, "-o", "json"]));
    assert_eq!(values, json!({"replicaCount": 1}));
    assert_eq!(
        values,
        json(&helm.ok(&["get", "values", rel, "-o", "json"]))
    );
    assert_status(&helm, rel, &["STATUS: deployed", "REVISION: 4"]);
    let records = e2e::release_records(&client, &ns.name, rel).await;
    assert_eq!(
        record_statuses(&records),
        pairs(&[
            (1, "superseded"),
            (2, "superseded"),
            (3, "superseded"),
            (4, "deployed")
        ]),
        "status labels of the release Secrets"
    );
    ns.delete_and_wait(TIMEOUT).await;
}

#[tokio::test]
async fn interop_capstan_install_helm4_upgrade_rollback() {
    capstan_installs_helm_drives("interop-cap-h4", "HELM4_BIN", "helm4").await;
}

#[tokio::test]
async fn interop_capstan_install_helm3_upgrade_rollback() {
    capstan_installs_helm_drives("interop-cap-h3", "HELM3_BIN", "helm3").await;
}

/// `helm` (3 or 4) installs; capstan lists, reads, upgrades, rolls back and uninstalls
/// the release; Helm sees every step, and in the end nothing is left.
async fn helm_installs_capstan_drives(test: &str, helm_var: &str, helm_label: &str) {
    let Some((ns, client, capstan, helm, helm4)) = clis(test, helm_var, helm_label).await else {
        return;
    };
    let chart = webapp();
    let (rel, deploy) = ("hweb", "hweb-webapp");

    helm.ok(&[
        "install",
        rel,
        &chart,
        "--set",
        "replicaCount=3",
        "--set",
        "env.APP_MODE=helm",
    ]);
    wait_replicas(&client, &ns.name, deploy, 3).await;

    // capstan reads Helm's release.
    let cap_list = json(&capstan.ok(&["list", "-o", "json"]));
    assert_listed(&cap_list, rel, "1", "capstan");
    assert_eq!(cap_list, json(&helm4.ok(&["list", "-o", "json"])));
    let status = assert_status(&capstan, rel, &["STATUS: deployed", "REVISION: 1"]);
    assert_status_as_helm4(&status, &helm4, rel);
    let user_values = json!({"env": {"APP_MODE": "helm"}, "replicaCount": 3});
    assert_eq!(
        json(&capstan.ok(&["get", "values", rel, "-o", "json"])),
        user_values
    );
    assert_eq!(
        json(&capstan.ok(&["get", "values", rel, "--all", "-o", "json"])),
        json(&helm.ok(&["get", "values", rel, "--all", "-o", "json"])),
        "get values --all"
    );
    let manifest1 = helm.ok(&["get", "manifest", rel]);
    assert_eq!(capstan.ok(&["get", "manifest", rel]), manifest1);

    // capstan upgrades; Helm sees revision 2.
    capstan.ok(&["upgrade", rel, &chart, "--set", "replicaCount=1"]);
    wait_replicas(&client, &ns.name, deploy, 1).await;
    assert_eq!(
        history_summary(&helm.history(rel)),
        rows(&[
            (1, "superseded", "Install complete"),
            (2, "deployed", "Upgrade complete"),
        ])
    );
    assert_eq!(
        json(&helm.ok(&["get", "values", rel, "-o", "json"])),
        json!({"replicaCount": 1})
    );
    assert_eq!(
        helm.ok(&["get", "manifest", rel]),
        capstan.ok(&["get", "manifest", rel])
    );

    // capstan rolls back; Helm sees revision 3 = revision 1.
    let out = capstan.ok(&["rollback", rel, "1"]);
    assert!(out.contains("Rollback was a success"), "rollback:\n{out}");
    wait_replicas(&client, &ns.name, deploy, 3).await;
    assert_eq!(
        history_summary(&helm.history(rel)),
        rows(&[
            (1, "superseded", "Install complete"),
            (2, "superseded", "Upgrade complete"),
            (3, "deployed", "Rollback to 1"),
        ])
    );
    assert_eq!(
        json(&helm.ok(&["get", "values", rel, "-o", "json"])),
        user_values
    );
    let manifest3 = helm.ok(&["get", "manifest", rel]);
    assert_eq!(manifest3, manifest1, "the rollback restores revision 1");

    // capstan uninstalls; Helm has nothing left, nor has the cluster.
    let objects = e2e::manifest_docs(&manifest3);
    assert!(objects.len() >= 6, "webapp renders at least 6 objects");
    let out = capstan.ok(&["uninstall", rel]);
    assert!(
        out.contains(&format!("release \"{rel}\" uninstalled")),
        "uninstall:\n{out}"
    );
    assert_eq!(json(&helm.ok(&["list", "-o", "json"])), json!([]));
    assert_stderr(&helm.fails(&["history", rel]), &["not found"]);
    assert_no_records(&client, &ns.name, rel, "release Secrets left").await;
    wait_all_gone(&client, &ns.name, objects.iter().map(|(o, _)| o)).await;
    ns.delete_and_wait(TIMEOUT).await;
}

#[tokio::test]
async fn interop_helm4_install_capstan_upgrade_rollback_uninstall() {
    helm_installs_capstan_drives("interop-h4-cap", "HELM4_BIN", "helm4").await;
}

#[tokio::test]
async fn interop_helm3_install_capstan_upgrade_rollback_uninstall() {
    helm_installs_capstan_drives("interop-h3-cap", "HELM3_BIN", "helm3").await;
}

/// The parts of a stored hook that must not depend on who installed the release
/// (`last_run` holds timestamps).
fn hook_identity(rel: &Value) -> Vec<Value> {
    let mut hooks: Vec<Value> = rel["hooks"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|h| {
            json!({
                "name": h["name"],
                "kind": h["kind"],
                "path": h["path"],
                "manifest": h["manifest"],
                "events": h["events"],
                "weight": h["weight"],
            })
        })
        .collect();
    hooks.sort_by_key(|h| h.to_string());
    hooks
}

/// For the same chart, values and release name, capstan's install stores exactly the
/// manifest (and hooks, values, chart metadata) Helm 4's install stores. The two
/// installs run one after the other in the same namespace: webapp's checksum
/// annotations hash the rendered ConfigMap/Secret, which contain the namespace, so
/// installs in two namespaces could not be compared by replacing the name.
#[tokio::test]
async fn interop_install_stores_the_manifest_helm_stores() {
    let test = "interop-manifest";
    let Some((ns, client, capstan, _, helm4)) = clis(test, "HELM4_BIN", "helm4").await else {
        return;
    };
    let chart = webapp();
    let prod = format!("{chart}/ci/prod-values.yaml");
    let ingress = format!("{chart}/ci/ingress-values.yaml");
    let rel = "same";
    let variants: Vec<Vec<&str>> = vec![
        vec![],
        vec!["-f", &prod],
        vec![
            "-f",
            &ingress,
            "--set",
            "replicaCount=1,secrets.SESSION_SECRET=s3cr3t",
            "--set-string",
            "config.CACHE_TTL_SECONDS=60",
        ],
    ];
    for extra in &variants {
        let args: Vec<&str> = ["install", rel, chart.as_str()]
            .into_iter()
            .chain(extra.iter().copied())
            .collect();

        helm4.ok(&args);
        let by_helm = stored(&client, &ns.name, rel, 1).await;
        let helm_manifest = helm4.ok(&["get", "manifest", rel]);
        let objects: Vec<ObjRef> = e2e::manifest_docs(&helm_manifest)
            .into_iter()
            .map(|(o, _)| o)
            .collect();
        helm4.ok(&["uninstall", rel]);
        wait_all_gone(&client, &ns.name, &objects).await;

        capstan.ok(&args);
        let by_capstan = stored(&client, &ns.name, rel, 1).await;
        assert_eq!(
            by_capstan["manifest"], by_helm["manifest"],
            "stored manifest for {extra:?}"
        );
        assert_eq!(
            capstan.ok(&["get", "manifest", rel]),
            helm_manifest,
            "get manifest for {extra:?}"
        );
        assert_eq!(
            hook_identity(&by_capstan),
            hook_identity(&by_helm),
            "stored hooks for {extra:?}"
        );
        assert_eq!(
            by_capstan["config"], by_helm["config"],
            "stored user values for {extra:?}"
        );
        assert_eq!(
            by_capstan["chart"]["metadata"], by_helm["chart"]["metadata"],
            "stored chart metadata for {extra:?}"
        );
        assert_eq!(by_capstan["info"]["status"], "deployed");
        assert_eq!(
            by_capstan["info"]["notes"], by_helm["info"]["notes"],
            "stored NOTES for {extra:?}"
        );
        capstan.ok(&["uninstall", rel]);
        wait_all_gone(&client, &ns.name, &objects).await;
    }
    ns.delete_and_wait(TIMEOUT).await;
}
