"""Pasted tables: comma-, tab-, semicolon- or pipe-separated rows (Markdown tables too) become cells the amount reader can see.

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
# ... and, beside a header of words, commas that can only be an amount's: "$25,000.00", "1,250,000"
_MONEY_COMMA = re.compile(r"(?:[$€£]\s?|\b(?:usd|eur|gbp)\s?)\d{1,3},\d{3}(?!\d)|(?<![\d,])\d{1,3},\d{3}[.]\d{2}(?!\d)|(?<![\d,])\d{1,3}(?:,\d{3}){2,}(?!\d)", re.I)
_NUMERIC = re.compile(r"^[\s$€£]*[-−]?\d[\d.,\s]*(?:[a-zA-Z]{0,3})?\s*$")


_WORD = re.compile(r"[A-Za-z]+")
_MD_RULE = re.compile(r"\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*")
_MD_OUTER = re.compile(r"^\s*\|\s*|\s*\|\s*$")


def _prose(line: str) -> bool:
    """A sentence is not a row: "Hello, billing from the portal below." ends like prose."""
    return line.rstrip()[-1:] in (".", "?", "!", ":") and len(_WORD.findall(line)) >= 4
_BARE = re.compile(r"[-−]?\d")
_OTHER_CURRENCY = re.compile(r"€|£|¥|\b(?:eur|gbp|jpy|inr|cad|aud|chf|pln|brl)\b", re.I)


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter, skipinitialspace=True), [])
    except csv.Error:  # a stray carriage return or NUL: read the cells plainly
        return [c.strip() for c in line.split(delimiter)]


def _is_table(block: list[str], delimiter: str) -> bool:
    if len(block) < 2:
        return False
    rows = [_cells(line, delimiter) for line in block]
    # "product,billed_usd,customers" over its rows: a header of words says the commas separate cells
    # (a greeting, "Hi,", over "O365: 70,000" heads nothing: a header names every column)
    header = len(rows[0]) >= 2 and not re.search(r"\d", block[0]) and len({len(r) for r in rows}) == 1 \
        and all(c.strip() for c in rows[0])
    if delimiter == "," and not header and any(_NUMBER_COMMA.search(line) or re.search(r"[;|\t]", line)
                                               for line in block if line.count('"') < 2):
        return False  # the commas are inside numbers, or another character separates the cells
    if delimiter == "," and any(_MONEY_COMMA.search(line) for line in block if line.count('"') < 2):
        return False  # "Gold, Small & Midmarket - yes" over "TTM revenue - exactly $25,000.00": no header, an amount
    widths = {len(r) for r in rows}
    return len(widths) == 1 and widths.pop() >= 2 and any(_NUMERIC.match(c) for r in rows for c in r)


def rows_as_cells(text: str) -> str:
    """The text with each comma- or tab-separated table row rewritten as " | "-separated cells."""
    # a Markdown table: its outer pipes go and its "|---|---|" rule is no row
    lines = [_MD_OUTER.sub("", line) for line in text.split("\n") if not _MD_RULE.fullmatch(line)]
    for delimiter in (",", "\t", ";", "|"):
        i = 0
        while i < len(lines):
            j = i
            width = len(_cells(lines[i], delimiter)) if delimiter in lines[i] else 0
            # a table is a run of rows with the same number of cells; prose with commas above it is not one
            while j < len(lines) and delimiter in lines[j] and not _prose(lines[j]) \
                    and len(_cells(lines[j], delimiter)) == width:
                j += 1
            if j - i >= 2 and _is_table(lines[i:j], delimiter):
                cells = [[c.strip() for c in _cells(line, delimiter)] for line in lines[i:j]]
                rows = _period_columns(cells) or _named_columns(cells)
                lines[i:j] = [" | ".join(row) for row in rows]
            i = max(j, i + 1)
    return "\n".join(lines)


def _named_columns(rows: list[list[str]]) -> list[list[str]]:
    """A header that names a product over a column of numbers ("Month | Office 365 billed", then
    "Jan | 11200"): each number in that column is written with its product, so every row reads
    as "Jan | Office 365 11200"."""
    from assistant.understanding.slots.products import parse_products

    header, body = rows[0], rows[1:]
    if any(_NUMERIC.match(c) for c in header):
        return rows  # no header: the first row is data
    named = {}
    for col, cell in enumerate(header):
        keys = {p.key for p in parse_products(cell)}
        if len(keys) == 1 and all(col < len(r) and _NUMERIC.match(r[col]) for r in body):
            named[col] = re.sub(r"\s*\b(?:billed|billing|revenue|sales|consumption|usd|\$|amount)\b.*$", "", cell, flags=re.I) or cell
    if not named:
        return rows
    # the header's names now stand in every row: kept, they would be mentions without amounts
    rest = [c for i, c in enumerate(header) if i not in named]
    # a bare number under a product's column is its billing, in dollars unless the header names another currency
    other = _OTHER_CURRENCY.search(" ".join(header))
    dollars, code = ("", f" {other.group(0).upper()}") if other else ("$", "")

    def cell(c: int, v: str) -> str:
        if c not in named:
            return v
        bare = bool(_BARE.match(v))
        return f"{re.sub(r'[(][^)]*[)]', '', named[c]).strip()} {dollars if bare else ''}{v}{code if bare else ''}"

    return ([rest] if any(rest) else []) + [[cell(c, v) for c, v in enumerate(r)] for r in body]


_PERIOD_HEAD = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{2,4})?$|^[qh][1-4](?:\s+\d{2,4})?$"
                          r"|^m(?:[1-9]|1[0-2])$", re.I)


def _period_columns(rows: list[list[str]]) -> list[list[str]] | None:
    """Products down the side and periods across the top ("| Product | Jan | Feb | Mar |"): each row becomes
    "Office 365: Jan 14,200, Feb 14,650, Mar 15,100", which reads as one product's listed periods."""
    from assistant.understanding.slots.products import parse_products

    header, body = rows[0], rows[1:]
    periods = header[1:]
    if len(periods) < 2 or not all(_PERIOD_HEAD.match(c) for c in periods):
        return None
    if not all(parse_products(r[0]) and all(_NUMERIC.match(c) for c in r[1:]) for r in body):
        return None
    return [[f"{r[0]}: " + ", ".join(f"{p} {'$' if _BARE.match(v) else ''}{v}" for p, v in zip(periods, r[1:]))] for r in body]
