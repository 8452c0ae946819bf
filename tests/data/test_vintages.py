"""ALFRED vintages (issue 21): the strict parser, a folder import and a mocked fredapi download that store the same
file, the merge rule (vintages only ever added; a changed vintage refused), what an as-of load returns, and how the
provenance cell, the banner, status and a data pack say it.

One constructed archive of CPIAUCSL serves every test: four vintages (2025-10-24, 2025-12-18, 2026-01-13,
2026-02-11), October 2025 never published, and the seasonal revision of 2026-02-11 moving older months. The values
are made up in the shape of the real ones.
"""

import io

import pandas as pd
import pytest
from test_download import fred_xml

from conftest import FAKE_KEY, raw_file, read_manifest, tree_digest, write_folder
from helpers import cli
from helpers.data import catalog, load, pack, refresh, status, tables, usage
from helpers.data.identity import DataIdentity
from helpers.data.parsers import parse_alfred_csv
from helpers.errors import DataFileError
from helpers.notebook import provenance, setup

# ALFRED's download as a user gets it: '.' and empty cells both mean "not in that vintage"
ALFRED_CPI = (
    "observation_date,CPIAUCSL_20251024,CPIAUCSL_20251218,CPIAUCSL_20260113,CPIAUCSL_20260211\n"
    "2025-08-01,323.364,323.364,323.364,323.291\n"
    "2025-09-01,324.368,324.368,324.368,324.245\n"
    "2025-10-01,,.,.,.\n"
    "2025-11-01,,324.122,324.122,325.063\n"
    "2025-12-01,.,,324.654,326.031\n"
    "2026-01-01,,,,326.588\n"
)
# The same vintages as this project writes them (a download, a merge): empty cells only
ALFRED_CPI_WRITTEN = ALFRED_CPI.replace(",.", ",").replace(".,", ",")
# Today's values (FRED's current file)
FRED_CPI = (
    "observation_date,CPIAUCSL\n2025-08-01,323.291\n2025-09-01,324.245\n2025-11-01,325.063\n"
    "2025-12-01,326.031\n2026-01-01,326.588\n2026-02-01,327.46\n2026-03-01,330.293\n"
)
FRED_DGS2 = "observation_date,DGS2\n2025-12-17,3.48\n2025-12-18,3.46\n2025-12-19,3.49\n"
# fredapi's long rows for the same archive: (realtime_start, realtime_end, date, value)
RELEASES = [
    ("2025-10-24", "2026-02-10", "2025-08-01", "323.364"),
    ("2026-02-11", "9999-12-31", "2025-08-01", "323.291"),
    ("2025-10-24", "2026-02-10", "2025-09-01", "324.368"),
    ("2026-02-11", "9999-12-31", "2025-09-01", "324.245"),
    ("2025-12-18", "9999-12-31", "2025-10-01", "."),
    ("2025-12-18", "2026-02-10", "2025-11-01", "324.122"),
    ("2026-02-11", "9999-12-31", "2025-11-01", "325.063"),
    ("2026-01-13", "2026-02-10", "2025-12-01", "324.654"),
    ("2026-02-11", "9999-12-31", "2025-12-01", "326.031"),
    ("2026-02-11", "9999-12-31", "2026-01-01", "326.588"),
]


def alfred_xml(rows) -> bytes:
    """FRED's answer to series/observations with a real-time period (what get_series_all_releases reads)."""
    body = "\n".join(
        f'  <observation realtime_start="{start}" realtime_end="{end}" date="{date}" value="{value}"/>'
        for start, end, date, value in rows
    )
    return (
        '<?xml version="1.0" encoding="utf-8" ?>\n<observations realtime_start="2024-01-01" '
        'realtime_end="9999-12-31" observation_start="1600-01-01" observation_end="9999-12-31" units="lin" '
        'output_type="1" file_type="xml" order_by="observation_date" sort_order="asc" '
        f'count="{len(rows)}" offset="0" limit="100000">\n{body}\n</observations>\n'
    ).encode()


