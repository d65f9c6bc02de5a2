"""Phòng Kinh tế corrects what it entered (issue 17, point 3 and 5: edit screens need the routes): an
allocation nothing was spent from is deleted, one with spending is not; a partner's agreement and
contribution are edited and deleted with If-Match, each change audited, the partner's ETag moving with
them; bad input names its field and changes nothing."""

from typing import Any

from fastapi.testclient import TestClient

from tests.fixtures.api import audit_actions, with_etag
from tests.fixtures.budget import PARTNERS, URL, YEAR, add_partner, add_source, allocate, spend
from tests.helpers import World, assert_problem

M = 1_000_000


def test_an_allocation_is_deleted_only_while_nothing_was_spent(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    finance = world.headers("finance")
    source = add_source(client, world, catalogue["movement"], "state_budget", 100 * M).json()
    unused = with_etag(allocate(client, world, source["id"], world.units["TH-B"], 10 * M, "Phòng học STEM"))
    used = with_etag(allocate(client, world, source["id"], world.units["THCS-A"], 20 * M, "Máy chiếu"))
    assert "delete" in unused["allowed_actions"]
    assert spend(client, world, "manager_a", used["id"], 5 * M).status_code == 201

    assert_problem(client.delete(f"{URL}/allocations/{unused['id']}", headers=finance), 428)
    assert_problem(
        client.delete(
            f"{URL}/allocations/{unused['id']}",
            headers={**world.headers("manager_b"), "If-Match": unused["etag"]},
        ),
        403,
    )
    used_now = client.get(f"{URL}/allocations/{used['id']}", headers=finance)
    r = client.delete(
        f"{URL}/allocations/{used['id']}", headers={**finance, "If-Match": used_now.headers["etag"]}
    )
    assert_problem(r, 409)
    assert "5.000.000" in r.json()["detail"]

    r = client.delete(f"{URL}/allocations/{unused['id']}", headers={**finance, "If-Match": unused["etag"]})
    assert r.status_code == 204, r.text
    assert_problem(client.get(f"{URL}/allocations/{unused['id']}", headers=finance), 404)
    left = client.get(f"{URL}/sources/{source['id']}", headers=finance).json()
    assert left["allocated_vnd"] == 20 * M  # the deleted allocation's money is free again
    assert audit_actions(client, world, "budget_allocation", unused["id"], "admin")[0] == "delete"


def _partner_with_agreement(client: TestClient, world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    partner = add_partner(client, world, "Công ty CP Công nghệ Sao Việt").json()
    r = client.post(
        f"{PARTNERS}/{partner['id']}/agreements",
        headers=world.headers("finance"),
        json={"number": "05/TTHT", "title": "Tài trợ phòng học STEM", "signed_on": "2025-09-10"},
    )
    assert r.status_code == 201, r.text
    return with_etag(r), r.json()["agreements"][0]


def test_agreements_and_contributions_are_edited_and_deleted(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    finance = world.headers("finance")
    add_source(client, world, catalogue["movement"], "socialisation", 30 * M)
    partner, agreement = _partner_with_agreement(client, world)
    base = f"{PARTNERS}/{partner['id']}"

    r = client.patch(
        f"{base}/agreements/{agreement['id']}",
        headers={**finance, "If-Match": f'"{agreement["version"]}"'},
        json={"title": "Tài trợ phòng học STEM và câu lạc bộ lập trình", "pledged_vnd": 15 * M},
    )
    assert r.status_code == 200, r.text
    assert r.headers["etag"] != partner["etag"]  # the partner's page changed with its agreement
    [changed] = r.json()["agreements"]
    assert (changed["title"], changed["pledged_vnd"], changed["version"]) == (
        "Tài trợ phòng học STEM và câu lạc bộ lập trình",
        15 * M,
        agreement["version"] + 1,
    )
    # A stale version of the agreement is refused.
    stale = client.patch(
        f"{base}/agreements/{agreement['id']}",
        headers={**finance, "If-Match": f'"{agreement["version"]}"'},
        json={"title": "Cũ"},
    )
    assert_problem(stale, 412)

    r = client.post(
        f"{base}/contributions",
        headers=finance,
        json={
            "movement_id": catalogue["movement"],
            "school_year": YEAR,
            "kind": "cash",
            "amount_vnd": 6 * M,
            "description": "Tiền mặt",
            "received_on": "2025-10-01",
            "agreement_id": agreement["id"],
        },
    )
    assert r.status_code == 201, r.text
    [contribution] = r.json()["contributions"]
    if_match = {**finance, "If-Match": f'"{contribution["version"]}"'}
    # Bad input names its field and changes nothing.
    assert_problem(
        client.patch(f"{base}/contributions/{contribution['id']}", headers=if_match, json={"amount_vnd": 0}),
        422,
        "body.amount_vnd",
    )
    assert_problem(
        client.patch(
            f"{base}/contributions/{contribution['id']}",
            headers=if_match,
            json={"unit_id": world.units["VHXH"]},
        ),
        422,
        "body.unit_id",
    )
    r = client.patch(
        f"{base}/contributions/{contribution['id']}",
        headers=if_match,
        json={
            "kind": "in_kind",
            "amount_vnd": 4_500_000,
            "description": "10 bộ mạch Arduino",
            "unit_id": world.units["TH-B"],
        },
    )
    assert r.status_code == 200, r.text
    [c] = r.json()["contributions"]
    assert (c["kind"], c["amount_vnd"], c["unit_name"]) == ("in_kind", 4_500_000, "Trường Tiểu học B")
    assert r.json()["contributed_vnd"] == 4_500_000

    # The agreement has a contribution: it stays until that is gone.
    current = client.get(base, headers=finance).json()
    version = current["agreements"][0]["version"]
    assert_problem(
        client.delete(
            f"{base}/agreements/{agreement['id']}", headers={**finance, "If-Match": f'"{version}"'}
        ),
        409,
    )
    assert_problem(client.delete(base, headers={**finance, "If-Match": f'"{current["version"]}"'}), 409)
    r = client.delete(f"{base}/contributions/{c['id']}", headers={**finance, "If-Match": f'"{c["version"]}"'})
    assert r.status_code == 200 and r.json()["contributions"] == [], r.text
    r = client.delete(f"{base}/agreements/{agreement['id']}", headers={**finance, "If-Match": f'"{version}"'})
    assert r.status_code == 200 and r.json()["agreements"] == [], r.text
    assert audit_actions(client, world, "partner_agreement", agreement["id"], "admin") == [
        "delete",
        "update",
        "create",
    ]
    assert audit_actions(client, world, "partner_contribution", c["id"], "admin") == [
        "delete",
        "update",
        "create",
    ]

    # Only Phòng Kinh tế edits partners; the empty partner is deleted.
    assert_problem(
        client.delete(base, headers={**world.headers("officer"), "If-Match": r.headers["etag"]}), 403
    )
    assert client.delete(base, headers={**finance, "If-Match": r.headers["etag"]}).status_code == 204
    assert client.get(PARTNERS, headers=finance).json()["total"] == 0
