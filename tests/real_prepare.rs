#![cfg(not(target_arch = "wasm32"))]
//! `metricpress prepare` on the made-up fixtures: byte-identical windows, a manifest that loads
//! to the same data set (from a folder and over HTTP), and MD5 mismatches as errors.

#[path = "support/http_server.rs"]
mod http_server;

use std::path::{Path, PathBuf};
use std::process::Command;

use metricpress::generate::Size;
use metricpress::real::{self, manifest::Manifest};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/westermo")
}

fn prepare(out: &Path) {
    let st = Command::new(env!("CARGO_BIN_EXE_metricpress"))
        .args(["prepare", "--data-dir"])
        .arg(fixtures())
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs");
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
}

#[test]
fn prepared_files_load_to_the_same_data_set() {
    let out = tempfile::tempdir().expect("tempdir");
    prepare(out.path());
    let m = Manifest::parse(
        "manifest.json",
        &std::fs::read(out.path().join("manifest.json")).expect("manifest"),
    )
    .expect("valid");
    assert!(m.attribution.contains("CC-BY-4.0"));
    let small = m.scale("small").expect("small");
    assert_eq!(small.files.len(), 3);
    assert_eq!(small.files[0].rows, 40);
    // byte-identical to the source (the fixtures are shorter than the window)
    let a = std::fs::read(out.path().join("small/system-2.csv")).expect("read");
    assert_eq!(
        a,
        std::fs::read(fixtures().join("system-2.csv")).expect("read")
    );
    for size in [Size::Small, Size::Big] {
        let (want, _) = real::load_dir(&fixtures(), size).expect("source");
        let (got, rep) = real::load_dir(out.path(), size).expect("prepared");
        assert!(rep.manifest);
        got.bit_eq(&want).expect("same data set");
        let srv = http_server::start(out.path().to_path_buf());
        let (web, rep) =
            real::load_url(&format!("{}/range/", srv.url), size, &mut |_, _, _| {}).expect("http");
        assert!(rep.manifest);
        web.bit_eq(&want).expect("same over HTTP");
    }
}

#[test]
fn an_md5_mismatch_is_an_error() {
    let out = tempfile::tempdir().expect("tempdir");
    prepare(out.path());
    let p = out.path().join("small/system-5.csv");
    let mut b = std::fs::read(&p).expect("read");
    let i = b.len() - 3; // last value of the last row: "2\n" -> same size, other digit
    b[i] = if b[i] == b'7' { b'8' } else { b'7' };
    std::fs::write(&p, &b).expect("write");
    let (ds, rep) = real::load_dir(out.path(), Size::Small).expect("the other files load");
    assert_eq!(rep.files.len(), 2);
    assert_eq!(ds.points(), 2 * 40 * 23);
    assert!(
        rep.failures[0].contains("small/system-5.csv") && rep.failures[0].contains("MD5"),
        "{:?}",
        rep.failures
    );
    std::fs::write(&p, &b[..b.len() - 10]).expect("write");
    let (_, rep) = real::load_dir(out.path(), Size::Small).expect("loads");
    assert!(
        rep.failures[0].contains("the manifest says"),
        "{:?}",
        rep.failures
    );
}
