//! Shared by the native integration tests: run the `metricpress` binary the way a user would.

use std::process::{Command, Output};

/// Runs `metricpress ARGS` and returns its output.
pub fn metricpress(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_metricpress"))
        .args(args)
        .output()
        .expect("runs")
}

/// Runs `metricpress ARGS`, which must succeed and print JSON on stdout, and parses that JSON.
#[allow(dead_code)] // not every test binary that includes this module uses it
pub fn metricpress_json(args: &[&str]) -> serde_json::Value {
    let out = metricpress(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}
