"""Units (commune → offices and schools → subject groups) and staff members."""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlalchemy import update as sa_update
from sqlmodel import Session, SQLModel, col, func, select

from thidua.audit import service as audit
from thidua.auth.models import User, UserRole
from thidua.auth.policy import Actor, descendant_unit_ids, walled
from thidua.auth.roles import PROVINCE_ROLES
from thidua.core.errors import Conflict, FieldError, Forbidden, Invalid
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import matches
from thidua.units import access
from thidua.units.models import (
    ALLOWED_PARENT_KIND,
    MAY_BE_ROOT,
    PROVINCE_KINDS,
    UNIT_KIND_LABELS_VI,
    S,
    SchoolLevel,
    StaffMember,
    U,
    Unit,
    UnitKind,
    codes_of_commune,
    commune_at,
    subtree_ids,
)
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


def _names(session: Session, unit_ids: Iterable[int | None]) -> dict[int, str]:
    ids = {u for u in unit_ids if u is not None}
    if not ids:
        return {}
    return {u.id: u.name for u in session.exec(select(Unit).where(col(Unit.id).in_(ids))) if u.id is not None}


# ---------------------------------------------------------------- units


def unit_read(unit: Unit, actor: Actor, parent_name: str | None) -> UnitRead:
    assert unit.id is not None
    return from_row(
        UnitRead,
        unit,
        kind=UnitKind(unit.kind),
        school_level=SchoolLevel(unit.school_level) if unit.school_level else None,
        parent_name=parent_name,
        allowed_actions=access.unit_actions(actor, unit),
    )


def read_unit(session: Session, actor: Actor, unit: Unit) -> UnitRead:
    return unit_read(unit, actor, _names(session, [unit.parent_id]).get(unit.parent_id or 0))


@dataclass(frozen=True)
class UnitFilters:
    kind: UnitKind | None = None
    school_level: SchoolLevel | None = None
    parent_id: int | None = None
    q: str | None = None
    include_inactive: bool = False


def list_units(session: Session, actor: Actor, filters: UnitFilters, page: PageParams) -> UnitPage:
    query = access.readable_units(actor)
    if filters.kind:
        query = query.where(Unit.kind == filters.kind.value)
    if filters.school_level:
        query = query.where(Unit.school_level == filters.school_level.value)
    if filters.parent_id is not None:
        query = query.where(Unit.parent_id == filters.parent_id)
    if filters.q:
        query = query.where(matches(filters.q, Unit.name, Unit.code))
    if not filters.include_inactive:
        query = query.where(col(Unit.is_active).is_(True))
    rows, total = paginate(session, query, page, Unit.code, Unit.id)
    names = _names(session, [u.parent_id for u in rows])
    items = [unit_read(u, actor, names.get(u.parent_id or 0)) for u in rows]
    return page_of(UnitPage, items, total, page)


def get_unit(session: Session, actor: Actor, unit_id: int) -> Unit:
    return access.get_readable_unit(session, actor, unit_id)


def _code_taken(
    session: Session,
    model: type[Unit] | type[StaffMember],
    code: str,
    commune: int | None,
    moving: list[int] | None = None,
) -> bool:
    """Whether a row of `commune` (codes_of_commune) has this code, in any letter case; `moving`: the
    units of a subtree that moves, whose rows do not count."""
    table = U if model is Unit else S
    query = sa_select(table.c.id).where(
        func.lower(table.c.code) == code.lower(), codes_of_commune(table, commune)
    )
    if moving is not None:
        query = query.where((table.c.id if model is Unit else table.c.unit_id).not_in(moving))
    return session.execute(query).first() is not None


def _check_code_free(
    session: Session,
    model: type[Unit] | type[StaffMember],
    code: str,
    commune: int | None,
    label: str,
    path: str = "body.code",
) -> None:
    """Codes are unique per commune (`commune` is the one the row sits in; None: the Department and
    the communes themselves): another commune may use the same code."""
    if _code_taken(session, model, code, commune):
        where = "trong xã này" if commune is not None else "ở cấp tỉnh"
        raise Conflict(
            f"Mã {label} '{code}' đã tồn tại {where}.",
            errors=[FieldError(path=path, message=f"Mã '{code}' đã được dùng {where}.", type="duplicate")],
        )


def _commune_at(session: Session, unit_id: int | None) -> int | None:
    """The commune of what sits at this unit (`units.models.commune_at`, read in the session)."""
    return commune_at(session.connection(), unit_id)


