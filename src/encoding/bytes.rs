//! A bounds-checked reader over untrusted bytes. Every decoder reads through it, so truncated or
//! hostile input becomes an [`Error::Corrupt`] naming the format and byte offset, never a panic or
//! an unbounded allocation.

use crate::error::{Error, Result};

/// Cursor over a byte slice; each read checks bounds first.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    format: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader over `buf`; errors name `format`.
    pub fn new(buf: &'a [u8], format: &'static str) -> Self {
        Reader {
            buf,
            pos: 0,
            format,
        }
    }

    /// Current byte offset.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Bytes not yet read.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// True when every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// An error at the current offset.
    pub fn err(&self, detail: impl Into<String>) -> Error {
        Error::corrupt_at(self.format, self.pos, detail)
    }

    /// Takes the next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.remaining() < n {
            return Err(self.err(format!(
                "truncated: need {n} bytes, {} left",
                self.remaining()
            )));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// Everything not yet read.
    pub fn rest(&mut self) -> &'a [u8] {
        let s = &self.buf[self.pos..];
        self.pos = self.buf.len();
        s
    }

    /// One byte.
    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    /// Little-endian u16.
    pub fn u16(&mut self) -> Result<u16> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    /// Little-endian u32.
    pub fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Little-endian u64.
    pub fn u64(&mut self) -> Result<u64> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }

    /// Little-endian i64.
    pub fn i64(&mut self) -> Result<i64> {
        Ok(self.u64()? as i64)
    }

    /// Little-endian f64 (bit-exact).
    pub fn f64(&mut self) -> Result<f64> {
        Ok(f64::from_bits(self.u64()?))
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    pub fn u64_var(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for i in 0..10 {
            let b = self.u8()?;
            if i == 9 && b > 1 {
                return Err(self.err("varint overflows 64 bits"));
            }
            v |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("varint longer than 10 bytes"))
    }

    /// A zigzag varint.
    pub fn i64_var(&mut self) -> Result<i64> {
        Ok(super::varint::unzigzag(self.u64_var()?))
    }

    /// A length or count that must not exceed `max` (guards allocations on hostile input).
    pub fn len_var(&mut self, max: usize, what: &str) -> Result<usize> {
        let at = self.pos;
        let v = self.u64_var()?;
        if v > max as u64 {
            return Err(Error::corrupt_at(
                self.format,
                at,
                format!("{what} {v} exceeds the limit {max}"),
            ));
        }
        Ok(v as usize)
    }

    /// A varint-length-prefixed UTF-8 string.
    pub fn string(&mut self) -> Result<String> {
        let n = self.len_var(self.remaining(), "string length")?;
        let at = self.pos;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec())
            .map_err(|_| Error::corrupt_at(self.format, at, "string is not UTF-8"))
    }
}
