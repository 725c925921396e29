//! Rung 8's codec, `metricpress`: our best lossless encoding of a whole data set, labels and
//! index included. The modelling is ours; the entropy coding is pco's ([`pco_col`]).
//!
//! What it does, each part measured and kept because it pays (see the module docs and the
//! ablation in `docs/`):
//! - one **metadata** section: a string table and per-series ids, counts and integer tags
//!   ([`meta`], [`tags`]), zstd-compressed when that pays ([`section`]);
//! - **timestamps** stored once per clock (series with identical timestamps share a column), as a
//!   `start/step` descriptor when regular, otherwise pco, pooled or not by size ([`timestamps`]);
//! - **values**: constants in 8 bytes; otherwise exact decimal scaling with exceptions or raw f64,
//!   per column, and the same metric's columns pooled into one pco chunk when smaller ([`values`],
//!   [`scale`]).
//!
//! Layout: `"MP8" 1`, metadata section, timestamp side section, timestamp blobs, value side
//! section, value blobs, CRC-32 of everything before it (4 bytes). Decoding is bounded ([`limits`]) and returns errors on corrupt bytes.

pub mod limits;
pub mod meta;
pub mod pco_col;
pub mod scale;
pub mod section;
pub mod tags;
pub mod timestamps;
pub mod values;

use crate::encoding::bytes::Reader;
use crate::error::{Error, Result};
use crate::ladder::{Breakdown, Encoded};
use crate::model::Dataset;

/// The format name in errors.
pub const FORMAT: &str = "metricpress";

const MAGIC: &[u8; 4] = b"MP8\x01";

/// Bytes of the trailing checksum.
pub const CHECKSUM_LEN: usize = 4;

/// The CRC-32 of `body` (little-endian): pco blobs carry no checksum, so without this a flipped
/// bit could decode to different numbers instead of an error. CRC-32 catches every burst of up to
/// 32 bits and runs at several GB/s (MD5 took 8 % of decode time). Public so that tests and the
/// fuzz target can re-seal mutated bytes and reach the inner decoder.
pub fn checksum(body: &[u8]) -> [u8; CHECKSUM_LEN] {
    crc32fast::hash(body).to_le_bytes()
}

/// Which modelling ideas the encoder may use. All on by default; switching one off gives the
/// ablation figures (the decoder reads every combination, it is one format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuning {
    /// Series with identical timestamps share one column.
    pub share_clocks: bool,
    /// Regular clocks become a `start/step` descriptor.
    pub regular: bool,
    /// The same metric's columns (and irregular clocks) may be pooled into one pco chunk.
    pub pool: bool,
    /// Exact decimal scaling with exceptions.
    pub decimal: bool,
    /// Constant columns in 8 bytes.
    pub constants: bool,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            share_clocks: true,
            regular: true,
            pool: true,
            decimal: true,
            constants: true,
        }
    }
}

/// Encodes `ds`; side sections use zstd at `level` when it pays.
pub fn encode(ds: &Dataset, level: i32) -> Result<Encoded> {
    encode_with(ds, level, &Tuning::default())
}

/// Encodes `ds` using only the ideas `tuning` enables (for ablation).
pub fn encode_with(ds: &Dataset, level: i32, tuning: &Tuning) -> Result<Encoded> {
    ds.validate()?;
    let mut out = MAGIC.to_vec();
    meta::put(&mut out, ds, level)?;
    let meta_end = out.len();
    let cols: Vec<&[i64]> = ds.series.iter().map(|s| &s.timestamps[..]).collect();
    let ts = timestamps::encode(&cols, tuning)?;
    section::put(&mut out, &ts.side, level)?;
    out.extend_from_slice(&ts.blobs);
    let ts_end = out.len();
    let vs = values::encode(&ds.series, tuning)?;
    section::put(&mut out, &vs.side, level)?;
    out.extend_from_slice(&vs.blobs);
    let sum = checksum(&out);
    out.extend_from_slice(&sum);
    if ds.points() > limits::max_points(out.len()) {
        return Err(Error::Invalid(format!(
            "{} points exceed what a {}-byte metricpress encoding may declare",
            ds.points(),
            out.len()
        )));
    }
    let breakdown = Breakdown {
        metadata_bytes: (meta_end + CHECKSUM_LEN) as u64,
        timestamp_bytes: (ts_end - meta_end) as u64,
        value_bytes: (out.len() - CHECKSUM_LEN - ts_end) as u64,
    };
    Ok(Encoded {
        bytes: out,
        breakdown: Some(breakdown),
    })
}

/// Decodes bytes made by [`encode`]; corrupt input gives an error, never a panic.
pub fn decode(bytes: &[u8]) -> Result<Dataset> {
    let body_len = bytes
        .len()
        .checked_sub(CHECKSUM_LEN)
        .ok_or_else(|| Error::corrupt(FORMAT, "shorter than its checksum"))?;
    let (body, sum) = bytes.split_at(body_len);
    if checksum(body) != sum {
        return Err(Error::corrupt_at(FORMAT, body_len, "checksum mismatch"));
    }
    let mut r = Reader::new(body, FORMAT);
    if r.take(MAGIC.len())? != MAGIC {
        return Err(Error::corrupt_at(
            FORMAT,
            0,
            "not a metricpress v1 encoding",
        ));
    }
    let max_section = limits::max_section(bytes.len());
    let metas = meta::get(&mut r, FORMAT, limits::max_points(bytes.len()), max_section)?;
    let ns: Vec<usize> = metas.iter().map(|m| m.n).collect();
    let side = section::get(&mut r, max_section)?;
    let tss = timestamps::decode(&mut Reader::new(&side, FORMAT), &mut r, &ns)?;
    let side = section::get(&mut r, max_section)?;
    let names: Vec<&str> = metas.iter().map(|m| m.name.as_str()).collect();
    let vals = values::decode(&mut Reader::new(&side, FORMAT), &mut r, &names, &ns)?;
    if !r.is_empty() {
        return Err(r.err("trailing bytes"));
    }
    let mut series = Vec::with_capacity(metas.len());
    for ((m, timestamps), values) in metas.into_iter().zip(tss).zip(vals) {
        series.push(m.into_series(timestamps, values, FORMAT)?);
    }
    Ok(Dataset { series })
}
