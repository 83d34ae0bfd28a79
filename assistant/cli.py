"""`csp-assistant`: the command-line interface. Each command group lives in assistant/commands/."""
from __future__ import annotations

import os

# Set before torch/faiss load: single-threaded search is faster and steadier on small machines.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import click  # noqa: E402

from assistant.commands import bench, chat, faq, index  # noqa: E402
from assistant.commands import eval as evaluate  # noqa: E402
from assistant.commands.calc import calc  # noqa: E402


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Partner Incentive Assistant: cited answers and exact figures for CSP partner questions."""


for command in (index.ingest, index.search, chat.ask, chat.serve, calc, faq.faq, evaluate.eval, bench.bench):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    main()
