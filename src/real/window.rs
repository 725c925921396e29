//! Fetching the first rows of a file with HTTP `Range` requests, as a pure state machine. The
//! blocking native client (`http.rs`) and the async browser client (`fetch_web.rs`) both drive
//! it, so the rules live in one place:
//!
//! - ask for about `rows + 2` rows' worth of bytes, then twice as much each time until the buffer
//!   holds the header and `rows` data rows (cut after the last whole line);
//! - `206` appends; a `200` to the first request means the server ignores `Range` (the whole file
//!   is kept, with a note); `416` means the file ended exactly at the previous range; `404`/`410`
//!   on the first request means no such file; any other status is the caller's error;
//! - a short answer, the end of the stated total, or a download cut short ends the window;
//! - a window past [`MAX_FILE_BYTES`] is refused.

use super::load::{self, Fetched};
use crate::error::{Error, Result};

/// The largest file (or window) either client accepts.
pub const MAX_FILE_BYTES: usize = 256 << 20;

/// First guess of the bytes one CSV row takes (Westermo rows are 208-236 characters).
const BYTES_PER_ROW: u64 = 256;

/// One HTTP answer, as the clients see it.
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The body received (what came, if the download was cut).
    pub body: Vec<u8>,
    /// The file's total size, from `Content-Range`, if stated.
    pub total: Option<u64>,
    /// Why the body was cut short, if it was (native client only).
    pub cut: Option<String>,
}

/// What to do after an answer.
pub enum Next {
    /// Ask for the next range ([`RangeWindow::range`]).
    More,
    /// Finished: the window (or `None`: the file does not exist).
    Done(Option<Fetched>),
    /// The server answered with this unexpected status.
    Status(u16),
}

/// The state of one windowed fetch.
pub struct RangeWindow {
    url: String,
    rows: usize,
    buf: Vec<u8>,
    len: u64,
}

impl RangeWindow {
    /// A fetch of the header and `rows` data rows of `url`.
    pub fn new(url: &str, rows: usize) -> Self {
        RangeWindow {
            url: url.to_string(),
            rows,
            buf: Vec::new(),
            len: (rows as u64 + 2) * BYTES_PER_ROW,
        }
    }

    /// The inclusive byte range to ask for next.
    pub fn range(&self) -> (u64, u64) {
        let from = self.buf.len() as u64;
        (from, from + self.len - 1)
    }

    /// Takes the answer to [`RangeWindow::range`].
    pub fn answer(&mut self, a: Answer) -> Result<Next> {
        let first = self.buf.is_empty();
        match a.status {
            206 => {}
            200 if first => {
                let note = a.cut.unwrap_or_else(|| {
                    "the server ignores Range requests: fetched the whole file".into()
                });
                return Ok(Self::done(a.body, Some(note)));
            }
            416 => return Ok(Self::done(std::mem::take(&mut self.buf), None)),
            404 | 410 if first => return Ok(Next::Done(None)),
            s => return Ok(Next::Status(s)),
        }
        let got = a.body.len() as u64;
        self.buf.extend_from_slice(&a.body);
        if let Some(end) = load::after_line(&self.buf, self.rows + 1) {
            self.buf.truncate(end);
            return Ok(Self::done(std::mem::take(&mut self.buf), None));
        }
        let at_end = a.total.is_some_and(|t| self.buf.len() as u64 >= t) || got < self.len;
        if at_end || a.cut.is_some() {
            return Ok(Self::done(std::mem::take(&mut self.buf), a.cut));
        }
        if self.buf.len() > MAX_FILE_BYTES {
            return Err(Error::io(&self.url, "window larger than the file limit"));
        }
        self.len *= 2;
        Ok(Next::More)
    }

    fn done(bytes: Vec<u8>, note: Option<String>) -> Next {
        Next::Done(Some(Fetched { bytes, note }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rows: usize) -> Vec<u8> {
        let mut f = b"timestamp,a\n".to_vec();
        for i in 0..rows {
            f.extend_from_slice(format!("{},{}\n", i * 30, i).as_bytes());
        }
        f
    }

    /// Serves `f` honouring ranges, and runs the window to the end.
    fn run(f: &[u8], rows: usize) -> (Vec<u8>, usize) {
        let mut w = RangeWindow::new("http://x/f.csv", rows);
        for asked in 1.. {
            let (a, b) = w.range();
            let (a, b) = (a as usize, (b as usize).min(f.len() - 1));
            let answer = if a >= f.len() {
                Answer {
                    status: 416,
                    body: vec![],
                    total: None,
                    cut: None,
                }
            } else {
                Answer {
                    status: 206,
                    body: f[a..=b].to_vec(),
                    total: Some(f.len() as u64),
                    cut: None,
                }
            };
            match w.answer(answer).expect("no error") {
                Next::More => continue,
                Next::Done(Some(got)) => return (got.bytes, asked),
                Next::Done(None) | Next::Status(_) => panic!("unexpected end"),
            }
        }
        unreachable!()
    }

    #[test]
    fn a_window_ends_after_its_last_whole_row() {
        let f = file(5_000);
        let (got, asked) = run(&f, 720);
        assert_eq!(
            got,
            f[..load::after_line(&f, 721).expect("long enough")].to_vec()
        );
        assert!(asked >= 1);
        let (short, _) = run(&file(10), 720);
        assert_eq!(short, file(10), "a short file is fetched whole");
    }

    #[test]
    fn ignored_ranges_missing_files_and_errors() {
        let mut w = RangeWindow::new("u", 10);
        let whole = Answer {
            status: 200,
            body: file(3),
            total: None,
            cut: None,
        };
        match w.answer(whole).expect("ok") {
            Next::Done(Some(f)) => assert!(f.note.expect("a note").contains("ignores Range")),
            _ => panic!("200 ends the fetch"),
        }
        let mut w = RangeWindow::new("u", 10);
        let missing = Answer {
            status: 404,
            body: vec![],
            total: None,
            cut: None,
        };
        assert!(matches!(w.answer(missing), Ok(Next::Done(None))));
        let mut w = RangeWindow::new("u", 10);
        let broken = Answer {
            status: 500,
            body: vec![],
            total: None,
            cut: None,
        };
        assert!(matches!(w.answer(broken), Ok(Next::Status(500))));
    }
}
