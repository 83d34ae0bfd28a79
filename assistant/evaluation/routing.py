"""How well messages are routed: the router held out and cross-validated, beside a learned baseline.

The router is a similarity-weighted vote of the nearest labelled examples plus rule features
(cue words and parsed quantities add to the vote; none overrides it). ``routing_report``
measures it on the held-out routing cases and by leave-one-out over its own examples, and
trains a logistic regression over the same embedding and rule features for comparison, so
the choice between them is a measured one.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from assistant.understanding.slots import extract_slots
from assistant.understanding.slots.cues import rule_scores
from assistant.understanding.router import KINDS, Router, load_examples

CASES = Path(__file__).resolve().parents[2] / "tests" / "data" / "routing_cases.yaml"


def _rule_features(messages: list[str]) -> np.ndarray:
    rows = []
    for m in messages:
        slots = extract_slots(m)
        scores = rule_scores(m, slots)
        rows.append([scores[k] for k in KINDS] + [bool(slots.money), bool(slots.lines), bool(slots.facts),
                                                  bool(slots.products), slots.percent is not None])
    return np.array(rows, dtype=float)


def routing_report(encoder, cases_path: Path = CASES) -> dict:
    """Accuracy of the router and of a logistic-regression baseline, held out and cross-validated."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    router = Router(encoder)
    examples = load_examples()
    labels = np.array([KINDS.index(k) for _, k in examples])
    sims = router.matrix @ router.matrix.T
    np.fill_diagonal(sims, -np.inf)
    rules = _rule_features([t for t, _ in examples])
    loo_right = 0
    for i, row in enumerate(sims):
        top = np.argsort(-row)[: router.k]
        votes = np.zeros(len(KINDS))
        for j in top:
            votes[labels[j]] += max(row[j], 0.0) ** 2 + 1e-6
        votes = votes / votes.sum() + rules[i, : len(KINDS)]
        loo_right += int(np.argmax(votes) == labels[i])
    report = {"examples": len(examples), "router_leave_one_out": round(loo_right / len(examples), 4)}
    features = np.hstack([router.matrix, rules])
    model = LogisticRegression(C=32, max_iter=3000)
    report["logistic_cross_validated"] = round(float(cross_val_score(model, features, labels, cv=5).mean()), 4)
    if cases_path.is_file():
        cases = yaml.safe_load(cases_path.read_text(encoding="utf-8"))["cases"]
        messages = [c["message"] for c in cases]
        truth = np.array([KINDS.index(c["kind"]) for c in cases])
        routed = np.array([KINDS.index(router.route(m).kind) for m in messages])
        fitted = model.fit(features, labels)
        held = fitted.predict(np.hstack([encoder.encode(messages), _rule_features(messages)]))
        report.update({"held_out_cases": len(cases), "router_held_out": round(float((routed == truth).mean()), 4),
                       "logistic_held_out": round(float((held == truth).mean()), 4)})
    return report


def format_report(report: dict) -> str:
    rows = [("router (nearest examples + rule features)", report.get("router_held_out"), report["router_leave_one_out"]),
            ("logistic regression (embedding + rule features)", report.get("logistic_held_out"),
             report["logistic_cross_validated"])]
    lines = [f"{'classifier':<50} {'held out':>9} {'cross-validated':>16}"]
    lines += [f"{name:<50} {h if h is not None else '-':>9} {cv:>16}" for name, h, cv in rows]
    lines.append(f"({report['examples']} labelled examples; {report.get('held_out_cases', 0)} held-out routing cases; "
                 "the router's cross-validation is leave-one-out)")
    return "\n".join(lines)
