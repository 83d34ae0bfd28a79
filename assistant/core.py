"""answer(): the one core call every interface makes."""
from __future__ import annotations

import threading
from contextlib import nullcontext

from assistant.answer import Answer
from assistant import figures, tools
from assistant.citing import PassageCiter, bundled_passages
from assistant.conversation import ConversationState
from assistant.foreign_currency import currency_turn
from assistant.understanding.requirement_asked import lead as requirement_lead
from assistant.understanding.then_and_now import difference_lead
from assistant.compose import abstention
from assistant.answering import alternatives
from assistant.answering.question_shapes import asks_yes_no
from assistant.answering.concepts import described
from assistant.answering.queries import expand_query, figure_left_unstated, without_set_aside
from assistant.rate_questions import rate_reply
from assistant.replies import DECLINE, HELP_TEXT, gap_topic, validate_message
from assistant.session_tokens import SessionTokens, load_secret
from assistant.settings import Settings
from assistant.storage import ConcurrentTurnError, Storage
from assistant.support import acronyms_in, correct_typos, corpus_vocabulary, corpus_vocabulary_of, uncovered_terms, without_greeting
from assistant.understanding.glossary import in_english, language_of
from assistant.understanding.inputs import slot_inputs
from assistant.understanding.router import Router
from assistant.understanding.readback import understood_line
from assistant.understanding.understand import Understanding, standard_spelling, understand
from index.encoder import Encoder, QueryCache, StoredBatches, load_encoder
from index.search import Hit, HybridSearcher
from index.store import IndexStore
from calculators.errors import CalculatorError, DateOutOfRangeError
from calculators.products import products
from calculators.registry import REGISTRY

# Words that steer a follow-up such as "since when?" back to the rule a calculation used.
TOPIC = {
    "payout": "reseller incentive rates",
    "coop": "co-op usage threshold split",
    "eligibility": "eligibility requirements TTM revenue threshold",
    "competency": "Silver Gold competency requirements",
    "forecast": "forecasting incentive earning periods",
}


TURN_ATTEMPTS = 5


def examples_cache(index_dir):
    """Where the router's embedded examples are kept, beside the builds they serve with."""
    return index_dir / "cache"


