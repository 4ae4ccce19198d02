//! Prints the chunks (instruments, times, quantities) the recognisers find
//! in each question or passage of a JSONL file, and the words left over:
//!
//! ```sh
//! cargo run -p lang --example chunks -- ../shared/eval/questions-dev.jsonl [ID]
//! ```

use lang::chunk::Chunks;
use lang::text::Doc;

mod common;

fn main() {
    let (reader, records) = common::setup("chunks");
    for v in records {
        let id = v["id"].as_str().unwrap_or("");
        let text = v["question"].as_str().or(v["text"].as_str()).unwrap_or("");
        let Some(as_of) = v["as_of"].as_str().and_then(model::parse_iso_date) else {
            continue;
        };
        let doc = Doc::new(text);
        let chunks = Chunks::find(&doc, reader.finder(), as_of);
        println!("## {id} {as_of} | {text}");
        let span = |r: &std::ops::Range<usize>| -> &str {
            text.get(doc.tokens[r.start].start..doc.tokens[r.end - 1].end)
                .unwrap_or("")
        };
        for m in &chunks.mentions {
            println!("   mention {:?} {:?}", span(&m.tokens), m.kind);
        }
        for t in &chunks.times {
            println!("   time    {:?} {:?}", span(&t.tokens), t.time);
        }
        for q in &chunks.quantities {
            println!(
                "   qty     {:?} {} {:?} {:?}",
                span(&q.tokens),
                q.value,
                q.unit,
                q.hedge
            );
        }
        let rest: Vec<&str> = doc
            .tokens
            .iter()
            .enumerate()
            .filter(|(k, _)| !chunks.taken[*k])
            .map(|(_, t)| t.norm.as_str())
            .collect();
        println!("   words   {}", rest.join(" "));
    }
}
