//! The metadata section: names, labels, point counts and integer tags, as one string table.
//!
//! Every distinct string (metric name, label key, label value) is stored once, in order of first
//! appearance; each series then lists ids. The section is zstd-compressed when that pays
//! ([`super::section`]). The peers carry **exactly these bytes** too, so metadata costs the
//! same in every row of the comparison.

use std::collections::HashMap;

use super::section;
use super::tags::{self, TagCode};
use crate::encoding::bytes::Reader;
use crate::encoding::varint::put_u64;
use crate::error::{Error, Result};
use crate::model::{Dataset, Series};

/// What the metadata section says about one series.
#[derive(Debug, Clone)]
pub struct SeriesMeta {
    /// Metric name.
    pub name: String,
    /// Sorted labels.
    pub labels: Vec<(String, String)>,
    /// Number of points.
    pub n: usize,
    /// Integer tags, applied once values are decoded.
    pub tags: TagCode,
}

impl SeriesMeta {
    /// The series this metadata describes, with its decoded columns; an error (naming `format`)
    /// if the integer-tag code contradicts the values.
    pub fn into_series(
        self,
        timestamps: Vec<i64>,
        values: Vec<f64>,
        format: &'static str,
    ) -> Result<Series> {
        let is_int = self.tags.apply(&values, format)?;
        Ok(Series {
            name: self.name,
            labels: self.labels,
            timestamps,
            values,
            is_int,
        })
    }
}

/// Appends the metadata section of `ds` (zstd at `level` if it pays).
pub fn put(out: &mut Vec<u8>, ds: &Dataset, level: i32) -> Result<()> {
    let mut ids: HashMap<&str, u64> = HashMap::new();
    let mut table = Vec::new();
    let mut order: Vec<&str> = Vec::new();
    let mut body = Vec::new();
    for s in &ds.series {
        for x in std::iter::once(s.name.as_str())
            .chain(s.labels.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]))
        {
            if !ids.contains_key(x) {
                ids.insert(x, order.len() as u64);
                order.push(x);
            }
        }
    }
    put_u64(&mut table, order.len() as u64);
    for s in &order {
        put_u64(&mut table, s.len() as u64);
        table.extend_from_slice(s.as_bytes());
    }
    put_u64(&mut body, ds.series.len() as u64);
    for s in &ds.series {
        put_u64(&mut body, ids[s.name.as_str()]);
        put_u64(&mut body, s.labels.len() as u64);
        for (k, v) in &s.labels {
            put_u64(&mut body, ids[k.as_str()]);
            put_u64(&mut body, ids[v.as_str()]);
        }
        put_u64(&mut body, s.len() as u64);
        tags::put(&mut body, &s.values, &s.is_int);
    }
    table.extend_from_slice(&body);
    section::put(out, &table, level)
}

/// Reads the metadata section of `format`; at most `max_points` points in total.
pub fn get(
    r: &mut Reader,
    format: &'static str,
    max_points: usize,
    max_section: usize,
) -> Result<Vec<SeriesMeta>> {
    let payload = section::get(r, max_section)?;
    let mut p = Reader::new(&payload, format);
    let ns = p.len_var(p.remaining(), "string count")?;
    let mut strings = Vec::with_capacity(ns);
    for _ in 0..ns {
        strings.push(p.string()?);
    }
    let str_at = |p: &mut Reader| -> Result<String> {
        let i = p.len_var(usize::MAX, "string id")?;
        strings
            .get(i)
            .cloned()
            .ok_or_else(|| p.err(format!("string id {i} out of range")))
    };
    let nseries = p.len_var(p.remaining(), "series count")?;
    let mut out = Vec::with_capacity(nseries);
    let mut total = 0usize;
    for _ in 0..nseries {
        let name = str_at(&mut p)?;
        let nl = p.len_var(p.remaining(), "label count")?;
        let mut labels = Vec::with_capacity(nl);
        for _ in 0..nl {
            let k = str_at(&mut p)?;
            let v = str_at(&mut p)?;
            labels.push((k, v));
        }
        if labels.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(p.err("labels not sorted or repeated"));
        }
        let n = p.len_var(max_points - total, "point count")?;
        total += n;
        let tags = tags::get(&mut p, n)?;
        out.push(SeriesMeta {
            name,
            labels,
            n,
            tags,
        });
    }
    if !p.is_empty() {
        return Err(Error::corrupt(
            format,
            "trailing bytes in the metadata section",
        ));
    }
    Ok(out)
}
