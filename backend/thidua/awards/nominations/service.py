"""Nominations: draft → submitted → reviewed by the council (commune officer) → approved or rejected by
the commune leader → decided. Unit-level certificates skip the council: the unit head approves them for
their own staff. Every step re-runs the eligibility engine; an approval over a failed rule needs a
written reason, which stays on the nomination for everyone to see."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_
from sqlmodel import Session, col, select

from thidua.assessments.models import EarlyVerification, ScorecardSnapshot, SelfAssessment
from thidua.audit import service as audit
from thidua.auth.policy import Actor, descendant_unit_ids
from thidua.awards.councils import access as councils
from thidua.awards.models import Achievement, AwardLevel, AwardRound, AwardType, Nomination, SubjectKind
from thidua.awards.nominations import access, report
from thidua.awards.nominations.eligibility import (
    Candidate,
    candidate_of,
    evaluate,
    reevaluated,
    result_of,
    stored,
)
from thidua.awards.nominations.links import check_links
from thidua.awards.nominations.schemas import (
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
    ReopenAssessmentInput,
)
from thidua.awards.rounds.service import get_round, round_is_open
from thidua.awards.schemas import ReviewInput
from thidua.awards.subjects import subject_key
from thidua.awards.texts import NOMINATION_STATUS_LABELS_VI
from thidua.awards.types.service import active_award_type
from thidua.core.errors import Conflict, Forbidden, Invalid
from thidua.core.models import today, utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import matches, where_given
from thidua.initiatives.models import Initiative
from thidua.scoring import rescore
from thidua.units.models import StaffMember, Unit

OPEN_STATUSES = ("draft", "submitted", "reviewed")

# --- Reading ------------------------------------------------------------------------------------


def _linked_initiatives(session: Session, ids: list[int]) -> list[LinkedInitiative]:
    rows = session.exec(select(Initiative).where(col(Initiative.id).in_(ids))).all() if ids else []
    return [
        LinkedInitiative(
            id=i.id or 0,
            title=i.title,
            school_year=i.school_year,
            recognition_level=i.recognition_level,
            used=i.used_by_achievement_id is not None,
        )
        for i in rows
    ]


def _linked_assessments(session: Session, ids: list[int]) -> list[LinkedAssessment]:
    assessments = []
    for a in session.exec(select(SelfAssessment).where(col(SelfAssessment.id).in_(ids or [-1]))):
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
    return assessments


def _vote_share(n: Nomination) -> str | None:
    if not n.votes_cast:
        return None
    return str((Decimal(n.votes_for or 0) * 100 / n.votes_cast).quantize(Decimal("0.01")))


def _eligibility(session: Session, actor: Actor, n: Nomination, live: bool) -> EligibilityResult:
    """The stored result, or a fresh one while the nomination is still open; personal rules hidden."""
    fresh = live and n.status in OPEN_STATUSES
    result = stored(evaluate(session, candidate_of(session, n))) if fresh else n.eligibility
    return access.for_reader(actor, result_of(result))


def read_nomination(session: Session, actor: Actor, n: Nomination, live: bool = False) -> NominationRead:
    assert n.id is not None
    r = session.get(AwardRound, n.round_id)
    t = session.get(AwardType, n.award_type_id)
    unit = session.get(Unit, n.unit_id)
    staff = session.get(StaffMember, n.staff_id) if n.staff_id else None
    achievement = session.exec(select(Achievement.id).where(Achievement.nomination_id == n.id)).first()
    return from_row(
        NominationRead,
        n,
        round_name=r.name if r else "",
        award_name=t.name if t else n.award_type_code,
        level=AwardLevel(n.level),
        subject_kind=SubjectKind(n.subject_kind),
        unit_name=unit.name if unit else "",
        staff_name=staff.full_name if staff else None,
        subject_name=staff.full_name if staff else (unit.name if unit else ""),
        assessments=_linked_assessments(session, n.assessment_ids),
        initiatives=_linked_initiatives(session, n.initiative_ids),
        status_label=NOMINATION_STATUS_LABELS_VI.get(n.status, n.status),
        eligibility=_eligibility(session, actor, n, live),
        vote_share_percent=_vote_share(n),
        achievement_id=achievement,
        allowed_actions=access.allowed_actions(actor, n),
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
    query = where_given(
        access.readable(actor),
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
        waiting = access.awaiting(actor)
        if not waiting:
            return page_of(NominationPage, [], 0, page)
        query = query.where(or_(*waiting))
    rows, total = paginate(session, query, page, col(Nomination.updated_at).desc(), col(Nomination.id).desc())
    return page_of(NominationPage, [read_nomination(session, actor, n) for n in rows], total, page)


# --- Writing ------------------------------------------------------------------------------------


def _check_staff(session: Session, t: AwardType, unit: Unit, staff_id: int | None) -> None:
    """An individual award names an active staff member of the unit; a collective one, a school."""
    if t.subject_kind == SubjectKind.individual:
        if staff_id is None:
            raise Invalid("body.staff_id", f"'{t.name}' khen thưởng cá nhân: cần chọn cán bộ.", "missing")
        staff = session.get(StaffMember, staff_id)
        if (
            staff is None
            or not staff.is_active
            or staff.unit_id not in descendant_unit_ids(session, unit.id or 0)
        ):
            raise Invalid("body.staff_id", "Không có cán bộ này trong đơn vị đã chọn.", "not_in_unit")
        return
    if staff_id is not None:
        raise Invalid(
            "body.staff_id", f"'{t.name}' khen thưởng tập thể: không chọn cán bộ.", "not_applicable"
        )
    if unit.kind != "school":
        raise Invalid("body.unit_id", "Khen thưởng tập thể dành cho cơ sở giáo dục.", "not_a_school")


def _subject(session: Session, actor: Actor, data: EligibilityPreview) -> tuple[AwardRound, AwardType]:
    rnd = get_round(session, data.round_id, "body.round_id", actor)
    if data.award_type_code not in rnd.award_type_codes:
        raise Invalid(
            "body.award_type_code",
            f"Đợt '{rnd.name}' không xét hình thức '{data.award_type_code}'.",
            "not_offered",
        )
    t = active_award_type(session, data.award_type_code, rnd.commune_id)
    if t is None:
        raise Invalid("body.award_type_code", "Hình thức khen thưởng này không còn áp dụng.", "not_found")
    unit = session.get(Unit, data.unit_id)
    if unit is None or not access.may_nominate_in(actor, data.unit_id):
        raise Invalid("body.unit_id", "Không tìm thấy đơn vị trong phạm vi của bạn.", "not_found")
    _check_staff(session, t, unit, data.staff_id)
    return rnd, t


def preview(session: Session, actor: Actor, data: EligibilityPreview) -> EligibilityResult:
    rnd, t = _subject(session, actor, data)
    result = evaluate(session, Candidate(rnd, t, data.unit_id, data.staff_id))
    return result_of(stored(result))


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
    if not access.may_nominate_out_of_time(actor) and not round_is_open(rnd):
        raise Conflict(
            f"Đợt '{rnd.name}' nhận đề nghị từ {rnd.opens_on:%d/%m/%Y} đến {rnd.closes_on:%d/%m/%Y}; "
            "hiện không trong thời hạn."
        )


def create_nomination(session: Session, actor: Actor, data: NominationCreate) -> Nomination:
    rnd, t = _subject(session, actor, data)
    if not access.may_nominate_level(actor, t.level):
        raise Forbidden("Bạn không có quyền lập đề nghị khen thưởng ở cấp này.")
    _require_open(actor, rnd)
    key = subject_key(data.unit_id, data.staff_id)
    _refuse_double(session, rnd, key, t.level, None)
    check_links(session, data.unit_id, data.staff_id, data.initiative_ids, data.assessment_ids, None)
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
        eligibility=stored(result),
        eligible=result.eligible,
        created_by_id=actor.id,
    )
    return audit.add_new(session, actor, n)


def update_nomination(session: Session, actor: Actor, n: Nomination, data: NominationUpdate) -> Nomination:
    access.require(actor, n, "update")
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    check_links(
        session,
        n.unit_id,
        n.staff_id,
        changes.get("initiative_ids", n.initiative_ids),
        changes.get("assessment_ids", n.assessment_ids),
        n.id,
    )
    for key, value in changes.items():
        setattr(n, key, value)
    audit.save_changes(session, actor, n, {**changes, **reevaluated(session, n)}, "update")
    return n


def achievement_report(session: Session, n: Nomination) -> tuple[bytes, str]:
    """The nominee's báo cáo thành tích (DOCX) from the system's data, for the school to edit and sign."""
    data = report.gather(session, n, today())
    return report.report_docx(data), report.report_filename(data)


def delete_nomination(session: Session, actor: Actor, n: Nomination) -> None:
    access.require(actor, n, "delete")
    audit.record_removal(session, actor, "delete", n)
    session.delete(n)
    session.commit()


def submit(session: Session, actor: Actor, n: Nomination) -> Nomination:
    access.require(actor, n, "submit")
    _require_open(actor, get_round(session, n.round_id))
    if not n.justification.strip():
        raise Invalid("body.justification", "Cần nêu tóm tắt thành tích trước khi gửi đề nghị.", "missing")
    changes = {"status": "submitted", "submitted_at": utcnow(), **reevaluated(session, n)}
    audit.save_changes(session, actor, n, changes, "submit")
    return n


def withdraw(session: Session, actor: Actor, n: Nomination) -> Nomination:
    access.require(actor, n, "withdraw")
    audit.save_changes(session, actor, n, {"status": "draft", "submitted_at": None}, "withdraw")
    return n


def review(session: Session, actor: Actor, n: Nomination, data: ReviewInput) -> Nomination:
    """The council's vote, recorded by its secretary (the commune officer)."""
    access.require(actor, n, "review")
    meeting = councils.get_readable(session, actor, data.meeting_id)
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
        **reevaluated(session, n),
    }
    audit.save_changes(session, actor, n, changes, "review")
    return n


