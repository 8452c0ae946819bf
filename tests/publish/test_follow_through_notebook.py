"""Notebook 07 run as a whole: before its subject on the synthetic sample, on an older export and then a newer one
(a pending horizon fills in with no edit, and the changes report shows which follow-through figures moved), and with
a parameter changed (a key figure moves, and the conclusion says the rule is explored, not tested)."""

import nbformat
import pytest

from helpers.data import pack, processed, refresh, status
from helpers.notebook import keyfigures
from helpers.publish import changes, execute

pytestmark = pytest.mark.slow  # executes notebooks: left out of make unit

STEM = "07_follow_through"
PATH = next(p for p in execute.notebook_paths() if p.stem == STEM)


def figures(nb) -> dict:
    return {r["name"]: r for r in keyfigures.read(nb)}


def conclusion(nb) -> str:
    cell = next(c for c in nb.cells if "summary" in c.metadata.get("tags", []))
    return "".join(o.get("data", {}).get("text/markdown", "") for o in cell.get("outputs", []))


def test_as_of_the_earliest_date_on_the_sample_the_subject_is_not_yet_observable(data_dir):
    earliest = status.as_of_bounds()[0]
    done = execute.execute(PATH, as_of=f"{earliest:%Y-%m-%d}")
    assert done.error is None, done.error
    found = figures(done.notebook)
    assert found["as_of"]["value"] == f"{earliest:%Y-%m-%d}"
    assert all(
        found[f"iwm_iwb_{m}m"]["value"] is None and found[f"iwm_iwb_{m}m_reading"]["value"] == "pending"
        for m in (1, 3, 6, 9, 12)
    )
    assert found["target_status"]["value"] == found["year_status"]["value"] == "pending"
    assert found["iwm_iwb_strong_years"]["value"] not in (None, "none")  # the past openings are still shown
    assert conclusion(done.notebook).startswith(f"**Not yet observable.** As of {earliest:%Y-%m-%d}")


@pytest.fixture
def older_export(real_data, tmp_path, monkeypatch):
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


def test_a_newer_export_fills_a_pending_horizon_without_any_edit(older_export, snapshot):
    committed = figures(nbformat.read(PATH, as_version=4))
    unchanged = PATH.read_bytes()
    old = execute.execute(PATH)
    assert old.error is None, old.error
    before = figures(old.notebook)
    assert before["iwm_iwb_3m"]["value"] is None and before["iwm_iwb_3m_reading"]["value"] == "pending"
    assert before["iwm_iwb_1m"]["text"] == committed["iwm_iwb_1m"]["text"]  # reached on 2026-02-06 in both
    assert before["iwm_iwb_through"]["value"] == "2026-03-31"
    report = refresh.import_folder(snapshot, progress=False)  # the newer export, imported over the older one
    assert report.ok, report.summary()
    processed.build()
    new = execute.execute(PATH)
    assert new.error is None, new.error
    after = figures(new.notebook)
    assert after["iwm_iwb_3m"]["text"] == committed["iwm_iwb_3m"]["text"] != keyfigures.NOT_AVAILABLE
    assert after["iwm_iwb_3m_reading"]["value"] != "pending"
    assert PATH.read_bytes() == unchanged  # nothing was edited
    moved = {r["name"] for r in changes.compare({STEM: old.notebook}, {STEM: new.notebook})["figures"] if r["changed"]}
    assert {"iwm_iwb_3m", "iwm_iwb_3m_reading", "iwm_iwb_through", "horizons_observed"} <= moved
    assert "iwm_iwb_1m" not in moved and "registered_date" not in moved


def test_a_changed_parameter_moves_a_key_figure_and_is_not_the_registered_test(real_data, tmp_path):
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = parameterize_notebook(load_notebook_node(str(PATH)), {"EVENT": "2026-01-15"}, report_mode=False)
    target = tmp_path / PATH.name
    nbformat.write(nb, target)
    done = execute.execute(target)
    assert done.error is None, done.error
    committed, found = figures(nbformat.read(PATH, as_version=4)), figures(done.notebook)
    assert found["event_date"]["value"] == "2026-01-15" and found["as_registered"]["value"] == "no"
    assert found["iwm_iwb_1m"]["text"] != committed["iwm_iwb_1m"]["text"]
    assert "it explores the rule, it does not test it" in conclusion(done.notebook)
