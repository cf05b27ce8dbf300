//! Tokenizer for Go `text/template` source.
//!
//! The lexer is pull based: [`Lexer::next_item`] scans just enough input to
//! produce the next [`Item`]. Items borrow their text from the source, so
//! lexing allocates only for error messages.
//!
//! Behaviour follows Go's `text/template/parse` lexer (Go 1.22+): trim
//! markers (`{{- ` and ` -}}`, where the space may be any of space, tab, CR,
//! LF), comments (`{{/* ... */}}`), newlines inside actions, the `=`/`:=`
//! tokens, `break`/`continue` keywords (unless a function of that name
//! exists), Go number syntax (hex/octal/binary prefixes, `_` separators,
//! hex floats, imaginary and complex constants) and Go's error messages.
//!
//! This module also hosts the Go literal helpers shared by the parser and
//! the AST printer: [`go_quote`] (`strconv.Quote` / `%q`), [`unquote`]
//! (`strconv.Unquote`), [`unquote_char`] (`strconv.UnquoteChar`) and
//! [`is_print`] (`strconv.IsPrint`).

use std::borrow::Cow;
use std::fmt;

/// Default left action delimiter.
pub const DEFAULT_LEFT_DELIM: &str = "{{";
/// Default right action delimiter.
pub const DEFAULT_RIGHT_DELIM: &str = "}}";

const LEFT_COMMENT: &str = "/*";
const RIGHT_COMMENT: &str = "*/";
/// A trim marker is a `-` plus one space character (before or after it).
const TRIM_MARKER_LEN: usize = 2;

/// The kind of a lexical item, mirroring Go's `itemType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// An error occurred; the value is the message.
    Error,
    /// `true` or `false`.
    Bool,
    /// A printable ASCII character not otherwise classified (e.g. `,`).
    Char,
    /// A character constant such as `'a'` (quotes included).
    CharConstant,
    /// A comment, `/* ... */` (only emitted when requested).
    Comment,
    /// A complex constant such as `1+2i`.
    Complex,
    /// `=`, introducing an assignment.
    Assign,
    /// `:=`, introducing a declaration.
    Declare,
    /// End of input.
    Eof,
    /// An identifier starting with `.`, e.g. `.Values`.
    Field,
    /// An identifier not starting with `.` (a function name).
    Identifier,
    /// The left action delimiter.
    LeftDelim,
    /// `(` inside an action.
    LeftParen,
    /// A number (including imaginary numbers such as `4i`).
    Number,
    /// `|`.
    Pipe,
    /// A raw string, backquotes included.
    RawString,
    /// The right action delimiter.
    RightDelim,
    /// `)` inside an action.
    RightParen,
    /// A run of spaces (space, tab, CR, LF) inside an action.
    Space,
    /// An interpreted string, double quotes included.
    String,
    /// Plain text outside actions.
    Text,
    /// A variable: `$`, `$x`, `$1`.
    Variable,
    // Keywords.
    /// `block`
    Block,
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `.` (the cursor)
    Dot,
    /// `define`
    Define,
    /// `else`
    Else,
    /// `end`
    End,
    /// `if`
    If,
    /// `nil`
    Nil,
    /// `range`
    Range,
    /// `template`
    Template,
    /// `with`
    With,
}

impl ItemKind {
    /// Whether this kind is one of the keywords (Go's `typ > itemKeyword`).
    pub fn is_keyword(self) -> bool {
        use ItemKind::*;
        matches!(
            self,
            Block
                | Break
                | Continue
                | Dot
                | Define
                | Else
                | End
                | If
                | Nil
                | Range
                | Template
                | With
        )
    }

    fn keyword(word: &str) -> Option<ItemKind> {
        use ItemKind::*;
        Some(match word {
            "." => Dot,
            "block" => Block,
            "break" => Break,
            "continue" => Continue,
            "define" => Define,
            "else" => Else,
            "end" => End,
            "if" => If,
            "nil" => Nil,
            "range" => Range,
            "template" => Template,
            "with" => With,
            _ => return None,
        })
    }
}

/// A token or text run produced by the lexer.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<'a> {
    /// What kind of item this is.
    pub kind: ItemKind,
    /// Byte offset of the item's start in the source.
    pub pos: usize,
    /// The item's text (a slice of the source), or the message for errors.
    pub val: Cow<'a, str>,
    /// 1-based line number of the item's start.
    pub line: usize,
}

impl fmt::Display for Item<'_> {
    /// Formats like Go's `item.String()`, used in parse error messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ItemKind::Eof => f.write_str("EOF"),
            ItemKind::Error => f.write_str(&self.val),
            k if k.is_keyword() => write!(f, "<{}>", self.val),
            _ if self.val.len() > 10 => {
                // `%.10q...`: the first ten characters, quoted.
                let cut = self
                    .val
                    .char_indices()
                    .nth(10)
                    .map_or(self.val.len(), |(i, _)| i);
                write!(f, "{}...", go_quote(&self.val[..cut]))
            }
            _ => f.write_str(&go_quote(&self.val)),
        }
    }
}

/// Lexer switches, mirroring Go's `lexOptions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexOptions {
    /// Emit [`ItemKind::Comment`] items (otherwise comments are skipped).
    pub emit_comment: bool,
    /// `break` is a keyword (false when a function named `break` exists).
    pub break_ok: bool,
    /// `continue` is a keyword (false when a function named `continue` exists).
    pub continue_ok: bool,
}

impl Default for LexOptions {
    fn default() -> Self {
        LexOptions {
            emit_comment: false,
            break_ok: true,
            continue_ok: true,
        }
    }
}

/// Internal lexer states; each step either emits an item or moves on.
#[derive(Debug, Clone, Copy)]
enum State {
    Text,
    LeftDelim,
    Comment,
    RightDelim,
    InsideAction,
    Space,
    Identifier,
    Field,
    Variable,
    CharConst,
    Number,
    Quote,
    RawQuote,
}

enum Step<'a> {
    Emit(Item<'a>),
    Go(State),
}

/// The template tokenizer.
#[derive(Debug, Clone)]
pub struct Lexer<'a> {
    input: &'a str,
    left: &'a str,
    right: &'a str,
    options: LexOptions,
    /// Current scan position.
    pos: usize,
    /// Start of the pending item.
    start: usize,
    paren_depth: i64,
    inside_action: bool,
    /// Set once an error was reported: every later call yields EOF.
    failed_line: Option<usize>,
    /// Incremental line counting: `line` is the line at byte `line_pos`.
    line_pos: usize,
    line: usize,
}

impl<'a> Lexer<'a> {
    /// Creates a lexer. Empty delimiters select the defaults `{{` / `}}`.
    pub fn new(input: &'a str, left: &'a str, right: &'a str, options: LexOptions) -> Self {
        Lexer {
            input,
            left: if left.is_empty() {
                DEFAULT_LEFT_DELIM
            } else {
                left
            },
            right: if right.is_empty() {
                DEFAULT_RIGHT_DELIM
            } else {
                right
            },
            options,
            pos: 0,
            start: 0,
            paren_depth: 0,
            inside_action: false,
            failed_line: None,
            line_pos: 0,
            line: 1,
        }
    }

