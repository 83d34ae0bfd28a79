"""Score answers by outcome: right, clarified, abstained, or confidently wrong.

A case file is JSONL, one conversation a line::

    {"id": "p-1", "kind": "payout", "turns": ["50k O365, incentive?"], "expect": {"figure": 2000}}
    {"id": "f-1", "kind": "fact", "turns": ["what is DPOR?"], "expect": {"all_of": [["Digital Partner of Record"]]}}

``expect`` holds one outcome for the last turn:

- ``figure`` (and optionally ``figure_any``): a calculator figure must equal it (±0.01);
- ``eligible``: the verdict, true or false;
- ``verdict: "undetermined"``: no verdict may be stated (facts are missing);
- ``clarify: true``: the assistant must ask, not compute;
- ``abstain: true``: the assistant must decline;
- ``all_of``: groups of alternatives; the answer text holds one alternative of every group.

The outcome of each case is one of ``right``, ``clarified`` (asked instead of answering),
``abstained`` (declined instead of answering), ``confidently_wrong`` (stated a figure or
verdict that is wrong, or one where it should have asked or declined) and ``wrong``
(anything else: an answer without the fact asked for).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.evaluation.labelled import jsonl_records

OUTCOMES = ("right", "clarified", "abstained", "confidently_wrong", "wrong")
EXPECT_FORMS = ("figure", "eligible", "verdict", "clarify", "abstain", "all_of")
TOLERANCE = 0.01 + 1e-9  # one cent either way, without float noise deciding it


@dataclass(frozen=True)
class OutcomeCase:
    id: str
    kind: str
    turns: tuple[str, ...]
    expect: dict

    @property
    def form(self) -> str:
        return next(k for k in EXPECT_FORMS if k in self.expect)


def load_outcome_cases(path: str | Path) -> list[OutcomeCase]:
    """Cases from a JSONL file; ValueError naming the line for anything malformed."""
    cases, seen = [], set()
    for where, data in jsonl_records(Path(path)):
        turns = data.get("turns") or ([data["question"]] if data.get("question") else None)
        expect = data.get("expect") or {}
        if not data.get("id") or not turns or not any(k in expect for k in EXPECT_FORMS):
            raise ValueError(f"{where}: needs id, turns (or question) and an expect form among {', '.join(EXPECT_FORMS)}")
        if data["id"] in seen:
            raise ValueError(f"{where}: duplicate id {data['id']!r}")
        seen.add(data["id"])
        kind = data.get("kind") or ("abstain" if expect.get("abstain") else "fact")
        cases.append(OutcomeCase(data["id"], kind, tuple(turns), expect))
    return cases


def _norm(text: str) -> str:
    text = text.replace("*", "").replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    return re.sub(r"\s+", " ", re.sub(r"\[\d+\]", "", text)).lower()


def _has_figure(answer, values) -> bool:
    got = [float(f.value) for f in answer.figures]
    return any(abs(g - float(v)) <= TOLERANCE for g in got for v in values)


def _stated(answer) -> bool:
    """Whether the answer commits to a computed figure or a verdict."""
    return not answer.abstained and not answer.clarify and (bool(answer.figures) or answer.eligible is not None)


def judge(case: OutcomeCase, answer) -> tuple[str, str]:
    """(outcome, why) for the last answer of a case."""
    exp, form = case.expect, case.form
    asked = bool(answer.clarify) and not answer.abstained
    if form == "abstain":
        if answer.abstained:
            return "right", ""
        if asked:
            return "clarified", "asked instead of declining"
        return ("confidently_wrong" if _stated(answer) else "wrong"), "answered where it should decline"
    if form == "clarify":
        if asked:
            return "right", ""
        if answer.abstained:
            return "abstained", "declined instead of asking"
        return ("confidently_wrong" if _stated(answer) else "wrong"), "answered where it should ask"
    if form == "figure":
        if _has_figure(answer, [exp["figure"], *exp.get("figure_any", [])]):
            return "right", ""
        why = f"expected {exp['figure']}, figures {[f.value for f in answer.figures][:6]}"
    elif form == "eligible":
        if answer.eligible is exp["eligible"]:
            return "right", ""
        why = f"expected eligible={exp['eligible']}, got {answer.eligible}"
        if answer.eligible is not None and not answer.abstained:
            return "confidently_wrong", why
    elif form == "verdict":
        if answer.eligible is None and not answer.abstained:
            return "right", ""
        why = f"expected no verdict, got eligible={answer.eligible}"
        if answer.eligible is not None:
            return "confidently_wrong", why
    else:  # all_of
        text = _norm(answer.answer)
        missing = [g for g in exp["all_of"] if not any(_norm(alt) in text for alt in g)]
        if not missing and not answer.abstained:
            return "right", ""
        why = f"missing {missing}" if missing else "declined"
    if answer.abstained:
        return "abstained", why
    if asked:
        return "clarified", why
    return ("confidently_wrong" if _stated(answer) and form != "all_of" else "wrong"), why


@dataclass
class CaseOutcome:
    id: str
    kind: str
    turns: list[str]
    outcome: str
    why: str
    answer: str = ""


@dataclass
class OutcomeReport:
    results: list[CaseOutcome] = field(default_factory=list)

    def counts(self, kind: str | None = None) -> Counter:
        return Counter(r.outcome for r in self.results if kind is None or r.kind == kind)

    @property
    def kinds(self) -> list[str]:
        return sorted({r.kind for r in self.results})

    def to_dict(self) -> dict:
        per = {k: {**{o: self.counts(k)[o] for o in OUTCOMES}, "cases": sum(self.counts(k).values())}
               for k in self.kinds}
        total = self.counts()
        return {"per_kind": per, "overall": {**{o: total[o] for o in OUTCOMES}, "cases": len(self.results)},
                "failures": [asdict(r) for r in self.results if r.outcome != "right"]}

    def table(self) -> str:
        head = f"{'kind':<12} {'cases':>5} {'right':>6} {'asked':>6} {'declined':>8} {'conf.wrong':>10} {'wrong':>6}  right%"
        rows = [head, "-" * len(head)]
        for k in [*self.kinds, None]:
            c = self.counts(k)
            n = sum(c.values())
            rows.append(f"{k or 'overall':<12} {n:>5} {c['right']:>6} {c['clarified']:>6} {c['abstained']:>8} "
                        f"{c['confidently_wrong']:>10} {c['wrong']:>6}  {c['right'] / n if n else 0:6.1%}")
        return "\n".join(rows)


def run_outcomes(assistant, cases: list[OutcomeCase], channel: str = "eval") -> OutcomeReport:
    """Send each case's turns through one session of `assistant` and judge the last answer."""
    report = OutcomeReport()
    for case in cases:
        sid, answer = None, None
        try:
            for turn in case.turns:
                answer = assistant.answer(turn, session_id=sid, channel=channel)
                sid = answer.session_id
            outcome, why = judge(case, answer)
            text = answer.answer
        except Exception as exc:  # noqa: BLE001 - one broken case must not stop the run
            outcome, why, text = "wrong", f"error: {type(exc).__name__}: {exc}", ""
        report.results.append(CaseOutcome(case.id, case.kind, list(case.turns), outcome, why, text))
    return report
