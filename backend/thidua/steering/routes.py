from typing import Annotated

from fastapi import APIRouter, File, Request, Response, UploadFile
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    SessionDep,
    StaffReadActor,
    SteeringReadActor,
    SteeringWriteActor,
)
from thidua.api.files import stored_file
from thidua.auth.policy import Actor
from thidua.core.errors import NotFound
from thidua.core.ids import PathId
from thidua.steering import access, heads, service
from thidua.steering.models import SteeringAssignment, SteeringCommittee, SteeringMember
from thidua.steering.schemas import (
    AssignmentCreate,
    AssignmentRead,
    AssignmentUpdate,
    CommitteeCreate,
    CommitteePage,
    CommitteeRead,
    CommitteeUpdate,
    HeadSchoolResults,
    MemberCreate,
    MemberRead,
    MemberUpdate,
)
from thidua.units import access as units_access

router = APIRouter(prefix="/steering-committees", tags=["steering"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, committee: SteeringCommittee) -> CommitteeRead:
    return etag(committee.version, service.read_committee(session, actor, committee))


def _member(session: Session, actor: Actor, etag: ETagSetter, member: SteeringMember) -> MemberRead:
    read = next(
        m
        for m in service.read_committee(
            session, actor, access.get_readable(session, actor, member.committee_id)
        ).members
        if m.id == member.id
    )
    return etag(member.version, read)


def _assignment(session: Session, actor: Actor, etag: ETagSetter, row: SteeringAssignment) -> AssignmentRead:
    read = next(
        a
        for a in service.read_committee(
            session, actor, access.get_readable(session, actor, row.committee_id)
        ).assignments
        if a.id == row.id
    )
    return etag(row.version, read)


@router.get(
    "", name="steering_committees_list", summary="Ban chỉ đạo Phong trào thi đua (quyết định mới nhất trước)"
)
def list_committees(actor: SteeringReadActor, session: SessionDep, page: Page) -> CommitteePage:
    return service.list_committees(session, actor, page)


@router.post(
    "", status_code=201, name="steering_committees_create", summary="Thành lập Ban chỉ đạo theo quyết định"
)
def create_committee(
    body: CommitteeCreate, actor: SteeringWriteActor, session: SessionDep, etag: ETag
) -> CommitteeRead:
    return _answer(session, actor, etag, service.create_committee(session, actor, body))


@router.get(
    "/{committee_id}", name="steering_committees_get", summary="Xem Ban chỉ đạo: thành viên và phân công"
)
def get_committee(
    committee_id: PathId, actor: SteeringReadActor, session: SessionDep, etag: ETag
) -> CommitteeRead:
    return _answer(session, actor, etag, service.get_committee(session, actor, committee_id))


@router.patch(
    "/{committee_id}", name="steering_committees_update", summary="Sửa thông tin quyết định thành lập"
)
def update_committee(
    committee_id: PathId,
    body: CommitteeUpdate,
    actor: SteeringWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> CommitteeRead:
    committee = if_match(service.get_committee(session, actor, committee_id))
    return _answer(session, actor, etag, service.update_committee(session, actor, committee, body))


@router.post(
    "/{committee_id}/decision-scan",
    name="steering_committees_upload_scan",
    summary="Tải lên bản quét quyết định đã ký (PDF, PNG hoặc JPEG, tối đa 10 MB)",
)
def upload_scan(
    committee_id: PathId,
    request: Request,
    file: Annotated[UploadFile, File(description="Bản quét quyết định đã ký")],
    actor: SteeringWriteActor,
    session: SessionDep,
    etag: ETag,
) -> CommitteeRead:
    committee = service.get_committee(session, actor, committee_id)
    committee = service.attach_scan(session, actor, committee, file, request.app.state.storage)
    return _answer(session, actor, etag, committee)


@router.get(
    "/{committee_id}/decision-scan",
    response_class=StreamingResponse,
    name="steering_committees_download_scan",
    summary="Tải bản quét quyết định thành lập Ban chỉ đạo",
    responses={
        200: {
            "content": {"application/pdf": {}, "image/png": {}, "image/jpeg": {}},
            "description": "Bản quét",
        }
    },
)
def download_scan(
    committee_id: PathId, request: Request, actor: SteeringReadActor, session: SessionDep
) -> StreamingResponse:
    committee = service.get_committee(session, actor, committee_id)
    if not committee.scan_sha256:
        raise NotFound("Chưa có bản quét quyết định.")
    return stored_file(
        request.app.state.storage,
        service.scan_key(committee),
        filename=committee.scan_filename or "quyet-dinh.pdf",
        media_type=committee.scan_content_type or "application/pdf",
        size=committee.scan_size_bytes or 0,
        missing="Bản quét quyết định không còn trên máy chủ.",
        plain_stem="quyet-dinh",
    )


@router.post(
    "/{committee_id}/members",
    status_code=201,
    name="steering_members_add",
    summary="Thêm thành viên Ban chỉ đạo",
)
def add_member(
    committee_id: PathId, body: MemberCreate, actor: SteeringWriteActor, session: SessionDep, etag: ETag
) -> MemberRead:
    committee = service.get_committee(session, actor, committee_id)
    return _member(session, actor, etag, service.add_member(session, actor, committee, body))


@router.patch(
    "/{committee_id}/members/{member_id}", name="steering_members_update", summary="Sửa chức danh, nhiệm vụ"
)
def update_member(
    committee_id: PathId,
    member_id: PathId,
    body: MemberUpdate,
    actor: SteeringWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> MemberRead:
    committee = service.get_committee(session, actor, committee_id)
    member = if_match(access.get_member(session, committee, member_id))
    return _member(session, actor, etag, service.update_member(session, actor, committee, member, body))


@router.delete(
    "/{committee_id}/members/{member_id}",
    status_code=204,
    name="steering_members_remove",
    summary="Bỏ thành viên khỏi Ban chỉ đạo",
)
def remove_member(
    committee_id: PathId, member_id: PathId, actor: SteeringWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    committee = service.get_committee(session, actor, committee_id)
    member = if_match(access.get_member(session, committee, member_id))
    service.remove_member(session, actor, committee, member)
    return Response(status_code=204)


@router.post(
    "/{committee_id}/assignments",
    status_code=201,
    name="steering_assignments_add",
    summary="Phân công thành viên theo dõi nội dung thi đua tại các cơ sở giáo dục",
)
def add_assignment(
    committee_id: PathId, body: AssignmentCreate, actor: SteeringWriteActor, session: SessionDep, etag: ETag
) -> AssignmentRead:
    committee = service.get_committee(session, actor, committee_id)
    return _assignment(session, actor, etag, service.add_assignment(session, actor, committee, body))


@router.patch(
    "/{committee_id}/assignments/{assignment_id}", name="steering_assignments_update", summary="Sửa phân công"
)
def update_assignment(
    committee_id: PathId,
    assignment_id: PathId,
    body: AssignmentUpdate,
    actor: SteeringWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> AssignmentRead:
    committee = service.get_committee(session, actor, committee_id)
    row = if_match(access.get_assignment(session, committee, assignment_id))
    return _assignment(session, actor, etag, service.update_assignment(session, actor, committee, row, body))


@router.delete(
    "/{committee_id}/assignments/{assignment_id}",
    status_code=204,
    name="steering_assignments_remove",
    summary="Xóa phân công",
)
def remove_assignment(
    committee_id: PathId,
    assignment_id: PathId,
    actor: SteeringWriteActor,
    session: SessionDep,
    if_match: IfMatch,
) -> Response:
    committee = service.get_committee(session, actor, committee_id)
    row = if_match(access.get_assignment(session, committee, assignment_id))
    service.remove_assignment(session, actor, committee, row)
    return Response(status_code=204)


heads_router = APIRouter(prefix="/staff", tags=["steering"])


@heads_router.get(
    "/{staff_id}/school-results",
    name="staff_school_results",
    summary="Kết quả thi đua của cơ sở giáo dục theo năm học, trên hồ sơ của người đứng đầu",
)
def school_results(staff_id: PathId, actor: StaffReadActor, session: SessionDep) -> HeadSchoolResults:
    return heads.head_results(session, units_access.get_readable_staff(session, actor, staff_id))
