//! CLI of the release-changing commands: `install`, `upgrade`,
//! `rollback`, `uninstall` and `test`, with Helm 4's flags and output.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{anyhow, bail};
use clap::Args;

use super::ValuesArgs;
use crate::action::config::ActionConfig;
use crate::action::install::{DryRun, InstallOptions, WaitOptions, install};
use crate::action::list::Format;
use crate::action::postrender::PostRenderer;
use crate::action::release_test::{TestOptions, run_tests};
use crate::action::rollback::{RollbackOptions, rollback};
use crate::action::status;
use crate::action::uninstall::{UninstallOptions, uninstall};
use crate::action::upgrade::{UpgradeOptions, upgrade};
use crate::kube::apply::Cascade;
use crate::kube::wait::parse_go_duration;
use crate::release::model::Release;
use crate::settings::Settings;

/// `--wait[=watcher|hookOnly|legacy]`, `--wait-for-jobs`, `--timeout`.
#[derive(Args, Debug, Clone)]
pub struct WaitArgs {
    /// wait until all resources are ready before marking the release successful (strategy: watcher, hookOnly or legacy)
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "watcher")]
    pub wait: Option<String>,
    /// if set and --wait enabled, will wait until all Jobs have been completed before marking the release as successful
    #[arg(long)]
    pub wait_for_jobs: bool,
    /// time to wait for any individual Kubernetes operation (like Jobs for hooks)
    #[arg(long, default_value = "5m0s")]
    pub timeout: String,
}

impl WaitArgs {
    fn options(&self) -> anyhow::Result<WaitOptions> {
        let wait = match self.wait.as_deref() {
            None | Some("hookOnly") | Some("false") => false,
            Some("watcher") | Some("legacy") | Some("true") => true,
            Some(o) => bail!(
                "invalid wait strategy {o:?}: use watcher, hookOnly or legacy (or --wait alone)"
            ),
        };
        Ok(WaitOptions {
            wait,
            wait_for_jobs: self.wait_for_jobs,
            timeout: parse_go_duration(&self.timeout).map_err(|e| anyhow!("--timeout: {e}"))?,
        })
    }
}

fn dry_run(v: &Option<String>) -> anyhow::Result<DryRun> {
    DryRun::parse(v.as_deref()).map_err(|e| anyhow!(e))
}

fn labels(l: &[String]) -> anyhow::Result<BTreeMap<String, String>> {
    let mut m = BTreeMap::new();
    for item in l {
        for kv in item.split(',') {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| anyhow!("--labels: {kv:?} must be formatted as key=value"))?;
            m.insert(k.to_string(), v.to_string());
        }
    }
    Ok(m)
}

/// Flags `install` and `upgrade` share.
#[derive(Args, Debug, Clone)]
pub struct ReleaseFlags {
    #[command(flatten)]
    pub values: ValuesArgs,
    #[command(flatten)]
    pub wait: WaitArgs,
    /// create the release namespace if not present
    #[arg(long)]
    pub create_namespace: bool,
    /// simulate the operation ("client": no cluster access; "server": against the cluster)
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "client")]
    pub dry_run: Option<String>,
    /// on failure, undo the operation (uninstall a failed install, roll back a failed upgrade)
    #[arg(long, alias = "atomic")]
    pub rollback_on_failure: bool,
    /// prevent hooks from running
    #[arg(long)]
    pub no_hooks: bool,
    /// if set, no CRDs will be installed
    #[arg(long)]
    pub skip_crds: bool,
    /// add a custom description
    #[arg(long, default_value = "")]
    pub description: String,
    /// labels that would be added to release metadata (key1=val1,key2=val2)
    #[arg(short = 'l', long)]
    pub labels: Vec<String>,
    /// ignore the check for helm annotations and take ownership of the existing resources
    #[arg(long)]
    pub take_ownership: bool,
    /// if set server-side apply will force changes against conflicts
    #[arg(long)]
    pub force_conflicts: bool,
    /// disables JSON schema validation
    #[arg(long)]
    pub skip_schema_validation: bool,
    /// render subchart notes along with the parent
    #[arg(long)]
    pub render_subchart_notes: bool,
    /// do not show notes in the output
    #[arg(long)]
    pub hide_notes: bool,
    /// the path of an executable used as a post-renderer (rendered manifests on stdin, manifests to install on stdout)
    #[arg(long)]
    pub post_renderer: Option<String>,
    /// enable DNS lookups when rendering templates
    #[arg(long)]
    pub enable_dns: bool,
    /// hide Kubernetes Secrets when also using the --dry-run flag
    #[arg(long)]
    pub hide_secret: bool,
    /// an argument to the post-renderer (can specify multiple)
    #[arg(long, allow_hyphen_values = true)]
    pub post_renderer_args: Vec<String>,
    /// prints the output in the specified format (table, json, yaml)
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
}

