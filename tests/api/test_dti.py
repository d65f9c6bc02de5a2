"""QĐ 4725 (the Ministry's digital-transformation index): the index as data, a school's self-assessment
with its group levels, and the movement indicators that take their value from it."""

from io import BytesIO

from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.fixtures.api import audit_actions, with_etag
from tests.fixtures.assessments import VALUES, put_values, start, submitted
from tests.fixtures.dti import ANSWERS, URL, enter, levels
from tests.fixtures.imports import counts, post, summary_of, xlsx
from tests.fixtures.reports import URL as REPORTS
from tests.fixtures.reports import request_reports
from tests.helpers import World, assert_problem
from thidua.imports.parsing import XLSX_MEDIA_TYPE as XLSX


def test_the_index_is_published_with_its_sources_and_what_is_unconfirmed(
    client: TestClient, world: World
) -> None:
    r = client.get("/api/v1/dti/index", headers=world.headers("teacher_a"))
    assert r.status_code == 200, r.text
    index = r.json()
    assert [g["code"] for g in index["groups"]] == ["1", "2"]
    assert [(lv["level"], lv["min_points"]) for lv in index["levels"]] == [(3, "75.01"), (2, "50"), (1, "0")]
    by_code = {c["code"]: c for c in index["criteria"]}
    assert by_code["1.1"]["mandatory"] and by_code["1.1"]["max_points"] is None and by_code["1.1"]["verified"]
    assert by_code["1.3"]["max_points"] == "30" and not by_code["1.3"]["verified"]
    # Group I adds up to 100; group II to 90 in the sources found (10 points are not made up).
    assert sum(float(c["max_points"] or 0) for c in index["criteria"] if c["group"] == "1") == 100
    assert sum(float(c["max_points"] or 0) for c in index["criteria"] if c["group"] == "2") == 90
    assert "dti.vnedu.vn" in index["sources"]["levels"] and "90/100" in index["note"]


def test_a_head_enters_the_4725_self_assessment_and_sees_the_levels(client: TestClient, world: World) -> None:
    r = enter(client, world)
    assert r.status_code == 201, r.text
    made = with_etag(r)
    assert made["unit_code"] == "THCS-A" and made["source"] == "entered"
    assert levels(made) == {"1": ("77.00", 3), "2": ("60.00", 2)}
    assert made["overall_level"] is None  # how two group levels make one is not in the sources
    assert made["allowed_actions"] == ["update"]

    # 2.2 (the annual plan, a mandatory condition) not met: group II stays at level 1 whatever its points.
    changed = [
        v if v["criterion_code"] != "2.2" else {"criterion_code": "2.2", "met": False} for v in ANSWERS
    ]
    url = f"{URL}/{made['id']}"
    assert_problem(client.put(url, headers=world.headers("manager_a"), json={"values": changed}), 428)
    r = client.put(
        url, headers={**world.headers("manager_a"), "If-Match": made["etag"]}, json={"values": changed}
    )
    assert r.status_code == 200, r.text
    assert levels(r.json()) == {"1": ("77.00", 3), "2": ("60.00", 1)}
    assert r.json()["groups"][1]["mandatory_unmet"] == ["2.2"]
    assert_problem(
        client.put(
            url, headers={**world.headers("manager_a"), "If-Match": made["etag"]}, json={"values": changed}
        ),
        412,
    )
    assert audit_actions(client, world, "dti_assessment", made["id"]) == ["update", "create"]
    # One per school and year.
    assert_problem(enter(client, world), 409)


def test_bad_answers_name_the_field_and_store_nothing(client: TestClient, world: World) -> None:
    cases = [
        ([{"criterion_code": "9.9", "points": "5"}], "body.values.0.criterion_code"),
        ([{"criterion_code": "1.3", "points": "31"}], "body.values.0.points"),
        ([{"criterion_code": "1.3", "points": "-1"}], "body.values.0.points"),
        ([{"criterion_code": "1.1", "points": "5"}], "body.values.0.points"),
        ([{"criterion_code": "1.3", "met": True}], "body.values.0.met"),
        (
            [{"criterion_code": "1.4", "points": "1"}, {"criterion_code": "1.4", "points": "2"}],
            "body.values.1.criterion_code",
        ),
        ([{"criterion_code": "1.1", "met": 1}], "body.values.0.met"),
    ]
    for values, path in cases:
        assert_problem(enter(client, world, values), 422, path)
    # Another school (manager A cannot write for B), and a unit the index does not apply to.
    assert_problem(enter(client, world, unit_id=world.units["TH-B"]), 422, "body.unit_id")
    assert_problem(enter(client, world, login="officer", unit_id=world.units["VHXH"]), 422, "body.unit_id")
    assert client.get(URL, headers=world.headers("officer")).json()["total"] == 0


