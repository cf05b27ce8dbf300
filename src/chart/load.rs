//! Loading charts from directories, archives and in-memory files, with
//! Helm's classification rules (`loader.LoadFiles`).

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::archive::{self, Limits};
use super::ignore::Rules;
use super::metadata::{API_VERSION_V1, Lock, Metadata};
use super::{Chart, ChartError, File};
use crate::values::{Value, yaml};

/// Loads a chart from a directory or a `.tgz` archive.
pub fn load(path: impl AsRef<Path>) -> Result<Chart, ChartError> {
    let path = path.as_ref();
    let meta = fs::metadata(path).map_err(|e| ChartError::io(path, e))?;
    if meta.is_dir() {
        load_dir(path)
    } else {
        load_archive_file(path)
    }
}

/// Loads a chart archive from a file.
pub fn load_archive_file(path: &Path) -> Result<Chart, ChartError> {
    let f = fs::File::open(path).map_err(|e| ChartError::io(path, e))?;
    let name = path.display().to_string();
    load_archive_reader(f, &name)
}

/// Loads a chart archive held in memory.
pub fn load_archive_bytes(data: &[u8], name: &str) -> Result<Chart, ChartError> {
    load_archive_reader(data, name)
}

fn load_archive_reader(r: impl Read, name: &str) -> Result<Chart, ChartError> {
    let files = archive::load_archive_files(r, name, &Limits::default())?;
    load_files(
        files
            .into_iter()
            .map(|b| File {
                name: b.name,
                data: b.data.into(),
                mod_time: b.mod_time,
            })
            .collect(),
    )
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Loads a chart directory, applying `.helmignore` (plus Helm's default
/// rule `templates/.?*`). Symbolic links are followed.
pub fn load_dir(dir: &Path) -> Result<Chart, ChartError> {
    let files = read_dir_files(dir)?;
    load_files(files)
}

/// Reads the files of a chart directory as Helm's `LoadDir` does, without
/// classifying them. Also used by `package` and `lint`.
pub fn read_dir_files(dir: &Path) -> Result<Vec<File>, ChartError> {
    let top = fs::canonicalize(dir).map_err(|e| ChartError::io(dir, e))?;
    let ignore_path = top.join(".helmignore");
    let mut rules = if ignore_path.is_file() {
        let text = fs::read_to_string(&ignore_path).map_err(|e| ChartError::io(&ignore_path, e))?;
        Rules::parse(&text)?
    } else {
        Rules::default()
    };
    rules.add_defaults();
    let mut files = Vec::new();
    let mut stack = vec![top.clone()];
    walk(&top, "", &rules, &mut files, &mut stack)?;
    Ok(files)
}

fn walk(
    abs: &Path,
    rel: &str,
    rules: &Rules,
    out: &mut Vec<File>,
    stack: &mut Vec<PathBuf>,
) -> Result<(), ChartError> {
    let mut names: Vec<(String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(abs).map_err(|e| ChartError::io(abs, e))? {
        let entry = entry.map_err(|e| ChartError::io(abs, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        names.push((name, entry.path()));
    }
    names.sort();
    for (name, path) in names {
        let rel_path = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        // Follows symbolic links, as Helm does.
        let meta = fs::metadata(&path).map_err(|e| ChartError::io(&path, e))?;
        if meta.is_dir() {
            if rules.ignore(&rel_path, true) {
                continue;
            }
            let real = fs::canonicalize(&path).map_err(|e| ChartError::io(&path, e))?;
            if stack.contains(&real) {
                return Err(ChartError::Other(format!(
                    "symbolic link loop at {}: {} is one of its own parents",
                    path.display(),
                    real.display()
                )));
            }
            stack.push(real);
            walk(&path, &rel_path, rules, out, stack)?;
            stack.pop();
            continue;
        }
        if rules.ignore(&rel_path, false) {
            continue;
        }
        if !meta.is_file() {
            return Err(ChartError::Other(format!(
                "cannot load irregular file {} as it has file mode type bits set",
                path.display()
            )));
        }
        if meta.len() > archive::MAX_FILE_SIZE {
            return Err(ChartError::Other(format!(
                "chart file \"{name}\" is larger than the maximum file size {}",
                archive::MAX_FILE_SIZE
            )));
        }
        let mut data = fs::read(&path).map_err(|e| ChartError::io(&path, e))?;
        if data.starts_with(UTF8_BOM) {
            data.drain(..UTF8_BOM.len());
        }
        out.push(File {
            name: rel_path,
            data: data.into(),
            mod_time: meta.modified().ok(),
        });
    }
    Ok(())
}

/// Classifies loaded files into a chart (Helm's `LoadFiles`), validates the
/// metadata and loads subcharts from `charts/`.
pub fn load_files(files: Vec<File>) -> Result<Chart, ChartError> {
    let mut c = Chart {
        values: Value::empty_map(),
        ..Chart::default()
    };
    let mut metadata: Option<Metadata> = None;
    let mut subcharts: BTreeMap<String, Vec<File>> = BTreeMap::new();
    let parse_err = |file: &str, message: String| ChartError::Parse {
        file: file.to_string(),
        message,
    };
    for f in files {
        c.raw.push(f.clone());
        match f.name.as_str() {
            "Chart.yaml" => {
                let md = metadata.get_or_insert_with(Metadata::default);
                md.merge_yaml(&f.data)
                    .map_err(|m| parse_err("Chart.yaml", m))?;
                if md.api_version.is_empty() {
                    md.api_version = API_VERSION_V1.to_string();
                }
                c.mod_time = f.mod_time;
            }
            "Chart.lock" => {
                c.lock = Some(Lock::from_yaml(&f.data).map_err(|m| parse_err("Chart.lock", m))?);
            }
            "values.yaml" => {
                let text = String::from_utf8_lossy(&f.data);
                c.values = yaml::parse_chart_values(&text).map_err(|e| {
                    parse_err(
                        "values.yaml",
                        format!("cannot unmarshal yaml document: {}", e.go_message()),
                    )
                })?;
            }
            "values.schema.json" => {
                c.schema = Some(f.data.to_vec());
                c.schema_mod_time = f.mod_time;
            }
            "requirements.yaml" => {
                let md = metadata.get_or_insert_with(Metadata::default);
                md.merge_yaml(&f.data)
                    .map_err(|m| parse_err("requirements.yaml", m))?;
                if md.api_version == API_VERSION_V1 {
                    c.files.push(f);
                }
            }
            "requirements.lock" => {
                c.lock =
                    Some(Lock::from_yaml(&f.data).map_err(|m| parse_err("requirements.lock", m))?);
                let md = metadata.get_or_insert_with(Metadata::default);
                if md.api_version == API_VERSION_V1 {
                    c.files.push(f);
                }
            }
            n if n.starts_with("templates/") => c.templates.push(f),
            n if n.starts_with("charts/") => {
                if n.ends_with(".prov") {
                    c.files.push(f);
                    continue;
                }
                let rest = &n["charts/".len()..];
                let cname = rest.split('/').next().unwrap_or(rest).to_string();
                let mut sub = f.clone();
                sub.name = rest.to_string();
                subcharts.entry(cname).or_default().push(sub);
            }
            _ => c.files.push(f),
        }
    }
    let Some(md) = metadata else {
        return Err(ChartError::MissingChartYaml);
    };
    c.metadata = md;
    c.metadata.validate()?;

    for (n, files) in subcharts {
        if n.starts_with('_') || n.starts_with('.') {
            continue;
        }
        let sub_err = |e: ChartError| ChartError::Subchart {
            name: n.clone(),
            parent: c.name().to_string(),
            source: Box::new(e),
        };
        let sc = if n.ends_with(".tgz") {
            let Some(file) = files.first() else { continue };
            if file.name != n {
                return Err(ChartError::Other(format!(
                    "error unpacking subchart tar in {}: expected {}, got {}",
                    c.name(),
                    n,
                    file.name
                )));
            }
            load_archive_bytes(&file.data, &format!("charts/{n}")).map_err(sub_err)?
        } else {
            let buff: Vec<File> = files
                .into_iter()
                .filter_map(|mut f| {
                    let (_, rest) = f.name.split_once('/')?;
                    f.name = rest.to_string();
                    Some(f)
                })
                .collect();
            load_files(buff).map_err(sub_err)?
        };
        c.dependencies.push(sc);
    }
    Ok(c)
}
