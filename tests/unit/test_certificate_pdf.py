"""The certificate PDF: Vietnamese names come out letter for letter (a font without the glyphs would
leave blanks), on one A4 landscape page, with the verification code and address."""

import re
import unicodedata
from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from thidua.documents import certificate
from thidua.documents.certificate import (
    CertificateData,
    CertificateFontMissing,
    certificate_pdf,
    find_fonts,
)

DATA = CertificateData(
    issuer_heading="ỦY BAN NHÂN DÂN XÃ THANH THỦY",
    authority_title="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH THỦY",
    award_name="Giấy khen",
    recipient_name="Nguyễn Thị Hương",
    unit_name="Trường THCS Thanh Thủy",
    reason=(
        "Đã có thành tích xuất sắc trong Phong trào thi đua phát triển khoa học, công nghệ, đổi mới "
        "sáng tạo và chuyển đổi số ngành giáo dục năm học 2025-2026"
    ),
    decision_number="125/QĐ-UBND",
    decision_date=date(2026, 5, 30),
    place="Thanh Thủy",
    signer_lines=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    signer_name="Trần Văn Thành",
    verification_code="GK-2026-7QX4M9",
    verification_url="https://thidua.thanhthuy.gov.vn/xac-minh/GK-2026-7QX4M9",
)


def _text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def test_names_with_diacritics_come_out_exactly() -> None:
    pdf = certificate_pdf(DATA)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (297, 210)
    text = _text(pdf)
    for expected in (
        "ỦY BAN NHÂN DÂN XÃ THANH THỦY",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH THỦY",
        "Giấy khen",
        "Nguyễn Thị Hương",
        "Trường THCS Thanh Thủy",
        "Đã có thành tích xuất sắc trong Phong trào thi đua",
        "năm học 2025-2026",
        "125/QĐ-UBND",
        "Thanh Thủy, ngày 30 tháng 5 năm 2026",
        "Trần Văn Thành",
        "GK-2026-7QX4M9",
        "https://thidua.thanhthuy.gov.vn/xac-minh/GK-2026-7QX4M9",
    ):
        assert unicodedata.normalize("NFC", expected) in text, expected


def test_decomposed_input_is_printed_composed_and_output_is_deterministic() -> None:
    decomposed = replace(DATA, recipient_name=unicodedata.normalize("NFD", "Phạm Minh Đức"))
    pdf = certificate_pdf(decomposed)
    assert "Phạm Minh Đức" in _text(pdf)
    assert certificate_pdf(decomposed) == pdf


def test_long_texts_stay_on_the_page() -> None:
    long = replace(
        DATA,
        recipient_name=(
            "Tổ Khoa học tự nhiên - Trường Trung học cơ sở Thanh Thủy, xã Thanh Thủy, tỉnh Phú Thọ"
        ),
        reason=DATA.reason + " và " + "đóng góp tích cực cho phong trào chuyển đổi số của nhà trường " * 6,
    )
    text = _text(certificate_pdf(long))
    assert "tỉnh Phú Thọ" in text and "GK-2026-7QX4M9" in text
    assert len(PdfReader(BytesIO(certificate_pdf(long))).pages) == 1


def test_dejavu_stands_in_and_no_font_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = {"": tmp_path / "a.ttf", "B": tmp_path / "b.ttf", "I": tmp_path / "i.ttf"}
    dejavu = certificate.FONT_CANDIDATES[1]
    if all(p.is_file() for p in dejavu.values()):
        monkeypatch.setattr(certificate, "FONT_CANDIDATES", (missing, dejavu))
        assert find_fonts() == dejavu
        assert "Nguyễn Thị Hương" in _text(certificate_pdf(DATA))
    monkeypatch.setattr(certificate, "FONT_CANDIDATES", (missing,))
    with pytest.raises(CertificateFontMissing, match="fonts-liberation2"):
        certificate_pdf(DATA)
