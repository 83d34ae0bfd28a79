"""`bench`: latency and throughput as ratios to a baseline measured in the same run."""
from __future__ import annotations

import click

from assistant.commands.common import echo_json, load_assistant, settings


@click.command()
@click.option("--requests", default=160, show_default=True, help="HTTP requests per load test.")
@click.option("--clients", default=8, show_default=True, help="Concurrent keep-alive HTTP clients.")
@click.option("--repeat", default=80, show_default=True, help="Calls per in-process measurement.")
@click.option("--json", "as_json", is_flag=True)
def bench(requests: int, clients: int, repeat: int, as_json: bool) -> None:
    """Measure search, answer() and /api/chat against a bare encode+search baseline."""
    from dataclasses import asdict

    from assistant.bench import format_table, run_benchmark

    if min(requests, clients, repeat) <= 0:
        raise click.UsageError("--requests, --clients and --repeat must be greater than 0.")
    rows = run_benchmark(load_assistant(settings()), requests, clients, repeat)
    if as_json:
        echo_json([asdict(r) for r in rows])
    else:
        click.echo(format_table(rows))
