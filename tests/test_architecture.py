"""The package's architecture: four layers whose imports run one way, and no import circle between modules.

Every import of a helpers module is read from the source (at the top of a module or inside a function, since a
late import is still a dependency): at the bottom, startup (what the entry points do first), errors, settings
(every environment variable), caches (every cache) and hashes (every hash of code and notebooks) import nothing
above them; data adds those; analysis adds data;
notebook adds analysis; publish may import all; only the CLI and the package's lazy exports sit above.
"""

import ast
from pathlib import Path

from helpers.data import paths

PACKAGE = paths.PROJECT_ROOT / "src" / "helpers"
LAYERS = ("startup", "errors", "settings", "caches", "hashes", "data", "analysis", "notebook", "publish")
BOTTOM = {"startup", "errors", "settings", "caches", "hashes"}
# what each layer may import (besides itself)
ALLOWED = {
    "startup": set(),
    "errors": set(),
    "settings": {"errors"},
    "caches": {"errors", "settings"},
    "hashes": {"errors", "settings", "caches"},
    "data": BOTTOM,
    "analysis": BOTTOM | {"data"},
    "notebook": BOTTOM | {"data", "analysis"},
    "publish": BOTTOM | {"data", "analysis", "notebook"},
    "cli": BOTTOM | {"data", "analysis", "notebook", "publish"},
    "__init__": BOTTOM | {"data", "analysis", "notebook", "publish"},
    "__main__": {"startup", "cli"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The helpers modules ``name`` imports, wherever the import statement stands."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("helpers")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("helpers"):
                continue
            for alias in node.names:  # `from helpers.data import load` imports the module helpers.data.load
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in known else target)
    return {m for m in found if m in known and m != name}


def layer(name: str) -> str:
    parts = name.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imported(name, path, set(found)) for name, path in found.items()}


def test_every_module_sits_in_a_layer():
    names = set(modules())
    loose = {n for n in names if layer(n) not in (*LAYERS, "cli", "__init__", "__main__")}
    assert not loose, f"modules outside the four layers: {sorted(loose)}"
    for subpackage in ("data", "analysis", "notebook", "publish"):
        doc = ast.get_docstring(ast.parse((PACKAGE / subpackage / "__init__.py").read_text()))
        assert doc and "May import" in doc, f"helpers.{subpackage} says what lives there and what it may import"


def test_imports_run_one_way():
    wrong = []
    for name, targets in graph().items():
        own = layer(name)
        for target in targets:
            other = layer(target)
            if other != own and other not in ALLOWED[own] and not (own == "__init__" and target == "helpers"):
                wrong.append(f"{name} -> {target}")
    assert not wrong, "imports against the layering:\n" + "\n".join(sorted(wrong))


def test_no_import_circle():
    edges = graph()
    cycles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_checker_sees_a_forbidden_import(tmp_path):
    path = tmp_path / "helpers" / "data" / "x.py"
    path.parent.mkdir(parents=True)
    path.write_text("from helpers.analysis import ledger\n\ndef f():\n    from ..publish import book\n")
    known = {"helpers.analysis.ledger", "helpers.publish.book", "helpers.data.x"}
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "helpers"
    try:
        assert imported("helpers.data.x", path, known) == {"helpers.analysis.ledger", "helpers.publish.book"}
    finally:
        PACKAGE = saved
