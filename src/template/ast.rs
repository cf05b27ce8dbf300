//! Parse trees for Go `text/template`, mirroring Go's `text/template/parse`
//! node types.
//!
//! Every node carries `pos`, the byte offset of its start in the template
//! source (the same offsets Go records, including its quirks: a multi-part
//! field such as `.A.B` is positioned at its *second* segment). Use
//! [`line_col`] or [`Tree::location`] to turn an offset into Go's
//! `name:line:col` form.
//!
//! All nodes print (via `Display`) exactly like Go's `Node.String()`; the
//! `write_go` methods take a [`GoFmt`] for custom delimiters or for quoting
//! text nodes the way Go's parser tests do.

use std::fmt::{self, Write};
use std::sync::Arc;

use crate::template::lex::{go_quote, unquote_char};

/// Byte offset into the template source.
pub type Pos = usize;

/// Line and column of byte offset `pos` in `src`, as Go's `ErrorContext`
/// computes them: the line is 1-based; the column is the number of bytes
/// between the start of the line and `pos` (so the first byte of a line is
/// column 0).
pub fn line_col(src: &str, pos: Pos) -> (usize, usize) {
    let bytes = src.as_bytes();
    let pos = pos.min(bytes.len());
    let before = &bytes[..pos];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let col = match before.iter().rposition(|&b| b == b'\n') {
        Some(nl) => pos - (nl + 1),
        None => pos,
    };
    (line, col)
}

/// Printing options for the Go-compatible `String()` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoFmt<'d> {
    /// Left delimiter written around actions.
    pub left_delim: &'d str,
    /// Right delimiter written around actions.
    pub right_delim: &'d str,
    /// Write text nodes Go-quoted (`%q`), as Go's parser tests do.
    pub quote_text: bool,
}

impl GoFmt<'static> {
    /// `{{`/`}}` delimiters, raw text: Go's normal `String()` output.
    pub const DEFAULT: GoFmt<'static> = GoFmt {
        left_delim: "{{",
        right_delim: "}}",
        quote_text: false,
    };
}

macro_rules! display_via_write_go {
    ($($t:ty),* $(,)?) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.write_go(f, &GoFmt::DEFAULT)
            }
        }
    )*};
}

/// One parsed template: the main template of a source text or one
/// `{{define}}`/`{{block}}` in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    /// Name of this template.
    pub name: String,
    /// Name of the top-level template being parsed (used in messages).
    pub parse_name: String,
    /// The template body.
    pub root: ListNode,
    /// The full source text the tree was parsed from (shared by all trees
    /// of one parse); node positions index into it.
    pub text: Arc<str>,
    /// Left delimiter used when parsing.
    pub left_delim: String,
    /// Right delimiter used when parsing.
    pub right_delim: String,
}

impl Tree {
    /// Go's `ErrorContext` location for a node position:
    /// `parse_name:line:col`.
    pub fn location(&self, pos: Pos) -> String {
        let (line, col) = line_col(&self.text, pos);
        format!("{}:{}:{}", self.parse_name, line, col)
    }

    /// Whether the body holds nothing but white space and comments
    /// (Go's `IsEmptyTree`).
    pub fn is_empty(&self) -> bool {
        is_empty_tree(&self.root)
    }

    /// Writes the body like Go's `Root.String()` using this tree's
    /// delimiters; `quote_text` quotes text nodes like Go's tests.
    pub fn to_go_string(&self, quote_text: bool) -> String {
        let f = GoFmt {
            left_delim: &self.left_delim,
            right_delim: &self.right_delim,
            quote_text,
        };
        let mut s = String::new();
        // Writing into a String cannot fail.
        let _ = self.root.write_go(&mut s, &f);
        s
    }
}

impl fmt::Display for Tree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = GoFmt {
            left_delim: &self.left_delim,
            right_delim: &self.right_delim,
            quote_text: false,
        };
        self.root.write_go(f, &g)
    }
}

/// Go's `IsEmptyTree` for a list: true when it contains only white-space
/// text and comments.
pub fn is_empty_tree(list: &ListNode) -> bool {
    list.nodes.iter().all(|n| match n {
        Node::Text(t) => t.text.trim().is_empty(),
        Node::Comment(_) => true,
        _ => false,
    })
}

/// A sequence of nodes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListNode {
    pub pos: Pos,
    pub nodes: Vec<Node>,
}

impl ListNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        for n in &self.nodes {
            n.write_go(w, f)?;
        }
        Ok(())
    }
}

/// An element of a [`ListNode`].
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Plain text.
    Text(TextNode),
    /// A comment (only with `parse_comments`).
    Comment(CommentNode),
    /// A non-control action such as `{{.X}}` or `{{$x := 1}}`.
    Action(Box<ActionNode>),
    /// `{{if}}`; an `{{else if}}` chain is nested in `else_list`.
    If(Box<BranchNode>),
    /// `{{range}}`.
    Range(Box<BranchNode>),
    /// `{{with}}`; an `{{else with}}` chain is nested in `else_list`.
    With(Box<BranchNode>),
    /// `{{template "name" pipeline}}` (also produced by `{{block}}`).
    Template(Box<TemplateNode>),
    /// `{{break}}`.
    Break(BreakNode),
    /// `{{continue}}`.
    Continue(ContinueNode),
}

