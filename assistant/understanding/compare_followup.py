"""A follow-up that moves the billing just worked out to another product: "what if it had been Dynamics instead?",
"and if 50k of that had been RIs?" - the compare (or the payout) of the moved billing."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.understanding.comparisons import _DIFFERENCE, _SHARE_OF_IT, _share, _text
from assistant.understanding.operations import _COMPARE, ADDED


def read_compare_followup(text: str, slots, last: dict) -> tuple[str, dict] | None:
    """After a payout, "what if it had been Dynamics instead?" or "if 50k of that had been RIs instead?".

    The last billing moves, all of it or the amount named, to the product named now. Returns
    ("compare", {"a", "b"}) when the difference is asked, else ("payout", {"lines"}) for what the
    moved billing earns.
    """
    # ("combien aurions-nous gagné de plus ?": French "de plus" is "more", no line added)
    if not _COMPARE.search(text) or any(not re.match(r"(?i)plus", m.group(0)) or not re.search(r"(?i)\bde\s+$", text[:m.start()])
                                        for m in ADDED.finditer(text)):
        return None  # "drop the Copilot part and add 20k of RIs instead": a line added, not billing moved
    moved_to = [k for k in dict.fromkeys(slots.products) if k not in last]
    amounts = [m.amount for m in slots.money if m.amount > 0]
    # of several lines, the one named moves ("40k Azure and 25k D365", then "if that 40k of Azure had been RIs")
    named = [k for k in dict.fromkeys(slots.products) if k in last]
    if len(moved_to) != 1 or len(amounts) > 1 or (len(last) != 1 and len(named) != 1):
        return None
    source = next(iter(last)) if len(last) == 1 else named[0]
    value = Decimal(str(last[source]))
    part = amounts[0] if amounts else value
    share = None if amounts else _SHARE_OF_IT.search(text)
    if share and 0 < _share(share) <= 1:
        part = (value * _share(share)).quantize(Decimal("0.01"))  # "and if half of that had been Dynamics 365 instead?"
    if part > value:
        return None  # more than was billed cannot move: not a share of "that"
    rest = {k: Decimal(str(v)) for k, v in last.items() if k != source}
    b = {k: v for k, v in {**rest, source: value - part, moved_to[0]: part}.items() if v > 0}
    if _DIFFERENCE.search(text):
        return "compare", {"a": _text({**rest, source: value}), "b": _text(b)}
    return "payout", {"lines": _text(b)}
