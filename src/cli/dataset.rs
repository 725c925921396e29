//! Loading the data set a command asks for: generated (through the cache) and described for the
//! report.

use crate::cache::{self, CacheStatus};
use crate::canonical;
use crate::error::Result;
use crate::model::Dataset;
use crate::platform;
use crate::report::DatasetInfo;
use crate::stats;

use super::DataArgs;

/// A loaded data set and its report header.
pub struct Loaded {
    /// The data.
    pub dataset: Dataset,
    /// What the report says about it.
    pub info: DatasetInfo,
    /// Milliseconds spent loading or generating.
    pub load_ms: f64,
    /// The attribution to print with the table (real data).
    pub attribution: Option<&'static str>,
}

/// Generates (or loads from the cache) the data set of `args`. Not for `huge` (streamed instead).
pub fn load(args: &DataArgs) -> Result<Loaded> {
    let Some(g) = args.generator.generated() else {
        return super::real::load(args);
    };
    super::real::check_no_real_flags(args)?;
    let t0 = platform::now_ms();
    let dir = (!args.no_cache).then(|| {
        args.cache_dir
            .clone()
            .unwrap_or_else(platform::default_cache_dir)
    });
    let key = cache::key(&args.size.to_string(), &g.to_string(), Some(args.seed), "");
    let (s, seed) = (args.size, args.seed);
    let cached = platform::load_or_make(dir.as_deref(), &key, || {
        Ok(crate::generate::generate(g, s, seed))
    })?;
    for n in &cached.notices {
        eprintln!("{n}");
    }
    let info = describe(
        &cached.dataset,
        &g.to_string(),
        &s.to_string(),
        Some(seed),
        cached.status,
    );
    Ok(Loaded {
        dataset: cached.dataset,
        info,
        load_ms: platform::now_ms() - t0,
        attribution: None,
    })
}

/// The report header of a data set held in memory.
pub fn describe(
    ds: &Dataset,
    generator: &str,
    size: &str,
    seed: Option<u64>,
    cache: CacheStatus,
) -> DatasetInfo {
    DatasetInfo {
        generator: generator.to_string(),
        size: size.to_string(),
        seed,
        digest: canonical::digest(ds),
        cache: cache.as_str().to_string(),
        stats: stats::compute(ds),
    }
}
