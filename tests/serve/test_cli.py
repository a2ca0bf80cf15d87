"""The command line as a user runs it: a real process on a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from industrywatch import Store
from industrywatch.records import Document

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).parent / "industrywatch"


def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=600)
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def summary(stdout: str) -> dict[str, str]:
    """The counts of an ingest's summary table, by heading."""
    lines = stdout.splitlines()
    heading, counts = next(line for line in lines if "┃" in line), next(line for line in lines if "│" in line)
    return dict(
        zip(
            (cell.strip() for cell in heading.strip("┃ ").split("┃")),
            (cell.strip() for cell in counts.strip("│ ").split("│")),
            strict=True,
        )
    )


@pytest.fixture(scope="module")
def stored(shared, tmp_path_factory):
    """A store holding the seeds and the examples, ingested twice."""
    db = f"sqlite:///{tmp_path_factory.mktemp('store') / 'iw.db'}"
    seeds = [str(p) for p in sorted((shared / "corpus" / "seeds").glob("*.txt"))]
    first = run("ingest", *seeds, str(ROOT / "examples"), "--db", db)
    with Store(db) as store:
        once = store.counts()
    second = run("ingest", *seeds, str(ROOT / "examples"), "--db", db)
    with Store(db) as store:
        twice = store.counts()
    return db, once, twice, first.stdout, second.stdout


def test_ingesting_twice_adds_nothing(stored):
    _, once, twice, first, second = stored
    assert once["documents"] == 2 + len(list((ROOT / "examples").glob("*.txt")))
    assert once["claims"] > 50
    assert {k: twice[k] for k in ("documents", "claims")} == {k: once[k] for k in ("documents", "claims")}
    assert twice["runs"] == once["runs"] + 1


def test_claims_query_filters_and_formats(stored):
    db = stored[0]
    query = ("--region", "Guangyuan", "--metric", "output_value", "--format", "jsonl")
    lines = run("claims", "--db", db, *query)
    rows = [json.loads(line) for line in lines.stdout.splitlines()]
    assert rows and {r["region"] for r in rows} == {"Guangyuan"}
    assert {r["metric"] for r in rows} == {"output_value"}
    csv = run("claims", "--db", db, "--modality", "target", "--format", "csv").stdout.splitlines()
    assert csv[0].startswith("doc_id,") and len(csv) > 5


def test_targets_series_and_check(stored):
    db = stored[0]
    targets = run("targets", "--db", db, "--region", "Guangyuan", "--as-of", "2025-11-14").stdout
    assert "output_value" in targets and "on track" in targets and "+33.6%/yr" in targets
    series = run("series", "Guangyuan", "--db", db, "--metric", "output_value").stdout
    assert "derived" in series and "33.69" in series
    assert run("check", "--db", db, "--region", "Guangyuan").stdout.strip() == "no contradictions"


def test_a_bad_file_is_reported_and_the_rest_goes_in(tmp_path):
    good = "In 2024 Wuxi's output value reached 86.5 billion yuan."
    (tmp_path / "good.txt").write_text(good, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("产值达到865亿元".encode("gb18030"))
    db = f"sqlite:///{tmp_path / 'iw.db'}"
    done = run("ingest", str(tmp_path / "good.txt"), str(tmp_path / "bad.txt"), "--db", db, ok=False)
    assert done.returncode == 1
    assert "bad.txt" in done.stdout and "Traceback" not in done.stderr
    with Store(db) as store:
        assert store.counts()["documents"] == 1


def test_an_id_taken_twice_in_one_run_keeps_the_first_text_and_errors_lists_the_other(tmp_path):
    wuxi, suzhou = "Wuxi's output value reached 86.5 billion yuan.", "Suzhou had 120 laser companies."
    for folder, text in (("a", wuxi), ("b", wuxi), ("c", suzhou)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'iw.db'}"
    done = run("ingest", str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "c"), "--db", db, ok=False)
    assert done.returncode == 1 and "already taken" in done.stdout
    with Store(db) as store:
        assert [doc.text for doc in store.texts()] == [wuxi]
        run_row = store.runs().iloc[0]
        assert (run_row["added"], run_row["duplicate"], run_row["unchanged"], run_row["errors"]) == (
            1,
            1,
            0,
            1,
        )
    listed = run("errors", "--db", db, "--format", "jsonl").stdout.splitlines()
    (error,) = [json.loads(line) for line in listed]
    assert error["source"] == str(tmp_path / "c" / "report.txt")
    assert (
        error["reason"]
        == f"its id 'report' is already taken by {tmp_path / 'a' / 'report.txt'}; rename one of them"
    )


