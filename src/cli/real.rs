//! `--generator real`: the Westermo files from `--data-dir DIR` or `--base-url URL`, through the
//! data-set cache. The key's source part names the folder or URL and the files (sizes and
//! modification times, or the manifest's MD5, or HTTP validators), so a changed file is reloaded.
//! The per-file parse report goes to stderr; it is kept next to the cache entry so a cache hit
//! still shows it. A load where some file failed is not kept in the cache.

use std::path::PathBuf;

use crate::cache::{self, CacheStatus};
use crate::error::{Error, Result};
use crate::platform;
use crate::real::{self, LoadReport};

use super::dataset::{describe, Loaded};
use super::DataArgs;

/// Rejects `--data-dir`/`--base-url` for the generators that do not read files.
pub fn check_no_real_flags(args: &DataArgs) -> Result<()> {
    if args.data_dir.is_some() || args.base_url.is_some() {
        return Err(Error::Usage(format!(
            "--data-dir and --base-url are for --generator real, not {}",
            args.generator
        )));
    }
    Ok(())
}

/// Loads the real data set of `args` (through the cache).
pub fn load(args: &DataArgs) -> Result<Loaded> {
    let t0 = platform::now_ms();
    let size = args.size;
    let fingerprint = match (&args.data_dir, &args.base_url) {
        (Some(d), None) => real::dir::fingerprint(d)?,
        (None, Some(u)) => real::http::fingerprint(u, size)?,
        _ => {
            return Err(Error::Usage(
                "--generator real needs exactly one of --data-dir DIR (a folder of Westermo \
                 system-N.csv files) or --base-url http://HOST/PATH/"
                    .into(),
            ))
        }
    };
    let dir = (!args.no_cache).then(|| {
        args.cache_dir
            .clone()
            .unwrap_or_else(platform::default_cache_dir)
    });
    let key = cache::key(&size.to_string(), "real", None, &fingerprint);
    let mut report: Option<LoadReport> = None;
    let cached = platform::load_or_make(dir.as_deref(), &key, || {
        let (ds, rep) = match (&args.data_dir, &args.base_url) {
            (Some(d), _) => real::load_dir(d, size)?,
            (None, Some(u)) => real::load_url(u, size, &mut |i, n, name| {
                eprintln!("[{}/{n}] fetching {name}", i + 1);
            })?,
            (None, None) => return Err(Error::Usage("no real-data source".into())),
        };
        report = Some(rep);
        Ok(ds)
    })?;
    for n in &cached.notices {
        eprintln!("{n}");
    }
    let sidecar = dir.as_ref().map(|d| d.join(format!("{key}.real.json")));
    match &report {
        Some(rep) => {
            print_report(rep, "");
            if !rep.failures.is_empty() && cached.status == CacheStatus::Miss {
                platform::forget(dir.as_deref(), &key);
                eprintln!("note: not cached, because some files failed to load");
            } else if let Some(p) = &sidecar {
                write_sidecar(p, rep);
            }
        }
        None => match sidecar.and_then(|p| std::fs::read(p).ok()) {
            Some(b) => match serde_json::from_slice::<LoadReport>(&b) {
                Ok(rep) => print_report(&rep, "(cached) "),
                Err(_) => eprintln!("(cached; the load report is unreadable)"),
            },
            None => eprintln!("(cached; no load report kept: use --no-cache to see it)"),
        },
    }
    let info = describe(
        &cached.dataset,
        "real",
        &size.to_string(),
        None,
        cached.status,
    );
    Ok(Loaded {
        dataset: cached.dataset,
        info,
        load_ms: platform::now_ms() - t0,
        attribution: Some(real::ATTRIBUTION),
    })
}

fn print_report(rep: &LoadReport, prefix: &str) {
    let how = if rep.manifest {
        " (manifest.json, MD5-checked)"
    } else {
        ""
    };
    eprintln!("{prefix}real data from {}{how}:", rep.source);
    for l in rep.lines() {
        eprintln!("{prefix}  {l}");
    }
}

fn write_sidecar(path: &PathBuf, rep: &LoadReport) {
    if let Ok(json) = serde_json::to_vec(rep) {
        let _ = std::fs::write(path, json);
    }
}
