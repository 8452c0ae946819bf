"""One writer at a time, and readers that only ever see whole generations (subprocesses, not mocks).

Issue 9's second scenario: two imports started together used to both fail, leave false checksum alarms
and a mix of the two exports. Now the second writer waits (saying for whom), then goes on or, past
HELPERS_LOCK_TIMEOUT, gives up having changed nothing.
"""

import json
import os
import re
import subprocess
import sys
import time

import pytest
from faults import FILES, TICKERS, Writer, cut_snapshot, hold_at, last_dates, reached, vintage

from conftest import generation_folder, read_manifest, tree_digest
from helpers.data import checksums, paths, refresh

pytestmark = pytest.mark.slow  # executes notebooks, builds the book or times processes: left out of make unit


@pytest.fixture
def held_old(data_dir, cuts):
    assert refresh.import_folder(cuts["old"], progress=False).ok
    return data_dir


def _waited(output: str) -> float:
    return float(re.search(r"waited ([\d.]+) s for the data store", output).group(1))


def test_a_second_writer_waits_for_the_first_then_builds_on_it(held_old, cuts, tmp_path):
    data_dir = held_old
    pause = tmp_path / "pause"
    hold = hold_at(pause, "series-2")
    first = Writer(
        ["data", "--from", str(cuts["new"]), "--only", *TICKERS[:4], "--quiet"], data_dir, tmp_path / "logs", pause
    )
    first.wait_until(reached(pause, "series-2"), "the first import holding the lock")
    second_hooks = tmp_path / "second"  # records the points the second writer passes (nothing held)
    second_hooks.mkdir()
    second = Writer(
        ["data", "--from", str(cuts["new"]), "--only", *TICKERS[4:], "--quiet"],
        data_dir,
        tmp_path / "logs",
        second_hooks,
        HELPERS_LOCK_TIMEOUT="60",
    )
    second.wait_until(lambda: "waiting for the data store" in second.output(), "the second writer to say it waits")
    assert f"held by pid {first.pid} running `python -m helpers data --from" in second.output()
    assert "(import from" in second.output() and "waiting up to 60 s" in second.output()
    # while the first is held, the second is still waiting: it has not taken the lock
    assert second.process.poll() is None and not (second_hooks / "locked.reached").exists()
    hold.unlink()
    assert first.wait() == 0, first.output()
    assert second.wait() == 0, second.output()
    assert (second_hooks / "locked.reached").exists() and _waited(second.output()) > 0
    files = read_manifest(data_dir)["files"]
    assert {files[t]["last"] for t in TICKERS} == {"2026-06-30"}  # both imports landed, nothing lost
    first_generation = re.search(r"in generation (\S+)", first.output()).group(1)
    assert read_manifest(data_dir)["generation"]["previous"] == first_generation
    assert checksums.verify() == {}


def test_a_writer_that_waits_too_long_gives_up_having_changed_nothing(held_old, cuts, tmp_path):
    data_dir = held_old
    pause = tmp_path / "pause"
    hold = hold_at(pause, "series-2")
    first = Writer(["data", "--from", str(cuts["new"]), "--quiet"], data_dir, tmp_path / "logs", pause)
    first.wait_until(reached(pause, "series-2"), "the first import holding the lock")
    before = tree_digest(data_dir)
    for command in (["data", "--from", str(cuts["new"]), "--only", "SPY", "--quiet"], ["build", "--force"]):
        second = Writer(command, data_dir, tmp_path / "logs", HELPERS_LOCK_TIMEOUT="0.5")
        assert second.wait() == 2
        error = second.output()
        assert re.search(r"gave up after [\d.]+ s waiting for the data store", error), error
        assert f"held by pid {first.pid}" in error and "Nothing was changed" in error
        assert "HELPERS_LOCK_TIMEOUT" in error
        assert tree_digest(data_dir) == before
    hold.unlink()
    assert first.wait() == 0, first.output()
    assert vintage(data_dir, cuts) == "new"


def test_two_imports_started_together_leave_one_whole_export(held_old, cuts, tmp_path):
    """The issue's scenario: A and B at once. B is the same period exported after a dividend (re-based)."""
    data_dir = held_old
    other = cut_snapshot(cuts["new"], tmp_path / "exports" / "rebased", FILES, scale=1.01)
    writers = [
        Writer(["data", "--from", str(folder), "--quiet"], data_dir, tmp_path / "logs", HELPERS_LOCK_TIMEOUT="60")
        for folder in (cuts["new"], other)
    ]
    codes = [w.wait() for w in writers]
    assert codes == [0, 0], [w.output() for w in writers]
    assert sum("waited" in w.output() for w in writers) <= 1
    assert checksums.verify() == {}
    held = {relpath: (generation_folder(data_dir) / relpath).read_bytes() for relpath in FILES}
    whole = [folder for folder in (cuts["new"], other) if all(held[r] == (folder / r).read_bytes() for r in FILES)]
    assert len(whole) == 1, "the store mixes the two exports"


READER = """
import json, os, sys
import helpers as h
tickers, stop = sys.argv[1].split(","), sys.argv[2]
while not os.path.exists(stop):
    frame = h.load_prices(tickers)
    print(json.dumps(sorted({f"{frame[t].last_valid_index():%Y-%m-%d}" for t in tickers})), flush=True)
"""


def test_a_reader_in_a_loop_only_ever_sees_whole_generations(held_old, cuts, tmp_path):
    data_dir = held_old
    stop = tmp_path / "stop"
    log = tmp_path / "reader.txt"
    env = {**os.environ, "HELPERS_DATA_DIR": str(data_dir)}
    env.pop("HELPERS_AS_OF", None)
    with open(log, "w") as out:
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, ",".join(TICKERS), str(stop)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=paths.PROJECT_ROOT,
        )
    reads = lambda: len(log.read_text().splitlines())  # noqa: E731
    try:
        deadline = time.monotonic() + 60
        while not reads() and time.monotonic() < deadline and reader.poll() is None:
            time.sleep(0.05)
        # the import held halfway, with files of the new export staged: the reader goes on reading meanwhile
        hooks = tmp_path / "hooks"
        point = f"series-{len(refresh._selection(None)) // 2}"
        hold = hold_at(hooks, point)
        writer = Writer(["data", "--from", str(cuts["new"]), "--quiet"], data_dir, tmp_path / "logs", hooks)
        writer.wait_until(reached(hooks, point), f"the import reaching {point}")
        during = reads()
        while reads() < during + 5 and time.monotonic() < deadline and reader.poll() is None:
            time.sleep(0.05)
        assert reads() >= during + 5, "the reader stopped reading while the import was held"
        old_last = [last_dates(cuts["old"])["IWM"]]
        assert all(json.loads(line) == old_last for line in log.read_text().splitlines()[during : during + 5])
        hold.unlink()
        assert writer.wait() == 0, writer.output()
        new_last = f'["{last_dates(cuts["new"])["IWM"]}"]'
        while new_last not in log.read_text() and time.monotonic() < deadline and reader.poll() is None:
            time.sleep(0.05)
    finally:
        stop.touch()
        reader.wait(timeout=60)
    lines = log.read_text().splitlines()
    reads = [json.loads(line) for line in lines]
    assert all(len(r) == 1 for r in reads), [line for line in lines if len(json.loads(line)) != 1][:3]
    seen = [r[0] for r in reads]
    assert set(seen) == {"2026-05-29", "2026-06-30"}, set(seen)
    assert seen == sorted(seen)  # old until the switch, new after it
    print(
        f"{len(reads)} reads, {seen.count('2026-05-29')} of the old generation, {seen.count('2026-06-30')} of the new"
    )
