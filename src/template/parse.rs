//! Parser for Go `text/template` source, producing [`Tree`]s.
//!
//! A faithful re-implementation of Go's `text/template/parse` (Go 1.22+
//! semantics): the same grammar, the same three-token look-ahead (which
//! decides the line reported with an error), the same parse-time checks
//! (undefined functions and variables, `break`/`continue` outside `range`,
//! non-executable pipeline stages, ...) and the same messages.
//!
//! [`parse`] returns the main template under its name plus one tree per
//! `{{define}}`/`{{block}}`, applying Go's rule that a later empty-bodied
//! definition never replaces a non-empty one, while two non-empty
//! definitions of one name in a source are an error.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::mem;
use std::sync::Arc;

use crate::template::ast::{
    ActionNode, Arg, BoolNode, BranchNode, BreakNode, ChainNode, CommandNode, CommentNode,
    ContinueNode, FieldNode, IdentifierNode, ListNode, Node, NumberKind, NumberNode, PipeNode, Pos,
    StringNode, TemplateNode, TextNode, Tree, VariableNode, is_empty_tree, line_col,
};
use crate::template::lex::{Item, ItemKind, LexOptions, Lexer, go_quote, unquote};

/// Go's limit on nested parenthesized expressions.
pub const MAX_PAREN_DEPTH: usize = 10_000;

/// Limit on the nesting of actions (`if`, `range`, `with`, `block`) and
/// parentheses together. Go has no such limit (its stacks grow); this one
/// keeps hostile input from overflowing the native stack (about 4 KiB per
/// level in unoptimized builds, 1-2 KiB optimized). Real templates nest a
/// handful of levels; `else if`/`else with` chains do not count.
pub const MAX_NESTING_DEPTH: usize = 100;

/// A parse failure, formatted like Go's: `template: NAME:LINE: MESSAGE`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("template: {name}:{line}: {message}")]
pub struct ParseError {
    /// Name of the template being parsed (the top-level name, also for
    /// errors inside a `define`).
    pub name: String,
    /// 1-based line Go reports (that of the last token read).
    pub line: usize,
    /// Column (bytes from the line start, 0-based like Go's `ErrorContext`)
    /// of the last token read. Go itself does not report it.
    pub col: Option<usize>,
    /// The bare message, e.g. `function "foo" not defined`.
    pub message: String,
}

/// Parser settings beyond the defaults used by [`parse`].
#[derive(Debug, Clone, Copy)]
pub struct ParseOptions<'d> {
    /// Left delimiter; empty means `{{`.
    pub left_delim: &'d str,
    /// Right delimiter; empty means `}}`.
    pub right_delim: &'d str,
    /// Keep comments as [`Node::Comment`] (Go's `ParseComments` mode).
    pub parse_comments: bool,
    /// Do not check that functions exist (Go's `SkipFuncCheck` mode).
    pub skip_func_check: bool,
    /// Maximum nesting of parenthesized expressions.
    pub max_paren_depth: usize,
}

impl Default for ParseOptions<'_> {
    fn default() -> Self {
        ParseOptions {
            left_delim: "",
            right_delim: "",
            parse_comments: false,
            skip_func_check: false,
            max_paren_depth: MAX_PAREN_DEPTH,
        }
    }
}

/// Parses `src` as the template `name`. `funcs` tells whether a function
/// name is defined (it must include Go's builtins such as `printf`, `and`,
/// `eq` when they should be available). Returns every template defined by
/// the text, keyed by name, including `name` itself.
pub fn parse(
    name: &str,
    src: &str,
    funcs: &dyn Fn(&str) -> bool,
) -> Result<BTreeMap<String, Tree>, ParseError> {
    parse_with(name, src, &ParseOptions::default(), funcs)
}

/// [`parse`] with explicit options (custom delimiters, comments, ...).
pub fn parse_with<'a>(
    name: &str,
    src: &'a str,
    opts: &ParseOptions<'a>,
    funcs: &dyn Fn(&str) -> bool,
) -> Result<BTreeMap<String, Tree>, ParseError> {
    let left = if opts.left_delim.is_empty() {
        "{{"
    } else {
        opts.left_delim
    };
    let right = if opts.right_delim.is_empty() {
        "}}"
    } else {
        opts.right_delim
    };
    let lex_opts = LexOptions {
        emit_comment: opts.parse_comments,
        break_ok: !funcs("break"),
        continue_ok: !funcs("continue"),
    };
    let mut p = Parser {
        lex: Lexer::new(src, left, right, lex_opts),
        src,
        text: Arc::from(src),
        parse_name: name.to_string(),
        left,
        right,
        funcs,
        check_funcs: !opts.skip_func_check,
        max_paren_depth: opts.max_paren_depth,
        nesting: 0,
        trees: BTreeMap::new(),
        st: TreeState::new(),
    };
    let root = p.parse_top()?;
    let (line, pos) = p.last_token();
    p.add(name.to_string(), root, line, pos)?;
    Ok(p.trees)
}

/// Per-tree parsing state. A `{{define}}` or `{{block}}` body is parsed with
/// a fresh state (own look-ahead, no outer variables, not inside a range),
/// as Go parses it with a separate `Tree`.
struct TreeState<'a> {
    /// Look-ahead buffer; `token[0]` is always the last item read from the
    /// lexer, whose line Go reports with errors.
    token: [Item<'a>; 3],
    peek_count: usize,
    /// Variables in scope.
    vars: Vec<Cow<'a, str>>,
    /// Line of the left delimiter of the action being parsed (0: none).
    action_line: usize,
    range_depth: usize,
    paren_depth: usize,
}

impl TreeState<'_> {
    fn new() -> Self {
        let none = Item {
            kind: ItemKind::Eof,
            pos: 0,
            val: Cow::Borrowed(""),
            line: 0,
        };
        TreeState {
            token: [none.clone(), none.clone(), none],
            peek_count: 0,
            vars: vec![Cow::Borrowed("$")],
            action_line: 0,
            range_depth: 0,
            paren_depth: 0,
        }
    }
}

/// How an item list ended: `{{end}}` or `{{else}}` (its position).
#[derive(Debug, Clone, Copy)]
enum Ctl {
    End,
    Else(Pos),
}

/// What `text_or_action` found: a node, or a terminating `{{end}}`/`{{else}}`.
enum Parsed {
    Node(Node),
    Ctl(Ctl),
}

/// The three branch actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Branch {
    If,
    Range,
    With,
}

impl Branch {
    fn context(self) -> &'static str {
        match self {
            Branch::If => "if",
            Branch::Range => "range",
            Branch::With => "with",
        }
    }

    fn wrap(self, b: BranchNode) -> Node {
        match self {
            Branch::If => Node::If(Box::new(b)),
            Branch::Range => Node::Range(Box::new(b)),
            Branch::With => Node::With(Box::new(b)),
        }
    }
}

struct Parser<'a, 'f> {
    lex: Lexer<'a>,
    src: &'a str,
    text: Arc<str>,
    parse_name: String,
    left: &'a str,
    right: &'a str,
    funcs: &'f dyn Fn(&str) -> bool,
    check_funcs: bool,
    max_paren_depth: usize,
    /// Current nesting of actions and parentheses (all trees).
    nesting: usize,
    trees: BTreeMap<String, Tree>,
    st: TreeState<'a>,
}

type PResult<T> = Result<T, ParseError>;

