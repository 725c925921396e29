//! The fixed mapping from Westermo CSV columns to Prometheus-style metric names, and the fixed
//! labels every real series carries. One table, so the README, the parser and the tests agree.

/// The time column: seconds from the start of the recording, turned into timestamps.
pub const TIME_COLUMN: &str = "timestamp";

/// `(csv column, metric name)`, in the data set's column order. The series of a file come out in
/// this order whatever the header order, so reordered columns give the same data set.
pub const COLUMNS: [(&str, &str); 23] = [
    ("load-1m", "load_1m"),
    ("load-5m", "load_5m"),
    ("load-15m", "load_15m"),
    ("sys-mem-swap-total", "sys_mem_swap_total_bytes"),
    ("sys-mem-swap-free", "sys_mem_swap_free_bytes"),
    ("sys-mem-free", "sys_mem_free_bytes"),
    ("sys-mem-cache", "sys_mem_cache_bytes"),
    ("sys-mem-buffered", "sys_mem_buffered_bytes"),
    ("sys-mem-available", "sys_mem_available_bytes"),
    ("sys-mem-total", "sys_mem_total_bytes"),
    ("sys-fork-rate", "sys_forks_per_second"),
    ("sys-interrupt-rate", "sys_interrupts_per_second"),
    ("sys-context-switch-rate", "sys_context_switches_per_second"),
    ("sys-thermal", "sys_thermal_per_second"),
    ("disk-io-time", "disk_io_time_seconds_per_second"),
    ("disk-bytes-read", "disk_read_bytes_per_second"),
    ("disk-bytes-written", "disk_written_bytes_per_second"),
    ("disk-io-read", "disk_reads_per_second"),
    ("disk-io-write", "disk_writes_per_second"),
    ("cpu-iowait", "cpu_iowait_seconds_per_second"),
    ("cpu-system", "cpu_system_seconds_per_second"),
    ("cpu-user", "cpu_user_seconds_per_second"),
    ("server-up", "server_up"),
];

/// The label `dataset` of every real series.
pub const DATASET_LABEL: &str = "westermo";

/// The label `environment` of every real series: these are test systems (nightly testing).
pub const ENVIRONMENT_LABEL: &str = "test";

/// Index into [`COLUMNS`] of a header name (trimmed, ASCII case-insensitive), if it is known.
pub fn index_of(header: &str) -> Option<usize> {
    let h = header.trim();
    COLUMNS.iter().position(|(c, _)| c.eq_ignore_ascii_case(h))
}

/// The labels of every series of host `host`, sorted by key.
pub fn labels(host: &str) -> Vec<(String, String)> {
    vec![
        ("dataset".into(), DATASET_LABEL.into()),
        ("environment".into(), ENVIRONMENT_LABEL.into()),
        ("host".into(), host.into()),
    ]
}

/// The host name of a file name or URL: its last path segment without query and extension
/// (`data/system-7.csv` → `system-7`).
pub fn host_of(name: &str) -> String {
    let no_query = name.split(['?', '#']).next().unwrap_or(name);
    let last = no_query.rsplit(['/', '\\']).next().unwrap_or(no_query);
    match last.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => last.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_prometheus_style_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for (col, name) in COLUMNS {
            assert!(seen.insert(name), "{name} twice");
            assert!(name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
            assert_eq!(index_of(col), COLUMNS.iter().position(|(c, _)| *c == col));
        }
        assert_eq!(index_of(" Sys-Mem-Free "), Some(5));
        assert_eq!(index_of("timestamp"), None);
    }

    #[test]
    fn host_is_the_file_stem() {
        assert_eq!(host_of("system-7.csv"), "system-7");
        assert_eq!(host_of("/a/b/system-12.csv"), "system-12");
        assert_eq!(host_of("http://h:1/d/system-3.csv?x=1"), "system-3");
        assert_eq!(host_of("C:\\d\\system-4.csv"), "system-4");
        assert_eq!(host_of("system-5"), "system-5");
    }

    #[test]
    fn labels_are_sorted() {
        let l = labels("system-2");
        assert!(l.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
