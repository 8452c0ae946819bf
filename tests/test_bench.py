"""`make bench QUICK=1` runs in seconds and writes both reports, so the benchmark (tools/bench.py, outside the
installed package) cannot rot."""

import importlib.util
import json
import subprocess

import pytest

from helpers.data import paths

BENCH = paths.PROJECT_ROOT / "tools" / "bench.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def small_snapshot(folder):
    """An import folder holding the two series the quick form imports, IWM and DGS2, over 2024."""
    import pandas as pd

    days = pd.bdate_range("2024-01-02", "2024-12-31")
    (folder / "prices").mkdir(parents=True)
    (folder / "fred").mkdir()
    (folder / "prices" / "IWM.csv").write_text(
        "Date,Adj Close\n" + "".join(f"{d:%Y-%m-%d},{190 + i * 0.05:.2f}\n" for i, d in enumerate(days))
    )
    (folder / "fred" / "DGS2.csv").write_text(
        "observation_date,DGS2\n" + "".join(f"{d:%Y-%m-%d},{4.3 - i * 0.001:.3f}\n" for i, d in enumerate(days))
    )
    return folder


@pytest.mark.slow  # runs make and times processes: make test-all only
def test_quick_bench_through_make(tmp_path):
    snapshot = small_snapshot(tmp_path / "snapshot")
    out = tmp_path / "out"
    result = subprocess.run(
        ["make", "bench", "QUICK=1", f"BENCH_OUT={out}", f"SNAPSHOT={snapshot}"],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((out / "bench.json").read_text())
    assert report["quick"] is True
    assert report["figures"]["load_vs_parse"]["files"] == 2  # the folder make's SNAPSHOT named was imported
    assert report["figures"]["import"]["median"] > 0
    scaling = report["figures"]["scaling"]
    assert set(scaling["helpers"]) == {"rolling_betas", "event_study", "monthly_smb"}
    for by_factor in scaling["helpers"].values():
        assert {"1x", "4x"} <= set(by_factor)
        assert all(v["median"] > 0 and v["min"] <= v["median"] <= v["max"] for v in by_factor.values())
    bench = load_bench()
    assert set(report["goals"]) == set(bench.GOALS)
    markdown = (out / "bench.md").read_text()
    assert "# Benchmark (quick)" in markdown and "How the heaviest helpers grow" in markdown
    assert "make unit (the fast tier) after setup, seconds | at most 30" in markdown
    assert "make test after setup, seconds | at most 90" in markdown


def test_the_goals_hold_both_test_tiers():
    bench = load_bench()
    assert bench.GOALS["make_unit_s"][1:] == (30.0, "at most")
    assert bench.GOALS["make_test_s"][1:] == (90.0, "at most")
    rows = bench._goal_rows({"make_unit": {"median": 31.0}, "make_test": {"median": 80.0}}, quick=False)
    assert rows["make_unit_s"]["met"] is False and rows["make_test_s"]["met"] is True
    assert rows["book_build_s"]["met"] is None  # not measured: not judged


def test_the_benchmark_is_not_in_the_installed_package():
    import helpers.publish

    assert not (paths.PROJECT_ROOT / "src" / "helpers" / "publish" / "bench.py").exists()
    assert not hasattr(helpers.publish, "bench")
    from helpers import cli

    assert "bench" not in cli.parser()._subparsers._group_actions[0].choices


def test_extension_repeats_the_history_on_a_longer_calendar():
    import pandas as pd

    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0]}, index=pd.bdate_range("2026-01-05", periods=3))
    longer = load_bench()._extend(frame, 4)
    assert len(longer) == 12 and longer.index[-1] == frame.index[-1]
    assert longer["x"].tolist() == [1.0, 2.0, 3.0] * 4
    assert longer.index.is_monotonic_increasing
