"""Report requests and the units' reports; the consolidated commune report (JSON, DOCX, XLSX)."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

from docx.document import Document as DocumentType
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.auth.models import User
from thidua.auth.policy import Actor
from thidua.awards.texts import in_sentence
from thidua.core.errors import Conflict, FieldError, Invalid, NotFound, ValidationFailed
from thidua.core.models import same_commune, today, utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import where_given
from thidua.documents import charts, decree30
from thidua.documents.spreadsheet import DECIMAL, INTEGER, PERCENT, fit_columns, header, put, put_number
from thidua.dti.service import dti_levels
from thidua.movements import access as movements_access
from thidua.movements.models import Phase
from thidua.movements.service import school_years
from thidua.reports import access
from thidua.reports.figures import unit_figures
from thidua.reports.models import ConsolidatedIssue, Report, ReportRequest, ReportRequestUnit
from thidua.reports.schemas import (
    DEPARTMENT,
    Consolidated,
    ConsolidatedIssueCreate,
    ConsolidatedIssueRead,
    ConsolidatedRow,
    ReportCreate,
    ReportPage,
    ReportRead,
    ReportRequestCreate,
    ReportRequestPage,
    ReportRequestRead,
    ReportRequestUpdate,
    ReportUpdate,
    RequestedUnit,
)
from thidua.units import access as unit_access
from thidua.units.models import Unit
from thidua.webhooks import service as webhooks

KIND_VI = {
    "quarter": "quý",
    "semester": "học kỳ",
    "school_year": "năm học",
    "phase_review": "sơ kết, tổng kết",
    "ad_hoc": "đột xuất",
}


def covered_years(session: Session, request: ReportRequest) -> list[str]:
    """The school years a request reports on: a phase review covers its whole phase."""
    if request.kind == "phase_review" and request.phase_number is not None:
        phase = session.exec(
            select(Phase).where(
                Phase.movement_id == request.movement_id, Phase.number == request.phase_number
            )
        ).first()
        if phase is not None:
            return school_years(phase.start_year, phase.end_year)
    return [request.school_year]


MIN_NOTICE_DAYS = 3  # a school gets at least 3 days to answer a report request


def _check_due(due: date, created: date) -> None:
    if due < created + timedelta(days=MIN_NOTICE_DAYS):
        raise Invalid(
            "body.due_date",
            f"Hạn nộp phải sau ngày tạo yêu cầu ít nhất {MIN_NOTICE_DAYS} ngày "
            f"(từ {created + timedelta(days=MIN_NOTICE_DAYS):%d/%m/%Y}).",
            "too_soon",
        )


def is_late(request: ReportRequest, report: Report | None, on: date) -> bool:
    if report is not None and report.submitted_at is not None:
        return report.submitted_at.date() > request.due_date
    return on > request.due_date


def _asked(session: Session, request_id: int | None) -> list[int]:
    return list(
        session.exec(select(ReportRequestUnit.unit_id).where(ReportRequestUnit.request_id == request_id))
    )


# ---------------------------------------------------------------- requests


def read_request(session: Session, actor: Actor, request: ReportRequest) -> ReportRequestRead:
    assert request.id is not None
    unit_ids = access.asked_in_reach(actor, _asked(session, request.id))
    units = (
        {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_(unit_ids)))} if unit_ids else {}
    )
    reports = {r.unit_id: r for r in session.exec(select(Report).where(Report.request_id == request.id))}
    on = today()
    rows = []
    for unit_id in sorted(unit_ids, key=lambda u: units[u].code if u in units else ""):
        unit, report = units.get(unit_id), reports.get(unit_id)
        rows.append(
            RequestedUnit(
                unit_id=unit_id,
                unit_code=unit.code if unit else "",
                unit_name=unit.name if unit else "",
                report_id=report.id if report else None,
                status=report.status if report else "not_started",
                late=is_late(request, report, on),
            )
        )
    return from_row(
        ReportRequestRead,
        request,
        units=rows,
        submitted_count=sum(1 for r in rows if r.status == "submitted"),
        allowed_actions=access.request_actions(actor),
    )


def list_requests(session: Session, actor: Actor, page: PageParams) -> ReportRequestPage:
    rows, total = paginate(
        session,
        access.readable_requests(actor),
        page,
        col(ReportRequest.due_date).desc(),
        col(ReportRequest.id).desc(),
    )
    return page_of(ReportRequestPage, [read_request(session, actor, r) for r in rows], total, page)


def get_request(session: Session, actor: Actor, request_id: int) -> ReportRequest:
    return access.get_readable_request(session, actor, request_id)


def create_request(session: Session, actor: Actor, data: ReportRequestCreate) -> ReportRequest:
    if movements_access.named(session, actor, data.movement_id) is None:
        raise Invalid("body.movement_id", f"Không tìm thấy phong trào có id {data.movement_id}.", "not_found")
    _check_due(data.due_date, today())
    if data.kind == "phase_review" and data.phase_number is None:
        raise Invalid("body.phase_number", "Báo cáo sơ kết, tổng kết cần chọn giai đoạn.", "missing")
    if (
        data.phase_number is not None
        and session.exec(
            select(Phase.id).where(Phase.movement_id == data.movement_id, Phase.number == data.phase_number)
        ).first()
        is None
    ):
        raise Invalid("body.phase_number", f"Phong trào không có giai đoạn {data.phase_number}.", "not_found")
    problems = []
    for n, unit_id in enumerate(data.unit_ids):
        unit = unit_access.unit_in_reach(session, actor, unit_id)
        if unit is None or unit.kind != "school":
            problems.append(
                FieldError(
                    path=f"body.unit_ids.{n}",
                    message=f"Không có cơ sở giáo dục id {unit_id}.",
                    type="not_school",
                )
            )
    if len(set(data.unit_ids)) != len(data.unit_ids):
        problems.append(FieldError(path="body.unit_ids", message="Đơn vị bị trùng.", type="duplicate"))
    if problems:
        raise ValidationFailed("Danh sách đơn vị chưa hợp lệ.", problems)
    request = ReportRequest(**data.model_dump(exclude={"unit_ids"}), commune_id=actor.commune_id)
    session.add(request)
    session.flush()
    for unit_id in data.unit_ids:
        session.add(ReportRequestUnit(request_id=request.id or 0, unit_id=unit_id))
    audit.record(session, actor, "create", request, None)
    event = {
        "request_id": request.id,
        "movement_id": request.movement_id,
        "kind": request.kind,
        "title": request.title,
        "period_label": request.period_label,
        "school_year": request.school_year,
        "due_date": request.due_date.isoformat(),
        "unit_ids": list(data.unit_ids),
    }
    webhooks.emit(session, "report_request.created", request.commune_id, event)  # commits with it
    session.commit()
    return request


def update_request(
    session: Session, actor: Actor, request: ReportRequest, data: ReportRequestUpdate
) -> ReportRequest:
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    if "due_date" in changes:
        _check_due(changes["due_date"], request.created_at.date())
    return audit.save_changes(session, actor, request, changes, "update")


# ---------------------------------------------------------------- reports


def read_report(session: Session, actor: Actor, report: Report) -> ReportRead:
    assert report.id is not None
    request = session.get(ReportRequest, report.request_id)
    unit = session.get(Unit, report.unit_id)
    assert request is not None
    return ReportRead(
        id=report.id,
        request_id=report.request_id,
        request_title=request.title,
        due_date=request.due_date,
        unit_id=report.unit_id,
        unit_name=unit.name if unit else "",
        status=report.status,
        late=is_late(request, report, today()),
        results=report.results,
        difficulties=report.difficulties,
        proposals=report.proposals,
        figures=report.figures,
        submitted_at=report.submitted_at,
        version=report.version,
        allowed_actions=access.report_actions(actor, report),
        created_at=report.created_at,
        updated_at=report.updated_at,
    )


@dataclass(frozen=True)
class ReportFilters:
    request_id: int | None = None
    unit_id: int | None = None
    status: str | None = None


def list_reports(session: Session, actor: Actor, f: ReportFilters, page: PageParams) -> ReportPage:
    query = access.readable_reports(actor)
    query = where_given(
        query, (Report.request_id, f.request_id), (Report.unit_id, f.unit_id), (Report.status, f.status)
    )
    rows, total = paginate(session, query, page, col(Report.id).desc())
    return page_of(ReportPage, [read_report(session, actor, r) for r in rows], total, page)


def get_report(session: Session, actor: Actor, report_id: int) -> Report:
    return access.get_readable_report(session, actor, report_id)


def create_report(session: Session, actor: Actor, data: ReportCreate) -> Report:
    # A request is a commune document, not another unit's data: name the field instead of hiding it.
    request = access.request_named(session, actor, data.request_id)
    if request is None:
        raise Invalid("body.request_id", f"Không tìm thấy yêu cầu báo cáo id {data.request_id}.", "not_found")
    unit_id = data.unit_id or actor.user.unit_id
    if unit_id is None or not access.writes_for(actor, unit_id):
        raise Invalid("body.unit_id", "Chỉ thủ trưởng đơn vị lập báo cáo của đơn vị mình.", "not_allowed")
    if unit_id not in _asked(session, request.id):
        raise Invalid(
            "body.unit_id", "Đơn vị này không nằm trong danh sách được yêu cầu báo cáo.", "not_asked"
        )
    existing = session.exec(
        select(Report.id).where(Report.request_id == request.id, Report.unit_id == unit_id)
    ).first()
    if existing is not None:
        raise Conflict(f"Đơn vị đã có báo cáo #{existing} cho yêu cầu này.")
    report = Report(
        request_id=request.id or 0,
        unit_id=unit_id,
        figures=unit_figures(session, unit_id, covered_years(session, request)),
    )
    session.add(report)
    session.flush()
    audit.record(session, actor, "create", report, None)
    session.commit()
    return report


def update_report(session: Session, actor: Actor, report: Report, data: ReportUpdate) -> Report:
    access.require(actor, report, "update")
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    return audit.save_changes(session, actor, report, changes, "update")


def refresh_figures(session: Session, actor: Actor, report: Report) -> Report:
    access.require(actor, report, "refresh_figures")
    request = session.get(ReportRequest, report.request_id)
    assert request is not None
    figures = unit_figures(session, report.unit_id, covered_years(session, request))
    return audit.save_changes(session, actor, report, {"figures": figures}, "refresh_figures")


def submit_report(session: Session, actor: Actor, report: Report) -> Report:
    access.require(actor, report, "submit")
    if not report.results.strip():
        raise Invalid("body.results", "Cần nêu kết quả đạt được trước khi nộp báo cáo.", "missing")
    request = session.get(ReportRequest, report.request_id)
    assert request is not None
    figures = unit_figures(
        session, report.unit_id, covered_years(session, request)
    )  # the figures as of submission
    data = {"report_id": report.id, "request_id": request.id, "request_title": request.title}
    event = {**data, "period_label": request.period_label, "school_year": request.school_year}
    webhooks.emit(session, "report.submitted", report.unit_id, {**event, "status": "submitted"})
    return audit.save_changes(
        session,
        actor,
        report,
        {"status": "submitted", "submitted_at": utcnow(), "figures": figures},
        "submit",
    )


# ---------------------------------------------------------------- the consolidated report


def consolidated(session: Session, actor: Actor, request: ReportRequest) -> Consolidated:
    """The commune's consolidated report as it stands now: every school's figures are taken live from
    the system (a school verified after it reported shows its result), the texts from the reports
    submitted. Issuing it (`issue_consolidated`) freezes a copy."""
    summary = read_request(session, actor, request)
    reports = {r.unit_id: r for r in session.exec(select(Report).where(Report.request_id == request.id))}
    years = covered_years(session, request)
    levels = dti_levels(session, [u.unit_id for u in summary.units], request.school_year)
    rows = []
    for unit in summary.units:
        report = reports.get(unit.unit_id)
        submitted = report is not None and report.status == "submitted"
        rows.append(
            ConsolidatedRow(
                unit_id=unit.unit_id,
                unit_code=unit.unit_code,
                unit_name=unit.unit_name,
                status=unit.status,
                late=unit.late,
                figures=unit_figures(session, unit.unit_id, years),
                difficulties=report.difficulties if report and submitted else "",
                proposals=report.proposals if report and submitted else "",
                dti_levels=levels.get(unit.unit_id, ""),
            )
        )
    scored = [r.figures["completion_percent"] for r in rows if r.figures.get("completion_percent")]
    completions = [Decimal(c) for c in scored]
    totals = {
        "units_asked": len(rows),
        "reports_submitted": sum(1 for r in rows if r.status == "submitted"),
        "reports_late": sum(1 for r in rows if r.late),
        "reports_submitted_late": sum(1 for r in rows if r.status == "submitted" and r.late),
        "reports_missing": sum(1 for r in rows if r.status != "submitted"),
        "activities": sum(sum(r.figures.get("activities", {}).values()) for r in rows),
        "plans_approved": sum(1 for r in rows if r.figures.get("plan_status") == "approved"),
        "units_with_scorecard": len(completions),
        # Reports taken before research support was recorded have no such figures: they count 0.
        "research_supports": sum(_support(r, "supports") for r in rows),
        "research_support_hours": str(sum((Decimal(str(_support(r, "hours"))) for r in rows), Decimal(0))),
        "research_support_money": sum(int(_support(r, "money")) for r in rows),
        "average_completion_percent": str(
            (sum(completions, Decimal(0)) / len(completions)).quantize(Decimal("0.01"))
        )
        if completions
        else None,
    }
    return Consolidated(request=summary, rows=rows, totals=totals)


def _issue_read(session: Session, issue: ConsolidatedIssue) -> ConsolidatedIssueRead:
    assert issue.id is not None
    by = session.get(User, issue.issued_by_id)
    return ConsolidatedIssueRead(
        id=issue.id,
        request_id=issue.request_id,
        sequence=issue.sequence,
        number=issue.number,
        number_line=f"{issue.number}/BC-UBND",
        issued_on=issue.issued_on,
        signer=issue.signer,
        signer_title=issue.signer_title,
        recipient=issue.recipient,
        sent_at=issue.sent_at,
        issued_by_name=by.full_name if by else "",
        totals=dict(issue.content.get("totals", {})),
    )


def issued_versions(session: Session, request: ReportRequest) -> list[ConsolidatedIssueRead]:
    rows = session.exec(
        select(ConsolidatedIssue)
        .where(ConsolidatedIssue.request_id == request.id)
        .order_by(col(ConsolidatedIssue.sequence))
    )
    return [_issue_read(session, r) for r in rows]


def get_issue(session: Session, request: ReportRequest, sequence: int) -> ConsolidatedIssue:
    issue = session.exec(
        select(ConsolidatedIssue).where(
            ConsolidatedIssue.request_id == request.id, ConsolidatedIssue.sequence == sequence
        )
    ).first()
    if issue is None:
        raise NotFound(f"Báo cáo tổng hợp chưa ban hành lần {sequence}.")
    return issue


def issue_consolidated(
    session: Session, actor: Actor, request: ReportRequest, data: ConsolidatedIssueCreate
) -> ConsolidatedIssueRead:
    """Issues the consolidated report as it stands: a numbered, dated, signed version with its figures
    frozen, recorded as sent to the Department now. Issuing again makes a new version (a correction);
    earlier ones stay readable."""
    if data.issued_on > today():
        raise Invalid("body.issued_on", "Ngày ban hành không được ở tương lai.", "future")
    # Numbering is the commune's own ("<số>/BC-UBND" of its People's Committee).
    used = session.exec(
        select(ConsolidatedIssue)
        .join(ReportRequest, col(ReportRequest.id) == ConsolidatedIssue.request_id)
        .where(
            ConsolidatedIssue.number == data.number,
            same_commune(ReportRequest.commune_id, request.commune_id),
        )
    ).all()
    if any(u.issued_on.year == data.issued_on.year for u in used):
        raise Invalid(
            "body.number",
            f"Số {data.number}/BC-UBND đã dùng cho một báo cáo tổng hợp ban hành năm {data.issued_on.year}.",
            "duplicate",
        )
    content = consolidated(session, actor, request)
    if content.totals["reports_submitted"] == 0:
        raise Conflict("Chưa có đơn vị nào nộp báo cáo: chưa thể ban hành báo cáo tổng hợp.")
    last = session.exec(
        select(ConsolidatedIssue.sequence)
        .where(ConsolidatedIssue.request_id == request.id)
        .order_by(col(ConsolidatedIssue.sequence).desc())
    ).first()
    issue = ConsolidatedIssue(
        request_id=request.id or 0,
        sequence=(last or 0) + 1,
        number=data.number,
        issued_on=data.issued_on,
        signer=data.signer,
        signer_title=data.signer_title,
        recipient=data.recipient,
        sent_at=utcnow(),
        issued_by_id=actor.id,
        content=content.model_dump(mode="json"),
    )
    session.add(issue)
    session.flush()
    audit.record(session, actor, "issue", issue, None)
    session.commit()
    return _issue_read(session, issue)


def issued_docx(issue: ConsolidatedIssue) -> bytes:
    data = Consolidated.model_validate(issue.content)
    return consolidated_docx(
        data, issue.number, issue.signer, issue.issued_on, issue.signer_title, issue.recipient
    )


def issued_xlsx(issue: ConsolidatedIssue) -> bytes:
    return consolidated_xlsx(Consolidated.model_validate(issue.content))


def _support(row: ConsolidatedRow, key: str) -> Any:
    return (row.figures.get("research_support") or {}).get(key, 0)


FIGURE_COLUMNS = [
    "TT",
    "Đơn vị",
    "Kế hoạch",
    "Nhiệm vụ xong/tổng",
    "Hoạt động",
    "CB được bồi dưỡng (%)",
    "Điểm xác nhận",
    "Xếp loại",
    "Báo cáo",
]
# The annex's last column: each school's QĐ 4725 level per group of the request's school year.
DTI_COLUMN = "Mức CĐS (QĐ 4725)"
PLAN_STATUS_VI = {
    "draft": "Đang soạn",
    "submitted": "Đã nộp",
    "returned": "Trả lại",
    "approved": "Đã duyệt",
    None: "Chưa lập",
}
REPORT_STATUS_VI = {"not_started": "Chưa lập", "draft": "Chưa nộp", "submitted": "Đã nộp"}


def figure_row(n: int, row: ConsolidatedRow) -> list[Any]:
    f = row.figures
    report = REPORT_STATUS_VI[row.status] + (" (muộn)" if row.late else "")
    return [
        n,
        row.unit_name,
        PLAN_STATUS_VI.get(f.get("plan_status"), "Chưa lập"),
        f"{f.get('tasks_done', 0)}/{f.get('tasks_total', 0)}",
        sum(f.get("activities", {}).values()),
        f.get("trained_staff_percent"),
        f.get("verified_total") or "—",
        f.get("classification_label") or "—",
        report,
    ]


def period_phrase(request: ReportRequestRead) -> str:
    """What the report is about, with its number: "học kỳ I năm học 2025-2026", "quý IV/2026 năm học
    2025-2026"; the kind alone ("học kỳ") only when the request has no period label."""
    label = request.period_label.strip()
    if not label:
        return f"{KIND_VI[request.kind]} năm học {request.school_year}"
    label = in_sentence(label)
    return label if "năm học" in label.lower() else f"{label} năm học {request.school_year}"


