"""The public pages (no login): honour board, stories, published results, certificate verification,
and the commune officer's publication of results. Nothing unpublished and no personal data leaks.

Awards are inserted as rows (the awards API is built elsewhere): achievements with a verification code
are what the system's decisions issued and what the honour board shows."""

import json
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.fixtures.achievements import HAND_ENTERED, insert_awards
from tests.fixtures.api import PNG
from tests.fixtures.assessments import verified
from tests.helpers import World, assert_problem
from thidua.conduct.models import Flag, StaffRating
from thidua.units.models import StaffMember

PUBLIC = "/api/v1/public"
ASSESSMENTS = "/api/v1/self-assessments"
PUBLICATIONS = "/api/v1/result-publications"
STORIES = "/api/v1/stories"

EMAIL = "huong.nguyen@thcs-a.edu.vn"
PHONE = "0912 345 678"
RATING_NOTE = "Hoàn thành xuất sắc nhiệm vụ"
FLAG_NOTE = "Ghi chú kỷ luật nội bộ không công khai"
HONOUR_FIELDS = {
    "recipient_name",
    "unit_name",
    "award_name",
    "level",
    "school_year",
    "round_name",
    "decision_number",
    "decision_date",
    "issuer",
}


@pytest.fixture
def awards(world: World, catalogue: dict[str, int], db: Session) -> dict[str, int]:
    """Awards, plus the personal data around the award-winning teacher that must never go public."""
    staff = db.get(StaffMember, world.staff["A-01"])
    assert staff is not None
    staff.email, staff.phone, staff.user_id = EMAIL, PHONE, world.users["teacher_a"].id
    db.add(staff)
    db.add(
        StaffRating(
            staff_id=world.staff["A-01"],
            unit_id=world.units["THCS-A"],
            school_year="2025-2026",
            rating="excellent",
        )
    )
    db.add(
        Flag(
            unit_id=world.units["THCS-A"],
            staff_id=world.staff["A-01"],
            kind="disciplinary",
            severity="reprimand",
            opened_on=date(2026, 1, 5),
            note=FLAG_NOTE,
        )
    )
    db.commit()
    return insert_awards(db, world, catalogue["movement"])


def publish(client: TestClient, world: World, framework_id: int, school_year: str = "2025-2026") -> Any:
    return client.post(
        PUBLICATIONS,
        headers=world.headers("officer"),
        json={"framework_id": framework_id, "school_year": school_year},
    )


def published_story(client: TestClient, world: World, awards: dict[str, int]) -> dict[str, Any]:
    h = world.headers("comms")
    r = client.post(
        STORIES,
        headers=h,
        json={
            "title": "Cô giáo Nguyễn Thị Hương và lớp học số",
            "summary": "Gương điển hình tiên tiến năm học 2025-2026",
            "body": "Đoạn một.\n\nĐoạn hai.",
            "unit_ids": [world.units["THCS-A"]],
            "achievement_ids": [awards["teacher"]],
        },
    )
    assert r.status_code == 201, r.text
    image = client.post(
        f"{STORIES}/{r.json()['id']}/images", headers=h, files={"file": ("a.png", PNG, "image/png")}
    )
    assert image.status_code == 201, image.text
    etag = client.get(f"{STORIES}/{r.json()['id']}", headers=h).headers["etag"]
    done = client.post(f"{STORIES}/{r.json()['id']}/publish", headers={**h, "If-Match": etag})
    assert done.status_code == 200, done.text
    return done.json()


def everything_public(client: TestClient, world: World, awards: dict[str, int]) -> str:
    """Every public page of a commune with awards, a published story and published results, as text."""
    story = published_story(client, world, awards)
    pages: list[Any] = []
    for url in (
        "/honour-board",
        "/honour-board?subject_kind=individual",
        "/rounds",
        "/stories",
        f"/stories/{story['id']}",
        "/results",
        "/certificates/gk-2026-7qx4m9",
    ):
        r = client.get(PUBLIC + url)
        assert r.status_code == 200, (url, r.text)
        pages.append(r.json())
    for publication in pages[5]["items"]:
        pages.append(client.get(f"{PUBLIC}/results/{publication['id']}").json())
    text = json.dumps(pages, ensure_ascii=False)
    # Not vacuous: the pages do show the award, the story and the published results.
    assert "Nguyễn Thị Hương" in text and "Đoạn hai." in text and "Trường THCS A" in text
    assert '"completion_percent": "33.60"' in text and "GK-2026-7QX4M9" in text
    return text


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


