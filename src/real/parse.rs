//! The streaming parser of one Westermo file: bytes in, one [`Series`] per known metric column
//! out, plus a [`ParseReport`] of what was skipped and why. The rules are in the module doc of
//! [`crate::real`].

use serde::{Deserialize, Serialize};

use super::columns::{self, COLUMNS, TIME_COLUMN};
use super::repr;
use crate::error::{Error, Result};
use crate::model::{is_integral, Series};

/// How many issue messages a report keeps (the counters count them all).
pub const MAX_ISSUES: usize = 20;

/// What the parser did with one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ParseReport {
    /// The file name or URL.
    pub source: String,
    /// The `host` label given to its series.
    pub host: String,
    /// Fields in the header.
    pub columns: usize,
    /// Known metric columns found (23 or 22 in the real files).
    pub metrics: usize,
    /// Header names not in the mapping table; their values are not loaded.
    pub unknown_columns: Vec<String>,
    /// Data rows loaded.
    pub rows_loaded: usize,
    /// Data rows skipped whole (wrong field count, bad or non-increasing timestamp, truncated).
    pub rows_skipped: usize,
    /// Single values skipped (empty, non-numeric, NaN or infinite text).
    pub points_skipped: usize,
    /// The body did not end with a line ending; its last, partial line was dropped.
    pub truncated_last_line: bool,
    /// Loading stopped at `max_rows`; the file has more rows.
    pub stopped_at_max_rows: bool,
    /// Loaded values whose text is not the canonical shortest form ([`repr::canonical_text`]).
    /// The doubles are exact either way; only re-printed text would differ.
    pub noncanonical_text: usize,
    /// The first [`MAX_ISSUES`] problems, each naming the line (and column).
    pub issues: Vec<String>,
}

impl ParseReport {
    fn issue(&mut self, msg: String) {
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(msg);
        }
    }

    /// True when nothing was skipped or dropped.
    pub fn is_clean(&self) -> bool {
        self.rows_skipped == 0 && self.points_skipped == 0 && !self.truncated_last_line
    }

    /// One line for the user: `system-7.csv: 67 rows, 23 metrics, 1 row skipped, ...`.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{}: {} rows, {} metrics",
            self.source, self.rows_loaded, self.metrics
        );
        if self.stopped_at_max_rows {
            s += " (window)";
        }
        if self.rows_skipped > 0 {
            s += &format!(", {} rows skipped", self.rows_skipped);
        }
        if self.points_skipped > 0 {
            s += &format!(", {} values skipped", self.points_skipped);
        }
        if self.truncated_last_line {
            s += ", partial last line dropped";
        }
        if !self.unknown_columns.is_empty() {
            s += &format!(
                ", unknown columns ignored: {}",
                self.unknown_columns.join(" ")
            );
        }
        s
    }
}

