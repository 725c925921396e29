//! Rung 6 (`ts_codecs`): bit-exact round trips on generated and edge-case data sets, corruption
//! (every truncation, every bit flip of a small file), the size targets, and the measurements
//! quoted in the rung's notes (a benchmark, `#[ignore]`d):
//!
//! ```text
//! cargo test --release --test p6_ts_codecs -- --ignored --nocapture
//! ```
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::time::Instant;

use metricpress::codecs::values::ValueMode;
use metricpress::codecs::{delta_of_delta, scaled_decimal, series_meta};
use metricpress::encoding::{varint::put_u64, zstd};
use metricpress::generate::{generate, Generator, Size};
use metricpress::ladder::p6_ts_codecs::{encode_with, sections, TsCodecs, ValueCost};
use metricpress::ladder::{by_name, Options, Rung};
use metricpress::model::{is_integral, Dataset, Series};
use metricpress::report::raw_ratios;
use proptest::prelude::*;

const L3: Options = Options { zstd_level: 3 };

fn round_trip(ds: &Dataset, opts: &Options) -> Vec<u8> {
    let enc = TsCodecs.encode(ds, opts).expect("encodes");
    let b = enc.breakdown.expect("breakdown");
    assert_eq!(
        b.timestamp_bytes + b.value_bytes + b.metadata_bytes,
        enc.bytes.len() as u64,
        "the breakdown covers every byte"
    );
    let back = TsCodecs.decode(&enc.bytes, opts).expect("decodes");
    assert_eq!(ds.bit_eq(&back), Ok(()));
    enc.bytes
}

fn series(name: &str, ts: Vec<i64>, values: Vec<f64>) -> Series {
    let mut s = Series::new(name, vec![("host".into(), "a".into())]);
    s.is_int = values
        .iter()
        .map(|&v| is_integral(v) && v.abs() > 1.0)
        .collect();
    s.timestamps = ts;
    s.values = values;
    s
}

fn regular(n: usize) -> Vec<i64> {
    (0..n as i64).map(|i| 1_735_689_600 + 15 * i).collect()
}

/// Every edge case the issue lists, one series each.
fn edge_cases() -> Dataset {
    let specials = vec![
        -0.0,
        0.0,
        f64::from_bits(0x7ff8_dead_beef_0001),
        f64::from_bits(0xfff0_0000_0000_0001),
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE / 8.0,
        f64::from_bits(1),
        ((1u64 << 53) + 1) as f64,
    ];
    let n = specials.len();
    let mut one_nonzero = vec![0.0; 300];
    one_nonzero[123] = 4.2;
    let distinct = |k: usize| {
        (0..600)
            .map(|i| (i % k) as f64 * 1.7 + 0.1)
            .collect::<Vec<_>>()
    };
    let mut big_ints = series(
        "big_ints",
        regular(4),
        vec![3e9, -5e12, 9.2e18, 2f64.powi(53) + 2.0],
    );
    big_ints.is_int = vec![true; 4];
    Dataset {
        series: vec![
            series("specials", regular(n), specials),
            series("one_point", vec![i64::MIN], vec![1.5]),
            series("empty", vec![], vec![]),
            series("xor64", regular(2), vec![3.0, -3.000_000_000_000_000_4]),
            series("d256", regular(600), distinct(256)),
            series("d257", regular(600), distinct(257)),
            series("one_nonzero", regular(300), one_nonzero),
            series("same_ts", vec![7; 5], vec![1.0, 2.0, 3.0, 2.0, 1.0]),
            series("decreasing", vec![100, 50, 0, -50, i64::MIN], vec![1.0; 5]),
            series(
                "extremes",
                vec![i64::MAX, i64::MIN, 0, i64::MAX],
                vec![0.25; 4],
            ),
            series(
                "two53p1",
                regular(3),
                vec![((1u64 << 53) + 1) as f64, 1.0, -1.0],
            ),
            big_ints,
            Series::new("no_labels_ünïcode", vec![]),
        ],
    }
}

#[test]
fn registered_in_the_ladder() {
    let r = by_name("ts_codecs").expect("registered");
    assert!(r.lossless());
    assert_eq!(r.name(), "ts_codecs");
}

#[test]
fn round_trips_generated_data_sets() {
    round_trip(&generate(Generator::Synthetic, Size::Small, 42), &L3);
    round_trip(&generate(Generator::Random, Size::Small, 7), &L3);
}

