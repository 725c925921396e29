//! The browser front end (wasm32 only). This skeleton generates a data set in the page and shows
//! its statistics; the full page (worker, cache, charts) builds on it.

pub mod real;

use wasm_bindgen::prelude::*;

use crate::cache::CacheStatus;
use crate::generate::{self, Generator, Size, DEFAULT_SEED};
use crate::report::DatasetInfo;

/// Generates a data set and describes it (the same numbers as `metricpress generate --json`).
pub fn describe(generator: Generator, size: Size, seed: u64) -> DatasetInfo {
    let ds = generate::generate(generator, size, seed);
    DatasetInfo {
        generator: generator.to_string(),
        size: size.to_string(),
        seed: Some(seed),
        digest: crate::canonical::digest(&ds),
        cache: CacheStatus::Off.as_str().to_string(),
        stats: crate::stats::compute(&ds),
    }
}

/// JS entry: statistics of a generated data set as a JSON string.
#[wasm_bindgen]
pub fn generate_stats_json(generator: &str, size: &str, seed: u64) -> Result<String, JsValue> {
    let g: Generator = generator.parse().map_err(|e: crate::Error| e.to_string())?;
    let s: Size = size.parse().map_err(|e: crate::Error| e.to_string())?;
    if s == Size::Huge {
        return Err("huge (~100M points) is native-only: metricpress generate --size huge".into());
    }
    serde_json::to_string_pretty(&describe(g, s, seed)).map_err(|e| e.to_string().into())
}

/// Page start-up: wires the Generate button if the page has one.
pub fn start() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(button), Some(out)) = (
        doc.get_element_by_id("generate"),
        doc.get_element_by_id("stats"),
    ) else {
        return;
    };
    if let Some(body) = doc.body() {
        let _ = body.set_attribute("data-status", "idle");
    }
    let doc2 = doc.clone();
    let on_click = Closure::<dyn FnMut()>::new(move || {
        let value = |id: &str| {
            doc2.get_element_by_id(id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|e| e.value())
        };
        let g = value("generator").unwrap_or_else(|| "synthetic".into());
        let s = value("size").unwrap_or_else(|| "small".into());
        let text = generate_stats_json(&g, &s, DEFAULT_SEED)
            .unwrap_or_else(|e| format!("error: {}", e.as_string().unwrap_or_default()));
        out.set_text_content(Some(&text));
        if let Some(body) = doc2.body() {
            let _ = body.set_attribute("data-status", "done");
        }
    });
    let _ = button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
}
