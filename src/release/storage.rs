//! Release storage: the driver interface, the in-memory driver, the
//! history logic on top of any driver (`Storage`, as Helm's storage.go:
//! keys, history, last/deployed lookups, max-history pruning), and the pure
//! builders/readers of the Kubernetes objects the cluster drivers store
//! (Secrets of type `helm.sh/release.v1`, or ConfigMaps).

use std::collections::BTreeMap;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value as J, json};

use crate::chart::metadata::go_quote;
use crate::template::value::base64_std;
use crate::values::base64::decode_std;

use super::codec::{self, CodecError, Flavor};
use super::model::{Release, Status};

/// Prefix of every storage key / object name.
pub const KEY_PREFIX: &str = "sh.helm.release.v1";
/// The `type` of release Secrets.
pub const SECRET_TYPE: &str = "helm.sh/release.v1";
/// The `owner` label value.
pub const OWNER: &str = "helm";
/// Labels the drivers manage; user labels may not use these names.
pub const SYSTEM_LABELS: [&str; 6] = [
    "name",
    "owner",
    "status",
    "version",
    "createdAt",
    "modifiedAt",
];

/// Helm's `HELM_MAX_HISTORY` default for upgrade and rollback.
pub const DEFAULT_MAX_HISTORY: usize = 10;

/// What storage operations report.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StorageError {
    #[error("release: not found")]
    NotFound,
    #[error("release: already exists")]
    AlreadyExists,
    #[error("release: invalid key")]
    InvalidKey,
    /// Helm's `StorageDriverError`: `"NAME" has no deployed releases`.
    #[error("{} has no deployed releases", go_quote(.0))]
    NoDeployedReleases(String),
    #[error("no revision for release {}", go_quote(.0))]
    NoRevision(String),
    /// A storage object whose release record cannot be read.
    #[error(
        "{kind} {} holds a corrupt release record: {reason}\n(other revisions stay readable with --revision N; restore this {kind} from a backup, or delete it to let history and upgrades continue without that revision)",
        go_quote(.key)
    )]
    Corrupt {
        kind: String,
        key: String,
        reason: String,
    },
    #[error("failed to encode release {}: {source}", go_quote(.name))]
    Encode { name: String, source: CodecError },
    #[error(
        "user supplied labels contains system reserved label name. System labels: [name owner status version createdAt modifiedAt]"
    )]
    ReservedLabel,
    #[error("invalid label value: {}: {reason}", go_quote(.value))]
    InvalidLabelValue { value: String, reason: String },
    #[error("unknown driver {}", go_quote(.0))]
    UnknownDriver(String),
    #[error("{0}")]
    Unsupported(String),
    /// Failures of the backing store (API errors, several deletions failing).
    #[error("{0}")]
    Other(String),
}

impl StorageError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, StorageError::NotFound)
    }
}

pub type Result<T> = std::result::Result<T, StorageError>;

/// The storage key of a revision: `sh.helm.release.v1.NAME.vVERSION`.
pub fn make_key(name: &str, version: i64) -> String {
    format!("{KEY_PREFIX}.{name}.v{version}")
}

/// Splits a storage key into release name and revision.
pub fn parse_key(key: &str) -> Result<(&str, i64)> {
    let rest = key.strip_prefix(KEY_PREFIX).unwrap_or(key);
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let (name, ver) = rest.rsplit_once(".v").ok_or(StorageError::InvalidKey)?;
    let ver = ver.parse().map_err(|_| StorageError::InvalidKey)?;
    Ok((name, ver))
}

/// A place releases are stored (Helm's `driver.Driver`).
pub trait Driver {
    /// `Secret`, `ConfigMap`, `Memory`.
    fn name(&self) -> &str;
    /// The release stored under `key`, or `NotFound`.
    fn get(&self, key: &str) -> Result<Release>;
    /// Every release (of the driver's namespace) accepted by `filter`.
    fn list(&self, filter: &dyn Fn(&Release) -> bool) -> Result<Vec<Release>>;
    /// Releases whose system labels match all of `labels`; `NotFound` when
    /// none do.
    fn query(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Release>>;
    /// Stores a new record; `AlreadyExists` when the key is taken.
    fn create(&self, key: &str, rel: &Release) -> Result<()>;
    /// Replaces an existing record.
    fn update(&self, key: &str, rel: &Release) -> Result<()>;
    /// Removes a record, returning it; `NotFound` when absent.
    fn delete(&self, key: &str) -> Result<Release>;
}

/// The storage backend chosen by `HELM_DRIVER`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DriverKind {
    Secret,
    ConfigMap,
    Memory,
}

impl DriverKind {
    /// Helm's driver name.
    pub fn name(self) -> &'static str {
        match self {
            DriverKind::Secret => "Secret",
            DriverKind::ConfigMap => "ConfigMap",
            DriverKind::Memory => "Memory",
        }
    }
}

/// Interprets `HELM_DRIVER` (empty means Secrets).
pub fn driver_kind(s: &str) -> Result<DriverKind> {
    match s {
        "secret" | "secrets" | "" => Ok(DriverKind::Secret),
        "configmap" | "configmaps" => Ok(DriverKind::ConfigMap),
        "memory" => Ok(DriverKind::Memory),
        "sql" => Err(StorageError::Unsupported(
            "HELM_DRIVER=sql: the SQL storage driver is not supported; use secret, configmap or memory".into(),
        )),
        other => Err(StorageError::UnknownDriver(other.to_string())),
    }
}

