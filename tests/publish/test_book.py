"""The book: code folded but the parameters cell, a landing page written from the notebooks, banners, offline pages;
then the book in a real headless Chromium: every page opens, every image loads, every sidebar link resolves, search
finds "Russell", a code toggle and a solution open, no error output anywhere."""

import functools
import http.server
import re
import shutil
import tempfile
import threading
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers.data import paths
from helpers.data.identity import DataIdentity
from helpers.notebook import keyfigures
from helpers.publish import book, changes, execute, stamps

# The book built from the committed notebooks (no execution) is part of `make test`, not `make unit`; what executes
# notebooks, opens Chromium or prints the PDF is the slow tier (`make test-all`).
pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def committed():
    return {p.stem: nbformat.read(p, as_version=4) for p in execute.notebook_paths()}


def test_every_code_cell_but_the_parameters_cell_is_folded(committed):
    nb = book.fold_code(committed["01_setup_2025"])
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata["tags"] and book.HIDE_INPUT not in code[0].metadata["tags"]
    assert all(book.HIDE_INPUT in c.metadata["tags"] for c in code[1:])
    assert book.HIDE_INPUT not in str(committed["01_setup_2025"].cells)  # the committed notebook is untouched


def test_the_landing_page_shows_figures_then_each_notebooks_headlines_question_and_conclusion(committed, tmp_path):
    data = stamps.identity_of_runs(committed)
    images = book.landing_images(committed, data, tmp_path)
    assert images == ("rotation.png", "verdicts.png") and all((tmp_path / i).stat().st_size > 10_000 for i in images)
    page = book.landing_page(committed, data, changes.published_digest(), has_changes=False, images=images)
    assert page.startswith(f"# {book.TITLE}")
    assert (
        page.index("_static/rotation.png") < page.index("_static/verdicts.png") < page.index("## [")
    )  # show, then tell
    for name, nb in committed.items():
        card = page[page.index(f"]({name}.ipynb)") :]
        headlines = book.headline_figures(nb)
        assert 1 <= len(headlines) <= 3 and all(r["text"] in card.split("## [")[0] for r in headlines)
        summary = book.notebook_summary(nb)
        assert summary and summary in page
        quoted = [r["text"] for r in keyfigures.read(nb) if r["text"] in summary and len(r["text"]) >= 2]
        assert quoted, f"{name}: the landing page's paragraph quotes no recorded figure"
    ledger_card = page[page.index("](06_claims_ledger.ipynb)") :]
    assert "claims supported" in ledger_card.split("## [")[0]  # the ledger's headline figures are its counts
    assert f"latest observation <b>{data.last_observation:%Y-%m-%d}</b>" in page
    assert "the data the committed notebooks were published from" in page
    assert page.index("00_data_overview") < page.index("06_claims_ledger")


def test_banners_for_sample_as_of_and_other_data():
    assert book.run_banner(DataIdentity("real", "a"), "a", False) == ("", "")
    sample, _ = book.run_banner(DataIdentity("sample", "sample"), "a", False)
    assert "SYNTHETIC SAMPLE" in sample
    as_of, _ = book.run_banner(DataIdentity("real", "a", pd.Timestamp("2026-01-16")), "a", True)
    assert "as of 2026-01-16" in as_of and "changes.html" in as_of
    other, _ = book.run_banner(DataIdentity("real", "b", None, pd.Timestamp("2026-03-31")), "a", True)
    assert "not the data the collection was published from" in other and "Data through 2026-03-31" in other


AS_OF_RUN = DataIdentity("real", "x", pd.Timestamp("2026-01-16"), pd.Timestamp("2026-01-16"))
CHANGES_MD = "# What changed\n\nNothing.\n"


@pytest.fixture(scope="module")
def built(committed, tmp_path_factory):
    """A book from the committed notebooks, as an as-of run with a changes page would build it (built once)."""
    out = tmp_path_factory.mktemp("book")
    entry = book.build(
        committed,
        AS_OF_RUN,
        changes.published_digest(),
        out_dir=out,
        changes_md=CHANGES_MD,
        extra_pages=book.extra_pages(committed),
    )
    return out, entry.parent


