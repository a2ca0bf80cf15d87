"""The `industrywatch` command line."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from industrywatch.errors import IndustrywatchError
from industrywatch.ingest import SourceError
from industrywatch.ingest.jsonl import MAX_LINE
from industrywatch.records import Document
from industrywatch.serve.formatting import CLAIM_COLUMNS, amount, csv_lines, evidence_line, targets_table

if TYPE_CHECKING:
    import pandas as pd

    from industrywatch.store import Store

# The engine, the store (SQLAlchemy, Alembic, pandas), the readers and the analysis are imported by the
# commands that use them, so that `industrywatch --help` and a one-file `extract` load only what they need
# (bench/cli_startup.py measures it; tests/serve/test_cli_startup.py keeps it so).

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
# Tables keep their columns readable when written to a pipe or file, where no terminal width is known.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True)

Lang = Annotated[str | None, typer.Option("--lang", help="Language pack code; detected when omitted.")]


class QuantityFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


class ClaimFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def read_text(source: str) -> str:
    """The text of a file, or of standard input for '-'."""
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise IndustrywatchError(f"{source}: no such file") from e
    except UnicodeDecodeError as e:
        raise IndustrywatchError(f"{source}: not UTF-8 text ({e.reason} at byte {e.start})") from e
    except OSError as e:
        raise IndustrywatchError(f"{source}: cannot read it ({e.strerror})") from e


def print_json_line(record: dict) -> None:
    out.print(json.dumps(record, ensure_ascii=False, default=str), markup=False, highlight=False)


def cell(value) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


COUNTS = ("added", "replaced", "unchanged", "duplicate", "claims", "errors")  # what a run counts
# A count's heading in an ingest's summary, where it is not the count's name.
HEADERS = {"duplicate": "duplicate in this run"}


@app.command()
def quantities(
    source: Annotated[str, typer.Argument(help="A UTF-8 text file, or - for standard input.")],
    lang: Lang = None,
    format: Annotated[QuantityFormat, typer.Option(help="Output format.")] = QuantityFormat.table,
) -> None:
    """Every number in a text, with its value, unit and bound."""
    from industrywatch.numbers import quantities as find_quantities

    try:
        found = find_quantities(read_text(source), lang=lang)
    except IndustrywatchError as e:
        raise fail(e) from None
    if format is QuantityFormat.jsonl:
        for q in found:
            print_json_line(q.to_dict())
        return
    table = Table("start", "end", "text", "value", "unit", "bound", "kind", "raw")
    for q in found:
        value = cell(q.value) + (f"-{q.value_max:g}" if q.value_max is not None else "")
        raw = f"{q.raw_value:g} {q.raw_unit}" if q.raw_unit else ""
        table.add_row(str(q.start), str(q.end), q.text, value, q.unit or "", q.bound, q.kind, raw)
    out.print(table)


@app.command()
def extract(
    sources: Annotated[list[str], typer.Argument(help="UTF-8 text files, or - for standard input.")],
    lang: Lang = None,
    format: Annotated[ClaimFormat, typer.Option(help="Output format.")] = ClaimFormat.jsonl,
) -> None:
    """The quantitative claims of each file: what each figure measures, where, when, and whether it is a
    target. A file's doc_id is its name without the extension."""
    from industrywatch.claims import extract as extract_claims

    records: list[dict] = []
    failed = False
    for source in sources:
        doc_id = "stdin" if source == "-" else Path(source).stem
        try:
            claims = extract_claims(read_text(source), lang=lang, doc_id=doc_id)
        except IndustrywatchError as e:
            err.print(f"[bold red]error:[/] {source}: {e}", highlight=False)
            failed = True
            continue
        if format is ClaimFormat.jsonl:
            for c in claims:
                print_json_line(c.to_record())
        else:
            records.extend(c.to_record() for c in claims)
    if format is ClaimFormat.json:
        out.print(json.dumps(records, ensure_ascii=False, indent=1), markup=False, highlight=False)
    elif format is ClaimFormat.table:
        table = Table(*CLAIM_COLUMNS)
        for r in records:
            table.add_row(*(cell(r[k]) for k in CLAIM_COLUMNS))
        out.print(table)
    if failed:
        raise typer.Exit(code=1)


