"""Báo cáo thành tích: a nominee's achievement report, generated from the system's data as an editable
DOCX for the hồ sơ the commune sends with its Tờ trình (seed III.2).

Source of the layout: Decree 98/2023/NĐ-CP (detailing the Law on Emulation and Commendation 2022),
Phụ lục I, the forms of "báo cáo thành tích": Mẫu số 02 for a collective proposed for a province's Bằng
khen (thuvienphapluat.vn, "Mẫu Báo cáo thành tích tập thể đề nghị UBND tỉnh tặng Bằng khen"), the
individual's form beside it, and the form for awards by campaign ("theo đợt thi đua hoặc theo chuyên
đề"), which is what a review of the movement (sơ kết 2027, tổng kết 2030) proposes. What the forms fix
and this report follows:
- the letterhead: the body above (UBND xã) and the nominee's unit on the left, the national motto and
  "<place>, ngày … tháng … năm …" on the right;
- "BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG <award>", for a campaign "(Về thành tích xuất sắc trong <the
  movement>, <period>)", then the unit's name, or the person's name, position and unit, written in full;
- I. THÔNG TIN CHUNG: for a collective its seat, staff and head; for a person the form's lines (date of
  birth, gender, home town, residence, unit, position, qualifications, titles), those the system does
  not hold left as dotted lines to fill in before signing;
- II. THÀNH TÍCH ĐẠT ĐƯỢC (here: the verified scorecards of the round's school years, recognised
  initiatives, the movement's activities, the summary the school wrote);
- III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG: 1. the emulation titles (danh hiệu thi đua), which the system
  does not record, as the form's table with a line to fill in; 2. the awards: year, award, "số, ngày,
  tháng, năm của quyết định; cơ quan ban hành";
- two signatures: a collective's head ("(Ký, đóng dấu)") with the direct superior's "nhận xét, xác nhận"
  beside it; a person's own ("NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)") with the head of the
  unit's "xác nhận, đề nghị".
The school edits the wording in Word before signing; the figures come from the database."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from sqlmodel import Session, col, func, select

from thidua.activities.models import ACTIVITY_KIND_LABELS_VI, Activity, Attendance
from thidua.assessments.models import ScorecardSnapshot, SelfAssessment
from thidua.auth.policy import descendant_unit_ids
from thidua.awards.models import Achievement, AwardRound, AwardType, Nomination
from thidua.awards.subjects import school_of, subject_key
from thidua.awards.texts import COMMUNE, PLACE, merit_phrase
from thidua.documents import decree30
from thidua.initiatives.models import RECOGNITION_LEVEL_LABELS_VI, Initiative, InitiativeAuthor
from thidua.movements.models import Movement
from thidua.steering.heads import is_head
from thidua.units.models import StaffMember, Unit

ACTIVITY_LABELS = {k.value: v for k, v in ACTIVITY_KIND_LABELS_VI.items()}
RECOGNITION_LABELS = {k.value: v for k, v in RECOGNITION_LEVEL_LABELS_VI.items()}


@dataclass(frozen=True)
class ReportData:
    """Everything the report prints, gathered from the database."""

    award: str  # "Bằng khen của Chủ tịch UBND tỉnh"
    merit: str  # "thành tích xuất sắc trong phong trào thi đua …, sơ kết giai đoạn 2025-2027"
    address: str  # the school's seat ("" when not recorded)
    school: str
    subject: str  # the school's name, or the person's
    position: str  # the person's position ("" for a collective)
    collective: bool
    staff_count: int  # a collective's active staff
    head_name: str  # the school's head, "" when none is recorded
    scores: Sequence[tuple[str, str, str, str]]  # year, total, completion %, classification
    initiatives: Sequence[tuple[str, str, str, str]]  # year, title, level, decision
    activities: Sequence[tuple[str, str, int]]  # year, kind, count
    awards: Sequence[tuple[str, str, str]]  # year, award, "decision number, date; issuer"
    summary: str
    today: date


def _scores(session: Session, key: str, years: list[str]) -> list[tuple[str, str, str, str]]:
    rows = session.exec(
        select(SelfAssessment.school_year, ScorecardSnapshot)
        .join(ScorecardSnapshot, col(ScorecardSnapshot.assessment_id) == SelfAssessment.id)
        .where(
            SelfAssessment.subject_key == key,
            SelfAssessment.status == "verified",
            col(SelfAssessment.school_year).in_(years),
        )
        .order_by(col(SelfAssessment.school_year), col(SelfAssessment.id))
    ).all()
    latest = {year: snap for year, snap in rows}  # the latest verified assessment of each year
    return [
        (
            year,
            decree30.vn_number(float(snap.verified_total), 2),
            f"{decree30.vn_number(float(snap.completion_percent), 2)}%",
            str(snap.scorecard.get("classification_label") or snap.classification_code),
        )
        for year, snap in sorted(latest.items())
    ]


def _initiatives(
    session: Session, unit_id: int, staff_id: int | None, years: list[str]
) -> list[tuple[str, str, str, str]]:
    query = select(Initiative).where(
        col(Initiative.recognition_level).is_not(None), col(Initiative.school_year).in_(years)
    )
    if staff_id:
        query = query.join(InitiativeAuthor, col(InitiativeAuthor.initiative_id) == Initiative.id).where(
            InitiativeAuthor.staff_id == staff_id
        )
    else:
        query = query.where(col(Initiative.unit_id).in_(descendant_unit_ids(session, unit_id)))
    rows = session.exec(query.order_by(col(Initiative.school_year), col(Initiative.id))).all()
    return [
        (
            i.school_year,
            i.title,
            RECOGNITION_LABELS.get(i.recognition_level or "", i.recognition_level or ""),
            " ngày ".join(
                filter(
                    None,
                    (i.recognition_decision, f"{i.recognition_date:%d/%m/%Y}" if i.recognition_date else ""),
                )
            ),
        )
        for i in rows
    ]


def _activities(
    session: Session, unit_id: int, staff_id: int | None, years: list[str]
) -> list[tuple[str, str, int]]:
    """A person's activities attended, or the activities a school held, counted by year and kind."""
    query = select(Activity.school_year, Activity.kind, func.count()).where(
        col(Activity.school_year).in_(years)
    )
    if staff_id:
        query = query.join(Attendance, col(Attendance.activity_id) == Activity.id).where(
            Attendance.staff_id == staff_id, col(Attendance.completed).is_(True)
        )
    else:
        query = query.where(col(Activity.unit_id).in_(descendant_unit_ids(session, unit_id)))
    rows = session.exec(query.group_by(Activity.school_year, Activity.kind)).all()
    return [(year, ACTIVITY_LABELS.get(kind, kind), int(count)) for year, kind, count in sorted(rows)]


