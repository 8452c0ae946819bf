"""Notebooks 00 to 03 as of an early date, on the synthetic sample: they complete, record the figures of a subject
that lies after the date as missing, say so first in their conclusions, and still read what does not depend on it
(the data held, the easing cycles since the 1950s, the long history of relative prices)."""

import dataclasses

import nbformat
import pandas as pd
import pytest

from helpers.notebook import keyfigures
from helpers.publish import execute, stamps

pytestmark = pytest.mark.slow  # executes notebooks: left out of make unit

STEMS = ["00_data_overview", "01_setup_2025", "02_fed_cuts", "03_valuation_gap"]


def figures_and_conclusion(nb: nbformat.NotebookNode) -> tuple[dict, str]:
    summary = next(c for c in nb.cells if "summary" in c.metadata.get("tags", []))
    text = "".join(o.get("data", {}).get("text/markdown", "") for o in summary.get("outputs", []))
    return {r["name"]: r["value"] for r in keyfigures.read(nb)}, text


def run(as_of: str, names: list[str], folder) -> dict:
    done = execute.run_all(as_of=as_of, names=names, out_dir=folder, log=lambda *_: None, render=False, use_cache=False)
    assert all(d.error is None for d in done), [(d.name, d.error) for d in done if d.error]
    return {d.name: figures_and_conclusion(d.notebook) for d in done}


def test_notebooks_00_to_03_as_of_2019_complete_and_record_their_subjects_as_missing(data_dir, tmp_path):
    found = run("2019-06-28", STEMS, tmp_path)
    assert sorted(found) == STEMS
    overview, text = found["00_data_overview"]
    assert overview["market_data_through"] == "2019-06-28" and overview["fomc_decisions_checked"] is None
    assert "nothing to check against FRED's target range yet" in text

    setup, text = found["01_setup_2025"]
    assert all(setup[name] is None for name in ("through", "return_iwm", "return_iwb", "ratio_low_day", "december_rut"))
    assert setup["rut_last"] is not None and setup["data_through"] == "2019-06-28"
    assert text.startswith(
        "**Calendar 2025, this notebook's subject, is not yet observable:** the data end on 2019-06-28"
    )

    cuts, text = found["02_fed_cuts"]
    assert all(
        cuts[name] is None
        for name in ("decisions", "cuts", "first_cut", "change_dgs2", "week_after_cut_mean", "resumption_smb_6m")
    )
    assert cuts["cycles_tested"] >= 10 and cuts["cycle_headline"] is not None  # the cycles since the 1950s still read
    assert text.startswith(
        "**The Fed's decisions from 2024-01-01, this notebook's first subject, are not yet observable:**"
    )

    gap, text = found["03_valuation_gap"]
    assert all(
        gap[name] is None
        for name in ("reference_day", "ratio_percentile", "smb_trailing", "article_small_pe", "discount_sp600_at_claim")
    )
    assert gap["stated_discount"] is not None and gap["data_through"] == "2019-06-28"
    assert text.startswith(
        "**The reading 'going into 2026' (2025-12-31), this notebook's subject, is not yet observable:**"
    )


def test_the_fed_cuts_before_the_first_cut_of_the_cycle(data_dir, tmp_path):
    ((cuts, text),) = run("2024-06-01", ["02_fed_cuts"], tmp_path).values()
    assert cuts["decisions"] == 3 and cuts["cuts"] == 0 and cuts["first_cut"] is None and cuts["change_dff"] is None
    assert text.startswith("**No cut yet:** none of the 3 FOMC decisions from 2024-01-01 to 2024-05-31 was a cut")


def test_the_books_landing_page_as_of_2019_leaves_out_the_figure_it_cannot_draw(data_dir, tmp_path):
    """The book built after an as-of run (make run AS_OF=...): IWM against IWB since 2024 has nothing to show as of
    2019, so the landing page goes without it (it failed on an empty frame) and keeps the ledger's figure."""
    from helpers.publish import book, changes

    committed = {p.stem: nbformat.read(p, as_version=4) for p in execute.notebook_paths()}
    data = dataclasses.replace(stamps.identity_of_runs(committed), as_of=pd.Timestamp("2019-06-28"))
    images = book.landing_images(committed, data, tmp_path)
    assert images == ("verdicts.png",)
    page = book.landing_page(committed, data, changes.published_digest(), has_changes=False, images=images)
    assert f"![{book.LANDING_IMAGES['verdicts.png']}](_static/verdicts.png)" in page and "rotation.png" not in page
