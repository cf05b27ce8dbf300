//! Safe reading of chart archives (`.tgz`), with the rules of Helm 4's
//! `pkg/chart/loader/archive` (`EnsureArchive` + `LoadArchiveFiles`), and a
//! safe expansion to disk for `pull --untar` (Helm's `chartutil.Expand`).
//!
//! Reading never touches the file system. The tar stream is parsed by a
//! small reader of our own that follows Go's `archive/tar` (the parser Helm
//! uses) so that capstan sees exactly the entries Helm sees: GNU long names,
//! PAX records (the last record of a key wins, empty values are ignored),
//! USTAR prefixes, base-256 numbers, signed checksums, header-only entry
//! types whose size field is ignored, the end-of-archive rules (a missing
//! trailer or a truncated final padding is accepted, a zero block followed
//! by a non-zero one is not), and a 1 MiB cap on each extension record.
//!
//! Per entry, as Helm:
//! * directories (type `5`, or a mode with the directory bits) and PAX global
//!   headers are skipped;
//! * the first path component is stripped, whatever its name; if the name
//!   contains a `\` it is split on `\` only and the separators become `/`;
//! * the rest must not be absolute, must not clean (Go `path.Clean`) to
//!   `.` or to something starting with `..`, must not start with a drive
//!   letter (`C:/`), and the stripped component must not be `Chart.yaml`;
//! * sizes: the header size must fit in what is left of the total budget
//!   (100 MiB) and under the per-file limit (5 MiB) *before* anything is
//!   read, and the total must stay strictly below the budget afterwards;
//! * symbolic links, hard links, devices and FIFOs become regular files with
//!   no data (their link target is never looked at), as in Helm;
//! * a leading UTF-8 BOM is stripped from the contents.
//!
//! Decisions where Helm says nothing or where capstan is stricter:
//! * **Duplicate entries** are all returned, in archive order, exactly as
//!   Helm returns them; it is up to the chart assembly to let later entries
//!   win (Helm: a later `Chart.yaml`/`values.yaml` replaces an earlier one,
//!   templates and other files are appended and name-keyed views such as
//!   `.Files` see the last one). [`duplicate_names`] lists them for a
//!   warning, and [`expand_files`] writes them in order, so the last one
//!   wins on disk.
//! * [`expand_files`] refuses to merge into an existing chart directory
//!   (Helm's `Expand` would overwrite file by file; its `pull --untar`
//!   refuses an existing destination before calling it).
//! * Tar headers, padding, extension records and the data of skipped
//!   entries count against [`Limits::max_metadata_size`] (128 MiB), which
//!   Helm does not have: it bounds the work a stream of empty entries can
//!   cause. File data is bounded by Helm's own limits.
//! * Sparse files (never produced by chart tooling) are rejected; Helm
//!   would expand their holes.
//! * Entry names that are not UTF-8 are converted lossily (U+FFFD); Helm
//!   keeps the raw bytes.
//! * The gzip layer is flate2's: a header with reserved flag bits is
//!   rejected (Go ignores those bits) and corrupt deflate data is reported
//!   without Go's byte offset.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, BufReader, Cursor, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Helm's `MaxDecompressedChartSize`: the budget for all file data (100 MiB).
pub const MAX_TOTAL_SIZE: u64 = 100 * 1024 * 1024;
/// Helm's `MaxDecompressedFileSize`: the largest single file (5 MiB).
pub const MAX_FILE_SIZE: u64 = 5 * 1024 * 1024;
/// capstan's cap on tar metadata (headers, padding, extension records, data
/// of skipped entries) in one archive.
pub const MAX_METADATA_SIZE: u64 = 128 * 1024 * 1024;

/// The name used in messages by [`expand_archive`], which has no file name.
const STREAM_NAME: &str = "<stream>";

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Size limits applied while reading an archive. [`Limits::default`] gives
/// Helm's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Budget for the decompressed data of all files (Helm:
    /// `MaxDecompressedChartSize`). The archive is refused when the data
    /// reaches it.
    pub max_total_size: u64,
    /// Largest decompressed file (Helm: `MaxDecompressedFileSize`).
    pub max_file_size: u64,
    /// Largest amount of tar metadata (headers, padding, extension records,
    /// data of skipped entries). Not in Helm.
    pub max_metadata_size: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_total_size: MAX_TOTAL_SIZE,
            max_file_size: MAX_FILE_SIZE,
            max_metadata_size: MAX_METADATA_SIZE,
        }
    }
}

/// A file read from an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BufferedFile {
    /// Path relative to the chart root, `/`-separated, cleaned.
    pub name: String,
    /// Contents, without a leading UTF-8 BOM.
    pub data: Vec<u8>,
    /// Modification time from the tar header (PAX `mtime` if present).
    pub mod_time: Option<SystemTime>,
}

/// Why an archive could not be read or expanded. Messages start with Helm's
/// wording where Helm has one, then name the archive and the entry.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// Reading the input itself failed.
    #[error("file '{archive}' cannot be read: {source}")]
    Read {
        archive: String,
        #[source]
        source: io::Error,
    },
    /// The input does not start with the gzip magic.
    #[error("file '{archive}' does not appear to be a gzipped archive; got '{detected}'")]
    NotGzip { archive: String, detected: String },
    /// Same, for a name ending in `.yaml`/`.yml`.
    #[error("file '{archive}' seems to be a YAML file, but expected a gzipped archive")]
    YamlFile { archive: String },
    /// A gzip member header is invalid.
    #[error(
        "file '{archive}' does not appear to be a valid chart file (details: gzip: invalid header)"
    )]
    InvalidGzipHeader { archive: String },
    /// Truncated or malformed gzip/tar data. `detail` is Go's message
    /// (`unexpected EOF`, `archive/tar: invalid tar header`, ...).
    #[error(
        "{detail} (archive '{archive}'{}): the archive is truncated or corrupt; \
         download or package the chart again",
        after_entry(.entry)
    )]
    Corrupt {
        archive: String,
        /// The last entry seen before the problem, if any.
        entry: Option<String>,
        detail: String,
    },
    #[error("chart illegally contains absolute paths (archive '{archive}', entry {})", quote(.entry))]
    AbsolutePath { archive: String, entry: String },
    #[error(
        "chart illegally contains content outside the base directory: {} (archive '{archive}'; \
         every file must be inside the chart's top-level directory)",
        quote(.entry)
    )]
    OutsideBaseDirectory { archive: String, entry: String },
    #[error(
        "chart illegally references parent directory (archive '{archive}', entry {})",
        quote(.entry)
    )]
    ParentDirectory { archive: String, entry: String },
    /// A name that would start with a Windows drive (`C:/...`).
    #[error("chart contains illegally named files (archive '{archive}', entry {})", quote(.entry))]
    IllegalName { archive: String, entry: String },
    #[error(
        "chart yaml not in base directory (archive '{archive}', entry {}; Chart.yaml must be \
         inside the chart's top-level directory)",
        quote(.entry)
    )]
    ChartYamlNotInBase { archive: String, entry: String },
    #[error(
        "decompressed chart is larger than the maximum size {limit} (archive '{archive}', entry \
         {}); leave large files out of the chart (.helmignore) and package it again",
        quote(.entry)
    )]
    ChartTooLarge {
        archive: String,
        entry: String,
        limit: u64,
    },
    #[error(
        "decompressed chart file {} is larger than the maximum file size {limit} (archive \
         '{archive}'); leave large files out of the chart (.helmignore) and package it again",
        quote(.entry)
    )]
    FileTooLarge {
        archive: String,
        entry: String,
        limit: u64,
    },
    #[error(
        "tar metadata is larger than the maximum size {limit} (archive '{archive}'{}): too many \
         entries or extension headers; the archive is broken or malicious",
        after_entry(.entry)
    )]
    MetadataTooLarge {
        archive: String,
        entry: Option<String>,
        limit: u64,
    },
    #[error(
        "chart archives must not contain sparse files (archive '{archive}', entry {}); \
         package the chart again with regular files",
        quote(.entry)
    )]
    SparseFile { archive: String, entry: String },
    #[error("no files in chart archive (archive '{archive}')")]
    NoFiles { archive: String },
    #[error("chart name not specified (archive '{archive}': Chart.yaml is missing or has no name)")]
    NoChartName { archive: String },
    #[error("cannot load Chart.yaml: {detail} (archive '{archive}')")]
    ChartYaml { archive: String, detail: String },
    #[error("chart name {} {reason}", quote(.name))]
    InvalidChartName { name: String, reason: &'static str },
    /// [`expand_files`] got a name that is not a plain relative path.
    #[error("refusing to write {}: not a relative path inside the chart", quote(.name))]
    UnsafeFileName { name: String },
    #[error(
        "failed to untar: a file or directory with the name {} already exists; remove it or \
         choose another destination",
        .path.display()
    )]
    DestinationExists { path: PathBuf },
    #[error("failed to untar into {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn after_entry(entry: &Option<String>) -> String {
    match entry {
        Some(e) => format!(", near entry {}", quote(e)),
        None => String::new(),
    }
}

fn quote(s: &str) -> String {
    go_quote(s.as_bytes())
}

/// Reads all files of a gzipped chart archive into memory, applying Helm's
/// checks (see the module documentation). `source_name` names the archive
/// in messages (Helm uses the path as given by the user).
pub fn load_archive_files(
    reader: impl Read,
    source_name: &str,
    limits: &Limits,
) -> Result<Vec<BufferedFile>, ArchiveError> {
    let archive = source_name.to_string();
    let mut reader = reader;
    let prefix = ensure_gzip(&mut reader, source_name)?;
    let gz =
        flate2::bufread::MultiGzDecoder::new(BufReader::new(Cursor::new(prefix).chain(reader)));
    let mut tar = TarReader::new(gz, limits.max_metadata_size);

    let max_total = i64::try_from(limits.max_total_size).unwrap_or(i64::MAX);
    let max_file = i64::try_from(limits.max_file_size).unwrap_or(i64::MAX);
    let mut remaining = max_total;
    let mut files = Vec::new();
    let mut last_entry: Option<String> = None;
    loop {
        let hdr = match tar.next() {
            Ok(Some(h)) => h,
            Ok(None) => break,
            Err(e) => return Err(tar_error(e, &archive, last_entry)),
        };
        let raw_name = String::from_utf8_lossy(&hdr.name).into_owned();
        last_entry = Some(raw_name.clone());
        if hdr.is_dir() || hdr.typeflag == TYPE_PAX_GLOBAL || hdr.typeflag == TYPE_PAX_LOCAL {
            continue;
        }
        let name = chart_relative_name(&hdr.name).map_err(|kind| {
            let entry = raw_name.clone();
            let archive = archive.clone();
            match kind {
                NameError::Absolute => ArchiveError::AbsolutePath { archive, entry },
                NameError::Outside => ArchiveError::OutsideBaseDirectory { archive, entry },
                NameError::Parent => ArchiveError::ParentDirectory { archive, entry },
                NameError::Drive => ArchiveError::IllegalName { archive, entry },
                NameError::ChartYamlAtRoot => ArchiveError::ChartYamlNotInBase { archive, entry },
            }
        })?;
        let too_large = || ArchiveError::ChartTooLarge {
            archive: archive.clone(),
            entry: raw_name.clone(),
            limit: limits.max_total_size,
        };
        if hdr.size > remaining {
            return Err(too_large());
        }
        if hdr.size > max_file {
            return Err(ArchiveError::FileTooLarge {
                archive: archive.clone(),
                entry: raw_name.clone(),
                limit: limits.max_file_size,
            });
        }
        let mut data = tar
            .read_data()
            .map_err(|e| tar_error(e, &archive, last_entry.clone()))?;
        let read = i64::try_from(data.len()).unwrap_or(i64::MAX);
        remaining = remaining.saturating_sub(read);
        // Header-only entries (links, devices) carry no data: a non-zero size
        // on them trips this check, as in Helm.
        if read < hdr.size || remaining <= 0 {
            return Err(too_large());
        }
        if data.starts_with(UTF8_BOM) {
            data.drain(..UTF8_BOM.len());
        }
        files.push(BufferedFile {
            name: String::from_utf8_lossy(&name).into_owned(),
            data,
            mod_time: hdr.mod_time,
        });
    }
    if files.is_empty() {
        return Err(ArchiveError::NoFiles { archive });
    }
    Ok(files)
}

/// Names that occur more than once in `files` (each listed once, in order
/// of first appearance), for a warning: later entries override earlier
/// ones.
pub fn duplicate_names(files: &[BufferedFile]) -> Vec<&str> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut dups = Vec::new();
    for f in files {
        let n = seen.entry(f.name.as_str()).or_insert(0);
        *n += 1;
        if *n == 2 {
            dups.push(f.name.as_str());
        }
    }
    dups
}

