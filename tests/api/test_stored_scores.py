"""Scores are stored state: written with the change that affects them, read by rankings with SQL,
and checked against a recomputation (`verify-scores`)."""

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, select

from tests.conftest import is_postgres
from tests.fixtures.assessments import URL, submitted
from tests.helpers import World, engine_of
from thidua.cli import main
from thidua.core import tasks
from thidua.db import make_engine
from thidua.scoring import rescore


def _review(client: TestClient, world: World, a: dict[str, Any], value: str) -> Any:
    return client.post(
        f"{URL}/{a['id']}/review",
        headers={**world.headers("officer"), "If-Match": a["etag"]},
        json={"entries": [{"indicator_code": "TC2.1", "verified_value": value}]},
    )


def _card(client: TestClient, world: World, assessment_id: int) -> dict[str, Any]:
    r = client.get(f"/api/v1/scorecards/{assessment_id}", headers=world.headers("officer"))
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_two_reviewers_at_once_one_wins_and_the_stored_score_is_the_winners(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = submitted(client, world, catalogue, "manager_a")
    assert _card(client, world, a["id"])["verified_total"] == "33.60"
    # TC2.1 (7 points, proportional): 40 % gives 2.80, 100 % gives 7.00, instead of 5.60 at 80 %.
    totals = {"40": "30.80", "100": "35.00"}
    answers: dict[str, Any] = {}
    start = threading.Barrier(2)

    def reviewer(value: str) -> None:
        with TestClient(client.app, raise_server_exceptions=False) as own:
            start.wait()
            answers[value] = _review(own, world, a, value)

    threads = [threading.Thread(target=reviewer, args=(v,)) for v in totals]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status_code for r in answers.values())
    assert statuses == [200, 412], {v: r.text for v, r in answers.items()}
    winner = next(v for v, r in answers.items() if r.status_code == 200)
    loser = answers[next(v for v in totals if v != winner)]
    assert loser.json()["status"] == 412
    card = _card(client, world, a["id"])
    assert card["verified_total"] == totals[winner]
    tc21 = next(i for i in card["indicators"] if i["code"] == "TC2.1")
    assert tc21["verified_value"] == f"{winner}.00"
    ranking = client.get(
        "/api/v1/scorecards",
        params={"framework_id": catalogue["unit"], "school_year": "2025-2026"},
        headers=world.headers("officer"),
    ).json()
    assert [(x["assessment_id"], x["verified_total"], x["recomputing"]) for x in ranking["items"]] == [
        (a["id"], totals[winner], False)
    ]


