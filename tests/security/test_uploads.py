"""Upload safety (issue 7, point 7): every way a file reaches the server.

- Body size limits hold while the body streams in: a body over its route's limit is refused with 413
  in the problem shape after reading at most the limit (a generator body counts what was pulled), or
  before the route runs when Content-Length already says so; nothing is stored.
- Evidence files and story images are typed by their bytes, never by their name; a name never
  becomes a path (files are stored by content hash); downloads carry the stored type, an RFC 6266
  attachment name and nosniff.
- Imports refuse XLSX zip bombs, sheets claiming or holding too many rows or columns, damaged
  workbooks, absurdly long CSV lines or cells and JSON rows, each with a 422 that says why, quickly
  and without inflating the file.
"""

import asyncio
import hashlib
import io
import time
import tracemalloc
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import Session, select

from tests.fixtures.api import PDF
from tests.fixtures.assessments import start
from tests.helpers import World, assert_problem
from thidua.assessments.evidence import FORM_OVERHEAD_BYTES, MAX_EVIDENCE_BYTES
from thidua.assessments.models import Evidence
from thidua.audit.models import AuditEvent
from thidua.config import Settings
from thidua.db import make_engine
from thidua.imports import parsing
from thidua.imports.models import ImportJob
from thidua.main import MAX_BODY_BYTES, create_app
from thidua.stories.models import Story, StoryImage
from thidua.stories.service import MAX_IMAGE_BYTES
from thidua.units.models import StaffMember

