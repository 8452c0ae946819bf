"""Grading a class (``make grade``): submissions found in an LMS layout, each exercise's cells told apart, answers
read from the kernel and judged by the registry, broken notebooks graded rather than dropped, and the gradebook.

The slow test grades a class built from ``make student``'s output and the teacher's notebook 01: the solutions,
the untouched student edition, a wrong answer (with the check patched to say yes), an answer cell that raises, a
check deleted (and a heading), a kernel that dies. Another grades a time-out and a download on a tiny notebook.
"""

import csv
import os
import subprocess
import sys

import nbformat
import pytest

from conftest import SNAPSHOT
from helpers.data import identity
from helpers.errors import OtherDataError, TooLittleDataError
from helpers.notebook import exercises
from helpers.publish import execute, grade, gradebook, student
from helpers.publish.gradebook import Failure, Graded, Mark

STEM = "01_setup_2025"
TEACHER = next(p for p in execute.notebook_paths() if p.stem == STEM)
RIGHT = {
    "01.1": 'answer = returns.period_return(levels["RUT"].dropna(), "2025-11-30", "2025-12-31")',
    "01.2": 'day = events.first_date_reaching(levels["RUT"].dropna(), 2600)\n'
    'answer = day if day is not None else "not reached"',
}


def handed_out(stem: str = STEM):
    return student.student_notebook(nbformat.read(next(p for p in execute.notebook_paths() if p.stem == stem), 4))


def stub(nb, ex_id: str):
    return next(c for c in nb.cells if c.get("metadata", {}).get("helpers", {}).get("exercise") == ex_id)


def answer(nb, ex_id: str, code: str):
    """The student edition ``nb`` with exercise ``ex_id`` answered by ``code`` (in place of ``answer = None``)."""
    cell = stub(nb, ex_id)
    cell.source = cell.source.replace("answer = None", code)
    return nb


def heading(nb, ex_id: str):
    return next(c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith(f"#### Exercise {ex_id}"))


# ----------------------------------------------------------------------------- fast: no kernel


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_each_exercise_has_its_cells_from_its_heading_to_the_next_or_the_provenance(edition):
    for path in execute.notebook_paths():
        ids = [ex.id for ex in exercises.for_notebook(path.stem)]
        nb = handed_out(path.stem) if edition == "student" else nbformat.read(path, 4)
        found = grade.regions(nb, ids)
        assert list(found) == ids, path.stem
        for ex_id, cells in found.items():
            first = nb.cells[cells.start]
            assert first.cell_type == "markdown" and grade.exercise_marker(first) == ex_id
            code = "\n".join(nb.cells[i].source for i in cells if nb.cells[i].cell_type == "code")
            assert f'h.check("{ex_id}", answer)' in code, (path.stem, ex_id)
        if ids:
            after = nb.cells[found[ids[-1]].stop]
            assert after.source.startswith("## Provenance"), path.stem


def test_a_deleted_heading_leaves_the_answer_cell_opening_its_exercise():
    nb = handed_out()
    nb.cells.remove(heading(nb, "01.2"))
    found = grade.regions(nb, ["01.1", "01.2", "01.3"])
    assert nb.cells[found["01.2"].start] is stub(nb, "01.2")
    assert found["01.1"].stop == found["01.2"].start


def test_submissions_are_found_one_folder_per_student_whatever_the_lms_named_the_file(tmp_path):
    stems = [p.stem for p in execute.notebook_paths()]
    for relpath in [
        "alice/01_setup_2025.ipynb",
        "bob/submission/bob_01_setup_2025 (1).ipynb",
        "bob/.ipynb_checkpoints/01_setup_2025-checkpoint.ipynb",
        "carol/notes.ipynb",
        "stray.ipynb",
    ]:
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text("{}")
    newer = tmp_path / "alice" / "01_setup_2025 (resubmitted).ipynb"
    newer.write_text("{}")
    os.utime(newer, (2e9, 2e9))
    found, aside = grade.find_submissions(tmp_path, stems)
    assert found == {
        "alice": {STEM: newer},
        "bob": {STEM: tmp_path / "bob/submission/bob_01_setup_2025 (1).ipynb"},
        "carol": {},
    }
    assert any("a newer 01_setup_2025 was graded" in line for line in aside)
    assert any(line.startswith("carol/notes.ipynb") for line in aside)
    assert any(line.startswith("stray.ipynb") for line in aside)
    assert grade.notebooks_to_grade(found) == [STEM]
    assert grade.notebooks_to_grade(found, only=["03_valuation_gap.ipynb"]) == ["03_valuation_gap"]


