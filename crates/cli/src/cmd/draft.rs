//! `marketproof draft --date D`: an LLM writes the day's brief from its
//! Facts, and marketproof checks every sentence (any OpenAI-compatible chat
//! endpoint; nothing is sent anywhere unless `--llm-url` or
//! `MARKETPROOF_LLM_URL` names one). Prints the surviving article, the Facts
//! it cites and the redline of what was replaced or removed.

use crate::app::{self, GlobalArgs, OutputFormat};
use anyhow::Context;
use model::Date;
use std::path::PathBuf;

/// Where the language model is: flags, else environment variables.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct LlmArgs {
    /// Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1
    /// (Ollama) [env: MARKETPROOF_LLM_URL].
    #[arg(long, value_name = "URL")]
    pub(crate) llm_url: Option<String>,
    /// Model name [env: MARKETPROOF_LLM_MODEL].
    #[arg(long, value_name = "NAME")]
    pub(crate) llm_model: Option<String>,
    /// Name of the environment variable that holds the API key, if the
    /// endpoint needs one [env: MARKETPROOF_LLM_API_KEY_ENV; default:
    /// MARKETPROOF_LLM_API_KEY].
    #[arg(long, value_name = "VAR")]
    pub(crate) llm_api_key_env: Option<String>,
    /// Seconds to wait for the model.
    #[arg(long, default_value_t = 120, value_name = "SECONDS")]
    pub(crate) llm_timeout: u64,
}

impl LlmArgs {
    /// The configured endpoint.
    pub(crate) fn endpoint(&self) -> anyhow::Result<draft::llm::Endpoint> {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let url = self
            .llm_url
            .clone()
            .or_else(|| env("MARKETPROOF_LLM_URL"))
            .context(
                "no LLM endpoint configured: pass --llm-url URL (an OpenAI-compatible API such as \
             http://127.0.0.1:11434/v1) or set MARKETPROOF_LLM_URL; nothing is sent otherwise",
            )?;
        let model = self
            .llm_model
            .clone()
            .or_else(|| env("MARKETPROOF_LLM_MODEL"))
            .context("no model named: pass --llm-model NAME or set MARKETPROOF_LLM_MODEL")?;
        let key_var = self
            .llm_api_key_env
            .clone()
            .or_else(|| env("MARKETPROOF_LLM_API_KEY_ENV"))
            .unwrap_or_else(|| "MARKETPROOF_LLM_API_KEY".to_string());
        let mut endpoint = draft::llm::Endpoint::new(&url, &model, env(&key_var))?;
        endpoint.timeout = std::time::Duration::from_secs(self.llm_timeout.max(1));
        Ok(endpoint)
    }
}

/// Arguments of `draft`.
#[derive(Debug, clap::Args)]
pub(crate) struct DraftArgs {
    /// The session to write about [default: the latest session in the store].
    #[arg(long, value_parser = app::parse_date)]
    pub(crate) date: Option<Date>,
    #[command(flatten)]
    pub(crate) llm: LlmArgs,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

/// Writes the brief for `date`, has the model draft it and vets the draft.
pub(crate) fn drafted(
    universe: &model::Universe,
    date: Option<Date>,
    llm: &LlmArgs,
) -> anyhow::Result<(report::Article, String, draft::Vetted)> {
    let endpoint = llm.endpoint()?;
    if let (Some(date), Some(last)) = (date, app::latest_session(universe)) {
        if date > last {
            anyhow::bail!("{date} is after the latest session in the store ({last})");
        }
    }
    let article = report::write_brief(universe, date).context("writing the brief")?;
    let checker = check::Checker::new(universe)?;
    eprintln!(
        "marketproof: asking {} ({}) to draft the brief for {}",
        endpoint.url(),
        endpoint.model,
        article.date
    );
    let (raw, vetted) = draft::draft(&article, &checker, &endpoint)?;
    eprintln!(
        "marketproof: {} sentences: {} kept, {} replaced, {} removed",
        vetted.sentences.len(),
        vetted.count(draft::Action::Kept),
        vetted.count(draft::Action::Replaced),
        vetted.count(draft::Action::Removed)
    );
    Ok((article, raw, vetted))
}

pub(crate) fn run(global: &GlobalArgs, args: &DraftArgs) -> anyhow::Result<()> {
    // Fail on a missing endpoint before loading anything.
    args.llm.endpoint()?;
    if global.format == Some(OutputFormat::Html) {
        anyhow::bail!(
            "draft prints Markdown or JSON; for HTML use `brief --narrate --format html`"
        );
    }
    let format = app::resolve_format(
        global,
        "draft",
        args.out.as_deref(),
        &[OutputFormat::Text, OutputFormat::Md, OutputFormat::Json],
    )?;
    let rendered = {
        let (_store, universe) = app::open_universe(global)?;
        let (_article, raw, vetted) = drafted(&universe, args.date, &args.llm)?;
        match format {
            OutputFormat::Json => draft::render::json(&vetted, &raw),
            _ => draft::render::markdown(&vetted),
        }
    };
    app::write_output(args.out.as_deref(), &rendered)
}
