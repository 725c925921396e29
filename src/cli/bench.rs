//! `metricpress bench`: throughput of generation and of every rung's encode and decode, in points
//! per second and MB/s of raw points (16 bytes a point: an 8-byte timestamp and an 8-byte value),
//! with the peak memory read from the OS, the core count, the seed and the zstd level.
//!
//! It runs the streaming path (so `huge` works and memory stays bounded). Per-stage rates are per
//! core: points divided by the thread time summed over all chunks; the end-to-end rate is points
//! over wall time on all threads. Peak memory is `VmHWM` from `/proc/self/status`: Linux only
//! (`null` elsewhere). Peers (issue: peers) plug in through [`super::stream_run::rungs`]: anything
//! implementing [`crate::ladder::Rung`] is benchmarked.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use crate::encoding::zstd::MAX_LEVEL;
use crate::error::{Error, Result};
use crate::ladder::Options;
use crate::stream::tally::StreamReport;

use super::stream_run::{self, StreamArgs};
use super::DataArgs;

/// Arguments of `bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    streaming: StreamArgs,
    /// zstd level for every zstd rung (1..=22; default 19, or 3 at the huge scale).
    #[arg(long, value_parser = clap::value_parser!(i32).range(1..=MAX_LEVEL as i64))]
    zstd_level: Option<i32>,
    /// Write the results as JSON to PATH (`-` for stdout; the table then goes to stderr).
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// No progress output.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// A throughput.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rate {
    /// Thread time (or wall time for the end-to-end rate), ms.
    pub ms: f64,
    /// Points per second.
    pub points_per_s: f64,
    /// MB/s of raw points (16 bytes each).
    pub mb_per_s: f64,
}

impl Rate {
    fn new(points: u64, ms: f64) -> Rate {
        let s = (ms / 1e3).max(1e-9);
        Rate {
            ms,
            points_per_s: points as f64 / s,
            mb_per_s: points as f64 * 16.0 / 1e6 / s,
        }
    }
}

/// One rung's throughput.
#[derive(Debug, Clone, Serialize)]
pub struct RungBench {
    /// The rung.
    pub name: String,
    /// Output bytes.
    pub bytes: u64,
    /// Verified on every chunk?
    pub verified: bool,
    /// Encode, per core.
    pub encode: Rate,
    /// Decode (and verify), per core.
    pub decode: Rate,
}

/// The bench results.
#[derive(Debug, Clone, Serialize)]
pub struct Bench {
    /// `synthetic` or `random`.
    pub generator: String,
    /// The scale.
    pub size: String,
    /// The seed.
    pub seed: u64,
    /// Points.
    pub points: u64,
    /// zstd level.
    pub zstd_level: i32,
    /// Cores the OS offers.
    pub cores: usize,
    /// Worker threads used.
    pub threads: usize,
    /// Chunks streamed.
    pub chunks: usize,
    /// Peak resident memory (Linux `VmHWM`), bytes.
    pub peak_rss_bytes: Option<u64>,
    /// Generation, per core.
    pub generate: Rate,
    /// Every rung.
    pub rungs: Vec<RungBench>,
    /// The whole streamed run (generation + every rung + verification), wall time.
    pub end_to_end: Rate,
}

/// Builds the bench results from a streamed run.
pub fn from_report(rep: &StreamReport) -> Bench {
    let points = rep.dataset.stats.points;
    Bench {
        generator: rep.dataset.generator.clone(),
        size: rep.dataset.size.clone(),
        seed: rep.dataset.seed.unwrap_or_default(),
        points,
        zstd_level: rep.zstd_level,
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        threads: rep.threads,
        chunks: rep.chunks,
        peak_rss_bytes: rep.peak_rss_bytes,
        generate: Rate::new(points, rep.source_ms),
        rungs: rep
            .rungs
            .iter()
            .map(|r| RungBench {
                name: r.row.name.clone(),
                bytes: r.row.bytes,
                verified: r.row.verified,
                encode: Rate::new(points, r.row.encode_ms),
                decode: Rate::new(points, r.row.decode_ms),
            })
            .collect(),
        end_to_end: Rate::new(points, rep.wall_ms),
    }
}

/// The bench table.
pub fn table(b: &Bench) -> String {
    let rss = b.peak_rss_bytes.map_or_else(
        || "unknown".into(),
        |x| format!("{:.0} MiB", x as f64 / 1048576.0),
    );
    let mut out = format!(
        "bench: {} {} (seed {}), {} points, zstd level {}, {} cores, {} threads, {} chunks, \
         peak RSS {rss}\nper-core rates (thread time); MB/s of raw 16-byte points\n\n\
         {:<26} {:>10} {:>10}\n",
        b.generator,
        b.size,
        b.seed,
        b.points,
        b.zstd_level,
        b.cores,
        b.threads,
        b.chunks,
        "stage",
        "Mpoints/s",
        "MB/s"
    );
    let line = |name: &str, r: &Rate| {
        format!(
            "{name:<26} {:>10.2} {:>10.1}\n",
            r.points_per_s / 1e6,
            r.mb_per_s
        )
    };
    out += &line("generate", &b.generate);
    for r in &b.rungs {
        out += &line(&format!("{} encode", r.name), &r.encode);
        out += &line(&format!("{} decode", r.name), &r.decode);
    }
    out += &line("end to end (wall)", &b.end_to_end);
    out
}

/// Runs `bench`.
pub fn run(a: &BenchArgs) -> Result<ExitCode> {
    let opts = Options {
        zstd_level: stream_run::zstd_level(
            a.zstd_level,
            a.data.size,
            a.data.generator.generated().is_some(),
        ),
    };
    let mut rungs = stream_run::rungs(&a.streaming)?;
    if !a.streaming.peers && a.streaming.only.is_none() {
        rungs.extend(crate::peers::as_rung::rungs());
    }
    let rep = match stream_run::run_streamed(&a.data, &a.streaming, &rungs, opts, a.quiet) {
        Ok(rep) => rep,
        Err(Error::Cancelled) => {
            eprintln!("cancelled: stopped early; partial output files were removed");
            return Ok(ExitCode::from(130));
        }
        Err(e) => return Err(e),
    };
    let b = from_report(&rep);
    let to_stdout = a.json.as_deref().is_some_and(|p| p.as_os_str() == "-");
    let text = table(&b);
    if to_stdout {
        eprint!("{text}");
    } else if !a.quiet {
        print!("{text}");
    }
    if let Some(path) = &a.json {
        let json = serde_json::to_string_pretty(&b).map_err(|e| Error::io("json", e))?;
        super::write_output(path, &json)?;
    }
    if rep.all_verified() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("error: at least one rung failed verification");
        Ok(ExitCode::from(3))
    }
}
