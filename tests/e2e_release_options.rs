//! Options of the release commands, on a real cluster: `lookup` against the live
//! cluster (and the dry-run modes), adopting existing objects (`--take-ownership`),
//! `uninstall --keep-history` and `install --replace`, `--labels`/`--description`,
//! `-o json|yaml`, `--generate-name`, `--history-max`, the values rules of `upgrade`
//! (`--reuse-values`, `--reset-values`), `upgrade --install`, the ConfigMap storage
//! driver, `--wait` running into `--timeout`, `--cleanup-on-fail`, `test --filter` and
//! `helm.sh/resource-policy: keep`.
//!
//! The chart is tests/data/charts/e2e-options (one ConfigMap by default, switches for
//! the objects single tests need). Needs a cluster (tests/e2e/mod.rs); the binary under
//! test is `e2e::capstan_bin()` (`CAPSTAN_E2E_BIN=$HELM4_BIN` runs these tests against
//! Helm 4 itself). Where Helm 4 prints the same thing, capstan's output is compared with
//! `$HELM4_BIN`'s for the same chart in the same namespace.
//!
//! Tests named `..._helm_compat_*` pin details where capstan once differed from Helm 4
//! (`install --replace` bookkeeping, `get values -o json` without values, the
//! `INSTALLATION FAILED:` / `UPGRADE FAILED:` prefixes).

mod e2e;

use e2e::release::{
    TIMEOUT, assert_no_records, assert_status, assert_stderr, configmap, configmap_data,
    configmap_value, pairs, record_statuses, rows, setup, statuses, wait_job_failed,
};
use e2e::{Background, CLI_TIMEOUT, Cli, ObjRef, Run, history_summary};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Pod, Secret};
use kube::Client;
use kube::api::{Api, ObjectMeta, PostParams};
use serde_json::{Value, json};

fn chart() -> String {
    e2e::release::test_chart("e2e-options")
}

/// Helm 4 in the test's namespace, for comparisons; `None` (after a note) without
/// `HELM4_BIN`, in which case only the comparison is skipped.
fn helm4(test: &str, ns: &str) -> Option<Cli> {
    e2e::helm_bin("HELM4_BIN", &format!("{test} (comparison with Helm 4)"))
        .map(|bin| Cli::new("helm4", &bin, ns))
}

fn cm_ref(name: &str) -> ObjRef {
    ObjRef::new("v1", "ConfigMap", name)
}

async fn create_configmap(client: &Client, ns: &str, name: &str, data: &[(&str, &str)]) {
    let api: Api<ConfigMap> = Api::namespaced(client.clone(), ns);
    let cm = ConfigMap {
        metadata: ObjectMeta {
            name: Some(name.to_string()),
            ..Default::default()
        },
        data: Some(
            data.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ),
        ..Default::default()
    };
    api.create(&PostParams::default(), &cm)
        .await
        .unwrap_or_else(|e| panic!("creating ConfigMap {ns}/{name}: {e}"));
}

/// Runs `cli` with `HELM_DRIVER=driver` (the harness sets `secret`).
fn run_with_driver(cli: &Cli, driver: &str, args: &[&str]) -> Run {
    let mut cmd = cli.command(args);
    cmd.env("HELM_DRIVER", driver);
    let cmdline = format!(
        "HELM_DRIVER={driver} {} {} --namespace {}",
        cli.label,
        args.join(" "),
        cli.ns
    );
    Background::spawn(cmd, cmdline).wait(CLI_TIMEOUT)
}

fn ok_with_driver(cli: &Cli, driver: &str, args: &[&str]) -> String {
    let run = run_with_driver(cli, driver, args);
    assert!(run.success(), "expected success: {run:?}");
    run.stdout
}

