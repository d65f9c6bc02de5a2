"""Report requests, the units' reports with pre-filled figures, and the consolidated commune report
as a Decree-30 DOCX with an XLSX annex."""

from io import BytesIO

from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.fixtures.assessments import start
from tests.fixtures.reports import URL, age_request, open_report, request_reports, write_and_submit
from tests.helpers import World, assert_problem


def test_units_answer_and_the_commune_consolidates(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    start(client, world, catalogue)  # THCS A has a self-assessment: its figures show it
    request = request_reports(client, world, catalogue)
    assert request.status_code == 201, request.text
    request_id = request.json()["id"]
    report = open_report(client, world, request_id, "manager_a")
    figures = report.json()["figures"]
    assert figures["assessment_status"] == "draft" and figures["school_year"] == "2025-2026"
    assert report.json()["late"] is False and report.json()["allowed_actions"] == [
        "update",
        "refresh_figures",
        "submit",
    ]
    assert_problem(
        client.post(
            f"/api/v1/reports/{report.json()['id']}/submit",
            headers={**world.headers("manager_a"), "If-Match": report.headers["etag"]},
        ),
        422,
        "body.results",
    )
    submitted = write_and_submit(client, world, report, "manager_a", "THCS A")
    assert submitted.json()["status"] == "submitted" and submitted.json()["allowed_actions"] == []
    assert_problem(
        client.post("/api/v1/reports", headers=world.headers("manager_a"), json={"request_id": request_id}),
        409,
    )

    # School B does not answer. The request shows who did.
    seen = client.get(f"{URL}/{request_id}", headers=world.headers("officer")).json()
    assert [(u["unit_code"], u["status"]) for u in seen["units"]] == [
        ("TH-B", "not_started"),
        ("THCS-A", "submitted"),
    ]
    assert [
        u["unit_code"]
        for u in client.get(f"{URL}/{request_id}", headers=world.headers("manager_b")).json()["units"]
    ] == ["TH-B"]

    data = client.get(f"{URL}/{request_id}/consolidated", headers=world.headers("officer")).json()
    assert data["totals"]["units_asked"] == 2 and data["totals"]["reports_submitted"] == 1
    rows = {r["unit_code"]: r for r in data["rows"]}
    assert rows["THCS-A"]["difficulties"] == "Thiếu thiết bị ở THCS A" and rows["TH-B"]["difficulties"] == ""

    docx = client.get(
        f"{URL}/{request_id}/consolidated.docx?number=15&signer=Trần Văn Thành&issued_on=2026-01-05",
        headers=world.headers("officer"),
    )
    assert docx.status_code == 200 and docx.headers["content-type"].startswith("application/vnd.openxml")
    document = Document(BytesIO(docx.content))
    texts = [p.text for p in document.paragraphs]
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Độc lập - Tự do - Hạnh phúc" in cells
    assert "Số: 15/BC-UBND" in cells and "Thanh Thủy, ngày 05 tháng 01 năm 2026" in cells
    assert (
        "BÁO CÁO" in texts
        and any("Trường THCS A" in c for c in cells)
        and any("Tiểu học B" in c for c in cells)
    )
    assert "Nơi nhận:" in cells and "- Lưu: VT, VHXH." in cells and "TM. ỦY BAN NHÂN DÂN" in cells
    # The deputy chairman signs for the chairman, his name under the block.
    signature = cells[cells.index("TM. ỦY BAN NHÂN DÂN") :]
    assert signature[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signature[3:8] == ["", "", "", "", "Trần Văn Thành"]
    # Issue 18.7: the figures as pictures (PNG, the caption as alternative text), each in one row with
    # a table of the same numbers beside it.
    captions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert captions[:2] == [
        "Biểu đồ 1. Tình hình nộp báo cáo",
        "Biểu đồ 2. Kế hoạch thực hiện của các đơn vị",
    ]
    assert "Biểu đồ 1. Tình hình nộp báo cáo" in texts
    images = [p for p in document.part.related_parts.values() if p.content_type == "image/png"]
    assert len(images) == len(captions) and all(i.blob.startswith(b"\x89PNG") for i in images)
    beside = [t for t in document.tables if t.rows[0].cells[0]._tc.xpath(".//pic:pic")]
    assert len(beside) == len(captions)
    numbers = beside[0].rows[0].cells[1].tables[0]
    assert [[c.text for c in row.cells] for row in numbers.rows] == [
        ["Báo cáo", "Số đơn vị"],
        ["Nộp đúng hạn", "1"],
        ["Nộp muộn", "0"],
        ["Chưa nộp", "1"],
    ]
    plans = beside[1].rows[0].cells[1].tables[0]
    assert [[c.text for c in row.cells] for row in plans.rows] == [
        ["Kế hoạch", "Số đơn vị"],
        ["Chưa lập", "2"],
    ]
    # Without a signer's name the report cannot be signed as generated.
    assert_problem(
        client.get(f"{URL}/{request_id}/consolidated.docx?number=15", headers=world.headers("officer")),
        422,
        "query.signer",
    )
    # The number is only the number: "125/BC-UBND" would print "125/BC-UBND/BC-UBND".
    assert_problem(
        client.get(
            f"{URL}/{request_id}/consolidated.docx?number=125/BC-UBND&signer=Trần Văn Thành",
            headers=world.headers("officer"),
        ),
        422,
        "query.number",
    )
    assert any("Thiếu thiết bị ở THCS A" in t for t in texts)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm), round(section.top_margin.mm)) == (
        30,
        15,
        20,
    )
    assert section.different_first_page_header_footer is True
    body_sizes = {
        r.font.size.pt for p in document.paragraphs for r in p.runs if r.text.strip() and r.font.size
    }
    assert body_sizes <= {11, 12, 12.5, 13, 13.5, 14} and 14 in body_sizes
    assert {r.font.name for p in document.paragraphs for r in p.runs if r.text.strip()} == {"Times New Roman"}

    xlsx = client.get(f"{URL}/{request_id}/consolidated.xlsx", headers=world.headers("officer"))
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert {v[1] for v in values} == {"Trường THCS A", "Trường Tiểu học B"}
    assert next(v for v in values if v[1] == "Trường THCS A")[8] == "Đã nộp"
    # One format (issue 18.4): the header stays in view, figures are numbers with display formats.
    assert sheet.freeze_panes == "A4" and sheet.cell(row=3, column=1).font.b
    a_row = next(row for row in sheet.iter_rows(min_row=4) if row[1].value == "Trường THCS A")
    assert isinstance(a_row[0].value, int) and a_row[0].number_format == "#,##0"
    assert isinstance(a_row[4].value, int) and a_row[4].number_format == "#,##0"  # activities
    trained = a_row[5]
    is_percent = isinstance(trained.value, int | float) and trained.number_format == "0.00%"
    assert trained.value == "—" or is_percent
    assert sheet.column_dimensions["B"].width >= len("Trường Tiểu học B")


