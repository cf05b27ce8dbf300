//! Releases: the Helm release record and its storage drivers (Secret,
//! ConfigMap, memory), and manifest sorting (`manifest`).

pub mod codec;
pub mod kube_driver;
pub mod manifest;
pub mod model;
pub mod storage;
