//! Rung 8 and the peers in the browser: the same round trip as natively, and byte-identical
//! sizes (the encoders do no floating-point work that could differ between targets).
#![cfg(target_arch = "wasm32")]

use metricpress::codec8;
use metricpress::generate::{generate, Generator, Size};
use metricpress::peers;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn rung8_round_trips_in_wasm_and_beats_pco() {
    let ds = generate(Generator::Synthetic, Size::Small, 42);
    let bytes = codec8::encode(&ds, 19).expect("encodes").bytes;
    assert_eq!(ds.bit_eq(&codec8::decode(&bytes).expect("decodes")), Ok(()));
    let pco = peers::encode(peers::by_name("pco").expect("pco"), &ds).expect("encodes");
    assert!(bytes.len() < pco.len(), "{} >= {}", bytes.len(), pco.len());
}

/// Throughput in the browser (MB/s of raw 16-byte points), printed, not asserted beyond the
/// round trip: a benchmark, not a timed test.
#[wasm_bindgen_test]
fn rung8_throughput_in_wasm() {
    let ds = generate(Generator::Synthetic, Size::Small, 42);
    let mb = (ds.points() * 16) as f64 / 1e6;
    let bytes = codec8::encode(&ds, 19).expect("encodes").bytes;
    let t0 = js_sys::Date::now();
    for _ in 0..3 {
        codec8::encode(&ds, 19).expect("encodes");
    }
    let t1 = js_sys::Date::now();
    let mut last = None;
    for _ in 0..200 {
        last = Some(codec8::decode(&bytes).expect("decodes"));
    }
    let t2 = js_sys::Date::now();
    assert_eq!(ds.bit_eq(&last.expect("decoded")), Ok(()));
    console_log!(
        "wasm synthetic small: encode {:.0} MB/s, decode {:.0} MB/s",
        mb / ((t1 - t0) / 3.0 / 1e3),
        mb / ((t2 - t1) / 200.0 / 1e3)
    );
}
