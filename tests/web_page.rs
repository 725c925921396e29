//! Browser tests of the page's pieces, in headless Chromium (wasm-bindgen-test-runner):
//! the IndexedDB cache (round trip, corrupt entry, unavailable, failing writes), chart drawing on a real canvas,
//! the worker message protocol, and a whole worker run executed in the page.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_page`
#![cfg(target_arch = "wasm32")]

use metricpress::cache::CacheStatus;
use metricpress::canonical;
use metricpress::generate::{self, Generator, Size};
use metricpress::model::{Dataset, Series};
use metricpress::plot::{Chart, ChartData};
use metricpress::web::idb_cache::{self, IdbCache};
use metricpress::web::protocol::{decode, encode, FromWorker, Settings, ToWorker};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn small() -> Dataset {
    let mut s = Series::new("m", vec![("host".into(), "a".into())]);
    for i in 0..300 {
        let int = i % 3 == 0;
        let v = if int {
            (i % 7) as f64
        } else {
            (i % 7) as f64 * 0.25
        };
        s.push(1_700_000_000 + i * 10, v, int);
    }
    Dataset { series: vec![s] }
}

async fn fresh_db(name: &str) -> IdbCache {
    let db = IdbCache::open(name).await.expect("opens");
    db.clear().await.expect("clears");
    db
}

#[wasm_bindgen_test]
async fn cache_round_trip_miss_then_hit() {
    let name = "mp-test-roundtrip";
    fresh_db(name).await.close();
    let key = metricpress::cache::key("small", "test", Some(1), "");
    let first = idb_cache::load_or_make(Some(name), &key, || async { Ok(small()) })
        .await
        .expect("miss");
    assert_eq!(first.status, CacheStatus::Miss);
    assert!(first.notices.is_empty(), "{:?}", first.notices);
    let second = idb_cache::load_or_make(Some(name), &key, || async {
        panic!("must not generate on a hit")
    })
    .await
    .expect("hit");
    assert_eq!(second.status, CacheStatus::Hit);
    assert_eq!(second.dataset.bit_eq(&small()), Ok(()));
    idb_cache::clear(name).await.expect("clear");
    let db = IdbCache::open(name).await.expect("opens");
    assert_eq!(
        db.get(&key).await.expect("get"),
        None,
        "clear left the entry"
    );
}

#[wasm_bindgen_test]
async fn corrupt_entry_is_deleted_and_regenerated() {
    let name = "mp-test-corrupt";
    let db = fresh_db(name).await;
    let key = "k-corrupt";
    let mut blob = canonical::pack(&small()).expect("packs");
    let mid = blob.len() / 2;
    blob[mid] ^= 0x5a;
    db.put(key, &blob).await.expect("put");
    db.close();
    let got = idb_cache::load_or_make(Some(name), key, || async { Ok(small()) })
        .await
        .expect("regenerates");
    assert_eq!(got.status, CacheStatus::Miss);
    assert!(
        got.notices.iter().any(|n| n.contains("corrupt")),
        "{:?}",
        got.notices
    );
    assert_eq!(got.dataset.bit_eq(&small()), Ok(()));
    let db = IdbCache::open(name).await.expect("opens");
    let stored = db.get(key).await.expect("get").expect("entry rewritten");
    assert_eq!(
        canonical::unpack(&stored)
            .expect("valid now")
            .bit_eq(&small()),
        Ok(())
    );
}

#[wasm_bindgen_test]
async fn unavailable_cache_still_runs_with_a_notice() {
    // A database that exists at a higher version cannot be opened at ours: a real open failure.
    let name = "mp-test-unavailable";
    let factory = idb::Factory::new().expect("factory");
    let db = factory.open(name, Some(9)).expect("req").await.expect("v9");
    db.close();
    let got = idb_cache::load_or_make(Some(name), "k", || async { Ok(small()) })
        .await
        .expect("runs anyway");
    assert_eq!(got.status, CacheStatus::Off);
    assert!(
        got.notices.iter().any(|n| n.contains("unavailable")),
        "{:?}",
        got.notices
    );
    assert_eq!(got.dataset.bit_eq(&small()), Ok(()));
    let off = idb_cache::load_or_make(None, "k", || async { Ok(small()) })
        .await
        .expect("off");
    assert_eq!(off.status, CacheStatus::Off);
    assert!(off.notices.is_empty());
}

