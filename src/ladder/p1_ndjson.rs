//! Rung 1, `ndjson`: one compact JSON object per point, the 1.0x baseline every ratio is measured
//! against. The records are the anchor's:
//!
//! ```text
//! {"timestamp":1735689600,"metric_name":"cpu_usage_percent","value":42.5,"labels":{"host":"server-a"}}
//! ```
//!
//! one per line (`\n`-terminated), time-ordered (a stable k-way merge of the series), labels in
//! key order, integer-tagged values as JSON integers and other finite values as shortest
//! round-trip floats (`5.0`, `1e-7`, never `5`). JSON has no NaN or infinity, so those are written
//! as exact strings (`"inf"`, `"-inf"`, `"NaN"`, `"NaN:0x7ff8000000000001"`) and the rung stays
//! lossless. When the records alone would not give back the series order, or a series has no
//! points, a first line `{"series":[{"metric_name":..,"labels":{..}},..]}` lists every series.
//! All of these rules are in [`super::records`].
//!
//! [`parse`] is also the importer behind `metricpress run --input FILE.ndjson`: any file of such
//! records (the anchor's `metrics.ndjson` is one) loads as a data set; series come in order of
//! first appearance, values may be JSON integers or floats, labels any string map, blank lines are
//! skipped, and a malformed line is an [`Error::Parse`] naming the file, the line and the problem.
//! A JSON integer is exact up to 2^53; beyond that it is rounded to the nearest double, as any JSON
//! reader would.

use crate::error::{Error, Result};
use crate::model::Dataset;

use super::records::{self, Assembler, HeaderRef, Item};
use super::{Encoded, Options, Rung};

/// The NDJSON rung.
pub struct Ndjson;

/// Writes a data set as NDJSON text.
pub fn write(ds: &Dataset) -> Result<Vec<u8>> {
    records::check_unique_keys(ds, "ndjson")?;
    let (header, recs) = records::records(ds);
    let mut out = Vec::with_capacity(ds.points() * 160);
    let err = |e: serde_json::Error| Error::Invalid(format!("ndjson: {e}"));
    if header {
        serde_json::to_writer(&mut out, &HeaderRef(ds)).map_err(err)?;
        out.push(b'\n');
    }
    for r in recs {
        serde_json::to_writer(&mut out, &r).map_err(err)?;
        out.push(b'\n');
    }
    Ok(out)
}

/// Parses NDJSON records from `text`; errors name `source` and the 1-based line.
pub fn parse(text: &str, source: &str) -> Result<Dataset> {
    let mut asm = Assembler::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let at = Some(i as u64 + 1);
        let item: Item = serde_json::from_str(line).map_err(|e| {
            let what = e.to_string();
            // serde_json says "at line 1 column N": keep the column, the line is ours.
            let what = what.replace(" at line 1 column ", " at column ");
            Error::parse(source, at, what)
        })?;
        asm.push(item).map_err(|e| Error::parse(source, at, e))?;
    }
    Ok(asm.finish())
}

impl Rung for Ndjson {
    fn name(&self) -> &'static str {
        "ndjson"
    }
    fn summary(&self) -> &'static str {
        "one JSON object per point, time-ordered: the baseline"
    }
    fn encode(&self, ds: &Dataset, _opts: &Options) -> Result<Encoded> {
        Ok(Encoded {
            bytes: write(ds)?,
            breakdown: None,
        })
    }
    fn decode(&self, bytes: &[u8], _opts: &Options) -> Result<Dataset> {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| Error::corrupt_at("ndjson", e.valid_up_to(), "the bytes are not UTF-8"))?;
        parse(text, "ndjson")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Series;

    #[test]
    fn writes_the_anchor_record_shape() {
        let mut s = Series::new(
            "cpu",
            vec![("region".into(), "eu".into()), ("host".into(), "a".into())],
        );
        s.push(10, 5.0, true);
        s.push(25, 5.0, false);
        s.push(40, f64::NAN, false);
        let ds = Dataset { series: vec![s] };
        let text = String::from_utf8(write(&ds).expect("writes")).expect("utf8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            r#"{"timestamp":10,"metric_name":"cpu","value":5,"labels":{"host":"a","region":"eu"}}"#
        );
        assert!(lines[1].contains(r#""value":5.0,"#), "{}", lines[1]);
        assert!(lines[2].contains(r#""value":"NaN","#), "{}", lines[2]);
        let back = parse(&text, "t").expect("parses");
        assert!(back.bit_eq(&ds).is_ok());
    }

    #[test]
    fn import_errors_name_the_line() {
        let text = "{\"timestamp\":1,\"metric_name\":\"m\",\"value\":1,\"labels\":{}}\n\n{\"timestamp\":2,\"metric_name\":\"m\",\"value\":1}\n";
        match parse(text, "f.ndjson") {
            Err(Error::Parse {
                source,
                line,
                detail,
            }) => {
                assert_eq!(source, "f.ndjson");
                assert_eq!(line, Some(3));
                assert!(detail.contains("labels"), "{detail}");
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
        let bad = "{\"timestamp\":1.5,\"metric_name\":\"m\",\"value\":1,\"labels\":{}}";
        assert!(matches!(
            parse(bad, "f"),
            Err(Error::Parse { line: Some(1), .. })
        ));
        let dup = "{\"timestamp\":1,\"metric_name\":\"m\",\"value\":1,\"labels\":{\"a\":\"1\",\"a\":\"2\"}}";
        assert!(matches!(
            parse(dup, "f"),
            Err(Error::Parse { line: Some(1), .. })
        ));
    }

    #[test]
    fn import_accepts_any_label_order_and_number_forms() {
        let text = concat!(
            "{\"timestamp\":2,\"metric_name\":\"m\",\"value\":1e3,\"labels\":{\"b\":\"x\",\"a\":\"y\"}}\r\n",
            "{\"labels\":{\"a\":\"y\",\"b\":\"x\"},\"value\":-7,\"metric_name\":\"m\",\"timestamp\":1}\n",
        );
        let ds = parse(text, "f").expect("parses");
        assert_eq!(ds.series.len(), 1);
        let s = &ds.series[0];
        assert_eq!(s.labels[0].0, "a");
        assert_eq!(s.values, vec![1000.0, -7.0]);
        assert_eq!(s.is_int, vec![false, true]);
        assert_eq!(s.timestamps, vec![2, 1]);
    }
}