# -- the store -------------------------------------------------------------------------------------------

Db = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: $INDUSTRYWATCH_DB, else sqlite:///industrywatch.db)."),
]
db_app = typer.Typer(help="The database: create or upgrade its tables.")
app.add_typer(db_app, name="db")


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


def open_store(db: str | None) -> Store:
    from industrywatch.store import Store

    try:
        return Store(db)
    except IndustrywatchError as e:
        raise fail(e) from None


def fail(e: IndustrywatchError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {e}", highlight=False)
    return typer.Exit(code=2)


@db_app.command("upgrade")
def db_upgrade(db: Db = None) -> None:
    """Create the tables, or migrate them to the newest version."""
    with open_store(db) as store:
        store.upgrade()
        out.print(f"{store.url.render_as_string()} is at the newest schema", highlight=False)


ERRORS_LISTED = 50  # the errors an ingest prints; `industrywatch errors` lists them all


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files or directories (recursively), or - for stdin.")],
    db: Db = None,
    lang: Lang = None,
    parquet: Annotated[
        bool, typer.Option("--parquet", help="Load the output directory of `spark-extract` instead.")
    ] = False,
    max_line: Annotated[
        int, typer.Option("--max-line-bytes", min=1, help="Longest JSON line read (bytes).")
    ] = MAX_LINE,
    stdin_id: Annotated[
        str | None,
        typer.Option("--id", help="Id of the text read from standard input (default: from its content)."),
    ] = None,
) -> None:
    """Read reports (.txt .md .html .jsonl .warc[.gz], RSS/Atom feeds), extract their claims and store
    both. Running it again adds nothing; a document whose text changed gets its claims replaced."""
    from industrywatch.ingest import read_sources

    with open_store(db) as store:
        store.upgrade()
        run_id = store.start_run("ingest")
        counts = dict.fromkeys(COUNTS, 0)
        listed: list[SourceError] = []  # the first errors, for the summary
        columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[rate]}"))
        try:
            with Progress(*columns, console=err, transient=True) as progress:
                task = progress.add_task("reading", total=None, rate="")
                started = time.perf_counter()
                done = read = 0  # documents stored or met again; documents read, stored or not
                for item in extracted(sources) if parquet else read_sources(sources, max_line, stdin_id):
                    read += not isinstance(item, SourceError)
                    if isinstance(item, tuple):  # extracted on a cluster already
                        outcome, found = store_document(store, *item, run_id=run_id)
                    elif isinstance(item, Document):
                        outcome, found = store_document(store, item, None, lang=lang, run_id=run_id)
                    else:
                        outcome, found = item, 0
                    if isinstance(outcome, SourceError):
                        store.record_error(run_id, outcome)
                        counts["errors"] += 1
                        if len(listed) < ERRORS_LISTED:
                            listed.append(outcome)
                        continue
                    counts[outcome] += 1
                    counts["claims"] += found
                    done += 1
                    rate = done / max(time.perf_counter() - started, 1e-9)
                    progress.update(
                        task, advance=1, description=f"{done} documents",
                        rate=f"{rate:.1f} documents/s, {counts['claims']} claims",
                    )  # fmt: skip
        except KeyboardInterrupt:
            store.finish_run(run_id, "interrupted")
            err.print("interrupted: what was stored is consistent; run the same command again to finish")
            raise typer.Exit(code=130) from None
        store.finish_run(run_id)
    if not read:
        where = ", ".join("standard input" if source == "-" else source for source in sources)
        err.print(f"[bold red]error:[/] no readable files in {where}", highlight=False, soft_wrap=True)
        if not listed:
            raise typer.Exit(code=1)
    summary = Table(*(HEADERS.get(k, k) for k in COUNTS), title=f"run {run_id}")
    summary.add_row(*(str(counts[k]) for k in COUNTS))
    out.print(summary)
    if listed:
        problems = Table("source", "record", "reason", title="not stored")
        for e in listed:
            problems.add_row(e.source, cell(e.record), e.reason)
        out.print(problems)
        if counts["errors"] > len(listed):
            more = counts["errors"] - len(listed)
            out.print(f"and {more} more: industrywatch errors --run {run_id}", highlight=False)
        raise typer.Exit(code=1)


