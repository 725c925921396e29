//! Rung 8 ablation: the bytes each modelling idea saves, one switched off at a time
//! (`codec8::Tuning`), at the default zstd level. A measurement, so it is `#[ignore]`d; every
//! variant must still round-trip bit-exactly. Run:
//! `cargo test --release --test metricpress_ablation -- --ignored --nocapture`
//! (the real excerpts are included when `../shared/data/westermo` exists beside the project).
#![cfg(not(target_arch = "wasm32"))]

use metricpress::codec8::{self, Tuning};
use metricpress::encoding::zstd::DEFAULT_LEVEL;
use metricpress::generate::{generate, Generator, Size};
use metricpress::model::Dataset;

fn variants() -> Vec<(&'static str, Tuning)> {
    let on = Tuning::default();
    vec![
        ("nothing (all on)", on),
        (
            "shared clocks",
            Tuning {
                share_clocks: false,
                ..on
            },
        ),
        (
            "regular-clock descriptor",
            Tuning {
                regular: false,
                ..on
            },
        ),
        ("pooling per metric", Tuning { pool: false, ..on }),
        (
            "exact decimal scaling",
            Tuning {
                decimal: false,
                ..on
            },
        ),
        (
            "constants in 8 bytes",
            Tuning {
                constants: false,
                ..on
            },
        ),
        (
            "everything",
            Tuning {
                share_clocks: false,
                regular: false,
                pool: false,
                decimal: false,
                constants: false,
            },
        ),
    ]
}

#[test]
#[ignore = "measurement: run in release with --ignored --nocapture"]
fn ablation_table() {
    let mut sets: Vec<(String, Dataset)> = vec![
        (
            "synthetic small".into(),
            generate(Generator::Synthetic, Size::Small, 42),
        ),
        (
            "random small".into(),
            generate(Generator::Random, Size::Small, 42),
        ),
    ];
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/westermo");
    for part in ["head", "day"] {
        let dir = std::path::Path::new(shared).join(part);
        if dir.is_dir() {
            let (ds, _) = metricpress::real::load_dir(&dir, Size::Huge).expect("loads");
            sets.push((format!("real {part}"), ds));
        }
    }
    print!("| switched off |");
    sets.iter().for_each(|(n, _)| print!(" {n} |"));
    println!();
    let mut base = vec![0i64; sets.len()];
    for (name, tuning) in variants() {
        print!("| {name} |");
        for (i, (_, ds)) in sets.iter().enumerate() {
            let bytes = codec8::encode_with(ds, DEFAULT_LEVEL, &tuning)
                .expect("encodes")
                .bytes;
            let back = codec8::decode(&bytes).expect("decodes");
            assert_eq!(ds.bit_eq(&back), Ok(()), "{name}");
            let n = bytes.len() as i64;
            if base[i] == 0 {
                base[i] = n;
                print!(" {n} |");
            } else {
                print!(" {:+} |", n - base[i]);
            }
        }
        println!();
    }
}