def test_a_run_with_many_errors_prints_the_first_and_keeps_them_all(tmp_path):
    lines = ['{"id": "good", "text": "Wuxi had 120 laser companies."}'] + ["{not json"] * 60
    (tmp_path / "crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'iw.db'}"
    done = run("ingest", str(tmp_path / "crawl.jsonl"), "--db", db, ok=False)
    assert done.returncode == 1 and done.stdout.count("not valid JSON") == 50
    assert "and 10 more: industrywatch errors --run 1" in done.stdout
    listed = run("errors", "--db", db, "--run", "1", "--format", "csv").stdout.splitlines()
    assert len(listed) == 1 + 60 and listed[-1].endswith(
        "line 61,not valid JSON (Expecting property name enclosed in double quotes at column 2)"
    )
    (line,) = run("runs", "--db", db, "--format", "jsonl").stdout.splitlines()
    latest = json.loads(line)
    assert (latest["id"], latest["status"], latest["added"], latest["errors"]) == (1, "finished", 1, 60)


def test_a_wrong_database_url_is_a_clear_error(tmp_path):
    done = run("claims", "--db", "mysql://nowhere/db", ok=False)
    assert done.returncode == 2
    assert "only SQLite and PostgreSQL" in done.stderr and "Traceback" not in done.stderr


def test_an_unsupported_language_is_a_clear_error(tmp_path):
    text = tmp_path / "hu.txt"
    hungarian = "A város termelési értéke 2024-ben elérte a 86,5 milliárd jüant."
    text.write_text(hungarian, encoding="utf-8")
    done = run("extract", str(text), ok=False)
    assert done.returncode == 1
    assert "--lang" in done.stderr and "Traceback" not in done.stderr


def test_the_language_detected_is_stored_and_reextract_stores_it_for_older_documents(tmp_path):
    (tmp_path / "wuxi.txt").write_text(
        "In 2024 Wuxi's output value reached 86.5 billion yuan.", encoding="utf-8"
    )
    db = f"sqlite:///{tmp_path / 'iw.db'}"
    run("ingest", str(tmp_path / "wuxi.txt"), "--db", db)
    (listed,) = run("docs", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert json.loads(listed)["lang"] == "en"
    assert run("claims", "--db", db, "--lang", "en", "--format", "jsonl").stdout.strip()
    with Store(db) as store:  # as a document stored before the language was kept
        store.add(Document("suzhou", "In 2024 Suzhou had 120 laser companies."), [])
    run("reextract", "--db", db)
    listed = run("docs", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert {json.loads(line)["doc_id"]: json.loads(line)["lang"] for line in listed} == {
        "suzhou": "en",
        "wuxi": "en",
    }


def test_texts_piped_in_one_after_the_other_are_all_kept(tmp_path):
    db = f"sqlite:///{tmp_path / 'iw.db'}"
    wuxi, suzhou = "In 2024 Wuxi's output value reached 86.5 billion yuan.", "Suzhou had 120 laser companies."
    for text in (wuxi, suzhou):
        done = subprocess.run(
            [str(CLI), "ingest", "-", "--db", db], input=text, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr
    jinan = "Jinan had 300 laser companies."
    named = [str(CLI), "ingest", "-", "--id", "jinan", "--db", db]
    subprocess.run(named, input=jinan, check=True, capture_output=True, text=True, timeout=600)
    with Store(db) as store:
        stored = {doc.text: doc.id for doc in store.texts()}
    assert stored == {
        wuxi: f"stdin-{Document('', wuxi).content_hash[:12]}",
        suzhou: f"stdin-{Document('', suzhou).content_hash[:12]}",
        jinan: "jinan",
    }


def test_a_first_run_counts_texts_repeated_within_it_as_duplicates_not_unchanged(tmp_path):
    wuxi, reports = "In 2024 Wuxi's output value reached 86.5 billion yuan.", tmp_path / "reports"
    reports.mkdir()
    for name in ("wuxi.txt", "wuxi-copy.txt", "wuxi-again.txt"):
        (reports / name).write_text(wuxi, encoding="utf-8")
    (reports / "suzhou.txt").write_text("Suzhou had 120 laser companies.", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'iw.db'}"
    counted = summary(run("ingest", str(reports), "--db", db).stdout)
    assert (counted["added"], counted["duplicate in this run"], counted["unchanged"]) == ("2", "2", "0")
    (again,) = run("runs", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert {k: json.loads(again)[k] for k in ("added", "duplicate", "unchanged")} == {
        "added": 2,
        "duplicate": 2,
        "unchanged": 0,
    }


def test_inputs_without_a_readable_file_say_so_and_fail(tmp_path):
    db = f"sqlite:///{tmp_path / 'iw.db'}"
    empty, hidden, binary = (tmp_path / name for name in ("empty", "hidden", "binary"))
    for folder in (empty, hidden, binary):
        folder.mkdir()
    (hidden / ".notes.txt").write_text("Suzhou had 120 laser companies.", encoding="utf-8")
    (hidden / "nothing-inside").mkdir()
    (binary / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    for folder in (empty, hidden):
        done = run("ingest", str(folder), "--db", db, ok=False)
        assert (done.returncode, done.stdout) == (1, "")
        assert done.stderr.strip() == f"error: no readable files in {folder}"
    done = run("ingest", str(binary), "--db", db, ok=False)
    assert done.returncode == 1 and f"no readable files in {binary}" in done.stderr
    assert "logo.png" in done.stdout and "binary data" in done.stdout
