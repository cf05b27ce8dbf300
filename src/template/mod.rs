//! The chart engine: Go text/template with Sprig and Helm's functions.
//!
//! Not built yet: `capstan template` and rendering land with the template
//! engine work (lexer, parser, exec, `funcs/` by family).
