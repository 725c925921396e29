//! Assembling a data set from the files of a scale, whatever fetches them (a folder, HTTP; the
//! browser reuses [`add_file`] and [`finish`] from its async loop): read `manifest.json` if the
//! source has one, else the scale's systems; parse each file's window; keep every file that
//! parsed and report the others.

use serde::{Deserialize, Serialize};

use super::manifest::{self, Manifest};
use super::parse::{parse_file, ParseReport};
use super::scale::{self, Plan};
use crate::error::{Error, Result};
use crate::generate::Size;
use crate::model::Dataset;

/// Systems tried when a source cannot list its files and has no manifest (`huge` over HTTP).
pub const ALL_SYSTEMS: std::ops::RangeInclusive<u32> = 1..=19;

/// Bytes a source returned for one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fetched {
    /// The bytes (a prefix of the file when a window was asked for and honoured).
    pub bytes: Vec<u8>,
    /// Something the user should know (server ignored `Range`, download cut short, ...).
    pub note: Option<String>,
}

/// Where files come from: a folder, a base URL.
pub trait Source {
    /// The folder or base URL, for messages.
    fn describe(&self) -> String;
    /// The `system-N.csv` names present, when the source can list them (a folder can).
    fn list(&mut self) -> Result<Option<Vec<String>>>;
    /// A small file (the manifest) read whole; `Ok(None)` when it does not exist.
    fn fetch_optional(&mut self, name: &str) -> Result<Option<Vec<u8>>>;
    /// File `name`: whole, or at least its header and first `rows` data rows (cut at a line
    /// ending) when `rows` is given.
    fn fetch(&mut self, name: &str, rows: Option<usize>) -> Result<Fetched>;
}

/// What loading a scale did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LoadReport {
    /// Where the files came from (folder or base URL).
    pub source: String,
    /// Whether `manifest.json` was used (preprocessed, MD5-checked files).
    pub manifest: bool,
    /// Rows taken per file (`None`: all).
    pub window_rows: Option<usize>,
    /// One report per file that loaded, in load order.
    pub files: Vec<ParseReport>,
    /// Files that failed, each with its error message.
    pub failures: Vec<String>,
    /// Systems of the scale whose file is not there.
    pub missing: Vec<String>,
    /// Files that have fewer rows than the window.
    pub short_files: Vec<String>,
    /// Other things to know (per file: server ignored `Range`, ...).
    pub notes: Vec<String>,
}

impl LoadReport {
    /// Lines for the user: one per file, issues, failures, missing and short files, notes.
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self.files.iter().map(ParseReport::summary).collect();
        for f in &self.files {
            out.extend(f.issues.iter().map(|i| format!("  {}: {i}", f.source)));
        }
        out.extend(self.failures.iter().map(|f| format!("FAILED {f}")));
        if !self.missing.is_empty() {
            out.push(format!(
                "not present (skipped): {}",
                self.missing.join(", ")
            ));
        }
        if let (Some(w), false) = (self.window_rows, self.short_files.is_empty()) {
            out.push(format!(
                "shorter than the {w}-row window, so this scale is smaller than nominal: {}",
                self.short_files.join(", ")
            ));
        }
        out.extend(self.notes.iter().cloned());
        out
    }
}

/// Adds one fetched (or failed) file to `ds` and `rep`.
pub fn add_file(
    ds: &mut Dataset,
    rep: &mut LoadReport,
    name: &str,
    fetched: Result<Vec<u8>>,
    rows: Option<usize>,
) {
    match fetched.and_then(|b| parse_file(name, &b, rows)) {
        Ok((series, pr)) => {
            if rows.is_some_and(|w| pr.rows_loaded < w) {
                rep.short_files
                    .push(format!("{} ({} rows)", pr.source, pr.rows_loaded));
            }
            ds.series.extend(series);
            rep.files.push(pr);
        }
        Err(e) => rep.failures.push(e.to_string()),
    }
}

