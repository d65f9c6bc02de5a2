"""Personal data of staff, seen role by role: contact details (e-mail, phone) only for those who keep
the staff record and the person themself; ratings and flags only for those who decide awards, also
when an award rule's outcome would tell them. (Dates of birth are not stored.)"""

from typing import Any

from fastapi.testclient import TestClient

from tests.fixtures.awards import nominate_staff, open_round
from tests.helpers import World

EMAIL, PHONE = "huong.nguyen@thcs-a.edu.vn", "0912 345 678"
COLLEAGUE_EMAIL = "dung.tran@thcs-a.edu.vn"
# GET /staff/{id} of teacher A-01 (whose account is teacher_a): what each role gets.
CONTACT_OF_A01 = {
    "admin": "shown",
    "officer": "shown",
    "manager_a": "shown",  # the school's head keeps the record
    "teacher_a": "shown",  # their own record
    "leader": "hidden",
    "inspector": "hidden",
    "integration": "hidden",
    "comms": 403,
    "finance": 403,
    "manager_b": 404,  # another school
}
# Ratings and flags: who may read them at all.
CONDUCT_READERS = {"admin", "officer", "leader", "manager_a"}


def _patch_staff(client: TestClient, world: World, code: str, body: dict[str, Any]) -> None:
    officer = world.headers("officer")
    r = client.patch(f"/api/v1/staff/{world.staff[code]}", headers={**officer, "If-Match": "*"}, json=body)
    assert r.status_code == 200, r.text


def _seen(r: Any) -> object:
    if r.status_code != 200:
        return r.status_code
    body = r.json()
    if (body["email"], body["phone"]) == (EMAIL, PHONE):
        return "shown"
    assert body["email"] is None and body["phone"] is None, body
    return "hidden"


def test_contact_details_only_for_record_keepers_and_the_person(client: TestClient, world: World) -> None:
    _patch_staff(
        client, world, "A-01", {"email": EMAIL, "phone": PHONE, "user_id": world.users["teacher_a"].id}
    )
    _patch_staff(client, world, "A-02", {"email": COLLEAGUE_EMAIL})
    url = f"/api/v1/staff/{world.staff['A-01']}"
    seen = {login: _seen(client.get(url, headers=world.headers(login))) for login in CONTACT_OF_A01}
    assert seen == CONTACT_OF_A01

    # A teacher sees their own contact details in the list, not a colleague's.
    items = client.get("/api/v1/staff", headers=world.headers("teacher_a")).json()["items"]
    assert {s["code"]: s["email"] for s in items} == {"A-01": EMAIL, "A-02": None}
    items = client.get("/api/v1/staff", headers=world.headers("manager_a")).json()["items"]
    assert {s["code"]: s["email"] for s in items} == {"A-01": EMAIL, "A-02": COLLEAGUE_EMAIL}

    # Exports follow the same rule (an exporter who may re-import gets the columns filled).
    for login, shown in (("manager_a", True), ("officer", True), ("leader", False), ("integration", False)):
        r = client.get("/api/v1/exports/staff.csv", headers=world.headers(login))
        assert r.status_code == 200, r.text
        assert (EMAIL in r.text and PHONE in r.text) is shown, login
        assert r.text.splitlines()[0].endswith("Thư điện tử,Điện thoại")  # same columns for everyone


def test_api_keys_see_contact_details_only_with_a_staff_write_or_import_scope(
    client: TestClient, world: World
) -> None:
    _patch_staff(client, world, "A-01", {"email": EMAIL, "phone": PHONE})
    url = f"/api/v1/staff/{world.staff['A-01']}"
    for scopes, expected in ((["staff:read"], "hidden"), (["staff:read", "staff:import"], "shown")):
        r = client.post(
            "/api/v1/api-keys",
            headers=world.headers("admin"),
            json={
                "name": "CSDL ngành",
                "service_account_id": world.users["integration"].id,
                "scopes": scopes,
            },
        )
        assert r.status_code == 201, r.text
        key = {"X-API-Key": r.json()["secret"]}
        assert _seen(client.get(url, headers=key)) == expected, scopes
        assert (EMAIL in client.get("/api/v1/exports/staff.csv", headers=key).text) is (expected == "shown")


def test_ratings_and_flags_only_for_those_who_decide_awards(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    manager, officer = world.headers("manager_a"), world.headers("officer")
    r = client.post(
        "/api/v1/staff-ratings",
        headers=manager,
        json={"staff_id": world.staff["A-01"], "school_year": "2025-2026", "rating": "good"},
    )
    assert r.status_code == 201, r.text
    rating = r.json()["id"]
    r = client.post(
        "/api/v1/flags",
        headers=officer,
        json={
            "kind": "disciplinary",
            "severity": "reprimand",
            "unit_id": world.units["THCS-A"],
            "staff_id": world.staff["A-01"],
            "opened_on": "2026-01-05",
        },
    )
    assert r.status_code == 201, r.text
    flag = r.json()["id"]
    for login in (
        "admin",
        "officer",
        "leader",
        "inspector",
        "comms",
        "finance",
        "manager_a",
        "teacher_a",
        "integration",
    ):
        for url in (f"/api/v1/staff-ratings/{rating}", f"/api/v1/flags/{flag}"):
            status = client.get(url, headers=world.headers(login)).status_code
            assert status == (200 if login in CONDUCT_READERS else 403), (login, url, status)
    for url in (f"/api/v1/staff-ratings/{rating}", f"/api/v1/flags/{flag}"):
        assert client.get(url, headers=world.headers("manager_b")).status_code == 404

    # A nomination's eligibility checklist would tell the open flag: only conduct readers see that rule.
    rnd = open_round(client, world)
    r = nominate_staff(client, world, rnd["id"], "GK-XA-CN")
    assert r.status_code == 201, r.text
    url = f"/api/v1/nominations/{r.json()['id']}"
    for login in ("admin", "officer", "leader", "manager_a", "integration"):
        outcomes = client.get(url, headers=world.headers(login)).json()["eligibility"]["outcomes"]
        flags = [o for o in outcomes if o["kind"] == "no_open_flag"]
        if login in CONDUCT_READERS:
            assert flags and not flags[0]["passed"] and "1" in flags[0]["reason"], (login, flags)
        else:
            assert not flags and outcomes, (login, outcomes)
