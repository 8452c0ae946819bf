"""One cache place: every cache is declared in helpers.caches with its key and what invalidates it, docs/caches.md
lists the same ones, no module keeps a cache of its own, and clear() forgets what rests on the state of files."""

import ast
import importlib
import pkgutil
import re

import pandas as pd
import pytest

import helpers
from helpers import caches
from helpers.data import identity, load, paths

PACKAGE = paths.PROJECT_ROOT / "src" / "helpers"
DOC = paths.PROJECT_ROOT / "docs" / "caches.md"


def import_every_declaring_module() -> None:
    """Import every module that declares a cache (its source calls ``Cache(`` or ``DiskCache(``)."""
    for module in pkgutil.walk_packages(helpers.__path__, "helpers."):
        path = PACKAGE.parent / (module.name.replace(".", "/") + ("/__init__.py" if module.ispkg else ".py"))
        if re.search(r"\b(Disk)?Cache\(", path.read_text()):
            importlib.import_module(module.name)


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
            if isinstance(node, ast.Attribute) and node.attr in ("lru_cache", "cache") and \
                    getattr(node.value, "id", "") == "functools":
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not found, f"declare these caches in helpers.caches instead: {found}"


def test_the_documented_table_lists_every_declared_cache():
    import_every_declaring_module()
    rows = re.findall(r"^\| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", DOC.read_text(), flags=re.MULTILINE)
    documented = [dict(zip(("name", "kind", "key", "invalidated_by"), row)) for row in rows[2:]]
    assert documented == caches.table()
    assert "analysis results" in caches.REGISTRY  # declared by the analysis layer, through the same mechanism


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


def test_analysis_results_are_kept_per_data_identity(data_dir, monkeypatch):
    """The analysis memo is keyed by the data in use: another as-of date is another entry, the same one is reused."""
    from helpers.analysis import specs

    calls = []
    real = load.load_prices
    monkeypatch.setattr(load, "load_prices", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = specs.spread_data("daily", "2024-01-01")
    assert specs.spread_data("daily", "2024-01-01") is first and len(calls) == 1
    from helpers.data import asof

    asof.set_as_of("2025-06-30")
    try:
        cut = specs.spread_data("daily", "2024-01-01")
        assert len(calls) == 2 and cut.index.max() <= pd.Timestamp("2025-06-30")
        assert identity.current().as_of == pd.Timestamp("2025-06-30")
    finally:
        asof.set_as_of(None)
