//! Chart (a): how many times smaller than NDJSON each rung is, on a log scale. Bars are horizontal
//! so rung names stay readable on a phone. The lossy rung is set apart: it sits below a gap, is
//! drawn in its own colour and is labelled "(lossy)", because its ratio buys lost information.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{self, short, Sizes};
use super::ChartData;

const TITLE: &str = "Compression ratio vs NDJSON (higher is better)";

/// One bar: its label, ratio, colour and slot from the top.
struct Bar {
    label: String,
    ratio: f64,
    color: RGBColor,
    note: &'static str,
    slot: i32,
}

fn bars(data: &ChartData) -> (Vec<Bar>, i32) {
    let mut out = Vec::new();
    let mut slot = 0;
    let mut push = |r: &super::RungBar, slot: &mut i32| {
        if let Some(ratio) = r.ratio {
            let (color, note) = match (r.lossless, r.verified) {
                (_, false) => (style::FAILED, "  NOT VERIFIED"),
                (false, true) => (style::LOSSY, ""),
                (true, true) => (style::LOSSLESS, ""),
            };
            let label = if r.lossless {
                r.name.clone()
            } else {
                format!("{} (lossy)", r.name)
            };
            out.push(Bar {
                label,
                ratio,
                color,
                note,
                slot: *slot,
            });
            *slot += 1;
        }
    };
    data.rungs
        .iter()
        .filter(|r| r.lossless)
        .for_each(|r| push(r, &mut slot));
    if data.rungs.iter().any(|r| !r.lossless && r.ratio.is_some()) && slot > 0 {
        slot += 1; // the gap that sets the lossy rung apart
    }
    data.rungs
        .iter()
        .filter(|r| !r.lossless)
        .for_each(|r| push(r, &mut slot));
    (out, slot)
}

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
) -> Result<(), String> {
    let (bars, slots) = bars(data);
    if bars.is_empty() {
        return super::draw_message(root, TITLE, "No rungs measured yet.");
    }
    let (w, _) = root.dim_in_pixel();
    let s = Sizes::for_width(w);
    let names: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
    let lo = bars.iter().map(|b| b.ratio).fold(f64::INFINITY, f64::min);
    let hi = bars.iter().map(|b| b.ratio).fold(0.0, f64::max);
    let (lo, hi) = ((lo * 0.5).min(0.5), hi * if s.narrow { 8.0 } else { 3.0 });
    let label_of = |v: &SegmentValue<i32>| {
        style::row_label(v, slots, |i| {
            bars.iter()
                .find(|b| usize::try_from(b.slot).ok() == Some(i))
                .map(|b| b.label.clone())
        })
    };
    let mut chart = ChartBuilder::on(root)
        .caption(
            s.pick(TITLE, "Ratio vs NDJSON (higher is better)"),
            s.title(),
        )
        .margin(8)
        .margin_right(12)
        .x_label_area_size(s.font * 3)
        .y_label_area_size(s.name_column(&names, w))
        .build_cartesian_2d((lo..hi).log_scale(), (0..slots - 1).into_segmented())
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(slots as usize + 1)
        .y_label_formatter(&label_of)
        .x_labels(s.x_ticks())
        .x_label_formatter(&|x| {
            if *x >= 1000.0 {
                format!("{x:.0e}x")
            } else {
                format!("{}x", short(*x))
            }
        })
        .x_desc(s.pick(
            "times smaller than NDJSON (log scale)",
            "times smaller (log scale)",
        ))
        .label_style(s.label())
        .axis_desc_style(s.label())
        .draw()
        .map_err(|e| e.to_string())?;
    let pad = (s.font / 3).max(2);
    chart
        .draw_series(bars.iter().map(|b| {
            let y = slots - 1 - b.slot;
            let mut r = Rectangle::new(
                [
                    (lo, SegmentValue::Exact(y)),
                    (b.ratio, SegmentValue::Exact(y + 1)),
                ],
                b.color.filled(),
            );
            r.set_margin(pad, pad, 0, 0);
            r
        }))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(bars.iter().map(|b| {
            let y = slots - 1 - b.slot;
            Text::new(
                format!("{}x{}", short(b.ratio), b.note),
                (b.ratio * 1.06, SegmentValue::CenterOf(y)),
                s.value(),
            )
        }))
        .map_err(|e| e.to_string())?;
    Ok(())
}
