"""How a follow-up changes the billing of the last payout or forecast: a line added, corrected,
renamed or dropped, another period of the same line, a factor of worked-out billing changed."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.conversation import ConversationState
from assistant.understanding.glossary import in_english
from assistant.understanding.inputs import _s
from assistant.understanding.line_changes import part_split_out, row_corrected, seat_price_change
from assistant.understanding.operations import ADDED
from assistant.understanding.durations import find_duration
from assistant.understanding.rates import PER_MONTHS, earning_period_months, rebuild
from assistant.understanding.period_parts import corrected_part
from assistant.understanding.seat_changes import FROM_MONTH, seat_change
from assistant.understanding.slots import Slots


_ONE_OFF = re.compile(r"\b(?:one[\s-]off|one[\s-]time|single|lump[\s-]sum|once)\b", re.I)


def duration(message: str):
    """The span a follow-up names on its own ("make that 9 months"), or None."""
    return find_duration(message, bare=True)


# "both together", "for the whole half" after a quarter at a time: the last two billings make up the span asked
BOTH = re.compile(r"\b(?:both|together|combined|in total|altogether|all of (?:them|it)|the two|"
                  r"(?:the\s+)?(?:whole|full|entire|complete)\s+(?:half|half[\s-]year|semester|six\s+months|(?:earning\s+)?period|year|"
                  r"twelve\s+months|12\s+months))\b", re.I)
# ("por el semestre completo", "pour le semestre entier": whole as partners writing in other languages say it)
_WHOLE = re.compile(r"\b(?:whole|total|both|combined|altogether|in\s+all|together|full|entire|overall|sum|completo|completa|entero|"
                    r"entera|inteiro|inteira|complet|complète|entier|entière|intero|intera|gesamte[nm]?|ganze[nm]?|hele)\b|"
                    r"\b(?:for|over|in)\s+(?:the\s+)?(?:half|half[\s-]year|semester|earning\s+period|six\s+months|6\s+months|h[12])\b|"
                    r"\ball\s+(?:\w+\s+)?(?:months|quarters|periods|halves)\b", re.I)


def denied_products(message: str, slots: Slots) -> set[str]:
    """Products the message names only to deny them ("Microsoft 365, not Office 365")."""
    from assistant.understanding.slots.products import parse_products

    return {p.key for p in parse_products(message)} - set(slots.products)


def _renamed(message: str, slots: Slots, old: dict) -> dict | None:
    """The last billing with one denied product's amount moved to the one product named without an amount."""
    gone = denied_products(message, slots) & set(old)
    named = [k for k in slots.products if k not in slots.lines and k not in old]
    if not CORRECTION.search(message) or len(gone) != 1 or len(named) != 1:
        return None
    (key,) = gone
    return {named[0] if k == key else k: v for k, v in old.items()}


def _another_period(message: str, amounts) -> bool:
    """An amount labelled with its own period, and the question asks for the span as a whole."""
    from assistant.understanding.slots.runs import PERIOD_LABEL

    labelled = all(PERIOD_LABEL.search(message[max(0, m.start - 14):m.start]) or m.note.endswith(" periods")
                   or _PERIOD_PLACE_AFTER.match(message, m.end) for m in amounts)
    # "Q2: 42k" after "Azure Q1 billed: 30k", asking nothing: the next period of a list being given turn by turn
    listing = not _ASKS.search(message) and not CORRECTION.search(message)
    return labelled and (bool(_WHOLE.search(message)) or listing)


# "Y 36.000 USD en el segundo", "and 42k in the second one": the next period of the span, named by its place
_PERIOD_PLACE_AFTER = re.compile(r"\s+(?:en|in|for|para|pour|au|im|nel|no|na)\s+(?:el|the|le|la|o|a|il|dem)?\s*"
                                 r"(?:segundo|segunda|second|deuxième|zweiten|secondo|tweede|tercer|tercero|third|troisième|"
                                 r"dritten|terzo|cuarto|fourth|quatrième|vierten|quarto|last|último|última|dernier)\b", re.I)
_ASKS = re.compile(r"\?|\b(?:what|how|which|whats|what's|calculate|compute|work\s+out|estimate|instead|rather|if)\b", re.I)


_ONLY = re.compile(r"\b(?:only|just|alone|by\s+itself|on\s+its\s+own)\b", re.I)
# "take the Azure out", "leave the D365 off": the product named between the verb and its particle goes too
REMOVE = re.compile(r"\b(?:remove|drop|without|exclude|excluding|leave\s+out|take\s+out|minus|except|ignore|only\s+(?:the\s+)?other|"
                    r"(?:take|leave|strip|cut|pull)\s+(?:the\s+|that\s+|our\s+)?[\w\s-]{1,40}?\s+(?:out|off)\b|"
                    r"(?:doesn't|does\s+not|don't|do\s+not|shouldn't|should\s+not)\s+count)\b", re.I)
