#![cfg(not(target_arch = "wasm32"))]
//! Fuzzes rung 6 (`ts_codecs`): hostile bytes must give an error, never a panic or a huge
//! allocation. The whole file is zstd with checksums, so random bytes rarely get past the frames;
//! the codecs are therefore also fed directly, the first bytes choosing the codec and point count.
//! Whatever decodes must re-encode and decode to the same data.
//!
//! Needs in `tests/fuzz/Cargo.toml`:
//! `[[bin]] name = "decode_ts_codecs", path = "fuzz_targets/decode_ts_codecs.rs", test = false, doc = false, bench = false`
//! Run: `cd tests/fuzz && cargo +nightly fuzz run decode_ts_codecs -- -max_total_time=300`
#![no_main]

use libfuzzer_sys::fuzz_target;
use metricpress::codecs::{delta_of_delta, int_tags, series_meta, values};
use metricpress::encoding::bytes::Reader;
use metricpress::ladder::p6_ts_codecs::TsCodecs;
use metricpress::ladder::{Options, Rung};

fuzz_target!(|data: &[u8]| {
    let opts = Options { zstd_level: 1 };
    if let Ok(ds) = TsCodecs.decode(data, &opts) {
        let again = TsCodecs
            .encode(&ds, &opts)
            .expect("a decoded data set re-encodes");
        let back = TsCodecs.decode(&again.bytes, &opts).expect("and decodes");
        assert_eq!(ds.bit_eq(&back), Ok(()));
    }
    let [sel, n_lo, n_hi, rest @ ..] = data else {
        return;
    };
    let n = usize::from(u16::from_le_bytes([*n_lo, *n_hi]));
    match sel % 6 {
        0 => {
            if let Ok(ts) = delta_of_delta::decode(rest, n) {
                let again = delta_of_delta::encode(&ts);
                assert_eq!(delta_of_delta::decode(&again, n).ok(), Some(ts));
            }
        }
        1 => {
            if let Ok(ts) = delta_of_delta::decode_buckets(rest, n) {
                assert_eq!(
                    delta_of_delta::decode_buckets(&delta_of_delta::encode_buckets(&ts), n).ok(),
                    Some(ts)
                );
            }
        }
        2 => {
            let _ = int_tags::decode(rest, n.min(rest.len() * 8));
        }
        3 => {
            let _ = series_meta::decode(&mut Reader::new(rest, "fuzz"), n);
        }
        _ => {
            if let Ok(v) = values::decode_tagged(sel / 6 % 8, rest, n.min(rest.len() * 8)) {
                assert_eq!(v.len(), n.min(rest.len() * 8));
            }
        }
    }
});
