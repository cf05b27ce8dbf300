//! Creating, updating and deleting release objects as Helm 4 does:
//! server-side apply under the field manager `helm` (so Helm and capstan
//! own the same fields and never conflict with each other), or, for
//! releases made with client-side apply (Helm 3), merge patches computed
//! from the previous manifest. Objects of one kind are sent concurrently,
//! kinds one after another in the order given.

use futures::future::join_all;
use kube::Client;
use kube::api::{
    Api, DeleteParams, DynamicObject, Patch, PatchParams, PostParams, PropagationPolicy,
    ValidationDirective,
};
use serde_json::{Map as JMap, Value as J};

use super::KubeError;
use super::resource::Resource;

/// The field manager Helm's CLI uses (`kube.ManagedFieldsManager`).
pub const FIELD_MANAGER: &str = "helm";

/// `helm.sh/resource-policy: keep` keeps an object when it leaves the chart
/// or the release is uninstalled.
pub const RESOURCE_POLICY_ANNOTATION: &str = "helm.sh/resource-policy";
pub const KEEP_POLICY: &str = "keep";

/// How objects are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApplyMethod {
    /// Server-side apply; `force` takes over fields other managers own.
    ServerSide { force: bool },
    /// Create with POST, update with a merge patch (Helm 3's client-side
    /// apply).
    ClientSide,
    /// Update by replacing the whole object (`--force-replace`).
    Replace,
}

fn api(client: &Client, r: &Resource) -> Api<DynamicObject> {
    if r.namespaced {
        Api::namespaced_with(client.clone(), &r.namespace, &r.ar)
    } else {
        Api::all_with(client.clone(), &r.ar)
    }
}

fn to_json(o: DynamicObject) -> J {
    serde_json::to_value(o).unwrap_or(J::Null)
}

fn to_dynamic(r: &Resource) -> Result<DynamicObject, KubeError> {
    serde_json::from_value(r.obj.clone())
        .map_err(|e| KubeError::Invalid(format!("{}: invalid object: {e}", r.describe())))
}

/// The live object, `None` when it does not exist.
pub async fn get(client: &Client, r: &Resource) -> Result<Option<J>, KubeError> {
    match api(client, r).get_opt(&r.name).await {
        Ok(o) => Ok(o.map(to_json)),
        Err(e) => Err(KubeError::from_kube(
            &format!(
                "could not get information about the resource {}",
                r.describe()
            ),
            e,
        )),
    }
}

/// Every object of `r`'s kind in its namespace (all of a cluster-scoped
/// kind), for polling many objects with one request.
pub async fn list_like(client: &Client, r: &Resource) -> Result<Vec<J>, KubeError> {
    let list = api(client, r)
        .list(&Default::default())
        .await
        .map_err(|e| KubeError::from_kube(&format!("could not list {}", r.ar.plural), e))?;
    // List items come without apiVersion and kind; put them back.
    Ok(list
        .items
        .into_iter()
        .map(|o| {
            let mut j = to_json(o);
            if let Some(m) = j.as_object_mut() {
                m.insert("apiVersion".into(), J::String(r.ar.api_version.clone()));
                m.insert("kind".into(), J::String(r.ar.kind.clone()));
            }
            j
        })
        .collect())
}

fn ssa_params(force: bool) -> PatchParams {
    PatchParams {
        dry_run: false,
        force,
        field_manager: Some(FIELD_MANAGER.to_string()),
        field_validation: Some(ValidationDirective::Strict),
    }
}

/// Server-side apply of the whole object.
pub async fn server_side_apply(client: &Client, r: &Resource, force: bool) -> Result<J, KubeError> {
    api(client, r)
        .patch(&r.name, &ssa_params(force), &Patch::Apply(&r.obj))
        .await
        .map(to_json)
        .map_err(|e| {
            let what = match &e {
                kube::Error::Api(s) if s.code == 409 => format!(
                    "conflict occurred while applying object {}/{} {}",
                    r.namespace, r.name, r.ar.kind
                ),
                _ => format!(
                    "server-side apply failed for object {}/{} {}",
                    r.namespace, r.name, r.ar.kind
                ),
            };
            KubeError::from_kube(&what, e)
        })
}

/// Creates the object (POST).
pub async fn create(client: &Client, r: &Resource) -> Result<J, KubeError> {
    let pp = PostParams {
        dry_run: false,
        field_manager: Some(FIELD_MANAGER.to_string()),
    };
    api(client, r)
        .create(&pp, &to_dynamic(r)?)
        .await
        .map(to_json)
        .map_err(|e| KubeError::from_kube("failed to create resource", e))
}

