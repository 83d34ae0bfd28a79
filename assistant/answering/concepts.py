"""Program mechanisms a question describes without naming them (data: ``concepts.yaml``).

The search is given the documents' name for a mechanism the partner only describes, so the passage
that names it can be found by its own words as well as by meaning.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

CONCEPTS_FILE = Path(__file__).with_name("concepts.yaml")


@lru_cache(maxsize=1)
def _concepts() -> dict[str, tuple[re.Pattern, ...]]:
    data = yaml.safe_load(CONCEPTS_FILE.read_text()) or {}
    return {name: tuple(re.compile(p, re.I) for p in patterns) for name, patterns in data.items()}


def described(question: str) -> list[str]:
    """The names of the mechanisms the question describes and does not name."""
    return list(_described(question))


@lru_cache(maxsize=1024)
def _described(question: str) -> tuple[str, ...]:
    # read for the search's keywords, its embedding and the answer's terms: once per question
    return tuple(name for name, patterns in _concepts().items()
                 if name.lower() not in question.lower() and any(p.search(question) for p in patterns))
