//! `.helmignore` rules, with the semantics of Helm 4's `pkg/ignore`.
//!
//! A rules file holds one pattern per line. Blank lines and lines starting
//! with `#` are skipped and surrounding whitespace is trimmed (a UTF-8 BOM at
//! the very start of the file is dropped too). Patterns use Go's
//! `filepath.Match` syntax (re-implemented here as [`filepath_match`]):
//! `*` (never crosses `/`), `?`, `[...]` classes with `^` negation and
//! ranges, and `\` escapes. `**` is rejected.
//!
//! How a pattern applies to a path (always relative to the chart root, with
//! `/` separators and no trailing `/`):
//! * a trailing `/` makes the rule apply to directories only;
//! * a leading `/` anchors it: it is matched against the whole path;
//! * a pattern that contains `/` is matched against the whole path too;
//! * any other pattern is matched against the base name, at any depth.
//!
//! Negation (`!pattern`) is **not** gitignore-like. Rules are checked in
//! order and the first decisive one wins; a negated rule is decisive (the
//! path is *ignored*) when the path does **not** match it — or, for a
//! directory-only negated rule, when the path is not a directory — and
//! otherwise evaluation just continues with the next rule. So `!*.txt` on
//! its own ignores everything except `.txt` files.

use std::fmt;

/// Helm's default rule, added by [`Rules::add_defaults`]: dot-files directly
/// inside `templates/`.
pub const DEFAULT_RULE: &str = "templates/.?*";

/// Go's `bufio.MaxScanTokenSize`: Helm reads `.helmignore` with a
/// `bufio.Scanner`, which fails on lines of this length or longer.
const MAX_LINE_LEN: usize = 64 * 1024;

/// Why a `.helmignore` could not be parsed. The first part of each message
/// is Helm's own wording; the parenthesised part locates the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IgnoreError {
    /// The rule contains `**`, which Helm does not support.
    #[error(
        "double-star (**) syntax is not supported (.helmignore line {line}: {rule:?}; \
         use one pattern per directory level, e.g. `dir/*/file`, or a base-name pattern)"
    )]
    DoubleStar { line: usize, rule: String },
    /// The rule is not a valid `filepath.Match` pattern (Go's `ErrBadPattern`).
    #[error(
        "syntax error in pattern (.helmignore line {line}: {rule:?}; check for an unclosed \
         `[`, an empty or reversed class, or a trailing `\\`)"
    )]
    BadPattern { line: usize, rule: String },
    /// A line is 64 KiB or longer (Go's `bufio.ErrTooLong`).
    #[error("bufio.Scanner: token too long (.helmignore line {line} is 64 KiB or longer)")]
    LineTooLong { line: usize },
}

/// Returned by [`filepath_match`] for a malformed pattern (Go's
/// `filepath.ErrBadPattern`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadPattern;

impl fmt::Display for BadPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("syntax error in pattern")
    }
}

impl std::error::Error for BadPattern {}

/// What a pattern is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// The whole relative path (anchored patterns and patterns with a `/`).
    FullPath,
    /// Only the last path element.
    BaseName,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    /// The rule as written (trimmed), for diagnostics.
    raw: String,
    /// The glob, with `!`, the trailing `/` and the leading `/` removed.
    glob: String,
    negate: bool,
    must_dir: bool,
    target: Target,
}

impl Pattern {
    fn matches(&self, path: &str) -> bool {
        let subject = match self.target {
            Target::FullPath => path,
            Target::BaseName => go_base(path),
        };
        // Helm logs "failed to compile" and treats the rule as not matching
        // when the pattern turns out to be malformed at match time.
        filepath_match(&self.glob, subject).unwrap_or(false)
    }
}

/// An ordered set of `.helmignore` rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    patterns: Vec<Pattern>,
}

impl Rules {
    /// An empty rule set (ignores nothing).
    pub fn new() -> Rules {
        Rules::default()
    }

