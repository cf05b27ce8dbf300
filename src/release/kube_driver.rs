//! Release storage in a real cluster: Helm's `Secrets` and `ConfigMaps`
//! drivers over the Kubernetes API.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use kube::api::{Api, DeleteParams, ListParams, PostParams};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value as J;

use super::model::Release;
use super::storage::{
    Driver, DriverKind, Result, Storage, StorageError, configmap_object, label_selector,
    release_from_configmap, release_from_secret, secret_object,
};
use crate::kube::KubeClient;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Secret,
    ConfigMap,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Secret => "Secret",
            Kind::ConfigMap => "ConfigMap",
        }
    }
}

/// The common implementation of both drivers.
struct KubeDriver {
    kube: KubeClient,
    /// Empty: all namespaces (list and query only).
    namespace: String,
    kind: Kind,
}

fn api_err(kind: Kind, what: &str, e: kube::Error) -> StorageError {
    if let kube::Error::Api(status) = &e {
        if status.code == 404 {
            return StorageError::NotFound;
        }
        if status.code == 409 {
            return StorageError::AlreadyExists;
        }
    }
    StorageError::Other(format!(
        "{} {what}: {}",
        kind.name(),
        crate::kube::error_chain(&e)
    ))
}

impl KubeDriver {
    fn api<K>(&self) -> Api<K>
    where
        K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope>
            + Clone
            + DeserializeOwned
            + std::fmt::Debug,
        K::DynamicType: Default,
    {
        if self.namespace.is_empty() {
            Api::all(self.kube.client.clone())
        } else {
            Api::namespaced(self.kube.client.clone(), &self.namespace)
        }
    }

    fn decode(&self, obj: &J) -> Result<Release> {
        match self.kind {
            Kind::Secret => release_from_secret(obj),
            Kind::ConfigMap => release_from_configmap(obj),
        }
    }

    /// Every object matching `selector`, as JSON.
    fn list_objects(&self, selector: &str) -> Result<Vec<J>> {
        let lp = ListParams::default().labels(selector);
        let kind = self.kind;
        let what = format!("list (selector {selector:?})");
        match kind {
            Kind::Secret => {
                let api: Api<Secret> = self.api();
                let list = self
                    .kube
                    .block_on(api.list(&lp))
                    .map_err(|e| api_err(kind, &what, e))?;
                Ok(list.items.iter().map(to_json).collect())
            }
            Kind::ConfigMap => {
                let api: Api<ConfigMap> = self.api();
                let list = self
                    .kube
                    .block_on(api.list(&lp))
                    .map_err(|e| api_err(kind, &what, e))?;
                Ok(list.items.iter().map(to_json).collect())
            }
        }
    }

    fn get_object(&self, key: &str) -> Result<J> {
        let kind = self.kind;
        let what = format!("{key:?}: get");
        match kind {
            Kind::Secret => {
                let api: Api<Secret> = self.api();
                self.kube
                    .block_on(api.get(key))
                    .map(|o| to_json(&o))
                    .map_err(|e| api_err(kind, &what, e))
            }
            Kind::ConfigMap => {
                let api: Api<ConfigMap> = self.api();
                self.kube
                    .block_on(api.get(key))
                    .map(|o| to_json(&o))
                    .map_err(|e| api_err(kind, &what, e))
            }
        }
    }

    fn write(&self, key: &str, rel: &Release, create: bool) -> Result<()> {
        let ns = if self.namespace.is_empty() {
            rel.namespace.clone()
        } else {
            self.namespace.clone()
        };
        let kind = self.kind;
        let what = format!("{key:?}: {}", if create { "create" } else { "update" });
        let pp = PostParams::default();
        let bad =
            |e: serde_json::Error| StorageError::Other(format!("{} {what}: {e}", kind.name()));
        match kind {
            Kind::Secret => {
                let obj: Secret =
                    serde_json::from_value(secret_object(key, rel, &ns, create)?).map_err(bad)?;
                let api: Api<Secret> = Api::namespaced(self.kube.client.clone(), &ns);
                if create {
                    self.kube.block_on(api.create(&pp, &obj)).map(|_| ())
                } else {
                    self.kube.block_on(api.replace(key, &pp, &obj)).map(|_| ())
                }
            }
            Kind::ConfigMap => {
                let obj: ConfigMap =
                    serde_json::from_value(configmap_object(key, rel, &ns, create)?)
                        .map_err(bad)?;
                let api: Api<ConfigMap> = Api::namespaced(self.kube.client.clone(), &ns);
                if create {
                    self.kube.block_on(api.create(&pp, &obj)).map(|_| ())
                } else {
                    self.kube.block_on(api.replace(key, &pp, &obj)).map(|_| ())
                }
            }
        }
        .map_err(|e| api_err(kind, &what, e))
    }

