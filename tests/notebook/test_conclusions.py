"""The notebooks' conclusions are built from their recorded key figures by tested code (helpers.notebook.conclusions):
rebuilt from the committed notebooks' records, and moved by changing one figure."""

import nbformat
import numpy as np
import pandas as pd
import pytest

from helpers.analysis import january, robustness as rb, stats, universe
from helpers.analysis.significance import ALPHA
from helpers.notebook import keyfigures
from helpers.notebook.conclusions import claims_ledger, follow_through, january_2026, rate_sensitivity
from helpers.publish import book, execute

NOTEBOOKS = {p.stem: p for p in execute.notebook_paths()}


def nb_of(stem: str):
    return nbformat.read(NOTEBOOKS[stem], as_version=4)


def recorded(stem: str) -> tuple[keyfigures.KeyFigures, str]:
    nb = nbformat.read(NOTEBOOKS[stem], as_version=4)
    summary = next(c for c in nb.cells if "summary" in c.metadata.get("tags", []))
    text = "".join(o.get("data", {}).get("text/markdown", "") for o in summary.get("outputs", []))
    return keyfigures.KeyFigures.from_records(keyfigures.read(nb)), text


def test_the_ledger_conclusion_is_rebuilt_from_its_record_and_follows_the_band():
    key, committed = recorded("06_claims_ledger")
    no_contradictions = pd.DataFrame({"verdict": [], "claim": [], "article": [], "evidence": []})
    text = claims_ledger.summary(key, no_contradictions, target=2825)
    assert text.split("\n\n")[0] == committed.split("\n\n")[0]  # the counts paragraph, from the record alone
    key.replace("small_lead_band", "ahead beyond its band")
    assert "'year of the small caps' **holds so far**" in claims_ledger.summary(key, no_contradictions, 2825)
    key.replace("small_lead_band", "inside its band")
    assert "**is not established so far**" in claims_ledger.summary(key, no_contradictions, 2825)
    key.replace("claims_not_yet_observable", 4)
    assert "4 are not yet observable" in claims_ledger.summary(key, no_contradictions, 2825)


def test_the_rate_conclusion_says_only_what_its_tables_show():
    key, committed = recorded("05_rate_sensitivity")
    assert rate_sensitivity.summary(key, "2025-09-17") == committed.strip()
    key.replace("rate_reading", rb.ESTABLISHED)
    key.replace("rate_regimes", "none")
    text = rate_sensitivity.summary(key, "2025-09-17")
    assert "borne out by the full sample" in text and "regime-dependent" not in text.split("**Balance sheets.**")[0]
    key.replace("attribution_rates", 0.4)
    key.replace("attribution_rates_in_window", -0.2)
    assert "sign depends on the estimation window" in rate_sensitivity.summary(key, "2025-09-17")
    key.replace("balance_reading", rb.NOT_ESTABLISHED)
    assert "does not show weak balance sheets" in rate_sensitivity.summary(key, "2025-09-17")


FOLLOW_HORIZONS = [1, 3, 6, 9, 12]
FOLLOW_PERIODS = ["the year 2025", "the late-2025 catch-up", "January 2026", "the first half of 2026"]


def test_the_follow_through_conclusion_is_rebuilt_from_its_record_and_moves_with_it():
    key, committed = recorded("07_follow_through")
    assert follow_through.summary(key, FOLLOW_HORIZONS, FOLLOW_PERIODS) == committed.strip()
    lead = committed.split("\n\n")[0]
    assert lead.startswith("**So far, as of ") and book.notebook_summary(nb_of("07_follow_through")) == lead  # landing
    # a refresh that reaches the 6-month horizon: it leaves the pending list and is read against its band
    key.replace("iwm_iwb_6m", 0.21)
    key.replace("iwm_iwb_6m_band", 0.15)
    key.replace("iwm_iwb_6m_reading", "ahead beyond its band")
    text = follow_through.summary(key, FOLLOW_HORIZONS, FOLLOW_PERIODS).split("\n\n")[0]
    assert "6 months +21.0% (ahead beyond its band, ±15.0%)" in text and "9 and 12 months are pending" in text
    key.replace("target_status", "met")
    assert "the Russell 2000 target **met**" in follow_through.summary(key, FOLLOW_HORIZONS, FOLLOW_PERIODS)
    key.replace("as_registered", "no")
    assert "it explores the rule, it does not test it" in follow_through.summary(key, FOLLOW_HORIZONS, FOLLOW_PERIODS)


def test_before_the_articles_date_the_follow_through_conclusion_says_it_is_not_yet_observable():
    key, _ = recorded("07_follow_through")
    for name in ("iwm_iwb_so_far", "dgs2_change", "breadth_rsp_ivv"):
        key.replace(name, None)
    key.replace("as_of", "2025-11-14")
    text = follow_through.summary(key, FOLLOW_HORIZONS, FOLLOW_PERIODS)
    assert text.startswith("**Not yet observable.** As of 2025-11-14, no close after the articles' date (2026-01-06)")
    assert "The rate window has not begun in the data" in text and "No close after the articles' date" in text


