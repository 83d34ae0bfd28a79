"""`csp-assistant`: the command-line interface. Each command group lives in assistant/commands/."""
from __future__ import annotations

import os

# Set before torch/faiss load: single-threaded search is faster and steadier on small machines.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import click  # noqa: E402

from assistant.commands import chat, index  # noqa: E402


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Partner Incentive Assistant: cited answers and exact figures for CSP partner questions."""


for command in (index.ingest, index.search, chat.ask, chat.serve):
    main.add_command(command)

try:  # command groups that ship in their own modules
    from assistant.commands.calc import calc

    main.add_command(calc)
except ImportError:  # pragma: no cover
    pass
for _name in ("faq", "eval", "bench"):
    try:
        _mod = __import__(f"assistant.commands.{_name}", fromlist=[_name])
        main.add_command(getattr(_mod, _name))
    except (ImportError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    main()