def _check_move(session: Session, unit: Unit, parent_id: int | None) -> None:
    """A unit moved into another commune takes its codes, those of the units below it and of their
    staff with it: none may be taken there (409 on the new parent)."""
    assert unit.id is not None
    commune = _commune_at(session, parent_id)
    if commune == unit.commune_id:
        return
    subtree = subtree_ids(session.connection(), unit.id)
    moving = session.exec(select(Unit).where(col(Unit.id).in_(subtree))).all()
    staff = session.exec(select(StaffMember).where(col(StaffMember.unit_id).in_(subtree))).all()
    clashes = [u.code for u in moving if _code_taken(session, Unit, u.code, commune, subtree)]
    clashes += [s.code for s in staff if _code_taken(session, StaffMember, s.code, commune, subtree)]
    if clashes:
        listed = ", ".join(sorted(clashes))
        raise Conflict(
            f"Không chuyển được '{unit.name}': xã nhận đã dùng các mã {listed}.",
            errors=[
                FieldError(
                    path="body.parent_id", message=f"Mã đã được dùng ở xã nhận: {listed}.", type="duplicate"
                )
            ],
        )


def _ancestor_ids(session: Session, unit_id: int | None) -> list[int]:
    chain: list[int] = []
    while unit_id is not None and unit_id not in chain:
        chain.append(unit_id)
        parent = session.get(Unit, unit_id)
        unit_id = parent.parent_id if parent else None
    return chain


def _check_placement(
    session: Session,
    actor: Actor,
    unit_id: int | None,
    kind: UnitKind,
    parent_id: int | None,
    school_level: str | None,
) -> None:
    """Hierarchy rules: parent exists (and is in the caller's commune), no cycles, the right kind of
    parent, school level for schools. Only the province creates communes and the Department."""
    parent = session.get(Unit, parent_id) if parent_id is not None else None
    if parent is not None and not actor.province_wide and not access.in_reach(actor, parent.id):
        parent = None
    if kind in MAY_BE_ROOT and unit_id is None and actor.commune_id is not None and not actor.province_wide:
        raise Forbidden("Chỉ quản trị cấp tỉnh mới tạo xã hoặc Sở GDĐT.")
    if parent_id is not None and parent is None:
        raise Invalid("body.parent_id", f"Không tìm thấy đơn vị cấp trên có id {parent_id}.", "not_found")
    if parent is not None and unit_id is not None and unit_id in _ancestor_ids(session, parent_id):
        raise Invalid(
            "body.parent_id",
            "Không thể đặt đơn vị làm cấp trên của chính nó hoặc của đơn vị trực thuộc nó.",
            "cycle",
        )
    if parent is not None and not parent.is_active:
        raise Invalid("body.parent_id", f"Đơn vị cấp trên '{parent.name}' đã ngừng hoạt động.", "inactive")
    expected = ALLOWED_PARENT_KIND[kind]
    if expected is None and parent is not None:
        raise Invalid("body.parent_id", f"{UNIT_KIND_LABELS_VI[kind]} không có đơn vị cấp trên.", "hierarchy")
    if expected is not None and (
        (parent is None and kind not in MAY_BE_ROOT) or (parent is not None and parent.kind != expected.value)
    ):
        raise Invalid(
            "body.parent_id",
            f"{UNIT_KIND_LABELS_VI[kind]} phải trực thuộc một đơn vị loại '{UNIT_KIND_LABELS_VI[expected]}'.",
            "hierarchy",
        )
    if kind == UnitKind.school and not school_level:
        raise Invalid("body.school_level", "Cơ sở giáo dục phải có cấp học.", "missing")
    if kind != UnitKind.school and school_level:
        raise Invalid("body.school_level", "Chỉ cơ sở giáo dục mới có cấp học.", "not_allowed")


# Rows that name no unit and so meant "the whole commune" while there was one: behind the wall they
# become the first commune's (an account with no home unit, a webhook subscription for every unit).
_WHOLE_COMMUNE_UNIT = ("user_account", "webhook_subscription")
# Tables whose commune follows the unit tree (`units.models`), already the first commune's.
_COMMUNE_FROM_THE_TREE = ("unit", "staff_member")


