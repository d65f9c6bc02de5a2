"""Who sees the API keys and what they may do with one.

Keys belong to the commune's service accounts: whoever holds `api_keys.manage` (the administrator)
sees every key and revokes an active one; a revoked or expired key only stays listed.
"""

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.apikeys.models import ApiKey
from thidua.auth.models import User
from thidua.auth.policy import Actor
from thidua.core.errors import NotFound


def readable(actor: Actor) -> SelectOfScalar[ApiKey]:
    """Behind a province deployment's wall: the keys of the commune's own service accounts."""
    if actor.commune_unit_ids is None:
        return select(ApiKey)
    accounts = select(User.id).where(col(User.unit_id).in_(actor.commune_unit_ids))
    return select(ApiKey).where(col(ApiKey.user_id).in_(accounts))


def get_readable(session: Session, actor: Actor, key_id: int) -> ApiKey:
    key = session.exec(readable(actor).where(ApiKey.id == key_id)).first()
    if key is None:
        raise NotFound(f"Không tìm thấy khóa API có id {key_id}.")
    return key


def allowed_actions(status: str) -> list[str]:
    """`status` is the key's status now (apikeys.service.status_of)."""
    return ["revoke"] if status == "active" else []


def account_in_reach(actor: Actor, account: User) -> bool:
    """Behind a wall a commune's administrator gives keys to its commune's service accounts only."""
    return actor.commune_unit_ids is None or account.unit_id in actor.commune_unit_ids


def unit_in_reach(actor: Actor, unit_id: int) -> bool:
    return actor.sees_unit(unit_id)
