"""Official documents in the layout of Decree 30/2020/NĐ-CP, written with python-docx.

A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 13–14 pt (Liberation Serif
stands in where the font is missing); page numbers centred at the top from page 2; the national title
block; the number line and the place-and-date line; the title in capitals; the body; "Nơi nhận"; and
the signature block with its authority lines."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def vn_number(value: float | int, places: int = 0) -> str:
    """Vietnamese digits: '.' between thousands, ',' before decimals (86,67; 1.000.000)."""
    text = f"{value:,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def vn_money(amount: int) -> str:
    return f"{vn_number(amount)} đ"


def without_doubled_words(text: str) -> str:
    """'khen thưởng Khen thưởng năm học' -> 'khen thưởng năm học': a phrase built from two pieces of
    data must not repeat a word or a run of up to three words at their seam (compared without case)."""
    words = text.split()
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            a = [w.lower() for w in words[i : i + size]]
            b = [w.lower() for w in words[i + size : i + 2 * size]]
            if len(a) == size and a == b:
                del words[i + size : i + 2 * size]
                break
        else:
            i += 1
    return " ".join(words)


def joined(title: str, tail: str, separator: str = ", ") -> str:
    """A title followed by a qualifier, the words they share at the seam written once:
    ('Báo cáo sơ kết học kỳ I', 'học kỳ I năm học 2025-2026') -> 'Báo cáo sơ kết học kỳ I năm học
    2025-2026'; without shared words, the two joined by `separator`."""
    if not tail.strip():
        return title
    head_words, tail_words = title.split(), tail.split()
    for k in range(min(len(head_words), len(tail_words)), 0, -1):
        if [w.lower() for w in head_words[-k:]] == [w.lower() for w in tail_words[:k]]:
            return " ".join([*head_words, *tail_words[k:]])
    return f"{title}{separator}{tail}"


def signature_authority(collective: str | None, head: str, signer_title: str) -> tuple[str, ...]:
    """The authority lines above a signature (Decree 30/2020, Article 13 and Appendix I):
    - the head signs: [TM. <collective>], <HEAD>;
    - a deputy signs for the head: [TM. <collective>], KT. <HEAD>, <deputy's position>;
    - an acting head: [TM. <collective>], Q. <HEAD>;
    - anyone else signs by the head's order: TL. <HEAD>, <position>.
    `collective` is the body under collective leadership ("ỦY BAN NHÂN DÂN"), None where one head
    leads (a school)."""
    head, title = head.strip().upper(), " ".join(signer_title.split()).upper()
    tm = (f"TM. {collective.upper()}",) if collective else ()
    # "Chủ tịch UBND xã" is the chairman too: what follows the position names the body again.
    if title == head or title.startswith(f"{head} "):
        return (*tm, head)
    for acting in ("Q. ", "QUYỀN "):
        if title.startswith(f"{acting}{head}"):
            return (*tm, f"Q. {head}")
    if title.startswith(f"PHÓ {head}"):
        return (*tm, f"KT. {head}", f"PHÓ {head}")
    return (f"TL. {head}", title)


