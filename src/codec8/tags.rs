//! The integer tag (`is_int`) of every point, stored exactly and cheaply.
//!
//! A tag can only be set on an integral value (the model's invariant), so only the integral
//! positions carry information. Per series: `0` no tag set, `1` every tag set (all values must then
//! be integral), `2` run lengths over the integral positions, alternating untagged/tagged and
//! starting with untagged. Synthetic latency (`12.5`, `250`) is one or two runs; real data is
//! almost always mode 0 or 1.

use crate::encoding::bytes::Reader;
use crate::encoding::varint;
use crate::error::{Error, Result};

/// [`crate::model::is_integral`] without the `trunc` call (a libm call on baseline x86_64, 4 % of
/// decode time): below 2^63 in magnitude a float is integral exactly when it survives the round
/// trip through `i64`.
#[inline]
fn is_integral(v: f64) -> bool {
    (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&v)
        && (v as i64) as f64 == v
        && !(v == 0.0 && v.is_sign_negative())
}

/// A decoded tag description, applied once the values are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagCode {
    /// No point is tagged.
    None,
    /// Every point is tagged.
    All,
    /// Run lengths over the integral positions: untagged, tagged, untagged, ...
    Runs(Vec<usize>),
}

/// Appends the tag code of one series.
pub fn put(out: &mut Vec<u8>, values: &[f64], tags: &[bool]) {
    if !tags.iter().any(|&t| t) {
        out.push(0);
        return;
    }
    if tags.iter().all(|&t| t) {
        out.push(1);
        return;
    }
    let mut runs = Vec::new();
    let (mut cur, mut len) = (false, 0usize);
    for (&v, &t) in values.iter().zip(tags) {
        if !is_integral(v) {
            continue;
        }
        if t != cur {
            runs.push(len);
            cur = t;
            len = 0;
        }
        len += 1;
    }
    runs.push(len);
    out.push(2);
    varint::put_u64(out, runs.len() as u64);
    for r in runs {
        varint::put_u64(out, r as u64);
    }
}

/// Reads the tag code of a series of `n` points.
pub fn get(r: &mut Reader, n: usize) -> Result<TagCode> {
    match r.u8()? {
        0 => Ok(TagCode::None),
        1 => Ok(TagCode::All),
        2 => {
            let k = r.len_var(n.saturating_add(1), "tag run count")?;
            let mut runs = Vec::with_capacity(k);
            for _ in 0..k {
                runs.push(r.len_var(n, "tag run")?);
            }
            Ok(TagCode::Runs(runs))
        }
        m => Err(r.err(format!("unknown tag mode {m}"))),
    }
}

impl TagCode {
    /// The tags of `values`; an error if the code contradicts them (a tag on a non-integer).
    pub fn apply(&self, values: &[f64], format: &'static str) -> Result<Vec<bool>> {
        match self {
            TagCode::None => Ok(vec![false; values.len()]),
            TagCode::All => {
                if values.iter().all(|&v| is_integral(v)) {
                    Ok(vec![true; values.len()])
                } else {
                    Err(Error::corrupt(
                        format,
                        "integer tag on a non-integral value",
                    ))
                }
            }
            TagCode::Runs(runs) => {
                let mut out = vec![false; values.len()];
                let mut it = runs
                    .iter()
                    .enumerate()
                    .flat_map(|(i, &len)| std::iter::repeat_n(i % 2 == 1, len));
                for (o, &v) in out.iter_mut().zip(values) {
                    if is_integral(v) {
                        *o = it
                            .next()
                            .ok_or_else(|| Error::corrupt(format, "tag runs too short"))?;
                    }
                }
                if it.next().is_some() {
                    return Err(Error::corrupt(format, "tag runs too long"));
                }
                Ok(out)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(values: &[f64], tags: &[bool]) -> Vec<bool> {
        let mut out = Vec::new();
        put(&mut out, values, tags);
        let code = get(&mut Reader::new(&out, "t"), values.len()).expect("reads");
        code.apply(values, "t").expect("applies")
    }

    #[test]
    fn modes_round_trip() {
        let v = [1.0, 2.5, 3.0, 400.0, 5.0, f64::NAN];
        for tags in [
            vec![false; 6],
            vec![true, false, true, true, false, false],
            vec![false, false, false, true, true, false],
        ] {
            assert_eq!(round(&v, &tags), tags);
        }
        let ints = [1.0, 2.0];
        assert_eq!(round(&ints, &[true, true]), vec![true, true]);
    }

    #[test]
    fn fast_integral_check_matches_the_model() {
        let odd = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1e300,
            -9.223_372_036_854_776e18,
            9.223_372_036_854_776e18,
            4_503_599_627_370_497.0,
            f64::NAN,
            f64::INFINITY,
            5e-324,
        ];
        for v in odd {
            assert_eq!(is_integral(v), crate::model::is_integral(v), "{v}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_integral_check_matches_on_any_bits(b in proptest::prelude::any::<u64>(),
                                                   k in proptest::prelude::any::<i64>()) {
            let v = f64::from_bits(b);
            proptest::prop_assert_eq!(is_integral(v), crate::model::is_integral(v));
            let w = k as f64;
            proptest::prop_assert_eq!(is_integral(w), crate::model::is_integral(w));
        }
    }

    #[test]
    fn contradictions_are_errors() {
        assert!(TagCode::All.apply(&[0.5], "t").is_err());
        assert!(TagCode::Runs(vec![0, 2]).apply(&[1.0], "t").is_err());
        assert!(TagCode::Runs(vec![0]).apply(&[1.0], "t").is_err());
    }
}
