//! Differential tests against the real Helm engine over the chart corpus:
//! every chart loads as Helm loads it, `show` prints what Helm prints, and
//! `package` writes archives Helm reads back with the same files.

mod common;

use std::path::{Path, PathBuf};

use capstan::action::package::{self, PackageOptions};
use capstan::action::show::{self, ShowWhat};
use capstan::chart;

/// Every corpus chart (folders and the archives in `helm-tgz/`).
fn inputs(shared: &Path) -> Vec<PathBuf> {
    let mut v = common::corpus_charts(shared);
    let tgz = shared.join("charts/helm-tgz");
    if let Ok(rd) = std::fs::read_dir(&tgz) {
        let mut a: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        a.sort();
        v.retain(|p| p != &tgz);
        v.extend(a);
    }
    v
}

#[test]
fn every_corpus_chart_loads_and_shows_as_helm() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let Some(oracle) = common::oracle(&shared) else {
        return;
    };
    let charts = inputs(&shared);
    let results = common::par_map(&charts, |path| {
        let p = path.to_string_lossy().into_owned();
        let ours = chart::load(path);
        let mut problems = Vec::new();
        for (what, w) in [
            ("chart", ShowWhat::Chart),
            ("values", ShowWhat::Values),
            ("readme", ShowWhat::Readme),
            ("crds", ShowWhat::Crds),
            ("all", ShowWhat::All),
        ] {
            let o = common::run_oracle(&oracle, &["show", what, &p]);
            match (&ours, o.status.success()) {
                (Ok(c), true) => {
                    let mine = show::run(c, w);
                    let theirs = String::from_utf8_lossy(&o.stdout).into_owned();
                    // Helm lists subcharts' CRDs in Go map order (random):
                    // compare the documents as a set where CRDs appear.
                    let norm = |t: &str| {
                        if matches!(w, ShowWhat::Crds | ShowWhat::All) {
                            let mut docs: Vec<&str> = t.split("---\n").collect();
                            docs.sort_unstable();
                            docs.join("---\n")
                        } else {
                            t.to_string()
                        }
                    };
                    if norm(&mine) != norm(&theirs) {
                        problems.push(format!(
                            "show {what} differs\n--- helm\n{theirs}\n--- capstan\n{mine}"
                        ));
                    }
                }
                (Err(e), false) => {
                    let _ = e; // both refuse the chart
                }
                (Ok(_), false) => problems.push(format!(
                    "helm refuses it ({}) but capstan loads it",
                    String::from_utf8_lossy(&o.stderr).trim()
                )),
                (Err(e), true) => problems.push(format!("capstan fails to load it: {e}")),
            }
            if !problems.is_empty() {
                break;
            }
        }
        (p, problems)
    });
    let mut failed = 0;
    for (p, problems) in &results {
        if !problems.is_empty() {
            failed += 1;
            eprintln!("== {p}\n{}", problems.join("\n"));
        }
    }
    eprintln!(
        "corpus load/show: {} charts, {failed} differing",
        results.len()
    );
    assert_eq!(failed, 0, "charts whose load/show differ from Helm's");
}

#[test]
fn packaging_is_reproducible_and_helm_reads_it_back() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let Some(oracle) = common::oracle(&shared) else {
        return;
    };
    let charts: Vec<PathBuf> = common::corpus_charts(&shared)
        .into_iter()
        .filter(|p| chart::load(p).is_ok())
        .collect();
    let tmp = tempfile::tempdir().expect("tempdir");
    let results = common::par_map(&charts, |path| {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let work = tmp.path().join(&name);
        let (a, b, h) = (work.join("a"), work.join("b"), work.join("helm"));
        let mut problems = Vec::new();
        let run = |dest: &Path| {
            package::run(
                path,
                &PackageOptions {
                    destination: Some(dest.to_path_buf()),
                    ..Default::default()
                },
            )
        };
        let (pa, pb) = match (run(&a), run(&b)) {
            (Ok(pa), Ok(pb)) => (pa, pb),
            (Err(e), _) | (_, Err(e)) => return (name, vec![format!("package failed: {e}")]),
        };
        let (da, db) = (
            std::fs::read(&pa).unwrap_or_default(),
            std::fs::read(&pb).unwrap_or_default(),
        );
        if da != db {
            problems.push("two runs gave different bytes".to_string());
        }
        let o = common::run_oracle(
            &oracle,
            &["package", &path.to_string_lossy(), &h.to_string_lossy()],
        );
        if !o.status.success() {
            problems.push(format!(
                "helm package failed: {}",
                String::from_utf8_lossy(&o.stderr)
            ));
            return (name, problems);
        }
        let Some(hfile) = std::fs::read_dir(&h)
            .ok()
            .and_then(|mut d| d.next())
            .and_then(|e| e.ok())
        else {
            return (name, vec!["helm wrote no archive".into()]);
        };
        if hfile.file_name() != pa.file_name().unwrap_or_default() {
            problems.push(format!(
                "file name {:?} vs helm's {:?}",
                pa.file_name(),
                hfile.file_name()
            ));
        }
        let mut ours = common::tgz_entries(&da);
        let mut theirs = common::tgz_entries(&std::fs::read(hfile.path()).unwrap_or_default());
        // Subchart order is not significant in Helm (map order); compare sorted.
        ours.sort();
        theirs.sort();
        let on: Vec<&String> = ours.iter().map(|e| &e.0).collect();
        let tn: Vec<&String> = theirs.iter().map(|e| &e.0).collect();
        if on != tn {
            problems.push(format!("entries differ:\n capstan {on:?}\n helm    {tn:?}"));
        } else {
            for ((n, x), (_, y)) in ours.iter().zip(theirs.iter()) {
                if x != y {
                    problems.push(format!(
                        "{n} differs:\n--- helm\n{}\n--- capstan\n{}",
                        String::from_utf8_lossy(y),
                        String::from_utf8_lossy(x)
                    ));
                }
            }
        }
        // Helm loads our archive and sees the same chart as in its own.
        // (CRDs come in Go map order for subcharts, so they compare as a set.)
        for what in ["chart", "values", "readme", "crds"] {
            let from_ours = common::run_oracle(&oracle, &["show", what, &pa.to_string_lossy()]);
            let from_helm =
                common::run_oracle(&oracle, &["show", what, &hfile.path().to_string_lossy()]);
            let norm = |b: &[u8]| {
                let text = String::from_utf8_lossy(b).into_owned();
                if what == "crds" {
                    let mut docs: Vec<String> = text.split("---\n").map(str::to_string).collect();
                    docs.sort();
                    docs.join("---\n")
                } else {
                    text
                }
            };
            if !from_ours.status.success() || norm(&from_ours.stdout) != norm(&from_helm.stdout) {
                problems.push(format!(
                    "helm reads our archive differently from its own (show {what}): {}",
                    String::from_utf8_lossy(&from_ours.stderr)
                ));
            }
        }
        (name, problems)
    });
    let mut failed = 0;
    for (n, problems) in &results {
        if !problems.is_empty() {
            failed += 1;
            eprintln!("== {n}\n{}", problems.join("\n"));
        }
    }
    eprintln!(
        "corpus package: {} charts, {failed} differing",
        results.len()
    );
    assert_eq!(failed, 0, "charts whose archives differ from Helm's");
}
