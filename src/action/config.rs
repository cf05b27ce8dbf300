//! What the release-changing actions share (Helm's `action.Configuration`):
//! release storage, the cluster (client, discovered kinds) and the error
//! type.

use std::sync::Arc;

use kube::api::{Api, ApiResource, DynamicObject, ListParams};

use super::template::TemplateError;
use crate::kube::resource::{self, Mapper, Resource};
use crate::kube::{KubeClient, KubeError};
use crate::release::kube_driver::storage_for;
use crate::release::model::Release;
use crate::release::storage::{Storage, StorageError, driver_kind};
use crate::settings::Settings;
use crate::template::objects::Capabilities;
use crate::template::render::Lookup;

/// An action's failure, with Helm's wording and what to do where capstan
/// can tell.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ActionError(pub String);

impl ActionError {
    pub fn new(msg: impl Into<String>) -> ActionError {
        ActionError(msg.into())
    }

    /// `context: self`.
    pub fn context(self, what: &str) -> ActionError {
        ActionError(format!("{what}: {}", self.0))
    }
}

impl From<KubeError> for ActionError {
    fn from(e: KubeError) -> Self {
        ActionError(e.to_string())
    }
}

impl From<StorageError> for ActionError {
    fn from(e: StorageError) -> Self {
        ActionError(e.to_string())
    }
}

impl From<TemplateError> for ActionError {
    fn from(e: TemplateError) -> Self {
        ActionError(e.to_string())
    }
}

impl From<String> for ActionError {
    fn from(e: String) -> Self {
        ActionError(e)
    }
}

pub type Result<T> = std::result::Result<T, ActionError>;

/// A reachable cluster and the kinds it serves.
pub struct Cluster {
    pub kc: KubeClient,
    pub mapper: Arc<Mapper>,
}

impl Cluster {
    /// Connects and discovers the served kinds.
    pub fn connect(kc: KubeClient) -> Result<Cluster> {
        let mapper = kc.block_on(Mapper::discover(&kc.client)).map_err(|e| match e {
            KubeError::Unreachable(m) => ActionError::new(format!(
                "Kubernetes cluster unreachable: {m}\n(API server {}: check KUBECONFIG / --kubeconfig and --kube-context, and that the server is running)",
                kc.server
            )),
            other => other.into(),
        })?;
        Ok(Cluster {
            kc,
            mapper: Arc::new(mapper),
        })
    }

    /// Discovers again (after CRDs were created).
    pub fn rediscover(&mut self) -> Result<()> {
        self.mapper = Arc::new(self.kc.block_on(Mapper::discover(&self.kc.client))?);
        Ok(())
    }

    pub fn client(&self) -> &kube::Client {
        &self.kc.client
    }

    /// Runs a cluster operation.
    pub fn run<F: std::future::Future>(&self, f: F) -> F::Output {
        self.kc.block_on(f)
    }

    /// The objects of a manifest, namespaced ones defaulting to `ns`.
    pub fn build(&self, manifest: &str, ns: &str) -> std::result::Result<Vec<Resource>, KubeError> {
        resource::build(manifest, ns, &self.mapper)
    }

    /// The objects of the current and of the new manifest (upgrade and
    /// rollback), with Helm's error wording.
    pub fn build_pair(
        &self,
        current: &str,
        new: &str,
        ns: &str,
    ) -> Result<(Vec<Resource>, Vec<Resource>)> {
        let originals = self.build(current, ns).map_err(|e| {
            ActionError::new(format!(
                "unable to build kubernetes objects from current release manifest: {e}"
            ))
        })?;
        let targets = self.build(new, ns).map_err(|e| {
            ActionError::new(format!(
                "unable to build kubernetes objects from new release manifest: {e}"
            ))
        })?;
        Ok((originals, targets))
    }

    /// Capabilities and `lookup` for rendering: the cluster's when
    /// `interact`, else Helm's defaults and an offline lookup (client dry
    /// runs).
    pub fn render_context(&self, interact: bool) -> Result<(Capabilities, Lookup)> {
        if interact {
            Ok((self.capabilities()?, self.lookup()))
        } else {
            Ok((Capabilities::default(), Lookup::default()))
        }
    }

