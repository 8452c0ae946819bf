"""helpers.analysis.robustness: the runner's table, and the reading rule on constructed data where each outcome occurs."""

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import robustness as rb

DAYS = pd.bdate_range("2018-01-01", "2025-12-31")
CONTROLS = {"market": ["mkt (%)"], "credit": ["Δcredit (pp)"]}


def frame(y_of, seed=0):
    """x (the term), a market and a credit control, and y = y_of(x, market, credit, noise, dates)."""
    rng = np.random.default_rng(seed)
    n = len(DAYS)
    data = pd.DataFrame({"x": rng.normal(0, 1, n), "mkt (%)": rng.normal(0, 1, n), "noise": rng.normal(0, 1, n)}, index=DAYS)
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
    assert table.loc[table["sample"] == "without March 2020", "n"].item() == len(DAYS) - len(DAYS[(DAYS.month == 3) & (DAYS.year == 2020)])
    before = table.loc[table["sample"] == "before 2022-01-01", "n"].item()
    assert before == (DAYS < "2022-01-01").sum()
    row = table.loc[table["headline"]].iloc[0]
    assert row["t"] == pytest.approx(row["coef"] / row["se"])


def test_holds_in_every_specification():
    reading = rb.read(table_for(frame(lambda d: -0.5 * d["x"] + d["noise"])))
    assert reading.outcome == rb.HOLDS and reading.label == "holds in every specification"
    assert reading.significant == reading.rows and reading.headline_significant


def test_not_significant_in_any_specification():
    reading = rb.read(table_for(frame(lambda d: d["noise"], seed=3)))
    assert reading.outcome == rb.NONE


def test_a_row_is_looked_up_by_spec_and_sample_and_a_missing_one_is_none():
    table = table_for(frame(lambda d: -0.5 * d["x"] + d["noise"]))
    head = rb.row(table, "market")
    assert head is not None and head["sample"] == "full sample" and head["coef"] == table.loc[table["headline"], "coef"].item()
    assert rb.row(table, "market", "without March 2020")["n"] < head["n"]
    assert rb.row(table, "no such spec") is None and rb.cell(None, "coef") is None
    assert rb.cell(head, "p") == head["p"]
    gap = table.copy()
    gap.loc[gap["headline"], "coef"] = np.nan  # a row the data held could not estimate
    assert rb.row(gap, "market") is None

def test_depends_on_a_control():
    # credit moves with x; y loads +1 on x and -1 on credit: without the credit control the two cancel
    def y_of(d):
        d["Δcredit (pp)"] = d["x"] + 0.3 * d["noise"]
        return d["x"] - d["Δcredit (pp)"] + 0.2 * np.random.default_rng(9).normal(0, 1, len(d))
    reading = rb.read(table_for(frame(y_of, seed=1)))
    assert reading.outcome == rb.DEPENDS_CONTROL
    assert reading.label == "depends on the credit control"
    assert "significant only with it" in reading.sentence


def test_depends_on_an_episode():
    def y_of(d):
        crash = (d.index >= "2020-03-01") & (d.index <= "2020-03-31")
        d.loc[crash, "x"] *= 8  # a month of large moves in x that y follows; nothing outside it
        return np.where(crash, -0.5 * d["x"], 0.0) + d["noise"]
    reading = rb.read(table_for(frame(y_of, seed=2)))
    assert reading.outcome == rb.DEPENDS_EPISODE
    assert reading.label == "depends on March 2020"
    assert "loses significance without it" in reading.sentence


def test_sign_changes_across_regimes():
    def y_of(d):
        return np.where(d.index < "2022-01-01", 0.4, -1.5) * d["x"] + d["noise"]
    reading = rb.read(table_for(frame(y_of, seed=4)))
    assert reading.outcome == rb.SIGN_CHANGES
    assert "before 2022-01-01" in reading.sentence and reading.sign == -1


def test_same_sign_not_always_significant():
    def y_of(d):
        return np.where(d.index < "2025-01-01", -0.3, -0.05) * d["x"] + d["noise"]
    samples = [rb.between("2025", "2025-01-01", None)]
    table = table_for(frame(y_of, seed=5), samples)
    reading = rb.read(table)
    assert reading.outcome == rb.PARTIAL, table
    assert reading.label.startswith("same sign, not always significant")


def test_the_expected_sign_decides_what_counts_as_support():
    table = table_for(frame(lambda d: 0.5 * d["x"] + d["noise"]))
    assert rb.read(table).outcome == rb.HOLDS
    against = rb.read(table, expected_sign=-1)
    assert not against.headline_significant and against.significant == 0
    assert against.outcome == rb.OPPOSITE


def test_a_sample_too_small_gives_a_row_with_a_note_not_an_error():
    samples = [rb.between("one week", "2019-01-07", "2019-01-11")]
    table = table_for(frame(lambda d: -0.5 * d["x"] + d["noise"]), samples)
    row = table.loc[table["sample"] == "one week"].iloc[0]
    assert np.isnan(row["coef"]) and "too few observations" in row["note"]
    assert rb.read(table).outcome == rb.HOLDS  # rows without an estimate are left out of the reading


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
    assert paired.t == pytest.approx(sp.ttest_rel(a, b).statistic) and paired.p == pytest.approx(sp.ttest_rel(a, b).pvalue)
    welch = rb.mean_difference_estimate(a, b)
    assert welch.p == pytest.approx(sp.ttest_ind(a, b, equal_var=False).pvalue)
    with pytest.raises(ValueError):
        rb.mean_difference_estimate(pd.Series([1.0]), pd.Series([1.0]), paired=True)


def test_the_rule_is_stated_in_words():
    text = rb.rule_text(0.05, expected_sign=-1)
    assert "p < 0.05" in text and "negative" in text and "depends on <control>" in text