def test_ranking_reads_stored_rows_with_competition_ranks(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = submitted(client, world, catalogue, "manager_a")
    b = submitted(client, world, catalogue, "manager_b")
    params = {"framework_id": catalogue["unit"], "school_year": "2025-2026"}
    officer = world.headers("officer")
    ranks = lambda: [  # noqa: E731
        (x["unit_name"], x["rank"], x["verified_total"])
        for x in client.get("/api/v1/scorecards", params=params, headers=officer).json()["items"]
    ]
    second_page = lambda: [  # noqa: E731
        (x["unit_name"], x["rank"])
        for x in client.get(
            "/api/v1/scorecards", params={**params, "limit": 1, "offset": 1}, headers=officer
        ).json()["items"]
    ]
    assert ranks() == [("Trường THCS A", 1, "33.60"), ("Trường Tiểu học B", 1, "33.60")]
    assert second_page() == [("Trường Tiểu học B", 1)]  # a page that starts inside a tie keeps its rank
    assert _review(client, world, b, "100").status_code == 200
    assert ranks() == [("Trường Tiểu học B", 1, "35.00"), ("Trường THCS A", 2, "33.60")]
    assert second_page() == [("Trường THCS A", 2)]
    # Each school's manager sees only their row, with its rank over the whole commune.
    own = client.get("/api/v1/scorecards", params=params, headers=world.headers("manager_a")).json()
    assert [(x["assessment_id"], x["rank"]) for x in own["items"]] == [(a["id"], 2)]
    assert own["ranked_count"] == 2 and own["total"] == 1


def _stored_row(world: World, assessment_id: int) -> Any:
    query = (
        "SELECT verified_total, digest, inputs, computed_at FROM assessment_score WHERE assessment_id = :i"
    )
    with engine_of(world.settings.resolved_database_url) as engine, Session(engine) as session:
        return session.execute(text(query), {"i": assessment_id}).one()


def _tamper(world: World, assessment_id: int, assignment: str) -> None:
    """A stored row changed around the services, as a bug or a hand-made fix in SQL would."""
    with engine_of(world.settings.resolved_database_url) as engine, Session(engine) as session:
        session.execute(
            text(f"UPDATE assessment_score SET {assignment} WHERE assessment_id = :i"), {"i": assessment_id}
        )
        session.commit()


def _rescore(world: World, assessment_id: int, rewrite: bool = False) -> None:
    with engine_of(world.settings.resolved_database_url) as engine, Session(engine) as session:
        assert rescore.rescore(session, [assessment_id], rewrite=rewrite) == 1
        session.commit()


@pytest.mark.scores_may_drift
def test_verify_scores_finds_a_corrupted_row_and_rescore_repairs_it(
    client: TestClient,
    world: World,
    catalogue: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a = submitted(client, world, catalogue, "manager_a")
    monkeypatch.setenv("DATABASE_URL", world.settings.resolved_database_url)
    assert main(["verify-scores"]) == 0
    _tamper(world, a["id"], "verified_total = 1")
    capsys.readouterr()
    assert main(["verify-scores"]) == 1
    out = capsys.readouterr().out
    assert f"assessment {a['id']}: verified_total stored Decimal('0.01'), recomputed Decimal('33.60')" in out
    assert main(["rescore", "--framework", str(catalogue["unit"])]) == 0
    assert main(["verify-scores"]) == 0
    assert _card(client, world, a["id"])["verified_total"] == "33.60"


@pytest.mark.scores_may_drift
def test_a_rescore_that_computes_the_stored_rows_again_only_moves_their_time(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """The fingerprint decides: rows computed the same are not written again, so a row changed behind
    the application's back (its fingerprint unchanged) stays wrong after an ordinary re-score, and only
    the repair (`rewrite`, what `thidua.cli rescore` does) writes it anew."""
    a = submitted(client, world, catalogue, "manager_a")
    before = _stored_row(world, a["id"])
    _tamper(world, a["id"], "verified_total = 1, computed_at = '2000-01-01 00:00:00'")
    _rescore(world, a["id"])
    after = _stored_row(world, a["id"])
    assert after.verified_total == 1  # not written again: the fingerprint says nothing changed
    assert after.digest == before.digest
    assert str(after.computed_at) > "2000-01-02"  # but computed today
    _rescore(world, a["id"], rewrite=True)
    assert _stored_row(world, a["id"]).verified_total == before.verified_total == 3360  # hundredths
    # and a real change is written: the review's new total, with another fingerprint
    fresh = client.get(f"{URL}/{a['id']}", headers=world.headers("officer"))
    assert _review(client, world, {**a, "etag": fresh.headers["etag"]}, "40").status_code == 200
    changed = _stored_row(world, a["id"])
    assert (changed.verified_total, changed.digest != before.digest) == (3080, True)


@pytest.mark.scores_may_drift
def test_verify_scores_finds_a_fingerprint_that_does_not_match_its_rows(
    client: TestClient,
    world: World,
    catalogue: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a = submitted(client, world, catalogue, "manager_a")
    monkeypatch.setenv("DATABASE_URL", world.settings.resolved_database_url)
    _tamper(world, a["id"], "digest = 0")
    capsys.readouterr()
    assert main(["verify-scores"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"assessment {a['id']}: the stored fingerprint does not match its rows",
        "1 difference(s) between the stored scores and a recomputation",
    ]
    _rescore(world, a["id"])  # its inputs are as stored: an ordinary re-score trusts the row
    assert main(["verify-scores"]) == 1
    _rescore(world, a["id"], rewrite=True)  # the repair writes it again, with the right fingerprint
    assert main(["verify-scores"]) == 0


@pytest.mark.scores_may_drift
def test_a_rescore_runs_the_engine_only_for_assessments_whose_inputs_changed(
    client: TestClient, world: World, catalogue: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The inputs fingerprint decides whether the engine runs; the rows' fingerprint whether they are
    written. Inputs that fingerprint otherwise but score the same (a value that moves no point, a row
    stored before the column existed) keep their rows and get the new inputs fingerprint."""
    from thidua.scoring import loader

    a = submitted(client, world, catalogue, "manager_a")
    b = submitted(client, world, catalogue, "manager_b")
    scored: list[int] = []
    plain = loader.cards

    def counted(spec: Any, live: dict[int, Any]) -> dict[int, Any]:
        scored.extend(live)
        return plain(spec, live)

    monkeypatch.setattr(loader, "cards", counted)
    before = _stored_row(world, a["id"])
    with engine_of(world.settings.resolved_database_url) as engine, Session(engine) as session:
        assert rescore.rescore(session, [a["id"], b["id"]]) == 2
        session.commit()
    assert scored == []  # nothing changed: neither was scored again
    _tamper(world, a["id"], "inputs = 0")  # as for a row stored before the fingerprint existed
    _rescore(world, a["id"])
    assert scored == [a["id"]]
    after = _stored_row(world, a["id"])
    assert (after.digest, after.verified_total) == (before.digest, before.verified_total)
    assert after.inputs == before.inputs != 0  # same rows, the inputs' fingerprint put back
    with engine_of(world.settings.resolved_database_url) as engine, Session(engine) as session:
        assert rescore.rescore(session, [a["id"]], rewrite=True) == 1
        session.commit()
    assert scored == [a["id"], a["id"]]  # the repair runs the engine whatever the fingerprint says


def test_a_framework_wide_rescore_marks_rows_recomputing_until_done(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = submitted(client, world, catalogue, "manager_a")
    officer = world.headers("officer")
    params = {"framework_id": catalogue["unit"], "school_year": "2025-2026"}

    def recomputing() -> list[bool]:
        items = client.get("/api/v1/scorecards", params=params, headers=officer).json()["items"]
        return [x["recomputing"] for x in items]

    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        rescore.mark_stale(session, catalogue["unit"])  # what a catalogue change does first
        session.commit()
        assert recomputing() == [True]
        assert _card(client, world, a["id"])["recomputing"] is True
        assert any("stale" in d for d in rescore.differences(session))
        # The job: resumable, it re-scores whatever is still stale and clears the flag.
        assert rescore.rescore_stale(session, catalogue["unit"]) == 1
        assert rescore.rescore_stale(session, catalogue["unit"]) == 0
    engine.dispose()
    assert recomputing() == [False]

    # Activating a new version retires this one: its open rows are re-scored in the background.
    draft = client.post(f"/api/v1/frameworks/{catalogue['unit']}/new-version", headers=officer)
    assert draft.status_code == 201, draft.text
    r = client.post(
        f"/api/v1/frameworks/{draft.json()['id']}/activate",
        headers={**officer, "If-Match": draft.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    tasks.wait_idle()  # the re-score is a job of the queue (in-process here)
    assert recomputing() == [False]
    assert _card(client, world, a["id"])["verified_total"] == "33.60"


@pytest.mark.skipif(not is_postgres(), reason="jobs share rows by PostgreSQL's SKIP LOCKED")
def test_jobs_of_one_framework_share_its_stale_rows_each_row_once(
    client: TestClient, world: World, catalogue: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers on several machines re-score a framework together: each job claims its batches, and a
    batch another job holds is skipped, not waited for nor done twice."""
    from tests.fixtures.assessments import start

    ids = {
        start(client, world, catalogue, m, year)["id"]
        for m in ("manager_a", "manager_b")
        for year in ("2025-2026", "2026-2027")
    }
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        rescore.mark_stale(session, catalogue["unit"])
        session.commit()
    monkeypatch.setattr(rescore, "BATCH", 1)
    both_hold_a_batch = threading.Barrier(2, timeout=20)
    done: dict[str, list[int]] = {"first": [], "second": []}
    plain = rescore.rescore

    def counted(session: Session, batch: list[int], *args: Any, **kwargs: Any) -> int:
        job = threading.current_thread().name
        if not done[job]:
            # Each job has claimed (and locked) its first batch before either goes on: with a claim
            # that waited for the other's lock this would never be reached; without a lock both
            # would hold the same assessment.
            both_hold_a_batch.wait()
        done[job] += batch
        return plain(session, batch, *args, **kwargs)

    monkeypatch.setattr(rescore, "rescore", counted)

    def job() -> None:
        with Session(engine) as session:
            rescore.rescore_stale(session, catalogue["unit"])

    threads = [threading.Thread(target=job, name=name) for name in done]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(done.values()), done
    assert sorted(done["first"] + done["second"]) == sorted(ids)
    with Session(engine) as session:
        assert rescore.count_stale(session, catalogue["unit"]) == 0
        assert list(rescore.differences(session)) == []
    engine.dispose()


def _filenode(engine: Any, index: str) -> int:
    with Session(engine) as session:
        query = text("SELECT pg_relation_filenode(CAST(:i AS regclass))")
        return int(session.execute(query, {"i": index}).scalar_one())


@pytest.mark.skipif(not is_postgres(), reason="rebuilds PostgreSQL's indexes")
def test_a_rewrite_of_the_rows_rebuilds_the_score_indexes_and_a_pass_that_keeps_them_does_not(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """Deleting and inserting every row leaves the indexes' pages half empty (47 MB instead of 7 on a
    province after eight rewrites): such a re-score rebuilds them. A re-score that keeps its rows
    inserts nothing and leaves them alone."""
    from tests.fixtures.assessments import start

    for manager in ("manager_a", "manager_b"):
        start(client, world, catalogue, manager)
    index = "ix_assessment_score_rank_order"
    with engine_of(world.settings.resolved_database_url) as engine:
        first = _filenode(engine, index)
        with Session(engine) as session:
            assert rescore.rescore_all(session) == 2  # every row written anew
        rebuilt = _filenode(engine, index)
        assert rebuilt != first
        with Session(engine) as session:
            rescore.mark_stale(session, catalogue["unit"])
            session.commit()
            assert rescore.rescore_stale(session, catalogue["unit"]) == 2  # rows kept: only updated
        assert _filenode(engine, index) == rebuilt


@pytest.mark.skipif(not is_postgres(), reason="rebuilds PostgreSQL's indexes")
def test_an_index_rebuild_that_cannot_have_its_lock_is_skipped_not_waited_for(
    client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A long transaction writing the table (an import, say) keeps the rebuild's lock: the job logs it
    and ends instead of waiting, and the indexes stay as they are until the next rewrite."""
    monkeypatch.setattr(rescore, "REINDEX_LOCK_TIMEOUT", "100ms")
    with engine_of(world.settings.resolved_database_url) as engine:
        before = _filenode(engine, "assessment_score_pkey")
        with engine.connect() as writer:
            writer.exec_driver_sql("LOCK TABLE assessment_score IN ROW EXCLUSIVE MODE")
            rescore._reindex(engine, "assessment_score")
            writer.rollback()
        assert _filenode(engine, "assessment_score_pkey") == before
        assert "the indexes of assessment_score were not rebuilt" in caplog.text
        rescore._reindex(engine, "assessment_score")  # free again: rebuilt
        assert _filenode(engine, "assessment_score_pkey") != before


def test_the_days_rescore_counts_a_report_request_missed_once_its_due_date_has_passed(
    client: TestClient, world: World, catalogue: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """TC1.3 reads the date: a request not answered is missed only after its due date. Nothing is
    written when that day comes, so the day's re-score (`rescore --outdated`, the queue's periodic task)
    brings the stored score up to date."""
    from datetime import timedelta

    from tests.fixtures.assessments import start
    from tests.fixtures.reports import request_reports
    from thidua.core.models import today

    a = start(client, world, catalogue, "manager_a")
    assert request_reports(client, world, catalogue, due_in=3).status_code == 201

    def tc13() -> Any:  # the stored scorecard's TC1.3, as the ranking and the scorecard page read it
        card = _card(client, world, a["id"])
        return next(i for i in card["indicators"] if i["code"] == "TC1.3")["self_value"]

    assert tc13() is None  # due in 3 days: not missed yet
    later = today() + timedelta(days=4)
    monkeypatch.setattr("thidua.reports.sources.today", lambda: later)
    engine = make_engine(world.settings.resolved_database_url)
    try:
        with Session(engine) as session:
            # the date moved on, nothing was written: what is stored is yesterday's figure
            found = list(rescore.differences(session))
            # TC1.3 gets a value: 9 of the 17 indicators answered instead of 8 (52.94 % instead of 47.06 %)
            assert found == [
                f"assessment {a['id']}: data_completeness_percent stored Decimal('47.06'), "
                "recomputed Decimal('52.94')",
                f"assessment {a['id']}: stored scorecard differs from the recomputed one",
            ]
            assert tc13() is None
            # the two schools' drafts of other frameworks are not there: only manager_a's draft
            assert rescore.rescore_outdated(session, on=later) == 1
            assert list(rescore.differences(session)) == []
            assert rescore.rescore_outdated(session) == 0  # all computed today: nothing left for today
        # 0 of 1 request answered on time: 0 % of 5 points
        assert tc13() == "0.00"
        monkeypatch.undo()  # back to the real date, and the stored score with it (drift guard)
        with Session(engine) as session:
            rescore.rescore(session, [a["id"]])
            session.commit()
        assert tc13() is None
    finally:
        engine.dispose()


def test_one_process_of_a_deployment_makes_the_days_pass(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """The day's re-score (a periodic task of the queue): a pass re-scores what was computed before
    today; on PostgreSQL a process finding the pass's lock held by another skips it."""
    from thidua.scoring import daily

    submitted(client, world, catalogue, "manager_a")
    engine = make_engine(world.settings.resolved_database_url)
    try:
        assert daily.run_pass(engine) == 0  # just computed: nothing is from an earlier day
        if engine.dialect.name == "postgresql":
            with engine.connect() as other:
                other.execute(text("SELECT pg_advisory_lock(:k)"), {"k": daily.LOCK_KEY})
                assert daily.run_pass(engine) is None
                other.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": daily.LOCK_KEY})
            assert daily.run_pass(engine) == 0
    finally:
        engine.dispose()


@pytest.mark.parametrize("why", ["computed yesterday", "being recomputed"])
def test_a_review_reads_the_sources_again_unless_the_stored_row_is_todays(
    client: TestClient, world: World, catalogue: dict[str, int], why: str
) -> None:
    """A review changes only its own assessment, so its re-score takes the computed indicators' values
    from the stored row (scoring/rescore.py) — but only from a row computed today and not waiting for a
    framework-wide re-score: a figure that reads the date may have moved since yesterday."""
    from datetime import timedelta

    from thidua.frameworks.models import Indicator
    from thidua.scoring.models import AssessmentScore

    a = submitted(client, world, catalogue, "manager_a")
    engine = make_engine(world.settings.resolved_database_url)
    try:
        with Session(engine) as session:
            computed = session.exec(
                select(Indicator.code).where(
                    Indicator.framework_id == catalogue["unit"], Indicator.kind == "computed"
                )
            ).first()
            row = session.get(AssessmentScore, a["id"])
            assert computed is not None and row is not None
            card = {**row.scorecard}
            card["indicators"] = [
                {**i, "self_value": "99.00"} if i["code"] == computed else i for i in card["indicators"]
            ]
            row.scorecard = card  # a computed figure the sources no longer give
            if why == "computed yesterday":
                row.computed_at = row.computed_at - timedelta(days=1)
            else:
                row.stale = True
            session.add(row)
            session.commit()
            assert list(rescore.differences(session)) != []
        assert _review(client, world, a, "100").status_code == 200
        with Session(engine) as session:
            assert list(rescore.differences(session)) == []
        shown = next(i for i in _card(client, world, a["id"])["indicators"] if i["code"] == computed)
        assert shown["self_value"] != "99.00"
    finally:
        engine.dispose()
