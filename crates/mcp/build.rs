//! Embeds `docs/methods.md` when the workspace has it, so the
//! `marketproof://methods` resource reads no file at run time.

use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_string());
    let docs = Path::new(&manifest).join("../../docs");
    let methods = docs.join("methods.md");
    // Watching the folder notices the file appearing as well as changing.
    if docs.is_dir() {
        println!("cargo:rerun-if-changed={}", docs.display());
    }
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(&methods).unwrap_or_default();
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_string());
    if let Err(err) = std::fs::write(Path::new(&out).join("methods.md"), text) {
        println!("cargo:warning=cannot write methods.md to OUT_DIR: {err}");
    }
}
