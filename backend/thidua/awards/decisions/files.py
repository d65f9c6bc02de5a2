"""A decision's files, gathered from the database: the DOCX of the decision or proposal, and the XLSX
list of its awardees."""

from sqlmodel import Session

from thidua.awards.cash import base_salary_on, cash_amount
from thidua.awards.decisions import documents
from thidua.awards.decisions.service import decision_nominations
from thidua.awards.models import AwardDecision, AwardRound, AwardType
from thidua.awards.rounds.service import get_round
from thidua.awards.subjects import subject_names
from thidua.awards.texts import merit_phrase, period_phrase
from thidua.movements.models import Movement
from thidua.units.models import Unit


def decision_lines(session: Session, d: AwardDecision) -> list[documents.AwardeeLine]:
    """The decision's awardees with their cash amounts (the province pays its own awards: none on a
    Tờ trình)."""
    base = base_salary_on(session, d.signed_on) if d.kind == "decision" else None
    lines = []
    for n in decision_nominations(session, d.id or 0):
        t = session.get(AwardType, n.award_type_id)
        name, unit_name = subject_names(session, n.unit_id, n.staff_id)
        lines.append(
            documents.AwardeeLine(
                name=name,
                unit_name=unit_name,
                award_name=t.name if t else n.award_type_code,
                collective=n.staff_id is None,
                note=(n.justification or "")[:300],
                override_reason=n.override_reason or "",
                amount=cash_amount(t.cash_coefficient, base.amount) if t and base else None,
            )
        )
    # Collectives first, then people, by name: the order of an official list.
    return sorted(lines, key=lambda a: (not a.collective, a.unit_name, a.name))


def _movement_title(session: Session, rnd: AwardRound) -> str:
    movement = session.get(Movement, rnd.movement_id)
    return movement.title if movement else ""


def decision_document(session: Session, d: AwardDecision) -> tuple[bytes, str]:
    rnd = get_round(session, d.round_id)
    lines = decision_lines(session, d)
    safe = d.number.replace("/", "-").replace(" ", "")
    movement = _movement_title(session, rnd)
    period = period_phrase(rnd.kind, rnd.school_years)
    if d.kind == "proposal":
        data = documents.proposal_docx(
            number=d.number,
            signed_on=d.signed_on,
            movement=movement,
            period=period,
            lines=lines,
            signer_title=d.signer_title,
            signer_name=d.signer_name,
        )
        return data, f"to-trinh-{safe}.docx"
    unit = session.get(Unit, d.unit_id) if d.unit_id else None
    issuer = documents.school_issuer(unit.name) if unit is not None else documents.commune_issuer()
    data = documents.decision_docx(
        issuer=issuer,
        number=d.number,
        signed_on=d.signed_on,
        movement=movement,
        period=period,
        merit=merit_phrase(rnd.kind, rnd.school_years, movement, rnd.reason),
        lines=lines,
        signer_title=d.signer_title,
        signer_name=d.signer_name,
    )
    return data, f"quyet-dinh-{safe}.docx"


def decision_list_xlsx(session: Session, d: AwardDecision) -> bytes:
    rnd = get_round(session, d.round_id)
    period = period_phrase(rnd.kind, rnd.school_years)
    title = f"Danh sách đề nghị khen thưởng {period} (kèm theo văn bản số {d.number})"
    return documents.awardee_xlsx(title, decision_lines(session, d))
