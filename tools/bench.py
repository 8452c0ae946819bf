#!/usr/bin/env python
"""``make bench``: how long the collection takes, against its floor, written to reports/bench.json and bench.md.

A tool of the repository, not of the installed package: it times the project's own commands (``make setup``,
``make unit``, ``make test``) from the project folder, with the project's environment (``make bench`` runs it with
``.venv/bin/python``).

    python tools/bench.py [--quick] [--runs N] [--snapshot DIR] [--out DIR]

Every figure is the median of several runs, with min and max. Whole commands
(setup, import, rebuild, ``make unit``, ``make test``) are timed as processes; notebooks are
executed in fresh kernels one at a time, and each kernel reports its own peak
memory. The floor is the same number of notebooks that only import helpers and
the stack: what a notebook costs before it does anything. The import is timed on
the folder ``--snapshot`` names (``make bench SNAPSHOT=DIR``; the Makefile's default
is ../shared/data/snapshot); without one those figures are skipped.

``--quick`` (``make bench QUICK=1``) measures a few cheap figures in seconds,
so the target is exercised by the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data import catalog, generations, paths, processed
from helpers.data.parsers import parse_file

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the folder holding the Makefile

# The floor: a kernel that imports what every notebook imports (helpers, pandas, matplotlib, seaborn through
# the figure style) and sets up, then stops. Notebooks that regress also import statsmodels: that is theirs.
FLOOR_SOURCE = """import numpy, pandas, matplotlib.pyplot
import helpers
from IPython.display import Markdown, display
ctx = helpers.setup_notebook(banner=False)"""
PEAK_MEMORY_SOURCE = "import resource; print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
GOALS = {
    "worst_notebook_over_floor": ("the slowest notebook, over the floor", 1.5, "at most"),
    "warm_over_cold_run": ("make run with nothing changed, over a cold make run", 0.15, "at most"),
    "book_build_s": ("building the book from executed notebooks, seconds", 10.0, "at most"),
    "load_speedup": ("loading processed tables, times faster than parsing raw", 10.0, "at least"),
    "make_unit_s": ("make unit (the fast tier) after setup, seconds", 30.0, "at most"),
    "make_test_s": ("make test after setup, seconds", 90.0, "at most"),
    "scaling_16x_per_obs_ratio": ("time per observation at 16x history over 1x (worst helper)", 1.5, "at most"),
}


def _summary(values: list[float], unit: str = "s") -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values, "unit": unit}


def _timed_process(command: list[str], env: dict | None = None, cwd: Path | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        command, env={**os.environ, **(env or {})}, cwd=cwd or PROJECT_ROOT, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
    return elapsed


def measure_setup(runs: int) -> dict:
    """`make setup` into a new venv from the warm package cache (uv, bytecode compiled at install)."""
    times = []
    for _ in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="bench-venv-"))
        try:
            times.append(_timed_process(["make", "setup", f"VENV={folder / 'venv'}"]))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return _summary(times)


def measure_import(snapshot: Path, runs: int, only: list[str] | None = None) -> tuple[dict, dict, Path]:
    """`helpers data --from` into a fresh data folder, and `helpers build --force` on it; returns the last folder."""
    imports, builds = [], []
    folder = None
    for _ in range(runs):
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        folder = Path(tempfile.mkdtemp(prefix="bench-data-"))
        env = {"HELPERS_DATA_DIR": str(folder)}
        command = [sys.executable, "-m", "helpers", "data", "--from", str(snapshot), "--quiet"]
        if only:
            command += ["--only", *only]
        imports.append(_timed_process(command, env))
        builds.append(_timed_process([sys.executable, "-m", "helpers", "build", "--force"], env))
    return _summary(imports), _summary(builds), folder


def measure_load_vs_parse(data_folder: Path, runs: int) -> dict:
    """In-process: read every processed table (Parquet) against parsing every raw file."""
    previous = os.environ.get("HELPERS_DATA_DIR")
    os.environ["HELPERS_DATA_DIR"] = str(data_folder)
    try:
        generation = generations.current()
        manifest = generations.read_manifest(generation)["files"]
        load_times, parse_times = [], []
        for _ in range(runs):
            started = time.perf_counter()
            for name in processed.TABLES:
                processed.read(name)
            load_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            for key, record in manifest.items():
                raw = generation.path(record["path"])
                parse_file(catalog.get(key), raw.read_bytes(), record["path"])
            parse_times.append(time.perf_counter() - started)
    finally:
        if previous is None:
            os.environ.pop("HELPERS_DATA_DIR", None)
        else:
            os.environ["HELPERS_DATA_DIR"] = previous
    load, parse = _summary(load_times), _summary(parse_times)
    return {
        "load_processed": load,
        "parse_raw": parse,
        "speedup": parse["median"] / load["median"],
        "files": len(manifest),
    }


def _with_memory_probe(path: Path | None, source: str | None = None) -> Path:
    import nbformat

    nb = (
        nbformat.read(path, as_version=4)
        if path
        else nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    )
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_MEMORY_SOURCE))
    folder = Path(tempfile.mkdtemp(prefix="bench-nb-"))
    target = folder / (path.name if path else "floor.ipynb")
    nbformat.write(nb, target)
    return target


def _run_notebook(path: Path) -> tuple[float, float]:
    from helpers.publish import execute  # nbclient, nbconvert and papermill: imported only when notebooks are timed

    result = execute.execute(path)
    if result.error:
        raise RuntimeError(f"{path.name} failed during the benchmark: {result.error}")
    text = "".join(o.get("text", "") for o in result.notebook.cells[-1].get("outputs", []))
    peak_kb = float(text.split("PEAK_RSS_KB")[1].split()[0]) if "PEAK_RSS_KB" in text else float("nan")
    return result.seconds, peak_kb / 1024


def measure_notebooks(runs: int) -> dict:
    """Each notebook in a fresh kernel, one at a time, against the floor notebook; peak memory per kernel (MB)."""
    from helpers.publish import execute

    out = {"notebooks": {}, "memory_mb": {}}
    floor_path = _with_memory_probe(None, FLOOR_SOURCE)
    probes = {path.stem: _with_memory_probe(path) for path in execute.notebook_paths()}
    floors, floor_memory = [], []
    times: dict[str, list] = {name: [] for name in probes}
    memory: dict[str, list] = {name: [] for name in probes}
    for _ in range(runs):  # interleaved, so drift in the machine's speed hits floor and notebooks alike
        seconds, peak = _run_notebook(floor_path)
        floors.append(seconds)
        floor_memory.append(peak)
        for name, probe in probes.items():
            seconds, peak = _run_notebook(probe)
            times[name].append(seconds)
            memory[name].append(peak)
    out["floor"] = _summary(floors)
    out["memory_mb"]["floor"] = _summary(floor_memory, "MB")
    for name in probes:
        out["notebooks"][name] = _summary(times[name])
        out["memory_mb"][name] = _summary(memory[name], "MB")
    total = sum(v["median"] for v in out["notebooks"].values())
    out["all_notebooks_s"] = total
    out["floor_all_s"] = out["floor"]["median"] * len(out["notebooks"])
    out["ratio"] = total / out["floor_all_s"]
    out["worst"] = max(out["notebooks"], key=lambda name: out["notebooks"][name]["median"])
    out["worst_ratio"] = out["notebooks"][out["worst"]]["median"] / out["floor"]["median"]
    return out


def measure_run(runs: int) -> dict:
    """`python -m helpers run` as a whole process: cold (empty reports folder, nothing cached: every notebook
    executed, the book built) and warm (the same command again, nothing changed)."""
    cold, warm = [], []
    for _ in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="bench-reports-"))
        env = {"HELPERS_REPORTS_DIR": str(folder)}
        try:
            cold.append(_timed_process([sys.executable, "-m", "helpers", "run"], env))
            warm.append(_timed_process([sys.executable, "-m", "helpers", "run"], env))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    out = {"cold": _summary(cold), "warm": _summary(warm)}
    out["warm_over_cold"] = out["warm"]["median"] / out["cold"]["median"]
    return out


def measure_book(runs: int) -> dict:
    """Building the book from the executed notebooks into an empty folder (in process, Sphinx imported once)."""
    import nbformat

    from helpers.publish import book, changes, execute, stamps

    notebooks = {p.stem: nbformat.read(p, as_version=4) for p in execute.notebook_paths()}
    data = stamps.identity_of_runs(notebooks)
    times = []
    for _ in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="bench-book-"))
        try:
            started = time.perf_counter()
            book.build(notebooks, data, changes.published_digest(), out_dir=folder)
            times.append(time.perf_counter() - started)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return _summary(times)


def measure_make(target: str, runs: int) -> dict:
    """``make <target>`` as a whole process (``unit``: the fast tier; ``test``: every test)."""
    return _summary([_timed_process(["make", target]) for _ in range(runs)])


# ----------------------------------------------------------------------------- scaling of the heaviest helpers


def _extend(frame: pd.DataFrame, factor: int) -> pd.DataFrame:
    """``factor`` copies of a daily history end to end on a business-day calendar (the real one is the last copy)."""
    values = np.tile(frame.to_numpy(), (factor, 1))
    # second resolution: sixteen times a century of business days reaches back before 1677, nanoseconds' limit
    index = pd.bdate_range(end=frame.index[-1], periods=len(values), unit="s")
    return pd.DataFrame(values, index=index, columns=frame.columns)


def scaling_inputs(base_days: int | None = None) -> pd.DataFrame:
    """Daily IWM-IWB, SPY and ΔDGS2 (percent, pp) and SMB (fraction) on the data in use: the 1x history."""
    from helpers.analysis import regression as reg
    from helpers.data import load

    prices = reg.returns_at(load.load_prices(["IWM", "IWB", "SPY"]))
    changes = reg.changes_at(load.load_fred(["DGS2"]))
    smb = load.load_factors("daily", columns=["SMB"]) / 100
    frame = reg.join(prices, changes, smb).dropna()
    frame["IWM-IWB (%)"] = frame["IWM (%)"] - frame["IWB (%)"]
    frame = frame[["IWM-IWB (%)", "SPY (%)", "ΔDGS2 (pp)", "SMB"]]
    return frame.iloc[-base_days:] if base_days else frame


def measure_scaling(runs: int, factors=(1, 4, 16), base_days: int | None = None) -> dict:
    """Time per observation of rolling betas, the event study and the monthly SMB table at growing history."""
    from helpers.analysis import regression as reg, stats
    from helpers.analysis.returns import compound

    def rolling(data):
        reg.rolling_betas(data["IWM-IWB (%)"], data[["SPY (%)", "ΔDGS2 (pp)"]], window=252)

    def event_study(data, event_dates):
        reg.event_study(data["IWM-IWB (%)"], event_dates, window=(0, 1), model="market", market=data["SPY (%)"])

    def monthly_smb(data):
        monthly = compound(data["SMB"], "ME")
        monthly.groupby(monthly.index.month).agg(["mean", "median", "count"])
        stats.calendar_month_effect(monthly, month=1, starts=(str(data.index[0].year),))

    base = scaling_inputs(base_days)
    results: dict = {}
    for factor in factors:
        data = _extend(base, factor)
        n = len(data)
        # events: one every 30 trading days, like eight FOMC meetings a year
        event_dates = data.index[300::30]
        timed = (
            ("rolling_betas", partial(rolling, data)),
            ("event_study", partial(event_study, data, event_dates)),
            ("monthly_smb", partial(monthly_smb, data)),
        )
        for name, fn in timed:
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                fn()
                times.append(time.perf_counter() - started)
            summary = _summary(times)
            summary["observations"] = n
            summary["us_per_observation"] = summary["median"] / n * 1e6
            results.setdefault(name, {})[f"{factor}x"] = summary
    ratios = {}
    for name, by_factor in results.items():
        first, last = by_factor[f"{factors[0]}x"], by_factor[f"{factors[-1]}x"]
        ratios[name] = last["us_per_observation"] / first["us_per_observation"]
    return {"helpers": results, "per_observation_ratio": ratios, "factors": list(factors)}


# ----------------------------------------------------------------------------- report


def _goal_rows(figures: dict, quick: bool) -> dict:
    values = {
        "worst_notebook_over_floor": figures.get("notebooks", {}).get("worst_ratio"),
        "warm_over_cold_run": figures.get("run", {}).get("warm_over_cold"),
        "book_build_s": figures.get("book", {}).get("median"),
        "load_speedup": figures.get("load_vs_parse", {}).get("speedup"),
        "make_unit_s": figures.get("make_unit", {}).get("median"),
        "make_test_s": figures.get("make_test", {}).get("median"),
        "scaling_16x_per_obs_ratio": max(figures["scaling"]["per_observation_ratio"].values())
        if "scaling" in figures
        else None,
    }
    rows = {}
    for key, (label, goal, kind) in GOALS.items():
        value = values[key]
        # the quick form measures small inputs: its figures are shown but not judged against the goals
        met = None if value is None or quick else (value <= goal if kind == "at most" else value >= goal)
        rows[key] = {"label": label, "goal": goal, "kind": kind, "value": value, "met": met}
    return rows


def _fmt(summary: dict, digits: int = 2) -> str:
    return f"{summary['median']:.{digits}f} ({summary['min']:.{digits}f}–{summary['max']:.{digits}f})"


def to_markdown(report: dict) -> str:
    f = report["figures"]
    lines = [
        f"# Benchmark ({'quick' if report['quick'] else 'full'})",
        "",
        f"Generated {report['generated']} on {report['machine']['cpus']} CPUs, Python {report['machine']['python']}, "
        f"{report['runs']} run(s) per figure; each figure is the median (min–max), in seconds unless stated.",
        "",
    ]
    lines += ["## Goals", ""]
    if report["quick"]:
        lines += ["Quick form: small inputs, one run; the figures are not judged against the goals.", ""]
    lines += ["| goal | target | measured | met |", "| --- | --- | --- | --- |"]
    for row in report["goals"].values():
        value = "not measured" if row["value"] is None else f"{row['value']:.2f}"
        met = "–" if row["met"] is None else ("yes" if row["met"] else "**no**")
        lines.append(f"| {row['label']} | {row['kind']} {row['goal']:g} | {value} | {met} |")
    lines += ["", "## Whole commands", "", "| step | seconds |", "| --- | --- |"]
    rows = [
        ("setup", "make setup into a new .venv (warm cache)"),
        ("import", "import the snapshot folder"),
        ("rebuild", "rebuild data/processed"),
        ("book", "build the book from the executed notebooks"),
        ("make_unit", "make unit"),
        ("make_test", "make test"),
    ]
    for key, label in rows:
        if key in f:
            lines.append(f"| {label} | {_fmt(f[key])} |")
    if "run" in f:
        lines.append(f"| make run, cold (every notebook executed, the book built) | {_fmt(f['run']['cold'])} |")
        lines.append(f"| make run, warm (nothing changed) | {_fmt(f['run']['warm'])} |")
    if "load_vs_parse" in f:
        lp = f["load_vs_parse"]
        lines += [
            "",
            "## Processed tables against raw files",
            "",
            f"Reading the {len(processed.TABLES)} Parquet tables: {_fmt(lp['load_processed'], 3)} s; parsing the "
            f"{lp['files']} raw CSV files: {_fmt(lp['parse_raw'], 3)} s; **{lp['speedup']:.0f}x** faster.",
        ]
    if "notebooks" in f:
        nbs = f["notebooks"]
        lines += [
            "",
            "## Notebooks against the floor",
            "",
            f"Floor (kernel start plus importing helpers and the stack): {_fmt(nbs['floor'])} s, peak memory "
            f"{nbs['memory_mb']['floor']['median']:.0f} MB.",
            "",
            "| notebook | seconds | over floor | peak memory (MB) |",
            "| --- | --- | --- | --- |",
        ]
        for name, summary in nbs["notebooks"].items():
            lines.append(
                f"| {name} | {_fmt(summary)} | {summary['median'] / nbs['floor']['median']:.2f} | "
                f"{nbs['memory_mb'][name]['median']:.0f} |"
            )
        lines.append(f"| **all** | {nbs['all_notebooks_s']:.2f} | **{nbs['ratio']:.2f}** | |")
    if "scaling" in f:
        sc = f["scaling"]
        lines += [
            "",
            "## How the heaviest helpers grow with history",
            "",
            "Time per observation (microseconds) on the real daily history repeated end to end.",
            "",
            "| helper | " + " | ".join(f"{k}x" for k in sc["factors"]) + " | ratio last/first |",
            "| --- | " + " | ".join("---" for _ in sc["factors"]) + " | --- |",
        ]
        for name, by_factor in sc["helpers"].items():
            cells = " | ".join(
                f"{by_factor[f'{k}x']['us_per_observation']:.2f} (n={by_factor[f'{k}x']['observations']:,})"
                for k in sc["factors"]
            )
            lines.append(f"| {name} | {cells} | {sc['per_observation_ratio'][name]:.2f} |")
    return "\n".join(lines) + "\n"


def run(
    quick: bool = False, runs: int = 3, snapshot: Path | None = None, out_dir: Path | None = None, log=print
) -> dict:
    """Measure and write ``bench.json`` and ``bench.md`` to ``out_dir`` (default ``reports/``); the import is timed
    on the folder ``snapshot`` (none given: skipped)."""
    out_dir = Path(out_dir or paths.reports_dir())
    out_dir.mkdir(parents=True, exist_ok=True)
    runs = 1 if quick else runs
    figures: dict = {}
    if not quick:
        log("setup into a new .venv ...")
        figures["setup"] = measure_setup(runs)
    if snapshot and Path(snapshot).is_dir():
        snapshot = Path(snapshot)
        log("import and rebuild ...")
        only = ["IWM", "DGS2"] if quick else None
        figures["import"], figures["rebuild"], data_folder = measure_import(snapshot, runs, only)
        figures["load_vs_parse"] = measure_load_vs_parse(data_folder, 3 if quick else max(runs, 5))
        shutil.rmtree(data_folder, ignore_errors=True)
    else:
        where = f"no snapshot at {snapshot}" if snapshot else "no snapshot folder given (--snapshot)"
        log(f"{where}: import, rebuild and load figures skipped")
    if not quick:
        log("notebooks and the floor ...")
        figures["notebooks"] = measure_notebooks(runs)
        log("the book ...")
        figures["book"] = measure_book(runs)
        log("python -m helpers run, cold and warm ...")
        figures["run"] = measure_run(runs)
        log("make unit ...")
        figures["make_unit"] = measure_make("unit", runs)
        log("make test ...")
        figures["make_test"] = measure_make("test", runs)
    log("scaling of the heaviest helpers ...")
    figures["scaling"] = measure_scaling(
        1 if quick else runs, factors=(1, 4) if quick else (1, 4, 16), base_days=400 if quick else None
    )
    report = {
        "generated": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "quick": quick,
        "runs": runs,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "figures": figures,
    }
    report["goals"] = _goal_rows(figures, quick)
    (out_dir / "bench.json").write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")
    (out_dir / "bench.md").write_text(to_markdown(report), encoding="utf-8")
    log(f"wrote {paths.display_path(out_dir / 'bench.json')} and bench.md")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/bench.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few cheap figures in seconds (used by the tests)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is reported)")
    parser.add_argument("--snapshot", help="the import folder to time (make bench passes SNAPSHOT)")
    parser.add_argument("--out", help="folder for bench.json and bench.md (default reports/)")
    args = parser.parse_args(argv)
    report = run(quick=args.quick, runs=args.runs, snapshot=args.snapshot or None, out_dir=args.out)
    missed = [row["label"] for row in report["goals"].values() if row["met"] is False]
    if missed:
        print("goals missed: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
