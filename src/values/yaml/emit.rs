//! Value -> YAML text, reproducing Helm's `toYaml` and `toYamlPretty`.
//!
//! `toYaml` is `sigs.k8s.io/yaml.Marshal`: a JSON hop (numbers re-resolved:
//! integral floats print as integers) followed by the go-yaml **v2** emitter.
//! The emitter is modelled on libyaml's state (current column, indentation
//! stack, "last char was whitespace", "at indentation" flags), so layout, scalar
//! style selection, escaping and the 80-column line folding come out byte for
//! byte like Go's. `toYamlPretty` uses the go-yaml v3 rules (see
//! [`to_yaml_pretty`]).

use crate::values::gofmt::format_float;
use crate::values::value::Value;

/// `sigs.k8s.io/yaml.Marshal(v)` — INCLUDING the trailing newline that
/// `Marshal` returns (Helm's `toYaml` template function trims exactly one
/// trailing `\n` with `strings.TrimSuffix`; callers implementing `toYaml` must
/// do the same).
///
/// NaN/±Inf cannot go through the JSON hop: Go's `Marshal` fails and Helm's
/// `toYaml` then yields `""`; this function returns `""` in that case too.
pub fn to_yaml(v: &Value) -> String {
    let mut e = Emitter::new(Flavor::V2);
    match e.document(v) {
        Ok(()) => e.out,
        Err(NonFinite) => String::new(),
    }
}

/// Helm's `toYamlPretty`: go-yaml v3 encoder with indent 2 (no JSON hop).
/// Differences from [`to_yaml`]: sequences are indented under their key, no
/// line folding, floats print with `FormatFloat('g', -1, 64)` even when
/// integral (`1e+06`), `Value::Int` in decimal, and quoting follows v3's
/// resolver (YAML 1.2 core schema plus the YAML 1.1 booleans). Includes the
/// trailing newline (the template function trims it). NaN/Inf print as
/// `.nan`/`.inf`/`-.inf` (v3 can encode them).
pub fn to_yaml_pretty(v: &Value) -> String {
    let mut e = Emitter::new(Flavor::V3);
    match e.document(v) {
        Ok(()) => e.out,
        Err(NonFinite) => String::new(),
    }
}

/// A value that sigs.k8s.io/yaml.Marshal cannot encode: NaN/±Inf (rejected
/// by `json.Marshal`) or a string with characters go-yaml's reader refuses
/// when it re-reads the JSON (DEL, C1 controls except NEL, U+FFFE, U+FFFF).
struct NonFinite;

/// The JSON hop's effect on a string (v2 only). `json.Marshal` escapes
/// everything except DEL/C1 controls/U+FFFE/U+FFFF (which go-yaml then
/// rejects) and NEL, which go-yaml reads as a raw line break inside the JSON
/// double-quoted string and folds: a run of spaces and NELs with `k` NELs
/// becomes one space (k = 1) or `k - 1` newlines; a NEL directly followed by
/// a `---`/`...` document marker and a blank is a scan error.
fn json_hop_str(s: &str) -> Result<std::borrow::Cow<'_, str>, NonFinite> {
    use std::borrow::Cow;
    if !s
        .chars()
        .any(|c| matches!(c as u32, 0x7F..=0x9F | 0xFFFE | 0xFFFF))
    {
        return Ok(Cow::Borrowed(s));
    }
    let chars: Vec<char> = s.chars().collect();
    if chars
        .iter()
        .any(|&c| c != '\u{85}' && matches!(c as u32, 0x7F..=0x9F | 0xFFFE | 0xFFFF))
    {
        return Err(NonFinite);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != ' ' && c != '\u{85}' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        let mut nels = 0;
        let mut last_nel = None;
        while i < chars.len() && (chars[i] == ' ' || chars[i] == '\u{85}') {
            if chars[i] == '\u{85}' {
                nels += 1;
                last_nel = Some(i);
            }
            i += 1;
        }
        match nels {
            0 => chars[start..i].iter().for_each(|&c| out.push(c)),
            1 => out.push(' '),
            k => (1..k).for_each(|_| out.push('\n')),
        }
        if last_nel == Some(i - 1) && i + 3 < chars.len() + 1 {
            let rest = &chars[i..];
            let marker =
                rest.len() >= 3 && (rest[..3] == ['-', '-', '-'] || rest[..3] == ['.', '.', '.']);
            if marker && rest.get(3).is_some_and(|&c| c == ' ' || c == '\u{85}') {
                return Err(NonFinite);
            }
        }
    }
    Ok(Cow::Owned(out))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    /// go-yaml v2 via sigs.k8s.io/yaml (toYaml).
    V2,
    /// go-yaml v3, indent 2 (toYamlPretty).
    V3,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

