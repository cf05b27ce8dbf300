//! Interrupting a release operation: the first SIGINT/SIGTERM sets a flag
//! that waits and applies check, so the action ends by marking the release
//! failed (and rolling back with `--atomic`) instead of leaving it pending;
//! a second signal exits at once.

use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use super::KubeError;

static CANCELLED: AtomicBool = AtomicBool::new(false);
static INSTALL: Once = Once::new();

/// Whether the operation was interrupted.
pub fn is_cancelled() -> bool {
    CANCELLED.load(Ordering::SeqCst)
}

/// `Err(Cancelled)` once interrupted.
pub fn check() -> Result<(), KubeError> {
    if is_cancelled() {
        Err(KubeError::Cancelled)
    } else {
        Ok(())
    }
}

/// Clears the flag so compensating work (`--atomic` rollback or uninstall)
/// can run after an interruption; a further signal still exits.
pub fn reset() {
    CANCELLED.store(false, Ordering::SeqCst);
}

/// Catches SIGINT and SIGTERM for the rest of the process; `on_first` runs
/// at the first signal (e.g. to print "Release x has been cancelled.").
pub fn install_handler(on_first: impl Fn() + Send + 'static) {
    INSTALL.call_once(move || {
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                rt.block_on(async move {
                    use tokio::signal::unix::{SignalKind, signal};
                    let (Ok(mut int), Ok(mut term)) = (
                        signal(SignalKind::interrupt()),
                        signal(SignalKind::terminate()),
                    ) else {
                        return;
                    };
                    let mut seen = false;
                    loop {
                        tokio::select! {
                            _ = int.recv() => {},
                            _ = term.recv() => {},
                        }
                        if seen {
                            std::process::exit(130);
                        }
                        seen = true;
                        CANCELLED.store(true, Ordering::SeqCst);
                        on_first();
                    }
                });
            });
        let _ = spawned;
    });
}

#[cfg(test)]
pub(crate) fn set_for_test(v: bool) {
    CANCELLED.store(v, Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_reports_and_resets() {
        set_for_test(true);
        assert!(matches!(check(), Err(KubeError::Cancelled)));
        assert_eq!(
            KubeError::Cancelled.to_string(),
            "operation cancelled (interrupted by signal)"
        );
        reset();
        assert!(check().is_ok());
    }
}
