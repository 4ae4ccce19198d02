//! What the debugging examples share: the reader, and the records of a
//! JSONL file (`{"id", "text" | "question", "as_of", ...}`) chosen by the
//! command line (`FILE.jsonl [ID]`).

use lang::reader::Reader;
use std::io::BufRead;

/// The builtin reader and the records asked for, or an exit with the reason.
pub(crate) fn setup(example: &str) -> (Reader, Vec<serde_json::Value>) {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: {example} FILE.jsonl [ID]");
        std::process::exit(2);
    };
    let only = args.get(2);
    let reader = Reader::builtin().unwrap_or_else(|e| {
        eprintln!("registry: {e}");
        std::process::exit(1);
    });
    let file = std::fs::File::open(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let records = std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(&line).ok())
        .filter(|v| only.is_none_or(|o| v["id"].as_str() == Some(o.as_str())))
        .collect();
    (reader, records)
}
