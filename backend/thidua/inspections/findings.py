"""Findings of an inspection (nhận xét, kết luận): a team member writes, per school and indicator,
strengths, shortcomings and recommendations; the team lead writes the overall conclusions and closes
the inspection once no mandatory finding is open; the school then reports each recommendation done.
Who may do what is decided in inspections/access.py."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import Conflict, Invalid
from thidua.core.models import utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.frameworks.models import Framework, Indicator
from thidua.inspections import access
from thidua.inspections.models import Inspection, InspectionFinding, InspectionUnit
from thidua.inspections.schemas import (
    CloseIn,
    FindingIn,
    FindingPage,
    FindingRead,
    FindingUpdate,
    FollowUpIn,
)
from thidua.inspections.service import check_can_close
from thidua.units.models import Unit


def follow_up(f: InspectionFinding) -> str:
    if not f.recommendations.strip():
        return "none"
    return "done" if f.follow_up_done_at is not None else "pending"


def read_finding(session: Session, actor: Actor, f: InspectionFinding) -> FindingRead:
    inspection = session.get(Inspection, f.inspection_id)
    unit = session.get(Unit, f.unit_id)
    indicator = session.get(Indicator, f.indicator_id) if f.indicator_id else None
    assert inspection is not None
    return from_row(
        FindingRead,
        f,
        inspection_title=inspection.title,
        inspection_status=inspection.status,
        unit_name=unit.name if unit else "",
        indicator_code=indicator.code if indicator else None,
        follow_up=follow_up(f),
        allowed_actions=access.finding_actions(session, actor, f, inspection),
    )


@dataclass(frozen=True)
class FindingFilters:
    inspection_id: int | None = None
    follow_up: str | None = None  # pending | done: findings with recommendations only


def list_findings(session: Session, actor: Actor, f: FindingFilters, page: PageParams) -> FindingPage:
    query = access.readable_findings(actor)
    if f.inspection_id is not None:
        query = query.where(InspectionFinding.inspection_id == f.inspection_id)
    if f.follow_up is not None:
        closed = select(Inspection.id).where(Inspection.status == "closed")
        query = query.where(
            InspectionFinding.recommendations != "", col(InspectionFinding.inspection_id).in_(closed)
        )
        done = col(InspectionFinding.follow_up_done_at)
        query = query.where(done.is_(None) if f.follow_up == "pending" else done.is_not(None))
    rows, total = paginate(session, query, page, col(InspectionFinding.id))
    return page_of(FindingPage, [read_finding(session, actor, r) for r in rows], total, page)


def get_finding(session: Session, actor: Actor, finding_id: int) -> InspectionFinding:
    return access.get_readable_finding(session, actor, finding_id)


def _indicator_id(session: Session, inspection: Inspection, code: str | None) -> int | None:
    if code is None or not code.strip():
        return None
    found = session.exec(
        select(Indicator)
        .join(Framework, col(Framework.id) == Indicator.framework_id)
        .where(
            Framework.status == "active",
            Framework.subject_kind == "unit",
            col(Indicator.code).ilike(code.strip()),
        )
        .order_by(col(Framework.id).desc())
    ).first()
    if found is None:
        raise Invalid("body.indicator_code", "Bảng điểm không có chỉ tiêu này.", "unknown_indicator")
    return found.id


def _has_content(strengths: str, shortcomings: str, recommendations: str) -> bool:
    return any(t.strip() for t in (strengths, shortcomings, recommendations))


def add_finding(session: Session, actor: Actor, inspection: Inspection, data: FindingIn) -> InspectionFinding:
    access.require(
        session,
        actor,
        inspection,
        "record",
        "Chỉ thành viên đoàn kiểm tra mới ghi được nhận xét của đợt này.",
    )
    assigned = session.exec(
        select(InspectionUnit.unit_id).where(InspectionUnit.inspection_id == inspection.id)
    ).all()
    if data.unit_id not in assigned:
        raise Invalid("body.unit_id", "Đơn vị này không thuộc đợt kiểm tra.", "not_assigned")
    if data.status == "done" and not _has_content(data.strengths, data.shortcomings, data.recommendations):
        raise Invalid(
            "body.shortcomings",
            "Nhận xét hoàn thành cần ít nhất một nội dung: ưu điểm, hạn chế hoặc kiến nghị.",
            "empty_finding",
        )
    finding = InspectionFinding(
        **data.model_dump(exclude={"indicator_code"}),
        inspection_id=inspection.id or 0,
        indicator_id=_indicator_id(session, inspection, data.indicator_code),
        recorded_by_id=actor.id,
    )
    session.add(finding)
    session.flush()
    audit.record(session, actor, "create", finding, None)
    session.commit()
    return finding


def update_finding(
    session: Session, actor: Actor, finding: InspectionFinding, data: FindingUpdate
) -> InspectionFinding:
    inspection = session.get(Inspection, finding.inspection_id)
    assert inspection is not None
    access.require(
        session,
        actor,
        inspection,
        "record",
        "Chỉ thành viên đoàn kiểm tra mới sửa được nhận xét của đợt này.",
    )
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    merged = {**finding.model_dump(), **changes}
    if merged["status"] == "done" and not _has_content(
        merged["strengths"], merged["shortcomings"], merged["recommendations"]
    ):
        raise Invalid(
            "body.shortcomings",
            "Nhận xét hoàn thành cần ít nhất một nội dung: ưu điểm, hạn chế hoặc kiến nghị.",
            "empty_finding",
        )
    changes["recorded_by_id"] = actor.id
    return audit.save_changes(session, actor, finding, changes, "update")


def close(session: Session, actor: Actor, inspection: Inspection, data: CloseIn) -> Inspection:
    access.require(
        session, actor, inspection, "close", "Chỉ trưởng đoàn kiểm tra mới kết thúc được đợt kiểm tra."
    )
    check_can_close(session, inspection)
    return audit.save_changes(
        session, actor, inspection, {"status": "closed", "findings": data.conclusions}, "close"
    )


def report_done(
    session: Session, actor: Actor, finding: InspectionFinding, data: FollowUpIn
) -> InspectionFinding:
    inspection = session.get(Inspection, finding.inspection_id)
    assert inspection is not None
    if "report_done" not in access.finding_actions(session, actor, finding, inspection):
        if not finding.recommendations.strip():
            raise Conflict("Nhận xét này không có kiến nghị cần thực hiện.")
        if inspection.status != "closed":
            raise Conflict("Đợt kiểm tra chưa kết thúc; kiến nghị chưa được ban hành.")
        raise Conflict("Kiến nghị này đã được báo cáo hoàn thành.")
    return audit.save_changes(
        session,
        actor,
        finding,
        {"follow_up_note": data.note, "follow_up_done_at": utcnow(), "follow_up_by_id": actor.id},
        "report_done",
    )