    /// Returns the next item. After [`ItemKind::Eof`] or an
    /// [`ItemKind::Error`] item, every further call returns EOF.
    pub fn next_item(&mut self) -> Item<'a> {
        if let Some(line) = self.failed_line {
            return Item {
                kind: ItemKind::Eof,
                pos: 0,
                val: Cow::Borrowed(""),
                line,
            };
        }
        let mut state = if self.inside_action {
            State::InsideAction
        } else {
            State::Text
        };
        loop {
            let step = match state {
                State::Text => self.lex_text(),
                State::LeftDelim => self.lex_left_delim(),
                State::Comment => self.lex_comment(),
                State::RightDelim => self.lex_right_delim(),
                State::InsideAction => self.lex_inside_action(),
                State::Space => self.lex_space(),
                State::Identifier => self.lex_identifier(),
                State::Field => self.lex_field_or_variable(ItemKind::Field),
                State::Variable => self.lex_variable(),
                State::CharConst => self.lex_char(),
                State::Number => self.lex_number(),
                State::Quote => self.lex_quote(),
                State::RawQuote => self.lex_raw_quote(),
            };
            match step {
                Step::Emit(item) => return item,
                Step::Go(next) => state = next,
            }
        }
    }

    // ---- low-level helpers -------------------------------------------------

    fn rest(&self) -> &'a str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Line number at byte offset `pos`. Offsets are requested in
    /// non-decreasing order, so counting is linear overall.
    fn line_at(&mut self, pos: usize) -> usize {
        if pos < self.line_pos {
            self.line_pos = 0;
            self.line = 1;
        }
        let end = pos.min(self.input.len());
        if end > self.line_pos {
            let bytes = &self.input.as_bytes()[self.line_pos..end];
            self.line += bytes.iter().filter(|&&b| b == b'\n').count();
            self.line_pos = end;
        }
        self.line
    }

    /// Builds the item spanning `start..pos` and starts a new one.
    fn this_item(&mut self, kind: ItemKind) -> Item<'a> {
        let start = self.start;
        let line = self.line_at(start);
        let val = self.input.get(start..self.pos).unwrap_or("");
        self.start = self.pos;
        Item {
            kind,
            pos: start,
            val: Cow::Borrowed(val),
            line,
        }
    }

    fn emit(&mut self, kind: ItemKind) -> Step<'a> {
        Step::Emit(self.this_item(kind))
    }

    fn ignore(&mut self) {
        self.start = self.pos;
    }

    fn error(&mut self, msg: String) -> Step<'a> {
        let line = self.line_at(self.start);
        self.failed_line = Some(line);
        Step::Emit(Item {
            kind: ItemKind::Error,
            pos: self.start,
            val: Cow::Owned(msg),
            line,
        })
    }

    /// Whether the input is at the right delimiter, possibly preceded by a
    /// trim marker. Returns (at delimiter, with trim marker).
    fn at_right_delim(&self) -> (bool, bool) {
        let rest = self.rest();
        if has_right_trim_marker(rest)
            && rest
                .get(TRIM_MARKER_LEN..)
                .is_some_and(|r| r.starts_with(self.right))
        {
            return (true, true);
        }
        (rest.starts_with(self.right), false)
    }

    /// Whether the next character may follow an identifier.
    fn at_terminator(&self) -> bool {
        match self.peek() {
            None => true,
            Some(c) if is_space(c) => true,
            Some('.' | ',' | '|' | ':' | ')' | '(') => true,
            Some(_) => self.rest().starts_with(self.right),
        }
    }

    // ---- states ------------------------------------------------------------

    fn lex_text(&mut self) -> Step<'a> {
        let rest = self.rest();
        match rest.find(self.left) {
            Some(x) => {
                if x > 0 {
                    self.pos += x;
                    let delim_end = self.pos + self.left.len();
                    let trim = if has_left_trim_marker(self.input.get(delim_end..).unwrap_or("")) {
                        right_trim_len(self.input.get(self.start..self.pos).unwrap_or(""))
                    } else {
                        0
                    };
                    let text_end = self.pos - trim;
                    let start = self.start;
                    let line = self.line_at(start);
                    let val = self.input.get(start..text_end).unwrap_or("");
                    self.ignore();
                    if !val.is_empty() {
                        return Step::Emit(Item {
                            kind: ItemKind::Text,
                            pos: start,
                            val: Cow::Borrowed(val),
                            line,
                        });
                    }
                }
                Step::Go(State::LeftDelim)
            }
            None => {
                self.pos = self.input.len();
                if self.pos > self.start {
                    self.emit(ItemKind::Text)
                } else {
                    self.emit(ItemKind::Eof)
                }
            }
        }
    }

    fn lex_left_delim(&mut self) -> Step<'a> {
        self.pos += self.left.len();
        let after_marker = if has_left_trim_marker(self.rest()) {
            TRIM_MARKER_LEN
        } else {
            0
        };
        let is_comment = self
            .input
            .get(self.pos + after_marker..)
            .is_some_and(|r| r.starts_with(LEFT_COMMENT));
        if is_comment {
            self.pos += after_marker;
            self.ignore();
            return Step::Go(State::Comment);
        }
        let item = self.this_item(ItemKind::LeftDelim);
        self.inside_action = true;
        self.pos += after_marker;
        self.ignore();
        self.paren_depth = 0;
        Step::Emit(item)
    }

    fn lex_comment(&mut self) -> Step<'a> {
        self.pos += LEFT_COMMENT.len();
        match self.rest().find(RIGHT_COMMENT) {
            None => return self.error("unclosed comment".into()),
            Some(x) => self.pos += x + RIGHT_COMMENT.len(),
        }
        let (delim, trim) = self.at_right_delim();
        if !delim {
            return self.error("comment ends before closing delimiter".into());
        }
        let item = self.this_item(ItemKind::Comment);
        if trim {
            self.pos += TRIM_MARKER_LEN;
        }
        self.pos += self.right.len();
        if trim {
            self.pos += left_trim_len(self.rest());
        }
        self.ignore();
        if self.options.emit_comment {
            Step::Emit(item)
        } else {
            Step::Go(State::Text)
        }
    }

    fn lex_right_delim(&mut self) -> Step<'a> {
        let (_, trim) = self.at_right_delim();
        if trim {
            self.pos += TRIM_MARKER_LEN;
            self.ignore();
        }
        self.pos += self.right.len();
        let item = self.this_item(ItemKind::RightDelim);
        if trim {
            self.pos += left_trim_len(self.rest());
            self.ignore();
        }
        self.inside_action = false;
        Step::Emit(item)
    }

    fn lex_inside_action(&mut self) -> Step<'a> {
        let (delim, _) = self.at_right_delim();
        if delim {
            if self.paren_depth == 0 {
                return Step::Go(State::RightDelim);
            }
            return self.error("unclosed left paren".into());
        }
        let Some(c) = self.bump() else {
            return self.error("unclosed action".into());
        };
        match c {
            c if is_space(c) => {
                // Put the space back: it may start a " -}}" delimiter.
                self.pos -= c.len_utf8();
                Step::Go(State::Space)
            }
            '=' => self.emit(ItemKind::Assign),
            ':' => {
                if self.bump() != Some('=') {
                    return self.error("expected :=".into());
                }
                self.emit(ItemKind::Declare)
            }
            '|' => self.emit(ItemKind::Pipe),
            '"' => Step::Go(State::Quote),
            '`' => Step::Go(State::RawQuote),
            '$' => Step::Go(State::Variable),
            '\'' => Step::Go(State::CharConst),
            '.' => {
                // ".field" unless a digit follows (".5" is a number).
                match self.input.as_bytes().get(self.pos) {
                    Some(b) if !b.is_ascii_digit() => Step::Go(State::Field),
                    _ => {
                        self.pos -= 1;
                        Step::Go(State::Number)
                    }
                }
            }
            '+' | '-' | '0'..='9' => {
                self.pos -= 1;
                Step::Go(State::Number)
            }
            c if is_alphanumeric(c) => {
                self.pos -= c.len_utf8();
                Step::Go(State::Identifier)
            }
            '(' => {
                self.paren_depth += 1;
                self.emit(ItemKind::LeftParen)
            }
            ')' => {
                self.paren_depth -= 1;
                if self.paren_depth < 0 {
                    return self.error("unexpected right paren".into());
                }
                self.emit(ItemKind::RightParen)
            }
            c if c.is_ascii() && is_print(c) => self.emit(ItemKind::Char),
            c => self.error(format!("unrecognized character in action: {}", sharp_u(c))),
        }
    }

    fn lex_space(&mut self) -> Step<'a> {
        let mut count = 0usize;
        while let Some(c) = self.peek() {
            if !is_space(c) {
                break;
            }
            self.pos += 1;
            count += 1;
        }
        // A trim-marked right delimiter starts with a space: leave that
        // space for the delimiter.
        let last = self.pos.saturating_sub(1);
        let marker_here = self.input.get(last..).is_some_and(has_right_trim_marker)
            && self
                .input
                .get(last + TRIM_MARKER_LEN..)
                .is_some_and(|r| r.starts_with(self.right));
        if marker_here {
            self.pos = last;
            if count == 1 {
                return Step::Go(State::RightDelim);
            }
        }
        self.emit(ItemKind::Space)
    }

    fn lex_identifier(&mut self) -> Step<'a> {
        while let Some(c) = self.peek() {
            if !is_alphanumeric(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
        if !self.at_terminator() {
            return self.bad_character();
        }
        let word = self.input.get(self.start..self.pos).unwrap_or("");
        let kind = match ItemKind::keyword(word) {
            Some(ItemKind::Break) if !self.options.break_ok => ItemKind::Identifier,
            Some(ItemKind::Continue) if !self.options.continue_ok => ItemKind::Identifier,
            Some(k) => k,
            None if word == "true" || word == "false" => ItemKind::Bool,
            None => ItemKind::Identifier,
        };
        self.emit(kind)
    }

    fn bad_character(&mut self) -> Step<'a> {
        let c = self.peek().unwrap_or(char::REPLACEMENT_CHARACTER);
        self.error(format!("bad character {}", sharp_u(c)))
    }

    fn lex_variable(&mut self) -> Step<'a> {
        if self.at_terminator() {
            return self.emit(ItemKind::Variable);
        }
        self.lex_field_or_variable(ItemKind::Variable)
    }

    /// Scans `.name` or `$name`; the `.` or `$` has been consumed.
    fn lex_field_or_variable(&mut self, kind: ItemKind) -> Step<'a> {
        if self.at_terminator() {
            return self.emit(if kind == ItemKind::Variable {
                ItemKind::Variable
            } else {
                ItemKind::Dot
            });
        }
        while let Some(c) = self.peek() {
            if !is_alphanumeric(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
        if !self.at_terminator() {
            return self.bad_character();
        }
        self.emit(kind)
    }

    fn lex_char(&mut self) -> Step<'a> {
        loop {
            match self.bump() {
                Some('\\') => match self.bump() {
                    Some(c) if c != '\n' => {}
                    _ => return self.error("unterminated character constant".into()),
                },
                None | Some('\n') => {
                    return self.error("unterminated character constant".into());
                }
                Some('\'') => break,
                Some(_) => {}
            }
        }
        self.emit(ItemKind::CharConstant)
    }

    fn lex_number(&mut self) -> Step<'a> {
        let (n, ok) = scan_number(self.rest());
        self.pos += n;
        if !ok {
            return self.bad_number();
        }
        if matches!(self.peek(), Some('+' | '-')) {
            // Complex: 1+2i. No spaces, must end in 'i'.
            let (n, ok) = scan_number(self.rest());
            self.pos += n;
            let ends_in_i = self.input.as_bytes().get(self.pos.wrapping_sub(1)) == Some(&b'i');
            if !ok || !ends_in_i {
                return self.bad_number();
            }
            return self.emit(ItemKind::Complex);
        }
        self.emit(ItemKind::Number)
    }

    fn bad_number(&mut self) -> Step<'a> {
        let text = self.input.get(self.start..self.pos).unwrap_or("");
        self.error(format!("bad number syntax: {}", go_quote(text)))
    }

    fn lex_quote(&mut self) -> Step<'a> {
        loop {
            match self.bump() {
                Some('\\') => match self.bump() {
                    Some(c) if c != '\n' => {}
                    _ => return self.error("unterminated quoted string".into()),
                },
                None | Some('\n') => return self.error("unterminated quoted string".into()),
                Some('"') => break,
                Some(_) => {}
            }
        }
        self.emit(ItemKind::String)
    }

    fn lex_raw_quote(&mut self) -> Step<'a> {
        match self.rest().find('`') {
            Some(x) => {
                self.pos += x + 1;
                self.emit(ItemKind::RawString)
            }
            None => {
                self.pos = self.input.len();
                self.error("unterminated raw quoted string".into())
            }
        }
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Item<'a>;

    /// Yields items up to and including the first EOF or error item.
    fn next(&mut self) -> Option<Item<'a>> {
        if self.failed_line.is_some() {
            return None;
        }
        let item = self.next_item();
        if item.kind == ItemKind::Eof {
            self.failed_line = Some(item.line);
        }
        Some(item)
    }
}

