//! The streaming path of `run` (always for `huge`, `--stream` for the other scales) and the
//! options it shares with `bench`: threads, chunk size, output folder, reference rungs.

use std::path::PathBuf;

use clap::Args;

use crate::error::{Error, Result};
use crate::generate::Size;
use crate::ladder::{Options, Rung, LADDER};
use crate::report::DatasetInfo;
use crate::stream::driver::{self, Settings};
use crate::stream::reference::REFERENCE;
use crate::stream::tally::{framing, StreamReport};
use crate::stream::{
    memory, progress, ChunkSource, GeneratedSource, CHUNK_SERIES, HUGE_ZSTD_LEVEL,
};

use super::DataArgs;

/// Options of the streaming ladder (shared by `run` and `bench`).
#[derive(Debug, Clone, Args)]
pub struct StreamArgs {
    /// Worker threads for the streaming path (default: every core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Series per chunk in the streaming path (the output is one independent frame per chunk).
    #[arg(long, value_name = "N", default_value_t = CHUNK_SERIES,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub chunk_series: usize,
    /// Write every rung's output to DIR/<rung>.out (streaming path; `.partial` until done).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Also run the reference rungs `canonical` and `canonical_zstd` (raw columns, + zstd).
    #[arg(long)]
    pub reference_rungs: bool,
    /// Also stream the peers (pco, pco_decimal, ...) like rungs (`bench` always does).
    #[arg(long)]
    pub peers: bool,
    /// Run only these rungs (comma-separated names, e.g. `cbor_zstd,canonical`).
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub only: Option<Vec<String>>,
}

/// The zstd level: the one asked for, else [`HUGE_ZSTD_LEVEL`] for the generated `huge` scale
/// (100M points), else the default. Real data at `--size huge` is every row of the files present,
/// which is far smaller, so it keeps the default.
pub fn zstd_level(asked: Option<i32>, size: Size, generated: bool) -> i32 {
    asked.unwrap_or(if generated && size == Size::Huge {
        HUGE_ZSTD_LEVEL
    } else {
        crate::encoding::zstd::DEFAULT_LEVEL
    })
}

/// The rungs to run: the ladder, then the reference rungs if asked for, filtered by `--only`.
/// (Peers, once they land, are appended here too: anything implementing [`Rung`] streams.)
pub fn rungs(s: &StreamArgs) -> Result<Vec<&'static dyn Rung>> {
    let mut list: Vec<&'static dyn Rung> = LADDER.to_vec();
    if s.peers {
        list.extend(crate::peers::as_rung::rungs());
    }
    if s.reference_rungs {
        list.extend_from_slice(REFERENCE);
    }
    if let Some(only) = &s.only {
        if let Some(bad) = only
            .iter()
            .find(|n| !list.iter().any(|r| r.name() == n.as_str()))
        {
            let known: Vec<&str> = list.iter().map(|r| r.name()).collect();
            return Err(Error::Usage(format!(
                "unknown rung {bad:?} in --only (known: {}; reference rungs need --reference-rungs)",
                known.join(", ")
            )));
        }
        list.retain(|r| only.iter().any(|n| n == r.name()));
    }
    Ok(list)
}

/// Streams the generated data set of `data` through `rungs`.
pub fn run_streamed(
    data: &DataArgs,
    s: &StreamArgs,
    rungs: &[&dyn Rung],
    opts: Options,
    quiet: bool,
) -> Result<StreamReport> {
    let generator = data.generator.generated().ok_or_else(|| {
        Error::Usage("the streaming path needs a generated data set (synthetic, random)".into())
    })?;
    let source = GeneratedSource {
        chunk_series: s.chunk_series,
        ..GeneratedSource::new(generator, data.size, data.seed)
    };
    let label = Label {
        generator: data.generator.to_string(),
        size: data.size.to_string(),
        seed: Some(data.seed),
        unit: format!("{}-series chunk", s.chunk_series),
    };
    run_source(&source, &label, s, rungs, opts, quiet)
}

/// Real data above this many bytes of CSV streams at `--size huge` even without `--stream`
/// (the whole Westermo set is ~378 MB; the excerpts a few hundred KB stay in memory, where rung 8
/// can pool each metric across files).
pub const REAL_STREAM_BYTES: u64 = 64 << 20;

