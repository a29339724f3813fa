//! Standalone HTML documents. (Filled in below.)
