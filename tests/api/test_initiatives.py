"""Initiatives: authors and shares, who may register and recognise them, immutability once recognised or
used by an award, and the computed indicators they feed (TC3.1, TC3.2, CN1.1)."""

import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.fixtures.api import made, with_etag
from tests.fixtures.assessments import VALUES, put_values, start
from tests.fixtures.initiatives import URL, author_shares, create_initiative, recognise
from tests.fixtures.units import link_user_to_staff
from tests.helpers import World, assert_problem
from thidua.awards.models import Achievement
from thidua.db import make_engine
from thidua.initiatives import sources
from thidua.initiatives.models import Initiative
from thidua.scoring.subject import Subject


def _events(client: TestClient, world: World, initiative_id: int) -> list[dict[str, Any]]:
    return client.get(
        f"/api/v1/audit-events?entity_type=initiative&entity_id={initiative_id}",
        headers=world.headers("officer"),
    ).json()["items"]


def test_create_read_edit_delete_with_the_current_version(client: TestClient, world: World) -> None:
    h = world.headers("manager_a")
    created = made(create_initiative(client, world, evidence_links=[{"url": "https://kho.example.vn/sk1"}]))
    assert created["unit_id"] == world.units["THCS-A"] and created["unit_name"] == "Trường THCS A"
    assert created["kind_label"] == "Sáng kiến" and created["school_year"] == "2025-2026"
    assert [(a["staff_code"], a["full_name"], a["share_percent"]) for a in created["authors"]] == [
        ("A-01", "Nguyễn Thị Hương", "60.00"),
        ("A-02", "Trần Văn Dũng", "40.00"),  # from the school's subject group
    ]
    assert created["recognised"] is False and created["recognition_level"] is None
    assert created["recognition_level_label"] is None and created["used"] is False
    assert created["allowed_actions"] == ["update", "delete", "recognise"]
    assert created["evidence_links"] == [{"url": "https://kho.example.vn/sk1", "title": ""}]

    url = f"{URL}/{created['id']}"
    got = client.get(url, headers=h)
    assert got.status_code == 200 and got.headers["etag"] == created["etag"] == '"1"'

    # A title typed in decomposed Unicode is stored composed (NFC), so searches find it.
    decomposed = unicodedata.normalize("NFD", "Bản đồ tư duy số")
    body = {"title": decomposed, "authors": author_shares(world, ("A-02", "100"))}
    assert_problem(client.patch(url, headers=h, json=body), 428)
    edited = client.patch(url, headers={**h, "If-Match": created["etag"]}, json=body)
    assert edited.status_code == 200, edited.text
    assert edited.json()["title"] == "Bản đồ tư duy số"
    assert [a["staff_code"] for a in edited.json()["authors"]] == ["A-02"]
    assert edited.headers["etag"] != created["etag"]
    assert_problem(client.patch(url, headers={**h, "If-Match": created["etag"]}, json={"title": "Cũ"}), 412)
    assert_problem(client.delete(url, headers=h), 428)
    assert_problem(client.delete(url, headers={**h, "If-Match": created["etag"]}), 412)
    assert client.delete(url, headers={**h, "If-Match": edited.headers["etag"]}).status_code == 204
    assert_problem(client.get(url, headers=h), 404)

    events = _events(client, world, created["id"])
    assert [e["action"] for e in events] == ["delete", "update", "create"]
    update = events[1]
    assert update["before"]["title"].startswith("Ứng dụng") and update["after"]["title"] == "Bản đồ tư duy số"
    assert [a["share_percent"] for a in update["before"]["authors"]] == ["60.00", "40.00"]
    assert update["actor_login"] == "manager_a"