def test_another_school_sees_nothing(client: TestClient, world: World) -> None:
    made = enter(client, world).json()
    assert client.get(URL, headers=world.headers("manager_b")).json()["total"] == 0
    assert_problem(client.get(f"{URL}/{made['id']}", headers=world.headers("manager_b")), 404)
    assert_problem(
        client.put(
            f"{URL}/{made['id']}",
            headers={**world.headers("manager_b"), "If-Match": '"1"'},
            json={"values": []},
        ),
        404,
    )
    assert client.get(URL, headers=world.headers("officer")).json()["total"] == 1
    # A teacher reads the school's result but cannot change it.
    assert (
        client.get(f"{URL}/{made['id']}", headers=world.headers("teacher_a")).json()["allowed_actions"] == []
    )
    assert_problem(enter(client, world, login="teacher_a"), 403)


def test_linked_movement_indicators_take_their_value_from_the_4725_result(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = with_etag(put_values(client, world, start(client, world, catalogue), VALUES))
    assert a["score"]["self_total"] == "33.60"
    assert enter(client, world).status_code == 201

    # TC2.1 (4725: 1.3, 1.6): (24 + 14) / (30 + 20) = 76.00 % of 7 points = 5.32 (was 80 % = 5.60).
    # TC2.4 (4725: 1.7): 16 / 20 = 80.00 % of 6 points = 4.80 (was 100 % = 6).
    # TC2.2 (a level) and TC2.3 (a count) are not derived from points: they stay as typed.
    # 33.60 - 5.60 - 6 + 5.32 + 4.80 = 32.12.
    got = client.get(f"/api/v1/self-assessments/{a['id']}", headers=world.headers("manager_a")).json()
    entries = {e["indicator_code"]: (e["self_value"], e["self_points"]) for e in got["entries"]}
    assert entries["TC2.1"] == ("76.00", "5.32")
    assert entries["TC2.4"] == ("80.00", "4.80")
    assert entries["TC2.2"] == ("1.00", "3.00") and entries["TC2.3"] == ("10.00", "3.00")
    assert got["score"]["self_total"] == "32.12"

    linked = client.get(f"/api/v1/dti/linked/{a['id']}", headers=world.headers("manager_a")).json()
    shown = {i["indicator_code"]: i["value"] for i in linked["indicators"]}
    assert shown == {"TC2.1": "76.00", "TC2.2": None, "TC2.3": None, "TC2.4": "80.00"}
    assert [(g["group"], g["level"]) for g in linked["groups"]] == [("1", 3), ("2", 2)]
    assert_problem(client.get(f"/api/v1/dti/linked/{a['id']}", headers=world.headers("manager_b")), 404)


# ---------------------------------------------------------------- import from the DTI platform's export

# The DTI platform's per-criterion table with its Vietnamese headers (docs/dti-4725.md).
DTI_FILE = [
    ["Mã trường", "Năm học", "Mã tiêu chí", "Điểm tự đánh giá"],
    *[
        ["THCS-A", "2025-2026", v["criterion_code"], v.get("points") or ("Đạt" if v["met"] else "Không đạt")]
        for v in ANSWERS
    ],
]


def test_a_4725_import_fills_the_linked_indicators(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = with_etag(put_values(client, world, start(client, world, catalogue), VALUES))
    head = world.headers("manager_a")
    body = xlsx(DTI_FILE)
    dry = summary_of(post(client, head, "dti_4725", body, XLSX, dry_run=True))
    assert dry["status"] == "dry_run" and counts(dry) == (11, 0, 0, 0)
    assert client.get(URL, headers=head).json()["total"] == 0

    key = {"Idempotency-Key": "dti-2025-2026-thcs-a"}
    s = summary_of(post(client, {**head, **key}, "dti_4725", body, XLSX))
    assert counts(s) == (11, 0, 0, 0)
    again = post(client, {**head, **key}, "dti_4725", body, XLSX)
    assert again.headers.get("Idempotent-Replayed") == "true" and counts(summary_of(again)) == (11, 0, 0, 0)
    # Sent again without the key: every row unchanged.
    assert counts(summary_of(post(client, head, "dti_4725", body, XLSX))) == (0, 0, 11, 0)

    made = client.get(URL, headers=head).json()["items"][0]
    assert made["source"] == "imported" and levels(made) == {"1": ("77.00", 3), "2": ("60.00", 2)}
    # The same hand-checked figures as when entered: TC2.1 76.00 % = 5.32, TC2.4 80.00 % = 4.80, total 32.12.
    got = client.get(f"/api/v1/self-assessments/{a['id']}", headers=head).json()
    entries = {e["indicator_code"]: (e["self_value"], e["self_points"]) for e in got["entries"]}
    assert entries["TC2.1"] == ("76.00", "5.32") and entries["TC2.4"] == ("80.00", "4.80")
    assert got["score"]["self_total"] == "32.12"

    # 1.3 lowered to 14: TC2.1 (14 + 14) / 50 = 56.00 % of 7 = 3.92; total 32.12 - 5.32 + 3.92 = 30.72.
    s = summary_of(
        post(
            client, head, "dti_4725", "unit_code,school_year,criterion_code,value\nTHCS-A,2025-2026,1.3,14\n"
        )
    )
    assert counts(s) == (0, 1, 0, 0)
    got = client.get(f"/api/v1/self-assessments/{a['id']}", headers=head).json()
    assert got["score"]["self_total"] == "30.72"

    exported = client.get("/api/v1/exports/dti_4725.csv", headers=head)
    assert exported.status_code == 200 and "THCS-A,2025-2026,1.3,14\r\n" in exported.text


def test_a_bad_4725_file_names_the_rows_and_stores_nothing(client: TestClient, world: World) -> None:
    rows = [
        "unit_code,school_year,criterion_code,value",
        "THCS-A,2025-2026,1.3,24",
        "TH-B,2025-2026,1.3,24",  # another school
        "THCS-A,2025-2026,3.1,5",  # a criterion the index does not have
        "THCS-A,2025-2026,1.4,11",  # over the criterion's 10 points
        "THCS-A,2025-2026,1.1,5",  # a mandatory condition is Đạt / Không đạt
    ]
    s = summary_of(post(client, world.headers("manager_a"), "dti_4725", "\n".join(rows) + "\n"))
    assert s["status"] == "rejected" and counts(s)[3] == 4
    assert [(e["row"], e["column"]) for e in s["errors"]] == [
        (3, "unit_code"),
        (4, "criterion_code"),
        (5, "value"),
        (6, "value"),
    ]
    assert "TH-B" in s["errors"][0]["message_vi"] and "10" in s["errors"][2]["message_vi"]
    assert client.get(URL, headers=world.headers("officer")).json()["total"] == 0
    # A teacher may read the school's result but not import it.
    assert_problem(post(client, world.headers("teacher_a"), "dti_4725", "\n".join(rows[:2]) + "\n"), 403)


def test_the_consolidated_report_annex_shows_the_4725_levels(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    assert enter(client, world).status_code == 201  # THCS A: group I level 3, group II level 2
    request_id = request_reports(client, world, catalogue).json()["id"]
    officer = world.headers("officer")
    data = client.get(f"{REPORTS}/{request_id}/consolidated", headers=officer).json()
    assert {r["unit_code"]: r["dti_levels"] for r in data["rows"]} == {
        "THCS-A": "I: Mức 3; II: Mức 2",
        "TH-B": "",
    }
    sheet = load_workbook(
        BytesIO(client.get(f"{REPORTS}/{request_id}/consolidated.xlsx", headers=officer).content)
    ).active
    assert sheet is not None
    assert sheet.cell(row=3, column=12).value == "Mức CĐS (QĐ 4725)"
    by_unit = {row[1]: row[11] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert by_unit == {"Trường THCS A": "I: Mức 3; II: Mức 2", "Trường Tiểu học B": "—"}
    docx = client.get(
        f"{REPORTS}/{request_id}/consolidated.docx?number=15&signer=Trần Văn Thành", headers=officer
    )
    texts = [p.text for p in Document(BytesIO(docx.content)).paragraphs]
    assert any("4725/QĐ-BGDĐT" in t and "Trường THCS A (I: Mức 3; II: Mức 2)" in t for t in texts)


def test_linked_values_count_as_answered_and_stay_reviewable(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    assert enter(client, world).status_code == 201
    # TC2.1 and TC2.4 are not typed: the 4725 result answers them, so the submission goes through.
    typed = {k: v for k, v in VALUES.items() if k not in ("TC2.1", "TC2.4")}
    a = submitted(client, world, catalogue, values=typed)
    assert a["status"] == "submitted" and a["score"]["self_total"] == "32.12"
    # The reviewer still sets a verified value: TC2.1 60 % of 7 = 4.20 instead of 5.32;
    # verified total 32.12 - 5.32 + 4.20 = 31.00.
    r = client.post(
        f"/api/v1/self-assessments/{a['id']}/review",
        headers={**world.headers("officer"), "If-Match": a["etag"]},
        json={"entries": [{"indicator_code": "TC2.1", "verified_value": "60"}]},
    )
    assert r.status_code == 200, r.text
    entry = next(e for e in r.json()["entries"] if e["indicator_code"] == "TC2.1")
    assert (entry["self_value"], entry["effective_value"], entry["verified_points"]) == (
        "76.00",
        "60.00",
        "4.20",
    )
    assert r.json()["score"]["verified_total"] == "31.00"
