"""The book: code folded but the parameters cell, a landing page written from the notebooks, banners, offline pages."""

import re

import nbformat
import pytest

from helpers import book, changes, execute, keyfigures


@pytest.fixture(scope="module")
def committed():
    return {p.stem: nbformat.read(p, as_version=4) for p in execute.notebook_paths()}


def test_every_code_cell_but_the_parameters_cell_is_folded(committed):
    nb = book.fold_code(committed["01_setup_2025"])
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata["tags"] and book.HIDE_INPUT not in code[0].metadata["tags"]
    assert all(book.HIDE_INPUT in c.metadata["tags"] for c in code[1:])
    assert book.HIDE_INPUT not in str(committed["01_setup_2025"].cells)  # the committed notebook is untouched


def test_the_landing_page_quotes_each_conclusion_and_the_data(committed):
    stamp = changes.side_stamp(committed)
    page = book.landing_page(committed, stamp, changes.published_digest(), has_changes=False)
    assert page.startswith(f"# {book.TITLE}")
    for name, nb in committed.items():
        assert f"]({name}.ipynb)" in page
        summary = book.notebook_summary(nb)
        assert summary and summary in page
        quoted = [r["text"] for r in keyfigures.read(nb) if r["text"] in summary and len(r["text"]) >= 2]
        assert quoted, f"{name}: the landing page's paragraph quotes no recorded figure"
    assert f"latest observation <b>{stamp['last_observation']}</b>" in page
    assert "the data the committed notebooks were published from" in page
    assert page.index("00_data_overview") < page.index("06_claims_ledger")


def test_banners_for_sample_as_of_and_other_data():
    assert book.run_banner({"mode": "real", "digest": "a", "as_of": None}, "a", False) == ("", "")
    sample, _ = book.run_banner({"mode": "sample", "digest": "sample"}, "a", False)
    assert "SYNTHETIC SAMPLE" in sample
    as_of, _ = book.run_banner({"mode": "real", "digest": "a", "as_of": "2026-01-16"}, "a", True)
    assert "as of 2026-01-16" in as_of and "changes.html" in as_of
    other, _ = book.run_banner({"mode": "real", "digest": "b", "as_of": None, "last_observation": "2026-03-31"}, "a", True)
    assert "not the data the collection was published from" in other


def test_a_book_from_the_committed_notebooks_builds_offline(committed, tmp_path):
    stamp = {"mode": "real", "digest": "x", "as_of": "2026-01-16", "last_observation": "2026-01-16"}
    entry = book.build(committed, stamp, changes.published_digest(), out_dir=tmp_path, changes_md="# What changed\n\nNothing.\n",
                       extra_pages=book.extra_pages(committed))
    site = entry.parent
    assert book.warnings_in(tmp_path) == [], book.warnings_in(tmp_path)
    for name in [*committed, "index", "changes", "search", "teachers"]:
        page = (site / f"{name}.html").read_text()
        assert not re.findall(r'(?:src|href)="https?://', page), f"{name}: loads something from the network"
        assert "Re-run as of 2026-01-16" in page, f"{name}: no banner"
    page = (site / "05_rate_sensitivity.html").read_text()
    assert page.count('class="admonition hide above-input"') == sum(
        c.cell_type == "code" for c in committed["05_rate_sensitivity"].cells) - 1
    assert (site / "_sources" / "05_rate_sensitivity.ipynb").exists()  # the download button's file
    assert "Russell" in (site / "searchindex.js").read_text()
    with_exercises = [n for n in committed if 'class="exercise admonition"' in (site / f"{n}.html").read_text()
                      and 'class="solution dropdown admonition' in (site / f"{n}.html").read_text()]
    assert len(with_exercises) >= 5, with_exercises
    teachers = (site / "teachers.html").read_text()
    assert "05.1" in teachers and "Running a class without network" in teachers
    # nothing changed: the second build reuses the first
    before = (site / "index.html").stat().st_mtime_ns
    book.build(committed, stamp, changes.published_digest(), out_dir=tmp_path, changes_md="# What changed\n\nNothing.\n",
               extra_pages=book.extra_pages(committed))
    assert (site / "index.html").stat().st_mtime_ns == before


def test_the_execution_cache_key_separates_runs_and_notebooks(committed, data_dir):
    from helpers import runcache

    context = runcache.run_context(None)
    nb = committed["01_setup_2025"]
    assert runcache.key(nb, context) == runcache.key(nb, runcache.run_context(None))
    assert runcache.key(nb, context) != runcache.key(nb, runcache.run_context("2026-01-16"))  # as-of runs
    assert runcache.key(nb, context) != runcache.key(committed["02_fed_cuts"], context)
    edited = nbformat.from_dict(nb)
    edited.cells[0].source += " (edited)"
    assert runcache.key(edited, context) != runcache.key(nb, context)


def test_a_warm_run_executes_nothing_and_an_edit_reexecutes_one(data_dir, tmp_path, monkeypatch):
    """Two small notebooks: the second run takes both from the cache; editing one re-executes only that one."""
    from helpers import paths as paths_

    folder = tmp_path / "nbs"
    folder.mkdir()
    for name, code in [("00_a", "x = 1"), ("01_b", "y = 2")]:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("AS_OF = None", metadata={"tags": ["parameters"]}),
                                             nbformat.v4.new_code_cell(code)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    monkeypatch.setattr(paths_, "notebooks_dir", lambda: folder)
    first = execute.run_all(out_dir=tmp_path / "r", log=lambda *_: None, render=False)
    assert [d.cached for d in first] == [False, False]
    second = execute.run_all(out_dir=tmp_path / "r", log=lambda *_: None, render=False)
    assert [d.cached for d in second] == [True, True]
    nb = nbformat.read(folder / "01_b.ipynb", as_version=4)
    nb.cells[1].source = "y = 3"
    nbformat.write(nb, folder / "01_b.ipynb")
    third = execute.run_all(out_dir=tmp_path / "r", log=lambda *_: None, render=False)
    assert [d.cached for d in third] == [True, False]
