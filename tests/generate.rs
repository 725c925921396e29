//! The generators: reproducible, the shapes DESIGN.md section 2 asks for, and `random` differs
//! from `synthetic` in exactly the ways it should.
#![cfg(not(target_arch = "wasm32"))]

use metricpress::canonical::digest;
use metricpress::generate::{self, Generator, Size, METRICS};
use metricpress::stats;

fn golden(generator: &str, size: &str) -> String {
    include_str!("golden/digests.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[0] == generator && f[1] == size).then(|| f[3].to_string())
        })
        .expect("golden digest listed")
}

#[test]
fn same_seed_same_digest_and_matches_golden() {
    for g in [Generator::Synthetic, Generator::Random] {
        let a = digest(&generate::generate(g, Size::Small, 42));
        let b = digest(&generate::generate(g, Size::Small, 42));
        assert_eq!(a, b, "{g}: two runs differ");
        assert_eq!(
            a,
            golden(&g.to_string(), "small"),
            "{g}: golden digest changed"
        );
        let c = digest(&generate::generate(g, Size::Small, 43));
        assert_ne!(a, c, "{g}: seed has no effect");
    }
}

#[test]
fn statistics_match_the_golden_file_the_browser_test_also_checks() {
    let ds = generate::generate(Generator::Synthetic, Size::Small, 42);
    let got = serde_json::to_value(stats::compute(&ds)).expect("serializes");
    let want: serde_json::Value =
        serde_json::from_str(include_str!("golden/stats-synthetic-small-42.json")).expect("JSON");
    assert_eq!(got, want);
}

#[test]
fn synthetic_small_has_the_designed_shape() {
    let ds = generate::generate(Generator::Synthetic, Size::Small, 42);
    let st = stats::compute(&ds);
    assert_eq!(st.series, 50);
    assert_eq!(st.points, 50_000);
    assert!(
        st.regular_interval_share >= 0.80,
        "{}",
        st.regular_interval_share
    );
    assert!(
        (0.85..=0.99).contains(&st.zero_dod_share),
        "{}",
        st.zero_dod_share
    );
    assert!(ds.validate().is_ok());
    let mut names: Vec<&str> = ds.series.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), METRICS.len(), "all ten metric types present");
    for s in &ds.series {
        let host = s.labels.iter().find(|(k, _)| k == "host");
        assert!(host.is_some(), "{} has no host label", s.key());
        if s.name.ends_with("_percent") {
            for &v in &s.values {
                assert!((0.0..=100.0).contains(&v), "{}: {v} out of 0..100", s.key());
                assert!(
                    stats::is_short_decimal(v, 2),
                    "{}: {v} has > 2 decimals",
                    s.key()
                );
            }
        }
        if s.name.ends_with("_total") {
            assert!(
                s.is_int.iter().all(|&t| t),
                "{}: counter not tagged integer",
                s.key()
            );
            assert!(s.values.iter().all(|v| v.fract() == 0.0), "{}", s.key());
            assert!(
                s.values.windows(2).all(|w| w[1] >= w[0]),
                "{}: counter decreases",
                s.key()
            );
        }
    }
}

#[test]
fn series_on_one_host_share_a_clock_and_a_load_pattern() {
    let ds = generate::generate(Generator::Synthetic, Size::Small, 42);
    for host in ds.series.chunks(METRICS.len()) {
        for s in host {
            assert_eq!(s.timestamps, host[0].timestamps);
        }
    }
    // cpu (series 0) and connections (series 6) of one host follow the same daily load: over a
    // long run they correlate positively far more often than not.
    let big = generate::generate(Generator::Synthetic, Size::Big, 42);
    let mut positive = 0;
    for host in big.series.chunks(METRICS.len()) {
        let (a, b) = (&host[0].values, &host[6].values);
        let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
        let (ma, mb) = (mean(a), mean(b));
        let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
        positive += usize::from(cov > 0.0);
    }
    assert!(positive >= 8, "only {positive}/10 hosts correlate");
}

#[test]
fn random_small_lacks_the_regularity() {
    let syn = stats::compute(&generate::generate(Generator::Synthetic, Size::Small, 42));
    let ds = generate::generate(Generator::Random, Size::Small, 42);
    let st = stats::compute(&ds);
    assert_eq!(
        (st.series, st.points),
        (syn.series, syn.points),
        "same shape"
    );
    assert!(
        st.regular_interval_share < 0.2,
        "{}",
        st.regular_interval_share
    );
    assert!(st.zero_dod_share < 0.2, "{}", st.zero_dod_share);
    assert!(st.quantized_share < 0.01, "{}", st.quantized_share);
    assert_eq!(st.integer_share, 0.0);
    assert!(syn.quantized_share > 0.99);
    let syn_ds = generate::generate(Generator::Synthetic, Size::Small, 42);
    for (a, b) in ds.series.iter().zip(&syn_ds.series) {
        assert_eq!(
            (&a.name, &a.labels),
            (&b.name, &b.labels),
            "same series keys"
        );
    }
}

#[test]
fn huge_streams_series_of_the_right_length() {
    assert_eq!(Size::Huge.series(), 10_000);
    let mut it = generate::iter(Generator::Synthetic, Size::Huge, 42);
    let first = it.next().expect("a series");
    assert_eq!(first.len(), 10_000);
    let last = generate::series(Generator::Synthetic, Size::Huge, 42, 9_999);
    assert_eq!(last.len(), 10_000);
    assert!(last.validate().is_ok());
}
