"""Grading a class's submissions (``make grade SUBMISSIONS=DIR``): each notebook executed on its own, each answer
judged by the exercise registry, a gradebook and a feedback file per student (:mod:`helpers.publish.gradebook`).

**The folder.** One folder per student, as an LMS bulk download gives it: ``DIR/<student>/<notebook>.ipynb``
(deeper folders are searched too; ``.ipynb_checkpoints`` are not). A file is the submission of a collection
notebook when that notebook's name (``01_setup_2025``) is in its file name; of two such files the newer counts.

**Executing.** Each submission runs in a fresh temporary working folder, cell by cell, in a fresh
kernel (started under the machine-wide lock of :mod:`helpers.publish.kernels`), on the data this process holds
(``HELPERS_DATA_DIR``), with the network off (:mod:`helpers.publish.offline`) and one time limit for the whole
notebook. A cell that raises is recorded and execution goes on; a time-out or a kernel that dies ends the
notebook there. Cells tagged ``raises-exception`` get no pass.

**Which cells answer which exercise.** An exercise's cells start at its heading (the student edition's
``#### Exercise 01.2 · easy``, or the book's ``{exercise}`` directive labelled ``ex-01-2``) or, when a student
deleted the heading, at the answer cell whose metadata carries the exercise's id (``helpers.exercise``, written by
:mod:`helpers.publish.student`). They end where the next exercise's cells start, or at the notebook's closing
``## Provenance`` section. ``answer`` is cleared in the kernel when an exercise's cells start and read out of it
(:func:`helpers.notebook.exercises.answer_to_json`) when they end, so an exercise's answer is what its own cells
set, whatever became of the ``h.check`` call.

**Judging.** The teacher's registry decides: each answer is judged in this process by
:func:`helpers.notebook.exercises.judge`, against expected values computed once, from the data held, before any
submission runs; a student's kernel neither computes nor sees them, so editing or deleting a check earns nothing.
An exercise one of whose cells failed earns zero, with the cell and the error in the feedback; so does one that
execution never reached. Open-ended exercises are the teacher's to grade: their cells are quoted, their points left
blank.
"""

from __future__ import annotations

import ast
import math
import re
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from helpers import settings
from helpers.data import identity, pack, paths
from helpers.errors import HelpersError, OtherDataError, TooLittleDataError
from helpers.notebook import exercises

from . import execute, gradebook, kernels, offline, student
from .gradebook import Failure, Graded, Mark

TIME_LIMIT_SECONDS = 300  # per notebook; a notebook of the collection grades in 3 to 7 s here, kernel start included
HEADING = re.compile(r"^#{1,6}\s*Exercise\s+(\d\d\.\d+)\b")
DIRECTIVE_LABEL = re.compile(r"^:label:\s*(ex-\d\d-\d+)\s*$", re.M)
CLOSING = re.compile(r"^##\s+Provenance\b")
CLEAR_ANSWER = "globals().pop('answer', None)"
READ_ANSWER = "__import__('helpers.notebook.exercises', fromlist=['x']).answer_to_json(globals().get('answer'))"


# ----------------------------------------------------------------------------- finding the submissions


def notebook_of(path: Path, stems: list[str]) -> str | None:
    """The collection notebook a submitted file is (its stem in the file's name), or None."""
    name = path.name
    matches = [stem for stem in stems if stem in name]
    return max(matches, key=len) if matches else None