def test_grading_refuses_data_that_are_not_the_class_packs_unless_asked(data_dir, tmp_path):
    with pytest.raises(OtherDataError, match="synthetic sample"):
        grade.class_data()
    assert grade.class_data(allow_other_data=True)["digest"] == "synthetic sample"


def test_the_pack_named_decides_which_data_grading_accepts(real_data, tmp_path):
    held = identity.current().digest
    assert grade.class_data(SNAPSHOT) == {
        "digest": held,
        "pack": str(SNAPSHOT),
        "pack_digest": held,
        "matches_pack": True,
    }
    other = tmp_path / "other-pack"
    other.mkdir()
    (other / "PROVENANCE.json").write_text('{"files": {"prices/IWM.csv": {"sha256": "00"}}}')
    with pytest.raises(OtherDataError, match=r"not the class pack's .*ALLOW_OTHER_DATA=1"):
        grade.class_data(other)
    assert grade.class_data(other, allow_other_data=True)["matches_pack"] is False
    assert grade.class_data()["pack_digest"] is None


def test_the_gradebook_counts_points_quotes_open_ended_answers_and_names_failing_cells(tmp_path):
    """The gradebook from graded submissions made by hand: totals, the most common wrong answer, feedback."""
    ex1, ex2, ex3 = exercises.for_notebook(STEM)
    expected = {ex1.id: 0.1, ex2.id: exercises.NOT_REACHED, ex3.id: -0.05}
    crash = Failure(27, "answer = 1 / 0", "ZeroDivisionError: division by zero")
    prose = nbformat.v4.new_markdown_cell("IJR trails: the rally was led by unprofitable companies.")
    right, wrong = exercises.judge(ex1, 0.1, 0.1), exercises.judge(ex1, 0.5, 0.1)
    graded = [
        Graded(
            "ann",
            STEM,
            tmp_path / "a.ipynb",
            [
                Mark(ex1, right),
                Mark(ex2, None, "failed", failure=crash),
                Mark(ex3, exercises.judge(ex3, -0.05, -0.05), quoted=[prose]),
            ],
            seconds=4.0,
            failures=[crash],
        ),
        Graded(
            "ben",
            STEM,
            tmp_path / "b.ipynb",
            [
                Mark(ex1, wrong),
                Mark(ex2, exercises.judge(ex2, None, "x")),
                Mark(ex3, exercises.judge(ex3, None, -0.05)),
            ],
            seconds=5.0,
        ),
        Graded("cy d", STEM, None, [Mark(ex, None, "not submitted") for ex in (ex1, ex2, ex3)]),
    ]
    data = {"digest": "abc", "pack": "pack", "pack_digest": "abc", "matches_pack": True}
    written = gradebook.write(graded, expected, data, ["stray.ipynb: outside a student's folder"], 9.0, tmp_path / "g")
    with open(written["csv"], newline="") as fh:
        table = list(csv.DictReader(fh))
    totals = {row["student"]: (row["points"], row["max_points"]) for row in table if row["exercise"] == "total"}
    assert totals == {"ann": ("1", "2"), "ben": ("0", "2"), "cy d": ("0", "2")}
    ann = {row["exercise"]: row for row in table if row["student"] == "ann"}
    assert ann["01.2"]["points"] == "0" and "ZeroDivisionError" in ann["01.2"]["note"]
    assert ann["01.3"]["graded"] == "teacher" and ann["01.3"]["points"] == "" and ann["01.3"]["correct"] == "yes"
    assert {row["data_digest"] for row in table} == {"abc"}
    summary = written["summary"].read_text()
    assert "| 01.1 December from the index, not the ETF | easy | 1 | 2 of 3 | 1 | 50.0% (1) | 10.0%" in summary
    assert "the rally was led by unprofitable companies" in summary and "Nothing to read from: cy d" in summary
    assert "ann/01_setup_2025: cell 27 (`answer = 1 / 0`): ZeroDivisionError" in summary
    assert "stray.ipynb" in summary and "the class pack's" in summary
    assert [p.name for p in written["feedback"]] == ["ann.md", "ben.md", "cy_d.md"]
    ben = (tmp_path / "g" / "feedback" / "ben.md").read_text()
    assert "Exercise 01.1 · easy — December from the index, not the ETF: wrong, 0 of 1 point" in ben
    assert f"Hint: {ex1.hint}" in ben and "within ±0.05 percentage points" in ben
    assert "not answered" in ben
    assert "not submitted" in (tmp_path / "g" / "feedback" / "cy_d.md").read_text()


