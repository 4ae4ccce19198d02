//! A recorded draft of the 2026-01-16 brief, written to contain the errors
//! real models make, served by a loopback OpenAI-compatible endpoint: each
//! planted error is caught (replaced or removed, and listed in the redline)
//! and each right figure survives with the citation of its Fact.

use draft::testing::RecordedEndpoint;
use draft::{Action, Vetted};

const DRAFT: &str = include_str!("drafts/2026-01-16.md");

fn vetted() -> Option<(report::Article, Vetted, Vec<String>)> {
    let universe = store::testing::shared_universe()?;
    let date = model::parse_iso_date("2026-01-16");
    let article = report::write_brief(universe, date).expect("brief for 2026-01-16");
    let checker = check::Checker::new(universe).expect("checker");
    let server = RecordedEndpoint::start(vec![DRAFT.to_string()]);
    let endpoint =
        draft::llm::Endpoint::new(&server.base_url, "recorded-model", None).expect("endpoint");
    let (raw, vetted) = draft::draft(&article, &checker, &endpoint).expect("draft");
    assert_eq!(raw, DRAFT);
    Some((article, vetted, server.requests()))
}

fn sentence<'v>(v: &'v Vetted, needle: &str) -> &'v draft::vet::SentenceReport {
    v.sentences
        .iter()
        .find(|s| s.written.contains(needle))
        .unwrap_or_else(|| panic!("no sentence with `{needle}`"))
}

#[test]
fn planted_errors_are_caught_and_right_figures_keep_their_citations() {
    let Some((article, v, requests)) = vetted() else {
        return;
    };
    // The model was given the Facts as JSON and the section plan.
    assert_eq!(requests.len(), 1);
    let request: serde_json::Value = serde_json::from_str(&requests[0]).expect("JSON request");
    assert_eq!(request["model"], "recorded-model");
    let prompt = request["messages"][1]["content"]
        .as_str()
        .expect("user message");
    assert!(
        prompt.contains("\"id\": \"f1\"") && prompt.contains("\"sections\""),
        "{prompt}"
    );
    assert!(prompt.contains(&article.sections[0].heading));

    let body = draft::render::markdown(&v);
    let article_part = body.split("## Redline").next().unwrap_or("");

    // 1. A wrong base date: 7.88% is the return from 2026-01-02, not 2025-12-01.
    let s = sentence(&v, "7.88%");
    assert_ne!(s.action, Action::Kept);
    assert!(
        s.reasons.iter().any(|r| r.starts_with("contradicted")),
        "{:?}",
        s.reasons
    );
    // 2. A record close that was the intraday high (2,692.23; the close was 2,677.74).
    let s = sentence(&v, "2,692.23");
    assert_ne!(s.action, Action::Kept);
    assert!(
        s.reasons.iter().any(|r| r.starts_with("contradicted")
            && r.contains("2,692.23")
            && r.contains("2677.74")),
        "{:?}",
        s.reasons
    );
    // 3. Two cuts instead of three: replaced by the brief's own sentence.
    let s = sentence(&v, "two rate cuts");
    assert_eq!(s.action, Action::Replaced);
    assert!(
        s.reasons
            .iter()
            .any(|r| r.starts_with("contradicted") && r.contains("the data says 3")),
        "{:?}",
        s.reasons
    );
    assert!(s
        .now
        .as_deref()
        .is_some_and(|n| n.contains("3 cuts") && n.contains("[f14]")));
    // 4. A made-up P/E: nothing in the data can back it.
    let s = sentence(&v, "18 times forward earnings");
    assert_ne!(s.action, Action::Kept);
    assert!(
        s.reasons.iter().any(|r| r.starts_with("unverifiable")),
        "{:?}",
        s.reasons
    );
    // 5. A right figure with a wrong date: 6,940.01 was the close on the 16th.
    let s = sentence(&v, "January 15, 2026");
    assert_ne!(s.action, Action::Kept);
    assert!(
        s.reasons.iter().any(|r| r.contains("6944.47")),
        "{:?}",
        s.reasons
    );
    for wrong in [
        "7.88%",
        "2,692.23",
        "two rate cuts",
        "18 times",
        "January 15, 2026",
    ] {
        assert!(
            !article_part.contains(wrong),
            "`{wrong}` reached the article:\n{article_part}"
        );
    }

    // Right figures survive, each with the citation of the Fact behind it.
    let s = sentence(&v, "11 straight sessions");
    assert_eq!(s.action, Action::Kept, "{:?}", s.reasons);
    // Cited by the brief's Fact (f1) or by the checker's own Facts (d…),
    // which the Facts list below carries with methods and sources.
    assert!(
        s.cites.iter().any(|c| c == "f1" || c.starts_with('d')),
        "{:?}",
        s.cites
    );
    let s = sentence(&v, "a record 2,677.74");
    assert_eq!(s.action, Action::Kept, "{:?}", s.reasons);
    assert!(
        s.cites.iter().any(|c| c == "f6" || c.starts_with('d')),
        "{:?}",
        s.cites
    );
    let s = sentence(&v, "6,940.01 on January 16, 2026");
    assert_eq!(s.action, Action::Kept, "{:?}", s.reasons);
    assert!(!s.cites.is_empty());
    let s = sentence(&v, "4.24%");
    assert_eq!(s.action, Action::Kept, "{:?}", s.reasons);
    assert!(!s.cites.is_empty());
    // Every cited id is listed with its method and sources.
    for s in v.sentences.iter().filter(|s| s.now.is_some()) {
        for id in &s.cites {
            let fact = v
                .facts
                .iter()
                .find(|f| &f.id == id)
                .expect("cited fact listed");
            assert!(!fact.inputs.is_empty());
            assert!(article_part.contains(&format!("**[{id}]**")), "{id} listed");
        }
    }
    // A sentence without numbers is kept as written.
    assert_eq!(sentence(&v, "Leadership was broad").action, Action::Kept);

    // The redline says what the model wrote and what the data says.
    let redline = draft::render::redline_markdown(&v);
    assert!(redline.contains("the model wrote: “The Federal Reserve's two rate cuts"));
    assert!(redline.contains("the data says 3"), "{redline}");

    // brief --narrate: the brief's body is the vetted draft, its markers the brief's sources.
    let narrated = draft::render::narrated_article(&article, &v);
    assert_eq!(narrated.title, article.title);
    let text: String = narrated
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.clone())
        .collect();
    assert!(
        text.contains("11 straight sessions") && !text.contains("[f1]"),
        "{text}"
    );
}
