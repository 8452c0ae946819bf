"""environment.yml (conda) and pyproject.toml (pip) list the same Python range, packages and pins;
requirements.txt (the universal lock make installs) gives each supported Python the same pins."""

import re
import tomllib

from helpers.data import paths

ROOT = paths.PROJECT_ROOT


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(pairs) -> dict[str, str]:
    """``{name: version}`` from ``(name, version)`` pairs; a package listed twice fails (even with the same pin)."""
    pins = {}
    for name, version in pairs:
        assert _norm(name) not in pins, f"{name} is listed twice"
        pins[_norm(name)] = version
    return pins


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"]) + [d for group in project["optional-dependencies"].values() for d in group]
    return _pins(spec.split("==") for spec in specs)


def environment_pins() -> tuple[dict[str, str], str, list[str]]:
    """(package pins, python version, pip-only lines) from environment.yml, read without a YAML library."""
    pairs, python, pip_lines = [], "", []
    in_pip = False
    for raw in (ROOT / "environment.yml").read_text().splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            continue
        item = line.strip()
        if item == "- pip:":
            in_pip = True
            continue
        if not item.startswith("- "):
            in_pip = False if not raw.startswith(" ") else in_pip
            continue
        value = item[2:].strip()
        if in_pip and raw.startswith("    "):
            pip_lines.append(value)
            if "==" in value:
                pairs.append(value.split("=="))
            continue
        in_pip = False
        if value.startswith("python"):
            python = value.removeprefix("python").lstrip("=")
        elif value == "pip":
            continue
        elif "=" in value:
            name, version = value.split("=", 1)
            pairs.append((name, version.lstrip("=")))
    return _pins(pairs), python, pip_lines


def test_environment_yml_matches_pyproject():
    pins, python, pip_lines = environment_pins()
    assert pins == pyproject_pins()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert python == requires.replace(" ", ""), f"environment.yml asks for python {python}, pyproject for {requires}"
    assert "-e ." in pip_lines  # the helpers package itself


SUPPORTED = ("3.11", "3.12", "3.13")


def test_python_311_to_313_are_supported_and_the_lock_serves_each():
    """One range in pyproject; one universal lock (uv) whose markers give every supported Python a full set."""
    from packaging.markers import Marker
    from packaging.specifiers import SpecifierSet

    requires = SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"])
    assert all(f"{v}.0" in requires for v in SUPPORTED) and "3.14.0" not in requires and "3.10.0" not in requires
    lines = [
        line
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    ]
    for version in SUPPORTED:
        env = {
            "python_version": version,
            "python_full_version": f"{version}.0",
            "sys_platform": "linux",
            "os_name": "posix",
            "implementation_name": "cpython",
            "platform_system": "Linux",
        }
        chosen = {}
        for line in lines:
            spec, _, marker = line.partition(";")
            if marker.strip() and not Marker(marker.strip()).evaluate(env):
                continue
            name, pin = spec.strip().split("==")
            assert _norm(name) not in chosen, f"Python {version}: {name} pinned twice"
            chosen[_norm(name)] = pin
        for name, pin in pyproject_pins().items():
            assert chosen.get(name) == pin, (
                f"Python {version}: {name} {chosen.get(name)} in the lock, {pin} in pyproject"
            )


def _lock_pins() -> dict[str, str]:
    """The lock's pins of packages without a marker (the same for every supported Python)."""
    lines = [
        line
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    ]
    return {_norm(line.split("==")[0]): line.split("==")[1].strip() for line in lines if ";" not in line}


def test_a_package_listed_twice_is_caught():
    import pytest

    with pytest.raises(AssertionError, match="listed twice"):
        _pins([("filelock", "4.2.11"), ("FileLock", "4.2.11")])


def test_the_build_backend_and_the_tools_use_the_locks_pins():
    """setuptools builds the package and is locked at run time (sphinx-togglebutton): one version for both; the
    Makefile's wheelhouse reads the build pin from pyproject.toml rather than repeating it."""
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    assert len(build) == 1 and "==" in build[0]
    name, version = build[0].split("==")
    assert _lock_pins()[_norm(name)] == version
    makefile = (ROOT / "Makefile").read_text()
    assert "setuptools==" not in makefile


def test_the_lock_records_how_it_was_made_and_make_lock_makes_it_so():
    header = (ROOT / "requirements.txt").read_text().splitlines()[:2]
    assert header[1].strip().removeprefix("#").strip().startswith("uv pip compile pyproject.toml")
    command = header[1].strip().removeprefix("#").strip()
    makefile = (ROOT / "Makefile").read_text()
    recipe = next(line.strip() for line in makefile.splitlines() if "uv pip compile" in line)
    assert recipe.replace("$(BIN)/uv", "uv").replace(" -q", "") == command