def test_bad_inputs_are_refused_with_their_paths(client: TestClient, world: World) -> None:
    def refused(path: str, **fields: Any) -> dict[str, Any]:
        return assert_problem(create_initiative(client, world, **fields), 422, path)

    body = refused("body.authors", authors=author_shares(world, ("A-01", "50"), ("A-02", "40")))
    assert "90.00" in body["errors"][0]["message"]
    refused("body.authors.1.staff_id", authors=author_shares(world, ("A-01", "50"), ("A-01", "50")))
    body = refused("body.authors.0.staff_id", authors=author_shares(world, ("B-01", "100")))
    assert body["errors"][0]["type"] == "not_in_unit"
    refused("body.authors.0.staff_id", authors=[{"staff_id": 999_999, "share_percent": "100"}])
    refused("body.authors", authors=[])
    refused("body.authors.0.share_percent", authors=author_shares(world, ("A-01", "0"), ("A-02", "100")))
    body = refused("body.authors.0.share_percent", authors=author_shares(world, ("A-01", "33.333")))
    assert body["errors"][0]["message"] == "Không được quá 2 chữ số thập phân."
    refused("body.authors.0.share_percent", authors=author_shares(world, ("A-01", "-10"), ("A-02", "110")))
    refused("body.kind", kind="patent")
    refused("body.school_year", school_year="2025-2027")
    refused("body.school_year", school_year="năm nay")
    refused("body.title", title="")
    refused("body.unit_id", unit_id=world.units["TH-B"])
    refused("body.color", color="red")
    refused("body.evidence_links.0.url", evidence_links=[{"url": "javascript:alert(1)"}])
    assert client.get(URL, headers=world.headers("officer")).json()["total"] == 0
    # Shares are exact to the hundredth: 66.67 + 33.33 is 100.
    item = made(
        create_initiative(client, world, authors=author_shares(world, ("A-01", "66.67"), ("A-02", 33.33)))
    )
    assert [a["share_percent"] for a in item["authors"]] == ["66.67", "33.33"]
    url = f"{URL}/{item['id']}"
    h = {**world.headers("manager_a"), "If-Match": item["etag"]}
    assert_problem(
        client.patch(url, headers=h, json={"authors": author_shares(world, ("B-02", "100"))}),
        422,
        "body.authors.0.staff_id",
    )
    assert_problem(client.patch(url, headers=h, json={"kind": "poem"}), 422, "body.kind")
    future = (date.today() + timedelta(days=30)).isoformat()
    body = assert_problem(recognise(client, world, item, "unit", day=future), 422, "body.recognition_date")
    assert "hôm nay" in body["detail"]
    assert_problem(recognise(client, world, item, "district"), 422, "body.recognition_level")
    r = client.post(f"{URL}/{item['id']}/recognition", headers=h, json={"recognition_level": "unit"})
    assert_problem(r, 422, "body.recognition_decision")
    assert client.get(url, headers=h).json()["version"] == 1  # nothing was saved


def test_who_may_read_and_write(client: TestClient, world: World) -> None:
    item = made(create_initiative(client, world))
    url = f"{URL}/{item['id']}"
    for login in ("officer", "leader", "inspector", "comms", "integration", "admin", "teacher_a"):
        r = client.get(url, headers=world.headers(login))
        assert r.status_code == 200, (login, r.text)
    for login in ("leader", "inspector", "comms", "integration"):
        assert client.get(url, headers=world.headers(login)).json()["allowed_actions"] == []
    assert client.get(url, headers=world.headers("officer")).json()["allowed_actions"] == [
        "update",
        "delete",
        "recognise",
    ]
    assert_problem(client.get(URL, headers=world.headers("finance")), 403)
    assert_problem(client.get(url, headers=world.headers("finance")), 403)
    for login in ("manager_b", "teacher_b"):  # another school's initiative does not exist for them
        assert_problem(client.get(url, headers=world.headers(login)), 404)
        assert client.get(URL, headers=world.headers(login)).json()["total"] == 0
        assert_problem(client.patch(url, headers={**world.headers(login), "If-Match": '"1"'}, json={}), 404)
    for login in ("leader", "inspector", "comms", "finance"):
        assert_problem(create_initiative(client, world, login=login), 403)
    # Another school's manager cannot name A's staff; the commune officer registers for any school.
    assert_problem(create_initiative(client, world, login="manager_b"), 422, "body.authors.0.staff_id")
    other = made(
        create_initiative(
            client,
            world,
            login="officer",
            unit_id=world.units["TH-B"],
            authors=author_shares(world, ("B-01", "100")),
        )
    )
    assert other["unit_name"] == "Trường Tiểu học B"

    # A teacher registers their own initiatives only: the account must be linked to a staff record
    # that is among the authors.
    teacher = world.headers("teacher_a")
    assert_problem(create_initiative(client, world, login="teacher_a"), 403)
    link_user_to_staff(client, world, "teacher_a", "A-01")
    assert client.get(url, headers=teacher).json()["allowed_actions"] == ["update", "delete"]
    problem = assert_problem(
        create_initiative(client, world, login="teacher_a", authors=author_shares(world, ("A-02", "100"))),
        422,
        "body.authors",
    )
    assert problem["errors"][0]["type"] == "not_author"
    mine = made(
        create_initiative(client, world, login="teacher_a", authors=author_shares(world, ("A-01", "100")))
    )
    assert mine["allowed_actions"] == ["update", "delete"]
    mine_url = f"{URL}/{mine['id']}"
    dropped = client.patch(
        mine_url,
        headers={**teacher, "If-Match": mine["etag"]},
        json={"authors": author_shares(world, ("A-02", "100"))},
    )
    assert_problem(dropped, 422, "body.authors")
    renamed = client.patch(mine_url, headers={**teacher, "If-Match": mine["etag"]}, json={"title": "Của tôi"})
    assert renamed.status_code == 200 and renamed.json()["title"] == "Của tôi"

    # Not an author of someone else's initiative: refused, and the teacher never recognises.
    theirs = made(create_initiative(client, world, authors=author_shares(world, ("A-02", "100"))))
    assert client.get(f"{URL}/{theirs['id']}", headers=teacher).json()["allowed_actions"] == []
    assert_problem(
        client.patch(f"{URL}/{theirs['id']}", headers={**teacher, "If-Match": theirs["etag"]}, json={}), 403
    )
    assert_problem(
        client.delete(f"{URL}/{theirs['id']}", headers={**teacher, "If-Match": theirs["etag"]}), 403
    )
    assert_problem(recognise(client, world, theirs, "unit", login="teacher_a"), 403)
    assert (
        client.delete(mine_url, headers={**teacher, "If-Match": renamed.headers["etag"]}).status_code == 204
    )


