//! Values: per column the cheapest exact transform, per metric the cheapest blob layout.
//!
//! - **Constant** columns (every value bit-identical) are 8 bytes, no blob (pco spends ≥ 28 B).
//! - Other columns are grouped into one *pool* per metric name (the same metric across hosts or
//!   files). A column is coded as raw **f64** or, when [`scale::find`] finds an exponent, as exact
//!   **decimal** integers `k / 10^e` with exceptions; integers are decimals with `e = 0`.
//! - Per pool the encoder measures two layouts and keeps the smaller: one blob per column (each
//!   the smaller of f64 and decimal, measured), and all columns in one pco chunk per numeric type
//!   with the same per-column choice (decimal columns pooled as i64, the rest as f64). Pooling
//!   wins when series are short, since pco's per-blob overhead (≥ 27 B) then dominates. That is
//!   three pco passes over a decimal column, two over an f64 one. Pools of short columns (mean
//!   < 256 points) skip the per-column layout and compare pooled-decimal with pooled-f64.
//!
//! Side stream: per non-empty series `u8 class` (0 constant + 8 bytes of bits, 1 pooled); per pool
//! (in order of first appearance) `u8 layout` (0 pooled, 1 per column), per member a transform
//! (`0` f64; `1` decimal: `u8 e`, `varint exceptions`, per exception `varint position gap` +
//! 8 bytes of bits), then the blob lengths (pooled: i64 blob if any decimal member, then f64 blob
//! if any f64 member; per column: one per member). Blobs follow in the same order.

use std::collections::HashMap;

use super::pco_col;
use super::scale::{self, Scaled};
use super::Tuning;
use crate::encoding::bytes::Reader;
use crate::encoding::varint::put_u64;
use crate::error::Result;
use crate::model::Series;

const CONST: u8 = 0;
const POOLED_CLASS: u8 = 1;
const LAYOUT_POOLED: u8 = 0;
const LAYOUT_PER_COLUMN: u8 = 1;
const XF_F64: u8 = 0;
const XF_DEC: u8 = 1;

/// Below this mean column length a pool is always pooled: per-column blobs (≥ 27 B each) cannot
/// win there, so the encoder only measures pooled-decimal against pooled-f64 (two pco calls per
/// pool instead of two per column). On the real excerpts (~69 points per series) per-column never
/// won in any pool.
const SHORT: usize = 256;

/// The encoded values: the side stream and the blobs.
pub struct Encoded {
    /// Descriptors (goes into a section).
    pub side: Vec<u8>,
    /// The pco blobs, in reading order.
    pub blobs: Vec<u8>,
}

/// A column and, if it has one, its exact decimal form.
struct Col<'a> {
    values: &'a [f64],
    dec: Option<Scaled>,
}

fn put_xf(side: &mut Vec<u8>, dec: Option<&Scaled>) {
    match dec {
        None => side.push(XF_F64),
        Some(s) => {
            side.push(XF_DEC);
            side.push(s.e);
            put_u64(side, s.exceptions.len() as u64);
            let mut last = 0usize;
            for &(i, bits) in &s.exceptions {
                put_u64(side, (i - last) as u64);
                side.extend_from_slice(&bits.to_le_bytes());
                last = i;
            }
        }
    }
}

/// One candidate layout of a pool: its side records and blobs.
struct Layout {
    side: Vec<u8>,
    blobs: Vec<u8>,
}

impl Layout {
    fn cost(&self) -> usize {
        self.side.len() + self.blobs.len()
    }
}

/// Decimal integers, with the delta order chosen by [`pco_col::delta_order`].
fn compress_ks(ks: &[i64]) -> Result<Vec<u8>> {
    pco_col::compress_i64_with_order(ks, pco_col::delta_order(ks))
}

/// True when a decimal column needs no f64 trial: no exceptions, and not integers sharing a
/// power-of-two factor ≥ 256 (memory in 4096-byte pages), where pco's f64 `FloatQuant` mode beats
/// i64 (real day excerpt: +0.3 % if never tried). Skipping the f64 trial halves encode time on
/// decimal data; on synthetic small the f64 trial never won once the delta order was chosen.
fn clearly_decimal(s: &Scaled) -> bool {
    let or = s.ks.iter().fold(0i64, |a, &k| a | k);
    s.exceptions.is_empty() && !(s.e == 0 && or != 0 && or.trailing_zeros() >= 8)
}

