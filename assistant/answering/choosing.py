"""Choosing the sentence that answers a part of a question: the one stating the value asked for, the one
that decides a yes/no, the one that says what comes first or how a partner returns, a whole list under
its own heading.

A mixin of :class:`~assistant.answering.facts.FactAnswerer`: it reads the candidates, scores and idf the
answerer holds for the question being answered.
"""
from __future__ import annotations

from math import fsum

import re

from assistant.answering import shapes
from assistant.answering.answer_types import states_value
from assistant.answering.asked_parts import asking_sentence
from assistant.answering.scoring import FEATURES, question_terms
from assistant.answering.wording import about_question
from index.bm25 import tokenize

# A value-bearing sentence must score within this margin of the part's best sentence to count as its answer.
VALUE_MARGIN = 3.0
# ...and carry at least this share of the part's (idf-weighted) terms.
VALUE_COVERAGE = 0.2
# A yes/no question is decided by a sentence holding one of its this many rarest terms.
DECIDING_TERMS = 2
# ...or by a sentence this close to it in meaning, which says the same in other words.
DECIDING_SIMILARITY = 0.5
# A sentence holding a word the question turns on decides it only when at least this close in meaning.
DECIDING_FLOOR = 0.3
# ...and this close when both words it turns on are words the documents never use.
UNKNOWN_WORD_SIMILARITY = 0.65
# Words of an amount ("ten grand"), which name no topic of their own.
_AMOUNT_WORD = re.compile(r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifti?|hundr\w*|"
                          r"thousand|million|grand|buck\w*|k|m")
# Stems of words that only ask ("since when?", "how long?", "why?"): a part made of them names no subject.
ASKING_STEMS = frozenset(tokenize(["since when why how long much many often soon what which where who whom whose"])[0])


# "is there a rule of thumb / a way to tell / any sign…": the kind of answer asked for, not what decides it
# ... nor is who it covers ("does everyone get the same number?"): the subject is what they get
META_TERMS = frozenset(tokenize(["rule thumb guideline guidance way tell sign signs indicator hint tip tips formula shortcut "
                                 "everyone everybody anyone anybody someone somebody each every same"])[0])


# ... nor the first half of a negative contraction ("doesn't", "isn't")
_WHAT_HAPPENS = re.compile(r"\bwhat\b[^?]{0,20}\bhappen|\bconsequences?\b", re.I)
_EMPHASIS_STEMS = frozenset(tokenize([" ".join(shapes.EMPHASIS_WORDS)])[0]) | frozenset(
    "doesn don didn isn aren wasn weren won wouldn couldn shouldn haven hasn hadn mustn needn".split())


# "what does the guide say…": where the answer comes from, not what it is about
_SOURCE_WORDS = frozenset(tokenize(["guide guides document documents source sources according says said"])[0])


