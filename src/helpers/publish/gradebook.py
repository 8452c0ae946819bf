"""The gradebook ``make grade`` writes from graded submissions (:mod:`helpers.publish.grade`), in ``reports/grades/``:

* ``grades.csv``: one row per student and exercise (answered, correct, points, max points, the answer as shown, a
  note) and one ``total`` row per student, each row with the digest of the data graded on;
* ``summary.md``: for the teacher, per student (points, time, problems), per exercise (answered, right, the
  most common wrong answers, the expected value), the open-ended answers quoted for grading by hand, the cells
  that failed, and the files left aside;
* ``feedback/<student>.md``: for each student, per exercise: right or not, the message ``h.check`` gives (with
  the hint), the tolerance; the cells that failed; their own answers to the open-ended exercises;
* ``executed/<student>/<notebook>.ipynb``: each submission as it ran, outputs and errors included.

It also holds what a graded submission is (:class:`Graded`, :class:`Mark`, :class:`Failure`), which
:mod:`helpers.publish.grade` fills.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import nbformat

from helpers.data import paths
from helpers.notebook import exercises

NOT_GRADABLE = "not gradable"  # an exercise the data held cannot answer: left out of every student's points
HINTED = ("wrong", "failed", "not answered", "not reached")  # the statuses whose feedback gives the hint
UNSEEN = ("not submitted", "not run", NOT_GRADABLE)  # nothing of the student's to quote
NETWORK_NOTE = (
    "Notebooks run with the network off: a cell that downloads fails (a refused connection); the data "
    "come from the data held."
)


@dataclass
class Failure:
    """A cell that did not run through: where it is and what went wrong."""

    cell: int  # its position in the notebook, from 1
    first_line: str
    error: str  # "ZeroDivisionError: division by zero", "the time limit ... was reached", "the kernel died"

    def describe(self) -> str:
        return f"cell {self.cell} (`{self.first_line}`): {self.error}"


@dataclass
class Mark:
    """One student's result on one exercise."""

    exercise: exercises.Exercise
    verdict: exercises.Verdict | None  # None when no answer was read
    missing: str = ""  # then why, in a word or two: not submitted, not run, failed, not reached, not answered
    note: str = ""  # and the detail
    failure: Failure | None = None
    quoted: list[nbformat.NotebookNode] = field(default_factory=list)  # the exercise's cells, for open-ended ones

    @property
    def answered(self) -> bool:
        return bool(self.verdict and self.verdict.answered)

    @property
    def right(self) -> bool:
        return bool(self.verdict and self.verdict.right) and self.failure is None

    @property
    def status(self) -> str:
        """A word or two: right, wrong, not answered, failed, not reached, not submitted, not run."""
        if self.failure is not None:
            return "failed"
        if self.verdict is None:
            return self.missing or "not answered"
        if not self.verdict.answered:
            return "not answered"
        return "right" if self.verdict.right else "wrong"

    @property
    def counted(self) -> bool:
        """Whether the mark counts in the points: not an open-ended exercise (the teacher's), nor one not gradable."""
        return not self.exercise.manual and self.missing != NOT_GRADABLE

    @property
    def points(self) -> int | None:
        """Points earned; None when the mark does not count (see :attr:`counted`)."""
        if not self.counted:
            return None
        return self.exercise.max_points if self.right else 0


@dataclass
class Graded:
    """One student's submission of one notebook, graded."""

    student: str
    notebook: str  # the collection notebook's stem
    path: Path | None  # None: not submitted
    marks: list[Mark]
    seconds: float = 0.0  # wall time, kernel start included
    failures: list[Failure] = field(default_factory=list)
    stopped: str = ""  # why execution ended before the last cell
    executed: nbformat.NotebookNode | None = None


COLUMNS = [
    "student",
    "notebook",
    "exercise",
    "level",
    "graded",
    "answered",
    "correct",
    "points",
    "max_points",
    "answer",
    "note",
    "data_digest",
]


