//! Masterminds/semver (v3) compatible versions and version constraints.
//!
//! Helm resolves chart dependencies, checks `kubeVersion` and implements the
//! Sprig template functions `semver` / `semverCompare` with
//! `github.com/Masterminds/semver/v3` (Helm 4.2 links v3.5.0).  This module
//! reproduces that library's behaviour on top of the `semver` crate:
//!
//! * [`Version::parse_loose`] is `NewVersion`: optional `v` prefix, minor and
//!   patch may be missing, leading zeros in major/minor/patch are accepted
//!   (`01.2.3` is `1.2.3`), but not in numeric prerelease identifiers.
//! * [`Version::parse_strict`] is `StrictNewVersion`: exactly `X.Y.Z`, no `v`.
//! * Precedence follows SemVer 2 (a prerelease sorts before its release, build
//!   metadata is ignored); equality ignores build metadata too.
//! * [`Constraints::parse`] is `NewConstraint`: `||` separated groups of
//!   comparators joined by commas or whitespace, the operators
//!   `= != > < >= => <= =< ~ ~> ^`, `x`/`X`/`*` wildcards, and hyphen ranges
//!   (`1.2 - 1.4.5`).
//! * Prereleases: a group admits prerelease versions only when one of its own
//!   comparators carries a prerelease (`>=1.2.3-0 <2` admits `1.5.0-beta`), or
//!   when [`Constraints::set_include_prerelease`] is on.
//!
//! Error texts are worded as the Go library words them (v3.5.0), including
//! Go's `%q` quoting, e.g. `improper constraint: "foo"` or
//! `"1.2.3" is less than "1.3.0"`.

use std::cmp::Ordering;
use std::fmt::{self, Write as _};
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use thiserror::Error;

/// Errors from parsing versions and constraints.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SemverError {
    /// The text is not a (loose) semantic version.
    #[error("invalid semantic version")]
    InvalidSemVer,
    /// Strict parsing of an empty string.
    #[error("version string empty")]
    EmptyString,
    /// Strict parsing found a non-digit in major, minor or patch.
    #[error("invalid characters in version")]
    InvalidCharacters,
    /// A numeric segment (strict) or numeric prerelease identifier has a
    /// leading zero.
    #[error("version segment starts with 0")]
    SegmentStartsZero,
    /// Malformed build metadata.
    #[error("invalid metadata string")]
    InvalidMetadata,
    /// Malformed prerelease.
    #[error("invalid prerelease string")]
    InvalidPrerelease,
    /// A numeric segment does not fit in a `u64` (or, strict parsing only, is
    /// empty).  Loose parsing prefixes the message with
    /// `error parsing version segment: ` (`wrapped`).
    #[error("{}", parse_uint_message(.input, *.out_of_range, *.wrapped))]
    ParseSegment {
        /// The offending segment text.
        input: String,
        /// `value out of range` (true) or `invalid syntax` (false).
        out_of_range: bool,
        /// Whether the loose-parser prefix is present.
        wrapped: bool,
    },
    /// A `||` group (or comparator) that does not follow the grammar.
    #[error("improper constraint: {}", go_quote(.0))]
    ImproperConstraint(String),
    /// A comparator matched the grammar but its version did not parse
    /// (e.g. `1x.2`).
    #[error("constraint parser error")]
    ConstraintParser,
    /// `inc_major`/`inc_minor`/`inc_patch` at `u64::MAX` (Masterminds panics).
    #[error("{0} version increment would overflow uint64")]
    IncrementOverflow(&'static str),
}

fn parse_uint_message(input: &str, out_of_range: bool, wrapped: bool) -> String {
    format!(
        "{}strconv.ParseUint: parsing {}: {}",
        if wrapped {
            "error parsing version segment: "
        } else {
            ""
        },
        go_quote(input),
        if out_of_range {
            "value out of range"
        } else {
            "invalid syntax"
        }
    )
}

// ---------------------------------------------------------------------------
// Character classes and small helpers
// ---------------------------------------------------------------------------

/// Go regexp `\s`: `[\t\n\f\r ]` (no vertical tab).
fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Identifier characters of prereleases and metadata: `[0-9A-Za-z-]`.
fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Characters of a constraint version segment: the Go class `[0-9|x|X|\*]`
/// (which, as written upstream, also admits `|`).
fn is_cv_seg(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'x' | b'X' | b'*' | b'|')
}

fn is_op_char(b: u8) -> bool {
    matches!(b, b'=' | b'!' | b'<' | b'>' | b'~' | b'^')
}

