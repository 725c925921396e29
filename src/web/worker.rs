//! The Web Worker side: `www/worker.js` loads the page's own wasm and calls [`worker_entry`], which
//! listens for [`ToWorker::Run`] and runs generation (through the IndexedDB cache), the ladder and
//! verification off the main thread, posting [`FromWorker`] messages as it goes.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::idb_cache::{self, DB_NAME};
use super::protocol::{decode, encode, FromWorker, Settings, ToWorker};
use crate::error::{Error, Result};
use crate::generate::{self, Generator, Size};
use crate::ladder::{Options, LADDER};
use crate::model::Dataset;
use crate::platform::now_ms;
use crate::report::{self, DatasetInfo, Report};

fn post(msg: &FromWorker) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let _ = scope.post_message(&JsValue::from_str(&encode(msg)));
}

/// JS entry, called by `www/worker.js` in the worker once the wasm is loaded.
#[wasm_bindgen]
pub fn worker_entry() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let text = ev.data().as_string().unwrap_or_default();
        match decode::<ToWorker>(&text) {
            Ok(ToWorker::Run {
                settings,
                use_cache,
            }) => wasm_bindgen_futures::spawn_local(async move {
                let msg = match run(&settings, use_cache).await {
                    Ok(done) => done,
                    Err(e) => error_message(&e),
                };
                post(&msg);
            }),
            Err(e) => post(&FromWorker::Error {
                what: e,
                hint: "Reload the page (the page and its worker disagree).".into(),
            }),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&FromWorker::Ready);
}

/// Words for an error: what failed and what to do.
pub fn error_message(e: &Error) -> FromWorker {
    let hint = match e {
        Error::Usage(_) => "Change the setting named above and press Run again.",
        Error::Io { .. } => "Check the base URL and your network connection, then press Run again.",
        Error::Parse { .. } => "The data source is not in the expected format; check the base URL.",
        Error::Verification { .. } | Error::Corrupt { .. } => {
            "This is a bug in a rung: please report it with the downloaded settings (URL)."
        }
        _ => "Press Run again; if it keeps failing, reload the page.",
    };
    FromWorker::Error {
        what: e.to_string(),
        hint: hint.into(),
    }
}

/// Makes the data set the settings ask for (the cache calls this on a miss): generated, or the
/// real Westermo files fetched from `data/westermo/` next to the page, else from the base URL
/// (the data set's public location when empty), with fetch progress posted per file.
async fn make(settings: &Settings, generator: Option<Generator>, size: Size) -> Result<Dataset> {
    if let Some(g) = generator {
        return Ok(generate::generate(g, size, settings.seed));
    }
    let base = match settings.base_url.trim() {
        "" => crate::real::fetch_web::DEFAULT_BASE_URL,
        b => b,
    };
    let mut progress = |i: usize, n: usize, name: &str| {
        post(&FromWorker::Progress {
            step: format!("fetching {name} ({}/{n})", i + 1),
            fraction: 0.1 * i as f64 / n.max(1) as f64,
        })
    };
    let (ds, report) = crate::real::fetch_web::load_for_page(base, size, &mut progress).await?;
    let notices: Vec<String> = report
        .failures
        .iter()
        .chain(&report.notes)
        .cloned()
        .chain(report.missing.iter().map(|m| format!("missing file: {m}")))
        .chain(
            report
                .short_files
                .iter()
                .map(|f| format!("shorter than the scale's window: {f}")),
        )
        .collect();
    if !notices.is_empty() {
        post(&FromWorker::Cache {
            status: "miss".into(),
            load_ms: 0.0,
            notices,
        });
    }
    Ok(ds)
}

/// One whole run: data set (cached), ladder, report.
pub async fn run(settings: &Settings, use_cache: bool) -> Result<FromWorker> {
    let t0 = now_ms();
    let size: Size = settings.size.parse()?;
    if size == Size::Huge {
        return Err(Error::Usage(
            "size huge (~100M points) is native-only: run `metricpress run --size huge`".into(),
        ));
    }
    let generator: Option<Generator> = match settings.generator.as_str() {
        "real" => None,
        g => Some(g.parse()?),
    };
    if !(1..=crate::encoding::zstd::MAX_LEVEL).contains(&settings.zstd_level) {
        return Err(Error::Usage(format!(
            "zstd level {} is out of range 1..=22",
            settings.zstd_level
        )));
    }
    post(&FromWorker::Progress {
        step: format!(
            "loading the {} {} data set",
            settings.size, settings.generator
        ),
        fraction: 0.0,
    });
    let source = if generator.is_none() {
        settings.base_url.as_str()
    } else {
        ""
    };
    let key = crate::cache::key(
        &settings.size,
        &settings.generator,
        Some(settings.seed),
        source,
    );
    let db = use_cache.then_some(DB_NAME);
    let cached = idb_cache::load_or_make(db, &key, || make(settings, generator, size)).await?;
    post(&FromWorker::Cache {
        status: cached.status.as_str().into(),
        load_ms: cached.load_ms,
        notices: cached.notices.clone(),
    });
    let ds = cached.dataset;
    let opts = Options {
        zstd_level: settings.zstd_level,
    };
    let n = LADDER.len().max(1) as f64;
    let mut progress = |i: usize, name: &str| {
        post(&FromWorker::Progress {
            step: format!(
                "rung {}/{}: {name} (encode, decode, verify)",
                i + 1,
                LADDER.len()
            ),
            fraction: 0.1 + 0.9 * i as f64 / n,
        })
    };
    let rungs = report::run_ladder(LADDER, &ds, &opts, &now_ms, &mut progress)?;
    let peer_count = crate::peers::PEERS.len().max(1) as f64;
    let mut peer_progress = |i: usize, name: &str| {
        post(&FromWorker::Progress {
            step: format!("peer {}/{}: {name}", i + 1, crate::peers::PEERS.len()),
            fraction: 0.95 + 0.05 * i as f64 / peer_count,
        })
    };
    let peers = crate::peers::run_peers(&ds, &now_ms, &mut peer_progress);
    let rep = Report {
        dataset: DatasetInfo {
            generator: settings.generator.clone(),
            size: settings.size.clone(),
            seed: generator.map(|_| settings.seed),
            digest: crate::canonical::digest(&ds),
            cache: cached.status.as_str().into(),
            stats: crate::stats::compute(&ds),
        },
        zstd_level: settings.zstd_level,
        rungs,
        peers,
        floor: crate::floor::compute(&ds),
    };
    let report_json =
        serde_json::to_string_pretty(&rep).map_err(|e| Error::io("report json", e))?;
    Ok(FromWorker::Done {
        report_json,
        total_ms: now_ms() - t0,
    })
}
