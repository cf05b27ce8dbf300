// A faster allocator: rendering builds and drops many small strings and maps.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (the Rust bindings
/// predate it); its default is 1000 (ms).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // Freed memory stays with the process instead of being handed back to
    // the OS page by page (mimalloc purges everything at exit, whatever the
    // delay): a command lives seconds and the kernel reclaims it all at exit
    // anyway. Saves about a twentieth of the time of rendering a chart.
    // Only when the option holds mimalloc's default (not a version with
    // another layout, not a MIMALLOC_PURGE_DELAY from the environment).
    // SAFETY: plain integer getters/setters of mimalloc's option table.
    unsafe {
        if libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) == 1000 {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        }
    }
    std::process::exit(capstan::cli::main());
}
