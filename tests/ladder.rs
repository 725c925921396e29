//! The ladder's contract, rung by rung: every lossless rung round-trips bit-exactly (generated
//! data, the edge cases, random data sets), corrupt bytes are errors and never panics, sizes shrink
//! along the ladder, and the downsample rung's rollups check out against the raw data.
#![cfg(not(target_arch = "wasm32"))]

use metricpress::generate::{generate, Generator, Size};
use metricpress::ladder::edge_cases::edge_cases;
use metricpress::ladder::{by_name, Options, Rung, LADDER};
use metricpress::model::{is_integral, Dataset, Series};
use proptest::prelude::*;

fn lossless() -> impl Iterator<Item = &'static dyn Rung> {
    LADDER.iter().copied().filter(|r| r.lossless())
}

fn round_trip(r: &dyn Rung, ds: &Dataset, opts: &Options) -> Result<(), String> {
    let e = r.encode(ds, opts).map_err(|e| format!("encode: {e}"))?;
    let d = r
        .decode(&e.bytes, opts)
        .map_err(|e| format!("decode: {e}"))?;
    ds.bit_eq(&d)?;
    d.validate().map_err(|e| e.to_string())?;
    if let Some(b) = e.breakdown {
        let sum = b.timestamp_bytes + b.value_bytes + b.metadata_bytes;
        if sum != e.bytes.len() as u64 {
            return Err(format!("breakdown {sum} != {} bytes", e.bytes.len()));
        }
    }
    Ok(())
}

#[test]
fn the_ladder_is_in_order() {
    let names: Vec<&str> = LADDER.iter().map(|r| r.name()).collect();
    let mine = [
        "ndjson",
        "cbor",
        "cbor_zstd",
        "binary_table",
        "columnar",
        "downsample",
    ];
    let found: Vec<&str> = names.iter().copied().filter(|n| mine.contains(n)).collect();
    assert_eq!(found, mine);
    for n in mine {
        assert_eq!(by_name(n).map(|r| r.name()), Some(n));
    }
    assert!(!by_name("downsample").expect("rung").lossless());
}

#[test]
fn lossless_rungs_round_trip_generated_data() {
    // level 3: the bytes differ from the default level's, the format and the decoder do not
    let opts = Options { zstd_level: 3 };
    for g in [Generator::Synthetic, Generator::Random] {
        let ds = generate(g, Size::Small, 42);
        for r in lossless() {
            round_trip(r, &ds, &opts).unwrap_or_else(|e| panic!("{g} small, {}: {e}", r.name()));
        }
    }
}

#[test]
fn lossless_rungs_round_trip_every_edge_case() {
    let opts = Options::default();
    for (case, ds) in edge_cases() {
        for r in lossless() {
            round_trip(r, &ds, &opts).unwrap_or_else(|e| panic!("{case}, {}: {e}", r.name()));
        }
    }
}

#[test]
fn sizes_shrink_along_the_ladder_on_synthetic_small() {
    let ds = generate(Generator::Synthetic, Size::Small, 42);
    let opts = Options::default();
    let size = |n: &str| {
        by_name(n)
            .expect("rung")
            .encode(&ds, &opts)
            .expect("encodes")
            .bytes
            .len()
    };
    let (ndjson, cbor, cbor_zstd, table, columnar) = (
        size("ndjson"),
        size("cbor"),
        size("cbor_zstd"),
        size("binary_table"),
        size("columnar"),
    );
    assert!(cbor < ndjson, "cbor {cbor} vs ndjson {ndjson}");
    assert!(cbor_zstd < cbor, "cbor_zstd {cbor_zstd} vs cbor {cbor}");
    assert!(
        table < cbor_zstd,
        "binary_table {table} vs cbor_zstd {cbor_zstd}"
    );
    assert!(
        columnar < table,
        "columnar {columnar} vs binary_table {table}"
    );
}

#[test]
fn generated_ndjson_is_plain_anchor_records() {
    let ds = generate(Generator::Synthetic, Size::Small, 42);
    let bytes = by_name("ndjson")
        .expect("rung")
        .encode(&ds, &Options::default())
        .expect("encodes")
        .bytes;
    let text = String::from_utf8(bytes).expect("utf8");
    // generated series start within a second of each other (jitter), so the records alone would
    // give a different series order: one header line lists the series, the rest are records
    let mut lines = text.lines();
    let header: serde_json::Value =
        serde_json::from_str(lines.next().expect("a line")).expect("json");
    assert_eq!(
        header["series"].as_array().map(Vec::len),
        Some(ds.series.len())
    );
    assert_eq!(text.lines().count(), ds.points() + 1);
    let mut prev = i64::MIN;
    for line in lines {
        assert!(line.starts_with("{\"timestamp\":"), "{line}");
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let t = v["timestamp"].as_i64().expect("integer timestamp");
        assert!(t >= prev, "time order");
        prev = t;
    }
}

