"""Which data is in use: one concept, DataIdentity, for the label, the notebook's setup, the memo of analysis results,
the run recorded in executed notebooks and the changes report."""

import nbformat
import pandas as pd

import helpers
from helpers.data import asof, generations, identity, refresh, sample
from helpers.data.identity import DataIdentity
from helpers.publish import stamps


def test_the_sample_when_nothing_is_held(data_dir):
    data = helpers.data_identity()
    assert data == DataIdentity("sample", "sample", None, sample.END)
    assert data.is_sample and not data.is_real and data.label == sample.LABEL


def test_the_raw_generation_in_use_cut_at_the_as_of_date(data_dir, small_folder):
    assert refresh.import_folder(small_folder, progress=False).ok
    keys, digest, last = generations.in_use()
    data = identity.current()
    assert (data.mode, data.digest, data.label) == ("real", digest, identity.REAL_LABEL) and keys
    assert data.last_observation == pd.Timestamp(last) == pd.Timestamp("2024-01-31")  # FF5's month end
    assert identity.current("2024-01-03").last_observation == pd.Timestamp("2024-01-03")
    ctx = helpers.setup_notebook(as_of="2024-01-04", banner=False)  # the notebook's setup holds the identity in force
    assert ctx.data == identity.current() and ctx.as_of == asof.get_as_of() == pd.Timestamp("2024-01-04")
    assert ctx.label == "real data" and ctx.data.last_observation == pd.Timestamp("2024-01-04")


def test_a_run_records_its_identity_and_old_notebooks_stay_readable():
    data = DataIdentity("real", "abc", pd.Timestamp("2026-01-16"), pd.Timestamp("2026-01-16"))
    nb = nbformat.v4.new_notebook()
    stamps.record_run(nb, data, 12.34)
    assert nb.metadata["helpers"]["run"] == {
        "mode": "real",
        "digest": "abc",
        "as_of": "2026-01-16",
        "last_observation": "2026-01-16",
        "seconds": 12.3,
    }
    assert stamps.run_identity(nb) == data == DataIdentity.from_metadata(data.metadata())
    old = nbformat.v4.new_notebook(metadata={"helpers": {"manifest_digest": "abc", "code_sha256": "x"}})
    assert stamps.run_identity(old) == DataIdentity("real", "abc")  # published before runs were recorded
    other = nbformat.v4.new_notebook()
    stamps.record_run(other, DataIdentity("real", "def"), 1.0)
    assert stamps.identity_of_runs({"a": nb, "b": other}).digest == "abc / def"
    assert stamps.identity_of_runs({"c": nbformat.v4.new_notebook()}) is None
