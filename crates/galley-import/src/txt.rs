//! Plain text stub.
