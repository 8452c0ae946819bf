"""The notebooks' conclusions are built from their recorded key figures by tested code (helpers.notebook.conclusions):
rebuilt from the committed notebooks' records, and moved by changing one figure."""

import nbformat
import pandas as pd
import pytest

from helpers.analysis import robustness as rb
from helpers.notebook import keyfigures
from helpers.notebook.conclusions import claims_ledger, follow_through, rate_sensitivity
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


@pytest.mark.parametrize("stem", ["05_rate_sensitivity", "06_claims_ledger", "07_follow_through"])
def test_no_conclusion_cell_is_longer_than_a_screen(stem):
    nb = nbformat.read(NOTEBOOKS[stem], as_version=4)
    longest = max(len(c.source.splitlines()) for c in nb.cells if c.cell_type == "code")
    assert longest <= 25, f"{stem}: a code cell of {longest} lines"
