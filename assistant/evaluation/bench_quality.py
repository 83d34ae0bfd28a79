"""Quality on the shipped labelled sets: retrieval metrics per ranker, answer accuracy per kind."""
from __future__ import annotations

import math
import tempfile
from pathlib import Path

import numpy as np

from assistant.evaluation.bench_common import fact_cases
from index.fusion import reciprocal_rank_fusion
from index.search import CANDIDATES, WEIGHTS

K = 10


def relevant_positions(passages, case: dict) -> set[int]:
    """The passages that answer a labelled fact question: its document, containing its phrase."""
    phrase = case["contains"].lower()
    return {i for i, p in enumerate(passages) if p.doc_id == case["doc_id"] and phrase in p.text.lower()}


def metrics(rankings: list[list[int]], relevant: list[set[int]]) -> dict:
    """Recall@1, Recall@5 (a relevant passage in the top k), MRR@10 and binary nDCG@10."""
    r1 = r5 = mrr = ndcg = 0.0
    for ranking, rel in zip(rankings, relevant):
        top = ranking[:K]
        hits = [i in rel for i in top]
        r1 += any(hits[:1])
        r5 += any(hits[:5])
        mrr += next((1 / (n + 1) for n, h in enumerate(hits) if h), 0.0)
        dcg = sum(1 / math.log2(n + 2) for n, h in enumerate(hits) if h)
        ideal = sum(1 / math.log2(n + 2) for n in range(min(len(rel), K)))
        ndcg += dcg / ideal if ideal else 0.0
    n = max(1, len(rankings))
    return {"recall_at_1": round(r1 / n, 4), "recall_at_5": round(r5 / n, 4),
            "mrr_at_10": round(mrr / n, 4), "ndcg_at_10": round(ndcg / n, 4), "questions": len(rankings)}


def rank_all(bm25, dense, query_vectors: np.ndarray, questions: list[str]) -> dict[str, list[list[int]]]:
    """BM25 alone, dense alone, and their reciprocal-rank fusion exactly as the searcher fuses them."""
    out = {"bm25": [], "dense": [], "hybrid": []}
    for q, vec in zip(questions, query_vectors):
        kw = [i for i, _ in bm25.search(q, CANDIDATES)]
        dn = [i for i, _ in dense.search(vec, CANDIDATES)]
        out["bm25"].append(kw)
        out["dense"].append(dn)
        out["hybrid"].append([i for i, _ in reciprocal_rank_fusion([dn, kw], weights=list(WEIGHTS))])
    return out


def retrieval_quality(assistant) -> dict[str, dict]:
    """Each ranker over the assistant's live index, plus hybrid on the query answer() searches with."""
    from assistant.answering.queries import expand_query

    searcher = assistant.searcher
    passages, cases = searcher.passages, fact_cases()
    questions = [c["question"] for c in cases]
    relevant = [relevant_positions(passages, c) for c in cases]
    vectors = assistant.encoder.encode(questions)
    ranked = rank_all(searcher._loaded.bm25, searcher._dense, vectors, questions)
    # answer() adds product synonyms and spelled-out abbreviations to the keyword side (expand_query);
    # the dense side keeps the question's own vector.
    position = {id(p): i for i, p in enumerate(passages)}
    expanded = []
    for q, vector in zip(questions, vectors):
        products = assistant.router.route(q, {}).slots.products if assistant.router else ()
        hits = searcher.search(expand_query(q, products, assistant.acronyms), K, query_vector=vector)
        expanded.append([position[id(h.passage)] for h in hits])
    ranked["hybrid_expanded"] = expanded
    return {name: metrics(r, relevant) for name, r in ranked.items()}


def answer_accuracy(assistant, case_files: list[Path]) -> dict:
    """`csp-assistant eval` on the shipped case files: accuracy per kind, overall, abstention P/R."""
    from assistant.evaluation.labelled import load_cases, run_eval

    cases = [c for f in case_files for c in load_cases(f)]
    report = run_eval(assistant, cases)
    data = report.to_dict()
    data.pop("failures")
    data["failed_ids"] = [r.id for r in report.failures]
    return data


def scratch_database(settings):
    """Benchmark turns go to a throwaway database, never the sessions and insights of real users."""
    folder = tempfile.mkdtemp(prefix="csp-bench-db-")
    return settings.model_copy(update={"database_url": f"sqlite:///{Path(folder) / 'bench.db'}"})
