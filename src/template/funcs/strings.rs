//! Sprig's string, encoding, hashing and conversion functions, with Go's
//! `strings`/`unicode`/`strconv` semantics (including the byte-oriented
//! quirks of goutils: `nospace`, `initials`, `wrap`, `abbrev`).
//!
//! Byte slicing that cuts a multi-byte character (`trunc`, `substr`,
//! `abbrev`, `wrapWith`) yields invalid UTF-8 in Go; our strings are UTF-8,
//! so such bytes become U+FFFD.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};
use unicode_general_category::{GeneralCategory as Gc, get_general_category};

use super::super::value::{V, base64_std};
use super::cast;
use super::{FuncDef, Ty, def};

pub static FUNCS: &[FuncDef] = &[
    def("hello", &[], None, hello),
    def("abbrev", &[Ty::Int, Ty::Str], None, abbrev),
    def("abbrevboth", &[Ty::Int, Ty::Int, Ty::Str], None, abbrevboth),
    def("trunc", &[Ty::Int, Ty::Str], None, trunc),
    def("trim", &[Ty::Str], None, trim),
    def("upper", &[Ty::Str], None, upper),
    def("lower", &[Ty::Str], None, lower),
    def("title", &[Ty::Str], None, title),
    def("untitle", &[Ty::Str], None, untitle),
    def("substr", &[Ty::Int, Ty::Int, Ty::Str], None, substr),
    def("repeat", &[Ty::Int, Ty::Str], None, repeat),
    def("trimall", &[Ty::Str, Ty::Str], None, trim_all),
    def("trimAll", &[Ty::Str, Ty::Str], None, trim_all),
    def("trimSuffix", &[Ty::Str, Ty::Str], None, trim_suffix),
    def("trimPrefix", &[Ty::Str, Ty::Str], None, trim_prefix),
    def("nospace", &[Ty::Str], None, nospace),
    def("initials", &[Ty::Str], None, initials),
    def("swapcase", &[Ty::Str], None, swapcase),
    def("snakecase", &[Ty::Str], None, snakecase),
    def("camelcase", &[Ty::Str], None, camelcase),
    def("kebabcase", &[Ty::Str], None, kebabcase),
    def("wrap", &[Ty::Int, Ty::Str], None, wrap),
    def("wrapWith", &[Ty::Int, Ty::Str, Ty::Str], None, wrap_with),
    def("contains", &[Ty::Str, Ty::Str], None, contains),
    def("hasPrefix", &[Ty::Str, Ty::Str], None, has_prefix),
    def("hasSuffix", &[Ty::Str, Ty::Str], None, has_suffix),
    def("quote", &[], Some(Ty::Any), quote),
    def("squote", &[], Some(Ty::Any), squote),
    def("cat", &[], Some(Ty::Any), cat),
    def("indent", &[Ty::Int, Ty::Str], None, indent),
    def("nindent", &[Ty::Int, Ty::Str], None, nindent),
    def("replace", &[Ty::Str, Ty::Str, Ty::Str], None, replace),
    def("plural", &[Ty::Str, Ty::Str, Ty::Int], None, plural),
    def("sha1sum", &[Ty::Str], None, sha1sum),
    def("sha256sum", &[Ty::Str], None, sha256sum),
    def("sha512sum", &[Ty::Str], None, sha512sum),
    def("adler32sum", &[Ty::Str], None, adler32sum),
    def("toString", &[Ty::Any], None, to_string),
    def("atoi", &[Ty::Str], None, atoi),
    def("int64", &[Ty::Any], None, int64),
    def("int", &[Ty::Any], None, int),
    def("float64", &[Ty::Any], None, float64),
    def("seq", &[], Some(Ty::Int), seq),
    def("toDecimal", &[Ty::Any], None, to_decimal),
    def("split", &[Ty::Str, Ty::Str], None, split),
    def("splitList", &[Ty::Str, Ty::Str], None, split_list),
    def("splitn", &[Ty::Str, Ty::Int, Ty::Str], None, splitn),
    def("toStrings", &[Ty::Any], None, to_strings),
    def("join", &[Ty::Str, Ty::Any], None, join),
    def("b64enc", &[Ty::Str], None, b64enc),
    def("b64dec", &[Ty::Str], None, b64dec),
    def("b32enc", &[Ty::Str], None, b32enc),
    def("b32dec", &[Ty::Str], None, b32dec),
];

// ---------------------------------------------------------------------------
// Argument access (the executor has already checked the Go types).

fn arg_str(args: &[V], i: usize) -> Result<&str, String> {
    match args.get(i) {
        Some(V::Str(s)) => Ok(s),
        other => Err(format!(
            "internal error: argument {i} is not a string: {other:?}"
        )),
    }
}

fn arg_int(args: &[V], i: usize) -> Result<i64, String> {
    match args.get(i) {
        Some(V::Int(n) | V::Int64(n)) => Ok(*n),
        other => Err(format!(
            "internal error: argument {i} is not an int: {other:?}"
        )),
    }
}

fn arg_any(args: &[V], i: usize) -> &V {
    const NIL: &V = &V::Nil;
    args.get(i).unwrap_or(NIL)
}

fn ok_str(s: impl AsRef<str>) -> Result<V, String> {
    Ok(V::str(s))
}

/// Go's `string(bytes)` for bytes that may not be UTF-8.
fn bytes_to_string(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Go's `s[a:b]` on a string (bounds already checked by the caller).
fn byte_slice(s: &str, a: usize, b: usize) -> String {
    match s.get(a..b) {
        Some(t) => t.to_string(),
        None => bytes_to_string(&s.as_bytes()[a..b]),
    }
}

// ---------------------------------------------------------------------------
// Go's unicode package, as far as these functions need it.

/// Go's `unicode.IsUpper` (general category Lu).
pub fn go_is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    get_general_category(c) == Gc::UppercaseLetter
}

/// Go's `unicode.IsLower` (general category Ll).
pub fn go_is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    get_general_category(c) == Gc::LowercaseLetter
}

/// Go's `unicode.IsTitle` (general category Lt).
pub fn go_is_title(c: char) -> bool {
    !c.is_ascii() && get_general_category(c) == Gc::TitlecaseLetter
}

/// Go's `unicode.IsLetter` (categories L*).
pub fn go_is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(
        get_general_category(c),
        Gc::UppercaseLetter
            | Gc::LowercaseLetter
            | Gc::TitlecaseLetter
            | Gc::ModifierLetter
            | Gc::OtherLetter
    )
}

/// Go's `unicode.IsDigit` (category Nd).
pub fn go_is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    get_general_category(c) == Gc::DecimalNumber
}

/// Go's `unicode.IsNumber` (categories N*).
pub fn go_is_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    matches!(
        get_general_category(c),
        Gc::DecimalNumber | Gc::LetterNumber | Gc::OtherNumber
    )
}

/// Go's `unicode.IsPunct` (categories P*).
pub fn go_is_punct(c: char) -> bool {
    matches!(
        get_general_category(c),
        Gc::ConnectorPunctuation
            | Gc::DashPunctuation
            | Gc::OpenPunctuation
            | Gc::ClosePunctuation
            | Gc::InitialPunctuation
            | Gc::FinalPunctuation
            | Gc::OtherPunctuation
    )
}

/// Go's `unicode.IsSpace` (the White_Space property).
pub fn go_is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Go's `unicode.IsPrint`/`strconv.IsPrint`: letters, marks, numbers,
/// punctuation, symbols and the ASCII space.
pub fn go_is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !matches!(
        get_general_category(c),
        Gc::Control
            | Gc::Format
            | Gc::Surrogate
            | Gc::PrivateUse
            | Gc::Unassigned
            | Gc::SpaceSeparator
            | Gc::LineSeparator
            | Gc::ParagraphSeparator
    )
}

/// Simple (one-to-one) upper-case mappings that Rust only exposes as part
/// of a multi-character full mapping (Greek letters with ypogegrammeni).
fn simple_upper_special(c: char) -> Option<char> {
    let u = c as u32;
    let m = match u {
        0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => u + 8,
        0x1FB3 | 0x1FC3 | 0x1FF3 => u + 9,
        _ => return None,
    };
    char::from_u32(m)
}

/// Case pairs added in Unicode 16, which Go's tables (Unicode 15) lack.
fn unicode16_case_pair(c: char) -> bool {
    matches!(
        c as u32,
        0x19B | 0x264 | 0x1C89 | 0x1C8A | 0xA7CB..=0xA7DC | 0x10D50..=0x10D85 | 0x16EA0..=0x16ED3
    )
}

/// Go's `unicode.ToUpper` (simple case mapping).
pub fn go_to_upper(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    if unicode16_case_pair(c) {
        return c;
    }
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => simple_upper_special(c).unwrap_or(c),
    }
}