/// Expands a chart archive into `dest_dir/<chart name>/` (for `pull
/// --untar`). See [`expand_archive_with`].
pub fn expand_archive(reader: impl Read, dest_dir: &Path) -> Result<(), ArchiveError> {
    expand_archive_with(reader, STREAM_NAME, dest_dir, &Limits::default()).map(|_| ())
}

/// Reads the archive with [`load_archive_files`] (all checks apply), takes
/// the chart name from `Chart.yaml` (the last one, as Helm) and writes the
/// files with [`expand_files`]. Returns the chart directory.
///
/// The name is read with a small scanner that understands a top-level
/// block-style `name:` with a plain or quoted value (what every packaged
/// chart has); anything fancier is refused with an error. Callers that
/// have parsed the metadata already should call [`expand_files`].
pub fn expand_archive_with(
    reader: impl Read,
    source_name: &str,
    dest_dir: &Path,
    limits: &Limits,
) -> Result<PathBuf, ArchiveError> {
    let files = load_archive_files(reader, source_name, limits)?;
    let chart_yaml = files.iter().rev().find(|f| f.name == "Chart.yaml");
    let name = match chart_yaml {
        Some(f) => chart_yaml_name(&f.data).map_err(|detail| ArchiveError::ChartYaml {
            archive: source_name.to_string(),
            detail,
        })?,
        None => None,
    };
    match name {
        Some(n) if !n.is_empty() => expand_files(&files, &n, dest_dir),
        _ => Err(ArchiveError::NoChartName {
            archive: source_name.to_string(),
        }),
    }
}

/// Writes `files` under `dest_dir/<chart_name>/`, all or nothing.
///
/// * `chart_name` must be a single path element (not `.`/`..`), as Helm
///   requires.
/// * `dest_dir` is created if missing. `dest_dir/<chart_name>` must not
///   exist, or be an empty directory (which is replaced); a file, a
///   symbolic link or a non-empty directory there is an error (Helm's
///   `pull --untar` refuses an existing destination too).
/// * Everything is written into a fresh hidden directory inside `dest_dir`
///   that is renamed into place at the end, so a failure leaves nothing
///   behind, and nothing is ever written through a pre-existing link.
/// * Each name must be a plain relative path (no `..`, no root, no drive);
///   later duplicates overwrite earlier ones. Files get mode 0644 and
///   directories 0755 (before umask), as in Helm.
pub fn expand_files(
    files: &[BufferedFile],
    chart_name: &str,
    dest_dir: &Path,
) -> Result<PathBuf, ArchiveError> {
    check_chart_name(chart_name)?;
    let write_err = |path: &Path, source: io::Error| ArchiveError::Write {
        path: path.to_path_buf(),
        source,
    };
    // Validate every name before touching the disk.
    let mut relative = Vec::with_capacity(files.len());
    for f in files {
        relative.push(safe_relative_path(&f.name)?);
    }
    let created_dest = fs::symlink_metadata(dest_dir).is_err();
    fs::create_dir_all(dest_dir).map_err(|e| write_err(dest_dir, e))?;
    let result = write_chart_dir(files, &relative, chart_name, dest_dir);
    if result.is_err() && created_dest {
        // Leave no trace: remove the destination we created (if still empty).
        let _ = fs::remove_dir(dest_dir);
    }
    result
}

fn write_chart_dir(
    files: &[BufferedFile],
    relative: &[PathBuf],
    chart_name: &str,
    dest_dir: &Path,
) -> Result<PathBuf, ArchiveError> {
    let write_err = |path: &Path, source: io::Error| ArchiveError::Write {
        path: path.to_path_buf(),
        source,
    };
    let target = dest_dir.join(chart_name);
    let replace_empty_dir = match fs::symlink_metadata(&target) {
        Ok(meta) if meta.is_dir() && dir_is_empty(&target) => true,
        Ok(_) => return Err(ArchiveError::DestinationExists { path: target }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(write_err(&target, e)),
    };
    let staging = StagingDir::create(dest_dir, chart_name)?;
    for (f, rel) in files.iter().zip(relative) {
        let out = staging.path.join(rel);
        if let Some(parent) = out.parent() {
            make_dirs(parent).map_err(|e| write_err(parent, e))?;
        }
        match fs::symlink_metadata(&out) {
            // A duplicate entry: the last one wins, as in Helm.
            Ok(meta) if !meta.is_dir() => fs::remove_file(&out).map_err(|e| write_err(&out, e))?,
            _ => {}
        }
        write_new_file(&out, &f.data).map_err(|e| write_err(&out, e))?;
    }
    if replace_empty_dir {
        fs::remove_dir(&target).map_err(|_| ArchiveError::DestinationExists {
            path: target.clone(),
        })?;
    }
    fs::rename(&staging.path, &target).map_err(|e| {
        if replace_empty_dir {
            // Put back the empty directory we removed.
            let _ = fs::create_dir(&target);
        }
        match e.kind() {
            io::ErrorKind::AlreadyExists | io::ErrorKind::DirectoryNotEmpty => {
                ArchiveError::DestinationExists {
                    path: target.clone(),
                }
            }
            _ => write_err(&target, e),
        }
    })?;
    staging.keep();
    Ok(target)
}

fn check_chart_name(name: &str) -> Result<(), ArchiveError> {
    let invalid = |reason| ArchiveError::InvalidChartName {
        name: name.to_string(),
        reason,
    };
    if name.is_empty() {
        return Err(invalid("is empty"));
    }
    if name == "." || name == ".." {
        return Err(invalid("is not allowed"));
    }
    let mut components = Path::new(name).components();
    let single =
        matches!(components.next(), Some(Component::Normal(_))) && components.next().is_none();
    if name.contains(['/', '\\', '\0']) || !single {
        return Err(invalid("must not contain path separators"));
    }
    Ok(())
}

/// Turns a `/`-separated chart file name into a relative path made only of
/// normal components.
fn safe_relative_path(name: &str) -> Result<PathBuf, ArchiveError> {
    let unsafe_name = || ArchiveError::UnsafeFileName {
        name: name.to_string(),
    };
    let mut out = PathBuf::new();
    for part in name.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains(['\\', '\0']) {
            return Err(unsafe_name());
        }
        let mut components = Path::new(part).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(c)), None) => out.push(c),
            _ => return Err(unsafe_name()),
        }
    }
    if out.as_os_str().is_empty() {
        return Err(unsafe_name());
    }
    Ok(out)
}

fn dir_is_empty(path: &Path) -> bool {
    fs::read_dir(path).is_ok_and(|mut d| d.next().is_none())
}

fn make_dirs(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o755);
    }
    builder.create(path)
}

fn write_new_file(path: &Path, data: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o644);
    }
    let mut file = options.open(path)?;
    file.write_all(data)?;
    file.flush()
}

/// A hidden directory next to the final chart directory; removed (with
/// its contents) on drop unless it was renamed into place.
struct StagingDir {
    path: PathBuf,
    keep: bool,
}

impl StagingDir {
    fn create(parent: &Path, chart_name: &str) -> Result<StagingDir, ArchiveError> {
        let pid = std::process::id();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut last_err = None;
        for attempt in 0..100u32 {
            let path = parent.join(format!(".{chart_name}.untar-{pid}-{nanos}-{attempt}"));
            let mut builder = fs::DirBuilder::new();
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o755);
            }
            match builder.create(&path) {
                Ok(()) => return Ok(StagingDir { path, keep: false }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_err = Some(e),
                Err(e) => return Err(ArchiveError::Write { path, source: e }),
            }
        }
        Err(ArchiveError::Write {
            path: parent.to_path_buf(),
            source: last_err
                .unwrap_or_else(|| io::Error::other("cannot create a staging directory")),
        })
    }

    fn keep(mut self) {
        self.keep = true;
    }
}

impl Drop for StagingDir {
    fn drop(&mut self) {
        if !self.keep {
            // Does not follow symbolic links; best effort.
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

// ---------------------------------------------------------------------------
// Chart.yaml name (minimal scanner for expand_archive)

/// The top-level `name` of a Chart.yaml: `Ok(None)` when there is none (or
/// it is null), `Err` when the document is too fancy for this scanner.
fn chart_yaml_name(data: &[u8]) -> Result<Option<String>, String> {
    let text =
        std::str::from_utf8(data).map_err(|_| "Chart.yaml is not valid UTF-8".to_string())?;
    let unsupported = |what: &str| {
        format!(
            "cannot read the chart name: {what} is not supported here; use a block mapping with `name: <value>`"
        )
    };
    let mut name = None;
    let mut seen_content = false;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let content = line.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if line.starts_with("---") || line.starts_with("...") {
            if seen_content {
                // Only the first YAML document counts.
                break;
            }
            continue;
        }
        if !seen_content && (content.starts_with('{') || content.starts_with('[')) {
            return Err(unsupported("a flow-style document"));
        }
        seen_content = true;
        let rest = ["name", "\"name\"", "'name'"]
            .iter()
            .find_map(|key| line.strip_prefix(key))
            .map(|r| r.trim_start_matches([' ', '\t']));
        let Some(value) = rest.and_then(|r| r.strip_prefix(':')) else {
            continue;
        };
        if !(value.is_empty() || value.starts_with([' ', '\t'])) {
            continue;
        }
        let value = value.trim();
        let parsed = if let Some(body) = value.strip_prefix('"') {
            Some(double_quoted(body).ok_or_else(|| unsupported("this double-quoted name"))?)
        } else if let Some(body) = value.strip_prefix('\'') {
            Some(single_quoted(body).ok_or_else(|| unsupported("this single-quoted name"))?)
        } else if value.is_empty() || value.starts_with('#') {
            // `name:` alone: null, unless the value continues on indented lines.
            if lines
                .peek()
                .is_some_and(|next| next.starts_with([' ', '\t']) && !next.trim().is_empty())
            {
                return Err(unsupported("a multi-line name"));
            }
            None
        } else if value.starts_with(['[', '{', '&', '*', '!', '|', '>', '%', '@', '`']) {
            return Err(unsupported("this kind of YAML value"));
        } else {
            let plain = match value.find(" #").or_else(|| value.find("\t#")) {
                Some(i) => value[..i].trim_end(),
                None => value,
            };
            if plain == "~" || plain == "null" || plain == "Null" || plain == "NULL" {
                None
            } else {
                Some(plain.to_string())
            }
        };
        name = parsed;
    }
    Ok(name)
}

/// Body of a double-quoted scalar after the opening quote; only the simple
/// escapes are understood.
fn double_quoted(body: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let tail = chars.as_str().trim();
                return (tail.is_empty() || tail.starts_with('#')).then_some(out);
            }
            '\\' => match chars.next()? {
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '/' => out.push('/'),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    None
}

fn single_quoted(body: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = body;
    loop {
        let i = rest.find('\'')?;
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\'') {
            out.push('\'');
            rest = r;
            continue;
        }
        let tail = rest.trim();
        return (tail.is_empty() || tail.starts_with('#')).then_some(out);
    }
}

// ---------------------------------------------------------------------------
// gzip detection (Helm's EnsureArchive)

/// Reads the first 512 bytes and checks for the gzip magic, returning the
/// bytes read so they can be put back in front of the stream.
fn ensure_gzip(reader: &mut impl Read, name: &str) -> Result<Vec<u8>, ArchiveError> {
    let mut buf = vec![0u8; 512];
    let mut n = 0;
    while n < buf.len() {
        match reader.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(source) => {
                return Err(ArchiveError::Read {
                    archive: name.to_string(),
                    source,
                });
            }
        }
    }
    if !buf.starts_with(b"\x1f\x8b\x08") {
        // Helm sniffs the whole 512-byte buffer, zero padding included.
        if name.ends_with(".yml") || name.ends_with(".yaml") {
            return Err(ArchiveError::YamlFile {
                archive: name.to_string(),
            });
        }
        return Err(ArchiveError::NotGzip {
            archive: name.to_string(),
            detected: detect_content_type(&buf).to_string(),
        });
    }
    buf.truncate(n);
    Ok(buf)
}