CORRECTION = re.compile(r"\b(?:sorry|actually|mixed\s+up|i\s+meant|correction|wrong|typo|oops|my\s+bad|mistake|wait|hold\s+on|"
                        r"forgot\s+to\s+(?:say|mention)|(?:this|that|it)\s+(?:is|was)\s+for|"
                        # as partners writing in Spanish, Portuguese, French or German correct themselves
                        r"perd[oó]n|disculpa|desculpa|pardon|d[ée]sol[ée]|en\s+fait|en\s+realidad|na\s+verdade|"
                        r"correcci[oó]n|corre[cç][aã]o|korrektur|entschuldigung|eigentlich)\b", re.I)
_EXTRA_AFTER = re.compile(r"\s*(?:more|extra|additional|on\s+top)\b", re.I)
_EXTRA_BEFORE = re.compile(r"\b(?:another|an?\s+(?:extra|additional|further)|extra|additional|plus)\s+(?:\$|usd\s*)?$", re.I)


def _extra_amount(message: str, amounts) -> bool:
    """"with 10k more", "another $5k": amounts added to the billing just used, not a new figure for it."""
    return all(_EXTRA_AFTER.match(message, m.end) or _EXTRA_BEFORE.search(message[max(0, m.start - 20):m.start])
               for m in amounts)


# "oh and 15k of Power BI - so what's the total incentive now?": the new line joins the others, whatever its rate
_TOTAL_ASKED = re.compile(r"\b(?:total|altogether|all\s+together|combined|overall|in\s+all|all\s+in)\b", re.I)


_LAST_SPAN = re.compile(r"\b(?:last|final|remaining|closing|latter)\s+(?:\w+\s+)?(?:months?|quarter)\b", re.I)


