//! Sprig's regex functions with Go `regexp` (RE2) semantics.
//!
//! Patterns are parsed with Go's syntax rules (and Go's error messages)
//! and translated into an equivalent pattern for the `regex` crate:
//! Perl classes and `\b` become ASCII-only as in Go, every literal is
//! written as a hex escape, flag groups are normalised, capture names are
//! kept on our side (Go allows duplicates). Match iteration, replacement
//! (`$1`, `${name}` expansion) and splitting follow Go's loops exactly.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

use regex::Regex;

use super::super::value::V;
use super::strings::{go_is_digit, go_is_letter, go_quote};
use super::{FuncDef, Ty, def};

pub static FUNCS: &[FuncDef] = &[
    def("regexMatch", &[Ty::Str, Ty::Str], None, regex_match),
    def(
        "mustRegexMatch",
        &[Ty::Str, Ty::Str],
        None,
        must_regex_match,
    ),
    def(
        "regexFindAll",
        &[Ty::Str, Ty::Str, Ty::Int],
        None,
        regex_find_all,
    ),
    def(
        "mustRegexFindAll",
        &[Ty::Str, Ty::Str, Ty::Int],
        None,
        must_regex_find_all,
    ),
    def("regexFind", &[Ty::Str, Ty::Str], None, regex_find),
    def("mustRegexFind", &[Ty::Str, Ty::Str], None, must_regex_find),
    def(
        "regexReplaceAll",
        &[Ty::Str, Ty::Str, Ty::Str],
        None,
        regex_replace_all,
    ),
    def(
        "mustRegexReplaceAll",
        &[Ty::Str, Ty::Str, Ty::Str],
        None,
        must_regex_replace_all,
    ),
    def(
        "regexReplaceAllLiteral",
        &[Ty::Str, Ty::Str, Ty::Str],
        None,
        regex_replace_all_literal,
    ),
    def(
        "mustRegexReplaceAllLiteral",
        &[Ty::Str, Ty::Str, Ty::Str],
        None,
        must_regex_replace_all_literal,
    ),
    def(
        "regexSplit",
        &[Ty::Str, Ty::Str, Ty::Int],
        None,
        regex_split,
    ),
    def(
        "mustRegexSplit",
        &[Ty::Str, Ty::Str, Ty::Int],
        None,
        must_regex_split,
    ),
    def("regexQuoteMeta", &[Ty::Str], None, regex_quote_meta),
];

// ---------------------------------------------------------------------------
// Compiled patterns.

/// A compiled Go regular expression.
#[derive(Debug)]
pub struct GoRegex {
    re: Regex,
    /// Go's `SubexpNames`: index 0 is the whole match, "" for unnamed.
    names: Vec<String>,
    /// Whether the Go pattern text is empty (`Split` checks it).
    empty: bool,
}

const CACHE_MAX: usize = 256;

thread_local! {
    static CACHE: RefCell<HashMap<String, Rc<GoRegex>>> = RefCell::new(HashMap::new());
}

/// Go's `regexp.Compile`; the error is Go's text
/// (`error parsing regexp: missing closing ): `(a``).
pub fn compile(expr: &str) -> Result<Rc<GoRegex>, String> {
    if let Some(re) = CACHE.with(|c| c.borrow().get(expr).cloned()) {
        return Ok(re);
    }
    let (pattern, names) = translate(expr).map_err(|e| e.to_string())?;
    let re = regex::RegexBuilder::new(&pattern)
        .nest_limit(4000)
        .size_limit(64 << 20)
        .dfa_size_limit(16 << 20)
        .build()
        .map_err(|_| GoError::new(code::LARGE, expr).to_string())?;
    let compiled = Rc::new(GoRegex {
        re,
        names,
        empty: expr.is_empty(),
    });
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(expr.to_string(), compiled.clone());
    });
    Ok(compiled)
}

/// Go's `regexp.MustCompile` panic text.
fn must_compile(expr: &str) -> Result<Rc<GoRegex>, String> {
    compile(expr).map_err(|e| format!("regexp: Compile({}): {e}", go_backquote(expr)))
}

/// Go's `regexp.quote`: backquoted when `strconv.CanBackquote`, else `%q`.
fn go_backquote(s: &str) -> String {
    let can = s
        .chars()
        .all(|c| c != '`' && c != '\u{7f}' && c != '\u{feff}' && (c >= ' ' || c == '\t'));
    if can { format!("`{s}`") } else { go_quote(s) }
}

// ---------------------------------------------------------------------------
// Go syntax -> Rust syntax.

mod code {
    pub const INVALID_CHAR_RANGE: &str = "invalid character class range";
    pub const INVALID_ESCAPE: &str = "invalid escape sequence";
    pub const INVALID_NAMED_CAPTURE: &str = "invalid named capture";
    pub const INVALID_PERL_OP: &str = "invalid or unsupported Perl syntax";
    pub const INVALID_REPEAT_OP: &str = "invalid nested repetition operator";
    pub const INVALID_REPEAT_SIZE: &str = "invalid repeat count";
    pub const MISSING_BRACKET: &str = "missing closing ]";
    pub const MISSING_PAREN: &str = "missing closing )";
    pub const MISSING_REPEAT_ARG: &str = "missing argument to repetition operator";
    pub const TRAILING_BACKSLASH: &str = "trailing backslash at end of expression";
    pub const UNEXPECTED_PAREN: &str = "unexpected )";
    pub const NESTING_DEPTH: &str = "expression nests too deeply";
    pub const LARGE: &str = "expression too large";
}

#[derive(Debug)]
struct GoError {
    code: &'static str,
    expr: String,
}

impl GoError {
    fn new(code: &'static str, expr: &str) -> GoError {
        GoError {
            code,
            expr: expr.to_string(),
        }
    }
}

impl std::fmt::Display for GoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error parsing regexp: {}: `{}`", self.code, self.expr)
    }
}

type PResult<T> = Result<T, GoError>;

#[derive(Clone, Copy, PartialEq, Eq)]
struct Flags {
    fold: bool,
    multi: bool,
    dotnl: bool,
    ungreedy: bool,
}

impl Flags {
    /// The full flag state as a Rust group prefix (without the closer).
    fn rust(self) -> String {
        let mut pos = String::new();
        let mut neg = String::new();
        for (on, c) in [
            (self.fold, 'i'),
            (self.multi, 'm'),
            (self.dotnl, 's'),
            (self.ungreedy, 'U'),
        ] {
            if on { pos.push(c) } else { neg.push(c) }
        }
        if neg.is_empty() {
            format!("(?{pos}")
        } else {
            format!("(?{pos}-{neg}")
        }
    }
}

enum Item {
    /// Something that can be repeated; `weight` is the largest product of
    /// nested `{n,m}` counts inside it (Go's `repeatIsValid`).
    Atom {
        text: String,
        weight: u64,
    },
    /// A flag change (transparent for repetition).
    Flags(String),
    Bar,
    /// An open group: its Rust opening text and the flags to restore.
    Open {
        text: String,
        saved: Flags,
    },
}

struct Parser<'a> {
    whole: &'a str,
    items: Vec<Item>,
    flags: Flags,
    names: Vec<String>,
    depth: usize,
}

/// Translates a Go pattern; returns the Rust pattern and the capture names.
fn translate(expr: &str) -> PResult<(String, Vec<String>)> {
    let mut p = Parser {
        whole: expr,
        items: Vec::new(),
        flags: Flags {
            fold: false,
            multi: false,
            dotnl: false,
            ungreedy: false,
        },
        names: vec![String::new()],
        depth: 0,
    };
    p.parse()?;
    if p.items.iter().any(|i| matches!(i, Item::Open { .. })) {
        return Err(GoError::new(code::MISSING_PAREN, expr));
    }
    let (text, _) = concat_items(&p.items);
    Ok((text, p.names))
}

fn concat_items(items: &[Item]) -> (String, u64) {
    let mut out = String::new();
    let mut weight = 1u64;
    for it in items {
        match it {
            Item::Atom { text, weight: w } => {
                out.push_str(text);
                weight = weight.max(*w);
            }
            Item::Flags(f) => out.push_str(f),
            Item::Bar => out.push('|'),
            Item::Open { text, .. } => out.push_str(text),
        }
    }
    (out, weight)
}

fn hex_char(out: &mut String, c: u32) {
    let _ = write!(out, "\\x{{{c:X}}}");
}

/// A literal rune as Rust pattern text.
fn literal_text(c: u32) -> String {
    match char::from_u32(c) {
        Some(ch) if ch.is_ascii_alphanumeric() => ch.to_string(),
        Some(_) => {
            let mut s = String::new();
            hex_char(&mut s, c);
            s
        }
        // A surrogate code point can never match UTF-8 text.
        None => NEVER.to_string(),
    }
}

const NEVER: &str = "[^\\x{0}-\\x{10FFFF}]";