enum Sniff {
    /// Case-insensitive HTML tag after leading whitespace, followed by a
    /// space or `>`.
    Html(&'static [u8]),
    /// Masked comparison; optionally after leading whitespace.
    Masked {
        mask: &'static [u8],
        pattern: &'static [u8],
        skip_ws: bool,
        mime: &'static str,
    },
    Prefix(&'static [u8], &'static str),
    Mp4,
    Text,
}

const SNIFFERS: &[Sniff] = &[
    Sniff::Html(b"<!DOCTYPE HTML"),
    Sniff::Html(b"<HTML"),
    Sniff::Html(b"<HEAD"),
    Sniff::Html(b"<SCRIPT"),
    Sniff::Html(b"<IFRAME"),
    Sniff::Html(b"<H1"),
    Sniff::Html(b"<DIV"),
    Sniff::Html(b"<FONT"),
    Sniff::Html(b"<TABLE"),
    Sniff::Html(b"<A"),
    Sniff::Html(b"<STYLE"),
    Sniff::Html(b"<TITLE"),
    Sniff::Html(b"<B"),
    Sniff::Html(b"<BODY"),
    Sniff::Html(b"<BR"),
    Sniff::Html(b"<P"),
    Sniff::Html(b"<!--"),
    Sniff::Masked {
        mask: b"\xFF\xFF\xFF\xFF\xFF",
        pattern: b"<?xml",
        skip_ws: true,
        mime: "text/xml; charset=utf-8",
    },
    Sniff::Prefix(b"%PDF-", "application/pdf"),
    Sniff::Prefix(b"%!PS-Adobe-", "application/postscript"),
    Sniff::Masked {
        mask: b"\xFF\xFF\x00\x00",
        pattern: b"\xFE\xFF\x00\x00",
        skip_ws: false,
        mime: "text/plain; charset=utf-16be",
    },
    Sniff::Masked {
        mask: b"\xFF\xFF\x00\x00",
        pattern: b"\xFF\xFE\x00\x00",
        skip_ws: false,
        mime: "text/plain; charset=utf-16le",
    },
    Sniff::Masked {
        mask: b"\xFF\xFF\xFF\x00",
        pattern: b"\xEF\xBB\xBF\x00",
        skip_ws: false,
        mime: "text/plain; charset=utf-8",
    },
    Sniff::Prefix(b"\x00\x00\x01\x00", "image/x-icon"),
    Sniff::Prefix(b"\x00\x00\x02\x00", "image/x-icon"),
    Sniff::Prefix(b"BM", "image/bmp"),
    Sniff::Prefix(b"GIF87a", "image/gif"),
    Sniff::Prefix(b"GIF89a", "image/gif"),
    Sniff::Masked {
        mask: b"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF\xFF\xFF",
        pattern: b"RIFF\x00\x00\x00\x00WEBPVP",
        skip_ws: false,
        mime: "image/webp",
    },
    Sniff::Prefix(b"\x89PNG\x0D\x0A\x1A\x0A", "image/png"),
    Sniff::Prefix(b"\xFF\xD8\xFF", "image/jpeg"),
    Sniff::Masked {
        mask: b"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF",
        pattern: b"FORM\x00\x00\x00\x00AIFF",
        skip_ws: false,
        mime: "audio/aiff",
    },
    Sniff::Masked {
        mask: b"\xFF\xFF\xFF",
        pattern: b"ID3",
        skip_ws: false,
        mime: "audio/mpeg",
    },
    Sniff::Masked {
        mask: b"\xFF\xFF\xFF\xFF\xFF",
        pattern: b"OggS\x00",
        skip_ws: false,
        mime: "application/ogg",
    },
    Sniff::Masked {
        mask: b"\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF",
        pattern: b"MThd\x00\x00\x00\x06",
        skip_ws: false,
        mime: "audio/midi",
    },
    Sniff::Masked {
        mask: b"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF",
        pattern: b"RIFF\x00\x00\x00\x00AVI ",
        skip_ws: false,
        mime: "video/avi",
    },
    Sniff::Masked {
        mask: b"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF",
        pattern: b"RIFF\x00\x00\x00\x00WAVE",
        skip_ws: false,
        mime: "audio/wave",
    },
    Sniff::Mp4,
    Sniff::Prefix(b"\x1A\x45\xDF\xA3", "video/webm"),
    Sniff::Masked {
        mask: &EOT_MASK,
        pattern: &EOT_PATTERN,
        skip_ws: false,
        mime: "application/vnd.ms-fontobject",
    },
    Sniff::Prefix(b"\x00\x01\x00\x00", "font/ttf"),
    Sniff::Prefix(b"OTTO", "font/otf"),
    Sniff::Prefix(b"ttcf", "font/collection"),
    Sniff::Prefix(b"wOFF", "font/woff"),
    Sniff::Prefix(b"wOF2", "font/woff2"),
    Sniff::Prefix(b"\x1F\x8B\x08", "application/x-gzip"),
    Sniff::Prefix(b"PK\x03\x04", "application/zip"),
    Sniff::Prefix(b"Rar!\x1A\x07\x00", "application/x-rar-compressed"),
    Sniff::Prefix(b"Rar!\x1A\x07\x01\x00", "application/x-rar-compressed"),
    Sniff::Prefix(b"\x00\x61\x73\x6D", "application/wasm"),
    Sniff::Text,
];

/// Embedded OpenType: 34 ignored bytes, then "LP".
const EOT_MASK: [u8; 36] = eot_table(0xFF, 0xFF);
const EOT_PATTERN: [u8; 36] = eot_table(b'L', b'P');

const fn eot_table(a: u8, b: u8) -> [u8; 36] {
    let mut t = [0u8; 36];
    t[34] = a;
    t[35] = b;
    t
}

/// The MIME type Go's `http.DetectContentType` reports for `data` (which
/// Helm uses in its "does not appear to be a gzipped archive" message).
fn detect_content_type(data: &[u8]) -> &'static str {
    let data = &data[..data.len().min(512)];
    let is_ws = |b: u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let first_non_ws = data.iter().position(|&b| !is_ws(b)).unwrap_or(data.len());
    for sniffer in SNIFFERS {
        let found = match sniffer {
            Sniff::Html(tag) => {
                let d = &data[first_non_ws..];
                d.len() > tag.len()
                    && tag.iter().zip(d).all(|(&t, &b)| {
                        let b = if t.is_ascii_uppercase() { b & 0xDF } else { b };
                        t == b
                    })
                    && matches!(d[tag.len()], b' ' | b'>')
            }
            Sniff::Masked {
                mask,
                pattern,
                skip_ws,
                ..
            } => {
                let d = if *skip_ws {
                    &data[first_non_ws..]
                } else {
                    data
                };
                d.len() >= pattern.len()
                    && pattern
                        .iter()
                        .zip(mask.iter())
                        .zip(d)
                        .all(|((&p, &m), &b)| b & m == p)
            }
            Sniff::Prefix(sig, _) => data.starts_with(sig),
            Sniff::Mp4 => is_mp4(data),
            Sniff::Text => !data[first_non_ws..]
                .iter()
                .any(|&b| matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F)),
        };
        if found {
            return match sniffer {
                Sniff::Html(_) => "text/html; charset=utf-8",
                Sniff::Masked { mime, .. } | Sniff::Prefix(_, mime) => mime,
                Sniff::Mp4 => "video/mp4",
                Sniff::Text => "text/plain; charset=utf-8",
            };
        }
    }
    "application/octet-stream"
}

fn is_mp4(data: &[u8]) -> bool {
    if data.len() < 12 {
        return false;
    }
    let box_size = u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as usize;
    if data.len() < box_size || box_size & 3 != 0 || &data[4..8] != b"ftyp" {
        return false;
    }
    (8..box_size)
        .step_by(4)
        .filter(|&st| st != 12)
        .any(|st| data.get(st..st + 3) == Some(b"mp4".as_slice()))
}

// ---------------------------------------------------------------------------
// Entry names

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameError {
    Absolute,
    Outside,
    Parent,
    Drive,
    ChartYamlAtRoot,
}

/// Helm's name handling: strip the first component, normalise `\`, clean,
/// and refuse anything that could leave the chart directory.
fn chart_relative_name(raw: &[u8]) -> Result<Vec<u8>, NameError> {
    // Names written on Windows may use `\`; then only `\` separates.
    let delimiter = if raw.contains(&b'\\') { b'\\' } else { b'/' };
    let (first, rest) = match raw.iter().position(|&b| b == delimiter) {
        Some(i) => (&raw[..i], &raw[i + 1..]),
        None => (raw, &[][..]),
    };
    let joined: Vec<u8> = rest
        .iter()
        .map(|&b| if b == delimiter { b'/' } else { b })
        .collect();
    if joined.first() == Some(&b'/') {
        return Err(NameError::Absolute);
    }
    let cleaned = go_path_clean(&joined);
    if cleaned == b"." {
        return Err(NameError::Outside);
    }
    if cleaned.starts_with(b"..") {
        return Err(NameError::Parent);
    }
    if cleaned.len() >= 3 && cleaned[0].is_ascii_alphabetic() && &cleaned[1..3] == b":/" {
        return Err(NameError::Drive);
    }
    if first == b"Chart.yaml" {
        return Err(NameError::ChartYamlAtRoot);
    }
    Ok(cleaned)
}

/// Go's `path.Clean` (purely lexical, `/` only).
fn go_path_clean(path: &[u8]) -> Vec<u8> {
    if path.is_empty() {
        return b".".to_vec();
    }
    let rooted = path[0] == b'/';
    let mut parts: Vec<&[u8]> = Vec::new();
    for part in path.split(|&b| b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => {
                if parts.last().is_some_and(|p| *p != b"..") {
                    parts.pop();
                } else if !rooted {
                    parts.push(part);
                }
            }
            _ => parts.push(part),
        }
    }
    let mut out = Vec::with_capacity(path.len());
    if rooted {
        out.push(b'/');
    }
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        out.extend_from_slice(part);
    }
    if out.is_empty() {
        out.push(b'.');
    }
    out
}

