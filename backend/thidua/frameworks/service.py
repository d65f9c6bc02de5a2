"""Scorecard frameworks (bảng điểm chuẩn): validation, versions, activation."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, func, select

from thidua.assessments.models import SelfAssessment
from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import Conflict, FieldError, Invalid, ValidationFailed
from thidua.core.models import same_commune, utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.frameworks import access
from thidua.frameworks.models import Criterion, Framework, Indicator
from thidua.frameworks.schemas import (
    BandOut,
    ClassificationBandIn,
    ClassificationBandOut,
    CriterionOut,
    FrameworkDocument,
    FrameworkPage,
    FrameworkRead,
    FrameworkSummary,
    IndicatorIn,
    IndicatorOut,
    LevelOut,
)
from thidua.movements import access as movements_access
from thidua.movements.models import ContentArea
from thidua.scoring.sources import SOURCES

DEFAULT_CLASSIFICATION = [
    {"min_percent": "90", "code": "excellent", "label": "Hoàn thành xuất sắc"},
    {"min_percent": "70", "code": "good", "label": "Hoàn thành tốt"},
    {"min_percent": "50", "code": "completed", "label": "Hoàn thành"},
    {"min_percent": "0", "code": "not_completed", "label": "Chưa hoàn thành"},
]
_SOURCE_SUBJECT = {"unit": "unit", "individual": "individual"}


# ---------------------------------------------------------------- validation (pure)


def _indicator_problems(
    ind: IndicatorIn, at: str, subject_kind: str, areas: set[str]
) -> Iterable[FieldError]:
    def err(field: str, message: str, type_: str = "invalid") -> FieldError:
        return FieldError(path=f"{at}.{field}", message=message, type=type_)

    if ind.rule in ("proportional", "threshold") and ind.target is None:
        yield err("target", "Quy tắc này cần chỉ tiêu (target).", "missing")
    if ind.rule == "proportional" and ind.target is not None and ind.target <= 0:
        yield err("target", "Quy tắc tỷ lệ cần chỉ tiêu lớn hơn 0.")
    if ind.direction == "lower" and ind.rule != "threshold":
        yield err("direction", "Chiều 'càng thấp càng tốt' chỉ dùng với quy tắc ngưỡng (threshold).")
    if ind.kind == "percent" and ind.target is not None and not (0 <= ind.target <= 100):
        yield err("target", "Chỉ tiêu phần trăm phải từ 0 đến 100.")
    if ind.kind in ("count", "level") and ind.target is not None and ind.target < 0:
        yield err("target", "Chỉ tiêu không được âm.")
    if ind.kind == "boolean" and ind.target is not None and ind.target not in (0, 1):
        yield err("target", "Chỉ tiêu có/không chỉ nhận 0 hoặc 1.")
    if ind.rule == "bands":
        if not ind.bands:
            yield err("bands", "Quy tắc theo bậc cần ít nhất một bậc.", "missing")
        for i, band in enumerate(ind.bands):
            if band.points < 0 or band.points > ind.max_points:
                yield err(f"bands.{i}.points", f"Điểm của bậc phải từ 0 đến điểm tối đa ({ind.max_points}).")
            if i and band.min_value <= ind.bands[i - 1].min_value:
                yield err(f"bands.{i}.min_value", "Các bậc phải tăng dần theo giá trị.")
            if i and band.points < ind.bands[i - 1].points:
                yield err(f"bands.{i}.points", "Bậc cao hơn không được ít điểm hơn bậc thấp hơn.")
    elif ind.bands:
        yield err("bands", "Chỉ quy tắc theo bậc (bands) mới có bậc.")
    if ind.kind == "level":
        values = [level.value for level in ind.levels]
        if not values:
            yield err("levels", "Chỉ tiêu theo mức cần khai báo các mức.", "missing")
        if len(values) != len(set(values)):
            yield err("levels", "Giá trị các mức không được trùng nhau.", "duplicate")
        if ind.target is not None and values and ind.target not in values:
            yield err(
                "target", f"Chỉ tiêu phải là một mức đã khai báo ({', '.join(map(str, sorted(values)))})."
            )
    elif ind.levels:
        yield err("levels", "Chỉ chỉ tiêu theo mức (level) mới có danh sách mức.")
    if ind.kind == "computed":
        source = SOURCES.get(ind.source or "")
        if source is None:
            yield err("source", "Chỉ tiêu tính tự động cần một nguồn dữ liệu đã đăng ký.", "unknown_source")
        elif source.subject_kind != _SOURCE_SUBJECT[subject_kind]:
            yield err("source", f"Nguồn '{source.name}' dành cho đối tượng khác ({source.subject_kind}).")
    elif ind.source:
        yield err("source", "Chỉ chỉ tiêu tính tự động (computed) mới có nguồn dữ liệu.")
    if ind.content_area_code and ind.content_area_code not in areas:
        yield err(
            "content_area_code", f"Không có nội dung thi đua mã '{ind.content_area_code}' trong phong trào."
        )


def _classification_problems(bands: list[ClassificationBandIn]) -> Iterable[FieldError]:
    for i, band in enumerate(bands):
        if i and band.min_percent >= bands[i - 1].min_percent:
            yield FieldError(
                path=f"body.classification.{i}.min_percent",
                message="Các bậc xếp loại phải giảm dần, cao nhất trước.",
                type="invalid",
            )
    if bands and bands[-1].min_percent != 0:
        yield FieldError(
            path=f"body.classification.{len(bands) - 1}.min_percent",
            message="Bậc cuối cùng phải bắt đầu từ 0%.",
            type="invalid",
        )
    codes = [b.code for b in bands]
    if len(codes) != len(set(codes)):
        yield FieldError(path="body.classification", message="Mã xếp loại bị trùng.", type="duplicate")


def document_problems(doc: FrameworkDocument, content_areas: set[str]) -> list[FieldError]:
    """Every reason the document is not a usable framework, each with its path in the document."""
    problems: list[FieldError] = list(_classification_problems(doc.classification or []))
    criterion_codes: set[str] = set()
    indicator_codes: set[str] = set()
    for ci, criterion in enumerate(doc.criteria):
        at = f"body.criteria.{ci}"
        if criterion.code.upper() in criterion_codes:
            problems.append(
                FieldError(
                    path=f"{at}.code", message=f"Mã tiêu chí '{criterion.code}' bị trùng.", type="duplicate"
                )
            )
        criterion_codes.add(criterion.code.upper())
        for ii, ind in enumerate(criterion.indicators):
            ind_at = f"{at}.indicators.{ii}"
            if ind.code.upper() in indicator_codes:
                problems.append(
                    FieldError(
                        path=f"{ind_at}.code", message=f"Mã chỉ tiêu '{ind.code}' bị trùng.", type="duplicate"
                    )
                )
            indicator_codes.add(ind.code.upper())
            problems.extend(_indicator_problems(ind, ind_at, doc.subject_kind, content_areas))
    return problems


# ---------------------------------------------------------------- reading


def get_framework(session: Session, actor: Actor, framework_id: int) -> Framework:
    return access.get_readable(session, actor, framework_id)


def structure(session: Session, framework_id: int) -> tuple[list[Criterion], list[Indicator]]:
    criteria = session.exec(
        select(Criterion).where(Criterion.framework_id == framework_id).order_by(col(Criterion.position))
    ).all()
    indicators = session.exec(
        select(Indicator).where(Indicator.framework_id == framework_id).order_by(col(Indicator.position))
    ).all()
    return list(criteria), list(indicators)


def assessment_count(session: Session, framework_id: int) -> int:
    return int(session.exec(select(func.count()).where(SelfAssessment.framework_id == framework_id)).one())


def _summary_fields(
    session: Session, actor: Actor, fw: Framework, criteria: int, indicators: list[Indicator]
) -> dict[str, Any]:
    assert fw.id is not None
    used = assessment_count(session, fw.id)
    return {
        "id": fw.id,
        "movement_id": fw.movement_id,
        "code": fw.code,
        "version_number": fw.version_number,
        "name": fw.name,
        "subject_kind": fw.subject_kind,
        "status": fw.status,
        "based_on_id": fw.based_on_id,
        "max_points": sum((i.max_points for i in indicators), Decimal("0.00")),
        "criteria_count": criteria,
        "indicator_count": len(indicators),
        "assessment_count": used,
        "version": fw.version,
        "allowed_actions": access.allowed_actions(actor, fw, used),
        "created_at": fw.created_at,
        "updated_at": fw.updated_at,
        "activated_at": fw.activated_at,
    }


def read_framework(session: Session, actor: Actor, fw: Framework) -> FrameworkRead:
    assert fw.id is not None
    criteria, indicators = structure(session, fw.id)
    by_criterion: dict[int, list[IndicatorOut]] = {c.id: [] for c in criteria if c.id is not None}
    for ind in indicators:
        assert ind.id is not None
        by_criterion[ind.criterion_id].append(
            from_row(
                IndicatorOut,
                ind,
                bands=[BandOut(**b) for b in ind.bands],
                levels=[LevelOut(**lv) for lv in ind.levels],
            )
        )
    criteria_out = [
        CriterionOut(
            id=c.id,
            code=c.code,
            name=c.name,
            indicators=by_criterion[c.id],
            max_points=sum((i.max_points for i in by_criterion[c.id]), Decimal("0.00")),
        )
        for c in criteria
        if c.id is not None
    ]
    return FrameworkRead(
        **_summary_fields(session, actor, fw, len(criteria), indicators),
        classification=[ClassificationBandOut(**b) for b in fw.classification],
        criteria=criteria_out,
    )


@dataclass(frozen=True)
class FrameworkFilters:
    movement_id: int | None = None
    code: str | None = None
    subject_kind: str | None = None
    status: str | None = None


def list_frameworks(
    session: Session, actor: Actor, filters: FrameworkFilters, page: PageParams
) -> FrameworkPage:
    query = access.readable(actor)
    if filters.movement_id is not None:
        query = query.where(Framework.movement_id == filters.movement_id)
    if filters.code:
        query = query.where(Framework.code == filters.code)
    if filters.subject_kind:
        query = query.where(Framework.subject_kind == filters.subject_kind)
    if filters.status:
        query = query.where(Framework.status == filters.status)
    rows, total = paginate(
        session, query, page, Framework.code, col(Framework.version_number).desc(), Framework.id
    )
    items = []
    for fw in rows:
        criteria, indicators = structure(session, fw.id)
        items.append(FrameworkSummary(**_summary_fields(session, actor, fw, len(criteria), indicators)))
    return page_of(FrameworkPage, items, total, page)


# ---------------------------------------------------------------- writing


def _content_area_codes(session: Session, actor: Actor, movement_id: int) -> set[str]:
    if movements_access.named(session, actor, movement_id) is None:
        raise Invalid("body.movement_id", f"Không tìm thấy phong trào có id {movement_id}.", "not_found")
    return set(session.exec(select(ContentArea.code).where(ContentArea.movement_id == movement_id)).all())


def _validate(session: Session, actor: Actor, doc: FrameworkDocument) -> None:
    problems = document_problems(doc, _content_area_codes(session, actor, doc.movement_id))
    if problems:
        raise ValidationFailed(
            f"Bảng điểm chưa hợp lệ: {len(problems)} lỗi; xem chi tiết trong errors.", problems
        )


def _write_structure(session: Session, framework_id: int, doc: FrameworkDocument) -> None:
    position = 0
    for ci, criterion_in in enumerate(doc.criteria):
        criterion = Criterion(
            framework_id=framework_id, code=criterion_in.code, name=criterion_in.name, position=ci
        )
        session.add(criterion)
        session.flush()
        assert criterion.id is not None
        for ind in criterion_in.indicators:
            position += 1
            session.add(
                Indicator(
                    framework_id=framework_id,
                    criterion_id=criterion.id,
                    position=position,
                    **ind.model_dump(mode="json", exclude={"bands", "levels", "target", "max_points"}),
                    target=ind.target,
                    max_points=ind.max_points,
                    bands=[b.model_dump(mode="json") for b in ind.bands],
                    levels=[lv.model_dump(mode="json") for lv in ind.levels],
                )
            )


def _classification(doc: FrameworkDocument) -> list[dict[str, Any]]:
    if doc.classification is None:
        return DEFAULT_CLASSIFICATION
    return [b.model_dump(mode="json") for b in doc.classification]


def create_framework(session: Session, actor: Actor, doc: FrameworkDocument) -> Framework:
    _validate(session, actor, doc)
    if (
        session.exec(
            select(Framework.id).where(
                Framework.code == doc.code, same_commune(Framework.commune_id, actor.commune_id)
            )
        ).first()
        is not None
    ):
        raise Conflict(
            f"Đã có bảng điểm mã '{doc.code}'; hãy tạo phiên bản mới từ bảng điểm đó.",
            errors=[FieldError(path="body.code", message="Mã bảng điểm đã tồn tại.", type="duplicate")],
        )
    fw = Framework(
        commune_id=actor.commune_id,
        movement_id=doc.movement_id,
        code=doc.code,
        name=doc.name,
        subject_kind=doc.subject_kind,
        classification=_classification(doc),
    )
    session.add(fw)
    session.flush()
    assert fw.id is not None
    _write_structure(session, fw.id, doc)
    audit.record(session, actor, "create", fw, None)
    session.commit()
    return fw


def _refuse_if_used(session: Session, fw: Framework) -> None:
    used = session.exec(select(SelfAssessment).where(SelfAssessment.framework_id == fw.id).limit(5)).all()
    if used:
        names = ", ".join(f"#{a.id} ({a.subject_key}, {a.school_year})" for a in used)
        total = assessment_count(session, fw.id or 0)
        raise Conflict(
            f"Phiên bản {fw.version_number} của bảng điểm '{fw.code}' đang được {total} bản tự đánh giá "
            f"sử dụng ({names}{', ...' if total > len(used) else ''}) nên không thể sửa; "
            "hãy tạo phiên bản mới."
        )
    if fw.status == "retired":
        raise Conflict("Phiên bản này đã ngừng sử dụng; hãy tạo phiên bản mới.")


def replace_framework(session: Session, actor: Actor, fw: Framework, doc: FrameworkDocument) -> Framework:
    _refuse_if_used(session, fw)
    if doc.code != fw.code or doc.movement_id != fw.movement_id or doc.subject_kind != fw.subject_kind:
        raise Invalid(
            "body.code", "Không đổi được mã, phong trào hay đối tượng của một bảng điểm đã có.", "immutable"
        )
    _validate(session, actor, doc)
    for table in (Indicator, Criterion):  # indicators first: they reference their criterion
        for row in session.exec(select(table).where(table.framework_id == fw.id)).all():
            session.delete(row)
        session.flush()
    assert fw.id is not None
    _write_structure(session, fw.id, doc)
    return audit.save_changes(
        session, actor, fw, {"name": doc.name, "classification": _classification(doc)}, "update"
    )


def new_version(session: Session, actor: Actor, source: Framework) -> Framework:
    assert source.id is not None
    latest = session.exec(
        select(func.max(Framework.version_number)).where(
            Framework.code == source.code, same_commune(Framework.commune_id, source.commune_id)
        )
    ).one()
    copy = Framework(
        commune_id=source.commune_id,
        movement_id=source.movement_id,
        code=source.code,
        version_number=int(latest or 0) + 1,
        name=source.name,
        subject_kind=source.subject_kind,
        based_on_id=source.id,
        classification=list(source.classification),
    )
    session.add(copy)
    session.flush()
    assert copy.id is not None
    criteria, indicators = structure(session, source.id)
    new_ids: dict[int | None, int] = {}
    for c in criteria:
        criterion = Criterion(framework_id=copy.id, code=c.code, name=c.name, position=c.position)
        session.add(criterion)
        session.flush()
        assert criterion.id is not None
        new_ids[c.id] = criterion.id
    for ind in indicators:
        fields = ind.model_dump(exclude={"id", "framework_id", "criterion_id"})
        session.add(Indicator(**fields, framework_id=copy.id, criterion_id=new_ids[ind.criterion_id]))
    session.flush()
    audit.record(session, actor, "new_version", copy, None)
    session.commit()
    return copy


def activate(session: Session, actor: Actor, fw: Framework) -> Framework:
    if fw.status != "draft":
        raise Conflict("Chỉ phiên bản nháp mới kích hoạt được.")
    for other in session.exec(
        select(Framework).where(
            Framework.code == fw.code,
            Framework.status == "active",
            same_commune(Framework.commune_id, fw.commune_id),
        )
    ):
        audit.save_changes(session, actor, other, {"status": "retired"}, "retire")
    return audit.save_changes(session, actor, fw, {"status": "active", "activated_at": utcnow()}, "activate")
