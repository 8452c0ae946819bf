"""Exceptions with messages a user can act on: each says what went wrong and the fix."""

from __future__ import annotations


class HelpersError(Exception):
    """Base class for every error the collection raises on purpose."""


class UnknownSeriesError(HelpersError, ValueError):
    """A series key or ticker that is not in the catalog."""

    def __init__(self, unknown: list[str], valid: list[str], what: str = "series key"):
        self.unknown = unknown
        self.valid = valid
        names = ", ".join(unknown)
        super().__init__(
            f"unknown {what}{'s' if len(unknown) > 1 else ''}: {names}. Valid {what}s are: {', '.join(valid)}"
        )


class DataFileError(HelpersError, ValueError):
    """A data file that does not have the expected layout; names the file and line."""

    def __init__(self, path: str, line: int | None, problem: str):
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {problem}")


class MissingAPIKeyError(HelpersError):
    """FRED_API_KEY is not set, or is empty."""

    def __init__(self) -> None:
        super().__init__(
            "FRED_API_KEY is not set (or is empty), so FRED cannot be queried. "
            "Get a free key at https://fred.stlouisfed.org/docs/api/api_key.html and either "
            "export FRED_API_KEY=<your key> or put the line FRED_API_KEY=<your key> in the "
            "project's .env file (git-ignored). Without network or a key, import a folder of "
            "exports instead: make data FROM=DIR."
        )


class SourceUnavailableError(HelpersError):
    """A data source could not be reached or answered with an error."""

    def __init__(self, source: str, detail: str):
        self.source = source
        self.detail = detail
        super().__init__(f"{source}: {detail}")


class DamagedStoreError(HelpersError):
    """The data store's own records are damaged: ``data/raw/CURRENT``, a generation's manifest, a processed table.

    ``problems`` maps each damaged file (as shown to users) to what is wrong and its fix. Nothing was read from the
    damaged records, and nothing was changed or removed because of them.
    """

    def __init__(self, problems: dict[str, str], advice: str | None = None):
        self.problems = problems
        lines = "\n".join(f"  {path}: {problem}" for path, problem in problems.items())
        advice = advice or (
            "Run `make repair`: it points CURRENT at the newest generation that verifies whole, "
            "restores a manifest from its copy and rebuilds processed tables from raw; it never "
            "touches raw files. `make verify` lists every problem."
        )
        super().__init__(f"the data store is damaged; nothing was changed or removed:\n{lines}\n{advice}")

    def _render_traceback_(self) -> list[str]:
        """How IPython shows it in a notebook: the message alone, no traceback (what to do, not where it was)."""
        return [f"{type(self).__name__}: {self}"]


class RawDataChangedError(DamagedStoreError):
    """A raw file no longer matches the checksum recorded when it was stored."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(
            problems,
            advice=(
                "The processed tables were not rebuilt from them. Restore each file with the command shown "
                "(`make repair` never rewrites raw files; `make verify` checks the whole store)."
            ),
        )


class StoreWriteError(HelpersError):
    """A write of the store (an import, a download) could not be done or stopped part-way; nothing was changed."""


class TooLittleDataError(HelpersError):
    """The data held are too few for an estimate or a test (too few observations, events or cycles; a series
    not held; a window the data do not reach). The one condition an analysis may report as a result ("not
    testable", a blank row) instead of failing; every other error surfaces."""


class NotYetObservableError(TooLittleDataError):
    """The window a result needs ends after the last observation held (or the as-of date): not yet observable."""


class ClaimError(HelpersError):
    """A claim of the ledger that could not be read or tested for a reason other than too little data (a defect)."""

    def __init__(self, claim_id: str, problem: BaseException | str):
        self.claim_id = claim_id
        detail = f"{type(problem).__name__}: {problem}" if isinstance(problem, BaseException) else problem
        super().__init__(f"claim {claim_id}: {detail} (data/raw/curated/claims.csv; helpers.analysis.ledger)")


class MissingDataError(TooLittleDataError):
    """A series the notebook needs is not held in data/raw."""


class AsOfDateError(HelpersError):
    """An as-of date that cannot be used: not a date, before the data the collection needs, or after the data held."""


class SampleDataRefusedError(HelpersError):
    """An action that must not run on the synthetic sample (e.g. publishing notebooks)."""


class OtherDataError(HelpersError):
    """Grading refused: the data held are not the data the class was given (the pack's digest differs)."""
