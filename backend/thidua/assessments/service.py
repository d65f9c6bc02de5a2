"""Self-assessments (tự đánh giá): filling, evidence, submission, review, return and verification.

Who sees what and may do what is decided in assessments/access.py.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from thidua.assessments import access
from thidua.assessments.access import LABEL
from thidua.assessments.models import AssessmentEntry, EarlyVerification, Evidence, SelfAssessment
from thidua.assessments.schemas import (
    AssessmentCreate,
    AssessmentPage,
    AssessmentRead,
    AssessmentSummary,
    EarlyVerificationOut,
    EarlyVerifyInput,
    EntriesUpdate,
    EntryOut,
    EvidenceOut,
    ReturnInput,
    ReviewUpdate,
    ScoreSummary,
    WindowOut,
)
from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.auth.roles import Role
from thidua.core.errors import Conflict, FieldError, Invalid, ValidationFailed
from thidua.core.models import utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import where_given
from thidua.frameworks import access as frameworks_access
from thidua.frameworks.models import Criterion, Framework, Indicator
from thidua.movements.models import Movement
from thidua.movements.service import Window, school_years, window_for
from thidua.scoring import dependencies, loader
from thidua.scoring.sources import SOURCES
from thidua.units import access as unit_access
from thidua.units.models import StaffMember, Unit
from thidua.webhooks import service as webhooks

# ---------------------------------------------------------------- visibility


def get_assessment(session: Session, actor: Actor, assessment_id: int) -> SelfAssessment:
    return access.get_readable(session, actor, assessment_id)


# ---------------------------------------------------------------- reading


def _indicators(session: Session, framework_id: int) -> list[Indicator]:
    return list(
        session.exec(
            select(Indicator).where(Indicator.framework_id == framework_id).order_by(col(Indicator.position))
        ).all()
    )


def _subject_name(session: Session, a: SelfAssessment) -> tuple[str, str]:
    unit = session.get(Unit, a.unit_id)
    unit_name = unit.name if unit else ""
    if a.staff_id is None:
        return unit_name, unit_name
    staff = session.get(StaffMember, a.staff_id)
    return (staff.full_name if staff else ""), unit_name


def evaluation_window(session: Session, a: SelfAssessment) -> Window:
    """The evaluation window of the assessment's school year in its framework's movement."""
    framework = session.get(Framework, a.framework_id)
    assert framework is not None
    return window_for(session, framework.movement_id, a.school_year)


def summary(
    session: Session, actor: Actor, a: SelfAssessment, windows: dict[tuple[int, str], bool] | None = None
) -> AssessmentSummary:
    """`windows` remembers, over one list, whether each framework's school year's window is open."""
    assert a.id is not None
    framework = session.get(Framework, a.framework_id)
    assert framework is not None
    windows = {} if windows is None else windows
    key = (framework.movement_id, a.school_year)
    if key not in windows:
        windows[key] = window_for(session, *key).is_open()
    subject_name, unit_name = _subject_name(session, a)
    return from_row(
        AssessmentSummary,
        a,
        framework_code=framework.code,
        framework_version=framework.version_number,
        subject_name=subject_name,
        unit_name=unit_name,
        allowed_actions=access.allowed_actions(session, actor, a, windows[key]),
    )


def evidence_out(e: Evidence, indicator_code: str) -> EvidenceOut:
    assert e.id is not None
    return from_row(
        EvidenceOut,
        e,
        indicator_code=indicator_code,
        download_url=(
            f"/api/v1/self-assessments/{e.assessment_id}/evidence/{e.id}/file" if e.kind == "file" else None
        ),
    )


def read_assessment(session: Session, actor: Actor, a: SelfAssessment) -> AssessmentRead:
    card, frozen = loader.scorecard(session, a, stored=dependencies.settled(session))
    indicators = session.exec(
        select(Indicator, Criterion.code)
        .join(Criterion, col(Criterion.id) == Indicator.criterion_id)
        .where(Indicator.framework_id == a.framework_id)
        .order_by(col(Indicator.position))
    ).all()
    entries = {
        e.indicator_id: e
        for e in session.exec(select(AssessmentEntry).where(AssessmentEntry.assessment_id == a.id))
    }
    evidence: dict[int, list[Evidence]] = {}
    for e in session.exec(select(Evidence).where(Evidence.assessment_id == a.id).order_by(col(Evidence.id))):
        evidence.setdefault(e.indicator_id, []).append(e)
    scores = {s["code"]: s for s in card["indicators"]}
    rows = []
    for ind, criterion_code in indicators:
        assert ind.id is not None
        entry, score = entries.get(ind.id), scores.get(ind.code, {})
        source = SOURCES.get(ind.source or "")
        rows.append(
            EntryOut(
                indicator_id=ind.id,
                indicator_code=ind.code,
                criterion_code=criterion_code,
                kind=ind.kind,
                computed=ind.kind == "computed",
                provisional=ind.kind == "computed" and not frozen,
                source_available=bool(source and source.compute),
                self_value=_dec(score.get("self_value")),
                note=entry.note if entry else None,
                verified_value=entry.verified_value if entry else None,
                effective_value=_dec(score.get("effective_value")),
                reviewer_comment=entry.reviewer_comment if entry else None,
                return_reason=entry.return_reason if entry else None,
                self_points=Decimal(score.get("self_points", "0")),
                verified_points=Decimal(score.get("verified_points", "0")),
                max_points=ind.max_points,
                evidence_required=ind.evidence_required,
                evidence=[evidence_out(e, ind.code) for e in evidence.get(ind.id, [])],
            )
        )
    # Held here, so evaluation_window and the summary get it from the session instead of reading it again.
    framework = session.get(Framework, a.framework_id)
    assert framework is not None
    window = evaluation_window(session, a)
    early = session.exec(select(EarlyVerification).where(EarlyVerification.assessment_id == a.id)).first()
    open_now = {(framework.movement_id, a.school_year): window.is_open()}  # the summary's window: read once
    return AssessmentRead(
        **summary(session, actor, a, open_now).model_dump(),
        return_reason=a.return_reason,
        evaluation_window=WindowOut(
            starts_on=window.starts_on, ends_on=window.ends_on, is_open=window.is_open()
        ),
        early_verification=(
            EarlyVerificationOut(reason=early.reason, verified_at=early.created_at) if early else None
        ),
        score=score_summary(card, frozen),
        entries=rows,
    )


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def score_summary(card: dict[str, Any], frozen: bool) -> ScoreSummary:
    return ScoreSummary(
        self_total=card["self_total"],
        verified_total=card["verified_total"],
        max_total=card["max_total"],
        completion_percent=card["completion_percent"],
        self_completion_percent=card["self_completion_percent"],
        gap=card["gap"],
        data_completeness_percent=card["data_completeness_percent"],
        classification_code=card["classification_code"],
        classification_label=card["classification_label"],
        failed_gates=list(card["failed_gates"]),
        frozen=frozen,
    )


@dataclass(frozen=True)
class AssessmentFilters:
    framework_id: int | None = None
    school_year: str | None = None
    unit_id: int | None = None
    status: str | None = None
    subject_kind: str | None = None


def list_assessments(
    session: Session, actor: Actor, f: AssessmentFilters, page: PageParams
) -> AssessmentPage:
    query = access.readable(session, actor)
    query = where_given(
        query,
        (SelfAssessment.framework_id, f.framework_id),
        (SelfAssessment.school_year, f.school_year),
        (SelfAssessment.unit_id, f.unit_id),
        (SelfAssessment.status, f.status),
        (SelfAssessment.subject_kind, f.subject_kind),
    )
    rows, total = paginate(
        session, query, page, col(SelfAssessment.school_year).desc(), col(SelfAssessment.id).desc()
    )
    windows: dict[tuple[int, str], bool] = {}
    return page_of(AssessmentPage, [summary(session, actor, a, windows) for a in rows], total, page)


# ---------------------------------------------------------------- creating and filling


def create_assessment(session: Session, actor: Actor, data: AssessmentCreate) -> SelfAssessment:
    framework = frameworks_access.named(session, actor, data.framework_id)
    if framework is None:
        raise Invalid(
            "body.framework_id", f"Không tìm thấy bảng điểm có id {data.framework_id}.", "not_found"
        )
    if framework.status != "active":
        raise Invalid(
            "body.framework_id", "Chỉ tự đánh giá theo phiên bản bảng điểm đang được sử dụng.", "inactive"
        )
    movement = session.get(Movement, framework.movement_id)
    assert movement is not None
    if data.school_year not in school_years(movement.start_year, movement.end_year):
        raise Invalid(
            "body.school_year",
            f"Năm học phải nằm trong thời gian phong trào ({movement.start_year}–{movement.end_year}).",
            "out_of_range",
        )
    if framework.subject_kind == "unit":
        unit_id, staff_id = _unit_subject(session, actor, data), None
        key = f"unit:{unit_id}"
    else:
        staff = _staff_subject(session, actor, data)
        unit_id, staff_id, key = staff.unit_id, staff.id, f"staff:{staff.id}"
    duplicate = session.exec(
        select(SelfAssessment.id).where(
            SelfAssessment.framework_id == framework.id,
            SelfAssessment.subject_key == key,
            SelfAssessment.school_year == data.school_year,
        )
    ).first()
    if duplicate is not None:
        raise Conflict(
            f"Đã có {LABEL} #{duplicate} cho đối tượng này, bảng điểm này và năm học {data.school_year}."
        )
    assert framework.id is not None
    assessment = SelfAssessment(
        framework_id=framework.id,
        subject_kind=framework.subject_kind,
        subject_key=key,
        unit_id=unit_id,
        staff_id=staff_id,
        school_year=data.school_year,
    )
    session.add(assessment)
    session.flush()
    assert assessment.id is not None
    for ind in _indicators(session, framework.id):
        assert ind.id is not None
        session.add(AssessmentEntry(assessment_id=assessment.id, indicator_id=ind.id))
    audit.record(session, actor, "create", assessment, None)
    session.commit()
    return assessment


def _unit_subject(session: Session, actor: Actor, data: AssessmentCreate) -> int:
    if data.staff_id is not None:
        raise Invalid("body.staff_id", "Bảng điểm này dành cho đơn vị; không chọn cán bộ.", "not_allowed")
    unit_id = data.unit_id or actor.user.unit_id
    unit = unit_access.unit_in_reach(session, actor, unit_id) if unit_id else None
    if unit is None or unit.id is None or Role.unit_manager not in actor.roles:
        raise Invalid("body.unit_id", "Chỉ thủ trưởng đơn vị tự đánh giá cho đơn vị mình.", "not_allowed")
    if unit.kind != "school":
        raise Invalid("body.unit_id", "Bảng điểm này dành cho cơ sở giáo dục.", "not_allowed")
    return unit.id


def _staff_subject(session: Session, actor: Actor, data: AssessmentCreate) -> StaffMember:
    if data.unit_id is not None and data.staff_id is None:
        raise Invalid("body.staff_id", "Bảng điểm cá nhân cần chọn cán bộ được đánh giá.", "missing")
    own = access.own_staff_ids(session, actor)
    staff_id = data.staff_id or (own[0] if own else None)
    staff = session.get(StaffMember, staff_id) if staff_id else None
    if staff is None or staff.id not in own:
        raise Invalid(
            "body.staff_id",
            "Mỗi người chỉ tự đánh giá cho chính mình (tài khoản cần gắn với hồ sơ cán bộ).",
            "not_allowed",
        )
    return staff


def _value_kind(ind: Indicator) -> str:
    """What a value of the indicator is: its kind, or for a computed one, what its source yields."""
    if ind.kind != "computed":
        return ind.kind
    source = SOURCES.get(ind.source or "")
    return source.value_kind if source else "count"


def check_value(ind: Indicator, value: Decimal | None) -> str | None:
    """Why a value does not fit the indicator, or None."""
    if value is None:
        return None
    kind = _value_kind(ind)
    if value != value.quantize(Decimal("0.01")):
        return "Tối đa 2 chữ số thập phân."
    if kind == "boolean" and value not in (0, 1):
        return "Chỉ nhận 0 (không) hoặc 1 (có)."
    if kind == "percent" and not (0 <= value <= 100):
        return "Tỷ lệ phần trăm phải từ 0 đến 100."
    if kind == "count" and (value < 0 or value != value.to_integral_value()):
        return "Phải là số nguyên không âm."
    if kind == "level" and value not in [Decimal(lv["value"]) for lv in ind.levels]:
        levels = ", ".join(f"{lv['value']} ({lv['label']})" for lv in ind.levels)
        return f"Phải là một trong các mức: {levels}."
    return None


def _indicators_by_code(
    session: Session, a: SelfAssessment, codes: list[str], what: str, allow_computed: bool
) -> tuple[dict[str, Indicator], list[FieldError]]:
    by_code = {i.code.upper(): i for i in _indicators(session, a.framework_id)}
    problems = []
    for n, code in enumerate(codes):
        ind = by_code.get(code.upper())
        if ind is None:
            problems.append(
                FieldError(
                    path=f"body.entries.{n}.indicator_code",
                    message=f"Bảng điểm không có chỉ tiêu mã '{code}'.",
                    type="unknown_indicator",
                )
            )
        elif ind.kind == "computed" and not allow_computed:
            problems.append(
                FieldError(
                    path=f"body.entries.{n}.{what}",
                    message="Chỉ tiêu này do hệ thống tự tính; không nhập giá trị.",
                    type="computed",
                )
            )
    return by_code, problems


def _entry(session: Session, a: SelfAssessment, ind: Indicator) -> AssessmentEntry:
    entry = session.exec(
        select(AssessmentEntry).where(
            AssessmentEntry.assessment_id == a.id, AssessmentEntry.indicator_id == ind.id
        )
    ).first()
    return entry or AssessmentEntry(assessment_id=a.id or 0, indicator_id=ind.id or 0)


def update_entries(session: Session, actor: Actor, a: SelfAssessment, data: EntriesUpdate) -> SelfAssessment:
    if not access.is_subject(session, actor, a):
        raise Conflict("Chỉ đối tượng được đánh giá mới sửa được bản tự đánh giá này.")
    if a.status not in access.EDITABLE:
        raise Conflict(f"Bản tự đánh giá đang ở trạng thái '{a.status}': không sửa được sau khi đã nộp.")
    by_code, problems = _indicators_by_code(
        session, a, [e.indicator_code for e in data.entries], "value", False
    )
    for n, item in enumerate(data.entries):
        ind = by_code.get(item.indicator_code.upper())
        reason = check_value(ind, item.value) if ind and ind.kind != "computed" else None
        if reason:
            problems.append(FieldError(path=f"body.entries.{n}.value", message=reason, type="invalid_value"))
    if problems:
        raise ValidationFailed(f"{len(problems)} giá trị chưa hợp lệ; không có gì được lưu.", problems)
    before = audit.snapshot(a)
    changed = []
    for item in data.entries:
        entry = _entry(session, a, by_code[item.indicator_code.upper()])
        entry.self_value = item.value
        if item.note is not None:
            entry.note = item.note or None
        entry.updated_at = utcnow()
        session.add(entry)
        changed.append(
            {
                "indicator_code": item.indicator_code,
                "value": str(item.value) if item.value is not None else None,
            }
        )
    # Entries live in their own rows; saving the assessment bumps its version, the form's one ETag.
    return audit.save_changes(session, actor, a, {}, "update_entries", {**before, "entries_changed": changed})


# Called with the assessment before it leaves draft or returned, in the submission's transaction
# (registrations.py plugs in the inspections' held values); assessments imports no other domain.
ON_SUBMIT: list[Callable[[Session, SelfAssessment], None]] = []


def submit(session: Session, actor: Actor, a: SelfAssessment) -> SelfAssessment:
    if not access.is_subject(session, actor, a):
        raise Conflict("Chỉ đối tượng được đánh giá mới nộp được bản tự đánh giá này.")
    if a.status not in access.EDITABLE:
        raise Conflict(
            f"Bản tự đánh giá đang ở trạng thái '{a.status}'; chỉ nộp được bản nháp hoặc bản bị trả lại."
        )
    entries = {
        e.indicator_id: e
        for e in session.exec(select(AssessmentEntry).where(AssessmentEntry.assessment_id == a.id))
    }
    with_evidence = set(
        session.exec(select(Evidence.indicator_id).where(Evidence.assessment_id == a.id)).all()
    )
    # A value linked from another instrument (QĐ 4725, scoring/sources.py) counts as answered.
    card, _frozen = loader.scorecard(session, a)
    answered = {s["code"] for s in card["indicators"] if s.get("self_value") is not None}
    problems = []
    for ind in _indicators(session, a.framework_id):
        if ind.kind == "computed" or ind.id is None:
            continue
        entry = entries.get(ind.id)
        if (entry is None or entry.self_value is None) and ind.code not in answered:
            problems.append(
                FieldError(
                    path=f"entries.{ind.code}.value",
                    message=f"Chưa nhập giá trị cho {ind.code}.",
                    type="missing",
                )
            )
        if ind.evidence_required and ind.id not in with_evidence:
            problems.append(
                FieldError(
                    path=f"entries.{ind.code}.evidence",
                    message=f"{ind.code} cần ít nhất một minh chứng.",
                    type="missing_evidence",
                )
            )
    if problems:
        raise ValidationFailed(f"Chưa nộp được: còn {len(problems)} mục thiếu.", problems)
    for entry in entries.values():
        if entry.return_reason:
            entry.return_reason = None
            session.add(entry)
    for hook in ON_SUBMIT:
        hook(session, a)
    changes = {"status": "submitted", "submitted_at": utcnow(), "return_reason": None}
    webhooks.emit(session, "self_assessment.submitted", a.unit_id, _event_data(a, "submitted"))
    return audit.save_changes(session, actor, a, changes, "submit")


def _event_data(a: SelfAssessment, status: str) -> dict[str, Any]:
    """What a webhook tells of an assessment: ids and plain fields, no values or evidence."""
    return {
        "assessment_id": a.id,
        "subject_kind": a.subject_kind,
        "staff_id": a.staff_id,
        "framework_id": a.framework_id,
        "school_year": a.school_year,
        "status": status,
    }


# ---------------------------------------------------------------- review


def _require_submitted(a: SelfAssessment, what: str) -> None:
    if a.status != "submitted":
        raise Conflict(f"Chỉ {what} bản tự đánh giá đã nộp (trạng thái hiện tại: '{a.status}').")


def review(session: Session, actor: Actor, a: SelfAssessment, data: ReviewUpdate) -> SelfAssessment:
    access.require_reviewer(session, actor, a)
    _require_submitted(a, "xem xét")
    by_code, problems = _indicators_by_code(
        session, a, [e.indicator_code for e in data.entries], "verified_value", True
    )
    for n, item in enumerate(data.entries):
        ind = by_code.get(item.indicator_code.upper())
        reason = check_value(ind, item.verified_value) if ind else None
        if reason:
            problems.append(
                FieldError(path=f"body.entries.{n}.verified_value", message=reason, type="invalid_value")
            )
    if problems:
        raise ValidationFailed(f"{len(problems)} giá trị chưa hợp lệ; không có gì được lưu.", problems)
    before = audit.snapshot(a)
    for item in data.entries:
        entry = _entry(session, a, by_code[item.indicator_code.upper()])
        entry.verified_value = item.verified_value
        entry.verified_source = "review" if item.verified_value is not None else None
        if item.comment is not None:
            entry.reviewer_comment = item.comment or None
        session.add(entry)
    return audit.save_changes(session, actor, a, {}, "review", before)


def return_assessment(session: Session, actor: Actor, a: SelfAssessment, data: ReturnInput) -> SelfAssessment:
    access.require_reviewer(session, actor, a)
    _require_submitted(a, "trả lại")
    by_code, problems = _indicators_by_code(
        session, a, [e.indicator_code for e in data.entries], "reason", True
    )
    if problems:
        raise ValidationFailed("Lý do trả lại chưa hợp lệ.", problems)
    for item in data.entries:
        entry = _entry(session, a, by_code[item.indicator_code.upper()])
        entry.return_reason = item.reason
        session.add(entry)
    return audit.save_changes(
        session, actor, a, {"status": "returned", "return_reason": data.reason}, "return"
    )


def _window_text(window: Window) -> str:
    return f"{window.starts_on:%d/%m/%Y} – {window.ends_on:%d/%m/%Y}"


def verify(session: Session, actor: Actor, a: SelfAssessment) -> SelfAssessment:
    """Inside the school year's evaluation window only: the verified scorecard is frozen for good."""
    access.require_reviewer(session, actor, a)
    _require_submitted(a, "xác nhận")
    window = evaluation_window(session, a)
    if not window.is_open():
        message = (
            f"Ngoài thời gian đánh giá năm học {a.school_year} ({_window_text(window)}): chưa xác nhận được. "
            "Chỉ Lãnh đạo UBND xã chốt sớm, có ghi lý do."
        )
        raise Conflict(message, errors=[FieldError(path="evaluation_window", message=message, type="closed")])
    return _freeze(session, actor, a, "verify")


