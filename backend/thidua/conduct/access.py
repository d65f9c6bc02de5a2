"""Who sees which staff ratings and flags and what they may do with one: the only place conduct
queries are scoped.

Both are personal data of a unit's staff: a caller sees those of the units they see, and edits them
with `ratings.write` or `flags.write`. Another unit's record answers 404, exactly like a missing one.
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, get_visible, scoped
from thidua.auth.roles import Permission
from thidua.conduct.models import Flag, StaffRating


def readable_ratings(actor: Actor) -> SelectOfScalar[StaffRating]:
    return scoped(select(StaffRating), StaffRating.unit_id, actor)


def get_readable_rating(session: Session, actor: Actor, rating_id: int) -> StaffRating:
    return get_visible(session, StaffRating, rating_id, actor, "xếp loại")


def readable_flags(actor: Actor) -> SelectOfScalar[Flag]:
    return scoped(select(Flag), Flag.unit_id, actor)


def get_readable_flag(session: Session, actor: Actor, flag_id: int) -> Flag:
    return get_visible(session, Flag, flag_id, actor, "hồ sơ kỷ luật, sự cố")


def rating_actions(actor: Actor, rating: StaffRating) -> list[str]:
    may_edit = actor.can(Permission.ratings_write) and actor.sees_unit(rating.unit_id)
    return ["update", "delete"] if may_edit else []


def flag_actions(actor: Actor, flag: Flag) -> list[str]:
    may_edit = actor.can(Permission.flags_write) and actor.sees_unit(flag.unit_id)
    return ["update", "delete"] if may_edit else []
