"""The same extract() over a corpus with Spark: JSONL and WARC files in, documents and claims out as Parquet.

    spark-submit src/industrywatch/spark.py INPUT... --out DIR [--master local[2]]
    python -m industrywatch.spark INPUT... --out DIR --master local[2]

Inputs are files, directories (read recursively) or globs on any filesystem Hadoop reads (local paths,
file://, hdfs://, s3a:// with its connector on the classpath), each file read as read_sources() reads it:
.jsonl, .warc, .warc.gz and every other format it knows, by extension or else by content. A file is read
whole by one task (small files share one, and the files are spread over the cores); its documents are then
spread over the cluster by id, and each partition runs extract() on its documents. Language packs, cue
indexes and the places gazetteer are cached in the modules that load them, so each Python worker loads them
once and reuses them for every later partition. A document id read twice is kept once, as `industrywatch
ingest` keeps it: the first in path order, an error for a different text.

Output, under OUT (each part replaced when it exists; at most one file per language and core):
    documents/lang=XX/   id, url, title, published, lang, content_hash, text, source
    claims/lang=XX/      every field of Claim.to_record(), then lang
    errors/              source, record, reason: files and records that could not be read or extracted

Workers run the Python that runs the driver unless PYSPARK_PYTHON names another; every worker needs
industrywatch installed (pip install 'industrywatch[spark]').
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__" and sys.path[0] == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]  # run by path, as spark-submit does: this folder's modules must not shadow the stdlib

import argparse
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import fields
from io import BytesIO
from pathlib import PurePosixPath

from industrywatch.claims import extract
from industrywatch.errors import IndustrywatchError
from industrywatch.ingest.common import SourceError
from industrywatch.ingest.sources import read_stream
from industrywatch.langid import detect
from industrywatch.records import Claim, Document

try:
    from py4j.protocol import Py4JJavaError
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql.types import (
        DataType,
        DateType,
        DoubleType,
        LongType,
        StringType,
        StructField,
        StructType,
    )
except ImportError as e:  # the optional extra
    raise IndustrywatchError("Spark support needs pyspark: pip install 'industrywatch[spark]'") from e

PARTITIONS_PER_CORE = 4  # small tasks even out documents of very different lengths

_TYPES: dict[str, DataType] = {"str": StringType(), "int": LongType(), "float": DoubleType()}
CLAIMS = StructType(
    [StructField(f.name, _TYPES[str(f.type).removesuffix(" | None")]) for f in fields(Claim)]
    + [StructField("lang", StringType())]
)
DOCUMENTS = StructType(
    [
        StructField("id", StringType(), nullable=False),
        StructField("url", StringType()),
        StructField("title", StringType()),
        StructField("published", DateType()),
        StructField("lang", StringType()),
        StructField("content_hash", StringType(), nullable=False),
        StructField("text", StringType(), nullable=False),
        StructField("source", StringType()),
    ]
)
ERRORS = StructType(
    [
        StructField("source", StringType(), nullable=False),
        StructField("record", StringType()),
        StructField("reason", StringType(), nullable=False),
    ]
)
TABLES = {"documents": DOCUMENTS, "claims": CLAIMS, "errors": ERRORS}
# One row per output row: the name of its table, and its values in that table's column (the others null).
ROWS = StructType(
    [StructField("table", StringType(), nullable=False)] + [StructField(t, s) for t, s in TABLES.items()]
)


def run(inputs: list[str], out: str, master: str | None = None) -> dict:
    """Extract the claims of every document in `inputs` and write documents, claims and errors under `out`.

    Uses the active Spark session if there is one, else starts one on `master` (default: what
    spark-submit or the Spark configuration says) and stops it at the end. Returns the counts of
    documents, claims and errors, and the seconds the job took. Bad records never stop the job: they
    are counted and written to OUT/errors."""
    active = SparkSession.getActiveSession()
    spark = active or _session(master)
    try:
        started = time.perf_counter()
        sc = spark.sparkContext
        sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
        found, missing = _existing(spark, inputs)
        partitions = sc.defaultParallelism * PARTITIONS_PER_CORE
        files = sc.binaryFiles(",".join(found), partitions) if found else sc.emptyRDD()
        items = files.flatMap(lambda file: _numbered(*file)).keyBy(_key)
        rows = items.groupByKey(partitions).mapPartitions(_process)
        rows = sc.parallelize([_row("errors", _error_values(e)) for e in missing], 1).union(rows)
        # The rows are built here from typed records: checking each against the schema again costs more than
        # building it.
        frame = spark.createDataFrame(rows, ROWS, verifySchema=False).persist(StorageLevel.MEMORY_AND_DISK)
        # Python runs once, in the count, over every partition: the three tables are then split off the
        # cached rows by the JVM, in fewer and larger files.
        counts = {row["table"]: row["count"] for row in frame.groupBy("table").count().collect()}
        base = out.rstrip("/")
        written = frame.coalesce(sc.defaultParallelism)
        for table in TABLES:
            writer = written.where(written.table == table).select(f"{table}.*").write.mode("overwrite")
            (writer if table == "errors" else writer.partitionBy("lang")).parquet(f"{base}/{table}")
        frame.unpersist()
    finally:
        if active is None:
            spark.stop()
    seconds = round(time.perf_counter() - started, 3)
    return {table: counts.get(table, 0) for table in TABLES} | {"seconds": seconds}


def _session(master: str | None) -> SparkSession:
    """A new session; workers run this interpreter unless PYSPARK_PYTHON says otherwise."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("industrywatch")
    return (builder.master(master) if master else builder).getOrCreate()