def mock_fred_and_alfred(monkeypatch, observations: bytes, releases: bytes) -> list[str]:
    """fredapi's urlopen answering FRED's observations, or ALFRED's releases when a real-time period is asked."""
    calls = []

    def urlopen(url, *args, **kwargs):
        calls.append(url)
        return io.BytesIO(releases if "realtime_start=" in url else observations)

    monkeypatch.setattr("fredapi.fred.urlopen", urlopen)
    return calls


@pytest.fixture
def held(data_dir, tmp_path):
    """A store holding today's CPIAUCSL and DGS2 and the CPIAUCSL archive, imported from a folder."""
    folder = write_folder(
        tmp_path / "exports",
        {"fred/CPIAUCSL.csv": FRED_CPI, "fred/DGS2.csv": FRED_DGS2, "alfred/CPIAUCSL.csv": ALFRED_CPI},
    )
    report = refresh.import_folder(folder, progress=False)
    assert report.ok and "CPIAUCSL_vintages" in report.stored, report.summary()
    return data_dir


def cpi(as_of=None, **kwargs) -> pd.Series:
    return load.load_fred(["CPIAUCSL"], as_of=as_of, **kwargs)["CPIAUCSL"].dropna()


def values(series: pd.Series) -> dict[str, float]:
    return {f"{date:%Y-%m-%d}": value for date, value in series.items()}


# ---------------------------------------------------------------- the catalog and the parser


def test_each_revised_series_has_one_vintage_file():
    revised = {e.key: catalog.vintages_for(e) for e in catalog.entries("fred")}
    assert {key: v.relpath for key, v in revised.items() if v} == {
        key: f"alfred/{key}.csv" for key in ("FEDFUNDS", "CPIAUCSL", "PCEPILFE", "UNRATE", "GDPC1")
    }
    assert all(v.key == f"{key}_vintages" and v.units == catalog.get(key).units for key, v in revised.items() if v)


def test_the_parser_reads_alfreds_wide_download_in_either_header():
    frame = parse_alfred_csv(ALFRED_CPI, "alfred/CPIAUCSL.csv", "CPIAUCSL")
    assert list(frame.columns.strftime("%Y-%m-%d")) == ["2025-10-24", "2025-12-18", "2026-01-13", "2026-02-11"]
    assert frame.loc["2025-11-01"].isna().tolist() == [True, False, False, False]
    assert frame.loc["2025-08-01", "2026-02-11"] == 323.291 and frame.loc["2025-10-01"].isna().all()
    older = ALFRED_CPI.replace("observation_date", "DATE", 1)  # ALFRED's older layout
    pd.testing.assert_frame_equal(parse_alfred_csv(older, "x.csv", "CPIAUCSL"), frame)


@pytest.mark.parametrize(
    "change, line, problem",
    [
        (lambda t: t.replace("CPIAUCSL_20251218", "CPI_Dec", 1), 1, "expected vintage columns named CPIAUCSL_YYYYMMDD"),
        (lambda t: t.replace("CPIAUCSL_20251218", "UNRATE_20251218", 1), 1, "is a vintage of UNRATE, not of CPIAUCSL"),
        (lambda t: t.replace("CPIAUCSL_20251218", "CPIAUCSL_20251318", 1), 1, "20251318 is not a date"),
        (lambda t: t.replace("CPIAUCSL_20260113", "CPIAUCSL_20251218", 1), 1, "vintage 2025-12-18 appears twice"),
        (
            lambda t: t.replace("CPIAUCSL_20260113", "CPIAUCSL_20250113", 1),
            1,
            "vintage 2025-01-13 comes after 2025-12-18",
        ),
        (lambda t: t.replace("observation_date", "date", 1), 1, "expected the header 'observation_date,CPIAUCSL_"),
        (lambda t: t.replace("324.122,324.122", "324.122,n/a", 1), 5, "CPIAUCSL_20260113: 'n/a' is not a number"),
        (lambda t: t.replace("2025-09-01", "2025-08-01", 1), 3, "date 2025-08-01 appears twice"),
        (lambda t: t.replace("2025-12-01", "2025-07-01", 1), 6, "not in increasing order"),
        (lambda t: t.replace("2025-11-01,,324.122", "2025-11-01,324.122", 1), 5, "expected 5 comma-separated fields"),
        (lambda t: t.replace("324.122,324.122", "324.122,", 1), 5, "New and Revised Observations Only"),
        (lambda t: t.splitlines()[0] + "\n", None, "no observations after the header"),
        (lambda t: "\n\n", None, "the file is empty"),
    ],
)
def test_the_parser_refuses_a_bad_file_naming_file_and_line(change, line, problem):
    with pytest.raises(DataFileError) as info:
        parse_alfred_csv(change(ALFRED_CPI), "exports/alfred/CPIAUCSL.csv", "CPIAUCSL")
    assert info.value.path == "exports/alfred/CPIAUCSL.csv" and info.value.line == line
    assert problem in info.value.problem


