"""Drive `marketproof mcp` with the official Python MCP client (`mcp` on PyPI).

Starts the server over stdio the way an assistant does, lists the tools and
resources, calls every tool and asserts on the figures the data gives
(the S&P 500 closed at 6,940.01 on 2026-01-16; the Russell 2000 had beaten
it 11 sessions in a row; the Fed cut three times in late 2025), then sends
malformed calls and checks each gets an error, not a crash, and that the
server still answers afterwards.

    e2e/.venv/bin/python e2e/mcp_client.py --marketproof target/debug/marketproof \
        --store /tmp/store.db --data ../shared/market-data

Exit 0: all checks passed; 1: a check failed (the message says which);
2: a prerequisite is missing (the `mcp` package).
"""

import argparse
import asyncio
import json
import sys

try:
    from mcp import Client, MCPError, StdioServerParameters
except ImportError as exc:  # pragma: no cover - reported to the Rust test
    print(f"missing prerequisite: {exc}; pip install -r e2e/requirements-mcp.txt", file=sys.stderr)
    sys.exit(2)

TOOLS = {"query", "fact", "series", "instruments", "sources", "check", "ask", "brief"}
N_CHECKS = 0


def check(cond, what):
    global N_CHECKS
    N_CHECKS += 1
    if not cond:
        raise AssertionError(what)


def structured(result):
    check(not result.is_error, f"unexpected tool error: {text_of(result)}")
    check(isinstance(result.structured_content, dict), "structured content is an object")
    return result.structured_content


def text_of(result):
    return "\n".join(c.text for c in result.content if getattr(c, "type", "") == "text")


def close_to(x, y, tol=0.005):
    return isinstance(x, (int, float)) and abs(x - y) < tol


