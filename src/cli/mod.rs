//! The native command line: `generate`, `run` (and more as rungs land). Parses arguments with
//! clap, loads or generates the data set through the cache, prints a table, writes JSON.
//!
//! Exit codes: 0 success; 1 an error (bad input, I/O); 2 bad arguments; 3 a rung failed
//! verification.

mod dataset;
mod generate;
mod prepare;
mod real;
mod run;
mod source;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::error::Error;
use crate::generate::{Size, DEFAULT_SEED};
pub use source::GenArg;

/// How small can time-series metrics get? Generates or loads a metrics data set, runs it up a
/// ladder of storage formats, verifies every lossless rung bit-exactly, and reports the sizes.
#[derive(Debug, Parser)]
#[command(name = "metricpress", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a data set (or load it from the cache) and print its statistics.
    Generate(generate::GenerateArgs),
    /// Run the storage ladder over a data set and report every rung.
    Run(run::RunArgs),
    /// Write preprocessed Westermo files per scale plus manifest.json, for self-hosting.
    Prepare(prepare::PrepareArgs),
}

/// Which data set: generator, size, seed and the cache.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Data generator: synthetic, random, or real (Westermo files from --data-dir or --base-url).
    #[arg(long, short = 'g', default_value = "synthetic", value_parser = parse_generator)]
    pub generator: GenArg,
    /// Scale: small (~50K points), big (~500K), huge (~100M, streamed).
    #[arg(long, short = 's', default_value = "small", value_parser = parse_size)]
    pub size: Size,
    /// Seed of the generator; the same seed gives byte-identical data everywhere.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Do not read or write the data-set cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Cache folder (default: the user's cache dir, or ./.cache).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Real data: a folder of Westermo `system-N.csv` files.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Real data: fetch `manifest.json` or the `system-N.csv` files from this http:// URL.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

fn parse_generator(s: &str) -> Result<GenArg, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

fn parse_size(s: &str) -> Result<Size, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

/// Parses the process arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(a) => generate::run(&a),
        Command::Run(a) => run::run(&a),
        Command::Prepare(a) => prepare::run(&a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            match e {
                Error::Usage(_) => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}

/// Writes `text` to `path`, or to stdout when `path` is `-`.
pub(crate) fn write_output(path: &std::path::Path, text: &str) -> crate::error::Result<()> {
    if path.as_os_str() == "-" {
        println!("{text}");
        Ok(())
    } else {
        std::fs::write(path, format!("{text}\n"))
            .map_err(|e| Error::io(path.display().to_string(), e))
    }
}