def approve(session: Session, actor: Actor, n: Nomination, data: ApproveInput) -> Nomination:
    access.require(actor, n, "approve")
    fresh = reevaluated(session, n)
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
    audit.save_changes(session, actor, n, changes, "approve")
    return n


def reject(session: Session, actor: Actor, n: Nomination, data: RejectInput) -> Nomination:
    access.require(actor, n, "reject")
    changes = {"status": "rejected", "approved_by_id": actor.id, "decision_note": data.reason}
    audit.save_changes(session, actor, n, changes, "reject")
    return n


def reopen_assessment(
    session: Session, actor: Actor, n: Nomination, data: ReopenAssessmentInput
) -> Nomination:
    """A nominee for a commune award: the commune officer re-opens the individual self-assessment the
    school verified, with a reason. The verification snapshot (and a leader's early verification) is
    removed, the assessment goes back to the teacher as returned, and its score is live again until
    it is verified anew; the audit trail keeps what was removed."""
    access.require(actor, n, "reopen_assessment")
    if data.assessment_id not in n.assessment_ids:
        raise Invalid("body.assessment_id", "Bản tự đánh giá này không thuộc hồ sơ đề nghị.", "not_linked")
    a = session.get(SelfAssessment, data.assessment_id)
    if a is None or a.staff_id is None or a.status != "verified":
        raise Conflict("Chỉ mở lại được bản tự đánh giá cá nhân đã được đơn vị xác nhận.")
    before = audit.snapshot(a)
    for row in (
        *session.exec(select(ScorecardSnapshot).where(ScorecardSnapshot.assessment_id == a.id)),
        *session.exec(select(EarlyVerification).where(EarlyVerification.assessment_id == a.id)),
    ):
        audit.record_removal(session, actor, "delete", row)
        session.delete(row)
    rescore.unfreeze(session, data.assessment_id)
    changes = {
        "status": "returned",
        "return_reason": f"Cấp xã mở lại khi xét đề nghị khen thưởng: {data.reason}",
        "verified_at": None,
        "verified_by_id": None,
    }
    audit.save_changes(session, actor, a, changes, "reopen", before)
    return n
