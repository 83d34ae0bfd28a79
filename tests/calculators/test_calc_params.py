"""The parameter files: strict loading, dated lookup, and their citations."""
from __future__ import annotations

import io
import re
import tokenize
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from calculators.errors import DateOutOfRangeError, ParameterParsingError, UnknownParameterError
from calculators.params import get_param, list_parameters, load_parameter_file, load_parameters
from calculators.products import products

FIXTURES = Path(__file__).with_name("fixtures")
ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


@pytest.mark.parametrize(
    ("fixture", "keywords"),
    [
        ("wrong_date.yaml", ["wrong_date.yaml", "values.2019-7-1", "ISO"]),
        ("duplicate_key.yaml", ["duplicate_key.yaml", "duplicate key", "2019-07-01"]),
        ("unknown_key.yaml", ["unknown_key.yaml", "values.2019-07-01.rate", "unknown key 'rate'"]),
        ("missing_reference.yaml", ["missing_reference.yaml", "values.2019-07-01.reference", "missing key"]),
        ("missing_value.yaml", ["missing_value.yaml", "values.2019-07-01.value", "missing key"]),
        ("unknown_unit.yaml", ["unknown_unit.yaml", "unit", "euros"]),
        ("reference_without_quote.yaml", ["reference_without_quote.yaml", "reference.quote", "missing key"]),
        ("impossible_date.yaml", ["impossible_date.yaml", "2019-02-30", "not a real date"]),
        ("text_value.yaml", ["text_value.yaml", "values.2019-07-01.value", "number"]),
    ],
)
def test_broken_parameter_files_are_refused(fixture, keywords):
    with pytest.raises(ParameterParsingError) as info:
        load_parameter_file(FIXTURES / fixture)
    message = str(info.value)
    assert message.startswith(str(FIXTURES / fixture)), "the file path comes first"
    for word in keywords:
        assert word in message


def test_every_fixture_is_exercised():
    tested = {"wrong_date", "duplicate_key", "unknown_key", "missing_reference", "missing_value",
              "unknown_unit", "reference_without_quote", "impossible_date", "text_value"}
    assert {p.stem for p in FIXTURES.glob("*.yaml")} == tested


def test_bundled_parameters_load_and_every_product_has_a_rate():
    params = load_parameters()
    assert len(params) >= 20
    for product in products().values():
        assert product.rate_param in params, product.key


def test_lookup_uses_the_latest_start_on_or_before_the_date():
    assert get_param("coop_usage_threshold", date(2021, 9, 30)).value == Decimal("4000")
    assert get_param("coop_usage_threshold", date(2021, 10, 1)).value == Decimal("10000")
    assert get_param("coop_usage_threshold", date(2030, 1, 1)).value == Decimal("10000")
    assert get_param("coop_usage_threshold").effective_from == date(2021, 10, 1)


def test_no_ttm_threshold_before_october_2021_is_a_value_not_an_error():
    before = get_param("ttm_revenue_threshold", date(2021, 9, 30))
    assert before.value is None and before.reference_doc
    after = get_param("ttm_revenue_threshold", date(2021, 10, 1))
    assert after.value == Decimal("25000") and after.fiscal_year == "FY22"


def test_rates_after_fy20_are_the_fy20_values():
    value = get_param("reseller_rate_software", date(2024, 5, 1))
    assert value.value == Decimal("0.0125")
    assert value.fiscal_year == "FY20" and value.effective_from == date(2019, 7, 1)


def test_date_before_any_value_lists_the_dates():
    with pytest.raises(DateOutOfRangeError, match=r"2019-07-01, 2021-10-01") as info:
        get_param("coop_usage_threshold", date(2019, 6, 30))
    assert info.value.available == (date(2019, 7, 1), date(2021, 10, 1))


def test_unknown_parameter_lists_the_known_ones():
    with pytest.raises(UnknownParameterError, match="reseller_rate_o365"):
        get_param("reseller_rate_xbox", date(2020, 1, 1))


