//! Native: a scale from a folder of `system-N.csv` files (a clone of the data set, or the
//! excerpts). Reads only the start of each file when the scale takes a window.

use std::io::Read;
use std::path::Path;

use super::load::{self, LoadReport};
use super::scale::{self, Plan};
use crate::error::{Error, Result};
use crate::generate::Size;
use crate::model::Dataset;

/// Bytes read per step while looking for the end of a window.
const CHUNK: usize = 256 * 1024;

/// The `system-N.csv` file names in `dir`, unsorted.
pub fn list(dir: &Path) -> Result<Vec<String>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
    let mut names = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| Error::io(dir.display().to_string(), e))?;
        if let Some(n) = entry.file_name().to_str() {
            if scale::system_number(n).is_some() {
                names.push(n.to_string());
            }
        }
    }
    Ok(names)
}

/// The files of `size` in `dir` (load order) and the missing ones.
pub fn files_of(dir: &Path, size: Size) -> Result<(Vec<String>, Vec<String>)> {
    Ok(scale::select(scale::plan(size), &list(dir)?))
}

/// A description of the files a scale loads, for the cache key: the folder, and each file's name,
/// size and modification time, so a changed file never hits a stale entry.
pub fn fingerprint(dir: &Path, size: Size) -> Result<String> {
    let (files, _) = files_of(dir, size)?;
    let canon = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut s = format!("dir={}", canon.display());
    for f in files {
        let p = dir.join(&f);
        let md = std::fs::metadata(&p).map_err(|e| Error::io(p.display().to_string(), e))?;
        let mtime = md
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        s += &format!(";{f}:{}:{mtime}", md.len());
    }
    Ok(s)
}

/// Reads the start of `path` holding at least `rows` data rows (plus the header), or the whole
/// file when `rows` is `None` or the file is shorter. Cuts at a line ending.
pub fn read_window(path: &Path, rows: Option<usize>) -> Result<Vec<u8>> {
    let err = |e: std::io::Error| Error::io(path.display().to_string(), e);
    let Some(rows) = rows else {
        return std::fs::read(path).map_err(err);
    };
    let mut f = std::fs::File::open(path).map_err(err)?;
    let mut buf = Vec::new();
    let mut newlines = 0usize;
    loop {
        let start = buf.len();
        let n = (&mut f)
            .take(CHUNK as u64)
            .read_to_end(&mut buf)
            .map_err(err)?;
        if n == 0 {
            return Ok(buf); // whole file
        }
        for (i, &b) in buf[start..].iter().enumerate() {
            if b == b'\n' {
                newlines += 1;
                if newlines > rows {
                    // the header and `rows` data lines are complete
                    buf.truncate(start + i + 1);
                    return Ok(buf);
                }
            }
        }
    }
}

/// Loads scale `size` from the folder `dir`. Files that fail are reported, the others load.
pub fn load_dir(dir: &Path, size: Size) -> Result<(Dataset, LoadReport)> {
    let plan: Plan = scale::plan(size);
    let (files, missing) = files_of(dir, size)?;
    let fetched = files
        .into_iter()
        .map(|f| {
            // one row past the window, so the report can tell a full window from a short file
            let bytes = read_window(&dir.join(&f), plan.rows.map(|r| r + 1));
            (f, bytes)
        })
        .collect();
    load::from_memory(&dir.display().to_string(), plan, fetched, missing)
}