fn is_x(s: &str) -> bool {
    matches!(s, "x" | "X" | "*")
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn all_ident(s: &str) -> bool {
    s.bytes().all(is_ident)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_ws(b[i]) {
        i += 1;
    }
    i
}

/// Go `strconv.ParseUint(s, 10, 64)`: `Ok(n)`, `Err(true)` when out of range,
/// `Err(false)` on a syntax error.
fn go_parse_uint(s: &str) -> Result<u64, bool> {
    if s.is_empty() || !all_digits(s) {
        return Err(false);
    }
    s.parse::<u64>().map_err(|_| true)
}

/// Go's `%q` / `strconv.Quote`.  Non-ASCII characters are kept unless they
/// are control, separator or format characters (approximating
/// `unicode.IsPrint`; unassigned code points are kept as they are).
fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\x7f' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_ascii() || go_is_print(c) => out.push(c),
            c if (c as u32) < 0x1_0000 => {
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

fn go_is_print(c: char) -> bool {
    let u = c as u32;
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let format_or_private = matches!(
        u,
        0xAD | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xE000..=0xF8FF
            | 0xFDD0..=0xFDEF
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0xFFFE..=0xFFFF
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
            | 0xF0000..
    );
    !format_or_private
}

/// Prerelease rules of Masterminds `validatePrerelease`: dot separated,
/// non-empty identifiers of `[0-9A-Za-z-]`, numeric ones without leading 0.
fn validate_prerelease(p: &str) -> Result<(), SemverError> {
    for part in p.split('.') {
        if part.is_empty() {
            return Err(SemverError::InvalidPrerelease);
        } else if all_digits(part) {
            if part.len() > 1 && part.starts_with('0') {
                return Err(SemverError::SegmentStartsZero);
            }
        } else if !all_ident(part) {
            return Err(SemverError::InvalidPrerelease);
        }
    }
    Ok(())
}

/// Metadata rules of Masterminds `validateMetadata`.
fn validate_metadata(m: &str) -> Result<(), SemverError> {
    for part in m.split('.') {
        if part.is_empty() || !all_ident(part) {
            return Err(SemverError::InvalidMetadata);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Version shape matcher
// ---------------------------------------------------------------------------

/// Byte ranges of the pieces of a version-shaped text.  `minor` and `patch`
/// include their leading `.`, `pre` its `-`, `meta` its `+` (the way the
/// upstream regular expressions capture them).
#[derive(Debug, Clone, Copy)]
struct Shape {
    start: usize,
    end: usize,
    major: (usize, usize),
    minor: Option<(usize, usize)>,
    patch: Option<(usize, usize)>,
    pre: Option<(usize, usize)>,
    meta: Option<(usize, usize)>,
}

/// `[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*` at `i`; returns the end (== `i` when
/// nothing matches).
fn match_ident_list(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && is_ident(b[j]) {
        j += 1;
    }
    if j == i {
        return i;
    }
    while j + 1 < b.len() && b[j] == b'.' && is_ident(b[j + 1]) {
        j += 1;
        while j < b.len() && is_ident(b[j]) {
            j += 1;
        }
    }
    j
}

/// Greedy (leftmost-first) match of
/// `v?(SEG+)(\.SEG+)?(\.SEG+)?(-IDENTS)?(\+IDENTS)?` at `start`.
///
/// Every shorter alternative a backtracking engine could fall back to ends
/// right before a character of the same pattern, so for the contexts used
/// here (followed by whitespace, a comma, `-` after whitespace, or the end)
/// the greedy match is the only one that can succeed.
fn match_shape(b: &[u8], start: usize, seg: fn(u8) -> bool) -> Option<Shape> {
    let mut i = start;
    if b.get(i) == Some(&b'v') && b.get(i + 1).is_some_and(|&c| seg(c)) {
        i += 1;
    }
    let ms = i;
    while i < b.len() && seg(b[i]) {
        i += 1;
    }
    if i == ms {
        return None;
    }
    let major = (ms, i);
    let dotted = |i: &mut usize| -> Option<(usize, usize)> {
        if *i + 1 < b.len() && b[*i] == b'.' && seg(b[*i + 1]) {
            let s = *i;
            *i += 1;
            while *i < b.len() && seg(b[*i]) {
                *i += 1;
            }
            Some((s, *i))
        } else {
            None
        }
    };
    let minor = dotted(&mut i);
    let patch = dotted(&mut i);
    let tagged = |i: &mut usize, tag: u8| -> Option<(usize, usize)> {
        if b.get(*i) == Some(&tag) {
            let e = match_ident_list(b, *i + 1);
            if e > *i + 1 {
                let s = *i;
                *i = e;
                return Some((s, e));
            }
        }
        None
    };
    let pre = tagged(&mut i, b'-');
    let meta = tagged(&mut i, b'+');
    Some(Shape {
        start,
        end: i,
        major,
        minor,
        patch,
        pre,
        meta,
    })
}

fn slice(s: &str, r: Option<(usize, usize)>) -> &str {
    match r {
        Some((a, b)) => &s[a..b],
        None => "",
    }
}

// ---------------------------------------------------------------------------
// Version
// ---------------------------------------------------------------------------

/// A semantic version as Masterminds/semver models it: the parsed parts plus
/// the text it was parsed from.
///
/// Ordering and equality follow SemVer 2 precedence: build metadata is
/// ignored, so `1.0.0+a == 1.0.0+b`.
#[derive(Clone, Debug)]
pub struct Version {
    inner: semver::Version,
    original: String,
}

impl Version {
    /// Masterminds `NewVersion` (coercing mode, the default): optional `v`
    /// prefix, minor/patch may be omitted, leading zeros in major/minor/patch
    /// are accepted.
    pub fn parse_loose(s: &str) -> Result<Self, SemverError> {
        let b = s.as_bytes();
        let shape = match match_shape(b, 0, |c| c.is_ascii_digit()) {
            Some(sh) if sh.end == b.len() => sh,
            _ => return Err(SemverError::InvalidSemVer),
        };
        let num = |r: Option<(usize, usize)>| -> Result<u64, SemverError> {
            match r {
                None => Ok(0),
                Some((a, e)) => {
                    let text = s[a..e].trim_start_matches('.');
                    go_parse_uint(text).map_err(|out_of_range| SemverError::ParseSegment {
                        input: text.to_string(),
                        out_of_range,
                        wrapped: true,
                    })
                }
            }
        };
        let major = num(Some(shape.major))?;
        let minor = num(shape.minor)?;
        let patch = num(shape.patch)?;
        let pre = slice(s, shape.pre).get(1..).unwrap_or("");
        let meta = slice(s, shape.meta).get(1..).unwrap_or("");
        if !pre.is_empty() {
            validate_prerelease(pre)?;
        }
        if !meta.is_empty() {
            validate_metadata(meta)?;
        }
        Self::from_parts(major, minor, patch, pre, meta, s.to_string())
    }

    /// Masterminds `StrictNewVersion`: exactly `MAJOR.MINOR.PATCH` with an
    /// optional prerelease and metadata, no `v` prefix, no leading zeros.
    pub fn parse_strict(s: &str) -> Result<Self, SemverError> {
        if s.is_empty() {
            return Err(SemverError::EmptyString);
        }
        let mut parts: Vec<&str> = s.splitn(3, '.').collect();
        if parts.len() != 3 {
            return Err(SemverError::InvalidSemVer);
        }
        let mut meta = "";
        if let Some((rest, m)) = parts[2].split_once('+') {
            meta = m;
            parts[2] = rest;
            validate_metadata(meta)?;
        }
        let mut pre = "";
        if let Some((rest, p)) = parts[2].split_once('-') {
            pre = p;
            parts[2] = rest;
            validate_prerelease(pre)?;
        }
        for p in &parts {
            if !all_digits(p) {
                return Err(SemverError::InvalidCharacters);
            }
            if p.len() > 1 && p.starts_with('0') {
                return Err(SemverError::SegmentStartsZero);
            }
        }
        let mut nums = [0u64; 3];
        for (n, p) in nums.iter_mut().zip(&parts) {
            *n = go_parse_uint(p).map_err(|out_of_range| SemverError::ParseSegment {
                input: (*p).to_string(),
                out_of_range,
                wrapped: false,
            })?;
        }
        Self::from_parts(nums[0], nums[1], nums[2], pre, meta, s.to_string())
    }

    /// A release version `major.minor.patch`.
    pub fn new(major: u64, minor: u64, patch: u64) -> Self {
        let inner = semver::Version::new(major, minor, patch);
        let original = inner.to_string();
        Version { inner, original }
    }

    fn from_parts(
        major: u64,
        minor: u64,
        patch: u64,
        pre: &str,
        meta: &str,
        original: String,
    ) -> Result<Self, SemverError> {
        let pre = if pre.is_empty() {
            semver::Prerelease::EMPTY
        } else {
            semver::Prerelease::new(pre).map_err(|_| SemverError::InvalidPrerelease)?
        };
        let build = if meta.is_empty() {
            semver::BuildMetadata::EMPTY
        } else {
            semver::BuildMetadata::new(meta).map_err(|_| SemverError::InvalidMetadata)?
        };
        Ok(Version {
            inner: semver::Version {
                major,
                minor,
                patch,
                pre,
                build,
            },
            original,
        })
    }

    /// The text this version was parsed from (for `inc_*`/`set_*` results:
    /// the normalized form, keeping a leading `v` of the source).
    pub fn original(&self) -> &str {
        &self.original
    }

    pub fn major(&self) -> u64 {
        self.inner.major
    }

    pub fn minor(&self) -> u64 {
        self.inner.minor
    }

    pub fn patch(&self) -> u64 {
        self.inner.patch
    }

    /// The prerelease without its `-` (empty when none).
    pub fn prerelease(&self) -> &str {
        self.inner.pre.as_str()
    }

    /// The build metadata without its `+` (empty when none).
    pub fn metadata(&self) -> &str {
        self.inner.build.as_str()
    }

    /// The underlying `semver` crate value.
    pub fn as_semver(&self) -> &semver::Version {
        &self.inner
    }

    fn v_prefix(&self) -> &'static str {
        if self.original.starts_with('v') {
            "v"
        } else {
            ""
        }
    }

    fn with_original_from(mut self, src: &Version) -> Self {
        self.original = format!("{}{}", src.v_prefix(), self);
        self
    }

    /// Masterminds `IncPatch`: a prerelease version becomes its release
    /// (`1.2.3-beta` -> `1.2.3`), otherwise the patch is incremented; metadata
    /// and prerelease are dropped.
    pub fn inc_patch(&self) -> Result<Version, SemverError> {
        let mut next = self.inner.clone();
        next.pre = semver::Prerelease::EMPTY;
        next.build = semver::BuildMetadata::EMPTY;
        if self.prerelease().is_empty() {
            next.patch = next
                .patch
                .checked_add(1)
                .ok_or(SemverError::IncrementOverflow("patch"))?;
        }
        Ok(Version {
            inner: next,
            original: String::new(),
        }
        .with_original_from(self))
    }

    /// Masterminds `IncMinor`: minor + 1, patch 0, no prerelease/metadata.
    pub fn inc_minor(&self) -> Result<Version, SemverError> {
        let minor = self
            .minor()
            .checked_add(1)
            .ok_or(SemverError::IncrementOverflow("minor"))?;
        Ok(Version::new(self.major(), minor, 0).with_original_from(self))
    }

    /// Masterminds `IncMajor`: major + 1, minor and patch 0, no
    /// prerelease/metadata.
    pub fn inc_major(&self) -> Result<Version, SemverError> {
        let major = self
            .major()
            .checked_add(1)
            .ok_or(SemverError::IncrementOverflow("major"))?;
        Ok(Version::new(major, 0, 0).with_original_from(self))
    }

    /// Masterminds `SetPrerelease` (value without the leading `-`; empty
    /// removes it).
    pub fn set_prerelease(&self, pre: &str) -> Result<Version, SemverError> {
        if !pre.is_empty() {
            validate_prerelease(pre)?;
        }
        let mut next = self.clone();
        next.inner.pre = if pre.is_empty() {
            semver::Prerelease::EMPTY
        } else {
            semver::Prerelease::new(pre).map_err(|_| SemverError::InvalidPrerelease)?
        };
        Ok(next.with_original_from(self))
    }

    /// Masterminds `SetMetadata` (value without the leading `+`; empty
    /// removes it).
    pub fn set_metadata(&self, meta: &str) -> Result<Version, SemverError> {
        if !meta.is_empty() {
            validate_metadata(meta)?;
        }
        let mut next = self.clone();
        next.inner.build = if meta.is_empty() {
            semver::BuildMetadata::EMPTY
        } else {
            semver::BuildMetadata::new(meta).map_err(|_| SemverError::InvalidMetadata)?
        };
        Ok(next.with_original_from(self))
    }

    /// `Display` quoted the way Go's `%q` prints a version.
    fn quoted(&self) -> String {
        go_quote(&self.to_string())
    }
}

impl fmt::Display for Version {
    /// The normalized `MAJOR.MINOR.PATCH[-PRE][+META]` form (no `v`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major(), self.minor(), self.patch())?;
        if !self.prerelease().is_empty() {
            write!(f, "-{}", self.prerelease())?;
        }
        if !self.metadata().is_empty() {
            write!(f, "+{}", self.metadata())?;
        }
        Ok(())
    }
}

impl FromStr for Version {
    type Err = SemverError;

    /// Same as [`Version::parse_loose`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Version::parse_loose(s)
    }
}

impl From<semver::Version> for Version {
    fn from(inner: semver::Version) -> Self {
        let original = inner.to_string();
        Version { inner, original }
    }
}

/// Masterminds `comparePrePart`: numeric identifiers (those `ParseUint`
/// accepts) sort before alphanumeric ones; otherwise byte-wise string order.
fn compare_pre_part(s: &str, o: &str) -> Ordering {
    if s == o {
        return Ordering::Equal;
    }
    if s.is_empty() {
        return Ordering::Less;
    }
    if o.is_empty() {
        return Ordering::Greater;
    }
    match (go_parse_uint(s), go_parse_uint(o)) {
        (Err(_), Err(_)) => s.cmp(o),
        (Ok(_), Err(_)) => Ordering::Less,
        (Err(_), Ok(_)) => Ordering::Greater,
        (Ok(a), Ok(b)) => {
            if a > b {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
    }
}

/// Masterminds `comparePrerelease` (also used on empty strings by `!=`).
fn compare_prerelease(a: &str, b: &str) -> Ordering {
    let ap: Vec<&str> = a.split('.').collect();
    let bp: Vec<&str> = b.split('.').collect();
    for i in 0..ap.len().max(bp.len()) {
        let d = compare_pre_part(
            ap.get(i).copied().unwrap_or(""),
            bp.get(i).copied().unwrap_or(""),
        );
        if d != Ordering::Equal {
            return d;
        }
    }
    Ordering::Equal
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.major()
            .cmp(&other.major())
            .then(self.minor().cmp(&other.minor()))
            .then(self.patch().cmp(&other.patch()))
            .then_with(|| match (self.prerelease(), other.prerelease()) {
                ("", "") => Ordering::Equal,
                ("", _) => Ordering::Greater,
                (_, "") => Ordering::Less,
                (a, b) => compare_prerelease(a, b),
            })
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl Hash for Version {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.major().hash(state);
        self.minor().hash(state);
        self.patch().hash(state);
        self.prerelease().hash(state);
    }
}

// ---------------------------------------------------------------------------
// Constraints
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    TildeOrEqual,
    NotEqual,
    Greater,
    Less,
    GreaterEqual,
    LessEqual,
    Tilde,
    Caret,
}

impl Op {
    fn from_text(s: &str) -> Option<Op> {
        Some(match s {
            "" | "=" => Op::TildeOrEqual,
            "!=" => Op::NotEqual,
            ">" => Op::Greater,
            "<" => Op::Less,
            ">=" | "=>" => Op::GreaterEqual,
            "<=" | "=<" => Op::LessEqual,
            "~" | "~>" => Op::Tilde,
            "^" => Op::Caret,
            _ => return None,
        })
    }
}

/// One comparator such as `>= 1.2` or `~1.x`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Comparator {
    op: Op,
    /// The operator as written (`""`, `=>`, `~>`, ...).
    op_text: String,
    /// The version part as written (`1.x`, `v2.0.0-rc.1`, ...).
    orig: String,
    /// The version compared against (wildcards replaced by 0).
    con: Version,
    /// Some part is a wildcard or missing.
    dirty: bool,
    /// The minor part is a wildcard or missing.
    minor_dirty: bool,
    /// The patch part is a wildcard or missing.
    patch_dirty: bool,
}

fn prerelease_message(v: &Version) -> String {
    format!(
        "{} is a prerelease version and the constraint is only looking for release versions",
        v.quoted()
    )
}

impl Comparator {
    /// Masterminds `parseConstraint`, given the operator and the matched
    /// version shape within `text`.
    fn build(text: &str, op_text: &str, shape: &Shape) -> Result<Comparator, SemverError> {
        let op = Op::from_text(op_text)
            .ok_or_else(|| SemverError::ImproperConstraint(text.to_string()))?;
        let orig = &text[shape.start..shape.end];
        let major = &text[shape.major.0..shape.major.1];
        let minor = slice(text, shape.minor);
        let patch = slice(text, shape.patch);
        let pre = slice(text, shape.pre);
        let (mut dirty, mut minor_dirty, mut patch_dirty) = (false, false, false);
        let ver = if is_x(major) {
            dirty = true;
            format!("0.0.0{pre}")
        } else if minor.is_empty() || is_x(&minor[1..]) {
            dirty = true;
            minor_dirty = true;
            format!("{major}.0.0{pre}")
        } else if patch.is_empty() || is_x(&patch[1..]) {
            dirty = true;
            patch_dirty = true;
            format!("{major}{minor}.0{pre}")
        } else {
            orig.to_string()
        };
        let con = Version::parse_loose(&ver).map_err(|_| SemverError::ConstraintParser)?;
        Ok(Comparator {
            op,
            op_text: op_text.to_string(),
            orig: orig.to_string(),
            con,
            dirty,
            minor_dirty,
            patch_dirty,
        })
    }

    fn fail(&self, v: &Version, what: &str) -> String {
        format!("{} {} {}", v.quoted(), what, go_quote(&self.orig))
    }

    fn check(&self, v: &Version, include_pre: bool) -> Result<(), String> {
        if !v.prerelease().is_empty() && !include_pre {
            return Err(prerelease_message(v));
        }
        match self.op {
            Op::TildeOrEqual => {
                if self.dirty {
                    self.tilde(v)
                } else if *v == self.con {
                    Ok(())
                } else {
                    Err(self.fail(v, "is not equal to"))
                }
            }
            Op::NotEqual => self.not_equal(v),
            Op::Greater => self.greater(v),
            Op::Less => {
                if *v < self.con {
                    Ok(())
                } else {
                    Err(self.fail(v, "is greater than or equal to"))
                }
            }
            Op::GreaterEqual => {
                if *v >= self.con {
                    Ok(())
                } else {
                    Err(self.fail(v, "is less than"))
                }
            }
            Op::LessEqual => self.less_equal(v),
            Op::Tilde => self.tilde(v),
            Op::Caret => self.caret(v),
        }
    }

    fn not_equal(&self, v: &Version) -> Result<(), String> {
        let c = &self.con;
        let equal = || Err(self.fail(v, "is equal to"));
        if self.dirty {
            if c.major() != v.major() {
                return Ok(());
            }
            if c.minor() != v.minor() && !self.minor_dirty {
                return Ok(());
            } else if self.minor_dirty {
                return equal();
            } else if c.patch() != v.patch() && !self.patch_dirty {
                return Ok(());
            } else if self.patch_dirty {
                if (!v.prerelease().is_empty() || !c.prerelease().is_empty())
                    && compare_prerelease(v.prerelease(), c.prerelease()) != Ordering::Equal
                {
                    return Ok(());
                }
                return equal();
            }
        }
        if v == c { equal() } else { Ok(()) }
    }

    fn greater(&self, v: &Version) -> Result<(), String> {
        let c = &self.con;
        let ok = if !self.dirty {
            v > c
        } else if v.major() != c.major() {
            v.major() > c.major()
        } else if self.minor_dirty {
            false
        } else if self.patch_dirty {
            v.minor() > c.minor()
        } else {
            v > c
        };
        if ok {
            Ok(())
        } else {
            Err(self.fail(v, "is less than or equal to"))
        }
    }

    fn less_equal(&self, v: &Version) -> Result<(), String> {
        let c = &self.con;
        let ok = if !self.dirty {
            v <= c
        } else if v.major() > c.major() {
            false
        } else {
            !(v.major() == c.major() && v.minor() > c.minor() && !self.minor_dirty)
        };
        if ok {
            Ok(())
        } else {
            Err(self.fail(v, "is greater than"))
        }
    }

    fn tilde(&self, v: &Version) -> Result<(), String> {
        let c = &self.con;
        if v < c {
            return Err(self.fail(v, "is less than"));
        }
        // ~0.0.0 (and ~*) accept everything at or above 0.0.0.
        if c.major() == 0
            && c.minor() == 0
            && c.patch() == 0
            && !self.minor_dirty
            && !self.patch_dirty
        {
            return Ok(());
        }
        if v.major() != c.major() {
            return Err(self.fail(v, "does not have same major version as"));
        }
        if v.minor() != c.minor() && !self.minor_dirty {
            return Err(self.fail(v, "does not have same major and minor version as"));
        }
        Ok(())
    }

    fn caret(&self, v: &Version) -> Result<(), String> {
        let c = &self.con;
        if v < c {
            return Err(self.fail(v, "is less than"));
        }
        if c.major() > 0 || self.minor_dirty {
            return if v.major() == c.major() {
                Ok(())
            } else {
                Err(self.fail(v, "does not have same major version as"))
            };
        }
        if v.major() > 0 {
            return Err(self.fail(v, "does not have same major version as"));
        }
        if c.minor() > 0 || self.patch_dirty {
            return if v.minor() == c.minor() {
                Ok(())
            } else {
                Err(format!(
                    "{}. Expected minor versions to match when constraint major version is 0",
                    self.fail(v, "does not have same minor version as")
                ))
            };
        }
        if v.minor() > 0 {
            return Err(self.fail(v, "does not have same minor version as"));
        }
        if c.patch() == v.patch() {
            Ok(())
        } else {
            Err(format!(
                "{}. Expect version and constraint to equal when major and minor versions are 0",
                self.fail(v, "does not equal")
            ))
        }
    }

    fn masterminds_string(&self) -> String {
        format!("{}{}", self.op_text, self.orig)
    }
}

/// One `||` alternative: comparators that must all hold.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Group {
    comparators: Vec<Comparator>,
    /// Some comparator of the group carries a prerelease, which makes the
    /// whole group admit prerelease versions.
    has_prerelease: bool,
}

/// A parsed constraint string such as `>= 1.2, < 2 || ^3.1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Constraints {
    groups: Vec<Group>,
    include_prerelease: bool,
    original: String,
}

