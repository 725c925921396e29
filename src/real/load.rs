//! Assembling a data set from the files of a scale, whatever fetched them (a folder, HTTP, the
//! browser): parse each file's window, keep every file that parsed, report the others.

use serde::Serialize;

use super::parse::{parse_file, ParseReport};
use super::scale::Plan;
use crate::error::{Error, Result};
use crate::model::Dataset;

/// What loading a scale did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LoadReport {
    /// Where the files came from (folder or base URL).
    pub source: String,
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
}

impl LoadReport {
    /// Lines for the user: one per file, then failures, missing files and short files.
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
        out
    }
}

/// Adds one fetched (or failed) file to `ds` and `rep`.
pub fn add_file(
    ds: &mut Dataset,
    rep: &mut LoadReport,
    name: &str,
    fetched: Result<Vec<u8>>,
    plan: Plan,
) {
    match fetched.and_then(|b| parse_file(name, &b, plan.rows)) {
        Ok((series, pr)) => {
            if plan.rows.is_some_and(|w| pr.rows_loaded < w) {
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
        add_file(&mut ds, &mut rep, &name, bytes, plan);
    }
    finish(ds, rep)
}
