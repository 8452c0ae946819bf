"""The README is a front page and the manual lives in docs/: every relative link resolves, every command of the
Makefile is documented, and the README's commands are the ones CI runs."""

import re
from pathlib import Path

import pytest

from helpers.data import paths

ROOT = paths.PROJECT_ROOT
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def links(text: str) -> list[str]:
    """The targets of Markdown links outside code blocks and inline code."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    return LINK.findall(text)


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens."""
    heading = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return heading.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def broken(page: Path) -> list[str]:
    wrong = []
    for target in links(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):  # https:, mailto:: not checked offline
            continue
        file, _, anchor = target.partition("#")
        resolved = (page.parent / file).resolve() if file else page
        if not resolved.exists():
            wrong.append(f"{target}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            wrong.append(f"{target}: no heading #{anchor} in {resolved.name}")
    return wrong


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(page):
    wrong = broken(page)
    assert not wrong, f"{page.relative_to(ROOT)}:\n" + "\n".join(wrong)


def test_the_link_check_sees_a_broken_link(tmp_path):
    (tmp_path / "other.md").write_text("# A heading, here\n")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](other.md) [ok](other.md#a-heading-here) [web](https://example.org) `[code](nowhere.md)`\n"
        "[gone](missing.md) [no anchor](other.md#elsewhere)\n```\n[in a block](nowhere.md)\n```\n"
    )
    assert broken(page) == ["missing.md: no such file", "other.md#elsewhere: no heading #elsewhere in other.md"]


def test_the_readme_is_a_front_page():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 150
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        assert f"`{notebook.stem}`" in text, f"{notebook.stem} is not in the README's list"
    for page in PAGES[1:]:
        assert f"(docs/{page.name})" in text, f"the README does not point to docs/{page.name}"


def test_the_readmes_test_command_is_the_one_ci_runs():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = re.search(r"## Two commands\n\n```bash\n(.*?)```", text, flags=re.S).group(1)
    commands = [line.split("#")[0].strip() for line in quick.splitlines()]
    assert commands == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^\s*make test\s*$", ci, flags=re.M), ".ci/run does not run the README's `make test`"


def test_every_make_command_is_in_the_manual():
    """Nothing the Makefile offers is undocumented: each command of `make help` appears in docs/operating.md."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    offered = set(re.findall(r'@echo "make ([a-z-]+)', makefile))
    assert {"run", "test", "unit", "data", "bench", "grade"} <= offered
    manual = (ROOT / "docs" / "operating.md").read_text(encoding="utf-8")
    missing = sorted(c for c in offered if f"`make {c}" not in manual)
    assert not missing, f"commands of make help missing from docs/operating.md: {missing}"
