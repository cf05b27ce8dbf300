//! Kubernetes objects of a release: manifests parsed into JSON objects,
//! their kinds resolved through API discovery (so custom resources of CRDs
//! installed a moment ago resolve too), and the cluster's capabilities for
//! templates.

use std::collections::BTreeMap;

use kube::Client;
use kube::api::ApiResource;
use kube::discovery::{Discovery, Scope};
use serde_json::{Map as JMap, Number, Value as J};

use super::KubeError;
use crate::template::objects::{Capabilities, KubeVersion, VersionSet};
use crate::values::yaml::{self, Raw};

/// Served kinds, from one discovery of the API server.
pub struct Mapper {
    /// (group, version, kind) → resource and whether it is namespaced.
    kinds: BTreeMap<(String, String, String), (ApiResource, bool)>,
    /// `group/version` and `group/version/Kind` entries, Helm's
    /// `Capabilities.APIVersions`.
    api_versions: Vec<String>,
}

fn split_api_version(api_version: &str) -> (&str, &str) {
    match api_version.split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    }
}

impl Mapper {
    /// Discovers every served group (aggregated discovery: two requests;
    /// older servers: one request per group version).
    pub async fn discover(client: &Client) -> Result<Mapper, KubeError> {
        let disc = match Discovery::new(client.clone()).run_aggregated().await {
            Ok(d) => d,
            Err(_) => Discovery::new(client.clone()).run().await.map_err(|e| {
                KubeError::unreachable(format!("API discovery failed: {}", super::error_chain(&e)))
            })?,
        };
        let mut kinds = BTreeMap::new();
        let mut api_versions = Vec::new();
        for group in disc.groups() {
            for version in group.versions() {
                let gv = if group.name().is_empty() {
                    version.to_string()
                } else {
                    format!("{}/{}", group.name(), version)
                };
                api_versions.push(gv.clone());
                for (ar, caps) in group.versioned_resources(version) {
                    api_versions.push(format!("{gv}/{}", ar.kind));
                    let namespaced = matches!(caps.scope, Scope::Namespaced);
                    kinds.insert(
                        (ar.group.clone(), ar.version.clone(), ar.kind.clone()),
                        (ar, namespaced),
                    );
                }
            }
        }
        Ok(Mapper {
            kinds,
            api_versions,
        })
    }

    /// A mapper from a fixed list (tests).
    pub fn from_list(entries: &[(&str, &str, &str, bool)]) -> Mapper {
        let mut kinds = BTreeMap::new();
        for (api_version, kind, plural, namespaced) in entries {
            let (g, v) = split_api_version(api_version);
            let ar = ApiResource {
                group: g.into(),
                version: v.into(),
                api_version: (*api_version).into(),
                kind: (*kind).into(),
                plural: (*plural).into(),
            };
            kinds.insert((g.into(), v.into(), (*kind).into()), (ar, *namespaced));
        }
        Mapper {
            kinds,
            api_versions: Vec::new(),
        }
    }

    /// The resource serving `kind` in `api_version`.
    pub fn resolve(&self, api_version: &str, kind: &str) -> Option<(ApiResource, bool)> {
        let (g, v) = split_api_version(api_version);
        self.kinds
            .get(&(g.to_string(), v.to_string(), kind.to_string()))
            .cloned()
    }

    /// Helm's `Capabilities.APIVersions` for this server.
    pub fn api_versions(&self) -> Vec<String> {
        self.api_versions.clone()
    }
}

/// The capabilities templates see during install/upgrade: the server's
/// version and served API versions.
pub async fn capabilities(client: &Client, mapper: &Mapper) -> Result<Capabilities, KubeError> {
    let info = client
        .apiserver_version()
        .await
        .map_err(|e| KubeError::unreachable(format!("could not get server version: {e}")))?;
    let mut caps = Capabilities::default();
    let minor: String = info
        .minor
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    caps.kube_version = KubeVersion {
        version: info.git_version.clone(),
        major: info.major.clone(),
        minor: if minor.is_empty() { info.minor } else { minor },
    };
    caps.api_versions = VersionSet(mapper.api_versions());
    Ok(caps)
}

