"""Executing the notebooks: ``make run`` (copies and HTML under ``reports/``) and
``make publish`` (in place, real data only).

Parameters go in through papermill's parameter injection: the cell tagged
``parameters`` keeps its defaults and an ``injected-parameters`` cell after it
sets the run's values (the as-of date). Execution uses nbclient with a fixed
kernel; the as-of date is also exported as ``HELPERS_AS_OF`` so every loader
in the kernel honours it.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from . import load, paths, provenance, report, store
from .errors import HelpersError, SampleDataRefusedError

KERNEL = "python3"
TEMPLATES = Path(__file__).parent / "templates"
TIMEOUT_SECONDS = 600


@dataclass
class Executed:
    name: str
    seconds: float
    notebook: nbformat.NotebookNode
    error: str | None = None  # the failing cell's error, if execution stopped


def notebook_paths() -> list[Path]:
    """The collection's numbered notebooks, in order."""
    return sorted(paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def execute(path: Path, as_of: str | None = None, record_timing: bool = False, extra_env: dict | None = None) -> Executed:
    """Run a notebook top to bottom in a fresh kernel and return the executed copy.

    The kernel gets this process's environment plus ``HELPERS_AS_OF`` (when
    ``as_of`` is given) and ``extra_env``; nothing global is changed, so
    several notebooks can run at once.
    """
    if as_of:
        # papermill's loader adds the metadata its parameter injection expects
        nb = parameterize_notebook(load_notebook_node(str(path)), {"AS_OF": str(as_of)}, report_mode=False)
    else:
        nb = nbformat.read(path, as_version=4)
    env = {**os.environ, **(extra_env or {})}
    if as_of:
        env["HELPERS_AS_OF"] = str(as_of)
    started = time.perf_counter()
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        # the kernel's own warnings (e.g. about local TCP) are noise in a report run
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        timeout=TIMEOUT_SECONDS,
        record_timing=record_timing,
        resources={"metadata": {"path": str(path.parent)}},
    )
    error = None
    try:
        client.execute(env=env)
    except CellExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue}"
    return Executed(path.stem, time.perf_counter() - started, nb, error)


def _selected(names: list[str] | None) -> list[Path]:
    """The notebooks named (by stem or file name), or all of them."""
    return [p for p in notebook_paths() if not names or p.stem in names or p.name in names]


def default_jobs() -> int:
    """Notebooks run at once: ``HELPERS_JOBS`` if set, else 2 (or 1 on a one-core machine)."""
    return int(os.environ.get("HELPERS_JOBS") or min(2, os.cpu_count() or 1))


def _run_many(selected: list[Path], jobs: int, **kwargs) -> list[Executed]:
    if jobs <= 1 or len(selected) <= 1:
        return [execute(path, **kwargs) for path in selected]
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # each notebook runs in its own kernel process
        return list(pool.map(lambda path: execute(path, **kwargs), selected))


def to_html(nb: nbformat.NotebookNode) -> str:
    """A self-contained HTML page of an executed notebook (figures embedded as data URIs)."""
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    body, _ = exporter.from_notebook_node(nb)
    return body


def run_all(as_of: str | None = None, names: list[str] | None = None, out_dir: Path | None = None, log=print,
            jobs: int | None = None, render: bool = True) -> list[Executed]:
    """Execute every notebook into ``reports/notebooks/`` and render ``reports/<name>.html``, then the index.

    The committed notebooks are not touched. ``render=False`` skips the HTML pages (the executed copies and
    the index are still written).
    """
    out_dir = out_dir or paths.reports_dir()
    (out_dir / "notebooks").mkdir(parents=True, exist_ok=True)
    if load.data_mode() == "sample":
        log(
            "No data held in data/raw: running on the SYNTHETIC SAMPLE (not market data). "
            "For real data: `make data FROM=DIR` (a folder of exports) or `make data` (network and FRED_API_KEY)."
        )
    selected = _selected(names)
    done = _run_many(selected, jobs or default_jobs(), as_of=as_of)
    for path, result in zip(selected, done):
        nbformat.write(result.notebook, out_dir / "notebooks" / path.name)
        if render:
            (out_dir / f"{path.stem}.html").write_text(to_html(result.notebook), encoding="utf-8")
        status = f"FAILED ({result.error})" if result.error else "executed"
        log(f"{path.stem}: {status} in {result.seconds:.1f} s -> {paths.display_path(out_dir / (path.stem + '.html'))}")
    if done:
        index = report.write_index(done, out_dir, as_of=as_of)
        log(f"index: {paths.display_path(index)}")
    return done


def publish(names: list[str] | None = None, log=print) -> list[Executed]:
    """Re-execute the committed notebooks in place on the real data held; refuses on the sample."""
    if load.data_mode() == "sample":
        raise SampleDataRefusedError(
            "refusing to publish: only the synthetic sample is available, and committed notebooks must "
            "show real results. Import real data first: make data FROM=../shared/data/snapshot"
        )
    if os.environ.get("HELPERS_AS_OF"):
        raise HelpersError("refusing to publish with HELPERS_AS_OF set: committed notebooks use all data held")
    selected = _selected(names)
    done = _run_many(selected, default_jobs())
    for path, result in zip(selected, done):
        if result.error:
            log(f"{path.stem}: FAILED ({result.error}); the committed notebook was left as it was")
        else:
            # what the outputs were made from: checked by tests/test_committed_notebooks.py
            result.notebook.metadata["helpers"] = {
                "code_sha256": provenance.code_hash(result.notebook),
                "manifest_digest": store.manifest_digest(),
            }
            nbformat.write(result.notebook, path)
            log(f"{path.stem}: executed in place in {result.seconds:.1f} s")
    return done
