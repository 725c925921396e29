//! Rung 4, `binary_table`: a string table and fixed-width rows, the whole thing in one zstd frame
//! (with content checksum). The step from rung 3: names and labels become small ids, numbers
//! become fixed-width binary, and there are no keys.
//!
//! Layout before zstd (integers little-endian, `var` = LEB128 varint):
//!
//! ```text
//! "MPBT" | version u8 = 1 | id width u8 (2 or 4)
//! | string count var | per string: byte length var, UTF-8        (sorted, unique)
//! | series count var | per series: name id var, label count var, (key id var, value id var)*
//! | row count var
//! | rows, in record order (the same stable time-merge as rungs 1-3):
//! |   i64 timestamp | u64 value bits | u8 flags (bit 0: integer tag) | name id | u8 label count
//! |   | (key id, value id) per label                               (ids of the stated width)
//! ```
//!
//! A row is `18 + w + 2·w·L` bytes for `L` labels and id width `w`: fixed for a series. Unlike the
//! anchor's table it keeps the integer tag (W4), states its row count, and lists the series once
//! (a few bytes each) so series order and series without points survive; rows find their series
//! by name and label ids, so two series with the same key are refused at encoding.

use std::collections::{BTreeSet, HashMap};

use crate::encoding::bytes::Reader;
use crate::encoding::{varint, zstd};
use crate::error::{Error, Result};
use crate::model::{is_integral, Dataset, Series};

use super::records;
use super::{Encoded, Options, Rung};

/// The binary-table rung.
pub struct BinaryTable;

const MAGIC: &[u8; 4] = b"MPBT";
const VERSION: u8 = 1;
const FORMAT: &str = "binary_table";
/// The most bytes the table may expand to (the buffer grows with the real output).
const MAX_RAW: u64 = 1 << 34;

/// Writes the table (before zstd).
pub fn write(ds: &Dataset) -> Result<Vec<u8>> {
    records::check_unique_keys(ds, FORMAT)?;
    let mut set = BTreeSet::new();
    for s in &ds.series {
        set.insert(s.name.as_str());
        for (k, v) in &s.labels {
            set.insert(k.as_str());
            set.insert(v.as_str());
        }
    }
    let strings: Vec<&str> = set.into_iter().collect();
    let id: HashMap<&str, u32> = strings
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i as u32))
        .collect();
    let w: u8 = if strings.len() <= 1 << 16 { 2 } else { 4 };
    let mut out = Vec::with_capacity(ds.points() * 40 + 1024);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.push(w);
    varint::put_u64(&mut out, strings.len() as u64);
    for s in &strings {
        varint::put_u64(&mut out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }
    varint::put_u64(&mut out, ds.series.len() as u64);
    for s in &ds.series {
        if s.labels.len() > 255 {
            return Err(Error::Invalid(format!(
                "{FORMAT}: series {} has more than 255 labels",
                s.key()
            )));
        }
        varint::put_u64(&mut out, u64::from(id[s.name.as_str()]));
        varint::put_u64(&mut out, s.labels.len() as u64);
        for (k, v) in &s.labels {
            varint::put_u64(&mut out, u64::from(id[k.as_str()]));
            varint::put_u64(&mut out, u64::from(id[v.as_str()]));
        }
    }
    let put_id = |out: &mut Vec<u8>, i: u32| {
        if w == 2 {
            out.extend_from_slice(&(i as u16).to_le_bytes());
        } else {
            out.extend_from_slice(&i.to_le_bytes());
        }
    };
    let order = records::merge_order(ds);
    varint::put_u64(&mut out, order.len() as u64);
    for (si, pi) in order {
        let s = &ds.series[si as usize];
        let p = pi as usize;
        out.extend_from_slice(&s.timestamps[p].to_le_bytes());
        out.extend_from_slice(&s.values[p].to_bits().to_le_bytes());
        out.push(u8::from(s.is_int[p]));
        put_id(&mut out, id[s.name.as_str()]);
        out.push(s.labels.len() as u8);
        for (k, v) in &s.labels {
            put_id(&mut out, id[k.as_str()]);
            put_id(&mut out, id[v.as_str()]);
        }
    }
    Ok(out)
}

/// Reads an id of width `w`, checked against the string table.
fn read_id(r: &mut Reader, w: u8, n: usize) -> Result<u32> {
    let at = r.pos();
    let i = if w == 2 {
        u32::from(r.u16()?)
    } else {
        r.u32()?
    };
    if i as usize >= n {
        return Err(Error::corrupt_at(
            FORMAT,
            at,
            format!("string id {i} out of range"),
        ));
    }
    Ok(i)
}

/// Reads a varint id, checked against the string table.
fn read_var_id(r: &mut Reader, n: usize) -> Result<u32> {
    if n == 0 {
        return Err(r.err("string id, but the string table is empty"));
    }
    Ok(r.len_var(n - 1, "string id")? as u32)
}

