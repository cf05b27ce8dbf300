//! Helm's environment: the same variables and directory layout as
//! `helm env`, so existing Helm setups work unchanged.

use std::collections::BTreeMap;
use std::env;
use std::path::PathBuf;

/// Settings resolved from the environment and global flags.
#[derive(Clone, Debug)]
pub struct Settings {
    pub namespace: String,
    /// Whether the namespace was given explicitly (flag or `HELM_NAMESPACE`).
    pub namespace_explicit: bool,
    pub kube_context: Option<String>,
    pub kubeconfig: Option<String>,
    pub debug: bool,
    pub driver: String,
    pub cache_home: PathBuf,
    pub config_home: PathBuf,
    pub data_home: PathBuf,
    pub repository_config: PathBuf,
    pub repository_cache: PathBuf,
    pub registry_config: PathBuf,
    pub plugins_directory: PathBuf,
    pub max_history: u32,
    pub burst_limit: u32,
    pub qps: f32,
    pub kube_apiserver: String,
    pub kube_as_user: String,
    pub kube_as_groups: Vec<String>,
    pub kube_ca_file: String,
    pub kube_insecure_skip_tls_verify: bool,
    pub kube_tls_server_name: String,
    pub kube_token: String,
}

fn var(name: &str) -> Option<String> {
    env::var(name).ok().filter(|v| !v.is_empty())
}

fn home() -> PathBuf {
    var("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// Base directory lookup as Helm's `helmpath` does: `HELM_*_HOME`, then
/// `XDG_*_HOME/helm`, then the OS default.
fn base_dir(helm_var: &str, xdg_var: &str, default_rel: &str, mac_rel: &str) -> PathBuf {
    if let Some(v) = var(helm_var) {
        return PathBuf::from(v);
    }
    if let Some(v) = var(xdg_var) {
        return PathBuf::from(v).join("helm");
    }
    if cfg!(target_os = "macos") {
        home().join(mac_rel)
    } else {
        home().join(default_rel).join("helm")
    }
}

fn parse_bool(v: Option<String>) -> bool {
    matches!(
        v.as_deref().map(str::to_ascii_lowercase).as_deref(),
        Some("1" | "t" | "true")
    )
}

impl Settings {
    /// Reads Helm's environment variables.
    pub fn from_env() -> Settings {
        let cache_home = base_dir(
            "HELM_CACHE_HOME",
            "XDG_CACHE_HOME",
            ".cache",
            "Library/Caches/helm",
        );
        let config_home = base_dir(
            "HELM_CONFIG_HOME",
            "XDG_CONFIG_HOME",
            ".config",
            "Library/Preferences/helm",
        );
        let data_home = base_dir(
            "HELM_DATA_HOME",
            "XDG_DATA_HOME",
            ".local/share",
            "Library/helm",
        );
        let namespace_env = var("HELM_NAMESPACE");
        Settings {
            namespace_explicit: namespace_env.is_some(),
            namespace: namespace_env.unwrap_or_else(|| "default".to_string()),
            kube_context: var("HELM_KUBECONTEXT"),
            kubeconfig: var("KUBECONFIG"),
            debug: parse_bool(var("HELM_DEBUG")),
            driver: var("HELM_DRIVER").unwrap_or_else(|| "secret".to_string()),
            repository_config: var("HELM_REPOSITORY_CONFIG")
                .map(PathBuf::from)
                .unwrap_or_else(|| config_home.join("repositories.yaml")),
            repository_cache: var("HELM_REPOSITORY_CACHE")
                .map(PathBuf::from)
                .unwrap_or_else(|| cache_home.join("repository")),
            registry_config: var("HELM_REGISTRY_CONFIG")
                .map(PathBuf::from)
                .unwrap_or_else(|| config_home.join("registry").join("config.json")),
            plugins_directory: var("HELM_PLUGINS")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_home.join("plugins")),
            max_history: var("HELM_MAX_HISTORY")
                .and_then(|v| v.parse().ok())
                .unwrap_or(10),
            burst_limit: var("HELM_BURST_LIMIT")
                .and_then(|v| v.parse().ok())
                .unwrap_or(100),
            qps: var("HELM_QPS").and_then(|v| v.parse().ok()).unwrap_or(0.0),
            kube_apiserver: var("HELM_KUBEAPISERVER").unwrap_or_default(),
            kube_as_user: var("HELM_KUBEASUSER").unwrap_or_default(),
            kube_as_groups: var("HELM_KUBEASGROUPS")
                .map(|v| v.split(',').map(str::to_string).collect())
                .unwrap_or_default(),
            kube_ca_file: var("HELM_KUBECAFILE").unwrap_or_default(),
            kube_insecure_skip_tls_verify: parse_bool(var("HELM_KUBEINSECURE_SKIP_TLS_VERIFY")),
            kube_tls_server_name: var("HELM_KUBETLS_SERVER_NAME").unwrap_or_default(),
            kube_token: var("HELM_KUBETOKEN").unwrap_or_default(),
            cache_home,
            config_home,
            data_home,
        }
    }

    /// Directory of chart starters for `create --starter`.
    pub fn starters_dir(&self) -> PathBuf {
        self.data_home.join("starters")
    }

    /// The variables `capstan env` prints, sorted by name.
    pub fn env_vars(&self) -> BTreeMap<&'static str, String> {
        let p = |p: &PathBuf| p.display().to_string();
        let mut m = BTreeMap::new();
        m.insert("HELM_BIN", "capstan".to_string());
        m.insert("HELM_BURST_LIMIT", self.burst_limit.to_string());
        m.insert("HELM_CACHE_HOME", p(&self.cache_home));
        m.insert("HELM_CONFIG_HOME", p(&self.config_home));
        m.insert("HELM_DATA_HOME", p(&self.data_home));
        m.insert("HELM_DEBUG", self.debug.to_string());
        m.insert("HELM_DRIVER", self.driver.clone());
        m.insert("HELM_KUBEAPISERVER", self.kube_apiserver.clone());
        m.insert("HELM_KUBEASGROUPS", self.kube_as_groups.join(","));
        m.insert("HELM_KUBEASUSER", self.kube_as_user.clone());
        m.insert("HELM_KUBECAFILE", self.kube_ca_file.clone());
        m.insert(
            "HELM_KUBECONTEXT",
            self.kube_context.clone().unwrap_or_default(),
        );
        m.insert(
            "HELM_KUBEINSECURE_SKIP_TLS_VERIFY",
            self.kube_insecure_skip_tls_verify.to_string(),
        );
        m.insert(
            "HELM_KUBETLS_SERVER_NAME",
            self.kube_tls_server_name.clone(),
        );
        m.insert("HELM_KUBETOKEN", self.kube_token.clone());
        m.insert("HELM_MAX_HISTORY", self.max_history.to_string());
        m.insert("HELM_NAMESPACE", self.namespace.clone());
        m.insert("HELM_PLUGINS", p(&self.plugins_directory));
        m.insert("HELM_QPS", format!("{:.2}", self.qps));
        m.insert("HELM_REGISTRY_CONFIG", p(&self.registry_config));
        m.insert("HELM_REPOSITORY_CACHE", p(&self.repository_cache));
        m.insert("HELM_REPOSITORY_CONFIG", p(&self.repository_config));
        m
    }
}
