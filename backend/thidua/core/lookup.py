"""Fetching the one row a request names."""

from typing import TypeVar

from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from thidua.core.errors import NotFound

T = TypeVar("T")


def first_or_404(session: Session, query: SelectOfScalar[T], message: str) -> T:
    """The first row of `query`, else 404 with `message`. Given a domain's readable query narrowed to
    one id, a row out of the caller's reach answers exactly like a missing one."""
    found = session.exec(query).first()
    if found is None:
        raise NotFound(message)
    return found