impl ReleaseFlags {
    fn post_renderer(&self) -> anyhow::Result<Option<PostRenderer>> {
        self.post_renderer
            .as_deref()
            .map(|p| PostRenderer::new(p, self.post_renderer_args.clone()))
            .transpose()
            .map_err(|e| anyhow!("{e}"))
    }

    /// Install options for release `name` (also `upgrade --install`).
    fn install_options(
        &self,
        name: String,
        namespace: String,
        replace: bool,
        server_side: bool,
    ) -> anyhow::Result<InstallOptions> {
        Ok(InstallOptions {
            release_name: name,
            namespace,
            create_namespace: self.create_namespace,
            dry_run: dry_run(&self.dry_run)?,
            wait: self.wait.options()?,
            atomic: self.rollback_on_failure,
            no_hooks: self.no_hooks,
            skip_crds: self.skip_crds,
            replace,
            description: self.description.clone(),
            labels: labels(&self.labels)?,
            take_ownership: self.take_ownership,
            server_side,
            force_conflicts: self.force_conflicts,
            skip_schema_validation: self.skip_schema_validation,
            render_subchart_notes: self.render_subchart_notes,
            post_renderer: self.post_renderer()?,
            enable_dns: self.enable_dns,
            hide_secret: self.hide_secret,
        })
    }
}

/// `install` flags.
#[derive(Args, Debug, Clone)]
pub struct InstallArgs {
    /// [NAME] CHART
    #[arg(num_args = 1..=2, required = true)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub flags: ReleaseFlags,
    /// generate the name (and omit the NAME parameter)
    #[arg(short = 'g', long)]
    pub generate_name: bool,
    /// specify template used to name the release
    #[arg(long)]
    pub name_template: Option<String>,
    /// reuse the given name, only if that name is a deleted release which remains in the history
    #[arg(long)]
    pub replace: bool,
    /// object updates run in the server instead of the client
    #[arg(long, default_value = "true", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub server_side: String,
}

/// `upgrade` flags.
#[derive(Args, Debug, Clone)]
pub struct UpgradeArgs {
    /// release name
    pub name: String,
    /// chart
    pub chart: String,
    #[command(flatten)]
    pub flags: ReleaseFlags,
    /// if a release by this name doesn't already exist, run an install
    #[arg(short = 'i', long)]
    pub install: bool,
    /// when upgrading, reuse the last release's values and merge in any overrides
    #[arg(long)]
    pub reuse_values: bool,
    /// when upgrading, reset the values to the ones built into the chart
    #[arg(long)]
    pub reset_values: bool,
    /// when upgrading, reset the values to the chart's, then apply the last release's values and merge in any overrides
    #[arg(long)]
    pub reset_then_reuse_values: bool,
    /// limit the maximum number of revisions saved per release (0 for no limit)
    #[arg(long)]
    pub history_max: Option<usize>,
    /// allow deletion of new resources created in this upgrade when upgrade fails
    #[arg(long)]
    pub cleanup_on_fail: bool,
    /// force resource updates by replacement
    #[arg(long, alias = "force")]
    pub force_replace: bool,
    /// "true", "false" or "auto" (follow the previous revision's apply method)
    #[arg(long, default_value = "auto")]
    pub server_side: String,
}

/// `rollback` flags.
#[derive(Args, Debug, Clone)]
pub struct RollbackArgs {
    /// release name
    pub name: String,
    /// revision (default: the previous one)
    pub revision: Option<String>,
    #[command(flatten)]
    pub wait: WaitArgs,
    /// simulate a rollback
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "client")]
    pub dry_run: Option<String>,
    /// prevent hooks from running during rollback
    #[arg(long)]
    pub no_hooks: bool,
    /// force resource update through delete/recreate if needed
    #[arg(long, alias = "force")]
    pub force_replace: bool,
    /// if set server-side apply will force changes against conflicts
    #[arg(long)]
    pub force_conflicts: bool,
    /// "true", "false" or "auto"
    #[arg(long, default_value = "auto")]
    pub server_side: String,
    /// allow deletion of new resources created in this rollback when rollback fails
    #[arg(long)]
    pub cleanup_on_fail: bool,
    /// limit the maximum number of revisions saved per release (0 for no limit)
    #[arg(long)]
    pub history_max: Option<usize>,
}

