"""Engines for a database URL: SQLite in WAL mode with foreign keys, or PostgreSQL through psycopg."""

from __future__ import annotations

import os
import sqlite3

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from industrywatch.errors import IndustrywatchError

DEFAULT_URL = "sqlite:///industrywatch.db"
ENV_VAR = "INDUSTRYWATCH_DB"
_EXAMPLES = "sqlite:///industrywatch.db or postgresql+psycopg://user:password@host:5432/dbname"


def database_url(url: str | None = None) -> URL:
    """The URL given, else $INDUSTRYWATCH_DB, else a SQLite file in the working directory."""
    text = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise IndustrywatchError(f"{text!r} is not a database URL; use {_EXAMPLES}") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise IndustrywatchError(f"{text!r}: only SQLite and PostgreSQL are supported; use {_EXAMPLES}")
    return parsed


def connect(url: URL) -> Engine:
    """An engine whose database answered once, so a wrong URL fails here with a message saying why."""
    try:
        engine = create_engine(
            url, connect_args={"timeout": 30} if url.get_backend_name() == "sqlite" else {}
        )
    except (ArgumentError, NoSuchModuleError) as e:
        raise IndustrywatchError(f"{url.render_as_string()}: {e}; use {_EXAMPLES}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.connect():
            pass
    except OperationalError as e:
        engine.dispose()
        where = url.render_as_string(hide_password=True)
        raise IndustrywatchError(f"cannot open the database {where}: {e.orig}") from None
    return engine


def _sqlite_pragmas(connection: sqlite3.Connection, _record: object) -> None:
    """WAL lets readers work while a run writes; each commit is durable against a killed process."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
