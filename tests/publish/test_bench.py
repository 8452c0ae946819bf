"""`make bench QUICK=1` runs in seconds and writes both reports, so the benchmark target cannot rot."""

import json
import subprocess

import pytest

from helpers.data import paths
from helpers.publish import bench

pytestmark = pytest.mark.slow  # executes notebooks, builds the book or times processes: left out of make unit


def test_quick_bench_through_make(tmp_path):
    result = subprocess.run(["make", "bench", "QUICK=1", f"BENCH_OUT={tmp_path}"], cwd=paths.PROJECT_ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "bench.json").read_text())
    assert report["quick"] is True
    scaling = report["figures"]["scaling"]
    assert set(scaling["helpers"]) == {"rolling_betas", "event_study", "monthly_smb"}
    for by_factor in scaling["helpers"].values():
        assert {"1x", "4x"} <= set(by_factor)
        assert all(v["median"] > 0 and v["min"] <= v["median"] <= v["max"] for v in by_factor.values())
    assert set(report["goals"]) == set(bench.GOALS)
    markdown = (tmp_path / "bench.md").read_text()
    assert "# Benchmark (quick)" in markdown and "How the heaviest helpers grow" in markdown


def test_extension_repeats_the_history_on_a_longer_calendar():
    import pandas as pd

    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0]}, index=pd.bdate_range("2026-01-05", periods=3))
    longer = bench._extend(frame, 4)
    assert len(longer) == 12 and longer.index[-1] == frame.index[-1]
    assert longer["x"].tolist() == [1.0, 2.0, 3.0] * 4
    assert longer.index.is_monotonic_increasing