/// Scans a number literal at the start of `s` the way Go's lexer does
/// (sloppily: the parser validates). Returns the consumed length and whether
/// the scan succeeded (it fails when an alphanumeric follows; the length then
/// includes that character).
pub fn scan_number(s: &str) -> (usize, bool) {
    let b = s.as_bytes();
    let mut i = 0usize;
    let accept = |i: &mut usize, set: &[u8]| -> bool {
        match b.get(*i) {
            Some(c) if set.contains(c) => {
                *i += 1;
                true
            }
            _ => false,
        }
    };
    let accept_run = |i: &mut usize, set: &[u8]| {
        while matches!(b.get(*i), Some(c) if set.contains(c)) {
            *i += 1;
        }
    };
    const DEC: &[u8] = b"0123456789_";
    const HEX: &[u8] = b"0123456789abcdefABCDEF_";
    const OCT: &[u8] = b"01234567_";
    const BIN: &[u8] = b"01_";
    accept(&mut i, b"+-");
    let mut digits = DEC;
    if accept(&mut i, b"0") {
        // A leading 0 does not mean octal in floats.
        if accept(&mut i, b"xX") {
            digits = HEX;
        } else if accept(&mut i, b"oO") {
            digits = OCT;
        } else if accept(&mut i, b"bB") {
            digits = BIN;
        }
    }
    accept_run(&mut i, digits);
    if accept(&mut i, b".") {
        accept_run(&mut i, digits);
    }
    if digits == DEC && accept(&mut i, b"eE") {
        accept(&mut i, b"+-");
        accept_run(&mut i, DEC);
    }
    if digits == HEX && accept(&mut i, b"pP") {
        accept(&mut i, b"+-");
        accept_run(&mut i, DEC);
    }
    accept(&mut i, b"i");
    match s.get(i..).and_then(|r| r.chars().next()) {
        Some(c) if is_alphanumeric(c) => (i + c.len_utf8(), false),
        _ => (i, true),
    }
}

/// Go's template `isSpace`: space, tab, CR, LF.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Go's `isAlphaNumeric`: `_`, letters and digits.
///
/// Non-ASCII characters use Rust's Unicode `Alphabetic`/`Numeric`
/// properties, a close approximation of Go's `unicode.IsLetter`/`IsDigit`.
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c == '_' || c.is_ascii_alphanumeric()
    } else {
        c.is_alphabetic() || c.is_numeric()
    }
}

fn has_left_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0] == b'-' && is_space(b[1] as char)
}

fn has_right_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && is_space(b[0] as char) && b[1] == b'-'
}

fn right_trim_len(s: &str) -> usize {
    s.len() - s.trim_end_matches([' ', '\t', '\r', '\n']).len()
}

fn left_trim_len(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t', '\r', '\n']).len()
}

// ---- Go literal helpers ------------------------------------------------------

/// Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and
/// the ASCII space.
pub fn is_print(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return (0x20..0x7f).contains(&u);
    }
    if u <= 0xff {
        return u >= 0xa1 && u != 0xad;
    }
    // Rust's `escape_debug` leaves a character alone exactly when it is not
    // in categories C* or Z* (other than ' '), which is Go's definition.
    // Characters after the first are not subject to the grapheme-extend
    // escaping, so probe with a leading ASCII letter.
    let mut buf = [0u8; 8];
    buf[0] = b'a';
    let n = c.encode_utf8(&mut buf[1..]).len();
    match std::str::from_utf8(&buf[..1 + n]) {
        Ok(s) => {
            let mut it = s.escape_debug().skip(1);
            it.next() == Some(c) && it.next().is_none()
        }
        Err(_) => false,
    }
}

/// Formats a character like Go's `%#U`: `U+0023 '#'` (the quoted character
/// only when printable).
pub fn sharp_u(c: char) -> String {
    if is_print(c) {
        format!("U+{:04X} '{}'", c as u32, c)
    } else {
        format!("U+{:04X}", c as u32)
    }
}

/// Go's `strconv.Quote` (and `%q` of a string).
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_escaped(&mut out, c, '"');
    }
    out.push('"');
    out
}

fn push_escaped(out: &mut String, c: char, quote: char) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    if c == quote || c == '\\' {
        out.push('\\');
        out.push(c);
        return;
    }
    if is_print(c) {
        out.push(c);
        return;
    }
    match c {
        '\x07' => out.push_str("\\a"),
        '\x08' => out.push_str("\\b"),
        '\x0c' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x0b' => out.push_str("\\v"),
        _ => {
            let u = c as u32;
            let (prefix, digits) = if u < 0x20 || u == 0x7f {
                ("\\x", 2)
            } else if u < 0x10000 {
                ("\\u", 4)
            } else {
                ("\\U", 8)
            };
            out.push_str(prefix);
            for k in (0..digits).rev() {
                out.push(HEX[((u >> (4 * k)) & 0xf) as usize] as char);
            }
        }
    }
}

/// The error of [`unquote`] and [`unquote_char`]; displays as Go's
/// `strconv.ErrSyntax` ("invalid syntax").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError;

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid syntax")
    }
}

impl std::error::Error for SyntaxError {}

