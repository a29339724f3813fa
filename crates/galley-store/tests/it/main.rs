//! Integration tests of the store, each against a real SQLite file in a temporary folder.

mod articles;
mod assets;
mod batches;
mod fixture;
mod migrations;
mod mirror;
mod revisions;
mod search;
mod tags;
