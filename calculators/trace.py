"""What every calculator returns: figures, steps and the parameters behind them.

A calculator records its work in a :class:`Trace` while it computes, then freezes it into
a result (a subclass of :class:`CalcResult`). Explaining a figure is therefore ordinary
output: ``steps`` read as one human line per step, ``figures`` carry the formula and the
parameter names, and ``params_used`` carry each value's start date and cited passage.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from calculators.money import to_cents
from calculators.params import ParamValue, get_param

Unit = Literal["USD", "fraction", "count", "date", "months", "days"]
Status = Literal["met", "unmet", "unknown"]


@dataclass(frozen=True)
class Figure:
    """One computed number, with how it was computed."""

    #: what the number is, e.g. ``total incentive``
    name: str
    #: Decimal for USD and fractions, int for counts, a date for dates
    value: Decimal | int | date | None
    #: ``USD``, ``fraction``, ``count``, ``months``, ``days`` or ``date``
    unit: Unit
    #: the arithmetic in words, e.g. ``$50,000.00 × 4% + $20,000.00 × 6%``
    formula: str
    #: names of the parameters this figure depends on
    params: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "value": _jsonable(self.value, self.unit),
            "unit": self.unit,
            "formula": self.formula,
            "params": list(self.params),
        }


@dataclass(frozen=True)
class Requirement:
    """One eligibility or competency requirement and where the partner stands on it."""

    #: stable key, e.g. ``mpn_active``
    key: str
    #: short human label
    label: str
    #: ``met``, ``unmet`` or ``unknown`` (input not given: never assumed)
    status: Status
    #: why it has that status
    detail: str
    #: what to do when it is unmet or unknown (empty when met)
    action: str = ""
    #: names of the parameters involved (e.g. a threshold)
    params: tuple[str, ...] = ()
    #: corpus document that states the requirement
    reference_doc: str | None = None

    def to_dict(self) -> dict:
        return {f.name: _jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


@dataclass(frozen=True, kw_only=True)
class CalcResult:
    """Fields shared by every calculator result."""

    #: ``payout``, ``eligibility``, ``coop``, ``competency`` or ``forecast``
    tool: str
    #: the date whose rules were applied
    as_of: date
    #: fiscal-year labels of the guides whose rates or thresholds were used, e.g. ``("FY20",)``
    fiscal_year: tuple[str, ...]
    #: the computed numbers
    figures: list[Figure]
    #: one human line per step
    steps: list[str]
    #: every parameter value used, with its start date and reference
    params_used: list[ParamValue]
    #: caveats, e.g. that the latest known rates come from an earlier fiscal year's guide
    notes: list[str] = field(default_factory=list)

    def figure(self, name: str) -> Figure:
        """The figure called ``name``."""
        for fig in self.figures:
            if fig.name == name:
                return fig
        raise KeyError(name)

    def to_dict(self) -> dict:
        """JSON-able form: money as floats rounded to cents, dates as ISO text."""
        return {f.name: _jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


def _jsonable(value: object, unit: str | None = None) -> object:
    if isinstance(value, Decimal):
        return float(to_cents(value)) if unit == "USD" else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Figure, Requirement, ParamValue)) or hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def fiscal_year_of(day: date) -> str:
    """Microsoft's fiscal year label for a date (years start on 1 July).

    >>> fiscal_year_of(date(2019, 7, 1)), fiscal_year_of(date(2022, 1, 15))
    ('FY20', 'FY22')
    """
    year = day.year + 1 if day.month >= 7 else day.year
    return f"FY{year % 100:02d}"


class Trace:
    """Collects steps, figures and parameters while a calculator runs."""

    def __init__(self, as_of: date | None):
        #: date whose rules apply; ``None`` means the latest known rules
        self.on = as_of
        self.steps: list[str] = []
        self.figures: list[Figure] = []
        self.params: dict[tuple[str, date], ParamValue] = {}

    def param(self, name: str, on: date | None = None) -> ParamValue:
        """Look up a parameter in force on ``on`` (default: the trace's date) and remember it."""
        value = get_param(name, on or self.on)
        self.params.setdefault((value.name, value.effective_from), value)
        return value

    def step(self, line: str) -> None:
        self.steps.append(line)

    def figure(self, name: str, value, unit: Unit, formula: str, params: tuple[str, ...] = ()) -> Figure:
        fig = Figure(name, value, unit, formula, tuple(params))
        self.figures.append(fig)
        return fig

    def absorb(self, other: "CalcResult") -> None:
        """Take over the parameters used by a sub-calculation."""
        for value in other.params_used:
            self.params.setdefault((value.name, value.effective_from), value)

    def common(self, tool: str, as_of: date, notes: list[str] | None = None) -> dict:
        """Keyword arguments shared by every result, including fiscal-year notes."""
        used = list(self.params.values())
        labels = tuple(sorted({v.fiscal_year for v in used if v.fiscal_year and v.name.startswith("reseller_rate")}))
        notes = list(notes or [])
        current = fiscal_year_of(as_of)
        for label in labels:
            if label != current:
                notes.append(
                    f"The rates come from the {label} guide: they are the latest rates the "
                    f"sources give, applied to {as_of.isoformat()} ({current})."
                )
        return dict(
            tool=tool,
            as_of=as_of,
            fiscal_year=labels or tuple(sorted({v.fiscal_year for v in used if v.fiscal_year})),
            figures=list(self.figures),
            steps=list(self.steps),
            params_used=used,
            notes=notes,
        )
