"""API keys of service accounts: created by the administrator, shown once, stored as a hash, revoked
at once. Authentication with a key lives in auth/policy.py beside the JWT path."""

import hashlib
import secrets
from datetime import datetime

from sqlmodel import Session, col

from thidua.apikeys import access
from thidua.apikeys.models import ApiKey
from thidua.apikeys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyPage, ApiKeyRead
from thidua.audit import service as audit
from thidua.auth.models import User
from thidua.auth.policy import API_KEY_START, Actor, roles_of
from thidua.auth.roles import ALL_SCOPES, Role
from thidua.core.errors import Conflict, FieldError, ValidationFailed
from thidua.core.models import utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.units.models import Unit


def status_of(key: ApiKey, now: datetime | None = None) -> str:
    now = now or utcnow()
    if key.revoked_at is not None:
        return "revoked"
    if key.expires_at is not None and key.expires_at <= now:
        return "expired"
    return "active"


def read_key(session: Session, key: ApiKey) -> ApiKeyRead:
    assert key.id is not None
    user = session.get(User, key.user_id)
    unit = session.get(Unit, key.unit_id) if key.unit_id else None
    status = status_of(key)
    return from_row(
        ApiKeyRead,
        key,
        service_account_id=key.user_id,
        service_account_login=user.login if user else "",
        unit_name=unit.name if unit else None,
        status=status,
        allowed_actions=access.allowed_actions(status),
    )


def list_keys(session: Session, actor: Actor, page: PageParams, service_account_id: int | None) -> ApiKeyPage:
    query = access.readable(actor)
    if service_account_id is not None:
        query = query.where(ApiKey.user_id == service_account_id)
    rows, total = paginate(session, query, page, col(ApiKey.id).desc())
    return page_of(ApiKeyPage, [read_key(session, k) for k in rows], total, page)


def get_key(session: Session, actor: Actor, key_id: int) -> ApiKey:
    return access.get_readable(session, actor, key_id)


def create_key(session: Session, actor: Actor, data: ApiKeyCreate) -> ApiKeyCreated:
    problems = [
        FieldError(
            path=f"body.scopes.{i}", type="unknown_scope", message=f"Không có phạm vi quyền '{scope}'."
        )
        for i, scope in enumerate(data.scopes)
        if scope not in ALL_SCOPES
    ]
    account = session.get(User, data.service_account_id)
    if account is not None and not access.account_in_reach(actor, account):
        account = None  # another commune's account reads like a missing one
    if account is None or not account.is_active or Role.integration not in roles_of(session, account.id or 0):
        problems.append(
            FieldError(
                path="body.service_account_id",
                type="not_a_service_account",
                message="Chỉ cấp khóa cho tài khoản tích hợp đang hoạt động (vai trò integration).",
            )
        )
    if data.unit_id is not None and (
        session.get(Unit, data.unit_id) is None or not access.unit_in_reach(actor, data.unit_id)
    ):
        problems.append(FieldError(path="body.unit_id", type="not_found", message="Không tìm thấy đơn vị."))
    if data.expires_at is not None and (data.expires_at.tzinfo is None or data.expires_at <= utcnow()):
        problems.append(
            FieldError(path="body.expires_at", type="past", message="Thời hạn phải ở tương lai, kèm múi giờ.")
        )
    if problems:
        raise ValidationFailed("Khóa API chưa hợp lệ; không có gì được lưu.", problems)
    prefix = secrets.token_hex(6)
    secret = f"{API_KEY_START}{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey(
        name=data.name,
        prefix=prefix,
        secret_hash=hashlib.sha256(secret.encode()).hexdigest(),
        user_id=data.service_account_id,
        scopes=sorted(set(data.scopes)),
        unit_id=data.unit_id,
        expires_at=data.expires_at,
        created_by_id=actor.id,
    )
    session.add(key)
    session.flush()
    audit.record(session, actor, "create", key, None)  # the hash is kept out of the audit trail
    session.commit()
    return ApiKeyCreated(**read_key(session, key).model_dump(), secret=secret)


def revoke_key(session: Session, actor: Actor, key: ApiKey) -> ApiKey:
    if key.revoked_at is not None:
        raise Conflict("Khóa này đã bị thu hồi.")
    return audit.save_changes(session, actor, key, {"revoked_at": utcnow()}, "revoke")
