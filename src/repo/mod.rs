//! Chart repositories (`index.yaml`): add, update, search, index. Not built yet.
