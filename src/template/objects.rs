//! The Go objects templates see: `.Files`, `.Capabilities` (with
//! `KubeVersion`, `APIVersions.Has`, `HelmVersion`).

use std::any::Any;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

use super::funcs::Ty;
use super::value::{Object, V, base64_std};
use crate::values::{Map, Value};

/// `.Files`: the chart's other files (Helm's `engine.files`).
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub files: BTreeMap<String, Arc<[u8]>>,
}

/// gobwas/glob matching with `/` as separator: `*` stays within a path
/// segment, `**` crosses them, `?`, `[...]`, `[!...]`, `{a,b}`, `\` escape.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    glob_at(&p, &n)
}

fn glob_at(p: &[char], n: &[char]) -> bool {
    if p.is_empty() {
        return n.is_empty();
    }
    match p[0] {
        '*' => {
            let super_star = p.len() > 1 && p[1] == '*';
            let rest = if super_star { &p[2..] } else { &p[1..] };
            for i in 0..=n.len() {
                if glob_at(rest, &n[i..]) {
                    return true;
                }
                if i < n.len() && !super_star && n[i] == '/' {
                    return false;
                }
            }
            false
        }
        '?' => !n.is_empty() && n[0] != '/' && glob_at(&p[1..], &n[1..]),
        '[' => {
            let Some(end) = p.iter().position(|&c| c == ']') else {
                return !n.is_empty() && n[0] == '[' && glob_at(&p[1..], &n[1..]);
            };
            if n.is_empty() {
                return false;
            }
            let class = &p[1..end];
            let (neg, class) = match class.first() {
                Some('!') => (true, &class[1..]),
                _ => (false, class),
            };
            let c = n[0];
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == '-' {
                    if class[i] <= c && c <= class[i + 2] {
                        hit = true;
                    }
                    i += 3;
                } else {
                    if class[i] == c {
                        hit = true;
                    }
                    i += 1;
                }
            }
            hit != neg && glob_at(&p[end + 1..], &n[1..])
        }
        '{' => {
            let Some(end) = p.iter().position(|&c| c == '}') else {
                return !n.is_empty() && n[0] == '{' && glob_at(&p[1..], &n[1..]);
            };
            let alts: String = p[1..end].iter().collect();
            let rest: String = p[end + 1..].iter().collect();
            alts.split(',').any(|a| {
                let mut q: Vec<char> = a.chars().collect();
                q.extend(rest.chars());
                glob_at(&q, n)
            })
        }
        '\\' if p.len() > 1 => !n.is_empty() && n[0] == p[1] && glob_at(&p[2..], &n[1..]),
        c => !n.is_empty() && n[0] == c && glob_at(&p[1..], &n[1..]),
    }
}

fn base_name(path: &str) -> String {
    let t = path.trim_end_matches('/');
    if t.is_empty() {
        return if path.is_empty() {
            ".".into()
        } else {
            "/".into()
        };
    }
    t.rsplit('/').next().unwrap_or(t).to_string()
}

impl Files {
    fn as_config(&self, encode: bool) -> String {
        let mut m = Map::new();
        for (k, v) in &self.files {
            let s = if encode {
                base64_std(v)
            } else {
                String::from_utf8_lossy(v).into_owned()
            };
            m.insert(base_name(k), Value::String(s));
        }
        let y = crate::values::yaml::to_yaml(&Value::map(m));
        y.strip_suffix('\n').unwrap_or(&y).to_string()
    }
}

