"""`csp-assistant bench --quick` runs end to end and prints one table; the JSON carries the keys tools read."""
from __future__ import annotations

import json
from dataclasses import replace

from click.testing import CliRunner

from assistant.evaluation.bench import run_bench
from assistant.evaluation.bench_common import Plan
from assistant.evaluation.bench_table import format_table


def tiny_plan() -> Plan:
    # The shape of a quick run with smaller samples: this test checks output, never timings.
    return replace(Plan.make(quick=True), queries=8, warmup=2, http_requests=6, load_seconds=0.5, clients=2,
                   ingest_passages=120, scale_sizes=(2_000,), scale_queries=10)


def test_bench_report_has_every_section_and_the_keys_tools_read(make_settings, tmp_path):
    report = run_bench(make_settings(tmp_path, embedding_model="fake"), plan=tiny_plan())
    assert set(report["recall_at_5"]) >= {"bm25", "dense", "hybrid"}
    for key in ("floor_ms", "answer_ms", "http_ms"):
        assert {"p50", "p95"} <= set(report[key])
    assert report["ingest_per_s"] > 0 and report["startup_s"] > 0
    assert report["http_ms"]["errors"] == 0
    assert report["reingest"]["again_embedded"] == 0
    assert set(report["answer_accuracy"]["per_kind"]) >= {"fact", "payout"}
    assert all(0 <= s["ann_recall_at_10"] <= 1 for s in report["scale"])
    json.dumps(report)  # the --json output

    table = format_table(report)
    for heading in ("QUALITY", "SPEED", "INGEST", "SCALE", "floor", "answer() fact", "/api/chat", "Goals met"):
        assert heading in table


def test_bench_command_rejects_unknown_options():
    from assistant.cli import main

    result = CliRunner().invoke(main, ["bench", "--fast"])
    assert result.exit_code == 2 and "No such option" in result.output
