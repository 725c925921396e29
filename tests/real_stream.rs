//! `run --generator real --size huge --stream --data-dir DIR`: the real files stream one file per
//! chunk and the streamed data set is the one the in-memory load makes (same digest), verified.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::metricpress_json as json;

#[test]
fn real_files_stream_one_per_chunk_with_the_in_memory_digest() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/westermo");
    let common = [
        "--generator",
        "real",
        "--data-dir",
        dir,
        "--size",
        "huge",
        "--no-cache",
    ];
    let streamed = json(&[&["run", "-q", "--stream", "--json", "-"], &common[..]].concat());
    let loaded = json(&[&["generate", "--json", "-"], &common[..]].concat());
    assert_eq!(streamed["dataset"]["digest"], loaded["digest"]);
    assert_eq!(streamed["dataset"]["points"], loaded["points"]);
    let rungs = streamed["rungs"].as_array().expect("rungs");
    assert_eq!(rungs.len(), metricpress::ladder::LADDER.len());
    let files = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter(|e| {
            let name = e.as_ref().expect("entry").file_name();
            name.to_string_lossy().starts_with("system-")
        })
        .count() as u64;
    for r in rungs {
        assert_eq!(r["verified"], true, "{}", r["name"]);
        assert_eq!(r["chunks"], files, "{}: one frame per file", r["name"]);
    }
}