# ---------------------------------------------------------------- honour board


def test_honour_board_shows_issued_awards_newest_decision_first(
    client: TestClient, world: World, awards: dict[str, int]
) -> None:
    board = client.get(f"{PUBLIC}/honour-board")  # no login
    assert board.status_code == 200, board.text
    items = board.json()["items"]
    assert board.json()["total"] == 3
    assert all(set(item) == HONOUR_FIELDS for item in items)
    assert [(i["recipient_name"], i["unit_name"], i["award_name"]) for i in items] == [
        ("Trường Tiểu học B", "Trường Tiểu học B", "Bằng khen"),  # 15/6: newest decision
        ("Trần Văn Dũng", "Tổ Khoa học tự nhiên - THCS A", "Giấy khen"),
        ("Nguyễn Thị Hương", "Trường THCS A", "Giấy khen"),
    ]
    assert items[2] == {
        "recipient_name": "Nguyễn Thị Hương",
        "unit_name": "Trường THCS A",
        "award_name": "Giấy khen",
        "level": "commune",
        "school_year": "2025-2026",
        "round_name": "Khen thưởng năm học 2025-2026",
        "decision_number": "125/QĐ-UBND",
        "decision_date": "2026-05-30",
        "issuer": "Chủ tịch UBND xã Thanh Thủy",
    }

    def names(query: str) -> list[str]:
        r = client.get(f"{PUBLIC}/honour-board?{query}")
        assert r.status_code == 200, r.text
        return [i["recipient_name"] for i in r.json()["items"]]

    assert names("subject_kind=collective") == ["Trường Tiểu học B"]
    assert names("subject_kind=individual") == ["Trần Văn Dũng", "Nguyễn Thị Hương"]
    assert names("level=province") == ["Trường Tiểu học B"]
    assert names(f"unit_id={world.units['THCS-A']}") == [
        "Trần Văn Dũng",
        "Nguyễn Thị Hương",
    ]  # with its groups
    assert names(f"round_id={awards['spring']}&limit=1&offset=1") == ["Trần Văn Dũng"]
    assert names(f"round_id={awards['earlier']}") == []  # only a hand-entered award there
    assert names("school_year=2024-2025") == []
    assert names("q=NGUYỄN thị") == ["Nguyễn Thị Hương"]
    assert names("q=tiểu học") == ["Trường Tiểu học B"]
    assert_problem(client.get(f"{PUBLIC}/honour-board?level=national"), 422, "query.level")
    assert_problem(client.get(f"{PUBLIC}/honour-board?subject_kind=unit"), 422, "query.subject_kind")
    assert_problem(client.get(f"{PUBLIC}/honour-board?school_year=2025"), 422, "query.school_year")


def test_rounds_are_those_with_issued_awards(
    client: TestClient, world: World, awards: dict[str, int]
) -> None:
    r = client.get(f"{PUBLIC}/rounds")
    assert r.status_code == 200
    assert r.json() == [
        {
            "id": awards["spring"],
            "name": "Khen thưởng năm học 2025-2026",
            "kind": "annual",
            "school_year": "2025-2026",
        }
    ]


# ---------------------------------------------------------------- nothing leaks


# What must never reach a public page: (what, its JSON keys, texts of the fixture that would show it).
LEAKS: list[tuple[str, set[str], list[str]]] = [
    ("email", {"email"}, [EMAIL, "@thcs-a"]),
    ("phone", {"phone"}, [PHONE, "0912"]),
    ("staff code", {"code", "staff_code"}, ['"A-01"', '"A-02"', '"B-01"', "THCS-A-KHTN"]),
    ("user id", {"user_id", "author_id", "published_by_id", "staff_id", "unit_id"}, []),
    ("rating", {"rating", "ratings"}, [RATING_NOTE, "excellent"]),
    ("flag", {"flag", "flags", "severity"}, [FLAG_NOTE, "reprimand", "disciplinary"]),
    (
        "achievement without a code",
        set(),
        [HAND_ENTERED, "88/QĐ-UBND", "Khen thưởng năm học 2024-2025"],
    ),
    ("login names", {"login", "author_name"}, ["Comms", "Officer", "Teacher_A"]),
]