/// Command output with the lines that carry times dropped and the release name `rel`
/// replaced by `RELEASE`, for comparing two CLIs' outputs.
fn normalized(out: &str, rel: &str) -> String {
    out.lines()
        .filter(|l| {
            !["LAST DEPLOYED:", "Last Started:", "Last Completed:"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .map(|l| l.replace(rel, "RELEASE"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The objects of the `MANIFEST:` section of an install/upgrade text output.
fn printed_manifest(out: &str) -> Vec<(ObjRef, Value)> {
    let at = out
        .find("MANIFEST:\n")
        .unwrap_or_else(|| panic!("no MANIFEST: section in:\n{out}"));
    e2e::manifest_docs(&out[at + "MANIFEST:\n".len()..])
}

fn doc_named<'a>(docs: &'a [(ObjRef, Value)], name: &str) -> &'a Value {
    &docs
        .iter()
        .find(|(r, _)| r.name == name)
        .unwrap_or_else(|| panic!("no object {name} in {docs:?}"))
        .1
}

/// `get values NAME -o json`, parsed.
fn user_values(cli: &Cli, rel: &str) -> Value {
    e2e::json(&cli.ok(&["get", "values", rel, "-o", "json"]))
}

// ---------------------------------------------------------------------------
// 1. lookup

/// `lookup` reads the live cluster on install and on `--dry-run=server`; a client-side
/// dry run renders the empty lookup and neither dry run stores a release.
#[tokio::test]
async fn options_lookup_reads_the_live_cluster() {
    let test = "opt-lookup";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();
    create_configmap(&client, &ns.name, "seed", &[("value", "from-cluster")]).await;

    // A real install stores what lookup found.
    capstan.ok(&["install", "lk", &chart, "--set", "lookup=true"]);
    let manifest = capstan.ok(&["get", "manifest", "lk"]);
    let docs = e2e::manifest_docs(&manifest);
    assert_eq!(
        doc_named(&docs, "lk-lookup")["data"]["seen"].as_str(),
        Some("from-cluster"),
        "manifest:\n{manifest}"
    );
    assert_eq!(
        configmap_value(&client, &ns.name, "lk-lookup", "seen")
            .await
            .as_deref(),
        Some("from-cluster")
    );

    // --dry-run=server: lookup talks to the cluster, nothing is stored or applied.
    let dry_args = ["install", "lkdry", chart.as_str(), "--set", "lookup=true"];
    let server = capstan.ok(&[&dry_args[..], &["--dry-run=server"]].concat());
    assert!(server.contains("STATUS: pending-install"), "{server}");
    assert_eq!(
        doc_named(&printed_manifest(&server), "lkdry-lookup")["data"]["seen"].as_str(),
        Some("from-cluster"),
        "output:\n{server}"
    );
    if let Some(helm4) = helm4(test, &ns.name) {
        let helm = helm4.ok(&[&dry_args[..], &["--dry-run=server"]].concat());
        assert_eq!(normalized(&server, "lkdry"), normalized(&helm, "lkdry"));
    }

    // Client-side dry run (`--dry-run` alone means client, deprecated in Helm 4):
    // lookup returns an empty map, so the template's default shows.
    for flag in ["--dry-run", "--dry-run=client"] {
        let out = capstan.ok(&[&dry_args[..], &[flag]].concat());
        assert_eq!(
            doc_named(&printed_manifest(&out), "lkdry-lookup")["data"]["seen"].as_str(),
            Some("none"),
            "{flag} output:\n{out}"
        );
    }

    assert_no_records(&client, &ns.name, "lkdry", "dry runs stored").await;
    for obj in ["lkdry-config", "lkdry-lookup"] {
        assert!(
            configmap(&client, &ns.name, obj).await.is_none(),
            "a dry run created {obj}"
        );
    }
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 2. ownership

/// An object with the chart object's name but no Helm ownership metadata blocks the
/// install (nothing is recorded); `--take-ownership` adopts it.
#[tokio::test]
async fn options_existing_object_needs_take_ownership() {
    let test = "opt-own";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();
    // Another field than the chart's: server-side apply must not meet a conflict
    // once the object is adopted.
    create_configmap(&client, &ns.name, "own-config", &[("note", "pre-existing")]).await;

    let run = capstan.fails(&["install", "own", &chart]);
    assert_stderr(
        &run,
        &[&format!(
            "ConfigMap \"own-config\" in namespace \"{}\" exists and cannot be imported into the current release",
            ns.name
        )],
    );
    assert_no_records(&client, &ns.name, "own", "records left").await;
    assert_stderr(&capstan.fails(&["status", "own"]), &["not found"]);
    let cm = configmap(&client, &ns.name, "own-config").await.unwrap();
    assert!(
        cm.metadata.labels.unwrap_or_default().is_empty(),
        "the failed install changed the object"
    );

    let out = capstan.ok(&["install", "own", &chart, "--take-ownership"]);
    assert!(out.contains("STATUS: deployed"), "{out}");
    let cm = configmap(&client, &ns.name, "own-config").await.unwrap();
    let labels = cm.metadata.labels.unwrap_or_default();
    let annotations = cm.metadata.annotations.unwrap_or_default();
    assert_eq!(
        labels
            .get("app.kubernetes.io/managed-by")
            .map(String::as_str),
        Some("Helm"),
        "labels {labels:?}"
    );
    assert_eq!(
        annotations
            .get("meta.helm.sh/release-name")
            .map(String::as_str),
        Some("own"),
        "annotations {annotations:?}"
    );
    assert_eq!(
        annotations
            .get("meta.helm.sh/release-namespace")
            .map(String::as_str),
        Some(ns.name.as_str()),
        "annotations {annotations:?}"
    );
    assert_eq!(
        cm.data
            .unwrap_or_default()
            .get("message")
            .map(String::as_str),
        Some("hello")
    );
    assert_eq!(statuses(&capstan.history("own")), pairs(&[(1, "deployed")]));
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 3. keep-history, replace

/// `uninstall --keep-history` keeps the record (listed with `--uninstalled`); the
/// name is reused only with `install --replace` (revision 2); a plain `uninstall`
/// then purges every revision.
#[tokio::test]
async fn options_keep_history_then_replace_then_purge() {
    let test = "opt-keephist";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();
    let rel = "kh";

    capstan.ok(&["install", rel, &chart]);
    let out = capstan.ok(&["uninstall", rel, "--keep-history"]);
    assert_eq!(out, format!("release \"{rel}\" uninstalled\n"));
    e2e::wait_gone(&client, &ns.name, &cm_ref("kh-config"), TIMEOUT).await;

    let listed = e2e::json(&capstan.ok(&["list", "--uninstalled", "-o", "json"]));
    let entry = listed
        .as_array()
        .and_then(|l| l.iter().find(|e| e["name"] == rel))
        .unwrap_or_else(|| panic!("{rel} not in list --uninstalled: {listed}"));
    assert_eq!(entry["status"], "uninstalled", "{entry}");
    let table = capstan.ok(&["list", "--uninstalled"]);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with(rel) && l.contains("uninstalled")),
        "{table}"
    );
    // Helm 4's `list` without a state flag lists every state, uninstalled included;
    // `--deployed` does not show it.
    let plain = e2e::json(&capstan.ok(&["list", "-o", "json"]));
    assert_eq!(plain, listed, "list without state flags");
    let deployed = e2e::json(&capstan.ok(&["list", "--deployed", "-o", "json"]));
    assert_eq!(
        deployed,
        json!([]),
        "list --deployed shows an uninstalled release"
    );
    assert_eq!(
        history_summary(&capstan.history(rel)),
        rows(&[(1, "uninstalled", "Uninstallation complete")])
    );
    let records = e2e::release_records(&client, &ns.name, rel).await;
    assert_eq!(record_statuses(&records), pairs(&[(1, "uninstalled")]));

    // The name is still taken without --replace.
    let run = capstan.fails(&["install", rel, &chart]);
    assert_stderr(&run, &["cannot reuse a name that is still in use"]);

    let out = capstan.ok(&["install", rel, &chart, "--replace"]);
    assert!(
        out.contains("REVISION: 2") && out.contains("STATUS: deployed"),
        "{out}"
    );
    // (The description Helm gives revision 1 is checked by
    // options_helm_compat_replace_supersedes_like_helm.)
    assert_eq!(
        statuses(&capstan.history(rel)),
        pairs(&[(1, "superseded"), (2, "deployed")])
    );
    assert_eq!(
        configmap_value(&client, &ns.name, "kh-config", "message")
            .await
            .as_deref(),
        Some("hello")
    );

    let out = capstan.ok(&["uninstall", rel]);
    assert_eq!(out, format!("release \"{rel}\" uninstalled\n"));
    assert_no_records(&client, &ns.name, rel, "revisions left").await;
    assert_stderr(&capstan.fails(&["history", rel]), &["not found"]);
    e2e::wait_gone(&client, &ns.name, &cm_ref("kh-config"), TIMEOUT).await;
    ns.delete_and_wait(TIMEOUT).await;
}

/// `install --replace` over an uninstalled release marks it `superseded` with Helm's
/// description "superseded by new release"; over a failed release it leaves the failed
/// revision as it is (Helm's `replaceRelease`).
#[tokio::test]
async fn options_helm_compat_replace_supersedes_like_helm() {
    let test = "opt-replace";
    let Some((ns, _, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();

    capstan.ok(&["install", "ru", &chart]);
    capstan.ok(&["uninstall", "ru", "--keep-history"]);
    capstan.ok(&["install", "ru", &chart, "--replace"]);
    assert_eq!(
        history_summary(&capstan.history("ru")),
        rows(&[
            (1, "superseded", "superseded by new release"),
            (2, "deployed", "Install complete")
        ])
    );

    // A failed install (its Deployment never becomes ready), then --replace.
    capstan.fails(&[
        "install",
        "rf",
        &chart,
        "--set",
        "stuckDeployment=true",
        "--wait",
        "--timeout",
        "2s",
    ]);
    let failed = history_summary(&capstan.history("rf"));
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].1, "failed", "{failed:?}");
    capstan.ok(&["install", "rf", &chart, "--replace"]);
    let h = history_summary(&capstan.history("rf"));
    assert_eq!(
        h,
        vec![
            failed[0].clone(),
            (2, "deployed".into(), "Install complete".into())
        ]
    );
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 4. labels, description

/// `install --labels a=b --description TEXT`: the label is on the release (get
/// metadata) and on its storage Secret, the description in history.
#[tokio::test]
async fn options_install_labels_and_description() {
    let test = "opt-labels";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();

    let out = capstan.ok(&[
        "install",
        "lb",
        &chart,
        "--labels",
        "a=b",
        "--description",
        "my text",
    ]);
    assert!(out.contains("\nDESCRIPTION: my text\n"), "{out}");

    let meta = e2e::json(&capstan.ok(&["get", "metadata", "lb", "-o", "json"]));
    assert_eq!(meta["labels"]["a"], "b", "{meta}");
    let text = capstan.ok(&["get", "metadata", "lb"]);
    let labels_line = text
        .lines()
        .find(|l| l.starts_with("LABELS: "))
        .unwrap_or_else(|| panic!("no LABELS line:\n{text}"));
    assert!(
        labels_line["LABELS: ".len()..]
            .split(',')
            .any(|l| l == "a=b"),
        "{labels_line}"
    );

    assert_eq!(
        history_summary(&capstan.history("lb")),
        rows(&[(1, "deployed", "my text")])
    );

    let secrets: Api<Secret> = Api::namespaced(client.clone(), &ns.name);
    let secret = secrets
        .get("sh.helm.release.v1.lb.v1")
        .await
        .expect("release Secret");
    let labels = secret.metadata.labels.unwrap_or_default();
    assert_eq!(labels.get("a").map(String::as_str), Some("b"), "{labels:?}");
    assert_eq!(
        labels.get("owner").map(String::as_str),
        Some("helm"),
        "{labels:?}"
    );
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 5. output formats

/// The release as `install -o json` and `-o yaml` print it; the JSON equals Helm 4's
/// for the same chart (times, namespace and name aside).
#[tokio::test]
async fn options_install_output_json_and_yaml() {
    let test = "opt-output";
    let Some((ns, _, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();

    let out = capstan.ok(&["install", "js", &chart, "-o", "json"]);
    let v = e2e::json(&out);
    assert_eq!(v["name"], "js", "{v}");
    assert_eq!(v["version"], 1, "{v}");
    assert_eq!(v["namespace"], ns.name.as_str(), "{v}");
    assert_eq!(v["info"]["status"], "deployed", "{v}");
    assert_eq!(v["info"]["description"], "Install complete", "{v}");
    assert_eq!(v["chart"]["metadata"]["name"], "e2e-options", "{v}");
    assert!(
        v["manifest"]
            .as_str()
            .unwrap_or_default()
            .contains("name: js-config"),
        "{v}"
    );

    let out = capstan.ok(&["install", "ym", &chart, "-o", "yaml"]);
    let docs = e2e::yaml_docs(&out);
    assert_eq!(docs.len(), 1, "{out}");
    let y = &docs[0];
    assert_eq!(y["name"], "ym", "{out}");
    assert_eq!(y["version"], "1", "{out}");
    assert_eq!(y["namespace"], ns.name.as_str(), "{out}");
    assert_eq!(y["info"]["status"], "deployed", "{out}");
    assert_eq!(y["chart"]["metadata"]["name"], "e2e-options", "{out}");

    if let Some(helm4) = helm4(test, &ns.name) {
        let strip = |mut v: Value, rel: &str| {
            let info = v["info"].as_object_mut().expect("info");
            info.remove("first_deployed");
            info.remove("last_deployed");
            v["name"] = json!("RELEASE");
            let manifest = v["manifest"]
                .as_str()
                .unwrap_or_default()
                .replace(rel, "RELEASE");
            v["manifest"] = json!(manifest);
            v
        };
        let helm = e2e::json(&helm4.ok(&["install", "js-h4", &chart, "-o", "json"]));
        assert_eq!(strip(v, "js"), strip(helm, "js-h4"));
    }
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 6. generate-name

/// `install --generate-name CHART` names the release `<chart name>-<digits>`.
#[tokio::test]
async fn options_install_generate_name() {
    let test = "opt-genname";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();

    let out = capstan.ok(&["install", "--generate-name", &chart]);
    let name = out
        .lines()
        .find_map(|l| l.strip_prefix("NAME: "))
        .unwrap_or_else(|| panic!("no NAME line:\n{out}"))
        .to_string();
    let digits = name
        .strip_prefix("e2e-options-")
        .unwrap_or_else(|| panic!("generated name {name:?} does not start with the chart name"));
    assert!(
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()),
        "generated name {name:?}"
    );

    let list = e2e::json(&capstan.ok(&["list", "-o", "json"]));
    let names: Vec<&str> = list
        .as_array()
        .map(|l| l.iter().filter_map(|e| e["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, vec![name.as_str()], "{list}");
    let records = e2e::release_records(&client, &ns.name, &name).await;
    assert_eq!(record_statuses(&records), pairs(&[(1, "deployed")]));
    configmap_data(&client, &ns.name, &format!("{name}-config")).await;
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 7. history-max

/// `upgrade --history-max 2`, four times: at most two revision Secrets remain and the
/// deployed one is the latest.
#[tokio::test]
async fn options_upgrade_history_max() {
    let test = "opt-histmax";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();

    capstan.ok(&["install", "hm", &chart]);
    for i in 1..=4 {
        let out = capstan.ok(&[
            "upgrade",
            "hm",
            &chart,
            "--history-max",
            "2",
            "--set",
            &format!("message=m{i}"),
        ]);
        assert!(out.contains(&format!("REVISION: {}", i + 1)), "{out}");
        let records = e2e::release_records(&client, &ns.name, "hm").await;
        assert!(
            records.len() <= 2,
            "after upgrade {i}: {:?}",
            record_statuses(&records)
        );
    }
    let records = e2e::release_records(&client, &ns.name, "hm").await;
    assert_eq!(
        record_statuses(&records),
        pairs(&[(4, "superseded"), (5, "deployed")])
    );
    assert_eq!(
        statuses(&capstan.history("hm")),
        pairs(&[(4, "superseded"), (5, "deployed")])
    );
    assert_status(&capstan, "hm", &["REVISION: 5", "STATUS: deployed"]);
    assert_eq!(
        configmap_value(&client, &ns.name, "hm-config", "message")
            .await
            .as_deref(),
        Some("m4")
    );
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 8. values on upgrade

/// `upgrade` without values keeps the last release's values; `--reuse-values --set`
/// merges onto them; `--reset-values` goes back to the chart's.
#[tokio::test]
async fn options_upgrade_reuse_and_reset_values() {
    let test = "opt-values";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();
    let live = |keys: &[&str]| {
        let client = client.clone();
        let ns = ns.name.clone();
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        async move {
            let data = configmap_data(&client, &ns, "vv-config").await;
            keys.iter()
                .map(|k| data.get(k).cloned())
                .collect::<Vec<_>>()
        }
    };

    capstan.ok(&["install", "vv", &chart, "--set", "a=1"]);
    assert_eq!(user_values(&capstan, "vv"), json!({"a": 1}));

    capstan.ok(&["upgrade", "vv", &chart]);
    assert_eq!(user_values(&capstan, "vv"), json!({"a": 1}));
    assert_eq!(live(&["a", "b"]).await, vec![Some("1".to_string()), None]);

    capstan.ok(&["upgrade", "vv", &chart, "--reuse-values", "--set", "b=2"]);
    assert_eq!(user_values(&capstan, "vv"), json!({"a": 1, "b": 2}));
    assert_eq!(
        capstan.ok(&["get", "values", "vv"]),
        "USER-SUPPLIED VALUES:\na: 1\nb: 2\n"
    );
    assert_eq!(
        live(&["a", "b"]).await,
        vec![Some("1".to_string()), Some("2".to_string())]
    );

    capstan.ok(&["upgrade", "vv", &chart, "--reset-values"]);
    // Helm prints `null` (no user values); capstan prints `{}`, see
    // options_helm_compat_get_values_json_without_user_values_is_null.
    let v = user_values(&capstan, "vv");
    assert!(v.is_null() || v == json!({}), "user values {v}");
    assert_eq!(
        capstan.ok(&["get", "values", "vv"]),
        "USER-SUPPLIED VALUES:\nnull\n"
    );
    let all = e2e::json(&capstan.ok(&["get", "values", "vv", "--all", "-o", "json"]));
    assert!(
        all.get("a").is_none() && all.get("b").is_none() && all["message"] == "hello",
        "computed values {all}"
    );
    assert_eq!(live(&["a", "b"]).await, vec![None, None]);
    assert_eq!(
        statuses(&capstan.history("vv")),
        pairs(&[
            (1, "superseded"),
            (2, "superseded"),
            (3, "superseded"),
            (4, "deployed")
        ])
    );
    ns.delete_and_wait(TIMEOUT).await;
}

/// `get values -o json` of a release without user-supplied values prints `null`, as
/// Helm does (Go's nil map; the text and YAML outputs already say `null`).
#[tokio::test]
async fn options_helm_compat_get_values_json_without_user_values_is_null() {
    let test = "opt-valuesnull";
    let Some((ns, _, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();

    capstan.ok(&["install", "nv", &chart]);
    assert_eq!(capstan.ok(&["get", "values", "nv", "-o", "json"]), "null\n");
    capstan.ok(&["upgrade", "nv", &chart, "--set", "a=1"]);
    capstan.ok(&["upgrade", "nv", &chart, "--reset-values"]);
    assert_eq!(capstan.ok(&["get", "values", "nv", "-o", "json"]), "null\n");
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 9. upgrade --install

/// `upgrade --install` of a missing release says so and installs revision 1; run again
/// it upgrades. The outputs equal Helm 4's.
#[tokio::test]
async fn options_upgrade_install_of_a_missing_release() {
    let test = "opt-upginst";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();

    let first = capstan.ok(&["upgrade", "--install", "ui", &chart]);
    assert!(
        first.starts_with("Release \"ui\" does not exist. Installing it now.\n"),
        "{first}"
    );
    assert!(
        first.contains("REVISION: 1") && first.contains("STATUS: deployed"),
        "{first}"
    );
    assert_eq!(
        history_summary(&capstan.history("ui")),
        rows(&[(1, "deployed", "Install complete")])
    );
    configmap_data(&client, &ns.name, "ui-config").await;

    let second = capstan.ok(&["upgrade", "--install", "ui", &chart]);
    assert!(
        second.starts_with("Release \"ui\" has been upgraded. Happy Helming!\n")
            && second.contains("REVISION: 2"),
        "{second}"
    );

    if let Some(helm4) = helm4(test, &ns.name) {
        let h1 = helm4.ok(&["upgrade", "--install", "ui-h4", &chart]);
        let h2 = helm4.ok(&["upgrade", "--install", "ui-h4", &chart]);
        assert_eq!(normalized(&first, "ui"), normalized(&h1, "ui-h4"));
        assert_eq!(normalized(&second, "ui"), normalized(&h2, "ui-h4"));
    }
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 10. ConfigMap driver

/// `HELM_DRIVER=configmap`: the release is stored in a ConfigMap that Helm 4 reads.
#[tokio::test]
async fn options_configmap_storage_driver() {
    let test = "opt-cmdriver";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();

    let out = ok_with_driver(&capstan, "configmap", &["install", "cmd", &chart]);
    assert!(out.contains("STATUS: deployed"), "{out}");

    let stored = configmap(&client, &ns.name, "sh.helm.release.v1.cmd.v1")
        .await
        .expect("the release ConfigMap sh.helm.release.v1.cmd.v1");
    let labels = stored.metadata.labels.clone().unwrap_or_default();
    for (k, v) in [
        ("owner", "helm"),
        ("name", "cmd"),
        ("status", "deployed"),
        ("version", "1"),
    ] {
        assert_eq!(labels.get(k).map(String::as_str), Some(v), "{labels:?}");
    }
    let data = stored.data.unwrap_or_default();
    let release = e2e::decode_release(data.get("release").expect("data.release").as_bytes())
        .unwrap_or_else(|e| panic!("cannot decode the stored release: {e}"));
    assert_eq!(release["name"], "cmd");
    assert_eq!(release["version"], 1);
    assert_no_records(&client, &ns.name, "cmd", "Secrets written").await;

    // Each driver sees only its own records.
    let list = e2e::json(&ok_with_driver(
        &capstan,
        "configmap",
        &["list", "-o", "json"],
    ));
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["name"], "cmd", "{list}");
    assert_eq!(
        e2e::json(&capstan.ok(&["list", "-o", "json"])),
        json!([]),
        "the Secret driver lists a ConfigMap release"
    );

    if let Some(helm4) = helm4(test, &ns.name) {
        let list = e2e::json(&ok_with_driver(
            &helm4,
            "configmap",
            &["list", "-o", "json"],
        ));
        let entry = list
            .as_array()
            .and_then(|l| l.iter().find(|e| e["name"] == "cmd"))
            .unwrap_or_else(|| panic!("helm4 list does not show cmd: {list}"));
        assert_eq!(entry["status"], "deployed", "{entry}");
        assert_eq!(entry["revision"], "1", "{entry}");
        let table = ok_with_driver(&helm4, "configmap", &["list"]);
        assert!(
            table.lines().any(|l| l.starts_with("cmd ")),
            "helm4 list:\n{table}"
        );
    }
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 11. --wait into --timeout

/// `install --wait --timeout 5s` of a Deployment that can never become available fails,
/// names the Deployment with a reason, and leaves the release `failed`.
#[tokio::test]
async fn options_wait_times_out_on_a_stuck_deployment() {
    let test = "opt-waittimeout";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();

    let run = capstan.fails(&[
        "install",
        "st",
        &chart,
        "--set",
        "stuckDeployment=true",
        "--wait",
        "--timeout",
        "5s",
    ]);
    // capstan: "timed out after 5s waiting for 1 of 2 resources:\n  Deployment
    // <ns>/st-app: 0 of 1 replicas available". Helm 4: "resource Deployment/<ns>/st-app
    // not ready. status: InProgress, message: Available: 0/1\ncontext deadline
    // exceeded". capstan's message is deliberately more precise; both are accepted.
    let err = &run.stderr;
    let capstan_line = err.lines().find_map(|l| {
        l.trim()
            .strip_prefix(&format!("Deployment {}/st-app: ", ns.name))
    });
    let capstan_form = err.contains("timed out after 5s")
        && capstan_line.is_some_and(|reason| !reason.trim().is_empty());
    let helm_form = err.contains("context deadline exceeded")
        && err.contains(&format!(
            "resource Deployment/{}/st-app not ready. status: InProgress",
            ns.name
        ));
    assert!(
        capstan_form || helm_form,
        "the error should mention the timeout and name Deployment {}/st-app with a reason:\n{err}",
        ns.name
    );

    let h = history_summary(&capstan.history("st"));
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!((h[0].0, h[0].1.as_str()), (1, "failed"), "{h:?}");
    assert!(
        h[0].2.starts_with("Release \"st\" failed:") && h[0].2.contains("st-app"),
        "description: {}",
        h[0].2
    );
    assert_status(&capstan, "st", &["STATUS: failed"]);

    // The Deployment was applied and is indeed not available.
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), &ns.name);
    let d = deployments
        .get_opt("st-app")
        .await
        .expect("get Deployment")
        .expect("Deployment st-app exists");
    let available = d.status.and_then(|s| s.available_replicas).unwrap_or(0);
    assert_eq!(available, 0);
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 12. cleanup-on-fail

/// An upgrade that adds a ConfigMap and whose post-upgrade hook Job fails: with
/// `--cleanup-on-fail` the ConfigMap it created is deleted (without, it stays); the
/// revision is `failed` and the objects of revision 1 are untouched.
#[tokio::test]
async fn options_upgrade_cleanup_on_fail() {
    let test = "opt-cleanup";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();
    let failing = [
        "--set",
        "extra=true",
        "--set",
        "failingHook.phase=post-upgrade",
        "--timeout",
        "120s",
    ];

    // Control: without --cleanup-on-fail the new ConfigMap survives the failure (the
    // upgrade does create it before the post-upgrade hook runs).
    capstan.ok(&["install", "cfctl", &chart]);
    let run = capstan.fails(&[&["upgrade", "cfctl", chart.as_str()][..], &failing[..]].concat());
    assert_stderr(&run, &["post-upgrade", "cfctl-failing-hook"]);
    configmap_data(&client, &ns.name, "cfctl-extra").await;

    capstan.ok(&["install", "cf", &chart]);
    let run = capstan.fails(
        &[
            &["upgrade", "cf", chart.as_str()][..],
            &failing[..],
            &["--cleanup-on-fail"],
        ]
        .concat(),
    );
    assert_stderr(&run, &["post-upgrade", "cf-failing-hook"]);
    wait_job_failed(&client, &ns.name, "cf-failing-hook").await;
    e2e::wait_gone(&client, &ns.name, &cm_ref("cf-extra"), TIMEOUT).await;
    // Not created by the upgrade: not cleaned up.
    assert_eq!(
        configmap_value(&client, &ns.name, "cf-config", "message")
            .await
            .as_deref(),
        Some("hello")
    );

    let h = capstan.history("cf");
    assert_eq!(statuses(&h), pairs(&[(1, "deployed"), (2, "failed")]));
    let desc = &history_summary(&h)[1].2;
    assert!(
        desc.starts_with("Upgrade \"cf\" failed:") && desc.contains("post-upgrade"),
        "description: {desc}"
    );
    let records = e2e::release_records(&client, &ns.name, "cf").await;
    assert_eq!(
        record_statuses(&records),
        pairs(&[(1, "deployed"), (2, "failed")])
    );
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 13. test --filter

async fn pod(client: &Client, ns: &str, name: &str) -> Option<Pod> {
    let api: Api<Pod> = Api::namespaced(client.clone(), ns);
    api.get_opt(name)
        .await
        .unwrap_or_else(|e| panic!("get Pod {ns}/{name}: {e}"))
}

/// `test NAME --filter name=X` runs only the test hook X; `--filter '!name=X'` runs
/// the others. Outputs equal Helm 4's.
#[tokio::test]
async fn options_test_filter_runs_only_the_named_hook() {
    let test = "opt-testfilter";
    let Some(cluster) = e2e::cluster(test).await else {
        return;
    };
    if !cluster.is_kwok().await {
        // The test Pods run `pause`, which only kwok's simulated nodes complete.
        e2e::note(&format!("SKIP {test}: needs the kwok test cluster"));
        return;
    }
    let (ns, client, capstan) = cluster.setup(test).await;
    let chart = chart();
    let rel = "tsuite";
    let (a, b) = ("tsuite-test-a", "tsuite-test-b");

    capstan.ok(&["install", rel, &chart, "--set", "tests=true"]);
    assert!(
        pod(&client, &ns.name, a).await.is_none(),
        "install ran a test"
    );

    let only_a = capstan.ok(&["test", rel, "--filter", &format!("name={a}")]);
    assert!(
        only_a.contains(&format!("TEST SUITE:     {a}\n")),
        "{only_a}"
    );
    assert!(only_a.contains("Phase:          Succeeded"), "{only_a}");
    assert!(!only_a.contains(b), "{only_a}");
    let pod_a = pod(&client, &ns.name, a).await.expect("Pod of test a");
    assert_eq!(
        pod_a.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Succeeded")
    );
    assert!(
        pod(&client, &ns.name, b).await.is_none(),
        "the filtered-out test ran"
    );

    // The negation runs b only: a's Pod is not recreated.
    let not_a = capstan.ok(&["test", rel, "--filter", &format!("!name={a}")]);
    assert!(not_a.contains(&format!("TEST SUITE:     {b}\n")), "{not_a}");
    let pod_b = pod(&client, &ns.name, b).await.expect("Pod of test b");
    assert_eq!(
        pod_b.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Succeeded")
    );
    assert_eq!(
        pod(&client, &ns.name, a).await.and_then(|p| p.metadata.uid),
        pod_a.metadata.uid,
        "test a ran again"
    );

    if let Some(helm4) = helm4(test, &ns.name) {
        let hrel = "tsuite-h4";
        helm4.ok(&["install", hrel, &chart, "--set", "tests=true"]);
        let h_only_a = helm4.ok(&["test", hrel, "--filter", &format!("name={hrel}-test-a")]);
        let h_not_a = helm4.ok(&["test", hrel, "--filter", &format!("!name={hrel}-test-a")]);
        let strip = |s: &str, r: &str| normalized(s, r).replace(&ns.name, "NAMESPACE");
        assert_eq!(strip(&only_a, rel), strip(&h_only_a, hrel));
        assert_eq!(strip(&not_a, rel), strip(&h_not_a, hrel));
    }
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 14. resource policy keep

/// An object annotated `helm.sh/resource-policy: keep` survives `uninstall`, which
/// says so as Helm 4 does.
#[tokio::test]
async fn options_uninstall_keeps_resource_policy_keep() {
    let test = "opt-keeppolicy";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();

    capstan.ok(&["install", "kp", &chart, "--set", "keep=true"]);
    configmap_data(&client, &ns.name, "kp-kept").await;
    let out = capstan.ok(&["uninstall", "kp"]);
    assert!(
        out.contains("These resources were kept due to the resource policy:\n")
            && out.contains("[ConfigMap] kp-kept\n"),
        "{out}"
    );
    assert!(out.ends_with("release \"kp\" uninstalled\n"), "{out}");
    e2e::wait_gone(&client, &ns.name, &cm_ref("kp-config"), TIMEOUT).await;
    assert_eq!(
        configmap_value(&client, &ns.name, "kp-kept", "kept")
            .await
            .as_deref(),
        Some("yes"),
        "the kept object is gone"
    );
    assert_no_records(&client, &ns.name, "kp", "records left").await;

    if let Some(helm4) = helm4(test, &ns.name) {
        helm4.ok(&["install", "kp-h4", &chart, "--set", "keep=true"]);
        let helm = helm4.ok(&["uninstall", "kp-h4"]);
        assert_eq!(normalized(&out, "kp"), normalized(&helm, "kp-h4"));
    }
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// Error prefixes

/// A failed `install` prints `Error: INSTALLATION FAILED: …` and a failed `upgrade`
/// `Error: UPGRADE FAILED: …`, as Helm 4 does (scripts match on these).
#[tokio::test]
async fn options_helm_compat_failure_prefixes() {
    let test = "opt-errprefix";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();

    create_configmap(&client, &ns.name, "ep-config", &[("note", "pre-existing")]).await;
    let run = capstan.fails(&["install", "ep", &chart]);
    assert!(
        run.stderr.lines().any(|l| l.starts_with(
            "Error: INSTALLATION FAILED: unable to continue with install: ConfigMap \"ep-config\""
        )),
        "stderr:\n{}",
        run.stderr
    );
    let run = capstan.fails(&["upgrade", "missing", &chart]);
    assert!(
        run.stderr
            .lines()
            .any(|l| l == "Error: UPGRADE FAILED: \"missing\" has no deployed releases"),
        "stderr:\n{}",
        run.stderr
    );
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 15. Post-renderer

/// `--post-renderer PATH --post-renderer-args A`: the executable gets the rendered
/// manifests on stdin and its output is what is installed and stored (Helm 3's
/// contract). An upgrade without it drops the object the post-renderer added. The
/// stored manifest equals Helm 3's for the same post-renderer.
#[tokio::test]
async fn options_post_renderer_executable() {
    let test = "opt-postrender";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = chart();
    let dir = std::env::temp_dir().join(format!("capstan-e2e-pr-{}", ns.name));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("add-configmap");
    std::fs::write(
        &script,
        "#!/bin/sh\ncat\nprintf -- '---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: %s\\ndata:\\n  from: post-renderer\\n' \"$1\"\n",
    )
    .expect("write script");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let script = script.display().to_string();
    let pr = [
        "--post-renderer",
        &script,
        "--post-renderer-args",
        "pr-added",
    ];

    capstan.ok(&[&["install", "pr", &chart][..], &pr].concat());
    assert_eq!(
        configmap_value(&client, &ns.name, "pr-added", "from")
            .await
            .as_deref(),
        Some("post-renderer")
    );
    let manifest = capstan.ok(&["get", "manifest", "pr"]);
    assert!(manifest.contains("name: pr-added"), "{manifest}");

    if let Some(bin) = e2e::helm_bin("HELM3_BIN", &format!("{test} (comparison with Helm 3)")) {
        let helm3 = Cli::new("helm3", &bin, &ns.name);
        let pr3 = [
            "--post-renderer",
            &script,
            "--post-renderer-args",
            "pr3-added",
        ];
        helm3.ok(&[&["install", "pr3", &chart][..], &pr3].concat());
        let theirs = helm3.ok(&["get", "manifest", "pr3"]);
        // Helm 3 trims each rendered document before the post-renderer sees it
        // (Helm 4, and so capstan, keep a document's final newline): compare
        // without blank lines, release names replaced.
        let norm = |m: &str, rel: &str| -> String {
            m.replace(&format!("{rel}-added"), "X")
                .replace(&format!("instance: {rel}\n"), "instance: R\n")
                .replace(&format!("{rel}-"), "R-")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            norm(&manifest, "pr"),
            norm(&theirs, "pr3"),
            "stored manifest differs from Helm 3's"
        );
    }

    capstan.ok(&["upgrade", "pr", &chart]);
    // The post-renderer's object leaves with it.
    e2e::release::wait_all_gone(&client, &ns.name, [&cm_ref("pr-added")]).await;

    let bad = capstan.fails(&[
        "install",
        "nope",
        &chart,
        "--post-renderer",
        "./no-such-renderer",
    ]);
    assert!(
        bad.stderr
            .contains("unable to find binary at ./no-such-renderer"),
        "{bad:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 16. --hide-secret

/// `--hide-secret` with `--dry-run=server` prints Helm's `# HIDDEN` line instead of
/// each Secret (output equal to Helm 4's); without a dry run it is refused and
/// nothing is installed.
#[tokio::test]
async fn options_hide_secret_in_dry_runs() {
    let test = "opt-hidesecret";
    let Some((ns, client, capstan)) = setup(test).await else {
        return;
    };
    let chart = e2e::release::webapp();
    let ours = capstan.ok(&["install", "hs", &chart, "--dry-run=server", "--hide-secret"]);
    assert!(
        ours.contains("# HIDDEN: The Secret output has been suppressed"),
        "{ours}"
    );
    assert!(!ours.contains("kind: Secret"), "{ours}");
    if let Some(helm4) = helm4(test, &ns.name) {
        let theirs = helm4.ok(&["install", "hs", &chart, "--dry-run=server", "--hide-secret"]);
        assert_eq!(normalized(&ours, "hs"), normalized(&theirs, "hs"));
    }
    let refused = capstan.fails(&["install", "hs", &chart, "--hide-secret"]);
    assert_stderr(
        &refused,
        &["hiding Kubernetes secrets requires a dry-run mode"],
    );
    assert_no_records(&client, &ns.name, "hs", "after the refused install").await;
    ns.delete_and_wait(TIMEOUT).await;
}

// ---------------------------------------------------------------------------
// 17. status --show-resources

/// `status --show-resources` adds a RESOURCES section right after the description:
/// the release's objects as the API server's tables (kubectl's columns) and the pods
/// their selectors match.
#[tokio::test]
async fn options_status_show_resources() {
    let test = "opt-showres";
    let Some((ns, _client, capstan)) = setup(test).await else {
        return;
    };
    let chart = e2e::release::webapp();
    capstan.ok(&["install", "sr", &chart, "--wait", "--timeout", "120s"]);
    let out = capstan.ok(&["status", "sr", "--show-resources"]);
    let at = |s: &str| {
        out.find(s)
            .unwrap_or_else(|| panic!("{s:?} missing from:\n{out}"))
    };
    assert!(at("DESCRIPTION: Install complete\nRESOURCES:\n") > 0);
    for section in [
        "==> v1/ConfigMap\nNAME",
        "==> v1/Deployment\nNAME",
        "==> v1/Service\nNAME",
        "==> v1/Pod(related)\nNAME",
    ] {
        at(section);
    }
    at("sr-webapp ");
    // Without the flag, no section.
    let plain = capstan.ok(&["status", "sr"]);
    assert!(!plain.contains("RESOURCES:"), "{plain}");
    ns.delete_and_wait(TIMEOUT).await;
}