/// Appends a class range, skipping surrogates (never in UTF-8 text).
fn class_range(out: &mut String, lo: u32, hi: u32) {
    let mut push = |a: u32, b: u32| {
        if a > b {
            return;
        }
        hex_char(out, a);
        if b != a {
            out.push('-');
            hex_char(out, b);
        }
    };
    if hi < 0xD800 || lo > 0xDFFF {
        push(lo, hi);
    } else {
        if lo < 0xD800 {
            push(lo, 0xD7FF);
        }
        if hi > 0xDFFF {
            push(0xE000, hi);
        }
    }
}

fn perl_class(c: u8) -> Option<&'static str> {
    Some(match c {
        b'd' => "[0-9]",
        b'D' => "[^0-9]",
        b's' => "[\\t\\n\\x0C\\r ]",
        b'S' => "[^\\t\\n\\x0C\\r ]",
        b'w' => "[0-9A-Za-z_]",
        b'W' => "[^0-9A-Za-z_]",
        _ => return None,
    })
}

const POSIX: &[&str] = &[
    "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct",
    "space", "upper", "word", "xdigit",
];

const GO_CATEGORIES: &[&str] = &[
    "C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
    "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm",
    "So", "Z", "Zl", "Zp", "Zs",
];

/// Go's `unicode.CategoryAliases`, keys in canonical form.
const GO_CATEGORY_ALIASES: &[(&str, &str)] = &[
    ("Casedletter", "LC"),
    ("Closepunctuation", "Pe"),
    ("Combiningmark", "M"),
    ("Connectorpunctuation", "Pc"),
    ("Control", "Cc"),
    ("Currencysymbol", "Sc"),
    ("Dashpunctuation", "Pd"),
    ("Decimalnumber", "Nd"),
    ("Enclosingmark", "Me"),
    ("Finalpunctuation", "Pf"),
    ("Format", "Cf"),
    ("Initialpunctuation", "Pi"),
    ("Letter", "L"),
    ("Letternumber", "Nl"),
    ("Lineseparator", "Zl"),
    ("Lowercaseletter", "Ll"),
    ("Mark", "M"),
    ("Mathsymbol", "Sm"),
    ("Modifierletter", "Lm"),
    ("Modifiersymbol", "Sk"),
    ("Nonspacingmark", "Mn"),
    ("Number", "N"),
    ("Openpunctuation", "Ps"),
    ("Other", "C"),
    ("Otherletter", "Lo"),
    ("Othernumber", "No"),
    ("Otherpunctuation", "Po"),
    ("Othersymbol", "So"),
    ("Paragraphseparator", "Zp"),
    ("Privateuse", "Co"),
    ("Punctuation", "P"),
    ("Separator", "Z"),
    ("Spaceseparator", "Zs"),
    ("Spacingmark", "Mc"),
    ("Surrogate", "Cs"),
    ("Symbol", "S"),
    ("Titlecaseletter", "Lt"),
    ("Unassigned", "Cn"),
    ("Uppercaseletter", "Lu"),
    ("Cntrl", "Cc"),
    ("Digit", "Nd"),
    ("Punct", "P"),
];

/// Go's `unicode.Scripts` keys (Unicode 15). Go looks scripts up by the
/// canonical form of the name, so names with underscores or inner
/// capitals (`Old_Italic`, `SignWriting`) can never be found.
const GO_SCRIPTS: &[&str] = &[
    "Adlam",
    "Ahom",
    "Anatolian_Hieroglyphs",
    "Arabic",
    "Armenian",
    "Avestan",
    "Balinese",
    "Bamum",
    "Bassa_Vah",
    "Batak",
    "Bengali",
    "Bhaiksuki",
    "Bopomofo",
    "Brahmi",
    "Braille",
    "Buginese",
    "Buhid",
    "Canadian_Aboriginal",
    "Carian",
    "Caucasian_Albanian",
    "Chakma",
    "Cham",
    "Cherokee",
    "Chorasmian",
    "Common",
    "Coptic",
    "Cuneiform",
    "Cypriot",
    "Cypro_Minoan",
    "Cyrillic",
    "Deseret",
    "Devanagari",
    "Dives_Akuru",
    "Dogra",
    "Duployan",
    "Egyptian_Hieroglyphs",
    "Elbasan",
    "Elymaic",
    "Ethiopic",
    "Georgian",
    "Glagolitic",
    "Gothic",
    "Grantha",
    "Greek",
    "Gujarati",
    "Gunjala_Gondi",
    "Gurmukhi",
    "Han",
    "Hangul",
    "Hanifi_Rohingya",
    "Hanunoo",
    "Hatran",
    "Hebrew",
    "Hiragana",
    "Imperial_Aramaic",
    "Inherited",
    "Inscriptional_Pahlavi",
    "Inscriptional_Parthian",
    "Javanese",
    "Kaithi",
    "Kannada",
    "Katakana",
    "Kawi",
    "Kayah_Li",
    "Kharoshthi",
    "Khitan_Small_Script",
    "Khmer",
    "Khojki",
    "Khudawadi",
    "Lao",
    "Latin",
    "Lepcha",
    "Limbu",
    "Linear_A",
    "Linear_B",
    "Lisu",
    "Lycian",
    "Lydian",
    "Mahajani",
    "Makasar",
    "Malayalam",
    "Mandaic",
    "Manichaean",
    "Marchen",
    "Masaram_Gondi",
    "Medefaidrin",
    "Meetei_Mayek",
    "Mende_Kikakui",
    "Meroitic_Cursive",
    "Meroitic_Hieroglyphs",
    "Miao",
    "Modi",
    "Mongolian",
    "Mro",
    "Multani",
    "Myanmar",
    "Nabataean",
    "Nag_Mundari",
    "Nandinagari",
    "New_Tai_Lue",
    "Newa",
    "Nko",
    "Nushu",
    "Nyiakeng_Puachue_Hmong",
    "Ogham",
    "Ol_Chiki",
    "Old_Hungarian",
    "Old_Italic",
    "Old_North_Arabian",
    "Old_Permic",
    "Old_Persian",
    "Old_Sogdian",
    "Old_South_Arabian",
    "Old_Turkic",
    "Old_Uyghur",
    "Oriya",
    "Osage",
    "Osmanya",
    "Pahawh_Hmong",
    "Palmyrene",
    "Pau_Cin_Hau",
    "Phags_Pa",
    "Phoenician",
    "Psalter_Pahlavi",
    "Rejang",
    "Runic",
    "Samaritan",
    "Saurashtra",
    "Sharada",
    "Shavian",
    "Siddham",
    "SignWriting",
    "Sinhala",
    "Sogdian",
    "Sora_Sompeng",
    "Soyombo",
    "Sundanese",
    "Syloti_Nagri",
    "Syriac",
    "Tagalog",
    "Tagbanwa",
    "Tai_Le",
    "Tai_Tham",
    "Tai_Viet",
    "Takri",
    "Tamil",
    "Tangsa",
    "Tangut",
    "Telugu",
    "Thaana",
    "Thai",
    "Tibetan",
    "Tifinagh",
    "Tirhuta",
    "Toto",
    "Ugaritic",
    "Vai",
    "Vithkuqi",
    "Wancho",
    "Warang_Citi",
    "Yezidi",
    "Yi",
    "Zanabazar_Square",
];

