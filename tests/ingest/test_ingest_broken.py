"""A directory of broken files of every kind mixed with good ones: every good document is read, every
broken file or record is reported with its reason, and nothing raises."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from ingest_samples import ALUMINIUM, LASER, RSS, page, warc_bytes

from industrywatch.ingest import SourceError, read_sources

GOOD_PAGES = {"https://example.org/a": page("A", LASER), "https://example.org/b": page("B", ALUMINIUM)}


def cut_warc(compressed: bool) -> bytes:
    """A WARC cut short in the middle of its second response (record 4)."""
    data, ends = warc_bytes(GOOD_PAGES, gzip=compressed)
    return data[: (ends[2] + ends[3]) // 2]


JSONL_LINES = [
    json.dumps({"id": "good-1", "text": LASER}).encode(),
    b'{"id": "bad", "text": "missing quote}',
    b"[1, 2, 3]",
    b'{"text": 5}',
    b'{"title": "no text"}',
    b'{"text": "   "}',
    json.dumps({"id": "bad-date", "text": LASER, "published": "someday"}).encode(),
    '{"id": "latin", "text": "Café"}'.encode("latin-1"),
    json.dumps({"id": "good-2", "text": ALUMINIUM}).encode(),
    b'{"id": "cut", "text": "the line ends',
]

# name: (content, the reasons expected for it, in order)
BROKEN: dict[str, tuple[bytes, list[str]]] = {
    "binary.txt": (bytes(range(256)) * 4, ["binary data"]),
    "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), ["binary data"]),
    "random.bin": (bytes((i * 37 + 11) % 256 for i in range(512)), ["binary data"]),
    "nul.md": (b"# Title\x00\x00\x00 body", ["binary data"]),
    "binary.jsonl": (b"\x00\x01\x02" * 100, ["binary data"]),
    "binary.html": (b"<html>\x00\x00\x00\x00</html>", ["binary data"]),
    "latin1.txt": ("Les entreprises de Jinan: 300, café.".encode("latin-1"), ["not UTF-8"]),
    "latin1.md": ("# Été\n\nProduction: 615000 t.".encode("latin-1"), ["not UTF-8"]),
    "latin1.html": (page("Été", "Production à Jinan: 300 entreprises").encode("latin-1"), ["not UTF-8"]),
    "cp1252.txt": ("“Quoted” output — 5%".encode("cp1252"), ["not UTF-8"]),
    "empty.txt": (b"", ["empty file"]),
    "empty.html": (b"", ["empty file"]),
    "empty.jsonl": (b"", ["empty file"]),
    "empty.warc.gz": (b"", ["empty file"]),
    "blank.txt": (b"  \n\t\n\n", ["empty"]),
    "blank.html": (b"   \n  ", ["empty HTML"]),
    "truncated.txt.gz": (gzip.compress(LASER.encode() * 20)[:40], ["truncated gzip"]),
    "truncated.html.gz": (gzip.compress(page("T", LASER).encode())[:60], ["truncated gzip"]),
    "truncated.jsonl.gz": (gzip.compress(JSONL_LINES[0] * 30)[:50], ["truncated gzip"]),
    "corrupt.txt.gz": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"not deflate data" * 8, ["gzip"]),
    "corrupt.warc.gz": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"not deflate data" * 8, ["gzip"]),
    "gzipped-nothing.warc.gz": (gzip.compress(b""), ["holds no WARC record"]),
    "not-a-warc.warc": (b"This is a plain text file named like an archive.\n", ["not a valid WARC record"]),
    "cut.warc.gz": (cut_warc(compressed=True), ["truncated"]),
    "cut.warc": (cut_warc(compressed=False), ["truncated"]),
    "notext.html": (
        b"<html><head><title>Nothing</title><script>var x = 1;</script></head><body><div></div></body>",
        ["no main text"],
    ),
    "broken.rss": (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cut',
        ["not a valid RSS or Atom"],
    ),
    "no-items.rss": (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
        ["no entries"],
    ),
    "half-feed.xml": (
        RSS.replace("<description>" + ALUMINIUM + "</description>", "").encode(),
        ["no text"],
    ),
    "lines.jsonl": (
        b"\n".join(JSONL_LINES),
        [
            "not valid JSON",
            "not an object",
            '"text" is not a string',
            'no "text" field',
            '"text" is empty',
            "not a date",
            "not UTF-8",
            "not valid JSON",
        ],
    ),
}

GOOD = {
    "laser.txt": LASER.encode(),
    "bom.txt": b"\xef\xbb\xbf" + ALUMINIUM.encode(),
    "utf16.txt": LASER.encode("utf-16"),
    "page.html": page("Jinan laser", LASER).encode(),
    "notes.md": f"# Notes\n\n{ALUMINIUM}".encode(),
    "report.txt.gz": gzip.compress(LASER.encode()),
    "news.rss": RSS.encode(),
}
GOOD_IDS = {
    "laser", "bom", "utf16", "page", "notes", "report",
    "https://news.example.org/jinan", "https://news.example.org/guangyuan",
    "good-1", "good-2", "https://example.org/a",
}  # fmt: skip


def test_broken_files_are_reported_and_good_ones_still_read(tmp_path: Path) -> None:
    assert len(BROKEN) >= 30
    for folder, files in (("broken", BROKEN), ("good", GOOD)):
        for index, (name, content) in enumerate(files.items()):
            directory = tmp_path / folder / f"batch{index % 3}"
            directory.mkdir(parents=True, exist_ok=True)
            (directory / name).write_bytes(content[0] if isinstance(content, tuple) else content)
    (tmp_path / "good" / ".hidden").mkdir()
    (tmp_path / "good" / ".hidden" / "skipped.txt").write_bytes(b"\x00 never read")
    (tmp_path / "broken" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    expected_unreadable = []
    if os.geteuid() != 0:  # root reads anything, whatever its mode
        locked = tmp_path / "broken" / "locked.txt"
        locked.write_text(LASER, encoding="utf-8")
        locked.chmod(0)
        expected_unreadable.append(locked)

    items = list(read_sources([str(tmp_path / "good"), str(tmp_path / "broken"), str(tmp_path / "missing")]))

    documents = [item for item in items if not isinstance(item, SourceError)]
    errors = [item for item in items if isinstance(item, SourceError)]
    # The cut WARCs each still give their first page (the two cut ones the same page: one id, one text).
    assert {doc.id for doc in documents} == GOOD_IDS
    assert len({(doc.id, doc.content_hash) for doc in documents}) == len(GOOD_IDS)
    by_name: dict[str, list[SourceError]] = {}
    for error in errors:
        by_name.setdefault(Path(error.source.split(":")[0]).name, []).append(error)
    for name, (_content, reasons) in BROKEN.items():
        got = [error.reason for error in by_name.pop(name, [])]
        assert len(got) == len(reasons), (name, got)
        for reason, expected in zip(got, reasons, strict=True):
            assert expected in reason, (name, got)
    assert [e.reason for e in by_name.pop("dangling.txt")] == ["cannot read it (No such file or directory)"]
    assert [e.reason for e in by_name.pop("missing")] == ["no such file or directory"]
    for locked in expected_unreadable:
        assert "Permission denied" in by_name.pop(locked.name)[0].reason
    assert by_name == {}
    records = [error.record for error in errors if Path(error.source).name == "lines.jsonl"]
    assert records == ["line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 10"]
