"""Did the rotation last? Notebook 07's pre-registered follow-through test.

The rule is a committed table, ``data/raw/curated/follow_through.csv`` (:func:`read_rules`), written before the data
it judges: for each spread (IWM minus IWB, the Russell 2000 against the S&P 500, the size factor SMB) the event
(the move runs from the close of the articles' date), the horizons in calendar months, the band, and the past
openings it is compared with, with the date it was registered and the last observation then held.

* **At each horizon** (:func:`horizons`) the spread's move from the event's close to the close on or before the
  horizon's end is read against its band at the ledger's one standard
  (:func:`helpers.analysis.ledger.evidence.move`: 1.96 sd of a move of the horizon's length, from the daily moves of
  the 252 trading days before the event): ahead beyond it, inside it, or behind beyond it; in the ledger's words,
  the lead lasting is supported, not shown or contradicted. A horizon the data do not reach is **pending**, and a
  refresh that reaches it fills it in without any edit.
* **Against the strongest past openings** (:func:`what_followed`, :func:`compare`): the top ``strong_share`` of
  years by the spread over their first ``opening_days`` trading days, and what the spread did over the same horizons
  from the same trading day of their year as the event (the 3rd in 2026); this year's move as a percentile among
  them, beside every past year's.

Moves are fractions (0.05 = 5%); a spread's move is the long leg's return minus the short leg's over the same
closes, as in the ledger. SMB enters as a growth index of its daily returns (:func:`smb_level`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from pandas.tseries.holiday import USFederalHolidayCalendar

from helpers.data import curated, load
from helpers.errors import NotYetObservableError, TooLittleDataError

from .events import first_trading_days, year_openings
from .ledger.claims import Part, parse_parts
from .ledger.evidence import Move, levels, move
from .ledger.rules.reported import band_reading
from .ledger.standard import NOT_TESTABLE, NOT_YET, STANDARD, Standard, parts_verdict
from .returns import last_date_on_or_before, period_complete, period_return
from .stats import percentile_rank

FACTOR = "SMB"  # the one series of the table that is not a catalog key: the French daily size factor
PENDING, OBSERVED, TOO_LITTLE = "pending", "observed", "too little data"
BAND_RULES = ("standard",)


@dataclass(frozen=True)
class Rule:
    """One row of the registered test (see the module docstring); ``as_registered`` is False when an event or
    horizons other than the table's were asked for."""

    id: str
    series: str
    part: Part
    claimed_sign: int
    event: pd.Timestamp
    horizons: tuple[int, ...]  # calendar months after the event
    opening_days: int | None  # None: judged against its band only
    openings_since: int | None
    strong_share: float | None
    registered: pd.Timestamp
    data_through: pd.Timestamp  # the last observation of the series held when the rule was registered
    reason: str
    as_registered: bool = True

    @property
    def compares(self) -> bool:
        """Whether the rule compares the spread with past openings (else its band only)."""
        return self.opening_days is not None

    def horizon_end(self, months: int) -> pd.Timestamp:
        """The last day of a horizon: ``months`` calendar months after the event."""
        return self.event + pd.DateOffset(months=months)

    def seen_at_registration(self, months: int) -> bool:
        """Whether the data held when the rule was registered already covered the whole horizon."""
        return period_complete(self.data_through, self.horizon_end(months))


def _part(series: str) -> Part:
    if series == FACTOR:
        return Part((FACTOR,))
    parts = parse_parts(series)
    if len(parts) != 1:
        raise ValueError(f"follow_through.csv: {series!r} must name one series or one spread")
    return parts[0]


def _optional(value, cast):
    return None if pd.isna(value) else cast(value)


def _rule(rule_id: str, row: pd.Series) -> Rule:
    if row["band"] not in BAND_RULES:
        raise ValueError(f"follow_through.csv, {rule_id}: band {row['band']!r} is not one of {BAND_RULES}")
    return Rule(
        rule_id,
        row["series"],
        _part(row["series"]),
        int(row["claimed_sign"]),
        pd.Timestamp(row["event"]),
        tuple(int(m) for m in str(row["horizons_months"]).split(";")),
        _optional(row["opening_days"], int),
        _optional(row["openings_since"], int),
        _optional(row["strong_share"], float),
        pd.Timestamp(row["registered"]),
        pd.Timestamp(row["data_through"]),
        row["reason"],
    )


def read_rules(event=None, horizons=None) -> list[Rule]:
    """The registered rules, in the table's order; ``event`` (a date) or ``horizons`` (months) other than the
    table's give the same rules with those, marked not as registered."""
    rules = [_rule(rule_id, row) for rule_id, row in curated.read_follow_through().iterrows()]
    changes = {}
    if event is not None:
        changes["event"] = pd.Timestamp(event)
    if horizons is not None:
        changes["horizons"] = tuple(int(m) for m in horizons)
    if not changes:
        return rules
    return [replace(r, **changes, as_registered=all(getattr(r, k) == v for k, v in changes.items())) for r in rules]


