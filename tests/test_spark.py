"""The Spark job in local mode gives what the single-process path gives: the same documents, claims and
errors, from JSONL, gzipped JSONL and WARC files."""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import regex
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from industrywatch import Store, extract
from industrywatch.errors import IndustrywatchError
from industrywatch.ingest import SourceError, read_sources
from industrywatch.langid import detect
from industrywatch.records import Document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LANGS = ("en", "zh", "ur", "pa", "hi")
ORIGINAL = {
    "en": [
        "In 2023, Hefei had more than 120 new energy vehicle enterprises.",
        "The output value of Yibin's lithium battery industry reached 41 billion yuan in 2024.",
        "By 2027, Baotou aims to raise its rare earth output value to 300 billion yuan.",
        "Ganzhou's textile exports grew 8.5% year on year to 2.1 billion US dollars.",
    ],
    "zh": [
        "2023年，合肥市新能源汽车企业超过120家。",
        "2024年，宜宾市锂电池产业产值达到410亿元。",
        "到2027年，包头市稀土产业产值力争达到3000亿元。",
    ],
}


def sentences(lang: str) -> list[str]:
    """The sentences of the example report in `lang`, and for some languages a few more written here."""
    text = (EXAMPLES / f"{lang}-wuxi-photovoltaics.txt").read_text(encoding="utf-8")
    split = regex.split(r"(?<=[。۔।.])\s+|\n+", text)
    return [s.strip() for s in split if len(s.strip()) > 8] + ORIGINAL.get(lang, [])


def documents(count: int) -> Iterator[dict]:
    """Short documents of two to four sentences, languages in turn; some say their language and date."""
    pools = {lang: sentences(lang) for lang in LANGS}
    for i in range(count):
        lang = LANGS[i % len(LANGS)]
        pool = pools[lang]
        chosen = [pool[(i + k * 3) % len(pool)] for k in range(2 + i % 3)]
        doc = {"id": f"doc-{i}", "text": (" " if lang in ("en", "ur", "hi") else "").join(chosen)}
        if i % 2:
            doc |= {"lang": lang, "published": f"2025-0{1 + i % 9}-15", "title": f"Report {i}"}
        if i % 4 == 0:
            doc["url"] = f"https://example.org/{lang}/{i}"
        yield doc


def html_page(lang: str, title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def write_warc(path: Path) -> None:
    """Four HTML responses, a 404 and a request, which are not documents."""
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        records = [
            (f"https://news.example.com/{lang}", "200 OK", html_page(lang, f"{lang} report", sentences(lang)))
            for lang in ("en", "zh", "pa", "hi")
        ] + [("https://news.example.com/gone", "404 Not Found", b"<html><body>gone</body></html>")]
        for url, status, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1")
            record = writer.create_warc_record(url, "response", BytesIO(body), http_headers=headers)
            writer.write_record(record)
        request = StatusAndHeaders("GET /en HTTP/1.1", [("Host", "news.example.com")], is_http_request=True)
        url = "https://news.example.com/en"
        writer.write_record(writer.create_warc_record(url, "request", BytesIO(b""), http_headers=request))


def jsonl(docs: list[dict]) -> bytes:
    return b"".join(json.dumps(d, ensure_ascii=False).encode() + b"\n" for d in docs)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """40 documents in five languages, and records that cannot be read or extracted."""
    root = tmp_path_factory.mktemp("corpus")
    docs = list(documents(36))
    lines = jsonl(docs[:26]).splitlines(keepends=True)
    lines[3:3] = [b'{"id": "broken", "text": \n', b'{"id": "empty", "title": "no text"}\n', b"\n"]
    (root / "docs.jsonl").write_bytes(b"".join(lines))
    more = docs[26:] + [
        docs[0],  # read again, same text: passed on once
        {"id": "doc-1", "text": "Another text under a taken id: 5 companies in 2024."},
        {"id": "xx-1", "text": "Output reached 12 million tonnes in 2024.", "lang": "xx"},  # no such pack
    ]
    (root / "nested").mkdir()
    (root / "nested" / "more.jsonl.gz").write_bytes(gzip.compress(jsonl(more)))
    write_warc(root / "nested" / "pages.warc.gz")
    (root / "nested" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8)
    return root


def spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed: pip install -e '.[spark]'"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime: install default-jre-headless"
    return None


def require(missing: str | None) -> None:
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing}; in CI it must be there", pytrace=False)
        pytest.skip(missing)


