"""The static site: an index that links every notebook page, all of it readable offline."""

import re

import nbformat

from helpers import execute, report


def executed_from_committed():
    return [execute.Executed(p.stem, 0.0, nbformat.read(p, as_version=4)) for p in execute.notebook_paths()]


def test_index_links_every_notebook_with_its_summary(tmp_path, data_dir):
    done = executed_from_committed()
    index = report.write_index(done, tmp_path, as_of="2026-01-16").read_text()
    for result in done:
        assert f'href="{result.name}.html"' in index
        summary = report.notebook_summary(result.notebook)
        assert summary, f"{result.name} has no summary output"
        assert re.sub(r"\*\*", "", summary.split(" ")[0]) in index
    assert "as of 2026-01-16" in index
    assert "SYNTHETIC SAMPLE" in index  # data_dir is empty: the index says the sample is in use


def test_pages_need_no_network():
    nb = nbformat.read(execute.notebook_paths()[1], as_version=4)
    page = execute.to_html(nb)
    assert not re.findall(r'(?:src|href)="https?://', page)
    assert "data:image/png;base64" in page  # figures are embedded
