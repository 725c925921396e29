//! `metricpress run --plot out.png|out.svg`: the page's charts (`crate::plot`) rendered to a file.
//! PNG text needs a font; DejaVu Sans is bundled (`src/plot/DejaVuSans.ttf`, licence beside it) so
//! the output does not depend on the fonts installed on the machine.

use std::path::Path;
use std::sync::Once;

use plotters::prelude::*;

use crate::error::{Error, Result};
use crate::plot::{self, Chart, ChartData};

static FONT: &[u8] = include_bytes!("../plot/DejaVuSans.ttf");

/// Width of the file, and height of each chart in it.
const WIDTH: u32 = 1000;
const CHART_HEIGHT: u32 = 440;

/// Registers the bundled font as `sans-serif` (once per process).
pub fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bytes are a known-good TTF compiled in; failure would only mean plainer text.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// The charts a report has data for, in page order.
pub fn charts_for(data: &ChartData) -> Vec<Chart> {
    Chart::ALL
        .into_iter()
        .filter(|c| *c != Chart::Peers || data.has_peers())
        .collect()
}

/// Checks that `path` names a format we can write, before any work is done.
pub fn check_path(path: &Path) -> Result<()> {
    match format_of(path) {
        Some(_) => Ok(()),
        None => Err(Error::Usage(format!(
            "--plot {}: the file name must end in .png or .svg",
            path.display()
        ))),
    }
}

fn format_of(path: &Path) -> Option<&'static str> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "png" => Some("png"),
        "svg" => Some("svg"),
        _ => None,
    }
}

/// Writes the charts of `report` (the `run --json` value) one above the other to `path`; the
/// extension picks the format.
pub fn write(path: &Path, report: &serde_json::Value) -> Result<()> {
    register_font();
    let data = ChartData::from_report(report);
    let charts = charts_for(&data);
    let size = (WIDTH, CHART_HEIGHT * charts.len() as u32);
    let io = |e: String| Error::io(path.display().to_string(), e);
    check_path(path)?;
    match format_of(path) {
        Some("png") => {
            let root = BitMapBackend::new(path, size).into_drawing_area();
            draw_all(&root, &charts, &data)?;
            root.present().map_err(|e| io(e.to_string()))
        }
        Some("svg") => {
            let root = SVGBackend::new(path, size).into_drawing_area();
            draw_all(&root, &charts, &data)?;
            root.present().map_err(|e| io(e.to_string()))
        }
        _ => check_path(path),
    }
}

fn draw_all<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    charts: &[Chart],
    data: &ChartData,
) -> Result<()> {
    let areas = root.split_evenly((charts.len(), 1));
    for (area, chart) in areas.iter().zip(charts) {
        plot::draw(area, *chart, data)?;
    }
    Ok(())
}
