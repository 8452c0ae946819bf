"""Executing the notebooks: ``make run`` (executed copies and the book under ``reports/``),
``make publish`` (in place, real data only), ``make compare`` (two as-of dates).

Parameters go in through papermill's parameter injection: the cell tagged
``parameters`` keeps its defaults and an ``injected-parameters`` cell after it
sets the run's values (the as-of date). Execution uses nbclient with a fixed
kernel started under the machine-wide start lock (:mod:`helpers.publish.kernels`); the
as-of date is also exported as ``HELPERS_AS_OF`` so every loader in the kernel
honours it. ``make run`` reuses an executed notebook from the cache
(:mod:`helpers.publish.runcache`) when nothing it depends on changed.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers import settings
from helpers.data import identity, paths, status
from helpers.errors import HelpersError, SampleDataRefusedError

from . import changes, kernels, runcache, stamps, twins

KERNEL = "python3"
TIMEOUT_SECONDS = 600


@dataclass
class Executed:
    name: str
    seconds: float
    notebook: nbformat.NotebookNode
    error: str | None = None  # the failing cell's error, if execution stopped
    cached: bool = False  # taken from the execution cache, not executed in this run


def notebook_paths() -> list[Path]:
    """The collection's numbered notebooks, in order."""
    return sorted(paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def execute(
    path: Path, as_of: str | None = None, record_timing: bool = False, extra_env: dict | None = None
) -> Executed:
    """Run a notebook top to bottom in a fresh kernel and return the executed copy.

    The kernel gets this process's environment plus ``HELPERS_AS_OF`` (when
    ``as_of`` is given) and ``extra_env``; nothing global is changed, so
    several notebooks can run at once. The copy's metadata records the data it
    ran on (``helpers.run``, :func:`helpers.publish.stamps.record_run`).
    """
    if as_of:
        from papermill.iorw import load_notebook_node  # imported when needed: papermill is slow to import
        from papermill.parameterize import parameterize_notebook

        # papermill's loader adds the metadata its parameter injection expects
        nb = parameterize_notebook(load_notebook_node(str(path)), {"AS_OF": str(as_of)}, report_mode=False)
    else:
        nb = nbformat.read(path, as_version=4)
    env = settings.child_environment({**(extra_env or {}), **({"HELPERS_AS_OF": str(as_of)} if as_of else {})})
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
        kernels.start(client, env)  # under the machine-wide start lock (see helpers.publish.kernels)
        client.execute(env=env)
    except CellExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue}"
    except BaseException:
        client._cleanup_kernel()
        raise
    seconds = time.perf_counter() - started
    stamps.record_run(nb, identity.current(as_of), seconds)
    return Executed(path.stem, seconds, nb, error)


def _selected(names: list[str] | None) -> list[Path]:
    """The notebooks named (by stem or file name), or all of them."""
    return [p for p in notebook_paths() if not names or p.stem in names or p.name in names]


def default_jobs() -> int:
    """Notebooks run at once: ``HELPERS_JOBS`` if set, else 2 (or 1 on a one-core machine)."""
    return settings.jobs()


def _run_many(selected: list[Path], jobs: int, **kwargs) -> list[Executed]:
    if jobs <= 1 or len(selected) <= 1:
        return [execute(path, **kwargs) for path in selected]
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # each notebook runs in its own kernel process
        return list(pool.map(lambda path: execute(path, **kwargs), selected))


def run_cached(
    selected: list[Path],
    as_of: str | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    cache: Path | None = None,
) -> list[Executed]:
    """Execute ``selected`` notebooks, taking each from the execution cache (``cache``, default
    ``reports/.cache/notebooks``) when nothing it depends on changed.

    Results come back in the order of ``selected``; new error-free results are stored in the cache.
    """
    context = runcache.run_context(as_of)
    keys = {path: runcache.key(nbformat.read(path, as_version=4), context) for path in selected}
    results: dict[Path, Executed] = {}
    if use_cache:
        for path in selected:
            nb = runcache.get(keys[path], cache)
            if nb is not None:
                results[path] = Executed(path.stem, 0.0, nb, cached=True)
    missing = [path for path in selected if path not in results]
    for path, result in zip(missing, _run_many(missing, jobs or default_jobs(), as_of=as_of), strict=True):
        results[path] = result
        if result.error is None:
            runcache.put(keys[path], result.notebook, cache)
    return [results[path] for path in selected]


