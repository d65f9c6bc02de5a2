from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlmodel import Session

from thidua.api.deps import (
    CashReadActor,
    DecisionsReadActor,
    DecisionsWriteActor,
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    SessionDep,
)
from thidua.api.files import DOCX, DOCX_RESPONSE, XLSX, XLSX_RESPONSE, attachment
from thidua.auth.policy import Actor
from thidua.awards.decisions import access, cash, files, service
from thidua.awards.decisions.schemas import (
    CashTotals,
    DecisionCreate,
    DecisionPage,
    DecisionRead,
    DecisionUpdate,
    ProvinceAnswer,
)
from thidua.awards.models import AwardDecision
from thidua.core.ids import PathId, QueryId

router = APIRouter(prefix="/award-decisions", tags=["awards"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, d: AwardDecision) -> DecisionRead:
    return etag(d.version, service.read_decision(session, actor, d))


@router.get("", name="award_decisions_list", summary="Quyết định khen thưởng")
def list_decisions(
    actor: DecisionsReadActor,
    session: SessionDep,
    page: Page,
    round_id: QueryId = None,
    status: Annotated[str | None, Query(pattern="^(draft|issued|answered)$")] = None,
    kind: Annotated[str | None, Query(pattern="^(decision|proposal)$")] = None,
) -> DecisionPage:
    return service.list_decisions(session, actor, service.DecisionFilters(round_id, status, kind), page)


@router.get(
    "/cash-totals",
    name="award_decisions_cash_totals",
    summary="Tiền thưởng của các quyết định đã ban hành, theo quyết định và theo đợt",
)
def cash_totals(actor: CashReadActor, session: SessionDep, round_id: QueryId = None) -> CashTotals:
    return cash.cash_totals(session, actor, round_id)


@router.get(
    "/cash-totals.xlsx",
    name="award_decisions_cash_totals_xlsx",
    summary="Tiền thưởng theo quyết định và theo đợt (XLSX)",
    responses=XLSX_RESPONSE,
)
def cash_totals_xlsx(actor: CashReadActor, session: SessionDep, round_id: QueryId = None) -> Response:
    content = cash.cash_totals_xlsx(cash.cash_totals(session, actor, round_id))
    return attachment(content, XLSX, "tien-thuong.xlsx")


@router.post(
    "",
    status_code=201,
    name="award_decisions_create",
    summary="Lập dự thảo quyết định (hoặc tờ trình cấp tỉnh) từ các đề nghị đã phê duyệt",
)
def create_decision(
    body: DecisionCreate, actor: DecisionsWriteActor, session: SessionDep, etag: ETag
) -> DecisionRead:
    return _answer(session, actor, etag, service.create_decision(session, actor, body))


@router.get("/{decision_id}", name="award_decisions_get", summary="Xem quyết định")
def get_decision(
    decision_id: PathId, actor: DecisionsReadActor, session: SessionDep, etag: ETag
) -> DecisionRead:
    return _answer(session, actor, etag, access.get_readable(session, actor, decision_id))


@router.patch("/{decision_id}", name="award_decisions_update", summary="Sửa dự thảo quyết định")
def update_decision(
    decision_id: PathId,
    body: DecisionUpdate,
    actor: DecisionsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> DecisionRead:
    d = if_match(access.get_readable(session, actor, decision_id))
    return _answer(session, actor, etag, service.update_decision(session, actor, d, body))


@router.delete(
    "/{decision_id}",
    status_code=204,
    response_class=Response,
    name="award_decisions_delete",
    summary="Xóa dự thảo quyết định",
)
def delete_decision(
    decision_id: PathId, actor: DecisionsWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    service.delete_decision(session, actor, if_match(access.get_readable(session, actor, decision_id)))
    return Response(status_code=204)


@router.post(
    "/{decision_id}/issue",
    name="award_decisions_issue",
    summary="Ban hành quyết định: cấp giấy khen và ghi thành tích",
)
def issue_decision(
    decision_id: PathId, actor: DecisionsWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> DecisionRead:
    d = if_match(access.get_readable(session, actor, decision_id))
    return _answer(session, actor, etag, service.issue(session, actor, d))


@router.post(
    "/{decision_id}/province-answer",
    name="award_decisions_province_answer",
    summary="Ghi kết quả của UBND tỉnh cho tờ trình đề nghị",
)
def province_answer(
    decision_id: PathId,
    body: ProvinceAnswer,
    actor: DecisionsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> DecisionRead:
    d = if_match(access.get_readable(session, actor, decision_id))
    return _answer(session, actor, etag, service.record_province_answer(session, actor, d, body))


@router.get(
    "/{decision_id}/document.docx",
    name="award_decisions_document",
    summary="Quyết định (hoặc tờ trình) DOCX theo Nghị định 30/2020, kèm danh sách",
    responses=DOCX_RESPONSE,
    response_class=Response,
)
def decision_document(decision_id: PathId, actor: DecisionsReadActor, session: SessionDep) -> Response:
    content, filename = files.decision_document(session, access.get_readable(session, actor, decision_id))
    return attachment(content, DOCX, filename)


@router.get(
    "/{decision_id}/list.xlsx",
    name="award_decisions_list_xlsx",
    summary="Danh sách khen thưởng / đề nghị (XLSX)",
    responses=XLSX_RESPONSE,
    response_class=Response,
)
def decision_list(decision_id: PathId, actor: DecisionsReadActor, session: SessionDep) -> Response:
    d = access.get_readable(session, actor, decision_id)
    return attachment(files.decision_list_xlsx(session, d), XLSX, f"danh-sach-{decision_id}.xlsx")