/// One blob per column, each the smaller of f64 and decimal; also returns which columns chose
/// decimal, so the pooled layout can reuse the choice instead of trying every mix.
fn per_column(cols: &[Col]) -> Result<(Layout, Vec<bool>)> {
    let mut side = vec![LAYOUT_PER_COLUMN];
    let mut lens = Vec::new();
    let mut blobs = Vec::new();
    let mut chose_dec = Vec::with_capacity(cols.len());
    for c in cols {
        if let Some(s) = c.dec.as_ref().filter(|s| clearly_decimal(s)) {
            let blob = compress_ks(&s.ks)?;
            put_xf(&mut side, Some(s));
            chose_dec.push(true);
            put_u64(&mut lens, blob.len() as u64);
            blobs.extend_from_slice(&blob);
            continue;
        }
        let f = pco_col::compress(c.values)?;
        let d = match &c.dec {
            Some(s) => Some((compress_ks(&s.ks)?, s)),
            None => None,
        };
        let (blob, dec) = match d {
            Some((b, s)) if b.len() + 10 * s.exceptions.len() < f.len() => (b, Some(s)),
            _ => (f, None),
        };
        put_xf(&mut side, dec);
        chose_dec.push(dec.is_some());
        put_u64(&mut lens, blob.len() as u64);
        blobs.extend_from_slice(&blob);
    }
    side.extend_from_slice(&lens);
    Ok((Layout { side, blobs }, chose_dec))
}

/// All columns in one pco chunk per numeric type: the columns flagged in `use_dec` as decimal
/// integers (i64), the rest as f64.
fn pooled(cols: &[Col], use_dec: &[bool]) -> Result<Layout> {
    let mut side = vec![LAYOUT_POOLED];
    let (mut ks, mut fs) = (Vec::new(), Vec::new());
    let (mut any_dec, mut any_f64) = (false, false);
    for (c, &want) in cols.iter().zip(use_dec) {
        match (&c.dec, want) {
            (Some(s), true) => {
                put_xf(&mut side, Some(s));
                ks.extend_from_slice(&s.ks);
                any_dec = true;
            }
            _ => {
                put_xf(&mut side, None);
                fs.extend_from_slice(c.values);
                any_f64 = true;
            }
        }
    }
    let mut blobs = Vec::new();
    if any_dec {
        let b = compress_ks(&ks)?;
        put_u64(&mut side, b.len() as u64);
        blobs.extend_from_slice(&b);
    }
    if any_f64 {
        let b = pco_col::compress(&fs)?;
        put_u64(&mut side, b.len() as u64);
        blobs.extend_from_slice(&b);
    }
    Ok(Layout { side, blobs })
}

/// Encodes the values of all series, using the ideas `tuning` enables.
pub fn encode(series: &[Series], tuning: &Tuning) -> Result<Encoded> {
    let mut side = Vec::new();
    let mut pools: Vec<Vec<Col>> = Vec::new();
    let mut pool_of: HashMap<&str, usize> = HashMap::new();
    for s in series {
        let Some(first) = s.values.first() else {
            continue;
        };
        if tuning.constants && s.values.iter().all(|v| v.to_bits() == first.to_bits()) {
            side.push(CONST);
            side.extend_from_slice(&first.to_bits().to_le_bytes());
            continue;
        }
        side.push(POOLED_CLASS);
        let p = *pool_of.entry(s.name.as_str()).or_insert_with(|| {
            pools.push(Vec::new());
            pools.len() - 1
        });
        pools[p].push(Col {
            values: &s.values,
            dec: if tuning.decimal {
                scale::find(&s.values)
            } else {
                None
            },
        });
    }
    let mut blobs = Vec::new();
    for cols in &pools {
        let short = cols.iter().map(|c| c.values.len()).sum::<usize>() < SHORT * cols.len();
        let best = if tuning.pool && cols.len() > 1 && short {
            let found: Vec<bool> = cols.iter().map(|c| c.dec.is_some()).collect();
            let mut best = pooled(cols, &found)?;
            if found.iter().any(|&d| d) {
                let f = pooled(cols, &vec![false; cols.len()])?;
                if f.cost() < best.cost() {
                    best = f;
                }
            }
            best
        } else {
            let (mut best, chose_dec) = per_column(cols)?;
            if tuning.pool && cols.len() > 1 {
                let p = pooled(cols, &chose_dec)?;
                if p.cost() < best.cost() {
                    best = p;
                }
            }
            best
        };
        side.extend_from_slice(&best.side);
        blobs.extend_from_slice(&best.blobs);
    }
    Ok(Encoded { side, blobs })
}

/// A decoded member transform.
enum Xf {
    F64,
    Dec(u8, Vec<(usize, u64)>),
}