def extracted(directories: list[str]):
    """The documents and claims of spark-extract output directories."""
    from industrywatch.ingest.parquet import read_extracted

    for directory in directories:
        try:
            yield from read_extracted(directory)
        except IndustrywatchError as e:
            yield SourceError(directory, None, str(e))


def store_document(
    store: Store, document: Document, claims: list | None, *, run_id: int, lang: str | None = None
) -> tuple[str | SourceError, int]:
    """Store one document with its claims, computed here unless given and only when its text is new (in
    the language given, else its source's, else the one detected, which is stored with it): the outcome
    and the number of claims stored, or why it was not stored."""
    from industrywatch.ingest.common import with_language

    if lang:
        document = replace(document, lang=lang)
    try:
        if claims is None:
            claims = [] if store.contains(document) else claims_of(document := with_language(document))
        outcome = store.add(document, claims, run_id)
    except IndustrywatchError as e:  # no language pack for it, or its id taken by another text
        return SourceError(document.source or document.id, None, str(e)), 0
    except Exception as e:  # whatever one document does, the run goes on to the next (its own transaction
        # was rolled back)
        reason = f"could not extract or store it ({type(e).__name__}: {e})"
        return SourceError(document.source or document.id, None, reason), 0
    return outcome, len(claims) if outcome in ("added", "replaced") else 0


def claims_of(document: Document) -> list:
    """The claims of a document, read in its language."""
    from industrywatch.claims import extract as extract_claims

    return extract_claims(document.text, lang=document.lang, published=document.published, doc_id=document.id)


@app.command()
def reextract(db: Db = None) -> None:
    """Recompute every stored document's claims, after an engine or language-pack upgrade."""
    from industrywatch.ingest.common import with_language

    with open_store(db) as store:
        try:
            run_id = store.start_run("reextract")
            total = 0
            for document in store.texts():
                claims = claims_of(document := with_language(document))
                store.replace_claims(document.id, claims, run_id, lang=document.lang)
                total += len(claims)
            store.finish_run(run_id)
        except IndustrywatchError as e:
            raise fail(e) from None
    out.print(f"{total} claims recomputed", highlight=False)


def write_frame(frame: pd.DataFrame, format: TableFormat, out_path: Path | None, columns) -> None:
    import pandas as pd

    if format is TableFormat.parquet:
        if out_path is None:
            raise fail(IndustrywatchError("--format parquet writes a file: give it with --out FILE.parquet"))
        frame.to_parquet(out_path, index=False)
        return
    if format is TableFormat.table:
        table = Table(*columns)
        for row in frame[list(columns)].itertuples(index=False):
            table.add_row(*(cell(None if pd.isna(v) else v) for v in row))
        text = None
        out.print(table)
    elif format is TableFormat.csv:
        text = frame.to_csv(index=False)
    else:
        text = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
    if text is not None:
        if out_path:
            out_path.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)


Out = Annotated[Path | None, typer.Option("--out", help="Write to this file instead of the terminal.")]
Region = Annotated[str | None, typer.Option("--region", help="Canonical place name, e.g. Guangyuan.")]
Industry = Annotated[str | None, typer.Option("--industry", help="Canonical industry, e.g. aluminium.")]


Format = Annotated[TableFormat, typer.Option(help="Output format.")]


def write_stored(db: str | None, query, format: TableFormat, out_path: Path | None, columns) -> None:
    """Write the frame `query` reads from the store."""
    with open_store(db) as store:
        try:
            frame = query(store)
        except IndustrywatchError as e:
            raise fail(e) from None
    write_frame(frame, format, out_path, columns)


