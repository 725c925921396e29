#![cfg(not(target_arch = "wasm32"))]
//! Rung 8 (`metricpress`): bit-exact round trips on the generators and the edge cases, corrupt
//! bytes, its size against the `pco` peer, and a property test over arbitrary data sets.

use metricpress::codec8::{self, Tuning};
use metricpress::generate::{generate, Generator, Size};
use metricpress::ladder::{by_name, Options};
use metricpress::model::{Dataset, Series};
use metricpress::peers;
use proptest::prelude::*;

fn round_trip(ds: &Dataset) -> Vec<u8> {
    let enc = codec8::encode(ds, 19).expect("encodes");
    let back = codec8::decode(&enc.bytes).expect("decodes");
    assert_eq!(ds.bit_eq(&back), Ok(()));
    for tuning in [
        Tuning {
            share_clocks: false,
            regular: false,
            pool: false,
            decimal: false,
            constants: false,
        },
        Tuning {
            pool: false,
            ..Tuning::default()
        },
    ] {
        let e = codec8::encode_with(ds, 3, &tuning).expect("encodes");
        let back = codec8::decode(&e.bytes).expect("decodes");
        assert_eq!(ds.bit_eq(&back), Ok(()), "{tuning:?}");
    }
    enc.bytes
}

fn series(name: &str, host: &str, points: &[(i64, f64, bool)]) -> Series {
    let mut s = Series::new(name, vec![("host".into(), host.into())]);
    for &(t, v, i) in points {
        s.push(t, v, i);
    }
    s
}

fn one(points: &[(i64, f64, bool)]) -> Dataset {
    Dataset {
        series: vec![series("m", "a", points)],
    }
}

#[test]
fn generators_round_trip_and_the_ladder_entry_verifies() {
    for g in [Generator::Synthetic, Generator::Random] {
        let ds = generate(g, Size::Small, 42);
        round_trip(&ds);
        let rung = by_name("metricpress").expect("registered");
        let enc = rung.encode(&ds, &Options::default()).expect("encodes");
        let back = rung
            .decode(&enc.bytes, &Options::default())
            .expect("decodes");
        assert_eq!(rung.verify(&ds, &back), Ok(()));
        let b = enc.breakdown.expect("breakdown");
        assert_eq!(
            b.timestamp_bytes + b.value_bytes + b.metadata_bytes,
            enc.bytes.len() as u64
        );
    }
}

#[test]
fn edge_cases_round_trip() {
    let nan_payload = f64::from_bits(0x7ff8_0000_0000_beef);
    let snan = f64::from_bits(0x7ff0_0000_0000_0001);
    let odd = [
        -0.0,
        0.0,
        nan_payload,
        snan,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE / 4.0,
        5e-324,
        9_007_199_254_740_993.0,
        f64::MAX,
        f64::MIN,
    ];
    let pts: Vec<(i64, f64, bool)> = odd
        .iter()
        .enumerate()
        .map(|(i, &v)| (i as i64 * 10, v, false))
        .collect();
    let cases: Vec<Dataset> = vec![
        Dataset::default(),
        Dataset {
            series: vec![series("empty", "a", &[])],
        },
        one(&[(1_700_000_000, 42.5, false)]),
        one(&[(i64::MIN, -0.0, false)]),
        one(&pts),
        one(&[
            (0, 9_007_199_254_740_992.0, true),
            (1, 9_007_199_254_740_994.0, true),
            (2, 5_000_000_000.0, true),
            (3, -4_000_000_000.0, true),
            (4, 9.2e18, false),
        ]),
        one(&[(0, 3.0, false), (15, -3.000_000_000_000_000_4, false)]),
        one(&(0..256)
            .map(|i| (i * 15, i as f64 * 0.25, false))
            .collect::<Vec<_>>()),
        one(&(0..257)
            .map(|i| (i * 15, (i % 257) as f64 / 7.0, false))
            .collect::<Vec<_>>()),
        one(&(0..100)
            .map(|i| (i * 15, if i == 50 { 7.25 } else { 0.0 }, false))
            .collect::<Vec<_>>()),
        one(&(0..50).map(|_| (1000, 1.0, true)).collect::<Vec<_>>()),
        one(&(0..50)
            .map(|i| (i64::MAX - i, i as f64, i % 3 == 0))
            .collect::<Vec<_>>()),
        Dataset {
            series: vec![
                series(
                    "m",
                    "a",
                    &[(300, 1.0, true), (200, 2.0, true), (100, 3.0, true)],
                ),
                series("m", "b", &[(900, 1.5, false), (800, 2.5, false)]),
                series(
                    "m",
                    "c",
                    &[(100, 12.0, true), (200, 12.5, false), (300, 400.0, true)],
                ),
            ],
        },
        Dataset {
            series: vec![
                series(
                    "a",
                    "x",
                    &[(0, 1.0, false), (15, 2.0, false), (31, 3.0, false)],
                ),
                series("a", "y", &[(0, 1.1, false), (15, 2.2, false)]),
                series(
                    "b",
                    "x",
                    &[(0, 5.0, false), (15, 5.0, false), (31, 5.0, false)],
                ),
                series(
                    "b",
                    "y",
                    &[(0, 1.0, false), (15, 2.0, false), (31, 3.0, false)],
                ),
                series("a", "z", &[]),
            ],
        },
    ];
    for (i, ds) in cases.iter().enumerate() {
        ds.validate().expect("valid case");
        let b = round_trip(ds);
        assert!(!b.is_empty(), "case {i}");
    }
}

