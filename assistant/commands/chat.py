"""`ask` and `serve`: answer one question, or serve the HTTP API and pages."""
from __future__ import annotations

import click

from assistant.commands.common import domain_errors, echo_json, load_assistant, settings


@click.command()
@click.argument("question")
@click.option("--session", "session_id", default=None, help="Continue a conversation by its session id.")
@click.option("--json", "as_json", is_flag=True, help="Print the Answer object as JSON.")
def ask(question: str, session_id: str | None, as_json: bool) -> None:
    """Answer QUESTION with citations (and figures when it is a calculation)."""
    from assistant.render import answer_to_text

    assistant = load_assistant(settings())
    with domain_errors(unexpected=True):
        result = assistant.answer(question, session_id, channel="cli")
    if as_json:
        echo_json(result.model_dump())
    else:
        click.echo(answer_to_text(result))


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Serve the chat API, widget, Slack endpoints and FAQ (one worker; the model loads once)."""
    import uvicorn

    from assistant.web.app import create_app

    with domain_errors():
        app = create_app(settings())
    uvicorn.run(app, host=host, port=port, workers=1, log_level="info")