def test_recognition_levels_and_what_is_frozen(client: TestClient, world: World) -> None:
    manager, officer = world.headers("manager_a"), world.headers("officer")
    link_user_to_staff(client, world, "teacher_a", "A-01")
    item = made(create_initiative(client, world))
    url = f"{URL}/{item['id']}"

    problem = assert_problem(recognise(client, world, item, "commune", login="manager_a"), 403)
    assert "cấp cơ sở" in problem["detail"]
    assert_problem(recognise(client, world, item, "province", login="manager_a"), 403)
    assert_problem(recognise(client, world, item, "unit", login="manager_b"), 404)
    no_version = client.post(
        f"{URL}/{item['id']}/recognition",
        headers=manager,
        json={
            "recognition_level": "unit",
            "recognition_decision": "1/QĐ-THCSA",
            "recognition_date": "2026-05-20",
            "recognised_by": "Trường THCS A",
        },
    )
    assert_problem(no_version, 428)
    item = _created_ok(recognise(client, world, item, "unit", login="manager_a"))
    assert item["recognised"] is True and item["recognition_level"] == "unit"
    assert item["recognition_level_label"] == "cấp cơ sở (đơn vị)"
    assert (item["recognition_decision"], item["recognition_date"]) == ("15/QĐ-UBND", "2026-05-20")
    assert item["recognised_by"] == "Hội đồng sáng kiến xã Thử Nghiệm"
    assert item["allowed_actions"] == ["recognise", "withdraw_recognition"]
    assert client.get(url, headers=world.headers("teacher_a")).json()["allowed_actions"] == []

    # Recognised: the content is frozen, for the manager and the author alike, until withdrawn.
    for login in ("manager_a", "teacher_a", "officer"):
        h = {**world.headers(login), "If-Match": item["etag"]}
        problem = assert_problem(client.patch(url, headers=h, json={"title": "Sửa sau công nhận"}), 409)
        assert "thu hồi công nhận" in problem["detail"]
        assert_problem(client.delete(url, headers=h), 409)

    # The commune raises it to commune level; the unit manager can then neither change nor withdraw it.
    item = _created_ok(recognise(client, world, item, "commune"))
    assert item["recognition_level_label"] == "cấp xã"
    assert client.get(url, headers=manager).json()["allowed_actions"] == []
    assert_problem(client.delete(f"{url}/recognition", headers={**manager, "If-Match": item["etag"]}), 403)
    assert_problem(recognise(client, world, item, "unit", login="manager_a"), 403)
    assert_problem(client.delete(f"{url}/recognition", headers=officer), 428)
    withdrawn = client.delete(f"{url}/recognition", headers={**officer, "If-Match": item["etag"]})
    assert withdrawn.status_code == 200, withdrawn.text
    item = {**withdrawn.json(), "etag": withdrawn.headers["etag"]}
    assert item["recognised"] is False and item["recognition_decision"] is None
    assert item["recognition_date"] is None and item["recognised_by"] is None
    assert_problem(client.delete(f"{url}/recognition", headers={**officer, "If-Match": item["etag"]}), 409)
    edited = client.patch(url, headers={**manager, "If-Match": item["etag"]}, json={"title": "Sửa lại"})
    assert edited.status_code == 200
    item = {**edited.json(), "etag": edited.headers["etag"]}

    actions = [e["action"] for e in _events(client, world, item["id"])]
    assert actions == ["update", "withdraw_recognition", "recognise", "recognise", "create"]
    events = _events(client, world, item["id"])
    assert (
        events[1]["before"]["recognition_level"] == "commune"
        and events[1]["after"]["recognition_level"] is None
    )

    # Used by an award (a decision cited it): frozen for good, and the refusal says why.
    item = _created_ok(recognise(client, world, item, "unit", login="manager_a"))
    _mark_used(world, item["id"])
    got = client.get(url, headers=officer)
    assert got.json()["used"] is True and got.json()["allowed_actions"] == []
    h = {**officer, "If-Match": got.headers["etag"]}
    for r in (
        client.patch(url, headers=h, json={"title": "x"}),
        client.delete(url, headers=h),
        client.delete(f"{url}/recognition", headers=h),
        recognise(client, world, {**item, "etag": got.headers["etag"]}, "commune"),
    ):
        problem = assert_problem(r, 409)
        assert "Giấy khen của Chủ tịch UBND xã" in problem["detail"] and "12/QĐ-UBND" in problem["detail"]
    assert client.get(url, headers=officer).json()["recognition_level"] == "unit"


