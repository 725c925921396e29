//! Small DOM helpers. Text from data (names, labels, error messages) only ever enters the page as
//! text nodes (`set_text_content`), never as HTML.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The page's document, if there is one (there is none in a worker).
pub fn document() -> Option<Document> {
    web_sys::window().and_then(|w| w.document())
}

/// The element with `id`, as type `T`.
pub fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document()?.get_element_by_id(id)?.dyn_into::<T>().ok()
}

/// Sets the text of the element with `id` (no-op if absent).
pub fn set_text(id: &str, text: &str) {
    if let Some(e) = by_id::<Element>(id) {
        e.set_text_content(Some(text));
    }
}

/// Shows or hides the element with `id`.
pub fn set_hidden(id: &str, hidden: bool) {
    if let Some(e) = by_id::<HtmlElement>(id) {
        e.set_hidden(hidden);
    }
}

/// A new element `tag` holding `text` as a text node.
pub fn el(doc: &Document, tag: &str, text: &str) -> Option<Element> {
    let e = doc.create_element(tag).ok()?;
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Some(e)
}

/// Removes every child of `e`.
pub fn clear(e: &Element) {
    while let Some(c) = e.first_child() {
        let _ = e.remove_child(&c);
    }
}

/// Sets `<body data-status>`: `idle`, `running`, `done` or `error` (the tests' hook).
pub fn set_status(status: &str) {
    if let Some(b) = document().and_then(|d| d.body()) {
        let _ = b.set_attribute("data-status", status);
    }
}

/// Formats an integer with thin thousands separators (`1 234 567`).
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}
