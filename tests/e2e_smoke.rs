//! Smoke test against a real cluster (see tests/e2e/mod.rs for how it is found):
//! a namespace, a ConfigMap, a Secret and a Deployment that becomes Available
//! (on the local test cluster through a kwok-simulated node), then the namespace
//! is deleted and must disappear together with everything in it.

mod e2e;

use std::collections::BTreeMap;
use std::time::Duration;

use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec};
use k8s_openapi::api::core::v1::{
    ConfigMap, ConfigMapKeySelector, Container, EnvVar, EnvVarSource, Pod, PodSpec,
    PodTemplateSpec, Secret, SecretKeySelector,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use kube::api::{Api, ListParams, ObjectMeta, PostParams};

const TIMEOUT: Duration = Duration::from_secs(180);

fn meta(name: &str) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_string()),
        labels: Some([("app.kubernetes.io/name".to_string(), "smoke".to_string())].into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn smoke_namespace_configmap_secret_deployment() {
    let Some(cluster) = e2e::cluster("e2e_smoke").await else {
        return;
    };
    e2e::note(&format!(
        "e2e_smoke: cluster {} from {}",
        cluster.version, cluster.source
    ));
    let ns = cluster.namespace("smoke").await;
    let client = ns.client();

    // ConfigMap
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), &ns.name);
    let cm = ConfigMap {
        metadata: meta("smoke-config"),
        data: Some(BTreeMap::from([(
            "greeting".to_string(),
            "hello".to_string(),
        )])),
        ..Default::default()
    };
    cms.create(&PostParams::default(), &cm)
        .await
        .expect("create ConfigMap");
    let got = cms.get("smoke-config").await.expect("get ConfigMap");
    assert_eq!(
        got.data
            .unwrap_or_default()
            .get("greeting")
            .map(String::as_str),
        Some("hello")
    );

    // Secret (stringData in, base64 data out)
    let secrets: Api<Secret> = Api::namespaced(client.clone(), &ns.name);
    let secret = Secret {
        metadata: meta("smoke-secret"),
        type_: Some("Opaque".to_string()),
        string_data: Some(BTreeMap::from([(
            "password".to_string(),
            "s3cr3t".to_string(),
        )])),
        ..Default::default()
    };
    secrets
        .create(&PostParams::default(), &secret)
        .await
        .expect("create Secret");
    let got = secrets.get("smoke-secret").await.expect("get Secret");
    let data = got.data.unwrap_or_default();
    assert_eq!(
        data.get("password").map(|b| b.0.as_slice()),
        Some(&b"s3cr3t"[..])
    );

    // Deployment with 2 replicas that reads both. The image is real and tiny so the
    // test also passes on a cluster with a real kubelet; kwok never pulls it.
    let labels = BTreeMap::from([("app".to_string(), "smoke".to_string())]);
    let env_from = |name: &str, source: EnvVarSource| EnvVar {
        name: name.to_string(),
        value_from: Some(source),
        ..Default::default()
    };
    let deploy = Deployment {
        metadata: meta("smoke"),
        spec: Some(DeploymentSpec {
            replicas: Some(2),
            selector: LabelSelector {
                match_labels: Some(labels.clone()),
                ..Default::default()
            },
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(labels),
                    ..Default::default()
                }),
                spec: Some(PodSpec {
                    containers: vec![Container {
                        name: "pause".to_string(),
                        image: Some("registry.k8s.io/pause:3.10".to_string()),
                        env: Some(vec![
                            env_from(
                                "GREETING",
                                EnvVarSource {
                                    config_map_key_ref: Some(ConfigMapKeySelector {
                                        name: "smoke-config".to_string(),
                                        key: "greeting".to_string(),
                                        ..Default::default()
                                    }),
                                    ..Default::default()
                                },
                            ),
                            env_from(
                                "PASSWORD",
                                EnvVarSource {
                                    secret_key_ref: Some(SecretKeySelector {
                                        name: "smoke-secret".to_string(),
                                        key: "password".to_string(),
                                        ..Default::default()
                                    }),
                                    ..Default::default()
                                },
                            ),
                        ]),
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
            },
            ..Default::default()
        }),
        ..Default::default()
    };
    let deploys: Api<Deployment> = Api::namespaced(client.clone(), &ns.name);
    deploys
        .create(&PostParams::default(), &deploy)
        .await
        .expect("create Deployment");

    e2e::wait_for("Deployment smoke to become Available with 2 ready replicas", TIMEOUT, || async {
        let d = deploys.get("smoke").await.map_err(|e| e.to_string())?;
        let generation = d.metadata.generation.unwrap_or(0);
        let status = d.status.unwrap_or_default();
        let available = status
            .conditions
            .as_deref()
            .unwrap_or_default()
            .iter()
            .any(|c| c.type_ == "Available" && c.status == "True");
        let ready = status.ready_replicas.unwrap_or(0);
        let observed = status.observed_generation >= Some(generation);
        if available && ready == 2 && status.available_replicas == Some(2) && observed {
            Ok(())
        } else {
            Err(format!(
                "Available={available}, ready={ready}, available={:?}, updated={:?}, conditions={:?}",
                status.available_replicas, status.updated_replicas, status.conditions
            ))
        }
    })
    .await;

    // The pods behind it were scheduled onto a node and run.
    let pods: Api<Pod> = Api::namespaced(client.clone(), &ns.name);
    let list = pods
        .list(&ListParams::default().labels("app=smoke"))
        .await
        .expect("list Pods");
    let running: Vec<_> = list
        .items
        .iter()
        .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
        .collect();
    assert_eq!(
        running.len(),
        2,
        "expected 2 Running pods, got {:?}",
        list.items
            .iter()
            .map(|p| &p.metadata.name)
            .collect::<Vec<_>>()
    );
    let kwok = cluster.is_kwok().await;
    for p in &running {
        let node = p
            .spec
            .as_ref()
            .and_then(|s| s.node_name.clone())
            .unwrap_or_default();
        assert!(!node.is_empty(), "pod {:?} has no node", p.metadata.name);
        if kwok {
            assert!(
                node.starts_with("kwok-node-"),
                "pod {:?} on {node}",
                p.metadata.name
            );
        }
    }

    // Deleting the namespace removes it and everything in it.
    let ns_name = ns.name.clone();
    ns.delete_and_wait(TIMEOUT).await;
    assert!(
        deploys
            .get_opt("smoke")
            .await
            .expect("get Deployment after delete")
            .is_none()
    );
    assert!(
        cms.get_opt("smoke-config")
            .await
            .expect("get ConfigMap after delete")
            .is_none()
    );
    e2e::note(&format!(
        "e2e_smoke: namespace {ns_name} created, used and deleted"
    ));
}