def test_public_pages_leak_nothing_private(
    client: TestClient, world: World, awards: dict[str, int], catalogue: dict[str, int]
) -> None:
    verified(client, world, catalogue, "manager_a")
    assert publish(client, world, catalogue["unit"]).status_code == 201
    everything = everything_public(client, world, awards)
    found = _keys(json.loads(everything))
    for what, keys, texts in LEAKS:  # one commune for all eight: building it is most of the time
        assert not keys & found, what
        for text in texts:
            assert text not in everything, (what, text)


def test_public_stories_show_only_published_ones(
    client: TestClient, world: World, awards: dict[str, int]
) -> None:
    h = world.headers("comms")
    draft = client.post(
        STORIES, headers=h, json={"title": "Bản nháp chưa duyệt", "body": "Chưa đăng."}
    ).json()
    client.post(f"{STORIES}/{draft['id']}/images", headers=h, files={"file": ("b.png", PNG, "image/png")})
    image_id = client.get(f"{STORIES}/{draft['id']}", headers=h).json()["images"][0]["id"]
    assert client.get(f"{PUBLIC}/stories").json()["total"] == 0
    assert_problem(client.get(f"{PUBLIC}/stories/{draft['id']}"), 404)
    assert_problem(client.get(f"{PUBLIC}/stories/{draft['id']}/images/{image_id}"), 404)

    story = published_story(client, world, awards)
    listed = client.get(f"{PUBLIC}/stories").json()
    assert [s["title"] for s in listed["items"]] == ["Cô giáo Nguyễn Thị Hương và lớp học số"]
    assert set(listed["items"][0]) == {"id", "title", "summary", "published_at", "image_url"}
    detail = client.get(f"{PUBLIC}/stories/{story['id']}").json()
    assert detail["body"] == "Đoạn một.\n\nĐoạn hai."
    assert detail["units"] == [{"name": "Trường THCS A"}]
    assert [a["recipient_name"] for a in detail["achievements"]] == ["Nguyễn Thị Hương"]
    assert all(set(a) == HONOUR_FIELDS for a in detail["achievements"])
    assert listed["items"][0]["image_url"] == detail["images"][0]["url"]
    picture = client.get(detail["images"][0]["url"])
    assert picture.status_code == 200 and picture.content == PNG
    assert picture.headers["content-type"] == "image/png"
    assert picture.headers["x-content-type-options"] == "nosniff"
    assert picture.headers["content-disposition"].startswith("inline;")
    # Another story's image id is not reachable through this story.
    assert_problem(client.get(f"{PUBLIC}/stories/{story['id']}/images/{image_id}"), 404)
    assert "Bản nháp chưa duyệt" not in json.dumps(listed, ensure_ascii=False)


# ---------------------------------------------------------------- published results