# ---------------------------------------------------------------- import and download store the same file


def test_a_folder_import_stores_the_file_as_given_and_the_vintages_table(held):
    assert raw_file(held, "alfred/CPIAUCSL.csv").read_text() == ALFRED_CPI
    record = read_manifest(held)["files"]["CPIAUCSL_vintages"]
    assert (record["first"], record["last"], record["rows"]) == ("2025-08-01", "2026-01-01", 6)
    assert record["vintages"] == ["2025-10-24", "2026-02-11", 4] and record["source"] == "alfred"
    table = tables.table("vintages")
    assert set(table["series"]) == {"CPIAUCSL"} and len(table) == 14  # one row per value a vintage holds
    first = table[table["vintage"] == pd.Timestamp("2025-10-24")]
    assert values(first["value"]) == {"2025-08-01": 323.364, "2025-09-01": 324.368}
    shown = status.data_status().loc["CPIAUCSL_vintages"]
    assert (shown["data"], shown["vintages"]) == ("real", "2025-10-24 to 2026-02-11, 4")


def test_a_mocked_download_writes_alfreds_layout_and_an_import_of_the_same_vintages_adds_nothing(
    data_dir, tmp_path, monkeypatch
):
    monkeypatch.setenv("FRED_API_KEY", FAKE_KEY)
    calls = mock_fred_and_alfred(
        monkeypatch, fred_xml([("2025-08-01", "323.291"), ("2025-09-01", "324.245")]), alfred_xml(RELEASES)
    )
    report = refresh.download(only=["CPIAUCSL"], progress=False)  # a revised series brings its vintages along
    assert report.ok and report.stored == ["CPIAUCSL", "CPIAUCSL_vintages"], report.summary()
    assert "realtime_start=2024-01-01&realtime_end=9999-12-31" in calls[1]
    assert raw_file(data_dir, "alfred/CPIAUCSL.csv").read_text() == ALFRED_CPI_WRITTEN
    record = read_manifest(data_dir)["files"]["CPIAUCSL_vintages"]
    assert record["origin"] == "ALFRED (FRED API)" and record["vintages"] == ["2025-10-24", "2026-02-11", 4]
    assert all(FAKE_KEY not in p.read_text(errors="replace") for p in data_dir.rglob("*") if p.is_file())
    folder = write_folder(tmp_path / "exports", {"alfred/CPIAUCSL.csv": ALFRED_CPI})
    again = refresh.import_folder(folder, progress=False)
    assert again.unchanged == ["CPIAUCSL_vintages"] and again.generation is None, again.summary()


def test_without_network_the_vintages_are_skipped_with_fred(data_dir, monkeypatch):
    from urllib.error import URLError

    monkeypatch.setenv("FRED_API_KEY", FAKE_KEY)
    calls = []

    def unreachable(url, *args, **kwargs):
        calls.append(url)
        raise URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr("fredapi.fred.urlopen", unreachable)
    report = refresh.download(only=["CPIAUCSL"], progress=False)
    assert len(calls) == 1 and report.failed["CPIAUCSL_vintages"].startswith("skipped: FRED (api.stlouisfed.org)")
    assert tree_digest(data_dir) == {}


