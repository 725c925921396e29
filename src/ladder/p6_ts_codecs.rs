//! Rung 6, `ts_codecs`: time-series codecs before zstd.
//!
//! **What changes from rung 5.** Rung 5 hands zstd raw 8-byte timestamp and value columns. Here
//! each column is first turned into the small numbers a time series really carries:
//! - timestamps → first value, first delta, delta-of-deltas as zigzag varints
//!   ([`crate::codecs::delta_of_delta`]): a regular scrape is one zero byte per point;
//! - values → per series, the smallest of every exact codec that applies
//!   ([`crate::codecs::values`]): constant, scaled decimal (delta order 0, 1 or 2), dictionary,
//!   Gorilla XOR with window reuse, or raw, chosen by the size of each candidate after zstd-3
//!   (see [`CHOICE_LEVEL`]); the choice is a one-byte tag;
//! - integer tags → all-false / all-true / bitmap ([`crate::codecs::int_tags`]);
//! - names and labels → a string table and ids ([`crate::codecs::series_meta`]).
//!
//! **Why it is smaller.** A 15 s scrape column becomes a run of zero bytes; a one-decimal gauge
//! becomes one-byte steps instead of 8 bytes of churning mantissa. Nothing is estimated, nothing
//! is stored but the data: no statistics, no per-series "method" records (the Python anchor's
//! phase 6 kept both, and lost bits in float "deviation" codecs; every codec here is exact).
//!
//! **Layout.** Three zstd frames, each with zstd's content checksum, so the byte breakdown is
//! exact (each part's bytes are its own frame) and flipped bits are detected:
//!
//! ```text
//! file     = varint len, metadata frame | varint len, timestamp frame | value frame
//! metadata = version (1) | series count | string table + identities | per series: point count
//! stamps   = per series: payload length | the payloads
//! values   = per series: mode tag, value payload length, tag payload length
//!            | the value payloads | the integer-tag payloads (both grouped by metric name)
//! ```
//!
//! **What it costs.** Encoding tries up to seven candidates per series and compresses each once
//! at zstd-3 to measure it; decoding is one pass. Three frames instead of one cost 12 bytes of
//! checksums and were still *smaller* at level 19 (synthetic small 51,018 vs 51,245 B, synthetic
//! big 484,087 vs 486,241 B, random small 404,342 vs 405,542 B); only at level 3 on synthetic big
//! was one frame smaller (505,124 vs 512,656 B).

use crate::codecs::values::{self, ValueMode};
use crate::codecs::{delta_of_delta, int_tags, series_meta};
use crate::encoding::bytes::Reader;
use crate::encoding::varint::put_u64;
use crate::encoding::zstd;
use crate::error::{Error, Result};
use crate::ladder::{Breakdown, Encoded, Options, Rung};
use crate::model::{Dataset, Series};

const NAME: &str = "ts_codecs";

/// The zstd level that measures value-codec candidates (or the file's level, if lower). Measured
/// on synthetic small at file level 19 (`tests/p6_ts_codecs.rs`, `measure`): choosing by zstd-3
/// sizes gave 51,462 B with 74 ms of encoding, by zstd-19 sizes 51,034 B (-0.8 %) with 597 ms, by
/// raw payload length 55,678 B. On synthetic big: 485,818 B in 1.1 s vs 484,103 B in 16 s.
pub const CHOICE_LEVEL: i32 = 3;
const VERSION: u8 = 1;

/// A zstd block (at most 128 KiB of output) costs at least 3 header bytes, so a frame of `len`
/// bytes cannot honestly expand beyond this; larger claims are refused before allocating.
fn frame_limit(len: usize) -> u64 {
    (len as u64 / 3 + 1) * 131_072
}

/// How the value codec of each series is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueCost {
    /// The candidate payload's length.
    Length,
    /// The candidate payload's length after zstd at this level.
    Zstd(i32),
}

/// Rung 6 (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct TsCodecs;

