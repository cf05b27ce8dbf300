//! Shared helpers for integration tests: locating the Helm oracle and the
//! chart corpus in `../shared`, which a user's clone does not have.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `shared/` folder next to the repository (or `CAPSTAN_SHARED`).
/// Returns `None` (after printing one line) when it is absent; under
/// `CI=true` its absence is a failure.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CAPSTAN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("charts/cases.tsv").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "CI=true but the shared corpus is missing at {}: CI must provide it",
            dir.display()
        );
    }
    eprintln!(
        "skipped: no shared corpus at {} (set CAPSTAN_SHARED)",
        dir.display()
    );
    None
}

/// The oracle script, if its library is installed; under `CI=true` a
/// missing oracle is a failure.
pub fn oracle(shared: &Path) -> Option<PathBuf> {
    let script = shared.join("oracle/helm-oracle");
    let ok = Command::new(&script)
        .arg("version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        return Some(script);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "CI=true but the Helm oracle does not run: run {}/oracle/setup",
            shared.display()
        );
    }
    eprintln!("skipped: the Helm oracle is not set up (run ../shared/oracle/setup)");
    None
}

pub fn run_oracle(oracle: &Path, args: &[&str]) -> Output {
    Command::new(oracle)
        .args(args)
        .output()
        .expect("helm-oracle runs")
}

/// The chart folders of the corpus (sorted), without LICENSES.
pub fn corpus_charts(shared: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(shared.join("charts"))
        .expect("corpus dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "LICENSES"))
        .collect();
    v.sort();
    v
}

/// Runs `f` over `items` on a few threads (the oracle is a subprocess).
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = 4.min(items.len().max(1));
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("worker thread"))
            .collect()
    })
}

/// Lists a .tgz's entries as (name, bytes).
pub fn tgz_entries(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let gz = flate2::read::GzDecoder::new(data);
    let mut ar = tar::Archive::new(gz);
    let mut out = Vec::new();
    for e in ar.entries().expect("tar entries") {
        let mut e = e.expect("tar entry");
        let name = e.path().expect("path").to_string_lossy().into_owned();
        let mut buf = Vec::new();
        e.read_to_end(&mut buf).expect("read entry");
        out.push((name, buf));
    }
    out
}
