from fastapi import APIRouter, Query
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    SessionDep,
    StaffReadActor,
    StaffWriteActor,
    UnitsReadActor,
    UnitsWriteActor,
)
from thidua.auth.policy import Actor
from thidua.core.ids import PathId, QueryId
from thidua.units import service
from thidua.units.models import SchoolLevel, StaffMember, Unit, UnitKind
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


def _unit(session: Session, actor: Actor, etag: ETagSetter, unit: Unit) -> UnitRead:
    return etag(unit.version, service.read_unit(session, actor, unit))


def _staff(session: Session, actor: Actor, etag: ETagSetter, member: StaffMember) -> StaffRead:
    return etag(member.version, service.read_staff(session, actor, member))


@units.get("", name="units_list", summary="Danh sách đơn vị")
def list_units(
    actor: UnitsReadActor,
    session: SessionDep,
    page: Page,
    kind: UnitKind | None = None,
    school_level: SchoolLevel | None = None,
    parent_id: QueryId = None,
    q: str | None = Query(None, max_length=100, description="Tìm theo mã hoặc tên"),
    include_inactive: bool = False,
) -> UnitPage:
    filters = service.UnitFilters(kind, school_level, parent_id, q, include_inactive)
    return service.list_units(session, actor, filters, page)


@units.post("", status_code=201, name="units_create", summary="Tạo đơn vị")
def create_unit(body: UnitCreate, actor: UnitsWriteActor, session: SessionDep, etag: ETag) -> UnitRead:
    return _unit(session, actor, etag, service.create_unit(session, actor, body))


@units.get("/{unit_id}", name="units_get", summary="Xem một đơn vị")
def get_unit(unit_id: PathId, actor: UnitsReadActor, session: SessionDep, etag: ETag) -> UnitRead:
    return _unit(session, actor, etag, service.get_unit(session, actor, unit_id))


@units.patch("/{unit_id}", name="units_update", summary="Sửa đơn vị")
def update_unit(
    unit_id: PathId,
    body: UnitUpdate,
    actor: UnitsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> UnitRead:
    unit = if_match(service.get_unit(session, actor, unit_id))
    return _unit(session, actor, etag, service.update_unit(session, actor, unit, body))


@units.post("/{unit_id}/deactivate", name="units_deactivate", summary="Ngừng hoạt động đơn vị")
def deactivate_unit(
    unit_id: PathId, actor: UnitsWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> UnitRead:
    unit = if_match(service.get_unit(session, actor, unit_id))
    return _unit(session, actor, etag, service.set_unit_active(session, actor, unit, False))


@units.post("/{unit_id}/activate", name="units_activate", summary="Kích hoạt lại đơn vị")
def activate_unit(
    unit_id: PathId, actor: UnitsWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> UnitRead:
    unit = if_match(service.get_unit(session, actor, unit_id))
    return _unit(session, actor, etag, service.set_unit_active(session, actor, unit, True))


# ---------------------------------------------------------------- staff


@staff.get("", name="staff_list", summary="Danh sách cán bộ, giáo viên, nhân viên")
def list_staff(
    actor: StaffReadActor,
    session: SessionDep,
    page: Page,
    unit_id: QueryId = None,
    q: str | None = Query(None, max_length=100, description="Tìm theo mã hoặc họ tên"),
    include_inactive: bool = False,
) -> StaffPage:
    return service.list_staff(session, actor, service.StaffFilters(unit_id, q, include_inactive), page)


@staff.post("", status_code=201, name="staff_create", summary="Thêm cán bộ")
def create_staff(body: StaffCreate, actor: StaffWriteActor, session: SessionDep, etag: ETag) -> StaffRead:
    return _staff(session, actor, etag, service.create_staff(session, actor, body))


@staff.get("/{staff_id}", name="staff_get", summary="Xem một cán bộ")
def get_staff(staff_id: PathId, actor: StaffReadActor, session: SessionDep, etag: ETag) -> StaffRead:
    return _staff(session, actor, etag, service.get_staff(session, actor, staff_id))


@staff.patch("/{staff_id}", name="staff_update", summary="Sửa thông tin cán bộ")
def update_staff(
    staff_id: PathId,
    body: StaffUpdate,
    actor: StaffWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> StaffRead:
    member = if_match(service.get_staff(session, actor, staff_id))
    return _staff(session, actor, etag, service.update_staff(session, actor, member, body))


@staff.post(
    "/{staff_id}/deactivate",
    name="staff_deactivate",
    summary="Ngừng hoạt động cán bộ (nghỉ việc, chuyển công tác)",
)
def deactivate_staff(
    staff_id: PathId, actor: StaffWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> StaffRead:
    member = if_match(service.get_staff(session, actor, staff_id))
    return _staff(session, actor, etag, service.set_staff_active(session, actor, member, False))


@staff.post("/{staff_id}/activate", name="staff_activate", summary="Kích hoạt lại cán bộ")
def activate_staff(
    staff_id: PathId, actor: StaffWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> StaffRead:
    member = if_match(service.get_staff(session, actor, staff_id))
    return _staff(session, actor, etag, service.set_staff_active(session, actor, member, True))
