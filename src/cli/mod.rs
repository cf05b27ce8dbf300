//! The `capstan` command line: Helm's command tree and global flags.
//! This layer parses arguments, calls the library and prints.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

pub mod release_cmds;
pub mod release_write;

use crate::action;
use crate::chart;
use crate::settings::Settings;

#[derive(Parser, Debug)]
#[command(
    name = "capstan",
    about = "A Helm-compatible Kubernetes package manager",
    long_about = "capstan manages Kubernetes applications packaged as Helm charts. \
                  Its commands and flags follow Helm's, so `alias helm=capstan` works \
                  for every command capstan supports.",
    version = crate::VERSION,
    disable_version_flag = true,
    propagate_version = false
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalFlags,
    #[command(subcommand)]
    pub command: Command,
}

/// Helm's global flags.
#[derive(Args, Debug, Clone, Default)]
pub struct GlobalFlags {
    /// namespace scope for this request
    #[arg(short = 'n', long, global = true)]
    pub namespace: Option<String>,
    /// name of the kubeconfig context to use
    #[arg(long, global = true)]
    pub kube_context: Option<String>,
    /// path to the kubeconfig file
    #[arg(long, global = true)]
    pub kubeconfig: Option<String>,
    /// enable verbose output
    #[arg(long, global = true)]
    pub debug: bool,
    /// the address and the port for the Kubernetes API server
    #[arg(long, global = true)]
    pub kube_apiserver: Option<String>,
    /// username to impersonate for the operation
    #[arg(long, global = true)]
    pub kube_as_user: Option<String>,
    /// group to impersonate for the operation, this flag can be repeated
    #[arg(long, global = true)]
    pub kube_as_group: Vec<String>,
    /// the certificate authority file for the Kubernetes API server connection
    #[arg(long, global = true)]
    pub kube_ca_file: Option<String>,
    /// if true, the Kubernetes API server's certificate will not be checked
    #[arg(long, global = true)]
    pub kube_insecure_skip_tls_verify: bool,
    /// server name to use for Kubernetes API server certificate validation
    #[arg(long, global = true)]
    pub kube_tls_server_name: Option<String>,
    /// bearer token used for authentication
    #[arg(long, global = true)]
    pub kube_token: Option<String>,
    /// client-side default throttling limit
    #[arg(long, global = true)]
    pub burst_limit: Option<u32>,
    /// queries per second used when communicating with the Kubernetes API
    #[arg(long, global = true)]
    pub qps: Option<f32>,
    /// path to the registry config file
    #[arg(long, global = true)]
    pub registry_config: Option<PathBuf>,
    /// path to the directory containing cached repository indexes
    #[arg(long, global = true)]
    pub repository_cache: Option<PathBuf>,
    /// path to the file containing repository names and URLs
    #[arg(long, global = true)]
    pub repository_config: Option<PathBuf>,
}

