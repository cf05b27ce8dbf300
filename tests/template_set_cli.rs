//! `--set` family rendering against the real Helm 4 CLI (`HELM_ORACLE_CLI`,
//! which .ci/run exports): `--set` integers are int64 there, exactly.

mod common;

use std::path::Path;

const CASES: &[(&str, &[&str])] = &[
    (
        "{{ .Values.big }}|{{ typeOf .Values.big }}",
        &["--set", "big=1000000"],
    ),
    (
        "{{ eq .Values.a 1 }}|{{ add .Values.a 1 }}",
        &["--set", "a=1"],
    ),
    (
        "{{ .Values.l }}|{{ toJson .Values.l }}",
        &["--set", "l={a,1,true,null}"],
    ),
    ("{{ .Values.x }}", &["--set", "x[1]=y"]),
    ("{{ toJson .Values }}", &["--set-string", "n=5,b=true"]),
    (
        "{{ toJson .Values }}",
        &["--set-json", "j={\"k\":[1,2.5,\"s\"]}"],
    ),
    ("{{ .Values.lit }}", &["--set-literal", "lit=a,b=c\\d"]),
    (
        "{{ toYaml .Values }}",
        &["--set", "a.b.c=1,a.d=x", "--set", "a.b.e=2"],
    ),
    (
        "{{ .Values.keep }}|{{ .Values.gone }}",
        &["--set", "gone=null"],
    ),
    (
        "{{ printf \"%d %T\" .Values.n .Values.n }}",
        &["--set", "n=42"],
    ),
];

#[test]
fn set_values_render_as_the_helm_cli() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let Some(oracle) = common::oracle(&shared) else {
        return;
    };
    let Some(cli) = std::env::var_os("HELM_ORACLE_CLI") else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true but HELM_ORACLE_CLI is not set: .ci/run must export it");
        }
        eprintln!("skipped: HELM_ORACLE_CLI is not set (tests/cluster/build builds helm)");
        return;
    };
    let _ = cli;
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut bad = 0;
    for (i, (tpl, args)) in CASES.iter().enumerate() {
        let dir = tmp.path().join(format!("c{i}"));
        std::fs::create_dir_all(dir.join("templates")).unwrap();
        std::fs::write(
            dir.join("Chart.yaml"),
            "apiVersion: v2\nname: setc\nversion: 0.1.0\n",
        )
        .unwrap();
        std::fs::write(dir.join("values.yaml"), "keep: 1\ngone: 2\n").unwrap();
        std::fs::write(dir.join("templates/t.yaml"), format!("v: |\n  {tpl}\n")).unwrap();
        let mut oargs = vec!["render".to_string(), dir.to_string_lossy().into_owned()];
        oargs.extend(args.iter().map(|s| s.to_string()));
        let refs: Vec<&str> = oargs.iter().map(String::as_str).collect();
        let o = common::run_oracle(&oracle, &refs);
        let mut opts = capstan::action::template::TemplateOptions::default();
        for pair in args.chunks(2) {
            let v = pair[1].to_string();
            match pair[0] {
                "--set" => opts.values.values.push(v),
                "--set-string" => opts.values.string_values.push(v),
                "--set-json" => opts.values.json_values.push(v),
                "--set-literal" => opts.values.literal_values.push(v),
                other => panic!("{other}"),
            }
        }
        let ours =
            capstan::action::template::run(Path::new(&dir), &opts).map_err(|e| e.to_string());
        let theirs = if o.status.success() {
            Ok(String::from_utf8_lossy(&o.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&o.stderr).into_owned())
        };
        if ours.as_ref().ok() != theirs.as_ref().ok() || ours.is_ok() != theirs.is_ok() {
            bad += 1;
            eprintln!("{tpl} {args:?}\n  helm:    {theirs:?}\n  capstan: {ours:?}");
        }
    }
    assert_eq!(bad, 0);
}