/// `uninstall` flags.
#[derive(Args, Debug, Clone)]
pub struct UninstallArgs {
    /// release names
    #[arg(required = true)]
    pub names: Vec<String>,
    /// simulate an uninstall
    #[arg(long)]
    pub dry_run: bool,
    /// prevent hooks from running during uninstallation
    #[arg(long)]
    pub no_hooks: bool,
    /// treat "release not found" as a successful uninstall
    #[arg(long)]
    pub ignore_not_found: bool,
    /// remove all associated resources and mark the release as deleted, but retain the release history
    #[arg(long)]
    pub keep_history: bool,
    /// "background", "orphan" or "foreground"
    #[arg(long, default_value = "background")]
    pub cascade: String,
    /// add a custom description
    #[arg(long, default_value = "")]
    pub description: String,
    #[command(flatten)]
    pub wait: WaitArgs,
}

/// `test` flags.
#[derive(Args, Debug, Clone)]
pub struct TestArgs {
    /// release name
    pub name: String,
    /// time to wait for any individual Kubernetes operation
    #[arg(long, default_value = "5m0s")]
    pub timeout: String,
    /// specify tests by attribute (currently "name") using attribute=value; "!attribute=value" excludes
    #[arg(long, value_delimiter = ',')]
    pub filter: Vec<String>,
    /// dump the logs from test pods (this runs after all tests are complete, but before any cleanup)
    #[arg(long)]
    pub logs: bool,
}

fn print_release(rel: &Release, output: &str, hide_notes: bool) -> anyhow::Result<String> {
    let fmt = Format::parse(output).map_err(|e| anyhow!(e))?;
    let mut r = rel.clone();
    if hide_notes && let Some(i) = r.info.as_mut() {
        i.notes.clear();
    }
    status::render(&r, fmt, false, false).map_err(|e| anyhow!(e))
}

fn load(chart: &str) -> anyhow::Result<crate::chart::Chart> {
    crate::chart::load(Path::new(chart)).map_err(|e| anyhow!("{e}"))
}

pub fn run_install(a: &InstallArgs, settings: &Settings, out: &mut String) -> anyhow::Result<()> {
    let parsed = match (a.args.as_slice(), a.generate_name) {
        ([c], false) if a.name_template.is_some() => {
            let t = a.name_template.as_deref().unwrap_or_default();
            crate::template::render::render_standalone("name-template", t)
                .map(|n| (n, c.clone()))
                .map_err(|e| anyhow!("{e}"))
        }
        ([c], true) => Ok((super::generated_name(c), c.clone())),
        ([_], false) => Err(anyhow!(
            "must either provide a name or specify --generate-name"
        )),
        ([n, c], false) => Ok((n.clone(), c.clone())),
        ([_, _], true) => Err(anyhow!("cannot give both NAME and --generate-name")),
        _ => Err(anyhow!("give the release name and the chart")),
    };
    let (name, chart_ref) = parsed.map_err(|e| anyhow!("INSTALLATION FAILED: {e}"))?;
    install_inner(a, settings, name, &chart_ref, out)
        .map_err(|e| anyhow!("INSTALLATION FAILED: {e:#}"))
}

/// From here on, SIGINT/SIGTERM end the operation cleanly: the release is
/// marked failed (or rolled back with `--atomic`) instead of staying
/// pending; a second signal exits at once.
fn catch_signals(name: &str) {
    let name = name.to_string();
    crate::kube::cancel::install_handler(move || {
        println!("Release {name} has been cancelled.");
    });
}

fn install_inner(
    a: &InstallArgs,
    settings: &Settings,
    name: String,
    chart_ref: &str,
    out: &mut String,
) -> anyhow::Result<()> {
    let f = &a.flags;
    catch_signals(&name);
    let chart = load(chart_ref)?;
    let config = f.values.options().merge_values()?;
    if dry_run(&f.dry_run)? == DryRun::Client {
        // No cluster access at all, as Helm's client dry run.
        let opts = f.install_options(
            name,
            settings.namespace.clone(),
            a.replace,
            a.server_side != "false",
        )?;
        let rel = crate::action::install::install_client_dry_run(&chart, &config, &opts)?;
        out.push_str(&print_release(&rel, &f.output, f.hide_notes)?);
        return Ok(());
    }
    let mut cfg = ActionConfig::new(settings)?;
    let opts = f.install_options(
        name,
        cfg.namespace.clone(),
        a.replace,
        a.server_side != "false",
    )?;
    let rel = install(&mut cfg, &chart, &config, &opts)?;
    out.push_str(&print_release(&rel, &f.output, f.hide_notes)?);
    Ok(())
}

