//! Splitting rendered templates into documents, separating hooks and
//! sorting by kind in Helm's install order (`releaseutil.SortManifests`).

use std::collections::BTreeMap;

use crate::values::yaml::{self, Raw};

/// Helm's install order of kinds.
pub const INSTALL_ORDER: &[&str] = &[
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// Helm's hook events.
pub const HOOK_EVENTS: &[&str] = &[
    "pre-install",
    "post-install",
    "pre-delete",
    "post-delete",
    "pre-upgrade",
    "post-upgrade",
    "pre-rollback",
    "post-rollback",
    "test",
    "test-success",
];

/// The head fields Helm reads from each document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Head {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub annotations: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    /// Template file the document came from.
    pub name: String,
    pub content: String,
    pub head: Head,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hook {
    pub name: String,
    pub kind: String,
    pub path: String,
    pub manifest: String,
    pub events: Vec<String>,
    pub weight: i64,
    pub delete_policies: Vec<String>,
    pub output_log_policies: Vec<String>,
}

/// Splits a rendered file into documents as Helm 4.2 does: the text is
/// left-trimmed, split on `(?:^|\s*\n)---\s*`, blank documents dropped and
/// each document left-trimmed.
pub fn split_manifests(text: &str) -> Vec<String> {
    let t = text.trim_start();
    let bytes = t.as_bytes();
    let mut docs = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // Find separators: optional whitespace ending in '\n' (or the very
    // start), then "---", then any whitespace.
    while i <= bytes.len() {
        let at_start = i == 0;
        if at_start && t.starts_with("---") {
            let mut j = 3;
            while j < bytes.len() && (bytes[j] as char).is_ascii_whitespace() {
                j += 1;
            }
            docs.push(String::new());
            start = j;
            i = j;
            continue;
        }
        if i < bytes.len() && bytes[i] == b'\n' && t[i + 1..].starts_with("---") {
            // Extend backwards over whitespace before the newline.
            let mut k = i;
            while k > start && (bytes[k - 1] as char).is_ascii_whitespace() {
                k -= 1;
            }
            docs.push(t[start..k].to_string());
            let mut j = i + 4;
            while j < bytes.len() && (bytes[j] as char).is_ascii_whitespace() {
                j += 1;
            }
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    if start <= t.len() {
        docs.push(t[start..].to_string());
    }
    docs.into_iter()
        .filter(|d| !d.trim().is_empty())
        .map(|d| d.trim_start().to_string())
        .collect()
}

fn scalar_string(r: &Raw) -> Option<String> {
    match r {
        Raw::Null => Some(String::new()),
        Raw::Str(s) => Some(s.clone()),
        Raw::Bool(b) => Some(b.to_string()),
        Raw::Int(i) => Some(i.to_string()),
        Raw::Uint(u) => Some(u.to_string()),
        Raw::Float(f) => Some(crate::values::gofmt::format_float(*f, 'g', -1, 32)),
        _ => None,
    }
}

fn get<'a>(entries: &'a [(String, Raw)], key: &str) -> Option<&'a Raw> {
    entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Reads a document's head; a YAML error is Helm's render failure.
pub fn parse_head(doc: &str) -> Result<Head, String> {
    let first = yaml::parse_first_raw(doc).map_err(|e| e.go_message())?;
    let mut h = Head::default();
    let e = match first {
        None | Some(Raw::Null) => return Ok(h),
        Some(Raw::Map(e)) => e,
        Some(other) => {
            return Err(format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type util.SimpleHead",
                other.json_type_word()
            ));
        }
    };
    h.api_version = get(&e, "apiVersion")
        .and_then(scalar_string)
        .unwrap_or_default();
    h.kind = get(&e, "kind").and_then(scalar_string).unwrap_or_default();
    if let Some(Raw::Map(md)) = get(&e, "metadata") {
        h.name = get(md, "name").and_then(scalar_string).unwrap_or_default();
        if let Some(Raw::Map(a)) = get(md, "annotations") {
            for (k, v) in a {
                h.annotations
                    .insert(k.clone(), scalar_string(v).unwrap_or_default());
            }
        }
    }
    Ok(h)
}

/// Rendered output above which document heads are parsed on several cores.
const PARALLEL_HEADS_BYTES: usize = 512 * 1024;

/// [`parse_head`] of every document, in order; on every core for large
/// outputs (charts of CRDs render megabytes, and Helm parses every document
/// whole, so capstan must too).
fn parse_heads(docs: &[(&String, String)]) -> Vec<Result<Head, String>> {
    crate::parallel::map_ordered(
        docs,
        |(_, d)| d.len(),
        PARALLEL_HEADS_BYTES,
        |(_, d)| parse_head(d),
    )
}

fn kind_rank(kind: &str) -> Option<usize> {
    INSTALL_ORDER.iter().position(|k| *k == kind)
}

/// Helm's uninstall order: validation and routing objects first, then
/// workloads, then what they use; namespaces last.
pub const UNINSTALL_ORDER: &[&str] = &[
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
    "APIService",
    "Ingress",
    "IngressClass",
    "Service",
    "CronJob",
    "Job",
    "StatefulSet",
    "HorizontalPodAutoscaler",
    "Deployment",
    "ReplicaSet",
    "ReplicationController",
    "Pod",
    "DaemonSet",
    "RoleBindingList",
    "RoleBinding",
    "RoleList",
    "Role",
    "ClusterRoleBindingList",
    "ClusterRoleBinding",
    "ClusterRoleList",
    "ClusterRole",
    "CustomResourceDefinition",
    "PersistentVolumeClaim",
    "PersistentVolume",
    "StorageClass",
    "ConfigMap",
    "SecretList",
    "Secret",
    "ServiceAccount",
    "PodDisruptionBudget",
    "PodSecurityPolicy",
    "LimitRange",
    "ResourceQuota",
    "NetworkPolicy",
    "Namespace",
    "PriorityClass",
];

/// Helm's `lessByKind` for uninstall order (unknown kinds last).
pub fn kind_less_uninstall(a: &str, b: &str) -> std::cmp::Ordering {
    let rank = |k: &str| UNINSTALL_ORDER.iter().position(|x| *x == k);
    match (rank(a), rank(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// Helm's `lessByKind` for install order.
pub fn kind_less(a: &str, b: &str) -> std::cmp::Ordering {
    match (kind_rank(a), kind_rank(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// Sorts rendered files into hooks and manifests (Helm's `SortManifests`).
pub fn sort_manifests(
    files: &BTreeMap<String, String>,
) -> Result<(Vec<Hook>, Vec<Manifest>), String> {
    let mut hooks = Vec::new();
    let mut generic = Vec::new();
    let mut docs: Vec<(&String, String)> = Vec::new();
    for (path, content) in files {
        let base = path.rsplit('/').next().unwrap_or(path);
        if base.starts_with('_') || content.trim().is_empty() {
            continue;
        }
        docs.extend(split_manifests(content).into_iter().map(|m| (path, m)));
    }
    let heads = parse_heads(&docs);
    for ((path, m), head) in docs.into_iter().zip(heads) {
        let head = head.map_err(|e| format!("YAML parse error on {path}: {e}"))?;
        let Some(hook_types) = head.annotations.get("helm.sh/hook").cloned() else {
            generic.push(Manifest {
                name: path.clone(),
                content: m,
                head,
            });
            continue;
        };
        let mut events = Vec::new();
        let mut unknown = false;
        for t in hook_types.split(',') {
            let t = t.trim().to_lowercase();
            if HOOK_EVENTS.contains(&t.as_str()) {
                // Helm 2's `test-success` is the `test` event.
                events.push(if t == "test-success" {
                    "test".into()
                } else {
                    t
                });
            } else {
                unknown = true;
                break;
            }
        }
        if unknown {
            continue;
        }
        let list = |key: &str| -> Vec<String> {
            head.annotations
                .get(key)
                .map(|v| v.split(',').map(|s| s.trim().to_lowercase()).collect())
                .unwrap_or_default()
        };
        hooks.push(Hook {
            name: head.name.clone(),
            kind: head.kind.clone(),
            path: path.clone(),
            weight: head
                .annotations
                .get("helm.sh/hook-weight")
                .and_then(|w| w.parse().ok())
                .unwrap_or(0),
            delete_policies: list("helm.sh/hook-delete-policy"),
            output_log_policies: list("helm.sh/hook-output-log-policy"),
            events,
            manifest: m,
        });
    }
    generic.sort_by(|a, b| kind_less(&a.head.kind, &b.head.kind));
    hooks.sort_by(|a, b| kind_less(&a.kind, &b.kind));
    Ok((hooks, generic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_of_large_outputs_parsed_in_parallel_keep_their_order() {
        let path = "c/templates/crds.yaml".to_string();
        let pad = "x".repeat(300);
        let docs: Vec<(&String, String)> = (0..3000)
            .map(|i| {
                let d = if i == 2100 {
                    "kind: [unclosed".to_string()
                } else {
                    format!(
                        "kind: K{i}\nmetadata:\n  name: n{i}\n  annotations:\n    a: \"{pad}\"\n"
                    )
                };
                (&path, d)
            })
            .collect();
        assert!(docs.iter().map(|(_, d)| d.len()).sum::<usize>() > PARALLEL_HEADS_BYTES);
        let sequential: Vec<_> = docs.iter().map(|(_, d)| parse_head(d)).collect();
        let heads = parse_heads(&docs);
        assert_eq!(heads, sequential);
        assert_eq!(heads[2999].as_ref().map(|h| h.kind.as_str()), Ok("K2999"));
        assert!(heads[2100].is_err());
    }

    #[test]
    fn split_like_helm() {
        assert_eq!(split_manifests("a: 1\n---\nb: 2\n"), vec!["a: 1", "b: 2\n"]);
        assert_eq!(split_manifests("---\na: 1\n"), vec!["a: 1\n"]);
        assert_eq!(
            split_manifests("\n\n---\n\n---\na: 1\n  \n---\n"),
            vec!["---\na: 1"]
        );
        assert_eq!(split_manifests("# only\n"), vec!["# only\n"]);
    }

    #[test]
    fn kinds_in_install_order() {
        let mut f = BTreeMap::new();
        f.insert(
            "c/templates/a.yaml".to_string(),
            "kind: Deployment\nmetadata:\n  name: d\n---\nkind: Foo\n---\nkind: Service\n"
                .to_string(),
        );
        f.insert(
            "c/templates/b.yaml".to_string(),
            "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: \"5\"\n".to_string(),
        );
        let (hooks, m) = sort_manifests(&f).unwrap();
        let kinds: Vec<&str> = m.iter().map(|x| x.head.kind.as_str()).collect();
        assert_eq!(kinds, ["Service", "Deployment", "Foo"]);
        assert_eq!(hooks.len(), 1);
        assert_eq!(hooks[0].weight, 5);
        assert_eq!(hooks[0].events, ["pre-install"]);
    }
}
