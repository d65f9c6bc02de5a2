"""The Ban chỉ đạo: its establishing decision (with the signed scan), its members and assignments.

Members are active staff records of the commune's units; assignments name a member of the same
committee, one content area of the movement and the schools (in the writer's reach) it follows.
Every change is audited and bumps the committee's version, so the committee's ETag tells of them."""

from fastapi import UploadFile
from sqlmodel import Session, col, select

from thidua.assessments import evidence as files
from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import Conflict, FieldError, Invalid, ValidationFailed
from thidua.core.models import utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.movements import access as movements_access
from thidua.movements.models import ContentArea
from thidua.steering import access
from thidua.steering.models import (
    POSITION_LABELS_VI,
    POSITION_ORDER,
    CommitteePosition,
    SteeringAssignment,
    SteeringAssignmentUnit,
    SteeringCommittee,
    SteeringMember,
)
from thidua.steering.schemas import (
    AssignedSchool,
    AssignmentCreate,
    AssignmentRead,
    AssignmentUpdate,
    CommitteeCreate,
    CommitteePage,
    CommitteeRead,
    CommitteeUpdate,
    MemberCreate,
    MemberRead,
    MemberUpdate,
    ScanRead,
)
from thidua.storage import Storage, content_key
from thidua.units import access as units_access
from thidua.units.models import StaffMember, Unit

SCAN_FOLDER = "steering"
MAX_SCAN_BYTES = 10 * 1024 * 1024
SCAN_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})


def scan_key(committee: SteeringCommittee) -> str:
    assert committee.scan_sha256 is not None
    return content_key(SCAN_FOLDER, committee.scan_sha256)


# ---------------------------------------------------------------- reading


def _members(session: Session, actor: Actor, committee_id: int) -> list[MemberRead]:
    rows = session.exec(
        select(SteeringMember, StaffMember, Unit)
        .join(StaffMember, col(StaffMember.id) == SteeringMember.staff_id)
        .join(Unit, col(Unit.id) == StaffMember.unit_id)
        .where(SteeringMember.committee_id == committee_id)
    ).all()
    rows = sorted(
        rows, key=lambda r: (POSITION_ORDER.get(CommitteePosition(r[0].position), 99), r[0].id or 0)
    )
    actions = access.allowed_actions(actor)
    return [
        from_row(
            MemberRead,
            m,
            full_name=s.full_name,
            staff_position=s.position,
            unit_name=u.name,
            position_label=POSITION_LABELS_VI[CommitteePosition(m.position)],
            allowed_actions=actions,
        )
        for m, s, u in rows
    ]


def _assignments(session: Session, actor: Actor, committee_id: int) -> list[AssignmentRead]:
    rows = session.exec(
        select(SteeringAssignment, StaffMember.full_name, ContentArea)
        .join(SteeringMember, col(SteeringMember.id) == SteeringAssignment.member_id)
        .join(StaffMember, col(StaffMember.id) == SteeringMember.staff_id)
        .join(ContentArea, col(ContentArea.id) == SteeringAssignment.content_area_id)
        .where(SteeringAssignment.committee_id == committee_id)
        .order_by(col(ContentArea.position), col(SteeringAssignment.id))
    ).all()
    ids = [a.id for a, _, _ in rows]
    schools: dict[int, list[AssignedSchool]] = {}
    if ids:
        for link, unit in session.exec(
            select(SteeringAssignmentUnit, Unit)
            .join(Unit, col(Unit.id) == SteeringAssignmentUnit.unit_id)
            .where(col(SteeringAssignmentUnit.assignment_id).in_(ids))
            .order_by(col(Unit.code))
        ).all():
            schools.setdefault(link.assignment_id, []).append(
                AssignedSchool(unit_id=unit.id or 0, code=unit.code, name=unit.name)
            )
    actions = access.allowed_actions(actor)
    return [
        from_row(
            AssignmentRead,
            a,
            member_name=name,
            content_area_code=area.code,
            content_area_name=area.name,
            schools=schools.get(a.id or 0, []),
            allowed_actions=actions,
        )
        for a, name, area in rows
    ]


