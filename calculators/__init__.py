"""Program rules as code: effective-dated parameters (``params/*.yaml``) and pure calculators.

Every calculator returns a frozen result with its figures, one human line per step, and
the parameter values it used (each with its start date and the corpus passage that
states it). Money is :class:`~decimal.Decimal`, rounded to cents where it is reported.

This package depends on nothing else in the project.
"""
from calculators.competency import BreakEvenHint, CompetencyResult, competency
from calculators.coop import CoopResult, coop
from calculators.eligibility import EligibilityResult, eligibility
from calculators.errors import (
    CalculatorError,
    DateOutOfRangeError,
    InvalidAmountError,
    InvalidInputError,
    MissingInputError,
    ParameterParsingError,
    UnknownParameterError,
    UnknownProductError,
)
from calculators.forecast import ForecastPeriod, ForecastResult, forecast
from calculators.params import ParamValue, Parameter, get_param, list_parameters, load_parameters
from calculators.payout import PayoutLine, PayoutResult, payout
from calculators.products import Product, products, resolve_product
from calculators.trace import CalcResult, Figure, Requirement

__all__ = [
    "BreakEvenHint", "CalcResult", "CalculatorError", "CompetencyResult", "CoopResult",
    "DateOutOfRangeError", "EligibilityResult", "Figure", "ForecastPeriod", "ForecastResult",
    "InvalidAmountError", "InvalidInputError", "MissingInputError", "ParamValue", "Parameter",
    "ParameterParsingError", "PayoutLine", "PayoutResult", "Product", "Requirement",
    "UnknownParameterError", "UnknownProductError", "competency", "coop", "eligibility",
    "forecast", "get_param", "list_parameters", "load_parameters", "payout", "products",
    "resolve_product",
]