impl Node {
    /// Byte offset of the node.
    pub fn pos(&self) -> Pos {
        match self {
            Node::Text(n) => n.pos,
            Node::Comment(n) => n.pos,
            Node::Action(n) => n.pos,
            Node::If(n) | Node::Range(n) | Node::With(n) => n.pos,
            Node::Template(n) => n.pos,
            Node::Break(n) => n.pos,
            Node::Continue(n) => n.pos,
        }
    }

    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        match self {
            Node::Text(n) => n.write_go(w, f),
            Node::Comment(n) => n.write_go(w, f),
            Node::Action(n) => n.write_go(w, f),
            Node::If(n) => n.write_go(w, f, "if"),
            Node::Range(n) => n.write_go(w, f, "range"),
            Node::With(n) => n.write_go(w, f, "with"),
            Node::Template(n) => n.write_go(w, f),
            Node::Break(n) => n.write_go(w, f),
            Node::Continue(n) => n.write_go(w, f),
        }
    }
}

/// Plain text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextNode {
    pub pos: Pos,
    pub text: String,
}

impl TextNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        if f.quote_text {
            w.write_str(&go_quote(&self.text))
        } else {
            w.write_str(&self.text)
        }
    }
}

/// A comment; `text` includes the `/*` and `*/` markers.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentNode {
    pub pos: Pos,
    pub text: String,
}

impl CommentNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        w.write_str(f.left_delim)?;
        w.write_str(&self.text)?;
        w.write_str(f.right_delim)
    }
}

/// A simple action: evaluate the pipeline and print the result (unless the
/// pipeline declares/assigns variables).
#[derive(Debug, Clone, PartialEq)]
pub struct ActionNode {
    /// Position of the first token of the pipeline.
    pub pos: Pos,
    /// 1-based line of that token.
    pub line: usize,
    pub pipe: PipeNode,
}

impl ActionNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        w.write_str(f.left_delim)?;
        self.pipe.write_go(w, f)?;
        w.write_str(f.right_delim)
    }
}

/// The shared shape of `if`, `range` and `with`.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchNode {
    /// Position of the pipeline.
    pub pos: Pos,
    pub line: usize,
    pub pipe: PipeNode,
    /// Executed when the pipeline's value is non-empty.
    pub list: ListNode,
    /// Executed otherwise (None if there is no `{{else}}`).
    pub else_list: Option<ListNode>,
}

impl BranchNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt, keyword: &str) -> fmt::Result {
        w.write_str(f.left_delim)?;
        w.write_str(keyword)?;
        w.write_char(' ')?;
        self.pipe.write_go(w, f)?;
        w.write_str(f.right_delim)?;
        self.list.write_go(w, f)?;
        if let Some(else_list) = &self.else_list {
            w.write_str(f.left_delim)?;
            w.write_str("else")?;
            w.write_str(f.right_delim)?;
            else_list.write_go(w, f)?;
        }
        w.write_str(f.left_delim)?;
        w.write_str("end")?;
        w.write_str(f.right_delim)
    }
}

/// `{{template "name" pipeline}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateNode {
    /// Position of the name string.
    pub pos: Pos,
    pub line: usize,
    /// The template name, unquoted.
    pub name: String,
    /// The value passed as dot, if any.
    pub pipe: Option<PipeNode>,
}

impl TemplateNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        w.write_str(f.left_delim)?;
        w.write_str("template ")?;
        w.write_str(&go_quote(&self.name))?;
        if let Some(pipe) = &self.pipe {
            w.write_char(' ')?;
            pipe.write_go(w, f)?;
        }
        w.write_str(f.right_delim)
    }
}

/// `{{break}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakNode {
    pub pos: Pos,
    pub line: usize,
}

impl BreakNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        w.write_str(f.left_delim)?;
        w.write_str("break")?;
        w.write_str(f.right_delim)
    }
}

/// `{{continue}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContinueNode {
    pub pos: Pos,
    pub line: usize,
}

impl ContinueNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        w.write_str(f.left_delim)?;
        w.write_str("continue")?;
        w.write_str(f.right_delim)
    }
}

/// A pipeline with optional variable declarations or assignments.
#[derive(Debug, Clone, PartialEq)]
pub struct PipeNode {
    pub pos: Pos,
    pub line: usize,
    /// `$x = ...` (assignment) rather than `$x := ...` (declaration).
    pub is_assign: bool,
    /// Declared/assigned variables in order (at most two, for `range`).
    pub decl: Vec<VariableNode>,
    /// The commands, in order; each result is passed as the last argument
    /// of the next.
    pub cmds: Vec<CommandNode>,
}

impl PipeNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        if !self.decl.is_empty() {
            for (i, v) in self.decl.iter().enumerate() {
                if i > 0 {
                    w.write_str(", ")?;
                }
                v.write_go(w, f)?;
            }
            w.write_str(if self.is_assign { " = " } else { " := " })?;
        }
        for (i, c) in self.cmds.iter().enumerate() {
            if i > 0 {
                w.write_str(" | ")?;
            }
            c.write_go(w, f)?;
        }
        Ok(())
    }
}

/// One command of a pipeline: a function/method/value and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandNode {
    pub pos: Pos,
    pub args: Vec<Arg>,
}

impl CommandNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                w.write_char(' ')?;
            }
            if let Arg::Pipe(p) = arg {
                w.write_char('(')?;
                p.write_go(w, f)?;
                w.write_char(')')?;
            } else {
                arg.write_go(w, f)?;
            }
        }
        Ok(())
    }
}