fn get_xf(r: &mut Reader, n: usize) -> Result<Xf> {
    match r.u8()? {
        XF_F64 => Ok(Xf::F64),
        XF_DEC => {
            let e = r.u8()?;
            if e > scale::MAX_E {
                return Err(r.err(format!("decimal exponent {e} too large")));
            }
            let ne = r.len_var(n, "exception count")?;
            let mut exc = Vec::with_capacity(ne);
            let mut pos = 0usize;
            for i in 0..ne {
                let gap = r.len_var(n, "exception position")?;
                if i > 0 && gap == 0 {
                    return Err(r.err("exception positions not ascending"));
                }
                pos += gap;
                if pos >= n {
                    return Err(r.err("exception position out of range"));
                }
                exc.push((pos, r.u64()?));
            }
            Ok(Xf::Dec(e, exc))
        }
        k => Err(r.err(format!("unknown value transform {k}"))),
    }
}

fn apply(xf: &Xf, ks: &[i64]) -> Vec<f64> {
    match xf {
        Xf::F64 => Vec::new(),
        Xf::Dec(e, exc) => {
            let mut out: Vec<f64> = ks.iter().map(|&k| scale::unscale(k, *e)).collect();
            for &(i, bits) in exc {
                if let Some(o) = out.get_mut(i) {
                    *o = f64::from_bits(bits);
                }
            }
            out
        }
    }
}

/// Decodes the values of series named `names` with point counts `ns`.
pub fn decode(
    side: &mut Reader,
    blobs: &mut Reader,
    names: &[&str],
    ns: &[usize],
) -> Result<Vec<Vec<f64>>> {
    let mut out: Vec<Vec<f64>> = vec![Vec::new(); ns.len()];
    let mut pools: Vec<Vec<usize>> = Vec::new();
    let mut pool_of: HashMap<&str, usize> = HashMap::new();
    for (i, &n) in ns.iter().enumerate() {
        if n == 0 {
            continue;
        }
        match side.u8()? {
            CONST => out[i] = vec![f64::from_bits(side.u64()?); n],
            POOLED_CLASS => {
                let p = *pool_of.entry(names[i]).or_insert_with(|| {
                    pools.push(Vec::new());
                    pools.len() - 1
                });
                pools[p].push(i);
            }
            c => return Err(side.err(format!("unknown value class {c}"))),
        }
    }
    let fmt = super::FORMAT;
    for members in &pools {
        let layout = side.u8()?;
        let xfs: Vec<Xf> = members
            .iter()
            .map(|&i| get_xf(side, ns[i]))
            .collect::<Result<_>>()?;
        match layout {
            LAYOUT_PER_COLUMN => {
                for (&i, xf) in members.iter().zip(&xfs) {
                    let len = side.len_var(blobs.remaining(), "value blob length")?;
                    let b = blobs.take(len)?;
                    out[i] = match xf {
                        Xf::F64 => pco_col::decompress_exact(b, ns[i], fmt)?,
                        Xf::Dec(..) => apply(xf, &pco_col::decompress_exact(b, ns[i], fmt)?),
                    };
                }
            }
            LAYOUT_POOLED => {
                let is_dec = |x: &Xf| matches!(x, Xf::Dec(..));
                let total = |dec: bool| -> usize {
                    members
                        .iter()
                        .zip(&xfs)
                        .filter(|(_, x)| is_dec(x) == dec)
                        .map(|(&i, _)| ns[i])
                        .sum()
                };
                let (nk, nf) = (total(true), total(false));
                let mut ks: Vec<i64> = Vec::new();
                let mut fs: Vec<f64> = Vec::new();
                if xfs.iter().any(is_dec) {
                    let len = side.len_var(blobs.remaining(), "pooled i64 blob length")?;
                    ks = pco_col::decompress_exact(blobs.take(len)?, nk, fmt)?;
                }
                if xfs.iter().any(|x| !is_dec(x)) {
                    let len = side.len_var(blobs.remaining(), "pooled f64 blob length")?;
                    fs = pco_col::decompress_exact(blobs.take(len)?, nf, fmt)?;
                }
                let (mut ak, mut af) = (0, 0);
                for (&i, xf) in members.iter().zip(&xfs) {
                    let n = ns[i];
                    out[i] = match xf {
                        Xf::F64 => {
                            af += n;
                            fs[af - n..af].to_vec()
                        }
                        Xf::Dec(..) => {
                            ak += n;
                            apply(xf, &ks[ak - n..ak])
                        }
                    };
                }
            }
            l => return Err(side.err(format!("unknown pool layout {l}"))),
        }
    }
    Ok(out)
}
