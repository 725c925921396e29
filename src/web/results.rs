//! Renders a report (the `run --json` value, read generically so `peers` and `floor` show up when
//! present) into the page: one `<tr data-rung="NAME">` per rung, the peers table, the entropy
//! reference, the data-set statistics and, for real data, the attribution. Text nodes only.

use serde_json::Value;
use web_sys::{Document, Element};

use super::dom::{self, by_id, el, thousands};

/// Attribution of the Westermo data set (CC-BY-4.0), shown whenever real data is shown.
pub const WESTERMO_ATTRIBUTION: &str = "Real data: P E Strandberg and Y Marklund. (2023). The \
    Westermo test system performance data set. \
    https://github.com/westermo/test-system-performance-dataset. Licence: CC-BY-4.0 \
    (https://creativecommons.org/licenses/by/4.0/). Files are read as published; no value is \
    changed.";

fn f(v: &Value, k: &str) -> Option<f64> {
    v.get(k).and_then(Value::as_f64)
}

fn cell(doc: &Document, tr: &Element, text: &str) -> Option<Element> {
    let td = el(doc, "td", text)?;
    tr.append_child(&td).ok()?;
    Some(td)
}

fn badge(doc: &Document, td: &Element, class: &str, text: &str, title: Option<&str>) {
    if let Some(b) = el(doc, "span", text) {
        let _ = b.set_attribute("class", &format!("badge {class}"));
        if let Some(t) = title {
            let _ = b.set_attribute("title", t);
        }
        let _ = td.append_child(&b);
    }
}

fn ms(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |x| format!("{x:.1}"))
}

fn rung_row(doc: &Document, i: usize, r: &Value) -> Option<Element> {
    let name = r.get("name")?.as_str()?;
    let lossless = r.get("lossless").and_then(Value::as_bool).unwrap_or(true);
    let verified = r.get("verified").and_then(Value::as_bool).unwrap_or(false);
    let tr = doc.create_element("tr").ok()?;
    tr.set_attribute("data-rung", name).ok()?;
    tr.set_attribute("data-verified", if verified { "true" } else { "false" })
        .ok()?;
    if !lossless {
        tr.set_attribute("class", "lossy").ok()?;
    }
    if let Some(s) = r.get("summary").and_then(Value::as_str) {
        tr.set_attribute("title", s).ok()?;
    }
    cell(doc, &tr, &(i + 1).to_string());
    cell(doc, &tr, name);
    cell(
        doc,
        &tr,
        &r.get("bytes")
            .and_then(Value::as_u64)
            .map(thousands)
            .unwrap_or_default(),
    );
    cell(
        doc,
        &tr,
        &f(r, "bytes_per_point")
            .map(|b| format!("{b:.2}"))
            .unwrap_or_default(),
    );
    cell(
        doc,
        &tr,
        &f(r, "ratio_vs_ndjson")
            .map(|x| format!("{x:.1}×"))
            .unwrap_or_else(|| "–".into()),
    );
    let td = cell(doc, &tr, "")?;
    let error = r.get("error").and_then(Value::as_str);
    match (verified, lossless) {
        (true, true) => badge(
            doc,
            &td,
            "ok",
            "verified",
            Some("decoded bytes are bit-identical"),
        ),
        (true, false) => badge(
            doc,
            &td,
            "lossy",
            "checked (lossy)",
            Some("lossy by design; its own checks passed"),
        ),
        (false, _) => badge(doc, &td, "bad", "FAILED", error),
    }
    cell(doc, &tr, &ms(f(r, "encode_ms")));
    cell(doc, &tr, &ms(f(r, "decode_ms")));
    Some(tr)
}

fn peer_row(doc: &Document, p: &Value) -> Option<Element> {
    let name = p.get("name")?.as_str()?;
    let tr = doc.create_element("tr").ok()?;
    tr.set_attribute("data-peer", name).ok()?;
    cell(doc, &tr, name);
    cell(
        doc,
        &tr,
        &p.get("bytes")
            .and_then(Value::as_u64)
            .map(thousands)
            .unwrap_or_else(|| "–".into()),
    );
    cell(
        doc,
        &tr,
        &f(p, "bytes_per_point")
            .map(|b| format!("{b:.2}"))
            .unwrap_or_else(|| "–".into()),
    );
    let td = cell(doc, &tr, "")?;
    match p.get("verified").and_then(Value::as_bool) {
        Some(true) => badge(doc, &td, "ok", "verified", None),
        Some(false) => badge(
            doc,
            &td,
            "bad",
            "FAILED",
            p.get("error").and_then(Value::as_str),
        ),
        None => {
            let why = ["reason", "error"]
                .iter()
                .find_map(|k| p.get(*k).and_then(Value::as_str));
            td.set_text_content(Some(why.unwrap_or("not run")));
        }
    }
    cell(doc, &tr, &ms(f(p, "encode_ms")));
    cell(doc, &tr, &ms(f(p, "decode_ms")));
    Some(tr)
}

