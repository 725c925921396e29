//! Series identities (metric name + labels) through a string table: every distinct string once,
//! in order of first appearance, then per series a name id, a label count and (key id, value id)
//! pairs, all varints. Label keys repeat across every series and values across hosts, so each
//! series costs a few bytes instead of its full key text.

use std::collections::HashMap;

use crate::encoding::bytes::Reader;
use crate::encoding::varint::put_u64;
use crate::error::Result;
use crate::model::Series;

/// A series' identity: its name and sorted labels.
pub type Identity = (String, Vec<(String, String)>);

/// Appends the string table and the identities of `series` to `out`.
pub fn encode<'a>(series: impl IntoIterator<Item = &'a Series>, out: &mut Vec<u8>) {
    let mut ids: HashMap<&str, u64> = HashMap::new();
    let mut table: Vec<&str> = Vec::new();
    let mut id_of = |s: &'a str| -> u64 {
        *ids.entry(s).or_insert_with(|| {
            table.push(s);
            table.len() as u64 - 1
        })
    };
    let mut refs = Vec::new();
    for s in series {
        refs.push(id_of(&s.name));
        refs.push(s.labels.len() as u64);
        for (k, v) in &s.labels {
            refs.push(id_of(k));
            refs.push(id_of(v));
        }
    }
    put_u64(out, table.len() as u64);
    for t in &table {
        put_u64(out, t.len() as u64);
        out.extend_from_slice(t.as_bytes());
    }
    for r in refs {
        put_u64(out, r);
    }
}

/// Reads `count` identities written by [`encode`]. Labels must be sorted with unique keys.
pub fn decode(r: &mut Reader<'_>, count: usize) -> Result<Vec<Identity>> {
    // every string costs at least its length byte, every series at least two bytes
    let n = r.len_var(r.remaining(), "string count")?;
    let mut table = Vec::with_capacity(n);
    for _ in 0..n {
        table.push(r.string()?);
    }
    if count > r.remaining() / 2 {
        return Err(r.err(format!("{count} series in {} bytes", r.remaining())));
    }
    let string = |r: &mut Reader<'_>| -> Result<String> {
        let at = r.pos();
        let i = r.len_var(usize::MAX, "string id")?;
        table.get(i).cloned().ok_or_else(|| {
            crate::error::Error::corrupt_at("series_meta", at, format!("string id {i} ≥ {n}"))
        })
    };
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let name = string(r)?;
        let labels_n = r.len_var(r.remaining() / 2, "label count")?;
        let mut labels: Vec<(String, String)> = Vec::with_capacity(labels_n);
        for _ in 0..labels_n {
            let k = string(r)?;
            let v = string(r)?;
            if labels.last().is_some_and(|(pk, _)| *pk >= k) {
                return Err(r.err(format!("label key {k:?} out of order or repeated")));
            }
            labels.push((k, v));
        }
        out.push((name, labels));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn identities() -> impl Strategy<Value = Vec<Series>> {
        proptest::collection::vec(
            (
                "[a-z_]{0,8}",
                proptest::collection::btree_map("[a-z]{1,4}", "\\PC{0,6}", 0..5),
            ),
            0..20,
        )
        .prop_map(|v| {
            v.into_iter()
                .map(|(n, l)| Series::new(n, l.into_iter().collect()))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn round_trips(series in identities()) {
            let mut b = Vec::new();
            encode(&series, &mut b);
            let mut r = Reader::new(&b, "test");
            let got = decode(&mut r, series.len()).expect("decodes");
            prop_assert!(r.is_empty());
            for (s, (name, labels)) in series.iter().zip(&got) {
                prop_assert_eq!(&s.name, name);
                prop_assert_eq!(&s.labels, labels);
            }
        }

        #[test]
        fn corrupt_input_never_panics(series in identities(), flip in any::<usize>(), cut in any::<usize>()) {
            let mut good = Vec::new();
            encode(&series, &mut good);
            let [b, short] = crate::codecs::strategies::damaged(&good, flip, cut);
            let _ = decode(&mut Reader::new(&b, "test"), series.len());
            let _ = decode(&mut Reader::new(&short, "test"), series.len());
            let _ = decode(&mut Reader::new(&b, "test"), usize::MAX);
        }
    }

    #[test]
    fn strings_are_stored_once() {
        let a = Series::new("cpu", vec![("host".into(), "a".into())]);
        let b = Series::new("cpu", vec![("host".into(), "b".into())]);
        let mut out = Vec::new();
        encode([&a, &b], &mut out);
        // 4 strings (cpu, host, a, b) = 1 + 4 + 5 + 2 + 2 bytes, then 2 x 4 id bytes
        assert_eq!(out.len(), 14 + 8);
        let mut r = Reader::new(&out, "test");
        assert!(decode(&mut r, 3).is_err());
    }
}
