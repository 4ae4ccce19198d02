//! The MCP adapter: an `rmcp` [`ServerHandler`] that lists the [`tools`]
//! and resources and runs each call on the blocking pool, with a panic
//! caught and reported as an error result instead of ending the session.
//!
//! Errors follow the MCP split: an unknown tool is a protocol error
//! (`invalid params`); a bad argument or a question the data cannot answer
//! is a tool result with `isError: true` whose text says what is wrong, so
//! the assistant can read it and correct the call.

use crate::tools::{self, ToolError};
use crate::{McpError, State, METHODS_MD};
use model::Date;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListResourceTemplatesResult, ListResourcesResult, ListToolsResult, PaginatedRequestParams,
    ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult, Resource,
    ResourceContents, ResourceTemplate, ServerCapabilities, ServerConfig, Tool, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde_json::{json, Value};
use std::sync::Arc;

/// URI of the methods document resource.
pub const METHODS_URI: &str = "marketproof://methods";
/// URI of the latest brief resource (Markdown).
pub const LATEST_BRIEF_URI: &str = "marketproof://brief/latest";
/// URI template of a day's brief (Markdown); `.json` after the date gives JSON.
pub const BRIEF_URI_TEMPLATE: &str = "marketproof://brief/{date}";

/// The MCP server over one [`State`].
#[derive(Debug, Clone)]
pub struct Handler {
    state: Arc<State>,
}

impl Handler {
    /// A handler over `state`.
    pub fn new(state: State) -> Handler {
        Handler {
            state: Arc::new(state),
        }
    }
}

/// Serves MCP over stdin/stdout until the client closes stdin.
///
/// Blocks the calling thread on a small Tokio runtime; tools run on its
/// blocking pool. Nothing but protocol messages is written to stdout.
///
/// # Errors
/// [`McpError::Runtime`] when the runtime does not start, and
/// [`McpError::Session`] when the client never initialises the session or
/// the transport fails.
pub fn serve_stdio(state: State) -> Result<(), McpError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .max_blocking_threads(4)
        .enable_all()
        .build()
        .map_err(McpError::Runtime)?;
    runtime.block_on(async move {
        let service = Handler::new(state)
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| McpError::Session(e.to_string()))?;
        service
            .waiting()
            .await
            .map_err(|e| McpError::Session(e.to_string()))?;
        Ok(())
    })
}

fn tool_list() -> Vec<Tool> {
    tools::definitions()
        .into_iter()
        .map(|d| {
            Tool::new(d.name, d.description, d.input_schema)
                .with_title(d.title)
                .with_annotations(
                    ToolAnnotations::new()
                        .read_only(true)
                        .destructive(false)
                        .idempotent(true)
                        .open_world(false),
                )
        })
        .collect()
}

fn text_block(text: String) -> ContentBlock {
    ContentBlock::text(text)
}

/// Runs a tool on the blocking pool, turning a panic into an internal error.
async fn run_tool(
    state: Arc<State>,
    name: String,
    args: Value,
) -> Result<tools::ToolOutput, ToolError> {
    let tool = name.clone();
    let joined = tokio::task::spawn_blocking(move || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            tools::call(&state, &name, args)
        }))
    })
    .await;
    match joined {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => Err(ToolError::Internal {
            tool,
            message: panic_message(panic.as_ref()),
        }),
        Err(join) => Err(ToolError::Internal {
            tool,
            message: join.to_string(),
        }),
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("a defect in marketproof stopped this call ({what}); please report it")
}

fn error_result(err: &ToolError) -> CallToolResult {
    let kind = match err {
        ToolError::UnknownTool { .. } => "unknown_tool",
        ToolError::BadArguments { .. } => "bad_arguments",
        ToolError::NoAnswer { .. } => "no_answer",
        _ => "internal",
    };
    let mut result = CallToolResult::error(vec![text_block(err.to_string())]);
    result.structured_content = Some(json!({"error": err.to_string(), "kind": kind}));
    result
}

/// Parses `marketproof://brief/{date}[.json]` into (date or latest, json?).
fn parse_brief_uri(uri: &str) -> Option<(Option<Date>, bool)> {
    let rest = uri.strip_prefix("marketproof://brief/")?;
    let (day, json) = match rest.strip_suffix(".json") {
        Some(d) => (d, true),
        None => (rest.strip_suffix(".md").unwrap_or(rest), false),
    };
    if day == "latest" {
        return Some((None, json));
    }
    model::parse_iso_date(day).map(|d| (Some(d), json))
}

