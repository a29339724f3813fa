// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Taken first, so timing marks count from the start of the process.
    let started = std::time::Instant::now();
    galley_desktop::run(started);
}
