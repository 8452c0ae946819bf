"""One settings place: helpers.settings declares every environment variable the package reads, docs/settings.md
lists the same ones with the same defaults, no other module reads the environment, and the tests keep their caches
out of the user's home."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import SMALL_FOLDER, write_folder
from helpers import caches, settings
from helpers.data import paths

PACKAGE = paths.PROJECT_ROOT / "src" / "helpers"
DOC = paths.PROJECT_ROOT / "docs" / "settings.md"
# Leaving the package (issue 20: the benchmark moves out of src/); it still builds its commands' environment itself.


def environment_reads(path: Path) -> list[str]:
    """Where a module reads or changes the environment: ``os.environ``, ``os.getenv``, ``os.putenv`` or ``environ``
    imported from os (``line: code``)."""
    text = path.read_text()
    if not re.search(r"environ|getenv|putenv", text):
        return []
    tree = ast.parse(text)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv", "putenv", "unsetenv"):
            found.append(node)
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [node for alias in node.names if alias.name in ("environ", "getenv", "putenv")]
    return [f"{node.lineno}: {ast.get_source_segment(text, node)}" for node in found]


def test_no_module_but_settings_reads_the_environment():
    readers = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name == "settings.py":
            continue
        if reads := environment_reads(path):
            readers[name] = reads
    assert not readers, f"read the environment through helpers.settings instead: {readers}"
    assert environment_reads(PACKAGE / "settings.py")  # the checker sees a read


def test_every_helpers_variable_named_in_the_package_is_declared():
    """A variable named anywhere in the package (a message, a docstring) is one the package reads."""
    named = set()
    for path in PACKAGE.rglob("*.py"):
        named |= set(re.findall(r"\bHELPERS_[A-Z_]+[A-Z]\b", path.read_text()))
    assert named <= set(settings.BY_NAME), sorted(named - set(settings.BY_NAME))


def documented() -> dict[str, str]:
    """``{variable: default}`` from the table of docs/settings.md."""
    rows = re.findall(r"^\| `([A-Z_]+)` \| ([^|]+?) \|", DOC.read_text(), flags=re.MULTILINE)
    return dict(rows)


def test_the_documented_table_agrees_with_the_module():
    assert documented() == {s.name: s.default for s in settings.SETTINGS}
    text = DOC.read_text()
    for setting in settings.SETTINGS:
        assert f"| `{setting.name}` | {setting.default} | {setting.kind} | {setting.meaning} |" in text, setting.name


def test_only_declared_variables_are_read(monkeypatch):
    try:
        settings._read("HELPERS_SOMETHING_ELSE")
    except KeyError as exc:
        assert "not declared" in str(exc)
    else:
        raise AssertionError("an undeclared variable was read")
    monkeypatch.setenv("HELPERS_JOBS", "3")
    monkeypatch.setenv("HELPERS_LOCK_TIMEOUT", "1.5")
    monkeypatch.setenv("HELPERS_AS_OF", " 2026-01-16 ")
    assert (settings.jobs(), settings.lock_timeout(), settings.as_of()) == (3, 1.5, "2026-01-16")
    for name in ("HELPERS_JOBS", "HELPERS_LOCK_TIMEOUT", "HELPERS_AS_OF", "HELPERS_TEST_HOOKS"):
        monkeypatch.delenv(name, raising=False)
    assert settings.lock_timeout() == float(settings.BY_NAME["HELPERS_LOCK_TIMEOUT"].default)
    assert settings.as_of() is None and settings.fault_hooks_dir() is None


def test_a_child_process_gets_this_environment_without_what_is_dropped(monkeypatch):
    monkeypatch.setenv("FRED_API_KEY", "secret-key")
    env = settings.child_environment({"HELPERS_AS_OF": "2026-01-16"}, drop=("FRED_API_KEY",))
    assert "FRED_API_KEY" not in env and env["HELPERS_AS_OF"] == "2026-01-16" and env["PATH"] == os.environ["PATH"]


def test_tests_keep_their_caches_out_of_the_users_home(tmp_path, monkeypatch, temporary_cache_home):
    """The autouse fixture points XDG_CACHE_HOME at a temporary folder; a command the test runs inherits it, and the
    checksums it records land there, none in ~/.cache."""
    home_cache = Path.home() / ".cache"
    assert settings.cache_home() == temporary_cache_home and home_cache not in temporary_cache_home.parents
    data = tmp_path / "data"
    monkeypatch.setenv("HELPERS_DATA_DIR", str(data))
    from helpers.data import refresh

    assert refresh.import_folder(write_folder(tmp_path / "exports", SMALL_FOLDER), progress=False).ok
    generation = next((data / "raw" / "generations").iterdir())
    recorded = caches.CHECKSUMS.path(str(generation.resolve())).relative_to(temporary_cache_home)
    (temporary_cache_home / recorded).unlink()  # the import recorded them in this process; the command must again
    command = (
        "from helpers import settings; from helpers.data import checksums; checksums.verify(); "
        "print(settings.cache_home())"
    )
    result = subprocess.run([sys.executable, "-c", command], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == str(temporary_cache_home)
    assert (temporary_cache_home / recorded).exists()
    assert not (home_cache / recorded).exists()