def claim_for_the_first_commune(session: Session) -> None:
    """Before a second commune (or the Department) joins a one-commune deployment, every commune-level
    row without a commune (made while there was no wall) becomes the first commune's, and so do the
    accounts (but the province's) and webhook subscriptions that named no unit."""
    if walled(session):
        return
    communes = session.exec(select(Unit.id).where(Unit.kind == UnitKind.commune.value)).all()
    if len(communes) != 1:
        return
    for table in SQLModel.metadata.sorted_tables:
        if "commune_id" in table.c and table.name not in _COMMUNE_FROM_THE_TREE:
            session.execute(
                sa_update(table).where(table.c.commune_id.is_(None)).values(commune_id=communes[0])
            )
    province = select(UserRole.user_id).where(col(UserRole.role).in_([r.value for r in PROVINCE_ROLES]))
    for name in _WHOLE_COMMUNE_UNIT:
        table = SQLModel.metadata.tables[name]
        unowned = sa_update(table).where(table.c.unit_id.is_(None))
        if name == "user_account":
            unowned = unowned.where(table.c.id.not_in(province))
        session.execute(unowned.values(unit_id=communes[0]))


def create_unit(session: Session, actor: Actor, data: UnitCreate) -> Unit:
    _check_placement(session, actor, None, data.kind, data.parent_id, data.school_level)
    commune = None if data.kind.value in PROVINCE_KINDS else _commune_at(session, data.parent_id)
    _check_code_free(session, Unit, data.code, commune, "đơn vị")
    if data.kind.value in PROVINCE_KINDS:
        claim_for_the_first_commune(session)
    unit = Unit(**data.model_dump(mode="json"), commune_id=commune)
    session.add(unit)
    session.flush()
    audit.record(session, actor, "create", unit, None)
    session.commit()
    return unit


def update_unit(session: Session, actor: Actor, unit: Unit, data: UnitUpdate) -> Unit:
    changes = data.model_dump(mode="json", exclude_unset=True)
    for required in ("code", "name"):
        if required in changes and changes[required] is None:
            raise Invalid(f"body.{required}", "Trường này không được để trống.", "missing")
    merged = {**unit.model_dump(mode="json"), **changes}
    _check_placement(
        session, actor, unit.id, UnitKind(unit.kind), merged["parent_id"], merged["school_level"]
    )
    if "code" in changes and changes["code"].lower() != unit.code.lower():
        _check_code_free(session, Unit, changes["code"], unit.commune_id, "đơn vị")
        if unit.kind == UnitKind.commune.value:  # nor may it take a code of its own units
            _check_code_free(session, Unit, changes["code"], unit.id, "đơn vị")
    if merged["parent_id"] != unit.parent_id:
        _check_move(session, unit, merged["parent_id"])
    return audit.save_changes(session, actor, unit, changes, "update")


def set_unit_active(session: Session, actor: Actor, unit: Unit, active: bool) -> Unit:
    if not active:
        children = session.exec(
            select(func.count()).where(Unit.parent_id == unit.id, col(Unit.is_active).is_(True))
        ).one()
        staff = session.exec(
            select(func.count()).where(StaffMember.unit_id == unit.id, col(StaffMember.is_active).is_(True))
        ).one()
        if children or staff:
            raise Conflict(
                f"Không thể ngừng hoạt động '{unit.name}': còn {children} đơn vị trực thuộc và {staff} "
                "cán bộ đang hoạt động; hãy chuyển hoặc ngừng hoạt động họ trước."
            )
    elif unit.parent_id is not None and not get_unit(session, actor, unit.parent_id).is_active:
        raise Conflict("Đơn vị cấp trên đã ngừng hoạt động; hãy kích hoạt đơn vị cấp trên trước.")
    return audit.save_changes(
        session, actor, unit, {"is_active": active}, "activate" if active else "deactivate"
    )


# ---------------------------------------------------------------- staff


def staff_read(staff: StaffMember, actor: Actor, unit_name: str) -> StaffRead:
    assert staff.id is not None
    contact = access.sees_contact(actor, staff)
    return from_row(
        StaffRead,
        staff,
        unit_name=unit_name,
        email=staff.email if contact else None,
        phone=staff.phone if contact else None,
        allowed_actions=access.staff_actions(actor, staff),
    )


def read_staff(session: Session, actor: Actor, staff: StaffMember) -> StaffRead:
    return staff_read(staff, actor, _names(session, [staff.unit_id]).get(staff.unit_id, ""))


@dataclass(frozen=True)
class StaffFilters:
    unit_id: int | None = None
    q: str | None = None
    include_inactive: bool = False


