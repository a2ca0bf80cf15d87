"""The store: SQLAlchemy models, engines for SQLite and PostgreSQL, Alembic migrations, `Store`."""

from industrywatch.store.store import Store

__all__ = ["Store"]
