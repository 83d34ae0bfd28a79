"""The studied blind sets stay answered: a change that breaks realistic messages shows here first.

Each set was written by someone who saw neither the code nor the other sets (BLIND_SETS.md).
The floors sit a little under today's scores, so a regression of a few cases fails while
the wording of one answer can still change.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation.outcomes import load_outcome_cases, run_outcomes

DATA = Path(__file__).resolve().parents[1] / "data"
# Every calculator set scores 99-100% today; a few cases of slack each.
CALC_FLOOR = 0.97
# Round 25 (half its messages in Spanish or German) was studied last: 96% today, with two confident misreadings
# left (a follow-up that corrects one row of a pasted list, and a period whose mix changed while its total stayed).
# Round 29 was studied last in round 9 (97% today): two cases of slack.
# Round 58 was studied at the end of round 15 (96% today), with two confident misreadings left: a follow-up that
# adds one certified employee to the count checked, and one amount said to be billed "in both Q1 and Q2".
CALC_FLOORS: dict[str, float] = {"blind_calc_round25.jsonl": 0.94, "blind_calc_round29.jsonl": 0.95,
                                 "blind_calc_round58.jsonl": 0.95}
CALC_CONFIDENTLY_WRONG: dict[str, int] = {"blind_calc_round25.jsonl": 2, "blind_calc_round58.jsonl": 2}
CALC_SETS = ["blind_calc_dev.jsonl", "blind_calc_round2.jsonl", "blind_calc_round3.jsonl", "blind_calc_round4.jsonl",
             "blind_calc_round5.jsonl", "blind_calc_round6.jsonl", "blind_calc_round7.jsonl",
             "blind_calc_round8.jsonl", "blind_calc_round9.jsonl", "blind_calc_round10.jsonl", "blind_calc_round11.jsonl",
             "blind_calc_round12.jsonl", "blind_calc_round13.jsonl", "blind_calc_round14.jsonl", "blind_calc_round15.jsonl",
             "blind_calc_round16.jsonl", "blind_calc_round17.jsonl", "blind_calc_round18.jsonl",
             "blind_calc_round19.jsonl", "blind_calc_round20.jsonl", "blind_calc_round21.jsonl", "blind_calc_round22.jsonl",
             "blind_calc_round23.jsonl", "blind_calc_round24.jsonl", "blind_calc_round25.jsonl", "blind_calc_round26.jsonl",
             "blind_calc_round27.jsonl", "blind_calc_round28.jsonl", "blind_calc_round29.jsonl", "blind_calc_round30.jsonl",
             "blind_calc_round31.jsonl", "blind_calc_round32.jsonl", "blind_calc_round33.jsonl", "blind_calc_round34.jsonl",
             "blind_calc_round36.jsonl", "blind_calc_round37.jsonl", "blind_calc_round39.jsonl", "blind_calc_round40.jsonl",
             "blind_calc_round41.jsonl", "blind_calc_round42.jsonl", "blind_calc_round43.jsonl", "blind_calc_round38.jsonl",
             "blind_calc_round45.jsonl", "blind_calc_round46.jsonl", "blind_calc_round47.jsonl", "blind_calc_round48.jsonl",
             "blind_calc_round44.jsonl", "blind_calc_round50.jsonl",
             "blind_calc_round51.jsonl", "blind_calc_round52.jsonl",
             "blind_calc_round53.jsonl", "blind_calc_round54.jsonl",
             "blind_calc_round49.jsonl", "blind_calc_round56.jsonl", "blind_calc_round57.jsonl",
             "blind_calc_round58.jsonl", "blind_calc_round59.jsonl",
             "blind_calc_round60.jsonl", "blind_calc_round61.jsonl",
             "blind_calc_round62.jsonl", "blind_calc_round63.jsonl", "blind_calc_round64.jsonl",
             "blind_calc_round65.jsonl", "blind_calc_round66.jsonl", "blind_calc_round55.jsonl",
             "blind_calc_round68.jsonl", "blind_calc_round69.jsonl", "blind_calc_round70.jsonl",
             "blind_calc_round71.jsonl", "blind_calc_round72.jsonl", "blind_calc_round73.jsonl",
             "blind_calc_round74.jsonl", "blind_calc_round75.jsonl", "blind_calc_round76.jsonl",
             "blind_calc_round77.jsonl", "blind_calc_round78.jsonl", "blind_calc_round79.jsonl",
             "blind_calc_round80.jsonl",
             "blind_calc_round67.jsonl",
             "blind_calc_round82.jsonl",
             "blind_calc_round83.jsonl",
             "blind_calc_round84.jsonl",
             "blind_calc_round85.jsonl",
             "blind_calc_round86.jsonl",
             "blind_calc_round87.jsonl",
             "blind_calc_round88.jsonl",
             "blind_calc_round89.jsonl",
             "blind_calc_round90.jsonl"]
FACT_SETS = ["blind_fact_dev.jsonl", "blind_fact_round2.jsonl", "blind_fact_round3.jsonl", "blind_fact_round4.jsonl",
             "blind_fact_round5.jsonl", "blind_fact_round6.jsonl", "blind_fact_round7.jsonl", "blind_fact_round8.jsonl",
             "blind_fact_round9.jsonl", "blind_fact_round10.jsonl", "blind_fact_round11.jsonl", "blind_fact_round12.jsonl",
             "blind_fact_round13.jsonl", "blind_fact_round14.jsonl",
             "blind_fact_round15.jsonl", "blind_fact_round16.jsonl", "blind_fact_round17.jsonl",
             "blind_fact_round18.jsonl", "blind_fact_round19.jsonl", "blind_fact_round20.jsonl", "blind_fact_round21.jsonl",
             "blind_fact_round22.jsonl", "blind_fact_round23.jsonl", "blind_fact_round24.jsonl", "blind_fact_round25.jsonl",
             "blind_fact_round26.jsonl", "blind_fact_round27.jsonl", "blind_fact_round28.jsonl",
             "blind_fact_round29.jsonl", "blind_fact_round30.jsonl", "blind_fact_round31.jsonl", "blind_fact_round32.jsonl",
             "blind_fact_round34.jsonl", "blind_fact_round35.jsonl", "blind_fact_round36.jsonl", "blind_fact_round37.jsonl",
             "blind_fact_round39.jsonl", "blind_fact_round40.jsonl", "blind_fact_round38.jsonl", "blind_fact_round41.jsonl",
             "blind_fact_round43.jsonl", "blind_fact_round44.jsonl", "blind_fact_round45.jsonl", "blind_fact_round46.jsonl",
             "blind_fact_round42.jsonl", "blind_fact_round48.jsonl",
             "blind_fact_round49.jsonl", "blind_fact_round50.jsonl",
             "blind_fact_round51.jsonl", "blind_fact_round52.jsonl",
             "blind_fact_round47.jsonl", "blind_fact_round54.jsonl", "blind_fact_round55.jsonl",
             "blind_fact_round56.jsonl", "blind_fact_round57.jsonl",
             "blind_fact_round58.jsonl", "blind_fact_round59.jsonl",
             "blind_fact_round60.jsonl", "blind_fact_round61.jsonl", "blind_fact_round62.jsonl",
             "blind_fact_round63.jsonl", "blind_fact_round64.jsonl", "blind_fact_round53.jsonl",
             "blind_fact_round66.jsonl", "blind_fact_round67.jsonl", "blind_fact_round68.jsonl",
             "blind_fact_round69.jsonl", "blind_fact_round70.jsonl", "blind_fact_round71.jsonl",
             "blind_fact_round72.jsonl", "blind_fact_round73.jsonl", "blind_fact_round74.jsonl",
             "blind_fact_round75.jsonl", "blind_fact_round76.jsonl", "blind_fact_round77.jsonl",
             "blind_fact_round78.jsonl",
             "blind_fact_round65.jsonl",
             "blind_fact_round80.jsonl",
             "blind_fact_round81.jsonl",
             "blind_fact_round82.jsonl",
             "blind_fact_round83.jsonl",
             "blind_fact_round84.jsonl",
             "blind_fact_round85.jsonl",
             "blind_fact_round86.jsonl",
             "blind_fact_round87.jsonl",
             "blind_fact_round88.jsonl"]


@pytest.mark.model
@pytest.mark.parametrize("name", CALC_SETS)
def test_calculator_messages_are_read_right(real_assistant, name):
    report = run_outcomes(real_assistant, load_outcome_cases(DATA / name))
    counts, cases = report.counts(), len(report.results)
    assert counts["right"] / cases >= CALC_FLOORS.get(name, CALC_FLOOR), report.table()
    # A wrong figure or verdict stated with confidence is the worst outcome: at most 1 in 60.
    assert counts["confidently_wrong"] <= CALC_CONFIDENTLY_WRONG.get(name, max(1, cases // 60)), report.table()


@pytest.mark.model
@pytest.mark.parametrize("name", FACT_SETS)
def test_fact_questions_are_answered_or_declined_right(real_assistant, name):
    report = run_outcomes(real_assistant, load_outcome_cases(DATA / name))
    counts, cases = report.counts(), len(report.results)
    assert counts["right"] / cases >= FACT_FLOORS.get(name, FACT_FLOOR), report.table()


FACT_FLOOR = 0.91
# Sets studied once, with questions no mechanism answers yet: a few cases under today's scores
# (round 13: 85%, round 16: 83%, round 17: 88%, round 20: 92%, round 23: 93%, round 24: 92%, round 28: 93%,
# round 45: 92%, round 46: 88%).
FACT_FLOORS = {"blind_fact_round13.jsonl": 0.80, "blind_fact_round16.jsonl": 0.80, "blind_fact_round17.jsonl": 0.82,
               "blind_fact_round20.jsonl": 0.88, "blind_fact_round23.jsonl": 0.88, "blind_fact_round24.jsonl": 0.88,
               "blind_fact_round28.jsonl": 0.88, "blind_fact_round45.jsonl": 0.88, "blind_fact_round46.jsonl": 0.85}