/// Reads the table (after zstd).
pub fn read(buf: &[u8]) -> Result<Dataset> {
    let mut r = Reader::new(buf, FORMAT);
    if r.take(4)? != MAGIC {
        return Err(Error::corrupt_at(FORMAT, 0, "wrong magic bytes"));
    }
    let v = r.u8()?;
    if v != VERSION {
        return Err(r.err(format!("unknown version {v}")));
    }
    let w = r.u8()?;
    if w != 2 && w != 4 {
        return Err(r.err(format!("id width {w} is not 2 or 4")));
    }
    let n_str = r.len_var(r.remaining(), "string count")?;
    let mut strings = Vec::with_capacity(n_str);
    for _ in 0..n_str {
        strings.push(r.string()?);
    }
    let n_series = r.len_var(r.remaining() / 2, "series count")?;
    let mut ds = Dataset {
        series: Vec::with_capacity(n_series),
    };
    let mut keys: HashMap<Vec<u32>, usize> = HashMap::with_capacity(n_series);
    for i in 0..n_series {
        let at = r.pos();
        let name = read_var_id(&mut r, n_str)?;
        let nl = r.len_var(255.min(r.remaining() / 2), "label count")?;
        let mut key = vec![name];
        let mut labels = Vec::with_capacity(nl);
        for _ in 0..nl {
            let k = read_var_id(&mut r, n_str)?;
            let v = read_var_id(&mut r, n_str)?;
            key.extend([k, v]);
            labels.push((strings[k as usize].clone(), strings[v as usize].clone()));
        }
        if labels.windows(2).any(|p| p[0].0 >= p[1].0) {
            return Err(Error::corrupt_at(
                FORMAT,
                at,
                "labels not sorted or repeated",
            ));
        }
        if keys.insert(key, i).is_some() {
            return Err(Error::corrupt_at(FORMAT, at, "series listed twice"));
        }
        ds.series.push(Series {
            name: strings[name as usize].clone(),
            labels,
            ..Series::default()
        });
    }
    let min_row = 18 + w as usize;
    let n_rows = r.len_var(r.remaining() / min_row, "row count")?;
    let mut key = Vec::with_capacity(16);
    for _ in 0..n_rows {
        let at = r.pos();
        let t = r.i64()?;
        let v = r.f64()?;
        let flags = r.u8()?;
        if flags > 1 {
            return Err(Error::corrupt_at(
                FORMAT,
                at,
                format!("unknown flags {flags:#x}"),
            ));
        }
        let is_int = flags == 1;
        if is_int && !is_integral(v) {
            return Err(Error::corrupt_at(
                FORMAT,
                at,
                "integer tag on a non-integral value",
            ));
        }
        key.clear();
        key.push(read_id(&mut r, w, n_str)?);
        let nl = r.u8()?;
        for _ in 0..u32::from(nl) * 2 {
            key.push(read_id(&mut r, w, n_str)?);
        }
        let Some(&si) = keys.get(&key[..]) else {
            return Err(Error::corrupt_at(
                FORMAT,
                at,
                "row of a series not in the series list",
            ));
        };
        ds.series[si].push(t, v, is_int);
    }
    if !r.is_empty() {
        return Err(r.err("trailing bytes after the last row"));
    }
    Ok(ds)
}

impl Rung for BinaryTable {
    fn name(&self) -> &'static str {
        "binary_table"
    }
    fn summary(&self) -> &'static str {
        "string table + fixed-width rows, + zstd"
    }
    fn encode(&self, ds: &Dataset, opts: &Options) -> Result<Encoded> {
        Ok(Encoded {
            bytes: zstd::compress_checked(&write(ds)?, opts.zstd_level)?,
            breakdown: None,
        })
    }
    fn decode(&self, bytes: &[u8], _opts: &Options) -> Result<Dataset> {
        let raw = zstd::decompress_growing(bytes, MAX_RAW)
            .map_err(|e| Error::corrupt(FORMAT, e.to_string()))?;
        read(&raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_into_an_empty_string_table_are_errors() {
        // magic, version, width 2, no strings, one series naming string 0, no labels, no rows
        let raw = [b'M', b'P', b'B', b'T', 1, 2, 0, 1, 0, 0, 0];
        assert!(read(&raw).is_err());
    }

    #[test]
    fn rows_are_fixed_width_and_keep_the_tag() {
        let mut s = Series::new("m", vec![("k".into(), "v".into())]);
        s.push(1, 5.0, true);
        s.push(2, 5.0, false);
        let ds = Dataset { series: vec![s] };
        let raw = write(&ds).expect("writes");
        // header: 4 magic + 1 + 1 + (1 + 3 strings x 2) + (1 + 4) series + 1 row count = 19
        let row = 18 + 2 + 4;
        assert_eq!(raw.len(), 19 + 2 * row);
        let back = read(&raw).expect("reads");
        assert!(back.bit_eq(&ds).is_ok());
        assert_eq!(back.series[0].is_int, vec![true, false]);
    }
}
