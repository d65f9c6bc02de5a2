"""Self-inspection inside the school, then the commune (issue 15, point 7): a teacher's individual
self-assessment the principal verified is re-opened by the commune officer when the teacher is
proposed for a commune award, with a reason; it goes back to the teacher, is no longer frozen, and is
verified anew."""

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from tests.fixtures.api import audit_actions, with_etag
from tests.fixtures.assessments import URL, open_window, put_values, start
from tests.fixtures.awards import act, nominate_staff, open_round
from tests.fixtures.units import link_user_to_staff
from tests.helpers import World, assert_problem
from thidua.assessments.models import ScorecardSnapshot
from thidua.db import make_engine
from thidua.scoring.models import AssessmentScore


def _verified_by_the_principal(client: TestClient, world: World, catalogue: dict[str, int]) -> dict[str, Any]:
    for staff_code, login in (("A-02", "teacher_a"), ("A-01", "manager_a")):
        link_user_to_staff(client, world, login, staff_code)
    a = start(client, world, catalogue, "teacher_a", kind="individual")
    a = with_etag(put_values(client, world, a, {"CN1.2": "2", "CN3.3": "1"}, login="teacher_a"))
    teacher, manager = world.headers("teacher_a"), world.headers("manager_a")
    a = with_etag(client.post(f"{URL}/{a['id']}/submit", headers={**teacher, "If-Match": a["etag"]}))
    open_window(client, world, catalogue["movement"])
    a = with_etag(client.post(f"{URL}/{a['id']}/verify", headers={**manager, "If-Match": a["etag"]}))
    assert a["status"] == "verified" and a["score"]["frozen"] is True
    return a


def _frozen(world: World, assessment_id: int) -> tuple[bool, bool]:
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        snapshot = session.exec(
            select(ScorecardSnapshot).where(ScorecardSnapshot.assessment_id == assessment_id)
        )
        stored = session.get(AssessmentScore, assessment_id)
        found = (snapshot.first() is not None, bool(stored and stored.frozen))
    engine.dispose()
    return found


def test_the_commune_reopens_a_nominees_school_verified_assessment(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = _verified_by_the_principal(client, world, catalogue)
    rnd = open_round(client, world)
    made = nominate_staff(client, world, rnd["id"], "GK-XA-CN", staff="A-02", assessment_ids=[a["id"]])
    assert made.status_code == 201, made.text
    n = act(client, world, "manager_a", made.json(), "submit").json()
    assert n["status"] == "submitted", n
    assert (
        "reopen_assessment"
        in client.get(f"/api/v1/nominations/{n['id']}", headers=world.headers("officer")).json()[
            "allowed_actions"
        ]
    )
    reopen = "reopen-assessment"
    # Bad input, nothing changes: no reason, an assessment not in the file, the principal, no If-Match.
    assert_problem(act(client, world, "officer", n, reopen, {"assessment_id": a["id"]}), 422, "body.reason")
    other = start(client, world, catalogue, "manager_a", kind="individual")
    body = {"assessment_id": other["id"], "reason": "Kiểm tra lại"}
    assert_problem(act(client, world, "officer", n, reopen, body), 422, "body.assessment_id")
    body = {"assessment_id": a["id"], "reason": "Minh chứng CN3.3 chưa rõ cuộc thi cấp nào"}
    assert_problem(act(client, world, "manager_a", n, reopen, body), 403)
    headers = world.headers("officer")
    assert_problem(client.post(f"/api/v1/nominations/{n['id']}/{reopen}", json=body, headers=headers), 428)
    assert _frozen(world, a["id"]) == (True, True)

    r = act(client, world, "officer", n, reopen, body)
    assert r.status_code == 200, r.text
    got = client.get(f"{URL}/{a['id']}", headers=world.headers("teacher_a")).json()
    assert got["status"] == "returned" and "chưa rõ cuộc thi cấp nào" in got["return_reason"]
    assert "edit" in got["allowed_actions"] and got["score"]["frozen"] is False
    assert _frozen(world, a["id"]) == (False, False)
    assert audit_actions(client, world, "self_assessment", a["id"])[0] == "reopen"
    # Once re-opened, it is not verified any more: a second re-open is refused.
    r = client.get(f"/api/v1/nominations/{n['id']}", headers=headers).json()
    assert_problem(act(client, world, "officer", r, reopen, body), 409)

    # The teacher resubmits; the commune verifies it at commune level.
    teacher = world.headers("teacher_a")
    got = with_etag(client.get(f"{URL}/{a['id']}", headers=teacher))
    got = with_etag(client.post(f"{URL}/{a['id']}/submit", headers={**teacher, "If-Match": got["etag"]}))
    got = with_etag(client.post(f"{URL}/{a['id']}/verify", headers={**headers, "If-Match": got["etag"]}))
    assert got["status"] == "verified" and _frozen(world, a["id"]) == (True, True)


def test_no_reopen_on_a_unit_level_nomination(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = _verified_by_the_principal(client, world, catalogue)
    rnd = open_round(client, world)
    made = nominate_staff(client, world, rnd["id"], "GK-DV-CN", staff="A-02", assessment_ids=[a["id"]])
    assert made.status_code == 201, made.text
    n = act(client, world, "manager_a", made.json(), "submit").json()
    body = {"assessment_id": a["id"], "reason": "Kiểm tra lại"}
    assert_problem(act(client, world, "officer", n, "reopen-assessment", body), 403)  # never at unit level
    assert _frozen(world, a["id"]) == (True, True)
