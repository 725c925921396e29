//! Allocation limits for decoding untrusted bytes.
//!
//! Rung 8 can describe many points in few bytes (a regular timestamp column is 3 varints, a
//! constant series 8 bytes), so point counts cannot be checked against the bytes left. Instead a
//! decoder accepts at most [`max_points`] points and [`max_section`] bytes per side section,
//! both growing with the input length (65,536 points per input byte, at least 2^20, never more
//! than 2^28): a 100-byte hostile input can declare at most 6.5 M points (about 110 MB decoded). A genuine encoding
//! always fits: the encoder refuses data sets that would not.

/// The largest point count a decode of `input_len` bytes may produce.
pub fn max_points(input_len: usize) -> usize {
    input_len.saturating_mul(1 << 16).clamp(1 << 20, 1 << 28)
}

/// The largest decompressed side section a decode of `input_len` bytes may produce.
pub fn max_section(input_len: usize) -> usize {
    input_len.saturating_mul(1 << 10).clamp(1 << 20, 1 << 30)
}