    /// The server's version and API versions for templates.
    pub fn capabilities(&self) -> Result<Capabilities> {
        Ok(self.run(resource::capabilities(self.client(), &self.mapper))?)
    }

    /// Helm's `lookup`: one object by name (an empty map when missing) or
    /// the list of all (in `namespace`, or everywhere when empty).
    pub fn lookup(&self) -> Lookup {
        let kc = self.kc.clone();
        let mapper = self.mapper.clone();
        Lookup(Some(Arc::new(
            move |api_version: &str, kind: &str, namespace: &str, name: &str| {
                let Some((ar, namespaced)) = mapper.resolve(api_version, kind) else {
                    return Err(format!(
                        "unable to get apiresource from unstructured: {api_version}, Kind={kind}: no matches for kind {kind:?} in version {api_version:?}"
                    ));
                };
                kc.block_on(lookup(&kc.client, &ar, namespaced, namespace, name))
            },
        )))
    }
}

async fn lookup(
    client: &kube::Client,
    ar: &ApiResource,
    namespaced: bool,
    namespace: &str,
    name: &str,
) -> std::result::Result<crate::values::Value, String> {
    let api: Api<DynamicObject> = if namespaced && !namespace.is_empty() {
        Api::namespaced_with(client.clone(), namespace, ar)
    } else {
        Api::all_with(client.clone(), ar)
    };
    let empty = || crate::values::Value::map(Default::default());
    let json = if name.is_empty() {
        match api.list(&ListParams::default()).await {
            Ok(list) => {
                let items: Vec<serde_json::Value> = list
                    .items
                    .into_iter()
                    .map(|o| serde_json::to_value(o).unwrap_or_default())
                    .collect();
                serde_json::json!({
                    "apiVersion": ar.api_version,
                    "kind": format!("{}List", ar.kind),
                    "metadata": {"resourceVersion": list.metadata.resource_version.unwrap_or_default()},
                    "items": items,
                })
            }
            Err(kube::Error::Api(s)) if s.code == 404 => return Ok(empty()),
            Err(e) => return Err(e.to_string()),
        }
    } else {
        match api.get_opt(name).await {
            Ok(Some(o)) => serde_json::to_value(o).unwrap_or_default(),
            Ok(None) => return Ok(empty()),
            Err(e) => return Err(e.to_string()),
        }
    };
    Ok(super::list::json_to_value(&json))
}

/// Storage and cluster for an action.
pub struct ActionConfig {
    pub storage: Storage,
    pub cluster: Cluster,
    /// The namespace releases go to (`-n`, the kubeconfig's, `default`).
    pub namespace: String,
}

impl ActionConfig {
    /// Connects to the cluster of `settings` with `HELM_DRIVER`'s storage.
    pub fn new(settings: &Settings) -> Result<ActionConfig> {
        let kind = driver_kind(&settings.driver)?;
        let kc = crate::kube::client(settings).map_err(ActionError)?;
        let namespace = kc.namespace.clone();
        let storage = storage_for(kind, &kc, &namespace);
        let cluster = Cluster::connect(kc)?;
        Ok(ActionConfig {
            storage,
            cluster,
            namespace,
        })
    }

    /// Helm's `recordRelease`: store the release, ignoring failures (the
    /// caller has a more important error or result to report).
    pub fn record(&self, rel: &Release) {
        let _ = self.storage.update(rel);
    }
}

/// Helm's release name rule.
pub fn validate_release_name(name: &str) -> std::result::Result<(), String> {
    const MSG: &str = "invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53";
    if name.is_empty() || name.len() > 53 {
        return Err(MSG.into());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if name.split('.').all(label_ok) {
        Ok(())
    } else {
        Err(MSG.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_names() {
        for ok in ["a", "web", "my-app", "a.b", "x1-2.y3", &"a".repeat(53)] {
            assert!(validate_release_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "A", "-a", "a-", "a..b", "a_b", ".a", &"a".repeat(54)] {
            assert!(validate_release_name(bad).is_err(), "{bad}");
        }
    }
}
