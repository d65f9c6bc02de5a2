from typing import Annotated

from fastapi import APIRouter, File, Query, Request, Response, UploadFile
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from thidua.api.deps import (
    BudgetManageActor,
    BudgetReadActor,
    BudgetSpendActor,
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    PartnersReadActor,
    PartnersWriteActor,
    SessionDep,
)
from thidua.api.files import XLSX, XLSX_RESPONSE, attachment, stored_file
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor
from thidua.budget import partners, service, summary
from thidua.budget.models import BudgetAllocation, BudgetSource, BudgetSpending, Partner
from thidua.budget.schemas import (
    AgreementCreate,
    AgreementUpdate,
    AllocationCreate,
    AllocationPage,
    AllocationRead,
    AllocationUpdate,
    BudgetSourceCreate,
    BudgetSourcePage,
    BudgetSourceRead,
    BudgetSourceUpdate,
    BudgetSummary,
    ContributionCreate,
    ContributionUpdate,
    PartnerCreate,
    PartnerKind,
    PartnerPage,
    PartnerRead,
    PartnerUpdate,
    Source,
    SpendingCreate,
    SpendingPage,
    SpendingRead,
)
from thidua.core.errors import Invalid
from thidua.core.ids import PathId, QueryId
from thidua.movements import access as movements_access
from thidua.movements.models import Movement

router = APIRouter(prefix="/budget", tags=["budget"])
partners_router = APIRouter(prefix="/partners", tags=["partners"])


def _source(session: Session, actor: Actor, etag: ETagSetter, s: BudgetSource) -> BudgetSourceRead:
    return etag(s.version, service.read_source(session, actor, s))


def _allocation(session: Session, actor: Actor, etag: ETagSetter, a: BudgetAllocation) -> AllocationRead:
    return etag(a.version, service.read_allocation(session, actor, a))


def _spending(session: Session, actor: Actor, etag: ETagSetter, sp: BudgetSpending) -> SpendingRead:
    return etag(sp.version, service.read_spending(session, actor, sp))


def _partner(session: Session, actor: Actor, etag: ETagSetter, p: Partner) -> PartnerRead:
    return etag(p.version, partners.read_partner(session, actor, p))


# ---------------------------------------------------------------- sources


@router.get(
    "/sources", name="budget_sources_list", summary="Kinh phí của xã cho phong trào theo năm và nguồn"
)
def list_sources(
    actor: BudgetReadActor,
    session: SessionDep,
    page: Page,
    movement_id: QueryId = None,
    school_year: SchoolYear | None = None,
) -> BudgetSourcePage:
    return service.list_sources(session, actor, service.YearFilter(movement_id, school_year), page)


@router.post(
    "/sources",
    status_code=201,
    name="budget_sources_create",
    summary="Lập kinh phí một năm theo nguồn (ngân sách nhà nước, xã hội hóa)",
)
def create_source(
    body: BudgetSourceCreate, actor: BudgetManageActor, session: SessionDep, etag: ETag
) -> BudgetSourceRead:
    return _source(session, actor, etag, service.create_source(session, actor, body))


@router.get("/sources/{source_id}", name="budget_sources_get", summary="Xem một nguồn kinh phí")
def get_source(
    source_id: PathId, actor: BudgetReadActor, session: SessionDep, etag: ETag
) -> BudgetSourceRead:
    return _source(session, actor, etag, service.get_source(session, actor, source_id))


