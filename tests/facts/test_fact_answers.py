"""Fact answers over the bundled corpus (model-free encoder): shapes, rates from the rules, abstention."""
from __future__ import annotations

import re

import pytest


@pytest.mark.model
def test_a_list_question_gets_the_whole_list_under_one_lead_in(real_assistant):
    a = real_assistant.answer_fact("What kinds of activities are approved for co-op funds?")
    assert not a.abstained
    assert "Marketing: digital advertising" in a.answer and "Partner readiness" in a.answer
    # The above-threshold / below-threshold list is another list under another condition.
    assert "If the co-op total is below" not in a.answer


def test_comparing_two_rates_says_they_are_the_same_and_cites_the_rules(fake_assistant):
    a = fake_assistant.answer_fact("Is the Azure rate higher or lower than the Office 365 rate?",
                                   products=("azure", "o365"))
    assert a.answer.startswith("The same: 4% each")
    assert a.citations and all(c.doc_id == "reseller-incentive-guide" for c in a.citations)


@pytest.mark.parametrize("question, figures", [
    ("Within how many days should the PIExp onboarding invitation arrive?", [30]),
    ("how long until we get the invite to the incentive tool?", [30]),
    # the days already waited leave at most the rest
    ("Our MPN and CDA were both in place 12 days ago. No PIExp invitation yet. How many more days should we wait for it?", [18, 30]),
])
def test_the_invitation_wait_comes_from_its_rule(fake_assistant, question, figures):
    a = fake_assistant.answer_fact(question)
    assert [f.value for f in a.figures] == figures
    assert a.citations and a.citations[0].doc_id == "indirect-provider-eligibility"


def test_a_reseller_invited_back_is_not_given_the_providers_wait(fake_assistant):
    a = fake_assistant.answer_fact("When will we get re-invited after our TTM is back over 25k?")
    assert 30 not in [f.value for f in a.figures]


def test_all_rates_come_as_a_table(fake_assistant):
    a = fake_assistant.answer_fact("What are all the reseller incentive rates?")
    assert "| product | rate |" in a.answer and "10%" in a.answer and "1.25%" in a.answer
    assert len(a.figures) >= 5
    # the RIs' rate is paid on consumption, the others on billed revenue: the table says which
    assert "| Azure Reserved VM Instances | 10% [1] | consumption |" in a.answer
    assert "| Azure | 4% [1] | billed revenue |" in a.answer


@pytest.mark.model
def test_a_value_no_document_states_is_declined(real_assistant):
    for q in ("What phone number do I call for CSP incentive support?",
              "How many partners were offboarded after the $25,000 TTM rule started in 2021?"):
        a = real_assistant.answer_fact(q)
        assert a.abstained, q
        assert a.citations, "the nearest passages are shown"


@pytest.mark.model
def test_what_becomes_of_unspent_funds_is_declined_not_answered_by_the_threshold_rule(real_assistant):
    # the documents say what happens to co-op under the threshold, never what happens to funds left unspent
    for q in ("Once co-op is unlocked, does whatever we leave unspent carry over into the next usage period?",
              "if we do not spend all of our co-op in time, is the rest forfeited?"):
        a = real_assistant.answer_fact(q)
        assert a.abstained, (q, a.answer)


@pytest.mark.model
def test_a_set_aside_clause_never_swallows_the_question_after_a_dash(real_assistant):
    # "besides the 4 customers — what's the amount?": the amount is asked, and no document states one
    a = real_assistant.answer_fact("Gold has a revenue bar too besides the 25 customers — what's the dollar amount?")
    assert a.abstained, a.answer


