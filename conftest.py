"""Test-session setup shared by tests/ and nbval's notebook items.

* **No writes to the user's home.** ``XDG_CACHE_HOME`` points at a temporary folder for the whole run.
* **Kernel starts, one at a time.** nbval starts one kernel per notebook in each
  pytest worker; two workers starting kernels at once can be handed the same TCP
  port ("Kernel died before replying to kernel_info"). Every kernel start holds
  the machine-wide lock of :mod:`helpers.publish.kernels` until the kernel has answered.
* **Key figures, the regression check.** Each notebook records its headline
  figures in the cell tagged ``key-figures`` (:mod:`helpers.notebook.keyfigures`). When
  the data held are the data the committed notebooks were published from (same
  manifest digest), nbval compares those cells' outputs (the figures' rounded
  text) with the committed ones. On any other data (the synthetic sample, a newer
  or older export) the comparison is skipped and the summary says so in one line:
  the notebooks must still run without error.
"""

import os
import shutil
import tempfile

import pytest

# Set by the first pytest process of a run (the controller under pytest-xdist), inherited by its workers.
_SESSION_CACHE = "PYTEST_GREAT_ROTATION_CACHE"


def _temporary_cache_home(config) -> None:
    """The whole run, notebooks executed by nbval included, keeps its caches in a temporary ``XDG_CACHE_HOME``
    (tests/conftest.py sets one again for every test of tests/): a test run writes nothing into ~/.cache."""
    if os.environ.get(_SESSION_CACHE):
        return
    folder = tempfile.mkdtemp(prefix="helpers-test-cache-")
    os.environ[_SESSION_CACHE] = os.environ["XDG_CACHE_HOME"] = folder
    config._helpers_session_cache = folder


def pytest_unconfigure(config):
    folder = getattr(config, "_helpers_session_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_configure(config):
    _temporary_cache_home(config)
    try:
        import nbval.kernel
    except ImportError:  # nbval not installed: nothing to wrap
        return
    from helpers.publish import kernels

    start_new_kernel = nbval.kernel.start_new_kernel
    if getattr(start_new_kernel, "_helpers_locked", False):
        return

    def locked_start_new_kernel(*args, **kwargs):
        with kernels.start_lock():
            return start_new_kernel(*args, **kwargs)

    locked_start_new_kernel._helpers_locked = True
    nbval.kernel.start_new_kernel = locked_start_new_kernel


def _data_comparison() -> tuple[bool, str]:
    """(compare key figures?, the one-line reason) from the data held and the committed notebooks."""
    from helpers.data import identity
    from helpers.publish import changes

    data = identity.current()
    published = changes.published_digest()
    if not data.is_real:
        return False, (
            f"key figures not compared with the committed notebooks: the synthetic sample is in use "
            f"(they were published from data {published})"
        )
    held = data.digest
    if held != published:
        return False, (
            f"key figures not compared with the committed notebooks: the data held ({held}) are not the "
            f"data they were published from ({published})"
        )
    return True, f"key figures compared with the committed notebooks: same data ({held})"


def pytest_collection_modifyitems(config, items):
    from helpers.notebook import keyfigures

    cells = [
        item
        for item in items
        if type(item).__name__ == "IPyNbCell" and isinstance(getattr(item, "options", None), dict)
    ]
    if not cells:
        return
    compare, _ = _data_comparison()
    for item in cells:
        tags = item.cell.get("metadata", {}).get("tags", [])
        if keyfigures.TAG in tags:
            item.options["check"] = compare
        elif item.options.get("check"):
            item.options["check"] = False  # only key figures are compared; other outputs may move with the data


def pytest_report_header(config):
    from helpers.data import identity

    return f"data: {'real (data/raw)' if identity.current().is_real else 'SYNTHETIC SAMPLE (nothing in data/raw)'}"


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, config):
    # computed here, on the controller: with pytest-xdist the workers collect and run the notebook cells
    ran_notebooks = any(
        ".ipynb::" in getattr(report, "nodeid", "") for reports in terminalreporter.stats.values() for report in reports
    )
    if ran_notebooks:
        terminalreporter.write_line(_data_comparison()[1])
