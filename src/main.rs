//! The `argmap` binary: parses the arguments, runs a headless verb or opens the app, and turns
//! errors into one line on stderr and an exit status.

use argmap::cli::{self, Args};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Args::parse();
    // `argmap serve` stops on a signal itself, once what it took is written.
    if !matches!(args.verb, Some(cli::Verb::Serve { .. })) {
        stop_cleanly_on_signals();
    }
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
        None => match argmap::ui::run(args.file, args.new, args.server) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot open the window: {}", argmap::printable::escaped(&e.to_string()));
                ExitCode::FAILURE
            }
        },
    }
}

/// On SIGTERM, SIGINT or SIGHUP (a user's Ctrl+C, a session ending, `kill`), the file being
/// written is left as it was: its temporary file is removed, then argmap exits as the signal
/// asks (status 128 + the signal).
fn stop_cleanly_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else { return };
        let _ = std::thread::Builder::new().name("signals".into()).spawn(move || {
            if let Some(signal) = signals.forever().next() {
                argmap::io::remove_unfinished();
                // At once, without the exit hooks: they would tear down the window's GL driver
                // under the main thread still drawing with it (a crash on the way out).
                signal_hook::low_level::exit(128 + signal);
            }
        });
    }
}