@pytest.mark.parametrize("text,expected", [
    ("PAL is designed for managed services.", "Partner Admin Link (PAL) is designed for managed services."),
    # named in full anywhere, or already in brackets: left as written
    ("Partner Admin Link lets Microsoft see it; PAL needs an MPN ID.", "Partner Admin Link lets Microsoft see it; PAL needs an "
     "Microsoft Partner Network (MPN) ID."),
    ("Use the Partner Admin Link (PAL).", "Use the Partner Admin Link (PAL)."),
    # right after an amount it qualifies the amount; spelled out once in other words, it is not spelled out again
    ("A partner below $25,000 TTM is offboarded.", "A partner below $25,000 TTM is offboarded."),
    ("It needs trailing twelve-month (TTM) revenue; the TTM rule came in 2021.",
     "It needs trailing twelve-month (TTM) revenue; the TTM rule came in 2021."),
])
def test_an_acronym_is_spelled_out_where_the_answer_first_uses_it(text, expected):
    from assistant.answering.wording import spelled_out

    assert spelled_out(text, {"pal": "Partner Admin Link", "mpn": "Microsoft Partner Network",
                              "ttm": "Trailing Twelve Months"}) == expected


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "Our engineers work in client Azure tenants with our own logins. Is there a way Microsoft can credit us for the "
    "consumption we drive?",
    "We look after a dozen customers' Azure estates day to day, signed in with our staff accounts in each of their "
    "tenants. How can we be sure that usage is attributed to our company?",
    "How do we get recognised for the Azure workloads we run for clients?",
    "Quel mécanisme permet à Microsoft de nous créditer pour la consommation Azure que nous gérons chez nos clients ?",
])
def test_a_mechanism_only_described_is_answered_by_its_name(real_assistant, question):
    a = real_assistant.answer_fact(question)
    assert "Partner Admin Link" in a.answer and "%" not in a.answer.split(". ")[0]


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "Apart from rebates and co-op money, what else do partners get out of CSP?",
    "Besides the incentive payouts, what other benefits come with being in CSP?",
    "What non-financial perks does the CSP program give partners?",
    "Aside from the cash, is there anything else in it for us as a CSP partner?",
])
def test_what_partners_get_besides_money_is_the_benefits_that_are_not_money(real_assistant, question):
    a = real_assistant.answer_fact(question)
    assert "presales" in a.answer and "internal use rights" in a.answer
    assert not a.answer.startswith(("Co-op", "Offboarding"))


@pytest.mark.model
def test_a_claim_about_the_partner_s_own_figure_is_checked_not_contradicted_by_it(real_assistant):
    a = real_assistant.answer_fact("A colleague says that since we only did about $18k through CSP over the last year, "
                                   "Microsoft will kick us out of the reseller incentive. Is that right, and can we "
                                   "ever get back in?")
    assert not a.abstained and not a.answer.startswith("No") and "invitation" in a.answer


@pytest.mark.model
def test_what_is_done_already_is_not_what_is_asked(real_assistant):
    a = real_assistant.answer_fact("Can you walk me through the onboarding steps for a new indirect provider once "
                                   "Microsoft has confirmed the business side is OK?")
    assert "invitation" in a.answer and "PIExp" in a.answer
    assert not a.answer.startswith("The business eligibility requirements")


@pytest.mark.model
def test_steps_still_to_do_are_answered_with_the_steps(real_assistant):
    a = real_assistant.answer_fact("After Microsoft re-invites us into the reseller incentive program, is there anything "
                                   "admin-wise we must do before the payments start again?")
    assert not a.abstained and "tax" in a.answer and "bank" in a.answer


@pytest.mark.model
def test_a_sentence_opening_word_is_no_topic_the_documents_lack(real_assistant):
    a = real_assistant.answer_fact("What can co-op pay for? Specifically, can it cover certification exams?")
    assert not a.abstained and "exam" in a.answer.lower()


def test_every_sentence_of_an_answer_is_cited(fake_assistant):
    a = fake_assistant.answer_fact("What is the co-op usage threshold?")
    assert not a.abstained and "$10,000" in a.answer
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", a.answer) if len(s) > 3]
    assert all(re.search(r"\[\d+\]", s) for s in sentences)


@pytest.mark.model
def test_a_first_sentence_that_leans_on_an_earlier_one_brings_it(real_assistant):
    a = real_assistant.answer_fact("Do distributors get any incentive at all?")
    assert not a.abstained
    assert not a.answer.startswith(("A partner that meets them", "Yes. A partner that meets them"))


