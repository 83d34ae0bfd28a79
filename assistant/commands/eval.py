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
@click.option("--metamorphic", is_flag=True,
              help="Run every generated variant of the golden calculator cases instead of a case file.")
@click.option("--routing", is_flag=True,
              help="Print the router's held-out and cross-validated accuracy beside a logistic-regression baseline.")
def eval(cases_path: Path | None, as_json: bool, min_accuracy: float | None,  # noqa: A001 - CLI name
         metamorphic: bool, routing: bool) -> None:
    """Score the assistant on labelled questions: accuracy per kind, overall, abstain precision/recall.

    Case files whose cases hold `turns` and an outcome (`figure`, `eligible`, `verdict`, `clarify`,
    `abstain`, `all_of`) are scored by outcome: right, asked, declined, and confidently wrong.
    """
    from assistant.evaluation.labelled import load_cases, run_eval

    if routing:
        from assistant.evaluation.routing import format_report, routing_report
        from index.encoder import load_encoder

        report = routing_report(load_encoder(settings().embedding_model))
        return echo_json(report) if as_json else click.echo(format_report(report))
    if metamorphic:
        return _run_scratch(lambda a: _metamorphic(a), as_json)
    if cases_path is not None and _is_outcome_file(cases_path):
        return _run_scratch(lambda a: _outcomes(a, cases_path), as_json, min_accuracy)
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


def _is_outcome_file(path: Path) -> bool:
    import json

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            data = json.loads(line)
            return "turns" in data or any(k in (data.get("expect") or {}) for k in ("figure", "verdict", "all_of"))
    return False


def _run_scratch(run, as_json: bool, min_accuracy: float | None = None) -> None:
    """Run `run(assistant)` against a throwaway database; print its (text, data, accuracy)."""
    with tempfile.TemporaryDirectory(prefix="csp-eval-") as scratch:
        cfg = settings().model_copy(update={"database_url": f"sqlite:///{Path(scratch) / 'eval.db'}"})
        assistant = load_assistant(cfg)
        try:
            text, data, accuracy = run(assistant)
        finally:
            assistant.storage.engine.dispose()
    if as_json:
        echo_json(data)
    else:
        click.echo(text)
    if min_accuracy is not None and accuracy < min_accuracy:
        click.echo(f"Accuracy {accuracy:.1%} is below --min-accuracy {min_accuracy:.1%}.", err=True)
        raise SystemExit(1)


def _outcomes(assistant, path: Path):
    from assistant.evaluation.outcomes import load_outcome_cases, run_outcomes

    try:
        cases = load_outcome_cases(path)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"Cannot read cases from {path}: {exc}") from exc
    report = run_outcomes(assistant, cases)
    data = report.to_dict()
    lines = [report.table()]
    for r in data["failures"]:
        lines.append(f"- [{r['kind']}] {r['id']} {r['outcome']}: {' → '.join(r['turns'])[:160]!r}\n    {r['why']}")
    return "\n".join(lines), data, data["overall"]["right"] / max(data["overall"]["cases"], 1)


def _metamorphic(assistant):
    from assistant.evaluation.metamorphic import all_variants, check

    variants = all_variants()
    broken = []
    for v in variants:
        why = check(v, assistant.answer(v.message, channel="eval"))
        if why:
            broken.append({"id": v.id, "message": v.message, "why": why})
    text = [f"{len(variants) - len(broken)}/{len(variants)} variants keep their base case's figure or verdict."]
    text += [f"- {b['id']}: {b['message'][:120]!r}: {b['why']}" for b in broken[:50]]
    return "\n".join(text), {"variants": len(variants), "broken": broken}, 1 - len(broken) / len(variants)
