from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

import helpers
from helpers.data import refresh, sample
from helpers.notebook import figures


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def test_sample_figures_carry_the_watermark_and_caption(data_dir):
    helpers.setup_notebook(banner=False)
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    figures.finish(fig, source="test", through="2026-06-30")
    texts = _texts(fig)
    assert sample.LABEL in texts  # the watermark
    caption = next(t for t in texts if t.startswith("Source: test."))
    assert "Data through 2026-06-30." in caption and sample.LABEL in caption
    plt.close(fig)


def test_real_figures_have_no_watermark_and_show_the_as_of(data_dir, small_folder):
    refresh.import_folder(small_folder, progress=False)
    helpers.setup_notebook(as_of="2024-01-03", banner=False)
    fig, ax = plt.subplots()
    figures.finish(fig, source="FRED")
    assert _texts(fig) == ["Source: FRED. As-of date 2024-01-03."]
    plt.close(fig)


def test_event_markers_are_drawn_inside_the_axis_only():
    fig, ax = plt.subplots()
    days = pd.date_range("2025-01-01", "2025-12-31", freq="B")
    ax.plot(days, range(len(days)))
    decisions = pd.DataFrame(
        {"decision": ["cut", "hold", "cut"]}, index=pd.to_datetime(["2025-09-17", "2025-07-30", "2026-03-01"])
    )
    figures.mark_fomc(ax, decisions)
    figures.mark_year_starts(ax, days)
    labels = [line.get_label() for line in ax.get_lines()[1:]]
    assert labels == ["FOMC cut", "FOMC hold", "first trading day of the year"]  # one line each, one label each
    plt.close(fig)


def test_show_table_caption_names_the_sample(data_dir):
    styled = helpers.show_table(pd.DataFrame({"r": [0.05]}), "Returns", percent=["r"])
    html = styled.to_html()
    assert "Returns — SYNTHETIC SAMPLE — not market data" in html and "5.0%" in html


def test_the_interval_in_the_robustness_titles_is_read_from_the_one_significance_level():
    assert figures.INTERVAL == "estimate and 95% interval"
    source = "\n".join(p.read_text() for p in sorted((Path(__file__).parents[2] / "notebooks").glob("*.md")))
    assert '95% interval"' not in source and "95% interval per row" not in source  # no literal level in a title
