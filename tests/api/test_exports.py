"""Exports of every kind in CSV, XLSX and JSON: the same columns as the imports, so an exported file
imports back as all unchanged; scoped to what the caller may see; formula-looking text escaped."""

import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.fixtures.api import XLSX
from tests.fixtures.api_keys import issue
from tests.fixtures.imports import counts, post, summary_of
from tests.helpers import World, assert_problem

KINDS = ["units", "staff", "users", "assessment_entries", "activities", "initiatives"]
CONTENT_TYPES = {"csv": "text/csv", "xlsx": XLSX, "json": "application/json"}


@pytest.fixture
def filled(client: TestClient, world: World, catalogue: dict[str, int]) -> None:
    """Some of every kind, entered through the imports themselves."""
    manager = world.headers("manager_a")
    for kind, body in [
        (
            "assessment_entries",
            "unit_code,staff_code,indicator_code,school_year,value,note\n"
            "THCS-A,,TC2.1,2025-2026,80.5,Theo sổ\n"
            "THCS-A,,TC2.2,2025-2026,1,\n"
            ",A-01,CN1.2,2025-2026,3,\n"
            ",A-02,CN1.2,2026-2027,2,\n",
        ),
        (
            "activities",
            "unit_code,kind,activity_date,title,learner_count,attendees\n"
            "THCS-A,training,2025-10-15,Bồi dưỡng kỹ năng số,0,A-01;A-02:0\n"
            "THCS-A,launch_ceremony,2026-09-05,Lễ phát động năm học mới,400,\n",
        ),
        (
            "initiatives",
            "unit_code,school_year,title,kind,summary,authors\n"
            "THCS-A,2025-2026,Học liệu số môn Toán 6,digital_material,"
            '"Bộ bài giảng, video",A-01:62.5;A-02:37.5\n',
        ),
    ]:
        assert summary_of(post(client, manager, kind, body))["created"] > 0
    s = summary_of(
        post(
            client,
            world.headers("manager_b"),
            "activities",
            "unit_code,kind,activity_date,title\nTH-B,seminar,2025-11-02,Chuyên đề trường B\n",
        )
    )
    assert s["created"] == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("kind", KINDS)
def test_export_then_import_reports_everything_unchanged(
    client: TestClient, world: World, filled: None, kind: str, fmt: str
) -> None:
    admin = world.headers("admin")
    # Headed in Vietnamese (the default) or with the machine names (lang=en): both import back.
    for lang in ("vi", "en"):
        r = client.get(f"/api/v1/exports/{kind}.{fmt}?lang={lang}", headers=admin)
        assert r.status_code == 200, r.text
        assert r.headers["content-disposition"].startswith(f'attachment; filename="{kind}.{fmt}"')
        s = summary_of(post(client, admin, kind, r.content, CONTENT_TYPES[fmt]))
        assert s["total"] > 0 and counts(s) == (0, 0, s["total"], 0), (lang, s)
        assert s["ignored_columns"] == []


def test_export_columns_and_values(client: TestClient, world: World, filled: None) -> None:
    admin = world.headers("admin")
    text = client.get("/api/v1/exports/assessment_entries.csv", headers=admin).content.decode("utf-8")
    # Issue 18.4: headed in Vietnamese; the machine names behind lang=en.
    assert text.startswith("\ufeffMã đơn vị,Mã cán bộ,Mã chỉ tiêu,Năm học,Giá trị,Ghi chú,Mã bộ tiêu chí\r\n")
    english = client.get("/api/v1/exports/assessment_entries.csv?lang=en", headers=admin).content
    assert english.decode("utf-8").startswith(
        "\ufeffunit_code,staff_code,indicator_code,school_year,value,note,framework_code\r\n"
    )
    assert_problem(
        client.get("/api/v1/exports/assessment_entries.csv?lang=fr", headers=admin), 422, "query.lang"
    )
    assert "THCS-A,,TC2.1,2025-2026,80.5,Theo sổ,BDC-CSGD" in text
    rows = client.get("/api/v1/exports/activities.json", headers=admin).json()
    training = next(r for r in rows if r["kind"] == "training")
    assert training["learner_count"] == 0 and training["attendees"] == ["A-01", "A-02:0"]
    users = client.get("/api/v1/exports/users.csv", headers=admin).content.decode("utf-8-sig")
    assert users.splitlines()[0] == "Tên đăng nhập,Họ và tên,Vai trò,Mã đơn vị"  # never a password
    initiatives = client.get("/api/v1/exports/initiatives.json", headers=admin).json()
    assert initiatives[0]["authors"] == ["A-01:62.5", "A-02:37.5"]


