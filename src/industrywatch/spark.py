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

Each task writes its rows itself, with pyarrow, straight from its Python worker: the JVM only reads the
files and moves documents between workers, so nearly all the job's work runs in the workers, in parallel.
Output, under OUT, on a filesystem pyarrow writes (local paths, file://, hdfs://, s3:// or s3a://, gs://):
    documents/lang=XX/part-N.parquet   id, url, title, published, content_hash, text, source
    claims/lang=XX/part-N.parquet      every field of Claim.to_record()
    errors/part-N.parquet              source, record, reason: what could not be read or extracted
    _SUCCESS                           the counts, written last: the output is whole only when it is there
N is the task: one file per table, language and task. A task writes under hidden names and renames its
files when it is done, so a task run again (after a failure, or speculatively) leaves its files once. A
new run deletes what an earlier one wrote under OUT first.

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
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import fields
from io import BytesIO
from pathlib import PurePosixPath

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from industrywatch.claims import extract
from industrywatch.errors import IndustrywatchError
from industrywatch.ingest.common import SourceError
from industrywatch.ingest.sources import read_stream
from industrywatch.langid import detect
from industrywatch.records import Claim, Document

try:
    from py4j.protocol import Py4JJavaError
    from pyspark import TaskContext
    from pyspark.sql import SparkSession
except ImportError as e:  # the optional extra
    raise IndustrywatchError("Spark support needs pyspark: pip install 'industrywatch[spark]'") from e

PARTITIONS_PER_CORE = 4  # small tasks even out documents of very different lengths

_TYPES = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
CLAIMS = pa.schema([pa.field(f.name, _TYPES[str(f.type).removesuffix(" | None")]) for f in fields(Claim)])
DOCUMENTS = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("source", pa.string()),
    ]
)
ERRORS = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("record", pa.string()),
        pa.field("reason", pa.string(), nullable=False),
    ]
)
TABLES = {"documents": DOCUMENTS, "claims": CLAIMS, "errors": ERRORS}
# Rows a task holds per file before it writes them out as one row group: documents carry whole texts.
GROUP_ROWS = {"documents": 1_000, "claims": 20_000, "errors": 1_000}
# Output filesystems are pyarrow's; Hadoop's names for S3 are read as its own.
_SCHEMES = {"s3a": "s3", "s3n": "s3"}


def run(inputs: list[str], out: str, master: str | None = None) -> dict:
    """Extract the claims of every document in `inputs` and write documents, claims and errors under `out`.

    Uses the active Spark session if there is one, else starts one on `master` (default: what
    spark-submit or the Spark configuration says) and stops it at the end. Returns the counts of
    documents, claims and errors, and the seconds the job took. Bad records never stop the job: they
    are counted and written to OUT/errors."""
    output = Output(out)
    active = SparkSession.getActiveSession()
    spark = active or _session(master)
    try:
        started = time.perf_counter()
        sc = spark.sparkContext
        sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
        found, missing = _existing(spark, inputs)
        output.clear()
        partitions = sc.defaultParallelism * PARTITIONS_PER_CORE
        files = sc.binaryFiles(",".join(found), partitions) if found else sc.emptyRDD()
        items = sc.parallelize([((e.source, 0), e) for e in missing], 1).union(
            files.flatMap(lambda file: _numbered(*file))
        )
        groups = items.keyBy(_key).groupByKey(partitions)
        written = groups.mapPartitionsWithIndex(lambda task, group: [output.write(task, _process(group))])
        counts = sum(written.collect(), Counter())
        summary = {table: counts[table] for table in TABLES}
        output.finish(summary)
    finally:
        if active is None:
            spark.stop()
    return summary | {"seconds": round(time.perf_counter() - started, 3)}


