from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    ReportsManageActor,
    ReportsReadActor,
    ReportsWriteActor,
    SessionDep,
)
from thidua.api.files import DOCX, DOCX_RESPONSE, XLSX, XLSX_RESPONSE, attachment
from thidua.auth.policy import Actor
from thidua.core.ids import PathId, QueryId
from thidua.core.models import today
from thidua.reports import service
from thidua.reports.models import Report, ReportRequest
from thidua.reports.schemas import (
    Consolidated,
    ConsolidatedIssueCreate,
    ConsolidatedIssueRead,
    ReportCreate,
    ReportPage,
    ReportRead,
    ReportRequestCreate,
    ReportRequestPage,
    ReportRequestRead,
    ReportRequestUpdate,
    ReportUpdate,
)

requests = APIRouter(prefix="/report-requests", tags=["reports"])
reports = APIRouter(prefix="/reports", tags=["reports"])


def _request(session: Session, actor: Actor, etag: ETagSetter, request: ReportRequest) -> ReportRequestRead:
    return etag(request.version, service.read_request(session, actor, request))


def _report(session: Session, actor: Actor, etag: ETagSetter, report: Report) -> ReportRead:
    return etag(report.version, service.read_report(session, actor, report))


@requests.get(
    "", name="report_requests_list", summary="Các yêu cầu báo cáo (định kỳ, đột xuất, sơ kết, tổng kết)"
)
def list_requests(actor: ReportsReadActor, session: SessionDep, page: Page) -> ReportRequestPage:
    return service.list_requests(session, actor, page)


@requests.post("", status_code=201, name="report_requests_create", summary="Yêu cầu các đơn vị báo cáo")
def create_request(
    body: ReportRequestCreate, actor: ReportsManageActor, session: SessionDep, etag: ETag
) -> ReportRequestRead:
    return _request(session, actor, etag, service.create_request(session, actor, body))


@requests.get(
    "/{request_id}", name="report_requests_get", summary="Xem yêu cầu báo cáo và tình hình nộp của các đơn vị"
)
def get_request(
    request_id: PathId, actor: ReportsReadActor, session: SessionDep, etag: ETag
) -> ReportRequestRead:
    return _request(session, actor, etag, service.get_request(session, actor, request_id))