def test_exports_are_filtered_and_scoped(client: TestClient, world: World, filled: None) -> None:
    def codes(headers: dict[str, str], kind: str, **params: Any) -> list[str]:
        r = client.get(f"/api/v1/exports/{kind}.json", headers=headers, params=params)
        assert r.status_code == 200, r.text
        return [row.get("code") or row.get("title") or row.get("indicator_code") for row in r.json()]

    manager_a = world.headers("manager_a")
    assert codes(manager_a, "staff") == ["A-01", "A-02"]
    assert codes(world.headers("officer"), "staff", unit_id=world.units["TH-B"]) == ["B-01", "B-02"]
    assert len(codes(manager_a, "activities")) == 2  # not school B's
    assert codes(world.headers("officer"), "activities", school_year="2025-2026") == [
        "Bồi dưỡng kỹ năng số",
        "Chuyên đề trường B",
    ]
    assert codes(world.headers("manager_b"), "assessment_entries") == []
    assert len(codes(world.headers("leader"), "assessment_entries", school_year="2026-2027")) == 1
    # The organisation chart is public knowledge: every unit.
    assert len(codes(manager_a, "units")) == 6
    # Read permission per kind: accounts are the administrator's; a key needs the kind's read scope.
    assert_problem(client.get("/api/v1/exports/users.csv", headers=manager_a), 403)
    assert_problem(client.get("/api/v1/exports/staff.csv", headers=world.headers("teacher_a")), 403)
    key = issue(client, world, ["staff:read"], unit_id=world.units["TH-B"])["secret"]
    assert codes({"X-API-Key": key}, "staff") == ["B-01", "B-02"]
    assert_problem(client.get("/api/v1/exports/activities.csv", headers={"X-API-Key": key}), 403)
    assert_problem(client.get("/api/v1/exports/staff.pdf", headers=manager_a), 422)


def test_formula_looking_cells_are_escaped(client: TestClient, world: World) -> None:
    manager = world.headers("manager_a")
    body = (
        "code,full_name,unit_code,position\n"
        'A-80,"=HYPERLINK(""http://example.com"",""x"")",THCS-A,+cmd\n'
        "A-81,@SUM(1),THCS-A,-1+1\n"
        "A-82,Bình Thường,THCS-A,-5\n"
    )
    assert summary_of(post(client, manager, "staff", body))["created"] == 3
    text = client.get("/api/v1/exports/staff.csv", headers=manager).content.decode("utf-8-sig")
    assert '\'=HYPERLINK(""http://example.com"",""x"")' in text
    assert "A-81,'@SUM(1),THCS-A,'-1+1" in text and "A-82,Bình Thường,THCS-A,-5" in text
    assert "'+cmd" in text
    book = client.get("/api/v1/exports/staff.xlsx", headers=manager).content
    sheet = load_workbook(io.BytesIO(book)).worksheets[0]
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert cells["A-80"][1].data_type == "s" and cells["A-80"][1].value.startswith("=HYPERLINK")
    assert cells["A-81"][1].data_type == "s" and cells["A-81"][3].data_type == "s"
    # Either file imports back unchanged: the escape is undone.
    for content, media in ((text.encode(), "text/csv"), (book, XLSX)):
        s = summary_of(post(client, manager, "staff", content, media))
        assert counts(s) == (0, 0, 5, 0)
    stored = client.get("/api/v1/exports/staff.json", headers=manager).json()
    assert {r["code"]: r["full_name"] for r in stored}["A-81"] == "@SUM(1)"
    assert json.dumps(stored)  # plain JSON, nothing escaped there


def test_typed_control_characters_do_not_break_the_xlsx_export(client: TestClient, world: World) -> None:
    """Found by the fuzzer: a title with a control character (kept as typed) made the XLSX export a
    500, since XLSX cannot hold it. The export leaves the character out; CSV and JSON keep it."""
    manager = world.headers("manager_a")
    r = client.post(
        "/api/v1/activities",
        headers=manager,
        json={
            "kind": "seminar",
            "title": "Tọa\x01 đàm\x1f số",
            "activity_date": "2025-10-10",
            "attendees": [],
        },
    )
    assert r.status_code == 201, r.text
    book = client.get("/api/v1/exports/activities.xlsx", headers=manager)
    assert book.status_code == 200, book.text
    sheet = load_workbook(io.BytesIO(book.content)).worksheets[0]
    assert "Tọa đàm số" in [c.value for row in sheet.iter_rows(min_row=2) for c in row]