def find_submissions(folder: Path, stems: list[str]) -> tuple[dict[str, dict[str, Path]], list[str]]:
    """``{student: {notebook stem: file}}`` under ``folder``, and a line for each notebook file left aside."""
    folder = Path(folder)
    if not folder.is_dir():
        raise HelpersError(f"{paths.display_path(folder)} is not a folder of submissions (one folder per student)")
    found, aside = {}, []
    for student_dir in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = sorted(p for p in student_dir.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        mine: dict[str, Path] = {}
        for path in sorted(files, key=lambda p: p.stat().st_mtime):
            stem = notebook_of(path, stems)
            if stem is None:
                aside.append(f"{student_dir.name}/{path.relative_to(student_dir)}: not a notebook with exercises")
                continue
            if stem in mine:
                aside.append(f"{student_dir.name}/{mine[stem].relative_to(student_dir)}: a newer {stem} was graded")
            mine[stem] = path
        found[student_dir.name] = mine
    aside += [f"{p.name}: outside a student's folder" for p in sorted(folder.glob("*.ipynb"))]
    if not found:
        raise HelpersError(
            f"{paths.display_path(folder)} holds no student folders: the layout is DIR/<student>/<notebook>.ipynb"
        )
    return found, aside


# ----------------------------------------------------------------------------- which cells answer which exercise


def exercise_marker(cell) -> str | None:
    """The exercise id a cell opens: a heading ``#### Exercise 01.2``, a directive labelled ``ex-01-2``, or an
    answer cell whose metadata names the exercise."""
    if cell.cell_type == "markdown":
        heading = HEADING.match(cell.source.lstrip())
        if heading:
            return heading.group(1)
        label = DIRECTIVE_LABEL.search(cell.source) if cell.source.lstrip().startswith("```{exercise}") else None
        return student.exercise_id(label.group(1)) if label else None
    if cell.cell_type == "code":
        return cell.get("metadata", {}).get("helpers", {}).get("exercise")
    return None


def regions(nb, ids: list[str]) -> dict[str, range]:
    """The cells of each exercise in ``ids`` found in ``nb``: from the first cell that opens it to the next
    exercise's first cell or the closing ``## Provenance`` section."""
    starts: dict[str, int] = {}
    for index, cell in enumerate(nb.cells):
        marker = exercise_marker(cell)
        if marker in ids and marker not in starts:
            starts[marker] = index
    bounds = sorted(starts.values()) + [len(nb.cells)]
    closing = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and CLOSING.match(c.source.lstrip())]
    found = {}
    for ex_id, start in starts.items():
        end = min(b for b in bounds if b > start)
        found[ex_id] = range(start, min([i for i in closing if start < i < end] + [end]))
    return found


def quoted_cells(nb, cells: range) -> list:
    """The cells a student wrote for an exercise: its cells without the opening heading (nor, in the book's own
    notebooks, the directives around a solution)."""
    picked = [nb.cells[i] for i in cells]
    if picked and picked[0].cell_type == "markdown":
        picked = picked[1:]
    directive = (student.SOLUTION_START, student.SOLUTION_END)
    return [
        c
        for c in picked
        if c.source.strip() and not (c.cell_type == "markdown" and any(d.search(c.source) for d in directive))
    ]


# ----------------------------------------------------------------------------- executing one submission


def kernel_env() -> dict:
    """The environment of a grading kernel: this process's, on this process's data, without a FRED key, with
    proxies pointing nowhere."""
    return settings.child_environment(
        {**offline.PROXY_ENV, "HELPERS_DATA_DIR": str(paths.data_dir())}, drop=("FRED_API_KEY",)
    )


def _hidden(client: NotebookClient, code: str, expressions: dict | None = None) -> dict:
    """Run ``code`` in the kernel without output or history; the reply's content."""
    msg_id = client.kc.execute(code, silent=True, store_history=False, user_expressions=expressions or {})
    reply = client.wait_for_reply(msg_id)
    return reply["content"] if reply else {}


def read_answer(client: NotebookClient):
    """The kernel's ``answer`` (None when unset), carried out as JSON."""
    result = _hidden(client, "", {"answer": READ_ANSWER}).get("user_expressions", {}).get("answer", {})
    if result.get("status") != "ok":
        return exercises.Unreadable(f"<unreadable: {result.get('ename')}: {result.get('evalue')}>")
    return exercises.answer_from_json(ast.literal_eval(result["data"]["text/plain"]))


def _failure(index: int, cell, error: str) -> Failure:
    """The failure of cell ``index``, named by its first line of code (comments skipped) so a student finds it."""
    lines = [line.strip() for line in cell.source.splitlines() if line.strip()]
    first = next((line for line in lines if not line.startswith("#")), lines[0] if lines else "")
    return Failure(index + 1, first[:80], error)