@pytest.mark.parametrize("stem", ["04_january_2026", "05_rate_sensitivity", "06_claims_ledger", "07_follow_through"])
def test_no_conclusion_cell_is_longer_than_a_screen(stem):
    nb = nbformat.read(NOTEBOOKS[stem], as_version=4)
    longest = max(len(c.source.splitlines()) for c in nb.cells if c.cell_type == "code")
    assert longest <= 25, f"{stem}: a code cell of {longest} lines"


def test_the_january_conclusion_is_rebuilt_from_its_record_and_follows_the_figures():
    key, committed = recorded("04_january_2026")
    assert january_2026.summary(key) == committed.strip()
    assert [f.name for f in key.figures() if f.headline] == list(january_2026.HEADLINES)
    first = committed.split("\n\n")[0]
    quoted = [
        name
        for name in ("return_iwm", "first_day_at_claimed_move", "iwm_on_claim_day", "claimed_move")
        if key.text(name) in first
    ]
    assert len(quoted) == 4, quoted
    key.replace("opening_rank", 12)
    assert "a middling opening" in january_2026.summary(key)
    assert "not unusual for small caps" in january_2026.summary(key)
    key.replace("january_p_whole", ALPHA)  # the standard is strict: p equal to it does not stand out
    assert "January does not stand out" in january_2026.summary(key)
    key.replace("first_day_at_claimed_move", "2026-01-05")
    assert "reached by the articles' date" in january_2026.summary(key)
    key.replace("first_day_at_claimed_move", None)
    assert "IWM had not gained 6.2% by 2026-01-15" in january_2026.summary(key)


def test_the_january_conclusion_says_first_that_the_opening_is_not_observable_yet():
    key, _ = recorded("04_january_2026")
    for name in (
        "window_end",
        "first_day_at_claimed_move",
        "trading_day_at_claimed_move",
        "iwm_on_claim_day",
        "rut_on_claim_day",
        "opening_excess",
        "opening_rank",
        "years_ranked",
        "first_year_ranked",
    ):
        key.replace(name, None)
    key.replace("window_days", 0)
    text = january_2026.summary(key, as_of="2025-12-15")
    assert text.startswith("As of 2025-12-15, January 2026 has not happened yet: ")
    assert "ranks" not in text and "n/a" not in text.split("\n\n")[0]
    key.replace("window_days", 5)
    key.replace("iwm_on_claim_day", 0.04)
    key.replace("rut_on_claim_day", 0.041)
    text = january_2026.summary(key, as_of="2026-01-08")
    assert text.startswith("As of 2026-01-08, only 5 of the 10 trading days of 2026's window are in the data")
    assert "it was up **4.0%**" in text and "against the **6.2%** they report" in text


def _results_before_the_year() -> january_2026.Results:
    """Notebook 04's results as of 2025-12-15 on constructed data: no day of 2026, a century of monthly SMB."""
    days = pd.bdate_range("2024-12-02", "2025-12-15")
    levels = pd.DataFrame(
        {t: np.linspace(100, 110, len(days)) for t in [*january_2026.WINDOW_TICKERS, "RUT", *universe.ARTICLE_SECTORS]},
        index=days,
    )
    opening = january.window(days, 2026, 10)
    months = pd.date_range("1926-07-31", "2025-10-31", freq="ME")
    monthly = pd.Series(
        np.random.default_rng(4).normal(0, 0.03, len(months)) + np.where(months.month == 1, 0.02, 0), index=months
    )
    tests = stats.calendar_month_effect(monthly, month=1, starts=["1926", "2000"], label="January")

    def estimate(spec, sample):
        values = sample.select(monthly)
        return rb.mean_difference_estimate(values[values.index.month == 1], values[values.index.month != 1])

    table = rb.run(estimate, [rb.Spec(january_2026.HEADLINE)], rb.regimes())  # the headline and two eras only
    claimed = january.ClaimedMove("IWM_6PCT_JAN6", "IWM", 0.062, pd.Timestamp("2025-12-31"), pd.Timestamp("2026-01-06"))
    return january_2026.Results(
        opening=opening,
        paths=january.paths(levels, opening),
        claimed=claimed,
        on_claim_day=january.return_to(levels[["IWM", "RUT"]], claimed.start, claimed.day),
        reached=None,
        ranking=january.ranking(levels, opening, 2001),
        month_tests=tests,
        robustness=(table, rb.read(table, claimed_sign=1)),
    )


def test_the_january_record_before_the_year_holds_missing_figures_and_the_century():
    key = january_2026.record(_results_before_the_year())
    assert [f.name for f in key.figures() if f.headline] == ["window_days", "smb_january_mean", "january_gap_recent"]
    missing = [f.name for f in key.figures() if f.value is None]
    assert {
        "window_end",
        "return_iwm",
        "best_sector",
        "first_day_at_claimed_move",
        "iwm_on_claim_day",
        "opening_rank",
        "january_gap_monthly_file",
    } <= set(missing)
    assert key["window_days"] == 0 and key["last_close"] == pd.Timestamp("2025-12-15") and key["claimed_move"] == 0.062
    assert key["january_period_whole"] == "1926-2025" and key["smb_january_mean"] is not None
    text = january_2026.summary(key, as_of="2025-12-15")
    assert text.startswith("As of 2025-12-15, January 2026 has not happened yet")
    assert "Over the century of factor data (1926-2025) January" in text and "monthly factor file" not in text
