//! `capstan create`: the chart scaffold (same layout and behaviour as
//! `helm create`) and `--starter` charts.

use std::fs;
use std::path::{Path, PathBuf};

use super::metadata::{API_VERSION_V2, Metadata};
use super::{ChartError, load};
use crate::values::yaml;

/// The placeholder replaced by the chart name in scaffold and starter files.
pub const CHART_NAME_PLACEHOLDER: &str = "<CHARTNAME>";

/// The scaffold files, relative to the new chart's folder.
pub const SCAFFOLD: &[(&str, &str)] = &[
    ("Chart.yaml", include_str!("scaffold/Chart.yaml")),
    ("values.yaml", include_str!("scaffold/values.yaml")),
    (".helmignore", include_str!("scaffold/.helmignore")),
    (
        "templates/NOTES.txt",
        include_str!("scaffold/templates/NOTES.txt"),
    ),
    (
        "templates/_helpers.tpl",
        include_str!("scaffold/templates/_helpers.tpl"),
    ),
    (
        "templates/deployment.yaml",
        include_str!("scaffold/templates/deployment.yaml"),
    ),
    (
        "templates/service.yaml",
        include_str!("scaffold/templates/service.yaml"),
    ),
    (
        "templates/serviceaccount.yaml",
        include_str!("scaffold/templates/serviceaccount.yaml"),
    ),
    (
        "templates/hpa.yaml",
        include_str!("scaffold/templates/hpa.yaml"),
    ),
    (
        "templates/ingress.yaml",
        include_str!("scaffold/templates/ingress.yaml"),
    ),
    (
        "templates/httproute.yaml",
        include_str!("scaffold/templates/httproute.yaml"),
    ),
    (
        "templates/tests/test-connection.yaml",
        include_str!("scaffold/templates/tests/test-connection.yaml"),
    ),
];

/// Helm's rule for names given to `create`.
pub fn validate_chart_name(name: &str) -> Result<(), ChartError> {
    if name.is_empty() || name.len() > 250 {
        return Err(ChartError::Other(
            "chart name must be between 1 and 250 characters".into(),
        ));
    }
    let ok = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !ok || name == "." || name == ".." {
        return Err(ChartError::Other(format!(
            "chart name {name:?} is invalid: use letters, digits, '.', '_' and '-' only"
        )));
    }
    Ok(())
}

fn check_target(dir: &Path, name: &str) -> Result<PathBuf, ChartError> {
    validate_chart_name(name)?;
    let meta = fs::metadata(dir).map_err(|e| ChartError::io(dir, e))?;
    if !meta.is_dir() {
        return Err(ChartError::Other(format!(
            "no such directory {}",
            dir.display()
        )));
    }
    let cdir = dir.join(name);
    if cdir.exists() && !cdir.is_dir() {
        return Err(ChartError::Other(format!(
            "file {} already exists and is not a directory",
            cdir.display()
        )));
    }
    Ok(cdir)
}

fn write_file(path: &Path, data: &[u8], warnings: &mut Vec<String>) -> Result<(), ChartError> {
    if path.exists() {
        warnings.push(format!(
            "File {:?} already exists. Overwriting.",
            path.display().to_string()
        ));
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| ChartError::io(parent, e))?;
    }
    fs::write(path, data).map_err(|e| ChartError::io(path, e))
}

/// Creates the scaffold chart `name` inside `dir`; returns the chart's path
/// and warnings about files that were overwritten.
pub fn create(name: &str, dir: &Path) -> Result<(PathBuf, Vec<String>), ChartError> {
    let cdir = check_target(dir, name)?;
    let mut warnings = Vec::new();
    for (rel, content) in SCAFFOLD {
        let text = content.replace(CHART_NAME_PLACEHOLDER, name);
        write_file(&cdir.join(rel), text.as_bytes(), &mut warnings)?;
    }
    fs::create_dir_all(cdir.join("charts")).map_err(|e| ChartError::io(&cdir, e))?;
    Ok((cdir, warnings))
}

/// Creates chart `name` in `dir` from a starter chart (`helm create
/// --starter`): every template, file and values.yaml has `<CHARTNAME>`
/// replaced, and Chart.yaml is new.
pub fn create_from_starter(
    name: &str,
    dir: &Path,
    starter: &Path,
) -> Result<(PathBuf, Vec<String>), ChartError> {
    let cdir = check_target(dir, name)?;
    let schart = load(starter).map_err(|e| {
        ChartError::Other(format!("cannot load starter {}: {e}", starter.display()))
    })?;
    let md = Metadata {
        name: name.to_string(),
        description: "A Helm chart for Kubernetes".into(),
        chart_type: "application".into(),
        version: "0.1.0".into(),
        app_version: "0.1.0".into(),
        api_version: API_VERSION_V2.into(),
        ..Metadata::default()
    };
    let mut warnings = Vec::new();
    let chart_yaml = yaml::to_yaml(&md.to_value(true));
    write_file(
        &cdir.join("Chart.yaml"),
        chart_yaml.as_bytes(),
        &mut warnings,
    )?;
    let replace = |d: &[u8]| {
        String::from_utf8_lossy(d)
            .replace(CHART_NAME_PLACEHOLDER, name)
            .into_bytes()
    };
    if let Some(v) = schart.raw_values() {
        write_file(&cdir.join("values.yaml"), &replace(v), &mut warnings)?;
    }
    if let Some(schema) = &schart.schema {
        write_file(&cdir.join("values.schema.json"), schema, &mut warnings)?;
    }
    for f in &schart.templates {
        write_file(&cdir.join(&f.name), &replace(&f.data), &mut warnings)?;
    }
    for f in &schart.files {
        write_file(&cdir.join(&f.name), &f.data, &mut warnings)?;
    }
    fs::create_dir_all(cdir.join("charts")).map_err(|e| ChartError::io(&cdir, e))?;
    // Subcharts of the starter are written as archives, as Helm does.
    for dep in &schart.dependencies {
        super::save::save(
            dep,
            &cdir.join("charts"),
            &super::save::SaveOptions::default(),
        )?;
    }
    Ok((cdir, warnings))
}
