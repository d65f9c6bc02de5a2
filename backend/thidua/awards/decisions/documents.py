"""The decision documents: decision (Quyết định) with its annex, and proposal to the province (Tờ trình)
with an XLSX list. Layout of Decree 30/2020. The council's minutes are in councils/minutes.py, the
certificate in certificates.py."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from io import BytesIO

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Font

from thidua.awards.texts import COMMUNE, COMMUNE_BODY, PLACE, PROVINCE, in_sentence
from thidua.documents import decree30
from thidua.documents.spreadsheet import header, put

LAW_BASIS = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Thi đua, khen thưởng;",
)


@dataclass(frozen=True)
class Issuer:
    """Who issues a decision, and the text that follows from it: the commune's People's Committee
    (collective leadership, its chairman signs) or a school (its head signs). Chosen from the
    decision's issuer, so a school's decision never carries the commune's legal bases or offices."""

    body: tuple[str, ...]  # the issuing body's lines in the letterhead
    authority: str  # "Chủ tịch Ủy ban nhân dân xã Thanh Thủy", "Hiệu trưởng Trường THCS A"
    collective: str | None  # "ỦY BAN NHÂN DÂN" (TM.), None where one head leads
    head: str  # "Chủ tịch", "Hiệu trưởng"
    legal_basis: tuple[str, ...]
    proposer: str
    executors: str  # who carries the decision out (Article 3)
    recipients: tuple[str, ...]


def commune_issuer() -> Issuer:
    return Issuer(
        body=COMMUNE_BODY,
        authority=f"Chủ tịch Ủy ban nhân dân {COMMUNE}",
        collective="ỦY BAN NHÂN DÂN",
        head="Chủ tịch",
        legal_basis=("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", *LAW_BASIS),
        proposer="Hội đồng Thi đua - Khen thưởng xã và Trưởng phòng Văn hóa - Xã hội",
        executors="Văn phòng HĐND và UBND, Phòng Văn hóa - Xã hội, các đơn vị và cá nhân có tên tại Điều 1",
        recipients=("- Như Điều 3;", "- Lưu: VT, VHXH."),
    )


def school_issuer(school: str) -> Issuer:
    return Issuer(
        body=(f"UBND {COMMUNE.upper()}", school.upper()),
        authority=f"Hiệu trưởng {school}",
        collective=None,
        head="Hiệu trưởng",
        legal_basis=(*LAW_BASIS, f"Căn cứ Quy chế thi đua, khen thưởng của {school};"),
        proposer=f"Hội đồng Thi đua - Khen thưởng {school}",
        executors=f"Các tổ chuyên môn, tổ văn phòng {school} và các cá nhân có tên tại Điều 1",
        recipients=("- Như Điều 3;", "- Phòng Văn hóa - Xã hội UBND xã (để báo cáo);", "- Lưu: VT."),
    )


@dataclass(frozen=True)
class AwardeeLine:
    name: str
    unit_name: str
    award_name: str
    collective: bool
    note: str = ""
    override_reason: str = ""  # approved although a rule failed: the council and the province read why
    amount: int | None = None  # cash reward in đồng (coefficient × base salary), None when none


def _override_note(a: AwardeeLine) -> str:
    return f"Xét đặc cách: {a.override_reason}" if a.override_reason else ""


def _annex_table(doc: DocumentType, lines: Sequence[AwardeeLine], notes: bool = False) -> None:
    headers = ["STT", "Tập thể / Cá nhân", "Đơn vị", "Hình thức khen thưởng"]
    rows: list[list[object]] = [[n, a.name, a.unit_name, a.award_name] for n, a in enumerate(lines, 1)]
    if notes:
        headers.append("Ghi chú")
        for row, a in zip(rows, lines, strict=True):
            row.append(_override_note(a))
    decree30.table(doc, headers, rows)


def _counts(lines: Sequence[AwardeeLine]) -> str:
    collectives = sum(1 for a in lines if a.collective)
    individuals = len(lines) - collectives
    parts = [
        f"{collectives:02d} tập thể" if collectives else "",
        f"{individuals:02d} cá nhân" if individuals else "",
    ]
    return " và ".join(p for p in parts if p)


