"""The `industrywatch` command line."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from industrywatch.claims import extract as extract_claims
from industrywatch.errors import IndustrywatchError
from industrywatch.numbers import quantities as find_quantities

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
out = Console(soft_wrap=True)
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


@app.command()
def quantities(
    source: Annotated[str, typer.Argument(help="A UTF-8 text file, or - for standard input.")],
    lang: Lang = None,
    format: Annotated[QuantityFormat, typer.Option(help="Output format.")] = QuantityFormat.table,
) -> None:
    """Every number in a text, with its value, unit and bound."""
    try:
        found = find_quantities(read_text(source), lang=lang)
    except IndustrywatchError as e:
        err.print(f"[bold red]error:[/] {e}", highlight=False)
        raise typer.Exit(code=2) from None
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


CLAIM_COLUMNS = (
    "doc_id",
    "text",
    "value",
    "unit",
    "bound",
    "metric",
    "relation",
    "period",
    "modality",
    "region",
)


@app.command()
def extract(
    sources: Annotated[list[str], typer.Argument(help="UTF-8 text files, or - for standard input.")],
    lang: Lang = None,
    format: Annotated[ClaimFormat, typer.Option(help="Output format.")] = ClaimFormat.jsonl,
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
