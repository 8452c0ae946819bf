"""All or nothing: an import SIGKILLed anywhere leaves the previous generation or the new one, whole.

Issue 9's third scenario: a killed import used to leave series of two exports side by side, each matching
its checksum. Here every kill lands where the test means it to: the writer is held at a named point by the fault
hooks (``HELPERS_TEST_HOOKS``, :mod:`helpers.data.testhooks`) and killed there, whatever the machine's speed.
Afterwards every checksum holds, every series and table comes from one export, and the next writer cleans what
the killed one left.
"""

import pytest
from faults import FILES, Writer, hold_at, leftovers, reached, vintage

from conftest import read_manifest
from helpers.data import refresh

pytestmark = pytest.mark.slow  # executes notebooks, builds the book or times processes: left out of make unit

# point of the kill -> the export the store must hold afterwards
POINTS = {
    "locked": "old",  # the lock taken, nothing staged yet
    "series-3": "old",  # between series: three staged, the rest not
    "staged": "old",  # every file and the manifest staged, checksums verified
    "tables-staged": "old",  # the processed tables written, not yet renamed into place
    "built": "old",  # the processed tables in place, the raw generation not yet renamed
    "renamed": "old",  # the generation renamed, CURRENT not yet replaced: the last moment before the switch
    "switched": "new",  # CURRENT replaced, older generations not yet tidied
}


@pytest.fixture
def held_old(data_dir, cuts):
    report = refresh.import_folder(cuts["old"], progress=False)
    assert report.ok, report.summary()
    return data_dir


@pytest.mark.parametrize("point", list(POINTS))
def test_a_kill_at_each_point_leaves_one_whole_generation(held_old, cuts, tmp_path, point):
    data_dir = held_old
    before = read_manifest(data_dir)["generation"]["name"]
    pause = tmp_path / "pause"
    hold_at(pause, point)
    writer = Writer(["data", "--from", str(cuts["new"]), "--quiet"], data_dir, tmp_path / "logs", pause)
    writer.wait_until(reached(pause, point), f"the import reaching {point!r}")
    writer.kill()
    assert vintage(data_dir, cuts) == POINTS[point]
    if POINTS[point] == "old":
        assert read_manifest(data_dir)["generation"]["name"] == before
    # the next writer cleans up and completes the import
    report = refresh.import_folder(cuts["new"], progress=False)
    assert report.ok, report.summary()
    assert vintage(data_dir, cuts) == "new"
    assert leftovers(data_dir) == []


def _points_through_an_import() -> list[str]:
    """Points spread through an import of the test's export, chosen from the catalog's order (the order an import
    takes its series in): the first file written into the stage and the series point after it, the series point
    halfway through the catalog, the last file written and the last series point (everything staged, the manifest
    not yet written)."""
    selection = refresh._selection(None)
    numbered = [(n, entry.key) for n, entry in enumerate(selection, start=1) if entry.relpath in FILES]
    (first, first_key), (_, last_key) = numbered[0], numbered[-1]
    return [
        f"put-{first_key}",
        f"series-{first}",
        f"series-{len(selection) // 2}",
        f"put-{last_key}",
        f"series-{len(selection)}",
    ]


@pytest.mark.parametrize("point", _points_through_an_import())
def test_kills_at_points_through_an_import_never_mix_exports(held_old, cuts, tmp_path, point):
    """Like the issue's report, a SIGKILL part-way through an import: at a file just written into the stage, or
    between two series, from the first series to the last. The store holds the old export whole; the next writer
    completes the import and cleans up."""
    data_dir = held_old
    hooks = tmp_path / "hooks"
    hold_at(hooks, point)
    writer = Writer(["data", "--from", str(cuts["new"]), "--quiet"], data_dir, tmp_path / "logs", hooks)
    writer.wait_until(reached(hooks, point), f"the import reaching {point!r}")
    writer.kill()
    passed = {p.stem for p in hooks.glob("*.reached")}
    assert "locked" in passed and "staged" not in passed, passed  # killed mid-import, where the test meant
    assert any(name.startswith("put-") for name in passed), passed  # with files of the new export staged
    assert vintage(data_dir, cuts) == "old", f"killed at {point!r}"
    report = refresh.import_folder(cuts["new"], progress=False)
    assert report.ok, report.summary()
    assert vintage(data_dir, cuts) == "new" and leftovers(data_dir) == []
