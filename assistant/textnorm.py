"""One normal form for text that comes from outside, before a tokenizer or a database sees it.

JSON can carry things a Python str holds but UTF-8 and PostgreSQL cannot: a lone surrogate
("\\ud800") fails to encode, a NUL character is refused by PostgreSQL. Both are removed, and the
rest is put in Unicode NFC so that the same visible text is the same string (a precomposed
"é" and "e" + combining accent compare equal).

>>> normalize_text("caf\\u0065\\u0301 \\ud800ok\\x00")
'café ok'
"""
from __future__ import annotations

import re
import unicodedata

# Surrogate code points are never valid on their own; NUL ends strings in C and PostgreSQL.
_UNENCODABLE = re.compile("[\ud800-\udfff\x00]")


def normalize_text(text: str) -> str:
    """NFC, without lone surrogates or NUL characters. Never raises for any str."""
    if not isinstance(text, str):
        raise TypeError(f"normalize_text expects str, not {type(text).__name__}")
    cleaned = _UNENCODABLE.sub("", text)
    return unicodedata.normalize("NFC", cleaned)
