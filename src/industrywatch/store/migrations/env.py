"""Alembic environment: runs on the connection `Store.upgrade()` hands over in `config.attributes`."""

from alembic import context

from industrywatch.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
