"""Certificates (Giấy khen / Bằng khen) of the achievements a decision grants, each with a code anyone
can verify on the public site."""

import secrets

from sqlmodel import Session, select

from thidua.awards.models import Achievement, AwardDecision, AwardLevel
from thidua.awards.texts import MOVEMENT, PLACE
from thidua.config import Settings
from thidua.core.errors import Conflict
from thidua.documents.certificate import CertificateData, certificate_pdf
from thidua.units.models import StaffMember, Unit


def new_verification_code(session: Session) -> str:
    """'TD-' and 8 characters without look-alikes (no 0/O, 1/I/L)."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    while True:
        code = "TD-" + "".join(secrets.choice(alphabet) for _ in range(8))
        if session.exec(select(Achievement.id).where(Achievement.verification_code == code)).first() is None:
            return code


def _heading_and_authority(level: str, unit_name: str) -> tuple[str, str]:
    if level == AwardLevel.unit:
        return unit_name.upper(), f"THỦ TRƯỞNG {unit_name.upper()}"
    if level == AwardLevel.province:
        return "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ"
    return "ỦY BAN NHÂN DÂN XÃ THANH THỦY", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH THỦY"


def certificate(session: Session, settings: Settings, a: Achievement) -> bytes:
    if not a.verification_code:
        raise Conflict("Thành tích này được nhập lại từ hồ sơ cũ; không có giấy chứng nhận trên hệ thống.")
    unit = session.get(Unit, a.unit_id)
    staff = session.get(StaffMember, a.staff_id) if a.staff_id else None
    d = session.get(AwardDecision, a.decision_id) if a.decision_id else None
    unit_name = unit.name if unit else ""
    heading, authority = _heading_and_authority(a.level, unit_name)
    # The province chairman signs the province's certificate, not the signer of the commune's proposal.
    signer = d if d and a.level != AwardLevel.province else None
    data = CertificateData(
        issuer_heading=heading,
        authority_title=authority,
        award_name=a.award_name.split(" của ")[0],
        recipient_name=staff.full_name if staff else unit_name,
        unit_name=unit_name,
        reason=f"Đã có thành tích xuất sắc trong {MOVEMENT}, năm học {a.school_year}",
        decision_number=a.decision_number,
        decision_date=a.decision_date,
        place="Phú Thọ" if a.level == AwardLevel.province else PLACE,
        signer_title=(signer.signer_title if signer else "CHỦ TỊCH").upper(),
        signer_name=signer.signer_name if signer else "",
        verification_code=a.verification_code,
        verification_url=f"{settings.public_url.rstrip('/')}/xac-thuc/{a.verification_code}",
    )
    return certificate_pdf(data)
