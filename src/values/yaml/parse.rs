//! YAML -> values, reproducing `sigs.k8s.io/yaml.Unmarshal` (go-yaml v2 decode,
//! then the JSON hop).
//!
//! Pipeline:
//! 1. `saphyr-parser` events are collected into a per-document node arena
//!    (scalars keep their text, style and tag; aliases point at the anchored
//!    node, so anchors are expanded at decode time like go-yaml does).
//! 2. The arena is decoded into a [`Raw`] tree with go-yaml v2 semantics:
//!    YAML 1.1 scalar resolution, explicit core tags, merge keys, duplicate keys
//!    (last wins), key stringification (sigs.k8s.io/yaml rules) and go-yaml's
//!    alias-expansion ("billion laughs") ratio check.
//! 3. [`Raw::to_value`] performs the JSON hop: every number becomes
//!    `Value::Float`, NaN/Inf are rejected.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};

use super::{YamlError, YamlErrorKind};
use crate::values::gofmt::format_float;
use crate::values::value::{Map, Value};

/// Maximum nesting of collections. go-yaml v2.4 allows 10000 levels; we stop
/// at 1000 (same message format) so that recursive consumers of the tree
/// (decode, JSON hop, emit, drop) stay far from stack overflow even on 2 MiB
/// threads in debug builds. Real charts nest a few dozen levels at most.
const MAX_DEPTH: usize = 1_000;

/// A decoded YAML node with go-yaml v2's types, before the JSON hop.
///
/// * `Int` is what go-yaml produces for integers fitting `int64`; `Uint` for
///   integers only fitting `uint64` (`18446744073709551615`).
/// * `Str` also covers timestamps (go-yaml v2 keeps their text when decoding
///   into `interface{}`) and `!!binary` (decoded; invalid UTF-8 replaced).
/// * `Map` keeps first-insertion order; keys are already stringified (§1.2)
///   and unique (a duplicate key overwrites the earlier value in place).
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Raw>),
    Map(Vec<(String, Raw)>),
}

impl Raw {
    /// The JSON hop of sigs.k8s.io/yaml: numbers -> `Value::Float`, maps ->
    /// `Value::Map`. NaN and ±Inf fail like Go's `json.Marshal`
    /// (`json: unsupported value: +Inf`).
    pub fn to_value(&self) -> Result<Value, YamlError> {
        Ok(match self {
            Raw::Null => Value::Null,
            Raw::Bool(b) => Value::Bool(*b),
            Raw::Int(i) => Value::Float(*i as f64),
            Raw::Uint(u) => Value::Float(*u as f64),
            Raw::Float(f) => {
                if !f.is_finite() {
                    return Err(YamlError::new(
                        YamlErrorKind::Convert,
                        format!("json: unsupported value: {}", format_float(*f, 'g', -1, 64)),
                        0,
                        0,
                    ));
                }
                Value::Float(*f)
            }
            Raw::Str(s) => Value::String(s.clone()),
            Raw::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                for it in items {
                    out.push(it.to_value()?);
                }
                Value::list(out)
            }
            Raw::Map(entries) => {
                let mut m = Map::new();
                for (k, v) in entries {
                    m.insert(k.clone(), v.to_value()?);
                }
                Value::map(m)
            }
        })
    }

    /// Map lookup (`None` for non-maps / missing keys).
    pub fn get(&self, key: &str) -> Option<&Raw> {
        match self {
            Raw::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// How sigs.k8s.io/yaml fills a Go `string` struct field from this node
    /// (Chart.yaml `version`, `appVersion`, ...; spec §1.4): strings as is,
    /// ints in decimal, floats via `FormatFloat(f, 'g', -1, 32)` (`1.10` ->
    /// `"1.1"`, `1.0` -> `"1"`), bools `true`/`false`. `None` for null and
    /// collections (a JSON type error in Go; the caller decides).
    pub fn to_go_string_field(&self) -> Option<String> {
        match self {
            Raw::Str(s) => Some(s.clone()),
            Raw::Int(i) => Some(i.to_string()),
            Raw::Uint(u) => Some(u.to_string()),
            Raw::Float(f) => Some(format_float(*f, 'g', -1, 32)),
            Raw::Bool(b) => Some(b.to_string()),
            Raw::Null | Raw::Seq(_) | Raw::Map(_) => None,
        }
    }

    /// The word `encoding/json` uses for this value's JSON type in
    /// "cannot unmarshal X into Go value of type ..." errors.
    pub fn json_type_word(&self) -> &'static str {
        match self {
            Raw::Null => "null",
            Raw::Bool(_) => "bool",
            Raw::Int(_) | Raw::Uint(_) | Raw::Float(_) => "number",
            Raw::Str(_) => "string",
            Raw::Seq(_) => "array",
            Raw::Map(_) => "object",
        }
    }
}

// ---------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------

/// Parses every document of `src` into go-yaml v2 raw trees.
/// An empty stream yields no documents; an empty document yields `Raw::Null`.
pub fn parse_raw(src: &str) -> Result<Vec<Raw>, YamlError> {
    parse_docs(strip_bom(src), usize::MAX)
}

/// The first document only, later ones not even parsed (go-yaml's
/// `Unmarshal`); `None` for an empty stream.
pub fn parse_first_raw(src: &str) -> Result<Option<Raw>, YamlError> {
    Ok(parse_docs(strip_bom(src), 1)?.into_iter().next())
}

/// `fromYaml` semantics: only the first document is read (later documents are
/// not even parsed). An empty stream is `Value::Null`. Non-map top-levels are
/// returned as they are.
pub fn parse_first_doc(src: &str) -> Result<Value, YamlError> {
    let docs = parse_docs(strip_bom(src), 1)?;
    match docs.first() {
        Some(raw) => raw.to_value(),
        None => Ok(Value::Null),
    }
}

/// Helm v4 `LoadValues` (used for `-f` files and chart `values.yaml`).
///
/// The input is split like k8s' `YAMLReader`: a line consisting of `---` plus
/// only trailing whitespace separates chunks (other `---` lines, e.g.
/// `--- {a: 1}`, stay inside a chunk); each chunk is unmarshalled on its own
/// (only its first YAML document counts) and the resulting maps are deep-merged
/// in order. Empty / `null` chunks contribute nothing; a top-level list or
/// scalar is an error. A leading UTF-8 BOM is stripped. Always returns a map.
pub fn parse_values(src: &str) -> Result<Value, YamlError> {
    let src = strip_bom(src);
    let mut out = Map::new();
    for (chunk, line_offset) in split_chunks(src) {
        let docs = parse_docs(chunk, 1).map_err(|mut e| {
            if e.line > 0 {
                e.line += line_offset;
            }
            e
        })?;
        let Some(raw) = docs.into_iter().next() else {
            continue;
        };
        match raw {
            Raw::Null => {}
            Raw::Map(_) => {
                if let Value::Map(m) = raw.to_value()? {
                    merge_maps(&mut out, std::sync::Arc::unwrap_or_clone(m));
                }
            }
            other => {
                // json.Unmarshal validates the whole JSON text first, so NaN/Inf
                // anywhere still wins over the type mismatch.
                other.to_value()?;
                return Err(YamlError::new(
                    YamlErrorKind::Unmarshal,
                    format!(
                        "cannot unmarshal {} into Go value of type map[string]interface {{}}",
                        other.json_type_word()
                    ),
                    1 + line_offset,
                    1,
                ));
            }
        }
    }
    Ok(Value::map(out))
}

/// Chart `values.yaml`: Helm's chart loader hands the file to `LoadValues`
/// with a final newline appended when missing (observable with a block
/// scalar at EOF: `a: |\n  x` is `"x\n"` here but `"x"` via `-f`).
pub fn parse_chart_values(src: &str) -> Result<Value, YamlError> {
    if src.ends_with('\n') || src.is_empty() {
        parse_values(src)
    } else {
        let mut s = String::with_capacity(src.len() + 1);
        s.push_str(src);
        s.push('\n');
        parse_values(&s)
    }
}

/// [`parse_values`] with a source name attached to errors
/// (`values.yaml:3:5: mapping values are not allowed in this context`).
pub fn parse_values_named(src: &str, name: &str) -> Result<Value, YamlError> {
    parse_values(src).map_err(|e| e.with_source(name))
}

/// Helm's `MergeMaps`: maps merged recursively, anything else replaced.
fn merge_maps(dst: &mut Map, src: Map) {
    for (k, v) in src {
        match (dst.get_mut(&k), v) {
            (Some(Value::Map(d)), Value::Map(s)) => {
                merge_maps(
                    std::sync::Arc::make_mut(d),
                    std::sync::Arc::unwrap_or_clone(s),
                );
            }
            (_, v) => {
                dst.insert(k, v);
            }
        }
    }
}

