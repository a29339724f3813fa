// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Taken first, so timing marks count from the start of the process.
    let started = std::time::Instant::now();
    // The native file chooser runs in a process of its own (file_chooser.rs says why).
    #[cfg(target_os = "linux")]
    if std::env::args_os().nth(1).is_some_and(|arg| arg == galley_desktop::CHOOSER_ARG) {
        std::process::exit(galley_desktop::chooser_process());
    }
    galley_desktop::run(started);
}