class SentenceChoice:
    """How the answering sentence of a part is chosen among close candidates."""

    def _states_part_value(self, kind, i, part, subject, asked_terms, total, scores, order) -> bool:
        """A sentence (already used for another part) states the value this part asks for, about its subject."""
        cand = self._cands[i]
        return (scores[i] >= scores[order[0]] - VALUE_MARGIN and states_value(kind, about_question(cand.unit.text, subject), part)
                and fsum(self.idf.weight(t) for t in asked_terms & self._context_terms(cand)) / total >= VALUE_COVERAGE)

    def _decided_on(self, terms: set[str], part: str) -> set[str]:
        """The terms a yes/no question turns on: a word the documents never use counts only in the asking sentence
        ("…legal sat on the renewal for six weeks. Do we still get the incentives?" turns on the incentives)."""
        asking = set(question_terms(asking_sentence(part)))
        return {t for t in terms if t in self.idf.idf or t in asking} or terms

    def _deciding(self, terms: set[str], fresh, best, scores, part: str = "") -> int | None:
        """The sentence that decides a yes/no question: a close one that holds what the question turns on.

        What a yes/no question turns on is its rarest terms ("claw back" in "does Microsoft claw back
        the rebate if…"); when no close sentence holds any of them, the documents do not decide it.
        """
        # Among equally rare words, one the documents use ("SEO", "website") before one they never do ("toward"),
        # and a longer before a shorter; the word itself breaks what ties remain, so the same question decides
        # the same way in every process.
        # ("if it doesn't reach it, is the money just gone?": a word of emphasis, or of a contraction, is nothing it
        # turns on)
        terms = terms - _EMPHASIS_STEMS or terms
        rare = sorted(terms, key=lambda t: (self.idf.weight(t), t in self.idf.idf, len(t), t), reverse=True)[:DECIDING_TERMS]
        unknown = bool(rare) and rare[0] not in self.idf.idf
        # Both of its rarest words unknown to the documents ("cancel", "claw back"): it asks about something they lack.
        strange = len(rare) == DECIDING_TERMS and all(t not in self.idf.idf and not _AMOUNT_WORD.fullmatch(t) for t in rare)
        if unknown:
            rare = rare[:1]  # it turns on a word the documents never use: only that word, or the same meaning, decides
        close = [i for i in fresh[:12] if scores[i] >= scores[best] - VALUE_MARGIN]
        # holding the word is not enough when the sentence is about something else ("migration" in a sentence
        # on service packages, for "write our CRM migration script?")
        # ("is the money just gone?": a sentence saying the money is paid out, or lost, decides any word for losing it)
        # (only when the loss is all it turns on: "does Microsoft claw back the rebate if a customer cancels?" turns
        # on the cancelling too)
        loss = bool(part) and shapes.asks_loss(part) and all(t in self.idf.idf or t in shapes.loss_stems() for t in rare)
        found = next((i for i in close if (set(rare) & self._context_terms(self._cands[i])
                                           or loss and shapes.states_fate(self._cands[i].unit.text))
                      and self._dense[i] >= DECIDING_FLOOR), None)
        # "Does Microsoft claw back our rebate?": with the word itself nowhere, only a sentence very close in
        # meaning says the same thing; a merely related one (rebates depend on subscriptions) does not decide it.
        if found is None and self._dense[best] >= (UNKNOWN_WORD_SIMILARITY if strange else DECIDING_SIMILARITY):
            return best  # the same thing said in other words
        return found

    def _preferred(self, part: str, terms: set[str], fresh, best, scores) -> tuple[int, bool]:
        """"What's the first step when forecasting?": of the close sentences that state what starts
        something, the one that shares most of the question's subject leads (likewise "is there a way
        back?" and a sentence that says how a partner returns). Returns (the sentence, whether it states
        what was asked)."""
        decided = False
        for ask, state in shapes.PREFERENCES:
            cue = shapes.asks(ask, part)
            if not cue:
                continue
            # "who sends out the invitation…?": of the sentences naming who does something, one about the invitation
            # (the head of the phrase after the verb: "sends us the onboarding **invite**")
            after = [t for t in _words_after(part, cue) if t in self.idf.idf] if ask == "agent_asks" else []
            done_to = {after[-1]} if after else set()
            said = lambda i: set(tokenize([self._cands[i].unit.text])[0])  # noqa: E731 (the sentence's own words)
            if shapes.states(state, self._cands[best].unit.text) and (not done_to or done_to & said(best)):
                decided = True
                continue
            if ask == "return_asks" and _WHAT_HAPPENS.search(part) and shapes.states_consequence(self._cands[best].unit.text):
                continue  # "what happens to us, are we out for good?": what follows leads; the way back is support
            # the subject: the question's words the documents use, besides the cue and the source named
            subject = {t for t in terms - ASKING_STEMS - _SOURCE_WORDS - set(tokenize([cue])[0]) if t in self.idf.idf}
            shared = {i: fsum(self.idf.weight(t) for t in subject & self._context_terms(self._cands[i]))
                      for i in fresh[:12] if scores[i] >= scores[best] - VALUE_MARGIN
                      and shapes.states(state, self._cands[i].unit.text)}
            # ("… can we ever get back in?": a part that names nothing else takes the closest sentence that says it)
            shared = {i: w for i, w in shared.items() if w > 0} or (shared if not subject else {})
            about = {i: w for i, w in shared.items() if done_to & said(i)}
            shared = about or shared
            if shared:
                best, decided = max(shared, key=lambda i: (shared[i], scores[i])), True
        return best, decided

    def _list_under_its_heading(self, fresh, best, scores, x) -> int:
        """For a list question, the list whose own heading names what is asked, among the close candidates.

        "Approved co-op activities" lists the activities; a list of what happens above and below the
        threshold, under another heading, mentions them in passing.
        """
        titled = x[:, FEATURES.index("titled")]
        close = [i for i in fresh[:12] if scores[i] >= scores[best] - VALUE_MARGIN]
        lists = [i for i in close if self._cands[i].unit.kind in ("intro", "item") and self._cands[i].unit.group >= 0]
        if not lists:
            return best
        pick = max(lists, key=lambda i: (titled[i], scores[i]))
        # (a list asked for, and the best sentence no list at all: the close list under as apt a heading answers)
        best_is_list = self._cands[best].unit.kind in ("intro", "item")
        return pick if titled[pick] > titled[best] or (titled[pick] == titled[best] and not best_is_list) else best


def _words_after(part: str, cue: str) -> list[str]:
    """The stems of the few words right after the words that ask ("who sends out the invitation…"), up to where a
    clause about them begins: the last of them is what is done."""
    part = shapes.without_emphasis(part)
    at = part.lower().find(cue.lower())
    if at < 0:
        return []
    # (the thing done ends where a clause about it begins: "the invitation | that starts onboarding")
    phrase = re.split(r"\b(?:that|which|who|whom|to|for|so|when|if|once|after|before)\b|[,;:?!-]", part[at + len(cue):], maxsplit=1)[0]
    return tokenize([" ".join(phrase.split()[:5])])[0]
