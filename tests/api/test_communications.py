"""Communications (issue 17, point 4): Trung tâm DVSNC keeps a yearly plan with targets per channel and
logs its outputs against it; schools propose honour-board stories that communications returns or
publishes; each school records its website's info corner, shown on the public pages."""

from typing import Any

from fastapi.testclient import TestClient

from tests.fixtures.api import PDF, audit_actions, made, with_etag
from tests.helpers import World, assert_problem

API = "/api/v1"
PLANS = f"{API}/communications/plans"
OUTPUTS = f"{API}/communications/outputs"
PROPOSALS = f"{API}/story-proposals"
CORNERS = f"{API}/info-corners"

PLAN = {
    "school_year": "2025-2026",
    "title": "Kế hoạch truyền thông Phong trào năm học 2025-2026",
    "targets": [{"channel": "radio", "target": 12}, {"channel": "portal", "target": 6}],
}


def _plan(client: TestClient, world: World) -> dict[str, Any]:
    return made(client.post(PLANS, headers=world.headers("comms"), json=PLAN))


def _output(plan_id: int, **overrides: Any) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "channel": "radio",
        "output_date": "2025-10-15",
        "title": "Bản tin chuyển đổi số trong trường học",
        "reach": 1200,
        **overrides,
    }


def _count(client: TestClient, world: World, url: str) -> int:
    return int(client.get(url, headers=world.headers("admin")).json()["total"])


def test_communications_logs_outputs_against_the_plan(client: TestClient, world: World) -> None:
    plan = _plan(client, world)
    assert plan["allowed_actions"] == ["update", "log_output"]
    comms = world.headers("comms")
    for body in (
        _output(plan["id"]),
        _output(plan["id"], output_date="2025-11-02", reach=800, url="https://thanhthuy.gov.vn/tin/1"),
        _output(plan["id"], channel="portal", output_date="2026-08-31", reach=None),
        _output(plan["id"], channel="social", output_date="2025-09-01", reach=0),
    ):
        made(client.post(OUTPUTS, headers=comms, json=body))

    got = with_etag(client.get(f"{PLANS}/{plan['id']}", headers=world.headers("leader")))
    # Targets first in channel order, then a channel logged without a target.
    assert [(t["channel"], t["target"], t["done"], t["reach"]) for t in got["targets"]] == [
        ("radio", 12, 2, 2000),
        ("portal", 6, 1, 0),
        ("social", 0, 1, 0),
    ]
    assert got["output_count"] == 4 and got["allowed_actions"] == []
    log = client.get(f"{OUTPUTS}?plan_id={plan['id']}", headers=world.headers("officer")).json()
    assert [o["output_date"] for o in log["items"]] == [
        "2026-08-31",
        "2025-11-02",
        "2025-10-15",
        "2025-09-01",
    ]
    assert log["items"][0]["channel_label"] == "Cổng thông tin điện tử xã"
    radio = client.get(f"{OUTPUTS}?channel=radio", headers=comms).json()
    assert radio["total"] == 2

    # The plan's targets change under If-Match; a second plan of the same year is a conflict.
    changed = client.patch(
        f"{PLANS}/{plan['id']}",
        headers={**comms, "If-Match": got["etag"]},
        json={"targets": [{"channel": "radio", "target": 20}]},
    )
    assert changed.status_code == 200 and changed.json()["targets"][0]["target"] == 20
    stale = client.patch(
        f"{PLANS}/{plan['id']}", headers={**comms, "If-Match": got["etag"]}, json={"note": "x"}
    )
    assert_problem(stale, 412)
    assert_problem(client.post(PLANS, headers=comms, json=PLAN), 409)
    assert audit_actions(client, world, "comms_plan", plan["id"]) == ["update", "create"]


