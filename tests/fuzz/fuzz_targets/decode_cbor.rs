//! Fuzz target: rung `cbor`'s decoder must return an error or a valid data set, never panic or
//! allocate without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use metricpress::ladder::{by_name, Options};

fuzz_target!(|data: &[u8]| {
    let rung = by_name("cbor").expect("rung is in the ladder");
    if let Ok(ds) = rung.decode(data, &Options::default()) {
        assert!(ds.validate().is_ok());
    }
});
