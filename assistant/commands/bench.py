"""`bench`: quality and speed beside baselines and the floor, all measured in the same run."""
from __future__ import annotations

import click

from assistant.commands.common import domain_errors, echo_json, settings


@click.command()
@click.option("--quick", is_flag=True, help="Smaller samples: finishes in about two minutes on two cores.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def bench(quick: bool, as_json: bool) -> None:
    """Measure retrieval quality, answer()/HTTP latency, ingest, start-up and scale against their baselines."""
    from assistant.evaluation.bench import run_bench
    from assistant.evaluation.bench_table import format_table

    with domain_errors():
        report = run_bench(settings(), quick=quick, log=lambda msg: click.echo(f"bench: {msg}", err=True))
    if as_json:
        echo_json(report)
    else:
        click.echo(format_table(report))