    /// Parses the text of a `.helmignore` file, as Helm's `ignore.Parse`.
    pub fn parse(text: &str) -> Result<Rules, IgnoreError> {
        let mut rules = Rules::new();
        let mut rest = text;
        let mut line_no = 0usize;
        while !rest.is_empty() {
            line_no += 1;
            let (raw_line, tail) = match rest.find('\n') {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, ""),
            };
            rest = tail;
            if raw_line.len() >= MAX_LINE_LEN {
                return Err(IgnoreError::LineTooLong { line: line_no });
            }
            let mut line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
            if line_no == 1 {
                line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
            }
            rules.parse_rule(line, line_no)?;
        }
        Ok(rules)
    }

    /// Adds Helm's default rule `templates/.?*` (as `AddDefaults`).
    pub fn add_defaults(&mut self) {
        // The default rule is valid; parse_rule cannot fail on it.
        let _ = self.parse_rule(DEFAULT_RULE, 0);
    }

    /// Builder form of [`Rules::add_defaults`]:
    /// `Rules::parse(text)?.with_defaults()`, or
    /// `Rules::new().with_defaults()` when there is no `.helmignore`.
    pub fn with_defaults(mut self) -> Rules {
        self.add_defaults();
        self
    }

    /// Number of rules (comments and blank lines are not rules).
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True when there are no rules.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Rules that Helm accepts when parsing but that are malformed further
    /// on (for example `x*[`): Helm only notices when evaluating them, logs
    /// `failed to compile` and treats them as never matching (so a negated
    /// one ignores everything). Callers may warn about these once.
    pub fn invalid_rules(&self) -> Vec<&str> {
        self.patterns
            .iter()
            .filter(|p| !pattern_is_valid(&p.glob))
            .map(|p| p.raw.as_str())
            .collect()
    }

    /// Whether `rel_path` (relative to the chart root, `/`-separated, no
    /// trailing `/`) should be left out. `is_dir` tells whether it names a
    /// directory; an ignored directory is skipped with all its contents.
    pub fn ignore(&self, rel_path: &str, is_dir: bool) -> bool {
        // Never ignore the chart root itself, whatever the rules say.
        if rel_path.is_empty() || rel_path == "." || rel_path == "./" {
            return false;
        }
        for p in &self.patterns {
            if p.negate {
                if p.must_dir && !is_dir {
                    return true;
                }
                if !p.matches(rel_path) {
                    return true;
                }
                continue;
            }
            if p.must_dir && !is_dir {
                continue;
            }
            if p.matches(rel_path) {
                return true;
            }
        }
        false
    }

    fn parse_rule(&mut self, line: &str, line_no: usize) -> Result<(), IgnoreError> {
        let rule = line.trim();
        if rule.is_empty() || rule.starts_with('#') {
            return Ok(());
        }
        if rule.contains("**") {
            return Err(IgnoreError::DoubleStar {
                line: line_no,
                rule: rule.to_string(),
            });
        }
        // Helm validates the whole rule (including any `!` or `/`) by
        // matching it against a non-empty name. Go's matcher stops at the
        // first chunk that fails, so some malformed rules get through here
        // (see `invalid_rules`).
        if filepath_match(rule, "abc").is_err() {
            return Err(IgnoreError::BadPattern {
                line: line_no,
                rule: rule.to_string(),
            });
        }
        let mut glob = rule;
        let negate = match glob.strip_prefix('!') {
            Some(g) => {
                glob = g;
                true
            }
            None => false,
        };
        let must_dir = match glob.strip_suffix('/') {
            Some(g) => {
                glob = g;
                true
            }
            None => false,
        };
        let target = if let Some(g) = glob.strip_prefix('/') {
            glob = g;
            Target::FullPath
        } else if glob.contains('/') {
            Target::FullPath
        } else {
            Target::BaseName
        };
        self.patterns.push(Pattern {
            raw: rule.to_string(),
            glob: glob.to_string(),
            negate,
            must_dir,
            target,
        });
        Ok(())
    }
}