/// Result of libyaml's `analyze_scalar`.
struct Analysis {
    multiline: bool,
    flow_plain_allowed: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// libyaml's `is_printable` (note: characters outside the BMP are *not*
/// printable, so they get `\U` escapes in double-quoted style).
fn is_printable(c: char) -> bool {
    let u = c as u32;
    u == 0x0A
        || (0x20..=0x7E).contains(&u)
        || (0xA0..=0xD7FF).contains(&u)
        || ((0xE000..=0xFFFD).contains(&u) && u != 0xFEFF)
}

/// libyaml's `analyze_scalar`. `tab_in_block`: go-yaml v3 behaviour, where a
/// TAB still forces double quotes for flow scalars but is allowed in literal
/// blocks (v2 treats it as a special character everywhere).
fn analyze(value: &[char], tab_in_block: bool) -> Analysis {
    let n = value.len();
    if n == 0 {
        return Analysis {
            multiline: false,
            flow_plain_allowed: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let mut block_indicators = false;
    let mut flow_indicators = false;
    let mut line_breaks = false;
    let mut special_characters = false;
    let mut tabs = false;
    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;
    let mut previous_space = false;
    let mut previous_break = false;

    if n >= 3
        && ((value[0] == '-' && value[1] == '-' && value[2] == '-')
            || (value[0] == '.' && value[1] == '.' && value[2] == '.'))
    {
        block_indicators = true;
        flow_indicators = true;
    }
    let mut preceded_by_whitespace = true;
    for i in 0..n {
        let c = value[i];
        let followed_by_whitespace = i + 1 >= n || is_blank(value[i + 1]);
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                '?' | ':' => {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                '-' if followed_by_whitespace => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                _ => {}
            }
        } else {
            match c {
                ',' | '?' | '[' | ']' | '{' | '}' => flow_indicators = true,
                ':' => {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                '#' if preceded_by_whitespace => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                _ => {}
            }
        }
        if c == '\t' && tab_in_block {
            tabs = true;
        } else if !is_printable(c) {
            special_characters = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == n {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == n {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blank(c) || is_break(c) || c == '\0';
    }

    let mut a = Analysis {
        multiline: line_breaks,
        flow_plain_allowed: true,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special_characters {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if tabs {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if line_breaks {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if flow_indicators {
        a.flow_plain_allowed = false;
    }
    if block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// go-yaml v2 `isBase60Float`:
/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(&c) = b.first() else {
        return false;
    };
    if !(c == b'+' || c == b'-' || c.is_ascii_digit()) || !s.contains(':') {
        return false;
    }
    let mut i = 0;
    if b[i] == b'+' || b[i] == b'-' {
        i += 1;
    }
    if i >= b.len() || !b[i].is_ascii_digit() {
        return false;
    }
    i += 1;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while i < b.len() && b[i] == b':' {
        i += 1;
        // [0-5]?[0-9]
        if i + 1 < b.len() && (b'0'..=b'5').contains(&b[i]) && b[i + 1].is_ascii_digit() {
            i += 2;
        } else if i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        } else {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// go-yaml v2 `keyList.Less` for string keys ("natural" order, §2.2).
fn key_less(a: &str, b: &str) -> bool {
    let is_letter = |c: char| c.is_alphabetic();
    let is_digit = |c: char| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric());
    let digit_val = |c: char| i64::from(c as u32) - i64::from(b'0');
    // First differing char (and its byte offset in each string).
    let mut ai = a.char_indices();
    let mut bi = b.char_indices();
    let (off_a, ca, off_b, cb) = loop {
        match (ai.next(), bi.next()) {
            (Some((oa, x)), Some((ob, y))) => {
                if x != y {
                    break (oa, x, ob, y);
                }
            }
            (None, Some(_)) => return true,
            _ => return false,
        }
    };
    let al = is_letter(ca);
    let bl = is_letter(cb);
    if al && bl {
        return ca < cb;
    }
    if al || bl {
        return bl;
    }
    let mut an: i64 = 0;
    let mut bn: i64 = 0;
    if ca == '0' || cb == '0' {
        for c in a[..off_a].chars().rev().take_while(|&c| is_digit(c)) {
            if c != '0' {
                an = 1;
                bn = 1;
                break;
            }
        }
    }
    let mut a_len = 0usize;
    for c in a[off_a..].chars().take_while(|&c| is_digit(c)) {
        an = an.wrapping_mul(10).wrapping_add(digit_val(c));
        a_len += 1;
    }
    let mut b_len = 0usize;
    for c in b[off_b..].chars().take_while(|&c| is_digit(c)) {
        bn = bn.wrapping_mul(10).wrapping_add(digit_val(c));
        b_len += 1;
    }
    if an != bn {
        return an < bn;
    }
    if a_len != b_len {
        return a_len < b_len;
    }
    ca < cb
}

/// Stable merge sort of map entries by `key_less`; unlike `slice::sort_by` it
/// never panics if the predicate is not a total order.
fn sort_entries<K: std::ops::Deref<Target = str>, V>(v: &mut Vec<(K, V)>) {
    if v.len() <= 1 {
        return;
    }
    if v.len() <= 16 {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && key_less(&v[j].0, &v[j - 1].0) {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let mid = v.len() / 2;
    let mut right = v.split_off(mid);
    sort_entries(v);
    sort_entries(&mut right);
    let left = std::mem::take(v);
    v.reserve(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    while let (Some(l), Some(r)) = (left.peek(), right.peek()) {
        let take_right = key_less(&r.0, &l.0);
        let next = if take_right {
            right.next()
        } else {
            left.next()
        };
        if let Some(e) = next {
            v.push(e);
        }
    }
    v.extend(left);
    v.extend(right);
}

struct Emitter {
    flavor: Flavor,
    out: String,
    column: usize,
    whitespace: bool,
    indention: bool,
    indent: i32,
    indents: Vec<i32>,
    flow_level: usize,
    /// Folding width (v2: 80; v3 as used by Helm: unlimited).
    best_width: usize,
    root_context: bool,
    mapping_context: bool,
    simple_key_context: bool,
}

impl Emitter {
    fn new(flavor: Flavor) -> Self {
        Emitter {
            flavor,
            out: String::with_capacity(256),
            column: 0,
            whitespace: true,
            indention: true,
            indent: -1,
            indents: Vec::new(),
            flow_level: 0,
            best_width: if flavor == Flavor::V2 { 80 } else { usize::MAX },
            root_context: false,
            mapping_context: false,
            simple_key_context: false,
        }
    }

    fn document(&mut self, v: &Value) -> Result<(), NonFinite> {
        self.node(v, true, false, false)?;
        // Document end: final line break.
        self.write_indent();
        Ok(())
    }

    // -- low level writers -------------------------------------------------

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// libyaml `write_break`: `\n` becomes a line break; other break
    /// characters are copied and reset the column.
    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        ind: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        self.out.push_str(ind);
        self.column += ind.chars().count();
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { 2 } else { 0 };
        } else if !indentless {
            self.indent += 2;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    // -- nodes -------------------------------------------------------------

    fn node(
        &mut self,
        v: &Value,
        root: bool,
        mapping: bool,
        simple_key: bool,
    ) -> Result<(), NonFinite> {
        self.root_context = root;
        self.mapping_context = mapping;
        self.simple_key_context = simple_key;
        match v {
            Value::Null => self.scalar("null", Style::Plain),
            Value::Bool(b) => self.scalar(if *b { "true" } else { "false" }, Style::Plain),
            Value::Int(i) => self.scalar(&i.to_string(), Style::Plain),
            Value::Float(f) => {
                let text = self.float_text(*f)?;
                self.scalar(&text, Style::Plain);
            }
            Value::String(s) => {
                let s = if self.flavor == Flavor::V2 {
                    json_hop_str(s)?
                } else {
                    std::borrow::Cow::Borrowed(s.as_str())
                };
                let style = self.string_style(&s);
                self.scalar(&s, style);
            }
            Value::List(items) => {
                if items.is_empty() || self.flow_level > 0 {
                    self.write_indicator("[", true, true, false);
                    self.increase_indent(true, false);
                    self.pop_indent();
                    self.write_indicator("]", false, false, false);
                } else {
                    self.block_sequence(items)?;
                }
            }
            Value::Map(m) => {
                if m.is_empty() || self.flow_level > 0 {
                    self.write_indicator("{", true, true, false);
                    self.increase_indent(true, false);
                    self.pop_indent();
                    self.write_indicator("}", false, false, false);
                } else {
                    let mut entries = Vec::with_capacity(m.len());
                    for (k, val) in m.iter() {
                        let k = if self.flavor == Flavor::V2 {
                            json_hop_str(k)?
                        } else {
                            std::borrow::Cow::Borrowed(k.as_str())
                        };
                        entries.push((k, val));
                    }
                    sort_entries(&mut entries);
                    self.increase_indent(false, false);
                    for (k, val) in &entries {
                        let k: &str = k;
                        self.write_indent();
                        let key_chars_multiline = k.chars().any(is_break);
                        if !key_chars_multiline && k.len() <= 128 {
                            self.string_node(k, true);
                            self.write_indicator(":", false, false, false);
                        } else {
                            self.write_indicator("?", true, false, true);
                            self.string_node(k, false);
                            self.write_indent();
                            self.write_indicator(":", true, false, true);
                        }
                        self.node(val, false, true, false)?;
                    }
                    self.pop_indent();
                }
            }
        }
        Ok(())
    }

    /// A map key (always a string after the JSON hop).
    fn string_node(&mut self, s: &str, simple_key: bool) {
        self.root_context = false;
        self.mapping_context = true;
        self.simple_key_context = simple_key;
        let style = self.string_style(s);
        self.scalar(s, style);
    }

    fn block_sequence(&mut self, items: &[Value]) -> Result<(), NonFinite> {
        let indentless = self.flavor == Flavor::V2 && self.mapping_context && !self.indention;
        self.increase_indent(false, indentless);
        for item in items {
            self.write_indent();
            self.write_indicator("-", true, false, true);
            self.node(item, false, false, false)?;
        }
        self.pop_indent();
        Ok(())
    }

    /// Number text after the JSON hop (v2) or as Go's v3 encoder prints it.
    fn float_text(&self, f: f64) -> Result<String, NonFinite> {
        if !f.is_finite() {
            if self.flavor == Flavor::V2 {
                return Err(NonFinite);
            }
            return Ok(if f.is_nan() {
                ".nan"
            } else if f > 0.0 {
                ".inf"
            } else {
                "-.inf"
            }
            .to_string());
        }
        if self.flavor == Flavor::V2 && f.fract() == 0.0 && f.abs() < 1e21 {
            // JSON prints integral values < 1e21 as plain digits; go-yaml then
            // resolves them as int (or uint) when they fit.
            let digits = format_float(f, 'f', -1, 64);
            if let Ok(i) = digits.parse::<i64>() {
                return Ok(i.to_string());
            }
            if let Ok(u) = digits.parse::<u64>() {
                return Ok(u.to_string());
            }
        }
        Ok(format_float(f, 'g', -1, 64))
    }

    /// go-yaml's `stringv`: literal for multi-line text, plain when the text
    /// would read back as a string, double quoted otherwise.
    fn string_style(&self, s: &str) -> Style {
        // v3 resolves `yes`/`on`/... as strings but quotes them anyway
        // (`isOldBool`), so both versions quote exactly the same strings.
        let can_use_plain = !super::parse::plain_resolves_to_non_string(s) && !is_base60_float(s);
        if s.contains('\n') {
            Style::Literal
        } else if can_use_plain {
            Style::Plain
        } else {
            Style::Double
        }
    }

    fn scalar(&mut self, s: &str, requested: Style) {
        let chars: Vec<char> = s.chars().collect();
        let a = analyze(&chars, self.flavor == Flavor::V3);
        let mut style = requested;
        if self.simple_key_context && a.multiline {
            style = Style::Double;
        }
        if style == Style::Plain {
            if (self.flow_level > 0 && !a.flow_plain_allowed)
                || (self.flow_level == 0 && !a.block_plain_allowed)
            {
                style = Style::Single;
            }
            if chars.is_empty() && (self.flow_level > 0 || self.simple_key_context) {
                style = Style::Single;
            }
        }
        if style == Style::Single && !a.single_quoted_allowed {
            style = Style::Double;
        }
        if style == Style::Literal
            && (!a.block_allowed || self.flow_level > 0 || self.simple_key_context)
        {
            style = Style::Double;
        }
        self.increase_indent(true, false);
        let allow_breaks = !self.simple_key_context;
        match style {
            Style::Plain => self.write_plain(&chars, allow_breaks),
            Style::Single => self.write_single(&chars, allow_breaks),
            Style::Double => self.write_double(&chars, allow_breaks),
            Style::Literal => self.write_literal(&chars),
        }
        self.pop_indent();
    }

    fn write_plain(&mut self, value: &[char], allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let mut spaces = false;
        let mut breaks = false;
        let n = value.len();
        for i in 0..n {
            let c = value[i];
            if c == ' ' {
                let next_space = i + 1 < n && value[i + 1] == ' ';
                if allow_breaks && !spaces && self.column > self.best_width && !next_space {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single(&mut self, value: &[char], allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let mut spaces = false;
        let mut breaks = false;
        let n = value.len();
        for i in 0..n {
            let c = value[i];
            if c == ' ' {
                let next_space = i + 1 < n && value[i + 1] == ' ';
                if allow_breaks
                    && !spaces
                    && self.column > self.best_width
                    && i > 0
                    && i + 1 < n
                    && !next_space
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double(&mut self, value: &[char], allow_breaks: bool) {
        self.write_indicator("\"", true, false, false);
        let mut spaces = false;
        let n = value.len();
        for i in 0..n {
            let c = value[i];
            if !is_printable(c) || c == '\u{FEFF}' || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let esc = match c {
                    '\0' => Some('0'),
                    '\u{07}' => Some('a'),
                    '\u{08}' => Some('b'),
                    '\t' => Some('t'),
                    '\n' => Some('n'),
                    '\u{0B}' => Some('v'),
                    '\u{0C}' => Some('f'),
                    '\r' => Some('r'),
                    '\u{1B}' => Some('e'),
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    '\u{85}' => Some('N'),
                    '\u{A0}' => Some('_'),
                    '\u{2028}' => Some('L'),
                    '\u{2029}' => Some('P'),
                    _ => None,
                };
                match esc {
                    Some(e) => self.put(e),
                    None => {
                        let u = c as u32;
                        let (letter, width) = if u <= 0xFF {
                            ('x', 2)
                        } else if u <= 0xFFFF {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(letter);
                        for k in (0..width).rev() {
                            let d = (u >> (k * 4)) & 0xF;
                            let ch =
                                char::from_digit(d, 16).map_or('0', |c| c.to_ascii_uppercase());
                            self.put(ch);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > self.best_width && i > 0 && i + 1 < n {
                    self.write_indent();
                    if value[i + 1] == ' ' {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, value: &[char]) {
        self.write_indicator("|", true, false, false);
        // Indentation indicator when the text starts with a space or break.
        if let Some(&first) = value.first()
            && (first == ' ' || is_break(first))
        {
            self.write_indicator("2", false, false, false);
        }
        // Chomping indicator.
        let chomp = match value.len() {
            0 => Some("-"),
            n => {
                if !is_break(value[n - 1]) {
                    Some("-")
                } else if n == 1 || is_break(value[n - 2]) {
                    Some("+")
                } else {
                    None
                }
            }
        };
        if let Some(ch) = chomp {
            self.write_indicator(ch, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in value {
            if is_break(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::value::Map;
    use crate::values::yaml::parse_values;

    /// (values file, `toYaml .Values` output incl. Marshal's trailing newline).
    /// Every expectation was produced by Helm 4.2.3 (`helm-oracle render` of a
    /// chart whose template is `{{ toYaml .Values }}`).
    const ORACLE_CASES: &[(&str, &str)] = &[
        (
            r####"b: 1
a: [1, "x"]
c: {}"####,
            r####"a:
- 1
- x
b: 1
c: {}
"####,
        ),
        (
            r####"s1: "true"
s2: ""
n: null
s3: "a: b"
s4: "it's"
s5: "'x'"
s6: "*star"
s7: "a\tb"
v1: 1000000.0
v2: 0.5
port: "8080"
img: "nginx:1.25""####,
            r####""false": null
img: nginx:1.25
port: "8080"
s1: "true"
s2: ""
s3: 'a: b'
s4: it's
s5: '''x'''
s6: '*star'
s7: "a\tb"
v1: 1000000
v2: 0.5
"####,
        ),
        (
            r####"v: "a"
"####,
            r####"v: a
"####,
        ),
        (
            r####"v: ["b", "c"]
"####,
            r####"v:
- b
- c
"####,
        ),
        (
            r####"v: {"k": "v"}
"####,
            r####"v:
  k: v
"####,
        ),
        (
            r####"v: "y"
"####,
            r####"v: "y"
"####,
        ),
        (
            r####"v: "n"
"####,
            r####"v: "n"
"####,
        ),
        (
            r####"v: "yes"
"####,
            r####"v: "yes"
"####,
        ),
        (
            r####"v: "no"
"####,
            r####"v: "no"
"####,
        ),
        (
            r####"v: "on"
"####,
            r####"v: "on"
"####,
        ),
        (
            r####"v: "off"
"####,
            r####"v: "off"
"####,
        ),
        (
            r####"v: "Y"
"####,
            r####"v: "Y"
"####,
        ),
        (
            r####"v: "N"
"####,
            r####"v: "N"
"####,
        ),
        (
            r####"v: "true"
"####,
            r####"v: "true"
"####,
        ),
        (
            r####"v: "True"
"####,
            r####"v: "True"
"####,
        ),
        (
            r####"v: "null"
"####,
            r####"v: "null"
"####,
        ),
        (
            r####"v: "~"
"####,
            r####"v: "~"
"####,
        ),
        (
            r####"v: "NULL"
"####,
            r####"v: "NULL"
"####,
        ),
        (
            r####"v: "123"
"####,
            r####"v: "123"
"####,
        ),
        (
            r####"v: "1.5"
"####,
            r####"v: "1.5"
"####,
        ),
        (
            r####"v: "1e3"
"####,
            r####"v: "1e3"
"####,
        ),
        (
            r####"v: "0x1F"
"####,
            r####"v: "0x1F"
"####,
        ),
        (
            r####"v: ".inf"
"####,
            r####"v: ".inf"
"####,
        ),
        (
            r####"v: "-.inf"
"####,
            r####"v: "-.inf"
"####,
        ),
        (
            r####"v: ".nan"
"####,
            r####"v: ".nan"
"####,
        ),
        (
            r####"v: "2024-01-01"
"####,
            r####"v: "2024-01-01"
"####,
        ),
        (
            r####"v: "2001-12-14 21:59:43.10"
"####,
            r####"v: "2001-12-14 21:59:43.10"
"####,
        ),
        (
            r####"v: "1:20"
"####,
            r####"v: "1:20"
"####,
        ),
        (
            r####"v: "190:20:30.15"
"####,
            r####"v: "190:20:30.15"
"####,
        ),
        (
            r####"v: "-1"
"####,
            r####"v: "-1"
"####,
        ),
        (
            r####"v: "+1"
"####,
            r####"v: "+1"
"####,
        ),
        (
            r####"v: "017"
"####,
            r####"v: "017"
"####,
        ),
        (
            r####"v: "0o17"
"####,
            r####"v: "0o17"
"####,
        ),
        (
            r####"v: "0b101"
"####,
            r####"v: "0b101"
"####,
        ),
        (
            r####"v: "1_000"
"####,
            r####"v: "1_000"
"####,
        ),
        (
            r####"v: "08"
"####,
            r####"v: "08"
"####,
        ),
        (
            r####"v: "<<"
"####,
            r####"v: <<
"####,
        ),
        (
            r####"v: "="
"####,
            r####"v: =
"####,
        ),
        (
            r####"v: "TRue"
"####,
            r####"v: TRue
"####,
        ),
        (
            r####"k: ["# hash", ", comma", "[br", "]br", "{b", "}b", "&amp", "*ast", "!bang", "|pipe", ">gt", "'q", '"dq', "%pc", "@at", "`bt", "- dash", "-dash", "-", "? q", "?q", "?", ": c", ":c", ":", "a:", "a: b", "a:b", "a #b", "a#b", "---", "--- x", "...", "...x", " lead", "trail ", "a,b", "a[b]", "x{y}z", "a?b"]"####,
            r####"k:
- '# hash'
- ', comma'
- '[br'
- ']br'
- '{b'
- '}b'
- '&amp'
- '*ast'
- '!bang'
- '|pipe'
- '>gt'
- '''q'
- '"dq'
- '%pc'
- '@at'
- '`bt'
- '- dash'
- -dash
- '-'
- '? q'
- ?q
- '?'
- ': c'
- :c
- ':'
- 'a:'
- 'a: b'
- a:b
- 'a #b'
- a#b
- '---'
- '--- x'
- '...'
- '...x'
- ' lead'
- 'trail '
- a,b
- a[b]
- x{y}z
- a?b
"####,
        ),
        (
            r####"v: "tab\there"
"####,
            r####"v: "tab\there"
"####,
        ),
        (
            r####"v: "cr\rhere"
"####,
            r####"v: "cr\rhere"
"####,
        ),
        (
            r####"v: "bell\u0007"
"####,
            r####"v: "bell\a"
"####,
        ),
        (
            "v: \"nel\u{85}x\"\n",
            r####"v: nel x
"####,
        ),
        (
            r####"v: "nbsp x"
"####,
            r####"v: nbsp x
"####,
        ),
        ("v: \"ls\u{2028}x\"\n", "v: 'ls\u{2028}  x'\n"),
        ("v: \"ps\u{2029}x\"\n", "v: 'ps\u{2029}  x'\n"),
        (
            "v: \"bom\u{feff}x\"\n",
            r####"v: "bom\uFEFFx"
"####,
        ),
        (
            r####"v: "emoji 😀"
"####,
            r####"v: "emoji \U0001F600"
"####,
        ),
        (
            r####"v: "é ☃ 日本"
"####,
            r####"v: é ☃ 日本
"####,
        ),
        (
            r####"v: "\u0000nul"
"####,
            r####"v: "\0nul"
"####,
        ),
        (
            r####"v: "esc\u001b"
"####,
            r####"v: "esc\e"
"####,
        ),
        (
            r####"v: "back\\slash"
"####,
            r####"v: back\slash
"####,
        ),
        (
            r####"v: "quote\"d"
"####,
            r####"v: quote"d
"####,
        ),
        (
            r####"lit1: "a\nb"
lit2: "a\nb\n"
lit3: "a\n\n"
lit4: " x\ny"
lit5: "\nlead"
lit6: "a \nb"
lit7: "a\nb "
lit8: "a\n b"
lit9: "a\tb\nc"
lit10: "\n"
lit11: "\n\n"
lit12: "a\n\n\nb\n"
lit13: "a\r\nb""####,
            r####"lit1: |-
  a
  b
lit2: |
  a
  b
lit3: |+
  a

lit4: |2-
   x
  y
lit5: |2-

  lead
lit6: "a \nb"
lit7: "a\nb "
lit8: |-
  a
   b
lit9: "a\tb\nc"
lit10: |2+

lit11: |2+


lit12: |
  a


  b
lit13: "a\r\nb"
"####,
        ),
        (
            r####"nested:
  deeper:
    text: "line1\nline2\n"
    list:
    - "x\ny"
    - - "p\nq""####,
            r####"nested:
  deeper:
    list:
    - |-
      x
      y
    - - |-
        p
        q
    text: |
      line1
      line2
"####,
        ),
        (
            r####"v: 3
"####,
            r####"v: 3
"####,
        ),
        (
            r####"v: 1000000
"####,
            r####"v: 1000000
"####,
        ),
        (
            r####"v: 1e+21
"####,
            r####"v: 1e+21
"####,
        ),
        (
            r####"v: 1e+20
"####,
            r####"v: 1e+20
"####,
        ),
        (
            r####"v: 1e+19
"####,
            r####"v: 10000000000000000000
"####,
        ),
        (
            r####"v: 1e-06
"####,
            r####"v: 1e-06
"####,
        ),
        (
            r####"v: 1e-07
"####,
            r####"v: 1e-07
"####,
        ),
        (
            r####"v: 0.0001
"####,
            r####"v: 0.0001
"####,
        ),
        (
            r####"v: 1.5
"####,
            r####"v: 1.5
"####,
        ),
        (
            r####"v: 2.5e-05
"####,
            r####"v: 2.5e-05
"####,
        ),
        (
            r####"v: 123456789012
"####,
            r####"v: 123456789012
"####,
        ),
        (
            r####"v: -0.0
"####,
            r####"v: 0
"####,
        ),
        (
            r####"v: -1e+19
"####,
            r####"v: -1e+19
"####,
        ),
        (
            r####"v: 18446744073709551615
"####,
            r####"v: 1.8446744073709552e+19
"####,
        ),
        (
            r####"v: 12345678901234567890
"####,
            r####"v: 12345678901234567000
"####,
        ),
        (
            r####"v: 9007199254740993
"####,
            r####"v: 9007199254740992
"####,
        ),
        (
            r####"v: 1.0
"####,
            r####"v: 1
"####,
        ),
        (
            r####"v: 100
"####,
            r####"v: 100
"####,
        ),
        (
            r####"v: -5
"####,
            r####"v: -5
"####,
        ),
        (
            r####"v: 0.1
"####,
            r####"v: 0.1
"####,
        ),
        (
            r####"v: 1e-07
"####,
            r####"v: 1e-07
"####,
        ),
        (
            r####"v: 3.14159
"####,
            r####"v: 3.14159
"####,
        ),
        (
            r####"v: 1000000000000000.0
"####,
            r####"v: 1000000000000000
"####,
        ),
        (
            r####"v: 1e+16
"####,
            r####"v: 10000000000000000
"####,
        ),
        (
            r####"v: 123456789.0
"####,
            r####"v: 123456789
"####,
        ),
        (
            r####""y": 1
"n": null
"on": 2
"true": 7
"null": 8
"1": 6
"": 9
"-": 4
"key: x": 5
"a b": 3
"b": 0"####,
            r####""": 9
'-': 4
"1": 6
a b: 3
b: 0
'key: x': 5
"n": null
"null": 8
"on": 2
"true": 7
"y": 1
"####,
        ),
        (
            r####"keys: {a10: 1, a2: 1, b: 1, A: 1, _x: 1, "1": 1, -y: 1, a01: 1, a1: 1, item2: 1, item10: 1, Z: 1, "10": 1, "9": 1, "x-1": 1, "x_1": 1, "x.1": 1, "é": 1, "e": 1, "f": 1, "a0": 1, "a00": 1, "a001": 1, "a010": 1, "a100": 1, "B": 1}"####,
            r####"keys:
  -y: 1
  _x: 1
  "1": 1
  "9": 1
  "10": 1
  A: 1
  B: 1
  Z: 1
  a0: 1
  a00: 1
  a1: 1
  a01: 1
  a001: 1
  a2: 1
  a10: 1
  a010: 1
  a100: 1
  b: 1
  e: 1
  f: 1
  item2: 1
  item10: 1
  x-1: 1
  x.1: 1
  x_1: 1
  é: 1
"####,
        ),
        (
            r####"v: "tab\there"
"####,
            r####"v: "tab\there"
"####,
        ),
        (
            r####"v: "cr\rhere"
"####,
            r####"v: "cr\rhere"
"####,
        ),
        (
            r####"v: "bell\u0007"
"####,
            r####"v: "bell\a"
"####,
        ),
        (
            "v: \"nel\u{85}x\"\n",
            r####"v: nel x
"####,
        ),
        (
            r####"v: "nbsp x"
"####,
            r####"v: nbsp x
"####,
        ),
        (
            "v: \"bom\u{feff}x\"\n",
            r####"v: "bom\uFEFFx"
"####,
        ),
        (
            r####"v: "emoji 😀"
"####,
            r####"v: "emoji \U0001F600"
"####,
        ),
        (
            r####"v: "é ☃ 日本"
"####,
            r####"v: é ☃ 日本
"####,
        ),
        (
            r####"v: "esc\u001b"
"####,
            r####"v: "esc\e"
"####,
        ),
        (
            r####"v: "back\\slash"
"####,
            r####"v: back\slash
"####,
        ),
        (
            r####"v: "quote\"d"
"####,
            r####"v: quote"d
"####,
        ),
        ("v: \"ls\u{2028}x\"\n", "v: 'ls\u{2028}  x'\n"),
        ("v: \"ps\u{2029}x\"\n", "v: 'ps\u{2029}  x'\n"),
        (
            r####"v: "\u0000nul"
"####,
            r####"v: "\0nul"
"####,
        ),
        (
            "v: \"a\u{85}\u{85}b\"\n",
            r####"v: |-
  a
  b
"####,
        ),
        (
            "v: \" a \u{85}  b \"\n",
            r####"v: ' a b '
"####,
        ),
        (
            "v: \"x\u{85}\"\n",
            r####"v: 'x '
"####,
        ),
        (
            "v: \"\u{85}\"\n",
            r####"v: ' '
"####,
        ),
        (
            "v: \"a\u{85}...\\tb\"\n",
            r####"v: "a ...\tb"
"####,
        ),
        (
            r####"v: "tab\there"
"####,
            r####"v: "tab\there"
"####,
        ),
        (
            r####"v: "cr\rhere"
"####,
            r####"v: "cr\rhere"
"####,
        ),
        (
            r####"v: "bell\u0007"
"####,
            r####"v: "bell\a"
"####,
        ),
        (
            "v: \"nel\u{85}x\"\n",
            r####"v: nel x
"####,
        ),
        (
            r####"v: "nbsp x"
"####,
            r####"v: nbsp x
"####,
        ),
        (
            "v: \"bom\u{feff}x\"\n",
            r####"v: "bom\uFEFFx"
"####,
        ),
        (
            r####"v: "emoji 😀"
"####,
            r####"v: "emoji \U0001F600"
"####,
        ),
        (
            r####"v: "é ☃ 日本"
"####,
            r####"v: é ☃ 日本
"####,
        ),
        (
            r####"v: "esc\u001b"
"####,
            r####"v: "esc\e"
"####,
        ),
        (
            r####"v: "back\\slash"
"####,
            r####"v: back\slash
"####,
        ),
        (
            r####"v: "quote\"d"
"####,
            r####"v: quote"d
"####,
        ),
        (r####"k: "x\u007fy""####, r####""####),
        (
            r####"plain: word word word word word word word word word word word word word word word word word word word word word word
t: x bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb y z
a:
  long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
list:
- aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
- - aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
single: "'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv"
double: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss\ttttt uuuu vvvv"
dspaces: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr  ssss\ttttt   uuuu vvvv"
pspaces: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr  ssss tttt   uuuu vvvv
multi: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv"
lit: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv\nshort"
"aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv": keyval"####,
            r####"a:
  long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo
    pppp qqqq rrrr ssss tttt uuuu vvvv
aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv: keyval
double: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo
  pppp qqqq rrrr ssss\ttttt uuuu vvvv"
dspaces: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo
  pppp qqqq rrrr  ssss\ttttt   uuuu vvvv"
list:
- aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp
  qqqq rrrr ssss tttt uuuu vvvv
- - aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp
    qqqq rrrr ssss tttt uuuu vvvv
lit: |-
  aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
  short
multi: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo
  pppp qqqq rrrr ssss tttt uuuu vvvv aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii
  jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv aaaa bbbb cccc
  dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss
  tttt uuuu vvvv
plain: word word word word word word word word word word word word word word word
  word word word word word word word
pspaces: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo
  pppp qqqq rrrr  ssss tttt   uuuu vvvv
single: '''aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo
  pppp qqqq rrrr ssss tttt uuuu vvvv'
t: x bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
  y z
"####,
        ),
        (
            r####"? "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
: {nested: 1, other: [1, 2]}
? "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk2"
: [a, b]
? "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk3"
: scalar value
"multi\nline key": 1
"trailing key ": 2
"tab\tkey": 3
"true": "yes""####,
            r####"? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
: nested: 1
  other:
  - 1
  - 2
? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk2
: - a
  - b
? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk3
: scalar value
? |-
  multi
  line key
: 1
"tab\tkey": 3
'trailing key ': 2
"true": "yes"
"####,
        ),
        (
            r####"empty_list: []
empty_map: {}
nested_empty: [[], {}, [[]]]
nulls: [null, ~]
m: [{a: 1, b: [1, 2], c: {d: []}}, {}]
"####,
            r####"empty_list: []
empty_map: {}
m:
- a: 1
  b:
  - 1
  - 2
  c:
    d: []
- {}
nested_empty:
- []
- {}
- - []
nulls:
- null
- null
"####,
        ),
        (
            r####"v: "1:20"
"####,
            r####"v: "1:20"
"####,
        ),
        (
            r####"v: "190:20:30.15"
"####,
            r####"v: "190:20:30.15"
"####,
        ),
        (
            r####"v: "-1:30"
"####,
            r####"v: "-1:30"
"####,
        ),
        (
            r####"v: "1:60"
"####,
            r####"v: 1:60
"####,
        ),
        (
            r####"v: "12:30:45"
"####,
            r####"v: "12:30:45"
"####,
        ),
        (
            r####"v: "1:2:3."
"####,
            r####"v: "1:2:3."
"####,
        ),
        (
            r####"v: "1_0:30"
"####,
            r####"v: "1_0:30"
"####,
        ),
        (
            r####"v: "+1:00"
"####,
            r####"v: "+1:00"
"####,
        ),
        (
            r####"v: "a:1"
"####,
            r####"v: a:1
"####,
        ),
        (
            r####"v: "1:2a"
"####,
            r####"v: 1:2a
"####,
        ),
        (
            r####"v: "0:0"
"####,
            r####"v: "0:0"
"####,
        ),
        (
            r####"v: "2024-01-01"
"####,
            r####"v: "2024-01-01"
"####,
        ),
        (
            r####"v: "2024-1-1"
"####,
            r####"v: "2024-1-1"
"####,
        ),
        (
            r####"v: "2024-13-01"
"####,
            r####"v: 2024-13-01
"####,
        ),
        (
            r####"v: "2001-12-14t21:59:43.10-05:00"
"####,
            r####"v: "2001-12-14t21:59:43.10-05:00"
"####,
        ),
        (
            r####"v: "2001-12-14T21:59:43Z"
"####,
            r####"v: "2001-12-14T21:59:43Z"
"####,
        ),
        (
            r####"v: "2001-12-14 21:59:43"
"####,
            r####"v: "2001-12-14 21:59:43"
"####,
        ),
        (
            r####"v: "2001-12-14T21:59:43"
"####,
            r####"v: 2001-12-14T21:59:43
"####,
        ),
        (
            r####"v: "0"
"####,
            r####"v: "0"
"####,
        ),
        (
            r####"v: "-0"
"####,
            r####"v: "-0"
"####,
        ),
        (
            r####"v: "+0"
"####,
            r####"v: "+0"
"####,
        ),
        (
            r####"v: "0.0"
"####,
            r####"v: "0.0"
"####,
        ),
        (
            r####"v: "1."
"####,
            r####"v: "1."
"####,
        ),
        (
            r####"v: ".5"
"####,
            r####"v: ".5"
"####,
        ),
        (
            r####"v: "-.5"
"####,
            r####"v: "-.5"
"####,
        ),
        (
            r####"v: "1e"
"####,
            r####"v: 1e
"####,
        ),
        (
            r####"v: "1e5"
"####,
            r####"v: "1e5"
"####,
        ),
        (
            r####"v: "1E-5"
"####,
            r####"v: "1E-5"
"####,
        ),
        (
            r####"v: "0x"
"####,
            r####"v: 0x
"####,
        ),
        (
            r####"v: "0xG"
"####,
            r####"v: 0xG
"####,
        ),
        (
            r####"v: "0b2"
"####,
            r####"v: 0b2
"####,
        ),
        (
            r####"v: "0o8"
"####,
            r####"v: 0o8
"####,
        ),
        (
            r####"v: "09"
"####,
            r####"v: "09"
"####,
        ),
        (
            r####"v: "1_000_000"
"####,
            r####"v: "1_000_000"
"####,
        ),
        (
            r####"v: "_1"
"####,
            r####"v: _1
"####,
        ),
        (
            r####"v: "1__"
"####,
            r####"v: "1__"
"####,
        ),
        (
            r####"v: "12abc"
"####,
            r####"v: 12abc
"####,
        ),
        (
            r####"v: "1.2.3"
"####,
            r####"v: 1.2.3
"####,
        ),
        (
            r####"v: "+.inf"
"####,
            r####"v: "+.inf"
"####,
        ),
        (
            r####"v: "-.Inf"
"####,
            r####"v: "-.Inf"
"####,
        ),
        (
            r####"v: ".NAN"
"####,
            r####"v: ".NAN"
"####,
        ),
        (
            r####"v: "+"
"####,
            r####"v: +
"####,
        ),
        (
            r####"v: "-"
"####,
            r####"v: '-'
"####,
        ),
        (
            r####"v: "."
"####,
            r####"v: .
"####,
        ),
        (
            r####"v: "ünïcödé wörds that are quite long and should be folded at some point because they exceed eighty columns yes"
"####,
            r####"v: ünïcödé wörds that are quite long and should be folded at some point because they
  exceed eighty columns yes
"####,
        ),
        (
            r####"v: "日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列"
"####,
            r####"v: 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列
"####,
        ),
        (
            r####"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk8: exactly128
kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk29: is129
ékkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk128: bytes129"####,
            r####"? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk8
: exactly128
? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk29
: is129
? ékkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk128
: bytes129
"####,
        ),
        (
            r####"order: {"b": 1, "B": 2, "ä": 3, "a": 4, "Ä": 5, "1a": 6, "a-b": 7, "a_b": 8, "a.b": 9, "a b": 10, "a/b": 11, "~": 12, "!": 13, "é": 14, "z": 15, "0": 16, "00": 17, "007": 18, "7": 19, "v1.10.0": 20, "v1.9.0": 21, "v1.09": 22, "x9y": 23, "x10y": 24, "x09y": 25}"####,
            r####"order:
  '!': 13
  "~": 12
  "0": 16
  "00": 17
  1a: 6
  "7": 19
  "007": 18
  B: 2
  a: 4
  a b: 10
  a-b: 7
  a.b: 9
  a/b: 11
  a_b: 8
  b: 1
  v1.9.0: 21
  v1.09: 22
  v1.10.0: 20
  x9y: 23
  x09y: 25
  x10y: 24
  z: 15
  Ä: 5
  ä: 3
  é: 14
"####,
        ),
        (
            r####"replicaCount: 1
image:
  repository: nginx
  pullPolicy: IfNotPresent
  tag: ""
imagePullSecrets: []
nameOverride: ""
serviceAccount:
  create: true
  annotations: {}
  name: ""
podAnnotations: {}
podSecurityContext: {}
securityContext: {}
service:
  type: ClusterIP
  port: 80
ingress:
  enabled: false
  className: ""
  annotations: {}
  hosts:
    - host: chart-example.local
      paths:
        - path: /
          pathType: ImplementationSpecific
  tls: []
resources:
  limits:
    cpu: 100m
    memory: 128Mi
autoscaling:
  enabled: false
  minReplicas: 1
  maxReplicas: 100
  targetCPUUtilizationPercentage: 80
nodeSelector: {}
tolerations: []
affinity: {}
env:
  - name: JAVA_OPTS
    value: "-Xmx512m -Xms256m -XX:+UseG1GC -XX:MaxGCPauseMillis=200 -Dfile.encoding=UTF-8 -Duser.timezone=UTC"
  - name: EMPTY
    value: ""
config: |
  server {
    listen 80;
    location / {
      root /usr/share/nginx/html;
    }
  }
script: |-
  #!/bin/sh
  echo "hello"
  exit 0"####,
            r####"affinity: {}
autoscaling:
  enabled: false
  maxReplicas: 100
  minReplicas: 1
  targetCPUUtilizationPercentage: 80
config: |
  server {
    listen 80;
    location / {
      root /usr/share/nginx/html;
    }
  }
env:
- name: JAVA_OPTS
  value: -Xmx512m -Xms256m -XX:+UseG1GC -XX:MaxGCPauseMillis=200 -Dfile.encoding=UTF-8
    -Duser.timezone=UTC
- name: EMPTY
  value: ""
image:
  pullPolicy: IfNotPresent
  repository: nginx
  tag: ""
imagePullSecrets: []
ingress:
  annotations: {}
  className: ""
  enabled: false
  hosts:
  - host: chart-example.local
    paths:
    - path: /
      pathType: ImplementationSpecific
  tls: []
nameOverride: ""
nodeSelector: {}
podAnnotations: {}
podSecurityContext: {}
replicaCount: 1
resources:
  limits:
    cpu: 100m
    memory: 128Mi
script: |-
  #!/bin/sh
  echo "hello"
  exit 0
securityContext: {}
service:
  port: 80
  type: ClusterIP
serviceAccount:
  annotations: {}
  create: true
  name: ""
tolerations: []
"####,
        ),
        (
            r####"deep:
  l1:
    l2:
      l3:
        l4:
          text: "a very long string value that sits deep in the tree and will need folding when it goes past column eighty"
          lit: "x\ny\n"
          list:
          - "folded item text that is long enough to need wrapping past the eighty column limit for sure yes"
          - k: "another long one inside a map inside a list which should also wrap around at eighty columns ok""####,
            r####"deep:
  l1:
    l2:
      l3:
        l4:
          list:
          - folded item text that is long enough to need wrapping past the eighty
            column limit for sure yes
          - k: another long one inside a map inside a list which should also wrap
              around at eighty columns ok
          lit: |
            x
            y
          text: a very long string value that sits deep in the tree and will need
            folding when it goes past column eighty
"####,
        ),
        (
            r####"v: "a  b"
"####,
            r####"v: a  b
"####,
        ),
        (
            r####"v: "a   "
"####,
            r####"v: 'a   '
"####,
        ),
        (
            r####"v: "   "
"####,
            r####"v: '   '
"####,
        ),
        (
            r####"v: " "
"####,
            r####"v: ' '
"####,
        ),
        (
            r####"v: "a b c"
"####,
            r####"v: a b c
"####,
        ),
        (
            r####"v: "-a"
"####,
            r####"v: -a
"####,
        ),
        (
            r####"v: "- a"
"####,
            r####"v: '- a'
"####,
        ),
        (
            r####"v: "?a"
"####,
            r####"v: ?a
"####,
        ),
        (
            r####"v: "? a"
"####,
            r####"v: '? a'
"####,
        ),
        (
            r####"v: "a?"
"####,
            r####"v: a?
"####,
        ),
        (
            r####"v: "a ?"
"####,
            r####"v: a ?
"####,
        ),
        (
            r####"v: "a:"
"####,
            r####"v: 'a:'
"####,
        ),
        (
            r####"v: "a :"
"####,
            r####"v: 'a :'
"####,
        ),
        (
            r####"v: ":a"
"####,
            r####"v: :a
"####,
        ),
        (
            r####"v: "::"
"####,
            r####"v: '::'
"####,
        ),
        (
            r####"v: "#"
"####,
            r####"v: '#'
"####,
        ),
        (
            r####"v: "a#"
"####,
            r####"v: a#
"####,
        ),
        (
            r####"v: "a #"
"####,
            r####"v: 'a #'
"####,
        ),
        (
            r####"v: "a　b"
"####,
            r####"v: a　b
"####,
        ),
        (
            r####"v: "@x"
"####,
            r####"v: '@x'
"####,
        ),
        (
            r####"v: "%x"
"####,
            r####"v: '%x'
"####,
        ),
        (
            r####"v: "`x"
"####,
            r####"v: '`x'
"####,
        ),
        (
            r####"v: "x@"
"####,
            r####"v: x@
"####,
        ),
        (
            r####"v: "a\n  b\n"
"####,
            r####"v: |
  a
    b
"####,
        ),
        (
            r####"v: "  lead\nx"
"####,
            r####"v: |2-
    lead
  x
"####,
        ),
        (
            r####"v: "x\n\n\n"
"####,
            r####"v: |+
  x


"####,
        ),
        (
            r####"v: "x\n \n"
"####,
            r####"v: "x\n \n"
"####,
        ),
        (
            r####"v: "x\n\t\n"
"####,
            r####"v: "x\n\t\n"
"####,
        ),
        (
            r####"v: "\n\nx"
"####,
            r####"v: |2-


  x
"####,
        ),
        (
            r####"v: "trailing\nspace \nhere"
"####,
            r####"v: "trailing\nspace \nhere"
"####,
        ),
        ("v: \"a\u{2028}b\\nc\"\n", "v: |-\n  a\u{2028}  b\n  c\n"),
        (
            r####"v: "a\r\nb\n"
"####,
            r####"v: "a\r\nb\n"
"####,
        ),
        (
            r####"v: "x\n#notcomment\n"
"####,
            r####"v: |
  x
  #notcomment
"####,
        ),
        (
            r####"v: "--- \nx"
"####,
            r####"v: "--- \nx"
"####,
        ),
        (
            r####"v: "...\n"
"####,
            r####"v: |
  ...
"####,
        ),
        (
            "v: \"a\\nb\u{85}\"\n",
            r####"v: "a\nb "
"####,
        ),
    ];

    /// Same inputs through `toYamlPretty` (Helm 4.2.3 output, trailing newline
    /// restored as the encoder writes it). Excluded: `-0.0`, which the oracle
    /// shows as `0` (its value transport drops the sign).
    const PRETTY_CASES: &[(&str, &str)] = &[
        (
            r####"b: 1
a: [1, "x"]
c: {}"####,
            r####"a:
  - 1
  - x
b: 1
c: {}
"####,
        ),
        (
            r####"s1: "true"
s2: ""
n: null
s3: "a: b"
s4: "it's"
s5: "'x'"
s6: "*star"
s7: "a\tb"
v1: 1000000.0
v2: 0.5
port: "8080"
img: "nginx:1.25""####,
            r####""false": null
img: nginx:1.25
port: "8080"
s1: "true"
s2: ""
s3: 'a: b'
s4: it's
s5: '''x'''
s6: '*star'
s7: "a\tb"
v1: 1e+06
v2: 0.5
"####,
        ),
        (
            r####"v: "a"
"####,
            r####"v: a
"####,
        ),
        (
            r####"v: ["b", "c"]
"####,
            r####"v:
  - b
  - c
"####,
        ),
        (
            r####"v: {"k": "v"}
"####,
            r####"v:
  k: v
"####,
        ),
        (
            r####"v: "y"
"####,
            r####"v: "y"
"####,
        ),
        (
            r####"v: "n"
"####,
            r####"v: "n"
"####,
        ),
        (
            r####"v: "yes"
"####,
            r####"v: "yes"
"####,
        ),
        (
            r####"v: "no"
"####,
            r####"v: "no"
"####,
        ),
        (
            r####"v: "on"
"####,
            r####"v: "on"
"####,
        ),
        (
            r####"v: "off"
"####,
            r####"v: "off"
"####,
        ),
        (
            r####"v: "Y"
"####,
            r####"v: "Y"
"####,
        ),
        (
            r####"v: "N"
"####,
            r####"v: "N"
"####,
        ),
        (
            r####"v: "true"
"####,
            r####"v: "true"
"####,
        ),
        (
            r####"v: "True"
"####,
            r####"v: "True"
"####,
        ),
        (
            r####"v: "null"
"####,
            r####"v: "null"
"####,
        ),
        (
            r####"v: "~"
"####,
            r####"v: "~"
"####,
        ),
        (
            r####"v: "NULL"
"####,
            r####"v: "NULL"
"####,
        ),
        (
            r####"v: "123"
"####,
            r####"v: "123"
"####,
        ),
        (
            r####"v: "1.5"
"####,
            r####"v: "1.5"
"####,
        ),
        (
            r####"v: "1e3"
"####,
            r####"v: "1e3"
"####,
        ),
        (
            r####"v: "0x1F"
"####,
            r####"v: "0x1F"
"####,
        ),
        (
            r####"v: ".inf"
"####,
            r####"v: ".inf"
"####,
        ),
        (
            r####"v: "-.inf"
"####,
            r####"v: "-.inf"
"####,
        ),
        (
            r####"v: ".nan"
"####,
            r####"v: ".nan"
"####,
        ),
        (
            r####"v: "2024-01-01"
"####,
            r####"v: "2024-01-01"
"####,
        ),
        (
            r####"v: "2001-12-14 21:59:43.10"
"####,
            r####"v: "2001-12-14 21:59:43.10"
"####,
        ),
        (
            r####"v: "1:20"
"####,
            r####"v: "1:20"
"####,
        ),
        (
            r####"v: "190:20:30.15"
"####,
            r####"v: "190:20:30.15"
"####,
        ),
        (
            r####"v: "-1"
"####,
            r####"v: "-1"
"####,
        ),
        (
            r####"v: "+1"
"####,
            r####"v: "+1"
"####,
        ),
        (
            r####"v: "017"
"####,
            r####"v: "017"
"####,
        ),
        (
            r####"v: "0o17"
"####,
            r####"v: "0o17"
"####,
        ),
        (
            r####"v: "0b101"
"####,
            r####"v: "0b101"
"####,
        ),
        (
            r####"v: "1_000"
"####,
            r####"v: "1_000"
"####,
        ),
        (
            r####"v: "08"
"####,
            r####"v: "08"
"####,
        ),
        (
            r####"v: "<<"
"####,
            r####"v: <<
"####,
        ),
        (
            r####"v: "="
"####,
            r####"v: =
"####,
        ),
        (
            r####"v: "TRue"
"####,
            r####"v: TRue
"####,
        ),
        (
            r####"k: ["# hash", ", comma", "[br", "]br", "{b", "}b", "&amp", "*ast", "!bang", "|pipe", ">gt", "'q", '"dq', "%pc", "@at", "`bt", "- dash", "-dash", "-", "? q", "?q", "?", ": c", ":c", ":", "a:", "a: b", "a:b", "a #b", "a#b", "---", "--- x", "...", "...x", " lead", "trail ", "a,b", "a[b]", "x{y}z", "a?b"]"####,
            r####"k:
  - '# hash'
  - ', comma'
  - '[br'
  - ']br'
  - '{b'
  - '}b'
  - '&amp'
  - '*ast'
  - '!bang'
  - '|pipe'
  - '>gt'
  - '''q'
  - '"dq'
  - '%pc'
  - '@at'
  - '`bt'
  - '- dash'
  - -dash
  - '-'
  - '? q'
  - ?q
  - '?'
  - ': c'
  - :c
  - ':'
  - 'a:'
  - 'a: b'
  - a:b
  - 'a #b'
  - a#b
  - '---'
  - '--- x'
  - '...'
  - '...x'
  - ' lead'
  - 'trail '
  - a,b
  - a[b]
  - x{y}z
  - a?b
"####,
        ),
        (
            r####"v: "tab\there"
"####,
            r####"v: "tab\there"
"####,
        ),
        (
            r####"v: "cr\rhere"
"####,
            r####"v: "cr\rhere"
"####,
        ),
        (
            r####"v: "bell\u0007"
"####,
            r####"v: "bell\a"
"####,
        ),
        (
            "v: \"nel\u{85}x\"\n",
            r####"v: nel x
"####,
        ),
        (
            r####"v: "nbsp x"
"####,
            r####"v: nbsp x
"####,
        ),
        ("v: \"ls\u{2028}x\"\n", "v: 'ls\u{2028}  x'\n"),
        ("v: \"ps\u{2029}x\"\n", "v: 'ps\u{2029}  x'\n"),
        (
            "v: \"bom\u{feff}x\"\n",
            r####"v: "bom\uFEFFx"
"####,
        ),
        (
            r####"v: "emoji 😀"
"####,
            r####"v: "emoji \U0001F600"
"####,
        ),
        (
            r####"v: "é ☃ 日本"
"####,
            r####"v: é ☃ 日本
"####,
        ),
        (
            r####"v: "\u0000nul"
"####,
            r####"v: "\0nul"
"####,
        ),
        (
            r####"v: "esc\u001b"
"####,
            r####"v: "esc\e"
"####,
        ),
        (
            r####"v: "back\\slash"
"####,
            r####"v: back\slash
"####,
        ),
        (
            r####"v: "quote\"d"
"####,
            r####"v: quote"d
"####,
        ),
        (
            r####"lit1: "a\nb"
lit2: "a\nb\n"
lit3: "a\n\n"
lit4: " x\ny"
lit5: "\nlead"
lit6: "a \nb"
lit7: "a\nb "
lit8: "a\n b"
lit9: "a\tb\nc"
lit10: "\n"
lit11: "\n\n"
lit12: "a\n\n\nb\n"
lit13: "a\r\nb""####,
            r####"lit1: |-
  a
  b
lit2: |
  a
  b
lit3: |+
  a

lit4: |2-
   x
  y
lit5: |2-

  lead
lit6: "a \nb"
lit7: "a\nb "
lit8: |-
  a
   b
lit9: |-
  a	b
  c
lit10: |2+

lit11: |2+


lit12: |
  a


  b
lit13: "a\r\nb"
"####,
        ),
        (
            r####"nested:
  deeper:
    text: "line1\nline2\n"
    list:
    - "x\ny"
    - - "p\nq""####,
            r####"nested:
  deeper:
    list:
      - |-
        x
        y
      - - |-
          p
          q
    text: |
      line1
      line2
"####,
        ),
        (
            r####"v: 3
"####,
            r####"v: 3
"####,
        ),
        (
            r####"v: 1000000
"####,
            r####"v: 1e+06
"####,
        ),
        (
            r####"v: 1e+21
"####,
            r####"v: 1e+21
"####,
        ),
        (
            r####"v: 1e+20
"####,
            r####"v: 1e+20
"####,
        ),
        (
            r####"v: 1e+19
"####,
            r####"v: 1e+19
"####,
        ),
        (
            r####"v: 1e-06
"####,
            r####"v: 1e-06
"####,
        ),
        (
            r####"v: 1e-07
"####,
            r####"v: 1e-07
"####,
        ),
        (
            r####"v: 0.0001
"####,
            r####"v: 0.0001
"####,
        ),
        (
            r####"v: 1.5
"####,
            r####"v: 1.5
"####,
        ),
        (
            r####"v: 2.5e-05
"####,
            r####"v: 2.5e-05
"####,
        ),
        (
            r####"v: 123456789012
"####,
            r####"v: 1.23456789012e+11
"####,
        ),
        (
            r####"v: -1e+19
"####,
            r####"v: -1e+19
"####,
        ),
        (
            r####"v: 18446744073709551615
"####,
            r####"v: 1.8446744073709552e+19
"####,
        ),
        (
            r####"v: 12345678901234567890
"####,
            r####"v: 1.2345678901234567e+19
"####,
        ),
        (
            r####"v: 9007199254740993
"####,
            r####"v: 9.007199254740992e+15
"####,
        ),
        (
            r####"v: 1.0
"####,
            r####"v: 1
"####,
        ),
        (
            r####"v: 100
"####,
            r####"v: 100
"####,
        ),
        (
            r####"v: -5
"####,
            r####"v: -5
"####,
        ),
        (
            r####"v: 0.1
"####,
            r####"v: 0.1
"####,
        ),
        (
            r####"v: 1e-07
"####,
            r####"v: 1e-07
"####,
        ),
        (
            r####"v: 3.14159
"####,
            r####"v: 3.14159
"####,
        ),
        (
            r####"v: 1000000000000000.0
"####,
            r####"v: 1e+15
"####,
        ),
        (
            r####"v: 1e+16
"####,
            r####"v: 1e+16
"####,
        ),
        (
            r####"v: 123456789.0
"####,
            r####"v: 1.23456789e+08
"####,
        ),
        (
            r####""y": 1
"n": null
"on": 2
"true": 7
"null": 8
"1": 6
"": 9
"-": 4
"key: x": 5
"a b": 3
"b": 0"####,
            r####""": 9
'-': 4
"1": 6
a b: 3
b: 0
'key: x': 5
"n": null
"null": 8
"on": 2
"true": 7
"y": 1
"####,
        ),
        (
            r####"keys: {a10: 1, a2: 1, b: 1, A: 1, _x: 1, "1": 1, -y: 1, a01: 1, a1: 1, item2: 1, item10: 1, Z: 1, "10": 1, "9": 1, "x-1": 1, "x_1": 1, "x.1": 1, "é": 1, "e": 1, "f": 1, "a0": 1, "a00": 1, "a001": 1, "a010": 1, "a100": 1, "B": 1}"####,
            r####"keys:
  -y: 1
  _x: 1
  "1": 1
  "9": 1
  "10": 1
  A: 1
  B: 1
  Z: 1
  a0: 1
  a00: 1
  a1: 1
  a01: 1
  a001: 1
  a2: 1
  a10: 1
  a010: 1
  a100: 1
  b: 1
  e: 1
  f: 1
  item2: 1
  item10: 1
  x-1: 1
  x.1: 1
  x_1: 1
  é: 1
"####,
        ),
        (
            r####"v: "tab\there"
"####,
            r####"v: "tab\there"
"####,
        ),
        (
            r####"v: "cr\rhere"
"####,
            r####"v: "cr\rhere"
"####,
        ),
        (
            r####"v: "bell\u0007"
"####,
            r####"v: "bell\a"
"####,
        ),
        (
            "v: \"nel\u{85}x\"\n",
            r####"v: nel x
"####,
        ),
        (
            r####"v: "nbsp x"
"####,
            r####"v: nbsp x
"####,
        ),
        (
            "v: \"bom\u{feff}x\"\n",
            r####"v: "bom\uFEFFx"
"####,
        ),
        (
            r####"v: "emoji 😀"
"####,
            r####"v: "emoji \U0001F600"
"####,
        ),
        (
            r####"v: "é ☃ 日本"
"####,
            r####"v: é ☃ 日本
"####,
        ),
        (
            r####"v: "esc\u001b"
"####,
            r####"v: "esc\e"
"####,
        ),
        (
            r####"v: "back\\slash"
"####,
            r####"v: back\slash
"####,
        ),
        (
            r####"v: "quote\"d"
"####,
            r####"v: quote"d
"####,
        ),
        ("v: \"ls\u{2028}x\"\n", "v: 'ls\u{2028}  x'\n"),
        ("v: \"ps\u{2029}x\"\n", "v: 'ps\u{2029}  x'\n"),
        (
            r####"v: "\u0000nul"
"####,
            r####"v: "\0nul"
"####,
        ),
        (
            "v: \"a\u{85}\u{85}b\"\n",
            r####"v: |-
  a
  b
"####,
        ),
        (
            "v: \" a \u{85}  b \"\n",
            r####"v: ' a b '
"####,
        ),
        (
            "v: \"x\u{85}\"\n",
            r####"v: 'x '
"####,
        ),
        (
            "v: \"\u{85}\"\n",
            r####"v: ' '
"####,
        ),
        (
            "v: \"a\u{85}...\\tb\"\n",
            r####"v: "a ...\tb"
"####,
        ),
        (
            r####"v: "tab\there"
"####,
            r####"v: "tab\there"
"####,
        ),
        (
            r####"v: "cr\rhere"
"####,
            r####"v: "cr\rhere"
"####,
        ),
        (
            r####"v: "bell\u0007"
"####,
            r####"v: "bell\a"
"####,
        ),
        (
            "v: \"nel\u{85}x\"\n",
            r####"v: nel x
"####,
        ),
        (
            r####"v: "nbsp x"
"####,
            r####"v: nbsp x
"####,
        ),
        (
            "v: \"bom\u{feff}x\"\n",
            r####"v: "bom\uFEFFx"
"####,
        ),
        (
            r####"v: "emoji 😀"
"####,
            r####"v: "emoji \U0001F600"
"####,
        ),
        (
            r####"v: "é ☃ 日本"
"####,
            r####"v: é ☃ 日本
"####,
        ),
        (
            r####"v: "esc\u001b"
"####,
            r####"v: "esc\e"
"####,
        ),
        (
            r####"v: "back\\slash"
"####,
            r####"v: back\slash
"####,
        ),
        (
            r####"v: "quote\"d"
"####,
            r####"v: quote"d
"####,
        ),
        (
            r####"k: "x\u007fy""####,
            r####"k: "x\x7Fy"
"####,
        ),
        (
            r####"plain: word word word word word word word word word word word word word word word word word word word word word word
t: x bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb y z
a:
  long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
list:
- aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
- - aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
single: "'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv"
double: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss\ttttt uuuu vvvv"
dspaces: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr  ssss\ttttt   uuuu vvvv"
pspaces: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr  ssss tttt   uuuu vvvv
multi: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv"
lit: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv\nshort"
"aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv": keyval"####,
            r####"a:
  long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv: keyval
double: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss\ttttt uuuu vvvv"
dspaces: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr  ssss\ttttt   uuuu vvvv"
list:
  - aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
  - - aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
lit: |-
  aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
  short
multi: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv
plain: word word word word word word word word word word word word word word word word word word word word word word
pspaces: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr  ssss tttt   uuuu vvvv
single: '''aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv'
t: x bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb y z
"####,
        ),
        (
            r####"? "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
: {nested: 1, other: [1, 2]}
? "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk2"
: [a, b]
? "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk3"
: scalar value
"multi\nline key": 1
"trailing key ": 2
"tab\tkey": 3
"true": "yes""####,
            r####"? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
: nested: 1
  other:
    - 1
    - 2
? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk2
: - a
  - b
? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk3
: scalar value
? |-
  multi
  line key
: 1
"tab\tkey": 3
'trailing key ': 2
"true": "yes"
"####,
        ),
        (
            r####"empty_list: []
empty_map: {}
nested_empty: [[], {}, [[]]]
nulls: [null, ~]
m: [{a: 1, b: [1, 2], c: {d: []}}, {}]
"####,
            r####"empty_list: []
empty_map: {}
m:
  - a: 1
    b:
      - 1
      - 2
    c:
      d: []
  - {}
nested_empty:
  - []
  - {}
  - - []
nulls:
  - null
  - null
"####,
        ),
        (
            r####"v: "1:20"
"####,
            r####"v: "1:20"
"####,
        ),
        (
            r####"v: "190:20:30.15"
"####,
            r####"v: "190:20:30.15"
"####,
        ),
        (
            r####"v: "-1:30"
"####,
            r####"v: "-1:30"
"####,
        ),
        (
            r####"v: "1:60"
"####,
            r####"v: 1:60
"####,
        ),
        (
            r####"v: "12:30:45"
"####,
            r####"v: "12:30:45"
"####,
        ),
        (
            r####"v: "1:2:3."
"####,
            r####"v: "1:2:3."
"####,
        ),
        (
            r####"v: "1_0:30"
"####,
            r####"v: "1_0:30"
"####,
        ),
        (
            r####"v: "+1:00"
"####,
            r####"v: "+1:00"
"####,
        ),
        (
            r####"v: "a:1"
"####,
            r####"v: a:1
"####,
        ),
        (
            r####"v: "1:2a"
"####,
            r####"v: 1:2a
"####,
        ),
        (
            r####"v: "0:0"
"####,
            r####"v: "0:0"
"####,
        ),
        (
            r####"v: "2024-01-01"
"####,
            r####"v: "2024-01-01"
"####,
        ),
        (
            r####"v: "2024-1-1"
"####,
            r####"v: "2024-1-1"
"####,
        ),
        (
            r####"v: "2024-13-01"
"####,
            r####"v: 2024-13-01
"####,
        ),
        (
            r####"v: "2001-12-14t21:59:43.10-05:00"
"####,
            r####"v: "2001-12-14t21:59:43.10-05:00"
"####,
        ),
        (
            r####"v: "2001-12-14T21:59:43Z"
"####,
            r####"v: "2001-12-14T21:59:43Z"
"####,
        ),
        (
            r####"v: "2001-12-14 21:59:43"
"####,
            r####"v: "2001-12-14 21:59:43"
"####,
        ),
        (
            r####"v: "2001-12-14T21:59:43"
"####,
            r####"v: 2001-12-14T21:59:43
"####,
        ),
        (
            r####"v: "0"
"####,
            r####"v: "0"
"####,
        ),
        (
            r####"v: "-0"
"####,
            r####"v: "-0"
"####,
        ),
        (
            r####"v: "+0"
"####,
            r####"v: "+0"
"####,
        ),
        (
            r####"v: "0.0"
"####,
            r####"v: "0.0"
"####,
        ),
        (
            r####"v: "1."
"####,
            r####"v: "1."
"####,
        ),
        (
            r####"v: ".5"
"####,
            r####"v: ".5"
"####,
        ),
        (
            r####"v: "-.5"
"####,
            r####"v: "-.5"
"####,
        ),
        (
            r####"v: "1e"
"####,
            r####"v: 1e
"####,
        ),
        (
            r####"v: "1e5"
"####,
            r####"v: "1e5"
"####,
        ),
        (
            r####"v: "1E-5"
"####,
            r####"v: "1E-5"
"####,
        ),
        (
            r####"v: "0x"
"####,
            r####"v: 0x
"####,
        ),
        (
            r####"v: "0xG"
"####,
            r####"v: 0xG
"####,
        ),
        (
            r####"v: "0b2"
"####,
            r####"v: 0b2
"####,
        ),
        (
            r####"v: "0o8"
"####,
            r####"v: 0o8
"####,
        ),
        (
            r####"v: "09"
"####,
            r####"v: "09"
"####,
        ),
        (
            r####"v: "1_000_000"
"####,
            r####"v: "1_000_000"
"####,
        ),
        (
            r####"v: "_1"
"####,
            r####"v: _1
"####,
        ),
        (
            r####"v: "1__"
"####,
            r####"v: "1__"
"####,
        ),
        (
            r####"v: "12abc"
"####,
            r####"v: 12abc
"####,
        ),
        (
            r####"v: "1.2.3"
"####,
            r####"v: 1.2.3
"####,
        ),
        (
            r####"v: "+.inf"
"####,
            r####"v: "+.inf"
"####,
        ),
        (
            r####"v: "-.Inf"
"####,
            r####"v: "-.Inf"
"####,
        ),
        (
            r####"v: ".NAN"
"####,
            r####"v: ".NAN"
"####,
        ),
        (
            r####"v: "+"
"####,
            r####"v: +
"####,
        ),
        (
            r####"v: "-"
"####,
            r####"v: '-'
"####,
        ),
        (
            r####"v: "."
"####,
            r####"v: .
"####,
        ),
        (
            r####"v: "ünïcödé wörds that are quite long and should be folded at some point because they exceed eighty columns yes"
"####,
            r####"v: ünïcödé wörds that are quite long and should be folded at some point because they exceed eighty columns yes
"####,
        ),
        (
            r####"v: "日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列"
"####,
            r####"v: 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列 日本語の文字列
"####,
        ),
        (
            r####"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk8: exactly128
kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk29: is129
ékkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk128: bytes129"####,
            r####"? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk8
: exactly128
? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk29
: is129
? ékkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk128
: bytes129
"####,
        ),
        (
            r####"order: {"b": 1, "B": 2, "ä": 3, "a": 4, "Ä": 5, "1a": 6, "a-b": 7, "a_b": 8, "a.b": 9, "a b": 10, "a/b": 11, "~": 12, "!": 13, "é": 14, "z": 15, "0": 16, "00": 17, "007": 18, "7": 19, "v1.10.0": 20, "v1.9.0": 21, "v1.09": 22, "x9y": 23, "x10y": 24, "x09y": 25}"####,
            r####"order:
  '!': 13
  "~": 12
  "0": 16
  "00": 17
  1a: 6
  "7": 19
  "007": 18
  B: 2
  a: 4
  a b: 10
  a-b: 7
  a.b: 9
  a/b: 11
  a_b: 8
  b: 1
  v1.9.0: 21
  v1.09: 22
  v1.10.0: 20
  x9y: 23
  x09y: 25
  x10y: 24
  z: 15
  Ä: 5
  ä: 3
  é: 14
"####,
        ),
        (
            r####"replicaCount: 1
image:
  repository: nginx
  pullPolicy: IfNotPresent
  tag: ""
imagePullSecrets: []
nameOverride: ""
serviceAccount:
  create: true
  annotations: {}
  name: ""
podAnnotations: {}
podSecurityContext: {}
securityContext: {}
service:
  type: ClusterIP
  port: 80
ingress:
  enabled: false
  className: ""
  annotations: {}
  hosts:
    - host: chart-example.local
      paths:
        - path: /
          pathType: ImplementationSpecific
  tls: []
resources:
  limits:
    cpu: 100m
    memory: 128Mi
autoscaling:
  enabled: false
  minReplicas: 1
  maxReplicas: 100
  targetCPUUtilizationPercentage: 80
nodeSelector: {}
tolerations: []
affinity: {}
env:
  - name: JAVA_OPTS
    value: "-Xmx512m -Xms256m -XX:+UseG1GC -XX:MaxGCPauseMillis=200 -Dfile.encoding=UTF-8 -Duser.timezone=UTC"
  - name: EMPTY
    value: ""
config: |
  server {
    listen 80;
    location / {
      root /usr/share/nginx/html;
    }
  }
script: |-
  #!/bin/sh
  echo "hello"
  exit 0"####,
            r####"affinity: {}
autoscaling:
  enabled: false
  maxReplicas: 100
  minReplicas: 1
  targetCPUUtilizationPercentage: 80
config: |
  server {
    listen 80;
    location / {
      root /usr/share/nginx/html;
    }
  }
env:
  - name: JAVA_OPTS
    value: -Xmx512m -Xms256m -XX:+UseG1GC -XX:MaxGCPauseMillis=200 -Dfile.encoding=UTF-8 -Duser.timezone=UTC
  - name: EMPTY
    value: ""
image:
  pullPolicy: IfNotPresent
  repository: nginx
  tag: ""
imagePullSecrets: []
ingress:
  annotations: {}
  className: ""
  enabled: false
  hosts:
    - host: chart-example.local
      paths:
        - path: /
          pathType: ImplementationSpecific
  tls: []
nameOverride: ""
nodeSelector: {}
podAnnotations: {}
podSecurityContext: {}
replicaCount: 1
resources:
  limits:
    cpu: 100m
    memory: 128Mi
script: |-
  #!/bin/sh
  echo "hello"
  exit 0
securityContext: {}
service:
  port: 80
  type: ClusterIP
serviceAccount:
  annotations: {}
  create: true
  name: ""
tolerations: []
"####,
        ),
        (
            r####"deep:
  l1:
    l2:
      l3:
        l4:
          text: "a very long string value that sits deep in the tree and will need folding when it goes past column eighty"
          lit: "x\ny\n"
          list:
          - "folded item text that is long enough to need wrapping past the eighty column limit for sure yes"
          - k: "another long one inside a map inside a list which should also wrap around at eighty columns ok""####,
            r####"deep:
  l1:
    l2:
      l3:
        l4:
          list:
            - folded item text that is long enough to need wrapping past the eighty column limit for sure yes
            - k: another long one inside a map inside a list which should also wrap around at eighty columns ok
          lit: |
            x
            y
          text: a very long string value that sits deep in the tree and will need folding when it goes past column eighty
"####,
        ),
        (
            r####"v: "a  b"
"####,
            r####"v: a  b
"####,
        ),
        (
            r####"v: "a   "
"####,
            r####"v: 'a   '
"####,
        ),
        (
            r####"v: "   "
"####,
            r####"v: '   '
"####,
        ),
        (
            r####"v: " "
"####,
            r####"v: ' '
"####,
        ),
        (
            r####"v: "a b c"
"####,
            r####"v: a b c
"####,
        ),
        (
            r####"v: "-a"
"####,
            r####"v: -a
"####,
        ),
        (
            r####"v: "- a"
"####,
            r####"v: '- a'
"####,
        ),
        (
            r####"v: "?a"
"####,
            r####"v: ?a
"####,
        ),
        (
            r####"v: "? a"
"####,
            r####"v: '? a'
"####,
        ),
        (
            r####"v: "a?"
"####,
            r####"v: a?
"####,
        ),
        (
            r####"v: "a ?"
"####,
            r####"v: a ?
"####,
        ),
        (
            r####"v: "a:"
"####,
            r####"v: 'a:'
"####,
        ),
        (
            r####"v: "a :"
"####,
            r####"v: 'a :'
"####,
        ),
        (
            r####"v: ":a"
"####,
            r####"v: :a
"####,
        ),
        (
            r####"v: "::"
"####,
            r####"v: '::'
"####,
        ),
        (
            r####"v: "#"
"####,
            r####"v: '#'
"####,
        ),
        (
            r####"v: "a#"
"####,
            r####"v: a#
"####,
        ),
        (
            r####"v: "a #"
"####,
            r####"v: 'a #'
"####,
        ),
        (
            r####"v: "a　b"
"####,
            r####"v: a　b
"####,
        ),
        (
            r####"v: "@x"
"####,
            r####"v: '@x'
"####,
        ),
        (
            r####"v: "%x"
"####,
            r####"v: '%x'
"####,
        ),
        (
            r####"v: "`x"
"####,
            r####"v: '`x'
"####,
        ),
        (
            r####"v: "x@"
"####,
            r####"v: x@
"####,
        ),
        (
            r####"v: "a\n  b\n"
"####,
            r####"v: |
  a
    b
"####,
        ),
        (
            r####"v: "  lead\nx"
"####,
            r####"v: |2-
    lead
  x
"####,
        ),
        (
            r####"v: "x\n\n\n"
"####,
            r####"v: |+
  x


"####,
        ),
        (
            r####"v: "x\n \n"
"####,
            r####"v: "x\n \n"
"####,
        ),
        (
            r####"v: "x\n\t\n"
"####,
            r####"v: |
  x
  	
"####,
        ),
        (
            r####"v: "\n\nx"
"####,
            r####"v: |2-


  x
"####,
        ),
        (
            r####"v: "trailing\nspace \nhere"
"####,
            r####"v: "trailing\nspace \nhere"
"####,
        ),
        ("v: \"a\u{2028}b\\nc\"\n", "v: |-\n  a\u{2028}  b\n  c\n"),
        (
            r####"v: "a\r\nb\n"
"####,
            r####"v: "a\r\nb\n"
"####,
        ),
        (
            r####"v: "x\n#notcomment\n"
"####,
            r####"v: |
  x
  #notcomment
"####,
        ),
        (
            r####"v: "--- \nx"
"####,
            r####"v: "--- \nx"
"####,
        ),
        (
            r####"v: "...\n"
"####,
            r####"v: |
  ...
"####,
        ),
        (
            "v: \"a\\nb\u{85}\"\n",
            r####"v: "a\nb "
"####,
        ),
        (
            r####"v: "a\tb"
"####,
            r####"v: "a\tb"
"####,
        ),
        (
            r####"v: "x\t"
"####,
            r####"v: "x\t"
"####,
        ),
        (
            r####"v: "a\t b"
"####,
            r####"v: "a\t b"
"####,
        ),
        (
            r####"v: "a \tb"
"####,
            r####"v: "a \tb"
"####,
        ),
        (
            r####"v: "a\tb\nc"
"####,
            r####"v: |-
  a	b
  c
"####,
        ),
        (
            r####"v: "x\ny\t"
"####,
            r####"v: |-
  x
  y	
"####,
        ),
        (
            r####"v: "x\t\ny"
"####,
            r####"v: |-
  x	
  y
"####,
        ),
        (
            r####"v: "a:\tb"
"####,
            r####"v: "a:\tb"
"####,
        ),
        (
            r####"v: "emoji 😀"
"####,
            r####"v: "emoji \U0001F600"
"####,
        ),
        (
            r####"v: "emoji 😀\nx"
"####,
            r####"v: "emoji \U0001F600\nx"
"####,
        ),
        (
            "v: \"nel\u{85}x\"\n",
            r####"v: nel x
"####,
        ),
        (
            "v: \"bom\u{feff}x\"\n",
            r####"v: "bom\uFEFFx"
"####,
        ),
        (
            r####"v: "bell\u0007"
"####,
            r####"v: "bell\a"
"####,
        ),
        (
            r####"v: "bell\u0007\nx"
"####,
            r####"v: "bell\a\nx"
"####,
        ),
        ("v: \"ls\u{2028}x\"\n", "v: 'ls\u{2028}  x'\n"),
        (
            r####"v: "a'b"
"####,
            r####"v: a'b
"####,
        ),
        (
            r####"v: "'a"
"####,
            r####"v: '''a'
"####,
        ),
        (
            r####"v: "\tx"
"####,
            r####"v: "\tx"
"####,
        ),
        (
            r####"v: "\t"
"####,
            r####"v: "\t"
"####,
        ),
    ];

    #[test]
    fn oracle_to_yaml_pretty_cases() {
        let mut failures = Vec::new();
        for (src, want) in PRETTY_CASES {
            let got = match parse_values(src) {
                Ok(v) => to_yaml_pretty(&v),
                Err(e) => format!("parse error: {e}"),
            };
            if got != *want {
                failures.push(format!("input {src:?}\n  want {want:?}\n  got  {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn oracle_to_yaml_cases() {
        let mut failures = Vec::new();
        for (src, want) in ORACLE_CASES {
            let got = match parse_values(src) {
                Ok(v) => to_yaml(&v),
                Err(e) => format!("parse error: {e}"),
            };
            if got != *want {
                failures.push(format!("input {src:?}\n  want {want:?}\n  got  {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    fn map(entries: &[(&str, Value)]) -> Value {
        let mut m = Map::new();
        for (k, v) in entries {
            m.insert((*k).to_string(), v.clone());
        }
        Value::map(m)
    }

    #[test]
    fn top_level_and_special_values() {
        assert_eq!(to_yaml(&Value::str("x")), "x\n");
        assert_eq!(to_yaml(&Value::str("true")), "\"true\"\n");
        assert_eq!(to_yaml(&Value::str("a\nb")), "|-\n  a\n  b\n");
        assert_eq!(to_yaml(&Value::Null), "null\n");
        assert_eq!(to_yaml(&Value::Bool(true)), "true\n");
        assert_eq!(to_yaml(&Value::Int(-42)), "-42\n");
        assert_eq!(to_yaml(&Value::Int(1_000_000)), "1000000\n");
        assert_eq!(to_yaml(&Value::Float(1e6)), "1000000\n");
        assert_eq!(to_yaml(&Value::Float(1e20)), "1e+20\n");
        assert_eq!(to_yaml(&Value::Float(1e19)), "10000000000000000000\n");
        assert_eq!(to_yaml(&Value::Float(-1e19)), "-1e+19\n");
        assert_eq!(to_yaml(&Value::Float(-0.0)), "0\n");
        assert_eq!(to_yaml(&Value::Float(2.5e-5)), "2.5e-05\n");
        assert_eq!(to_yaml(&Value::empty_map()), "{}\n");
        assert_eq!(to_yaml(&Value::list(vec![])), "[]\n");
        assert_eq!(
            to_yaml(&Value::list(vec![
                Value::str("a"),
                Value::list(vec![Value::str("b"), Value::str("c")])
            ])),
            "- a\n- - b\n  - c\n"
        );
        // Go's Marshal fails on NaN/Inf; Helm's toYaml then returns "".
        assert_eq!(to_yaml(&map(&[("a", Value::Float(f64::NAN))])), "");
        assert_eq!(to_yaml(&Value::Float(f64::INFINITY)), "");
        // Characters go-yaml refuses when re-reading the JSON.
        assert_eq!(to_yaml(&Value::str("x\u{7f}y")), "");
        assert_eq!(to_yaml(&map(&[("k\u{ffff}", Value::Null)])), "");
        // NEL is folded by the JSON hop.
        assert_eq!(to_yaml(&Value::str("a\u{85}b")), "a b\n");
        assert_eq!(to_yaml(&Value::str("a\u{85}\u{85}b")), "|-\n  a\n  b\n");
        // Int keys / values from --set.
        assert_eq!(
            to_yaml(&map(&[(
                "x",
                Value::list(vec![Value::Int(1), Value::str("y")])
            )])),
            "x:\n- 1\n- \"y\"\n"
        );
    }

    #[test]
    fn key_order_natural() {
        let mut keys: Vec<(&str, ())> = ["a10", "a2", "b", "A", "_x", "1", "-y", "a01", "a1"]
            .iter()
            .map(|k| (*k, ()))
            .collect();
        sort_entries(&mut keys);
        let got: Vec<&str> = keys.iter().map(|k| k.0).collect();
        assert_eq!(got, ["-y", "_x", "1", "A", "a1", "a01", "a2", "a10", "b"]);
        // Large input takes the merge path.
        let owned: Vec<String> = (0..100).rev().map(|i| format!("item{i}")).collect();
        let mut keys: Vec<(&str, ())> = owned.iter().map(|k| (k.as_str(), ())).collect();
        sort_entries(&mut keys);
        assert_eq!(keys[0].0, "item0");
        assert_eq!(keys[2].0, "item2");
        assert_eq!(keys[10].0, "item10");
        assert_eq!(keys[99].0, "item99");
    }

    #[test]
    fn base60() {
        for yes in [
            "1:20",
            "190:20:30.15",
            "-1:30",
            "+1:00",
            "1_0:30",
            "1:2:3.",
            "0:0",
        ] {
            assert!(is_base60_float(yes), "{yes}");
        }
        for no in ["1:60", "a:1", "1:2a", ":1", "1:", "1", "1::2"] {
            assert!(!is_base60_float(no), "{no}");
        }
    }

    #[test]
    fn pretty_basics() {
        let v = map(&[
            ("b", Value::list(vec![Value::str("x"), Value::Float(1e6)])),
            (
                "a",
                map(&[("c", Value::Float(3.0)), ("d", Value::str("yes"))]),
            ),
            ("e", Value::Int(7)),
        ]);
        assert_eq!(
            to_yaml_pretty(&v),
            "a:\n  c: 3\n  d: \"yes\"\nb:\n  - x\n  - 1e+06\ne: 7\n"
        );
    }
}
