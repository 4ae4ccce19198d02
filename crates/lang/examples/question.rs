//! Prints how the question reader reads each question of a JSONL file of
//! `{"question": ..., "as_of": ..., "context": [...]}` objects (the
//! evaluation set's shape): the shape, subjects, window and queries, or why
//! it declines.
//!
//! ```sh
//! cargo run -p lang --example question -- ../shared/eval/questions-dev.jsonl [ID]
//! ```

use lang::question::{self, Question};

mod common;

fn main() {
    let (reader, records) = common::setup("question");
    for v in records {
        let id = v["id"].as_str().unwrap_or("");
        let text = v["question"].as_str().unwrap_or("");
        let Some(as_of) = v["as_of"].as_str().and_then(model::parse_iso_date) else {
            continue;
        };
        let mut previous: Option<Question> = None;
        let context: Vec<&serde_json::Value> = match &v["context"] {
            serde_json::Value::Array(a) => a.iter().collect(),
            serde_json::Value::Null => Vec::new(),
            one => vec![one],
        };
        for c in context {
            let t = c.as_str().or(c["question"].as_str()).unwrap_or("");
            previous = question::read(&reader, t, as_of, previous.as_ref()).ok();
        }
        println!("## {id} {as_of} | {text}");
        match question::read(&reader, text, as_of, previous.as_ref()) {
            Ok(q) => {
                println!(
                    "   {:?} subjects={:?} time={:?} ({:?}) notes={:?}",
                    q.ask, q.subjects, q.time, q.time_text, q.notes
                );
                match question::lower::lower(&q, reader.registry()) {
                    Ok(rs) => {
                        for r in rs {
                            println!(
                                "      {} {} | {}",
                                if r.primary { "*" } else { "-" },
                                r.label,
                                serde_json::to_string(&r.query).unwrap_or_default()
                            );
                        }
                    }
                    Err(e) => println!("      NOT SUPPORTED: {}", e.what),
                }
            }
            Err(e) => println!("   DECLINE: {e}"),
        }
        println!(
            "   EXPECT: {}",
            v["answer"]["text"]
                .as_str()
                .unwrap_or(if v["refuse"].as_bool() == Some(true) {
                    "(refuse)"
                } else {
                    ""
                })
        );
    }
}