@pytest.mark.model
def test_explaining_a_concept_the_documents_cover_is_answered(real_assistant):
    a = real_assistant.answer_fact("In simple terms, how is co-op different from the rebate?")
    assert not a.abstained and "rebate" in a.answer.lower()


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "Do distributors have to reach a trailing twelve-month revenue minimum, and how large is it?",  # resellers' rule
    "What did Dynamics 365 earn resellers under the FY18 guide?",  # no rates for that year
    "On what calendar date does a usage period begin?",  # no date given for it
    "If our TTM slips under the minimum, how many weeks of grace period do we get before offboarding?",  # no grace period
    "Someone in the forum pointed to a portal for provider incentive details; what's the link?",  # no address given
    "Do direct-bill CSP partners get a co-op too, like the indirect ones?",  # the documents never speak of direct bill
    "Is there a minimum number of seats a new customer needs to count as a customer add?",  # no such number stated
])
def test_a_value_stated_for_something_else_is_declined(real_assistant, question):
    a = real_assistant.answer_fact(question)
    assert a.abstained, a.answer


@pytest.mark.model
def test_two_levels_compared_are_each_answered(real_assistant):
    a = real_assistant.answer_fact("gold versus silver: how many new Office 365 customers each?")
    assert not a.abstained
    assert re.search(r"\b(four|4)\b", a.answer) and re.search(r"\b(twenty-five|25)\b", a.answer)


@pytest.mark.model
def test_a_comparison_stated_without_figures_is_answered(real_assistant):
    a = real_assistant.answer_fact("Is Gold's yearly fee cheaper than Silver's?")
    assert not a.abstained and "higher" in a.answer


def test_a_per_user_amount_the_rules_do_not_give_is_declined(fake_assistant):
    a = fake_assistant.answer("What does Microsoft 365 pay us for each licensed user?")
    assert a.abstained or not a.figures


@pytest.mark.model
def test_a_yes_no_question_no_sentence_decides_is_declined(real_assistant):
    # Nothing in the documents is about refunds or cancellations clawing anything back.
    a = real_assistant.answer("Once a client cancels a subscription, does Microsoft claw back our rebate?")
    assert a.abstained, a.answer


@pytest.mark.model
def test_a_yes_no_question_opens_with_its_deciding_sentence(real_assistant):
    a = real_assistant.answer_fact("Can co-op money cover certification exams for our staff?")
    assert not a.abstained and a.answer.startswith("Yes.")
    assert "exam" in a.answer.split("[1]")[0]


def test_comparing_two_products_incentives_compares_their_rates(fake_assistant):
    a = fake_assistant.answer_fact("Does Azure carry a bigger incentive than Dynamics 365?", products=("azure", "d365"))
    assert a.answer.startswith("Dynamics 365 is higher: 6% against 4%")


def test_each_competency_levels_requirements_come_from_the_rules(fake_assistant):
    a = fake_assistant.answer_fact("What does a partner need for Silver and for Gold?")
    assert "at least 4 new Office 365 customers" in a.answer and "at least 25 new Office 365 customers" in a.answer
    assert "at least 2 employees" in a.answer and "without stating amounts" in a.answer
    assert sorted(f.value for f in a.figures) == [2, 4, 25] and a.citations


@pytest.mark.parametrize("question", [
    "How many certified staff does Silver require?",  # Silver's certification threshold has no figure
    "How many internal use licences come with Gold?",  # licences are not a requirement
    "Does Gold require more than Silver?",  # yes/no: decided by a sentence, not a table
])
def test_questions_about_competencies_the_rules_table_does_not_answer(question):
    from assistant.answering.rule_answers import competency_question

    assert competency_question(question) is None


def test_the_rebate_and_co_op_split_comes_from_the_rules(fake_assistant):
    a = fake_assistant.answer_fact("What share of the incentive is rebate and what share is co-op?")
    assert a.answer.startswith("The incentive splits 60% / 40%") and a.citations
    assert sorted(f.value for f in a.figures) == [0.4, 0.6]


