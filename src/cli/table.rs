//! Plain-text tables for the terminal.

use crate::floor::Floor;
use crate::peers::PeerReport;
use crate::report::{DatasetInfo, RungReport};

/// Formats a share in `[0, 1]` as a percentage with two decimals.
fn pct(x: f64) -> String {
    format!("{:.2} %", x * 100.0)
}

/// The statistics table of a data set.
pub fn stats(i: &DatasetInfo, ms: f64) -> String {
    let s = &i.stats;
    let seed = i.seed.map_or_else(|| "-".to_string(), |s| s.to_string());
    let num = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |v| format!("{v}"));
    let rows = [
        (
            "data set",
            format!("{} {} (seed {seed})", i.generator, i.size),
        ),
        ("points", s.points.to_string()),
        ("series", s.series.to_string()),
        (
            "time span",
            format!(
                "{} s ({:.1} h)",
                s.span_seconds,
                s.span_seconds as f64 / 3600.0
            ),
        ),
        ("regular intervals", pct(s.regular_interval_share)),
        ("zero delta-of-delta", pct(s.zero_dod_share)),
        ("integer values", pct(s.integer_share)),
        ("integers or short decimals", pct(s.quantized_share)),
        ("min / max", format!("{} / {}", num(s.min), num(s.max))),
        ("digest (MD5)", i.digest.clone()),
        ("cache", i.cache.clone()),
        ("time", format!("{ms:.0} ms")),
    ];
    rows.iter().map(|(k, v)| format!("{k:<28} {v}\n")).collect()
}

/// The ladder table.
pub fn rungs(rows: &[RungReport]) -> String {
    let mut out = format!(
        "{:<14} {:>12} {:>8} {:>9} {:>10} {:>10} {:>10} {:>10} {:>10}  {}\n",
        "rung",
        "bytes",
        "B/pt",
        "ratio",
        "enc ms",
        "dec ms",
        "ts B",
        "value B",
        "meta B",
        "verified"
    );
    let opt = |x: Option<u64>| x.map_or_else(|| "-".to_string(), |v| v.to_string());
    for r in rows {
        let verdict = match (r.lossless, r.verified) {
            (true, true) => "lossless: verified".to_string(),
            (false, true) => "lossy: checked".to_string(),
            (_, false) => format!("FAILED: {}", r.error.as_deref().unwrap_or("?")),
        };
        out += &format!(
            "{:<14} {:>12} {:>8.3} {:>8.1}x {:>10.1} {:>10.1} {:>10} {:>10} {:>10}  {}\n",
            r.name,
            r.bytes,
            r.bytes_per_point,
            r.ratio_vs_ndjson.unwrap_or(f64::NAN),
            r.encode_ms,
            r.decode_ms,
            opt(r.timestamp_bytes),
            opt(r.value_bytes),
            opt(r.metadata_bytes),
            verdict
        );
    }
    out
}

/// The peers table.
pub fn peers(rows: &[PeerReport]) -> String {
    let mut out = format!(
        "{:<16} {:>12} {:>8} {:>10} {:>10}  {}\n",
        "peer", "bytes", "B/pt", "enc ms", "dec ms", "verified"
    );
    let dash = || "-".to_string();
    for p in rows {
        let verdict = match (&p.bytes, p.verified) {
            (_, true) => "lossless: verified".to_string(),
            (None, false) => format!("not run: {}", p.note.as_deref().unwrap_or("?")),
            (Some(_), false) => format!("FAILED: {}", p.note.as_deref().unwrap_or("?")),
        };
        out += &format!(
            "{:<16} {:>12} {:>8} {:>10} {:>10}  {}\n",
            p.name,
            p.bytes.map_or_else(dash, |b| b.to_string()),
            p.bytes_per_point.map_or_else(dash, |b| format!("{b:.3}")),
            p.encode_ms.map_or_else(dash, |b| format!("{b:.1}")),
            p.decode_ms.map_or_else(dash, |b| format!("{b:.1}")),
            verdict
        );
    }
    out
}

/// The reference floor, with its caveat.
pub fn floor(f: &Floor) -> String {
    format!(
        "reference floor (order-0, per series; a reference, not a bound: it ignores the alphabet's cost)\n\
         {:<28} {:.3} bits/timestamp + {:.3} bits/value = {:.3} B/pt\n\
         {:<28} {:.3} B/pt\n",
        "order-0 entropy",
        f.bits_per_timestamp,
        f.bits_per_value,
        f.bytes_per_point,
        "adaptive order-0 (KT)",
        f.adaptive_bytes_per_point
    )
}
