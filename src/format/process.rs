//! Who holds a lock: this machine's name and whether a process of it is
//! still running (and is the one that started then, not a later one given
//! the same pid).

use std::fs;
use std::io;
use std::path::Path;
use std::sync::OnceLock;

/// This machine's name (the OS's host name, via `gethostname`), else
/// "localhost".
pub fn this_host() -> &'static str {
    static HOST: OnceLock<String> = OnceLock::new();
    HOST.get_or_init(|| {
        let name = gethostname::gethostname().to_string_lossy().trim().to_string();
        if name.is_empty() {
            "localhost".to_string()
        } else {
            name
        }
    })
}

/// Fields of `/proc/PID/stat` after the command name (which may hold spaces
/// and parentheses): state is the first, start time the 20th.
fn proc_stat_fields(pid: u32) -> io::Result<Vec<String>> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat"))?;
    let after = text.rsplit_once(')').map_or("", |(_, rest)| rest);
    Ok(after.split_whitespace().map(str::to_string).collect())
}

/// When process `pid` started (clock ticks since boot), on Linux.
pub fn process_start_time(pid: u32) -> Option<u64> {
    proc_stat_fields(pid).ok()?.get(19)?.parse().ok()
}

/// Whether process `pid` of this machine is running, and (when `start` is
/// given) is the process that started then, not a later one given the same
/// pid. `None` where that cannot be checked (no `/proc`: not Linux).
pub fn process_running(pid: u32, start: Option<u64>) -> Option<bool> {
    if pid == 0 {
        return Some(false);
    }
    if !Path::new("/proc/self/stat").exists() {
        return None;
    }
    match proc_stat_fields(pid) {
        Ok(fields) => {
            let zombie = matches!(fields.first().map(String::as_str), Some("Z" | "X"));
            let same_start = match (start, fields.get(19).and_then(|s| s.parse::<u64>().ok())) {
                (Some(want), Some(got)) => want == got,
                _ => true,
            };
            Some(!zombie && same_start)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Some(false),
        Err(_) => Some(Path::new(&format!("/proc/{pid}")).exists()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_running_and_pid_zero_is_not() {
        let me = std::process::id();
        if process_running(me, None).is_some() {
            assert_eq!(process_running(me, None), Some(true));
            let start = process_start_time(me);
            assert!(start.is_some());
            assert_eq!(process_running(me, start), Some(true));
            // The same pid with another start time is another process.
            assert_eq!(process_running(me, start.map(|s| s + 1)), Some(false));
        }
        assert_eq!(process_running(0, None), Some(false));
        assert!(!this_host().is_empty());
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn this_host_is_the_kernels_host_name() {
        // What `gethostname` reports is what the kernel holds.
        if let Ok(name) = fs::read_to_string("/proc/sys/kernel/hostname") {
            let name = name.trim();
            if !name.is_empty() {
                assert_eq!(this_host(), name);
            }
        }
    }
}