/// One object of a manifest, mapped to its API resource.
#[derive(Clone, Debug)]
pub struct Resource {
    /// The object as sent to the API server.
    pub obj: J,
    pub ar: ApiResource,
    pub namespaced: bool,
    /// Empty for cluster-scoped objects.
    pub namespace: String,
    pub name: String,
}

impl Resource {
    pub fn kind(&self) -> &str {
        &self.ar.kind
    }

    /// Helm's `resourceString`: `Deployment "web" in namespace "ns"`.
    pub fn describe(&self) -> String {
        format!(
            "{} {:?} in namespace {:?}",
            self.ar.kind, self.name, self.namespace
        )
    }

    /// Short form for progress and error lists: `Deployment ns/web`.
    pub fn short(&self) -> String {
        if self.namespace.is_empty() {
            format!("{} {}", self.ar.kind, self.name)
        } else {
            format!("{} {}/{}", self.ar.kind, self.namespace, self.name)
        }
    }

    /// Whether `other` is the same object (Helm's `isMatchingInfo`: name,
    /// namespace, group and kind; the version may differ).
    pub fn same(&self, other: &Resource) -> bool {
        self.name == other.name
            && self.namespace == other.namespace
            && self.ar.group == other.ar.group
            && self.ar.kind == other.ar.kind
    }

    /// Annotations of the object as given.
    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.obj
            .get("metadata")?
            .get("annotations")?
            .get(key)?
            .as_str()
    }

    /// Adds Helm's ownership metadata: `app.kubernetes.io/managed-by: Helm`
    /// and the release name/namespace annotations.
    pub fn set_owner(&mut self, release: &str, namespace: &str) {
        let Some(md) = self.obj.get_mut("metadata").and_then(J::as_object_mut) else {
            return;
        };
        set_string(md, "labels", MANAGED_BY_LABEL, "Helm");
        set_string(md, "annotations", RELEASE_NAME_ANNOTATION, release);
        set_string(md, "annotations", RELEASE_NAMESPACE_ANNOTATION, namespace);
    }
}

pub const MANAGED_BY_LABEL: &str = "app.kubernetes.io/managed-by";
pub const RELEASE_NAME_ANNOTATION: &str = "meta.helm.sh/release-name";
pub const RELEASE_NAMESPACE_ANNOTATION: &str = "meta.helm.sh/release-namespace";

fn set_string(md: &mut JMap<String, J>, field: &str, key: &str, value: &str) {
    let entry = md
        .entry(field.to_string())
        .or_insert_with(|| J::Object(JMap::new()));
    if !entry.is_object() {
        *entry = J::Object(JMap::new());
    }
    if let Some(m) = entry.as_object_mut() {
        m.insert(key.to_string(), J::String(value.to_string()));
    }
}

/// Helm's ownership check of a live object: the reasons it is not owned
/// by `release` in `namespace` (empty when it is).
pub fn ownership_errors(live: &J, release: &str, namespace: &str) -> Vec<String> {
    let md = live.get("metadata");
    let get = |field: &str, key: &str| -> Option<String> {
        md?.get(field)?.get(key)?.as_str().map(str::to_string)
    };
    let require = |actual: Option<String>, k: &str, v: &str| -> Option<String> {
        match actual {
            None => Some(format!("missing key {k:?}: must be set to {v:?}")),
            Some(a) if a != v => Some(format!(
                "key {k:?} must equal {v:?}: current value is {a:?}"
            )),
            _ => None,
        }
    };
    let mut errs = Vec::new();
    if let Some(e) = require(get("labels", MANAGED_BY_LABEL), MANAGED_BY_LABEL, "Helm") {
        errs.push(format!("label validation error: {e}"));
    }
    if let Some(e) = require(
        get("annotations", RELEASE_NAME_ANNOTATION),
        RELEASE_NAME_ANNOTATION,
        release,
    ) {
        errs.push(format!("annotation validation error: {e}"));
    }
    if let Some(e) = require(
        get("annotations", RELEASE_NAMESPACE_ANNOTATION),
        RELEASE_NAMESPACE_ANNOTATION,
        namespace,
    ) {
        errs.push(format!("annotation validation error: {e}"));
    }
    errs
}

