//! Chart (b): bytes per point split into timestamps, values and metadata, stacked, for the rungs
//! whose format keeps the parts apart. Rungs that interleave everything (NDJSON, CBOR, ...) are
//! listed with their total only, since their bytes cannot be attributed honestly.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{self, short, Sizes};
use super::ChartData;

const TITLE: &str = "Bytes per point: timestamps / values / metadata";
const PARTS: [&str; 3] = ["timestamps", "values", "metadata"];

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
) -> Result<(), String> {
    let rows = &data.rungs;
    if rows.is_empty() {
        return super::draw_message(root, TITLE, "No rungs measured yet.");
    }
    let (w, _) = root.dim_in_pixel();
    let s = Sizes::for_width(w);
    let n = rows.len() as i32;
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    let split_max = rows
        .iter()
        .filter_map(|r| r.split.map(|p| p.iter().sum::<f64>()))
        .fold(0.0, f64::max);
    let hi = if split_max > 0.0 {
        split_max * 1.45
    } else {
        1.0
    };
    let label_of =
        |v: &SegmentValue<i32>| style::row_label(v, n, |i| rows.get(i).map(|r| r.name.clone()));
    let (top, body) = root.split_vertically(s.font * 7 / 2);
    legend(&top, s)?;
    let mut chart = ChartBuilder::on(&body)
        .margin(8)
        .margin_right(12)
        .x_label_area_size(s.font * 3)
        .y_label_area_size(s.name_column(&names, w))
        .build_cartesian_2d(0.0..hi, (0..n - 1).into_segmented())
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n as usize + 1)
        .y_label_formatter(&label_of)
        .x_labels(s.x_ticks())
        .x_desc(s.pick(
            "bytes per point (only rungs that separate the parts)",
            "B/pt (separable rungs only)",
        ))
        .label_style(s.label())
        .axis_desc_style(s.label())
        .draw()
        .map_err(|e| e.to_string())?;
    let pad = (s.font / 3).max(2);
    for part in 0..PARTS.len() {
        let color = style::PARTS[part];
        chart
            .draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
                let split = r.split?;
                let start: f64 = split[..part].iter().sum();
                let y = n - 1 - i as i32;
                let mut rect = Rectangle::new(
                    [
                        (start, SegmentValue::Exact(y)),
                        (start + split[part], SegmentValue::Exact(y + 1)),
                    ],
                    color.filled(),
                );
                rect.set_margin(pad, pad, 0, 0);
                Some(rect)
            }))
            .map_err(|e| e.to_string())?;
    }
    chart
        .draw_series(rows.iter().enumerate().map(|(i, r)| {
            let y = n - 1 - i as i32;
            let (x, text) = match r.split {
                Some(p) => (
                    p.iter().sum::<f64>(),
                    format!("{} B/pt", short(r.bytes_per_point)),
                ),
                None => (
                    0.0,
                    format!("{} B/pt (not separable)", short(r.bytes_per_point)),
                ),
            };
            Text::new(text, (x + hi * 0.01, SegmentValue::CenterOf(y)), s.value())
        }))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// The title and, under it, the colour key, in a strip above the plot (a legend inside the plot
/// would cover bars and their labels).
fn legend<DB: DrawingBackend>(top: &DrawingArea<DB, Shift>, s: Sizes) -> Result<(), String> {
    let (w, _) = top.dim_in_pixel();
    let f = s.font as i32;
    let title = s.title().pos(Pos::new(HPos::Center, VPos::Top));
    top.draw(&Text::new(
        s.pick(TITLE, "Bytes per point by part"),
        (w as i32 / 2, 6),
        title,
    ))
    .map_err(|e| e.to_string())?;
    let y = 6 + f * 2;
    let mut x = 12;
    for (part, name) in PARTS.iter().enumerate() {
        let swatch = Rectangle::new(
            [(x, y - f / 3), (x + f * 2 / 3, y + f / 3)],
            style::PARTS[part].filled(),
        );
        top.draw(&swatch).map_err(|e| e.to_string())?;
        top.draw(&Text::new(*name, (x + f, y), s.value()))
            .map_err(|e| e.to_string())?;
        x += f * 2 + name.len() as i32 * f * 6 / 10;
    }
    Ok(())
}
