//! The charts, drawn with plotters on any [`DrawingBackend`]: a `<canvas>` in the page
//! (plotters-canvas), PNG or SVG natively (`metricpress run --plot`). Nothing here names a
//! platform: the caller makes the backend, this module draws on it.
//!
//! - [`Chart::Ratio`]: compression ratio vs NDJSON per rung, log scale; the lossy rung sits apart.
//! - [`Chart::Breakdown`]: bytes per point split into timestamps / values / metadata, where known.
//! - [`Chart::Peers`]: rung 8 vs the peer codecs vs the order-0 entropy reference.

mod breakdown;
mod data;
mod peers;
mod ratio;
mod style;

use plotters::coord::Shift;
use plotters::prelude::*;

pub use data::{ChartData, PeerBar, RungBar, OUR_RUNG};

use crate::error::{Error, Result};

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Compression ratio per rung (log scale).
    Ratio,
    /// Bytes per point split into timestamps / values / metadata.
    Breakdown,
    /// Rung 8 vs peers vs the entropy reference.
    Peers,
}

impl Chart {
    /// All charts, in page order.
    pub const ALL: [Chart; 3] = [Chart::Ratio, Chart::Breakdown, Chart::Peers];

    /// Short name, used for canvas ids (`chart-ratio`) and file names.
    pub fn name(self) -> &'static str {
        match self {
            Chart::Ratio => "ratio",
            Chart::Breakdown => "breakdown",
            Chart::Peers => "peers",
        }
    }
}

/// Draws `chart` of `data` filling `root` (white background first). The caller presents the
/// backend when all its charts are drawn (SVG writes its file on `present`).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: Chart,
    data: &ChartData,
) -> Result<()> {
    let wrap = |e: String| Error::Io {
        path: format!("chart {}", chart.name()),
        detail: e,
    };
    root.fill(&WHITE).map_err(|e| wrap(e.to_string()))?;
    let r = match chart {
        Chart::Ratio => ratio::draw(root, data),
        Chart::Breakdown => breakdown::draw(root, data),
        Chart::Peers => peers::draw(root, data),
    };
    r.map_err(wrap)
}

/// Shown instead of a chart when there is nothing to draw yet.
fn draw_message<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    message: &str,
) -> std::result::Result<(), String> {
    let (w, h) = root.dim_in_pixel();
    let s = style::Sizes::for_width(w);
    root.draw(&Text::new(title.to_string(), (10, 8), s.title()))
        .map_err(|e| e.to_string())?;
    root.draw(&Text::new(
        message.to_string(),
        (10, (h / 2) as i32),
        s.label().color(&style::MUTED),
    ))
    .map_err(|e| e.to_string())
}