@requests.patch("/{request_id}", name="report_requests_update", summary="Sửa yêu cầu báo cáo")
def update_request(
    request_id: PathId,
    body: ReportRequestUpdate,
    actor: ReportsManageActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> ReportRequestRead:
    found = if_match(service.get_request(session, actor, request_id))
    return _request(session, actor, etag, service.update_request(session, actor, found, body))


@requests.get(
    "/{request_id}/consolidated",
    name="report_requests_consolidated",
    summary="Báo cáo tổng hợp của xã: số liệu, khó khăn và đề xuất của từng đơn vị",
)
def consolidated(request_id: PathId, actor: ReportsManageActor, session: SessionDep) -> Consolidated:
    return service.consolidated(session, actor, service.get_request(session, actor, request_id))


@requests.get(
    "/{request_id}/consolidated.docx",
    response_class=Response,
    name="report_requests_consolidated_docx",
    summary="Báo cáo tổng hợp (DOCX, thể thức Nghị định 30/2020/NĐ-CP)",
    responses=DOCX_RESPONSE,
)
def consolidated_docx(
    request_id: PathId,
    actor: ReportsManageActor,
    session: SessionDep,
    signer: Annotated[str, Query(min_length=1, max_length=120, description="Họ tên người ký")],
    # Digits only: the template adds "/BC-UBND" itself (a typed "125/BC-UBND" printed it twice).
    number: Annotated[
        str,
        Query(
            pattern=r"^(\d{1,7}| *)$",
            description='Số văn bản, chỉ phần số (mẫu tự thêm "/BC-UBND"); để trống cho văn thư điền',
        ),
    ] = "     ",
    signer_title: Annotated[
        str, Query(min_length=1, max_length=120, description="Chức vụ người ký")
    ] = "Phó Chủ tịch",
    issued_on: date | None = None,
) -> Response:
    data = service.consolidated(session, actor, service.get_request(session, actor, request_id))
    content = service.consolidated_docx(data, number, signer.strip(), issued_on or today(), signer_title)
    return attachment(content, DOCX, f"bao-cao-tong-hop-{request_id}.docx")


@requests.get(
    "/{request_id}/consolidated.xlsx",
    response_class=Response,
    name="report_requests_consolidated_xlsx",
    summary="Phụ lục số liệu của báo cáo tổng hợp (XLSX)",
    responses=XLSX_RESPONSE,
)
def consolidated_xlsx(request_id: PathId, actor: ReportsManageActor, session: SessionDep) -> Response:
    data = service.consolidated(session, actor, service.get_request(session, actor, request_id))
    return attachment(service.consolidated_xlsx(data), XLSX, f"phu-luc-{request_id}.xlsx")


Sequence = Annotated[int, Path(ge=1, le=1000, description="Lần ban hành (1, 2, …)")]


@requests.post(
    "/{request_id}/issues",
    status_code=201,
    name="report_requests_issue",
    summary="Ban hành báo cáo tổng hợp (số, ngày, người ký) và ghi nhận đã gửi Sở GDĐT; số liệu được chốt",
)
def issue(
    request_id: PathId, body: ConsolidatedIssueCreate, actor: ReportsManageActor, session: SessionDep
) -> ConsolidatedIssueRead:
    request = service.get_request(session, actor, request_id)
    return service.issue_consolidated(session, actor, request, body)


@requests.get(
    "/{request_id}/issues",
    name="report_requests_issues",
    summary="Các lần ban hành báo cáo tổng hợp (bản trước vẫn xem được)",
)
def issues(request_id: PathId, actor: ReportsManageActor, session: SessionDep) -> list[ConsolidatedIssueRead]:
    return service.issued_versions(session, service.get_request(session, actor, request_id))


@requests.get(
    "/{request_id}/issues/{sequence}.docx",
    response_class=Response,
    name="report_requests_issue_docx",
    summary="Báo cáo tổng hợp đã ban hành (DOCX, số liệu tại thời điểm ban hành)",
    responses=DOCX_RESPONSE,
)
def issue_docx(
    request_id: PathId, sequence: Sequence, actor: ReportsManageActor, session: SessionDep
) -> Response:
    found = service.get_issue(session, service.get_request(session, actor, request_id), sequence)
    return attachment(service.issued_docx(found), DOCX, f"bao-cao-tong-hop-{request_id}-lan-{sequence}.docx")


@requests.get(
    "/{request_id}/issues/{sequence}.xlsx",
    response_class=Response,
    name="report_requests_issue_xlsx",
    summary="Phụ lục số liệu của báo cáo tổng hợp đã ban hành (XLSX)",
    responses=XLSX_RESPONSE,
)
def issue_xlsx(
    request_id: PathId, sequence: Sequence, actor: ReportsManageActor, session: SessionDep
) -> Response:
    found = service.get_issue(session, service.get_request(session, actor, request_id), sequence)
    return attachment(service.issued_xlsx(found), XLSX, f"phu-luc-{request_id}-lan-{sequence}.xlsx")


@reports.get("", name="reports_list", summary="Báo cáo của các đơn vị")
def list_reports(
    actor: ReportsReadActor,
    session: SessionDep,
    page: Page,
    request_id: QueryId = None,
    unit_id: QueryId = None,
    status: Literal["draft", "submitted"] | None = None,
) -> ReportPage:
    return service.list_reports(session, actor, service.ReportFilters(request_id, unit_id, status), page)


@reports.post(
    "",
    status_code=201,
    name="reports_create",
    summary="Lập báo cáo của đơn vị (số liệu được điền sẵn từ hệ thống)",
)
def create_report(
    body: ReportCreate, actor: ReportsWriteActor, session: SessionDep, etag: ETag
) -> ReportRead:
    return _report(session, actor, etag, service.create_report(session, actor, body))


@reports.get("/{report_id}", name="reports_get", summary="Xem báo cáo")
def get_report(report_id: PathId, actor: ReportsReadActor, session: SessionDep, etag: ETag) -> ReportRead:
    return _report(session, actor, etag, service.get_report(session, actor, report_id))


@reports.patch("/{report_id}", name="reports_update", summary="Sửa kết quả, khó khăn, đề xuất")
def update_report(
    report_id: PathId,
    body: ReportUpdate,
    actor: ReportsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> ReportRead:
    report = if_match(service.get_report(session, actor, report_id))
    return _report(session, actor, etag, service.update_report(session, actor, report, body))


@reports.post(
    "/{report_id}/refresh-figures", name="reports_refresh_figures", summary="Cập nhật số liệu từ hệ thống"
)
def refresh_figures(
    report_id: PathId, actor: ReportsWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> ReportRead:
    report = if_match(service.get_report(session, actor, report_id))
    return _report(session, actor, etag, service.refresh_figures(session, actor, report))


@reports.post("/{report_id}/submit", name="reports_submit", summary="Nộp báo cáo")
def submit_report(
    report_id: PathId, actor: ReportsWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> ReportRead:
    report = if_match(service.get_report(session, actor, report_id))
    return _report(session, actor, etag, service.submit_report(session, actor, report))
