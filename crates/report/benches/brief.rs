//! The whole brief for 2026-01-16 on the real data, with a warm universe
//! (imported once, outside the timed region).

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn brief_2026_01_16(bencher: divan::Bencher) {
    let Some(universe) = store::testing::shared_universe() else {
        return;
    };
    let date = model::parse_iso_date("2026-01-16");
    bencher.bench(|| {
        let article = report::write_brief(universe, date).expect("brief");
        divan::black_box(report::render(&article, report::Format::Html))
    });
}

#[divan::bench(sample_count = 20)]
fn render_markdown_html_json(bencher: divan::Bencher) {
    let Some(universe) = store::testing::shared_universe() else {
        return;
    };
    let date = model::parse_iso_date("2026-01-16");
    let article = report::write_brief(universe, date).expect("brief");
    bencher.bench(|| {
        (
            divan::black_box(report::render(&article, report::Format::Markdown)),
            divan::black_box(report::render(&article, report::Format::Html)),
            divan::black_box(report::render(&article, report::Format::Json)),
        )
    });
}