def test_a_courtesy_line_never_answers():
    from assistant.answering.shapes import is_courtesy

    assert is_courtesy("Hope this helps!") and is_courtesy("Thanks in advance.")
    assert not is_courtesy("Thanks to the threshold, co-op can fund events.")


@pytest.mark.model
def test_a_question_naming_a_forum_poster_is_answered_from_that_post(real_assistant):
    a = real_assistant.answer_fact("How long had the Level 1 Contributor's company been trying to get provider incentives?")
    assert not a.abstained and "three years" in a.answer


def test_a_level_asked_after_the_other_gets_the_gap_between_them(fake_assistant):
    first = fake_assistant.answer("How many new O365 customers do we need for Silver?")
    second = fake_assistant.answer("and for Gold, how many more than that?", first.session_id)
    assert [f.value for f in first.figures] == [4]
    assert second.answer.startswith("**Gold needs 21 more new Office 365 customers than Silver**")


@pytest.mark.parametrize("question,lead", [
    ("What co-op accrual must a period reach before the funds can be spent?", "**$10,000** is the co-op usage threshold"),
    ("What was the co-op threshold for a period ending June 2020?", "**$4,000** was the co-op usage threshold"),
    ("What's the minimum TTM revenue for a reseller?", "**$25,000** is the trailing-twelve-month"),
])
def test_a_threshold_asked_as_a_rule_comes_from_its_parameter_for_the_date_asked(fake_assistant, question, lead):
    a = fake_assistant.answer_fact(question)
    assert a.answer.startswith(lead) and "1 October 2021" in a.answer and a.citations and a.figures


@pytest.mark.parametrize("question", [
    "What was the old co-op threshold and what is it now?",
    # an amount recalled before the question is context, not a check asked
    "I remember our co-op only had to reach 4k before we could spend it, but Microsoft raised the bar. "
    "What was the old minimum and what is it now?",
])
def test_a_threshold_asked_then_and_now_gives_both_values_cited(fake_assistant, question):
    a = fake_assistant.answer_fact(question)
    assert "$4,000" in a.answer and "$10,000" in a.answer and "1 October 2021" in a.answer and a.citations


def test_a_threshold_question_about_something_else_is_not_a_rule_lookup():
    from assistant.answering.threshold_answers import threshold_question

    for q in ("Why did Microsoft raise the co-op threshold?", "Is there a TTM minimum for distributors?",
              "Our co-op is $6,000 - what do we still need?", "What can co-op be spent on once it passes the threshold?",
              "What revenue minimum does Silver require?", "We fell under the revenue bar. What happens to us?",
              "What is the TTM threshold, and on what date are payouts made?"):
        assert threshold_question(q) is None, q


@pytest.mark.parametrize("question,earner", [
    ("What incentive rate does PAL earn us on Azure?", "PAL"),
    ("What's the incentive percentage for being DPOR on a customer's Microsoft 365 tenant?", "being DPOR"),
    ("What rate do we earn on Dynamics 365?", None),
    ("How much do indirect resellers earn on Azure RIs?", None),
    ("What incentive rate applies to Azure consumption that is attributed through Partner Admin Link?", "Partner Admin Link"),
    ("¿Cuánto paga Microsoft por cada dólar de consumo de Azure atribuido mediante PAL?", "PAL"),
    ("What rate does Azure earn through our distributor?", None),
])
def test_a_rate_asked_for_something_that_is_not_billing_names_it(question, earner):
    from assistant.answering.queries import rate_earner
    from assistant.understanding.slots.products import parse_products

    assert rate_earner(question, lambda words: bool(parse_products(words))) == earner

@pytest.mark.parametrize("question,who", [
    ("What rebate percentage do indirect providers (distributors) earn on Azure billings?", "indirect providers"),
    ("What does a tier 1 distributor earn on Office 365?", "a tier 1 distributor"),
])
def test_an_aside_in_brackets_does_not_end_who_earns(question, who):
    from assistant.answering.queries import earner

    assert earner(question) == who