/// Deterministic positions to corrupt: all of them for short inputs, a spread otherwise.
fn positions(len: usize, all_up_to: usize, spread: usize) -> Vec<usize> {
    if len <= all_up_to {
        (0..len).collect()
    } else {
        (0..spread).map(|i| i * len / spread).collect()
    }
}

/// Rungs 1 and 2 are unframed record streams (the anchor's formats): a prefix that ends at a
/// record boundary, or a flipped digit, is itself a valid stream. For them a corrupt input must
/// give an error or a *valid* data set; every other rung must give an error or exactly the data.
fn check_corrupt(r: &dyn Rung, bytes: &[u8], reference: &Dataset, what: &str) {
    let opts = Options::default();
    let framed = !matches!(r.name(), "ndjson" | "cbor");
    match r.decode(bytes, &opts) {
        Err(_) => {}
        Ok(d) if framed => assert!(
            d.bit_eq(reference).is_ok(),
            "{}: {what} decoded to a different data set",
            r.name()
        ),
        Ok(d) => assert!(
            d.validate().is_ok(),
            "{}: {what} gave an invalid data set",
            r.name()
        ),
    }
}

#[test]
fn corrupt_bytes_are_errors_never_panics() {
    let opts = Options::default();
    for (case, ds) in edge_cases() {
        for &r in LADDER {
            let e = r.encode(&ds, &opts).expect("encodes");
            let reference = r.decode(&e.bytes, &opts).expect("decodes");
            let b = &e.bytes;
            for n in positions(b.len(), 2048, 150) {
                check_corrupt(r, &b[..n], &reference, &format!("{case} cut to {n}"));
            }
            for p in positions(b.len() * 8, 8 * 256, 400) {
                let mut c = b.clone();
                c[p / 8] ^= 1 << (p % 8);
                check_corrupt(r, &c, &reference, &format!("{case}, bit {p} flipped"));
            }
        }
    }
}

#[test]
fn framed_rungs_reject_truncation_and_trailing_bytes() {
    let opts = Options::default();
    let ds = edge_cases().remove(2).1;
    for &r in LADDER {
        if matches!(r.name(), "ndjson" | "cbor") {
            continue;
        }
        let b = r.encode(&ds, &opts).expect("encodes").bytes;
        for n in 0..b.len() {
            assert!(r.decode(&b[..n], &opts).is_err(), "{} cut to {n}", r.name());
        }
        let mut longer = b.clone();
        longer.push(0);
        assert!(r.decode(&longer, &opts).is_err(), "{} + 1 byte", r.name());
    }
}

