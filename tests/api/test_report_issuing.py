"""The consolidated report issued (seed V.1): its figures are live until it is issued, then a numbered,
dated, signed version is frozen and recorded as sent to the Sở; a correction is a new version and the
earlier one stays readable."""

from datetime import timedelta
from io import BytesIO

from docx import Document
from fastapi.testclient import TestClient

from tests.fixtures.assessments import submitted
from tests.fixtures.reports import URL, open_report, request_reports, write_and_submit
from tests.helpers import World, assert_problem
from thidua.core.models import today


def _text(content: bytes) -> str:
    document = Document(BytesIO(content))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_commune_issues_the_consolidated_report_and_its_figures_freeze(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    # THCS A self-assessed (33.60 of 100 points before reports, tests/fixtures/assessments.py) and
    # reports on time; TH B has neither a scorecard nor a report.
    submitted(client, world, catalogue, "manager_a")
    request_id = request_reports(client, world, catalogue).json()["id"]
    url = f"{URL}/{request_id}"

    def issue(**body: str) -> object:
        return client.post(
            f"{url}/issues",
            headers=officer,
            json={"number": "15", "issued_on": today().isoformat(), "signer": "Trần Văn Thành", **body},
        )

    assert_problem(issue(), 409)  # nobody has reported yet: nothing to consolidate
    write_and_submit(
        client, world, open_report(client, world, request_id, "manager_a"), "manager_a", "THCS A"
    )

    live = client.get(f"{url}/consolidated", headers=officer).json()["totals"]
    assert {k: live[k] for k in ("reports_submitted", "reports_submitted_late", "reports_missing")} == {
        "reports_submitted": 1,
        "reports_submitted_late": 0,
        "reports_missing": 1,
    }
    # THCS A: 33.60 + TC1.3 (1 of 1 request answered on time: 5 points) = 38.60 of 100
    assert (live["units_with_scorecard"], live["average_completion_percent"]) == (1, "38.60")

    # Bad input: each names its field, and nothing is issued.
    tomorrow = (today() + timedelta(days=1)).isoformat()
    assert_problem(issue(number="15/BC-UBND"), 422, "body.number")
    assert_problem(issue(issued_on=tomorrow), 422, "body.issued_on")
    assert_problem(issue(signer=""), 422, "body.signer")
    assert_problem(client.post(f"{url}/issues", headers=world.headers("manager_a"), json={}), 403)
    assert client.get(f"{url}/issues", headers=officer).json() == []

    first = issue()
    assert first.status_code == 201, first.text
    v1 = first.json()
    assert (v1["sequence"], v1["number_line"], v1["recipient"]) == (
        1,
        "15/BC-UBND",
        "Sở Giáo dục và Đào tạo tỉnh Phú Thọ",
    )
    assert v1["issued_by_name"] and v1["sent_at"] and v1["totals"]["units_with_scorecard"] == 1

    # TH B self-assesses afterwards: the live report shows it, the issued version does not change.
    submitted(client, world, catalogue, "manager_b")
    assert client.get(f"{url}/consolidated", headers=officer).json()["totals"]["units_with_scorecard"] == 2
    text = _text(client.get(f"{url}/issues/1.docx", headers=officer).content)
    assert "Số: 15/BC-UBND" in text and "Trần Văn Thành" in text
    assert "- Sở Giáo dục và Đào tạo tỉnh Phú Thọ;" in text
    assert "kết quả học kỳ I năm học 2025-2026 như sau" in text  # the period with its number
    assert "1/2 cơ sở giáo dục nộp báo cáo (0 đơn vị nộp muộn, 1 đơn vị chưa nộp)" in text
    assert "bảng điểm chuẩn của 1/2 đơn vị có bảng điểm: 38,60%" in text

    # A correction is a new version with its own number; the first stays readable.
    assert_problem(issue(), 422, "body.number")  # 15/BC-UBND is taken this year
    second = issue(number="16")
    assert second.status_code == 201 and second.json()["sequence"] == 2
    assert second.json()["totals"]["units_with_scorecard"] == 2
    assert [(v["sequence"], v["number"]) for v in client.get(f"{url}/issues", headers=officer).json()] == [
        (1, "15"),
        (2, "16"),
    ]
    # TH B: 33.60 (its request is not due yet: TC1.3 not counted); (38.60 + 33.60) / 2 = 36.10
    assert "bảng điểm chuẩn của 2/2 đơn vị có bảng điểm: 36,10%" in _text(
        client.get(f"{url}/issues/2.docx", headers=officer).content
    )
    assert "Số: 15/BC-UBND" in _text(client.get(f"{url}/issues/1.docx", headers=officer).content)
    annex = client.get(f"{url}/issues/1.xlsx", headers=officer)
    assert annex.status_code == 200 and annex.content[:2] == b"PK"
    assert_problem(client.get(f"{url}/issues/3.docx", headers=officer), 404)
    assert_problem(client.get(f"{URL}/999999/issues", headers=officer), 404)