def file_name(student: str) -> str:
    """A student's folder name as a file name (letters, digits, ``.``, ``-`` and ``_``)."""
    return re.sub(r"[^\w.-]+", "_", student).strip("._") or "student"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def rows(graded: list[Graded], digest: str) -> list[dict]:
    """The rows of ``grades.csv``: each exercise of each student, then the student's total."""
    out = []
    for student in _students(graded):
        marks = [m for g in graded if g.student == student for m in g.marks]
        for mark in marks:
            ex = mark.exercise
            out.append(
                {
                    "student": student,
                    "notebook": ex.notebook,
                    "exercise": ex.id,
                    "level": ex.level,
                    "graded": "teacher" if ex.manual else "auto",
                    "answered": _yes(mark.answered),
                    "correct": _yes(mark.right),
                    "points": "" if mark.points is None else mark.points,
                    "max_points": ex.max_points,
                    "answer": mark.verdict.shown if mark.verdict else "",
                    "note": _note(mark),
                    "data_digest": digest,
                }
            )
        auto = [m for m in marks if m.counted]
        by_hand = sum(m.exercise.max_points for m in marks if m.exercise.manual)
        out.append(
            {
                "student": student,
                "notebook": "",
                "exercise": "total",
                "level": "",
                "graded": "auto",
                "answered": sum(m.answered for m in auto),
                "correct": sum(m.right for m in auto),
                "points": sum(m.points for m in auto),
                "max_points": sum(m.exercise.max_points for m in auto),
                "answer": "",
                "data_digest": digest,
                "note": f"open-ended exercises, graded by the teacher, add up to {by_hand} points" if by_hand else "",
            }
        )
    return out


def _note(mark: Mark) -> str:
    if mark.failure is not None:
        return mark.failure.describe()
    if mark.verdict is None:
        return mark.note or mark.missing
    if mark.exercise.manual:
        return "open-ended: the teacher grades it (correct says whether the number matches)"
    return ""


def _students(graded: list[Graded]) -> list[str]:
    return list(dict.fromkeys(g.student for g in graded))


def write_csv(graded: list[Graded], digest: str, path: Path) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows(graded, digest))
    return path


# ----------------------------------------------------------------------------- Markdown


def fenced(text: str, language: str = "") -> str:
    """``text`` in a code fence longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def quote(cells: list) -> str:
    """A student's cells for reading: code fenced, prose as a block quote."""
    if not cells:
        return "_(no cell written for it)_"
    parts = []
    for cell in cells:
        if cell.cell_type == "code":
            parts.append(fenced(cell.source, "python"))
        else:
            parts.append("\n".join("> " + line for line in cell.source.rstrip().splitlines()))
    return "\n\n".join(parts)


def data_line(data: dict) -> str:
    """Which data the grading used, and whether they are the class pack's."""
    if data["pack_digest"] is None:
        return f"data {data['digest']} (no class pack named, so not checked against one)"
    if data["matches_pack"]:
        return f"data {data['digest']}, the class pack's"
    return f"data {data['digest']}, **not** the class pack's ({data['pack_digest']}): graded on other data as asked"


def _header(title: str, meta: str) -> list[str]:
    return [f"# {title}", "", meta, ""]


def summary(graded: list[Graded], expected: dict, data: dict, aside: list[str], seconds: float) -> str:
    """``summary.md``: the class at a glance, for the teacher."""
    submitted = [g for g in graded if g.path is not None]
    per = sum(g.seconds for g in submitted) / len(submitted) if submitted else 0.0
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = _header(
        f"Grades: {len(_students(graded))} students, {', '.join(dict.fromkeys(g.notebook for g in graded))}",
        f"Graded {stamp} on {data_line(data)}; {len(submitted)} notebooks in {seconds:.0f} s "
        f"({per:.1f} s per notebook on average, kernel start included). Points count the auto-graded exercises; "
        f"open-ended ones are yours to grade (below). {NETWORK_NOTE}",
    )
    lines += _students_table(graded) + _exercises_table(graded, expected) + _manual_section(graded)
    failures = [f"- {g.student}/{g.notebook}: {f.describe()}" for g in graded for f in g.failures]
    failures += [f"- {g.student}/{g.notebook}: {g.stopped}" for g in graded if g.stopped and not g.failures]
    if failures:
        lines += ["## Cells that failed", "", *failures, ""]
    if aside:
        lines += ["## Files not graded", "", *[f"- {line}" for line in aside], ""]
    return "\n".join(lines)


