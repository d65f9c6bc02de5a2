"""Who reads a generated file: only the caller who asked for it (the same user, through the same API
key or none). Anyone else, an administrator included, gets 404 exactly like a missing file: the file
holds what its requester may see, which is not what another caller may."""

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor
from thidua.core.errors import NotFound
from thidua.generated.models import GeneratedFile


def readable(actor: Actor) -> SelectOfScalar[GeneratedFile]:
    query = select(GeneratedFile).where(GeneratedFile.user_id == actor.id)
    if actor.api_key_id is not None:
        return query.where(GeneratedFile.api_key_id == actor.api_key_id)
    return query.where(col(GeneratedFile.api_key_id).is_(None))


def get_readable(session: Session, actor: Actor, file_id: int) -> GeneratedFile:
    found = session.exec(readable(actor).where(GeneratedFile.id == file_id)).first()
    if found is None:
        raise NotFound(f"Không tìm thấy tệp đang tạo có id {file_id}.")
    return found
