//! A peer seen as a [`Rung`], so the streaming path (`run --size huge --peers`) and `bench` can
//! measure peers exactly like the ladder's rungs: the bytes are the peer's framed encoding (the same
//! metadata section as rung 8, see [`super::frame`]) and verification is bit-exact. Peers stay out
//! of [`crate::ladder::LADDER`].

use std::sync::OnceLock;

use crate::error::Result;
use crate::ladder::{Encoded, Options, Rung};
use crate::model::Dataset;

use super::{frame, Entry, Peer, PEERS};

/// One available peer, as a rung.
pub struct PeerRung(pub &'static dyn Peer);

impl Rung for PeerRung {
    fn name(&self) -> &'static str {
        self.0.name()
    }
    fn summary(&self) -> &'static str {
        "peer, measured beside the ladder (not a rung of it)"
    }
    fn encode(&self, ds: &Dataset, _opts: &Options) -> Result<Encoded> {
        Ok(Encoded {
            bytes: frame::encode(self.0, ds)?,
            breakdown: None,
        })
    }
    fn decode(&self, bytes: &[u8], _opts: &Options) -> Result<Dataset> {
        frame::decode(self.0, bytes)
    }
}

/// Every available peer as a rung, in report order.
pub fn rungs() -> Vec<&'static dyn Rung> {
    static ALL: OnceLock<Vec<PeerRung>> = OnceLock::new();
    ALL.get_or_init(|| {
        PEERS
            .iter()
            .filter_map(|e| match e {
                Entry::Available(p) => Some(PeerRung(*p)),
                Entry::Unavailable { .. } => None,
            })
            .collect()
    })
    .iter()
    .map(|r| r as &dyn Rung)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{self, Generator, Size};

    #[test]
    fn every_available_peer_round_trips_as_a_rung() {
        let mut ds = generate::generate(Generator::Synthetic, Size::Small, 3);
        ds.series.truncate(10);
        let list = rungs();
        assert!(list.len() >= 3, "pco, pco_decimal, zstd_columns at least");
        for r in list {
            let enc = r.encode(&ds, &Options::default()).expect("encodes");
            let back = r.decode(&enc.bytes, &Options::default()).expect("decodes");
            assert_eq!(r.verify(&ds, &back), Ok(()), "{}", r.name());
            assert!(r
                .decode(&enc.bytes[..enc.bytes.len() / 2], &Options::default())
                .is_err());
        }
    }
}