#[test]
fn round_trips_edge_cases() {
    let ds = edge_cases();
    round_trip(&ds, &L3);
    round_trip(&Dataset::default(), &L3);
    // the chosen modes are the ones the data calls for
    let s = sections(&ds, ValueCost::Length).expect("sections");
    let mode = |name: &str| {
        let i = ds
            .series
            .iter()
            .position(|s| s.name == name)
            .expect("present");
        s.choices[i].0
    };
    assert_eq!(mode("decreasing"), ValueMode::Constant);
    assert_eq!(mode("d256"), ValueMode::Dictionary);
    assert_eq!(mode("d257"), ValueMode::Dictionary);
    assert_eq!(mode("big_ints"), ValueMode::ScaledDecimal);
}

#[test]
fn every_truncation_and_bit_flip_is_an_error_or_exact() {
    let mut ds = edge_cases();
    ds.series.truncate(9);
    for s in &mut ds.series {
        let n = s.len().min(12);
        s.timestamps.truncate(n);
        s.values.truncate(n);
        s.is_int.truncate(n);
    }
    let bytes = round_trip(&ds, &L3);
    for cut in 0..bytes.len() {
        assert!(TsCodecs.decode(&bytes[..cut], &L3).is_err(), "cut at {cut}");
    }
    let mut errors = 0;
    for bit in 0..bytes.len() * 8 {
        let mut b = bytes.clone();
        b[bit / 8] ^= 1 << (bit % 8);
        match TsCodecs.decode(&b, &L3) {
            Ok(back) => assert_eq!(ds.bit_eq(&back), Ok(()), "bit {bit}"),
            Err(_) => errors += 1,
        }
    }
    assert!(
        errors > bytes.len() * 7,
        "{errors} errors of {} flips",
        bytes.len() * 8
    );
}

#[test]
fn hostile_frames_are_refused() {
    // a frame header claiming a huge content size is refused before allocating
    let frame = zstd::compress(&[0u8; 1000], 3).expect("compresses");
    let mut f = vec![frame.len() as u8];
    f.extend_from_slice(&frame);
    f.push(frame.len() as u8);
    f.extend_from_slice(&frame);
    f.extend_from_slice(&frame);
    assert!(TsCodecs.decode(&f, &L3).is_err());
    assert!(TsCodecs.decode(&[0xff; 12], &L3).is_err());
    assert!(TsCodecs.decode(&[], &L3).is_err());
}

#[test]
fn synthetic_small_beats_the_anchor_and_rung_5() {
    let ds = generate(Generator::Synthetic, Size::Small, 42);
    let opts = Options::default();
    let bytes = round_trip(&ds, &opts);
    let bpp = bytes.len() as f64 / ds.points() as f64;
    assert!(bpp < 2.54, "{bpp:.3} B/pt, the anchor's phase 6 is 2.54");
    assert!(
        bpp < 1.82,
        "{bpp:.3} B/pt, the anchor's quick headroom codec is 1.82"
    );
    let c = columnar(&ds, opts.zstd_level);
    assert!(
        bytes.len() <= c,
        "rung 6 {} B > rung-5 stand-in {c} B",
        bytes.len()
    );
}

fn arb_series() -> impl Strategy<Value = Series> {
    let value = prop_oneof![
        any::<u64>().prop_map(f64::from_bits),
        (-500i64..500).prop_map(|k| k as f64 / 100.0),
        any::<i32>().prop_map(f64::from),
        Just(-0.0),
        Just(f64::NAN),
    ];
    (
        "[a-z]{1,6}",
        proptest::collection::btree_map("[a-z]{1,3}", "[a-z0-9]{0,3}", 0..3),
        proptest::collection::vec((any::<i64>(), -2i64..3, value, any::<bool>()), 0..40),
        any::<bool>(),
    )
        .prop_map(|(name, labels, pts, regular)| {
            let mut s = Series::new(name, labels.into_iter().collect());
            let mut t = 1_735_689_600i64;
            for (raw_t, jitter, v, int) in pts {
                t = if regular { t + 15 + jitter } else { raw_t };
                s.push(t, v, int && is_integral(v));
            }
            s
        })
}

