"""Stories of exemplary models for the honour board: written by communications, read by the commune,
images checked by content, published and withdrawn; drafts never reach the public pages."""

import hashlib
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.fixtures.achievements import insert_awards
from tests.fixtures.api import JPEG, PDF, PNG, audit_actions
from tests.helpers import World, assert_problem
from thidua.db import make_engine
from thidua.stories.service import MAX_IMAGE_BYTES

URL = "/api/v1/stories"
PUBLIC = "/api/v1/public/stories"


@pytest.fixture
def awards(world: World, catalogue: dict[str, int]) -> dict[str, int]:
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        ids = insert_awards(session, world, catalogue["movement"])
    engine.dispose()
    return ids


def _create(client: TestClient, world: World, login: str = "comms", **overrides: Any) -> Any:
    body = {
        "title": "Trường THCS A: chuyển đổi số từ lớp học",
        "summary": "Gương điển hình tiên tiến năm học 2025-2026",
        "body": "Đoạn thứ nhất.\r\n\r\nĐoạn thứ hai <b>không phải HTML</b>.  \n",
        **overrides,
    }
    return client.post(URL, headers=world.headers(login), json=body)


def _upload(client: TestClient, world: World, story_id: int, name: str, content: bytes, ctype: str) -> Any:
    return client.post(
        f"{URL}/{story_id}/images",
        headers=world.headers("comms"),
        data={"caption": "Giờ học với bảng tương tác"},
        files={"file": (name, content, ctype)},
    )


def test_communications_write_stories_and_the_commune_reads_them(
    client: TestClient, world: World, awards: dict[str, int]
) -> None:
    created = _create(
        client, world, unit_ids=[world.units["THCS-A"]], achievement_ids=[awards["teacher"], awards["school"]]
    )
    assert created.status_code == 201, created.text
    story = created.json()
    assert created.headers["etag"] == '"1"'
    assert story["status"] == "draft" and story["published_at"] is None
    assert story["allowed_actions"] == ["update", "delete", "publish", "add_image"]
    # Plain text: line breaks normalised, nothing interpreted or stripped besides trailing spaces.
    assert story["body"] == "Đoạn thứ nhất.\n\nĐoạn thứ hai <b>không phải HTML</b>."
    assert story["units"] == [{"id": world.units["THCS-A"], "name": "Trường THCS A"}]
    assert [(a["recipient_name"], a["award_name"]) for a in story["achievements"]] == [
        ("Nguyễn Thị Hương", "Giấy khen"),
        ("Trường Tiểu học B", "Bằng khen"),
    ]
    assert story["author_name"] == "Comms"

    for login in ("leader", "officer", "admin"):
        got = client.get(f"{URL}/{story['id']}", headers=world.headers(login))
        assert got.status_code == 200 and got.json()["title"] == story["title"]
        assert got.headers["etag"] == '"1"'
    assert client.get(f"{URL}/{story['id']}", headers=world.headers("leader")).json()["allowed_actions"] == []
    for login in ("manager_a", "teacher_a", "finance", "inspector"):
        assert_problem(client.get(URL, headers=world.headers(login)), 403)
        assert_problem(client.get(f"{URL}/{story['id']}", headers=world.headers(login)), 403)
    for login in ("leader", "officer", "manager_a", "teacher_a"):
        assert_problem(_create(client, world, login), 403)
        assert_problem(
            client.patch(
                f"{URL}/{story['id']}",
                headers={**world.headers(login), "If-Match": '"1"'},
                json={"title": "X"},
            ),
            403,
        )
        assert_problem(
            client.post(f"{URL}/{story['id']}/publish", headers={**world.headers(login), "If-Match": '"1"'}),
            403,
        )
    assert_problem(client.get(URL), 401)
    assert _create(client, world, "admin", title="Bài của quản trị").status_code == 201

    listed = client.get(URL, headers=world.headers("leader")).json()
    assert [s["title"] for s in listed["items"]] == ["Bài của quản trị", story["title"]]
    assert client.get(f"{URL}?q=CHUYỂN ĐỔI", headers=world.headers("leader")).json()["total"] == 1
    assert client.get(f"{URL}?status=published", headers=world.headers("leader")).json()["total"] == 0
    assert_problem(client.get(f"{URL}?status=archived", headers=world.headers("leader")), 422, "query.status")
    assert_problem(client.get(f"{URL}/999999", headers=world.headers("leader")), 404)


