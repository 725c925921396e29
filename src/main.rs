//! The `metricpress` binary: the CLI natively; in wasm32 (built by Trunk) the page's entry point.

// When compiling natively:
#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    metricpress::cli::main()
}

// When compiling to the web with Trunk:
#[cfg(target_arch = "wasm32")]
fn main() {
    metricpress::web::start();
}