def date_line(place: str, day: date) -> str:
    """'Thanh Thủy, ngày 05 tháng 01 năm 2026': a leading zero for days 1–9 and for months 1 and 2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass(frozen=True)
class Letterhead:
    issuing_body: Sequence[str]  # e.g. ("ỦY BAN NHÂN DÂN", "XÃ THANH THỦY")
    number_line: str  # e.g. "Số: 12/BC-UBND"
    place: str
    issued_on: date
    kind: str  # "BÁO CÁO", "QUYẾT ĐỊNH", "KẾ HOẠCH", "TỜ TRÌNH"
    title: str  # what it is about, in bold under the kind
    recipients: Sequence[str]  # "Nơi nhận" lines, ending with the archive line; none: no "Nơi nhận"
    authority: Sequence[str]  # e.g. ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    signer: str
    # A second signature on the left, beside the main one (the minutes' secretary): lines, then name.
    cosigner: tuple[Sequence[str], str] | None = None

    def __post_init__(self) -> None:
        # A signed document without the signer's name cannot be signed as generated.
        if not self.signer.strip() or not self.authority:
            raise ValueError("Văn bản cần chức vụ và họ tên người ký.")


def _font(paragraph: Paragraph, size: float, bold: bool = False, italic: bool = False) -> None:
    for run in paragraph.runs:
        run.font.name = FONT
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)  # Vietnamese glyphs too


def paragraph(
    container: Any,
    text: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    space_after: float = 6,
    first_line_indent: float | None = None,
) -> Paragraph:
    # Control characters typed into free text would make the XML invalid (python-docx refuses them).
    p: Paragraph = container.add_paragraph(_CONTROL.sub("", text))  # a document or a table cell
    p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.line_spacing = 1.15
    if first_line_indent is not None:
        p.paragraph_format.first_line_indent = Mm(first_line_indent)
    _font(p, size, bold, italic)
    return p


TEXT_WIDTH_MM = 165  # A4 less the 30 mm and 15 mm margins


def table(
    doc: DocumentType,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    size: float = 12,
    widths: Sequence[float] | None = None,
) -> Table:
    """A bordered table; `widths` (relative, one per column) fixes the columns across the text width,
    else they are equal."""
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(t.rows[0].cells, headers, strict=True):
        cell.text = ""
        paragraph(cell, header, size=size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
        cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    for row in rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            paragraph(
                cell,
                "" if value is None else str(value),
                size=size,
                align=WD_ALIGN_PARAGRAPH.LEFT,
                space_after=0,
            )
            cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    assert isinstance(t, Table)  # python-docx leaves add_table untyped
    if widths is not None:
        total = sum(widths)
        _fixed_widths(t, [Mm(TEXT_WIDTH_MM * w / total) for w in widths])
    return t


def figure_with_table(
    doc: DocumentType,
    caption: str,
    png: bytes,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    picture_mm: float = 95,
) -> Table:
    """A chart with its numbers beside it (issue 18.7): the caption, then one borderless row holding the
    picture (its caption as alternative text, for screen readers) on the left and a bordered table of
    the same figures on the right, so the numbers can be read, copied and printed without the picture.
    Grid and cell widths agree, as in every table here. The row never splits across pages."""
    title = paragraph(doc, caption, size=13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=3)
    title.paragraph_format.keep_with_next = True  # never a caption at a page's foot, its chart overleaf
    layout = doc.add_table(rows=1, cols=2)
    layout.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(layout, (Mm(picture_mm), Mm(TEXT_WIDTH_MM - picture_mm)))
    layout.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    picture, numbers = layout.rows[0].cells
    run = picture.paragraphs[0].add_run()
    shape = run.add_picture(BytesIO(png), width=Mm(picture_mm - 3))
    shape._inline.docPr.set("descr", caption)  # alternative text
    numbers.text = ""
    inner = numbers.add_table(rows=1, cols=len(headers))
    inner.style = "Table Grid"
    for cell, header in zip(inner.rows[0].cells, headers, strict=True):
        cell.text = ""
        paragraph(cell, header, size=11, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    for row in rows:
        for cell, value in zip(inner.add_row().cells, row, strict=True):
            cell.text = ""
            paragraph(cell, str(value), size=11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    for row_cells in inner.rows:
        _drop_empty_first(*row_cells.cells)
    share = (TEXT_WIDTH_MM - picture_mm - 2) / (len(headers) + 1)  # the label column twice as wide
    _fixed_widths(inner, [Mm(share * (2 if i == 0 else 1)) for i in range(len(headers))])
    _drop_empty_first(numbers)
    paragraph(doc, "", space_after=3)
    assert isinstance(layout, Table)  # python-docx leaves add_table untyped
    return layout


def _fixed_widths(t: Table, widths: Sequence[Mm]) -> None:
    """Cell widths and the table grid alike: LibreOffice lays a table out by its grid (w:tblGrid),
    Word by its cells; when they disagree the motto breaks onto two lines in one of them."""
    t.autofit = False
    grid = t._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in t.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    t._tbl.tblPr.append(layout)


def _signature(cell: Any, lines: Sequence[str], name: str) -> None:
    for line in lines:  # a note such as "(Ký, đóng dấu)" in italics, the titles in bold
        note = line.startswith("(")
        paragraph(
            cell, line, size=14, bold=not note, italic=note, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0
        )
    for _ in range(4):
        paragraph(cell, "", space_after=0)
    paragraph(cell, name, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)


def _drop_empty_first(*cells: Any) -> None:
    for cell in cells:  # python-docx leaves an empty first paragraph in each cell
        first = cell.paragraphs[0]
        if not first.text and len(cell.paragraphs) > 1:
            first._element.getparent().remove(first._element)


def _page_number_header(doc: DocumentType) -> None:
    """Page numbers centred at the top, none on the first page."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    run.font.name, run.font.size = FONT, Pt(13)