/// Go's `canonicalName`: first letter upper case, the rest lower case,
/// without `_`, `-` and spaces.
fn canonical_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut first = true;
    for c in name.chars() {
        if c == '_' || c == '-' || c == ' ' {
            continue;
        }
        if first {
            out.push(c.to_ascii_uppercase());
            first = false;
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The Rust class body (`\p{..}` contents) for a Go Unicode class name,
/// and whether the Go table is inverted (`Assigned`).
fn unicode_table(name: &str) -> Option<(String, bool)> {
    let canon = canonical_name(name);
    match canon.as_str() {
        "Any" => return Some(("Any".into(), false)),
        "Assigned" => return Some(("Cn".into(), true)),
        "Ascii" => return Some(("ASCII".into(), false)),
        "Lc" => return Some(("LC".into(), false)),
        _ => {}
    }
    if GO_CATEGORIES.contains(&canon.as_str()) {
        return Some((canon, false));
    }
    if GO_SCRIPTS.contains(&canon.as_str()) {
        return Some((format!("sc={canon}"), false));
    }
    GO_CATEGORY_ALIASES
        .iter()
        .find(|(k, _)| *k == canon)
        .map(|(_, v)| ((*v).to_string(), false))
}

fn is_alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

fn unhex(c: char) -> Option<u32> {
    c.to_digit(16)
}

impl<'a> Parser<'a> {
    fn err(&self, code: &'static str, expr: &str) -> GoError {
        GoError::new(code, expr)
    }

    fn push_atom(&mut self, text: String) {
        self.items.push(Item::Atom { text, weight: 1 });
    }

    fn parse(&mut self) -> PResult<()> {
        let whole = self.whole;
        let mut t = whole;
        // Where the previous token (if it was a repetition) started.
        let mut last_repeat: Option<&'a str> = None;
        while !t.is_empty() {
            let mut repeat: Option<&'a str> = None;
            let c = t.as_bytes()[0];
            match c {
                b'(' => {
                    if t.len() >= 2 && t.as_bytes()[1] == b'?' {
                        t = self.parse_perl_flags(t)?;
                    } else {
                        self.open_group("(".into(), false)?;
                        self.names.push(String::new());
                        t = &t[1..];
                    }
                }
                b'|' => {
                    self.items.push(Item::Bar);
                    t = &t[1..];
                }
                b')' => {
                    self.close_group()?;
                    t = &t[1..];
                }
                b'^' => {
                    self.push_atom("^".into());
                    t = &t[1..];
                }
                b'$' => {
                    self.push_atom("$".into());
                    t = &t[1..];
                }
                b'.' => {
                    self.push_atom(".".into());
                    t = &t[1..];
                }
                b'[' => {
                    t = self.parse_class(t)?;
                }
                b'*' | b'+' | b'?' => {
                    let before = t;
                    let after = self.repeat(c as char, 0, 0, before, &t[1..], last_repeat)?;
                    repeat = Some(before);
                    t = after;
                }
                b'{' => {
                    let before = t;
                    match parse_repeat(t) {
                        None => {
                            self.push_atom(literal_text('{' as u32));
                            t = &t[1..];
                        }
                        Some((min, max, after)) => {
                            if !(0..=1000).contains(&min) || max > 1000 || max >= 0 && min > max {
                                let e = &before[..before.len() - after.len()];
                                return Err(self.err(code::INVALID_REPEAT_SIZE, e));
                            }
                            let after = self.repeat('{', min, max, before, after, last_repeat)?;
                            repeat = Some(before);
                            t = after;
                        }
                    }
                }
                b'\\' => {
                    t = self.parse_backslash(t)?;
                }
                _ => {
                    let ch = t.chars().next().unwrap_or('\0');
                    self.push_atom(literal_text(ch as u32));
                    t = &t[ch.len_utf8()..];
                }
            }
            last_repeat = repeat;
        }
        Ok(())
    }

    fn open_group(&mut self, text: String, _named: bool) -> PResult<()> {
        self.depth += 1;
        if self.depth > 1000 {
            return Err(self.err(code::NESTING_DEPTH, self.whole));
        }
        self.items.push(Item::Open {
            text,
            saved: self.flags,
        });
        Ok(())
    }

    fn close_group(&mut self) -> PResult<()> {
        let Some(pos) = self
            .items
            .iter()
            .rposition(|i| matches!(i, Item::Open { .. }))
        else {
            return Err(self.err(code::UNEXPECTED_PAREN, self.whole));
        };
        let inner: Vec<Item> = self.items.drain(pos + 1..).collect();
        let Some(Item::Open { text, saved }) = self.items.pop() else {
            return Err(self.err(code::UNEXPECTED_PAREN, self.whole));
        };
        self.depth = self.depth.saturating_sub(1);
        let (body, weight) = concat_items(&inner);
        self.flags = saved;
        self.items.push(Item::Atom {
            text: format!("{text}{body})"),
            weight,
        });
        Ok(())
    }

    /// Applies a repetition operator to the preceding atom.
    fn repeat(
        &mut self,
        op: char,
        min: i64,
        max: i64,
        before: &'a str,
        mut after: &'a str,
        last_repeat: Option<&'a str>,
    ) -> PResult<&'a str> {
        let mut lazy = false;
        if after.starts_with('?') {
            after = &after[1..];
            lazy = true;
        }
        if let Some(last) = last_repeat {
            return Err(self.err(code::INVALID_REPEAT_OP, &last[..last.len() - after.len()]));
        }
        let op_text = &before[..before.len() - after.len()];
        let Some(idx) = self
            .items
            .iter()
            .rposition(|i| !matches!(i, Item::Flags(_)))
        else {
            return Err(self.err(code::MISSING_REPEAT_ARG, op_text));
        };
        let Item::Atom { text, weight } = &self.items[idx] else {
            return Err(self.err(code::MISSING_REPEAT_ARG, op_text));
        };
        let mut weight = *weight;
        if op == '{' {
            let m = if max < 0 { min } else { max } as u64;
            if m == 0 {
                weight = 1;
            } else {
                weight = weight.saturating_mul(m);
                if (min >= 2 || max >= 2) && weight > 1000 {
                    return Err(self.err(code::INVALID_REPEAT_SIZE, op_text));
                }
            }
        }
        let mut rust = format!("(?:{text})");
        match op {
            '{' => {
                if max < 0 {
                    let _ = write!(rust, "{{{min},}}");
                } else if max == min {
                    let _ = write!(rust, "{{{min}}}");
                } else {
                    let _ = write!(rust, "{{{min},{max}}}");
                }
            }
            other => rust.push(other),
        }
        if lazy {
            rust.push('?');
        }
        self.items[idx] = Item::Atom { text: rust, weight };
        Ok(after)
    }

    fn parse_perl_flags(&mut self, s: &'a str) -> PResult<&'a str> {
        let b = s.as_bytes();
        let starts_p = b.len() > 4 && b[2] == b'P' && b[3] == b'<';
        let starts_name = b.len() > 3 && b[2] == b'<';
        if starts_p || starts_name {
            let start = if starts_p { 4 } else { 3 };
            let Some(end) = s.find('>') else {
                return Err(self.err(code::INVALID_NAMED_CAPTURE, s));
            };
            let capture = &s[..=end];
            let name = &s[start..end];
            if name.is_empty() || !name.bytes().all(|c| c == b'_' || is_alnum(c)) {
                return Err(self.err(code::INVALID_NAMED_CAPTURE, capture));
            }
            self.open_group("(".into(), true)?;
            self.names.push(name.to_string());
            return Ok(&s[end + 1..]);
        }
        let mut flags = self.flags;
        let mut neg = false;
        let mut saw_flag = false;
        let mut t = &s[2..];
        while let Some(c) = t.chars().next() {
            t = &t[c.len_utf8()..];
            match c {
                'i' | 'm' | 's' | 'U' => {
                    let on = !neg;
                    match c {
                        'i' => flags.fold = on,
                        'm' => flags.multi = on,
                        's' => flags.dotnl = on,
                        _ => flags.ungreedy = on,
                    }
                    saw_flag = true;
                }
                '-' => {
                    if neg {
                        break;
                    }
                    neg = true;
                    saw_flag = false;
                }
                ':' | ')' => {
                    if neg && !saw_flag {
                        break;
                    }
                    if c == ':' {
                        let open = format!("{}:", flags.rust());
                        self.open_group(open, false)?;
                    } else {
                        self.items.push(Item::Flags(format!("{})", flags.rust())));
                    }
                    self.flags = flags;
                    return Ok(t);
                }
                _ => break,
            }
        }
        Err(self.err(code::INVALID_PERL_OP, &s[..s.len() - t.len()]))
    }

    fn parse_backslash(&mut self, t: &'a str) -> PResult<&'a str> {
        let b = t.as_bytes();
        if b.len() >= 2 {
            match b[1] {
                b'A' => {
                    self.push_atom("\\A".into());
                    return Ok(&t[2..]);
                }
                b'b' => {
                    self.push_atom("(?-u:\\b)".into());
                    return Ok(&t[2..]);
                }
                b'B' => {
                    self.push_atom("(?-u:\\B)".into());
                    return Ok(&t[2..]);
                }
                b'C' => return Err(self.err(code::INVALID_ESCAPE, &t[..2])),
                b'Q' => {
                    let rest = &t[2..];
                    let (lit, after) = match rest.find("\\E") {
                        Some(i) => (&rest[..i], &rest[i + 2..]),
                        None => (rest, ""),
                    };
                    for ch in lit.chars() {
                        self.push_atom(literal_text(ch as u32));
                    }
                    return Ok(after);
                }
                b'z' => {
                    self.push_atom("\\z".into());
                    return Ok(&t[2..]);
                }
                _ => {}
            }
            if b[1] == b'p' || b[1] == b'P' {
                let (class, rest) = self.parse_unicode_class(t)?;
                self.push_atom(class);
                return Ok(rest);
            }
            if let Some(class) = perl_class(b[1]) {
                self.push_atom(class.into());
                return Ok(&t[2..]);
            }
        }
        let (c, rest) = self.parse_escape(t)?;
        self.push_atom(literal_text(c));
        Ok(rest)
    }

    /// `\pL`, `\p{Greek}`, `\P{^Lu}`... as Rust class text.
    fn parse_unicode_class(&self, s: &'a str) -> PResult<(String, &'a str)> {
        let mut negate = s.as_bytes()[1] == b'P';
        let t = &s[2..];
        let (seq, name, rest) = match t.chars().next() {
            Some('{') => {
                let Some(end) = s.find('}') else {
                    return Err(self.err(code::INVALID_CHAR_RANGE, s));
                };
                (&s[..=end], &s[3..end], &s[end + 1..])
            }
            Some(c) => {
                let n = 2 + c.len_utf8();
                (&s[..n], &s[2..n], &s[n..])
            }
            None => (s, "", ""),
        };
        let name = match name.strip_prefix('^') {
            Some(n) => {
                negate = !negate;
                n
            }
            None => name,
        };
        let Some((table, inverted)) = unicode_table(name) else {
            return Err(self.err(code::INVALID_CHAR_RANGE, seq));
        };
        if inverted {
            negate = !negate;
        }
        let p = if negate { 'P' } else { 'p' };
        Ok((format!("\\{p}{{{table}}}"), rest))
    }

    /// Go's `parseEscape`: one escaped rune.
    fn parse_escape(&self, s: &'a str) -> PResult<(u32, &'a str)> {
        let t = &s[1..];
        let Some(c) = t.chars().next() else {
            return Err(self.err(code::TRAILING_BACKSLASH, ""));
        };
        let mut t = &t[c.len_utf8()..];
        let consumed = |t: &str| &s[..s.len() - t.len()];
        match c {
            c if c.is_ascii() && !c.is_ascii_alphanumeric() => return Ok((c as u32, t)),
            '1'..='7'
                if !t
                    .as_bytes()
                    .first()
                    .is_some_and(|d| (b'0'..=b'7').contains(d)) => {}
            '0'..='7' => {
                let mut r = c as u32 - '0' as u32;
                for _ in 1..3 {
                    match t.as_bytes().first() {
                        Some(d @ b'0'..=b'7') => {
                            r = r * 8 + u32::from(d - b'0');
                            t = &t[1..];
                        }
                        _ => break,
                    }
                }
                return Ok((r, t));
            }
            'x' => {
                if let Some(c1) = t.chars().next() {
                    t = &t[c1.len_utf8()..];
                    if c1 == '{' {
                        let mut r: u32 = 0;
                        let mut n = 0;
                        while let Some(d) = t.chars().next() {
                            t = &t[d.len_utf8()..];
                            if d == '}' {
                                if n > 0 {
                                    return Ok((r, t));
                                }
                                break;
                            }
                            let Some(v) = unhex(d) else { break };
                            r = r * 16 + v;
                            if r > 0x10FFFF {
                                break;
                            }
                            n += 1;
                        }
                    } else {
                        let c2 = t.chars().next();
                        if let Some(c2) = c2 {
                            t = &t[c2.len_utf8()..];
                        }
                        if let (Some(x), Some(y)) = (unhex(c1), c2.and_then(unhex)) {
                            return Ok((x * 16 + y, t));
                        }
                    }
                }
            }
            'a' => return Ok((7, t)),
            'f' => return Ok((12, t)),
            'n' => return Ok((10, t)),
            'r' => return Ok((13, t)),
            't' => return Ok((9, t)),
            'v' => return Ok((11, t)),
            _ => {}
        }
        Err(self.err(code::INVALID_ESCAPE, consumed(t)))
    }

    /// One class character (escape or rune); `whole` is the class text
    /// from `[` to the end of the pattern, for the missing-bracket error.
    fn parse_class_char(&self, s: &'a str, whole: &str) -> PResult<(u32, &'a str)> {
        if s.is_empty() {
            return Err(self.err(code::MISSING_BRACKET, whole));
        }
        if s.starts_with('\\') {
            return self.parse_escape(s);
        }
        let c = s.chars().next().unwrap_or('\0');
        Ok((c as u32, &s[c.len_utf8()..]))
    }

    fn parse_class(&mut self, s: &'a str) -> PResult<&'a str> {
        let mut t = &s[1..];
        let mut out = String::from("[");
        if t.starts_with('^') {
            out.push('^');
            t = &t[1..];
        }
        let mut first = true;
        while t.is_empty() || !t.starts_with(']') || first {
            first = false;
            // POSIX [:alnum:] etc.
            if t.len() > 2
                && t.starts_with("[:")
                && let Some(i) = t[2..].find(":]")
            {
                let name = &t[..i + 4];
                let inner = &name[2..name.len() - 2];
                let base = inner.strip_prefix('^').unwrap_or(inner);
                if !POSIX.contains(&base) {
                    return Err(self.err(code::INVALID_CHAR_RANGE, name));
                }
                out.push_str(name);
                t = &t[name.len()..];
                continue;
            }
            let b = t.as_bytes();
            if b.len() >= 2 && b[0] == b'\\' && (b[1] == b'p' || b[1] == b'P') {
                let (class, rest) = self.parse_unicode_class(t)?;
                out.push_str(&class);
                t = rest;
                continue;
            }
            if b.len() >= 2
                && b[0] == b'\\'
                && let Some(class) = perl_class(b[1])
            {
                out.push_str(class);
                t = &t[2..];
                continue;
            }
            let rng = t;
            let (lo, rest) = self.parse_class_char(t, s)?;
            t = rest;
            let mut hi = lo;
            if t.len() >= 2 && t.starts_with('-') && !t[1..].starts_with(']') {
                let (h, rest) = self.parse_class_char(&t[1..], s)?;
                t = rest;
                hi = h;
                if hi < lo {
                    return Err(self.err(code::INVALID_CHAR_RANGE, &rng[..rng.len() - t.len()]));
                }
            }
            class_range(&mut out, lo, hi);
        }
        out.push(']');
        if out == "[]" || out == "[^]" {
            // Only surrogates: matches nothing (or, negated, anything).
            out = if out == "[]" {
                NEVER.into()
            } else {
                "[\\x{0}-\\x{10FFFF}]".into()
            };
        }
        self.push_atom(out);
        Ok(&t[1..])
    }
}

/// Go's `parseRepeat`: `{n}`, `{n,}`, `{n,m}`; `None` if not of that form
/// (then `{` is a literal); `min == -1` for numbers that are too big.
fn parse_repeat(s: &str) -> Option<(i64, i64, &str)> {
    let s = s.strip_prefix('{')?;
    let (mut min, s) = parse_int(s)?;
    let max;
    let s = if let Some(r) = s.strip_prefix(',') {
        if r.starts_with('}') {
            max = -1;
            r
        } else {
            let (m, r) = parse_int(r)?;
            max = m;
            if m < 0 {
                min = -1;
            }
            r
        }
    } else {
        max = min;
        s
    };
    let rest = s.strip_prefix('}')?;
    Some((min, max, rest))
}

/// Decimal digits without leading zeros; -1 when too big.
fn parse_int(s: &str) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() {
        return None;
    }
    if b.len() >= 2 && b[0] == b'0' && b[1].is_ascii_digit() {
        return None;
    }
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut v: i64 = 0;
    for &c in &b[..n] {
        if v >= 100_000_000 {
            v = -1;
            break;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    Some((v, &s[n..]))
}

// ---------------------------------------------------------------------------
// Go's matching loops.

/// Width of the rune at `pos` (0 at the end).
fn rune_width(s: &str, pos: usize) -> usize {
    s[pos..].chars().next().map_or(0, char::len_utf8)
}

impl GoRegex {
    /// Go's `allMatches`: successive non-overlapping matches; an empty
    /// match right after a previous match is skipped.
    fn all_matches(&self, s: &str, n: i64) -> Vec<(usize, usize)> {
        let n = if n < 0 { s.len() as i64 + 1 } else { n };
        let mut out = Vec::new();
        let mut pos = 0usize;
        let mut prev_end: Option<usize> = None;
        while (out.len() as i64) < n && pos <= s.len() {
            let Some(m) = self.re.find_at(s, pos) else {
                break;
            };
            let (a, b) = (m.start(), m.end());
            let mut accept = true;
            if b == pos {
                if Some(a) == prev_end {
                    accept = false;
                }
                let w = rune_width(s, pos);
                pos += if w == 0 { 1 } else { w };
            } else {
                pos = b;
            }
            prev_end = Some(b);
            if accept {
                out.push((a, b));
            }
        }
        out
    }

    pub fn is_match(&self, s: &str) -> bool {
        self.re.is_match(s)
    }

    pub fn find(&self, s: &str) -> String {
        self.re
            .find(s)
            .map_or_else(String::new, |m| m.as_str().to_string())
    }

    pub fn find_all(&self, s: &str, n: i64) -> Vec<String> {
        self.all_matches(s, n)
            .into_iter()
            .map(|(a, b)| s[a..b].to_string())
            .collect()
    }

    /// Go's `Regexp.Split`.
    pub fn split(&self, s: &str, n: i64) -> Vec<String> {
        if n == 0 {
            return Vec::new();
        }
        if !self.empty && s.is_empty() {
            return vec![String::new()];
        }
        let matches = self.all_matches(s, n);
        let mut out = Vec::with_capacity(matches.len() + 1);
        let (mut beg, mut end) = (0usize, 0usize);
        for (a, b) in matches {
            if n > 0 && out.len() as i64 == n - 1 {
                break;
            }
            end = a;
            if b != 0 {
                out.push(s[beg..end].to_string());
            }
            beg = b;
        }
        if end != s.len() {
            out.push(s[beg..].to_string());
        }
        out
    }

    /// Go's `replaceAll` loop; `literal` skips `$` expansion.
    pub fn replace_all(&self, src: &str, repl: &str, literal: bool) -> String {
        let expand = !literal && repl.contains('$');
        let mut out = String::with_capacity(src.len());
        let mut last_end = 0usize;
        let mut search = 0usize;
        let mut locs = self.re.capture_locations();
        while search <= src.len() {
            let (a, b) = if expand {
                match self.re.captures_read_at(&mut locs, src, search) {
                    Some(m) => (m.start(), m.end()),
                    None => break,
                }
            } else {
                match self.re.find_at(src, search) {
                    Some(m) => (m.start(), m.end()),
                    None => break,
                }
            };
            out.push_str(&src[last_end..a]);
            if b > last_end || a == 0 {
                if expand {
                    self.expand(&mut out, repl, src, &locs);
                } else {
                    out.push_str(repl);
                }
            }
            last_end = b;
            let w = rune_width(src, search);
            if search + w > b {
                search += w;
            } else if search + 1 > b {
                search += 1;
            } else {
                search = b;
            }
        }
        out.push_str(&src[last_end..]);
        out
    }

    /// Go's `Regexp.expand`: `$1`, `${1}`, `$name`, `${name}`, `$$`.
    fn expand(&self, out: &mut String, template: &str, src: &str, locs: &regex::CaptureLocations) {
        let mut t = template;
        while let Some(i) = t.find('$') {
            out.push_str(&t[..i]);
            t = &t[i + 1..];
            if let Some(rest) = t.strip_prefix('$') {
                out.push('$');
                t = rest;
                continue;
            }
            let Some((name, num, rest)) = extract(t) else {
                out.push('$');
                continue;
            };
            t = rest;
            let group = match num {
                Some(n) => Some(n),
                None => self.names.iter().position(|g| !g.is_empty() && g == name),
            };
            if let Some((a, b)) = group.and_then(|g| locs.get(g)) {
                out.push_str(&src[a..b]);
            }
        }
        out.push_str(t);
    }
}

/// Go's `extract`: a group name or number after `$`.
fn extract(s: &str) -> Option<(&str, Option<usize>, &str)> {
    let (brace, body) = match s.strip_prefix('{') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let len: usize = body
        .chars()
        .take_while(|&c| go_is_letter(c) || go_is_digit(c) || c == '_')
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let name = &body[..len];
    let mut rest = &body[len..];
    if brace {
        rest = rest.strip_prefix('}')?;
    }
    let mut num: Option<usize> = Some(0);
    for c in name.bytes() {
        match num {
            Some(n) if c.is_ascii_digit() && n < 100_000_000 => {
                num = Some(n * 10 + usize::from(c - b'0'));
            }
            _ => {
                num = None;
                break;
            }
        }
    }
    if name.len() > 1 && name.starts_with('0') {
        num = None;
    }
    Some((name, num, rest))
}

/// Go's `regexp.QuoteMeta`.
pub fn quote_meta(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------
// The template functions.

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

fn regex_match(a: &[V]) -> Result<V, String> {
    let s = arg_str(a, 1)?;
    Ok(V::Bool(
        compile(arg_str(a, 0)?).is_ok_and(|re| re.is_match(s)),
    ))
}

fn must_regex_match(a: &[V]) -> Result<V, String> {
    let re = compile(arg_str(a, 0)?)?;
    Ok(V::Bool(re.is_match(arg_str(a, 1)?)))
}

fn regex_find_all(a: &[V]) -> Result<V, String> {
    let re = must_compile(arg_str(a, 0)?)?;
    Ok(V::str_list(re.find_all(arg_str(a, 1)?, arg_int(a, 2)?)))
}

fn must_regex_find_all(a: &[V]) -> Result<V, String> {
    let re = compile(arg_str(a, 0)?)?;
    Ok(V::str_list(re.find_all(arg_str(a, 1)?, arg_int(a, 2)?)))
}

fn regex_find(a: &[V]) -> Result<V, String> {
    let re = must_compile(arg_str(a, 0)?)?;
    Ok(V::str(re.find(arg_str(a, 1)?)))
}

fn must_regex_find(a: &[V]) -> Result<V, String> {
    let re = compile(arg_str(a, 0)?)?;
    Ok(V::str(re.find(arg_str(a, 1)?)))
}

fn regex_replace_all(a: &[V]) -> Result<V, String> {
    let re = must_compile(arg_str(a, 0)?)?;
    Ok(V::str(re.replace_all(
        arg_str(a, 1)?,
        arg_str(a, 2)?,
        false,
    )))
}

fn must_regex_replace_all(a: &[V]) -> Result<V, String> {
    let re = compile(arg_str(a, 0)?)?;
    Ok(V::str(re.replace_all(
        arg_str(a, 1)?,
        arg_str(a, 2)?,
        false,
    )))
}

fn regex_replace_all_literal(a: &[V]) -> Result<V, String> {
    let re = must_compile(arg_str(a, 0)?)?;
    Ok(V::str(re.replace_all(arg_str(a, 1)?, arg_str(a, 2)?, true)))
}

fn must_regex_replace_all_literal(a: &[V]) -> Result<V, String> {
    let re = compile(arg_str(a, 0)?)?;
    Ok(V::str(re.replace_all(arg_str(a, 1)?, arg_str(a, 2)?, true)))
}

fn regex_split(a: &[V]) -> Result<V, String> {
    let re = must_compile(arg_str(a, 0)?)?;
    Ok(V::str_list(re.split(arg_str(a, 1)?, arg_int(a, 2)?)))
}

fn must_regex_split(a: &[V]) -> Result<V, String> {
    let re = compile(arg_str(a, 0)?)?;
    Ok(V::str_list(re.split(arg_str(a, 1)?, arg_int(a, 2)?)))
}

fn regex_quote_meta(a: &[V]) -> Result<V, String> {
    Ok(V::str(quote_meta(arg_str(a, 0)?)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn oracle_regex() {
        t("regexMatch", &[s("^[a-z]+$"), s("hello")], "bool", "true");
        t("regexMatch", &[s("^[a-z]+$"), s("Hello")], "bool", "false");
        t("regexMatch", &[s("\\p{ASCII}"), s("a")], "bool", "true");
        t("regexMatch", &[s("\\p{Ascii}"), s("a")], "bool", "true");
        t("regexMatch", &[s("\\p{greek}"), s("α")], "bool", "true");
        t("regexMatch", &[s("\\p{Greek}"), s("α")], "bool", "true");
        t("regexMatch", &[s("\\p{Letter}"), s("a")], "bool", "true");
        t("regexMatch", &[s("\\p{Cn}"), s("a")], "bool", "false");
        t("regexMatch", &[s("\\p{LC}"), s("a")], "bool", "true");
        t("regexMatch", &[s("\\pL"), s("é")], "bool", "true");
        t("regexMatch", &[s("\\PL"), s("é")], "bool", "false");
        t("regexMatch", &[s("\\p{^L}"), s("1")], "bool", "true");
        t("regexMatch", &[s("\\p{Foo}"), s("a")], "bool", "false");
        e(
            "mustRegexMatch",
            &[s("\\p{Foo}"), s("a")],
            "error parsing regexp: invalid character class range: `\\p{Foo}`",
        );
        e(
            "mustRegexMatch",
            &[s("\\p{Foo"), s("a")],
            "error parsing regexp: invalid character class range: `\\p{Foo`",
        );
        e(
            "mustRegexMatch",
            &[s("\\p"), s("a")],
            "error parsing regexp: invalid character class range: `\\p`",
        );
        t("mustRegexMatch", &[s("\\pZ"), s(" ")], "bool", "true");
        t("regexMatch", &[s("\\d"), s("٣")], "bool", "false");
        t("regexMatch", &[s("\\w"), s("é")], "bool", "false");
        t("regexMatch", &[s("\\s"), s("\u{a0}")], "bool", "false");
        t("regexMatch", &[s("\\s"), s("\u{b}")], "bool", "false");
        t(
            "regexMatch",
            &[s("[[:space:]]"), s("\u{b}")],
            "bool",
            "true",
        );
        t("regexMatch", &[s("\\bé"), s("xé")], "bool", "true");
        t("regexMatch", &[s("a\\b"), s("aé")], "bool", "true");
        t(
            "regexMatch",
            &[s("(?i)straße"), s("STRASSE")],
            "bool",
            "false",
        );
        t("regexMatch", &[s("(?i)k"), s("K")], "bool", "true");
        t("regexMatch", &[s("(?i)[a-z]"), s("ſ")], "bool", "true");
        t("regexMatch", &[s("(?i)\\W"), s("ſ")], "bool", "false");
        t("regexMatch", &[s("x*"), s("")], "bool", "true");
        t(
            "regexMatch",
            &[s("[^\\x00-\\x{10FFFF}]"), s("a")],
            "bool",
            "false",
        );
        t("regexMatch", &[s("^$"), s("")], "bool", "true");
        t("regexMatch", &[s("a$"), s("a\n")], "bool", "false");
        t("regexMatch", &[s("(?m)a$"), s("a\nb")], "bool", "true");
        t("regexMatch", &[s("(?s)a.b"), s("a\nb")], "bool", "true");
        t("regexMatch", &[s("a.b"), s("a\nb")], "bool", "false");
        t("regexMatch", &[s("\\Qa.b\\E"), s("a.b")], "bool", "true");
        t("regexMatch", &[s("\\Qa.b\\E"), s("axb")], "bool", "false");
        t("regexMatch", &[s("\\Qa.b"), s("a.b")], "bool", "true");
        t("regexMatch", &[s("a{,3}"), s("a{,3}")], "bool", "true");
        t("regexMatch", &[s("a{"), s("a{")], "bool", "true");
        t("regexMatch", &[s("a{2}"), s("aa")], "bool", "true");
        t("regexMatch", &[s("x{2,}y"), s("xxxy")], "bool", "true");
        t(
            "regexMatch",
            &[s("\\x41\\x{42}\\101"), s("ABA")],
            "bool",
            "true",
        );
        t("regexMatch", &[s("\\0"), s("\u{0}")], "bool", "true");
        t("regexMatch", &[s("[]a]"), s("]")], "bool", "true");
        t("regexMatch", &[s("[^]a]"), s("b")], "bool", "true");
        t("regexMatch", &[s("[a-]"), s("-")], "bool", "true");
        t("regexMatch", &[s("[\\d-z]"), s("-")], "bool", "true");
        t(
            "regexMatch",
            &[s("[[:alpha:][:digit:]]+"), s("ab12")],
            "bool",
            "true",
        );
        t("regexMatch", &[s("[[:^alpha:]]"), s("1")], "bool", "true");
        t("regexMatch", &[s("[a[b]"), s("[")], "bool", "true");
        t("regexMatch", &[s("[a&&b]"), s("&")], "bool", "true");
        t("regexMatch", &[s("[a~~b]"), s("~")], "bool", "true");
        t("regexMatch", &[s("[a--b]"), s("-")], "bool", "false");
        t("regexMatch", &[s("\\_"), s("_")], "bool", "true");
        t("regexMatch", &[s("(?U)a+"), s("aaa")], "bool", "true");
        t(
            "regexMatch",
            &[s("(?P<x>a)(?<y>b)"), s("ab")],
            "bool",
            "true",
        );
        t("regexMatch", &[s("(?i:A)b"), s("ab")], "bool", "true");
        t("regexMatch", &[s("(?i)(?-i:A)"), s("a")], "bool", "false");
        t("regexMatch", &[s("^*a"), s("a")], "bool", "true");
        t("regexMatch", &[s("\\b*a"), s("a")], "bool", "true");
        t("regexMatch", &[s("(?)a"), s("a")], "bool", "true");
        t("regexMatch", &[s("(?:)"), s("a")], "bool", "true");
        t("regexMatch", &[s("()"), s("a")], "bool", "true");
        t("regexMatch", &[s("a||b"), s("c")], "bool", "true");
        t("regexMatch", &[s("|"), s("c")], "bool", "true");
        t("regexMatch", &[s("#a"), s("#a")], "bool", "true");
        t("regexMatch", &[s(" a"), s(" a")], "bool", "true");
        t(
            "regexMatch",
            &[s("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)\\1"), s("x")],
            "bool",
            "false",
        );
        e(
            "mustRegexMatch",
            &[s("(abc"), s("x")],
            "error parsing regexp: missing closing ): `(abc`",
        );
        e(
            "mustRegexMatch",
            &[s("abc)"), s("x")],
            "error parsing regexp: unexpected ): `abc)`",
        );
        e(
            "mustRegexMatch",
            &[s("a**"), s("x")],
            "error parsing regexp: invalid nested repetition operator: `**`",
        );
        e(
            "mustRegexMatch",
            &[s("a*+"), s("x")],
            "error parsing regexp: invalid nested repetition operator: `*+`",
        );
        e(
            "mustRegexMatch",
            &[s("a+?*"), s("x")],
            "error parsing regexp: invalid nested repetition operator: `+?*`",
        );
        e(
            "mustRegexMatch",
            &[s("a{2}{3}"), s("x")],
            "error parsing regexp: invalid nested repetition operator: `{2}{3}`",
        );
        e(
            "mustRegexMatch",
            &[s("*a"), s("x")],
            "error parsing regexp: missing argument to repetition operator: `*`",
        );
        e(
            "mustRegexMatch",
            &[s("(*a)"), s("x")],
            "error parsing regexp: missing argument to repetition operator: `*`",
        );
        e(
            "mustRegexMatch",
            &[s("a|*"), s("x")],
            "error parsing regexp: missing argument to repetition operator: `*`",
        );
        e(
            "mustRegexMatch",
            &[s("a{1001}"), s("x")],
            "error parsing regexp: invalid repeat count: `{1001}`",
        );
        e(
            "mustRegexMatch",
            &[s("a{2,1}"), s("x")],
            "error parsing regexp: invalid repeat count: `{2,1}`",
        );
        e(
            "mustRegexMatch",
            &[s("(a{500}){3}"), s("x")],
            "error parsing regexp: invalid repeat count: `{3}`",
        );
        t(
            "mustRegexMatch",
            &[s("(a{10}){100}"), s("x")],
            "bool",
            "false",
        );
        e(
            "mustRegexMatch",
            &[s("[a"), s("x")],
            "error parsing regexp: missing closing ]: `[a`",
        );
        e(
            "mustRegexMatch",
            &[s("[]"), s("x")],
            "error parsing regexp: missing closing ]: `[]`",
        );
        e(
            "mustRegexMatch",
            &[s("[z-a]"), s("x")],
            "error parsing regexp: invalid character class range: `z-a`",
        );
        e(
            "mustRegexMatch",
            &[s("[[:foo:]]"), s("x")],
            "error parsing regexp: invalid character class range: `[:foo:]`",
        );
        e(
            "mustRegexMatch",
            &[s("\\1"), s("x")],
            "error parsing regexp: invalid escape sequence: `\\1`",
        );
        e(
            "mustRegexMatch",
            &[s("\\8"), s("x")],
            "error parsing regexp: invalid escape sequence: `\\8`",
        );
        e(
            "mustRegexMatch",
            &[s("\\q"), s("x")],
            "error parsing regexp: invalid escape sequence: `\\q`",
        );
        e(
            "mustRegexMatch",
            &[s("\\Z"), s("x")],
            "error parsing regexp: invalid escape sequence: `\\Z`",
        );
        e(
            "mustRegexMatch",
            &[s("\\C"), s("x")],
            "error parsing regexp: invalid escape sequence: `\\C`",
        );
        e(
            "mustRegexMatch",
            &[s("a\\"), s("x")],
            "error parsing regexp: trailing backslash at end of expression: ``",
        );
        e(
            "mustRegexMatch",
            &[s("\\x"), s("x")],
            "error parsing regexp: invalid escape sequence: `\\x`",
        );
        e(
            "mustRegexMatch",
            &[s("\\xZ1"), s("x")],
            "error parsing regexp: invalid escape sequence: `\\xZ1`",
        );
        e(
            "mustRegexMatch",
            &[s("\\x{}"), s("x")],
            "error parsing regexp: invalid escape sequence: `\\x{}`",
        );
        e(
            "mustRegexMatch",
            &[s("\\x{110000}"), s("x")],
            "error parsing regexp: invalid escape sequence: `\\x{110000`",
        );
        e(
            "mustRegexMatch",
            &[s("(?x)a"), s("x")],
            "error parsing regexp: invalid or unsupported Perl syntax: `(?x`",
        );
        e(
            "mustRegexMatch",
            &[s("(?i-)a"), s("x")],
            "error parsing regexp: invalid or unsupported Perl syntax: `(?i-)`",
        );
        e(
            "mustRegexMatch",
            &[s("(?-)a"), s("x")],
            "error parsing regexp: invalid or unsupported Perl syntax: `(?-)`",
        );
        e(
            "mustRegexMatch",
            &[s("(?P<>a)"), s("x")],
            "error parsing regexp: invalid named capture: `(?P<>`",
        );
        e(
            "mustRegexMatch",
            &[s("(?P<a-b>a)"), s("x")],
            "error parsing regexp: invalid named capture: `(?P<a-b>`",
        );
        e(
            "mustRegexMatch",
            &[s("(?P<name"), s("x")],
            "error parsing regexp: invalid named capture: `(?P<name`",
        );
        t(
            "mustRegexMatch",
            &[s("(?<n>a)(?<n>b)"), s("ab")],
            "bool",
            "true",
        );
        e(
            "mustRegexMatch",
            &[s("(?P=n)"), s("x")],
            "error parsing regexp: invalid or unsupported Perl syntax: `(?P`",
        );
        e(
            "mustRegexMatch",
            &[s("(?=a)"), s("x")],
            "error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
        );
        e(
            "mustRegexMatch",
            &[s("(?'n'a)"), s("x")],
            "error parsing regexp: invalid or unsupported Perl syntax: `(?'`",
        );
        e(
            "mustRegexMatch",
            &[s("[\\b]"), s("x")],
            "error parsing regexp: invalid escape sequence: `\\b`",
        );
        t("mustRegexMatch", &[s("\\pN"), s("1")], "bool", "true");
        t("regexMatch", &[s("("), s("x")], "bool", "false");
        c("regexFind", &[s("a+"), s("baaac")], "aaa");
        c("regexFind", &[s("x"), s("abc")], "");
        e(
            "regexFind",
            &[s("("), s("abc")],
            "regexp: Compile(`(`): error parsing regexp: missing closing ): `(`",
        );
        e(
            "mustRegexFind",
            &[s("["), s("abc")],
            "error parsing regexp: missing closing ]: `[`",
        );
        c("regexFind", &[s("(?i)É"), s("é")], "é");
        t(
            "regexFindAll",
            &[s("a."), s("abacad"), V::Int(-1)],
            "[]string",
            "[ab ac ad]",
        );
        t(
            "regexFindAll",
            &[s("a."), s("abacad"), V::Int(2)],
            "[]string",
            "[ab ac]",
        );
        t(
            "regexFindAll",
            &[s("a."), s("abacad"), V::Int(0)],
            "[]string",
            "[]",
        );
        t(
            "regexFindAll",
            &[s("x"), s("abc"), V::Int(-1)],
            "[]string",
            "[]",
        );
        t(
            "regexFindAll",
            &[s("a*"), s("baaab"), V::Int(-1)],
            "[]string",
            "[ aaa ]",
        );
        t(
            "regexFindAll",
            &[s(""), s("abc"), V::Int(-1)],
            "[]string",
            "[   ]",
        );
        t(
            "regexFindAll",
            &[s(""), s("日本"), V::Int(-1)],
            "[]string",
            "[  ]",
        );
        t(
            "regexFindAll",
            &[s("\\b"), s("ab cd"), V::Int(-1)],
            "[]string",
            "[   ]",
        );
        t(
            "regexFindAll",
            &[s("a|"), s("aab"), V::Int(-1)],
            "[]string",
            "[a a ]",
        );
        e(
            "regexFindAll",
            &[s("("), s("abc"), V::Int(-1)],
            "regexp: Compile(`(`): error parsing regexp: missing closing ): `(`",
        );
        e(
            "mustRegexFindAll",
            &[s("("), s("abc"), V::Int(-1)],
            "error parsing regexp: missing closing ): `(`",
        );
        c(
            "regexReplaceAll",
            &[s("a(x*)b"), s("-ab-axxb-"), s("${1}W")],
            "-W-xxW-",
        );
        c(
            "regexReplaceAll",
            &[s("a(x*)b"), s("-ab-axxb-"), s("$1W")],
            "---",
        );
        c(
            "regexReplaceAll",
            &[s("a(x*)b"), s("-ab-axxb-"), s("$1")],
            "--xx-",
        );
        c(
            "regexReplaceAll",
            &[s("a(?P<n>x*)b"), s("-ab-axxb-"), s("<$n>")],
            "-<>-<xx>-",
        );
        c(
            "regexReplaceAll",
            &[s("a(?P<n>x*)b"), s("-ab-axxb-"), s("<${n}>")],
            "-<>-<xx>-",
        );
        c(
            "regexReplaceAll",
            &[s("a(x*)b"), s("-ab-axxb-"), s("$$1")],
            "-$1-$1-",
        );
        c(
            "regexReplaceAll",
            &[s("a(x*)b"), s("-ab-axxb-"), s("$")],
            "-$-$-",
        );
        c(
            "regexReplaceAll",
            &[s("a(x*)b"), s("-ab-axxb-"), s("${1")],
            "-${1-${1-",
        );
        c(
            "regexReplaceAll",
            &[s("a(x*)b"), s("-ab-axxb-"), s("$2|$0|$01|$00")],
            "-|ab||-|axxb||-",
        );
        c(
            "regexReplaceAll",
            &[s("a(x*)b"), s("-ab-axxb-"), s("${}")],
            "-${}-${}-",
        );
        c(
            "regexReplaceAll",
            &[s("a(x*)b"), s("-ab-axxb-"), s("$é")],
            "---",
        );
        c(
            "regexReplaceAll",
            &[
                s("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)"),
                s("abcdefghijk"),
                s("$11$10$1a"),
            ],
            "kj",
        );
        c("regexReplaceAll", &[s("x*"), s("abc"), s("-")], "-a-b-c-");
        c("regexReplaceAll", &[s("a*"), s("baaac"), s("-")], "-b-c-");
        c("regexReplaceAll", &[s(""), s("日本"), s("-")], "-日-本-");
        c("regexReplaceAll", &[s("b*"), s("abc"), s("X")], "XaXcX");
        e(
            "regexReplaceAll",
            &[s("("), s("abc"), s("x")],
            "regexp: Compile(`(`): error parsing regexp: missing closing ): `(`",
        );
        e(
            "mustRegexReplaceAll",
            &[s("("), s("abc"), s("x")],
            "error parsing regexp: missing closing ): `(`",
        );
        c(
            "regexReplaceAll",
            &[s("(?P<a>x)(?P<a>y)"), s("xy"), s("[$a]")],
            "[x]",
        );
        c(
            "regexReplaceAllLiteral",
            &[s("a(x*)b"), s("-ab-axxb-"), s("${1}")],
            "-${1}-${1}-",
        );
        c(
            "regexReplaceAllLiteral",
            &[s("x*"), s("abc"), s("$")],
            "$a$b$c$",
        );
        e(
            "regexReplaceAllLiteral",
            &[s("("), s("abc"), s("x")],
            "regexp: Compile(`(`): error parsing regexp: missing closing ): `(`",
        );
        e(
            "mustRegexReplaceAllLiteral",
            &[s("("), s("abc"), s("x")],
            "error parsing regexp: missing closing ): `(`",
        );
        c(
            "mustRegexReplaceAllLiteral",
            &[s("a"), s("banana"), s("o")],
            "bonono",
        );
        t(
            "regexSplit",
            &[s("z+"), s("pizza"), V::Int(-1)],
            "[]string",
            "[pi a]",
        );
        t(
            "regexSplit",
            &[s("z+"), s("pizza"), V::Int(0)],
            "[]string",
            "[]",
        );
        t(
            "regexSplit",
            &[s("z+"), s("pizza"), V::Int(1)],
            "[]string",
            "[pizza]",
        );
        t(
            "regexSplit",
            &[s("z+"), s("pizza"), V::Int(2)],
            "[]string",
            "[pi a]",
        );
        t(
            "regexSplit",
            &[s("a"), s("banana"), V::Int(-1)],
            "[]string",
            "[b n n ]",
        );
        t(
            "regexSplit",
            &[s("a"), s("banana"), V::Int(2)],
            "[]string",
            "[b nana]",
        );
        t(
            "regexSplit",
            &[s(""), s("abc"), V::Int(-1)],
            "[]string",
            "[a b c]",
        );
        t(
            "regexSplit",
            &[s(""), s("abc"), V::Int(2)],
            "[]string",
            "[a bc]",
        );
        t(
            "regexSplit",
            &[s("x*"), s("axbxc"), V::Int(-1)],
            "[]string",
            "[a b c]",
        );
        t("regexSplit", &[s("a"), s(""), V::Int(-1)], "[]string", "[]");
        t("regexSplit", &[s(""), s(""), V::Int(-1)], "[]string", "[]");
        t(
            "regexSplit",
            &[s("a$"), s("ba"), V::Int(-1)],
            "[]string",
            "[b ]",
        );
        t(
            "regexSplit",
            &[s("^a"), s("ab"), V::Int(-1)],
            "[]string",
            "[ b]",
        );
        e(
            "regexSplit",
            &[s("("), s("abc"), V::Int(-1)],
            "regexp: Compile(`(`): error parsing regexp: missing closing ): `(`",
        );
        e(
            "mustRegexSplit",
            &[s("("), s("abc"), V::Int(-1)],
            "error parsing regexp: missing closing ): `(`",
        );
        t(
            "mustRegexSplit",
            &[s(","), s("a,b,c"), V::Int(-1)],
            "[]string",
            "[a b c]",
        );
        c(
            "regexQuoteMeta",
            &[s("1.2.3+[x]{y}(z)|^$*?\\ é-")],
            "1\\.2\\.3\\+\\[x\\]\\{y\\}\\(z\\)\\|\\^\\$\\*\\?\\\\ é-",
        );
        c("regexQuoteMeta", &[s("")], "");
        e(
            "regexFind",
            &[s("a`b("), s("x")],
            "regexp: Compile(\"a`b(\"): error parsing regexp: missing closing ): `a`b(`",
        );
        e(
            "regexFind",
            &[s("\t("), s("x")],
            "regexp: Compile(`\t(`): error parsing regexp: missing closing ): `\t(`",
        );
        e(
            "regexFind",
            &[s("\n("), s("x")],
            "regexp: Compile(\"\\n(\"): error parsing regexp: missing closing ): `\n(`",
        );
        e(
            "regexFind",
            &[s("é("), s("x")],
            "regexp: Compile(`é(`): error parsing regexp: missing closing ): `é(`",
        );
        e(
            "mustRegexMatch",
            &[s("\\p{Old_Italic}"), s("a")],
            "error parsing regexp: invalid character class range: `\\p{Old_Italic}`",
        );
        e(
            "mustRegexMatch",
            &[s("\\p{OldItalic}"), s("a")],
            "error parsing regexp: invalid character class range: `\\p{OldItalic}`",
        );
        e(
            "mustRegexMatch",
            &[s("\\p{SignWriting}"), s("a")],
            "error parsing regexp: invalid character class range: `\\p{SignWriting}`",
        );
        t(
            "mustRegexMatch",
            &[s("\\p{Uppercase_Letter}"), s("a")],
            "bool",
            "false",
        );
        t("mustRegexMatch", &[s("\\p{lu}"), s("A")], "bool", "true");
        e(
            "mustRegexMatch",
            &[s("\\p{Latn}"), s("a")],
            "error parsing regexp: invalid character class range: `\\p{Latn}`",
        );
        e(
            "mustRegexMatch",
            &[s("\\p{Alphabetic}"), s("a")],
            "error parsing regexp: invalid character class range: `\\p{Alphabetic}`",
        );
        finish();
    }

    #[test]
    fn oracle_regex_edge_cases() {
        t("regexMatch", &[s("(?i)[^a]"), s("A")], "bool", "false");
        c("regexFind", &[s("[\\p{Greek}\\d]+"), s("xαβ12y")], "αβ12");
        c("regexFind", &[s("(?U)a+"), s("aaa")], "a");
        c("regexFind", &[s("(?U)a+?"), s("aaa")], "aaa");
        t(
            "regexFindAll",
            &[s("(?m)^\\w+"), s("ab cd\nef gh\n"), V::Int(-1)],
            "[]string",
            "[ab ef]",
        );
        c(
            "regexReplaceAll",
            &[s("(?m)^"), s("a\nb"), s("> ")],
            "> a\n> b",
        );
        c("regexFind", &[s("\\pN+"), s("x١٢3y")], "١٢3");
        c("regexFind", &[s("[[:word:]]+"), s("--a_b1--")], "a_b1");
        c("regexFind", &[s("\\x{1F600}"), s("a😀b")], "😀");
        c(
            "regexReplaceAll",
            &[s("(a)|b"), s("ab"), s("[$1]")],
            "[a][]",
        );
        t(
            "regexSplit",
            &[s(""), s("日本"), V::Int(-1)],
            "[]string",
            "[日 本]",
        );
        t(
            "regexFindAll",
            &[s("(?i)é"), s("ÉéE"), V::Int(-1)],
            "[]string",
            "[É é]",
        );
        t("regexMatch", &[s("^\\p{Han}+$"), s("漢字")], "bool", "true");
        t("regexMatch", &[s("[\\p{^L}]"), s("1")], "bool", "true");
        t("regexMatch", &[s("(?i)\\p{Lu}"), s("a")], "bool", "true");
        t("regexMatch", &[s("\\p{Assigned}"), s("a")], "bool", "true");
        t("regexMatch", &[s("\\p{Any}"), s("\n")], "bool", "true");
        t("regexMatch", &[s("(?s:.)"), s("\n")], "bool", "true");
        t("regexMatch", &[s("(?i)ǅ"), s("ǆ")], "bool", "true");
        t("regexMatch", &[s("(?i)ß"), s("ẞ")], "bool", "true");
        c("regexFind", &[s("a{0}b"), s("ab")], "b");
        c(
            "regexReplaceAll",
            &[s("(\\w+)@(\\w+)\\.com"), s("x@y.com z@w.com"), s("$2:$1")],
            "y:x w:z",
        );
        t("mustRegexMatch", &[s("a{1000}"), s("x")], "bool", "false");
        t("mustRegexMatch", &[s("(?ii)a"), s("A")], "bool", "true");
        t("mustRegexMatch", &[s("(?i-i)a"), s("A")], "bool", "false");
        t(
            "mustRegexMatch",
            &[s("(?P<n>a)(?P<n>b)"), s("ab")],
            "bool",
            "true",
        );
        c("regexFind", &[s("x{2}{,3}"), s("xx{,3}")], "xx{,3}");
        c("regexFind", &[s("a*?"), s("aaa")], "");
        c("regexFind", &[s("a+?b"), s("aaab")], "aaab");
        t(
            "mustRegexMatch",
            &[s("((a{10}){10}){10}"), s("x")],
            "bool",
            "false",
        );
        e(
            "mustRegexMatch",
            &[s("((a{10}){10}){11}"), s("x")],
            "error parsing regexp: invalid repeat count: `{11}`",
        );
        e(
            "mustRegexMatch",
            &[s("(a*){1001}"), s("x")],
            "error parsing regexp: invalid repeat count: `{1001}`",
        );
        t(
            "mustRegexMatch",
            &[s("((a{2}){0}){1000}"), s("x")],
            "bool",
            "true",
        );
        e(
            "mustRegexMatch",
            &[s("\\Q\\E*"), s("x")],
            "error parsing regexp: missing argument to repetition operator: `*`",
        );
        t("mustRegexMatch", &[s("a\\Q\\E*"), s("x")], "bool", "true");
        e(
            "mustRegexMatch",
            &[s("x*?*"), s("x")],
            "error parsing regexp: invalid nested repetition operator: `*?*`",
        );
        e(
            "mustRegexMatch",
            &[s("(?i)*"), s("x")],
            "error parsing regexp: missing argument to repetition operator: `*`",
        );
        e(
            "mustRegexMatch",
            &[s("[a-\\d]"), s("x")],
            "error parsing regexp: invalid escape sequence: `\\d`",
        );
        e(
            "mustRegexMatch",
            &[s("(((("), s("x")],
            "error parsing regexp: missing closing ): `((((`",
        );
        t("mustRegexMatch", &[s("a{2"), s("a{2")], "bool", "true");
        t("mustRegexMatch", &[s("a{2,3"), s("a{2,3")], "bool", "true");
        t("mustRegexMatch", &[s("a{01}"), s("a{01}")], "bool", "true");
        e(
            "mustRegexMatch",
            &[s("a{99999999999}"), s("x")],
            "error parsing regexp: invalid repeat count: `{99999999999}`",
        );
        e(
            "mustRegexMatch",
            &[s("[[:alpha:]"), s("x")],
            "error parsing regexp: missing closing ]: `[[:alpha:]`",
        );
        e(
            "mustRegexMatch",
            &[s("[[:alpha"), s("[")],
            "error parsing regexp: missing closing ]: `[[:alpha`",
        );
        e(
            "mustRegexMatch",
            &[s("\\p{Greek"), s("x")],
            "error parsing regexp: invalid character class range: `\\p{Greek`",
        );
        t(
            "mustRegexMatch",
            &[s("(?i)\\Q*\\E"), s("*")],
            "bool",
            "true",
        );
        c(
            "regexReplaceAll",
            &[s("é"), s("aéb"), s("${0}${0}")],
            "aééb",
        );
        c(
            "regexReplaceAll",
            &[
                s("(?P<first>\\w+) (?P<last>\\w+)"),
                s("John Smith"),
                s("${last}, ${first}"),
            ],
            "Smith, John",
        );
        c("regexReplaceAll", &[s("(?P<x>a)"), s("a"), s("$x1")], "");
        t(
            "regexFindAll",
            &[s("."), s("日本語"), V::Int(2)],
            "[]string",
            "[日 本]",
        );
        t(
            "regexSplit",
            &[s("\\s+"), s("  a  b  "), V::Int(-1)],
            "[]string",
            "[ a b ]",
        );
        t(
            "regexSplit",
            &[s(","), s("a,b,c"), V::Int(5)],
            "[]string",
            "[a b c]",
        );
        t(
            "regexSplit",
            &[s(","), s("a,b,c"), V::Int(-5)],
            "[]string",
            "[a b c]",
        );
        c("regexQuoteMeta", &[s("[日本]")], "\\[日本\\]");
        finish();
    }
}
