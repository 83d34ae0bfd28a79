"""What the fact answerer knows about a candidate sentence beyond its text: the headings and title it sits
under, the sentence a pronoun refers back to, the list it leads, and the forum post and poster it comes from.

A mixin of :class:`~assistant.answering.facts.FactAnswerer`, which holds the assistant and the question.
"""
from __future__ import annotations

import re

from assistant.answering import alternatives, shapes
from assistant.answering.trust import find_conflicts
from assistant.answering.wording import names_covered
from index.bm25 import tokenize
from index.search import Hit

# A question naming a poster is supported when one of this many top passages is that poster's post.
PASSAGES_NAMED = 4
# "who pasted the FY19 criteria?", "which user said…": the poster is what is asked
_ASKS_POSTER = re.compile(r"\bwho\b[^?]{0,60}?\b(?:posted|post|said|say|wrote|write|pasted|paste|shared|share|answered|replied|"
                          r"quoted|mentioned|gave|put|listed|summari[sz]ed|complained)\b"
                          r"|\bwhich\s+(?:[\w-]+\s+)?(?:user|poster|person|member|badge|contributor|participant|commenter|reply|replies)\b", re.I)


# "the name of the community manager": the poster's own name, which a greeting in the post does not give
_POSTERS_OWN_NAME = re.compile(r"\bname\s+of\s+(?:the\s+|that\s+)?(?:[\w-]+\s+){0,2}?(?:manager|poster|contributor|visitor|moderator|"
                               r"member|user|person|author|guy|lady|woman|man|employee)\b", re.I)
_GREETING = re.compile(r"^\W*(?:Hi|Hello|Dear|Hey)\s+[A-Z][a-z]+")


def asks_posters_own_name(part: str) -> bool:
    return bool(_POSTERS_OWN_NAME.search(part))


def greets(text: str) -> bool:
    return bool(_GREETING.search(text))


# What forum readers call a badge: "the mod", "the CM" is the community manager; "the OP" the visitor who asked.
_BADGE_ALIASES = {"mod": "community manager", "moderator": "community manager", "cm": "community manager",
                  "op": "visitor partner", "asker": "visitor partner"}


def badge_words(question: str) -> set[str]:
    """The question's words, with the badge each forum nickname stands for."""
    words = set(tokenize([question])[0])
    for alias, badge in _BADGE_ALIASES.items():
        if re.search(rf"(?<![\w-]){alias}(?![\w-])", question, re.I):  # "co-op" holds no "op"
            words |= set(tokenize([badge])[0])
    return words


def asks_poster(part: str) -> bool:
    return bool(_ASKS_POSTER.search(part))


