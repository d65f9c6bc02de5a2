from typing import Literal

from fastapi import APIRouter, Query
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    FrameworksReadActor,
    FrameworksWriteActor,
    IfMatch,
    Page,
    SessionDep,
)
from thidua.auth.policy import Actor
from thidua.core.ids import PathId, QueryId
from thidua.core.records import from_row
from thidua.frameworks import service
from thidua.frameworks.models import Framework
from thidua.frameworks.schemas import FrameworkDocument, FrameworkPage, FrameworkRead, SourceOut
from thidua.scoring.sources import SOURCES

router = APIRouter(prefix="/frameworks", tags=["frameworks"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, fw: Framework) -> FrameworkRead:
    return etag(fw.version, service.read_framework(session, actor, fw))


@router.get("", name="frameworks_list", summary="Danh sách bảng điểm chuẩn (mọi phiên bản)")
def list_frameworks(
    actor: FrameworksReadActor,
    session: SessionDep,
    page: Page,
    movement_id: QueryId = None,
    code: str | None = Query(None, max_length=40),
    subject_kind: Literal["unit", "individual"] | None = None,
    status: Literal["draft", "active", "retired"] | None = None,
) -> FrameworkPage:
    filters = service.FrameworkFilters(movement_id, code, subject_kind, status)
    return service.list_frameworks(session, actor, filters, page)


@router.get("/sources", name="frameworks_sources", summary="Các nguồn dữ liệu cho chỉ tiêu tính tự động")
def list_sources(actor: FrameworksReadActor) -> list[SourceOut]:
    return [from_row(SourceOut, s, available=s.compute is not None) for s in SOURCES.values()]


@router.post(
    "", status_code=201, name="frameworks_create", summary="Tạo bảng điểm chuẩn (bản nháp, phiên bản 1)"
)
def create_framework(
    body: FrameworkDocument, actor: FrameworksWriteActor, session: SessionDep, etag: ETag
) -> FrameworkRead:
    return _answer(session, actor, etag, service.create_framework(session, actor, body))


@router.get(
    "/{framework_id}", name="frameworks_get", summary="Xem một phiên bản bảng điểm với tiêu chí và chỉ tiêu"
)
def get_framework(
    framework_id: PathId, actor: FrameworksReadActor, session: SessionDep, etag: ETag
) -> FrameworkRead:
    return _answer(session, actor, etag, service.get_framework(session, actor, framework_id))


@router.put(
    "/{framework_id}",
    name="frameworks_replace",
    summary="Sửa toàn bộ bảng điểm (chỉ khi chưa có bản tự đánh giá nào dùng)",
)
def replace_framework(
    framework_id: PathId,
    body: FrameworkDocument,
    actor: FrameworksWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> FrameworkRead:
    fw = if_match(service.get_framework(session, actor, framework_id))
    return _answer(session, actor, etag, service.replace_framework(session, actor, fw, body))


@router.post(
    "/{framework_id}/new-version",
    status_code=201,
    name="frameworks_new_version",
    summary="Tạo phiên bản mới (bản nháp) từ phiên bản này",
)
def new_version(
    framework_id: PathId, actor: FrameworksWriteActor, session: SessionDep, etag: ETag
) -> FrameworkRead:
    fw = service.get_framework(session, actor, framework_id)
    return _answer(session, actor, etag, service.new_version(session, actor, fw))


@router.post(
    "/{framework_id}/activate",
    name="frameworks_activate",
    summary="Đưa phiên bản vào sử dụng (phiên bản đang dùng trước đó ngừng)",
)
def activate(
    framework_id: PathId, actor: FrameworksWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> FrameworkRead:
    fw = if_match(service.get_framework(session, actor, framework_id))
    return _answer(session, actor, etag, service.activate(session, actor, fw))
