//! The command line: Helm's command shape, environment and refusals.

mod common;

use std::process::Command;

fn capstan() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_capstan"));
    c.env_remove("HELM_NAMESPACE")
        .env_remove("HELM_DRIVER")
        .env_remove("HELM_DEBUG");
    c
}

#[test]
fn version_prints_and_short_form() {
    let o = capstan().arg("version").output().unwrap();
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains(capstan::VERSION), "{s}");
    let o = capstan().args(["version", "--short"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("v{}", capstan::VERSION)
    );
}

#[test]
fn env_honours_helm_variables() {
    let tmp = tempfile::tempdir().unwrap();
    let o = capstan()
        .arg("env")
        .env("HELM_CACHE_HOME", tmp.path().join("c"))
        .env("HELM_CONFIG_HOME", tmp.path().join("cfg"))
        .env("HELM_DATA_HOME", tmp.path().join("d"))
        .env("HELM_NAMESPACE", "team-a")
        .env("HELM_DRIVER", "configmap")
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(
        s.contains(&format!(
            "HELM_CACHE_HOME=\"{}\"",
            tmp.path().join("c").display()
        )),
        "{s}"
    );
    assert!(s.contains(&format!(
        "HELM_REPOSITORY_CONFIG=\"{}\"",
        tmp.path().join("cfg/repositories.yaml").display()
    )));
    assert!(s.contains("HELM_NAMESPACE=\"team-a\""));
    assert!(s.contains("HELM_DRIVER=\"configmap\""));
    // The flag wins over the environment, and a single variable can be asked for.
    let o = capstan()
        .args(["env", "HELM_NAMESPACE", "-n", "team-b"])
        .env("HELM_NAMESPACE", "team-a")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), "team-b\n");
}

#[test]
fn xdg_folders_are_used_when_helm_ones_are_unset() {
    let o = capstan()
        .arg("env")
        .env_remove("HELM_CACHE_HOME")
        .env("XDG_CACHE_HOME", "/x/cache")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("HELM_CACHE_HOME=\"/x/cache/helm\""));
}

#[test]
fn completion_scripts_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let o = capstan().args(["completion", shell]).output().unwrap();
        assert!(o.status.success(), "{shell}");
        let s = String::from_utf8_lossy(&o.stdout);
        assert!(s.contains("capstan"), "{shell}");
        assert!(s.contains("package"), "{shell} lists subcommands");
    }
}

#[test]
fn unbuilt_commands_refuse_clearly() {
    for cmd in [
        &["dependency", "build", "./c"][..],
        &["search", "repo", "x"],
        &["repo", "add", "a", "https://example.invalid"],
        &["pull", "repo/chart"],
    ] {
        let o = capstan().args(cmd).output().unwrap();
        assert!(!o.status.success(), "{cmd:?} must exit non-zero");
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(e.contains("not available yet"), "{cmd:?}: {e}");
    }
}

#[test]
fn unknown_flags_are_errors() {
    let o = capstan()
        .args(["package", "--no-such-flag", "x"])
        .output()
        .unwrap();
    assert!(!o.status.success());
}

#[test]
fn global_flags_are_accepted_anywhere() {
    let o = capstan()
        .args([
            "--kube-context",
            "ctx",
            "env",
            "--kubeconfig",
            "/k",
            "-n",
            "ns",
            "--debug",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("HELM_KUBECONTEXT=\"ctx\""));
    assert!(s.contains("HELM_NAMESPACE=\"ns\""));
    assert!(s.contains("HELM_DEBUG=\"true\""));
}

#[test]
fn create_lint_package_show_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let chart = tmp.path().join("mychart");
    let o = capstan().arg("create").arg(&chart).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in [
        "Chart.yaml",
        "values.yaml",
        ".helmignore",
        "templates/NOTES.txt",
        "templates/_helpers.tpl",
        "templates/deployment.yaml",
        "templates/service.yaml",
        "templates/serviceaccount.yaml",
        "templates/hpa.yaml",
        "templates/ingress.yaml",
        "templates/httproute.yaml",
        "templates/tests/test-connection.yaml",
    ] {
        assert!(chart.join(f).is_file(), "{f} missing");
    }
    assert!(chart.join("charts").is_dir());
    let deploy = std::fs::read_to_string(chart.join("templates/deployment.yaml")).unwrap();
    assert!(deploy.contains("mychart.fullname") && !deploy.contains("<CHARTNAME>"));

    let o = capstan()
        .arg("lint")
        .arg(&chart)
        .arg("--strict")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("[INFO] Chart.yaml: icon is recommended"), "{s}");
    assert!(s.ends_with("1 chart(s) linted, 0 chart(s) failed\n"), "{s}");

    let out = tmp.path().join("out");
    let o = capstan()
        .arg("package")
        .arg(&chart)
        .arg("-d")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let archive = out.join("mychart-0.1.0.tgz");
    assert!(archive.is_file());
    let o = capstan()
        .args(["show", "chart"])
        .arg(&archive)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "apiVersion: v2\nappVersion: 1.16.0\ndescription: A Helm chart for Kubernetes\nname: mychart\ntype: application\nversion: 0.1.0\n\n"
    );

    // The oracle renders and lints the scaffold, when it is available.
    if let Some(shared) = common::shared_dir()
        && let Some(oracle) = common::oracle(&shared)
    {
        let r = common::run_oracle(&oracle, &["render", &chart.to_string_lossy()]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let text = String::from_utf8_lossy(&r.stdout);
        for kind in [
            "kind: ServiceAccount",
            "kind: Service",
            "kind: Deployment",
            "kind: Pod",
        ] {
            assert!(text.contains(kind), "scaffold renders {kind}");
        }
        let l = common::run_oracle(&oracle, &["lint", &chart.to_string_lossy(), "--strict"]);
        assert!(l.status.success(), "{}", String::from_utf8_lossy(&l.stdout));
    }
}