def test_a_book_from_the_committed_notebooks_builds_offline(committed, built):
    tmp_path, site = built
    assert book.warnings_in(tmp_path) == [], book.warnings_in(tmp_path)
    for name in [*committed, "index", "changes", "search", "teachers", "sources"]:
        page = (site / f"{name}.html").read_text()
        loaded = re.findall(
            r'src="https?://|<link[^>]*href="https?://', page
        )  # a link to a provider is fine, a load is not
        assert not loaded, f"{name}: loads something from the network"
        assert "Re-run as of 2026-01-16" in page, f"{name}: no banner"
    page = (site / "05_rate_sensitivity.html").read_text()
    assert (
        page.count('class="admonition hide above-input"')
        == sum(c.cell_type == "code" for c in committed["05_rate_sensitivity"].cells) - 1
    )
    assert (site / "_sources" / "05_rate_sensitivity.ipynb").exists()  # the download button's file
    assert "Russell" in (site / "searchindex.js").read_text()
    with_exercises = [
        n
        for n in committed
        if 'class="exercise admonition"' in (site / f"{n}.html").read_text()
        and 'class="solution dropdown admonition' in (site / f"{n}.html").read_text()
    ]
    assert len(with_exercises) >= 5, with_exercises
    teachers = (site / "teachers.html").read_text()
    assert "05.1" in teachers and "Running a class without network" in teachers
    sources = (site / "sources.html").read_text()
    assert "https://fred.stlouisfed.org/series/DGS2" in sources and "Kenneth R. French Data Library" in sources
    assert "seeds/000_" in sources and "public the next business day" in sources
    assert 'href="sources.html"' in (site / "05_rate_sensitivity.html").read_text()  # the provenance cell links to it
    # nothing changed: the second build reuses the first
    before = (site / "index.html").stat().st_mtime_ns
    book.build(
        committed,
        AS_OF_RUN,
        changes.published_digest(),
        out_dir=tmp_path,
        changes_md=CHANGES_MD,
        extra_pages=book.extra_pages(committed),
    )
    assert (site / "index.html").stat().st_mtime_ns == before


def test_the_execution_cache_key_separates_runs_and_notebooks(committed, data_dir):
    from helpers.publish import runcache

    context = runcache.run_context(None)
    nb = committed["01_setup_2025"]
    assert runcache.key(nb, context) == runcache.key(nb, runcache.run_context(None))
    assert runcache.key(nb, context) != runcache.key(nb, runcache.run_context("2026-01-16"))  # as-of runs
    assert runcache.key(nb, context) != runcache.key(committed["02_fed_cuts"], context)
    edited = nbformat.from_dict(nb)
    edited.cells[0].source += " (edited)"
    assert runcache.key(edited, context) != runcache.key(nb, context)


@pytest.mark.slow
def test_a_warm_run_executes_nothing_and_an_edit_reexecutes_one(data_dir, tmp_path, monkeypatch):
    """Two small notebooks: the second run takes both from the cache; editing one re-executes only that one."""
    from helpers.data import paths as paths_

    folder = tmp_path / "nbs"
    folder.mkdir()
    for name, code in [("00_a", "x = 1"), ("01_b", "y = 2")]:
        nb = nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_code_cell("AS_OF = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(code),
            ]
        )
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


# ----------------------------------------------------------------------------- in a real browser
# Chromium comes from Debian's `chromium` and `chromium-driver` packages (`make browser`, which .ci/run calls); without
# them these tests are skipped and say why. The book is the one `make run` wrote under reports/book/ when there is one,
# else the one built above; it is served over HTTP on localhost, as `make serve` does. Screenshots go to
# reports/screenshots/.

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1600",
]


def _binaries():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return chromium, driver


