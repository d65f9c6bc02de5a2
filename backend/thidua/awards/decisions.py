"""Decisions: a unit head's or the commune chairman's Quyết định granting approved nominations, or the
commune's Tờ trình proposing province awards (whose answer is recorded later). Issuing a decision writes
each awardee's achievement with a verification code and marks the initiatives it cites as used."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor, scoped
from thidua.auth.roles import Role
from thidua.awards import documents
from thidua.awards.models import (
    Achievement,
    AwardDecision,
    AwardLevel,
    AwardRound,
    AwardType,
    CouncilMeeting,
    Nomination,
)
from thidua.awards.nominations import _school_of
from thidua.awards.schemas import (
    Awardee,
    DecisionCreate,
    DecisionPage,
    DecisionRead,
    DecisionUpdate,
    ProvinceAnswer,
)
from thidua.awards.service import get_round, new_verification_code
from thidua.awards.texts import NOMINATION_STATUS_LABELS_VI
from thidua.config import Settings
from thidua.core.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, ValidationFailed
from thidua.core.models import today, utcnow
from thidua.core.pagination import PageParams, paginate
from thidua.core.search import where_given
from thidua.documents.certificate import CertificateData, certificate_pdf
from thidua.initiatives.models import Initiative
from thidua.units.models import StaffMember, Unit
from thidua.webhooks import service as webhooks

COMMUNE_CHAIRMAN = "Chủ tịch UBND xã Thanh Thủy"
PROVINCE_CHAIRMAN = "Chủ tịch UBND tỉnh Phú Thọ"


def _nominations(session: Session, decision_id: int) -> list[Nomination]:
    return list(
        session.exec(
            select(Nomination).where(Nomination.decision_id == decision_id).order_by(col(Nomination.id))
        )
    )


def _may_issue(actor: Actor, d: AwardDecision) -> bool:
    if d.level == AwardLevel.unit:
        return (
            Role.unit_manager in actor.roles
            and actor.visible_unit_ids is not None
            and actor.sees_unit(d.unit_id)
        )
    return Role.commune_leader in actor.roles


def _may_prepare(actor: Actor, level: str, unit_id: int | None) -> bool:
    if level == AwardLevel.unit:
        return (
            Role.unit_manager in actor.roles
            and actor.visible_unit_ids is not None
            and actor.sees_unit(unit_id)
        )
    return bool(actor.roles & {Role.admin, Role.commune_officer, Role.commune_leader})


def allowed_actions(actor: Actor, d: AwardDecision) -> list[str]:
    actions = ["document"]
    if d.kind == "proposal":
        actions.append("list")
    if d.status == "draft" and _may_prepare(actor, d.level, d.unit_id):
        actions += ["update", "delete"]
    if d.status == "draft" and _may_issue(actor, d):
        actions.append("issue")
    if d.kind == "proposal" and d.status == "issued" and _may_prepare(actor, d.level, d.unit_id):
        actions.append("record_answer")
    return actions


def _subject_names(session: Session, n: Nomination) -> tuple[str, str]:
    unit = session.get(Unit, n.unit_id)
    staff = session.get(StaffMember, n.staff_id) if n.staff_id else None
    unit_name = unit.name if unit else ""
    return (staff.full_name if staff else unit_name), unit_name


def read_decision(session: Session, actor: Actor, d: AwardDecision) -> DecisionRead:
    assert d.id is not None
    r = session.get(AwardRound, d.round_id)
    awardees = []
    for n in _nominations(session, d.id):
        t = session.get(AwardType, n.award_type_id)
        achievement = session.exec(select(Achievement).where(Achievement.nomination_id == n.id)).first()
        name, unit_name = _subject_names(session, n)
        awardees.append(
            Awardee(
                nomination_id=n.id or 0,
                subject_name=name,
                unit_name=unit_name,
                award_name=t.name if t else n.award_type_code,
                status=NOMINATION_STATUS_LABELS_VI.get(n.status, n.status),
                achievement_id=achievement.id if achievement else None,
                verification_code=achievement.verification_code if achievement else None,
            )
        )
    return DecisionRead(
        id=d.id,
        round_id=d.round_id,
        round_name=r.name if r else "",
        kind=d.kind,
        level=AwardLevel(d.level),
        unit_id=d.unit_id,
        number=d.number,
        signed_on=d.signed_on,
        signer_name=d.signer_name,
        signer_title=d.signer_title,
        status=d.status,
        issued_at=d.issued_at,
        awardees=awardees,
        province_decision_number=d.province_decision_number,
        province_decision_date=d.province_decision_date,
        province_note=d.province_note,
        version=d.version,
        allowed_actions=allowed_actions(actor, d),
        created_at=d.created_at,
        updated_at=d.updated_at,
    )


@dataclass(frozen=True)
class DecisionFilters:
    round_id: int | None = None
    status: str | None = None
    kind: str | None = None


def list_decisions(session: Session, actor: Actor, f: DecisionFilters, page: PageParams) -> DecisionPage:
    query = select(AwardDecision)
    if actor.visible_unit_ids is not None:  # unit managers see their own unit's decisions
        query = scoped(query, AwardDecision.unit_id, actor)
    query = where_given(
        query,
        (AwardDecision.round_id, f.round_id),
        (AwardDecision.status, f.status),
        (AwardDecision.kind, f.kind),
    )
    rows, total = paginate(
        session, query, page, col(AwardDecision.signed_on).desc(), col(AwardDecision.id).desc()
    )
    return DecisionPage(
        items=[read_decision(session, actor, d) for d in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


def get_decision(session: Session, actor: Actor, decision_id: int) -> AwardDecision:
    d = session.get(AwardDecision, decision_id)
    if d is not None and d.unit_id is None and actor.visible_unit_ids is not None:
        d = None  # commune decisions: the commune's; a school sees its awards through its nominations
    if d is None or (d.unit_id is not None and not actor.sees_unit(d.unit_id)):
        raise NotFound(f"Không tìm thấy quyết định có id {decision_id}.")
    return d


def _claim(
    session: Session, actor: Actor, rnd: AwardRound, level: str, ids: list[int], own: int | None
) -> tuple[list[Nomination], int | None]:
    """The nominations a decision grants: approved, of its round and level, not in another decision."""
    problems: list[FieldError] = []
    chosen: list[Nomination] = []
    for i, nomination_id in enumerate(ids):
        n = session.get(Nomination, nomination_id)
        path = f"body.nomination_ids.{i}"
        if n is None or not actor.sees_unit(n.unit_id):
            problems.append(
                FieldError(path=path, type="not_found", message=f"Không có đề nghị #{nomination_id}.")
            )
        elif n.round_id != rnd.id or n.level != level:
            problems.append(
                FieldError(
                    path=path, type="other_round", message="Đề nghị thuộc đợt hoặc cấp khen thưởng khác."
                )
            )
        elif n.status != "approved":
            problems.append(
                FieldError(
                    path=path,
                    type="not_approved",
                    message=f"Đề nghị đang '{NOMINATION_STATUS_LABELS_VI[n.status]}', chưa được phê duyệt.",
                )
            )
        elif n.decision_id is not None and n.decision_id != own:
            problems.append(
                FieldError(
                    path=path,
                    type="in_decision",
                    message=f"Đề nghị đã nằm trong quyết định #{n.decision_id}.",
                )
            )
        else:
            chosen.append(n)
    if len(set(ids)) != len(ids):
        problems.append(FieldError(path="body.nomination_ids", type="duplicate", message="Đề nghị bị lặp."))
    unit_id = None
    if level == AwardLevel.unit and chosen:
        schools = {_school_of(session, n.unit_id) for n in chosen}
        if len(schools) > 1:
            problems.append(
                FieldError(
                    path="body.nomination_ids",
                    type="several_units",
                    message="Quyết định của đơn vị chỉ gồm cán bộ của đơn vị.",
                )
            )
        unit_id = schools.pop()
    if problems:
        raise ValidationFailed("Danh sách khen thưởng chưa hợp lệ; không có gì được lưu.", problems)
    return chosen, unit_id


def create_decision(session: Session, actor: Actor, data: DecisionCreate) -> AwardDecision:
    rnd = get_round(session, data.round_id, "body.round_id")
    if (data.kind == "proposal") != (data.level == AwardLevel.province):
        raise Invalid(
            "body.kind",
            "Khen thưởng cấp tỉnh do xã lập tờ trình đề nghị; cấp đơn vị, cấp xã ra quyết định.",
            "mismatch",
        )
    if not _may_prepare(actor, data.level, actor.user.unit_id if data.level == AwardLevel.unit else None):
        raise Forbidden("Bạn không có thẩm quyền lập quyết định khen thưởng ở cấp này.")
    chosen, unit_id = _claim(session, actor, rnd, data.level.value, data.nomination_ids, None)
    d = AwardDecision(
        round_id=rnd.id or 0,
        kind=data.kind,
        level=data.level.value,
        unit_id=unit_id,
        number=data.number,
        signed_on=data.signed_on,
        signer_name=data.signer_name,
        signer_title=data.signer_title,
    )
    session.add(d)
    session.flush()
    for n in chosen:
        n.decision_id = d.id
        session.add(n)
    audit.record(session, actor, "create", d, None)
    session.commit()
    return d


def _require(actor: Actor, d: AwardDecision, action: str) -> None:
    if action in allowed_actions(actor, d):
        return
    if d.status != "draft" and action in ("update", "delete", "issue"):
        raise Conflict("Quyết định đã ban hành; không sửa, xóa hay ban hành lại được.")
    raise Forbidden("Bạn không có thẩm quyền thực hiện thao tác này với quyết định.")


def update_decision(session: Session, actor: Actor, d: AwardDecision, data: DecisionUpdate) -> AwardDecision:
    _require(actor, d, "update")
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    ids = changes.pop("nomination_ids", None)
    if ids is not None:
        rnd = get_round(session, d.round_id)
        chosen, _unit = _claim(session, actor, rnd, d.level, ids, d.id)
        for n in _nominations(session, d.id or 0):
            n.decision_id = None
            session.add(n)
        for n in chosen:
            n.decision_id = d.id
            session.add(n)
    return audit.save_changes(session, actor, d, changes, "update")


def delete_decision(session: Session, actor: Actor, d: AwardDecision) -> None:
    _require(actor, d, "delete")
    for n in _nominations(session, d.id or 0):
        n.decision_id = None
        session.add(n)
    audit.record_removal(session, actor, "delete", d)
    session.delete(d)
    session.commit()


def _issuer(session: Session, d: AwardDecision) -> str:
    if d.level == AwardLevel.unit:
        unit = session.get(Unit, d.unit_id) if d.unit_id else None
        return f"Thủ trưởng {unit.name}" if unit else "Thủ trưởng đơn vị"
    return PROVINCE_CHAIRMAN if d.level == AwardLevel.province else COMMUNE_CHAIRMAN


def _grant(
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


def _emit_decided(session: Session, n: Nomination, d: AwardDecision, number: str, on: date) -> None:
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


def issue(session: Session, actor: Actor, d: AwardDecision) -> AwardDecision:
    _require(actor, d, "issue")
    if d.signed_on > today():
        raise Invalid("body.signed_on", "Ngày ký quyết định không được ở tương lai.", "future")
    nominations = _nominations(session, d.id or 0)
    if not nominations:
        raise Conflict("Quyết định chưa có đề nghị nào.")
    before = audit.snapshot(d)
    for n in nominations:
        n_before = audit.snapshot(n)
        if d.kind == "proposal":
            n.status = "proposed"
        else:
            n.status = "decided"
            _grant(session, actor, n, d, d.number, d.signed_on, _issuer(session, d))
            _emit_decided(session, n, d, d.number, d.signed_on)
        n.updated_at = utcnow()
        session.add(n)
        session.flush()
        audit.record(session, actor, "decide" if d.kind == "decision" else "propose", n, n_before)
    d.status, d.issued_at = "issued", utcnow()
    return audit.save_changes(session, actor, d, {}, "issue", before)


def record_province_answer(
    session: Session, actor: Actor, d: AwardDecision, data: ProvinceAnswer
) -> AwardDecision:
    _require(actor, d, "record_answer")
    nominations = {n.id: n for n in _nominations(session, d.id or 0)}
    answered = [r.nomination_id for r in data.results]
    problems = [
        FieldError(
            path=f"body.results.{i}.nomination_id", type="not_in_proposal", message="Không có trong tờ trình."
        )
        for i, r in enumerate(data.results)
        if r.nomination_id not in nominations
    ]
    missing = sorted(i for i in set(nominations) - set(answered) if i is not None)
    if missing or len(set(answered)) != len(answered):
        problems.append(
            FieldError(
                path="body.results",
                type="incomplete",
                message="Cần đúng một kết quả cho mỗi đề nghị trong tờ trình"
                + (
                    f" (thiếu #{', #'.join(str(i) for i in sorted(missing if missing else []))})."
                    if missing
                    else "."
                ),
            )
        )
    if data.decision_date > today():
        problems.append(
            FieldError(path="body.decision_date", type="future", message="Ngày quyết định ở tương lai.")
        )
    if problems:
        raise ValidationFailed("Kết quả của tỉnh chưa hợp lệ; không có gì được lưu.", problems)
    before = audit.snapshot(d)
    for result in data.results:
        n = nominations[result.nomination_id]
        n_before = audit.snapshot(n)
        if result.accepted:
            n.status = "decided"
            _grant(session, actor, n, d, data.decision_number, data.decision_date, PROVINCE_CHAIRMAN)
            _emit_decided(session, n, d, data.decision_number, data.decision_date)
        else:
            n.status = "rejected"
            n.decision_note = data.note or "Chủ tịch UBND tỉnh không tặng Bằng khen."
        n.updated_at = utcnow()
        session.add(n)
        session.flush()
        audit.record(session, actor, "province_answer", n, n_before)
    changes = {
        "status": "answered",
        "province_decision_number": data.decision_number,
        "province_decision_date": data.decision_date,
        "province_note": data.note or None,
    }
    return audit.save_changes(session, actor, d, changes, "province_answer", before)


# --- Documents ----------------------------------------------------------------------------------


def _lines(session: Session, nominations: list[Nomination]) -> list[documents.AwardeeLine]:
    lines = []
    for n in nominations:
        t = session.get(AwardType, n.award_type_id)
        name, unit_name = _subject_names(session, n)
        lines.append(
            documents.AwardeeLine(
                name=name,
                unit_name=unit_name,
                award_name=t.name if t else n.award_type_code,
                collective=n.staff_id is None,
                note=(n.justification or "")[:300],
            )
        )
    # Collectives first, then people, by name: the order of an official list.
    return sorted(lines, key=lambda a: (not a.collective, a.unit_name, a.name))


def decision_document(session: Session, d: AwardDecision) -> tuple[bytes, str]:
    rnd = get_round(session, d.round_id)
    lines = _lines(session, _nominations(session, d.id or 0))
    safe = d.number.replace("/", "-").replace(" ", "")
    if d.kind == "proposal":
        data = documents.proposal_docx(
            number=d.number,
            signed_on=d.signed_on,
            round_name=rnd.name,
            lines=lines,
            signer_title=d.signer_title,
            signer_name=d.signer_name,
        )
        return data, f"to-trinh-{safe}.docx"
    unit = session.get(Unit, d.unit_id) if d.unit_id else None
    if unit is not None:
        body: tuple[str, ...] = ("UBND XÃ THANH THỦY", unit.name.upper())
        authority = f"Thủ trưởng {unit.name}"
        proposer = f"Hội đồng Thi đua - Khen thưởng {unit.name}"
    else:
        body, authority = documents.COMMUNE_BODY, "Chủ tịch Ủy ban nhân dân xã Thanh Thủy"
        proposer = "Hội đồng Thi đua - Khen thưởng xã và Trưởng phòng Văn hóa - Xã hội"
    data = documents.decision_docx(
        issuing_body=body,
        authority=authority,
        number=d.number,
        signed_on=d.signed_on,
        round_name=rnd.name,
        school_years=" - ".join(dict.fromkeys([rnd.school_years[0], rnd.school_years[-1]])),
        lines=lines,
        signer_title=d.signer_title,
        signer_name=d.signer_name,
        proposer=proposer,
    )
    return data, f"quyet-dinh-{safe}.docx"


def decision_list_xlsx(session: Session, d: AwardDecision) -> bytes:
    rnd = get_round(session, d.round_id)
    title = f"Danh sách đề nghị khen thưởng - {rnd.name} (kèm theo văn bản số {d.number})"
    return documents.awardee_xlsx(title, _lines(session, _nominations(session, d.id or 0)))


def minutes(session: Session, m: CouncilMeeting) -> bytes:
    rnd = get_round(session, m.round_id)
    votes = []
    for n in session.exec(
        select(Nomination).where(Nomination.meeting_id == m.id).order_by(col(Nomination.id))
    ):
        t = session.get(AwardType, n.award_type_id)
        name, unit_name = _subject_names(session, n)
        failed = [o["reason"] for o in n.eligibility.get("outcomes", []) if not o["passed"]]
        votes.append(
            documents.VoteLine(
                name=name,
                unit_name=unit_name,
                award_name=t.name if t else n.award_type_code,
                votes_for=n.votes_for or 0,
                votes_cast=n.votes_cast or 0,
                share=f"{(n.votes_for or 0) * 100 / (n.votes_cast or 1):.2f}",
                eligibility="Đạt" if not failed else "Chưa đạt: " + " ".join(failed),
            )
        )
    return documents.minutes_docx(
        round_name=rnd.name,
        held_on=m.held_on,
        location=m.location,
        chair=m.chair,
        secretary=m.secretary,
        members_present=m.members_present,
        members_total=m.members_total,
        notes=m.notes,
        votes=votes,
    )


def certificate(session: Session, settings: Settings, a: Achievement) -> bytes:
    if not a.verification_code:
        raise Conflict("Thành tích này được nhập lại từ hồ sơ cũ; không có giấy chứng nhận trên hệ thống.")
    unit = session.get(Unit, a.unit_id)
    staff = session.get(StaffMember, a.staff_id) if a.staff_id else None
    d = session.get(AwardDecision, a.decision_id) if a.decision_id else None
    unit_name = unit.name if unit else ""
    if a.level == AwardLevel.unit:
        heading, authority = unit_name.upper(), f"THỦ TRƯỞNG {unit_name.upper()}"
    elif a.level == AwardLevel.province:
        heading, authority = "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ"
    else:
        heading, authority = "ỦY BAN NHÂN DÂN XÃ THANH THỦY", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH THỦY"
    data = CertificateData(
        issuer_heading=heading,
        authority_title=authority,
        award_name=a.award_name.split(" của ")[0],
        recipient_name=staff.full_name if staff else unit_name,
        unit_name=unit_name,
        reason=f"Đã có thành tích xuất sắc trong {documents.MOVEMENT}, năm học {a.school_year}",
        decision_number=a.decision_number,
        decision_date=a.decision_date,
        place="Phú Thọ" if a.level == AwardLevel.province else documents.PLACE,
        signer_title=(d.signer_title if d and a.level != AwardLevel.province else "CHỦ TỊCH").upper(),
        signer_name=d.signer_name if d and a.level != AwardLevel.province else "",
        verification_code=a.verification_code,
        verification_url=f"{settings.public_url.rstrip('/')}/xac-thuc/{a.verification_code}",
    )
    return certificate_pdf(data)