def test_bad_outputs_are_refused_naming_the_field_and_nothing_is_stored(
    client: TestClient, world: World
) -> None:
    plan = _plan(client, world)
    comms = world.headers("comms")
    cases = [
        (_output(plan["id"], output_date="2025-08-31"), "body.output_date"),  # the year before
        (_output(plan["id"], output_date="2026-09-01"), "body.output_date"),  # the year after
        (_output(plan["id"], url="javascript:alert(1)"), "body.url"),
        (_output(plan["id"], url="ftp://thanhthuy.gov.vn/a"), "body.url"),
        (_output(plan["id"], reach=-1), "body.reach"),
        (_output(plan["id"], channel="tv"), "body.channel"),
        (_output(9999), "body.plan_id"),
    ]
    for body, path in cases:
        assert_problem(client.post(OUTPUTS, headers=comms, json=body), 422, path)
    assert _count(client, world, OUTPUTS) == 0
    twice = {**PLAN, "school_year": "2026-2027", "targets": [{"channel": "radio", "target": 1}] * 2}
    assert_problem(client.post(PLANS, headers=comms, json=twice), 422, "body.targets")
    negative = {**PLAN, "school_year": "2026-2027", "targets": [{"channel": "radio", "target": -3}]}
    assert_problem(client.post(PLANS, headers=comms, json=negative), 422, "body.targets.0.target")
    assert _count(client, world, PLANS) == 1

    # An update that moves the date out of the year changes nothing.
    out = made(client.post(OUTPUTS, headers=comms, json=_output(plan["id"])))
    moved = client.patch(
        f"{OUTPUTS}/{out['id']}",
        headers={**comms, "If-Match": out["etag"]},
        json={"output_date": "2024-12-01"},
    )
    assert_problem(moved, 422, "body.output_date")
    assert client.get(f"{OUTPUTS}/{out['id']}", headers=comms).json()["output_date"] == "2025-10-15"


