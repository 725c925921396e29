//! The browser front end (wasm32 only): the page (`page`, `controls`, `results`, `charts`), its Web Worker
//! (`worker`, speaking `protocol`), and the IndexedDB data-set cache (`idb_cache`).
//!
//! One wasm serves both: the page's `main` calls [`start`]; `www/worker.js` loads the same module
//! in a worker and calls [`worker::worker_entry`]. Errors become words in the page at this edge.

pub mod charts;
mod controls;
mod dom;
pub mod idb_cache;
mod page;
pub mod protocol;
pub mod real;
mod results;
pub mod worker;

pub use page::start;
pub use worker::worker_entry;
