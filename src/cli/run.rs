//! `metricpress run`: the ladder over one data set, as a table and optionally JSON. Exits with 3 if
//! any rung fails verification.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::encoding::zstd::MAX_LEVEL;
use crate::error::{Error, Result};
use crate::generate::Size;
use crate::ladder::{Options, LADDER};
use crate::platform::now_ms;
use crate::report::{self, Report};

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
    /// zstd level for every zstd rung (1..=22).
    #[arg(long, default_value_t = crate::encoding::zstd::DEFAULT_LEVEL,
          value_parser = clap::value_parser!(i32).range(1..=MAX_LEVEL as i64))]
    zstd_level: i32,
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
    if a.input.is_none() && a.data.size == Size::Huge && a.data.generator.generated().is_some() {
        return Err(Error::Usage(
            "run --size huge needs the streaming ladder, which is not built yet".into(),
        ));
    }
    if let Some(path) = &a.plot {
        super::plot::check_path(path)?;
    }
    let loaded = match &a.input {
        Some(path) => dataset::import(path)?,
        None => dataset::load(&a.data)?,
    };
    let opts = Options {
        zstd_level: a.zstd_level,
    };
    let quiet = a.quiet;
    let mut progress = |i: usize, name: &str| {
        if !quiet {
            eprintln!("[{}/{}] {name}", i + 1, LADDER.len());
        }
    };
    let rows = report::run_ladder(LADDER, &loaded.dataset, &opts, &now_ms, &mut progress)?;
    let rep = Report {
        dataset: loaded.info,
        zstd_level: a.zstd_level,
        rungs: rows,
    };
    let to_stdout = a.json.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if !quiet {
        let mut text = format!(
            "{}zstd level {}\n\n{}",
            table::stats(&rep.dataset, loaded.load_ms),
            rep.zstd_level,
            table::rungs(&rep.rungs)
        );
        if rep.dataset.generator == "real" {
            text += &format!("\n{}\n", crate::real::ATTRIBUTION);
        }
        if to_stdout {
            eprint!("{text}");
        } else {
            print!("{text}");
        }
    }
    if let Some(path) = &a.json {
        let json = serde_json::to_string_pretty(&rep).map_err(|e| Error::io("json", e))?;
        super::write_output(path, &json)?;
    }
    if let Some(path) = &a.plot {
        let value = serde_json::to_value(&rep).map_err(|e| Error::io("json", e))?;
        super::plot::write(path, &value)?;
    }
    if rep.all_verified() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("error: at least one rung failed verification");
        Ok(ExitCode::from(3))
    }
}