/// Creates an object the way `method` writes new objects.
pub async fn create_with(
    client: &Client,
    r: &Resource,
    method: ApplyMethod,
) -> Result<J, KubeError> {
    match method {
        ApplyMethod::ServerSide { force } => server_side_apply(client, r, force).await,
        ApplyMethod::ClientSide | ApplyMethod::Replace => create(client, r).await,
    }
}

/// A JSON merge patch (RFC 7386) turning `original` into `target`: changed
/// and new fields set, fields `original` had and `target` lacks removed,
/// arrays replaced whole.
pub fn merge_patch(original: &J, target: &J) -> J {
    match (original, target) {
        (J::Object(o), J::Object(t)) => {
            let mut patch = JMap::new();
            for (k, tv) in t {
                match o.get(k) {
                    Some(ov) if ov == tv => {}
                    Some(ov @ J::Object(_)) if tv.is_object() => {
                        let p = merge_patch(ov, tv);
                        if p.as_object().is_some_and(|m| !m.is_empty()) {
                            patch.insert(k.clone(), p);
                        }
                    }
                    _ => {
                        patch.insert(k.clone(), tv.clone());
                    }
                }
            }
            for k in o.keys() {
                if !t.contains_key(k) {
                    patch.insert(k.clone(), J::Null);
                }
            }
            J::Object(patch)
        }
        _ => target.clone(),
    }
}

/// Updates an existing object. Client-side: a merge patch from the
/// previous manifest's object (`original`), or, when the object was not in
/// it, one that only sets the target's fields.
pub async fn update(
    client: &Client,
    original: Option<&Resource>,
    r: &Resource,
    method: ApplyMethod,
) -> Result<J, KubeError> {
    match method {
        ApplyMethod::ServerSide { force } => server_side_apply(client, r, force).await,
        ApplyMethod::ClientSide => {
            let patch = match original {
                Some(o) => merge_patch(&o.obj, &r.obj),
                None => r.obj.clone(),
            };
            if patch.as_object().is_some_and(|m| m.is_empty()) {
                return Ok(r.obj.clone());
            }
            let pp = PatchParams {
                field_manager: Some(FIELD_MANAGER.to_string()),
                ..Default::default()
            };
            api(client, r)
                .patch(&r.name, &pp, &Patch::Merge(&patch))
                .await
                .map(to_json)
                .map_err(|e| {
                    KubeError::from_kube(
                        &format!("cannot patch {:?} with kind {}", r.name, r.ar.kind),
                        e,
                    )
                })
        }
        ApplyMethod::Replace => {
            let a = api(client, r);
            let mut obj = to_dynamic(r)?;
            let live = a
                .get(&r.name)
                .await
                .map_err(|e| KubeError::from_kube("failed to replace object", e))?;
            obj.metadata.resource_version = live.metadata.resource_version;
            let pp = PostParams {
                dry_run: false,
                field_manager: Some(FIELD_MANAGER.to_string()),
            };
            a.replace(&r.name, &pp, &obj)
                .await
                .map(to_json)
                .map_err(|e| KubeError::from_kube("failed to replace object", e))
        }
    }
}

/// Deletion propagation (`--cascade`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cascade {
    #[default]
    Background,
    Foreground,
    Orphan,
}

impl Cascade {
    /// Helm's `parseCascadingFlag` (unknown values mean background).
    pub fn parse(s: &str) -> Cascade {
        match s {
            "orphan" => Cascade::Orphan,
            "foreground" => Cascade::Foreground,
            _ => Cascade::Background,
        }
    }
}

/// Deletes the object; `Ok(false)` when it was already gone.
pub async fn delete(client: &Client, r: &Resource, cascade: Cascade) -> Result<bool, KubeError> {
    let dp = DeleteParams {
        propagation_policy: Some(match cascade {
            Cascade::Background => PropagationPolicy::Background,
            Cascade::Foreground => PropagationPolicy::Foreground,
            Cascade::Orphan => PropagationPolicy::Orphan,
        }),
        ..Default::default()
    };
    match api(client, r).delete(&r.name, &dp).await {
        Ok(_) => Ok(true),
        Err(kube::Error::Api(s)) if s.code == 404 => Ok(false),
        Err(e) => Err(KubeError::from_kube(
            &format!(
                "failed to delete resource namespace={}, name={}, kind={}",
                r.namespace, r.name, r.ar.kind
            ),
            e,
        )),
    }
}

/// Groups of consecutive objects of one kind (Helm's batches: sent
/// concurrently within a batch, batches in order).
fn batches(rs: &[Resource]) -> Vec<&[Resource]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=rs.len() {
        if i == rs.len() || rs[i].ar.kind != rs[start].ar.kind {
            if i > start {
                out.push(&rs[start..i]);
            }
            start = i;
        }
    }
    out
}

