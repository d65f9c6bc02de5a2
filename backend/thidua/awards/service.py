"""Award types (versioned like frameworks), rounds, council meetings and the achievement history."""

import secrets
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter
from sqlmodel import Session, col, func, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor, get_visible, scoped
from thidua.auth.roles import Permission, Role
from thidua.awards.eligibility import RULES
from thidua.awards.models import (
    AWARD_LEVEL_LABELS_VI,
    GRANTING_AUTHORITY_LABELS_VI,
    ROUND_KIND_LABELS_VI,
    Achievement,
    AwardLevel,
    AwardRound,
    AwardType,
    CouncilMeeting,
    GrantingAuthority,
    Nomination,
    RoundKind,
    SubjectKind,
)
from thidua.awards.rules import Rule
from thidua.awards.schemas import (
    AchievementCreate,
    AchievementPage,
    AchievementRead,
    AwardRoundCreate,
    AwardRoundPage,
    AwardRoundRead,
    AwardRoundUpdate,
    AwardTypeDocument,
    AwardTypePage,
    AwardTypeRead,
    CouncilMeetingCreate,
    CouncilMeetingPage,
    CouncilMeetingRead,
    CouncilMeetingUpdate,
    OfferedAward,
)
from thidua.awards.texts import rule_text
from thidua.core.errors import Conflict, FieldError, Invalid, NotFound, ValidationFailed
from thidua.core.models import today, utcnow
from thidua.core.pagination import PageParams, paginate
from thidua.core.search import where_given
from thidua.frameworks.models import Framework, Indicator
from thidua.movements.models import Movement, Phase
from thidua.movements.service import school_years
from thidua.units.models import StaffMember, Unit

# Who grants what: the granting authority follows from the level.
AUTHORITY_OF_LEVEL = {
    AwardLevel.unit: GrantingAuthority.unit_head,
    AwardLevel.commune: GrantingAuthority.commune_chairman,
    AwardLevel.province: GrantingAuthority.province_chairman,
}
RULE_LIST = TypeAdapter(list[Rule])

# --- Award types --------------------------------------------------------------------------------


def nomination_count(session: Session, award_type_id: int) -> int:
    return int(session.exec(select(func.count()).where(Nomination.award_type_id == award_type_id)).one())


def read_award_type(session: Session, actor: Actor, t: AwardType) -> AwardTypeRead:
    assert t.id is not None
    used = nomination_count(session, t.id)
    actions: list[str] = []
    if actor.can(Permission.award_types_write):
        if t.status != "retired" and not used:
            actions.append("update")
        actions.append("new_version")
        if t.status == "draft":
            actions.append("activate")
    rules = RULE_LIST.validate_python(t.rules)
    return AwardTypeRead(
        id=t.id,
        code=t.code,
        version_number=t.version_number,
        name=t.name,
        level=AwardLevel(t.level),
        level_label=AWARD_LEVEL_LABELS_VI[AwardLevel(t.level)],
        granting_authority=GrantingAuthority(t.granting_authority),
        granting_authority_label=GRANTING_AUTHORITY_LABELS_VI[GrantingAuthority(t.granting_authority)],
        subject_kind=SubjectKind(t.subject_kind),
        round_kinds=[RoundKind(k) for k in t.round_kinds],
        rules=t.rules,
        rule_texts=[rule_text(r) for r in rules],
        themed=t.themed,
        merit_based=t.merit_based,
        description=t.description,
        status=t.status,
        based_on_id=t.based_on_id,
        nomination_count=used,
        version=t.version,
        allowed_actions=actions,
        created_at=t.created_at,
        updated_at=t.updated_at,
    )


@dataclass(frozen=True)
class AwardTypeFilters:
    status: str | None = None
    code: str | None = None
    level: str | None = None
    subject_kind: str | None = None


