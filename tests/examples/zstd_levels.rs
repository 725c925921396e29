//! Which zstd level for the `huge` scale? Compresses one chunk of the huge data set (100 series =
//! 1M points by default) at several levels, as canonical bytes (the raw columns) and as NDJSON-like
//! text (one JSON object per point, like the NDJSON rung), and prints size, ratio and MB/s.
//!
//! `cargo run --release --example zstd_levels -- [SERIES] [LEVELS]`, e.g. `-- 100 1,3,6,9,19`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> Result<(), metricpress::Error> {
    use metricpress::generate::{self, Generator, Size, METRICS};
    use metricpress::{canonical, encoding::zstd, model::Dataset};
    use std::time::Instant;

    let args: Vec<String> = std::env::args().collect();
    let series: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let levels: Vec<i32> = args
        .get(2)
        .map_or("1,3,6,9,19", String::as_str)
        .split(',')
        .filter_map(|l| l.parse().ok())
        .collect();
    let ds = Dataset {
        series: (0..series)
            .map(|i| generate::series(Generator::Synthetic, Size::Huge, 42, i))
            .collect(),
    };
    let canon = canonical::to_bytes(&ds);
    let mut text = String::new();
    for s in &ds.series {
        let labels: Vec<String> = s
            .labels
            .iter()
            .map(|(k, v)| format!("{k:?}:{v:?}"))
            .collect();
        let labels = labels.join(",");
        debug_assert!(METRICS.contains(&s.name.as_str()));
        for i in 0..s.len() {
            let v = if s.is_int[i] {
                format!("{}", s.values[i] as i64)
            } else {
                format!("{:?}", s.values[i])
            };
            text += &format!(
                "{{\"timestamp\":{},\"metric_name\":{:?},\"value\":{v},\"labels\":{{{labels}}}}}\n",
                s.timestamps[i], s.name
            );
        }
    }
    println!(
        "one chunk of huge synthetic: {} series, {} points\n",
        series,
        ds.points()
    );
    println!(
        "{:<10} {:>5} {:>14} {:>8} {:>10} {:>10}",
        "input", "level", "bytes", "ratio", "comp MB/s", "dec MB/s"
    );
    for (name, data) in [("canonical", canon.as_slice()), ("ndjson", text.as_bytes())] {
        for &level in &levels {
            let t0 = Instant::now();
            let z = zstd::compress(data, level)?;
            let t1 = Instant::now();
            let back = zstd::decompress(&z, data.len() as u64)?;
            let t2 = Instant::now();
            assert_eq!(back.len(), data.len());
            let mb = data.len() as f64 / 1e6;
            println!(
                "{name:<10} {level:>5} {:>14} {:>7.1}x {:>10.1} {:>10.1}",
                z.len(),
                data.len() as f64 / z.len() as f64,
                mb / (t1 - t0).as_secs_f64(),
                mb / (t2 - t1).as_secs_f64()
            );
        }
        println!("{name:<10} {:>5} {:>14}", "raw", data.len());
    }
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
