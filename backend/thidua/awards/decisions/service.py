"""Decisions: a unit head's or the commune chairman's Quyết định granting approved nominations, or the
commune's Tờ trình proposing province awards (whose answer is recorded later). Issuing a decision writes
each awardee's achievement with a verification code and marks the initiatives it cites as used."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.awards.decisions import access
from thidua.awards.decisions.grants import emit_decided, grant, issuer_of
from thidua.awards.decisions.schemas import (
    Awardee,
    DecisionCreate,
    DecisionPage,
    DecisionRead,
    DecisionUpdate,
    ProvinceAnswer,
)
from thidua.awards.models import Achievement, AwardDecision, AwardLevel, AwardRound, AwardType, Nomination
from thidua.awards.nominations import access as nominations
from thidua.awards.rounds.service import get_round
from thidua.awards.subjects import school_of, subject_names
from thidua.awards.texts import NOMINATION_STATUS_LABELS_VI
from thidua.core.errors import Conflict, FieldError, Forbidden, Invalid, ValidationFailed
from thidua.core.models import today, utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import where_given


def decision_nominations(session: Session, decision_id: int) -> list[Nomination]:
    return list(
        session.exec(
            select(Nomination).where(Nomination.decision_id == decision_id).order_by(col(Nomination.id))
        )
    )


def _awardee(session: Session, n: Nomination) -> Awardee:
    t = session.get(AwardType, n.award_type_id)
    achievement = session.exec(select(Achievement).where(Achievement.nomination_id == n.id)).first()
    name, unit_name = subject_names(session, n.unit_id, n.staff_id)
    return Awardee(
        nomination_id=n.id or 0,
        subject_name=name,
        unit_name=unit_name,
        award_name=t.name if t else n.award_type_code,
        status=NOMINATION_STATUS_LABELS_VI.get(n.status, n.status),
        achievement_id=achievement.id if achievement else None,
        verification_code=achievement.verification_code if achievement else None,
    )


def read_decision(session: Session, actor: Actor, d: AwardDecision) -> DecisionRead:
    assert d.id is not None
    r = session.get(AwardRound, d.round_id)
    return from_row(
        DecisionRead,
        d,
        round_name=r.name if r else "",
        level=AwardLevel(d.level),
        awardees=[_awardee(session, n) for n in decision_nominations(session, d.id)],
        allowed_actions=access.allowed_actions(actor, d),
    )


@dataclass(frozen=True)
class DecisionFilters:
    round_id: int | None = None
    status: str | None = None
    kind: str | None = None


def list_decisions(session: Session, actor: Actor, f: DecisionFilters, page: PageParams) -> DecisionPage:
    query = where_given(
        access.readable(actor),
        (AwardDecision.round_id, f.round_id),
        (AwardDecision.status, f.status),
        (AwardDecision.kind, f.kind),
    )
    rows, total = paginate(
        session, query, page, col(AwardDecision.signed_on).desc(), col(AwardDecision.id).desc()
    )
    return page_of(DecisionPage, [read_decision(session, actor, d) for d in rows], total, page)


def _claim_problem(
    actor: Actor,
    n: Nomination | None,
    nomination_id: int,
    rnd: AwardRound,
    level: str,
    own: int | None,
    path: str,
) -> FieldError | None:
    """Why a decision cannot grant this nomination, if it cannot."""
    if n is None or not nominations.sees(actor, n):
        return FieldError(path=path, type="not_found", message=f"Không có đề nghị #{nomination_id}.")
    if n.round_id != rnd.id or n.level != level:
        return FieldError(
            path=path, type="other_round", message="Đề nghị thuộc đợt hoặc cấp khen thưởng khác."
        )
    if n.status != "approved":
        return FieldError(
            path=path,
            type="not_approved",
            message=f"Đề nghị đang '{NOMINATION_STATUS_LABELS_VI[n.status]}', chưa được phê duyệt.",
        )
    if n.decision_id is not None and n.decision_id != own:
        return FieldError(
            path=path, type="in_decision", message=f"Đề nghị đã nằm trong quyết định #{n.decision_id}."
        )
    return None


def _claim(
    session: Session, actor: Actor, rnd: AwardRound, level: str, ids: list[int], own: int | None
) -> tuple[list[Nomination], int | None]:
    """The nominations a decision grants: approved, of its round and level, not in another decision."""
    problems: list[FieldError] = []
    chosen: list[Nomination] = []
    for i, nomination_id in enumerate(ids):
        n = session.get(Nomination, nomination_id)
        problem = _claim_problem(actor, n, nomination_id, rnd, level, own, f"body.nomination_ids.{i}")
        if problem is not None:
            problems.append(problem)
        elif n is not None:
            chosen.append(n)
    if len(set(ids)) != len(ids):
        problems.append(FieldError(path="body.nomination_ids", type="duplicate", message="Đề nghị bị lặp."))
    unit_id = None
    if level == AwardLevel.unit and chosen:
        schools = {school_of(session, n.unit_id) for n in chosen}
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


def _attach(session: Session, d: AwardDecision, chosen: list[Nomination]) -> None:
    for n in chosen:
        n.decision_id = d.id
        session.add(n)


def _detach_all(session: Session, d: AwardDecision) -> None:
    for n in decision_nominations(session, d.id or 0):
        n.decision_id = None
        session.add(n)


def _check_signed_on(signed_on: date | None) -> None:
    """Refused when the draft is written, not only at issuing: a decision is not signed in the future."""
    if signed_on is not None and signed_on > today():
        raise Invalid("body.signed_on", "Ngày ký quyết định không được ở tương lai.", "future")


def create_decision(session: Session, actor: Actor, data: DecisionCreate) -> AwardDecision:
    rnd = get_round(session, data.round_id, "body.round_id", actor)
    _check_signed_on(data.signed_on)
    if (data.kind == "proposal") != (data.level == AwardLevel.province):
        raise Invalid(
            "body.kind",
            "Khen thưởng cấp tỉnh do xã lập tờ trình đề nghị; cấp đơn vị, cấp xã ra quyết định.",
            "mismatch",
        )
    if not access.may_prepare(
        actor, data.level, actor.user.unit_id if data.level == AwardLevel.unit else None
    ):
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
    _attach(session, d, chosen)
    audit.record(session, actor, "create", d, None)
    session.commit()
    return d


def update_decision(session: Session, actor: Actor, d: AwardDecision, data: DecisionUpdate) -> AwardDecision:
    access.require(actor, d, "update")
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    _check_signed_on(changes.get("signed_on"))
    ids = changes.pop("nomination_ids", None)
    if ids is not None:
        chosen, _unit = _claim(session, actor, get_round(session, d.round_id), d.level, ids, d.id)
        _detach_all(session, d)
        _attach(session, d, chosen)
    audit.save_changes(session, actor, d, changes, "update")
    return d


def delete_decision(session: Session, actor: Actor, d: AwardDecision) -> None:
    access.require(actor, d, "delete")
    _detach_all(session, d)
    audit.record_removal(session, actor, "delete", d)
    session.delete(d)
    session.commit()


def _decided(
    session: Session, actor: Actor, n: Nomination, d: AwardDecision, number: str, on: date, issuer: str
) -> None:
    """The nomination is granted: the awardee's achievement, and the public event."""
    n.status = "decided"
    grant(session, actor, n, d, number, on, issuer)
    emit_decided(session, n, d, number, on)