def read_committee(session: Session, actor: Actor, committee: SteeringCommittee) -> CommitteeRead:
    assert committee.id is not None
    scan = (
        ScanRead(
            filename=committee.scan_filename or "quyet-dinh.pdf",
            content_type=committee.scan_content_type or "application/pdf",
            size_bytes=committee.scan_size_bytes or 0,
        )
        if committee.scan_sha256
        else None
    )
    return from_row(
        CommitteeRead,
        committee,
        scan=scan,
        members=_members(session, actor, committee.id),
        assignments=_assignments(session, actor, committee.id),
        allowed_actions=access.committee_actions(actor),
    )


def get_committee(session: Session, actor: Actor, committee_id: int) -> SteeringCommittee:
    return access.get_readable(session, actor, committee_id)


def list_committees(session: Session, actor: Actor, page: PageParams) -> CommitteePage:
    rows, total = paginate(
        session,
        access.readable(actor),
        page,
        col(SteeringCommittee.decision_date).desc(),
        col(SteeringCommittee.id).desc(),
    )
    return page_of(CommitteePage, [read_committee(session, actor, c) for c in rows], total, page)


# ---------------------------------------------------------------- the committee and its decision


def create_committee(session: Session, actor: Actor, data: CommitteeCreate) -> SteeringCommittee:
    return audit.add_new(session, actor, SteeringCommittee(**data.model_dump(), commune_id=actor.commune_id))


def update_committee(
    session: Session, actor: Actor, committee: SteeringCommittee, data: CommitteeUpdate
) -> SteeringCommittee:
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    return audit.save_changes(session, actor, committee, changes, "update")


def attach_scan(
    session: Session, actor: Actor, committee: SteeringCommittee, upload: UploadFile, storage: Storage
) -> SteeringCommittee:
    stored = files.receive(
        upload,
        storage,
        SCAN_FOLDER,
        max_bytes=MAX_SCAN_BYTES,
        accept=SCAN_TYPES,
        too_large=f"Bản quét quyết định vượt quá {MAX_SCAN_BYTES // (1024 * 1024)} MB.",
        unsupported="Chỉ nhận bản quét PDF, PNG hoặc JPEG (xét theo nội dung tệp).",
    )
    filename = files.safe_filename(upload.filename, stored.extension)
    changes = {
        "scan_sha256": stored.sha256,
        "scan_size_bytes": stored.size_bytes,
        "scan_content_type": stored.content_type,
        "scan_filename": filename,
    }
    return audit.save_changes(session, actor, committee, changes, "attach_scan")


# ---------------------------------------------------------------- members


def _touch(session: Session, committee: SteeringCommittee) -> None:
    committee.updated_at = utcnow()
    session.add(committee)


def _check_staff(session: Session, staff_id: int) -> StaffMember:
    staff = session.get(StaffMember, staff_id)
    if staff is None or not staff.is_active:
        raise Invalid("body.staff_id", f"Không có cán bộ đang công tác của xã có id {staff_id}.", "not_staff")
    return staff


def add_member(
    session: Session, actor: Actor, committee: SteeringCommittee, data: MemberCreate
) -> SteeringMember:
    _check_staff(session, data.staff_id)
    taken = session.exec(
        select(SteeringMember.id).where(
            SteeringMember.committee_id == committee.id, SteeringMember.staff_id == data.staff_id
        )
    ).first()
    if taken is not None:
        raise Invalid("body.staff_id", "Cán bộ này đã là thành viên Ban chỉ đạo.", "duplicate")
    member = SteeringMember(committee_id=committee.id or 0, **data.model_dump())
    _touch(session, committee)
    return audit.add_new(session, actor, member)


def update_member(
    session: Session, actor: Actor, committee: SteeringCommittee, member: SteeringMember, data: MemberUpdate
) -> SteeringMember:
    _touch(session, committee)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    return audit.save_changes(session, actor, member, changes, "update")