/// Go's `unicode.ToLower` (simple case mapping).
pub fn go_to_lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == '\u{130}' {
        return 'i';
    }
    if unicode16_case_pair(c) {
        return c;
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Go's `unicode.ToTitle` (simple title-case mapping).
pub fn go_to_title(c: char) -> char {
    match c as u32 {
        0x01C4..=0x01C6 => '\u{1C5}',
        0x01C7..=0x01C9 => '\u{1C8}',
        0x01CA..=0x01CC => '\u{1CB}',
        0x01F1..=0x01F3 => '\u{1F2}',
        // Georgian Mkhedruli letters have an upper case but no title case.
        0x10D0..=0x10FA | 0x10FD..=0x10FF => c,
        _ => go_to_upper(c),
    }
}

/// Go's `%q` / `strconv.Quote`.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if go_is_print(c) => out.push(c),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------
// Simple string functions.

fn hello(_: &[V]) -> Result<V, String> {
    ok_str("Hello!")
}

fn trim(a: &[V]) -> Result<V, String> {
    ok_str(arg_str(a, 0)?.trim_matches(go_is_space))
}

fn upper(a: &[V]) -> Result<V, String> {
    ok_str(go_upper_str(arg_str(a, 0)?))
}

/// Go's `strings.ToUpper`.
pub fn go_upper_str(s: &str) -> String {
    s.chars().map(go_to_upper).collect()
}

/// Go's `strings.ToLower`.
pub fn go_lower_str(s: &str) -> String {
    s.chars().map(go_to_lower).collect()
}

fn lower(a: &[V]) -> Result<V, String> {
    ok_str(go_lower_str(arg_str(a, 0)?))
}

/// Go's `strings.Title`.
pub fn go_title_str(s: &str) -> String {
    fn is_separator(c: char) -> bool {
        if c.is_ascii() {
            return !(c.is_ascii_alphanumeric() || c == '_');
        }
        if go_is_letter(c) || go_is_digit(c) {
            return false;
        }
        go_is_space(c)
    }
    let mut prev = ' ';
    s.chars()
        .map(|c| {
            let out = if is_separator(prev) {
                go_to_title(c)
            } else {
                c
            };
            prev = c;
            out
        })
        .collect()
}

fn title(a: &[V]) -> Result<V, String> {
    ok_str(go_title_str(arg_str(a, 0)?))
}

/// goutils `Uncapitalize`: lower-cases the first rune of each
/// whitespace-separated word.
fn untitle(a: &[V]) -> Result<V, String> {
    let s = arg_str(a, 0)?;
    let mut next = true;
    let out: String = s
        .chars()
        .map(|c| {
            if go_is_space(c) {
                next = true;
                c
            } else if next {
                next = false;
                go_to_lower(c)
            } else {
                c
            }
        })
        .collect();
    ok_str(out)
}

/// goutils `SwapCase`: upper/title to lower; lower to title after
/// whitespace (or at the start), else to upper.
fn swapcase(a: &[V]) -> Result<V, String> {
    let s = arg_str(a, 0)?;
    let mut whitespace = true;
    let out: String = s
        .chars()
        .map(|c| {
            if go_is_upper(c) || go_is_title(c) {
                whitespace = false;
                go_to_lower(c)
            } else if go_is_lower(c) {
                if whitespace {
                    whitespace = false;
                    go_to_title(c)
                } else {
                    go_to_upper(c)
                }
            } else {
                whitespace = go_is_space(c);
                c
            }
        })
        .collect();
    ok_str(out)
}

fn trunc(a: &[V]) -> Result<V, String> {
    let c = arg_int(a, 0)?;
    let s = arg_str(a, 1)?;
    let len = s.len() as i64;
    if c < 0 && len + c > 0 {
        return ok_str(byte_slice(s, (len + c) as usize, s.len()));
    }
    if c >= 0 && len > c {
        return ok_str(byte_slice(s, 0, c as usize));
    }
    ok_str(s)
}

fn substr(a: &[V]) -> Result<V, String> {
    let start = arg_int(a, 0)?;
    let end = arg_int(a, 1)?;
    let s = arg_str(a, 2)?;
    let len = s.len() as i64;
    if start < 0 {
        if end < 0 {
            return Err(format!("runtime error: slice bounds out of range [:{end}]"));
        }
        if end > len {
            return Err(format!(
                "runtime error: slice bounds out of range [:{end}] with length {len}"
            ));
        }
        return ok_str(byte_slice(s, 0, end as usize));
    }
    if end < 0 || end > len {
        if start > len {
            return Err(format!(
                "runtime error: slice bounds out of range [{start}:{len}]"
            ));
        }
        return ok_str(byte_slice(s, start as usize, s.len()));
    }
    if start > end {
        return Err(format!(
            "runtime error: slice bounds out of range [{start}:{end}]"
        ));
    }
    ok_str(byte_slice(s, start as usize, end as usize))
}

/// Largest result `repeat`/`indent` will build (1 GiB). Go would try to
/// allocate it and crash the process; we report Go's overflow panic.
const MAX_REPEAT_BYTES: u128 = 1 << 30;

/// Go's `strings.Repeat` with its panics.
fn go_repeat(s: &str, count: i64) -> Result<String, String> {
    if count < 0 {
        return Err("strings: negative Repeat count".into());
    }
    if (s.len() as u128) * (count as u128) > MAX_REPEAT_BYTES {
        return Err("strings: Repeat output length overflow".into());
    }
    Ok(s.repeat(count as usize))
}

fn repeat(a: &[V]) -> Result<V, String> {
    let n = arg_int(a, 0)?;
    ok_str(go_repeat(arg_str(a, 1)?, n)?)
}

fn trim_all(a: &[V]) -> Result<V, String> {
    let cutset = arg_str(a, 0)?;
    let s = arg_str(a, 1)?;
    ok_str(s.trim_matches(|c| cutset.contains(c)))
}

fn trim_suffix(a: &[V]) -> Result<V, String> {
    let suf = arg_str(a, 0)?;
    let s = arg_str(a, 1)?;
    ok_str(s.strip_suffix(suf).unwrap_or(s))
}

fn trim_prefix(a: &[V]) -> Result<V, String> {
    let pre = arg_str(a, 0)?;
    let s = arg_str(a, 1)?;
    ok_str(s.strip_prefix(pre).unwrap_or(s))
}

/// goutils treats each byte as a rune (Latin-1): bytes 0x85 and 0xA0 are
/// whitespace too.
fn byte_is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | 0x85 | 0xa0)
}

/// goutils `DeleteWhiteSpace`: byte-wise; when anything is removed the
/// remaining bytes are re-encoded as Latin-1 runes.
fn nospace(a: &[V]) -> Result<V, String> {
    let s = arg_str(a, 0)?;
    if !s.bytes().any(byte_is_space) {
        return ok_str(s);
    }
    let out: String = s
        .bytes()
        .filter(|b| !byte_is_space(*b))
        .map(char::from)
        .collect();
    ok_str(out)
}

/// goutils `Initials`: byte-wise, first byte of each whitespace-separated
/// word, written as a Latin-1 rune.
fn initials(a: &[V]) -> Result<V, String> {
    let s = arg_str(a, 0)?;
    let mut out = String::new();
    let mut gap = true;
    for b in s.bytes() {
        if byte_is_space(b) {
            gap = true;
        } else if gap {
            out.push(char::from(b));
            gap = false;
        }
    }
    ok_str(out)
}

/// goutils `WrapCustom` (byte-oriented).
fn wrap_custom(s: &str, wrap_len: i64, nl: &str, wrap_long: bool) -> String {
    if s.is_empty() {
        return String::new();
    }
    let nl = if nl.is_empty() { "\n" } else { nl };
    let wl = if wrap_len < 1 { 1 } else { wrap_len as usize };
    let b = s.as_bytes();
    let len = b.len();
    let mut offset = 0usize;
    let mut out: Vec<u8> = Vec::with_capacity(len + len / wl.max(1) * nl.len());
    while len - offset > wl {
        if b[offset] == b' ' {
            offset += 1;
            continue;
        }
        let end = wl + offset + 1;
        let space = b[offset..end].iter().rposition(|&c| c == b' ');
        if let Some(p) = space {
            let at = p + offset;
            out.extend_from_slice(&b[offset..at]);
            out.extend_from_slice(nl.as_bytes());
            offset = at + 1;
        } else if wrap_long {
            let end = wl + offset;
            out.extend_from_slice(&b[offset..end]);
            out.extend_from_slice(nl.as_bytes());
            offset += wl;
        } else {
            let end = wl + offset;
            match b[end..].iter().position(|&c| c == b' ') {
                None => {
                    out.extend_from_slice(&b[offset..]);
                    offset = len;
                }
                Some(i) => {
                    let at = i + end;
                    out.extend_from_slice(&b[offset..at]);
                    out.extend_from_slice(nl.as_bytes());
                    offset = at + 1;
                }
            }
        }
    }
    out.extend_from_slice(&b[offset..]);
    match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => bytes_to_string(e.as_bytes()),
    }
}

fn wrap(a: &[V]) -> Result<V, String> {
    let n = arg_int(a, 0)?;
    ok_str(wrap_custom(arg_str(a, 1)?, n, "", false))
}

