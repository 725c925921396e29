//! The `--generator` choice at the command line: a seeded generator, or `real` (the Westermo
//! files from `--data-dir` or `--base-url`). Kept here so `generate::Generator` stays a pure
//! list of generators.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;
use crate::generate::Generator;

/// Where a data set comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenArg {
    /// One of the seeded generators.
    Gen(Generator),
    /// The Westermo data set (`crate::real`).
    Real,
}

impl GenArg {
    /// The generator, unless this is real data.
    pub fn generated(self) -> Option<Generator> {
        match self {
            GenArg::Gen(g) => Some(g),
            GenArg::Real => None,
        }
    }
}

impl fmt::Display for GenArg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenArg::Gen(g) => g.fmt(f),
            GenArg::Real => f.write_str("real"),
        }
    }
}

impl FromStr for GenArg {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        if s == "real" {
            return Ok(GenArg::Real);
        }
        s.parse().map(GenArg::Gen).map_err(|_| {
            Error::Usage(format!(
                "unknown generator {s:?}: expected synthetic, random or real"
            ))
        })
    }
}
