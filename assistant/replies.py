"""Fixed replies and the checks every message passes before anything reads it."""
from __future__ import annotations

from assistant import tools
from assistant.answering.queries import asks_for_figure
from assistant.textnorm import normalize_text

DECLINE = {
    "": "That is outside what the CSP partner-program documents cover, so I cannot answer it.",
    "injection": "I cannot change program rules or figures: rates and thresholds come only from the "
                 "program documents, and I answer with the values they state.",
    "personal_data": "I do not have, and will not look up, personal or partner-private data such as "
                     "bank, tax or contact details.",
    "advice": "I cannot give legal, tax or accounting advice: the program documents state the program's rules, not a "
              "partner's rights in a dispute or how its taxes and books treat a payment. For that, ask a lawyer, a tax "
              "adviser or your Microsoft partner contact.",
}

HELP_TEXT = ("I answer CSP partner-program questions from the program documents, with sources. Try: "
             "\"What does DPOR stand for?\", \"How much incentive on $50k of Office 365?\", "
             "\"Are we eligible as an indirect reseller with $30k TTM revenue?\", or "
             "\"How much of a $30,000 incentive is co-op?\"")


class InputError(ValueError):
    """The message itself cannot be answered as sent (empty, too long); says what to do."""


def validate_message(message: str, limit: int) -> str:
    # Every interface reaches here, the CLI included: one normal form before anything reads the text.
    text = normalize_text(message or "").strip()
    if not text:
        raise InputError("The message is empty. Type a question about CSP incentives, e.g. "
                         "'What rate does Dynamics 365 earn?'.")
    if len(text) > limit:
        raise InputError(f"The message is {len(text):,} characters; the limit is {limit:,}. "
                         "Shorten it to the question itself.")
    return text


def gap_topic(intent, text: str) -> str:
    """What kind of gap an abstention reveals, so the insights page can group what to add next."""
    slots = intent.slots
    if "personal_data" in intent.flags:
        return "personal data request"
    if "advice" in intent.flags:
        return "request for legal or tax advice"
    if "injection" in intent.flags:
        return "instruction to change the rules"
    if slots.unknown_products:
        return "product without a listed rate"
    if slots.fiscal_year and slots.fiscal_year not in tools.rate_years():
        return "fiscal year without rates"
    if intent.kind == "out_of_scope":
        return "outside the program"
    if asks_for_figure(text):
        return "figure the documents do not state"
    return f"{intent.kind} question the documents do not answer"
