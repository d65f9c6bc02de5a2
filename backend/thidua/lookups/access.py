"""Which names a picker offers: only those the caller may already read elsewhere.

Accounts are the administrator's to manage, so a picker of people does not open the account list:
a unit-bound caller sees the accounts of the units in its reach, a commune-wide caller every
account, and whoever forms inspection teams also every active inspector (the team's members).
Staff members, units, indicators and award types follow their own domains' access rules.
"""

from sqlalchemy import or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.models import User, UserRole
from thidua.auth.policy import Actor
from thidua.auth.roles import Permission, Role
from thidua.units import access as units_access


def readable_people(actor: Actor) -> SelectOfScalar[User]:
    query = select(User)
    if actor.visible_unit_ids is None:
        return query
    commune = actor.commune_unit_ids
    if actor.can(Permission.users_manage):
        return query if commune is None else query.where(col(User.unit_id).in_(commune))
    in_reach = col(User.unit_id).in_(actor.visible_unit_ids)
    if actor.can(Permission.inspections_manage):
        inspectors = select(UserRole.user_id).where(UserRole.role == Role.inspector.value)
        theirs = col(User.id).in_(inspectors)
        if commune is not None:  # the commune's own inspectors, not another commune's
            return query.where(or_(in_reach, theirs & col(User.unit_id).in_(commune)))
        return query.where(or_(in_reach, theirs))
    return query.where(in_reach)


readable_staff = units_access.readable_staff
readable_units = units_access.readable_units
units_in_reach = units_access.units_in_reach
