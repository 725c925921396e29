//! Colours and text sizes shared by the charts. Sizes follow the drawing width so a chart stays
//! legible on a phone (360 px) and does not shout on a wide screen.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A lossless rung that verified.
pub const LOSSLESS: RGBColor = RGBColor(31, 119, 180);
/// A rung that failed verification.
pub const FAILED: RGBColor = RGBColor(214, 39, 40);
/// The lossy rung (not comparable with the lossless ones).
pub const LOSSY: RGBColor = RGBColor(255, 127, 14);
/// Our codec (rung 8).
pub const OURS: RGBColor = RGBColor(44, 160, 44);
/// Peers.
pub const PEER: RGBColor = RGBColor(127, 127, 127);
/// Notes and reference lines.
pub const MUTED: RGBColor = RGBColor(90, 90, 90);
/// Timestamp / value / metadata parts.
pub const PARTS: [RGBColor; 3] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
];

/// Text sizes for one drawing width.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// Base font size in pixels.
    pub font: u32,
    /// A phone-width drawing: shorter titles, fewer ticks.
    pub narrow: bool,
}

impl Sizes {
    /// Sizes for a chart `width` pixels wide.
    pub fn for_width(width: u32) -> Sizes {
        Sizes {
            font: (width / 36).clamp(12, 18),
            narrow: width < 520,
        }
    }
    /// Chart title.
    pub fn title(self) -> TextStyle<'static> {
        TextStyle::from(("sans-serif", self.font + 3).into_font()).color(&BLACK)
    }
    /// Axis and bar labels.
    pub fn label(self) -> TextStyle<'static> {
        TextStyle::from(("sans-serif", self.font).into_font()).color(&BLACK)
    }
    /// A label anchored at its left-middle, for values at a bar's end.
    pub fn value(self) -> TextStyle<'static> {
        self.label().pos(Pos::new(HPos::Left, VPos::Center))
    }
    /// Width of the rung-name column: the longest name, capped at a third of the chart.
    pub fn name_column(self, names: &[&str], width: u32) -> u32 {
        let longest = names.iter().map(|n| n.chars().count()).max().unwrap_or(6) as u32;
        (longest * self.font * 6 / 10 + 12).min(width * 2 / 5)
    }
    /// `long`, or `short` on a narrow drawing.
    pub fn pick(self, long: &'static str, short: &'static str) -> &'static str {
        if self.narrow {
            short
        } else {
            long
        }
    }
    /// How many x ticks fit.
    pub fn x_ticks(self) -> usize {
        if self.narrow {
            4
        } else {
            6
        }
    }
}

/// Formats a number with about three significant digits.
pub fn short(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else if x >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

/// The y-axis label at segment `v` of a horizontal bar chart whose row `i` (0 at the top) is drawn
/// at segment `rows - 1 - i`; `name_of(i)` names row `i`.
pub fn row_label(
    v: &plotters::prelude::SegmentValue<i32>,
    rows: i32,
    name_of: impl Fn(usize) -> Option<String>,
) -> String {
    use plotters::prelude::SegmentValue;
    match v {
        SegmentValue::Exact(y) | SegmentValue::CenterOf(y) => usize::try_from(rows - 1 - *y)
            .ok()
            .and_then(name_of)
            .unwrap_or_default(),
        SegmentValue::Last => String::new(),
    }
}
