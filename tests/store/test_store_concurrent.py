"""Two `industrywatch ingest` processes on the same inputs into one database at once, against SQLite and a
real PostgreSQL server: both finish, and every document is stored once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from industrywatch.store import Store

CLI = Path(sys.executable).parent / "industrywatch"
REPORTS = 40
# Long enough that extracting a report takes longer than storing it: the two runs keep step, and race to
# store most reports.
SENTENCES = 120


def report(number: int) -> str:
    return " ".join(
        f"In {1900 + year} the output value of the laser industry in Wuxi reached {number + year + 1}.5 "
        f"billion yuan, and {year + 3} new companies opened (report {number})."
        for year in range(SENTENCES)
    )


def test_two_ingests_at_once_both_finish_and_store_every_document_once(
    store_url: str, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for number in range(REPORTS):
        (reports / f"report-{number:02d}.txt").write_text(report(number), encoding="utf-8")
    command = [str(CLI), "ingest", str(reports), "--db", store_url]  # on a new database: both create it
    started = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in "ab"
    ]
    for process in started:
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stdout + stderr
    with Store(store_url) as store:
        documents, claims, runs = store.documents(), store.claims(), store.runs()
    assert sorted(documents["doc_id"]) == [f"report-{number:02d}" for number in range(REPORTS)]
    assert (documents["claims"] > 0).all() and len(claims) == documents["claims"].sum()
    assert not claims.duplicated(["doc_id", "start", "end"]).any()
    assert runs["status"].tolist() == ["finished", "finished"] and runs["errors"].sum() == 0
    assert runs["added"].sum() == REPORTS and (runs["added"] + runs["unchanged"] == REPORTS).all()
    assert runs["claims"].sum() == len(claims)
