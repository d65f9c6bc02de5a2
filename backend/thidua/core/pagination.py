"""limit/offset lists with a total and a stable order."""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

T = TypeVar("T")
MAX_LIMIT = 200
MAX_OFFSET = 2_147_483_647  # beyond any table; larger numbers overflow SQL integers (422, not 500)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int


# async: no I/O, so FastAPI calls it on the event loop instead of handing it to a worker thread.
async def page_params(
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description="Số bản ghi tối đa trả về (1–200)."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bao nhiêu bản ghi đầu."),
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


def paginate(
    session: Session, query: SelectOfScalar[Any], params: PageParams, *order_by: Any
) -> tuple[list[Any], int]:
    """Rows of one page and the total; order_by must end with a unique column so pages are stable."""
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(*order_by).limit(params.limit).offset(params.offset)).all()
    return list(rows), int(total)


P = TypeVar("P", bound=Page[Any])


def page_of(kind: type[P], items: list[Any], total: int, page: PageParams) -> P:
    """The answer of a list route: one page of items, the total, and the limit and offset asked."""
    return kind(items=items, total=total, limit=page.limit, offset=page.offset)
