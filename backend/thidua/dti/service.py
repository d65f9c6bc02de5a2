"""QĐ 4725 self-assessments of schools: the index as data, entry with its checks, the group levels,
and the movement indicators that take their value from it."""

from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from thidua.assessments import access as assessments_access
from thidua.audit import service as audit
from thidua.audit.service import snapshot
from thidua.auth.policy import Actor
from thidua.core.errors import Conflict, FieldError, Invalid, ValidationFailed
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.search import where_given
from thidua.dti import access, index
from thidua.dti.index import Answer
from thidua.dti.models import DtiAssessment, DtiValue
from thidua.dti.schemas import (
    CriterionPartOut,
    DtiAssessmentCreate,
    DtiAssessmentPage,
    DtiAssessmentRead,
    DtiAssessmentUpdate,
    DtiCriterionOut,
    DtiIndexRead,
    DtiValueIn,
    DtiValueOut,
    GroupOut,
    GroupResultOut,
    LevelOut,
    LinkedIndicatorOut,
    LinkedRead,
)
from thidua.dti.sources import answers_by_unit
from thidua.frameworks.models import Indicator
from thidua.units import access as units_access
from thidua.units.models import SchoolLevel, Unit, UnitKind

_GROUP_NAMES = {g.code: g.name for g in index.GROUPS}


def index_read() -> DtiIndexRead:
    return DtiIndexRead(
        code=index.INDEX_CODE,
        name=index.INDEX_NAME,
        groups=[GroupOut(code=g.code, name=g.name, max_points=g.max_points) for g in index.GROUPS],
        levels=[LevelOut(level=lv.level, label=lv.label, min_points=lv.min_points) for lv in index.LEVELS],
        criteria=[
            DtiCriterionOut(
                code=c.code,
                group=c.group,
                name=c.name,
                max_points=c.max_points,
                mandatory=c.mandatory,
                parts=[CriterionPartOut(name=n, points=p) for n, p in c.parts],
                verified=c.verified,
                source=c.source,
            )
            for c in index.CRITERIA
        ],
        sources=dict(index.SOURCES),
        note=index.UNCONFIRMED_NOTE,
    )


# ---------------------------------------------------------------- checks (pure)


def answer_problem(code: str, points: Decimal | None, met: bool | None) -> tuple[str, str] | None:
    """(field, Vietnamese message) of what is wrong with one answer, or None. Shared with the import."""
    criterion = index.BY_CODE.get(code)
    if criterion is None:
        known = ", ".join(c.code for c in index.CRITERIA)
        return "criterion_code", f"Bộ chỉ số 4725 không có tiêu chí '{code}'; các mã có: {known}."
    if criterion.max_points is None:
        if points is not None:
            return (
                "points",
                f"Tiêu chí {code} là điều kiện bắt buộc: chỉ ghi đạt hoặc không đạt, không có điểm.",
            )
        return None
    if met is not None:
        return "met", f"Tiêu chí {code} được chấm điểm: ghi số điểm, không ghi đạt/không đạt."
    if points is not None and not (0 <= points <= criterion.max_points):
        return "points", f"Điểm tiêu chí {code} phải từ 0 đến {criterion.max_points}."
    return None


def _value_problems(values: list[DtiValueIn]) -> list[FieldError]:
    problems = []
    seen: set[str] = set()
    for i, v in enumerate(values):
        at = f"body.values.{i}"
        if v.criterion_code in seen:
            problems.append(
                FieldError(path=f"{at}.criterion_code", message="Tiêu chí bị nhập hai lần.", type="duplicate")
            )
        seen.add(v.criterion_code)
        found = answer_problem(v.criterion_code, v.points, v.met)
        if found:
            problems.append(FieldError(path=f"{at}.{found[0]}", message=found[1], type="invalid"))
    return problems


def applies_to(unit: Unit) -> bool:
    """QĐ 4725 is for general and continuing education: schools, not preschools (no source found)."""
    return unit.kind == UnitKind.school and unit.school_level != SchoolLevel.preschool


# ---------------------------------------------------------------- reads


