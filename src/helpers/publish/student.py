"""The student edition: the same notebooks without the solutions, outputs cleared (``make student``).

Every solution in the committed notebooks is a gated block: a Markdown cell
opening with a sphinx-exercise ``solution-start`` directive, the solution's code
and prose cells, and a Markdown cell with ``solution-end``. The student edition
drops each such block and puts in its place one code cell that checks
``answer = None`` (tagged ``exercise-answer``, with the exercise's id in its
metadata): run as handed out, it prints that the exercise is not answered yet;
once the student sets ``answer``, ``h.check`` says right or wrong, with a hint.
Exercises stay where they are; every output is cleared.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from helpers.data import paths
from helpers.notebook import exercises

SOLUTION_START = re.compile(r"^```\{solution-start\}\s+(\S+)", re.M)
SOLUTION_END = re.compile(r"^```\{solution-end\}", re.M)
# an exercise directive: its title (``01.2 · easy``), its options, then the question
ANSWER_TAG = "exercise-answer"
EXERCISE = re.compile(r"^```\{exercise\}([^\n]*)\n(?::[\w-]+:[^\n]*\n)*\n?(.*?)\n```\s*$", re.S)
README = """# Student edition

These are the collection's notebooks with the exercises in place and the solutions taken out.
Each exercise ends with a cell like

    answer = None
    h.check("01.1", answer)

Replace `None` with your answer and run the cell: `h.check` compares it with the value computed
from the data you hold (so everyone who imported the same class data pack gets the same answer)
and gives a hint when it does not match. Run each notebook from the top: the exercises use
variables the notebook computed before them.

Grading (`make grade`) runs your notebook from the top and reads `answer` after the cells under
each exercise's heading: keep each answer in `answer` there, and keep the headings. A cell that
fails costs only the exercise it belongs to.

Data: import the folder your teacher handed out with `make data FROM=<folder>` (no network
needed), then open these notebooks in JupyterLab (`.venv/bin/jupyter lab`).
"""


def exercise_id(label: str) -> str:
    """The registry id of an exercise label: ``ex-01-2`` -> ``01.2``."""
    match = re.fullmatch(r"ex-(\d\d)-(\d+)", label)
    if not match:
        raise ValueError(f"exercise labels are written ex-NN-K (notebook, number), not {label!r}")
    return f"{match.group(1)}.{match.group(2)}"


def answer_cell_metadata(exercise_id: str) -> dict:
    """The metadata of a student's answer cell: the ``exercise-answer`` tag and the exercise's id, which
    ``make grade`` reads when a student deleted the exercise's heading (:mod:`helpers.publish.grade`)."""
    return {"tags": [ANSWER_TAG], "helpers": {"exercise": exercise_id}}


def student_notebook(nb) -> nbformat.NotebookNode:
    """A copy of ``nb`` without its solution blocks (each replaced by an unanswered check), outputs cleared."""
    cells, skipping = [], None
    for cell in nb.cells:
        source = cell.source
        if cell.cell_type == "markdown" and skipping is None:
            start = SOLUTION_START.search(source)
            if start:
                skipping = exercise_id(start.group(1))
                continue
        if skipping is not None:
            if cell.cell_type == "markdown" and SOLUTION_END.search(source):
                stub = exercises.stub(exercises.REGISTRY[skipping])
                cells.append(nbformat.v4.new_code_cell(stub, metadata=answer_cell_metadata(skipping)))
                skipping = None
            continue
        copy = nbformat.from_dict(dict(cell))
        exercise = EXERCISE.match(source.strip()) if cell.cell_type == "markdown" else None
        if exercise:  # in Jupyter a directive shows as a code block: hand out the question as plain Markdown
            copy.source = f"#### Exercise {exercise.group(1).strip()}".rstrip() + "\n\n" + exercise.group(2).strip()
        if copy.cell_type == "code":
            copy.outputs, copy.execution_count = [], None
        cells.append(copy)
    if skipping is not None:
        raise ValueError(f"the solution of exercise {skipping} has no solution-end")
    out = nbformat.v4.new_notebook(cells=cells)
    out.metadata = {k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")}
    return out


def write_edition(out_dir: Path | None = None) -> list[Path]:
    """Write the student edition of every committed notebook into ``out_dir`` (default ``reports/student``)."""
    from .execute import notebook_paths

    out_dir = Path(out_dir or paths.reports_dir() / "student")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebook_paths():
        nb = student_notebook(nbformat.read(path, as_version=4))
        target = out_dir / path.name
        nbformat.write(nb, target)
        written.append(target)
    (out_dir / "README.md").write_text(README, encoding="utf-8")
    return written