def _awards(session: Session, unit_id: int, staff_id: int | None) -> list[tuple[str, str, str]]:
    query = select(Achievement)
    if staff_id:
        query = query.where(Achievement.staff_id == staff_id)
    else:
        query = query.where(Achievement.unit_id == unit_id, col(Achievement.staff_id).is_(None))
    rows = session.exec(query.order_by(col(Achievement.school_year), col(Achievement.decision_date))).all()
    return [
        (
            a.school_year,
            a.award_name,
            f"Quyết định số {a.decision_number} ngày {a.decision_date:%d/%m/%Y}; {a.issuer}",
        )
        for a in rows
    ]


def _head_name(session: Session, school_id: int) -> str:
    staff = session.exec(
        select(StaffMember)
        .where(StaffMember.unit_id == school_id, col(StaffMember.is_active).is_(True))
        .order_by(col(StaffMember.id))
    ).all()
    return next((s.full_name for s in staff if is_head(session, s)), "")


def gather(session: Session, n: Nomination, today: date) -> ReportData:
    rnd = session.get(AwardRound, n.round_id)
    t = session.get(AwardType, n.award_type_id)
    assert rnd is not None and t is not None
    school_id = school_of(session, n.unit_id)
    school = session.get(Unit, school_id)
    staff = session.get(StaffMember, n.staff_id) if n.staff_id else None
    years = list(rnd.school_years)
    staff_count = 0
    if staff is None:
        staff_count = int(
            session.exec(
                select(func.count()).where(
                    col(StaffMember.unit_id).in_(descendant_unit_ids(session, n.unit_id)),
                    col(StaffMember.is_active).is_(True),
                )
            ).one()
        )
    movement = session.get(Movement, rnd.movement_id)
    return ReportData(
        award=t.name,
        merit=merit_phrase(rnd.kind, years, movement.title if movement else "", rnd.reason),
        address=(school.address or "") if school else "",
        school=school.name if school else "",
        subject=staff.full_name if staff else (school.name if school else ""),
        position=staff.position if staff else "",
        collective=staff is None,
        staff_count=staff_count,
        head_name=_head_name(session, school_id),
        scores=_scores(session, subject_key(n.unit_id, n.staff_id), years),
        initiatives=_initiatives(session, n.unit_id, n.staff_id, years),
        activities=_activities(session, n.unit_id, n.staff_id, years),
        awards=_awards(session, n.unit_id, n.staff_id),
        summary=n.justification,
        today=today,
    )


def _section(doc: DocumentType, text: str) -> None:
    decree30.paragraph(doc, text, bold=True, space_after=6)


def _table_or(
    doc: DocumentType,
    headers: Sequence[str],
    widths: Sequence[float],
    rows: Sequence[Sequence[object]],
    none: str,
) -> None:
    if rows:
        decree30.table(doc, headers, [[i, *row] for i, row in enumerate(rows, 1)], widths=widths)
    else:
        decree30.paragraph(doc, none, italic=True, first_line_indent=10)


# A line of the form the system holds no data for, to fill in before signing.
BLANK = "……………………"