def test_results_are_published_verified_and_unit_only(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    # THCS A: self 33.60, the officer verified TC2.1 at 60 % (4.20 instead of 5.60): 32.20 of 100.
    a = verified(client, world, catalogue, "manager_a", reviewed={"TC2.1": "60"})
    assert (a["score"]["self_total"], a["score"]["verified_total"]) == ("33.60", "32.20")
    verified(client, world, catalogue, "manager_b")  # 33.60: ranks first
    assert client.get(f"{PUBLIC}/results").json()["total"] == 0

    assert_problem(publish(client, world, catalogue["individual"]), 422, "body.framework_id")
    assert_problem(publish(client, world, 999_999), 422, "body.framework_id")
    assert_problem(publish(client, world, catalogue["unit"], "2023-2024"), 422, "body.school_year")
    for login in ("manager_a", "teacher_a", "comms", "leader"):
        r = client.post(
            PUBLICATIONS,
            headers=world.headers(login),
            json={"framework_id": catalogue["unit"], "school_year": "2025-2026"},
        )
        assert_problem(r, 403)
    created = publish(client, world, catalogue["unit"])
    assert created.status_code == 201, created.text
    publication = created.json()
    assert publication["verified_count"] == 2 and publication["allowed_actions"] == ["withdraw"]
    assert_problem(publish(client, world, catalogue["unit"]), 409)
    listed = client.get(PUBLICATIONS, headers=world.headers("officer")).json()
    assert [p["id"] for p in listed["items"]] == [publication["id"]]

    summary = client.get(f"{PUBLIC}/results").json()["items"]
    assert [(s["framework_name"], s["school_year"]) for s in summary] == [
        (publication["framework_name"], "2025-2026")
    ]
    result = client.get(f"{PUBLIC}/results/{publication['id']}").json()
    assert result["rows"] == [
        {
            "rank": 1,
            "unit_name": "Trường Tiểu học B",
            "school_level": "primary",
            "completion_percent": "33.60",
            "classification_label": "Chưa hoàn thành",
        },
        {
            "rank": 2,
            "unit_name": "Trường THCS A",
            "school_level": "lower_secondary",
            "completion_percent": "32.20",  # the verified value, not the self-assessed 33.60
            "classification_label": "Chưa hoàn thành",
        },
    ]

    assert (
        client.delete(f"{PUBLICATIONS}/{publication['id']}", headers=world.headers("manager_a")).status_code
        == 403
    )
    assert (
        client.delete(f"{PUBLICATIONS}/{publication['id']}", headers=world.headers("officer")).status_code
        == 204
    )
    assert_problem(client.get(f"{PUBLIC}/results/{publication['id']}"), 404)
    assert client.get(f"{PUBLIC}/results").json()["total"] == 0
    events = client.get(
        f"/api/v1/audit-events?entity_type=result_publication&entity_id={publication['id']}",
        headers=world.headers("officer"),
    ).json()["items"]
    assert [e["action"] for e in events] == ["withdraw", "publish"]


@pytest.mark.parametrize("state", ["draft", "submitted"])
def test_unverified_assessments_never_appear(
    state: str, client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    verified(client, world, catalogue, "manager_a")
    verified(client, world, catalogue, "manager_b", stop_at=state)
    publication = publish(client, world, catalogue["unit"]).json()
    assert publication["verified_count"] == 1
    result = client.get(f"{PUBLIC}/results/{publication['id']}").json()
    assert [(r["unit_name"], r["rank"]) for r in result["rows"]] == [("Trường THCS A", 1)]
    assert "Tiểu học B" not in json.dumps(result, ensure_ascii=False)


def test_an_unpublished_year_and_self_values_stay_private(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    verified(client, world, catalogue, "manager_a", school_year="2026-2027")  # verified, never published
    verified(client, world, catalogue, "manager_a", reviewed={"TC2.1": "60"})
    publication = publish(client, world, catalogue["unit"]).json()
    summary = client.get(f"{PUBLIC}/results").json()
    assert [s["school_year"] for s in summary["items"]] == ["2025-2026"]
    result = client.get(f"{PUBLIC}/results/{publication['id']}").json()
    assert [r["completion_percent"] for r in result["rows"]] == ["32.20"]
    text = json.dumps(result)
    assert "2026-2027" not in text and "33.60" not in text
    assert not {
        "self_total",
        "self_value",
        "self_completion_percent",
        "gap",
        "verified_total",
        "status",
    } & _keys(result)
    assert_problem(client.get(f"{PUBLIC}/results/{publication['id'] + 1}"), 404)


# ---------------------------------------------------------------- certificates


def test_certificate_verification(client: TestClient, world: World, awards: dict[str, int]) -> None:
    for code in ("GK-2026-7QX4M9", "gk-2026-7qx4m9"):
        r = client.get(f"{PUBLIC}/certificates/{code}")
        assert r.status_code == 200, r.text
        assert r.json() == {
            "verification_code": "GK-2026-7QX4M9",
            "recipient_name": "Nguyễn Thị Hương",
            "unit_name": "Trường THCS A",
            "award_name": "Giấy khen",
            "school_year": "2025-2026",
            "decision_number": "125/QĐ-UBND",
            "decision_date": "2026-05-30",
            "issuer": "Chủ tịch UBND xã Thanh Thủy",
        }
    collective = client.get(f"{PUBLIC}/certificates/BK-2026-CD34").json()
    assert (collective["recipient_name"], collective["award_name"]) == ("Trường Tiểu học B", "Bằng khen")
    unknown = assert_problem(client.get(f"{PUBLIC}/certificates/GK-2026-0000"), 404)
    assert "GK-2026-0000" in unknown["detail"]
    for bad in ("AB1", "GK_2026", "GK%202026", "A" * 21, "GK-2026-%C4%90"):
        assert_problem(client.get(f"{PUBLIC}/certificates/{bad}"), 422, "path.code")


def test_public_pages_are_read_only(client: TestClient, world: World, awards: dict[str, int]) -> None:
    for url in ("/honour-board", "/stories", "/results", "/certificates/GK-2026-7QX4M9"):
        assert_problem(client.post(PUBLIC + url, json={}), 405)
        assert_problem(client.delete(PUBLIC + url), 405)
