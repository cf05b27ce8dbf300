//! The release record as Helm stores it (`release.v1.Release`): the
//! deployed chart, the user's values, the rendered manifest, hooks and the
//! revision's status. `codec` turns it into the exact stored bytes.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset, Local};

use crate::chart::{Chart, File, Lock, Metadata};
use crate::values::{Map, Value};

use super::manifest::Hook;

/// A stored timestamp: an instant with the UTC offset it was written with
/// (Helm writes times in the client's local zone).
pub type Time = DateTime<FixedOffset>;

/// Helm's `apply_method` for client-side apply.
pub const APPLY_METHOD_CSA: &str = "csa";
/// Helm's `apply_method` for server-side apply.
pub const APPLY_METHOD_SSA: &str = "ssa";

/// Hook phases as Helm writes them into `last_run.phase` (empty when the
/// hook never ran).
pub const HOOK_PHASE_UNKNOWN: &str = "Unknown";
pub const HOOK_PHASE_RUNNING: &str = "Running";
pub const HOOK_PHASE_SUCCEEDED: &str = "Succeeded";
pub const HOOK_PHASE_FAILED: &str = "Failed";

/// The current time in the local zone, as Helm stamps releases.
pub fn now() -> Time {
    Local::now().fixed_offset()
}

/// A file time in the local zone (how Go reports `os.Stat` and tar times).
pub fn time_from_system(t: SystemTime) -> Time {
    DateTime::<Local>::from(t).fixed_offset()
}

/// Whether `t` is Go's zero time (`0001-01-01T00:00:00Z`, in any zone).
pub fn is_zero_time(t: &Time) -> bool {
    t.timestamp() == ZERO_UNIX && t.timestamp_subsec_nanos() == 0
}

/// Unix seconds of `0001-01-01T00:00:00Z`.
const ZERO_UNIX: i64 = -62_135_596_800;

/// The status of one release revision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    #[default]
    Unknown,
    Deployed,
    Uninstalled,
    Superseded,
    Failed,
    Uninstalling,
    PendingInstall,
    PendingUpgrade,
    PendingRollback,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Unknown,
        Status::Deployed,
        Status::Uninstalled,
        Status::Superseded,
        Status::Failed,
        Status::Uninstalling,
        Status::PendingInstall,
        Status::PendingUpgrade,
        Status::PendingRollback,
    ];

    /// The string Helm stores (and uses as the `status` label).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unknown => "unknown",
            Status::Deployed => "deployed",
            Status::Uninstalled => "uninstalled",
            Status::Superseded => "superseded",
            Status::Failed => "failed",
            Status::Uninstalling => "uninstalling",
            Status::PendingInstall => "pending-install",
            Status::PendingUpgrade => "pending-upgrade",
            Status::PendingRollback => "pending-rollback",
        }
    }

    /// Parses one of Helm's status strings (exact spelling).
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// An operation is underway on this revision (`pending-*`).
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            Status::PendingInstall | Status::PendingUpgrade | Status::PendingRollback
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Status, String> {
        Status::parse(s).ok_or_else(|| format!("unknown release status {s:?}"))
    }
}

/// Release information (`info`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Info {
    pub first_deployed: Option<Time>,
    pub last_deployed: Option<Time>,
    pub deleted: Option<Time>,
    pub description: String,
    pub status: Status,
    /// The revision a rollback went back to (newer Helm 4 only).
    pub rollback_revision: Option<i64>,
    pub notes: String,
}

/// A chart file as stored: relative path, bytes (base64 in JSON) and, for
/// Helm 4, the file's modification time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoredFile {
    pub name: String,
    pub data: Vec<u8>,
    pub mod_time: Option<Time>,
}

impl StoredFile {
    pub fn new(name: impl Into<String>, data: impl Into<Vec<u8>>) -> StoredFile {
        StoredFile {
            name: name.into(),
            data: data.into(),
            mod_time: None,
        }
    }

    fn from_file(f: &File) -> StoredFile {
        StoredFile {
            name: f.name.clone(),
            data: f.data.to_vec(),
            mod_time: f.mod_time.map(time_from_system),
        }
    }

    fn to_file(&self) -> File {
        File {
            name: self.name.clone(),
            data: self.data.clone().into(),
            mod_time: self.mod_time.map(SystemTime::from),
        }
    }
}

/// The chart as stored in a release: the top-level chart only (subcharts
/// are not serialized).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoredChart {
    pub metadata: Metadata,
    pub lock: Option<Lock>,
    pub templates: Vec<StoredFile>,
    /// `None` is Go's nil map (`"values": null`).
    pub values: Option<Map>,
    pub schema: Option<Vec<u8>>,
    /// Helm 4: the schema file's mtime (written as the zero time when unset).
    pub schema_mod_time: Option<Time>,
    pub files: Vec<StoredFile>,
    /// Helm 4: Chart.yaml's mtime.
    pub mod_time: Option<Time>,
}