#[wasm_bindgen_test]
fn chart_puts_ink_on_a_canvas() {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let canvas: web_sys::HtmlCanvasElement = doc
        .create_element("canvas")
        .expect("canvas")
        .dyn_into()
        .expect("is a canvas");
    canvas
        .set_attribute("style", "width: 640px")
        .expect("style");
    doc.body()
        .expect("body")
        .append_child(&canvas)
        .expect("append");
    let data = ChartData::from_report(&serde_json::json!({
        "dataset": {"points": 100},
        "rungs": [
            {"name": "ndjson", "lossless": true, "verified": true, "bytes_per_point": 80.0, "ratio_vs_ndjson": 1.0},
            {"name": "columnar", "lossless": true, "verified": true, "bytes_per_point": 4.0, "ratio_vs_ndjson": 20.0,
             "timestamp_bytes": 100, "value_bytes": 250, "metadata_bytes": 50},
            {"name": "downsample", "lossless": false, "verified": true, "bytes_per_point": 0.1, "ratio_vs_ndjson": 800.0}
        ]
    }));
    for chart in [Chart::Ratio, Chart::Breakdown] {
        metricpress::web::charts::draw_on(&canvas, chart, &data, 640, false).expect("draws");
        let ctx: web_sys::CanvasRenderingContext2d = canvas
            .get_context("2d")
            .expect("ctx")
            .expect("2d")
            .dyn_into()
            .expect("ctx type");
        let (w, h) = (canvas.width(), canvas.height());
        assert_eq!(w, 640);
        let px = ctx
            .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
            .expect("pixels")
            .data();
        let ink = px
            .chunks(4)
            .filter(|p| p[3] > 0 && (p[0] < 250 || p[1] < 250 || p[2] < 250))
            .count();
        assert!(ink > 3000, "{chart:?}: only {ink} drawn pixels");
        // The lossless bar colour (31, 119, 180) is there.
        assert!(px
            .chunks(4)
            .any(|p| p[0] == 31 && p[1] == 119 && p[2] == 180));
    }
}

#[wasm_bindgen_test]
fn worker_protocol_round_trips() {
    let (settings, problems) = Settings::from_pairs([
        ("generator", "random"),
        ("size", "big"),
        ("seed", "7"),
        ("zstd", "3"),
        ("base_url", "http://127.0.0.1:8000/data/"),
    ]);
    assert!(problems.is_empty());
    let pairs = settings.to_pairs();
    let (again, _) = Settings::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(again, settings);
    let (bad, problems) = Settings::from_pairs([("size", "huge"), ("seed", "-1"), ("zstd", "40")]);
    assert_eq!(bad, Settings::default());
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].contains("native-only"));

    let run = ToWorker::Run {
        settings,
        use_cache: true,
    };
    assert_eq!(decode::<ToWorker>(&encode(&run)), Ok(run));
    let msgs = [
        FromWorker::Ready,
        FromWorker::Progress {
            step: "rung 1/8: ndjson".into(),
            fraction: 0.25,
        },
        FromWorker::Cache {
            status: "hit".into(),
            load_ms: 3.5,
            notices: vec!["n".into()],
        },
        FromWorker::Done {
            report_json: "{\"rungs\":[]}".into(),
            total_ms: 12.0,
        },
        FromWorker::Error {
            what: "w <b>".into(),
            hint: "h".into(),
        },
    ];
    for m in msgs {
        assert_eq!(decode::<FromWorker>(&encode(&m)), Ok(m));
    }
    assert!(decode::<FromWorker>("{\"type\":\"nope\"}").is_err());
    assert!(decode::<ToWorker>("not json").is_err());
}

#[wasm_bindgen_test]
async fn a_worker_run_reports_every_rung_and_the_dataset() {
    let settings = Settings::default();
    let msg = metricpress::web::worker::run(&settings, false)
        .await
        .expect("runs");
    let FromWorker::Done { report_json, .. } = msg else {
        panic!("not done: {msg:?}");
    };
    let v: serde_json::Value = serde_json::from_str(&report_json).expect("json");
    let rungs = v["rungs"].as_array().expect("rungs");
    assert_eq!(rungs.len(), metricpress::ladder::LADDER.len());
    assert!(rungs.iter().all(|r| r["verified"] == true));
    let ds = generate::generate(Generator::Synthetic, Size::Small, 42);
    assert_eq!(v["dataset"]["digest"], canonical::digest(&ds));
    assert_eq!(v["dataset"]["cache"], "off");

    let real = Settings {
        generator: "real".into(),
        ..Settings::default()
    };
    let err = metricpress::web::worker::run(&real, false).await;
    assert!(err.is_err(), "real mode has no loader on this branch yet");
}

#[wasm_bindgen_test]
async fn failing_reads_and_writes_still_run_with_notices() {
    // A database at our version but without our object store: every read and write fails, as a
    // write does when the origin is over its storage quota.
    let name = "mp-test-nostore";
    let factory = idb::Factory::new().expect("factory");
    let _ = factory.delete(name).expect("delete req").await;
    let db = factory.open(name, Some(1)).expect("req").await.expect("v1");
    db.close();
    let got = idb_cache::load_or_make(Some(name), "k", || async { Ok(small()) })
        .await
        .expect("runs anyway");
    assert_eq!(got.status, CacheStatus::Miss);
    assert!(
        got.notices.iter().any(|n| n.contains("Could not store")),
        "{:?}",
        got.notices
    );
    assert_eq!(got.dataset.bit_eq(&small()), Ok(()));
}
