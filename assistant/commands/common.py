"""What every command needs: settings, the loaded assistant, JSON output, errors at the edge."""
from __future__ import annotations

import json
import logging
from contextlib import contextmanager

import click

from assistant.settings import Settings


def settings() -> Settings:
    return Settings()


def echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@contextmanager
def domain_errors(unexpected: bool = False):
    """Turn the core's errors into a clean message and exit code 1; no tracebacks for users.

    With `unexpected`, any other failure is logged and reported in one line as well.
    """
    from assistant.replies import InputError
    from index.encoder import EncoderError
    from index.errors import IndexLoadError

    try:
        yield
    except (IndexLoadError, InputError, EncoderError, FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    except click.ClickException:
        raise
    except ArithmeticError as exc:  # e.g. a 30-digit amount the parser could not hold
        raise click.ClickException("Could not read a number in that message; rephrase the amounts "
                                   "(for example \"$50,000\").") from exc
    except Exception as exc:
        if not unexpected:
            raise
        logging.getLogger("assistant.cli").debug("answer failed", exc_info=True)
        raise click.ClickException(f"The assistant could not answer ({type(exc).__name__}); "
                                   "please try again or report it.") from exc


def load_assistant(cfg: Settings):
    from assistant.core import Assistant

    with domain_errors():
        return Assistant.from_settings(cfg)
