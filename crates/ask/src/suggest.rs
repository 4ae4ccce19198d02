//! The nearest questions marketproof can answer, offered with a refusal or
//! a gap in the data.

use model::Date;

/// Questions of every shape the reader knows, about the data held.
pub(crate) fn generic(as_of: Date) -> Vec<String> {
    let year = chrono::Datelike::year(&as_of);
    vec![
        format!("How did the S&P 500 do in {}?", year - 1),
        "Is the Russell 2000 at a record high?".to_string(),
        "What was the Nasdaq 100's worst day ever?".to_string(),
        format!("How many record closes has the S&P 500 had in {year}?"),
        format!("How many times did the Fed cut rates in {}?", year - 1),
        format!("Did small caps beat large caps in {}?", year - 1),
    ]
}

/// Questions about one instrument whose data run from `first` to `last`.
pub(crate) fn about(name: &str, first: Date, last: Date) -> Vec<String> {
    let year = chrono::Datelike::year(&last);
    vec![
        format!("{name} data run from {first} to {last}: ask about a date in that range, e.g. \"How did {name} do in {}?\"", year - 1),
        format!("What was {name}'s lowest close ever?"),
        format!("How far is {name} below its record close?"),
    ]
}
