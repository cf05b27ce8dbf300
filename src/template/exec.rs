//! The executor: Go's `text/template/exec.go` semantics over [`V`] values,
//! with Helm's functions (`include`, `tpl`, `required`, `fail`, `lookup`)
//! and Helm 4's error formatting.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use super::ast::{
    Arg, BranchNode, CommandNode, ListNode, Node, NumberNode, PipeNode, TemplateNode, Tree,
};
use super::funcs::{self, FuncDef, Ty};
use super::lex::go_quote;
use super::parse::{self, ParseOptions};
use super::value::{Elem, V};

/// Go's limit on nested template calls.
const MAX_EXEC_DEPTH: usize = 100_000;
/// Helm's limit on nested `include` of one name.
const INCLUDE_MAX: usize = 1000;
/// Marker Helm wraps `required`/`fail` messages in.
const WARN_START: &str = "HELM_ERR_START";
const WARN_END: &str = "HELM_ERR_END";

/// An execution error as Go reports it, with its unwrap chain (each
/// element is one error's `Error()` text, outermost first), from which
/// Helm 4 builds its message.
#[derive(Clone, Debug, PartialEq)]
pub struct ExecError {
    pub chain: Vec<String>,
    /// Whether the outermost error is a Go `ExecError` (Helm reformats
    /// only those).
    pub is_exec: bool,
}

impl ExecError {
    fn plain(msg: impl Into<String>) -> ExecError {
        ExecError {
            chain: vec![msg.into()],
            is_exec: false,
        }
    }

    /// The innermost `file:line:col` the chain names (where it failed).
    pub fn innermost_location(&self) -> Option<(String, usize, usize)> {
        self.chain.iter().rev().find_map(|e| {
            let rest = e.strip_prefix("template: ")?;
            let (loc, _) = rest.split_once(": executing ")?;
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), line, col))
        })
    }

    /// Go's `err.Error()`.
    pub fn go_text(&self) -> String {
        self.chain.first().cloned().unwrap_or_default()
    }

    /// Helm 4's `reformatExecErrorMsg` for an error while rendering `filename`.
    pub fn helm_message(&self, filename: &str) -> String {
        let text = self.go_text();
        if !self.is_exec {
            return text;
        }
        let tokens: Vec<&str> = text.splitn(3, ": ").collect();
        if tokens.len() != 3 {
            return format!("execution error in ({filename}): {text}");
        }
        let location = tokens[1];
        if let Some(start) = tokens[2].find(WARN_START) {
            let rest = &tokens[2][start + WARN_START.len()..];
            if let Some(end) = rest.rfind(WARN_END) {
                return format!("execution error at ({location}): {}", &rest[..end]);
            }
        }
        let mut frames: Vec<Traceable> = Vec::new();
        for e in &self.chain {
            match parse_traceable(e) {
                Some(t) => {
                    if frames.last() != Some(&t) {
                        frames.push(t);
                    }
                }
                None => return text,
            }
        }
        let mut out = String::new();
        for f in frames {
            out.push_str(&f.render());
        }
        out.trim().to_string()
    }
}

#[derive(Debug, PartialEq)]
struct Traceable {
    location: String,
    message: String,
    executed: String,
}

impl Traceable {
    fn render(&self) -> String {
        let mut s = String::new();
        if !self.location.is_empty() {
            s.push_str(&format!("{}\n  ", self.location));
        }
        if !self.executed.is_empty() {
            s.push_str(&format!("{}\n    ", self.executed));
        }
        if !self.message.is_empty() {
            s.push_str(&format!("{}\n", self.message));
        }
        s
    }
}

