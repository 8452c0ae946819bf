"""The rendered site in a real headless Chromium: every page opens, every image loads, no error cell.

Uses the site `make run` wrote under reports/ when there is one, else renders the committed notebooks into a
temporary site. Screenshots go to reports/screenshots/. Chromium comes from Debian's `chromium` and
`chromium-driver` packages (`make browser`, which .ci/run calls); without them the test is skipped and says why.
"""

import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest

from helpers import execute, paths, report

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
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
def site(tmp_path_factory) -> Path:
    made_by_run = paths.reports_dir()
    names = [p.stem for p in execute.notebook_paths()]
    if (made_by_run / "index.html").exists() and all((made_by_run / f"{n}.html").exists() for n in names):
        return made_by_run
    folder = tmp_path_factory.mktemp("site")
    done = []
    for path in execute.notebook_paths():
        nb = nbformat.read(path, as_version=4)
        (folder / f"{path.stem}.html").write_text(execute.to_html(nb), encoding="utf-8")
        done.append(execute.Executed(path.stem, 0.0, nb))
    report.write_index(done, folder)
    return folder


def test_every_page_opens_with_its_images_and_no_error(browser, site):
    shots = paths.reports_dir() / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    pages = ["index", *[p.stem for p in execute.notebook_paths()]]
    for name in pages:
        browser.get((site / f"{name}.html").as_uri())
        assert browser.execute_script("return document.readyState") == "complete", name
        images = browser.execute_script("return Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
        assert all(complete and width > 0 for complete, width in images), f"{name}: an image did not load"
        if name != "index":
            assert images, f"{name}: no figure on the page"
        text = browser.find_element("tag name", "body").text
        assert "Traceback (most recent call last)" not in text, f"{name}: an error cell"
        severe = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        assert not severe, f"{name}: console errors {severe}"
        browser.save_screenshot(str(shots / f"{name}.png"))
    browser.get((site / "index.html").as_uri())
    links = browser.execute_script("return Array.from(document.querySelectorAll('article h2 a')).map(a => a.getAttribute('href'))")
    assert links == [f"{p.stem}.html" for p in execute.notebook_paths()]
