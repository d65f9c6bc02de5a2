"""Certificates (Giấy khen / Bằng khen) of the achievements a decision grants, each with a code anyone
can verify on the public site."""

import secrets

from sqlmodel import Session, select

from thidua.awards.models import Achievement, AwardDecision, AwardLevel, AwardRound
from thidua.awards.texts import PLACE, merit_phrase, period_phrase
from thidua.config import Settings
from thidua.core.errors import Conflict
from thidua.documents.certificate import CertificateData, certificate_pdf
from thidua.documents.decree30 import signature_authority
from thidua.movements.models import Movement
from thidua.units.models import StaffMember, Unit


def new_verification_code(session: Session) -> str:
    """'TD-' and 8 characters without look-alikes (no 0/O, 1/I/L)."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    while True:
        code = "TD-" + "".join(secrets.choice(alphabet) for _ in range(8))
        if session.exec(select(Achievement.id).where(Achievement.verification_code == code)).first() is None:
            return code


def _heading_and_authority(level: str, unit_name: str) -> tuple[str, str, str | None, str]:
    """The certificate's heading, the authority that awards it, and who signs for whom."""
    if level == AwardLevel.unit:
        return unit_name.upper(), f"HIỆU TRƯỞNG {unit_name.upper()}", None, "Hiệu trưởng"
    return (
        "ỦY BAN NHÂN DÂN XÃ THANH THỦY",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH THỦY",
        "ỦY BAN NHÂN DÂN",
        "Chủ tịch",
    )


def certificate(session: Session, settings: Settings, a: Achievement) -> bytes:
    if not a.verification_code:
        raise Conflict("Thành tích này được nhập lại từ hồ sơ cũ; không có giấy chứng nhận trên hệ thống.")
    if a.level == AwardLevel.province:
        # The province prints its own Bằng khen; a commune never prints another authority's certificate.
        raise Conflict("Bằng khen cấp tỉnh do UBND tỉnh in và trao; hệ thống không in giấy chứng nhận này.")
    unit = session.get(Unit, a.unit_id)
    staff = session.get(StaffMember, a.staff_id) if a.staff_id else None
    d = session.get(AwardDecision, a.decision_id) if a.decision_id else None
    rnd = session.get(AwardRound, a.round_id) if a.round_id else None
    movement = session.get(Movement, rnd.movement_id) if rnd else None
    unit_name = unit.name if unit else ""
    heading, authority, collective, head = _heading_and_authority(a.level, unit_name)
    period = period_phrase(rnd.kind, rnd.school_years) if rnd else f"năm học {a.school_year}"
    reason = (
        f"Đã có {merit_phrase(rnd.kind, rnd.school_years, movement.title, rnd.reason)}"
        if movement and rnd
        else ""
    )
    data = CertificateData(
        issuer_heading=heading,
        authority_title=authority,
        award_name=a.award_name.split(" của ")[0],
        recipient_name=staff.full_name if staff else unit_name,
        unit_name=unit_name,
        reason=reason or f"Đã có thành tích xuất sắc, {period}",
        decision_number=a.decision_number,
        decision_date=a.decision_date,
        place=PLACE,
        signer_lines=signature_authority(collective, head, d.signer_title if d else head),
        signer_name=d.signer_name if d else "",
        verification_code=a.verification_code,
        verification_url=verification_url(settings, a.verification_code),
    )
    return certificate_pdf(data)


def verification_url(settings: Settings, code: str) -> str:
    """The public page that confirms a certificate, on the address the public reaches (PUBLIC_URL)."""
    return f"{settings.public_url.rstrip('/')}/xac-thuc/{code}"
