use std::process::ExitCode;

use clap::Parser;
use quotebench::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => quotebench::ui::run_window(cli.path),
    }
}