def verify_early(session: Session, actor: Actor, a: SelfAssessment, data: EarlyVerifyInput) -> SelfAssessment:
    """Chốt sớm: the commune leader verifies outside the evaluation window, the reason recorded."""
    _require_submitted(a, "chốt sớm")
    window = evaluation_window(session, a)
    if window.is_open():
        message = (
            f"Đang trong thời gian đánh giá năm học {a.school_year} ({_window_text(window)}): "
            "cán bộ phụ trách xác nhận như thường lệ, không cần chốt sớm."
        )
        raise Conflict(message, errors=[FieldError(path="evaluation_window", message=message, type="open")])
    assert a.id is not None and actor.id is not None
    early = EarlyVerification(
        assessment_id=a.id,
        reason=data.reason,
        window_starts_on=window.starts_on,
        window_ends_on=window.ends_on,
        verified_by_id=actor.id,
    )
    session.add(early)
    session.flush()
    audit.record(session, actor, "create", early, None)  # the reason, in the audit trail too
    return _freeze(session, actor, a, "verify_early")


def _freeze(session: Session, actor: Actor, a: SelfAssessment, action: str) -> SelfAssessment:
    before = audit.snapshot(a)
    a.status, a.verified_at, a.verified_by_id = "verified", utcnow(), actor.id
    loader.freeze(session, a)
    webhooks.emit(session, "self_assessment.verified", a.unit_id, _event_data(a, "verified"))
    return audit.save_changes(session, actor, a, {}, action, before)
