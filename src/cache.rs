//! Cache keys and the cache's outcome vocabulary. Storage itself is platform code (files natively,
//! IndexedDB in the browser); the blob format is [`crate::canonical::pack`].
//!
//! Key: the MD5 hex of `{size}-{generator}` (the Python anchor's key), extended with the seed, the
//! source description (for real data: where the files came from and which files) and
//! [`FORMAT_VERSION`], so a stale or foreign entry never matches.

use serde::Serialize;

/// Bumped whenever generators or the canonical form change, so old entries stop matching.
pub const FORMAT_VERSION: u32 = 1;

/// The cache key for a data set.
pub fn key(size: &str, generator: &str, seed: Option<u64>, source: &str) -> String {
    let seed = seed.map_or_else(|| "none".to_string(), |s| s.to_string());
    crate::canonical::md5_hex(
        format!("{size}-{generator}|seed={seed}|source={source}|v{FORMAT_VERSION}").as_bytes(),
    )
}

/// How a data set was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CacheStatus {
    /// Loaded from the cache.
    Hit,
    /// Made and (if possible) stored.
    Miss,
    /// The cache was not used.
    Off,
}

impl CacheStatus {
    /// `hit`, `miss` or `off`.
    pub fn as_str(self) -> &'static str {
        match self {
            CacheStatus::Hit => "hit",
            CacheStatus::Miss => "miss",
            CacheStatus::Off => "off",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_by_every_part() {
        let k = key("small", "synthetic", Some(42), "");
        assert_eq!(k.len(), 32);
        assert_ne!(k, key("small", "synthetic", Some(43), ""));
        assert_ne!(k, key("big", "synthetic", Some(42), ""));
        assert_ne!(k, key("small", "random", Some(42), ""));
        assert_ne!(k, key("small", "synthetic", Some(42), "x"));
        assert_eq!(k, key("small", "synthetic", Some(42), ""));
    }
}
