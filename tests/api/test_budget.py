"""The movement's budget (seed IV.3, V.3): Phòng Kinh tế sets the year's budget by source, allocates it
to schools and commune activities and sees the summary; a school reads its own allocations and records
its spending with documents; partners' contributions count in the socialisation source. Figures are
hand-computed below."""

from io import BytesIO

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.fixtures.api import PDF
from tests.fixtures.budget import PARTNERS, URL, YEAR, add_partner, add_source, allocate, spend
from tests.fixtures.plans import commune_plan
from tests.helpers import World, assert_problem

M = 1_000_000


def _count(client: TestClient, world: World, path: str) -> int:
    return int(client.get(f"{URL}/{path}", headers=world.headers("finance")).json()["total"])


def _budget(client: TestClient, world: World, movement: int) -> dict[str, int]:
    """State budget 100 M (A 40 M, B 25 M, commune conference 20 M); socialisation 30 M (A 10 M)."""
    state = add_source(client, world, movement, "state_budget", 100 * M)
    social = add_source(client, world, movement, "socialisation", 30 * M)
    assert state.status_code == 201 and social.status_code == 201, state.text + social.text
    ids = {"state": state.json()["id"], "social": social.json()["id"]}
    for name, source, unit, amount, purpose in (
        ("a_state", "state", world.units["THCS-A"], 40 * M, "Mua máy chiếu, bảng tương tác"),
        ("b_state", "state", world.units["TH-B"], 25 * M, "Phòng học STEM"),
        ("commune", "state", None, 20 * M, "Hội nghị sơ kết phong trào"),
        ("a_social", "social", world.units["THCS-A"], 10 * M, "Câu lạc bộ lập trình"),
    ):
        r = allocate(client, world, ids[source], unit, amount, purpose)
        assert r.status_code == 201, r.text
        ids[name] = r.json()["id"]
    return ids


