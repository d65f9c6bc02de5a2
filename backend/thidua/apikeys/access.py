"""Who sees the API keys and what they may do with one.

Keys belong to the commune's service accounts: whoever holds `api_keys.manage` (the administrator)
sees every key and revokes an active one; a revoked or expired key only stays listed.
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.apikeys.models import ApiKey
from thidua.core.errors import NotFound


def readable() -> SelectOfScalar[ApiKey]:
    return select(ApiKey)


def get_readable(session: Session, key_id: int) -> ApiKey:
    key = session.get(ApiKey, key_id)
    if key is None:
        raise NotFound(f"Không tìm thấy khóa API có id {key_id}.")
    return key


def allowed_actions(status: str) -> list[str]:
    """`status` is the key's status now (apikeys.service.status_of)."""
    return ["revoke"] if status == "active" else []
