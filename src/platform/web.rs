//! Browser platform: `performance.now()` as the clock (works in the page and in a worker).

use wasm_bindgen::JsCast;

/// Milliseconds from a monotonic clock (`performance.now()`), or 0 if none is available.
pub fn now_ms() -> f64 {
    let global = js_sys::global();
    if let Some(w) = global.dyn_ref::<web_sys::Window>() {
        return w.performance().map_or(0.0, |p| p.now());
    }
    js_sys::Reflect::get(&global, &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}
