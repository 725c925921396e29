//! `metricpress run`: the ladder over one data set, as a table and optionally JSON and charts.
//! Exits with 3 if any rung fails verification, 130 if interrupted. `huge` (and `--stream`) take
//! the streaming path ([`crate::stream`]): chunk by chunk, every core, bounded memory.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::encoding::zstd::MAX_LEVEL;
use crate::error::{Error, Result};
use crate::generate::Size;
use crate::ladder::Options;
use crate::peers::PEERS;
use crate::platform::now_ms;
use crate::report::{self, Report};

use super::stream_run::{self, StreamArgs};
use super::{dataset, table, DataArgs};

/// Arguments of `run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Import the data set from an NDJSON file of point records (rung 1's shape:
    /// {"timestamp","metric_name","value","labels"} per line) instead of generating one.
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
    /// zstd level for every zstd rung (1..=22; default 19, or 3 at the huge scale).
    #[arg(long, value_parser = clap::value_parser!(i32).range(1..=MAX_LEVEL as i64))]
    zstd_level: Option<i32>,
    /// Take the streaming path (chunks, every core) even for small or big; huge always does.
    #[arg(long)]
    stream: bool,
    #[command(flatten)]
    streaming: StreamArgs,
    /// Write the report as JSON to PATH (`-` for stdout; the table then goes to stderr).
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Also draw the charts (ratio, bytes per point, peers) to PATH (`.png` or `.svg`).
    #[arg(long, value_name = "PATH")]
    plot: Option<PathBuf>,
    /// Print nothing but errors (and the JSON, if asked for).
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Runs `run`.
pub fn run(a: &RunArgs) -> Result<ExitCode> {
    if let Some(path) = &a.plot {
        super::plot::check_path(path)?;
    }
    let generated = a.input.is_none() && a.data.generator.generated().is_some();
    let opts = Options {
        zstd_level: stream_run::zstd_level(a.zstd_level, a.data.size, generated),
    };
    let rungs = stream_run::rungs(&a.streaming)?;
    if generated && (a.stream || a.data.size == Size::Huge) {
        return streamed(a, &rungs, opts, None);
    }
    if let (None, Some(dir), Size::Huge) = (&a.input, &a.data.data_dir, a.data.size) {
        let (_, bytes) = stream_run::real_files(dir)?;
        if a.stream || bytes > stream_run::REAL_STREAM_BYTES {
            return streamed(a, &rungs, opts, Some(dir));
        }
    }
    if a.streaming.out_dir.is_some() || a.stream {
        return Err(Error::Usage(
            "--stream and --out-dir work with generated data sets and with --generator real \
             --size huge --data-dir DIR"
                .into(),
        ));
    }
    let loaded = match &a.input {
        Some(path) => dataset::import(path)?,
        None => dataset::load(&a.data)?,
    };
    let quiet = a.quiet;
    let mut progress = |i: usize, name: &str| {
        if !quiet {
            eprintln!("[{}/{}] {name}", i + 1, rungs.len());
        }
    };
    let rows = report::run_ladder(&rungs, &loaded.dataset, &opts, &now_ms, &mut progress)?;
    let mut peer_progress = |i: usize, name: &str| {
        if !quiet {
            eprintln!("[peer {}/{}] {name}", i + 1, PEERS.len());
        }
    };
    let peers = crate::peers::run_peers(&loaded.dataset, &now_ms, &mut peer_progress);
    let rep = Report {
        dataset: loaded.info,
        zstd_level: opts.zstd_level,
        rungs: rows,
        peers,
        floor: crate::floor::compute(&loaded.dataset),
    };
    if !quiet {
        let text = format!(
            "{}zstd level {}\n\n{}\npeers (same metadata section as rung 8)\n{}\n{}",
            table::stats(&rep.dataset, loaded.load_ms),
            rep.zstd_level,
            table::rungs(&rep.rungs),
            table::peers(&rep.peers),
            table::floor(&rep.floor)
        );
        say(a, &text, &rep.dataset.generator);
    }
    finish(a, &rep, rep.all_verified())
}

/// Prints the table (to stderr when stdout carries the JSON), with the attribution for real data.
fn say(a: &RunArgs, text: &str, generator: &str) {
    let mut text = text.to_string();
    if generator == "real" {
        text += &format!("\n{}\n", crate::real::ATTRIBUTION);
    }
    if a.json.as_deref().is_some_and(|p| p.as_os_str() == "-") {
        eprint!("{text}");
    } else {
        print!("{text}");
    }
}

/// Writes the JSON and the charts, and picks the exit code.
fn finish(a: &RunArgs, rep: &impl serde::Serialize, verified: bool) -> Result<ExitCode> {
    if let Some(path) = &a.json {
        let json = serde_json::to_string_pretty(rep).map_err(|e| Error::io("json", e))?;
        super::write_output(path, &json)?;
    }
    if let Some(path) = &a.plot {
        let value = serde_json::to_value(rep).map_err(|e| Error::io("json", e))?;
        super::plot::write(path, &value)?;
    }
    if verified {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("error: at least one rung failed verification");
        Ok(ExitCode::from(3))
    }
}

/// The streaming path: same table and JSON keys, plus checksums and the run's totals. `real_dir`:
/// stream the real files of that folder (one file per chunk) instead of a generated data set.
fn streamed(
    a: &RunArgs,
    rungs: &[&dyn crate::ladder::Rung],
    opts: Options,
    real_dir: Option<&std::path::Path>,
) -> Result<ExitCode> {
    let result = match real_dir {
        Some(dir) => stream_run::run_real_streamed(dir, &a.streaming, rungs, opts, a.quiet),
        None => stream_run::run_streamed(&a.data, &a.streaming, rungs, opts, a.quiet),
    };
    let rep = match result {
        Ok(rep) => rep,
        Err(Error::Cancelled) => {
            eprintln!("cancelled: stopped early; partial output files were removed");
            return Ok(ExitCode::from(130));
        }
        Err(e) => return Err(e),
    };
    if !a.quiet {
        let rows: Vec<_> = rep.rungs.iter().map(|r| r.row.clone()).collect();
        let text = format!(
            "{}zstd level {}\n\n{}\n{}",
            table::stats(&rep.dataset, rep.wall_ms),
            rep.zstd_level,
            table::rungs(&rows),
            stream_run::table(&rep)
        );
        say(a, &text, &rep.dataset.generator);
    }
    finish(a, &rep, rep.all_verified())
}