def _existing(spark: SparkSession, inputs: list[str]) -> tuple[list[str], list[SourceError]]:
    """The inputs that name at least one file or directory, and an error for each of the others."""
    jvm, conf = spark.sparkContext._jvm, spark.sparkContext._jsc.hadoopConfiguration()
    found, missing = [], []
    for uri in inputs:
        path = jvm.org.apache.hadoop.fs.Path(uri)
        try:
            statuses = path.getFileSystem(conf).globStatus(path)
        except Py4JJavaError as e:
            raise IndustrywatchError(f"cannot read {uri}: {e.java_exception.getMessage()}") from None
        if statuses:
            found.append(uri)
        else:
            missing.append(SourceError(uri, None, "no such file or directory"))
    return found, missing


def _numbered(path: str, data: bytes) -> Iterator[tuple[tuple[str, int], Document | SourceError]]:
    """The documents and errors of one file, each with its place in the input (file, then order in it)."""
    for number, item in enumerate(read_stream(BytesIO(data), path, PurePosixPath(path).name)):
        yield (path, number), item


def _key(numbered: tuple[tuple[str, int], Document | SourceError]) -> tuple[str, ...]:
    """Documents meet others with their id; an error stays on its own."""
    (path, number), item = numbered
    return ("document", item.id) if isinstance(item, Document) else ("error", path, str(number))


def _process(groups: Iterable[tuple[tuple[str, ...], Iterable]]) -> Iterator[tuple]:
    """The rows of one partition: each document with its claims, and the errors."""
    for _, group in groups:
        first, *others = sorted(group, key=lambda numbered: numbered[0])
        item = first[1]
        if isinstance(item, SourceError):
            yield _row("errors", _error_values(item))
            continue
        for _, other in others:  # the same id read again: as ingest does, keep the first
            if other.content_hash != item.content_hash:
                reason = f"its id {other.id!r} is already taken by {item.source}; rename one of them"
                yield _row("errors", _error_values(SourceError(other.source or "", None, reason)))
        yield from _extract(item)


def _extract(doc: Document) -> Iterator[tuple]:
    """The document's row and its claims' rows, or an error row when extraction fails."""
    try:
        lang = doc.lang or detect(doc.text)
        claims = extract(doc.text, lang=lang, published=doc.published, doc_id=doc.id)
    except Exception as e:  # a bug met on one document must not stop the job
        reason = (
            str(e) if isinstance(e, IndustrywatchError) else f"extraction failed ({type(e).__name__}: {e})"
        )
        yield _row("errors", _error_values(SourceError(doc.source or doc.id, None, reason)))
        return
    values = (doc.id, doc.url, doc.title, doc.published, lang, doc.content_hash, doc.text, doc.source)
    yield _row("documents", values)
    for claim in claims:
        yield _row("claims", (*claim.to_record().values(), lang))


def _row(table: str, values: tuple) -> tuple:
    """A row of ROWS: `values` go in the column of `table`."""
    return (table, *(values if name == table else None for name in TABLES))


def _error_values(error: SourceError) -> tuple:
    return error.source, error.record, error.reason


def main(argv: list[str] | None = None) -> None:
    """Command line for spark-submit: prints the counts as JSON; exit status 1 when there were errors."""
    parser = argparse.ArgumentParser(prog="industrywatch.spark", description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or globs (any URI)")
    parser.add_argument("--out", required=True, help="output directory (any URI)")
    parser.add_argument("--master", help="Spark master, such as local[2] (default: spark-submit's)")
    args = parser.parse_args(argv)
    try:
        summary = run(args.inputs, args.out, args.master)
    except IndustrywatchError as e:
        sys.exit(f"error: {e}")
    print(json.dumps(summary))
    sys.exit(1 if summary["errors"] else 0)


if __name__ == "__main__":
    main()
