"""Teaching: exercises with checkable answers, the student edition, the class data pack."""

import math
import re

import nbformat
import pandas as pd
import pytest

from conftest import read_manifest
from helpers.data import pack, refresh
from helpers.notebook import exercises
from helpers.publish import execute, student
from helpers.notebook.exercises import Exercise

COMMITTED = {p.stem: nbformat.read(p, as_version=4) for p in execute.notebook_paths()}


def labels_in(nb) -> list[str]:
    return [m.group(1) for c in nb.cells if c.cell_type == "markdown" for m in re.finditer(r":label: (ex-\d\d-\d+)", c.source)]


def test_notebooks_01_to_05_end_with_two_to_four_exercises_each_registered():
    for stem in ["01_setup_2025", "02_fed_cuts", "03_valuation_gap", "04_january_2026", "05_rate_sensitivity"]:
        ids = [student.exercise_id(label) for label in labels_in(COMMITTED[stem])]
        assert 2 <= len(ids) <= 4, f"{stem}: {ids}"
        assert ids == [ex.id for ex in exercises.for_notebook(stem)], stem
        assert {exercises.REGISTRY[i].level for i in ids} >= {"easy"}, f"{stem}: no easy exercise"
    levels = {ex.level for ex in exercises.REGISTRY.values()}
    assert levels == set(exercises.LEVELS)


def test_every_solution_checks_itself_and_the_student_edition_drops_it():
    for stem, nb in COMMITTED.items():
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        for label in labels_in(nb):
            assert f'assert h.check("{student.exercise_id(label)}", answer)' in code, f"{stem}: {label} has no checked solution"
        handed_out = student.student_notebook(nb)
        text = "\n".join(c.source for c in handed_out.cells)
        assert "solution-start" not in text and "assert h.check" not in text
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in handed_out.cells if c.cell_type == "code")
        assert text.count("answer = None") == len(labels_in(nb))
        assert "```{exercise}" not in text  # questions are handed out as plain Markdown


@pytest.fixture
def toy_exercise(monkeypatch):
    ex = Exercise("99.1", "99_toy", "toy", "the answer", "easy", "fraction", 0.001, "think of 42", lambda: 0.42, "0.42")
    date = Exercise("99.2", "99_toy", "toy date", "a day", "easy", "date", 0, "a Friday", lambda: pd.Timestamp("2026-01-09"), "'2026-01-09'")
    never = Exercise("99.3", "99_toy", "never", "a day", "easy", "date", 0, "look again", lambda: None, "'not reached'")
    monkeypatch.setitem(exercises.REGISTRY, "99.1", ex)
    monkeypatch.setitem(exercises.REGISTRY, "99.2", date)
    monkeypatch.setitem(exercises.REGISTRY, "99.3", never)


def test_check_right_wrong_unanswered_with_tolerance_and_hint(toy_exercise, capsys):
    said = []
    exercises._say = lambda text, show: said.append(text)  # noqa: restored by the module reload below
    try:
        assert exercises.check("99.1", 0.4205) is True
        assert exercises.check("99.1", 0.43) is False and "think of 42" in said[-1]
        assert exercises.check("99.1", None) is False and "not answered yet" in said[-1]
        assert exercises.check("99.1", "forty") is False and "not a fraction answer" in said[-1]
        assert exercises.check("99.2", "2026-01-09") is True
        assert exercises.check("99.2", pd.Timestamp("2026-01-08")) is False
        assert exercises.check("99.3", "not reached") is True and exercises.check("99.3", "2026-01-09") is False
    finally:
        import importlib

        importlib.reload(exercises)
    with pytest.raises(KeyError, match="no exercise"):
        exercises.check("42.1", 1)


@pytest.mark.parametrize("data", ["sample", "real"])
def test_every_expected_answer_exists_on_the_sample_and_the_snapshot(data, request, data_dir):
    if data == "real":
        request.getfixturevalue("real_data")
    for ex in exercises.REGISTRY.values():
        value = ex.expected_value()
        if ex.units == "date":
            assert value == exercises.NOT_REACHED or isinstance(value, pd.Timestamp), ex.id
        else:
            assert isinstance(value, float) and math.isfinite(value), (ex.id, value)


def test_the_student_edition_runs_top_to_bottom_and_checks_an_answer(tmp_path):
    """Every student notebook with exercises runs as handed out: unanswered checks say so. In one of them a student
    has answered 03.1, and the check says right."""
    written = student.write_edition(tmp_path / "student")
    assert [p.name for p in written] == [p.name for p in execute.notebook_paths()]
    assert (tmp_path / "student" / "README.md").exists()
    answered = tmp_path / "student" / "03_valuation_gap.ipynb"
    nb = nbformat.read(answered, as_version=4)
    stub = next(c for c in nb.cells if 'h.check("03.1"' in c.source)
    stub.source = stub.source.replace("answer = None", "answer = 1 - 16 / 22")
    nbformat.write(nb, answered)
    with_exercises = [p for p in written if exercises.for_notebook(p.stem)]
    done = execute._run_many(with_exercises, execute.default_jobs())
    assert all(d.error is None for d in done), [(d.name, d.error) for d in done if d.error]
    for result in done:
        stubs = [c for c in result.notebook.cells if "exercise-answer" in c.metadata.get("tags", [])]
        assert len(stubs) == len(exercises.for_notebook(result.name))
        for cell in stubs:
            text = "".join(o.get("data", {}).get("text/markdown", "") for o in cell.outputs)
            expected = "Exercise 03.1: right." if 'h.check("03.1"' in cell.source else "is not answered yet"
            assert expected in text, (result.name, text)


def test_the_class_pack_round_trips_the_snapshot(real_data, tmp_path, monkeypatch):
    held = read_manifest(real_data)["files"]
    provenance = pack.write_pack(tmp_path / "class-data")
    assert len(provenance["files"]) == len(held)
    clean = tmp_path / "student-data"
    (clean / "raw").mkdir(parents=True)
    monkeypatch.setenv("HELPERS_DATA_DIR", str(clean))
    report = refresh.import_folder(tmp_path / "class-data", progress=False)
    assert report.ok, report.summary()
    again = read_manifest(clean)["files"]
    assert {k: r["sha256"] for k, r in again.items()} == {k: r["sha256"] for k, r in held.items()}
    assert all(r["origin"].startswith("folder") for r in again.values())
