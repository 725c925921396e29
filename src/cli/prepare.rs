//! `metricpress prepare --data-dir DIR --out DIR`: writes, per scale, the rows and systems that
//! scale uses (byte-identical to the source) under `OUT/{scale}/system-N.csv`, and
//! `OUT/manifest.json` with sizes, MD5s, row counts, the source and the attribution. Serve OUT
//! next to the page (as `data/westermo/`) or point `--base-url`/`--data-dir` at it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::error::{Error, Result};
use crate::generate::Size;
use crate::real::manifest::{self, Manifest, ScaleEntry};
use crate::real::{dir, prepare, scale, ATTRIBUTION};

/// Arguments of `prepare`.
#[derive(Debug, Args)]
pub struct PrepareArgs {
    /// Folder of the source `system-N.csv` files.
    #[arg(long, value_name = "DIR")]
    data_dir: PathBuf,
    /// Output folder (created).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Scales to prepare, comma-separated (huge copies every row of every file).
    #[arg(long, default_value = "small,big", value_delimiter = ',')]
    scales: Vec<String>,
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| Error::io(p.display().to_string(), e))?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io(path.display().to_string(), e))
}

/// Runs `prepare`.
pub fn run(a: &PrepareArgs) -> Result<ExitCode> {
    let present = dir::list(&a.data_dir)?;
    let mut scales = Vec::new();
    let mut failed = 0;
    for name in &a.scales {
        let size: Size = name.parse()?;
        let plan = scale::plan(size);
        let (files, missing) = scale::select(plan, &present);
        if !missing.is_empty() {
            eprintln!("{size}: not present, skipped: {}", missing.join(", "));
        }
        let mut entry = ScaleEntry {
            scale: size.to_string(),
            window_rows: plan.rows.map(|r| r as u64),
            files: vec![],
        };
        for f in files {
            let src = a.data_dir.join(&f);
            let bytes = dir::read_window(&src, plan.rows)?;
            let rel = format!("{size}/{f}");
            match prepare::prepare_file(&src.display().to_string(), &rel, &bytes, plan.rows) {
                Ok((kept, e)) => {
                    write(&a.out.join(&rel), &kept)?;
                    eprintln!("{rel}: {} rows, {} bytes, md5 {}", e.rows, e.bytes, e.md5);
                    entry.files.push(e);
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("FAILED {e}");
                }
            }
        }
        scales.push(entry);
    }
    let m = Manifest {
        format: manifest::FORMAT.into(),
        source: format!(
            "excerpt of the Westermo test-system-performance data set (files from {}); rows \
             copied unchanged, the first rows of each file",
            a.data_dir.display()
        ),
        attribution: ATTRIBUTION.into(),
        scales,
    };
    let json = serde_json::to_string_pretty(&m).map_err(|e| Error::io("manifest", e))?;
    write(&a.out.join(manifest::FILE), format!("{json}\n").as_bytes())?;
    println!("wrote {}", a.out.join(manifest::FILE).display());
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
