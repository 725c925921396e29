//! LEB128 varints and zigzag mapping: small magnitudes, few bytes. Used for deltas, lengths and ids.

/// Maps a signed integer to an unsigned one so that small magnitudes stay small (0,-1,1,-2 → 0,1,2,3).
pub fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

/// Inverse of [`zigzag`].
pub fn unzigzag(u: u64) -> i64 {
    ((u >> 1) as i64) ^ -((u & 1) as i64)
}

/// Appends `v` as an unsigned LEB128 varint (1 to 10 bytes).
pub fn put_u64(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends `v` zigzag-mapped as a varint.
pub fn put_i64(out: &mut Vec<u8>, v: i64) {
    put_u64(out, zigzag(v));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::bytes::Reader;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn varint_round_trips(vals in proptest::collection::vec(any::<i64>(), 0..100)) {
            let mut out = Vec::new();
            for &v in &vals { put_i64(&mut out, v); }
            let mut r = Reader::new(&out, "test");
            for &v in &vals { prop_assert_eq!(r.i64_var().expect("decodes"), v); }
            prop_assert!(r.is_empty());
        }
    }

    #[test]
    fn zigzag_is_small_for_small() {
        assert_eq!(zigzag(0), 0);
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
        assert_eq!(unzigzag(zigzag(i64::MIN)), i64::MIN);
        assert_eq!(unzigzag(zigzag(i64::MAX)), i64::MAX);
    }

    #[test]
    fn overlong_and_truncated_varints_are_errors() {
        let mut r = Reader::new(&[0xff; 11], "test");
        assert!(r.u64_var().is_err());
        let mut r = Reader::new(&[0x80], "test");
        assert!(r.u64_var().is_err());
    }
}
