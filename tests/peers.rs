#![cfg(not(target_arch = "wasm32"))]
//! Every runnable peer round-trips bit-exactly (including the shared metadata and integer tags),
//! and the peer registry lists the unavailable ones with a reason.

use metricpress::generate::{generate, Generator, Size};
use metricpress::model::{Dataset, Series};
use metricpress::peers::{self, Entry, PEERS};

fn edge() -> Dataset {
    let mut a = Series::new("m", vec![("host".into(), "a".into())]);
    for (i, v) in [
        1.0,
        -0.0,
        f64::from_bits(0x7ff8_0000_0000_0001),
        2.5,
        1e300,
        7.0,
    ]
    .into_iter()
    .enumerate()
    {
        a.push(100 + 15 * i as i64, v, v == 7.0);
    }
    let b = Series::new("empty", vec![]);
    let mut c = Series::new("m", vec![("host".into(), "b".into())]);
    c.push(5, 0.25, false);
    Dataset {
        series: vec![a, b, c],
    }
}

#[test]
fn every_available_peer_round_trips() {
    let sets = [
        generate(Generator::Synthetic, Size::Small, 3),
        generate(Generator::Random, Size::Small, 3),
        edge(),
    ];
    let clock = || 0.0;
    for ds in &sets {
        let rows = peers::run_peers(ds, &clock, &mut |_, _| {});
        assert_eq!(rows.len(), PEERS.len());
        for (row, entry) in rows.iter().zip(PEERS) {
            match entry {
                Entry::Available(_) => {
                    assert!(row.verified, "{}: {:?}", row.name, row.note);
                    assert!(row.bytes.is_some_and(|b| b > 0));
                }
                Entry::Unavailable { .. } => {
                    assert!(!row.verified && row.bytes.is_none() && row.note.is_some());
                }
            }
        }
    }
}

#[test]
fn peers_reject_corrupt_bytes() {
    let ds = edge();
    for name in ["pco", "pco_decimal", "zstd_columns", "chimp128", "elf"] {
        let p = peers::by_name(name).expect("peer");
        let b = peers::encode(p, &ds).expect("encodes");
        for cut in 0..b.len() {
            assert!(peers::decode(p, &b[..cut]).is_err(), "{name} prefix {cut}");
        }
    }
}

#[test]
fn peers_carry_exactly_rung8s_metadata_section() {
    let ds = generate(Generator::Synthetic, Size::Small, 5);
    let enc = metricpress::codec8::encode(&ds, peers::PEER_ZSTD_LEVEL).expect("encodes");
    let meta_end = enc.breakdown.expect("breakdown").metadata_bytes as usize
        - metricpress::codec8::CHECKSUM_LEN;
    let section = &enc.bytes[4..meta_end];
    assert!(section.len() > 10);
    for name in ["pco", "zstd_columns", "elf"] {
        let b = peers::encode(peers::by_name(name).expect("peer"), &ds).expect("encodes");
        assert_eq!(&b[..section.len()], section, "{name}");
    }
}
