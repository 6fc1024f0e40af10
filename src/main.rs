use std::process::ExitCode;

use clap::Parser;
use quotebench::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        #[cfg(feature = "gui")]
        None => quotebench::ui::run_window(cli.path),
        #[cfg(not(feature = "gui"))]
        None => {
            eprintln!("this build has no window (built without the `gui` feature); see --help");
            ExitCode::from(2)
        }
    }
}
