"""The source documents the product was conceived from, ingested alone, answer questions about them.

They are plain text as an operator would point `ingest` at: headings as bare lines, a forum
thread whose posts are separated only by role badges. The files live outside the repository
(third-party text); the test is skipped where they are absent.
"""
from __future__ import annotations

from pathlib import Path

import pytest

# The seed documents sit in shared/ beside the checkout (as CI lays them out).
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

CASES = [
    ("What does PAL stand for?", ["Partner Admin Link"], "003_"),
    ("What is the co-op usage threshold since October 2021?", ["10,000"], "002_"),
    ("How much co-op did partners need to accumulate before the threshold was raised?", ["4,000"], "002_"),
    ("How soon after meeting the business requirements does a provider get the incentive tool invitation?",
     ["30 days"], "000_"),
    ("What rate does Dynamics 365 earn under the indirect reseller incentive?", ["6%"], "003_"),
    ("How long does a co-op earning period last?", ["six months", "6 months", "six-month"], "002_"),
]


@pytest.fixture(scope="module")
def seed_assistant(tmp_path_factory, real_encoder):
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not present on this machine")
    from assistant.core import Assistant
    from assistant.ingest import ingest
    from assistant.settings import Settings
    from index.store import IndexStore

    import shutil

    folder = tmp_path_factory.mktemp("files") / "seeds"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    settings = Settings(data_dir=tmp_path_factory.mktemp("seeds"), embedding_model=real_encoder.name)
    report = ingest(IndexStore(settings.index_dir), real_encoder, [folder], bundled=False)
    assert report.documents == 3 and not report.skipped
    return Assistant.from_settings(settings, encoder=real_encoder)


@pytest.mark.model
@pytest.mark.parametrize("question, phrases, cited", CASES)
def test_seed_documents_answer_and_are_cited(seed_assistant, question, phrases, cited):
    a = seed_assistant.answer_fact(question)
    assert not a.abstained, a.answer
    assert any(p.lower() in a.answer.lower() for p in phrases), a.answer
    assert a.citations and a.citations[0].source.startswith(f"seeds/{cited}"), [c.source for c in a.citations]


@pytest.mark.model
def test_a_figure_the_seeds_never_state_is_declined(seed_assistant):
    a = seed_assistant.answer_fact("How many partners lost the incentive when the $25k rule came in?")
    assert a.abstained and all(c.source.startswith("seeds/") for c in a.citations)
