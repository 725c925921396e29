#![cfg(not(target_arch = "wasm32"))]
//! The streaming ladder (issue 5): streamed and in-memory outputs agree, the thread count does not
//! change a byte, a corrupted chunk is caught, cancelling removes partial files, an unwritable
//! output folder is a clear error, and a streamed `big` run stays within a memory bound.
//!
//! What "identical" means here. A streamed output is the concatenation, in chunk order, of each
//! chunk's own encoding (independent frames). So for every rung: (a) the streamed size and MD5
//! equal those of the in-memory encodings of the same chunks, concatenated; (b) decoding every
//! frame and concatenating the series gives back the whole data set bit-exactly; (c) when the data
//! set is one chunk, the streamed bytes are byte-for-byte the in-memory encoding; and (d) for a
//! format that is itself a per-series concatenation (the canonical form) the streamed bytes equal
//! the in-memory bytes of the whole data set for any chunking.

mod common;
use common::metricpress;

use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use md5::{Digest as _, Md5};
use metricpress::canonical;
use metricpress::encoding::zstd;
use metricpress::generate::{self, Generator, Size};
use metricpress::ladder::{Encoded, Options, Rung};
use metricpress::model::Dataset;
use metricpress::stream::driver::{self, Outcome, Settings};
use metricpress::stream::progress::Silent;
use metricpress::stream::reference::Canonical;
use metricpress::stream::{ChunkSource, GeneratedSource};
use metricpress::{Error, Result};

const OPTS: Options = Options { zstd_level: 3 };

/// A test rung of its own: canonical bytes + zstd.
struct CanonZstd;

impl Rung for CanonZstd {
    fn name(&self) -> &'static str {
        "test_canon_zstd"
    }
    fn summary(&self) -> &'static str {
        "test: canonical + zstd"
    }
    fn encode(&self, ds: &Dataset, o: &Options) -> Result<Encoded> {
        Ok(Encoded {
            bytes: zstd::compress(&canonical::to_bytes(ds), o.zstd_level)?,
            breakdown: None,
        })
    }
    fn decode(&self, b: &[u8], _: &Options) -> Result<Dataset> {
        canonical::from_bytes(&zstd::decompress_limited(b, 1 << 30)?)
    }
}

/// Does `chunk` start with series `index` of the small synthetic set, seed 42?
fn starts_with(chunk: &Dataset, index: usize) -> bool {
    let s = generate::series(Generator::Synthetic, Size::Small, 42, index);
    chunk.series.first().is_some_and(|f| f.bit_eq(&s).is_ok())
}

/// A broken rung: flips one value bit in the chunk that starts at series 21 (chunk 3 with 7-series
/// chunks), and is correct everywhere else.
struct FlipsChunk3;

impl Rung for FlipsChunk3 {
    fn name(&self) -> &'static str {
        "test_flips_chunk3"
    }
    fn summary(&self) -> &'static str {
        "test: corrupts chunk 3"
    }
    fn encode(&self, ds: &Dataset, _: &Options) -> Result<Encoded> {
        let mut ds = ds.clone();
        if starts_with(&ds, 21) {
            let v = &mut ds.series[0].values[5];
            *v = f64::from_bits(v.to_bits() ^ 1);
            ds.series[0].is_int[5] = false;
        }
        Ok(Encoded {
            bytes: canonical::to_bytes(&ds),
            breakdown: None,
        })
    }
    fn decode(&self, b: &[u8], _: &Options) -> Result<Dataset> {
        canonical::from_bytes(b)
    }
}

/// Pulls the cancel flag when it reaches the chunk starting at series 14 (chunk 2).
static CANCEL: AtomicBool = AtomicBool::new(false);
struct CancelsAtChunk2;

impl Rung for CancelsAtChunk2 {
    fn name(&self) -> &'static str {
        "test_cancels"
    }
    fn summary(&self) -> &'static str {
        "test: pulls the cancel flag at chunk 2"
    }
    fn encode(&self, ds: &Dataset, _: &Options) -> Result<Encoded> {
        if starts_with(ds, 14) {
            CANCEL.store(true, Ordering::SeqCst);
        }
        Ok(Encoded {
            bytes: canonical::to_bytes(ds),
            breakdown: None,
        })
    }
    fn decode(&self, b: &[u8], _: &Options) -> Result<Dataset> {
        canonical::from_bytes(b)
    }
}

