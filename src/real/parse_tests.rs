//! Tests of the parser on the project's made-up fixtures (`tests/fixtures/westermo/`) and on bad
//! inputs derived from them.

use super::columns::COLUMNS;
use super::repr::canonical_text;
use super::{parse_file, EPOCH};
use crate::error::Error;

const SYS2: &[u8] = include_bytes!("../../tests/fixtures/westermo/system-2.csv");
const SYS8: &[u8] = include_bytes!("../../tests/fixtures/westermo/system-8.csv");

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("fixtures are UTF-8")
}

fn err_of(name: &str, bytes: &[u8]) -> String {
    match parse_file(name, bytes, None) {
        Ok(_) => panic!("{name} parsed but should fail"),
        Err(e) => {
            assert!(matches!(e, Error::Parse { .. }), "{e:?}");
            e.to_string()
        }
    }
}

#[test]
fn parses_24_and_23_column_files() {
    let (s2, r2) = parse_file("dir/system-2.csv", SYS2, None).expect("parses");
    assert_eq!((s2.len(), r2.metrics, r2.columns), (23, 23, 24));
    assert!(r2.is_clean() && r2.unknown_columns.is_empty(), "{r2:?}");
    assert_eq!(r2.noncanonical_text, 0);
    assert_eq!(r2.host, "system-2");
    for (s, (_, name)) in s2.iter().zip(COLUMNS) {
        assert_eq!(s.name, name);
        assert_eq!(s.len(), 40);
        assert_eq!(s.timestamps[1] - s.timestamps[0], 30);
        assert_eq!(s.timestamps[0], EPOCH);
        let labels: Vec<(&str, &str)> = s
            .labels
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                ("dataset", "westermo"),
                ("environment", "test"),
                ("host", "system-2")
            ]
        );
        s.validate().expect("valid");
    }
    let (s8, r8) = parse_file("system-8.csv", SYS8, None).expect("parses");
    assert_eq!((s8.len(), r8.metrics, r8.columns), (22, 22, 23));
    assert!(s8.iter().all(|s| s.name != "sys_thermal_per_second"));
    // memory is integer-tagged, rates are not, server_up is
    let by = |n: &str| s8.iter().find(|s| s.name == n).expect("series");
    assert!(by("sys_mem_free_bytes").is_int.iter().all(|&b| b));
    assert!(by("server_up").is_int.iter().all(|&b| b));
    assert!(by("sys_forks_per_second").is_int.iter().all(|&b| !b));
    assert_eq!(by("disk_read_bytes_per_second").values[0].to_bits(), 0);
}

/// Every value of the fixture: its text parses to the stored double bit for bit, and re-printing
/// the stored double Python-style gives the text back.
#[test]
fn values_round_trip_bit_exactly_and_as_text() {
    for (name, bytes) in [("system-2.csv", SYS2), ("system-8.csv", SYS8)] {
        let (series, _) = parse_file(name, bytes, None).expect("parses");
        let t = text(bytes);
        let mut lines = t.lines();
        let header: Vec<&str> = lines.next().expect("header").split(',').collect();
        let mut checked = 0;
        for (row, line) in lines.enumerate() {
            for (col, field) in line.split(',').enumerate().skip(1) {
                let s = series
                    .iter()
                    .find(|s| {
                        COLUMNS
                            .iter()
                            .any(|(c, m)| *c == header[col] && *m == s.name)
                    })
                    .expect("column has a series");
                let (v, is_int) = (s.values[row], s.is_int[row]);
                let parsed: f64 = field.parse().expect("number");
                assert_eq!(v.to_bits(), parsed.to_bits(), "{name} {row} {col}");
                assert_eq!(canonical_text(v, is_int), field, "{name} {row} {col}");
                checked += 1;
            }
        }
        assert!(checked > 800, "{checked}");
    }
}

#[test]
fn reordered_extra_columns_bom_and_crlf_give_the_same_series() {
    let (want, _) = parse_file("system-2.csv", SYS2, None).expect("parses");
    // Reverse the column order and add an unknown column.
    let t = text(SYS2);
    let mut out = String::from("\u{feff}");
    for (i, line) in t.lines().enumerate() {
        let mut f: Vec<&str> = line.split(',').collect();
        f.reverse();
        f.push(if i == 0 { "extra-col" } else { "7" });
        out += &f.join(",");
        out += "\r\n";
    }
    let (got, rep) = parse_file("system-2.csv", out.as_bytes(), None).expect("parses");
    assert_eq!(rep.unknown_columns, ["extra-col"]);
    assert!(rep.is_clean(), "{rep:?}");
    assert_eq!(got.len(), want.len());
    for (a, b) in got.iter().zip(&want) {
        a.bit_eq(b).expect("same series");
    }
}

#[test]
fn max_rows_takes_the_first_rows() {
    let (s, rep) = parse_file("system-2.csv", SYS2, Some(10)).expect("parses");
    assert!(rep.stopped_at_max_rows);
    assert!(s.iter().all(|s| s.len() == 10));
    let (all, _) = parse_file("system-2.csv", SYS2, None).expect("parses");
    assert_eq!(s[5].values[..], all[5].values[..10]);
    let (_, rep) = parse_file("system-2.csv", SYS2, Some(40)).expect("parses");
    assert!(!rep.stopped_at_max_rows);
}

