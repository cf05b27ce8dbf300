//! The template engine against the real Helm engine, one template at a
//! time (tests/data/engine_cases.txt): outputs, and errors as Helm words
//! them, must be identical.

mod common;

use std::path::Path;

fn render_ours(chart: &Path) -> Result<String, String> {
    let opts = capstan::action::template::TemplateOptions {
        release_name: Some("rel".into()),
        namespace: "ns".into(),
        ..Default::default()
    };
    capstan::action::template::run(chart, &opts).map_err(|e| {
        if e.is_render_failure() {
            format!("Error: {e}\n\nUse --debug flag to render out invalid YAML")
        } else {
            format!("Error: {e}")
        }
    })
}

#[test]
fn templates_render_exactly_as_helm() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let Some(oracle) = common::oracle(&shared) else {
        return;
    };
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let cases = std::fs::read_to_string(data.join("engine_cases.txt")).expect("cases");
    let values = std::fs::read_to_string(data.join("engine_values.yaml")).expect("values");
    let tmp = tempfile::tempdir().expect("tempdir");
    let list: Vec<(usize, String)> = cases
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.replace("\\n", "\n")))
        .collect();
    let results = common::par_map(&list, |(line, tpl)| {
        let dir = tmp.path().join(format!("c{line}"));
        std::fs::create_dir_all(dir.join("templates")).unwrap();
        std::fs::create_dir_all(dir.join("files")).unwrap();
        std::fs::write(
            dir.join("Chart.yaml"),
            "apiVersion: v2\nname: eng\nversion: 0.1.0\n",
        )
        .unwrap();
        std::fs::write(dir.join("values.yaml"), &values).unwrap();
        std::fs::write(dir.join("files/a.txt"), "line1\nline2\n").unwrap();
        std::fs::write(dir.join("files/b.yaml"), "k: v\n").unwrap();
        // A comment line keeps every output a valid YAML document.
        std::fs::write(dir.join("templates/t.yaml"), format!("# {tpl}\n")).unwrap();
        let ours = render_ours(&dir);
        let o = common::run_oracle(
            &oracle,
            &[
                "render",
                &dir.to_string_lossy(),
                "--name",
                "rel",
                "--namespace",
                "ns",
            ],
        );
        let theirs = if o.status.success() {
            Ok(String::from_utf8_lossy(&o.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&o.stderr).trim().to_string())
        };
        // Normalise the temp path in messages.
        let norm = |s: String| s.replace(&dir.to_string_lossy().into_owned(), "CHART");
        let ours = ours.map(norm).map_err(norm);
        let theirs = theirs.map(norm).map_err(norm);
        (*line, tpl.clone(), ours, theirs)
    });
    let mut bad = 0;
    for (line, tpl, ours, theirs) in &results {
        if ours != theirs {
            bad += 1;
            eprintln!("line {line}: {tpl}\n  helm:    {theirs:?}\n  capstan: {ours:?}");
        }
    }
    eprintln!("engine cases: {} total, {bad} differing", results.len());
    assert_eq!(bad, 0);
}
