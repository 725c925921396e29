//! The point-record shape shared by rungs 1-3 (`{"timestamp", "metric_name", "value", "labels"}`),
//! and the rules that make a stream of records a *lossless* image of a [`Dataset`]:
//!
//! - **Order.** Records are a k-way merge of the series by timestamp ([`merge_order`]): globally
//!   time-ordered whenever every series is, ties going to the earlier series. Each series' own
//!   points keep their order even if its timestamps are not sorted, so grouping the records by
//!   series key gives back every series exactly.
//! - **Values.** An integer-tagged value is written as an integer, every other finite value as a
//!   float (shortest round-trip text in JSON; CBOR floats are exact). Non-finite values are not
//!   numbers in JSON, so both formats write them as a string naming their exact bits ([`Value`]):
//!   `"inf"`, `"-inf"`, `"NaN"` (the bits `0x7ff8000000000000`) or `"NaN:0x"` + 16 hex digits
//!   for any other NaN (sign and payload kept).
//! - **Series order and empty series.** Records alone give series in order of first appearance
//!   and cannot show a series with no points. When that would not reproduce the data set, the
//!   first item is a header `{"series": [{"metric_name", "labels"}, ...]}` listing every series
//!   in order ([`needs_header`]); records then belong to the header's series. Generated series
//!   start within a second of each other (scrape jitter), so they do get the header: one line of
//!   about 100 bytes per series (~5 KB, 0.06 % of synthetic small's NDJSON); every other line is
//!   exactly an anchor record.
//! - **Unique keys.** Two series with the same name and labels cannot be told apart in records,
//!   so such a data set is refused at encoding ([`check_unique_keys`]).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::error::{Error, Result};
use crate::model::{is_integral, Dataset, Series};

/// Bits of the NaN written as plain `"NaN"`.
const CANONICAL_NAN: u64 = 0x7ff8_0000_0000_0000;

/// The order of records: `(series index, point index)` pairs, a stable k-way merge by timestamp.
pub fn merge_order(ds: &Dataset) -> Vec<(u32, u32)> {
    let mut heap = BinaryHeap::with_capacity(ds.series.len());
    for (i, s) in ds.series.iter().enumerate() {
        if let Some(&t) = s.timestamps.first() {
            heap.push(Reverse((t, i as u32, 0u32)));
        }
    }
    let mut out = Vec::with_capacity(ds.points());
    while let Some(Reverse((_, si, pi))) = heap.pop() {
        out.push((si, pi));
        let s = &ds.series[si as usize];
        let next = pi as usize + 1;
        if next < s.len() {
            heap.push(Reverse((s.timestamps[next], si, next as u32)));
        }
    }
    out
}

/// True when the records in `order` alone would not give back the series list: some series is
/// empty, or the series do not first appear in data-set order.
pub fn needs_header(ds: &Dataset, order: &[(u32, u32)]) -> bool {
    if ds.series.iter().any(Series::is_empty) {
        return true;
    }
    let mut next = 0u32;
    for &(si, _) in order {
        if si == next {
            next += 1;
        } else if si > next {
            return true;
        }
    }
    false
}

/// Refuses a data set in which two series share name and labels (records could not tell them
/// apart).
pub fn check_unique_keys(ds: &Dataset, rung: &str) -> Result<()> {
    let mut seen = HashMap::with_capacity(ds.series.len());
    for (i, s) in ds.series.iter().enumerate() {
        if let Some(j) = seen.insert((&s.name, &s.labels), i) {
            return Err(Error::Invalid(format!(
                "{rung}: series {j} and {i} are both {}; records cannot tell them apart",
                s.key()
            )));
        }
    }
    Ok(())
}

/// A point's value as written in a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// An integer-tagged value.
    Int(i64),
    /// A finite float.
    Float(f64),
    /// A non-finite value, by its bits.
    NonFinite(u64),
}

impl Value {
    /// How a point is written.
    pub fn of(v: f64, is_int: bool) -> Value {
        if is_int {
            Value::Int(v as i64)
        } else if v.is_finite() {
            Value::Float(v)
        } else {
            Value::NonFinite(v.to_bits())
        }
    }

    /// The value and its integer tag. An integer keeps the tag only where the model allows it
    /// (an imported integer beyond ±2^63 becomes a float).
    pub fn point(self) -> (f64, bool) {
        match self {
            Value::Int(i) => {
                let v = i as f64;
                (v, is_integral(v))
            }
            Value::Float(v) => (v, false),
            Value::NonFinite(b) => (f64::from_bits(b), false),
        }
    }

