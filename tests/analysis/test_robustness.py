"""helpers.analysis.robustness: the runner's table, and the reading rule on constructed data where each outcome
occurs."""

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import robustness as rb
from helpers.errors import TooLittleDataError

DAYS = pd.bdate_range("2018-01-01", "2025-12-31")
CONTROLS = {"market": ["mkt (%)"], "credit": ["Δcredit (pp)"]}


def frame(y_of, seed=0):
    """x (the term), a market and a credit control, and y = y_of(x, market, credit, noise, dates)."""
    rng = np.random.default_rng(seed)
    n = len(DAYS)
    data = pd.DataFrame(
        {"x": rng.normal(0, 1, n), "mkt (%)": rng.normal(0, 1, n), "noise": rng.normal(0, 1, n)}, index=DAYS
    )
    data["Δcredit (pp)"] = rng.normal(0, 1, n)
    data["y"] = y_of(data)
    return data


def table_for(data, samples=None):
    specs = [rb.Spec("no controls"), rb.Spec("market", ("market",)), rb.Spec("market + credit", ("market", "credit"))]
    estimate = rb.regression_estimate(data, "y", "x", CONTROLS)
    samples = rb.regimes() + rb.episodes() if samples is None else samples
    return rb.run(estimate, specs, samples, headline="market", across=["market"])


def test_the_table_is_tidy_and_marks_the_headline():
    table = table_for(frame(lambda d: -0.5 * d["x"] + d["noise"]))
    assert list(table.columns) == rb.COLUMNS
    assert table["headline"].sum() == 1 and table.loc[table["headline"], "spec"].item() == "market"
    assert set(table["kind"]) == {"controls", "regime", "episode"}
    assert table.loc[table["sample"] == "without March 2020", "n"].item() == len(DAYS) - len(
        DAYS[(DAYS.month == 3) & (DAYS.year == 2020)]
    )
    before = table.loc[table["sample"] == "before 2022-01-01", "n"].item()
    assert before == (DAYS < "2022-01-01").sum()
    row = table.loc[table["headline"]].iloc[0]
    assert row["t"] == pytest.approx(row["coef"] / row["se"])


def test_established_in_every_informative_row():
    reading = rb.read(table_for(frame(lambda d: -0.5 * d["x"] + d["noise"])), claimed_sign=-1)
    assert reading.outcome == rb.ESTABLISHED and reading.established and not reading.regime_dependent
    assert reading.agreeing == reading.rows - 1 and "the claim's, negative" in reading.reference


def test_noise_is_not_established_and_not_contradicted():
    reading = rb.read(table_for(frame(lambda d: d["noise"], seed=3)), claimed_sign=-1)
    assert reading.outcome == rb.NOT_ESTABLISHED and not reading.established


def test_the_claimed_sign_decides_what_counts_as_support():
    table = table_for(frame(lambda d: 0.5 * d["x"] + d["noise"]))
    assert rb.read(table).outcome == rb.ESTABLISHED  # the estimand's own sign
    against = rb.read(table, claimed_sign=-1)
    assert against.outcome == rb.OPPOSITE and against.agreeing == 0


def test_a_row_is_looked_up_by_spec_and_sample_and_a_missing_one_is_none():
    table = table_for(frame(lambda d: -0.5 * d["x"] + d["noise"]))
    head = rb.row(table, "market")
    assert (
        head is not None
        and head["sample"] == "full sample"
        and head["coef"] == table.loc[table["headline"], "coef"].item()
    )
    assert rb.row(table, "market", "without March 2020")["n"] < head["n"]
    assert rb.row(table, "no such spec") is None and rb.cell(None, "coef") is None
    assert rb.cell(head, "p") == head["p"]
    gap = table.copy()
    gap.loc[gap["headline"], "coef"] = np.nan  # a row the data held could not estimate
    assert rb.row(gap, "market") is None


def test_depends_on_a_control_when_only_the_control_makes_it_significant():
    # credit moves with x; y loads +1 on x and -1 on credit: without the credit control the two cancel
    def y_of(d):
        d["Δcredit (pp)"] = d["x"] + 0.3 * d["noise"]
        return d["x"] - d["Δcredit (pp)"] + 0.2 * np.random.default_rng(9).normal(0, 1, len(d))

    reading = rb.read(table_for(frame(y_of, seed=1)), claimed_sign=1)
    assert reading.outcome == rb.NOT_ESTABLISHED
    assert any(d.startswith("depends on the credit control: significant only with it") for d in reading.depends)


def test_an_episode_that_carries_the_estimate_makes_it_fragile():
    def y_of(d):
        crash = (d.index >= "2020-03-01") & (d.index <= "2020-03-31")
        d.loc[crash, "x"] *= 8  # a month of large moves in x that y follows; nothing outside it
        return np.where(crash, -0.5 * d["x"], 0.0) + d["noise"]

    reading = rb.read(table_for(frame(y_of, seed=2)), claimed_sign=-1)
    assert reading.outcome == rb.FRAGILE
    assert any(d.startswith("depends on March 2020: significantly weaker without it") for d in reading.depends)


def test_an_opposite_sign_across_regimes_is_regime_dependent():
    def y_of(d):
        return np.where(d.index < "2022-01-01", 0.4, -1.5) * d["x"] + d["noise"]

    reading = rb.read(table_for(frame(y_of, seed=4)), claimed_sign=-1)
    assert reading.regime_dependent and "opposite signs" in reading.regimes and "before 2022-01-01" in reading.regimes


