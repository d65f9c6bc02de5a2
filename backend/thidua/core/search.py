"""Case-insensitive "contains" search; % and _ typed by a user are plain characters, not wildcards."""

from typing import Any

from sqlalchemy import func, or_


def matches(q: str, *columns: Any) -> Any:
    needle = q.strip().lower()
    return or_(*(func.lower(c).contains(needle, autoescape=True) for c in columns))


def where_given(query: Any, *filters: tuple[Any, Any]) -> Any:
    """Adds `column == value` for each (column, value) whose value was given (is not None)."""
    for column, value in filters:
        if value is not None:
            query = query.where(column == value)
    return query
