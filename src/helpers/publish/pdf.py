"""``make pdf``: the whole book as one PDF for a review meeting, printed by headless Chromium.

The book's sources (:func:`helpers.publish.book.write_sources`) get one more root
page, a title page with the contents, and Sphinx builds them as a single HTML page
(``singlehtml``); headless Chromium prints that page to PDF, with page numbers
from the print style sheet (CSS page margin boxes), each notebook starting on a
new page, figures and tables kept whole, the folded code and the navigation left
out.

Why Chromium rather than Sphinx's LaTeX builder: the book's tables and verdict
colours are HTML (pandas' styled tables, the ledger's chips), which the LaTeX
builder does not render; the browser prints exactly what a reader sees. A TeX
installation would also add several hundred megabytes to every machine, while
Chromium is already what the browser test of the book uses (``make browser``).
"""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from helpers.data import paths
from helpers.data.identity import DataIdentity
from helpers.errors import HelpersError

from . import book

ROOT = "book-pdf"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
    "--virtual-time-budget=20000",
]
PRINT_CSS = """/* The PDF: a title page, each notebook from a new page, page numbers, no navigation or folded code. */
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; }
  @top-right { content: "The Great Rotation"; font-size: 8pt; color: #888; } }
@page :first { @bottom-center { content: none; } @top-right { content: none; } }
.title-page-text { break-after: page; padding-top: 22vh; }
.pdf-title { font-size: 2.4rem; font-weight: 700; line-height: 1.2; margin-bottom: 2rem; }
#the-great-rotation-us-small-caps-catch-up-20252026 > h1 { display: none; }
h2.pdf-contents { margin-top: 0; }
.toctree-wrapper > section > h2 { break-before: page; font-size: 1.6rem; }
#jb-print-docs-body { display: none !important; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-header-article, .bd-footer, .bd-footer-article,
.bd-header-announcement, .prev-next-area, .toggle-button, .headerlink { display: none !important; }
.bd-page-width, .bd-container, .bd-container__inner, .bd-main, .bd-content, .bd-article-container, .bd-article {
  max-width: 100% !important; width: 100% !important; margin: 0 !important; padding: 0 !important; }
img, figure, .cell_output img { break-inside: avoid; max-width: 100% !important; }
table { font-size: 0.8rem; }
"""


def root_page(notebooks: dict, data: DataIdentity | None, published_digest: str | None, pages: list[str]) -> str:
    """The PDF's root document: title page (title, what it is, the data line), the contents, then every page."""
    titles = [book.notebook_title(nb, name) for name, nb in notebooks.items()]
    return "\n".join(
        [
            f"# {book.TITLE}",
            "",
            "```{raw} html",
            '<div class="title-page-text">',
            f'<p class="pdf-title">{html.escape(book.TITLE)}</p>',
            "<p>Research notebooks on US small caps against large caps, and the claims ledger of the market commentary "
            "of early 2026.</p>",
            book._data_paragraph(data, published_digest),
            "</div>",
            '<h2 class="pdf-contents">Contents</h2>',
            "```",
            "",
            *[f"{i}. {title}" for i, title in enumerate(titles, start=1)],
            "",
            "```{toctree}",
            ":maxdepth: 1",
            "",
            *pages,
            "```",
            "",
            # on paper nothing can be clicked open: every toggle (the ledger's evidence, the solutions) is printed open
            "```{raw} html",
            "<script>document.querySelectorAll('details').forEach(d => { d.open = true; });</script>",
            "```",
            "",
        ]
    )


def build(
    notebooks: dict,
    data: DataIdentity | None,
    published_digest: str | None,
    out_dir: Path | None = None,
    changes_md: str | None = None,
) -> Path:
    """Build the single-page book and print it to ``out_dir/book.pdf`` (default ``reports/``); returns the PDF."""
    from sphinx.cmd.build import build_main

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise HelpersError(
            "make pdf prints the book with headless Chromium, which is not installed: run `make browser` "
            "(Debian packages chromium and chromium-driver), then make pdf again"
        )
    out_dir = Path(out_dir or paths.reports_dir())
    work = out_dir / ".book-pdf"
    src = work / "src"
    pages = book.write_sources(
        src, notebooks, data, published_digest, changes_md, book.extra_pages(notebooks), fold_tag="remove-input"
    )
    (src / f"{ROOT}.md").write_text(
        root_page(notebooks, data, published_digest, [p for p in pages if p != "index"]), encoding="utf-8"
    )
    (src / "_static" / "print.css").write_text(PRINT_CSS, encoding="utf-8")
    conf = (src / "conf.py").read_text(encoding="utf-8")
    (src / "conf.py").write_text(
        conf + '\nhtml_css_files = ["book.css", "print.css"]\nexclude_patterns += ["index.md"]\n', encoding="utf-8"
    )
    sink = io.StringIO()
    with redirect_stdout(sink), redirect_stderr(sink):
        status = build_main(
            [
                "-q",
                "-b",
                "singlehtml",
                "-D",
                f"root_doc={ROOT}",
                "-d",
                str(work / "doctrees"),
                str(src),
                str(work / "html"),
            ]
        )
    if status != 0:
        raise RuntimeError(f"the single-page book did not build (sphinx exit {status}):\n{sink.getvalue()[-3000:]}")
    target = out_dir / "book.pdf"
    profile = tempfile.mkdtemp(prefix="chromium-pdf-")
    try:
        result = subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--print-to-pdf={target}",
                (work / "html" / f"{ROOT}.html").resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if result.returncode != 0 or not target.exists():
        raise HelpersError(f"Chromium did not print the book (exit {result.returncode}): {result.stderr[-1500:]}")
    return target
