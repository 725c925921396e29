//! `metricpress run --input FILE.ndjson`: imports point records and runs the ladder on them; a
//! malformed line is reported with its line number and a non-zero exit.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

const GOOD: &str = concat!(
    "{\"timestamp\":1735689600,\"metric_name\":\"cpu_usage_percent\",\"value\":12.5,\"labels\":{\"region\":\"eu\",\"host\":\"a\"}}\n",
    "{\"timestamp\":1735689600,\"metric_name\":\"queue_size\",\"value\":3,\"labels\":{\"host\":\"a\"}}\n",
    "{\"timestamp\":1735689615,\"metric_name\":\"cpu_usage_percent\",\"value\":13,\"labels\":{\"host\":\"a\",\"region\":\"eu\"}}\n",
);

fn run(text: &str, extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("in.ndjson");
    std::fs::write(&path, text).expect("writes");
    Command::new(env!("CARGO_BIN_EXE_metricpress"))
        .arg("run")
        .arg("--input")
        .arg(&path)
        .args(extra)
        .output()
        .expect("runs")
}

#[test]
fn imports_and_runs_the_ladder() {
    let out = run(GOOD, &["--zstd-level", "3", "--json", "-", "-q"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rep: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(rep["dataset"]["generator"], "import");
    assert_eq!(rep["dataset"]["size"], "file");
    assert_eq!(rep["dataset"]["points"], 3);
    assert_eq!(rep["dataset"]["series"], 2);
    let rungs = rep["rungs"].as_array().expect("rungs");
    assert!(rungs.iter().any(|r| r["name"] == "ndjson"));
    assert!(rungs.iter().all(|r| r["verified"] == true), "{rungs:?}");
}

#[test]
fn a_malformed_line_is_reported_by_number() {
    let bad = format!("{GOOD}\n{{\"timestamp\":1735689630,\"metric_name\":\"m\",\"value\":tru,\"labels\":{{}}}}\n");
    let out = run(&bad, &["-q"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in.ndjson, line 5:"), "{err}");
    assert!(err.contains("column"), "{err}");
}

#[test]
fn a_missing_field_is_reported_by_number() {
    let bad = format!("{GOOD}{{\"timestamp\":1,\"metric_name\":\"m\",\"labels\":{{}}}}\n");
    let out = run(&bad, &["-q"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 4:") && err.contains("value"), "{err}");
}
