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
    ActionNode, Arg, BoolNode, BranchNode, BreakNode, ChainNode, CommandNode, CommentNode, ContinueNode,
    FieldNode, IdentifierNode, ListNode, Node, NumberKind, NumberNode, PipeNode, Pos, StringNode,
    TemplateNode, TextNode, Tree, VariableNode, is_empty_tree, line_col,
};
use crate::template::lex::{Item, ItemKind, LexOptions, Lexer, go_quote, unquote};

/// Go's limit on nested parenthesized expressions.
pub const MAX_PAREN_DEPTH: usize = 10_000;

/// Limit on the nesting of actions and parentheses together. Go has no such
/// limit (its stacks grow); this one keeps hostile input from overflowing
/// the native stack. Real templates nest a handful of levels.
pub const MAX_NESTING_DEPTH: usize = 1_000;

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

/// What `text_or_action` found: a node, or an `{{end}}`/`{{else}}` that
/// terminates the enclosing list.
enum Parsed {
    Node(Node),
    End,
    Else(Pos),
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

impl<'a> Parser<'a, '_> {
    // ---- token stream --------------------------------------------------------

    fn next(&mut self) -> Item<'a> {
        if self.st.peek_count > 0 {
            self.st.peek_count -= 1;
        } else {
            self.st.token[0] = self.lex.next_item();
        }
        self.st.token[self.st.peek_count.min(2)].clone()
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

