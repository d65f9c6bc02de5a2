from fastapi import APIRouter, Depends, Query, Request, Response
from sqlmodel import Session

from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.ids import PathId, QueryId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session
from thidua.units import service
from thidua.units.models import SchoolLevel, UnitKind
from thidua.units.schemas import (
    StaffCreate,
    StaffPage,
    StaffRead,
    StaffUpdate,
    UnitCreate,
    UnitPage,
    UnitRead,
    UnitUpdate,
)

units = APIRouter(prefix="/units", tags=["units"])
staff = APIRouter(prefix="/staff", tags=["staff"])


@units.get("", response_model=UnitPage, name="units_list", summary="Danh sách đơn vị")
def list_units(
    kind: UnitKind | None = None,
    school_level: SchoolLevel | None = None,
    parent_id: QueryId = None,
    q: str | None = Query(None, max_length=100, description="Tìm theo mã hoặc tên"),
    include_inactive: bool = False,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(allow(Permission.units_read)),
    session: Session = Depends(get_session),
) -> UnitPage:
    filters = service.UnitFilters(kind, school_level, parent_id, q, include_inactive)
    return service.list_units(session, actor, filters, page)


@units.post("", response_model=UnitRead, status_code=201, name="units_create", summary="Tạo đơn vị")
def create_unit(
    body: UnitCreate,
    response: Response,
    actor: Actor = Depends(allow(Permission.units_write)),
    session: Session = Depends(get_session),
) -> UnitRead:
    unit = service.create_unit(session, actor, body)
    set_etag(response, unit.version)
    return service.read_unit(session, actor, unit)


@units.get("/{unit_id}", response_model=UnitRead, name="units_get", summary="Xem một đơn vị")
def get_unit(
    unit_id: PathId,
    response: Response,
    actor: Actor = Depends(allow(Permission.units_read)),
    session: Session = Depends(get_session),
) -> UnitRead:
    unit = service.get_unit(session, unit_id)
    set_etag(response, unit.version)
    return service.read_unit(session, actor, unit)


@units.patch(
    "/{unit_id}",
    response_model=UnitRead,
    name="units_update",
    summary="Sửa đơn vị",
    openapi_extra=IF_MATCH_DOC,
)
def update_unit(
    unit_id: PathId,
    body: UnitUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(allow(Permission.units_write)),
    session: Session = Depends(get_session),
) -> UnitRead:
    unit = service.get_unit(session, unit_id)
    check_if_match(request, unit.version)
    unit = service.update_unit(session, actor, unit, body)
    set_etag(response, unit.version)
    return service.read_unit(session, actor, unit)


def _set_unit_active(
    unit_id: int, active: bool, request: Request, response: Response, actor: Actor, session: Session
) -> UnitRead:
    unit = service.get_unit(session, unit_id)
    check_if_match(request, unit.version)
    unit = service.set_unit_active(session, actor, unit, active)
    set_etag(response, unit.version)
    return service.read_unit(session, actor, unit)


@units.post(
    "/{unit_id}/deactivate",
    response_model=UnitRead,
    name="units_deactivate",
    summary="Ngừng hoạt động đơn vị",
    openapi_extra=IF_MATCH_DOC,
)
def deactivate_unit(
    unit_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(allow(Permission.units_write)),
    session: Session = Depends(get_session),
) -> UnitRead:
    return _set_unit_active(unit_id, False, request, response, actor, session)


@units.post(
    "/{unit_id}/activate",
    response_model=UnitRead,
    name="units_activate",
    summary="Kích hoạt lại đơn vị",
    openapi_extra=IF_MATCH_DOC,
)
def activate_unit(
    unit_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(allow(Permission.units_write)),
    session: Session = Depends(get_session),
) -> UnitRead:
    return _set_unit_active(unit_id, True, request, response, actor, session)


# ---------------------------------------------------------------- staff


@staff.get("", response_model=StaffPage, name="staff_list", summary="Danh sách cán bộ, giáo viên, nhân viên")
def list_staff(
    unit_id: QueryId = None,
    q: str | None = Query(None, max_length=100, description="Tìm theo mã hoặc họ tên"),
    include_inactive: bool = False,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(allow(Permission.staff_read)),
    session: Session = Depends(get_session),
) -> StaffPage:
    return service.list_staff(session, actor, service.StaffFilters(unit_id, q, include_inactive), page)


@staff.post("", response_model=StaffRead, status_code=201, name="staff_create", summary="Thêm cán bộ")
def create_staff(
    body: StaffCreate,
    response: Response,
    actor: Actor = Depends(allow(Permission.staff_write)),
    session: Session = Depends(get_session),
) -> StaffRead:
    member = service.create_staff(session, actor, body)
    set_etag(response, member.version)
    return service.read_staff(session, actor, member)


@staff.get("/{staff_id}", response_model=StaffRead, name="staff_get", summary="Xem một cán bộ")
def get_staff(
    staff_id: PathId,
    response: Response,
    actor: Actor = Depends(allow(Permission.staff_read)),
    session: Session = Depends(get_session),
) -> StaffRead:
    member = service.get_staff(session, actor, staff_id)
    set_etag(response, member.version)
    return service.read_staff(session, actor, member)


@staff.patch(
    "/{staff_id}",
    response_model=StaffRead,
    name="staff_update",
    summary="Sửa thông tin cán bộ",
    openapi_extra=IF_MATCH_DOC,
)
def update_staff(
    staff_id: PathId,
    body: StaffUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(allow(Permission.staff_write)),
    session: Session = Depends(get_session),
) -> StaffRead:
    member = service.get_staff(session, actor, staff_id)
    check_if_match(request, member.version)
    member = service.update_staff(session, actor, member, body)
    set_etag(response, member.version)
    return service.read_staff(session, actor, member)


def _set_staff_active(
    staff_id: int, active: bool, request: Request, response: Response, actor: Actor, session: Session
) -> StaffRead:
    member = service.get_staff(session, actor, staff_id)
    check_if_match(request, member.version)
    member = service.set_staff_active(session, actor, member, active)
    set_etag(response, member.version)
    return service.read_staff(session, actor, member)


@staff.post(
    "/{staff_id}/deactivate",
    response_model=StaffRead,
    name="staff_deactivate",
    summary="Ngừng hoạt động cán bộ (nghỉ việc, chuyển công tác)",
    openapi_extra=IF_MATCH_DOC,
)
def deactivate_staff(
    staff_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(allow(Permission.staff_write)),
    session: Session = Depends(get_session),
) -> StaffRead:
    return _set_staff_active(staff_id, False, request, response, actor, session)


@staff.post(
    "/{staff_id}/activate",
    response_model=StaffRead,
    name="staff_activate",
    summary="Kích hoạt lại cán bộ",
    openapi_extra=IF_MATCH_DOC,
)
def activate_staff(
    staff_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(allow(Permission.staff_write)),
    session: Session = Depends(get_session),
) -> StaffRead:
    return _set_staff_active(staff_id, True, request, response, actor, session)