/// The UTF-8 byte order mark, accepted and skipped.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses the Westermo CSV `bytes` named `name` (file name or URL: for messages and the `host`
/// label). Loads at most `max_rows` data rows (the first ones) when given.
///
/// Fails the file (an [`Error::Parse`] naming it) when it is empty, HTML, has no `timestamp` or
/// no known metric column in its header, repeats a column, or yields no data row. Skips and
/// counts bad rows and values otherwise.
pub fn parse_file(
    name: &str,
    bytes: &[u8],
    max_rows: Option<usize>,
) -> Result<(Vec<Series>, ParseReport)> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(first) = first else {
        return Err(Error::parse(name, None, "empty file: no header, no data"));
    };
    if bytes[first] == b'<' {
        let head = String::from_utf8_lossy(&bytes[first..bytes.len().min(first + 40)]);
        return Err(Error::parse(
            name,
            Some(1),
            format!("looks like an HTML page, not CSV (starts with {head:?}); wrong URL?"),
        ));
    }
    // A body that does not end with a line ending had its last line cut (e.g. an interrupted
    // download): parse up to the last line ending and report the rest.
    let (body, tail) = match bytes.iter().rposition(|&b| b == b'\n') {
        Some(i) => bytes.split_at(i + 1),
        None => (bytes, &b""[..]), // a lone header line: nothing to cut
    };
    let host = columns::host_of(name);
    let mut rep = ParseReport {
        source: name.to_string(),
        host: host.clone(),
        ..ParseReport::default()
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let csv_err = |e: csv::Error| {
        let line = e.position().map(csv::Position::line);
        Error::parse(name, line, e.to_string())
    };
    let mut rec = csv::ByteRecord::new();
    if !rdr.read_byte_record(&mut rec).map_err(csv_err)? {
        return Err(Error::parse(name, None, "empty file: no header, no data"));
    }
    let header = Header::read(name, &rec, &mut rep)?;
    let labels = columns::labels(&host);
    let capacity = max_rows.unwrap_or(usize::MAX).min(body.len() / 64 + 1);
    let mut series: Vec<Series> = header
        .metric_cols
        .iter()
        .map(|&(_, m)| {
            let mut s = Series::new(COLUMNS[m].1, labels.clone());
            s.timestamps.reserve(capacity);
            s.values.reserve(capacity);
            s.is_int.reserve(capacity);
            s
        })
        .collect();
    let mut last_ts: Option<i64> = None;
    let mut lines = 1u64;
    while rdr.read_byte_record(&mut rec).map_err(csv_err)? {
        let line = rec.position().map_or(lines + 1, csv::Position::line);
        lines = line;
        if max_rows.is_some_and(|m| rep.rows_loaded >= m) {
            rep.stopped_at_max_rows = true;
            break;
        }
        if rec.len() != header.len {
            rep.rows_skipped += 1;
            rep.issue(format!(
                "line {line}: {} fields, the header has {}; row skipped",
                rec.len(),
                header.len
            ));
            continue;
        }
        let ts_text = &rec[header.time_col];
        let ts = std::str::from_utf8(ts_text)
            .ok()
            .filter(|t| repr::is_int_literal(t.as_bytes()))
            .and_then(|t| t.parse::<i64>().ok())
            .and_then(|t| t.checked_add(super::EPOCH));
        let Some(ts) = ts else {
            rep.rows_skipped += 1;
            rep.issue(format!(
                "line {line}, column {} (timestamp): {:?} is not an integer number of seconds; \
                 row skipped",
                header.time_col + 1,
                String::from_utf8_lossy(ts_text)
            ));
            continue;
        };
        if let Some(prev) = last_ts.filter(|&p| ts <= p) {
            rep.rows_skipped += 1;
            rep.issue(format!(
                "line {line}, column {} (timestamp): {} does not increase (previous row: {}); \
                 row skipped",
                header.time_col + 1,
                ts - super::EPOCH,
                prev - super::EPOCH
            ));
            continue;
        }
        last_ts = Some(ts);
        rep.rows_loaded += 1;
        for (s, &(col, m)) in series.iter_mut().zip(&header.metric_cols) {
            let text = &rec[col];
            match parse_value(text) {
                Ok((v, is_int)) => {
                    if repr::canonical_text(v, is_int).as_bytes() != text {
                        rep.noncanonical_text += 1;
                    }
                    s.push(ts, v, is_int);
                }
                Err(why) => {
                    rep.points_skipped += 1;
                    rep.issue(format!(
                        "line {line}, column {} ({}): {:?} {why}; value skipped",
                        col + 1,
                        COLUMNS[m].0,
                        String::from_utf8_lossy(text)
                    ));
                }
            }
        }
    }
    if !rep.stopped_at_max_rows && !tail.iter().all(u8::is_ascii_whitespace) {
        rep.truncated_last_line = true;
        rep.rows_skipped += 1;
        let line = body.iter().filter(|&&b| b == b'\n').count() + 1;
        rep.issue(format!(
            "line {line}: the last line has no line ending (truncated download?); dropped"
        ));
    }
    if rep.rows_loaded == 0 {
        let why = rep.issues.first().map_or_else(
            || "the file has a header but no data rows".to_string(),
            |i| format!("no row could be loaded; first problem: {i}"),
        );
        return Err(Error::parse(name, None, why));
    }
    // A column whose every value was skipped has no points: leave it out.
    series.retain(|s| !s.is_empty());
    Ok((series, rep))
}

/// Parses one value: `(double, integer tag)`, or why it is not a usable number.
fn parse_value(text: &[u8]) -> std::result::Result<(f64, bool), &'static str> {
    if text.is_empty() {
        return Err("is empty");
    }
    let s = std::str::from_utf8(text).map_err(|_| "is not UTF-8 text")?;
    let v: f64 = s.parse().map_err(|_| "is not a number")?;
    if !v.is_finite() {
        return Err("is not finite");
    }
    Ok((v, repr::is_int_literal(text) && is_integral(v)))
}

/// The header's layout: where the time column and each known metric column are.
struct Header {
    len: usize,
    time_col: usize,
    /// `(csv column index, COLUMNS index)`, sorted by the COLUMNS index.
    metric_cols: Vec<(usize, usize)>,
}

impl Header {
    fn read(name: &str, rec: &csv::ByteRecord, rep: &mut ParseReport) -> Result<Header> {
        let mut time_col = None;
        let mut metric_cols = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, raw) in rec.iter().enumerate() {
            let h = String::from_utf8_lossy(raw).trim().to_string();
            if !seen.insert(h.to_ascii_lowercase()) {
                return Err(Error::parse(
                    name,
                    Some(1),
                    format!("column {} ({h:?}) appears twice in the header", i + 1),
                ));
            }
            if h.eq_ignore_ascii_case(TIME_COLUMN) {
                time_col = Some(i);
            } else if let Some(m) = columns::index_of(&h) {
                metric_cols.push((i, m));
            } else {
                rep.unknown_columns.push(h);
            }
        }
        let Some(time_col) = time_col else {
            return Err(Error::parse(
                name,
                Some(1),
                "the header has no `timestamp` column (is this a Westermo system-N.csv file?)",
            ));
        };
        if metric_cols.is_empty() {
            return Err(Error::parse(
                name,
                Some(1),
                "the header has no known metric column (see the mapping in `metricpress::real`)",
            ));
        }
        metric_cols.sort_by_key(|&(_, m)| m);
        rep.columns = rec.len();
        rep.metrics = metric_cols.len();
        Ok(Header {
            len: rec.len(),
            time_col,
            metric_cols,
        })
    }
}
