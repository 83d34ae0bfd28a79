"""Labelled question files (eval_cases.jsonl): run each through `answer()` and score accuracy per kind, overall, abstain P/R.

Case file: JSONL, one case a line (blank lines and lines starting with ``#`` are skipped)::

    {"id": "pay-01", "kind": "payout", "question": "How much on $50k O365?",
     "expect": {"numbers": [2000], "tool": "payout"}}
    {"id": "mt-01", "kind": "multi_turn", "turns": ["$50k O365?", "and on D365?"],
     "expect": {"numbers": [3000]}}

`expect` keys (all optional): ``numbers`` (each equals some figure value within 0.005, or
appears in the answer text), ``phrases`` (case-insensitive substrings of the answer text or
of a cited passage), ``eligible``, ``abstain``, ``tool``, ``doc_id`` (some citation has it).
Every case expects ``abstained == false`` unless its kind is ``abstain`` or it says
``"abstain": true``. Multi-turn cases send every turn through one session and check the last answer.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

KINDS = ("fact", "payout", "eligibility", "coop", "competency", "forecast", "abstain", "multi_turn")
EXPECT_KEYS = ("numbers", "phrases", "eligible", "abstain", "tool", "doc_id")
TOLERANCE = 0.005


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    turns: tuple[str, ...]
    expect: dict = field(default_factory=dict)

    @property
    def question(self) -> str:
        return " → ".join(self.turns)

    @property
    def expects_abstain(self) -> bool:
        return bool(self.expect.get("abstain", self.kind == "abstain"))


def parse_case(data: dict, where: str = "case") -> Case:
    """One case from its JSON object; ValueError naming `where` when it is malformed."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: a case must be a JSON object")
    cid, kind, expect = data.get("id"), data.get("kind"), data.get("expect") or {}
    if not cid or not isinstance(cid, str):
        raise ValueError(f"{where}: missing string 'id'")
    if kind not in KINDS:
        raise ValueError(f"{where} ({cid}): 'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
    if ("question" in data) == ("turns" in data):
        raise ValueError(f"{where} ({cid}): give exactly one of 'question' or 'turns'")
    turns = [data["question"]] if "question" in data else data["turns"]
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        raise ValueError(f"{where} ({cid}): 'question' / 'turns' must be non-empty text")
    if not isinstance(expect, dict) or set(expect) - set(EXPECT_KEYS):
        raise ValueError(f"{where} ({cid}): 'expect' keys must be among {', '.join(EXPECT_KEYS)}")
    for key in ("numbers", "phrases"):
        if key in expect and not isinstance(expect[key], list):
            raise ValueError(f"{where} ({cid}): expect.{key} must be a list")
    return Case(cid, kind, tuple(turns), dict(expect))


def jsonl_records(path: Path):
    """(where, object) for each case line of a JSONL file: "name line N" for messages; blank lines and
    lines starting with ``#`` skipped; ValueError naming the line on bad JSON."""
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            yield f"{path.name} line {no}", json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path.name} line {no}: not valid JSON ({exc.msg})") from exc


def load_cases(path: str | Path) -> list[Case]:
    """Every case in a JSONL file; ValueError with the line number on bad JSON, bad fields or duplicate ids."""
    path = Path(path)
    cases, seen = [], set()
    for where, data in jsonl_records(path):
        case = parse_case(data, where)
        if case.id in seen:
            raise ValueError(f"{where}: duplicate id {case.id!r}")
        seen.add(case.id)
        cases.append(case)
    if not cases:
        raise ValueError(f"{path.name}: no cases")
    return cases


_NUMBER = re.compile(r"(?<![\w.])\$?\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(%|k\b|m\b)?", re.I)


def text_numbers(text: str) -> list[float]:
    """Numbers written in `text` ($12,000.00, 4%, 1.25, 50k), without citation markers; a percent also as a fraction."""
    out = []
    for whole, frac, suffix in _NUMBER.findall(re.sub(r"\[\d+\]", " ", text)):
        value = float(whole.replace(",", "") + (frac or ""))
        suffix = suffix.lower()
        out.append(value * {"k": 1e3, "m": 1e6}.get(suffix, 1))
        if suffix == "%":
            out.append(value / 100)
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "").replace("\u00a0", " ")).lower()


