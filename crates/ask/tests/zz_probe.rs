//! Temporary probe (to be deleted).
#[test]
fn probe() {
    let Ok(text) = std::fs::read_to_string("/tmp/probe/q.txt") else {
        return;
    };
    let reg = model::Registry::builtin().expect("reg");
    let run = std::env::var("PROBE_RUN").is_ok();
    let u = if run {
        store::testing::shared_universe()
    } else {
        None
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.splitn(3, '|').collect();
        let (as_of, ctx, q) = if parts.len() == 3 {
            (parts[0], parts[1], parts[2])
        } else {
            ("2026-01-16", "", line)
        };
        let as_of = model::parse_iso_date(as_of).expect("date");
        let mut conv: Option<ask::Conversation> = None;
        for c in ctx.split(" >> ").filter(|c| !c.is_empty()) {
            conv = Some(ask::Conversation::after(
                &ask::plan(c, conv.as_ref(), as_of, &reg).expect("ctx plans"),
            ));
        }
        println!("=== {q}");
        match ask::plan(q, conv.as_ref(), as_of, &reg) {
            Err(e) => println!("REFUSED {e:?}"),
            Ok(p) => {
                println!("{}", p.render_text());
                println!(
                    "intent={:?} yes_no={} slots={:?}",
                    p.intent, p.yes_no, p.slots
                );
                println!("STEPS {}", serde_json::to_string(&p.steps).unwrap());
                if let Some(u) = u {
                    let a = ask::run(&p, u);
                    println!("PARA {}", a.paragraph);
                    for f in &a.facts {
                        println!("FACT {} {} value={:?}", f.id, f.kind, f.value);
                        for (k, d) in &f.details {
                            println!("    {k} = {:?}", d.value);
                        }
                    }
                    println!("MISSING {:?}", a.missing);
                }
            }
        }
    }
}
