"""What every benchmark section shares: percentiles, the labelled question sets, distinct phrasings."""
from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
FACT_SET = DATA / "fact_questions.yaml"
EVAL_SET = DATA / "eval_cases.jsonl"
CALCULATOR_KINDS = ("payout", "eligibility", "coop", "competency", "forecast")

# Openers that leave a question's meaning alone: each phrasing is new text, so no embedding is
# reused from an earlier request (a real stream of users), and the routing stays the same.
PREFIXES = ["", "Quick question: ", "Please tell me: ", "Can you check: ", "Question - ", "Partner asks: ",
            "Also, ", "So, ", "Team asks: ", "Query: ", "One more: ", "Next: ", "Right, ", "Curious: ",
            "Help me: ", "We wonder: ", "Asking for a colleague: ", "From sales: ", "From finance: ",
            "Another one: ", "Quick check: ", "Just to confirm: ", "Out of interest: ", "Follow-up: "]


@dataclass(frozen=True)
class Plan:
    """How much each section measures; `quick` trades sample size for a run under two minutes."""

    quick: bool
    queries: int  # distinct questions per latency set (fact, calculator)
    warmup: int
    http_requests: int  # sequential requests per server
    load_seconds: float
    clients: int
    ingest_passages: int
    ingest_options: tuple[str, ...]
    scale_sizes: tuple[int, ...]
    scale_queries: int
    eval_sets: tuple[Path, ...]
    startup_rounds: int

    @classmethod
    def make(cls, quick: bool) -> "Plan":
        if quick:
            return cls(True, 60, 10, 30, 3.0, 8, 150, ("fp32", "onnx-int8"), (10_000,), 50, (EVAL_SET,), 1)
        return cls(False, 200, 20, 200, 10.0, 8, 2000,
                   ("fp32", "fp32-seq128", "int8", "onnx-fp32", "onnx-int8", "onnx-int8-seq128"),
                   (10_000, 100_000), 200, (EVAL_SET, DATA / "eval_holdout.jsonl"), 2)


def percentiles(seconds: list[float]) -> dict:
    """p50/p95 in milliseconds (nearest rank), and the sample size."""
    ms = sorted(s * 1000 for s in seconds)
    if not ms:
        return {"p50": 0.0, "p95": 0.0, "n": 0}
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {"p50": round(statistics.median(ms), 2), "p95": round(p95, 2), "n": len(ms)}


def time_each(fn, items) -> list[float]:
    out = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - start)
    return out


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def fact_cases() -> list[dict]:
    return yaml.safe_load(FACT_SET.read_text())


def _eval_questions(kinds: tuple[str, ...]) -> list[str]:
    out = []
    for line in EVAL_SET.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            case = json.loads(line)
            if case.get("kind") in kinds and "question" in case:
                out.append(case["question"])
    return out


def distinct(questions: list[str], n: int, offset: int = 0) -> list[str]:
    """`n` distinct phrasings of `questions`; sets drawn with different offsets never overlap."""
    out, seen = [], set()
    k = offset
    while len(out) < n and k < offset + len(PREFIXES) * len(questions):
        prefix = PREFIXES[(k // len(questions)) % len(PREFIXES)]
        question = questions[k % len(questions)]
        text = prefix + (question[0].lower() + question[1:] if prefix else question)
        if text not in seen:
            seen.add(text)
            out.append(text)
        k += 1
    return out


def fact_questions() -> list[str]:
    return list(dict.fromkeys([c["question"] for c in fact_cases()] + _eval_questions(("fact",))))


def calculator_questions() -> list[str]:
    return list(dict.fromkeys(_eval_questions(CALCULATOR_KINDS)))