@pytest.fixture(scope="module")
def browser():
    chromium, driver = _binaries()
    if not chromium or not driver:
        reason = (
            "Chromium or ChromeDriver is not installed (run `make browser`: Debian packages chromium, chromium-driver)"
        )
        print(f"\nSKIPPED browser test: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver_ = webdriver.Chrome(service=Service(driver), options=options)
    except Exception as exc:  # a broken install: say so rather than pass
        pytest.fail(f"Chromium is installed but did not start: {exc}")
    yield driver_
    driver_.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def book_dir(request) -> Path:
    """The book `make run` wrote, when there is a whole one; else the one this module builds."""
    made_by_run = paths.reports_dir() / "book"
    names = [p.stem for p in execute.notebook_paths()]
    index = made_by_run / "index.html"
    if index.exists() and all(
        f'href="{n}.html"' in index.read_text() for n in names
    ):  # a whole book, not a --only run's
        return made_by_run
    return request.getfixturevalue("built")[1]


@pytest.fixture(scope="module")
def served(book_dir):
    """The book over HTTP on a free localhost port (what `make serve` does)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(book_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


# Every table either fits the content column or scrolls inside its own box with its first column fixed: the tables a
# reader cannot see all of (no scroll box narrower than the column, or a scrolled first column) are returned.
CLIPPED_TABLES = """
const article = document.querySelector('.bd-article') || document.body;
const limit = article.getBoundingClientRect().right + 1;
return Array.from(article.querySelectorAll('table')).map(t => {
  const r = t.getBoundingClientRect();
  if (r.width === 0 || r.right <= limit) return null;
  let box = t.parentElement, scrolls = false;
  while (box && box !== article) {
    const style = getComputedStyle(box);
    if (['auto', 'scroll'].includes(style.overflowX) && box.getBoundingClientRect().right <= limit) {
      scrolls = true;
      break;
    }
    box = box.parentElement;
  }
  const first = t.querySelector('tr > :first-child');
  const fixed = first && getComputedStyle(first).position === 'sticky';
  if (scrolls && fixed) return null;
  return ((t.querySelector('caption') || {}).innerText || t.className || 'a table').slice(0, 80);
}).filter(x => x);
"""


@pytest.mark.slow
def test_the_clipped_table_check_catches_a_table_cut_off_by_the_column(browser, tmp_path):
    wide = "<table>{}</table>".format(
        "<tr>" + "".join(f"<td>column {i} of a wide table</td>" for i in range(14)) + "</tr>"
    )
    page = tmp_path / "tables.html"
    page.write_text(
        '<html><body><article class="bd-article" style="width: 600px; overflow: hidden">'
        f'<div id="bare">{wide.replace("<table>", "<table><caption>bare</caption>")}</div>'
        '<div style="overflow-x: auto">'
        + wide.replace("<table>", '<table class="boxed">').replace(
            "<td>column 0", '<td style="position: sticky; left: 0; background: white">column 0'
        )
        + "</div>"
        '<div style="overflow-x: auto">'
        + wide.replace("<table>", "<table><caption>scrolls, first column moves</caption>")
        + "</div>"
        "</article></body></html>"
    )
    browser.get(page.as_uri())
    assert browser.execute_script(CLIPPED_TABLES) == ["bare", "scrolls, first column moves"]


def _severe(browser):
    return [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


@pytest.mark.slow
def test_every_page_opens_with_its_images_links_and_no_error(browser, served):
    shots = paths.reports_dir() / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    browser.get(served + "index.html")
    sidebar = browser.execute_script(
        "return Array.from(document.querySelectorAll('.bd-sidebar-primary nav a.reference.internal'))"
        ".map(a => a.getAttribute('href'))"
    )
    names = [p.stem for p in execute.notebook_paths()]
    assert [h for h in sidebar if h.split("#")[0].removesuffix(".html") in names] == [f"{n}.html" for n in names], (
        sidebar
    )
    pages = ["index", *[h.split("#")[0].removesuffix(".html") for h in sidebar if h.split("#")[0]]]
    for name in dict.fromkeys(pages):
        browser.get(served + f"{name}.html")
        assert browser.execute_script("return document.readyState") == "complete", name
        assert browser.title and "404" not in browser.title, f"{name}: did not resolve"
        images = browser.execute_script(
            "return Array.from(document.images).map(i => [i.currentSrc, i.complete, i.naturalWidth])"
        )
        broken = [src for src, complete, width in images if not (complete and width > 0)]
        assert not broken, f"{name}: images did not load: {broken}"
        if name in names:
            assert any("_images/" in src for src, _, _ in images), f"{name}: no figure on the page"
        text = browser.find_element("tag name", "body").text
        assert "Traceback (most recent call last)" not in text, f"{name}: an error output"
        assert not browser.find_elements("css selector", ".cell_output .output.traceback, .output.error"), (
            f"{name}: error cell"
        )
        assert not _severe(browser), f"{name}: console errors {_severe(browser)}"
        assert browser.execute_script("return window.innerWidth") == 1280
        clipped = browser.execute_script(CLIPPED_TABLES)
        assert not clipped, f"{name}: tables cut off at 1280 px: {clipped}"
        browser.save_screenshot(str(shots / f"book-{name}.png"))


@pytest.mark.slow
def test_search_lists_results_for_russell(browser, served):
    browser.get(served + "search.html?q=Russell")
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script("return document.querySelectorAll('#search-results li, ul.search li').length") > 0
    )
    hits = browser.execute_script(
        "return Array.from(document.querySelectorAll('#search-results li a, ul.search li a'))"
        ".map(a => a.getAttribute('href'))"
    )
    assert any("01_setup_2025" in h for h in hits), hits
    browser.save_screenshot(str(paths.reports_dir() / "screenshots" / "book-search.png"))


@pytest.mark.slow
def test_a_code_toggle_shows_the_code(browser, served):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(served + "05_rate_sensitivity.html")
    WebDriverWait(browser, 30).until(lambda b: b.execute_script("return document.readyState") == "complete")
    toggle = browser.find_element("css selector", "details.hide.above-input")
    code = toggle.find_element("css selector", "pre")
    assert not code.is_displayed()
    summary = toggle.find_element("css selector", "summary")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
    summary.click()
    WebDriverWait(browser, 10).until(lambda b: code.is_displayed())
    assert toggle.get_attribute("open") is not None and code.text.strip()
    browser.save_screenshot(str(paths.reports_dir() / "screenshots" / "book-code-toggle.png"))
    parameters = browser.find_elements("css selector", ".cell.tag_parameters .cell_input pre")
    assert parameters and parameters[0].is_displayed() and "AS_OF" in parameters[0].text  # the parameters cell is open


@pytest.mark.slow
def test_a_solution_stays_folded_until_opened(browser, served):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(served + "04_january_2026.html")
    WebDriverWait(browser, 30).until(lambda b: b.execute_script("return document.readyState") == "complete")
    solution = browser.find_elements("css selector", ".solution.dropdown")[0]
    check = solution.find_element("css selector", ".cell_output")
    assert not check.is_displayed()
    title = solution.find_element("css selector", ".admonition-title")
    exercise = browser.find_elements("css selector", ".exercise .admonition-title")[0]
    assert exercise.text.strip() == "Exercise (04.1 · easy)" and "04.1" in title.text  # the id a class is given
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", title)
    title.click()
    WebDriverWait(browser, 10).until(lambda b: check.is_displayed())
    assert "right" in check.text
    browser.save_screenshot(str(paths.reports_dir() / "screenshots" / "book-solution.png"))


@pytest.mark.slow
def test_the_ledger_shows_each_verdict_beside_its_claim_at_1280_px(browser, served):
    browser.get(served + "06_claims_ledger.html")
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 30).until(lambda b: b.execute_script("return document.readyState") == "complete")
    rows = browser.find_elements("css selector", "table.ledger-table tbody tr")
    assert len(rows) >= 40
    verdict, claim = (
        rows[0].find_element("css selector", "td.verdict"),
        rows[0].find_element("css selector", "td.claim"),
    )
    assert verdict.is_displayed() and verdict.location["y"] == claim.location["y"]  # side by side, in view
    article = browser.find_element("css selector", ".bd-article").rect
    assert (
        verdict.rect["x"] >= article["x"]
        and claim.rect["x"] + claim.rect["width"] <= article["x"] + article["width"] + 1
    )
    legend = browser.find_elements("css selector", ".verdict-legend .verdict-chip")
    assert {c.text for c in legend} >= {"supported", "not shown", "contradicted"}
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'});", rows[0])
    browser.save_screenshot(str(paths.reports_dir() / "screenshots" / "book-06-ledger.png"))


@pytest.mark.slow
def test_the_book_as_one_pdf_has_every_notebook_and_the_verdicts(committed, tmp_path):
    chromium, _ = _binaries()
    if not chromium:
        pytest.skip("Chromium is not installed (run `make browser`)")
    from pypdf import PdfReader

    from helpers.publish import pdf

    target = pdf.build(committed, stamps.identity_of_runs(committed), changes.published_digest(), out_dir=tmp_path)
    reader = PdfReader(str(target))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.replace("’", "'").split())  # Sphinx prints typographic apostrophes
    for name, nb in committed.items():
        assert " ".join(book.notebook_title(nb, name).split()) in flat, name
    for verdict in ("supported", "not shown", "contradicted", "not testable"):
        assert verdict in flat
    assert (
        "Contents" in reader.pages[1].extract_text()
        and f"1 / {len(reader.pages)}" not in reader.pages[0].extract_text()
    )
    assert f"2 / {len(reader.pages)}" in reader.pages[1].extract_text()  # page numbers, none on the title page
