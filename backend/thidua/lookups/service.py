"""Pickers' choices: a few names and ids, matched on what a person types, within what the caller
may read. `ids` answers the names of ids a page already holds (a task's owner, a team member)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.models import User, UserRole
from thidua.auth.policy import Actor, descendant_unit_ids
from thidua.auth.roles import Role
from thidua.awards.models import AwardType
from thidua.awards.types import access as award_types_access
from thidua.core.search import matches
from thidua.frameworks import access as frameworks_access
from thidua.frameworks.models import Framework, Indicator
from thidua.lookups import access
from thidua.lookups.schemas import LookupItem
from thidua.units.models import StaffMember, Unit


@dataclass(frozen=True)
class Search:
    q: str | None
    ids: Sequence[int]
    limit: int


def _narrow(query: SelectOfScalar[Any], search: Search, id_column: Any, *text_columns: Any) -> Any:
    if search.ids:
        query = query.where(col(id_column).in_(search.ids))
    if search.q and search.q.strip():
        query = query.where(matches(search.q, *text_columns))
    return query.limit(search.limit)


def people(session: Session, actor: Actor, search: Search, role: Role | None) -> list[LookupItem]:
    query = access.readable_people(actor)
    if not search.ids:  # a deactivated member's name still shows on a past team
        query = query.where(col(User.is_active).is_(True))
    if role is not None:
        query = query.where(col(User.id).in_(select(UserRole.user_id).where(UserRole.role == role.value)))
    query = _narrow(
        query.order_by(col(User.full_name), col(User.id)), search, User.id, User.full_name, User.login
    )
    return [LookupItem(id=u.id, label=u.full_name, detail=u.login) for u in session.exec(query)]


def staff(session: Session, actor: Actor, search: Search, unit_id: int | None) -> list[LookupItem]:
    query = access.readable_staff(actor)
    if not search.ids:  # a former member's name still shows on what they own
        query = query.where(col(StaffMember.is_active).is_(True))
    if unit_id is not None:  # a school's staff include its subject groups'
        query = query.where(col(StaffMember.unit_id).in_(descendant_unit_ids(session, unit_id)))
    query = _narrow(
        query.order_by(col(StaffMember.full_name), col(StaffMember.id)),
        search,
        StaffMember.id,
        StaffMember.full_name,
        StaffMember.code,
    )
    return [LookupItem(id=s.id, label=s.full_name, detail=s.code) for s in session.exec(query)]


def units(
    session: Session, actor: Actor, search: Search, kind: str | None, in_reach: bool
) -> list[LookupItem]:
    query = access.units_in_reach(actor) if in_reach else access.readable_units(actor)
    if kind is not None:
        query = query.where(Unit.kind == kind)
    query = _narrow(query.order_by(col(Unit.name), col(Unit.id)), search, Unit.id, Unit.name, Unit.code)
    return [LookupItem(id=u.id, label=u.name, detail=u.code) for u in session.exec(query)]


def indicators(session: Session, actor: Actor, search: Search) -> list[LookupItem]:
    """Indicators of the active frameworks (those plans and assessments use)."""
    frameworks = frameworks_access.readable(actor).where(Framework.status == "active")
    framework_ids = {f.id: f for f in session.exec(frameworks)}
    query = select(Indicator).where(col(Indicator.framework_id).in_(list(framework_ids)))
    query = _narrow(
        query.order_by(col(Indicator.framework_id), col(Indicator.id)),
        search,
        Indicator.id,
        Indicator.code,
        Indicator.name,
    )
    return [
        LookupItem(id=i.id, label=f"{i.code} – {i.name}", detail=framework_ids[i.framework_id].name)
        for i in session.exec(query)
        if i.id is not None
    ]


def award_types(session: Session, actor: Actor, search: Search) -> list[LookupItem]:
    """Award types in force (the versions a nomination may name)."""
    query = award_types_access.readable(actor).where(AwardType.status == "active")
    query = _narrow(
        query.order_by(col(AwardType.name), col(AwardType.id)),
        search,
        AwardType.id,
        AwardType.name,
        AwardType.code,
    )
    return [LookupItem(id=t.id, label=t.name, detail=t.code) for t in session.exec(query)]
