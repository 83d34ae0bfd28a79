"""The answer path's query tokenizer makes exactly the tokens the index was built with."""
from __future__ import annotations

import json
from pathlib import Path

import bm25s

from index.bm25 import _STEMMER, tokenize_query

DATA = Path(__file__).resolve().parents[1] / "data"


def _questions():
    for line in (DATA / "eval_cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        text = case.get("question") or (case.get("turns") or [""])[0]
        if text:
            yield text


def test_query_tokens_equal_the_batch_tokenizer():
    texts = [*_questions(), "Ünïcödé CSP co-op 25,000 USD!", "", "the and of"]
    batch = bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, return_ids=False, show_progress=False)
    assert [list(tokenize_query(t)) for t in texts] == [list(b) for b in batch]
