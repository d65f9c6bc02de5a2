"""What issuing a decision (or recording the province's answer) grants each awardee: an achievement
with a verification code, the initiatives it cites used up, and the public webhook event."""

from datetime import date

from sqlmodel import Session

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.awards.decisions.certificates import new_verification_code
from thidua.awards.models import Achievement, AwardDecision, AwardLevel, AwardRound, AwardType, Nomination
from thidua.core.errors import Conflict
from thidua.initiatives.models import Initiative
from thidua.units.models import StaffMember, Unit
from thidua.webhooks import service as webhooks

COMMUNE_CHAIRMAN = "Chủ tịch UBND xã Thanh Thủy"
PROVINCE_CHAIRMAN = "Chủ tịch UBND tỉnh Phú Thọ"


def issuer_of(session: Session, d: AwardDecision) -> str:
    if d.level == AwardLevel.unit:
        unit = session.get(Unit, d.unit_id) if d.unit_id else None
        return f"Thủ trưởng {unit.name}" if unit else "Thủ trưởng đơn vị"
    return PROVINCE_CHAIRMAN if d.level == AwardLevel.province else COMMUNE_CHAIRMAN


def grant(
    session: Session, actor: Actor, n: Nomination, d: AwardDecision, number: str, on: date, issuer: str
) -> Achievement:
    """The awardee's achievement; the initiatives the nomination cites are used up by it."""
    t = session.get(AwardType, n.award_type_id)
    rnd = session.get(AwardRound, n.round_id)
    assert t is not None and rnd is not None
    a = Achievement(
        unit_id=n.unit_id,
        staff_id=n.staff_id,
        award_type_code=t.code,
        award_name=t.name,
        level=t.level,
        school_year=rnd.school_years[-1],
        decision_number=number,
        decision_date=on,
        issuer=issuer,
        themed=t.themed,
        round_id=rnd.id,
        nomination_id=n.id,
        decision_id=d.id,
        verification_code=new_verification_code(session),
    )
    session.add(a)
    session.flush()
    for initiative_id in n.initiative_ids:
        initiative = session.get(Initiative, initiative_id)
        if initiative is None:
            continue
        if initiative.used_by_achievement_id is not None:
            raise Conflict(f"Sáng kiến '{initiative.title}' đã được dùng cho một khen thưởng khác.")
        initiative.used_by_achievement_id = a.id
        session.add(initiative)
    audit.record(session, actor, "create", a, None)
    return a


def emit_decided(session: Session, n: Nomination, d: AwardDecision, number: str, on: date) -> None:
    """The webhook event of a decided nomination (commits with the decision): the award is public."""
    staff = session.get(StaffMember, n.staff_id) if n.staff_id else None
    webhooks.emit(
        session,
        "nomination.decided",
        n.unit_id,
        {
            "nomination_id": n.id,
            "round_id": n.round_id,
            "award_type_code": n.award_type_code,
            "level": n.level,
            "subject_kind": n.subject_kind,
            "staff_id": n.staff_id,
            "staff_name": staff.full_name if staff else None,
            "decision_id": d.id,
            "decision_number": number,
            "decision_date": on.isoformat(),
            "status": "decided",
        },
    )
