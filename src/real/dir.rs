//! Native: a scale from a folder: a clone of the data set, the excerpts, or the output of
//! `metricpress prepare` (then its `manifest.json` is used). Reads only the start of each file
//! when the scale takes a window.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::load::{self, Fetched, LoadReport, Source};
use super::{manifest, scale};
use crate::error::{Error, Result};
use crate::generate::Size;
use crate::model::Dataset;

/// Bytes read per step while looking for the end of a window.
const CHUNK: u64 = 256 * 1024;

/// A folder of `system-N.csv` files (and maybe a `manifest.json`).
pub struct DirSource {
    dir: PathBuf,
}

impl DirSource {
    /// The folder `dir`.
    pub fn new(dir: &Path) -> Self {
        DirSource {
            dir: dir.to_path_buf(),
        }
    }
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::io(path.display().to_string(), e)
}

impl Source for DirSource {
    fn describe(&self) -> String {
        self.dir.display().to_string()
    }

    fn list(&mut self) -> Result<Option<Vec<String>>> {
        list(&self.dir).map(Some)
    }

    fn fetch_optional(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let p = self.dir.join(name);
        match std::fs::read(&p) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_err(&p)(e)),
        }
    }

    fn fetch(&mut self, name: &str, rows: Option<usize>) -> Result<Fetched> {
        Ok(Fetched {
            bytes: read_window(&self.dir.join(name), rows)?,
            note: None,
        })
    }
}

/// The `system-N.csv` file names in `dir`, unsorted.
pub fn list(dir: &Path) -> Result<Vec<String>> {
    let rd = std::fs::read_dir(dir).map_err(io_err(dir))?;
    let mut names = Vec::new();
    for entry in rd {
        let entry = entry.map_err(io_err(dir))?;
        if let Some(n) = entry.file_name().to_str() {
            if scale::system_number(n).is_some() {
                names.push(n.to_string());
            }
        }
    }
    Ok(names)
}

/// A description of what a scale loads from `dir`, for the cache key: the folder, and the name,
/// size and modification time of the manifest and of every `system-N.csv` file, so a changed
/// file never hits a stale entry.
pub fn fingerprint(dir: &Path) -> Result<String> {
    let canon = dir.canonicalize().map_err(io_err(dir))?;
    let mut s = format!("dir={}", canon.display());
    let mut names = list(dir)?;
    names.sort();
    names.push(manifest::FILE.into());
    for f in names {
        let p = dir.join(&f);
        let Ok(md) = std::fs::metadata(&p) else {
            continue;
        };
        let mtime = md
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        s += &format!(";{f}:{}:{mtime}", md.len());
    }
    Ok(s)
}

/// Reads the start of `path` holding its header and at least `rows` data rows, cut after the
/// line ending of the last of them; or the whole file when `rows` is `None` or the file is
/// shorter.
pub fn read_window(path: &Path, rows: Option<usize>) -> Result<Vec<u8>> {
    let Some(rows) = rows else {
        return std::fs::read(path).map_err(io_err(path));
    };
    let mut f = std::fs::File::open(path).map_err(io_err(path))?;
    let mut buf = Vec::new();
    let mut newlines = 0usize;
    loop {
        let start = buf.len();
        let n = (&mut f)
            .take(CHUNK)
            .read_to_end(&mut buf)
            .map_err(io_err(path))?;
        if n == 0 {
            return Ok(buf); // the whole file
        }
        for (i, &b) in buf[start..].iter().enumerate() {
            if b == b'\n' {
                newlines += 1;
                if newlines > rows {
                    buf.truncate(start + i + 1);
                    return Ok(buf);
                }
            }
        }
    }
}

/// Loads scale `size` from the folder `dir`. Files that fail are reported, the others load.
pub fn load_dir(dir: &Path, size: Size) -> Result<(Dataset, LoadReport)> {
    load::load_source(&mut DirSource::new(dir), size, &mut |_, _, _| {})
}
