//! `capstan template` against the real Helm engine over the whole corpus,
//! with the oracle's `compare`. Fails when the number of byte-identical
//! cases drops below the floor recorded in tests/data/compare_floor.txt.

mod common;

use std::process::Command;

#[test]
fn corpus_renders_like_helm() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let Some(_oracle) = common::oracle(&shared) else {
        return;
    };
    let floor: usize = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/compare_floor.txt"
    ))
    .expect("floor file")
    .trim()
    .parse()
    .expect("floor number");
    let cmd = format!(
        "{} template {{release}} {{chart}} {{values_args}} --namespace {{namespace}}",
        env!("CARGO_BIN_EXE_capstan")
    );
    let report = tempfile::NamedTempFile::new().expect("temp file");
    let out = Command::new(shared.join("oracle/compare"))
        .args(["--ours", &cmd])
        .arg(shared.join("charts"))
        .args(["--jobs", "3", "--json-report"])
        .arg(report.path())
        // The library path of the oracle is the reference for this test.
        .env_remove("HELM_ORACLE_CLI")
        .output()
        .expect("compare runs");
    let text = String::from_utf8_lossy(&out.stdout);
    eprintln!("{text}");
    let summary = text
        .lines()
        .rev()
        .find(|l| l.starts_with("corpus:"))
        .expect("compare prints a summary");
    let identical: usize = summary
        .split(", ")
        .find_map(|p| p.strip_suffix(" identical"))
        .and_then(|n| n.trim().parse().ok())
        .expect("identical count");
    eprintln!("{summary} (floor {floor})");
    assert!(
        identical >= floor,
        "byte-identical cases dropped below the floor: {identical} < {floor}"
    );
}