/// The three uncompressed sections, and what each series picked.
#[derive(Debug, Clone, Default)]
pub struct Sections {
    /// Version, series count, string table, identities, point counts.
    pub metadata: Vec<u8>,
    /// Timestamp payload lengths and payloads.
    pub timestamps: Vec<u8>,
    /// Value mode tags, lengths, value payloads and integer-tag payloads.
    pub values: Vec<u8>,
    /// Per series: the chosen value mode and its payload (for reports and tests).
    pub choices: Vec<(ValueMode, Vec<u8>)>,
}

/// Builds the uncompressed sections of `ds`, choosing value codecs by `cost`.
pub fn sections(ds: &Dataset, cost: ValueCost) -> Result<Sections> {
    ds.validate()?;
    let mut metadata = vec![VERSION];
    put_u64(&mut metadata, ds.series.len() as u64);
    series_meta::encode(&ds.series, &mut metadata);
    for s in &ds.series {
        put_u64(&mut metadata, s.len() as u64);
    }

    let stamps: Vec<Vec<u8>> = ds
        .series
        .iter()
        .map(|s| delta_of_delta::encode(&s.timestamps))
        .collect();
    let mut timestamps = Vec::new();
    for p in &stamps {
        put_u64(&mut timestamps, p.len() as u64);
    }
    stamps.iter().for_each(|p| timestamps.extend_from_slice(p));

    let mut failure = None;
    let mut measure = |b: &[u8]| -> usize {
        match cost {
            ValueCost::Length => b.len(),
            ValueCost::Zstd(level) => {
                zstd::compress(b, level)
                    .map(|z| z.len())
                    .unwrap_or_else(|e| {
                        failure = Some(e);
                        usize::MAX
                    })
            }
        }
    };
    let choices: Vec<(ValueMode, Vec<u8>)> = ds
        .series
        .iter()
        .map(|s| values::choose(&s.values, &mut measure))
        .collect();
    if let Some(e) = failure {
        return Err(e);
    }
    let tags: Vec<Vec<u8>> = ds
        .series
        .iter()
        .map(|s| int_tags::encode(&s.is_int))
        .collect();
    let mut vals = Vec::new();
    for ((mode, p), t) in choices.iter().zip(&tags) {
        vals.push(mode.tag());
        put_u64(&mut vals, p.len() as u64);
        put_u64(&mut vals, t.len() as u64);
    }
    let order = payload_order(ds.series.iter().map(|s| s.name.as_str()));
    order
        .iter()
        .for_each(|&i| vals.extend_from_slice(&choices[i].1));
    order.iter().for_each(|&i| vals.extend_from_slice(&tags[i]));

    Ok(Sections {
        metadata,
        timestamps,
        values: vals,
        choices,
    })
}

/// The order of the value and tag payloads: series indices stably sorted by metric name. Series
/// of one metric look alike, so zstd models them better side by side (synthetic small at level
/// 19: value payloads 53,022 B in series order, 50,018 B grouped; synthetic big 493,605 vs
/// 485,206 B). The decoder derives the same order from the names, so it costs no bytes.
fn payload_order<'a>(names: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let names: Vec<&str> = names.collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| names[i]);
    order
}

/// Encodes `ds` choosing value codecs by `cost` (the rung uses `Zstd(opts.zstd_level)`).
pub fn encode_with(ds: &Dataset, opts: &Options, cost: ValueCost) -> Result<Encoded> {
    let s = sections(ds, cost)?;
    let level = opts.zstd_level;
    let meta = zstd::compress_checked(&s.metadata, level)?;
    let ts = zstd::compress_checked(&s.timestamps, level)?;
    let vals = zstd::compress_checked(&s.values, level)?;
    let mut bytes = Vec::with_capacity(meta.len() + ts.len() + vals.len() + 20);
    put_u64(&mut bytes, meta.len() as u64);
    bytes.extend_from_slice(&meta);
    put_u64(&mut bytes, ts.len() as u64);
    let metadata_bytes = bytes.len() as u64;
    bytes.extend_from_slice(&ts);
    bytes.extend_from_slice(&vals);
    Ok(Encoded {
        bytes,
        breakdown: Some(Breakdown {
            timestamp_bytes: ts.len() as u64,
            value_bytes: vals.len() as u64,
            metadata_bytes,
        }),
    })
}

