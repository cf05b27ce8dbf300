//! Charts: loading from directories and archives, `.helmignore`, metadata,
//! dependencies, packaging and the `create` scaffold.

pub mod archive;
pub mod dependency;
pub mod ignore;
pub mod load;
pub mod metadata;
pub mod save;
pub mod scaffold;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

pub use load::{load, load_archive_bytes, load_dir, load_files};
pub use metadata::{Dependency, Lock, Maintainer, Metadata};

use crate::values::Value;

/// A file of a chart: path relative to the chart root with `/`
/// separators, its bytes (BOM stripped) and modification time.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    pub name: String,
    /// Shared bytes: charts are cloned while dependencies are processed and
    /// rendered, and some files (CRDs) are megabytes large.
    pub data: Arc<[u8]>,
    pub mod_time: Option<SystemTime>,
}

impl File {
    pub fn new(name: impl Into<String>, data: impl Into<Vec<u8>>) -> File {
        File {
            name: name.into(),
            data: Arc::from(data.into()),
            mod_time: None,
        }
    }
}

/// A loaded chart, as Helm's `chart.Chart`.
#[derive(Clone, Debug, Default)]
pub struct Chart {
    pub metadata: Metadata,
    /// Modification time of Chart.yaml (used when packaging).
    pub mod_time: Option<SystemTime>,
    pub lock: Option<Lock>,
    /// `templates/**` in load order.
    pub templates: Vec<File>,
    /// Parsed `values.yaml` (an empty map when absent).
    pub values: Value,
    /// Raw `values.schema.json`.
    pub schema: Option<Vec<u8>>,
    pub schema_mod_time: Option<SystemTime>,
    /// Every other file, available as `.Files`.
    pub files: Vec<File>,
    /// Every file as loaded (Helm's `Raw`), including Chart.yaml and values.yaml.
    pub raw: Vec<File>,
    /// Subcharts found under `charts/`, sorted by name.
    pub dependencies: Vec<Chart>,
}

impl Chart {
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    pub fn is_library(&self) -> bool {
        self.metadata.is_library()
    }

    /// The raw bytes of `values.yaml`, if the chart has one.
    pub fn raw_values(&self) -> Option<&[u8]> {
        self.raw
            .iter()
            .find(|f| f.name == "values.yaml")
            .map(|f| &f.data[..])
    }

    /// CRD files: `crds/**` with extension `.yaml`, `.yml` or `.json`,
    /// in load order (Helm's `CRDObjects` of this chart only).
    pub fn crd_files(&self) -> impl Iterator<Item = &File> {
        self.files.iter().filter(|f| {
            f.name.starts_with("crds/")
                && (f.name.ends_with(".yaml")
                    || f.name.ends_with(".yml")
                    || f.name.ends_with(".json"))
        })
    }

    /// CRDs of this chart and all its subcharts, with their full path as
    /// Helm names them (`parent/charts/sub/crds/x.yaml`).
    pub fn crd_objects(&self) -> Vec<(String, &File)> {
        let mut out = Vec::new();
        self.collect_crds(self.name().to_string(), &mut out);
        out
    }

    fn collect_crds<'a>(&'a self, prefix: String, out: &mut Vec<(String, &'a File)>) {
        for f in self.crd_files() {
            out.push((format!("{prefix}/{}", f.name), f));
        }
        for d in &self.dependencies {
            d.collect_crds(format!("{prefix}/charts/{}", d.name()), out);
        }
    }

    /// Finds the README as `helm show readme` does.
    pub fn readme(&self) -> Option<&File> {
        self.files.iter().find(|f| {
            ["readme.md", "readme.txt", "readme"]
                .iter()
                .any(|n| f.name.eq_ignore_ascii_case(n))
        })
    }
}

/// Everything that can go wrong loading or saving a chart.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("validation: {0}")]
    Validation(String),
    #[error("Chart.yaml file is missing")]
    MissingChartYaml,
    #[error("cannot load {file}: {message}")]
    Parse { file: String, message: String },
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    #[error("error unpacking subchart {name} in {parent}: {source}")]
    Subchart {
        name: String,
        parent: String,
        #[source]
        source: Box<ChartError>,
    },
    #[error(transparent)]
    Archive(#[from] archive::ArchiveError),
    #[error(transparent)]
    Ignore(#[from] ignore::IgnoreError),
    #[error("{0}")]
    Other(String),
}

impl ChartError {
    pub fn io(path: impl Into<PathBuf>, err: std::io::Error) -> ChartError {
        ChartError::Io {
            path: path.into(),
            message: err.to_string(),
        }
    }
}
