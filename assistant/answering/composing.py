"""One answer part from its best sentence: the sentence (a whole list when it is a list item, the sentence
before when it needs it), then close support, never merging lists across conditions."""
from __future__ import annotations

import re

from assistant.answering import shapes
from assistant.answering.question_shapes import shape_of
from assistant.answering.wording import join_pieces, same_sentence

# A supporting sentence must score within this many logits of the best one to join the answer.
SUPPORT_MARGIN = 1.5
MAX_SUPPORT = 2
# A first sentence shorter than this is a lead-in: the sentences after it carry the answer.
LEAD_IN_WORDS = 10
# "…come in two forms.", "…takes several steps.": what they announce comes in the next sentences.
_ANNOUNCES = re.compile(r"\b(?:two|three|four|five|several|a few|a number of)\s+(?:\w+\s+)?\w+s\b[^,;:]{0,25}\.$", re.I)


_SAID = re.compile(r"\b(?:say|said|says|reply|replied|replies|tell|told|write|wrote|answer|answered|respond|responded|"
                   r"suggest|suggested|recommend|recommended|advise|advised|post|posted)\b", re.I)


def compose_part(answerer, part, cands, scores, order, best, cites, used, overlap=None) -> str:
    shape = shape_of(part)
    first = cands[best]
    units = answerer.assistant.searcher.sentences.units
    rows = answerer.rows_of(first.unit.passage)
    n = cites.cite(first.hit)
    out: list[str] = []
    if first.unit.kind in ("intro", "item") and first.unit.group >= 0 and shape != "comparison":
        intro = units[rows[first.unit.group]] if first.unit.group < len(rows) else None
        items = [units[r] for r in rows if units[r].kind == "item" and units[r].group == first.unit.group]
        if shape == "yes_no" and shapes.yes_no_lead(part, first.unit.text):
            out.append(shapes.yes_no_lead(part, first.unit.text))
        out.append(shapes.list_block(intro, items, n))
        used.update(r for r in rows if units[r].group == first.unit.group)
    else:
        text = first.unit.text
        if shapes.needs_context(text) and first.unit.index > 0:
            prev = units[rows[first.unit.index - 1]]
            if prev.kind == "sentence" and first.row - 1 not in used:
                out.append(shapes.cited(prev.text, n))
                used.add(first.row - 1)
        if shape == "yes_no" and shapes.yes_no_lead(part, text):
            out.insert(0, shapes.yes_no_lead(part, text))
        out.append(shapes.cited(text, n))
        used.add(first.row)
    # A short lead-in ("CSP incentives usually take two forms.") is answered by the sentences after it.
    after = rows[first.unit.index + 1:first.unit.index + 3] if first.unit.kind == "sentence" else []
    # "What did the Community Manager reply to Natalia?": the post is the answer, not its first line alone
    quoted_post = bool(_SAID.search(part) and answerer._posters_named(part, cands)) and (first.hit.passage.meta or {}).get("post_role")
    if out and (len(first.unit.text.split()) < LEAD_IN_WORDS or _ANNOUNCES.search(first.unit.text) or quoted_post):
        for r in after:
            if units[r].kind == "sentence" and r not in used:
                out.append(shapes.cited(units[r].text, n))
                used.add(r)
    if out and after and units[after[0]].kind == "sentence" and after[0] not in used \
            and (shapes.finishes_previous(units[after[0]].text) or shapes.next_step(part, units[after[0]].text)
                 # ("Are we out for good? What has to happen to get back in?": the process asked in another part)
                 or shapes.next_step(getattr(answerer, "_question", part), units[after[0]].text)):
        out.append(shapes.cited(units[after[0]].text, n))  # "…no longer reinvested. Instead, it is paid out."
        used.add(after[0])
    # Support: the next best sentences that are close in score, not already said, not a restated question.
    added = 0
    for i in order:
        if added >= MAX_SUPPORT or scores[i] < scores[best] - SUPPORT_MARGIN:
            break
        c = cands[i]
        # a sentence that leans on the one before it ("…resources about them") reads right only right after it
        if c.row in used or c.unit.text.rstrip().endswith("?") or (shapes.needs_context(c.unit.text) and not (
                c.row - 1 in used and units[c.row - 1].passage == c.unit.passage)):
            continue
        if c.unit.kind == "item" and c.unit.group >= 0 and first.unit.group != c.unit.group:
            continue  # an item of another list: never merge lists across conditions
        if c.unit.kind == "intro" and (first.unit.group, first.unit.passage) != (c.unit.group, c.unit.passage):
            continue  # another list's lead-in: never cut it from its items
        if any(same_sentence(c.unit.text, u) for u in out):
            continue
        out.append(shapes.cited(c.unit.text, cites.cite(c.hit)))
        used.add(c.row)
        added += 1
        nxt = c.row + 1
        if nxt < len(units) and nxt not in used and units[nxt].passage == c.unit.passage and units[nxt].kind == "sentence" \
                and (shapes.finishes_previous(units[nxt].text) or shapes.next_step(part, units[nxt].text)):
            out.append(shapes.cited(units[nxt].text, cites.cite(c.hit)))  # a support sentence keeps its "Instead, …"
            used.add(nxt)
    # The sentence sharing the most rare terms with the question, in the top passages, is support
    # too: the learned score and plain term overlap each catch answers the other misses.
    if overlap is not None:
        top = [i for i in range(len(cands)) if cands[i].rank < 4 and not cands[i].unit.text.rstrip().endswith("?")]
        if top:
            i = max(top, key=lambda k: overlap[k])
            c = cands[i]
            if c.row not in used and overlap[i] > 0 and not shapes.needs_context(c.unit.text) \
                    and not any(same_sentence(c.unit.text, u) for u in out):
                m = cites.cite(c.hit)
                if c.unit.kind in ("intro", "item") and c.unit.group >= 0 and first.unit.group != c.unit.group:
                    rows_c = answerer.rows_of(c.unit.passage)
                    intro = units[rows_c[c.unit.group]] if c.unit.group < len(rows_c) else None
                    items = [units[r] for r in rows_c if units[r].kind == "item" and units[r].group == c.unit.group]
                    out.append(shapes.list_block(intro, items, m))
                    used.update(r for r in rows_c if units[r].group == c.unit.group)
                elif c.unit.kind != "item" or first.unit.group == c.unit.group:
                    out.append(shapes.cited(c.unit.text, m))
                    used.add(c.row)
    return join_pieces(out)