ASSESSMENTS = "/api/v1/self-assessments"
STORIES = "/api/v1/stories"
IMPORTS = "/api/v1/imports"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MB = 1024 * 1024
CHUNK = 64 * 1024

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" + b"\x00" * 32
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 64
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
PDF_SHA = hashlib.sha256(PDF).hexdigest()
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def ooxml(folder: str) -> bytes:
    """The smallest zip that is a DOCX/XLSX/PPTX to the content check."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr(f"{folder}/document.xml", "<x/>")
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("index.html", HTML)
    return out.getvalue()


def count(world: World, model: Any, *where: Any) -> int:
    engine = make_engine(world.settings.resolved_database_url)
    try:
        with Session(engine) as s:
            return int(s.exec(select(func.count()).select_from(model).where(*where)).one())
    finally:
        engine.dispose()


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


# ---------------------------------------------------------------- streaming bodies


def stream_post(app: FastAPI, url: str, headers: dict[str, str], chunks: Iterator[bytes]) -> tuple[Any, int]:
    """POST a body the app pulls chunk by chunk (no Content-Length); returns the answer and how many
    bytes the app pulled."""
    pulled = 0

    async def body() -> Any:
        nonlocal pulled
        for chunk in chunks:
            pulled += len(chunk)
            yield chunk

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await c.post(url, headers=headers, content=body())

    return asyncio.run(go()), pulled


def endless(head: bytes, total: int) -> Iterator[bytes]:
    """`head`, then zeros up to `total` bytes: far more than any limit, never all pulled."""
    yield head
    for _ in range((total - len(head)) // CHUNK):
        yield b"0" * CHUNK


BOUNDARY = "thidua-boundary-7"


def multipart_head(
    fields: dict[str, str], filename: bytes, content_type: bytes = b"application/pdf"
) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f"--{BOUNDARY}\r\n".encode()
        + b'Content-Disposition: form-data; name="file"; filename="'
        + filename
        + b'"\r\nContent-Type: '
        + content_type
        + b"\r\n\r\n"
    )
    return b"".join(parts)


def multipart(fields: dict[str, str], filename: bytes, content: bytes) -> tuple[bytes, dict[str, str]]:
    """A multipart body built by hand, so that the file name reaches the server byte for byte."""
    body = multipart_head(fields, filename) + content + f"\r\n--{BOUNDARY}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}


@pytest.fixture
def app(world: World) -> Iterator[FastAPI]:
    app = create_app(world.settings)
    yield app
    app.state.engine.dispose()


def test_evidence_size_is_checked_while_streaming(
    app: FastAPI, client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = start(client, world, catalogue)
    url = f"{ASSESSMENTS}/{a['id']}/evidence/files"
    h = world.headers("manager_a")
    evidence_dir = Path(world.settings.var_dir) / "evidence"
    before = files_under(evidence_dir)
    # 200 MB offered without Content-Length: read no further than the limit (plus the chunk that
    # crossed it), nothing stored, no temporary file left behind.
    head = multipart_head({"indicator_code": "TC5.1"}, b"lon.pdf") + b"%PDF-1.4\n"
    multipart_headers = {**h, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    r, pulled = stream_post(app, url, multipart_headers, endless(head, 200 * MB))
    assert "10 MB" in assert_problem(r, 413)["detail"]
    assert pulled <= MAX_EVIDENCE_BYTES + FORM_OVERHEAD_BYTES + CHUNK
    assert count(world, Evidence) == 0
    assert files_under(evidence_dir) == before

    # The file itself: exactly 10 MB is taken, one byte more is not.
    exact = b"%PDF-1.4\n" + b"0" * (MAX_EVIDENCE_BYTES - 9)
    over = client.post(
        url, headers=h, data={"indicator_code": "TC5.1"}, files={"file": ("a.pdf", exact + b"0")}
    )
    assert assert_problem(over, 413)["detail"] == "Tệp minh chứng vượt quá 10 MB."
    r = client.post(url, headers=h, data={"indicator_code": "TC5.1"}, files={"file": ("a.pdf", exact)})
    assert r.status_code == 201, r.text
    assert r.json()["size_bytes"] == MAX_EVIDENCE_BYTES


def test_story_images_json_bodies_and_imports_are_cut_off_at_their_limits(
    app: FastAPI, client: TestClient, world: World
) -> None:
    comms = world.headers("comms")
    story = client.post(
        STORIES, headers=comms, json={"title": "Bài", "summary": "Tóm tắt", "body": "Nội dung"}
    )
    assert story.status_code == 201, story.text
    headers = {**comms, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    head = multipart_head({"caption": "Ảnh"}, b"anh.png", b"image/png") + PNG
    r, pulled = stream_post(app, f"{STORIES}/{story.json()['id']}/images", headers, endless(head, 100 * MB))
    assert "5 MB" in assert_problem(r, 413)["detail"]
    assert pulled <= MAX_IMAGE_BYTES + FORM_OVERHEAD_BYTES + CHUNK
    assert count(world, StoryImage) == 0

    # Any JSON body: 8 MB at most, never parsed past that.
    head = '{"title": "Bài rất dài", "summary": "x", "body": "'.encode()
    r, pulled = stream_post(
        app, STORIES, {**comms, "Content-Type": "application/json"}, endless(head, 100 * MB)
    )
    assert "8 MB" in assert_problem(r, 413)["detail"]
    assert pulled <= MAX_BODY_BYTES + CHUNK
    assert count(world, Story) == 1

    # A bulk import: IMPORT_MAX_BYTES (256 KB here); no job, no staff, no file under var/imports.
    small: Settings = world.settings.model_copy(update={"import_max_bytes": 256 * 1024})
    small_app = create_app(small)
    imports_dir = Path(small.var_dir) / "imports"
    before = files_under(imports_dir)
    headers = {**world.headers("officer"), "Content-Type": "text/csv"}
    r, pulled = stream_post(
        small_app, f"{IMPORTS}/staff", headers, endless(b"code,full_name,unit_code\n", 50 * MB)
    )
    small_app.state.engine.dispose()
    assert "256 KB" in assert_problem(r, 413)["detail"]
    assert pulled <= 256 * 1024 + CHUNK
    assert count(world, ImportJob) == 0 and count(world, StaffMember) == 4
    assert files_under(imports_dir) == before


def test_a_declared_length_over_the_limit_is_refused_before_the_route_runs(
    client: TestClient, world: World
) -> None:
    comms = world.headers("comms")
    story = client.post(
        STORIES, headers=comms, json={"title": "Bài", "summary": "Tóm tắt", "body": "Nội dung"}
    )
    events = count(world, AuditEvent)
    # An action that reads no body would otherwise run (publish the story), then answer 413.
    r = client.post(
        f"{STORIES}/{story.json()['id']}/publish",
        headers={**comms, "If-Match": story.headers["etag"], "Content-Type": "application/json"},
        content=b" " * (MAX_BODY_BYTES + 1),
    )
    assert_problem(r, 413)
    assert r.headers["x-content-type-options"] == "nosniff"  # still behind the security headers
    assert count(world, AuditEvent) == events
    assert count(world, Story, Story.status == "draft") == 1


# ---------------------------------------------------------------- type by content, not by name


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
EVIDENCE_CASES = [
    # (name the browser sends, bytes, declared type) -> the stored type, or None when refused with 422
    ("Biên bản.pdf", PDF, "application/pdf", "application/pdf"),
    ("ảnh lớp học.pdf", PNG, "application/pdf", "image/png"),  # a PNG named .pdf is kept as a PNG
    ("anh.png", JPEG, "image/png", "image/jpeg"),
    ("ke-hoach.docx", ooxml("word"), "application/octet-stream", DOCX_TYPE),
    ("bang.xlsx", ooxml("xl"), "text/html", XLSX_TYPE),
    ("trinh-chieu.pptx", ooxml("ppt"), "text/html", PPTX_TYPE),
    ("trang.png", HTML, "image/png", None),
    ("trang.pdf", HTML, "application/pdf", None),
    ("hinh.svg", SVG, "image/svg+xml", None),
    ("tep.docx", plain_zip(), DOCX_TYPE, None),
    ("tai-lieu.pdf", EXE, "application/pdf", None),
    ("rong.pdf", b"", "application/pdf", None),
]
IMAGE_CASES = [("anh.png", PDF), ("anh.jpg", HTML), ("anh.png", SVG), ("anh.gif", b"GIF89a" + b"\x00" * 32)]


def test_uploads_are_typed_by_their_bytes_and_served_as_that_type(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = start(client, world, catalogue)
    url = f"{ASSESSMENTS}/{a['id']}/evidence/files"
    h = world.headers("manager_a")
    for name, content, declared, stored in EVIDENCE_CASES:
        r = client.post(
            url, headers=h, data={"indicator_code": "TC5.1"}, files={"file": (name, content, declared)}
        )
        if stored is None:
            problem = assert_problem(r, 422, "body.file")
            assert "xét theo nội dung tệp" in problem["detail"] or "rỗng" in problem["detail"], name
            continue
        assert r.status_code == 201, (name, r.text)
        evidence = r.json()
        assert evidence["content_type"] == stored, name
        extension = {"image/png": ".png", "image/jpeg": ".jpg", "application/pdf": ".pdf"}.get(stored)
        if extension:
            assert evidence["filename"] == name.rsplit(".", 1)[0] + extension  # the name follows the bytes
        got = client.get(evidence["download_url"], headers=h)
        assert got.status_code == 200 and got.content == content
        assert got.headers["content-type"] == stored  # never what the browser declared, never text/html
        assert got.headers["x-content-type-options"] == "nosniff"
        assert got.headers["content-disposition"].startswith("attachment; ")
    assert count(world, Evidence) == sum(1 for case in EVIDENCE_CASES if case[3])

    # Story images (shown inline on the public pages): PNG or JPEG only, whatever the name says.
    comms = world.headers("comms")
    story = client.post(
        STORIES, headers=comms, json={"title": "Bài", "summary": "Tóm tắt", "body": "Nội dung"}
    )
    for name, content in IMAGE_CASES:
        r = client.post(
            f"{STORIES}/{story.json()['id']}/images",
            headers=comms,
            files={"file": (name, content, "image/png")},
        )
        assert "PNG hoặc JPEG" in assert_problem(r, 422, "body.file")["detail"], name
    # Form fields travel with the file; PostgreSQL would refuse a NUL with a 500.
    r = client.post(
        f"{STORIES}/{story.json()['id']}/images",
        headers=comms,
        data={"caption": "Ảnh\x00"},
        files={"file": ("anh.png", PNG, "image/png")},
    )
    assert_problem(r, 422, "body.caption")
    assert count(world, StoryImage) == 0
    r = client.post(url, headers=h, data={"indicator_code": "TC5.1\x00"}, files={"file": ("a.pdf", PDF)})
    assert_problem(r, 422, "body.indicator_code")


# ---------------------------------------------------------------- file names never become paths


HOSTILE_NAMES = [
    (b"../../etc/passwd", "passwd.pdf"),
    (b"/etc/passwd", "passwd.pdf"),
    (b"..\\..\\Windows\\System32\\drivers\\etc\\hosts.pdf", "hosts.pdf"),
    (b"C:\\Users\\hieutruong\\Bi\xc3\xaan b\xe1\xba\xa3n.pdf", "Biên bản.pdf"),
    (b"bao\x00cao.pdf", "baocao.pdf"),
    (b"hoa-don\xe2\x80\xaefdp.exe", "hoa-donfdp.pdf"),  # U+202E would show "...exe.pdf" as "...fdp.exe"
    (b"..", "minh-chung.pdf"),
    (b"x" * 1000 + b".pdf", "x" * 120 + ".pdf"),
]


def test_a_file_name_never_reaches_the_file_system(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    var_dir = Path(world.settings.var_dir).resolve()
    before = files_under(var_dir)
    a = start(client, world, catalogue)
    h = world.headers("manager_a")
    stored = var_dir / "evidence" / PDF_SHA[:2] / PDF_SHA
    for raw, kept in HOSTILE_NAMES:
        body, content_type = multipart({"indicator_code": "TC5.1"}, raw, PDF)
        r = client.post(
            f"{ASSESSMENTS}/{a['id']}/evidence/files", headers={**h, **content_type}, content=body
        )
        assert r.status_code == 201, (raw, r.text)
        evidence = r.json()
        assert (evidence["filename"], evidence["sha256"]) == (kept, PDF_SHA), raw
        got = client.get(evidence["download_url"], headers=h)
        disposition = got.headers["content-disposition"]
        assert disposition.startswith("attachment; filename=\"minh-chung.pdf\"; filename*=UTF-8''"), raw
        assert urllib.parse.unquote(disposition.split("''", 1)[1]) == kept
        assert all(c.isascii() and c.isprintable() for c in disposition)
    # The only file written is the one stored under var/evidence by the hash of its bytes.
    assert files_under(var_dir) - before <= {stored} and stored.read_bytes() == PDF


# ---------------------------------------------------------------- XLSX bombs and huge sheets


SHEET = "xl/worksheets/sheet1.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="B1" t="inlineStr"><is><t>full_name</t>'
    '</is></c><c r="C1" t="inlineStr"><is><t>unit_code</t></is></c></row>'
)


def staff_row(r: int) -> str:
    return (
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>X-{r}</t></is></c><c r="B{r}" t="inlineStr"><is>'
        f'<t>Người {r}</t></is></c><c r="C{r}" t="inlineStr"><is><t>THCS-A</t></is></c></row>'
    )


def workbook_with(sheet_xml: bytes | None = None, extra: int = 0) -> bytes:
    """A real workbook (openpyxl), its first sheet replaced by `sheet_xml`, plus `extra` small parts."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["code", "full_name", "unit_code"])
    ws.append(["X-1", "Người 1", "THCS-A"])
    original = io.BytesIO()
    wb.save(original)
    source = zipfile.ZipFile(original)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for part in source.infolist():
            data = source.read(part.filename)
            z.writestr(part.filename, sheet_xml if part.filename == SHEET and sheet_xml is not None else data)
        for i in range(extra):
            z.writestr(f"customXml/item{i}.xml", "<x/>")
    return out.getvalue()


