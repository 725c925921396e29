//! The seeded random source. Every series draws from its own stream, derived from the run's seed
//! and the series' position, so any series can be regenerated alone (the `huge` scale streams and
//! verifies series by series, in parallel) and the data does not depend on generation order.
//!
//! Portability: PCG64-MCG (`rand_pcg`) is a documented, platform-independent algorithm, and the
//! transcendental functions come from `libm` (pure Rust) rather than the platform's C library, so
//! the same seed gives byte-identical data natively and in wasm. The normal draw is Box–Muller over
//! `libm` for the same reason (a library sampler may call the platform's `ln`/`exp`).

use rand::RngExt;
use rand_pcg::Pcg64Mcg;

/// A reproducible random stream.
pub struct Rng(Pcg64Mcg);

/// SplitMix64 finaliser: spreads (seed, stream) pairs into well-mixed 64-bit states.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    /// The stream numbered `stream` of the run seeded with `seed`.
    pub fn new(seed: u64, stream: u64) -> Self {
        let hi = mix(seed ^ mix(stream));
        let lo = mix(hi ^ stream.rotate_left(17) ^ 0x5eed);
        Rng(Pcg64Mcg::new((u128::from(hi) << 64) | u128::from(lo | 1)))
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    /// Uniform in `[lo, hi)`.
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform integer in `lo..=hi`.
    pub fn int(&mut self, lo: i64, hi: i64) -> i64 {
        self.0.random_range(lo..=hi)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One of `items`, uniformly.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        // sampled as u32 so wasm32 and 64-bit targets draw the same stream
        &items[self.0.random_range(0..items.len() as u32) as usize]
    }

    /// Standard normal N(0, 1), Box–Muller over `libm`.
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit(); // (0, 1]
        let u2 = self.unit();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(std::f64::consts::TAU * u2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<f64> = (0..5)
            .map({
                let mut r = Rng::new(42, 7);
                move |_| r.unit()
            })
            .collect();
        let b: Vec<f64> = (0..5)
            .map({
                let mut r = Rng::new(42, 7);
                move |_| r.unit()
            })
            .collect();
        let c: Vec<f64> = (0..5)
            .map({
                let mut r = Rng::new(42, 8);
                move |_| r.unit()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn normal_has_unit_moments() {
        let mut r = Rng::new(1, 1);
        let xs: Vec<f64> = (0..20_000).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((var - 1.0).abs() < 0.05, "variance {var}");
    }
}
