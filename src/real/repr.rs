//! Number text as the Westermo files write it: Python's `repr` of a float (the shortest text that
//! parses back to the same double, `12345.6`, `0.0`, `1e-05`) or a plain integer.
//!
//! The parser uses [`is_int_literal`] to set the integer tag, and [`python_repr`] to count values
//! whose text is not in this canonical form (none in the real excerpts). Rust's own `{}` differs
//! from Python for exponents (`{}` never writes one; `{:?}` writes `1e-5`, Python `1e-05`), so
//! the exponent form is rebuilt here from Rust's shortest-digits `{:e}`.

/// Whether `text` is an integer literal: an optional sign and at least one ASCII digit, nothing
/// else (no `.`, no exponent).
pub fn is_int_literal(text: &[u8]) -> bool {
    let digits = match text.first() {
        Some(b'+' | b'-') => &text[1..],
        _ => text,
    };
    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
}

/// Python's `repr(float(v))`: shortest round-trip digits; fixed notation when the decimal
/// exponent is in `-4..16` (always with a `.`), else `d.ddde±XX` with at least two exponent
/// digits. `nan`, `inf`, `-inf`, `-0.0` as Python writes them.
pub fn python_repr(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.into();
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let e = format!("{:e}", v.abs());
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    let sign = if v < 0.0 { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        let body = if point <= 0 {
            format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
        } else {
            let p = point as usize;
            if p >= digits.len() {
                format!("{digits}{}.0", "0".repeat(p - digits.len()))
            } else {
                format!("{}.{}", &digits[..p], &digits[p..])
            }
        };
        format!("{sign}{body}")
    } else {
        let m = if digits.len() == 1 {
            digits
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        let es = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{es}{:02}", exp.unsigned_abs())
    }
}

/// The canonical text of a parsed value: the integer for integer-tagged values, else
/// [`python_repr`].
pub fn canonical_text(v: f64, is_int: bool) -> String {
    if is_int {
        format!("{}", v as i64)
    } else {
        python_repr(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_python_repr() {
        // Expected strings are what CPython 3 prints for repr(float(x)). The values are made up in
        // the data set's shapes: k x 204.8 byte rates, 16-digit float noise, 4096-byte pages.
        let cases: [(f64, &str); 16] = [
            (12345.6, "12345.6"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (4710.400000000001, "4710.400000000001"),
            (0.0123000000000217, "0.0123000000000217"),
            (6975488.0, "6975488.0"),
            (1e16, "1e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (-2.5e300, "-2.5e+300"),
            (5e-324, "5e-324"),
            (f64::NAN, "nan"),
            (f64::NEG_INFINITY, "-inf"),
            (123.0, "123.0"),
        ];
        for (v, want) in cases {
            assert_eq!(python_repr(v), want);
            if v.is_finite() {
                assert_eq!(want.parse::<f64>().map(f64::to_bits), Ok(v.to_bits()));
            }
        }
    }

    #[test]
    fn int_literals() {
        assert!(is_int_literal(b"16384000000"));
        assert!(is_int_literal(b"-2"));
        assert!(is_int_literal(b"+2"));
        for t in [&b""[..], b"-", b"2.0", b"1e5", b" 2", b"0x1", b"2 "] {
            assert!(!is_int_literal(t), "{t:?}");
        }
        assert_eq!(canonical_text(2.0, true), "2");
        assert_eq!(canonical_text(2.0, false), "2.0");
    }
}