def test_all_positive_regimes_never_read_as_a_sign_change():
    """05 used to print 'sign changes across regimes: +4.98 (before 2022); +2.25 (from 2022)' for an estimate positive
    everywhere, comparing with the claim's sign: regimes are compared with each other, never with the claim."""

    def y_of(d):
        return np.where(d.index < "2022-01-01", 0.6, 0.2) * d["x"] + d["noise"]

    table = table_for(frame(y_of, seed=6))
    for sign in (1, -1, None):
        reading = rb.read(table, claimed_sign=sign)
        assert "opposite signs" not in reading.sentence and "sign change" not in reading.sentence
    assert not rb.read(table, claimed_sign=1).regime_dependent  # different sizes, one conclusion: positive in both


def test_a_row_without_the_power_to_tell_cannot_veto():
    def y_of(d):
        return -0.15 * d["x"] + d["noise"]

    samples = [rb.between("one quarter", "2025-01-01", "2025-03-31")]
    reading = rb.read(table_for(frame(y_of, seed=7), samples), claimed_sign=-1)
    quarter = reading.table.loc[reading.table["sample"] == "one quarter"].iloc[0]
    assert not quarter["informative"] and quarter["mde"] > 0.15  # some sixty days cannot see an effect of 0.15
    assert reading.outcome == rb.ESTABLISHED and "one quarter" in " ".join(reading.uninformative)


def test_a_sample_too_small_gives_a_row_with_a_note_not_an_error():
    samples = [rb.between("one week", "2019-01-07", "2019-01-11")]
    table = table_for(frame(lambda d: -0.5 * d["x"] + d["noise"]), samples)
    row = table.loc[table["sample"] == "one week"].iloc[0]
    assert np.isnan(row["coef"]) and "too few observations" in row["note"]
    assert rb.read(table).outcome == rb.ESTABLISHED  # rows without an estimate are left out of the reading


def test_regimes_of_one_group_must_not_overlap():
    estimate = rb.regression_estimate(frame(lambda d: d["noise"]), "y", "x", CONTROLS)
    overlapping = [rb.between("a", "2019-01-01", "2021-12-31", "g"), rb.between("b", "2021-01-01", None, "g")]
    with pytest.raises(ValueError, match="overlap"):
        rb.run(estimate, [rb.Spec("market", ("market",))], overlapping)


def test_false_discovery_and_family_wise_adjustments():
    p = pd.Series([0.01, 0.04, 0.03, 0.20], index=list("abcd"))
    assert rb.benjamini_hochberg(p).round(4).tolist() == [0.04, 0.0533, 0.0533, 0.2]
    assert rb.holm(p).round(4).tolist() == [0.04, 0.09, 0.09, 0.2]
    assert rb.minimum_detectable_effect(1.0) == pytest.approx(1.959964 + 0.841621, abs=1e-5)
    assert rb.equal_estimates_test([1.0, 1.0], [0.1, 0.1]) == pytest.approx(1.0)
    assert rb.equal_estimates_test([1.0, -1.0], [0.1, 0.1]) < 1e-6


def test_samples_select_by_date_and_episodes_exclude_whole_windows():
    sample = rb.without("two windows", ("2020-03-01", "2020-03-31"), ("2024-11-04", "2024-11-08"))
    kept = sample.select(pd.Series(1.0, index=DAYS))
    assert not ((kept.index >= "2020-03-01") & (kept.index <= "2020-03-31")).any()
    assert pd.Timestamp("2024-11-05") not in kept.index and pd.Timestamp("2024-11-11") in kept.index
    assert [s.name for s in rb.episodes()][-1] == "without all three episodes"
    regimes = rb.regimes(extra={"2015-2019": ("2015-01-01", "2019-12-31")})
    assert [s.name for s in regimes] == ["before 2022-01-01", "from 2022-01-01", "2015-2019"]


def test_the_runner_refuses_unknown_headlines_and_duplicate_names():
    estimate = rb.regression_estimate(frame(lambda d: d["noise"]), "y", "x", CONTROLS)
    with pytest.raises(ValueError, match="headline"):
        rb.run(estimate, [rb.Spec("a")], headline="b")
    with pytest.raises(ValueError, match="unique"):
        rb.run(estimate, [rb.Spec("a"), rb.Spec("a")])


def test_mean_difference_estimates_match_scipy():
    from scipy import stats as sp

    a = pd.Series([0.03, 0.01, 0.04, 0.02, 0.05])
    b = pd.Series([0.01, 0.02, 0.00, 0.01, 0.02])
    paired = rb.mean_difference_estimate(a, b, paired=True)
    assert paired.coef == pytest.approx((a - b).mean()) and paired.n == 5
    assert paired.t == pytest.approx(sp.ttest_rel(a, b).statistic) and paired.p == pytest.approx(
        sp.ttest_rel(a, b).pvalue
    )
    welch = rb.mean_difference_estimate(a, b)
    assert welch.p == pytest.approx(sp.ttest_ind(a, b, equal_var=False).pvalue)
    with pytest.raises(TooLittleDataError):
        rb.mean_difference_estimate(pd.Series([1.0]), pd.Series([1.0]), paired=True)


def test_the_rule_is_stated_in_words_with_the_reference_it_uses():
    text = rb.rule_text(0.05, claimed_sign=-1, estimand=("market", "full sample"))
    assert "p < 0.05" in text and "the claim's, negative" in text and "market; full sample" in text
    assert "Benjamini-Hochberg" in text and "depends on <episode>" in text and "depends on <control>" in text
    assert "the estimand's own" in rb.rule_text()
