//! What the charts show, read from the report JSON.
//!
//! The charts read the same JSON that `metricpress run --json` writes and the page downloads, as a
//! generic [`serde_json::Value`], so fields added by later work (`peers`, `floor`) are drawn when
//! present and ignored when absent, and the page and the CLI draw from one source of truth.

use serde_json::Value;

/// One rung of the ladder, as charted.
#[derive(Debug, Clone, PartialEq)]
pub struct RungBar {
    /// The rung's JSON name.
    pub name: String,
    /// Lossless by design (lossy rungs are drawn apart).
    pub lossless: bool,
    /// Did it verify?
    pub verified: bool,
    /// NDJSON bytes / these bytes.
    pub ratio: Option<f64>,
    /// Total bytes per point.
    pub bytes_per_point: f64,
    /// Bytes per point spent on timestamps, values and metadata, when the format separates them.
    pub split: Option<[f64; 3]>,
}

/// A peer codec (or the ladder's best rung), as charted in the peers chart.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerBar {
    /// Name.
    pub name: String,
    /// Bytes per point, or `None` with a reason when the peer could not run.
    pub bytes_per_point: Option<f64>,
    /// True for our own codec (rung 8), drawn in the accent colour.
    pub ours: bool,
}

/// Everything the three charts need.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartData {
    /// Points in the data set.
    pub points: u64,
    /// The ladder, in order.
    pub rungs: Vec<RungBar>,
    /// Rung 8 followed by the peers (empty when the report has no `peers`).
    pub peers: Vec<PeerBar>,
    /// The order-0 entropy reference, bytes per point (the report's `floor.bytes_per_point`).
    pub floor_bytes_per_point: Option<f64>,
}

/// The name of our own codec's rung (rung 8).
pub const OUR_RUNG: &str = "metricpress";

fn num(v: &Value, key: &str) -> Option<f64> {
    v.get(key).and_then(Value::as_f64).filter(|x| x.is_finite())
}

impl ChartData {
    /// Reads a report (the `run --json` shape). Missing or malformed fields are skipped, never a
    /// panic: a chart of what is there beats no chart.
    pub fn from_report(report: &Value) -> ChartData {
        let points = report
            .pointer("/dataset/points")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        let per_point = |bytes: Option<f64>| bytes.map(|b| b / points.max(1) as f64);
        let rungs: Vec<RungBar> = report
            .get("rungs")
            .and_then(Value::as_array)
            .map(|rows| {
                rows.iter()
                    .filter_map(|r| {
                        let name = r.get("name")?.as_str()?.to_string();
                        let split = match (
                            per_point(num(r, "timestamp_bytes")),
                            per_point(num(r, "value_bytes")),
                            per_point(num(r, "metadata_bytes")),
                        ) {
                            (Some(t), Some(v), Some(m)) => Some([t, v, m]),
                            _ => None,
                        };
                        Some(RungBar {
                            name,
                            lossless: r.get("lossless").and_then(Value::as_bool).unwrap_or(true),
                            verified: r.get("verified").and_then(Value::as_bool).unwrap_or(false),
                            ratio: num(r, "ratio_vs_ndjson").filter(|x| *x > 0.0),
                            bytes_per_point: num(r, "bytes_per_point").unwrap_or(0.0),
                            split,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut peers = Vec::new();
        if let Some(list) = report.get("peers").and_then(Value::as_array) {
            if let Some(ours) = rungs.iter().find(|r| r.name == OUR_RUNG) {
                peers.push(PeerBar {
                    name: ours.name.clone(),
                    bytes_per_point: Some(ours.bytes_per_point),
                    ours: true,
                });
            }
            for p in list {
                let Some(name) = p.get("name").and_then(Value::as_str) else {
                    continue;
                };
                let bpp = num(p, "bytes_per_point").or_else(|| per_point(num(p, "bytes")));
                peers.push(PeerBar {
                    name: name.to_string(),
                    bytes_per_point: bpp.filter(|x| *x > 0.0),
                    ours: false,
                });
            }
        }
        let floor_bytes_per_point = report
            .get("floor")
            .and_then(|f| num(f, "bytes_per_point"))
            .filter(|x| *x > 0.0);
        ChartData {
            points,
            rungs,
            peers,
            floor_bytes_per_point,
        }
    }

    /// True when the report has peers or a floor to compare rung 8 against.
    pub fn has_peers(&self) -> bool {
        !self.peers.is_empty() || self.floor_bytes_per_point.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rungs_peers_and_floor_and_skips_junk() {
        let json: Value = serde_json::json!({
            "dataset": {"points": 100},
            "rungs": [
                {"name": "ndjson", "lossless": true, "verified": true, "bytes": 5000,
                 "bytes_per_point": 50.0, "ratio_vs_ndjson": 1.0},
                {"name": "downsample", "lossless": false, "verified": true, "bytes": 10,
                 "bytes_per_point": 0.1, "ratio_vs_ndjson": 500.0},
                {"name": "metricpress", "lossless": true, "verified": true, "bytes": 200,
                 "bytes_per_point": 2.0, "ratio_vs_ndjson": 25.0,
                 "timestamp_bytes": 50, "value_bytes": 100, "metadata_bytes": 50},
                {"no_name": 1}
            ],
            "peers": [{"name": "pco", "bytes": 300}, {"name": "elf", "bytes": null}, 7],
            "floor": {"bits_per_timestamp": 1.0, "bits_per_value": 7.0, "bytes_per_point": 1.0}
        });
        let d = ChartData::from_report(&json);
        assert_eq!(d.points, 100);
        assert_eq!(d.rungs.len(), 3);
        assert!(!d.rungs[1].lossless);
        assert_eq!(d.rungs[2].split, Some([0.5, 1.0, 0.5]));
        assert_eq!(d.rungs[0].split, None);
        let names: Vec<_> = d.peers.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["metricpress", "pco", "elf"]);
        assert!(d.peers[0].ours);
        assert_eq!(d.peers[1].bytes_per_point, Some(3.0));
        assert_eq!(d.peers[2].bytes_per_point, None);
        assert_eq!(d.floor_bytes_per_point, Some(1.0));
        assert!(d.has_peers());
    }

    #[test]
    fn empty_report_gives_empty_charts() {
        let d = ChartData::from_report(&serde_json::json!({}));
        assert!(d.rungs.is_empty() && !d.has_peers());
    }
}
