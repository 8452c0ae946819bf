"""Exercises with answers a student can check: ``h.check("01.2", answer)``.

Each exercise at the end of notebooks 01 to 05 and 07 is registered here with its
question in one line, its level (easy, intermediate, open-ended), the units and
tolerance of its checkable answer, a hint, and a function that computes the
expected answer from the data held *at that moment* (through the loaders, so it
honours the as-of date, the sample and fresh data alike). Nothing is a stored
number.

In the notebooks each exercise is a sphinx-exercise ``exercise`` directive; its
solution is a gated ``solution-start`` / ``solution-end`` block whose code cells
compute the answer and end with ``assert h.check(...)``, so the test suite runs
every solution and fails if one goes wrong. The student edition
(:mod:`helpers.publish.student`) replaces each solution block with a cell that calls
``h.check`` on ``answer = None``, which prints that the exercise is not answered
yet instead of raising.

Each exercise carries points (by level unless stated: easy 1, intermediate 2,
open-ended 3); open-ended exercises are graded by the teacher. :func:`judge` is the
one verdict, used by ``h.check`` in a notebook and by ``make grade``
(:mod:`helpers.publish.grade`), which reads each answer out of a student's kernel
with :func:`answer_to_json` and judges it in its own process.
"""

from __future__ import annotations

import datetime as dt
import json
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import keyfigures

LEVELS = ("easy", "intermediate", "open-ended")
POINTS = {"easy": 1, "intermediate": 2, "open-ended": 3}  # an exercise's points unless it states its own
MANUAL_LEVELS = ("open-ended",)  # graded by the teacher: the checkable number is a start, the discussion counts
NOT_REACHED = "not reached"  # the answer when a level or date is not reached in the data held


@dataclass(frozen=True)
class Exercise:
    """One exercise: what is asked, how its answer is checked, and how the expected value is computed."""

    id: str  # "01.2": notebook number, exercise number
    notebook: str  # stem of the notebook it ends
    title: str
    question: str  # one line, for the teachers' page and the student's stub
    level: str
    units: str  # one of helpers.notebook.keyfigures.UNITS: fixes how answers are shown
    tolerance: float | None  # absolute, in the answer's own units (0.001 on a fraction = 0.1 pp); None: exact
    hint: str
    expected: Callable[[], Any]
    answer_example: str  # how the answer is written, for the stub
    points: int | None = None  # None: by level (POINTS)

    def expected_value(self):
        return _normalise(self.expected(), self.units)

    @property
    def max_points(self) -> int:
        """The points a right answer earns (by level unless the exercise states its own)."""
        return POINTS[self.level] if self.points is None else self.points

    @property
    def manual(self) -> bool:
        """Whether the teacher grades it (open-ended): ``make grade`` quotes the answer instead of scoring it."""
        return self.level in MANUAL_LEVELS


REGISTRY: dict[str, Exercise] = {}


def exercise(
    id: str,
    notebook: str,
    title: str,
    question: str,
    level: str,
    units: str,
    hint: str,
    answer_example: str,
    tolerance: float | None = None,
    points: int | None = None,
):
    """Register the decorated function as the expected answer of exercise ``id`` (``points``: None, by level)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    if units not in keyfigures.UNITS:
        raise ValueError(f"units must be one of {sorted(keyfigures.UNITS)}")

    def register(fn):
        if id in REGISTRY:
            raise ValueError(f"exercise {id} is registered twice")
        REGISTRY[id] = Exercise(
            id, notebook, title, question, level, units, tolerance, hint, fn, answer_example, points
        )
        return fn

    return register


def _normalise(value, units: str):
    if value is None or value == NOT_REACHED:
        return NOT_REACHED if units == "date" else value
    if units == "date":
        return pd.Timestamp(value).normalize()
    if units in ("verdict", "text"):
        return str(value).strip().lower()
    return float(value)


def _show(value, units: str) -> str:
    if value == NOT_REACHED:
        return NOT_REACHED
    return keyfigures.format_value(value, keyfigures.UNITS[units][0])


def _tolerance_text(ex: Exercise) -> str:
    if ex.tolerance is None:
        return "exactly"
    if ex.units == "fraction":
        return f"within ±{ex.tolerance * 100:g} percentage points"
    if ex.units == "date":
        return f"within {ex.tolerance:g} days"
    return f"within ±{ex.tolerance:g}"


def is_right(ex: Exercise, answer, expected) -> bool:
    """Whether ``answer`` matches ``expected`` under the exercise's tolerance."""
    if expected == NOT_REACHED or answer == NOT_REACHED:
        return answer == expected
    if ex.units == "date":
        days = abs((pd.Timestamp(answer).normalize() - expected).days)
        return days <= (ex.tolerance or 0)
    if ex.units in ("verdict", "text"):
        return answer == expected
    if ex.tolerance is None:
        return answer == expected
    return abs(answer - expected) <= ex.tolerance + 1e-12


