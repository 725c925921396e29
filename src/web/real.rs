//! The page's real mode entry: loads the Westermo files (next to the page, else from a base URL)
//! and returns the statistics, the load report and the attribution as JSON.

use wasm_bindgen::prelude::*;

use crate::cache::CacheStatus;
use crate::generate::Size;
use crate::real::{self, fetch_web};
use crate::report::DatasetInfo;

/// JS entry: `await real_stats_json(baseUrl, size, onProgress)` → JSON
/// `{ "info": {...statistics...}, "report": {...per file...}, "attribution": "..." }`.
/// `baseUrl` empty means the data set's public URL; `onProgress(i, n, name)` is optional.
#[wasm_bindgen]
pub async fn real_stats_json(
    base_url: String,
    size: String,
    on_progress: Option<js_sys::Function>,
) -> Result<String, JsValue> {
    let s: Size = size.parse().map_err(|e: crate::Error| e.to_string())?;
    let base = if base_url.trim().is_empty() {
        fetch_web::DEFAULT_BASE_URL.to_string()
    } else {
        base_url
    };
    let mut progress = |i: usize, n: usize, name: &str| {
        if let Some(f) = &on_progress {
            let _ = f.call3(
                &JsValue::NULL,
                &JsValue::from(i as u32),
                &JsValue::from(n as u32),
                &JsValue::from_str(name),
            );
        }
    };
    let (ds, rep) = fetch_web::load_for_page(&base, s, &mut progress)
        .await
        .map_err(|e| e.to_string())?;
    let info = DatasetInfo {
        generator: "real".into(),
        size: s.to_string(),
        seed: None,
        digest: crate::canonical::digest(&ds),
        cache: CacheStatus::Off.as_str().to_string(),
        stats: crate::stats::compute(&ds),
    };
    let out = serde_json::json!({
        "info": info,
        "report": rep,
        "attribution": real::ATTRIBUTION,
    });
    serde_json::to_string_pretty(&out).map_err(|e| e.to_string().into())
}