async def run(args):
    params = StdioServerParameters(
        command=args.marketproof,
        args=["--store", args.store, "--data", args.data, "mcp"],
    )
    async with Client(params, read_timeout_seconds=120) as client:
        # -- tools/list: every tool, each with an object schema and a description.
        listed = await client.list_tools()
        names = {t.name for t in listed.tools}
        check(names == TOOLS, f"tools listed: {sorted(names)}")
        for t in listed.tools:
            check(t.input_schema.get("type") == "object", f"{t.name}: object schema")
            check(len(t.description or "") > 40, f"{t.name}: described")

        # -- query: the algebra.
        r = await client.call_tool("query", {
            "subject": {"type": "symbol", "symbol": "^GSPC"},
            "measure": {"type": "level", "field": {"type": "price"}},
            "window": {"type": "period", "period": {"type": "day"}},
            "reduce": {"type": "last"},
            "as_of": "2026-01-16",
        })
        s = structured(r)
        check(close_to(s["fact"]["value"], 6940.01), f"S&P 500 close: {s['fact']['value']}")
        check("6,940.01" in text_of(r), "the text states the close")
        check(s["citations"][0]["sources"][0]["path"].endswith("GSPC.csv"), "cited to GSPC.csv")

        r = await client.call_tool("query", {
            "subject": {"type": "relative", "a": "Russell 2000", "b": "S&P 500"},
            "measure": {"type": "run_length", "of": {"type": "return", "sessions": 1}, "pred": {"type": "gt", "x": 0}},
            "window": {"type": "period", "period": {"type": "day"}},
            "reduce": {"type": "last"},
            "as_of": "2026-01-16",
        })
        check(structured(r)["fact"]["value"] == 11, "Russell 2000 relative streak is 11 sessions")

        # -- fact: named queries.
        r = await client.call_tool("fact", {"kind": "streak", "symbol": "^RUT", "vs": "^GSPC", "as_of": "2026-01-16"})
        s = structured(r)
        check(s["fact"]["value"] == 11 and s["fact"]["window"] == ["2026-01-02", "2026-01-16"], f"streak fact {s['fact']['window']}")
        r = await client.call_tool("fact", {"kind": "rate_decisions", "from": "2025-09-01", "as_of": "2025-12-31"})
        check("3 cuts" in text_of(r), f"three cuts: {text_of(r)[:200]}")

        # -- series: limited rows, with sources.
        r = await client.call_tool("series", {"symbol": "S&P 500", "from": "2026-01-02", "to": "2026-01-16", "limit": 3})
        s = structured(r)
        check(len(s["points"]) == 3 and s["observations_in_window"] == 11, "series limited to 3 of 11")
        check(s["points"][-1]["date"] == "2026-01-16" and close_to(s["points"][-1]["value"], 6940.01), "last point")

        # -- instruments and sources.
        s = structured(await client.call_tool("instruments", {"search": "the Russell"}))
        check(s["instruments"][0]["symbol"] == "^RUT", "the Russell is ^RUT")
        s = structured(await client.call_tool("sources", {"symbol": "^RUT"}))
        check(any(row["field"] == "close" for row in s["series"]), "^RUT close series listed")
        check(len(s["source_files"]) >= 1, "source files listed")

        # -- check: the seed's wrong count of cuts, and a right close.
        r = await client.call_tool("check", {
            "text": "The Federal Reserve's two rate cuts in late 2025 helped. "
                    "The S&P 500 closed at 6,940.01 on January 16, 2026.",
        })
        claims = structured(r)["claims"]
        check(any(c["verdict"] == "contradicted" and c["actual"] == "3" and "3 cuts" in c["explanation"]
                  for c in claims), "two cuts contradicted: 3")
        check(any(c["verdict"] == "supported" and c["citations"] for c in claims), "the close supported, cited")

        # -- ask: plan + answer, and a refusal.
        s = structured(await client.call_tool("ask", {"question": "How long has the Russell 2000 beaten the S&P 500?", "as_of": "2026-01-16"}))
        check(not s["refused"] and "11" in s["answer"] and s["plan"], f"answer: {s['answer'][:120]}")
        s = structured(await client.call_tool("ask", {"question": "What is Apple's P/E ratio?"}))
        check(s["refused"] and s["suggestions"], "P/E refused with suggestions")

        # -- brief: Markdown text and JSON.
        r = await client.call_tool("brief", {"date": "2026-01-16"})
        s = structured(r)
        check(text_of(r).startswith("# "), "brief Markdown")
        check(s["date"] == "2026-01-16" and s["facts"] and s["citations"], "brief JSON with facts and citations")

        # -- resources: methods and the day's brief.
        resources = await client.list_resources()
        uris = {str(x.uri) for x in resources.resources}
        check({"marketproof://methods", "marketproof://brief/latest"} <= uris, f"resources {uris}")
        templates = await client.list_resource_templates()
        check(any(t.uri_template == "marketproof://brief/{date}" for t in templates.resource_templates), "brief template")
        m = await client.read_resource("marketproof://methods")
        check("streak.relative" in m.contents[0].text, "methods document")
        b = await client.read_resource("marketproof://brief/2026-01-16")
        check(b.contents[0].text.startswith("# "), "brief resource")

        # -- malformed calls: errors that say what is wrong, never a crash.
        r = await client.call_tool("query", {"subject": "^GSPC"})
        check(r.is_error and "bad arguments for `query`" in text_of(r), f"bad query: {text_of(r)}")
        r = await client.call_tool("fact", {"kind": "streak", "symbol": "NOPE"})
        check(r.is_error and "unknown instrument `NOPE`" in text_of(r), f"unknown symbol: {text_of(r)}")
        r = await client.call_tool("series", {"symbol": "^GSPC", "limit": -3})
        check(r.is_error, "negative limit is an error")
        try:
            await client.call_tool("no_such_tool", {})
            check(False, "unknown tool must be a protocol error")
        except MCPError as e:
            check("unknown tool" in str(e.error.message), f"unknown tool message: {e.error.message}")
        try:
            await client.read_resource("marketproof://nothing")
            check(False, "unknown resource must be an error")
        except MCPError as e:
            check("no resource" in str(e.error.message), f"unknown resource: {e.error.message}")

        # -- still alive after all of that.
        s = structured(await client.call_tool("instruments", {"search": "nasdaq", "limit": 2}))
        check(s["returned"] >= 1, "server still answers")
    print(f"{N_CHECKS} passed, 0 failed")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--marketproof", required=True)
    p.add_argument("--store", required=True)
    p.add_argument("--data", required=True)
    args = p.parse_args()
    try:
        asyncio.run(run(args))
    except AssertionError as e:
        print(f"FAILED check {N_CHECKS}: {e}", file=sys.stderr)
        print(f"{N_CHECKS - 1} passed, 1 failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
