"""Notebook 04 executed on the synthetic sample: as of a date before January 2026 it completes, records the
opening's figures as missing and says so first; a parameter changed in its parameters cell moves a recorded figure."""

import nbformat
import pandas as pd
import pytest

from helpers.analysis import january
from helpers.data import load
from helpers.notebook import keyfigures
from helpers.publish import execute

pytestmark = pytest.mark.slow  # executes a notebook: left out of make unit

NOTEBOOK = next(p for p in execute.notebook_paths() if p.stem == "04_january_2026")
OPENING = [
    "window_end",
    "return_iwm",
    "return_iwb",
    "best_sector",
    "first_day_at_claimed_move",
    "trading_day_at_claimed_move",
    "iwm_on_claim_day",
    "opening_excess",
    "opening_rank",
    "years_ranked",
]


def figures(nb) -> dict:
    return {r["name"]: r["value"] for r in keyfigures.read(nb)}


def conclusion(nb) -> str:
    summary = next(c for c in nb.cells if "summary" in c.metadata.get("tags", []))
    return "".join(o.get("data", {}).get("text/markdown", "") for o in summary.get("outputs", []))


def test_as_of_before_january_2026_the_notebook_completes_with_the_opening_missing(data_dir):
    done = execute.execute(NOTEBOOK, as_of="2025-12-15")
    assert done.error is None, done.error
    found = figures(done.notebook)
    assert found["window_days"] == 0 and found["opening_year"] == 2026  # never another year
    assert all(found[name] is None for name in OPENING), {name: found[name] for name in OPENING}
    assert found["january_p_whole"] is not None and found["january_reading"]  # the century still runs
    assert conclusion(done.notebook).startswith("As of 2025-12-15, January 2026 has not happened yet")
    said = "".join(
        o.get("data", {}).get("text/markdown", "") for c in done.notebook.cells for o in c.get("outputs", [])
    )
    assert (
        "**Exercise 04.1** cannot be worked on the data held as of 2025-12-15: January 2026 is not in the data" in said
    )  # the exercise says so instead of failing


def test_a_changed_parameter_moves_the_recorded_figures(data_dir, tmp_path):
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    path = tmp_path / NOTEBOOK.name
    nbformat.write(parameterize_notebook(load_notebook_node(str(NOTEBOOK)), {"DAYS": 5}, report_mode=False), path)
    done = execute.execute(path)
    assert done.error is None, done.error
    found = figures(done.notebook)
    iwm = load.load_prices(["IWM"])["IWM"].dropna()
    five, ten = (january.window_return(iwm, january.window(iwm.index, 2026, days)) for days in (5, 10))
    assert found["window_length"] == 5 and found["window_days"] == 5
    assert pd.Timestamp(found["window_end"]) == january.window(iwm.index, 2026, 5).end
    assert found["return_iwm"] == pytest.approx(five) and found["return_iwm"] != pytest.approx(ten)