/// Arguments of a command that is not built yet (accepted so that `--help`
/// works, then refused with a clear message).
#[derive(Args, Debug, Clone)]
pub struct Pending {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub args: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// generate autocompletion scripts for the specified shell
    Completion {
        #[arg(value_enum)]
        shell: CompletionShell,
        /// disable completion descriptions
        #[arg(long)]
        no_descriptions: bool,
    },
    /// create a new chart with the given name
    Create {
        /// the name (and path) of the chart to create
        name: PathBuf,
        /// the name or absolute path to a starter chart
        #[arg(short = 'p', long)]
        starter: Option<String>,
    },
    /// manage a chart's dependencies
    #[command(alias = "dep", alias = "dependencies")]
    Dependency(Pending),
    /// print capstan's (Helm's) client environment information
    Env {
        /// print only this variable
        name: Option<String>,
    },
    /// download extended information of a named release
    Get(release_cmds::GetArgs),
    /// fetch release history
    #[command(alias = "hist")]
    History(release_cmds::HistoryArgs),
    /// install a chart
    Install(release_write::InstallArgs),
    /// examine a chart for possible issues
    Lint(LintArgs),
    /// list releases
    #[command(alias = "ls")]
    List(release_cmds::ListArgs),
    /// package a chart directory into a chart archive
    Package(PackageArgs),
    /// install, list, or uninstall Helm plugins
    Plugin(Pending),
    /// download a chart from a repository and (optionally) unpack it in local directory
    #[command(alias = "fetch")]
    Pull(Pending),
    /// push a chart to remote
    Push(Pending),
    /// login to or logout from a registry
    Registry(Pending),
    /// add, list, remove, update, and index chart repositories
    Repo(Pending),
    /// roll back a release to a previous revision
    Rollback(release_write::RollbackArgs),
    /// search for a keyword in charts
    Search(Pending),
    /// show information of a chart
    #[command(alias = "inspect")]
    Show {
        #[command(subcommand)]
        what: ShowCommand,
    },
    /// display the status of the named release
    Status(release_cmds::StatusArgs),
    /// locally render templates
    Template(TemplateArgs),
    /// run tests for a release
    Test(release_write::TestArgs),
    /// uninstall a release
    #[command(alias = "del", alias = "delete", alias = "un")]
    Uninstall(release_write::UninstallArgs),
    /// upgrade a release
    Upgrade(release_write::UpgradeArgs),
    /// verify that a chart at the given path has been signed and is valid
    Verify(Pending),
    /// print the client version information
    Version {
        /// print the version number
        #[arg(long)]
        short: bool,
        /// template for version string format
        #[arg(long)]
        template: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Subcommand, Debug)]
pub enum ShowCommand {
    /// show all information of the chart
    All(ShowArgs),
    /// show the chart's definition
    Chart(ShowArgs),
    /// show the chart's CRDs
    Crds(ShowArgs),
    /// show the chart's README
    Readme(ShowArgs),
    /// show the chart's values
    Values(ShowArgs),
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// chart directory or archive
    pub chart: PathBuf,
    /// specify a version constraint for the chart version to use
    #[arg(long)]
    pub version: Option<String>,
    /// (values) print the computed values (defaults, dependencies and user
    /// values combined, as rendering sees them) instead of values.yaml
    #[arg(long)]
    pub computed: bool,
    /// (values --computed) output format: yaml or json
    #[arg(short = 'o', long, default_value = "yaml")]
    pub output: String,
    /// (values --computed) skip values.schema.json validation
    #[arg(long)]
    pub skip_schema_validation: bool,
    #[command(flatten)]
    pub values: ValuesArgs,
}

/// Helm's values flags.
#[derive(Args, Debug, Clone, Default)]
pub struct ValuesArgs {
    /// specify values in a YAML file or a URL (can specify multiple)
    #[arg(short = 'f', long = "values", value_delimiter = ',')]
    pub values: Vec<String>,
    /// set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)
    #[arg(long = "set")]
    pub set: Vec<String>,
    /// set STRING values on the command line
    #[arg(long = "set-string")]
    pub set_string: Vec<String>,
    /// set values from respective files specified via the command line (key1=path1)
    #[arg(long = "set-file")]
    pub set_file: Vec<String>,
    /// set JSON values on the command line
    #[arg(long = "set-json")]
    pub set_json: Vec<String>,
    /// set a literal STRING value on the command line
    #[arg(long = "set-literal")]
    pub set_literal: Vec<String>,
}

impl ValuesArgs {
    pub fn options(&self) -> crate::values::options::ValueOptions {
        crate::values::options::ValueOptions {
            value_files: self.values.clone(),
            json_values: self.set_json.clone(),
            values: self.set.clone(),
            string_values: self.set_string.clone(),
            file_values: self.set_file.clone(),
            literal_values: self.set_literal.clone(),
        }
    }
}

