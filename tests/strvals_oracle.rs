//! Differential test of the `--set` family parser against Helm's `pkg/strvals`: every
//! expression in `tests/data/strvals_cases.txt` (`kind<TAB>expression` per line, `#` starts a
//! comment line) must give the same map (compared as JSON, numbers as f64) or the same error
//! text as the Helm oracle.

mod common;

use capstan::values::Value;
use capstan::values::strvals::{self, Kind};

fn cases() -> Vec<(Kind, String)> {
    include_str!("data/strvals_cases.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (kind, expr) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("not kind<TAB>expression: {l:?}"));
            let kind = Kind::from_name(kind).unwrap_or_else(|| panic!("unknown kind in {l:?}"));
            (kind, expr.to_string())
        })
        .collect()
}

/// Structural JSON equality with every number compared as f64 (the oracle prints Go's
/// int64 and float64 alike).
fn json_eq(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn strvals_matches_helm() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let Some(oracle) = common::oracle(&shared) else {
        return;
    };
    let cases = cases();
    let problems = common::par_map(&cases, |(kind, expr)| {
        let out = common::run_oracle(&oracle, &["strvals", "--kind", kind.name(), "--", expr]);
        let helm: Result<serde_json::Value, String> = match out.status.code() {
            Some(0) => Ok(serde_json::from_slice(&out.stdout).expect("oracle prints JSON")),
            Some(1) => {
                let err = String::from_utf8_lossy(&out.stderr);
                let err = err.trim_end_matches('\n');
                Err(err.strip_prefix("Error: ").unwrap_or(err).to_string())
            }
            _ => panic!(
                "helm-oracle failed on {expr:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ),
        };
        let ours = strvals::parse_as(*kind, expr)
            .map(|m| strvals::to_json(&Value::map(m)))
            .map_err(|e| e.to_string());
        let same = match (&helm, &ours) {
            (Ok(h), Ok(o)) => json_eq(h, o),
            (Err(h), Err(o)) => h == o,
            _ => false,
        };
        (!same).then(|| {
            format!(
                "{}\t{expr:?}\n    helm    {helm:?}\n    capstan {ours:?}",
                kind.name()
            )
        })
    });
    let problems: Vec<String> = problems.into_iter().flatten().collect();
    eprintln!(
        "strvals vs helm: {} cases, {} differing",
        cases.len(),
        problems.len()
    );
    assert!(
        problems.is_empty(),
        "differences from Helm:\n{}",
        problems.join("\n")
    );
}
