"""Executing notebooks the way `make run` and `make publish` do."""

import json

import nbformat
import pytest

from helpers import execute, paths, refresh
from helpers.errors import SampleDataRefusedError


def test_run_writes_html_and_an_executed_copy_with_the_as_of_date(data_dir, small_folder, tmp_path, monkeypatch):
    refresh.import_folder(small_folder, progress=False)
    out = tmp_path / "reports"
    done = execute.run_all(as_of="2024-01-03", names=["00_data_overview"], out_dir=out, log=lambda *_: None)
    assert [d.name for d in done] == ["00_data_overview"]
    html = (out / "00_data_overview.html").read_text()
    assert "as of <b>2024-01-03</b>" in html
    executed = nbformat.read(out / "notebooks" / "00_data_overview.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "AS_OF = \"2024-01-03\"" in injected[0].source
    outputs = json.dumps([c.get("outputs", []) for c in executed.cells])
    assert "2024-01-05" not in outputs  # no observation after the as-of date is shown
    committed = (paths.notebooks_dir() / "00_data_overview.ipynb").read_text()
    assert "injected-parameters" not in committed  # the committed notebook is untouched


def test_publish_refuses_on_the_sample(data_dir):
    with pytest.raises(SampleDataRefusedError, match="synthetic sample"):
        execute.publish(names=["00_data_overview"], log=lambda *_: None)


def test_the_whole_collection_as_of_january_2026_reads_no_later_observation(tmp_path, monkeypatch):
    """`make run AS_OF=2026-01-16` on whatever data is held: every notebook runs, and every loader call in every kernel
    handed out nothing dated after the as-of date (the loaders write an audit line per call)."""
    as_of = "2026-01-16"
    audit = tmp_path / "audit.jsonl"
    monkeypatch.setenv("HELPERS_AUDIT_FILE", str(audit))
    done = execute.run_all(as_of=as_of, out_dir=tmp_path / "reports", log=lambda *_: None)
    assert [d.name for d in done] == [p.stem for p in execute.notebook_paths()]
    assert all(d.error is None for d in done), [(d.name, d.error) for d in done if d.error]
    lines = [json.loads(line) for line in audit.read_text().splitlines()]
    assert len(lines) > 50
    assert {line["as_of"] for line in lines} == {as_of}
    late = [line for line in lines if line["last"] and line["last"] > as_of]
    assert not late, late[:5]
    index = (tmp_path / "reports" / "index.html").read_text()
    assert f"as of {as_of}" in index
    for result in done:
        assert f"as of <b>{as_of}</b>" in json.dumps([c.get("outputs", []) for c in result.notebook.cells])
