"""Who sees which initiatives and what they may do with one: the only place initiative queries are
scoped.

- a caller sees the initiatives of the units they see; another unit's answers 404 like a missing one;
- staff register and edit their own unit's initiatives where they are an author (their linked staff
  record), unit managers their unit's, the commune officer and admin any;
- the unit manager recognises at unit level, the commune officer (or admin) at any level;
- an initiative that an award used is frozen for good, a recognised one until the recognition is
  withdrawn (the service says why in each refusal).
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, get_visible, scoped
from thidua.auth.roles import Permission, Role
from thidua.core.errors import Forbidden, Invalid
from thidua.initiatives.models import Initiative, RecognitionLevel
from thidua.initiatives.schemas import AuthorIn
from thidua.units.models import StaffMember

LABEL = "sáng kiến"


def readable(actor: Actor) -> SelectOfScalar[Initiative]:
    return scoped(select(Initiative), Initiative.unit_id, actor)


def get_readable(session: Session, actor: Actor, initiative_id: int) -> Initiative:
    return get_visible(session, Initiative, initiative_id, actor, LABEL)


def own_staff_id(session: Session, actor: Actor) -> int | None:
    """The staff record linked to the caller's account, if any."""
    return session.exec(select(StaffMember.id).where(StaffMember.user_id == actor.id)).first()


def current_level(initiative: Initiative) -> RecognitionLevel | None:
    return RecognitionLevel(initiative.recognition_level) if initiative.recognition_level else None


def _unit_writer(actor: Actor, unit_id: int) -> bool:
    """Commune officer and admin anywhere, a unit manager in their own unit."""
    if not actor.can(Permission.initiatives_write) or not actor.sees_unit(unit_id):
        return False
    return actor.commune_wide or Role.unit_manager in actor.roles


def may_edit(actor: Actor, initiative: Initiative, me: int | None, author_ids: set[int]) -> bool:
    if _unit_writer(actor, initiative.unit_id):
        return True
    return (
        actor.can(Permission.initiatives_write)
        and actor.sees_unit(initiative.unit_id)
        and me is not None
        and me in author_ids
    )


def may_recognise(actor: Actor, unit_id: int, level: RecognitionLevel) -> bool:
    if not actor.can(Permission.initiatives_recognise) or not actor.sees_unit(unit_id):
        return False
    if actor.commune_wide:
        return True
    return level == RecognitionLevel.unit and Role.unit_manager in actor.roles


def allowed_actions(actor: Actor, initiative: Initiative, me: int | None, author_ids: set[int]) -> list[str]:
    if initiative.used_by_achievement_id is not None:
        return []
    level = current_level(initiative)
    if level is None:
        actions = ["update", "delete"] if may_edit(actor, initiative, me, author_ids) else []
        if may_recognise(actor, initiative.unit_id, RecognitionLevel.unit):
            actions.append("recognise")
        return actions
    if may_recognise(actor, initiative.unit_id, level):
        return ["recognise", "withdraw_recognition"]
    return []


def require_editor(session: Session, actor: Actor, initiative: Initiative, author_ids: set[int]) -> None:
    if not may_edit(actor, initiative, own_staff_id(session, actor), author_ids):
        raise Forbidden(
            "Bạn chỉ được sửa, xóa sáng kiến mà mình là tác giả; thủ trưởng đơn vị quản lý sáng kiến "
            "của đơn vị mình."
        )


def require_own_authorship(session: Session, actor: Actor, unit_id: int, authors: list[AuthorIn]) -> None:
    """A staff member (not a manager) registers only initiatives they are an author of."""
    if _unit_writer(actor, unit_id):
        return
    me = own_staff_id(session, actor)
    if me is None:
        raise Forbidden(
            "Tài khoản của bạn chưa gắn với hồ sơ cán bộ nên chưa thể đăng ký sáng kiến; "
            "hãy đề nghị thủ trưởng đơn vị gắn tài khoản với hồ sơ cán bộ."
        )
    if me not in {a.staff_id for a in authors}:
        raise Invalid(
            "body.authors",
            "Bạn chỉ đăng ký, sửa sáng kiến mà mình là tác giả hoặc đồng tác giả; hãy có tên mình "
            "trong danh sách tác giả.",
            "not_author",
        )
