"""The certificate of merit (Giấy khen, Bằng khen) as a PDF, written with fpdf2.

A pure function of its data: A4 landscape, a double border, the issuing body and the national title
block, the granting authority, the award's name, the recipient and the reason, the place-and-date
line with the signature block, and the verification code with the address where anyone can check it.

Vietnamese needs a TrueType font covering every letter with diacritics (147 of them): Liberation
Serif 2 (metric-compatible with Times New Roman; Debian `fonts-liberation2`), else DejaVu Serif
(`fonts-dejavu-core`). The old Liberation 1 fonts lack most of them and are never used."""

import unicodedata
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from thidua.documents.decree30 import MOTTO, NATIONAL_TITLE, date_line

FONT_FAMILY = "certificate-serif"
_STYLES = ("", "B", "I")
# The first family whose three styles are all present is used.
FONT_CANDIDATES: tuple[dict[str, Path], ...] = (
    {
        "": Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
        "B": Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"),
        "I": Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf"),
    },
    {
        "": Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
        "B": Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
        "I": Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"),
    },
)

# A4 landscape, in millimetres.
PAGE_W, PAGE_H = 297.0, 210.0
MARGIN = 12.0  # page edge to the outer border
INNER = 22.0  # page edge to the text
TEXT_W = PAGE_W - 2 * INNER
RED = (170, 20, 20)
BLACK = (0, 0, 0)


class CertificateFontMissing(RuntimeError):
    """No installed font covers Vietnamese: the PDF would show blank boxes instead of letters."""


@dataclass(frozen=True)
class CertificateData:
    issuer_heading: str  # "ỦY BAN NHÂN DÂN XÃ THANH THỦY"
    authority_title: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH THỦY"
    award_name: str  # "Giấy khen"
    recipient_name: str  # a staff member's full name, or the unit's name for a collective
    unit_name: str
    reason: str  # "Đã có thành tích xuất sắc trong Phong trào thi đua ... năm học 2025-2026"
    decision_number: str  # "125/QĐ-UBND"
    decision_date: date
    place: str  # "Thanh Thủy"
    signer_lines: tuple[str, ...]  # ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    signer_name: str
    verification_code: str
    verification_url: str


def find_fonts(candidates: tuple[dict[str, Path], ...] | None = None) -> dict[str, Path]:
    candidates = FONT_CANDIDATES if candidates is None else candidates
    for family in candidates:
        if all(family[style].is_file() for style in _STYLES):
            return family
    tried = ", ".join(str(family[""]) for family in candidates)
    raise CertificateFontMissing(
        "Không tìm thấy phông chữ có đủ dấu tiếng Việt để in giấy khen (đã tìm: "
        f"{tried}). Cài gói fonts-liberation2 hoặc fonts-dejavu-core."
    )


def _nfc(data: CertificateData) -> CertificateData:
    """Decomposed input (e.g. pasted from macOS) would print combining marks the font may not place."""
    changes: dict[str, Any] = {
        f.name: unicodedata.normalize("NFC", getattr(data, f.name)).strip()
        for f in fields(data)
        if isinstance(getattr(data, f.name), str)
    }
    return replace(data, **changes)


