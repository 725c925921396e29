//! Native: files over plain HTTP (`--base-url`), with `ureq` (no TLS stack: `http://` only).
//! A window is fetched with `Range` requests when the server honours them (206), growing the
//! range until the window's rows are in; a server that answers 200 sends the whole file.

use std::io::Read;
use std::time::Duration;

use super::load::{self, Fetched, LoadReport, Source};
use super::manifest;
use crate::error::{Error, Result};
use crate::generate::Size;
use crate::model::Dataset;

/// Largest file accepted (the real files are about 20 MB).
pub const MAX_FILE_BYTES: usize = 256 << 20;
/// First range asked for per expected row (real rows are at most about 240 bytes).
const BYTES_PER_ROW: u64 = 256;

/// A base URL the files are fetched from.
pub struct HttpSource {
    base: String,
    agent: ureq::Agent,
    /// Bytes downloaded so far (bodies only).
    pub downloaded: u64,
}

/// One HTTP answer.
struct Answer {
    status: u16,
    body: Vec<u8>,
    /// Total size from `Content-Range: bytes a-b/total`.
    total: Option<u64>,
    /// The body ended early (connection cut); what came is in `body`.
    cut: Option<String>,
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

/// Position just past the `n`-th line ending of `b` (1-based), if there are that many.
fn after_line(b: &[u8], n: usize) -> Option<usize> {
    b.iter()
        .enumerate()
        .filter(|(_, &c)| c == b'\n')
        .nth(n.checked_sub(1)?)
        .map(|(i, _)| i + 1)
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

    fn fetch(&mut self, name: &str, rows: Option<usize>) -> Result<Fetched> {
        let url = self.url(name);
        let Some(rows) = rows else {
            let a = self.get(&url, None)?;
            return match a.status {
                200 => Ok(Fetched {
                    bytes: a.body,
                    note: a.cut,
                }),
                s => Err(status_error(&url, s)),
            };
        };
        let mut buf: Vec<u8> = Vec::new();
        let mut len = (rows as u64 + 2) * BYTES_PER_ROW;
        loop {
            let from = buf.len() as u64;
            let a = self.get(&url, Some((from, from + len - 1)))?;
            match a.status {
                206 => {}
                200 if from == 0 => {
                    return Ok(Fetched {
                        bytes: a.body,
                        note: Some(a.cut.unwrap_or_else(|| {
                            "the server ignores Range requests: fetched the whole file".into()
                        })),
                    })
                }
                416 => {
                    return Ok(Fetched {
                        bytes: buf,
                        note: None,
                    })
                } // past the end
                s => return Err(status_error(&url, s)),
            }
            let got = a.body.len() as u64;
            buf.extend_from_slice(&a.body);
            if let Some(end) = after_line(&buf, rows + 1) {
                buf.truncate(end);
                return Ok(Fetched {
                    bytes: buf,
                    note: None,
                });
            }
            let at_end = a.total.is_some_and(|t| buf.len() as u64 >= t) || got < len;
            if at_end || a.cut.is_some() {
                return Ok(Fetched {
                    bytes: buf,
                    note: a.cut,
                });
            }
            if buf.len() > MAX_FILE_BYTES {
                return Err(Error::io(url, "window larger than the file limit"));
            }
            len *= 2;
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