impl Object for Files {
    fn type_name(&self) -> String {
        "engine.files".into()
    }
    fn kind_name(&self) -> &'static str {
        "map"
    }
    fn field(&self, name: &str) -> Option<V> {
        match name {
            "AsConfig" => Some(V::str(self.as_config(false))),
            "AsSecrets" => Some(V::str(self.as_config(true))),
            _ => Some(V::Bytes(
                self.files
                    .get(name)
                    .map_or_else(|| Rc::from(Vec::new()), |b| Rc::from(&b[..])),
            )),
        }
    }
    fn has_method(&self, name: &str) -> bool {
        matches!(name, "Get" | "GetBytes" | "Glob" | "Lines")
    }
    fn method_sig(&self, name: &str) -> Option<(&'static [Ty], Option<Ty>)> {
        match name {
            "Get" | "GetBytes" | "Glob" | "Lines" => Some((&[Ty::Str], None)),
            _ => None,
        }
    }
    fn call(&self, name: &str, args: &[V]) -> Option<Result<V, String>> {
        let arg = args.first().and_then(V::as_str).unwrap_or("");
        Some(Ok(match name {
            "Get" => V::str(
                self.files
                    .get(arg)
                    .map(|b| String::from_utf8_lossy(b).into_owned())
                    .unwrap_or_default(),
            ),
            "GetBytes" => V::Bytes(
                self.files
                    .get(arg)
                    .map_or_else(|| Rc::from(Vec::new()), |b| Rc::from(&b[..])),
            ),
            "Glob" => {
                let matched = self
                    .files
                    .iter()
                    .filter(|(k, _)| glob_match(arg, k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                V::Object(Rc::new(Files { files: matched }))
            }
            "Lines" => match self.files.get(arg) {
                None => V::str_list(Vec::new()),
                Some(b) => {
                    let s = String::from_utf8_lossy(b);
                    if s.is_empty() {
                        return Some(Err("runtime error: index out of range [-1]".to_string()));
                    }
                    let s = s.strip_suffix('\n').unwrap_or(&s);
                    V::str_list(s.split('\n').map(str::to_string).collect())
                }
            },
            _ => return None,
        }))
    }
    fn go_string(&self) -> String {
        let mut s = String::from("map[");
        for (i, (k, v)) in self.files.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(k);
            s.push(':');
            s.push_str(&V::Bytes(Rc::from(&v[..])).go_string());
        }
        s.push(']');
        s
    }
    fn to_value(&self) -> Value {
        Value::map(
            self.files
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(base64_std(v))))
                .collect(),
        )
    }
    fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
    fn as_map(&self) -> Option<BTreeMap<String, V>> {
        Some(
            self.files
                .iter()
                .map(|(k, v)| (k.clone(), V::Bytes(Rc::from(&v[..]))))
                .collect(),
        )
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `.Capabilities.KubeVersion`.
#[derive(Debug, Clone)]
pub struct KubeVersion {
    pub version: String,
    pub major: String,
    pub minor: String,
}

impl KubeVersion {
    /// Parses `v1.30.2` (or `1.30`) into Helm's KubeVersion.
    pub fn parse(s: &str) -> Option<KubeVersion> {
        let v = crate::constraint::Version::parse_loose(s).ok()?;
        Some(KubeVersion {
            version: format!("v{}.{}.{}", v.major(), v.minor(), v.patch()),
            major: v.major().to_string(),
            minor: v.minor().to_string(),
        })
    }
}

impl Object for KubeVersion {
    fn type_name(&self) -> String {
        "common.KubeVersion".into()
    }
    fn field(&self, name: &str) -> Option<V> {
        match name {
            "Version" | "String" | "GitVersion" => Some(V::str(&self.version)),
            "Major" => Some(V::str(&self.major)),
            "Minor" => Some(V::str(&self.minor)),
            _ => None,
        }
    }
    fn go_string(&self) -> String {
        self.version.clone()
    }
    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("Version".into(), Value::str(&self.version));
        m.insert("Major".into(), Value::str(&self.major));
        m.insert("Minor".into(), Value::str(&self.minor));
        Value::map(m)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `.Capabilities.APIVersions` (Helm's `VersionSet`).
#[derive(Debug, Clone)]
pub struct VersionSet(pub Vec<String>);

impl Object for VersionSet {
    fn type_name(&self) -> String {
        "common.VersionSet".into()
    }
    fn kind_name(&self) -> &'static str {
        "slice"
    }
    fn field(&self, _name: &str) -> Option<V> {
        None
    }
    fn has_method(&self, name: &str) -> bool {
        name == "Has"
    }
    fn method_sig(&self, _name: &str) -> Option<(&'static [Ty], Option<Ty>)> {
        Some((&[Ty::Str], None))
    }
    fn call(&self, name: &str, args: &[V]) -> Option<Result<V, String>> {
        (name == "Has").then(|| {
            let a = args.first().and_then(V::as_str).unwrap_or("");
            Ok(V::Bool(self.0.iter().any(|v| v == a)))
        })
    }
    fn go_string(&self) -> String {
        format!("[{}]", self.0.join(" "))
    }
    fn to_value(&self) -> Value {
        Value::list(self.0.iter().map(Value::str).collect())
    }
    fn as_list(&self) -> Option<Vec<V>> {
        Some(self.0.iter().map(V::str).collect())
    }
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `.Capabilities.HelmVersion`.
#[derive(Debug, Clone)]
pub struct HelmVersion {
    pub version: String,
    pub git_commit: String,
    pub git_tree_state: String,
    pub go_version: String,
    pub kube_client_version: String,
}

impl Default for HelmVersion {
    fn default() -> Self {
        // What the reference Helm engine reports.
        HelmVersion {
            version: "v4.2".into(),
            git_commit: String::new(),
            git_tree_state: String::new(),
            go_version: "go1.26.6".into(),
            kube_client_version: "v1.36".into(),
        }
    }
}

impl Object for HelmVersion {
    fn type_name(&self) -> String {
        "version.BuildInfo".into()
    }
    fn field(&self, name: &str) -> Option<V> {
        match name {
            "Version" => Some(V::str(&self.version)),
            "GitCommit" => Some(V::str(&self.git_commit)),
            "GitTreeState" => Some(V::str(&self.git_tree_state)),
            "GoVersion" => Some(V::str(&self.go_version)),
            "KubeClientVersion" => Some(V::str(&self.kube_client_version)),
            _ => None,
        }
    }
    fn go_string(&self) -> String {
        format!(
            "{{{} {} {} {} {}}}",
            self.version,
            self.git_commit,
            self.git_tree_state,
            self.go_version,
            self.kube_client_version
        )
    }
    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("version".into(), Value::str(&self.version));
        if !self.git_commit.is_empty() {
            m.insert("git_commit".into(), Value::str(&self.git_commit));
        }
        if !self.git_tree_state.is_empty() {
            m.insert("git_tree_state".into(), Value::str(&self.git_tree_state));
        }
        m.insert("go_version".into(), Value::str(&self.go_version));
        m.insert(
            "kube_client_version".into(),
            Value::str(&self.kube_client_version),
        );
        Value::map(m)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Helm 4.2's default API versions when no cluster is asked.
pub const DEFAULT_API_VERSIONS: &[&str] = &[
    "v1",
    "admissionregistration.k8s.io/v1",
    "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1",
    "internal.apiserver.k8s.io/v1alpha1",
    "apps/v1",
    "apps/v1beta1",
    "apps/v1beta2",
    "authentication.k8s.io/v1",
    "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1",
    "authorization.k8s.io/v1",
    "authorization.k8s.io/v1beta1",
    "autoscaling/v1",
    "autoscaling/v2",
    "batch/v1",
    "batch/v1beta1",
    "certificates.k8s.io/v1",
    "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1",
    "coordination.k8s.io/v1alpha2",
    "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1",
    "events.k8s.io/v1",
    "events.k8s.io/v1beta1",
    "extensions/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3",
    "networking.k8s.io/v1",
    "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1alpha1",
    "node.k8s.io/v1beta1",
    "policy/v1",
    "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1",
    "resource.k8s.io/v1",
    "resource.k8s.io/v1beta2",
    "resource.k8s.io/v1beta1",
    "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha2",
    "scheduling.k8s.io/v1beta1",
    "scheduling.k8s.io/v1",
    "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1",
    "storagemigration.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
];

/// `.Capabilities`.
#[derive(Debug, Clone)]
pub struct Capabilities {
    pub kube_version: KubeVersion,
    pub api_versions: VersionSet,
    pub helm_version: HelmVersion,
}

impl Default for Capabilities {
    fn default() -> Self {
        Capabilities {
            kube_version: KubeVersion {
                version: "v1.36.0".into(),
                major: "1".into(),
                minor: "36".into(),
            },
            api_versions: VersionSet(DEFAULT_API_VERSIONS.iter().map(|s| s.to_string()).collect()),
            helm_version: HelmVersion::default(),
        }
    }
}

impl Object for Capabilities {
    fn type_name(&self) -> String {
        "*common.Capabilities".into()
    }
    fn kind_name(&self) -> &'static str {
        "ptr"
    }
    fn field(&self, name: &str) -> Option<V> {
        match name {
            "KubeVersion" => Some(V::Object(Rc::new(self.kube_version.clone()))),
            "APIVersions" => Some(V::Object(Rc::new(self.api_versions.clone()))),
            "HelmVersion" => Some(V::Object(Rc::new(self.helm_version.clone()))),
            _ => None,
        }
    }
    fn go_string(&self) -> String {
        format!(
            "&{{{} {} {}}}",
            self.api_versions.go_string(),
            self.kube_version.go_string(),
            self.helm_version.go_string()
        )
    }
    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("KubeVersion".into(), self.kube_version.to_value());
        m.insert("APIVersions".into(), self.api_versions.to_value());
        m.insert("HelmVersion".into(), self.helm_version.to_value());
        Value::map(m)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("files/*", "files/a.txt"));
        assert!(!glob_match("files/*", "files/x/a.txt"));
        assert!(glob_match("files/**", "files/x/a.txt"));
        assert!(glob_match("**.yaml", "a/b/c.yaml"));
        assert!(glob_match("*.{yaml,json}", "x.json"));
        assert!(glob_match("conf/[ab]?.ini", "conf/a1.ini"));
        assert!(!glob_match("conf/[!ab]?.ini", "conf/a1.ini"));
    }
}
