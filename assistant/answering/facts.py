"""Fact answers: retrieve, score sentences, lay out the answer's shape, or abstain knowing what was asked.

No model call beyond retrieval's: sentence vectors come from the index, the question's vector
from the encoder's per-turn cache.
"""
from __future__ import annotations

import re
from math import fsum

import numpy as np

from assistant.answer import Answer
from assistant.answering import alternatives, rule_answers, sameness, shapes, thread_summary
from assistant.answering.concepts import described
from assistant.answering.answer_types import answers_break_even, asking_words, asks_own_data, measured_subject, requested_value, states_value
from assistant.answering.value_types import VALUE_NAMES
from assistant.answering.question_shapes import without_trailing_condition, asks_yes_no, question_parts, shape_of
from assistant.answering.asked_parts import LIKE_ANOTHER, POINTS_BACK, asking_sentence, name_terms
from assistant.answering.candidates import gather
from assistant.answering.steps import steps_answer
from assistant.answering.candidate_context import CandidateContext, asks_poster, asks_posters_own_name, greets
from assistant.answering.choosing import ASKING_STEMS, META_TERMS, VALUE_COVERAGE, VALUE_MARGIN, SentenceChoice
from assistant.answering.queries import without_set_aside
from assistant.answering.rate_checks import no_rate_reason, rate_for_another
from assistant.understanding.slots.facts import provider_is_third_party
from assistant.answering.composing import compose_part
from assistant.answering.trust import rule_first
from assistant.answering.scoring import FEATURES, Idf, features, load_weights, question_terms
from assistant.answering.wording import about_question, asked_fiscal_years, join_pieces, fiscal_years, spelled_out
from assistant.compose import CitationList, abstention
from assistant.support import POINTS_BACK_WORD, main_clause, weak_support
from index.bm25 import tokenize
from index.search import Hit

# Cosine similarity of question and sentence above which one sentence alone is support enough.
MIN_SENTENCE_SIMILARITY = 0.42
# A pronoun that refers back to the context; "does it take", "is it possible" use a dummy "it" that refers to nothing.
_CONTINUES = re.compile(r"^\W*(?:and|but|also|so|what\s+about|how\s+about|ok(?:ay)?\W+(?:and|but|what\s+about))\b", re.I)
_REFERS_BACK = re.compile(r"\b(?:they|them|this|that|it(?!\s+(?:take|takes|took|cost|costs|mean|means|matter|matters|possible|true|"
                          r"allowed|ok|okay|worth)\b))\b", re.I)


