//! The page's charts: `crate::plot` drawn into `<canvas id="chart-NAME">` through plotters-canvas.
//! The last data is kept so the charts redraw at the new width when the window is resized; canvas
//! pixels follow the element's CSS width, so text stays legible at phone width.

use std::cell::RefCell;

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::dom;
use crate::plot::{self, Chart, ChartData};

thread_local! {
    static LAST: RefCell<Option<ChartData>> = const { RefCell::new(None) };
}

/// Canvas height for a chart of `rows` bars.
fn height(rows: usize, compact: bool) -> u32 {
    let h = (110 + 30 * rows as u32).max(220);
    if compact {
        h.min(330)
    } else {
        h.min(560)
    }
}

fn rows(chart: Chart, data: &ChartData) -> usize {
    match chart {
        Chart::Ratio => data.rungs.len() + usize::from(data.rungs.iter().any(|r| !r.lossless)),
        Chart::Breakdown => data.rungs.len(),
        Chart::Peers => data.peers.len(),
    }
}

/// Sizes `canvas` to its CSS width (or `fallback_width` when it has none yet) and draws `chart`.
pub fn draw_on(
    canvas: &HtmlCanvasElement,
    chart: Chart,
    data: &ChartData,
    fallback_width: u32,
    compact: bool,
) -> Result<(), String> {
    let w = match canvas.client_width() {
        w if w > 50 => w as u32,
        _ => fallback_width,
    };
    canvas.set_width(w);
    canvas.set_height(height(rows(chart, data), compact));
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| "this browser gives no 2D canvas context".to_string())?;
    let root = backend.into_drawing_area();
    plot::draw(&root, chart, data).map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

/// Draws every chart of the page for `data` and keeps it for redraws.
pub fn show(data: ChartData) -> Result<(), String> {
    LAST.with(|l| *l.borrow_mut() = Some(data));
    redraw()
}

/// Redraws the kept data (after a resize).
pub fn redraw() -> Result<(), String> {
    let compact = dom::document()
        .and_then(|d| d.body())
        .is_some_and(|b| b.class_list().contains("embed"));
    LAST.with(|l| {
        let Some(data) = &*l.borrow() else {
            return Ok(());
        };
        dom::set_hidden("chart-peers", !data.has_peers());
        for chart in Chart::ALL {
            let id = format!("chart-{}", chart.name());
            if let Some(c) = dom::by_id::<HtmlCanvasElement>(&id) {
                if chart == Chart::Peers && !data.has_peers() {
                    continue;
                }
                draw_on(&c, chart, data, 600, compact)?;
            }
        }
        Ok(())
    })
}
