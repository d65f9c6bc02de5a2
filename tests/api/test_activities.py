"""Activities with attendance feed the computed indicators of the scorecards."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.fixtures.activities import URL, create_activity
from tests.fixtures.api import audit_actions, with_etag
from tests.fixtures.assessments import VALUES, put_values, start
from tests.fixtures.units import link_user_to_staff
from tests.helpers import World, assert_problem
from thidua.assessments.models import SelfAssessment
from thidua.db import make_engine
from thidua.frameworks.models import Framework
from thidua.scoring import loader


def test_activities_change_the_computed_indicators(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = with_etag(put_values(client, world, start(client, world, catalogue), VALUES))
    assert a["score"]["self_total"] == "33.60"
    a01, a02 = world.staff["A-01"], world.staff["A-02"]
    both = [{"staff_id": a01}, {"staff_id": a02}]
    for kind, day, attendees in [
        ("launch_ceremony", "2025-10-05", both),
        ("seminar", "2025-11-20", both),
        (
            "training",
            "2025-12-01",
            [{"staff_id": a01, "completed": True}, {"staff_id": a02, "completed": False}],
        ),
        ("extracurricular", "2026-03-26", []),
        ("seminar", "2025-08-31", both),  # the previous school year: does not count
    ]:
        r = create_activity(client, world, kind, day, attendees)
        assert r.status_code == 201, r.text
    assert r.json()["school_year"] == "2024-2025"

    # TC1.4 launch held = 5; TC4.1 1 of 2 staff trained = 50 % of 8 = 4.00; TC4.2 1 seminar of 2 = 2.00;
    # TC4.3 a "Bình dân học vụ số" class held = 3; TC5.3 1 extracurricular of 2 = 2.00.  Total 49.60.
    got = client.get(f"/api/v1/self-assessments/{a['id']}", headers=world.headers("manager_a")).json()
    entries = {e["indicator_code"]: (e["self_value"], e["self_points"]) for e in got["entries"]}
    assert entries["TC1.4"] == ("1", "5.00")
    assert entries["TC4.1"] == ("50.00", "4.00")
    assert entries["TC4.2"] == ("1", "2.00")
    assert entries["TC4.3"] == ("1", "3.00")
    assert entries["TC5.3"] == ("1", "2.00")
    assert got["score"]["self_total"] == "49.60"
    _assert_bulk_equals_single(world, a["id"])

    # A staff member's own scorecard: trained (CN3.1 = 10) and 3 activities attended (CN3.2 = 12).
    link_user_to_staff(client, world, "teacher_a", "A-01")
    mine = start(client, world, catalogue, "teacher_a", kind="individual")
    person = {e["indicator_code"]: (e["self_value"], e["self_points"]) for e in mine["entries"]}
    assert person["CN3.1"] == ("1", "10.00") and person["CN3.2"] == ("3", "12.00")
    assert mine["score"]["self_total"] == "22.00"


def test_tc43_counts_a_class_someone_took_never_a_typed_value(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """TC4.3 = 1 when the school (its groups included) held a "Bình dân học vụ số" class in the school
    year that someone took: a staff member who completed it, or a recorded learner count."""
    manager = world.headers("manager_a")
    a = with_etag(put_values(client, world, start(client, world, catalogue), VALUES))
    assert_problem(put_values(client, world, a, {"TC4.3": "1"}), 422)  # computed: not typed

    def tc43() -> tuple[str, str, str]:
        got = client.get(f"/api/v1/self-assessments/{a['id']}", headers=manager).json()
        e = {e["indicator_code"]: e for e in got["entries"]}["TC4.3"]
        return e["self_value"], e["self_points"], got["score"]["self_total"]

    assert tc43() == ("0", "0.00", "33.60")
    # A class with nobody in it, another school's class, a class of last year: still 0.
    empty = {
        "kind": "training",
        "title": "Lớp chưa có người học",
        "activity_date": "2025-11-01",
        "learner_count": 0,
    }
    r = client.post(
        URL,
        headers=manager,
        json={**empty, "attendees": [{"staff_id": world.staff["A-01"], "completed": False}]},
    )
    assert r.status_code == 201, r.text
    assert create_activity(client, world, "training", "2025-11-02", [], login="manager_b").status_code == 201
    assert create_activity(client, world, "training", "2025-08-20", []).status_code == 201
    assert tc43() == ("0", "0.00", "33.60")
    # The attendee completes the class: held, 3 points; and 1 of 2 staff trained: TC4.1 50 % of 8 = 4.00.
    r = client.patch(
        f"{URL}/{r.json()['id']}",
        headers={**manager, "If-Match": r.headers["etag"]},
        json={"attendees": [{"staff_id": world.staff["A-01"], "completed": True}]},
    )
    assert r.status_code == 200, r.text
    assert tc43() == ("1", "3.00", "40.60")
    # A class of the school's subject group with learners only counts for the school too (TC4.1 back to 0).
    group = {**empty, "learner_count": 25, "unit_id": world.units["THCS-A-KHTN"]}
    assert client.post(URL, headers=manager, json=group).status_code == 201
    r = client.patch(
        f"{URL}/{r.json()['id']}",
        headers={**manager, "If-Match": r.headers["etag"]},
        json={"attendees": [{"staff_id": world.staff["A-01"], "completed": False}]},
    )
    assert r.status_code == 200, r.text
    assert tc43() == ("1", "3.00", "36.60")


def test_attendance_comes_from_the_unit_and_other_schools_see_nothing(
    client: TestClient, world: World
) -> None:
    r = create_activity(client, world, "training", "2025-10-10", [{"staff_id": world.staff["B-01"]}])
    assert_problem(r, 422, "body.attendees.0.staff_id")
    r = create_activity(client, world, "training", "2025-10-10", [{"staff_id": world.staff["A-01"]}] * 2)
    assert_problem(r, 422, "body.attendees.1.staff_id")
    assert client.get(URL, headers=world.headers("officer")).json()["total"] == 0
    assert_problem(
        client.post(
            URL,
            headers=world.headers("manager_a"),
            json={
                "kind": "seminar",
                "title": "Sai đơn vị",
                "activity_date": "2025-10-10",
                "unit_id": world.units["TH-B"],
            },
        ),
        422,
        "body.unit_id",
    )
    assert_problem(create_activity(client, world, "party", "2025-10-10", []), 422, "body.kind")
    assert_problem(
        client.post(
            URL,
            headers=world.headers("manager_a"),
            json={"kind": "seminar", "title": "Âm", "activity_date": "2025-10-10", "learner_count": -1},
        ),
        422,
        "body.learner_count",
    )
    assert_problem(create_activity(client, world, "seminar", "2025-10-10", [], login="teacher_a"), 403)

    created = create_activity(client, world, "seminar", "2025-10-10", [{"staff_id": world.staff["A-02"]}])
    activity = created.json()
    assert (
        activity["unit_name"] == "Trường THCS A" and activity["attendees"][0]["full_name"] == "Trần Văn Dũng"
    )
    for login in ("manager_b", "teacher_b"):
        assert_problem(client.get(f"{URL}/{activity['id']}", headers=world.headers(login)), 404)
        assert client.get(URL, headers=world.headers(login)).json()["total"] == 0
    assert client.get(URL, headers=world.headers("teacher_a")).json()["total"] == 1


def test_edit_and_delete_need_the_current_version(client: TestClient, world: World) -> None:
    h = world.headers("manager_a")
    created = create_activity(client, world, "training", "2025-10-10", [{"staff_id": world.staff["A-01"]}])
    url = f"{URL}/{created.json()['id']}"
    body = {"attendees": [{"staff_id": world.staff["A-01"]}, {"staff_id": world.staff["A-02"]}]}
    assert_problem(client.patch(url, headers=h, json=body), 428)
    edited = client.patch(url, headers={**h, "If-Match": created.headers["etag"]}, json=body)
    assert edited.status_code == 200 and len(edited.json()["attendees"]) == 2
    assert edited.headers["etag"] != created.headers["etag"]
    assert_problem(
        client.patch(url, headers={**h, "If-Match": created.headers["etag"]}, json={"title": "Cũ"}), 412
    )
    moved = client.patch(
        url, headers={**h, "If-Match": edited.headers["etag"]}, json={"activity_date": "2026-09-02"}
    )
    assert moved.json()["school_year"] == "2026-2027"
    assert_problem(client.delete(url, headers={**h, "If-Match": edited.headers["etag"]}), 412)
    assert client.delete(url, headers={**h, "If-Match": moved.headers["etag"]}).status_code == 204
    assert_problem(client.get(url, headers=h), 404)
    events = audit_actions(client, world, "activity", created.json()["id"])
    assert events == ["delete", "update", "update", "create"]


def _assert_bulk_equals_single(world: World, assessment_id: int) -> None:
    """The ranking computes sources for many subjects at once; it must agree with one subject alone."""
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        assessment = session.get(SelfAssessment, assessment_id)
        assert assessment is not None
        framework = session.get(Framework, assessment.framework_id)
        assert framework is not None
        spec = loader.framework_spec(session, framework)
        bulk = loader.cards(spec, loader.inputs(session, framework, [assessment]).live)[assessment_id]
        assert bulk == loader.live_scorecard(session, assessment)
        assert bulk["self_total"] == "49.60"
    engine.dispose()