@pytest.mark.model
def test_what_comes_first_is_answered_by_what_starts_it(real_assistant):
    # our own wording: the sentence that says what a forecast starts with, not one that merely says "first"
    a = real_assistant.answer("Board wants numbers. Per the guide, what is the first thing to do for an incentive forecast?")
    assert not a.abstained and "baseline" in a.answer.split("[1]")[0], a.answer


@pytest.mark.model
def test_a_greeting_and_sign_off_do_not_change_the_answer(real_assistant):
    plain = real_assistant.answer("How long after the business requirements are met does the onboarding invitation come?")
    wrapped = real_assistant.answer("Hi team, quick one. How long after the business requirements are met does the "
                                    "onboarding invitation come? Thanks, Priya")
    assert "30 days" in plain.answer and "30 days" in wrapped.answer, wrapped.answer


@pytest.mark.model
def test_a_rate_for_a_partner_type_the_rules_give_none_for_is_declined(real_assistant):
    a = real_assistant.answer("We're a tier 1 distributor: what percentage of our billed revenue is our incentive?")
    assert a.abstained, a.answer


def test_a_threshold_change_is_the_difference_of_its_two_values(fake_assistant):
    a = fake_assistant.answer_fact("By how many dollars was the co-op usage threshold raised?")
    assert a.answer.startswith("**It went up by $6,000**") and 6000.0 in [f.value for f in a.figures], a.answer
    plain = fake_assistant.answer_fact("What's the difference between a rebate and co-op funds?")
    assert "went up" not in plain.answer


@pytest.mark.model
def test_what_a_named_poster_said_comes_from_that_post_alone(real_assistant):
    a = real_assistant.answer_fact("In the thread where Natalia asked about provider incentives, what did the Community Manager reply?")
    assert not a.abstained
    assert "portal" in a.answer.lower() and "TTM" not in a.answer


@pytest.mark.model
def test_a_partner_type_the_rates_do_not_cover_gets_no_rate(real_assistant):
    a = real_assistant.answer("We're a direct-bill CSP partner. What percentage do we earn on Dynamics 365?")
    assert a.abstained and "6%" not in a.answer


@pytest.mark.model
@pytest.mark.parametrize("question,expected", [
    ("Is there a rule of thumb for when Silver pays off?", "139"),  # the kind of answer asked for decides nothing
    ("when does the Silver level pay for itself?", "139"),  # a condition, not a calendar date
    ("our TTM fell under the minimum at last review - can we ever come back?", "again"),  # "at last review" is no outcome
    # a later part that names one word leans on the first; the asking sentence says what is asked for
    ("Since when is a trailing twelve-month revenue minimum required of resellers, and how large is the minimum?", "25,000"),
    ("The guide quotes usage figures for Office 365 to show how big it is. What were they?", "258"),
    # a distributor the partner buys through is no partner type of its own
    ("We resell through a distributor; what percentage do we get on Dynamics 365?", "6%"),
    # two kinds of one requirement, each answered
    ("Fee aside, what are the certification and customer requirements for the Gold level?", "twenty-five"),
    # a count whose noun a verb follows; a fiscal year asked as "which fiscal year"
    ("How many competencies qualify a partner for the reseller incentive?", "11"),
    ("For which fiscal year were the indirect provider rules in the forum thread written?", "FY19"),
    # a yes-or-no the documents leave open does not take the answered part with it
    ("What can co-op funds be spent on once usable? And could they pay for our office rent?", "arketing"),
    # the split of the incentive asked in Portuguese
    ("Como é a divisão do incentivo entre rebate e fundos co-op?", "40%"),
    # whether the months a requirement lapsed still pay is a rule, not a check of the partner
    ("Our MPN membership lapsed for six weeks mid-semester. Do we still get paid for those weeks, or is that incentive lost?",
     "lost"),
    # a word the glossary does not know is no topic the documents miss
    ("Hallo, verdienen Distributoren auch Incentives? Und welche zwei Arten von Voraussetzungen muss man erfüllen?",
     "operational"),
    # the activities asked before a condition, not the condition
    ("Which activities may co-op money be used for if our accrual clears the threshold?", "arketing"),
    # the incentive's two parts asked without their names
    ("Our old notes say the incentive comes in two parts, one only for marketing. What share goes into each?", "40%"),
    # a question after a dash is a part of its own
    ("We slipped under the TTM minimum at the last review. What now — can we ever get back in?", "invitation"),
])
def test_questions_the_documents_answer_in_other_words_are_answered(real_assistant, question, expected):
    a = real_assistant.answer(question)
    assert not a.abstained and expected in a.answer, a.answer


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "We are an indirect provider. What percentage do we get on Office 365?",
    # the resellers a distributor serves are not who asks
    "As a distributor, what percentage do we earn on the Azure our resellers sell?",
])
def test_a_provider_asking_a_product_rate_is_told_the_rates_are_resellers(real_assistant, question):
    a = real_assistant.answer(question)
    assert a.abstained and "4%" not in a.answer


