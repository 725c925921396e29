//! Rung 5, `columnar`: grouped by series, metadata once per series, then a timestamp column and a
//! value column, + zstd. The step from rung 4: no per-point ids at all, and like values sit next to
//! each other where zstd can see their regularity.
//!
//! Three sections, each its own zstd frame in the [`super::sections`] container (magic `MPCO`), so
//! the report's timestamp / value / metadata bytes are the real frame sizes (container header
//! counted as metadata):
//!
//! ```text
//! metadata:   version u8 = 1 | series count var | per series: name, label count var,
//!             (key, value)*, point count var            (strings: byte length var + UTF-8)
//! timestamps: per series, its timestamps as i64 little-endian
//! values:     per series, its value bits as u64 little-endian, then its integer tags as a
//!             bitmap of ceil(n/8) bytes (least significant bit first, padding bits zero)
//! ```
//!
//! The columns are raw 8-byte numbers on purpose: delta and XOR coding are rung 6's ideas.

use crate::encoding::bytes::Reader;
use crate::encoding::varint;
use crate::error::{Error, Result};
use crate::model::{is_integral, Dataset, Series};

use super::sections;
use super::{Encoded, Options, Rung};

/// The columnar rung.
pub struct Columnar;

const MAGIC: &[u8; 4] = b"MPCO";
const VERSION: u8 = 1;
const FORMAT: &str = "columnar";

fn put_str(out: &mut Vec<u8>, s: &str) {
    varint::put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// The three raw sections: metadata, timestamps, values.
pub fn write_sections(ds: &Dataset) -> [Vec<u8>; 3] {
    let mut meta = vec![VERSION];
    let mut ts = Vec::with_capacity(ds.points() * 8);
    let mut vals = Vec::with_capacity(ds.points() * 9);
    varint::put_u64(&mut meta, ds.series.len() as u64);
    for s in &ds.series {
        put_str(&mut meta, &s.name);
        varint::put_u64(&mut meta, s.labels.len() as u64);
        for (k, v) in &s.labels {
            put_str(&mut meta, k);
            put_str(&mut meta, v);
        }
        varint::put_u64(&mut meta, s.len() as u64);
        for t in &s.timestamps {
            ts.extend_from_slice(&t.to_le_bytes());
        }
        for v in &s.values {
            vals.extend_from_slice(&v.to_bits().to_le_bytes());
        }
        for chunk in s.is_int.chunks(8) {
            let byte = chunk
                .iter()
                .enumerate()
                .fold(0u8, |b, (i, &t)| b | (u8::from(t) << i));
            vals.push(byte);
        }
    }
    [meta, ts, vals]
}

/// Rebuilds the data set from the three raw sections.
pub fn read_sections(meta: &[u8], ts: &[u8], vals: &[u8]) -> Result<Dataset> {
    let mut m = Reader::new(meta, FORMAT);
    let mut t = Reader::new(ts, FORMAT);
    let mut v = Reader::new(vals, FORMAT);
    let version = m.u8()?;
    if version != VERSION {
        return Err(m.err(format!("unknown version {version}")));
    }
    let n_series = m.len_var(m.remaining() / 3, "series count")?;
    let mut ds = Dataset {
        series: Vec::with_capacity(n_series),
    };
    for _ in 0..n_series {
        let at = m.pos();
        let name = m.string()?;
        let nl = m.len_var(m.remaining() / 2, "label count")?;
        let mut labels = Vec::with_capacity(nl);
        for _ in 0..nl {
            labels.push((m.string()?, m.string()?));
        }
        if labels.windows(2).any(|p| p[0].0 >= p[1].0) {
            return Err(Error::corrupt_at(
                FORMAT,
                at,
                "labels not sorted or repeated",
            ));
        }
        let n = m.len_var(t.remaining() / 8, "point count")?;
        if v.remaining() < n * 8 + n.div_ceil(8) {
            return Err(v.err(format!("value column too short for {n} points")));
        }
        let mut s = Series {
            name,
            labels,
            timestamps: Vec::with_capacity(n),
            values: Vec::with_capacity(n),
            is_int: Vec::with_capacity(n),
        };
        for _ in 0..n {
            s.timestamps.push(t.i64()?);
            s.values.push(v.f64()?);
        }
        let bits = v.take(n.div_ceil(8))?;
        for i in 0..n {
            s.is_int.push(bits[i / 8] >> (i % 8) & 1 == 1);
        }
        if n % 8 != 0 && bits[n / 8] >> (n % 8) != 0 {
            return Err(v.err("non-zero padding bits in the integer tags"));
        }
        if let Some(i) = (0..n).find(|&i| s.is_int[i] && !is_integral(s.values[i])) {
            return Err(v.err(format!(
                "series {}: integer tag on the non-integral value {i}",
                s.key()
            )));
        }
        ds.series.push(s);
    }
    for (r, what) in [(&m, "metadata"), (&t, "timestamp"), (&v, "value")] {
        if !r.is_empty() {
            return Err(r.err(format!("trailing bytes in the {what} section")));
        }
    }
    Ok(ds)
}

impl Rung for Columnar {
    fn name(&self) -> &'static str {
        "columnar"
    }
    fn summary(&self) -> &'static str {
        "per series: metadata once, a timestamp and a value column, + zstd"
    }
    fn encode(&self, ds: &Dataset, opts: &Options) -> Result<Encoded> {
        let [meta, ts, vals] = write_sections(ds);
        sections::encode_three(MAGIC, [&meta, &ts, &vals], opts.zstd_level)
    }
    fn decode(&self, bytes: &[u8], _opts: &Options) -> Result<Dataset> {
        let s = sections::unpack(bytes, MAGIC, 3, FORMAT)?;
        read_sections(&s[0], &s[1], &s[2])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breakdown_adds_up_and_round_trips() {
        let mut s = Series::new("m", vec![("k".into(), "v".into())]);
        for i in 0..20 {
            s.push(100 + 15 * i, i as f64, i % 3 == 0);
        }
        let ds = Dataset {
            series: vec![s, Series::new("empty", vec![])],
        };
        let e = Columnar.encode(&ds, &Options::default()).expect("encodes");
        let b = e.breakdown.expect("breakdown");
        assert_eq!(
            b.metadata_bytes + b.timestamp_bytes + b.value_bytes,
            e.bytes.len() as u64
        );
        let back = Columnar
            .decode(&e.bytes, &Options::default())
            .expect("decodes");
        assert!(back.bit_eq(&ds).is_ok());
    }
}