/// A YAML tree as JSON the way sigs.k8s.io/yaml converts it: integers stay
/// integers, floats with no fraction are written as integers (Go's JSON
/// encoding of float64), keys are strings.
pub fn raw_to_json(r: &Raw) -> Result<J, String> {
    Ok(match r {
        Raw::Null => J::Null,
        Raw::Bool(b) => J::Bool(*b),
        Raw::Int(i) => J::Number((*i).into()),
        Raw::Uint(u) => J::Number((*u).into()),
        Raw::Float(f) => {
            if !f.is_finite() {
                return Err(format!("json: unsupported value: {f}"));
            }
            if f.fract() == 0.0 && f.abs() < 1e15 {
                J::Number((*f as i64).into())
            } else {
                Number::from_f64(*f).map(J::Number).unwrap_or(J::Null)
            }
        }
        Raw::Str(s) => J::String(s.clone()),
        Raw::Seq(items) => J::Array(items.iter().map(raw_to_json).collect::<Result<_, _>>()?),
        Raw::Map(entries) => {
            let mut m = JMap::new();
            for (k, v) in entries {
                m.insert(k.clone(), raw_to_json(v)?);
            }
            J::Object(m)
        }
    })
}

/// Parses a manifest stream (documents separated by `---`) into JSON
/// objects; empty documents are skipped and `*List` kinds flattened.
pub fn parse_objects(manifest: &str) -> Result<Vec<J>, KubeError> {
    let docs = yaml::parse_raw(manifest)
        .map_err(|e| KubeError::Invalid(format!("error parsing manifest: {}", e.go_message())))?;
    let mut out = Vec::new();
    for d in &docs {
        let j = raw_to_json(d).map_err(KubeError::Invalid)?;
        match &j {
            J::Null => {}
            J::Object(m) if m.is_empty() => {}
            J::Object(m) => {
                let is_list = m
                    .get("kind")
                    .and_then(J::as_str)
                    .is_some_and(|k| k.ends_with("List"))
                    && m.get("items").is_some_and(J::is_array);
                if is_list {
                    if let Some(J::Array(items)) = m.get("items") {
                        out.extend(items.iter().cloned());
                    }
                } else {
                    out.push(j);
                }
            }
            _ => {
                return Err(KubeError::Invalid(
                    "error parsing manifest: a document is not an object".into(),
                ));
            }
        }
    }
    Ok(out)
}

/// Builds the resources of a manifest: every object mapped to its API
/// resource; namespaced objects without a namespace get `default_ns`.
pub fn build(
    manifest: &str,
    default_ns: &str,
    mapper: &Mapper,
) -> Result<Vec<Resource>, KubeError> {
    parse_objects(manifest)?
        .into_iter()
        .map(|obj| build_one(obj, default_ns, mapper))
        .collect()
}

