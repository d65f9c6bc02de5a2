"""Who sees the shared library of digital learning materials and what they may do with one item.

The library is shared within a commune: every signed-in user of the commune browses and downloads
every school's materials (another commune's answer 404 behind a province deployment's wall), and
recognised initiatives of kind 'học liệu số' of every school (only their title, authors, school and
links; an initiative's other data stays scoped in initiatives/access.py). An item is edited by the
commune, by its school's manager, or by the teacher who shared it.
"""

from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_units_only
from thidua.auth.roles import Permission, Role
from thidua.core.errors import NotFound
from thidua.initiatives.models import Initiative, InitiativeKind
from thidua.materials.models import LearningMaterial


def readable(actor: Actor) -> SelectOfScalar[LearningMaterial]:
    """Every school's materials of the caller's commune (every commune's without a wall)."""
    return commune_units_only(select(LearningMaterial), LearningMaterial.unit_id, actor)


def in_commune(query: Any, unit_column: Any, actor: Actor) -> Any:
    """A bulk export's Core query of the library narrowed to the caller's commune (no wall: all)."""
    return commune_units_only(query, unit_column, actor)


def get_readable(session: Session, actor: Actor, material_id: int) -> LearningMaterial:
    material = session.exec(readable(actor).where(LearningMaterial.id == material_id)).first()
    if material is None:
        raise NotFound(f"Không tìm thấy học liệu có id {material_id}.")
    return material


def may_share_for(actor: Actor, unit_id: int) -> bool:
    return actor.can(Permission.materials_write) and actor.sees_unit(unit_id)


def actions(actor: Actor, material: LearningMaterial) -> list[str]:
    if not may_share_for(actor, material.unit_id):
        return []
    manager = actor.commune_wide or Role.unit_manager in actor.roles
    if manager or material.created_by_id == actor.id:
        return ["update", "delete", "attach_file"]
    return []


def recognised_digital_materials(actor: Actor) -> SelectOfScalar[Initiative]:
    return commune_units_only(select(Initiative), Initiative.unit_id, actor).where(
        Initiative.kind == InitiativeKind.digital_material.value,
        col(Initiative.recognition_level).is_not(None),
    )
