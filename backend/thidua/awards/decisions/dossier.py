"""Hồ sơ đề nghị: what the commune sends the province with its Tờ trình (seed III.2), as one ZIP archive:
the Tờ trình, the list, and for each nominee a folder with the achievement report (báo cáo thành tích)
and the evidence files of the verified self-assessments the nomination rests on (a list of the
evidence links beside them)."""

import zipfile
from collections.abc import Callable
from typing import BinaryIO

from sqlmodel import Session, col, select

from thidua.api.files import ascii_name
from thidua.assessments.evidence import evidence_key
from thidua.assessments.models import Evidence, SelfAssessment
from thidua.awards.decisions import files
from thidua.awards.decisions.service import decision_nominations
from thidua.awards.models import AwardDecision, AwardRound, Nomination
from thidua.awards.nominations import report
from thidua.awards.subjects import subject_key
from thidua.core.errors import Conflict
from thidua.core.models import today
from thidua.storage import Storage


def _evidence(session: Session, rnd: AwardRound, n: Nomination) -> list[Evidence]:
    """The evidence of the assessments the nomination cites and of the subject's verified
    self-assessments in the round's school years."""
    verified = session.exec(
        select(SelfAssessment.id).where(
            SelfAssessment.subject_key == subject_key(n.unit_id, n.staff_id),
            SelfAssessment.status == "verified",
            col(SelfAssessment.school_year).in_(rnd.school_years),
        )
    ).all()
    ids = {*n.assessment_ids, *(i for i in verified if i is not None)}
    if not ids:
        return []
    return list(
        session.exec(select(Evidence).where(col(Evidence.assessment_id).in_(ids)).order_by(col(Evidence.id)))
    )


def _plain(name: str, fallback: str) -> str:
    """A name for inside the archive: ASCII letters, digits and dashes ("Trường THCS A" → "Truong-THCS-A")."""
    return ascii_name("-".join(name.split()), fallback)


def _folder(index: int, name: str) -> str:
    return f"{index:02d}-{_plain(name, 'doi-tuong')}"


def _add_evidence(archive: zipfile.ZipFile, storage: Storage, folder: str, rows: list[Evidence]) -> None:
    links = [f"{e.title or e.url}: {e.url}" for e in rows if e.kind == "link" and e.url]
    for e in rows:
        if e.kind != "file" or not e.sha256:
            continue
        # The id keeps names apart and the archive free of paths: the uploader's name is never a path.
        name = f"{folder}/minh-chung/{e.id}-{_plain(e.filename or '', 'minh-chung')}"
        try:
            with archive.open(name, "w") as out:
                for chunk in storage.chunks(evidence_key(e.sha256)):
                    out.write(chunk)
        except FileNotFoundError:
            links.append(f"{e.filename or e.title}: tệp không còn trên máy chủ")
    if links:
        archive.writestr(f"{folder}/minh-chung/lien-ket.txt", "\n".join(links) + "\n")


def dossier_name(d: AwardDecision) -> str:
    """The archive's name; 409 when the decision has no hồ sơ (only a province proposal has one)."""
    if d.kind != "proposal":
        raise Conflict("Hồ sơ đề nghị chỉ có với tờ trình đề nghị cấp tỉnh.")
    return f"ho-so-de-nghi-{_safe(d)}.zip"


def _safe(d: AwardDecision) -> str:
    return d.number.replace("/", "-").replace(" ", "")


def write_dossier(
    session: Session,
    storage: Storage,
    d: AwardDecision,
    out: BinaryIO,
    progress: Callable[[int], None] = lambda _percent: None,
) -> str:
    """Writes the ZIP archive to `out`, nominee by nominee (evidence files streamed from the storage,
    never whole in memory); `progress` hears the percent done. Returns the archive's name."""
    name = dossier_name(d)
    rnd = session.get(AwardRound, d.round_id)
    assert rnd is not None
    safe = _safe(d)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        proposal, proposal_name = files.decision_document(session, d)
        archive.writestr(proposal_name, proposal)
        archive.writestr(f"danh-sach-{safe}.xlsx", files.decision_list_xlsx(session, d))
        nominations = decision_nominations(session, d.id or 0)
        progress(10)
        for i, n in enumerate(nominations, 1):
            data = report.gather(session, n, today())
            folder = _folder(i, data.subject)
            archive.writestr(f"{folder}/bao-cao-thanh-tich.docx", report.report_docx(data))
            _add_evidence(archive, storage, folder, _evidence(session, rnd, n))
            progress(10 + 80 * i // max(1, len(nominations)))
    return name
