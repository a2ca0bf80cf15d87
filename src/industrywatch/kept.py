"""What is built once and kept on disk between processes (the gazetteer's index, the language detector's
model): the folder it is kept in, and writing it there whole or not at all."""

from __future__ import annotations

import contextlib
import os
import pickle
from pathlib import Path


def cache_folder() -> Path:
    """$INDUSTRYWATCH_CACHE, else $XDG_CACHE_HOME/industrywatch, else ~/.cache/industrywatch."""
    return Path(
        os.environ.get("INDUSTRYWATCH_CACHE")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "industrywatch")
    )


def keep(value: object, path: Path) -> None:
    """Pickle `value` to `path` whole or not at all (other processes may be writing it too), and drop the
    older versions of it: the files named as `path` up to its last '-'. A folder that cannot be written
    only means keeping nothing."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return
    for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*{path.suffix}"):
        if old != path:
            with contextlib.suppress(OSError):  # gone already, or not ours to delete
                old.unlink()
