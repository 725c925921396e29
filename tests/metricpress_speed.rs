#![cfg(not(target_arch = "wasm32"))]
//! Rung 8 throughput, in MB/s of raw 16-byte points: a benchmark, not a timed test, so it is
//! `#[ignore]`d. Run: `cargo test --release --test metricpress_speed -- --ignored --nocapture`.

use std::time::Instant;

use metricpress::codec8;
use metricpress::generate::{generate, Generator, Size};
use metricpress::peers;

fn best<T>(reps: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut b = f64::MAX;
    for _ in 0..reps {
        let t = Instant::now();
        std::hint::black_box(f());
        b = b.min(t.elapsed().as_secs_f64());
    }
    b
}

#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
fn rung8_and_peer_throughput() {
    for (g, s) in [
        (Generator::Synthetic, Size::Small),
        (Generator::Random, Size::Small),
        (Generator::Synthetic, Size::Big),
    ] {
        let ds = generate(g, s, 42);
        let mb = (ds.points() * 16) as f64 / 1e6;
        let bytes = codec8::encode(&ds, 19).expect("encodes").bytes;
        assert_eq!(ds.bit_eq(&codec8::decode(&bytes).expect("decodes")), Ok(()));
        let e = best(5, || codec8::encode(&ds, 19).expect("encodes"));
        let d = best(20, || codec8::decode(&bytes).expect("decodes"));
        println!(
            "{g} {s}: metricpress {} B, encode {:.0} MB/s, decode {:.0} MB/s",
            bytes.len(),
            mb / e,
            mb / d
        );
        let p = peers::by_name("pco").expect("pco");
        let pb = peers::encode(p, &ds).expect("encodes");
        let pe = best(5, || peers::encode(p, &ds).expect("encodes"));
        let pd = best(20, || peers::decode(p, &pb).expect("decodes"));
        println!(
            "{g} {s}: pco peer    {} B, encode {:.0} MB/s, decode {:.0} MB/s",
            pb.len(),
            mb / pe,
            mb / pd
        );
    }
}