def remove_member(
    session: Session, actor: Actor, committee: SteeringCommittee, member: SteeringMember
) -> None:
    assigned = session.exec(
        select(SteeringAssignment.id).where(SteeringAssignment.member_id == member.id)
    ).first()
    if assigned is not None:
        raise Conflict("Thành viên đang được phân công theo dõi; xóa hoặc chuyển phân công trước.")
    audit.record_removal(session, actor, "delete", member)
    session.delete(member)
    _touch(session, committee)
    session.commit()


# ---------------------------------------------------------------- assignments


def _check_assignment(
    session: Session,
    actor: Actor,
    committee: SteeringCommittee,
    member_id: int | None,
    area_id: int | None,
    unit_ids: list[int] | None,
) -> None:
    problems: list[FieldError] = []
    if member_id is not None:
        member = session.get(SteeringMember, member_id)
        if member is None or member.committee_id != committee.id:
            problems.append(
                FieldError(
                    path="body.member_id",
                    message=f"Ban chỉ đạo không có thành viên có id {member_id}.",
                    type="not_member",
                )
            )
    if area_id is not None and movements_access.content_area_named(session, actor, area_id) is None:
        problems.append(
            FieldError(
                path="body.content_area_id",
                message=f"Không có nội dung thi đua có id {area_id}.",
                type="unknown_content_area",
            )
        )
    for n, unit_id in enumerate(unit_ids or []):
        unit = units_access.unit_in_reach(session, actor, unit_id)
        if unit is None or unit.kind != "school" or not unit.is_active:
            problems.append(
                FieldError(
                    path=f"body.unit_ids.{n}",
                    message=f"Không có cơ sở giáo dục có id {unit_id} trong phạm vi của bạn.",
                    type="not_school",
                )
            )
    if unit_ids is not None and len(set(unit_ids)) != len(unit_ids):
        problems.append(
            FieldError(path="body.unit_ids", message="Cơ sở giáo dục bị trùng.", type="duplicate")
        )
    if problems:
        raise ValidationFailed("Phân công chưa hợp lệ; không có gì được lưu.", problems)


def _set_units(session: Session, assignment_id: int, unit_ids: list[int]) -> None:
    for row in session.exec(
        select(SteeringAssignmentUnit).where(SteeringAssignmentUnit.assignment_id == assignment_id)
    ).all():
        session.delete(row)
    session.flush()
    for unit_id in unit_ids:
        session.add(SteeringAssignmentUnit(assignment_id=assignment_id, unit_id=unit_id))


def add_assignment(
    session: Session, actor: Actor, committee: SteeringCommittee, data: AssignmentCreate
) -> SteeringAssignment:
    _check_assignment(session, actor, committee, data.member_id, data.content_area_id, data.unit_ids)
    row = SteeringAssignment(
        committee_id=committee.id or 0,
        member_id=data.member_id,
        content_area_id=data.content_area_id,
        note=data.note,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    _set_units(session, row.id, data.unit_ids)
    _touch(session, committee)
    return audit.add_new(session, actor, row)


def update_assignment(
    session: Session,
    actor: Actor,
    committee: SteeringCommittee,
    row: SteeringAssignment,
    data: AssignmentUpdate,
) -> SteeringAssignment:
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    unit_ids = changes.pop("unit_ids", None)
    _check_assignment(
        session, actor, committee, changes.get("member_id"), changes.get("content_area_id"), unit_ids
    )
    before = audit.snapshot(row)
    if unit_ids is not None:
        assert row.id is not None
        _set_units(session, row.id, unit_ids)
    _touch(session, committee)
    return audit.save_changes(session, actor, row, changes, "update", before)


def remove_assignment(
    session: Session, actor: Actor, committee: SteeringCommittee, row: SteeringAssignment
) -> None:
    audit.record_removal(session, actor, "delete", row)
    for link in session.exec(
        select(SteeringAssignmentUnit).where(SteeringAssignmentUnit.assignment_id == row.id)
    ).all():
        session.delete(link)
    session.flush()
    session.delete(row)
    _touch(session, committee)
    session.commit()