def consolidated_docx(
    data: Consolidated,
    number: str,
    signer: str,
    issued_on: date,
    signer_title: str = "Phó Chủ tịch",
    recipient: str = DEPARTMENT,
) -> bytes:
    request = data.request
    # "Báo cáo sơ kết, giai đoạn 1 (2025 - 2027)": the period after a comma, never inside brackets.
    period = in_sentence(request.period_label.strip())
    head = decree30.Letterhead(
        issuing_body=("ỦY BAN NHÂN DÂN", "XÃ THANH THỦY"),
        number_line=f"Số: {number}/BC-UBND",
        place="Thanh Thủy",
        issued_on=issued_on,
        kind="BÁO CÁO",
        title=decree30.without_doubled_words(decree30.joined(request.title, period)),
        recipients=[
            f"- {recipient};",
            "- Thường trực Đảng ủy, HĐND xã;",
            "- Chủ tịch, các Phó Chủ tịch UBND xã;",
            "- Các cơ sở giáo dục trên địa bàn xã;",
            "- Lưu: VT, VHXH.",
        ],
        authority=decree30.signature_authority("ỦY BAN NHÂN DÂN", "Chủ tịch", signer_title),
        signer=signer,
    )

    def body(doc: DocumentType) -> None:
        t = data.totals
        decree30.paragraph(
            doc,
            f"Thực hiện Kế hoạch tổ chức Phong trào thi đua phát triển khoa học công nghệ, đổi mới "
            f"sáng tạo và chuyển đổi số ngành giáo dục và đào tạo xã Thanh Thủy, UBND xã báo cáo "
            f"kết quả {period_phrase(request)} như sau:",
            first_line_indent=10,
        )
        decree30.paragraph(doc, "I. KẾT QUẢ ĐẠT ĐƯỢC", bold=True)
        decree30.paragraph(
            doc,
            f"1. Có {t['reports_submitted']}/{t['units_asked']} cơ sở giáo dục nộp báo cáo "
            f"({t['reports_submitted_late']} đơn vị nộp muộn, {t['reports_missing']} đơn vị chưa nộp); "
            f"{t['plans_approved']} đơn vị có kế hoạch thực hiện được duyệt; tổng số {t['activities']} "
            f"hoạt động của Phong trào được tổ chức; {_average(t)}.",
            first_line_indent=10,
        )
        if t.get("research_supports"):  # seed V.4.2, said only when a school recorded support
            hours = float(t["research_support_hours"])
            decree30.paragraph(
                doc,
                f"2. Hỗ trợ nghiên cứu khoa học, sáng kiến của giáo viên: {t['research_supports']} lượt hỗ "
                f"trợ, {decree30.vn_number(hours, 0 if hours.is_integer() else 2)} giờ, kinh phí "
                f"{decree30.vn_number(t['research_support_money'])} đồng.",
                first_line_indent=10,
            )
        number = 3 if t.get("research_supports") else 2
        decree30.paragraph(doc, f"{number}. Số liệu của các đơn vị:", first_line_indent=10)
        decree30.table(
            doc,
            FIGURE_COLUMNS,
            [[_vn_cell(v) for v in figure_row(n, r)] for n, r in enumerate(data.rows, start=1)],
            size=11,
        )
        leveled = [r for r in data.rows if r.dti_levels]
        if leveled:
            number += 1
            decree30.paragraph(
                doc,
                f"{number}. Mức độ chuyển đổi số theo Quyết định số 4725/QĐ-BGDĐT "
                f"năm học {request.school_year} "
                "(nhóm I: dạy, học; nhóm II: quản trị): "
                + "; ".join(f"{r.unit_name} ({r.dti_levels})" for r in leveled)
                + ".",
                first_line_indent=10,
            )
        figures = report_charts(data)
        if figures:
            number += 1
            decree30.paragraph(
                doc, f"{number}. Biểu đồ (số liệu của mỗi biểu đồ ở bảng bên cạnh):", first_line_indent=10
            )
            for i, figure in enumerate(figures, start=1):
                decree30.figure_with_table(
                    doc,
                    f"Biểu đồ {i}. {figure.chart.title}",
                    charts.bar_chart(figure.chart),
                    figure.headers,
                    figure.rows,
                )
        decree30.paragraph(doc, "II. KHÓ KHĂN, VƯỚNG MẮC", bold=True)
        _by_unit(doc, [(r.unit_name, r.difficulties) for r in data.rows])
        decree30.paragraph(doc, "III. ĐỀ XUẤT, KIẾN NGHỊ", bold=True)
        _by_unit(doc, [(r.unit_name, r.proposals) for r in data.rows])
        decree30.paragraph(doc, "Trên đây là báo cáo của UBND xã Thanh Thủy./.", first_line_indent=10)

    return decree30.build(head, body)


