"""Scorecard frameworks: the catalogue ships as data, validation names every problem's place,
versions are immutable once used, activation retires the previous version."""

import copy
from io import BytesIO
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.fixtures.assessments import open_window, submitted
from tests.fixtures.frameworks import document_of
from tests.fixtures.generated import generate
from tests.helpers import World, assert_problem

URL = "/api/v1/frameworks"


def test_the_default_frameworks_are_loaded_and_readable_by_everyone(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    for login in ("teacher_a", "manager_b", "finance", "integration"):
        listed = client.get(f"{URL}?status=active", headers=world.headers(login)).json()
        assert {(f["code"], f["max_points"], f["indicator_count"]) for f in listed["items"]} == {
            ("BDC-CSGD", "100.00", 17),
            ("BDC-CANHAN", "100.00", 7),
        }
    unit = client.get(f"{URL}/{catalogue['unit']}", headers=world.headers("teacher_a")).json()
    assert [(c["code"], c["max_points"]) for c in unit["criteria"]] == [
        ("TC1", "25.00"),
        ("TC2", "25.00"),
        ("TC3", "20.00"),
        ("TC4", "15.00"),
        ("TC5", "15.00"),
    ]
    tc52 = unit["criteria"][4]["indicators"][1]
    assert (tc52["code"], tc52["direction"], tc52["is_gate"], tc52["target"]) == (
        "TC5.2",
        "lower",
        True,
        "0.00",
    )
    assert unit["allowed_actions"] == []
    movement = client.get(
        f"/api/v1/movements/{catalogue['movement']}", headers=world.headers("teacher_a")
    ).json()
    assert [p["school_years"] for p in movement["phases"]] == [
        ["2025-2026", "2026-2027"],
        ["2027-2028", "2028-2029", "2029-2030"],
    ]
    assert [a["code"] for a in movement["content_areas"]] == ["ND1", "ND2", "ND3", "ND4", "ND5", "ND6"]


def _base(client: TestClient, world: World, catalogue: dict[str, int]) -> dict[str, Any]:
    doc = document_of(
        client.get(f"{URL}/{catalogue['unit']}", headers=world.headers("officer")).json(),
        catalogue["movement"],
    )
    doc["code"] = "BDC-THU"
    return doc


def _indicator(doc: dict[str, Any], criterion: int, indicator: int) -> dict[str, Any]:
    return doc["criteria"][criterion]["indicators"][indicator]  # type: ignore[no-any-return]


BROKEN = [
    # (what to break, the path that must be named)
    (lambda d: _indicator(d, 1, 0).update(target="0"), "body.criteria.1.indicators.0.target"),
    (lambda d: _indicator(d, 1, 0).update(target=None), "body.criteria.1.indicators.0.target"),
    (lambda d: _indicator(d, 1, 1)["bands"].reverse(), "body.criteria.1.indicators.1.bands.1.min_value"),
    (
        lambda d: _indicator(d, 1, 1)["bands"][2].update(points="9"),
        "body.criteria.1.indicators.1.bands.2.points",
    ),
    (lambda d: _indicator(d, 1, 1).update(target="7"), "body.criteria.1.indicators.1.target"),
    (lambda d: _indicator(d, 1, 2).update(code="TC2.1"), "body.criteria.1.indicators.2.code"),
    (lambda d: d["criteria"][2].update(code="TC1"), "body.criteria.2.code"),
    (lambda d: _indicator(d, 0, 0).update(source="khong_co"), "body.criteria.0.indicators.0.source"),
    (lambda d: _indicator(d, 0, 0).update(source="person_trained"), "body.criteria.0.indicators.0.source"),
    (lambda d: _indicator(d, 1, 0).update(source="plan_on_time"), "body.criteria.1.indicators.0.source"),
    (
        lambda d: _indicator(d, 1, 0).update(content_area_code="ND9"),
        "body.criteria.1.indicators.0.content_area_code",
    ),
    (lambda d: _indicator(d, 1, 0).update(direction="lower"), "body.criteria.1.indicators.0.direction"),
    (lambda d: _indicator(d, 1, 0).update(max_points="0"), "body.criteria.1.indicators.0.max_points"),
    (lambda d: _indicator(d, 1, 0).update(kind="weird"), "body.criteria.1.indicators.0.kind"),
    (lambda d: _indicator(d, 1, 3).update(target="150"), "body.criteria.1.indicators.3.target"),
    (lambda d: d.update(criteria=[]), "body.criteria"),
    (
        lambda d: d.update(
            classification=[
                {"min_percent": "50", "code": "ok", "label": "Đạt"},
                {"min_percent": "80", "code": "top", "label": "Tốt"},
            ]
        ),
        "body.classification.1.min_percent",
    ),
]


@pytest.mark.parametrize(("breaks", "path"), BROKEN)
def test_nonsense_frameworks_are_refused_with_the_place_named(
    client: TestClient, world: World, catalogue: dict[str, int], breaks: Any, path: str
) -> None:
    doc = _base(client, world, catalogue)
    broken = copy.deepcopy(doc)
    breaks(broken)
    assert_problem(client.post(URL, headers=world.headers("officer"), json=broken), 422, path)
    assert client.get(f"{URL}?code=BDC-THU", headers=world.headers("officer")).json()["total"] == 0
    assert client.post(URL, headers=world.headers("officer"), json=doc).status_code == 201


def test_only_commune_staff_edit_frameworks(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    doc = _base(client, world, catalogue)
    for login in ("manager_a", "teacher_a", "leader", "inspector"):
        assert_problem(client.post(URL, headers=world.headers(login), json=doc), 403)
        assert_problem(
            client.post(f"{URL}/{catalogue['unit']}/new-version", headers=world.headers(login)), 403
        )
    created = client.post(URL, headers=world.headers("officer"), json=doc)
    assert created.status_code == 201 and created.json()["status"] == "draft"
    assert created.json()["allowed_actions"] == ["new_version", "update", "activate"]
    assert_problem(client.post(URL, headers=world.headers("officer"), json=doc), 409, "body.code")
    # A draft cannot be assessed against.
    assert_problem(
        client.post(
            "/api/v1/self-assessments",
            headers=world.headers("manager_a"),
            json={"framework_id": created.json()["id"], "school_year": "2025-2026"},
        ),
        422,
        "body.framework_id",
    )


def test_export_keeps_user_text_as_text(client: TestClient, world: World, catalogue: dict[str, int]) -> None:
    officer = world.headers("officer")
    url = f"/api/v1/units/{world.units['THCS-A']}"
    r = client.patch(
        url,
        headers={**officer, "If-Match": client.get(url, headers=officer).headers["etag"]},
        json={"name": '=HYPERLINK("http://x.example","Bấm")'},
    )
    assert r.status_code == 200, r.text
    submitted(client, world, catalogue)
    export = generate(
        client,
        officer,
        "/api/v1/scorecards/export",
        {"framework_id": catalogue["unit"], "school_year": "2025-2026"},
    )
    book = load_workbook(BytesIO(export.content))
    ranking = book["Xếp hạng"]
    assert [c.value for c in ranking[3]][:4] == ["Hạng", "Đối tượng", "Đơn vị", "Trạng thái"]
    name = ranking.cell(row=4, column=2)
    assert name.value == '=HYPERLINK("http://x.example","Bấm")' and name.data_type == "s"
    assert ranking.cell(row=4, column=6).value == 33.6
    # One format (issue 18.4): numbers typed as numbers with display formats, the header frozen.
    assert ranking.cell(row=4, column=6).number_format == "#,##0.00" and ranking.freeze_panes == "A4"
    completion = ranking.cell(row=4, column=9)
    assert completion.number_format == "0.00%" and 0 <= completion.value <= 1
    heat = book["Bản đồ nhiệt"]
    assert [c.value for c in heat[3]][1:3] == ["TC1 (25 điểm)", "TC2 (25 điểm)"]
    assert heat.freeze_panes == "A4" and heat.cell(row=4, column=2).number_format == "0.00%"


def test_a_computed_indicator_takes_its_value_from_the_system(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """verified_individual_share: the share of the school's staff whose individual assessment is verified."""
    officer = world.headers("officer")
    sources = {s["name"]: s["available"] for s in client.get(f"{URL}/sources", headers=officer).json()}
    assert sources["verified_individual_share"] is True and sources["unit_initiatives_recognised"] is True
    assert all(sources.values())  # every declared source has its function by now
    doc = {
        "movement_id": catalogue["movement"],
        "code": "BDC-TU-TINH",
        "name": "Bảng điểm thử chỉ tiêu tự tính",
        "subject_kind": "unit",
        "criteria": [
            {
                "code": "T1",
                "name": "Tự đánh giá cá nhân",
                "indicators": [
                    {
                        "code": "T1.1",
                        "name": "Tỷ lệ cán bộ có tự đánh giá đã xác nhận (%)",
                        "kind": "computed",
                        "source": "verified_individual_share",
                        "rule": "proportional",
                        "target": "100",
                        "max_points": "10",
                    },
                    {
                        "code": "T1.2",
                        "name": "Có quy chế",
                        "kind": "boolean",
                        "rule": "threshold",
                        "target": "1",
                        "max_points": "10",
                    },
                ],
            }
        ],
    }
    created = client.post(URL, headers=officer, json=doc)
    assert created.status_code == 201, created.text
    activated = client.post(
        f"{URL}/{created.json()['id']}/activate", headers={**officer, "If-Match": created.headers["etag"]}
    )
    assert activated.status_code == 200

    # Staff A-01 gets a verified individual assessment; A-02 has none: 1 of 2 = 50 % → 5 points.
    url = f"/api/v1/staff/{world.staff['A-01']}"
    r = client.patch(
        url,
        headers={**officer, "If-Match": client.get(url, headers=officer).headers["etag"]},
        json={"user_id": world.users["teacher_a"].id},
    )
    assert r.status_code == 200
    teacher = world.headers("teacher_a")
    mine = client.post(
        "/api/v1/self-assessments",
        headers=teacher,
        json={"framework_id": catalogue["individual"], "school_year": "2025-2026"},
    )
    etag = mine.headers["etag"]
    values = [{"indicator_code": c, "value": v} for c, v in (("CN1.2", "1"), ("CN3.3", "0"))]
    etag = client.put(
        f"/api/v1/self-assessments/{mine.json()['id']}/entries",
        headers={**teacher, "If-Match": etag},
        json={"entries": values},
    ).headers["etag"]
    etag = client.post(
        f"/api/v1/self-assessments/{mine.json()['id']}/submit", headers={**teacher, "If-Match": etag}
    ).headers["etag"]
    school = client.post(
        "/api/v1/self-assessments",
        headers=world.headers("manager_a"),
        json={"framework_id": created.json()["id"], "school_year": "2025-2026"},
    )
    entry = {e["indicator_code"]: e for e in school.json()["entries"]}["T1.1"]
    assert (entry["self_value"], entry["self_points"]) == ("0.00", "0.00")
    open_window(client, world, created.json()["movement_id"], "2025-2026")
    verified = client.post(
        f"/api/v1/self-assessments/{mine.json()['id']}/verify", headers={**officer, "If-Match": etag}
    )
    assert verified.status_code == 200, verified.text
    school = client.get(f"/api/v1/self-assessments/{school.json()['id']}", headers=world.headers("manager_a"))
    entry = {e["indicator_code"]: e for e in school.json()["entries"]}["T1.1"]
    assert (entry["self_value"], entry["self_points"], entry["computed"]) == ("50.00", "5.00", True)
    # The subject cannot type a computed value.
    r = client.put(
        f"/api/v1/self-assessments/{school.json()['id']}/entries",
        headers={**world.headers("manager_a"), "If-Match": school.headers["etag"]},
        json={"entries": [{"indicator_code": "T1.1", "value": "100"}]},
    )
    assert_problem(r, 422, "body.entries.0.value")
