"""Shared by the fault tests: writers run as the user runs them (subprocesses), held or killed at named points."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import cut_snapshot, read_manifest, write_folder
from helpers import caches
from helpers.data import checksums, paths

TICKERS = ["IWM", "IWB", "SPY", "QQQ", "IJR", "XLF", "KRE", "TLT"]
FILES = [f"prices/{t}.csv" for t in TICKERS] + ["fred/DGS2.csv", "indices/RUT.csv"]
OLD_CUT = "2026-05-29"  # the export held before the test's import
NEW_CUT = "2026-06-30"  # the export the test imports (the snapshot's last day)


class Writer:
    """``python -m helpers ARGS`` in a subprocess, its output in files (readable while it runs).

    ``pause_dir``: the folder of the fault hooks (``HELPERS_TEST_HOOKS``, :mod:`helpers.data.testhooks`). ``script``:
    run ``python -c SCRIPT ARGS`` instead (a notebook's loader call). ``file_size_limit``: the largest file the
    process may write, in bytes (``RLIMIT_FSIZE``: a larger write fails with a real ``EFBIG``, as Python
    ignores ``SIGXFSZ``)."""

    def __init__(
        self,
        args: list[str],
        data_dir: Path,
        log_dir: Path,
        pause_dir: Path | None = None,
        script: str | None = None,
        file_size_limit: int | None = None,
        **env,
    ):
        log_dir.mkdir(parents=True, exist_ok=True)
        self.out_path = log_dir / f"out-{time.monotonic_ns()}.txt"
        self.err_path = self.out_path.with_name(self.out_path.name.replace("out-", "err-"))
        environment = {**os.environ, "HELPERS_DATA_DIR": str(data_dir), **env}
        environment.pop("HELPERS_AS_OF", None)
        if pause_dir is not None:
            environment["HELPERS_TEST_HOOKS"] = str(pause_dir)
        command = [sys.executable, "-c", script, *args] if script else [sys.executable, "-m", "helpers", *args]
        limit = (
            None
            if file_size_limit is None
            else (lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit)))
        )
        with open(self.out_path, "w") as out, open(self.err_path, "w") as err:
            self.process = subprocess.Popen(
                command, stdout=out, stderr=err, env=environment, cwd=paths.PROJECT_ROOT, preexec_fn=limit
            )
        self.started = time.monotonic()

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return self.out_path.read_text() + self.err_path.read_text()

    def wait(self, timeout: float = 90) -> int:
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no handler, no cleanup
        self.process.wait(timeout=30)

    def wait_until(self, condition, what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(f"the writer ended (code {self.process.returncode}) before {what}:\n{self.output()}")
            if time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"timed out waiting for {what}:\n{self.output()}")
            time.sleep(0.02)


def hold_at(pause_dir: Path, point: str) -> Path:
    pause_dir.mkdir(parents=True, exist_ok=True)
    hold = pause_dir / f"{point}.hold"
    hold.touch()
    return hold


def reached(pause_dir: Path, point: str):
    return lambda: (pause_dir / f"{point}.reached").exists()


def synthetic_exports(folder: Path) -> Path:
    """Exports of the same files as the snapshot's, made up (business days of 2025-2026), for a clone without
    ../shared: the fault tests then run on them instead of being skipped."""
    import pandas as pd

    days = pd.bdate_range("2025-01-02", NEW_CUT)
    files = {}
    for number, relpath in enumerate(FILES):
        header = {"fred": "observation_date,DGS2", "indices": "Date,Close"}.get(relpath.split("/")[0], "Date,Adj Close")
        rows = [f"{day:%Y-%m-%d},{100.0 + number + 0.01 * i!r}" for i, day in enumerate(days)]
        files[relpath] = "\n".join([header, *rows]) + "\n"
    return write_folder(folder, files)


def make_cuts(snapshot: Path | None, folder: Path) -> dict[str, Path]:
    """The old export (cut at OLD_CUT) and the new one (to NEW_CUT): from the snapshot when it is there."""
    source = snapshot if snapshot is not None else synthetic_exports(folder / "synthetic")
    return {
        "old": cut_snapshot(source, folder / "old", FILES, until=OLD_CUT),
        "new": cut_snapshot(source, folder / "new", FILES),
    }


def last_dates(export: Path) -> dict[str, str]:
    """Last date of every file of an export folder, by catalog key."""
    from helpers.data import catalog

    out = {}
    for relpath in FILES:
        lines = [line for line in (export / relpath).read_text().splitlines()[1:] if line.split(",")[1]]
        out[catalog.by_relpath()[relpath].key] = lines[-1][:10]
    return out


def vintage(data_dir: Path, cuts: dict[str, Path]) -> str:
    """Which whole export the store holds ("old" or "new"), after checking every checksum and the tables;
    fails when the store mixes the two or holds anything half-written."""
    from helpers.data import load, processed

    previous = os.environ.get("HELPERS_DATA_DIR")
    os.environ["HELPERS_DATA_DIR"] = str(data_dir)
    caches.clear()
    try:
        assert checksums.verify() == {}, "a checksum does not hold"
        held = {k: r["last"] for k, r in read_manifest(data_dir)["files"].items()}
        matches = [name for name, folder in cuts.items() if held == last_dates(folder)]
        assert len(matches) == 1, f"the store mixes exports: {held}"
        processed.ensure()
        prices = load.load_prices(TICKERS)
        lasts = {f"{prices[t].last_valid_index():%Y-%m-%d}" for t in TICKERS}
        assert lasts == {last_dates(cuts[matches[0]])["IWM"]}, f"the tables mix exports: {lasts}"
        return matches[0]
    finally:
        caches.clear()
        if previous is None:
            os.environ.pop("HELPERS_DATA_DIR", None)
        else:
            os.environ["HELPERS_DATA_DIR"] = previous


def leftovers(data_dir: Path) -> list[str]:
    """Staging folders, temporary files and generations beyond those kept: what a writer must clean."""
    from helpers.data import store

    found = []
    generations = data_dir / "raw" / "generations"
    if generations.is_dir():
        names = sorted(p.name for p in generations.iterdir())
        found += [n for n in names if n.startswith(".")]
        complete = [n for n in names if not n.startswith(".")]
        if len(complete) > store.KEEP_GENERATIONS:
            found.append(f"{len(complete)} generations kept")
    found += [p.name for p in (data_dir / "raw").glob(".*.tmp")]
    processed = data_dir / "processed"
    if processed.is_dir():
        found += [p.name for p in processed.iterdir() if p.name.startswith(".")]
    return found