fn small(chunk_series: usize) -> GeneratedSource {
    GeneratedSource {
        chunk_series,
        ..GeneratedSource::new(Generator::Synthetic, Size::Small, 42)
    }
}

/// Runs the driver on a pool of `threads` threads.
fn stream(
    src: &GeneratedSource,
    rungs: &[&dyn Rung],
    threads: usize,
    out_dir: Option<std::path::PathBuf>,
    cancel: &AtomicBool,
) -> Result<Outcome> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    let s = Settings {
        rungs,
        opts: OPTS,
        out_dir,
        cancel,
    };
    pool.install(|| driver::run(src, &s, &Silent))
}

fn md5_hex(b: &[u8]) -> String {
    hex::encode(Md5::digest(b))
}

#[test]
fn streamed_equals_in_memory_chunk_by_chunk_and_whole() {
    let rungs: [&dyn Rung; 2] = [&Canonical, &CanonZstd];
    let whole = generate::generate(Generator::Synthetic, Size::Small, 42);
    let src = small(7);
    let never = AtomicBool::new(false);
    let out = stream(&src, &rungs, 2, None, &never).expect("streams");
    assert_eq!(out.chunks, 8);
    assert_eq!(out.points, whole.points() as u64);
    assert_eq!(out.digest, canonical::digest(&whole));
    assert_eq!(out.stats, metricpress::stats::compute(&whole));
    for (rung, row) in rungs.iter().zip(&out.rows) {
        assert!(row.row.verified, "{:?}", row.row.error);
        // wall time in a rung's encoder is within the run, and never more than its thread time
        assert!(row.encode_wall_ms > 0.0 && row.encode_wall_ms <= out.wall_ms);
        assert!(row.encode_wall_ms <= row.row.encode_ms + 1e-6);
        // (a) the in-memory encodings of the same chunks, concatenated
        let mut cat = Vec::new();
        let mut back = Dataset::default();
        for i in 0..src.chunks() {
            let frame = rung
                .encode(&src.chunk(i).expect("chunk"), &OPTS)
                .expect("enc");
            // (b) every frame decodes on its own; together they are the whole data set
            back.series
                .extend(rung.decode(&frame.bytes, &OPTS).expect("dec").series);
            cat.extend_from_slice(&frame.bytes);
        }
        assert_eq!(row.row.bytes, cat.len() as u64, "{}", rung.name());
        assert_eq!(row.md5, md5_hex(&cat), "{}", rung.name());
        assert_eq!(back.bit_eq(&whole), Ok(()));
    }
    // (d) the canonical form is a per-series concatenation: any chunking gives the whole bytes
    let canon = canonical::to_bytes(&whole);
    assert_eq!(out.rows[0].row.bytes, canon.len() as u64);
    assert_eq!(out.rows[0].md5, md5_hex(&canon));
    // zstd frames per chunk cost a little over one frame for everything, never less than raw/20
    assert!(out.rows[1].row.bytes > out.rows[0].row.bytes / 20);

    // (c) one chunk: byte-for-byte the in-memory encoding, for every rung
    let one = stream(&small(50), &rungs, 2, None, &never).expect("streams");
    assert_eq!(one.chunks, 1);
    for (rung, row) in rungs.iter().zip(&one.rows) {
        let mem = rung.encode(&whole, &OPTS).expect("enc");
        assert_eq!(row.row.bytes, mem.bytes.len() as u64);
        assert_eq!(row.md5, md5_hex(&mem.bytes));
    }
}

