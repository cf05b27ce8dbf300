//! Writing chart archives in Helm's layout (`chartutil.Save`).
//!
//! The archive is deterministic: entries appear in Helm's order, each with
//! mode 0644, uid/gid 0, empty owner names and the source file's
//! modification time (or a fixed time, see [`SaveOptions::mod_time`]); the
//! gzip header carries Helm's `Extra` and `Comment` fields and no time. So
//! packaging the same files twice gives identical bytes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use flate2::Compression;
use flate2::GzBuilder;

use super::metadata::{API_VERSION_V1, API_VERSION_V2};
use super::{Chart, ChartError};
use crate::values::yaml;

/// The gzip `Extra` field Helm writes into every chart archive.
pub const HELM_GZIP_EXTRA: &[u8] = b"rr\x28\x00aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=";

#[derive(Clone, Debug, Default)]
pub struct SaveOptions {
    /// When set, every entry gets this modification time (as
    /// `SOURCE_DATE_EPOCH` does for other build tools).
    pub mod_time: Option<SystemTime>,
}

/// Validates a chart name for use as an archive directory.
fn validate_name(name: &str) -> Result<(), ChartError> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && name != "."
        && name != "..";
    if ok {
        Ok(())
    } else {
        Err(ChartError::Other(format!(
            "\"{name}\" is not a valid chart name"
        )))
    }
}

/// Writes `NAME-VERSION.tgz` into `out_dir` (created if missing) and
/// returns its path. The file is written under a temporary name and
/// renamed into place, so a failure leaves no partial archive behind.
pub fn save(chart: &Chart, out_dir: &Path, opts: &SaveOptions) -> Result<PathBuf, ChartError> {
    let bytes = archive_bytes(chart, opts)?;
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(ChartError::Other(format!(
            "is not a directory: {}",
            out_dir.display()
        )));
    }
    fs::create_dir_all(out_dir).map_err(|e| ChartError::io(out_dir, e))?;
    let filename = out_dir.join(format!("{}-{}.tgz", chart.name(), chart.metadata.version));
    let tmp = out_dir.join(format!(
        ".{}-{}.tgz.tmp-{}",
        chart.name(),
        chart.metadata.version,
        std::process::id()
    ));
    let write = || -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, &filename)
    };
    if let Err(e) = write() {
        let _ = fs::remove_file(&tmp);
        return Err(ChartError::io(&filename, e));
    }
    Ok(filename)
}

/// The archive bytes for a chart.
pub fn archive_bytes(chart: &Chart, opts: &SaveOptions) -> Result<Vec<u8>, ChartError> {
    chart.metadata.clone().validate().map_err(|e| match e {
        ChartError::Validation(m) => {
            ChartError::Other(format!("chart validation: validation: {m}"))
        }
        other => other,
    })?;
    let gz = GzBuilder::new()
        .extra(HELM_GZIP_EXTRA)
        .comment("Helm")
        .operating_system(255)
        .mtime(0)
        .write(Vec::new(), Compression::default());
    let mut tw = tar::Builder::new(gz);
    tw.mode(tar::HeaderMode::Deterministic);
    let now = SystemTime::now();
    write_contents(&mut tw, chart, "", opts, now)?;
    let gz = tw
        .into_inner()
        .map_err(|e| ChartError::Other(format!("writing archive: {e}")))?;
    gz.finish()
        .map_err(|e| ChartError::Other(format!("writing archive: {e}")))
}

type TarOut = tar::Builder<flate2::write::GzEncoder<Vec<u8>>>;

fn write_contents(
    out: &mut TarOut,
    c: &Chart,
    prefix: &str,
    opts: &SaveOptions,
    now: SystemTime,
) -> Result<(), ChartError> {
    validate_name(c.name())?;
    let base = if prefix.is_empty() {
        c.name().to_string()
    } else {
        format!("{prefix}/{}", c.name())
    };
    let time = |t: Option<SystemTime>| opts.mod_time.or(t).unwrap_or(now);

    let v1 = c.metadata.api_version == API_VERSION_V1;
    let chart_yaml = yaml::to_yaml(&c.metadata.to_value(!v1));
    write_entry(
        out,
        &format!("{base}/Chart.yaml"),
        chart_yaml.as_bytes(),
        time(c.mod_time),
    )?;

    if let (API_VERSION_V2, Some(lock)) = (c.metadata.api_version.as_str(), &c.lock) {
        let data = yaml::to_yaml(&lock.to_value());
        let t = lock
            .generated_time()
            .map(|t| system_time_from_unix(t.timestamp(), t.timestamp_subsec_nanos()));
        write_entry(out, &format!("{base}/Chart.lock"), data.as_bytes(), time(t))?;
    }
    for f in c.raw.iter().filter(|f| f.name == "values.yaml") {
        write_entry(
            out,
            &format!("{base}/values.yaml"),
            &f.data,
            time(f.mod_time),
        )?;
    }
    if let Some(schema) = &c.schema {
        if serde_json::from_slice::<serde_json::Value>(schema).is_err() {
            return Err(ChartError::Other(format!(
                "invalid JSON in values.schema.json of chart {}",
                c.name()
            )));
        }
        write_entry(
            out,
            &format!("{base}/values.schema.json"),
            schema,
            time(c.schema_mod_time),
        )?;
    }
    for f in c.templates.iter().chain(c.files.iter()) {
        write_entry(
            out,
            &format!("{base}/{}", f.name),
            &f.data,
            time(f.mod_time),
        )?;
    }
    for dep in &c.dependencies {
        write_contents(out, dep, &format!("{base}/charts"), opts, now)?;
    }
    Ok(())
}

fn system_time_from_unix(secs: i64, nanos: u32) -> SystemTime {
    if secs >= 0 {
        UNIX_EPOCH + std::time::Duration::new(secs as u64, nanos)
    } else {
        UNIX_EPOCH - std::time::Duration::new(secs.unsigned_abs(), 0)
    }
}

fn write_entry(
    out: &mut TarOut,
    name: &str,
    data: &[u8],
    mtime: SystemTime,
) -> Result<(), ChartError> {
    let secs = mtime
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut h = tar::Header::new_ustar();
    h.set_mode(0o644);
    h.set_size(data.len() as u64);
    h.set_mtime(secs);
    h.set_uid(0);
    h.set_gid(0);
    h.set_entry_type(tar::EntryType::Regular);
    out.append_data(&mut h, name, data)
        .map_err(|e| ChartError::Other(format!("writing {name} to archive: {e}")))
}
