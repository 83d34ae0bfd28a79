"""The docstring examples of the calculators package run as tests."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import calculators

MODULES = sorted(m.name for m in pkgutil.iter_modules(calculators.__path__, "calculators."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
