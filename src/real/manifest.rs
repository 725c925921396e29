//! `manifest.json`: the index `metricpress prepare` writes next to its preprocessed files, and
//! that loaders read first. Per scale it lists each file's name (relative to the manifest),
//! size, MD5 and row count; a file whose size or MD5 differs is an error, never used silently.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The manifest file name.
pub const FILE: &str = "manifest.json";
/// The `format` value this version writes and reads.
pub const FORMAT: &str = "metricpress-westermo/1";
/// Largest manifest accepted (bytes).
pub const MAX_BYTES: usize = 1 << 20;

/// One preprocessed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the manifest, e.g. `small/system-2.csv`.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// MD5 of the bytes, lowercase hex.
    pub md5: String,
    /// Data rows (lines after the header).
    pub rows: u64,
}

/// The files of one scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleEntry {
    /// `small`, `big` or `huge`.
    pub scale: String,
    /// Rows per file of the scale's window (`null`: all).
    pub window_rows: Option<u64>,
    /// The files, in load order.
    pub files: Vec<FileEntry>,
}

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: String,
    /// Where the source files came from.
    pub source: String,
    /// The data set's attribution (CC-BY-4.0).
    pub attribution: String,
    /// The preprocessed scales.
    pub scales: Vec<ScaleEntry>,
}

impl Manifest {
    /// Parses manifest bytes fetched from `name`; any problem is an error naming it.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Manifest> {
        if bytes.len() > MAX_BYTES {
            return Err(Error::parse(name, None, "manifest larger than 1 MiB"));
        }
        let m: Manifest = serde_json::from_slice(bytes).map_err(|e| {
            Error::parse(name, Some(e.line() as u64), format!("not a manifest: {e}"))
        })?;
        if m.format != FORMAT {
            return Err(Error::parse(
                name,
                None,
                format!("manifest format {:?}, expected {FORMAT:?}", m.format),
            ));
        }
        for s in &m.scales {
            for f in &s.files {
                let bad = f.name.is_empty()
                    || f.name.starts_with('/')
                    || f.name.contains("..")
                    || f.name.contains('\\')
                    || f.name.contains("://");
                if bad {
                    return Err(Error::parse(
                        name,
                        None,
                        format!("file name {:?} must be a relative path", f.name),
                    ));
                }
            }
        }
        Ok(m)
    }

    /// The entry of `scale`, if the manifest has it.
    pub fn scale(&self, scale: &str) -> Option<&ScaleEntry> {
        self.scales.iter().find(|s| s.scale == scale)
    }
}

impl FileEntry {
    /// Checks fetched bytes against the entry: size, then MD5.
    pub fn verify(&self, bytes: &[u8]) -> Result<()> {
        if bytes.len() as u64 != self.bytes {
            return Err(Error::parse(
                &self.name,
                None,
                format!(
                    "{} bytes, the manifest says {} (changed or truncated file)",
                    bytes.len(),
                    self.bytes
                ),
            ));
        }
        let md5 = crate::canonical::md5_hex(bytes);
        if md5 != self.md5 {
            return Err(Error::parse(
                &self.name,
                None,
                format!("MD5 {md5} does not match the manifest's {}", self.md5),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        Manifest {
            format: FORMAT.into(),
            source: "test".into(),
            attribution: "made up".into(),
            scales: vec![ScaleEntry {
                scale: "small".into(),
                window_rows: Some(720),
                files: vec![FileEntry {
                    name: "small/system-2.csv".into(),
                    bytes: 3,
                    md5: crate::canonical::md5_hex(b"abc"),
                    rows: 0,
                }],
            }],
        }
    }

    #[test]
    fn round_trips_and_verifies() {
        let m = sample();
        let text = serde_json::to_vec(&m).expect("json");
        assert_eq!(Manifest::parse("m", &text), Ok(m.clone()));
        let f = &m.scale("small").expect("small").files[0];
        assert!(f.verify(b"abc").is_ok());
        let e = f.verify(b"abd").expect_err("md5").to_string();
        assert!(
            e.contains("small/system-2.csv") && e.contains("does not match"),
            "{e}"
        );
        assert!(f
            .verify(b"ab")
            .expect_err("size")
            .to_string()
            .contains("2 bytes"));
        assert!(m.scale("big").is_none());
    }

    #[test]
    fn rejects_bad_manifests() {
        assert!(Manifest::parse("m", b"<html>").is_err());
        let mut m = sample();
        m.format = "other".into();
        let e = Manifest::parse("m", &serde_json::to_vec(&m).expect("json"));
        assert!(e.expect_err("format").to_string().contains("format"));
        let mut m = sample();
        m.scales[0].files[0].name = "../etc/passwd".into();
        let e = Manifest::parse("m", &serde_json::to_vec(&m).expect("json"));
        assert!(e.expect_err("path").to_string().contains("relative"));
    }
}
