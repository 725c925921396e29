//! Hand-made data sets that break naive codecs, shared by every rung's tests (and the fuzz
//! corpus): each is a name and a valid [`Dataset`]. Not part of the public API.
//!
//! The list follows the project's issue: empty data set, one point, `-0.0`, NaN with payload,
//! ±inf, subnormals, 2^53+1 as a float, integers beyond i32, `[3.0, -3.0000000000000004]` (an XOR
//! with 64 significant bits), exactly 256 and 257 distinct values (dictionary limits), a single
//! non-zero value (sparse), identical timestamps within a series, decreasing timestamps across
//! series, plus a series with no points, unsorted timestamps inside a series, and odd strings.

use crate::model::{Dataset, Series};

fn series(name: &str, points: &[(i64, f64, bool)]) -> Series {
    let mut s = Series::new(name, vec![("host".into(), "h".into())]);
    for &(t, v, i) in points {
        s.push(t, v, i);
    }
    s
}

fn one(name: &str, points: &[(i64, f64, bool)]) -> Dataset {
    Dataset {
        series: vec![series(name, points)],
    }
}

fn floats(vals: &[f64]) -> Vec<(i64, f64, bool)> {
    vals.iter()
        .enumerate()
        .map(|(i, &v)| (1_735_689_600 + 15 * i as i64, v, false))
        .collect()
}

/// The edge-case data sets, each with a short name.
#[doc(hidden)]
pub fn edge_cases() -> Vec<(&'static str, Dataset)> {
    let t0 = 1_735_689_600;
    let big_ints: Vec<(i64, f64, bool)> = [
        3_000_000_000i64,
        -3_000_000_000,
        i64::from(i32::MAX) + 1,
        (1i64 << 53) - 1,
        -(1i64 << 53),
        1i64 << 62,
        i64::MIN,
        0,
        -1,
    ]
    .iter()
    .enumerate()
    .map(|(i, &v)| (t0 + i as i64, v as f64, true))
    .collect();
    let distinct = |n: usize| -> Vec<(i64, f64, bool)> {
        (0..n * 2)
            .map(|i| (t0 + 15 * i as i64, (i % n) as f64 * 0.25 - 7.5, false))
            .collect()
    };
    let mut sparse = vec![0.0; 300];
    sparse[137] = 42.5;
    let mut decreasing = Dataset::default();
    for k in 0..4i64 {
        let pts: Vec<(i64, f64, bool)> = (0..5)
            .map(|i| (t0 + 1000 * (3 - k) + 15 * i, (k * 10 + i) as f64, true))
            .collect();
        decreasing.series.push(series(&format!("s{k}"), &pts));
    }
    let mut with_empty = one("a", &[(t0, 1.0, true)]);
    with_empty.series.insert(0, Series::new("empty", vec![]));
    with_empty
        .series
        .push(Series::new("empty_too", vec![("k".into(), "v".into())]));
    let mut strings = Series::new(
        "weird \"name\"\n\u{1F600}",
        vec![
            ("".into(), "".into()),
            ("key with space".into(), "välue\t\\".into()),
        ],
    );
    strings.push(t0, 1.5, false);
    vec![
        ("empty data set", Dataset::default()),
        ("one point", one("m", &[(t0, 1.0, false)])),
        ("negative zero", one("m", &floats(&[0.0, -0.0, -0.0, 0.0]))),
        (
            "NaN with payload",
            one(
                "m",
                &floats(&[
                    f64::NAN,
                    f64::from_bits(0x7ff8_0000_0000_0001),
                    f64::from_bits(0xfff8_dead_beef_cafe),
                    f64::from_bits(0x7ff0_0000_0000_0001),
                    1.0,
                ]),
            ),
        ),
        (
            "infinities",
            one(
                "m",
                &floats(&[f64::INFINITY, f64::NEG_INFINITY, 0.0, f64::INFINITY]),
            ),
        ),
        (
            "subnormals",
            one(
                "m",
                &floats(&[
                    f64::from_bits(1),
                    -f64::from_bits(1),
                    f64::MIN_POSITIVE / 3.0,
                    f64::from_bits(0x000f_ffff_ffff_ffff),
                    f64::MIN_POSITIVE,
                    f64::MAX,
                    f64::MIN,
                ]),
            ),
        ),
        (
            "2^53+1 as a float",
            one(
                "m",
                &floats(&[
                    9_007_199_254_740_992.0,
                    9_007_199_254_740_994.0,
                    9.007_199_254_740_993e15,
                ]),
            ),
        ),
        ("integers beyond i32", one("m", &big_ints)),
        (
            "xor with 64 significant bits",
            one("m", &floats(&[3.0, -3.000_000_000_000_000_4])),
        ),
        ("256 distinct values", one("m", &distinct(256))),
        ("257 distinct values", one("m", &distinct(257))),
        ("single non-zero value", one("m", &floats(&sparse))),
        (
            "identical timestamps in a series",
            one(
                "m",
                &[
                    (t0, 1.0, true),
                    (t0, 2.0, true),
                    (t0, 2.5, false),
                    (t0 + 15, 3.0, true),
                ],
            ),
        ),
        ("decreasing timestamps across series", decreasing),
        (
            "unsorted timestamps in a series",
            one(
                "m",
                &[
                    (t0 + 30, 1.0, true),
                    (t0, 2.0, true),
                    (t0 + 15, 3.0, true),
                    (-5, 4.0, true),
                ],
            ),
        ),
        ("series without points", with_empty),
        (
            "odd strings",
            Dataset {
                series: vec![strings],
            },
        ),
        (
            "int and float of the same number",
            one(
                "m",
                &[
                    (t0, 5.0, true),
                    (t0 + 15, 5.0, false),
                    (t0 + 30, 1e20, false),
                ],
            ),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_edge_case_is_valid() {
        let cases = edge_cases();
        assert!(cases.len() >= 16);
        for (name, ds) in cases {
            assert!(ds.validate().is_ok(), "{name}: {:?}", ds.validate());
        }
    }
}