/// Go's `strconv.UnquoteChar`: decodes the first (possibly escaped)
/// character of `s`, quoted with `quote`. Returns the value, whether it must
/// be UTF-8 encoded (false for `\x`/octal byte escapes and ASCII), and the
/// remaining input.
pub fn unquote_char(s: &str, quote: u8) -> Result<(u32, bool, &str), SyntaxError> {
    let b = s.as_bytes();
    let Some(&c) = b.first() else {
        return Err(SyntaxError);
    };
    if c == quote && (quote == b'\'' || quote == b'"') {
        return Err(SyntaxError);
    }
    if c >= 0x80 {
        let ch = s.chars().next().ok_or(SyntaxError)?;
        return Ok((ch as u32, true, &s[ch.len_utf8()..]));
    }
    if c != b'\\' {
        return Ok((c as u32, false, &s[1..]));
    }
    let Some(&esc) = b.get(1) else {
        return Err(SyntaxError);
    };
    if !esc.is_ascii() {
        return Err(SyntaxError);
    }
    let rest = &s[2..];
    let simple = |v: char| Ok((v as u32, false, rest));
    match esc {
        b'a' => simple('\x07'),
        b'b' => simple('\x08'),
        b'f' => simple('\x0c'),
        b'n' => simple('\n'),
        b'r' => simple('\r'),
        b't' => simple('\t'),
        b'v' => simple('\x0b'),
        b'\\' => simple('\\'),
        b'x' | b'u' | b'U' => {
            let n = match esc {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            let digits = rest.as_bytes().get(..n).ok_or(SyntaxError)?;
            let mut v: u32 = 0;
            for &d in digits {
                let x = (d as char).to_digit(16).ok_or(SyntaxError)?;
                v = (v << 4) | x;
            }
            let tail = &rest[n..];
            if esc == b'x' {
                return Ok((v, false, tail));
            }
            if char::from_u32(v).is_none() {
                return Err(SyntaxError);
            }
            Ok((v, true, tail))
        }
        b'0'..=b'7' => {
            let digits = rest.as_bytes().get(..2).ok_or(SyntaxError)?;
            let mut v = (esc - b'0') as u32;
            for &d in digits {
                if !(b'0'..=b'7').contains(&d) {
                    return Err(SyntaxError);
                }
                v = (v << 3) | (d - b'0') as u32;
            }
            if v > 255 {
                return Err(SyntaxError);
            }
            Ok((v, false, &rest[2..]))
        }
        b'\'' | b'"' => {
            if esc != quote {
                return Err(SyntaxError);
            }
            Ok((esc as u32, false, rest))
        }
        _ => Err(SyntaxError),
    }
}

/// Go's `strconv.Unquote` for `"..."`, `` `...` `` and `'...'` literals.
///
/// Go strings are byte strings: a `\x` or octal escape that produces invalid
/// UTF-8 is replaced by U+FFFD here.
pub fn unquote(s: &str) -> Result<String, SyntaxError> {
    let b = s.as_bytes();
    if b.len() < 2 {
        return Err(SyntaxError);
    }
    let quote = b[0];
    let end = match b[1..].iter().position(|&c| c == quote) {
        Some(i) => i + 2,
        None => return Err(SyntaxError),
    };
    match quote {
        b'`' => {
            if end != b.len() {
                return Err(SyntaxError);
            }
            let body = &s[1..end - 1];
            Ok(if body.contains('\r') {
                body.replace('\r', "")
            } else {
                body.to_string()
            })
        }
        b'"' | b'\'' => {
            let head = &b[..end];
            if !head.contains(&b'\\') && !head.contains(&b'\n') {
                let body = &s[1..end - 1];
                let valid = quote == b'"' || body.chars().count() == 1;
                if valid {
                    return if end == b.len() {
                        Ok(body.to_string())
                    } else {
                        Err(SyntaxError)
                    };
                }
            }
            let mut buf: Vec<u8> = Vec::with_capacity(s.len());
            let mut rest = &s[1..];
            while let Some(&c) = rest.as_bytes().first() {
                if c == quote {
                    break;
                }
                if c == b'\n' {
                    return Err(SyntaxError);
                }
                let (r, multibyte, tail) = unquote_char(rest, quote)?;
                rest = tail;
                if r < 0x80 || !multibyte {
                    buf.push(r as u8);
                } else {
                    let ch = char::from_u32(r).ok_or(SyntaxError)?;
                    let mut tmp = [0u8; 4];
                    buf.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
                }
                if quote == b'\'' {
                    break;
                }
            }
            if rest.as_bytes().first() != Some(&quote) || rest.len() != 1 {
                return Err(SyntaxError);
            }
            Ok(match String::from_utf8(buf) {
                Ok(s) => s,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            })
        }
        _ => Err(SyntaxError),
    }
}

#[cfg(test)]
mod tests {
    use super::ItemKind::*;
    use super::*;

    type Expect<'e> = &'e [(ItemKind, &'e str)];
    type Case<'c> = (&'c str, &'c str, Vec<(ItemKind, &'c str)>);

    const L: (ItemKind, &str) = (LeftDelim, "{{");
    const R: (ItemKind, &str) = (RightDelim, "}}");
    const SP: (ItemKind, &str) = (Space, " ");
    const EOF: (ItemKind, &str) = (Eof, "");
    const DOT: (ItemKind, &str) = (Dot, ".");
    const LP: (ItemKind, &str) = (LeftParen, "(");
    const RP: (ItemKind, &str) = (RightParen, ")");
    const PIPE: (ItemKind, &str) = (Pipe, "|");
    const RAW: &str = "`abc\\n\\t\\\" `";
    const QUOTE: &str = r#""abc \n\t\" ""#;

    fn all_on() -> LexOptions {
        LexOptions {
            emit_comment: true,
            break_ok: true,
            continue_ok: true,
        }
    }

    fn collect<'s>(
        input: &'s str,
        left: &'s str,
        right: &'s str,
        opts: LexOptions,
    ) -> Vec<Item<'s>> {
        Lexer::new(input, left, right, opts).collect()
    }

    fn check(name: &str, input: &str, left: &str, right: &str, opts: LexOptions, want: Expect) {
        let got: Vec<(ItemKind, std::string::String)> = collect(input, left, right, opts)
            .into_iter()
            .map(|i| (i.kind, i.val.into_owned()))
            .collect();
        let want: Vec<(ItemKind, std::string::String)> =
            want.iter().map(|(k, v)| (*k, v.to_string())).collect();
        assert_eq!(got, want, "lex case {name:?} input {input:?}");
    }

    /// Go's lexTests table, then additional cases.
    #[test]
    fn lex_table() {
        let raw_nl = "`now is{{\n}}the time`";
        let raw_in_action = format!("{{{{{RAW}}}}}");
        let raw_nl_in_action = format!("{{{{{raw_nl}}}}}");
        let quote_in_action = format!("{{{{{QUOTE}}}}}");
        let cases: Vec<Case> = vec![
            ("empty", "", vec![EOF]),
            ("spaces", " \t\n", vec![(Text, " \t\n"), EOF]),
            (
                "text",
                "now is the time",
                vec![(Text, "now is the time"), EOF],
            ),
            (
                "text with comment",
                "hello-{{/* this is a comment */}}-world",
                vec![
                    (Text, "hello-"),
                    (Comment, "/* this is a comment */"),
                    (Text, "-world"),
                    EOF,
                ],
            ),
            (
                "punctuation",
                "{{,@% }}",
                vec![L, (Char, ","), (Char, "@"), (Char, "%"), SP, R, EOF],
            ),
            (
                "parens",
                "{{((3))}}",
                vec![L, LP, LP, (Number, "3"), RP, RP, R, EOF],
            ),
            ("empty action", "{{}}", vec![L, R, EOF]),
            ("for", "{{for}}", vec![L, (Identifier, "for"), R, EOF]),
            (
                "block",
                r#"{{block "foo" .}}"#,
                vec![
                    L,
                    (Block, "block"),
                    SP,
                    (String, r#""foo""#),
                    SP,
                    DOT,
                    R,
                    EOF,
                ],
            ),
            ("quote", &quote_in_action, vec![L, (String, QUOTE), R, EOF]),
            (
                "raw quote",
                &raw_in_action,
                vec![L, (RawString, RAW), R, EOF],
            ),
            (
                "raw quote with newline",
                &raw_nl_in_action,
                vec![L, (RawString, raw_nl), R, EOF],
            ),
            (
                "numbers",
                "{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}",
                vec![
                    L,
                    (Number, "1"),
                    SP,
                    (Number, "02"),
                    SP,
                    (Number, "0x14"),
                    SP,
                    (Number, "0X14"),
                    SP,
                    (Number, "-7.2i"),
                    SP,
                    (Number, "1e3"),
                    SP,
                    (Number, "1E3"),
                    SP,
                    (Number, "+1.2e-4"),
                    SP,
                    (Number, "4.2i"),
                    SP,
                    (Complex, "1+2i"),
                    SP,
                    (Number, "1_2"),
                    SP,
                    (Number, "0x1.e_fp4"),
                    SP,
                    (Number, "0X1.E_FP4"),
                    R,
                    EOF,
                ],
            ),
            (
                "characters",
                r"{{'a' '\n' '\'' '\\' '\u00FF' '\xFF' '本'}}",
                vec![
                    L,
                    (CharConstant, "'a'"),
                    SP,
                    (CharConstant, r"'\n'"),
                    SP,
                    (CharConstant, r"'\''"),
                    SP,
                    (CharConstant, r"'\\'"),
                    SP,
                    (CharConstant, r"'\u00FF'"),
                    SP,
                    (CharConstant, r"'\xFF'"),
                    SP,
                    (CharConstant, "'本'"),
                    R,
                    EOF,
                ],
            ),
            (
                "bools",
                "{{true false}}",
                vec![L, (Bool, "true"), SP, (Bool, "false"), R, EOF],
            ),
            ("dot", "{{.}}", vec![L, DOT, R, EOF]),
            ("nil", "{{nil}}", vec![L, (Nil, "nil"), R, EOF]),
            (
                "dots",
                "{{.x . .2 .x.y.z}}",
                vec![
                    L,
                    (Field, ".x"),
                    SP,
                    DOT,
                    SP,
                    (Number, ".2"),
                    SP,
                    (Field, ".x"),
                    (Field, ".y"),
                    (Field, ".z"),
                    R,
                    EOF,
                ],
            ),
            (
                "keywords",
                "{{range if else end with}}",
                vec![
                    L,
                    (Range, "range"),
                    SP,
                    (If, "if"),
                    SP,
                    (Else, "else"),
                    SP,
                    (End, "end"),
                    SP,
                    (With, "with"),
                    R,
                    EOF,
                ],
            ),
            (
                "variables",
                "{{$c := printf $ $hello $23 $ $var.Field .Method}}",
                vec![
                    L,
                    (Variable, "$c"),
                    SP,
                    (Declare, ":="),
                    SP,
                    (Identifier, "printf"),
                    SP,
                    (Variable, "$"),
                    SP,
                    (Variable, "$hello"),
                    SP,
                    (Variable, "$23"),
                    SP,
                    (Variable, "$"),
                    SP,
                    (Variable, "$var"),
                    (Field, ".Field"),
                    SP,
                    (Field, ".Method"),
                    R,
                    EOF,
                ],
            ),
            (
                "variable invocation",
                "{{$x 23}}",
                vec![L, (Variable, "$x"), SP, (Number, "23"), R, EOF],
            ),
            (
                "pipeline",
                r#"intro {{echo hi 1.2 |noargs|args 1 "hi"}} outro"#,
                vec![
                    (Text, "intro "),
                    L,
                    (Identifier, "echo"),
                    SP,
                    (Identifier, "hi"),
                    SP,
                    (Number, "1.2"),
                    SP,
                    PIPE,
                    (Identifier, "noargs"),
                    PIPE,
                    (Identifier, "args"),
                    SP,
                    (Number, "1"),
                    SP,
                    (String, r#""hi""#),
                    R,
                    (Text, " outro"),
                    EOF,
                ],
            ),
            (
                "declaration",
                "{{$v := 3}}",
                vec![
                    L,
                    (Variable, "$v"),
                    SP,
                    (Declare, ":="),
                    SP,
                    (Number, "3"),
                    R,
                    EOF,
                ],
            ),
            (
                "2 declarations",
                "{{$v , $w := 3}}",
                vec![
                    L,
                    (Variable, "$v"),
                    SP,
                    (Char, ","),
                    SP,
                    (Variable, "$w"),
                    SP,
                    (Declare, ":="),
                    SP,
                    (Number, "3"),
                    R,
                    EOF,
                ],
            ),
            (
                "field of parenthesized expression",
                "{{(.X).Y}}",
                vec![L, LP, (Field, ".X"), RP, (Field, ".Y"), R, EOF],
            ),
            (
                "trimming spaces before and after",
                "hello- {{- 3 -}} -world",
                vec![(Text, "hello-"), L, (Number, "3"), R, (Text, "-world"), EOF],
            ),
            (
                "trimming spaces before and after comment",
                "hello- {{- /* hello */ -}} -world",
                vec![
                    (Text, "hello-"),
                    (Comment, "/* hello */"),
                    (Text, "-world"),
                    EOF,
                ],
            ),
            // Errors.
            (
                "badchar",
                "#{{\x01}}",
                vec![
                    (Text, "#"),
                    L,
                    (Error, "unrecognized character in action: U+0001"),
                ],
            ),
            ("unclosed action", "{{", vec![L, (Error, "unclosed action")]),
            (
                "EOF in action",
                "{{range",
                vec![L, (Range, "range"), (Error, "unclosed action")],
            ),
            (
                "unclosed quote",
                "{{\"\n\"}}",
                vec![L, (Error, "unterminated quoted string")],
            ),
            (
                "unclosed raw quote",
                "{{`xx}}",
                vec![L, (Error, "unterminated raw quoted string")],
            ),
            (
                "unclosed char constant",
                "{{'\n}}",
                vec![L, (Error, "unterminated character constant")],
            ),
            (
                "bad number",
                "{{3k}}",
                vec![L, (Error, r#"bad number syntax: "3k""#)],
            ),
            (
                "unclosed paren",
                "{{(3}}",
                vec![L, LP, (Number, "3"), (Error, "unclosed left paren")],
            ),
            (
                "extra right paren",
                "{{3)}}",
                vec![L, (Number, "3"), (Error, "unexpected right paren")],
            ),
            (
                "long pipeline deadlock",
                "{{|||||}}",
                vec![L, PIPE, PIPE, PIPE, PIPE, PIPE, R, EOF],
            ),
            (
                "text with bad comment",
                "hello-{{/*/}}-world",
                vec![(Text, "hello-"), (Error, "unclosed comment")],
            ),
            (
                "text with comment close separated from delim",
                "hello-{{/* */ }}-world",
                vec![
                    (Text, "hello-"),
                    (Error, "comment ends before closing delimiter"),
                ],
            ),
            (
                "unmatched right delimiter",
                "hello-{.}}-world",
                vec![(Text, "hello-{.}}-world"), EOF],
            ),
            // Additional cases.
            (
                "assign",
                "{{$x = 1}}",
                vec![
                    L,
                    (Variable, "$x"),
                    SP,
                    (Assign, "="),
                    SP,
                    (Number, "1"),
                    R,
                    EOF,
                ],
            ),
            (
                "declare without spaces",
                "{{$x:=1}}",
                vec![L, (Variable, "$x"), (Declare, ":="), (Number, "1"), R, EOF],
            ),
            (
                "assign needs a space",
                "{{$x=1}}",
                vec![L, (Error, "bad character U+003D '='")],
            ),
            (
                "break and continue keywords",
                "{{break}}{{continue}}",
                vec![L, (Break, "break"), R, L, (Continue, "continue"), R, EOF],
            ),
            (
                "other keywords",
                "{{define template block}}",
                vec![
                    L,
                    (Define, "define"),
                    SP,
                    (Template, "template"),
                    SP,
                    (Block, "block"),
                    R,
                    EOF,
                ],
            ),
            (
                "negative number, no trim",
                "{{-3}}",
                vec![L, (Number, "-3"), R, EOF],
            ),
            (
                "trim with tab",
                "a \t{{-\t3\t-}}\t b",
                vec![(Text, "a"), L, (Number, "3"), R, (Text, "b"), EOF],
            ),
            (
                "trim with newlines as marker spaces",
                "a\n{{-\n3\n-}}\nb",
                vec![(Text, "a"), L, (Number, "3"), R, (Text, "b"), EOF],
            ),
            (
                "trim everything",
                " \r\n\t {{- 3 -}} \r\n\t ",
                vec![L, (Number, "3"), R, EOF],
            ),
            (
                "trim only left",
                "x  {{- 3}}  y",
                vec![(Text, "x"), L, (Number, "3"), R, (Text, "  y"), EOF],
            ),
            (
                "trim only right",
                "x  {{3 -}}  y",
                vec![(Text, "x  "), L, (Number, "3"), R, (Text, "y"), EOF],
            ),
            ("space then trim marker", "{{ -}}", vec![L, R, EOF]),
            (
                "two spaces then trim marker",
                "{{  -}}",
                vec![L, SP, R, EOF],
            ),
            (
                "dash without space is not a marker",
                "{{3-}}",
                vec![L, (Error, r#"bad number syntax: "3-""#)],
            ),
            ("lone dash", "{{-}}", vec![L, (Number, "-"), R, EOF]),
            (
                "identifier followed by dash",
                "{{x-}}",
                vec![L, (Error, "bad character U+002D '-'")],
            ),
            (
                "number bases",
                "{{0x1F 0o17 0O17 0b101 0B1 1_000 0x1p-2 .5 5. 1e+3}}",
                vec![
                    L,
                    (Number, "0x1F"),
                    SP,
                    (Number, "0o17"),
                    SP,
                    (Number, "0O17"),
                    SP,
                    (Number, "0b101"),
                    SP,
                    (Number, "0B1"),
                    SP,
                    (Number, "1_000"),
                    SP,
                    (Number, "0x1p-2"),
                    SP,
                    (Number, ".5"),
                    SP,
                    (Number, "5."),
                    SP,
                    (Number, "1e+3"),
                    R,
                    EOF,
                ],
            ),
            (
                "complex with exponents",
                "{{-1.5-3e2i}}",
                vec![L, (Complex, "-1.5-3e2i"), R, EOF],
            ),
            (
                "complex must end in i",
                "{{1+2}}",
                vec![L, (Error, r#"bad number syntax: "1+2""#)],
            ),
            (
                "number then fraction",
                "{{1.2.3}}",
                vec![L, (Number, "1.2"), (Number, ".3"), R, EOF],
            ),
            ("sloppy hex", "{{0x}}", vec![L, (Number, "0x"), R, EOF]),
            (
                "bad hex digit",
                "{{0xg}}",
                vec![L, (Error, r#"bad number syntax: "0xg""#)],
            ),
            (
                "exponent without digits",
                "{{1e}}",
                vec![L, (Number, "1e"), R, EOF],
            ),
            ("imaginary hex", "{{0xi}}", vec![L, (Number, "0xi"), R, EOF]),
            (
                "binary digit out of range",
                "{{0b102}}",
                vec![L, (Error, r#"bad number syntax: "0b102""#)],
            ),
            (
                "number followed by unicode letter",
                "{{3é}}",
                vec![L, (Error, r#"bad number syntax: "3é""#)],
            ),
            (
                "identifier with field",
                "{{x.y}}",
                vec![L, (Identifier, "x"), (Field, ".y"), R, EOF],
            ),
            (
                "variable with fields",
                "{{$x.y.z}}",
                vec![L, (Variable, "$x"), (Field, ".y"), (Field, ".z"), R, EOF],
            ),
            ("dollar alone", "{{$}}", vec![L, (Variable, "$"), R, EOF]),
            (
                "dollar dot",
                "{{$.}}",
                vec![L, (Variable, "$"), DOT, R, EOF],
            ),
            ("dot dot", "{{..}}", vec![L, DOT, DOT, R, EOF]),
            (
                "dot followed by bad char",
                "{{.-}}",
                vec![L, (Error, "bad character U+002D '-'")],
            ),
            (
                "unicode identifier",
                "{{héllo}}",
                vec![L, (Identifier, "héllo"), R, EOF],
            ),
            (
                "unicode field",
                "{{.Größe}}",
                vec![L, (Field, ".Größe"), R, EOF],
            ),
            (
                "non-ascii punctuation",
                "{{§}}",
                vec![L, (Error, "unrecognized character in action: U+00A7 '§'")],
            ),
            (
                "delete character",
                "{{\x7f}}",
                vec![L, (Error, "unrecognized character in action: U+007F")],
            ),
            ("lone colon", "{{:}}", vec![L, (Error, "expected :=")]),
            ("colon letter", "{{:x}}", vec![L, (Error, "expected :=")]),
            (
                "escaped quote in string",
                r#"{{"a\"b"}}"#,
                vec![L, (String, r#""a\"b""#), R, EOF],
            ),
            (
                "backslash at end of char constant",
                "{{'\\",
                vec![L, (Error, "unterminated character constant")],
            ),
            (
                "escaped newline in string",
                "{{\"abc\\\n\"}}",
                vec![L, (Error, "unterminated quoted string")],
            ),
            (
                "comment trimming left only",
                "a {{- /* c */}} b",
                vec![(Text, "a"), (Comment, "/* c */"), (Text, " b"), EOF],
            ),
            (
                "two comments",
                "{{/* a */}}{{/* b */}}",
                vec![(Comment, "/* a */"), (Comment, "/* b */"), EOF],
            ),
            (
                "multi-line comment",
                "{{/*\nx\n*/}}y",
                vec![(Comment, "/*\nx\n*/"), (Text, "y"), EOF],
            ),
            (
                "comment needs to follow the delimiter",
                "{{ /* c */ }}",
                vec![
                    L,
                    SP,
                    (Char, "/"),
                    (Char, "*"),
                    SP,
                    (Identifier, "c"),
                    SP,
                    (Char, "*"),
                    (Char, "/"),
                    SP,
                    R,
                    EOF,
                ],
            ),
            (
                "newlines inside action",
                "{{\n.X\n}}",
                vec![L, (Space, "\n"), (Field, ".X"), (Space, "\n"), R, EOF],
            ),
            (
                "crlf inside action",
                "{{.X\r\n}}",
                vec![L, (Field, ".X"), (Space, "\r\n"), R, EOF],
            ),
            (
                "unclosed left paren at delimiter",
                "{{(}}",
                vec![L, LP, (Error, "unclosed left paren")],
            ),
            (
                "lone right paren",
                "{{)}}",
                vec![L, (Error, "unexpected right paren")],
            ),
            (
                "pipes without spaces",
                "{{.X|.Y}}",
                vec![L, (Field, ".X"), PIPE, (Field, ".Y"), R, EOF],
            ),
            (
                "bool with field",
                "{{true.x}}",
                vec![L, (Bool, "true"), (Field, ".x"), R, EOF],
            ),
            (
                "spaces around action",
                "{{ .X }}",
                vec![L, SP, (Field, ".X"), SP, R, EOF],
            ),
            ("braces in text", "a{b}c", vec![(Text, "a{b}c"), EOF]),
            (
                "braces inside action",
                "{{{{}}}}",
                vec![L, (Char, "{"), (Char, "{"), R, (Text, "}}"), EOF],
            ),
            (
                "adjacent actions",
                "{{1}}{{2}}",
                vec![L, (Number, "1"), R, L, (Number, "2"), R, EOF],
            ),
            (
                "raw string across lines",
                "{{`a\nb`}}",
                vec![L, (RawString, "`a\nb`"), R, EOF],
            ),
            (
                "char constant with quote",
                "{{'\"'}}",
                vec![L, (CharConstant, "'\"'"), R, EOF],
            ),
            (
                "parenthesized pipeline",
                "{{(len .X) | printf}}",
                vec![
                    L,
                    LP,
                    (Identifier, "len"),
                    SP,
                    (Field, ".X"),
                    RP,
                    SP,
                    PIPE,
                    SP,
                    (Identifier, "printf"),
                    R,
                    EOF,
                ],
            ),
            (
                "unclosed action after text",
                "a\nb{{ .X",
                vec![
                    (Text, "a\nb"),
                    L,
                    SP,
                    (Field, ".X"),
                    (Error, "unclosed action"),
                ],
            ),
        ];
        for (name, input, want) in &cases {
            check(name, input, "", "", all_on(), want);
        }
        assert!(cases.len() >= 80, "only {} lexer cases", cases.len());
    }

    #[test]
    fn comments_skipped_by_default() {
        check(
            "comment skipped",
            "a{{/* c */}}b",
            "",
            "",
            LexOptions::default(),
            &[(Text, "a"), (Text, "b"), EOF],
        );
        check(
            "trimmed comment skipped",
            "a {{- /* c */ -}} b",
            "",
            "",
            LexOptions::default(),
            &[(Text, "a"), (Text, "b"), EOF],
        );
    }

    #[test]
    fn break_and_continue_as_functions() {
        let opts = LexOptions {
            emit_comment: false,
            break_ok: false,
            continue_ok: false,
        };
        check(
            "break function",
            "{{break continue}}",
            "",
            "",
            opts,
            &[
                L,
                (Identifier, "break"),
                SP,
                (Identifier, "continue"),
                R,
                EOF,
            ],
        );
    }

    /// Go's lexDelimTests plus its alphanumeric and marker-like delimiters.
    #[test]
    fn custom_delimiters() {
        let ld = (LeftDelim, "$$");
        let rd = (RightDelim, "@@");
        let raw = format!("$${RAW}@@");
        let quote = format!("$${QUOTE}@@");
        let cases: Vec<Case> = vec![
            (
                "punctuation",
                "$$,@%{{}}@@",
                vec![
                    ld,
                    (Char, ","),
                    (Char, "@"),
                    (Char, "%"),
                    (Char, "{"),
                    (Char, "{"),
                    (Char, "}"),
                    (Char, "}"),
                    rd,
                    EOF,
                ],
            ),
            ("empty action", "$$@@", vec![ld, rd, EOF]),
            ("for", "$$for@@", vec![ld, (Identifier, "for"), rd, EOF]),
            ("quote", &quote, vec![ld, (String, QUOTE), rd, EOF]),
            ("raw quote", &raw, vec![ld, (RawString, RAW), rd, EOF]),
            (
                "trim markers with custom delimiters",
                "a $$- .x -@@ b",
                vec![(Text, "a"), ld, (Field, ".x"), rd, (Text, "b"), EOF],
            ),
            (
                "comment with custom delimiters",
                "$$/* c */@@x",
                vec![(Comment, "/* c */"), (Text, "x"), EOF],
            ),
        ];
        for (name, input, want) in &cases {
            check(name, input, "$$", "@@", all_on(), want);
        }
        check(
            "right delimiter with alphanumeric start",
            "{{hub .host hub}}",
            "{{hub",
            "hub}}",
            all_on(),
            &[
                (LeftDelim, "{{hub"),
                SP,
                (Field, ".host"),
                SP,
                (RightDelim, "hub}}"),
                EOF,
            ],
        );
        check(
            "delims that look like markers",
            "{{- .x -}} {{- - .x - -}}",
            "{{- ",
            " -}}",
            all_on(),
            &[
                (LeftDelim, "{{- "),
                (Field, ".x"),
                (RightDelim, " -}}"),
                (LeftDelim, "{{- "),
                (Field, ".x"),
                (RightDelim, " -}}"),
                EOF,
            ],
        );
    }

    /// Go's lexPosTests: positions and lines.
    #[test]
    fn positions() {
        type P<'e> = (ItemKind, usize, &'e str, usize);
        let cases: Vec<(&str, Vec<P>)> = vec![
            ("", vec![(Eof, 0, "", 1)]),
            (
                "{{,@%#}}",
                vec![
                    (LeftDelim, 0, "{{", 1),
                    (Char, 2, ",", 1),
                    (Char, 3, "@", 1),
                    (Char, 4, "%", 1),
                    (Char, 5, "#", 1),
                    (RightDelim, 6, "}}", 1),
                    (Eof, 8, "", 1),
                ],
            ),
            (
                "0123{{hello}}xyz",
                vec![
                    (Text, 0, "0123", 1),
                    (LeftDelim, 4, "{{", 1),
                    (Identifier, 6, "hello", 1),
                    (RightDelim, 11, "}}", 1),
                    (Text, 13, "xyz", 1),
                    (Eof, 16, "", 1),
                ],
            ),
            (
                "{{x -}}\n{{y}}",
                vec![
                    (LeftDelim, 0, "{{", 1),
                    (Identifier, 2, "x", 1),
                    (RightDelim, 5, "}}", 1),
                    (LeftDelim, 8, "{{", 2),
                    (Identifier, 10, "y", 2),
                    (RightDelim, 11, "}}", 2),
                    (Eof, 13, "", 2),
                ],
            ),
            (
                "{{x}}\n{{- y}}",
                vec![
                    (LeftDelim, 0, "{{", 1),
                    (Identifier, 2, "x", 1),
                    (RightDelim, 3, "}}", 1),
                    (LeftDelim, 6, "{{", 2),
                    (Identifier, 10, "y", 2),
                    (RightDelim, 11, "}}", 2),
                    (Eof, 13, "", 2),
                ],
            ),
            (
                "{{/*\n*/}}\n{{undefinedFunction \"test\"}}",
                vec![
                    (Comment, 2, "/*\n*/", 1),
                    (Text, 9, "\n", 2),
                    (LeftDelim, 10, "{{", 3),
                    (Identifier, 12, "undefinedFunction", 3),
                    (Space, 29, " ", 3),
                    (String, 30, "\"test\"", 3),
                    (RightDelim, 36, "}}", 3),
                    (Eof, 38, "", 3),
                ],
            ),
            (
                "a\n{{`x\ny`\n.Z}}",
                vec![
                    (Text, 0, "a\n", 1),
                    (LeftDelim, 2, "{{", 2),
                    (RawString, 4, "`x\ny`", 2),
                    (Space, 9, "\n", 3),
                    (Field, 10, ".Z", 4),
                    (RightDelim, 12, "}}", 4),
                    (Eof, 14, "", 4),
                ],
            ),
            (
                "x\n\n{{ 3 ",
                vec![
                    (Text, 0, "x\n\n", 1),
                    (LeftDelim, 3, "{{", 3),
                    (Space, 5, " ", 3),
                    (Number, 6, "3", 3),
                    (Space, 7, " ", 3),
                    (Error, 8, "unclosed action", 3),
                ],
            ),
        ];
        for (input, want) in &cases {
            let got: Vec<(ItemKind, usize, std::string::String, usize)> =
                collect(input, "", "", all_on())
                    .into_iter()
                    .map(|i| (i.kind, i.pos, i.val.into_owned(), i.line))
                    .collect();
            let want: Vec<(ItemKind, usize, std::string::String, usize)> = want
                .iter()
                .map(|(k, p, v, l)| (*k, *p, v.to_string(), *l))
                .collect();
            assert_eq!(got, want, "positions for {input:?}");
        }
    }

    #[test]
    fn lexer_stops_after_error() {
        let mut l = Lexer::new("{{3k}} more {{.X}}", "", "", LexOptions::default());
        assert_eq!(l.next_item().kind, LeftDelim);
        assert_eq!(l.next_item().kind, Error);
        assert_eq!(l.next_item().kind, Eof);
        assert_eq!(l.next_item().kind, Eof);
    }

    #[test]
    fn item_display() {
        let item = |kind, val: &'static str| Item {
            kind,
            pos: 0,
            val: Cow::Borrowed(val),
            line: 1,
        };
        assert_eq!(item(Eof, "").to_string(), "EOF");
        assert_eq!(item(Error, "boom").to_string(), "boom");
        assert_eq!(item(Define, "define").to_string(), "<define>");
        assert_eq!(item(Dot, ".").to_string(), "<.>");
        assert_eq!(item(Char, "}").to_string(), "\"}\"");
        assert_eq!(item(Field, ".X").to_string(), "\".X\"");
        assert_eq!(
            item(String, "\"0123456789abc\"").to_string(),
            "\"\\\"012345678\"..."
        );
        assert_eq!(item(RawString, "`x`").to_string(), "\"`x`\"");
    }

    #[test]
    fn quoting() {
        assert_eq!(go_quote("abc"), "\"abc\"");
        assert_eq!(go_quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(
            go_quote("\x07\x08\x0c\n\r\t\x0b"),
            "\"\\a\\b\\f\\n\\r\\t\\v\""
        );
        assert_eq!(go_quote("\x00\x1f\x7f"), "\"\\x00\\x1f\\x7f\"");
        assert_eq!(go_quote("é本"), "\"é本\"");
        assert_eq!(go_quote("\u{85}\u{a0}\u{ad}"), "\"\\u0085\\u00a0\\u00ad\"");
        assert_eq!(
            go_quote("\u{200b}\u{2028}\u{feff}"),
            "\"\\u200b\\u2028\\ufeff\""
        );
        assert_eq!(go_quote("\u{e000}"), "\"\\ue000\"");
        assert_eq!(go_quote("\u{10ffff}"), "\"\\U0010ffff\"");
        assert_eq!(go_quote("a\u{301}"), "\"a\u{301}\"");
        assert_eq!(go_quote("😀"), "\"😀\"");
        assert_eq!(sharp_u('#'), "U+0023 '#'");
        assert_eq!(sharp_u('\u{1}'), "U+0001");
        assert_eq!(sharp_u('本'), "U+672C '本'");
    }

    #[test]
    fn unquoting() {
        assert_eq!(unquote(r#""abc""#).as_deref(), Ok("abc"));
        assert_eq!(unquote(r#""a\tb\n\"\\""#).as_deref(), Ok("a\tb\n\"\\"));
        assert_eq!(
            unquote(r#""\x41\101\u00e9\U0001F600""#).as_deref(),
            Ok("AAé😀")
        );
        assert_eq!(
            unquote(r#""\a\b\f\r\v""#).as_deref(),
            Ok("\x07\x08\x0c\r\x0b")
        );
        assert_eq!(unquote("`a\\n\r\nb`").as_deref(), Ok("a\\n\nb"));
        assert_eq!(unquote("``").as_deref(), Ok(""));
        assert_eq!(unquote("\"\"").as_deref(), Ok(""));
        assert_eq!(unquote("'a'").as_deref(), Ok("a"));
        assert_eq!(unquote("'\\n'").as_deref(), Ok("\n"));
        assert_eq!(unquote("''").as_deref(), Ok(""));
        assert_eq!(unquote("\"\\xff\"").as_deref(), Ok("\u{fffd}"));
        for bad in [
            "",
            "\"",
            "\"a",
            "\"\\q\"",
            "\"\\'\"",
            "'ab'",
            "'\\\"'",
            "\"a\"b\"",
            "`a`b`",
            "\"\\400\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\U00110000\"",
            "\"a\nb\"",
            "x",
            "\"\\",
            "\"\\é\"",
        ] {
            assert_eq!(unquote(bad), Err(SyntaxError), "unquote({bad:?})");
        }
        assert_eq!(SyntaxError.to_string(), "invalid syntax");
        assert_eq!(unquote_char("a'", b'\''), Ok((97, false, "'")));
        assert_eq!(unquote_char("é'", b'\''), Ok((0xe9, true, "'")));
        assert_eq!(unquote_char("\\u00e9'", b'\''), Ok((0xe9, true, "'")));
        assert_eq!(unquote_char("\\xe9'", b'\''), Ok((0xe9, false, "'")));
        assert_eq!(unquote_char("'", b'\''), Err(SyntaxError));
    }

    #[test]
    fn printable() {
        assert!(is_print(' '));
        assert!(is_print('~'));
        assert!(!is_print('\x7f'));
        assert!(!is_print('\u{a0}'));
        assert!(is_print('\u{a1}'));
        assert!(!is_print('\u{ad}'));
        assert!(is_print('\u{301}')); // combining mark
        assert!(!is_print('\u{3000}')); // ideographic space
        assert!(is_print('本'));
    }

    #[test]
    fn scan_numbers() {
        assert_eq!(scan_number("123 "), (3, true));
        assert_eq!(scan_number("0x1fp-3i}"), (8, true));
        assert_eq!(scan_number("1+2i"), (1, true));
        assert_eq!(scan_number("3k"), (2, false));
        assert_eq!(scan_number("0b1012"), (6, false));
        assert_eq!(scan_number("-"), (1, true));
    }
}