@pytest.fixture(scope="module")
def spark():
    require(spark_missing())
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as env:
        env.setenv("PYSPARK_PYTHON", sys.executable)
        session = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            # the test's work is in Python: a JVM that compiles less starts faster on a busy machine
            .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1")
            .getOrCreate()
        )
        yield session
        session.stop()


@pytest.fixture(scope="module")
def job(spark, corpus, tmp_path_factory) -> tuple[dict, Path]:
    from industrywatch.spark import run

    out = tmp_path_factory.mktemp("out")
    return run([str(corpus), str(corpus / "absent.jsonl")], str(out), master="local[2]"), out


def single_process(inputs: list[str]) -> tuple[set[tuple], dict[str, str], set[tuple]]:
    """Claim records, the language of each document, and errors, as read_sources and extract() give them;
    an id that comes again is kept once, as ingest keeps it (an error when its text differs)."""
    claims, langs, errors = set(), {}, set()
    first: dict[str, Document] = {}
    for item in read_sources(inputs):
        if isinstance(item, SourceError):
            errors.add((item.source, item.record, item.reason))
            continue
        kept = first.setdefault(item.id, item)
        if kept is not item:
            if kept.content_hash != item.content_hash:
                reason = f"its id {item.id!r} is already taken by {kept.source}; rename one of them"
                errors.add((item.source, None, reason))
            continue
        try:
            found = extract(item.text, lang=item.lang, published=item.published, doc_id=item.id)
            langs[item.id] = item.lang or detect(item.text)
        except IndustrywatchError as e:
            errors.add((item.source, None, str(e)))
            continue
        claims |= {tuple(c.to_record().items()) for c in found}
    return claims, langs, errors


def local(value: str | None) -> str | None:
    """Spark names local files file:/path where the readers name them /path."""
    return value.replace("file:", "") if value else value


def test_spark_output_equals_single_process(spark, job, corpus):
    summary, out = job
    claims, langs, errors = single_process([str(corpus), str(corpus / "absent.jsonl")])
    claim_rows = [row.asDict() for row in spark.read.parquet(str(out / "claims")).collect()]
    assert {tuple((k, v) for k, v in row.items() if k != "lang") for row in claim_rows} == claims
    assert {(row["doc_id"], row["lang"]) for row in claim_rows} == {
        (dict(c)["doc_id"], langs[dict(c)["doc_id"]]) for c in claims
    }
    assert len(claim_rows) == len(claims) == summary["claims"]

    docs = {row["id"]: row for row in spark.read.parquet(str(out / "documents")).collect()}
    assert {doc_id: row["lang"] for doc_id, row in docs.items()} == langs
    assert len(docs) == summary["documents"] == 40
    assert {"https://news.example.com/en", "https://news.example.com/zh"} <= docs.keys()
    assert any(c for c in claims if dict(c)["doc_id"] == "https://news.example.com/pa")

    error_rows = spark.read.parquet(str(out / "errors")).collect()
    assert {tuple(map(local, row)) for row in error_rows} == errors
    assert len(error_rows) == summary["errors"] == 6
    reasons = " | ".join(row["reason"] for row in error_rows)
    expected = (
        "not valid JSON",
        'no "text" field',
        "already taken",
        "no language pack",
        "no such file",
        "binary data",
    )
    assert all(reason in reasons for reason in expected), reasons


def test_document_rows_carry_what_the_source_says(spark, job):
    _, out = job
    docs = {row["id"]: row for row in spark.read.parquet(str(out / "documents")).collect()}
    dated = docs["doc-3"]
    assert (dated["lang"], str(dated["published"]), dated["title"]) == ("pa", "2025-04-15", "Report 3")
    assert dated["source"].endswith("docs.jsonl:line 7")  # after three lines that are not documents
    undeclared = docs["doc-4"]  # no lang field: detected
    assert (undeclared["lang"], undeclared["url"], undeclared["published"]) == (
        "hi",
        "https://example.org/hi/4",
        None,
    )
    assert docs["doc-1"]["text"] != "Another text under a taken id: 5 companies in 2024."
    page = docs["https://news.example.com/hi"]
    assert (page["lang"], page["title"], page["url"]) == ("hi", "hi report", "https://news.example.com/hi")
    assert len(page["content_hash"]) == 64
    assert {p.name for p in (out / "claims").glob("lang=*")} == {f"lang={lang}" for lang in LANGS}


def test_each_task_leaves_whole_files_and_the_job_its_counts(job):
    summary, out = job
    folders = [out / "errors", *(out / "documents").glob("lang=*"), *(out / "claims").glob("lang=*")]
    assert len(folders) == 1 + 2 * len(LANGS)
    for folder in folders:  # no hidden file of a task is left behind
        names = [p.name for p in folder.iterdir()]
        assert names and all(regex.fullmatch(r"part-\d{5}\.parquet", name) for name in names), names
    counts = {table: summary[table] for table in ("documents", "claims", "errors")}
    assert json.loads((out / "_SUCCESS").read_text()) == counts


