//! Browser: the files of a scale over HTTP with `fetch` (gloo-net), `manifest.json` first, then
//! the scale's systems, with `Range` windows when the server honours them. The same rules and
//! report as the native loaders ([`super::load`]); only the I/O is async here.
//!
//! Cross-origin reads need the server to send `Access-Control-Allow-Origin` (GitHub's raw-file
//! server does; `scripts/serve.py` does; `python3 -m http.server` does not). The browser gives
//! no detail when it blocks one, so the error says what to check.

use gloo_net::http::Request;

use super::load::{self, Fetched, LoadReport};
use super::window::{Answer, Next, RangeWindow, MAX_FILE_BYTES};
use super::{manifest, scale};
use crate::error::{Error, Result};
use crate::generate::Size;
use crate::model::Dataset;

/// GETs `url`, optionally with `Range: bytes=a-b`.
pub async fn get(url: &str, range: Option<(u64, u64)>) -> Result<Answer> {
    let mut req = Request::get(url);
    if let Some((a, b)) = range {
        req = req.header("Range", &format!("bytes={a}-{b}"));
    }
    let resp = req.send().await.map_err(|e| {
        Error::io(
            url,
            format!(
                "fetch failed ({e}): the server is down, the address is wrong, or it does not \
                 allow cross-origin reads (Access-Control-Allow-Origin)"
            ),
        )
    })?;
    let status = resp.status();
    let total = resp
        .headers()
        .get("content-range")
        .and_then(|v| v.rsplit_once('/').and_then(|(_, t)| t.trim().parse().ok()));
    let body = resp
        .binary()
        .await
        .map_err(|e| Error::io(url, format!("download cut ({e})")))?;
    if body.len() > MAX_FILE_BYTES {
        return Err(Error::io(url, "larger than 256 MiB: refused"));
    }
    // a cut download is an error from fetch itself, so `cut` is never set here
    Ok(Answer {
        status,
        body,
        total,
        cut: None,
    })
}

fn status_error(url: &str, status: u16) -> Error {
    Error::io(url, format!("HTTP {status}"))
}

/// Fetches `base + name`: whole, or (with `rows`) its header and at least `rows` data rows.
/// `Ok(None)` on 404.
pub async fn fetch(base: &str, name: &str, rows: Option<usize>) -> Result<Option<Fetched>> {
    let url = format!("{base}{name}");
    let Some(rows) = rows else {
        let a = get(&url, None).await?;
        return match a.status {
            200 => Ok(Some(Fetched {
                bytes: a.body,
                note: None,
            })),
            404 | 410 => Ok(None),
            s => Err(status_error(&url, s)),
        };
    };
    let mut w = RangeWindow::new(&url, rows);
    loop {
        match w.answer(get(&url, Some(w.range())).await?)? {
            Next::More => {}
            Next::Done(f) => return Ok(f),
            Next::Status(s) => return Err(status_error(&url, s)),
        }
    }
}

/// Loads scale `size` from `base` (a `/` is added if missing): its `manifest.json` if any, else
/// the scale's systems (all 19 for `huge`). `progress(i, n, name)` is called before each file.
pub async fn load_url(
    base: &str,
    size: Size,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<(Dataset, LoadReport)> {
    let mut base = base.to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    let plan = scale::plan(size);
    let mut rep = LoadReport {
        source: base.clone(),
        window_rows: plan.rows,
        ..LoadReport::default()
    };
    let mut ds = Dataset::default();
    let found = fetch(&base, manifest::FILE, None).await?.map(|f| f.bytes);
    let manifest = load::read_manifest(found, &base, &mut rep)?;
    if let Some(entry) = manifest.as_ref().and_then(|m| m.scale(&size.to_string())) {
        rep.manifest = true;
        let n = entry.files.len();
        for (i, f) in entry.files.iter().enumerate() {
            progress(i, n, &f.name);
            let got = fetch(&base, &f.name, None).await;
            load::add_listed(&mut ds, &mut rep, f, got, plan.rows);
        }
        return load::finish(ds, rep);
    }
    if manifest.is_some() {
        rep.notes.push(format!(
            "{} has no {size} scale; loading the {size} systems directly",
            manifest::FILE
        ));
    }
    let (files, missing) = load::default_files(plan, None);
    rep.missing = missing;
    let n = files.len();
    for (i, name) in files.iter().enumerate() {
        progress(i, n, name);
        let got = fetch(&base, name, plan.rows.map(|r| r + 1)).await;
        load::add_fetched(&mut ds, &mut rep, name, got, plan.rows);
    }
    load::finish(ds, rep)
}

/// The data set's public raw-file folder on GitHub (its server allows cross-origin reads).
/// Not reachable from the build machine, so not checked there; the page lets the user change it.
pub const DEFAULT_BASE_URL: &str =
    "https://raw.githubusercontent.com/westermo/test-system-performance-dataset/main/data/";

/// Where a page looks first for self-hosted files (`metricpress prepare` output), relative to
/// the page.
pub const PAGE_DATA_DIR: &str = "data/westermo/";

/// The page's real mode: the preprocessed files next to the page ([`PAGE_DATA_DIR`]) when their
/// manifest exists and has the scale, else `base_url` (the user's choice, by default
/// [`DEFAULT_BASE_URL`]).
pub async fn load_for_page(
    base_url: &str,
    size: Size,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<(Dataset, LoadReport)> {
    let local = fetch(PAGE_DATA_DIR, manifest::FILE, None).await;
    let has_scale = match local {
        Ok(Some(f)) if !load::looks_like_html(&f.bytes) => {
            manifest::Manifest::parse(&format!("{PAGE_DATA_DIR}{}", manifest::FILE), &f.bytes)?
                .scale(&size.to_string())
                .is_some()
        }
        _ => false,
    };
    let base = if has_scale { PAGE_DATA_DIR } else { base_url };
    load_url(base, size, progress).await
}
