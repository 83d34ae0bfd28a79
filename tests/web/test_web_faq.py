"""Internal FAQ lookup and admin insights: token-gated, escaped, with sources and dates."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests_web_xss import XSS  # noqa: F401  (placeholder replaced below)