@dataclass(frozen=True)
class ReportChart:
    """A chart of the consolidated report and the table of its numbers printed beside it."""

    chart: charts.Bars
    headers: tuple[str, str]
    rows: list[tuple[str, str]]


# Beyond this many schools a chart per school would not fit the page: the table above has them all.
MAX_CHART_UNITS = 25


def _counted(title: str, header: str, counts: dict[str, int]) -> ReportChart:
    return ReportChart(
        charts.Bars(title, list(counts), [float(v) for v in counts.values()]),
        (header, "Số đơn vị"),
        [(label, decree30.vn_number(v)) for label, v in counts.items()],
    )


def report_charts(data: Consolidated) -> list[ReportChart]:
    """The figures of the commune's dashboard that the report holds, as charts (issue 18.7): report
    submission, plans, classification and each school's completion against the commune's average. Only
    the charts the data can fill: no classification chart before any scorecard, no per-school chart
    beyond MAX_CHART_UNITS schools."""
    t, rows = data.totals, data.rows
    if not rows:
        return []
    out = [
        _counted(
            "Tình hình nộp báo cáo",
            "Báo cáo",
            {
                "Nộp đúng hạn": t["reports_submitted"] - t["reports_submitted_late"],
                "Nộp muộn": t["reports_submitted_late"],
                "Chưa nộp": t["reports_missing"],
            },
        )
    ]
    plans: dict[str, int] = {}
    for status in ("approved", "submitted", "returned", "draft", None):
        count = sum(1 for r in rows if r.figures.get("plan_status") == status)
        if count:
            plans[PLAN_STATUS_VI[status]] = count
    if plans:
        out.append(_counted("Kế hoạch thực hiện của các đơn vị", "Kế hoạch", plans))
    classes: dict[str, int] = {}
    for r in rows:
        label = r.figures.get("classification_label")
        if label:
            classes[label] = classes.get(label, 0) + 1
    if classes:
        unclassified = len(rows) - sum(classes.values())
        if unclassified:
            classes["Chưa xếp loại"] = unclassified
        out.append(_counted("Xếp loại theo bảng điểm", "Xếp loại", classes))
    scored = [
        (r.unit_name, float(r.figures["completion_percent"]))
        for r in rows
        if r.figures.get("completion_percent")
    ]
    if scored and len(scored) <= MAX_CHART_UNITS:
        average = t.get("average_completion_percent")
        out.append(
            ReportChart(
                charts.Bars(
                    "Mức hoàn thành theo bảng điểm (%)",
                    [name for name, _ in scored],
                    [value for _, value in scored],
                    places=2,
                    suffix="%",
                    reference=float(average) if average is not None else None,
                    reference_label="Bình quân",
                    maximum=100,
                ),
                ("Đơn vị", "Hoàn thành (%)"),
                [(name, decree30.vn_number(value, 2)) for name, value in scored]
                + (
                    [("Bình quân của xã", decree30.vn_number(float(average), 2))]
                    if average is not None
                    else []
                ),
            )
        )
    return out