@dataclass(frozen=True)
class Verdict:
    """What one answer earns: answered at all, right under the tolerance, and the message a student reads."""

    answered: bool
    right: bool
    shown: str  # the answer as shown back (formatted in the exercise's units, or as given when unreadable)
    message: str  # Markdown, the words of h.check: right, not yet with the hint, not answered, not readable


def judge(ex: Exercise, answer, expected) -> Verdict:
    """Judge ``answer`` to ``ex`` against ``expected`` (:meth:`Exercise.expected_value` on the data in use).

    None (or ``...``) is not answered; an answer that cannot be read in the exercise's units is answered and wrong.
    """
    if answer is None or answer is Ellipsis:
        return Verdict(
            False,
            False,
            "",
            f"**Exercise {ex.id}** ({ex.title}) is not answered yet: set `answer` "
            f"({ex.answer_example}) and run the cell again.",
        )
    try:
        given = _normalise(answer, ex.units)
    except (TypeError, ValueError):
        return Verdict(
            True,
            False,
            repr(answer),
            f"**Exercise {ex.id}**: {answer!r} is not a {ex.units} answer ({ex.answer_example}).",
        )
    shown = _show(given, ex.units)
    if is_right(ex, given, expected):
        return Verdict(
            True,
            True,
            shown,
            f"**Exercise {ex.id}: right.** Your answer {shown} matches the data held ({_tolerance_text(ex)}).",
        )
    return Verdict(
        True,
        False,
        shown,
        f"**Exercise {ex.id}: not yet.** Your answer {shown} is not what the data held "
        f"give ({_tolerance_text(ex)}). Hint: {ex.hint}",
    )


def check(exercise_id: str, answer, show: bool = True) -> bool:
    """Check a student's answer to exercise ``exercise_id`` against the data held now; True when right.

    ``answer`` is None (or ``...``) while the exercise is not answered: that is said, not raised. A wrong
    answer gets the exercise's hint. The expected value is computed now, from the data in use.
    """
    if exercise_id not in REGISTRY:
        raise KeyError(f"no exercise {exercise_id!r}; exercises are {', '.join(sorted(REGISTRY))}")
    ex = REGISTRY[exercise_id]
    answered = answer is not None and answer is not Ellipsis
    verdict = judge(ex, answer, ex.expected_value() if answered else None)
    _say(verdict.message, show)
    return verdict.right


