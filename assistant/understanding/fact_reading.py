"""The partner's facts as one reading: each fact's latest polarity, the two profiles, the level held.

:mod:`assistant.understanding.polarity` reads each mention of a fact with its polarity; this puts the
mentions together into what the message says of the partner.
"""
from __future__ import annotations

from assistant.understanding.glossary import without_false_friends
from assistant.understanding.fact_mentions import read_facts
from assistant.understanding.polarity import _LEVEL, _TAX_STEMS, LEVEL_PAIR


def _bank_tax_part(words: str) -> tuple[str, ...]:
    low = words.lower()
    parts = tuple(p for p, words in (("bank", ("bank", "payment", "payout", "banc")), ("tax", _TAX_STEMS))
                  if any(w in low for w in words))
    return parts or ("bank", "tax")


def facts_with_polarity(text: str) -> dict:
    """key -> value (None: the partner says it does not know); a later statement of the same fact
    wins ("MPN active ... wait, it lapsed").

    Bank and tax are two profiles that must both be complete: each part keeps its own latest
    reading, and one part unmet leaves the requirement unmet whatever the other says.
    """
    text = without_false_friends(text)
    out: dict = {}
    levels, paired = [], set()
    parts: dict[str, bool | None] = {}
    for f in read_facts(text):
        if f.key == "competency":
            named = _LEVEL.search(f.text)
            levels.append((named.group(1).lower() if named else "", f.value))
            pair = LEVEL_PAIR.search(text, max(0, f.start - 12), f.end + 12)
            if pair and pair.start() <= f.start < pair.end():
                paired.add(len(levels) - 1)
        elif f.key == "bank_tax":
            parts.update(dict.fromkeys(_bank_tax_part(f.text), f.value))
        else:
            out[f.key] = f.value
    if parts:
        # "bank details entered" says nothing yet of the tax profile: met only when both parts are
        values = [parts.get("bank"), parts.get("tax")]
        out["bank_tax"] = False if False in values else True if values == [True, True] else None
        for part in ("bank", "tax"):
            if out["bank_tax"] is not True and parts.get(part):
                # "the bank profile is complete" (or "tax done, bank still in progress"): a part met is kept, so
                # that "tax is done too" (or "the bank profile is finished now") completes the pair later
                out[f"{part}_profile"] = True
    known = [v for _, v in levels if v is not None]
    # "Silver … actually the Silver hasn't been granted yet": a level's later reading replaces its earlier one.
    latest = {}
    for level, value in levels:
        if level and value is not None:
            latest[level] = value
    # "Silver/Gold competency | Gold": the pair names the requirement, the level named alone is the one held
    held = [v for _, i, (level, v) in sorted((i in paired, i, lv) for i, lv in enumerate(levels))
            if v not in (None, "none") and latest.get(level, v) == v]
    if held or known:
        # "Gold, not Silver": a level held anywhere outweighs the one denied; all denied -> none.
        out["competency"] = held[0] if held else "none"
    elif levels:
        out["competency"] = None
    return out
