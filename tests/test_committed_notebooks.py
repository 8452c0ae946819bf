"""The committed notebooks: executed, fresh (code unchanged since their outputs were made), clean of machine paths and keys."""

import json
import os
import re

import nbformat
import pytest

from helpers import execute, load, provenance, store

NOTEBOOKS = execute.notebook_paths()
IDS = [p.stem for p in NOTEBOOKS]
ABSOLUTE_PATH = re.compile(r"(?<![\w.:/])(/(?:root|home|tmp|Users|work|private|var/folders)/[\w.-]+|[A-Z]:\\\\Users\\\\)")
KEY_LIKE = re.compile(r"api_key=([a-z0-9]{32})")


def outputs_text(nb) -> str:
    return json.dumps([cell.get("outputs", []) for cell in nb.cells])


@pytest.fixture(params=NOTEBOOKS, ids=IDS)
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def test_there_are_notebooks_00_to_06():
    assert [p.stem[:2] for p in NOTEBOOKS] == ["00", "01", "02", "03", "04", "05", "06"]


def test_committed_with_outputs_and_no_error(notebook):
    path, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code), f"{path.name}: a code cell was not executed"
    assert not any(o.get("output_type") == "error" for c in code for o in c.get("outputs", [])), f"{path.name} holds an error"


def test_outputs_are_fresh_for_the_code(notebook):
    path, nb = notebook
    stamp = nb.metadata.get("helpers", {})
    assert stamp.get("code_sha256"), f"{path.name} was not written by `make publish`"
    assert stamp["code_sha256"] == provenance.code_hash(nb), (
        f"{path.name}: its code changed after its outputs were made; run `make publish`"
    )


def test_outputs_were_made_from_the_data_held(notebook):
    if load.data_mode() != "real":
        pytest.skip("no real data held: the data behind the committed outputs cannot be compared")
    path, nb = notebook
    assert nb.metadata["helpers"]["manifest_digest"] == store.manifest_digest(), (
        f"{path.name}: executed on other data than data/raw holds now; run `make publish`"
    )


def test_no_sample_output_is_committed(notebook):
    path, nb = notebook
    assert "SYNTHETIC SAMPLE" not in outputs_text(nb).upper(), f"{path.name} shows synthetic-sample outputs"


def test_no_machine_path_or_key_in_outputs(notebook):
    path, nb = notebook
    text = outputs_text(nb)
    assert not ABSOLUTE_PATH.search(text), f"{path.name}: absolute path {ABSOLUTE_PATH.search(text).group(0)!r} in outputs"
    assert not KEY_LIKE.search(text), f"{path.name}: something like an API key in outputs"
    key = os.environ.get("FRED_API_KEY", "").strip()
    if len(key) >= 8:
        assert key not in path.read_text(), f"{path.name} contains the FRED API key"


def test_structure_parameters_summary_provenance(notebook):
    path, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", []), f"{path.name}: the first code cell is not the parameters cell"
    assert "AS_OF" in code[0].source
    assert any("summary" in c.metadata.get("tags", []) for c in code), f"{path.name}: no cell tagged summary"
    assert "show_provenance" in code[-1].source, f"{path.name}: the last cell is not the provenance cell"
    assert nb.cells[0].cell_type == "markdown" and "**Question.**" in nb.cells[0].source


def test_freshness_check_catches_an_edit(tmp_path):
    nb = nbformat.read(NOTEBOOKS[1], as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    code[-2].source += "\nprint('edited')"
    assert provenance.code_hash(nb) != nb.metadata["helpers"]["code_sha256"]


def test_hygiene_patterns_catch_what_they_should():
    assert ABSOLUTE_PATH.search('"text": "saved to /root/project/x.csv"')
    assert ABSOLUTE_PATH.search("C:\\\\Users\\\\me\\\\data")
    assert not ABSOLUTE_PATH.search("source: ../shared/data/snapshot and data/raw/fred")
    assert KEY_LIKE.search("url?api_key=" + "a1" * 16)