def list_staff(session: Session, actor: Actor, filters: StaffFilters, page: PageParams) -> StaffPage:
    query = access.readable_staff(actor)
    if filters.unit_id is not None:
        query = query.where(StaffMember.unit_id == filters.unit_id)
    if filters.q:
        query = query.where(matches(filters.q, StaffMember.full_name, StaffMember.code))
    if not filters.include_inactive:
        query = query.where(col(StaffMember.is_active).is_(True))
    rows, total = paginate(session, query, page, StaffMember.code, StaffMember.id)
    names = _names(session, [s.unit_id for s in rows])
    items = [staff_read(s, actor, names.get(s.unit_id, "")) for s in rows]
    return page_of(StaffPage, items, total, page)


def get_staff(session: Session, actor: Actor, staff_id: int) -> StaffMember:
    return access.get_readable_staff(session, actor, staff_id)


def _check_staff_unit(session: Session, actor: Actor, unit_id: int) -> None:
    unit = access.unit_in_reach(session, actor, unit_id)
    if unit is None:
        raise Invalid(
            "body.unit_id", f"Không tìm thấy đơn vị có id {unit_id} trong phạm vi của bạn.", "not_found"
        )
    if not unit.is_active:
        raise Invalid("body.unit_id", f"Đơn vị '{unit.name}' đã ngừng hoạt động.", "inactive")


def _check_user_link(session: Session, staff_id: int | None, user_id: int) -> None:
    if session.get(User, user_id) is None:
        raise Invalid("body.user_id", f"Không tìm thấy tài khoản có id {user_id}.", "not_found")
    other = session.exec(select(StaffMember.id).where(StaffMember.user_id == user_id)).first()
    if other is not None and other != staff_id:
        raise Conflict(
            "Tài khoản này đã gắn với một cán bộ khác.",
            errors=[FieldError(path="body.user_id", message="Tài khoản đã được gắn.", type="duplicate")],
        )


def create_staff(session: Session, actor: Actor, data: StaffCreate) -> StaffMember:
    _check_staff_unit(session, actor, data.unit_id)
    commune = _commune_at(session, data.unit_id)
    _check_code_free(session, StaffMember, data.code, commune, "cán bộ")
    if data.user_id is not None:
        _check_user_link(session, None, data.user_id)
    staff = StaffMember(**data.model_dump(), commune_id=commune)
    session.add(staff)
    session.flush()
    audit.record(session, actor, "create", staff, None)
    session.commit()
    return staff


def update_staff(session: Session, actor: Actor, staff: StaffMember, data: StaffUpdate) -> StaffMember:
    changes = data.model_dump(exclude_unset=True)
    for required in ("code", "full_name", "unit_id", "position"):
        if required in changes and changes[required] is None:
            raise Invalid(f"body.{required}", "Trường này không được để trống.", "missing")
    if "unit_id" in changes:
        _check_staff_unit(session, actor, changes["unit_id"])
    code, unit_id = changes.get("code", staff.code), changes.get("unit_id", staff.unit_id)
    commune = _commune_at(session, unit_id)
    if code.lower() != staff.code.lower() or commune != staff.commune_id:
        # Moved to a unit of another commune, the person's code must be free there.
        _check_code_free(session, StaffMember, code, commune, "cán bộ", "body.code")
    if changes.get("user_id") is not None:
        _check_user_link(session, staff.id, changes["user_id"])
    return audit.save_changes(session, actor, staff, changes, "update")


def set_staff_active(session: Session, actor: Actor, staff: StaffMember, active: bool) -> StaffMember:
    return audit.save_changes(
        session, actor, staff, {"is_active": active}, "activate" if active else "deactivate"
    )


def staff_list_problems(
    session: Session, unit_id: int, staff_ids: list[int], path: str, outsider: str, twice: str
) -> list[FieldError]:
    """A list of staff members of one unit (its subject groups included), each named once: one
    error per offending entry at `{path}.{n}.staff_id`. `outsider` may use {staff_id}."""
    allowed = descendant_unit_ids(session, unit_id)
    problems: list[FieldError] = []
    seen: set[int] = set()
    for n, staff_id in enumerate(staff_ids):
        at = f"{path}.{n}.staff_id"
        staff = session.get(StaffMember, staff_id)
        if staff is None or staff.unit_id not in allowed:
            problems.append(
                FieldError(path=at, type="not_in_unit", message=outsider.format(staff_id=staff_id))
            )
        if staff_id in seen:
            problems.append(FieldError(path=at, type="duplicate", message=twice))
        seen.add(staff_id)
    return problems
