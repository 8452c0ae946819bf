"""The committed notebooks: executed, fresh (code unchanged since their outputs were made), paired with their text
twins, with key figures recorded, clean of machine paths and keys.

Whether their outputs were made from the data held now is not checked here (`make test` passes on any valid data):
that belongs to publishing, `make check-published` (:func:`helpers.publish.execute.check_published`)."""

import json
import os
import re

import nbformat
import pytest

from helpers import hashes
from helpers.notebook import keyfigures
from helpers.publish import execute, twins

NOTEBOOKS = execute.notebook_paths()
IDS = [p.stem for p in NOTEBOOKS]
ABSOLUTE_PATH = re.compile(
    r"(?<![\w.:/])(/(?:root|home|tmp|Users|work|private|var/folders)/[\w.-]+|[A-Z]:\\\\Users\\\\)"
)
KEY_LIKE = re.compile(r"api_key=([a-z0-9]{32})")


def outputs_text(nb) -> str:
    return json.dumps([cell.get("outputs", []) for cell in nb.cells])


@pytest.fixture(params=NOTEBOOKS, ids=IDS)
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def test_there_are_notebooks_00_to_07():
    assert [p.stem[:2] for p in NOTEBOOKS] == ["00", "01", "02", "03", "04", "05", "06", "07"]


def test_committed_with_outputs_and_no_error(notebook):
    path, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code), f"{path.name}: a code cell was not executed"
    assert not any(o.get("output_type") == "error" for c in code for o in c.get("outputs", [])), (
        f"{path.name} holds an error"
    )


def test_outputs_are_fresh_for_the_code(notebook):
    path, nb = notebook
    stamp = nb.metadata.get("helpers", {})
    assert stamp.get("code_sha256"), f"{path.name} was not written by `make publish`"
    assert stamp["code_sha256"] == hashes.notebook_code_hash(nb), (
        f"{path.name}: its code changed after its outputs were made; run `make publish`"
    )


def test_text_twin_matches_the_notebook(notebook):
    path, _ = notebook
    assert twins.differences(path) == []


def test_published_from_one_data_digest_with_a_run_stamp():
    digests = {nbformat.read(p, as_version=4).metadata["helpers"]["manifest_digest"] for p in NOTEBOOKS}
    assert len(digests) == 1, f"the committed notebooks were published from different data: {digests}"
    for path in NOTEBOOKS:
        run = nbformat.read(path, as_version=4).metadata["helpers"]["run"]
        assert run["mode"] == "real" and run["digest"] in digests
        assert run["as_of"] is None and run["last_observation"]


def test_key_figures_are_recorded_before_the_conclusion(notebook):
    path, nb = notebook
    tagged = keyfigures.recorded_cells(nb)
    assert len(tagged) == 1, f"{path.name}: expected one cell tagged key-figures, found {len(tagged)}"
    summary = [i for i, c in enumerate(nb.cells) if "summary" in c.metadata.get("tags", [])]
    assert summary and tagged[0] < summary[0], f"{path.name}: the key figures must be recorded before the conclusion"
    records = keyfigures.read(nb)
    assert len(records) >= 8, f"{path.name}: only {len(records)} key figures"
    names = [r["name"] for r in records]
    assert len(names) == len(set(names))
    assert all(r["units"] in keyfigures.UNITS and r["label"] and r["text"] for r in records)
    assert "NBVAL_CHECK_OUTPUT" not in json.dumps([c.source for c in nb.cells]), "key figures replace printed checks"


def test_the_conclusion_quotes_the_recorded_figures(notebook):
    """The summary cell builds its prose from the KeyFigures object (itself, or through the notebook's conclusions
    module, helpers.notebook.conclusions), and its numbers appear among the records."""
    path, nb = notebook
    summary = next(c for c in nb.cells if "summary" in c.metadata.get("tags", []))
    assert any(use in summary.source for use in ("key.text(", "key[", "summary(key"))
    text = "".join(o.get("data", {}).get("text/markdown", "") for o in summary.get("outputs", []))
    recorded = {r["text"] for r in keyfigures.read(nb)}
    quoted = [t for t in recorded if t != keyfigures.NOT_AVAILABLE and len(t) > 2 and t in text]
    assert len(quoted) >= 4, f"{path.name}: the conclusion quotes only {quoted}"


def test_no_sample_output_is_committed(notebook):
    path, nb = notebook
    assert "SYNTHETIC SAMPLE" not in outputs_text(nb).upper(), f"{path.name} shows synthetic-sample outputs"


def test_no_machine_path_or_key_in_outputs(notebook):
    path, nb = notebook
    text = outputs_text(nb)
    assert not ABSOLUTE_PATH.search(text), (
        f"{path.name}: absolute path {ABSOLUTE_PATH.search(text).group(0)!r} in outputs"
    )
    assert not KEY_LIKE.search(text), f"{path.name}: something like an API key in outputs"
    key = os.environ.get("FRED_API_KEY", "").strip()
    if len(key) >= 8:
        assert key not in path.read_text(), f"{path.name} contains the FRED API key"


def test_structure_parameters_summary_provenance(notebook):
    path, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", []), (
        f"{path.name}: the first code cell is not the parameters cell"
    )
    assert "AS_OF" in code[0].source
    assert any("summary" in c.metadata.get("tags", []) for c in code), f"{path.name}: no cell tagged summary"
    assert "show_provenance" in code[-1].source, f"{path.name}: the last cell is not the provenance cell"
    assert nb.cells[0].cell_type == "markdown" and "**Question.**" in nb.cells[0].source


def test_freshness_check_catches_an_edit(tmp_path):
    nb = nbformat.read(NOTEBOOKS[1], as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    code[-2].source += "\nprint('edited')"
    assert hashes.notebook_code_hash(nb) != nb.metadata["helpers"]["code_sha256"]


def test_hygiene_patterns_catch_what_they_should():
    assert ABSOLUTE_PATH.search('"text": "saved to /root/project/x.csv"')
    assert ABSOLUTE_PATH.search("C:\\\\Users\\\\me\\\\data")
    assert not ABSOLUTE_PATH.search("source: ../shared/data/snapshot and data/raw/fred")
    assert KEY_LIKE.search("url?api_key=" + "a1" * 16)
