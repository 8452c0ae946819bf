"""Notebooks 00 to 03 as readers see them: each conclusion is rebuilt from the committed notebook's record by its
module (helpers.notebook.conclusions), moves when one figure changes, and says first that its subject is not yet
observable when the subject's figures are missing; their code cells are short and every parameter is read; their
exercises say so, instead of failing, before the period they ask about."""

import re

import nbformat
import pandas as pd
import pytest

from helpers.analysis import robustness as rb, segments, valuation
from helpers.analysis.significance import ALPHA
from helpers.data import asof
from helpers.errors import NotYetObservableError
from helpers.notebook import exercises, keyfigures
from helpers.notebook.conclusions import data_overview, fed_cuts, setup_2025, valuation_gap
from helpers.publish import execute

STEMS = ["00_data_overview", "01_setup_2025", "02_fed_cuts", "03_valuation_gap"]
NOTEBOOKS = {p.stem: p for p in execute.notebook_paths()}


def recorded(stem: str) -> tuple[keyfigures.KeyFigures, str]:
    """The committed notebook's key figures, and the conclusion it shows."""
    nb = nbformat.read(NOTEBOOKS[stem], as_version=4)
    summary = next(c for c in nb.cells if "summary" in c.metadata.get("tags", []))
    text = "".join(o.get("data", {}).get("text/markdown", "") for o in summary.get("outputs", []))
    return keyfigures.KeyFigures.from_records(keyfigures.read(nb)), text.strip()


def first_sentence(text: str) -> str:
    return text.split(":**")[0] + ":**"


def test_the_data_overview_conclusion():
    key, committed = recorded("00_data_overview")
    assert data_overview.summary(key, "real data") == committed
    key.replace("fomc_decisions_agreeing", key["fomc_decisions_checked"] - 1)
    checked = key["fomc_decisions_checked"]
    assert f"**{checked - 1} of {checked}**" in data_overview.summary(key, "x")
    key.replace("fomc_decisions_agreeing", None)
    key.replace("fomc_decisions_checked", None)
    assert "holds no decision by" in data_overview.summary(key, "x") and "n/a" not in data_overview.summary(key, "x")


def test_the_data_overview_records_nothing_to_check_before_the_calendar():
    cover = pd.DataFrame(
        {
            "source": ["prices", "indices", "french"],
            "first": pd.to_datetime(["2000-05-26", "2016-06-28", "1926-07-01"]),
            "last": pd.to_datetime(["2019-06-28", "2019-06-27", "2019-04-30"]),
        },
        index=["IWM", "RUT", "ff3_daily"],
    )
    key = data_overview.record(data_overview.Results(cover, pd.DataFrame(columns=["agrees"])))
    assert key["market_data_through"] == pd.Timestamp("2019-06-27") and key["longest_history_series"] == "ff3_daily"
    assert key["fomc_decisions_checked"] is None and "nothing to check" in data_overview.summary(key, "real data")


def test_the_2025_setup_conclusion():
    key, committed = recorded("01_setup_2025")
    assert setup_2025.summary(key) == committed
    key.replace("return_iwm", key["return_iwb"] + 0.01)
    assert "Small caps led" in setup_2025.summary(key)
    key.replace("article_december", None)  # another year than the article's
    assert f"December it moved **{key.text('december_rut')}**;" in setup_2025.summary(key)
    key.replace("december_rut", None)
    assert "December is not in the data yet" in setup_2025.summary(key)
    key.replace("period_covered", setup_2025.YEAR_TO_DATE)
    assert setup_2025.summary(key).startswith("**2025 is not over in the data**")


def test_the_2025_setup_before_2025_records_the_year_as_missing():
    rut = pd.Series([2070.0], index=[pd.Timestamp("2024-05-31")])
    empty = segments.against_stated(pd.DataFrame(), None, None)
    results = setup_2025.Results(
        year=2025,
        level=2500,
        tickers=["IWM", "IWB"],
        rut=rut,
        period=None,
        segments=None,
        quarters=None,
        low=None,
        milestones=None,
        comparison=empty,
        december_claim=0.12,
    )
    key = setup_2025.record(results)
    assert key["return_iwm"] is None and key["through"] is None and key["december_rut"] is None
    text = setup_2025.summary(key)
    assert first_sentence(text) == "**Calendar 2025, this notebook's subject, is not yet observable:**"
    assert "the data end on 2024-05-31" in text and "2,070 points, was 17.2% below the 2,500" in text


