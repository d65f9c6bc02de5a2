"""Inspections, complete: values held until the school submits, findings per indicator, the lead
closing, the minutes, the commune's decision and yearly plan, and the recommendations' follow-up."""

from io import BytesIO

from docx import Document
from fastapi.testclient import TestClient

from tests.fixtures.api import with_etag
from tests.fixtures.assessments import URL as ASSESSMENTS
from tests.fixtures.assessments import VALUES, add_required_evidence, verified
from tests.fixtures.inspections import URL, add_finding, create_inspection, plan_body, second_inspector
from tests.helpers import World, assert_problem

FINDINGS = "/api/v1/inspection-findings"
PLANS = "/api/v1/inspection-plans"


def _text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _score(client: TestClient, world: World, assessment_id: int) -> tuple[str, str]:
    a = client.get(f"{ASSESSMENTS}/{assessment_id}", headers=world.headers("manager_a")).json()
    return a["score"]["self_total"], a["score"]["verified_total"]


def test_a_value_recorded_on_a_draft_is_held_until_the_school_submits(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    draft = verified(client, world, catalogue, stop_at="draft")
    assert _score(client, world, draft["id"]) == ("33.60", "33.60")
    inspection = create_inspection(client, world)
    body = {"unit_id": world.units["THCS-A"], "values": [{"indicator_code": "TC2.1", "value": "50"}]}
    r = client.post(
        f"{URL}/{inspection.json()['id']}/values",
        headers={**world.headers("inspector"), "If-Match": inspection.headers["etag"]},
        json=body,
    )
    assert r.status_code == 200, r.text
    # Shown beside the school's own value, not yet applied; the scores do not move.
    assert [(v["indicator_code"], v["self_value"], v["value"], v["applied"]) for v in r.json()["values"]] == [
        ("TC2.1", "80.00", "50.00", False)
    ]
    assert _score(client, world, draft["id"]) == ("33.60", "33.60")
    a = client.get(f"{ASSESSMENTS}/{draft['id']}", headers=world.headers("manager_a"))
    assert {e["indicator_code"]: e["verified_value"] for e in a.json()["entries"]}["TC2.1"] is None

    # The school submits: the held value becomes the verified value in the same transaction,
    # 50 % of 7 = 3.50 instead of 5.60, so 33.60 - 2.10 = 31.50.
    add_required_evidence(client, world, draft)
    a = with_etag(client.get(f"{ASSESSMENTS}/{draft['id']}", headers=world.headers("manager_a")))
    s = client.post(
        f"{ASSESSMENTS}/{draft['id']}/submit", headers={**world.headers("manager_a"), "If-Match": a["etag"]}
    )
    assert s.status_code == 200, s.text
    assert _score(client, world, draft["id"]) == ("33.60", "31.50")
    entries = {e["indicator_code"]: e for e in s.json()["entries"]}
    assert entries["TC2.1"]["verified_value"] == "50.00"
    seen = client.get(f"{URL}/{inspection.json()['id']}", headers=world.headers("inspector")).json()
    assert [v["applied"] for v in seen["values"]] == [True]


def test_without_any_self_assessment_values_are_refused(client: TestClient, world: World) -> None:
    inspection = create_inspection(client, world)
    body = {"unit_id": world.units["THCS-A"], "values": [{"indicator_code": "TC2.1", "value": "50"}]}
    r = client.post(
        f"{URL}/{inspection.json()['id']}/values",
        headers={**world.headers("inspector"), "If-Match": inspection.headers["etag"]},
        json=body,
    )
    assert_problem(r, 409)


def test_members_record_findings_and_the_lead_closes_with_minutes(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    verified(client, world, catalogue, stop_at="submitted", values=VALUES)
    other = second_inspector(client, world)
    created = create_inspection(client, world, member_user_ids=[world.users["inspector"].id, other])
    inspection = created.json()
    assert inspection["lead_user_id"] == world.users["inspector"].id
    iid = inspection["id"]
    lead_view = client.get(f"{URL}/{iid}", headers=world.headers("inspector")).json()
    assert lead_view["allowed_actions"] == ["record", "close"]
    member = world.headers_for(other)
    assert client.get(f"{URL}/{iid}", headers=member).json()["allowed_actions"] == ["record"]

    # A member (not the lead) writes a mandatory finding on TC2.1, the lead a general one.
    r = client.post(
        f"{URL}/{iid}/findings",
        headers=member,
        json={
            "unit_id": world.units["THCS-A"],
            "indicator_code": "tc2.1",
            "strengths": "Có kho học liệu số dùng chung.",
            "shortcomings": "Tỷ lệ giáo viên dùng LMS thấp hơn báo cáo.",
            "recommendations": "Tập huấn sử dụng LMS cho giáo viên",
            "mandatory": True,
        },
    )
    assert r.status_code == 201, r.text
    mandatory = with_etag(r)
    assert (mandatory["indicator_code"], mandatory["status"], mandatory["follow_up"]) == (
        "TC2.1",
        "open",
        "pending",
    )
    general = add_finding(client, world, iid, strengths="Nhà trường chuẩn bị hồ sơ đầy đủ.", status="done")
    assert general.status_code == 201, general.text

    # Bad input: unit not inspected, unknown indicator, a finding marked done without content.
    assert_problem(add_finding(client, world, iid, unit_id=world.units["TH-B"]), 422, "body.unit_id")
    assert_problem(add_finding(client, world, iid, indicator_code="TC9.9"), 422, "body.indicator_code")
    assert_problem(add_finding(client, world, iid, status="done"), 422, "body.shortcomings")

    # The member may not close; the lead may not while the mandatory finding is open.
    etag = client.get(f"{URL}/{iid}", headers=world.headers("inspector")).headers["etag"]
    close = {"conclusions": "Nhà trường thực hiện tốt phong trào; cần nâng tỷ lệ sử dụng LMS."}
    assert_problem(
        client.post(f"{URL}/{iid}/close", headers={**member, "If-Match": etag}, json=close),
        403,
        "path.inspection_id",
    )
    refused = assert_problem(
        client.post(
            f"{URL}/{iid}/close", headers={**world.headers("inspector"), "If-Match": etag}, json=close
        ),
        409,
        f"findings.{mandatory['id']}.status",
    )
    assert "bắt buộc" in refused["detail"]
    assert_problem(
        client.patch(
            f"{URL}/{iid}",
            headers={**world.headers("officer"), "If-Match": etag},
            json={"status": "closed"},
        ),
        409,
        f"findings.{mandatory['id']}.status",
    )
    still = client.get(f"{URL}/{iid}", headers=world.headers("inspector"))
    assert (still.json()["status"], still.headers["etag"]) == ("open", etag)
    assert_problem(
        client.post(
            f"{URL}/{iid}/close",
            headers={**world.headers("inspector"), "If-Match": etag},
            json={"conclusions": ""},
        ),
        422,
        "body.conclusions",
    )

    done = client.patch(
        f"{FINDINGS}/{mandatory['id']}",
        headers={**member, "If-Match": mandatory["etag"]},
        json={"status": "done"},
    )
    assert done.status_code == 200, done.text
    closed = client.post(
        f"{URL}/{iid}/close", headers={**world.headers("inspector"), "If-Match": etag}, json=close
    )
    assert closed.status_code == 200, closed.text
    assert (closed.json()["status"], closed.json()["findings"]) == ("closed", close["conclusions"])
    assert closed.json()["allowed_actions"] == []
    # Closed: no more findings (409), and the member's edit neither.
    assert_problem(add_finding(client, world, iid, strengths="Muộn"), 409)
    assert_problem(
        client.patch(
            f"{FINDINGS}/{mandatory['id']}",
            headers={**member, "If-Match": done.headers["etag"]},
            json={"strengths": "Sửa sau khi kết thúc"},
        ),
        409,
    )

    # The minutes: the school's head and the team lead sign; findings and recommendations inside.
    m = client.get(f"{URL}/{iid}/minutes.docx", headers=world.headers("manager_a"))
    assert m.status_code == 200, m.text
    text = _text(m.content)
    for part in (
        "BIÊN BẢN",
        "Kiểm tra định kỳ học kỳ I tại Trường THCS A",
        "TRƯỞNG ĐOÀN",
        "HIỆU TRƯỞNG",
        "Manager_A",
        "Inspector",
        "Trần Thị Kiểm, Thành viên",
        "Tỷ lệ giáo viên dùng LMS thấp hơn báo cáo.",
        "- Tập huấn sử dụng LMS cho giáo viên.",
        close["conclusions"],
    ):
        assert part in text, part
    assert_problem(client.get(f"{URL}/{iid}/minutes.docx", headers=world.headers("manager_b")), 404)
    assert_problem(
        client.get(
            f"{URL}/{iid}/minutes.docx?unit_id={world.units['TH-B']}", headers=world.headers("officer")
        ),
        422,
        "query.unit_id",
    )


def test_findings_on_an_inspection_one_is_not_on_are_refused(client: TestClient, world: World) -> None:
    other = second_inspector(client, world)
    iid = create_inspection(client, world).json()["id"]
    # Not on the team: the inspection is out of reach, exactly like a missing one; the answer names it.
    r = client.post(
        f"{URL}/{iid}/findings", headers=world.headers_for(other), json={"unit_id": world.units["THCS-A"]}
    )
    assert "thành viên đoàn kiểm tra" in assert_problem(r, 404, "path.inspection_id")["detail"]
    assert_problem(add_finding(client, world, iid, login="manager_a"), 403)
    assert client.get(f"{URL}/{iid}/findings", headers=world.headers("officer")).json()["total"] == 0


def test_the_school_reports_recommendations_done(client: TestClient, world: World) -> None:
    iid = create_inspection(client, world, unit_ids=[world.units["THCS-A"], world.units["TH-B"]]).json()["id"]
    a = add_finding(
        client, world, iid, recommendations="Bổ sung quy chế an toàn thông tin", status="done"
    ).json()
    add_finding(
        client, world, iid, unit_id=world.units["TH-B"], recommendations="Cập nhật website", status="done"
    )
    add_finding(client, world, iid, strengths="Không có kiến nghị", status="done")
    # Not yet closed: nothing to follow up.
    assert client.get(FINDINGS, headers=world.headers("manager_a")).json()["total"] == 0
    etag = client.get(f"{URL}/{iid}", headers=world.headers("inspector")).headers["etag"]
    r = client.post(
        f"{URL}/{iid}/close",
        headers={**world.headers("inspector"), "If-Match": etag},
        json={"conclusions": "Đạt."},
    )
    assert r.status_code == 200, r.text

    mine = client.get(FINDINGS, headers=world.headers("manager_a")).json()
    assert [(f["unit_name"], f["recommendations"], f["allowed_actions"]) for f in mine["items"]] == [
        ("Trường THCS A", "Bổ sung quy chế an toàn thông tin", ["report_done"])
    ]
    assert client.get(FINDINGS, headers=world.headers("officer")).json()["total"] == 2
    assert_problem(client.get(f"{FINDINGS}/{a['id']}", headers=world.headers("manager_b")), 404)

    current = client.get(f"{FINDINGS}/{a['id']}", headers=world.headers("manager_a"))
    url = f"{FINDINGS}/{a['id']}/report-done"
    assert_problem(
        client.post(
            url,
            headers={**world.headers("manager_a"), "If-Match": current.headers["etag"]},
            json={"note": ""},
        ),
        422,
        "body.note",
    )
    assert_problem(
        client.post(
            url,
            headers={**world.headers("inspector"), "If-Match": current.headers["etag"]},
            json={"note": "x"},
        ),
        403,
    )
    note = {"note": "Đã ban hành Quy chế số 12/QC-THCSA ngày 05/01/2026."}
    r = client.post(
        url, headers={**world.headers("manager_a"), "If-Match": current.headers["etag"]}, json=note
    )
    assert r.status_code == 200, r.text
    assert (r.json()["follow_up"], r.json()["follow_up_note"], r.json()["allowed_actions"]) == (
        "done",
        note["note"],
        [],
    )
    assert client.get(FINDINGS, headers=world.headers("manager_a")).json()["total"] == 0
    assert client.get(f"{FINDINGS}?follow_up=done", headers=world.headers("officer")).json()["total"] == 1
    assert_problem(
        client.post(url, headers={**world.headers("manager_a"), "If-Match": r.headers["etag"]}, json=note),
        409,
    )


def test_the_commune_issues_the_yearly_plan_and_the_decision(client: TestClient, world: World) -> None:
    officer = world.headers("officer")
    assert_problem(
        client.post(
            PLANS,
            headers=officer,
            json=plan_body(world, items=[{**plan_body(world)["items"][0], "unit_id": world.units["VHXH"]}]),
        ),
        422,
        "body.items.0.unit_id",
    )
    assert_problem(client.post(PLANS, headers=world.headers("inspector"), json=plan_body(world)), 403)
    r = client.post(PLANS, headers=officer, json=plan_body(world))
    assert r.status_code == 201, r.text
    plan = with_etag(r)
    assert [(i["unit_name"], i["scheduled_on"]) for i in plan["items"]] == [
        ("Trường THCS A", "2025-12-15"),
        ("Trường Tiểu học B", "2026-03-10"),
    ]
    assert_problem(client.post(PLANS, headers=officer, json=plan_body(world)), 409, "body.school_year")
    # A draft is the commune's: schools see the plan once issued.
    assert client.get(PLANS, headers=world.headers("manager_a")).json()["total"] == 0
    assert_problem(client.get(f"{PLANS}/{plan['id']}/document.docx", headers=officer), 409)
    issue = {
        "number": "15/KH-UBND",
        "signed_on": "2025-09-20",
        "signer_name": "Phạm Thị Phó",
        "signer_title": "Phó Chủ tịch",
    }
    issued = client.post(
        f"{PLANS}/{plan['id']}/issue", headers={**officer, "If-Match": plan["etag"]}, json=issue
    )
    assert issued.status_code == 200, issued.text
    assert (issued.json()["status"], issued.json()["allowed_actions"]) == ("issued", [])
    assert_problem(
        client.patch(
            f"{PLANS}/{plan['id']}",
            headers={**officer, "If-Match": issued.headers["etag"]},
            json={"title": "Khác"},
        ),
        409,
    )
    assert client.get(PLANS, headers=world.headers("manager_a")).json()["total"] == 1
    doc = client.get(f"{PLANS}/{plan['id']}/document.docx", headers=world.headers("manager_a"))
    assert doc.status_code == 200
    text = _text(doc.content)
    for part in (
        "KẾ HOẠCH",
        "Số: 15/KH-UBND",
        "KT. CHỦ TỊCH",
        "Phạm Thị Phó",
        "15/12/2025",
        "Học liệu số, hồ sơ tự đánh giá TC2.1-TC2.4",
    ):
        assert part in text, part

    # The decision sending the team.
    created = create_inspection(client, world)
    iid = created.json()["id"]
    assert_problem(client.get(f"{URL}/{iid}/decision.docx", headers=officer), 409)
    body = {
        "number": "20/QĐ-UBND",
        "signed_on": "2025-12-01",
        "signer_name": "Hoàng Văn Xã",
        "signer_title": "Chủ tịch",
    }
    assert_problem(
        client.put(
            f"{URL}/{iid}/decision",
            headers={**world.headers("inspector"), "If-Match": created.headers["etag"]},
            json=body,
        ),
        403,
    )
    r = client.put(
        f"{URL}/{iid}/decision", headers={**officer, "If-Match": created.headers["etag"]}, json=body
    )
    assert r.status_code == 200, r.text
    assert r.json()["decision"]["number"] == "20/QĐ-UBND"
    text = _text(client.get(f"{URL}/{iid}/decision.docx", headers=world.headers("inspector")).content)
    for part in ("QUYẾT ĐỊNH", "Số: 20/QĐ-UBND", "Trường THCS A", "Inspector, Trưởng đoàn", "Hoàng Văn Xã"):
        assert part in text, part
    minutes = _text(client.get(f"{URL}/{iid}/minutes.docx", headers=officer).content)
    assert "Căn cứ Quyết định số 20/QĐ-UBND ngày 01/12/2025" in minutes


def test_control_characters_in_a_finding_do_not_break_the_minutes(client: TestClient, world: World) -> None:
    iid = create_inspection(client, world).json()["id"]
    r = add_finding(client, world, iid, shortcomings="Sổ\x01 sách\x0b chưa khớp", status="done")
    assert r.status_code == 201, r.text
    m = client.get(f"{URL}/{iid}/minutes.docx", headers=world.headers("officer"))
    assert m.status_code == 200, m.text
    assert "Sổ sách chưa khớp" in _text(m.content)
