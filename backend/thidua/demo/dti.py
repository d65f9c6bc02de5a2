"""Demo QĐ 4725 results: two schools' digital-transformation self-assessments of 2025-2026, so the
DTI page, the ranking's level column and the dashboard show something (schools the browser tests do
not score)."""

from decimal import Decimal

from sqlmodel import Session, select

from thidua.dti.models import DtiAssessment, DtiValue
from thidua.units.models import Unit

YEAR = "2025-2026"
_MET = {"1.1": True, "1.2": True, "2.1": True, "2.2": True}
# TH-DX: group I 20 + 6 + 10 + 12 + 12 = 60 (Mức 2), group II 36 + 18 = 54 (Mức 2).
# THCS-DX: group I 30 + 9 + 18 + 16 + 15 = 88 (Mức 3), group II 30 + 10 = 40 (Mức 1).
RESULTS: dict[str, dict[str, str]] = {
    "TH-DX": {"1.3": "20", "1.4": "6", "1.5": "10", "1.6": "12", "1.7": "12", "2.3": "36", "2.4": "18"},
    "THCS-DX": {"1.3": "30", "1.4": "9", "1.5": "18", "1.6": "16", "1.7": "15", "2.3": "30", "2.4": "10"},
}


def load_dti_results(session: Session) -> int:
    """Adds the results once; returns how many were added."""
    added = 0
    for code, points in RESULTS.items():
        unit = session.exec(select(Unit).where(Unit.code == code)).first()
        if unit is None or unit.id is None:
            continue
        exists = session.exec(
            select(DtiAssessment.id).where(
                DtiAssessment.unit_id == unit.id, DtiAssessment.school_year == YEAR
            )
        ).first()
        if exists is not None:
            continue
        assessment = DtiAssessment(unit_id=unit.id, school_year=YEAR, source="imported")
        session.add(assessment)
        session.flush()
        assert assessment.id is not None
        for criterion, met in _MET.items():
            session.add(DtiValue(assessment_id=assessment.id, criterion_code=criterion, met=met))
        for criterion, value in points.items():
            session.add(
                DtiValue(assessment_id=assessment.id, criterion_code=criterion, points=Decimal(value))
            )
        added += 1
    session.commit()
    return added
