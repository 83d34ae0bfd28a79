"""`eval`: run a labelled question file through answer() and print accuracy per kind and each failure."""
from __future__ import annotations

import tempfile
from pathlib import Path

import click

from assistant.commands.common import echo_json, load_assistant, settings

#: the shipped case set, found relative to the source checkout
DEFAULT_CASES = Path(__file__).resolve().parents[2] / "tests" / "data" / "eval_cases.jsonl"


@click.command(name="eval")
@click.option("--cases", "cases_path", type=click.Path(dir_okay=False, path_type=Path),
              help="JSONL case file (default: tests/data/eval_cases.jsonl of this checkout).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--min-accuracy", type=click.FloatRange(0.0, 1.0),
              help="Exit with status 1 when overall accuracy is below this fraction (e.g. 0.95).")
def eval(cases_path: Path | None, as_json: bool, min_accuracy: float | None) -> None:  # noqa: A001 - CLI name
    """Score the assistant on labelled questions: accuracy per kind, overall, abstain precision/recall."""
    from assistant.evaluate import load_cases, run_eval

    if cases_path is None:
        if not DEFAULT_CASES.is_file():
            raise click.UsageError("No default case file in this installation; pass --cases FILE (JSONL).")
        cases_path = DEFAULT_CASES
    try:
        cases = load_cases(cases_path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise click.ClickException(f"Cannot read cases from {cases_path}: {exc}") from exc
    # Evaluation questions are not real users': keep them out of the sessions and the insights page.
    with tempfile.TemporaryDirectory(prefix="csp-eval-") as scratch:
        cfg = settings()
        cfg = cfg.model_copy(update={"database_url": f"sqlite:///{Path(scratch) / 'eval.db'}"})
        assistant = load_assistant(cfg)
        try:
            report = run_eval(assistant, cases)
        finally:
            assistant.storage.engine.dispose()
    if as_json:
        echo_json(report.to_dict())
    else:
        from assistant.answering.training import report as scoring_report

        click.echo(report.format())
        click.echo(scoring_report())
    if min_accuracy is not None and report.overall.accuracy < min_accuracy:
        click.echo(f"Overall accuracy {report.overall.accuracy:.1%} is below --min-accuracy {min_accuracy:.1%}.", err=True)
        raise SystemExit(1)
