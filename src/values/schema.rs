//! `values.schema.json` validation for a chart and each subchart, as Helm
//! 4 does it: the final coalesced values against the root chart's schema,
//! then each subchart's table against its schema, recursively.
//!
//! Drafts 4, 6, 7, 2019-09 and 2020-12 are chosen by `$schema`; without it
//! 2020-12 applies (as in Helm). `format` is not asserted. Messages follow
//! the wording Helm prints (`- at '/replicaCount': got string, want integer`).

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value as Json;

use super::{Map, Value};
use crate::chart::Chart;

/// Schema violations of one or more charts.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "values don't meet the specifications of the schema(s) in the following chart(s):\n{report}"
)]
pub struct SchemaError {
    /// `chart:\n- at 'path': message\n` blocks, Helm's layout.
    pub report: String,
    /// Every violation as (chart name, JSON pointer, message).
    pub violations: Vec<(String, String, String)>,
}

/// Converts a value to JSON for validation (integral floats become
/// integers, so `3` read from YAML satisfies `"type": "integer"`).
pub fn to_json(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
                Json::from(*f as i64)
            } else {
                serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number)
            }
        }
        Value::String(s) => Json::String(s.clone()),
        Value::List(l) => Json::Array(l.iter().map(to_json).collect()),
        Value::Map(m) => Json::Object(m.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

/// Whether the chart or any of its subcharts has a values.schema.json.
pub fn any_schema(chart: &Chart) -> bool {
    chart.schema.is_some() || chart.dependencies.iter().any(any_schema)
}

/// Validates `values` (the coalesced values of `chart`) against the
/// schemas of the chart and its subcharts.
pub fn validate(chart: &Chart, values: &Map) -> Result<(), SchemaError> {
    let mut report = String::new();
    let mut violations = Vec::new();
    validate_into(chart, values, &mut report, &mut violations);
    if report.is_empty() {
        Ok(())
    } else {
        Err(SchemaError { report, violations })
    }
}

fn validate_into(
    chart: &Chart,
    values: &Map,
    report: &mut String,
    violations: &mut Vec<(String, String, String)>,
) {
    if let Some(schema) = &chart.schema {
        let lines = match validate_single(values, schema) {
            Ok(()) => Vec::new(),
            Err(lines) => lines,
        };
        if !lines.is_empty() {
            report.push_str(&format!("{}:\n", chart.name()));
            for (path, msg) in &lines {
                if path.is_empty() && msg.starts_with("invalid schema") {
                    report.push_str(msg);
                } else {
                    report.push_str(&format!("- at '{path}': {msg}"));
                }
                report.push('\n');
                violations.push((chart.name().to_string(), path.clone(), msg.clone()));
            }
        }
    }
    for sub in &chart.dependencies {
        match values.get(sub.name()) {
            None | Some(Value::Null) => {}
            Some(Value::Map(m)) => validate_into(sub, m, report, violations),
            Some(other) => {
                let msg = format!(
                    "invalid type for values: expected object (map), got {}",
                    other.go_type()
                );
                report.push_str(&format!("{}:\n{msg}\n", sub.name()));
                violations.push((sub.name().to_string(), String::new(), msg));
            }
        }
    }
}

/// Validates against one schema document; returns (JSON pointer, message)
/// for each violation, sorted by path.
pub fn validate_single(values: &Map, schema: &[u8]) -> Result<(), Vec<(String, String)>> {
    let schema: Json = serde_json::from_slice(schema).map_err(|e| {
        vec![(
            String::new(),
            format!("invalid schema: values.schema.json is not valid JSON: {e}"),
        )]
    })?;
    let mut opts = jsonschema::options()
        .with_base_uri("file:///values.schema.json")
        .should_validate_formats(false);
    if schema.get("$schema").is_none() {
        opts = opts.with_draft(jsonschema::Draft::Draft202012);
    }
    let validator = opts
        .build(&schema)
        .map_err(|e| vec![(String::new(), format!("invalid schema: {e}"))])?;
    let instance = to_json(&Value::map(values.clone()));
    let mut out: Vec<(String, String)> = validator
        .iter_errors(&instance)
        .map(|e| {
            (
                e.instance_path().to_string(),
                message(e.kind(), e.instance()),
            )
        })
        .collect();
    if out.is_empty() {
        return Ok(());
    }
    out.sort();
    out.dedup();
    Err(out)
}

fn json_type(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

fn quoted_list<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn json_text(v: &Json) -> String {
    match v {
        Json::String(s) => format!("'{s}'"),
        other => other.to_string(),
    }
}

/// Helm's (santhosh-tekuri/jsonschema) wording for common violations.
fn message(kind: &ValidationErrorKind, instance: &Json) -> String {
    use ValidationErrorKind as K;
    match kind {
        K::Type { kind } => {
            let want = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(ts) => ts
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            format!("got {}, want {want}", json_type(instance))
        }
        K::Required { property } => match property {
            Json::String(s) => format!("missing property '{s}'"),
            other => format!("missing property {other}"),
        },
        K::AdditionalProperties { unexpected } => {
            format!(
                "additional properties {} not allowed",
                quoted_list(unexpected)
            )
        }
        K::Enum { options } => match options.as_ref() {
            Json::Array(a) => format!(
                "value must be one of {}",
                a.iter().map(json_text).collect::<Vec<_>>().join(", ")
            ),
            other => format!("value must be one of {other}"),
        },
        K::Constant { expected_value } => format!("value must be {}", json_text(expected_value)),
        K::Minimum { limit } => format!("must be >= {limit} but found {instance}"),
        K::Maximum { limit } => format!("must be <= {limit} but found {instance}"),
        K::ExclusiveMinimum { limit } => format!("must be > {limit} but found {instance}"),
        K::ExclusiveMaximum { limit } => format!("must be < {limit} but found {instance}"),
        K::MinLength { limit } => format!(
            "minLength: got {}, want {limit}",
            instance.as_str().map_or(0, |s| s.chars().count())
        ),
        K::MaxLength { limit } => format!(
            "maxLength: got {}, want {limit}",
            instance.as_str().map_or(0, |s| s.chars().count())
        ),
        K::MinItems { limit } => format!(
            "minItems: got {}, want {limit}",
            instance.as_array().map_or(0, Vec::len)
        ),
        K::MaxItems { limit } => format!(
            "maxItems: got {}, want {limit}",
            instance.as_array().map_or(0, Vec::len)
        ),
        K::MinProperties { limit } => format!(
            "minProperties: got {}, want {limit}",
            instance.as_object().map_or(0, |o| o.len())
        ),
        K::MaxProperties { limit } => format!(
            "maxProperties: got {}, want {limit}",
            instance.as_object().map_or(0, |o| o.len())
        ),
        K::Pattern { pattern } => {
            format!("{} does not match pattern '{pattern}'", json_text(instance))
        }
        K::FalseSchema => "false schema".to_string(),
        K::UniqueItems => "items are not unique".to_string(),
        K::OneOfNotValid { .. } => "oneOf failed, none matched".to_string(),
        K::OneOfMultipleValid { .. } => "oneOf failed, more than one matched".to_string(),
        K::AnyOf { .. } => "anyOf failed".to_string(),
        K::Not { .. } => "not failed".to_string(),
        K::MultipleOf { multiple_of } => format!("{instance} not multipleOf {multiple_of}"),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::yaml::parse_values;

    fn m(y: &str) -> Map {
        parse_values(y).unwrap().as_map().cloned().unwrap()
    }

    fn chart(name: &str, schema: &str) -> Chart {
        Chart {
            metadata: crate::chart::Metadata {
                name: name.into(),
                ..Default::default()
            },
            schema: Some(schema.as_bytes().to_vec()),
            ..Default::default()
        }
    }

    const SCHEMA: &str = r##"{
      "$schema": "http://json-schema.org/draft-07/schema#",
      "type": "object",
      "required": ["image"],
      "properties": {
        "replicaCount": {"type": "integer", "minimum": 0},
        "image": {"$ref": "#/definitions/image"},
        "mode": {"enum": ["a", "b"]}
      },
      "definitions": {
        "image": {"type": "object", "required": ["repository"],
                  "properties": {"repository": {"type": "string"}}}
      }
    }"##;

    #[test]
    fn valid_values_pass() {
        let c = chart("web", SCHEMA);
        assert!(validate(&c, &m("replicaCount: 3\nimage: {repository: nginx}\n")).is_ok());
    }

    #[test]
    fn several_violations_are_listed_with_paths() {
        let c = chart("web", SCHEMA);
        let e = validate(
            &c,
            &m("replicaCount: many\nmode: c\nimage: {repository: 5}\n"),
        )
        .unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("values don't meet the specifications of the schema(s) in the following chart(s):\nweb:\n"), "{text}");
        assert!(
            text.contains("- at '/replicaCount': got string, want integer"),
            "{text}"
        );
        assert!(
            text.contains("- at '/image/repository': got integer, want string"),
            "{text}"
        );
        assert!(
            text.contains("- at '/mode': value must be one of 'a', 'b'"),
            "{text}"
        );
        assert_eq!(e.violations.len(), 3);
    }

    #[test]
    fn missing_property_and_ref() {
        let c = chart("web", SCHEMA);
        let e = validate(&c, &m("image: {}\n")).unwrap_err();
        assert!(
            e.to_string()
                .contains("- at '/image': missing property 'repository'"),
            "{e}"
        );
        let e = validate(&c, &m("a: 1\n")).unwrap_err();
        assert!(
            e.to_string().contains("- at '': missing property 'image'"),
            "{e}"
        );
    }

    #[test]
    fn subchart_schema_validates_its_table() {
        let mut c = chart("parent", r#"{"type":"object"}"#);
        let sub = chart(
            "sub",
            r#"{"type":"object","required":["age"],"properties":{"age":{"type":"integer"}}}"#,
        );
        c.dependencies.push(sub);
        let e = validate(&c, &m("sub: {name: x}\n")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "values don't meet the specifications of the schema(s) in the following chart(s):\nsub:\n- at '': missing property 'age'\n"
        );
        assert!(validate(&c, &m("sub: {age: 3}\n")).is_ok());
        let e = validate(&c, &m("sub: 3\n")).unwrap_err();
        assert!(
            e.to_string()
                .contains("sub:\ninvalid type for values: expected object (map), got float64")
        );
    }

    #[test]
    fn default_draft_is_2020_12_and_floats_count_as_integers() {
        let c = chart("x", r#"{"properties":{"count":{"type":"integer"}}}"#);
        assert!(validate(&c, &m("count: 3\n")).is_ok());
        assert!(validate(&c, &m("count: 3.5\n")).is_err());
    }
}
