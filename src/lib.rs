//! capstan: a Helm-compatible Kubernetes package manager.
//!
//! The library holds all logic; the `capstan` binary (see [`cli`]) only parses
//! arguments and prints. Modules follow the data flow
//! chart → values → template → release → kube (see docs/architecture.md).

pub mod action;
pub mod chart;
pub mod cli;
pub mod constraint;
pub mod kube;
pub mod parallel;
pub mod registry;
pub mod release;
pub mod repo;
pub mod settings;
pub mod template;
pub mod values;

/// capstan's own version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The Helm version whose behaviour capstan reproduces (reported by
/// `.Capabilities.HelmVersion` and `capstan version`).
pub const HELM_COMPAT_VERSION: &str = "v4.2.3";
