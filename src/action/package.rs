//! `capstan package`: chart directory → `NAME-VERSION.tgz`.

use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use crate::chart::save::{self, SaveOptions};
use crate::chart::{self, ChartError};
use crate::constraint::Version;

#[derive(Clone, Debug, Default)]
pub struct PackageOptions {
    /// Overrides the chart's version (must be SemVer).
    pub version: Option<String>,
    /// Overrides the chart's appVersion.
    pub app_version: Option<String>,
    /// Destination folder (default: current directory).
    pub destination: Option<PathBuf>,
    /// Fixed modification time for every entry, for reproducible archives
    /// independent of file times (`SOURCE_DATE_EPOCH` sets it from the CLI).
    pub source_date_epoch: Option<u64>,
}

/// Packages the chart directory `path`; returns the archive's path.
pub fn run(path: &Path, opts: &PackageOptions) -> Result<PathBuf, ChartError> {
    let meta = std::fs::metadata(path).map_err(|e| ChartError::io(path, e))?;
    if !meta.is_dir() {
        return Err(ChartError::Other(format!(
            "{} is not a chart directory: package expects the chart's folder",
            path.display()
        )));
    }
    let mut ch = chart::load_dir(path)?;
    if let Some(v) = &opts.version {
        ch.metadata.version = v.clone();
    }
    if Version::parse_loose(&ch.metadata.version).is_err() {
        return Err(ChartError::Other(format!(
            "invalid semantic version {:?}: give --version a SemVer 2 version such as 1.2.3",
            ch.metadata.version
        )));
    }
    if let Some(v) = &opts.app_version {
        ch.metadata.app_version = v.clone();
    }
    check_dependencies(&ch)?;
    let dest = opts
        .destination
        .clone()
        .unwrap_or_else(|| PathBuf::from("."));
    let save_opts = SaveOptions {
        mod_time: opts
            .source_date_epoch
            .map(|s| UNIX_EPOCH + Duration::from_secs(s)),
    };
    save::save(&ch, &dest, &save_opts)
}

/// Every dependency listed in the metadata must be present in `charts/`
/// (Helm's `CheckDependencies`).
pub fn check_dependencies(ch: &chart::Chart) -> Result<(), ChartError> {
    let missing: Vec<&str> = ch
        .metadata
        .deps()
        .filter(|d| !ch.dependencies.iter().any(|c| c.name() == d.name))
        .map(|d| d.name.as_str())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ChartError::Other(format!(
            "found in Chart.yaml, but missing in charts/ directory: {}; run `capstan dependency build` first",
            missing.join(", ")
        )))
    }
}

/// Reads `SOURCE_DATE_EPOCH` (seconds) if set and valid.
pub fn source_date_epoch_from_env() -> Option<u64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}