/// The result of a load: an error if no file loaded at all.
pub fn finish(ds: Dataset, rep: LoadReport) -> Result<(Dataset, LoadReport)> {
    if rep.files.is_empty() {
        let mut why = vec![format!(
            "no Westermo file could be loaded from {}",
            rep.source
        )];
        why.extend(rep.failures.iter().cloned());
        if !rep.missing.is_empty() {
            why.push(format!("missing: {}", rep.missing.join(", ")));
        }
        return Err(Error::Usage(why.join("\n  ")));
    }
    Ok((ds, rep))
}

/// The files to load without a manifest: the source's listing, else the scale's systems (all 19
/// for `huge`), selected by the scale's plan.
pub fn default_files(plan: Plan, listed: Option<Vec<String>>) -> (Vec<String>, Vec<String>) {
    match listed {
        Some(present) => scale::select(plan, &present),
        None => {
            let names = match plan.systems {
                Some(list) => list.iter().map(|&n| scale::file_name(n)).collect(),
                None => ALL_SYSTEMS.map(scale::file_name).collect(),
            };
            (names, vec![])
        }
    }
}

/// Loads scale `size` from `src`; `progress(i, n, name)` is called before each file.
pub fn load_source(
    src: &mut dyn Source,
    size: Size,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<(Dataset, LoadReport)> {
    let plan = scale::plan(size);
    let mut rep = LoadReport {
        source: src.describe(),
        window_rows: plan.rows,
        ..LoadReport::default()
    };
    let mut ds = Dataset::default();
    let manifest = match src.fetch_optional(manifest::FILE)? {
        // a single-page-app server answers every unknown path with its HTML page
        Some(bytes) if looks_like_html(&bytes) => {
            rep.notes.push(format!(
                "{} answered with an HTML page: no manifest, loading the files directly",
                manifest::FILE
            ));
            None
        }
        Some(bytes) => Some(Manifest::parse(
            &format!("{}/{}", src.describe(), manifest::FILE),
            &bytes,
        )?),
        None => None,
    };
    if let Some(entry) = manifest.as_ref().and_then(|m| m.scale(&size.to_string())) {
        rep.manifest = true;
        let n = entry.files.len();
        for (i, f) in entry.files.iter().enumerate() {
            progress(i, n, &f.name);
            let got = src.fetch(&f.name, None).and_then(|got| {
                f.verify(&got.bytes)?;
                Ok(got.bytes)
            });
            add_file(&mut ds, &mut rep, &f.name, got, plan.rows);
        }
        return finish(ds, rep);
    }
    if manifest.is_some() {
        rep.notes.push(format!(
            "{} has no {size} scale; loading the {size} systems directly",
            manifest::FILE
        ));
    }
    let (files, missing) = default_files(plan, src.list()?);
    rep.missing = missing;
    let n = files.len();
    for (i, name) in files.iter().enumerate() {
        progress(i, n, name);
        // one row past the window, so a full window is told apart from a short file
        let got = src.fetch(name, plan.rows.map(|r| r + 1)).map(|f| {
            if let Some(note) = f.note {
                rep.notes.push(format!("{name}: {note}"));
            }
            f.bytes
        });
        add_file(&mut ds, &mut rep, name, got, plan.rows);
    }
    finish(ds, rep)
}

/// Whether `b` starts (after whitespace) with `<`: an HTML page, not JSON or CSV.
pub fn looks_like_html(b: &[u8]) -> bool {
    b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'<')
}

/// Loads a scale from files already in memory (`(name, bytes or error)` in load order).
pub fn from_memory(
    source: &str,
    plan: Plan,
    files: Vec<(String, Result<Vec<u8>>)>,
    missing: Vec<String>,
) -> Result<(Dataset, LoadReport)> {
    let mut ds = Dataset::default();
    let mut rep = LoadReport {
        source: source.to_string(),
        window_rows: plan.rows,
        missing,
        ..LoadReport::default()
    };
    for (name, bytes) in files {
        add_file(&mut ds, &mut rep, &name, bytes, plan.rows);
    }
    finish(ds, rep)
}
