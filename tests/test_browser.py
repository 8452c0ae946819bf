"""The book in a real headless Chromium: every page opens, every image loads, every sidebar link resolves, search
finds "Russell", a code toggle opens, no error output anywhere.

Uses the book `make run` wrote under reports/book/ when there is one, else builds one from the committed notebooks
into a temporary folder. Pages are served over HTTP on localhost, as `make serve` does. Screenshots go to
reports/screenshots/. Chromium comes from Debian's `chromium` and `chromium-driver` packages (`make browser`, which
.ci/run calls); without them the test is skipped and says why.
"""

import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

import nbformat
import pytest

from helpers import book, changes, execute, paths

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
]


def _binaries():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return chromium, driver


@pytest.fixture(scope="module")
def browser():
    chromium, driver = _binaries()
    if not chromium or not driver:
        reason = "Chromium or ChromeDriver is not installed (run `make browser`: Debian packages chromium, chromium-driver)"
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
def book_dir(tmp_path_factory) -> Path:
    made_by_run = paths.reports_dir() / "book"
    names = [p.stem for p in execute.notebook_paths()]
    if all((made_by_run / f"{n}.html").exists() for n in ["index", *names]):
        return made_by_run
    notebooks = {p.stem: nbformat.read(p, as_version=4) for p in execute.notebook_paths()}
    out = tmp_path_factory.mktemp("book-build")
    return book.build(notebooks, changes.side_stamp(notebooks), changes.published_digest(), out_dir=out,
                      extra_pages=book.extra_pages(notebooks)).parent


@pytest.fixture(scope="module")
def served(book_dir):
    """The book over HTTP on a free localhost port (what `make serve` does)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(book_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _severe(browser):
    return [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def test_every_page_opens_with_its_images_links_and_no_error(browser, served):
    shots = paths.reports_dir() / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    browser.get(served + "index.html")
    sidebar = browser.execute_script(
        "return Array.from(document.querySelectorAll('.bd-sidebar-primary nav a.reference.internal'))"
        ".map(a => a.getAttribute('href'))")
    names = [p.stem for p in execute.notebook_paths()]
    assert [h for h in sidebar if h.split("#")[0].removesuffix(".html") in names] == [f"{n}.html" for n in names], sidebar
    pages = ["index", *[h.split("#")[0].removesuffix(".html") for h in sidebar if h.split("#")[0]]]
    for name in dict.fromkeys(pages):
        browser.get(served + f"{name}.html")
        assert browser.execute_script("return document.readyState") == "complete", name
        assert browser.title and "404" not in browser.title, f"{name}: did not resolve"
        images = browser.execute_script("return Array.from(document.images).map(i => [i.currentSrc, i.complete, i.naturalWidth])")
        broken = [src for src, complete, width in images if not (complete and width > 0)]
        assert not broken, f"{name}: images did not load: {broken}"
        if name in names:
            assert any("_images/" in src for src, _, _ in images), f"{name}: no figure on the page"
        text = browser.find_element("tag name", "body").text
        assert "Traceback (most recent call last)" not in text, f"{name}: an error output"
        assert not browser.find_elements("css selector", ".cell_output .output.traceback, .output.error"), f"{name}: error cell"
        assert not _severe(browser), f"{name}: console errors {_severe(browser)}"
        browser.save_screenshot(str(shots / f"book-{name}.png"))


def test_search_lists_results_for_russell(browser, served):
    browser.get(served + "search.html?q=Russell")
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script("return document.querySelectorAll('#search-results li, ul.search li').length") > 0)
    hits = browser.execute_script("return Array.from(document.querySelectorAll('#search-results li a, ul.search li a'))"
                                  ".map(a => a.getAttribute('href'))")
    assert any("01_setup_2025" in h for h in hits), hits
    browser.save_screenshot(str(paths.reports_dir() / "screenshots" / "book-search.png"))


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


def test_a_solution_stays_folded_until_opened(browser, served):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(served + "04_january_2026.html")
    WebDriverWait(browser, 30).until(lambda b: b.execute_script("return document.readyState") == "complete")
    solution = browser.find_elements("css selector", ".solution.dropdown")[0]
    check = solution.find_element("css selector", ".cell_output")
    assert not check.is_displayed()
    title = solution.find_element("css selector", ".admonition-title")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", title)
    title.click()
    WebDriverWait(browser, 10).until(lambda b: check.is_displayed())
    assert "right" in check.text
    browser.save_screenshot(str(paths.reports_dir() / "screenshots" / "book-solution.png"))