class Unreadable:
    """An answer a kernel held that is not a number, a date or a text (a table, a list...): shown as its repr."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other) -> bool:
        return isinstance(other, Unreadable) and other.text == self.text


def answer_to_json(value) -> str:
    """``value`` (a student's ``answer``) as JSON, to carry it out of a kernel: a number, a date, a text or null;
    anything else as its (shortened) repr, which no exercise accepts."""
    if value is None or value is Ellipsis:
        return json.dumps(None)
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 1) == 0:
        value = value.item()  # a numpy scalar or a 0-d array
    if isinstance(value, (pd.Timestamp, dt.date, dt.datetime)):
        return json.dumps({"date": pd.Timestamp(value).isoformat()})
    if isinstance(value, (str, numbers.Real)):
        return json.dumps(value if isinstance(value, str) else float(value))
    text = repr(value)
    return json.dumps({"repr": text if len(text) <= 200 else text[:200] + "..."})


def answer_from_json(text: str):
    """The answer :func:`answer_to_json` wrote: None, a float, a text, a Timestamp or an :class:`Unreadable`."""
    value = json.loads(text)
    if isinstance(value, dict):
        return pd.Timestamp(value["date"]) if "date" in value else Unreadable(value.get("repr", "?"))
    return value


def observable(exercise_id: str, show: bool = True) -> bool:
    """Whether exercise ``exercise_id`` can be worked on the data held (and published by the as-of date); when it
    cannot (its window lies after the data, or too few observations), says so and returns False. A solution cell
    starts with ``if h.observable("05.1"):`` so that an as-of run of the notebook completes."""
    from helpers.data import asof
    from helpers.errors import TooLittleDataError

    try:
        REGISTRY[exercise_id].expected_value()
    except TooLittleDataError as exc:
        cut = asof.get_as_of()
        when = f" as of {cut:%Y-%m-%d}" if cut is not None else ""
        _say(f"**Exercise {exercise_id}** cannot be worked on the data held{when}: {exc}.", show)
        return False
    return True


def _say(text: str, show: bool) -> None:
    if not show:
        return
    try:
        from IPython.display import Markdown, display

        display(Markdown(text))
    except ImportError:  # outside IPython
        print(text)


def for_notebook(stem: str) -> list[Exercise]:
    """The exercises of one notebook, in order."""
    return [ex for ex in sorted(REGISTRY.values(), key=lambda e: e.id) if ex.notebook == stem]


def stub(ex: Exercise) -> str:
    """The code cell a student gets in place of the solution: an unanswered check that runs without error."""
    return (
        f"# Exercise {ex.id}: {ex.question}\n"
        f"# Your answer ({ex.answer_example}); leave None until you have one.\n"
        f"answer = None\n"
        f'h.check("{ex.id}", answer)'
    )


# ----------------------------------------------------------------------------- the exercises
# Each function computes the expected answer from the loaders, exactly as the solution in the notebook does.


def _rut():
    from helpers.data.load import load_indices

    return load_indices(["RUT"])["RUT"].dropna()


@exercise(
    "01.1",
    "01_setup_2025",
    "December from the index, not the ETF",
    "the Russell 2000 price index's (^RUT) return in December 2025, from the November close to the December close",
    "easy",
    "fraction",
    tolerance=0.0005,
    answer_example="a fraction: 0.05 for +5%",
    hint="use the index level `h.load_indices(['RUT'])`, not IWM, and `returns.covered_return(series, "
    "'2025-12-01', '2025-12-31')`; a month's return runs from the last close of the previous month.",
)
def _december_rut():
    from helpers.analysis.returns import covered_return
    from helpers.errors import NotYetObservableError

    rut = _rut()
    december = covered_return(rut, "2025-12-01", "2025-12-31")
    if december is None:
        raise NotYetObservableError(f"the index ends on {rut.index[-1]:%Y-%m-%d}, before December 2025 is over")
    return december


@exercise(
    "01.2",
    "01_setup_2025",
    "The first close above 2,600",
    "the first day the Russell 2000 (^RUT) closed at or above 2,600 points",
    "easy",
    "date",
    tolerance=0,
    answer_example="a date: '2026-01-02', or 'not reached'",
    hint="`events.first_date_reaching(series, 2600)` on the index level; an intraday high does not count.",
)
def _first_close_2600():
    from helpers.analysis.events import first_date_reaching

    day = first_date_reaching(_rut(), 2600)
    return NOT_REACHED if day is None else day


@exercise(
    "01.3",
    "01_setup_2025",
    "Two small-cap indexes",
    "IJR (S&P 600) minus IWM (Russell 2000), total return over calendar 2025, as a fraction",
    "open-ended",
    "fraction",
    tolerance=0.0005,
    answer_example="a fraction: -0.02 for 2 points behind",
    hint="compute both calendar-year returns with `returns.covered_return(prices, '2025-01-01', '2025-12-31')` "
    "and subtract; then think about what the S&P 600's profitability screen leaves out.",
)
def _ijr_minus_iwm():
    from helpers.analysis.returns import covered_return
    from helpers.data.load import load_prices
    from helpers.errors import NotYetObservableError

    prices = load_prices(["IJR", "IWM"])
    r = covered_return(prices, "2025-01-01", "2025-12-31")
    if r is None:
        raise NotYetObservableError(f"the prices end on {prices.index[-1]:%Y-%m-%d}, before 2025 is over")
    return r["IJR"] - r["IWM"]


@exercise(
    "02.1",
    "02_fed_cuts",
    "The year's cuts",
    "the total of the FOMC's cuts announced in calendar 2025, in basis points (a negative number)",
    "easy",
    "bp",
    tolerance=0,
    answer_example="basis points: -50",
    hint="`fed.cuts_between(h.fomc_decisions(), '2025-01-01', '2025-12-31', ctx.as_of)` keeps the cuts of 2025 "
    "(None while the year is not over in the calendar held); sum their `change_bp`.",
)
def _cuts_2025_bp():
    from helpers.analysis.fed import cuts_between
    from helpers.data.asof import get_as_of
    from helpers.data.load import fomc_decisions
    from helpers.errors import NotYetObservableError

    in_2025 = cuts_between(fomc_decisions(), "2025-01-01", "2025-12-31", get_as_of())
    if in_2025 is None:
        raise NotYetObservableError("the FOMC calendar held does not reach the end of 2025")
    return float(in_2025["change_bp"].sum())


@exercise(
    "02.2",
    "02_fed_cuts",
    "Did the 2-year yield follow?",
    "the change in the 2-year Treasury yield (DGS2), in percentage points, from the last close before the "
    "September 2025 cut (17 September) to the last close of 2025",
    "intermediate",
    "pp",
    tolerance=0.005,
    answer_example="percentage points: -0.25",
    hint="look both dates up by date with `returns.last_on_or_before(series, date)`: the day before the "
    "announcement is 2025-09-16, and the series has no value on holidays.",
)
def _dgs2_after_september_cut():
    from helpers.analysis.returns import date_reached, last_on_or_before
    from helpers.data.load import load_fred
    from helpers.errors import NotYetObservableError

    dgs2 = load_fred(["DGS2"])["DGS2"].dropna()
    if date_reached(dgs2.index, "2025-12-31") is None:
        raise NotYetObservableError(f"DGS2 ends on {dgs2.index[-1]:%Y-%m-%d}, before the last close of 2025")
    return float(last_on_or_before(dgs2, "2025-12-31") - last_on_or_before(dgs2, "2025-09-16"))


@exercise(
    "03.1",
    "03_valuation_gap",
    "Discount or premium?",
    "the discount of a small-cap forward P/E of 16 against a large-cap forward P/E of 22, as a fraction",
    "easy",
    "fraction",
    tolerance=0.0005,
    answer_example="a fraction: 0.25 for a 25% discount",
    hint="a discount is measured on the large-cap multiple: 1 - small/large; the premium, L/s - 1, is bigger.",
)
def _discount_16_22():
    from helpers.analysis.valuation import implied_discount

    return implied_discount(16, 22)


@exercise(
    "03.2",
    "03_valuation_gap",
    "A year earlier",
    "the percentile of IWM/IWB on 2024-12-31 within its own daily history up to that day, as a fraction",
    "intermediate",
    "fraction",
    tolerance=0.002,
    answer_example="a fraction: 0.10 for the 10th percentile",
    hint="build the ratio with `returns.relative_strength(prices['IWM'], prices['IWB'])`, cut it at the date, and "
    "rank the last value with `stats.percentile_rank(history, value)` (`segments.ratio_reading(prices, "
    "'2024-12-31')` does both).",
)
def _ratio_percentile_2024():
    from helpers.analysis.segments import ratio_reading
    from helpers.data.load import load_prices
    from helpers.errors import NotYetObservableError

    prices = load_prices(["IWM", "IWB"])
    reading = ratio_reading(prices, "2024-12-31")
    if reading is None:
        raise NotYetObservableError(f"the prices end on {prices.index[-1]:%Y-%m-%d}, before 2024-12-31")
    return reading.percentile


@exercise(
    "03.3",
    "03_valuation_gap",
    "A shorter memory",
    "SMB's trailing 5-year compounded return at the last factor observation of 2025, as a fraction",
    "open-ended",
    "fraction",
    tolerance=0.001,
    answer_example="a fraction: -0.10",
    hint="`returns.rolling_compound(smb, 5 * returns.TRADING_DAYS_PER_YEAR)` on daily SMB in fractions "
    "(the file is in percent); read it on the last day of 2025 in the data, then rank it as in section 3.",
)
def _smb_trailing_5y():
    from helpers.analysis.returns import TRADING_DAYS_PER_YEAR, date_reached, rolling_compound
    from helpers.data.load import load_factors
    from helpers.errors import NotYetObservableError

    smb = load_factors("daily", columns=["SMB"])["SMB"] / 100
    end_day = date_reached(smb.index, "2025-12-31")
    if end_day is None:
        raise NotYetObservableError(f"the factor file ends on {smb.index[-1]:%Y-%m-%d}, before the end of 2025")
    return rolling_compound(smb, 5 * TRADING_DAYS_PER_YEAR).loc[:end_day].dropna().iloc[-1]


@exercise(
    "04.1",
    "04_january_2026",
    "A shorter window",
    "IWM's total return over the first five trading days of 2026, from the 2025 year-end close, as a fraction",
    "easy",
    "fraction",
    tolerance=0.0005,
    answer_example="a fraction: 0.04",
    hint="`january.window(prices.index, 2026, 5)` gives the days and the 2025 year-end close; "
    "`january.window_return(prices['IWM'], window)` divides the fifth close by it.",
)
def _iwm_first_five_days():
    from helpers.analysis import january
    from helpers.data.load import load_prices

    iwm = load_prices(["IWM"])["IWM"].dropna()
    return float(january.window_return(iwm, january.window(iwm.index, 2026, 5).require()))


@exercise(
    "04.2",
    "04_january_2026",
    "The January effect since 1980",
    "mean January SMB minus the mean of the other months, monthly SMB compounded from the daily file, "
    "complete months from 1980 on, as a fraction",
    "intermediate",
    "fraction",
    tolerance=0.0002,
    answer_example="a fraction: 0.004 for 0.4 percentage points",
    hint="`stats.calendar_month_effect(monthly, month=1, starts=['1980'])` on monthly SMB (compound the daily "
    "fractions by month with `returns.compound(smb, 'ME')` and drop an incomplete last month).",
)
def _january_since_1980():
    from helpers.analysis.specs import monthly_size_returns
    from helpers.analysis.stats import calendar_month_effect

    monthly = monthly_size_returns()["SMB (daily file)"].dropna()  # complete months, as section 5 uses them
    return float(calendar_month_effect(monthly, month=1, starts=["1980"]).iloc[0]["difference"])


@exercise(
    "04.3",
    "04_january_2026",
    "How did 2025 open?",
    "the rank of 2025's opening (IWM minus IWB over the first ten trading days) among the years 2001 to 2025, "
    "1 being the best",
    "open-ended",
    "count",
    tolerance=0,
    answer_example="a rank: 7",
    hint="`january.excess_openings(prices, 10, 2001, 2025)` gives IWM minus IWB per year; "
    "`january.rank_of(excess, 2025)` ranks 2025 in descending order.",
)
def _rank_2025_opening():
    from helpers.analysis import january
    from helpers.data.load import load_prices

    prices = load_prices(["IWM", "IWB"])
    january.window(prices.index, 2025, 10).require()
    return float(january.rank_of(january.excess_openings(prices, 10, 2001, 2025), 2025))


@exercise(
    "05.1",
    "05_rate_sensitivity",
    "Weekly, since 2020",
    "the coefficient on the weekly change in the 2-year yield when weekly IWM minus IWB (percent) is regressed "
    "on SPY's weekly return and ΔDGS2 alone, from 2020 on",
    "intermediate",
    "coefficient",
    tolerance=0.01,
    answer_example="a coefficient in percent per percentage point: -1.5",
    hint="weekly returns with `regression.returns_at(prices, 'weekly')`, changes with "
    "`regression.changes_at(rates, 'weekly')`, then `regression.ols(y, X)`; read the ΔDGS2 (pp) row.",
)
def _weekly_since_2020():
    return float(_rate_beta("weekly", "2020-01-01"))


@exercise(
    "05.2",
    "05_rate_sensitivity",
    "Daily, since 2022",
    "the same daily regression (IWM minus IWB on SPY and ΔDGS2) estimated from 2022 on: the ΔDGS2 coefficient",
    "easy",
    "coefficient",
    tolerance=0.01,
    answer_example="a coefficient: -0.8",
    hint="as in 05.1 with daily data (`returns_at(prices, 'daily')`), sample from 2022-01-01.",
)
def _daily_since_2022():
    return float(_rate_beta("daily", "2022-01-01"))


def _rate_beta(frequency: str, start: str) -> float:
    """The ΔDGS2 coefficient of IWM minus IWB (percent) on SPY (percent) and ΔDGS2 (pp), HAC OLS."""
    from helpers.analysis import regression as reg
    from helpers.data.load import load_fred, load_prices

    prices = load_prices(["IWM", "IWB", "SPY"], start=pd.Timestamp(start) - pd.Timedelta(days=14))
    rates = load_fred(["DGS2"], start=pd.Timestamp(start) - pd.Timedelta(days=14))
    frame = reg.join(reg.returns_at(prices, frequency), reg.changes_at(rates, frequency)).loc[start:].dropna()
    y = (frame["IWM (%)"] - frame["IWB (%)"]).rename("IWM-IWB (%)")
    result = reg.ols(y, frame[["SPY (%)", "ΔDGS2 (pp)"]])
    return result.table.loc["ΔDGS2 (pp)", "coef"]


@exercise(
    "07.1",
    "07_follow_through",
    "The strongest opening",
    "IWM minus IWB over the first ten trading days of the best year since 2001 (through the last year whose "
    "ten opening days are in the data), as a fraction",
    "easy",
    "fraction",
    tolerance=0.0005,
    answer_example="a fraction: 0.05 for 5 points ahead",
    hint="`events.year_openings(prices, 10, 2001, last_year)` on IWM and IWB, subtract, and take the largest; "
    "each opening runs from the previous year's last close.",
)
def _best_opening():
    from helpers.analysis.events import year_openings
    from helpers.data.load import load_prices

    prices = load_prices(["IWM", "IWB"])
    openings = year_openings(prices, 10, 2001, prices.index[-1].year)
    return float((openings["IWM"] - openings["IWB"]).max())


@exercise(
    "07.2",
    "07_follow_through",
    "Another anchor",
    "across the strongest fifth of IWM-minus-IWB openings (ten trading days, 2001 to the year before the "
    "registered event), the median move over the three months after the close of the tenth trading day",
    "intermediate",
    "fraction",
    tolerance=0.0005,
    answer_example="a fraction: -0.01",
    hint="`follow_through.opening_moves`, `strongest(openings, 0.2)`, then `what_followed(frame, part, years, 10, "
    "[3])`: the anchor is the 10th trading day instead of the event's 3rd.",
)
def _followed_from_tenth_day():
    from helpers.analysis import follow_through as ft

    rule = next(r for r in ft.read_rules() if r.id == "IWM_IWB")
    frame = ft.levels_for(rule)
    strong = ft.strongest(ft.opening_moves(frame, rule.part, 10, 2001, rule.event.year - 1), 0.2)
    return float(ft.what_followed(frame, rule.part, strong.index, 10, [3])[3].median())


@exercise(
    "07.3",
    "07_follow_through",
    "How rare is broadening?",
    "the share of complete calendar years since 2004 (RSP's first full year) in which the equal-weight S&P 500 "
    "fund RSP beat the cap-weighted IVV, as a fraction",
    "open-ended",
    "fraction",
    tolerance=0.001,
    answer_example="a fraction: 0.5 for half the years",
    hint="`returns.calendar_returns(prices, 'YE', complete_only=True)` on RSP and IVV from 2004, then the mean of "
    "RSP > IVV.",
)
def _rsp_share_of_years():
    from helpers.analysis.returns import calendar_returns
    from helpers.data.load import load_prices

    years = calendar_returns(load_prices(["RSP", "IVV"]), "YE", complete_only=True).loc["2004":]
    return float((years["RSP"] > years["IVV"]).mean())