def _record(
    session: Session, actor: Actor, n: Nomination, before: dict[str, object] | None, action: str
) -> None:
    n.updated_at = utcnow()
    session.add(n)
    session.flush()
    audit.record(session, actor, action, n, before)


def issue(session: Session, actor: Actor, d: AwardDecision) -> AwardDecision:
    access.require(actor, d, "issue")
    if d.signed_on > today():
        raise Invalid("body.signed_on", "Ngày ký quyết định không được ở tương lai.", "future")
    granted = decision_nominations(session, d.id or 0)
    if not granted:
        raise Conflict("Quyết định chưa có đề nghị nào.")
    before = audit.snapshot(d)
    for n in granted:
        n_before = audit.snapshot(n)
        if d.kind == "proposal":
            n.status = "proposed"
        else:
            _decided(session, actor, n, d, d.number, d.signed_on, issuer_of(session, d))
        _record(session, actor, n, n_before, "decide" if d.kind == "decision" else "propose")
    d.status, d.issued_at = "issued", utcnow()
    audit.save_changes(session, actor, d, {}, "issue", before)
    return d


def _answer_problems(proposed: dict[int | None, Nomination], data: ProvinceAnswer) -> list[FieldError]:
    """One result for each nomination in the proposal, none for another, and no date in the future."""
    answered = [r.nomination_id for r in data.results]
    problems = [
        FieldError(
            path=f"body.results.{i}.nomination_id", type="not_in_proposal", message="Không có trong tờ trình."
        )
        for i, r in enumerate(data.results)
        if r.nomination_id not in proposed
    ]
    missing = sorted(i for i in set(proposed) - set(answered) if i is not None)
    if missing or len(set(answered)) != len(answered):
        problems.append(
            FieldError(
                path="body.results",
                type="incomplete",
                message="Cần đúng một kết quả cho mỗi đề nghị trong tờ trình"
                + (f" (thiếu #{', #'.join(str(i) for i in missing)})." if missing else "."),
            )
        )
    if data.decision_date > today():
        problems.append(
            FieldError(path="body.decision_date", type="future", message="Ngày quyết định ở tương lai.")
        )
    return problems


def record_province_answer(
    session: Session, actor: Actor, d: AwardDecision, data: ProvinceAnswer
) -> AwardDecision:
    access.require(actor, d, "record_answer")
    proposed: dict[int | None, Nomination] = {n.id: n for n in decision_nominations(session, d.id or 0)}
    problems = _answer_problems(proposed, data)
    if problems:
        raise ValidationFailed("Kết quả của tỉnh chưa hợp lệ; không có gì được lưu.", problems)
    before = audit.snapshot(d)
    for result in data.results:
        n = proposed[result.nomination_id]
        n_before = audit.snapshot(n)
        if result.accepted:
            _decided(session, actor, n, d, data.decision_number, data.decision_date, data.issuer)
        else:
            n.status = "rejected"
            n.decision_note = data.note or "Chủ tịch UBND tỉnh không tặng Bằng khen."
        _record(session, actor, n, n_before, "province_answer")
    changes = {
        "status": "answered",
        "province_decision_number": data.decision_number,
        "province_decision_date": data.decision_date,
        "province_note": data.note or None,
        "province_issuer": data.issuer,
    }
    audit.save_changes(session, actor, d, changes, "province_answer", before)
    return d