def _created_ok(r: Any) -> dict[str, Any]:
    assert r.status_code == 200, r.text
    return {**r.json(), "etag": r.headers["etag"]}


def _mark_used(world: World, initiative_id: int) -> None:
    """What an award decision does when it cites the initiative (the awards module's job)."""
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        achievement = Achievement(
            unit_id=world.units["THCS-A"],
            staff_id=world.staff["A-01"],
            award_name="Giấy khen của Chủ tịch UBND xã",
            level="commune",
            school_year="2025-2026",
            decision_number="12/QĐ-UBND",
            decision_date=date(2026, 6, 10),
            issuer="Chủ tịch UBND xã",
        )
        session.add(achievement)
        session.flush()
        initiative = session.get(Initiative, initiative_id)
        assert initiative is not None
        initiative.used_by_achievement_id = achievement.id
        session.add(initiative)
        session.commit()
    engine.dispose()


def test_list_filters_and_order(client: TestClient, world: World) -> None:
    officer = world.headers("officer")
    first = made(create_initiative(client, world, title="Giải pháp 100% học bạ số", kind="solution"))
    group = made(
        create_initiative(
            client,
            world,
            title="Học liệu số môn Vật lý",
            kind="digital_material",
            unit_id=world.units["THCS-A-KHTN"],
            authors=author_shares(world, ("A-02", "100")),
        )
    )
    older = made(
        create_initiative(
            client,
            world,
            title="Sáng kiến năm trước",
            school_year="2024-2025",
            authors=author_shares(world, ("A-01", "100")),
        )
    )
    b = made(
        create_initiative(
            client,
            world,
            login="manager_b",
            title="Sáng kiến trường B",
            authors=author_shares(world, ("B-01", "100")),
        )
    )
    _created_ok(recognise(client, world, first, "unit"))
    _created_ok(recognise(client, world, group, "commune"))

    def ids(login: str = "officer", **params: Any) -> list[int]:
        body = client.get(URL, params=params, headers=world.headers(login)).json()
        assert body["total"] == len(body["items"]), body
        return [i["id"] for i in body["items"]]

    # Newest school year first, then the most recently registered.
    assert ids() == [b["id"], group["id"], first["id"], older["id"]]
    assert ids(unit_id=world.units["THCS-A"]) == [group["id"], first["id"], older["id"]]
    assert ids(unit_id=world.units["THCS-A-KHTN"]) == [group["id"]]
    assert ids(school_year="2024-2025") == [older["id"]]
    assert ids(kind="solution") == [first["id"]]
    assert ids(staff_id=world.staff["A-02"]) == [group["id"], first["id"]]
    assert ids(recognised="true") == [group["id"], first["id"]]
    assert ids(recognised="false") == [b["id"], older["id"]]
    assert ids(recognition_level="commune") == [group["id"]]
    assert ids(q="HỌC LIỆU") == [group["id"]]
    assert ids(q="100%") == [first["id"]]
    assert ids(q="%") == [first["id"]]  # a typed % is a character, not a wildcard
    assert ids(login="manager_a") == [group["id"], first["id"], older["id"]]
    page = client.get(f"{URL}?limit=1&offset=1", headers=officer).json()
    assert (page["total"], [i["id"] for i in page["items"]]) == (4, [group["id"]])
    assert_problem(client.get(f"{URL}?kind=poem", headers=officer), 422, "query.kind")
    assert_problem(client.get(f"{URL}?recognition_level=district", headers=officer), 422)
    assert_problem(client.get(f"{URL}?school_year=2025", headers=officer), 422, "query.school_year")


