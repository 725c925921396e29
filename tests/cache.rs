//! The native data-set cache: hit on the second load, corrupt entries dropped and regenerated,
//! an unwritable folder is a warning, not a failure.
#![cfg(not(target_arch = "wasm32"))]

use metricpress::cache::{self, CacheStatus};
use metricpress::generate::{self, Generator, Size};
use metricpress::platform::load_or_make;

fn make() -> metricpress::Result<metricpress::model::Dataset> {
    Ok(generate::generate(Generator::Synthetic, Size::Small, 5))
}

#[test]
fn second_load_is_a_hit_with_the_same_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = cache::key("small", "synthetic", Some(5), "");
    let a = load_or_make(Some(dir.path()), &key, make).expect("loads");
    assert_eq!(a.status, CacheStatus::Miss);
    let b = load_or_make(Some(dir.path()), &key, || panic!("must not regenerate")).expect("loads");
    assert_eq!(b.status, CacheStatus::Hit);
    assert_eq!(a.dataset.bit_eq(&b.dataset), Ok(()));
    let off = load_or_make(None, &key, make).expect("loads");
    assert_eq!(off.status, CacheStatus::Off);
}

#[test]
fn corrupt_and_truncated_entries_are_regenerated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = cache::key("small", "synthetic", Some(5), "");
    load_or_make(Some(dir.path()), &key, make).expect("loads");
    let path = dir.path().join(format!("{key}.mpds"));
    let good = std::fs::read(&path).expect("entry written");
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0xff;
    for bad in [flipped, good[..good.len() / 3].to_vec(), Vec::new()] {
        std::fs::write(&path, &bad).expect("write");
        let c = load_or_make(Some(dir.path()), &key, make).expect("still loads");
        assert_eq!(c.status, CacheStatus::Miss);
        assert!(
            c.notices.iter().any(|n| n.contains("corrupt")),
            "{:?}",
            c.notices
        );
        assert_eq!(c.dataset.bit_eq(&make().expect("ok")), Ok(()));
        assert_eq!(
            std::fs::read(&path).expect("rewritten"),
            good,
            "entry not rewritten"
        );
    }
}

#[test]
fn unwritable_cache_folder_is_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"x").expect("write");
    let key = cache::key("small", "synthetic", Some(5), "");
    let c = load_or_make(Some(&file.join("cache")), &key, make).expect("runs without cache");
    assert_eq!(c.status, CacheStatus::Miss);
    assert!(
        c.notices.iter().any(|n| n.contains("not writable")),
        "{:?}",
        c.notices
    );
    assert_eq!(c.dataset.points(), 50_000);
}