@pytest.mark.model
def test_who_posted_something_is_answered_with_the_posters_badge(real_assistant):
    a = real_assistant.answer_fact("Which user in the provider thread summarised the FY19 eligibility rules?")
    assert not a.abstained and "Visitor" in a.answer


@pytest.mark.model
def test_a_question_naming_a_badge_reads_that_badges_posts(real_assistant):
    a = real_assistant.answer_fact("The community manager's reply opens by greeting someone - what's the name?")
    assert not a.abstained and "Natalia" in a.answer


@pytest.mark.model
def test_a_value_stated_for_another_level_does_not_answer(real_assistant):
    # "It requires at least two employees…" follows a sentence about Gold: it says nothing of Silver
    a = real_assistant.answer_fact("How many certified employees does Silver require?")
    assert a.abstained


@pytest.mark.model
def test_the_steps_of_a_procedure_come_in_order_from_its_numbered_sections(real_assistant):
    a = real_assistant.answer_fact("What are the steps to get started in the CSP program?")
    lines = [line for line in a.answer.splitlines() if re.match(r"\d+\. ", line)]
    assert [line.split(".")[0] for line in lines] == [str(n) for n in range(1, len(lines) + 1)] and len(lines) >= 3
    assert "MPN" in a.answer and all(re.search(r"\[\d+\]$", line) for line in lines)
    # a procedure that document does not describe is not answered with its steps
    b = real_assistant.answer_fact("What are the steps to claim co-op?")
    assert "Review the CSP Program Guide" not in b.answer


@pytest.mark.model
def test_a_figure_stated_for_another_year_does_not_answer(real_assistant):
    assert real_assistant.answer_fact("How many daily active users did Teams have in 2021?").abstained
    a = real_assistant.answer_fact("How many monthly active users did Office 365 have in 2020?")
    assert not a.abstained and "258" in a.answer


@pytest.mark.model
def test_a_question_only_a_reseller_asks_is_not_answered_from_the_provider_rules(real_assistant):
    # the 30-day invitation is a provider's onboarding; the documents give no time for a reseller's re-invitation
    a = real_assistant.answer_fact("We got offboarded for being under $25k TTM. Once we're back over it, how many days "
                                   "until Microsoft sends the re-invitation?")
    assert a.abstained


def test_two_abbreviations_spelled_out_differently_are_not_the_same(fake_assistant):
    a = fake_assistant.answer_fact("Is CPOR the same thing as DPOR?")
    assert a.answer.startswith("No.")
    assert "Claimed Partner of Record" in a.answer and "Digital Partner of Record" in a.answer
    assert len(a.citations) >= 1


def test_an_abbreviation_and_its_own_spelling_are_not_set_apart(fake_assistant):
    a = fake_assistant.answer_fact("Is DPOR the same as Digital Partner of Record?")
    assert not a.answer.startswith("No.")


def test_a_yes_no_question_naming_a_fee_is_not_asked_for_a_figure(fake_assistant):
    a = fake_assistant.answer_fact("Can co-op funds cover certification exam fees for our engineers?")
    assert not a.answer.startswith("The documents do not state that figure")


