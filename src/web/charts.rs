//! The page's charts: `crate::plot` drawn into `<canvas id="chart-NAME">` through plotters-canvas.
//! The last data is kept so the charts redraw at the new width when the window is resized; canvas
//! pixels follow the element's CSS width, so text stays legible at phone width.

use std::cell::RefCell;

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
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

/// Draws every chart for `data` like [`show`], but one chart per browser task, so no single task
/// on the main thread grows long; calls `then` with the outcome after the last chart.
pub fn show_in_steps(data: ChartData, then: impl FnOnce(Result<(), String>) + 'static) {
    LAST.with(|l| *l.borrow_mut() = Some(data));
    step(0, Ok(()), Box::new(then));
}

fn step(i: usize, so_far: Result<(), String>, then: Box<dyn FnOnce(Result<(), String>)>) {
    let Some(&chart) = Chart::ALL.get(i) else {
        return then(so_far);
    };
    let Some(w) = web_sys::window() else {
        return then(Err("no window".into()));
    };
    let task = Closure::once_into_js(move || {
        let r = so_far.and_then(|()| draw_kept(chart));
        step(i + 1, r, then);
    });
    if w.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0)
        .is_err()
    {
        // No timers (should not happen in a page): nothing more can be drawn.
        dom::set_hidden("chart-peers", true);
    }
}

fn compact() -> bool {
    dom::document()
        .and_then(|d| d.body())
        .is_some_and(|b| b.class_list().contains("embed"))
}

/// Draws one chart from the kept data (the peers chart only when there are peers).
fn draw_kept(chart: Chart) -> Result<(), String> {
    LAST.with(|l| {
        let Some(data) = &*l.borrow() else {
            return Ok(());
        };
        if chart == Chart::Peers {
            dom::set_hidden("chart-peers", !data.has_peers());
            if !data.has_peers() {
                return Ok(());
            }
        }
        match dom::by_id::<HtmlCanvasElement>(&format!("chart-{}", chart.name())) {
            Some(c) => draw_on(&c, chart, data, 600, compact()),
            None => Ok(()),
        }
    })
}

/// Redraws the kept data (after a resize).
pub fn redraw() -> Result<(), String> {
    Chart::ALL.into_iter().try_for_each(draw_kept)
}