#[derive(Args, Debug)]
pub struct PackageArgs {
    /// chart directories to package
    #[arg(required = true)]
    pub charts: Vec<PathBuf>,
    /// location to write the chart
    #[arg(short = 'd', long, default_value = ".")]
    pub destination: PathBuf,
    /// set the version on the chart to this semver version
    #[arg(long)]
    pub version: Option<String>,
    /// set the appVersion on the chart to this version
    #[arg(long)]
    pub app_version: Option<String>,
    /// update dependencies from "Chart.yaml" to dir "charts/" before packaging
    #[arg(short = 'u', long)]
    pub dependency_update: bool,
    /// use a PGP private key to sign this package
    #[arg(long)]
    pub sign: bool,
}

#[derive(Args, Debug)]
pub struct TemplateArgs {
    /// [NAME] CHART
    #[arg(num_args = 1..=2, required = true)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub values: ValuesArgs,
    /// release name (default "release-name")
    #[arg(long)]
    pub release_name: bool,
    /// generate the name (and omit the NAME parameter)
    #[arg(short = 'g', long)]
    pub generate_name: bool,
    /// Kubernetes version used for Capabilities.KubeVersion
    #[arg(long)]
    pub kube_version: Option<String>,
    /// Kubernetes api versions used for Capabilities.APIVersions
    #[arg(short = 'a', long = "api-versions", value_delimiter = ',')]
    pub api_versions: Vec<String>,
    /// set .Release.IsUpgrade instead of .Release.IsInstall
    #[arg(long)]
    pub is_upgrade: bool,
    /// include CRDs in the templated output
    #[arg(long)]
    pub include_crds: bool,
    /// if set, no CRDs will be installed
    #[arg(long)]
    pub skip_crds: bool,
    /// skip tests from templated output
    #[arg(long)]
    pub skip_tests: bool,
    /// prevent hooks from running during install
    #[arg(long)]
    pub no_hooks: bool,
    /// disables JSON schema validation
    #[arg(long)]
    pub skip_schema_validation: bool,
    /// only show manifests rendered from the given templates
    #[arg(short = 's', long = "show-only")]
    pub show_only: Vec<String>,
    /// writes the executed templates to files in output-dir instead of stdout
    #[arg(long)]
    pub output_dir: Option<PathBuf>,
    /// post renderer binary
    #[arg(long)]
    pub post_renderer: Option<String>,
    /// validate manifests against the cluster
    #[arg(long)]
    pub validate: bool,
}

#[derive(Args, Debug)]
pub struct LintArgs {
    /// chart paths (default: current directory)
    pub charts: Vec<PathBuf>,
    /// fail on lint warnings
    #[arg(long)]
    pub strict: bool,
    /// lint dependent charts
    #[arg(long)]
    pub with_subcharts: bool,
    /// print only warnings and errors
    #[arg(long)]
    pub quiet: bool,
    /// output format (text or json)
    #[arg(short = 'o', long, default_value = "text")]
    pub output: String,
    /// Kubernetes version used for capabilities and deprecation checks
    #[arg(long)]
    pub kube_version: Option<String>,
    /// disables JSON schema validation
    #[arg(long)]
    pub skip_schema_validation: bool,
    #[command(flatten)]
    pub values: ValuesArgs,
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 1,
            };
        }
    };
    let settings = settings_from(&cli.global);
    match run(cli, &settings) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Error: {e:#}");
            1
        }
    }
}

fn settings_from(g: &GlobalFlags) -> Settings {
    let mut s = Settings::from_env();
    if let Some(ns) = &g.namespace {
        s.namespace = ns.clone();
        s.namespace_explicit = true;
    }
    if g.kube_context.is_some() {
        s.kube_context = g.kube_context.clone();
    }
    if g.kubeconfig.is_some() {
        s.kubeconfig = g.kubeconfig.clone();
    }
    s.debug |= g.debug;
    if let Some(v) = &g.kube_apiserver {
        s.kube_apiserver = v.clone();
    }
    if let Some(v) = &g.kube_as_user {
        s.kube_as_user = v.clone();
    }
    if !g.kube_as_group.is_empty() {
        s.kube_as_groups = g.kube_as_group.clone();
    }
    if let Some(v) = &g.kube_ca_file {
        s.kube_ca_file = v.clone();
    }
    s.kube_insecure_skip_tls_verify |= g.kube_insecure_skip_tls_verify;
    if let Some(v) = &g.kube_tls_server_name {
        s.kube_tls_server_name = v.clone();
    }
    if let Some(v) = &g.kube_token {
        s.kube_token = v.clone();
    }
    if let Some(v) = g.burst_limit {
        s.burst_limit = v;
    }
    if let Some(v) = g.qps {
        s.qps = v;
    }
    if let Some(v) = &g.registry_config {
        s.registry_config = v.clone();
    }
    if let Some(v) = &g.repository_cache {
        s.repository_cache = v.clone();
    }
    if let Some(v) = &g.repository_config {
        s.repository_config = v.clone();
    }
    s
}