def test_a_rate_asked_for_a_year_before_the_one_the_documents_give_is_declined(fake_assistant):
    a = fake_assistant.answer_fact("What was the indirect reseller incentive on Azure RIs back in FY19, before the FY20 guide?")
    assert a.abstained


def test_a_figure_the_documents_say_they_do_not_give_is_declined(fake_assistant):
    a = fake_assistant.answer_fact("What does the Silver competency actually cost per year?")
    assert a.abstained and "do not give this figure" in a.answer


def test_the_split_asked_with_a_scene_setting_when_clause_comes_from_the_rules(fake_assistant):
    a = fake_assistant.answer_fact("Quick one from finance: when the indirect reseller incentive is paid, how much of it "
                                   "comes to us as a straight rebate and how much sits as co-op?")
    assert "60%" in a.answer and "40%" in a.answer


def test_a_threshold_asked_for_a_period_that_ended_in_march_is_the_one_then(fake_assistant):
    a = fake_assistant.answer_fact("what was the co-op usage threshold for an earning period that ended March 2021?")
    assert a.answer.startswith("**$4,000**")


def test_the_bottom_line_of_a_thread_is_its_accepted_answer(fake_assistant):
    a = fake_assistant.answer_fact("Can you summarise the 'Do CSP Indirect Providers earn incentives?' forum thread "
                                   "for a colleague — what's the bottom line?")
    assert a.answer.startswith("The accepted answer:") and a.citations


@pytest.mark.model
def test_a_part_no_rule_states_is_answered_beside_the_rule(real_assistant):
    a = real_assistant.answer_fact("How is the incentive split between rebate and co-op? And how long is the earning period?")
    assert "60%" in a.answer and "six months" in a.answer
    assert all(f"[{c.n}]" in a.answer for c in a.citations)


def test_the_invitation_rule_does_not_time_what_comes_after_the_invitation(fake_assistant):
    a = fake_assistant.answer_fact("Combien de jours a-t-on pour remplir le profil bancaire et fiscal dans PIExp "
                                   "après avoir reçu l'invitation ?")
    assert 30 not in [f.value for f in a.figures]


@pytest.mark.parametrize("question", [
    "Can you walk me through the onboarding steps for an indirect provider once Microsoft has confirmed our MPN and CDA?",
])
def test_a_request_for_steps_gets_no_yes_or_no(fake_assistant, question):
    assert not fake_assistant.answer_fact(question).answer.startswith(("Yes.", "No."))


@pytest.mark.model
def test_a_loss_asked_yes_or_no_is_answered_by_what_happens_instead(real_assistant):
    a = real_assistant.answer_fact("If we don't hit the co-op threshold, do we just lose that 40%?")
    assert a.answer.startswith("No.") and "directly" in a.answer


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "Is there a trailing-twelve-month revenue threshold for Indirect Providers (distributors) like the one for resellers?",
    "Is there a TTM revenue minimum for indirect providers like the $25k one for resellers? what is the amount?",
])
def test_the_partner_type_compared_against_is_not_the_one_asked_about(real_assistant, question):
    assert real_assistant.answer_fact(question).abstained


def test_a_process_asked_gets_the_next_step_of_the_sentence_that_begins_it(fake_assistant):
    a = fake_assistant.answer_fact("Our TTM dropped under the limit last review. Are we out of the incentive program for "
                                   "good? What has to happen for us to get back in?")
    assert "invitation" in a.answer and "tax and banking details" in a.answer, a.answer


def test_the_next_step_is_added_only_when_a_process_is_asked():
    from assistant.answering.shapes import next_step

    step = "You then have to enter complete and valid tax and banking details in Partner Center."
    assert next_step("What has to happen for us to get back in?", step)
    assert not next_step("What is the TTM threshold?", step)
    assert not next_step("What has to happen for us to get back in?", "The threshold is $25,000.")