#[test]
fn file_level_failures_name_the_file() {
    assert!(err_of("system-1.csv", b"").contains("system-1.csv: empty file"));
    assert!(err_of("system-1.csv", b"\xEF\xBB\xBF \n\n").contains("empty file"));
    let e = err_of(
        "http://x/system-1.csv",
        b"<!DOCTYPE html><html>Not Found</html>",
    );
    assert!(
        e.contains("http://x/system-1.csv, line 1: looks like an HTML page"),
        "{e}"
    );
    let e = err_of("system-1.csv", b"time,load-1m\n0,1.0\n");
    assert!(
        e.contains("line 1: the header has no `timestamp` column"),
        "{e}"
    );
    let e = err_of("system-1.csv", b"timestamp,foo\n0,1.0\n");
    assert!(e.contains("no known metric column"), "{e}");
    let e = err_of("system-1.csv", b"timestamp,load-1m,load-1m\n0,1.0,2.0\n");
    assert!(e.contains("column 3 (\"load-1m\") appears twice"), "{e}");
    let header = text(SYS2).lines().next().expect("header").to_string();
    let e = err_of("system-1.csv", format!("{header}\n").as_bytes());
    assert!(e.contains("header but no data rows"), "{e}");
    let e = err_of("system-1.csv", header.as_bytes());
    assert!(e.contains("header but no data rows"), "{e}");
    let e = err_of("system-1.csv", b"timestamp,load-1m\nx,1.0\n");
    assert!(
        e.contains("no row could be loaded") && e.contains("line 2"),
        "{e}"
    );
}

/// Replaces line `n` (0 = header) of the fixture.
fn with_line(n: usize, f: impl Fn(&str) -> String) -> Vec<u8> {
    let t = text(SYS2);
    let lines: Vec<String> = t
        .lines()
        .enumerate()
        .map(|(i, l)| if i == n { f(l) } else { l.to_string() })
        .collect();
    (lines.join("\n") + "\n").into_bytes()
}

#[test]
fn bad_rows_are_skipped_and_reported() {
    // wrong field count
    let b = with_line(3, |l| l.rsplit_once(',').expect("fields").0.to_string());
    let (s, rep) = parse_file("system-2.csv", &b, None).expect("loads");
    assert_eq!((rep.rows_loaded, rep.rows_skipped), (39, 1));
    assert!(rep.issues[0].starts_with("line 4: 23 fields, the header has 24"));
    assert!(s.iter().all(|s| s.len() == 39));
    // non-increasing timestamp
    let b = with_line(5, |l| format!("60{}", &l[l.find(',').expect("comma")..]));
    let (_, rep) = parse_file("system-2.csv", &b, None).expect("loads");
    assert_eq!(rep.rows_skipped, 1);
    assert!(
        rep.issues[0].contains("line 6, column 1 (timestamp): 60 does not increase"),
        "{:?}",
        rep.issues
    );
    // non-integer timestamp
    let b = with_line(2, |l| format!("30.5{}", &l[l.find(',').expect("comma")..]));
    let (_, rep) = parse_file("system-2.csv", &b, None).expect("loads");
    assert!(
        rep.issues[0].contains("\"30.5\" is not an integer"),
        "{:?}",
        rep.issues
    );
}

#[test]
fn bad_values_are_skipped_alone() {
    for (bad, why) in [
        ("abc", "is not a number"),
        ("NaN", "is not finite"),
        ("inf", "is not finite"),
        ("-infinity", "is not finite"),
        ("", "is empty"),
    ] {
        // column 7 = sys-mem-free, line 3
        let b = with_line(2, |l| {
            let mut f: Vec<&str> = l.split(',').collect();
            f[6] = bad;
            f.join(",")
        });
        let (s, rep) = parse_file("system-2.csv", &b, None).expect("loads");
        assert_eq!((rep.rows_loaded, rep.points_skipped), (40, 1), "{bad}");
        let want = format!("line 3, column 7 (sys-mem-free): {bad:?} {why}; value skipped");
        assert_eq!(rep.issues, [want]);
        let free = s
            .iter()
            .find(|s| s.name == "sys_mem_free_bytes")
            .expect("series");
        assert_eq!(free.len(), 39);
        assert!(s.iter().filter(|s| s.len() == 40).count() == 22);
    }
}

#[test]
fn a_cut_last_line_is_dropped_and_reported() {
    let cut = &SYS2[..SYS2.len() - 30];
    let (s, rep) = parse_file("system-2.csv", cut, None).expect("loads");
    assert!(rep.truncated_last_line);
    assert_eq!((rep.rows_loaded, rep.rows_skipped), (39, 1));
    assert!(
        rep.issues[0].starts_with("line 41: the last line has no line ending"),
        "{:?}",
        rep.issues
    );
    assert!(s.iter().all(|s| s.len() == 39));
    assert!(rep.summary().contains("partial last line dropped"));
}