class Run:
    """One submission executing: the cells, which exercise each belongs to, and what was read or went wrong."""

    def __init__(self, nb, ids: list[str], time_limit: float):
        self.nb, self.time_limit = nb, time_limit
        self.regions = regions(nb, ids)
        self.owner = {i: ex_id for ex_id, cells in self.regions.items() for i in cells}
        self.answers: dict[str, object] = {}
        self.failed: dict[str, Failure] = {}  # the first failure in each exercise's cells
        self.failures: list[Failure] = []
        self.stopped = ""

    def execute(self, client: NotebookClient) -> None:
        """Run every cell (until a time-out or the kernel's death), reading each exercise's answer."""
        deadline = time.monotonic() + self.time_limit
        for index, cell in enumerate(self.nb.cells):
            ex_id = self.owner.get(index)
            if ex_id and index == self.regions[ex_id].start:
                _hidden(client, CLEAR_ANSWER)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._stop(index, cell, f"the time limit of {self.time_limit:.0f} s was reached before this cell")
                return
            client.timeout = math.ceil(remaining)
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as exc:
                self._fail(index, cell, f"{exc.ename}: {exc.evalue}")
            except CellTimeoutError:
                self._stop(index, cell, f"the time limit of {self.time_limit:.0f} s for the notebook was reached here")
                return
            except DeadKernelError:
                self._stop(index, cell, "the kernel died (a crash, os._exit or too much memory)")
                return
            if ex_id and index == self.regions[ex_id].stop - 1 and ex_id not in self.failed:
                self.answers[ex_id] = read_answer(client)

    def _fail(self, index: int, cell, error: str) -> None:
        failure = _failure(index, cell, error)
        self.failures.append(failure)
        if index in self.owner:
            self.failed.setdefault(self.owner[index], failure)

    def _stop(self, index: int, cell, error: str) -> None:
        self._fail(index, cell, error)
        self.stopped = f"execution stopped at cell {index + 1}: {error}"


def start_client(nb, folder: Path, time_limit: float) -> NotebookClient:
    """A client for ``nb`` with its kernel started in ``folder``, the network off in it."""
    client = NotebookClient(
        nb,
        kernel_name=execute.KERNEL,
        timeout=math.ceil(time_limit),
        force_raise_errors=True,
        extra_arguments=["--IPKernelApp.log_level=ERROR", f"--IPKernelApp.exec_lines={offline.KERNEL_LINE}"],
        resources={"metadata": {"path": str(folder)}},
    )
    # the kernel's own log (not the notebook's output) would fill the terminal with each time-out's shutdown
    kernels.start(client, kernel_env(), stderr=subprocess.DEVNULL)
    return client


def grade_submission(
    student_name: str, stem: str, path: Path | None, expected: dict, time_limit: float = TIME_LIMIT_SECONDS
) -> Graded:
    """Execute one student's notebook ``path`` (a collection notebook ``stem``) and judge each exercise's answer
    against ``expected`` (exercise id -> expected value)."""
    listed = exercises.for_notebook(stem)
    if path is None:
        return Graded(student_name, stem, None, [Mark(ex, None, "not submitted") for ex in listed])
    started = time.perf_counter()
    try:
        nb = nbformat.read(path, as_version=4)
    except (ValueError, OSError, nbformat.ValidationError) as exc:  # NotJSONError is a ValueError
        why = f"not a readable notebook ({type(exc).__name__})"
        return Graded(student_name, stem, path, [Mark(ex, None, "not run", why) for ex in listed], stopped=why)
    run = Run(nb, [ex.id for ex in listed], time_limit)
    with tempfile.TemporaryDirectory(prefix="helpers-grade-") as folder:  # the kernel's working folder, emptied after
        try:
            client = start_client(nb, Path(folder), time_limit)
        except RuntimeError as exc:  # nbclient: the kernel died before replying to kernel_info
            why = f"the kernel did not start ({exc}); grade this submission again"
            return Graded(student_name, stem, path, [Mark(ex, None, "not run", why) for ex in listed], stopped=why)
        try:
            run.execute(client)
        finally:
            client._cleanup_kernel()
    marks = [mark_of(ex, run, nb, expected) for ex in listed]
    return Graded(student_name, stem, path, marks, time.perf_counter() - started, run.failures, run.stopped, nb)


def mark_of(ex: exercises.Exercise, run: Run, nb, expected: dict) -> Mark:
    """One exercise's mark from what the run read (or why it read nothing)."""
    cells = run.regions.get(ex.id)
    quoted = quoted_cells(nb, cells) if ex.manual and cells is not None else []
    if ex.id in run.failed:
        return Mark(ex, None, "failed", failure=run.failed[ex.id], quoted=quoted)
    if ex.id in run.answers:
        return Mark(ex, exercises.judge(ex, run.answers[ex.id], expected[ex.id]), quoted=quoted)
    if cells is None:
        return Mark(
            ex, None, "not answered", "no cell of this exercise was found (its heading and answer cell were deleted)"
        )
    return Mark(ex, None, "not reached", run.stopped, quoted=quoted)


# ----------------------------------------------------------------------------- the class


