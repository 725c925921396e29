//! Timestamps: one shared column per *clock*, and the cheapest code for each clock.
//!
//! Series whose timestamp vectors are identical (a synthetic host's ten series; every column of
//! a real CSV file) form one group and store their timestamps once. A group is then either
//! *regular* (`start`, `step`: three varints, any length, wrapping arithmetic so decreasing or
//! identical timestamps work too) or a pco i64 column. The irregular groups' columns are pooled
//! into one pco blob or kept one blob each, whichever is smaller (pco costs ≥ 27 B per blob).
//!
//! Side stream: `varint groups`, per series `varint group id` (ids in order of first use), per
//! group `u8 kind` (0 regular + `start`, `step`; 1 in the pooled blob; 2 own blob + `varint
//! length`), then `varint length` of the pooled blob if any group uses it. Blobs follow the side
//! section in group order (pooled blob last).

use std::collections::HashMap;

use super::{pco_col, Tuning};
use crate::encoding::bytes::Reader;
use crate::encoding::varint::{put_i64, put_u64};
use crate::error::Result;

const REGULAR: u8 = 0;
const POOLED: u8 = 1;
const OWN: u8 = 2;

/// The encoded timestamps: the side stream and the blobs.
pub struct Encoded {
    /// Descriptors (goes into a section).
    pub side: Vec<u8>,
    /// The pco blobs, in reading order.
    pub blobs: Vec<u8>,
}

/// `(start, step)` if `ts` is `start + i·step` (wrapping) for every `i`.
fn regular(ts: &[i64]) -> Option<(i64, i64)> {
    let Some(&start) = ts.first() else {
        return Some((0, 0));
    };
    let step = ts.get(1).map_or(0, |t| t.wrapping_sub(start));
    let mut want = start;
    for &t in ts {
        if t != want {
            return None;
        }
        want = want.wrapping_add(step);
    }
    Some((start, step))
}

/// Encodes the timestamp columns of all series (`cols[i]` is series `i`'s timestamps), using the
/// ideas `tuning` enables.
pub fn encode(cols: &[&[i64]], tuning: &Tuning) -> Result<Encoded> {
    let mut side = Vec::new();
    let mut ids: HashMap<&[i64], usize> = HashMap::new();
    let mut groups: Vec<&[i64]> = Vec::new();
    let assign: Vec<usize> = cols
        .iter()
        .map(|&c| {
            if !tuning.share_clocks {
                groups.push(c);
                return groups.len() - 1;
            }
            *ids.entry(c).or_insert_with(|| {
                groups.push(c);
                groups.len() - 1
            })
        })
        .collect();
    put_u64(&mut side, groups.len() as u64);
    for g in assign {
        put_u64(&mut side, g as u64);
    }
    let regular = |g: &[i64]| regular(g).filter(|_| tuning.regular);
    let irregular: Vec<&[i64]> = groups
        .iter()
        .copied()
        .filter(|g| regular(g).is_none())
        .collect();
    let own: Vec<Vec<u8>> = irregular
        .iter()
        .map(|g| pco_col::compress(g))
        .collect::<Result<_>>()?;
    let pooled = if irregular.len() > 1 {
        Some(pco_col::compress(&irregular.concat())?)
    } else {
        None
    };
    let own_total: usize = own.iter().map(Vec::len).sum();
    let use_pool = tuning.pool && pooled.as_ref().is_some_and(|p| p.len() < own_total);
    let mut blobs = Vec::new();
    let mut own_iter = own.into_iter();
    for g in &groups {
        match regular(g) {
            Some((start, step)) => {
                side.push(REGULAR);
                put_i64(&mut side, start);
                put_i64(&mut side, step);
            }
            None if use_pool => side.push(POOLED),
            None => {
                let b = own_iter.next().unwrap_or_default();
                side.push(OWN);
                put_u64(&mut side, b.len() as u64);
                blobs.extend_from_slice(&b);
            }
        }
    }
    if let (true, Some(p)) = (use_pool, pooled) {
        put_u64(&mut side, p.len() as u64);
        blobs.extend_from_slice(&p);
    }
    Ok(Encoded { side, blobs })
}

/// Decodes the timestamps of series with point counts `ns`, reading descriptors from `side` and
/// blobs from `blobs`.
pub fn decode(side: &mut Reader, blobs: &mut Reader, ns: &[usize]) -> Result<Vec<Vec<i64>>> {
    let ng = side.len_var(ns.len(), "timestamp group count")?;
    let mut group_n: Vec<Option<usize>> = vec![None; ng];
    let mut assign = Vec::with_capacity(ns.len());
    let mut used = 0usize;
    for &n in ns {
        let g = side.len_var(used, "timestamp group id")?;
        if g >= ng {
            return Err(side.err("timestamp group id out of range"));
        }
        if g == used {
            used += 1;
        }
        match group_n[g] {
            None => group_n[g] = Some(n),
            Some(m) if m != n => return Err(side.err("series differs in length from its group")),
            Some(_) => {}
        }
        assign.push(g);
    }
    if used != ng {
        return Err(side.err("a timestamp group is never used"));
    }
    let mut cols: Vec<Vec<i64>> = Vec::with_capacity(ng);
    let mut pooled: Vec<usize> = Vec::new();
    for (g, n) in group_n.iter().enumerate() {
        let n = n.unwrap_or(0);
        match side.u8()? {
            REGULAR => {
                let start = side.i64_var()?;
                let step = side.i64_var()?;
                let mut t = start;
                cols.push(
                    (0..n)
                        .map(|_| {
                            let x = t;
                            t = t.wrapping_add(step);
                            x
                        })
                        .collect(),
                );
            }
            POOLED => {
                pooled.push(g);
                cols.push(Vec::new());
            }
            OWN => {
                let len = side.len_var(blobs.remaining(), "timestamp blob length")?;
                cols.push(pco_col::decompress_exact(
                    blobs.take(len)?,
                    n,
                    super::FORMAT,
                )?);
            }
            k => return Err(side.err(format!("unknown timestamp kind {k}"))),
        }
    }
    if !pooled.is_empty() {
        let len = side.len_var(blobs.remaining(), "pooled timestamp blob length")?;
        let total: usize = pooled.iter().map(|&g| group_n[g].unwrap_or(0)).sum();
        let all: Vec<i64> = pco_col::decompress_exact(blobs.take(len)?, total, super::FORMAT)?;
        let mut at = 0;
        for &g in &pooled {
            let n = group_n[g].unwrap_or(0);
            cols[g] = all[at..at + n].to_vec();
            at += n;
        }
    }
    // Every member gets its own copy (the model owns a Vec per series); the last one takes it.
    let mut last = vec![0usize; ng];
    for (i, &g) in assign.iter().enumerate() {
        last[g] = i;
    }
    Ok(assign
        .iter()
        .enumerate()
        .map(|(i, &g)| {
            if last[g] == i {
                std::mem::take(&mut cols[g])
            } else {
                cols[g].clone()
            }
        })
        .collect())
}