def test_featured_units_and_achievements_must_exist_and_be_issued(
    client: TestClient, world: World, awards: dict[str, int]
) -> None:
    r = _create(client, world, unit_ids=[world.units["THCS-A"], 999_999, world.units["THCS-A"]])
    problem = assert_problem(r, 422, "body.unit_ids.1")
    assert {e["path"]: e["type"] for e in problem["errors"]} == {
        "body.unit_ids.1": "not_found",
        "body.unit_ids.2": "duplicate",
    }
    r = _create(client, world, achievement_ids=[awards["teacher"], awards["hand_entered"], 999_999])
    problem = assert_problem(r, 422, "body.achievement_ids.1")
    assert {e["path"]: e["type"] for e in problem["errors"]} == {
        "body.achievement_ids.1": "not_issued",
        "body.achievement_ids.2": "not_found",
    }
    assert_problem(_create(client, world, unit_ids=[0]), 422, "body.unit_ids.0")
    assert_problem(_create(client, world, title=""), 422, "body.title")
    assert_problem(_create(client, world, body="   "), 422, "body.body")
    assert_problem(_create(client, world, status="published"), 422, "body.status")  # only through publish
    assert_problem(_create(client, world, html="<p>x</p>"), 422, "body.html")
    assert client.get(URL, headers=world.headers("comms")).json()["total"] == 0


