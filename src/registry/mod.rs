//! OCI registries: pull and push of charts. Not built yet.