/// An operand of a command.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// `.A.B`
    Field(FieldNode),
    /// `$x.A.B`
    Variable(VariableNode),
    /// A term followed by field accesses, e.g. `(pipeline).A` or `fn.A`.
    Chain(ChainNode),
    /// A function name.
    Identifier(IdentifierNode),
    /// `.`
    Dot(Pos),
    /// `nil`
    Nil(Pos),
    /// `true` / `false`
    Bool(BoolNode),
    /// A numeric or character constant.
    Number(Box<NumberNode>),
    /// A string constant.
    String(StringNode),
    /// A parenthesized pipeline.
    Pipe(Box<PipeNode>),
}

impl Arg {
    /// Byte offset of the operand.
    pub fn pos(&self) -> Pos {
        match self {
            Arg::Field(n) => n.pos,
            Arg::Variable(n) => n.pos,
            Arg::Chain(n) => n.pos,
            Arg::Identifier(n) => n.pos,
            Arg::Dot(p) | Arg::Nil(p) => *p,
            Arg::Bool(n) => n.pos,
            Arg::Number(n) => n.pos,
            Arg::String(n) => n.pos,
            Arg::Pipe(n) => n.pos,
        }
    }

    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        match self {
            Arg::Field(n) => n.write_go(w, f),
            Arg::Variable(n) => n.write_go(w, f),
            Arg::Chain(n) => n.write_go(w, f),
            Arg::Identifier(n) => w.write_str(&n.ident),
            Arg::Dot(_) => w.write_char('.'),
            Arg::Nil(_) => w.write_str("nil"),
            Arg::Bool(n) => w.write_str(if n.val { "true" } else { "false" }),
            Arg::Number(n) => w.write_str(&n.text),
            Arg::String(n) => w.write_str(&n.quoted),
            Arg::Pipe(n) => n.write_go(w, f),
        }
    }
}

/// A field chain on dot: `.A.B` has `ident == ["A", "B"]`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldNode {
    pub pos: Pos,
    pub ident: Vec<String>,
}

impl FieldNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, _f: &GoFmt) -> fmt::Result {
        for id in &self.ident {
            w.write_char('.')?;
            w.write_str(id)?;
        }
        Ok(())
    }
}

/// A variable with optional fields: `$x.A` has `ident == ["$x", "A"]`.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableNode {
    pub pos: Pos,
    pub ident: Vec<String>,
}

impl VariableNode {
    /// Splits `$x.A.B` into its parts.
    pub fn new(pos: Pos, text: &str) -> Self {
        VariableNode {
            pos,
            ident: text.split('.').map(str::to_string).collect(),
        }
    }

    /// The variable name, e.g. `$x`.
    pub fn name(&self) -> &str {
        self.ident.first().map_or("", String::as_str)
    }

    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, _f: &GoFmt) -> fmt::Result {
        for (i, id) in self.ident.iter().enumerate() {
            if i > 0 {
                w.write_char('.')?;
            }
            w.write_str(id)?;
        }
        Ok(())
    }
}

/// A term followed by field accesses: `(pipeline).A.B` or `fn.A`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainNode {
    /// Position of the first chained field.
    pub pos: Pos,
    pub node: Box<Arg>,
    pub field: Vec<String>,
}

impl ChainNode {
    /// Writes Go's `String()` form of the node.
    pub fn write_go(&self, w: &mut dyn Write, f: &GoFmt) -> fmt::Result {
        if let Arg::Pipe(p) = &*self.node {
            w.write_char('(')?;
            p.write_go(w, f)?;
            w.write_char(')')?;
        } else {
            self.node.write_go(w, f)?;
        }
        for field in &self.field {
            w.write_char('.')?;
            w.write_str(field)?;
        }
        Ok(())
    }
}

/// A function name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentifierNode {
    pub pos: Pos,
    pub ident: String,
}

/// `true` or `false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoolNode {
    pub pos: Pos,
    pub val: bool,
}

/// A string constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringNode {
    pub pos: Pos,
    /// The literal as written, quotes included.
    pub quoted: String,
    /// The value after unquoting.
    pub text: String,
}

/// How a number literal was lexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A plain number (possibly imaginary, e.g. `4i`).
    Number,
    /// A character constant such as `'a'`.
    Char,
    /// A complex constant such as `1+2i`.
    Complex,
}

/// A numeric constant, stored under every type that can represent it
/// (Go's simulation of untyped constants).
#[derive(Debug, Clone, PartialEq)]
pub struct NumberNode {
    pub pos: Pos,
    /// The value is an integer representable as i64.
    pub is_int: bool,
    /// The value is an integer representable as u64.
    pub is_uint: bool,
    /// The value is representable as f64.
    pub is_float: bool,
    /// The literal is complex (or imaginary).
    pub is_complex: bool,
    pub int64: i64,
    pub uint64: u64,
    pub float64: f64,
    /// (real, imaginary)
    pub complex128: (f64, f64),
    /// The literal as written.
    pub text: String,
}

