"""Small helpers the awards services share: finding one row, storing a new one, answering a page."""

from typing import Any, TypeVar

from sqlmodel import Session, SQLModel
from sqlmodel.sql.expression import SelectOfScalar

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import NotFound
from thidua.core.pagination import Page, PageParams

M = TypeVar("M", bound=SQLModel)
P = TypeVar("P", bound=Page[Any])


def first_or_404(session: Session, query: SelectOfScalar[M], message: str) -> M:
    found = session.exec(query).first()
    if found is None:
        raise NotFound(message)
    return found


def add_new(session: Session, actor: Actor, obj: M, action: str = "create") -> M:
    """Store a new row with its audit event, and commit."""
    session.add(obj)
    session.flush()
    audit.record(session, actor, action, obj, None)
    session.commit()
    return obj


def page_of(kind: type[P], items: list[Any], total: int, page: PageParams) -> P:
    return kind(items=items, total=total, limit=page.limit, offset=page.offset)
