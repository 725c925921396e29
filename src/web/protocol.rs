//! The messages between the page and its Web Worker, as serde types. Each message travels as one
//! JSON string (`postMessage(string)`), so the protocol is plain text that tests can round-trip
//! and a human can read in the console.
//!
//! Page → worker: [`ToWorker::Run`]. Worker → page: [`FromWorker::Ready`] once loaded, then per
//! run any number of [`FromWorker::Progress`], one [`FromWorker::Cache`], and finally exactly one
//! [`FromWorker::Done`] or [`FromWorker::Error`]. Cancel is not a message: the page terminates
//! the worker, which is the only way to stop synchronous wasm mid-rung.

use serde::{Deserialize, Serialize};

use crate::encoding::zstd::{DEFAULT_LEVEL, MAX_LEVEL};
use crate::generate::DEFAULT_SEED;

/// What to run: the page's controls, also its URL query (`?generator=synthetic&size=small&...`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// `synthetic`, `random` or `real`.
    pub generator: String,
    /// `small` or `big` (`huge` is native-only).
    pub size: String,
    /// Generator seed.
    pub seed: u64,
    /// zstd level, 1..=22.
    pub zstd_level: i32,
    /// Where real data is fetched from (empty: the loader's default).
    pub base_url: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            generator: "synthetic".into(),
            size: "small".into(),
            seed: DEFAULT_SEED,
            zstd_level: DEFAULT_LEVEL,
            base_url: String::new(),
        }
    }
}

impl Settings {
    /// Reads settings from query pairs (`generator`, `size`, `seed`, `zstd`, `base_url`), starting
    /// from the defaults. Returns the settings and one message per value that was not understood
    /// (that value keeps its default), so a bad link still opens a working page.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Settings, Vec<String>) {
        let mut s = Settings::default();
        let mut problems = Vec::new();
        for (k, v) in pairs {
            match k {
                "generator" if ["synthetic", "random", "real"].contains(&v) => s.generator = v.into(),
                "size" if ["small", "big"].contains(&v) => s.size = v.into(),
                "size" if v == "huge" => problems.push(
                    "size=huge (~100M points) is native-only: run `metricpress run --size huge`; using small"
                        .into(),
                ),
                "seed" if v.parse::<u64>().is_ok() => s.seed = v.parse().unwrap_or(DEFAULT_SEED),
                "zstd" if v.parse::<i32>().is_ok_and(|l| (1..=MAX_LEVEL).contains(&l)) => {
                    s.zstd_level = v.parse().unwrap_or(DEFAULT_LEVEL)
                }
                "base_url" => s.base_url = v.into(),
                "generator" | "size" | "seed" | "zstd" => {
                    problems.push(format!("ignored {k}={v:?} in the link (not a valid value)"))
                }
                _ => {}
            }
        }
        (s, problems)
    }

    /// The query pairs that reproduce these settings (values unescaped; the caller encodes).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![
            ("generator", self.generator.clone()),
            ("size", self.size.clone()),
            ("seed", self.seed.to_string()),
            ("zstd", self.zstd_level.to_string()),
        ];
        if !self.base_url.is_empty() {
            out.push(("base_url", self.base_url.clone()));
        }
        out
    }
}

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// Load or generate the data set, run the ladder, verify, report.
    Run {
        /// What to run.
        settings: Settings,
        /// Use the IndexedDB cache (false: always generate, store nothing).
        use_cache: bool,
    },
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker's wasm is loaded and it listens.
    Ready,
    /// A step started: what it is, and how far the whole run is (0..=1).
    Progress {
        /// Human-readable step, e.g. `rung 3/8: cbor_zstd`.
        step: String,
        /// Fraction of the run done before this step.
        fraction: f64,
    },
    /// How the data set was obtained.
    Cache {
        /// `hit`, `miss` or `off`.
        status: String,
        /// Time to load (hit) or generate and store (miss), ms.
        load_ms: f64,
        /// Things the user should know (corrupt entry replaced, cache unavailable).
        notices: Vec<String>,
    },
    /// The run finished: the report as the CLI's `run --json` text.
    Done {
        /// The report JSON.
        report_json: String,
        /// Wall time of the whole run in the worker, ms.
        total_ms: f64,
    },
    /// The run failed.
    Error {
        /// What failed, in words.
        what: String,
        /// What the user can do about it.
        hint: String,
    },
}

/// Encodes a message as its JSON text.
pub fn encode<T: Serialize>(msg: &T) -> String {
    // These types hold only strings and numbers, which always serialize.
    serde_json::to_string(msg).unwrap_or_else(|e| {
        format!(
            r#"{{"type":"error","what":"cannot encode a message: {e}","hint":"report this bug"}}"#
        )
    })
}

/// Decodes a message from its JSON text.
pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| format!("malformed worker message ({e}): {text:.200}"))
}