fn strip_bom(src: &str) -> &str {
    src.strip_prefix('\u{feff}').unwrap_or(src)
}

/// Splits on lines that are exactly `---` followed by whitespace only
/// (k8s.io/apimachinery `YAMLReader`). Yields `(chunk, lines before chunk)`;
/// empty chunks are skipped.
fn split_chunks(src: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut start_line = 0usize;
    let mut line_no = 0usize;
    let mut pos = 0usize;
    while pos < src.len() {
        let end = src[pos..].find('\n').map_or(src.len(), |i| pos + i + 1);
        let line = &src[pos..end];
        if let Some(rest) = line.strip_prefix("---")
            && rest.chars().all(char::is_whitespace)
        {
            if pos > start {
                out.push((&src[start..pos], start_line));
            }
            start = end;
            start_line = line_no + 1;
        }
        line_no += 1;
        pos = end;
    }
    if src.len() > start {
        out.push((&src[start..], start_line));
    }
    out
}

// ---------------------------------------------------------------------------
// Events -> node arena
// ---------------------------------------------------------------------------

enum NodeKind {
    Scalar {
        value: String,
        style: ScalarStyle,
        tag: Option<String>,
    },
    Seq(Vec<usize>),
    /// Alternating key, value node indices.
    Map(Vec<usize>),
    /// Index of the anchored node.
    Alias(usize),
}

struct Node {
    kind: NodeKind,
    line: usize,
    col: usize,
    /// Char index in the source (for anchor names in messages).
    index: usize,
}

fn syntax_error(e: &ScanError) -> YamlError {
    let m = e.marker();
    let info = e.info();
    // libyaml reports the 0-based line of parser errors and the 1-based line of
    // scanner errors, and omits "line 0". saphyr lines are 1-based.
    let parser_err = (info.starts_with("while parsing")
        && !info.starts_with("while parsing a quoted")
        && !info.starts_with("while parsing a tag"))
        || info.starts_with("did not find expected <");
    let go_line = if m.line() <= 1 {
        0
    } else if parser_err {
        m.line() - 1
    } else {
        m.line()
    };
    let msg = go_problem_text(info);
    let mut err = YamlError::new(YamlErrorKind::Syntax, msg, m.line(), m.col() + 1);
    err.go_line = go_line;
    err
}

/// Rewords saphyr messages into libyaml's `problem` text where they differ.
fn go_problem_text(info: &str) -> String {
    if info == "while parsing a flow sequence, expected ',' or ']'" {
        return "did not find expected ',' or ']'".to_string();
    }
    if info.starts_with("tabs disallowed") || info.starts_with("tab cannot be used") {
        return "found character that cannot start any token".to_string();
    }
    if info == "simple key expect ':'" {
        return "could not find expected ':'".to_string();
    }
    if info == "while parsing node, found unknown anchor" {
        return "found unknown anchor".to_string();
    }
    // libyaml keeps "while scanning/parsing X" as separate context; go-yaml
    // prints only the problem.
    if (info.starts_with("while parsing ") || info.starts_with("while scanning "))
        && let Some((_, rest)) = info.split_once(", ")
    {
        return rest.to_string();
    }
    info.to_string()
}

