//! User-supplied values (`-f`, `--set-json`, `--set`, `--set-string`,
//! `--set-file`, `--set-literal`) merged as Helm's `Options.MergeValues`
//! does: grouped by flag kind in that fixed order, whatever the order on
//! the command line. The result is the release's `config`; chart defaults
//! are not part of it.

use std::io::Read;

use super::{Map, Value, merge_maps, strvals, yaml};

#[derive(Clone, Debug, Default)]
pub struct ValueOptions {
    pub value_files: Vec<String>,
    pub json_values: Vec<String>,
    pub values: Vec<String>,
    pub string_values: Vec<String>,
    pub file_values: Vec<String>,
    pub literal_values: Vec<String>,
}

/// Why user values could not be read; nothing else runs after one.
#[derive(Debug, thiserror::Error)]
pub enum ValuesError {
    #[error("failed to parse {file}: {source}")]
    Parse {
        file: String,
        #[source]
        source: yaml::YamlError,
    },
    #[error("cannot read values file {file}: {message}")]
    Read { file: String, message: String },
    #[error("failed parsing --set-json data JSON: {0}")]
    SetJsonObject(String),
    #[error("failed parsing --set-json data {value}: {source}")]
    SetJson {
        value: String,
        #[source]
        source: strvals::StrvalsError,
    },
    #[error("failed parsing --set data: {0}")]
    Set(#[source] strvals::StrvalsError),
    #[error("failed parsing --set-string data: {0}")]
    SetString(#[source] strvals::StrvalsError),
    #[error("failed parsing --set-file data: {0}")]
    SetFile(#[source] strvals::StrvalsError),
    #[error("failed parsing --set-literal data: {0}")]
    SetLiteral(#[source] strvals::StrvalsError),
}

/// Reads a values source: `-` is standard input, `http(s)://` is fetched,
/// anything else is a local path.
pub fn read_source(path: &str) -> Result<Vec<u8>, String> {
    if path.trim() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| e.to_string())?;
        return Ok(buf);
    }
    if path.starts_with("http://") || path.starts_with("https://") {
        return fetch_url(path);
    }
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        _ => e.to_string(),
    })
}

