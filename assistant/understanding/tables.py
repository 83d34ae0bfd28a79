"""Pasted tables: comma- or tab-separated rows become cells the amount reader can see.

A CSV row such as ``Office 365,22000`` glues the amount to the product's digits; split into
cells (``Office 365 | 22000``) each row reads like any other "product: amount" line. Only a
block of two or more rows with the same number of cells counts as a table, and a block whose
commas could belong to numbers ("12,500", "12.400,00") is left as written.
"""
from __future__ import annotations

import csv
import re

# Commas that belong to a number: thousands ("12,500") or decimals ("12.400,00", "8,5").
_NUMBER_COMMA = re.compile(r"\d,\d{3}(?!\d)|\d,\d{1,2}(?!\d)")
_NUMERIC = re.compile(r"^[\s$€£]*[-−]?\d[\d.\s]*(?:[a-zA-Z]{0,3})?\s*$")


def _cells(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter, skipinitialspace=True), [])


def _is_table(block: list[str], delimiter: str) -> bool:
    if len(block) < 2:
        return False
    if delimiter == "," and any(_NUMBER_COMMA.search(line) or re.search(r"[;|\t]", line)
                                for line in block if line.count('"') < 2):
        return False  # the commas are inside numbers, or another character separates the cells
    rows = [_cells(line, delimiter) for line in block]
    widths = {len(r) for r in rows}
    return len(widths) == 1 and widths.pop() >= 2 and any(_NUMERIC.match(c) for r in rows for c in r)


def rows_as_cells(text: str) -> str:
    """The text with each comma- or tab-separated table row rewritten as " | "-separated cells."""
    lines = text.split("\n")
    for delimiter in (",", "\t"):
        i = 0
        while i < len(lines):
            j = i
            while j < len(lines) and delimiter in lines[j]:
                j += 1
            if j - i >= 2 and _is_table(lines[i:j], delimiter):
                lines[i:j] = [" | ".join(c.strip() for c in _cells(line, delimiter)) for line in lines[i:j]]
            i = max(j, i + 1)
    return "\n".join(lines)