    /// The text of a non-finite value.
    pub fn non_finite_text(bits: u64) -> String {
        let v = f64::from_bits(bits);
        if v == f64::INFINITY {
            "inf".into()
        } else if v == f64::NEG_INFINITY {
            "-inf".into()
        } else if bits == CANONICAL_NAN {
            "NaN".into()
        } else {
            format!("NaN:0x{bits:016x}")
        }
    }

    /// Parses the text of a non-finite value; `None` if it is not one of the four forms.
    pub fn parse_non_finite(s: &str) -> Option<u64> {
        match s {
            "inf" => Some(f64::INFINITY.to_bits()),
            "-inf" => Some(f64::NEG_INFINITY.to_bits()),
            "NaN" => Some(CANONICAL_NAN),
            _ => {
                let hex = s.strip_prefix("NaN:0x")?;
                if hex.len() != 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                let bits = u64::from_str_radix(hex, 16).ok()?;
                f64::from_bits(bits).is_nan().then_some(bits)
            }
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match *self {
            Value::Int(i) => s.serialize_i64(i),
            Value::Float(v) => s.serialize_f64(v),
            Value::NonFinite(b) => s.serialize_str(&Value::non_finite_text(b)),
        }
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(r#"a number, or one of "inf", "-inf", "NaN", "NaN:0x<16 hex digits>""#)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(if v.is_finite() {
            Value::Float(v)
        } else {
            Value::NonFinite(v.to_bits())
        })
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Value, E> {
        Value::parse_non_finite(v)
            .map(Value::NonFinite)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// Labels written as a map (sorted keys).
pub struct LabelsRef<'a>(pub &'a [(String, String)]);

impl Serialize for LabelsRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Labels read from a map: sorted, a repeated key is an error.
#[derive(Debug, Default, PartialEq, Eq, Hash, Clone)]
pub struct Labels(pub Vec<(String, String)>);

struct LabelsVisitor;

impl<'de> Visitor<'de> for LabelsVisitor {
    type Value = Labels;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map of label names to string values")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> std::result::Result<Labels, A::Error> {
        let mut v: Vec<(String, String)> = Vec::new();
        while let Some(kv) = m.next_entry::<String, String>()? {
            v.push(kv);
        }
        v.sort();
        if let Some(w) = v.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(de::Error::custom(format!(
                "label {:?} appears twice",
                w[0].0
            )));
        }
        Ok(Labels(v))
    }
}

impl<'de> Deserialize<'de> for Labels {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Labels, D::Error> {
        d.deserialize_map(LabelsVisitor)
    }
}

/// One point record, for writing.
pub struct RecordRef<'a> {
    /// Unix seconds.
    pub timestamp: i64,
    /// Metric name.
    pub metric_name: &'a str,
    /// The value.
    pub value: Value,
    /// Labels.
    pub labels: &'a [(String, String)],
}

impl Serialize for RecordRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Record", 4)?;
        st.serialize_field("timestamp", &self.timestamp)?;
        st.serialize_field("metric_name", self.metric_name)?;
        st.serialize_field("value", &self.value)?;
        st.serialize_field("labels", &LabelsRef(self.labels))?;
        st.end()
    }
}

/// One series of the header, for writing.
pub struct HeadRef<'a>(pub &'a Series);

impl Serialize for HeadRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Head", 2)?;
        st.serialize_field("metric_name", &self.0.name)?;
        st.serialize_field("labels", &LabelsRef(&self.0.labels))?;
        st.end()
    }
}

/// The header, for writing.
pub struct HeaderRef<'a>(pub &'a Dataset);

impl Serialize for HeaderRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let heads: Vec<HeadRef> = self.0.series.iter().map(HeadRef).collect();
        let mut st = s.serialize_struct("Header", 1)?;
        st.serialize_field("series", &heads)?;
        st.end()
    }
}

/// A series of the header, as read.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    metric_name: String,
    labels: Labels,
}

/// One item as read: a record (all four record fields) or the header (`series` only).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    timestamp: Option<i64>,
    metric_name: Option<String>,
    value: Option<Value>,
    labels: Option<Labels>,
    series: Option<Vec<Head>>,
}

/// Builds a data set from items, in order; errors are plain text (the caller adds the place).
#[derive(Default)]
pub struct Assembler {
    ds: Dataset,
    index: HashMap<(String, Labels), usize>,
    header: bool,
    items: u64,
}

