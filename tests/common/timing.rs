//! What every bench needs: whether this is a `cargo bench` run at all
//! (`cargo test --all-targets` runs benches without `--bench`, in debug:
//! nothing to time there) and the median of a few timed runs.

use std::time::Instant;

/// True under `cargo bench --bench NAME`; otherwise says how to run it.
pub fn is_bench_run(name: &str) -> bool {
    let bench = std::env::args().any(|a| a == "--bench");
    if !bench {
        println!("{name} bench: run it with `cargo bench --bench {name}`");
    }
    bench
}

/// The median of `v` (the upper one of an even count).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median wall time of `runs` runs of `f`, in milliseconds.
pub fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    )
}