def test_an_exercise_the_data_cannot_answer_counts_for_no_one(monkeypatch, tmp_path):
    """At an early as-of date an exercise's window may lie after the data: it is left out of every student's points."""

    def too_early():
        raise TooLittleDataError("the window starts after the last observation")

    late = exercises.Exercise("99.1", "99_toy", "late", "q", "easy", "fraction", 0.001, "h", too_early, "0.1")
    fine = exercises.Exercise("99.2", "99_toy", "fine", "q", "easy", "fraction", 0.001, "h", lambda: 0.1, "0.1")
    monkeypatch.setitem(exercises.REGISTRY, "99.1", late)
    monkeypatch.setitem(exercises.REGISTRY, "99.2", fine)
    expected, ungradable = grade.expected_values(["99_toy"])
    assert expected == {"99.1": None, "99.2": 0.1} and "the window starts after" in ungradable["99.1"]
    marks = [Mark(late, None, gradebook.NOT_GRADABLE, ungradable["99.1"]), Mark(fine, exercises.judge(fine, 0.1, 0.1))]
    assert [m.points for m in marks] == [None, 1] and not marks[0].counted
    graded = [Graded("ann", "99_toy", tmp_path / "a.ipynb", marks)]
    total = gradebook.rows(graded, "abc")[-1]
    assert (total["points"], total["max_points"]) == (1, 1)
    said = gradebook.feedback("ann", graded, {"digest": "abc"})
    assert "late: not gradable; it does not count in your points" in said


