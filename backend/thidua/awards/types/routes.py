from typing import Annotated

from fastapi import APIRouter, Query
from sqlmodel import Session

from thidua.api.deps import (
    AwardTypesReadActor,
    AwardTypesWriteActor,
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    SessionDep,
)
from thidua.auth.policy import Actor
from thidua.awards import cash
from thidua.awards.models import AwardLevel, AwardType, SubjectKind
from thidua.awards.types import access, service
from thidua.awards.types.schemas import (
    AwardTypeDocument,
    AwardTypePage,
    AwardTypeRead,
    BaseSalaryCreate,
    BaseSalaryRead,
)
from thidua.core.ids import PathId
from thidua.core.records import from_row

router = APIRouter(prefix="/award-types", tags=["awards"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, t: AwardType) -> AwardTypeRead:
    return etag(t.version, service.read_award_type(session, actor, t))


@router.get(
    "/base-salaries",
    name="award_types_base_salaries",
    summary="Mức lương cơ sở theo ngày áp dụng (tính tiền thưởng)",
)
def list_base_salaries(actor: AwardTypesReadActor, session: SessionDep) -> list[BaseSalaryRead]:
    return [from_row(BaseSalaryRead, b) for b in cash.list_base_salaries(session)]


@router.post(
    "/base-salaries",
    status_code=201,
    name="award_types_base_salaries_create",
    summary="Thêm mức lương cơ sở từ một ngày áp dụng",
)
def add_base_salary(
    body: BaseSalaryCreate, actor: AwardTypesWriteActor, session: SessionDep
) -> BaseSalaryRead:
    row = cash.add_base_salary(session, actor, body.effective_from, body.amount, body.legal_basis)
    return from_row(BaseSalaryRead, row)


@router.get("", name="award_types_list", summary="Các hình thức khen thưởng")
def list_award_types(
    actor: AwardTypesReadActor,
    session: SessionDep,
    page: Page,
    status: Annotated[str | None, Query(pattern="^(draft|active|retired)$")] = None,
    code: Annotated[str | None, Query(max_length=40)] = None,
    level: AwardLevel | None = None,
    subject_kind: SubjectKind | None = None,
) -> AwardTypePage:
    filters = service.AwardTypeFilters(
        status, code, level.value if level else None, subject_kind.value if subject_kind else None
    )
    return service.list_award_types(session, actor, filters, page)


@router.post(
    "",
    status_code=201,
    name="award_types_create",
    summary="Tạo hình thức khen thưởng mới (bản nháp) với các điều kiện",
)
def create_award_type(
    body: AwardTypeDocument, actor: AwardTypesWriteActor, session: SessionDep, etag: ETag
) -> AwardTypeRead:
    t = service.create_award_type(session, actor, body)
    return _answer(session, actor, etag, t)


@router.get("/{award_type_id}", name="award_types_get", summary="Xem hình thức khen thưởng")
def get_award_type(
    award_type_id: PathId, actor: AwardTypesReadActor, session: SessionDep, etag: ETag
) -> AwardTypeRead:
    t = access.get_readable(session, actor, award_type_id)
    return _answer(session, actor, etag, t)


@router.put(
    "/{award_type_id}",
    name="award_types_replace",
    summary="Sửa hình thức khen thưởng chưa được đề nghị nào sử dụng",
)
def replace_award_type(
    award_type_id: PathId,
    body: AwardTypeDocument,
    actor: AwardTypesWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> AwardTypeRead:
    t = if_match(access.get_readable(session, actor, award_type_id))
    t = service.replace_award_type(session, actor, t, body)
    return _answer(session, actor, etag, t)


@router.post(
    "/{award_type_id}/new-version",
    status_code=201,
    name="award_types_new_version",
    summary="Tạo phiên bản mới (nháp) từ phiên bản này",
)
def new_award_type_version(
    award_type_id: PathId, actor: AwardTypesWriteActor, session: SessionDep, etag: ETag
) -> AwardTypeRead:
    t = service.new_award_type_version(session, actor, access.get_readable(session, actor, award_type_id))
    return _answer(session, actor, etag, t)


@router.post(
    "/{award_type_id}/activate",
    name="award_types_activate",
    summary="Áp dụng phiên bản nháp (phiên bản đang áp dụng chuyển sang ngừng)",
)
def activate_award_type(
    award_type_id: PathId, actor: AwardTypesWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> AwardTypeRead:
    t = if_match(access.get_readable(session, actor, award_type_id))
    t = service.activate_award_type(session, actor, t)
    return _answer(session, actor, etag, t)
