//! `capstan create NAME [--starter S]`.

use std::path::{Path, PathBuf};

use crate::chart::ChartError;
use crate::chart::scaffold;

/// Creates a chart at `path` (its last component is the chart name);
/// `starter` is a starter name under `starters_dir` or a path.
pub fn run(
    path: &Path,
    starter: Option<&str>,
    starters_dir: &Path,
) -> Result<(PathBuf, Vec<String>), ChartError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            ChartError::Other(format!("{} is not a valid chart path", path.display()))
        })?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match starter {
        None => scaffold::create(&name, &parent),
        Some(s) => {
            let sp = Path::new(s);
            let starter_path = if sp.is_absolute() {
                sp.to_path_buf()
            } else {
                starters_dir.join(s)
            };
            scaffold::create_from_starter(&name, &parent, &starter_path)
        }
    }
}