def test_a_grading_kernel_refuses_the_network():
    code = (
        "from helpers.publish import offline\noffline.block()\nimport socket\n"
        "try:\n    socket.create_connection(('example.org', 80), timeout=5)\nexcept offline.NetworkOffError as e:\n"
        "    print('refused:', e)\ns = socket.socket()\nprint('local:', s.connect_ex(('127.0.0.1', 9)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "refused: the network is off while this notebook is graded" in result.stdout, result.stderr
    assert "local:" in result.stdout


# ----------------------------------------------------------------------------- slow: notebooks executed


def the_class(folder):
    """A class handing in notebook 01, each student a folder, as an LMS bulk download gives it."""
    untouched = handed_out()
    wrong = answer(handed_out(), "01.1", "answer = 0.5")
    wrong.cells.insert(
        3,
        nbformat.v4.new_code_cell(
            "import helpers\nhelpers.check = lambda *args, **kwargs: True\n"
            "helpers.notebook.exercises.check = helpers.check"
        ),
    )
    raises = answer(answer(handed_out(), "01.1", RIGHT["01.1"]), "01.2", "answer = 1 / 0")
    no_check = answer(answer(handed_out(), "01.1", RIGHT["01.1"]), "01.2", RIGHT["01.2"])
    stub(no_check, "01.1").source = RIGHT["01.1"]  # the check deleted: the answer alone
    no_check.cells.remove(heading(no_check, "01.2"))
    crash = answer(answer(handed_out(), "01.1", RIGHT["01.1"]), "01.2", "import os\nos._exit(1)")
    notebooks = {
        "teacher": nbformat.read(TEACHER, 4),
        "untouched": untouched,
        "wrong": wrong,
        "raises": raises,
        "no-check": no_check,
        "crash": crash,
    }
    for name, nb in notebooks.items():
        (folder / name).mkdir(parents=True)
        nbformat.write(nb, folder / name / f"{STEM}.ipynb")
    return folder


@pytest.mark.slow
def test_a_class_is_graded_by_the_registry_not_by_the_students_checks(real_data, tmp_path):
    written = grade.grade_class(
        the_class(tmp_path / "class"),
        pack_folder=SNAPSHOT,
        out_dir=tmp_path / "grades",
        time_limit=120,
        log=lambda line: None,
    )
    marks = {(g.student, m.exercise.id): m for g in written["graded"] for m in g.marks}
    status = {key: (m.status, m.points) for key, m in marks.items() if key[1] != "01.3"}
    assert status == {
        ("teacher", "01.1"): ("right", 1),
        ("teacher", "01.2"): ("right", 1),
        ("untouched", "01.1"): ("not answered", 0),
        ("untouched", "01.2"): ("not answered", 0),
        ("wrong", "01.1"): ("wrong", 0),
        ("wrong", "01.2"): ("not answered", 0),
        ("raises", "01.1"): ("right", 1),
        ("raises", "01.2"): ("failed", 0),
        ("no-check", "01.1"): ("right", 1),
        ("no-check", "01.2"): ("right", 1),
        ("crash", "01.1"): ("right", 1),
        ("crash", "01.2"): ("failed", 0),
    }
    assert marks["teacher", "01.3"].status == "right" and marks["teacher", "01.3"].points is None
    assert marks["crash", "01.3"].status == "not reached"
    assert "ZeroDivisionError" in marks["raises", "01.2"].failure.error
    assert "the kernel died" in marks["crash", "01.2"].failure.error
    with open(written["csv"], newline="") as fh:
        totals = {row["student"]: row["points"] for row in csv.DictReader(fh) if row["exercise"] == "total"}
    assert totals == {"teacher": "2", "untouched": "0", "wrong": "0", "raises": "1", "no-check": "2", "crash": "1"}
    feedback = {p.stem: p.read_text() for p in written["feedback"]}
    assert set(feedback) == {"teacher", "untouched", "wrong", "raises", "no-check", "crash"}
    assert "ZeroDivisionError: division by zero" in feedback["raises"] and "answer = 1 / 0" in feedback["raises"]
    assert exercises.REGISTRY["01.1"].hint in feedback["wrong"]
    summary = written["summary"].read_text()
    assert "50.0% (1)" in summary and f"data {identity.current().digest}, the class pack's" in summary
    assert (tmp_path / "grades" / "executed" / "crash" / f"{STEM}.ipynb").exists()
    seconds = [g.seconds for g in written["graded"]]
    assert all(0 < s < 120 for s in seconds), seconds


@pytest.mark.slow
def test_a_time_out_and_a_download_are_graded_not_dropped(data_dir, tmp_path):
    """A notebook whose 01.1 cell downloads and whose 01.3 cell never ends: 01.2, which ran, keeps its point."""
    cells = [
        nbformat.v4.new_markdown_cell("#### Exercise 01.1 · easy"),
        nbformat.v4.new_code_cell("import urllib.request\nurllib.request.urlopen('http://example.org')"),
        nbformat.v4.new_markdown_cell("#### Exercise 01.2 · easy"),
        nbformat.v4.new_code_cell("answer = 'not reached'"),
        nbformat.v4.new_markdown_cell("#### Exercise 01.3 · open-ended"),
        nbformat.v4.new_code_cell("import time\ntime.sleep(600)"),
    ]
    path = tmp_path / f"{STEM}.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    expected = {"01.1": 0.1, "01.2": exercises.NOT_REACHED, "01.3": 0.0}
    graded = grade.grade_submission("slow", STEM, path, expected, time_limit=4)
    marks = {m.exercise.id: m for m in graded.marks}
    assert marks["01.1"].status == "failed" and "URLError" in marks["01.1"].failure.error
    assert marks["01.2"].status == "right" and marks["01.2"].points == 1
    assert marks["01.3"].status == "failed" and "time limit of 4 s" in marks["01.3"].failure.error
    assert graded.stopped.startswith("execution stopped at cell 6") and graded.seconds < 60
