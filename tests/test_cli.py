"""The command line. One test runs it as a user does (a subprocess with the project's Python); the others call the
same entry point in this process (argv in, exit code and the two streams out), which is the same code without a
second interpreter's start-up."""

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest

from conftest import SMALL_FOLDER, raw_file, write_folder
from helpers import cli
from helpers.data import paths, sample


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_cli(args, data_dir, monkeypatch, **env) -> Result:
    """``python -m helpers ARGS`` in this process, on ``data_dir`` (the data_dir fixture's environment)."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse's own exits
            code = exc.code
    return Result(code or 0, out.getvalue(), err.getvalue())


def test_the_command_runs_as_a_user_runs_it_and_says_when_it_reads_the_sample(data_dir):
    # the sample's saved copy, as any earlier command leaves it (generating it is test_sample's subject): the
    # subprocess reads it instead of spending two seconds generating it again
    sample.cached_tables()
    environment = {**os.environ, "HELPERS_DATA_DIR": str(data_dir)}
    environment.pop("HELPERS_AS_OF", None)
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "status"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=paths.PROJECT_ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "SYNTHETIC SAMPLE — not market data" in result.stdout
    assert "make data FROM=DIR" in result.stdout
    lines = [line for line in result.stdout.splitlines() if line.strip().startswith("IWM ")]
    assert lines and "sample" in lines[0]


def test_import_then_status_lists_real_last_dates(data_dir, tmp_path, monkeypatch):
    folder = write_folder(tmp_path / "exports", SMALL_FOLDER)
    result = run_cli(["data", "--from", str(folder), "--quiet"], data_dir, monkeypatch)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "stored 7 series" in result.stdout
    status = run_cli(["status"], data_dir, monkeypatch)
    assert "Data in use: real (7 series held" in status.stdout
    iwm = next(line for line in status.stdout.splitlines() if line.strip().startswith("IWM "))
    assert "2024-01-05" in iwm and "real" in iwm and "ok" in iwm
    dff = next(line for line in status.stdout.splitlines() if line.strip().startswith("DGS10 "))
    assert "missing" in dff


def test_status_exits_non_zero_and_names_a_changed_file(data_dir, tmp_path, monkeypatch):
    folder = write_folder(tmp_path / "exports", SMALL_FOLDER)
    run_cli(["data", "--from", str(folder), "--quiet"], data_dir, monkeypatch)
    raw_file(data_dir, "fred/DGS2.csv").write_text("observation_date,DGS2\n")
    status = run_cli(["status"], data_dir, monkeypatch)
    assert status.returncode == 1
    assert "edited or truncated" in status.stdout and "ONLY=DGS2" in status.stdout


def test_download_without_key_exits_2_with_the_fix(data_dir, monkeypatch):
    result = run_cli(["data", "--quiet"], data_dir, monkeypatch, FRED_API_KEY="")
    assert result.returncode == 2
    assert "FRED_API_KEY" in result.stderr and "make data FROM=DIR" in result.stderr


@pytest.mark.parametrize(
    "date, says",
    [
        ("yesterday", "is not a date: write it as YYYY-MM-DD"),
        ("2026-13-01", "is not a calendar date"),
        ("1990-01-01", "is before the data the collection needs"),
        ("2099-01-01", "is after the data held"),
    ],
)
def test_a_bad_as_of_date_is_refused_in_one_line_before_anything_runs(
    data_dir, tmp_path, monkeypatch, capsys, date, says
):
    reports = tmp_path / "reports"
    monkeypatch.setenv("HELPERS_REPORTS_DIR", str(reports))
    for argv in (["run", "--as-of", date], ["compare", "--before", date]):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and says in err[0] and "Traceback" not in err[0]
    assert not reports.exists()  # nothing executed, no changes report for a run that did not happen


def test_grade_refuses_other_data_with_exit_2_and_one_line(data_dir, tmp_path, monkeypatch):
    """No class data held (only the sample): `make grade` says so in one line and grades nothing."""
    (tmp_path / "class" / "alice").mkdir(parents=True)
    args = ["grade", "--submissions", str(tmp_path / "class"), "--out", str(tmp_path / "grades")]
    result = run_cli(args, data_dir, monkeypatch)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "ALLOW_OTHER_DATA=1" in result.stderr, result.stderr
    assert not (tmp_path / "grades").exists()