def test_param_value_is_frozen_and_serialisable():
    value = get_param("reseller_rate_d365", date(2020, 1, 1))
    with pytest.raises(AttributeError):
        value.value = Decimal(1)  # type: ignore[misc]
    data = value.to_dict()
    assert data["value"] == 0.06 and data["effective_from"] == "2019-07-01"
    assert data["reference"]["doc"] == "reseller-incentive-guide"


# --- every quote is in its corpus document and states the number --------------------

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 10: "ten",
          12: "twelve", 25: "twenty-five", 30: "thirty"}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _normalise(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def _doc_text(doc_id: str) -> str:
    matches = list(CORPUS.glob(f"**/{doc_id}.md"))
    assert matches, f"corpus document {doc_id!r} not found under corpus/"
    return _normalise(matches[0].read_text(encoding="utf-8"))


def _number_forms(value, unit: str) -> list[str]:
    if unit == "fraction":
        pct = (value * 100).normalize()
        text = f"{pct:f}"
        return [f"{text}%", f"{text} percent"]
    if unit == "currency:USD":
        amount = int(value) if value == value.to_integral() else value
        return [f"${amount:,}", f"${amount}"]
    forms = [str(value)]
    if value in _WORDS:
        forms.append(_WORDS[value])
    return forms


def _date_forms(day: date) -> list[str]:
    return [day.isoformat(), f"{day.day} {_MONTHS[day.month - 1]} {day.year}",
            f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"]


def _all_values():
    for parameter in list_parameters():
        for i, value in enumerate(parameter.values):
            yield pytest.param(parameter, i, id=f"{parameter.name}@{value.effective_from}")


@pytest.mark.parametrize(("parameter", "index"), list(_all_values()))
def test_quote_is_in_the_corpus_and_states_the_value(parameter, index):
    value = parameter.values[index]
    quote = _normalise(value.reference_quote)
    assert quote in _doc_text(value.reference_doc), (
        f"{parameter.name}: quote not found in {value.reference_doc}: {value.reference_quote!r}"
    )
    if value.value is None:
        # "no such rule yet": the quote must name the date the rule arrived
        later = [v for v in parameter.values[index + 1:] if v.value is not None]
        assert later, f"{parameter.name}: a null value must be followed by a real one"
        forms = _date_forms(later[0].effective_from)
    else:
        forms = _number_forms(value.value, parameter.unit)
    pattern = "|".join(re.escape(f.lower()) for f in forms)
    assert re.search(rf"(?<![\d.,$])(?:{pattern})(?![\d]|,\d)", quote), (
        f"{parameter.name}: quote {value.reference_quote!r} does not state {forms}"
    )


# --- no rate or threshold literal in Python code -------------------------------------

#: structural constants that may appear in code: 0 and 1, a cent, pairs/JSON indent (2),
#: months in a year (12), percent (100), the k and m amount suffixes
_ALLOWED = {Decimal(0), Decimal(1), Decimal("0.01"), Decimal(2), Decimal(12), Decimal(100), Decimal(1000), Decimal(1000000)}
_CODE = sorted((ROOT / "calculators").rglob("*.py")) + [ROOT / "assistant" / "commands" / "calc.py"]


def _rule_values() -> set[Decimal]:
    values = set()
    for parameter in list_parameters():
        for v in parameter.values:
            if v.value is not None:
                values.add(Decimal(v.value))
                if parameter.unit == "fraction":
                    values.add(Decimal(v.value) * 100)  # 4 for 4%, 60 for 60%
    return {v for v in values if v not in _ALLOWED}


def _numeric_literals(path: Path):
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    for tok in tokens:
        text = None
        if tok.type == tokenize.NUMBER:
            text = tok.string.replace("_", "")
        elif tok.type == tokenize.STRING:
            inner = tok.string.strip("\"'rbuf")
            if re.fullmatch(r"-?\d+(?:\.\d+)?", inner):
                text = inner
        if text is not None:
            try:
                yield tok.start[0], Decimal(text)
            except ArithmeticError:
                continue


@pytest.mark.parametrize("path", _CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_rule_literal_in_python_code(path):
    forbidden = _rule_values()
    found = [(line, value) for line, value in _numeric_literals(path) if value in forbidden]
    assert not found, f"{path.name}: rate/threshold literals {found}; keep them in calculators/params/"