/// Creates every object (install). Stops after the first batch with an
/// error and returns it.
pub async fn create_all(
    client: &Client,
    rs: &[Resource],
    method: ApplyMethod,
) -> Result<(), KubeError> {
    for batch in batches(rs) {
        super::cancel::check()?;
        let results = join_all(batch.iter().map(|r| create_with(client, r, method))).await;
        if let Some(e) = results.into_iter().find_map(Result::err) {
            return Err(e);
        }
    }
    Ok(())
}

/// What an update did.
#[derive(Clone, Debug, Default)]
pub struct UpdateResult {
    pub created: Vec<Resource>,
    pub updated: Vec<Resource>,
    pub deleted: Vec<Resource>,
}

/// Helm's `Update`: targets are created or updated; objects of `originals`
/// that are not targets any more are deleted unless annotated
/// `helm.sh/resource-policy: keep`. On error the result so far comes
/// with it (for `--cleanup-on-fail`).
pub async fn update_all(
    client: &Client,
    originals: &[Resource],
    targets: &[Resource],
    method: ApplyMethod,
) -> Result<UpdateResult, (UpdateResult, KubeError)> {
    let mut res = UpdateResult::default();
    let mut errors: Vec<String> = Vec::new();
    for batch in batches(targets) {
        if let Err(e) = super::cancel::check() {
            return Err((res, e));
        }
        let results = join_all(batch.iter().map(|t| async move {
            let live = get(client, t).await?;
            match live {
                None => create_with(client, t, method).await.map(|_| true),
                Some(_) => {
                    let original = originals.iter().find(|o| o.same(t));
                    update(client, original, t, method).await.map(|_| false)
                }
            }
        }))
        .await;
        for (t, r) in batch.iter().zip(results) {
            match r {
                Ok(true) => res.created.push(t.clone()),
                Ok(false) => res.updated.push(t.clone()),
                Err(e) => {
                    // Helm counts a failed create as created (cleanup).
                    res.created.push(t.clone());
                    errors.push(e.to_string());
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err((res, joined(&errors)));
    }
    for o in originals.iter().rev() {
        if targets.iter().any(|t| t.same(o)) {
            continue;
        }
        let live = match get(client, o).await {
            Ok(Some(l)) => l,
            Ok(None) | Err(_) => continue,
        };
        let keep = live
            .get("metadata")
            .and_then(|m| m.get("annotations"))
            .and_then(|a| a.get(RESOURCE_POLICY_ANNOTATION))
            .and_then(J::as_str)
            == Some(KEEP_POLICY);
        if keep {
            continue;
        }
        match delete(client, o, Cascade::Background).await {
            Ok(_) => res.deleted.push(o.clone()),
            Err(e) => errors.push(e.to_string()),
        }
    }
    if !errors.is_empty() {
        return Err((res, joined(&errors)));
    }
    Ok(res)
}

/// Several failures as one error (Helm joins them with ` && `).
fn joined(errors: &[String]) -> KubeError {
    KubeError::Api {
        code: 0,
        message: errors.join(" && "),
    }
}

/// Deletes every object (all are attempted); returns the deleted ones and
/// the errors.
pub async fn delete_all(
    client: &Client,
    rs: &[Resource],
    cascade: Cascade,
) -> (Vec<Resource>, Vec<KubeError>) {
    let mut deleted = Vec::new();
    let mut errs = Vec::new();
    for batch in batches(rs) {
        let results = join_all(batch.iter().map(|r| delete(client, r, cascade))).await;
        for (r, res) in batch.iter().zip(results) {
            match res {
                Ok(_) => deleted.push(r.clone()),
                Err(e) => errs.push(e),
            }
        }
    }
    (deleted, errs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_sets_changes_and_removes_dropped_fields() {
        let o = json!({"a": 1, "b": {"c": 1, "d": 2}, "l": [1, 2], "gone": "x"});
        let t = json!({"a": 1, "b": {"c": 2, "d": 2}, "l": [1], "new": true});
        assert_eq!(
            merge_patch(&o, &t),
            json!({"b": {"c": 2}, "l": [1], "new": true, "gone": null})
        );
        assert_eq!(merge_patch(&o, &o), json!({}));
        assert_eq!(
            merge_patch(&json!({"a": 1}), &json!({"a": {"b": 1}})),
            json!({"a": {"b": 1}})
        );
    }

    #[test]
    fn cascade_flag() {
        assert_eq!(Cascade::parse("orphan"), Cascade::Orphan);
        assert_eq!(Cascade::parse("foreground"), Cascade::Foreground);
        assert_eq!(Cascade::parse("background"), Cascade::Background);
        assert_eq!(Cascade::parse("nonsense"), Cascade::Background);
    }
}
