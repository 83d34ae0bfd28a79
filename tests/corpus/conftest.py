"""Shared fixtures for the corpus tests: where the small loader fixture files live."""
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "loaders"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