def _body(doc: DocumentType, r: ReportData) -> None:
    decree30.paragraph(doc, f"(Về {r.merit})", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    named = r.subject if r.collective else ", ".join(filter(None, (r.subject, r.position, r.school)))
    decree30.paragraph(doc, named, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _section(doc, "I. THÔNG TIN CHUNG")
    if r.collective:
        lines = [
            f"- Tên đơn vị: {r.school}, {COMMUNE}.",
            f"- Địa điểm trụ sở chính: {r.address or BLANK}.",
            f"- Tổng số cán bộ, giáo viên, nhân viên: {r.staff_count}.",
        ]
        if r.head_name:
            lines.append(f"- Người đứng đầu: {r.head_name}.")
    else:
        lines = [
            f"- Họ và tên: {r.subject}.",
            f"- Sinh ngày, tháng, năm: {BLANK}",
            f"- Giới tính: {BLANK}",
            f"- Quê quán: {BLANK}",
            f"- Trú quán: {BLANK}",
            f"- Đơn vị công tác: {r.school}, {COMMUNE}.",
            f"- Chức vụ (Đảng, chính quyền, đoàn thể): {r.position or BLANK}",
            f"- Trình độ chuyên môn, nghiệp vụ: {BLANK}",
            f"- Học hàm, học vị, danh hiệu, giải thưởng: {BLANK}",
        ]
    for line in lines:
        decree30.paragraph(doc, line, first_line_indent=10)
    _section(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    decree30.paragraph(doc, "1. Kết quả đánh giá theo bộ tiêu chí thi đua (đã xác nhận)", italic=True)
    _table_or(
        doc,
        ["STT", "Năm học", "Tổng điểm", "Mức hoàn thành", "Xếp loại"],
        (12, 28, 28, 35, 62),
        r.scores,
        "Không có bảng điểm đã xác nhận trong các năm học của đợt.",
    )
    decree30.paragraph(doc, "2. Sáng kiến, giải pháp, đề tài được công nhận", italic=True)
    _table_or(
        doc,
        ["STT", "Năm học", "Tên sáng kiến", "Cấp công nhận", "Quyết định"],
        (12, 26, 62, 32, 33),
        r.initiatives,
        "Không có sáng kiến được công nhận trong các năm học của đợt.",
    )
    decree30.paragraph(
        doc,
        "3. Hoạt động của Phong trào " + ("đã tham gia" if not r.collective else "đơn vị đã tổ chức"),
        italic=True,
    )
    _table_or(
        doc,
        ["STT", "Năm học", "Hoạt động", "Số lần"],
        (12, 28, 100, 25),
        r.activities,
        "Không có hoạt động được ghi nhận trong các năm học của đợt.",
    )
    decree30.paragraph(doc, "4. Tóm tắt thành tích", italic=True)
    for line in filter(None, (part.strip() for part in r.summary.splitlines())):
        decree30.paragraph(doc, line, first_line_indent=10)
    _section(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    # The form's two tables. The system records awards, not emulation titles: the titles' table is
    # printed with a line to fill in before signing, so the report keeps the form's layout.
    decree30.paragraph(doc, "1. Danh hiệu thi đua", italic=True)
    decree30.table(
        doc,
        [
            "STT",
            "Năm học",
            "Danh hiệu thi đua",
            "Số, ngày, tháng, năm của quyết định công nhận; cơ quan ban hành",
        ],
        [[1, "…………", BLANK, BLANK]],  # a short line in the narrow year column: one line, not two
        widths=(12, 26, 55, 72),
    )
    decree30.paragraph(doc, "2. Hình thức khen thưởng", italic=True)
    _table_or(
        doc,
        [
            "STT",
            "Năm học",
            "Hình thức khen thưởng",
            "Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định",
        ],
        (12, 26, 55, 72),
        r.awards,
        "Không có hình thức khen thưởng được ghi nhận trên hệ thống.",
    )


# Where no head of school is recorded, the name is written by hand when signing.
UNSIGNED = "(Ký, ghi rõ họ tên)"


def report_docx(r: ReportData) -> bytes:
    if r.collective:  # the school's head reports; the commune, its direct superior, confirms
        authority: Sequence[str] = ("HIỆU TRƯỞNG", "(Ký, đóng dấu)")
        signer = r.head_name or UNSIGNED
        superior = ("NHẬN XÉT, XÁC NHẬN CỦA", f"UBND {COMMUNE.upper()}", "(Ký, đóng dấu)")
        cosigner: tuple[Sequence[str], str] = (superior, " ")
    else:  # the person reports; the school's head confirms and proposes
        authority, signer = ("NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)"), r.subject
        cosigner = (("HIỆU TRƯỞNG", "XÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)"), r.head_name or " ")
    head = decree30.Letterhead(
        issuing_body=(f"UBND {COMMUNE.upper()}", r.school.upper()),
        number_line=" ",
        place=PLACE,
        issued_on=r.today,
        kind="BÁO CÁO THÀNH TÍCH",
        title=decree30.without_doubled_words(f"ĐỀ NGHỊ TẶNG {r.award.upper()}"),
        recipients=(),
        authority=authority,
        signer=signer,
        cosigner=cosigner,
    )
    return decree30.build(head, lambda doc: _body(doc, r))


def report_filename(r: ReportData) -> str:
    return f"bao-cao-thanh-tich-{r.subject}.docx"
