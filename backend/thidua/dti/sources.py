"""The linker of scoring/sources.py: movement indicators that carry a QĐ 4725 code take their self
value from the school's 4725 result of the same school year (dti/index.py: `linked_value`)."""

from decimal import Decimal

from sqlmodel import Session, col, select

from thidua.core.sql import one_of
from thidua.dti.index import Answer, linked_codes, linked_value
from thidua.dti.models import DtiAssessment, DtiValue
from thidua.scoring.sources import LinkedIndicator, Subject


def answers_by_unit(session: Session, unit_ids: list[int], school_year: str) -> dict[int, dict[str, Answer]]:
    if not unit_ids:
        return {}
    rows = session.exec(
        select(DtiAssessment.unit_id, DtiValue)
        .join(DtiValue, col(DtiValue.assessment_id) == DtiAssessment.id)
        .where(one_of(DtiAssessment.unit_id, unit_ids), DtiAssessment.school_year == school_year)
    ).all()
    found: dict[int, dict[str, Answer]] = {}
    for unit_id, value in rows:
        found.setdefault(unit_id, {})[value.criterion_code] = Answer(value.points, value.met)
    return found


def linked_values(
    session: Session, subjects: list[Subject], school_year: str, indicators: list[LinkedIndicator]
) -> dict[Subject, dict[str, Decimal]]:
    units = [s.unit_id for s in subjects if s.staff_id is None]
    answers = answers_by_unit(session, units, school_year)
    result: dict[Subject, dict[str, Decimal]] = {}
    for subject in subjects:
        mine = answers.get(subject.unit_id) if subject.staff_id is None else None
        if not mine:
            continue
        for ind in indicators:
            value = linked_value(ind.kind, linked_codes(ind.link), mine)
            if value is not None:
                result.setdefault(subject, {})[ind.code] = value
    return result
