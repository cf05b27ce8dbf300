//! The verbs: one file per command. Each takes plain options and returns
//! data or text; the CLI only parses arguments and prints.

pub mod create;
pub mod get;
pub mod history;
pub mod lint;
pub mod lint_rules;
pub mod list;
pub mod package;
pub mod show;
pub mod status;
pub mod template;
