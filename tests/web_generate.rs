//! In headless Chromium: the generators produce byte-identical data to the native build (same
//! golden digests as `tests/generate.rs`) and the same statistics.
#![cfg(target_arch = "wasm32")]

use metricpress::generate::{self, Generator, Size};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn golden(generator: &str) -> String {
    include_str!("golden/digests.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[0] == generator && f[1] == "small").then(|| f[3].to_string())
        })
        .expect("golden digest listed")
}

#[wasm_bindgen_test]
fn wasm_generates_the_native_bytes() {
    for g in [Generator::Synthetic, Generator::Random] {
        let ds = generate::generate(g, Size::Small, 42);
        assert_eq!(
            metricpress::canonical::digest(&ds),
            golden(&g.to_string()),
            "{g}"
        );
    }
}

#[wasm_bindgen_test]
fn wasm_reports_the_same_statistics() {
    let ds = generate::generate(Generator::Synthetic, Size::Small, 42);
    let got = serde_json::to_value(metricpress::stats::compute(&ds)).expect("serializes");
    let want: serde_json::Value =
        serde_json::from_str(include_str!("golden/stats-synthetic-small-42.json")).expect("JSON");
    assert_eq!(got, want);
}