impl NumberNode {
    /// Go's `newNumber`: interprets `text` and records every representation.
    /// The error is the bare message Go reports (e.g.
    /// `illegal number syntax: "0x"`).
    pub fn parse(pos: Pos, text: &str, kind: NumberKind) -> Result<NumberNode, String> {
        let mut n = NumberNode {
            pos,
            is_int: false,
            is_uint: false,
            is_float: false,
            is_complex: false,
            int64: 0,
            uint64: 0,
            float64: 0.0,
            complex128: (0.0, 0.0),
            text: text.to_string(),
        };
        match kind {
            NumberKind::Char => {
                let quote = *text.as_bytes().first().ok_or("invalid syntax")?;
                let body = text.get(1..).ok_or("invalid syntax")?;
                let (r, _, tail) = unquote_char(body, quote).map_err(|e| e.to_string())?;
                if tail != "'" {
                    return Err(format!("malformed character constant: {text}"));
                }
                n.int64 = i64::from(r);
                n.is_int = true;
                n.uint64 = u64::from(r);
                n.is_uint = true;
                n.float64 = f64::from(r);
                n.is_float = true;
                return Ok(n);
            }
            NumberKind::Complex => {
                let (re, im) = parse_complex(text)?;
                n.is_complex = true;
                n.complex128 = (re, im);
                n.simplify_complex();
                return Ok(n);
            }
            NumberKind::Number => {}
        }
        // Imaginary constants are complex unless they parse otherwise.
        if let Some(f) = text.strip_suffix('i').and_then(parse_float) {
            n.is_complex = true;
            n.complex128 = (0.0, f);
            n.simplify_complex();
            return Ok(n);
        }
        let u = parse_uint(text);
        if let Some(u) = u {
            n.is_uint = true;
            n.uint64 = u;
        }
        if let Some(i) = parse_int(text) {
            n.is_int = true;
            n.int64 = i;
            if i == 0 {
                // "-0" is an unsigned zero too.
                n.is_uint = true;
                n.uint64 = u.unwrap_or(0);
            }
        }
        if n.is_int {
            n.is_float = true;
            n.float64 = n.int64 as f64;
        } else if n.is_uint {
            n.is_float = true;
            n.float64 = n.uint64 as f64;
        } else if let Some(f) = parse_float(text) {
            // Parses as a float but looks like an integer: too big.
            if !text.contains(['.', 'e', 'E', 'p', 'P']) {
                return Err(format!("integer overflow: {}", go_quote(text)));
            }
            n.is_float = true;
            n.float64 = f;
            if let Some(i) = f64_to_i64_exact(f) {
                n.is_int = true;
                n.int64 = i;
            }
            if let Some(u) = f64_to_u64_exact(f) {
                n.is_uint = true;
                n.uint64 = u;
            }
        }
        if !n.is_int && !n.is_uint && !n.is_float {
            return Err(format!("illegal number syntax: {}", go_quote(text)));
        }
        Ok(n)
    }

    /// Records the float/int forms a complex value with zero imaginary
    /// part also has.
    fn simplify_complex(&mut self) {
        let (re, im) = self.complex128;
        self.is_float = im == 0.0;
        if self.is_float {
            self.float64 = re;
            if let Some(i) = f64_to_i64_exact(re) {
                self.is_int = true;
                self.int64 = i;
            }
            if let Some(u) = f64_to_u64_exact(re) {
                self.is_uint = true;
                self.uint64 = u;
            }
        }
    }
}

display_via_write_go!(
    ListNode,
    Node,
    TextNode,
    CommentNode,
    ActionNode,
    TemplateNode,
    BreakNode,
    ContinueNode,
    PipeNode,
    CommandNode,
    Arg,
    FieldNode,
    VariableNode,
    ChainNode,
);

// ---- Go number syntax (strconv semantics) ------------------------------------

/// `float64(int64(f)) == f` without relying on platform conversion quirks.
fn f64_to_i64_exact(f: f64) -> Option<i64> {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    (f.is_finite() && f.trunc() == f && (-LIMIT..LIMIT).contains(&f)).then_some(f as i64)
}

/// `float64(uint64(f)) == f` without relying on platform conversion quirks.
fn f64_to_u64_exact(f: f64) -> Option<u64> {
    const LIMIT: f64 = 18_446_744_073_709_551_616.0; // 2^64
    (f.is_finite() && f.trunc() == f && (0.0..LIMIT).contains(&f)).then_some(f as u64)
}

/// Go's `underscoreOK`: underscores may only separate digits (or follow a
/// base prefix).
fn underscore_ok(s: &str) -> bool {
    let mut b = s.as_bytes();
    if let Some(&c) = b.first()
        && (c == b'+' || c == b'-')
    {
        b = &b[1..];
    }
    // '^' start, '0' digit or prefix, '_' underscore, '!' other.
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1] | 0x20, b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = b[1] | 0x20 == b'x';
    }
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c.is_ascii_digit() || (hex && (b'a'..=b'f').contains(&(c | 0x20))) {
            saw = b'0';
            continue;
        }
        if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
            continue;
        }
        if saw == b'_' {
            return false;
        }
        saw = b'!';
    }
    saw != b'_'
}

/// Go's `strconv.ParseUint(s, 0, 64)`.
pub fn parse_uint(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() {
        return None;
    }
    let (base, digits): (u64, &[u8]) = if b[0] == b'0' {
        match b.get(1).map(|c| c | 0x20) {
            Some(b'b') if b.len() >= 3 => (2, &b[2..]),
            Some(b'o') if b.len() >= 3 => (8, &b[2..]),
            Some(b'x') if b.len() >= 3 => (16, &b[2..]),
            _ => (8, &b[1..]),
        }
    } else {
        (10, b)
    };
    let mut n: u64 = 0;
    let mut underscores = false;
    for &c in digits {
        let d = match c {
            b'_' => {
                underscores = true;
                continue;
            }
            b'0'..=b'9' => c - b'0',
            _ if (c | 0x20).is_ascii_lowercase() => (c | 0x20) - b'a' + 10,
            _ => return None,
        };
        if u64::from(d) >= base {
            return None;
        }
        n = n.checked_mul(base)?.checked_add(u64::from(d))?;
    }
    if underscores && !underscore_ok(s) {
        return None;
    }
    Some(n)
}

