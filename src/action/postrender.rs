//! `--post-renderer`: an executable that receives the rendered manifests on
//! stdin and prints the manifests to install (Helm 3's contract, which
//! kustomize wrappers and similar tools are written for). Hooks are not
//! passed through it, as in Helm 3. Helm 4 runs post-renderers as plugins;
//! plugins are not part of capstan yet (docs/decisions.md).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::config::{ActionError, Result};

#[derive(Clone, Debug)]
pub struct PostRenderer {
    path: PathBuf,
    args: Vec<String>,
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.is_file()
        && std::fs::metadata(p)
            .map(|m| m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
}

impl PostRenderer {
    /// Finds `binary`: a path (relative to the working directory) when it
    /// contains a `/`, else a name looked up in `$PATH`.
    pub fn new(binary: &str, args: Vec<String>) -> Result<PostRenderer> {
        let not_found = |why: &str| {
            ActionError::new(format!(
                "unable to find binary at {binary}: {why} (give the path of an executable, or a program name on PATH)"
            ))
        };
        let path = if binary.contains('/') {
            let p = std::path::absolute(binary).map_err(|e| not_found(&e.to_string()))?;
            if !is_executable(&p) {
                return Err(not_found("not an executable file"));
            }
            p
        } else {
            std::env::var_os("PATH")
                .and_then(|paths| {
                    std::env::split_paths(&paths)
                        .map(|d| d.join(binary))
                        .find(|p| is_executable(p))
                })
                .ok_or_else(|| not_found("executable file not found in $PATH"))?
        };
        Ok(PostRenderer { path, args })
    }

    /// Runs the program on `manifests`; its standard output is the result.
    pub fn run(&self, manifests: &str) -> Result<String> {
        let shown = self.path.display();
        let mut child = Command::new(&self.path)
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| ActionError::new(format!("error while running command {shown}: {e}")))?;
        let input = manifests.as_bytes().to_vec();
        let mut stdin = child.stdin.take();
        let writer = std::thread::spawn(move || {
            if let Some(s) = stdin.as_mut() {
                let _ = s.write_all(&input);
            }
        });
        let out = child
            .wait_with_output()
            .map_err(|e| ActionError::new(format!("error while running command {shown}: {e}")))?;
        let _ = writer.join();
        if !out.status.success() {
            return Err(ActionError::new(format!(
                "error while running command {shown}. error output:\n{}: {}",
                String::from_utf8_lossy(&out.stderr),
                out.status
            )));
        }
        String::from_utf8(out.stdout).map_err(|_| {
            ActionError::new(format!(
                "error while running command {shown}: its output is not UTF-8 text"
            ))
        })
    }
}

/// Applies `pr` to a release manifest (Helm: "error while running post
/// render on files").
pub fn apply(pr: Option<&PostRenderer>, manifest: String) -> Result<String> {
    match pr {
        None => Ok(manifest),
        Some(pr) => pr
            .run(&manifest)
            .map_err(|e| e.context("error while running post render on files")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(dir: &Path, name: &str, body: &str) -> String {
        use std::os::unix::fs::PermissionsExt;
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p.display().to_string()
    }

    #[test]
    fn runs_the_program_on_the_manifests() {
        let d = tempfile::tempdir().unwrap();
        let p = script(d.path(), "pr", "#!/bin/sh\nsed \"s/a: 1/a: $1/\"\n");
        let pr = PostRenderer::new(&p, vec!["2".into()]).unwrap();
        assert_eq!(
            apply(Some(&pr), "---\na: 1\n".into()).unwrap(),
            "---\na: 2\n"
        );
        assert_eq!(apply(None, "x".into()).unwrap(), "x");
    }

    #[test]
    fn failures_name_the_program_and_its_stderr() {
        let d = tempfile::tempdir().unwrap();
        let p = script(d.path(), "bad", "#!/bin/sh\necho boom >&2\nexit 3\n");
        let pr = PostRenderer::new(&p, vec![]).unwrap();
        let e = apply(Some(&pr), "a: 1\n".into()).unwrap_err().to_string();
        assert!(
            e.starts_with("error while running post render on files: error while running command"),
            "{e}"
        );
        assert!(e.contains("boom"), "{e}");
        let e = PostRenderer::new("./no-such-renderer", vec![])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("unable to find binary at ./no-such-renderer"),
            "{e}"
        );
        let e = PostRenderer::new("no-such-renderer-on-path", vec![])
            .unwrap_err()
            .to_string();
        assert!(e.contains("not found in $PATH"), "{e}");
    }
}
