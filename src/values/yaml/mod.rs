//! YAML with Helm's exact semantics.
//!
//! Helm reads YAML through `sigs.k8s.io/yaml`, which decodes with go-yaml
//! **v2** (YAML 1.1 scalar resolution: `yes`/`on` are booleans, `017` is
//! octal, ...) and then round-trips the result through JSON (every number
//! becomes a `float64`, map keys become strings). `toYaml` goes the other way:
//! JSON hop, then the go-yaml v2 emitter. This module reproduces both
//! directions; see `/work/shared/spec/yaml.md` for the behaviour reference.
//!
//! * [`parse_raw`] — every document as a [`Raw`] tree (go-yaml v2 types, before
//!   the JSON hop).
//! * [`Raw::to_value`] — the JSON hop into the shared [`Value`] model.
//! * [`parse_values`] — Helm v4 `LoadValues` (`-f` values files);
//!   [`parse_chart_values`] for a chart's `values.yaml` (adds the final newline
//!   Helm's chart loader adds).
//! * [`parse_first_doc`] — `fromYaml` semantics (first document only).
//! * [`to_yaml`] — `toYaml` (sigs.k8s.io/yaml.Marshal), trailing newline kept.
//! * [`to_yaml_pretty`] — `toYamlPretty` (go-yaml v3 encoder, indent 2).
//!
//! [`Value`]: crate::values::value::Value

pub mod emit;
pub mod parse;

pub use emit::{to_yaml, to_yaml_pretty};
pub use parse::{
    Raw, parse_chart_values, parse_first_doc, parse_first_raw, parse_raw, parse_values,
    parse_values_named,
};

use std::fmt;

/// What stage of Helm's pipeline an error corresponds to; decides how the
/// Go-compatible message ([`YamlError::go_message`]) is worded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// Scanner/parser error (`yaml: line N: <problem>`).
    Syntax,
    /// go-yaml decoder error (`yaml: <problem>`: bad merge, bad tag, alias bomb...).
    Decode,
    /// sigs.k8s.io/yaml conversion error (unsupported map key, NaN/Inf in JSON).
    Convert,
    /// `encoding/json` unmarshal into the Go target (top-level type mismatch).
    Unmarshal,
}

/// A YAML error with a 1-based position.
///
/// `Display` prints `source:line:column: message` (parts omitted when
/// unknown); [`YamlError::go_message`] gives the text Helm would print after
/// `failed to parse <file>: `.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub struct YamlError {
    /// Problem description (libyaml/go-yaml wording where possible).
    pub message: String,
    /// 1-based line; 0 when unknown.
    pub line: usize,
    /// 1-based column (in characters); 0 when unknown.
    pub column: usize,
    /// Optional source (file) name used in `Display`. (Not called `source`:
    /// thiserror would treat that as the error's cause.)
    pub file: Option<String>,
    /// Pipeline stage, see [`YamlErrorKind`].
    pub kind: YamlErrorKind,
    /// Line number as go-yaml would report it (libyaml's off-by-one quirks,
    /// relative to the `---`-separated chunk); 0 = go-yaml prints no line.
    pub go_line: usize,
}

impl YamlError {
    pub(crate) fn new(
        kind: YamlErrorKind,
        message: impl Into<String>,
        line: usize,
        column: usize,
    ) -> Self {
        YamlError {
            message: message.into(),
            line,
            column,
            file: None,
            kind,
            go_line: 0,
        }
    }

    /// Attaches a source (file) name shown by `Display`.
    pub fn with_source(mut self, name: impl Into<String>) -> Self {
        self.file = Some(name.into());
        self
    }

    /// The error text as Helm (sigs.k8s.io/yaml + go-yaml v2) words it, e.g.
    /// `error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context`.
    pub fn go_message(&self) -> String {
        match self.kind {
            YamlErrorKind::Syntax => {
                if self.go_line > 0 {
                    format!(
                        "error converting YAML to JSON: yaml: line {}: {}",
                        self.go_line, self.message
                    )
                } else {
                    format!("error converting YAML to JSON: yaml: {}", self.message)
                }
            }
            YamlErrorKind::Decode => {
                format!("error converting YAML to JSON: yaml: {}", self.message)
            }
            YamlErrorKind::Convert => format!("error converting YAML to JSON: {}", self.message),
            YamlErrorKind::Unmarshal => {
                format!(
                    "error unmarshaling JSON: while decoding JSON: json: {}",
                    self.message
                )
            }
        }
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(src) = &self.file {
            write!(f, "{src}:")?;
            if self.line > 0 {
                write!(f, "{}:{}:", self.line, self.column)?;
            }
            write!(f, " {}", self.message)
        } else if self.line > 0 {
            write!(f, "line {}:{}: {}", self.line, self.column, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}
