//! CLI of the release read commands: `list`, `history`, `status` and `get`.

use std::io::Write;

use anyhow::{Context, anyhow};
use clap::{Args, Subcommand};

use crate::action::list::{Format, ListOptions};
use crate::action::{get, history, list, status};
use crate::release::kube_driver::storage_for;
use crate::release::storage::{DriverKind, Storage, driver_kind};
use crate::settings::Settings;

/// `list` flags.
#[derive(Args, Debug, Clone)]
pub struct ListArgs {
    /// show all releases without any filter applied
    #[arg(short = 'a', long)]
    pub all: bool,
    /// list releases across all namespaces
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,
    /// sort by release date
    #[arg(short = 'd', long)]
    pub date: bool,
    /// show deployed releases
    #[arg(long)]
    pub deployed: bool,
    /// show failed releases
    #[arg(long)]
    pub failed: bool,
    /// a regular expression; only releases whose name matches are listed
    #[arg(short = 'f', long, default_value = "")]
    pub filter: String,
    /// maximum number of releases to fetch
    #[arg(short = 'm', long, default_value_t = 256)]
    pub max: usize,
    /// don't print headers when using the default output format
    #[arg(long)]
    pub no_headers: bool,
    /// next release index in the list, used to offset from start value
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// prints the output in the specified format (table, json, yaml)
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
    /// show pending releases
    #[arg(long)]
    pub pending: bool,
    /// reverse the sort order
    #[arg(short = 'r', long)]
    pub reverse: bool,
    /// output short (quiet) listing format
    #[arg(short = 'q', long)]
    pub short: bool,
    /// show superseded releases
    #[arg(long)]
    pub superseded: bool,
    /// format time using golang time formatter
    #[arg(long)]
    pub time_format: Option<String>,
    /// selector (label query) to filter on, supports '=', '==', and '!=' (e.g. -l key1=value1,key2=value2)
    #[arg(short = 'l', long, default_value = "")]
    pub selector: String,
    /// show uninstalled releases (if 'helm uninstall --keep-history' was used)
    #[arg(long)]
    pub uninstalled: bool,
    /// show releases that are currently being uninstalled
    #[arg(long)]
    pub uninstalling: bool,
}

/// `history` flags.
#[derive(Args, Debug, Clone)]
pub struct HistoryArgs {
    /// the release name
    pub name: String,
    /// maximum number of revisions to include in history
    #[arg(long, default_value_t = 256)]
    pub max: usize,
    /// prints the output in the specified format (table, json, yaml)
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
}

/// `status` flags.
#[derive(Args, Debug, Clone)]
pub struct StatusArgs {
    /// the release name
    pub name: String,
    /// if set, display the status of the named release with revision
    #[arg(long, default_value_t = 0)]
    pub revision: i64,
    /// if set, display chart metadata
    #[arg(long)]
    pub show_metadata: bool,
    /// if set, display the resources of the named release
    #[arg(long)]
    pub show_resources: bool,
    /// prints the output in the specified format (table, json, yaml)
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
}

/// Flags common to the `get` subcommands.
#[derive(Args, Debug, Clone)]
pub struct GetCommon {
    /// the release name
    pub name: String,
    /// get the named release with revision
    #[arg(long, default_value_t = 0)]
    pub revision: i64,
}

/// `get` subcommands.
#[derive(Subcommand, Debug, Clone)]
pub enum GetCommand {
    /// download all information for a named release
    All(GetCommon),
    /// download all hooks for a named release
    Hooks(GetCommon),
    /// download the manifest for a named release
    Manifest(GetCommon),
    /// fetch metadata for a given release
    Metadata {
        #[command(flatten)]
        common: GetCommon,
        /// prints the output in the specified format (table, json, yaml)
        #[arg(short = 'o', long, default_value = "table")]
        output: String,
    },
    /// download the notes for a named release
    Notes(GetCommon),
    /// download the values file for a named release
    Values {
        #[command(flatten)]
        common: GetCommon,
        /// dump all (computed) values
        #[arg(short = 'a', long)]
        all: bool,
        /// prints the output in the specified format (table, json, yaml)
        #[arg(short = 'o', long, default_value = "table")]
        output: String,
    },
}

/// `get` arguments.
#[derive(Args, Debug, Clone)]
pub struct GetArgs {
    #[command(subcommand)]
    pub command: GetCommand,
}

/// The release read commands.
#[derive(Debug, Clone)]
pub enum ReleaseCommand {
    List(ListArgs),
    History(HistoryArgs),
    Status(StatusArgs),
    Get(GetArgs),
}