/// Go's `strconv.ParseInt(s, 0, 64)`.
pub fn parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        Some(_) => (false, s),
        None => return None,
    };
    let un = parse_uint(body)?;
    if neg {
        if un > 1u64 << 63 {
            return None;
        }
        Some((un as i64).wrapping_neg())
    } else {
        i64::try_from(un).ok()
    }
}

/// Go's `strconv.ParseFloat(s, 64)`: decimal and hexadecimal (`0x1.8p3`)
/// literals with `_` separators, `inf`/`infinity`/`nan`. Out-of-range values
/// are errors (None), as in Go.
pub fn parse_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut neg = false;
    if let Some(&c) = b.first()
        && (c == b'+' || c == b'-')
    {
        neg = c == b'-';
        i = 1;
    }
    let body = &s[i..];
    if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        return Some(if neg {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if i == 0 && body.eq_ignore_ascii_case("nan") {
        return Some(f64::NAN);
    }
    let hex = i + 2 < b.len() && b[i] == b'0' && b[i + 1] | 0x20 == b'x';
    if hex {
        i += 2;
    }
    let base: u64 = if hex { 16 } else { 10 };
    let max_mant_digits = if hex { 16 } else { 19 };
    let (mut underscores, mut saw_dot, mut saw_digits) = (false, false, false);
    let (mut nd, mut nd_mant, mut dp) = (0i64, 0i64, 0i64);
    let mut mant: u64 = 0;
    let mut trunc = false;
    while i < b.len() {
        let c = b[i];
        let d = if c == b'_' {
            underscores = true;
            i += 1;
            continue;
        } else if c == b'.' {
            if saw_dot {
                break;
            }
            saw_dot = true;
            dp = nd;
            i += 1;
            continue;
        } else if c.is_ascii_digit() {
            c - b'0'
        } else if hex && (b'a'..=b'f').contains(&(c | 0x20)) {
            (c | 0x20) - b'a' + 10
        } else {
            break;
        };
        saw_digits = true;
        i += 1;
        if c == b'0' && nd == 0 {
            // Leading zeros only move the point.
            dp -= 1;
            continue;
        }
        nd += 1;
        if nd_mant < max_mant_digits {
            mant = mant * base + u64::from(d);
            nd_mant += 1;
        } else if c != b'0' {
            trunc = true;
        }
    }
    if !saw_digits {
        return None;
    }
    if !saw_dot {
        dp = nd;
    }
    if hex {
        dp *= 4;
        nd_mant *= 4;
    }
    let exp_char = if hex { b'p' } else { b'e' };
    if i < b.len() && b[i] | 0x20 == exp_char {
        i += 1;
        let mut esign = 1i64;
        match b.get(i) {
            Some(b'+') => i += 1,
            Some(b'-') => {
                i += 1;
                esign = -1;
            }
            _ => {}
        }
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let mut e = 0i64;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            if b[i] == b'_' {
                underscores = true;
            } else if e < 10000 {
                e = e * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        dp += e * esign;
    } else if hex {
        // A hexadecimal mantissa requires a 'p' exponent.
        return None;
    }
    if i != b.len() || (underscores && !underscore_ok(s)) {
        return None;
    }
    if hex {
        let exp = if mant != 0 { dp - nd_mant } else { 0 };
        return hex_float(mant, exp, trunc, neg);
    }
    let f: f64 = if underscores {
        s.replace('_', "").parse().ok()?
    } else {
        s.parse().ok()?
    };
    (!f.is_infinite()).then_some(f)
}

/// Rounds `mant * 2^exp` (plus a sticky "more non-zero digits" bit when
/// `trunc`) to the nearest f64, ties to even. None on overflow.
fn hex_float(mant: u64, exp: i64, trunc: bool, neg: bool) -> Option<f64> {
    let sign = if neg { -1.0 } else { 1.0 };
    if mant == 0 {
        return Some(sign * 0.0);
    }
    let bits = 64 - i64::from(mant.leading_zeros());
    let top = bits - 1 + exp; // exponent of the leading bit
    // Significant bits available at this magnitude (fewer for subnormals).
    let keep = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    let drop = bits - keep;
    let (m, e) = if drop <= 0 {
        (u128::from(mant) << (-drop) as u32, exp + drop)
    } else if drop > 65 {
        (0, exp + drop)
    } else {
        let wide = u128::from(mant);
        let q = wide >> drop as u32;
        let rem = wide & ((1u128 << drop as u32) - 1);
        let half = 1u128 << (drop - 1) as u32;
        let up = rem > half || (rem == half && (trunc || q & 1 == 1));
        (q + u128::from(up), exp + drop)
    };
    if m == 0 {
        return Some(sign * 0.0);
    }
    let top = 127 - i64::from(m.leading_zeros()) + e;
    if top > 1023 {
        return None;
    }
    // m has at most 54 bits here, so the conversion is exact.
    let mut f = m as f64;
    let mut k = e;
    while k > 1000 {
        f *= 2f64.powi(1000);
        k -= 1000;
    }
    while k < -1000 {
        f *= 2f64.powi(-1000);
        k += 1000;
    }
    f *= 2f64.powi(k as i32);
    Some(sign * f)
}

/// Parses a complex literal `re±imi` (as lexed) like Go's `fmt.Sscan`.
fn parse_complex(text: &str) -> Result<(f64, f64), String> {
    let (split, _) = crate::template::lex::scan_number(text);
    let re_text = text.get(..split).unwrap_or("");
    let im_text = text
        .get(split..)
        .and_then(|s| s.strip_suffix('i'))
        .unwrap_or("");
    let parse = |s: &str| {
        parse_float(s).ok_or_else(|| {
            format!(
                "strconv.ParseFloat: parsing {}: invalid syntax",
                go_quote(s)
            )
        })
    };
    Ok((parse(re_text)?, parse(im_text)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::type_complexity)]
    /// Go's numberTests: (text, kind, is_int, is_uint, is_float, is_complex,
    /// int64, uint64, float64, complex128).
    const NUMBERS: &[(
        &str,
        NumberKind,
        bool,
        bool,
        bool,
        bool,
        i64,
        u64,
        f64,
        (f64, f64),
    )] = {
        use NumberKind::{Char as C, Complex as X, Number as N};
        &[
            ("0", N, true, true, true, false, 0, 0, 0.0, (0.0, 0.0)),
            ("-0", N, true, true, true, false, 0, 0, 0.0, (0.0, 0.0)),
            ("73", N, true, true, true, false, 73, 73, 73.0, (0.0, 0.0)),
            ("7_3", N, true, true, true, false, 73, 73, 73.0, (0.0, 0.0)),
            (
                "0b10_010_01",
                N,
                true,
                true,
                true,
                false,
                73,
                73,
                73.0,
                (0.0, 0.0),
            ),
            (
                "0B10_010_01",
                N,
                true,
                true,
                true,
                false,
                73,
                73,
                73.0,
                (0.0, 0.0),
            ),
            (
                "073",
                N,
                true,
                true,
                true,
                false,
                0o73,
                0o73,
                59.0,
                (0.0, 0.0),
            ),
            (
                "0o73",
                N,
                true,
                true,
                true,
                false,
                0o73,
                0o73,
                59.0,
                (0.0, 0.0),
            ),
            (
                "0O73",
                N,
                true,
                true,
                true,
                false,
                0o73,
                0o73,
                59.0,
                (0.0, 0.0),
            ),
            (
                "0x73",
                N,
                true,
                true,
                true,
                false,
                0x73,
                0x73,
                115.0,
                (0.0, 0.0),
            ),
            (
                "0X73",
                N,
                true,
                true,
                true,
                false,
                0x73,
                0x73,
                115.0,
                (0.0, 0.0),
            ),
            (
                "0x7_3",
                N,
                true,
                true,
                true,
                false,
                0x73,
                0x73,
                115.0,
                (0.0, 0.0),
            ),
            (
                "-73",
                N,
                true,
                false,
                true,
                false,
                -73,
                0,
                -73.0,
                (0.0, 0.0),
            ),
            ("+73", N, true, false, true, false, 73, 0, 73.0, (0.0, 0.0)),
            (
                "100",
                N,
                true,
                true,
                true,
                false,
                100,
                100,
                100.0,
                (0.0, 0.0),
            ),
            (
                "1e9",
                N,
                true,
                true,
                true,
                false,
                1_000_000_000,
                1_000_000_000,
                1e9,
                (0.0, 0.0),
            ),
            (
                "-1e9",
                N,
                true,
                false,
                true,
                false,
                -1_000_000_000,
                0,
                -1e9,
                (0.0, 0.0),
            ),
            ("-1.2", N, false, false, true, false, 0, 0, -1.2, (0.0, 0.0)),
            (
                "1e19",
                N,
                false,
                true,
                true,
                false,
                0,
                10_000_000_000_000_000_000,
                1e19,
                (0.0, 0.0),
            ),
            (
                "1e1_9",
                N,
                false,
                true,
                true,
                false,
                0,
                10_000_000_000_000_000_000,
                1e19,
                (0.0, 0.0),
            ),
            (
                "1E19",
                N,
                false,
                true,
                true,
                false,
                0,
                10_000_000_000_000_000_000,
                1e19,
                (0.0, 0.0),
            ),
            (
                "-1e19",
                N,
                false,
                false,
                true,
                false,
                0,
                0,
                -1e19,
                (0.0, 0.0),
            ),
            (
                "0x_1p4",
                N,
                true,
                true,
                true,
                false,
                16,
                16,
                16.0,
                (0.0, 0.0),
            ),
            (
                "0X_1P4",
                N,
                true,
                true,
                true,
                false,
                16,
                16,
                16.0,
                (0.0, 0.0),
            ),
            (
                "0x_1p-4",
                N,
                false,
                false,
                true,
                false,
                0,
                0,
                1.0 / 16.0,
                (0.0, 0.0),
            ),
            ("4i", N, false, false, false, true, 0, 0, 0.0, (0.0, 4.0)),
            (
                "-1.2+4.2i",
                X,
                false,
                false,
                false,
                true,
                0,
                0,
                0.0,
                (-1.2, 4.2),
            ),
            ("073i", N, false, false, false, true, 0, 0, 0.0, (0.0, 73.0)),
            ("0i", N, true, true, true, true, 0, 0, 0.0, (0.0, 0.0)),
            (
                "-1.2+0i",
                X,
                false,
                false,
                true,
                true,
                0,
                0,
                -1.2,
                (-1.2, 0.0),
            ),
            (
                "-12+0i",
                X,
                true,
                false,
                true,
                true,
                -12,
                0,
                -12.0,
                (-12.0, 0.0),
            ),
            (
                "13+0i",
                X,
                true,
                true,
                true,
                true,
                13,
                13,
                13.0,
                (13.0, 0.0),
            ),
            (
                "0123",
                N,
                true,
                true,
                true,
                false,
                0o123,
                0o123,
                83.0,
                (0.0, 0.0),
            ),
            ("-0x0", N, true, true, true, false, 0, 0, 0.0, (0.0, 0.0)),
            (
                "0xdeadbeef",
                N,
                true,
                true,
                true,
                false,
                0xdeadbeef,
                0xdeadbeef,
                3735928559.0,
                (0.0, 0.0),
            ),
            ("'a'", C, true, true, true, false, 97, 97, 97.0, (0.0, 0.0)),
            (
                r"'\n'",
                C,
                true,
                true,
                true,
                false,
                10,
                10,
                10.0,
                (0.0, 0.0),
            ),
            (
                r"'\\'",
                C,
                true,
                true,
                true,
                false,
                92,
                92,
                92.0,
                (0.0, 0.0),
            ),
            (
                r"'\''",
                C,
                true,
                true,
                true,
                false,
                39,
                39,
                39.0,
                (0.0, 0.0),
            ),
            (
                r"'\xFF'",
                C,
                true,
                true,
                true,
                false,
                0xff,
                0xff,
                255.0,
                (0.0, 0.0),
            ),
            (
                "'パ'",
                C,
                true,
                true,
                true,
                false,
                0x30d1,
                0x30d1,
                12497.0,
                (0.0, 0.0),
            ),
            (
                r"'\u30d1'",
                C,
                true,
                true,
                true,
                false,
                0x30d1,
                0x30d1,
                12497.0,
                (0.0, 0.0),
            ),
            (
                r"'\U000030d1'",
                C,
                true,
                true,
                true,
                false,
                0x30d1,
                0x30d1,
                12497.0,
                (0.0, 0.0),
            ),
            (
                "0xef",
                N,
                true,
                true,
                true,
                false,
                0xef,
                0xef,
                239.0,
                (0.0, 0.0),
            ),
            // Beyond Go's table.
            ("5.", N, true, true, true, false, 5, 5, 5.0, (0.0, 0.0)),
            (".5", N, false, false, true, false, 0, 0, 0.5, (0.0, 0.0)),
            ("0_1", N, true, true, true, false, 1, 1, 1.0, (0.0, 0.0)),
            (
                "1_000.5",
                N,
                false,
                false,
                true,
                false,
                0,
                0,
                1000.5,
                (0.0, 0.0),
            ),
            (
                "9223372036854775807",
                N,
                true,
                true,
                true,
                false,
                i64::MAX,
                i64::MAX as u64,
                i64::MAX as f64,
                (0.0, 0.0),
            ),
            (
                "9223372036854775808",
                N,
                false,
                true,
                true,
                false,
                0,
                1 << 63,
                (1u64 << 63) as f64,
                (0.0, 0.0),
            ),
            (
                "-9223372036854775808",
                N,
                true,
                false,
                true,
                false,
                i64::MIN,
                0,
                i64::MIN as f64,
                (0.0, 0.0),
            ),
            (
                "18446744073709551615",
                N,
                false,
                true,
                true,
                false,
                0,
                u64::MAX,
                1.8446744073709552e19,
                (0.0, 0.0),
            ),
            (
                "9.223372036854775808e18",
                N,
                false,
                true,
                true,
                false,
                0,
                1 << 63,
                (1u64 << 63) as f64,
                (0.0, 0.0),
            ),
            (
                "0x1p-1074",
                N,
                false,
                false,
                true,
                false,
                0,
                0,
                5e-324,
                (0.0, 0.0),
            ),
            (
                "0x1.8p-1075",
                N,
                false,
                false,
                true,
                false,
                0,
                0,
                5e-324,
                (0.0, 0.0),
            ),
            (
                "0x1p-1075",
                N,
                true,
                true,
                true,
                false,
                0,
                0,
                0.0,
                (0.0, 0.0),
            ),
            (
                "0x1.fffffffffffffp1023",
                N,
                false,
                false,
                true,
                false,
                0,
                0,
                f64::MAX,
                (0.0, 0.0),
            ),
            (
                "0x1.fffffffffffff7p1023",
                N,
                false,
                false,
                true,
                false,
                0,
                0,
                f64::MAX,
                (0.0, 0.0),
            ),
            (
                "0x1.0000000000000800000001p0",
                N,
                false,
                false,
                true,
                false,
                0,
                0,
                1.0000000000000002,
                (0.0, 0.0),
            ),
            (
                "0x1.00000000000008p0",
                N,
                true,
                true,
                true,
                false,
                1,
                1,
                1.0,
                (0.0, 0.0),
            ),
            (
                "0x1.00000000000018p0",
                N,
                false,
                false,
                true,
                false,
                0,
                0,
                1.0000000000000004,
                (0.0, 0.0),
            ),
            (
                "1.5e3",
                N,
                true,
                true,
                true,
                false,
                1500,
                1500,
                1500.0,
                (0.0, 0.0),
            ),
        ]
    };

    #[test]
    fn number_parse() {
        for &(text, kind, is_int, is_uint, is_float, is_complex, i, u, f, c) in NUMBERS {
            let n = NumberNode::parse(0, text, kind)
                .unwrap_or_else(|e| panic!("unexpected error for {text:?}: {e}"));
            assert_eq!(n.is_int, is_int, "is_int for {text:?}");
            assert_eq!(n.is_uint, is_uint, "is_uint for {text:?}");
            assert_eq!(n.is_float, is_float, "is_float for {text:?}");
            assert_eq!(n.is_complex, is_complex, "is_complex for {text:?}");
            if is_int {
                assert_eq!(n.int64, i, "int64 for {text:?}");
            }
            if is_uint && u != 0 {
                assert_eq!(n.uint64, u, "uint64 for {text:?}");
            }
            if is_float {
                assert_eq!(n.float64, f, "float64 for {text:?}");
            }
            if is_complex {
                assert_eq!(n.complex128, c, "complex128 for {text:?}");
            }
            assert_eq!(n.text, text);
        }
    }

    #[test]
    fn number_errors() {
        use NumberKind::*;
        let cases: &[(&str, NumberKind, &str)] = &[
            ("+-2", Number, r#"illegal number syntax: "+-2""#),
            ("0x123.", Number, r#"illegal number syntax: "0x123.""#),
            ("1e.", Number, r#"illegal number syntax: "1e.""#),
            ("0xi.", Number, r#"illegal number syntax: "0xi.""#),
            ("1+2.", Number, r#"illegal number syntax: "1+2.""#),
            ("'x", Char, "malformed character constant: 'x"),
            ("'xx'", Char, "malformed character constant: 'xx'"),
            (
                "'433937734937734969526500969526500'",
                Char,
                "malformed character constant: '433937734937734969526500969526500'",
            ),
            ("''", Char, "invalid syntax"),
            (r"'\q'", Char, "invalid syntax"),
            ("0xi", Number, r#"illegal number syntax: "0xi""#),
            ("0x", Number, r#"illegal number syntax: "0x""#),
            ("1.E", Number, r#"illegal number syntax: "1.E""#),
            ("089", Number, r#"integer overflow: "089""#),
            (
                "18446744073709551616",
                Number,
                r#"integer overflow: "18446744073709551616""#,
            ),
            ("1e400", Number, r#"illegal number syntax: "1e400""#),
            ("0x1p1024", Number, r#"illegal number syntax: "0x1p1024""#),
            (
                "0x1.fffffffffffff8p1023",
                Number,
                r#"illegal number syntax: "0x1.fffffffffffff8p1023""#,
            ),
            ("1__0", Number, r#"illegal number syntax: "1__0""#),
            ("1_", Number, r#"illegal number syntax: "1_""#),
            ("0x1.8", Number, r#"illegal number syntax: "0x1.8""#),
            ("0b", Number, r#"illegal number syntax: "0b""#),
            ("-", Number, r#"illegal number syntax: "-""#),
            (".", Number, r#"illegal number syntax: ".""#),
            (
                "0x10+2i",
                Complex,
                r#"strconv.ParseFloat: parsing "0x10": invalid syntax"#,
            ),
        ];
        for &(text, kind, want) in cases {
            match NumberNode::parse(0, text, kind) {
                Ok(n) => panic!("expected error for {text:?}, got {n:?}"),
                Err(e) => assert_eq!(e, want, "error for {text:?}"),
            }
        }
    }

    #[test]
    fn go_strconv() {
        assert_eq!(parse_int("0x7fffffffffffffff"), Some(i64::MAX));
        assert_eq!(parse_int("-0x8000000000000000"), Some(i64::MIN));
        assert_eq!(parse_int("0x8000000000000000"), None);
        assert_eq!(parse_int("+"), None);
        assert_eq!(parse_int("0x_1_f"), Some(31));
        assert_eq!(parse_uint("+1"), None);
        assert_eq!(parse_uint("0o"), None);
        assert_eq!(parse_uint("0"), Some(0));
        assert_eq!(parse_uint("00"), Some(0));
        assert_eq!(parse_uint("08"), None);
        assert_eq!(parse_float("1e-400"), Some(0.0));
        assert_eq!(parse_float("-0.0").map(f64::is_sign_negative), Some(true));
        assert_eq!(parse_float("Inf"), Some(f64::INFINITY));
        assert_eq!(parse_float("-infinity"), Some(f64::NEG_INFINITY));
        assert!(parse_float("nan").is_some_and(f64::is_nan));
        assert_eq!(parse_float("0x.8p1"), Some(1.0));
        assert_eq!(parse_float("0x0.01p0"), Some(1.0 / 256.0));
        assert_eq!(parse_float("1e"), None);
        assert_eq!(parse_float("e1"), None);
        assert_eq!(parse_float("1.2.3"), None);
        assert_eq!(
            parse_float("123456789012345678901234567890"),
            Some(1.2345678901234568e29)
        );
        assert_eq!(
            parse_float("0x1234567890abcdef1234p0"),
            Some(8.596805827263855e22)
        );
    }

    #[test]
    fn line_and_column() {
        let src = "ab\ncd\n\nefg";
        assert_eq!(line_col(src, 0), (1, 0));
        assert_eq!(line_col(src, 1), (1, 1));
        assert_eq!(line_col(src, 2), (1, 2));
        assert_eq!(line_col(src, 3), (2, 0));
        assert_eq!(line_col(src, 4), (2, 1));
        assert_eq!(line_col(src, 6), (3, 0));
        assert_eq!(line_col(src, 7), (4, 0));
        assert_eq!(line_col(src, 9), (4, 2));
        assert_eq!(line_col(src, 100), (4, 3));
        assert_eq!(line_col("", 0), (1, 0));
    }

    #[test]
    fn empty_tree() {
        let text = |t: &str| {
            Node::Text(TextNode {
                pos: 0,
                text: t.to_string(),
            })
        };
        let list = |nodes| ListNode { pos: 0, nodes };
        assert!(is_empty_tree(&list(vec![])));
        assert!(is_empty_tree(&list(vec![text(" \t\n\u{a0}\u{85}")])));
        assert!(!is_empty_tree(&list(vec![text(" x ")])));
        assert!(is_empty_tree(&list(vec![Node::Comment(CommentNode {
            pos: 0,
            text: "/* */".into()
        })])));
    }
}