fn tag_string(tag: &saphyr_parser::Tag) -> String {
    if tag.handle == "!" {
        format!("!{}", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

enum Fail {
    Error(YamlError),
    /// saphyr rejects `key:<TAB>value` (YAML 1.2 strictness) which go-yaml
    /// accepts; the char index of the error mark, to patch and retry.
    TabAfterColon(usize),
    /// saphyr requires continuation lines of a quoted scalar to be indented
    /// past the parent block; libyaml does not. Char index of the quote.
    QuotedIndent(usize),
}

impl From<YamlError> for Fail {
    fn from(e: YamlError) -> Self {
        Fail::Error(e)
    }
}

/// Parses up to `max_docs` documents; stops pulling events after the last one
/// wanted (like go-yaml's `Unmarshal`, which never looks past document one).
fn parse_docs(src: &str, max_docs: usize) -> Result<Vec<Raw>, YamlError> {
    if let Some(pos) = src.find(|c: char| !yaml_allowed_char(c)) {
        let line = 1 + src[..pos].matches('\n').count();
        let col = 1 + src[..pos]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count());
        return Err(YamlError::new(
            YamlErrorKind::Syntax,
            "control characters are not allowed",
            line,
            col,
        ));
    }
    // go-yaml (YAML 1.1) treats a raw NEL (U+0085) as a line break everywhere
    // and normalises it to '\n'; saphyr (YAML 1.2) does not, so do it here.
    let mut patched: Option<String> = src.contains('\u{85}').then(|| src.replace('\u{85}', "\n"));
    let mut retries = 0usize;
    loop {
        let text = patched.as_deref().unwrap_or(src);
        let result = parse_docs_once(text, max_docs);
        retries += 1;
        if retries > 1000 {
            // Pathological input; report the error as it stands.
            if let Err(Fail::TabAfterColon(_) | Fail::QuotedIndent(_)) = result {
                return Err(YamlError::new(
                    YamlErrorKind::Syntax,
                    "too many syntax workarounds",
                    0,
                    0,
                ));
            }
        }
        match result {
            Ok(docs) => return Ok(docs),
            Err(Fail::Error(e)) => return Err(e),
            Err(Fail::QuotedIndent(at)) => match indent_quoted(text, at) {
                Some(t) => patched = Some(t),
                None => {
                    return Err(YamlError::new(
                        YamlErrorKind::Syntax,
                        "invalid indentation in quoted scalar",
                        0,
                        0,
                    ));
                }
            },
            Err(Fail::TabAfterColon(at)) => {
                // Replace the TAB right after the ':' by a space (same column
                // count, same meaning for go-yaml) and parse again.
                let byte_at = char_to_byte(text, at);
                let head = &text[..byte_at];
                let colon = head.trim_end_matches(['\t', ' ']).len();
                if !head[..colon].ends_with(':') || !head[colon..].starts_with('\t') {
                    return Err(YamlError::new(
                        YamlErrorKind::Syntax,
                        "found character that cannot start any token",
                        0,
                        0,
                    ));
                }
                let mut t = String::with_capacity(text.len());
                t.push_str(&text[..colon]);
                t.push(' ');
                t.push_str(&text[colon + 1..]);
                patched = Some(t);
            }
        }
    }
}

/// Characters go-yaml's reader accepts in a YAML stream.
pub(crate) fn yaml_allowed_char(c: char) -> bool {
    matches!(c as u32,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Indents every continuation line of the quoted scalar starting at char
/// index `at` by its start column. Leading white space of continuation lines
/// is not part of a quoted scalar's value, so the meaning is unchanged; lines
/// starting with a document marker are left alone (still an error, as in
/// libyaml). `None` if no quoted scalar starts there.
fn indent_quoted(text: &str, at: usize) -> Option<String> {
    let start = char_to_byte(text, at);
    let quote = text[start..].chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
    let pad = text[line_start..start].chars().count().max(1);
    let bytes = text.as_bytes();
    let mut inserts = Vec::new();
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == '"' => i += 1,
            b'"' if quote == '"' => break,
            b'\'' if quote == '\'' => {
                if bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    break;
                }
            }
            b'\n' => {
                let rest = &text[i + 1..];
                let marker = (rest.starts_with("---") || rest.starts_with("..."))
                    && rest[3..].chars().next().is_none_or(char::is_whitespace);
                if !marker {
                    inserts.push(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    if inserts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + inserts.len() * pad);
    let mut last = 0;
    for p in inserts {
        out.push_str(&text[last..p]);
        out.extend(std::iter::repeat_n(' ', pad));
        last = p;
    }
    out.push_str(&text[last..]);
    Some(out)
}

fn char_to_byte(src: &str, char_index: usize) -> usize {
    src.char_indices()
        .nth(char_index)
        .map_or(src.len(), |(b, _)| b)
}

/// The anchor/alias name at char index `at` (pointing at `&` or `*`).
fn anchor_name(src: &str, at: usize) -> &str {
    let b = char_to_byte(src, at);
    let rest = &src[b..];
    let rest = rest.strip_prefix(['*', '&']).unwrap_or(rest);
    let end = rest
        .find(|c: char| c.is_whitespace() || ",[]{}".contains(c))
        .unwrap_or(rest.len());
    &rest[..end]
}

fn parse_docs_once(src: &str, max_docs: usize) -> Result<Vec<Raw>, Fail> {
    // libyaml: a block scalar whose last line ends the input without a line
    // break has no final break to clip/keep (saphyr adds one). Char length
    // of the input when that situation is possible.
    let may_end_without_break = !src.ends_with('\n')
        && src
            .rsplit('\n')
            .next()
            .is_some_and(|l| !l.trim().is_empty());
    let mut src_chars: Option<usize> = None;
    let mut parser = Parser::new_from_str(src);
    let mut docs = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut anchors: HashMap<usize, usize> = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut root: Option<usize> = None;
    let mut in_doc = false;

    while docs.len() < max_docs {
        let Some(ev) = parser.next_event() else {
            break;
        };
        let (ev, span): (Event, Span) = match ev {
            Ok(x) => x,
            Err(e) => {
                if e.info() == "':' must be followed by a valid YAML whitespace" {
                    return Err(Fail::TabAfterColon(e.marker().index()));
                }
                if e.info() == "invalid indentation in quoted scalar" {
                    return Err(Fail::QuotedIndent(e.marker().index()));
                }
                let mut err = syntax_error(&e);
                if e.info().ends_with("found unexpected end of stream") {
                    // libyaml reports the end-of-input position.
                    let n = src.matches('\n').count();
                    err.go_line = if n > 0 { n + 1 } else { 0 };
                }
                if e.info() == "while parsing node, found unknown anchor" {
                    err.kind = YamlErrorKind::Decode;
                    err.message = format!(
                        "unknown anchor '{}' referenced",
                        anchor_name(src, e.marker().index())
                    );
                }
                return Err(Fail::Error(err));
            }
        };
        let index = span.start.index();
        let line = span.start.line();
        let col = span.start.col() + 1;
        match ev {
            Event::StreamStart | Event::Nothing => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                nodes.clear();
                anchors.clear();
                stack.clear();
                root = None;
                in_doc = true;
            }
            Event::DocumentEnd => {
                in_doc = false;
                let raw = match root {
                    Some(r) => Decoder::new(&nodes, src).decode_document(r)?,
                    None => Raw::Null,
                };
                docs.push(raw);
            }
            Event::Alias(id) => {
                let Some(&target) = anchors.get(&id) else {
                    return Err(YamlError::new(
                        YamlErrorKind::Decode,
                        format!("unknown anchor '{}' referenced", anchor_name(src, index)),
                        line,
                        col,
                    )
                    .into());
                };
                let idx = nodes.len();
                nodes.push(Node {
                    kind: NodeKind::Alias(target),
                    line,
                    col,
                    index,
                });
                attach(&mut nodes, &stack, &mut root, idx);
            }
            Event::Scalar(value, style, anchor, tag) => {
                let mut value = value.into_owned();
                if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded)
                    && may_end_without_break
                    && value.ends_with('\n')
                    && *src_chars.get_or_insert_with(|| src.chars().count()) == span.end.index()
                {
                    value.pop();
                }
                let idx = nodes.len();
                nodes.push(Node {
                    kind: NodeKind::Scalar {
                        value,
                        style,
                        tag: tag.map(|t| tag_string(&t)),
                    },
                    line,
                    col,
                    index,
                });
                if anchor > 0 {
                    anchors.insert(anchor, idx);
                }
                attach(&mut nodes, &stack, &mut root, idx);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(YamlError::new(
                        YamlErrorKind::Syntax,
                        format!("exceeded max depth of {MAX_DEPTH}"),
                        line,
                        col,
                    )
                    .into());
                }
                let idx = nodes.len();
                let kind = if matches!(ev, Event::SequenceStart(..)) {
                    NodeKind::Seq(Vec::new())
                } else {
                    NodeKind::Map(Vec::new())
                };
                nodes.push(Node {
                    kind,
                    line,
                    col,
                    index,
                });
                if anchor > 0 {
                    anchors.insert(anchor, idx);
                }
                attach(&mut nodes, &stack, &mut root, idx);
                stack.push(idx);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
            }
        }
    }
    if in_doc && docs.len() < max_docs {
        // The stream ended without DocumentEnd (should not happen with saphyr).
        let raw = match root {
            Some(r) => Decoder::new(&nodes, src).decode_document(r)?,
            None => Raw::Null,
        };
        docs.push(raw);
    }
    Ok(docs)
}

fn attach(nodes: &mut [Node], stack: &[usize], root: &mut Option<usize>, idx: usize) {
    match stack.last() {
        Some(&parent) => match &mut nodes[parent].kind {
            NodeKind::Seq(c) | NodeKind::Map(c) => c.push(idx),
            _ => {}
        },
        None => {
            if root.is_none() {
                *root = Some(idx);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Node arena -> Raw (go-yaml v2 decoder semantics)
// ---------------------------------------------------------------------------

const ALIAS_RATIO_RANGE_LOW: usize = 400_000;
const ALIAS_RATIO_RANGE_HIGH: usize = 4_000_000;

fn allowed_alias_ratio(decode_count: usize) -> f64 {
    if decode_count <= ALIAS_RATIO_RANGE_LOW {
        0.99
    } else if decode_count >= ALIAS_RATIO_RANGE_HIGH {
        0.10
    } else {
        let range = (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW) as f64;
        0.99 - 0.89 * ((decode_count - ALIAS_RATIO_RANGE_LOW) as f64 / range)
    }
}

struct Decoder<'a> {
    nodes: &'a [Node],
    src: &'a str,
    decode_count: usize,
    alias_count: usize,
    alias_depth: usize,
    /// Anchored nodes currently being expanded (cycle detection).
    expanding: Vec<usize>,
    depth: usize,
}

/// Map under construction: first-insertion order, last value wins.
struct MapBuilder {
    entries: Vec<(String, Raw)>,
    index: Option<HashMap<String, usize>>,
}

impl MapBuilder {
    fn new() -> Self {
        MapBuilder {
            entries: Vec::new(),
            index: None,
        }
    }

    fn insert(&mut self, k: String, v: Raw) {
        if let Some(ix) = &mut self.index {
            if let Some(&i) = ix.get(&k) {
                self.entries[i].1 = v;
            } else {
                ix.insert(k.clone(), self.entries.len());
                self.entries.push((k, v));
            }
            return;
        }
        if let Some(e) = self.entries.iter_mut().find(|e| e.0 == k) {
            e.1 = v;
            return;
        }
        self.entries.push((k, v));
        if self.entries.len() > 16 {
            let ix = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.clone(), i))
                .collect();
            self.index = Some(ix);
        }
    }
}

impl<'a> Decoder<'a> {
    fn new(nodes: &'a [Node], src: &'a str) -> Self {
        Decoder {
            nodes,
            src,
            decode_count: 0,
            alias_count: 0,
            alias_depth: 0,
            expanding: Vec::new(),
            depth: 0,
        }
    }

    fn err(&self, idx: usize, kind: YamlErrorKind, msg: impl Into<String>) -> YamlError {
        let n = &self.nodes[idx];
        YamlError::new(kind, msg, n.line, n.col)
    }

    fn decode_document(&mut self, root: usize) -> Result<Raw, YamlError> {
        // go-yaml counts the document node itself.
        self.decode_count += 1;
        self.decode(root)
    }

    /// go-yaml's per-node accounting (`d.unmarshal`): counts decodes and
    /// alias-driven decodes, rejecting excessive alias expansion.
    fn tick(&mut self, idx: usize) -> Result<(), YamlError> {
        self.decode_count += 1;
        if self.alias_depth > 0 {
            self.alias_count += 1;
        }
        if self.alias_count > 100
            && self.decode_count > 1000
            && self.alias_count as f64 / self.decode_count as f64
                > allowed_alias_ratio(self.decode_count)
        {
            return Err(self.err(
                idx,
                YamlErrorKind::Decode,
                "document contains excessive aliasing",
            ));
        }
        Ok(())
    }

    fn decode(&mut self, idx: usize) -> Result<Raw, YamlError> {
        self.tick(idx)?;
        let nodes = self.nodes;
        match &nodes[idx].kind {
            NodeKind::Scalar { value, style, tag } => resolve_node(value, *style, tag.as_deref())
                .map_err(|m| self.err(idx, YamlErrorKind::Decode, m)),
            NodeKind::Seq(children) => {
                self.enter(idx)?;
                let mut out = Vec::with_capacity(children.len());
                for &c in children {
                    out.push(self.decode(c)?);
                }
                self.depth -= 1;
                Ok(Raw::Seq(out))
            }
            NodeKind::Map(_) => {
                self.enter(idx)?;
                let mut mb = MapBuilder::new();
                self.mapping_into(idx, &mut mb)?;
                self.depth -= 1;
                Ok(Raw::Map(mb.entries))
            }
            NodeKind::Alias(target) => {
                let target = *target;
                self.begin_alias(idx, target)?;
                let r = self.decode(target);
                self.end_alias();
                r
            }
        }
    }

    fn enter(&mut self, idx: usize) -> Result<(), YamlError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(
                idx,
                YamlErrorKind::Decode,
                format!("exceeded max depth of {MAX_DEPTH}"),
            ));
        }
        Ok(())
    }

    fn begin_alias(&mut self, idx: usize, target: usize) -> Result<(), YamlError> {
        if self.expanding.contains(&target) {
            let name = anchor_name(self.src, self.nodes[idx].index);
            return Err(self.err(
                idx,
                YamlErrorKind::Decode,
                format!("anchor '{name}' value contains itself"),
            ));
        }
        self.expanding.push(target);
        self.alias_depth += 1;
        Ok(())
    }

    fn end_alias(&mut self) {
        self.expanding.pop();
        self.alias_depth -= 1;
    }

    fn is_merge_key(&self, idx: usize) -> bool {
        match &self.nodes[idx].kind {
            NodeKind::Scalar { value, style, tag } => {
                value == "<<"
                    && match tag.as_deref() {
                        None => *style == ScalarStyle::Plain,
                        Some(t) => t == "!" || t == "tag:yaml.org,2002:merge",
                    }
            }
            _ => false,
        }
    }

    /// Decodes the key/value pairs of mapping node `idx` into `mb`.
    fn mapping_into(&mut self, idx: usize, mb: &mut MapBuilder) -> Result<(), YamlError> {
        let nodes = self.nodes;
        let NodeKind::Map(children) = &nodes[idx].kind else {
            return Ok(());
        };
        for pair in children.chunks(2) {
            let [k, v] = *pair else {
                continue;
            };
            if self.is_merge_key(k) {
                self.merge(v, mb)?;
                continue;
            }
            let key = self.decode(k)?;
            let key = self.key_string(k, key, v)?;
            let val = self.decode(v)?;
            mb.insert(key, val);
        }
        Ok(())
    }

    fn fail_want_map(&self, idx: usize) -> YamlError {
        self.err(
            idx,
            YamlErrorKind::Decode,
            "map merge requires map or sequence of maps as the value",
        )
    }

    fn is_map_or_alias_to_map(&self, idx: usize) -> bool {
        match &self.nodes[idx].kind {
            NodeKind::Map(_) => true,
            NodeKind::Alias(t) => matches!(self.nodes[*t].kind, NodeKind::Map(_)),
            _ => false,
        }
    }

    /// Decodes a mapping (or an alias to one) into an existing map.
    fn unmarshal_into(&mut self, idx: usize, mb: &mut MapBuilder) -> Result<(), YamlError> {
        self.tick(idx)?;
        match &self.nodes[idx].kind {
            NodeKind::Map(_) => {
                self.enter(idx)?;
                self.mapping_into(idx, mb)?;
                self.depth -= 1;
                Ok(())
            }
            NodeKind::Alias(t) => {
                let t = *t;
                self.begin_alias(idx, t)?;
                let r = self.unmarshal_into(t, mb);
                self.end_alias();
                r
            }
            _ => Err(self.fail_want_map(idx)),
        }
    }

    fn merge(&mut self, v: usize, mb: &mut MapBuilder) -> Result<(), YamlError> {
        let nodes = self.nodes;
        match &nodes[v].kind {
            NodeKind::Map(_) | NodeKind::Alias(_) => {
                if !self.is_map_or_alias_to_map(v) {
                    return Err(self.fail_want_map(v));
                }
                self.unmarshal_into(v, mb)
            }
            NodeKind::Seq(children) => {
                // Earlier entries take precedence: apply them last.
                for &c in children.iter().rev() {
                    if !self.is_map_or_alias_to_map(c) {
                        return Err(self.fail_want_map(c));
                    }
                    self.unmarshal_into(c, mb)?;
                }
                Ok(())
            }
            NodeKind::Scalar { .. } => Err(self.fail_want_map(v)),
        }
    }

    /// sigs.k8s.io/yaml key conversion (§1.2).
    fn key_string(&self, k: usize, key: Raw, v: usize) -> Result<String, YamlError> {
        Ok(match key {
            Raw::Str(s) => s,
            Raw::Int(i) => i.to_string(),
            Raw::Bool(b) => if b { "true" } else { "false" }.to_string(),
            Raw::Float(f) => match format_float(f, 'g', -1, 32).as_str() {
                "+Inf" => ".inf".to_string(),
                "-Inf" => "-.inf".to_string(),
                "NaN" => ".nan".to_string(),
                s => s.to_string(),
            },
            Raw::Seq(_) | Raw::Map(_) => {
                return Err(self.err(
                    k,
                    YamlErrorKind::Decode,
                    format!("invalid map key: {}", go_sharp_v(&key)),
                ));
            }
            Raw::Uint(_) | Raw::Null => {
                let ty = if matches!(key, Raw::Null) {
                    "%!s(<nil>)"
                } else {
                    "uint64"
                };
                let value = self.clone_for_message(v);
                return Err(self.err(
                    k,
                    YamlErrorKind::Convert,
                    format!(
                        "unsupported map key of type: {ty}, key: {}, value: {}",
                        go_sharp_v(&key),
                        value
                    ),
                ));
            }
        })
    }

    /// Best-effort Go `%+#v` of a value node for error messages (no alias
    /// expansion beyond a fresh decoder's limits).
    fn clone_for_message(&self, v: usize) -> String {
        let mut d = Decoder::new(self.nodes, self.src);
        match d.decode(v) {
            Ok(r) => go_sharp_v(&r),
            Err(_) => "?".to_string(),
        }
    }
}

