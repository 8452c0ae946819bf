"""The real snapshot (../shared/data/snapshot): imported whole, every series with the right dates."""

import json

import pandas as pd
import pytest

from conftest import generation_folder, read_manifest
from helpers.data import catalog, checksums, identity, load, manifest, paths, processed


def test_every_catalog_series_arrives_with_its_first_and_last_dates(snapshot, snapshot_data):
    provenance = json.loads((snapshot / "PROVENANCE.json").read_text())["files"]
    held = read_manifest(snapshot_data)["files"]
    for entry in catalog.entries():
        if entry.source not in catalog.STORED_SOURCES or entry.source == "alfred":  # the snapshot has no vintages
            continue
        assert entry.key in held, f"{entry.key} was not imported"
        record = held[entry.key]
        expected = provenance[entry.relpath]
        assert record["sha256"] == expected["sha256"], entry.key
        if expected.get("range"):
            first, last, rows = expected["range"]
            assert (record["first"], record["last"], record["rows"]) == (first, last, rows), entry.key


def test_french_files_arrive_whole(real_data):
    daily = load.load_factors("daily")
    assert daily.index[0] == pd.Timestamp("1926-07-01")
    assert daily.index[-1] == pd.Timestamp("2026-04-30")
    assert daily["Mom"].first_valid_index() == pd.Timestamp("1926-11-03")
    monthly = load.load_factors("monthly")
    assert monthly.index[0] == pd.Timestamp("1963-07-31") and monthly.index[-1] == pd.Timestamp("2026-04-30")
    annual = load.load_factors("annual")
    assert annual.loc["2025-12-31", "SMB"] == -9.41


def test_the_imported_snapshot_is_real_and_verified(real_data):
    assert identity.current().is_real
    assert checksums.verify() == {}
    processed.ensure()
    assert processed.is_fresh()
    spy = load.load_prices(["SPY"])["SPY"]
    assert spy.index[-1] == pd.Timestamp("2026-06-30")
    assert load.load_indices(["RUT"]).loc["2026-06-30", "RUT"] == pytest.approx(3024.37)


def test_the_project_data_folder_if_filled_holds_the_snapshot(snapshot):
    """Files the project's own store took from the snapshot folder (`make data FROM=../shared/data/snapshot`)
    match it byte for byte; files from other exports or downloads are other data, not checked here."""
    if generation_folder(paths.PROJECT_ROOT / "data") is None:
        pytest.skip("data/raw holds nothing (the sample is in use)")
    held = read_manifest(paths.PROJECT_ROOT / "data")["files"]
    provenance = json.loads((snapshot / "PROVENANCE.json").read_text())["files"]
    for key, record in held.items():
        whole = len(manifest.parts_of(record)) == 1  # a file stored as imported, not joined from several exports
        if whole and record["path"] in provenance and record.get("origin") == f"folder {paths.display_path(snapshot)}":
            assert record["sha256"] == provenance[record["path"]]["sha256"], key
