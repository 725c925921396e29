//! `metricpress run`: the ladder over one data set, as a table and optionally JSON. Exits with 3 if
//! any rung fails verification.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::encoding::zstd::MAX_LEVEL;
use crate::error::{Error, Result};
use crate::generate::Size;
use crate::ladder::{Options, LADDER};
use crate::peers::PEERS;
use crate::platform::now_ms;
use crate::report::{self, Report};

use super::{dataset, table, DataArgs};

/// Arguments of `run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    data: DataArgs,
    /// zstd level for every zstd rung (1..=22).
    #[arg(long, default_value_t = crate::encoding::zstd::DEFAULT_LEVEL,
          value_parser = clap::value_parser!(i32).range(1..=MAX_LEVEL as i64))]
    zstd_level: i32,
    /// Write the report as JSON to PATH (`-` for stdout; the table then goes to stderr).
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Print nothing but errors (and the JSON, if asked for).
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Runs `run`.
pub fn run(a: &RunArgs) -> Result<ExitCode> {
    if a.data.size == Size::Huge && a.data.generator.generated().is_some() {
        return Err(Error::Usage(
            "run --size huge needs the streaming ladder, which is not built yet".into(),
        ));
    }
    let loaded = dataset::load(&a.data)?;
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
    let mut peer_progress = |i: usize, name: &str| {
        if !quiet {
            eprintln!("[peer {}/{}] {name}", i + 1, PEERS.len());
        }
    };
    let peers = crate::peers::run_peers(&loaded.dataset, &now_ms, &mut peer_progress);
    let rep = Report {
        dataset: loaded.info,
        zstd_level: a.zstd_level,
        rungs: rows,
        peers,
        floor: crate::floor::compute(&loaded.dataset),
    };
    let to_stdout = a.json.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if !quiet {
        let mut text = format!(
            "{}zstd level {}\n\n{}\npeers (same metadata section as rung 8)\n{}\n{}",
            table::stats(&rep.dataset, loaded.load_ms),
            rep.zstd_level,
            table::rungs(&rep.rungs),
            table::peers(&rep.peers),
            table::floor(&rep.floor)
        );
        if let Some(a) = loaded.attribution {
            text += &format!("\n{a}\n");
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
    if rep.all_verified() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("error: at least one rung failed verification");
        Ok(ExitCode::from(3))
    }
}
