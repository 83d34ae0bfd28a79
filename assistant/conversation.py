"""What a conversation remembers between turns: typed, immutable, one new value per turn."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ConversationState(BaseModel):
    """The memory of one session after a turn; a turn never changes it, it returns a new one."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    #: the kind of the last answer (fact, payout, eligibility, ...)
    last_kind: str | None = None
    #: the calculator the last calculation (or open question) used
    last_tool: str | None = None
    #: that calculator's inputs, as loose JSON values (strings for amounts, ISO dates)
    last_inputs: dict = Field(default_factory=dict)
    #: what the last fact answer was about, for elliptic follow-ups ("and before October 2021?")
    last_topic: str | None = None
    #: the inputs of the calculation before the last one of the same calculator ("and for both together?")
    earlier_inputs: dict = Field(default_factory=dict)
    #: the rule parameters the last calculation used, for "where does that come from?"
    last_params: tuple[str, ...] = ()
    last_as_of: str | None = None
    #: the last total incentive, for "how much of that is co-op?"
    last_total: str | None = None
    #: the currency the last calculation's billing was in, when not US dollars ("€70,000 of Azure", then
    #: "and the rebate part of that?" is still in euros)
    last_currency: str | None = None
    #: the language the partner last wrote in, for reading a short follow-up's numbers the same way
    language: str | None = None

    def earlier_for(self, kind: str, inputs: dict) -> dict:
        """The calculation before one of `kind` on `inputs`: the last one when of the same kind (a co-op split of a
        payout keeps the payout's billing, so "and if the D365 had been 60k?" after "and the co-op part?" changes
        that billing), else the one remembered already."""
        if (self.last_tool == kind or (kind == "coop" and self.last_tool == "payout")) and self.last_inputs != inputs:
            return self.last_inputs
        return self.earlier_inputs

    def with_(self, **changes) -> "ConversationState":
        """A new state with `changes` applied; this one stays as it was."""
        return self.model_copy(update=changes)

    @classmethod
    def load(cls, raw: dict | None) -> "ConversationState":
        """The state stored with a session (unknown keys from older versions are ignored)."""
        return cls.model_validate(raw or {})

    def dump(self) -> dict:
        return self.model_dump(mode="json")