def _average(t: dict[str, Any]) -> str:
    if t["average_completion_percent"] is None:
        return "tỷ lệ hoàn thành bình quân không tính được vì không đơn vị nào có bảng điểm"
    return (
        f"tỷ lệ hoàn thành bình quân theo bảng điểm chuẩn của {t['units_with_scorecard']}/{t['units_asked']} "
        f"đơn vị có bảng điểm: {decree30.vn_number(float(t['average_completion_percent']), 2)}%"
    )


def _vn_cell(value: object) -> object:
    """Decimals as a Vietnamese reader writes them (86,67); a missing figure as a dash."""
    if value is None:
        return "—"
    if isinstance(value, float) or (isinstance(value, str) and re.fullmatch(r"-?\d+\.\d+", value)):
        return decree30.vn_number(float(value), 2)
    return value


def _by_unit(doc: DocumentType, items: list[tuple[str, str]]) -> None:
    written = [(name, text) for name, text in items if text.strip()]
    if not written:
        decree30.paragraph(doc, "Các đơn vị không nêu nội dung này.", italic=True, first_line_indent=10)
    for name, text in written:
        decree30.paragraph(doc, f"- {name}: {text.strip()}", first_line_indent=10)


# The annex's number columns (1-based, as FIGURE_COLUMNS): order, activities, trained staff (%), points.
_ANNEX_FORMATS = {1: INTEGER, 5: INTEGER, 6: PERCENT, 7: DECIMAL}


def consolidated_xlsx(data: Consolidated) -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Số liệu các đơn vị"
    put(ws, 1, 1, f"Phụ lục: {data.request.title} — năm học {data.request.school_year}")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    header(ws, 3, [*FIGURE_COLUMNS, "Khó khăn", "Đề xuất", DTI_COLUMN])
    for r, row in enumerate(data.rows, start=4):
        cells = [*figure_row(r - 3, row), row.difficulties, row.proposals, row.dti_levels or "—"]
        for c, value in enumerate(cells, start=1):
            # Figures are numbers Excel can sum, shown 86,67 / 86,67% in a Vietnamese Excel.
            if c in _ANNEX_FORMATS:
                put_number(ws, r, c, value, _ANNEX_FORMATS[c])
            else:
                put(ws, r, c, value)
    fit_columns(ws, from_row=3)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
