"""environment.yml (conda) and pyproject.toml (pip) list the same packages and pins;
requirements.txt (the lock make installs) agrees with both."""

import re
import tomllib

from helpers.data import paths

ROOT = paths.PROJECT_ROOT


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"]) + [d for group in project["optional-dependencies"].values() for d in group]
    pins = {}
    for spec in specs:
        name, version = spec.split("==")
        pins[_norm(name)] = version
    return pins


def environment_pins() -> tuple[dict[str, str], str, list[str]]:
    """(package pins, python version, pip-only lines) from environment.yml, read without a YAML library."""
    pins, python, pip_lines = {}, "", []
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
                name, version = value.split("==")
                pins[_norm(name)] = version
            continue
        in_pip = False
        if value.startswith("python="):
            python = value.split("=", 1)[1]
        elif value == "pip":
            continue
        elif "=" in value:
            name, version = value.split("=", 1)
            pins[_norm(name)] = version.lstrip("=")
    return pins, python, pip_lines


def test_environment_yml_matches_pyproject():
    pins, python, pip_lines = environment_pins()
    assert pins == pyproject_pins()
    assert python == "3.11"
    assert "-e ." in pip_lines  # the helpers package itself


def test_requirements_lock_agrees_with_the_pins():
    lock = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            lock[_norm(name)] = version.split(";")[0].strip()
    for name, version in pyproject_pins().items():
        assert lock.get(name) == version, f"{name}: pyproject {version}, requirements.txt {lock.get(name)}"


def test_python_version_is_pinned_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == "==3.11.*"
