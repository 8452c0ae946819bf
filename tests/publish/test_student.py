"""The student edition: the notebooks without solutions, outputs cleared, each solution an unanswered check; it
runs top to bottom as handed out."""

import re

import nbformat
import pytest

from helpers.notebook import exercises
from helpers.publish import execute, student

pytestmark = pytest.mark.slow  # executes notebooks, builds the book or times processes: left out of make unit

COMMITTED = {p.stem: nbformat.read(p, as_version=4) for p in execute.notebook_paths()}


def labels_in(nb) -> list[str]:
    return [
        m.group(1)
        for c in nb.cells
        if c.cell_type == "markdown"
        for m in re.finditer(r":label: (ex-\d\d-\d+)", c.source)
    ]


def test_every_solution_checks_itself_and_the_student_edition_drops_it():
    for stem, nb in COMMITTED.items():
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        for label in labels_in(nb):
            assert f'assert h.check("{student.exercise_id(label)}", answer)' in code, (
                f"{stem}: {label} has no checked solution"
            )
        handed_out = student.student_notebook(nb)
        text = "\n".join(c.source for c in handed_out.cells)
        assert "solution-start" not in text and "assert h.check" not in text
        assert all(
            not c.get("outputs") and c.get("execution_count") is None for c in handed_out.cells if c.cell_type == "code"
        )
        assert text.count("answer = None") == len(labels_in(nb))
        assert "```{exercise}" not in text  # questions are handed out as plain Markdown
        headings = re.findall(r"^#### Exercise (\d\d\.\d+) · ([\w-]+)$", text, re.M)
        assert headings == [
            (student.exercise_id(label), exercises.REGISTRY[student.exercise_id(label)].level)
            for label in labels_in(nb)
        ], stem


def test_each_exercise_is_titled_by_its_id_and_level_without_a_book_wide_number():
    """The book shows "Exercise (04.1 · easy)", the id a teacher gives a class, not sphinx-exercise's running number."""
    for stem, nb in COMMITTED.items():
        for cell in nb.cells:
            if cell.cell_type == "markdown" and cell.source.startswith("```{exercise}"):
                head = cell.source.splitlines()
                label = next(line.split()[-1] for line in head if line.startswith(":label:"))
                ex = exercises.REGISTRY[student.exercise_id(label)]
                assert head[0] == f"```{{exercise}} {ex.id} · {ex.level}", (stem, head[0])
                assert ":nonumber:" in head


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
