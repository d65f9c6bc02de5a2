"""Who reads which audit events: the whole trail for those who hold audit:read; behind a province
deployment's wall, the events its commune's own accounts left (another commune's are not listed)."""

from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.audit.models import AuditEvent
from thidua.auth.models import User
from thidua.auth.policy import Actor


def readable(actor: Actor) -> SelectOfScalar[AuditEvent]:
    if actor.commune_unit_ids is None:
        return select(AuditEvent)
    accounts = select(User.id).where(col(User.unit_id).in_(actor.commune_unit_ids))
    return select(AuditEvent).where(col(AuditEvent.actor_user_id).in_(accounts))
