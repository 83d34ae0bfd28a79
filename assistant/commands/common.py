"""What every command needs: settings, the loaded assistant, JSON output, errors at the edge."""
from __future__ import annotations

import json
from contextlib import contextmanager

import click

from assistant.settings import Settings


def settings() -> Settings:
    return Settings()


def echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@contextmanager
def domain_errors():
    """Turn the core's errors into a clean message and exit code 1; no tracebacks for users."""
    from assistant.core import InputError
    from index.encoder import EncoderError
    from index.errors import IndexLoadError

    try:
        yield
    except (IndexLoadError, InputError, EncoderError, FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc


def load_assistant(cfg: Settings):
    from assistant.core import Assistant

    with domain_errors():
        return Assistant.from_settings(cfg)
