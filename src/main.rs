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
            match cli::run(verb, &mut stdout, &mut std::io::stderr()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    // One line, whatever the file holds: no control character reaches the terminal.
                    eprintln!("error: {}", argmap::printable::line(&e.to_string(), cli::MAX_MESSAGE_CHARS));
                    ExitCode::FAILURE
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