def test_reports_only_from_units_asked_and_only_their_own(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    request = request_reports(client, world, catalogue, unit_ids=[world.units["THCS-A"]]).json()
    # School B was not asked: the field is named (a request is a commune document, not B's secret).
    not_asked = client.post(
        "/api/v1/reports", headers=world.headers("manager_b"), json={"request_id": request["id"]}
    )
    assert_problem(not_asked, 422, "body.unit_id")
    unknown = client.post("/api/v1/reports", headers=world.headers("manager_b"), json={"request_id": 99999})
    assert_problem(unknown, 422, "body.request_id")
    assert_problem(
        client.post("/api/v1/reports", headers=world.headers("officer"), json={"request_id": request["id"]}),
        403,
    )
    report = open_report(client, world, request["id"], "manager_a")
    assert_problem(
        client.get(f"/api/v1/reports/{report.json()['id']}", headers=world.headers("manager_b")), 404
    )
    assert (
        client.get(f"/api/v1/reports/{report.json()['id']}", headers=world.headers("officer")).status_code
        == 200
    )
    assert_problem(
        request_reports(client, world, catalogue, unit_ids=[world.units["VHXH"]]), 422, "body.unit_ids.0"
    )
    assert_problem(request_reports(client, world, catalogue, kind="phase_review"), 422, "body.phase_number")
    assert_problem(request_reports(client, world, catalogue, due_date="31/12/2025"), 422, "body.due_date")
    # A due date at least 3 days after the request is made: 2 days is refused, naming the field.
    for days in (-1, 0, 2):
        assert_problem(request_reports(client, world, catalogue, due_in=days), 422, "body.due_date")
    assert request_reports(client, world, catalogue, due_in=3, title="Báo cáo 3 ngày").status_code == 201
    assert_problem(request_reports(client, world, catalogue, kind="monthly"), 422, "body.kind")
    assert_problem(client.post(URL, headers=world.headers("manager_a"), json={}), 403)


def test_late_reports_are_marked_and_feed_tc13(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = start(client, world, catalogue)
    early = request_reports(client, world, catalogue, due_in=10, title="Báo cáo quý I").json()
    past = request_reports(
        client, world, catalogue, due_in=10, title="Báo cáo đột xuất", kind="ad_hoc"
    ).json()
    age_request(world, past["id"], 13)  # due 3 days ago
    due_today = request_reports(client, world, catalogue, due_in=5, title="Báo cáo tháng").json()
    age_request(world, due_today["id"], 5)  # due today, not answered: not missed yet
    request_reports(client, world, catalogue, due_in=20, title="Báo cáo năm")  # not due, not answered
    write_and_submit(
        client, world, open_report(client, world, early["id"], "manager_a"), "manager_a", "đúng hạn"
    )
    late = write_and_submit(
        client, world, open_report(client, world, past["id"], "manager_a"), "manager_a", "muộn"
    )
    assert late.json()["late"] is True
    # TC1.3: counted are the requests answered (quý I, on time; đột xuất, late) and those past their
    # due date (đột xuất); the one due today and the one due in 20 days are not missed yet
    # → 1 on time of 2 → 50 % of 5 points = 2.50.
    got = client.get(f"/api/v1/self-assessments/{a['id']}", headers=world.headers("manager_a")).json()
    assert {e["indicator_code"]: (e["self_value"], e["self_points"]) for e in got["entries"]}["TC1.3"] == (
        "50.00",
        "2.50",
    )
    today_row = client.get(f"{URL}/{due_today['id']}", headers=world.headers("officer")).json()
    assert {u["unit_code"]: u["late"] for u in today_row["units"]} == {"THCS-A": False, "TH-B": False}
    not_yet = client.get(f"{URL}/{past['id']}", headers=world.headers("officer")).json()
    assert {u["unit_code"]: u["late"] for u in not_yet["units"]} == {"THCS-A": True, "TH-B": True}


def test_a_phase_review_covers_every_school_year_of_the_phase(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    for day in ("2025-10-05", "2026-11-10", "2027-10-01"):  # 2025-2026 and 2026-2027 are phase 1
        r = client.post(
            "/api/v1/activities",
            headers=world.headers("manager_a"),
            json={"kind": "seminar", "title": "Tọa đàm chuyển đổi số", "activity_date": day},
        )
        assert r.status_code == 201, r.text
    assert_problem(
        request_reports(client, world, catalogue, kind="phase_review", phase_number=9),
        422,
        "body.phase_number",
    )
    request = request_reports(
        client,
        world,
        catalogue,
        kind="phase_review",
        phase_number=1,
        title="Báo cáo sơ kết 2027",
        school_year="2026-2027",
        unit_ids=[world.units["THCS-A"]],
    ).json()
    report = open_report(client, world, request["id"], "manager_a").json()
    figures = report["figures"]
    assert figures["school_years"] == ["2025-2026", "2026-2027"] and figures["activities"]["seminar"] == 2
    assert [y["school_year"] for y in figures["scorecards_by_year"]] == ["2025-2026", "2026-2027"]
