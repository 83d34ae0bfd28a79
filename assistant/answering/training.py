"""Fit the sentence-scoring weights on the labelled fact questions, and report how well they do.

Labels come from the shipped question sets: in ``tests/data/fact_questions.yaml`` each question
names a phrase of the sentence that answers it; in ``tests/data/eval_cases.jsonl`` fact
questions list phrases the answer must hold. A candidate sentence is a positive when it
contains such a phrase. ``python -m assistant.answering.training`` refits over the bundled
corpus with the packaged model and writes ``sentence_weights.json``; ``csp-assistant eval``
prints the weights and the cross-validated accuracy (:func:`report`).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import yaml

from assistant.answering.scoring import FEATURES, WEIGHTS_FILE, load_weights, question_terms

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[*_`]", "", text)).strip().lower()


def labelled_questions(data: Path = DATA) -> list[tuple[str, list[str]]]:
    """(question, phrases of the answering sentence) from the shipped question sets."""
    out: list[tuple[str, list[str]]] = []
    facts = data / "fact_questions.yaml"
    if facts.exists():
        for case in yaml.safe_load(facts.read_text()) or []:
            out.append((case["question"], [case["contains"]]))
    cases = data / "eval_cases.jsonl"
    if cases.exists():
        for line in cases.read_text().splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            phrases = (case.get("expect") or {}).get("phrases")
            if case.get("kind") == "fact" and case.get("question") and phrases:
                out.append((case["question"], phrases))
    return out


def dataset(assistant, questions):
    """Feature rows, labels and the question each row belongs to (only questions with a positive)."""
    from assistant.answering.candidates import gather
    from assistant.answering.facts import FactAnswerer
    from assistant.answering.scoring import features
    from assistant.answering.queries import expand_query

    answerer = FactAnswerer(assistant)
    xs, ys, groups = [], [], []
    for g, (question, phrases) in enumerate(questions):
        # As answering does: the question's own vector, the expanded text for keywords only.
        qvec = assistant.encoder.encode([question])[0]
        hits = assistant.search(expand_query(question, (), assistant.acronyms), max(assistant.settings.top_k, 5),
                                query_vector=qvec)
        cands = gather(assistant.searcher, hits, qvec)
        wanted = [_norm(p) for p in phrases]
        labels = [any(w in _norm(c.unit.text) or (len(_norm(c.unit.text)) > 20 and _norm(c.unit.text) in w)
                      for w in wanted) for c in cands]
        # Choosing any unit of a list gives the whole list: a list holding the phrase is a right choice.
        right_lists = {(c.unit.passage, c.unit.group) for c, ok in zip(cands, labels) if ok and c.unit.group >= 0}
        labels = [ok or (c.unit.passage, c.unit.group) in right_lists for c, ok in zip(cands, labels)]
        if not any(labels):
            continue
        x = features(question, question_terms(question), qvec, cands, assistant.searcher.sentences.vectors,
                     answerer.idf)
        xs.append(x)
        ys += labels
        groups += [g] * len(cands)
    return np.vstack(xs), np.array(ys, dtype=int), np.array(groups)


def top1(scores: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    """Share of questions whose best-scored sentence is a right one."""
    right = total = 0
    for g in np.unique(groups):
        idx = np.where(groups == g)[0]
        right += int(y[idx[np.argmax(scores[idx])]])
        total += 1
    return right / total if total else 0.0


def fit(x, y, groups, folds: int = 5):
    """Logistic regression weights plus cross-validated sentence accuracy and top-1 accuracy."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    def model():
        return LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)

    sentence_acc, first_acc = [], []
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        m = model().fit(x[train], y[train])
        sentence_acc.append(m.score(x[test], y[test]))
        first_acc.append(top1(m.decision_function(x[test]), y[test], groups[test]))
    m = model().fit(x, y)
    return m, float(np.mean(sentence_acc)), float(np.mean(first_acc))


def report(assistant=None) -> str:
    """The weights in use, and (given an assistant) the cross-validated accuracy on the labelled questions."""
    w = load_weights()
    lines = ["Sentence scoring weights: " + ", ".join(f"{f} {c:+.2f}" for f, c in zip(FEATURES, w.coef))
             + f", intercept {w.intercept:+.2f}"]
    try:
        stored = json.loads(WEIGHTS_FILE.read_text())
        lines.append(f"Fitted on {stored['questions']} labelled questions; cross-validated (5 folds by question): "
                     f"sentence accuracy {stored['cv_sentence_accuracy']:.1%}, "
                     f"best sentence right {stored['cv_top1_accuracy']:.1%}")
    except (OSError, ValueError, KeyError):
        lines.append("No fitted weights on disk: using the built-in defaults.")
    if assistant is not None:
        x, y, groups = dataset(assistant, labelled_questions())
        _, sentence_acc, first_acc = fit(x, y, groups)
        lines.append(f"Cross-validated (5 folds by question, {len(np.unique(groups))} questions): "
                     f"sentence accuracy {sentence_acc:.1%}, best sentence right {first_acc:.1%}")
    return "\n".join(lines)


def main() -> None:  # pragma: no cover - a maintenance command, run by hand
    import tempfile

    from assistant.core import Assistant
    from assistant.ingest import ingest
    from assistant.settings import Settings
    from index.encoder import load_encoder
    from index.store import IndexStore

    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="csp-train-")))
    encoder = load_encoder(settings.embedding_model)
    ingest(IndexStore(settings.index_dir), encoder)
    assistant = Assistant.from_settings(settings, encoder=encoder)
    x, y, groups = dataset(assistant, labelled_questions())
    m, sentence_acc, first_acc = fit(x, y, groups)
    WEIGHTS_FILE.write_text(json.dumps({
        "features": list(FEATURES), "coef": [round(float(c), 4) for c in m.coef_[0]],
        "intercept": round(float(m.intercept_[0]), 4), "questions": int(len(np.unique(groups))),
        "cv_sentence_accuracy": round(sentence_acc, 4), "cv_top1_accuracy": round(first_acc, 4),
    }, indent=1) + "\n")
    load_weights.cache_clear()
    print(report())
    print(f"cv sentence accuracy {sentence_acc:.1%}, top-1 {first_acc:.1%}, {len(np.unique(groups))} questions")


if __name__ == "__main__":  # pragma: no cover
    main()
