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
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from . import load, paths, provenance, report, store
from .errors import SampleDataRefusedError

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


def execute(path: Path, as_of: str | None = None, record_timing: bool = False) -> Executed:
    """Run a notebook top to bottom in a fresh kernel and return the executed copy."""
    if as_of:
        # papermill's loader adds the metadata its parameter injection expects
        nb = parameterize_notebook(load_notebook_node(str(path)), {"AS_OF": str(as_of)}, report_mode=False)
    else:
        nb = nbformat.read(path, as_version=4)
    previous = os.environ.get("HELPERS_AS_OF")
    if as_of:
        os.environ["HELPERS_AS_OF"] = str(as_of)
    try:
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
            client.execute()
        except CellExecutionError as exc:
            error = f"{exc.ename}: {exc.evalue}"
        seconds = time.perf_counter() - started
    finally:
        if as_of:
            if previous is None:
                os.environ.pop("HELPERS_AS_OF", None)
            else:
                os.environ["HELPERS_AS_OF"] = previous
    return Executed(path.stem, seconds, nb, error)


def to_html(nb: nbformat.NotebookNode) -> str:
    """A self-contained HTML page of an executed notebook (figures embedded as data URIs)."""
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    body, _ = exporter.from_notebook_node(nb)
    return body


def run_all(as_of: str | None = None, names: list[str] | None = None, out_dir: Path | None = None, log=print) -> list[Executed]:
    """Execute every notebook into ``reports/notebooks/`` and render ``reports/<name>.html``.

    The committed notebooks are not touched.
    """
    out_dir = out_dir or paths.reports_dir()
    (out_dir / "notebooks").mkdir(parents=True, exist_ok=True)
    if load.data_mode() == "sample":
        log(
            "No data held in data/raw: running on the SYNTHETIC SAMPLE (not market data). "
            "For real data: `make data FROM=DIR` (a folder of exports) or `make data` (network and FRED_API_KEY)."
        )
    done = []
    for path in notebook_paths():
        if names and path.stem not in names and path.name not in names:
            continue
        result = execute(path, as_of=as_of)
        nbformat.write(result.notebook, out_dir / "notebooks" / path.name)
        (out_dir / f"{path.stem}.html").write_text(to_html(result.notebook), encoding="utf-8")
        status = f"FAILED ({result.error})" if result.error else "executed"
        log(f"{path.stem}: {status} in {result.seconds:.1f} s -> {paths.display_path(out_dir / (path.stem + '.html'))}")
        done.append(result)
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
        raise SampleDataRefusedError("refusing to publish with HELPERS_AS_OF set: committed notebooks use all data held")
    done = []
    for path in notebook_paths():
        if names and path.stem not in names and path.name not in names:
            continue
        result = execute(path)
        if result.error:
            log(f"{path.stem}: FAILED ({result.error}); the committed notebook was left as it was")
        else:
            # what the outputs were made from: checked by tests/test_freshness.py
            result.notebook.metadata["helpers"] = {
                "code_sha256": provenance.code_hash(result.notebook),
                "manifest_digest": store.manifest_digest(),
            }
            nbformat.write(result.notebook, path)
            log(f"{path.stem}: executed in place in {result.seconds:.1f} s")
        done.append(result)
    return done
