"""The `industrywatch` command line."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from industrywatch.claims import extract as extract_claims
from industrywatch.errors import IndustrywatchError
from industrywatch.numbers import quantities as find_quantities

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
out = Console(soft_wrap=True)
err = Console(stderr=True)


class QuantityFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


class ClaimFormat(str, Enum):
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


def fail(e: IndustrywatchError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {e}", highlight=False)
    return typer.Exit(code=2)


@app.command()
def quantities(
    source: str = typer.Argument(..., help="A UTF-8 text file, or - for standard input."),
    lang: str = typer.Option(None, "--lang", help="Language pack code; detected when omitted."),
    format: QuantityFormat = typer.Option(QuantityFormat.table, "--format", help="Output format."),
) -> None:
    """Every number in a text, with its value, unit and bound."""
    try:
        found = find_quantities(read_text(source), lang=lang)
    except IndustrywatchError as e:
        raise fail(e) from None
    if format is QuantityFormat.jsonl:
        for q in found:
            out.print(json.dumps(q.to_dict(), ensure_ascii=False), markup=False, highlight=False)
        return
    table = Table("start", "end", "text", "value", "unit", "bound", "kind", "raw")
    for q in found:
        value = f"{q.value:g}" + (f"-{q.value_max:g}" if q.value_max is not None else "")
        raw = f"{q.raw_value:g} {q.raw_unit}" if q.raw_unit else ""
        table.add_row(str(q.start), str(q.end), q.text, value, q.unit or "", q.bound, q.kind, raw)
    out.print(table)


CLAIM_COLUMNS = ("doc_id", "text", "value", "unit", "bound", "metric", "relation", "period", "modality", "region")


@app.command()
def extract(
    sources: list[str] = typer.Argument(..., help="UTF-8 text files, or - for standard input."),
    lang: str = typer.Option(None, "--lang", help="Language pack code; detected per file when omitted."),
    format: ClaimFormat = typer.Option(ClaimFormat.jsonl, "--format", help="Output format."),
) -> None:
    """The quantitative claims of each file: what each figure measures, where, when, and whether it is a
    target. A file's doc_id is its name without the extension."""
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
                out.print(json.dumps(c.to_record(), ensure_ascii=False), markup=False, highlight=False)
        else:
            records.extend(c.to_record() for c in claims)
    if format is ClaimFormat.json:
        out.print(json.dumps(records, ensure_ascii=False, indent=1), markup=False, highlight=False)
    elif format is ClaimFormat.table:
        table = Table(*CLAIM_COLUMNS)
        for r in records:
            table.add_row(*("" if r[k] is None else f"{r[k]:g}" if k == "value" else str(r[k]) for k in CLAIM_COLUMNS))
        out.print(table)
    if failed:
        raise typer.Exit(code=1)