class CandidateContext:
    def _listed(self, cand) -> str:
        """A list's lead-in with its items ("…three groups: a; b; c"), or the unit's own text."""
        unit = cand.unit
        if unit.kind != "intro":
            return unit.text
        units = self.assistant.searcher.sentences.units
        items = [units[r].text for r in self.rows_of(unit.passage) if units[r].kind == "item" and units[r].group == unit.group]
        return "; ".join([unit.text, *items])

    def _conflicts(self):
        searcher = self.assistant.searcher
        return self.assistant._per_build("conflicts", lambda ps: find_conflicts(ps, searcher.sentences.units))

    def _context(self, cand) -> str:
        """The sentence with the headings and title it sits under."""
        p = cand.hit.passage
        return f"{cand.unit.text} {cand.unit.heading} {p.section} {p.title}"

    def _names_asked(self, asked, cand) -> bool:
        """The sentence, or its headings, names the alternative the question asks about."""
        p = cand.hit.passage
        said = alternatives.named(f"{self._subject_text(cand)} {cand.unit.heading} {p.section} {p.title}")
        return all(wanted <= said.get(group, set()) for group, wanted in asked.items() if len(wanted) == 1)

    def _about_another(self, asked, cand) -> bool:
        p = cand.hit.passage
        return alternatives.contradicts(asked, self._subject_text(cand), f"{cand.unit.heading} {p.section} {p.title}")

    def _subject_text(self, cand) -> str:
        """A sentence whose subject is a pronoun ("It requires at least two…") with the sentence it refers back to."""
        if cand.unit.kind == "item" and 0 <= cand.unit.group < len(rows := self.rows_of(cand.unit.passage)):
            # "- the partner bills clients over $3,400 per month": about what the list's lead-in names
            return f"{self.assistant.searcher.sentences.units[rows[cand.unit.group]].text} {cand.unit.text}"
        if not (shapes.needs_context(cand.unit.text) and cand.unit.index > 0):
            return cand.unit.text
        earlier = self.assistant.searcher.sentences.units[self.rows_of(cand.unit.passage)[cand.unit.index - 1]]
        return f"{earlier.text} {cand.unit.text}"

    def _context_terms(self, cand) -> set[str]:
        """A sentence's terms, with its list lead-in's for a list item ("6% on D365" under "…reseller incentive")."""
        terms = set(self.idf.terms[cand.row])
        if cand.unit.kind == "item" and cand.unit.group >= 0:
            rows = self.rows_of(cand.unit.passage)
            if cand.unit.group < len(rows):
                terms |= self.idf.terms[rows[cand.unit.group]]
            terms |= set(tokenize([cand.hit.passage.section])[0])
        role = (cand.hit.passage.meta or {}).get("post_role")
        if role:
            # A forum post is said by its poster, on the forum: "what did the community manager say",
            # "someone on the forum said…" are about its words.
            terms |= set(tokenize([f"{role} forum thread post"])[0])
        return terms

    @staticmethod
    def _posters_named(question: str, cands) -> set[str]:
        """The forum badges ("Community Manager") the question names, among the candidates' posts."""
        asked = badge_words(question)
        roles = {(c.hit.passage.meta or {}).get("post_role") for c in cands} - {None}
        return {r for r in roles if set(tokenize([r])[0]) <= asked}

    def _names_a_poster(self, hits) -> bool:
        """The question names who said it ("what did the community manager say?") and a top hit is that post."""
        asked = badge_words(self._question)
        roles = [(h.passage.meta or {}).get("post_role") for h in hits[:PASSAGES_NAMED]]
        return any(role and set(tokenize([role])[0]) <= asked for role in roles)

    def _names_covered(self, part: str, cand) -> bool:
        return names_covered(part, cand, self.rows_of(cand.unit.passage), self.assistant.searcher.sentences.units,
                             self.assistant.acronyms)

    def rows_of(self, passage: int) -> list[int]:
        by_passage = self.assistant._per_build("sentence_rows", lambda _ps: self.assistant.searcher.sentences.by_passage())
        return by_passage.get(passage, [])


    def poster_of(self, cand) -> str | None:
        """The badge of the forum post a sentence comes from ("Visitor (partner)"), or None."""
        return (cand.hit.passage.meta or {}).get("post_role")

    def with_named_posts(self, hits, qvec):
        """The posts of a badge the question names ("the community manager's reply"), first among the hits:
        the question is about those posts, wherever retrieval ranked them."""
        asked = badge_words(self._question)
        passages = self.assistant.searcher.passages
        roles = self.assistant._per_build("post_roles", lambda ps: [(i, frozenset(tokenize([r])[0])) for i, p in enumerate(ps)
                                                                     if (r := (p.meta or {}).get("post_role"))])
        named = [i for i, words in roles if words and words <= asked]
        have = {h.passage.id for h in hits[:PASSAGES_NAMED]}
        if not named or any(passages[i].id in have for i in named):
            return hits
        vectors = self.assistant.searcher.vectors
        # the badge may post in several threads: the posts closest to the question
        named = sorted(named, key=lambda i: -float(vectors[i] @ qvec))[:6]
        first = [Hit(passages[i], 0.0, float(vectors[i] @ qvec), 0.0) for i in named]
        return first + [h for h in hits if h.passage.id not in {p.passage.id for p in first}]