def merge_billing(message: str, slots: Slots, state: ConversationState, last: dict, merged: dict, new: dict) -> dict:
    """`merged` with the billing lines this follow-up leaves: the last lines changed as the message says."""
    old = dict(last.get("lines") or {})
    # An amount paired with a product that has no rate ("add $30k of Copilot") changes no rated line.
    unrated = set(slots.unknown_lines.values())
    amounts = [m for m in slots.money if m.amount > 0 and m.amount not in unrated]
    quoted = [m for m in amounts if m.amount in {Decimal(str(v)) for v in old.values()}]
    if quoted and len(quoted) < len(amounts) and not slots.products:
        # "150k was the whole year; for the period it was 75k": the old figure is quoted, the new one replaces it
        amounts = [m for m in amounts if m not in quoted]
    row = row_corrected(message, amounts, last.get("parts") or {}) if not slots.products else None
    # "Q2 was really 31k once a late invoice posted": the period named gets the new amount, the others stay
    row = row or (corrected_part(message, amounts, last) if set(slots.products) <= set(old) else None)
    if row is not None:
        # "Row 2 should read 13,500.00, not 11,500.00": one of the amounts a line added up is replaced
        key, values = row
        merged["lines"] = {**old, key: _s(sum(values))}
        merged["parts"] = {**last["parts"], key: [_s(v) for v in values]}
        merged.pop("unpaired", None)
        return merged
    split = [k for k in last.get("split_between") or () if k not in slots.lines]
    if slots.lines and len(slots.unpaired) == 1 and len(split) == 1 and set(slots.lines) <= set(last["split_between"]):
        # asked how much of the $40k was each, "25k RIs and 15k regular": the amount left is the other product's
        merged["lines"] = {**{k: _s(v) for k, v in slots.lines.items()}, split[0]: _s(slots.unpaired[0])}
        merged.pop("split_between", None)
        merged.pop("unpaired", None)
        return merged
    inside = part_split_out(message, slots, old)
    if inside is not None:
        # "oops - the Azure number actually includes 30k of RIs": that part of the old line is its own line
        merged["lines"] = inside
        return merged
    renamed = _renamed(message, slots, old)
    if renamed is not None:
        # "correction: it was Microsoft 365, not Office 365": the denied product's amount moves to the one named
        old = renamed
    if renamed is not None and not amounts:
        lines = old
    elif (repriced := seat_price_change(slots, amounts, last)) is not None:
        # "what if we move them to a $20 per seat plan, same seats and months?": the seat price changes, seats and term stay
        key, factors = repriced
        lines = {**old, key: _s(rebuild(factors))}
        merged["basis"] = {key: factors}
    elif slots.lines:
        unnamed = [k for k in old if k not in slots.lines]
        # ("RI was actually 45k, not 30k", "205k not 250k": the old figure quoted is no new amount)
        fresh = [u for u in slots.unpaired if u not in {Decimal(str(v)) for v in old.values()}]
        if len(fresh) == 1 and len(unnamed) == 1 and CORRECTION.search(message):
            # "sorry, it was 35,000, and we also had 10,000 of Azure": the amount with no product corrects the one line
            old = {**old, unnamed[0]: _s(fresh[0])}
        # "also 20k of Azure" adds a line; "Azure was actually 35k" (a product already billed) changes only its line
        # ("Et si on ajoute 20 000 $ de Dynamics 365 …": a line added, as the English form says)
        keep = ADDED.search(message) or ADDED.search(in_english(message)) or renamed is not None or \
            (set(new["lines"]) < set(old) and not _ONLY.search(message))
        if keep and last.get("per") and not any(m.per for m in amounts) and last["per"] in PER_MONTHS \
                and (duration(message) or _ONE_OFF.search(message)):
            # "$9,500/month O365" then "add a one-off $12k of Strategic Software": the monthly line runs over its span
            # (or one earning period), the one-off one does not
            months = (duration(message) or (earning_period_months(), ""))[0]
            factor = Decimal(months) / PER_MONTHS[last["per"]]
            old = {k: _s(Decimal(str(v)) * factor) for k, v in old.items()}
            merged.pop("per", None)
        lines = {**old, **new["lines"]} if keep else new["lines"]
    elif slots.products and not amounts and old and REMOVE.search(message) and set(slots.products) & set(old):
        lines = {k: v for k, v in old.items() if k not in slots.products}  # "drop the Azure", "without D365"
    elif slots.products and not amounts and not old and len(last.get("unpaired") or []) == len(slots.products):
        lines = dict(zip(slots.products, last["unpaired"]))  # "sorry, it's Dynamics 365"
    elif amounts and not slots.products and not old and len(last.get("asked_products") or []) == len(amounts):
        # "about 80k" for the D365 asked about (beside the lines it was asked as an addition to)
        lines = {**(last.get("asked_beside") or {}), **{k: _s(m.amount) for k, m in zip(last["asked_products"], amounts)}}
    elif len(amounts) > 1 and not slots.products and not old and len(last.get("asked_products") or []) == 1:
        lines = {last["asked_products"][0]: _s(sum(m.amount for m in amounts))}  # "Q1 we billed 18k and Q2 22k": its periods
    elif slots.products and not amounts and len(slots.products) == 1 and isinstance(last.get("unrated"), dict) \
            and len(slots.unknown_products) == 1 and last["unrated"].get(slots.unknown_products[0]) is not None:
        # "if the Copilot line was actually Dynamics 365": the unrated line's amount moves to the product named
        lines = {**old, slots.products[0]: last["unrated"][slots.unknown_products[0]]}
        merged["unrated"] = {k: v for k, v in last["unrated"].items() if k != slots.unknown_products[0]}
    elif slots.products and not amounts and set(new.get("growth_by_product") or ()) & set(old):
        lines = old  # "if D365 grows 20% and the RIs stay flat": the lines billed, each grown its own way
    elif slots.products and not amounts and old and not set(slots.products) & set(old) and ADDED.search(message):
        # "and on our Azure as well?": a line added without its amount is asked for, never given the last one's
        lines = {}
        merged["asked_products"] = list(slots.products)
        merged["asked_beside"] = dict(old)  # the lines the amount, once given, is added to
    elif slots.products and not amounts:
        values = set(old.values())
        # "actually that was RIs": the one remembered amount moves to the product named now
        lines = dict.fromkeys(slots.products[:1], next(iter(values))) if len(values) == 1 else {}
    elif not amounts and not slots.products and BOTH.search(message) and state.earlier_inputs.get("lines"):
        # "and for both together", "the total across both halves": the last two calculations add up, product by product
        lines = dict(state.earlier_inputs["lines"])
        if all(old.get(k) == v for k, v in lines.items()) or last.get("listed_onto") == lines:
            lines = {}  # the last billing already holds the earlier one ("also 20k of Azure")
        for key, value in old.items():
            lines[key] = _s(Decimal(str(lines.get(key, 0))) + Decimal(str(value)))
    elif not amounts and not slots.products and last.get("basis") and (duration(message) or seat_change(message)):
        # "make that 9 months", "we added 30 more seats": one factor of the worked-out billing changes
        lines, basis = dict(old), {}
        changed, span = seat_change(message), duration(message)
        months = span[0] if span else None
        start = FROM_MONTH.search(message)
        for key, factors in last["basis"].items():
            seats = (factors[2] or 0) + changed[0] if changed and changed[1] else changed[0] if changed else None
            term = int(factors[3] or 0)
            # "from month 7 the client went down to 250 licences": the old count until then, the new one after;
            # "they added 50 more seats for the last three months": the added ones for the span at the end
            before = int(start.group("m")) - 1 if start else \
                term - months if changed and months and months < term and (changed[1] or _LAST_SPAN.search(message)) else None
            if before is not None and changed and 0 < before < term and factors[2]:
                lines[key] = _s(rebuild(factors, int(factors[2]), before) + rebuild(factors, seats, term - before))
                continue
            lines[key] = _s(rebuild(factors, seats, months))
            basis[key] = [factors[0], factors[1], seats or factors[2], months or factors[3]]
        merged["basis"] = basis
    elif not amounts and not slots.products and last.get("per") and duration(message) and \
            duration(message)[0] != PER_MONTHS[last["per"]]:  # "what's that per month?" changes nothing
        months, per = duration(message)[0], last["per"]
        factor = Decimal(months) / PER_MONTHS[per]
        lines = {k: _s(Decimal(v) * factor) for k, v in old.items()}
        merged.pop("per", None)
    elif amounts and not slots.products and len(old) == 1 and (_another_period(message, amounts)
                                                                or _extra_amount(message, amounts)):
        (key, value), = old.items()  # "Q2 was 31.5k, what for the whole half?": one more listed period
        lines = {key: _s(Decimal(value) + sum((m.amount for m in amounts), Decimal(0)))}
        merged["listed_onto"] = dict(old)  # the billing this one already holds: "for the whole half" adds nothing more
    elif amounts and not slots.products and old:
        lines = {next(iter(old)): _s(amounts[0].amount)} if len(old) == 1 else \
            ({k: _s(m.amount) for k, m in zip(old, amounts)} if len(amounts) == len(old) else {})
        key = next(iter(old))
        factors = (last.get("basis") or {}).get(key)
        if len(old) == 1 and factors and amounts[0].per == factors[1] and not amounts[0].basis:
            # "$2,500 a month for 10 months", then "typo: it's 3,500 a month": the price changes, the term stays
            lines = {key: _s(rebuild((str(amounts[0].amount), *factors[1:]), None, None))}
            merged["basis"] = {key: [str(amounts[0].amount), *factors[1:]]}
    else:
        lines = old
    noted = bool(slots.unknown_lines) and set(slots.unknown_lines) <= set(last.get("unrated") or ())
    unrated_asked = slots.unknown_lines or (slots.unknown_products and not slots.money and not slots.products)
    if slots.unknown_lines and not slots.lines and noted:
        lines = old  # "Copilot was actually 35k": the unrated line noted last time changes, the rated ones stay
    elif unrated_asked and not slots.lines and not ADDED.search(message) and not _TOTAL_ASKED.search(message):
        lines = {}  # "and on 20k of Copilot?", "and on Copilot?": asks about the product with no rate, not the last lines
    merged["lines"] = lines
    rebuilt = merged.get("basis") is not last.get("basis") and merged.get("basis") is not new.get("basis")
    if not rebuilt and (isinstance(merged.get("basis"), dict) or isinstance(new.get("basis"), dict)):
        # how each line was worked out stays with the line it built ("5k a month × 12" beside a new "2k a month × 6");
        # a line given a new amount of its own drops the old factors
        fresh = new.get("basis") if isinstance(new.get("basis"), dict) else {}
        kept = {k: v for k, v in (last.get("basis") or {}).items() if k in lines and k in old and lines[k] == old[k]}
        merged = {k: v for k, v in merged.items() if k != "basis"} | ({"basis": {**kept, **fresh}} if kept or fresh else {})
    if REMOVE.search(message) and slots.unknown_products and isinstance(merged.get("unrated"), dict):
        # "drop the Copilot part": the unrated line named goes too
        unrated = {k: v for k, v in last.get("unrated", {}).items() if k not in slots.unknown_products}
        merged = {k: v for k, v in merged.items() if k != "unrated"} | ({"unrated": unrated} if unrated else {})
    if lines:
        merged.pop("unpaired", None)
        merged.pop("asked_products", None)
        merged.pop("asked_beside", None)
    return merged
