from typing import Literal

from fastapi import APIRouter, Response
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    IfMatch,
    InspectionsManageActor,
    InspectionsReadActor,
    InspectionsRecordActor,
    InspectionsRespondActor,
    Page,
    SessionDep,
)
from thidua.api.files import DOCX, DOCX_RESPONSE, attachment
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor
from thidua.core.ids import PathId, QueryId
from thidua.inspections import access, documents, findings, plans, service
from thidua.inspections.models import Inspection, InspectionFinding, InspectionPlan
from thidua.inspections.schemas import (
    CloseIn,
    DecisionIn,
    FindingIn,
    FindingPage,
    FindingRead,
    FindingUpdate,
    FollowUpIn,
    InspectionCreate,
    InspectionPage,
    InspectionPlanCreate,
    InspectionPlanIssueIn,
    InspectionPlanPage,
    InspectionPlanRead,
    InspectionPlanUpdate,
    InspectionRead,
    InspectionUpdate,
    InspectionValuesIn,
)

router = APIRouter(prefix="/inspections", tags=["inspections"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, inspection: Inspection) -> InspectionRead:
    return etag(inspection.version, service.read_inspection(session, actor, inspection))


@router.get(
    "",
    name="inspections_list",
    summary="Danh sách đợt kiểm tra, giám sát (thành viên đoàn chỉ thấy đợt của mình)",
)
def list_inspections(
    actor: InspectionsReadActor,
    session: SessionDep,
    page: Page,
    school_year: SchoolYear | None = None,
    status: Literal["open", "closed"] | None = None,
    kind: Literal["periodic", "ad_hoc"] | None = None,
) -> InspectionPage:
    return service.list_inspections(
        session, actor, service.InspectionFilters(school_year, status, kind), page
    )


@router.post(
    "",
    status_code=201,
    name="inspections_create",
    summary="Lập đợt kiểm tra định kỳ hoặc đột xuất: đoàn kiểm tra và các đơn vị được kiểm tra",
)
def create_inspection(
    body: InspectionCreate, actor: InspectionsManageActor, session: SessionDep, etag: ETag
) -> InspectionRead:
    return _answer(session, actor, etag, service.create_inspection(session, actor, body))


@router.get("/{inspection_id}", name="inspections_get", summary="Xem đợt kiểm tra")
def get_inspection(
    inspection_id: PathId, actor: InspectionsReadActor, session: SessionDep, etag: ETag
) -> InspectionRead:
    return _answer(session, actor, etag, service.get_inspection(session, actor, inspection_id))


@router.patch(
    "/{inspection_id}", name="inspections_update", summary="Sửa đợt kiểm tra, ghi kết luận, kết thúc đợt"
)
def update_inspection(
    inspection_id: PathId,
    body: InspectionUpdate,
    actor: InspectionsManageActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InspectionRead:
    inspection = if_match(service.get_inspection(session, actor, inspection_id))
    return _answer(session, actor, etag, service.update_inspection(session, actor, inspection, body))


@router.post(
    "/{inspection_id}/values",
    name="inspections_record_values",
    summary="Ghi giá trị xác minh tại đơn vị (trở thành giá trị xác nhận của chỉ tiêu)",
)
def record_values(
    inspection_id: PathId,
    body: InspectionValuesIn,
    actor: InspectionsRecordActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InspectionRead:
    inspection = if_match(service.get_inspection(session, actor, inspection_id))
    return _answer(session, actor, etag, service.record_values(session, actor, inspection, body))


@router.put(
    "/{inspection_id}/decision",
    name="inspections_decide",
    summary="Ghi quyết định kiểm tra (số, ngày ký, người ký) của UBND xã",
)
def decide(
    inspection_id: PathId,
    body: DecisionIn,
    actor: InspectionsManageActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InspectionRead:
    inspection = if_match(service.get_inspection(session, actor, inspection_id))
    return _answer(session, actor, etag, service.set_decision(session, actor, inspection, body))


@router.get(
    "/{inspection_id}/decision.docx",
    name="inspections_decision_document",
    summary="Quyết định kiểm tra (DOCX)",
    responses=DOCX_RESPONSE,
    response_class=Response,
)
def decision_document(inspection_id: PathId, actor: InspectionsReadActor, session: SessionDep) -> Response:
    inspection = service.get_inspection(session, actor, inspection_id)
    return attachment(
        documents.decision(session, inspection), DOCX, f"quyet-dinh-kiem-tra-{inspection_id}.docx"
    )


@router.get(
    "/{inspection_id}/minutes.docx",
    name="inspections_minutes",
    summary="Biên bản kiểm tra tại một đơn vị (DOCX): chữ ký trưởng đoàn và hiệu trưởng",
    responses=DOCX_RESPONSE,
    response_class=Response,
)
def minutes_document(
    inspection_id: PathId, actor: InspectionsReadActor, session: SessionDep, unit_id: QueryId = None
) -> Response:
    inspection = service.get_inspection(session, actor, inspection_id)
    content = documents.minutes(session, inspection, access.minutes_unit(session, actor, inspection, unit_id))
    return attachment(content, DOCX, f"bien-ban-kiem-tra-{inspection_id}.docx")


@router.get(
    "/{inspection_id}/findings",
    name="inspections_findings",
    summary="Nhận xét của đoàn theo chỉ tiêu: ưu điểm, hạn chế, kiến nghị",
)
def list_findings(
    inspection_id: PathId, actor: InspectionsReadActor, session: SessionDep, page: Page
) -> FindingPage:
    service.get_inspection(session, actor, inspection_id)
    return findings.list_findings(session, actor, findings.FindingFilters(inspection_id=inspection_id), page)


@router.post(
    "/{inspection_id}/findings",
    status_code=201,
    name="inspections_add_finding",
    summary="Thành viên đoàn ghi nhận xét tại một đơn vị (theo chỉ tiêu hoặc nhận xét chung)",
)
def add_finding(
    inspection_id: PathId, body: FindingIn, actor: InspectionsRecordActor, session: SessionDep, etag: ETag
) -> FindingRead:
    inspection = service.get_inspection(session, actor, inspection_id)
    f = findings.add_finding(session, actor, inspection, body)
    return etag(f.version, findings.read_finding(session, actor, f))


@router.post(
    "/{inspection_id}/close",
    name="inspections_close",
    summary="Trưởng đoàn ghi kết luận chung và kết thúc đợt kiểm tra",
)
def close(
    inspection_id: PathId,
    body: CloseIn,
    actor: InspectionsRecordActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InspectionRead:
    inspection = if_match(service.get_inspection(session, actor, inspection_id))
    return _answer(session, actor, etag, findings.close(session, actor, inspection, body))


findings_router = APIRouter(prefix="/inspection-findings", tags=["inspections"])


def _finding(session: Session, actor: Actor, etag: ETagSetter, f: InspectionFinding) -> FindingRead:
    return etag(f.version, findings.read_finding(session, actor, f))


@findings_router.get(
    "",
    name="inspection_findings_list",
    summary="Kiến nghị sau kiểm tra cần theo dõi (đơn vị chỉ thấy của đơn vị mình)",
)
def list_recommendations(
    actor: InspectionsReadActor,
    session: SessionDep,
    page: Page,
    follow_up: Literal["pending", "done"] = "pending",
) -> FindingPage:
    return findings.list_findings(session, actor, findings.FindingFilters(follow_up=follow_up), page)


@findings_router.get("/{finding_id}", name="inspection_findings_get", summary="Xem một nhận xét kiểm tra")
def get_finding(
    finding_id: PathId, actor: InspectionsReadActor, session: SessionDep, etag: ETag
) -> FindingRead:
    return _finding(session, actor, etag, findings.get_finding(session, actor, finding_id))


@findings_router.patch(
    "/{finding_id}", name="inspection_findings_update", summary="Sửa nhận xét; đánh dấu hoàn thành"
)
def update_finding(
    finding_id: PathId,
    body: FindingUpdate,
    actor: InspectionsRecordActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> FindingRead:
    f = if_match(findings.get_finding(session, actor, finding_id))
    return _finding(session, actor, etag, findings.update_finding(session, actor, f, body))


@findings_router.post(
    "/{finding_id}/report-done",
    name="inspection_findings_report_done",
    summary="Đơn vị báo cáo đã thực hiện kiến nghị của đoàn kiểm tra",
)
def report_done(
    finding_id: PathId,
    body: FollowUpIn,
    actor: InspectionsRespondActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> FindingRead:
    f = if_match(findings.get_finding(session, actor, finding_id))
    return _finding(session, actor, etag, findings.report_done(session, actor, f, body))


plans_router = APIRouter(prefix="/inspection-plans", tags=["inspections"])


def _plan(session: Session, actor: Actor, etag: ETagSetter, p: InspectionPlan) -> InspectionPlanRead:
    return etag(p.version, plans.read_plan(session, actor, p))


@plans_router.get("", name="inspection_plans_list", summary="Kế hoạch kiểm tra các năm học")
def list_plans(actor: InspectionsReadActor, session: SessionDep, page: Page) -> InspectionPlanPage:
    return plans.list_plans(session, actor, page)


@plans_router.post(
    "",
    status_code=201,
    name="inspection_plans_create",
    summary="Lập kế hoạch kiểm tra năm học: lịch kiểm tra từng đơn vị, thành phần đoàn, nội dung",
)
def create_plan(
    body: InspectionPlanCreate, actor: InspectionsManageActor, session: SessionDep, etag: ETag
) -> InspectionPlanRead:
    return _plan(session, actor, etag, plans.create_plan(session, actor, body))


@plans_router.get("/{plan_id}", name="inspection_plans_get", summary="Xem kế hoạch kiểm tra")
def get_plan(
    plan_id: PathId, actor: InspectionsReadActor, session: SessionDep, etag: ETag
) -> InspectionPlanRead:
    return _plan(session, actor, etag, plans.get_plan(session, actor, plan_id))


@plans_router.patch("/{plan_id}", name="inspection_plans_update", summary="Sửa kế hoạch kiểm tra (dự thảo)")
def update_plan(
    plan_id: PathId,
    body: InspectionPlanUpdate,
    actor: InspectionsManageActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InspectionPlanRead:
    p = if_match(plans.get_plan(session, actor, plan_id))
    return _plan(session, actor, etag, plans.update_plan(session, actor, p, body))


@plans_router.post(
    "/{plan_id}/issue",
    name="inspection_plans_issue",
    summary="Ban hành kế hoạch kiểm tra (số, ngày ký, người ký)",
)
def issue_plan(
    plan_id: PathId,
    body: InspectionPlanIssueIn,
    actor: InspectionsManageActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InspectionPlanRead:
    p = if_match(plans.get_plan(session, actor, plan_id))
    return _plan(session, actor, etag, plans.issue_plan(session, actor, p, body))


@plans_router.get(
    "/{plan_id}/document.docx",
    name="inspection_plans_document",
    summary="Kế hoạch kiểm tra đã ban hành (DOCX)",
    responses=DOCX_RESPONSE,
    response_class=Response,
)
def plan_document(plan_id: PathId, actor: InspectionsReadActor, session: SessionDep) -> Response:
    p = plans.get_plan(session, actor, plan_id)
    return attachment(documents.plan_document(session, p), DOCX, f"ke-hoach-kiem-tra-{p.school_year}.docx")
