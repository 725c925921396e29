//! Where chunks come from. A [`ChunkSource`] cuts a data set into an ordered list of chunks, each a
//! small [`Dataset`] of whole series, that can be produced independently, on any thread, any number
//! of times, always identically. The streaming driver asks for each chunk exactly once.
//!
//! - [`GeneratedSource`]: the seeded generators; chunk `i` is series `i*k .. (i+1)*k`, made with
//!   [`generate::series`], so nothing but the chunk is ever in memory.
//! - [`FnSource`]: any closure `index -> Result<Dataset>`; real data plugs in here, one file = one
//!   chunk: `FnSource::new(files.len(), None, |i| parse(&files[i]))` (or a type implementing
//!   [`ChunkSource`]), passed to `driver::run` instead of a [`GeneratedSource`]. Series must not
//!   span chunks (each chunk is encoded on its own); the verification re-reads nothing, because the
//!   chunk the driver verifies against *is* the parsed file.

use crate::error::Result;
use crate::generate::{self, Generator, Size};
use crate::model::Dataset;

/// Series per chunk for generated data: 100 series = 1M points at the `huge` scale (10,000 points
/// per series), about 17 MB of input. A constant, independent of the thread count, so the chunk
/// boundaries (and therefore every output byte) are the same on every machine.
pub const CHUNK_SERIES: usize = 100;

/// An ordered, re-playable list of chunks.
pub trait ChunkSource: Sync {
    /// Number of chunks.
    fn chunks(&self) -> usize;
    /// Chunk `index` (`0..chunks()`). Must be deterministic: the same index, the same data.
    fn chunk(&self, index: usize) -> Result<Dataset>;
    /// Total points, if known in advance (for progress and ETA).
    fn points_hint(&self) -> Option<u64> {
        None
    }
}

/// The seeded generators, cut into chunks of `chunk_series` series.
#[derive(Debug, Clone, Copy)]
pub struct GeneratedSource {
    /// Which generator.
    pub generator: Generator,
    /// Which scale.
    pub size: Size,
    /// The seed.
    pub seed: u64,
    /// Series per chunk (≥ 1; normally [`CHUNK_SERIES`]).
    pub chunk_series: usize,
}

impl GeneratedSource {
    /// The data set `(generator, size, seed)` in chunks of [`CHUNK_SERIES`] series.
    pub fn new(generator: Generator, size: Size, seed: u64) -> Self {
        GeneratedSource {
            generator,
            size,
            seed,
            chunk_series: CHUNK_SERIES,
        }
    }

    /// The series indices of chunk `index`.
    pub fn range(&self, index: usize) -> std::ops::Range<usize> {
        let k = self.chunk_series.max(1);
        let start = (index * k).min(self.size.series());
        start..(start + k).min(self.size.series())
    }
}

impl ChunkSource for GeneratedSource {
    fn chunks(&self) -> usize {
        self.size.series().div_ceil(self.chunk_series.max(1))
    }

    fn chunk(&self, index: usize) -> Result<Dataset> {
        let series = self
            .range(index)
            .map(|i| generate::series(self.generator, self.size, self.seed, i))
            .collect();
        Ok(Dataset { series })
    }

    fn points_hint(&self) -> Option<u64> {
        Some(self.size.points() as u64)
    }
}

/// A source made of a closure: chunk `i` is `make(i)`. Real data: one file per chunk.
pub struct FnSource<F> {
    count: usize,
    points: Option<u64>,
    make: F,
}

impl<F: Fn(usize) -> Result<Dataset> + Sync> FnSource<F> {
    /// `count` chunks made by `make`, `points` in total if known.
    pub fn new(count: usize, points: Option<u64>, make: F) -> Self {
        FnSource {
            count,
            points,
            make,
        }
    }
}

impl<F: Fn(usize) -> Result<Dataset> + Sync> ChunkSource for FnSource<F> {
    fn chunks(&self) -> usize {
        self.count
    }
    fn chunk(&self, index: usize) -> Result<Dataset> {
        (self.make)(index)
    }
    fn points_hint(&self) -> Option<u64> {
        self.points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_series_once_in_order() {
        let mut src = GeneratedSource::new(Generator::Synthetic, Size::Small, 7);
        src.chunk_series = 7;
        assert_eq!(src.chunks(), 8); // 50 series: 7 x 7 + 1
        let all: Vec<_> = (0..src.chunks())
            .flat_map(|i| src.chunk(i).expect("chunk").series)
            .collect();
        let whole = generate::generate(Generator::Synthetic, Size::Small, 7);
        assert_eq!(Dataset { series: all }.bit_eq(&whole), Ok(()));
        assert_eq!(src.range(7), 49..50);
    }
}
