//! Rung 7, `downsample`: lossy by design, and ranked apart from the lossless rungs. Each series is
//! cut into epoch-aligned buckets of 300 s, 900 s and 3600 s (bucket = `floor(t / I) · I`, the
//! anchor's rule), and each non-empty bucket keeps **count, sum, min, max, first, last**, so
//! rollups can be re-aggregated (the anchor kept only the mean: W10).
//!
//! Aggregates, per bucket, over the series' points in their stored order: `count`; `sum` (added in
//! order); `min` / `max` (NaN ignored unless every value is NaN; among equal values the first
//! wins); `first` / `last` (the first and last point of the series that fall in the bucket).
//!
//! **Decoded representation.** [`Rung::decode`] returns the rollups as a [`Dataset`]: for each
//! interval (300, 900, 3600), for each input series in order, six series named like the input with
//! two extra labels, `__interval__` (`"300s"`, ...) and `__agg__` (`count`, `sum`, `min`, `max`,
//! `first`, `last`, in that order); timestamps are bucket starts, ascending; `count` values are
//! integer-tagged, the others are floats. Input label keys `__interval__` / `__agg__` are refused.
//!
//! **Check** ([`Rung::verify`], against the raw input): the decoded series are exactly the expected
//! ones; per series and interval the counts sum to the point count; every bucket start is aligned
//! and strictly increasing and equals the recomputed bucket; count, min, max, first and last equal
//! the recomputed ones bit for bit; `min ≤ first, last ≤ max`; each sum matches the recomputed sum
//! to 1e-9 relative (of the sum of absolute values).
//!
//! Layout: the [`super::sections`] container (magic `MPDS`), three zstd frames:
//!
//! ```text
//! metadata:   version u8 = 1 | interval count var | intervals var* | series count var
//!             | per series: name, label count var, (key, value)*
//!             | per interval, per series: bucket count var
//! timestamps: per interval, per series: first bucket index (zigzag var of start / I), then the
//!             gaps to the next index (var, >= 1)
//! values:     per interval, per series: counts (var each), then the columns sum, min, max,
//!             first, last (u64 little-endian bits, one column after the other)
//! ```

use std::collections::BTreeMap;

use crate::encoding::bytes::Reader;
use crate::encoding::varint;
use crate::error::{Error, Result};
use crate::model::{Dataset, Series};

use super::sections;
use super::{Encoded, Options, Rung};

/// The downsampling rung.
pub struct Downsample;

/// Bucket widths in seconds: 5 min, 15 min, 1 h.
pub const INTERVALS: [i64; 3] = [300, 900, 3600];
/// The aggregates, in the order of the decoded series.
pub const AGGS: [&str; 6] = ["count", "sum", "min", "max", "first", "last"];
/// Label added to name the interval.
pub const INTERVAL_LABEL: &str = "__interval__";
/// Label added to name the aggregate.
pub const AGG_LABEL: &str = "__agg__";

const MAGIC: &[u8; 4] = b"MPDS";
const VERSION: u8 = 1;
const FORMAT: &str = "downsample";
/// Relative tolerance of sums.
const SUM_TOLERANCE: f64 = 1e-9;

/// The aggregates of one bucket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bucket {
    /// Bucket index: the bucket starts at `index · interval`.
    pub index: i64,
    /// Number of points.
    pub count: u64,
    /// Sum of values, in order.
    pub sum: f64,
    /// Sum of absolute values (not stored; the tolerance of `sum`).
    pub abs_sum: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// First value.
    pub first: f64,
    /// Last value.
    pub last: f64,
}

