//! The shared vocabulary: a [`Dataset`] is a list of [`Series`]; a series is a metric name, sorted
//! labels, unix-second timestamps, `f64` values and, per value, whether it was written as an
//! integer (so NDJSON `5` and `5.0` both round-trip exactly).
//!
//! Every rung encodes a `Dataset` and must decode back to one that is [`Dataset::bit_eq`] to it:
//! same names, labels, timestamps, value *bits* (`-0.0`, NaN payloads included) and integer tags.

use crate::error::{Error, Result};

/// One time series: a metric name, its labels and its points.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// Prometheus-style metric name, e.g. `http_requests_total`.
    pub name: String,
    /// Label pairs, sorted by key, keys unique.
    pub labels: Vec<(String, String)>,
    /// Unix seconds, one per point.
    pub timestamps: Vec<i64>,
    /// The values, one per point.
    pub values: Vec<f64>,
    /// Per point: the value was written as an integer (`5`, not `5.0`).
    ///
    /// Invariant: where `true`, the value is finite, integral, not `-0.0` and within `i64`.
    pub is_int: Vec<bool>,
}

/// A data set: many series.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// The series, in a fixed order (generation order, file order, or first appearance).
    pub series: Vec<Series>,
}

/// Whether `v` can carry the integer tag: finite, integral, not `-0.0`, within `i64`.
pub fn is_integral(v: f64) -> bool {
    v.is_finite()
        && v == v.trunc()
        && !(v == 0.0 && v.is_sign_negative())
        && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&v)
}

impl Series {
    /// A series with no points.
    pub fn new(name: impl Into<String>, mut labels: Vec<(String, String)>) -> Self {
        labels.sort();
        Series {
            name: name.into(),
            labels,
            ..Series::default()
        }
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.timestamps.len()
    }

    /// True when the series has no points.
    pub fn is_empty(&self) -> bool {
        self.timestamps.is_empty()
    }

    /// Appends one point.
    pub fn push(&mut self, timestamp: i64, value: f64, is_int: bool) {
        self.timestamps.push(timestamp);
        self.values.push(value);
        self.is_int.push(is_int);
    }

    /// The series key `name{k="v",...}`, as Prometheus prints it.
    pub fn key(&self) -> String {
        let labels: Vec<String> = self
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v:?}"))
            .collect();
        format!("{}{{{}}}", self.name, labels.join(","))
    }

    /// Checks the invariants every rung relies on.
    pub fn validate(&self) -> Result<()> {
        let n = self.timestamps.len();
        if self.values.len() != n || self.is_int.len() != n {
            return Err(Error::Invalid(format!(
                "series {}: {} timestamps, {} values, {} integer tags",
                self.key(),
                n,
                self.values.len(),
                self.is_int.len()
            )));
        }
        for w in self.labels.windows(2) {
            if w[0].0 >= w[1].0 {
                return Err(Error::Invalid(format!(
                    "series {}: labels not sorted or key {:?} repeated",
                    self.key(),
                    w[1].0
                )));
            }
        }
        if let Some(i) = (0..n).find(|&i| self.is_int[i] && !is_integral(self.values[i])) {
            return Err(Error::Invalid(format!(
                "series {}: point {i} is tagged integer but its value {} is not",
                self.key(),
                self.values[i]
            )));
        }
        Ok(())
    }

    /// Bit-exact equality: value bits, integer tags, names, labels, timestamps.
    pub fn bit_eq(&self, other: &Series) -> std::result::Result<(), String> {
        if self.name != other.name {
            return Err(format!("name {:?} != {:?}", self.name, other.name));
        }
        if self.labels != other.labels {
            return Err(format!("labels of {} differ", self.key()));
        }
        if self.len() != other.len() {
            return Err(format!(
                "{}: {} points != {}",
                self.key(),
                self.len(),
                other.len()
            ));
        }
        for i in 0..self.len() {
            if self.timestamps[i] != other.timestamps[i] {
                return Err(format!(
                    "{}: timestamp {i}: {} != {}",
                    self.key(),
                    self.timestamps[i],
                    other.timestamps[i]
                ));
            }
            if self.values[i].to_bits() != other.values[i].to_bits() {
                return Err(format!(
                    "{}: value {i}: {:#018x} != {:#018x}",
                    self.key(),
                    self.values[i].to_bits(),
                    other.values[i].to_bits()
                ));
            }
            if self.is_int[i] != other.is_int[i] {
                return Err(format!("{}: integer tag {i} differs", self.key()));
            }
        }
        Ok(())
    }
}

impl Dataset {
    /// Total number of points.
    pub fn points(&self) -> usize {
        self.series.iter().map(Series::len).sum()
    }

    /// Checks every series' invariants.
    pub fn validate(&self) -> Result<()> {
        self.series.iter().try_for_each(Series::validate)
    }

    /// Bit-exact equality of two data sets; the error names the first difference.
    pub fn bit_eq(&self, other: &Dataset) -> std::result::Result<(), String> {
        if self.series.len() != other.series.len() {
            return Err(format!(
                "{} series != {}",
                self.series.len(),
                other.series.len()
            ));
        }
        for (i, (a, b)) in self.series.iter().zip(&other.series).enumerate() {
            a.bit_eq(b).map_err(|e| format!("series {i}: {e}"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_excludes_negative_zero_nan_and_out_of_range() {
        assert!(is_integral(5.0));
        assert!(is_integral(0.0));
        assert!(!is_integral(-0.0));
        assert!(!is_integral(0.5));
        assert!(!is_integral(f64::NAN));
        assert!(!is_integral(f64::INFINITY));
        assert!(!is_integral(9.3e18));
        assert!(is_integral(i64::MIN as f64));
    }

    #[test]
    fn validate_rejects_mismatches_and_bad_tags() {
        let mut s = Series::new(
            "m",
            vec![("b".into(), "1".into()), ("a".into(), "2".into())],
        );
        assert_eq!(s.labels[0].0, "a");
        s.push(1, 1.5, false);
        assert!(s.validate().is_ok());
        s.is_int[0] = true;
        assert!(s.validate().is_err());
        s.is_int.push(false);
        assert!(s.validate().is_err());
    }

    #[test]
    fn bit_eq_sees_value_bits() {
        let mut a = Series::new("m", vec![]);
        a.push(1, 0.0, false);
        let mut b = a.clone();
        assert!(a.bit_eq(&b).is_ok());
        b.values[0] = -0.0;
        assert!(a.bit_eq(&b).is_err());
    }
}
