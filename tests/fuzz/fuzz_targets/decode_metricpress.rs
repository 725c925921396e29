#![cfg(not(target_arch = "wasm32"))]
//! cargo-fuzz target: rung 8's decoder on arbitrary bytes must return, never panic, and never
//! allocate without bound. Half the inputs are re-sealed with a valid checksum so the fuzzer
//! reaches the inner decoder instead of stopping at the checksum.
#![no_main]

use libfuzzer_sys::fuzz_target;
use metricpress::codec8;

fuzz_target!(|data: &[u8]| {
    let _ = codec8::decode(data);
    let mut sealed = data.to_vec();
    let sum = codec8::checksum(&sealed);
    sealed.extend_from_slice(&sum);
    if let Ok(ds) = codec8::decode(&sealed) {
        // Whatever decodes must be a valid data set that re-encodes.
        assert!(ds.validate().is_ok());
        assert!(codec8::encode(&ds, 1).is_ok());
    }
});