class Output:
    """The job's output folder. The driver clears it and marks it finished; each task writes its own files."""

    def __init__(self, uri: str):
        scheme, sep, rest = uri.partition("://")
        self.uri = f"{_SCHEMES.get(scheme, scheme)}://{rest}" if sep else os.path.abspath(uri)
        self.filesystem()  # a URI pyarrow cannot write to fails here, before Spark starts

    def filesystem(self) -> tuple[pafs.FileSystem, str]:
        try:
            filesystem, root = pafs.FileSystem.from_uri(self.uri)
        except (pa.ArrowException, ValueError, OSError) as e:
            where = "a local path, or a file://, hdfs://, s3:// or gs:// URI"
            raise IndustrywatchError(f"cannot write to {self.uri} ({e}): give {where}") from None
        return filesystem, root.rstrip("/")

    def clear(self) -> None:
        """Delete what an earlier run wrote, the mark that it finished first."""
        filesystem, root = self.filesystem()
        for name in ("_SUCCESS", *TABLES):
            info = filesystem.get_file_info(f"{root}/{name}")
            if info.type == pafs.FileType.Directory:
                filesystem.delete_dir(info.path)
            elif info.type == pafs.FileType.File:
                filesystem.delete_file(info.path)

    def finish(self, counts: dict[str, int]) -> None:
        filesystem, root = self.filesystem()
        filesystem.create_dir(root)
        with filesystem.open_output_stream(f"{root}/_SUCCESS") as stream:
            stream.write(json.dumps(counts).encode())

    def write(self, task: int, rows: Iterable[tuple[str, str | None, tuple]]) -> Counter:
        """Write one task's rows, (table, language, values), into a file per table and language; return
        the count of each table's rows. Runs in a Python worker."""
        filesystem, root = self.filesystem()
        context = TaskContext.get()
        attempt = context.taskAttemptId() if context else 0
        parts: dict[tuple[str, str | None], _Part] = {}
        counts: Counter = Counter()
        try:
            for table, lang, values in rows:
                part = parts.get((table, lang))
                if part is None:
                    folder = f"{root}/{table}" if lang is None else f"{root}/{table}/lang={lang}"
                    part = parts[table, lang] = _Part(filesystem, folder, task, attempt, table)
                part.add(values)
                counts[table] += 1
            for part in parts.values():
                part.close()
        except BaseException:
            for part in parts.values():
                part.discard()
            raise
        return counts


class _Part:
    """One Parquet file of a task, written under a hidden name, then renamed when it is whole."""

    def __init__(self, filesystem: pafs.FileSystem, folder: str, task: int, attempt: int, table: str):
        filesystem.create_dir(folder)
        self.filesystem, self.schema, self.group_rows = filesystem, TABLES[table], GROUP_ROWS[table]
        self.path = f"{folder}/part-{task:05d}.parquet"
        self.temporary = f"{folder}/.part-{task:05d}.parquet.{attempt}"
        self.writer = pq.ParquetWriter(self.temporary, self.schema, filesystem=filesystem)
        self.rows: list[tuple] = []

    def add(self, values: tuple) -> None:
        self.rows.append(values)
        if len(self.rows) == self.group_rows:
            self._write_rows()

    def close(self) -> None:
        if self.rows:
            self._write_rows()
        self.writer.close()
        self.filesystem.move(self.temporary, self.path)

    def discard(self) -> None:
        self.writer.close()
        if self.filesystem.get_file_info(self.temporary).type == pafs.FileType.File:
            self.filesystem.delete_file(self.temporary)

    def _write_rows(self) -> None:
        columns = zip(*self.rows, strict=True)
        arrays = [
            pa.array(column, type=field.type) for column, field in zip(columns, self.schema, strict=True)
        ]
        self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows = []


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


def _process(groups: Iterable[tuple[tuple[str, ...], Iterable]]) -> Iterator[tuple[str, str | None, tuple]]:
    """The rows of one partition, as (table, language, values): each document with its claims, and the
    errors."""
    for _, group in groups:
        first, *others = sorted(group, key=lambda numbered: numbered[0])
        item = first[1]
        if isinstance(item, SourceError):
            yield "errors", None, _error_values(item)
            continue
        for _, other in others:  # the same id read again: as ingest does, keep the first
            if other.content_hash != item.content_hash:
                reason = f"its id {other.id!r} is already taken by {item.source}; rename one of them"
                yield "errors", None, _error_values(SourceError(other.source or "", None, reason))
        yield from _extract(item)


def _extract(doc: Document) -> Iterator[tuple[str, str | None, tuple]]:
    """The document's row and its claims' rows, or an error row when extraction fails."""
    try:
        lang = doc.lang or detect(doc.text)
        claims = extract(doc.text, lang=lang, published=doc.published, doc_id=doc.id)
    except Exception as e:  # a bug met on one document must not stop the job
        reason = (
            str(e) if isinstance(e, IndustrywatchError) else f"extraction failed ({type(e).__name__}: {e})"
        )
        yield "errors", None, _error_values(SourceError(doc.source or doc.id, None, reason))
        return
    values = (doc.id, doc.url, doc.title, doc.published, doc.content_hash, doc.text, doc.source)
    yield "documents", lang, values
    for claim in claims:
        yield "claims", lang, tuple(claim.to_record().values())


def _error_values(error: SourceError) -> tuple:
    return error.source, error.record, error.reason


def main(argv: list[str] | None = None) -> None:
    """Command line for spark-submit: prints the counts as JSON; exit status 1 when there were errors."""
    parser = argparse.ArgumentParser(prog="industrywatch.spark", description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or globs (any URI)")
    parser.add_argument(
        "--out", required=True, help="output directory (a path, file://, hdfs://, s3://, gs://)"
    )
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