#[test]
fn create_refuses_bad_names_and_files_in_the_way() {
    let tmp = tempfile::tempdir().unwrap();
    let o = capstan()
        .arg("create")
        .arg(tmp.path().join("bad/name!"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    std::fs::write(tmp.path().join("taken"), "x").unwrap();
    let o = capstan()
        .arg("create")
        .arg(tmp.path().join("taken"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists and is not a directory"));
}

#[test]
fn create_from_a_starter() {
    let tmp = tempfile::tempdir().unwrap();
    let starters = tmp.path().join("data/starters/mystarter");
    std::fs::create_dir_all(starters.join("templates")).unwrap();
    std::fs::write(
        starters.join("Chart.yaml"),
        "apiVersion: v2\nname: mystarter\nversion: 1.0.0\n",
    )
    .unwrap();
    std::fs::write(starters.join("values.yaml"), "name: <CHARTNAME>\n").unwrap();
    std::fs::write(
        starters.join("templates/cm.yaml"),
        "kind: ConfigMap\nmetadata:\n  name: <CHARTNAME>-cm\n",
    )
    .unwrap();
    let o = capstan()
        .current_dir(tmp.path())
        .env("HELM_DATA_HOME", tmp.path().join("data"))
        .args(["create", "newchart", "--starter", "mystarter"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let c = tmp.path().join("newchart");
    assert_eq!(
        std::fs::read_to_string(c.join("values.yaml")).unwrap(),
        "name: newchart\n"
    );
    assert!(
        std::fs::read_to_string(c.join("templates/cm.yaml"))
            .unwrap()
            .contains("newchart-cm")
    );
    let cy = std::fs::read_to_string(c.join("Chart.yaml")).unwrap();
    assert!(
        cy.contains("name: newchart") && cy.contains("apiVersion: v2"),
        "{cy}"
    );
}

#[test]
fn package_is_reproducible_and_honours_overrides() {
    let tmp = tempfile::tempdir().unwrap();
    let chart = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("charts/webapp");
    let run = |dir: &str| {
        let o = capstan()
            .arg("package")
            .arg(&chart)
            .args(["--version", "1.2.3", "--app-version", "9.9"])
            .arg("-d")
            .arg(tmp.path().join(dir))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read(tmp.path().join(dir).join("webapp-1.2.3.tgz")).unwrap()
    };
    let a = run("a");
    let b = run("b");
    assert_eq!(a, b, "same chart, same bytes");
    let entries = common::tgz_entries(&a);
    let chart_yaml = &entries
        .iter()
        .find(|(n, _)| n == "webapp/Chart.yaml")
        .unwrap()
        .1;
    let text = String::from_utf8_lossy(chart_yaml);
    assert!(
        text.contains("version: 1.2.3") && text.contains("appVersion: \"9.9\""),
        "{text}"
    );
    assert!(
        entries
            .iter()
            .any(|(n, _)| n == "webapp/charts/redis-lite/Chart.yaml")
    );
    // A bad version is refused and nothing is written.
    let o = capstan()
        .arg("package")
        .arg(&chart)
        .args(["--version", "not-semver", "-d"])
        .arg(tmp.path().join("c"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        !tmp.path().join("c").exists()
            || std::fs::read_dir(tmp.path().join("c"))
                .unwrap()
                .next()
                .is_none()
    );
}

#[test]
fn source_date_epoch_pins_entry_times() {
    let tmp = tempfile::tempdir().unwrap();
    let chart = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("charts/webapp");
    let o = capstan()
        .arg("package")
        .arg(&chart)
        .arg("-d")
        .arg(tmp.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(o.status.success());
    let data = std::fs::read(tmp.path().join("webapp-0.1.0.tgz")).unwrap();
    let gz = flate2::read::GzDecoder::new(&data[..]);
    let mut ar = tar::Archive::new(gz);
    for e in ar.entries().unwrap() {
        let e = e.unwrap();
        assert_eq!(e.header().mtime().unwrap(), 1_700_000_000);
        assert_eq!(e.header().mode().unwrap(), 0o644);
    }
}

#[test]
fn schema_error_wins_over_a_render_error() {
    // Helm validates values before rendering; capstan checks the schema
    // beside the rendering and must still report the schema first.
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("web");
    std::fs::create_dir_all(c.join("templates")).unwrap();
    std::fs::write(
        c.join("Chart.yaml"),
        "apiVersion: v2\nname: web\nversion: 0.1.0\n",
    )
    .unwrap();
    std::fs::write(c.join("values.yaml"), "replicas: many\n").unwrap();
    std::fs::write(
        c.join("values.schema.json"),
        r#"{"type":"object","properties":{"replicas":{"type":"integer"}}}"#,
    )
    .unwrap();
    std::fs::write(c.join("templates/cm.yaml"), "{{ fail \"boom\" }}\n").unwrap();
    let o = capstan().args(["template", "x"]).arg(&c).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("values don't meet the specifications of the schema(s)"),
        "{err}"
    );
    assert!(err.contains("- at '/replicas'"), "{err}");
    assert!(!err.contains("boom"), "{err}");
    // Without the check the template's own failure shows.
    let o = capstan()
        .args(["template", "x", "--skip-schema-validation"])
        .arg(&c)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("boom"));
    // Valid values render, with the check running.
    std::fs::write(c.join("values.yaml"), "replicas: 2\n").unwrap();
    std::fs::write(
        c.join("templates/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n\ndata:\n  r: {{ .Values.replicas | quote }}\n",
    )
    .unwrap();
    let o = capstan().args(["template", "x"]).arg(&c).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("r: \"2\""));
}
