"""One cache place: every cache is declared in helpers.caches with its key and what invalidates it, docs/caches.md
lists the same ones, no module keeps a cache of its own, and clear() forgets what rests on the state of files."""

import ast
import re

import pandas as pd
import pytest

from helpers import caches
from helpers.data import asof, identity, paths

PACKAGE = paths.PROJECT_ROOT / "src" / "helpers"
DOC = paths.PROJECT_ROOT / "docs" / "caches.md"


def declared_elsewhere() -> list[dict[str, str]]:
    """The caches declared outside helpers.caches (the analysis layer's memo), read from the source: their name, key
    and invalidation as written (string literals), without importing the layer."""
    rows = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text()
        if path == PACKAGE / "caches.py" or "caches.Cache(" not in text:
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Cache":
                words = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg in ("key", "invalidated_by")}
                kind = (
                    "memory, content-addressed"
                    if any(k.arg == "content_addressed" and ast.literal_eval(k.value) for k in node.keywords)
                    else "memory"
                )
                rows.append({"name": ast.literal_eval(node.args[0]), "kind": kind, **words})
    return rows


def test_no_module_but_caches_keeps_a_cache_of_its_own():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text()
        if (path.name == "caches.py" and path.parent == PACKAGE) or "functools" not in text:
            continue
        for node in ast.walk(ast.parse(text)):
            names = [a.name for a in node.names] if isinstance(node, (ast.Import, ast.ImportFrom)) else []
            from_functools = getattr(node, "module", "") == "functools"
            if from_functools and any(name in ("lru_cache", "cache", "cached_property") for name in names):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("lru_cache", "cache")
                and getattr(node.value, "id", "") == "functools"
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not found, f"declare these caches in helpers.caches instead: {found}"


def test_the_documented_table_lists_every_declared_cache():
    rows = re.findall(r"^\| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", DOC.read_text(), flags=re.MULTILINE)
    documented = [dict(zip(("name", "kind", "key", "invalidated_by"), row, strict=True)) for row in rows[2:]]
    elsewhere = declared_elsewhere()
    assert [row["name"] for row in elsewhere] == ["analysis results"]  # declared by the analysis layer itself
    here = [row for row in caches.table() if row["name"] not in {r["name"] for r in elsewhere}]
    assert documented == here + elsewhere


def test_a_cache_keeps_at_most_its_size_and_clear_forgets_what_rests_on_files():
    lru = caches.Cache("test: bounded", key="a number", invalidated_by="a test", maxsize=2)
    pure = caches.Cache("test: content", key="a number", invalidated_by="nothing", content_addressed=True)
    try:
        calls = []
        for n in (1, 2, 1, 3):
            lru.get(n, lambda n=n: calls.append(n) or n * 10)
        assert calls == [1, 2, 3] and lru.peek(2) is None and lru.peek(1) == 10  # 2 was the least recently used
        pure.put("k", "v")
        caches.clear()
        assert len(lru) == 0 and pure.peek("k") == "v"
        caches.clear(everything=True)
        assert pure.peek("k") is None
        with pytest.raises(ValueError, match="declared twice"):
            caches.Cache("test: bounded", key="", invalidated_by="")
    finally:
        del caches.REGISTRY["test: bounded"], caches.REGISTRY["test: content"]


def test_a_memo_keyed_by_the_data_identity_computes_once_per_identity():
    """The mechanism the analysis layer's memo uses (helpers.analysis.specs.by_data): another as-of date is another
    data identity, hence another entry; the same one is reused."""
    memo = caches.Cache("test: by data", key="the data identity", invalidated_by="a test", content_addressed=True)
    calls = []
    try:

        @memo.memoise(key=identity.current)
        def computed(x):
            calls.append(x)
            return [x, identity.current().as_of]

        assert computed(1) is computed(1) and calls == [1]
        asof.set_as_of("2025-06-30")
        assert computed(1) == [1, pd.Timestamp("2025-06-30")] and calls == [1, 1]
    finally:
        asof.set_as_of(None)
        del caches.REGISTRY["test: by data"]