/// Splits one `||` group into `(operator, version shape)` pairs, or `None`
/// when the group does not follow the grammar (Masterminds'
/// `validConstraintRegex`; the pieces are those `findConstraintRegex` finds).
fn scan_group(part: &str) -> Option<Vec<(&str, Shape)>> {
    let b = part.as_bytes();
    let mut out = Vec::new();
    let mut i = skip_ws(b, 0);
    loop {
        let op_start = i;
        while i < b.len() && is_op_char(b[i]) {
            i += 1;
        }
        let op = &part[op_start..i];
        Op::from_text(op)?;
        i = skip_ws(b, i);
        let shape = match_shape(b, i, is_cv_seg)?;
        out.push((op, shape));
        i = shape.end;
        let k = skip_ws(b, i);
        if k == b.len() {
            return Some(out);
        }
        if b[k] == b',' {
            i = skip_ws(b, k + 1);
        } else if k > i {
            i = k;
        } else {
            return None;
        }
    }
}

/// Masterminds `rewriteRange`: every `A - B` (whitespace required around the
/// hyphen) becomes `>= A, <= B ` — the matched text, including surrounding
/// whitespace, is replaced at its first occurrence.
fn rewrite_range(s: &str) -> String {
    let b = s.as_bytes();
    let mut found: Vec<(usize, usize, Shape, Shape)> = Vec::new();
    let mut p = 0;
    while p < b.len() {
        match match_range_at(b, p) {
            Some((end, lo, hi)) => {
                found.push((p, end, lo, hi));
                p = end;
            }
            None => p += 1,
        }
    }
    let mut out = s.to_string();
    for (start, end, lo, hi) in found {
        let replacement = format!(">= {}, <= {} ", &s[lo.start..lo.end], &s[hi.start..hi.end]);
        out = out.replacen(&s[start..end], &replacement, 1);
    }
    out
}

