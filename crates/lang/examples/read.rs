//! Prints what the reader reads in each passage of a JSONL file of
//! `{"text": ..., "as_of": ...}` objects (the evaluation sets' shape), for
//! looking at the reader's work by eye:
//!
//! ```sh
//! cargo run -p lang --example read -- ../shared/eval/claims-dev.jsonl [ID]
//! ```

mod common;

fn main() {
    let (reader, records) = common::setup("read");
    for v in records {
        let id = v["id"].as_str().unwrap_or("");
        let text = v["text"].as_str().or(v["question"].as_str()).unwrap_or("");
        let Some(as_of) = v["as_of"].as_str().and_then(model::parse_iso_date) else {
            continue;
        };
        println!("## {id} {as_of} | {text}");
        for c in reader.read(text, as_of) {
            let quote = &text[c.start..c.end];
            println!(
                "   {:14} {:30} subj={:?} claimed={} when={:?}{}{}",
                c.kind,
                format!("{quote:?}"),
                c.subjects,
                c.claimed.describe(),
                c.frame.when,
                if c.unread.is_empty() {
                    String::new()
                } else {
                    format!(" UNREAD={:?}", c.unread)
                },
                c.missing
                    .as_ref()
                    .map(|m| format!(" MISSING={m}"))
                    .unwrap_or_default(),
            );
            for r in &c.readings {
                println!(
                    "        {} {}",
                    if r.primary { "*" } else { "-" },
                    serde_json::to_string(&r.query).unwrap_or_default()
                );
            }
        }
        if let Some(claims) = v["claims"].as_array() {
            for l in claims {
                println!(
                    "   LABEL {:12} {:14} {:?} -> {}",
                    l["verdict"].as_str().unwrap_or(""),
                    l["kind"].as_str().unwrap_or(""),
                    l["quote"].as_str().unwrap_or(""),
                    l["true_value"]
                );
            }
        }
    }
}
