//! Fuzz target: the table parser behind rung `binary_table`'s zstd frame.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(ds) = metricpress::ladder::p4_binary_table::read(data) {
        assert!(ds.validate().is_ok());
    }
});