@router.patch("/sources/{source_id}", name="budget_sources_update", summary="Sửa số tiền, ghi chú của nguồn")
def update_source(
    source_id: PathId,
    body: BudgetSourceUpdate,
    actor: BudgetManageActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> BudgetSourceRead:
    s = if_match(service.get_source(session, actor, source_id))
    return _source(session, actor, etag, service.update_source(session, actor, s, body))


# ---------------------------------------------------------------- allocations


@router.get(
    "/allocations",
    name="budget_allocations_list",
    summary="Phân bổ kinh phí cho các trường và hoạt động của xã (trường chỉ thấy của mình)",
)
def list_allocations(
    actor: BudgetReadActor,
    session: SessionDep,
    page: Page,
    movement_id: QueryId = None,
    school_year: SchoolYear | None = None,
    source: Source | None = None,
    unit_id: QueryId = None,
) -> AllocationPage:
    f = service.AllocationFilter(movement_id, school_year, source, unit_id)
    return service.list_allocations(session, actor, f, page)


@router.post(
    "/allocations",
    status_code=201,
    name="budget_allocations_create",
    summary="Phân bổ kinh phí của một nguồn cho một trường hoặc hoạt động của xã",
)
def create_allocation(
    body: AllocationCreate, actor: BudgetManageActor, session: SessionDep, etag: ETag
) -> AllocationRead:
    return _allocation(session, actor, etag, service.create_allocation(session, actor, body))


@router.get("/allocations/{allocation_id}", name="budget_allocations_get", summary="Xem một khoản phân bổ")
def get_allocation(
    allocation_id: PathId, actor: BudgetReadActor, session: SessionDep, etag: ETag
) -> AllocationRead:
    return _allocation(session, actor, etag, service.get_allocation(session, actor, allocation_id))


@router.patch(
    "/allocations/{allocation_id}", name="budget_allocations_update", summary="Sửa số tiền, nội dung phân bổ"
)
def update_allocation(
    allocation_id: PathId,
    body: AllocationUpdate,
    actor: BudgetManageActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> AllocationRead:
    a = if_match(service.get_allocation(session, actor, allocation_id))
    return _allocation(session, actor, etag, service.update_allocation(session, actor, a, body))


@router.delete(
    "/allocations/{allocation_id}",
    status_code=204,
    response_class=Response,
    name="budget_allocations_delete",
    summary="Xóa khoản phân bổ chưa chi",
)
def delete_allocation(
    allocation_id: PathId, actor: BudgetManageActor, session: SessionDep, if_match: IfMatch
) -> Response:
    a = if_match(service.get_allocation(session, actor, allocation_id))
    service.delete_allocation(session, actor, a)
    return Response(status_code=204)


@router.post(
    "/allocations/{allocation_id}/spending",
    status_code=201,
    name="budget_spending_create",
    summary="Ghi một khoản chi từ khoản phân bổ (vượt số còn lại phải ghi lý do)",
)
def record_spending(
    allocation_id: PathId, body: SpendingCreate, actor: BudgetSpendActor, session: SessionDep, etag: ETag
) -> SpendingRead:
    a = service.get_allocation(session, actor, allocation_id)
    return _spending(session, actor, etag, service.record_spending(session, actor, a, body))


# ---------------------------------------------------------------- spending


@router.get("/spending", name="budget_spending_list", summary="Các khoản chi (trường chỉ thấy của mình)")
def list_spending(
    actor: BudgetReadActor,
    session: SessionDep,
    page: Page,
    movement_id: QueryId = None,
    school_year: SchoolYear | None = None,
    source: Source | None = None,
    unit_id: QueryId = None,
    allocation_id: QueryId = None,
) -> SpendingPage:
    f = service.SpendingFilter(movement_id, school_year, source, unit_id, allocation_id)
    return service.list_spending(session, actor, f, page)


@router.get("/spending/{spending_id}", name="budget_spending_get", summary="Xem một khoản chi và chứng từ")
def get_spending(
    spending_id: PathId, actor: BudgetReadActor, session: SessionDep, etag: ETag
) -> SpendingRead:
    return _spending(session, actor, etag, service.get_spending(session, actor, spending_id))


@router.post(
    "/spending/{spending_id}/documents",
    status_code=201,
    name="budget_spending_add_document",
    summary="Đính kèm chứng từ của khoản chi (PDF, ảnh, DOCX, XLSX; tối đa 10 MB)",
)
def add_document(
    spending_id: PathId,
    request: Request,
    file: Annotated[UploadFile, File(description="Chứng từ: hóa đơn, hợp đồng, biên bản")],
    actor: BudgetSpendActor,
    session: SessionDep,
    etag: ETag,
) -> SpendingRead:
    sp = service.get_spending(session, actor, spending_id)
    sp = service.add_document(session, actor, sp, file, request.app.state.storage)
    return _spending(session, actor, etag, sp)


@router.get(
    "/spending/{spending_id}/documents/{document_id}",
    response_class=StreamingResponse,
    name="budget_spending_download_document",
    summary="Tải chứng từ của khoản chi",
    responses={200: {"content": {"application/octet-stream": {}}, "description": "Chứng từ"}},
)
def download_document(
    spending_id: PathId, document_id: PathId, request: Request, actor: BudgetReadActor, session: SessionDep
) -> StreamingResponse:
    sp = service.get_spending(session, actor, spending_id)
    doc = service.get_document(session, sp, document_id)
    return stored_file(
        request.app.state.storage,
        service.document_key(doc),
        filename=doc.filename,
        media_type=doc.content_type,
        size=doc.size_bytes,
        missing="Tệp chứng từ không còn trên máy chủ.",
        plain_stem="chung-tu",
    )


# ---------------------------------------------------------------- summary


def _movement(session: Session, actor: Actor, movement_id: int) -> Movement:
    movement = movements_access.named(session, actor, movement_id)
    if movement is None:
        raise Invalid("query.movement_id", f"Không có phong trào có id {movement_id}.", "unknown")
    return movement


@router.get(
    "/summary",
    name="budget_summary",
    summary="Tổng hợp kinh phí năm: đã phân bổ, đã chi, còn lại theo nguồn và theo trường",
)
def get_summary(
    actor: BudgetReadActor,
    session: SessionDep,
    movement_id: Annotated[int, Query(ge=1, le=2_147_483_647)],
    school_year: SchoolYear,
) -> BudgetSummary:
    _movement(session, actor, movement_id)
    return summary.summary(session, actor, movement_id, school_year)


@router.get(
    "/summary.xlsx",
    name="budget_summary_xlsx",
    summary="Tổng hợp kinh phí năm (Excel)",
    response_class=Response,
    responses=XLSX_RESPONSE,
)
def get_summary_xlsx(
    actor: BudgetReadActor,
    session: SessionDep,
    movement_id: Annotated[int, Query(ge=1, le=2_147_483_647)],
    school_year: SchoolYear,
) -> Response:
    movement = _movement(session, actor, movement_id)
    data = summary.summary(session, actor, movement_id, school_year)
    return attachment(summary.summary_xlsx(data, movement.title), XLSX, f"Kinh phí {school_year}.xlsx")


# ---------------------------------------------------------------- partners


@partners_router.get("", name="partners_list", summary="Đối tác: doanh nghiệp, cha mẹ học sinh, chuyên gia")
def list_partners(
    actor: PartnersReadActor,
    session: SessionDep,
    page: Page,
    kind: PartnerKind | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> PartnerPage:
    return partners.list_partners(session, actor, kind, q, page)


@partners_router.post("", status_code=201, name="partners_create", summary="Thêm đối tác")
def create_partner(
    body: PartnerCreate, actor: PartnersWriteActor, session: SessionDep, etag: ETag
) -> PartnerRead:
    return _partner(session, actor, etag, partners.create_partner(session, actor, body))


@partners_router.get("/{partner_id}", name="partners_get", summary="Xem đối tác, thỏa thuận và đóng góp")
def get_partner(partner_id: PathId, actor: PartnersReadActor, session: SessionDep, etag: ETag) -> PartnerRead:
    return _partner(session, actor, etag, partners.get_partner(session, actor, partner_id))


@partners_router.patch("/{partner_id}", name="partners_update", summary="Sửa thông tin đối tác")
def update_partner(
    partner_id: PathId,
    body: PartnerUpdate,
    actor: PartnersWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PartnerRead:
    p = if_match(partners.get_partner(session, actor, partner_id))
    return _partner(session, actor, etag, partners.update_partner(session, actor, p, body))


@partners_router.delete(
    "/{partner_id}",
    status_code=204,
    response_class=Response,
    name="partners_delete",
    summary="Xóa đối tác nhập nhầm (chưa có thỏa thuận, đóng góp)",
)
def delete_partner(
    partner_id: PathId, actor: PartnersWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    p = if_match(partners.get_partner(session, actor, partner_id))
    partners.delete_partner(session, actor, p)
    return Response(status_code=204)


@partners_router.post(
    "/{partner_id}/agreements",
    status_code=201,
    name="partners_add_agreement",
    summary="Ghi thỏa thuận hợp tác, tài trợ với đối tác",
)
def add_agreement(
    partner_id: PathId, body: AgreementCreate, actor: PartnersWriteActor, session: SessionDep, etag: ETag
) -> PartnerRead:
    p = partners.get_partner(session, actor, partner_id)
    return _partner(session, actor, etag, partners.add_agreement(session, actor, p, body))


@partners_router.post(
    "/{partner_id}/contributions",
    status_code=201,
    name="partners_add_contribution",
    summary="Ghi đóng góp của đối tác (tiền hoặc hiện vật) vào nguồn xã hội hóa của năm",
)
def add_contribution(
    partner_id: PathId, body: ContributionCreate, actor: PartnersWriteActor, session: SessionDep, etag: ETag
) -> PartnerRead:
    p = partners.get_partner(session, actor, partner_id)
    return _partner(session, actor, etag, partners.add_contribution(session, actor, p, body))


@partners_router.patch(
    "/{partner_id}/agreements/{agreement_id}",
    name="partners_update_agreement",
    summary="Sửa thỏa thuận với đối tác",
)
def update_agreement(
    partner_id: PathId,
    agreement_id: PathId,
    body: AgreementUpdate,
    actor: PartnersWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PartnerRead:
    p = partners.get_partner(session, actor, partner_id)
    row = if_match(partners.get_agreement(session, p, agreement_id))
    return _partner(session, actor, etag, partners.update_agreement(session, actor, p, row, body))


@partners_router.delete(
    "/{partner_id}/agreements/{agreement_id}",
    name="partners_delete_agreement",
    summary="Xóa thỏa thuận chưa có đóng góp nào ghi theo",
)
def delete_agreement(
    partner_id: PathId,
    agreement_id: PathId,
    actor: PartnersWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PartnerRead:
    p = partners.get_partner(session, actor, partner_id)
    row = if_match(partners.get_agreement(session, p, agreement_id))
    return _partner(session, actor, etag, partners.delete_agreement(session, actor, p, row))


@partners_router.patch(
    "/{partner_id}/contributions/{contribution_id}",
    name="partners_update_contribution",
    summary="Sửa đóng góp của đối tác",
)
def update_contribution(
    partner_id: PathId,
    contribution_id: PathId,
    body: ContributionUpdate,
    actor: PartnersWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PartnerRead:
    p = partners.get_partner(session, actor, partner_id)
    row = if_match(partners.get_contribution(session, p, contribution_id))
    return _partner(session, actor, etag, partners.update_contribution(session, actor, p, row, body))


@partners_router.delete(
    "/{partner_id}/contributions/{contribution_id}",
    name="partners_delete_contribution",
    summary="Xóa đóng góp ghi nhầm",
)
def delete_contribution(
    partner_id: PathId,
    contribution_id: PathId,
    actor: PartnersWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PartnerRead:
    p = partners.get_partner(session, actor, partner_id)
    row = if_match(partners.get_contribution(session, p, contribution_id))
    return _partner(session, actor, etag, partners.delete_contribution(session, actor, p, row))
