"""Request field types that take JSON as it is written, without pydantic's lax coercions: a JSON number
is not a date (0 would become 1970-01-01) and 0/1 or "yes" are not booleans."""

from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, StrictBool

__all__ = ["Day", "StrictBool"]


def _not_a_number(value: Any) -> Any:
    if isinstance(value, int | float):
        raise ValueError("Ngày phải viết dạng YYYY-MM-DD (ví dụ 2025-09-05), không phải một con số.")
    return value


Day = Annotated[date, BeforeValidator(_not_a_number)]
