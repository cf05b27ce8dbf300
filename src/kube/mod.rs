//! Kubernetes client construction from Helm's settings, a blocking bridge
//! (`block_on`) for the async `kube` client, and the operations releases
//! need: building objects from manifests (`resource`), applying and
//! deleting them (`apply`), readiness rules (`ready`) and waiting (`wait`).

pub mod apply;
pub mod cancel;
pub mod ready;
pub mod resource;
pub mod table;
pub mod wait;

use std::future::Future;
use std::sync::Arc;

use tokio::runtime::Runtime;

use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

use crate::settings::Settings;

/// What can go wrong talking to the cluster.
#[derive(Debug, thiserror::Error)]
pub enum KubeError {
    /// The API server could not be reached (network, TLS, credentials).
    #[error("Kubernetes cluster unreachable: {0}")]
    Unreachable(String),
    /// A manifest names a kind the server does not serve.
    #[error(
        "resource mapping not found for name: {name:?}: no matches for kind {kind:?} in version {api_version:?}; ensure CRDs are installed first"
    )]
    NoMatch {
        name: String,
        api_version: String,
        kind: String,
    },
    /// A manifest that cannot be turned into objects.
    #[error("{0}")]
    Invalid(String),
    /// The API server refused a request.
    #[error("{message}")]
    Api { code: u16, message: String },
    /// `--wait`/hook timeouts, listing what was not ready.
    #[error("{0}")]
    Timeout(String),
    /// Interrupted by the user (SIGINT/SIGTERM).
    #[error("operation cancelled (interrupted by signal)")]
    Cancelled,
}

impl KubeError {
    pub fn unreachable(msg: impl Into<String>) -> KubeError {
        KubeError::Unreachable(msg.into())
    }

    /// Wraps a client error with what was being done: API refusals keep
    /// their status code; anything else means the server is unreachable.
    pub fn from_kube(what: &str, e: kube::Error) -> KubeError {
        match e {
            kube::Error::Api(status) => KubeError::Api {
                code: status.code,
                message: format!("{what}: {}", status.message),
            },
            other => KubeError::Unreachable(format!("{what}: {}", error_chain(&other))),
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, KubeError::Api { code: 404, .. })
    }

    pub fn is_conflict(&self) -> bool {
        matches!(self, KubeError::Api { code: 409, .. })
    }
}

/// An error with its causes (`client error (Connect): tcp connect error:
/// Connection refused (os error 111)`), each cause once.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let s = c.to_string();
        if !out.contains(&s) {
            out.push_str(": ");
            out.push_str(&s);
        }
        cur = c.source();
    }
    out
}

/// Runs a future to completion on a fresh current-thread runtime.
pub fn block_on<F: Future>(fut: F) -> F::Output {
    runtime().block_on(fut)
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("cannot create the tokio runtime")
}

/// A client, the runtime it lives on (the client's background worker is
/// spawned there, so every call must go through [`KubeClient::block_on`]),
/// and the namespace operations default to.
#[derive(Clone)]
pub struct KubeClient {
    rt: Arc<Runtime>,
    pub client: Client,
    /// The API server's URL (for messages).
    pub server: String,
    /// The explicit namespace, else the kubeconfig context's, else `default`.
    pub namespace: String,
}

/// Builds the client config: `--kubeconfig`/`KUBECONFIG` (a `:`-separated
/// list is merged), else `~/.kube/config`, else in-cluster; `--kube-context`.
pub async fn config(settings: &Settings) -> Result<Config, String> {
    let opts = KubeConfigOptions {
        context: settings.kube_context.clone(),
        cluster: None,
        user: None,
    };
    let kubeconfig = match settings.kubeconfig.as_deref() {
        Some(paths) => {
            let mut merged: Option<Kubeconfig> = None;
            for p in std::env::split_paths(paths) {
                if p.as_os_str().is_empty() {
                    continue;
                }
                let kc = Kubeconfig::read_from(&p)
                    .map_err(|e| format!("kubeconfig {}: {e}", p.display()))?;
                merged = Some(match merged {
                    None => kc,
                    Some(m) => m.merge(kc).map_err(|e| format!("kubeconfig: {e}"))?,
                });
            }
            merged
        }
        None => Kubeconfig::read().ok(),
    };
    match kubeconfig {
        Some(kc) => Config::from_custom_kubeconfig(kc, &opts)
            .await
            .map_err(|e| format!("Kubernetes cluster unreachable: {e}")),
        None => Config::incluster().map_err(|e| format!("Kubernetes cluster unreachable: {e}")),
    }
}

impl KubeClient {
    /// Runs `fut` on the client's runtime.
    pub fn block_on<F: Future>(&self, fut: F) -> F::Output {
        self.rt.block_on(fut)
    }
}

async fn client_parts(settings: &Settings) -> Result<(Client, String, String), String> {
    let config = config(settings).await?;
    let server = config.cluster_url.to_string();
    let namespace = if settings.namespace_explicit || config.default_namespace.is_empty() {
        settings.namespace.clone()
    } else {
        config.default_namespace.clone()
    };
    let client = Client::try_from(config).map_err(|e| format!("kubernetes client: {e}"))?;
    Ok((client, namespace, server))
}

/// The client for `settings` (blocking).
pub fn client(settings: &Settings) -> Result<KubeClient, String> {
    let rt = Arc::new(runtime());
    let (client, namespace, server) = rt.block_on(client_parts(settings))?;
    Ok(KubeClient {
        rt,
        client,
        server,
        namespace,
    })
}