def class_data(pack_folder: Path | None = None, allow_other_data: bool = False) -> dict:
    """The data grading runs on, checked against the class pack's digest; refuses other data unless allowed."""
    data = identity.current()
    real = data.is_real
    held = data.digest if real else "synthetic sample"
    wanted = pack.pack_digest(pack_folder) if pack_folder else None
    if not allow_other_data:
        if not real:
            raise OtherDataError(
                "no data held in data/raw (only the synthetic sample): import the class data pack "
                "first (make data FROM=DIR), or grade on the sample with ALLOW_OTHER_DATA=1"
            )
        if wanted and wanted != held:
            raise OtherDataError(
                f"the data held ({held}) are not the class pack's ({wanted}): import the pack "
                f"(make data FROM={pack_folder} REPLACE=1), or grade on the data held with "
                "ALLOW_OTHER_DATA=1"
            )
    return {
        "digest": held,
        "pack": str(pack_folder) if pack_folder else None,
        "pack_digest": wanted,
        "matches_pack": None if wanted is None else wanted == held,
    }


def expected_values(stems: list[str]) -> tuple[dict, dict]:
    """Each exercise's expected value on the data held, computed once, before any submission runs; and, for an
    exercise the data held cannot answer (too little data, e.g. its window ends after them), why not."""
    expected, ungradable = {}, {}
    for stem in stems:
        for ex in exercises.for_notebook(stem):
            try:
                expected[ex.id] = ex.expected_value()
            except TooLittleDataError as exc:
                expected[ex.id], ungradable[ex.id] = None, f"the data held cannot answer it ({exc})"
    return expected, ungradable


def notebooks_to_grade(found: dict[str, dict[str, Path]], only: list[str] | None = None) -> list[str]:
    """The collection notebooks to grade: ``only`` (stems or file names), else every one anyone handed in."""
    with_exercises = [p.stem for p in execute.notebook_paths() if exercises.for_notebook(p.stem)]
    if only:
        wanted = [name.removesuffix(".ipynb") for name in only]
        unknown = sorted(set(wanted) - set(with_exercises))
        if unknown:
            raise HelpersError(
                f"no notebook with exercises called {', '.join(unknown)}; they are {', '.join(with_exercises)}"
            )
        return [stem for stem in with_exercises if stem in wanted]
    handed_in = {stem for files in found.values() for stem in files}
    return [stem for stem in with_exercises if stem in handed_in]


def grade_class(
    submissions: Path,
    pack_folder: Path | None = None,
    allow_other_data: bool = False,
    time_limit: float | None = None,
    out_dir: Path | None = None,
    only: list[str] | None = None,
    jobs: int | None = None,
    log=print,
) -> dict:
    """Grade every student's notebooks under ``submissions`` and write the gradebook into ``out_dir`` (default
    ``reports/grades``); returns what :func:`helpers.publish.gradebook.write` returns. ``time_limit``: seconds per
    notebook (default :data:`TIME_LIMIT_SECONDS`)."""
    time_limit = time_limit or TIME_LIMIT_SECONDS
    data = class_data(pack_folder, allow_other_data)
    stems = [p.stem for p in execute.notebook_paths()]
    found, aside = find_submissions(Path(submissions), stems)
    graded_stems = notebooks_to_grade(found, only)
    if not graded_stems:
        raise HelpersError(f"no submitted notebook has exercises under {paths.display_path(submissions)}")
    expected, ungradable = expected_values(graded_stems)
    for ex_id, why in ungradable.items():
        log(f"exercise {ex_id} is left out of the points: {why}")
    work = [(name, stem, files.get(stem)) for name, files in found.items() for stem in graded_stems]
    log(
        f"grading {sum(p is not None for _, _, p in work)} notebooks of {len(found)} students "
        f"({', '.join(graded_stems)}) on data {data['digest']}, {time_limit:.0f} s per notebook"
    )
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs or execute.default_jobs()) as pool:
        graded = list(pool.map(lambda item: grade_submission(*item, expected, time_limit), work))
    for result in graded:
        result.marks = [
            Mark(m.exercise, None, gradebook.NOT_GRADABLE, ungradable[m.exercise.id])
            if m.exercise.id in ungradable
            else m
            for m in result.marks
        ]
    for result in graded:
        if result.path is not None:
            status = result.stopped or (f"{len(result.failures)} failing cells" if result.failures else "ran through")
            log(f"  {result.student}/{result.notebook}: {result.seconds:.1f} s, {status}")
    return gradebook.write(
        graded, expected, data, aside, time.perf_counter() - started, Path(out_dir or paths.reports_dir() / "grades")
    )
