//! Preprocessed files for self-hosting: per scale, the rows and systems that scale uses, cut
//! from the source files byte for byte (no value re-printed), plus a [`Manifest`] entry.
//! The CLI's `prepare` command does the reading and writing; this is the pure part.

use super::manifest::FileEntry;
use super::parse::parse_file;
use crate::error::Result;

/// The header and the first `rows` data lines of `bytes` (all lines when `rows` is `None`),
/// byte-identical, ending after a line ending; and the number of data lines kept. A partial last
/// line (no line ending) is not kept. Blank lines are not counted as rows.
pub fn cut(bytes: &[u8], rows: Option<usize>) -> (&[u8], u64) {
    let mut end = 0;
    let mut data = 0u64;
    let mut line_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b != b'\n' {
            continue;
        }
        let line = &bytes[line_start..i];
        let blank = line.iter().all(u8::is_ascii_whitespace);
        if line_start > 0 && !blank {
            if rows.is_some_and(|r| data >= r as u64) {
                break;
            }
            data += 1;
        }
        end = i + 1;
        line_start = i + 1;
    }
    (&bytes[..end], data)
}

/// Cuts the window of `rows` out of the source file `name`, checks that it parses (a file that
/// does not is not published), and describes it as `path` in the manifest.
pub fn prepare_file(
    name: &str,
    path: &str,
    bytes: &[u8],
    rows: Option<usize>,
) -> Result<(Vec<u8>, FileEntry)> {
    let (kept, n) = cut(bytes, rows);
    parse_file(name, kept, None)?;
    let entry = FileEntry {
        name: path.to_string(),
        bytes: kept.len() as u64,
        md5: crate::canonical::md5_hex(kept),
        rows: n,
    };
    Ok((kept.to_vec(), entry))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_keeps_whole_lines_byte_for_byte() {
        let src = b"timestamp,load-1m\r\n0,0.1\r\n30,0.2\r\n\r\n60,0.30000000000000004\r\n90,0.4";
        assert_eq!(cut(src, Some(2)), (&src[..36], 2)); // with the blank line after row 2
        assert_eq!(cut(src, Some(3)).1, 3);
        assert!(cut(src, Some(3)).0.ends_with(b"0.30000000000000004\r\n"));
        assert_eq!(cut(src, None).1, 3); // the partial last line is not kept
        assert_eq!(
            cut(b"timestamp,load-1m\n", None),
            (&b"timestamp,load-1m\n"[..], 0)
        );
        assert_eq!(cut(b"", Some(1)), (&b""[..], 0));
    }

    #[test]
    fn prepared_files_parse_and_describe_themselves() {
        let src = b"timestamp,load-1m\n0,0.1\n30,0.2\n60,0.3\n";
        let (bytes, e) =
            prepare_file("system-2.csv", "small/system-2.csv", src, Some(2)).expect("prepares");
        assert_eq!(bytes, b"timestamp,load-1m\n0,0.1\n30,0.2\n");
        assert_eq!((e.rows, e.bytes), (2, bytes.len() as u64));
        assert!(e.verify(&bytes).is_ok());
        assert!(prepare_file("system-2.csv", "x", b"<html>", Some(2)).is_err());
    }
}