# ---------------------------------------------------------------- merge: vintages are only ever added


def _import(tmp_path, name: str, text: str, *args) -> refresh.RefreshReport:
    folder = write_folder(tmp_path / name, {"alfred/CPIAUCSL.csv": text})
    return refresh.import_folder(folder, *args, progress=False)


def _columns(text: str, keep: list[int]) -> str:
    """The file with only the given columns (0 is the date)."""
    return "\n".join(",".join(line.split(",")[i] for i in keep) for line in text.splitlines()) + "\n"


def test_a_file_with_fewer_vintages_keeps_the_held_ones(held, tmp_path):
    before = tree_digest(held / "raw")
    report = _import(tmp_path, "older", _columns(ALFRED_CPI, [0, 1, 2]))
    assert report.ok and report.unchanged == ["CPIAUCSL_vintages"] and report.generation is None
    assert tree_digest(held / "raw") == before


def test_a_file_with_new_vintages_is_united_with_the_held_ones(data_dir, tmp_path):
    _import(tmp_path, "first", _columns(ALFRED_CPI, [0, 1, 2]))
    report = _import(tmp_path, "later", _columns(ALFRED_CPI, [0, 3, 4]))
    assert report.ok, report.summary()
    assert report.details["CPIAUCSL_vintages"].startswith("merged: 2 new vintages, 0 new rows; now 2025-08-01 to")
    assert raw_file(data_dir, "alfred/CPIAUCSL.csv").read_text() == ALFRED_CPI_WRITTEN
    parts = read_manifest(data_dir)["files"]["CPIAUCSL_vintages"]["parts"]
    assert [p["vintages"] for p in parts] == [["2025-10-24", "2025-12-18", 2], ["2026-01-13", "2026-02-11", 2]]


def test_a_changed_vintage_is_refused_and_the_held_file_kept(held, tmp_path, capsys):
    before = tree_digest(held / "raw")
    changed = ALFRED_CPI.replace("2025-11-01,,324.122,", "2025-11-01,,324.5,", 1)
    report = _import(tmp_path, "changed", changed)
    ((name, note),) = report.refused.items()
    assert name.endswith("alfred/CPIAUCSL.csv") and not report.ok
    assert note.startswith(
        "vintage 2025-12-18 differs from the held one: observation 2025-11-01 is 324.122 in the "
        "held file and 324.5 in this one"
    )
    assert "--replace" in note and tree_digest(held / "raw") == before
    assert cli.main(["data", "--from", str(tmp_path / "changed"), "--replace", "--quiet"]) == 0  # on purpose
    assert "324.5" in raw_file(held, "alfred/CPIAUCSL.csv").read_text()


# ---------------------------------------------------------------- what an as-of load returns


def test_as_of_a_date_between_two_vintages_the_earlier_one_is_in_force(held):
    # 2025-12-15: the vintage of 2025-10-24 is in force. November's index, due by the release rule on 2025-12-13,
    # was not out yet (published 2025-12-18): absent. Earlier months carry the values published then.
    assert values(cpi("2025-12-15")) == {"2025-08-01": 323.364, "2025-09-01": 324.368}
    assert values(cpi("2026-01-05")) == {"2025-08-01": 323.364, "2025-09-01": 324.368, "2025-11-01": 324.122}
    assert values(cpi("2026-01-13"))["2025-12-01"] == 324.654  # a vintage is public on its date
    assert values(cpi("2026-01-05", start="2025-09-01")) == {"2025-09-01": 324.368, "2025-11-01": 324.122}


def test_before_the_first_vintage_today_s_values_with_the_release_rule(held):
    # 2025-10-20: no vintage held yet; September's index is due by the rule on 2025-10-13: today's values
    assert values(cpi("2025-10-20")) == {"2025-08-01": 323.291, "2025-09-01": 324.245}
    assert cpi().index[-1] == pd.Timestamp("2026-03-01")  # no as-of date: today's values, everything held