def _decision_body(
    doc: DocumentType, *, issuer: Issuer, movement: str, lines: Sequence[AwardeeLine], merit: str
) -> None:
    awards = sorted({a.award_name for a in lines})
    decree30.paragraph(
        doc, issuer.authority.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12
    )
    for line in issuer.legal_basis:
        decree30.paragraph(doc, line, italic=True, first_line_indent=10)
    decree30.paragraph(
        doc, f"Căn cứ Kế hoạch tổ chức {in_sentence(movement)};", italic=True, first_line_indent=10
    )
    decree30.paragraph(doc, f"Xét đề nghị của {issuer.proposer},", italic=True, first_line_indent=10)
    decree30.paragraph(doc, "QUYẾT ĐỊNH:", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    decree30.paragraph(
        doc,
        decree30.without_doubled_words(
            f"Điều 1. Tặng {', '.join(awards)} cho {_counts(lines)} (có danh sách kèm theo) đã có {merit}."
        ),
        first_line_indent=10,
    )
    total = cash_total(lines)
    decree30.paragraph(
        doc,
        f"Điều 2. Kèm theo mức tiền thưởng theo danh sách, tổng số tiền {decree30.vn_money(total)}, "
        "theo Nghị định số 98/2023/NĐ-CP, chi từ Quỹ thi đua, khen thưởng."
        if total
        else "Điều 2. Hình thức khen thưởng tại Điều 1 không kèm theo tiền thưởng.",
        first_line_indent=10,
    )
    decree30.paragraph(
        doc,
        f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {issuer.executors} "
        "chịu trách nhiệm thi hành Quyết định này./.",
        first_line_indent=10,
    )


def _decision_annex(
    doc: DocumentType, *, authority: str, number: str, signed_on: date, lines: Sequence[AwardeeLine]
) -> None:
    awards = sorted({a.award_name for a in lines})
    decree30.paragraph(doc, "DANH SÁCH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    decree30.paragraph(
        doc,
        f"Tập thể, cá nhân được tặng {', '.join(awards)}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    )
    decree30.paragraph(
        doc,
        f"(Kèm theo Quyết định số {number} ngày {signed_on:%d/%m/%Y} của {authority})",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=12,
    )
    if not cash_total(lines):
        _annex_table(doc, lines)
        return
    rows: list[list[object]] = [
        [n, a.name, a.unit_name, a.award_name, decree30.vn_number(a.amount) if a.amount else "—"]
        for n, a in enumerate(lines, 1)
    ]
    rows.append(["", "Tổng cộng", "", "", decree30.vn_number(cash_total(lines))])
    decree30.table(
        doc, ["STT", "Tập thể / Cá nhân", "Đơn vị", "Hình thức khen thưởng", "Tiền thưởng (đồng)"], rows
    )


def cash_total(lines: Sequence[AwardeeLine]) -> int:
    return sum(a.amount or 0 for a in lines)


def decision_docx(
    *,
    issuer: Issuer,
    number: str,
    signed_on: date,
    movement: str,
    period: str,
    merit: str,
    lines: Sequence[AwardeeLine],
    signer_title: str,
    signer_name: str,
) -> bytes:
    """Quyết định khen thưởng with the list of awardees as its annex. `merit` says why, after "đã có"
    (texts.merit_phrase)."""
    head = decree30.Letterhead(
        issuing_body=issuer.body,
        number_line=f"Số: {number}",
        place=PLACE,
        issued_on=signed_on,
        kind="QUYẾT ĐỊNH",
        title=decree30.without_doubled_words(f"Về việc khen thưởng {period}"),
        recipients=issuer.recipients,
        authority=decree30.signature_authority(issuer.collective, issuer.head, signer_title),
        signer=signer_name,
    )
    body = partial(_decision_body, issuer=issuer, movement=movement, lines=lines, merit=merit)
    annex = partial(
        _decision_annex, authority=issuer.authority, number=number, signed_on=signed_on, lines=lines
    )
    return decree30.build(head, body, annex)


def proposal_docx(
    *,
    number: str,
    signed_on: date,
    movement: str,
    period: str,
    lines: Sequence[AwardeeLine],
    signer_title: str,
    signer_name: str,
) -> bytes:
    """Tờ trình: the commune proposes the province chairman's certificates of commendation."""
    awards = sorted({a.award_name for a in lines})
    issuer = commune_issuer()
    head = decree30.Letterhead(
        issuing_body=COMMUNE_BODY,
        number_line=f"Số: {number}",
        place=PLACE,
        issued_on=signed_on,
        kind="TỜ TRÌNH",
        title=decree30.without_doubled_words(
            f"Về việc đề nghị Chủ tịch UBND {PROVINCE} tặng Bằng khen {period}"
        ),
        recipients=["- Như trên;", "- Sở Nội vụ (Ban Thi đua - Khen thưởng);", "- Lưu: VT, VHXH."],
        authority=decree30.signature_authority(issuer.collective, issuer.head, signer_title),
        signer=signer_name,
    )

    def body(doc: DocumentType) -> None:
        decree30.paragraph(
            doc,
            f"Kính gửi: Chủ tịch Ủy ban nhân dân {PROVINCE}.",
            align=WD_ALIGN_PARAGRAPH.CENTER,
            space_after=12,
        )
        for line in LAW_BASIS:
            decree30.paragraph(doc, line, first_line_indent=10)
        decree30.paragraph(
            doc,
            decree30.without_doubled_words(
                f"Trên cơ sở kết quả {period} và đề nghị của Hội đồng Thi đua - Khen thưởng {COMMUNE}, "
                f"Ủy ban nhân dân {COMMUNE} kính trình Chủ tịch Ủy ban nhân dân {PROVINCE} xem xét, tặng "
                f"{', '.join(awards)} cho {_counts(lines)} đã có thành tích xuất sắc trong "
                f"{in_sentence(movement)}."
            ),
            first_line_indent=10,
        )
        decree30.paragraph(doc, "(Có danh sách và hồ sơ kèm theo)", italic=True, first_line_indent=10)
        _annex_table(doc, lines, notes=any(a.override_reason for a in lines))
        decree30.paragraph(
            doc,
            f"Ủy ban nhân dân {COMMUNE} kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.",
            first_line_indent=10,
        )

    return decree30.build(head, body)


def awardee_xlsx(title: str, lines: Sequence[AwardeeLine]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Danh sách"
    put(ws, 1, 1, title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    headers = [
        "STT",
        "Tập thể / Cá nhân",
        "Loại",
        "Đơn vị",
        "Hình thức khen thưởng",
        "Ghi chú",
        "Tiền thưởng",
    ]
    header(ws, 3, headers)
    for r, a in enumerate(lines, 4):
        for c, value in enumerate(
            [
                r - 3,
                a.name,
                "Tập thể" if a.collective else "Cá nhân",
                a.unit_name,
                a.award_name,
                "\n".join(filter(None, (_override_note(a), a.note))),
                a.amount,
            ],
            1,
        ):
            put(ws, r, c, value)
        ws.cell(row=r, column=7).number_format = '#,##0 "đ"'  # 1.000.000 đ in a Vietnamese Excel
    for letter, width in zip("ABCDEFG", (6, 32, 10, 36, 40, 40, 16), strict=True):
        ws.column_dimensions[letter].width = width
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
