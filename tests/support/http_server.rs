#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)] // each test binary uses a part of it
//! A tiny static HTTP/1.1 server for tests: std `TcpListener` on 127.0.0.1, an ephemeral port,
//! one thread, `Connection: close`. The first path segment picks a behaviour:
//!
//! - `/range/F`: serves file `F` of the root, honouring `Range: bytes=a-b` (206);
//! - `/plain/F`: serves `F` whole, ignoring `Range` (200);
//! - `/status500/F`: 500; `/html/F`: 200 with an HTML page; any missing file: 404;
//! - `/cut/F`: announces the full `Content-Length` but closes after half the bytes.
//!
//! Every request line and its `Range` header is logged for assertions.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A running server.
pub struct Server {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    /// `"GET /range/system-2.csv bytes=0-99"` per request.
    pub log: Arc<Mutex<Vec<String>>>,
}

/// Starts a server for the files in `root`; it lives until the test process ends.
pub fn start(root: PathBuf) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let log = Arc::new(Mutex::new(Vec::new()));
    let log2 = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = handle(stream, &root, &log2);
        }
    });
    Server { url, log }
}

fn handle(
    mut s: TcpStream,
    root: &std::path::Path,
    log: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut r = BufReader::new(s.try_clone()?);
    let mut line = String::new();
    r.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut range = None;
    loop {
        let mut h = String::new();
        if r.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.eq_ignore_ascii_case("range") {
                range = Some(v.trim().to_string());
            }
        }
    }
    log.lock().expect("log").push(format!(
        "{method} {path} {}",
        range.clone().unwrap_or_default()
    ));
    let mut segs = path.trim_start_matches('/').splitn(2, '/');
    let mode = segs.next().unwrap_or("");
    let file = segs.next().unwrap_or("");
    let body = if file.contains("..") {
        None
    } else {
        std::fs::read(root.join(file)).ok()
    };
    let send = |s: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
            body.len()
        );
        s.write_all(head.as_bytes())?;
        if method != "HEAD" {
            s.write_all(body)?;
        }
        s.flush()
    };
    let Some(body) = body else {
        return send(&mut s, "404 Not Found", "", b"not found");
    };
    match mode {
        "status500" => send(&mut s, "500 Internal Server Error", "", b"oops"),
        "html" => send(
            &mut s,
            "200 OK",
            "Content-Type: text/html\r\n",
            b"<!DOCTYPE html><html><body>Sign in</body></html>",
        ),
        "cut" => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            s.write_all(head.as_bytes())?;
            s.write_all(&body[..body.len() / 2])?;
            s.flush()
        }
        "range" => match range.as_deref().and_then(parse_range) {
            Some((a, b)) if a < body.len() => {
                let b = b.min(body.len() - 1);
                let cr = format!("Content-Range: bytes {a}-{b}/{}\r\n", body.len());
                send(&mut s, "206 Partial Content", &cr, &body[a..=b])
            }
            Some(_) => send(
                &mut s,
                "416 Range Not Satisfiable",
                &format!("Content-Range: bytes */{}\r\n", body.len()),
                b"",
            ),
            None => send(&mut s, "200 OK", "", &body),
        },
        _ => send(&mut s, "200 OK", "", &body),
    }
}

fn parse_range(v: &str) -> Option<(usize, usize)> {
    let (a, b) = v.strip_prefix("bytes=")?.split_once('-')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}
