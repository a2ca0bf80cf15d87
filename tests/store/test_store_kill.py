"""A run killed with SIGKILL midway leaves the store consistent, and a rerun finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from industrywatch.store import Store

FILL = Path(__file__).with_name("fill_store.py")
COUNT = 2000


def fill(url: str, stop_after: int | None = None) -> None:
    """Run the filler in a child process; with `stop_after`, SIGKILL it once that many documents are in."""
    child = subprocess.Popen([sys.executable, str(FILL), url, str(COUNT)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    if stop_after is not None:
        for done, _line in enumerate(child.stdout, start=1):
            if done >= stop_after:
                os.kill(child.pid, signal.SIGKILL)
                break
    child.communicate(timeout=600)
    assert child.returncode == (-signal.SIGKILL if stop_after is not None else 0)


def rows(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    documents = store.documents()[["doc_id", "content_hash", "chars", "claims"]]
    return documents, store.claims().sort_values(["doc_id", "period"], ignore_index=True)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store filled by a run that nobody stopped."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'reference.db'}"
    fill(url)
    return url


def test_a_killed_run_then_a_rerun_equals_an_uninterrupted_run(store_url: str, uninterrupted: str) -> None:
    fill(store_url, stop_after=COUNT // 2)
    with Store(store_url) as store:
        documents, claims = rows(store)
        assert COUNT // 2 <= len(documents) < COUNT
        # Every document is in with all its claims, or not at all.
        assert (documents["claims"] == [1 + int(key.split("-")[1]) % 3 for key in documents["doc_id"]]).all()
        assert len(claims) == documents["claims"].sum()
        assert store.runs()["status"].tolist() == ["interrupted"]  # its process is gone
    fill(store_url)
    with Store(store_url) as store, Store(uninterrupted) as reference:
        for got, expected in zip(rows(store), rows(reference), strict=True):
            pd.testing.assert_frame_equal(got, expected)
        runs = store.runs()
        assert runs["status"].tolist() == ["finished", "interrupted"]
        assert runs["added"].iloc[0] + runs["unchanged"].iloc[0] == COUNT


def test_a_run_whose_process_lives_is_running_until_finished(store_url: str) -> None:
    with Store(store_url) as store:
        store.upgrade()
        run = store.start_run()
        assert store.runs()["status"].tolist() == ["running"]
        store.start_run()  # a second run beside it leaves it alone
        store.finish_run(run)
        assert store.runs()["status"].tolist() == ["running", "finished"]
