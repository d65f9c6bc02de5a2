from fastapi import APIRouter
from sqlmodel import Session

from thidua.api.deps import (
    AwardRoundsReadActor,
    AwardRoundsWriteActor,
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    SessionDep,
)
from thidua.auth.policy import Actor
from thidua.awards.models import AwardRound, RoundKind
from thidua.awards.rounds import access, service
from thidua.awards.rounds.schemas import AwardRoundCreate, AwardRoundPage, AwardRoundRead, AwardRoundUpdate
from thidua.core.ids import PathId

router = APIRouter(prefix="/award-rounds", tags=["awards"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, r: AwardRound) -> AwardRoundRead:
    return etag(r.version, service.read_round(session, actor, r))


@router.get("", name="award_rounds_list", summary="Các đợt khen thưởng")
def list_rounds(
    actor: AwardRoundsReadActor, session: SessionDep, page: Page, kind: RoundKind | None = None
) -> AwardRoundPage:
    return service.list_rounds(session, actor, kind.value if kind else None, page)


@router.post(
    "", status_code=201, name="award_rounds_create", summary="Mở đợt khen thưởng (năm học, sơ kết, tổng kết)"
)
def create_round(
    body: AwardRoundCreate, actor: AwardRoundsWriteActor, session: SessionDep, etag: ETag
) -> AwardRoundRead:
    return _answer(session, actor, etag, service.create_round(session, actor, body))


@router.get("/{round_id}", name="award_rounds_get", summary="Xem đợt khen thưởng")
def get_round(
    round_id: PathId, actor: AwardRoundsReadActor, session: SessionDep, etag: ETag
) -> AwardRoundRead:
    return _answer(session, actor, etag, access.get_readable(session, actor, round_id))


@router.patch("/{round_id}", name="award_rounds_update", summary="Sửa thời hạn hoặc các hình thức của đợt")
def update_round(
    round_id: PathId,
    body: AwardRoundUpdate,
    actor: AwardRoundsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> AwardRoundRead:
    r = if_match(access.get_readable(session, actor, round_id))
    return _answer(session, actor, etag, service.update_round(session, actor, r, body))