@app.command()
def claims(
    db: Db = None,
    region: Region = None,
    industry: Industry = None,
    metric: Annotated[str | None, typer.Option(help="e.g. output_value.")] = None,
    modality: Annotated[str | None, typer.Option(help="actual, target or forecast.")] = None,
    from_year: Annotated[int | None, typer.Option("--from", help="First year (period).")] = None,
    to_year: Annotated[int | None, typer.Option("--to", help="Last year (period).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Documents in this language.")] = None,
    format: Format = TableFormat.table,
    out_path: Out = None,
) -> None:
    """The stored claims, filtered. CSV and JSONL are written as they are read, however many there are."""
    filters = dict(region=region, industry=industry, metric=metric, modality=modality, from_year=from_year,
                   to_year=to_year, lang=lang)  # fmt: skip
    if format in (TableFormat.csv, TableFormat.jsonl):
        with open_store(db) as store:
            try:
                write_records(store.claim_records(**filters), format, out_path)
            except IndustrywatchError as e:
                raise fail(e) from None
        return
    write_stored(db, lambda store: store.claims(**filters), format, out_path, CLAIM_COLUMNS)


def write_records(records, format: TableFormat, out_path: Path | None) -> None:
    """Claim records as CSV or JSONL lines, to a file or standard output, as they come."""
    from industrywatch.store.store import CLAIM_COLUMNS as STORED_COLUMNS

    if format is TableFormat.csv:
        chunks = csv_lines(records, STORED_COLUMNS)
    else:
        chunks = (json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records)
    with out_path.open("w", encoding="utf-8") if out_path else contextlib.nullcontext(sys.stdout) as sink:
        for chunk in chunks:
            sink.write(chunk)


@app.command()
def docs(
    db: Db = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Only documents in this language.")] = None,
    format: Format = TableFormat.table,
    out_path: Out = None,
) -> None:
    """The stored documents."""
    columns = ("doc_id", "lang", "published", "title", "chars", "claims")
    write_stored(db, lambda store: store.documents(lang), format, out_path, columns)


@app.command()
def errors(
    db: Db = None,
    run: Annotated[int | None, typer.Option("--run", help="Only this run's errors.")] = None,
    format: Format = TableFormat.table,
    out_path: Out = None,
) -> None:
    """What ingest runs could not read or store, and why."""
    columns = ("run_id", "source", "record", "reason")
    write_stored(db, lambda store: store.errors(run), format, out_path, columns)


@app.command()
def runs(db: Db = None, format: Format = TableFormat.table, out_path: Out = None) -> None:
    """Every ingest and reextract run, newest first: when, how it ended, what it stored."""
    columns = ("id", "command", "started", "finished", "status", *COUNTS)
    write_stored(db, lambda store: store.runs(), format, out_path, columns)


# -- analysis --------------------------------------------------------------------------------------------


def stored(db: str | None, read):
    """What `read` reads from the store, a database error printed as such."""
    with open_store(db) as store:
        try:
            return read(store)
        except IndustrywatchError as e:
            raise fail(e) from None


def parse_as_of(as_of: str | None) -> date | None:
    try:
        return date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise fail(IndustrywatchError(f"--as-of {as_of!r} is not a date; write it as 2025-11-14")) from None


AsOf = Annotated[str | None, typer.Option("--as-of", help="Judge deadlines as of this date (default today).")]


@app.command()
def targets(db: Db = None, region: Region = None, industry: Industry = None, as_of: AsOf = None) -> None:
    """Every target with its status at the latest actual, the growth it requires and the growth seen."""
    from industrywatch.analysis import Analysis

    day = parse_as_of(as_of)
    found = stored(db, lambda store: store.targets(region, industry, day))
    out.print(targets_table(Analysis([], {}, [], found)))


@app.command()
def series(
    region: Annotated[str, typer.Argument(help="Canonical place name, e.g. Guangyuan.")],
    db: Db = None,
    industry: Industry = None,
    metric: Annotated[str | None, typer.Option(help="e.g. output_value.")] = None,
) -> None:
    """A place's series: reported, derived, forecast and target points, each with its evidence."""
    from industrywatch.analysis import analyze, of_region

    records = stored(db, lambda store: store.analysis_records(region, industry, metric))
    shown = list(of_region(analyze(records), region).series.values())
    if not shown:
        out.print(f"no series for {region}", highlight=False)
        raise typer.Exit(code=1)
    for s in sorted(shown, key=lambda s: s.label):
        table = Table("year", "kind", "value", "how", "evidence", title=s.label)
        for p in s.points:
            evidence = "; ".join(f"{e.doc_id}: {e.text}" for e in p.evidence)
            table.add_row(
                str(p.period), p.kind, amount(p.value, p.unit, p.bound), p.derivation or "", evidence
            )
        out.print(table)


