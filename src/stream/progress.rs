//! Progress of a streamed run: indicatif bars on a terminal (one for the source, one per rung:
//! points done, rate, ETA), plain periodic lines when stderr is not a terminal, or nothing.
//! Called from worker threads, so every method takes `&self`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// What the driver reports.
pub trait Progress: Sync {
    /// A chunk of `points` points was produced by the source.
    fn source_done(&self, points: u64);
    /// Rung number `rung` finished a chunk of `points` points.
    fn rung_done(&self, rung: usize, points: u64);
    /// The run ended (successfully or not).
    fn finish(&self);
}

/// No progress output (`--quiet`, tests).
pub struct Silent;

impl Progress for Silent {
    fn source_done(&self, _: u64) {}
    fn rung_done(&self, _: usize, _: u64) {}
    fn finish(&self) {}
}

/// Picks bars on a terminal, plain lines otherwise, nothing when `quiet`.
pub fn for_stderr(quiet: bool, names: &[&str], total: Option<u64>) -> Box<dyn Progress> {
    if quiet {
        Box::new(Silent)
    } else if std::io::stderr().is_terminal() {
        Box::new(Bars::new(names, total))
    } else {
        Box::new(Lines::new(names, total, Duration::from_secs(10)))
    }
}

/// indicatif bars: the source, then one per rung.
pub struct Bars {
    source: ProgressBar,
    rungs: Vec<ProgressBar>,
}

impl Bars {
    /// Bars for `names`, each out of `total` points (a spinner-like counter if unknown).
    pub fn new(names: &[&str], total: Option<u64>) -> Bars {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr_with_hz(4));
        let style = ProgressStyle::with_template(
            "{prefix:>14} {bar:20} {percent:>3}% {human_pos:>11} pts {rate:>13} ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.2} M pts/s", s.per_sec() / 1e6);
        })
        .progress_chars("=> ");
        // ~79 columns, so the bars do not wrap on an 80-column terminal
        let bar = |name: &str| {
            let b = multi.add(ProgressBar::new(total.unwrap_or(0)));
            b.set_style(style.clone());
            b.set_prefix(name.to_string());
            b
        };
        Bars {
            source: bar("generate/read"),
            rungs: names.iter().map(|n| bar(n)).collect(),
        }
    }
}

impl Progress for Bars {
    fn source_done(&self, points: u64) {
        self.source.inc(points);
    }
    fn rung_done(&self, rung: usize, points: u64) {
        if let Some(b) = self.rungs.get(rung) {
            b.inc(points);
        }
    }
    fn finish(&self) {
        self.source.finish();
        self.rungs.iter().for_each(ProgressBar::finish);
    }
}

/// Plain lines on stderr every `every`: points through the slowest rung, rate, ETA.
pub struct Lines {
    names: Vec<String>,
    total: Option<u64>,
    every: Duration,
    start: Instant,
    last: Mutex<Instant>,
    source: AtomicU64,
    rungs: Vec<AtomicU64>,
}

impl Lines {
    /// Lines for `names`, out of `total` points, at most one per `every`.
    pub fn new(names: &[&str], total: Option<u64>, every: Duration) -> Lines {
        let now = Instant::now();
        Lines {
            names: names.iter().map(|s| s.to_string()).collect(),
            total,
            every,
            start: now,
            last: Mutex::new(now),
            source: AtomicU64::new(0),
            rungs: names.iter().map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// The current line.
    fn line(&self) -> String {
        let (slowest, done) = self
            .rungs
            .iter()
            .enumerate()
            .map(|(i, a)| (i, a.load(Ordering::Relaxed)))
            .min_by_key(|&(_, d)| d)
            .map_or(("source", self.source.load(Ordering::Relaxed)), |(i, d)| {
                (self.names[i].as_str(), d)
            });
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let rate = done as f64 / secs;
        let of = match self.total {
            Some(t) if t > 0 => {
                let eta = (t.saturating_sub(done)) as f64 / rate.max(1e-9);
                format!(
                    " of {t} ({:.1} %), ETA {eta:.0} s",
                    100.0 * done as f64 / t as f64
                )
            }
            _ => String::new(),
        };
        format!(
            "progress: {done} points through every rung{of}, {:.2} M points/s (slowest: {slowest}), {secs:.0} s",
            rate / 1e6
        )
    }

    fn tick(&self) {
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        if last.elapsed() >= self.every {
            *last = Instant::now();
            eprintln!("{}", self.line());
        }
    }
}

impl Progress for Lines {
    fn source_done(&self, points: u64) {
        self.source.fetch_add(points, Ordering::Relaxed);
        self.tick();
    }
    fn rung_done(&self, rung: usize, points: u64) {
        if let Some(a) = self.rungs.get(rung) {
            a.fetch_add(points, Ordering::Relaxed);
        }
        self.tick();
    }
    fn finish(&self) {
        eprintln!("{}", self.line());
    }
}