fn fetch_url(url: &str) -> Result<Vec<u8>, String> {
    let client = reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_secs(120))
        .user_agent(concat!("capstan/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| e.to_string())?;
    let resp = client.get(url).send().map_err(|e| e.to_string())?;
    if !resp.status().is_success() {
        return Err(format!("failed to fetch {url} : {}", resp.status()));
    }
    resp.bytes().map(|b| b.to_vec()).map_err(|e| e.to_string())
}

impl ValueOptions {
    pub fn is_empty(&self) -> bool {
        self.value_files.is_empty()
            && self.json_values.is_empty()
            && self.values.is_empty()
            && self.string_values.is_empty()
            && self.file_values.is_empty()
            && self.literal_values.is_empty()
    }

    /// Merges every source into one map (Helm's `MergeValues`).
    pub fn merge_values(&self) -> Result<Map, ValuesError> {
        self.merge_values_with(&read_source)
    }

    /// As [`merge_values`](Self::merge_values) with a custom reader for
    /// files and URLs (tests, offline use).
    pub fn merge_values_with(
        &self,
        read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
    ) -> Result<Map, ValuesError> {
        let mut base = Map::new();
        for f in &self.value_files {
            let raw = read(f).map_err(|message| ValuesError::Read {
                file: f.clone(),
                message,
            })?;
            let text = String::from_utf8_lossy(&raw);
            let v = yaml::parse_chart_values(&text).map_err(|e| ValuesError::Parse {
                file: f.clone(),
                source: e.with_source(f.clone()),
            })?;
            if let Value::Map(m) = v {
                merge_maps(&mut base, std::sync::Arc::unwrap_or_clone(m));
            }
        }
        for v in &self.json_values {
            let t = v.trim();
            if t.starts_with('{') {
                let obj: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(t).map_err(|_| ValuesError::SetJsonObject(v.clone()))?;
                let m = match from_json(&serde_json::Value::Object(obj)) {
                    Value::Map(m) => std::sync::Arc::unwrap_or_clone(m),
                    _ => Map::new(),
                };
                merge_maps(&mut base, m);
            } else {
                strvals::parse_into_json(v, &mut base).map_err(|source| ValuesError::SetJson {
                    value: v.clone(),
                    source,
                })?;
            }
        }
        for v in &self.values {
            strvals::parse_into(v, &mut base).map_err(ValuesError::Set)?;
        }
        for v in &self.string_values {
            strvals::parse_into_string(v, &mut base).map_err(ValuesError::SetString)?;
        }
        for v in &self.file_values {
            strvals::parse_into_file(v, &mut base, |p: &str| {
                read(p).map(|b| String::from_utf8_lossy(&b).into_owned())
            })
            .map_err(ValuesError::SetFile)?;
        }
        for v in &self.literal_values {
            strvals::parse_into_literal(v, &mut base).map_err(ValuesError::SetLiteral)?;
        }
        Ok(base)
    }
}

/// JSON as Go's `encoding/json` decodes into `interface{}`: every number is
/// a float64.
pub fn from_json(j: &serde_json::Value) -> Value {
    match j {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap_or(0.0)),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => Value::list(a.iter().map(from_json).collect()),
        serde_json::Value::Object(o) => {
            Value::map(o.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ValueOptions {
        ValueOptions::default()
    }

    fn reader(
        files: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Result<Vec<u8>, String> {
        move |p: &str| {
            files
                .iter()
                .find(|(n, _)| *n == p)
                .map(|(_, c)| c.as_bytes().to_vec())
                .ok_or_else(|| "no such file or directory".to_string())
        }
    }

    #[test]
    fn flag_kinds_apply_in_helms_order() {
        let o = ValueOptions {
            value_files: vec!["a.yaml".into(), "b.yaml".into()],
            json_values: vec!["j={\"x\":1}".into()],
            values: vec!["n=1,s=x".into()],
            string_values: vec!["n=2".into()],
            file_values: vec!["f=c.txt".into()],
            literal_values: vec!["l=a,b\\c".into()],
        };
        let r = reader(&[
            ("a.yaml", "n: 0\nm: {a: 1, b: 2}\nlist: [1, 2]\n"),
            ("b.yaml", "m: {b: 3}\nlist: [9]\n"),
            ("c.txt", "file text\n"),
        ]);
        let m = Value::map(o.merge_values_with(&r).unwrap());
        assert_eq!(m.path("n"), Some(&Value::str("2")));
        assert_eq!(m.path("s"), Some(&Value::str("x")));
        assert_eq!(m.path("m.a"), Some(&Value::Float(1.0)));
        assert_eq!(m.path("m.b"), Some(&Value::Float(3.0)));
        assert_eq!(m.path("list"), Some(&Value::list(vec![Value::Float(9.0)])));
        assert_eq!(m.path("j.x"), Some(&Value::Float(1.0)));
        assert_eq!(m.path("f"), Some(&Value::str("file text\n")));
        assert_eq!(m.path("l"), Some(&Value::str("a,b\\c")));
    }

    #[test]
    fn set_integers_are_int64_and_file_numbers_float64() {
        let o = ValueOptions {
            value_files: vec!["a.yaml".into()],
            values: vec!["b=3".into()],
            ..opts()
        };
        let m = Value::map(
            o.merge_values_with(&reader(&[("a.yaml", "a: 3\n")]))
                .unwrap(),
        );
        assert_eq!(m.path("a"), Some(&Value::Float(3.0)));
        assert_eq!(m.path("b"), Some(&Value::Int(3)));
    }

    #[test]
    fn whole_json_object_for_set_json() {
        let o = ValueOptions {
            json_values: vec![" {\"a\": {\"b\": [1, \"x\"]}} ".into()],
            ..opts()
        };
        let m = Value::map(o.merge_values().unwrap());
        assert_eq!(
            m.path("a.b"),
            Some(&Value::list(vec![Value::Float(1.0), Value::str("x")]))
        );
        let bad = ValueOptions {
            json_values: vec!["{nope".into()],
            ..opts()
        };
        assert_eq!(
            bad.merge_values().unwrap_err().to_string(),
            "failed parsing --set-json data JSON: {nope"
        );
    }

    #[test]
    fn malformed_yaml_names_file_line_and_column() {
        let o = ValueOptions {
            value_files: vec!["bad.yaml".into()],
            values: vec!["a=1".into()],
            ..opts()
        };
        let e = o
            .merge_values_with(&reader(&[("bad.yaml", "a: 1\nb: [1, 2\nc: 3\n")]))
            .unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("failed to parse bad.yaml: bad.yaml:"), "{s}");
        match e {
            ValuesError::Parse { source, .. } => assert!(source.line >= 2, "{source:?}"),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn missing_file_is_a_clear_error() {
        let o = ValueOptions {
            value_files: vec!["nope.yaml".into()],
            ..opts()
        };
        assert_eq!(
            o.merge_values_with(&reader(&[])).unwrap_err().to_string(),
            "cannot read values file nope.yaml: no such file or directory"
        );
    }

    #[test]
    fn bad_set_expression_is_reported() {
        let o = ValueOptions {
            values: vec!["a".into()],
            ..opts()
        };
        assert_eq!(
            o.merge_values().unwrap_err().to_string(),
            "failed parsing --set data: key \"a\" has no value"
        );
    }
}
