"""Metamorphic variants: one calculator case written many ways must give one figure or verdict.

Variants are generated from the golden calculator cases (``tests/calculators/cases``): every
money form a person writes, wrappers (greetings, an email with an unrelated paragraph and a
signature), product typos, reordered clauses, dashes and bullets as punctuation, monthly,
quarterly and per-seat forms of the same billing, pasted table exports, one amount switched
wholly or partly to another product (the difference must hold), and negated partner facts (the
verdict must flip to not eligible). The expected value always comes from calling the calculator directly.
"""
from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

from assistant.evaluation.metamorphic_forms import restated_variants, table_variants, written_out_variants
from assistant.evaluation.metamorphic_money import Variant, money_forms
from calculators import eligibility, payout
from calculators.compare import compare
from calculators.products import products, resolve_product

CASES_DIR = Path(__file__).resolve().parents[2] / "tests" / "calculators" / "cases"


def _typo(name: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if len(name.replace(" ", "")) < 7 or len(letters) < 6:
        return name
    i = rng.choice(letters[2:-1])
    return name[:i] + name[i + 1] + name[i] + name[i + 2:] if name[i + 1].isalpha() else name


def _names(key: str) -> list[str]:
    p = products()[key]
    short = sorted((s for s in p.synonyms if len(s) <= 6 and s != "ri" and s != "office"), key=len)
    return [p.name] + [s.upper() if len(s) <= 4 else s for s in short[:2]]


_LINE_FORMS = ["{amount} of {name}", "{name}: {amount}", "{name} - {amount}", "{amount} on {name}",
               "{name} came in at {amount}"]
_TEMPLATES = [
    "{lines}, what's our incentive?",
    "how much incentive do we get on {lines}?",
    "quick one: {lines} billed this period. incentive?",
    "Hi team,\n\nHope you had a good weekend. Unrelated, but the office is closed on Friday for the move.\n\n"
    "Quick question from finance: we billed {lines} in the last earning period. What incentive should we "
    "expect?\n\nBest regards,\nAlex Moreau\nFinance Controller",
    "our numbers for the half:\n{bullets}\nwhat's the total incentive?",
]


def _payout_cases() -> list[tuple[str, dict[str, Decimal]]]:
    out = []
    for case in yaml.safe_load((CASES_DIR / "payout.yaml").read_text(encoding="utf-8")):
        raw = case.get("inputs", {}).get("lines")
        if not isinstance(raw, dict) or "expected" not in case:
            continue
        try:
            lines = {resolve_product(k): Decimal(str(v)) for k, v in raw.items()}
        except Exception:  # noqa: BLE001 - golden cases of bad input have nothing to vary
            continue
        if all(v >= 1000 and v == int(v) for v in lines.values()) and len(lines) <= 3:
            out.append((case["name"], lines))
    return out


def payout_variants(rng: random.Random) -> list[Variant]:
    out = []
    for base, lines in _payout_cases():
        total = float(payout(lines, date(2022, 1, 15)).total)
        for t_i, template in enumerate(_TEMPLATES):
            for f_i in range(len(money_forms(Decimal(1000)))):
                parts = []
                for key, amount in lines.items():
                    forms = money_forms(amount)
                    name = rng.choice(_names(key))
                    if rng.random() < 0.25:
                        name = _typo(name, rng)
                    parts.append(rng.choice(_LINE_FORMS).format(amount=forms[f_i % len(forms)], name=name))
                text = template.format(lines=" and ".join(parts), bullets="\n".join(f"- {p}" for p in parts))
                out.append(Variant(f"payout:{base}:{t_i}:{f_i}", text, "figure", total, base))
        out += table_variants(base, lines, total, rng)
        for key, amount in lines.items():
            if len(lines) > 1:
                break
            name = products()[key].name
            out += written_out_variants(base, name, amount, total)
            monthly, quarterly = amount / 6, amount / 2
            if monthly != monthly.quantize(Decimal("0.01")):
                continue
            out += [
                Variant(f"payout:{base}:monthly", f"We bill {money_forms(monthly)[0]} a month of {name}, for 6 months. "
                        "Incentive?", "figure", total, base),
                Variant(f"payout:{base}:range", f"{name} billing from January to June was "
                        f"{money_forms(monthly)[0]} every month. what incentive?", "figure", total, base),
                Variant(f"payout:{base}:quarterly", f"{name}: Q1 was {money_forms(quarterly)[0]}, Q2 "
                        f"{money_forms(quarterly)[0]}. incentive for the half?", "figure", total, base),
            ]
            if (amount / 60) == int(amount / 60):
                price = amount / 60
                out.append(Variant(f"payout:{base}:seats", f"10 seats of {name} at {money_forms(price)[0]} per user "
                                   "per month for 6 months, incentive?", "figure", total, base))
                out.append(Variant(f"payout:{base}:seats-pm", f"10 users on {name} at {money_forms(price)[0]} pm, for the "
                                   "full six-month earning period. Total incentive?", "figure", total, base))
            out += restated_variants(base, key, name, amount, total)

    return out


_POSITIVE = {
    "mpn_active": ["MPN active", "our MPN ID is active", "active MPN", "MPN is fine", "our MPN has never been inactive",
                   "it's not that we don't have an MPN: it's active", "MPN: active"],
    "indirect_reseller": ["we're a CSP indirect reseller", "tier 2 reseller here", "we are an indirect reseller"],
    "competency": ["Silver Cloud Productivity", "we hold Gold in Cloud Platform", "we have a Silver competency"],
    "bank_tax": ["bank and tax profiles complete", "bank + tax done", "bank/tax all set up",
                 "payment and tax profile complete", "there's nothing missing in our bank or tax profiles"],
}
_NEGATIVE = {
    "mpn_active": ["our MPN lapsed last month", "MPN expired", "we don't have an active MPN", "The MPN? It expired last month",
                   "our MPN ID got deactivated during the merger"],
    "competency": ["we aren't Silver or Gold in anything", "no competency at the moment",
                   "we dropped our Silver last year"],
    "bank_tax": ["bank and tax not done yet", "tax profile is still missing", "we haven't finished bank and tax",
                 "bank profile done; the tax profile, honestly, is only half done", "bank: done\ntax info - still outstanding",
                 "the tax profile was never completed", "bank and tax profiles still in progress",
                 "tax is done but we haven't entered bank details yet",
                 "tax profile still says 'in progress' in Partner Center"],
}


def eligibility_variants(rng: random.Random, count: int = 1200) -> list[Variant]:
    out = []
    on = date(2022, 1, 15)
    for i in range(count):
        ttm = Decimal(rng.choice([26000, 30000, 52000, 90000, 25000, 130000]))
        facts = dict.fromkeys(_POSITIVE, True)
        negate = rng.choice([None, "mpn_active", "competency", "bank_tax"]) if i % 2 else None
        parts = []
        for key in _POSITIVE:
            phrases = _NEGATIVE[key] if key == negate else _POSITIVE[key]
            parts.append(rng.choice(phrases))
            if key == negate:
                facts[key] = False
        parts.append(f"TTM {rng.choice(money_forms(ttm))}")
        rng.shuffle(parts)
        joiner = rng.choice([", ", ". ", "; ", "\n- "])
        question = rng.choice(["are we eligible for the reseller incentive?", "do we qualify?",
                               "eligible for the CSP indirect reseller incentive?"])
        text = joiner.join(parts) + (". " if joiner != "\n- " else "\n") + question
        expected = eligibility("reseller", on, mpn_active=facts["mpn_active"], indirect_reseller=True,
                               competency="silver" if facts["competency"] else "none", bank_tax=facts["bank_tax"],
                               ttm_revenue=ttm).eligible
        out.append(Variant(f"eligibility:{i}:{negate or 'all'}", text, "eligible", expected, negate or "all"))
    return out


# The same switch asked many ways: all of the billing, or a share of it, as another product.
_WHOLE_SWITCH = [
    "how much more would we earn if our {amount} of {a} were {b} instead?",
    "{amount} of {a} this half. What if it had been {b} instead - what's the difference in incentive?",
    "we billed {a} {amount}; if that had been {b} rather than {a}, how much would the incentive change?",
]
_SHARE_SWITCH = [
    "We have {amount} of {a}. If we convert {part} of it into {b}, how much extra incentive?",
    "{a} billing is {amount}; if {part} of that were {b} instead, what's the change in our incentive?",
]


def compare_variants(rng: random.Random) -> list[Variant]:
    """One amount moved, whole or in part, from one product to another: the difference is the calculator's."""
    keys = ["o365", "d365", "azure", "azure_ri", "strategic_software"]
    out = []
    for base, lines in _payout_cases():
        if len(lines) != 1:
            continue
        (a, amount), = lines.items()
        for b in [k for k in keys if k != a][:2]:
            whole = float(abs(compare({a: amount}, {b: amount}, date(2022, 1, 15)).difference))
            part = (amount / 4).quantize(Decimal(1))
            share = float(abs(compare({a: amount}, {a: amount - part, b: part}, date(2022, 1, 15)).difference))
            forms = money_forms(amount)
            for i, t in enumerate(_WHOLE_SWITCH):
                text = t.format(amount=rng.choice(forms), a=rng.choice(_names(a)), b=products()[b].name)
                out.append(Variant(f"compare:{base}:{b}:whole{i}", text, "difference", whole, base))
            for i, t in enumerate(_SHARE_SWITCH):
                text = t.format(amount=forms[0], part=money_forms(part)[0], a=products()[a].name, b=products()[b].name)
                out.append(Variant(f"compare:{base}:{b}:share{i}", text, "difference", share, base))
    return out


def all_variants(seed: int = 7) -> list[Variant]:
    from assistant.evaluation.metamorphic_goals import competency_variants, goal_variants

    rng = random.Random(seed)
    return (payout_variants(rng) + eligibility_variants(rng) + compare_variants(rng) + goal_variants(rng, money_forms)
            + competency_variants(rng))


def check(variant: Variant, answer) -> str:
    """Why the answer breaks the invariant ("" when it holds)."""
    if variant.kind == "needed":
        values = [float(f.value) for f in answer.figures if f.name.endswith("billed revenue needed")]
        return "" if any(abs(v - variant.expected) <= 0.01 for v in values) else f"billing needed {values} != {variant.expected}"
    if variant.kind in ("figure", "difference"):
        names = ("total incentive",) if variant.kind == "figure" else ("extra incentive", "incentive lost")
        values = [float(f.value) for f in answer.figures if f.name in names]
        return "" if any(abs(v - variant.expected) <= 0.01 for v in values) else f"{names[0]} {values} != {variant.expected}"
    return "" if answer.eligible is variant.expected else f"eligible {answer.eligible} != {variant.expected}"