/// Release storage of the cluster for `settings` (`HELM_DRIVER`); all
/// namespaces when `all_namespaces`.
pub fn cluster_storage(settings: &Settings, all_namespaces: bool) -> anyhow::Result<Storage> {
    let kind = driver_kind(&settings.driver).map_err(|e| anyhow!("{e}"))?;
    if kind == DriverKind::Memory {
        return Ok(Storage::memory());
    }
    let kube = crate::kube::client(settings).map_err(|e| anyhow!("{e}"))?;
    let ns = if all_namespaces {
        String::new()
    } else {
        kube.namespace.clone()
    };
    Ok(storage_for(kind, &kube, &ns))
}

fn format(s: &str) -> anyhow::Result<Format> {
    Format::parse(s).map_err(|e| anyhow!(e))
}

/// The text a release read command prints.
pub fn release_command_output(cmd: &ReleaseCommand, settings: &Settings) -> anyhow::Result<String> {
    match cmd {
        ReleaseCommand::List(a) => {
            let fmt = format(&a.output)?;
            let storage = cluster_storage(settings, a.all_namespaces)?;
            let opts = ListOptions {
                all: a.all,
                deployed: a.deployed,
                failed: a.failed,
                pending: a.pending,
                superseded: a.superseded,
                uninstalled: a.uninstalled,
                uninstalling: a.uninstalling,
                filter: a.filter.clone(),
                reverse: a.reverse,
                by_date: a.date,
                max: a.max,
                offset: a.offset,
                time_format: a.time_format.clone(),
                selector: a.selector.clone(),
            };
            let rels = list::run(&storage, &opts).map_err(|e| anyhow!(e))?;
            Ok(list::render(
                &rels,
                fmt,
                a.short,
                a.no_headers,
                a.time_format.as_deref(),
            ))
        }
        ReleaseCommand::History(a) => {
            let fmt = format(&a.output)?;
            let storage = cluster_storage(settings, false)?;
            let hist = history::run(&storage, &a.name, a.max).map_err(|e| anyhow!(e))?;
            Ok(history::render(&hist, fmt))
        }
        ReleaseCommand::Status(a) => {
            let fmt = format(&a.output)?;
            if !a.show_resources || fmt != Format::Table {
                let storage = cluster_storage(settings, false)?;
                let rel = status::release_content(&storage, &a.name, a.revision)
                    .map_err(|e| anyhow!(e))?;
                return status::render(&rel, fmt, a.show_metadata, false).map_err(|e| anyhow!(e));
            }
            // One client for the record and the objects.
            let cfg = crate::action::config::ActionConfig::new(settings)?;
            let rel = status::release_content(&cfg.storage, &a.name, a.revision)
                .map_err(|e| anyhow!(e))?;
            let text = status::render(&rel, fmt, a.show_metadata, false).map_err(|e| anyhow!(e))?;
            let rs = cfg.cluster.build(&rel.manifest, &rel.namespace)?;
            let tables = cfg.cluster.run(crate::kube::table::resource_tables(
                cfg.cluster.client(),
                &rs,
            ))?;
            if tables.is_empty() {
                return Ok(text);
            }
            let section = format!(
                "RESOURCES:\n{}\n",
                crate::kube::table::print_tables(&tables)
            );
            // Helm 3 prints the section right after the description.
            let at = text
                .find("\nDESCRIPTION: ")
                .and_then(|i| text[i + 1..].find('\n').map(|j| i + 1 + j + 1));
            Ok(match at {
                Some(i) => format!("{}{section}{}", &text[..i], &text[i..]),
                None => format!("{text}{section}"),
            })
        }
        ReleaseCommand::Get(a) => {
            let common = match &a.command {
                GetCommand::All(c)
                | GetCommand::Hooks(c)
                | GetCommand::Manifest(c)
                | GetCommand::Notes(c) => c,
                GetCommand::Values { common, .. } | GetCommand::Metadata { common, .. } => common,
            };
            let storage = cluster_storage(settings, false)?;
            let rel = status::release_content(&storage, &common.name, common.revision)
                .map_err(|e| anyhow!(e))?;
            match &a.command {
                GetCommand::All(_) => get::render_all(&rel).map_err(|e| anyhow!(e)),
                GetCommand::Hooks(_) => Ok(get::render_hooks(&rel)),
                GetCommand::Manifest(_) => Ok(get::render_manifest(&rel)),
                GetCommand::Notes(_) => Ok(get::render_notes(&rel)),
                GetCommand::Metadata { output, .. } => {
                    Ok(get::render_metadata(&rel, format(output)?))
                }
                GetCommand::Values { all, output, .. } => {
                    get::render_values(&rel, *all, format(output)?).map_err(|e| anyhow!(e))
                }
            }
        }
    }
}

/// Runs a release read command, printing its output; returns the exit code.
pub fn run_release_command(cmd: ReleaseCommand, settings: &Settings) -> anyhow::Result<i32> {
    let text = release_command_output(&cmd, settings)?;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .context("writing output")?;
    Ok(0)
}