// ---------------------------------------------------------------------------
// Labels

pub fn is_system_label(key: &str) -> bool {
    SYSTEM_LABELS.contains(&key)
}

/// The system labels as Helm prints them in errors (`[name owner ...]`).
pub fn system_label_names() -> String {
    format!("[{}]", SYSTEM_LABELS.join(" "))
}

pub fn contains_system_labels(labels: &BTreeMap<String, String>) -> bool {
    labels.keys().any(|k| is_system_label(k))
}

/// The labels without the system ones (what a decoded release carries).
pub fn filter_system_labels(labels: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    labels
        .iter()
        .filter(|(k, _)| !is_system_label(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The system labels a record of `rel` carries (`name`, `owner`, `status`,
/// `version`), as the memory driver matches queries against.
pub fn system_labels(rel: &Release) -> BTreeMap<String, String> {
    let mut l = BTreeMap::new();
    l.insert("name".to_string(), rel.name.clone());
    l.insert("owner".to_string(), OWNER.to_string());
    l.insert("status".to_string(), rel.status().as_str().to_string());
    l.insert("version".to_string(), rel.version.to_string());
    l
}

/// All labels of a storage object for `rel`: the user's labels, then
/// `createdAt` (on create) or `modifiedAt` (on update) with `unix_secs`,
/// then the system labels. User labels using a system name are refused.
pub fn object_labels(
    rel: &Release,
    create: bool,
    unix_secs: i64,
) -> Result<BTreeMap<String, String>> {
    // System labels a read release carries are replaced by current ones
    // (user input with reserved names is refused by the actions).
    let mut l = filter_system_labels(&rel.labels);
    let stamp = if create { "createdAt" } else { "modifiedAt" };
    l.insert(stamp.to_string(), unix_secs.to_string());
    l.extend(system_labels(rel));
    Ok(l)
}

/// Kubernetes' label value check (`validation.IsValidLabelValue`).
pub fn validate_label_value(v: &str) -> std::result::Result<(), String> {
    let mut errs = Vec::new();
    if v.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    let b = v.as_bytes();
    let ok = b.is_empty()
        || (b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.')));
    if !ok {
        errs.push(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', \
             and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', \
             regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
                .to_string(),
        );
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs.join("; "))
    }
}

/// A label selector (`k1=v1,k2=v2`, keys sorted) for listing storage
/// objects, with Helm's value validation.
pub fn label_selector(labels: &BTreeMap<String, String>) -> Result<String> {
    let mut parts = Vec::with_capacity(labels.len());
    for (k, v) in labels {
        validate_label_value(v).map_err(|reason| StorageError::InvalidLabelValue {
            value: v.clone(),
            reason,
        })?;
        parts.push(format!("{k}={v}"));
    }
    Ok(parts.join(","))
}

// ---------------------------------------------------------------------------
// Kubernetes objects

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn encode_for_object(rel: &Release) -> Result<String> {
    codec::encode(rel, Flavor::Helm4).map_err(|source| StorageError::Encode {
        name: rel.name.clone(),
        source,
    })
}

fn object_meta(
    key: &str,
    rel: &Release,
    namespace: &str,
    create: bool,
    unix_secs: i64,
) -> Result<J> {
    let labels: serde_json::Map<String, J> = object_labels(rel, create, unix_secs)?
        .into_iter()
        .map(|(k, v)| (k, J::String(v)))
        .collect();
    let mut meta = json!({ "name": key, "labels": labels });
    if !namespace.is_empty() {
        meta["namespace"] = J::String(namespace.to_string());
    }
    Ok(meta)
}

/// The Secret holding `rel` under `key`. `create` selects the `createdAt`
/// label (a create) or `modifiedAt` (an update, which replaces the object).
/// `data.release` is base64 of the stored record, since the API carries
/// Secret data base64-encoded.
pub fn secret_object(key: &str, rel: &Release, namespace: &str, create: bool) -> Result<J> {
    secret_object_at(key, rel, namespace, create, unix_now())
}

/// [`secret_object`] with an explicit timestamp for the time label.
pub fn secret_object_at(
    key: &str,
    rel: &Release,
    namespace: &str,
    create: bool,
    unix_secs: i64,
) -> Result<J> {
    let meta = object_meta(key, rel, namespace, create, unix_secs)?;
    let record = encode_for_object(rel)?;
    Ok(json!({
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": meta,
        "type": SECRET_TYPE,
        "data": { "release": base64_std(record.as_bytes()) },
    }))
}

/// The ConfigMap holding `rel` (the record itself in `data.release`).
pub fn configmap_object(key: &str, rel: &Release, namespace: &str, create: bool) -> Result<J> {
    configmap_object_at(key, rel, namespace, create, unix_now())
}

/// [`configmap_object`] with an explicit timestamp for the time label.
pub fn configmap_object_at(
    key: &str,
    rel: &Release,
    namespace: &str,
    create: bool,
    unix_secs: i64,
) -> Result<J> {
    let meta = object_meta(key, rel, namespace, create, unix_secs)?;
    let record = encode_for_object(rel)?;
    Ok(json!({
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": meta,
        "data": { "release": record },
    }))
}

fn object_name(obj: &J) -> String {
    obj.pointer("/metadata/name")
        .and_then(J::as_str)
        .unwrap_or("")
        .to_string()
}

/// The object's labels (non-string values are ignored).
pub fn object_labels_of(obj: &J) -> BTreeMap<String, String> {
    obj.pointer("/metadata/labels")
        .and_then(J::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

fn read_record(obj: &J, kind: &str) -> Result<Release> {
    let key = object_name(obj);
    let corrupt = |reason: String| StorageError::Corrupt {
        kind: kind.to_string(),
        key: key.clone(),
        reason,
    };
    let data = match obj.pointer("/data/release") {
        Some(J::String(s)) => s,
        Some(_) => return Err(corrupt("data.release is not a string".into())),
        None => return Err(corrupt("no data.release".into())),
    };
    let mut rel = if kind == "Secret" {
        let raw = decode_std(data).map_err(|at| {
            corrupt(format!(
                "data.release: illegal base64 data at input byte {at}"
            ))
        })?;
        let text = String::from_utf8(raw)
            .map_err(|_| corrupt("data.release is not a base64 text".into()))?;
        codec::decode(&text)
    } else {
        codec::decode(data)
    }
    .map_err(|e| corrupt(e.to_string()))?;
    // As Helm 4.2 does, the release carries every label of its storage
    // object (system ones included: `get metadata` and `list --selector`
    // see them); actions drop the system ones before writing a revision.
    rel.labels = object_labels_of(obj);
    Ok(rel)
}

/// Reads the release from a Secret as the API returns it (`data` values
/// base64-encoded). `labels` become the object's labels minus the system
/// ones. List operations skip records that fail here, as Helm does.
pub fn release_from_secret(obj: &J) -> Result<Release> {
    read_record(obj, "Secret")
}

/// Reads the release from a ConfigMap.
pub fn release_from_configmap(obj: &J) -> Result<Release> {
    read_record(obj, "ConfigMap")
}

// ---------------------------------------------------------------------------
// Memory driver

struct Record {
    key: String,
    rel: Release,
}

#[derive(Default)]
struct MemState {
    /// The namespace operations use; empty means all (list and query).
    namespace: String,
    /// namespace -> release name -> records sorted by revision.
    cache: BTreeMap<String, BTreeMap<String, Vec<Record>>>,
}

/// In-process storage (`HELM_DRIVER=memory`, `template`, dry runs),
/// namespaced as Helm's memory driver: records live under the release's
/// namespace (`default` when empty); create and update switch the driver
/// to that namespace, as Helm does.
pub struct MemoryDriver {
    state: RwLock<MemState>,
}

impl Default for MemoryDriver {
    fn default() -> Self {
        MemoryDriver::new()
    }
}

impl MemoryDriver {
    /// A driver using namespace `default`.
    pub fn new() -> MemoryDriver {
        MemoryDriver {
            state: RwLock::new(MemState {
                namespace: "default".into(),
                cache: BTreeMap::new(),
            }),
        }
    }

    /// Selects the namespace; empty lists and queries across all of them.
    pub fn set_namespace(&self, ns: &str) {
        self.write().namespace = ns.to_string();
    }

    pub fn namespace(&self) -> String {
        self.read().namespace.clone()
    }

    fn read(&self) -> RwLockReadGuard<'_, MemState> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, MemState> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }

    fn release_namespace(rel: &Release) -> String {
        if rel.namespace.is_empty() {
            "default".to_string()
        } else {
            rel.namespace.clone()
        }
    }

    /// The records in scope, in namespace, name and revision order.
    fn scoped<'a>(st: &'a MemState) -> impl Iterator<Item = &'a Record> + 'a {
        st.cache
            .iter()
            .filter(move |(ns, _)| st.namespace.is_empty() || **ns == st.namespace)
            .flat_map(|(_, names)| names.values().flatten())
    }
}

impl Driver for MemoryDriver {
    fn name(&self) -> &str {
        "Memory"
    }

    fn get(&self, key: &str) -> Result<Release> {
        let (name, _) = parse_key(key)?;
        let st = self.read();
        st.cache
            .get(&st.namespace)
            .and_then(|names| names.get(name))
            .and_then(|recs| recs.iter().find(|r| r.key == key))
            .map(|r| r.rel.clone())
            .ok_or(StorageError::NotFound)
    }

    fn list(&self, filter: &dyn Fn(&Release) -> bool) -> Result<Vec<Release>> {
        let st = self.read();
        Ok(Self::scoped(&st)
            .filter(|r| filter(&r.rel))
            .map(|r| r.rel.clone())
            .collect())
    }

    fn query(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Release>> {
        let st = self.read();
        let out: Vec<Release> = Self::scoped(&st)
            .filter(|r| {
                let have = system_labels(&r.rel);
                labels
                    .iter()
                    .all(|(k, v)| have.get(k).map_or(v.is_empty(), |h| h == v))
            })
            .map(|r| r.rel.clone())
            .collect();
        if out.is_empty() {
            return Err(StorageError::NotFound);
        }
        Ok(out)
    }

    fn create(&self, key: &str, rel: &Release) -> Result<()> {
        let ns = Self::release_namespace(rel);
        let mut st = self.write();
        st.namespace = ns.clone();
        let recs = st
            .cache
            .entry(ns)
            .or_default()
            .entry(rel.name.clone())
            .or_default();
        if recs.iter().any(|r| r.key == key) {
            return Err(StorageError::AlreadyExists);
        }
        recs.push(Record {
            key: key.to_string(),
            rel: rel.clone(),
        });
        recs.sort_by_key(|r| r.rel.version);
        Ok(())
    }

    fn update(&self, key: &str, rel: &Release) -> Result<()> {
        let ns = Self::release_namespace(rel);
        let mut st = self.write();
        st.namespace = ns.clone();
        let rec = st
            .cache
            .get_mut(&ns)
            .and_then(|names| names.get_mut(&rel.name))
            .and_then(|recs| recs.iter_mut().find(|r| r.key == key))
            .ok_or(StorageError::NotFound)?;
        rec.rel = rel.clone();
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<Release> {
        let (name, _) = parse_key(key)?;
        let mut st = self.write();
        let ns = st.namespace.clone();
        let recs = st
            .cache
            .get_mut(&ns)
            .and_then(|names| names.get_mut(name))
            .ok_or(StorageError::NotFound)?;
        let i = recs
            .iter()
            .position(|r| r.key == key)
            .ok_or(StorageError::NotFound)?;
        Ok(recs.remove(i).rel)
    }
}

// ---------------------------------------------------------------------------
// Storage

/// Release history on top of a driver (Helm's `storage.Storage`).
pub struct Storage {
    driver: Box<dyn Driver>,
    /// Revisions kept per release when creating one (0 = unlimited); the
    /// latest deployed revision is never pruned.
    pub max_history: usize,
}

impl Storage {
    pub fn new(driver: Box<dyn Driver>) -> Storage {
        Storage {
            driver,
            max_history: 0,
        }
    }

    /// Storage backed by a fresh memory driver.
    pub fn memory() -> Storage {
        Storage::new(Box::new(MemoryDriver::new()))
    }

    pub fn with_max_history(mut self, max: usize) -> Storage {
        self.max_history = max;
        self
    }

    pub fn driver(&self) -> &dyn Driver {
        self.driver.as_ref()
    }

    /// `sh.helm.release.v1.NAME.vVERSION`
    pub fn key(name: &str, version: i64) -> String {
        make_key(name, version)
    }

    pub fn get(&self, name: &str, version: i64) -> Result<Release> {
        self.driver.get(&make_key(name, version))
    }

    /// Stores a new revision, first pruning history to `max_history - 1`
    /// revisions when a limit is set.
    pub fn create(&self, rel: &Release) -> Result<()> {
        if self.max_history > 0 {
            match self.remove_least_recent(&rel.name, self.max_history - 1) {
                Ok(()) | Err(StorageError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        self.driver.create(&rel.key(), rel)
    }

    pub fn update(&self, rel: &Release) -> Result<()> {
        self.driver.update(&rel.key(), rel)
    }

    pub fn delete(&self, name: &str, version: i64) -> Result<Release> {
        self.driver.delete(&make_key(name, version))
    }

    /// Every stored revision of every release.
    pub fn list_releases(&self) -> Result<Vec<Release>> {
        self.driver.list(&|_| true)
    }

    pub fn list_uninstalled(&self) -> Result<Vec<Release>> {
        self.driver.list(&|r| r.status() == Status::Uninstalled)
    }

    pub fn list_deployed(&self) -> Result<Vec<Release>> {
        self.driver.list(&|r| r.status() == Status::Deployed)
    }

    /// All revisions of `name` in revision order; `NotFound` when there
    /// are none.
    pub fn history(&self, name: &str) -> Result<Vec<Release>> {
        let mut q = BTreeMap::new();
        q.insert("name".to_string(), name.to_string());
        q.insert("owner".to_string(), OWNER.to_string());
        let mut h = self.driver.query(&q)?;
        h.sort_by_key(|r| r.version);
        Ok(h)
    }

    /// Every deployed revision of `name` (normally one).
    pub fn deployed_all(&self, name: &str) -> Result<Vec<Release>> {
        let mut q = BTreeMap::new();
        q.insert("name".to_string(), name.to_string());
        q.insert("owner".to_string(), OWNER.to_string());
        q.insert("status".to_string(), Status::Deployed.as_str().to_string());
        match self.driver.query(&q) {
            Ok(mut v) => {
                v.sort_by_key(|r| r.version);
                Ok(v)
            }
            Err(StorageError::NotFound) => Err(StorageError::NoDeployedReleases(name.to_string())),
            Err(e) => Err(e),
        }
    }

    /// The newest deployed revision of `name`.
    pub fn deployed(&self, name: &str) -> Result<Release> {
        self.deployed_all(name)?
            .into_iter()
            .max_by_key(|r| r.version)
            .ok_or_else(|| StorageError::NoDeployedReleases(name.to_string()))
    }

    /// The newest revision of `name`, whatever its status.
    pub fn last(&self, name: &str) -> Result<Release> {
        self.history(name)?
            .into_iter()
            .max_by_key(|r| r.version)
            .ok_or_else(|| StorageError::NoRevision(name.to_string()))
    }

    /// Deletes the oldest revisions until at most `max` remain, never the
    /// newest deployed one.
    fn remove_least_recent(&self, name: &str, max: usize) -> Result<()> {
        let h = self.history(name)?;
        if h.len() <= max {
            return Ok(());
        }
        let keep = match self.deployed(name) {
            Ok(r) => Some(r.version),
            Err(StorageError::NoDeployedReleases(_)) => None,
            Err(e) => return Err(e),
        };
        let mut doomed = Vec::new();
        for rel in &h {
            if h.len() - doomed.len() == max {
                break;
            }
            if Some(rel.version) != keep {
                doomed.push(rel.version);
            }
        }
        let errs: Vec<StorageError> = doomed
            .into_iter()
            .filter_map(|v| self.delete(name, v).err())
            .collect();
        match errs.len() {
            0 => Ok(()),
            1 => Err(errs.into_iter().next().unwrap_or(StorageError::NotFound)),
            n => Err(StorageError::Other(format!(
                "encountered {n} deletion errors. First is: {}",
                errs[0]
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::model::{Info, StoredChart};

    fn rel(name: &str, version: i64, status: Status) -> Release {
        Release {
            name: name.into(),
            version,
            namespace: "default".into(),
            info: Some(Info {
                status,
                description: format!("rev {version}"),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn versions(rs: &[Release]) -> Vec<i64> {
        rs.iter().map(|r| r.version).collect()
    }

    #[test]
    fn keys() {
        assert_eq!(make_key("web", 3), "sh.helm.release.v1.web.v3");
        assert_eq!(Storage::key("a.b", 12), "sh.helm.release.v1.a.b.v12");
        assert_eq!(parse_key("sh.helm.release.v1.web.v3"), Ok(("web", 3)));
        // Release names may contain dots, even ".v".
        assert_eq!(parse_key("sh.helm.release.v1.my.v2.v10"), Ok(("my.v2", 10)));
        assert_eq!(
            parse_key("sh.helm.release.v1.web"),
            Err(StorageError::InvalidKey)
        );
        assert_eq!(
            parse_key("sh.helm.release.v1.web.vx"),
            Err(StorageError::InvalidKey)
        );
    }

    #[test]
    fn memory_create_get_and_already_exists() {
        let d = MemoryDriver::new();
        assert_eq!(d.name(), "Memory");
        let r = rel("web", 1, Status::Deployed);
        d.create(&r.key(), &r).unwrap();
        assert_eq!(d.get("sh.helm.release.v1.web.v1").unwrap(), r);
        let e = d.create(&r.key(), &r).unwrap_err();
        assert_eq!(e, StorageError::AlreadyExists);
        assert_eq!(e.to_string(), "release: already exists");
        let e = d.get("sh.helm.release.v1.web.v2").unwrap_err();
        assert!(e.is_not_found());
        assert_eq!(e.to_string(), "release: not found");
        assert_eq!(d.get("garbage").unwrap_err(), StorageError::InvalidKey);
        assert_eq!(StorageError::InvalidKey.to_string(), "release: invalid key");
    }

    #[test]
    fn memory_update_and_delete() {
        let d = MemoryDriver::new();
        let mut r = rel("web", 1, Status::PendingInstall);
        assert_eq!(d.update(&r.key(), &r).unwrap_err(), StorageError::NotFound);
        d.create(&r.key(), &r).unwrap();
        r.set_status(Status::Deployed, "Install complete");
        d.update(&r.key(), &r).unwrap();
        assert_eq!(d.get(&r.key()).unwrap().status(), Status::Deployed);
        let gone = d.delete(&r.key()).unwrap();
        assert_eq!(gone, r);
        assert_eq!(d.delete(&r.key()).unwrap_err(), StorageError::NotFound);
        assert_eq!(d.get(&r.key()).unwrap_err(), StorageError::NotFound);
        assert_eq!(d.delete("nope").unwrap_err(), StorageError::InvalidKey);
    }

    #[test]
    fn memory_is_namespaced() {
        let d = MemoryDriver::new();
        let mut a = rel("web", 1, Status::Deployed);
        a.namespace = "a".into();
        let mut b = rel("web", 1, Status::Deployed);
        b.namespace = "b".into();
        let mut c = rel("db", 1, Status::Failed);
        c.namespace = String::new();
        d.create(&a.key(), &a).unwrap();
        // Same key in another namespace is a different record.
        d.create(&b.key(), &b).unwrap();
        // Creating switches to the release's namespace ("default" if unset).
        d.create(&c.key(), &c).unwrap();
        assert_eq!(d.namespace(), "default");
        assert_eq!(d.list(&|_| true).unwrap().len(), 1);
        d.set_namespace("a");
        let got = d.get(&a.key()).unwrap();
        assert_eq!(got.namespace, "a");
        assert_eq!(d.list(&|_| true).unwrap().len(), 1);
        d.set_namespace("");
        let all = d.list(&|_| true).unwrap();
        let nss: Vec<&str> = all.iter().map(|r| r.namespace.as_str()).collect();
        assert_eq!(nss, ["a", "b", ""]);
        assert_eq!(d.list(&|r| r.status() == Status::Failed).unwrap().len(), 1);
        d.set_namespace("b");
        assert_eq!(d.delete(&b.key()).unwrap().namespace, "b");
        d.set_namespace("a");
        assert!(d.get(&a.key()).is_ok());
    }

    #[test]
    fn memory_query_matches_system_labels_only() {
        let d = MemoryDriver::new();
        let mut r1 = rel("web", 1, Status::Superseded);
        r1.labels = labels(&[("team", "x")]);
        let r2 = rel("web", 2, Status::Deployed);
        let r3 = rel("api", 1, Status::Deployed);
        for r in [&r1, &r2, &r3] {
            d.create(&r.key(), r).unwrap();
        }
        let q = d
            .query(&labels(&[("name", "web"), ("owner", "helm")]))
            .unwrap();
        assert_eq!(versions(&q), [1, 2]);
        let q = d.query(&labels(&[("status", "deployed")])).unwrap();
        assert_eq!(q.len(), 2);
        let q = d.query(&labels(&[("version", "2")])).unwrap();
        assert_eq!(q[0].name, "web");
        assert_eq!(
            d.query(&labels(&[("name", "nope")])).unwrap_err(),
            StorageError::NotFound
        );
        // Custom labels are not indexed by the memory driver (as in Helm).
        assert!(d.query(&labels(&[("team", "x")])).is_err());
    }

    #[test]
    fn storage_history_last_deployed() {
        let s = Storage::memory();
        s.create(&rel("web", 1, Status::Superseded)).unwrap();
        s.create(&rel("web", 3, Status::Failed)).unwrap();
        s.create(&rel("web", 2, Status::Deployed)).unwrap();
        s.create(&rel("api", 1, Status::Deployed)).unwrap();
        assert_eq!(versions(&s.history("web").unwrap()), [1, 2, 3]);
        assert_eq!(s.last("web").unwrap().version, 3);
        assert_eq!(s.deployed("web").unwrap().version, 2);
        assert_eq!(s.get("web", 1).unwrap().status(), Status::Superseded);
        assert_eq!(s.history("nope").unwrap_err(), StorageError::NotFound);
        assert_eq!(s.last("nope").unwrap_err(), StorageError::NotFound);
        assert_eq!(s.list_releases().unwrap().len(), 4);
        assert_eq!(s.list_deployed().unwrap().len(), 2);
        assert!(s.list_uninstalled().unwrap().is_empty());
        assert_eq!(s.driver().name(), "Memory");
    }

    #[test]
    fn deployed_picks_newest_and_reports_none() {
        let s = Storage::memory();
        s.create(&rel("web", 1, Status::Failed)).unwrap();
        let e = s.deployed("web").unwrap_err();
        assert_eq!(e, StorageError::NoDeployedReleases("web".into()));
        assert_eq!(e.to_string(), r#""web" has no deployed releases"#);
        // Concurrent writers can leave several deployed: the newest wins.
        s.create(&rel("web", 2, Status::Deployed)).unwrap();
        s.create(&rel("web", 3, Status::Deployed)).unwrap();
        assert_eq!(s.deployed("web").unwrap().version, 3);
        assert_eq!(versions(&s.deployed_all("web").unwrap()), [2, 3]);
        assert_eq!(
            StorageError::NoRevision("web".into()).to_string(),
            r#"no revision for release "web""#
        );
    }

    #[test]
    fn pending_latest_revision_is_detected() {
        let s = Storage::memory();
        s.create(&rel("web", 1, Status::Deployed)).unwrap();
        s.create(&rel("web", 2, Status::PendingUpgrade)).unwrap();
        assert!(s.last("web").unwrap().status().is_pending());
        let mut r = s.get("web", 2).unwrap();
        r.set_status(Status::Failed, "Upgrade \"web\" failed: boom");
        s.update(&r).unwrap();
        assert!(!s.last("web").unwrap().status().is_pending());
        assert_eq!(s.deployed("web").unwrap().version, 1);
    }

    #[test]
    fn storage_create_collides_and_delete_removes() {
        let s = Storage::memory();
        let r = rel("web", 1, Status::PendingInstall);
        s.create(&r).unwrap();
        assert_eq!(s.create(&r).unwrap_err(), StorageError::AlreadyExists);
        assert_eq!(s.delete("web", 1).unwrap(), r);
        assert_eq!(s.delete("web", 1).unwrap_err(), StorageError::NotFound);
    }

    #[test]
    fn max_history_prunes_oldest() {
        let s = Storage::memory().with_max_history(3);
        s.create(&rel("web", 1, Status::Superseded)).unwrap();
        s.create(&rel("web", 2, Status::Superseded)).unwrap();
        s.create(&rel("web", 3, Status::Deployed)).unwrap();
        s.create(&rel("web", 4, Status::PendingUpgrade)).unwrap();
        assert_eq!(versions(&s.history("web").unwrap()), [2, 3, 4]);
        s.create(&rel("web", 5, Status::PendingUpgrade)).unwrap();
        assert_eq!(versions(&s.history("web").unwrap()), [3, 4, 5]);
        // Other releases are untouched.
        s.create(&rel("api", 1, Status::Deployed)).unwrap();
        assert_eq!(versions(&s.history("api").unwrap()), [1]);
    }

    #[test]
    fn max_history_keeps_latest_deployed() {
        let s = Storage::memory().with_max_history(2);
        s.create(&rel("web", 1, Status::Deployed)).unwrap();
        s.create(&rel("web", 2, Status::Failed)).unwrap();
        s.create(&rel("web", 3, Status::Failed)).unwrap();
        assert_eq!(versions(&s.history("web").unwrap()), [1, 3]);
        s.create(&rel("web", 4, Status::PendingUpgrade)).unwrap();
        assert_eq!(versions(&s.history("web").unwrap()), [1, 4]);
        // With max 1 only the deployed revision survives besides the new one.
        let s1 = Storage::memory().with_max_history(1);
        s1.create(&rel("x", 1, Status::Superseded)).unwrap();
        s1.create(&rel("x", 2, Status::Deployed)).unwrap();
        s1.create(&rel("x", 3, Status::PendingUpgrade)).unwrap();
        assert_eq!(versions(&s1.history("x").unwrap()), [2, 3]);
    }

    #[test]
    fn unlimited_history_by_default() {
        let s = Storage::memory();
        for v in 1..=15 {
            s.create(&rel("web", v, Status::Superseded)).unwrap();
        }
        assert_eq!(s.history("web").unwrap().len(), 15);
        assert_eq!(DEFAULT_MAX_HISTORY, 10);
    }

    fn labelled() -> Release {
        let mut r = rel("web", 2, Status::Deployed);
        r.namespace = "prod".into();
        r.labels = labels(&[("team", "blue"), ("tier", "front")]);
        r.chart = Some(StoredChart::default());
        r
    }

    #[test]
    fn secret_object_shape() {
        let r = labelled();
        let o = secret_object_at(&r.key(), &r, "prod", true, 1_700_000_000).unwrap();
        assert_eq!(o["apiVersion"], "v1");
        assert_eq!(o["kind"], "Secret");
        assert_eq!(o["type"], "helm.sh/release.v1");
        assert_eq!(o["metadata"]["name"], "sh.helm.release.v1.web.v2");
        assert_eq!(o["metadata"]["namespace"], "prod");
        assert_eq!(
            object_labels_of(&o),
            labels(&[
                ("createdAt", "1700000000"),
                ("name", "web"),
                ("owner", "helm"),
                ("status", "deployed"),
                ("team", "blue"),
                ("tier", "front"),
                ("version", "2"),
            ])
        );
        // data.release = base64(base64(gzip(json))).
        let outer = o["data"]["release"].as_str().unwrap();
        let inner = String::from_utf8(decode_std(outer).unwrap()).unwrap();
        let raw = decode_std(&inner).unwrap();
        assert_eq!(&raw[..3], &[0x1f, 0x8b, 0x08]);
        let back = codec::decode(&inner).unwrap();
        assert_eq!(back.name, "web");
        assert!(back.labels.is_empty());
    }

    #[test]
    fn update_objects_carry_modified_at_only() {
        let r = labelled();
        let o = secret_object_at(&r.key(), &r, "prod", false, 42).unwrap();
        let l = object_labels_of(&o);
        assert_eq!(l.get("modifiedAt").map(String::as_str), Some("42"));
        assert!(!l.contains_key("createdAt"));
        // The clock-based builder stamps the current time.
        let o = secret_object(&r.key(), &r, "prod", true).unwrap();
        let at: i64 = object_labels_of(&o)["createdAt"].parse().unwrap();
        assert!(at > 1_700_000_000);
    }

    #[test]
    fn configmap_object_shape() {
        let r = labelled();
        let o = configmap_object_at(&r.key(), &r, "prod", true, 7).unwrap();
        assert_eq!(o["kind"], "ConfigMap");
        assert!(o.get("type").is_none());
        assert_eq!(object_labels_of(&o)["createdAt"], "7");
        let rec = o["data"]["release"].as_str().unwrap();
        assert!(rec.starts_with("H4sI"), "gzip magic in base64: {rec}");
        let back = release_from_configmap(&o).unwrap();
        assert_eq!(filter_system_labels(&back.labels), r.labels);
        assert_eq!(back.version, 2);
        // No namespace: left to the client's namespace.
        let o = configmap_object(&r.key(), &r, "", false).unwrap();
        assert!(o["metadata"].get("namespace").is_none());
    }

    #[test]
    fn system_labels_of_a_read_release_are_replaced() {
        for sys in SYSTEM_LABELS {
            let mut r = labelled();
            r.labels.insert(sys.to_string(), "stale".into());
            let o = secret_object_at(&r.key(), &r, "prod", true, 1).unwrap();
            let l = object_labels_of(&o);
            assert_ne!(l.get(sys).map(String::as_str), Some("stale"), "{sys}");
        }
        assert!(contains_system_labels(&labels(&[("owner", "me")])));
        assert!(!contains_system_labels(&labels(&[("Owner", "me")])));
    }

    #[test]
    fn release_from_secret_round_trip_keeps_object_labels() {
        let r = labelled();
        let o = secret_object_at(&r.key(), &r, "prod", true, 1).unwrap();
        let mut back = release_from_secret(&o).unwrap();
        assert_eq!(back.labels["owner"], "helm");
        assert_eq!(back.labels["createdAt"], "1");
        assert_eq!(filter_system_labels(&back.labels), r.labels);
        back.labels = filter_system_labels(&back.labels);
        assert_eq!(back.info, r.info);
        assert_eq!(back.chart, r.chart);
        assert_eq!(back, r);
    }

    #[test]
    fn release_from_helm_written_secret() {
        // A record as Helm writes it: gzip(json) in base64, then base64 by the API.
        let json = r#"{"name":"web","info":{"first_deployed":"2024-05-01T10:00:00+02:00","last_deployed":"2024-05-01T10:00:00+02:00","deleted":"","description":"Install complete","status":"deployed"},"config":{"a":1},"manifest":"---\n","version":1,"namespace":"default"}"#;
        let record = base64_std(&codec::gzip(json.as_bytes()).unwrap());
        let obj = json!({
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {
                "name": "sh.helm.release.v1.web.v1",
                "namespace": "default",
                "labels": {"name": "web", "owner": "helm", "status": "deployed", "version": "1",
                           "modifiedAt": "1714550400", "env": "prod"}
            },
            "type": "helm.sh/release.v1",
            "data": {"release": base64_std(record.as_bytes())}
        });
        let r = release_from_secret(&obj).unwrap();
        assert_eq!(r.status(), Status::Deployed);
        assert_eq!(filter_system_labels(&r.labels), labels(&[("env", "prod")]));
        assert_eq!(r.labels["modifiedAt"], "1714550400");
        assert_eq!(r.config.get("a"), Some(&crate::values::Value::Float(1.0)));
    }

    #[test]
    fn corrupt_objects_name_the_object() {
        let obj = json!({
            "kind": "Secret",
            "metadata": {"name": "sh.helm.release.v1.web.v3"},
            "data": {"release": base64_std(b"not-base64!")}
        });
        let e = release_from_secret(&obj).unwrap_err();
        assert!(matches!(e, StorageError::Corrupt { .. }));
        assert_eq!(
            e.to_string(),
            concat!(
                r#"Secret "sh.helm.release.v1.web.v3" holds a corrupt release record: release data is not valid base64: illegal base64 data at input byte 3"#,
                "\n(other revisions stay readable with --revision N; restore this Secret from a backup, or delete it to let history and upgrades continue without that revision)"
            )
        );
        let obj = json!({"metadata": {"name": "k"}, "data": {"release": "%%%"}});
        assert!(
            release_from_secret(&obj)
                .unwrap_err()
                .to_string()
                .contains("data.release: illegal base64 data at input byte 0")
        );
        let obj = json!({"metadata": {"name": "k"}, "data": {}});
        assert_eq!(
            release_from_configmap(&obj).unwrap_err().to_string(),
            concat!(
                r#"ConfigMap "k" holds a corrupt release record: no data.release"#,
                "\n(other revisions stay readable with --revision N; restore this ConfigMap from a backup, or delete it to let history and upgrades continue without that revision)"
            )
        );
        let obj = json!({"metadata": {"name": "k"}, "data": {"release": base64_std(b"{\"version\":\"x\"}")}});
        assert_eq!(
            release_from_configmap(&obj).unwrap_err().to_string(),
            concat!(
                r#"ConfigMap "k" holds a corrupt release record: release JSON: version: expected integer, got string"#,
                "\n(other revisions stay readable with --revision N; restore this ConfigMap from a backup, or delete it to let history and upgrades continue without that revision)"
            )
        );
    }

    #[test]
    fn helm_driver_selection() {
        for (s, k) in [
            ("", DriverKind::Secret),
            ("secret", DriverKind::Secret),
            ("secrets", DriverKind::Secret),
            ("configmap", DriverKind::ConfigMap),
            ("configmaps", DriverKind::ConfigMap),
            ("memory", DriverKind::Memory),
        ] {
            assert_eq!(driver_kind(s), Ok(k), "{s}");
        }
        assert_eq!(DriverKind::ConfigMap.name(), "ConfigMap");
        let e = driver_kind("sql").unwrap_err();
        assert!(matches!(e, StorageError::Unsupported(_)));
        assert!(e.to_string().contains("not supported"));
        assert_eq!(
            driver_kind("Secret").unwrap_err().to_string(),
            r#"unknown driver "Secret""#
        );
    }

    #[test]
    fn selectors_and_label_values() {
        assert_eq!(
            label_selector(&labels(&[
                ("owner", "helm"),
                ("name", "web"),
                ("status", "deployed")
            ]))
            .unwrap(),
            "name=web,owner=helm,status=deployed"
        );
        assert!(validate_label_value("").is_ok());
        assert!(validate_label_value("a.b_c-1").is_ok());
        assert!(validate_label_value("-a").is_err());
        let long = "a".repeat(64);
        assert_eq!(
            validate_label_value(&long).unwrap_err(),
            "must be no more than 63 characters"
        );
        let e = label_selector(&labels(&[("name", "bad name")])).unwrap_err();
        assert!(
            e.to_string()
                .starts_with(r#"invalid label value: "bad name": a valid label must be"#),
            "{e}"
        );
    }

    #[test]
    fn system_label_helpers() {
        let all = labels(&[("name", "w"), ("createdAt", "1"), ("x", "y")]);
        assert_eq!(filter_system_labels(&all), labels(&[("x", "y")]));
        assert!(is_system_label("modifiedAt"));
        assert!(!is_system_label("modifiedat"));
        let r = rel("w", 4, Status::Uninstalling);
        assert_eq!(
            system_labels(&r),
            labels(&[
                ("name", "w"),
                ("owner", "helm"),
                ("status", "uninstalling"),
                ("version", "4")
            ])
        );
    }
}
