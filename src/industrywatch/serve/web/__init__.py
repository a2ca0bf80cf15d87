"""The dashboard's pages and the report's template: Jinja2 templates and one stylesheet. Only http and
https URLs become links (`is web_url` in the templates)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from industrywatch.serve.formatting import amount, rate

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def environment() -> Environment:
    """The template environment, with the value formatting the command line uses."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["amount"] = amount
    env.filters["rate"] = rate
    env.tests["web_url"] = is_web_url
    return env


def is_web_url(value: object) -> bool:
    """Whether a stored URL may become a link: http or https with a host, nothing else (no javascript:,
    data: or file:). Parsed as browsers read it, with tabs, newlines and leading blanks dropped."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