/// Approximation of Go's `%#v` for go-yaml decoded values (error messages only).
fn go_sharp_v(r: &Raw) -> String {
    go_sharp_v_in(r, false)
}

fn go_sharp_v_in(r: &Raw, nested: bool) -> String {
    match r {
        Raw::Null if nested => "interface {}(nil)".to_string(),
        Raw::Null => "<nil>".to_string(),
        Raw::Bool(b) => b.to_string(),
        Raw::Int(i) => i.to_string(),
        Raw::Uint(u) => format!("0x{u:x}"),
        Raw::Float(f) => format_float(*f, 'g', -1, 64),
        Raw::Str(s) => format!("{s:?}"),
        Raw::Seq(items) => {
            let parts: Vec<String> = items.iter().map(|x| go_sharp_v_in(x, true)).collect();
            format!("[]interface {{}}{{{}}}", parts.join(", "))
        }
        Raw::Map(entries) => {
            let mut parts: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{k:?}:{}", go_sharp_v_in(v, true)))
                .collect();
            parts.sort();
            format!("map[interface {{}}]interface {{}}{{{}}}", parts.join(", "))
        }
    }
}

// ---------------------------------------------------------------------------
// Scalar resolution (go-yaml v2 resolve.go behaviour)
// ---------------------------------------------------------------------------

const CORE: &str = "tag:yaml.org,2002:";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RTag {
    Str,
    Bool,
    Int,
    Float,
    Null,
    Timestamp,
}

impl RTag {
    fn short(self) -> &'static str {
        match self {
            RTag::Str => "!!str",
            RTag::Bool => "!!bool",
            RTag::Int => "!!int",
            RTag::Float => "!!float",
            RTag::Null => "!!null",
            RTag::Timestamp => "!!timestamp",
        }
    }
}

/// Resolves a scalar node the way go-yaml v2 decodes it into `interface{}`.
/// Errors carry go-yaml's message (without the `yaml: ` prefix).
fn resolve_node(value: &str, style: ScalarStyle, tag: Option<&str>) -> Result<Raw, String> {
    let Some(tag) = tag else {
        return Ok(if style == ScalarStyle::Plain {
            resolve_plain(value, true).1
        } else {
            Raw::Str(value.to_string())
        });
    };
    let want = match tag.strip_prefix(CORE) {
        Some("str") => return Ok(Raw::Str(value.to_string())),
        Some("binary") => {
            return match super::super::base64::decode_std(value).ok() {
                Some(bytes) => Ok(Raw::Str(String::from_utf8_lossy(&bytes).into_owned())),
                None => Err("!!binary value contains invalid base64 data".to_string()),
            };
        }
        Some("bool") => RTag::Bool,
        Some("int") => RTag::Int,
        Some("float") => RTag::Float,
        Some("timestamp") => RTag::Timestamp,
        Some("null") => RTag::Null,
        // Non-resolvable tags (!!map, !!seq, local tags, `!`): the text as is.
        _ => return Ok(Raw::Str(value.to_string())),
    };
    let (rtag, raw) = resolve_plain(value, want == RTag::Timestamp);
    if rtag == want {
        return Ok(raw);
    }
    if want == RTag::Float
        && let Raw::Int(i) = raw
    {
        return Ok(Raw::Float(i as f64));
    }
    Err(format!(
        "cannot decode {} `{}` as a {}",
        rtag.short(),
        value,
        want.short()
    ))
}

