//! The `marketproof` binary.
fn main() {}
