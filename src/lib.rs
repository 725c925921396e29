//! # metricpress
//!
//! How small can time-series metrics get, losslessly, and what does each storage idea buy?
//! metricpress generates or loads a metrics data set, runs it up a **ladder** of storage formats
//! ([`ladder`]), proves every lossless rung decodes bit-exactly, and reports the sizes, natively
//! (the `metricpress` CLI) and in the browser (wasm32, built by Trunk).
//!
//! Map of the crate:
//! - [`model`]: data sets, series, bit-exact equality; [`canonical`]: canonical bytes and digest.
//! - [`generate`]: the seeded `synthetic` and `random` generators; [`stats`]: data-set statistics.
//! - [`ladder`]: the storage formats, one file per rung; [`encoding`]: varints, zstd, byte reader.
//! - [`report`]: runs the ladder and measures; [`cache`]: cache keys; [`plot`]: the charts.
//! - [`stream`]: the ladder over data sets too big for memory (`huge`), chunk by chunk, on every core.
//! - [`platform`]: the only platform-specific code (clock, cache storage).
//! - `cli` (native) and `web` (wasm32): the two front ends.

pub mod cache;
pub mod canonical;
pub mod codec8;
pub mod codecs;
pub mod encoding;
pub mod error;
pub mod floor;
pub mod generate;
pub mod ladder;
pub mod model;
pub mod peers;
pub mod platform;
pub mod plot;
pub mod real;
pub mod report;
pub mod stats;
pub mod stream;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, Result};
