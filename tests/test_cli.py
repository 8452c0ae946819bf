"""The command line, run as a user runs it (a subprocess with the project's Python)."""

import os
import subprocess
import sys

import pytest

from conftest import SMALL_FOLDER, raw_file, write_folder
from helpers import cli
from helpers.data import paths


def run_cli(args, data_dir, **env):
    environment = {**os.environ, "HELPERS_DATA_DIR": str(data_dir), **env}
    environment.pop("HELPERS_AS_OF", None)
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args], capture_output=True, text=True, env=environment,
        cwd=paths.PROJECT_ROOT, timeout=120,
    )


def test_status_on_the_sample_says_so_and_how_to_get_real_data(data_dir):
    result = run_cli(["status"], data_dir)
    assert result.returncode == 0, result.stderr
    assert "SYNTHETIC SAMPLE — not market data" in result.stdout
    assert "make data FROM=DIR" in result.stdout
    lines = [line for line in result.stdout.splitlines() if line.strip().startswith("IWM ")]
    assert lines and "sample" in lines[0]


def test_import_then_status_lists_real_last_dates(data_dir, tmp_path):
    folder = write_folder(tmp_path / "exports", SMALL_FOLDER)
    result = run_cli(["data", "--from", str(folder), "--quiet"], data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "stored 7 series" in result.stdout
    status = run_cli(["status"], data_dir)
    assert "Data in use: real (7 series held" in status.stdout
    iwm = next(line for line in status.stdout.splitlines() if line.strip().startswith("IWM "))
    assert "2024-01-05" in iwm and "real" in iwm and "ok" in iwm
    dff = next(line for line in status.stdout.splitlines() if line.strip().startswith("DGS10 "))
    assert "missing" in dff


def test_status_exits_non_zero_and_names_a_changed_file(data_dir, tmp_path):
    folder = write_folder(tmp_path / "exports", SMALL_FOLDER)
    run_cli(["data", "--from", str(folder), "--quiet"], data_dir)
    raw_file(data_dir, "fred/DGS2.csv").write_text("observation_date,DGS2\n")
    status = run_cli(["status"], data_dir)
    assert status.returncode == 1
    assert "edited or truncated" in status.stdout and "ONLY=DGS2" in status.stdout


def test_download_without_key_exits_2_with_the_fix(data_dir):
    result = run_cli(["data", "--quiet"], data_dir, FRED_API_KEY="")
    assert result.returncode == 2
    assert "FRED_API_KEY" in result.stderr and "make data FROM=DIR" in result.stderr


@pytest.mark.parametrize("date, says", [
    ("yesterday", "is not a date: write it as YYYY-MM-DD"),
    ("2026-13-01", "is not a calendar date"),
    ("1990-01-01", "is before the data the collection needs"),
    ("2099-01-01", "is after the data held"),
])
def test_a_bad_as_of_date_is_refused_in_one_line_before_anything_runs(data_dir, tmp_path, monkeypatch, capsys, date, says):
    reports = tmp_path / "reports"
    monkeypatch.setenv("HELPERS_REPORTS_DIR", str(reports))
    for argv in (["run", "--as-of", date], ["compare", "--before", date]):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and says in err[0] and "Traceback" not in err[0]
    assert not reports.exists()  # nothing executed, no changes report for a run that did not happen


def test_grade_refuses_other_data_with_exit_2_and_one_line(data_dir, tmp_path):
    """No class data held (only the sample): `make grade` says so in one line and grades nothing."""
    (tmp_path / "class" / "alice").mkdir(parents=True)
    result = run_cli(["grade", "--submissions", str(tmp_path / "class"), "--out", str(tmp_path / "grades")], data_dir)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "ALLOW_OTHER_DATA=1" in result.stderr, result.stderr
    assert not (tmp_path / "grades").exists()
