from typing import Annotated

from fastapi import APIRouter, File, Query, Request, Response, UploadFile
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from thidua.api.deps import (
    CommsReadActor,
    CommsWriteActor,
    ETag,
    ETagSetter,
    IfMatch,
    InfoCornersWriteActor,
    Page,
    ProposalsReadActor,
    SessionDep,
    StoriesProposeActor,
    StoriesWriteActor,
    UnitsReadActor,
)
from thidua.api.files import stored_file
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor
from thidua.communications import service
from thidua.communications.models import Channel, CommsOutput, CommsPlan, StoryProposal
from thidua.communications.schemas import (
    CommsOutputCreate,
    CommsOutputPage,
    CommsOutputRead,
    CommsOutputUpdate,
    CommsPlanCreate,
    CommsPlanPage,
    CommsPlanRead,
    CommsPlanUpdate,
    InfoCornerIn,
    InfoCornerPage,
    InfoCornerRead,
    ProposalCreate,
    ProposalPage,
    ProposalRead,
    ProposalReturn,
    ProposalStatus,
    ProposalUpdate,
)
from thidua.core.ids import PathId, QueryId

router = APIRouter(prefix="/communications", tags=["communications"])
proposals = APIRouter(prefix="/story-proposals", tags=["communications"])
corners = APIRouter(prefix="/info-corners", tags=["communications"])

FILE_RESPONSE = {200: {"content": {"application/octet-stream": {}}, "description": "Tệp sản phẩm"}}


def _plan(session: Session, actor: Actor, etag: ETagSetter, plan: CommsPlan) -> CommsPlanRead:
    return etag(plan.version, service.read_plan(session, actor, plan))


def _output(session: Session, actor: Actor, etag: ETagSetter, output: CommsOutput) -> CommsOutputRead:
    return etag(output.version, service.read_output(session, actor, output))


def _proposal(session: Session, actor: Actor, etag: ETagSetter, p: StoryProposal) -> ProposalRead:
    return etag(p.version, service.read_proposal(session, actor, p))


@router.get("/plans", name="comms_plans_list", summary="Kế hoạch truyền thông theo năm học")
def list_plans(
    actor: CommsReadActor, session: SessionDep, page: Page, school_year: SchoolYear | None = None
) -> CommsPlanPage:
    return service.list_plans(session, actor, school_year, page)


@router.post(
    "/plans",
    status_code=201,
    name="comms_plans_create",
    summary="Lập kế hoạch truyền thông của năm học với chỉ tiêu theo kênh",
)
def create_plan(
    body: CommsPlanCreate, actor: CommsWriteActor, session: SessionDep, etag: ETag
) -> CommsPlanRead:
    return _plan(session, actor, etag, service.create_plan(session, actor, body))


@router.get(
    "/plans/{plan_id}", name="comms_plans_get", summary="Xem kế hoạch truyền thông và tiến độ theo kênh"
)
def get_plan(plan_id: PathId, actor: CommsReadActor, session: SessionDep, etag: ETag) -> CommsPlanRead:
    return _plan(session, actor, etag, service.get_plan(session, actor, plan_id))


