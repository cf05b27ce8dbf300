//! Kubernetes client, apply, wait and install ordering. Not built yet.
