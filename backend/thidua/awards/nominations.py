"""Nominations: draft → submitted → reviewed by the council (commune officer) → approved or rejected by
the commune leader → decided. Unit-level certificates skip the council: the unit head approves them for
their own staff. Every step re-runs the eligibility engine; an approval over a failed rule needs a
written reason, which stays on the nomination for everyone to see."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, col, func, select

from thidua.assessments.models import ScorecardSnapshot, SelfAssessment
from thidua.audit import service as audit
from thidua.auth.policy import Actor, descendant_unit_ids, get_visible, scoped
from thidua.auth.roles import Permission, Role
from thidua.awards import eligibility as engine
from thidua.awards.history import classes, load_history, subject_key
from thidua.awards.models import Achievement, AwardLevel, AwardRound, AwardType, Nomination, SubjectKind
from thidua.awards.rules import QuotaRule
from thidua.awards.schemas import (
    ApproveInput,
    EligibilityPreview,
    EligibilityResult,
    LinkedAssessment,
    LinkedInitiative,
    NominationCreate,
    NominationPage,
    NominationRead,
    NominationUpdate,
    RejectInput,
    ReviewInput,
    RuleOutcome,
)
from thidua.awards.service import active_award_type, get_meeting, get_round, round_is_open, type_rules
from thidua.awards.texts import NOMINATION_STATUS_LABELS_VI
from thidua.core.errors import Conflict, FieldError, Forbidden, Invalid, ValidationFailed
from thidua.core.models import utcnow
from thidua.core.pagination import PageParams, paginate
from thidua.core.search import matches, where_given
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.units.models import StaffMember, Unit

OPEN_STATUSES = ("draft", "submitted", "reviewed")
APPROVED_STATUSES = ("approved", "proposed", "decided")


# --- Eligibility --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """Who is nominated for what, in which round: enough to evaluate, stored or not."""

    round: AwardRound
    award_type: AwardType
    unit_id: int
    staff_id: int | None
    nomination_id: int | None = None


def _school_of(session: Session, unit_id: int) -> int:
    """The school (or other top unit under the commune) a unit belongs to."""
    unit = session.get(Unit, unit_id)
    while unit is not None and unit.kind == "subject_group" and unit.parent_id is not None:
        unit = session.get(Unit, unit.parent_id)
    return unit.id if unit and unit.id else unit_id


def _active_staff_count(session: Session, unit_ids: frozenset[int] | None) -> int:
    query = select(func.count()).select_from(StaffMember).where(col(StaffMember.is_active).is_(True))
    if unit_ids is not None:
        query = query.where(col(StaffMember.unit_id).in_(unit_ids))
    return int(session.exec(query).one())


def _others(session: Session, c: Candidate, statuses: tuple[str, ...]) -> list[Nomination]:
    query = select(Nomination).where(
        Nomination.round_id == c.round.id,
        Nomination.award_type_code == c.award_type.code,
        col(Nomination.status).in_(statuses),
    )
    if c.nomination_id is not None:
        query = query.where(Nomination.id != c.nomination_id)
    return list(session.exec(query).all())


def _quota(session: Session, c: Candidate, rule: QuotaRule, passes_others: bool) -> engine.Quota:
    """The base and the slots already used for the award type's quota rule. "Eligible subjects" are
    the nominations of the round (past draft, not rejected) whose other rules all pass."""
    school = _school_of(session, c.unit_id)
    tree = descendant_unit_ids(session, school)
    same_unit = rule.of in ("unit_staff", "unit_award_holders")
    approved = [n for n in _others(session, c, APPROVED_STATUSES) if not same_unit or n.unit_id in tree]
    if rule.of == "eligible":
        active = _others(session, c, ("submitted", "reviewed", *APPROVED_STATUSES))
        base = sum(1 for n in active if _others_pass(n.eligibility)) + (1 if passes_others else 0)
    elif rule.of == "unit_staff":
        base = _active_staff_count(session, tree)
    elif rule.of == "commune_staff":
        base = _active_staff_count(session, None)
    elif rule.of == "commune_units":
        base = int(
            session.exec(
                select(func.count())
                .select_from(Unit)
                .where(Unit.kind == "school", col(Unit.is_active).is_(True))
            ).one()
        )
    else:  # unit_award_holders
        base = int(
            session.exec(
                select(func.count()).where(
                    Achievement.award_type_code == rule.award_type_code,
                    Achievement.school_year == c.round.school_years[-1],
                    col(Achievement.unit_id).in_(tree),
                    col(Achievement.staff_id).is_not(None),
                )
            ).one()
        )
    return engine.Quota(bases={rule.of: base}, used={rule.of: len(approved)})


def _others_pass(stored: dict[str, Any]) -> bool:
    return all(o["passed"] for o in stored.get("outcomes", []) if o.get("kind") != "quota")


def evaluate(session: Session, c: Candidate) -> engine.Eligibility:
    rules = type_rules(c.award_type)
    own_achievement = None
    if c.nomination_id is not None:
        own_achievement = session.exec(
            select(Achievement.id).where(Achievement.nomination_id == c.nomination_id)
        ).first()
    history = load_history(session, c.unit_id, c.staff_id, own_achievement)
    rnd = engine.Round(
        school_years=tuple(c.round.school_years),
        award_type_code=c.award_type.code,
        merit_based=c.award_type.merit_based,
        classes=classes(session, c.award_type.subject_kind),
    )
    base = engine.evaluate(engine.without_quota(rules), rnd, history)
    quota = engine.Quota()
    for rule in rules:
        if isinstance(rule, QuotaRule):
            quota = _quota(session, c, rule, base.eligible)
    return engine.evaluate(rules, rnd, history, quota)


def _stored(result: engine.Eligibility) -> dict[str, Any]:
    return {
        "eligible": result.eligible,
        "outcomes": [
            {"index": o.index, "kind": o.kind, "passed": o.passed, "reason": o.reason}
            for o in result.outcomes
        ],
        "evaluated_at": utcnow().isoformat(),
    }


def _result(stored: dict[str, Any]) -> EligibilityResult:
    return EligibilityResult(
        eligible=bool(stored.get("eligible")),
        outcomes=[RuleOutcome(**o) for o in stored.get("outcomes", [])],
        evaluated_at=stored.get("evaluated_at"),
    )


def _candidate(session: Session, n: Nomination) -> Candidate:
    t = session.get(AwardType, n.award_type_id)
    assert t is not None
    return Candidate(get_round(session, n.round_id), t, n.unit_id, n.staff_id, n.id)


# --- Reading ------------------------------------------------------------------------------------


def _is_unit_head_of(actor: Actor, n: Nomination) -> bool:
    return (
        Role.unit_manager in actor.roles and actor.visible_unit_ids is not None and actor.sees_unit(n.unit_id)
    )


def _may_nominate_level(actor: Actor, level: str) -> bool:
    if actor.roles & {Role.admin, Role.commune_officer}:
        return True
    return Role.unit_manager in actor.roles and level in (AwardLevel.unit, AwardLevel.commune)


def allowed_actions(actor: Actor, n: Nomination) -> list[str]:
    actions: list[str] = []
    writer = actor.can(Permission.nominations_write) and actor.sees_unit(n.unit_id)
    writer = writer and _may_nominate_level(actor, n.level)
    unit_level = n.level == AwardLevel.unit
    if n.status == "draft" and writer:
        actions += ["update", "delete", "submit"]
    if n.status == "submitted" and writer:
        actions.append("withdraw")
    if n.status == "submitted" and not unit_level and actor.can(Permission.nominations_review):
        actions.append("review")
    if n.status == "submitted" and unit_level and _is_unit_head_of(actor, n):
        actions += ["approve", "reject"]
    if n.status == "reviewed" and not unit_level and Role.commune_leader in actor.roles:
        actions += ["approve", "reject"]
    return actions


# Rules that read staff ratings and flags: their outcomes (and reasons, which name a rating or count
# open flags) are personal data, shown only to those who may read ratings and flags.
PERSONAL_RULE_KINDS = frozenset({"no_open_flag", "staff_rating", "members", "any_of"})


def _for_reader(actor: Actor, result: EligibilityResult) -> EligibilityResult:
    if actor.can(Permission.conduct_read):
        return result
    kept = [o for o in result.outcomes if o.kind not in PERSONAL_RULE_KINDS]
    return result.model_copy(update={"outcomes": kept})


def read_nomination(session: Session, actor: Actor, n: Nomination, live: bool = False) -> NominationRead:
    assert n.id is not None
    r = session.get(AwardRound, n.round_id)
    t = session.get(AwardType, n.award_type_id)
    unit = session.get(Unit, n.unit_id)
    staff = session.get(StaffMember, n.staff_id) if n.staff_id else None
    stored = (
        _stored(evaluate(session, _candidate(session, n)))
        if live and n.status in OPEN_STATUSES
        else n.eligibility
    )
    initiatives = [
        LinkedInitiative(
            id=i.id or 0,
            title=i.title,
            school_year=i.school_year,
            recognition_level=i.recognition_level,
            used=i.used_by_achievement_id is not None,
        )
        for i in (
            session.exec(select(Initiative).where(col(Initiative.id).in_(n.initiative_ids))).all()
            if n.initiative_ids
            else []
        )
    ]
    assessments = []
    for a in session.exec(select(SelfAssessment).where(col(SelfAssessment.id).in_(n.assessment_ids or [-1]))):
        snap = session.exec(select(ScorecardSnapshot).where(ScorecardSnapshot.assessment_id == a.id)).first()
        assessments.append(
            LinkedAssessment(
                id=a.id or 0,
                school_year=a.school_year,
                status=a.status,
                classification_label=snap.scorecard.get("classification_label") if snap else None,
                completion_percent=str(snap.completion_percent) if snap else None,
            )
        )
    achievement = session.exec(select(Achievement.id).where(Achievement.nomination_id == n.id)).first()
    share = None
    if n.votes_cast:
        share = str((Decimal(n.votes_for or 0) * 100 / n.votes_cast).quantize(Decimal("0.01")))
    subject_name = staff.full_name if staff else (unit.name if unit else "")
    return NominationRead(
        id=n.id,
        round_id=n.round_id,
        round_name=r.name if r else "",
        award_type_id=n.award_type_id,
        award_type_code=n.award_type_code,
        award_name=t.name if t else n.award_type_code,
        level=AwardLevel(n.level),
        subject_kind=SubjectKind(n.subject_kind),
        unit_id=n.unit_id,
        unit_name=unit.name if unit else "",
        staff_id=n.staff_id,
        staff_name=staff.full_name if staff else None,
        subject_name=subject_name,
        justification=n.justification,
        assessments=assessments,
        initiatives=initiatives,
        status=n.status,
        status_label=NOMINATION_STATUS_LABELS_VI.get(n.status, n.status),
        eligibility=_for_reader(actor, _result(stored)),
        submitted_at=n.submitted_at,
        meeting_id=n.meeting_id,
        votes_for=n.votes_for,
        votes_cast=n.votes_cast,
        vote_share_percent=share,
        review_comment=n.review_comment,
        override_reason=n.override_reason,
        decision_note=n.decision_note,
        approved_at=n.approved_at,
        decision_id=n.decision_id,
        achievement_id=achievement,
        version=n.version,
        allowed_actions=allowed_actions(actor, n),
        created_at=n.created_at,
        updated_at=n.updated_at,
    )


@dataclass(frozen=True)
class NominationFilters:
    round_id: int | None = None
    status: str | None = None
    level: str | None = None
    unit_id: int | None = None
    award_type_code: str | None = None
    awaiting_me: bool = False
    q: str | None = None


def list_nominations(
    session: Session, actor: Actor, f: NominationFilters, page: PageParams
) -> NominationPage:
    query = scoped(select(Nomination), Nomination.unit_id, actor)
    query = where_given(
        query,
        (Nomination.round_id, f.round_id),
        (Nomination.status, f.status),
        (Nomination.level, f.level),
        (Nomination.unit_id, f.unit_id),
        (Nomination.award_type_code, f.award_type_code),
    )
    if f.q:
        query = (
            query.join(Unit, col(Unit.id) == Nomination.unit_id)
            .outerjoin(StaffMember, col(StaffMember.id) == Nomination.staff_id)
            .where(matches(f.q, Unit.name, StaffMember.full_name))
        )
    if f.awaiting_me:
        # The approval queue: what this caller can act on next.
        waiting: list[Any] = []
        status, level = col(Nomination.status), col(Nomination.level)
        if Role.commune_leader in actor.roles:
            waiting.append(and_(status == "reviewed", level != AwardLevel.unit.value))
        if actor.can(Permission.nominations_review):
            waiting.append(and_(status == "submitted", level != AwardLevel.unit.value))
        if Role.unit_manager in actor.roles:
            waiting.append(and_(status == "submitted", level == AwardLevel.unit.value))
        if not waiting:
            return NominationPage(items=[], total=0, limit=page.limit, offset=page.offset)
        query = query.where(or_(*waiting))
    rows, total = paginate(session, query, page, col(Nomination.updated_at).desc(), col(Nomination.id).desc())
    return NominationPage(
        items=[read_nomination(session, actor, n) for n in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


def get_nomination(session: Session, actor: Actor, nomination_id: int) -> Nomination:
    return get_visible(session, Nomination, nomination_id, actor, "đề nghị khen thưởng")


# --- Writing ------------------------------------------------------------------------------------


def _subject(session: Session, actor: Actor, data: EligibilityPreview) -> tuple[AwardRound, AwardType]:
    rnd = get_round(session, data.round_id, "body.round_id")
    if data.award_type_code not in rnd.award_type_codes:
        raise Invalid(
            "body.award_type_code",
            f"Đợt '{rnd.name}' không xét hình thức '{data.award_type_code}'.",
            "not_offered",
        )
    t = active_award_type(session, data.award_type_code)
    if t is None:
        raise Invalid("body.award_type_code", "Hình thức khen thưởng này không còn áp dụng.", "not_found")
    unit = session.get(Unit, data.unit_id)
    if unit is None or not actor.sees_unit(data.unit_id):
        raise Invalid("body.unit_id", "Không tìm thấy đơn vị trong phạm vi của bạn.", "not_found")
    if t.subject_kind == SubjectKind.individual:
        if data.staff_id is None:
            raise Invalid("body.staff_id", f"'{t.name}' khen thưởng cá nhân: cần chọn cán bộ.", "missing")
        staff = session.get(StaffMember, data.staff_id)
        if (
            staff is None
            or not staff.is_active
            or staff.unit_id not in descendant_unit_ids(session, data.unit_id)
        ):
            raise Invalid("body.staff_id", "Không có cán bộ này trong đơn vị đã chọn.", "not_in_unit")
    else:
        if data.staff_id is not None:
            raise Invalid(
                "body.staff_id", f"'{t.name}' khen thưởng tập thể: không chọn cán bộ.", "not_applicable"
            )
        if unit.kind != "school":
            raise Invalid("body.unit_id", "Khen thưởng tập thể dành cho cơ sở giáo dục.", "not_a_school")
    return rnd, t


def _initiative_problems(
    session: Session, unit_id: int, staff_id: int | None, ids: list[int], own: int | None
) -> list[FieldError]:
    problems = []
    tree = descendant_unit_ids(session, unit_id)
    linked = {
        i: nomination_id
        for nomination_id, linked_ids in session.exec(
            select(Nomination.id, Nomination.initiative_ids).where(
                col(Nomination.status) != "rejected", Nomination.id != (own or -1)
            )
        ).all()
        for i in linked_ids or []
    }
    for i, initiative_id in enumerate(ids):
        path = f"body.initiative_ids.{i}"
        item = session.get(Initiative, initiative_id)
        authored = (
            staff_id is None
            or session.exec(
                select(InitiativeAuthor.id).where(
                    InitiativeAuthor.initiative_id == initiative_id, InitiativeAuthor.staff_id == staff_id
                )
            ).first()
        )
        if item is None or item.unit_id not in tree or not authored:
            problems.append(
                FieldError(path=path, type="not_found", message="Sáng kiến không thuộc đối tượng này.")
            )
        elif item.recognition_level is None:
            problems.append(
                FieldError(path=path, type="not_recognised", message="Sáng kiến chưa được công nhận.")
            )
        elif item.used_by_achievement_id is not None:
            problems.append(
                FieldError(path=path, type="used", message="Sáng kiến đã được dùng cho một khen thưởng khác.")
            )
        elif initiative_id in linked:
            problems.append(
                FieldError(
                    path=path,
                    type="used",
                    message=f"Sáng kiến đã gắn với đề nghị #{linked[initiative_id]}; "
                    "một thành tích chỉ dùng cho một khen thưởng.",
                )
            )
    if len(set(ids)) != len(ids):
        problems.append(FieldError(path="body.initiative_ids", type="duplicate", message="Sáng kiến bị lặp."))
    return problems


def _assessment_problems(session: Session, key: str, ids: list[int]) -> list[FieldError]:
    problems = []
    for i, assessment_id in enumerate(ids):
        a = session.get(SelfAssessment, assessment_id)
        if a is None or a.subject_key != key:
            problems.append(
                FieldError(
                    path=f"body.assessment_ids.{i}",
                    type="not_found",
                    message="Bảng tự đánh giá không phải của đối tượng được đề nghị.",
                )
            )
    return problems


def _check_links(
    session: Session,
    unit_id: int,
    staff_id: int | None,
    initiative_ids: list[int],
    assessment_ids: list[int],
    own: int | None,
) -> None:
    problems = _initiative_problems(session, unit_id, staff_id, initiative_ids, own)
    problems += _assessment_problems(session, subject_key(unit_id, staff_id), assessment_ids)
    if problems:
        raise ValidationFailed("Thành tích gắn với đề nghị chưa hợp lệ; không có gì được lưu.", problems)


def preview(session: Session, actor: Actor, data: EligibilityPreview) -> EligibilityResult:
    rnd, t = _subject(session, actor, data)
    result = evaluate(session, Candidate(rnd, t, data.unit_id, data.staff_id))
    return _result(_stored(result))


def _refuse_double(session: Session, rnd: AwardRound, key: str, level: str, own: int | None) -> None:
    """One achievement, one award per level and round: a second nomination at the same level is refused."""
    other = session.exec(
        select(Nomination).where(
            Nomination.round_id == rnd.id,
            Nomination.subject_key == key,
            Nomination.level == level,
            col(Nomination.status) != "rejected",
            Nomination.id != (own or -1),
        )
    ).first()
    if other is not None:
        raise Conflict(
            f"Đối tượng này đã được đề nghị '{other.award_type_code}' (#{other.id}) cùng cấp trong đợt "
            f"'{rnd.name}'; một thành tích không khen thưởng hai lần cùng cấp."
        )


def _require_open(actor: Actor, rnd: AwardRound) -> None:
    if not actor.roles & {Role.admin, Role.commune_officer} and not round_is_open(rnd):
        raise Conflict(
            f"Đợt '{rnd.name}' nhận đề nghị từ {rnd.opens_on:%d/%m/%Y} đến {rnd.closes_on:%d/%m/%Y}; "
            "hiện không trong thời hạn."
        )


def create_nomination(session: Session, actor: Actor, data: NominationCreate) -> Nomination:
    rnd, t = _subject(session, actor, data)
    if not _may_nominate_level(actor, t.level):
        raise Forbidden("Đề nghị khen thưởng cấp tỉnh do Phòng Văn hóa - Xã hội của xã lập.")
    _require_open(actor, rnd)
    key = subject_key(data.unit_id, data.staff_id)
    _refuse_double(session, rnd, key, t.level, None)
    _check_links(session, data.unit_id, data.staff_id, data.initiative_ids, data.assessment_ids, None)
    result = evaluate(session, Candidate(rnd, t, data.unit_id, data.staff_id))
    n = Nomination(
        round_id=rnd.id or 0,
        award_type_id=t.id or 0,
        award_type_code=t.code,
        level=t.level,
        subject_kind=t.subject_kind,
        subject_key=key,
        unit_id=data.unit_id,
        staff_id=data.staff_id,
        justification=data.justification,
        assessment_ids=data.assessment_ids,
        initiative_ids=data.initiative_ids,
        eligibility=_stored(result),
        eligible=result.eligible,
        created_by_id=actor.id,
    )
    session.add(n)
    session.flush()
    audit.record(session, actor, "create", n, None)
    session.commit()
    return n


def _require(actor: Actor, n: Nomination, action: str) -> None:
    if action not in allowed_actions(actor, n):
        status = NOMINATION_STATUS_LABELS_VI.get(n.status, n.status)
        if n.status in ("approved", "rejected", "proposed", "decided") or action in (
            "update",
            "delete",
            "submit",
        ):
            raise Conflict(f"Đề nghị đang ở trạng thái '{status}': không thể thực hiện '{action}'.")
        raise Forbidden(f"Bạn không có quyền '{action}' với đề nghị ở trạng thái '{status}'.")


def _reevaluated(session: Session, n: Nomination) -> dict[str, Any]:
    result = evaluate(session, _candidate(session, n))
    return {"eligibility": _stored(result), "eligible": result.eligible}


def update_nomination(session: Session, actor: Actor, n: Nomination, data: NominationUpdate) -> Nomination:
    _require(actor, n, "update")
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    _check_links(
        session,
        n.unit_id,
        n.staff_id,
        changes.get("initiative_ids", n.initiative_ids),
        changes.get("assessment_ids", n.assessment_ids),
        n.id,
    )
    for key, value in changes.items():
        setattr(n, key, value)
    return audit.save_changes(session, actor, n, {**changes, **_reevaluated(session, n)}, "update")


def delete_nomination(session: Session, actor: Actor, n: Nomination) -> None:
    _require(actor, n, "delete")
    audit.record_removal(session, actor, "delete", n)
    session.delete(n)
    session.commit()


def submit(session: Session, actor: Actor, n: Nomination) -> Nomination:
    _require(actor, n, "submit")
    _require_open(actor, get_round(session, n.round_id))
    if not n.justification.strip():
        raise Invalid("body.justification", "Cần nêu tóm tắt thành tích trước khi gửi đề nghị.", "missing")
    changes = {"status": "submitted", "submitted_at": utcnow(), **_reevaluated(session, n)}
    return audit.save_changes(session, actor, n, changes, "submit")


def withdraw(session: Session, actor: Actor, n: Nomination) -> Nomination:
    _require(actor, n, "withdraw")
    return audit.save_changes(session, actor, n, {"status": "draft", "submitted_at": None}, "withdraw")


def review(session: Session, actor: Actor, n: Nomination, data: ReviewInput) -> Nomination:
    """The council's vote, recorded by its secretary (the commune officer)."""
    _require(actor, n, "review")
    meeting = get_meeting(session, data.meeting_id)
    if meeting.round_id != n.round_id:
        raise Invalid("body.meeting_id", "Phiên họp này xét một đợt khen thưởng khác.", "other_round")
    if data.votes_cast > len(meeting.members_present):
        raise Invalid(
            "body.votes_cast",
            f"Số phiếu ({data.votes_cast}) vượt số thành viên có mặt ({len(meeting.members_present)}).",
            "too_many",
        )
    if data.votes_for > data.votes_cast:
        raise Invalid("body.votes_for", "Số phiếu đồng ý không vượt quá số phiếu biểu quyết.", "too_many")
    changes = {
        "status": "reviewed",
        "meeting_id": meeting.id,
        "votes_for": data.votes_for,
        "votes_cast": data.votes_cast,
        "review_comment": data.comment or None,
        "reviewed_by_id": actor.id,
        **_reevaluated(session, n),
    }
    return audit.save_changes(session, actor, n, changes, "review")


def approve(session: Session, actor: Actor, n: Nomination, data: ApproveInput) -> Nomination:
    _require(actor, n, "approve")
    fresh = _reevaluated(session, n)
    if not fresh["eligible"] and not data.override_reason:
        failed = [o["reason"] for o in fresh["eligibility"]["outcomes"] if not o["passed"]]
        raise Invalid(
            "body.override_reason",
            "Đối tượng chưa đạt: " + " ".join(failed) + " Muốn vẫn phê duyệt, cần ghi rõ lý do.",
            "override_reason_required",
        )
    changes = {
        "status": "approved",
        "approved_by_id": actor.id,
        "approved_at": utcnow(),
        "override_reason": data.override_reason if not fresh["eligible"] else None,
        "decision_note": data.note or None,
        **fresh,
    }
    return audit.save_changes(session, actor, n, changes, "approve")


def reject(session: Session, actor: Actor, n: Nomination, data: RejectInput) -> Nomination:
    _require(actor, n, "reject")
    changes = {"status": "rejected", "approved_by_id": actor.id, "decision_note": data.reason}
    return audit.save_changes(session, actor, n, changes, "reject")