def check(case: Case, answer) -> list[str]:
    """Why `answer` fails `case` (empty when it passes)."""
    exp, reasons = case.expect, []
    if answer.abstained != case.expects_abstain:
        reasons.append("abstained" if answer.abstained else "did not abstain")
    values = [float(f.value) for f in answer.figures]
    written = text_numbers(answer.answer)
    for n in exp.get("numbers", []):
        if not any(abs(v - float(n)) <= TOLERANCE for v in values + written):
            reasons.append(f"number {n} not in figures {values[:8]} or answer text")
    haystack = [_norm(answer.answer)] + [_norm(c.text) for c in answer.citations]
    for p in exp.get("phrases", []):
        if not any(_norm(p) in h for h in haystack):
            reasons.append(f"phrase {p!r} not in answer or cited passages")
    if "eligible" in exp and answer.eligible != exp["eligible"]:
        reasons.append(f"eligible is {answer.eligible}, expected {exp['eligible']}")
    if "tool" in exp and answer.tool != exp["tool"]:
        reasons.append(f"tool is {answer.tool}, expected {exp['tool']}")
    if "doc_id" in exp and exp["doc_id"] not in {c.doc_id for c in answer.citations}:
        reasons.append(f"no citation from {exp['doc_id']} (cited {sorted({c.doc_id for c in answer.citations})})")
    return reasons


@dataclass
class CaseResult:
    id: str
    kind: str
    question: str
    passed: bool
    reasons: list[str]
    abstained: bool
    expected_abstain: bool
    answer: str = ""


@dataclass
class KindStats:
    cases: int = 0
    passed: int = 0

    @property
    def accuracy(self) -> float:
        return self.passed / self.cases if self.cases else 0.0


@dataclass
class EvalReport:
    results: list[CaseResult]

    def stats(self, kind: str | None = None) -> KindStats:
        rows = [r for r in self.results if kind is None or r.kind == kind]
        return KindStats(len(rows), sum(r.passed for r in rows))

    @property
    def per_kind(self) -> dict[str, KindStats]:
        present = {r.kind for r in self.results}
        return {k: self.stats(k) for k in KINDS if k in present}

    @property
    def overall(self) -> KindStats:
        return self.stats()

    @property
    def failures(self) -> list[CaseResult]:
        return [r for r in self.results if not r.passed]

    def _confusion(self) -> tuple[int, int, int]:
        tp = sum(r.abstained and r.expected_abstain for r in self.results)
        fp = sum(r.abstained and not r.expected_abstain for r in self.results)
        fn = sum(not r.abstained and r.expected_abstain for r in self.results)
        return tp, fp, fn

    @property
    def abstain_precision(self) -> float:
        """Of the answers that abstained, the share that should have (1.0 when none abstained and none should)."""
        tp, fp, fn = self._confusion()
        return tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)

    @property
    def abstain_recall(self) -> float:
        """Of the cases that should abstain, the share that did (1.0 when there are none)."""
        tp, _, fn = self._confusion()
        return tp / (tp + fn) if tp + fn else 1.0

    def to_dict(self) -> dict:
        return {
            "per_kind": {k: {**asdict(s), "accuracy": round(s.accuracy, 4)} for k, s in self.per_kind.items()},
            "overall": {**asdict(self.overall), "accuracy": round(self.overall.accuracy, 4)},
            "abstain_precision": round(self.abstain_precision, 4),
            "abstain_recall": round(self.abstain_recall, 4),
            "failures": [asdict(r) for r in self.failures],
        }

    def table(self) -> str:
        rows = [(k, s) for k, s in self.per_kind.items()] + [("overall", self.overall)]
        lines = [f"{'kind':<12} | {'cases':>5} | {'passed':>6} | accuracy", "-" * 40]
        lines += [f"{k:<12} | {s.cases:>5} | {s.passed:>6} | {s.accuracy:7.1%}" for k, s in rows]
        lines.append(f"abstain precision {self.abstain_precision:.1%} · recall {self.abstain_recall:.1%}")
        return "\n".join(lines)

    def format(self, show_answers: bool = True) -> str:
        out = [self.table()]
        if self.failures:
            out.append(f"\n{len(self.failures)} failure(s):")
        for r in self.failures:
            out.append(f"- [{r.kind}] {r.id}: {r.question}\n    reason: {'; '.join(r.reasons)}")
            if show_answers and r.answer:
                out.append("    answer: " + re.sub(r"\s+", " ", r.answer)[:300])
        return "\n".join(out)


def run_case(assistant, case: Case) -> CaseResult:
    """Send the case's turns through one session and check the last answer; an exception is a failure."""
    try:
        sid, answer = None, None
        for turn in case.turns:
            answer = assistant.answer(turn, session_id=sid, channel="eval")
            sid = answer.session_id
        reasons = check(case, answer)
        return CaseResult(case.id, case.kind, case.question, not reasons, reasons, bool(answer.abstained),
                          case.expects_abstain, answer.answer)
    except Exception as exc:  # noqa: BLE001 - one broken case must not stop the run
        return CaseResult(case.id, case.kind, case.question, False, [f"error: {type(exc).__name__}: {exc}"],
                          False, case.expects_abstain)


def run_eval(assistant, cases: list[Case]) -> EvalReport:
    """Score every case; `assistant` is anything with ``answer(message, session_id=, channel=) -> Answer``."""
    return EvalReport([run_case(assistant, c) for c in cases])
