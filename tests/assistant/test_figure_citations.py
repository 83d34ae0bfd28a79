"""Every figure of every calculator answer cites a passage that states the rates and thresholds it used."""
from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.citing import PassageCiter
from assistant.figures import calculator_answer
from assistant.tools import run_calculator
from calculators.params import get_param
from corpus.bundled import load_bundled
from corpus.chunking import chunk_document

WORDS = {2: "two", 4: "four", 6: "six", 12: "twelve", 25: "twenty-five", 30: "30"}

CASES = [
    ("payout", {"lines": {"o365": "50000", "d365": "20000"}}),
    ("payout", {"lines": {"azure_ri": "80000", "software": "1000", "strategic_software": "3000"},
                "as_of": "2021-09-01"}),
    ("payout", {"lines": {"m365": "250000", "azure": "10000"}, "as_of": "2022-03-01"}),
    ("coop", {"total_incentive": "30000", "as_of": "2021-09-30"}),
    ("coop", {"coop_accrual": "10000", "as_of": "2021-10-01"}),
    ("coop", {"lines": {"o365": "400000"}}),
    ("eligibility", {"partner_type": "reseller", "mpn_active": True, "indirect_reseller": True,
                     "competency": "gold", "bank_tax": True, "ttm_revenue": "20000"}),
    ("eligibility", {"partner_type": "reseller", "ttm_revenue": "20000", "as_of": "2021-06-01"}),
    ("eligibility", {"partner_type": "provider", "mpn_active": True, "cda_active": False}),
    ("competency", {"level": "gold", "new_o365_customers": 10, "certified_employees": 1}),
    ("competency", {"level": "silver", "new_o365_customers": 4, "internal_o365": "150",
                    "billed_o365": "3000", "billed_m365": "2000"}),
    ("forecast", {"lines": {"o365": "50000", "d365": "10000"}, "growth": "0.1", "as_of": "2021-07-01"}),
]


@pytest.fixture(scope="module")
def citer():
    docs, errors = load_bundled()
    assert not errors
    return PassageCiter([p for d in docs for p in chunk_document(d)])


def stated_forms(value, unit: str) -> list[str]:
    if unit == "fraction":
        return [f"{(value * 100).normalize():f}%"]
    if unit == "currency:USD":
        return [f"${int(value):,}"]
    return [str(value), WORDS.get(int(value), str(value))]


@pytest.mark.parametrize("kind, inputs", CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(CASES)])
def test_each_figure_cites_the_passages_stating_its_parameters(citer, kind, inputs):
    result = run_calculator(kind, inputs)
    answer = calculator_answer(result, citer)
    by_n = {c.n: c for c in answer.citations}
    on = {(p.name): p for p in result.params_used}
    checked = 0
    for calc_fig, fig in zip([f for f in result.figures if f.value is not None and not isinstance(f.value, date)],
                             answer.figures):
        assert calc_fig.name == fig.name
        for name in calc_fig.params:
            param = on[name]
            if param.value is None:
                continue
            cited = " ".join(by_n[n].text for n in fig.citations).lower()
            assert any(form.lower() in cited for form in stated_forms(param.value, param.unit)), (
                f"{fig.name} uses {name}={param.value} but its citations {fig.citations} do not state it")
            checked += 1
    stated = [p for p in result.params_used if p.value is not None]
    assert checked or not stated, "figures using stated parameters must cite them"
    # The citation markers in the text all point at listed passages.
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)} <= set(by_n)


def test_rates_are_cited_to_the_rates_passage(citer):
    answer = calculator_answer(run_calculator("payout", {"lines": {"d365": "20000"}}), citer)
    fig = next(f for f in answer.figures if f.name == "total incentive")
    assert fig.value == 1200.0 and fig.unit == "USD"
    cited = answer.citations[fig.citations[0] - 1]
    assert cited.doc_id == "reseller-incentive-guide" and cited.section == "Rates"
    assert get_param("reseller_rate_d365").reference_quote in cited.text