def smb_level() -> pd.DataFrame:
    """The size factor as a growth index of its daily returns (column ``SMB``): its return between two closes is
    SMB compounded over the days between (the French file is in percent a day)."""
    smb = load.load_factors("daily", columns=[FACTOR])[FACTOR].dropna() / 100
    return (1 + smb).cumprod().to_frame(FACTOR)


def levels_for(rule: Rule) -> pd.DataFrame:
    """The levels of the rule's series (adjusted closes, index points or SMB's growth index), one column per key."""
    return smb_level() if rule.series == FACTOR else levels(rule.part.keys)


def spread_return(frame: pd.DataFrame, part: Part, start, end) -> float:
    """``part``'s move (fraction) from the ``start`` close to the ``end`` close: the long basket's return minus the
    short leg's (each from the last close on or before the date)."""
    returns = period_return(frame[part.keys], start, end)
    value = float(returns[list(part.long)].mean())
    return value - float(returns[part.short]) if part.short else value


def spread_path(frame: pd.DataFrame, part: Part, start) -> pd.Series:
    """``part``'s move (fraction) from the ``start`` close to every later close: 0 at the start."""
    held = frame[part.keys].dropna()
    first = last_date_on_or_before(held.index, start)
    held = held.loc[first:] if first is not None else held
    growth = held / held.iloc[0] - 1
    path = growth[list(part.long)].mean(axis=1)
    return (path - growth[part.short] if part.short else path).rename(part.name)


# ----------------------------------------------------------------------------- the horizons


def _horizon_row(rule: Rule, months: int, frame: pd.DataFrame, standard: Standard) -> dict:
    row = {
        "months": months,
        "ends": rule.horizon_end(months),
        "seen at registration": rule.seen_at_registration(months),
    }
    try:
        found = move(rule.part, rule.event, row["ends"], standard, frame)
    except NotYetObservableError:
        return {**row, "status": PENDING, "verdict": NOT_YET}
    except TooLittleDataError as exc:
        return {**row, "status": TOO_LITTLE, "reading": str(exc), "verdict": NOT_TESTABLE}
    return {
        **row,
        "status": OBSERVED,
        "through": found.end,
        "days": found.days,
        "move": found.move,
        "band": standard.z * found.sd,
        "z": found.z,
        "reading": band_reading(found.z, standard),
        "verdict": parts_verdict([found.z], rule.claimed_sign, standard),
    }


HORIZON_COLUMNS = [
    "months",
    "ends",
    "seen at registration",
    "status",
    "through",
    "days",
    "move",
    "band",
    "z",
    "reading",
    "verdict",
]


def horizons(rule: Rule, frame: pd.DataFrame | None = None, standard: Standard = STANDARD) -> pd.DataFrame:
    """One row per horizon (index: months): its end, whether it was seen at registration, ``status`` (observed,
    pending, too little data), the close it runs to (``through``), trading ``days``, the ``move`` (fraction), the
    ``band`` (± fraction at the standard), ``z``, the ``reading`` against the band and the ledger's ``verdict`` on
    the lead lasting (supported, not shown, contradicted; "not yet observable" when pending)."""
    frame = levels_for(rule) if frame is None else frame
    rows = [_horizon_row(rule, months, frame, standard) for months in rule.horizons]
    return pd.DataFrame(rows, columns=HORIZON_COLUMNS).set_index("months")


def so_far(rule: Rule, frame: pd.DataFrame | None = None, standard: Standard = STANDARD) -> Move | None:
    """The spread from the event's close to the last close held, against its band; None before a close after the
    event (or with too little history for the band)."""
    frame = levels_for(rule) if frame is None else frame
    held = frame[rule.part.keys].dropna()
    if held.empty or held.index[-1] <= rule.event:
        return None
    try:
        return move(rule.part, rule.event, held.index[-1], standard, frame)
    except TooLittleDataError:
        return None


def funnel(found: Move, days: int, standard: Standard = STANDARD) -> float:
    """The band (± fraction) after ``days`` trading days, from the daily sd behind ``found``'s band."""
    return standard.z * found.sd / math.sqrt(found.days) * math.sqrt(days)


# ----------------------------------------------------------------------------- past openings


def trading_day_of_year(date) -> int:
    """Which trading day of its year ``date`` is (1 for the first): weekdays from 1 January, federal holidays out
    (New Year's Day, and Martin Luther King Day in January, as on the exchanges): 2026-01-06 is the 3rd."""
    date = pd.Timestamp(date)
    start = pd.Timestamp(year=date.year, month=1, day=1)
    holidays = USFederalHolidayCalendar().holidays(start, date)
    days = pd.bdate_range(start, date, freq="C", holidays=holidays)
    return len(days)


def opening_moves(frame: pd.DataFrame, part: Part, days: int, since: int, until: int) -> pd.Series:
    """Each year's spread (fraction) over its first ``days`` trading days, from the previous year's last close,
    for the years ``since`` to ``until`` the data cover (index: year)."""
    openings = year_openings(frame[part.keys].dropna(), days, since, until)
    if openings.empty:
        return pd.Series(dtype=float, name=part.name)
    value = openings[list(part.long)].mean(axis=1)
    return (value - openings[part.short] if part.short else value).rename(part.name)