fn wrap_with(a: &[V]) -> Result<V, String> {
    let n = arg_int(a, 0)?;
    let sep = arg_str(a, 1)?;
    ok_str(wrap_custom(arg_str(a, 2)?, n, sep, true))
}

/// goutils `AbbreviateFull` (byte-oriented); `None` for its errors.
fn abbreviate_full(s: &str, offset: i64, max_width: i64) -> Option<String> {
    if s.is_empty() {
        return Some(String::new());
    }
    if max_width < 4 {
        return None;
    }
    let len = s.len() as i64;
    if len <= max_width {
        return Some(s.to_string());
    }
    let mut offset = offset.min(len);
    if len - offset < max_width - 3 {
        offset = len - (max_width - 3);
    }
    if offset <= 4 {
        return Some(byte_slice(s, 0, (max_width - 3) as usize) + "...");
    }
    if max_width < 7 {
        return None;
    }
    if offset + max_width - 3 < len {
        let rest = byte_slice(s, offset as usize, s.len());
        let inner = abbreviate_full(&rest, 0, max_width - 3).unwrap_or_default();
        return Some(format!("...{inner}"));
    }
    Some(format!(
        "...{}",
        byte_slice(s, (len - (max_width - 3)) as usize, s.len())
    ))
}

fn abbrev(a: &[V]) -> Result<V, String> {
    let width = arg_int(a, 0)?;
    let s = arg_str(a, 1)?;
    if width < 4 {
        return ok_str(s);
    }
    ok_str(abbreviate_full(s, 0, width).unwrap_or_default())
}

fn abbrevboth(a: &[V]) -> Result<V, String> {
    let left = arg_int(a, 0)?;
    let right = arg_int(a, 1)?;
    let s = arg_str(a, 2)?;
    if right < 4 || left > 0 && right < 7 {
        return ok_str(s);
    }
    ok_str(abbreviate_full(s, left, right).unwrap_or_default())
}

fn contains(a: &[V]) -> Result<V, String> {
    Ok(V::Bool(arg_str(a, 1)?.contains(arg_str(a, 0)?)))
}

fn has_prefix(a: &[V]) -> Result<V, String> {
    Ok(V::Bool(arg_str(a, 1)?.starts_with(arg_str(a, 0)?)))
}

fn has_suffix(a: &[V]) -> Result<V, String> {
    Ok(V::Bool(arg_str(a, 1)?.ends_with(arg_str(a, 0)?)))
}

fn quote(a: &[V]) -> Result<V, String> {
    let parts: Vec<String> = a
        .iter()
        .filter(|v| !v.is_nil())
        .map(|v| go_quote(&cast::to_string(v)))
        .collect();
    ok_str(parts.join(" "))
}

fn squote(a: &[V]) -> Result<V, String> {
    let parts: Vec<String> = a
        .iter()
        .filter(|v| !v.is_nil())
        .map(|v| format!("'{}'", v.go_string()))
        .collect();
    ok_str(parts.join(" "))
}

fn cat(a: &[V]) -> Result<V, String> {
    let parts: Vec<String> = a.iter().filter(|v| !v.is_nil()).map(V::go_string).collect();
    ok_str(parts.join(" "))
}

fn indent_str(spaces: i64, s: &str) -> Result<String, String> {
    let pad = go_repeat(" ", spaces)?;
    let lines = s.bytes().filter(|&b| b == b'\n').count() + 1;
    let total = (pad.len() as u128) * (lines as u128) + s.len() as u128;
    if total > MAX_REPEAT_BYTES {
        return Err("strings: Repeat output length overflow".into());
    }
    let mut out = String::with_capacity(total as usize);
    out.push_str(&pad);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    Ok(out)
}

fn indent(a: &[V]) -> Result<V, String> {
    let n = arg_int(a, 0)?;
    ok_str(indent_str(n, arg_str(a, 1)?)?)
}

fn nindent(a: &[V]) -> Result<V, String> {
    let n = arg_int(a, 0)?;
    ok_str(format!("\n{}", indent_str(n, arg_str(a, 1)?)?))
}

fn replace(a: &[V]) -> Result<V, String> {
    let old = arg_str(a, 0)?;
    let new = arg_str(a, 1)?;
    let src = arg_str(a, 2)?;
    ok_str(src.replace(old, new))
}

fn plural(a: &[V]) -> Result<V, String> {
    let one = arg_str(a, 0)?;
    let many = arg_str(a, 1)?;
    let n = arg_int(a, 2)?;
    ok_str(if n == 1 { one } else { many })
}

// ---------------------------------------------------------------------------
// xstrings case conversions (v1.5.0).

fn is_connector(c: char) -> bool {
    c == '-' || c == '_' || go_is_space(c)
}

/// xstrings `isAlphabet`: a letter that is not a CJK ideograph.
fn is_alphabet(c: char) -> bool {
    if !go_is_letter(c) {
        return false;
    }
    let u = c as u32;
    if u < 0x3400 {
        return true;
    }
    !((0x4E00..=0x9FCC).contains(&u)
        || (0x3400..=0x4D85).contains(&u)
        || (0x20000..=0x2B81D).contains(&u))
}

/// xstrings `ToPascalCase`.
fn pascal_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    let mut first_upper = false;
    let mut r0 = '\0';
    let mut any = false;
    for c in chars.by_ref() {
        any = true;
        r0 = c;
        if !is_connector(c) {
            first_upper = go_is_upper(c);
            r0 = go_to_upper(c);
            break;
        }
        out.push(c);
    }
    let rest = chars.as_str();
    if rest.is_empty() {
        // A string of one rune (or only connectors): the last rune read is
        // written once more.
        if any {
            out.push(r0);
        }
        return out;
    }
    for c in rest.chars() {
        let r1 = r0;
        r0 = c;
        if is_connector(r0) && is_connector(r1) {
            out.push(r1);
            continue;
        }
        if is_connector(r1) {
            first_upper = go_is_upper(r0);
            r0 = go_to_upper(r0);
        } else {
            if first_upper {
                if go_is_upper(r0) {
                    r0 = go_to_lower(r0);
                } else {
                    first_upper = false;
                }
            }
            out.push(r1);
        }
    }
    out.push(r0);
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Word {
    Invalid,
    Number,
    Upper,
    Alphabet,
    Connector,
    Punct,
    Other,
}

/// Go's `utf8.DecodeRuneInString` on valid UTF-8: U+FFFD counts as an
/// error rune, as it does in Go.
fn decode(s: &str) -> (char, usize) {
    match s.chars().next() {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 0),
    }
}

fn next_valid_rune(s: &str, prev: char) -> (char, usize) {
    let mut size = 0;
    let mut rest = s;
    while !rest.is_empty() {
        let (c, sz) = decode(rest);
        size += sz;
        if c != '\u{FFFD}' {
            return (c, size);
        }
        rest = &rest[sz..];
    }
    (prev, size)
}

fn next_word(s: &str) -> (Word, &str, &str) {
    if s.is_empty() {
        return (Word::Invalid, "", "");
    }
    let mut remaining = s;
    let (mut r, mut size) = next_valid_rune(remaining, '\u{FFFD}');
    let mut offset = size;
    if r == '\u{FFFD}' {
        return (Word::Invalid, &s[..offset], &s[offset..]);
    }
    let wt;
    // Consumes following runes while `keep` holds.
    macro_rules! run {
        ($keep:expr) => {
            while !remaining.is_empty() {
                let (nr, ns) = next_valid_rune(remaining, r);
                r = nr;
                size = ns;
                if !$keep(r) {
                    break;
                }
                offset += size;
                remaining = &remaining[size..];
            }
        };
    }
    if is_connector(r) {
        wt = Word::Connector;
        remaining = &remaining[size..];
        run!(is_connector);
    } else if go_is_punct(r) {
        wt = Word::Punct;
        remaining = &remaining[size..];
        run!(go_is_punct);
    } else if go_is_upper(r) {
        wt = Word::Upper;
        remaining = &remaining[size..];
        if !remaining.is_empty() {
            let (nr, ns) = next_valid_rune(remaining, r);
            r = nr;
            size = ns;
            if go_is_upper(r) {
                let mut prev_size = size;
                offset += size;
                remaining = &remaining[size..];
                while !remaining.is_empty() {
                    let (nr, ns) = next_valid_rune(remaining, r);
                    r = nr;
                    size = ns;
                    if !go_is_upper(r) {
                        break;
                    }
                    prev_size = size;
                    offset += size;
                    remaining = &remaining[size..];
                }
                if !remaining.is_empty() && is_alphabet(r) {
                    offset -= prev_size;
                }
            } else if is_alphabet(r) {
                offset += size;
                remaining = &remaining[size..];
                run!(|c| is_alphabet(c) && !go_is_upper(c));
            }
        }
    } else if is_alphabet(r) {
        wt = Word::Alphabet;
        remaining = &remaining[size..];
        run!(|c| is_alphabet(c) && !go_is_upper(c));
    } else if go_is_number(r) {
        wt = Word::Number;
        remaining = &remaining[size..];
        run!(go_is_number);
    } else {
        wt = Word::Other;
        remaining = &remaining[size..];
        while !remaining.is_empty() {
            let (nr, ns) = next_valid_rune(remaining, r);
            r = nr;
            size = ns;
            if size == 0 || is_connector(r) || is_alphabet(r) || go_is_number(r) || go_is_punct(r) {
                break;
            }
            offset += size;
            remaining = &remaining[size..];
        }
    }
    let _ = remaining;
    (wt, &s[..offset], &s[offset..])
}