impl ServerHandler for Handler {
    fn get_info(&self) -> ServerConfig {
        let capabilities = ServerCapabilities::builder()
            .enable_tools()
            .enable_resources()
            .build();
        let latest = self
            .state
            .latest()
            .map_or_else(|| "no data yet".to_string(), |d| d.to_string());
        ServerConfig::new(capabilities)
            .with_server_info(Implementation::new("marketproof", env!("CARGO_PKG_VERSION")))
            .with_instructions(format!(
                "marketproof computes market figures from real data; every number it returns is a \
                 Fact with its method and sources. Cite the Facts' sources when you repeat a number. \
                 Use `check` on any text with numbers before you trust it, `ask` for questions, \
                 `query`/`fact` for exact figures, `instruments` to find a symbol. The latest \
                 session in the store is {latest}."
            ))
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(tool_list()))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        tool_list().into_iter().find(|t| t.name == name)
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let name = request.name.to_string();
        if !tools::definitions().iter().any(|d| d.name == name) {
            let known: Vec<&str> = tools::definitions().iter().map(|d| d.name).collect();
            return Err(ErrorData::invalid_params(
                format!("unknown tool `{name}`; the tools are: {}", known.join(", ")),
                None,
            ));
        }
        let args = request.arguments.map_or(Value::Null, Value::Object);
        let result = match run_tool(self.state.clone(), name, args).await {
            Ok(out) => {
                let mut result = CallToolResult::success(vec![text_block(out.text)]);
                result.structured_content = Some(out.structured);
                result
            }
            Err(err) => error_result(&err),
        };
        Ok(result.into())
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        let latest = self
            .state
            .latest()
            .map_or_else(String::new, |d| format!(" ({d})"));
        Ok(ListResourcesResult::with_all_items(vec![
            Resource::new(LATEST_BRIEF_URI, "brief-latest")
                .with_title(format!("The market brief for the latest session{latest}"))
                .with_description("The day's article as Markdown; every number a cited Fact.")
                .with_mime_type("text/markdown"),
            Resource::new(METHODS_URI, "methods")
                .with_title("Methods")
                .with_description(
                    "docs/methods.md: every method id and version a Fact can name, defined.",
                )
                .with_mime_type("text/markdown"),
        ]))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        let mut template = ResourceTemplate::new(BRIEF_URI_TEMPLATE, "brief");
        template.title = Some("The market brief for a date".into());
        template.description = Some(
            "The article for a session (YYYY-MM-DD) as Markdown; append .json for the JSON.".into(),
        );
        template.mime_type = Some("text/markdown".into());
        Ok(ListResourceTemplatesResult::with_all_items(vec![template]))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let uri = request.uri;
        if uri == METHODS_URI {
            let text = if METHODS_MD.trim().is_empty() {
                "docs/methods.md was not found when marketproof was built.".to_string()
            } else {
                METHODS_MD.to_string()
            };
            let contents = ResourceContents::text(text, uri).with_mime_type("text/markdown");
            return Ok(ReadResourceResult::new(vec![contents]).into());
        }
        let Some((date, as_json)) = parse_brief_uri(&uri) else {
            return Err(ErrorData::resource_not_found(
                format!(
                    "no resource `{uri}`; resources are {METHODS_URI}, {LATEST_BRIEF_URI} and \
                     marketproof://brief/YYYY-MM-DD[.json]"
                ),
                None,
            ));
        };
        let state = self.state.clone();
        let joined = tokio::task::spawn_blocking(move || {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                tools::brief_documents(&state, date, false)
            }))
        })
        .await;
        let documents = match joined {
            Ok(Ok(Ok(docs))) => docs,
            Ok(Ok(Err(err))) => return Err(ErrorData::invalid_params(err.to_string(), None)),
            Ok(Err(panic)) => {
                return Err(ErrorData::internal_error(
                    panic_message(panic.as_ref()),
                    None,
                ))
            }
            Err(join) => return Err(ErrorData::internal_error(join.to_string(), None)),
        };
        let contents = if as_json {
            let text = serde_json::to_string_pretty(&documents.1).unwrap_or_default();
            ResourceContents::text(text, uri).with_mime_type("application/json")
        } else {
            ResourceContents::text(documents.0, uri).with_mime_type("text/markdown")
        };
        Ok(ReadResourceResult::new(vec![contents]).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brief_uris_parse() {
        assert_eq!(
            parse_brief_uri("marketproof://brief/latest"),
            Some((None, false))
        );
        assert_eq!(
            parse_brief_uri("marketproof://brief/2026-01-16.json"),
            Some((model::parse_iso_date("2026-01-16"), true))
        );
        assert_eq!(parse_brief_uri("marketproof://brief/yesterday"), None);
        assert_eq!(parse_brief_uri("file:///etc/passwd"), None);
    }

    #[test]
    fn every_tool_has_an_object_schema() {
        for t in tool_list() {
            assert_eq!(
                t.input_schema.get("type").and_then(|v| v.as_str()),
                Some("object"),
                "{}",
                t.name
            );
        }
    }
}
