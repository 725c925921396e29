//! The CLI as a user meets it: JSON keys, cache hit on the second run, clear errors for bad
//! arguments.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::metricpress;

#[test]
fn generate_json_has_the_promised_keys_and_caches() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = dir.path().to_str().expect("utf-8 path");
    let args = [
        "generate",
        "--generator",
        "synthetic",
        "--size",
        "small",
        "--json",
        "-",
        "--cache-dir",
        cache,
    ];
    let out = metricpress(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    for key in [
        "generator",
        "size",
        "seed",
        "points",
        "series",
        "span_seconds",
        "regular_interval_share",
        "zero_dod_share",
        "digest",
        "cache",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(v["cache"], "miss");
    assert_eq!(v["seed"], 42);
    assert_eq!(v["points"], 50_000);
    let again = metricpress(&args);
    let w: serde_json::Value = serde_json::from_slice(&again.stdout).expect("JSON");
    assert_eq!(w["cache"], "hit");
    assert_eq!(w["digest"], v["digest"]);
    let off = metricpress(&["generate", "--no-cache", "--json", "-"]);
    let o: serde_json::Value = serde_json::from_slice(&off.stdout).expect("JSON");
    assert_eq!(o["cache"], "off");
    assert_eq!(o["digest"], v["digest"]);
}

#[test]
fn bad_arguments_exit_non_zero_with_a_clear_message() {
    for (args, needle) in [
        (vec!["generate", "--size", "medium"], "unknown size"),
        (vec!["generate", "--generator", "nope"], "unknown generator"),
        (vec!["generate", "--seed", "x1"], "invalid value"),
        (vec!["run", "--zstd-level", "30"], "zstd-level"),
        (vec!["frobnicate"], "frobnicate"),
    ] {
        let out = metricpress(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
