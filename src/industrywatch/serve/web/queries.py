"""Query parameters that the JSON API and the pages share. An unknown, empty or malformed parameter is an
error with a message, never silently ignored; only the pages' forms may leave a field empty."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

# A value to match against the store: not empty, not absurdly long, no NUL (which no database column holds).
NO_NUL = r"^[^\x00]*$"
Name = Annotated[str, StringConstraints(min_length=1, max_length=256, pattern=NO_NUL)]
DocId = Annotated[str, StringConstraints(min_length=1, max_length=2048, pattern=NO_NUL)]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """Dates are written YYYY-MM-DD, as the schema says; not as a number of seconds since 1970."""
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class Modality(StrEnum):
    actual = "actual"
    target = "target"
    forecast = "forecast"


class Strict(BaseModel):
    """Unknown parameters are errors."""

    model_config = ConfigDict(extra="forbid")


class Form(Strict):
    """A page's query: the fields an HTML form leaves unset arrive empty, and are left out."""

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, values: object) -> object:
        if isinstance(values, Mapping):
            return {k: v for k, v in values.items() if v != ""}
        return values


class NoParameters(Strict):
    """For endpoints that take no query parameters: any that is given is an error."""


class Paging(Strict):
    limit: int = Field(100, ge=1, le=1000, description="How many items to return.")
    offset: int = Field(0, ge=0, le=10**9, description="How many items to skip.")


class DocumentQuery(Paging):
    lang: Name | None = Field(None, description="Only documents in this language (ISO 639-1 code).")


class ClaimFilters(Strict):
    region: Name | None = Field(None, description="Canonical place name, e.g. Guangyuan.")
    industry: Name | None = Field(None, description="Canonical industry, e.g. aluminium.")
    metric: Name | None = Field(None, description="e.g. output_value.")
    modality: Modality | None = None
    lang: Name | None = Field(None, description="Claims from documents in this language.")
    doc_id: DocId | None = Field(None, description="Claims of this document.")
    from_year: int | None = Field(None, alias="from", ge=1000, le=9999, description="First year (period).")
    to_year: int | None = Field(None, alias="to", ge=1000, le=9999, description="Last year (period).")

    @model_validator(mode="after")
    def _years_in_order(self) -> ClaimFilters:
        if self.from_year is not None and self.to_year is not None and self.from_year > self.to_year:
            raise ValueError(f"'from' ({self.from_year}) is after 'to' ({self.to_year})")
        return self

    def arguments(self) -> dict:
        """The filters as `Store.claims` takes them."""
        return {
            "region": self.region,
            "industry": self.industry,
            "metric": self.metric,
            "modality": self.modality,
            "from_year": self.from_year,
            "to_year": self.to_year,
            "lang": self.lang,
            "doc_id": self.doc_id,
        }

    def params(self) -> dict[str, str]:
        """The filters that are set, as query parameters."""
        return {
            k: str(v)
            for k, v in self.model_dump(by_alias=True, exclude={"limit", "offset"}).items()
            if v is not None
        }


class ClaimQuery(ClaimFilters, Paging):
    pass


class ClaimForm(Form, ClaimQuery):
    """The claims page's filters and paging."""


class ClaimFiltersForm(Form, ClaimFilters):
    """The claims page's filters, for its CSV download."""


class AnalysisQuery(Strict):
    region: Name | None = Field(None, description="Canonical place name, e.g. Guangyuan.")
    industry: Name | None = Field(None, description="Canonical industry, e.g. aluminium.")


class SeriesQuery(AnalysisQuery):
    metric: Name | None = Field(None, description="e.g. output_value.")


class TargetQuery(AnalysisQuery):
    as_of: IsoDate | None = Field(None, description="Judge deadlines as of this date (default today).")