def run_all(
    as_of: str | None = None,
    names: list[str] | None = None,
    out_dir: Path | None = None,
    log=print,
    jobs: int | None = None,
    render: bool = True,
    use_cache: bool = True,
) -> list[Executed]:
    """Execute the notebooks into ``reports/notebooks/``, report what changed, and build the book.

    The committed notebooks are not touched. ``render=False`` skips the book (the executed copies and the
    changes report are still written); ``use_cache=False`` executes every notebook again.
    """
    from . import book

    status.check_as_of(as_of)  # a bad date stops here: nothing executed, nothing written
    out_dir = Path(out_dir or paths.reports_dir())
    folder = out_dir / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    if identity.current().is_sample:
        log(
            "No data held in data/raw: running on the SYNTHETIC SAMPLE (not market data). "
            "For real data: `make data FROM=DIR` (a folder of exports) or `make data` (network and FRED_API_KEY)."
        )
    selected = _selected(names)
    done = run_cached(selected, as_of=as_of, jobs=jobs, use_cache=use_cache, cache=runcache.cache_dir(out_dir))
    for stale in folder.glob("*.ipynb"):  # executed copies of another run must not mix with this one's
        if stale.stem not in {p.stem for p in selected}:
            stale.unlink()
    for result in done:
        nbformat.write(result.notebook, folder / f"{result.name}.ipynb")
        outcome = (
            f"FAILED ({result.error})"
            if result.error
            else "from the cache"
            if result.cached
            else f"executed in {result.seconds:.1f} s"
        )
        log(f"{result.name}: {outcome}")
    changes_md = write_changes(out_dir, done, log=log) if done else None
    if render and done:
        started = time.perf_counter()
        notebooks = {result.name: result.notebook for result in done}
        entry = book.build(
            notebooks,
            stamps.identity_of_runs(notebooks),
            changes.published_digest(),
            out_dir=out_dir,
            changes_md=changes_md.read_text(encoding="utf-8") if changes_md else None,
            extra_pages=book.extra_pages(notebooks),
        )
        log(f"book: {paths.display_path(entry)} ({time.perf_counter() - started:.1f} s)")
    return done


def write_changes(out_dir: Path, executed: list[Executed], log=print) -> Path | None:
    """After a run: the changes report against the committed notebooks when the run used other data.

    Written to ``out_dir/changes.json`` and ``changes.md`` when the run's data differ from the published data
    (another export, or an as-of date); a stale report from an earlier run is removed otherwise. Not written
    for the synthetic sample, whose figures say nothing about markets.
    """
    after = {result.name: result.notebook for result in executed}
    data = stamps.identity_of_runs(after)
    stale = [Path(out_dir) / "changes.json", Path(out_dir) / "changes.md"]
    real = data is not None and data.is_real
    if not real or (data.digest == changes.published_digest() and data.as_of is None):
        for path in stale:
            path.unlink(missing_ok=True)
        why = "the synthetic sample is in use" if not real else "the data are the published data"
        log(f"changes report: not written ({why})")
        return None
    before = {stem: nb for stem, nb in changes.published_notebooks().items() if stem in after}
    report_ = changes.compare(before, after, before_label="committed notebooks", after_label="this run")
    _, md = changes.write(report_, out_dir)
    s = report_["summary"]
    log(
        f"changes report: {s['changed']} of {s['figures']} key figures and {s['verdicts_changed']} verdicts changed "
        f"-> {paths.display_path(md)}"
    )
    return md


