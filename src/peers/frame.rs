//! The container every peer shares: rung 8's metadata section (same bytes, same cost), then per
//! series each blob as `varint length` + bytes.

use super::{Peer, PEER_ZSTD_LEVEL};
use crate::codec8::{limits, meta};
use crate::encoding::bytes::Reader;
use crate::encoding::varint::put_u64;
use crate::error::{Error, Result};
use crate::model::Dataset;

const FORMAT: &str = "peer";

/// Encodes `ds` with `peer`.
pub fn encode(peer: &dyn Peer, ds: &Dataset) -> Result<Vec<u8>> {
    ds.validate()?;
    let mut out = Vec::new();
    meta::put(&mut out, ds, PEER_ZSTD_LEVEL)?;
    for s in &ds.series {
        let blobs = peer.encode_series(s)?;
        if blobs.len() != peer.blobs_per_series() {
            return Err(Error::Invalid(format!(
                "peer {} made {} blobs, expected {}",
                peer.name(),
                blobs.len(),
                peer.blobs_per_series()
            )));
        }
        for b in blobs {
            put_u64(&mut out, b.len() as u64);
            out.extend_from_slice(&b);
        }
    }
    Ok(out)
}

/// Decodes bytes made by [`encode`] with the same peer.
pub fn decode(peer: &dyn Peer, bytes: &[u8]) -> Result<Dataset> {
    let mut r = Reader::new(bytes, FORMAT);
    let metas = meta::get(
        &mut r,
        FORMAT,
        limits::max_points(bytes.len()),
        limits::max_section(bytes.len()),
    )?;
    let mut series = Vec::with_capacity(metas.len());
    for m in metas {
        let mut blobs = Vec::with_capacity(peer.blobs_per_series());
        for _ in 0..peer.blobs_per_series() {
            let len = r.len_var(r.remaining(), "blob length")?;
            blobs.push(r.take(len)?);
        }
        let (timestamps, values) = peer.decode_series(&blobs, m.n)?;
        if timestamps.len() != m.n || values.len() != m.n {
            return Err(r.err("peer decoded a different point count"));
        }
        series.push(m.into_series(timestamps, values, FORMAT)?);
    }
    if !r.is_empty() {
        return Err(r.err("trailing bytes"));
    }
    Ok(Dataset { series })
}
