"""Load language packs from their folders, validate them and merge what they inherit."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from industrywatch.errors import IndustrywatchError
from industrywatch.langpacks.schema import (
    CuesFile,
    NumbersFile,
    PackFile,
    PlacesFile,
    UnitsFile,
    VariantsFile,
)

PACKS_DIR = Path(__file__).resolve().parent
FILES: dict[str, type[BaseModel]] = {
    "pack.toml": PackFile,
    "numbers.toml": NumbersFile,
    "units.toml": UnitsFile,
    "cues.toml": CuesFile,
    "currencies.toml": UnitsFile,  # generated from CLDR by build_currencies.py
    "places.toml": PlacesFile,
}


@dataclass(frozen=True)
class Pack:
    """One language: its own files, and the chain of packs it inherits from (nearest last)."""

    meta: PackFile
    numbers: NumbersFile
    units: UnitsFile
    cues: CuesFile
    currencies: UnitsFile  # generated; the hand-written units.toml wins where both give a form
    places: PlacesFile
    parents: tuple[Pack, ...] = ()

    @property
    def code(self) -> str:
        return self.meta.code

    def chain(self) -> tuple[Pack, ...]:
        """Every pack whose data applies here, the inherited ones first."""
        seen: dict[str, Pack] = {}
        for parent in self.parents:
            for pack in parent.chain():
                seen.setdefault(pack.code, pack)
        seen[self.code] = self
        return tuple(seen.values())


def read_file(path: Path, model: type[BaseModel], variants: dict[str, list[str]] | None = None) -> BaseModel:
    if not path.exists():
        return model()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise IndustrywatchError(f"language pack file {path} is not valid TOML: {e}") from e
    if variants:
        data = with_variants(data, variants)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors(include_url=False)
        )
        raise IndustrywatchError(f"language pack file {path} is malformed: {problems}") from e


def with_variants(data: object, variants: dict[str, list[str]]) -> object:
    """A pack file's data with every form also spelled as `variants` spell it: a form that is a key gets
    its variants as keys of the same value, a form in a list its variants after it."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            value = with_variants(value, variants)
            out[key] = value
            for other in variants.get(key, ()):
                out.setdefault(other, value)
        return out
    if isinstance(data, list):
        out_list = []
        for item in data:
            item = with_variants(item, variants)
            out_list.append(item)
            if isinstance(item, str):
                out_list += [v for v in variants.get(item, ()) if v not in data]
        return out_list
    return data


def available() -> list[str]:
    """Codes of the installed language packs (the shared `common` data excluded)."""
    return sorted(p.name for p in PACKS_DIR.iterdir() if (p / "pack.toml").exists() and p.name != "common")


@cache
def load(code: str) -> Pack:
    folder = PACKS_DIR / code
    if not (folder / "pack.toml").exists():
        raise IndustrywatchError(
            f"no language pack for {code!r}; installed packs: {', '.join(available())}. "
            "Pass one of them with --lang, or add a pack folder under langpacks/."
        )
    meta = read_file(folder / "pack.toml", PackFile)
    variants = read_file(folder / "traditional.toml", VariantsFile).forms if meta.han_variants else None
    files = {
        name: read_file(folder / name, model, variants)
        for name, model in FILES.items()
        if name != "pack.toml"
    }
    if meta.code != code:
        raise IndustrywatchError(f"{folder / 'pack.toml'}: code is {meta.code!r} but the folder is {code!r}")
    parents = tuple(load(parent) for parent in meta.inherits)
    f = files
    return Pack(
        meta,
        f["numbers.toml"],
        f["units.toml"],
        f["cues.toml"],
        f["currencies.toml"],
        f["places.toml"],
        parents,
    )