fn word_to_lower(out: &mut String, wt: Word, word: &str, connector: char) {
    if wt != Word::Upper && wt != Word::Connector {
        out.push_str(word);
        return;
    }
    for c in word.chars() {
        if is_connector(c) {
            out.push(connector);
        } else if go_is_upper(c) {
            out.push(go_to_lower(c));
        } else {
            out.push(c);
        }
    }
}

/// xstrings `camelCaseToLowerCase` (snakecase/kebabcase).
fn camel_to_lower(s: &str, connector: char) -> String {
    if s.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(s.len() + 4);
    let (mut wt, mut word, mut remaining) = next_word(s);
    while !remaining.is_empty() {
        if wt != Word::Connector {
            word_to_lower(&mut out, wt, word, connector);
        }
        let prev = wt;
        let last = word;
        (wt, word, remaining) = next_word(remaining);
        match prev {
            Word::Number => {
                while wt == Word::Alphabet || wt == Word::Number {
                    word_to_lower(&mut out, wt, word, connector);
                    (wt, word, remaining) = next_word(remaining);
                }
                if wt != Word::Invalid && wt != Word::Punct && wt != Word::Connector {
                    out.push(connector);
                }
            }
            Word::Connector => word_to_lower(&mut out, prev, last, connector),
            Word::Punct => {}
            _ => {
                if wt != Word::Number {
                    if wt != Word::Connector && wt != Word::Punct {
                        out.push(connector);
                    }
                    continue;
                }
                if remaining.is_empty() {
                    continue;
                }
                let last = word;
                (wt, word, remaining) = next_word(remaining);
                if wt != Word::Alphabet {
                    word_to_lower(&mut out, Word::Number, last, connector);
                    if wt != Word::Connector && wt != Word::Punct {
                        out.push(connector);
                    }
                    continue;
                }
                out.push(connector);
                word_to_lower(&mut out, Word::Number, last, connector);
                while wt == Word::Alphabet || wt == Word::Number {
                    word_to_lower(&mut out, wt, word, connector);
                    (wt, word, remaining) = next_word(remaining);
                }
                if wt != Word::Invalid && wt != Word::Connector && wt != Word::Punct {
                    out.push(connector);
                }
            }
        }
    }
    word_to_lower(&mut out, wt, word, connector);
    out
}

fn snakecase(a: &[V]) -> Result<V, String> {
    ok_str(camel_to_lower(arg_str(a, 0)?, '_'))
}

fn kebabcase(a: &[V]) -> Result<V, String> {
    ok_str(camel_to_lower(arg_str(a, 0)?, '-'))
}

fn camelcase(a: &[V]) -> Result<V, String> {
    ok_str(pascal_case(arg_str(a, 0)?))
}

// ---------------------------------------------------------------------------
// Hashes and encodings.

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn sha1sum(a: &[V]) -> Result<V, String> {
    ok_str(hex(&Sha1::digest(arg_str(a, 0)?.as_bytes())))
}

fn sha256sum(a: &[V]) -> Result<V, String> {
    ok_str(hex(&Sha256::digest(arg_str(a, 0)?.as_bytes())))
}

fn sha512sum(a: &[V]) -> Result<V, String> {
    ok_str(hex(&Sha512::digest(arg_str(a, 0)?.as_bytes())))
}

/// Adler-32 (RFC 1950), as Go's `hash/adler32`.
pub fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut s1, mut s2) = (1u32, 0u32);
    // 5552 is the largest n with 255n(n+1)/2 + (n+1)(MOD-1) < 2^32.
    for chunk in data.chunks(5552) {
        for &b in chunk {
            s1 += u32::from(b);
            s2 += s1;
        }
        s1 %= MOD;
        s2 %= MOD;
    }
    (s2 << 16) | s1
}

fn adler32sum(a: &[V]) -> Result<V, String> {
    ok_str(adler32(arg_str(a, 0)?.as_bytes()).to_string())
}

fn b64enc(a: &[V]) -> Result<V, String> {
    ok_str(base64_std(arg_str(a, 0)?.as_bytes()))
}

fn b64dec(a: &[V]) -> Result<V, String> {
    match crate::values::base64::decode_std(arg_str(a, 0)?) {
        Ok(b) => ok_str(bytes_to_string(&b)),
        Err(at) => ok_str(format!("illegal base64 data at input byte {at}")),
    }
}

const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Go's `base32.StdEncoding.EncodeToString`.
pub fn base32_std(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(5) * 8);
    for chunk in data.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let n = buf.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let chars = match chunk.len() {
            1 => 2,
            2 => 4,
            3 => 5,
            4 => 7,
            _ => 8,
        };
        for i in 0..8 {
            if i < chars {
                out.push(B32[((n >> (35 - 5 * i)) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn b32enc(a: &[V]) -> Result<V, String> {
    ok_str(base32_std(arg_str(a, 0)?.as_bytes()))
}

fn b32_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'2'..=b'7' => Some(c - b'2' + 26),
        _ => None,
    }
}

/// Go's `base32.StdEncoding.DecodeString` (newlines are dropped first;
/// error offsets count the remaining bytes).
pub fn base32_std_decode(s: &str) -> Result<Vec<u8>, usize> {
    let src: Vec<u8> = s.bytes().filter(|&b| b != b'\n' && b != b'\r').collect();
    let olen = src.len();
    let mut out = Vec::with_capacity(olen / 8 * 5);
    let mut pos = 0usize;
    let mut end = false;
    while pos < olen && !end {
        let mut dbuf = [0u8; 8];
        let mut dlen = 8usize;
        let mut j = 0usize;
        while j < 8 {
            if pos == olen {
                return Err(olen - j);
            }
            let c = src[pos];
            pos += 1;
            let left = olen - pos;
            if c == b'=' && j >= 2 && left < 8 {
                if left + j < 7 {
                    return Err(olen);
                }
                for k in 0..(7 - j) {
                    if left > k && src[pos + k] != b'=' {
                        return Err(pos + k - 1);
                    }
                }
                dlen = j;
                end = true;
                if dlen == 1 || dlen == 3 || dlen == 6 {
                    return Err(pos - 1);
                }
                break;
            }
            match b32_value(c) {
                Some(v) => dbuf[j] = v,
                None => return Err(pos - 1),
            }
            j += 1;
        }
        let bytes = [
            (dbuf[0] << 3) | (dbuf[1] >> 2),
            (dbuf[1] << 6) | (dbuf[2] << 1) | (dbuf[3] >> 4),
            (dbuf[3] << 4) | (dbuf[4] >> 1),
            (dbuf[4] << 7) | (dbuf[5] << 2) | (dbuf[6] >> 3),
            (dbuf[6] << 5) | dbuf[7],
        ];
        let n = match dlen {
            8 => 5,
            7 => 4,
            5 => 3,
            4 => 2,
            2 => 1,
            _ => 0,
        };
        out.extend_from_slice(&bytes[..n]);
    }
    Ok(out)
}

fn b32dec(a: &[V]) -> Result<V, String> {
    match base32_std_decode(arg_str(a, 0)?) {
        Ok(b) => ok_str(bytes_to_string(&b)),
        Err(at) => ok_str(format!("illegal base32 data at input byte {at}")),
    }
}

// ---------------------------------------------------------------------------
// Conversions.

fn to_string(a: &[V]) -> Result<V, String> {
    ok_str(cast::to_string(arg_any(a, 0)))
}

/// Go's `strconv.Atoi` as Sprig uses it: syntax errors give 0, range
/// errors the clamped value.
fn go_atoi(s: &str) -> i64 {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    let mut n: u128 = 0;
    for b in digits.bytes() {
        n = n * 10 + u128::from(b - b'0');
        if n > 1 << 64 {
            break;
        }
    }
    if neg {
        if n > 1u128 << 63 {
            i64::MIN
        } else {
            (n as i128).wrapping_neg() as i64
        }
    } else if n > i64::MAX as u128 {
        i64::MAX
    } else {
        n as i64
    }
}

fn atoi(a: &[V]) -> Result<V, String> {
    Ok(V::Int(go_atoi(arg_str(a, 0)?)))
}

fn int64(a: &[V]) -> Result<V, String> {
    Ok(V::Int64(cast::to_int64(arg_any(a, 0))))
}

fn int(a: &[V]) -> Result<V, String> {
    Ok(V::Int(cast::to_int(arg_any(a, 0))))
}

fn float64(a: &[V]) -> Result<V, String> {
    Ok(V::Float(cast::to_float64(arg_any(a, 0))))
}

/// `toDecimal`: `strconv.ParseInt(fmt.Sprint(v), 8, 64)`, 0 on any error.
fn to_decimal(a: &[V]) -> Result<V, String> {
    let s = arg_any(a, 0).go_string();
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s.as_str()),
    };
    if digits.is_empty() || !digits.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return Ok(V::Int64(0));
    }
    let n = match u64::from_str_radix(digits, 8) {
        Ok(n) => n,
        Err(_) => return Ok(V::Int64(0)),
    };
    let v = if neg {
        if n > 1u64 << 63 {
            0
        } else {
            (n as i128).wrapping_neg() as i64
        }
    } else {
        i64::try_from(n).unwrap_or(0)
    };
    Ok(V::Int64(v))
}