impl Assembler {
    /// An empty assembler.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next item.
    pub fn push(&mut self, item: Item) -> std::result::Result<(), String> {
        self.items += 1;
        if let Some(heads) = item.series {
            if self.items != 1 {
                return Err("a \"series\" header may only be the first item".into());
            }
            if item.timestamp.is_some()
                || item.metric_name.is_some()
                || item.value.is_some()
                || item.labels.is_some()
            {
                return Err("the \"series\" header has no other fields".into());
            }
            self.header = true;
            for h in heads {
                let key = (h.metric_name, h.labels);
                if self.index.contains_key(&key) {
                    return Err(format!("the header lists series {:?} twice", key.0));
                }
                self.ds.series.push(Series {
                    name: key.0.clone(),
                    labels: key.1 .0.clone(),
                    ..Series::default()
                });
                self.index.insert(key, self.ds.series.len() - 1);
            }
            return Ok(());
        }
        let missing = |f: &str| format!("missing field `{f}`");
        let t = item.timestamp.ok_or_else(|| missing("timestamp"))?;
        let name = item.metric_name.ok_or_else(|| missing("metric_name"))?;
        let value = item.value.ok_or_else(|| missing("value"))?;
        let labels = item.labels.ok_or_else(|| missing("labels"))?;
        let (v, is_int) = value.point();
        let key = (name, labels);
        let i = match self.index.get(&key) {
            Some(&i) => i,
            None if self.header => {
                return Err(format!(
                    "series {:?} with these labels is not in the header",
                    key.0
                ))
            }
            None => {
                self.ds.series.push(Series {
                    name: key.0.clone(),
                    labels: key.1 .0.clone(),
                    ..Series::default()
                });
                self.index.insert(key, self.ds.series.len() - 1);
                self.ds.series.len() - 1
            }
        };
        self.ds.series[i].push(t, v, is_int);
        Ok(())
    }

    /// The data set.
    pub fn finish(self) -> Dataset {
        self.ds
    }
}

/// The records of a data set in [`merge_order`], and whether a header must precede them.
pub fn records(ds: &Dataset) -> (bool, impl Iterator<Item = RecordRef<'_>>) {
    let order = merge_order(ds);
    let header = needs_header(ds, &order);
    let it = order.into_iter().map(move |(si, pi)| {
        let s = &ds.series[si as usize];
        let p = pi as usize;
        RecordRef {
            timestamp: s.timestamps[p],
            metric_name: &s.name,
            value: Value::of(s.values[p], s.is_int[p]),
            labels: &s.labels,
        }
    });
    (header, it)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two(t0: i64, t1: i64) -> Dataset {
        let mut a = Series::new("a", vec![]);
        a.push(t0, 1.0, false);
        let mut b = Series::new("b", vec![]);
        b.push(t1, 2.0, false);
        Dataset { series: vec![a, b] }
    }

    #[test]
    fn header_only_when_needed() {
        let ds = two(1, 1);
        assert!(!needs_header(&ds, &merge_order(&ds)));
        let ds = two(5, 1);
        assert_eq!(merge_order(&ds), vec![(1, 0), (0, 0)]);
        assert!(needs_header(&ds, &merge_order(&ds)));
        let mut ds = two(1, 1);
        ds.series.push(Series::new("c", vec![]));
        assert!(needs_header(&ds, &merge_order(&ds)));
    }

    #[test]
    fn merge_keeps_each_series_order() {
        let mut a = Series::new("a", vec![]);
        for t in [5, 3, 9] {
            a.push(t, 0.0, false);
        }
        let mut b = Series::new("b", vec![]);
        for t in [4, 4] {
            b.push(t, 0.0, false);
        }
        let ds = Dataset { series: vec![a, b] };
        assert_eq!(
            merge_order(&ds),
            vec![(1, 0), (1, 1), (0, 0), (0, 1), (0, 2)]
        );
    }

    #[test]
    fn non_finite_texts_round_trip() {
        for bits in [
            f64::INFINITY.to_bits(),
            f64::NEG_INFINITY.to_bits(),
            CANONICAL_NAN,
            0xfff8_0000_0000_0000,
            0x7ff0_0000_0000_0001,
            0x7ff8_dead_beef_0001,
        ] {
            let t = Value::non_finite_text(bits);
            assert_eq!(Value::parse_non_finite(&t), Some(bits), "{t}");
        }
        assert_eq!(Value::parse_non_finite("NaN:0x3ff0000000000000"), None);
        assert_eq!(Value::parse_non_finite("nan"), None);
        assert_eq!(Value::parse_non_finite("NaN:0x7ff800000000000"), None);
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let mut ds = two(1, 1);
        assert!(check_unique_keys(&ds, "t").is_ok());
        ds.series[1].name = "a".into();
        assert!(check_unique_keys(&ds, "t").is_err());
    }
}
