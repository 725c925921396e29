//! Output files for `--out-dir`: one per rung, written in chunk order to `NAME.partial` and renamed
//! to `NAME` only when the run finished. Dropping an unfinished sink (error, Ctrl-C, panic)
//! removes the partial file. Every I/O error names the path.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One rung's output file.
pub struct FileSink {
    path: PathBuf,
    partial: PathBuf,
    out: Option<BufWriter<File>>,
}

impl FileSink {
    /// Creates `dir` if needed and opens `dir/NAME.partial` for writing.
    pub fn create(dir: &Path, name: &str) -> Result<FileSink> {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::io(
                dir.display().to_string(),
                format!("cannot create --out-dir: {e}"),
            )
        })?;
        let path = dir.join(name);
        let partial = dir.join(format!("{name}.partial"));
        let file = File::create(&partial)
            .map_err(|e| Error::io(partial.display().to_string(), format!("cannot create: {e}")))?;
        Ok(FileSink {
            path,
            partial,
            out: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends bytes (one chunk frame).
    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let partial = &self.partial;
        let out = self
            .out
            .as_mut()
            .ok_or_else(|| Error::io(partial.display().to_string(), "already finished"))?;
        out.write_all(bytes)
            .map_err(|e| Error::io(partial.display().to_string(), format!("write failed: {e}")))
    }

    /// Flushes, syncs and renames `NAME.partial` to `NAME` (on failure the partial file is
    /// removed).
    pub fn finish(mut self) -> Result<PathBuf> {
        let name = self.partial.display().to_string();
        let done = match self.out.take() {
            Some(out) => out
                .into_inner()
                .map_err(|e| Error::io(&name, format!("write failed: {}", e.error())))
                .and_then(|file| {
                    file.sync_all()
                        .map_err(|e| Error::io(&name, format!("sync failed: {e}")))
                })
                .and_then(|()| {
                    std::fs::rename(&self.partial, &self.path)
                        .map_err(|e| Error::io(&name, format!("rename failed: {e}")))
                }),
            None => Err(Error::io(&name, "already finished")),
        };
        if done.is_err() {
            let _ = std::fs::remove_file(&self.partial);
        }
        done.map(|()| self.path.clone())
    }
}

impl Drop for FileSink {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}
