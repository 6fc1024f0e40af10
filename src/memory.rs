//! How this process takes memory from the system (issue 16).
//!
//! Where the kernel backs memory with transparent huge pages "always" (many
//! Linux distributions), a 2 MiB page becomes resident when any byte of it
//! is touched, and the allocator's spread-out pages made the peak of an
//! open vary from 2.5 to 3.0 times the file (840 PolNeAR articles, 47 MB).
//! Without them it stays at about 2.2 times, as fast
//! (`cargo bench --bench scale -- project-840`). The app calls
//! [`fit_peak_to_use`] first thing; the scale bench's child does too, so it
//! measures what the app does.

/// Asks the kernel not to back this process with transparent huge pages
/// (Linux; elsewhere nothing). A kernel that refuses leaves things as they
/// were: memory use is then higher, nothing else changes.
pub fn fit_peak_to_use() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn the_process_asks_for_no_huge_pages() {
        super::fit_peak_to_use();
        let status = std::fs::read_to_string("/proc/self/status").expect("status");
        let line = status
            .lines()
            .find(|l| l.starts_with("THP_enabled:"))
            .expect("the kernel says (Linux 5.0 and later)");
        assert!(line.trim_end().ends_with('0'), "{line}");
    }
}