class Assistant:
    """Holds what loads once (encoder, index, router, database) and answers messages."""

    def __init__(self, settings: Settings, encoder: Encoder, searcher: HybridSearcher,
                 storage: Storage, router=None, phraser=None, tokens: SessionTokens | None = None):
        self.settings = settings
        self.tokens = tokens or SessionTokens(load_secret(settings.session_secret, settings.data_dir))
        self._turn_locks = tuple(threading.Lock() for _ in range(64))
        self.encoder = encoder
        self.searcher = searcher
        self.storage = storage
        self.router = router
        self.phraser = phraser
        self._derived: dict[str, tuple[object, object]] = {}  # name -> (build id, value)

    @classmethod
    def from_settings(cls, settings: Settings, encoder: Encoder | None = None) -> "Assistant":
        encoder = QueryCache(encoder or load_encoder(settings.embedding_model))
        searcher = HybridSearcher(IndexStore(settings.index_dir), encoder, dense_exact_max=settings.dense_exact_max)
        storage = Storage(settings.db_url)
        # The labelled examples are embedded once per model (at ingest, or on the first start) and read back.
        router = Router(StoredBatches(encoder, examples_cache(settings.index_dir)))
        phraser = None
        if settings.llm_base_url and settings.llm_model:
            from assistant.llm import Phraser
            phraser = Phraser(settings)
        return cls(settings, encoder, searcher, storage, router, phraser)

    # retrieval
    def search(self, query: str, k: int | None = None, query_vector=None) -> list[Hit]:
        self.searcher.refresh_if_swapped()
        return self.searcher.search(query, k or self.settings.top_k, query_vector=query_vector)

    def _per_build(self, name: str, make):
        """A value derived from the indexed passages, rebuilt only when a new index is swapped in."""
        build = self.searcher.manifest.get("build_id")
        cached = self._derived.get(name)
        if cached is None or cached[0] != build:
            cached = (build, make(self.searcher.passages))
            self._derived[name] = cached
        return cached[1]

    @property
    def vocabulary(self) -> frozenset[str]:
        # Product names and abbreviations the calculators know are covered, whatever the index holds.
        def make(passages):
            names = [" ".join([p.name, *p.synonyms, p.key]) for p in products().values()]
            names += alternatives.phrases()  # "tier1" is what the documents call an indirect provider
            return corpus_vocabulary(passages) | corpus_vocabulary_of(names)

        return self._per_build("vocabulary", make)

    @property
    def acronyms(self) -> dict[str, str]:
        return self._per_build("acronyms", acronyms_in)

    @property
    def citer(self) -> PassageCiter:
        return self._per_build("citer", lambda ps: PassageCiter(ps, bundled_passages))

    def answer_fact(self, question: str, query: str | None = None, products: tuple[str, ...] = ()) -> Answer:
        # "Besides rebates and co-op, what else…?" searches for the rest: the clause set aside would pull
        # in exactly what is not asked (the one case that embeds the message a second time).
        # "Hi team, … Thanks, Priya": a greeting and a sign-off name nothing asked about.
        question, query = without_greeting(question), without_greeting(query) if query else None
        # "¿Qué significa DPOR?": the documents and the embedding model are English
        english = in_english(question)
        foreign, question, query = english != question, english, in_english(query) if query else None
        asked = without_set_aside(query or question)[0]
        # One embedding per turn: the message routing already embedded (a cache hit) drives the dense
        # side; the expanded form ("CDA" spelled out, a product's other names) feeds only the keywords.
        # ("… make sure Microsoft credits us for the Azure we manage?": a mechanism only described is embedded by its
        # name too, the one case that costs a second embedding)
        vector = self.encoder.encode([asked])[0]
        expanded = expand_query(asked, products, self.acronyms)
        hits = self.search(expanded, max(self.settings.top_k, 5), query_vector=vector)
        # (the clause set aside counts here: "apart from the money, what else…?" describes what is not money)
        for name in described(query or question):
            # "… make sure Microsoft credits us for the Azure we manage?": the passages that name the mechanism
            # described lead (the one case that costs a second embedding)
            named = self.search(name, 2, query_vector=self.encoder.encode([name])[0])
            hits = [*named, *(h for h in hits if all(h.passage is not n.passage for n in named))]
        missing = uncovered_terms(question, self.vocabulary, translated=foreign)
        if missing:
            return abstention(
                f"The documents I have do not cover {', '.join(repr(m) for m in missing)}, "
                "so I cannot answer this without guessing.", hits)
        from assistant.answering.facts import FactAnswerer  # weighs support by passage and by sentence

        # A misspelt name is read as the documents spell it, so sentences that use it can be found by it.
        answer = FactAnswerer(self).answer(correct_typos(question, self.vocabulary), expanded, hits, products, vector)
        return figure_left_unstated(question, answer, hits) or answer

    # the core call
    def answer(self, message: str, session_id: str | None = None, channel: str = "web") -> Answer:
        """Answer one message in a conversation.

        `session_id` is what the client holds: a signed token for web and CLI clients (the one
        returned in the previous Answer), or for Slack the id the server derived from the
        signed request. Anything that does not name a session of this channel starts a new one.
        """
        text = validate_message(message, self.settings.max_message_chars)
        key = self._session_key(channel, session_id)
        # One turn at a time per session in this process; the stored version guards across replicas.
        with self._turn_locks[hash(key) % len(self._turn_locks)] if key else nullcontext():
            for attempt in range(TURN_ATTEMPTS):
                # A new session is written with its first turn, in one transaction.
                sid, stored, version = self.storage.open_session(key, channel, self._new_session_id(channel, session_id),
                                                                 create=False)
                result, new_state, gap = self._dispatch(text, ConversationState.load(stored))
                if self.phraser is not None:
                    result = self.phraser.phrase(text, result)
                unanswered = (gap or "not in the documents", result.answer) if result.abstained else None
                try:
                    message_id = self.storage.record_turn(sid, text, result.model_dump(), new_state.dump(), unanswered,
                                                          version, channel=channel)
                except ConcurrentTurnError:
                    if attempt == TURN_ATTEMPTS - 1:
                        raise
                    continue  # another replica stored a turn first: answer again from the state it left
                return result.model_copy(update={"session_id": self._session_handle(channel, sid),
                                                 "message_id": message_id})
        raise AssertionError("unreachable")

    # Slack names its sessions from the signed request; every other client holds a signed token.
    NAMED_CHANNELS = ("slack",)

    def _session_key(self, channel: str, handle: str | None) -> str | None:
        if channel in self.NAMED_CHANNELS:
            return handle
        return self.tokens.verify(channel, handle)

    def _new_session_id(self, channel: str, handle: str | None) -> str:
        if channel in self.NAMED_CHANNELS and handle and handle.startswith(f"{channel}:"):
            return handle
        return self.tokens.new_id()

    def _session_handle(self, channel: str, sid: str) -> str:
        return sid if channel in self.NAMED_CHANNELS else self.tokens.token(channel, sid)

    def session_id_of(self, handle: str | None, channel: str = "web") -> str | None:
        """The stored session id a client's token names (None when it names none)."""
        return self._session_key(channel, handle)

    def _dispatch(self, text: str, state: ConversationState) -> tuple[Answer, ConversationState, str | None]:
        """Route, then answer from a calculator, from passages, or not at all."""
        self.searcher.refresh_if_swapped()
        text = standard_spelling(text)
        if self.router is None:
            return self.answer_fact(text), state.with_(last_kind="fact", last_topic=text), None
        u = understand(text, state, self.router)
        if u.intent == "small_talk":
            return Answer(answer=HELP_TEXT), state, None
        answer, new_state = self._respond(u, text, state)
        new_state = new_state.with_(language=language_of(text) or state.language)
        return answer, new_state, gap_topic(u.routed, text) if answer.abstained else None

    def _respond(self, u: Understanding, text: str, state: ConversationState) -> tuple[Answer, ConversationState]:
        intent = u.routed
        new_state = state.with_(last_kind=intent.kind)
        if intent.kind == "out_of_scope":
            if "injection" in intent.flags and intent.slots.lines:
                # The made-up rate is refused, the billing kept: "fine, use the real rate" computes it by the rules.
                new_state = new_state.with_(last_tool="payout", last_inputs=slot_inputs("payout", text, intent.slots))
                return self._decline(intent, text).model_copy(update={"suggestions": ["Use the documented rates"]}), new_state
            return self._decline(intent, text), new_state
        if intent.kind == "fact":
            if u.provenance and state.last_params:
                answer = figures.provenance_answer(list(state.last_params), state.last_as_of, self.citer)
                if answer is not None:
                    return answer, state.with_(last_kind="fact")
            new_state = new_state.with_(last_topic=u.query)
            if intent.slots.unknown_products:
                return abstention(tools.unknown_products_abstention(intent.slots.unknown_products),
                                  self.search(text, 3)), new_state
            return self.answer_fact(text, u.query, intent.slots.products), new_state
        return self._calculate(u, text, new_state)

    def _decline(self, intent, text: str) -> Answer:
        reason = DECLINE.get(next(iter(sorted(intent.flags)), ""), DECLINE[""])
        hits = [] if intent.flags else self.search(text, 3)
        return abstention(reason, hits)

    def _calculate(self, u: Understanding, text: str, state: ConversationState) -> tuple[Answer, ConversationState]:
        answer, new_state = self._run_tool(u, text, state)
        if answer.abstained or answer.tool is None or not u.read:
            return answer, new_state
        read = answer.understood or u.read  # a tool may restate what was read (billing in euros)
        head, _, rest = answer.answer.partition("\n")
        text_out = f"{head}\n{understood_line(read)}" + (f"\n{rest}" if rest else "")
        follow_ups = list(REGISTRY[answer.tool].follow_ups[:3]) if not answer.clarify else []
        return answer.model_copy(update={"understood": read, "answer": text_out, "suggestions": follow_ups}), new_state

    def _run_tool(self, u: Understanding, text: str, state: ConversationState) -> tuple[Answer, ConversationState]:
        intent = u.routed
        kind, slots = intent.kind, intent.slots
        if slots.unknown_products and not slots.lines and not intent.inputs.get("lines"):
            # Nothing rated to compute, here or carried from the last turn: say which product has no rate.
            hits = self.search(text, 3)
            return abstention(tools.unknown_products_abstention(slots.unknown_products), hits), state
        try:
            if kind in ("payout", "forecast"):
                tools.check_fiscal_year(intent.inputs)  # a year with no rates decides before how the billing reads
        except tools.ToolAbstain as exc:
            return abstention(str(exc), self.search(text, 3)), state
        errors = tools.blocking_errors(kind, slots, intent.followup, intent.inputs)
        # "73.250 € of Office 365": the incentive in euros, and the exchange rate asked for the rest
        in_currency = currency_turn(kind, errors, intent, state, self.citer, u.read)
        if in_currency is not None:
            return in_currency
        if errors:
            # Remember the calculation: the reply ("in dollars it's $54,000", "exactly 36,420") completes it.
            return (tools.input_problem(kind, " ".join(tools.describe_slot_error(e, slots) for e in errors)),
                    state.with_(last_tool=kind, last_inputs=intent.inputs))
        missing = u.missing
        if kind == "payout" and missing and slots.products:
            reply = rate_reply(text, slots, intent.inputs, self.citer)
            if reply.decline:
                return abstention(reply.decline, self.search(text, 3)), state
            if reply.answer is None:
                return self.answer_fact(text, u.query, slots.products), state.with_(last_kind="fact")
            # The reply ("about 80k") continues this calculation.
            return reply.answer, state.with_(last_tool=kind, last_inputs=intent.inputs)
        if missing and kind in ("payout", "forecast") and not u.read and asks_yes_no(text):
            # "Does Microsoft claw back the rebate if…?" gives nothing to compute with: it asks about a rule.
            return self.answer_fact(text, u.query), state.with_(last_kind="fact")
        if missing:
            # Remember the tool so the reply ("Gold", "$50k of O365") continues this calculation.
            return tools.clarification(kind, missing, slots.unpaired), state.with_(last_tool=kind, last_inputs=intent.inputs)
        try:
            restated = tools.to_earning_period(intent.inputs)
            result = tools.run_calculator(kind, restated.inputs)
        except tools.ToolAbstain as exc:
            return abstention(str(exc), self.search(text, 3)), state
        except DateOutOfRangeError as exc:
            return abstention(f"The sources have no rules in force on that date: {exc}", self.search(text, 3)), state
        except CalculatorError as exc:
            return tools.input_problem(kind, str(exc)), state
        before = ([*restated.figures, *restated.per_unit(result)], restated.params)
        answer = figures.calculator_answer(result, self.citer, before)
        answer = answer.model_copy(update={"answer": requirement_lead(result, text) + difference_lead(result, text)
                                           + answer.answer})
        if slots.unknown_products:
            answer.answer += "\n\n" + tools.unknown_products_abstention(slots.unknown_products)
        answer.answer += tools.either_type_note(bool(tools.infer_partner_type(intent.inputs, text)), intent.inputs, result)
        if slots.unpaired and kind in ("payout", "forecast") and slots.lines:
            answer.answer += tools.left_out_note(slots)
        total = getattr(result, "total", None) or getattr(result, "total_incentive", None)
        state = state.with_(last_tool=kind, last_inputs=intent.inputs, earlier_inputs=state.earlier_for(kind, intent.inputs),
                            last_topic=f"{TOPIC.get(kind, kind)} {text}",
                            last_params=tuple(p.name for p in [*restated.params, *result.params_used]),
                            last_as_of=result.as_of.isoformat(),
                            last_total=str(total) if total is not None else state.last_total, last_currency=None)
        return answer, state
