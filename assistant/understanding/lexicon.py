"""The word lists the understanding mechanisms read (``lexicon.yaml``), loaded once."""
from __future__ import annotations

from pathlib import Path

import yaml

LEXICON: dict = yaml.safe_load((Path(__file__).with_name("lexicon.yaml")).read_text(encoding="utf-8"))