/// Go's `filepath.Base` with `/` as the separator.
fn go_base(path: &str) -> &str {
    if path.is_empty() {
        return ".";
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/";
    }
    match trimmed.rfind('/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    }
}

/// Go's `filepath.Match` on Unix: reports whether `name` matches the shell
/// pattern `pattern`. `*` matches any run of non-`/` bytes, `?` one
/// non-`/` character, `[...]` a character class (`[^...]` negated, `a-z`
/// ranges, `\` escapes inside), `\x` the literal `x`.
///
/// Like Go, it works on bytes, decodes a character where `?` or a class
/// needs one, and reports [`BadPattern`] only for the parts of the pattern
/// it actually had to examine.
pub fn filepath_match(pattern: &str, name: &str) -> Result<bool, BadPattern> {
    let mut pattern = pattern.as_bytes();
    let mut name = name.as_bytes();
    'chunks: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            // A trailing star matches the rest of the name unless it has a `/`.
            return Ok(!name.contains(&b'/'));
        }
        // Try the chunk at the current position first.
        let first = match_chunk(chunk, name);
        if let Ok(Some(tail)) = first {
            // The last chunk must consume the whole name.
            if tail.is_empty() || !pattern.is_empty() {
                name = tail;
                continue;
            }
        }
        first?;
        if star {
            // The star may swallow bytes, but never a `/`.
            let mut i = 0;
            while i < name.len() && name[i] != b'/' {
                match match_chunk(chunk, &name[i + 1..])? {
                    Some(tail) if pattern.is_empty() && !tail.is_empty() => {}
                    Some(tail) => {
                        name = tail;
                        continue 'chunks;
                    }
                    None => {}
                }
                i += 1;
            }
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

/// Whether every part of `pattern` is well formed (Go's matcher only checks
/// the parts it reaches).
fn pattern_is_valid(pattern: &str) -> bool {
    let mut rest = pattern.as_bytes();
    while !rest.is_empty() {
        let (_, chunk, tail) = scan_chunk(rest);
        if match_chunk(chunk, b"").is_err() {
            return false;
        }
        rest = tail;
    }
    true
}

/// Splits off the leading stars and the following chunk (up to the next
/// star outside a class). Returns (had star, chunk, rest).
fn scan_chunk(mut pattern: &[u8]) -> (bool, &[u8], &[u8]) {
    let mut star = false;
    while let Some((&b'*', tail)) = pattern.split_first() {
        pattern = tail;
        star = true;
    }
    let mut in_class = false;
    let mut i = 0;
    while i < pattern.len() {
        match pattern[i] {
            b'\\' if i + 1 < pattern.len() => i += 1,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'*' if !in_class => return (star, &pattern[..i], &pattern[i..]),
            _ => {}
        }
        i += 1;
    }
    (star, pattern, &[])
}

/// Matches one star-free chunk at the start of `s`. Returns the unmatched
/// remainder of `s` on success, `None` on mismatch. The whole chunk is
/// always scanned so that syntax errors in it are reported.
fn match_chunk<'a>(mut chunk: &[u8], mut s: &'a [u8]) -> Result<Option<&'a [u8]>, BadPattern> {
    let mut failed = false;
    while let Some(&c) = chunk.first() {
        failed = failed || s.is_empty();
        match c {
            b'[' => {
                let mut ch = 0u32;
                if !failed {
                    let (r, n) = decode_rune(s);
                    ch = r;
                    s = &s[n..];
                }
                chunk = &chunk[1..];
                let mut negated = false;
                if chunk.first() == Some(&b'^') {
                    negated = true;
                    chunk = &chunk[1..];
                }
                let mut matched = false;
                let mut ranges = 0;
                loop {
                    if chunk.first() == Some(&b']') && ranges > 0 {
                        chunk = &chunk[1..];
                        break;
                    }
                    let (lo, rest) = class_char(chunk)?;
                    chunk = rest;
                    let mut hi = lo;
                    if chunk.first() == Some(&b'-') {
                        let (h, rest) = class_char(&chunk[1..])?;
                        hi = h;
                        chunk = rest;
                    }
                    matched = matched || (lo <= ch && ch <= hi);
                    ranges += 1;
                }
                failed = failed || matched == negated;
            }
            b'?' => {
                if !failed {
                    failed = s[0] == b'/';
                    let (_, n) = decode_rune(s);
                    s = &s[n..];
                }
                chunk = &chunk[1..];
            }
            _ => {
                if c == b'\\' {
                    chunk = &chunk[1..];
                    if chunk.is_empty() {
                        return Err(BadPattern);
                    }
                }
                if !failed {
                    failed = chunk[0] != s[0];
                    s = &s[1..];
                }
                chunk = &chunk[1..];
            }
        }
    }
    Ok(if failed { None } else { Some(s) })
}

