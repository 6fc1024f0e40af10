//! The window (egui only).
pub fn run_window(_path: Option<std::path::PathBuf>) -> std::process::ExitCode {
    std::process::ExitCode::SUCCESS
}