def test_recognised_initiatives_feed_the_scorecards(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = with_etag(put_values(client, world, start(client, world, catalogue), VALUES))
    assert a["score"]["self_total"] == "33.60"
    entry = {e["indicator_code"]: e for e in a["entries"]}
    assert entry["TC3.1"]["source_available"] is True and entry["TC3.1"]["self_value"] == "0"

    one = made(create_initiative(client, world, authors=author_shares(world, ("A-01", "100"))))
    _created_ok(recognise(client, world, one, "unit", login="manager_a"))
    two = made(  # in the subject group: counts for the school
        create_initiative(
            client, world, unit_id=world.units["THCS-A-KHTN"], authors=author_shares(world, ("A-02", "100"))
        )
    )
    _created_ok(recognise(client, world, two, "commune"))
    three = made(
        create_initiative(client, world, authors=author_shares(world, ("A-02", "50"), ("A-01", "50")))
    )
    _created_ok(recognise(client, world, three, "unit", login="manager_a"))
    made(create_initiative(client, world))  # not recognised: does not count
    last_year = made(create_initiative(client, world, school_year="2024-2025"))
    _created_ok(recognise(client, world, last_year, "province"))  # another school year
    b = made(
        create_initiative(client, world, login="manager_b", authors=author_shares(world, ("B-01", "100")))
    )
    _created_ok(recognise(client, world, b, "province"))  # another school

    # TC3.1: 3 recognised, the target → 10; TC3.2: one at commune level → 5.  33.60 + 15 = 48.60.
    got = client.get(f"/api/v1/self-assessments/{a['id']}", headers=world.headers("manager_a")).json()
    entries = {e["indicator_code"]: (e["self_value"], e["self_points"]) for e in got["entries"]}
    assert entries["TC3.1"] == ("3", "10.00")
    assert entries["TC3.2"] == ("1", "5.00")
    assert got["score"]["self_total"] == "48.60"

    # A-01 is an author of two of them: CN1.1 = 2 (threshold 1 → 25 points) on their own scorecard.
    link_user_to_staff(client, world, "teacher_a", "A-01")
    mine = start(client, world, catalogue, "teacher_a", kind="individual")
    person = {e["indicator_code"]: (e["self_value"], e["self_points"]) for e in mine["entries"]}
    assert person["CN1.1"] == ("2", "25.00")
    assert mine["score"]["self_total"] == "25.00"

    # Withdrawing the commune-level recognition: TC3.2 back to 0, TC3.1 2 of 3 → 10 × 2/3 = 6.67.
    # 33.60 + 6.67 = 40.27.
    two = client.get(f"{URL}/{two['id']}", headers=world.headers("officer"))
    r = client.delete(
        f"{URL}/{two.json()['id']}/recognition",
        headers={**world.headers("officer"), "If-Match": two.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    got = client.get(f"/api/v1/self-assessments/{a['id']}", headers=world.headers("manager_a")).json()
    entries = {e["indicator_code"]: (e["self_value"], e["self_points"]) for e in got["entries"]}
    assert (entries["TC3.1"], entries["TC3.2"]) == (("2", "6.67"), ("0", "0.00"))
    assert got["score"]["self_total"] == "40.27"


def test_recognised_materials_and_research_feed_cn21_and_cn22_not_cn11(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """CN2.1 counts the person's recognised digital materials, CN2.2 their recognised research and
    articles; CN1.1 and TC3.1 count only initiatives and solutions ("sáng kiến, giải pháp")."""
    mine = author_shares(world, ("A-01", "100"))
    recognised = {}
    for key, kind, year in (
        ("material", "digital_material", "2025-2026"),
        ("material_2", "digital_material", "2025-2026"),
        ("material_old", "digital_material", "2024-2025"),  # another school year
        ("article", "article", "2025-2026"),
        ("research", "research", "2025-2026"),
        ("initiative", "initiative", "2025-2026"),
    ):
        recognised[key] = made(create_initiative(client, world, authors=mine, kind=kind, school_year=year))
    for key in ("material", "material_old", "article", "research", "initiative"):  # not material_2 yet
        _created_ok(recognise(client, world, recognised[key], "unit", login="manager_a"))

    link_user_to_staff(client, world, "teacher_a", "A-01")
    person = start(client, world, catalogue, "teacher_a", kind="individual")
    assert_problem(put_values(client, world, person, {"CN2.1": "2"}, login="teacher_a"), 422)

    def scores() -> tuple[dict[str, tuple[str, str]], str]:
        got = client.get(
            f"/api/v1/self-assessments/{person['id']}", headers=world.headers("teacher_a")
        ).json()
        return {e["indicator_code"]: (e["self_value"], e["self_points"]) for e in got["entries"]}, got[
            "score"
        ]["self_total"]

    # CN1.1 1 initiative ≥ 1 = 25; CN2.1 1 material of 2 = 7.50; CN2.2 2 (article, research) ≥ 1 = 10.  42.50.
    entries, total = scores()
    assert (entries["CN1.1"], entries["CN2.1"], entries["CN2.2"]) == (
        ("1", "25.00"),
        ("1", "7.50"),
        ("2", "10.00"),
    )
    assert total == "42.50"
    # The second material recognised: CN2.1 2 of 2 = 15.  50.00.
    _created_ok(recognise(client, world, recognised["material_2"], "unit", login="manager_a"))
    entries, total = scores()
    assert (entries["CN2.1"], total) == (("2", "15.00"), "50.00")
    # The school's TC3.1 counts only the initiative: 1 of 3 → 10 × 1/3 = 3.33.
    school = start(client, world, catalogue)
    assert {e["indicator_code"]: e["self_points"] for e in school["entries"]}["TC3.1"] == "3.33"


def test_sources_compute_many_subjects_at_once(client: TestClient, world: World) -> None:
    one = made(create_initiative(client, world, authors=author_shares(world, ("A-01", "100"))))
    _created_ok(recognise(client, world, one, "unit"))
    two = made(
        create_initiative(
            client, world, unit_id=world.units["THCS-A-KHTN"], authors=author_shares(world, ("A-02", "100"))
        )
    )
    _created_ok(recognise(client, world, two, "unit"))
    b = made(
        create_initiative(client, world, login="manager_b", authors=author_shares(world, ("B-02", "100")))
    )
    _created_ok(recognise(client, world, b, "province"))
    made(create_initiative(client, world, login="manager_b", authors=author_shares(world, ("B-01", "100"))))

    u = world.units
    commune, a, group, tb = (Subject(u[c]) for c in ("UBND", "THCS-A", "THCS-A-KHTN", "TH-B"))
    people = [Subject(u["THCS-A"], world.staff[c]) for c in ("A-01", "A-02")] + [
        Subject(u["TH-B"], world.staff[c]) for c in ("B-01", "B-02")
    ]
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        counts = sources.unit_initiatives_recognised(session, [a, tb], "2025-2026")
        assert counts == {a: Decimal(2), tb: Decimal(1)}
        # Each subject alone: the commune sees everything below it; the group only its own.
        assert sources.unit_initiatives_recognised(session, [commune], "2025-2026") == {commune: Decimal(3)}
        assert sources.unit_initiatives_recognised(session, [group], "2025-2026") == {group: Decimal(1)}
        assert sources.unit_initiatives_recognised(session, [a], "2024-2025") == {a: Decimal(0)}
        levels = sources.unit_initiatives_recognised_commune_level(session, [a, tb], "2025-2026")
        assert levels == {a: Decimal(0), tb: Decimal(1)}
        alone = sources.unit_initiatives_recognised_commune_level(session, [commune], "2025-2026")
        assert alone == {commune: Decimal(1)}
        persons = sources.person_initiatives_recognised(session, [*people, a], "2025-2026")
        assert [persons[p] for p in people] == [Decimal(1), Decimal(1), Decimal(0), Decimal(1)]
        assert persons[a] is None  # not an individual subject
    engine.dispose()
