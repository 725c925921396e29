//! Native: files over plain HTTP (`--base-url`), with `ureq` (no TLS stack: `http://` only).
//! A window is fetched with `Range` requests when the server honours them (206), growing the
//! range until the window's rows are in; a server that answers 200 sends the whole file.

use std::io::Read;
use std::time::Duration;

use super::load::{self, Fetched, LoadReport, Source};
use super::manifest;
use super::window::{Answer, Next, RangeWindow, MAX_FILE_BYTES};
use crate::error::{Error, Result};
use crate::generate::Size;
use crate::model::Dataset;

/// A base URL the files are fetched from.
pub struct HttpSource {
    base: String,
    agent: ureq::Agent,
    /// Bytes downloaded so far (bodies only).
    pub downloaded: u64,
}

impl HttpSource {
    /// Files under `base` (`http://host:port/path/`; a missing final `/` is added).
    pub fn new(base: &str) -> Result<Self> {
        if !base.starts_with("http://") {
            return Err(Error::Usage(format!(
                "--base-url {base:?}: only http:// URLs are supported natively (no TLS); \
                 for https, download the files and use --data-dir"
            )));
        }
        let mut base = base.to_string();
        if !base.ends_with('/') {
            base.push('/');
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into();
        Ok(HttpSource {
            base,
            agent,
            downloaded: 0,
        })
    }

    /// The URL of `name`.
    pub fn url(&self, name: &str) -> String {
        format!("{}{name}", self.base)
    }

    fn get(&mut self, url: &str, range: Option<(u64, u64)>) -> Result<Answer> {
        let mut req = self.agent.get(url);
        if let Some((a, b)) = range {
            req = req.header("Range", format!("bytes={a}-{b}"));
        }
        let mut resp = req
            .call()
            .map_err(|e| Error::io(url, format!("request failed: {e}")))?;
        let status = resp.status().as_u16();
        let total = resp
            .headers()
            .get("content-range")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit_once('/'))
            .and_then(|(_, t)| t.trim().parse().ok());
        let mut body = Vec::new();
        let mut cut = None;
        let mut reader = resp
            .body_mut()
            .with_config()
            .limit(MAX_FILE_BYTES as u64 + 1)
            .reader();
        if let Err(e) = reader.read_to_end(&mut body) {
            cut = Some(format!(
                "download cut after {} bytes ({e}); using what arrived",
                body.len()
            ));
        }
        if body.len() > MAX_FILE_BYTES {
            return Err(Error::io(
                url,
                format!("larger than {} MiB: refused", MAX_FILE_BYTES >> 20),
            ));
        }
        self.downloaded += body.len() as u64;
        Ok(Answer {
            status,
            body,
            total,
            cut,
        })
    }
}

fn status_error(url: &str, status: u16) -> Error {
    let reason = match status {
        404 => " Not Found",
        403 => " Forbidden",
        500 => " Internal Server Error",
        502 => " Bad Gateway",
        503 => " Service Unavailable",
        _ => "",
    };
    Error::io(url, format!("HTTP {status}{reason}"))
}

impl Source for HttpSource {
    fn describe(&self) -> String {
        self.base.clone()
    }

    fn list(&mut self) -> Result<Option<Vec<String>>> {
        Ok(None)
    }

    fn fetch_optional(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let url = self.url(name);
        let a = self.get(&url, None)?;
        match a.status {
            200 if a.cut.is_none() => Ok(Some(a.body)),
            200 => Err(Error::io(url, a.cut.unwrap_or_default())),
            404 | 410 => Ok(None),
            s => Err(status_error(&url, s)),
        }
    }

    fn fetch(&mut self, name: &str, rows: Option<usize>) -> Result<Option<Fetched>> {
        let url = self.url(name);
        let Some(rows) = rows else {
            let a = self.get(&url, None)?;
            return match a.status {
                200 => Ok(Some(Fetched {
                    bytes: a.body,
                    note: a.cut,
                })),
                404 | 410 => Ok(None),
                s => Err(status_error(&url, s)),
            };
        };
        let mut w = RangeWindow::new(&url, rows);
        loop {
            match w.answer(self.get(&url, Some(w.range()))?)? {
                Next::More => {}
                Next::Done(f) => return Ok(f),
                Next::Status(s) => return Err(status_error(&url, s)),
            }
        }
    }
}

/// Loads scale `size` from the base URL `base`: `manifest.json` first, else the scale's
/// systems. `progress(i, n, name)` is called before each file.
pub fn load_url(
    base: &str,
    size: Size,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<(Dataset, LoadReport)> {
    let mut src = HttpSource::new(base)?;
    let out = load::load_source(&mut src, size, progress)?;
    Ok(out)
}

/// A description of what a scale loads from `base`, for the cache key: the URL and the
/// manifest's MD5, or, without a manifest, each file's `Content-Length`, `ETag` and
/// `Last-Modified` from a `HEAD` request.
pub fn fingerprint(base: &str, size: Size) -> Result<String> {
    let mut src = HttpSource::new(base)?;
    let mut s = format!("url={}", src.base);
    if let Some(m) = src.fetch_optional(manifest::FILE)? {
        s += &format!(";manifest={}", crate::canonical::md5_hex(&m));
        return Ok(s);
    }
    let (files, _) = load::default_files(super::scale::plan(size), None);
    for f in files {
        let url = src.url(&f);
        let head = src.agent.head(&url).call();
        let h = |r: &ureq::http::Response<ureq::Body>, k: &str| {
            r.headers()
                .get(k)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        match head {
            Ok(r) => {
                s += &format!(
                    ";{f}:{}:{}:{}:{}",
                    r.status().as_u16(),
                    h(&r, "content-length"),
                    h(&r, "etag"),
                    h(&r, "last-modified")
                )
            }
            Err(e) => s += &format!(";{f}:error {e}"),
        }
    }
    Ok(s)
}