@router.patch("/plans/{plan_id}", name="comms_plans_update", summary="Sửa kế hoạch truyền thông")
def update_plan(
    plan_id: PathId,
    body: CommsPlanUpdate,
    actor: CommsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> CommsPlanRead:
    plan = if_match(service.get_plan(session, actor, plan_id))
    return _plan(session, actor, etag, service.update_plan(session, actor, plan, body))


@router.get(
    "/outputs", name="comms_outputs_list", summary="Nhật ký tin, bài, sản phẩm truyền thông (mới nhất trước)"
)
def list_outputs(
    actor: CommsReadActor,
    session: SessionDep,
    page: Page,
    plan_id: QueryId = None,
    channel: Channel | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Tìm trong tiêu đề")] = None,
) -> CommsOutputPage:
    filters = service.OutputFilters(plan_id, channel.value if channel else None, q)
    return service.list_outputs(session, actor, filters, page)


@router.post(
    "/outputs",
    status_code=201,
    name="comms_outputs_create",
    summary="Ghi một sản phẩm truyền thông vào nhật ký",
)
def create_output(
    body: CommsOutputCreate, actor: CommsWriteActor, session: SessionDep, etag: ETag
) -> CommsOutputRead:
    return _output(session, actor, etag, service.create_output(session, actor, body))


@router.get("/outputs/{output_id}", name="comms_outputs_get", summary="Xem một sản phẩm truyền thông")
def get_output(output_id: PathId, actor: CommsReadActor, session: SessionDep, etag: ETag) -> CommsOutputRead:
    return _output(session, actor, etag, service.get_output(session, actor, output_id))


@router.patch("/outputs/{output_id}", name="comms_outputs_update", summary="Sửa một sản phẩm truyền thông")
def update_output(
    output_id: PathId,
    body: CommsOutputUpdate,
    actor: CommsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> CommsOutputRead:
    output = if_match(service.get_output(session, actor, output_id))
    return _output(session, actor, etag, service.update_output(session, actor, output, body))


@router.delete(
    "/outputs/{output_id}",
    status_code=204,
    response_class=Response,
    name="comms_outputs_delete",
    summary="Xóa sản phẩm ghi nhầm",
)
def delete_output(
    output_id: PathId, request: Request, actor: CommsWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    output = if_match(service.get_output(session, actor, output_id))
    service.delete_output(session, actor, output, request.app.state.storage)
    return Response(status_code=204)


@router.post(
    "/outputs/{output_id}/file",
    name="comms_outputs_attach_file",
    summary="Đính kèm tệp sản phẩm (PDF, ảnh, DOCX, XLSX, PPTX; tối đa 10 MB)",
)
def attach_file(
    output_id: PathId,
    request: Request,
    file: Annotated[UploadFile, File(description="Tệp sản phẩm (xét loại theo nội dung tệp)")],
    actor: CommsWriteActor,
    session: SessionDep,
    etag: ETag,
) -> CommsOutputRead:
    output = service.get_output(session, actor, output_id)
    changed = service.attach_file(session, actor, output, file, request.app.state.storage)
    return _output(session, actor, etag, changed)


@router.get(
    "/outputs/{output_id}/file",
    response_class=StreamingResponse,
    name="comms_outputs_file",
    summary="Tải tệp sản phẩm truyền thông",
    responses=FILE_RESPONSE,  # type: ignore[arg-type]
)
def download_file(
    output_id: PathId, request: Request, actor: CommsReadActor, session: SessionDep
) -> StreamingResponse:
    output = service.get_output(session, actor, output_id)
    return stored_file(
        request.app.state.storage,
        service.output_file_key(output),
        filename=service.output_filename(output),
        media_type=output.file_content_type or "application/octet-stream",
        size=output.file_size_bytes or 0,
        missing="Tệp không còn trên máy chủ.",
        plain_stem="san-pham",
    )


# ---------------------------------------------------------------- story proposals


@proposals.get("", name="story_proposals_list", summary="Bài gương điển hình các trường đề xuất")
def list_proposals(
    actor: ProposalsReadActor,
    session: SessionDep,
    page: Page,
    status: ProposalStatus | None = None,
    unit_id: QueryId = None,
) -> ProposalPage:
    return service.list_proposals(session, actor, status, unit_id, page)


@proposals.post(
    "",
    status_code=201,
    name="story_proposals_create",
    summary="Trường viết bài đề xuất gương điển hình (bản nháp)",
)
def create_proposal(
    body: ProposalCreate, actor: StoriesProposeActor, session: SessionDep, etag: ETag
) -> ProposalRead:
    return _proposal(session, actor, etag, service.create_proposal(session, actor, body))


@proposals.get("/{proposal_id}", name="story_proposals_get", summary="Xem một bài đề xuất")
def get_proposal(
    proposal_id: PathId, actor: ProposalsReadActor, session: SessionDep, etag: ETag
) -> ProposalRead:
    return _proposal(session, actor, etag, service.get_proposal(session, actor, proposal_id))


@proposals.patch(
    "/{proposal_id}", name="story_proposals_update", summary="Sửa bài đề xuất (bản nháp hoặc bị trả lại)"
)
def update_proposal(
    proposal_id: PathId,
    body: ProposalUpdate,
    actor: StoriesProposeActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> ProposalRead:
    p = if_match(service.get_proposal(session, actor, proposal_id))
    return _proposal(session, actor, etag, service.update_proposal(session, actor, p, body))


@proposals.post(
    "/{proposal_id}/submit", name="story_proposals_submit", summary="Gửi bài cho Trung tâm DVSNC duyệt"
)
def submit_proposal(
    proposal_id: PathId, actor: StoriesProposeActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> ProposalRead:
    p = if_match(service.get_proposal(session, actor, proposal_id))
    return _proposal(session, actor, etag, service.submit_proposal(session, actor, p))


@proposals.post("/{proposal_id}/return", name="story_proposals_return", summary="Trả lại bài để trường sửa")
def return_proposal(
    proposal_id: PathId,
    body: ProposalReturn,
    actor: StoriesWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> ProposalRead:
    p = if_match(service.get_proposal(session, actor, proposal_id))
    return _proposal(session, actor, etag, service.return_proposal(session, actor, p, body.note))


@proposals.post(
    "/{proposal_id}/publish", name="story_proposals_publish", summary="Duyệt và đăng bài lên bảng vinh danh"
)
def publish_proposal(
    proposal_id: PathId, actor: StoriesWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> ProposalRead:
    p = if_match(service.get_proposal(session, actor, proposal_id))
    return _proposal(session, actor, etag, service.publish_proposal(session, actor, p))


# ---------------------------------------------------------------- info corners


@corners.get(
    "", name="info_corners_list", summary="Chuyên mục thông tin về Phong trào trên website các trường"
)
def list_corners(actor: UnitsReadActor, session: SessionDep, page: Page) -> InfoCornerPage:
    return service.list_corners(session, actor, page)


@corners.put(
    "/{unit_id}",
    name="info_corners_put",
    summary="Ghi đường dẫn chuyên mục thông tin trên website của trường",
)
def put_corner(
    unit_id: PathId,
    body: InfoCornerIn,
    actor: InfoCornersWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InfoCornerRead:
    corner = service.find_corner(session, actor, unit_id)
    if corner is not None:
        if_match(corner)
    saved = service.put_corner(session, actor, unit_id, corner, body)
    return etag(saved.version, service.read_corner(session, actor, saved))


@corners.delete(
    "/{unit_id}",
    status_code=204,
    response_class=Response,
    name="info_corners_delete",
    summary="Xóa đường dẫn chuyên mục thông tin",
)
def delete_corner(
    unit_id: PathId, actor: InfoCornersWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    service.find_corner(session, actor, unit_id)
    corner = if_match(service.get_corner(session, unit_id))
    service.delete_corner(session, actor, corner)
    return Response(status_code=204)