/// `\s*(CV)\s+-\s+(CV)\s*` anchored at `p`.
fn match_range_at(b: &[u8], p: usize) -> Option<(usize, Shape, Shape)> {
    let lo = match_shape(b, skip_ws(b, p), is_cv_seg)?;
    let i = skip_ws(b, lo.end);
    if i == lo.end || b.get(i) != Some(&b'-') {
        return None;
    }
    let j = skip_ws(b, i + 1);
    if j == i + 1 {
        return None;
    }
    let hi = match_shape(b, j, is_cv_seg)?;
    Some((skip_ws(b, hi.end), lo, hi))
}

impl Constraints {
    /// Masterminds `NewConstraint`.
    pub fn parse(s: &str) -> Result<Self, SemverError> {
        let rewritten = rewrite_range(s);
        let mut groups = Vec::new();
        for part in rewritten.split("||") {
            let pieces = scan_group(part)
                .ok_or_else(|| SemverError::ImproperConstraint(part.to_string()))?;
            let mut comparators = Vec::with_capacity(pieces.len());
            for (op, shape) in &pieces {
                comparators.push(Comparator::build(part, op, shape)?);
            }
            let has_prerelease = comparators.iter().any(|c| !c.con.prerelease().is_empty());
            groups.push(Group {
                comparators,
                has_prerelease,
            });
        }
        Ok(Constraints {
            groups,
            include_prerelease: false,
            original: s.to_string(),
        })
    }

    /// Masterminds `IncludePrerelease`: when on, every group admits
    /// prerelease versions.
    pub fn set_include_prerelease(&mut self, include: bool) {
        self.include_prerelease = include;
    }

    /// Builder form of [`Constraints::set_include_prerelease`].
    pub fn with_include_prerelease(mut self, include: bool) -> Self {
        self.include_prerelease = include;
        self
    }

    pub fn include_prerelease(&self) -> bool {
        self.include_prerelease
    }

    /// Whether `v` satisfies some `||` group.
    pub fn check(&self, v: &Version) -> bool {
        self.groups.iter().any(|g| {
            let include = self.include_prerelease || g.has_prerelease;
            g.comparators.iter().all(|c| c.check(v, include).is_ok())
        })
    }

    /// Masterminds `Validate`: `Ok(())` when `v` satisfies the constraints,
    /// otherwise every reason from every group (the prerelease reason at most
    /// once).
    pub fn validate(&self, v: &Version) -> Result<(), Vec<String>> {
        let mut reasons = Vec::new();
        let mut prerelease_reported = false;
        for g in &self.groups {
            let include = self.include_prerelease || g.has_prerelease;
            let mut ok = true;
            for c in &g.comparators {
                if !include && !v.prerelease().is_empty() {
                    if !prerelease_reported {
                        reasons.push(prerelease_message(v));
                        prerelease_reported = true;
                    }
                    ok = false;
                } else if let Err(reason) = c.check(v, include) {
                    reasons.push(reason);
                    ok = false;
                }
            }
            if ok {
                return Ok(());
            }
        }
        Err(reasons)
    }

