//! The `synthetic` generator: production-like monitoring metrics that compress well because they
//! are regular, not because they are fake (DESIGN.md section 2).
//!
//! - **Hosts** carry a region, an environment and a daily load pattern (phase, amplitude,
//!   stability) shared by all their series: infrastructure correlation. A host's series are scraped
//!   together, so they share one timestamp column.
//! - **Timestamps**: a 15 s scrape interval; each interval is exactly 15 s with probability 0.96,
//!   otherwise 14 or 16 s (jitter of one second). About 96 % regular intervals, ~92 % zero
//!   delta-of-deltas.
//! - **Values** follow a mean-reverting walk towards `base + season x load(t)`; the host's stability
//!   damps the noise. Quantization by metric type: CPU 1 decimal, memory and error rate 2 decimals,
//!   latency in ms by magnitude (2 decimals under 10, 1 under 100, whole above), durations in
//!   seconds at millisecond resolution, connections and queues whole numbers, and counters
//!   monotonic integers (disk I/O in 4096-byte blocks).

use super::{host_stream, round_to, series_stream, Rng, Size, EPOCH, METRICS};
use crate::model::Series;

/// The scrape interval in seconds.
pub const SCRAPE_INTERVAL: i64 = 15;
/// Probability that a scrape interval is exactly [`SCRAPE_INTERVAL`].
pub const REGULAR_PROBABILITY: f64 = 0.96;

const REGIONS: [&str; 4] = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1"];

/// What all series on one host share.
pub(super) struct Host {
    pub name: String,
    pub region: &'static str,
    pub environment: &'static str,
    phase: f64,
    amplitude: f64,
    stability: f64,
}

impl Host {
    pub(super) fn new(seed: u64, host: usize) -> Self {
        let mut r = Rng::new(seed, host_stream(host));
        let region = REGIONS[host % REGIONS.len()];
        let e = r.unit();
        let environment = if e < 0.6 {
            "prod"
        } else if e < 0.85 {
            "staging"
        } else {
            "dev"
        };
        Host {
            name: format!("server-{host:04}"),
            region,
            environment,
            phase: r.uniform(0.0, std::f64::consts::TAU),
            amplitude: r.uniform(0.2, 0.8),
            stability: r.uniform(0.3, 0.9),
        }
    }

    /// The daily load pattern at unix time `t`, in `[-amplitude, amplitude]`.
    fn load(&self, t: i64) -> f64 {
        let day = (t - EPOCH) as f64 / 86_400.0;
        self.amplitude * libm::sin(std::f64::consts::TAU * day + self.phase)
    }

    /// Noise multiplier: stable platforms are quieter.
    fn damping(&self) -> f64 {
        1.0 - 0.5 * self.stability
    }
}

/// The host's shared scrape timestamps.
pub(super) fn timestamps(seed: u64, host: usize, n: usize) -> Vec<i64> {
    let mut r = Rng::new(seed, host_stream(host) | 1);
    let mut t = EPOCH + r.int(0, SCRAPE_INTERVAL - 1);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(t);
        t += if r.chance(REGULAR_PROBABILITY) {
            SCRAPE_INTERVAL
        } else if r.chance(0.5) {
            SCRAPE_INTERVAL - 1
        } else {
            SCRAPE_INTERVAL + 1
        };
    }
    out
}

/// The labels of series `index` (shared with the `random` generator, so both have the same keys).
pub(super) fn labels(seed: u64, index: usize, host: &Host) -> Vec<(String, String)> {
    let metric = METRICS[index % METRICS.len()];
    let mut r = Rng::new(seed, series_stream(index) ^ 0x40);
    let mut labels = vec![
        ("host".to_string(), host.name.clone()),
        ("region".to_string(), host.region.to_string()),
        ("environment".to_string(), host.environment.to_string()),
    ];
    if metric.starts_with("http") {
        let code = *r.pick(&["200", "200", "200", "200", "404", "500", "503"]);
        let method = *r.pick(&["GET", "GET", "POST", "PUT", "DELETE"]);
        labels.push(("status_code".into(), code.into()));
        labels.push(("method".into(), method.into()));
    } else if metric.starts_with("disk") {
        labels.push(("device".into(), r.pick(&["sda", "sdb"]).to_string()));
    } else if metric.starts_with("network") {
        labels.push(("device".into(), r.pick(&["eth0", "eth1"]).to_string()));
    }
    labels.sort();
    labels
}

/// A mean-reverting gauge: `base + season x load(t)` plus damped noise, clamped to `[lo, hi]`.
struct Gauge {
    base: f64,
    season: f64,
    vol: f64,
    lo: f64,
    hi: f64,
}

impl Gauge {
    fn walk(&self, r: &mut Rng, host: &Host, ts: &[i64], mut emit: impl FnMut(f64)) {
        let mut x = self.base;
        for &t in ts {
            let target = self.base + self.season * host.load(t);
            x += 0.05 * (target - x) + self.vol * host.damping() * r.normal();
            x = x.clamp(self.lo, self.hi);
            emit(x);
        }
    }
}