    fn list(&self, filter: &dyn Fn(&Release) -> bool) -> Result<Vec<Release>> {
        let mut out = Vec::new();
        for obj in self.list_objects("owner=helm")? {
            // As Helm: a record that cannot be decoded is skipped by list,
            // reported on stderr with the object's name.
            match self.decode(&obj) {
                Ok(rel) => {
                    if filter(&rel) {
                        out.push(rel);
                    }
                }
                Err(e) => eprintln!("WARNING: list: skipping {e}"),
            }
        }
        Ok(out)
    }

    fn query(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Release>> {
        let selector = label_selector(labels)?;
        let objs = self.list_objects(&selector)?;
        if objs.is_empty() {
            return Err(StorageError::NotFound);
        }
        // As Helm: query fails on the first record it cannot decode, naming it.
        objs.iter().map(|o| self.decode(o)).collect()
    }

    fn get(&self, key: &str) -> Result<Release> {
        let obj = self.get_object(key)?;
        self.decode(&obj)
    }

    fn delete(&self, key: &str) -> Result<Release> {
        let rel = self.get(key)?;
        let kind = self.kind;
        let what = format!("{key:?}: delete");
        let dp = DeleteParams::default();
        match kind {
            Kind::Secret => {
                let api: Api<Secret> = self.api();
                self.kube.block_on(api.delete(key, &dp)).map(|_| ())
            }
            Kind::ConfigMap => {
                let api: Api<ConfigMap> = self.api();
                self.kube.block_on(api.delete(key, &dp)).map(|_| ())
            }
        }
        .map_err(|e| api_err(kind, &what, e))?;
        Ok(rel)
    }
}

fn to_json<T: Serialize>(obj: &T) -> J {
    serde_json::to_value(obj).unwrap_or(J::Null)
}

macro_rules! driver {
    ($name:ident, $kind:expr, $doc:literal) => {
        #[doc = $doc]
        pub struct $name(KubeDriver);

        impl $name {
            /// A driver for `namespace` (empty: all namespaces, read only).
            pub fn new(kube: KubeClient, namespace: &str) -> $name {
                $name(KubeDriver {
                    kube,
                    namespace: namespace.to_string(),
                    kind: $kind,
                })
            }
        }

        impl Driver for $name {
            fn name(&self) -> &str {
                self.0.kind.name()
            }
            fn get(&self, key: &str) -> Result<Release> {
                self.0.get(key)
            }
            fn list(&self, filter: &dyn Fn(&Release) -> bool) -> Result<Vec<Release>> {
                self.0.list(filter)
            }
            fn query(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Release>> {
                self.0.query(labels)
            }
            fn create(&self, key: &str, rel: &Release) -> Result<()> {
                self.0.write(key, rel, true)
            }
            fn update(&self, key: &str, rel: &Release) -> Result<()> {
                self.0.write(key, rel, false)
            }
            fn delete(&self, key: &str) -> Result<Release> {
                self.0.delete(key)
            }
        }
    };
}

driver!(
    SecretDriver,
    Kind::Secret,
    "Helm's default driver: one `helm.sh/release.v1` Secret per revision."
);
driver!(
    ConfigMapDriver,
    Kind::ConfigMap,
    "`HELM_DRIVER=configmap`: one ConfigMap per revision."
);

/// The storage `HELM_DRIVER` selects over `kube` (`namespace` empty: all
/// namespaces, for listing).
pub fn storage_for(kind: DriverKind, kube: &KubeClient, namespace: &str) -> Storage {
    match kind {
        DriverKind::Memory => Storage::memory(),
        DriverKind::ConfigMap => {
            Storage::new(Box::new(ConfigMapDriver::new(kube.clone(), namespace)))
        }
        _ => Storage::new(Box::new(SecretDriver::new(kube.clone(), namespace))),
    }
}