def list_award_types(session: Session, actor: Actor, f: AwardTypeFilters, page: PageParams) -> AwardTypePage:
    query = select(AwardType)
    query = where_given(
        query,
        (AwardType.status, f.status),
        (AwardType.code, f.code),
        (AwardType.level, f.level),
        (AwardType.subject_kind, f.subject_kind),
    )
    rows, total = paginate(session, query, page, col(AwardType.code), col(AwardType.version_number).desc())
    return AwardTypePage(
        items=[read_award_type(session, actor, t) for t in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


def get_award_type(session: Session, award_type_id: int) -> AwardType:
    t = session.get(AwardType, award_type_id)
    if t is None:
        raise NotFound(f"Không tìm thấy hình thức khen thưởng có id {award_type_id}.")
    return t


def _indicator_codes(session: Session, subject_kind: SubjectKind) -> set[str]:
    kind = "unit" if subject_kind == SubjectKind.collective else "individual"
    return set(
        session.exec(
            select(Indicator.code)
            .join(Framework, col(Framework.id) == Indicator.framework_id)
            .where(Framework.subject_kind == kind)
        ).all()
    )


def _classification_codes(session: Session) -> set[str]:
    codes = {"excellent", "good", "completed", "not_completed"}
    for bands in session.exec(select(Framework.classification)).all():
        codes |= {b.get("code") for b in bands or [] if b.get("code")}
    return codes


def _rule_problems(session: Session, doc: AwardTypeDocument) -> list[FieldError]:
    """What pydantic cannot see: references to other data, and rules that do not fit the subject."""
    problems: list[FieldError] = []
    collective = doc.subject_kind == SubjectKind.collective
    known_awards = set(session.exec(select(AwardType.code)).all()) | {doc.code}
    indicators: set[str] | None = None
    classes = _classification_codes(session)

    def err(path: str, message: str, type_: str = "invalid") -> None:
        problems.append(FieldError(path=path, message=message, type=type_))

    def check(rule: Any, path: str) -> None:
        nonlocal indicators
        kind = rule.kind
        if kind == "scorecard" and rule.min_classification and rule.min_classification not in classes:
            err(
                f"{path}.min_classification",
                f"Không có mức xếp loại '{rule.min_classification}'.",
                "not_found",
            )
        code = getattr(rule, "award_type_code", None)
        if kind in ("award_held", "members", "quota") and code and code not in known_awards:
            err(
                f"{path}.award_type_code",
                f"Không có hình thức khen thưởng mã '{code}'.",
                "not_found",
            )
        if kind == "award_held" and rule.span == "recent" and not rule.years:
            err(f"{path}.years", "Cần số năm học khi phạm vi là 'recent'.", "missing")
        if kind == "indicator":
            indicators = indicators if indicators is not None else _indicator_codes(session, doc.subject_kind)
            if rule.indicator_code not in indicators:
                err(
                    f"{path}.indicator_code",
                    f"Không có chỉ tiêu '{rule.indicator_code}' trong bảng điểm của đối tượng này.",
                    "not_found",
                )
        if kind == "members" and not collective:
            err(f"{path}.kind", "Điều kiện về thành viên chỉ dùng cho tập thể.", "not_applicable")
        if kind == "members" and not rule.award_type_code and not rule.min_rating:
            err(path, "Cần nêu danh hiệu hoặc mức xếp loại của thành viên.", "missing")
        if kind == "members" and rule.min_percent is None and rule.min_count is None:
            err(path, "Cần tỷ lệ tối thiểu hoặc số lượng tối thiểu.", "missing")
        if kind == "no_open_flag" and rule.of_members and not collective:
            err(f"{path}.of_members", "Chỉ tập thể mới có thành viên.", "not_applicable")
        if kind == "staff_rating" and collective:
            err(f"{path}.kind", "Xếp loại cán bộ chỉ dùng cho cá nhân.", "not_applicable")
        if kind == "quota":
            if rule.of in ("unit_staff", "commune_staff", "unit_award_holders") and collective:
                err(f"{path}.of", "Hạn mức theo số cán bộ chỉ dùng cho cá nhân.", "not_applicable")
            if rule.of == "commune_units" and not collective:
                err(f"{path}.of", "Hạn mức theo số cơ sở giáo dục chỉ dùng cho tập thể.", "not_applicable")
            if rule.of == "unit_award_holders" and not rule.award_type_code:
                err(f"{path}.award_type_code", "Cần mã danh hiệu làm cơ sở tính hạn mức.", "missing")
        if kind == "any_of":
            for j, sub in enumerate(rule.rules):
                check(sub, f"{path}.rules.{j}")

    for i, rule in enumerate(doc.rules):
        check(rule, f"body.rules.{i}")
    if sum(1 for r in doc.rules if r.kind == "quota") > 1:
        err("body.rules", "Mỗi hình thức chỉ có một điều kiện hạn mức.", "duplicate")
    if doc.granting_authority != AUTHORITY_OF_LEVEL[doc.level]:
        err(
            "body.granting_authority",
            f"Khen thưởng {AWARD_LEVEL_LABELS_VI[doc.level].lower()} do "
            f"{GRANTING_AUTHORITY_LABELS_VI[AUTHORITY_OF_LEVEL[doc.level]]} quyết định.",
        )
    return problems


def _validate_type(session: Session, doc: AwardTypeDocument) -> None:
    problems = _rule_problems(session, doc)
    if problems:
        raise ValidationFailed("Hình thức khen thưởng chưa hợp lệ; không có gì được lưu.", problems)


def _type_fields(doc: AwardTypeDocument) -> dict[str, Any]:
    return {
        "name": doc.name,
        "level": doc.level.value,
        "granting_authority": doc.granting_authority.value,
        "subject_kind": doc.subject_kind.value,
        "round_kinds": sorted({k.value for k in doc.round_kinds}),
        "rules": RULE_LIST.dump_python(doc.rules, mode="json", exclude_none=True),
        "themed": doc.themed,
        "merit_based": doc.merit_based,
        "description": doc.description,
    }


def create_award_type(session: Session, actor: Actor, doc: AwardTypeDocument) -> AwardType:
    if session.exec(select(AwardType).where(AwardType.code == doc.code)).first():
        raise Conflict(f"Đã có hình thức khen thưởng mã '{doc.code}'; hãy tạo phiên bản mới của nó.")
    _validate_type(session, doc)
    t = AwardType(code=doc.code, **_type_fields(doc))
    session.add(t)
    session.flush()
    audit.record(session, actor, "create", t, None)
    session.commit()
    return t


def replace_award_type(session: Session, actor: Actor, t: AwardType, doc: AwardTypeDocument) -> AwardType:
    used = nomination_count(session, t.id or 0)
    if used:
        raise Conflict(
            f"Phiên bản {t.version_number} của '{t.code}' đã được {used} đề nghị khen thưởng sử dụng nên "
            "không thể sửa; hãy tạo phiên bản mới."
        )
    if t.status == "retired":
        raise Conflict("Phiên bản này đã ngừng sử dụng; hãy tạo phiên bản mới.")
    if doc.code != t.code:
        raise Invalid("body.code", "Không đổi được mã của hình thức khen thưởng đã có.", "immutable")
    _validate_type(session, doc)
    return audit.save_changes(session, actor, t, _type_fields(doc), "update")


def new_award_type_version(session: Session, actor: Actor, source: AwardType) -> AwardType:
    latest = session.exec(
        select(func.max(AwardType.version_number)).where(AwardType.code == source.code)
    ).one()
    copy = AwardType(
        **source.model_dump(
            exclude={
                "id",
                "version",
                "version_number",
                "status",
                "based_on_id",
                "activated_at",
                "created_at",
                "updated_at",
            }
        ),
        version_number=int(latest or 0) + 1,
        based_on_id=source.id,
    )
    session.add(copy)
    session.flush()
    audit.record(session, actor, "new_version", copy, None)
    session.commit()
    return copy


def activate_award_type(session: Session, actor: Actor, t: AwardType) -> AwardType:
    if t.status != "draft":
        raise Conflict("Chỉ phiên bản nháp mới kích hoạt được.")
    for other in session.exec(
        select(AwardType).where(AwardType.code == t.code, AwardType.status == "active")
    ):
        audit.save_changes(session, actor, other, {"status": "retired"}, "retire")
    return audit.save_changes(session, actor, t, {"status": "active", "activated_at": utcnow()}, "activate")


def active_award_type(session: Session, code: str) -> AwardType | None:
    return session.exec(select(AwardType).where(AwardType.code == code, AwardType.status == "active")).first()


def type_rules(t: AwardType) -> list[Rule]:
    return RULES.validate_python(t.rules)


# --- Rounds -------------------------------------------------------------------------------------


def round_is_open(r: AwardRound) -> bool:
    return r.opens_on <= today() <= r.closes_on


def read_round(session: Session, actor: Actor, r: AwardRound) -> AwardRoundRead:
    assert r.id is not None
    offered = []
    for code in r.award_type_codes:
        t = active_award_type(session, code)
        offered.append(
            OfferedAward(
                code=code,
                award_type_id=t.id if t else None,
                name=t.name if t else code,
                level=AwardLevel(t.level) if t else None,
                subject_kind=SubjectKind(t.subject_kind) if t else None,
            )
        )
    counts = dict(
        session.exec(
            select(Nomination.status, func.count())
            .where(Nomination.round_id == r.id)
            .group_by(Nomination.status)
        ).all()
    )
    return AwardRoundRead(
        id=r.id,
        kind=RoundKind(r.kind),
        kind_label=ROUND_KIND_LABELS_VI[RoundKind(r.kind)],
        name=r.name,
        school_year=r.school_year,
        phase_id=r.phase_id,
        school_years=r.school_years,
        opens_on=r.opens_on,
        closes_on=r.closes_on,
        is_open=round_is_open(r),
        award_types=offered,
        nomination_counts={str(k): int(v) for k, v in counts.items()},
        version=r.version,
        allowed_actions=["update"] if actor.can(Permission.award_rounds_write) else [],
        created_at=r.created_at,
        updated_at=r.updated_at,
    )


def list_rounds(session: Session, actor: Actor, kind: str | None, page: PageParams) -> AwardRoundPage:
    query = select(AwardRound)
    if kind:
        query = query.where(AwardRound.kind == kind)
    rows, total = paginate(session, query, page, col(AwardRound.closes_on).desc(), col(AwardRound.id).desc())
    return AwardRoundPage(
        items=[read_round(session, actor, r) for r in rows], total=total, limit=page.limit, offset=page.offset
    )


def get_round(session: Session, round_id: int, path: str | None = None) -> AwardRound:
    r = session.get(AwardRound, round_id)
    if r is None:
        if path:
            raise Invalid(path, f"Không tìm thấy đợt khen thưởng có id {round_id}.", "not_found")
        raise NotFound(f"Không tìm thấy đợt khen thưởng có id {round_id}.")
    return r


def _offered_problems(session: Session, kind: RoundKind, codes: list[str]) -> list[FieldError]:
    problems = []
    for i, code in enumerate(codes):
        t = active_award_type(session, code)
        if t is None:
            problems.append(
                FieldError(
                    path=f"body.award_type_codes.{i}",
                    type="not_found",
                    message=f"Không có hình thức khen thưởng '{code}' đang áp dụng.",
                )
            )
        elif kind.value not in t.round_kinds:
            problems.append(
                FieldError(
                    path=f"body.award_type_codes.{i}",
                    type="not_applicable",
                    message=f"'{t.name}' ({code}) không xét trong {ROUND_KIND_LABELS_VI[kind].lower()}.",
                )
            )
    if len(set(codes)) != len(codes):
        problems.append(FieldError(path="body.award_type_codes", type="duplicate", message="Mã bị lặp."))
    return problems


def _check_dates(opens_on: Any, closes_on: Any) -> None:
    if closes_on < opens_on:
        raise Invalid("body.closes_on", "Ngày hết hạn nhận đề nghị phải sau ngày mở.", "before_open")


def create_round(session: Session, actor: Actor, data: AwardRoundCreate) -> AwardRound:
    movement = session.exec(select(Movement).order_by(col(Movement.id))).first()
    if movement is None or movement.id is None:
        raise Conflict("Chưa có phong trào thi đua nào.")
    _check_dates(data.opens_on, data.closes_on)
    phase_id = None
    if data.kind == RoundKind.annual:
        if not data.school_year:
            raise Invalid("body.school_year", "Đợt khen thưởng năm học cần năm học.", "missing")
        years = [data.school_year]
        name = data.name or f"Khen thưởng năm học {data.school_year}"
    else:
        number = data.phase_number or (1 if data.kind == RoundKind.preliminary else 2)
        phase = session.exec(
            select(Phase).where(Phase.movement_id == movement.id, Phase.number == number)
        ).first()
        if phase is None:
            raise Invalid("body.phase_number", f"Phong trào không có giai đoạn {number}.", "not_found")
        phase_id = phase.id
        years = school_years(phase.start_year, phase.end_year)
        name = data.name or f"{ROUND_KIND_LABELS_VI[data.kind]} ({phase.name})"
    problems = _offered_problems(session, data.kind, data.award_type_codes)
    if problems:
        raise ValidationFailed("Danh sách hình thức khen thưởng chưa hợp lệ.", problems)
    r = AwardRound(
        movement_id=movement.id,
        kind=data.kind.value,
        name=name,
        school_year=data.school_year if data.kind == RoundKind.annual else None,
        phase_id=phase_id,
        school_years=years,
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        award_type_codes=data.award_type_codes,
    )
    session.add(r)
    session.flush()
    audit.record(session, actor, "create", r, None)
    session.commit()
    return r


def update_round(session: Session, actor: Actor, r: AwardRound, data: AwardRoundUpdate) -> AwardRound:
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    _check_dates(changes.get("opens_on", r.opens_on), changes.get("closes_on", r.closes_on))
    if "award_type_codes" in changes:
        problems = _offered_problems(session, RoundKind(r.kind), changes["award_type_codes"])
        used = set(session.exec(select(Nomination.award_type_code).where(Nomination.round_id == r.id)).all())
        for code in sorted(used - set(changes["award_type_codes"])):
            problems.append(
                FieldError(
                    path="body.award_type_codes",
                    type="in_use",
                    message=f"Đã có đề nghị cho '{code}' trong đợt này; không bỏ được.",
                )
            )
        if problems:
            raise ValidationFailed("Danh sách hình thức khen thưởng chưa hợp lệ.", problems)
    return audit.save_changes(session, actor, r, changes, "update")


# --- Council meetings ---------------------------------------------------------------------------


def read_meeting(session: Session, actor: Actor, m: CouncilMeeting) -> CouncilMeetingRead:
    assert m.id is not None
    r = session.get(AwardRound, m.round_id)
    reviewed = int(session.exec(select(func.count()).where(Nomination.meeting_id == m.id)).one())
    return CouncilMeetingRead(
        id=m.id,
        round_id=m.round_id,
        round_name=r.name if r else "",
        held_on=m.held_on,
        location=m.location,
        chair=m.chair,
        secretary=m.secretary,
        members_present=m.members_present,
        members_total=m.members_total,
        notes=m.notes,
        reviewed_count=reviewed,
        version=m.version,
        allowed_actions=["update", "minutes"] if actor.can(Permission.nominations_review) else ["minutes"],
        created_at=m.created_at,
        updated_at=m.updated_at,
    )


def list_meetings(
    session: Session, actor: Actor, round_id: int | None, page: PageParams
) -> CouncilMeetingPage:
    query = select(CouncilMeeting)
    if round_id is not None:
        query = query.where(CouncilMeeting.round_id == round_id)
    rows, total = paginate(
        session, query, page, col(CouncilMeeting.held_on).desc(), col(CouncilMeeting.id).desc()
    )
    return CouncilMeetingPage(
        items=[read_meeting(session, actor, m) for m in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


def get_meeting(session: Session, meeting_id: int) -> CouncilMeeting:
    m = session.get(CouncilMeeting, meeting_id)
    if m is None:
        raise NotFound(f"Không tìm thấy phiên họp Hội đồng có id {meeting_id}.")
    return m


def _check_attendance(present: list[str], total: int) -> None:
    if len(present) > total:
        raise Invalid("body.members_present", f"Số thành viên có mặt vượt quá tổng số {total}.", "too_many")


def create_meeting(session: Session, actor: Actor, data: CouncilMeetingCreate) -> CouncilMeeting:
    get_round(session, data.round_id, "body.round_id")
    _check_attendance(data.members_present, data.members_total)
    m = CouncilMeeting(**data.model_dump())
    session.add(m)
    session.flush()
    audit.record(session, actor, "create", m, None)
    session.commit()
    return m


def update_meeting(
    session: Session, actor: Actor, m: CouncilMeeting, data: CouncilMeetingUpdate
) -> CouncilMeeting:
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    _check_attendance(
        changes.get("members_present", m.members_present), changes.get("members_total", m.members_total)
    )
    return audit.save_changes(session, actor, m, changes, "update")


# --- Achievements -------------------------------------------------------------------------------


def new_verification_code(session: Session) -> str:
    """'TD-' and 8 characters without look-alikes (no 0/O, 1/I/L)."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    while True:
        code = "TD-" + "".join(secrets.choice(alphabet) for _ in range(8))
        if session.exec(select(Achievement.id).where(Achievement.verification_code == code)).first() is None:
            return code


def _own_staff_id(session: Session, actor: Actor) -> int | None:
    return session.exec(select(StaffMember.id).where(StaffMember.user_id == actor.id)).first()


def _staff_only(actor: Actor) -> bool:
    """Teachers see their own achievements only; managers and the commune see their scope."""
    return Role.staff in actor.roles and not actor.roles - {Role.staff}


def read_achievement(session: Session, actor: Actor, a: Achievement) -> AchievementRead:
    assert a.id is not None
    unit = session.get(Unit, a.unit_id)
    staff = session.get(StaffMember, a.staff_id) if a.staff_id else None
    actions = ["certificate"] if a.verification_code else []
    if a.nomination_id is None and actor.can(Permission.achievements_write):
        actions.append("delete")
    return AchievementRead(
        id=a.id,
        unit_id=a.unit_id,
        unit_name=unit.name if unit else "",
        staff_id=a.staff_id,
        subject_name=staff.full_name if staff else (unit.name if unit else ""),
        award_type_code=a.award_type_code,
        award_name=a.award_name,
        level=AwardLevel(a.level),
        school_year=a.school_year,
        decision_number=a.decision_number,
        decision_date=a.decision_date,
        issuer=a.issuer,
        themed=a.themed,
        round_id=a.round_id,
        nomination_id=a.nomination_id,
        decision_id=a.decision_id,
        verification_code=a.verification_code,
        version=a.version,
        allowed_actions=actions,
        created_at=a.created_at,
    )


@dataclass(frozen=True)
class AchievementFilters:
    unit_id: int | None = None
    staff_id: int | None = None
    school_year: str | None = None
    award_type_code: str | None = None
    round_id: int | None = None


def _achievement_scope(session: Session, actor: Actor, query: Any) -> Any:
    query = scoped(query, Achievement.unit_id, actor)
    if _staff_only(actor):
        query = query.where(Achievement.staff_id == (_own_staff_id(session, actor) or -1))
    return query


def list_achievements(
    session: Session, actor: Actor, f: AchievementFilters, page: PageParams
) -> AchievementPage:
    query = _achievement_scope(session, actor, select(Achievement))
    query = where_given(
        query,
        (Achievement.unit_id, f.unit_id),
        (Achievement.staff_id, f.staff_id),
        (Achievement.school_year, f.school_year),
        (Achievement.award_type_code, f.award_type_code),
        (Achievement.round_id, f.round_id),
    )
    rows, total = paginate(
        session, query, page, col(Achievement.decision_date).desc(), col(Achievement.id).desc()
    )
    return AchievementPage(
        items=[read_achievement(session, actor, a) for a in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


def get_achievement(session: Session, actor: Actor, achievement_id: int) -> Achievement:
    a = get_visible(session, Achievement, achievement_id, actor, "thành tích")
    if _staff_only(actor) and a.staff_id != _own_staff_id(session, actor):
        raise NotFound(f"Không tìm thấy thành tích có id {achievement_id}.")
    return a


def create_achievement(session: Session, actor: Actor, data: AchievementCreate) -> Achievement:
    unit = session.get(Unit, data.unit_id)
    if unit is None:
        raise Invalid("body.unit_id", f"Không tìm thấy đơn vị có id {data.unit_id}.", "not_found")
    if data.staff_id is not None:
        staff = session.get(StaffMember, data.staff_id)
        if staff is None or staff.unit_id not in _unit_tree(session, data.unit_id):
            raise Invalid("body.staff_id", "Không có cán bộ này trong đơn vị đã chọn.", "not_in_unit")
    if data.decision_date > today():
        raise Invalid("body.decision_date", "Ngày quyết định không được ở tương lai.", "future")
    a = Achievement(**data.model_dump(mode="python"))
    a.level = data.level.value
    session.add(a)
    session.flush()
    audit.record(session, actor, "create", a, None)
    session.commit()
    return a


def _unit_tree(session: Session, unit_id: int) -> frozenset[int]:
    from thidua.auth.policy import descendant_unit_ids

    return descendant_unit_ids(session, unit_id)


def delete_achievement(session: Session, actor: Actor, a: Achievement) -> None:
    if a.nomination_id is not None:
        raise Conflict("Thành tích do quyết định khen thưởng trên hệ thống tạo ra; không xóa được.")
    audit.record_removal(session, actor, "delete", a)
    session.delete(a)
    session.commit()