def _answers(session: Session, assessment_id: int) -> dict[str, Answer]:
    rows = session.exec(select(DtiValue).where(DtiValue.assessment_id == assessment_id)).all()
    return {v.criterion_code: Answer(v.points, v.met) for v in rows}


def groups_out(answers: dict[str, Answer]) -> list[GroupResultOut]:
    return [
        GroupResultOut(
            group=r.group,
            name=_GROUP_NAMES[r.group],
            points=r.points,
            max_points=r.max_points,
            level=r.level,
            level_label=r.level_label,
            answered=r.answered,
            criteria=r.criteria,
            mandatory_unmet=list(r.mandatory_unmet),
        )
        for r in index.group_results(answers)
    ]


def read(session: Session, actor: Actor, a: DtiAssessment) -> DtiAssessmentRead:
    assert a.id is not None
    unit = session.get(Unit, a.unit_id)
    answers = _answers(session, a.id)
    order = {c.code: i for i, c in enumerate(index.CRITERIA)}
    return DtiAssessmentRead(
        id=a.id,
        unit_id=a.unit_id,
        unit_name=unit.name if unit else "",
        unit_code=unit.code if unit else "",
        school_year=a.school_year,
        index_code=a.index_code,
        source=a.source,
        values=[
            DtiValueOut(criterion_code=code, points=ans.points, met=ans.met)
            for code, ans in sorted(answers.items(), key=lambda kv: order.get(kv[0], 999))
        ],
        groups=groups_out(answers),
        overall_level=None,
        version=a.version,
        allowed_actions=access.allowed_actions(actor, a),
    )


def list_assessments(
    session: Session, actor: Actor, unit_id: int | None, school_year: str | None, page: PageParams
) -> DtiAssessmentPage:
    query = where_given(
        access.readable(actor), (DtiAssessment.unit_id, unit_id), (DtiAssessment.school_year, school_year)
    )
    rows, total = paginate(
        session,
        query,
        page,
        col(DtiAssessment.school_year).desc(),
        col(DtiAssessment.unit_id),
        col(DtiAssessment.id),
    )
    return page_of(DtiAssessmentPage, [read(session, actor, a) for a in rows], total, page)


def get_assessment(session: Session, actor: Actor, assessment_id: int) -> DtiAssessment:
    return access.get_readable(session, actor, assessment_id)


# ---------------------------------------------------------------- writes


def _set_values(session: Session, assessment_id: int, values: list[DtiValueIn]) -> None:
    stored = {
        v.criterion_code: v
        for v in session.exec(select(DtiValue).where(DtiValue.assessment_id == assessment_id))
    }
    wanted = {v.criterion_code: v for v in values}
    for code, row in stored.items():
        if code not in wanted:
            session.delete(row)
    for code, v in wanted.items():
        found = stored.get(code)
        if found is None:
            session.add(
                DtiValue(assessment_id=assessment_id, criterion_code=code, points=v.points, met=v.met)
            )
        elif found.points != v.points or found.met != v.met:
            found.points, found.met = v.points, v.met
            session.add(found)


def _check_values(values: list[DtiValueIn]) -> None:
    problems = _value_problems(values)
    if problems:
        raise ValidationFailed("Bản tự đánh giá theo QĐ 4725 chưa hợp lệ; không có gì được lưu.", problems)


