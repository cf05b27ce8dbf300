//! The chart engine: Go text/template with Sprig and Helm's functions.
//!
//! Front end: [`lex`] (tokens with Go's trim markers and delimiters),
//! [`parse`] (Go's `text/template/parse` rules and messages) producing
//! [`ast`] trees with byte positions. Execution and the function library
//! land next.

pub mod ast;
pub mod exec;
pub mod fmt;
pub mod funcs;
pub mod lex;
pub mod objects;
pub mod parse;
pub mod render;
pub mod value;