def test_budget_allocation_spending_and_summary(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    movement = catalogue["movement"]
    ids = _budget(client, world, movement)

    # Over the year's state budget: 85 M allocated of 100 M, 20 M more is refused; nothing stored.
    over = allocate(client, world, ids["state"], world.units["TH-B"], 20 * M, "Thêm")
    body = assert_problem(over, 422, "body.amount_vnd")
    assert "15.000.000 đ" in body["detail"]
    assert _count(client, world, "allocations") == 4

    # School A spends 12.5 M with its invoice, then 30 M more: 27.5 M left, so a reason is needed.
    first = spend(client, world, "manager_a", ids["a_state"], 12_500_000, voucher_number="HĐ-0012")
    assert first.status_code == 201, first.text
    doc = client.post(
        f"{URL}/spending/{first.json()['id']}/documents",
        headers=world.headers("manager_a"),
        files={"file": ("Hóa đơn máy chiếu.pdf", PDF, "application/pdf")},
    )
    assert doc.status_code == 201, doc.text
    assert doc.headers["etag"] != first.headers["etag"]
    [document] = doc.json()["documents"]
    assert document["filename"] == "Hóa đơn máy chiếu.pdf"
    got = client.get(document["download_url"], headers=world.headers("finance"))
    assert got.status_code == 200 and got.content == PDF
    assert_problem(spend(client, world, "manager_a", ids["a_state"], 30 * M), 422, "body.override_reason")
    assert _count(client, world, "spending") == 1
    over_spent = spend(
        client, world, "manager_a", ids["a_state"], 30 * M, override_reason="Giá thiết bị tăng, UBND đồng ý."
    )
    assert over_spent.status_code == 201, over_spent.text
    assert over_spent.json()["override_reason"] == "Giá thiết bị tăng, UBND đồng ý."
    commune = spend(client, world, "finance", ids["commune"], 8 * M, description="Hội trường, tài liệu")
    assert commune.status_code == 201, commune.text

    # A partner gives 6 M in cash and 4.5 M in kind, counted in the year's socialisation source.
    partner = add_partner(client, world, "Công ty CP Công nghệ Sao Việt").json()
    agreement = client.post(
        f"{PARTNERS}/{partner['id']}/agreements",
        headers=world.headers("finance"),
        json={"number": "05/TTHT", "title": "Tài trợ phòng học STEM", "signed_on": "2025-09-10"},
    )
    assert agreement.status_code == 201, agreement.text
    agreement_id = agreement.json()["agreements"][0]["id"]
    for kind, amount, what in (("cash", 6 * M, "Tiền mặt"), ("in_kind", 4_500_000, "10 bộ mạch Arduino")):
        r = client.post(
            f"{PARTNERS}/{partner['id']}/contributions",
            headers=world.headers("finance"),
            json={
                "movement_id": movement,
                "school_year": YEAR,
                "kind": kind,
                "amount_vnd": amount,
                "description": what,
                "received_on": "2025-10-01",
                "agreement_id": agreement_id,
                "unit_id": world.units["TH-B"],
            },
        )
        assert r.status_code == 201, r.text
    assert r.json()["contributed_vnd"] == 10_500_000
    social = client.get(f"{URL}/sources/{ids['social']}", headers=world.headers("finance")).json()
    assert (social["allocated_vnd"], social["contributed_vnd"]) == (10 * M, 6 * M)

    params = {"movement_id": movement, "school_year": YEAR}
    s = client.get(f"{URL}/summary", headers=world.headers("finance"), params=params).json()
    by_source = {x["source"]: x for x in s["sources"]}
    # state: 100 budget, 40 + 25 + 20 = 85 allocated, 12.5 + 30 + 8 = 50.5 spent.
    assert by_source["state_budget"] == {
        "source": "state_budget",
        "budget_vnd": 100 * M,
        "allocated_vnd": 85 * M,
        "spent_vnd": 50_500_000,
        "remaining_vnd": 34_500_000,
        "unallocated_vnd": 15 * M,
    }
    assert by_source["socialisation"]["allocated_vnd"] == 10 * M
    assert by_source["socialisation"]["unallocated_vnd"] == 20 * M
    assert s["total"] == {
        "budget_vnd": 130 * M,
        "allocated_vnd": 95 * M,
        "spent_vnd": 50_500_000,
        "remaining_vnd": 44_500_000,
        "unallocated_vnd": 35 * M,
    }
    units = {u["unit_name"]: u for u in s["units"]}
    assert units["Trường THCS A"]["allocated_vnd"] == 50 * M
    assert units["Trường THCS A"]["spent_vnd"] == 42_500_000
    assert units["Trường THCS A"]["remaining_vnd"] == 7_500_000
    assert units["Trường THCS A"]["by_source"] == {"state_budget": 40 * M, "socialisation": 10 * M}
    assert (units["Trường Tiểu học B"]["allocated_vnd"], units["Trường Tiểu học B"]["spent_vnd"]) == (
        25 * M,
        0,
    )
    assert units["Hoạt động của xã"]["remaining_vnd"] == 12 * M
    assert [u["unit_name"] for u in s["units"]][-1] == "Hoạt động của xã"
    assert s["contributions"] == {"cash_vnd": 6 * M, "in_kind_vnd": 4_500_000, "partners": 1}
    assert s["cash_rewards"] == {"decisions": 0, "total_vnd": 0}

    xlsx = client.get(f"{URL}/summary.xlsx", headers=world.headers("finance"), params=params)
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
    book = load_workbook(BytesIO(xlsx.content))
    rows = [list(r) for r in book["Theo nguồn"].iter_rows(min_row=3, values_only=True)]
    assert rows[0] == ["Nguồn kinh phí", "Kinh phí", "Đã phân bổ", "Đã chi", "Còn lại", "Chưa phân bổ"]
    assert rows[1] == ["Ngân sách nhà nước", 100 * M, 85 * M, 50_500_000, 34_500_000, 15 * M]
    assert rows[3] == ["Tổng cộng", 130 * M, 95 * M, 50_500_000, 44_500_000, 35 * M]
    unit_rows = {r[0]: r for r in book["Theo đơn vị"].iter_rows(min_row=2, values_only=True)}
    assert unit_rows["Trường THCS A"] == ("Trường THCS A", 40 * M, 10 * M, 50 * M, 42_500_000, 7_500_000)

    # School A sees only its own: no commune budget, no partners, its two allocations.
    mine = client.get(f"{URL}/summary", headers=world.headers("manager_a"), params=params).json()
    assert [u["unit_name"] for u in mine["units"]] == ["Trường THCS A"]
    assert mine["total"] == {
        "budget_vnd": None,
        "allocated_vnd": 50 * M,
        "spent_vnd": 42_500_000,
        "remaining_vnd": 7_500_000,
        "unallocated_vnd": None,
    }
    assert mine["contributions"] is None and mine["cash_rewards"] is None
    allocations = client.get(f"{URL}/allocations", headers=world.headers("manager_a")).json()
    assert sorted(a["purpose"] for a in allocations["items"]) == [
        "Câu lạc bộ lập trình",
        "Mua máy chiếu, bảng tương tác",
    ]
    assert client.get(f"{URL}/sources", headers=world.headers("manager_a")).json()["total"] == 0


def test_bad_budget_input_is_refused_and_nothing_changes(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    movement = catalogue["movement"]
    assert_problem(add_source(client, world, movement, "state_budget", -1), 422, "body.amount_vnd")
    assert_problem(add_source(client, world, movement, "lottery", 1), 422, "body.source")
    ids = _budget(client, world, movement)
    assert_problem(add_source(client, world, movement, "state_budget", 5 * M), 422, "body.source")

    source = client.get(f"{URL}/sources/{ids['state']}", headers=world.headers("finance"))
    lower = client.patch(
        f"{URL}/sources/{ids['state']}",
        headers={**world.headers("finance"), "If-Match": source.headers["etag"]},
        json={"amount_vnd": 80 * M},
    )
    assert "85.000.000 đ" in assert_problem(lower, 422, "body.amount_vnd")["detail"]
    raised = client.patch(
        f"{URL}/sources/{ids['state']}",
        headers={**world.headers("finance"), "If-Match": source.headers["etag"]},
        json={"amount_vnd": 120 * M},
    )
    assert raised.status_code == 200 and raised.json()["amount_vnd"] == 120 * M
    stale = client.patch(
        f"{URL}/sources/{ids['state']}",
        headers={**world.headers("finance"), "If-Match": source.headers["etag"]},
        json={"amount_vnd": 130 * M},
    )
    assert_problem(stale, 412)

    assert_problem(
        allocate(client, world, ids["state"], world.units["VHXH"], M, "Phòng"), 422, "body.unit_id"
    )
    assert_problem(
        allocate(client, world, ids["state"], world.units["TH-B"], -5, "Âm"), 422, "body.amount_vnd"
    )
    assert_problem(spend(client, world, "manager_a", ids["a_state"], -1), 422, "body.amount_vnd")
    # Another school's allocation and spending, and the commune's own, are out of a school's reach.
    assert_problem(spend(client, world, "manager_b", ids["a_state"], M), 404)
    assert_problem(spend(client, world, "manager_a", ids["commune"], M), 404)
    mine = spend(client, world, "manager_a", ids["a_state"], M)
    assert mine.status_code == 201
    for path in (f"spending/{mine.json()['id']}", f"allocations/{ids['a_state']}", f"sources/{ids['state']}"):
        assert_problem(client.get(f"{URL}/{path}", headers=world.headers("manager_b")), 404)
    upload = client.post(
        f"{URL}/spending/{mine.json()['id']}/documents",
        headers=world.headers("manager_b"),
        files={"file": ("x.pdf", PDF, "application/pdf")},
    )
    assert_problem(upload, 404)
    exe = client.post(
        f"{URL}/spending/{mine.json()['id']}/documents",
        headers=world.headers("manager_a"),
        files={"file": ("virus.exe", b"MZ\x90\x00binary", "application/pdf")},
    )
    assert_problem(exe, 422, "body.file")
    # Lowering an allocation below what was spent is refused.
    a = client.get(f"{URL}/allocations/{ids['a_state']}", headers=world.headers("finance"))
    below = client.patch(
        f"{URL}/allocations/{ids['a_state']}",
        headers={**world.headers("finance"), "If-Match": a.headers["etag"]},
        json={"amount_vnd": 500_000},
    )
    assert_problem(below, 422, "body.amount_vnd")
    assert _count(client, world, "spending") == 1

    # A contribution needs the year's socialisation source; partners are the commune's business.
    partner = add_partner(client, world, "Ban đại diện cha mẹ học sinh", "parents_association").json()
    no_source = client.post(
        f"{PARTNERS}/{partner['id']}/contributions",
        headers=world.headers("finance"),
        json={
            "movement_id": movement,
            "school_year": "2026-2027",
            "kind": "cash",
            "amount_vnd": M,
            "description": "Quỹ khuyến học",
            "received_on": "2026-09-05",
        },
    )
    assert_problem(no_source, 422, "body.school_year")
    assert (
        client.get(f"{PARTNERS}/{partner['id']}", headers=world.headers("finance")).json()["contributions"]
        == []
    )
    assert_problem(client.get(PARTNERS, headers=world.headers("manager_a")), 403)
    assert_problem(client.post(f"{URL}/sources", headers=world.headers("manager_a"), json={}), 403)


def test_finance_keeps_the_commune_plans_budget_lines(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    plan = commune_plan(client, world, catalogue["movement"])
    url = f"/api/v1/plans/{plan['id']}"
    got = client.get(url, headers=world.headers("finance"))
    assert "edit_budget" in got.json()["allowed_actions"]
    lines = {"budget_lines": [{"source": "state_budget", "amount_vnd": 50 * M, "description": "Hội nghị"}]}
    r = client.put(
        f"{url}/budget-lines",
        headers={**world.headers("finance"), "If-Match": got.headers["etag"]},
        json=lines,
    )
    assert r.status_code == 200, r.text
    assert r.json()["budget_total_vnd"] == 50 * M
    school = client.put(
        f"{url}/budget-lines",
        headers={**world.headers("manager_a"), "If-Match": r.headers["etag"]},
        json=lines,
    )
    assert_problem(school, 403)
