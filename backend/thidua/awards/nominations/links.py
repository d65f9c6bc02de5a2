"""The achievements a nomination cites (recognised initiatives, self-assessments): each must belong to
the subject, and one achievement serves one award."""

from sqlmodel import Session, col, select

from thidua.assessments.models import SelfAssessment
from thidua.auth.policy import descendant_unit_ids
from thidua.awards.models import Nomination
from thidua.awards.subjects import subject_key
from thidua.core.errors import FieldError, ValidationFailed
from thidua.initiatives.models import Initiative, InitiativeAuthor


def _initiative_problems(
    session: Session, unit_id: int, staff_id: int | None, ids: list[int], own: int | None
) -> list[FieldError]:
    problems = []
    tree = descendant_unit_ids(session, unit_id)
    linked = {
        i: nomination_id
        for nomination_id, linked_ids in session.exec(
            select(Nomination.id, Nomination.initiative_ids).where(
                col(Nomination.status) != "rejected", Nomination.id != (own or -1)
            )
        ).all()
        for i in linked_ids or []
    }
    for i, initiative_id in enumerate(ids):
        path = f"body.initiative_ids.{i}"
        item = session.get(Initiative, initiative_id)
        authored = (
            staff_id is None
            or session.exec(
                select(InitiativeAuthor.id).where(
                    InitiativeAuthor.initiative_id == initiative_id, InitiativeAuthor.staff_id == staff_id
                )
            ).first()
        )
        if item is None or item.unit_id not in tree or not authored:
            problems.append(
                FieldError(path=path, type="not_found", message="Sáng kiến không thuộc đối tượng này.")
            )
        elif item.recognition_level is None:
            problems.append(
                FieldError(path=path, type="not_recognised", message="Sáng kiến chưa được công nhận.")
            )
        elif item.used_by_achievement_id is not None:
            problems.append(
                FieldError(path=path, type="used", message="Sáng kiến đã được dùng cho một khen thưởng khác.")
            )
        elif initiative_id in linked:
            problems.append(
                FieldError(
                    path=path,
                    type="used",
                    message=f"Sáng kiến đã gắn với đề nghị #{linked[initiative_id]}; "
                    "một thành tích chỉ dùng cho một khen thưởng.",
                )
            )
    if len(set(ids)) != len(ids):
        problems.append(FieldError(path="body.initiative_ids", type="duplicate", message="Sáng kiến bị lặp."))
    return problems


def _assessment_problems(session: Session, key: str, ids: list[int]) -> list[FieldError]:
    problems = []
    for i, assessment_id in enumerate(ids):
        a = session.get(SelfAssessment, assessment_id)
        if a is None or a.subject_key != key:
            problems.append(
                FieldError(
                    path=f"body.assessment_ids.{i}",
                    type="not_found",
                    message="Bảng tự đánh giá không phải của đối tượng được đề nghị.",
                )
            )
    return problems


def check_links(
    session: Session,
    unit_id: int,
    staff_id: int | None,
    initiative_ids: list[int],
    assessment_ids: list[int],
    own: int | None,
) -> None:
    problems = _initiative_problems(session, unit_id, staff_id, initiative_ids, own)
    problems += _assessment_problems(session, subject_key(unit_id, staff_id), assessment_ids)
    if problems:
        raise ValidationFailed("Thành tích gắn với đề nghị chưa hợp lệ; không có gì được lưu.", problems)
