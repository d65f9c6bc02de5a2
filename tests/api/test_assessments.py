"""Self-assessments through the HTTP API: fill, evidence, submit, review, return, verify, freeze.

Scores are hand-computed from shared/CATALOGUE.md. The computed indicators (plans, activities, reports,
initiatives) count 0 here: no such data is made, so TC1.1 (a gate: plan within 30 days) fails.
"""

from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.fixtures.api import PDF, audit_actions, with_etag
from tests.fixtures.assessments import (
    URL,
    VALUES,
    add_required_evidence,
    close_window,
    open_window,
    put_values,
    set_window,
    start,
    submitted,
)
from tests.fixtures.frameworks import document_of
from tests.fixtures.generated import generate
from tests.fixtures.units import link_user_to_staff
from tests.helpers import World, assert_problem


def test_unit_assessment_workflow_end_to_end(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    manager, officer = world.headers("manager_a"), world.headers("officer")
    a = start(client, world, catalogue)
    assert a["status"] == "draft" and a["allowed_actions"] == ["edit", "submit"]
    assert a["score"]["failed_gates"] == ["TC1.1", "TC5.2"]  # nothing answered yet
    assert_problem(
        client.post(
            URL, headers=manager, json={"framework_id": catalogue["unit"], "school_year": "2025-2026"}
        ),
        409,
    )

    a = with_etag(put_values(client, world, a, VALUES))
    score = a["score"]
    assert (score["self_total"], score["verified_total"], score["gap"]) == ("33.60", "33.60", "0.00")
    # TC1.2 and TC1.3 (computed) have no source data yet: missing, like an unanswered value. 15 of 17.
    assert score["data_completeness_percent"] == "88.24"
    assert (score["classification_code"], score["failed_gates"]) == ("not_completed", ["TC1.1"])
    entry = {e["indicator_code"]: e for e in a["entries"]}
    assert entry["TC2.1"]["self_points"] == "5.60" and entry["TC1.1"]["computed"] is True
    assert (entry["TC1.2"]["self_value"], entry["TC1.3"]["self_value"]) == (None, None)
    # Computed values are provisional ("tạm tính") until the scorecard is frozen; typed ones are not.
    assert entry["TC1.1"]["provisional"] is True and entry["TC2.1"]["provisional"] is False
    assert entry["TC1.1"]["source_available"] is True and entry["TC1.1"]["self_value"] == "0"  # no plan yet
    assert entry["TC3.1"]["source_available"] is True and entry["TC3.1"]["self_value"] == "0"  # none yet

    # Evidence is required for TC2.1 and TC5.1 before submitting; nothing changes on refusal.
    problem = assert_problem(
        client.post(f"{URL}/{a['id']}/submit", headers={**manager, "If-Match": a["etag"]}), 422
    )
    assert {e["path"] for e in problem["errors"]} == {"entries.TC2.1.evidence", "entries.TC5.1.evidence"}
    add_required_evidence(client, world, a)
    a = with_etag(client.post(f"{URL}/{a['id']}/submit", headers={**manager, "If-Match": a["etag"]}))
    assert a["status"] == "submitted" and a["allowed_actions"] == []
    assert_problem(put_values(client, world, a, {"TC2.1": "90"}), 409)

    # The officer reviews: TC2.1 is only 60 % by the LMS statistics (4.20 points instead of 5.60).
    open_window(client, world, catalogue["movement"])
    reviewed = client.get(f"{URL}/{a['id']}", headers=officer)
    assert reviewed.json()["allowed_actions"] == ["review", "return", "verify"]
    a = with_etag(
        client.post(
            f"{URL}/{a['id']}/review",
            headers={**officer, "If-Match": reviewed.headers["etag"]},
            json={
                "entries": [
                    {"indicator_code": "TC2.1", "verified_value": "60", "comment": "Thống kê LMS chỉ 60%"}
                ]
            },
        )
    )
    assert (a["score"]["self_total"], a["score"]["verified_total"], a["score"]["gap"]) == (
        "33.60",
        "32.20",
        "1.40",
    )

    a = with_etag(
        client.post(
            f"{URL}/{a['id']}/return",
            headers={**officer, "If-Match": a["etag"]},
            json={
                "reason": "Bổ sung minh chứng TC2.3",
                "entries": [{"indicator_code": "TC2.3", "reason": "Thiếu danh sách học liệu"}],
            },
        )
    )
    assert a["status"] == "returned" and a["return_reason"] == "Bổ sung minh chứng TC2.3"
    assert {e["indicator_code"]: e["return_reason"] for e in a["entries"]}[
        "TC2.3"
    ] == "Thiếu danh sách học liệu"

    a = with_etag(client.get(f"{URL}/{a['id']}", headers=manager))
    a = with_etag(put_values(client, world, a, {"TC2.3": "20"}))  # 20/20 of 6 = 6.00: +3.00
    a = with_etag(client.post(f"{URL}/{a['id']}/submit", headers={**manager, "If-Match": a["etag"]}))
    assert a["status"] == "submitted"
    assert {e["indicator_code"]: e["return_reason"] for e in a["entries"]}["TC2.3"] is None
    assert (a["score"]["self_total"], a["score"]["verified_total"]) == ("36.60", "35.20")

    a = with_etag(client.post(f"{URL}/{a['id']}/verify", headers={**officer, "If-Match": a["etag"]}))
    assert a["status"] == "verified" and a["score"]["frozen"] is True
    assert a["score"]["verified_total"] == "35.20"
    assert {e["indicator_code"]: e["provisional"] for e in a["entries"]}["TC1.1"] is False
    assert_problem(
        client.post(
            f"{URL}/{a['id']}/return", headers={**officer, "If-Match": a["etag"]}, json={"reason": "Muộn"}
        ),
        409,
    )
    actions = audit_actions(client, world, "self_assessment", a["id"])
    assert actions == [
        "verify",
        "submit",
        "update_entries",
        "return",
        "review",
        "submit",
        "update_entries",
        "create",
    ]


def test_verified_scorecard_stays_frozen_when_the_framework_gets_a_new_version(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    a = submitted(client, world, catalogue)
    open_window(client, world, catalogue["movement"])
    a = with_etag(client.post(f"{URL}/{a['id']}/verify", headers={**officer, "If-Match": a["etag"]}))
    before = client.get(f"/api/v1/scorecards/{a['id']}", headers=officer).json()

    fw_url = f"/api/v1/frameworks/{catalogue['unit']}"
    current = client.get(fw_url, headers=officer)
    document = document_of(current.json(), catalogue["movement"])
    refused = assert_problem(
        client.put(fw_url, headers={**officer, "If-Match": current.headers["etag"]}, json=document), 409
    )
    assert f"#{a['id']}" in refused["detail"]

    copy = client.post(f"{fw_url}/new-version", headers=officer)
    assert copy.status_code == 201 and copy.json()["version_number"] == 2 and copy.json()["status"] == "draft"
    document = document_of(copy.json(), catalogue["movement"])
    document["criteria"][1]["indicators"][0]["max_points"] = "17"  # TC2.1 worth far more in version 2
    document["criteria"][1]["indicators"][0]["target"] = "50"
    edited = client.put(
        f"/api/v1/frameworks/{copy.json()['id']}",
        headers={**officer, "If-Match": copy.headers["etag"]},
        json=document,
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["max_points"] == "110.00"
    activated = client.post(
        f"/api/v1/frameworks/{copy.json()['id']}/activate",
        headers={**officer, "If-Match": edited.headers["etag"]},
    )
    assert activated.status_code == 200 and activated.json()["status"] == "active"
    assert client.get(fw_url, headers=officer).json()["status"] == "retired"

    after = client.get(f"/api/v1/scorecards/{a['id']}", headers=officer).json()
    assert after == before and after["verified_total"] == "33.60" and after["max_total"] == "100.00"


@pytest.mark.parametrize(
    ("code", "value", "message_part"),
    [
        ("TC2.1", "120", "0 đến 100"),
        ("TC2.1", "-1", "0 đến 100"),
        ("TC2.3", "-1", "số nguyên"),
        ("TC2.3", "2.5", "số nguyên"),
        ("TC5.1", "2", "0 (không) hoặc 1"),
        ("TC4.3", "1", "tự tính"),
        ("TC2.2", "5", "các mức"),
        ("TC2.1", "33.333", "2 chữ số"),
        ("TC1.1", "1", "tự tính"),
    ],
)
def test_values_that_do_not_fit_the_indicator_are_refused(
    client: TestClient, world: World, catalogue: dict[str, int], code: str, value: str, message_part: str
) -> None:
    a = with_etag(put_values(client, world, start(client, world, catalogue), {"TC2.4": "50"}))
    r = put_values(client, world, a, {"TC3.3": "1", code: value})
    problem = assert_problem(r, 422)
    assert len(problem["errors"]) == 1 and message_part in problem["errors"][0]["message"]
    assert problem["errors"][0]["path"].startswith("body.entries.1.")
    unchanged = client.get(f"{URL}/{a['id']}", headers=world.headers("manager_a"))
    assert unchanged.headers["etag"] == a["etag"] and unchanged.json()["score"]["self_total"] == "3.00"


def test_unknown_indicator_and_malformed_bodies(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = start(client, world, catalogue)
    assert_problem(put_values(client, world, a, {"TC9.9": "1"}), 422, "body.entries.0.indicator_code")
    h = {**world.headers("manager_a"), "If-Match": a["etag"]}
    assert_problem(
        client.put(f"{URL}/{a['id']}/entries", headers=h, json={"entries": []}), 422, "body.entries"
    )
    assert_problem(
        client.put(
            f"{URL}/{a['id']}/entries",
            headers=h,
            json={"entries": [{"indicator_code": "TC2.1", "value": "abc"}]},
        ),
        422,
        "body.entries.0.value",
    )
    assert_problem(
        client.put(
            f"{URL}/{a['id']}/entries",
            headers=world.headers("manager_a"),
            json={"entries": [{"indicator_code": "TC2.1", "value": "1"}]},
        ),
        428,
    )
    assert_problem(
        client.post(
            URL,
            headers=world.headers("manager_a"),
            json={"framework_id": catalogue["unit"], "school_year": "2019-2020"},
        ),
        422,
        "body.school_year",
    )
    assert_problem(
        client.post(
            URL,
            headers=world.headers("manager_a"),
            json={"framework_id": catalogue["unit"], "school_year": "2025"},
        ),
        422,
        "body.school_year",
    )


def test_rounding_is_half_up_at_the_third_decimal(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    # TC2.1: 1.5 % of 7 points = 0.105 → 0.11 (half-up; banker's rounding would give 0.10).
    a = with_etag(put_values(client, world, start(client, world, catalogue), {"TC2.1": "1.5"}))
    assert {e["indicator_code"]: e["self_points"] for e in a["entries"]}["TC2.1"] == "0.11"


def test_evidence_files_are_checked_and_private(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = start(client, world, catalogue)
    h = world.headers("manager_a")
    files_url = f"{URL}/{a['id']}/evidence/files"
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    assert_problem(
        client.post(
            files_url,
            headers=h,
            data={"indicator_code": "TC5.1"},
            files={"file": ("to.pdf", big, "application/pdf")},
        ),
        413,
    )
    assert_problem(
        client.post(
            files_url,
            headers=h,
            data={"indicator_code": "TC5.1"},
            files={"file": ("gia.pdf", b"<script>alert(1)</script>", "application/pdf")},
        ),
        422,
        "body.file",
    )
    assert_problem(
        client.post(
            files_url,
            headers=h,
            data={"indicator_code": "TC9.9"},
            files={"file": ("a.pdf", PDF, "application/pdf")},
        ),
        422,
        "body.indicator_code",
    )
    assert_problem(
        client.post(
            f"{URL}/{a['id']}/evidence/links",
            headers=h,
            json={"indicator_code": "TC2.1", "url": "javascript:alert(1)"},
        ),
        422,
        "body.url",
    )
    r = client.post(
        files_url,
        headers=h,
        data={"indicator_code": "TC5.1"},
        files={"file": ("../../etc/quy chế.pdf", PDF, "application/pdf")},
    )
    assert r.status_code == 201, r.text
    evidence = r.json()
    assert evidence["filename"] == "quy chế.pdf" and evidence["content_type"] == "application/pdf"
    listed = client.get(f"{URL}/{a['id']}", headers=h).json()
    assert [e["id"] for x in listed["entries"] for e in x["evidence"]] == [evidence["id"]]

    download = evidence["download_url"]
    assert_problem(client.get(download, headers=world.headers("manager_b")), 404)
    assert_problem(client.get(download, headers=world.headers("teacher_b")), 404)
    got = client.get(download, headers=world.headers("officer"))
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"].startswith("attachment;")
    assert got.headers["x-content-type-options"] == "nosniff"


def test_another_school_sees_nothing_of_an_assessment(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = submitted(client, world, catalogue)
    for login in ("manager_b", "teacher_b"):
        h = world.headers(login)
        assert_problem(client.get(f"{URL}/{a['id']}", headers=h), 404)
        assert_problem(client.get(f"/api/v1/scorecards/{a['id']}", headers=h), 404)
        assert client.get(URL, headers=h).json()["total"] == 0
        ranking = client.get(
            f"/api/v1/scorecards?framework_id={catalogue['unit']}&school_year=2025-2026", headers=h
        )
        assert ranking.json()["items"] == [] and ranking.json()["ranked_count"] == 1
    assert_problem(
        client.post(
            f"{URL}/{a['id']}/review",
            headers={**world.headers("manager_b"), "If-Match": '"1"'},
            json={"entries": [{"indicator_code": "TC2.1", "verified_value": "0"}]},
        ),
        404,
    )
    # A school manager cannot review or verify their own school's unit assessment: the commune does.
    assert_problem(
        client.post(f"{URL}/{a['id']}/verify", headers={**world.headers("manager_a"), "If-Match": a["etag"]}),
        403,
    )


def test_only_the_school_manager_starts_the_unit_assessment(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    body = {"framework_id": catalogue["unit"], "school_year": "2025-2026"}
    assert_problem(client.post(URL, headers=world.headers("teacher_a"), json=body), 422, "body.unit_id")
    assert_problem(client.post(URL, headers=world.headers("officer"), json=body), 403)
    other = {**body, "unit_id": world.units["TH-B"]}
    assert_problem(client.post(URL, headers=world.headers("manager_a"), json=other), 422, "body.unit_id")
    group = {**body, "unit_id": world.units["THCS-A-KHTN"]}
    assert_problem(client.post(URL, headers=world.headers("manager_a"), json=group), 422, "body.unit_id")


def test_staff_see_only_their_own_individual_assessment(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    for staff_code, login in (("A-02", "teacher_a"), ("A-01", "manager_a")):
        link_user_to_staff(client, world, login, staff_code)
    body = {"framework_id": catalogue["individual"], "school_year": "2025-2026"}
    mine = client.post(URL, headers=world.headers("teacher_a"), json=body)
    assert mine.status_code == 201, mine.text
    assert mine.json()["subject_name"] == "Trần Văn Dũng" and mine.json()["subject_kind"] == "individual"
    boss = client.post(URL, headers=world.headers("manager_a"), json=body)
    assert boss.status_code == 201, boss.text
    # Someone else's staff record cannot be chosen.
    assert_problem(client.post(URL, headers=world.headers("teacher_b"), json=body), 422, "body.staff_id")
    assert_problem(
        client.post(URL, headers=world.headers("teacher_a"), json={**body, "staff_id": world.staff["A-01"]}),
        422,
        "body.staff_id",
    )

    assert [x["id"] for x in client.get(URL, headers=world.headers("teacher_a")).json()["items"]] == [
        mine.json()["id"]
    ]
    assert_problem(client.get(f"{URL}/{boss.json()['id']}", headers=world.headers("teacher_a")), 404)
    # The school's manager sees the individual assessments of the school.
    seen = {x["id"] for x in client.get(URL, headers=world.headers("manager_a")).json()["items"]}
    assert seen == {mine.json()["id"], boss.json()["id"]}
    # CN1.2 level 2 = 12 points; CN3.3 yes = 8 (CN2.1 and CN2.2 are computed: nothing recognised).  20.00.
    a = {**mine.json(), "etag": mine.headers["etag"]}
    r = put_values(client, world, a, {"CN1.2": "2", "CN3.3": "1"}, login="teacher_a")
    assert r.status_code == 200, r.text
    assert r.json()["score"]["self_total"] == "20.00"
    assert_problem(
        put_values(client, world, {**a, "etag": r.headers["etag"]}, {"CN3.3": "0"}, login="manager_a"), 409
    )


def test_ranking_ties_and_the_dashboard_aggregates(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    a = submitted(client, world, catalogue, "manager_a")
    b = submitted(client, world, catalogue, "manager_b")
    url = f"/api/v1/scorecards?framework_id={catalogue['unit']}&school_year=2025-2026"
    ranking = client.get(url, headers=officer).json()
    assert [(x["unit_name"], x["rank"]) for x in ranking["items"]] == [
        ("Trường THCS A", 1),
        ("Trường Tiểu học B", 1),
    ]

    r = client.post(
        f"{URL}/{b['id']}/review",
        headers={**officer, "If-Match": b["etag"]},
        json={"entries": [{"indicator_code": "TC5.2", "verified_value": "1", "comment": "Có 1 sự cố"}]},
    )
    assert r.status_code == 200
    ranking = client.get(url, headers=officer).json()
    rows = [
        (x["unit_name"], x["rank"], x["verified_total"], x["gap"], x["failed_gates"])
        for x in ranking["items"]
    ]
    assert rows == [
        ("Trường THCS A", 1, "33.60", "0.00", ["TC1.1"]),
        ("Trường Tiểu học B", 2, "27.60", "6.00", ["TC1.1", "TC5.2"]),
    ]
    mine = client.get(url, headers=world.headers("manager_b")).json()
    assert [(x["unit_name"], x["rank"]) for x in mine["items"]] == [("Trường Tiểu học B", 2)]

    agg = client.get(
        f"/api/v1/scorecards/aggregates?framework_id={catalogue['unit']}&school_year=2025-2026",
        headers=officer,
    ).json()
    assert agg["subject_count"] == 2 and [c["code"] for c in agg["criteria"]] == [
        "TC1",
        "TC2",
        "TC3",
        "TC4",
        "TC5",
    ]
    heat = {row["subject_name"]: row["completion_by_criterion"] for row in agg["rows"]}
    # TC2: 5.60 + 3 + 3 + 6 = 17.60 of 25 = 70.40 %; TC5 for B: 5 + 0 + 0 = 5 of 15 = 33.33 %.
    assert heat["Trường THCS A"]["TC2"] == "70.40" and heat["Trường Tiểu học B"]["TC5"] == "33.33"
    # TC5 for A: 5 + 6 + 0 = 11 of 15 = 73.33 %; the average over both schools is (73.33 + 33.33) / 2.
    assert agg["criterion_average_completion"]["TC5"] == "53.33"
    areas = {c["code"]: c["average_completion_percent"] for c in agg["content_areas"]}
    assert areas["ND6"] == "53.33" and areas["ND1"] == "0.00"  # ND6 is exactly TC5; ND1 only computed TC1
    assert agg["average_gap"] == "3.00"
    assert {c["code"]: c["count"] for c in agg["classification_distribution"]} == {
        "excellent": 0,
        "good": 0,
        "completed": 0,
        "not_completed": 2,
    }
    # The heatmap pages like the ranking (A first); the figures above stay over every subject.
    second = client.get(
        f"/api/v1/scorecards/aggregates?framework_id={catalogue['unit']}&school_year=2025-2026&limit=1&offset=1",
        headers=officer,
    ).json()
    assert [r["subject_name"] for r in second["rows"]] == ["Trường Tiểu học B"]
    assert (second["limit"], second["offset"], second["subject_count"]) == (1, 1, 2)
    assert second["criterion_average_completion"]["TC5"] == "53.33" and second["average_gap"] == "3.00"
    export = generate(
        client,
        officer,
        "/api/v1/scorecards/export",
        {"framework_id": catalogue["unit"], "school_year": "2025-2026"},
    )
    assert export.content[:2] == b"PK"
    assert a["status"] == "submitted"


# ---------------------------------------------------------------- closing a school year (issue 15.4)


def test_the_evaluation_window_defaults_to_may_to_july_and_the_officer_edits_it(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    url = f"/api/v1/movements/{catalogue['movement']}/evaluation-windows"
    listed = client.get(url, headers=world.headers("manager_a")).json()
    first = listed["items"][0]
    assert (first["school_year"], first["starts_on"], first["ends_on"]) == (
        "2025-2026",
        "2026-05-01",
        "2026-07-31",
    )
    assert first["is_default"] is True and first["version"] == 0 and first["allowed_actions"] == []
    assert listed["total"] == len(listed["items"]) >= 2

    # End before start: 422 naming the field, nothing stored.
    refused = set_window(
        client, world, catalogue["movement"], "2025-2026", date(2026, 6, 1), date(2026, 5, 31)
    )
    assert_problem(refused, 422, "body.ends_on")
    again = client.get(f"{url}/2025-2026", headers=world.headers("officer"))
    assert (again.json()["is_default"], again.headers["etag"]) == (True, '"0"')
    # A school manager cannot set it; a school year outside the movement is 404.
    assert_problem(
        set_window(
            client,
            world,
            catalogue["movement"],
            "2025-2026",
            date(2026, 5, 2),
            date(2026, 7, 31),
            "manager_a",
        ),
        403,
    )
    assert_problem(client.get(f"{url}/2040-2041", headers=world.headers("officer")), 404)

    saved = set_window(
        client, world, catalogue["movement"], "2025-2026", date(2026, 4, 15), date(2026, 8, 15)
    )
    assert saved.status_code == 200, saved.text
    assert (saved.json()["starts_on"], saved.json()["ends_on"], saved.json()["is_default"]) == (
        "2026-04-15",
        "2026-08-15",
        False,
    )
    assert saved.headers["etag"] == '"1"'
    stale = client.put(
        f"{url}/2025-2026",
        headers={**world.headers("officer"), "If-Match": '"0"'},
        json={"starts_on": "2026-05-01", "ends_on": "2026-07-31"},
    )
    assert_problem(stale, 412)


def test_verification_outside_the_window_is_the_leaders_early_close_with_a_reason(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer, leader = world.headers("officer"), world.headers("leader")
    a = submitted(client, world, catalogue)
    close_window(client, world, catalogue["movement"])
    seen = client.get(f"{URL}/{a['id']}", headers=officer).json()
    assert seen["allowed_actions"] == ["review", "return"] and seen["evaluation_window"]["is_open"] is False
    assert client.get(f"{URL}/{a['id']}", headers=leader).json()["allowed_actions"] == ["verify_early"]

    # The officer cannot verify before the window opens; nothing is frozen.
    refused = assert_problem(
        client.post(f"{URL}/{a['id']}/verify", headers={**officer, "If-Match": a["etag"]}),
        409,
        "evaluation_window",
    )
    assert "Lãnh đạo UBND xã" in refused["detail"]
    # Early close without the leader's reason (missing or blank): 422 on the reason; not by the officer.
    early = f"{URL}/{a['id']}/verify-early"
    assert_problem(client.post(early, headers={**leader, "If-Match": a["etag"]}, json={}), 422, "body.reason")
    assert_problem(
        client.post(early, headers={**leader, "If-Match": a["etag"]}, json={"reason": "  "}),
        422,
        "body.reason",
    )
    assert_problem(
        client.post(early, headers={**officer, "If-Match": a["etag"]}, json={"reason": "Sớm"}), 403
    )
    still = client.get(f"{URL}/{a['id']}", headers=officer)
    assert (still.json()["status"], still.json()["score"]["frozen"], still.headers["etag"]) == (
        "submitted",
        False,
        a["etag"],
    )

    closed = client.post(
        early, headers={**leader, "If-Match": a["etag"]}, json={"reason": "Trường sáp nhập từ tháng 1/2026"}
    )
    assert closed.status_code == 200, closed.text
    body = closed.json()
    assert body["status"] == "verified" and body["score"]["frozen"] is True
    assert body["early_verification"]["reason"] == "Trường sáp nhập từ tháng 1/2026"
    assert body["score"]["verified_total"] == "33.60"  # the catalogue values of tests/fixtures/assessments
    assert audit_actions(client, world, "self_assessment", a["id"])[0] == "verify_early"

    # Frozen for good: opening the window changes nothing and a second verification is refused.
    open_window(client, world, catalogue["movement"])
    after = client.get(f"/api/v1/scorecards/{a['id']}", headers=officer).json()
    assert after["verified_total"] == "33.60" and after["frozen"] is True
    assert_problem(
        client.post(f"{URL}/{a['id']}/verify", headers={**officer, "If-Match": closed.headers["etag"]}), 409
    )


def test_inside_the_window_the_officer_verifies_and_no_early_close_is_needed(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = submitted(client, world, catalogue)
    open_window(client, world, catalogue["movement"])
    leader = world.headers("leader")
    assert client.get(f"{URL}/{a['id']}", headers=leader).json()["allowed_actions"] == []
    assert_problem(
        client.post(
            f"{URL}/{a['id']}/verify-early", headers={**leader, "If-Match": a["etag"]}, json={"reason": "x"}
        ),
        409,
        "evaluation_window",
    )
    done = client.post(f"{URL}/{a['id']}/verify", headers={**world.headers("officer"), "If-Match": a["etag"]})
    assert done.status_code == 200 and done.json()["early_verification"] is None


# ---------------------------------------------------------------- self-inspection in the school (15.7)


def _teacher_submits(client: TestClient, world: World, catalogue: dict[str, int]) -> dict[str, object]:
    """teacher_a (staff A-02 of school A) fills and submits their individual self-assessment."""
    for staff_code, login in (("A-02", "teacher_a"), ("A-01", "manager_a")):
        link_user_to_staff(client, world, login, staff_code)
    a = start(client, world, catalogue, "teacher_a", kind="individual")
    values = {"CN1.2": "2", "CN3.3": "0"}  # 12.00 of 100 (CN2.1, CN2.2 computed: nothing recognised)
    a = with_etag(put_values(client, world, a, values, login="teacher_a"))
    return with_etag(
        client.post(f"{URL}/{a['id']}/submit", headers={**world.headers("teacher_a"), "If-Match": a["etag"]})
    )


def test_the_principal_reviews_returns_and_verifies_the_schools_teachers(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    manager, teacher = world.headers("manager_a"), world.headers("teacher_a")
    a = _teacher_submits(client, world, catalogue)
    assert a["status"] == "submitted"
    open_window(client, world, catalogue["movement"])
    seen = client.get(f"{URL}/{a['id']}", headers=manager).json()
    assert seen["allowed_actions"] == ["review", "return", "verify"]

    # Returned by the principal, completed by the teacher, submitted again.
    a = with_etag(
        client.post(
            f"{URL}/{a['id']}/return",
            headers={**manager, "If-Match": a["etag"]},
            json={"reason": "Bổ sung hội thi", "entries": [{"indicator_code": "CN3.3", "reason": "Thiếu"}]},
        )
    )
    assert a["status"] == "returned"
    a = with_etag(client.get(f"{URL}/{a['id']}", headers=teacher))
    a = with_etag(put_values(client, world, a, {"CN3.3": "1"}, login="teacher_a"))  # yes = 8: +8.00
    a = with_etag(client.post(f"{URL}/{a['id']}/submit", headers={**teacher, "If-Match": a["etag"]}))

    # Another school's principal: the teacher's assessment does not exist for them.
    for action, body in (("verify", None), ("return", {"reason": "x"})):
        r = client.post(
            f"{URL}/{a['id']}/{action}",
            headers={**world.headers("manager_b"), "If-Match": a["etag"]},
            json=body,
        )
        assert_problem(r, 404)
    # The principal confirms CN1.2 at level 1 (5 points instead of 12) and verifies: 20.00 - 7 = 13.00.
    a = with_etag(
        client.post(
            f"{URL}/{a['id']}/review",
            headers={**manager, "If-Match": a["etag"]},
            json={"entries": [{"indicator_code": "CN1.2", "verified_value": "1", "comment": "Mức 1"}]},
        )
    )
    assert (a["score"]["self_total"], a["score"]["verified_total"]) == ("20.00", "13.00")
    a = with_etag(client.post(f"{URL}/{a['id']}/verify", headers={**manager, "If-Match": a["etag"]}))
    assert a["status"] == "verified" and a["score"]["frozen"] is True
    assert audit_actions(client, world, "self_assessment", a["id"])[:2] == ["verify", "review"]
    # The commune officer sees it, verified.
    assert client.get(f"{URL}/{a['id']}", headers=world.headers("officer")).json()["status"] == "verified"


def test_the_principal_does_not_review_their_own_or_the_schools_unit_assessment(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    manager = world.headers("manager_a")
    _teacher_submits(client, world, catalogue)
    own = start(client, world, catalogue, "manager_a", kind="individual")
    own = with_etag(put_values(client, world, own, {"CN1.2": "2", "CN3.3": "1"}))
    own = with_etag(client.post(f"{URL}/{own['id']}/submit", headers={**manager, "If-Match": own["etag"]}))
    open_window(client, world, catalogue["movement"])
    assert client.get(f"{URL}/{own['id']}", headers=manager).json()["allowed_actions"] == []
    assert_problem(
        client.post(f"{URL}/{own['id']}/verify", headers={**manager, "If-Match": own["etag"]}), 403
    )
    # The commune officer reviews the principal's own assessment.
    officer_view = client.get(f"{URL}/{own['id']}", headers=world.headers("officer")).json()
    assert officer_view["allowed_actions"] == ["review", "return", "verify"]
