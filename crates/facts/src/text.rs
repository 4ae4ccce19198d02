//! Plain-text rendering of a Fact for the CLI `fact` command.

use model::display::{fact_value, Audience};
use model::Fact;

/// The value, the sentence, the details and one citation line per input.
pub fn format_fact_text(fact: &Fact) -> String {
    let mut out = String::new();
    out.push_str(&fact_value(&fact.value, fact.unit, Audience::Plain));
    out.push('\n');
    out.push_str(&fact.text);
    out.push('\n');
    out.push_str(&format!(
        "  method: {} v{}  as of {}\n",
        fact.method.id, fact.method.version, fact.as_of
    ));
    for (name, detail) in &fact.details {
        out.push_str(&format!(
            "  {name}: {}\n",
            fact_value(&detail.value, detail.unit, Audience::Plain)
        ));
    }
    for (i, input) in fact.inputs.iter().enumerate() {
        out.push_str(&format!(
            "  [{}] {} {} {}..{} from {}\n",
            i + 1,
            input.instrument,
            input.field,
            input.from,
            input.to,
            input.source_path
        ));
    }
    out
}
