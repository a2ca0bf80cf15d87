"""Hostile sources: each bad file or record is reported with its reason and skipped, the others still go in,
and nothing blocks, loops or raises."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from ingest_samples import LASER

from industrywatch.ingest import SourceError, read_sources
from industrywatch.records import Document
from industrywatch.serve.cli import store_document
from industrywatch.store import Store

CLI = Path(sys.executable).parent / "industrywatch"


def read(*sources, **options) -> tuple[list[Document], list[SourceError]]:
    items = list(read_sources([str(s) for s in sources], **options))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, SourceError)]


def test_a_lone_surrogate_in_json_becomes_a_replacement_character(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a\\ud800", "text": "5 tons \\udfff of steel"}\n', encoding="ascii")
    (doc,), errors = read(path)
    assert not errors
    assert (doc.id, doc.text) == ("a\ufffd", "5 tons \ufffd of steel")
    assert len(doc.content_hash) == 64


def test_the_content_hash_of_any_python_string_is_defined():
    assert Document("x", "a\ud800b").content_hash != Document("x", "a\ufffdb").content_hash


def test_symbolic_link_loops_end_and_are_reported(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "good.txt").write_text(LASER, encoding="utf-8")
    os.symlink("..", tmp_path / "sub" / "up")  # back to the top
    os.symlink("self.txt", tmp_path / "self.txt")
    docs, errors = read(tmp_path)
    assert [d.id for d in docs] == ["good"]
    reasons = {Path(e.source).name: e.reason for e in errors}
    assert "already read" in reasons["up"]
    assert "symbolic links" in reasons["self.txt"]


def test_pipes_and_sockets_are_skipped_unopened(tmp_path):
    (tmp_path / "a.txt").write_text(LASER, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.txt"))
    try:
        run = subprocess.run(
            [CLI, "ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'iw.db'}"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        server.close()
    assert run.returncode == 1, run.stderr
    assert "a named pipe, not a file: skipped" in run.stdout and "a socket, not a file" in run.stdout
    assert len(Store(f"sqlite:///{tmp_path / 'iw.db'}").documents()) == 1


def test_a_nul_byte_after_the_first_4_kb_means_binary(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes(LASER.encode() * 50 + b"\x00" + LASER.encode())  # past the first 4,096 bytes
    docs, (error,) = read(path)
    assert not docs and "binary data" in error.reason


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(LASER.encode(encoding))
    (doc,), errors = read(path)
    assert not errors and doc.text == LASER


BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss version="2.0"><channel><title>t</title><item><link>https://example.org/x</link>
<description>&b;</description></item></channel></rss>"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><link>https://example.org/y</link>
<description>&x;</description></item></channel></rss>"""


@pytest.mark.parametrize("feed", [BOMB, XXE], ids=["bomb", "xxe"])
def test_a_feed_declaring_entities_is_reported_not_stored(tmp_path, feed):
    path = tmp_path / "feed.rss"
    path.write_text(feed, encoding="utf-8")
    docs, (error,) = read(path)
    assert not docs and "XML entity" in error.reason


def test_a_json_line_over_the_cap_is_reported_with_file_and_line_and_the_next_is_read(tmp_path):
    path = tmp_path / "docs.jsonl"
    long = json.dumps({"id": "long", "text": "5 tons " * 1000})
    lines = [json.dumps({"id": "a", "text": LASER}), long, json.dumps({"id": "b", "text": LASER})]
    path.write_text("\n".join(lines))
    docs, (error,) = read(path, max_line=2000)
    assert [d.id for d in docs] == ["a", "b"]
    assert (error.source, error.record) == (str(path), "line 2") and "longer than 2,000 bytes" in error.reason


def test_a_12_mb_json_line_is_read_in_less_than_ten_times_its_size(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": (LASER + "\n") * (12_000_000 // len(LASER))}) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        (doc,), _ = read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(doc.text) > 11_000_000
    assert peak < 10 * size, f"peak {peak / size:.1f} times the line"


def test_a_document_that_fails_to_store_becomes_an_error_and_the_next_one_goes_in(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'iw.db'}")
    store.upgrade()
    run = store.start_run("ingest")
    # A lone surrogate reaches the store only from Python (the readers replace it): SQLite cannot encode it.
    broken = Document("broken", "5 tons \ud800", source="api")
    outcome, found = store_document(store, broken, None, run_id=run)
    assert isinstance(outcome, SourceError) and "UnicodeEncodeError" in outcome.reason and found == 0
    outcome, _ = store_document(store, Document("good", LASER, lang="ur"), None, run_id=run)
    assert outcome == "added"
    assert list(store.documents()["doc_id"]) == ["good"]
