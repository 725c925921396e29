//! Chart (c): our codec (rung 8) against the peer codecs, in bytes per point, with the order-0
//! entropy reference as a dashed line. The reference is not a bound: on short series or nearly
//! unique floats it is far too low because it ignores the cost of describing the alphabet, and
//! the chart says so.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{self, short, Sizes};
use super::ChartData;

const TITLE: &str = "Rung 8 vs peers, bytes per point (lower is better)";

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
) -> Result<(), String> {
    if !data.has_peers() {
        return super::draw_message(
            root,
            TITLE,
            "This report has no peer codecs or entropy reference.",
        );
    }
    let rows = &data.peers;
    let (w, _) = root.dim_in_pixel();
    let s = Sizes::for_width(w);
    let n = rows.len().max(1) as i32;
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    let max = rows
        .iter()
        .filter_map(|r| r.bytes_per_point)
        .chain(data.floor_bytes_per_point)
        .fold(0.0, f64::max);
    let hi = if max > 0.0 { max * 1.35 } else { 1.0 };
    let label_of =
        |v: &SegmentValue<i32>| style::row_label(v, n, |i| rows.get(i).map(|r| r.name.clone()));
    let mut chart = ChartBuilder::on(root)
        .caption(s.pick(TITLE, "Rung 8 vs peers, B/pt"), s.title())
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
        .x_desc("bytes per point")
        .label_style(s.label())
        .axis_desc_style(s.label())
        .draw()
        .map_err(|e| e.to_string())?;
    let pad = (s.font / 3).max(2);
    chart
        .draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
            let y = n - 1 - i as i32;
            let color = if r.ours { style::OURS } else { style::PEER };
            let mut rect = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(y)),
                    (r.bytes_per_point?, SegmentValue::Exact(y + 1)),
                ],
                color.filled(),
            );
            rect.set_margin(pad, pad, 0, 0);
            Some(rect)
        }))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(rows.iter().enumerate().map(|(i, r)| {
            let y = n - 1 - i as i32;
            let (x, text) = match r.bytes_per_point {
                Some(b) => (b, format!("{} B/pt", short(b))),
                None => (0.0, "did not run (see table)".to_string()),
            };
            Text::new(text, (x + hi * 0.01, SegmentValue::CenterOf(y)), s.value())
        }))
        .map_err(|e| e.to_string())?;
    if let Some(f) = data.floor_bytes_per_point {
        let dashed = style::FAILED.stroke_width(2);
        chart
            .draw_series(DashedLineSeries::new(
                [(f, SegmentValue::Exact(0)), (f, SegmentValue::Last)],
                6,
                4,
                dashed,
            ))
            .map_err(|e| e.to_string())?
            .label(if s.narrow {
                format!("entropy reference {} B/pt", short(f))
            } else {
                format!(
                    "order-0 entropy {} B/pt (a reference, not a bound)",
                    short(f)
                )
            })
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 14, y)], dashed));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(style::MUTED)
            .label_font(s.label())
            .draw()
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
