#![cfg(not(target_arch = "wasm32"))]
//! Loading scales from a folder of made-up Westermo-format fixtures (never the real data).

use std::path::{Path, PathBuf};

use metricpress::generate::Size;
use metricpress::real::{self, scale};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/westermo")
}

fn copy_fixtures(to: &Path, names: &[&str]) {
    for n in names {
        std::fs::copy(fixtures().join(n), to.join(n)).expect("copy fixture");
    }
}

#[test]
fn small_takes_its_systems_and_reports_short_files() {
    let (ds, rep) = real::load_dir(&fixtures(), Size::Small).expect("loads");
    let hosts: Vec<&str> = rep.files.iter().map(|f| f.host.as_str()).collect();
    assert_eq!(hosts, ["system-2", "system-5", "system-10"]);
    assert_eq!(ds.points(), 3 * 40 * 23);
    assert_eq!(rep.short_files.len(), 3);
    assert!(rep.missing.is_empty() && rep.failures.is_empty());
    ds.validate().expect("valid");
    let (big, rep) = real::load_dir(&fixtures(), Size::Big).expect("loads");
    assert_eq!(big.points(), 3 * 40 * 23 + 40 * 22);
    assert_eq!(
        rep.missing,
        [
            "system-3.csv",
            "system-4.csv",
            "system-6.csv",
            "system-7.csv"
        ]
    );
    let (huge, _) = real::load_dir(&fixtures(), Size::Huge).expect("loads");
    assert_eq!(huge.points(), big.points());
}

#[test]
fn windows_are_the_first_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    // a long file: the fixture's header and 2000 rows with increasing timestamps
    let text = std::fs::read_to_string(fixtures().join("system-2.csv")).expect("read");
    let mut lines = text.lines();
    let mut out = format!("{}\n", lines.next().expect("header"));
    let rows: Vec<&str> = lines.collect();
    for i in 0..2000 {
        let r = rows[i % rows.len()];
        out += &format!("{}{}\n", i * 30, &r[r.find(',').expect("comma")..]);
    }
    std::fs::write(dir.path().join("system-5.csv"), &out).expect("write");
    let (ds, rep) = real::load_dir(dir.path(), Size::Small).expect("loads");
    assert_eq!(rep.files[0].rows_loaded, scale::SMALL_ROWS);
    assert!(rep.files[0].stopped_at_max_rows && rep.short_files.is_empty());
    assert_eq!(rep.missing, ["system-2.csv", "system-10.csv"]);
    assert!(ds.series.iter().all(|s| s.len() == scale::SMALL_ROWS));
    let last = ds.series[0].timestamps[scale::SMALL_ROWS - 1];
    assert_eq!(last - real::EPOCH, (scale::SMALL_ROWS as i64 - 1) * 30);
}

#[test]
fn a_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_fixtures(dir.path(), &["system-2.csv", "system-10.csv"]);
    std::fs::write(dir.path().join("system-5.csv"), "<html>404</html>").expect("write");
    let (ds, rep) = real::load_dir(dir.path(), Size::Small).expect("loads");
    assert_eq!(rep.files.len(), 2);
    assert_eq!(ds.points(), 2 * 40 * 23);
    assert_eq!(rep.failures.len(), 1);
    assert!(
        rep.failures[0].contains("system-5.csv"),
        "{:?}",
        rep.failures
    );
    assert!(rep.lines().iter().any(|l| l.starts_with("FAILED")));
}

#[test]
fn nothing_loadable_is_an_error_naming_the_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = real::load_dir(dir.path(), Size::Small)
        .expect_err("empty folder")
        .to_string();
    assert!(e.contains("no Westermo file could be loaded"), "{e}");
    assert!(
        e.contains("system-2.csv, system-5.csv, system-10.csv"),
        "{e}"
    );
    std::fs::write(dir.path().join("system-2.csv"), "").expect("write");
    let e = real::load_dir(dir.path(), Size::Small)
        .expect_err("empty file")
        .to_string();
    assert!(e.contains("system-2.csv: empty file"), "{e}");
    let missing = real::load_dir(&dir.path().join("nope"), Size::Small).expect_err("no dir");
    assert!(missing.to_string().contains("nope"));
}