// The functions on the recursive paths (item_list → text_or_action →
// action → branch → item_list, and term → pipeline → command → operand →
// term) are kept small; bulky work happens in non-recursive helpers so deep
// nesting costs little stack, even in unoptimized builds.
impl<'a> Parser<'a, '_> {
    // ---- token stream --------------------------------------------------------

    /// Consumes the next item; returns its index in the look-ahead buffer.
    fn advance(&mut self) -> usize {
        if self.st.peek_count > 0 {
            self.st.peek_count -= 1;
        } else {
            self.st.token[0] = self.lex.next_item();
        }
        self.st.peek_count.min(2)
    }

    fn next(&mut self) -> Item<'a> {
        let i = self.advance();
        self.st.token[i].clone()
    }

    fn backup(&mut self) {
        self.st.peek_count = (self.st.peek_count + 1).min(3);
    }

    /// Pushes back `t1`; the item in `token[0]` follows it.
    fn backup2(&mut self, t1: Item<'a>) {
        self.st.token[1] = t1;
        self.st.peek_count = 2;
    }

    /// Pushes back `t2` then `t1`; the item in `token[0]` follows them.
    fn backup3(&mut self, t2: Item<'a>, t1: Item<'a>) {
        self.st.token[1] = t1;
        self.st.token[2] = t2;
        self.st.peek_count = 3;
    }

    /// Index of the next item, read but not consumed.
    fn peek_index(&mut self) -> usize {
        if self.st.peek_count > 0 {
            return (self.st.peek_count - 1).min(2);
        }
        self.st.peek_count = 1;
        self.st.token[0] = self.lex.next_item();
        0
    }

    fn peek(&mut self) -> Item<'a> {
        let i = self.peek_index();
        self.st.token[i].clone()
    }

    fn peek_kind(&mut self) -> ItemKind {
        let i = self.peek_index();
        self.st.token[i].kind
    }

    /// Consumes items up to and including the next non-space one; returns
    /// its buffer index.
    fn advance_non_space(&mut self) -> usize {
        loop {
            let i = self.advance();
            if self.st.token[i].kind != ItemKind::Space {
                return i;
            }
        }
    }

    fn next_non_space(&mut self) -> Item<'a> {
        let i = self.advance_non_space();
        self.st.token[i].clone()
    }

    fn peek_non_space(&mut self) -> Item<'a> {
        let t = self.next_non_space();
        self.backup();
        t
    }

    /// Kind, position and line of the next non-space item (not consumed).
    fn peek_non_space_info(&mut self) -> (ItemKind, Pos, usize) {
        let i = self.advance_non_space();
        self.backup();
        let t = &self.st.token[i];
        (t.kind, t.pos, t.line)
    }

    // ---- errors --------------------------------------------------------------

    fn last_token(&self) -> (usize, Pos) {
        let t = &self.st.token[0];
        (t.line, t.pos)
    }

    fn error_at(&self, line: usize, pos: Pos, message: String) -> ParseError {
        ParseError {
            name: self.parse_name.clone(),
            line,
            col: Some(line_col(self.src, pos).1),
            message,
        }
    }

    /// Go's `errorf`: reports the line of the last token read.
    #[cold]
    fn fail<T>(&self, message: impl Into<String>) -> PResult<T> {
        let (line, pos) = self.last_token();
        Err(self.error_at(line, pos, message.into()))
    }

    #[cold]
    fn unexpected<T>(&self, token: &Item<'a>, context: &str) -> PResult<T> {
        if token.kind == ItemKind::Error {
            let mut extra = String::new();
            if self.st.action_line != 0 && self.st.action_line != token.line {
                extra = if token.val.ends_with(" action") {
                    format!(" started at {}:{}", self.parse_name, self.st.action_line)
                } else {
                    format!(
                        " in action started at {}:{}",
                        self.parse_name, self.st.action_line
                    )
                };
            }
            return self.fail(format!("{token}{extra}"));
        }
        self.fail(format!("unexpected {token} in {context}"))
    }

    fn expect(&mut self, kind: ItemKind, context: &str) -> PResult<Item<'a>> {
        let token = self.next_non_space();
        if token.kind != kind {
            return self.unexpected(&token, context);
        }
        Ok(token)
    }

    fn ctl_string(&self, c: Ctl) -> String {
        match c {
            Ctl::End => format!("{}end{}", self.left, self.right),
            Ctl::Else(_) => format!("{}else{}", self.left, self.right),
        }
    }

    fn enter(&mut self, paren: bool) -> PResult<()> {
        if self.nesting >= MAX_NESTING_DEPTH {
            return self.fail(if paren {
                "max expression depth exceeded"
            } else {
                "max nesting depth exceeded"
            });
        }
        self.nesting += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.nesting = self.nesting.saturating_sub(1);
    }

    // ---- trees -----------------------------------------------------------------

    /// Go's `Tree.add`: an empty definition never replaces a non-empty one;
    /// two non-empty definitions are an error.
    fn add(&mut self, name: String, root: ListNode, line: usize, pos: Pos) -> PResult<()> {
        if let Some(existing) = self.trees.get(&name)
            && !is_empty_tree(&existing.root)
        {
            if !is_empty_tree(&root) {
                return Err(self.error_at(
                    line,
                    pos,
                    format!(
                        "template: multiple definition of template {}",
                        go_quote(&name)
                    ),
                ));
            }
            return Ok(());
        }
        let tree = Tree {
            name: name.clone(),
            parse_name: self.parse_name.clone(),
            root,
            text: Arc::clone(&self.text),
            left_delim: self.left.to_string(),
            right_delim: self.right.to_string(),
        };
        self.trees.insert(name, tree);
        Ok(())
    }

    /// The top level: like `item_list` but also handles `{{define}}` and
    /// runs to EOF.
    fn parse_top(&mut self) -> PResult<ListNode> {
        let mut root = ListNode {
            pos: self.peek().pos,
            nodes: Vec::new(),
        };
        while self.peek_kind() != ItemKind::Eof {
            if self.peek_kind() == ItemKind::LeftDelim {
                let delim = self.next();
                if self.next_non_space().kind == ItemKind::Define {
                    self.parse_definition()?;
                    continue;
                }
                self.backup2(delim);
            }
            match self.text_or_action()? {
                Parsed::Node(n) => root.nodes.push(n),
                Parsed::Ctl(c) => {
                    let s = self.ctl_string(c);
                    return self.fail(format!("unexpected {s}"));
                }
            }
        }
        root.nodes.shrink_to_fit();
        Ok(root)
    }

    /// `{{define "name"}} ... {{end}}`; the keyword has been read.
    fn parse_definition(&mut self) -> PResult<()> {
        let outer = mem::replace(&mut self.st, TreeState::new());
        let result = self.parse_definition_body();
        self.st = outer;
        result
    }

    fn parse_definition_body(&mut self) -> PResult<()> {
        const CONTEXT: &str = "define clause";
        let token = self.next_non_space();
        if token.kind != ItemKind::String && token.kind != ItemKind::RawString {
            return self.unexpected(&token, CONTEXT);
        }
        let name = match unquote(&token.val) {
            Ok(n) => n,
            Err(e) => return self.fail(e.to_string()),
        };
        self.expect(ItemKind::RightDelim, CONTEXT)?;
        let (root, end) = self.item_list()?;
        if let Ctl::Else(_) = end {
            let s = self.ctl_string(end);
            return self.fail(format!("unexpected {s} in {CONTEXT}"));
        }
        let (line, pos) = self.last_token();
        self.add(name, root, line, pos)
    }

    /// `textOrAction*`, terminated by `{{end}}` or `{{else}}` (returned).
    fn item_list(&mut self) -> PResult<(ListNode, Ctl)> {
        let mut list = ListNode {
            pos: self.peek_non_space_info().1,
            nodes: Vec::new(),
        };
        while self.peek_non_space_info().0 != ItemKind::Eof {
            match self.text_or_action() {
                Ok(Parsed::Node(n)) => list.nodes.push(n),
                Ok(Parsed::Ctl(c)) => {
                    // Parsed trees live for the whole render: no spare room.
                    list.nodes.shrink_to_fit();
                    return Ok((list, c));
                }
                Err(e) => return Err(e),
            }
        }
        self.fail("unexpected EOF")
    }

    fn text_or_action(&mut self) -> PResult<Parsed> {
        let (kind, _, line) = self.peek_non_space_info();
        if kind == ItemKind::LeftDelim {
            self.advance_non_space();
            return self.action(line);
        }
        self.text_or_comment()
    }

    /// The non-action cases of `text_or_action`.
    fn text_or_comment(&mut self) -> PResult<Parsed> {
        let token = self.next_non_space();
        match token.kind {
            ItemKind::Text => Ok(Parsed::Node(Node::Text(TextNode {
                pos: token.pos,
                text: token.val.into_owned(),
            }))),
            ItemKind::Comment => Ok(Parsed::Node(Node::Comment(CommentNode {
                pos: token.pos,
                text: token.val.into_owned(),
            }))),
            _ => self.unexpected(&token, "input"),
        }
    }

    // ---- actions ---------------------------------------------------------------

    /// An action after its left delimiter (on `line`).
    fn action(&mut self, line: usize) -> PResult<Parsed> {
        self.st.action_line = line;
        self.enter(false)?;
        let result = self.action_body();
        self.leave();
        self.st.action_line = 0;
        result
    }

    /// A control keyword or a pipeline.
    fn action_body(&mut self) -> PResult<Parsed> {
        let i = self.advance_non_space();
        match self.st.token[i].kind {
            ItemKind::Block => self.block_control(),
            ItemKind::Break | ItemKind::Continue => self.loop_control(i),
            ItemKind::Else => self.else_control(),
            ItemKind::End => self.end_control(),
            ItemKind::If => self.branch(Branch::If),
            ItemKind::Range => self.branch(Branch::Range),
            ItemKind::Template => self.template_control(),
            ItemKind::With => self.branch(Branch::With),
            _ => {
                self.backup();
                self.simple_action()
            }
        }
    }

    /// A pipeline action such as `{{.X | f}}`.
    fn simple_action(&mut self) -> PResult<Parsed> {
        let (_, pos, line) = self.peek_non_space_info();
        // Declared variables persist until the enclosing {{end}}.
        let pipe = self.pipeline("command", ItemKind::RightDelim)?;
        Ok(Parsed::Node(Node::Action(Box::new(ActionNode {
            pos,
            line,
            pipe,
        }))))
    }

    fn end_control(&mut self) -> PResult<Parsed> {
        self.expect(ItemKind::RightDelim, "end")?;
        Ok(Parsed::Ctl(Ctl::End))
    }

    /// `{{break}}` / `{{continue}}`; the keyword is at buffer index `i`.
    fn loop_control(&mut self, i: usize) -> PResult<Parsed> {
        let keyword = self.st.token[i].clone();
        let is_break = keyword.kind == ItemKind::Break;
        let name = if is_break {
            "{{break}}"
        } else {
            "{{continue}}"
        };
        let token = self.next_non_space();
        if token.kind != ItemKind::RightDelim {
            return self.unexpected(&token, name);
        }
        if self.st.range_depth == 0 {
            return self.fail(format!("{name} outside {{{{range}}}}"));
        }
        let (pos, line) = (keyword.pos, keyword.line);
        Ok(Parsed::Node(if is_break {
            Node::Break(BreakNode { pos, line })
        } else {
            Node::Continue(ContinueNode { pos, line })
        }))
    }

    /// `{{else}}`, or the `else` of `{{else if ...}}`/`{{else with ...}}`
    /// (leaving the `if`/`with` keyword to be read by the caller).
    fn else_control(&mut self) -> PResult<Parsed> {
        let (kind, pos, _) = self.peek_non_space_info();
        if kind == ItemKind::If || kind == ItemKind::With {
            return Ok(Parsed::Ctl(Ctl::Else(pos)));
        }
        let token = self.expect(ItemKind::RightDelim, "else")?;
        Ok(Parsed::Ctl(Ctl::Else(token.pos)))
    }

    fn branch(&mut self, kind: Branch) -> PResult<Parsed> {
        match self.parse_control(kind) {
            Ok(b) => Ok(Parsed::Node(kind.wrap(b))),
            Err(e) => Err(e),
        }
    }

    /// The body of `if`/`range`/`with`: pipeline, list, optional else list.
    /// Variables declared in the pipelines go out of scope at the end.
    fn parse_control(&mut self, kind: Branch) -> PResult<BranchNode> {
        let vars_len = self.st.vars.len();
        let result = self.control_chain(kind);
        self.st.vars.truncate(vars_len);
        result
    }

    /// `{{else if x}}` is `{{else}}{{if x}}...{{end}}` with the inner
    /// `{{end}}` shared (likewise `{{else with x}}`), so a chain nests. The
    /// links are parsed in a loop and nested afterwards, keeping long chains
    /// off the native stack; each link's variables stay visible to the
    /// following links, as in Go.
    fn control_chain(&mut self, kind: Branch) -> PResult<BranchNode> {
        let mut links: Vec<(PipeNode, ListNode, Pos)> = Vec::new();
        let mut node = loop {
            let pipe = self.pipeline(kind.context(), ItemKind::RightDelim)?;
            if kind == Branch::Range {
                self.st.range_depth += 1;
            }
            let body = self.item_list();
            if kind == Branch::Range {
                self.st.range_depth -= 1;
            }
            let (list, ctl) = body?;
            let Ctl::Else(else_pos) = ctl else {
                break BranchNode {
                    pos: pipe.pos,
                    line: pipe.line,
                    pipe,
                    list,
                    else_list: None,
                };
            };
            let chained = matches!(
                (kind, self.peek_kind()),
                (Branch::If, ItemKind::If) | (Branch::With, ItemKind::With)
            );
            if chained {
                self.advance();
                links.push((pipe, list, else_pos));
                continue;
            }
            let (else_list, ctl) = self.item_list()?;
            if let Ctl::Else(_) = ctl {
                let s = self.ctl_string(ctl);
                return self.fail(format!("expected end; found {s}"));
            }
            break BranchNode {
                pos: pipe.pos,
                line: pipe.line,
                pipe,
                list,
                else_list: Some(else_list),
            };
        };
        while let Some((pipe, list, else_pos)) = links.pop() {
            node = BranchNode {
                pos: pipe.pos,
                line: pipe.line,
                pipe,
                list,
                else_list: Some(ListNode {
                    pos: else_pos,
                    nodes: vec![kind.wrap(node)],
                }),
            };
        }
        Ok(node)
    }

    /// `{{block "name" pipeline}} ... {{end}}`: defines `name` and invokes it.
    fn block_control(&mut self) -> PResult<Parsed> {
        const CONTEXT: &str = "block clause";
        let token = self.next_non_space();
        let name = self.parse_template_name(&token, CONTEXT)?;
        let pipe = self.pipeline(CONTEXT, ItemKind::RightDelim)?;

        let outer = mem::replace(&mut self.st, TreeState::new());
        let body = self.item_list();
        let block = mem::replace(&mut self.st, outer);
        let (root, end) = body?;
        if let Ctl::Else(_) = end {
            let s = self.ctl_string(end);
            return self.fail(format!("unexpected {s} in {CONTEXT}"));
        }
        let last = &block.token[0];
        self.add(name.clone(), root, last.line, last.pos)?;
        Ok(Parsed::Node(Node::Template(Box::new(TemplateNode {
            pos: token.pos,
            line: token.line,
            name,
            pipe: Some(pipe),
        }))))
    }

    /// `{{template "name" [pipeline]}}`.
    fn template_control(&mut self) -> PResult<Parsed> {
        const CONTEXT: &str = "template clause";
        let token = self.next_non_space();
        let name = self.parse_template_name(&token, CONTEXT)?;
        let mut pipe = None;
        let i = self.advance_non_space();
        if self.st.token[i].kind != ItemKind::RightDelim {
            self.backup();
            pipe = Some(self.pipeline(CONTEXT, ItemKind::RightDelim)?);
        }
        Ok(Parsed::Node(Node::Template(Box::new(TemplateNode {
            pos: token.pos,
            line: token.line,
            name,
            pipe,
        }))))
    }

    fn parse_template_name(&mut self, token: &Item<'a>, context: &str) -> PResult<String> {
        match token.kind {
            ItemKind::String | ItemKind::RawString => match unquote(&token.val) {
                Ok(s) => Ok(s),
                Err(e) => self.fail(e.to_string()),
            },
            _ => self.unexpected(token, context),
        }
    }

    // ---- pipelines ---------------------------------------------------------------

    /// `declarations? command ('|' command)*`, up to `end` (consumed).
    fn pipeline(&mut self, context: &str, end: ItemKind) -> PResult<PipeNode> {
        let (_, pos, line) = self.peek_non_space_info();
        let mut pipe = PipeNode {
            pos,
            line,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        };
        self.declarations(&mut pipe, context)?;
        loop {
            let i = self.advance_non_space();
            let kind = self.st.token[i].kind;
            if kind == end {
                self.check_pipeline(&pipe, context)?;
                pipe.cmds.shrink_to_fit();
                return Ok(pipe);
            }
            match kind {
                ItemKind::Bool
                | ItemKind::CharConstant
                | ItemKind::Complex
                | ItemKind::Dot
                | ItemKind::Field
                | ItemKind::Identifier
                | ItemKind::Number
                | ItemKind::Nil
                | ItemKind::RawString
                | ItemKind::String
                | ItemKind::Variable
                | ItemKind::LeftParen => {
                    self.backup();
                    match self.command() {
                        Ok(cmd) => pipe.cmds.push(cmd),
                        Err(e) => return Err(e),
                    }
                }
                _ => {
                    let token = self.st.token[i].clone();
                    return self.unexpected(&token, context);
                }
            }
        }
    }

    /// Variable declarations or assignments at the start of a pipeline.
    /// "$x foo" needs three items of look-ahead to tell an argument variable
    /// from "$x :=".
    fn declarations(&mut self, pipe: &mut PipeNode, context: &str) -> PResult<()> {
        loop {
            let v = self.peek_non_space();
            if v.kind != ItemKind::Variable {
                return Ok(());
            }
            self.advance();
            let after = self.peek();
            let next = self.peek_non_space();
            match next.kind {
                ItemKind::Assign | ItemKind::Declare => {
                    pipe.is_assign = next.kind == ItemKind::Assign;
                    self.advance_non_space();
                    pipe.decl.push(VariableNode::new(v.pos, &v.val));
                    self.st.vars.push(v.val);
                    return Ok(());
                }
                ItemKind::Char if next.val == "," => {
                    self.advance_non_space();
                    pipe.decl.push(VariableNode::new(v.pos, &v.val));
                    self.st.vars.push(v.val);
                    if context == "range" && pipe.decl.len() < 2 {
                        match self.peek_non_space_info().0 {
                            ItemKind::Variable | ItemKind::RightDelim | ItemKind::RightParen => {
                                // The second variable of a range.
                                continue;
                            }
                            _ => return self.fail("range can only initialize variables"),
                        }
                    }
                    return self.fail(format!("too many declarations in {context}"));
                }
                _ if after.kind == ItemKind::Space => {
                    self.backup3(v, after);
                    return Ok(());
                }
                _ => {
                    self.backup2(v);
                    return Ok(());
                }
            }
        }
    }

    fn check_pipeline(&self, pipe: &PipeNode, context: &str) -> PResult<()> {
        if pipe.cmds.is_empty() {
            return self.fail(format!("missing value for {context}"));
        }
        // Only the first command may start with a non-executable operand.
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if let Some(
                Arg::Bool(_) | Arg::Dot(_) | Arg::Nil(_) | Arg::Number(_) | Arg::String(_),
            ) = c.args.first()
            {
                return self.fail(format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                ));
            }
        }
        Ok(())
    }

    /// Space-separated operands up to `|` (consumed) or a right delimiter
    /// or parenthesis (left in place).
    fn command(&mut self) -> PResult<CommandNode> {
        let pos = self.peek_non_space_info().1;
        let mut args = Vec::new();
        loop {
            self.peek_non_space_info(); // skip leading spaces
            match self.operand() {
                Ok(Some(arg)) => args.push(arg),
                Ok(None) => {}
                Err(e) => return Err(e),
            }
            let i = self.advance();
            match self.st.token[i].kind {
                ItemKind::Space => continue,
                ItemKind::RightDelim | ItemKind::RightParen => self.backup(),
                ItemKind::Pipe => {}
                _ => {
                    let token = self.st.token[i].clone();
                    return self.unexpected(&token, "operand");
                }
            }
            break;
        }
        if args.is_empty() {
            return self.fail("empty command");
        }
        args.shrink_to_fit();
        Ok(CommandNode { pos, args })
    }

    /// `term .Field*`.
    fn operand(&mut self) -> PResult<Option<Arg>> {
        match self.term() {
            Ok(Some(node)) if self.peek_kind() == ItemKind::Field => self.chain(node).map(Some),
            other => other,
        }
    }

    /// The field accesses following a term.
    fn chain(&mut self, node: Arg) -> PResult<Arg> {
        let chain_pos = self.peek().pos;
        let mut fields = Vec::new();
        while self.peek_kind() == ItemKind::Field {
            let t = self.next();
            fields.push(t.val.get(1..).unwrap_or("").to_string());
        }
        // Fields and variables absorb the chain (positioned at its first
        // chained field, as Go does); literals cannot take fields.
        Ok(match node {
            Arg::Field(mut f) => {
                f.ident.extend(fields);
                Arg::Field(FieldNode {
                    pos: chain_pos,
                    ident: f.ident,
                })
            }
            Arg::Variable(mut v) => {
                v.ident.extend(fields);
                Arg::Variable(VariableNode {
                    pos: chain_pos,
                    ident: v.ident,
                })
            }
            Arg::Bool(_) | Arg::String(_) | Arg::Number(_) | Arg::Nil(_) | Arg::Dot(_) => {
                return self.fail(format!(
                    "unexpected . after term {}",
                    go_quote(&node.to_string())
                ));
            }
            other => Arg::Chain(ChainNode {
                pos: chain_pos,
                node: Box::new(other),
                field: fields,
            }),
        })
    }

    /// A literal, function name, `.`, `.Field`, `$var` or `( pipeline )`.
    /// None when the next item is not a term.
    fn term(&mut self) -> PResult<Option<Arg>> {
        let (kind, pos, _) = self.peek_non_space_info();
        if kind == ItemKind::LeftParen {
            self.advance_non_space();
            return self.paren_pipeline(pos);
        }
        self.leaf_term()
    }

    /// `( pipeline )`; the parenthesis has been read.
    fn paren_pipeline(&mut self, _pos: Pos) -> PResult<Option<Arg>> {
        if self.st.paren_depth >= self.max_paren_depth {
            return self.fail("max expression depth exceeded");
        }
        self.enter(true)?;
        self.st.paren_depth += 1;
        let pipe = self.pipeline("parenthesized pipeline", ItemKind::RightParen);
        self.st.paren_depth -= 1;
        self.leave();
        match pipe {
            Ok(p) => Ok(Some(Arg::Pipe(Box::new(p)))),
            Err(e) => Err(e),
        }
    }

    /// The non-recursive terms.
    fn leaf_term(&mut self) -> PResult<Option<Arg>> {
        let token = self.next_non_space();
        let pos = token.pos;
        let arg = match token.kind {
            ItemKind::Identifier => {
                if self.check_funcs && !(self.funcs)(&token.val) {
                    return self.fail(format!("function {} not defined", go_quote(&token.val)));
                }
                Arg::Identifier(IdentifierNode {
                    pos,
                    ident: token.val.into_owned(),
                })
            }
            ItemKind::Dot => Arg::Dot(pos),
            ItemKind::Nil => Arg::Nil(pos),
            ItemKind::Variable => self.use_var(pos, &token.val)?,
            ItemKind::Field => Arg::Field(FieldNode {
                pos,
                ident: token
                    .val
                    .get(1..)
                    .unwrap_or("")
                    .split('.')
                    .map(str::to_string)
                    .collect(),
            }),
            ItemKind::Bool => Arg::Bool(BoolNode {
                pos,
                val: token.val == "true",
            }),
            ItemKind::CharConstant | ItemKind::Complex | ItemKind::Number => {
                let kind = match token.kind {
                    ItemKind::CharConstant => NumberKind::Char,
                    ItemKind::Complex => NumberKind::Complex,
                    _ => NumberKind::Number,
                };
                match NumberNode::parse(pos, &token.val, kind) {
                    Ok(n) => Arg::Number(Box::new(n)),
                    Err(msg) => return self.fail(msg),
                }
            }
            ItemKind::String | ItemKind::RawString => match unquote(&token.val) {
                Ok(text) => Arg::String(StringNode {
                    pos,
                    quoted: token.val.into_owned(),
                    text,
                }),
                Err(e) => return self.fail(e.to_string()),
            },
            _ => {
                self.backup();
                return Ok(None);
            }
        };
        Ok(Some(arg))
    }

    /// A variable reference; it must be in scope.
    fn use_var(&self, pos: Pos, name: &str) -> PResult<Arg> {
        let v = VariableNode::new(pos, name);
        if self.st.vars.iter().any(|n| n.as_ref() == v.name()) {
            return Ok(Arg::Variable(v));
        }
        self.fail(format!("undefined variable {}", go_quote(v.name())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtins(name: &str) -> bool {
        matches!(name, "printf" | "contains")
    }

    fn no_funcs(_: &str) -> bool {
        false
    }

    /// Parses like Go's testParse (paren depth limit 3, builtins printf and
    /// contains) and renders the main tree with quoted text.
    fn go_parse(name: &str, input: &str) -> Result<String, String> {
        let opts = ParseOptions {
            max_paren_depth: 3,
            ..ParseOptions::default()
        };
        match parse_with(name, input, &opts, &builtins) {
            Ok(trees) => match trees.get(name) {
                Some(t) => Ok(t.to_go_string(true)),
                None => Err("main tree missing".into()),
            },
            Err(e) => Err(e.to_string()),
        }
    }

    /// Go's parseTests, with the exact error messages Go produces.
    #[test]
    fn parse_table() {
        type Case<'c> = (&'c str, &'c str, Result<&'c str, &'c str>);
        let cases: &[Case] = &[
            ("empty", "", Ok("")),
            ("comment", "{{/*\n\n\n*/}}", Ok("")),
            ("spaces", " \t\n", Ok("\" \\t\\n\"")),
            ("text", "some text", Ok("\"some text\"")),
            (
                "emptyAction",
                "{{}}",
                Err("template: t:1: missing value for command"),
            ),
            ("field", "{{.X}}", Ok("{{.X}}")),
            ("simple command", "{{printf}}", Ok("{{printf}}")),
            ("$ invocation", "{{$}}", Ok("{{$}}")),
            (
                "variable invocation",
                "{{with $x := 3}}{{$x 23}}{{end}}",
                Ok("{{with $x := 3}}{{$x 23}}{{end}}"),
            ),
            ("variable with fields", "{{$.I}}", Ok("{{$.I}}")),
            (
                "multi-word command",
                "{{printf `%d` 23}}",
                Ok("{{printf `%d` 23}}"),
            ),
            ("pipeline", "{{.X|.Y}}", Ok("{{.X | .Y}}")),
            (
                "pipeline with decl",
                "{{$x := .X|.Y}}",
                Ok("{{$x := .X | .Y}}"),
            ),
            (
                "nested pipeline",
                "{{.X (.Y .Z) (.A | .B .C) (.E)}}",
                Ok("{{.X (.Y .Z) (.A | .B .C) (.E)}}"),
            ),
            (
                "field applied to parentheses",
                "{{(.Y .Z).Field}}",
                Ok("{{(.Y .Z).Field}}"),
            ),
            (
                "simple if",
                "{{if .X}}hello{{end}}",
                Ok("{{if .X}}\"hello\"{{end}}"),
            ),
            (
                "if with else",
                "{{if .X}}true{{else}}false{{end}}",
                Ok("{{if .X}}\"true\"{{else}}\"false\"{{end}}"),
            ),
            (
                "if with else if",
                "{{if .X}}true{{else if .Y}}false{{end}}",
                Ok("{{if .X}}\"true\"{{else}}{{if .Y}}\"false\"{{end}}{{end}}"),
            ),
            (
                "if else chain",
                "+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+",
                Ok(
                    "\"+\"{{if .X}}\"X\"{{else}}{{if .Y}}\"Y\"{{else}}{{if .Z}}\"Z\"{{end}}{{end}}{{end}}\"+\"",
                ),
            ),
            (
                "simple range",
                "{{range .X}}hello{{end}}",
                Ok("{{range .X}}\"hello\"{{end}}"),
            ),
            (
                "chained field range",
                "{{range .X.Y.Z}}hello{{end}}",
                Ok("{{range .X.Y.Z}}\"hello\"{{end}}"),
            ),
            (
                "nested range",
                "{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}",
                Ok("{{range .X}}\"hello\"{{range .Y}}\"goodbye\"{{end}}{{end}}"),
            ),
            (
                "range with else",
                "{{range .X}}true{{else}}false{{end}}",
                Ok("{{range .X}}\"true\"{{else}}\"false\"{{end}}"),
            ),
            (
                "range over pipeline",
                "{{range .X|.M}}true{{else}}false{{end}}",
                Ok("{{range .X | .M}}\"true\"{{else}}\"false\"{{end}}"),
            ),
            (
                "range []int",
                "{{range .SI}}{{.}}{{end}}",
                Ok("{{range .SI}}{{.}}{{end}}"),
            ),
            (
                "range 1 var",
                "{{range $x := .SI}}{{.}}{{end}}",
                Ok("{{range $x := .SI}}{{.}}{{end}}"),
            ),
            (
                "range 2 vars",
                "{{range $x, $y := .SI}}{{.}}{{end}}",
                Ok("{{range $x, $y := .SI}}{{.}}{{end}}"),
            ),
            (
                "range with break",
                "{{range .SI}}{{.}}{{break}}{{end}}",
                Ok("{{range .SI}}{{.}}{{break}}{{end}}"),
            ),
            (
                "range with continue",
                "{{range .SI}}{{.}}{{continue}}{{end}}",
                Ok("{{range .SI}}{{.}}{{continue}}{{end}}"),
            ),
            (
                "constants",
                "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}",
                Ok("{{range .SI 1 -3.2i true false 'a' nil}}{{end}}"),
            ),
            ("template", "{{template `x`}}", Ok("{{template \"x\"}}")),
            (
                "template with arg",
                "{{template `x` .Y}}",
                Ok("{{template \"x\" .Y}}"),
            ),
            (
                "with",
                "{{with .X}}hello{{end}}",
                Ok("{{with .X}}\"hello\"{{end}}"),
            ),
            (
                "with with else",
                "{{with .X}}hello{{else}}goodbye{{end}}",
                Ok("{{with .X}}\"hello\"{{else}}\"goodbye\"{{end}}"),
            ),
            (
                "with with else with",
                "{{with .X}}hello{{else with .Y}}goodbye{{end}}",
                Ok("{{with .X}}\"hello\"{{else}}{{with .Y}}\"goodbye\"{{end}}{{end}}"),
            ),
            (
                "with else chain",
                "{{with .X}}X{{else with .Y}}Y{{else with .Z}}Z{{end}}",
                Ok(
                    "{{with .X}}\"X\"{{else}}{{with .Y}}\"Y\"{{else}}{{with .Z}}\"Z\"{{end}}{{end}}{{end}}",
                ),
            ),
            ("trim left", "x \r\n\t{{- 3}}", Ok("\"x\"{{3}}")),
            ("trim right", "{{3 -}}\n\n\ty", Ok("{{3}}\"y\"")),
            (
                "trim left and right",
                "x \r\n\t{{- 3 -}}\n\n\ty",
                Ok("\"x\"{{3}}\"y\""),
            ),
            (
                "trim with extra spaces",
                "x\n{{-  3   -}}\ny",
                Ok("\"x\"{{3}}\"y\""),
            ),
            ("comment trim left", "x \r\n\t{{- /* hi */}}", Ok("\"x\"")),
            ("comment trim right", "{{/* hi */ -}}\n\n\ty", Ok("\"y\"")),
            (
                "comment trim left and right",
                "x \r\n\t{{- /* */ -}}\n\n\ty",
                Ok("\"x\"\"y\""),
            ),
            (
                "block definition",
                r#"{{block "foo" .}}hello{{end}}"#,
                Ok("{{template \"foo\" .}}"),
            ),
            (
                "newline in assignment",
                "{{ $x \n := \n 1 \n }}",
                Ok("{{$x := 1}}"),
            ),
            (
                "newline in empty action",
                "{{\n}}",
                Err("template: t:2: missing value for command"),
            ),
            (
                "newline in pipeline",
                "{{\n\"x\"\n|\nprintf\n}}",
                Ok("{{\"x\" | printf}}"),
            ),
            ("newline in comment", "{{/*\nhello\n*/}}", Ok("")),
            (
                "newline in comment with trim",
                "{{-\n/*\nhello\n*/\n-}}",
                Ok(""),
            ),
            (
                "spaces around continue",
                "{{range .SI}}{{.}}{{ continue }}{{end}}",
                Ok("{{range .SI}}{{.}}{{continue}}{{end}}"),
            ),
            (
                "spaces around break",
                "{{range .SI}}{{.}}{{ break }}{{end}}",
                Ok("{{range .SI}}{{.}}{{break}}{{end}}"),
            ),
            // Errors.
            (
                "unclosed action",
                "hello{{range",
                Err("template: t:1: unclosed action"),
            ),
            (
                "unmatched end",
                "{{end}}",
                Err("template: t:1: unexpected {{end}}"),
            ),
            (
                "unmatched else",
                "{{else}}",
                Err("template: t:1: unexpected {{else}}"),
            ),
            (
                "unmatched else after if",
                "{{if .X}}hello{{end}}{{else}}",
                Err("template: t:1: unexpected {{else}}"),
            ),
            (
                "multiple else",
                "{{if .X}}1{{else}}2{{else}}3{{end}}",
                Err("template: t:1: expected end; found {{else}}"),
            ),
            (
                "missing end",
                "hello{{range .x}}",
                Err("template: t:1: unexpected EOF"),
            ),
            (
                "missing end after else",
                "hello{{range .x}}{{else}}",
                Err("template: t:1: unexpected EOF"),
            ),
            (
                "undefined function",
                "hello{{undefined}}",
                Err("template: t:1: function \"undefined\" not defined"),
            ),
            (
                "undefined variable",
                "{{$x}}",
                Err("template: t:1: undefined variable \"$x\""),
            ),
            (
                "variable undefined after end",
                "{{with $x := 4}}{{end}}{{$x}}",
                Err("template: t:1: undefined variable \"$x\""),
            ),
            (
                "variable undefined in template",
                "{{template $v}}",
                Err("template: t:1: unexpected \"$v\" in template clause"),
            ),
            (
                "declare with field",
                "{{with $x.Y := 4}}{{end}}",
                Err("template: t:1: undefined variable \"$x\""),
            ),
            (
                "template with field ref",
                "{{template .X}}",
                Err("template: t:1: unexpected \".X\" in template clause"),
            ),
            (
                "template with var",
                "{{template $v}}",
                Err("template: t:1: unexpected \"$v\" in template clause"),
            ),
            (
                "invalid punctuation",
                "{{printf 3, 4}}",
                Err("template: t:1: unexpected \",\" in operand"),
            ),
            (
                "multidecl outside range",
                "{{with $v, $u := 3}}{{end}}",
                Err("template: t:1: too many declarations in with"),
            ),
            (
                "too many decls in range",
                "{{range $u, $v, $w := 3}}{{end}}",
                Err("template: t:1: too many declarations in range"),
            ),
            (
                "dot applied to parentheses",
                "{{printf (printf .).}}",
                Err("template: t:1: unexpected <.> in operand"),
            ),
            (
                "adjacent args",
                "{{printf 3`x`}}",
                Err("template: t:1: unexpected \"`x`\" in operand"),
            ),
            (
                "adjacent args with .",
                "{{printf `x`.}}",
                Err("template: t:1: unexpected <.> in operand"),
            ),
            (
                "extra end after if",
                "{{if .X}}a{{else if .Y}}b{{end}}{{end}}",
                Err("template: t:1: unexpected {{end}}"),
            ),
            (
                "break outside range",
                "{{range .}}{{end}} {{break}}",
                Err("template: t:1: {{break}} outside {{range}}"),
            ),
            (
                "continue outside range",
                "{{range .}}{{end}} {{continue}}",
                Err("template: t:1: {{continue}} outside {{range}}"),
            ),
            (
                "break in range else",
                "{{range .}}{{else}}{{break}}{{end}}",
                Err("template: t:1: {{break}} outside {{range}}"),
            ),
            (
                "continue in range else",
                "{{range .}}{{else}}{{continue}}{{end}}",
                Err("template: t:1: {{continue}} outside {{range}}"),
            ),
            ("bug0a", "{{$x := 0}}{{$x}}", Ok("{{$x := 0}}{{$x}}")),
            (
                "bug0b",
                "{{$x += 1}}{{$x}}",
                Err("template: t:1: undefined variable \"$x\""),
            ),
            (
                "bug0c",
                "{{$x ! 2}}{{$x}}",
                Err("template: t:1: undefined variable \"$x\""),
            ),
            (
                "bug0d",
                "{{$x % 3}}{{$x}}",
                Err("template: t:1: undefined variable \"$x\""),
            ),
            (
                "bug0e",
                "{{range $x := $y := 3}}{{end}}",
                Err("template: t:1: undefined variable \"$y\""),
            ),
            (
                "bug1a",
                "{{$x:=.}}{{$x!2}}",
                Err("template: t:1: bad character U+0021 '!'"),
            ),
            (
                "bug1b",
                "{{$x:=.}}{{$x+2}}",
                Err("template: t:1: bad character U+002B '+'"),
            ),
            ("bug1c", "{{$x:=.}}{{$x +2}}", Ok("{{$x := .}}{{$x +2}}")),
            (
                "bug2a",
                "{{range $x := 0}}{{$x}}{{end}}",
                Ok("{{range $x := 0}}{{$x}}{{end}}"),
            ),
            (
                "bug2b",
                "{{range $x = 0}}{{$x}}{{end}}",
                Ok("{{range $x = 0}}{{$x}}{{end}}"),
            ),
            (
                "dot after integer",
                "{{1.E}}",
                Err("template: t:1: illegal number syntax: \"1.E\""),
            ),
            (
                "dot after float",
                "{{0.1.E}}",
                Err("template: t:1: unexpected . after term \"0.1\""),
            ),
            (
                "dot after boolean",
                "{{true.E}}",
                Err("template: t:1: unexpected . after term \"true\""),
            ),
            (
                "dot after char",
                "{{'a'.any}}",
                Err("template: t:1: unexpected . after term \"'a'\""),
            ),
            (
                "dot after string",
                r#"{{"hello".guys}}"#,
                Err(r#"template: t:1: unexpected . after term "\"hello\"""#),
            ),
            (
                "dot after dot",
                "{{..E}}",
                Err("template: t:1: unexpected . after term \".\""),
            ),
            (
                "dot after nil",
                "{{nil.E}}",
                Err("template: t:1: unexpected . after term \"nil\""),
            ),
            (
                "wrong pipeline dot",
                "{{12|.}}",
                Err("template: t:1: non executable command in pipeline stage 2"),
            ),
            (
                "wrong pipeline number",
                "{{.|12|printf}}",
                Err("template: t:1: non executable command in pipeline stage 2"),
            ),
            (
                "wrong pipeline string",
                "{{.|printf|\"error\"}}",
                Err("template: t:1: non executable command in pipeline stage 3"),
            ),
            (
                "wrong pipeline char",
                "{{12|printf|'e'}}",
                Err("template: t:1: non executable command in pipeline stage 3"),
            ),
            (
                "wrong pipeline boolean",
                "{{.|true}}",
                Err("template: t:1: non executable command in pipeline stage 2"),
            ),
            (
                "wrong pipeline nil",
                "{{'c'|nil}}",
                Err("template: t:1: non executable command in pipeline stage 2"),
            ),
            (
                "empty pipeline",
                r#"{{printf "%d" ( ) }}"#,
                Err("template: t:1: missing value for parenthesized pipeline"),
            ),
            (
                "block definition without pipeline",
                r#"{{block "foo"}}hello{{end}}"#,
                Err("template: t:1: missing value for block clause"),
            ),
            ("paren nesting normal", "{{ (( 1 )) }}", Ok("{{((1))}}")),
            (
                "paren nesting at limit",
                "{{ ((( 1 ))) }}",
                Ok("{{(((1)))}}"),
            ),
            (
                "paren nesting exceeds limit",
                "{{ (((( 1 )))) }}",
                Err("template: t:1: max expression depth exceeded"),
            ),
            (
                "paren nesting in pipeline",
                "{{ ((( 1 ))) | printf }}",
                Ok("{{(((1))) | printf}}"),
            ),
            (
                "paren nesting in pipeline exceeds limit",
                "{{ (((( 1 )))) | printf }}",
                Err("template: t:1: max expression depth exceeded"),
            ),
            (
                "paren nesting with other constructs",
                "{{ if ((( true ))) }}YES{{ end }}",
                Ok("{{if (((true)))}}\"YES\"{{end}}"),
            ),
            (
                "paren nesting with other constructs exceeds limit",
                "{{ if (((( true )))) }}YES{{ end }}",
                Err("template: t:1: max expression depth exceeded"),
            ),
            // More than Go's table.
            (
                "assign to undeclared parses",
                "{{$x = 1}}",
                Ok("{{$x = 1}}"),
            ),
            ("trailing pipe", "{{.X|}}", Ok("{{.X}}")),
            (
                "leading pipe",
                "{{|.X}}",
                Err("template: t:1: unexpected \"|\" in command"),
            ),
            (
                "else with inside if",
                "{{if .X}}{{else with .Y}}{{end}}",
                Err("template: t:1: unexpected <with> in input"),
            ),
            (
                "else if inside range",
                "{{range .}}{{else if .X}}{{end}}",
                Err("template: t:1: unexpected <if> in input"),
            ),
            (
                "else inside block",
                r#"{{block "x" .}}a{{else}}b{{end}}"#,
                Err("template: t:1: unexpected {{else}} in block clause"),
            ),
            (
                "else inside define",
                r#"{{define "x"}}a{{else}}b{{end}}"#,
                Err("template: t:1: unexpected {{else}} in define clause"),
            ),
            (
                "define name not a string",
                "{{define x}}{{end}}",
                Err("template: t:1: unexpected \"x\" in define clause"),
            ),
            (
                "define with argument",
                r#"{{define "x" 3}}{{end}}"#,
                Err("template: t:1: unexpected \"3\" in define clause"),
            ),
            (
                "define inside range",
                r#"{{range .}}{{define "x"}}{{end}}{{end}}"#,
                Err("template: t:1: unexpected <define> in command"),
            ),
            (
                "block body is not inside the range",
                r#"{{range .}}{{block "b" .}}{{break}}{{end}}{{end}}"#,
                Err("template: t:1: {{break}} outside {{range}}"),
            ),
            (
                "break nested in if inside range",
                "{{range .}}{{if .}}{{break}}{{end}}{{end}}",
                Ok("{{range .}}{{if .}}{{break}}{{end}}{{end}}"),
            ),
            (
                "break with argument",
                "{{range .}}{{break 1}}{{end}}",
                Err("template: t:1: unexpected \"1\" in {{break}}"),
            ),
            (
                "if without pipeline",
                "{{if}}{{end}}",
                Err("template: t:1: missing value for if"),
            ),
            (
                "range without pipeline",
                "{{range}}{{end}}",
                Err("template: t:1: missing value for range"),
            ),
            (
                "with without pipeline",
                "{{with}}{{end}}",
                Err("template: t:1: missing value for with"),
            ),
            (
                "template without name",
                "{{template}}",
                Err("template: t:1: unexpected \"}}\" in template clause"),
            ),
            (
                "template with pipe only",
                r#"{{template "x" | printf}}"#,
                Err("template: t:1: unexpected \"|\" in template clause"),
            ),
            (
                "end with argument",
                "{{end 1}}",
                Err("template: t:1: unexpected \"1\" in end"),
            ),
            (
                "else with argument",
                "{{else 1}}",
                Err("template: t:1: unexpected \"1\" in else"),
            ),
            (
                "bad string escape",
                r#"{{"\q"}}"#,
                Err("template: t:1: invalid syntax"),
            ),
            (
                "bad template name escape",
                r#"{{template "\q"}}"#,
                Err("template: t:1: invalid syntax"),
            ),
            (
                "bad char constant",
                "{{'ab'}}",
                Err("template: t:1: malformed character constant: 'ab'"),
            ),
            (
                "empty char constant",
                "{{''}}",
                Err("template: t:1: invalid syntax"),
            ),
            (
                "octal overflow",
                "{{089}}",
                Err("template: t:1: integer overflow: \"089\""),
            ),
            (
                "unexpected brace in operand",
                "{{ .Values.x }",
                Err("template: t:1: unexpected \"}\" in operand"),
            ),
            (
                "comment needs to touch the delimiter",
                "{{ /* c */ }}",
                Err("template: t:1: unexpected \"/\" in command"),
            ),
            (
                "comment text before delimiter",
                "{{/* c */ x}}",
                Err("template: t:1: comment ends before closing delimiter"),
            ),
            (
                "unclosed comment",
                "a\n{{/* c",
                Err("template: t:2: unclosed comment"),
            ),
            (
                "chained fields on parentheses",
                "{{(printf .A).B.C}}",
                Ok("{{(printf .A).B.C}}"),
            ),
            ("field on function", "{{printf.X}}", Ok("{{printf.X}}")),
            ("dollar fields", "{{$.A.B}}", Ok("{{$.A.B}}")),
            (
                "variable visible in else with",
                "{{with $x := .}}{{$x}}{{else with $y := .}}{{$x}}{{$y}}{{end}}",
                Ok("{{with $x := .}}{{$x}}{{else}}{{with $y := .}}{{$x}}{{$y}}{{end}}{{end}}"),
            ),
            (
                "range variables scoped to range",
                "{{range $i, $e := .}}{{$i}}{{end}}{{$i}}",
                Err("template: t:1: undefined variable \"$i\""),
            ),
            (
                "if variables scoped to if",
                "{{if true}}{{$x := 1}}{{end}}{{$x}}",
                Err("template: t:1: undefined variable \"$x\""),
            ),
            (
                "variables declared in if body persist to end",
                "{{if true}}{{$x := 1}}{{$x}}{{end}}",
                Ok("{{if true}}{{$x := 1}}{{$x}}{{end}}"),
            ),
            (
                "outer variables invisible in define",
                r#"{{$x := 1}}{{define "a"}}{{$x}}{{end}}"#,
                Err("template: t:1: undefined variable \"$x\""),
            ),
            (
                "dollar visible in define",
                r#"{{define "a"}}{{$.X}}{{end}}x"#,
                Ok("\"x\""),
            ),
            (
                "all literal kinds",
                "{{printf .X 1.5 0x10 'a' \"s\" `r` nil true}}",
                Ok("{{printf .X 1.5 0x10 'a' \"s\" `r` nil true}}"),
            ),
            (
                "unicode text",
                "héllo {{.X}} wörld",
                Ok("\"héllo \"{{.X}}\" wörld\""),
            ),
            ("comments dropped", "a{{/* c */}}b", Ok("\"a\"\"b\"")),
            (
                "line in error after newlines",
                "a\nb\n{{if .X}}\n{{nope}}{{end}}",
                Err("template: t:4: function \"nope\" not defined"),
            ),
            (
                "multiple definition in one text",
                "{{define `a`}}a{{end}}\n{{define `a`}}\nb{{end}}",
                Err("template: t:3: template: multiple definition of template \"a\""),
            ),
            (
                "hex float",
                "{{printf 0x1p-2 1_000}}",
                Ok("{{printf 0x1p-2 1_000}}"),
            ),
            (
                "assignment pipeline",
                "{{$x := 1}}{{$x = 2}}",
                Ok("{{$x := 1}}{{$x = 2}}"),
            ),
            (
                "unicode punctuation in action",
                "{{ § }}",
                Err("template: t:1: unrecognized character in action: U+00A7 '§'"),
            ),
        ];
        for &(name, input, want) in cases {
            let got = go_parse("t", input);
            let want = want.map(str::to_string).map_err(str::to_string);
            assert_eq!(got, want, "parse case {name:?}: input {input:?}");
        }
        assert!(cases.len() >= 120, "only {} parse cases", cases.len());
    }

    /// Go's errorTests: the error must contain the given text. Where Go's
    /// expectation is only a fragment we also pin the full message.
    #[test]
    fn error_table() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "unclosed1",
                "line1\n{{",
                "template: unclosed1:2: unclosed action",
            ),
            (
                "unclosed2",
                "line1\n{{define `x`}}line2\n{{",
                "template: unclosed2:3: unclosed action",
            ),
            (
                "unclosed3",
                "line1\n{{\"x\"\n\"y\"\n",
                "template: unclosed3:4: unclosed action started at unclosed3:2",
            ),
            (
                "unclosed4",
                "{{\n\n\n\n\n",
                "template: unclosed4:6: unclosed action started at unclosed4:1",
            ),
            (
                "var1",
                "line1\n{{\nx\n}}",
                "template: var1:3: function \"x\" not defined",
            ),
            (
                "function",
                "{{foo}}",
                "template: function:1: function \"foo\" not defined",
            ),
            (
                "comment1",
                "{{/*}}",
                "template: comment1:1: unclosed comment",
            ),
            (
                "comment2",
                "{{/*\nhello\n}}",
                "template: comment2:1: unclosed comment",
            ),
            (
                "lparen",
                "{{.X (1 2 3}}",
                "template: lparen:1: unclosed left paren",
            ),
            (
                "rparen",
                "{{.X 1 2 3 ) }}",
                "template: rparen:1: unexpected right paren",
            ),
            (
                "rparen2",
                "{{(.X 1 2 3",
                "template: rparen2:1: unclosed action",
            ),
            (
                "space",
                "{{`x`3}}",
                "template: space:1: unexpected \"3\" in operand",
            ),
            (
                "idchar",
                "{{a#}}",
                "template: idchar:1: bad character U+0023 '#'",
            ),
            (
                "charconst",
                "{{'a}}",
                "template: charconst:1: unterminated character constant",
            ),
            (
                "stringconst",
                r#"{{"a}}"#,
                "template: stringconst:1: unterminated quoted string",
            ),
            (
                "rawstringconst",
                "{{`a}}",
                "template: rawstringconst:1: unterminated raw quoted string",
            ),
            (
                "number",
                "{{0xi}}",
                "template: number:1: illegal number syntax: \"0xi\"",
            ),
            (
                "multidefine",
                "{{define `a`}}a{{end}}{{define `a`}}b{{end}}",
                "template: multidefine:1: template: multiple definition of template \"a\"",
            ),
            ("eof", "{{range .X}}", "template: eof:1: unexpected EOF"),
            (
                "variable",
                "{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}",
                "template: variable:1: unexpected \":=\" in operand",
            ),
            (
                "multidecl",
                "{{$a,$b,$c := 23}}",
                "template: multidecl:1: too many declarations in command",
            ),
            (
                "undefvar",
                "{{$a}}",
                "template: undefvar:1: undefined variable \"$a\"",
            ),
            (
                "wrongdot",
                "{{true.any}}",
                "template: wrongdot:1: unexpected . after term \"true\"",
            ),
            (
                "wrongpipeline",
                "{{12|false}}",
                "template: wrongpipeline:1: non executable command in pipeline stage 2",
            ),
            (
                "emptypipeline",
                "{{ ( ) }}",
                "template: emptypipeline:1: missing value for parenthesized pipeline",
            ),
            (
                "multilinerawstring",
                "{{ $v := `\n` }} {{",
                "template: multilinerawstring:2: unclosed action",
            ),
            (
                "rangeundefvar",
                "{{range $k}}{{end}}",
                "template: rangeundefvar:1: undefined variable \"$k\"",
            ),
            (
                "rangeundefvars",
                "{{range $k, $v}}{{end}}",
                "template: rangeundefvars:1: undefined variable \"$v\"",
            ),
            (
                "rangemissingvalue1",
                "{{range $k,}}{{end}}",
                "template: rangemissingvalue1:1: missing value for range",
            ),
            (
                "rangemissingvalue2",
                "{{range $k, $v := }}{{end}}",
                "template: rangemissingvalue2:1: missing value for range",
            ),
            (
                "rangenotvariable1",
                "{{range $k, .}}{{end}}",
                "template: rangenotvariable1:1: range can only initialize variables",
            ),
            (
                "rangenotvariable2",
                "{{range $k, 123 := .}}{{end}}",
                "template: rangenotvariable2:1: range can only initialize variables",
            ),
        ];
        for &(name, input, want) in cases {
            match parse(name, input, &no_funcs) {
                Ok(_) => panic!("{name}: expected error {want:?}"),
                Err(e) => assert_eq!(e.to_string(), want, "error case {name}"),
            }
        }
    }

    #[test]
    fn error_fields() {
        let e = parse(
            "albatross/templates/fail.yaml",
            "a\n  {{ deliberateSyntaxError }}",
            &no_funcs,
        )
        .unwrap_err();
        assert_eq!(e.name, "albatross/templates/fail.yaml");
        assert_eq!(e.line, 2);
        assert_eq!(e.col, Some(5));
        assert_eq!(e.message, "function \"deliberateSyntaxError\" not defined");
        assert_eq!(
            e.to_string(),
            "template: albatross/templates/fail.yaml:2: function \"deliberateSyntaxError\" not defined"
        );
    }

    #[test]
    fn keywords_and_funcs() {
        let input = "{{range .X}}{{break 20}}{{end}}";
        let with_break = |n: &str| n == "break";
        let trees = parse("", input, &with_break).expect("break as a function");
        assert_eq!(trees[""].to_string(), "{{range .X}}{{break 20}}{{end}}");
        let err = parse("", input, &no_funcs).unwrap_err();
        assert_eq!(
            err.to_string(),
            "template: :1: unexpected \"20\" in {{break}}"
        );
        // A function named break is not a keyword even outside range.
        assert!(parse("t", "{{break}}", &with_break).is_ok());
        let with_continue = |n: &str| n == "continue";
        assert!(parse("t", "{{continue 1}}", &with_continue).is_ok());
    }

    #[test]
    fn skip_func_check() {
        let opts = ParseOptions {
            skip_func_check: true,
            ..ParseOptions::default()
        };
        let trees = parse_with("skip", "{{fn 1 2}}", &opts, &no_funcs).expect("parse");
        assert_eq!(trees["skip"].to_string(), "{{fn 1 2}}");
    }

    #[test]
    fn parse_with_comments() {
        let opts = ParseOptions {
            parse_comments: true,
            ..ParseOptions::default()
        };
        let cases = [
            ("{{/*\n\n\n*/}}", "{{/*\n\n\n*/}}"),
            ("x \r\n\t{{- /* hi */}}", "\"x\"{{/* hi */}}"),
            ("{{/* hi */ -}}\n\n\ty", "{{/* hi */}}\"y\""),
            ("x \r\n\t{{- /* */ -}}\n\n\ty", "\"x\"{{/* */}}\"y\""),
        ];
        for (input, want) in cases {
            let trees = parse_with("t", input, &opts, &no_funcs).expect("parse");
            assert_eq!(trees["t"].to_go_string(true), want, "input {input:?}");
        }
        // A comment-only define is empty and does not replace a real one.
        let trees = parse_with(
            "t",
            "{{define `a`}}x{{end}}{{define `a`}}{{/* c */}}{{end}}",
            &opts,
            &no_funcs,
        )
        .expect("parse");
        assert_eq!(trees["a"].to_string(), "x");
    }

    #[test]
    fn delims_string_roundtrip() {
        let opts = ParseOptions {
            left_delim: "[[",
            right_delim: "]]",
            parse_comments: true,
            ..ParseOptions::default()
        };
        for input in [
            "[[.X]]",
            "[[/* a comment */]]",
            "[[if .X]]y[[else]]z[[end]]",
            "[[range .X]][[break]][[continue]][[end]]",
            "[[with .X]]y[[end]]",
            "[[template \"name\" .]]",
            "{{.X}}[[.Y]]",
        ] {
            let trees = parse_with("test", input, &opts, &no_funcs).expect("parse");
            assert_eq!(trees["test"].to_string(), input);
        }
        let err = parse_with("test", "[[end]]", &opts, &no_funcs).unwrap_err();
        assert_eq!(err.to_string(), "template: test:1: unexpected [[end]]");
    }

    /// Go's isEmptyTests.
    #[test]
    fn is_empty() {
        let cases = [
            ("", true),
            ("hello", false),
            (" \t\n \t\n", true),
            ("{{/* comment */}}", true),
            (r#"{{define "x"}}something{{end}}"#, true),
            (
                "{{define `x`}}something{{end}}\n\n{{define `y`}}something{{end}}\n\n",
                true,
            ),
            (
                "{{define `x`}}something{{end}}\nx\n{{define `y`}}something{{end}}\ny\n",
                false,
            ),
            ("{{define `x`}}something{{end}}{{if 3}}foo{{end}}", false),
        ];
        for (input, empty) in cases {
            let trees = parse("root", input, &no_funcs).expect("parse");
            assert_eq!(trees["root"].is_empty(), empty, "input {input:?}");
        }
    }

    /// Go's TestBlock.
    #[test]
    fn block() {
        let trees = parse(
            "outer",
            r#"a{{block "inner" .}}bar{{.}}baz{{end}}b"#,
            &no_funcs,
        )
        .expect("parse");
        assert_eq!(
            trees["outer"].to_go_string(true),
            "\"a\"{{template \"inner\" .}}\"b\""
        );
        assert_eq!(trees["outer"].to_string(), "a{{template \"inner\" .}}b");
        assert_eq!(trees["inner"].to_string(), "bar{{.}}baz");
        assert_eq!(trees["inner"].name, "inner");
        assert_eq!(trees["inner"].parse_name, "outer");
        assert_eq!(trees.len(), 2);
    }

    /// Go's TestLineNum.
    #[test]
    fn line_numbers() {
        let text = "{{printf 1234}}\n".repeat(3);
        let trees = parse("bench", &text, &builtins).expect("parse");
        let nodes = &trees["bench"].root.nodes;
        assert_eq!(nodes.len(), 6);
        for (i, n) in nodes.iter().step_by(2).enumerate() {
            let Node::Action(a) = n else {
                panic!("not an action: {n:?}");
            };
            assert_eq!(a.line, i + 1);
            assert_eq!(a.pipe.line, i + 1);
        }
    }

    #[test]
    fn define_semantics() {
        let funcs = no_funcs;
        // The main tree is present even when it holds only definitions.
        let trees = parse("f.yaml", "{{define \"a\"}}A{{end}}\n", &funcs).expect("parse");
        assert_eq!(trees.keys().collect::<Vec<_>>(), ["a", "f.yaml"]);
        assert!(trees["f.yaml"].is_empty());
        // An empty definition does not replace a non-empty one...
        let trees =
            parse("t", "{{define `a`}}A{{end}}{{define `a`}} {{end}}", &funcs).expect("parse");
        assert_eq!(trees["a"].to_string(), "A");
        // ...but a non-empty one replaces an empty one.
        let trees =
            parse("t", "{{define `a`}} {{end}}{{define `a`}}A{{end}}", &funcs).expect("parse");
        assert_eq!(trees["a"].to_string(), "A");
        // A main template clashing with a define of the same name.
        let trees = parse("t", "{{define `t`}}T{{end}}  ", &funcs).expect("parse");
        assert_eq!(trees["t"].to_string(), "T");
        let err = parse("t", "{{define `t`}}T{{end}}\nbody", &funcs).unwrap_err();
        assert_eq!(
            err.to_string(),
            "template: t:2: template: multiple definition of template \"t\""
        );
        // Raw-string and escaped names.
        let trees = parse(
            "t",
            "{{define `a b`}}x{{end}}{{define \"c\\td\"}}y{{end}}",
            &funcs,
        )
        .expect("parse");
        assert!(trees.contains_key("a b") && trees.contains_key("c\td"));
        // A block clashing with a define.
        let err = parse("t", "{{define `b`}}x{{end}}{{block `b` .}}y{{end}}", &funcs).unwrap_err();
        assert_eq!(
            err.to_string(),
            "template: t:1: template: multiple definition of template \"b\""
        );
        // Nested blocks define every level.
        let trees = parse(
            "t",
            "{{block `o` .}}<{{block `i` .}}x{{end}}>{{end}}",
            &funcs,
        )
        .expect("parse");
        assert_eq!(trees["o"].to_string(), "<{{template \"i\" .}}>");
        assert_eq!(trees["i"].to_string(), "x");
        // Definitions share the source text and delimiters.
        assert!(Arc::ptr_eq(&trees["o"].text, &trees["t"].text));
        assert_eq!(trees["i"].left_delim, "{{");
    }

    #[test]
    fn node_positions() {
        let src = "ab{{ .A.B }}\n{{if $.X}}{{(len .Y).Z}}{{end}}";
        let trees = parse("p", src, &|n: &str| n == "len").expect("parse");
        let t = &trees["p"];
        let nodes = &t.root.nodes;
        let Node::Action(a) = &nodes[1] else {
            panic!("expected action")
        };
        assert_eq!(a.pos, 5); // first token of the pipeline
        let Arg::Field(f) = &a.pipe.cmds[0].args[0] else {
            panic!("expected field")
        };
        // Go positions a chained field at its second segment.
        assert_eq!(f.pos, 7);
        assert_eq!(f.ident, ["A", "B"]);
        assert_eq!(t.location(f.pos), "p:1:7");
        let Node::If(b) = &nodes[3] else {
            panic!("expected if")
        };
        assert_eq!(t.location(b.pos), "p:2:5");
        let Node::Action(inner) = &b.list.nodes[0] else {
            panic!("expected action")
        };
        let Arg::Chain(c) = &inner.pipe.cmds[0].args[0] else {
            panic!("expected chain")
        };
        assert_eq!(t.location(c.pos), "p:2:20");
        assert_eq!(c.field, ["Z"]);
        assert_eq!(inner.pipe.cmds[0].args[0].to_string(), "(len .Y).Z");
        let Arg::Variable(v) = &b.pipe.cmds[0].args[0] else {
            panic!("expected variable")
        };
        assert_eq!(v.ident, ["$", "X"]);
        assert_eq!(v.name(), "$");
    }

    #[test]
    fn literal_values() {
        let trees = parse(
            "t",
            r#"{{printf "a\tb" `c\d` 'x' 1.5 true nil}}"#,
            &builtins,
        )
        .expect("parse");
        let Node::Action(a) = &trees["t"].root.nodes[0] else {
            panic!("expected action")
        };
        let args = &a.pipe.cmds[0].args;
        assert!(matches!(&args[1], Arg::String(s) if s.text == "a\tb" && s.quoted == r#""a\tb""#));
        assert!(matches!(&args[2], Arg::String(s) if s.text == r"c\d"));
        assert!(matches!(&args[3], Arg::Number(n) if n.int64 == 120 && n.is_int));
        assert!(matches!(&args[4], Arg::Number(n) if n.float64 == 1.5 && !n.is_int));
        assert!(matches!(&args[5], Arg::Bool(b) if b.val));
        assert!(matches!(&args[6], Arg::Nil(_)));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let depth = MAX_NESTING_DEPTH + 10;
        let src = format!(
            "{{{{if {}1{}}}}}{{{{end}}}}",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let err = parse("t", &src, &no_funcs).unwrap_err();
        assert_eq!(err.message, "max expression depth exceeded");
        let src = format!("{}{}", "{{if 1}}".repeat(depth), "{{end}}".repeat(depth));
        let err = parse("t", &src, &no_funcs).unwrap_err();
        assert_eq!(err.message, "max nesting depth exceeded");
        let src = "{{range .}}".repeat(depth) + &"{{end}}".repeat(depth);
        assert!(parse("t", &src, &no_funcs).is_err());
        // Within the limit everything parses, on a thread with a small stack.
        let ok = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(|| {
                let n = MAX_NESTING_DEPTH - 1;
                let src = format!("{}{}", "{{with 1}}".repeat(n), "{{end}}".repeat(n));
                let a = parse("t", &src, &no_funcs).is_ok();
                let src = format!("{{{{{}1{}}}}}", "(".repeat(n), ")".repeat(n));
                let b = parse("t", &src, &no_funcs).is_ok();
                let half = n / 2;
                let src = format!(
                    "{}{{{{{}1{}}}}}{}",
                    "{{range .}}".repeat(half),
                    "(".repeat(half),
                    ")".repeat(half),
                    "{{end}}".repeat(half)
                );
                let c = parse("t", &src, &no_funcs).is_ok();
                a && b && c
            })
            .expect("spawn")
            .join()
            .expect("join");
        assert!(ok);
    }

    #[test]
    fn long_else_chains() {
        let n = 5_000;
        let mut src = String::from("{{if eq 0 1}}0");
        for i in 1..n {
            src.push_str(&format!("{{{{else if eq {i} 1}}}}{i}"));
        }
        src.push_str("{{else}}none{{end}}");
        let trees = parse("t", &src, &|f: &str| f == "eq").expect("parse");
        let mut depth = 0;
        let mut node = &trees["t"].root.nodes[0];
        while let Node::If(b) = node {
            depth += 1;
            match b.else_list.as_ref().map(|l| &l.nodes[..]) {
                Some([inner @ Node::If(_)]) => node = inner,
                _ => break,
            }
        }
        assert_eq!(depth, n);
        let src = "{{with $a := 1}}{{else with $b := 2}}{{$a}}{{$b}}{{else with 3}}{{$a}}{{$b}}{{else}}{{$a}}{{$b}}{{end}}";
        let trees = parse("t", src, &no_funcs).expect("parse");
        assert_eq!(
            trees["t"].to_string(),
            "{{with $a := 1}}{{else}}{{with $b := 2}}{{$a}}{{$b}}{{else}}{{with 3}}{{$a}}{{$b}}{{else}}{{$a}}{{$b}}{{end}}{{end}}{{end}}"
        );
        let err = parse(
            "t",
            "{{with $a := 1}}{{else with $b := 2}}{{end}}{{$b}}",
            &no_funcs,
        )
        .unwrap_err();
        assert_eq!(err.message, "undefined variable \"$b\"");
    }

    /// Feeds random concatenations of template fragments to the parser:
    /// it must return (Ok or Err) without panicking.
    #[test]
    fn fuzz_no_panic() {
        const PIECES: &[&str] = &[
            "{{",
            "}}",
            "{{- ",
            " -}}",
            "{{/*",
            "*/}}",
            "if",
            "else",
            "end",
            "range",
            "with",
            "define",
            "block",
            "template",
            "break",
            "continue",
            " ",
            "\n",
            ".",
            ".X",
            "$",
            "$x",
            ":=",
            "=",
            ",",
            "|",
            "(",
            ")",
            "\"s\"",
            "\"\\",
            "`r`",
            "`",
            "'a'",
            "'",
            "1",
            "-1",
            "0x1p3",
            "1+2i",
            "1e",
            "nil",
            "true",
            "printf",
            "foo",
            "#",
            "é",
            "本",
            "\t",
            "\r",
            "text",
            "{",
            "}",
            "-",
            "0b",
            "_",
            "\"\\x\"",
            "'\\u'",
            "{{end}}",
            "{{else}}",
            "{{if .}}",
            "{{range $i, $e := .}}",
            "{{define \"a\"}}",
            "{{block \"b\" .}}",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rand = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let n = (rand() % 12) as usize + 1;
            let mut src = String::new();
            for _ in 0..n {
                src.push_str(PIECES[(rand() % PIECES.len() as u64) as usize]);
            }
            let funcs = |name: &str| name == "printf";
            let _ = parse("fuzz", &src, &funcs);
            let opts = ParseOptions {
                parse_comments: true,
                left_delim: "{",
                right_delim: "}",
                ..ParseOptions::default()
            };
            let _ = parse_with("fuzz", &src, &opts, &funcs);
        }
    }

    #[test]
    fn large_template_parses_linearly() {
        let chunk = "{{- if .Values.enabled }}\nname: {{ .Values.name | quote }}\n{{- range $k, $v := .Values.labels }}\n  {{ $k }}: {{ $v }}\n{{- end }}\n{{- end }}\n";
        let src = chunk.repeat(5_000);
        let funcs = |n: &str| n == "quote";
        let trees = parse("big", &src, &funcs).expect("parse");
        // 5000 if nodes plus the final newline.
        assert_eq!(trees["big"].root.nodes.len(), 5_001);
    }
}
