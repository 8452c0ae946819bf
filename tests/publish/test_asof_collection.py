"""`make run AS_OF=...`: the whole collection re-run as of a date before the January 2026 rally and one inside it.

(Named to sort first: it is the longest test, and pytest-xdist starts it early.)
"""

import json

import pytest

from helpers.data import identity
from helpers.publish import execute

pytestmark = pytest.mark.slow  # executes notebooks, builds the book or times processes: left out of make unit


@pytest.mark.parametrize("as_of", ["2025-12-15", "2026-01-16"])
def test_the_whole_collection_as_of_a_date_reads_no_later_observation(as_of, tmp_path, monkeypatch):
    """`make run AS_OF=...` on whatever data is held: every notebook runs, and every loader call in every kernel
    handed out nothing dated after the as-of date (the loaders write an audit line per call). Before January 2026,
    04's subject has not happened: it says so and records its figures as missing, and the ledger's January claims
    are not yet observable."""
    hooks = tmp_path / "hooks"  # the tests' switch: every loader call in every kernel appends a line to loads.jsonl
    hooks.mkdir()
    audit = hooks / "loads.jsonl"
    monkeypatch.setenv("HELPERS_TEST_HOOKS", str(hooks))
    # the book does not depend on the as-of date beyond its banner and is tested on its own (test_book, test_browser);
    # the cache is bypassed so that every kernel really runs and writes its audit lines
    done = execute.run_all(
        as_of=as_of, out_dir=tmp_path / "reports", log=lambda *_: None, render=False, use_cache=False
    )
    assert [d.name for d in done] == [p.stem for p in execute.notebook_paths()]
    assert all(d.error is None for d in done), [(d.name, d.error) for d in done if d.error]
    lines = [json.loads(line) for line in audit.read_text().splitlines()]
    assert len(lines) > 50
    # every load honours the as-of date: the run's own, or an earlier one a notebook asks for on purpose
    # (notebook 06 also runs the ledger as of the articles' date, 2026-01-06)
    assert as_of in {line["as_of"] for line in lines}
    assert all(line["as_of"] is not None and line["as_of"] <= as_of for line in lines)
    late = [line for line in lines if line["last"] and line["last"] > as_of]
    assert not late, late[:5]
    if identity.current().is_real:  # an as-of run is other data than the published: the changes report is written
        report = json.loads((tmp_path / "reports" / "changes.json").read_text())
        assert report["after"]["as_of"] == as_of and report["after"]["last_observation"] <= as_of
    for result in done:
        assert f"as of <b>{as_of}</b>" in json.dumps([c.get("outputs", []) for c in result.notebook.cells])
        injected = [c for c in result.notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert injected and f'AS_OF = "{as_of}"' in injected[0].source
        assert (tmp_path / "reports" / "notebooks" / f"{result.name}.ipynb").exists()
    for path in execute.notebook_paths():
        assert "injected-parameters" not in path.read_text()  # the committed notebooks are untouched
    if as_of < "2026-01-01":
        january = next(d for d in done if d.name.startswith("04"))
        text = json.dumps([c.get("outputs", []) for c in january.notebook.cells])
        assert "January 2026 has not happened yet" in text
        ledger = next(d for d in done if d.name.startswith("06"))
        assert "not yet observable" in json.dumps([c.get("outputs", []) for c in ledger.notebook.cells])