/// Latency in ms, quantized by magnitude: 2 decimals under 10, 1 under 100, whole above.
fn latency_ms(x: f64) -> (f64, bool) {
    if x < 10.0 {
        (round_to(x, 2), false)
    } else if x < 100.0 {
        (round_to(x, 1), false)
    } else {
        (x.round(), true)
    }
}

/// Series number `index` of the synthetic data set.
pub(super) fn series(size: Size, seed: u64, index: usize) -> Series {
    let host_ix = index / METRICS.len();
    let metric = METRICS[index % METRICS.len()];
    let host = Host::new(seed, host_ix);
    let ts = timestamps(seed, host_ix, size.points_per_series());
    let mut s = Series::new(metric, labels(seed, index, &host));
    let mut r = Rng::new(seed, series_stream(index));
    let mut out: Vec<(f64, bool)> = Vec::with_capacity(ts.len());
    match metric {
        "cpu_usage_percent" | "memory_usage_percent" | "error_rate_percent" => {
            let (g, d) = match metric {
                "cpu_usage_percent" => (
                    Gauge {
                        base: r.uniform(20.0, 60.0),
                        season: r.uniform(10.0, 25.0),
                        vol: r.uniform(0.5, 2.0),
                        lo: 0.0,
                        hi: 100.0,
                    },
                    1,
                ),
                "memory_usage_percent" => (
                    Gauge {
                        base: r.uniform(30.0, 80.0),
                        season: r.uniform(2.0, 8.0),
                        vol: r.uniform(0.02, 0.2),
                        lo: 0.0,
                        hi: 100.0,
                    },
                    2,
                ),
                _ => (
                    Gauge {
                        base: r.uniform(0.05, 1.5),
                        season: r.uniform(0.1, 1.0),
                        vol: r.uniform(0.01, 0.05),
                        lo: 0.0,
                        hi: 25.0,
                    },
                    2,
                ),
            };
            g.walk(&mut r, &host, &ts, |x| out.push((round_to(x, d), false)));
        }
        "response_time_ms" | "http_request_duration_seconds" => {
            let base = r.uniform(15.0, 80.0);
            let g = Gauge {
                base,
                season: base * 0.8,
                vol: base * r.uniform(0.02, 0.06),
                lo: 1.0,
                hi: 5_000.0,
            };
            let mut spikes = Rng::new(seed, series_stream(index) ^ 0x20);
            g.walk(&mut r, &host, &ts, |x| {
                let x = if spikes.chance(0.003) {
                    x * spikes.uniform(3.0, 12.0)
                } else {
                    x
                };
                out.push(if metric == "response_time_ms" {
                    latency_ms(x)
                } else {
                    (round_to(x / 1000.0, 3), false)
                });
            });
        }
        "active_connections" | "queue_size" => {
            let (base, hi) = if metric == "active_connections" {
                (r.uniform(20.0, 200.0), 1_000.0)
            } else {
                (r.uniform(0.0, 4.0), 500.0)
            };
            let g = Gauge {
                base,
                season: base * 0.6,
                vol: at_least(base * 0.05, 0.3),
                lo: 0.0,
                hi,
            };
            g.walk(&mut r, &host, &ts, |x| {
                out.push((at_least(x.round(), 0.0), true))
            });
        }
        _ => counter(metric, &mut r, &host, &ts, &labels_code(&s), &mut out),
    }
    for (&t, (v, int)) in ts.iter().zip(out) {
        s.push(t, v, int);
    }
    s
}

/// `max(x, lo)` by comparison, with `-0.0` normalised to `+0.0`. `f64::max` is not used in the
/// generators: its signed-zero result is unspecified and may differ between native and wasm.
fn at_least(x: f64, lo: f64) -> f64 {
    (if x < lo { lo } else { x }) + 0.0
}

fn labels_code(s: &Series) -> String {
    s.labels
        .iter()
        .find(|(k, _)| k == "status_code")
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// Monotonic integer counters: the per-second rate follows the host's load; increments are whole
/// requests, whole bytes, or whole 4096-byte blocks for disks.
fn counter(
    metric: &str,
    r: &mut Rng,
    host: &Host,
    ts: &[i64],
    code: &str,
    out: &mut Vec<(f64, bool)>,
) {
    let (rate, block) = match metric {
        "http_requests_total" if code == "200" => (r.uniform(5.0, 50.0), 1.0),
        "http_requests_total" => (r.uniform(0.01, 0.5), 1.0),
        "disk_io_bytes_total" => (r.uniform(1e4, 5e6), 4096.0),
        _ => (r.uniform(1e4, 1e7), 1.0),
    };
    let mut value = (r.int(1_000, 1_000_000) as f64 * block).round();
    let mut prev = ts.first().copied().unwrap_or(EPOCH);
    for &t in ts {
        let dt = (t - prev) as f64;
        prev = t;
        let now = at_least(
            rate * (1.0 + host.load(t)) * (1.0 + 0.1 * host.damping() * r.normal()),
            0.0,
        );
        value += ((now * dt) / block).round() * block;
        out.push((value, true));
    }
}