def create(session: Session, actor: Actor, data: DtiAssessmentCreate) -> DtiAssessment:
    unit_id = data.unit_id or actor.user.unit_id
    unit = session.get(Unit, unit_id) if unit_id else None
    if unit is None or unit.id is None or not units_access.in_reach(actor, unit.id):
        raise Invalid("body.unit_id", "Không tìm thấy trường trong phạm vi của bạn.", "not_found")
    if not access.may_write(actor, unit.id):
        raise Invalid("body.unit_id", "Bạn không được nhập kết quả QĐ 4725 cho đơn vị này.", "forbidden")
    if not applies_to(unit):
        raise Invalid(
            "body.unit_id",
            "Bộ chỉ số QĐ 4725 áp dụng cho cơ sở giáo dục phổ thông; đơn vị này không thuộc diện áp dụng.",
        )
    _check_values(data.values)
    existing = session.exec(
        select(DtiAssessment).where(
            DtiAssessment.unit_id == unit.id,
            DtiAssessment.school_year == data.school_year,
            DtiAssessment.index_code == index.INDEX_CODE,
        )
    ).first()
    if existing is not None:
        raise Conflict(
            f"Trường đã có bản tự đánh giá QĐ 4725 năm học {data.school_year} (id {existing.id}); "
            "hãy sửa bản đó."
        )
    assessment = DtiAssessment(unit_id=unit.id, school_year=data.school_year, index_code=index.INDEX_CODE)
    session.add(assessment)
    session.flush()
    assert assessment.id is not None
    _set_values(session, assessment.id, data.values)
    session.flush()
    audit.record(session, actor, "create", assessment, None)
    session.commit()
    return assessment


def update(session: Session, actor: Actor, a: DtiAssessment, data: DtiAssessmentUpdate) -> DtiAssessment:
    if not access.may_write(actor, a.unit_id):
        raise Invalid("body", "Bạn không được sửa kết quả QĐ 4725 của đơn vị này.", "forbidden")
    _check_values(data.values)
    assert a.id is not None
    before: dict[str, Any] = {
        **snapshot(a),
        "values": {code: [str(v.points), v.met] for code, v in _answers(session, a.id).items()},
    }
    _set_values(session, a.id, data.values)
    return audit.save_changes(session, actor, a, {"source": "entered"}, "update", before)


# ---------------------------------------------------------------- linked movement indicators


def linked(session: Session, actor: Actor, assessment_id: int) -> LinkedRead:
    """The movement indicators of one self-assessment that carry a 4725 code, with the value each takes
    from the school's 4725 result of the same year (None: no result yet, or not derivable)."""
    a = assessments_access.get_readable(session, actor, assessment_id)
    assert a.id is not None
    mine: dict[str, Answer] = {}
    dti_id: int | None = None
    if a.staff_id is None:
        mine = answers_by_unit(session, [a.unit_id], a.school_year).get(a.unit_id, {})
        dti_id = session.exec(
            select(DtiAssessment.id).where(
                DtiAssessment.unit_id == a.unit_id, DtiAssessment.school_year == a.school_year
            )
        ).first()
    indicators = session.exec(
        select(Indicator)
        .where(Indicator.framework_id == a.framework_id, col(Indicator.moet_4725).is_not(None))
        .order_by(col(Indicator.position), col(Indicator.id))
    ).all()
    out = []
    for ind in indicators:
        if not ind.moet_4725 or ind.kind == "computed":
            continue
        value = index.linked_value(ind.kind, index.linked_codes(ind.moet_4725), mine) if mine else None
        out.append(
            LinkedIndicatorOut(
                indicator_code=ind.code,
                indicator_name=ind.name,
                moet_4725=ind.moet_4725,
                value=value,
                dti_assessment_id=dti_id if value is not None else None,
            )
        )
    return LinkedRead(
        assessment_id=a.id,
        school_year=a.school_year,
        unit_id=a.unit_id,
        dti_assessment_id=dti_id,
        groups=groups_out(mine) if dti_id is not None else [],
        indicators=out,
    )


# ---------------------------------------------------------------- for other screens and documents


def level_words(answers: dict[str, Answer]) -> str:
    """ "I: Mức 3; II: Mức 2": a school's 4725 level per group, as the annex prints it."""
    return "; ".join(
        f"{'I' if r.group == '1' else 'II'}: Mức {r.level}" for r in index.group_results(answers)
    )


def dti_levels(session: Session, unit_ids: list[int], school_year: str) -> dict[int, str]:
    """The 4725 levels of units the caller already reaches (a report request's units), by unit id;
    a unit without a 4725 result of the year is left out."""
    return {
        unit_id: level_words(answers)
        for unit_id, answers in answers_by_unit(session, unit_ids, school_year).items()
    }
