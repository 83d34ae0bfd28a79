"""Metamorphic forms of one billing: pasted exports, the billing among other words, written out as seats or months."""
from __future__ import annotations

import random
from decimal import Decimal

from assistant.evaluation.metamorphic_money import Variant, money_forms
from calculators.products import products


def _european(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


# Pasted exports: one row per product, the cells separated as spreadsheets and portals write them.
_TABLES = [
    ("csv", "product,billed_usd\n{rows}", lambda i, name, a: f"{name},{a:f}"),
    ("semicolon", "Product;Billed (USD)\n{rows}", lambda i, name, a: f"{name};{_european(a)}"),
    ("invoice", "{rows}", lambda i, name, a: f"INV-{20930 + i} | {name} | {a:,.2f} USD"),
    ("tab", "Product\tAmount\n{rows}", lambda i, name, a: f"{name}\t{a:f}"),
    # a ledger: account codes before each product, leader dots, and a line of something that is no product
    ("ledger", "{rows}\nGL 4900  Freight recharge ........ 412.00", lambda i, name, a: f"GL 40{i + 1}0  {name} ........ {a:,.2f}"),
    ("markdown", "| Product | Billed (USD) |\n|---|---:|\n{rows}", lambda i, name, a: f"| {name} | {a:,.2f} |"),
]
_TABLE_ASKS = ["can you compute our incentive from this export?\n\n{table}",
               "Hello, billing from the portal below.\n{table}\nWhat incentive should we expect?"]


def table_variants(base: str, lines: dict[str, Decimal], total: float, rng: random.Random) -> list[Variant]:
    out = []
    for name_, layout, row in _TABLES:
        rows = "\n".join(row(i, products()[k].name, a) for i, (k, a) in enumerate(lines.items()))
        ask = rng.choice(_TABLE_ASKS)
        out.append(Variant(f"payout:{base}:table-{name_}", ask.format(table=layout.format(rows=rows)), "figure", total, base))
    if all(a % 100 == 0 for a in lines.values()):
        # the unit stated once for the table, the cells bare numbers in thousands
        unit = rng.choice(["figures in $000", "Billing (in thousands of USD):", "all numbers in USD k"])
        rows = "\n".join(f"{products()[k].name}    {(a / 1000).normalize():f}" for k, a in lines.items())
        out.append(Variant(f"payout:{base}:table-thousands", f"{unit}\n{rows}\nNeed the total incentive for the period pls",
                           "figure", total, base))
    if all(a % 2 == 0 for a in lines.values()):
        # products as columns, periods as rows: each column adds up
        sep = rng.choice([",", "\t", ";"])
        head = sep.join(["Quarter", *(products()[k].name for k in lines)])
        body = "\n".join(sep.join([q, *(f"{a / 2:f}" for a in lines.values())]) for q in ("Q1", "Q2"))
        out.append(Variant(f"payout:{base}:table-columns", rng.choice(_TABLE_ASKS).format(table=f"{head}\n{body}"),
                           "figure", total, base))
    return out


def restated_variants(base: str, key: str, name: str, amount: Decimal, total: float) -> list[Variant]:
    """The billing among other words: periods joined by a few words, a correction, a net figure, background
    amounts, a Markdown sheet with another column, and products denied beside it."""
    right, half = money_forms(amount)[0], money_forms(amount / 2)[0]
    wrong = money_forms(amount * 2)[0]
    others = [products()[k].name for k in ("d365", "azure", "o365") if k != key][:2]
    sheet = "| Month | " + name + " billed | Tickets |\n|---|---|---|\n" + "\n".join(
        f"| {m} | {amount / 2:,.2f} | {40 + i} |" for i, m in enumerate(("Jan", "Feb")))
    return [
        Variant(f"payout:{base}:came-in-at", f"{name} numbers: Q1 came in at {half}, Q2 at {half}. What's the incentive "
                "for the half?", "figure", total, base),
        Variant(f"payout:{base}:meant", f"We billed {wrong} of {name} this period, what's the incentive on that? "
                f"Sorry, I meant {right} not {wrong}.", "figure", total, base),
        Variant(f"payout:{base}:net", f"{name} came to {wrong} gross, but after a {right} credit note the net billing "
                f"is {right}. Incentive?", "figure", total, base),
        Variant(f"payout:{base}:background", "We're a 40-person MSP; the fit-out of our new office cost us $58,000 and our "
                f"average deal is about $1,900/month.\n\nBilling this period:\n{name} - {right}\n\nIncentive?",
                "figure", total, base),
        Variant(f"payout:{base}:markdown-months", f"{sheet}\n\nThat's the whole earning period. Incentive?", "figure", total, base),
        Variant(f"payout:{base}:denied", f"We did NOT sell any {others[0]} this time and no {others[1]} either - only "
                f"{name}, {right}. So what do we get?", "figure", total, base),
    ]


def written_out_variants(base: str, name: str, amount: Decimal, total: float) -> list[Variant]:
    """The billing as seats × price × months, and as uneven monthly rows of a pasted sheet."""
    out = []
    if amount % 200 == 0:
        price = money_forms(amount / 200)[0]
        out.append(Variant(f"payout:{base}:seats-times", f"{name}: 20 users x {price} x 10 months. What's the incentive?",
                           "figure", total, base))
        out.append(Variant(f"payout:{base}:seats-bullet", f"{name}, billed for 10 months:\n- 20 seats x {price}/month\n"
                           "What's our incentive?", "figure", total, base))
    if amount % 40 == 0:
        # a price for each of several clients, times how many, over a span
        each = money_forms(amount / 40)[0]
        out.append(Variant(f"payout:{base}:clients-each", f"{name}: we have 8 clients paying {each} each per month, "
                           "for 5 months. What's the incentive?", "figure", total, base))
        out.append(Variant(f"payout:{base}:per-tenant", f"We bill {each} per tenant per month for {name} across "
                           "4 tenants, over ten months. Incentive?", "figure", total, base))
        out.append(Variant(f"payout:{base}:each-of", f"Each of our 8 customers pays {each} a month for {name}, "
                           "and that ran for 5 months. Incentive?", "figure", total, base))
    if (amount * 4) % 5 == 0:
        # the billing asked about is a stated one changed by a share
        before = money_forms(amount * 4 / 5)[0]
        out.append(Variant(f"payout:{base}:share-more", f"We billed {before} of {name} last period. If we had billed 25% more "
                           "than that, what would the incentive have been?", "figure", total, base))
    if amount % 6 == 0:
        # a monthly price after the product, over the six months, as partners write it in Portuguese or Spanish
        month = amount / 6
        out.append(Variant(f"payout:{base}:por-mes", f"Faturamos US$ {month:f} em {name} por mês durante 6 meses. "
                           "Quanto recebemos de incentivo?", "figure", total, base))
        out.append(Variant(f"payout:{base}:al-mes", f"Facturamos {month:f} USD de {name} al mes durante 6 meses. "
                           "¿Cuánto es el incentivo?", "figure", total, base))
    # in euros, with the partner's own exchange rate
    out.append(Variant(f"payout:{base}:exchange", f"{name} came to EUR {_european(amount * Decimal('0.8'))} this half; "
                       "our treasury says use 1 EUR = 1.25 USD. Incentive in dollars?", "figure", total, base))
    if amount == int(amount) and amount >= 6000:
        step = (amount / 6).quantize(Decimal(1))
        rows = [step] * 5 + [amount - 5 * step]
        sheet = "\n".join(f"{m}\t{v:f}" for m, v in zip(("Jan", "Feb", "Mar", "Apr", "May", "Jun"), rows))
        out.append(Variant(f"payout:{base}:month-rows", f"Month\t{name} billed\n{sheet}\nincentive for the half?",
                           "figure", total, base))
    return out
