//! Real mode in the browser: fetches the made-up fixtures over HTTP from a local static server
//! (`scripts/serve.py --dir tests/fixtures`, which sends CORS headers and honours `Range`).
//! The browser test cannot start a server, so CI starts one and passes its URL at compile time:
//! `METRICPRESS_FIXTURE_URL=http://127.0.0.1:PORT/`. Without it the tests print a notice and pass
//! without checking anything.
#![cfg(target_arch = "wasm32")]

use metricpress::generate::Size;
use metricpress::real::{self, fetch_web};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SYS2: &[u8] = include_bytes!("fixtures/westermo/system-2.csv");

fn base() -> Option<String> {
    match option_env!("METRICPRESS_FIXTURE_URL") {
        Some(u) => Some(format!("{}/westermo/", u.trim_end_matches('/'))),
        None => {
            console_log!("SKIPPED: METRICPRESS_FIXTURE_URL was not set at compile time");
            None
        }
    }
}

#[wasm_bindgen_test]
async fn fetches_and_parses_the_fixtures() {
    let Some(base) = base() else { return };
    let mut calls = 0;
    let (ds, rep) = fetch_web::load_url(&base, Size::Small, &mut |_, _, _| calls += 1)
        .await
        .expect("loads");
    assert_eq!(calls, 3);
    assert_eq!(ds.points(), 3 * 40 * 23);
    assert!(rep.failures.is_empty(), "{:?}", rep.failures);
    // the first file's series are exactly those parsed from the bytes compiled in
    let (want, _) = real::parse_file("system-2.csv", SYS2, Some(720)).expect("parses");
    for (a, b) in ds.series.iter().zip(&want) {
        a.bit_eq(b).expect("same series");
    }
}

#[wasm_bindgen_test]
async fn a_range_window_is_cut_at_a_line_ending() {
    let Some(base) = base() else { return };
    let got = fetch_web::fetch(&base, "system-8.csv", Some(5))
        .await
        .expect("fetches")
        .expect("exists");
    assert!(got.note.is_none(), "serve.py honours Range: {:?}", got.note);
    let text = String::from_utf8(got.bytes).expect("utf8");
    assert_eq!(text.lines().count(), 6, "header + 5 rows: {text}");
    assert!(text.ends_with('\n'));
}

#[wasm_bindgen_test]
async fn http_errors_are_clear() {
    let Some(base) = base() else { return };
    let missing = fetch_web::fetch(&base, "system-99.csv", None)
        .await
        .expect("a 404 is not an error");
    assert!(missing.is_none());
    let e = fetch_web::load_url(&format!("{base}nope/"), Size::Small, &mut |_, _, _| {})
        .await
        .expect_err("nothing there")
        .to_string();
    assert!(e.contains("missing: system-2.csv"), "{e}");
    // port 9 (discard) on localhost: nothing listens, the fetch fails
    let e = fetch_web::get("http://127.0.0.1:9/system-2.csv", None)
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(
        e.contains("127.0.0.1:9/system-2.csv") && e.contains("fetch failed"),
        "{e}"
    );
}

#[wasm_bindgen_test]
async fn the_page_falls_back_to_the_base_url() {
    let Some(base) = base() else { return };
    // the test page has no data/westermo/manifest.json next to it: the base URL is used
    let (ds, rep) = fetch_web::load_for_page(&base, Size::Big, &mut |_, _, _| {})
        .await
        .expect("loads");
    assert_eq!(rep.source, base);
    assert_eq!(ds.points(), 3 * 40 * 23 + 40 * 22);
    let json = metricpress::web::real::real_stats_json(base.clone(), "small".into(), None)
        .await
        .expect("json");
    assert!(
        json.contains("\"generator\": \"real\"") && json.contains("CC-BY-4.0"),
        "{json}"
    );
}
