#![cfg(not(target_arch = "wasm32"))]
//! `--generator real` through the CLI and the data-set cache, on made-up fixtures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/westermo")
}

fn generate(data: &Path, cache: &Path) -> (Output, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_metricpress"))
        .args(["generate", "-g", "real", "--json", "-", "--data-dir"])
        .arg(data)
        .arg("--cache-dir")
        .arg(cache)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out, json, stderr)
}

#[test]
fn cache_hit_miss_and_changed_files() {
    let data = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    for n in ["system-2.csv", "system-5.csv", "system-10.csv"] {
        std::fs::copy(fixtures().join(n), data.path().join(n)).expect("copy");
    }
    let (out, first, err) = generate(data.path(), cache.path());
    assert!(out.status.success(), "{err}");
    assert_eq!(first["cache"], "miss");
    assert_eq!(first["seed"], serde_json::Value::Null);
    assert!(err.contains("system-5.csv: 40 rows, 23 metrics"), "{err}");
    assert!(err.contains("CC-BY-4.0"), "{err}");
    let (_, second, err) = generate(data.path(), cache.path());
    assert_eq!(second["cache"], "hit");
    assert_eq!(second["digest"], first["digest"]);
    assert!(err.contains("(cached)   system-5.csv: 40 rows"), "{err}");
    // a changed file (other size) is a new key: loaded again, new digest
    let p = data.path().join("system-5.csv");
    let text = std::fs::read_to_string(&p).expect("read");
    let cut: Vec<&str> = text.lines().take(30).collect();
    std::fs::write(&p, cut.join("\n") + "\n").expect("write");
    let (_, third, _) = generate(data.path(), cache.path());
    assert_eq!(third["cache"], "miss");
    assert_ne!(third["digest"], first["digest"]);
    assert_eq!(third["points"], (40 + 29 + 40) * 23);
}

#[test]
fn a_load_with_a_failed_file_is_not_cached() {
    let data = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        fixtures().join("system-2.csv"),
        data.path().join("system-2.csv"),
    )
    .expect("cp");
    std::fs::write(data.path().join("system-5.csv"), "timestamp;load-1m\n0;1\n").expect("write");
    let (out, json, err) = generate(data.path(), cache.path());
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("FAILED") && err.contains("system-5.csv"),
        "{err}"
    );
    assert!(err.contains("not cached"), "{err}");
    assert_eq!(json["points"], 40 * 23);
    let (_, again, _) = generate(data.path(), cache.path());
    assert_eq!(again["cache"], "miss");
}

#[test]
fn usage_errors() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_metricpress"))
            .args(args)
            .output()
            .expect("runs")
    };
    let o = run(&["generate", "-g", "real"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--data-dir"));
    let o = run(&["generate", "-g", "synthetic", "--data-dir", "x"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["generate", "-g", "bogus"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("synthetic, random or real"));
}