impl StoredChart {
    /// The chart to store for a release. Pass the chart as dependency
    /// processing left it (`values::compute(..).chart`): its values then
    /// hold the imported/merged values and its metadata only the enabled
    /// dependencies with rewritten `import-values`. Subcharts are dropped.
    pub fn from_chart(chart: &Chart) -> StoredChart {
        let values = match &chart.values {
            Value::Map(m) => {
                // Helm leaves the map nil when the chart has no values.yaml
                // and no dependency processing replaced it.
                if m.is_empty()
                    && chart.raw_values().is_none()
                    && chart.metadata.dependencies.is_empty()
                {
                    None
                } else {
                    Some(Map::clone(m))
                }
            }
            _ => None,
        };
        StoredChart {
            metadata: chart.metadata.clone(),
            lock: chart.lock.clone(),
            templates: chart.templates.iter().map(StoredFile::from_file).collect(),
            values,
            schema: chart.schema.clone(),
            schema_mod_time: chart.schema_mod_time.map(time_from_system),
            files: chart.files.iter().map(StoredFile::from_file).collect(),
            mod_time: chart.mod_time.map(time_from_system),
        }
    }

    /// The chart back (for rollback and `--reuse-values`): no subcharts,
    /// no raw files; values are an empty map when none were stored.
    pub fn to_chart(&self) -> Chart {
        Chart {
            metadata: self.metadata.clone(),
            mod_time: self.mod_time.map(SystemTime::from),
            lock: self.lock.clone(),
            templates: self.templates.iter().map(StoredFile::to_file).collect(),
            values: Value::map(self.values.clone().unwrap_or_default()),
            schema: self.schema.clone(),
            schema_mod_time: self.schema_mod_time.map(SystemTime::from),
            files: self.files.iter().map(StoredFile::to_file).collect(),
            raw: Vec::new(),
            dependencies: Vec::new(),
        }
    }

    /// `<name>-<version>` as `helm list` shows it.
    pub fn name_version(&self) -> String {
        format!("{}-{}", self.metadata.name, self.metadata.version)
    }
}

/// When a hook last ran.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HookExecution {
    pub started_at: Option<Time>,
    pub completed_at: Option<Time>,
    /// One of the `HOOK_PHASE_*` strings, empty when never run.
    pub phase: String,
}

/// A hook as stored in the release.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoredHook {
    pub name: String,
    pub kind: String,
    /// The template file the hook came from.
    pub path: String,
    /// The hook document.
    pub manifest: String,
    pub events: Vec<String>,
    pub last_run: HookExecution,
    pub weight: i64,
    pub delete_policies: Vec<String>,
    pub output_log_policies: Vec<String>,
}

impl From<&Hook> for StoredHook {
    fn from(h: &Hook) -> StoredHook {
        StoredHook {
            name: h.name.clone(),
            kind: h.kind.clone(),
            path: h.path.clone(),
            manifest: h.manifest.clone(),
            events: h.events.clone(),
            last_run: HookExecution::default(),
            weight: h.weight,
            delete_policies: h.delete_policies.clone(),
            output_log_policies: h.output_log_policies.clone(),
        }
    }
}

impl From<Hook> for StoredHook {
    fn from(h: Hook) -> StoredHook {
        StoredHook::from(&h)
    }
}

impl StoredHook {
    /// The sorting/rendering hook type back.
    pub fn to_hook(&self) -> Hook {
        Hook {
            name: self.name.clone(),
            kind: self.kind.clone(),
            path: self.path.clone(),
            manifest: self.manifest.clone(),
            events: self.events.clone(),
            weight: self.weight,
            delete_policies: self.delete_policies.clone(),
            output_log_policies: self.output_log_policies.clone(),
        }
    }
}

/// One revision of a release.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Release {
    pub name: String,
    pub info: Option<Info>,
    pub chart: Option<StoredChart>,
    /// The user-supplied values (not coalesced with chart defaults).
    pub config: Map,
    pub manifest: String,
    pub hooks: Vec<StoredHook>,
    /// The revision number, starting at 1.
    pub version: i64,
    pub namespace: String,
    /// `csa` / `ssa` (Helm 4); `None` means client-side apply.
    pub apply_method: Option<String>,
    /// Custom labels of the storage object (not part of the JSON).
    pub labels: BTreeMap<String, String>,
}

impl Release {
    /// The revision's status (`unknown` without info).
    pub fn status(&self) -> Status {
        self.info.as_ref().map_or(Status::Unknown, |i| i.status)
    }

    /// Sets status and description, creating `info` if needed.
    pub fn set_status(&mut self, status: Status, description: impl Into<String>) {
        let info = self.info.get_or_insert_with(Info::default);
        info.status = status;
        info.description = description.into();
    }

    /// The storage key of this revision (`sh.helm.release.v1.NAME.vN`).
    pub fn key(&self) -> String {
        super::storage::make_key(&self.name, self.version)
    }

