"""Compare questions: two alternatives side by side and the difference asked for.

"How much more if our $30k of Dynamics were Azure RIs instead?", "H1 Azure 50k, H2 40k: how did
the incentive change?", "if we moved half of it to reserved instances": each side's billing.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.understanding.rates import rebuild
from assistant.understanding.scaling import scale_factor, scaled_lines
from assistant.understanding.seat_counts import two_seat_counts, two_spans
from assistant.understanding.operations import _BASE, _COMPARE, _OPS, _THRESHOLD_GOAL, _rx

_CHANGE = _rx(_OPS["compare_change"])
_DIFFERENCE = _rx(_OPS["difference_asked"])
# "if we shifted $40k of billing from M365 into D365": a move needs where from and where to.
_MOVED_FROM = re.compile(r"\b(?:shift\w*|mov(?:e|ed|ing)|transfer\w*|realloc\w*|switch\w*|convert\w*|migrat\w*)\b[^.?!]{0,60}"
                         r"\b(?:from|of)\b[^.?!]{0,60}\b(?:to|into|onto|over\s+to|over\s+into)\b", re.I)
# "25k of our Dynamics 365 will be reclassified as Software in CSP": billing recast as another product.
_RECAST = re.compile(r"\b(?:reclassif\w*|re-?categori[sz]\w*|re-?book\w*|re-?label+\w*|re-?cod\w*|re-?map\w*)(?:\s+(?:as|to|into)\b)?"
                     r"|\bclassified\b[^.?!]{0,60}\bas\b[^.?!]{0,80}\bshould\s+be\b", re.I)
# "how would our incentive change?": the difference asked about in so many words.
# ("how much does our co-op accrual go up by?": the rise asked of what the billing earns)
_CHANGE_ASKED = re.compile(r"\b(?:incentive|payout|rebate|earnings?|co-?op|accrual)\b[^.?!]{0,30}\b(?:change|(?:go|goes|went|gone)\s+(?:up|down)|"
                           r"(?:rise|rises|rose|grow|grows|grew|increase|increases|drop|drops|fall|falls)\s+by)\b|"
                           r"\b(?:change|gain|loss|uplift|drop|increase|decrease|rise)\s+"
                           r"(?:in|of)\s+(?:our\s+|the\s+)?(?:incentive|payout|rebate|earnings?|co-?op|accrual)\b", re.I)
# "which deal earns us more?", "the gap in incentive between them": a comparison asked without a cue phrase.
_WHICH_MORE = re.compile(r"\bwhich\b[^.?!]{0,40}?\b(?:more|less|better|worse|higher|lower|bigger|larger|smaller)\b"
                         r"|\b(?:gap|delta)\s+(?:in|between|of)\b", re.I)
_OF_IT = re.compile(r"\s*(?:of\s+(?:it|that|this|those|these|them|the\s+\w+)|out\s+of\s+(?:it|that))\b", re.I)
# A label that opens one period's billing: "This half:", "last period -", "H1:", "Q3".
_PERIOD_GROUP = re.compile(r"\b(?:(?P<rel>this|last|previous|prior|current|past|next)\s+(?:half|period|earning\s+period|quarter|"
                           r"semester|year|month)|(?P<tag>h[12]|q[1-4]|(?:earning\s+)?period\s+[1-4]|(?:first|second|1st|2nd)\s+(?:half|period|earning\s+period))|(?P<option>(?:option|scenario|plan|case|variant|deal|quote|offer|proposal)\s+(?:[a-d1-4])))\b",
                           re.I)
# "Today: $120k of Azure. Proposal: $80k stays Azure and $40k goes to RIs": a side headed by what it is
_HEADED_SIDE = re.compile(r"(?:^|(?<=[.;!?\n]))[ \t]*(?:today|currently|current(?:\s+(?:setup|state|situation|mix|plan))?|now|"
                          r"as[\s-]is|status\s+quo|baseline|proposal|proposed(?:\s+(?:setup|mix|plan))?|alternative|"
                          r"new\s+(?:setup|plan|mix)|after|before|tomorrow|future)[ \t]*[:–—]", re.I | re.M)
_EARLIER = re.compile(r"last|previous|prior|past", re.I)
_TAG = re.compile(r"[hq][1-4]", re.I)
# "A: 150 seats … B: 10 seats …", "B) …", "A = 24k …", a pasted table's row "A | Azure $100,000 | …": a capital letter
# labels an option
_OPTION_LETTER = re.compile(r"(?<![\w'])[AB](?=\s*[:)=]\s)|^[ \t]*[AB](?=[ \t]*\|)", re.M)


def _period_groups(text: str, slots) -> tuple[dict, dict] | None:
    """(earlier, later) billing lines when the message lists two labelled periods' billing, or (A, B)
    for two labelled options ("Option A: ...", "B: ..."). Amounts are the message's own, worked out
    (seats × price × the term stated once for both)."""
    from assistant.understanding.slots.lines import pair
    from assistant.understanding.slots.products import parse_products

    labels = sorted([(m.start(), m.group("rel") or m.group("tag") or "", bool(m.group("option"))) for m in _PERIOD_GROUP.finditer(text)]
                    + [(m.start(), "", True) for m in _OPTION_LETTER.finditer(text)]
                    + [(m.start(), "", True) for m in _HEADED_SIDE.finditer(text)])
    mentions = parse_products(text)
    groups, built = [], []
    for i, (start, rel, option) in enumerate(labels):
        end = labels[i + 1][0] if i + 1 < len(labels) else len(text)
        # (a product at $0 in one option still takes its place in the pairing: "A | Azure $100,000 | Dynamics 365 $0")
        paired = [a for a in slots.money if start <= a.start < end and a.amount >= 0]
        amounts = [a for a in paired if a.amount > 0]
        pairs, _, _ = pair(text, paired, [p for p in mentions if start <= p.start < end])
        lines: dict = {}
        for a, p in pairs:
            if a.amount > 0:
                lines[p.key] = lines.get(p.key, Decimal(0)) + a.amount
        if not lines and len(groups) == 1 and len(groups[0][2]) == 1 and len(amounts) == 1:
            lines = {next(iter(groups[0][2])): amounts[0].amount}  # "H1 Office 365 billed $140k, H2 $165k": the same product
        if not lines and not amounts and len(groups) == 1 and len(groups[0][2]) == 1 and len(built) == 1:
            # "A: 120 seats at $32/seat/month for 6 months. B: 150 seats, same price and term": A's factors, B's own count or span
            lines = _refactored(text[start:end], built[0], next(iter(groups[0][2])))
        if lines:
            built = [a for a in amounts if a.basis]
            groups.append((rel, option, lines, bool(re.match(r"[\w\s-]{0,30}?:", text[start:start + 40]))))
    if len(groups) != 2:
        return None
    (rel1, opt1, first, headed1), (rel2, opt2, second, headed2) = groups
    # "Last period: O365 $70k. This period: O365 $55k plus D365 $20k": two headed periods, each with its own products
    headed = headed1 and headed2 and rel1 and rel2 and bool(_EARLIER.fullmatch(rel1)) != bool(_EARLIER.fullmatch(rel2))
    if not (opt1 and opt2) and not headed and set(first) != set(second) and \
            not (rel1 and rel2 and _TAG.fullmatch(rel1) and _TAG.fullmatch(rel2)):
        # two periods of the same products, or this is not a period-over-period question; two periods each
        # named by its own label ("H1: O365 + Azure. H2: O365 + D365") may bill different products
        return None
    if _EARLIER.fullmatch(rel2 or "-") and not _EARLIER.fullmatch(rel1 or "-"):
        first, second = second, first  # "This half: ... Last half: ...": the last half came first
    return first, second


def _refactored(segment: str, worked, key: str) -> dict:
    """The other option's billing: the worked-out amount of the first with this segment's seats or span."""
    from assistant.understanding.followup_billing import duration
    from assistant.understanding.seat_changes import seat_change

    seats, span = seat_change(segment), duration(segment)
    if not (seats or span):
        return {}
    old_seats = worked.basis[2]
    count = (old_seats or 0) + seats[0] if seats and seats[1] else seats[0] if seats else None
    return {key: rebuild(worked.basis, count, span[0] if span else None)}


_SHARE_OF_IT = re.compile(r"(?:(?P<pct>\d{1,2}(?:\.\d+)?)\s*(?:%|percent|per\s*cent)|(?P<frac>half|(?:a|one)\s+third|(?:a|one)\s+"
                          r"quarter|(?:a|one)\s+fifth|two\s+thirds|three\s+quarters))" + _OF_IT.pattern, re.I)
_SHARE_WORDS = {"half": Decimal(1) / 2, "third": Decimal(1) / 3, "quarter": Decimal(1) / 4, "fifth": Decimal(1) / 5,
                "two thirds": Decimal(2) / 3, "three quarters": Decimal(3) / 4}


def _share(m: re.Match) -> Decimal:
    """The share of the whole a match names: "30%" -> 0.3, "half" -> 0.5, "a third" -> 1/3."""
    if m.group("pct"):
        return Decimal(m.group("pct")) / 100
    words = re.sub(r"^(?:a|one)\s+", "", " ".join(m.group("frac").lower().split()))
    return _SHARE_WORDS[words]
# "how much more co-op would we have accrued?", "the 60% rebate part specifically": one portion of the
# split is what is compared.
def _asks_portion(word: str) -> re.Pattern:
    return re.compile(rf"\b(?:how\s+much|what)\s+(?:more|less|extra|additional|lower|higher)?\s*{word}\b|"
                      # "how much bigger would our co-op accrual be?"
                      rf"\bhow\s+much\s+(?:more|less|bigger|smaller|larger|higher|lower)\b[^.?!]{{0,25}}\b{word}\b|"
                      rf"\b(?:more|less|higher|lower|extra|bigger|smaller|mehr|weniger|más|menos)\s+{word}\b|"
                      rf"\b{word}\b[^.?!]{{0,25}}\b(?:difference|differ|change|higher|lower|more|less|part|portion|specifically|only|"
                      # "how much does our co-op accrual go up by?"
                      rf"(?:go|goes|went)\s+(?:up|down)|(?:rise|rises|grow|grows|increase|increases|drop|drops|fall|falls)\s+by)\b|"
                      rf"\b(?:in|on)\s+the\s+(?:\d+\s*%\s+)?{word}\s+(?:part|portion|share)\b|"
                      # "what's the difference in co-op accrual between the two?"
                      rf"\b(?:difference|differ\w*|change|gap|delta)\s+(?:in|of|on|for)\s+(?:the\s+|our\s+)?{word}\b", re.I)


_ASKS_PORTION = {"coop": _asks_portion(r"co-?op"), "rebate": _asks_portion(r"rebates?")}


# Words that set up a second alternative; "how much more" alone may ask the distance to a bar.
_ALTERNATIVE = re.compile(r"\b(?:instead|versus|vs\.?|rather\s+than|compared\s+(?:to|with)|if\s+(?:\w+\s+){0,4}(?:were|was|had\s+been)|"
                          # "si nos 120 000 $ de Microsoft 365 étaient du Dynamics 365", "wenn die 50k Azure RIs wären"
                          r"(?:si|wenn|se)\s+(?:\S+\s+){0,8}?(?:c['’]|qu['’])?(?:étaient|était|fueran|fuera|fuesen|fossem|fosse|wären|wäre)|"
                          r"option|scenario|switch\w*|mov(?:e|ed|ing)|shift\w*|convert\w*)\b", re.I)


# "as Dynamics 365 instead of (as) Office 365": the base word right before the product it names
_BASE_BEFORE = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _OPS["compare_base"]) + r")"
                          # ("instead of 200 mil dólares em Azure": the amount may stand between the base word and its product)
                          r"\s+(?:(?:\$|usd\s*|us\$\s*)?\d[\d.,]*\s*(?:k|m|mil|thousand|grand)?\s*(?:d[oó]lares|dollars?|dollari|usd|\$)?\s*"
                          r"(?:of|de|em|en|in|di|van|von|worth\s+of)\s+)?(?:as\s+|als\s+|como\s+|our\s+|the\s+)?$", re.I)


def _first_mention(text: str, key: str) -> int:
    from assistant.understanding.slots.products import parse_products

    return next((p.start for p in parse_products(text) if p.key == key), 0)


_GROWTH_AGAINST = re.compile(r"\b(?:flat|same|unchanged|steady|grow\w*|up|down|higher|lower|\d+(?:\.\d+)?\s*%)\s+(?:compared\s+(?:to|with)|versus|vs\.?|"
                             r"against|on)\s+(?:the\s+)?(?:last|previous|prior|this|current)\s+(?:one|period|half|year|quarter|semester)\b", re.I)


# "… versus $100k as Microsoft 365? If so, how much?": a question that only asks the size of what was just asked
_LEANS_BACK = re.compile(r"\s*(?:and\s+)?(?:if\s+(?:so|yes|there\s+is(?:\s+one)?|it\s+does)\b|(?:by\s+)?how\s+much\s+(?:more|less|is\s+it|"
                         r"would\s+(?:it|that)\s+be)\s*\?)", re.I)


def _asked(text: str) -> str:
    """The sentence that asks (the last one with a question mark), or the whole message; a last question of a
    word or two ("… between 25k of M365 and 25k of O365? How much?") leans on the one before it."""
    asks = [s for s in re.split(r"(?<=[.!?\n])\s+", text) if "?" in s]
    if len(asks) >= 2 and (len(asks[-1].split()) <= 3 or _LEANS_BACK.match(asks[-1])):
        return f"{asks[-2]} {asks[-1]}"
    return asks[-1] if asks else text


# "Compare the co-op we'd accrue on 150k vs 210k": the portion named as what is compared
_PORTION_COMPARED = re.compile(r"\bcompar\w*\s+(?:the\s+|our\s+)?(?P<part>co-?op|rebates?)\b(?!\s+(?:threshold|rules?))", re.I)
_LABELLED_SIDE = re.compile(r"\b(?:variant[es]?|option|scenario|szenario|escenario|cen[aá]rio|sc[eé]nario|opci[oó]n|op[cç][aã]o|alternative|case)\s*(?:[12ab]|one|two)\b", re.I)


_COOP_SHORT = re.compile(r"\bco[\s-]?op\b[^?]{0,60}\b(?:short|shortfall|usable|unlock)\w*|\b(?:short|shortfall)\w*\b[^?]{0,40}\bco[\s-]?op\b",
                         re.I)


def read_compare(text: str, slots) -> dict | None:
    """Inputs of a compare question ({"a": lines, "b": lines}), or None."""
    asked = _asked(text)
    measure = next(({"measure": k} for k, rx in _ASKS_PORTION.items() if rx.search(asked)), {}) or \
        next(({"measure": m.group("part").lower().rstrip("s").replace("co op", "coop").replace("co-op", "coop")}
              for m in [_PORTION_COMPARED.search(text)] if m), {})
    if _CHANGE.search(text) or _COMPARE.search(text) or _WHICH_MORE.search(text):
        groups = _period_groups(text, slots)
        if groups is not None:
            return {"a": _text(groups[0]), "b": _text(groups[1]), **measure}
    if _GROWTH_AGAINST.search(text):
        return None  # "if next period is flat compared with the last one": a growth, not two alternatives
    scaled = scale_factor(text) if slots.lines and _DIFFERENCE.search(text) else None
    if scaled:
        # "how much more would we earn if we billed 15% more?": the billing beside itself, changed
        return {"a": _text(slots.lines), "b": scaled_lines(slots.lines, scaled[0]), **measure}
    if (_THRESHOLD_GOAL.search(_asked(text)) or _COOP_SHORT.search(_asked(text))) and not _ALTERNATIVE.search(text):
        # "how much more co-op to reach the usage threshold?", "by how much does our co-op fall short of the usable
        # level?": the distance to a bar, not two alternatives
        return None
    # a short message is one sentence's worth of context; "Variante 1: … Variante 2: …" lays two sides out by name
    short = len(text.split()) <= 25 or len(_LABELLED_SIDE.findall(text)) >= 2
    cues = [*_COMPARE.finditer(text), *_CHANGE_ASKED.finditer(text), *_MOVED_FROM.finditer(text), *_WHICH_MORE.finditer(text),
            *(_RECAST.finditer(text) if _DIFFERENCE.search(text) else ())]
    if not any(short or _near_subject(text, cue, slots) for cue in cues):
        return None
    asked = _asked(text)
    at = text.rfind(asked)
    if "?" in text and not any(at <= c.start() < at + len(asked) for c in cues) \
            and not (_DIFFERENCE.search(asked) or _CHANGE.search(asked) or _WHICH_MORE.search(asked)):
        return None  # "One customer moved to RIs. … Total incentive for us?": the move is background; a total is asked
    amounts = [m for m in slots.money if m.amount > 0]
    keys = list(dict.fromkeys(slots.products))
    if len(keys) == 1:
        # "… push it to 700k. How much extra would the 700k scenario bring?": an amount named again is the same one
        # ("… and a $36 one … if they pick the $36 plan?": the price named again is that option's)
        amounts = [m for i, m in enumerate(amounts) if all(m.amount != o.amount and _price(m) != _price(o) for o in amounts[:i])]
    part = next((m for m in amounts if _OF_IT.match(text, m.end)), None)
    share = _SHARE_OF_IT.search(text)
    if part is None and share and len(keys) == 2 and len(amounts) == 1 and 0 < _share(share) < 1:
        # "we bill $200k of Azure; if we moved 30% (or half) of that into RIs": the share of the whole moves
        whole = amounts[0].amount
        moved = whole * _share(share)
        return {"a": _text({keys[0]: whole}), "b": _text({keys[0]: whole - moved, keys[1]: moved}), **measure}
    moved = _moved_between_lines(text, slots, part, keys)
    if moved is not None:
        return {**moved, **measure}
    if part is not None and len(keys) == 2 and amounts[0] is not part and amounts[0].amount > part.amount:
        # "150k of Azure; if we convert 50k of it into RIs (the other 100k stays)": a share moves.
        whole = amounts[0].amount
        rest = whole - part.amount
        if all(m is part or m is amounts[0] or m.amount == rest for m in amounts):
            return {"a": _text({keys[0]: whole}), "b": _text({keys[0]: rest, keys[1]: part.amount}), **measure}
        return None
    counted = two_seat_counts(text, amounts) if len(keys) == 1 and len(amounts) == 1 else None
    spans = two_spans(text, amounts) if len(keys) == 1 and counted is None else None
    if spans is not None:
        # "$5k/month of Azure: a 6-month or a 9-month commitment?": one monthly price, two spans
        basis = amounts[0].basis or (format(amounts[0].amount, "f"), "month", None, None)
        a, b = ({keys[0]: rebuild(basis, months=n)} for n in spans)
    elif counted is not None:
        # "$22/user/month for six months: how much more at 140 seats compared to 100?": one price, two counts
        a, b = ({keys[0]: rebuild(amounts[0].basis, seats=n)} for n in counted)
    elif len(keys) == 2 and len(slots.lines) == 2:
        a, b = ({keys[0]: slots.lines[keys[0]]}, {keys[1]: slots.lines[keys[1]]})
        if _BASE_BEFORE.search(text, 0, _first_mention(text, keys[1])):
            a, b = b, a  # "200k of RIs instead of 200k of plain Azure": the product after "instead of" is the one billed now
    elif len(keys) == 2 and len(amounts) == 1:
        a, b = {keys[0]: amounts[0].amount}, {keys[1]: amounts[0].amount}
        if _BASE_BEFORE.search(text, 0, _first_mention(text, keys[1])):
            a, b = b, a  # "as Dynamics 365 instead of as Office 365": the product after "instead of" is the one billed now
    elif len(keys) == 1 and len(amounts) == 2:
        first, second = amounts
        # "150k instead of 120k": the amount after "instead of" is the one compared against.
        if _BASE.search(text[max(0, second.start - 20):second.start]):
            first, second = second, first
        a, b = {keys[0]: first.amount}, {keys[0]: second.amount}
    else:
        return None
    per = next((m.per for m in amounts if m.per), None)
    return {"a": _text(a), "b": _text(b), **({"per": per} if per else {}), **measure}


def _price(m) -> Decimal:
    """The amount as written: a seat price before its seats and months are multiplied out."""
    return Decimal(m.basis[0]) if m.basis else m.amount


def _moved_between_lines(text: str, slots, part, keys) -> dict | None:
    """"O365 $150k, D365 $40k. What if we moved $20k of that O365 into D365?": a share moves from one
    billed line to the other; the two mixes are compared."""
    from assistant.understanding.slots.products import parse_products

    if part is None or len(keys) != 2 or set(keys) != set(slots.lines) or part.amount in slots.lines.values():
        return None
    source = next((p.key for p in parse_products(text) if 0 <= p.start - part.end <= 24), None)
    if source is None or slots.lines[source] < part.amount:
        return None
    dest = next(k for k in keys if k != source)
    a = dict(slots.lines)
    b = {**a, source: a[source] - part.amount, dest: a[dest] + part.amount}
    return {"a": _text(a), "b": _text({k: v for k, v in b.items() if v > 0})}


def _near_subject(text: str, cue: re.Match, slots) -> bool:
    """A comparison cue counts only in a sentence that speaks of an amount or a product."""
    from assistant.understanding.slots.products import parse_products

    lo = max(text.rfind(c, 0, cue.start()) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, cue.end()) for c in ".!?\n") if i != -1]
    # "How much more does the bigger option bring?": one of the alternatives named points back to them all
    # ("… going from $20 to $36 a seat. How much more incentive does the upgrade bring?", "… the additional seats":
    # the change named back)
    pointing = re.search(r"\b(?:that|this|it|the\s+two)\b|\b(?:option|scenario|variant|alternative|choice|proposal|quote)s?\b|"
                         r"\bthe\s+(?:upgrade|downgrade|switch|move|migration|swap|conversion)\b|"
                         r"\b(?:the|those|these)\s+(?:additional|extra|added|further)\s+\w+",
                         text[lo:min(ends) if ends else len(text)], re.I)
    if _CHANGE_ASKED.match(text, cue.start()) or pointing:
        # "… could land either as Software in CSP or as Strategic Software. How much difference does that make?":
        # the sentence pointed back to says what
        # "... today $64k of Software, tomorrow $64k of Azure. What is the gain in incentive?": the sentence before says what
        lo = max(text.rfind(c, 0, max(0, lo - 2)) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, cue.end()) for c in ".!?\n") if i != -1]
    hi = min(ends) if ends else len(text)
    return any(lo <= m.start < hi for m in slots.money) or any(lo <= p.start < hi for p in parse_products(text))


def _text(lines: dict[str, Decimal]) -> dict[str, str]:
    return {k: format(v, "f") for k, v in lines.items()}
