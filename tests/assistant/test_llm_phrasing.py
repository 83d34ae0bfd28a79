"""Optional model phrasing: used only when every number and citation in it is backed."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.answer import Answer, Citation, Figure
from assistant.llm import Phraser, check_phrasing
from assistant.settings import Settings

DRAFT = Answer(
    answer="**Estimated incentive: $2,000.00** [1].",
    citations=[Citation(n=1, doc_id="reseller-incentive-guide", title="Rates", source="corpus/guides/x.md",
                        section="Rates", text="Office 365, Microsoft 365 and Azure billed revenue earns 4%.")],
    figures=[Figure(name="total incentive", value=2000.0, unit="USD", formula="$50,000.00 × 4%", citations=[1])],
    tool="payout",
)


class FakeModelServer:
    """A tiny OpenAI-compatible /chat/completions endpoint that replies with a fixed text."""

    def __init__(self, reply: str, status: int = 200):
        outer = self
        self.requests: list[dict] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": reply}}]}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def model_server(request):
    servers = []

    def start(reply: str, status: int = 200) -> FakeModelServer:
        srv = FakeModelServer(reply, status)
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.close()


def phraser_for(server) -> Phraser:
    return Phraser(Settings(llm_base_url=server.url, llm_model="test-model", llm_api_key="sk-test"))


def test_backed_phrasing_is_used(model_server):
    server = model_server("You would earn $2,000.00 on that Office 365 revenue, at the 4% rate [1].")
    result = phraser_for(server).phrase("How much on $50k O365?", DRAFT)
    assert result.answer.startswith("You would earn $2,000.00")
    assert result.figures == DRAFT.figures
    sent = server.requests[0]
    assert sent["path"] == "/v1/chat/completions" and sent["auth"] == "Bearer sk-test"
    assert sent["body"]["model"] == "test-model"


def test_a_wrong_number_falls_back_to_the_extractive_answer(model_server):
    server = model_server("You would earn $2,500.00 at the 5% rate [1].")
    assert phraser_for(server).phrase("How much on $50k O365?", DRAFT).answer == DRAFT.answer


def test_a_citation_that_does_not_exist_falls_back(model_server):
    server = model_server("You would earn $2,000.00 [1][7].")
    assert phraser_for(server).phrase("q", DRAFT).answer == DRAFT.answer


def test_server_errors_fall_back(model_server):
    server = model_server("irrelevant", status=500)
    assert phraser_for(server).phrase("q", DRAFT).answer == DRAFT.answer


def test_unreachable_server_falls_back():
    phraser = Phraser(Settings(llm_base_url="http://127.0.0.1:9/v1", llm_model="m", llm_timeout_s=0.5))
    assert phraser.phrase("q", DRAFT).answer == DRAFT.answer


def test_abstentions_are_never_rephrased(model_server):
    server = model_server("Sure, the rate is 50% [1].")
    abstained = DRAFT.model_copy(update={"abstained": True})
    assert phraser_for(server).phrase("q", abstained) is abstained
    assert server.requests == []


@pytest.mark.parametrize("text, problem", [
    ("It pays $2,000.00 [1].", None),
    ("It pays 2000 dollars [1].", None),
    ("It pays $2,000.00 at 4% [1].", None),
    ("It pays $3,000.00 [1].", "numbers"),
    ("It pays $2,000.00.", "drops every citation"),
    ("It pays $2,000.00 [2].", "do not exist"),
    ("   ", "empty"),
])
def test_check_phrasing(text, problem):
    result = check_phrasing(text, DRAFT)
    assert (result is None) if problem is None else (problem in result)


def assistant_with_model(base, tmp_path, server):
    """The shared test assistant, with its own database and a phraser pointed at `server`."""
    from assistant.core import Assistant
    from assistant.storage import Storage

    settings = base.settings.model_copy(update={"llm_base_url": server.url, "llm_model": "m", "data_dir": tmp_path})
    return Assistant(settings, base.encoder, base.searcher, Storage(settings.db_url), base.router,
                     Phraser(settings))


def test_answer_uses_backed_model_text_and_keeps_figures(fake_assistant, tmp_path, model_server):
    server = model_server("On $50,000 of Office 365 the incentive is $2,000.00 at 4% [1].")
    result = assistant_with_model(fake_assistant, tmp_path, server).answer("How much incentive on $50k of O365?")
    assert result.answer.startswith("On $50,000 of Office 365")
    assert any(f.value == 2000.0 for f in result.figures)


def test_answer_rejects_model_text_with_a_wrong_number(fake_assistant, tmp_path, model_server):
    server = model_server("On $50,000 of Office 365 the incentive is $2,750.00 [1].")
    result = assistant_with_model(fake_assistant, tmp_path, server).answer("How much incentive on $50k of O365?")
    assert "$2,750" not in result.answer and "**Estimated incentive: $2,000.00**" in result.answer
