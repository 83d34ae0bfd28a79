"""The `calc` command group, driven with click's CliRunner."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.commands.calc import calc


@pytest.fixture
def run():
    runner = CliRunner()

    def _run(*args):
        return runner.invoke(calc, list(args))

    return _run


def test_payout_human_output_shows_steps_figures_and_references(run):
    result = run("payout", "--line", "o365=50000", "--line", "d365=20,000", "--as-of", "2022-01-15")
    assert result.exit_code == 0, result.output
    assert "Office 365 billed $50,000.00 × 4% = $2,000.00" in result.output
    assert "total incentive: $3,200.00" in result.output
    assert "reseller-incentive-guide" in result.output and "FY20" in result.output


def test_payout_json(run):
    result = run("payout", "--line", "office 365=50000", "--line", "dynamics=20000", "--as-of", "2022-01-15", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["tool"] == "payout" and data["total"] == 3200.0 and data["coop_usable"] is False
    assert data["figures"][2]["formula"] == "$50,000.00 × 4% + $20,000.00 × 6%"
    assert {p["name"] for p in data["params_used"]} >= {"reseller_rate_o365", "reseller_rate_d365"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["payout", "--line", "o365=-5"], ["o365", "non-negative"]),
        (["payout", "--line", "o365=lots"], ["o365", "number"]),
        (["payout", "--line", "xbox=5"], ["unknown product", "o365 (Office 365)"]),
        (["payout", "--line", "o365"], ["--line", "PRODUCT=AMOUNT"]),
        (["payout", "--line", "o365=5", "--as-of", "2019-01-01"], ["--as-of", "2019-07-01"]),
        (["payout", "--line", "o365=5", "--as-of", "2022-13-01"], ["--as-of"]),
        (["eligibility", "--partner", "provider", "--ttm", "5"], ["--ttm", "provider"]),
        (["eligibility", "--partner", "reseller", "--ttm", "-5"], ["ttm_revenue"]),
        (["coop"], ["--total", "--accrual"]),
        (["coop", "--total", "5", "--accrual", "2"], ["exactly one"]),
        (["competency", "--level", "platinum"], ["--level"]),
        (["forecast", "--line", "o365=100", "--growth", "fast"], ["growth"]),
        (["forecast", "--line", "o365=100", "--growth", "5%", "--periods", "0"], ["periods"]),
        (["forecast"], ["--line"]),
    ],
)
def test_bad_input_exits_non_zero_naming_the_field(run, args, words):
    result = run(*args)
    assert result.exit_code != 0
    for word in words:
        assert word in result.output, result.output


def test_help_lists_product_keys_and_synonyms(run):
    for args in (["--help"], ["payout", "--help"], ["forecast", "--help"]):
        output = run(*args).output
        for word in ("o365", "m365", "azure_ri", "strategic_software", "reserved instances", "dynamics 365"):
            assert word in output


def test_eligibility_unknown_flags_are_reported_unknown(run):
    result = run("eligibility", "--partner", "reseller", "--mpn", "yes", "--indirect-reseller", "yes",
                 "--competency", "silver", "--bank-tax", "yes", "--as-of", "2022-01-01", "--json")
    data = json.loads(result.output)
    assert data["eligible"] is False and data["status"] == "undetermined" and data["unknown"] == ["ttm_revenue"]


def test_eligibility_reseller_and_provider(run):
    ok = run("eligibility", "--partner", "reseller", "--mpn", "yes", "--indirect-reseller", "yes",
             "--competency", "gold", "--bank-tax", "yes", "--ttm", "30000", "--as-of", "2022-01-01")
    assert ok.exit_code == 0 and "Eligible: yes" in ok.output
    no = run("eligibility", "--partner", "provider", "--mpn", "yes", "--cda", "no", "--piexp", "yes",
             "--bank-tax", "yes", "--as-of", "2022-01-01")
    assert no.exit_code == 0 and "Eligible: no" in no.output and "[unmet]" in no.output


def test_coop_both_sides_of_october_2021(run):
    before = json.loads(run("coop", "--accrual", "4000", "--as-of", "2021-09-30", "--json").output)
    after = json.loads(run("coop", "--accrual", "4000", "--as-of", "2021-10-01", "--json").output)
    assert before["usable"] is True and after["usable"] is False and after["shortfall"] == 6000.0


def test_competency_with_hints(run):
    result = run("competency", "--new-customers", "4", "--certified", "0", "--level", "silver",
                 "--billed-o365", "3,500", "--as-of", "2022-01-01", "--json")
    data = json.loads(result.output)
    # Silver's revenue and certification thresholds have no stated amounts: unknown until the partner says.
    assert data["met"] is False and data["status"] == "undetermined" and data["silver_may_pay_off"] is True
    stated = json.loads(run("competency", "--new-customers", "4", "--level", "silver", "--silver-thresholds", "met",
                            "--as-of", "2022-01-01", "--json").output)
    only = json.loads(run("competency", "--new-customers", "4", "--level", "silver", "--customers-only",
                          "--as-of", "2022-01-01", "--json").output)
    assert stated["met"] is True and only["met"] is True


def test_forecast_with_past_periods_and_observed_growth(run):
    result = run("forecast", "--past", "o365=40000", "--line", "o365=50000", "--periods", "1",
                 "--start", "2022-01-01", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["growth"] == 0.25 and data["periods"][0]["incentive"] == 2500.0


def test_forecast_human_output(run):
    result = run("forecast", "--line", "o365=50000", "--growth", "10%", "--periods", "2", "--start", "2022-01-01")
    assert result.exit_code == 0, result.output
    assert "period 1 incentive: $2,200.00" in result.output
    assert "period 2 incentive: $2,420.00" in result.output


def test_compare_gives_the_difference_between_two_options(run):
    result = run("compare", "--a", "d365=30000", "--b", "azure_ri=30000", "--as-of", "2022-01-15", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {f["name"]: f["value"] for f in data["figures"]}["extra incentive"] == 1200.0


@pytest.mark.parametrize("args,needed", [
    (["--product", "o365", "--incentive", "5000"], 125000.0),
    (["--product", "o365", "--coop-usable"], 625000.0),
    (["--product", "azure", "--coop-usable", "--line", "o365=200000"], 425000.0),
    (["--product", "d365", "--coop-usable", "--as-of", "2021-06-01"], 166666.67),
    # a co-op or rebate amount is its share of a total: $6,000 of co-op is 40% of $15,000
    (["--product", "d365", "--coop", "6000"], 250000.0),
    (["--product", "azure", "--rebate", "3000"], 125000.0),
    # co-op already accrued counts toward the threshold: $6,000 accrued leaves $4,000, 40% of $10,000
    (["--product", "azure", "--coop-usable", "--coop-accrued", "6000"], 250000.0),
    # incentive already earned counts toward the goal: $25,000 needed, $10,000 earned, 4% Azure
    (["--product", "azure", "--coop-usable", "--earned", "10000"], 375000.0),
])
def test_target_gives_the_billing_needed(run, args, needed):
    result = run("target", *args, "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)["figures"]
    assert any(f["name"].endswith("billed revenue needed") and f["value"] == needed for f in figures)


def test_target_per_quarter_splits_the_billing_over_the_earning_periods_quarters(run):
    result = run("target", "--product", "o365", "--coop-usable", "--per-quarter", "--json")
    assert result.exit_code == 0, result.output
    figures = {f["name"]: f["value"] for f in json.loads(result.output)["figures"]}
    assert figures["Office 365 billed per quarter needed"] == 312500.0


def test_target_needs_exactly_one_goal(run):
    result = run("target", "--product", "o365")
    assert result.exit_code != 0 and "exactly one goal" in result.output
    both = run("target", "--product", "o365", "--incentive", "5000", "--coop", "2000")
    assert both.exit_code != 0 and "exactly one goal" in both.output