#[test]
fn thread_count_does_not_change_a_byte() {
    let rungs: [&dyn Rung; 2] = [&Canonical, &CanonZstd];
    let never = AtomicBool::new(false);
    let src = small(3);
    let one = stream(&src, &rungs, 1, None, &never).expect("1 thread");
    let two = stream(&src, &rungs, 2, None, &never).expect("2 threads");
    let three = stream(&src, &rungs, 3, None, &never).expect("3 threads");
    assert_eq!((one.threads, two.threads, three.threads), (1, 2, 3));
    assert_eq!(one.chunks, 17);
    for out in [&two, &three] {
        assert_eq!(out.digest, one.digest);
        for (a, b) in one.rows.iter().zip(&out.rows) {
            assert_eq!(
                (a.row.bytes, &a.md5, a.chunks),
                (b.row.bytes, &b.md5, b.chunks)
            );
            assert!(a.row.verified && b.row.verified);
        }
    }
}

#[test]
fn a_corrupted_chunk_is_detected_and_named() {
    let rungs: [&dyn Rung; 2] = [&Canonical, &FlipsChunk3];
    let never = AtomicBool::new(false);
    for threads in [1, 2] {
        let out = stream(&small(7), &rungs, threads, None, &never).expect("streams");
        assert!(out.rows[0].row.verified);
        let bad = &out.rows[1];
        assert!(!bad.row.verified);
        assert_eq!(bad.failed_chunk, Some(3));
        let err = bad.row.error.as_deref().expect("an error");
        assert!(err.starts_with("chunk 3: series 0: "), "{err}");
        assert!(err.contains(": value 5: "), "{err}");
        // every chunk was still tallied
        assert_eq!(bad.chunks, 8);
    }
}

#[test]
fn out_dir_files_match_the_checksums_and_leave_no_partials() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rungs: [&dyn Rung; 2] = [&Canonical, &CanonZstd];
    let never = AtomicBool::new(false);
    let out = stream(&small(7), &rungs, 2, Some(dir.path().into()), &never).expect("streams");
    for row in &out.rows {
        let path = row.output.as_deref().expect("a file");
        let bytes = std::fs::read(path).expect("readable");
        assert_eq!(bytes.len() as u64, row.row.bytes);
        assert_eq!(md5_hex(&bytes), row.md5);
    }
    // the zstd file is one valid multi-frame zstd stream: it decompresses to the canonical form
    let z = std::fs::read(dir.path().join("test_canon_zstd.out")).expect("file");
    let raw = ::zstd::stream::decode_all(&z[..]).expect("multi-frame zstd");
    let whole = generate::generate(Generator::Synthetic, Size::Small, 42);
    assert_eq!(raw, canonical::to_bytes(&whole));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".partial")), "{names:?}");
}

