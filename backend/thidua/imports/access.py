"""Who sees which import jobs: a key its own, the administrator every job (behind a province
deployment's wall, the jobs of its commune's accounts), anyone else the jobs they started."""

from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.models import User
from thidua.auth.policy import Actor
from thidua.auth.roles import Role
from thidua.imports.models import ImportJob


def visible_jobs(actor: Actor) -> SelectOfScalar[ImportJob]:
    query = select(ImportJob)
    if actor.api_key_id is not None:
        return query.where(ImportJob.api_key_id == actor.api_key_id)
    if Role.admin in actor.roles:
        if actor.commune_unit_ids is None:
            return query
        accounts = select(User.id).where(col(User.unit_id).in_(actor.commune_unit_ids))
        return query.where(col(ImportJob.user_id).in_(accounts))
    return query.where(ImportJob.user_id == actor.id, col(ImportJob.api_key_id).is_(None))