fn small_mixed() -> Dataset {
    let mut ds = generate(Generator::Synthetic, Size::Small, 7);
    for s in &mut ds.series {
        s.timestamps.truncate(40);
        s.values.truncate(40);
        s.is_int.truncate(40);
    }
    ds.series.truncate(12);
    ds.series[3].values[5] = f64::NAN;
    ds
}

#[test]
fn corrupt_bytes_give_an_error_never_a_panic_or_wrong_data() {
    let ds = small_mixed();
    let bytes = round_trip(&ds);
    for cut in 0..bytes.len() {
        assert!(codec8::decode(&bytes[..cut]).is_err(), "prefix {cut}");
    }
    for i in 0..bytes.len() {
        for bit in [0x01u8, 0x10, 0x80] {
            let mut b = bytes.clone();
            b[i] ^= bit;
            if let Ok(d) = codec8::decode(&b) {
                assert_eq!(ds.bit_eq(&d), Ok(()), "flip at {i} decoded to other data");
            }
        }
    }
    let mut extra = bytes.clone();
    extra.push(0);
    assert!(codec8::decode(&extra).is_err());
}

fn seal(mut body: Vec<u8>) -> Vec<u8> {
    let sum = codec8::checksum(&body);
    body.extend_from_slice(&sum);
    body
}

/// A hand-made encoding of one constant series of `n` points on a regular clock.
fn hand_made(n_varint: &[u8]) -> Vec<u8> {
    let mut meta = vec![1, 1, b'm', 1, 0, 0];
    meta.extend_from_slice(n_varint);
    meta.push(0);
    let mut b = b"MP8\x01".to_vec();
    b.extend_from_slice(&[0, meta.len() as u8]);
    b.extend_from_slice(&meta);
    b.extend_from_slice(&[0, 5, 1, 0, 0, 0, 2]);
    b.extend_from_slice(&[0, 9, 0]);
    b.extend_from_slice(&2.5f64.to_bits().to_le_bytes());
    seal(b)
}

#[test]
fn hostile_counts_are_refused_without_huge_allocations() {
    let ok = codec8::decode(&hand_made(&[0xe8, 0x07])).expect("1000 points decode");
    assert_eq!(ok.series[0].values, vec![2.5; 1000]);
    assert_eq!(ok.series[0].timestamps[999], 999);
    let two_to_40 = [0x80, 0x80, 0x80, 0x80, 0x80, 0x20];
    assert!(codec8::decode(&hand_made(&two_to_40)).is_err());
}

#[test]
fn resealed_mutations_never_panic() {
    let ds = small_mixed();
    let bytes = round_trip(&ds);
    let body = &bytes[..bytes.len() - codec8::CHECKSUM_LEN];
    let mut errors = 0;
    for i in 0..body.len() {
        for bit in [0x01u8, 0x04, 0x40, 0x80] {
            let mut b = body.to_vec();
            b[i] ^= bit;
            errors += usize::from(codec8::decode(&seal(b)).is_err());
        }
    }
    assert!(errors > body.len(), "most mutations are caught: {errors}");
}

#[test]
fn rung8_is_not_larger_than_pco_nor_pco_decimal_on_synthetic_small() {
    let ds = generate(Generator::Synthetic, Size::Small, 42);
    let ours = codec8::encode(&ds, 19).expect("encodes").bytes.len();
    for name in ["pco", "pco_decimal", "zstd_columns", "chimp128", "elf"] {
        let peer = peers::by_name(name).expect("peer");
        let theirs = peers::encode(peer, &ds).expect("peer encodes").len();
        assert!(ours <= theirs, "{name}: rung 8 {ours} B > {theirs} B");
    }
}

fn arb_dataset() -> impl Strategy<Value = Dataset> {
    let value = prop_oneof![
        any::<u64>().prop_map(f64::from_bits),
        (-1000i64..1000).prop_map(|k| k as f64 / 100.0),
        (-50i64..50).prop_map(|k| k as f64),
        Just(-0.0),
    ];
    let pts = proptest::collection::vec((0i64..40, value, any::<bool>()), 0..40);
    let s = (0usize..3, 0usize..3, pts, any::<bool>()).prop_map(|(name, host, pts, shared)| {
        let mut s = Series::new(
            format!("m{name}"),
            vec![("host".into(), format!("h{host}"))],
        );
        let mut t = 1_000i64;
        for (i, (dt, v, int)) in pts.into_iter().enumerate() {
            t = if shared {
                1_000 + 15 * i as i64
            } else {
                t + dt
            };
            s.push(t, v, int && metricpress::model::is_integral(v));
        }
        s
    });
    proptest::collection::vec(s, 0..8).prop_map(|series| Dataset { series })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_data_sets_round_trip(ds in arb_dataset()) {
        let enc = codec8::encode(&ds, 3).expect("encodes");
        let back = codec8::decode(&enc.bytes).expect("decodes");
        prop_assert_eq!(ds.bit_eq(&back), Ok(()));
    }
}
