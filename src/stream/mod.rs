//! Streaming the ladder: data sets too big for memory (`huge`: 10,000 series x 10,000 points =
//! 100M points, ~1.6 GB of raw columns, ~16 GB as NDJSON) through every rung with bounded memory,
//! on every core, with progress.
//!
//! # Design
//! 1. **Chunks.** A [`ChunkSource`] cuts the data set into a fixed, ordered list of chunks of whole
//!    series: [`CHUNK_SERIES`] = 100 series per chunk for generated data (1M points for `huge`),
//!    a constant independent of the thread count; for real data, one file = one chunk
//!    ([`FnSource`]). Each chunk is produced once (seeded [`crate::generate::series`], or parsed).
//! 2. **Every rung, per chunk** ([`chunk`]): encode the chunk, decode the *actual bytes* back and
//!    verify against the chunk, which is the regenerated input itself; the whole data set is never
//!    held. Per rung the chunk's bytes go to a counting, MD5-checksumming tally ([`tally`]) and,
//!    with `--out-dir`, to a file (`sink`), strictly in chunk order.
//! 3. **Framing.** A rung's streamed output is its chunk encodings concatenated in order: each
//!    chunk is a self-contained encoding (an independent frame): "zstd as independent frames per
//!    100-series chunk". So whole-buffer formats stream too: NDJSON concatenates to NDJSON, CBOR
//!    to a CBOR sequence, zstd frames to a valid multi-frame zstd stream; size and verification
//!    come from the chunks, never from a 16 GB buffer. When the data set fits in one chunk
//!    (`small`, `big` with the default chunk) the streamed bytes *are* the in-memory bytes.
//! 4. **All cores** (`driver`, native): windows of `threads` chunks run in parallel with rayon
//!    while the previous window is merged in chunk order, so bytes, sizes and checksums do not
//!    depend on the thread count, and at most ~2 windows of chunks are alive (bounded memory).
//! 5. **Reported per rung**: total bytes, summed breakdown, encode/decode thread time summed over
//!    chunks (what one core spends; the run's wall time is reported once), verified on every chunk
//!    (with the first failing chunk), and the output's MD5 (= the MD5 of the `--out-dir` file).
//! 6. **Progress** (`progress`): indicatif bars on a terminal, periodic plain lines otherwise,
//!    nothing with `--quiet`. **Ctrl-C** (`cancel`): stop at the next chunk, delete `*.partial`
//!    files, exit non-zero. **zstd level**: [`HUGE_ZSTD_LEVEL`] by default at the `huge` scale.
//!
//! The chunk logic ([`source`], [`chunk`], [`tally`], [`reference`]) is pure and builds for
//! wasm32; the driver, files, progress bars, Ctrl-C and the memory probe are native only.
//!
//! # Hooks
//! - **Rungs and peers**: anything implementing [`crate::ladder::Rung`] streams; the CLI's list is
//!   `cli::stream_run::rungs` (the ladder, then the reference rungs; append peers there).
//! - **Real data**: build a [`FnSource`] (one file = one chunk) and call
//!   `cli::stream_run::run_source` with a `Label { generator: "real", unit: "file", .. }`.

pub mod chunk;
pub mod reference;
pub mod source;
pub mod tally;

#[cfg(not(target_arch = "wasm32"))]
pub mod cancel;
#[cfg(not(target_arch = "wasm32"))]
pub mod driver;
#[cfg(not(target_arch = "wasm32"))]
pub mod memory;
#[cfg(not(target_arch = "wasm32"))]
pub mod progress;
#[cfg(not(target_arch = "wasm32"))]
pub mod sink;

pub use source::{ChunkSource, FnSource, GeneratedSource, CHUNK_SERIES};

/// The default zstd level at the `huge` scale. Level 19 (the default elsewhere) compresses the
/// canonical form of a 1M-point chunk at a few MB/s, far too slow for the 12 GB a CBOR rung
/// produces; level 3 is hundreds of MB/s within a few percent of the size (README, level table).
pub const HUGE_ZSTD_LEVEL: i32 = 3;
