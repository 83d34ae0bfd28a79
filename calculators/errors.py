"""Errors raised by the calculators.

Every error subclasses :class:`CalculatorError`, itself a :class:`ValueError`, so callers
can catch one type at the edge (the CLI turns it into a usage error, the web layer into a
400). Each message names the field or file at fault and says what to do about it.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path


class CalculatorError(ValueError):
    """Base class: an input or a rule file the calculators cannot use."""


class ParameterParsingError(CalculatorError):
    """A parameter file breaks the schema. The message starts with the file path.

    >>> str(ParameterParsingError("unknown key 'rate'", "params/x.yaml", key="values.2019-07-01"))
    "params/x.yaml: values.2019-07-01: unknown key 'rate'"
    """

    def __init__(self, message: str, file_path: str | Path, key: str | None = None):
        self.file_path = str(file_path)
        self.key = key
        where = f"{self.file_path}: {key}: " if key else f"{self.file_path}: "
        super().__init__(where + message)


class UnknownParameterError(CalculatorError):
    """A parameter name that no file under ``params/`` defines."""

    def __init__(self, name: str, known: Iterable[str]):
        self.name = name
        super().__init__(
            f"unknown parameter {name!r}; known parameters: {', '.join(sorted(known))}"
        )


class UnknownProductError(CalculatorError):
    """A product name or key that the catalogue does not know.

    >>> str(UnknownProductError("windows", {"o365": "Office 365"}))
    "unknown product 'windows'; use one of: o365 (Office 365)"
    """

    def __init__(self, text: str, known: dict[str, str]):
        self.text = text
        self.known = dict(known)
        listed = ", ".join(f"{key} ({name})" for key, name in self.known.items())
        super().__init__(f"unknown product {text!r}; use one of: {listed}")


class InvalidInputError(CalculatorError):
    """An input of the wrong type or outside its allowed choices."""

    def __init__(self, field: str, value: object, expected: str):
        self.field = field
        self.value = value
        super().__init__(f"{field}: got {value!r}; expected {expected}")


class InvalidAmountError(InvalidInputError):
    """A money amount that is negative, not a number, or implausibly large.

    >>> str(InvalidAmountError("o365", "-5", "a non-negative amount in USD"))
    "o365: got '-5'; expected a non-negative amount in USD"
    """


class MissingInputError(CalculatorError):
    """A required input was not given."""

    def __init__(self, field: str, hint: str):
        self.field = field
        super().__init__(f"{field} is required: {hint}")


class DateOutOfRangeError(CalculatorError):
    """A date before the first value of a parameter; the message lists the dates that exist."""

    def __init__(self, name: str, on: date, available: Iterable[date]):
        self.name = name
        self.on = on
        self.available = tuple(available)
        listed = ", ".join(d.isoformat() for d in self.available)
        first = self.available[0].isoformat() if self.available else "(none)"
        super().__init__(
            f"date {on.isoformat()} is outside the rules: {name!r} has values from {listed}; "
            f"use a date on or after {first}"
        )
