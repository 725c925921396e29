//! `metricpress generate`: make a data set (or load it from the cache) and print its statistics.
//! `huge` is streamed series by series: statistics and digest without holding it in memory (and
//! without the cache, which would need 1.6 GB).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::canonical::Digest;
use crate::error::{Error, Result};
use crate::generate::{self, Size};
use crate::report::DatasetInfo;
use crate::stats::StatsBuilder;

use super::{dataset, table, DataArgs};

/// Arguments of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Write the statistics as JSON to PATH (`-` for stdout; the table then goes to stderr).
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
}

/// Runs `generate`.
pub fn run(a: &GenerateArgs) -> Result<ExitCode> {
    let t0 = crate::platform::now_ms();
    let mut attribution = None;
    let info = match a.data.generator.generated() {
        Some(g) if a.data.size == Size::Huge => {
            if !a.data.no_cache {
                eprintln!("note: huge is streamed and never cached");
            }
            streamed(&a.data, g)
        }
        _ => {
            let loaded = dataset::load(&a.data)?;
            attribution = loaded.attribution;
            loaded.info
        }
    };
    let ms = crate::platform::now_ms() - t0;
    let mut text = table::stats(&info, ms);
    if let Some(a) = attribution {
        text += &format!("{a}\n");
    }
    let to_stdout = a.json.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if to_stdout {
        eprint!("{text}");
    } else {
        print!("{text}");
    }
    if let Some(path) = &a.json {
        let json = serde_json::to_string_pretty(&info).map_err(|e| Error::io("json", e))?;
        super::write_output(path, &json)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Statistics and digest of a data set generated one series at a time.
fn streamed(d: &DataArgs, g: generate::Generator) -> DatasetInfo {
    let mut stats = StatsBuilder::new();
    let mut digest = Digest::new();
    for s in generate::iter(g, d.size, d.seed) {
        stats.add(&s);
        digest.update(&s);
    }
    DatasetInfo {
        generator: g.to_string(),
        size: d.size.to_string(),
        seed: Some(d.seed),
        digest: digest.finish(),
        cache: "off".into(),
        stats: stats.finish(),
    }
}