    /// The string this was parsed from.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// Masterminds `Constraints.String()`: comparators as `OPVERSION`
    /// joined by a space, groups by ` || ` (`>= 1.2, <2` -> `>=1.2 <2`).
    pub fn normalized(&self) -> String {
        self.groups
            .iter()
            .map(|g| {
                g.comparators
                    .iter()
                    .map(Comparator::masterminds_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join(" || ")
    }
}

impl fmt::Display for Constraints {
    /// The original constraint text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

impl FromStr for Constraints {
    type Err = SemverError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Constraints::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        match Version::parse_loose(s) {
            Ok(v) => v,
            Err(e) => panic!("version {s:?}: {e}"),
        }
    }

    fn c(s: &str) -> Constraints {
        match Constraints::parse(s) {
            Ok(c) => c,
            Err(e) => panic!("constraint {s:?}: {e}"),
        }
    }

    /// (constraint, version, satisfied) — default prerelease handling.
    const CHECK: &[(&str, &str, bool)] = &[
        // exact and implicit equality
        ("=2.0.0", "1.2.3", false),
        ("=2.0.0", "2.0.0", true),
        ("2.0.0", "2.0.0+build.7", true),
        ("=2.0", "2.0.1", true),
        ("=2.0", "2.1.0", false),
        ("= 2.0", "2.0.0", true),
        ("4.1", "4.1.0", true),
        ("4.1", "4.1.9", true),
        ("4.1", "4.2.0", false),
        ("2", "1.9.9", false),
        ("2", "2.7.1", true),
        ("2", "3.0.0", false),
        ("0.0.0", "1.2.3", false),
        ("1.2.3", "v1.2.3", true),
        ("v1.2.3", "1.2.3", true),
        ("=v1.2.3", "1.2.3", true),
        ("1.2.3+meta", "1.2.3+other", true),
        ("01.2", "1.2.5", true),
        // not equal
        ("!=4.1.0", "4.1.0", false),
        ("!=4.1.0", "4.1.1", true),
        ("!=4.1", "4.1.0", false),
        ("!=4.1", "4.1.1", false),
        ("!=4.1", "5.1.0", true),
        ("!=4.1", "5.1.0-alpha.1", false),
        ("!=4.1-alpha", "4.1.0", true),
        ("!=4.1-alpha", "4.1.0-alpha", false),
        ("!=4.1-alpha", "4.1.1-alpha", false),
        ("!=4.1-alpha", "4.1.0-beta", true),
        ("!=4.x", "5.1.0", true),
        ("!=4.x", "4.1.0", false),
        ("!=4.1.x", "4.2.0", true),
        ("!=4.2.x", "4.2.3", false),
        ("!=*", "0.0.0", false),
        ("!=*", "1.0.0", true),
        // less than
        ("<11", "0.1.0", true),
        ("<11", "11.1.0", false),
        ("<1.1", "0.1.0", true),
        ("<1.1", "1.1.0", false),
        ("<1.1", "1.1.1", false),
        ("<1.x", "0.1.1", true),
        ("<1.x", "1.1.1", false),
        ("<1.x", "2.0.0", false),
        ("<1.1.x", "1.0.500", true),
        ("<1.1.x", "1.1.500", false),
        ("<1.2.x", "1.1.1", true),
        ("<0", "0.0.0-alpha", false),
        ("<0-z", "0.0.0-alpha", true),
        ("<*", "0.0.0", false),
        // less than or equal
        ("<=11", "11.2.3", true),
        ("<=11", "12.2.3", false),
        ("<=1.1", "1.1.0", true),
        ("<=1.1", "1.1.1", true),
        ("<=1.1", "1.2.3", false),
        ("<=1.1", "0.1.0-alpha", false),
        ("<=1.1-a", "0.1.0-alpha", true),
        ("<=1.x", "1.9.0", true),
        ("<=2.x", "3.0.0", false),
        ("<=1.1.x", "1.2.500", false),
        ("=<4.5", "4.5.9", true),
        ("<=4.5", "4.6.3", false),
        ("<=*", "0.0.9", true),
        ("<=*", "0.5.0", false),
        ("<=*", "1.0.0", false),
        // greater than
        (">1.1", "4.1.0", true),
        (">1.1", "1.1.0", false),
        (">11", "11.1.0", false),
        (">11", "12.0.0", true),
        (">11.1", "11.1.1", false),
        (">11.1", "11.2.1", true),
        (">0", "0.0.0", false),
        (">0", "1.0.0", true),
        (">0", "0.0.1-alpha", false),
        (">0-0", "0.0.1-alpha", false),
        (">0.0.0-0", "0.0.0-alpha", true),
        (">1.2.3-alpha.1", "1.2.3-alpha.2", true),
        (">1.2.3-alpha.1", "1.3.3-alpha.2", true),
        (">1.2.3-alpha", "1.2.3-beta", true),
        (">*", "0.0.1", true),
        // greater than or equal
        (">=11", "11.1.2", true),
        (">=11.1", "11.0.2", false),
        (">=1.1", "1.1.0", true),
        (">=1.1", "0.0.9", false),
        (">=1.1", "4.1.0-beta", false),
        ("=>1.1", "1.5.0", true),
        (">=0", "0.0.1-alpha", false),
        (">=0-0", "0.0.1-alpha", true),
        (">=0.0-0", "0.0.1-alpha", true),
        (">=0.0.0-0", "1.2.3", true),
        (">=0.0.0-0", "3.4.5-beta.1", true),
        (">=1.2.3-0", "1.2.3-rc.1", true),
        (">= 01.02.03", "1.2.3", true),
        // wildcards
        ("*", "1.0.0", true),
        ("*", "4.5.6", true),
        ("*", "1.2.3-alpha.1", false),
        ("*-0", "1.2.3-alpha.1", true),
        ("x", "0.0.0", true),
        ("X.X.X", "7.8.9", true),
        ("x.1.2", "9.0.0", true),
        ("2.*", "1.0.0", false),
        ("2.*", "2.1.1", true),
        ("2.*", "3.4.5", false),
        ("2.1.*", "2.1.1", true),
        ("2.1.*", "2.2.1", false),
        ("1.x", "1.4.0", true),
        ("1.x.3", "1.9.0", true),
        ("4.1.x", "4.1.3", true),
        ("0.x.x", "1.2.3", false),
        ("0.0.x", "0.0.7", true),
        ("0.0.x", "1.2.3", false),
        ("v1.x", "1.5.0", true),
        // tilde
        ("~1.2.3", "1.2.4", true),
        ("~1.2.3", "1.2.2", false),
        ("~1.2.3", "1.3.4", false),
        ("~>1.2.3", "1.2.9", true),
        ("~ 1.2", "1.2.4", true),
        ("~1.2", "1.3.4", false),
        ("~1", "1.2.4", true),
        ("~1", "2.3.4", false),
        ("~1.x", "1.3.5", true),
        ("~1.x", "2.1.1", false),
        ("~1.x", "1.3.5-beta", false),
        ("~0", "0.9.0", true),
        ("~0", "1.0.0", false),
        ("~0.2.3", "0.2.5", true),
        ("~0.2.3", "0.3.5", false),
        ("~0.0.0", "1.2.3", true),
        ("~*", "2.1.1", true),
        ("~1.1", "1.1.1-alpha", false),
        ("~1.1-alpha", "1.1.1-beta", true),
        ("~1.1.1-beta", "1.1.1-alpha", false),
        ("~1.1.1-beta", "1.1.1", true),
        ("~1.2.3-beta.2", "1.2.3-beta.4", true),
        ("~1.2.3-beta.2", "1.2.4-beta.2", true),
        ("~1.2.3-beta.2", "1.3.4-beta.2", false),
        // caret
        ("^1.2.3", "1.8.9", true),
        ("^1.2.3", "2.8.9", false),
        ("^1.2.3", "1.2.1", false),
        ("^1.2", "1.8.9", true),
        ("^1", "1.8.9", true),
        ("^1", "2.0.0", false),
        ("^1.x", "1.1.1", true),
        ("^1.x", "2.1.1", false),
        ("^2.x", "1.1.1", false),
        ("^1.x", "1.1.1-beta1", false),
        ("^0.2.3", "0.2.5", true),
        ("^0.2.3", "0.5.6", false),
        ("^0.2", "0.2.5", true),
        ("^0.2", "0.3.0", false),
        ("^0.0.3", "0.0.3", true),
        ("^0.0.3", "0.0.4", false),
        ("^0.0.3", "0.0.2", false),
        ("^0.0", "0.0.3", true),
        ("^0.0", "0.1.4", false),
        ("^0.0", "1.0.4", false),
        ("^0", "0.2.3", true),
        ("^0", "1.1.4", false),
        ("^0.x", "0.9.9", true),
        ("^0.0.0", "1.2.3", false),
        ("^0.0.0", "0.0.0", true),
        ("^*", "1.2.3", false),
        ("^*", "0.0.0", true),
        ("^*", "0.0.5", false),
        ("^1.2.0", "1.2.1-alpha.1", false),
        ("^1.2.0-alpha.0", "1.2.1-alpha.1", true),
        ("^1.2.0-alpha.2", "1.2.0-alpha.1", false),
        ("^1.1.2-alpha", "1.2.1-beta1", true),
        ("^1.2.x-alpha", "1.1.1-beta1", false),
        ("^0.2.3-beta.2", "0.2.4-beta.2", true),
        ("^0.2.3-beta.2", "0.3.4-beta.2", false),
        // AND groups, commas and whitespace
        (">1.1, <2", "1.1.1", false),
        (">1.1, <2", "1.2.1", true),
        (">1.1 <2", "1.2.1", true),
        (">1.1    <3", "4.3.2", false),
        (">   1.1, <2", "1.2.1", true),
        ("> 1.1 , <     2", "1.5.0", true),
        (">=1.1, <2, !=1.2.3", "1.2.3", false),
        (">=1.1 <2 !=1.2.3", "1.2.4", true),
        ("\t>=1.0\n<2.0 ", "1.5.0", true),
        // OR groups
        (">=1.1, <2, !=1.2.3 || > 3", "4.1.2", true),
        (">=1.1, <2, !=1.2.3 || > 3", "3.1.2", false),
        (">=1.1, <2, !=1.2.3 || >= 3", "3.0.0", true),
        (">=1.1 <2 !=1.2.3 || > 3", "1.2.3", false),
        ("^1.0||^3.0", "3.4.0", true),
        ("^1.0 || ^3.0", "2.4.0", false),
        ("1.2.x || 2.x || 3.1.0", "2.9.9", true),
        // hyphen ranges
        ("1.1 - 2", "1.1.1", true),
        ("1.1 - 2", "2.9.0", true),
        ("1.1 - 2", "3.0.0", false),
        ("1.5.0 - 4.5", "3.7.0", true),
        ("1.5.0 - 4.5", "4.5.1", true),
        ("1.5.0 - 4.5", "4.6.0", false),
        ("1.2 - 1.4.5", "1.4.6", false),
        ("1.0\t-\t2.0", "1.5.0", true),
        ("1.1-3", "4.3.2", false),
        ("1.0.0 - 2.0.0 <=2.0.0", "1.5.0", true),
        ("1.0.0 - 2.0.0, <=2.0.0", "1.5.0", true),
        ("1 - 2 || 4 - 5", "3.0.0", false),
        ("1 - 2 || 4 - 5", "4.5.0", true),
        // prereleases: admitted only by groups naming a prerelease
        (">= 1.0.0  <= 2.0.0-beta", "1.0.1-beta", true),
        (">= 1.0.0  <= 2.0.0-beta", "1.0.1", true),
        (">= 1.0.0  <= 2.0.0-beta", "3.0.0", false),
        (">= 1.0.0  <= 2.0.0-beta || > 3", "3.0.1-beta", false),
        (
            ">= 1.0.0  <= 2.0.0-beta != 1.0.1 || > 3",
            "1.0.1-beta",
            true,
        ),
        (
            ">= 1.0.0  <= 2.0.0-beta != 1.0.1-beta || > 3",
            "1.0.1-beta",
            false,
        ),
        (">= 1.0.0-0  <= 2.0.0", "1.0.1-beta", true),
        (">=1.2.3-0 <2", "1.5.0-alpha", true),
        (">=1.2.3 <2 || >=3.0.0-0", "1.5.0-alpha", false),
        (">=1.2.3 <2 || >=3.0.0-0", "3.1.0-alpha", true),
        (">=1.20.0-0", "v1.30.2-eks-abc123", true),
        (">=1.20.0", "v1.30.2-eks-abc123", false),
        // `v`-prefixed versions being checked
        (">=1.20", "v1.21.0", true),
        ("<1.20", "v1.21.0", false),
        ("~1.21", "v1.21", true),
    ];

    #[test]
    fn check_table() {
        let mut failures = Vec::new();
        for &(cs, vs, want) in CHECK {
            if c(cs).check(&v(vs)) != want {
                failures.push(format!("{cs:?} vs {vs:?}: expected {want}"));
            }
            // validate agrees with check
            if c(cs).validate(&v(vs)).is_ok() != want {
                failures.push(format!("validate {cs:?} vs {vs:?}: expected {want}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(CHECK.len() >= 120);
    }

    /// With `include_prerelease` on.
    const CHECK_INCLUDE_PRE: &[(&str, &str, bool)] = &[
        (">=1.1", "4.1.0-beta", true),
        (">1.1", "4.1.0-beta", true),
        ("<=1.1", "0.1.0-alpha", true),
        ("<1.1", "0.1.0-alpha", true),
        ("^1.x", "1.1.1-beta1", true),
        ("~1.1", "1.1.1-alpha", true),
        ("*", "1.2.3-alpha", true),
        ("= 2.0", "2.0.1-beta", true),
        ("^1.1", "1.1.1-alpha", true),
        (">= 1.2.3", "1.2.3-beta.1", false),
        ("!=4.1-alpha", "4.1.1-alpha", false),
        ("~1.1.1-beta", "1.1.1-alpha", false),
        ("<1.x", "2.0.0", false),
    ];

    #[test]
    fn check_include_prerelease() {
        for &(cs, vs, want) in CHECK_INCLUDE_PRE {
            let con = c(cs).with_include_prerelease(true);
            assert!(con.include_prerelease());
            assert_eq!(con.check(&v(vs)), want, "{cs:?} vs {vs:?}");
            assert_eq!(con.validate(&v(vs)).is_ok(), want, "{cs:?} vs {vs:?}");
        }
        let mut con = c("^1.0");
        assert!(!con.check(&v("1.5.0-rc.1")));
        con.set_include_prerelease(true);
        assert!(con.check(&v("1.5.0-rc.1")));
    }

    /// (constraint, version, include_prerelease, first reason).
    const VALIDATE_REASONS: &[(&str, &str, bool, &str)] = &[
        ("2.x", "1.2.3", false, r#""1.2.3" is less than "2.x""#),
        ("2", "1.2.3", false, r#""1.2.3" is less than "2""#),
        ("= 2.0", "1.2.3", false, r#""1.2.3" is less than "2.0""#),
        (
            "=1.2.3",
            "1.2.4",
            false,
            r#""1.2.4" is not equal to "1.2.3""#,
        ),
        ("!=4.1", "4.1.0", false, r#""4.1.0" is equal to "4.1""#),
        ("!=4.x", "4.1.0", false, r#""4.1.0" is equal to "4.x""#),
        ("!=4.2.x", "4.2.3", false, r#""4.2.3" is equal to "4.2.x""#),
        (
            ">1.1",
            "1.1.0",
            false,
            r#""1.1.0" is less than or equal to "1.1""#,
        ),
        (
            "<1.1",
            "1.1.1",
            false,
            r#""1.1.1" is greater than or equal to "1.1""#,
        ),
        (
            "<1.x",
            "2.1.1",
            false,
            r#""2.1.1" is greater than or equal to "1.x""#,
        ),
        (">=1.1", "0.0.9", false, r#""0.0.9" is less than "1.1""#),
        (">=1.3.0", "1.2.3", false, r#""1.2.3" is less than "1.3.0""#),
        ("<=2.x", "3.1.0", false, r#""3.1.0" is greater than "2.x""#),
        (
            "<=1.1.x",
            "1.2.500",
            false,
            r#""1.2.500" is greater than "1.1.x""#,
        ),
        (
            ">1.1, <3",
            "4.3.2",
            false,
            r#""4.3.2" is greater than or equal to "3""#,
        ),
        (
            ">=1.1, <2, !=1.2.3 || > 3",
            "3.0.0",
            false,
            r#""3.0.0" is greater than or equal to "2""#,
        ),
        ("1.1 - 3", "4.3.2", false, r#""4.3.2" is greater than "3""#),
        (
            "^1.1",
            "4.3.2",
            false,
            r#""4.3.2" does not have same major version as "1.1""#,
        ),
        (
            "^1.12.7",
            "1.6.6",
            false,
            r#""1.6.6" is less than "1.12.7""#,
        ),
        (
            "^0.2",
            "0.3.0",
            false,
            r#""0.3.0" does not have same minor version as "0.2". Expected minor versions to match when constraint major version is 0"#,
        ),
        (
            "^0.0.3",
            "0.1.1",
            false,
            r#""0.1.1" does not have same minor version as "0.0.3""#,
        ),
        (
            "^0.0.3",
            "0.0.4",
            false,
            r#""0.0.4" does not equal "0.0.3". Expect version and constraint to equal when major and minor versions are 0"#,
        ),
        (
            "~1.x",
            "2.1.1",
            false,
            r#""2.1.1" does not have same major version as "1.x""#,
        ),
        (
            "~1.2.3",
            "1.3.2",
            false,
            r#""1.3.2" does not have same major and minor version as "1.2.3""#,
        ),
        (
            "> 1.2.3",
            "1.2.3-beta.1",
            false,
            r#""1.2.3-beta.1" is a prerelease version and the constraint is only looking for release versions"#,
        ),
        (
            "> 1.2.3",
            "1.2.3-beta.1",
            true,
            r#""1.2.3-beta.1" is less than or equal to "1.2.3""#,
        ),
        (
            "<= 1.2.3",
            "1.2.4-beta.1",
            true,
            r#""1.2.4-beta.1" is greater than "1.2.3""#,
        ),
        (
            "> v1.2",
            "v1.2.9",
            false,
            r#""1.2.9" is less than or equal to "v1.2""#,
        ),
    ];

    #[test]
    fn validate_reasons() {
        for &(cs, vs, include, want) in VALIDATE_REASONS {
            let con = c(cs).with_include_prerelease(include);
            let reasons = con.validate(&v(vs)).expect_err(cs);
            assert_eq!(
                reasons.first().map(String::as_str),
                Some(want),
                "{cs:?} vs {vs:?}"
            );
        }
    }

    #[test]
    fn validate_collects_all_reasons() {
        let con = c("!= 1.2.5, ^2, <= 1.1.x");
        let reasons = con.validate(&v("1.2.3")).expect_err("fails");
        assert_eq!(
            reasons,
            vec![
                r#""1.2.3" is less than "2""#.to_string(),
                r#""1.2.3" is greater than "1.1.x""#.to_string(),
            ]
        );
        // the prerelease reason is reported once across groups
        let reasons = c(">1 || <0.5")
            .validate(&v("1.2.3-rc.1"))
            .expect_err("fails");
        assert_eq!(reasons.len(), 1);
        assert_eq!(c("^1").validate(&v("1.2.3")), Ok(()));
    }

    /// (constraint, error message).
    const CONSTRAINT_ERRORS: &[(&str, &str)] = &[
        ("", r#"improper constraint: """#),
        ("   ", r#"improper constraint: "   ""#),
        ("foo", r#"improper constraint: "foo""#),
        ("foo || bar", r#"improper constraint: "foo ""#),
        ("^1 || ", r#"improper constraint: " ""#),
        (">= bar", r#"improper constraint: ">= bar""#),
        ("BAR >= 1.2.3", r#"improper constraint: "BAR >= 1.2.3""#),
        ("12.3.4.1234", r#"improper constraint: "12.3.4.1234""#),
        ("12.3.34~ 1.2.3", r#"improper constraint: "12.3.34~ 1.2.3""#),
        ("1.2,,1.3", r#"improper constraint: "1.2,,1.3""#),
        ("1.2,", r#"improper constraint: "1.2,""#),
        ("> =1", r#"improper constraint: "> =1""#),
        ("==1", r#"improper constraint: "==1""#),
        ("V1.2", r#"improper constraint: "V1.2""#),
        ("1.2.3-", r#"improper constraint: "1.2.3-""#),
        (">=1.0 - 2.0", r#"improper constraint: ">=>= 1.0, <= 2.0 ""#),
        ("1.0 -2.0", r#"improper constraint: "1.0 -2.0""#),
        ("1\u{b}2", r#"improper constraint: "1\v2""#),
        ("1.2\u{a0}\"", r#"improper constraint: "1.2\u00a0\"""#),
        ("v1.2.3-beta.01", "constraint parser error"),
        ("1x.2", "constraint parser error"),
        ("1.2|3", "constraint parser error"),
        ("99999999999999999999", "constraint parser error"),
    ];

    #[test]
    fn constraint_errors() {
        for &(cs, want) in CONSTRAINT_ERRORS {
            match Constraints::parse(cs) {
                Ok(_) => panic!("{cs:?} parsed"),
                Err(e) => assert_eq!(e.to_string(), want, "{cs:?}"),
            }
        }
    }

    #[test]
    fn display_and_normalized() {
        let cases = [
            ("*", "*"),
            (">= 1.2.3", ">=1.2.3"),
            (
                "2.x,   >=1.2.3 || >4.5.6, < 5.7",
                "2.x >=1.2.3 || >4.5.6 <5.7",
            ),
            ("1, <=1.2.3", "1 <=1.2.3"),
            ("> 1 , <=1.2.3", ">1 <=1.2.3"),
            ("=> v1.2", "=>v1.2"),
            ("1 - 2", ">=1 <=2"),
        ];
        for (input, normalized) in cases {
            let con = c(input);
            assert_eq!(con.to_string(), input);
            assert_eq!(con.original(), input);
            assert_eq!(con.normalized(), normalized);
            assert_eq!(c(&con.normalized()).normalized(), normalized);
        }
        let parsed: Constraints = "^1.2".parse().expect("parses");
        assert!(parsed.check(&v("1.9.0")));
    }

    #[test]
    fn rewrite_ranges() {
        let cases = [
            ("2 - 3", ">= 2, <= 3 "),
            ("2 - 3, 2 - 3", ">= 2, <= 3 ,>= 2, <= 3 "),
            ("2 - 3, 4.0.0 - 5.1", ">= 2, <= 3 ,>= 4.0.0, <= 5.1 "),
            ("2 - 3 4.0.0 - 5.1", ">= 2, <= 3 >= 4.0.0, <= 5.1 "),
            ("1.0.0 - 2.0.0 <=2.0.0", ">= 1.0.0, <= 2.0.0 <=2.0.0"),
            ("  1 - 2  ||3", ">= 1, <= 2 ||3"),
            ("1.2.3.4 - 5", "1.>= 2.3.4, <= 5 "),
            ("1 -2", "1 -2"),
        ];
        for (input, want) in cases {
            assert_eq!(rewrite_range(input), want, "{input:?}");
        }
    }

    #[test]
    fn group_structure() {
        let cases = [
            (">= 1.1", 1, 1),
            (">40.50.60, < 50.70", 1, 2),
            ("v2.3.5-20161202202307-sha.e8fc5e5", 1, 1),
            (">= 1.2.3 < 2.0 || => 3.0 < 4", 2, 2),
            ("3 - 4 || => 3.0, < 4", 2, 2),
            ("12.3.34 ~1.2.3", 1, 2),
            ("1.0.0 - 2.0.0, <=2.0.0", 1, 3),
        ];
        for (input, ors, first) in cases {
            let con = c(input);
            assert_eq!(con.groups.len(), ors, "{input:?}");
            assert_eq!(con.groups[0].comparators.len(), first, "{input:?}");
        }
    }

    /// Loose parsing: (input, Ok(normalized) | Err(message)).
    const LOOSE: &[(&str, Result<&str, &str>)] = &[
        ("1.2.3", Ok("1.2.3")),
        ("v1.2.3", Ok("1.2.3")),
        ("1.0", Ok("1.0.0")),
        ("v1", Ok("1.0.0")),
        ("1.2-5", Ok("1.2.0-5")),
        ("v1.2-beta.5", Ok("1.2.0-beta.5")),
        (
            "1.2.0-x.Y.0+metadata-width-hypen",
            Ok("1.2.0-x.Y.0+metadata-width-hypen"),
        ),
        ("1.2.3-rc1-with-hypen", Ok("1.2.3-rc1-with-hypen")),
        ("1.2.3-0abc123", Ok("1.2.3-0abc123")),
        ("1.2.3-alpha.-1", Ok("1.2.3-alpha.-1")),
        ("1.2.3+test.01", Ok("1.2.3+test.01")),
        ("01.1.1", Ok("1.1.1")),
        ("v01.02.03-rc.1+01", Ok("1.2.3-rc.1+01")),
        ("2147483648.3.0", Ok("2147483648.3.0")),
        (
            "20221209-update-renovatejson-v4",
            Ok("20221209.0.0-update-renovatejson-v4"),
        ),
        ("18446744073709551615", Ok("18446744073709551615.0.0")),
        ("", Err("invalid semantic version")),
        ("foo", Err("invalid semantic version")),
        ("V1.2.3", Err("invalid semantic version")),
        ("1.2.beta", Err("invalid semantic version")),
        ("\n1.2", Err("invalid semantic version")),
        (" 1.2.3", Err("invalid semantic version")),
        ("1.2.3.4", Err("invalid semantic version")),
        ("1.1.2+.123", Err("invalid semantic version")),
        ("1.0.0-alpha_beta", Err("invalid semantic version")),
        ("1.0.0-alpha..1", Err("invalid semantic version")),
        ("9.8.7+meta+meta", Err("invalid semantic version")),
        ("1.2.3-beta.01", Err("version segment starts with 0")),
        (
            "1.2.31----RC-SNAPSHOT.12.09.1--.12+788",
            Err("version segment starts with 0"),
        ),
        (
            "1.18446744073709551616",
            Err(
                "error parsing version segment: strconv.ParseUint: parsing \"18446744073709551616\": value out of range",
            ),
        ),
    ];

    #[test]
    fn parse_loose_table() {
        for &(input, want) in LOOSE {
            let got = Version::parse_loose(input)
                .map(|v| v.to_string())
                .map_err(|e| e.to_string());
            assert_eq!(
                got,
                want.map(str::to_string).map_err(str::to_string),
                "{input:?}"
            );
            if let Ok(parsed) = Version::parse_loose(input) {
                assert_eq!(parsed.original(), input);
            }
        }
    }

    /// Strict parsing: (input, Ok(normalized) | Err(message)).
    const STRICT: &[(&str, Result<&str, &str>)] = &[
        ("1.2.3", Ok("1.2.3")),
        ("1.2.3+test.01", Ok("1.2.3+test.01")),
        ("1.2.3-alpha.-1", Ok("1.2.3-alpha.-1")),
        (
            "1.2.0-x.Y.0+metadata-width-hypen",
            Ok("1.2.0-x.Y.0+metadata-width-hypen"),
        ),
        ("1.2.3-0abc123", Ok("1.2.3-0abc123")),
        ("1.2.2147483648", Ok("1.2.2147483648")),
        ("", Err("version string empty")),
        ("1.2", Err("invalid semantic version")),
        ("1", Err("invalid semantic version")),
        ("v1.2.3", Err("invalid characters in version")),
        ("1.2-beta.5", Err("invalid characters in version")),
        ("1.2.3.4", Err("invalid characters in version")),
        ("01.1.1", Err("version segment starts with 0")),
        ("1.1.01", Err("version segment starts with 0")),
        ("1.2.3-alpha.01", Err("version segment starts with 0")),
        ("1.2.3-0123.0123", Err("version segment starts with 0")),
        ("1.0.0-alpha_beta", Err("invalid prerelease string")),
        ("1.0.0-alpha..1", Err("invalid prerelease string")),
        ("1.2.3-", Err("invalid prerelease string")),
        ("1.1.2+.123", Err("invalid metadata string")),
        ("9.8.7+meta+meta", Err("invalid metadata string")),
        ("1.2.3-alpha_beta+foo", Err("invalid prerelease string")),
        ("-invalid", Err("invalid semantic version")),
        (
            "1..3",
            Err("strconv.ParseUint: parsing \"\": invalid syntax"),
        ),
        (
            "1.2.18446744073709551616",
            Err("strconv.ParseUint: parsing \"18446744073709551616\": value out of range"),
        ),
    ];

    #[test]
    fn parse_strict_table() {
        for &(input, want) in STRICT {
            let got = Version::parse_strict(input)
                .map(|v| v.to_string())
                .map_err(|e| e.to_string());
            assert_eq!(
                got,
                want.map(str::to_string).map_err(str::to_string),
                "{input:?}"
            );
        }
    }

    #[test]
    fn accessors() {
        let x = v("v1.2.3-beta.1+build.123");
        assert_eq!((x.major(), x.minor(), x.patch()), (1, 2, 3), "numbers");
        assert_eq!(x.prerelease(), "beta.1");
        assert_eq!(x.metadata(), "build.123");
        assert_eq!(x.original(), "v1.2.3-beta.1+build.123");
        assert_eq!(x.to_string(), "1.2.3-beta.1+build.123");
        assert_eq!(x.as_semver().to_string(), "1.2.3-beta.1+build.123");
        let from: Version = semver::Version::new(4, 5, 6).into();
        assert_eq!(from.original(), "4.5.6");
        assert_eq!(Version::new(1, 0, 0), v("1"));
        let parsed: Version = "v2.1".parse().expect("parses");
        assert_eq!(parsed.to_string(), "2.1.0");
    }

    #[test]
    fn ordering() {
        let cases: &[(&str, &str, Ordering)] = &[
            ("1.2.3", "1.5.1", Ordering::Less),
            ("2.2.3", "1.5.1", Ordering::Greater),
            ("3.2-beta", "3.2-beta", Ordering::Equal),
            ("1.3", "1.1.4", Ordering::Greater),
            ("4.2", "4.2-beta", Ordering::Greater),
            ("4.2-alpha", "4.2-beta", Ordering::Less),
            ("4.2-beta.2", "4.2-beta.1", Ordering::Greater),
            ("4.2-beta", "4.2-beta.2", Ordering::Less),
            ("4.2-beta.foo", "4.2-beta", Ordering::Greater),
            ("1.2+bar", "1.2+baz", Ordering::Equal),
            ("1.0.0-beta.4", "1.0.0-beta.-2", Ordering::Less),
            ("1.0.0-beta.-3", "1.0.0-beta.5", Ordering::Greater),
            ("7.43.0-SNAPSHOT.99", "7.43.0-SNAPSHOT.103", Ordering::Less),
            (
                "7.43.0-SNAPSHOT.FOO",
                "7.43.0-SNAPSHOT.103",
                Ordering::Greater,
            ),
            ("1.0.0-alpha", "1.0.0-alpha.1", Ordering::Less),
            ("1.0.0-alpha.beta", "1.0.0-beta", Ordering::Less),
            ("1.0.0-beta.11", "1.0.0-rc.1", Ordering::Less),
            ("1.0.0-rc.1", "1.0.0", Ordering::Less),
            // identifiers beyond u64 compare as strings, as in Go
            (
                "1.0.0-100000000000000000000",
                "1.0.0-99999999999999999999",
                Ordering::Less,
            ),
        ];
        for &(a, b, want) in cases {
            assert_eq!(v(a).cmp(&v(b)), want, "{a} vs {b}");
            assert_eq!(v(b).cmp(&v(a)), want.reverse(), "{b} vs {a}");
        }
        assert_eq!(v("1.0.0+a"), v("1.0.0+b"));
        let mut sorted = [v("1.0.0"), v("1.0.0-rc.1"), v("0.9.0"), v("1.0.0-alpha")];
        sorted.sort();
        let names: Vec<String> = sorted.iter().map(Version::to_string).collect();
        assert_eq!(names, ["0.9.0", "1.0.0-alpha", "1.0.0-rc.1", "1.0.0"]);
    }

    #[test]
    fn increments() {
        type Inc = fn(&Version) -> Result<Version, SemverError>;
        let cases: &[(&str, Inc, &str, &str)] = &[
            ("1.2.3", Version::inc_patch, "1.2.4", "1.2.4"),
            ("v1.2.4", Version::inc_patch, "1.2.5", "v1.2.5"),
            ("1.2.3", Version::inc_minor, "1.3.0", "1.3.0"),
            ("v1.2.4", Version::inc_minor, "1.3.0", "v1.3.0"),
            ("1.2.3", Version::inc_major, "2.0.0", "2.0.0"),
            ("v1.2.4", Version::inc_major, "2.0.0", "v2.0.0"),
            ("1.2.3+meta", Version::inc_patch, "1.2.4", "1.2.4"),
            ("1.2.3-beta+meta", Version::inc_patch, "1.2.3", "1.2.3"),
            ("v1.2.4-beta+meta", Version::inc_patch, "1.2.4", "v1.2.4"),
            ("1.2.3-beta+meta", Version::inc_minor, "1.3.0", "1.3.0"),
            ("v1.2.4-beta+meta", Version::inc_major, "2.0.0", "v2.0.0"),
        ];
        for &(input, inc, want, want_original) in cases {
            let next = inc(&v(input)).expect("no overflow");
            assert_eq!(next.to_string(), want, "{input}");
            assert_eq!(next.original(), want_original, "{input}");
        }
        let max = u64::MAX.to_string();
        assert_eq!(
            v(&format!("1.2.{max}")).inc_patch(),
            Err(SemverError::IncrementOverflow("patch"))
        );
        assert_eq!(
            v(&format!("1.{max}.0"))
                .inc_minor()
                .map_err(|e| e.to_string()),
            Err("minor version increment would overflow uint64".to_string())
        );
        assert!(v(&max).inc_major().is_err());
    }

    #[test]
    fn set_prerelease_and_metadata() {
        assert_eq!(
            v("1.2.3").set_prerelease("**"),
            Err(SemverError::InvalidPrerelease)
        );
        let x = v("v1.2.4").set_prerelease("beta").expect("valid");
        assert_eq!(
            (x.to_string().as_str(), x.original()),
            ("1.2.4-beta", "v1.2.4-beta")
        );
        assert_eq!(
            v("1.2.3").set_metadata("**"),
            Err(SemverError::InvalidMetadata)
        );
        let y = v("v1.2.4").set_metadata("meta").expect("valid");
        assert_eq!(
            (y.to_string().as_str(), y.original()),
            ("1.2.4+meta", "v1.2.4+meta")
        );
        assert_eq!(y.set_metadata("").expect("valid").to_string(), "1.2.4");
    }

    #[test]
    fn go_quoting() {
        assert_eq!(go_quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(go_quote("\t\n\x01\x7f"), r#""\t\n\x01\x7f""#);
        assert_eq!(go_quote("é\u{200b}"), "\"é\\u200b\"");
        assert_eq!(go_quote("\u{f0000}"), "\"\\U000f0000\"");
    }
}