@app.command()
def check(db: Db = None, region: Region = None, industry: Industry = None) -> None:
    """Figures that contradict each other, with both pieces of evidence and the size of the gap."""
    found = stored(db, lambda store: store.contradictions(region, industry))
    if not found:
        out.print("no contradictions")
        return
    table = Table("series", "year", "one says", "another says", "gap")
    for c in found:
        table.add_row(c.series.label, str(c.period), evidence_line(c.a), evidence_line(c.b), f"{c.gap:.0%}")
    out.print(table)
    raise typer.Exit(code=1)


# -- the dashboard and the report -------------------------------------------------------------------------


@app.command()
def serve(
    db: Db = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar="INDUSTRYWATCH_TOKEN", help="Allow adding documents with this bearer token."),
    ] = None,
    max_body: Annotated[
        int,
        typer.Option(
            parser=byte_size,
            metavar="SIZE",
            show_default="10MiB",
            help="Largest request body, and largest page fetched by URL, e.g. 10MiB, 500kB or 1000000.",
        ),
    ] = 10 << 20,
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls",
            help="Let documents be fetched from loopback, private and link-local addresses.",
        ),
    ] = False,
    fetch_timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a fetch by URL may take in all, redirects included.")
    ] = 10.0,
) -> None:
    """The web dashboard and the REST API (reference at /docs). Read-only unless a token is given."""
    from industrywatch.serve.api import serve as run  # FastAPI loads only when serving
    from industrywatch.serve.fetch import ANYWHERE, FetchPolicy

    allowed = ANYWHERE if allow_private_urls else ()
    try:
        run(db, host, port, token, max_body, FetchPolicy(fetch_timeout, max_body, allowed))
    except IndustrywatchError as e:
        raise fail(e) from None


def byte_size(value: str) -> int:
    """A size as people write it (10MiB, 500kB, 1000000) in bytes."""
    from pydantic import ByteSize, TypeAdapter, ValidationError

    try:
        return int(TypeAdapter(ByteSize).validate_python(str(value)))
    except ValidationError:
        raise typer.BadParameter(f"{value!r} is not a size: write it as 10MiB, 500kB or 1000000") from None


@app.command()
def report(
    out_path: Annotated[Path, typer.Option("--out", help="The HTML file to write, e.g. report.html.")],
    db: Db = None,
    region: Region = None,
    industry: Industry = None,
    as_of: AsOf = None,
) -> None:
    """One self-contained HTML file to share: targets, each place's series with charts and evidence, and
    contradictions. It opens offline."""
    from industrywatch.serve.report import write_report  # the templates load only for a report

    day = parse_as_of(as_of)
    with open_store(db) as store:
        try:
            write_report(store, out_path, region, industry, day)
        except IndustrywatchError as e:
            raise fail(e) from None
    out.print(f"wrote {out_path}", highlight=False)


@app.command("spark-extract")
def spark_extract(
    inputs: Annotated[list[str], typer.Argument(help="JSONL or WARC files or directories, any Hadoop URI.")],
    out_dir: Annotated[
        str,
        typer.Option(
            "--out",
            help="Output directory (path, file://, hdfs://, s3://, gs://): documents/, claims/, errors/.",
        ),
    ],
    master: Annotated[str | None, typer.Option(help="Spark master, e.g. local[2].")] = None,
) -> None:
    """Extract claims from a crawl on Spark; `industrywatch ingest OUT --parquet` loads the result."""
    try:
        from industrywatch.spark import run  # pyspark is an optional extra: industrywatch[spark]
    except ImportError:
        raise fail(IndustrywatchError("Spark is not installed: pip install 'industrywatch[spark]'")) from None
    try:
        summary = run(inputs, out_dir, master)
    except IndustrywatchError as e:
        raise fail(e) from None
    table = Table(*summary)
    table.add_row(*(str(v) for v in summary.values()))
    out.print(table)
    if summary["errors"]:
        raise typer.Exit(code=1)
