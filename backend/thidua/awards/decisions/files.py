"""A decision's files, gathered from the database: the DOCX of the decision or proposal, and the XLSX
list of its awardees."""

from sqlmodel import Session

from thidua.awards.decisions import documents
from thidua.awards.decisions.service import decision_nominations
from thidua.awards.models import AwardDecision, AwardType, Nomination
from thidua.awards.rounds.service import get_round
from thidua.awards.subjects import subject_names
from thidua.awards.texts import COMMUNE_BODY
from thidua.units.models import Unit


def _lines(session: Session, nominations: list[Nomination]) -> list[documents.AwardeeLine]:
    lines = []
    for n in nominations:
        t = session.get(AwardType, n.award_type_id)
        name, unit_name = subject_names(session, n.unit_id, n.staff_id)
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
    lines = _lines(session, decision_nominations(session, d.id or 0))
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
        body, authority = COMMUNE_BODY, "Chủ tịch Ủy ban nhân dân xã Thanh Thủy"
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
    return documents.awardee_xlsx(title, _lines(session, decision_nominations(session, d.id or 0)))