def test_the_fed_cuts_conclusion():
    key, committed = recorded("02_fed_cuts")
    assert fed_cuts.summary(key) == committed
    key.replace("cycle_reading", rb.ESTABLISHED)
    assert "beyond chance, in every specification and cycle set" in fed_cuts.summary(key)
    key.replace("bootstrap_p", ALPHA / 2)
    assert "the first cuts do stand out" in fed_cuts.summary(key)
    key.replace("resumption_smb_6m", None)
    assert "resumption" not in fed_cuts.summary(key)
    key.replace("change_dgs10", None)  # as of the day of the first cut: no rate after it yet
    key.replace("cuts", 1)
    text = fed_cuts.summary(key)
    assert "From the day before the first cut" not in text and f"cut **once**, in {key['first_cut']:%B %Y}" in text


def test_the_fed_cuts_before_the_decisions_and_before_a_cut():
    key, _ = recorded("02_fed_cuts")
    key.replace("decisions", None)
    text = fed_cuts.summary(key)
    assert first_sentence(text) == (
        "**The Fed's decisions from 2024-01-01, this notebook's first subject, are not yet observable:**"
    )
    assert f"Across {key.text('cycles_tested')} easing cycles since {key.text('cycles_since')}" in text  # still read
    key.replace("decisions", 3)
    key.replace("cuts", 0)
    assert fed_cuts.summary(key).startswith("**No cut yet:** none of the 3 FOMC decisions from 2024-01-01")


def test_the_valuation_gap_conclusion():
    key, committed = recorded("03_valuation_gap")
    assert valuation_gap.summary(key) == committed
    key.replace("ratio_percentile", 0.7)
    assert "Prices do not show small caps far behind" in valuation_gap.summary(key)
    key.replace("stated_discount_fits", "S&P SmallCap 600, Russell 2000")
    assert "speaking of different indexes" not in valuation_gap.summary(key)
    key.replace("reference_day", None)
    assert first_sentence(valuation_gap.summary(key)) == (
        "**The reading 'going into 2026' (2025-12-31), this notebook's subject, is not yet observable:**"
    )


def test_the_valuation_gap_before_its_day_records_the_readings_as_missing():
    no_pairs = pd.DataFrame(columns=["small", "large", "discount"], index=pd.DatetimeIndex([], name="date"))
    results = valuation_gap.Results(
        reference="2025-12-31",
        trailing_years=10,
        data_through=pd.Timestamp("2019-06-28"),
        stated_discount=0.26,
        article=valuation.article_pair(no_pairs.assign(kind=[])),
        published=no_pairs,
        at_reference=None,
        ratio=None,
        smb=None,
    )
    key = valuation_gap.record(results)
    assert key["ratio_percentile"] is None and key["discount_sp600_at_claim"] is None and key["trailing_years"] == 10
    text = valuation_gap.summary(key)
    assert "the data end on 2019-06-28" in text
    assert text.endswith("No published pair is dated on or before the as-of date.")


@pytest.mark.parametrize("stem", list(NOTEBOOKS))
def test_short_cells_short_lines_and_every_parameter_read(stem):
    nb = nbformat.read(NOTEBOOKS[stem], as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert max(len(source.splitlines()) for source in code) <= 25
    assert max(len(line) for source in code for line in source.splitlines()) <= 120
    parameters = re.findall(r"^([A-Z_]+) =", code[0], re.M)
    rest = "\n".join(code[1:])
    assert parameters and all(re.search(rf"\b{name}\b", rest) for name in parameters), parameters


def test_the_exercises_of_01_to_03_say_when_their_period_is_not_in_the_data(data_dir, monkeypatch):
    said = []
    monkeypatch.setattr(exercises, "_say", lambda text, show: said.append(text))
    with asof.at_most("2019-06-28"):
        for exercise_id in ["01.1", "01.3", "02.1", "02.2", "03.2", "03.3"]:
            assert not exercises.observable(exercise_id), exercise_id  # where a quiet zero or another day was
            assert "cannot be worked on the data held as of 2019-06-28" in said[-1]
            with pytest.raises(NotYetObservableError):
                exercises.REGISTRY[exercise_id].expected_value()
        assert exercises.observable("01.2") and exercises.REGISTRY["01.2"].expected_value() == exercises.NOT_REACHED
        assert exercises.observable("03.1")