/// The `system-N.csv` files of `dir` in system order, and their total size.
pub fn real_files(dir: &std::path::Path) -> Result<(Vec<String>, u64)> {
    let present = crate::real::dir::list(dir)?;
    let (files, _missing) =
        crate::real::scale::select(crate::real::scale::plan(Size::Huge), &present);
    let bytes = files
        .iter()
        .map(|f| std::fs::metadata(dir.join(f)).map_or(0, |m| m.len()))
        .sum();
    Ok((files, bytes))
}

/// Streams every row of every Westermo file in `dir` through `rungs`, one file per chunk, so the
/// whole data set never sits in memory. Each file's parse report goes to stderr.
pub fn run_real_streamed(
    dir: &std::path::Path,
    s: &StreamArgs,
    rungs: &[&dyn Rung],
    opts: Options,
    quiet: bool,
) -> Result<StreamReport> {
    let (files, _) = real_files(dir)?;
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no system-N.csv files to stream",
            dir.display()
        )));
    }
    let source = crate::stream::FnSource::new(files.len(), None, |i| {
        let path = dir.join(&files[i]);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(path.display().to_string(), e))?;
        let (series, rep) = crate::real::parse_file(&files[i], &bytes, None)?;
        if !quiet || !rep.is_clean() {
            eprintln!("{}", rep.summary());
        }
        Ok(crate::model::Dataset { series })
    });
    let label = Label {
        generator: "real".into(),
        size: Size::Huge.to_string(),
        seed: None,
        unit: "file".into(),
    };
    run_source(&source, &label, s, rungs, opts, quiet)
}

/// How a streamed data set is named in the report.
pub struct Label {
    /// `synthetic`, `random`, `real`.
    pub generator: String,
    /// `small`, `big`, `huge`.
    pub size: String,
    /// The seed, for generated data.
    pub seed: Option<u64>,
    /// What one chunk is, for the framing sentence (`100-series chunk`, `file`).
    pub unit: String,
}

/// Streams any [`ChunkSource`] (generated chunks; real data: one file per chunk) through `rungs`
/// on `--threads` threads, with progress, Ctrl-C and `--out-dir`.
pub fn run_source(
    source: &dyn ChunkSource,
    label: &Label,
    s: &StreamArgs,
    rungs: &[&dyn Rung],
    opts: Options,
    quiet: bool,
) -> Result<StreamReport> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(s.threads.unwrap_or(0))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the worker threads: {e}")))?;
    let names: Vec<&str> = rungs.iter().map(|r| r.name()).collect();
    let bar = progress::for_stderr(quiet, &names, source.points_hint());
    let settings = Settings {
        rungs,
        opts,
        out_dir: s.out_dir.clone(),
        cancel: crate::stream::cancel::ctrl_c_flag(),
    };
    let outcome = pool.install(|| driver::run(source, &settings, bar.as_ref()));
    bar.finish();
    let o = outcome?;
    let mut rep = StreamReport {
        dataset: DatasetInfo {
            generator: label.generator.clone(),
            size: label.size.clone(),
            seed: label.seed,
            digest: o.digest,
            cache: "off".into(),
            stats: o.stats,
        },
        zstd_level: opts.zstd_level,
        framing: framing(o.chunks, &label.unit),
        chunks: o.chunks,
        threads: o.threads,
        wall_ms: o.wall_ms,
        source_ms: o.source_ms,
        peak_rss_bytes: memory::peak_rss_bytes(),
        rungs: o.rows,
    };
    rep.fill_ratios();
    Ok(rep)
}

/// The extra table of a streamed run: checksums, frames, files, and the run's totals.
pub fn table(rep: &StreamReport) -> String {
    let mut out = format!(
        "streamed: {} chunks on {} threads, wall {:.1} s, generation {:.1} s thread time, \
         peak RSS {}\nframing: {}\n\n{:<16} {:>12} {:>12} {:>7}  {:<32}  {}\n",
        rep.chunks,
        rep.threads,
        rep.wall_ms / 1e3,
        rep.source_ms / 1e3,
        rep.peak_rss_bytes.map_or_else(
            || "unknown".into(),
            |b| format!("{:.0} MiB", b as f64 / 1048576.0)
        ),
        rep.framing,
        "rung",
        "enc wall ms",
        "dec wall ms",
        "frames",
        "output MD5",
        "file"
    );
    for r in &rep.rungs {
        out += &format!(
            "{:<16} {:>12.1} {:>12.1} {:>7}  {:<32}  {}\n",
            r.row.name,
            r.encode_wall_ms,
            r.decode_wall_ms,
            r.chunks,
            r.md5,
            r.output.as_deref().unwrap_or("-")
        );
    }
    out
}
