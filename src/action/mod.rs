//! The verbs: one file per command. Each takes plain options and returns
//! data or text; the CLI only parses arguments and prints.

pub mod config;
pub mod create;
pub mod get;
pub mod history;
pub mod hooks;
pub mod install;
pub mod lint;
pub mod lint_rules;
pub mod list;
pub mod package;
pub mod postrender;
pub mod release_test;
pub mod rollback;
pub mod show;
pub mod status;
pub mod template;
pub mod uninstall;
pub mod upgrade;