def _rule(p: Paragraph) -> None:
    """A short line under the motto (a bottom border on its paragraph)."""
    p_pr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    p_pr.append(border)
    p.paragraph_format.left_indent = Mm(18)
    p.paragraph_format.right_indent = Mm(18)


def build(
    head: Letterhead,
    write_body: Callable[[DocumentType], None],
    write_annex: Callable[[DocumentType], None] | None = None,
) -> bytes:
    """The whole document; `write_annex` adds an annex (e.g. the list of awardees) on a new page after
    the signature."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    _page_number_header(doc)

    top = doc.add_table(rows=2, cols=2)
    _fixed_widths(top, (Mm(65), Mm(100)))
    left, right = top.rows[0].cells
    left.text = right.text = ""
    for i, line in enumerate(head.issuing_body):
        paragraph(
            left,
            line,
            size=13,
            bold=i > 0 or len(head.issuing_body) == 1,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            space_after=0,
        )
    paragraph(right, NATIONAL_TITLE, size=12.5, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _rule(paragraph(right, MOTTO, size=13.5, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0))
    number, place = top.rows[1].cells
    number.text = place.text = ""
    paragraph(number, head.number_line, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    paragraph(
        place,
        date_line(head.place, head.issued_on),
        size=14,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    )
    _drop_empty_first(left, right, number, place)

    paragraph(doc, "", space_after=6)
    paragraph(doc, head.kind.upper(), size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    paragraph(doc, head.title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    write_body(doc)

    closing = doc.add_table(rows=1, cols=2)
    _fixed_widths(closing, (Mm(80), Mm(85)))
    # The signature block stays whole: its titles never sit on one page and the names on the next.
    closing.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    recipients, signature = closing.rows[0].cells
    recipients.text = signature.text = ""
    if head.cosigner is not None:  # two signatures side by side; "Nơi nhận" below them
        _signature(recipients, *head.cosigner)
        _signature(signature, head.authority, head.signer)
        _drop_empty_first(recipients, signature)
        if head.recipients:
            receivers = doc.add_table(rows=1, cols=1)
            _fixed_widths(receivers, (Mm(165),))
            recipients = receivers.rows[0].cells[0]
            recipients.text = ""
    else:
        _signature(signature, head.authority, head.signer)
    if head.recipients:  # a report of achievements, signed by its author, is sent to no one
        paragraph(
            recipients,
            "Nơi nhận:",
            size=12,
            bold=True,
            italic=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            space_after=0,
        )
        for line in head.recipients:
            paragraph(recipients, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    _drop_empty_first(recipients, signature)
    if write_annex is not None:
        # The annex starts a page by its first paragraph's "page break before": an extra paragraph
        # holding a break can spill onto a page of its own and leave it blank.
        start = len(doc.element.body)
        write_annex(doc)
        for element in doc.element.body[start - 1 :]:
            if element.tag == qn("w:p"):
                element.get_or_add_pPr().insert(0, OxmlElement("w:pageBreakBefore"))
                break
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
