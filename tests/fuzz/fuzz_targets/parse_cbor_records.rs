//! Fuzz target: the CBOR record parser behind rung `cbor_zstd`'s zstd frame.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(ds) = metricpress::ladder::p2_cbor::read(data, "cbor") {
        assert!(ds.validate().is_ok());
    }
});