fn fill_body(table_id: &str, rows: impl Iterator<Item = Element>) {
    let Some(tbody) = dom::document().and_then(|d| {
        d.query_selector(&format!("#{table_id} tbody"))
            .ok()
            .flatten()
    }) else {
        return;
    };
    dom::clear(&tbody);
    for r in rows {
        let _ = tbody.append_child(&r);
    }
}

fn stat_text(key: &str, v: &Value) -> String {
    match v {
        Value::Number(n) if key.ends_with("_timestamp") => {
            let secs = n.as_f64().unwrap_or(0.0);
            let iso = js_sys::Date::new(&(secs * 1000.0).into()).to_iso_string();
            format!("{n} ({})", String::from(iso).replace(".000Z", "Z"))
        }
        Value::Number(n) if key.ends_with("_share") => {
            format!("{:.1} %", n.as_f64().unwrap_or(0.0) * 100.0)
        }
        Value::Number(n) if n.is_u64() => thousands(n.as_u64().unwrap_or(0)),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Null => "–".into(),
        other => other.to_string(),
    }
}

fn stats(doc: &Document, ds: &Value) {
    let Some(dl) = by_id::<Element>("stats") else {
        return;
    };
    dom::clear(&dl);
    let Some(obj) = ds.as_object() else {
        return;
    };
    const FIRST: [&str; 6] = ["generator", "size", "seed", "points", "series", "digest"];
    let keys = FIRST
        .iter()
        .map(|k| k.to_string())
        .chain(obj.keys().filter(|k| !FIRST.contains(&k.as_str())).cloned());
    for k in keys {
        let Some(v) = obj.get(&k) else { continue };
        if let (Some(dt), Some(dd)) = (
            el(doc, "dt", &k.replace('_', " ")),
            el(doc, "dd", &stat_text(&k, v)),
        ) {
            let _ = dl.append_child(&dt);
            let _ = dl.append_child(&dd);
        }
    }
}

/// Renders `report` into the page.
pub fn render(report: &Value) {
    let Some(doc) = dom::document() else {
        return;
    };
    let empty = Vec::new();
    let rungs = report
        .get("rungs")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    fill_body(
        "rungs",
        rungs
            .iter()
            .enumerate()
            .filter_map(|(i, r)| rung_row(&doc, i, r)),
    );
    let peers = report.get("peers").and_then(Value::as_array);
    dom::set_hidden("peers", peers.is_none());
    fill_body(
        "peers",
        peers
            .unwrap_or(&empty)
            .iter()
            .filter_map(|p| peer_row(&doc, p)),
    );
    let floor = report.get("floor").filter(|f| f.is_object());
    dom::set_hidden("floor", floor.is_none());
    if let Some(fl) = floor {
        let part = |k: &str| f(fl, k).map_or_else(|| "–".into(), |x| format!("{x:.2}"));
        dom::set_text(
            "floor",
            &format!(
                "Order-0 entropy reference: {} bits/timestamp, {} bits/value, {} B/pt. A reference, \
                 not a bound: it ignores the cost of describing the alphabet, so on short series or \
                 nearly unique floats it is far too low.",
                part("bits_per_timestamp"),
                part("bits_per_value"),
                part("bytes_per_point")
            ),
        );
    }
    let ds = report.get("dataset").cloned().unwrap_or(Value::Null);
    stats(&doc, &ds);
    let text = |k: &str| ds.get(k).and_then(Value::as_str).unwrap_or("?").to_string();
    let seed = ds
        .get("seed")
        .and_then(Value::as_u64)
        .map(|s| format!(", seed {s}"))
        .unwrap_or_default();
    dom::set_text(
        "dataset-name",
        &format!("{} {}{seed}", text("generator"), text("size")),
    );
    let real = text("generator") == "real";
    dom::set_hidden("attribution", !real);
    if real {
        dom::set_text("attribution", WESTERMO_ATTRIBUTION);
    }
}
