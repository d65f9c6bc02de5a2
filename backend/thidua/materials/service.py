"""The shared library of digital learning materials (kho học liệu số dùng chung, seed IV.7)."""

from dataclasses import dataclass
from typing import Any

from fastapi import UploadFile
from sqlmodel import Session, col, select

from thidua.assessments import evidence as files
from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import Forbidden, Invalid, NotFound
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import matches, where_given
from thidua.initiatives.models import (
    RECOGNITION_LEVEL_LABELS_VI,
    Initiative,
    InitiativeAuthor,
    RecognitionLevel,
)
from thidua.materials import access
from thidua.materials.models import LICENCE_LABELS_VI, LearningMaterial, Licence
from thidua.materials.schemas import (
    MaterialCreate,
    MaterialPage,
    MaterialRead,
    MaterialUpdate,
    RecognisedMaterial,
    RecognisedMaterialPage,
)
from thidua.storage import Storage, content_key
from thidua.units.models import StaffMember, Unit

MAX_MATERIAL_BYTES = 20 * 1024 * 1024
FOLDER = "materials"
ACCEPTED = "PDF, DOCX, XLSX, PPTX, PNG hoặc JPEG"


def read(session: Session, actor: Actor, m: LearningMaterial) -> MaterialRead:
    unit = session.get(Unit, m.unit_id)
    return from_row(
        MaterialRead,
        m,
        unit_name=unit.name if unit else "",
        licence=Licence(m.licence),
        licence_label=LICENCE_LABELS_VI[Licence(m.licence)],
        file_url=f"/api/v1/materials/{m.id}/file" if m.file_sha256 else None,
        allowed_actions=access.actions(actor, m),
    )


@dataclass(frozen=True)
class Filters:
    q: str | None = None
    subject: str | None = None
    grade: str | None = None
    unit_id: int | None = None


def list_materials(session: Session, actor: Actor, f: Filters, page: PageParams) -> MaterialPage:
    query = where_given(
        access.readable(actor),
        (LearningMaterial.subject, f.subject),
        (LearningMaterial.grade, f.grade),
        (LearningMaterial.unit_id, f.unit_id),
    )
    if f.q and f.q.strip():
        query = query.where(
            matches(f.q, LearningMaterial.title, LearningMaterial.author, LearningMaterial.subject)
        )
    rows, total = paginate(session, query, page, col(LearningMaterial.id).desc())
    return page_of(MaterialPage, [read(session, actor, m) for m in rows], total, page)


def get(session: Session, actor: Actor, material_id: int) -> LearningMaterial:
    return access.get_readable(session, actor, material_id)


def create(session: Session, actor: Actor, data: MaterialCreate) -> LearningMaterial:
    unit_id = data.unit_id if data.unit_id is not None else actor.user.unit_id
    if unit_id is None:
        raise Invalid("body.unit_id", "Chọn trường chia sẻ học liệu.", "missing")
    if session.get(Unit, unit_id) is None or not access.may_share_for(actor, unit_id):
        raise Invalid("body.unit_id", f"Không tìm thấy đơn vị có id {unit_id}.", "not_found")
    material = LearningMaterial(
        unit_id=unit_id,
        title=data.title,
        author=data.author,
        subject=data.subject,
        grade=data.grade,
        licence=data.licence.value,
        description=data.description,
        url=data.url,
        created_by_id=actor.id,
    )
    return audit.add_new(session, actor, material)


def _require(actor: Actor, m: LearningMaterial) -> None:
    if "update" not in access.actions(actor, m):
        raise Forbidden("Chỉ người chia sẻ, lãnh đạo trường hoặc cán bộ xã mới sửa, xóa được học liệu này.")


def update(session: Session, actor: Actor, m: LearningMaterial, data: MaterialUpdate) -> LearningMaterial:
    _require(actor, m)
    changes: dict[str, Any] = {}
    for key, value in data.model_dump(exclude_unset=True).items():
        if value is None and key != "url":
            continue
        changes[key] = value.value if isinstance(value, Licence) else value
    return audit.save_changes(session, actor, m, changes, "update")


def delete(session: Session, actor: Actor, m: LearningMaterial, storage: Storage) -> None:
    _require(actor, m)
    sha = m.file_sha256
    audit.record_removal(session, actor, "delete", m)
    session.delete(m)
    session.commit()
    _discard_unused(session, storage, sha)


def attach_file(
    session: Session, actor: Actor, m: LearningMaterial, upload: UploadFile, storage: Storage
) -> LearningMaterial:
    _require(actor, m)
    stored = files.receive(
        upload,
        storage,
        FOLDER,
        max_bytes=MAX_MATERIAL_BYTES,
        accept=None,
        too_large=f"Tệp học liệu vượt quá {MAX_MATERIAL_BYTES // (1024 * 1024)} MB.",
        unsupported=f"Chỉ nhận tệp học liệu {ACCEPTED} (xét theo nội dung tệp, không theo tên tệp).",
    )
    old = m.file_sha256
    changed = audit.save_changes(
        session,
        actor,
        m,
        {
            "file_sha256": stored.sha256,
            "file_content_type": stored.content_type,
            "file_size_bytes": stored.size_bytes,
            "file_name": files.safe_filename(upload.filename, stored.extension),
        },
        "attach_file",
    )
    if old and old != stored.sha256:
        _discard_unused(session, storage, old)
    return changed


def file_key(m: LearningMaterial) -> str:
    if not m.file_sha256:
        raise NotFound("Học liệu này là đường dẫn, không có tệp.")
    return content_key(FOLDER, m.file_sha256)


def _discard_unused(session: Session, storage: Storage, sha: str | None) -> None:
    if (
        sha
        and session.exec(select(LearningMaterial.id).where(LearningMaterial.file_sha256 == sha)).first()
        is None
    ):
        storage.delete(content_key(FOLDER, sha))


def list_recognised(
    session: Session, actor: Actor, q: str | None, page: PageParams
) -> RecognisedMaterialPage:
    query = access.recognised_digital_materials(actor)
    if q and q.strip():
        query = query.where(matches(q, Initiative.title))
    rows, total = paginate(
        session, query, page, col(Initiative.recognition_date).desc(), col(Initiative.id).desc()
    )
    ids = [i.id for i in rows]
    authors: dict[int, list[str]] = {}
    if ids:
        found = session.exec(
            select(InitiativeAuthor.initiative_id, StaffMember.full_name)
            .join(StaffMember, col(StaffMember.id) == InitiativeAuthor.staff_id)
            .where(col(InitiativeAuthor.initiative_id).in_(ids))
            .order_by(col(InitiativeAuthor.id))
        ).all()
        for initiative_id, name in found:
            authors.setdefault(initiative_id, []).append(name)
    units = {
        u.id: u.name for u in session.exec(select(Unit).where(col(Unit.id).in_({i.unit_id for i in rows})))
    }
    items = [
        RecognisedMaterial(
            initiative_id=i.id or 0,
            unit_id=i.unit_id,
            unit_name=units.get(i.unit_id, ""),
            title=i.title,
            summary=i.summary,
            school_year=i.school_year,
            authors=authors.get(i.id or 0, []),
            recognition_level_label=RECOGNITION_LEVEL_LABELS_VI[RecognitionLevel(i.recognition_level)],
            recognition_date=i.recognition_date,
            links=[str(link.get("url", "")) for link in i.evidence_links if link.get("url")],
        )
        for i in rows
    ]
    return page_of(RecognisedMaterialPage, items, total, page)
