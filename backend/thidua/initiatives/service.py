"""Initiatives (sáng kiến, giải pháp, nghiên cứu, học liệu số, bài báo) with their authors and recognition.

Who may do what is in initiatives/access.py. Content is edited only while unrecognised: a recognised
initiative's content is frozen until the recognition is withdrawn, and an initiative that an award
used (one achievement serves one award) is frozen for good.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor, descendant_unit_ids
from thidua.core.errors import Conflict, FieldError, Forbidden, Invalid, ValidationFailed
from thidua.core.models import today
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import matches, where_given
from thidua.initiatives import access
from thidua.initiatives.models import (
    INITIATIVE_KIND_LABELS_VI,
    RECOGNITION_LEVEL_LABELS_VI,
    Initiative,
    InitiativeAuthor,
    InitiativeKind,
)
from thidua.initiatives.schemas import (
    AuthorIn,
    AuthorOut,
    EvidenceLinkIn,
    InitiativeCreate,
    InitiativePage,
    InitiativeRead,
    InitiativeUpdate,
    RecognitionIn,
)
from thidua.units import access as units_access
from thidua.units import service as units
from thidua.units.models import StaffMember, Unit

HUNDRED = Decimal("100.00")


# --- reading ---------------------------------------------------------------------------------------


def _authors_of(session: Session, ids: list[int]) -> dict[int, list[tuple[InitiativeAuthor, StaffMember]]]:
    found: dict[int, list[tuple[InitiativeAuthor, StaffMember]]] = {i: [] for i in ids}
    if not ids:
        return found
    rows = session.exec(
        select(InitiativeAuthor, StaffMember)
        .join(StaffMember, col(StaffMember.id) == InitiativeAuthor.staff_id)
        .where(col(InitiativeAuthor.initiative_id).in_(ids))
        .order_by(col(InitiativeAuthor.id))  # the order the authors were given in: first author first
    ).all()
    for author, staff in rows:
        found[author.initiative_id].append((author, staff))
    return found


def read_many(session: Session, actor: Actor, initiatives: list[Initiative]) -> list[InitiativeRead]:
    """Read models for a page of initiatives with a fixed number of queries."""
    ids = [i.id for i in initiatives if i.id is not None]
    authors = _authors_of(session, ids)
    unit_ids = {i.unit_id for i in initiatives}
    names = (
        dict(session.exec(select(Unit.id, Unit.name).where(col(Unit.id).in_(unit_ids))).all())
        if unit_ids
        else {}
    )
    me = access.own_staff_id(session, actor)
    out = []
    for i in initiatives:
        assert i.id is not None
        rows = authors[i.id]
        level = access.current_level(i)
        out.append(
            from_row(
                InitiativeRead,
                i,
                unit_name=names.get(i.unit_id, ""),
                kind=InitiativeKind(i.kind),
                kind_label=INITIATIVE_KIND_LABELS_VI[InitiativeKind(i.kind)],
                authors=[
                    AuthorOut(
                        staff_id=s.id or 0,
                        staff_code=s.code,
                        full_name=s.full_name,
                        share_percent=a.share_percent,
                    )
                    for a, s in rows
                ],
                evidence_links=[EvidenceLinkIn(**link) for link in i.evidence_links],
                recognised=level is not None,
                recognition_level=level,
                recognition_level_label=RECOGNITION_LEVEL_LABELS_VI[level] if level else None,
                used=i.used_by_achievement_id is not None,
                allowed_actions=access.allowed_actions(actor, i, me, {a.staff_id for a, _ in rows}),
            )
        )
    return out


def read_initiative(session: Session, actor: Actor, initiative: Initiative) -> InitiativeRead:
    return read_many(session, actor, [initiative])[0]


@dataclass(frozen=True)
class InitiativeFilters:
    unit_id: int | None = None  # the unit and its subject groups
    school_year: str | None = None
    kind: str | None = None
    staff_id: int | None = None  # has this author
    recognised: bool | None = None
    recognition_level: str | None = None
    q: str | None = None


def list_initiatives(
    session: Session, actor: Actor, f: InitiativeFilters, page: PageParams
) -> InitiativePage:
    query = access.readable(actor)
    if f.unit_id is not None:
        query = query.where(col(Initiative.unit_id).in_(descendant_unit_ids(session, f.unit_id)))
    query = where_given(
        query,
        (Initiative.school_year, f.school_year),
        (Initiative.kind, f.kind),
        (Initiative.recognition_level, f.recognition_level),
    )
    if f.staff_id is not None:
        authored = select(InitiativeAuthor.initiative_id).where(InitiativeAuthor.staff_id == f.staff_id)
        query = query.where(col(Initiative.id).in_(authored))
    if f.recognised is not None:
        level = col(Initiative.recognition_level)
        query = query.where(level.is_not(None) if f.recognised else level.is_(None))
    if f.q:
        query = query.where(matches(f.q, Initiative.title))
    rows, total = paginate(
        session, query, page, col(Initiative.school_year).desc(), col(Initiative.id).desc()
    )
    return page_of(InitiativePage, read_many(session, actor, rows), total, page)


def get_initiative(session: Session, actor: Actor, initiative_id: int) -> Initiative:
    return access.get_readable(session, actor, initiative_id)


# --- checks ----------------------------------------------------------------------------------------


def _check_unit(session: Session, actor: Actor, unit_id: int | None) -> int:
    unit = session.get(Unit, unit_id) if unit_id else None
    if unit is None or unit.id is None or not units_access.in_reach(actor, unit.id):
        raise Invalid("body.unit_id", "Không tìm thấy đơn vị trong phạm vi của bạn.", "not_found")
    return unit.id


def _check_authors(session: Session, unit_id: int, authors: list[AuthorIn]) -> None:
    """Authors are staff of the unit (its subject groups included), each once, with shares summing to 100."""
    problems = units.staff_list_problems(
        session,
        unit_id,
        [a.staff_id for a in authors],
        "body.authors",
        "Không có cán bộ id {staff_id} trong đơn vị có sáng kiến.",
        "Tác giả bị trùng trong danh sách.",
    )
    total = sum((a.share_percent for a in authors), Decimal(0))
    if total != HUNDRED:
        problems.append(
            FieldError(
                path="body.authors",
                type="share_sum",
                message=f"Tổng tỷ lệ đóng góp của các tác giả phải bằng 100 % (hiện là {total:.2f} %).",
            )
        )
    if problems:
        raise ValidationFailed("Danh sách tác giả chưa hợp lệ; không có gì được lưu.", problems)


def _author_ids(session: Session, initiative: Initiative) -> set[int]:
    return set(
        session.exec(
            select(InitiativeAuthor.staff_id).where(InitiativeAuthor.initiative_id == initiative.id)
        ).all()
    )


def _used_reason(session: Session, initiative: Initiative) -> str:
    from thidua.awards.models import Achievement

    achievement = session.get(Achievement, initiative.used_by_achievement_id)
    what = (
        f'khen thưởng "{achievement.award_name}" (quyết định số {achievement.decision_number})'
        if achievement is not None
        else f"thành tích id {initiative.used_by_achievement_id}"
    )
    return f"Sáng kiến đã được dùng làm căn cứ cho {what}; mỗi thành tích chỉ dùng cho một khen thưởng"


def _check_not_used(session: Session, initiative: Initiative, what: str) -> None:
    if initiative.used_by_achievement_id is not None:
        raise Conflict(f"{_used_reason(session, initiative)}, nên không thể {what}.")


def _check_editable(session: Session, actor: Actor, initiative: Initiative, what: str) -> None:
    access.require_editor(session, actor, initiative, _author_ids(session, initiative))
    _check_not_used(session, initiative, what)
    level = access.current_level(initiative)
    if level is not None:
        raise Conflict(
            f"Sáng kiến đã được công nhận {RECOGNITION_LEVEL_LABELS_VI[level]} "
            f"(quyết định số {initiative.recognition_decision}), nên không thể {what}; "
            "cần thu hồi công nhận trước."
        )


def _set_authors(session: Session, initiative_id: int, authors: list[AuthorIn]) -> None:
    for row in session.exec(
        select(InitiativeAuthor).where(InitiativeAuthor.initiative_id == initiative_id)
    ).all():
        session.delete(row)
    session.flush()
    for author in authors:
        session.add(
            InitiativeAuthor(
                initiative_id=initiative_id, staff_id=author.staff_id, share_percent=author.share_percent
            )
        )


def _authors_snapshot(session: Session, initiative_id: int) -> list[dict[str, Any]]:
    rows = session.exec(
        select(InitiativeAuthor)
        .where(InitiativeAuthor.initiative_id == initiative_id)
        .order_by(col(InitiativeAuthor.id))
    ).all()
    return [{"staff_id": a.staff_id, "share_percent": str(a.share_percent)} for a in rows]


# --- writing ---------------------------------------------------------------------------------------


def create_initiative(session: Session, actor: Actor, data: InitiativeCreate) -> Initiative:
    unit_id = _check_unit(session, actor, data.unit_id or actor.user.unit_id)
    _check_authors(session, unit_id, data.authors)
    access.require_own_authorship(session, actor, unit_id, data.authors)
    initiative = Initiative(
        unit_id=unit_id,
        kind=data.kind.value,
        title=data.title,
        summary=data.summary,
        school_year=data.school_year,
        evidence_links=[link.model_dump() for link in data.evidence_links],
    )
    session.add(initiative)
    session.flush()
    assert initiative.id is not None
    _set_authors(session, initiative.id, data.authors)
    audit.record(session, actor, "create", initiative, None)
    session.commit()
    return initiative


def update_initiative(
    session: Session, actor: Actor, initiative: Initiative, data: InitiativeUpdate
) -> Initiative:
    _check_editable(session, actor, initiative, "sửa")
    assert initiative.id is not None
    changes: dict[str, Any] = {
        k: v
        for k, v in data.model_dump(exclude_unset=True, mode="json").items()
        if v is not None and k != "authors"
    }
    # The audit event keeps the authors from before the change (the initiative row does not hold them).
    before = {**audit.snapshot(initiative), "authors": _authors_snapshot(session, initiative.id)}
    if data.authors is not None:
        _check_authors(session, initiative.unit_id, data.authors)
        access.require_own_authorship(session, actor, initiative.unit_id, data.authors)
        _set_authors(session, initiative.id, data.authors)
    return audit.save_changes(session, actor, initiative, changes, "update", before)


def delete_initiative(session: Session, actor: Actor, initiative: Initiative) -> None:
    _check_editable(session, actor, initiative, "xóa")
    audit.record_removal(session, actor, "delete", initiative)
    session.delete(initiative)  # the authors go with it (ON DELETE CASCADE)
    session.commit()


_LEVEL_REFUSED = (
    "Thủ trưởng đơn vị chỉ công nhận sáng kiến cấp cơ sở (đơn vị); công nhận cấp xã, cấp tỉnh do "
    "Phòng Văn hóa - Xã hội ghi nhận theo quyết định của cấp có thẩm quyền."
)


def recognise(session: Session, actor: Actor, initiative: Initiative, data: RecognitionIn) -> Initiative:
    """Record (or replace, e.g. a later commune-level recognition) the recognition of an initiative."""
    current = access.current_level(initiative)
    if not access.may_recognise(actor, initiative.unit_id, data.recognition_level) or (
        current is not None and not access.may_recognise(actor, initiative.unit_id, current)
    ):
        raise Forbidden(_LEVEL_REFUSED)
    _check_not_used(session, initiative, "thay đổi công nhận")
    if data.recognition_date > today():
        raise Invalid("body.recognition_date", "Ngày công nhận không được sau ngày hôm nay.", "future_date")
    changes = data.model_dump(mode="python")
    changes["recognition_level"] = data.recognition_level.value
    return audit.save_changes(session, actor, initiative, changes, "recognise")


def withdraw_recognition(session: Session, actor: Actor, initiative: Initiative) -> Initiative:
    current = access.current_level(initiative)
    if current is None:
        raise Conflict("Sáng kiến chưa được công nhận nên không có gì để thu hồi.")
    if not access.may_recognise(actor, initiative.unit_id, current):
        raise Forbidden(
            f"Sáng kiến được công nhận {RECOGNITION_LEVEL_LABELS_VI[current]}; "
            "chỉ Phòng Văn hóa - Xã hội được thu hồi công nhận này."
        )
    _check_not_used(session, initiative, "thu hồi công nhận")
    changes = dict.fromkeys(
        ("recognition_level", "recognition_decision", "recognition_date", "recognised_by")
    )
    return audit.save_changes(session, actor, initiative, changes, "withdraw_recognition")