fn cut_template(msg: &str) -> &str {
    match msg.find(" template:") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

fn parse_traceable(s: &str) -> Option<Traceable> {
    let rest = s.strip_prefix("template: ")?;
    if rest.starts_with("no template ") {
        return Some(Traceable {
            location: String::new(),
            message: s.to_string(),
            executed: String::new(),
        });
    }
    if let Some((name, after)) = rest.split_once(": executing ")
        && let Some(after) = after.strip_prefix('"')
        && let Some(q) = after.find('"')
        && let Some(after_at) = after[q + 1..].strip_prefix(" at <")
        && let Some((loc, msg)) = after_at.split_once(">: ")
    {
        let func = &after[..q];
        return Some(Traceable {
            location: name.to_string(),
            message: cut_template(msg).to_string(),
            executed: format!("executing \"{func}\" at <{loc}>:"),
        });
    }
    let sep = rest.rfind(": ")?;
    Some(Traceable {
        location: rest[..sep].to_string(),
        message: cut_template(&rest[sep + 2..]).to_string(),
        executed: String::new(),
    })
}

/// A value during execution: Go distinguishes an invalid `reflect.Value`
/// (`valid == false`) from a nil interface, and reports static types
/// (`interface {}` for values read out of maps and lists).
#[derive(Clone, Debug)]
struct Val {
    v: V,
    valid: bool,
    iface: bool,
}

impl Val {
    fn invalid() -> Val {
        Val {
            v: V::Nil,
            valid: false,
            iface: false,
        }
    }
    fn of(v: V) -> Val {
        Val {
            v,
            valid: true,
            iface: false,
        }
    }
    fn iface(v: V) -> Val {
        Val {
            v,
            valid: true,
            iface: true,
        }
    }
    /// Go's "dig down one level" for `interface{}` pipeline results.
    fn dig(self) -> Val {
        if self.iface {
            if self.v.is_nil() {
                Val::invalid()
            } else {
                Val::of(self.v)
            }
        } else {
            self
        }
    }
    fn static_type(&self) -> String {
        if self.iface {
            "interface {}".to_string()
        } else {
            self.v.type_name()
        }
    }
}

/// Control flow out of a list walk.
enum Flow {
    Normal,
    Break,
    Continue,
}

/// Options of one engine run.
#[derive(Clone, Debug, Default)]
pub struct EngineOptions {
    /// `missingkey=error` (lint `--strict`).
    pub strict: bool,
    /// Lint mode: `required`/`fail` only warn.
    pub lint_mode: bool,
    /// `--enable-dns`: `getHostByName` really resolves (else "").
    pub enable_dns: bool,
}

/// A set of parsed templates sharing `define`s (Go's template set named
/// `gotpl`), plus the state of Helm's functions.
pub struct Engine {
    trees: HashMap<String, Rc<Tree>>,
    opts: EngineOptions,
    include_counts: HashMap<String, usize>,
    /// Warnings from lint mode.
    pub warnings: Vec<String>,
    /// `lookup` implementation (offline: always an empty map).
    pub lookup: Option<LookupFn>,
}

/// `lookup(apiVersion, kind, namespace, name)` against a cluster.
pub type LookupFn = Box<dyn Fn(&str, &str, &str, &str) -> Result<V, String>>;

/// Helm's functions the executor implements itself.
const HELM_FUNCS: &[&str] = &[
    "include",
    "tpl",
    "required",
    "fail",
    "lookup",
    "getHostByName",
];
const LAZY_BUILTINS: &[&str] = &["and", "or"];

/// Whether a function name is defined (for the parser).
/// The templates of one file (its body and its `define`s), parsed with
/// Helm's functions known.
pub fn parse_file(
    name: &str,
    src: &str,
) -> Result<std::collections::BTreeMap<String, Tree>, parse::ParseError> {
    parse::parse_with(name, src, &ParseOptions::default(), &is_defined_func)
}

pub fn is_defined_func(name: &str) -> bool {
    HELM_FUNCS.contains(&name) || LAZY_BUILTINS.contains(&name) || funcs::lookup(name).is_some()
}

impl Engine {
    pub fn new(opts: EngineOptions) -> Engine {
        Engine {
            trees: HashMap::new(),
            opts,
            include_counts: HashMap::new(),
            warnings: Vec::new(),
            lookup: None,
        }
    }

    /// Parses `src` as template `name` and adds it (and its `define`s) to
    /// the set, with Go's rule that an empty body never replaces a
    /// non-empty one. Returns Go's parse error.
    pub fn add(&mut self, name: &str, src: &str) -> Result<(), parse::ParseError> {
        self.add_parsed(parse_file(name, src)?);
        Ok(())
    }

    /// Adds the trees of one file parsed by [`parse_file`] (parsing needs no
    /// engine, so files can be parsed on other threads first).
    pub fn add_parsed(&mut self, trees: std::collections::BTreeMap<String, Tree>) {
        for (n, t) in trees {
            self.associate(n, t);
        }
    }

    fn associate(&mut self, name: String, tree: Tree) {
        if let Some(old) = self.trees.get(&name)
            && tree.is_empty()
            && !old.is_empty()
        {
            return;
        }
        self.trees.insert(name, Rc::new(tree));
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.trees.contains_key(name)
    }

    /// The source text of the file a template was parsed from.
    pub fn source_of(&self, parse_name: &str) -> Option<std::sync::Arc<str>> {
        self.trees
            .values()
            .find(|t| t.parse_name == parse_name)
            .map(|t| t.text.clone())
    }

    /// Executes template `name` with `data` (Go's `ExecuteTemplate`).
    pub fn execute(&mut self, name: &str, data: &V) -> Result<String, ExecError> {
        let data = if data.is_nil() {
            Val::invalid()
        } else {
            Val::of(data.clone())
        };
        self.execute_val(name, data)
    }

    fn execute_val(&mut self, name: &str, data: Val) -> Result<String, ExecError> {
        let Some(tree) = self.trees.get(name).cloned() else {
            return Err(ExecError::plain(format!(
                "template: no template {} associated with template \"gotpl\"",
                go_quote(name)
            )));
        };
        let mut st = State {
            eng: self,
            tree: tree.clone(),
            name: name.to_string(),
            vars: vec![("$".to_string(), data.clone())],
            depth: 0,
            out: String::new(),
            node_pos: 0,
            node_kind: None,
        };
        st.walk(&data, &tree.root)?;
        Ok(st.out)
    }
}

struct State<'e> {
    eng: &'e mut Engine,
    tree: Rc<Tree>,
    name: String,
    vars: Vec<(String, Val)>,
    depth: usize,
    out: String,
    node_pos: usize,
    /// Kind of the node being evaluated (`None`: no node yet); its text is
    /// found again from the position only when an error is reported.
    node_kind: Option<NodeKind>,
}

/// Which node an error refers to (looked up by position on error).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NodeKind {
    Pipe,
    Command,
    Arg,
    Name(u8),
    Template,
    Range,
}

type R<T> = Result<T, ExecError>;

