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

from thidua.awards.texts import COMMUNE, COMMUNE_BODY, MOVEMENT, PLACE, PROVINCE
from thidua.documents import decree30
from thidua.documents.spreadsheet import put

LEGAL_BASIS = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Thi đua, khen thưởng;",
)


@dataclass(frozen=True)
class AwardeeLine:
    name: str
    unit_name: str
    award_name: str
    collective: bool
    note: str = ""


def _annex_table(doc: DocumentType, lines: Sequence[AwardeeLine]) -> None:
    decree30.table(
        doc,
        ["STT", "Tập thể / Cá nhân", "Đơn vị", "Hình thức khen thưởng"],
        [[n, a.name, a.unit_name, a.award_name] for n, a in enumerate(lines, 1)],
    )


def _counts(lines: Sequence[AwardeeLine]) -> str:
    collectives = sum(1 for a in lines if a.collective)
    individuals = len(lines) - collectives
    parts = [
        f"{collectives:02d} tập thể" if collectives else "",
        f"{individuals:02d} cá nhân" if individuals else "",
    ]
    return " và ".join(p for p in parts if p)


def _decision_body(
    doc: DocumentType, *, authority: str, proposer: str, lines: Sequence[AwardeeLine], school_years: str
) -> None:
    awards = sorted({a.award_name for a in lines})
    decree30.paragraph(doc, authority.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    for line in LEGAL_BASIS:
        decree30.paragraph(doc, line, italic=True, first_line_indent=10)
    decree30.paragraph(doc, f"Căn cứ {MOVEMENT};", italic=True, first_line_indent=10)
    decree30.paragraph(doc, f"Xét đề nghị của {proposer},", italic=True, first_line_indent=10)
    decree30.paragraph(doc, "QUYẾT ĐỊNH:", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    decree30.paragraph(
        doc,
        f"Điều 1. Tặng {', '.join(awards)} cho {_counts(lines)} (có danh sách kèm theo) đã có thành tích "
        f"xuất sắc trong {MOVEMENT}, năm học {school_years}.",
        first_line_indent=10,
    )
    decree30.paragraph(
        doc,
        "Điều 2. Tiền thưởng kèm theo thực hiện theo quy định hiện hành về thi đua, khen thưởng.",
        first_line_indent=10,
    )
    decree30.paragraph(
        doc,
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng HĐND và UBND, "
        "Phòng Văn hóa - Xã hội, các đơn vị và cá nhân có tên tại Điều 1 "
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
    _annex_table(doc, lines)


def decision_docx(
    *,
    issuing_body: Sequence[str],
    authority: str,
    number: str,
    signed_on: date,
    round_name: str,
    school_years: str,
    lines: Sequence[AwardeeLine],
    signer_title: str,
    signer_name: str,
    proposer: str,
) -> bytes:
    """Quyết định khen thưởng with the list of awardees as its annex."""
    head = decree30.Letterhead(
        issuing_body=issuing_body,
        number_line=f"Số: {number}",
        place=PLACE,
        issued_on=signed_on,
        kind="QUYẾT ĐỊNH",
        title=f"Về việc khen thưởng {round_name}",
        recipients=["- Như Điều 3;", "- Lưu: VT, VHXH."],
        authority=(signer_title.upper(),),
        signer=signer_name,
    )
    body = partial(
        _decision_body, authority=authority, proposer=proposer, lines=lines, school_years=school_years
    )
    annex = partial(_decision_annex, authority=authority, number=number, signed_on=signed_on, lines=lines)
    return decree30.build(head, body, annex)


def proposal_docx(
    *,
    number: str,
    signed_on: date,
    round_name: str,
    lines: Sequence[AwardeeLine],
    signer_title: str,
    signer_name: str,
) -> bytes:
    """Tờ trình: the commune proposes the province chairman's certificates of commendation."""
    awards = sorted({a.award_name for a in lines})
    head = decree30.Letterhead(
        issuing_body=COMMUNE_BODY,
        number_line=f"Số: {number}",
        place=PLACE,
        issued_on=signed_on,
        kind="TỜ TRÌNH",
        title=f"Về việc đề nghị Chủ tịch UBND {PROVINCE} tặng Bằng khen ({round_name})",
        recipients=["- Như trên;", "- Sở Nội vụ (Ban Thi đua - Khen thưởng);", "- Lưu: VT, VHXH."],
        authority=("TM. ỦY BAN NHÂN DÂN", signer_title.upper()),
        signer=signer_name,
    )

    def body(doc: DocumentType) -> None:
        decree30.paragraph(
            doc,
            f"Kính gửi: Chủ tịch Ủy ban nhân dân {PROVINCE}.",
            align=WD_ALIGN_PARAGRAPH.CENTER,
            space_after=12,
        )
        for line in LEGAL_BASIS[1:]:
            decree30.paragraph(doc, line, first_line_indent=10)
        decree30.paragraph(
            doc,
            f"Trên cơ sở kết quả {round_name} và đề nghị của Hội đồng Thi đua - Khen thưởng {COMMUNE}, "
            f"Ủy ban nhân dân {COMMUNE} kính trình Chủ tịch Ủy ban nhân dân {PROVINCE} xem xét, tặng "
            f"{', '.join(awards)} cho {_counts(lines)} đã có thành tích xuất sắc trong {MOVEMENT}.",
            first_line_indent=10,
        )
        decree30.paragraph(doc, "(Có danh sách và hồ sơ kèm theo)", italic=True, first_line_indent=10)
        _annex_table(doc, lines)
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
    headers = ["STT", "Tập thể / Cá nhân", "Loại", "Đơn vị", "Hình thức khen thưởng", "Ghi chú"]
    for c, h in enumerate(headers, 1):
        put(ws, 3, c, h)
        ws.cell(row=3, column=c).font = Font(bold=True)
    for r, a in enumerate(lines, 4):
        for c, value in enumerate(
            [r - 3, a.name, "Tập thể" if a.collective else "Cá nhân", a.unit_name, a.award_name, a.note], 1
        ):
            put(ws, r, c, value)
    for letter, width in zip("ABCDEF", (6, 32, 10, 36, 40, 40), strict=True):
        ws.column_dimensions[letter].width = width
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