    /// Whether the revision was applied server-side.
    pub fn is_server_side(&self) -> bool {
        self.apply_method.as_deref() == Some(APPLY_METHOD_SSA)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Dependency;

    #[test]
    fn status_strings_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(s.to_string().parse::<Status>().unwrap(), s);
        }
        assert_eq!(Status::PendingRollback.as_str(), "pending-rollback");
        assert!(Status::parse("Deployed").is_none());
        assert!("bogus".parse::<Status>().unwrap_err().contains("\"bogus\""));
    }

    #[test]
    fn pending_statuses() {
        let pending: Vec<_> = Status::ALL.into_iter().filter(|s| s.is_pending()).collect();
        assert_eq!(
            pending,
            [
                Status::PendingInstall,
                Status::PendingUpgrade,
                Status::PendingRollback
            ]
        );
    }

    #[test]
    fn zero_time_detection() {
        let z = DateTime::parse_from_rfc3339("0001-01-01T00:00:00Z").unwrap();
        assert!(is_zero_time(&z));
        let not = DateTime::parse_from_rfc3339("0001-01-01T00:00:00+01:00").unwrap();
        assert!(!is_zero_time(&not));
        assert!(!is_zero_time(&now()));
    }

    fn sample_chart() -> Chart {
        let mut values = Map::new();
        values.insert("replicas".into(), Value::Int(2));
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        let mut sub = Chart::default();
        sub.metadata.name = "sub".into();
        Chart {
            metadata: Metadata {
                name: "web".into(),
                version: "1.0.0".into(),
                api_version: "v2".into(),
                dependencies: vec![Some(Dependency {
                    name: "sub".into(),
                    enabled: true,
                    ..Default::default()
                })],
                ..Default::default()
            },
            mod_time: Some(t),
            lock: None,
            templates: vec![File {
                name: "templates/a.yaml".into(),
                data: b"a: 1\n".to_vec().into(),
                mod_time: Some(t),
            }],
            values: Value::map(values),
            schema: Some(b"{}".to_vec()),
            schema_mod_time: None,
            files: vec![File::new("README.md", "hi")],
            raw: vec![File::new("values.yaml", "replicas: 2\n")],
            dependencies: vec![sub],
        }
    }

    #[test]
    fn stored_chart_from_and_to_chart() {
        let c = sample_chart();
        let s = StoredChart::from_chart(&c);
        assert_eq!(s.metadata.name, "web");
        assert_eq!(s.templates.len(), 1);
        assert_eq!(
            s.templates[0].mod_time.map(|t| t.timestamp()),
            Some(1_700_000_000)
        );
        assert_eq!(
            s.values.as_ref().and_then(|v| v.get("replicas")),
            Some(&Value::Int(2))
        );
        assert_eq!(s.name_version(), "web-1.0.0");
        let back = s.to_chart();
        assert!(back.dependencies.is_empty(), "subcharts are not stored");
        assert_eq!(back.templates, c.templates);
        assert_eq!(back.files, c.files);
        assert_eq!(back.values, c.values);
        assert_eq!(back.mod_time, c.mod_time);
        assert_eq!(back.schema, c.schema);
        assert_eq!(back.metadata, c.metadata);
    }

    #[test]
    fn chart_without_values_file_stores_null_values() {
        let mut c = sample_chart();
        c.values = Value::empty_map();
        c.raw.clear();
        c.metadata.dependencies.clear();
        assert_eq!(StoredChart::from_chart(&c).values, None);
        // With a values.yaml (even an empty one) the map is kept.
        c.raw.push(File::new("values.yaml", ""));
        assert_eq!(StoredChart::from_chart(&c).values, Some(Map::new()));
        // Dependency processing always produces a map.
        c.raw.clear();
        c.metadata.dependencies.push(None);
        assert_eq!(StoredChart::from_chart(&c).values, Some(Map::new()));
    }

    #[test]
    fn hooks_convert_both_ways() {
        let h = Hook {
            name: "job".into(),
            kind: "Job".into(),
            path: "web/templates/job.yaml".into(),
            manifest: "kind: Job".into(),
            events: vec!["pre-install".into()],
            weight: -3,
            delete_policies: vec!["hook-succeeded".into()],
            output_log_policies: vec![],
        };
        let s = StoredHook::from(&h);
        assert_eq!(s.last_run, HookExecution::default());
        assert_eq!(s.weight, -3);
        assert_eq!(s.to_hook(), h);
    }

    #[test]
    fn release_helpers() {
        let mut r = Release {
            name: "web".into(),
            version: 3,
            ..Default::default()
        };
        assert_eq!(r.status(), Status::Unknown);
        r.set_status(Status::PendingUpgrade, "Preparing upgrade");
        assert_eq!(r.status(), Status::PendingUpgrade);
        assert_eq!(
            r.info.as_ref().map(|i| i.description.as_str()),
            Some("Preparing upgrade")
        );
        assert_eq!(r.key(), "sh.helm.release.v1.web.v3");
        assert!(!r.is_server_side());
        r.apply_method = Some(APPLY_METHOD_SSA.into());
        assert!(r.is_server_side());
    }
}