#[test]
fn the_report_gives_column_ratios() {
    let ds = generate(Generator::Synthetic, Size::Small, 42);
    let clock = || 0.0;
    let row = metricpress::report::run_rung(&TsCodecs, &ds, &L3, &clock).expect("runs");
    assert!(row.verified, "{:?}", row.error);
    let raw = 8.0 * ds.points() as f64;
    let tr = row.timestamp_ratio.expect("timestamp ratio");
    let vr = row.value_ratio.expect("value ratio");
    assert_eq!(tr, raw / row.timestamp_bytes.expect("separable") as f64);
    assert_eq!(vr, raw / row.value_bytes.expect("separable") as f64);
    // regular 15 s scrapes shared by a host's ten series: timestamps nearly vanish
    assert!(tr > 100.0, "timestamp ratio {tr}");
    assert!(vr > 4.0, "value ratio {vr}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn round_trips_arbitrary_small_data_sets(series in proptest::collection::vec(arb_series(), 0..6)) {
        let ds = Dataset { series };
        let enc = TsCodecs.encode(&ds, &L3).expect("encodes");
        let back = TsCodecs.decode(&enc.bytes, &L3).expect("decodes");
        prop_assert_eq!(ds.bit_eq(&back), Ok(()));
    }
}

/// Rung 5 stand-in: identities + raw LE timestamp and value columns + tag bitmaps, one zstd frame.
fn columnar(ds: &Dataset, level: i32) -> usize {
    let mut b = Vec::new();
    series_meta::encode(&ds.series, &mut b);
    for s in &ds.series {
        put_u64(&mut b, s.len() as u64);
        s.timestamps
            .iter()
            .for_each(|t| b.extend_from_slice(&t.to_le_bytes()));
        s.values
            .iter()
            .for_each(|v| b.extend_from_slice(&v.to_bits().to_le_bytes()));
        for c in s.is_int.chunks(8) {
            b.push(
                c.iter()
                    .enumerate()
                    .fold(0, |a, (i, &t)| a | u8::from(t) << i),
            );
        }
    }
    zstd::compress(&b, level).expect("compresses").len()
}

fn z(b: &[u8], level: i32) -> usize {
    zstd::compress(b, level).expect("compresses").len()
}