/// The buckets of one series at one interval, ascending.
pub fn rollup(s: &Series, interval: i64) -> Vec<Bucket> {
    let mut map: BTreeMap<i64, Bucket> = BTreeMap::new();
    for (&t, &v) in s.timestamps.iter().zip(&s.values) {
        let index = t.div_euclid(interval);
        let b = map.entry(index).or_insert(Bucket {
            index,
            count: 0,
            sum: 0.0,
            abs_sum: 0.0,
            min: v,
            max: v,
            first: v,
            last: v,
        });
        b.count += 1;
        b.sum += v;
        b.abs_sum += v.abs();
        if v < b.min || b.min.is_nan() {
            b.min = v;
        }
        if v > b.max || b.max.is_nan() {
            b.max = v;
        }
        b.last = v;
    }
    map.into_values().collect()
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    varint::put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn bucket_start(index: i64, interval: i64) -> Option<i64> {
    index.checked_mul(interval)
}

/// The raw sections (metadata, timestamps, values); public for the fuzz seeds.
#[doc(hidden)]
pub fn write_sections(ds: &Dataset) -> Result<[Vec<u8>; 3]> {
    let mut meta = vec![VERSION];
    let (mut ts, mut vals) = (Vec::new(), Vec::new());
    varint::put_u64(&mut meta, INTERVALS.len() as u64);
    for i in INTERVALS {
        varint::put_u64(&mut meta, i as u64);
    }
    varint::put_u64(&mut meta, ds.series.len() as u64);
    for s in &ds.series {
        if s.labels
            .iter()
            .any(|(k, _)| k == INTERVAL_LABEL || k == AGG_LABEL)
        {
            return Err(Error::Invalid(format!(
                "{FORMAT}: series {} uses a reserved label ({INTERVAL_LABEL} or {AGG_LABEL})",
                s.key()
            )));
        }
        put_str(&mut meta, &s.name);
        varint::put_u64(&mut meta, s.labels.len() as u64);
        for (k, v) in &s.labels {
            put_str(&mut meta, k);
            put_str(&mut meta, v);
        }
    }
    for interval in INTERVALS {
        for s in &ds.series {
            let buckets = rollup(s, interval);
            if let Some(b) = buckets
                .iter()
                .find(|b| bucket_start(b.index, interval).is_none())
            {
                return Err(Error::Invalid(format!(
                    "{FORMAT}: series {}: bucket {} overflows i64",
                    s.key(),
                    b.index
                )));
            }
            varint::put_u64(&mut meta, buckets.len() as u64);
            let mut prev = None;
            for b in &buckets {
                match prev {
                    None => varint::put_i64(&mut ts, b.index),
                    Some(p) => varint::put_u64(&mut ts, (b.index - p) as u64),
                }
                prev = Some(b.index);
                varint::put_u64(&mut vals, b.count);
            }
            for f in [
                |b: &Bucket| b.sum,
                |b: &Bucket| b.min,
                |b: &Bucket| b.max,
                |b: &Bucket| b.first,
                |b: &Bucket| b.last,
            ] {
                for b in &buckets {
                    vals.extend_from_slice(&f(b).to_bits().to_le_bytes());
                }
            }
        }
    }
    Ok([meta, ts, vals])
}

/// The decoded series of one input series at one interval, in [`AGGS`] order.
fn rollup_series(name: &str, labels: &[(String, String)], interval: i64) -> Vec<Series> {
    AGGS.iter()
        .map(|agg| {
            let mut l = labels.to_vec();
            l.push((INTERVAL_LABEL.into(), format!("{interval}s")));
            l.push((AGG_LABEL.into(), (*agg).into()));
            Series::new(name, l)
        })
        .collect()
}

/// Rebuilds the rollups from the three raw sections (public for the fuzz targets).
#[doc(hidden)]
pub fn read_sections(meta: &[u8], ts: &[u8], vals: &[u8]) -> Result<Dataset> {
    let mut m = Reader::new(meta, FORMAT);
    let mut t = Reader::new(ts, FORMAT);
    let mut v = Reader::new(vals, FORMAT);
    let version = m.u8()?;
    if version != VERSION {
        return Err(m.err(format!("unknown version {version}")));
    }
    let ni = m.len_var(INTERVALS.len(), "interval count")?;
    let mut intervals = Vec::with_capacity(ni);
    for _ in 0..ni {
        let at = m.pos();
        let i = m.u64_var()?;
        if !INTERVALS.contains(&(i as i64)) || intervals.contains(&(i as i64)) {
            return Err(Error::corrupt_at(
                FORMAT,
                at,
                format!("unexpected interval {i}"),
            ));
        }
        intervals.push(i as i64);
    }
    let n_series = m.len_var(m.remaining() / 2, "series count")?;
    let mut heads = Vec::with_capacity(n_series);
    for _ in 0..n_series {
        let at = m.pos();
        let name = m.string()?;
        let nl = m.len_var(m.remaining() / 2, "label count")?;
        let mut labels: Vec<(String, String)> = Vec::with_capacity(nl);
        for _ in 0..nl {
            labels.push((m.string()?, m.string()?));
        }
        if labels.windows(2).any(|p| p[0].0 >= p[1].0)
            || labels
                .iter()
                .any(|(k, _)| k == INTERVAL_LABEL || k == AGG_LABEL)
        {
            return Err(Error::corrupt_at(FORMAT, at, "bad labels"));
        }
        heads.push((name, labels));
    }
    let mut ds = Dataset::default();
    for &interval in &intervals {
        for (name, labels) in &heads {
            // each bucket costs at least 1 timestamp byte and 41 value bytes
            let n = m.len_var(t.remaining().min(v.remaining() / 41), "bucket count")?;
            let mut out = rollup_series(name, labels, interval);
            let mut index = 0i64;
            for k in 0..n {
                let at = t.pos();
                index = if k == 0 {
                    t.i64_var()?
                } else {
                    let gap = t.u64_var()?;
                    i64::try_from(gap)
                        .ok()
                        .filter(|&g| g >= 1)
                        .and_then(|g| index.checked_add(g))
                        .ok_or_else(|| Error::corrupt_at(FORMAT, at, "bad bucket gap"))?
                };
                let start = bucket_start(index, interval)
                    .ok_or_else(|| Error::corrupt_at(FORMAT, at, "bucket start overflows"))?;
                for s in &mut out {
                    s.timestamps.push(start);
                }
            }
            for _ in 0..n {
                let at = v.pos();
                let c = v.u64_var()?;
                let cf = c as f64;
                if c == 0 || cf as u64 != c {
                    return Err(Error::corrupt_at(FORMAT, at, format!("bad count {c}")));
                }
                out[0].values.push(cf);
                out[0].is_int.push(true);
            }
            for s in &mut out[1..] {
                for _ in 0..n {
                    s.values.push(v.f64()?);
                    s.is_int.push(false);
                }
            }
            ds.series.extend(out);
        }
    }
    for (r, what) in [(&m, "metadata"), (&t, "timestamp"), (&v, "value")] {
        if !r.is_empty() {
            return Err(r.err(format!("trailing bytes in the {what} section")));
        }
    }
    Ok(ds)
}

/// Sums agree to [`SUM_TOLERANCE`] relative to the sum of absolute values; non-finite sums must
/// be the same kind (both NaN, or the same infinity).
fn sums_match(got: f64, want: f64, abs_sum: f64) -> bool {
    if !want.is_finite() || !got.is_finite() {
        return (want.is_nan() && got.is_nan()) || got == want;
    }
    (got - want).abs() <= SUM_TOLERANCE * abs_sum.max(f64::MIN_POSITIVE)
}

/// Checks one decoded group (six series) against the raw series at one interval.
fn check_group(raw: &Series, interval: i64, got: &[Series]) -> std::result::Result<(), String> {
    let key = raw.key();
    let want = rollup_series(&raw.name, &raw.labels, interval);
    for (g, w) in got.iter().zip(&want) {
        if g.name != w.name || g.labels != w.labels {
            return Err(format!("{key} @{interval}s: found series {}", g.key()));
        }
    }
    let buckets = rollup(raw, interval);
    let n = got[0].len();
    if got
        .iter()
        .any(|s| s.len() != n || s.values.len() != n || s.is_int.len() != n)
    {
        return Err(format!(
            "{key} @{interval}s: aggregates of different lengths"
        ));
    }
    let total: f64 = got[0].values.iter().sum();
    if total != raw.len() as f64 {
        return Err(format!(
            "{key} @{interval}s: counts sum to {total}, the series has {} points",
            raw.len()
        ));
    }
    if n != buckets.len() {
        return Err(format!(
            "{key} @{interval}s: {n} buckets, expected {}",
            buckets.len()
        ));
    }
    let v = |a: usize, k: usize| got[a].values[k];
    let same = |x: f64, y: f64| x.to_bits() == y.to_bits();
    for (k, b) in buckets.iter().enumerate() {
        let t = got[0].timestamps[k];
        let at = format!("{key} @{interval}s, bucket at {t}");
        if t.rem_euclid(interval) != 0 {
            return Err(format!("{at}: not aligned to {interval} s"));
        }
        if k > 0 && t <= got[0].timestamps[k - 1] {
            return Err(format!("{at}: bucket starts not increasing"));
        }
        if Some(t) != bucket_start(b.index, interval) {
            return Err(format!("{at}: expected a bucket at {}", b.index * interval));
        }
        if v(0, k) != b.count as f64 {
            return Err(format!("{at}: count {} != {}", v(0, k), b.count));
        }
        if !sums_match(v(1, k), b.sum, b.abs_sum) {
            return Err(format!("{at}: sum {} != {}", v(1, k), b.sum));
        }
        let (min, max, first, last) = (v(2, k), v(3, k), v(4, k), v(5, k));
        for (name, g, w) in [
            ("min", min, b.min),
            ("max", max, b.max),
            ("first", first, b.first),
            ("last", last, b.last),
        ] {
            if !same(g, w) {
                return Err(format!("{at}: {name} {g} != {w}"));
            }
        }
        for x in [first, last] {
            if !(x.is_nan() || (min <= x && x <= max)) {
                return Err(format!("{at}: {x} outside [min {min}, max {max}]"));
            }
        }
    }
    Ok(())
}

impl Rung for Downsample {
    fn name(&self) -> &'static str {
        "downsample"
    }
    fn summary(&self) -> &'static str {
        "lossy: 5 min / 15 min / 1 h rollups keeping count, sum, min, max, first, last"
    }
    fn lossless(&self) -> bool {
        false
    }
    fn encode(&self, ds: &Dataset, opts: &Options) -> Result<Encoded> {
        let [meta, ts, vals] = write_sections(ds)?;
        sections::encode_three(MAGIC, [&meta, &ts, &vals], opts.zstd_level)
    }
    fn decode(&self, bytes: &[u8], _opts: &Options) -> Result<Dataset> {
        let s = sections::unpack(bytes, MAGIC, 3, FORMAT)?;
        read_sections(&s[0], &s[1], &s[2])
    }
    fn verify(&self, input: &Dataset, decoded: &Dataset) -> std::result::Result<(), String> {
        let per = AGGS.len();
        let want = INTERVALS.len() * input.series.len() * per;
        if decoded.series.len() != want {
            return Err(format!(
                "{} rollup series, expected {want}",
                decoded.series.len()
            ));
        }
        let mut groups = decoded.series.chunks(per);
        for interval in INTERVALS {
            for raw in &input.series {
                let g = groups.next().ok_or("missing rollups")?;
                check_group(raw, interval, g)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Dataset {
        let mut s = Series::new("m", vec![("host".into(), "a".into())]);
        for (t, v) in [(0, 3.0), (100, 1.0), (299, 2.0), (300, 7.0), (3700, -1.0)] {
            s.push(t, v, false);
        }
        Dataset { series: vec![s] }
    }

    #[test]
    fn buckets_keep_all_six_aggregates() {
        let b = rollup(&sample().series[0], 300);
        assert_eq!(b.len(), 3);
        assert_eq!(
            (b[0].count, b[0].sum, b[0].min, b[0].max),
            (3, 6.0, 1.0, 3.0)
        );
        assert_eq!((b[0].first, b[0].last), (3.0, 2.0));
        assert_eq!(b[2].index, 12);
        assert_eq!(rollup(&sample().series[0], 3600).len(), 2);
    }

    #[test]
    fn decodes_and_verifies_and_catches_a_changed_rollup() {
        let ds = sample();
        let e = Downsample
            .encode(&ds, &Options::default())
            .expect("encodes");
        let d = Downsample
            .decode(&e.bytes, &Options::default())
            .expect("decodes");
        assert_eq!(d.series.len(), 18);
        assert_eq!(d.series[0].timestamps, vec![0, 300, 3600]);
        assert_eq!(d.series[0].values, vec![3.0, 1.0, 1.0]);
        assert!(Downsample.verify(&ds, &d).is_ok());
        let mut bad = d.clone();
        bad.series[1].values[0] += 1e-6;
        assert!(Downsample.verify(&ds, &bad).is_err());
        let mut bad = d.clone();
        bad.series[0].values[0] = 2.0;
        assert!(Downsample.verify(&ds, &bad).is_err());
        let mut bad = d;
        bad.series[2].values[0] = 1.5;
        assert!(Downsample.verify(&ds, &bad).is_err());
    }

    #[test]
    fn reserved_labels_are_refused() {
        let mut ds = sample();
        ds.series[0].labels.push((AGG_LABEL.into(), "x".into()));
        ds.series[0].labels.sort();
        assert!(Downsample.encode(&ds, &Options::default()).is_err());
    }
}