fn build_one(mut obj: J, default_ns: &str, mapper: &Mapper) -> Result<Resource, KubeError> {
    let api_version = obj
        .get("apiVersion")
        .and_then(J::as_str)
        .unwrap_or("")
        .to_string();
    let kind = obj
        .get("kind")
        .and_then(J::as_str)
        .unwrap_or("")
        .to_string();
    let md_name = obj
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(J::as_str)
        .unwrap_or("")
        .to_string();
    if api_version.is_empty() || kind.is_empty() {
        return Err(KubeError::Invalid(format!(
            "error validating data: object {md_name:?} has no {}; every manifest document needs apiVersion and kind",
            if api_version.is_empty() {
                "apiVersion"
            } else {
                "kind"
            }
        )));
    }
    let Some((ar, namespaced)) = mapper.resolve(&api_version, &kind) else {
        return Err(KubeError::NoMatch {
            name: md_name,
            api_version,
            kind,
        });
    };
    let mut namespace = String::new();
    if namespaced {
        let given = obj
            .get("metadata")
            .and_then(|m| m.get("namespace"))
            .and_then(J::as_str)
            .unwrap_or("");
        namespace = if given.is_empty() {
            default_ns.to_string()
        } else {
            given.to_string()
        };
        if let Some(md) = obj.get_mut("metadata").and_then(J::as_object_mut) {
            md.insert("namespace".into(), J::String(namespace.clone()));
        }
    }
    Ok(Resource {
        obj,
        ar,
        namespaced,
        namespace,
        name: md_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapper() -> Mapper {
        Mapper::from_list(&[
            ("v1", "ConfigMap", "configmaps", true),
            ("v1", "Namespace", "namespaces", false),
            ("apps/v1", "Deployment", "deployments", true),
        ])
    }

    #[test]
    fn builds_objects_with_namespaces() {
        let m = "---\n# Source: x\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  n: \"1\"\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: other\nspec:\n  replicas: 3\n  x: 1.5\n";
        let rs = build(m, "rel", &mapper()).unwrap();
        assert_eq!(rs.len(), 3);
        assert_eq!(rs[0].namespace, "rel");
        assert_eq!(rs[0].obj["metadata"]["namespace"], "rel");
        assert_eq!(rs[1].namespace, "");
        assert!(rs[1].obj["metadata"].get("namespace").is_none());
        assert_eq!(rs[2].namespace, "other");
        assert_eq!(rs[2].obj["spec"]["replicas"].to_string(), "3");
        assert_eq!(rs[2].obj["spec"]["x"].to_string(), "1.5");
        assert_eq!(rs[2].describe(), "Deployment \"d\" in namespace \"other\"");
    }

    #[test]
    fn unknown_kinds_and_missing_fields_are_errors() {
        let e = build(
            "apiVersion: x/v1\nkind: Foo\nmetadata:\n  name: f\n",
            "n",
            &mapper(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("no matches for kind \"Foo\" in version \"x/v1\""),
            "{e}"
        );
        assert!(e.contains("CRDs"), "{e}");
        let e = build("kind: ConfigMap\nmetadata:\n  name: f\n", "n", &mapper())
            .unwrap_err()
            .to_string();
        assert!(e.contains("apiVersion"), "{e}");
    }

    #[test]
    fn lists_are_flattened_and_empty_docs_skipped() {
        let m = "---\n---\n# only a comment\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n";
        let rs = build(m, "n", &mapper()).unwrap();
        let names: Vec<_> = rs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
    }

    #[test]
    fn ownership_metadata() {
        let mut r = build(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    x: z\n",
            "n",
            &mapper(),
        )
        .unwrap()
        .remove(0);
        let errs = ownership_errors(&r.obj, "rel", "n");
        assert_eq!(errs.len(), 3);
        assert_eq!(
            errs[0],
            "label validation error: missing key \"app.kubernetes.io/managed-by\": must be set to \"Helm\""
        );
        r.set_owner("rel", "n");
        assert!(ownership_errors(&r.obj, "rel", "n").is_empty());
        assert_eq!(r.obj["metadata"]["labels"]["x"], "z");
        let errs = ownership_errors(&r.obj, "other", "n");
        assert_eq!(
            errs,
            [
                "annotation validation error: key \"meta.helm.sh/release-name\" must equal \"other\": current value is \"rel\""
            ]
        );
    }
}
