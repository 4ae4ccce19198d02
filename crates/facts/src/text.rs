//! Plain-text rendering of a Fact for the CLI `fact` command.

use model::{Fact, FactValue, Unit};

/// Formats a number with its unit as it is printed to a reader.
pub(crate) fn fmt_value(value: &FactValue, unit: Unit) -> String {
    match value {
        FactValue::Number(x) => match unit {
            Unit::Percent => format!("{x:+.2}%"),
            Unit::Share => format!("{x:.2}%"),
            Unit::PercentagePoints => format!("{x:+.2} pp"),
            Unit::BasisPoints => format!("{x:+.0} bp"),
            Unit::Points => format!("{x:.2}"),
            _ => format!("{x:.4}"),
        },
        FactValue::Integer(n) => match unit {
            Unit::Sessions => format!("{n} sessions"),
            Unit::Months => format!("{n} months"),
            Unit::Years => format!("{n} years"),
            Unit::Rank => format!("#{n}"),
            _ => n.to_string(),
        },
        FactValue::Date(d) => d.to_string(),
        FactValue::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        FactValue::Range { low, high } => format!("{low:.2}%–{high:.2}%"),
        FactValue::Text(t) => t.clone(),
    }
}

/// The value, the sentence, the details and one citation line per input.
pub fn format_fact_text(fact: &Fact) -> String {
    let mut out = String::new();
    out.push_str(&fmt_value(&fact.value, fact.unit));
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
            fmt_value(&detail.value, detail.unit)
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
