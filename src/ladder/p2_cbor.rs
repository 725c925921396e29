//! Rung 2, `cbor`: the NDJSON records of rung 1 as a CBOR sequence (RFC 8742: one CBOR map per
//! point, back to back), written and read with ciborium.
//!
//! Same records, same order, same optional `{"series": [..]}` first item (see
//! [`super::records`]). Integers are CBOR integers (shortest head), floats are CBOR floats
//! (ciborium writes a half or single float only when it is bit-exact, else a double), and the four
//! non-finite forms are the same strings as in NDJSON, so no float conversion ever touches a NaN
//! payload. The saving over NDJSON is binary numbers and length-prefixed strings; the repeated
//! keys and labels stay.

use crate::error::{Error, Result};
use crate::model::Dataset;

use super::records::{self, Assembler, HeaderRef, Item};
use super::{Encoded, Options, Rung};

/// The CBOR rung.
pub struct Cbor;

/// Nesting depth ciborium may follow (our items are 3 deep).
const RECURSION_LIMIT: usize = 16;

/// Writes a data set as a CBOR sequence of records.
pub fn write(ds: &Dataset) -> Result<Vec<u8>> {
    records::check_unique_keys(ds, "cbor")?;
    let (header, recs) = records::records(ds);
    let mut out = Vec::with_capacity(ds.points() * 120);
    let err = |e: ciborium::ser::Error<std::io::Error>| Error::Invalid(format!("cbor: {e}"));
    if header {
        ciborium::into_writer(&HeaderRef(ds), &mut out).map_err(err)?;
    }
    for r in recs {
        ciborium::into_writer(&r, &mut out).map_err(err)?;
    }
    Ok(out)
}

/// Reads a CBOR sequence of records (bounds-checked; never panics).
pub fn read(bytes: &[u8], format: &'static str) -> Result<Dataset> {
    let mut asm = Assembler::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let at = bytes.len() - rest.len();
        let item: Item = ciborium::de::from_reader_with_recursion_limit(&mut rest, RECURSION_LIMIT)
            .map_err(|e| Error::corrupt_at(format, at, e.to_string()))?;
        asm.push(item)
            .map_err(|e| Error::corrupt_at(format, at, e))?;
    }
    Ok(asm.finish())
}

impl Rung for Cbor {
    fn name(&self) -> &'static str {
        "cbor"
    }
    fn summary(&self) -> &'static str {
        "the same records in CBOR: binary numbers, keys still repeated"
    }
    fn encode(&self, ds: &Dataset, _opts: &Options) -> Result<Encoded> {
        Ok(Encoded {
            bytes: write(ds)?,
            breakdown: None,
        })
    }
    fn decode(&self, bytes: &[u8], _opts: &Options) -> Result<Dataset> {
        read(bytes, "cbor")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Series;

    #[test]
    fn ints_stay_ints_and_floats_stay_exact() {
        let mut s = Series::new("m", vec![("k".into(), "v".into())]);
        s.push(1, 5.0, true);
        s.push(2, 5.0, false);
        s.push(3, 0.1, false);
        s.push(4, -0.0, false);
        s.push(5, f64::from_bits(0x7ff0_0000_0000_0001), false);
        let ds = Dataset { series: vec![s] };
        let b = write(&ds).expect("writes");
        // the first record's value is the CBOR integer 5 (0x05) right after the "value" key
        let key = b"evalue";
        let at = b.windows(key.len()).position(|w| w == key).expect("key");
        assert_eq!(b[at + key.len()], 0x05);
        let back = read(&b, "cbor").expect("reads");
        assert!(back.bit_eq(&ds).is_ok(), "{:?}", back.bit_eq(&ds));
    }
}