/// Implicit resolution of plain text (go-yaml v2 `resolve("", s)`).
/// `check_ts`: try timestamps (untagged or `!!timestamp`); a timestamp stays a
/// string in the result.
fn resolve_plain(s: &str, check_ts: bool) -> (RTag, Raw) {
    let Some(&first) = s.as_bytes().first() else {
        return (RTag::Null, Raw::Null);
    };
    let hint = match first {
        b'+' | b'-' => b'S',
        b'0'..=b'9' => b'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => b'M',
        b'.' => b'.',
        _ => return (RTag::Str, Raw::Str(s.to_string())),
    };
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return (RTag::Bool, Raw::Bool(true));
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return (RTag::Bool, Raw::Bool(false));
        }
        "~" | "null" | "Null" | "NULL" => return (RTag::Null, Raw::Null),
        ".nan" | ".NaN" | ".NAN" => return (RTag::Float, Raw::Float(f64::NAN)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return (RTag::Float, Raw::Float(f64::INFINITY));
        }
        "-.inf" | "-.Inf" | "-.INF" => return (RTag::Float, Raw::Float(f64::NEG_INFINITY)),
        _ => {}
    }
    match hint {
        b'.' => {
            if let Some(f) = go_parse_float(s) {
                return (RTag::Float, Raw::Float(f));
            }
        }
        b'D' | b'S' => {
            if check_ts && is_timestamp(s) {
                return (RTag::Timestamp, Raw::Str(s.to_string()));
            }
            let plain: std::borrow::Cow<str> = if s.contains('_') {
                s.replace('_', "").into()
            } else {
                s.into()
            };
            if let Some(i) = parse_int_base0(&plain) {
                return (RTag::Int, Raw::Int(i));
            }
            if let Some(u) = parse_uint_base0(&plain) {
                return (RTag::Int, Raw::Uint(u));
            }
            if is_yaml_style_float(&plain)
                && let Some(f) = go_parse_float(&plain)
            {
                return (RTag::Float, Raw::Float(f));
            }
            if let Some(rest) = plain.strip_prefix("0b") {
                if let Ok(i) = i64::from_str_radix(rest, 2) {
                    return (RTag::Int, Raw::Int(i));
                }
                if let Some(u) = parse_uint_radix(rest, 2) {
                    return (RTag::Int, Raw::Uint(u));
                }
            } else if let Some(rest) = plain.strip_prefix("-0b")
                && let Ok(i) = i64::from_str_radix(&format!("-{rest}"), 2)
            {
                return (RTag::Int, Raw::Int(i));
            }
        }
        _ => {}
    }
    (RTag::Str, Raw::Str(s.to_string()))
}

/// The text would not stay a string if written plain (used by the emitter):
/// resolves to bool/null/int/float or is a timestamp.
pub(crate) fn plain_resolves_to_non_string(s: &str) -> bool {
    resolve_plain(s, true).0 != RTag::Str
}

/// Go `strconv.ParseUint(s, 0, 64)` on text without underscores.
fn parse_uint_base0(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() {
        return None;
    }
    let (radix, digits) = if b[0] == b'0' {
        if b.len() >= 3 {
            match b[1] {
                b'x' | b'X' => (16, &s[2..]),
                b'o' | b'O' => (8, &s[2..]),
                b'b' | b'B' => (2, &s[2..]),
                _ => (8, &s[1..]),
            }
        } else {
            (8, &s[1..])
        }
    } else {
        (10, s)
    };
    if digits.is_empty() {
        // "0" alone (base 8, no digits left) is 0 in Go.
        return if s == "0" { Some(0) } else { None };
    }
    parse_uint_radix(digits, radix)
}

