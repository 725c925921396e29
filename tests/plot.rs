//! The chart code (`metricpress::plot`) on native backends: every chart puts ink on a bitmap at
//! desktop and phone width, an empty report draws a message, SVG names every rung, and
//! `cli::plot::write` produces real PNG and SVG files.
#![cfg(not(target_arch = "wasm32"))]

use metricpress::plot::{self, Chart, ChartData};
use plotters::prelude::*;

fn sample() -> serde_json::Value {
    serde_json::json!({
        "dataset": {"points": 1000},
        "rungs": [
            {"name": "ndjson", "lossless": true, "verified": true, "bytes": 80000,
             "bytes_per_point": 80.0, "ratio_vs_ndjson": 1.0},
            {"name": "columnar", "lossless": true, "verified": true, "bytes": 4000,
             "bytes_per_point": 4.0, "ratio_vs_ndjson": 20.0,
             "timestamp_bytes": 1000, "value_bytes": 2500, "metadata_bytes": 500},
            {"name": "downsample", "lossless": false, "verified": true, "bytes": 100,
             "bytes_per_point": 0.1, "ratio_vs_ndjson": 800.0},
            {"name": "metricpress", "lossless": true, "verified": false, "bytes": 2000,
             "bytes_per_point": 2.0, "ratio_vs_ndjson": 40.0,
             "timestamp_bytes": 200, "value_bytes": 1600, "metadata_bytes": 200}
        ],
        "peers": [{"name": "pco", "bytes_per_point": 2.5}, {"name": "elf"}],
        "floor": {"bytes_per_point": 1.2}
    })
}

/// Counts pixels that are not white: proof that something was drawn.
fn ink(chart: Chart, data: &ChartData, w: u32, h: u32) -> usize {
    let mut buf = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        plot::draw(&root, chart, data).expect("draws");
    }
    buf.chunks(3).filter(|p| p != &[255, 255, 255]).count()
}

#[test]
fn every_chart_draws_bars_at_desktop_and_phone_width() {
    metricpress::cli::plot::register_font();
    let data = ChartData::from_report(&sample());
    for chart in Chart::ALL {
        for (w, h) in [(900, 420), (360, 420)] {
            let n = ink(chart, &data, w, h);
            assert!(
                n > (w * h / 50) as usize,
                "{chart:?} at {w}px: only {n} pixels"
            );
        }
    }
}

#[test]
fn empty_data_draws_a_message_not_a_panic() {
    metricpress::cli::plot::register_font();
    let empty = ChartData::default();
    for chart in Chart::ALL {
        assert!(ink(chart, &empty, 400, 200) > 0);
    }
    let one = ChartData::from_report(&serde_json::json!({"dataset": {"points": 1},
        "rungs": [{"name": "ndjson", "lossless": true, "verified": true, "bytes_per_point": 9.0,
                   "ratio_vs_ndjson": 1.0}], "peers": []}));
    for chart in Chart::ALL {
        assert!(ink(chart, &one, 400, 200) > 400, "{chart:?} with one row");
    }
}

#[test]
fn svg_names_every_rung() {
    let data = ChartData::from_report(&sample());
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (800, 400)).into_drawing_area();
        plot::draw(&root, Chart::Ratio, &data).expect("draws");
    }
    for r in &data.rungs {
        assert!(svg.contains(&r.name), "{} missing", r.name);
    }
    assert!(svg.contains("downsample (lossy)"));
}

#[test]
fn write_makes_png_and_svg_files_and_rejects_other_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let keep = std::env::var_os("PLOT_SAMPLE_DIR");
    let png = dir.path().join("c.png");
    metricpress::cli::plot::write(&png, &sample()).expect("png");
    let bytes = std::fs::read(&png).expect("read png");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(bytes.len() > 10_000, "png only {} bytes", bytes.len());
    if let Some(k) = keep {
        // PLOT_SAMPLE_DIR=test-artifacts keeps the PNG to look at.
        std::fs::write(std::path::Path::new(&k).join("plot-sample.png"), &bytes).expect("keep");
    }
    let svg = dir.path().join("c.svg");
    metricpress::cli::plot::write(&svg, &sample()).expect("svg");
    let text = std::fs::read_to_string(&svg).expect("read svg");
    assert!(
        text.contains("<svg") && text.contains("pco"),
        "{}",
        &text[..80]
    );
    assert!(metricpress::cli::plot::write(&dir.path().join("c.gif"), &sample()).is_err());
}

#[test]
fn run_plot_writes_a_png_of_the_real_ladder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("ladder.png");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_metricpress"))
        .args(["run", "-q", "--no-cache", "--zstd-level", "1", "--plot"])
        .arg(&png)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).expect("png written");
    assert_eq!(&bytes[..4], b"\x89PNG");
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_metricpress"))
        .args(["run", "-q", "--plot", "out.gif"])
        .output()
        .expect("runs");
    assert_eq!(
        bad.status.code(),
        Some(2),
        "a bad --plot name is a usage error"
    );
}
