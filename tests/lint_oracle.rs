//! `capstan lint` against the real Helm engine on every corpus chart: the
//! same messages, levels and verdicts.

mod common;

use capstan::action::lint::{self, LintOptions};

#[test]
fn lint_matches_helm_on_the_corpus() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let Some(oracle) = common::oracle(&shared) else {
        return;
    };
    let charts = common::corpus_charts(&shared);
    let results = common::par_map(&charts, |path| {
        if path.ends_with("helm-tgz") {
            return (String::new(), None);
        }
        let p = path.to_string_lossy().into_owned();
        let ours = lint::run(path, &LintOptions::default());
        let (mut text, err, failed) = lint::format_text(&ours, false);
        if failed {
            text.push_str(&err);
        }
        let o = common::run_oracle(&oracle, &["lint", &p]);
        let mut theirs = String::from_utf8_lossy(&o.stdout).into_owned();
        theirs.push_str(&String::from_utf8_lossy(&o.stderr));
        // Helm's library logs warnings with a timestamp prefix; they are not lint output.
        let theirs: String = theirs
            .lines()
            .filter(|l| !l.starts_with("20"))
            .map(|l| format!("{l}\n"))
            .collect();
        let ok = theirs == text && o.status.success() != failed;
        (
            p,
            (!ok).then(|| format!("--- helm\n{theirs}--- capstan\n{text}")),
        )
    });
    let bad: Vec<_> = results.iter().filter(|(_, d)| d.is_some()).collect();
    for (p, d) in &bad {
        eprintln!("== {p}\n{}", d.as_deref().unwrap_or_default());
    }
    eprintln!("lint: {} charts, {} differing", results.len(), bad.len());
    assert!(bad.is_empty());
}