/// Sprig's `untilStep` over Go ints.
fn until_step(start: i64, stop: i64, step: i64) -> Vec<i64> {
    let mut v = Vec::new();
    if stop < start {
        if step >= 0 {
            return v;
        }
        let mut i = start;
        while i > stop {
            v.push(i);
            match i.checked_add(step) {
                Some(n) => i = n,
                None => break,
            }
        }
        return v;
    }
    if step <= 0 {
        return v;
    }
    let mut i = start;
    while i < stop {
        v.push(i);
        match i.checked_add(step) {
            Some(n) => i = n,
            None => break,
        }
    }
    v
}

fn seq(a: &[V]) -> Result<V, String> {
    let p: Vec<i64> = a
        .iter()
        .map(|v| match v {
            V::Int(n) | V::Int64(n) => *n,
            _ => 0,
        })
        .collect();
    let list = match p.len() {
        1 => {
            let (start, end) = (1, p[0]);
            let inc = if end < start { -1 } else { 1 };
            until_step(start, end.wrapping_add(inc), inc)
        }
        2 => {
            let (start, end) = (p[0], p[1]);
            let step = if end < start { -1 } else { 1 };
            until_step(start, end.wrapping_add(step), step)
        }
        3 => {
            let (start, step, end) = (p[0], p[1], p[2]);
            let mut inc = 1;
            if end < start {
                inc = -1;
                if step > 0 {
                    return ok_str("");
                }
            }
            until_step(start, end.wrapping_add(inc), step)
        }
        _ => return ok_str(""),
    };
    let parts: Vec<String> = list.iter().map(i64::to_string).collect();
    ok_str(parts.join(" "))
}

// ---------------------------------------------------------------------------
// Splitting and joining.

/// Go's `strings.SplitN` (n < 0: all).
pub fn go_split_n(s: &str, sep: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    if sep.is_empty() {
        // Explode into runes; the n-th part holds the rest.
        let total = s.chars().count() as i64;
        let n = if n < 0 || n > total { total } else { n };
        let mut out = Vec::with_capacity(n as usize);
        let mut rest = s;
        while (out.len() as i64) < n - 1 {
            let Some(c) = rest.chars().next() else { break };
            out.push(c.to_string());
            rest = &rest[c.len_utf8()..];
        }
        if n > 0 && !rest.is_empty() {
            out.push(rest.to_string());
        }
        return out;
    }
    if n < 0 {
        return s.split(sep).map(str::to_string).collect();
    }
    s.splitn(n as usize, sep).map(str::to_string).collect()
}

fn indexed_map(parts: Vec<String>) -> V {
    let m: BTreeMap<String, String> = parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| (format!("_{i}"), p))
        .collect();
    V::str_map(m)
}

fn split(a: &[V]) -> Result<V, String> {
    let sep = arg_str(a, 0)?;
    Ok(indexed_map(go_split_n(arg_str(a, 1)?, sep, -1)))
}

fn splitn(a: &[V]) -> Result<V, String> {
    let sep = arg_str(a, 0)?;
    let n = arg_int(a, 1)?;
    Ok(indexed_map(go_split_n(arg_str(a, 2)?, sep, n)))
}

fn split_list(a: &[V]) -> Result<V, String> {
    let sep = arg_str(a, 0)?;
    Ok(V::str_list(go_split_n(arg_str(a, 1)?, sep, -1)))
}

/// Sprig's `strslice`: slices become their non-nil elements as strings,
/// nil an empty list, anything else a one-element list.
pub fn strslice(v: &V) -> Vec<String> {
    match v {
        V::Nil => Vec::new(),
        V::List(l) => l
            .items
            .iter()
            .filter(|x| !x.is_nil())
            .map(cast::to_string)
            .collect(),
        V::Bytes(b) => b.iter().map(u8::to_string).collect(),
        V::Object(o) if o.kind_name() == "slice" => match o.as_list() {
            Some(items) => items
                .iter()
                .filter(|x| !x.is_nil())
                .map(cast::to_string)
                .collect(),
            None => vec![cast::to_string(v)],
        },
        other => vec![cast::to_string(other)],
    }
}

fn to_strings(a: &[V]) -> Result<V, String> {
    Ok(V::str_list(strslice(arg_any(a, 0))))
}