def test_after_the_last_vintage_it_stays_in_force_until_the_rule_expects_a_newer_release(held):
    # 2026-03-01: the vintage of 2026-02-11 (January's index) is the last held, and no later release is due yet
    assert load.vintage_choices("2026-03-01")["CPIAUCSL"].vintage == pd.Timestamp("2026-02-11")
    assert cpi("2026-03-01").index[-1] == pd.Timestamp("2026-01-01")
    # 2026-03-20: February's index was due on 2026-03-13 and no vintage held has it: today's values, by the rule
    late = load.vintage_choices("2026-03-20")["CPIAUCSL"]
    assert late.vintage is None and late.why.startswith(
        "the ALFRED vintages held end on 2026-02-11, and the release rule has the observation of 2026-02-01, which none"
    )
    assert cpi("2026-03-20").index[-1] == pd.Timestamp("2026-02-01")


def test_other_series_in_the_same_load_keep_their_release_rule(held):
    both = load.load_fred(["CPIAUCSL", "DGS2"], as_of="2025-12-18")
    assert both["DGS2"].dropna().index[-1] == pd.Timestamp("2025-12-17")  # public the next business day
    assert both["CPIAUCSL"].dropna().index[-1] == pd.Timestamp("2025-11-01")  # the vintage of that day


# ---------------------------------------------------------------- saying which


def test_the_provenance_cell_and_the_banner_say_which_values_were_used(held, monkeypatch):
    monkeypatch.setattr(usage, "_used", {})
    load.load_fred(["CPIAUCSL", "DGS2"], as_of="2026-01-05")
    load.load_fred(["CPIAUCSL"], as_of="2025-10-20")
    load.load_fred(["CPIAUCSL"])
    table = provenance.used_series_table()
    assert table.loc["CPIAUCSL", "values used"] == (
        "ALFRED vintage of 2025-12-18; today's values, public 13D after its period ends (a stated lag; no calendar "
        "is held); the first ALFRED vintage held is 2025-10-24; today's values"
    )
    assert table.loc["DGS2", "values used"] == "today's values, public the next business day"
    ctx = setup.NotebookContext(DataIdentity("real", "x", pd.Timestamp("2026-01-05")))
    banner = setup._banner_html(ctx)
    assert (
        "as of <b>2026-01-05</b> (only what was published by then; revised series: the ALFRED vintage in force "
        "for CPIAUCSL 2025-12-18; today's values cut by their release rules for FEDFUNDS, PCEPILFE"
    ) in banner


def test_status_lists_the_vintage_file(held, capsys):
    cli.main(["status"])
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("CPIAUCSL_vintages"))
    assert "2025-08-01" in line and "2026-01-01" in line and "2025-10-24 to 2026-02-11, 4" in line


def test_a_pack_as_of_a_date_carries_the_vintages_published_by_then(held, tmp_path, monkeypatch):
    provenance_ = pack.write_pack(tmp_path / "class", as_of="2026-01-05")
    assert (tmp_path / "class" / "alfred" / "CPIAUCSL.csv").read_text() == (
        "observation_date,CPIAUCSL_20251024,CPIAUCSL_20251218\n2025-08-01,323.364,323.364\n"
        "2025-09-01,324.368,324.368\n2025-10-01,,.\n2025-11-01,,324.122\n"
    )
    assert provenance_["files"]["alfred/CPIAUCSL.csv"]["range"] == ["2025-08-01", "2025-11-01", 4]
    whole = pack.write_pack(tmp_path / "all")
    assert (tmp_path / "all" / "alfred" / "CPIAUCSL.csv").read_text() == ALFRED_CPI
    assert "CPIAUCSL_vintages" in pack.write_pack(tmp_path / "early", as_of="2025-10-01")["not_yet_observed"]
    expected = values(cpi("2026-01-05"))
    clean = tmp_path / "student-data"
    (clean / "raw").mkdir(parents=True)
    monkeypatch.setenv("HELPERS_DATA_DIR", str(clean))
    assert refresh.import_folder(tmp_path / "class", progress=False).ok
    assert values(cpi("2026-01-05")) == expected and "alfred/CPIAUCSL.csv" in whole["files"]