def test_edit_and_delete_need_the_current_version(client: TestClient, world: World) -> None:
    h = world.headers("comms")
    created = _create(client, world)
    url = f"{URL}/{created.json()['id']}"
    assert_problem(client.patch(url, headers=h, json={"title": "Mới"}), 428)
    edited = client.patch(
        url, headers={**h, "If-Match": created.headers["etag"]}, json={"title": "Tiêu đề mới", "summary": ""}
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["title"] == "Tiêu đề mới" and edited.json()["summary"] == ""
    assert edited.headers["etag"] != created.headers["etag"]
    assert_problem(
        client.patch(url, headers={**h, "If-Match": created.headers["etag"]}, json={"title": "Cũ"}), 412
    )
    assert_problem(
        client.patch(url, headers={**h, "If-Match": edited.headers["etag"]}, json={"author_id": 1}), 422
    )
    assert_problem(client.delete(url, headers=h), 428)
    assert_problem(client.delete(url, headers={**h, "If-Match": created.headers["etag"]}), 412)
    assert client.delete(url, headers={**h, "If-Match": edited.headers["etag"]}).status_code == 204
    assert_problem(client.get(url, headers=h), 404)
    events = audit_actions(client, world, "story", created.json()["id"])
    assert events == ["delete", "update", "create"]


def test_images_are_checked_by_content_and_size(client: TestClient, world: World) -> None:
    story = _create(client, world).json()
    sid = story["id"]
    refused = assert_problem(_upload(client, world, sid, "anh.png", PDF, "image/png"), 422, "body.file")
    assert "PNG hoặc JPEG" in refused["detail"]
    assert_problem(
        _upload(client, world, sid, "anh.png", b"<svg onload=alert(1)>", "image/png"), 422, "body.file"
    )
    assert_problem(_upload(client, world, sid, "anh.svg", b"", "image/svg+xml"), 422, "body.file")
    too_big = b"\x89PNG\r\n\x1a\n" + b"0" * MAX_IMAGE_BYTES
    assert_problem(_upload(client, world, sid, "lon.png", too_big, "image/png"), 413)
    assert_problem(
        client.post(
            f"{URL}/{sid}/images",
            headers=world.headers("leader"),
            files={"file": ("a.png", PNG, "image/png")},
        ),
        403,
    )
    assert client.get(f"{URL}/{sid}", headers=world.headers("comms")).json()["images"] == []

    png = _upload(client, world, sid, "../../etc/ảnh lớp học.exe", PNG, "application/octet-stream")
    assert png.status_code == 201, png.text
    assert (png.json()["content_type"], png.json()["size_bytes"]) == ("image/png", len(PNG))
    assert png.json()["caption"] == "Giờ học với bảng tương tác"
    jpeg = _upload(client, world, sid, "anh.png", JPEG, "image/png")  # named .png, really a JPEG
    assert jpeg.json()["content_type"] == "image/jpeg"

    got = client.get(f"{URL}/{sid}", headers=world.headers("leader"))
    assert [i["id"] for i in got.json()["images"]] == [png.json()["id"], jpeg.json()["id"]]
    assert got.headers["etag"] == '"3"'  # each image moved the version

    served = client.get(png.json()["url"], headers=world.headers("leader"))
    assert served.status_code == 200 and served.content == PNG
    assert served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"
    disposition = served.headers["content-disposition"]
    name = f"anh-{sid}-{png.json()['id']}.png"
    assert disposition == f"inline; filename=\"{name}\"; filename*=UTF-8''{name}"
    assert (
        client.get(jpeg.json()["url"], headers=world.headers("comms")).headers["content-type"] == "image/jpeg"
    )
    assert_problem(client.get(png.json()["url"], headers=world.headers("manager_a")), 403)
    assert_problem(client.get(png.json()["url"]), 401)

    other = _create(client, world, title="Bài khác").json()
    assert_problem(
        client.get(f"{URL}/{other['id']}/images/{png.json()['id']}", headers=world.headers("comms")), 404
    )
    assert client.delete(png.json()["url"], headers=world.headers("comms")).status_code == 204
    assert_problem(client.get(png.json()["url"], headers=world.headers("comms")), 404)
    assert_problem(client.delete(png.json()["url"], headers=world.headers("comms")), 404)
    actions = [
        e["action"]
        for e in client.get(
            "/api/v1/audit-events?entity_type=story_image", headers=world.headers("officer")
        ).json()["items"]
    ]
    assert actions == ["remove_image", "add_image", "add_image"]


def test_publish_and_unpublish(client: TestClient, world: World, awards: dict[str, int]) -> None:
    h = world.headers("comms")
    created = _create(client, world, achievement_ids=[awards["teacher"]])
    sid = created.json()["id"]
    image = _upload(client, world, sid, "a.png", PNG, "image/png").json()
    public_image = f"{PUBLIC}/{sid}/images/{image['id']}"
    # A draft is never public: not listed, not readable, its image not served.
    assert client.get(PUBLIC).json()["total"] == 0
    assert_problem(client.get(f"{PUBLIC}/{sid}"), 404)
    assert_problem(client.get(public_image), 404)

    assert_problem(client.post(f"{URL}/{sid}/publish", headers=h), 428)
    assert_problem(
        client.post(f"{URL}/{sid}/publish", headers={**h, "If-Match": created.headers["etag"]}), 412
    )
    current = client.get(f"{URL}/{sid}", headers=h)
    published = client.post(f"{URL}/{sid}/publish", headers={**h, "If-Match": current.headers["etag"]})
    assert published.status_code == 200, published.text
    assert published.json()["status"] == "published" and published.json()["published_at"]
    assert published.json()["allowed_actions"] == ["update", "unpublish", "add_image"]
    etag = published.headers["etag"]
    assert_problem(client.post(f"{URL}/{sid}/publish", headers={**h, "If-Match": etag}), 409)
    assert_problem(client.delete(f"{URL}/{sid}", headers={**h, "If-Match": etag}), 409)

    assert [s["id"] for s in client.get(PUBLIC).json()["items"]] == [sid]
    assert client.get(f"{PUBLIC}/{sid}").json()["title"] == created.json()["title"]
    assert client.get(public_image).content == PNG
    assert client.get(f"{URL}?status=published", headers=h).json()["total"] == 1

    assert_problem(client.post(f"{URL}/{sid}/unpublish", headers=h), 428)
    withdrawn = client.post(f"{URL}/{sid}/unpublish", headers={**h, "If-Match": etag})
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "draft"
    assert withdrawn.json()["published_at"] is None
    assert_problem(
        client.post(f"{URL}/{sid}/unpublish", headers={**h, "If-Match": withdrawn.headers["etag"]}), 409
    )
    assert client.get(PUBLIC).json()["total"] == 0
    assert_problem(client.get(f"{PUBLIC}/{sid}"), 404)
    assert_problem(client.get(public_image), 404)

    assert (
        client.delete(f"{URL}/{sid}", headers={**h, "If-Match": withdrawn.headers["etag"]}).status_code == 204
    )
    events = client.get(
        f"/api/v1/audit-events?entity_type=story&entity_id={sid}", headers=world.headers("officer")
    ).json()["items"]
    assert [e["action"] for e in events] == ["delete", "unpublish", "publish", "create"]


def test_deleting_a_story_removes_the_image_files_no_story_uses(client: TestClient, world: World) -> None:
    h = world.headers("comms")
    first = _create(client, world).json()
    second = _create(client, world, title="Bài thứ hai").json()
    _upload(client, world, first["id"], "a.png", PNG, "image/png")
    shared = _upload(client, world, second["id"], "a.png", PNG, "image/png").json()  # same bytes, one file
    _upload(client, world, first["id"], "b.jpg", JPEG, "image/jpeg")
    folder = world.settings.var_dir / "stories"

    def stored(content: bytes) -> bool:
        digest = hashlib.sha256(content).hexdigest()
        return (folder / digest[:2] / digest).is_file()

    assert stored(PNG) and stored(JPEG)
    etag = client.get(f"{URL}/{first['id']}", headers=h).headers["etag"]
    assert client.delete(f"{URL}/{first['id']}", headers={**h, "If-Match": etag}).status_code == 204
    assert stored(PNG) and not stored(JPEG)
    assert client.get(shared["url"], headers=h).content == PNG  # still used by the second story
    assert client.delete(shared["url"], headers=h).status_code == 204
    assert not stored(PNG)