@pytest.mark.model
@pytest.mark.parametrize("question,expected", [
    # a loss asked in any words is decided by the sentence that says the money is paid out
    ("If we stay under the co-op threshold this period, does that money simply vanish?", "No."),
    # emphasis between "who" and its verb still asks who does it
    ("Who really sends out the invitation that starts a distributor's incentive onboarding?", "Microsoft Operations"),
    # the split asked in German, Spanish or Italian, by the participle of splitting
    ("Wie wird die Prämie zwischen Rebate und Co-op aufgeteilt?", "60%"),
    ("¿Cómo se reparte el incentivo entre rebate y co-op?", "40%"),
    ("Come viene suddiviso l'incentivo tra rebate e co-op?", "60%"),
    # a request put as "can you outline…" asks for the steps, not yes or no
    ("Could you outline the onboarding steps for an indirect provider after Microsoft checks our MPN and CDA?",
     "PIExp"),
    # how to get back in is answered by the re-invitation and the step after it
    ("Our TTM slipped under the minimum last year and we were offboarded. How do we get back in?", "tax"),
    # the business requirements asked in German by their adjective
    ("Welche geschäftlichen Voraussetzungen muss ein Indirect Provider erfüllen?", "Cloud Distributor Agreement"),
    # what a mechanism does, asked with the circumstances first: what follows from it comes with it
    ("We manage Azure for clients with our own admin logins in their tenants. A colleague says to set up PAL. What "
     "does it do for us?", "attribute"),
    # what co-op may be spent on is the list of approved activities
    ("So what are we allowed to spend co-op money on? Give me some examples.", "Partner readiness"),
    ("what can our co-op funds really be used for?", "Market development"),
    # a provider's requirements asked as a whole: the business and the operational ones
    ("As an indirect provider, what do we need in place to qualify for the incentive?", "PIExp"),
    # the amount to accrue before the co-op may be spent is the usage threshold
    ("How much co-op must we build up before Microsoft allows us to spend it on ads?", "$10,000"),
    # a count window written "12-month" counts nothing of the asker's
    ("For Gold, how many new Office 365 customers must we sign within a 12-month period?", "25"),
    # enough, asked in German
    ("Reicht Silver für den Reseller-Incentive, oder brauchen wir Gold?", "Silver"),
    # what an abbreviation in a requirement means is its meaning, not the requirement's value
    ("What does 'TTM' actually mean in the reseller revenue requirement?", "twelve"),
    # a question about what a tool is for, asked in French, states nothing about the asker's onboarding
    ("Bonjour, à quoi sert le Partner Incentive Experience ? Mon directeur veut savoir.", "calculate"),
    # a cost won back asked in Italian
    ("Secondo la guida, quando si ripaga la competenza Silver?", "1,500"),
    # the asker typing on a phone asks no phone number
    ("what does TTM stand for in the reseller threshold (typing on phone sorry)", "twelve"),
    # "can someone explain" is a request, and each side of the difference is answered
    ("Could somebody explain the difference between co-op funds and a rebate?", "direct payment"),
    # Spanish: the share, and how much to accrue before using it
    ("¿Qué parte del incentivo va a co-op y cuánto hay que acumular para poder usarlos?", "10,000"),
    # names of the topic set before a dash may be anywhere in the passage that answers
    ("Provider rules covering MPN, the Cloud Distributor Agreement and PIExp onboarding - which fiscal year's "
     "Indirect Provider incentive are they from?", "FY19"),
])
def test_a_question_worded_its_own_way_gets_the_documents_answer(real_assistant, question, expected):
    a = real_assistant.answer_fact(question)
    assert not a.abstained and expected in a.answer


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "We're an indirect provider: what percentage rebate do we earn on our resellers' billed revenue?",
    "What exact date does Microsoft pay out the rebate for the half ending in December?",
    "What's the precise dollar revenue requirement for Gold in Cloud Platform?",
    # a level's revenue requirement in dollars, asked as a figure
    "What is the exact dollar revenue figure required for Gold?",
    # the rate of a distributor on what it sells through resellers
    "Distributors get an incentive too, right? What percentage does a distributor earn on Azure it sells through resellers?",
    # the rate of a distributor on its resellers' billing
    "What percentage do distributors earn on their resellers' billings?",
])
def test_a_value_the_documents_never_give_is_declined(real_assistant, question):
    assert real_assistant.answer_fact(question).abstained
