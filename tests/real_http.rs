#![cfg(not(target_arch = "wasm32"))]
//! Real mode over HTTP: made-up fixtures served by a server the test starts on 127.0.0.1, loaded
//! through `real::load_url` and through the CLI's `--base-url`.

#[path = "support/http_server.rs"]
mod http_server;

use std::path::{Path, PathBuf};
use std::process::Command;

use metricpress::generate::Size;
use metricpress::real::{self, scale};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/westermo")
}

/// A folder with the fixtures plus a long `system-5.csv` (2,000 rows, made up).
fn root() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for n in ["system-2.csv", "system-8.csv", "system-10.csv"] {
        std::fs::copy(fixtures().join(n), dir.path().join(n)).expect("copy");
    }
    let text = std::fs::read_to_string(fixtures().join("system-5.csv")).expect("read");
    let mut lines = text.lines();
    let mut out = format!("{}\n", lines.next().expect("header"));
    let rows: Vec<&str> = lines.collect();
    for i in 0..2000 {
        let r = rows[i % rows.len()];
        out += &format!("{}{}\n", i * 30, &r[r.find(',').expect("comma")..]);
    }
    std::fs::write(dir.path().join("system-5.csv"), out).expect("write");
    dir
}

fn noop(_: usize, _: usize, _: &str) {}

#[test]
fn range_requests_fetch_only_the_window_and_match_the_folder() {
    let dir = root();
    let srv = http_server::start(dir.path().to_path_buf());
    let (ds, rep) =
        real::load_url(&format!("{}/range/", srv.url), Size::Small, &mut noop).expect("loads");
    let (want, _) = real::load_dir(dir.path(), Size::Small).expect("loads");
    ds.bit_eq(&want)
        .expect("same data over HTTP as from the folder");
    assert_eq!(rep.files[1].rows_loaded, scale::SMALL_ROWS);
    assert!(rep.failures.is_empty() && rep.notes.is_empty(), "{rep:?}");
    let log = srv.log.lock().expect("log").clone();
    assert!(log
        .iter()
        .any(|l| l.starts_with("GET /range/manifest.json")));
    let sys5: Vec<&String> = log.iter().filter(|l| l.contains("system-5.csv")).collect();
    assert!(
        !sys5.is_empty() && sys5.iter().all(|l| l.contains("bytes=")),
        "{log:?}"
    );
    // only about the window was asked for, not the ~400 KB file
    let size5 = std::fs::metadata(dir.path().join("system-5.csv"))
        .expect("md")
        .len();
    let asked: u64 = sys5
        .iter()
        .filter_map(|l| {
            let (a, b) = l.rsplit_once("bytes=")?.1.split_once('-')?;
            Some(b.parse::<u64>().ok()? - a.parse::<u64>().ok()? + 1)
        })
        .sum();
    assert!(asked < size5 / 2, "asked {asked} of {size5}");
}

#[test]
fn a_server_without_range_support_sends_whole_files() {
    let dir = root();
    let srv = http_server::start(dir.path().to_path_buf());
    let (ds, rep) =
        real::load_url(&format!("{}/plain/", srv.url), Size::Small, &mut noop).expect("loads");
    let (want, _) = real::load_dir(dir.path(), Size::Small).expect("loads");
    ds.bit_eq(&want).expect("same data");
    assert!(
        rep.notes.iter().any(|n| n.contains("ignores Range")),
        "{rep:?}"
    );
}

#[test]
fn http_failures_are_reported_per_file() {
    let dir = root();
    let srv = http_server::start(dir.path().to_path_buf());
    std::fs::remove_file(dir.path().join("system-10.csv")).expect("rm");
    let (ds, rep) =
        real::load_url(&format!("{}/range", srv.url), Size::Small, &mut noop).expect("loads");
    assert_eq!(rep.files.len(), 2);
    assert_eq!(ds.points(), 40 * 23 + scale::SMALL_ROWS * 23);
    assert!(
        rep.failures[0].contains("/range/system-10.csv: HTTP 404 Not Found"),
        "{:?}",
        rep.failures
    );
    for (mode, want) in [
        ("status500", "HTTP 500 Internal Server Error"),
        ("html", "looks like an HTML page"),
    ] {
        if mode == "html" {
            // an HTML answer for manifest.json (single-page-app servers) means "no manifest"
            std::fs::write(dir.path().join("manifest.json"), "{}").expect("write");
        }
        let e = real::load_url(&format!("{}/{mode}/", srv.url), Size::Small, &mut noop)
            .expect_err(mode)
            .to_string();
        assert!(
            e.contains(want) && e.contains("system-2.csv"),
            "{mode}: {e}"
        );
    }
    let e = real::load_url(&format!("{}/range/", srv.url), Size::Small, &mut noop)
        .expect_err("bad manifest")
        .to_string();
    assert!(
        e.contains("manifest.json") && e.contains("not a manifest"),
        "{e}"
    );
}

#[test]
fn a_cut_download_keeps_what_arrived() {
    let dir = root();
    let srv = http_server::start(dir.path().to_path_buf());
    let (_, rep) =
        real::load_url(&format!("{}/cut/", srv.url), Size::Huge, &mut noop).expect("loads");
    let f = rep
        .files
        .iter()
        .find(|f| f.host == "system-2")
        .expect("system-2");
    assert!(f.rows_loaded > 5 && f.rows_loaded < 40, "{f:?}");
    assert!(f.truncated_last_line);
    assert!(
        rep.notes.iter().any(|n| n.contains("download cut")),
        "{rep:?}"
    );
    // systems that do not exist on the server are 404s, not a failure of the whole load
    assert!(rep
        .failures
        .iter()
        .any(|f| f.contains("system-1.csv: HTTP 404")));
}

#[test]
fn connection_refused_names_the_url() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    }; // closed again: nothing listens there now
    let e = real::load_url(&format!("http://127.0.0.1:{port}/"), Size::Small, &mut noop)
        .expect_err("refused")
        .to_string();
    assert!(
        e.contains(&format!("127.0.0.1:{port}/manifest.json")),
        "{e}"
    );
    assert!(e.contains("request failed"), "{e}");
    let e = real::load_url("https://example.org/", Size::Small, &mut noop).expect_err("tls");
    assert!(e.to_string().contains("only http://"));
}

#[test]
fn the_cli_loads_through_base_url() {
    let dir = root();
    let srv = http_server::start(dir.path().to_path_buf());
    let out = Command::new(env!("CARGO_BIN_EXE_metricpress"))
        .args([
            "generate",
            "--generator",
            "real",
            "--no-cache",
            "--json",
            "-",
        ])
        .args(["--base-url", &format!("{}/range/", srv.url)])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(json["generator"], "real");
    assert_eq!(json["points"], 40 * 23 * 2 + 720 * 23);
    assert!(stderr.contains("CC-BY-4.0"), "{stderr}");
    assert!(
        stderr.contains("system-5.csv: 720 rows, 23 metrics (window)"),
        "{stderr}"
    );
}
