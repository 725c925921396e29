//! The page controller: starts the page (settings from the URL via `controls`), keeps the URL in step,
//! runs the worker (Run starts it, Cancel terminates it), shows progress, notices and errors in
//! words, and hands finished reports to `results` and `charts`.

use std::cell::RefCell;

use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, HtmlButtonElement, HtmlDetailsElement, HtmlProgressElement, MessageEvent,
    Worker, WorkerOptions, WorkerType,
};

use super::controls::{flag, query, read_controls, toggle_base_url, write_controls, write_url};
use super::dom::{self, by_id, set_status, set_text};
use super::idb_cache::{self, DB_NAME};
use super::protocol::{decode, encode, FromWorker, Settings, ToWorker};
use super::{charts, results};
use crate::platform::now_ms;
use crate::plot::ChartData;

/// Page state between events.
#[derive(Default)]
struct Page {
    worker: Option<Worker>,
    running: bool,
    started_ms: f64,
    report_json: Option<String>,
    settings: Settings,
    /// Bumped by every Run, so late callbacks of an older run do nothing.
    run_id: u32,
    /// What the page's link asked for but could not use; shown until the first run ends, so a
    /// `run=1` link that starts at once still says what it ignored.
    link_notes: Vec<String>,
}

thread_local! {
    static PAGE: RefCell<Page> = RefCell::new(Page::default());
}

fn listen(id: &str, event: &str, f: impl FnMut(Event) + 'static) {
    if let Some(e) = by_id::<Element>(id) {
        let cb = Closure::<dyn FnMut(Event)>::new(f);
        let _ = e.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
        cb.forget();
    }
}

/// Page start-up (called by the binary's wasm `main`). Does nothing on pages without the controls
/// (the test runner's page, the worker).
pub fn start() {
    if by_id::<Element>("settings").is_none() {
        return;
    }
    let q = query();
    let mut pairs = Vec::new();
    if let Some(q) = &q {
        for k in ["generator", "size", "seed", "zstd", "base_url"] {
            if let Some(v) = q.get(k) {
                pairs.push((k, v));
            }
        }
    }
    let (settings, problems) = Settings::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    write_controls(&settings);
    for p in &problems {
        notice(p);
    }
    PAGE.with(|pg| pg.borrow_mut().link_notes = problems);
    if flag(&q, "embed") {
        if let Some(b) = dom::document().and_then(|d| d.body()) {
            let _ = b.class_list().add_1("embed");
        }
        if let Some(d) = by_id::<HtmlDetailsElement>("controls") {
            d.set_open(false);
        }
    }
    listen("settings", "submit", |e| {
        e.prevent_default();
        run_clicked();
    });
    listen("cancel", "click", |_| cancel());
    listen("clear-cache", "click", |_| clear_cache());
    listen("download", "click", |_| download());
    listen("generator", "change", |_| toggle_base_url());
    if let Some(w) = web_sys::window() {
        let cb = Closure::<dyn FnMut()>::new(|| {
            if let Err(e) = charts::redraw() {
                show_error("Drawing the charts failed", &e, "Reload the page.");
            }
        });
        let _ = w.add_event_listener_with_callback("resize", cb.as_ref().unchecked_ref());
        cb.forget();
    }
    toggle_base_url();
    let _ = charts::show(ChartData::default());
    spawn_worker();
    set_status("idle");
    set_progress(0.0, "Ready. Choose settings and press Run.");
    if flag(&q, "run") {
        run_clicked();
    }
}

/// URLs of Trunk's JS glue and wasm, from the preload links Trunk puts in the page's head.
fn module_urls() -> Option<(String, String)> {
    let doc = dom::document()?;
    let href = |sel: &str| -> Option<String> {
        let e = doc.query_selector(sel).ok()??;
        Some(e.dyn_into::<web_sys::HtmlLinkElement>().ok()?.href())
    };
    Some((
        href("link[rel=modulepreload]")?,
        href("link[rel=preload][as=fetch]")?,
    ))
}

