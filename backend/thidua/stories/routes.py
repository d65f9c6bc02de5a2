from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    ResultsPublishActor,
    SessionDep,
    StoriesReadActor,
    StoriesWriteActor,
)
from thidua.api.files import stored_file
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor
from thidua.core.ids import PathId, QueryId
from thidua.stories import service
from thidua.stories.models import Story, StoryImage
from thidua.stories.schemas import (
    PublicationCreate,
    PublicationPage,
    PublicationRead,
    StoryCreate,
    StoryImageRead,
    StoryPage,
    StoryRead,
    StoryStatus,
    StoryUpdate,
)

router = APIRouter(prefix="/stories", tags=["stories"])
publications = APIRouter(prefix="/result-publications", tags=["stories"])

IMAGE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/png": {}, "image/jpeg": {}}, "description": "Tệp ảnh"}
}


def _answer(session: Session, actor: Actor, etag: ETagSetter, story: Story) -> StoryRead:
    return etag(story.version, service.read_story(session, actor, story))


def image_response(request: Request, image: StoryImage) -> StreamingResponse:
    """The stored file with its sniffed type, shown inline under a safe name; never sniffed again."""
    return stored_file(
        request.app.state.storage,
        service.image_key(image),
        filename=service.image_filename(image),
        media_type=image.content_type,
        size=image.size_bytes,
        missing="Tệp ảnh không còn trên máy chủ.",
        how="inline",
    )


@router.get("", name="stories_list", summary="Danh sách bài viết gương điển hình tiên tiến (mới nhất trước)")
def list_stories(
    actor: StoriesReadActor,
    session: SessionDep,
    page: Page,
    status: StoryStatus | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Tìm trong tiêu đề và tóm tắt")] = None,
) -> StoryPage:
    return service.list_stories(session, actor, service.StoryFilters(status, q), page)


@router.post(
    "", status_code=201, name="stories_create", summary="Viết bài gương điển hình tiên tiến (bản nháp)"
)
def create_story(body: StoryCreate, actor: StoriesWriteActor, session: SessionDep, etag: ETag) -> StoryRead:
    return _answer(session, actor, etag, service.create_story(session, actor, body))


@router.get("/{story_id}", name="stories_get", summary="Xem một bài viết")
def get_story(story_id: PathId, actor: StoriesReadActor, session: SessionDep, etag: ETag) -> StoryRead:
    return _answer(session, actor, etag, service.get_story(session, actor, story_id))


@router.patch("/{story_id}", name="stories_update", summary="Sửa bài viết")
def update_story(
    story_id: PathId,
    body: StoryUpdate,
    actor: StoriesWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> StoryRead:
    story = if_match(service.get_story(session, actor, story_id))
    return _answer(session, actor, etag, service.update_story(session, actor, story, body))


@router.delete(
    "/{story_id}",
    status_code=204,
    response_class=Response,
    name="stories_delete",
    summary="Xóa bài viết chưa đăng",
)
def delete_story(
    story_id: PathId, request: Request, actor: StoriesWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    story = if_match(service.get_story(session, actor, story_id))
    service.delete_story(session, actor, story, request.app.state.storage)
    return Response(status_code=204)


@router.post("/{story_id}/publish", name="stories_publish", summary="Đăng bài lên bảng vinh danh công khai")
def publish_story(
    story_id: PathId, actor: StoriesWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> StoryRead:
    story = if_match(service.get_story(session, actor, story_id))
    return _answer(session, actor, etag, service.publish(session, actor, story))


@router.post(
    "/{story_id}/unpublish", name="stories_unpublish", summary="Gỡ bài khỏi bảng vinh danh (trở về bản nháp)"
)
def unpublish_story(
    story_id: PathId, actor: StoriesWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> StoryRead:
    story = if_match(service.get_story(session, actor, story_id))
    return _answer(session, actor, etag, service.unpublish(session, actor, story))


@router.post(
    "/{story_id}/images",
    status_code=201,
    name="stories_add_image",
    summary="Tải ảnh lên bài viết (PNG hoặc JPEG, tối đa 5 MB)",
)
def add_image(
    story_id: PathId,
    request: Request,
    file: Annotated[UploadFile, File(description="Ảnh PNG hoặc JPEG (xét theo nội dung tệp)")],
    actor: StoriesWriteActor,
    session: SessionDep,
    caption: Annotated[str, Form(max_length=300, description="Chú thích ảnh")] = "",
) -> StoryImageRead:
    story = service.get_story(session, actor, story_id)
    image = service.add_image(session, actor, story, file, caption.strip(), request.app.state.storage)
    return service.image_read(image)


@router.get(
    "/{story_id}/images/{image_id}",
    response_class=StreamingResponse,
    name="stories_get_image",
    summary="Xem ảnh của bài viết",
    responses=IMAGE_RESPONSE,
)
def get_image(
    story_id: PathId, image_id: PathId, request: Request, actor: StoriesReadActor, session: SessionDep
) -> StreamingResponse:
    story = service.get_story(session, actor, story_id)
    return image_response(request, service.get_image(session, story, image_id))


@router.delete(
    "/{story_id}/images/{image_id}",
    status_code=204,
    response_class=Response,
    name="stories_remove_image",
    summary="Xóa ảnh khỏi bài viết",
)
def remove_image(
    story_id: PathId, image_id: PathId, request: Request, actor: StoriesWriteActor, session: SessionDep
) -> Response:
    story = service.get_story(session, actor, story_id)
    image = service.get_image(session, story, image_id)
    service.remove_image(session, actor, story, image, request.app.state.storage)
    return Response(status_code=204)


# ---------------------------------------------------------------- result publication


@publications.get("", name="result_publications_list", summary="Các lần công khai kết quả đánh giá")
def list_publications(
    actor: ResultsPublishActor,
    session: SessionDep,
    page: Page,
    framework_id: QueryId = None,
    school_year: SchoolYear | None = None,
) -> PublicationPage:
    return service.list_publications(session, actor, framework_id, school_year, page)


@publications.post(
    "",
    status_code=201,
    name="result_publications_create",
    summary="Công khai kết quả đã xác nhận của các cơ sở giáo dục theo bảng điểm và năm học",
)
def publish_results(
    body: PublicationCreate, actor: ResultsPublishActor, session: SessionDep
) -> PublicationRead:
    return service.read_publication(session, actor, service.publish_results(session, actor, body))


@publications.delete(
    "/{publication_id}",
    status_code=204,
    response_class=Response,
    name="result_publications_withdraw",
    summary="Thu hồi việc công khai kết quả",
)
def withdraw_results(publication_id: PathId, actor: ResultsPublishActor, session: SessionDep) -> Response:
    service.withdraw_results(session, actor, service.get_publication(session, actor, publication_id))
    return Response(status_code=204)
