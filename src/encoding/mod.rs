//! Byte-level building blocks shared by the rungs: the one zstd wrapper, LEB128/zigzag varints and
//! a bounds-checked reader for untrusted bytes.

pub mod bits;
pub mod bytes;
pub mod varint;
pub mod zstd;
