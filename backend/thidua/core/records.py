"""From a stored row to what the API answers."""

from typing import Any, TypeVar

from pydantic import BaseModel

S = TypeVar("S", bound=BaseModel)


def from_row(schema: type[S], row: object, **computed: Any) -> S:
    """The read schema of a row: each field not computed here is the row's attribute of that name.

    A column added to both the table and its read schema then needs no third edit in the service,
    and a read function only says what it computes (names, labels, allowed actions)."""
    stored = {name: getattr(row, name) for name in schema.model_fields if name not in computed}
    return schema(**stored, **computed)
