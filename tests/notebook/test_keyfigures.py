"""Key figures: recorded once as glue outputs, read back with their full-precision values and units."""

import math

import nbformat
import pandas as pd
import pytest

from helpers.notebook import keyfigures
from helpers.notebook.keyfigures import KeyFigures


def recorded_notebook(key: KeyFigures) -> nbformat.NotebookNode:
    """A notebook whose one code cell holds what ``key.record()`` displays."""
    outputs = []
    for figure in key.figures():
        data, metadata = keyfigures.output_bundle(figure)
        outputs.append(nbformat.v4.new_output("display_data", data=data, metadata=metadata))
    cell = nbformat.v4.new_code_cell("key.record()", outputs=outputs, metadata={"tags": [keyfigures.TAG]})
    return nbformat.v4.new_notebook(cells=[cell])


def sample_figures() -> KeyFigures:
    key = KeyFigures()
    key.add("iwm_2025", 0.12734, "fraction", "IWM total return, 2025")
    key.add("low_day", pd.Timestamp("2025-08-01 00:00"), "date", "IWM/IWB low")
    key.add("beta", -1.1634, "coefficient", "IWM minus IWB on ΔDGS2")
    key.add("verdict_x", "supported", "verdict", "X: a claim")
    key.add("not_yet", float("nan"), "fraction", "a return not in the data yet")
    key.add("no_date", None, "date", "a level never reached")
    return key


def test_text_is_the_rounded_value_with_its_units():
    key = sample_figures()
    assert key.text("iwm_2025") == "12.7%"
    assert key.text("iwm_2025", "{:+.2%}") == "+12.73%"
    assert key.text("low_day") == "2025-08-01"
    assert key.text("beta") == "-1.16"
    assert key.text("not_yet") == key.text("no_date") == "n/a"
    assert key["iwm_2025"] == 0.12734 and key["low_day"] == pd.Timestamp("2025-08-01")


def test_bad_figures_are_refused():
    key = KeyFigures()
    key.add("a", 1, "count", "one")
    with pytest.raises(ValueError, match="twice"):
        key.add("a", 2, "count", "two")
    with pytest.raises(ValueError, match="snake_case"):
        key.add("Bad Name", 1, "count", "x")
    with pytest.raises(ValueError, match="units must be one of"):
        key.add("b", 1, "furlongs", "x")
    with pytest.raises(TypeError, match="number, a date or a string"):
        key.add("c", [1, 2], "count", "x")


def test_records_read_back_with_full_precision_and_glue_metadata():
    nb = recorded_notebook(sample_figures())
    table = keyfigures.read_table(nb)
    assert list(table.index) == ["iwm_2025", "low_day", "beta", "verdict_x", "not_yet", "no_date"]
    assert table.loc["iwm_2025", "value"] == 0.12734  # not the rounded text
    assert table.loc["low_day", "value"] == "2025-08-01"
    assert table.loc["not_yet", "value"] is None and table.loc["not_yet", "text"] == "n/a"
    output = nb.cells[0].outputs[0]
    assert output.metadata["scrapbook"] == {"name": "iwm_2025", "mime_prefix": ""}  # myst-nb's glue reads this
    assert output.data["text/plain"] == "12.7%"
    assert output.data["text/markdown"] == "IWM total return, 2025: **12.7%**"


def test_myst_nb_glue_finds_every_recorded_figure():
    from myst_nb.ext.glue import extract_glue_data

    nb = recorded_notebook(sample_figures())
    glued = extract_glue_data(nb, [0], logger=None)
    assert set(glued) == {"iwm_2025", "low_day", "beta", "verdict_x", "not_yet", "no_date"}
    assert glued["beta"]["data"]["text/plain"] == "-1.16"


def test_slug_names_families_of_figures():
    assert KeyFigures.slug("verdict", "IWM_6PCT_JAN6") == "verdict_iwm_6pct_jan6"
    assert KeyFigures.slug("published discount", "S&P SmallCap 600", pd.Timestamp("2025-12-02")) == (
        "published_discount_sp_smallcap_600_20251202"
    )
    assert KeyFigures.slug("2025") == "x_2025"


def test_every_units_default_format_works():
    for units, (fmt, _) in keyfigures.UNITS.items():
        value = pd.Timestamp("2026-01-02") if units == "date" else "supported" if units in ("verdict", "text") else 1.5
        assert keyfigures.format_value(value, fmt)
        assert not math.isnan(len(keyfigures.format_value(value, fmt)))
