"""Effective-dated program parameters, read from ``calculators/params/*.yaml``.

One file holds one parameter; its name is the file name without ``.yaml``. The schema
is strict (see :data:`FILE_KEYS`, :data:`VALUE_KEYS`, :data:`REFERENCE_KEYS`)::

    description: Incentive rate on Office 365 billed revenue.
    unit: fraction
    values:
      2019-07-01:
        value: 0.04
        fiscal_year: FY20
        reference:
          doc: reseller-incentive-guide
          quote: "Office 365, Microsoft 365 and Azure billed revenue earns 4%."

A value stays in force until the next start date; the latest one stays in force for any
later date. ``value: null`` records that the rule did not exist yet (for example, no
revenue threshold before it was introduced). Decimals in the files are read exactly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from calculators.errors import DateOutOfRangeError, ParameterParsingError, UnknownParameterError

PARAMS_DIR = Path(__file__).with_name("params")
FILE_KEYS = frozenset({"description", "unit", "values", "comparison"})
REQUIRED_FILE_KEYS = frozenset({"description", "unit", "values"})
#: How a threshold is met, declared with the parameter: the words a rule uses, as an operator.
COMPARISONS = {
    "at_least": (lambda x, t: x >= t, "≥", "at least"),
    "more_than": (lambda x, t: x > t, ">", "more than"),
    "at_most": (lambda x, t: x <= t, "≤", "at most"),
    "less_than": (lambda x, t: x < t, "<", "less than"),
}
VALUE_KEYS = frozenset({"value", "reference", "fiscal_year"})
REFERENCE_KEYS = frozenset({"doc", "quote"})
UNITS = frozenset({"fraction", "currency:USD", "count", "months", "days"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_FISCAL_YEAR = re.compile(r"^FY\d{2}$")


@dataclass(frozen=True)
class ParamValue:
    """The value of one parameter in force on a date, with the passage that states it."""

    #: parameter name (the file name without ``.yaml``)
    name: str
    #: Decimal for fractions and money, int for counts/months/days, None = no such rule yet
    value: Decimal | int | None
    #: ``fraction``, ``currency:USD``, ``count``, ``months`` or ``days``
    unit: str
    #: first day this value applies
    effective_from: date
    #: label of the fiscal year whose guide states the value, e.g. ``FY20``
    fiscal_year: str | None
    #: corpus document id (file name without ``.md``)
    reference_doc: str
    #: exact text of the passage in that document
    reference_quote: str
    #: what the parameter means
    description: str
    #: for a threshold, how it is met (``at_least``, ``more_than``, ...); None for rates and counts
    comparison: str | None = None

    def satisfied_by(self, amount) -> bool:
        """Whether `amount` meets this threshold, by the comparison its rule states.

        >>> get_param("ttm_revenue_threshold", date(2022, 1, 1)).satisfied_by(25000)
        True
        >>> get_param("silver_roi_internal_o365_monthly").satisfied_by(139)
        False
        """
        if self.comparison is None or self.value is None:
            raise ValueError(f"{self.name} is not a threshold")
        return COMPARISONS[self.comparison][0](amount, self.value)

    @property
    def symbol(self) -> str:
        """"≥" or ">" and so on, for the step lines."""
        return COMPARISONS[self.comparison][1] if self.comparison else "="

    def symbol_for(self, met: bool) -> str:
        """The operator that holds between an amount and this threshold: "≥" when met, "<" when not."""
        flip = {"≥": "<", ">": "≤", "≤": ">", "<": "≥"}
        return self.symbol if met else flip.get(self.symbol, "≠")
    def to_dict(self) -> dict:
        """JSON-able form: numbers as int/float, the date as ISO text."""
        value = self.value
        if isinstance(value, Decimal):
            value = float(value)
        return {
            "name": self.name,
            "value": value,
            "unit": self.unit,
            "effective_from": self.effective_from.isoformat(),
            "fiscal_year": self.fiscal_year,
            "reference": {"doc": self.reference_doc, "quote": self.reference_quote},
            "description": self.description,
        }


@dataclass(frozen=True)
class Parameter:
    """A parameter with all its dated values, oldest first."""

    name: str
    description: str
    unit: str
    values: tuple[ParamValue, ...]

    def at(self, on: date | None) -> ParamValue:
        """The value with the latest start date on or before ``on`` (``None``: the latest).

        :raises DateOutOfRangeError: ``on`` is before the first start date.
        """
        if on is None:
            return self.values[-1]
        for value in reversed(self.values):
            if value.effective_from <= on:
                return value
        raise DateOutOfRangeError(self.name, on, [v.effective_from for v in self.values])


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML loader that rejects duplicate keys, keeps dates as text and decimals exact."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict:
    mapping: dict = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _construct_decimal(loader: _StrictLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _check_keys(data: object, allowed: frozenset, required: frozenset, path: Path, where: str):
    if not isinstance(data, dict):
        raise ParameterParsingError(f"expected a mapping, got {type(data).__name__}", path, where)
    for key in data:
        if key not in allowed:
            raise ParameterParsingError(
                f"unknown key {key!r}; allowed keys: {', '.join(sorted(allowed))}",
                path,
                f"{where}.{key}" if where else str(key),
            )
    for key in required:
        if key not in data:
            raise ParameterParsingError(f"missing key {key!r}", path, f"{where}.{key}" if where else key)


def _parse_value(raw: object, unit: str, path: Path, where: str) -> Decimal | int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, Decimal)):
        raise ParameterParsingError(f"value must be a number or null, got {raw!r}", path, where)
    if unit in {"count", "months", "days"}:
        if not isinstance(raw, int):
            raise ParameterParsingError(f"a {unit} value must be a whole number", path, where)
        return raw
    return Decimal(raw)


def load_parameter_file(path: str | Path) -> Parameter:
    """Read and validate one parameter file.

    :raises ParameterParsingError: the file breaks the schema; the message names file and key.
    """
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise ParameterParsingError(f"invalid YAML: {exc}", path) from exc
    _check_keys(data, FILE_KEYS, REQUIRED_FILE_KEYS, path, "")
    comparison = data.get("comparison")
    if comparison is not None and comparison not in COMPARISONS:
        raise ParameterParsingError(f"unknown comparison {comparison!r}; use one of: {', '.join(COMPARISONS)}",
                                    path, "comparison")
    name = path.stem
    description, unit, raw_values = data["description"], data["unit"], data["values"]
    if not isinstance(description, str) or not description.strip():
        raise ParameterParsingError("description must be non-empty text", path, "description")
    if unit not in UNITS:
        raise ParameterParsingError(
            f"unknown unit {unit!r}; use one of: {', '.join(sorted(UNITS))}", path, "unit"
        )
    if not isinstance(raw_values, dict) or not raw_values:
        raise ParameterParsingError("values must map start dates to values", path, "values")
    values = []
    for start, entry in raw_values.items():
        where = f"values.{start}"
        if not isinstance(start, str) or not _ISO_DATE.match(start):
            raise ParameterParsingError(
                f"start date {start!r} is not an ISO date (YYYY-MM-DD)", path, where
            )
        try:
            effective_from = date.fromisoformat(start)
        except ValueError:
            raise ParameterParsingError(f"start date {start!r} is not a real date", path, where) from None
        _check_keys(entry, VALUE_KEYS, frozenset({"value", "reference"}), path, where)
        reference = entry["reference"]
        _check_keys(reference, REFERENCE_KEYS, REFERENCE_KEYS, path, f"{where}.reference")
        doc, quote = reference["doc"], reference["quote"]
        if not isinstance(doc, str) or not _DOC_ID.match(doc):
            raise ParameterParsingError("reference.doc must be a corpus document id", path, f"{where}.reference.doc")
        if not isinstance(quote, str) or not quote.strip():
            raise ParameterParsingError("reference.quote must be non-empty text", path, f"{where}.reference.quote")
        fiscal_year = entry.get("fiscal_year")
        if fiscal_year is not None and not (isinstance(fiscal_year, str) and _FISCAL_YEAR.match(fiscal_year)):
            raise ParameterParsingError("fiscal_year must look like FY20", path, f"{where}.fiscal_year")
        values.append(
            ParamValue(
                name=name,
                value=_parse_value(entry["value"], unit, path, f"{where}.value"),
                unit=unit,
                effective_from=effective_from,
                fiscal_year=fiscal_year,
                reference_doc=doc,
                reference_quote=" ".join(quote.split()),
                description=" ".join(description.split()),
                comparison=comparison,
            )
        )
    values.sort(key=lambda v: v.effective_from)
    return Parameter(name, " ".join(description.split()), unit, tuple(values))


def load_parameters(directory: str | Path | None = None) -> dict[str, Parameter]:
    """Load every ``*.yaml`` file of a directory (default: the bundled ``params/``)."""
    if directory is None:
        return dict(_bundled())
    return _load_dir(Path(directory))


def _load_dir(directory: Path) -> dict[str, Parameter]:
    return {p.stem: load_parameter_file(p) for p in sorted(directory.glob("*.yaml"))}


@lru_cache(maxsize=1)
def _bundled() -> dict[str, Parameter]:
    return _load_dir(PARAMS_DIR)


def get_parameter(name: str) -> Parameter:
    """The parameter called ``name`` with all its dated values.

    :raises UnknownParameterError: no file defines it.
    """
    params = _bundled()
    if name not in params:
        raise UnknownParameterError(name, params)
    return params[name]


def get_param(name: str, on: date | None = None) -> ParamValue:
    """The value of ``name`` in force on ``on`` (``None``: the latest known value).

    >>> get_param("reseller_rate_d365", date(2022, 1, 15)).value
    Decimal('0.06')

    :raises UnknownParameterError: no file defines ``name``.
    :raises DateOutOfRangeError: ``on`` is before the first value; the message lists the dates.
    """
    return get_parameter(name).at(on)


def list_parameters() -> list[Parameter]:
    """Every bundled parameter, sorted by name."""
    return [p for _, p in sorted(_bundled().items())]


def first_date() -> date:
    """The earliest date from which every bundled parameter has a value."""
    return max(p.values[0].effective_from for p in _bundled().values())