class _Certificate(FPDF):
    def __init__(self, fonts: dict[str, Path]) -> None:
        super().__init__(orientation="landscape", unit="mm", format="A4")
        self.set_auto_page_break(auto=False)
        self.set_margins(INNER, INNER, INNER)
        for style in _STYLES:
            self.add_font(FONT_FAMILY, style, str(fonts[style]))

    def line_of(
        self,
        text: str,
        size: float,
        style: str = "",
        *,
        x: float = INNER,
        width: float = TEXT_W,
        height: float | None = None,
        align: str = "C",
        colour: tuple[int, int, int] = BLACK,
        min_size: float = 9,
    ) -> None:
        """One line at the current y, shrunk until it fits its (explicit) width."""
        while size > min_size:
            self.set_font(FONT_FAMILY, style, size)
            if self.get_string_width(text) <= width - 2:
                break
            size -= 0.5
        self.set_font(FONT_FAMILY, style, size)
        self.set_text_color(*colour)
        self.set_x(x)
        self.cell(width, height or size * 0.5, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(
        self, text: str, size: float, style: str = "", *, x: float, width: float, max_lines: int = 4
    ) -> None:
        """Centred lines at the current y, shrunk until they take at most `max_lines` lines."""
        while size > 9:
            self.set_font(FONT_FAMILY, style, size)
            lines = self.multi_cell(width, size * 0.5, text, dry_run=True, output=MethodReturnValue.LINES)
            if isinstance(lines, list) and len(lines) <= max_lines:
                break
            size -= 0.5
        self.set_font(FONT_FAMILY, style, size)
        self.set_text_color(*BLACK)
        self.set_x(x)
        self.multi_cell(width, size * 0.5, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def certificate_pdf(c: CertificateData) -> bytes:
    """The certificate as PDF bytes. Identical data gives identical bytes (the creation date is the
    decision's date), so a reissued copy can be compared with the first."""
    c = _nfc(c)
    pdf = _Certificate(find_fonts())
    pdf.set_title(f"{c.award_name} - {c.recipient_name}")
    pdf.set_subject(f"Quyết định số {c.decision_number}")
    pdf.set_creator("Thi Đua Số")
    pdf.set_creation_date(
        datetime(c.decision_date.year, c.decision_date.month, c.decision_date.day, tzinfo=UTC)
    )
    pdf.add_page()

    # Double border: a thick red frame and a thin one inside it.
    pdf.set_draw_color(*RED)
    pdf.set_line_width(1.2)
    pdf.rect(MARGIN, MARGIN, PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN)
    pdf.set_line_width(0.3)
    pdf.rect(MARGIN + 2.5, MARGIN + 2.5, PAGE_W - 2 * (MARGIN + 2.5), PAGE_H - 2 * (MARGIN + 2.5))

    # Header: the issuing body on the left, the national title and motto on the right.
    left_w, right_w = 105.0, 140.0
    right_x = PAGE_W - INNER - right_w
    top = INNER + 2
    pdf.set_y(top)
    pdf.line_of(c.issuer_heading, 12.5, "B", x=INNER, width=left_w, height=6)
    pdf.set_y(top)
    pdf.line_of(NATIONAL_TITLE, 12.5, "B", x=right_x, width=right_w, height=6)
    pdf.line_of(MOTTO, 13, "B", x=right_x, width=right_w, height=6)
    pdf.set_font(FONT_FAMILY, "B", 13)
    motto_w = pdf.get_string_width(MOTTO)
    rule_y = pdf.get_y() + 0.5
    pdf.set_draw_color(*BLACK)
    pdf.set_line_width(0.3)
    pdf.line(right_x + (right_w - motto_w) / 2, rule_y, right_x + (right_w + motto_w) / 2, rule_y)

    # The authority, the award and the recipient.
    pdf.set_y(top + 24)
    pdf.line_of(c.authority_title, 15, "B", height=8)
    pdf.set_y(pdf.get_y() + 3)
    pdf.line_of(c.award_name, 40, "B", height=18, colour=RED, min_size=20)
    pdf.set_y(pdf.get_y() + 2)
    pdf.line_of("Tặng", 15, "I", height=8)
    pdf.line_of(c.recipient_name, 26, "B", height=13, colour=RED, min_size=14)
    if c.unit_name and c.unit_name != c.recipient_name:
        pdf.line_of(c.unit_name, 16, "B", height=8)
    pdf.set_y(pdf.get_y() + 2)
    pdf.paragraph(c.reason, 14, "I", x=INNER + 20, width=TEXT_W - 40)

    # Decision on the left; place, date and signature on the right.
    block_y = max(pdf.get_y() + 4, 140.0)
    block_w = 120.0
    sign_x = PAGE_W - INNER - block_w
    pdf.set_y(block_y + 7)
    pdf.line_of(f"Quyết định số: {c.decision_number}", 12, x=INNER + 4, width=block_w, align="L", height=6)
    pdf.line_of(
        f"Ngày {c.decision_date.day:02d}/{c.decision_date.month:02d}/{c.decision_date.year}",
        12,
        x=INNER + 4,
        width=block_w,
        align="L",
        height=6,
    )
    pdf.set_y(block_y)
    pdf.line_of(date_line(c.place, c.decision_date), 13, "I", x=sign_x, width=block_w, height=7)
    for line in c.signer_lines:
        pdf.line_of(line, 13, "B", x=sign_x, width=block_w, height=6)
    pdf.set_y(pdf.get_y() + 16)  # room for the signature and the seal
    pdf.line_of(c.signer_name, 14, "B", x=sign_x, width=block_w, height=7)

    # Verification: the code and where to check it.
    pdf.set_y(PAGE_H - INNER - 6)
    pdf.line_of(
        f"Mã xác minh: {c.verification_code} - Tra cứu tại: {c.verification_url}",
        10,
        x=INNER,
        width=TEXT_W,
        height=5,
        min_size=6,
    )
    return bytes(pdf.output())