/// A named way to damage decoded rollups.
type Damage = (&'static str, fn(&mut Dataset));

#[test]
fn downsample_checks_against_the_raw_data() {
    let r = by_name("downsample").expect("rung");
    let opts = Options::default();
    for g in [Generator::Synthetic, Generator::Random] {
        let ds = generate(g, Size::Small, 7);
        let d = r
            .decode(&r.encode(&ds, &opts).expect("encodes").bytes, &opts)
            .expect("decodes");
        r.verify(&ds, &d).unwrap_or_else(|e| panic!("{g}: {e}"));
        // independent recount: the 300 s counts of series 0 sum to its points, buckets aligned
        let counts = &d.series[0];
        assert!(counts.labels.contains(&("__agg__".into(), "count".into())));
        assert!(counts
            .labels
            .contains(&("__interval__".into(), "300s".into())));
        let total: f64 = counts.values.iter().sum();
        assert_eq!(total, ds.series[0].len() as f64);
        assert!(counts.timestamps.iter().all(|t| t % 300 == 0));
        // every kind of damage to a rollup is caught
        let damage: [Damage; 6] = [
            ("count", |d| d.series[0].values[3] += 1.0),
            ("sum", |d| d.series[1].values[3] *= 1.0 + 1e-6),
            ("min", |d| d.series[2].values[3] += 1e-3),
            ("first", |d| d.series[4].values[3] = f64::MAX),
            ("bucket time", |d| d.series[0].timestamps[3] += 300),
            ("a dropped bucket", |d| {
                for s in &mut d.series[0..6] {
                    s.timestamps.pop();
                    s.values.pop();
                    s.is_int.pop();
                }
            }),
        ];
        for (what, f) in damage {
            let mut bad = d.clone();
            f(&mut bad);
            assert!(
                r.verify(&ds, &bad).is_err(),
                "{g}: damaged {what} not caught"
            );
        }
        assert!(r.verify(&ds, &Dataset::default()).is_err());
    }
}

#[test]
fn downsample_handles_every_edge_case() {
    let r = by_name("downsample").expect("rung");
    let opts = Options::default();
    for (case, ds) in edge_cases() {
        let d = r
            .decode(&r.encode(&ds, &opts).expect("encodes").bytes, &opts)
            .expect("decodes");
        r.verify(&ds, &d).unwrap_or_else(|e| panic!("{case}: {e}"));
    }
}

fn arb_series() -> impl Strategy<Value = Series> {
    let point = (any::<i64>(), any::<u64>(), 0u8..4, any::<i32>());
    (
        "[a-z_]{1,8}",
        proptest::collection::btree_map("[a-z]{1,4}", "\\PC{0,6}", 0..3),
        proptest::collection::vec(point, 0..40),
    )
        .prop_map(|(name, labels, pts)| {
            let mut s = Series::new(name, labels.into_iter().collect());
            for (t, bits, kind, small) in pts {
                let (v, int) = match kind {
                    0 => (f64::from_bits(bits), false),
                    1 => (f64::from(small), true),
                    2 => (f64::from(small) / 100.0, false),
                    _ => (bits as i64 as f64, true),
                };
                s.push(t, v, int && is_integral(v));
            }
            s
        })
}

fn arb_dataset() -> impl Strategy<Value = Dataset> {
    proptest::collection::vec(arb_series(), 0..5).prop_map(|mut series| {
        // series keys must be unique for the record rungs
        for (i, s) in series.iter_mut().enumerate() {
            s.name = format!("{}_{i}", s.name);
        }
        Dataset { series }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn lossless_rungs_round_trip_random_data_sets(ds in arb_dataset()) {
        let opts = Options { zstd_level: 3 };
        for r in lossless() {
            prop_assert!(round_trip(r, &ds, &opts).is_ok(), "{}: {:?}", r.name(), round_trip(r, &ds, &opts));
        }
        let down = by_name("downsample").expect("rung");
        let d = down.decode(&down.encode(&ds, &opts).expect("encodes").bytes, &opts).expect("decodes");
        prop_assert!(down.verify(&ds, &d).is_ok());
    }
}

/// Writes every rung's encoding of every edge case as a fuzz seed:
/// `FUZZ_SEEDS=tests/fuzz/corpus cargo test --test ladder write_fuzz_seeds -- --ignored`.
#[test]
#[ignore = "writes files; run by hand before fuzzing"]
fn write_fuzz_seeds() {
    let dir = std::path::PathBuf::from(std::env::var("FUZZ_SEEDS").expect("set FUZZ_SEEDS"));
    let opts = Options { zstd_level: 3 };
    for &r in LADDER {
        let d = dir.join(format!("decode_{}", r.name()));
        std::fs::create_dir_all(&d).expect("mkdir");
        for (i, (_, ds)) in edge_cases().into_iter().enumerate() {
            let b = r.encode(&ds, &opts).expect("encodes").bytes;
            assert!(r.decode(&b, &opts).is_ok());
            std::fs::write(d.join(format!("edge_{i:02}")), b).expect("writes");
        }
    }
    // seeds for the parsers behind the zstd frames
    use metricpress::ladder::{p2_cbor, p4_binary_table, p5_columnar, p7_downsample};
    let split = |[m, t, v]: [Vec<u8>; 3]| -> Option<Vec<u8>> {
        let (a, b) = (u8::try_from(m.len()).ok()?, u8::try_from(t.len()).ok()?);
        Some([vec![a, b], m, t, v].concat())
    };
    for (i, (_, ds)) in edge_cases().into_iter().enumerate() {
        let seeds = [
            ("parse_cbor_records", p2_cbor::write(&ds).ok()),
            ("parse_binary_table", p4_binary_table::write(&ds).ok()),
            (
                "parse_columnar_sections",
                split(p5_columnar::write_sections(&ds)),
            ),
            (
                "parse_downsample_sections",
                p7_downsample::write_sections(&ds).ok().and_then(split),
            ),
        ];
        for (target, seed) in seeds {
            let d = dir.join(target);
            std::fs::create_dir_all(&d).expect("mkdir");
            if let Some(b) = seed {
                std::fs::write(d.join(format!("edge_{i:02}")), b).expect("writes");
            }
        }
    }
}
