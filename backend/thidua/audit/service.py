"""Recording audit events in the same transaction as the change they describe."""

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, col, select

from thidua.audit import access, labels
from thidua.audit.models import AuditEvent
from thidua.audit.schemas import AuditEventPage, AuditEventRead
from thidua.auth.models import User
from thidua.auth.policy import Actor
from thidua.core.models import Versioned, utcnow
from thidua.core.pagination import PageParams, page_of, paginate

# Never copied into the audit trail ("secret": the signing key of a webhook subscription).
_SECRET_FIELDS = {"password_hash", "token_version", "secret_hash", "secret"}

V = TypeVar("V", bound=Versioned)


def snapshot(obj: SQLModel) -> dict[str, Any]:
    return {k: v for k, v in obj.model_dump(mode="json").items() if k not in _SECRET_FIELDS}


def record(
    session: Session,
    actor: Any,
    action: str,
    entity: SQLModel,
    before: dict[str, Any] | None,
) -> None:
    """Add an event for `entity` after it was flushed; `before` is its snapshot before the change."""
    session.add(
        AuditEvent(
            actor_user_id=getattr(actor, "id", None),
            actor_login=getattr(actor, "login", None),
            action=action,
            entity_type=str(entity.__tablename__),
            entity_id=getattr(entity, "id", None),
            before=before,
            after=snapshot(entity),
        )
    )


def record_removal(session: Session, actor: Any, action: str, entity: SQLModel) -> None:
    session.add(
        AuditEvent(
            actor_user_id=getattr(actor, "id", None),
            actor_login=getattr(actor, "login", None),
            action=action,
            entity_type=str(entity.__tablename__),
            entity_id=getattr(entity, "id", None),
            before=snapshot(entity),
            after=None,
        )
    )


def save_changes(
    session: Session,
    actor: Any,
    obj: V,
    changes: dict[str, Any],
    action: str,
    before: dict[str, Any] | None = None,
) -> V:
    """Apply field changes to a stored object, audit them and commit. The version bumps itself, even
    with no field change (updated_at moves), so the ETag also tells of changes to child rows.
    `before` is for callers that changed the object or its children before calling."""
    before = snapshot(obj) if before is None else before
    for key, value in changes.items():
        setattr(obj, key, value)
    obj.updated_at = utcnow()
    session.add(obj)
    session.flush()
    record(session, actor, action, obj, before)
    session.commit()
    return obj


@dataclass(frozen=True)
class AuditFilters:
    entity_type: str | None = None
    entity_id: int | None = None
    actor_user_id: int | None = None


def list_events(session: Session, actor: Actor, filters: AuditFilters, page: PageParams) -> AuditEventPage:
    query = access.readable(actor)
    if filters.entity_type:
        query = query.where(AuditEvent.entity_type == filters.entity_type)
    if filters.entity_id is not None:
        query = query.where(AuditEvent.entity_id == filters.entity_id)
    if filters.actor_user_id is not None:
        query = query.where(AuditEvent.actor_user_id == filters.actor_user_id)
    rows, total = paginate(session, query, page, col(AuditEvent.id).desc())
    actor_ids = {r.actor_user_id for r in rows if r.actor_user_id is not None}
    names = dict(
        session.exec(select(User.id, User.full_name).where(col(User.id).in_(actor_ids))).all()
        if actor_ids
        else []
    )
    items = [
        AuditEventRead(
            **r.model_dump(),
            actor_name=(names.get(r.actor_user_id) or r.actor_login or labels.SYSTEM)
            if r.actor_user_id is not None
            else labels.SYSTEM,
            action_label=labels.action_label(r.action),
            entity_label=labels.entity_label(r.entity_type),
            entity_name=labels.entity_name(r.before, r.after),
        )
        for r in rows
    ]
    return page_of(AuditEventPage, items, total, page)


def add_new(session: Session, actor: Any, obj: V, action: str = "create") -> V:
    """Store a new row with its audit event, and commit."""
    session.add(obj)
    session.flush()
    record(session, actor, action, obj, None)
    session.commit()
    return obj
