"""Exercises: every one registered with a checkable answer computed from the data held, every solution checking
itself, and h.check's verdicts (right, not yet with a hint, not answered) under each exercise's tolerance."""

import math
import re

import nbformat
import numpy as np
import pandas as pd
import pytest

from helpers.notebook import exercises
from helpers.notebook.exercises import Exercise
from helpers.publish import execute, student

COMMITTED = {p.stem: nbformat.read(p, as_version=4) for p in execute.notebook_paths()}


def labels_in(nb) -> list[str]:
    return [
        m.group(1)
        for c in nb.cells
        if c.cell_type == "markdown"
        for m in re.finditer(r":label: (ex-\d\d-\d+)", c.source)
    ]


def test_notebooks_01_to_05_and_07_end_with_two_to_four_exercises_each_registered():
    for stem in [
        "01_setup_2025",
        "02_fed_cuts",
        "03_valuation_gap",
        "04_january_2026",
        "05_rate_sensitivity",
        "07_follow_through",
    ]:
        ids = [student.exercise_id(label) for label in labels_in(COMMITTED[stem])]
        assert 2 <= len(ids) <= 4, f"{stem}: {ids}"
        assert ids == [ex.id for ex in exercises.for_notebook(stem)], stem
        assert {exercises.REGISTRY[i].level for i in ids} >= {"easy"}, f"{stem}: no easy exercise"
    levels = {ex.level for ex in exercises.REGISTRY.values()}
    assert levels == set(exercises.LEVELS)


@pytest.fixture
def toy_exercise(monkeypatch):
    ex = Exercise("99.1", "99_toy", "toy", "the answer", "easy", "fraction", 0.001, "think of 42", lambda: 0.42, "0.42")
    date = Exercise(
        "99.2",
        "99_toy",
        "toy date",
        "a day",
        "easy",
        "date",
        0,
        "a Friday",
        lambda: pd.Timestamp("2026-01-09"),
        "'2026-01-09'",
    )
    never = Exercise("99.3", "99_toy", "never", "a day", "easy", "date", 0, "look again", lambda: None, "'not reached'")
    monkeypatch.setitem(exercises.REGISTRY, "99.1", ex)
    monkeypatch.setitem(exercises.REGISTRY, "99.2", date)
    monkeypatch.setitem(exercises.REGISTRY, "99.3", never)


def test_check_right_wrong_unanswered_with_tolerance_and_hint(toy_exercise, monkeypatch):
    said = []
    monkeypatch.setattr(exercises, "_say", lambda text, show: said.append(text))
    assert exercises.check("99.1", 0.4205) is True
    assert exercises.check("99.1", 0.43) is False and "think of 42" in said[-1]
    assert exercises.check("99.1", None) is False and "not answered yet" in said[-1]
    assert exercises.check("99.1", "forty") is False and "not a fraction answer" in said[-1]
    assert exercises.check("99.2", "2026-01-09") is True
    assert exercises.check("99.2", pd.Timestamp("2026-01-08")) is False
    assert exercises.check("99.3", "not reached") is True and exercises.check("99.3", "2026-01-09") is False
    with pytest.raises(KeyError, match="no exercise"):
        exercises.check("42.1", 1)


@pytest.mark.parametrize("data", ["sample", "real"])
def test_every_expected_answer_exists_on_the_sample_and_the_snapshot(data, request, data_dir):
    if data == "real":
        request.getfixturevalue("real_data")
    for ex in exercises.REGISTRY.values():
        value = ex.expected_value()
        if ex.units == "date":
            assert value == exercises.NOT_REACHED or isinstance(value, pd.Timestamp), ex.id
        else:
            assert isinstance(value, float) and math.isfinite(value), (ex.id, value)


def test_an_exercise_without_the_data_it_needs_says_so_instead_of_failing(data_dir, monkeypatch):
    from helpers.data import asof

    said = []
    monkeypatch.setattr(exercises, "_say", lambda text, show: said.append(text))
    assert exercises.observable("05.2")  # the sample reaches past 2022
    asof.set_as_of("2021-06-30")
    try:
        assert not exercises.observable("05.2")  # a regression from 2022 on, as of mid-2021
        assert "cannot be worked on the data held as of 2021-06-30" in said[-1]
    finally:
        asof.set_as_of(None)


def test_points_by_level_unless_stated_and_open_ended_ones_are_the_teachers(toy_exercise):
    assert exercises.REGISTRY["99.1"].max_points == exercises.POINTS["easy"] == 1
    assert not exercises.REGISTRY["99.1"].manual
    for ex in exercises.REGISTRY.values():
        assert ex.max_points >= 1 and ex.manual == (ex.level == "open-ended"), ex.id
    stated = Exercise("99.4", "99_toy", "toy", "q", "easy", "count", 0, "h", lambda: 3.0, "3", points=5)
    assert stated.max_points == 5


def test_judge_is_the_one_verdict_and_check_says_its_message(toy_exercise, monkeypatch):
    said = []
    monkeypatch.setattr(exercises, "_say", lambda text, show: said.append(text))
    ex = exercises.REGISTRY["99.1"]
    right = exercises.judge(ex, 0.4205, 0.42)
    assert (right.answered, right.right, right.shown) == (True, True, "42.0%") and "right" in right.message
    wrong = exercises.judge(ex, 0.5, 0.42)
    assert wrong.answered and not wrong.right and "Hint: think of 42" in wrong.message
    assert exercises.judge(ex, None, 0.42) == exercises.judge(ex, ..., 0.42)
    assert not exercises.judge(ex, None, 0.42).answered
    table = exercises.judge(ex, exercises.Unreadable("<a table>"), 0.42)
    assert table.answered and not table.right and "not a fraction answer" in table.message
    exercises.check("99.1", 0.5)
    assert said[-1] == wrong.message


DAY = pd.Timestamp("2026-01-02")


@pytest.mark.parametrize(
    "value, back",
    [
        (None, None),
        (..., None),
        (0.05, 0.05),
        (np.float64(0.25), 0.25),
        (np.int64(3), 3.0),
        (True, 1.0),
        ("not reached", "not reached"),
        ("2026-01-02", "2026-01-02"),
        (DAY, DAY),
        (np.datetime64("2026-01-02"), DAY),
        (pd.Series([1, 2]), exercises.Unreadable(repr(pd.Series([1, 2])))),
    ],
)
def test_an_answer_travels_out_of_a_kernel_as_json(value, back):
    assert exercises.answer_from_json(exercises.answer_to_json(value)) == back
    long = exercises.answer_from_json(exercises.answer_to_json(list(range(1000))))
    assert isinstance(long, exercises.Unreadable) and len(long.text) < 250
