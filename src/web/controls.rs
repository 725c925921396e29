//! The page's controls and its URL: settings from the query string into the form and back, so a
//! link reproduces a run (`?generator=synthetic&size=small&seed=7&zstd=19`), with `&run=1` to start
//! on load and `?embed=1` for the compact view. Values come from `protocol::Settings`.

use wasm_bindgen::JsValue;
use web_sys::{HtmlInputElement, HtmlSelectElement, UrlSearchParams};

use super::dom::by_id;
use super::protocol::Settings;

/// The page's query parameters.
pub fn query() -> Option<UrlSearchParams> {
    let search = web_sys::window()?.location().search().ok()?;
    UrlSearchParams::new_with_str(&search).ok()
}

/// True when query parameter `name` is `1` or `true`.
pub fn flag(q: &Option<UrlSearchParams>, name: &str) -> bool {
    q.as_ref()
        .and_then(|q| q.get(name))
        .is_some_and(|v| v == "1" || v == "true")
}

/// Puts `s` into the form.
pub fn write_controls(s: &Settings) {
    if let Some(e) = by_id::<HtmlSelectElement>("generator") {
        e.set_value(&s.generator);
    }
    if let Some(e) = by_id::<HtmlSelectElement>("size") {
        e.set_value(&s.size);
    }
    for (id, v) in [
        ("seed", s.seed.to_string()),
        ("zstd", s.zstd_level.to_string()),
        ("base-url", s.base_url.clone()),
    ] {
        if let Some(e) = by_id::<HtmlInputElement>(id) {
            e.set_value(&v);
        }
    }
}

/// The settings in the controls, or what is wrong with them.
pub fn read_controls() -> Result<Settings, String> {
    let select = |id: &str| by_id::<HtmlSelectElement>(id).map(|e| e.value());
    let input = |id: &str| by_id::<HtmlInputElement>(id).map(|e| e.value().trim().to_string());
    let d = Settings::default();
    let seed = input("seed").unwrap_or_default();
    let zstd = input("zstd").unwrap_or_default();
    Ok(Settings {
        generator: select("generator").unwrap_or(d.generator),
        size: select("size").unwrap_or(d.size),
        seed: seed.parse().map_err(|_| {
            format!("Seed {seed:?} is not a whole number from 0 to 18446744073709551615.")
        })?,
        zstd_level: zstd
            .parse()
            .ok()
            .filter(|l| (1..=22).contains(l))
            .ok_or_else(|| format!("zstd level {zstd:?} must be a whole number from 1 to 22."))?,
        base_url: input("base-url").unwrap_or_default(),
    })
}

/// The base URL only applies to real data.
pub fn toggle_base_url() {
    let real = by_id::<HtmlSelectElement>("generator").is_some_and(|e| e.value() == "real");
    if let Some(e) = by_id::<HtmlInputElement>("base-url") {
        e.set_disabled(!real);
    }
}

/// Puts the settings in the address bar (keeping `embed` and `run`), so the URL reproduces the run.
pub fn write_url(s: &Settings) {
    let Some(w) = web_sys::window() else { return };
    let Ok(p) = UrlSearchParams::new() else {
        return;
    };
    for (k, v) in s.to_pairs() {
        p.append(k, &v);
    }
    let q = query();
    for k in ["run", "embed"] {
        if let Some(v) = q.as_ref().and_then(|q| q.get(k)) {
            p.append(k, &v);
        }
    }
    let url = format!("?{}", String::from(p.to_string()));
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
