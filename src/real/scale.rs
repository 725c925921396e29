//! Which systems and rows each scale takes: contiguous windows from the start of each file
//! (never random rows), over a fixed list of systems.
//!
//! | scale | systems, in this order | rows per system | points with the full files |
//! |---|---|---|---|
//! | small | 2, 5, 10 | first 720 (6 h) | 3 × 720 × 23 = 49,680 |
//! | big | 2, 5, 10, 3, 4, 6, 7, 8 | first 2,880 (24 h) | 7 × 2,880 × 23 + 2,880 × 22 = 527,040 |
//! | huge | every `system-N.csv` present, by N | all | about 37 M with all 19 files |
//!
//! Systems 2, 5 and 10 come first because the longer real excerpts (`day/`) are of them;
//! system 8 brings a 23-column file into `big`. A listed system whose file is missing is
//! reported, not replaced; a file shorter than the window gives what it has. So with only short
//! excerpts present a scale is smaller than its nominal size, and the report says so.

use crate::generate::Size;

/// The systems and window of one scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// System numbers, in load order; `None`: every `system-N.csv` present.
    pub systems: Option<&'static [u32]>,
    /// Rows taken from the start of each file; `None`: all.
    pub rows: Option<usize>,
}

/// Systems of `small`.
pub const SMALL_SYSTEMS: [u32; 3] = [2, 5, 10];
/// Systems of `big`.
pub const BIG_SYSTEMS: [u32; 8] = [2, 5, 10, 3, 4, 6, 7, 8];
/// Rows per system of `small` (6 h of 30 s steps).
pub const SMALL_ROWS: usize = 720;
/// Rows per system of `big` (24 h).
pub const BIG_ROWS: usize = 2_880;

/// The plan of a scale.
pub fn plan(size: Size) -> Plan {
    match size {
        Size::Small => Plan {
            systems: Some(&SMALL_SYSTEMS),
            rows: Some(SMALL_ROWS),
        },
        Size::Big => Plan {
            systems: Some(&BIG_SYSTEMS),
            rows: Some(BIG_ROWS),
        },
        Size::Huge => Plan {
            systems: None,
            rows: None,
        },
    }
}

/// The system number of a file name `system-N.csv` (any folder or URL before it).
pub fn system_number(name: &str) -> Option<u32> {
    let host = super::columns::host_of(name);
    let n = host.strip_prefix("system-")?;
    if !name.ends_with(".csv") || n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok()
}

/// The file name of system `n`.
pub fn file_name(n: u32) -> String {
    format!("system-{n}.csv")
}

/// The files a plan loads from the `present` file names, in load order, and the listed systems
/// whose file is not present. Names that are not `system-N.csv` are never loaded.
pub fn select(plan: Plan, present: &[String]) -> (Vec<String>, Vec<String>) {
    let mut have: Vec<(u32, &String)> = present
        .iter()
        .filter_map(|p| system_number(p).map(|n| (n, p)))
        .collect();
    have.sort();
    have.dedup_by_key(|(n, _)| *n);
    match plan.systems {
        None => (have.into_iter().map(|(_, p)| p.clone()).collect(), vec![]),
        Some(list) => {
            let mut chosen = Vec::new();
            let mut missing = Vec::new();
            for &n in list {
                match have.iter().find(|(m, _)| *m == n) {
                    Some((_, p)) => chosen.push((*p).clone()),
                    None => missing.push(file_name(n)),
                }
            }
            (chosen, missing)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_selection() {
        assert_eq!(system_number("system-7.csv"), Some(7));
        assert_eq!(system_number("a/system-17.csv"), Some(17));
        for bad in ["system-.csv", "system-7.txt", "system-x.csv", "sys-7.csv"] {
            assert_eq!(system_number(bad), None, "{bad}");
        }
        let present: Vec<String> = ["system-10.csv", "system-2.csv", "notes.csv", "system-9.csv"]
            .map(String::from)
            .to_vec();
        let (chosen, missing) = select(plan(Size::Small), &present);
        assert_eq!(chosen, ["system-2.csv", "system-10.csv"]);
        assert_eq!(missing, ["system-5.csv"]);
        let (all, missing) = select(plan(Size::Huge), &present);
        assert_eq!(all, ["system-2.csv", "system-9.csv", "system-10.csv"]);
        assert!(missing.is_empty());
    }

    #[test]
    fn nominal_points_are_near_the_targets() {
        let pts = |p: Plan, cols: &dyn Fn(u32) -> usize| {
            let rows = p.rows.unwrap_or(0);
            p.systems
                .unwrap_or(&[])
                .iter()
                .map(|&n| rows * cols(n))
                .sum::<usize>()
        };
        let cols = |n: u32| if [8, 11, 17].contains(&n) { 22 } else { 23 };
        assert_eq!(pts(plan(Size::Small), &cols), 49_680);
        assert_eq!(pts(plan(Size::Big), &cols), 527_040);
    }
}