impl State<'_> {
    fn at(&mut self, pos: usize, kind: NodeKind) {
        self.node_pos = pos;
        self.node_kind = Some(kind);
    }

    /// The text Go prints for the current node (`ErrorContext`).
    fn node_text(&self) -> Option<String> {
        let kind = self.node_kind?;
        let mut found = None;
        find_in_list(&self.tree.root, self.node_pos, kind, &mut found);
        Some(found.unwrap_or_default())
    }

    /// Go's `state.errorf` with an optional wrapped cause chain.
    fn error_with(&self, msg: String, cause: Option<&ExecError>) -> ExecError {
        let mut text = match &self.node_text() {
            None => format!("template: {}: {msg}", self.name),
            Some(ctx) => format!(
                "template: {}: executing {} at <{}>: {msg}",
                self.tree.location(self.node_pos),
                go_quote(&self.name),
                ctx
            ),
        };
        let mut chain = Vec::new();
        match cause {
            Some(c) => {
                text.push_str(&c.go_text());
                chain.push(text.clone());
                chain.push(text);
                chain.extend(c.chain.iter().cloned());
            }
            None => {
                chain.push(text.clone());
                chain.push(text);
            }
        }
        ExecError {
            chain,
            is_exec: true,
        }
    }

    fn errorf(&self, msg: impl Into<String>) -> ExecError {
        self.error_with(msg.into(), None)
    }

    fn walk(&mut self, dot: &Val, list: &ListNode) -> R<Flow> {
        for node in &list.nodes {
            match self.walk_node(dot, node)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn walk_node(&mut self, dot: &Val, node: &Node) -> R<Flow> {
        match node {
            Node::Text(t) => self.out.push_str(&t.text),
            Node::Comment(_) => {}
            Node::Action(a) => {
                self.at(a.pipe.pos, NodeKind::Pipe);
                let val = self.eval_pipeline(dot, &a.pipe)?;
                if a.pipe.decl.is_empty() {
                    self.print_value(&val)?;
                }
            }
            Node::If(b) => return self.walk_if_with(dot, b, false),
            Node::With(b) => return self.walk_if_with(dot, b, true),
            Node::Range(b) => return self.walk_range(dot, b),
            Node::Template(t) => self.walk_template(dot, t)?,
            Node::Break(_) => return Ok(Flow::Break),
            Node::Continue(_) => return Ok(Flow::Continue),
        }
        Ok(Flow::Normal)
    }

    fn print_value(&mut self, v: &Val) -> R<()> {
        if !v.valid {
            self.out.push_str("<no value>");
            return Ok(());
        }
        match &v.v {
            V::Nil => self.out.push_str("<no value>"),
            V::Str(s) => self.out.push_str(s),
            other => {
                let s = other.go_string();
                self.out.push_str(&s);
            }
        }
        Ok(())
    }

    fn walk_if_with(&mut self, dot: &Val, b: &BranchNode, with: bool) -> R<Flow> {
        let mark = self.vars.len();
        // Go walks else-if chains as nested branches; loop to keep the stack flat.
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let truth = val.valid && val.v.truthy();
        let res = if truth {
            if with {
                let d = val.clone();
                self.walk(&d, &b.list)
            } else {
                self.walk(dot, &b.list)
            }
        } else if let Some(e) = &b.else_list {
            self.walk(dot, e)
        } else {
            Ok(Flow::Normal)
        };
        self.vars.truncate(mark);
        res
    }

    fn walk_range(&mut self, dot: &Val, r: &BranchNode) -> R<Flow> {
        self.at(r.pos, NodeKind::Range);
        let mark = self.vars.len();
        let val = self.eval_pipeline(dot, &r.pipe)?;
        let inner_mark = self.vars.len();
        let decl = &r.pipe.decl;
        let mut iterations = 0usize;
        let items: Vec<(Val, Val)> = if !val.valid {
            Vec::new()
        } else {
            match &val.v {
                V::List(l) => l
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        (
                            Val::of(V::Int(i as i64)),
                            if l.elem == Elem::Any {
                                Val::iface(e.clone())
                            } else {
                                Val::of(e.clone())
                            },
                        )
                    })
                    .collect(),
                V::Bytes(b) => b
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (Val::of(V::Int(i as i64)), Val::of(V::Uint(u64::from(*x)))))
                    .collect(),
                V::Map(m) => {
                    let iface = m.elem == Elem::Any;
                    m.entries
                        .borrow()
                        .iter()
                        .map(|(k, v)| {
                            (
                                Val::of(V::str(k)),
                                if iface {
                                    Val::iface(v.clone())
                                } else {
                                    Val::of(v.clone())
                                },
                            )
                        })
                        .collect()
                }
                V::Int(n) | V::Int64(n) => {
                    if decl.len() > 1 {
                        return Err(self.errorf(format!(
                            "can't use {} to iterate over more than one variable",
                            val.v.go_string()
                        )));
                    }
                    (0..(*n).max(0))
                        .map(|i| (Val::of(V::Int(i)), Val::of(V::Int(i))))
                        .collect()
                }
                V::Object(o) => {
                    if let Some(m) = o.as_map() {
                        m.into_iter()
                            .map(|(k, v)| (Val::of(V::str(k)), Val::of(v)))
                            .collect()
                    } else if let Some(l) = o.as_list() {
                        l.into_iter()
                            .enumerate()
                            .map(|(i, v)| (Val::of(V::Int(i as i64)), Val::of(v)))
                            .collect()
                    } else {
                        return Err(
                            self.errorf(format!("range can't iterate over {}", val.v.go_string()))
                        );
                    }
                }
                V::Nil => Vec::new(),
                other => {
                    return Err(
                        self.errorf(format!("range can't iterate over {}", other.go_string()))
                    );
                }
            }
        };
        let mut result = Ok(Flow::Normal);
        for (index, elem) in items {
            iterations += 1;
            if !decl.is_empty() {
                if r.pipe.is_assign {
                    let first = if decl.len() > 1 { &index } else { &elem };
                    self.set_var(decl[0].name(), first.clone());
                } else {
                    self.set_top_var(1, elem.clone());
                }
            }
            if decl.len() > 1 {
                if r.pipe.is_assign {
                    self.set_var(decl[1].name(), elem.clone());
                } else {
                    self.set_top_var(2, index.clone());
                }
            }
            let flow = self.walk(&elem, &r.list);
            self.vars.truncate(inner_mark);
            match flow {
                Err(e) => {
                    result = Err(e);
                    break;
                }
                Ok(Flow::Break) => break,
                Ok(_) => {}
            }
        }
        if result.is_ok()
            && iterations == 0
            && let Some(e) = &r.else_list
        {
            result = self.walk(dot, e).map(|_| Flow::Normal);
        }
        self.vars.truncate(mark);
        result.map(|_| Flow::Normal)
    }

    fn walk_template(&mut self, dot: &Val, t: &TemplateNode) -> R<()> {
        self.at(t.pos, NodeKind::Template);
        let Some(tree) = self.eng.trees.get(&t.name).cloned() else {
            return Err(self.errorf(format!("template {} not defined", go_quote(&t.name))));
        };
        if self.depth >= MAX_EXEC_DEPTH {
            return Err(self.errorf(format!(
                "exceeded maximum template depth ({MAX_EXEC_DEPTH})"
            )));
        }
        let new_dot = match &t.pipe {
            Some(p) => self.eval_pipeline(dot, p)?,
            None => Val::invalid(),
        };
        let saved_node = (self.node_pos, self.node_kind);
        let saved_tree = std::mem::replace(&mut self.tree, tree.clone());
        let saved_name = std::mem::replace(&mut self.name, t.name.clone());
        let saved_vars =
            std::mem::replace(&mut self.vars, vec![("$".to_string(), new_dot.clone())]);
        self.depth += 1;
        let res = self.walk(&new_dot, &tree.root);
        self.depth -= 1;
        self.tree = saved_tree;
        self.name = saved_name;
        self.vars = saved_vars;
        if res.is_ok() {
            (self.node_pos, self.node_kind) = saved_node;
        }
        res.map(|_| ())
    }

    fn set_var(&mut self, name: &str, v: Val) {
        if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
            slot.1 = v;
        }
    }

    fn set_top_var(&mut self, n: usize, v: Val) {
        let len = self.vars.len();
        if n <= len {
            self.vars[len - n].1 = v;
        }
    }

    fn var_value(&self, name: &str) -> R<Val> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| self.errorf(format!("undefined variable: {name}")))
    }

    fn eval_pipeline(&mut self, dot: &Val, pipe: &PipeNode) -> R<Val> {
        self.at(pipe.pos, NodeKind::Pipe);
        let mut value: Option<Val> = None;
        for cmd in &pipe.cmds {
            let v = self.eval_command(dot, cmd, value.take())?;
            value = Some(v.dig());
        }
        let value = value.unwrap_or_else(Val::invalid);
        for var in &pipe.decl {
            if pipe.is_assign {
                self.set_var(var.name(), value.clone());
            } else {
                self.vars.push((var.name().to_string(), value.clone()));
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, args: &[Arg], fin: &Option<Val>) -> R<()> {
        if args.len() > 1 || fin.is_some() {
            return Err(self.errorf(format!("can't give argument to non-function {}", args[0])));
        }
        Ok(())
    }

    fn eval_command(&mut self, dot: &Val, cmd: &CommandNode, fin: Option<Val>) -> R<Val> {
        let first = &cmd.args[0];
        match first {
            Arg::Field(f) => {
                self.at(f.pos, NodeKind::Arg);
                return self.eval_field_chain(dot, dot.clone(), &f.ident, &cmd.args, fin, true);
            }
            Arg::Chain(c) => {
                self.at(c.pos, NodeKind::Arg);
                let recv = self.eval_arg_value(dot, &c.node)?;
                return self.eval_field_chain(dot, recv, &c.field, &cmd.args, fin, false);
            }
            Arg::Identifier(id) => {
                return self.eval_function(dot, &id.ident, id.pos, cmd, &cmd.args, fin);
            }
            Arg::Pipe(p) => {
                self.not_a_function(&cmd.args, &fin)?;
                return self.eval_pipeline(dot, p);
            }
            Arg::Variable(v) => {
                self.at(v.pos, NodeKind::Arg);
                let value = self.var_value(&v.ident[0])?;
                if v.ident.len() == 1 {
                    self.not_a_function(&cmd.args, &fin)?;
                    return Ok(value);
                }
                return self.eval_field_chain(dot, value, &v.ident[1..], &cmd.args, fin, false);
            }
            _ => {}
        }
        self.at(first.pos(), NodeKind::Arg);
        self.not_a_function(&cmd.args, &fin)?;
        match first {
            Arg::Bool(b) => Ok(Val::of(V::Bool(b.val))),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Nil(_) => Err(self.errorf("nil is not a command")),
            Arg::Number(n) => self.ideal_constant(n).map(Val::of),
            Arg::String(s) => Ok(Val::of(V::str(&s.text))),
            _ => Err(self.errorf(format!("can't evaluate command {first}"))),
        }
    }

    fn ideal_constant(&self, n: &NumberNode) -> R<V> {
        let t = &n.text;
        if n.is_complex {
            return Err(self.errorf("complex numbers are not supported"));
        }
        let hex_int = (t.starts_with("0x") || t.starts_with("0X") || t.starts_with("-0x"))
            && !t.contains(['p', 'P']);
        let rune = t.starts_with('\'');
        if n.is_float && !hex_int && !rune && t.contains(['.', 'e', 'E', 'p', 'P']) {
            return Ok(V::Float(n.float64));
        }
        if n.is_int {
            return Ok(V::Int(n.int64));
        }
        if n.is_uint {
            return Err(self.errorf(format!("{t} overflows int")));
        }
        Ok(V::Float(n.float64))
    }

    /// Evaluates an argument without a target type (receivers of chains).
    fn eval_arg_value(&mut self, dot: &Val, a: &Arg) -> R<Val> {
        self.eval_arg(dot, Ty::Any, a)
    }

    fn eval_field_chain(
        &mut self,
        dot: &Val,
        mut recv: Val,
        ident: &[String],
        args: &[Arg],
        fin: Option<Val>,
        _from_dot: bool,
    ) -> R<Val> {
        let n = ident.len();
        for name in &ident[..n - 1] {
            recv = self.eval_field(dot, name, &[], None, recv)?;
        }
        self.eval_field(dot, &ident[n - 1], args, fin, recv)
    }

    fn eval_field(
        &mut self,
        dot: &Val,
        name: &str,
        args: &[Arg],
        fin: Option<Val>,
        recv: Val,
    ) -> R<Val> {
        if !recv.valid {
            if self.eng.opts.strict {
                return Err(self.errorf(format!("nil data; no entry for key {}", go_quote(name))));
            }
            return Ok(Val::invalid());
        }
        let has_args = args.len() > 1 || fin.is_some();
        match &recv.v {
            V::Nil => Err(self.errorf(format!(
                "nil pointer evaluating {}.{name}",
                recv.static_type()
            ))),
            V::Map(m) => {
                if has_args {
                    return Err(self.errorf(format!("{name} is not a method but has arguments")));
                }
                let got = m.entries.borrow().get(name).cloned();
                match got {
                    Some(v) => Ok(if m.elem == Elem::Any {
                        Val::iface(v)
                    } else {
                        Val::of(v)
                    }),
                    None => {
                        if self.eng.opts.strict {
                            return Err(
                                self.errorf(format!("map has no entry for key {}", go_quote(name)))
                            );
                        }
                        Ok(match m.elem {
                            Elem::Any => Val::iface(V::Nil),
                            Elem::Str => Val::of(V::str("")),
                            Elem::Int => Val::of(V::Int(0)),
                        })
                    }
                }
            }
            V::Object(o) => {
                let o = o.clone();
                if o.has_method(name) {
                    let sig = o.method_sig(name);
                    let (params, variadic) = sig.unwrap_or((&[], Some(Ty::Any)));
                    let argv = self.eval_call_args(dot, name, params, variadic, args, fin)?;
                    return match o.call(name, &argv) {
                        Some(Ok(v)) => Ok(Val::of(v)),
                        Some(Err(e)) => Err(self.error_with(
                            format!("error calling {name}: "),
                            Some(&ExecError::plain(e)),
                        )),
                        None => Err(self.errorf(format!(
                            "can't evaluate field {name} in type {}",
                            o.type_name()
                        ))),
                    };
                }
                match o.field(name) {
                    Some(v) => {
                        if has_args {
                            return Err(self.errorf(format!(
                                "{name} has arguments but cannot be invoked as function"
                            )));
                        }
                        Ok(Val::of(v))
                    }
                    None => Err(self.errorf(format!(
                        "can't evaluate field {name} in type {}",
                        o.type_name()
                    ))),
                }
            }
            _ => Err(self.errorf(format!(
                "can't evaluate field {name} in type {}",
                recv.static_type()
            ))),
        }
    }

    fn eval_function(
        &mut self,
        dot: &Val,
        name: &str,
        pos: usize,
        cmd: &CommandNode,
        args: &[Arg],
        fin: Option<Val>,
    ) -> R<Val> {
        self.at(pos, NodeKind::Name(0));
        match name {
            "and" | "or" => return self.eval_and_or(dot, name, cmd, args, fin),
            "include" | "tpl" | "required" | "fail" | "lookup" | "getHostByName" => {
                return self.eval_helm(dot, name, cmd, args, fin);
            }
            _ => {}
        }
        let Some(def) = funcs::lookup(name) else {
            return Err(self.errorf(format!("{} is not a defined function", go_quote(name))));
        };
        self.eval_native(dot, def, cmd, args, fin)
    }

    fn check_arg_count(
        &mut self,
        name: &str,
        cmd: &CommandNode,
        fixed: usize,
        variadic: bool,
        args: &[Arg],
        fin: &Option<Val>,
    ) -> R<()> {
        let given = args.len() - 1;
        let num_in = given + usize::from(fin.is_some());
        if variadic {
            if num_in < fixed {
                self.at(cmd.pos, NodeKind::Command);
                return Err(self.errorf(format!(
                    "wrong number of args for {name}: want at least {fixed} got {given}"
                )));
            }
        } else if num_in != fixed {
            self.at(cmd.pos, NodeKind::Command);
            return Err(self.errorf(format!(
                "wrong number of args for {name}: want {fixed} got {num_in}"
            )));
        }
        Ok(())
    }

    fn eval_call_args(
        &mut self,
        dot: &Val,
        name: &str,
        params: &[Ty],
        variadic: Option<Ty>,
        args: &[Arg],
        fin: Option<Val>,
    ) -> R<Vec<V>> {
        let given = args.len().saturating_sub(1);
        let num_in = given + usize::from(fin.is_some());
        let fixed = params.len();
        let ok = match variadic {
            Some(_) => num_in >= fixed,
            None => num_in == fixed,
        };
        if !ok {
            return Err(match variadic {
                Some(_) => self.errorf(format!(
                    "wrong number of args for {name}: want at least {fixed} got {given}"
                )),
                None => self.errorf(format!(
                    "wrong number of args for {name}: want {fixed} got {num_in}"
                )),
            });
        }
        let mut argv = Vec::with_capacity(num_in);
        for (i, a) in args.iter().skip(1).enumerate() {
            let ty = if i < fixed {
                params[i]
            } else {
                variadic.unwrap_or(Ty::Any)
            };
            let v = self.eval_arg(dot, ty, a)?;
            argv.push(self.validate_type(v, ty)?);
        }
        if let Some(f) = fin {
            let ty = if given < fixed {
                params[fixed - 1]
            } else {
                variadic.unwrap_or(Ty::Any)
            };
            argv.push(self.validate_type(f, ty)?);
        }
        Ok(argv)
    }

    fn eval_native(
        &mut self,
        dot: &Val,
        def: &FuncDef,
        cmd: &CommandNode,
        args: &[Arg],
        fin: Option<Val>,
    ) -> R<Val> {
        self.check_arg_count(
            def.name,
            cmd,
            def.params.len(),
            def.variadic.is_some(),
            args,
            &fin,
        )?;
        let argv = self.eval_call_args(dot, def.name, def.params, def.variadic, args, fin)?;
        match (def.f)(&argv) {
            Ok(v) => Ok(Val::iface(v)),
            Err(e) => {
                self.at(cmd.pos, NodeKind::Command);
                Err(self.error_with(
                    format!("error calling {}: ", def.name),
                    Some(&ExecError::plain(e)),
                ))
            }
        }
    }

    fn eval_and_or(
        &mut self,
        dot: &Val,
        name: &str,
        cmd: &CommandNode,
        args: &[Arg],
        fin: Option<Val>,
    ) -> R<Val> {
        self.check_arg_count(name, cmd, 1, true, args, &fin)?;
        let want = name == "or";
        let mut last = Val::invalid();
        for a in args.iter().skip(1) {
            let v = self.eval_arg(dot, Ty::Any, a)?;
            let t = v.valid && v.v.truthy();
            if t == want {
                return Ok(v);
            }
            last = v;
        }
        if let Some(f) = fin {
            return Ok(f);
        }
        Ok(last)
    }

    /// Go's `validateType` for a value going into a parameter of type `ty`.
    fn validate_type(&self, v: Val, ty: Ty) -> R<V> {
        if !v.valid {
            return match ty {
                Ty::Any | Ty::Map | Ty::List | Ty::StrList | Ty::Bytes => Ok(V::Nil),
                _ => Err(self.errorf(format!("invalid value; expected {}", ty.go_name()))),
            };
        }
        let ok = match (ty, &v.v) {
            (Ty::Any, _) => true,
            (Ty::Str, V::Str(_)) => true,
            (Ty::Int, V::Int(_)) => true,
            (Ty::Int64, V::Int64(_)) => true,
            (Ty::Float, V::Float(_)) => true,
            (Ty::Bool, V::Bool(_)) => true,
            (Ty::Map, V::Map(m)) => m.elem == Elem::Any,
            (Ty::List, V::List(l)) => l.elem == Elem::Any,
            (Ty::StrList, V::List(l)) => l.elem == Elem::Str,
            (Ty::Bytes, V::Bytes(_)) => true,
            _ => false,
        };
        if ok {
            return Ok(v.v);
        }
        let got = if v.v.is_nil() {
            v.static_type()
        } else {
            v.v.type_name()
        };
        Err(self.errorf(format!(
            "wrong type for value; expected {}; got {got}",
            ty.go_name()
        )))
    }

    /// Go's `evalArg` for a parameter of type `ty`.
    fn eval_arg(&mut self, dot: &Val, ty: Ty, a: &Arg) -> R<Val> {
        self.at(a.pos(), NodeKind::Arg);
        match a {
            Arg::Dot(_) => return Ok(dot.clone()),
            Arg::Nil(_) => {
                return match ty {
                    Ty::Any | Ty::Map | Ty::List | Ty::StrList | Ty::Bytes => {
                        Ok(Val::iface(V::Nil))
                    }
                    _ => Err(self.errorf(format!("cannot assign nil to {}", ty.go_name()))),
                };
            }
            Arg::Field(f) => {
                self.at(f.pos, NodeKind::Arg);
                return self.eval_field_chain(
                    dot,
                    dot.clone(),
                    &f.ident,
                    std::slice::from_ref(a),
                    None,
                    true,
                );
            }
            Arg::Variable(v) => {
                self.at(v.pos, NodeKind::Arg);
                let value = self.var_value(&v.ident[0])?;
                if v.ident.len() == 1 {
                    return Ok(value);
                }
                return self.eval_field_chain(dot, value, &v.ident[1..], &[], None, false);
            }
            Arg::Pipe(p) => return self.eval_pipeline(dot, p),
            Arg::Identifier(id) => {
                let cmd = CommandNode {
                    pos: id.pos,
                    args: vec![a.clone()],
                };
                return self.eval_function(dot, &id.ident, id.pos, &cmd, &cmd.args, None);
            }
            Arg::Chain(c) => {
                self.at(c.pos, NodeKind::Arg);
                let recv = self.eval_arg_value(dot, &c.node)?;
                return self.eval_field_chain(dot, recv, &c.field, &[], None, false);
            }
            _ => {}
        }
        match (ty, a) {
            (Ty::Bool, Arg::Bool(b)) => Ok(Val::of(V::Bool(b.val))),
            (Ty::Bool, _) => Err(self.errorf(format!("expected bool; found {a}"))),
            (Ty::Str, Arg::String(s)) => Ok(Val::of(V::str(&s.text))),
            (Ty::Str, _) => Err(self.errorf(format!("expected string; found {a}"))),
            (Ty::Int, Arg::Number(n)) if n.is_int => Ok(Val::of(V::Int(n.int64))),
            (Ty::Int64, Arg::Number(n)) if n.is_int => Ok(Val::of(V::Int64(n.int64))),
            (Ty::Int | Ty::Int64, _) => Err(self.errorf(format!("expected integer; found {a}"))),
            (Ty::Float, Arg::Number(n)) if n.is_float => Ok(Val::of(V::Float(n.float64))),
            (Ty::Float, _) => Err(self.errorf(format!("expected float; found {a}"))),
            (Ty::Any, Arg::Bool(b)) => Ok(Val::of(V::Bool(b.val))),
            (Ty::Any, Arg::Number(n)) => self.ideal_constant(n).map(Val::of),
            (Ty::Any, Arg::String(s)) => Ok(Val::of(V::str(&s.text))),
            _ => Err(self.errorf(format!("can't handle {a} for arg of type {}", ty.go_name()))),
        }
    }

    // ---- Helm's functions -------------------------------------------------

    fn eval_helm(
        &mut self,
        dot: &Val,
        name: &str,
        cmd: &CommandNode,
        args: &[Arg],
        fin: Option<Val>,
    ) -> R<Val> {
        let (params, _ret): (&[Ty], ()) = match name {
            "include" | "tpl" => (&[Ty::Str, Ty::Any], ()),
            "required" => (&[Ty::Str, Ty::Any], ()),
            "fail" | "getHostByName" => (&[Ty::Str], ()),
            _ => (&[Ty::Str, Ty::Str, Ty::Str, Ty::Str], ()),
        };
        self.check_arg_count(name, cmd, params.len(), false, args, &fin)?;
        let argv = self.eval_call_args(dot, name, params, None, args, fin)?;
        let s0 = argv[0].as_str().unwrap_or("").to_string();
        let result: Result<V, ExecError> = match name {
            "include" => self.helm_include(&s0, argv[1].clone()).map(V::str),
            "tpl" => self.helm_tpl(&s0, argv[1].clone()).map(V::str),
            "required" => {
                let val = argv[1].clone();
                let missing = match &val {
                    V::Nil => true,
                    V::Str(s) => s.is_empty(),
                    _ => false,
                };
                if missing {
                    if self.eng.opts.lint_mode {
                        self.eng
                            .warnings
                            .push(format!("missing required value: {s0}"));
                        Ok(V::str(""))
                    } else {
                        Err(ExecError::plain(format!("{WARN_START}{s0}{WARN_END}")))
                    }
                } else {
                    Ok(val)
                }
            }
            "fail" => {
                if self.eng.opts.lint_mode {
                    self.eng.warnings.push(format!("fail: {s0}"));
                    Ok(V::str(""))
                } else {
                    Err(ExecError::plain(format!("{WARN_START}{s0}{WARN_END}")))
                }
            }
            "getHostByName" if self.eng.opts.enable_dns => {
                use std::net::ToSocketAddrs;
                let host = argv[0].as_str().unwrap_or("").to_string();
                Ok(V::str(
                    (host.as_str(), 0)
                        .to_socket_addrs()
                        .ok()
                        .and_then(|mut a| a.next())
                        .map(|a| a.ip().to_string())
                        .unwrap_or_default(),
                ))
            }
            "getHostByName" => Ok(V::str("")),
            _ => {
                let s = |i: usize| argv[i].as_str().unwrap_or("").to_string();
                match &self.eng.lookup {
                    Some(f) => f(&s(0), &s(1), &s(2), &s(3)).map_err(ExecError::plain),
                    None => Ok(V::empty_map()),
                }
            }
        };
        match result {
            Ok(v) => Ok(Val::iface(v)),
            Err(e) => {
                self.at(cmd.pos, NodeKind::Command);
                Err(self.error_with(format!("error calling {name}: "), Some(&e)))
            }
        }
    }

    fn helm_include(&mut self, name: &str, data: V) -> Result<String, ExecError> {
        let count = self.eng.include_counts.entry(name.to_string()).or_insert(0);
        if *count > INCLUDE_MAX {
            return Err(ExecError::plain(format!(
                "rendering template has a nested reference name: {name}: unable to execute template"
            )));
        }
        *count += 1;
        let data = if data.is_nil() {
            Val::invalid()
        } else {
            Val::of(data)
        };
        let res = self.run_nested(name, data);
        if let Some(c) = self.eng.include_counts.get_mut(name) {
            *c = c.saturating_sub(1);
        }
        res
    }

    /// Executes a named template in a fresh state (Go's `ExecuteTemplate`).
    fn run_nested(&mut self, name: &str, data: Val) -> Result<String, ExecError> {
        let Some(tree) = self.eng.trees.get(name).cloned() else {
            return Err(ExecError::plain(format!(
                "template: no template {} associated with template \"gotpl\"",
                go_quote(name)
            )));
        };
        self.run_tree(tree, name, data)
    }

    fn run_tree(&mut self, tree: Rc<Tree>, name: &str, data: Val) -> Result<String, ExecError> {
        if self.depth >= MAX_EXEC_DEPTH {
            return Err(self.errorf(format!(
                "exceeded maximum template depth ({MAX_EXEC_DEPTH})"
            )));
        }
        let mut st = State {
            eng: &mut *self.eng,
            tree: tree.clone(),
            name: name.to_string(),
            vars: vec![("$".to_string(), data.clone())],
            depth: self.depth + 1,
            out: String::new(),
            node_pos: 0,
            node_kind: None,
        };
        st.walk(&data, &tree.root)?;
        Ok(st.out)
    }

    fn helm_tpl(&mut self, text: &str, data: V) -> Result<String, ExecError> {
        // Parse as the root template `gotpl`; defines are visible inside only.
        let mut trees =
            parse::parse_with("gotpl", text, &ParseOptions::default(), &is_defined_func).map_err(
                |e| ExecError::plain(format!("cannot parse template {}: {}", go_quote(text), e)),
            )?;
        // Go executes the freshly parsed template itself, even when its body
        // is empty (an empty body does not replace `gotpl` in the set).
        let main = trees.remove("gotpl").map(Rc::new);
        let mut saved: Vec<(String, Option<Rc<Tree>>)> = Vec::new();
        let mut entries: Vec<(String, Rc<Tree>)> =
            trees.into_iter().map(|(n, t)| (n, Rc::new(t))).collect();
        if let Some(m) = &main {
            entries.push(("gotpl".to_string(), m.clone()));
        }
        for (n, t) in entries {
            let old = self.eng.trees.get(&n).cloned();
            if let Some(o) = &old
                && t.is_empty()
                && !o.is_empty()
            {
                continue;
            }
            saved.push((n.clone(), old));
            self.eng.trees.insert(n, t);
        }
        let data = if data.is_nil() {
            Val::invalid()
        } else {
            Val::of(data)
        };
        let res = match &main {
            Some(tree) => self.run_tree(tree.clone(), "gotpl", data),
            None => Ok(String::new()),
        };
        for (n, old) in saved.into_iter().rev() {
            match old {
                Some(o) => {
                    self.eng.trees.insert(n, o);
                }
                None => {
                    self.eng.trees.remove(&n);
                }
            }
        }
        match res {
            Ok(s) => Ok(s.replace("<no value>", "")),
            Err(e) => {
                let outer = format!(
                    "error during tpl function execution for {}: {}",
                    go_quote(text),
                    e.go_text()
                );
                let mut chain = vec![outer];
                chain.extend(e.chain);
                Err(ExecError {
                    chain,
                    is_exec: false,
                })
            }
        }
    }
}

/// Builds a map value from pairs (used for `.Release`, `.Template`...).
pub fn map_of(pairs: Vec<(&str, V)>) -> V {
    V::map(
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<BTreeMap<_, _>>(),
    )
}

// ---- finding a node again by position, for error messages -------------

fn find_in_list(list: &ListNode, pos: usize, kind: NodeKind, out: &mut Option<String>) {
    for n in &list.nodes {
        if out.is_some() {
            return;
        }
        match n {
            Node::Action(a) => find_in_pipe(&a.pipe, pos, kind, out),
            Node::If(b) | Node::With(b) | Node::Range(b) => {
                if kind == NodeKind::Range && b.pos == pos && matches!(n, Node::Range(_)) {
                    let mut s = String::new();
                    let _ = b.write_go(&mut s, &super::ast::GoFmt::DEFAULT, "range");
                    *out = Some(s);
                    return;
                }
                find_in_pipe(&b.pipe, pos, kind, out);
                find_in_list(&b.list, pos, kind, out);
                if let Some(e) = &b.else_list {
                    find_in_list(e, pos, kind, out);
                }
            }
            Node::Template(t) => {
                if kind == NodeKind::Template && t.pos == pos {
                    *out = Some(t.to_string());
                    return;
                }
                if let Some(p) = &t.pipe {
                    find_in_pipe(p, pos, kind, out);
                }
            }
            _ => {}
        }
    }
}

fn find_in_pipe(p: &PipeNode, pos: usize, kind: NodeKind, out: &mut Option<String>) {
    if kind == NodeKind::Pipe && p.pos == pos {
        *out = Some(p.to_string());
        return;
    }
    for c in &p.cmds {
        if kind == NodeKind::Command && c.pos == pos {
            *out = Some(c.to_string());
            return;
        }
        for a in &c.args {
            find_in_arg(a, pos, kind, out);
            if out.is_some() {
                return;
            }
        }
    }
}

fn find_in_arg(a: &Arg, pos: usize, kind: NodeKind, out: &mut Option<String>) {
    if a.pos() == pos {
        match (kind, a) {
            (NodeKind::Arg, _) => {
                *out = Some(a.to_string());
                return;
            }
            (NodeKind::Name(_), Arg::Identifier(id)) => {
                *out = Some(id.ident.clone());
                return;
            }
            _ => {}
        }
    }
    match a {
        Arg::Pipe(p) => find_in_pipe(p, pos, kind, out),
        Arg::Chain(c) => find_in_arg(&c.node, pos, kind, out),
        _ => {}
    }
}
