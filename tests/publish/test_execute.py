"""Executing notebooks the way `make publish` does (the `make run` path is tested in test_asof_collection.py)."""

import pytest

from helpers.errors import HelpersError, SampleDataRefusedError
from helpers.publish import execute


def test_publish_refuses_on_the_sample(data_dir):
    with pytest.raises(SampleDataRefusedError, match="synthetic sample"):
        execute.publish(names=["00_data_overview"], log=lambda *_: None)


def test_publish_refuses_with_an_as_of_date(monkeypatch, small_folder, data_dir):
    from helpers.data import refresh

    refresh.import_folder(small_folder, progress=False)
    monkeypatch.setenv("HELPERS_AS_OF", "2024-01-03")
    with pytest.raises(HelpersError, match="HELPERS_AS_OF"):
        execute.publish(names=["00_data_overview"], log=lambda *_: None)
