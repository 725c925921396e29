//! Ctrl-C: the first press sets a flag the driver checks before every chunk (it then removes its
//! partial files and returns [`crate::Error::Cancelled`]); a second press exits at once with 130.

use std::sync::atomic::{AtomicBool, Ordering};

static CANCEL: AtomicBool = AtomicBool::new(false);

/// Installs the Ctrl-C handler (once per process) and returns the flag it sets.
pub fn ctrl_c_flag() -> &'static AtomicBool {
    // An error means a handler is already installed (a second call): the flag still works.
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, Ordering::SeqCst) {
            eprintln!("interrupted twice: exiting now (*.partial files may remain)");
            std::process::exit(130);
        }
        eprintln!("interrupted: finishing the chunks in flight, then stopping");
    });
    &CANCEL
}
