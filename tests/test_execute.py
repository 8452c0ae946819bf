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


@pytest.mark.parametrize("name, as_of", [("01_setup_2025", "2025-10-31"), ("04_january_2026", "2026-01-16")])
def test_story_notebooks_run_with_another_as_of_date(name, as_of):
    """Runs on whatever data the project holds (the real snapshot or the sample), without edits."""
    result = execute.execute(paths.notebooks_dir() / f"{name}.ipynb", as_of=as_of)
    assert result.error is None, result.error
    outputs = json.dumps([c.get("outputs", []) for c in result.notebook.cells])
    assert f"as of <b>{as_of}</b>" in outputs  # the banner shows the as-of date the parameters cell received
