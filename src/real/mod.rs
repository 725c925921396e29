//! Real mode: the Westermo test-system-performance data set (P. E. Strandberg and Y. Marklund,
//! 2023, CC-BY-4.0, <https://github.com/westermo/test-system-performance-dataset>), read from
//! `system-N.csv` files, each a `timestamp` column (seconds from 0, 30 s steps, about a month)
//! and 22 or 23 metric columns.
//!
//! # From a file to series
//!
//! Every known metric column of `system-N.csv` becomes one series. Columns are matched by header
//! name (trimmed, ASCII case-insensitive), so the 24-column files, the 23-column files (systems
//! 8, 11 and 17 lack `sys-thermal`) and files with reordered or extra columns all work; the
//! series come out in the table's order whatever the header order.
//!
//! **Labels** (a fixed rule, the same every run): `host` = the file stem (`system-7.csv` →
//! `system-7`), `environment="test"` (the systems drive nightly testing), `dataset="westermo"`.
//! Nothing else.
//!
//! **Timestamps**: the `timestamp` column is never a metric. A row at offset `t` seconds gets the
//! unix timestamp `EPOCH + t`, with [`EPOCH`] = 2025-01-01T00:00:00Z (the same fixed epoch as the
//! generators; never the wall clock).
//!
//! **Values** keep their exact doubles: Rust's `str::parse::<f64>` is correctly rounded, and the
//! files hold Python's shortest round-trip text, so re-printing a value Python-style
//! ([`repr::python_repr`]) gives back its text. A value written as an integer literal (digits,
//! an optional sign, no `.` or exponent) gets the integer tag, so NDJSON writes `2`, not `2.0`.
//!
//! **Metric names** (Prometheus style; units from the data set's README):
//!
//! | CSV column | metric | unit |
//! |---|---|---|
//! | `load-1m`, `load-5m`, `load-15m` | `load_1m`, `load_5m`, `load_15m` | load average, as is |
//! | `sys-mem-swap-total`, `sys-mem-swap-free` | `sys_mem_swap_total_bytes`, `sys_mem_swap_free_bytes` | bytes |
//! | `sys-mem-free`, `-cache`, `-buffered`, `-available`, `-total` | `sys_mem_{free,cache,buffered,available,total}_bytes` | bytes |
//! | `sys-fork-rate` | `sys_forks_per_second` | forks/s |
//! | `sys-interrupt-rate` | `sys_interrupts_per_second` | interrupts/s |
//! | `sys-context-switch-rate` | `sys_context_switches_per_second` | switches/s |
//! | `sys-thermal` | `sys_thermal_per_second` | a rate (count/20 s, like the others) |
//! | `disk-io-time` | `disk_io_time_seconds_per_second` | s/s |
//! | `disk-bytes-read`, `disk-bytes-written` | `disk_read_bytes_per_second`, `disk_written_bytes_per_second` | bytes/s |
//! | `disk-io-read`, `disk-io-write` | `disk_reads_per_second`, `disk_writes_per_second` | operations/s |
//! | `cpu-iowait`, `cpu-system`, `cpu-user` | `cpu_{iowait,system,user}_seconds_per_second` | CPU-seconds/s, summed over cores |
//! | `server-up` | `server_up` | count of up targets |
//!
//! A header name not in this table is ignored and listed in the report (its unit is unknown).
//!
//! # Bad input: skip or fail
//!
//! Fail the file (an error naming it and, where it applies, the line): empty file; HTML instead
//! of CSV; a header without `timestamp`, without any known metric column, or with a repeated
//! column; no data row loaded (header only, or every row bad). Skip and count in the
//! [`ParseReport`] (each of the first [`parse::MAX_ISSUES`] with line and column):
//! - a row with the wrong number of fields, a timestamp that is not an integer, or a timestamp
//!   that does not increase: the **row** is skipped;
//! - an empty, non-numeric, NaN or infinite value: that one **value** is skipped, the row's other
//!   values load;
//! - a body that does not end with a line ending (a cut download): its last, partial line is
//!   dropped (fetches of a window cut at a line ending themselves, so this is never reported for
//!   them).
//!
//! Accepted silently: a UTF-8 byte order mark, CRLF line endings, blank lines. A file that fails
//! does not stop the others: loaders keep every file that parsed and report the failures.

pub mod columns;
#[cfg(not(target_arch = "wasm32"))]
pub mod dir;
#[cfg(target_arch = "wasm32")]
pub mod fetch_web;
#[cfg(not(target_arch = "wasm32"))]
pub mod http;
pub mod load;
pub mod manifest;
pub mod parse;
pub mod prepare;
pub mod repr;
pub mod scale;
pub mod window;

#[cfg(not(target_arch = "wasm32"))]
pub use dir::load_dir;
#[cfg(not(target_arch = "wasm32"))]
pub use http::load_url;
pub use load::LoadReport;
pub use parse::{parse_file, ParseReport};

/// The fixed epoch added to the files' second offsets: 2025-01-01T00:00:00Z.
pub const EPOCH: i64 = crate::generate::EPOCH;

/// The attribution to show wherever real data is used (CC-BY-4.0 requires it).
pub const ATTRIBUTION: &str = "Data: P. E. Strandberg and Y. Marklund (2023), The Westermo test \
system performance data set, https://github.com/westermo/test-system-performance-dataset, \
CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/)";

#[cfg(test)]
mod parse_tests;