/// Go's `strconv.Quote` for a byte string (approximating Go's notion of a
/// printable character with Rust's character properties).
fn go_quote(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    let mut rest = bytes;
    while !rest.is_empty() {
        let (c, len) = match decode_char(rest) {
            Some((c, len)) => (c, len),
            None => {
                out.push_str(&format!("\\x{:02x}", rest[0]));
                rest = &rest[1..];
                continue;
            }
        };
        rest = &rest[len..];
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn decode_char(b: &[u8]) -> Option<(char, usize)> {
    let len = match b[0] {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let s = std::str::from_utf8(b.get(..len)?).ok()?;
    s.chars().next().map(|c| (c, len))
}

fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'))
}

// ---------------------------------------------------------------------------
// tar reader (Go archive/tar semantics)

const BLOCK: usize = 512;
/// Go's `maxSpecialFileSize`: cap on PAX records and GNU long names.
const MAX_SPECIAL_FILE_SIZE: u64 = 1 << 20;

const TYPE_REG_A: u8 = b'\0';
const TYPE_REG: u8 = b'0';
const TYPE_DIR: u8 = b'5';
const TYPE_PAX_LOCAL: u8 = b'x';
const TYPE_PAX_GLOBAL: u8 = b'g';
const TYPE_GNU_LONG_NAME: u8 = b'L';
const TYPE_GNU_LONG_LINK: u8 = b'K';
const TYPE_GNU_SPARSE: u8 = b'S';

/// Entry types that have no data section, whatever their size field says.
fn is_header_only(typeflag: u8) -> bool {
    matches!(typeflag, b'1' | b'2' | b'3' | b'4' | b'5' | b'6')
}

#[derive(Debug)]
enum TarError {
    /// From the decompressor.
    Io(io::Error),
    /// `archive/tar: invalid tar header`
    Header,
    /// `archive/tar: header field too long`
    FieldTooLong,
    /// The tar stream ended inside a header or data.
    UnexpectedEof,
    MetadataLimit(u64),
    Sparse(Vec<u8>),
}

fn tar_error(err: TarError, archive: &str, entry: Option<String>) -> ArchiveError {
    let corrupt = |detail: &str| ArchiveError::Corrupt {
        archive: archive.to_string(),
        entry: entry.clone(),
        detail: detail.to_string(),
    };
    match err {
        TarError::Header => corrupt("archive/tar: invalid tar header"),
        TarError::FieldTooLong => corrupt("archive/tar: header field too long"),
        TarError::UnexpectedEof => corrupt("unexpected EOF"),
        TarError::MetadataLimit(limit) => ArchiveError::MetadataTooLarge {
            archive: archive.to_string(),
            entry,
            limit,
        },
        TarError::Sparse(name) => ArchiveError::SparseFile {
            archive: archive.to_string(),
            entry: String::from_utf8_lossy(&name).into_owned(),
        },
        TarError::Io(e) => {
            let msg = e.to_string();
            if e.kind() == io::ErrorKind::UnexpectedEof {
                corrupt("unexpected EOF")
            } else if msg.contains("invalid gzip header") {
                ArchiveError::InvalidGzipHeader {
                    archive: archive.to_string(),
                }
            } else if msg.contains("matching checksum") || msg.contains("matching size") {
                corrupt("gzip: invalid checksum")
            } else if msg.contains("corrupt deflate stream") {
                corrupt("flate: corrupt input")
            } else {
                corrupt(&msg)
            }
        }
    }
}

/// One entry as Go's `tar.Reader.Next` returns it (only the fields Helm
/// looks at).
#[derive(Debug, Clone)]
struct TarHeader {
    name: Vec<u8>,
    typeflag: u8,
    mode: i64,
    size: i64,
    mod_time: Option<SystemTime>,
}

impl TarHeader {
    /// Go's `FileInfo().IsDir()`.
    fn is_dir(&self) -> bool {
        self.typeflag == TYPE_DIR || (self.mode as u32) & !0o7777 == 0o040000
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    V7,
    Ustar,
    Gnu,
    Star,
}

/// Header fields before extension records are applied.
struct RawHeader {
    name: Vec<u8>,
    typeflag: u8,
    mode: i64,
    size: i64,
    mtime: i64,
    format: Format,
}

type PaxRecords = BTreeMap<Vec<u8>, Vec<u8>>;

struct TarReader<R> {
    inner: R,
    /// Unread data bytes of the current entry.
    remaining: u64,
    /// Padding after the current entry's data.
    pad: u64,
    metadata: u64,
    metadata_limit: u64,
}

impl<R: Read> TarReader<R> {
    fn new(inner: R, metadata_limit: u64) -> Self {
        TarReader {
            inner,
            remaining: 0,
            pad: 0,
            metadata: 0,
            metadata_limit,
        }
    }

    /// Reads until `buf` is full or the stream ends; returns the count.
    fn read_full(&mut self, buf: &mut [u8]) -> Result<usize, TarError> {
        let mut n = 0;
        while n < buf.len() {
            match self.inner.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(TarError::Io(e)),
            }
        }
        Ok(n)
    }

    fn count_metadata(&mut self, n: usize) -> Result<(), TarError> {
        self.metadata = self.metadata.saturating_add(n as u64);
        if self.metadata > self.metadata_limit {
            return Err(TarError::MetadataLimit(self.metadata_limit));
        }
        Ok(())
    }

    /// Discards the rest of the current entry. Returns false when the
    /// stream ended inside the padding, which Go treats as a normal end.
    fn skip_rest(&mut self) -> Result<bool, TarError> {
        let mut buf = [0u8; 8192];
        while self.remaining > 0 {
            let want = usize::try_from(self.remaining).map_or(buf.len(), |r| r.min(buf.len()));
            let n = self.read_full(&mut buf[..want])?;
            self.count_metadata(n)?;
            if n < want {
                return Err(TarError::UnexpectedEof);
            }
            self.remaining -= n as u64;
        }
        let pad = usize::try_from(self.pad).unwrap_or(BLOCK);
        self.pad = 0;
        let n = self.read_full(&mut buf[..pad])?;
        self.count_metadata(n)?;
        Ok(n == pad)
    }

    /// The data of the current entry (all of it).
    fn read_data(&mut self) -> Result<Vec<u8>, TarError> {
        let len = self.remaining;
        let mut data = Vec::with_capacity(usize::try_from(len.min(1 << 20)).unwrap_or(0));
        (&mut self.inner)
            .take(len)
            .read_to_end(&mut data)
            .map_err(TarError::Io)?;
        self.remaining -= data.len() as u64;
        if (data.len() as u64) < len {
            return Err(TarError::UnexpectedEof);
        }
        Ok(data)
    }

    /// A PAX record block or GNU long name (at most 1 MiB).
    fn read_special(&mut self) -> Result<Vec<u8>, TarError> {
        let len = self.remaining.min(MAX_SPECIAL_FILE_SIZE + 1);
        let mut data = Vec::new();
        (&mut self.inner)
            .take(len)
            .read_to_end(&mut data)
            .map_err(TarError::Io)?;
        self.count_metadata(data.len())?;
        self.remaining -= data.len() as u64;
        if (data.len() as u64) < len {
            return Err(TarError::UnexpectedEof);
        }
        if data.len() as u64 > MAX_SPECIAL_FILE_SIZE {
            return Err(TarError::FieldTooLong);
        }
        Ok(data)
    }

    /// Sets up the data section of an entry (Go's `handleRegularFile`).
    fn start_data(&mut self, typeflag: u8, size: i64) -> Result<(), TarError> {
        let nb = if is_header_only(typeflag) { 0 } else { size };
        let nb = u64::try_from(nb).map_err(|_| TarError::Header)?;
        self.remaining = nb;
        self.pad = (BLOCK as u64 - nb % BLOCK as u64) % BLOCK as u64;
        Ok(())
    }

    /// Reads one header block. `None` at a clean end of the archive.
    fn read_block(&mut self) -> Result<Option<[u8; BLOCK]>, TarError> {
        let mut blk = [0u8; BLOCK];
        let n = self.read_full(&mut blk)?;
        self.count_metadata(n)?;
        if n == 0 {
            return Ok(None);
        }
        if n < BLOCK {
            return Err(TarError::UnexpectedEof);
        }
        if blk.iter().all(|&b| b == 0) {
            let n = self.read_full(&mut blk)?;
            self.count_metadata(n)?;
            if n == 0 {
                return Ok(None);
            }
            if n < BLOCK {
                return Err(TarError::UnexpectedEof);
            }
            if blk.iter().all(|&b| b == 0) {
                return Ok(None);
            }
            return Err(TarError::Header);
        }
        Ok(Some(blk))
    }

    /// The next entry, with extension headers applied (Go's `Reader.Next`).
    fn next(&mut self) -> Result<Option<TarHeader>, TarError> {
        let mut pax: Option<PaxRecords> = None;
        let mut long_name: Vec<u8> = Vec::new();
        loop {
            if !self.skip_rest()? {
                return Ok(None);
            }
            let Some(blk) = self.read_block()? else {
                return Ok(None);
            };
            let mut hdr = parse_header(&blk)?;
            self.start_data(hdr.typeflag, hdr.size)?;
            match hdr.typeflag {
                TYPE_PAX_LOCAL | TYPE_PAX_GLOBAL => {
                    let records = parse_pax(&self.read_special()?)?;
                    if hdr.typeflag == TYPE_PAX_GLOBAL {
                        // Returned to the caller, which skips it.
                        return Ok(Some(TarHeader {
                            name: hdr.name,
                            typeflag: TYPE_PAX_GLOBAL,
                            mode: 0,
                            size: 0,
                            mod_time: None,
                        }));
                    }
                    pax = Some(records);
                }
                TYPE_GNU_LONG_NAME => long_name = until_nul(&self.read_special()?).to_vec(),
                TYPE_GNU_LONG_LINK => {
                    // Link targets are never used.
                    self.read_special()?;
                }
                _ => {
                    let mut mtime_nanos = i128::from(hdr.mtime) * 1_000_000_000;
                    if let Some(records) = &pax {
                        merge_pax(&mut hdr, &mut mtime_nanos, records)?;
                    }
                    if !long_name.is_empty() {
                        hdr.name = long_name;
                    }
                    if hdr.typeflag == TYPE_REG_A {
                        hdr.typeflag = if hdr.name.ends_with(b"/") {
                            TYPE_DIR
                        } else {
                            TYPE_REG
                        };
                    }
                    self.start_data(hdr.typeflag, hdr.size)?;
                    if hdr.typeflag == TYPE_GNU_SPARSE {
                        if hdr.format != Format::Gnu {
                            return Err(TarError::Header);
                        }
                        return Err(TarError::Sparse(hdr.name));
                    }
                    if pax.as_ref().is_some_and(is_pax_sparse) {
                        return Err(TarError::Sparse(hdr.name));
                    }
                    return Ok(Some(TarHeader {
                        name: hdr.name,
                        typeflag: hdr.typeflag,
                        mode: hdr.mode,
                        size: hdr.size,
                        mod_time: system_time(mtime_nanos),
                    }));
                }
            }
        }
    }
}

fn system_time(nanos: i128) -> Option<SystemTime> {
    let abs = nanos.unsigned_abs();
    let secs = u64::try_from(abs / 1_000_000_000).ok()?;
    let sub = (abs % 1_000_000_000) as u32;
    let d = Duration::new(secs, sub);
    if nanos >= 0 {
        UNIX_EPOCH.checked_add(d)
    } else {
        UNIX_EPOCH.checked_sub(d)
    }
}

fn until_nul(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(i) => &b[..i],
        None => b,
    }
}

/// Numeric field parser that remembers whether any field was malformed.
#[derive(Default)]
struct FieldParser {
    failed: bool,
}

impl FieldParser {
    /// Base-256 (high bit set) or octal.
    fn numeric(&mut self, b: &[u8]) -> i64 {
        if let Some(&first) = b.first()
            && first & 0x80 != 0
        {
            let inv: u8 = if first & 0x40 != 0 { 0xFF } else { 0 };
            let mut x: u64 = 0;
            for (i, &c) in b.iter().enumerate() {
                let mut c = c ^ inv;
                if i == 0 {
                    c &= 0x7F;
                }
                if x >> 56 > 0 {
                    self.failed = true;
                    return 0;
                }
                x = (x << 8) | u64::from(c);
            }
            if x >> 63 > 0 {
                self.failed = true;
                return 0;
            }
            let v = x as i64;
            return if inv == 0xFF { !v } else { v };
        }
        self.octal(b)
    }

    fn octal(&mut self, b: &[u8]) -> i64 {
        let is_pad = |c: &u8| *c == b' ' || *c == 0;
        let start = b.iter().position(|c| !is_pad(c)).unwrap_or(b.len());
        let end = b.iter().rposition(|c| !is_pad(c)).map_or(start, |i| i + 1);
        let trimmed = &b[start..end];
        if trimmed.is_empty() {
            return 0;
        }
        let digits = until_nul(trimmed);
        let mut x: u64 = 0;
        if digits.is_empty() {
            self.failed = true;
            return 0;
        }
        for &d in digits {
            if !(b'0'..=b'7').contains(&d) {
                self.failed = true;
                return 0;
            }
            match x
                .checked_mul(8)
                .and_then(|v| v.checked_add(u64::from(d - b'0')))
            {
                Some(v) => x = v,
                None => {
                    self.failed = true;
                    return 0;
                }
            }
        }
        x as i64
    }
}

fn compute_checksums(blk: &[u8; BLOCK]) -> (i64, i64) {
    let mut unsigned = 0i64;
    let mut signed = 0i64;
    for (i, &c) in blk.iter().enumerate() {
        let c = if (148..156).contains(&i) { b' ' } else { c };
        unsigned += i64::from(c);
        signed += i64::from(c as i8);
    }
    (unsigned, signed)
}

fn parse_header(blk: &[u8; BLOCK]) -> Result<RawHeader, TarError> {
    let mut p = FieldParser::default();
    let recorded = p.octal(&blk[148..156]);
    let (unsigned, signed) = compute_checksums(blk);
    if p.failed || (recorded != unsigned && recorded != signed) {
        return Err(TarError::Header);
    }
    let magic = &blk[257..263];
    let version = &blk[263..265];
    let format = if magic == b"ustar\0" && &blk[508..512] == b"tar\0" {
        Format::Star
    } else if magic == b"ustar\0" {
        Format::Ustar
    } else if magic == b"ustar " && version == b" \0" {
        Format::Gnu
    } else {
        Format::V7
    };

    let mut name = until_nul(&blk[0..100]).to_vec();
    let typeflag = blk[156];
    let size = p.numeric(&blk[124..136]);
    let mode = p.numeric(&blk[100..108]);
    p.numeric(&blk[108..116]); // uid
    p.numeric(&blk[116..124]); // gid
    let mtime = p.numeric(&blk[136..148]);
    if format != Format::V7 {
        p.numeric(&blk[329..337]); // devmajor
        p.numeric(&blk[337..345]); // devminor
        let prefix: &[u8] = match format {
            Format::Ustar => until_nul(&blk[345..500]),
            Format::Star => {
                p.numeric(&blk[476..488]); // atime
                p.numeric(&blk[488..500]); // ctime
                until_nul(&blk[345..476])
            }
            _ => {
                // GNU has access/change times where USTAR has its prefix; a
                // header whose times do not parse is read as USTAR (Go).
                let mut times = FieldParser::default();
                if blk[345] != 0 {
                    times.numeric(&blk[345..357]);
                }
                if blk[357] != 0 {
                    times.numeric(&blk[357..369]);
                }
                let prefix = until_nul(&blk[345..500]);
                if times.failed && prefix.is_ascii() {
                    prefix
                } else {
                    &[]
                }
            }
        };
        if !prefix.is_empty() {
            let mut full = prefix.to_vec();
            full.push(b'/');
            full.extend_from_slice(&name);
            name = full;
        }
    }
    if p.failed {
        return Err(TarError::Header);
    }
    Ok(RawHeader {
        name,
        typeflag,
        mode,
        size,
        mtime,
        format,
    })
}

const PAX_SPARSE_OFFSET: &[u8] = b"GNU.sparse.offset";
const PAX_SPARSE_NUMBYTES: &[u8] = b"GNU.sparse.numbytes";
const PAX_SPARSE_MAP: &[u8] = b"GNU.sparse.map";

/// Parses PAX records (`"%d %s=%s\n"`), the last record of a key winning.
fn parse_pax(buf: &[u8]) -> Result<PaxRecords, TarError> {
    let mut records = PaxRecords::new();
    let mut sparse_map: Vec<&[u8]> = Vec::new();
    let mut s = buf;
    while !s.is_empty() {
        let sp = s.iter().position(|&b| b == b' ').ok_or(TarError::Header)?;
        let n = go_parse_int(&s[..sp]).ok_or(TarError::Header)?;
        if n < 5 || n > s.len() as i64 {
            return Err(TarError::Header);
        }
        let n = usize::try_from(n - (sp as i64 + 1)).map_err(|_| TarError::Header)?;
        if n == 0 {
            return Err(TarError::Header);
        }
        let rest = &s[sp + 1..];
        let (record, newline) = (&rest[..n - 1], rest[n - 1]);
        if newline != b'\n' {
            return Err(TarError::Header);
        }
        s = &rest[n..];
        let eq = record
            .iter()
            .position(|&b| b == b'=')
            .ok_or(TarError::Header)?;
        let (key, value) = (&record[..eq], &record[eq + 1..]);
        let nul_in = |b: &[u8]| b.contains(&0);
        let valid = !key.is_empty()
            && match key {
                b"path" | b"linkpath" | b"uname" | b"gname" => !nul_in(value),
                _ => !nul_in(key),
            };
        if !valid {
            return Err(TarError::Header);
        }
        if key == PAX_SPARSE_OFFSET || key == PAX_SPARSE_NUMBYTES {
            let expected = if sparse_map.len() & 1 == 0 {
                PAX_SPARSE_OFFSET
            } else {
                PAX_SPARSE_NUMBYTES
            };
            if key != expected || value.contains(&b',') {
                return Err(TarError::Header);
            }
            sparse_map.push(value);
        } else {
            records.insert(key.to_vec(), value.to_vec());
        }
    }
    if !sparse_map.is_empty() {
        records.insert(PAX_SPARSE_MAP.to_vec(), sparse_map.join(&b','));
    }
    Ok(records)
}

/// Applies PAX records to a header (Go's `mergePAX`): empty values keep the
/// header's value; malformed numbers are invalid headers.
fn merge_pax(
    hdr: &mut RawHeader,
    mtime_nanos: &mut i128,
    records: &PaxRecords,
) -> Result<(), TarError> {
    for (key, value) in records {
        if value.is_empty() {
            continue;
        }
        match key.as_slice() {
            b"path" => hdr.name = value.clone(),
            b"size" => hdr.size = go_parse_int(value).ok_or(TarError::Header)?,
            b"uid" | b"gid" => {
                go_parse_int(value).ok_or(TarError::Header)?;
            }
            b"mtime" => *mtime_nanos = parse_pax_time(value).ok_or(TarError::Header)?,
            b"atime" | b"ctime" => {
                parse_pax_time(value).ok_or(TarError::Header)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether the PAX records describe a GNU sparse file (Go's
/// `readGNUSparsePAXHeaders` detection).
fn is_pax_sparse(records: &PaxRecords) -> bool {
    let get = |k: &[u8]| records.get(k).map_or(&b""[..], |v| v.as_slice());
    let (major, minor) = (get(b"GNU.sparse.major"), get(b"GNU.sparse.minor"));
    if (major == b"0" && (minor == b"0" || minor == b"1")) || (major == b"1" && minor == b"0") {
        return true;
    }
    if !major.is_empty() || !minor.is_empty() {
        return false;
    }
    !get(PAX_SPARSE_MAP).is_empty()
}

/// Go's `strconv.ParseInt(s, 10, 64)`.
fn go_parse_int(s: &[u8]) -> Option<i64> {
    let (negative, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: i128 = 0;
    for &d in digits {
        v = v * 10 + i128::from(d - b'0');
        if v > i128::from(i64::MAX) + 1 {
            return None;
        }
    }
    let v = if negative { -v } else { v };
    i64::try_from(v).ok()
}

/// Go's `parsePAXTime`, as nanoseconds since the epoch.
fn parse_pax_time(s: &[u8]) -> Option<i128> {
    let (secs, frac) = match s.iter().position(|&b| b == b'.') {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, &b""[..]),
    };
    let secs = i128::from(go_parse_int(secs)?);
    if !frac.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut nanos: i128 = 0;
    for i in 0..9 {
        nanos = nanos * 10 + frac.get(i).map_or(0, |d| i128::from(d - b'0'));
    }
    let negative = s.first() == Some(&b'-');
    Some(secs * 1_000_000_000 + if negative { -nanos } else { nanos })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    const CHART_YAML: &[u8] = b"apiVersion: v2\nname: mychart\nversion: 0.1.0\n";

    fn gz(raw: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(raw).expect("compress");
        e.finish().expect("compress")
    }

    /// A USTAR header with `name` written byte for byte (the tar crate's
    /// `set_path` refuses `..` and absolute names, so bypass it).
    fn header(name: &[u8], typeflag: u8, size: u64) -> tar::Header {
        let mut h = tar::Header::new_ustar();
        h.as_old_mut().name = [0; 100];
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        h.set_size(size);
        h.set_mode(0o644);
        h.set_mtime(1_700_000_000);
        h.set_entry_type(tar::EntryType::new(typeflag));
        h.set_cksum();
        h
    }

    fn pad(mut v: Vec<u8>) -> Vec<u8> {
        v.resize(v.len().div_ceil(BLOCK) * BLOCK, 0);
        v
    }

    fn raw_entry(h: &tar::Header, data: &[u8]) -> Vec<u8> {
        let mut v = h.as_bytes().to_vec();
        v.extend_from_slice(&pad(data.to_vec()));
        v
    }

    /// A regular file entry with a raw name.
    fn file(name: &[u8], data: &[u8]) -> Vec<u8> {
        raw_entry(&header(name, b'0', data.len() as u64), data)
    }

    /// A PAX extended header holding `records`.
    fn pax(typeflag: u8, records: &[(&str, &str)]) -> Vec<u8> {
        let mut body = Vec::new();
        for (k, v) in records {
            let rec = format!(" {k}={v}\n");
            let mut n = rec.len() + 1;
            while n.to_string().len() + rec.len() != n {
                n += 1;
            }
            body.extend_from_slice(format!("{n}{rec}").as_bytes());
        }
        raw_entry(&header(b"PaxHeaders/x", typeflag, body.len() as u64), &body)
    }

    fn end() -> Vec<u8> {
        vec![0; 2 * BLOCK]
    }

    fn tgz(parts: &[Vec<u8>]) -> Vec<u8> {
        gz(&parts.concat())
    }

    /// A well-formed archive built with the tar crate.
    fn built(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (path, data) in entries {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_mtime(1_600_000_000);
            b.append_data(&mut h, path, *data).expect("append");
        }
        gz(&b.into_inner().expect("finish"))
    }

    fn load(bytes: &[u8]) -> Result<Vec<BufferedFile>, ArchiveError> {
        load_archive_files(bytes, "test.tgz", &Limits::default())
    }

    fn load_ok(bytes: &[u8]) -> Vec<BufferedFile> {
        match load(bytes) {
            Ok(f) => f,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }

    fn load_err(bytes: &[u8]) -> ArchiveError {
        match load(bytes) {
            Ok(f) => panic!("expected an error, got {:?}", names(&f)),
            Err(e) => e,
        }
    }

    fn names(files: &[BufferedFile]) -> Vec<&str> {
        files.iter().map(|f| f.name.as_str()).collect()
    }

    fn chart_with(extra: Vec<u8>) -> Vec<u8> {
        tgz(&[file(b"mychart/Chart.yaml", CHART_YAML), extra, end()])
    }

    #[test]
    fn loads_a_plain_chart() {
        let files = load_ok(&built(&[
            ("mychart/Chart.yaml", CHART_YAML),
            ("mychart/values.yaml", b"a: 1\n"),
            ("mychart/templates/deploy.yaml", b"kind: Deployment\n"),
        ]));
        assert_eq!(
            names(&files),
            ["Chart.yaml", "values.yaml", "templates/deploy.yaml"]
        );
        assert_eq!(files[0].data, CHART_YAML);
        assert_eq!(
            files[0].mod_time,
            Some(UNIX_EPOCH + Duration::from_secs(1_600_000_000))
        );
    }

    #[test]
    fn first_component_is_stripped_whatever_it_is() {
        // Helm does not compare the top directory with the chart name, and
        // a leading `..` or `/` is just that first component.
        let files = load_ok(&tgz(&[
            file(b"other/Chart.yaml", CHART_YAML),
            file(b"../etc/passwd", b"x"),
            file(b"/abs/x", b"y"),
            file(b"./nested/Chart.yaml", b"z"),
            file(b"C:/x", b"w"),
            end(),
        ]));
        assert_eq!(
            names(&files),
            [
                "Chart.yaml",
                "etc/passwd",
                "abs/x",
                "nested/Chart.yaml",
                "x"
            ]
        );
    }

    #[test]
    fn parent_directory_references_are_refused() {
        for name in [
            &b"mychart/../../etc/passwd"[..],
            b"mychart/a/../../x",
            b"mychart/..",
            b"mychart/..x",
            b"mychart\\..\\..\\x",
        ] {
            match load_err(&chart_with(file(name, b"x"))) {
                ArchiveError::ParentDirectory { archive, entry } => {
                    assert_eq!(archive, "test.tgz");
                    assert_eq!(entry.as_bytes(), name);
                }
                e => panic!("{}: {e}", String::from_utf8_lossy(name)),
            }
        }
        let e = load_err(&chart_with(file(b"mychart/../../etc/passwd", b"x")));
        assert_eq!(
            e.to_string(),
            "chart illegally references parent directory (archive 'test.tgz', entry \
             \"mychart/../../etc/passwd\")"
        );
        // Going down and up again inside the chart is fine.
        let files = load_ok(&chart_with(file(b"mychart/a/../b.txt", b"x")));
        assert_eq!(names(&files), ["Chart.yaml", "b.txt"]);
    }

    #[test]
    fn absolute_paths_are_refused() {
        let e = load_err(&chart_with(file(b"mychart//etc/passwd", b"x")));
        assert!(matches!(e, ArchiveError::AbsolutePath { .. }), "{e}");
        assert!(
            e.to_string()
                .starts_with("chart illegally contains absolute paths (archive 'test.tgz', entry \"mychart//etc/passwd\")")
        );
        let e = load_err(&chart_with(file(b"mychart\\\\x", b"x")));
        assert!(matches!(e, ArchiveError::AbsolutePath { .. }), "{e}");
    }

    #[test]
    fn windows_drive_names_are_refused() {
        for name in [
            &b"mychart/C:/x"[..],
            b"mychart\\c:\\windows\\x",
            b"mychart/./Z:/x",
        ] {
            let e = load_err(&chart_with(file(name, b"x")));
            assert!(matches!(e, ArchiveError::IllegalName { .. }), "{e}");
            assert!(
                e.to_string()
                    .starts_with("chart contains illegally named files")
            );
        }
        // A colon elsewhere is an ordinary character.
        let files = load_ok(&chart_with(file(b"mychart/a:b/C:x", b"x")));
        assert_eq!(names(&files)[1], "a:b/C:x");
    }

    #[test]
    fn content_outside_the_base_directory_is_refused() {
        for name in [
            &b"Chart.yaml"[..],
            b"mychart",
            b"mychart/",
            b"mychart/.",
            b"",
        ] {
            let e = load_err(&tgz(&[file(name, CHART_YAML), end()]));
            match &e {
                ArchiveError::OutsideBaseDirectory { entry, .. } => {
                    assert_eq!(entry.as_bytes(), name)
                }
                e => panic!("{}: {e}", String::from_utf8_lossy(name)),
            }
        }
        let e = load_err(&tgz(&[file(b"Chart.yaml", CHART_YAML), end()]));
        assert!(e.to_string().starts_with(
            "chart illegally contains content outside the base directory: \"Chart.yaml\""
        ));
    }

    #[test]
    fn chart_yaml_as_top_directory_is_refused() {
        let e = load_err(&tgz(&[file(b"Chart.yaml/values.yaml", b"a: 1\n"), end()]));
        assert!(matches!(e, ArchiveError::ChartYamlNotInBase { .. }), "{e}");
        assert!(
            e.to_string()
                .starts_with("chart yaml not in base directory")
        );
    }

    #[test]
    fn archives_without_files_are_refused() {
        // Only a top directory.
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(tar::EntryType::Directory);
        h.set_size(0);
        h.set_mode(0o755);
        b.append_data(&mut h, "mychart/", &b""[..]).expect("append");
        let only_dir = gz(&b.into_inner().expect("finish"));
        for bytes in [only_dir, tgz(&[end()]), gz(b"")] {
            let e = load_err(&bytes);
            assert!(matches!(e, ArchiveError::NoFiles { .. }), "{e}");
            assert_eq!(
                e.to_string(),
                "no files in chart archive (archive 'test.tgz')"
            );
        }
    }

    /// A tar stream produced on demand: `count` files of `size` zero bytes
    /// (or directories), so huge archives never exist in memory.
    struct Generator {
        count: u64,
        size: u64,
        typeflag: u8,
        next: u64,
        pending: Vec<u8>,
        zeros_left: u64,
        produced: Rc<Cell<u64>>,
    }

    impl Generator {
        fn new(count: u64, size: u64, typeflag: u8) -> (Generator, Rc<Cell<u64>>) {
            let produced = Rc::new(Cell::new(0));
            let g = Generator {
                count,
                size,
                typeflag,
                next: 0,
                pending: Vec::new(),
                zeros_left: 0,
                produced: produced.clone(),
            };
            (g, produced)
        }
    }

    impl Read for Generator {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.pending.is_empty() && self.zeros_left == 0 {
                if self.next < self.count {
                    let name = format!("bomb/f{}", self.next);
                    let size = if self.typeflag == b'0' { self.size } else { 0 };
                    self.pending = header(name.as_bytes(), self.typeflag, size)
                        .as_bytes()
                        .to_vec();
                    self.zeros_left = size.div_ceil(512) * 512;
                } else if self.next == self.count {
                    self.pending = end();
                } else {
                    return Ok(0);
                }
                self.next += 1;
            }
            let n = if !self.pending.is_empty() {
                let n = buf.len().min(self.pending.len());
                buf[..n].copy_from_slice(&self.pending[..n]);
                self.pending.drain(..n);
                n
            } else {
                let n = buf
                    .len()
                    .min(usize::try_from(self.zeros_left).unwrap_or(usize::MAX));
                buf[..n].fill(0);
                self.zeros_left -= n as u64;
                n
            };
            self.produced.set(self.produced.get() + n as u64);
            Ok(n)
        }
    }

    /// Gzips the generated stream on the fly. With `Compression::none()`
    /// the encoder reads ahead very little, so the bytes the generator
    /// produced tell how far the loader read.
    fn streamed(g: Generator, level: flate2::Compression) -> impl Read {
        flate2::read::GzEncoder::new(g, level)
    }

    #[test]
    fn gzip_bomb_single_huge_entry_is_refused_before_inflating() {
        // 200 MiB of zeros in one entry, compressed on the fly (about
        // 200 KiB of gzip).
        let (g, produced) = Generator::new(1, 200 * 1024 * 1024, b'0');
        let gz = streamed(g, flate2::Compression::fast());
        let e = load_archive_files(gz, "bomb.tgz", &Limits::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "decompressed chart is larger than the maximum size 104857600 (archive 'bomb.tgz', \
             entry \"bomb/f0\"); leave large files out of the chart (.helmignore) and package it again"
        );
        // The encoder reads ahead a few MiB of zeros to fill its first
        // output buffer; far from the 200 MiB.
        assert!(
            produced.get() < 16 * 1024 * 1024,
            "generated {} bytes",
            produced.get()
        );
        // Uncompressed framing shows the loader reads only the first blocks.
        let (g, produced) = Generator::new(1, 200 * 1024 * 1024, b'0');
        let gz = streamed(g, flate2::Compression::none());
        let e = load_archive_files(gz, "bomb.tgz", &Limits::default()).unwrap_err();
        assert!(matches!(e, ArchiveError::ChartTooLarge { .. }), "{e}");
        assert!(produced.get() < 256 * 1024, "read {} bytes", produced.get());
    }

    #[test]
    fn gzip_bomb_of_many_files_stops_at_the_budget() {
        // Endless 256 KiB files against a 1 MiB budget: reading stops as
        // soon as the budget is used up.
        let limits = Limits {
            max_total_size: 1024 * 1024,
            max_file_size: 512 * 1024,
            ..Limits::default()
        };
        let (g, produced) = Generator::new(u64::MAX - 1, 256 * 1024, b'0');
        let gz = streamed(g, flate2::Compression::none());
        let e = load_archive_files(gz, "bomb.tgz", &limits).unwrap_err();
        match &e {
            ArchiveError::ChartTooLarge { entry, limit, .. } => {
                assert_eq!(entry, "bomb/f3");
                assert_eq!(*limit, 1024 * 1024);
            }
            e => panic!("{e}"),
        }
        assert!(
            produced.get() < 1024 * 1024 + 256 * 1024,
            "read {} bytes",
            produced.get()
        );
    }

    #[test]
    fn header_bomb_hits_the_metadata_limit() {
        // Endless directory entries carry no data; the metadata cap stops them.
        let limits = Limits {
            max_metadata_size: 1024 * 1024,
            ..Limits::default()
        };
        let (g, produced) = Generator::new(u64::MAX - 1, 0, b'5');
        let gz = streamed(g, flate2::Compression::none());
        let e = load_archive_files(gz, "dirs.tgz", &limits).unwrap_err();
        assert!(matches!(e, ArchiveError::MetadataTooLarge { .. }), "{e}");
        assert!(
            produced.get() < 1024 * 1024 + 256 * 1024,
            "read {} bytes",
            produced.get()
        );
    }

    #[test]
    fn total_size_limit_boundaries() {
        let limits = Limits {
            max_total_size: 3000,
            max_file_size: 2000,
            ..Limits::default()
        };
        let archive = |sizes: &[usize]| {
            let mut parts = vec![];
            for (i, s) in sizes.iter().enumerate() {
                parts.push(file(format!("c/f{i}").as_bytes(), &vec![b'x'; *s]));
            }
            parts.push(end());
            tgz(&parts)
        };
        let load = |sizes: &[usize]| load_archive_files(&archive(sizes)[..], "t.tgz", &limits);
        assert!(load(&[1500, 1499]).is_ok());
        // Helm refuses a chart whose data reaches the budget exactly.
        assert!(matches!(
            load(&[1500, 1500]),
            Err(ArchiveError::ChartTooLarge { .. })
        ));
        assert!(matches!(
            load(&[1500, 1501]),
            Err(ArchiveError::ChartTooLarge { .. })
        ));
        assert!(load(&[2000]).is_ok());
        match load(&[2001]) {
            Err(ArchiveError::FileTooLarge { entry, limit, .. }) => {
                assert_eq!(entry, "c/f0");
                assert_eq!(limit, 2000);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn single_file_limit_uses_the_header_size() {
        // The data is not even present: the declared size is enough.
        let big = raw_entry(&header(b"mychart/big", b'0', MAX_FILE_SIZE + 1), b"");
        let e = load_err(&chart_with(big));
        assert_eq!(
            e.to_string(),
            "decompressed chart file \"mychart/big\" is larger than the maximum file size 5242880 \
             (archive 'test.tgz'); leave large files out of the chart (.helmignore) and package it again"
        );
    }

    #[test]
    fn truncated_and_garbage_gzip_are_reported() {
        let good = chart_with(file(b"mychart/values.yaml", &[b'v'; 4000]));
        for cut in [11, good.len() / 2, good.len() - 30] {
            let e = load_err(&good[..cut]);
            match &e {
                ArchiveError::Corrupt { detail, .. } => assert_eq!(detail, "unexpected EOF"),
                e => panic!("cut {cut}: {e}"),
            }
            assert!(e.to_string().contains("truncated or corrupt"));
        }
        // The magic number followed by junk.
        let mut junk = b"\x1f\x8b\x08".to_vec();
        junk.extend(b"garbage".repeat(40));
        let e = load_err(&junk);
        assert!(
            matches!(
                e,
                ArchiveError::InvalidGzipHeader { .. } | ArchiveError::Corrupt { .. }
            ),
            "{e}"
        );
        // Corrupt deflate data.
        let mut bad = good.clone();
        for b in &mut bad[12..60] {
            *b ^= 0x5a;
        }
        let e = load_err(&bad);
        assert!(matches!(e, ArchiveError::Corrupt { .. }), "{e}");
    }

    #[test]
    fn gzip_of_garbage_is_an_invalid_tar_header() {
        let e = load_err(&gz(&[b'z'; 2048]));
        match e {
            ArchiveError::Corrupt { detail, entry, .. } => {
                assert_eq!(detail, "archive/tar: invalid tar header");
                assert_eq!(entry, None);
            }
            e => panic!("{e}"),
        }
    }

    #[test]
    fn non_gzip_input_is_described_like_helm() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("x.tgz", b"", "application/octet-stream"),
            ("x.tgz", b"hello", "application/octet-stream"),
            ("x.tgz", &[b'a'; 600], "text/plain; charset=utf-8"),
            (
                "x.tgz",
                b"<html><body>hi</body></html>",
                "text/html; charset=utf-8",
            ),
            ("x.tgz", b"\x89PNG\r\n\x1a\n0000", "image/png"),
            ("x.tgz", b"PK\x03\x04rest", "application/zip"),
        ];
        for (name, data, mime) in cases {
            let e = load_archive_files(*data, name, &Limits::default()).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("file '{name}' does not appear to be a gzipped archive; got '{mime}'")
            );
        }
        // An uncompressed tar.
        let tar = [file(b"c/Chart.yaml", CHART_YAML), end()].concat();
        let e = load_archive_files(&tar[..], "c.tgz", &Limits::default()).unwrap_err();
        assert!(
            e.to_string().ends_with("got 'application/octet-stream'"),
            "{e}"
        );
        for name in ["values.yaml", "dir/x.yml"] {
            let e = load_archive_files(&b"a: 1\n"[..], name, &Limits::default()).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("file '{name}' seems to be a YAML file, but expected a gzipped archive")
            );
        }
    }

    #[test]
    fn read_errors_are_reported() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        let e = load_archive_files(Failing, "x.tgz", &Limits::default()).unwrap_err();
        assert_eq!(e.to_string(), "file 'x.tgz' cannot be read: disk on fire");
    }

    #[test]
    fn links_become_empty_files_and_are_never_followed() {
        let mut sym = header(b"mychart/passwd", b'2', 0);
        sym.as_old_mut().linkname[..11].copy_from_slice(b"/etc/passwd");
        sym.set_cksum();
        let mut hard = header(b"mychart/hard", b'1', 0);
        hard.as_old_mut().linkname[..19].copy_from_slice(b"../../../etc/shadow");
        hard.set_cksum();
        let files = load_ok(&tgz(&[
            file(b"mychart/Chart.yaml", CHART_YAML),
            raw_entry(&sym, b""),
            raw_entry(&hard, b""),
            raw_entry(&header(b"mychart/fifo", b'6', 0), b""),
            raw_entry(&header(b"mychart/chr", b'3', 0), b""),
            end(),
        ]));
        assert_eq!(
            names(&files),
            ["Chart.yaml", "passwd", "hard", "fifo", "chr"]
        );
        assert!(files[1..].iter().all(|f| f.data.is_empty()));
    }

    #[test]
    fn link_with_a_size_is_refused_like_helm() {
        // The size of a header-only entry is not backed by data; Helm's
        // size check then fails.
        let e = load_err(&chart_with(raw_entry(&header(b"mychart/l", b'2', 10), b"")));
        assert!(matches!(e, ArchiveError::ChartTooLarge { .. }), "{e}");
        // A directory's size is ignored entirely, so its "data" is read as
        // the next header.
        let e = load_err(&chart_with(raw_entry(
            &header(b"mychart/d/", b'5', 3),
            b"abc",
        )));
        match e {
            ArchiveError::Corrupt { detail, .. } => {
                assert_eq!(detail, "archive/tar: invalid tar header")
            }
            e => panic!("{e}"),
        }
    }

    #[test]
    fn duplicate_entries_are_kept_in_order() {
        let files = load_ok(&tgz(&[
            file(b"mychart/Chart.yaml", CHART_YAML),
            file(b"mychart/values.yaml", b"a: 1\n"),
            file(b"mychart/values.yaml", b"a: 2\n"),
            file(b"other/values.yaml", b"a: 3\n"),
            end(),
        ]));
        assert_eq!(
            names(&files),
            ["Chart.yaml", "values.yaml", "values.yaml", "values.yaml"]
        );
        assert_eq!(files[3].data, b"a: 3\n");
        assert_eq!(duplicate_names(&files), ["values.yaml"]);
        assert!(duplicate_names(&files[..2]).is_empty());
    }

    #[test]
    fn utf8_bom_is_stripped_once() {
        let files = load_ok(&chart_with(
            [
                file(b"mychart/a.txt", b"\xEF\xBB\xBFhi"),
                file(b"mychart/b.txt", b"\xEF\xBB\xBF\xEF\xBB\xBFhi"),
                file(b"mychart/c.txt", b"\xEF\xBB"),
            ]
            .concat(),
        ));
        assert_eq!(files[1].data, b"hi");
        assert_eq!(files[2].data, b"\xEF\xBB\xBFhi");
        assert_eq!(files[3].data, b"\xEF\xBB");
    }

    #[test]
    fn backslash_names_are_normalised() {
        let files = load_ok(&tgz(&[
            file(b"mychart\\Chart.yaml", CHART_YAML),
            file(b"mychart\\templates\\a.yaml", b"a"),
            // With a backslash present only backslashes separate.
            file(b"mychart/sub\\b.yaml", b"b"),
            end(),
        ]));
        assert_eq!(names(&files), ["Chart.yaml", "templates/a.yaml", "b.yaml"]);
    }

    #[test]
    fn directories_and_global_headers_are_skipped() {
        let mut dir_by_mode = header(b"mychart/looks-like-a-file", b'0', 0);
        dir_by_mode.set_mode(0o40755);
        dir_by_mode.set_cksum();
        let mut old_dir = header(b"mychart/old-dir/", b'0', 0);
        // The tar crate writes `0` for `\0`; set the byte itself.
        old_dir.as_old_mut().linkflag = [0];
        old_dir.set_cksum();
        let files = load_ok(&tgz(&[
            pax(b'g', &[("comment", "global")]),
            raw_entry(&header(b"mychart/", b'5', 0), b""),
            raw_entry(&dir_by_mode, b""),
            // Old-style regular file with a trailing slash: a directory.
            raw_entry(&old_dir, b""),
            file(b"mychart/Chart.yaml", CHART_YAML),
            // A `0` entry with a trailing slash is a file named "sub".
            raw_entry(&header(b"mychart/sub/", b'0', 0), b""),
            end(),
        ]));
        assert_eq!(names(&files), ["Chart.yaml", "sub"]);
    }

    #[test]
    fn pax_records_apply_like_go() {
        let files = load_ok(&tgz(&[
            file(b"mychart/Chart.yaml", CHART_YAML),
            pax(
                b'x',
                &[
                    ("path", "mychart/first"),
                    ("path", "mychart/renamed"),
                    ("size", "3"),
                ],
            ),
            raw_entry(&header(b"mychart/original", b'0', 0), b"abc"),
            // An empty value keeps the header's own name.
            pax(b'x', &[("path", "")]),
            file(b"mychart/kept", b"k"),
            pax(b'x', &[("mtime", "1234567890.5")]),
            file(b"mychart/timed", b"t"),
            end(),
        ]));
        assert_eq!(names(&files), ["Chart.yaml", "renamed", "kept", "timed"]);
        assert_eq!(files[1].data, b"abc");
        assert_eq!(
            files[3].mod_time,
            Some(UNIX_EPOCH + Duration::new(1_234_567_890, 500_000_000))
        );
        // A PAX path is checked like any other name.
        let e = load_err(&chart_with(
            [
                pax(b'x', &[("path", "mychart/../../x")]),
                file(b"mychart/innocent", b"x"),
            ]
            .concat(),
        ));
        assert!(
            matches!(e, ArchiveError::ParentDirectory { ref entry, .. } if entry == "mychart/../../x")
        );
        // Malformed records are invalid headers.
        for records in [
            &[("size", "abc")][..],
            &[("mtime", "1.x")],
            &[("uid", "")], // empty values are ignored: fine
        ] {
            let r = load(&chart_with(
                [pax(b'x', records), file(b"mychart/f", b"")].concat(),
            ));
            if records[0].1.is_empty() {
                assert!(r.is_ok());
            } else {
                assert!(
                    matches!(r, Err(ArchiveError::Corrupt { .. })),
                    "{records:?}"
                );
            }
        }
        let broken = raw_entry(&header(b"PaxHeaders/x", b'x', 8), b"9 a=b\n\n\n");
        let e = load_err(&chart_with([broken, file(b"mychart/f", b"")].concat()));
        assert!(
            e.to_string().starts_with("archive/tar: invalid tar header"),
            "{e}"
        );
    }

    #[test]
    fn gnu_long_names_are_supported_and_checked() {
        let long = format!("mychart/templates/{}.yaml", "n".repeat(150));
        let files = load_ok(&built(&[("mychart/Chart.yaml", CHART_YAML), (&long, b"x")]));
        assert_eq!(names(&files)[1], &long["mychart/".len()..]);
        let evil = format!("mychart/{}/../../../x", "d".repeat(120));
        let longname = raw_entry(
            &header(b"././@LongLink", b'L', evil.len() as u64 + 1),
            &[evil.as_bytes(), b"\0"].concat(),
        );
        let e = load_err(&chart_with(
            [longname, file(b"mychart/short", b"x")].concat(),
        ));
        assert!(matches!(e, ArchiveError::ParentDirectory { .. }), "{e}");
    }

    #[test]
    fn oversized_extension_headers_are_refused() {
        let size = MAX_SPECIAL_FILE_SIZE + 1;
        let big = raw_entry(
            &header(b"././@LongLink", b'L', size),
            &vec![b'a'; size as usize],
        );
        let e = load_err(&chart_with([big, file(b"mychart/x", b"x")].concat()));
        match e {
            ArchiveError::Corrupt { detail, .. } => {
                assert_eq!(detail, "archive/tar: header field too long")
            }
            e => panic!("{e}"),
        }
    }

    #[test]
    fn end_of_archive_rules_follow_go() {
        let entry = file(b"mychart/Chart.yaml", CHART_YAML);
        // No trailer at all, or a single zero block: accepted.
        assert_eq!(load_ok(&tgz(std::slice::from_ref(&entry))).len(), 1);
        assert_eq!(load_ok(&tgz(&[entry.clone(), vec![0; BLOCK]])).len(), 1);
        // Truncated inside the final padding: accepted.
        assert_eq!(
            load_ok(&gz(&entry[..BLOCK + CHART_YAML.len() + 10])).len(),
            1
        );
        // Truncated inside the data or a header: refused.
        for cut in [BLOCK + 10, 100] {
            match load_err(&gz(&entry[..cut])) {
                ArchiveError::Corrupt { detail, .. } => assert_eq!(detail, "unexpected EOF"),
                e => panic!("{e}"),
            }
        }
        // A zero block followed by something else: refused.
        let e = load_err(&tgz(&[
            entry.clone(),
            vec![0; BLOCK],
            file(b"mychart/x", b"x"),
            end(),
        ]));
        match e {
            ArchiveError::Corrupt { detail, entry, .. } => {
                assert_eq!(detail, "archive/tar: invalid tar header");
                assert_eq!(entry.as_deref(), Some("mychart/Chart.yaml"));
            }
            e => panic!("{e}"),
        }
        // Anything after a proper trailer is not read.
        let mut trailing = [entry, end()].concat();
        trailing.extend_from_slice(b"whatever follows");
        assert_eq!(load_ok(&gz(&trailing)).len(), 1);
    }

    #[test]
    fn header_checksums_and_formats() {
        // A wrong checksum.
        let mut h = header(b"mychart/Chart.yaml", b'0', CHART_YAML.len() as u64);
        h.as_old_mut().cksum = *b"0000000\0";
        let e = load_err(&tgz(&[raw_entry(&h, CHART_YAML), end()]));
        assert!(
            e.to_string().starts_with("archive/tar: invalid tar header"),
            "{e}"
        );
        // A signed checksum (as some old tars write for high bytes) is accepted.
        let mut h = header(b"mychart/\xE9.txt", b'0', 1);
        let signed: i64 = h
            .as_bytes()
            .iter()
            .enumerate()
            .map(|(i, &b)| {
                if (148..156).contains(&i) {
                    32
                } else {
                    i64::from(b as i8)
                }
            })
            .sum();
        h.as_old_mut().cksum = *format!("{signed:06o}\0 ")
            .as_bytes()
            .first_chunk::<8>()
            .expect("8 bytes");
        let files = load_ok(&tgz(&[
            file(b"mychart/Chart.yaml", CHART_YAML),
            raw_entry(&h, b"x"),
            end(),
        ]));
        // Non-UTF-8 names are converted lossily.
        assert_eq!(files[1].name, "\u{FFFD}.txt");
        // V7 header (no magic) and USTAR prefix.
        let mut v7 = header(b"mychart/v7.txt", b'0', 2);
        v7.as_mut_bytes()[257..265].fill(0);
        v7.set_cksum();
        let mut prefixed = header(b"deep.txt", b'0', 1);
        prefixed.as_ustar_mut().expect("ustar").prefix[..11].copy_from_slice(b"mychart/a/b");
        prefixed.set_cksum();
        let files = load_ok(&tgz(&[
            raw_entry(&v7, b"v7"),
            raw_entry(&prefixed, b"p"),
            end(),
        ]));
        assert_eq!(names(&files), ["v7.txt", "a/b/deep.txt"]);
        // Base-256 sizes are understood; a negative size is invalid.
        let mut b256 = header(b"mychart/b.txt", b'0', 0);
        b256.as_old_mut().size = [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3];
        b256.set_cksum();
        let files = load_ok(&tgz(&[raw_entry(&b256, b"abc"), end()]));
        assert_eq!(files[0].data, b"abc");
        let mut neg = header(b"mychart/n.txt", b'0', 0);
        neg.as_old_mut().size = [0xFF; 12];
        neg.set_cksum();
        assert!(matches!(
            load_err(&tgz(&[raw_entry(&neg, b""), end()])),
            ArchiveError::Corrupt { .. }
        ));
    }

    #[test]
    fn sparse_files_are_refused() {
        let mut h = tar::Header::new_gnu();
        h.as_old_mut().name[..14].copy_from_slice(b"mychart/sparse");
        h.set_size(0);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::GNUSparse);
        h.set_cksum();
        let e = load_err(&chart_with(raw_entry(&h, b"")));
        assert!(matches!(e, ArchiveError::SparseFile { .. }), "{e}");
        let e = load_err(&chart_with(
            [
                pax(
                    b'x',
                    &[("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0")],
                ),
                file(b"mychart/s", b""),
            ]
            .concat(),
        ));
        assert!(matches!(e, ArchiveError::SparseFile { .. }), "{e}");
    }

    #[test]
    fn entry_name_rules() {
        let ok: &[(&[u8], &[u8])] = &[
            (b"c/a", b"a"),
            (b"c/a/b/../d", b"a/d"),
            (b"c/./a//b/", b"a/b"),
            (b"c\\a\\b", b"a/b"),
            (b"c/a\\b", b"b"),
            (b"../a", b"a"),
            (b"c/.a", b".a"),
            (b"c/a..", b"a.."),
            (b"c/a/..", b"."), // placeholder, replaced below
        ];
        for (raw, want) in &ok[..ok.len() - 1] {
            assert_eq!(
                chart_relative_name(raw).as_deref(),
                Ok(*want),
                "{}",
                String::from_utf8_lossy(raw)
            );
        }
        let bad: &[(&[u8], NameError)] = &[
            (b"c/a/..", NameError::Outside),
            (b"c", NameError::Outside),
            (b"c/", NameError::Outside),
            (b"c//a", NameError::Absolute),
            (b"c/../a", NameError::Parent),
            (b"c/..a", NameError::Parent),
            (b"c/C:/a", NameError::Drive),
            (b"c\\C:\\a", NameError::Drive),
            (b"Chart.yaml/x", NameError::ChartYamlAtRoot),
            (b"Chart.yaml\\x", NameError::ChartYamlAtRoot),
        ];
        for (raw, want) in bad {
            assert_eq!(
                chart_relative_name(raw),
                Err(*want),
                "{}",
                String::from_utf8_lossy(raw)
            );
        }
    }

    #[test]
    fn path_clean_like_go() {
        let cases: &[(&str, &str)] = &[
            ("", "."),
            ("abc", "abc"),
            ("abc/def", "abc/def"),
            ("a/b/c", "a/b/c"),
            (".", "."),
            ("..", ".."),
            ("../..", "../.."),
            ("../../abc", "../../abc"),
            ("/abc", "/abc"),
            ("/", "/"),
            ("abc/", "abc"),
            ("abc//def//ghi", "abc/def/ghi"),
            ("//abc", "/abc"),
            ("abc/./def", "abc/def"),
            ("/./abc/def", "/abc/def"),
            ("abc/.", "abc"),
            ("abc/def/ghi/../jkl", "abc/def/jkl"),
            ("abc/def/../ghi/../jkl", "abc/jkl"),
            ("abc/def/..", "abc"),
            ("abc/def/../..", "."),
            ("/abc/def/../..", "/"),
            ("abc/def/../../..", ".."),
            ("/abc/def/../../..", "/"),
            ("abc/def/../../../ghi/jkl/../../../mno", "../../mno"),
            ("abc/./../def", "def"),
            ("abc//./../def", "def"),
            ("abc/../../././../def", "../../def"),
        ];
        for (input, want) in cases {
            assert_eq!(go_path_clean(input.as_bytes()), want.as_bytes(), "{input}");
        }
    }

    #[test]
    fn content_type_sniffing() {
        let padded = |d: &[u8]| {
            let mut v = d.to_vec();
            v.resize(512, 0);
            v
        };
        assert_eq!(
            detect_content_type(&padded(b"")),
            "application/octet-stream"
        );
        assert_eq!(detect_content_type(b"hello"), "text/plain; charset=utf-8");
        assert_eq!(
            detect_content_type(b"  <!DOCTYPE html>"),
            "text/html; charset=utf-8"
        );
        assert_eq!(detect_content_type(b"<P>x"), "text/html; charset=utf-8");
        assert_eq!(detect_content_type(b"<Px"), "text/plain; charset=utf-8");
        assert_eq!(
            detect_content_type(b"\n<?xml version"),
            "text/xml; charset=utf-8"
        );
        assert_eq!(detect_content_type(b"%PDF-1.4"), "application/pdf");
        assert_eq!(
            detect_content_type(b"\xEF\xBB\xBFx"),
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            detect_content_type(b"\xFF\xFE\x00\x00"),
            "text/plain; charset=utf-16le"
        );
        assert_eq!(detect_content_type(b"GIF89a"), "image/gif");
        assert_eq!(detect_content_type(b"RIFF1234WEBPVP8"), "image/webp");
        assert_eq!(detect_content_type(b"\xFF\xD8\xFF\xE0"), "image/jpeg");
        assert_eq!(detect_content_type(b"OggS\x00rest"), "application/ogg");
        assert_eq!(
            detect_content_type(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"),
            "video/mp4"
        );
        let mut eot = vec![1u8; 34];
        eot.extend_from_slice(b"LPxx");
        assert_eq!(detect_content_type(&eot), "application/vnd.ms-fontobject");
        assert_eq!(detect_content_type(b"wOF2"), "font/woff2");
        assert_eq!(detect_content_type(b"\x1F\x8B\x08"), "application/x-gzip");
        assert_eq!(
            detect_content_type(b"Rar!\x1A\x07\x01\x00"),
            "application/x-rar-compressed"
        );
        assert_eq!(detect_content_type(b"\x00asm"), "application/wasm");
        assert_eq!(detect_content_type(b"a\x01b"), "application/octet-stream");
    }

    #[test]
    fn go_quote_output() {
        assert_eq!(go_quote(b"a/b.txt"), "\"a/b.txt\"");
        assert_eq!(go_quote(b"q\"b\\"), "\"q\\\"b\\\\\"");
        assert_eq!(go_quote(b"t\tn\n\x01\x7f"), "\"t\\tn\\n\\x01\\x7f\"");
        assert_eq!(go_quote("é☺".as_bytes()), "\"é☺\"");
        assert_eq!(go_quote(b"\xff\xfe"), "\"\\xff\\xfe\"");
        assert_eq!(go_quote("\u{a0}\u{feff}".as_bytes()), "\"\\u00a0\\ufeff\"");
    }

    // -- expand ---------------------------------------------------------

    fn tempdir() -> tempfile::TempDir {
        tempfile::tempdir().expect("tempdir")
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).expect("read_dir") {
                let p = e.expect("entry").path();
                let rel = p
                    .strip_prefix(dir)
                    .expect("prefix")
                    .to_string_lossy()
                    .into_owned();
                if fs::symlink_metadata(&p).expect("meta").is_dir() {
                    out.push(format!("{rel}/"));
                    stack.push(p);
                } else {
                    out.push(rel);
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn expand_writes_the_chart_directory() {
        let dest = tempdir();
        let archive = tgz(&[
            file(b"whatever/Chart.yaml", CHART_YAML),
            file(b"whatever/values.yaml", b"\xEF\xBB\xBFa: 1\n"),
            file(b"whatever/templates/a.yaml", b"first"),
            file(b"whatever/templates/a.yaml", b"second"),
            end(),
        ]);
        let target = dest.path().join("out");
        let dir = expand_archive_with(&archive[..], "c.tgz", &target, &Limits::default())
            .expect("expand");
        assert_eq!(dir, target.join("mychart"));
        assert_eq!(
            listing(&target),
            [
                "mychart/",
                "mychart/Chart.yaml",
                "mychart/templates/",
                "mychart/templates/a.yaml",
                "mychart/values.yaml"
            ]
        );
        assert_eq!(fs::read(dir.join("values.yaml")).expect("read"), b"a: 1\n");
        // The last duplicate wins, as in Helm.
        assert_eq!(
            fs::read(dir.join("templates/a.yaml")).expect("read"),
            b"second"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.join("Chart.yaml"))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o022, 0, "group/other must not be able to write");
            assert_eq!(mode & 0o111, 0, "files are not executable");
        }
        // The short form used by `lint`.
        let other = tempdir();
        expand_archive(&archive[..], other.path()).expect("expand");
        assert!(other.path().join("mychart/Chart.yaml").is_file());
    }

    #[test]
    fn expand_refuses_an_existing_destination() {
        let dest = tempdir();
        let archive = chart_with(file(b"mychart/values.yaml", b"a: 1\n"));
        // An empty directory (as `pull --untar` pre-creates) is replaced.
        fs::create_dir(dest.path().join("mychart")).expect("mkdir");
        expand_archive(&archive[..], dest.path()).expect("expand into empty dir");
        // Now it is not empty: refused, and untouched.
        fs::write(dest.path().join("mychart/values.yaml"), "mine").expect("write");
        let e = expand_archive(&archive[..], dest.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::DestinationExists { .. }), "{e}");
        assert!(
            e.to_string()
                .starts_with("failed to untar: a file or directory with the name")
        );
        assert_eq!(
            fs::read_to_string(dest.path().join("mychart/values.yaml")).expect("read"),
            "mine"
        );
        assert_eq!(
            listing(dest.path()),
            ["mychart/", "mychart/Chart.yaml", "mychart/values.yaml"]
        );
        // A plain file in the way.
        let dest = tempdir();
        fs::write(dest.path().join("mychart"), "file").expect("write");
        assert!(matches!(
            expand_archive(&archive[..], dest.path()),
            Err(ArchiveError::DestinationExists { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn expand_never_writes_through_symlinks() {
        let dest = tempdir();
        let outside = tempdir();
        // dest/mychart -> somewhere else: refused, nothing written there.
        std::os::unix::fs::symlink(outside.path(), dest.path().join("mychart")).expect("symlink");
        let archive = chart_with(file(b"mychart/templates/x.yaml", b"x"));
        let e = expand_archive(&archive[..], dest.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::DestinationExists { .. }), "{e}");
        assert!(listing(outside.path()).is_empty());
        // Link entries in the archive are written as empty regular files.
        let dest = tempdir();
        let mut sym = header(b"mychart/templates", b'2', 0);
        sym.as_old_mut().linkname[..4].copy_from_slice(b"/tmp");
        sym.set_cksum();
        let archive = tgz(&[
            file(b"mychart/Chart.yaml", CHART_YAML),
            raw_entry(&sym, b""),
            end(),
        ]);
        let dir = expand_archive_with(&archive[..], "s.tgz", dest.path(), &Limits::default())
            .expect("expand");
        let meta = fs::symlink_metadata(dir.join("templates")).expect("meta");
        assert!(meta.is_file() && meta.len() == 0);
    }

    #[test]
    fn failed_expansion_leaves_nothing_behind() {
        // `a` is first a file and then a directory: the write fails midway.
        let dest = tempdir();
        let archive = tgz(&[
            file(b"mychart/Chart.yaml", CHART_YAML),
            file(b"mychart/a", b"file"),
            file(b"mychart/a/b", b"nested"),
            end(),
        ]);
        let e = expand_archive(&archive[..], dest.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::Write { .. }), "{e}");
        assert!(
            listing(dest.path()).is_empty(),
            "{:?}",
            listing(dest.path())
        );
        // A destination that had to be created is removed again.
        let fresh = dest.path().join("new");
        assert!(expand_archive(&archive[..], &fresh).is_err());
        assert!(!fresh.exists());
        // A malicious archive is refused before anything is written.
        let archive = chart_with(file(b"mychart/../../evil", b"x"));
        let e = expand_archive(&archive[..], dest.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::ParentDirectory { .. }), "{e}");
        assert!(listing(dest.path()).is_empty());
    }

    #[test]
    fn expand_checks_the_chart_name() {
        let dest = tempdir();
        for (yaml, want) in [
            ("name: ..\nversion: 1\n", "chart name \"..\" is not allowed"),
            ("name: .\n", "chart name \".\" is not allowed"),
            (
                "name: a/b\n",
                "chart name \"a/b\" must not contain path separators",
            ),
            (
                "name: '../x'\n",
                "chart name \"../x\" must not contain path separators",
            ),
            ("version: 1\n", "chart name not specified"),
            ("name:\n", "chart name not specified"),
            (
                "{\"name\": \"x\"}\n",
                "cannot load Chart.yaml: cannot read the chart name",
            ),
        ] {
            let archive = tgz(&[file(b"c/Chart.yaml", yaml.as_bytes()), end()]);
            let e = expand_archive(&archive[..], dest.path()).unwrap_err();
            assert!(e.to_string().starts_with(want), "{yaml:?}: {e}");
        }
        let archive = tgz(&[file(b"c/values.yaml", b"a: 1\n"), end()]);
        let e = expand_archive(&archive[..], dest.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::NoChartName { .. }), "{e}");
        assert!(listing(dest.path()).is_empty());
    }

    #[test]
    fn expand_files_validates_names() {
        let dest = tempdir();
        for name in ["../x", "/abs", "a//b", "a/./b", "", "a\\b", "x/.."] {
            let files = [BufferedFile {
                name: name.to_string(),
                data: vec![],
                mod_time: None,
            }];
            let e = expand_files(&files, "c", dest.path()).unwrap_err();
            assert!(
                matches!(e, ArchiveError::UnsafeFileName { .. }),
                "{name:?}: {e}"
            );
        }
        assert!(listing(dest.path()).is_empty());
    }

    #[test]
    fn chart_yaml_name_scanner() {
        let cases: &[(&str, Option<&str>)] = &[
            ("name: foo\n", Some("foo")),
            (
                "apiVersion: v2\nname: foo # the name\nversion: 1.0.0\n",
                Some("foo"),
            ),
            ("name: \"foo\"\r\n", Some("foo")),
            ("name: 'it''s'\n", Some("it's")),
            ("\"name\": bar\n", Some("bar")),
            ("name :   spaced  \n", Some("spaced")),
            ("---\nname: first\n---\nname: second\n", Some("first")),
            ("dependencies:\n  - name: dep\n", None),
            ("names: x\nname_x: y\n", None),
            ("name: ~\n", None),
            ("name: a\nname: b\n", Some("b")),
        ];
        for (yaml, want) in cases {
            assert_eq!(
                chart_yaml_name(yaml.as_bytes()).expect(yaml).as_deref(),
                *want,
                "{yaml:?}"
            );
        }
        for yaml in [
            "name: &a foo\n",
            "name: [a]\n",
            "name: |\n  foo\n",
            "name:\n  foo\n",
            "name: \"a\\tb\"\n",
        ] {
            assert!(chart_yaml_name(yaml.as_bytes()).is_err(), "{yaml:?}");
        }
    }

    #[test]
    fn limits_default_to_helm() {
        let l = Limits::default();
        assert_eq!(l.max_total_size, 104_857_600);
        assert_eq!(l.max_file_size, 5_242_880);
        assert_eq!(l.max_metadata_size, MAX_METADATA_SIZE);
    }
}
