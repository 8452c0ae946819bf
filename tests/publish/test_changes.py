"""The changes report: data on both sides, verdict changes first, one row per figure with its difference."""

import nbformat
import pandas as pd

from helpers.notebook import keyfigures
from helpers.notebook.keyfigures import KeyFigures
from helpers.publish import changes


def executed(key: KeyFigures, digest: str, as_of=None, last="2026-06-30") -> nbformat.NotebookNode:
    outputs = [
        nbformat.v4.new_output("display_data", data=d, metadata=m)
        for d, m in (keyfigures.output_bundle(f) for f in key.figures())
    ]
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("", outputs=outputs, metadata={"tags": ["key-figures"]})]
    )
    nb.metadata["helpers"] = {"run": {"mode": "real", "digest": digest, "as_of": as_of, "last_observation": last}}
    return nb


def figures(iwm: float, low: str, verdict: str, extra: bool = False) -> KeyFigures:
    key = KeyFigures()
    key.add("iwm", iwm, "fraction", "IWM return")
    key.add("low_day", pd.Timestamp(low), "date", "low")
    key.add("cuts", 6, "count", "cuts")
    key.add("verdict_a", verdict, "verdict", "A: a claim")
    if extra:
        key.add("new_one", 1.0, "coefficient", "added later")
    return key


def test_compare_lists_verdict_changes_first_and_every_figure():
    before = {"06_x": executed(figures(0.127, "2025-08-01", "supported"), "aaa")}
    after = {
        "06_x": executed(
            figures(0.1312, "2025-08-04", "contradicted", extra=True), "bbb", as_of="2026-03-31", last="2026-03-31"
        )
    }
    report = changes.compare(before, after, "committed", "this run")
    assert report["before"]["digest"] == "aaa" and report["after"]["digest"] == "bbb"
    assert report["after"]["as_of"] == "2026-03-31"
    assert [r["name"] for r in report["verdict_changes"]] == ["verdict_a"]
    assert (
        report["verdict_changes"][0]["before"] == "supported"
        and report["verdict_changes"][0]["after"] == "contradicted"
    )
    rows = {r["name"]: r for r in report["figures"]}
    assert set(rows) == {"iwm", "low_day", "cuts", "verdict_a", "new_one"}
    assert abs(rows["iwm"]["difference"] - 0.42) < 1e-9 and rows["iwm"]["difference_units"] == "pp"
    assert rows["low_day"]["difference"] == 3
    assert rows["cuts"]["changed"] is False and rows["cuts"]["difference"] == 0
    assert rows["new_one"]["before"] is None and rows["new_one"]["changed"]
    assert report["summary"] == {
        "figures": 5,
        "changed": 4,
        "verdicts": 1,
        "verdicts_changed": 1,
        "became_observable": 0,
        "figures_became_available": 1,
    }
    md = changes.to_markdown(report)
    assert md.index("verdicts that changed") < md.index("## Key figures")
    assert "| A: a claim | supported | contradicted |" in md
    assert "+0.42 pp" in md and "+3 days" in md


def test_a_comparison_across_the_articles_date_says_which_claims_became_observable():
    early = figures(0.127, "2025-08-01", "not yet observable")
    early_missing = KeyFigures()
    early_missing.add("lead", None, "fraction", "IWM minus IWB since the articles")
    late_missing = KeyFigures()
    late_missing.add("lead", 0.124, "fraction", "IWM minus IWB since the articles")
    before = {
        "06_x": executed(early, "a", as_of="2025-12-15"),
        "07_y": executed(early_missing, "a", as_of="2025-12-15"),
    }
    after = {"06_x": executed(figures(0.127, "2025-08-01", "supported"), "a"), "07_y": executed(late_missing, "a")}
    report = changes.compare(before, after, "as of 2025-12-15", "all data held")
    assert report["became_observable"] == ["verdict_a"] and report["summary"]["figures_became_available"] == 1
    assert "were not yet observable on the first side and are judged on the second: verdict_a" in changes.to_markdown(
        report
    )


def test_a_rounding_difference_is_not_a_change():
    before = {"01": executed(figures(0.12701, "2025-08-01", "supported"), "a")}
    after = {"01": executed(figures(0.12704, "2025-08-01", "supported"), "b")}
    report = changes.compare(before, after)
    assert report["summary"]["changed"] == 0


def test_write_gives_json_and_markdown(tmp_path):
    report = changes.compare({}, {"01": executed(figures(0.1, "2025-01-02", "supported"), "b")})
    json_path, md_path = changes.write(report, tmp_path)
    assert json_path.exists() and md_path.read_text().startswith("# What changed")


def test_the_committed_notebooks_share_one_published_digest():
    assert changes.published_digest()
