from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlmodel import Session

from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.ids import PathId, QueryId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session
from thidua.frameworks import service
from thidua.frameworks.models import Framework
from thidua.frameworks.schemas import FrameworkDocument, FrameworkPage, FrameworkRead, SourceOut
from thidua.scoring.sources import SOURCES

router = APIRouter(prefix="/frameworks", tags=["frameworks"])
read = allow(Permission.frameworks_read)
write = allow(Permission.frameworks_write)


def _answer(session: Session, actor: Actor, response: Response, fw: Framework) -> FrameworkRead:
    set_etag(response, fw.version)
    return service.read_framework(session, actor, fw)


@router.get(
    "",
    response_model=FrameworkPage,
    name="frameworks_list",
    summary="Danh sách bảng điểm chuẩn (mọi phiên bản)",
)
def list_frameworks(
    movement_id: QueryId = None,
    code: str | None = Query(None, max_length=40),
    subject_kind: Literal["unit", "individual"] | None = None,
    status: Literal["draft", "active", "retired"] | None = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> FrameworkPage:
    filters = service.FrameworkFilters(movement_id, code, subject_kind, status)
    return service.list_frameworks(session, actor, filters, page)


@router.get(
    "/sources",
    response_model=list[SourceOut],
    name="frameworks_sources",
    summary="Các nguồn dữ liệu cho chỉ tiêu tính tự động",
)
def list_sources(actor: Actor = Depends(read)) -> list[SourceOut]:
    return [
        SourceOut(
            name=s.name,
            label=s.label,
            subject_kind=s.subject_kind,
            value_kind=s.value_kind,
            available=s.compute is not None,
        )
        for s in SOURCES.values()
    ]


@router.post(
    "",
    response_model=FrameworkRead,
    status_code=201,
    name="frameworks_create",
    summary="Tạo bảng điểm chuẩn (bản nháp, phiên bản 1)",
)
def create_framework(
    body: FrameworkDocument,
    response: Response,
    actor: Actor = Depends(write),
    session: Session = Depends(get_session),
) -> FrameworkRead:
    return _answer(session, actor, response, service.create_framework(session, actor, body))


@router.get(
    "/{framework_id}",
    response_model=FrameworkRead,
    name="frameworks_get",
    summary="Xem một phiên bản bảng điểm với tiêu chí và chỉ tiêu",
)
def get_framework(
    framework_id: PathId,
    response: Response,
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> FrameworkRead:
    return _answer(session, actor, response, service.get_framework(session, framework_id))


@router.put(
    "/{framework_id}",
    response_model=FrameworkRead,
    name="frameworks_replace",
    summary="Sửa toàn bộ bảng điểm (chỉ khi chưa có bản tự đánh giá nào dùng)",
    openapi_extra=IF_MATCH_DOC,
)
def replace_framework(
    framework_id: PathId,
    body: FrameworkDocument,
    request: Request,
    response: Response,
    actor: Actor = Depends(write),
    session: Session = Depends(get_session),
) -> FrameworkRead:
    fw = service.get_framework(session, framework_id)
    check_if_match(request, fw.version)
    return _answer(session, actor, response, service.replace_framework(session, actor, fw, body))


@router.post(
    "/{framework_id}/new-version",
    response_model=FrameworkRead,
    status_code=201,
    name="frameworks_new_version",
    summary="Tạo phiên bản mới (bản nháp) từ phiên bản này",
)
def new_version(
    framework_id: PathId,
    response: Response,
    actor: Actor = Depends(write),
    session: Session = Depends(get_session),
) -> FrameworkRead:
    fw = service.get_framework(session, framework_id)
    return _answer(session, actor, response, service.new_version(session, actor, fw))


@router.post(
    "/{framework_id}/activate",
    response_model=FrameworkRead,
    name="frameworks_activate",
    summary="Đưa phiên bản vào sử dụng (phiên bản đang dùng trước đó ngừng)",
    openapi_extra=IF_MATCH_DOC,
)
def activate(
    framework_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(write),
    session: Session = Depends(get_session),
) -> FrameworkRead:
    fw = service.get_framework(session, framework_id)
    check_if_match(request, fw.version)
    return _answer(session, actor, response, service.activate(session, actor, fw))