def compare(before_as_of: str, after_as_of: str | None = None, out_dir: Path | None = None, log=print) -> Path:
    """Run the collection as of two dates and write the changes report between them (``make compare``).

    ``after_as_of`` None means all data held. Executed notebooks go to ``out_dir/as-of-<date>/`` (or
    ``latest/``), the report to ``out_dir/changes.json`` and ``changes.md``. Both runs use the execution cache.
    """
    for cut in (before_as_of, after_as_of):
        status.check_as_of(cut)  # both dates checked before either run
    out_dir = Path(out_dir or paths.reports_dir() / "compare")
    sides = []
    for cut in (before_as_of, after_as_of):
        folder = out_dir / (f"as-of-{cut}" if cut else "latest")
        (folder / "notebooks").mkdir(parents=True, exist_ok=True)
        done = run_cached(_selected(None), as_of=cut, cache=runcache.cache_dir(out_dir.parent))
        failed = [d.name for d in done if d.error]
        if failed:
            raise HelpersError(
                f"notebooks failed in the run {'as of ' + cut if cut else 'on all data'}: {', '.join(failed)}"
            )
        for result in done:
            nbformat.write(result.notebook, folder / "notebooks" / f"{result.name}.ipynb")
        cached = sum(d.cached for d in done)
        log(
            f"{'as of ' + cut if cut else 'all data held'}: {len(done)} notebooks ({cached} from the cache) -> "
            f"{paths.display_path(folder)}"
        )
        sides.append((folder, "as of " + cut if cut else "all data held"))
    report_ = changes.compare(
        changes.notebooks_in(sides[0][0] / "notebooks"),
        changes.notebooks_in(sides[1][0] / "notebooks"),
        before_label=sides[0][1],
        after_label=sides[1][1],
    )
    _, md = changes.write(report_, out_dir)
    s = report_["summary"]
    log(
        f"{s['changed']} of {s['figures']} key figures and {s['verdicts_changed']} verdicts changed "
        f"({s['became_observable']} claims became observable) -> {paths.display_path(md)}"
    )
    return md


def publish(names: list[str] | None = None, log=print) -> list[Executed]:
    """Re-execute the committed notebooks in place on the real data held; refuses on the sample."""
    data = identity.current()
    if data.is_sample:
        raise SampleDataRefusedError(
            "refusing to publish: only the synthetic sample is available, and committed notebooks must "
            "show real results. Import real data first: make data FROM=../shared/data/snapshot"
        )
    if settings.as_of():
        raise HelpersError("refusing to publish with HELPERS_AS_OF set: committed notebooks use all data held")
    selected = _selected(names)
    done = _run_many(selected, default_jobs())
    for path, result in zip(selected, done, strict=True):
        if result.error:
            log(f"{path.stem}: FAILED ({result.error}); the committed notebook was left as it was")
        else:
            # what the outputs were made from: checked by tests/test_committed_notebooks.py and check_published
            stamps.stamp_published(result.notebook, data)
            nbformat.write(result.notebook, path)
            twins.write_twin(path, result.notebook)
            log(f"{path.stem}: executed in place in {result.seconds:.1f} s")
    return done


def check_published(log=print) -> list[str]:
    """Problems with the committed notebooks against the data held (``make check-published``).

    Each committed notebook must have been published (``make publish``) from the data ``data/raw`` holds
    now, from its current code, and its text twin must match it. Returns one line per problem.
    """
    problems = []
    data = identity.current()
    if not data.is_real:
        return ["no real data held: import the published data first (make data FROM=...)"]
    held = data.digest
    for path in notebook_paths():
        problems += stamps.published_problems(path, nbformat.read(path, as_version=4), held)
        problems += twins.differences(path)
    for line in problems:
        log(line)
    if not problems:
        log(
            f"{len(notebook_paths())} committed notebooks were published from the data held ({held}), "
            "from their current code, and match their text twins"
        )
    return problems
