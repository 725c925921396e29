//! Bit-level I/O for the bit-packed codecs (Gorilla XOR values, bucketed delta-of-deltas).
//!
//! Bits are written most-significant first into bytes, the last byte padded with zero bits. The
//! reader is bounds-checked like [`crate::encoding::bytes::Reader`]: reading past the end is an
//! [`Error::Corrupt`] naming the format and byte offset, never a panic, and [`BitReader::finish`]
//! rejects trailing bytes or non-zero padding, so every valid stream has exactly one encoding.

use crate::error::{Error, Result};

/// Appends bit fields (MSB first) to a byte buffer.
#[derive(Debug, Default, Clone)]
pub struct BitWriter {
    bytes: Vec<u8>,
    /// Pending bits, right-aligned; fewer than 8 between calls.
    acc: u64,
    pending: u32,
}

impl BitWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes the low `bits` bits of `value` (0 ≤ `bits` ≤ 64), most significant first.
    pub fn write(&mut self, value: u64, bits: u32) {
        debug_assert!(bits <= 64, "at most 64 bits per write");
        if bits > 56 {
            self.write(value >> 32, bits - 32);
            self.write(value & 0xffff_ffff, 32);
            return;
        }
        if bits == 0 {
            return;
        }
        let masked = value & ((1u64 << bits) - 1);
        self.acc = (self.acc << bits) | masked;
        self.pending += bits;
        while self.pending >= 8 {
            self.pending -= 8;
            self.bytes.push((self.acc >> self.pending) as u8);
        }
        self.acc &= (1u64 << self.pending) - 1;
    }

    /// Writes one bit.
    pub fn bit(&mut self, b: bool) {
        self.write(u64::from(b), 1);
    }

    /// Number of bits written so far.
    pub fn bit_len(&self) -> usize {
        self.bytes.len() * 8 + self.pending as usize
    }

    /// The bytes, the last one padded with zero bits.
    pub fn finish(mut self) -> Vec<u8> {
        if self.pending > 0 {
            self.bytes.push((self.acc << (8 - self.pending)) as u8);
        }
        self.bytes
    }
}

/// Reads bit fields (MSB first) from untrusted bytes; every read is bounds-checked.
#[derive(Debug, Clone)]
pub struct BitReader<'a> {
    buf: &'a [u8],
    /// Position in bits.
    pos: usize,
    format: &'static str,
}

impl<'a> BitReader<'a> {
    /// A reader over `buf`; errors name `format`.
    pub fn new(buf: &'a [u8], format: &'static str) -> Self {
        BitReader {
            buf,
            pos: 0,
            format,
        }
    }

    /// Bits not yet read (padding included).
    pub fn remaining_bits(&self) -> usize {
        self.buf.len() * 8 - self.pos
    }

    /// An error at the current byte offset.
    pub fn err(&self, detail: impl Into<String>) -> Error {
        Error::corrupt_at(self.format, self.pos / 8, detail)
    }

    /// Reads `bits` bits (0 ≤ `bits` ≤ 64) as an unsigned integer.
    pub fn read(&mut self, bits: u32) -> Result<u64> {
        if bits > 64 {
            return Err(self.err(format!("a field of {bits} bits is wider than 64")));
        }
        if bits > 56 {
            let hi = self.read(bits - 32)?;
            let lo = self.read(32)?;
            return Ok((hi << 32) | lo);
        }
        if bits == 0 {
            return Ok(0);
        }
        if (bits as usize) > self.remaining_bits() {
            return Err(self.err(format!(
                "truncated: need {bits} bits, {} left",
                self.remaining_bits()
            )));
        }
        let start = self.pos / 8;
        let mut word = [0u8; 8];
        let end = (start + 8).min(self.buf.len());
        word[..end - start].copy_from_slice(&self.buf[start..end]);
        let word = u64::from_be_bytes(word) << (self.pos % 8);
        self.pos += bits as usize;
        Ok(word >> (64 - bits))
    }

    /// Reads one bit.
    pub fn bit(&mut self) -> Result<bool> {
        Ok(self.read(1)? == 1)
    }

    /// Checks that only zero padding (fewer than 8 bits) is left.
    pub fn finish(mut self) -> Result<()> {
        let left = self.remaining_bits();
        if left >= 8 {
            return Err(self.err(format!("{} trailing bytes", left / 8)));
        }
        let pad = self.read(left as u32)?;
        if pad != 0 {
            return Err(self.err("non-zero padding bits"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fields_round_trip(fields in proptest::collection::vec((any::<u64>(), 0u32..=64), 0..200)) {
            let mut w = BitWriter::new();
            for &(v, b) in &fields { w.write(v, b); }
            let total: usize = fields.iter().map(|&(_, b)| b as usize).sum();
            prop_assert_eq!(w.bit_len(), total);
            let bytes = w.finish();
            prop_assert_eq!(bytes.len(), total.div_ceil(8));
            let mut r = BitReader::new(&bytes, "test");
            for &(v, b) in &fields {
                let mask = if b == 64 { u64::MAX } else { (1u64 << b) - 1 };
                prop_assert_eq!(r.read(b).expect("in bounds"), v & mask);
            }
            prop_assert!(r.finish().is_ok());
        }
    }

    #[test]
    fn msb_first_layout_and_padding() {
        let mut w = BitWriter::new();
        w.bit(true);
        w.write(0b01, 2);
        assert_eq!(w.finish(), vec![0b1010_0000]);
    }

    #[test]
    fn reads_past_the_end_are_errors() {
        let mut r = BitReader::new(&[0xff], "test");
        assert_eq!(r.read(3).expect("ok"), 0b111);
        assert!(r.read(6).is_err());
        assert!(r.read(65).is_err());
        let mut r = BitReader::new(&[], "test");
        assert!(r.bit().is_err());
        assert_eq!(r.read(0).expect("zero bits"), 0);
    }

    #[test]
    fn finish_rejects_trailing_bytes_and_dirty_padding() {
        let r = BitReader::new(&[0, 0], "test");
        assert!(r.finish().is_err());
        let mut r = BitReader::new(&[0b1000_0001], "test");
        assert!(r.bit().expect("ok"));
        assert!(r.finish().is_err());
        let mut r = BitReader::new(&[0b1000_0000], "test");
        assert!(r.bit().expect("ok"));
        assert!(r.finish().is_ok());
    }
}
