from fastapi import APIRouter

from thidua.api.deps import ApiKeysManageActor, ETag, IfMatch, Page, SessionDep
from thidua.apikeys import service
from thidua.apikeys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyPage, ApiKeyRead, ScopeCatalogue
from thidua.auth.roles import ALL_SCOPES, SCOPE_FAMILIES, SCOPE_LEVELS
from thidua.core.ids import PathId, QueryId

router = APIRouter(prefix="/api-keys", tags=["integrations"])


@router.get("", name="api_keys_list", summary="Các khóa API của tài khoản tích hợp")
def list_keys(
    actor: ApiKeysManageActor, session: SessionDep, page: Page, service_account_id: QueryId = None
) -> ApiKeyPage:
    return service.list_keys(session, actor, page, service_account_id)


@router.get("/scopes", name="api_keys_scopes", summary="Các phạm vi quyền của khóa")
def scopes(actor: ApiKeysManageActor) -> ScopeCatalogue:
    return ScopeCatalogue(families=list(SCOPE_FAMILIES), levels=list(SCOPE_LEVELS), scopes=sorted(ALL_SCOPES))


@router.post(
    "", status_code=201, name="api_keys_create", summary="Cấp khóa API (khóa đầy đủ chỉ hiện một lần)"
)
def create_key(
    body: ApiKeyCreate, actor: ApiKeysManageActor, session: SessionDep, etag: ETag
) -> ApiKeyCreated:
    created = service.create_key(session, actor, body)
    return etag(created.version, created)


@router.get("/{key_id}", name="api_keys_get", summary="Xem một khóa API")
def get_key(key_id: PathId, actor: ApiKeysManageActor, session: SessionDep, etag: ETag) -> ApiKeyRead:
    key = service.get_key(session, actor, key_id)
    return etag(key.version, service.read_key(session, key))


@router.post("/{key_id}/revoke", name="api_keys_revoke", summary="Thu hồi khóa (có hiệu lực ngay)")
def revoke_key(
    key_id: PathId, actor: ApiKeysManageActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> ApiKeyRead:
    key = service.revoke_key(session, actor, if_match(service.get_key(session, actor, key_id)))
    return etag(key.version, service.read_key(session, key))
