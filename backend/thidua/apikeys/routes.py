from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import Session

from thidua.apikeys import service
from thidua.apikeys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyPage, ApiKeyRead, ScopeCatalogue
from thidua.auth.policy import Actor, allow
from thidua.auth.roles import ALL_SCOPES, SCOPE_FAMILIES, SCOPE_LEVELS, Permission
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.ids import PathId, QueryId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session

router = APIRouter(prefix="/api-keys", tags=["integrations"])
manage = allow(Permission.api_keys_manage)


@router.get(
    "", response_model=ApiKeyPage, name="api_keys_list", summary="Các khóa API của tài khoản tích hợp"
)
def list_keys(
    service_account_id: QueryId = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> ApiKeyPage:
    return service.list_keys(session, page, service_account_id)


@router.get(
    "/scopes", response_model=ScopeCatalogue, name="api_keys_scopes", summary="Các phạm vi quyền của khóa"
)
def scopes(actor: Actor = Depends(manage)) -> ScopeCatalogue:
    return ScopeCatalogue(families=list(SCOPE_FAMILIES), levels=list(SCOPE_LEVELS), scopes=sorted(ALL_SCOPES))


@router.post(
    "",
    response_model=ApiKeyCreated,
    status_code=201,
    name="api_keys_create",
    summary="Cấp khóa API (khóa đầy đủ chỉ hiện một lần)",
)
def create_key(
    body: ApiKeyCreate,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> ApiKeyCreated:
    created = service.create_key(session, actor, body)
    set_etag(response, created.version)
    return created


@router.get("/{key_id}", response_model=ApiKeyRead, name="api_keys_get", summary="Xem một khóa API")
def get_key(
    key_id: PathId,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> ApiKeyRead:
    key = service.get_key(session, key_id)
    set_etag(response, key.version)
    return service.read_key(session, key)


@router.post(
    "/{key_id}/revoke",
    response_model=ApiKeyRead,
    name="api_keys_revoke",
    summary="Thu hồi khóa (có hiệu lực ngay)",
    openapi_extra=IF_MATCH_DOC,
)
def revoke_key(
    key_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> ApiKeyRead:
    key = service.get_key(session, key_id)
    check_if_match(request, key.version)
    key = service.revoke_key(session, actor, key)
    set_etag(response, key.version)
    return service.read_key(session, key)
