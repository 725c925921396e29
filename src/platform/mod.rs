//! The platform edge: the only place that knows whether we run natively or in a browser. The core
//! calls [`now_ms`] for timing and the cache functions here; it never sees a `cfg`.

#[cfg(not(target_arch = "wasm32"))]
#[path = "native.rs"]
mod imp;
#[cfg(target_arch = "wasm32")]
#[path = "web.rs"]
mod imp;

pub use imp::*;
