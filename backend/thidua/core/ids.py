"""Ids are INTEGER columns on PostgreSQL: a larger number is refused with 422, never a 500."""

from typing import Annotated

from fastapi import Path, Query
from pydantic import Field

MAX_ID = 2_147_483_647

Id = Annotated[int, Field(ge=1, le=MAX_ID)]  # a reference in a request body
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
QueryId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
# A unit filter that takes in the unit's subject groups (a school's figures include them).
UnitTreeId = Annotated[
    int | None, Query(ge=1, le=MAX_ID, description="Đơn vị (gồm cả các tổ chuyên môn trực thuộc)")
]