/// Decompresses one section frame, bounded by what its length can honestly hold.
fn unframe(frame: &[u8]) -> Result<Vec<u8>> {
    zstd::decompress_limited(frame, frame_limit(frame.len()))
}

/// Decodes a file written by [`encode_with`].
pub fn decode_bytes(bytes: &[u8]) -> Result<Dataset> {
    let mut r = Reader::new(bytes, NAME);
    let n = r.len_var(r.remaining(), "metadata frame length")?;
    let meta = unframe(r.take(n)?)?;
    let n = r.len_var(r.remaining(), "timestamp frame length")?;
    let stamps = unframe(r.take(n)?)?;
    let vals = unframe(r.rest())?;

    let mut m = Reader::new(&meta, NAME);
    let version = m.u8()?;
    if version != VERSION {
        return Err(m.err(format!("unknown version {version}")));
    }
    let count = m.len_var(m.remaining(), "series count")?;
    let ids = series_meta::decode(&mut m, count)?;
    let mut points = Vec::with_capacity(count);
    for _ in 0..count {
        // bounded later: each point costs at least one timestamp byte
        points.push(m.len_var(usize::MAX, "point count")?);
    }
    end(&m)?;

    let mut t = Reader::new(&stamps, NAME);
    let lens = (0..count)
        .map(|_| t.len_var(t.remaining(), "timestamp payload length"))
        .collect::<Result<Vec<_>>>()?;
    let mut timestamps = Vec::with_capacity(count);
    for (&len, &n) in lens.iter().zip(&points) {
        timestamps.push(delta_of_delta::decode(t.take(len)?, n)?);
    }
    end(&t)?;

    let mut v = Reader::new(&vals, NAME);
    let mut heads = Vec::with_capacity(count);
    for _ in 0..count {
        let tag = v.u8()?;
        let vl = v.len_var(v.remaining(), "value payload length")?;
        let tl = v.len_var(v.remaining(), "tag payload length")?;
        heads.push((tag, vl, tl));
    }
    let order = payload_order(ids.iter().map(|(name, _)| name.as_str()));
    let mut values = vec![Vec::new(); count];
    for &i in &order {
        let (tag, vl, _) = heads[i];
        values[i] = values::decode_tagged(tag, v.take(vl)?, points[i])?;
    }
    let mut tags = vec![Vec::new(); count];
    for &i in &order {
        tags[i] = int_tags::decode(v.take(heads[i].2)?, points[i])?;
    }
    let mut series = Vec::with_capacity(count);
    for ((((name, labels), timestamps), values), is_int) in
        ids.into_iter().zip(timestamps).zip(values).zip(tags)
    {
        let s = Series {
            name,
            labels,
            timestamps,
            values,
            is_int,
        };
        s.validate()
            .map_err(|e| Error::corrupt(NAME, format!("decoded an invalid series: {e}")))?;
        series.push(s);
    }
    end(&v)?;
    Ok(Dataset { series })
}

/// Every section must be read to its end.
fn end(r: &Reader<'_>) -> Result<()> {
    if r.is_empty() {
        Ok(())
    } else {
        Err(r.err(format!("{} trailing bytes", r.remaining())))
    }
}

impl Rung for TsCodecs {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "delta-of-delta timestamps; per series the smallest exact value codec (Gorilla XOR, \
         constant, scaled decimal, dictionary, raw); + zstd"
    }

    fn encode(&self, ds: &Dataset, opts: &Options) -> Result<Encoded> {
        encode_with(ds, opts, ValueCost::Zstd(opts.zstd_level.min(CHOICE_LEVEL)))
    }

    fn decode(&self, bytes: &[u8], _opts: &Options) -> Result<Dataset> {
        decode_bytes(bytes)
    }
}
