"""Each reader on real files of its format: text, ids, titles, dates, languages and URLs."""

from __future__ import annotations

import gzip
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from ingest_samples import ALUMINIUM, ATOM, LASER, RSS, page, write_warc

from industrywatch.ingest import SourceError, read_sources
from industrywatch.records import Document


def documents(*sources: str | Path) -> list[Document]:
    items = list(read_sources([str(source) for source in sources]))
    assert not [item for item in items if isinstance(item, SourceError)]
    return items


def test_text_and_markdown_files_are_one_document_named_after_the_file(tmp_path: Path) -> None:
    (tmp_path / "seed-003-pa.txt").write_bytes(f"{LASER}\r\n{ALUMINIUM}\n".encode())
    (tmp_path / "notes.md").write_text(f"# Guangyuan aluminium\n\n{ALUMINIUM}\n", encoding="utf-8")
    notes, seed = documents(tmp_path)
    assert (seed.id, seed.text, seed.title) == ("seed-003-pa", f"{LASER}\n{ALUMINIUM}\n", None)
    assert seed.source == str(tmp_path / "seed-003-pa.txt")
    assert (notes.id, notes.title) == ("notes", "Guangyuan aluminium")
    assert notes.text[notes.text.index("615000") :].startswith("615000 tons")  # stored as written


def test_html_gives_main_text_title_date_and_language(tmp_path: Path) -> None:
    (tmp_path / "jinan.html").write_text(page("Jinan laser", LASER, lang="en-GB"), encoding="utf-8")
    (doc,) = documents(tmp_path / "jinan.html")
    assert doc.id == "jinan" and doc.title == "Jinan laser"
    assert LASER in doc.text and "Home" not in doc.text
    assert (doc.published, doc.lang) == (date(2024, 5, 3), "en")


def test_html_in_a_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    html = page("济南激光", "济南市激光企业超过300家，产值达到500亿元。", lang="zh").replace(
        "<head>", '<head><meta charset="gbk">'
    )
    (tmp_path / "gbk.htm").write_bytes(html.encode("gbk"))
    (doc,) = documents(tmp_path / "gbk.htm")
    assert "超过300家" in doc.text and doc.lang == "zh"


def test_jsonl_fields_and_ids(tmp_path: Path) -> None:
    lines = [
        {"id": "ur-1", "text": LASER, "lang": "en", "published": "2024-05-03", "title": "Jinan"},
        {"text": ALUMINIUM, "url": "https://example.org/guangyuan", "published": "2024-05-04T10:00:00+08:00"},
        {"text": "A third report: 12% growth."},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n\n", "utf-8")
    first, second, third = documents(path)
    assert (first.id, first.lang, first.published, first.title) == ("ur-1", "en", date(2024, 5, 3), "Jinan")
    assert (second.id, second.url, second.published) == (
        "https://example.org/guangyuan",
        "https://example.org/guangyuan",
        date(2024, 5, 4),
    )
    assert (third.id, third.source) == ("batch:3", f"{path}:line 3")
    assert [doc.text for doc in (first, second, third)] == [line["text"] for line in lines]


def test_warc_html_responses_are_documents_identified_by_url(tmp_path: Path) -> None:
    pages = {
        "https://example.org/jinan": page("Jinan laser", LASER),
        "https://example.org/gy": page("GY", ALUMINIUM),
    }
    write_warc(tmp_path / "crawl.warc.gz", pages)
    write_warc(
        tmp_path / "plain.warc", {"https://example.org/plain": page("Plain", LASER, date=None)}, gzip=False
    )
    crawl = documents(tmp_path / "crawl.warc.gz")
    assert [doc.id for doc in crawl] == list(pages) and [doc.url for doc in crawl] == list(pages)
    assert (
        LASER in crawl[0].text and crawl[0].title == "Jinan laser" and crawl[0].published == date(2024, 5, 3)
    )
    (plain,) = documents(tmp_path / "plain.warc")
    assert plain.id == "https://example.org/plain" and plain.published is None


def test_rss_and_atom_entries(tmp_path: Path) -> None:
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "zh.xml").write_text(ATOM, encoding="utf-8")
    jinan, guangyuan = documents(tmp_path / "news.rss")
    assert (jinan.id, jinan.title, jinan.published, jinan.lang) == (
        "https://news.example.org/jinan",
        "Jinan laser",
        date(2024, 5, 3),
        "en",
    )
    assert jinan.text == LASER and guangyuan.text == ALUMINIUM
    (entry,) = documents(tmp_path / "zh.xml")
    assert entry.text == "济南市激光企业超过300家。\n产值达到500亿元。"
    assert (entry.id, entry.lang, entry.published) == ("https://zh.example.org/1", "zh", date(2024, 5, 5))


def test_gzipped_files_and_unknown_extensions_are_recognised_by_content(tmp_path: Path) -> None:
    (tmp_path / "report.txt.gz").write_bytes(gzip.compress(LASER.encode()))
    (tmp_path / "export.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "x", "text": LASER}).encode()))
    (tmp_path / "page.dat").write_text(page("P", LASER), encoding="utf-8")
    (tmp_path / "feed").write_text(RSS, encoding="utf-8")
    write_warc(tmp_path / "crawl.bin", {"https://example.org/w": page("W", ALUMINIUM)})
    found = {doc.id: doc for doc in documents(tmp_path)}
    assert set(found) == {
        "report",
        "x",
        "page",
        "https://news.example.org/jinan",
        "https://news.example.org/guangyuan",
        "https://example.org/w",
    }
    assert found["report"].text == LASER and found["page"].title == "P"


def piped(monkeypatch: pytest.MonkeyPatch, data: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))


def test_standard_input_is_named_by_its_content_or_by_the_id_given(monkeypatch: pytest.MonkeyPatch) -> None:
    piped(monkeypatch, f"{LASER}\n")
    (doc,) = documents("-")
    assert (doc.text, doc.source) == (f"{LASER}\n", "<stdin>")
    assert doc.id == f"stdin-{doc.content_hash[:12]}"
    piped(monkeypatch, f"{ALUMINIUM}\n")
    (other,) = documents("-")
    assert other.id == f"stdin-{other.content_hash[:12]}" != doc.id
    piped(monkeypatch, f"{LASER}\n")
    (named,) = read_sources(["-"], stdin_id="jinan-2024")
    assert (named.id, named.text) == ("jinan-2024", f"{LASER}\n")


def test_records_piped_in_without_an_id_are_named_by_their_content(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [{"text": LASER}, {"text": ALUMINIUM}, {"id": "given", "text": LASER}]
    piped(monkeypatch, "".join(json.dumps(line) + "\n" for line in lines))
    laser, aluminium, given = documents("-")
    assert (laser.id, aluminium.id) == (
        f"stdin-{laser.content_hash[:12]}",
        f"stdin-{aluminium.content_hash[:12]}",
    )
    assert given.id == "given"


def test_every_copy_is_read_and_reading_remembers_nothing(tmp_path: Path) -> None:
    for folder, text in (("a", LASER), ("b", LASER), ("c", ALUMINIUM)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    found = documents(tmp_path)  # one id three times: the store tells a copy from a clash
    assert [(doc.id, doc.text) for doc in found] == [
        ("report", LASER),
        ("report", LASER),
        ("report", ALUMINIUM),
    ]
