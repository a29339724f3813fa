//! Decoding stub.
