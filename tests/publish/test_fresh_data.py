"""Re-running on other data than the published snapshot: an export cut at 2026-03-31, made from the snapshot."""

import json

import pytest

from helpers.data import pack, processed, refresh
from helpers.publish import execute

pytestmark = pytest.mark.slow  # executes notebooks, builds the book or times processes: left out of make unit


@pytest.fixture
def cut_export(real_data, tmp_path, monkeypatch):
    """A data folder holding the snapshot as it would have been exported on 2026-03-31."""
    folder = tmp_path / "export-2026-03-31"
    pack.write_pack(folder, as_of="2026-03-31")
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    monkeypatch.setenv("HELPERS_DATA_DIR", str(data))
    report = refresh.import_folder(folder, progress=False)
    assert report.ok, report.summary()
    processed.build()
    return data


def test_a_run_on_an_older_export_reports_what_changed_verdicts_first(cut_export, tmp_path):
    out = tmp_path / "reports"
    lines = []
    done = execute.run_all(names=["06_claims_ledger"], out_dir=out, log=lines.append, render=False)
    assert all(d.error is None for d in done), [(d.name, d.error) for d in done if d.error]
    report = json.loads((out / "changes.json").read_text())
    assert report["after"]["last_observation"] == "2026-03-31"
    assert report["before"]["digest"] != report["after"]["digest"]
    assert {r["notebook"] for r in report["figures"]} == {"06_claims_ledger"}
    rows = {(r["notebook"], r["name"]): r for r in report["figures"]}
    through = rows[("06_claims_ledger", "rut_last_day")]
    assert through["before"] == "2026-06-30" and through["after"] == "2026-03-31" and through["difference"] == -91
    assert report["summary"]["verdicts"] == rows[("06_claims_ledger", "claims")]["after_value"]
    md = (out / "changes.md").read_text()
    assert md.index("verdicts that changed") < md.index("## Key figures")
    assert any("changes report:" in line for line in lines)