/// A release name as `--generate-name` makes it: chart name plus a
/// time-based suffix.
pub(crate) fn generated_name(chart: &str) -> String {
    let base = Path::new(chart)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "chart".into());
    let base = base.trim_end_matches(".tgz");
    let base = base.rsplit_once('-').map_or(base, |(b, v)| {
        if v.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            b
        } else {
            base
        }
    });
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!("{base}-{secs}")
}

fn not_built(name: &str) -> anyhow::Result<i32> {
    anyhow::bail!(
        "`capstan {name}` is not available yet in capstan {}; use helm for this command for now",
        crate::VERSION
    )
}

fn out(text: &str) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(text.as_bytes());
    let _ = o.flush();
}

fn load_chart(path: &Path) -> anyhow::Result<chart::Chart> {
    chart::load(path).map_err(|e| anyhow::anyhow!("{e}"))
}

fn run(cli: Cli, settings: &Settings) -> anyhow::Result<i32> {
    use Command as C;
    match cli.command {
        C::Completion { shell, .. } => {
            let mut cmd = Cli::command();
            let mut buf = Vec::new();
            match shell {
                CompletionShell::Bash => clap_complete::generate(
                    clap_complete::Shell::Bash,
                    &mut cmd,
                    "capstan",
                    &mut buf,
                ),
                CompletionShell::Zsh => clap_complete::generate(
                    clap_complete::Shell::Zsh,
                    &mut cmd,
                    "capstan",
                    &mut buf,
                ),
                CompletionShell::Fish => clap_complete::generate(
                    clap_complete::Shell::Fish,
                    &mut cmd,
                    "capstan",
                    &mut buf,
                ),
                CompletionShell::Powershell => clap_complete::generate(
                    clap_complete::Shell::PowerShell,
                    &mut cmd,
                    "capstan",
                    &mut buf,
                ),
            }
            out(&String::from_utf8_lossy(&buf));
            Ok(0)
        }
        C::Create { name, starter } => {
            let (path, warnings) =
                action::create::run(&name, starter.as_deref(), &settings.starters_dir())
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            for w in warnings {
                eprintln!("WARNING: {w}");
            }
            out(&format!("Creating {}\n", path.display()));
            Ok(0)
        }
        C::Env { name } => {
            let vars = settings.env_vars();
            match name {
                Some(n) => {
                    if let Some(v) = vars.get(n.as_str()) {
                        out(&format!("{v}\n"));
                    }
                }
                None => {
                    let mut s = String::new();
                    for (k, v) in vars {
                        s.push_str(&format!("{k}=\"{v}\"\n"));
                    }
                    out(&s);
                }
            }
            Ok(0)
        }
        C::Lint(a) => {
            let charts = if a.charts.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                a.charts
            };
            let opts = action::lint::LintOptions {
                strict: a.strict,
                with_subcharts: a.with_subcharts,
                values: a.values.options().merge_values()?,
                namespace: settings
                    .namespace_explicit
                    .then(|| settings.namespace.clone()),
                kube_version: a.kube_version.clone(),
                skip_schema_validation: a.skip_schema_validation,
            };
            let mut results = Vec::new();
            for c in &charts {
                results.extend(action::lint::run(c, &opts));
            }
            if a.quiet {
                for r in results.iter_mut() {
                    r.messages
                        .retain(|m| m.severity >= action::lint::Severity::Warning);
                }
            }
            if a.output == "json" {
                let failed = results.iter().filter(|r| r.failed(a.strict)).count();
                let json = serde_json::json!({
                    "total_charts_linted": results.len(),
                    "messages": results.iter().flat_map(|r| r.messages.iter()).map(|m| serde_json::json!({
                        "severity": m.severity as u8, "path": m.path, "error": m.text})).collect::<Vec<_>>(),
                    "failed": failed,
                });
                out(&format!("{}\n", serde_json::to_string_pretty(&json)?));
                return Ok(if failed > 0 { 1 } else { 0 });
            }
            let (text, err, failed) = action::lint::format_text(&results, a.strict);
            out(&text);
            if failed {
                eprint!("{err}");
                return Ok(1);
            }
            Ok(0)
        }
        C::Package(a) => {
            if a.sign {
                anyhow::bail!("--sign is not available yet in capstan; package without it");
            }
            if a.dependency_update {
                anyhow::bail!(
                    "--dependency-update is not available yet in capstan; vendor dependencies into charts/ first"
                );
            }
            for c in &a.charts {
                let opts = action::package::PackageOptions {
                    version: a.version.clone(),
                    app_version: a.app_version.clone(),
                    destination: Some(a.destination.clone()),
                    source_date_epoch: action::package::source_date_epoch_from_env(),
                };
                let p = action::package::run(c, &opts).map_err(|e| anyhow::anyhow!("{e}"))?;
                let abs = std::fs::canonicalize(&p).unwrap_or(p);
                out(&format!(
                    "Successfully packaged chart and saved it to: {}\n",
                    abs.display()
                ));
            }
            Ok(0)
        }
        C::Show { what } => {
            use action::show::ShowWhat as W;
            let (w, args) = match what {
                ShowCommand::All(a) => (W::All, a),
                ShowCommand::Chart(a) => (W::Chart, a),
                ShowCommand::Crds(a) => (W::Crds, a),
                ShowCommand::Readme(a) => (W::Readme, a),
                ShowCommand::Values(a) => (W::Values, a),
            };
            if args.version.is_some() && !args.chart.exists() {
                return not_built("show --version (charts from repositories)");
            }
            let ch = load_chart(&args.chart)?;
            if args.computed {
                if w != W::Values {
                    anyhow::bail!("--computed applies to `show values` only");
                }
                let config = args.values.options().merge_values()?;
                let computed = crate::values::compute(&ch, &config, args.skip_schema_validation)?;
                if settings.debug {
                    for warning in &computed.warnings {
                        eprintln!("{warning}");
                    }
                }
                let v = crate::values::Value::map(computed.values);
                match args.output.as_str() {
                    "json" => out(&format!(
                        "{}\n",
                        crate::values::json::to_json_indent(&v, "  ")?
                    )),
                    "yaml" => out(&crate::values::yaml::to_yaml(&v)),
                    other => anyhow::bail!("unknown output format {other:?}: use yaml or json"),
                }
                return Ok(0);
            }
            out(&action::show::run(&ch, w));
            Ok(0)
        }
        C::Version { short, template } => {
            if let Some(t) = template {
                let s = t
                    .replace("{{.Version}}", &format!("v{}", crate::VERSION))
                    .replace("{{ .Version }}", &format!("v{}", crate::VERSION));
                out(&format!("{s}\n"));
            } else if short {
                out(&format!("v{}\n", crate::VERSION));
            } else {
                out(&format!(
                    "capstan.BuildInfo{{Version:\"v{}\", HelmCompatible:\"{}\"}}\n",
                    crate::VERSION,
                    crate::HELM_COMPAT_VERSION
                ));
            }
            Ok(0)
        }
        C::Dependency(_) => not_built("dependency"),
        C::Get(a) => {
            release_cmds::run_release_command(release_cmds::ReleaseCommand::Get(a), settings)
        }
        C::History(a) => {
            release_cmds::run_release_command(release_cmds::ReleaseCommand::History(a), settings)
        }
        C::Install(a) => {
            let mut text = String::new();
            release_write::run_install(&a, settings, &mut text)?;
            out(&text);
            Ok(0)
        }
        C::List(a) => {
            release_cmds::run_release_command(release_cmds::ReleaseCommand::List(a), settings)
        }
        C::Plugin(_) => not_built("plugin"),
        C::Pull(_) => not_built("pull"),
        C::Push(_) => not_built("push"),
        C::Registry(_) => not_built("registry"),
        C::Repo(_) => not_built("repo"),
        C::Rollback(a) => {
            let mut text = String::new();
            release_write::run_rollback(&a, settings, &mut text)?;
            out(&text);
            Ok(0)
        }
        C::Search(_) => not_built("search"),
        C::Status(a) => {
            release_cmds::run_release_command(release_cmds::ReleaseCommand::Status(a), settings)
        }
        C::Template(a) => {
            if a.post_renderer.is_some() {
                return not_built("template --post-renderer");
            }
            if a.validate {
                return not_built("template --validate");
            }
            let (name, chart) = match (a.args.as_slice(), a.generate_name) {
                ([c], true) => (Some(generated_name(c)), c.clone()),
                ([c], false) => (None, c.clone()),
                ([n, c], _) => (Some(n.clone()), c.clone()),
                _ => anyhow::bail!("give the chart (and optionally a release name)"),
            };
            let opts = action::template::TemplateOptions {
                release_name: name,
                namespace: settings.namespace.clone(),
                values: a.values.options(),
                kube_version: a.kube_version.clone(),
                api_versions: a.api_versions.clone(),
                is_upgrade: a.is_upgrade,
                include_crds: a.include_crds,
                skip_crds: a.skip_crds,
                skip_tests: a.skip_tests,
                no_hooks: a.no_hooks,
                skip_schema_validation: a.skip_schema_validation,
                show_only: a.show_only.clone(),
            };
            let started = std::time::Instant::now();
            if let Some(dir) = &a.output_dir {
                let ch = load_chart(Path::new(&chart))?;
                let config = opts.values.merge_values()?;
                let r = action::template::render_chart(&ch, &config, &opts)?;
                for p in action::template::write_output_dir(&r, &opts, dir, a.release_name)? {
                    out(&format!("wrote {p}\n"));
                }
                return Ok(0);
            }
            match action::template::run(Path::new(&chart), &opts) {
                Ok(text) => {
                    if std::env::var_os("CAPSTAN_TIMING").is_some() {
                        eprintln!(
                            "render: {:.3} ms, costly calls: {}",
                            started.elapsed().as_secs_f64() * 1000.0,
                            crate::template::funcs::crypto::COSTLY_CALLS
                                .load(std::sync::atomic::Ordering::Relaxed)
                        );
                    }
                    out(&text);
                    Ok(0)
                }
                Err(e) => {
                    let msg = e.to_string();
                    if e.is_render_failure() {
                        let snip = match &e {
                            action::template::TemplateError::Render(r) => r.snippet.as_deref(),
                            _ => None,
                        };
                        let snip = snip
                            .map(|s| format!("\n\n{}", s.trim_end()))
                            .unwrap_or_default();
                        anyhow::bail!("{msg}\n\nUse --debug flag to render out invalid YAML{snip}")
                    }
                    anyhow::bail!("{msg}")
                }
            }
        }
        C::Test(a) => {
            let mut text = String::new();
            let res = release_write::run_test(&a, settings, &mut text);
            out(&text);
            res.map(|_| 0)
        }
        C::Uninstall(a) => {
            let mut text = String::new();
            let res = release_write::run_uninstall(&a, settings, &mut text);
            out(&text);
            res.map(|_| 0)
        }
        C::Upgrade(a) => {
            let mut text = String::new();
            let res = release_write::run_upgrade(&a, settings, &mut text);
            out(&text);
            res.map(|_| 0)
        }
        C::Verify(_) => not_built("verify"),
    }
}
