//! Integration tests of the Library, on real stores in temporary folders.

mod backup;
mod crash;
mod export;
mod hostile;
mod large;
mod library;
mod recovery;
mod store_move;