# What only an indirect reseller has: the trailing-twelve-month revenue rule and being offboarded by it
_RESELLERS_ONLY = re.compile(r"\bttm\b|\btrailing[\s-]+(?:twelve|12)\b|\boff-?boarded\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "How many daily users does Teams have today?": the present asked about...
_NOW = re.compile(r"\b(?:today|currently|right\s+now|as\s+of\s+now|at\s+the\s+moment|these\s+days|nowadays|at\s+present)\b", re.I)
# ... which a figure counted at a past moment ("in October 2020 Teams reached 115 million") does not give; a rule
# in force from a date ("$10,000 from 1 October 2021") still holds
_SNAPSHOT = re.compile(r"\b(?:in|during|by|as\s+of\s+(?!now))\s+(?:\w+\s+){0,2}?(?:19|20)\d\d\b", re.I)
# Groups whose alternative, named in a question for a value, must be named where the value is stated:
# a threshold stated for the incentive is not Silver's.
_WHO_ASKED = ("competency level", "partner type")



class FactAnswerer(SentenceChoice, CandidateContext):
    """Answers fact questions over one assistant's index (its searcher, encoder and citer)."""

    def __init__(self, assistant):
        self.assistant = assistant

    @property
    def idf(self) -> Idf:
        return self.assistant._per_build("sentence_idf", lambda _ps: Idf(self.assistant.searcher.sentences.units))

    def answer(self, question: str, query: str, hits, products=(), qvec=None) -> Answer:
        rates = shapes.rate_question(question, products)
        citer = self.assistant.citer
        reason = no_rate_reason(question, rates, citer)
        if reason:
            return abstention(reason, hits)
        if rates and any(rate_for_another(question, v, citer) for v in shapes.rate_values(rates)):
            rates = None  # the rates are another partner type's: answer from the documents, or abstain
        if rates and all(citer.in_index(v.reference_doc, v.reference_quote) for v in shapes.rate_values(rates)):
            # Rates come from the rules only when the indexed documents state them: an index of an
            # operator's own files is answered, and cited, from those files.
            text, cites, figs = shapes.rate_answer(question, rates, self.assistant.citer)
            return Answer(answer=text, citations=cites.items, figures=figs)
        ruled = rule_answers.from_rules(question, query, citer)
        if ruled is not None:
            # "What do Silver and Gold need?", "how does the incentive split?": the rules' own values, cited;
            # "… and how long is the earning period?": a part no rule states is answered from the documents
            text, cites, figs = ruled
            parts = question_parts(question)
            rest = [p for p in parts if rule_answers.from_rules(p, p, citer) is None] if len(parts) > 1 else []
            if rest and len(rest) < len(parts):
                more = self.answer(" ".join(p.rstrip(" ?") + "?" for p in rest), " ".join(rest), hits, products, qvec)
                if not more.abstained:
                    text = f"{text}\n\n{cites.renumbered(more.answer, more.citations)}"
            return Answer(answer=text, citations=cites.items, figures=figs)
        searcher = self.assistant.searcher
        if qvec is None:
            qvec = self.assistant.encoder.encode([query])[0]  # the query retrieval embedded: a cache hit
        stepped = steps_answer(question, hits, searcher.passages, searcher.vectors, qvec)
        if stepped is not None:
            return Answer(answer=stepped[0], citations=stepped[1].items)
        pair = sameness.asked_pair(question, self.assistant.acronyms)
        if pair is not None:
            # "Is CPOR the same thing as DPOR?": two things the documents spell out differently
            cites = CitationList()
            text = sameness.not_the_same(pair, self.assistant.acronyms, searcher.sentences.units, searcher.passages,
                                         lambda p: cites.cite(Hit(p, 0.0, 1.0, 0.0)))
            if text is not None:
                return Answer(answer=text, citations=cites.items)
        if thread_summary.asks_thread_conclusion(question):
            # "summarise the 'Do CSP Indirect Providers earn incentives?' thread: what's the bottom line?"
            cites = CitationList()
            text = thread_summary.conclusion(hits, searcher.passages, searcher.sentences.units, cites.cite)
            if text is not None:
                return Answer(answer=text, citations=cites.items)
        if asks_own_data(question):
            return abstention("The documents give the program's rules, not your own figures; check them in "
                              "Partner Center or the incentive tool.", hits)
        self._question = question
        hits = self.with_named_posts(hits, qvec)
        cands = gather(searcher, hits, qvec)
        self._cands = cands
        if not cands or self._weak(hits, cands, qvec):
            return abstention("The documents I have do not answer this question.", hits)
        weights = load_weights()
        # "Besides rebates and co-op, what other benefits…?": what is set aside is not what is asked.
        question, aside = without_set_aside(question)
        set_aside = question_terms(aside) if aside else set()
        # "since when?" names nothing itself: the topic it continues (carried in the query) does.
        whole_terms = question_terms(question)
        # "and before the October 2021 change?" after a co-op question: the topic carries into the follow-up too
        carried = bool(query and query != question and _CONTINUES.match(question))
        if not whole_terms - ASKING_STEMS or carried:
            whole_terms |= question_terms(query)
        asked_years = fiscal_years(question)
        asked_fiscal = asked_fiscal_years(question)
        cites = CitationList()
        parts_out: list[str] = []
        used: set[int] = set()
        parts = question_parts(question)
        posters = self._posters_named(question, cands)
        side_by_side = alternatives.compared(question)
        if len(parts) == 1 and side_by_side and not asks_yes_no(question):
            # "Silver vs Gold on new customers", "how many customers do Silver and Gold need?": each side
            # answered by what is stated for it.
            group, names = side_by_side
            parts = [alternatives.only(question, group, name) for name in names]
        elif len(parts) == 1 and not asks_yes_no(question) and (kinds := alternatives.kinds_asked(question)):
            # "what do we need in place to be eligible as a provider?": the business and the operational ones
            parts = [f"{question.rstrip(' ?')} ({name} requirements)?" for name in kinds[1]]
        # "waarvoor mogen we de co-op gebruiken?": the documents' name for what is described is asked too
        named_too = question_terms(" ".join(described(self._question)))
        for part in parts:
            terms = question_terms(without_trailing_condition(alternatives.without_done_clause(part))) | named_too
            # "…, and what's the minimum?": a part that names one word or none leans on the question's first part
            if len(terms - ASKING_STEMS - set(tokenize([asking_words(part)])[0])) <= 1 or _REFERS_BACK.search(part) or carried:
                # (the first part's asking sentence, not the circumstances told before it, unless that sentence
                # itself points back to them: "… over the threshold. Can we spend it right away?")
                first = question_parts(question)[0]
                leaned = asking_sentence(first) if not POINTS_BACK_WORD.search(asking_sentence(first)) else first
                # (of the circumstances, only words the documents use: a greeting or a job title leans on nothing)
                terms |= whole_terms if len(question_parts(question)) == 1 else \
                    {t for t in question_terms(leaned) if t in self.idf.idf or leaned is not first}
            x = features(part, terms, qvec, cands, searcher.sentences.vectors, self.idf)
            self._dense = x[:, FEATURES.index("dense")]
            scores = weights.score(x)
            if set_aside:
                scores = scores - VALUE_MARGIN * np.array([bool(set_aside & self._context_terms(c)) for c in cands])
            # ("… for Indirect Providers, like the one for resellers?": the type compared against is not the one asked)
            asked = alternatives.asked_in(LIKE_ANOTHER.sub("", question), LIKE_ANOTHER.sub("", part))
            if provider_is_third_party(question):
                asked.pop("partner type", None)  # "we resell through a distributor": the distributor is not who asks
            elif "partner type" not in asked and _RESELLERS_ONLY.search(question):
                # "we got offboarded for being under $25k TTM": only resellers have that rule, so the asker is one
                asked["partner type"] = {"indirect reseller"}
            # A sentence about another partner type or level ("resellers" for a question on providers) never answers.
            barred = {i for i in range(len(cands)) if self._about_another(asked, cands[i])}
            # "What did the Level 1 Contributor say?": only that poster's words answer.
            barred |= {i for i in range(len(cands)) if posters and (cands[i].hit.passage.meta or {}).get("post_role") not in posters}
            order = [int(i) for i in np.argsort(-scores) if int(i) not in barred]
            # "… to show how big Microsoft is. What numbers were those?": the asking sentence says what is asked for
            kind = requested_value(main_clause(asking_sentence(part, min_words=2)))
            fresh = [i for i in order if cands[i].row not in used]
            if not fresh:
                continue
            best = fresh[0]
            if kind:
                # the circumstances before the question ("After our CDA got signed, how long ...", "We signed the
                # CDA. How long ...?") are not asked about
                main = main_clause(asking_sentence(part))
                asked_terms = (question_terms(main) or terms) if main != part else terms
                if not asked_terms - set(tokenize([asking_words(main)])[0]):
                    # "When the threshold was raised, what was the old amount?": the clause holds the subject.
                    asked_terms = terms
                elif main != part and POINTS_BACK.search(main):
                    # "No PIExp invitation yet. How many more days should we wait for it?": "it" is named before
                    asked_terms = asked_terms | terms
                total = fsum(self.idf.weight(t) for t in asked_terms) or 1.0
                subject = asked_terms - set(tokenize([asking_words(part)])[0])
                typed = [i for i in fresh[:12] if scores[i] >= scores[best] - VALUE_MARGIN
                         and states_value(kind, about_question(self._listed(cands[i]) if kind == "complete list"
                                                               else cands[i].unit.text, subject), part)
                         and fsum(self.idf.weight(t) for t in asked_terms & self._context_terms(cands[i])) / total
                         >= VALUE_COVERAGE]
                # "how many months of grace period": a sentence with some number of months but no grace period does not answer
                measured = set(tokenize([measured_subject(part)])[0])
                # "how much revenue does Silver need?": a value stated for the level or partner type asked about, by name
                # (named in the asking clause: "we are a small reseller. From how much billing…" asks about no type)
                named_main = alternatives.named(main)
                typed = [i for i in typed if self._names_covered(main, cands[i])
                         and answers_break_even(part, self._subject_text(cands[i]))
                         and asked_years <= fiscal_years(self._context(cands[i])) and measured <= self._context_terms(cands[i])
                         and self._names_asked({g: v for g, v in asked.items() if g in _WHO_ASKED and g in named_main}, cands[i])]
                years = set(_YEAR.findall(part))
                if years:
                    # "how many daily users did Teams have in 2021?": a figure stated for 2020 is another year's
                    typed = [i for i in typed if not (set(_YEAR.findall(cands[i].unit.text)) - years)
                             or years & set(_YEAR.findall(self._context(cands[i])))]
                if kind in ("count", "statistic", "user numbers") and _NOW.search(part):
                    typed = [i for i in typed if not _SNAPSHOT.search(cands[i].unit.text)]
                if kind == "name" and asks_posters_own_name(part):
                    # "what's the name of the community manager who answered Natalia?": "Hi Natalia" greets another
                    typed = [i for i in typed if not greets(cands[i].unit.text)]
                if not typed and any(self._states_part_value(kind, i, part, subject, asked_terms, total, scores, order)
                                     for i in order[:4] if cands[i].row in used):
                    continue  # a sentence already given states this part's value too
                if not typed:
                    return abstention(f"The documents do not state {VALUE_NAMES[kind]} for this"
                                      + (f" (\"{part}\")" if len(question_parts(question)) > 1 else "") + ".", hits)
                best = typed[0]
            if not kind and not self._names_covered(part, cands[best]):
                # Of close candidates, one naming what was asked ("DPOR") leads over one that does not.
                named = [i for i in fresh[:8] if scores[i] >= scores[best] - VALUE_MARGIN
                         and self._names_covered(part, cands[i])]
                best = named[0] if named else best
            overlap = x[:, FEATURES.index("overlap")].copy()
            overlap[list(barred)] = 0.0
            if not kind and shapes.asks_consequence(part) and not shapes.states_consequence(cands[best].unit.text):
                # "our TTM is 18k: what happens to us?": the close sentence that states what follows leads.
                best = next((i for i in fresh[:12] if scores[i] >= scores[best] - VALUE_MARGIN
                             and shapes.states_consequence(cands[i].unit.text)), best)
            if not kind:
                best, decided = self._preferred(part, terms, order, best, scores)
                if decided and cands[best].row in used:
                    continue  # "…and can they get back in?": the sentence already given says how
            if not kind and shape_of(part) == "list":
                best = self._list_under_its_heading(fresh, best, scores, x)
            if not kind and shapes.asks("outcome_asks", part) and not any(
                    shapes.states("outcome_states", cands[i].unit.text) for i in fresh[:12]):
                # "did he ever get it working in the end?": nothing says how it turned out after the post
                return abstention("The documents do not say how this turned out"
                                  + (f" (\"{part}\")" if len(parts) > 1 else "") + ".", hits)
            if shapes.asks("leftover_asks", part) and not any(shapes.states("leftover_states", cands[i].unit.text)
                                                             for i in fresh[:12]):
                # "does the co-op we don't spend roll over?": what the rules say of an accrual under the threshold
                # is not what becomes of funds left unspent
                return abstention("The documents do not say what becomes of funds left unspent"
                                  + (f" (\"{part}\")" if len(parts) > 1 else "") + ".", hits)
            lead = ""
            if not kind and asks_poster(part):
                # "who pasted the FY19 criteria, the manager or someone else?": the post that says it, by its badge
                posted = next((i for i in order[:12] if self.poster_of(cands[i])), None)
                if posted is None:
                    return abstention("The documents do not say who posted this.", hits)
                best, lead = posted, f"It was posted by **{self.poster_of(cands[posted])}**. "
            # "what happens to us, are we kicked out forever?": the consequence answers it, yes or no aside
            elif not kind and shape_of(part) == "yes_no" and not shapes.asks_consequence(part):
                # "is there a way back in?": a sentence that says how a partner returns decides it
                # a person named ("did Natalia get it working?") says whom it is about, not what decides it
                deciding = best if decided else self._deciding(self._decided_on(terms - name_terms(part) - META_TERMS or terms, part),
                                                               fresh, best, scores, part)
                if deciding is None and parts_out:
                    # "what can we spend co-op on? can it cover exam fees?": the first part answered stands,
                    # the yes-or-no the documents do not settle is said to be open
                    parts_out.append(f"The documents do not say whether this is so (\"{part}\").")
                    continue
                if deciding is None:
                    return abstention("The documents do not say whether this is so"
                                      + (f" (\"{part}\")" if len(parts) > 1 else "") + ".", hits)
                top = int(np.argmax(scores))
                if top in barred and not self._names_asked(asked, cands[deciding]):
                    # "Is there a TTM minimum for providers too?": the closest sentences state it for resellers only,
                    # and the one left says nothing of providers either.
                    return abstention("The documents state this only for another partner type or level than the one "
                                      "asked about; they say nothing of it for yours.", hits)
                best = deciding
            stated_years = fiscal_years(self._context(cands[best]))
            if asked_fiscal and stated_years and not asked_fiscal & stated_years:
                # "the RI rate back in FY19, before the FY20 guide?": what the documents state for FY20 is not FY19's
                return abstention(f"The documents state this for {', '.join(sorted(stated_years))} only, not for "
                                  f"{', '.join(sorted(asked_fiscal))}.", hits)
            if posters:
                # "What did the community manager tell her?": that one post says it, not the same badge's other posts
                others = [i for i in range(len(cands)) if cands[i].unit.passage != cands[best].unit.passage]
                order = [i for i in order if i not in others]
                overlap[others] = 0.0
            text = compose_part(self, part, cands, scores, order, best, cites, used, overlap)
            if text:
                parts_out.append(lead + text)
        if not parts_out:
            return abstention("The documents I have do not answer this question.", hits)
        units = searcher.sentences.units
        notes = [rule_first(c, self.assistant.citer, cites) for c in self._conflicts()
                 if any(units[r].text == c.sentence and searcher.passages[units[r].passage].id == c.passage_id
                        for r in used)]
        text = spelled_out(join_pieces([*dict.fromkeys(notes), *parts_out]).strip(), self.assistant.acronyms)
        return Answer(answer=text, citations=cites.items)

    def _weak(self, hits, cands, qvec) -> bool:
        """Neither a passage nor a single sentence is close to the question.

        Long passages of an operator's guide dilute a sentence that answers exactly, so a close
        sentence counts as support on its own.
        """
        if not weak_support(hits) or self._names_a_poster(hits):
            return False
        vectors = self.assistant.searcher.sentences.vectors
        return float(np.max(vectors[[c.row for c in cands]] @ qvec)) < MIN_SENTENCE_SIMILARITY
