"""``python -m helpers``: fetch or import data, show its status, run and publish the notebooks.

    python -m helpers data [--from DIR] [--only KEY ...] [--replace]
    python -m helpers status
    python -m helpers verify
    python -m helpers repair
    python -m helpers build
    python -m helpers run [--as-of DATE] [--only NOTEBOOK ...]
    python -m helpers publish [--only NOTEBOOK ...]
    python -m helpers check-published
    python -m helpers compare --before DATE [--after DATE]
    python -m helpers sync
    python -m helpers pack --to DIR [--as-of DATE]
    python -m helpers lab [--register-only] [JUPYTER LAB ARGS ...]
    python -m helpers pdf
    python -m helpers student [--out DIR]
    python -m helpers grade --submissions DIR [--pack DIR] [--allow-other-data] [--time-limit S] [--only NOTEBOOK ...]

Exit status: 0 on success, 1 when some series or notebook failed (or a series
was refused to keep history whole), or when status, verify or repair found damage
left; 2 when nothing could start (missing key, unknown key, bad folder, another
writer holding the store past the timeout, a write refused on a damaged store or
for want of free space, a write that failed part-way and changed nothing).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from helpers.data import identity, integrity, lock, processed, refresh, status, store
from helpers.data.sources.fred import redact

from .errors import DamagedStoreError, HelpersError


def _err(message: str) -> None:
    print(f"error: {redact(message)}", file=sys.stderr)


def cmd_data(args) -> int:
    if args.source_dir:
        report = refresh.import_folder(args.source_dir, only=args.only, progress=not args.quiet, replace=args.replace)
        action = f"import from {args.source_dir}"
    else:
        report = refresh.download(only=args.only, progress=not args.quiet, replace=args.replace)
        action = "download"
    print(f"{action}: {redact(report.summary())}")
    if report.generation and not report.damaged:
        print("processed tables built in data/processed/ for the new generation")
    return 0 if report.ok else 1


def _print_damage(problems: dict[str, str], title: str = "DAMAGED") -> None:
    """One line per damaged file: the file, what is wrong and the fix."""
    if problems:
        print(f"{title} ({len(problems)}):")
        for path, problem in problems.items():
            print(f"  {path}: {problem}")


def _print_table(table: pd.DataFrame) -> None:
    if identity.current().is_sample:
        print("Data in use: SYNTHETIC SAMPLE — not market data (nothing held in data/raw).")
        print("Get real data: make data FROM=DIR (folder of exports) or make data (network and FRED_API_KEY).")
    else:
        held = int((table["data"] == "real").sum())
        print(f"Data in use: real ({held} series held in data/raw; {int((table['data'] == 'missing').sum())} missing).")
        print(status.generation_line())
    shown = table.reset_index()[
        ["key", "source", "first", "last", "rows", "age_days", "parts", "data", "check", "vintages"]
    ].copy()
    for column in ("first", "last"):
        shown[column] = shown[column].dt.strftime("%Y-%m-%d").fillna("-")
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 90):
        print(shown.to_string(index=False))
    lagging = table[table["lag"] != ""]
    if len(lagging):
        print(f"Lagging ({len(lagging)}): these series end well before the others of their source:")
        for key, row in lagging.iterrows():
            print(f"  {key}: {row['lag']}")


def cmd_status(args) -> int:
    findings = integrity.check()
    try:
        table = status.data_status()
    except DamagedStoreError:
        print(
            "Data in use: NONE READABLE: the store's own records are damaged (below), so loaders refuse until "
            "`make repair`; nothing held was removed."
        )
    else:
        _print_table(table)
    for note in findings.notes:
        print(f"Note: {note}")
    _print_damage(findings.problems)
    return 1 if findings.problems else 0


def cmd_verify(args) -> int:
    findings = integrity.check(rehash=True)
    print("Checked " + "; ".join(findings.checked) + ".")
    for note in findings.notes:
        print(f"Note: {note}")
    if not findings.problems:
        print("No damage found.")
        return 0
    _print_damage(findings.problems)
    print(
        "`make repair` repairs what it can prove from the files on disk (it never touches raw files); "
        "the others name their fix."
    )
    return 1


def cmd_repair(args) -> int:
    result = integrity.repair()
    for line in result.done:
        print(f"repaired: {line}")
    for line in result.refused:
        print(f"NOT REPAIRED: {line}")
    if not result.done and not result.refused and not result.left:
        print("nothing to repair: the store verifies whole")
        return 0
    _print_damage(result.left, "STILL DAMAGED (make repair cannot fix these; each names its fix)")
    if not result.left:
        print("the store now verifies whole")
    return 1 if result.left or result.refused else 0


def cmd_build(args) -> int:
    if identity.current().is_sample:
        print("nothing held in data/raw: the notebooks use the synthetic sample; nothing to build")
        return 0
    with lock.writer("build of data/processed"):
        store.tidy()
        processed.tidy()
        if args.force or not processed.is_fresh():
            processed.build()
            print("processed tables rebuilt in data/processed/")
        else:
            processed.ensure()  # still verifies the raw checksums
            print("processed tables are current")
    return 0


def cmd_run(args) -> int:
    from helpers.publish import execute

    done = execute.run_all(as_of=args.as_of, names=args.only, use_cache=not args.no_cache)
    failed = [d.name for d in done if d.error]
    cached = sum(d.cached for d in done)
    print(
        f"{len(done)} notebooks ({cached} from the cache), {len(failed)} failed; "
        "executed copies in reports/notebooks/, the book in reports/book/index.html"
    )
    return 1 if failed else 0


def cmd_publish(args) -> int:
    from helpers.publish import execute

    done = execute.publish(names=args.only)
    return 1 if any(d.error for d in done) else 0


def cmd_check_published(args) -> int:
    from helpers.publish import execute

    return 1 if execute.check_published() else 0


def cmd_compare(args) -> int:
    from helpers.publish import execute

    execute.compare(args.before, args.after)
    return 0


def cmd_sync(args) -> int:
    from helpers.publish import execute, twins

    paths_ = execute.notebook_paths()
    twins.sync(paths_)
    problems = [line for path in paths_ for line in twins.differences(path)]
    print("\n".join(problems) if problems else f"{len(paths_)} notebooks and their text twins (notebooks/*.md) agree")
    return 1 if problems else 0


def cmd_student(args) -> int:
    from helpers.data import paths
    from helpers.publish import student

    written = student.write_edition(args.out)
    print(
        f"student edition: {len(written)} notebooks without solutions, outputs cleared -> "
        f"{paths.display_path(written[0].parent)}/ (with a README.md for students)"
    )
    return 0


def cmd_grade(args) -> int:
    from helpers.publish import grade

    written = grade.grade_class(
        args.submissions,
        pack_folder=args.pack,
        allow_other_data=args.allow_other_data,
        time_limit=args.time_limit,
        out_dir=args.out,
        only=args.only,
        jobs=args.jobs,
    )
    print(
        f"gradebook: {written['shown']}/grades.csv, summary.md and {len(written['feedback'])} feedback files "
        f"in {written['shown']}/feedback/"
    )
    return 0


def cmd_pack(args) -> int:
    from helpers.data import pack, paths, status

    provenance = pack.write_pack(args.to, as_of=status.parse_as_of(args.as_of))
    cut = f", cut at {provenance['until']}" if provenance["until"] else ""
    print(
        f"packed {len(provenance['files'])} files{cut} into {paths.display_path(args.to)} with PROVENANCE.json; "
        f"import them with: make data FROM={args.to}"
    )
    return 0


def cmd_pdf(args) -> int:
    import time

    from helpers.data import paths
    from helpers.publish import changes, execute, pdf, stamps

    folder = paths.reports_dir() / "notebooks"
    notebooks = changes.notebooks_in(folder)
    expected = {p.stem for p in execute.notebook_paths()}
    if set(notebooks) != expected:
        print(
            "error: make pdf prints the notebooks `make run` executed, "
            "and reports/notebooks/ does not hold all of them: run make run first",
            file=sys.stderr,
        )
        return 2
    changes_md = paths.reports_dir() / "changes.md"
    started = time.perf_counter()
    target = pdf.build(
        notebooks,
        stamps.identity_of_runs(notebooks),
        changes.published_digest(),
        changes_md=changes_md.read_text(encoding="utf-8") if changes_md.exists() else None,
    )
    print(f"the book as one PDF: {paths.display_path(target)} ({time.perf_counter() - started:.1f} s)")
    return 0


def cmd_lab(args) -> int:
    from helpers.data import paths
    from helpers.publish import kernels

    folder = kernels.register()
    print(
        f"kernel '{kernels.KERNEL_DISPLAY_NAME}' registered ({paths.display_path(folder)}): a JupyterLab installed "
        "elsewhere can now run these notebooks with this environment, where `import helpers` works"
    )
    if args.register_only:
        return 0
    import os

    lab = [sys.executable, "-m", "jupyter", "lab", f"--notebook-dir={paths.notebooks_dir()}", *args.lab_args]
    os.execv(sys.executable, lab)  # replaces this process: Ctrl-C stops JupyterLab
    return 0


def _add_lab(sub) -> None:
    lab = sub.add_parser("lab", help="register this environment's kernel and start JupyterLab on notebooks/")
    lab.add_argument("--register-only", action="store_true", help="register the kernel, do not start JupyterLab")
    lab.add_argument("lab_args", nargs="*", help="passed to jupyter lab (e.g. --no-browser --port 8889)")
    lab.set_defaults(func=cmd_lab)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("data", help="download every series (network, FRED_API_KEY) or import a folder of exports")
    d.add_argument("--from", dest="source_dir", metavar="DIR", help="import this folder instead of downloading")
    d.add_argument("--only", nargs="+", metavar="KEY", help="only these catalog keys or tickers")
    d.add_argument(
        "--replace",
        action="store_true",
        help="store each file exactly as given, even when it holds less history than what is held",
    )
    d.add_argument("--quiet", action="store_true", help="no progress bar")
    d.set_defaults(func=cmd_data)
    s = sub.add_parser("status", help="table of every series: source, dates, age, rows, real or sample; any damage")
    s.set_defaults(func=cmd_status)
    v = sub.add_parser(
        "verify",
        help="check the whole store (CURRENT, every generation's manifest and checksums, "
        "processed tables); exit 1 on any damage",
    )
    v.set_defaults(func=cmd_verify)
    rp = sub.add_parser(
        "repair",
        help="restore CURRENT to the newest whole generation, a manifest from its copy, "
        "damaged processed tables from raw; never touches raw files",
    )
    rp.set_defaults(func=cmd_repair)
    b = sub.add_parser("build", help="rebuild data/processed from data/raw when raw changed")
    b.add_argument("--force", action="store_true", help="rebuild even when current")
    b.set_defaults(func=cmd_build)
    r = sub.add_parser("run", help="execute every notebook (cached) and build the book in reports/book/")
    r.add_argument("--as-of", help="re-run as if it were this date (YYYY-MM-DD)")
    r.add_argument("--only", nargs="+", metavar="NOTEBOOK")
    r.add_argument("--no-cache", action="store_true", help="execute every notebook again, ignoring the execution cache")
    r.set_defaults(func=cmd_run)
    pub = sub.add_parser("publish", help="re-execute the committed notebooks in place (real data only)")
    pub.add_argument("--only", nargs="+", metavar="NOTEBOOK")
    pub.set_defaults(func=cmd_publish)
    cp = sub.add_parser(
        "check-published", help="were the committed notebooks published from the data held, from their code?"
    )
    cp.set_defaults(func=cmd_check_published)
    co = sub.add_parser("compare", help="run the collection as of two dates and report what changed between them")
    co.add_argument("--before", required=True, help="the earlier as-of date (YYYY-MM-DD)")
    co.add_argument("--after", help="the later as-of date (default: all data held)")
    co.set_defaults(func=cmd_compare)
    sy = sub.add_parser("sync", help="bring notebooks and their text twins (notebooks/*.md) in line: the newer wins")
    sy.set_defaults(func=cmd_sync)
    st = sub.add_parser("student", help="the notebooks without solutions, outputs cleared -> reports/student/")
    st.add_argument("--out", metavar="DIR", help="folder to write into (default reports/student)")
    st.set_defaults(func=cmd_student)
    g = sub.add_parser("grade", help="grade DIR/<student>/<notebook>.ipynb into a gradebook -> reports/grades/")
    g.add_argument("--submissions", required=True, type=Path, metavar="DIR", help="one folder per student")
    g.add_argument("--pack", type=Path, metavar="DIR", help="the class data pack: grading refuses other data")
    g.add_argument("--allow-other-data", action="store_true", help="grade even when the data held are not the pack's")
    g.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="S",
        help="seconds per notebook (default 300, helpers.publish.grade.TIME_LIMIT_SECONDS)",
    )
    g.add_argument("--only", nargs="+", metavar="NOTEBOOK", help="grade only these notebooks")
    g.add_argument("--out", type=Path, metavar="DIR", help="folder for the gradebook (default reports/grades)")
    g.add_argument("--jobs", type=int, metavar="N", help="submissions graded at once (default HELPERS_JOBS or 2)")
    g.set_defaults(func=cmd_grade)
    pk = sub.add_parser("pack", help="write the data held as an import folder with PROVENANCE.json (a class data pack)")
    pk.add_argument("--to", required=True, metavar="DIR", help="a new or empty folder")
    pk.add_argument("--as-of", help="cut every file at this date (YYYY-MM-DD)")
    pk.set_defaults(func=cmd_pack)
    _add_lab(sub)
    pd_ = sub.add_parser("pdf", help="the book as one PDF (reports/book.pdf) from the notebooks make run executed")
    pd_.set_defaults(func=cmd_pdf)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except HelpersError as exc:
        _err(str(exc))
        return 2
    except KeyboardInterrupt:
        _err("interrupted; the store still holds the generation in use before this command (nothing half-written)")
        return 130


if __name__ == "__main__":
    sys.exit(main())