def strongest(openings: pd.Series, share: float) -> pd.Series:
    """The top ``share`` of years by their opening (at least one; ``ceil(share × years)``), best first."""
    if openings.empty:
        return openings
    return openings.nlargest(max(1, math.ceil(share * len(openings))))


def what_followed(frame: pd.DataFrame, part: Part, years, position: int, months) -> pd.DataFrame:
    """For each year: its ``anchor`` (its ``position``-th trading day) and the spread (fraction) from the anchor's
    close over each horizon of ``months`` calendar months (columns; NaN where the data do not reach its end)."""
    held = frame[part.keys].dropna()
    rows = {}
    for year in years:
        days = first_trading_days(held.index, year, position)
        if len(days) < position:
            continue
        anchor = days[-1]
        ends = {m: anchor + pd.DateOffset(months=m) for m in months}
        rows[year] = {
            "anchor": anchor,
            **{
                m: spread_return(held, part, anchor, end) if period_complete(held.index[-1], end) else np.nan
                for m, end in ends.items()
            },
        }
    return pd.DataFrame.from_dict(rows, orient="index", columns=["anchor", *months]).rename_axis("year")


def compare(table: pd.DataFrame, followed: pd.DataFrame, strong) -> pd.DataFrame:
    """Per horizon (index: months): this year's ``move`` beside what followed the ``strong`` years (their number
    ``n`` with the horizon complete, ``median``, ``lowest``, ``highest``, ``share ahead``) and every past year
    (``median, all years``), and this year's ``percentile`` among the strong years (fraction at or below it)."""
    rows = {}
    for months in table.index:
        after = followed.loc[followed.index.isin(list(strong)), months].dropna().astype(float)
        every = followed[months].dropna().astype(float)
        value = table.loc[months, "move"] if "move" in table.columns else np.nan
        some = len(after) > 0
        rows[months] = {
            "move": value,
            "n": len(after),
            "median": after.median() if some else np.nan,
            "lowest": after.min() if some else np.nan,
            "highest": after.max() if some else np.nan,
            "share ahead": float((after > 0).mean()) if some else np.nan,
            "median, all years": every.median() if len(every) else np.nan,
            "percentile": percentile_rank(after, value) if some and pd.notna(value) else np.nan,
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("months")


# ----------------------------------------------------------------------------- one rule, run


@dataclass
class FollowThrough:
    """One rule run on the data held: the horizons, the move so far, and the comparison with past openings."""

    rule: Rule
    horizons: pd.DataFrame
    so_far: Move | None
    last: pd.Timestamp | None  # the last close of the series held
    openings: pd.Series  # every year's opening since ``openings_since`` (this year's included once complete)
    strong: pd.Series  # the strongest past openings (years before the event's)
    followed: pd.DataFrame  # every past year: anchor and the spread over each horizon
    comparison: pd.DataFrame  # per horizon: this year beside what followed the strong openings

    @property
    def observed(self) -> list[int]:
        return list(self.horizons.index[self.horizons["status"] == OBSERVED])

    @property
    def pending(self) -> list[int]:
        return list(self.horizons.index[self.horizons["status"] == PENDING])

    @property
    def opening_rank(self) -> int | None:
        """This year's opening's rank among every year's (1 the best), once its opening days are in the data."""
        year = self.rule.event.year
        return int(self.openings.rank(ascending=False)[year]) if year in self.openings.index else None


def _openings(rule: Rule, frame: pd.DataFrame, table: pd.DataFrame) -> tuple:
    """Every year's opening, the strongest past ones, what followed every past year, and the comparison."""
    if not rule.compares:
        empty = pd.Series(dtype=float)
        return empty, empty, pd.DataFrame(), pd.DataFrame()
    openings = opening_moves(frame, rule.part, rule.opening_days, rule.openings_since, rule.event.year)
    past = openings.loc[openings.index < rule.event.year]
    strong = strongest(past, rule.strong_share)
    followed = what_followed(frame, rule.part, past.index, trading_day_of_year(rule.event), rule.horizons)
    return openings, strong, followed, compare(table, followed, strong.index)


def run(rule: Rule, frame: pd.DataFrame | None = None, standard: Standard = STANDARD) -> FollowThrough:
    """The rule on the data held (or on ``frame``, the series' levels)."""
    frame = levels_for(rule) if frame is None else frame
    table = horizons(rule, frame, standard)
    held = frame[rule.part.keys].dropna()
    openings, strong, followed, comparison = _openings(rule, frame, table)
    return FollowThrough(
        rule,
        table,
        so_far(rule, frame, standard),
        held.index[-1] if len(held) else None,
        openings,
        strong,
        followed,
        comparison,
    )


def run_all(event=None, months=None, standard: Standard = STANDARD) -> dict[str, FollowThrough]:
    """Every registered rule (or with another ``event`` or horizons ``months``) on the data held, by id."""
    return {rule.id: run(rule, standard=standard) for rule in read_rules(event, months)}
