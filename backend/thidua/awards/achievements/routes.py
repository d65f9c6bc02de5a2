from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from thidua.api.deps import (
    AchievementsReadActor,
    AchievementsWriteActor,
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    SessionDep,
)
from thidua.api.files import PDF, PDF_RESPONSE, attachment
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor
from thidua.awards.achievements import access, service
from thidua.awards.achievements.schemas import AchievementCreate, AchievementPage, AchievementRead
from thidua.awards.decisions.certificates import certificate
from thidua.awards.models import Achievement
from thidua.core.ids import PathId, QueryId

router = APIRouter(prefix="/achievements", tags=["awards"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, a: Achievement) -> AchievementRead:
    return etag(a.version, service.read_achievement(session, actor, a))


@router.get("", name="achievements_list", summary="Lịch sử thành tích, khen thưởng")
def list_achievements(
    actor: AchievementsReadActor,
    session: SessionDep,
    page: Page,
    unit_id: QueryId = None,
    staff_id: QueryId = None,
    school_year: SchoolYear | None = None,
    award_type_code: Annotated[str | None, Query(max_length=40)] = None,
    round_id: QueryId = None,
) -> AchievementPage:
    filters = service.AchievementFilters(unit_id, staff_id, school_year, award_type_code, round_id)
    return service.list_achievements(session, actor, filters, page)


@router.post(
    "", status_code=201, name="achievements_create", summary="Nhập thành tích đã có từ trước (hồ sơ cũ)"
)
def create_achievement(
    body: AchievementCreate, actor: AchievementsWriteActor, session: SessionDep, etag: ETag
) -> AchievementRead:
    return _answer(session, actor, etag, service.create_achievement(session, actor, body))


@router.get("/{achievement_id}", name="achievements_get", summary="Xem một thành tích")
def get_achievement(
    achievement_id: PathId, actor: AchievementsReadActor, session: SessionDep, etag: ETag
) -> AchievementRead:
    return _answer(session, actor, etag, access.get_readable(session, actor, achievement_id))


@router.delete(
    "/{achievement_id}",
    status_code=204,
    response_class=Response,
    name="achievements_delete",
    summary="Xóa thành tích nhập nhầm (không áp dụng cho thành tích do quyết định tạo ra)",
)
def delete_achievement(
    achievement_id: PathId, actor: AchievementsWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    service.delete_achievement(session, actor, if_match(access.get_readable(session, actor, achievement_id)))
    return Response(status_code=204)


@router.get(
    "/{achievement_id}/certificate.pdf",
    name="achievements_certificate",
    summary="Giấy khen / Bằng khen (PDF) có mã xác minh",
    responses=PDF_RESPONSE,
    response_class=Response,
)
def achievement_certificate(
    achievement_id: PathId, request: Request, actor: AchievementsReadActor, session: SessionDep
) -> Response:
    a = access.get_readable(session, actor, achievement_id)
    content = certificate(session, request.app.state.settings, a)
    return attachment(content, PDF, f"giay-khen-{a.verification_code}.pdf")