fn join(a: &[V]) -> Result<V, String> {
    let sep = arg_str(a, 0)?;
    ok_str(strslice(arg_any(a, 1)).join(sep))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: &[V]) -> V {
        match call_r(name, args) {
            Ok(v) => v,
            Err(e) => panic!("{name}: unexpected error {e}"),
        }
    }

    fn call_r(name: &str, args: &[V]) -> Result<V, String> {
        let f = FUNCS
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no function {name}"));
        (f.f)(args)
    }

    fn s(x: &str) -> V {
        V::str(x)
    }

    fn mp() -> V {
        V::map([("a".to_string(), V::Float(1.0))].into_iter().collect())
    }

    thread_local! {
        static FAILS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    fn fail(msg: String) {
        FAILS.with(|f| f.borrow_mut().push(msg));
    }

    /// Reports every mismatch recorded by `c`, `t` and `e` at once.
    fn finish() {
        let fails = FAILS.with(|f| std::mem::take(&mut *f.borrow_mut()));
        assert!(
            fails.is_empty(),
            "{} mismatches:\n{}",
            fails.len(),
            fails.join("\n")
        );
    }

    /// A Go `[]int` (what `until` returns).
    fn int_list(items: &[i64]) -> V {
        V::List(std::rc::Rc::new(crate::template::value::ListV {
            items: items.iter().map(|&i| V::Int(i)).collect(),
            elem: crate::template::value::Elem::Int,
        }))
    }

    /// A string result.
    fn c(name: &str, args: &[V], want: &str) {
        match call_r(name, args) {
            Ok(V::Str(got)) if &*got == want => {}
            other => fail(format!("{name} {args:?}: got {other:?}, want {want:?}")),
        }
    }

    /// A result of another type: Go type name and `%v` text.
    fn t(name: &str, args: &[V], ty: &str, shown: &str) {
        match call_r(name, args) {
            Ok(v) if v.type_name() == ty && v.go_string() == shown => {}
            other => fail(format!(
                "{name} {args:?}: got {other:?}, want {ty} {shown:?}"
            )),
        }
    }

    /// An error (Go's message after `error calling NAME: `).
    fn e(name: &str, args: &[V], msg: &str) {
        match call_r(name, args) {
            Err(m) if m == msg => {}
            other => fail(format!(
                "{name} {args:?}: got {other:?}, want error {msg:?}"
            )),
        }
    }

    #[test]
    fn oracle_strings() {
        c("hello", &[], "Hello!");
        c("abbrev", &[V::Int(5), s("hello world")], "he...");
        c("abbrev", &[V::Int(3), s("hello world")], "hello world");
        c("abbrev", &[V::Int(20), s("hello world")], "hello world");
        c("abbrev", &[V::Int(4), s("héllo world")], "h...");
        c("abbrev", &[V::Int(5), s("")], "");
        c(
            "abbrevboth",
            &[V::Int(5), V::Int(10), s("1234 5678 9123 4567")],
            "...5678...",
        );
        c(
            "abbrevboth",
            &[V::Int(0), V::Int(6), s("hello world")],
            "hel...",
        );
        c(
            "abbrevboth",
            &[V::Int(1), V::Int(6), s("hello world")],
            "hello world",
        );
        c(
            "abbrevboth",
            &[V::Int(10), V::Int(10), s("abcdefghijklmnopqrstuvwxyz")],
            "...klmn...",
        );
        c(
            "abbrevboth",
            &[V::Int(20), V::Int(10), s("abcdefghijklmnopqrstuvwxyz")],
            "...tuvwxyz",
        );
        c(
            "abbrevboth",
            &[V::Int(3), V::Int(10), s("abcdefghijklmnopqrstuvwxyz")],
            "abcdefg...",
        );
        c("trunc", &[V::Int(5), s("hello world")], "hello");
        c("trunc", &[V::Int(-5), s("hello world")], "world");
        c("trunc", &[V::Int(-20), s("hello")], "hello");
        c("trunc", &[V::Int(0), s("hello")], "");
        c("trunc", &[V::Int(20), s("hello")], "hello");
        c("trunc", &[V::Int(-11), s("hello world")], "hello world");
        c("trunc", &[V::Int(2), s("日本語")], "�");
        c("trunc", &[V::Int(3), s("日本語")], "日");
        c("trim", &[s("  \t hello \n ")], "hello");
        c("trim", &[s("\u{a0}x\u{3000}")], "x");
        c("upper", &[s("hello ßtraße ǆ ﬀ ᾳ")], "HELLO ßTRAßE Ǆ ﬀ ᾼ");
        c("lower", &[s("HELLO İSTANBUL ǅ Σ")], "hello istanbul ǆ σ");
        c(
            "title",
            &[s("hello world foo_bar baz-qux o'neil 3rd x.y")],
            "Hello World Foo_bar Baz-Qux O'Neil 3rd X.Y",
        );
        c("title", &[s("ǆemal ǉ ßa ﬀ ᾳb ა")], "ǅemal ǈ ßa ﬀ ᾼb ა");
        c("title", &[s("hello\ttab\nnewline")], "Hello\tTab\nNewline");
        c("title", &[s("éa àb 1a _a")], "Éa Àb 1a _a");
        c("untitle", &[s("Hello World  FOO")], "hello world  fOO");
        c("untitle", &[s("ÉCOLE Ab")], "éCOLE ab");
        c("substr", &[V::Int(0), V::Int(5), s("hello world")], "hello");
        c(
            "substr",
            &[V::Int(6), V::Int(-1), s("hello world")],
            "world",
        );
        c("substr", &[V::Int(-1), V::Int(3), s("hello")], "hel");
        c("substr", &[V::Int(2), V::Int(100), s("hello")], "llo");
        c("substr", &[V::Int(1), V::Int(3), s("日本語")], "��");
        e(
            "substr",
            &[V::Int(4), V::Int(2), s("hello")],
            "runtime error: slice bounds out of range [4:2]",
        );
        e(
            "substr",
            &[V::Int(10), V::Int(-1), s("hello")],
            "runtime error: slice bounds out of range [10:5]",
        );
        e(
            "substr",
            &[V::Int(-1), V::Int(10), s("hello")],
            "runtime error: slice bounds out of range [:10] with length 5",
        );
        e(
            "substr",
            &[V::Int(-1), V::Int(-1), s("hello")],
            "runtime error: slice bounds out of range [:-1]",
        );
        c("substr", &[V::Int(3), V::Int(3), s("hello")], "");
        c("repeat", &[V::Int(3), s("ab")], "ababab");
        c("repeat", &[V::Int(0), s("ab")], "");
        e(
            "repeat",
            &[V::Int(-1), s("ab")],
            "strings: negative Repeat count",
        );
        c("trimAll", &[s("$"), s("$$5.00$")], "5.00");
        c("trimall", &[s("ab"), s("abcba")], "c");
        c("trimAll", &[s(""), s(" x ")], " x ");
        c("trimSuffix", &[s("-"), s("hello-")], "hello");
        c("trimSuffix", &[s("x"), s("hello-")], "hello-");
        c("trimPrefix", &[s("-"), s("-hello")], "hello");
        c("trimPrefix", &[s(""), s("hello")], "hello");
        c("nospace", &[s("hello w o r l d")], "helloworld");
        c("nospace", &[s("héllo")], "héllo");
        c("nospace", &[s("héllo wörld")], "hÃ©llowÃ¶rld");
        c("nospace", &[s("a\u{a0}b")], "aÂb");
        c("nospace", &[s("日本 語")], "æ\u{97}¥æ\u{9c}¬èª\u{9e}");
        c("initials", &[s("First Try")], "FT");
        c("initials", &[s("  multiple   spaces here")], "msh");
        c("initials", &[s("élan vital")], "Ãv");
        c("initials", &[s("")], "");
        c("swapcase", &[s("This Is A.Test")], "tHIS iS a.tEST");
        c("swapcase", &[s("hello WORLD ǅx")], "HELLO world ǆX");
        c("swapcase", &[s("a b\tc")], "A B\tC");
        c("snakecase", &[s("FirstName")], "first_name");
        c("snakecase", &[s("HTTPServer")], "http_server");
        c("snakecase", &[s("NoHTTPS")], "no_https");
        c("snakecase", &[s("GO_PATH")], "go_path");
        c("snakecase", &[s("GO PATH")], "go_path");
        c("snakecase", &[s("GO-PATH")], "go_path");
        c("snakecase", &[s("http2xx")], "http_2xx");
        c("snakecase", &[s("HTTP20xOK")], "http_20x_ok");
        c("snakecase", &[s("Duration2m3s")], "duration_2m3s");
        c("snakecase", &[s("Bld4Floor3rd")], "bld4_floor_3rd");
        c("snakecase", &[s("a.b.c")], "a.b.c");
        c("snakecase", &[s("  hello  World  ")], "__hello__world__");
        c("snakecase", &[s("AbcDéf")], "abc_déf");
        c("snakecase", &[s("日本語Test")], "日本語_test");
        c("snakecase", &[s("x__y")], "x__y");
        c("snakecase", &[s("ABC")], "abc");
        c("snakecase", &[s("a1B2c3")], "a1_b_2c3");
        c("snakecase", &[s("")], "");
        c("kebabcase", &[s("FirstName")], "first-name");
        c("kebabcase", &[s("HTTPServer")], "http-server");
        c("kebabcase", &[s("some_words here")], "some-words-here");
        c("kebabcase", &[s("foo.bar-Baz")], "foo.bar-baz");
        c("camelcase", &[s("some_words")], "SomeWords");
        c("camelcase", &[s("http_server")], "HttpServer");
        c("camelcase", &[s("no_https")], "NoHttps");
        c("camelcase", &[s("_complex__case_")], "_Complex_Case_");
        c("camelcase", &[s("some words")], "SomeWords");
        c("camelcase", &[s("GOLANG_IS_GREAT")], "GolangIsGreat");
        c("camelcase", &[s("a")], "A");
        c("camelcase", &[s("_")], "__");
        c("camelcase", &[s("__")], "___");
        c("camelcase", &[s("hello-world foo")], "HelloWorldFoo");
        c("camelcase", &[s("ÉTÉ_été")], "ÉtéÉté");
        c("camelcase", &[s("")], "");
        c("camelcase", &[s("alreadyCamel")], "AlreadyCamel");
        c(
            "wrap",
            &[V::Int(5), s("hello world this is a test")],
            "hello\nworld\nthis\nis a\ntest",
        );
        c("wrap", &[V::Int(0), s("hello world")], "hello\nworld");
        c(
            "wrap",
            &[V::Int(10), s("averyveryverylongword and more")],
            "averyveryverylongword\nand more",
        );
        c("wrap", &[V::Int(3), s("  a   b  ")], "a  \nb  ");
        c(
            "wrapWith",
            &[V::Int(5), s("\t"), s("Hello World")],
            "Hello\tWorld",
        );
        c(
            "wrapWith",
            &[V::Int(3), s("|"), s("abcdefgh ij")],
            "abc|def|gh|ij",
        );
        c(
            "wrapWith",
            &[V::Int(2), s("<br>"), s("日本語")],
            "�<br>��<br>��<br>�<br>�",
        );
        t("contains", &[s("cat"), s("catch")], "bool", "true");
        t("contains", &[s(""), s("x")], "bool", "true");
        t("contains", &[s("dog"), s("catch")], "bool", "false");
        t("hasPrefix", &[s("cat"), s("catch")], "bool", "true");
        t("hasPrefix", &[s("ch"), s("catch")], "bool", "false");
        t("hasSuffix", &[s("ch"), s("catch")], "bool", "true");
        t("hasSuffix", &[s("cat"), s("catch")], "bool", "false");
        c("quote", &[s("a"), s("b c")], "\"a\" \"b c\"");
        c(
            "quote",
            &[
                s("a\"b"),
                s("\\"),
                s("\n\t\u{0}\u{7f}"),
                s("é日"),
                s("\u{200b}"),
                s("😀"),
                s("\u{a0}"),
            ],
            "\"a\\\"b\" \"\\\\\" \"\\n\\t\\x00\\x7f\" \"é日\" \"\\u200b\" \"😀\" \"\\u00a0\"",
        );
        c(
            "quote",
            &[V::Int(1), V::Float(2.5), V::Bool(true), V::Nil],
            "\"1\" \"2.5\" \"true\"",
        );
        c("quote", &[V::Nil], "");
        c("quote", &[], "");
        c(
            "quote",
            &[
                V::Float(1e6),
                V::list(vec![V::Float(1.0), V::str("a"), V::Nil, V::Float(2.5)]),
                mp(),
            ],
            "\"1e+06\" \"[1 a <nil> 2.5]\" \"map[a:1]\"",
        );
        c("quote", &[V::list(vec![V::Int(1), V::Int(2)])], "\"[1 2]\"");
        c(
            "squote",
            &[s("a"), V::Int(1), V::Nil, V::Float(1.5)],
            "'a' '1' '1.5'",
        );
        c(
            "squote",
            &[
                V::Float(1e6),
                V::list(vec![V::Float(1.0), V::str("a"), V::Nil, V::Float(2.5)]),
                s("it's"),
            ],
            "'1e+06' '[1 a <nil> 2.5]' 'it's'",
        );
        c("squote", &[], "");
        c(
            "cat",
            &[s("a"), V::Int(1), V::Nil, s("b"), V::Float(1.5)],
            "a 1 b 1.5",
        );
        c("cat", &[V::Nil, V::Nil], "");
        c("cat", &[], "");
        c(
            "cat",
            &[
                V::list(vec![V::Float(1.0), V::str("a"), V::Nil, V::Float(2.5)]),
                mp(),
                V::Bool(true),
            ],
            "[1 a <nil> 2.5] map[a:1] true",
        );
        c("indent", &[V::Int(2), s("a\nb\n\nc")], "  a\n  b\n  \n  c");
        c("indent", &[V::Int(0), s("a")], "a");
        c("indent", &[V::Int(3), s("")], "   ");
        e(
            "indent",
            &[V::Int(-1), s("a")],
            "strings: negative Repeat count",
        );
        c("nindent", &[V::Int(2), s("a\nb")], "\n  a\n  b");
        c("nindent", &[V::Int(0), s("")], "\n");
        c("replace", &[s(" "), s("-"), s("a b  c")], "a-b--c");
        c("replace", &[s(""), s("-"), s("abc")], "-a-b-c-");
        c("replace", &[s("x"), s(""), s("axbxc")], "abc");
        c("plural", &[s("one"), s("many"), V::Int(1)], "one");
        c("plural", &[s("one"), s("many"), V::Int(0)], "many");
        c("plural", &[s("one"), s("many"), V::Int(2)], "many");
        c(
            "sha1sum",
            &[s("hello")],
            "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
        );
        c(
            "sha256sum",
            &[s("hello")],
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        );
        c(
            "sha512sum",
            &[s("hello")],
            "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043",
        );
        c("adler32sum", &[s("hello")], "103547413");
        c("adler32sum", &[s("")], "1");
        c(
            "sha256sum",
            &[s("")],
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        );
        c("toString", &[V::Int(1)], "1");
        c("toString", &[V::Float(1.5)], "1.5");
        c("toString", &[V::Float(1e6)], "1e+06");
        c("toString", &[V::Nil], "<nil>");
        c("toString", &[V::Bool(true)], "true");
        c(
            "toString",
            &[V::list(vec![
                V::Float(1.0),
                V::str("a"),
                V::Nil,
                V::Float(2.5),
            ])],
            "[1 a <nil> 2.5]",
        );
        c("toString", &[mp()], "map[a:1]");
        c("toString", &[s("s")], "s");
        c(
            "toString",
            &[V::list(vec![s("a"), V::Nil, V::Int(1)])],
            "[a <nil> 1]",
        );
        t("atoi", &[s("42")], "int", "42");
        t("atoi", &[s("-42")], "int", "-42");
        t("atoi", &[s("+7")], "int", "7");
        t("atoi", &[s(" 7")], "int", "0");
        t("atoi", &[s("4.2")], "int", "0");
        t("atoi", &[s("0x10")], "int", "0");
        t(
            "atoi",
            &[s("99999999999999999999")],
            "int",
            "9223372036854775807",
        );
        t(
            "atoi",
            &[s("-99999999999999999999")],
            "int",
            "-9223372036854775808",
        );
        t("atoi", &[s("")], "int", "0");
        t("atoi", &[s("1_000")], "int", "0");
        t("int64", &[s("42")], "int64", "42");
        t("int64", &[s("0x10")], "int64", "16");
        t("int64", &[s("010")], "int64", "8");
        t("int64", &[s("0o17")], "int64", "15");
        t("int64", &[s("0b101")], "int64", "5");
        t("int64", &[s("8.00")], "int64", "8");
        t("int64", &[s("8.5")], "int64", "0");
        t("int64", &[s("8.")], "int64", "0");
        t("int64", &[s("-8.0")], "int64", "-8");
        t("int64", &[s("1_000")], "int64", "1000");
        t("int64", &[s("0x_1F")], "int64", "31");
        t("int64", &[s("abc")], "int64", "0");
        t("int64", &[V::Float(1.5)], "int64", "1");
        t("int64", &[V::Float(-2.7)], "int64", "-2");
        t("int64", &[V::Bool(true)], "int64", "1");
        t("int64", &[V::Nil], "int64", "0");
        t("int64", &[V::Float(1e20)], "int64", "-9223372036854775808");
        t("int64", &[V::Float(-1e20)], "int64", "-9223372036854775808");
        t("int64", &[s("9223372036854775808")], "int64", "0");
        t(
            "int64",
            &[V::list(vec![
                V::Float(1.0),
                V::str("a"),
                V::Nil,
                V::Float(2.5),
            ])],
            "int64",
            "0",
        );
        t("int", &[s("12")], "int", "12");
        t("int", &[V::Float(1e6)], "int", "1000000");
        t("int", &[V::Float(3.99)], "int", "3");
        t("int", &[s("1e3")], "int", "0");
        t("float64", &[s("1.5")], "float64", "1.5");
        t("float64", &[s("1e3")], "float64", "1000");
        t("float64", &[s("abc")], "float64", "0");
        t("float64", &[s("1_000")], "float64", "1000");
        t("float64", &[s("0x1p-2")], "float64", "0.25");
        t("float64", &[s("inf")], "float64", "+Inf");
        t("float64", &[s("-Infinity")], "float64", "-Inf");
        t("float64", &[s("NaN")], "float64", "NaN");
        t("float64", &[s(".5")], "float64", "0.5");
        t("float64", &[s("5.")], "float64", "5");
        t("float64", &[s(" 1")], "float64", "0");
        t("float64", &[s("+1.5")], "float64", "1.5");
        t("float64", &[V::Bool(true)], "float64", "1");
        t("float64", &[V::Nil], "float64", "0");
        t("float64", &[V::Int(3)], "float64", "3");
        t("float64", &[s("1_0.5")], "float64", "10.5");
        t("float64", &[s("0x10")], "float64", "0");
        t("float64", &[s("1e400")], "float64", "0");
        c("seq", &[V::Int(3)], "1 2 3");
        c("seq", &[V::Int(0)], "1 0");
        c("seq", &[V::Int(1)], "1");
        c("seq", &[V::Int(-2)], "1 0 -1 -2");
        c("seq", &[V::Int(2), V::Int(5)], "2 3 4 5");
        c("seq", &[V::Int(5), V::Int(2)], "5 4 3 2");
        c("seq", &[V::Int(1), V::Int(2), V::Int(10)], "1 3 5 7 9");
        c("seq", &[V::Int(10), V::Int(-3), V::Int(1)], "10 7 4 1");
        c("seq", &[V::Int(10), V::Int(3), V::Int(1)], "");
        c("seq", &[V::Int(1), V::Int(0), V::Int(5)], "");
        c("seq", &[V::Int(1), V::Int(-1), V::Int(5)], "");
        c("seq", &[V::Int(1), V::Int(2), V::Int(3), V::Int(4)], "");
        c("seq", &[], "");
        c("seq", &[V::Int(5), V::Int(0), V::Int(1)], "");
        t("toDecimal", &[s("777")], "int64", "511");
        t("toDecimal", &[V::Int(777)], "int64", "511");
        t("toDecimal", &[s("0777")], "int64", "511");
        t("toDecimal", &[s("-17")], "int64", "-15");
        t("toDecimal", &[s("8")], "int64", "0");
        t("toDecimal", &[V::Float(1.5)], "int64", "0");
        t("toDecimal", &[V::Nil], "int64", "0");
        t("toDecimal", &[s("+17")], "int64", "15");
        t("toDecimal", &[s("0o17")], "int64", "0");
        t("toDecimal", &[V::Bool(true)], "int64", "0");
        t(
            "split",
            &[s(","), s("a,b,,c")],
            "map[string]string",
            "map[_0:a _1:b _2: _3:c]",
        );
        t(
            "split",
            &[s(""), s("abc")],
            "map[string]string",
            "map[_0:a _1:b _2:c]",
        );
        t("split", &[s(","), s("")], "map[string]string", "map[_0:]");
        t(
            "split",
            &[s("x"), s("abc")],
            "map[string]string",
            "map[_0:abc]",
        );
        t(
            "splitn",
            &[s(","), V::Int(2), s("a,b,c")],
            "map[string]string",
            "map[_0:a _1:b,c]",
        );
        t(
            "splitn",
            &[s(","), V::Int(0), s("a,b,c")],
            "map[string]string",
            "map[]",
        );
        t(
            "splitn",
            &[s(","), V::Int(-1), s("a,b,c")],
            "map[string]string",
            "map[_0:a _1:b _2:c]",
        );
        t(
            "splitn",
            &[s(""), V::Int(2), s("abc")],
            "map[string]string",
            "map[_0:a _1:bc]",
        );
        t(
            "splitn",
            &[s(","), V::Int(10), s("a,b")],
            "map[string]string",
            "map[_0:a _1:b]",
        );
        t("splitList", &[s(","), s("a,b,,c")], "[]string", "[a b  c]");
        t("splitList", &[s(""), s("日本")], "[]string", "[日 本]");
        t("splitList", &[s(","), s("")], "[]string", "[]");
        t("splitList", &[s(""), s("")], "[]string", "[]");
        t(
            "toStrings",
            &[V::list(vec![
                V::Int(1),
                s("a"),
                V::Nil,
                V::Float(2.5),
                V::Bool(true),
            ])],
            "[]string",
            "[1 a 2.5 true]",
        );
        t("toStrings", &[s("abc")], "[]string", "[abc]");
        t("toStrings", &[V::Nil], "[]string", "[]");
        t("toStrings", &[V::Int(5)], "[]string", "[5]");
        t("toStrings", &[mp()], "[]string", "[map[a:1]]");
        t(
            "toStrings",
            &[call("splitList", &[s(","), s("x,y")])],
            "[]string",
            "[x y]",
        );
        c(
            "join",
            &[
                s("-"),
                V::list(vec![V::Int(1), s("a"), V::Nil, V::Float(2.5)]),
            ],
            "1-a-2.5",
        );
        c("join", &[s(","), s("abc")], "abc");
        c("join", &[s(","), V::Nil], "");
        c(
            "join",
            &[
                s(","),
                V::list(vec![V::Float(1.0), V::str("a"), V::Nil, V::Float(2.5)]),
            ],
            "1,a,2.5",
        );
        c(
            "join",
            &[s(", "), call("splitList", &[s("/"), s("a/b/c")])],
            "a, b, c",
        );
        c("join", &[s(","), V::Int(3)], "3");
        c("join", &[s(","), mp()], "map[a:1]");
        c("b64enc", &[s("hello")], "aGVsbG8=");
        c("b64enc", &[s("")], "");
        c("b64enc", &[s("日本")], "5pel5pys");
        c("b64dec", &[s("aGVsbG8=")], "hello");
        c(
            "b64dec",
            &[s("aGVsbG8")],
            "illegal base64 data at input byte 4",
        );
        c("b64dec", &[s("aGVs\nbG8=")], "hello");
        c("b64dec", &[s("a")], "illegal base64 data at input byte 0");
        c("b64dec", &[s("ab")], "illegal base64 data at input byte 0");
        c("b64dec", &[s("abc")], "illegal base64 data at input byte 0");
        c("b64dec", &[s("abc=")], "i�");
        c("b64dec", &[s("ab==")], "i");
        c("b64dec", &[s("ab=")], "illegal base64 data at input byte 3");
        c(
            "b64dec",
            &[s("a===")],
            "illegal base64 data at input byte 1",
        );
        c(
            "b64dec",
            &[s("aGVsbG8=x")],
            "illegal base64 data at input byte 8",
        );
        c(
            "b64dec",
            &[s("!!!!")],
            "illegal base64 data at input byte 0",
        );
        c("b64dec", &[s("aGVsbG8=\n")], "hello");
        c("b64dec", &[s("ab=\n=")], "i");
        c(
            "b64dec",
            &[s("ab==ab==")],
            "illegal base64 data at input byte 4",
        );
        c("b64dec", &[s("")], "");
        c("b64dec", &[s("/w==")], "�");
        c("b32enc", &[s("hello")], "NBSWY3DP");
        c("b32enc", &[s("")], "");
        c("b32enc", &[s("a")], "ME======");
        c("b32enc", &[s("ab")], "MFRA====");
        c("b32enc", &[s("abc")], "MFRGG===");
        c("b32enc", &[s("abcd")], "MFRGGZA=");
        c("b32enc", &[s("abcde")], "MFRGGZDF");
        c("b32dec", &[s("NBSWY3DP")], "hello");
        c("b32dec", &[s("NBSWY3DP\n")], "hello");
        c(
            "b32dec",
            &[s("NBSWY3D")],
            "illegal base32 data at input byte 0",
        );
        c("b32dec", &[s("ME======")], "a");
        c(
            "b32dec",
            &[s("ME=====")],
            "illegal base32 data at input byte 7",
        );
        c(
            "b32dec",
            &[s("ME=====x")],
            "illegal base32 data at input byte 6",
        );
        c(
            "b32dec",
            &[s("M=======")],
            "illegal base32 data at input byte 1",
        );
        c("b32dec", &[s("MFRA====")], "ab");
        c("b32dec", &[s("MFRGG===")], "abc");
        c("b32dec", &[s("MFRGGZA=")], "abcd");
        c(
            "b32dec",
            &[s("mfrgg===")],
            "illegal base32 data at input byte 0",
        );
        c("b32dec", &[s("MFRGGZDF")], "abcde");
        c("b32dec", &[s("1")], "illegal base32 data at input byte 0");
        c("b32dec", &[s("")], "");
        c(
            "b32dec",
            &[s("MFR=====")],
            "illegal base32 data at input byte 3",
        );
        finish();
    }

    #[test]
    fn oracle_strings_edge_cases() {
        t("toStrings", &[int_list(&[0, 1, 2])], "[]string", "[0 1 2]");
        c("nospace", &[s("a\u{85}b")], "aÂb");
        c("nospace", &[s("a\u{a0}b c")], "aÂbc");
        c("initials", &[s("a\tb\nc")], "abc");
        c("snakecase", &[s("ÀbcDef")], "àbc_def");
        c("snakecase", &[s("ABC123def")], "abc_123def");
        c("snakecase", &[s("a.B")], "a.b");
        c("snakecase", &[s("a☃B")], "a_☃_b");
        c("snakecase", &[s("HelloWorld!Foo")], "hello_world!foo");
        c("snakecase", &[s("already_snake")], "already_snake");
        c("snakecase", &[s("Some-Kebab-Case")], "some_kebab_case");
        c("kebabcase", &[s("ABC123def")], "abc-123def");
        c("kebabcase", &[s("  leading")], "--leading");
        c("camelcase", &[s("ÀbcDef")], "ÀbcDef");
        c("camelcase", &[s("a☃b_c")], "A☃bC");
        c("camelcase", &[s("snake_case_123_abc")], "SnakeCase123Abc");
        c("camelcase", &[s("__a")], "__A");
        c("swapcase", &[s("ǅ ǆ Ǆ")], "ǆ ǅ ǆ");
        c("swapcase", &[s("Hello  wORLD")], "hELLO  World");
        c("title", &[s("x-y_z@w")], "X-Y_z@W");
        c("title", &[s("ǳa")], "ǲa");
        c("title", &[s("a\u{a0}b")], "A\u{a0}B");
        c("upper", &[s("straße")], "STRAßE");
        c("lower", &[s("ΑΣ")], "ασ");
        c("untitle", &[s("  A B")], "  a b");
        c("wrap", &[V::Int(4), s("ab cd ef gh")], "ab\ncd\nef\ngh");
        c("wrap", &[V::Int(1), s("a b")], "a\nb");
        c(
            "wrap",
            &[V::Int(7), s("the quick brown fox")],
            "the\nquick\nbrown\nfox",
        );
        c(
            "wrapWith",
            &[V::Int(4), s("\n"), s("abcdefghij")],
            "abcd\nefgh\nij",
        );
        c("wrapWith", &[V::Int(10), s("-"), s("short")], "short");
        c("abbrev", &[V::Int(7), s("ab")], "ab");
        c(
            "abbrevboth",
            &[V::Int(1), V::Int(7), s("abcdefghijklmn")],
            "abcd...",
        );
        c(
            "abbrevboth",
            &[V::Int(5), V::Int(7), s("abcdefghijklmn")],
            "...f...",
        );
        c(
            "abbrevboth",
            &[V::Int(50), V::Int(7), s("abcdefghijklmn")],
            "...klmn",
        );
        c(
            "abbrevboth",
            &[V::Int(9), V::Int(8), s("abcdefghijklmn")],
            "...jklmn",
        );
        c(
            "quote",
            &[s("\u{2028}"), s("﻿"), s("\u{1b}")],
            "\"\\u2028\" \"\\ufeff\" \"\\x1b\"",
        );
        c("squote", &[s("a'b"), s("\n")], "'a'b' '\n'");
        c("cat", &[s("a"), s(""), s("b")], "a  b");
        c("toString", &[V::list(vec![])], "[]");
        c("join", &[s(""), V::list(vec![s("a"), s("b")])], "ab");
        t(
            "split",
            &[s("ab"), s("xabyabz")],
            "map[string]string",
            "map[_0:x _1:y _2:z]",
        );
        finish();
    }
}