/// Digits only (no sign), checked for overflow.
fn parse_uint_radix(digits: &str, radix: u32) -> Option<u64> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// Go `strconv.ParseInt(s, 0, 64)` on text without underscores.
fn parse_int_base0(s: &str) -> Option<i64> {
    let (neg, rest) = match s.as_bytes().first()? {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let u = parse_uint_base0(rest)?;
    if neg {
        if u <= 1u64 << 63 {
            Some((u as i64).wrapping_neg())
        } else {
            None
        }
    } else {
        i64::try_from(u).ok()
    }
}

/// Go `strconv.ParseFloat(s, 64)` for decimal text; `None` on syntax error or
/// overflow (Go returns ErrRange there).
fn go_parse_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    // Only plain decimal syntax reaches here in practice; reject the words Rust
    // accepts but Go spells differently (Go also accepts inf/nan words, but they
    // never reach this function: they don't start with '.' or a digit/sign+digit).
    if b.iter()
        .any(|c| c.is_ascii_alphabetic() && *c != b'e' && *c != b'E')
    {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    if f.is_infinite() { None } else { Some(f) }
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let st = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - st
    };
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// go-yaml v2 `parseTimestamp`: Go `time.Parse` with the layouts
/// `2006-1-2T15:4:5.999999999Z07:00`, `2006-1-2t15:4:5.999999999Z07:00`,
/// `2006-1-2 15:4:5.999999999`, `2006-1-2`.
pub(crate) fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    // Quick check: exactly four digits then '-'.
    let lead = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if lead != 4 || b.len() == 4 || b[4] != b'-' {
        return false;
    }
    let Some((year, month, day, rest)) = ts_date(b) else {
        return false;
    };
    if month == 0 || month > 12 || day == 0 || day > days_in(month, year) {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    let (sep, rest) = (rest[0], &rest[1..]);
    let with_tz = match sep {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    let Some(rest) = ts_time(rest) else {
        return false;
    };
    if with_tz {
        ts_zone(rest)
    } else {
        rest.is_empty()
    }
}

/// Go `getnum(s, false)`: one or two digits.
fn getnum(b: &[u8]) -> Option<(u32, &[u8])> {
    let d0 = *b.first()?;
    if !d0.is_ascii_digit() {
        return None;
    }
    match b.get(1) {
        Some(d1) if d1.is_ascii_digit() => {
            Some((u32::from(d0 - b'0') * 10 + u32::from(d1 - b'0'), &b[2..]))
        }
        _ => Some((u32::from(d0 - b'0'), &b[1..])),
    }
}

fn ts_date(b: &[u8]) -> Option<(u32, u32, u32, &[u8])> {
    let year = b[..4]
        .iter()
        .fold(0u32, |a, c| a * 10 + u32::from(c - b'0'));
    let rest = b.get(5..)?;
    let (month, rest) = getnum(rest)?;
    let rest = rest.strip_prefix(b"-")?;
    let (day, rest) = getnum(rest)?;
    Some((year, month, day, rest))
}

fn ts_time(b: &[u8]) -> Option<&[u8]> {
    let (h, rest) = getnum(b)?;
    let rest = rest.strip_prefix(b":")?;
    let (m, rest) = getnum(rest)?;
    let rest = rest.strip_prefix(b":")?;
    let (s, mut rest) = getnum(rest)?;
    if h >= 24 || m >= 60 || s >= 60 {
        return None;
    }
    // Optional fraction: [.,] followed by at least one digit.
    if rest.len() >= 2 && (rest[0] == b'.' || rest[0] == b',') && rest[1].is_ascii_digit() {
        let n = 1 + rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        rest = &rest[n..];
    }
    Some(rest)
}

fn ts_zone(b: &[u8]) -> bool {
    if b == b"Z" {
        return true;
    }
    if b.len() != 6 || (b[0] != b'+' && b[0] != b'-') || b[3] != b':' {
        return false;
    }
    let dig = |i: usize| b[i].is_ascii_digit();
    if !(dig(1) && dig(2) && dig(4) && dig(5)) {
        return false;
    }
    let hh = u32::from(b[1] - b'0') * 10 + u32::from(b[2] - b'0');
    let mm = u32::from(b[4] - b'0') * 10 + u32::from(b[5] - b'0');
    hh <= 24 && mm <= 60
}

fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 => {
            if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) {
                29
            } else {
                28
            }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compact JSON-like rendering (sorted keys, Go JSON number text) used to
    /// compare against `helm-oracle values` output.
    fn j(v: &Value, out: &mut String) {
        match v {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => {
                let verb = if f.abs() < 1e21 { 'f' } else { 'g' };
                out.push_str(&format_float(*f, verb, -1, 64));
            }
            Value::String(s) => jstr(s, out),
            Value::List(l) => {
                out.push('[');
                for (i, x) in l.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    j(x, out);
                }
                out.push(']');
            }
            Value::Map(m) => {
                out.push('{');
                for (i, (k, x)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    jstr(k, out);
                    out.push(':');
                    j(x, out);
                }
                out.push('}');
            }
        }
    }

    fn jstr(s: &str, out: &mut String) {
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) => {
                    out.push_str(&format!("\\u{:04x}", c as u32))
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }

    fn values_text(src: &str) -> String {
        match parse_values(src) {
            Ok(v) => {
                let mut s = String::new();
                j(&v, &mut s);
                s
            }
            Err(e) => format!("ERR:{}", e.go_message()),
        }
    }

    /// (input, expected) pairs; every expectation was obtained from Helm 4.2.3
    /// (`helm-oracle values CHART -f input`), `common.Values` in -f error
    /// texts normalised to the chart-loader's `map[string]interface {}`.
    const ORACLE_CASES: &[(&str, &str)] = &[
        (
            r####"a: [y, Y, yes, Yes, YES, true, True, TRUE, on, On, ON]
b: [n, N, no, No, NO, false, False, FALSE, off, Off, OFF]
c: [~, null, Null, NULL, , TRue, yEs, nULL]"####,
            r####"ERR:error converting YAML to JSON: yaml: line 2: did not find expected node content"####,
        ),
        (
            r####"i: [12, +12, -3, 0x1F, 0o17, 017, 0b101, 1_000, -0b101, 08, 09, 0, 00, -0, 0x, 0b, 1e, 1.2.3, 1:30]"####,
            r####"{"i":[12,12,-3,31,15,15,5,1000,-5,8,9,0,0,0,"0x","0b","1e","1.2.3","1:30"]}"####,
        ),
        (
            r####"f: [1.5, 1., 1e3, -2.5E-3, .5, -.5, +.5, 1.e5, 1_0.5, 6.02e+23, 1e400, .5e400, 0.0, -0.0]"####,
            r####"{"f":[1.5,1,1000,-0.0025,0.5,-0.5,0.5,100000,10.5,6.02e+23,"1e400",".5e400",0,-0]}"####,
        ),
        (
            r####"u: [18446744073709551615, 18446744073709551616, 9223372036854775807, 9223372036854775808, -9223372036854775808, -9223372036854775809, 12345678901234567890, 0xFFFFFFFFFFFFFFFF, +18446744073709551615]"####,
            r####"{"u":[18446744073709552000,18446744073709552000,9223372036854776000,9223372036854776000,-9223372036854776000,-9223372036854776000,12345678901234567000,18446744073709552000,18446744073709552000]}"####,
        ),
        (
            r####"t: [2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10, 2001-12-14T21:59:43Z, 2001-13-14, 2001-2-30]"####,
            r####"{"t":["2001-12-14","2001-12-14t21:59:43.10-05:00","2001-12-14 21:59:43.10","2001-12-14T21:59:43Z","2001-13-14","2001-2-30"]}"####,
        ),
        (
            r####"tags: [!!int "12", !!float 1, !!float "2.5", !!bool "yes", !!null null, !!str ~, !foo 123, ! 12, !!binary aGVsbG8=, !!timestamp 2001-12-14]"####,
            r####"{"tags":[12,1,2.5,true,null,"~","123","12","hello","2001-12-14"]}"####,
        ),
        (
            r####"x: !!int abc"####,
            r####"ERR:error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!int"####,
        ),
        (
            r####"x: !!int 1.5"####,
            r####"ERR:error converting YAML to JSON: yaml: cannot decode !!float `1.5` as a !!int"####,
        ),
        (
            r####"x: !!float abc"####,
            r####"ERR:error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!float"####,
        ),
        (
            r####"x: !!binary "!!!""####,
            r####"ERR:error converting YAML to JSON: yaml: !!binary value contains invalid base64 data"####,
        ),
        (
            r####"on: push
y: 1
n: 2
1.5: a
0.1: b
1.0: c
1e10: d
123456789.5: e
.inf: f
-.inf: g
.nan: h
2001-12-14: i
12: j
0x10: k"####,
            r####"{"-.inf":"g",".inf":"f",".nan":"h","0.1":"b","1":"c","1.2345679e+08":"e","1.5":"a","12":"j","16":"k","1e+10":"d","2001-12-14":"i","false":2,"true":1}"####,
        ),
        (
            r####"? [1]
: 2"####,
            r####"ERR:error converting YAML to JSON: yaml: invalid map key: []interface {}{1}"####,
        ),
        (
            r####"~: 1"####,
            r####"ERR:error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1"####,
        ),
        (
            r####"18446744073709551615: x"####,
            r####"ERR:error converting YAML to JSON: unsupported map key of type: uint64, key: 0xffffffffffffffff, value: "x""####,
        ),
        (
            r####"? {a: 1}
: 2
"####,
            r####"ERR:error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{"a":1}"####,
        ),
        (
            r####"x: [!!null abc]"####,
            r####"ERR:error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!null"####,
        ),
        (
            r####"x: [!!null 12]"####,
            r####"ERR:error converting YAML to JSON: yaml: cannot decode !!int `12` as a !!null"####,
        ),
        (r####"x: [!!null ""]"####, r####"{"x":[null]}"####),
        (r####"x: [!!null ~]"####, r####"{"x":[null]}"####),
        (
            r####"x: [!!map abc, !!seq 12, !!merge 12, !<tag:yaml.org,2002:int> "7"]"####,
            r####"{"x":["abc","12","12",7]}"####,
        ),
        (
            r####"x: !!timestamp abc"####,
            r####"ERR:error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!timestamp"####,
        ),
        (
            r####"x: [!!float 18446744073709551615, !!float .inf]"####,
            r####"ERR:error converting YAML to JSON: yaml: cannot decode !!int `18446744073709551615` as a !!float"####,
        ),
        (
            r####"x: !!bool 1"####,
            r####"ERR:error converting YAML to JSON: yaml: cannot decode !!int `1` as a !!bool"####,
        ),
        (
            r####"a: &a {x: 1, y: 2}
b:
  z: 0
  x: 9
  <<: *a
  q: 5
  y: 8
c:
  <<: [{x: 1}, {x: 2, w: 3}]
d:
  "<<": {a: 1}
e:
  !!merge <<: {m: 1}"####,
            r####"{"a":{"true":2,"x":1},"b":{"q":5,"true":8,"x":1,"z":0},"c":{"w":3,"x":1},"d":{"<<":{"a":1}},"e":{"m":1}}"####,
        ),
        (
            r####"a: &a [1]
b:
  <<: *a"####,
            r####"ERR:error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value"####,
        ),
        (
            r####"b:
  <<: 3"####,
            r####"ERR:error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value"####,
        ),
        (
            r####"b:
  <<: [{a: 1}, 3]"####,
            r####"ERR:error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value"####,
        ),
        (
            r####"a: &a [*a]"####,
            r####"ERR:error converting YAML to JSON: yaml: anchor 'a' value contains itself"####,
        ),
        (
            r####"a: 1
a: 2
b: {c: 1, c: 2}"####,
            r####"{"a":2,"b":{"c":2}}"####,
        ),
        (
            r####"a: *nope"####,
            r####"ERR:error converting YAML to JSON: yaml: unknown anchor 'nope' referenced"####,
        ),
        (
            r####"a: &x 1
---
b: *x"####,
            r####"ERR:error converting YAML to JSON: yaml: unknown anchor 'x' referenced"####,
        ),
        (
            r####"a:
  b: 1
 c: 2"####,
            r####"ERR:error converting YAML to JSON: yaml: line 2: did not find expected key"####,
        ),
        (
            r####"a: "unterminated"####,
            r####"ERR:error converting YAML to JSON: yaml: found unexpected end of stream"####,
        ),
        (
            r####"a:
- 1
 - 2"####,
            r####"{"a":["1 - 2"]}"####,
        ),
        (
            r####"k: v
- item"####,
            r####"ERR:error converting YAML to JSON: yaml: line 1: did not find expected key"####,
        ),
        (
            r####"a: {b: 1"####,
            r####"ERR:error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'"####,
        ),
        (
            r####"a: b
  c: d: e"####,
            r####"ERR:error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"####,
        ),
        (r####"a:	1"####, r####"{"a":1}"####),
        (
            r####"key:
	sub: 1
"####,
            r####"ERR:error converting YAML to JSON: yaml: line 2: found character that cannot start any token"####,
        ),
        (
            r####"lit: |
  line1
   indented
  line3

keep: |+
  a

strip: |-
  a
  b
fold: >
  folded
  text

  para
   more
foldstrip: >-
  x
  y
ind: |2
   two
plain: multi
  line
  plain
dq: "a\tb\n\x41\u00e9\U0001F600 \
  cont"
sq: 'it''s
  folded'
uni: héllo ☃ 日本
empty_dq: """####,
            r####"{"dq":"a\u0009b\nAé😀 cont","empty_dq":"","fold":"folded text\npara\n more\n","foldstrip":"x y","ind":" two\n","keep":"a\n\n","lit":"line1\n indented\nline3\n","plain":"multi line plain","sq":"it's folded","strip":"a\nb","uni":"héllo ☃ 日本"}"####,
        ),
        (
            r####"a: 1
b: 2
---
b: 3
c:
  d: 1
---
c:
  e: 2
b: null"####,
            r####"{"a":1,"b":null,"c":{"d":1,"e":2}}"####,
        ),
        (
            r####"a: 1
---
---
x: [1"####,
            r####"ERR:error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"####,
        ),
        (
            r####"a: 1
---
# comment only
---
b: c
  d: e"####,
            r####"ERR:error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"####,
        ),
        (
            r####"list:
  - name: a
    v: 1
  - &item
    name: b
  - *item
  - [1, 2, {x: y}]
nested:
  - - a
    - b
  -
    - c"####,
            r####"{"list":[{"name":"a","v":1},{"name":"b"},{"name":"b"},[1,2,{"x":true}]],"nested":[["a","b"],["c"]]}"####,
        ),
        (
            r####"key with spaces: v
"quoted key": 2
'single': 3
? explicit
: 4
? |
  block key
: 5"####,
            r####"{"block key\n":5,"explicit":4,"key with spaces":"v","quoted key":2,"single":3}"####,
        ),
        (
            r####"a: b # comment
c: "d # not comment"
e: f#g
h: 'i'"####,
            r####"{"a":"b","c":"d # not comment","e":"f#g","h":"i"}"####,
        ),
        (
            r####"a: 1
..."####,
            r####"{"a":1}"####,
        ),
        (
            r####"%YAML 1.1
---
a: 1"####,
            r####"ERR:error converting YAML to JSON: yaml: line 1: did not find expected <document start>"####,
        ),
        (
            r####"a: 'x'  
b: "y"	
c: z	"####,
            r####"{"a":"x","b":"y","c":"z"}"####,
        ),
        (
            r####"a: [a, b, c,]
b: {x: 1, y: 2,}
c: [ ]
d: { }"####,
            r####"{"a":["a","b","c"],"b":{"true":2,"x":1},"c":[],"d":{}}"####,
        ),
        (
            r####"a: &anc
  x: 1
b: *anc
c: [*anc, *anc]"####,
            r####"{"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":1}]}"####,
        ),
        (
            r####"a: -
b: - x"####,
            r####"ERR:error converting YAML to JSON: yaml: block sequence entries are not allowed in this context"####,
        ),
        (
            r####"- 1
- 2"####,
            r####"ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"####,
        ),
        (
            r####""just a string""####,
            r####"ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}"####,
        ),
        (
            r####"42"####,
            r####"ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go value of type map[string]interface {}"####,
        ),
        (
            r####"true"####,
            r####"ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal bool into Go value of type map[string]interface {}"####,
        ),
        (r####"null"####, r####"{}"####),
        (
            r####"a: 1
---
- x"####,
            r####"ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"####,
        ),
        (
            r####"a: 1e3
b: 1E3
c: 1.0e+3
d: 0.1e-2
e: 1_000.5
f: +1
g: 0o777
h: 0777
i: 0xdead_beef
j: 1__2
"####,
            r####"{"a":1000,"b":1000,"c":1000,"d":0.001,"e":1000.5,"f":1,"g":511,"h":511,"i":3735928559,"j":12}"####,
        ),
        (
            r####"a: [y, Y, yes, Yes, YES, true, True, TRUE, on, On, ON]
b: [n, N, no, No, NO, false, False, FALSE, off, Off, OFF]
c: [~, null, Null, NULL, TRue, yEs, nULL, Yes please, "", '']
d:
e: ~"####,
            r####"{"a":[true,true,true,true,true,true,true,true,true,true,true],"b":[false,false,false,false,false,false,false,false,false,false,false],"c":[null,null,null,null,"TRue","yEs","nULL","Yes please","",""],"d":null,"e":null}"####,
        ),
        (
            r####"x: [.nan]"####,
            r####"ERR:error converting YAML to JSON: json: unsupported value: NaN"####,
        ),
        (
            r####"x: -.inf"####,
            r####"ERR:error converting YAML to JSON: json: unsupported value: -Inf"####,
        ),
        (
            r####"base: &base
  a: 1
  b: 2
over: &over
  b: 3
  c: 4
m:
  <<: [*over, *base]
  d: 5"####,
            r####"{"base":{"a":1,"b":2},"m":{"a":1,"b":3,"c":4,"d":5},"over":{"b":3,"c":4}}"####,
        ),
        (
            r####"a:
  b:
    c: &deep {x: [1, 2]}
d: *deep"####,
            r####"{"a":{"b":{"c":{"x":[1,2]}}},"d":{"x":[1,2]}}"####,
        ),
        (
            r####"image:
  repository: nginx
  tag: "1.25"
  pullPolicy: IfNotPresent
ports: [80, 443]
resources: {}
annotations:
  helm.sh/hook-weight: "5"
  prometheus.io/scrape: "true""####,
            r####"{"annotations":{"helm.sh/hook-weight":"5","prometheus.io/scrape":"true"},"image":{"pullPolicy":"IfNotPresent","repository":"nginx","tag":"1.25"},"ports":[80,443],"resources":{}}"####,
        ),
        (
            r####"a:  
  b"####,
            r####"{"a":"b"}"####,
        ),
        (
            r####"a: 'single ''quoted'' '
b: "  spaces  ""####,
            r####"{"a":"single 'quoted' ","b":"  spaces  "}"####,
        ),
        (
            r####"windows: 1
other: two"####,
            r####"{"other":"two","windows":1}"####,
        ),
        (
            r####"a: |
  x

  y
b: >+
  z

c: |1
  lead
"####,
            r####"{"a":"x\n\ny\n","b":"z\n\n","c":" lead\n"}"####,
        ),
        (
            r####"a: "multi
line
  quoted"
b: 'single
multi'
c:
  d: "nested
unindented""####,
            r####"{"a":"multi line quoted","b":"single multi","c":{"d":"nested unindented"}}"####,
        ),
        (
            r####"a: "x
---
y""####,
            r####"ERR:error converting YAML to JSON: yaml: line 2: found unexpected end of stream"####,
        ),
        (
            r####"a: plain
  continued
b: x"####,
            r####"{"a":"plain continued","b":"x"}"####,
        ),
        (r####"k: a bb"####, r####"{"k":"a bb"}"####),
        (
            r####"a: 1
b: "x\u007fy""####,
            r####"{"a":1,"b":"x\u007fy"}"####,
        ),
        (
            r####""a": 1
'b': 2
? c"####,
            r####"{"a":1,"b":2,"c":null}"####,
        ),
        (
            r####"list:
- a
-
- c"####,
            r####"{"list":["a",null,"c"]}"####,
        ),
        (
            r####"a: |
   leading
  bad"####,
            r####"ERR:error converting YAML to JSON: yaml: line 2: did not find expected key"####,
        ),
        (
            r####"a: >2
   x
  y"####,
            r####"{"a":" x\ny"}"####,
        ),
        (
            r####"a: !!str
b: !!int"####,
            r####"ERR:error converting YAML to JSON: yaml: cannot decode !!null `` as a !!int"####,
        ),
        (
            r####"a: 0x8000000000000000
b: -0x8000000000000000
c: -0x8000000000000001
d: 0b1111111111111111111111111111111111111111111111111111111111111111"####,
            r####"{"a":9223372036854776000,"b":-9223372036854776000,"c":"-0x8000000000000001","d":18446744073709552000}"####,
        ),
        (
            r####"&a a: 1
b: *a"####,
            r####"{"a":1,"b":"a"}"####,
        ),
        (
            r####"a: &x
b: *x"####,
            r####"{"a":null,"b":null}"####,
        ),
        (
            r####"? !!int 1
: x
? !!float 2
: y
"####,
            r####"{"1":"x","2":true}"####,
        ),
    ];

    #[test]
    fn oracle_values_cases() {
        let mut failures = Vec::new();
        for (src, want) in ORACLE_CASES {
            let got = values_text(src);
            if got != *want {
                failures.push(format!("input {src:?}\n  want {want}\n  got  {got}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    fn raw1(src: &str) -> Raw {
        parse_raw(src)
            .expect("parse")
            .into_iter()
            .next()
            .expect("doc")
    }

    fn scalar(text: &str) -> Raw {
        match raw1(&format!("k: {text}")) {
            Raw::Map(mut e) => e.remove(0).1,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn raw_scalar_types() {
        assert_eq!(scalar("12"), Raw::Int(12));
        assert_eq!(scalar("-9223372036854775808"), Raw::Int(i64::MIN));
        assert_eq!(scalar("9223372036854775808"), Raw::Uint(1 << 63));
        assert_eq!(scalar("18446744073709551615"), Raw::Uint(u64::MAX));
        assert_eq!(
            scalar("18446744073709551616"),
            Raw::Float(18446744073709551616.0)
        );
        assert_eq!(scalar("0x_1F"), Raw::Int(31));
        assert_eq!(scalar("0b-101"), Raw::Int(-5));
        assert_eq!(scalar("017"), Raw::Int(15));
        assert_eq!(scalar("08"), Raw::Float(8.0));
        assert_eq!(scalar("1.5"), Raw::Float(1.5));
        assert_eq!(scalar(".5"), Raw::Float(0.5));
        assert!(matches!(scalar(".nan"), Raw::Float(f) if f.is_nan()));
        assert_eq!(scalar("+.inf"), Raw::Float(f64::INFINITY));
        assert_eq!(scalar("2001-12-14"), Raw::Str("2001-12-14".into()));
        assert_eq!(scalar("Yes"), Raw::Bool(true));
        assert_eq!(scalar("OFF"), Raw::Bool(false));
        assert_eq!(scalar("oFF"), Raw::Str("oFF".into()));
        assert_eq!(scalar(""), Raw::Null);
        assert_eq!(scalar("'~'"), Raw::Str("~".into()));
        assert_eq!(scalar("!!str 12"), Raw::Str("12".into()));
        assert_eq!(scalar("!!float 12"), Raw::Float(12.0));
        assert_eq!(scalar("<<"), Raw::Str("<<".into()));
    }

    #[test]
    fn timestamps() {
        for ok in [
            "2001-12-14",
            "2001-1-2",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14T21:59:43Z",
            "2001-12-14 21:59:43.10",
            "2001-12-14 1:2:3",
            "2000-02-29",
        ] {
            assert!(is_timestamp(ok), "{ok}");
        }
        for bad in [
            "2001-13-14",
            "2001-02-30",
            "1900-02-29",
            "01-12-14",
            "2001-12-14T21:59:43",
            "2001-12-14 21:59:43Z",
            "2001-12-14x",
            "20011-12-14",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }

    #[test]
    fn raw_map_order_and_dups() {
        let r = raw1("b: 1\na: 2\nb: 3\n");
        assert_eq!(
            r,
            Raw::Map(vec![("b".into(), Raw::Int(3)), ("a".into(), Raw::Int(2))])
        );
        // Many keys (index path) with duplicates.
        let mut src = String::new();
        for i in 0..40 {
            src.push_str(&format!("k{i}: {i}\n"));
        }
        src.push_str("k3: x\n");
        let Raw::Map(e) = raw1(&src) else {
            panic!("map")
        };
        assert_eq!(e.len(), 40);
        assert_eq!(e[3], ("k3".into(), Raw::Str("x".into())));
    }

    #[test]
    fn multi_document_raw_and_first_doc() {
        let docs = parse_raw("a: 1\n---\n- x\n---\n").expect("parse");
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[2], Raw::Null);
        assert_eq!(parse_raw("").expect("parse"), Vec::<Raw>::new());
        assert_eq!(parse_raw("# c\n").expect("parse"), Vec::<Raw>::new());
        // fromYaml: first document only; later (even broken) documents ignored.
        let v = parse_first_doc("- 1\n- two\n---\n: : [\n").expect("first doc");
        assert_eq!(v, Value::list(vec![Value::Float(1.0), Value::str("two")]));
        assert_eq!(parse_first_doc("").expect("empty"), Value::Null);
    }

    #[test]
    fn chart_values_newline_and_string_fields() {
        assert_eq!(
            parse_chart_values("a: |\n  x").expect("parse").path("a"),
            Some(&Value::str("x\n"))
        );
        assert_eq!(
            parse_values("a: |\n  x").expect("parse").path("a"),
            Some(&Value::str("x"))
        );
        let chart = raw1("version: 1.0\nappVersion: 1.10\nname: 12\nx: 1.2.3\nz: true\n");
        let f = |k: &str| chart.get(k).and_then(Raw::to_go_string_field);
        assert_eq!(f("version").as_deref(), Some("1"));
        assert_eq!(f("appVersion").as_deref(), Some("1.1"));
        assert_eq!(f("name").as_deref(), Some("12"));
        assert_eq!(f("x").as_deref(), Some("1.2.3"));
        assert_eq!(f("z").as_deref(), Some("true"));
        assert_eq!(f("missing"), None);
    }

    #[test]
    fn go_yaml_leniencies() {
        // Continuation lines of quoted scalars need no indentation in go-yaml.
        assert_eq!(
            values_text("a: \"x\ny\"\nb:\n  c: 'p\nq'\n"),
            r#"{"a":"x y","b":{"c":"p q"}}"#
        );
        // Raw NEL is a line break for go-yaml.
        assert_eq!(values_text("a: \"p\u{85}q\"\n"), r#"{"a":"p q"}"#);
        // Raw control characters are rejected.
        assert_eq!(
            values_text("a: x\u{7f}y\n"),
            "ERR:error converting YAML to JSON: yaml: control characters are not allowed"
        );
    }

    #[test]
    fn values_chunks_and_bom() {
        assert_eq!(values_text("\u{feff}a: 1\n"), r#"{"a":1}"#);
        assert_eq!(values_text(""), "{}");
        assert_eq!(values_text("a: 1\n--- # c\nb: 2\n"), r#"{"a":1}"#);
        assert_eq!(values_text("a: 1\n---  \t\nb: 2\n"), r#"{"a":1,"b":2}"#);
        assert_eq!(values_text("a: 1\n--- {b: 2}\n"), r#"{"a":1}"#);
        assert_eq!(values_text("a: 1\r\n---\r\nb: 2\r\n"), r#"{"a":1,"b":2}"#);
        assert_eq!(values_text("---\n---\nb: 2\n"), r#"{"b":2}"#);
        assert_eq!(
            values_text("----\na: 1\n"),
            "ERR:error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"
        );
        // go-yaml accepts a TAB after ':'.
        assert_eq!(values_text("a:\t1\nb:\tc d\n"), r#"{"a":1,"b":"c d"}"#);
    }

    #[test]
    fn error_positions() {
        let e = parse_values("a: 1\nb: c: d\n").expect_err("error");
        assert_eq!((e.line, e.column), (2, 5));
        assert_eq!(e.message, "mapping values are not allowed in this context");
        let e = e.with_source("values.yaml");
        assert_eq!(
            e.to_string(),
            "values.yaml:2:5: mapping values are not allowed in this context"
        );
        // Lines are absolute even in later `---` chunks (Helm's are chunk-relative).
        let e = parse_values("a: 1\n---\nb: 1\nc: d: e\n").expect_err("error");
        assert_eq!(e.line, 4);
        assert_eq!(e.go_line, 2);
        let e = parse_values("a:\n  b: 1\n  <<: 3\n").expect_err("error");
        assert_eq!((e.line, e.column), (3, 7));
        let e = parse_values("x: !!int abc\n").expect_err("error");
        assert_eq!((e.line, e.column), (1, 4));
        let e = parse_values_named("- 1\n", "v.yaml").expect_err("error");
        assert_eq!(
            e.to_string(),
            "v.yaml:1:1: cannot unmarshal array into Go value of type map[string]interface {}"
        );
    }

    #[test]
    fn alias_bomb_rejected() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let e = parse_raw(&src).expect_err("bomb");
        assert_eq!(e.message, "document contains excessive aliasing");
        // Moderate aliasing is fine.
        assert!(parse_raw("a: &a [1, 2]\nb: [*a, *a, *a]\n").is_ok());
    }

    #[test]
    fn deep_nesting_limited() {
        let src = "[".repeat(20_000);
        assert!(parse_raw(&src).is_err());
        // saphyr caps flow nesting at ~255 levels (go-yaml: 10000).
        let ok = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse_raw(&ok).is_ok());
    }

    #[test]
    fn to_value_numbers() {
        let v = parse_first_doc("a: 12345678901234567890\nb: 3\n").expect("parse");
        assert_eq!(v.path("a"), Some(&Value::Float(1.2345678901234567e19)));
        assert_eq!(v.path("b"), Some(&Value::Float(3.0)));
        let e = parse_first_doc("a: .inf").expect_err("inf");
        assert_eq!(
            e.go_message(),
            "error converting YAML to JSON: json: unsupported value: +Inf"
        );
    }
}