    fn peek(&mut self) -> Item<'a> {
        if self.st.peek_count > 0 {
            return self.st.token[(self.st.peek_count - 1).min(2)].clone();
        }
        self.st.peek_count = 1;
        self.st.token[0] = self.lex.next_item();
        self.st.token[0].clone()
    }

    fn peek_kind(&mut self) -> ItemKind {
        if self.st.peek_count > 0 {
            return self.st.token[(self.st.peek_count - 1).min(2)].kind;
        }
        self.peek().kind
    }

    fn next_non_space(&mut self) -> Item<'a> {
        loop {
            let t = self.next();
            if t.kind != ItemKind::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> Item<'a> {
        let t = self.next_non_space();
        self.backup();
        t
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
    fn fail<T>(&self, message: impl Into<String>) -> PResult<T> {
        let (line, pos) = self.last_token();
        Err(self.error_at(line, pos, message.into()))
    }

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

    fn parsed_string(&self, p: &Parsed) -> String {
        match p {
            Parsed::End => format!("{}end{}", self.left, self.right),
            Parsed::Else(_) => format!("{}else{}", self.left, self.right),
            Parsed::Node(n) => n.to_string(),
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
                other => {
                    let s = self.parsed_string(&other);
                    return self.fail(format!("unexpected {s}"));
                }
            }
        }
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
        if !matches!(end, Parsed::End) {
            let s = self.parsed_string(&end);
            return self.fail(format!("unexpected {s} in {CONTEXT}"));
        }
        let (line, pos) = self.last_token();
        self.add(name, root, line, pos)
    }

    /// `textOrAction*`, terminated by `{{end}}` or `{{else}}` (returned).
    fn item_list(&mut self) -> PResult<(ListNode, Parsed)> {
        let mut list = ListNode {
            pos: self.peek_non_space().pos,
            nodes: Vec::new(),
        };
        while self.peek_non_space().kind != ItemKind::Eof {
            match self.text_or_action()? {
                Parsed::Node(n) => list.nodes.push(n),
                end => return Ok((list, end)),
            }
        }
        self.fail("unexpected EOF")
    }

    fn text_or_action(&mut self) -> PResult<Parsed> {
        let token = self.next_non_space();
        match token.kind {
            ItemKind::Text => Ok(Parsed::Node(Node::Text(TextNode {
                pos: token.pos,
                text: token.val.into_owned(),
            }))),
            ItemKind::LeftDelim => {
                self.st.action_line = token.line;
                self.enter(false)?;
                let result = self.action();
                self.leave();
                self.st.action_line = 0;
                result
            }
            ItemKind::Comment => Ok(Parsed::Node(Node::Comment(CommentNode {
                pos: token.pos,
                text: token.val.into_owned(),
            }))),
            _ => self.unexpected(&token, "input"),
        }
    }

    // ---- actions ---------------------------------------------------------------

    /// An action after its left delimiter: a control keyword or a pipeline.
    fn action(&mut self) -> PResult<Parsed> {
        let token = self.next_non_space();
        let node = match token.kind {
            ItemKind::Block => self.block_control()?,
            ItemKind::Break | ItemKind::Continue => self.loop_control(&token)?,
            ItemKind::Else => return self.else_control(),
            ItemKind::End => {
                self.expect(ItemKind::RightDelim, "end")?;
                return Ok(Parsed::End);
            }
            ItemKind::If => Node::If(self.parse_control("if")?),
            ItemKind::Range => Node::Range(self.parse_control("range")?),
            ItemKind::Template => self.template_control()?,
            ItemKind::With => Node::With(self.parse_control("with")?),
            _ => {
                self.backup();
                let token = self.peek();
                // Declared variables persist until the enclosing {{end}}.
                let pipe = self.pipeline("command", ItemKind::RightDelim)?;
                Node::Action(ActionNode {
                    pos: token.pos,
                    line: token.line,
                    pipe,
                })
            }
        };
        Ok(Parsed::Node(node))
    }

    /// `{{break}}` / `{{continue}}`; the keyword has been read.
    fn loop_control(&mut self, keyword: &Item<'a>) -> PResult<Node> {
        let is_break = keyword.kind == ItemKind::Break;
        let name = if is_break { "{{break}}" } else { "{{continue}}" };
        let token = self.next_non_space();
        if token.kind != ItemKind::RightDelim {
            return self.unexpected(&token, name);
        }
        if self.st.range_depth == 0 {
            return self.fail(format!("{name} outside {{{{range}}}}"));
        }
        Ok(if is_break {
            Node::Break(BreakNode {
                pos: keyword.pos,
                line: keyword.line,
            })
        } else {
            Node::Continue(ContinueNode {
                pos: keyword.pos,
                line: keyword.line,
            })
        })
    }

    /// `{{else}}`, or the `else` of `{{else if ...}}`/`{{else with ...}}`
    /// (leaving the `if`/`with` keyword to be read by the caller).
    fn else_control(&mut self) -> PResult<Parsed> {
        let peek = self.peek_non_space();
        if peek.kind == ItemKind::If || peek.kind == ItemKind::With {
            return Ok(Parsed::Else(peek.pos));
        }
        let token = self.expect(ItemKind::RightDelim, "else")?;
        Ok(Parsed::Else(token.pos))
    }

    /// The body of `if`/`range`/`with`: pipeline, list, optional else list.
    fn parse_control(&mut self, context: &str) -> PResult<BranchNode> {
        let vars_len = self.st.vars.len();
        let pipe = self.pipeline(context, ItemKind::RightDelim)?;
        let is_range = context == "range";
        if is_range {
            self.st.range_depth += 1;
        }
        let (list, next) = self.item_list()?;
        if is_range {
            self.st.range_depth -= 1;
        }
        let mut else_list = None;
        if let Parsed::Else(else_pos) = next {
            // "{{else if x}}" is "{{else}}{{if x}}...{{end}}" with the inner
            // {{end}} shared; likewise "{{else with x}}".
            let chained = match (context, self.peek_kind()) {
                ("if", ItemKind::If) => Some("if"),
                ("with", ItemKind::With) => Some("with"),
                _ => None,
            };
            if let Some(kw) = chained {
                self.next();
                self.enter(false)?;
                let inner = self.parse_control(kw);
                self.leave();
                let inner = inner?;
                let node = if kw == "if" {
                    Node::If(inner)
                } else {
                    Node::With(inner)
                };
                else_list = Some(ListNode {
                    pos: else_pos,
                    nodes: vec![node],
                });
            } else {
                let (list, next) = self.item_list()?;
                if !matches!(next, Parsed::End) {
                    let s = self.parsed_string(&next);
                    return self.fail(format!("expected end; found {s}"));
                }
                else_list = Some(list);
            }
        }
        self.st.vars.truncate(vars_len);
        Ok(BranchNode {
            pos: pipe.pos,
            line: pipe.line,
            pipe,
            list,
            else_list,
        })
    }

    /// `{{block "name" pipeline}} ... {{end}}`: defines `name` and invokes it.
    fn block_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "block clause";
        let token = self.next_non_space();
        let name = self.parse_template_name(&token, CONTEXT)?;
        let pipe = self.pipeline(CONTEXT, ItemKind::RightDelim)?;

        let outer = mem::replace(&mut self.st, TreeState::new());
        let body = self.item_list();
        let block = mem::replace(&mut self.st, outer);
        let (root, end) = body?;
        if !matches!(end, Parsed::End) {
            let s = self.parsed_string(&end);
            return self.fail(format!("unexpected {s} in {CONTEXT}"));
        }
        let last = &block.token[0];
        self.add(name.clone(), root, last.line, last.pos)?;
        Ok(Node::Template(TemplateNode {
            pos: token.pos,
            line: token.line,
            name,
            pipe: Some(pipe),
        }))
    }

    /// `{{template "name" [pipeline]}}`.
    fn template_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "template clause";
        let token = self.next_non_space();
        let name = self.parse_template_name(&token, CONTEXT)?;
        let mut pipe = None;
        if self.next_non_space().kind != ItemKind::RightDelim {
            self.backup();
            pipe = Some(self.pipeline(CONTEXT, ItemKind::RightDelim)?);
        }
        Ok(Node::Template(TemplateNode {
            pos: token.pos,
            line: token.line,
            name,
            pipe,
        }))
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
        let token = self.peek_non_space();
        let mut pipe = PipeNode {
            pos: token.pos,
            line: token.line,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        };
        // Declarations or assignments. "$x foo" needs three tokens of
        // look-ahead to tell an argument variable from "$x :=".
        loop {
            let v = self.peek_non_space();
            if v.kind != ItemKind::Variable {
                break;
            }
            self.next();
            let after = self.peek();
            let next = self.peek_non_space();
            match next.kind {
                ItemKind::Assign | ItemKind::Declare => {
                    pipe.is_assign = next.kind == ItemKind::Assign;
                    self.next_non_space();
                    pipe.decl.push(VariableNode::new(v.pos, &v.val));
                    self.st.vars.push(v.val);
                    break;
                }
                ItemKind::Char if next.val == "," => {
                    self.next_non_space();
                    pipe.decl.push(VariableNode::new(v.pos, &v.val));
                    self.st.vars.push(v.val);
                    if context == "range" && pipe.decl.len() < 2 {
                        match self.peek_non_space().kind {
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
                    break;
                }
                _ => {
                    self.backup2(v);
                    break;
                }
            }
        }
        loop {
            let token = self.next_non_space();
            if token.kind == end {
                self.check_pipeline(&pipe, context)?;
                return Ok(pipe);
            }
            match token.kind {
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
                    let cmd = self.command()?;
                    pipe.cmds.push(cmd);
                }
                _ => return self.unexpected(&token, context),
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
                return self.fail(format!("non executable command in pipeline stage {}", i + 1));
            }
        }
        Ok(())
    }

    /// Space-separated operands up to `|` (consumed) or a right delimiter
    /// or parenthesis (left in place).
    fn command(&mut self) -> PResult<CommandNode> {
        let pos = self.peek_non_space().pos;
        let mut args = Vec::new();
        loop {
            self.peek_non_space(); // skip leading spaces
            if let Some(arg) = self.operand()? {
                args.push(arg);
            }
            let token = self.next();
            match token.kind {
                ItemKind::Space => continue,
                ItemKind::RightDelim | ItemKind::RightParen => self.backup(),
                ItemKind::Pipe => {}
                _ => return self.unexpected(&token, "operand"),
            }
            break;
        }
        if args.is_empty() {
            return self.fail("empty command");
        }
        Ok(CommandNode { pos, args })
    }

    /// `term .Field*`.
    fn operand(&mut self) -> PResult<Option<Arg>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek_kind() != ItemKind::Field {
            return Ok(Some(node));
        }
        let chain_pos = self.peek().pos;
        let mut fields = Vec::new();
        while self.peek_kind() == ItemKind::Field {
            let t = self.next();
            fields.push(t.val.get(1..).unwrap_or("").to_string());
        }
        // Fields and variables absorb the chain (positioned at its first
        // chained field, as Go does); literals cannot take fields.
        let arg = match node {
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
        };
        Ok(Some(arg))
    }

    /// A literal, function name, `.`, `.Field`, `$var` or `( pipeline )`.
    /// None when the next item is not a term.
    fn term(&mut self) -> PResult<Option<Arg>> {
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
                    Ok(n) => Arg::Number(n),
                    Err(msg) => return self.fail(msg),
                }
            }
            ItemKind::LeftParen => {
                if self.st.paren_depth >= self.max_paren_depth {
                    return self.fail("max expression depth exceeded");
                }
                self.enter(true)?;
                self.st.paren_depth += 1;
                let pipe = self.pipeline("parenthesized pipeline", ItemKind::RightParen);
                self.st.paren_depth -= 1;
                self.leave();
                Arg::Pipe(pipe?)
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
