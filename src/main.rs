//! The `argmap` binary: parses the arguments, runs a headless verb or opens the app, and turns
//! errors into one line on stderr and an exit status.

use argmap::cli::{self, Args};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Args::parse();
    match args.verb {
        Some(verb) => {
            let mut stdout = std::io::stdout().lock();
            let failed = verb.error_status();
            match cli::run(verb, &mut stdout, &mut std::io::stderr()) {
                Ok(status) => ExitCode::from(status),
                Err(e) => {
                    // One line, whatever the file holds: no control character reaches the terminal.
                    eprintln!("error: {}", argmap::printable::line(&e.to_string(), cli::MAX_MESSAGE_CHARS));
                    ExitCode::from(failed)
                }
            }
        }
        None => match argmap::ui::run(args.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot open the window: {}", argmap::printable::escaped(&e.to_string()));
                ExitCode::FAILURE
            }
        },
    }
}