def sheet(rows: str, dimension: str | None = "A1:C2", prolog: str = "") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    xml = f"{prolog}<worksheet {NS}>{dim}<sheetData>{rows}</sheetData></worksheet>"
    return ('<?xml version="1.0" encoding="UTF-8"?>' + xml).encode()


def zip_bomb(inflated: int) -> bytes:
    """A workbook of ~200 KB whose one sheet cell inflates to `inflated` bytes (about 1000:1)."""
    source = zipfile.ZipFile(io.BytesIO(workbook_with()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for part in source.infolist():
            if part.filename != SHEET:
                z.writestr(part.filename, source.read(part.filename))
        with z.open(SHEET, "w") as f:
            f.write(
                f'<worksheet {NS}><sheetData>{HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>'.encode()
            )
            for _ in range(inflated // MB):
                f.write(b"A" * MB)
            f.write(b"</t></is></c></row></sheetData></worksheet>")
    return out.getvalue()


def post_import(
    client: TestClient, world: World, content: bytes, content_type: str = XLSX_TYPE, **query: str
) -> Any:
    return client.post(
        f"{IMPORTS}/staff",
        params={"dry_run": "true", **query},
        headers={**world.headers("officer"), "Content-Type": content_type},
        content=content,
    )


def test_an_xlsx_zip_bomb_is_refused_at_once_without_inflating_it(client: TestClient, world: World) -> None:
    bomb = zip_bomb(200 * MB)  # one cell of 200 MB text, about 200 KB on the wire
    assert len(bomb) < 400 * 1024
    assert post_import(client, world, workbook_with()).status_code == 200  # a real workbook (and warm-up)
    tracemalloc.start()
    started = time.perf_counter()
    r = post_import(client, world, bomb)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    problem = assert_problem(r, 422, "body")
    assert problem["errors"][0]["type"] == "xlsx_bomb" and "bom nén" in problem["detail"]
    # Measured: ~30 ms and ~0.1 MB; openpyxl alone spends ~2 s and ~300 MB on a 300 MB one.
    assert seconds < 1 and peak < 8 * MB
    assert count(world, ImportJob, ImportJob.status == "completed") == 0


def damaged(workbook: bytes) -> bytes:
    """The workbook with one byte of its sheet's compressed data changed (a bad download, a bad disk)."""
    info = zipfile.ZipFile(io.BytesIO(workbook)).getinfo(SHEET)
    data = bytearray(workbook)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    return bytes(data)


SHEET_CASES = [
    # (what, the file, the error type)
    (
        "claims the whole grid",
        lambda: workbook_with(sheet(HEADER_ROW + staff_row(2), "A1:XFD1048576")),
        "too_many_columns",
    ),
    (
        "claims 2,000,000 rows",
        lambda: workbook_with(sheet(HEADER_ROW + staff_row(2), "A1:C2000000")),
        "too_many_rows",
    ),
    # Cells really that far away (openpyxl fills every gap on the way).
    (
        "a cell in column XFD",
        lambda: workbook_with(sheet(HEADER_ROW + '<row r="2"><c r="XFD2"><v>1</v></c></row>')),
        "too_many_columns",
    ),
    (
        "a row past 1,048,576",
        lambda: workbook_with(sheet(HEADER_ROW + staff_row(2) + staff_row(1_048_577))),
        "too_many_rows",
    ),
    ("1,000 extra parts", lambda: workbook_with(extra=1000), "xlsx_too_complex"),
    # Damaged or hostile: refused, never a 500.
    (
        "broken XML after the header",
        lambda: workbook_with(sheet(HEADER_ROW + staff_row(2) + '<row r="3"><c r="A3"><v>1</v></row>')),
        "unreadable_file",
    ),
    (
        "XML entities",
        lambda: workbook_with(
            sheet(
                HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>&b;</t></is></c></row>',
                prolog='<!DOCTYPE x [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
            )
        ),
        "unreadable_file",
    ),
    (
        "a damaged zip stream",
        lambda: damaged(
            workbook_with(sheet(HEADER_ROW + "".join(staff_row(r) for r in range(2, 3000)), "A1:C2999"))
        ),
        "unreadable_file",
    ),
]


def test_huge_or_damaged_sheets_are_refused_with_a_reason(client: TestClient, world: World) -> None:
    for what, content, error_type in SHEET_CASES:
        body = content()  # building the sheet is not the server's time
        started = time.perf_counter()
        problem = assert_problem(post_import(client, world, body), 422, "body")
        # refused without reading the whole sheet: seconds, not the minutes a full read takes (a wide
        # bound, so a loaded 2-core machine does not fail it)
        assert time.perf_counter() - started < 20, what
        assert "XLSX" in problem["detail"] or "rang tính" in problem["detail"], (what, problem)
        assert problem["errors"][0]["type"] == error_type, (what, problem)
    assert count(world, StaffMember) == 4


def test_a_part_read_whole_or_a_workbook_too_large_unpacked_is_refused(
    client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real limits are 64 MB and 1 GB; smaller ones here spare the test from building such files.
    monkeypatch.setattr(parsing, "XLSX_MAX_WHOLE_PART_BYTES", 5000)
    problem = assert_problem(post_import(client, world, workbook_with()), 422, "body")
    assert "xl/theme/theme1.xml" in problem["detail"] and problem["errors"][0]["type"] == "xlsx_too_large"
    monkeypatch.setattr(parsing, "XLSX_MAX_UNPACKED_BYTES", 10_000)
    problem = assert_problem(post_import(client, world, workbook_with()), 422, "body")
    assert "giải nén" in problem["detail"]


def test_rows_past_a_stale_dimension_are_read_not_dropped(client: TestClient, world: World) -> None:
    # Some writers leave <dimension ref="A1"/>; openpyxl would then read the header only.
    rows = HEADER_ROW + "".join(staff_row(r) for r in range(2, 7))
    summary = post_import(client, world, workbook_with(sheet(rows, "A1")))
    assert summary.status_code == 200, summary.text
    assert (summary.json()["total"], summary.json()["created"]) == (5, 5)


# ---------------------------------------------------------------- CSV and JSON that never end


TEXT_CASES = [
    # (what, content type, file, the error type)
    ("a CSV header without end", "text/csv", b"code,full_name,unit_code" + b",x" * 600_000, "line_too_long"),
    (
        "a CSV line without end",
        "text/csv",
        b"code,full_name,unit_code\nA-1," + b"x" * 1_100_000,
        "line_too_long",
    ),
    (
        "a CSV quote never closed",
        "text/csv",
        b'code,full_name,unit_code\nA-1,"' + b"x\n" * 100_000,
        "cell_too_long",
    ),
    (
        "a NUL in a CSV cell",
        "text/csv",
        b"code,full_name,unit_code\nA-9,Ng\x00uyen,THCS-A\n",
        "nul_character",
    ),
    (
        "a NUL in a JSON value",
        "application/json",
        b'[{"code": "A-9", "full_name": "Ng\\u0000uyen", "unit_code": "THCS-A"}]',
        "nul_character",
    ),
    (
        "a JSON row without end",
        "application/json",
        b'[{"code": "A-1", "full_name": "' + b"x" * 1_100_000,
        "line_too_long",
    ),
    (
        "JSON nested 100,000 deep",
        "application/json",
        b'[{"code": ' + b"[" * 100_000 + b"]" * 100_000 + b"}]",
        "unreadable_file",
    ),
    (
        "1.5 MB after the JSON array",
        "application/json",
        b'[{"code": "A-1", "full_name": "X", "unit_code": "THCS-A"}]' + b" " * 1_500_000 + b"x",
        "unreadable_file",
    ),
]


def test_csv_and_json_without_end_or_with_nul_are_refused_with_a_reason(
    client: TestClient, world: World
) -> None:
    for what, content_type, content, error_type in TEXT_CASES:
        problem = assert_problem(post_import(client, world, content, content_type), 422)
        assert problem["errors"][0]["type"] == error_type, (what, problem)
    assert count(world, StaffMember) == 4
