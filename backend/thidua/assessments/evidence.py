"""Evidence files (minh chứng): size limit enforced while streaming, type checked by content,
stored through thidua.storage under evidence/<sha256> (a file name never reaches the storage)."""

import hashlib
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from fastapi import UploadFile
from sqlmodel import Session, select

from thidua.assessments.models import Evidence, SelfAssessment
from thidua.assessments.schemas import LinkEvidenceIn
from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import AppError, Conflict, Invalid, NotFound
from thidua.frameworks.models import Indicator
from thidua.storage import Storage, content_key

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# A multipart body is the file plus its boundaries, headers and small form fields: upload routes let
# this much more through (max_body_size, counted while streaming), then receive() checks the file.
FORM_OVERHEAD_BYTES = 64 * 1024
_CHUNK = 64 * 1024
_OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
}


class TooLarge(AppError):
    status, slug = 413, "too-large"


def sniff(head: bytes, path: Path) -> tuple[str, str] | None:
    """(content type, extension) judged from the bytes, or None when the type is not accepted."""
    if head.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            for prefix, found in _OOXML.items():
                if any(n.startswith(prefix) for n in names):
                    return found
    return None


def safe_filename(name: str | None, extension: str) -> str:
    """Only for display and Content-Disposition; never used as a path. The last part of a POSIX or
    Windows path, without control or bidirectional-override characters (which can disguise an
    extension), at most 120 characters, and always the extension of the type found in the bytes."""
    base = unicodedata.normalize("NFC", re.split(r"[/\\]", name or "")[-1])
    base = "".join(c for c in base if unicodedata.category(c) not in ("Cc", "Cf")).replace('"', "'")
    stem = base.rsplit(".", 1)[0].strip(" .")[:120].strip() or "minh-chung"
    return f"{stem}{extension}"


EVIDENCE_FOLDER = "evidence"


def evidence_key(sha256: str) -> str:
    return content_key(EVIDENCE_FOLDER, sha256)


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size_bytes: int
    content_type: str
    extension: str


def receive(
    upload: UploadFile,
    storage: Storage,
    folder: str,
    *,
    max_bytes: int,
    accept: Collection[str] | None,
    too_large: str,
    unsupported: str,
) -> StoredFile:
    """Stream an upload into `storage` under `folder` by content hash: refused with 413 as soon as it
    passes `max_bytes` (never read whole into memory), with 422 at body.file when empty or when its
    bytes are not one of the sniffed types in `accept` (None: any type `sniff` knows)."""
    digest, size = hashlib.sha256(), 0
    fd, tmp_name = tempfile.mkstemp(prefix="thidua-upload-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := upload.file.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise TooLarge(too_large)
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise Invalid("body.file", "Tệp rỗng.", "empty")
        with tmp.open("rb") as f:
            found = sniff(f.read(16), tmp)
        if found is None or (accept is not None and found[0] not in accept):
            raise Invalid("body.file", unsupported, "unsupported_type")
        sha = digest.hexdigest()
        storage.put(content_key(folder, sha), tmp)  # same content, same key: storing twice is harmless
    finally:
        tmp.unlink(missing_ok=True)
    return StoredFile(sha256=sha, size_bytes=size, content_type=found[0], extension=found[1])


def _indicator(session: Session, a: SelfAssessment, code: str, path: str) -> Indicator:
    ind = None
    if "\x00" not in code:  # PostgreSQL refuses a NUL even in a query; no code has one
        ind = session.exec(
            select(Indicator).where(Indicator.framework_id == a.framework_id, Indicator.code == code.strip())
        ).first()
    if ind is None:
        raise Invalid(path, f"Bảng điểm không có chỉ tiêu mã '{code}'.", "unknown_indicator")
    return ind


def add_file(
    session: Session,
    actor: Actor,
    a: SelfAssessment,
    indicator_code: str,
    upload: UploadFile,
    storage: Storage,
) -> Evidence:
    ind = _indicator(session, a, indicator_code, "body.indicator_code")
    stored = receive(
        upload,
        storage,
        EVIDENCE_FOLDER,
        max_bytes=MAX_EVIDENCE_BYTES,
        accept=None,
        too_large=f"Tệp minh chứng vượt quá {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB.",
        unsupported="Chỉ nhận minh chứng PDF, PNG, JPEG, DOCX, XLSX hoặc PPTX (xét theo nội dung tệp).",
    )
    evidence = Evidence(
        assessment_id=a.id or 0,
        indicator_id=ind.id or 0,
        kind="file",
        sha256=stored.sha256,
        size_bytes=stored.size_bytes,
        content_type=stored.content_type,
        filename=safe_filename(upload.filename, stored.extension),
        title=safe_filename(upload.filename, stored.extension),
        uploaded_by_id=actor.id,
    )
    return _store(session, actor, evidence)


def add_link(session: Session, actor: Actor, a: SelfAssessment, data: LinkEvidenceIn) -> Evidence:
    ind = _indicator(session, a, data.indicator_code, "body.indicator_code")
    evidence = Evidence(
        assessment_id=a.id or 0,
        indicator_id=ind.id or 0,
        kind="link",
        url=data.url,
        title=data.title or data.url,
        uploaded_by_id=actor.id,
    )
    return _store(session, actor, evidence)


def _store(session: Session, actor: Actor, evidence: Evidence) -> Evidence:
    session.add(evidence)
    session.flush()
    audit.record(session, actor, "add_evidence", evidence, None)
    session.commit()
    return evidence


def get_evidence(session: Session, a: SelfAssessment, evidence_id: int) -> Evidence:
    evidence = session.get(Evidence, evidence_id)
    if evidence is None or evidence.assessment_id != a.id:
        raise NotFound(f"Không tìm thấy minh chứng có id {evidence_id}.")
    return evidence


def remove(session: Session, actor: Actor, evidence: Evidence) -> None:
    audit.record_removal(session, actor, "remove_evidence", evidence)
    session.delete(evidence)
    session.commit()


def ensure_editable(a: SelfAssessment) -> None:
    if a.status not in ("draft", "returned"):
        raise Conflict("Bản tự đánh giá đã nộp: không thay đổi minh chứng được nữa.")
