// A faster allocator: rendering builds and drops many small strings and maps.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(capstan::cli::main());
}
