"""Demo communications and sharing (issue 17, points 4 and 5): the school year's communications plan of
Trung tâm DVSNC with outputs logged on several channels, a story proposed by a school waiting for review,
two schools' info corners, the shared library of digital learning materials (one with a PDF file) and a
study visit between two schools."""

import hashlib
import tempfile
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from thidua.activities.models import Activity, ActivityPartner
from thidua.activities.service import school_year_of
from thidua.auth.models import User
from thidua.communications.models import CommsOutput, CommsPlan, InfoCorner, StoryProposal
from thidua.core.models import today, utcnow
from thidua.materials.models import LearningMaterial
from thidua.materials.service import FOLDER as MATERIALS_FOLDER
from thidua.storage import Storage, content_key
from thidua.units.models import Unit

TARGETS = {
    "radio": 24,
    "portal": 12,
    "social": 36,
    "bulletin": 4,
    "video": 4,
    "conference": 2,
    "school_website": 20,
}
# (channel, month, day, title, url, reach); months of the school year, September first.
OUTPUTS = (
    ("conference", 9, 12, "Hội nghị triển khai Phong trào thi đua chuyển đổi số ngành giáo dục", None, 180),
    (
        "radio",
        9,
        20,
        "Chuyên mục phát thanh: Phong trào thi đua đổi mới sáng tạo trong trường học",
        None,
        3500,
    ),
    (
        "portal",
        10,
        3,
        "Xã Thanh Thủy phát động Phong trào thi đua chuyển đổi số",
        "https://thanhthuy.gov.vn/tin-tuc/phat-dong",
        1240,
    ),
    (
        "social",
        10,
        15,
        "Video ngắn: Lớp học số ở Trường Tiểu học Thanh Thủy",
        "https://facebook.com/thanhthuy/posts/1",
        5600,
    ),
    ("radio", 11, 5, "Tin phát thanh: Lớp bồi dưỡng Bình dân học vụ số cho giáo viên", None, 3200),
    ("bulletin", 11, 20, "Bản tin Phong trào thi đua số 1", None, 400),
)
MATERIALS = (
    (
        "THCS-TT",
        "Bài giảng điện tử: Phân số và các phép tính",
        "Tổ Khoa học tự nhiên - THCS Thanh Thủy",
        "Toán",
        "Lớp 6",
        "cc_by",
        None,
        True,
    ),
    (
        "THCS-TT",
        "Thí nghiệm ảo: Sự nóng chảy và đông đặc",
        "Tổ Khoa học tự nhiên - THCS Thanh Thủy",
        "Khoa học tự nhiên",
        "Lớp 6",
        "cc_by_sa",
        "https://hoclieu.thanhthuy.edu.vn/tn-ao",
        False,
    ),
    (
        "TH-TT",
        "Bộ câu hỏi ôn tập Tiếng Việt trực tuyến",
        "Tổ khối 4-5 - TH Thanh Thủy",
        "Tiếng Việt",
        "Lớp 4",
        "cc_by_nc",
        "https://hoclieu.thanhthuy.edu.vn/tv4",
        False,
    ),
    (
        "MN-DX",
        "Truyện tranh điện tử: Bé học an toàn giao thông",
        "Trường Mầm non Đào Xá",
        "Làm quen với môi trường xung quanh",
        "Mẫu giáo 5-6 tuổi",
        "internal",
        "https://hoclieu.thanhthuy.edu.vn/mn-atgt",
        False,
    ),
)
CORNERS = (
    (
        "THCS-TT",
        "https://thcsthanhthuy.edu.vn/chuyen-muc/phong-trao-thi-dua-chuyen-doi-so",
        "Góc chuyển đổi số",
    ),
    ("TH-TT", "https://ththanhthuy.edu.vn/goc-thong-tin/thi-dua", "Góc thông tin Phong trào thi đua"),
)


def _pdf(text: str) -> bytes:
    """A one-page PDF with one line of ASCII text (enough for a viewer to open)."""
    stream = f"BT /F1 18 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _store(storage: Storage, content: bytes) -> str:
    sha = hashlib.sha256(content).hexdigest()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file"
        path.write_bytes(content)
        storage.put(content_key(MATERIALS_FOLDER, sha), path)
    return sha


def load_communications(session: Session, storage: Storage) -> bool:
    """Adds the demo once; returns whether anything was added."""
    if session.exec(select(CommsPlan.id)).first() is not None:
        return False
    users = {u.login: u for u in session.exec(select(User))}
    units = {u.code: u for u in session.exec(select(Unit))}
    comms, principal = users.get("truyenthong"), users.get("hieutruong.th")
    if comms is None or comms.id is None or principal is None or principal.id is None:
        return False
    year = school_year_of(today())
    start = int(year[:4])
    plan = CommsPlan(
        school_year=year,
        title=f"Kế hoạch truyền thông Phong trào thi đua năm học {year}",
        note="Tuyên truyền trên đài truyền thanh, cổng thông tin điện tử xã và mạng xã hội.",
        targets=TARGETS,
        created_by_id=comms.id,
    )
    session.add(plan)
    session.flush()
    for channel, month, day, title, url, reach in OUTPUTS:
        session.add(
            CommsOutput(
                plan_id=plan.id or 0,
                channel=channel,
                output_date=date(start if month >= 9 else start + 1, month, day),
                title=title,
                url=url,
                reach=reach,
                created_by_id=comms.id,
            )
        )
    session.add(
        StoryProposal(
            unit_id=units["TH-TT"].id or 0,
            title="Cô giáo Thanh Thủy đưa bảng tương tác vào từng giờ học",
            summary="Gương điển hình tiên tiến do Trường Tiểu học Thanh Thủy đề xuất",
            body="Từ đầu năm học, cô đã số hóa toàn bộ bài giảng khối 4.\n\n"
            "Cả tổ chuyên môn cùng dùng chung kho bài giảng của cô.",
            status="submitted",
            submitted_at=utcnow(),
            author_id=principal.id,
        )
    )
    for code, url, title in CORNERS:
        session.add(InfoCorner(unit_id=units[code].id or 0, url=url, title=title, updated_by_id=principal.id))
    for code, title, author, subject, grade, licence, url, with_file in MATERIALS:
        material = LearningMaterial(
            unit_id=units[code].id or 0,
            title=title,
            author=author,
            subject=subject,
            grade=grade,
            licence=licence,
            url=url,
            created_by_id=principal.id,
        )
        if with_file:
            content = _pdf("Phan so va cac phep tinh - Lop 6")
            material.file_sha256 = _store(storage, content)
            material.file_content_type = "application/pdf"
            material.file_size_bytes = len(content)
            material.file_name = "Bài giảng Phân số lớp 6.pdf"
        session.add(material)
    visit = Activity(
        unit_id=units["THCS-DX"].id or 0,
        kind="study_visit",
        title="Tham quan, học tập mô hình lớp học số tại Trường THCS Thanh Thủy",
        activity_date=date(start, 11, 14),
        school_year=year,
        description="Giáo viên THCS Đào Xá dự giờ và trao đổi kinh nghiệm dạy học với bảng tương tác.",
    )
    session.add(visit)
    session.flush()
    session.add(ActivityPartner(activity_id=visit.id or 0, partner_unit_id=units["THCS-TT"].id or 0))
    session.commit()
    return True