/// Writes seed files for the fuzz target into `$P6_CORPUS` (a directory that must exist).
#[test]
#[ignore = "writes a fuzz corpus: P6_CORPUS=dir cargo test --test p6_ts_codecs -- --ignored corpus"]
fn corpus() {
    let dir = std::env::var("P6_CORPUS").expect("P6_CORPUS names a directory");
    let opts = Options { zstd_level: 1 };
    let mut small = generate(Generator::Synthetic, Size::Small, 1);
    small.series.truncate(12);
    small.series.iter_mut().for_each(|s| {
        s.timestamps.truncate(40);
        s.values.truncate(40);
        s.is_int.truncate(40);
    });
    for (i, ds) in [edge_cases(), small, Dataset::default()].iter().enumerate() {
        let enc = TsCodecs.encode(ds, &opts).expect("encodes");
        std::fs::write(format!("{dir}/seed{i}"), &enc.bytes).expect("writes");
    }
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn measure() {
    for (g, size) in [
        (Generator::Synthetic, Size::Small),
        (Generator::Random, Size::Small),
        (Generator::Synthetic, Size::Big),
    ] {
        let ds = generate(g, size, 42);
        let pts = ds.points();
        println!("\n== {g} {size}: {pts} points, {} series", ds.series.len());
        for level in [3, 19] {
            let opts = Options { zstd_level: level };
            let t0 = Instant::now();
            let enc = TsCodecs.encode(&ds, &opts).expect("encodes");
            let enc_ms = t0.elapsed().as_secs_f64() * 1e3;
            let t1 = Instant::now();
            let back = TsCodecs.decode(&enc.bytes, &opts).expect("decodes");
            let dec_ms = t1.elapsed().as_secs_f64() * 1e3;
            assert_eq!(ds.bit_eq(&back), Ok(()));
            let b = enc.breakdown.expect("breakdown");
            let (tr, vr) = raw_ratios(pts as u64, &b);
            println!(
                "level {level}: rung 6 {} B = {:.3} B/pt (ts {} / values {} / meta {}), ts ratio {:.1}x, value ratio {:.2}x, enc {enc_ms:.0} ms, dec {dec_ms:.1} ms; rung-5 stand-in {} B = {:.3} B/pt",
                enc.bytes.len(),
                enc.bytes.len() as f64 / pts as f64,
                b.timestamp_bytes,
                b.value_bytes,
                b.metadata_bytes,
                tr.unwrap_or(0.0),
                vr.unwrap_or(0.0),
                columnar(&ds, level),
                columnar(&ds, level) as f64 / pts as f64,
            );
            // choice by length / zstd-3 / zstd at the level
            for cost in [
                ValueCost::Length,
                ValueCost::Zstd(3),
                ValueCost::Zstd(level),
            ] {
                let t = Instant::now();
                let e = encode_with(&ds, &opts, cost).expect("encodes");
                println!(
                    "   choose by {cost:?}: {} B ({:.0} ms)",
                    e.bytes.len(),
                    t.elapsed().as_secs_f64() * 1e3
                );
            }
            let s = sections(&ds, ValueCost::Zstd(level)).expect("sections");
            let mut modes: BTreeMap<String, usize> = BTreeMap::new();
            for (m, p) in &s.choices {
                let name = if m.name() == "scaled_decimal" {
                    format!("scaled_decimal/order{}", p[0] >> 4)
                } else {
                    m.name().to_string()
                };
                *modes.entry(name).or_default() += 1;
            }
            println!("   modes: {modes:?}");
            if level == 19 {
                per_metric(&ds, &s.choices, level);
            }
            // would grouping value payloads by metric name help zstd?
            let mut order: Vec<usize> = (0..ds.series.len()).collect();
            let series_order: Vec<u8> =
                order.iter().flat_map(|&i| s.choices[i].1.clone()).collect();
            order.sort_by_key(|&i| &ds.series[i].name);
            let by_name: Vec<u8> = order.iter().flat_map(|&i| s.choices[i].1.clone()).collect();
            println!(
                "   value payloads in series order {} B, grouped by metric {} B",
                z(&series_order, level),
                z(&by_name, level)
            );
            let one: Vec<u8> = [&s.metadata[..], &s.timestamps, &s.values].concat();
            println!(
                "   one frame {} B vs three frames {} B (sections raw {} / {} / {})",
                z(&one, level),
                z(&s.metadata, level) + z(&s.timestamps, level) + z(&s.values, level),
                s.metadata.len(),
                s.timestamps.len(),
                s.values.len()
            );
            let vb: Vec<u8> = ds
                .series
                .iter()
                .flat_map(|s| delta_of_delta::encode(&s.timestamps))
                .collect();
            let bb: Vec<u8> = ds
                .series
                .iter()
                .flat_map(|s| delta_of_delta::encode_buckets(&s.timestamps))
                .collect();
            println!(
                "   timestamps: varints {} B -> zstd {} B; buckets {} B -> zstd {} B",
                vb.len(),
                z(&vb, level),
                bb.len(),
                z(&bb, level)
            );
        }
    }
}

/// Per metric: the chosen payloads' size alone after zstd, and the order-0 entropy of their bytes.
fn per_metric(ds: &Dataset, choices: &[(ValueMode, Vec<u8>)], level: i32) {
    let mut by: BTreeMap<&str, (usize, usize, f64)> = BTreeMap::new();
    for (s, (_, p)) in ds.series.iter().zip(choices) {
        let e = by.entry(s.name.as_str()).or_default();
        e.0 += p.len();
        e.1 += z(p, level);
        let mut hist = [0usize; 256];
        p.iter().for_each(|&b| hist[usize::from(b)] += 1);
        let n = p.len() as f64;
        e.2 += hist
            .iter()
            .filter(|&&c| c > 0)
            .map(|&c| -(c as f64) * (c as f64 / n).log2())
            .sum::<f64>()
            / 8.0;
    }
    for (name, (raw, zs, h)) in by {
        println!(
            "     {name:32} payload {raw:6} B, alone+zstd {zs:6} B, order-0 byte entropy {h:8.0} B"
        );
    }
    // headroom for rung 8: dividing scaled integers by the GCD of their deltas
    let (mut now, mut with_gcd) = (0, 0);
    for (s, (mode, p)) in ds.series.iter().zip(choices) {
        let Some((e, ks)) = scaled_decimal::scale_all(&s.values) else {
            continue;
        };
        let g = ks
            .windows(2)
            .fold(0u64, |g, w| gcd(g, w[1].wrapping_sub(w[0]).unsigned_abs()));
        if g > 1 && *mode == ValueMode::ScaledDecimal && g <= i64::MAX as u64 {
            let order = p[0] >> 4;
            let reduced: Vec<i64> = ks.iter().map(|k| (k - ks[0]) / g as i64).collect();
            now += z(p, level);
            with_gcd += z(&scaled_decimal::encode_scaled(e, &reduced, order), level);
        }
    }
    println!(
        "     series with a delta GCD > 1: {now} B now, {with_gcd} B divided by it (alone+zstd)"
    );
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}
