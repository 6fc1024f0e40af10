//! `quotebench`: no subcommand opens the window; subcommands run headless.
//! Errors reach here as `anyhow` errors and are printed once, with context.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, report, run};

fn main() -> ExitCode {
    quotebench::memory::fit_peak_to_use();
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command).unwrap_or_else(|e| report(&e)),
        #[cfg(feature = "gui")]
        None => quotebench::ui::run_window(cli.path),
        #[cfg(not(feature = "gui"))]
        None => {
            eprintln!("this build has no window (built without the `gui` feature); see --help");
            ExitCode::from(2)
        }
    }
}
