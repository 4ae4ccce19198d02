//! The one place marketproof talks to a language model: an OpenAI-compatible
//! `POST {base_url}/chat/completions` (Ollama, llama.cpp server, vLLM, a
//! hosted API), blocking, with timeouts and a cap on the response size.
//!
//! **Invariant:** nothing is sent unless the caller built an [`Endpoint`]
//! from an explicit base URL; the API key is read from the environment
//! variable the caller names and never printed.

use crate::DraftError;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Largest response body read from the endpoint.
pub const MAX_RESPONSE_BYTES: u64 = 4 << 20;

/// One chat message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// `system`, `user` or `assistant`.
    pub role: String,
    /// The text.
    pub content: String,
}

impl Message {
    /// A message with `role`.
    pub fn new(role: &str, content: impl Into<String>) -> Message {
        Message {
            role: role.to_string(),
            content: content.into(),
        }
    }
}

/// Where and how to ask for a completion.
#[derive(Clone)]
pub struct Endpoint {
    /// Base URL, e.g. `http://127.0.0.1:11434/v1`; `/chat/completions` is appended.
    pub base_url: String,
    /// Model name as the endpoint knows it.
    pub model: String,
    /// Bearer token, if the endpoint wants one.
    pub api_key: Option<String>,
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Sampling temperature (low: the model should restate, not invent).
    pub temperature: f64,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .field("api_key", &self.api_key.as_ref().map(|_| "(set)"))
            .field("timeout", &self.timeout)
            .finish()
    }
}

#[derive(Serialize)]
struct Request<'a> {
    model: &'a str,
    messages: &'a [Message],
    temperature: f64,
    stream: bool,
}

#[derive(Deserialize)]
struct Response {
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
}

impl Endpoint {
    /// An endpoint with a 120-second timeout and temperature 0.2.
    ///
    /// # Errors
    /// [`DraftError::Config`] when the URL is not `http://` or `https://`
    /// or the model name is empty.
    pub fn new(
        base_url: &str,
        model: &str,
        api_key: Option<String>,
    ) -> Result<Endpoint, DraftError> {
        let base_url = base_url.trim().trim_end_matches('/').to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(DraftError::Config(format!(
                "the LLM base URL `{base_url}` must start with http:// or https://"
            )));
        }
        if model.trim().is_empty() {
            return Err(DraftError::Config(
                "no model name: pass --llm-model or set MARKETPROOF_LLM_MODEL".into(),
            ));
        }
        Ok(Endpoint {
            base_url,
            model: model.trim().to_string(),
            api_key: api_key.filter(|k| !k.is_empty()),
            timeout: Duration::from_secs(120),
            temperature: 0.2,
        })
    }

    /// The URL requests go to.
    pub fn url(&self) -> String {
        format!("{}/chat/completions", self.base_url)
    }

    /// Asks for one completion and returns the assistant's text.
    ///
    /// # Errors
    /// [`DraftError::Http`] when the endpoint cannot be reached, times out or
    /// answers with an error status; [`DraftError::BadResponse`] when the
    /// answer is not a chat completion with text.
    pub fn complete(&self, messages: &[Message]) -> Result<String, DraftError> {
        let body = serde_json::to_string(&Request {
            model: &self.model,
            messages,
            temperature: self.temperature,
            stream: false,
        })
        .map_err(|e| DraftError::BadResponse(format!("encoding the request: {e}")))?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .timeout_connect(Some(Duration::from_secs(10)))
            .http_status_as_error(false)
            .build()
            .into();
        let url = self.url();
        let mut request = agent
            .post(&url)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
        if let Some(key) = &self.api_key {
            request = request.header("Authorization", &format!("Bearer {key}"));
        }
        let mut response = request.send(body.as_str()).map_err(|e| DraftError::Http {
            url: url.clone(),
            message: e.to_string(),
        })?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE_BYTES)
            .read_to_string()
            .map_err(|e| DraftError::Http {
                url: url.clone(),
                message: format!("reading the response: {e}"),
            })?;
        if !(200..300).contains(&status) {
            let snippet: String = text.chars().take(300).collect();
            return Err(DraftError::Http {
                url,
                message: format!("HTTP {status}: {snippet}"),
            });
        }
        let parsed: Response = serde_json::from_str(&text).map_err(|e| {
            DraftError::BadResponse(format!("not an OpenAI-style chat completion: {e}"))
        })?;
        let content = parsed
            .choices
            .into_iter()
            .next()
            .map(|c| c.message.content)
            .unwrap_or_default();
        if content.trim().is_empty() {
            return Err(DraftError::BadResponse(
                "the completion has no text".to_string(),
            ));
        }
        Ok(content)
    }
}