pub fn run_upgrade(a: &UpgradeArgs, settings: &Settings, out: &mut String) -> anyhow::Result<()> {
    let f = &a.flags;
    catch_signals(&a.name);
    let chart = load(&a.chart)?;
    let config = f.values.options().merge_values()?;
    let mut cfg = ActionConfig::new(settings)?;
    if a.install {
        let hist = cfg.storage.history(&a.name).unwrap_or_default();
        let uninstalled = hist
            .iter()
            .max_by_key(|r| r.version)
            .is_some_and(|r| r.status() == crate::release::model::Status::Uninstalled);
        if hist.is_empty() || uninstalled {
            if f.output == "table" {
                out.push_str(&format!(
                    "Release {:?} does not exist. Installing it now.\n",
                    a.name
                ));
            }
            let opts = f.install_options(
                a.name.clone(),
                cfg.namespace.clone(),
                uninstalled,
                a.server_side != "false",
            )?;
            let rel = install(&mut cfg, &chart, &config, &opts)?;
            out.push_str(&print_release(&rel, &f.output, f.hide_notes)?);
            return Ok(());
        }
    }
    let opts = UpgradeOptions {
        dry_run: dry_run(&f.dry_run)?,
        wait: f.wait.options()?,
        atomic: f.rollback_on_failure,
        no_hooks: f.no_hooks,
        reuse_values: a.reuse_values,
        reset_values: a.reset_values,
        reset_then_reuse_values: a.reset_then_reuse_values,
        max_history: a.history_max.unwrap_or(settings.max_history as usize),
        cleanup_on_fail: a.cleanup_on_fail,
        force_replace: a.force_replace,
        server_side: a.server_side.clone(),
        force_conflicts: f.force_conflicts,
        description: f.description.clone(),
        labels: labels(&f.labels)?,
        take_ownership: f.take_ownership,
        skip_schema_validation: f.skip_schema_validation,
        post_renderer: f.post_renderer()?,
        enable_dns: f.enable_dns,
        hide_secret: f.hide_secret,
    };
    let rel = upgrade(&mut cfg, &a.name, &chart, &config, &opts)
        .map_err(|e| anyhow!("UPGRADE FAILED: {e}"))?;
    if f.output == "table" {
        out.push_str(&format!(
            "Release {:?} has been upgraded. Happy Helming!\n",
            a.name
        ));
    }
    out.push_str(&print_release(&rel, &f.output, f.hide_notes)?);
    Ok(())
}

pub fn run_rollback(a: &RollbackArgs, settings: &Settings, out: &mut String) -> anyhow::Result<()> {
    let version = match &a.revision {
        None => 0,
        Some(v) => v
            .parse::<i64>()
            .map_err(|_| anyhow!("invalid revision number {v:?}: give a number such as 2"))?,
    };
    let mut cfg = ActionConfig::new(settings)?;
    catch_signals(&a.name);
    let opts = RollbackOptions {
        version,
        wait: a.wait.options()?,
        disable_hooks: a.no_hooks,
        dry_run: dry_run(&a.dry_run)?.is_dry(),
        force_replace: a.force_replace,
        force_conflicts: a.force_conflicts,
        server_side: a.server_side.clone(),
        cleanup_on_fail: a.cleanup_on_fail,
        max_history: a.history_max.unwrap_or(settings.max_history as usize),
    };
    rollback(&mut cfg, &a.name, &opts)?;
    out.push_str("Rollback was a success! Happy Helming!\n");
    Ok(())
}

pub fn run_uninstall(
    a: &UninstallArgs,
    settings: &Settings,
    out: &mut String,
) -> anyhow::Result<()> {
    let cfg = ActionConfig::new(settings)?;
    let opts = UninstallOptions {
        disable_hooks: a.no_hooks,
        keep_history: a.keep_history,
        wait: a.wait.options()?,
        cascade: Cascade::parse(&a.cascade),
        description: a.description.clone(),
        ignore_not_found: a.ignore_not_found,
        dry_run: a.dry_run,
    };
    for name in &a.names {
        let res = uninstall(&cfg, name, &opts)?;
        if !res.kept.is_empty() {
            out.push_str(&res.kept);
            out.push('\n');
        }
        out.push_str(&format!("release \"{name}\" uninstalled\n"));
    }
    Ok(())
}

/// Runs `test`; returns whether every test passed.
pub fn run_test(a: &TestArgs, settings: &Settings, out: &mut String) -> anyhow::Result<bool> {
    let cfg = ActionConfig::new(settings)?;
    let opts = TestOptions {
        timeout: Some(parse_go_duration(&a.timeout).map_err(|e| anyhow!("--timeout: {e}"))?),
        filters: a.filter.clone(),
    };
    let (rel, result) = run_tests(&cfg, &a.name, &opts)?;
    // Helm prints the status without notes after tests.
    out.push_str(&print_release(&rel, "table", true)?);
    if a.logs {
        out.push('\n');
        let logs = crate::action::release_test::pod_logs(&cfg, &rel, &opts);
        match (logs, &result) {
            (Ok(l), _) => out.push_str(&l),
            (Err(e), Ok(())) => bail!("{e}"),
            (Err(e), Err(r)) => bail!("{r}\n{e}"),
        }
    }
    match result {
        Ok(()) => Ok(true),
        Err(e) => bail!("{e}"),
    }
}
