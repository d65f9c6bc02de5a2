"""What each kind of generated file is: how a request is checked (as the requester, before anything is
queued: a bad id or an object out of reach is answered at once) and how the job builds the file (as the
requester again, with the same scoping as a synchronous download)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from sqlmodel import Session

from thidua.api.files import XLSX, ZIP
from thidua.auth.policy import Actor
from thidua.awards.decisions import access as decisions
from thidua.awards.decisions import dossier
from thidua.generated.schemas import GeneratedKind
from thidua.scoring import service as scoring
from thidua.storage import Storage

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Kind:
    media_type: str
    # (session, actor, params) -> the file's name; raises the request's 4xx
    prepare: Callable[[Session, Actor, dict[str, Any]], str]
    # (session, actor, storage, params, out, progress): writes the file
    build: Callable[[Session, Actor, Storage, dict[str, Any], BinaryIO, Progress], None]


def _scorecards_name(session: Session, actor: Actor, params: dict[str, Any]) -> str:
    scoring.export_framework(session, actor, params["framework_id"], "body.framework_id")
    return f"xep-hang-{params['framework_id']}-{params['school_year']}.xlsx"


def _scorecards(
    session: Session,
    actor: Actor,
    storage: Storage,
    params: dict[str, Any],
    out: BinaryIO,
    progress: Progress,
) -> None:
    scoring.export_xlsx(session, actor, params["framework_id"], params["school_year"], out, progress)


def _dossier_name(session: Session, actor: Actor, params: dict[str, Any]) -> str:
    return dossier.dossier_name(decisions.get_readable(session, actor, params["decision_id"]))


def _dossier(
    session: Session,
    actor: Actor,
    storage: Storage,
    params: dict[str, Any],
    out: BinaryIO,
    progress: Progress,
) -> None:
    d = decisions.get_readable(session, actor, params["decision_id"])
    dossier.write_dossier(session, storage, d, out, progress)


KINDS: dict[GeneratedKind, Kind] = {
    GeneratedKind.scorecards: Kind(XLSX, _scorecards_name, _scorecards),
    GeneratedKind.dossier: Kind(ZIP, _dossier_name, _dossier),
}