#[test]
fn cancelling_stops_and_removes_partial_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rungs: [&dyn Rung; 2] = [&Canonical, &CancelsAtChunk2];
    CANCEL.store(false, Ordering::SeqCst);
    let got = stream(&small(1), &rungs, 2, Some(dir.path().into()), &CANCEL);
    assert!(matches!(got, Err(Error::Cancelled)), "{got:?}");
    assert!(CANCEL.load(Ordering::SeqCst));
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_unwritable_out_dir_is_an_error_naming_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").expect("write");
    let rungs: [&dyn Rung; 1] = [&Canonical];
    let never = AtomicBool::new(false);
    match stream(&small(7), &rungs, 1, Some(file.join("sub")), &never) {
        Err(Error::Io { path, detail }) => {
            assert!(path.contains("not-a-dir"), "{path}");
            assert!(detail.contains("--out-dir"), "{detail}");
        }
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

#[test]
fn cli_stream_and_in_memory_runs_agree_on_small() {
    let base = [
        "run",
        "--size",
        "small",
        "--reference-rungs",
        "--only",
        "canonical,canonical_zstd",
        "--no-cache",
    ];
    let json = |extra: &[&str]| -> serde_json::Value {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        let out = metricpress(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let mem = json(&["--json", "-", "-q"]);
    let st = json(&["--stream", "--threads", "2", "--json", "-", "-q"]);
    assert_eq!(mem["dataset"]["digest"], st["dataset"]["digest"]);
    assert_eq!(st["chunks"], 1);
    for i in 0..2 {
        assert_eq!(mem["rungs"][i]["name"], st["rungs"][i]["name"]);
        assert_eq!(mem["rungs"][i]["bytes"], st["rungs"][i]["bytes"]);
        assert_eq!(st["rungs"][i]["verified"], true);
    }
    // the canonical rung's output is the canonical form: its MD5 is the data-set digest
    assert_eq!(st["rungs"][0]["md5"], st["dataset"]["digest"]);
}

#[test]
fn streaming_big_stays_within_a_memory_bound() {
    // Child process, so the test harness' own memory does not count. 100 series in 10 chunks of
    // 10 series (50K points, ~0.85 MB canonical each); every rung's bytes are kept per chunk.
    let out = metricpress(&[
        "bench",
        "--size",
        "big",
        "--reference-rungs",
        "--only",
        "canonical,canonical_zstd",
        "--chunk-series",
        "10",
        "--threads",
        "2",
        "--zstd-level",
        "1",
        "--json",
        "-",
        "-q",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["points"], 500_000);
    assert_eq!(v["chunks"], 10);
    assert!(v["rungs"][0]["verified"].as_bool().expect("bool"));
    let peak = v["peak_rss_bytes"].as_u64().expect("Linux reports VmHWM");
    // Measured: 16 MiB streamed in 10-series chunks, 39 MiB as one 100-series chunk (the whole of
    // big at once: input, every rung's output, decoded copies). The bound sits between the two.
    assert!(peak < 28 << 20, "peak RSS {peak} bytes");
    assert!(peak > 1 << 20, "implausible peak {peak}");
}

#[test]
fn cli_reports_errors_progress_and_bench_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("plain-file");
    std::fs::write(&file, b"x").expect("write");
    let f = file.to_str().expect("utf-8");
    let small = ["--size", "small", "--reference-rungs", "--no-cache"];
    let with = |cmd: &str, extra: &[&str]| {
        let args: Vec<&str> = [cmd].iter().chain(&small).chain(extra).copied().collect();
        metricpress(&args)
    };
    // an output folder that cannot be created: exit 1, the message names the path
    let out = with("run", &["--stream", "--out-dir", f]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("plain-file"));
    // an unknown rung: exit 2
    let out = with("run", &["--only", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
    // stderr is not a terminal here: plain progress lines
    let out = with("run", &["--stream"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("progress: 50000 points through every rung of 50000"),
        "{err}"
    );
    // bench JSON
    let out = with("bench", &["--json", "-", "-q", "--zstd-level", "1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for key in [
        "cores",
        "threads",
        "seed",
        "zstd_level",
        "peak_rss_bytes",
        "generate",
    ] {
        assert!(!v[key].is_null(), "{key} missing");
    }
    assert_eq!(v["zstd_level"], 1);
    let rungs = v["rungs"].as_array().expect("rungs");
    for rung in metricpress::ladder::LADDER {
        assert!(
            rungs.iter().any(|r| r["name"] == rung.name()),
            "{} not benchmarked",
            rung.name()
        );
    }
    let cz = rungs
        .iter()
        .find(|r| r["name"] == "canonical_zstd")
        .expect("reference rung benchmarked");
    assert!(cz["encode"]["points_per_s"].as_f64().expect("f64") > 0.0);
    assert!(v["generate"]["mb_per_s"].as_f64().expect("f64") > 0.0);
}

#[test]
fn ctrl_c_exits_130_and_removes_partial_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_dir = dir.path().join("out");
    let child = Command::new(env!("CARGO_BIN_EXE_metricpress"))
        .args(["run", "--size", "big", "--stream", "--chunk-series", "1"])
        .args(["--reference-rungs", "--zstd-level", "19", "-q", "--out-dir"])
        .arg(&out_dir)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    // The handler is installed before the output files are created: wait for them.
    let partial = out_dir.join("canonical.out.partial");
    let t0 = std::time::Instant::now();
    while !partial.exists() && t0.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(partial.exists(), "the run never started writing");
    let pid = child.id().to_string();
    let sent = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    let out = child.wait_with_output().expect("waits");
    let err = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(0) {
        return; // finished before the signal landed (a very fast machine): nothing to check
    }
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(err.contains("cancelled"), "{err}");
    let left: Vec<_> = std::fs::read_dir(&out_dir).expect("dir").collect();
    assert!(left.is_empty(), "{left:?}");
}
