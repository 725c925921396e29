//! Native platform: the monotonic clock and the on-disk data-set cache.
//!
//! Cache rules: a hit is a file that unpacks and checks out; a corrupt or truncated file is
//! reported, deleted and regenerated; a cache folder that cannot be created or written is a
//! warning, and the run goes on without the cache.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use crate::cache::CacheStatus;
use crate::canonical;
use crate::error::Result;
use crate::model::Dataset;

/// Milliseconds since the first call (monotonic).
pub fn now_ms() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
}

/// The default cache folder: the user's cache dir + `metricpress`, else `./.cache/metricpress`.
pub fn default_cache_dir() -> PathBuf {
    dirs::cache_dir()
        .unwrap_or_else(|| PathBuf::from(".cache"))
        .join("metricpress")
}

/// The outcome of a cached load.
pub struct Cached {
    /// The data set.
    pub dataset: Dataset,
    /// Hit, miss or off.
    pub status: CacheStatus,
    /// Things the user should know (corrupt entry dropped, cache not writable).
    pub notices: Vec<String>,
}

/// Loads `key` from the cache folder `dir`, or runs `make` and stores its result.
/// `dir = None` disables the cache.
pub fn load_or_make(
    dir: Option<&Path>,
    key: &str,
    make: impl FnOnce() -> Result<Dataset>,
) -> Result<Cached> {
    let Some(dir) = dir else {
        return Ok(Cached {
            dataset: make()?,
            status: CacheStatus::Off,
            notices: vec![],
        });
    };
    let path = dir.join(format!("{key}.mpds"));
    let mut notices = Vec::new();
    match std::fs::read(&path) {
        Ok(blob) => match canonical::unpack(&blob) {
            Ok(dataset) => {
                return Ok(Cached {
                    dataset,
                    status: CacheStatus::Hit,
                    notices,
                })
            }
            Err(e) => {
                notices.push(format!(
                    "cache entry {} is corrupt ({e}); deleted it and regenerating",
                    path.display()
                ));
                let _ = std::fs::remove_file(&path);
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => notices.push(format!("cannot read cache entry {}: {e}", path.display())),
    }
    let dataset = make()?;
    if let Err(e) = store(dir, &path, &dataset) {
        notices.push(format!(
            "warning: cache folder {} is not writable ({e}); running without the cache",
            dir.display()
        ));
    }
    Ok(Cached {
        dataset,
        status: CacheStatus::Miss,
        notices,
    })
}

/// Writes atomically: a temporary file, then a rename, so a crash never leaves a half entry.
fn store(dir: &Path, path: &Path, ds: &Dataset) -> std::result::Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let blob = canonical::pack(ds).map_err(|e| e.to_string())?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, &blob).map_err(|e| e.to_string())?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        e.to_string()
    })
}

/// Drops the cache entry `key` from `dir` (a load that must not be reused, e.g. one where some
/// files failed to download). Missing entries and `dir = None` are fine.
pub fn forget(dir: Option<&Path>, key: &str) {
    if let Some(d) = dir {
        let _ = std::fs::remove_file(d.join(format!("{key}.mpds")));
    }
}