/// Starts a fresh worker (it loads the wasm at once, so a Run right after page load is fast).
fn spawn_worker() {
    let Some((glue, wasm)) = module_urls() else {
        show_error(
            "The page cannot find its WebAssembly files",
            "no <link rel=modulepreload> in the page",
            "Serve the dist/ folder built by `trunk build --release` unchanged.",
        );
        return;
    };
    let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
    let url = format!("./worker.js?glue={}&wasm={}", enc(&glue), enc(&wasm));
    let opts = WorkerOptions::new();
    opts.set_type(WorkerType::Module);
    let worker = match Worker::new_with_options(&url, &opts) {
        Ok(w) => w,
        Err(e) => {
            show_error(
                "The background worker could not start",
                &format!("{e:?}"),
                "Use a browser with module Web Workers (any current one).",
            );
            return;
        }
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let text = ev.data().as_string().unwrap_or_default();
        match decode::<FromWorker>(&text) {
            Ok(msg) => on_worker(msg),
            Err(e) => fail(
                "The worker sent a message the page does not understand",
                &e,
                "Reload the page.",
            ),
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(|ev: web_sys::ErrorEvent| {
        fail(
            "The background worker crashed",
            &ev.message(),
            "Press Run again; if it repeats, reload the page.",
        );
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    PAGE.with(|p| {
        if let Some(old) = p.borrow_mut().worker.replace(worker) {
            old.terminate();
        }
    });
}

fn set_button(id: &str, disabled: bool) {
    if let Some(b) = by_id::<HtmlButtonElement>(id) {
        b.set_disabled(disabled);
    }
}

fn set_progress(fraction: f64, step: &str) {
    if let Some(p) = by_id::<HtmlProgressElement>("progress") {
        p.set_value(fraction.clamp(0.0, 1.0));
    }
    set_text("progress-step", step);
}

fn notice(text: &str) {
    let (Some(doc), Some(list)) = (dom::document(), by_id::<Element>("notices")) else {
        return;
    };
    if let Some(li) = dom::el(&doc, "li", text) {
        let _ = list.append_child(&li);
    }
}

fn show_error(what: &str, detail: &str, todo: &str) {
    let text = if detail.is_empty() {
        format!("{what}.\nWhat to do: {todo}")
    } else {
        format!("{what}: {detail}\nWhat to do: {todo}")
    };
    set_text("error", &text);
    dom::set_hidden("error", false);
}

/// Ends a run with an error.
fn fail(what: &str, detail: &str, todo: &str) {
    show_error(what, detail, todo);
    finish_run();
    set_status("error");
    set_progress(0.0, "Failed; see the message below.");
}

fn finish_run() {
    PAGE.with(|p| p.borrow_mut().running = false);
    set_button("run", false);
    set_button("cancel", true);
}

fn run_clicked() {
    let settings = match read_controls() {
        Ok(s) => s,
        Err(e) => {
            fail(
                "A setting is not valid",
                &e,
                "Correct it and press Run again.",
            );
            return;
        }
    };
    write_url(&settings);
    dom::set_hidden("error", true);
    if let Some(l) = by_id::<Element>("notices") {
        dom::clear(&l);
    }
    // the link's notes belong to the first run only
    for n in PAGE.with(|p| std::mem::take(&mut p.borrow_mut().link_notes)) {
        notice(&n);
    }
    if PAGE.with(|p| p.borrow().worker.is_none() || p.borrow().running) {
        spawn_worker();
    }
    let msg = encode(&ToWorker::Run {
        settings: settings.clone(),
        use_cache: true,
    });
    let posted = PAGE.with(|p| {
        let mut p = p.borrow_mut();
        p.running = true;
        p.run_id = p.run_id.wrapping_add(1);
        p.started_ms = now_ms();
        p.settings = settings;
        p.worker
            .as_ref()
            .map(|w| w.post_message(&JsValue::from_str(&msg)).is_ok())
    });
    if posted != Some(true) {
        fail(
            "The background worker is not running",
            "",
            "Reload the page.",
        );
        return;
    }
    set_status("running");
    set_button("run", true);
    set_button("cancel", false);
    set_text("cache-status", "checking…");
    set_progress(0.0, "Starting…");
}

fn cancel() {
    let was_running = PAGE.with(|p| p.borrow().running);
    if !was_running {
        return;
    }
    PAGE.with(|p| {
        let mut p = p.borrow_mut();
        p.run_id = p.run_id.wrapping_add(1); // late chart callbacks of this run do nothing
    });
    finish_run();
    spawn_worker(); // terminates the busy one: synchronous wasm can only be stopped this way
    set_status("idle");
    set_progress(0.0, "Cancelled. Press Run to start again.");
}

fn on_worker(msg: FromWorker) {
    if !PAGE.with(|p| p.borrow().running) && !matches!(msg, FromWorker::Ready) {
        return;
    }
    match msg {
        FromWorker::Ready => {}
        FromWorker::Progress { step, fraction } => set_progress(fraction, &step),
        FromWorker::Cache {
            status,
            load_ms,
            notices,
        } => {
            let what = match status.as_str() {
                "hit" => "cache hit",
                "miss" => "cache miss (generated and stored)",
                _ => "cache off",
            };
            set_text(
                "cache-status",
                &format!("{what}, data set ready in {load_ms:.0} ms"),
            );
            notices.iter().for_each(|n| notice(n));
        }
        FromWorker::Done {
            report_json,
            total_ms,
        } => done(report_json, total_ms),
        FromWorker::Error { what, hint } => fail("The run failed", &what, &hint),
    }
}

fn done(report_json: String, worker_ms: f64) {
    let report: Value = match serde_json::from_str(&report_json) {
        Ok(v) => v,
        Err(e) => {
            return fail(
                "The report could not be read",
                &e.to_string(),
                "Reload the page and run again.",
            )
        }
    };
    results::render(&report);
    let run_id = PAGE.with(|p| {
        let mut p = p.borrow_mut();
        p.report_json = Some(report_json);
        p.run_id
    });
    set_button("download", false);
    let rungs = report.get("rungs").and_then(Value::as_array);
    let verdict = match rungs {
        Some(r) if r.is_empty() => "This build has no rungs yet.",
        Some(r)
            if r.iter()
                .all(|r| r.get("verified").and_then(Value::as_bool) == Some(true)) =>
        {
            "Every rung verified."
        }
        _ => "A RUNG FAILED VERIFICATION: see the table.",
    };
    set_progress(0.99, "Drawing the charts…");
    // Charts are drawn one per task; the run is done when the last one is.
    charts::show_in_steps(ChartData::from_report(&report), move |drawn| {
        if PAGE.with(|p| p.borrow().run_id) != run_id {
            return; // a newer run started meanwhile
        }
        if let Err(e) = drawn {
            show_error(
                "Drawing the charts failed",
                &e,
                "The table above is still correct; try another browser for the charts.",
            );
        }
        let page_ms = PAGE.with(|p| now_ms() - p.borrow().started_ms);
        finish_run();
        set_progress(
            1.0,
            &format!("Done in {page_ms:.0} ms ({worker_ms:.0} ms in the worker). {verdict}"),
        );
        set_status("done");
    });
}

fn clear_cache() {
    wasm_bindgen_futures::spawn_local(async {
        match idb_cache::clear(DB_NAME).await {
            Ok(()) => {
                set_text("cache-status", "cleared");
                notice("The browser cache is cleared; the next run generates its data set again.");
            }
            Err(e) => show_error(
                "Clearing the cache failed",
                &e,
                "Clear this site's data in the browser settings.",
            ),
        }
    });
}

fn download() {
    let Some((json, s)) = PAGE.with(|p| {
        let p = p.borrow();
        p.report_json.clone().map(|j| (j, p.settings.clone()))
    }) else {
        return;
    };
    let result = (|| -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&JsValue::from_str(&json));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let doc = dom::document().ok_or("no document")?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
        a.set_href(&url);
        a.set_download(&format!(
            "metricpress-{}-{}-{}.json",
            s.generator, s.size, s.seed
        ));
        a.click();
        web_sys::Url::revoke_object_url(&url)
    })();
    if let Err(e) = result {
        show_error(
            "The download failed",
            &format!("{e:?}"),
            "Use a current browser.",
        );
    }
}