def test_a_new_run_replaces_what_an_earlier_one_wrote(spark, corpus, tmp_path):
    from industrywatch.spark import run

    first = run([str(corpus)], str(tmp_path))
    (tmp_path / "claims" / "lang=en" / "part-99999.parquet").write_bytes(b"left by someone else")
    second = run([str(corpus / "docs.jsonl")], str(tmp_path))
    assert second["documents"] < first["documents"]
    docs = spark.read.parquet(str(tmp_path / "documents")).collect()
    assert len(docs) == second["documents"]
    assert not (tmp_path / "claims" / "lang=en" / "part-99999.parquet").exists()


@pytest.fixture
def job_module():
    """industrywatch.spark, for what needs pyspark to import but no session."""
    require(
        None if importlib.util.find_spec("pyspark") else "pyspark is not installed: pip install -e '.[spark]'"
    )
    import industrywatch.spark

    return industrywatch.spark


def task_rows(count: int) -> Iterator[tuple[str, str | None, tuple]]:
    """What a task writes: documents in two languages, and an error."""
    for i in range(count):
        lang = ("en", "zh")[i % 2]
        yield (
            "documents",
            lang,
            (f"doc-{i}", None, None, None, f"{i:064x}", f"Text {i}", f"file.jsonl:line {i + 1}"),
        )
    yield "errors", None, ("file.jsonl", "line 99", "not valid JSON")


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_a_task_run_again_leaves_its_files_once(job_module, tmp_path):
    output = job_module.Output(str(tmp_path))
    assert output.write(3, task_rows(2500)) == {"documents": 2500, "errors": 1}
    first = files_under(tmp_path)
    assert first == [
        "documents/lang=en/part-00003.parquet",
        "documents/lang=zh/part-00003.parquet",
        "errors/part-00003.parquet",
    ]
    output.write(3, task_rows(2500))
    assert files_under(tmp_path) == first
    english = pq.read_table(tmp_path / "documents" / "lang=en" / "part-00003.parquet")
    assert english.num_rows == 1250 and english.column("id").to_pylist()[:2] == ["doc-0", "doc-2"]


def test_a_failed_task_leaves_no_file(job_module, tmp_path):
    def failing() -> Iterator[tuple[str, str | None, tuple]]:
        yield from task_rows(2500)
        raise RuntimeError("the worker died")

    with pytest.raises(RuntimeError, match="the worker died"):
        job_module.Output(str(tmp_path)).write(0, failing())
    assert files_under(tmp_path) == []


def test_an_output_nowhere_pyarrow_writes_is_refused_before_spark_starts(job_module):
    run = job_module.run
    with pytest.raises(IndustrywatchError, match="cannot write to ftp://example.org/out.*give a local path"):
        run(["in.jsonl"], "ftp://example.org/out")


def test_the_output_loads_into_the_store(job, tmp_path):
    """`industrywatch ingest OUT --parquet` stores every document and claim the job wrote, once."""
    summary, out = job
    db = f"sqlite:///{tmp_path / 'iw.db'}"
    cli = [str(Path(sys.executable).parent / "industrywatch"), "ingest", str(out), "--parquet", "--db", db]
    for _ in range(2):
        done = subprocess.run(cli, capture_output=True, text=True, timeout=600)
        assert done.returncode == 1, done.stderr  # the job's errors are reported again
        assert "Traceback" not in done.stderr
    with Store(db) as store:
        counts = store.counts()
    assert (counts["documents"], counts["claims"]) == (summary["documents"], summary["claims"])


def test_an_unfinished_output_is_not_loaded(job, tmp_path):
    """Without _SUCCESS the job did not finish: ingest says so and stores nothing from it."""
    _, out = job
    unfinished = tmp_path / "out"
    shutil.copytree(out, unfinished)
    (unfinished / "_SUCCESS").unlink()
    db = f"sqlite:///{tmp_path / 'iw.db'}"
    cli = [
        str(Path(sys.executable).parent / "industrywatch"),
        "ingest",
        str(unfinished),
        "--parquet",
        "--db",
        db,
    ]
    done = subprocess.run(cli, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr
    reasons = " ".join(regex.sub("│", " ", done.stdout).split())  # the table's cells, lines joined
    assert "did not finish; run it again" in reasons, done.stdout
    with Store(db) as store:
        assert store.counts()["documents"] == 0
