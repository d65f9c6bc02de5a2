"""Narrow look-ups for pickers: names and ids only, each list within what the caller may read.

Any signed-in caller may ask; what is listed is scoped in lookups/access.py, so a school's user
never sees another school's people. `ids` turns ids a page holds into names (at most 100)."""

from typing import Annotated

from fastapi import APIRouter, Query

from thidua.api.deps import AwardTypesReadActor, FrameworksReadActor, SessionDep, SignedInActor
from thidua.auth.roles import Role
from thidua.core.ids import MAX_ID, UnitTreeId
from thidua.lookups import service
from thidua.lookups.schemas import LookupItem
from thidua.units.models import UnitKind

router = APIRouter(prefix="/lookups", tags=["lookups"])

Q = Annotated[str | None, Query(max_length=100, description="Tìm theo tên hoặc mã")]
Ids = Annotated[
    list[Annotated[int, Query(ge=1, le=MAX_ID)]],
    Query(max_length=100, description="Chỉ những id này (để hiện tên thay cho id)"),
]
Limit = Annotated[int, Query(ge=1, le=100, description="Số mục tối đa")]


@router.get("/people", name="lookups_people", summary="Chọn người (tài khoản): họ tên và id")
def lookup_people(
    actor: SignedInActor,
    session: SessionDep,
    q: Q = None,
    ids: Ids = [],  # noqa: B006 - FastAPI copies the default per request
    role: Role | None = None,
    limit: Limit = 20,
) -> list[LookupItem]:
    return service.people(session, actor, service.Search(q, ids, limit), role)


@router.get("/staff", name="lookups_staff", summary="Chọn cán bộ: họ tên và id")
def lookup_staff(
    actor: SignedInActor,
    session: SessionDep,
    q: Q = None,
    ids: Ids = [],  # noqa: B006
    unit_id: UnitTreeId = None,
    limit: Limit = 20,
) -> list[LookupItem]:
    return service.staff(session, actor, service.Search(q, ids, limit), unit_id)


@router.get("/units", name="lookups_units", summary="Chọn đơn vị: tên và id")
def lookup_units(
    actor: SignedInActor,
    session: SessionDep,
    q: Q = None,
    ids: Ids = [],  # noqa: B006
    kind: UnitKind | None = None,
    in_reach: Annotated[bool, Query(description="Chỉ các đơn vị trong phạm vi của người dùng")] = False,
    limit: Limit = 20,
) -> list[LookupItem]:
    return service.units(session, actor, service.Search(q, ids, limit), kind, in_reach)


@router.get("/indicators", name="lookups_indicators", summary="Chọn chỉ tiêu của bảng điểm đang áp dụng")
def lookup_indicators(
    actor: FrameworksReadActor,
    session: SessionDep,
    q: Q = None,
    ids: Ids = [],  # noqa: B006
    limit: Limit = 20,
) -> list[LookupItem]:
    return service.indicators(session, actor, service.Search(q, ids, limit))


@router.get("/award-types", name="lookups_award_types", summary="Chọn hình thức khen thưởng đang áp dụng")
def lookup_award_types(
    actor: AwardTypesReadActor,
    session: SessionDep,
    q: Q = None,
    ids: Ids = [],  # noqa: B006
    limit: Limit = 20,
) -> list[LookupItem]:
    return service.award_types(session, actor, service.Search(q, ids, limit))
