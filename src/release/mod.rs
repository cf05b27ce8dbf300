//! Releases: the Helm release record and its storage drivers (Secret,
//! ConfigMap, memory). Not built yet.
