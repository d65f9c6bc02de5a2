"""Reading import files: format detection, CSV dialects (BOM, comma or semicolon, quotes, blank lines),
NFC, header aliases, XLSX cell types, JSON read object by object, and request-level faults."""

import io
import json
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from thidua.core.errors import ValidationFailed
from thidua.imports import parsing
from thidua.imports.files import escape, iter_csv, iter_json, text
from thidua.imports.kinds import KINDS
from thidua.imports.parsing import FileProblem, PayloadTooLarge, detect_format, open_table
from thidua.imports.schemas import FileFormat, ImportKindName
from thidua.imports.steps.parse import CellError, day, decimal, school_year

STAFF = KINDS[ImportKindName.staff].columns
ENTRIES = KINDS[ImportKindName.assessment_entries].columns


def rows(
    path: Path, fmt: FileFormat, spec: tuple = STAFF
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:  # type: ignore[type-arg]
    table = open_table(path, fmt, spec)
    try:
        return table.columns, list(table.rows)
    finally:
        table.close()


def write(tmp_path: Path, content: str | bytes, name: str = "f.part") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_format_from_the_query_the_content_type_or_the_first_bytes() -> None:
    assert detect_format(FileFormat.json, "text/csv", b"a,b") == FileFormat.json
    assert detect_format(None, "text/csv; charset=utf-8", b"") == FileFormat.csv
    assert (
        detect_format(None, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"")
        == "xlsx"
    )
    assert detect_format(None, "application/octet-stream", b"PK\x03\x04") == FileFormat.xlsx
    assert detect_format(None, None, b"\xef\xbb\xbf [{") == FileFormat.json
    assert detect_format(None, None, b"code,full_name") == FileFormat.csv
    with pytest.raises(FileProblem):
        detect_format(None, "image/png", b"\x89PNG")


@pytest.mark.parametrize("bom", ["", "\ufeff"])
@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_csv_dialects_and_blank_lines(tmp_path: Path, bom: str, sep: str) -> None:
    content = (
        f"{bom}Mã cán bộ{sep}HỌ VÀ TÊN{sep}Unit Code{sep}Ghi chú lạ\r\n"
        f"A-1{sep}Nguyễn Văn A{sep}THCS-A{sep}x\r\n"
        f"{sep}{sep}{sep}\r\n"
        "\r\n"
        f'A-2{sep}"Trần; Thị, ""B"""{sep}THCS-A\r\n'
    )
    columns, found = rows(write(tmp_path, content), FileFormat.csv)
    assert columns == ["code", "full_name", "unit_code"]
    assert found == [
        (2, {"code": "A-1", "full_name": "Nguyễn Văn A", "unit_code": "THCS-A"}),
        (5, {"code": "A-2", "full_name": 'Trần; Thị, "B"', "unit_code": "THCS-A"}),
    ]


def test_csv_text_is_nfc_and_trimmed_and_quoted_newlines_keep_line_numbers(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Đặng Thị Huyền")
    content = (
        f'code,full_name,unit_code,position\nA-1,  {nfd} ,THCS-A,"Tổ trưởng\nkiêm thư ký"\nA-2,B,THCS-A,\n'
    )
    _, found = rows(write(tmp_path, content), FileFormat.csv)
    assert found[0][1]["full_name"] == "Đặng Thị Huyền" and unicodedata.is_normalized(
        "NFC", found[0][1]["full_name"]
    )
    assert [n for n, _ in found] == [2, 4]
    assert found[1][1]["position"] == ""


def test_csv_header_faults(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed) as missing:
        rows(write(tmp_path, "code,position\nA,B\n"), FileFormat.csv)
    assert {e.path for e in missing.value.errors} == {"header.full_name", "header.unit_code"}
    with pytest.raises(ValidationFailed) as twice:
        rows(write(tmp_path, "code,full_name,unit_code,mã cán bộ\n"), FileFormat.csv)
    assert [e.type for e in twice.value.errors] == ["duplicate_column"]
    with pytest.raises(FileProblem):
        rows(write(tmp_path, "\n\n"), FileFormat.csv)
    with pytest.raises(FileProblem, match="UTF-8"):
        rows(write(tmp_path, b"code,full_name,unit_code\nA,Tr\xe1n,B\n"), FileFormat.csv)


def test_export_escapes_are_undone_on_import(tmp_path: Path) -> None:
    content = "code,full_name,unit_code\nA-1,'=1+2,THCS-A\nA-2,'Trích dẫn',THCS-A\n"
    _, found = rows(write(tmp_path, content), FileFormat.csv)
    assert found[0][1]["full_name"] == "=1+2" and found[1][1]["full_name"] == "'Trích dẫn'"
    assert (
        escape("=1+2") == "'=1+2"
        and escape("@x") == "'@x"
        and escape("-5") == "-5"
        and escape("+84 912") == "'+84 912"
    )
    assert escape("Bình thường") == "Bình thường"


def test_xlsx_cells_become_text(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Mã chỉ tiêu", "Năm học", "Giá trị", "Mã đơn vị", "Ghi chú"])
    ws.append(["TC2.1", "2025-2026", 80, "THCS-A", datetime(2025, 10, 15)])
    ws.append([None, None, None, None, None])
    ws.append(["TC2.3", "2025-2026", 2.5, "THCS-A", True])
    ws.append(["TC2.4", "2025-2026", 0.1, "THCS-A", date(2026, 1, 2)])
    buffer = io.BytesIO()
    wb.save(buffer)
    columns, found = rows(write(tmp_path, buffer.getvalue()), FileFormat.xlsx, ENTRIES)
    assert columns == ["indicator_code", "school_year", "value", "unit_code", "note"]
    assert [(n, r["value"], r["note"]) for n, r in found] == [
        (2, "80", "2025-10-15"),
        (4, "2.5", "true"),
        (5, "0.1", "2026-01-02"),
    ]
    with pytest.raises(FileProblem):
        rows(write(tmp_path, b"PK\x03\x04garbage"), FileFormat.xlsx)


def test_json_array_is_read_object_by_object(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing, "_READ_CHUNK", 7)  # objects cut across every read
    data = [
        {"code": "A-1", "full_name": "Nguyễn Văn Á", "unit_code": "THCS-A", "email": None, "extra": 1},
        {"code": "A-2", "full_name": "B", "unit_code": "THCS-A", "phone": 912345678},
    ]
    path = write(tmp_path, "\ufeff  " + json.dumps(data, ensure_ascii=False, indent=2))
    table = open_table(path, FileFormat.json, STAFF)
    assert table.ignored == ["extra"]
    found = list(table.rows)
    table.close()
    assert found == [
        (1, {"code": "A-1", "full_name": "Nguyễn Văn Á", "unit_code": "THCS-A", "email": ""}),
        (2, {"code": "A-2", "full_name": "B", "unit_code": "THCS-A", "phone": "912345678"}),
    ]


def test_json_numbers_keep_their_text(tmp_path: Path) -> None:
    path = write(
        tmp_path, '{"rows": [{"indicator_code": "TC2.1", "school_year": "2025-2026", "value": 80.10}]}'
    )
    _, found = rows(path, FileFormat.json, ENTRIES)
    assert found[0][1]["value"] == "80.10"


@pytest.mark.parametrize(
    "content",
    [
        '[{"code": "A"}, 1]',
        '[{"code": "A", "full_name": "B", "unit_code": "C"} {"code": "B"}]',
        '[{"code": "A"',
        "42",
        '{"data": []}',
        "[]",
        '[{"code": "A", "full_name": "B", "unit_code": "C"}] x',
    ],
)
def test_json_faults(tmp_path: Path, content: str) -> None:
    with pytest.raises(ValidationFailed):
        rows(write(tmp_path, content), FileFormat.json)


def test_a_json_object_document_is_capped(tmp_path: Path) -> None:
    path = write(tmp_path, '{"rows": [' + ",".join(['{"code": "A"}'] * 100) + "]}")
    with pytest.raises(PayloadTooLarge):
        open_table(path, FileFormat.json, STAFF, json_max_bytes=100)


def test_cell_parsers() -> None:
    assert decimal("12,5") == Decimal("12.5") and decimal("80") == 80
    for bad in ("NaN", "Infinity", "1,2,3", "abc"):
        with pytest.raises(CellError):
            decimal(bad)
    assert day("2025-10-15") == date(2025, 10, 15) == day("15/10/2025") == day("2025-10-15T00:00:00")
    with pytest.raises(CellError):
        day("31/02/2025")
    assert school_year("2025-2026") == "2025-2026"
    for bad in ("2025-2027", "2025", "1999-2000"):
        with pytest.raises(CellError):
            school_year(bad)


def test_writers() -> None:
    assert (
        text(Decimal("80.00")) == "80" and text(Decimal("12.50")) == "12.5" and text(["A", "B:0"]) == "A;B:0"
    )
    csv_bytes = b"".join(iter_csv(["a", "b"], [{"a": "=x", "b": None}, {"a": 1, "b": date(2025, 1, 2)}]))
    assert csv_bytes.decode("utf-8") == "\ufeffa,b\r\n'=x,\r\n1,2025-01-02\r\n"
    payload = json.loads(b"".join(iter_json(["v", "d"], [{"v": Decimal("1.50"), "d": date(2025, 1, 2)}])))
    assert payload == [{"v": 1.5, "d": "2025-01-02"}]
    assert json.loads(b"".join(iter_json(["v"], []))) == []