/// Reads one (possibly escaped) character of a class. Errors when the class
/// ends here, when a range has no start, or when nothing follows the
/// character (an unterminated class).
fn class_char(chunk: &[u8]) -> Result<(u32, &[u8]), BadPattern> {
    let mut chunk = chunk;
    match chunk.first() {
        None | Some(b'-') | Some(b']') => return Err(BadPattern),
        Some(b'\\') => {
            chunk = &chunk[1..];
            if chunk.is_empty() {
                return Err(BadPattern);
            }
        }
        Some(_) => {}
    }
    let (r, n) = decode_rune(chunk);
    if r == REPLACEMENT && n == 1 {
        return Err(BadPattern);
    }
    let rest = &chunk[n..];
    if rest.is_empty() {
        return Err(BadPattern);
    }
    Ok((r, rest))
}

const REPLACEMENT: u32 = 0xFFFD;

/// Go's `utf8.DecodeRune`: the first character of `b` and its length, or
/// (U+FFFD, 1) for an invalid or truncated sequence. `b` must not be empty.
fn decode_rune(b: &[u8]) -> (u32, usize) {
    let len = match b[0] {
        0x00..=0x7F => return (u32::from(b[0]), 1),
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return (REPLACEMENT, 1),
    };
    b.get(..len)
        .and_then(|seq| std::str::from_utf8(seq).ok())
        .and_then(|s| s.chars().next())
        .map_or((REPLACEMENT, 1), |c| (u32::from(c), len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Rules {
        match Rules::parse(text) {
            Ok(r) => r,
            Err(e) => panic!("parse {text:?}: {e}"),
        }
    }

    /// Is `path` ignored by the single rule `rule`? A trailing `/` on the
    /// path marks a directory (as the fixture tree of Helm's tests does).
    fn ignored(rule: &str, path: &str, is_dir: bool) -> bool {
        parse(rule).ignore(path, is_dir)
    }

    #[test]
    fn parse_skips_comments_and_blank_lines() {
        let r = parse("#ignore\n\n\t#ignore\nfoo\nbar/*\nbaz/bar/foo.txt\n\none/more\n");
        assert_eq!(r.len(), 4);
        let raws: Vec<&str> = r.patterns.iter().map(|p| p.raw.as_str()).collect();
        assert_eq!(raws, ["foo", "bar/*", "baz/bar/foo.txt", "one/more"]);
    }

    #[test]
    fn parse_trims_whitespace_and_crlf() {
        let r = parse("  *.txt  \r\n\t/abs\t\r\n   \r\n");
        assert_eq!(r.len(), 2);
        assert!(r.ignore("a.txt", false));
        assert!(r.ignore("abs", false));
        assert!(!r.ignore("x/abs", false));
    }

    #[test]
    fn parse_strips_bom_on_first_line_only() {
        let r = parse("\u{FEFF}*.bak\n");
        assert!(r.ignore("x.bak", false));
        // A BOM on a later line is part of the pattern (Helm only trims it
        // from the first line).
        let r = parse("a\n\u{FEFF}b\n");
        assert!(!r.ignore("b", false));
        assert!(r.ignore("\u{FEFF}b", false));
    }

    #[test]
    fn parse_rejects_double_star() {
        for rule in ["foo/**/bar", "**", "a**", "!**/x", "[**]"] {
            match Rules::parse(rule) {
                Err(IgnoreError::DoubleStar { line: 1, .. }) => {}
                other => panic!("{rule:?}: {other:?}"),
            }
        }
        let e = Rules::parse("ok\n\nfoo/**/bar\n").unwrap_err();
        assert_eq!(
            e,
            IgnoreError::DoubleStar {
                line: 3,
                rule: "foo/**/bar".into()
            }
        );
        assert!(
            e.to_string()
                .starts_with("double-star (**) syntax is not supported")
        );
        // `\*\*` is not a double star.
        assert!(Rules::parse(r"\*\*").is_ok());
    }

    #[test]
    fn parse_rejects_bad_patterns_like_helm() {
        for rule in ["[z-", "[", "a*[", "a\\", "[a-]", "[]a]", "[^]", "!["] {
            match Rules::parse(rule) {
                Err(IgnoreError::BadPattern { line: 1, .. }) => {}
                other => panic!("{rule:?}: {other:?}"),
            }
        }
        let e = Rules::parse("[z-").unwrap_err();
        assert!(e.to_string().starts_with("syntax error in pattern"));
    }

    #[test]
    fn parse_accepts_what_helm_accepts_and_reports_it() {
        // Helm probes rules against "abc"; the first chunk of `x*[` fails,
        // so the broken class is never examined and the rule is accepted.
        let r = parse("x*[\n*.txt\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r.invalid_rules(), ["x*["]);
        // The broken rule never matches...
        assert!(!r.ignore("xbc", false));
        assert!(!r.ignore("abc", false));
        assert!(r.ignore("a.txt", false));
        // ...so negating it ignores everything.
        let r = parse("!x*[");
        assert!(r.ignore("x", false));
        assert!(parse("*.txt").invalid_rules().is_empty());
    }

    #[test]
    fn parse_line_too_long() {
        let long = "a".repeat(MAX_LINE_LEN);
        let text = format!("ok\n{long}\n");
        assert_eq!(
            Rules::parse(&text),
            Err(IgnoreError::LineTooLong { line: 2 })
        );
        let fits = "a".repeat(MAX_LINE_LEN - 1);
        assert_eq!(parse(&fits).len(), 1);
    }

    #[test]
    fn defaults() {
        let r = Rules::new().with_defaults();
        assert_eq!(r.len(), 1);
        assert!(r.ignore("templates/.dotfile", false));
        assert!(r.ignore("templates/.git", true));
        assert!(!r.ignore("templates/a.yaml", false));
        assert!(!r.ignore("templates/sub/.hidden", false));
        assert!(!r.ignore(".hidden", false));
        assert!(!r.ignore("templates/.", false));
        let mut r = parse("*.bak");
        r.add_defaults();
        assert_eq!(r.len(), 2);
        assert!(r.ignore("templates/.x", false));
        assert!(r.ignore("x.bak", false));
        assert!(Rules::new().is_empty());
    }

    /// Helm's own table (pkg/ignore/rules_test.go, TestIgnore).
    #[test]
    fn helm_table() {
        let cases: &[(&str, &str, bool, bool)] = &[
            // Glob tests
            ("helm.txt", "helm.txt", false, true),
            ("helm.*", "helm.txt", false, true),
            ("helm.*", "rudder.txt", false, false),
            ("*.txt", "tiller.txt", false, true),
            ("*.txt", "cargo/a.txt", false, true),
            ("cargo/*.txt", "cargo/a.txt", false, true),
            ("cargo/*.*", "cargo/a.txt", false, true),
            ("cargo/*.txt", "mast/a.txt", false, false),
            ("ru[c-e]?er.txt", "rudder.txt", false, true),
            ("templates/.?*", "templates/.dotfile", false, true),
            // "." is never ignored (helm/helm#1776).
            (".*", ".", true, false),
            (".*", "./", true, false),
            (".*", ".joonix", false, true),
            (".*", "helm.txt", false, false),
            (".*", "", true, false),
            // Directory tests
            ("cargo/", "cargo", true, true),
            ("cargo/", "cargo/", true, true),
            ("cargo/", "mast/", true, false),
            ("helm.txt/", "helm.txt", false, false),
            // Negation tests
            ("!helm.txt", "helm.txt", false, false),
            ("!helm.txt", "tiller.txt", false, true),
            ("!*.txt", "cargo", true, true),
            ("!cargo/", "mast/", true, true),
            // Absolute path tests
            ("/a.txt", "a.txt", false, true),
            ("/a.txt", "cargo/a.txt", false, false),
            ("/cargo/a.txt", "cargo/a.txt", false, true),
        ];
        for &(rule, path, is_dir, want) in cases {
            assert_eq!(
                ignored(rule, path, is_dir),
                want,
                "rule {rule:?} path {path:?}"
            );
        }
    }

    #[test]
    fn base_name_rules_apply_at_any_depth() {
        assert!(ignored("*.swp", "a/b/c/x.swp", false));
        assert!(ignored("secret", "a/secret", false));
        assert!(ignored("secret", "a/secret", true));
        assert!(!ignored("secret", "secret/a", false));
        assert!(ignored(".git", ".git", true));
        assert!(ignored("*~", "templates/x.yaml~", false));
    }

    #[test]
    fn path_rules_match_the_whole_path() {
        // Contains a slash: compared with the whole path, `*` stops at `/`.
        assert!(ignored("docs/*", "docs/a.md", false));
        assert!(!ignored("docs/*", "docs/sub/a.md", false));
        assert!(!ignored("docs/*", "x/docs/a.md", false));
        assert!(ignored("*/tmp", "a/tmp", true));
        assert!(!ignored("*/tmp", "a/b/tmp", true));
        // A leading slash anchors a single-element pattern to the root.
        assert!(ignored("/secret", "secret", false));
        assert!(!ignored("/secret", "a/secret", false));
        assert!(ignored("/ci/*.yaml", "ci/x.yaml", false));
        // Only one leading slash is removed.
        assert!(!ignored("//a", "a", false));
    }

    #[test]
    fn dir_only_rules() {
        assert!(ignored(".git/", ".git", true));
        assert!(!ignored(".git/", ".git", false));
        assert!(ignored("sub/dir/", "sub/dir", true));
        assert!(!ignored("sub/dir/", "sub/dir", false));
        // `foo//`: one slash is stripped, the rest is a path pattern `foo/`.
        let r = parse("foo//");
        assert!(!r.ignore("foo", true));
        assert!(r.ignore("foo/", true));
        // A lone `/` matches nothing.
        assert!(!ignored("/", "a", true));
    }

    #[test]
    fn negation_is_not_gitignore() {
        // The first rule ignores everything that is not x.txt; x.txt
        // matches it, so evaluation goes on and `*.txt` ignores it too: a
        // negation never brings a file back.
        let r = parse("!x.txt\n*.txt\n");
        assert!(r.ignore("x.txt", false));
        assert!(r.ignore("a.txt", false));
        assert!(r.ignore("README.md", false));
        let r = parse("!x.txt\n");
        assert!(!r.ignore("x.txt", false));
        assert!(r.ignore("sub/x.txt.bak", false));
        // ... and a negation after a matching rule comes too late.
        let r = parse("*.txt\n!keep.txt\n");
        assert!(r.ignore("keep.txt", false));
        assert!(r.ignore("other.md", false));
        // A matching negation just continues with the next rule.
        let r = parse("!*.yaml\nbad.yaml\n");
        assert!(r.ignore("bad.yaml", false));
        assert!(!r.ignore("good.yaml", false));
        // A directory-only negation ignores every file.
        let r = parse("!templates/");
        assert!(r.ignore("Chart.yaml", false));
        assert!(!r.ignore("templates", true));
        assert!(r.ignore("charts", true));
    }

    #[test]
    fn negation_with_anchor_and_dir() {
        let r = parse("!/keep/");
        assert!(!r.ignore("keep", true));
        assert!(r.ignore("other", true));
        assert!(r.ignore("keep", false));
    }

    #[test]
    fn default_scaffold_helmignore() {
        let text = "# Patterns to ignore when building packages.\n\
                    .DS_Store\n# Common VCS dirs\n.git/\n.gitignore\n.bzr/\n.bzrignore\n\
                    .hg/\n.hgignore\n.svn/\n# Common backup files\n*.swp\n*.bak\n*.tmp\n\
                    *.orig\n*~\n# Various IDEs\n.project\n.idea/\n*.tmproj\n.vscode/\n";
        let r = parse(text).with_defaults();
        assert_eq!(r.len(), 18);
        assert!(r.invalid_rules().is_empty());
        for (path, dir) in [
            (".git", true),
            ("charts/sub/.git", true),
            (".DS_Store", false),
            ("templates/x.yaml.bak", false),
            ("values.yaml~", false),
            (".vscode", true),
            ("templates/.notes", false),
        ] {
            assert!(r.ignore(path, dir), "{path}");
        }
        for (path, dir) in [
            ("Chart.yaml", false),
            ("templates", true),
            ("templates/deployment.yaml", false),
            (".git", false),
            (".idea", false),
            ("charts", true),
        ] {
            assert!(!r.ignore(path, dir), "{path}");
        }
    }

    #[test]
    fn classes_and_escapes_in_rules() {
        assert!(ignored("file[0-9].txt", "file7.txt", false));
        assert!(!ignored("file[0-9].txt", "filex.txt", false));
        assert!(ignored("file[^0-9].txt", "filex.txt", false));
        assert!(ignored(r"\#notes", "#notes", false));
        assert!(ignored(r"\!important", "!important", false));
        assert!(ignored(r"what\?", "what?", false));
        assert!(!ignored(r"what\?", "whatx", false));
    }

    /// A chart tree walked as Helm's `LoadDir` does (an ignored directory
    /// is skipped with its contents). The expected survivors were recorded
    /// with Helm 4.2.3 (`.Files` of a rendered chart, plus Chart.yaml and
    /// templates).
    #[test]
    fn walk_matches_helm() {
        let tree: &[(&str, bool)] = &[
            (".helmignore", false),
            ("Chart.yaml", false),
            ("a.txt", false),
            ("deep", true),
            ("deep/dironly", true),
            ("deep/dironly/f", false),
            ("dironly", true),
            ("dironly/f", false),
            ("docs", true),
            ("docs/top.md", false),
            ("docs/x", true),
            ("docs/x/y.md", false),
            ("filedir", false),
            ("root.md", false),
            ("secret", true),
            ("secret/inner", false),
            ("sub", true),
            ("sub/a.txt", false),
            ("sub/root.md", false),
            ("sub/secret", false),
            ("templates", true),
            ("templates/.hidden", false),
            ("templates/t.yaml", false),
            ("w?", false),
        ];
        let rules =
            parse("*.txt\n/root.md\ndocs/*\nfiledir/\ndironly/\nsecret\nw\\?\n").with_defaults();
        let mut skipped_dirs: Vec<&str> = Vec::new();
        let mut kept = Vec::new();
        for &(path, is_dir) in tree {
            if skipped_dirs
                .iter()
                .any(|d| path.starts_with(&format!("{d}/")))
            {
                continue;
            }
            if rules.ignore(path, is_dir) {
                if is_dir {
                    skipped_dirs.push(path);
                }
                continue;
            }
            if !is_dir {
                kept.push(path);
            }
        }
        assert_eq!(
            kept,
            [
                ".helmignore",
                "Chart.yaml",
                "filedir",
                "sub/root.md",
                "templates/t.yaml"
            ]
        );
    }

    #[test]
    fn go_base_behaviour() {
        assert_eq!(go_base(""), ".");
        assert_eq!(go_base("/"), "/");
        assert_eq!(go_base("///"), "/");
        assert_eq!(go_base("a"), "a");
        assert_eq!(go_base("a/b"), "b");
        assert_eq!(go_base("a/b/"), "b");
        assert_eq!(go_base("cargo/"), "cargo");
    }

    /// Outcomes recorded from Go 1.26's `filepath.Match` (`Some(bool)`
    /// for a result, `None` for `ErrBadPattern`).
    #[test]
    fn filepath_match_agrees_with_go() {
        let t = Some(true);
        let f = Some(false);
        let e = None;
        let cases: &[(&str, &str, Option<bool>)] = &[
            ("abc", "abc", t),
            ("*", "abc", t),
            ("*c", "abc", t),
            ("a*", "a", t),
            ("a*", "abc", t),
            ("a*", "ab/c", f),
            ("a*/b", "abc/b", t),
            ("a*/b", "a/c/b", f),
            ("a*b*c*d*e*/f", "axbxcxdxe/f", t),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/f", t),
            ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", f),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", f),
            ("a*b?c*x", "abxbbxdbxebxczzx", t),
            ("a*b?c*x", "abxbbxdbxebxczzy", f),
            ("ab[c]", "abc", t),
            ("ab[b-d]", "abc", t),
            ("ab[e-g]", "abc", f),
            ("ab[^c]", "abc", f),
            ("ab[^b-d]", "abc", f),
            ("ab[^e-g]", "abc", t),
            ("a\\*b", "a*b", t),
            ("a\\*b", "ab", f),
            ("a?b", "a☺b", t),
            ("a[^a]b", "a☺b", t),
            ("a???b", "a☺b", f),
            ("a[^a][^a][^a]b", "a☺b", f),
            ("[a-ζ]*", "α", t),
            ("*[a-ζ]", "A", f),
            ("a?b", "a/b", f),
            ("a*b", "a/b", f),
            ("[\\]a]", "]", t),
            ("[\\-]", "-", t),
            ("[x\\-]", "x", t),
            ("[x\\-]", "-", t),
            ("[x\\-]", "z", f),
            ("[\\-x]", "x", t),
            ("[\\-x]", "-", t),
            ("[\\-x]", "a", f),
            ("[]a]", "]", e),
            ("[-]", "-", e),
            ("[x-]", "x", e),
            ("[x-]", "-", e),
            ("[x-]", "z", e),
            ("[-x]", "x", e),
            ("[-x]", "-", e),
            ("[-x]", "a", e),
            ("\\", "a", e),
            ("[a-b-c]", "a", e),
            ("[", "a", e),
            ("[^", "a", e),
            ("[^bc", "a", e),
            ("a[", "a", e),
            ("a[", "ab", e),
            ("a[", "x", e),
            ("a/b[", "x", e),
            ("*x", "xxx", t),
            ("x*[", "abc", f),
            ("a*[", "abc", e),
            ("*??", "€", t),
            ("*?", "€", t),
            ("?", "€", t),
            ("??", "€", f),
            ("[^a]", "€", t),
            ("", "", t),
            ("", "a", f),
            ("*", "", t),
            ("*/*", "a/b", t),
            ("*/*", "a/b/c", f),
            ("*", "a/b", f),
            ("?*", "", f),
            ("a\\", "a", e),
            ("\\a", "a", t),
            ("[\\a]", "a", t),
            ("[a\\", "a", e),
            ("[a-\\", "a", e),
            ("[a-\\z]", "m", t),
            ("[^]", "a", e),
            ("[^]a]", "b", e),
            (".?*", ".dotfile", t),
            (".?*", ".", f),
            (".?*", "..", t),
            ("templates/.?*", "templates/.dotfile", t),
            ("templates/.?*", "templates/a/.b", f),
            ("*.txt", ".txt", t),
            ("*~", "a~", t),
            ("[!a]", "b", f),
            ("[!a]", "!", t),
            ("a[]", "a", e),
            ("a[]b]", "a]", e),
            ("[a-a]", "a", t),
            ("[z-a]", "m", f),
            ("[z-a]", "z", f),
            ("ab*", "ab/", f),
            ("cargo/*", "cargo/", t),
            ("*/", "a/", t),
            ("a/*/c", "a//c", t),
            ("\\[", "[", t),
            ("\\?", "?", t),
            ("\\?", "a", f),
            ("a*b*", "ab/", f),
            ("[☺-☻]", "☻", t),
            ("**", "a", t),
            ("*a*", "bab", t),
            ("a*a", "aaa", t),
            ("*a", "a/a", f),
            ("é", "é", t),
            ("?", "é", t),
            ("[é]", "é", t),
            ("*\\", "a", e),
            ("*[", "a", e),
            ("a*\\", "ab", e),
        ];
        for &(pattern, name, want) in cases {
            let got = filepath_match(pattern, name).ok();
            assert_eq!(got, want, "Match({pattern:?}, {name:?})");
        }
    }

    #[test]
    fn pattern_validity() {
        assert!(pattern_is_valid("a*b?[c-d]\\*"));
        assert!(!pattern_is_valid("x*["));
        assert!(!pattern_is_valid("a*b\\"));
        assert!(pattern_is_valid(""));
    }

    #[test]
    fn decode_rune_like_go() {
        assert_eq!(decode_rune(b"a"), (97, 1));
        assert_eq!(decode_rune("é".as_bytes()), (0xE9, 2));
        assert_eq!(decode_rune("€x".as_bytes()), (0x20AC, 3));
        assert_eq!(decode_rune(&[0x82, 0xAC]), (REPLACEMENT, 1));
        assert_eq!(decode_rune(&[0xE2, 0x82]), (REPLACEMENT, 1));
        assert_eq!(decode_rune(&[0xC0, 0x80]), (REPLACEMENT, 1));
        assert_eq!(decode_rune(&[0xED, 0xA0, 0x80]), (REPLACEMENT, 1));
    }
}
