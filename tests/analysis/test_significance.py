"""One significance level in one place: every reading of significance takes its default from significance.ALPHA."""

import inspect
import re

import pytest

from helpers.analysis import attribution, regression, robustness, significance
from helpers.analysis.ledger.standard import STANDARD, Standard
from helpers.data import paths


def test_every_default_level_is_the_one_constant():
    assert significance.ALPHA == 0.05 and significance.POWER == 0.80
    assert Standard().alpha == significance.ALPHA and STANDARD.power == significance.POWER
    for fn in (
        robustness.read,
        robustness.rule_text,
        robustness.minimum_detectable_effect,
        regression.ols,
        regression.rolling_betas,
    ):
        assert inspect.signature(fn).parameters["alpha"].default == significance.ALPHA, fn.__name__
    assert significance.Z == pytest.approx(1.959964, abs=1e-6) == STANDARD.z
    assert attribution.Z is significance.Z


def test_no_other_literal_significance_level_in_the_package():
    """A literal 0.05 compared with a p-value or given as a level would be a second standard; the regression
    table's stars (regression.STARS, a display convention) are named, not compared inline."""
    level = re.compile(r"(alpha\w*\s*(:\s*\w+\s*)?=\s*0\.05\b|\bp\w*\s*<=?\s*0\.05\b|\b0\.05\s*>=?\s*\w*p\b)")
    found = []
    for path in (paths.PROJECT_ROOT / "src" / "helpers").rglob("*.py"):
        if path.name == "significance.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if level.search(line.split("#")[0]):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert not found, "significance levels written out instead of read from significance.ALPHA:\n" + "\n".join(found)


def test_the_stars_keep_their_convention():
    assert regression._fmt(1.0, 2, 0.009) == "1.00***"
    assert regression._fmt(1.0, 2, 0.04) == "1.00**"
    assert regression._fmt(1.0, 2, 0.07) == "1.00*"
    assert regression._fmt(1.0, 2, 0.2) == "1.00"
