"""environment.yml (conda) and pyproject.toml (pip) list the same Python range, packages and pins;
requirements.txt (the universal lock make installs) gives each supported Python the same pins."""

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
        if value.startswith("python"):
            python = value.removeprefix("python").lstrip("=")
        elif value == "pip":
            continue
        elif "=" in value:
            name, version = value.split("=", 1)
            pins[_norm(name)] = version.lstrip("=")
    return pins, python, pip_lines


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
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line and not line.startswith("#")]
    for version in SUPPORTED:
        env = {"python_version": version, "python_full_version": f"{version}.0", "sys_platform": "linux",
               "os_name": "posix", "implementation_name": "cpython", "platform_system": "Linux"}
        chosen = {}
        for line in lines:
            spec, _, marker = line.partition(";")
            if marker.strip() and not Marker(marker.strip()).evaluate(env):
                continue
            name, pin = spec.strip().split("==")
            assert _norm(name) not in chosen, f"Python {version}: {name} pinned twice"
            chosen[_norm(name)] = pin
        for name, pin in pyproject_pins().items():
            assert chosen.get(name) == pin, f"Python {version}: {name} {chosen.get(name)} in the lock, {pin} in pyproject"
