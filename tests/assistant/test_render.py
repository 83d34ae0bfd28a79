"""The terminal rendering leads with the answer, says what was understood and shows each figure once."""
from __future__ import annotations

from assistant.answer import Answer, Citation, Figure, Understood
from assistant.render import answer_to_text, split_answer

PAYOUT = Answer(
    answer="**Estimated incentive: $2,000.00** at the FY20 rates.\n- Office 365 incentive: $2,000.00 = "
           "$50,000.00 × 4% [1]\n\n_The rates come from the FY20 guide._",
    figures=[Figure(name="Office 365 incentive", value=2000.0, unit="USD", formula="$50,000.00 × 4%", citations=[1])],
    citations=[Citation(n=1, doc_id="g", title="CSP Indirect Reseller Incentive (FY20)", source="corpus/guides/x.md",
                        section="Rates", text="Office 365 billed revenue earns 4%.")],
    understood=[Understood(field="Office 365 billed", value="$50,000", from_text="$50k of O365")],
    suggestions=["What is the co-op usage threshold?"], tool="payout")


def test_payout_text_leads_with_the_figure_and_shows_each_figure_once():
    text = answer_to_text(PAYOUT)
    lines = text.splitlines()
    assert lines[0] == "Estimated incentive: $2,000.00 at the FY20 rates."
    assert lines[1] == "What I understood: Office 365 billed $50,000 (from “$50k of O365”)"
    assert lines[2] == "The rates come from the FY20 guide."
    assert text.count("$50,000.00 × 4%") == 1 and "Calculation:" in text
    assert "[1] CSP Indirect Reseller Incentive (FY20) › Rates" in text and "corpus/" not in text
    assert text.endswith("You could also ask:\n  - What is the co-op usage threshold?")


def test_bullets_that_are_not_figures_stay():
    answer = PAYOUT.model_copy(update={"answer": "**Total: $2,000.00**\n- Check the guide first [1]"})
    assert split_answer(answer) == ("**Total: $2,000.00**", "- Check the guide first [1]")
    plain = Answer(answer="DPOR stands for Digital Partner of Record [1].")
    assert split_answer(plain) == (None, plain.answer)
