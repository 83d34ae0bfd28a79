"""The same documents answer the same fact questions whatever format an operator ingests them in."""
from __future__ import annotations

import re

import pytest

from assistant.answering.training import labelled_questions
from tests.conftest import _build_assistant
from tests.facts.render import render_corpus, to_html, to_text

#: Points of the Markdown corpus's fact score another format may lose.
TOLERANCE = 0.03


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("—", "-").replace("–", "-")
    return re.sub(r"[^a-z0-9%$]+", " ", re.sub(r"\[\d+\]", "", text.lower())).strip()


def fact_score(assistant) -> float:
    """Share of the labelled fact questions answered (not declined) with their answering phrase."""
    questions = labelled_questions()
    right = 0
    for question, phrases in questions:
        answer = assistant.answer_fact(question)
        right += not answer.abstained and any(_norm(p) in _norm(answer.answer) for p in phrases)
    return right / len(questions)


def test_text_rendering_keeps_headings_lists_and_posts():
    from corpus.bundled import BUNDLED_ROOT

    text = to_text(BUNDLED_ROOT / "guides" / "coop-funds-guide.md")
    assert "\nApproved co-op activities\n" in text and "• Marketing: digital advertising" in text
    thread = to_text(BUNDLED_ROOT / "forum" / "indirect-provider-incentives.md")
    assert "\nCommunity Manager\n" in thread and "Accepted Solution" in thread
    page = to_html(BUNDLED_ROOT / "guides" / "coop-funds-guide.md")
    assert "<h2>Approved co-op activities</h2>" in page and "<li>Marketing: digital advertising" in page


@pytest.mark.model
def test_every_format_answers_fact_questions_as_well_as_markdown(tmp_path_factory, real_encoder, real_assistant):
    baseline = fact_score(real_assistant)
    assert baseline >= 0.75
    scores = {}
    for fmt in ("txt", "html", "pdf"):
        folder = render_corpus(tmp_path_factory.mktemp(f"corpus-{fmt}"), fmt)
        data = tmp_path_factory.mktemp(f"data-{fmt}")
        from assistant.core import Assistant
        from assistant.ingest import ingest
        from assistant.settings import Settings
        from index.store import IndexStore

        settings = Settings(data_dir=data, embedding_model=real_encoder.name)
        report = ingest(IndexStore(settings.index_dir), real_encoder, [folder], bundled=False)
        assert report.skipped == [] and report.documents == 16
        assistant = Assistant.from_settings(settings, encoder=real_encoder)
        scores[fmt] = fact_score(assistant)
    assert all(s >= baseline - TOLERANCE for s in scores.values()), (baseline, scores)


_ = _build_assistant  # the shared builder; imported so this module fails loudly if it moves
