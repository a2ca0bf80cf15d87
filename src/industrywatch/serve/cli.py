"""The `industrywatch` command line."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from industrywatch.errors import IndustrywatchError
from industrywatch.numbers import quantities as find_quantities

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
out = Console(soft_wrap=True)
err = Console(stderr=True)


class QuantityFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


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
