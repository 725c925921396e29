//! Fuzz target: the section parser behind rung `downsample`'s zstd frames. The first two bytes split
//! the rest into the metadata, timestamp and value sections.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let rest = &data[2..];
    let a = usize::from(data[0]).min(rest.len());
    let b = (a + usize::from(data[1])).min(rest.len());
    if let Ok(ds) = metricpress::ladder::p7_downsample::read_sections(&rest[..a], &rest[a..b], &rest[b..]) {
        assert!(ds.validate().is_ok());
    }
});