def _students_table(graded: list[Graded]) -> list[str]:
    lines = [
        "## Students",
        "",
        "| student | points | of | open-ended to grade | seconds | problems |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for student in _students(graded):
        mine = [g for g in graded if g.student == student]
        marks = [m for g in mine for m in g.marks]
        auto = [m for m in marks if m.counted]
        problems = [f"{g.notebook}: not submitted" for g in mine if g.path is None]
        problems += [f"{g.notebook}: {len(g.failures)} failing cell(s)" for g in mine if g.failures]
        lines.append(
            f"| {student} | {sum(m.points for m in auto)} | {sum(m.exercise.max_points for m in auto)} | "
            f"{', '.join(m.exercise.id for m in marks if m.exercise.manual) or '–'} | "
            f"{sum(g.seconds for g in mine):.1f} | {'; '.join(problems) or '–'} |"
        )
    return lines + [""]


def _exercises_table(graded: list[Graded], expected: dict) -> list[str]:
    lines = [
        "## Exercises",
        "",
        "| exercise | level | points | answered | right | most common wrong answers | expected (data graded on) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    by_id: dict[str, list[Mark]] = {}
    for g in graded:
        for mark in g.marks:
            by_id.setdefault(mark.exercise.id, []).append(mark)
    for _ex_id, marks in by_id.items():
        ex = marks[0].exercise
        wrong = Counter(m.verdict.shown for m in marks if m.verdict and m.verdict.answered and not m.right)
        common = "; ".join(f"{answer} ({count})" for answer, count in wrong.most_common(3)) or "–"
        points = f"{ex.max_points} (yours to grade)" if ex.manual else str(ex.max_points)
        lines.append(
            f"| {ex.id} {ex.title} | {ex.level} | {points} | {sum(m.answered for m in marks)} of "
            f"{len(marks)} | {sum(m.right for m in marks)} | {common.replace('|', '/')} | "
            f"{exercises._show(expected[ex.id], ex.units)} ({exercises._tolerance_text(ex)}) |"
        )
    return lines + [""]


def _manual_section(graded: list[Graded]) -> list[str]:
    manual: dict[str, list[tuple[str, Mark]]] = {}
    for g in graded:
        for mark in g.marks:
            if mark.exercise.manual:
                manual.setdefault(mark.exercise.id, []).append((g.student, mark))
    if not manual:
        return []
    lines = ["## For you to grade: the open-ended exercises", ""]
    for marks in manual.values():
        ex = marks[0][1].exercise
        lines += [f"### {ex.id} · {ex.title} ({ex.max_points} points)", "", f"Asked: {ex.question}.", ""]
        for student, mark in marks:
            if mark.status not in UNSEEN:
                shown = f" ({mark.verdict.shown})" if mark.verdict and mark.verdict.answered else ""
                lines += [f"#### {student}: the number is {mark.status}{shown}", "", quote(mark.quoted), ""]
        unseen = [f"{student} ({mark.status})" for student, mark in marks if mark.status in UNSEEN]
        if unseen:
            lines += [f"Nothing to read from: {', '.join(unseen)}.", ""]
    return lines


def feedback(student: str, graded: list[Graded], data: dict) -> str:
    """``feedback/<student>.md``: what a student reads back, exercise by exercise."""
    mine = [g for g in graded if g.student == student]
    marks = [m for g in mine for m in g.marks]
    auto = [m for m in marks if m.counted]
    manual = [m.exercise.id for m in marks if m.exercise.manual]
    lines = _header(
        f"Feedback for {student}",
        f"{sum(m.points for m in auto)} of {sum(m.exercise.max_points for m in auto)} points on the "
        f"exercises graded automatically"
        + (f"; your teacher grades {', '.join(manual)}" if manual else "")
        + f". Your notebooks were run from the top on the class's data ({data['digest']}).",
    )
    for g in mine:
        if g.path is None:
            lines += [
                f"## {g.notebook}: not submitted",
                "",
                f"Its exercises ({', '.join(m.exercise.id for m in g.marks)}) earn no points.",
                "",
            ]
            continue
        ran = f", ran in {g.seconds:.0f} s" if g.executed is not None else ""
        lines += [f"## {g.notebook} ({g.path.name}{ran})", ""]
        if g.stopped and g.executed is None:
            lines += [f"**Not run:** {g.stopped}; none of its exercises could be graded.", ""]
        elif g.stopped:
            lines += [f"**Stopped early:** {g.stopped}. The exercises after that point earn no points.", ""]
        for mark in g.marks:
            lines += _feedback_mark(mark)
        if g.failures:
            lines += ["### Cells that failed", "", *[f"- {f.describe()}" for f in g.failures], "", NETWORK_NOTE, ""]
    return "\n".join(lines)


def _feedback_mark(mark: Mark) -> list[str]:
    ex = mark.exercise
    if ex.manual:
        earned = f"the number is {mark.status}; your teacher grades it ({ex.max_points} points)"
    elif not mark.counted:
        earned = f"{mark.status}; it does not count in your points"
    else:
        earned = f"{mark.status}, {mark.points} of {ex.max_points} point{'s' if ex.max_points > 1 else ''}"
    said = []
    if mark.failure is not None:
        said.append(f"A cell of this exercise failed, so it earns nothing: {mark.failure.describe()}.")
    elif mark.verdict is not None:
        said.append(mark.verdict.message)
    elif mark.note:
        said.append(mark.note[:1].upper() + mark.note[1:] + ".")
    if mark.status in HINTED and (mark.verdict is None or "Hint:" not in mark.verdict.message):
        said.append(f"Hint: {ex.hint}")
    lines = [
        f"### Exercise {ex.id} · {ex.level} — {ex.title}: {earned}",
        "",
        *said,
        *([""] if said else []),
        f"Checked {exercises._tolerance_text(ex)} against the value the data give.",
        "",
    ]
    if ex.manual and mark.status not in UNSEEN:
        lines += ["Your cells for it:", "", quote(mark.quoted), ""]
    return lines


def write(graded: list[Graded], expected: dict, data: dict, aside: list[str], seconds: float, out_dir: Path) -> dict:
    """Write the gradebook into ``out_dir`` (replacing an earlier one); returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in ("feedback", "executed"):
        shutil.rmtree(out_dir / stale, ignore_errors=True)
    (out_dir / "feedback").mkdir()
    csv_path = write_csv(graded, data["digest"], out_dir / "grades.csv")
    summary_path = out_dir / "summary.md"
    summary_path.write_text(summary(graded, expected, data, aside, seconds), encoding="utf-8")
    feedback_paths = []
    for student in _students(graded):
        path = out_dir / "feedback" / f"{file_name(student)}.md"
        path.write_text(feedback(student, graded, data), encoding="utf-8")
        feedback_paths.append(path)
    for g in graded:
        if g.executed is not None:
            target = out_dir / "executed" / file_name(g.student) / f"{g.notebook}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(g.executed, target)
    return {
        "csv": csv_path,
        "summary": summary_path,
        "feedback": feedback_paths,
        "graded": graded,
        "shown": paths.display_path(out_dir),
    }