def test_an_output_file_is_checked_by_content(client: TestClient, world: World) -> None:
    plan = _plan(client, world)
    comms = world.headers("comms")
    out = made(client.post(OUTPUTS, headers=comms, json=_output(plan["id"], channel="bulletin")))
    html = client.post(
        f"{OUTPUTS}/{out['id']}/file",
        headers=comms,
        files={"file": ("ban-tin.pdf", b"<html>x</html>", "application/pdf")},
    )
    assert_problem(html, 422, "body.file")
    assert client.get(f"{OUTPUTS}/{out['id']}", headers=comms).json()["file_url"] is None
    ok = client.post(
        f"{OUTPUTS}/{out['id']}/file",
        headers=comms,
        files={"file": ("Bản tin số 3.pdf", PDF, "application/pdf")},
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["file_name"] == "Bản tin số 3.pdf"
    got = client.get(ok.json()["file_url"], headers=world.headers("leader"))
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-type"] == "application/pdf"


def test_a_school_proposes_a_story_communications_returns_then_publishes(
    client: TestClient, world: World
) -> None:
    manager = world.headers("manager_a")
    comms = world.headers("comms")
    draft = made(
        client.post(
            PROPOSALS,
            headers=manager,
            json={"title": "Cô Hương và lớp học số", "body": "Cô Hương dạy học bằng bảng tương tác."},
        )
    )
    assert draft["unit_id"] == world.units["THCS-A"] and draft["status"] == "draft"
    assert draft["allowed_actions"] == ["update", "submit"]
    # A draft stays with its school: communications does not see it, school B never.
    assert_problem(client.get(f"{PROPOSALS}/{draft['id']}", headers=comms), 404)
    assert_problem(client.get(f"{PROPOSALS}/{draft['id']}", headers=world.headers("manager_b")), 404)
    # Schools cannot publish: neither the proposal nor a story directly.
    assert_problem(
        client.post(f"{PROPOSALS}/{draft['id']}/publish", headers={**manager, "If-Match": "*"}), 403
    )
    assert_problem(client.post(f"{API}/stories", headers=manager, json={"title": "x", "body": "y"}), 403)

    sent = with_etag(
        client.post(f"{PROPOSALS}/{draft['id']}/submit", headers={**manager, "If-Match": draft["etag"]})
    )
    assert sent["status"] == "submitted" and sent["allowed_actions"] == []
    seen = with_etag(client.get(f"{PROPOSALS}/{draft['id']}", headers=comms))
    assert seen["allowed_actions"] == ["return", "publish"]
    assert_problem(
        client.post(
            f"{PROPOSALS}/{draft['id']}/return",
            headers={**comms, "If-Match": seen["etag"]},
            json={"note": ""},
        ),
        422,
        "body.note",
    )
    back = with_etag(
        client.post(
            f"{PROPOSALS}/{draft['id']}/return",
            headers={**comms, "If-Match": seen["etag"]},
            json={"note": "Bổ sung kết quả học sinh đạt được."},
        )
    )
    assert back["status"] == "returned" and back["review_note"] == "Bổ sung kết quả học sinh đạt được."
    assert_problem(client.post(f"{PROPOSALS}/{draft['id']}/publish", headers={**comms, "If-Match": "*"}), 409)

    mine = with_etag(client.get(f"{PROPOSALS}/{draft['id']}", headers=manager))
    edited = with_etag(
        client.patch(
            f"{PROPOSALS}/{draft['id']}",
            headers={**manager, "If-Match": mine["etag"]},
            json={"body": "Cô Hương dạy học bằng bảng tương tác; 95% học sinh hoàn thành bài trực tuyến."},
        )
    )
    again = with_etag(
        client.post(f"{PROPOSALS}/{draft['id']}/submit", headers={**manager, "If-Match": edited["etag"]})
    )
    published = client.post(
        f"{PROPOSALS}/{draft['id']}/publish", headers={**comms, "If-Match": again["etag"]}
    )
    assert published.status_code == 200, published.text
    assert published.json()["status"] == "published"
    story_id = published.json()["story_id"]
    public = client.get(f"{API}/public/stories/{story_id}").json()
    assert public["title"] == "Cô Hương và lớp học số"
    assert public["body"] == "Cô Hương dạy học bằng bảng tương tác; 95% học sinh hoàn thành bài trực tuyến."
    assert audit_actions(client, world, "story_proposal", draft["id"]) == [
        "publish",
        "submit",
        "update",
        "return",
        "submit",
        "create",
    ]
    # Once published the school no longer edits it.
    done = with_etag(client.get(f"{PROPOSALS}/{draft['id']}", headers=manager))
    assert_problem(
        client.patch(
            f"{PROPOSALS}/{draft['id']}", headers={**manager, "If-Match": done["etag"]}, json={"title": "x"}
        ),
        409,
    )


def test_an_author_cannot_publish_their_own_proposal(client: TestClient, world: World) -> None:
    admin = world.headers("admin")
    own = made(
        client.post(
            PROPOSALS,
            headers=admin,
            json={"unit_id": world.units["TH-B"], "title": "Trường B", "body": "Nội dung."},
        )
    )
    sent = with_etag(
        client.post(f"{PROPOSALS}/{own['id']}/submit", headers={**admin, "If-Match": own["etag"]})
    )
    assert sent["allowed_actions"] == []
    refused = client.post(f"{PROPOSALS}/{own['id']}/publish", headers={**admin, "If-Match": sent["etag"]})
    assert_problem(refused, 403, "author_id")
    assert client.get(f"{PROPOSALS}/{own['id']}", headers=admin).json()["status"] == "submitted"
    assert client.get(f"{API}/public/stories").json()["total"] == 0
    # A school proposes only for itself.
    other = client.post(
        PROPOSALS,
        headers=world.headers("manager_a"),
        json={"unit_id": world.units["TH-B"], "title": "B", "body": "x"},
    )
    assert_problem(other, 422, "body.unit_id")


def test_a_school_records_its_info_corner_shown_on_the_public_pages(client: TestClient, world: World) -> None:
    a = world.units["THCS-A"]
    manager = world.headers("manager_a")
    bad = client.put(f"{CORNERS}/{a}", headers={**manager, "If-Match": "*"}, json={"url": "thcsa.edu.vn/pt"})
    assert_problem(bad, 422, "body.url")
    assert client.get(f"{API}/public/info-corners").json() == []
    saved = client.put(
        f"{CORNERS}/{a}",
        headers={**manager, "If-Match": "*"},
        json={"url": "https://thcsa.edu.vn/chuyen-muc/chuyen-doi-so", "title": "Góc chuyển đổi số"},
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["allowed_actions"] == ["update", "delete"]
    # Another school's corner is out of reach.
    other = client.put(
        f"{CORNERS}/{world.units['TH-B']}",
        headers={**manager, "If-Match": "*"},
        json={"url": "https://b.edu.vn"},
    )
    assert_problem(other, 404)
    stale = client.put(f"{CORNERS}/{a}", headers={**manager, "If-Match": '"7"'}, json={"url": "https://x.vn"})
    assert_problem(stale, 412)
    assert client.get(f"{API}/public/info-corners").json() == [
        {
            "unit_id": a,
            "unit_name": "Trường THCS A",
            "url": "https://thcsa.edu.vn/chuyen-muc/chuyen-doi-so",
            "title": "Góc chuyển đổi số",
        }
    ]
    listed = client.get(CORNERS, headers=world.headers("comms")).json()
    assert [c["unit_name"] for c in listed["items"]] == ["Trường THCS A"]
    assert listed["items"][0]["allowed_actions"] == []
