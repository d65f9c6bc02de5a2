"""Alembic is the only way the schema is made: after upgrading to head, autogenerate finds no
difference from the models (run on SQLite and, in the PostgreSQL pass, on PostgreSQL)."""

from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import inspect
from sqlmodel import SQLModel

from tests.helpers import World
from thidua.config import Settings
from thidua.db import make_engine


def _not_the_queue(name: str | None, type_: str, _parent: object) -> bool:
    """procrastinate's tables (migration 0023_queue, PostgreSQL) belong to the job queue, not to the
    models."""
    return not (type_ == "table" and (name or "").startswith("procrastinate_"))


def test_models_and_migrations_agree(migrated: Settings) -> None:
    engine = make_engine(migrated.resolved_database_url)
    with engine.connect() as connection:
        opts = {"compare_type": True, "render_as_batch": True, "include_name": _not_the_queue}
        context = MigrationContext.configure(connection, opts=opts)
        diff = compare_metadata(context, SQLModel.metadata)
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert diff == [], f"models and migrations differ; write a migration: {diff}"
    assert {t.name for t in SQLModel.metadata.sorted_tables} <= tables


def test_migrations_downgrade_and_upgrade_again(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    from thidua.cli import alembic_config

    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    config = alembic_config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    engine = make_engine(url)
    assert "unit" in inspect(engine).get_table_names()
    engine.dispose()


def test_an_upgrade_over_existing_assessments_scores_them_after_the_last_migration(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """A database from before stored scores (0014) with an assessment in it: `migrate` brings it to
    head and then fills the stored scores with today's sources, once, after every table exists."""
    from alembic import command
    from sqlalchemy import text
    from sqlmodel import Session

    from tests.fixtures.assessments import submitted
    from thidua.cli import alembic_config, migrate
    from thidua.scoring import rescore

    a = submitted(client, world, catalogue, "manager_a")
    url = world.settings.resolved_database_url
    command.downgrade(alembic_config(url), "0014")
    migrate(world.settings)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            total = session.execute(
                text("SELECT verified_total FROM assessment_score WHERE assessment_id = :i"), {"i": a["id"]}
            ).scalar()
            assert total == 3360  # 33.60 points, stored in hundredths
            assert list(rescore.differences(session)) == []
    finally:
        engine.dispose()


def test_tc43_and_cn2_become_computed_and_typed_values_stay_without_counting(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """0023 (issue 15, point 6): a school had typed TC4.3 = 1 while it was a yes/no indicator. After the
    upgrade the value is still in its entry (the history), but the score reads the trainings held."""
    from alembic import command
    from sqlalchemy import delete, insert, text
    from sqlmodel import Session, select

    from tests.fixtures.assessments import submitted
    from thidua.assessments.models import AssessmentEntry
    from thidua.cli import alembic_config, migrate
    from thidua.core.models import utcnow
    from thidua.scoring import rescore

    a = submitted(client, world, catalogue, "manager_a")
    url = world.settings.resolved_database_url
    command.downgrade(alembic_config(url), "0016")
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            found = session.execute(text("SELECT code, kind FROM indicator WHERE code IN ('TC4.3', 'CN2.1')"))
            kinds = {code: kind for code, kind in found.all()}
            assert kinds == {"TC4.3": "boolean", "CN2.1": "count"}
            tc43 = session.execute(
                text("SELECT id FROM indicator WHERE code = 'TC4.3' AND framework_id = :f"),
                {"f": catalogue["unit"]},
            ).scalar_one()
            # typed by the school while TC4.3 was yes/no; written in SQL, as the ORM's score hooks expect
            # today's tables
            entries = AssessmentEntry.__table__  # type: ignore[attr-defined]
            mine = (entries.c.assessment_id == a["id"], entries.c.indicator_id == tc43)
            session.execute(delete(entries).where(*mine))
            session.execute(
                insert(entries).values(
                    assessment_id=a["id"], indicator_id=tc43, self_value=Decimal(1), updated_at=utcnow()
                )
            )
            session.commit()
        migrate(world.settings)
        with Session(engine) as session:
            row = session.execute(text("SELECT kind, source FROM indicator WHERE id = :i"), {"i": tc43}).one()
            assert tuple(row) == ("computed", "training_class_held")
            kept = session.exec(
                select(AssessmentEntry.self_value).where(
                    AssessmentEntry.assessment_id == a["id"], AssessmentEntry.indicator_id == tc43
                )
            ).one()
            assert kept == Decimal(1)
            assert list(rescore.differences(session)) == []
    finally:
        engine.dispose()
    got = client.get(f"/api/v1/self-assessments/{a['id']}", headers=world.headers("manager_a")).json()
    entry = {e["indicator_code"]: e for e in got["entries"]}["TC4.3"]
    assert (entry["self_value"], entry["self_points"]) == (
        "0",
        "0.00",
    )  # no class held: the typed 1 no longer counts
    assert got["score"]["self_total"] == "33.60"


def test_province_award_types_lose_the_proposal_suffix(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """0026 (issue 16): a database whose province award types (and an achievement) were named
    "Bằng khen của Chủ tịch UBND tỉnh (đề nghị)" reads "Bằng khen của Chủ tịch UBND tỉnh" after the
    upgrade; the commune's types keep their names."""
    from alembic import command
    from sqlalchemy import text
    from sqlmodel import Session

    from thidua.cli import alembic_config, migrate

    url = world.settings.resolved_database_url
    command.downgrade(alembic_config(url), "0023_queue")
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            session.execute(
                text("UPDATE award_type SET name = name || ' (đề nghị)' WHERE code LIKE 'BK-TINH-%'")
            )
            session.commit()
            names = {
                code: name for code, name in session.execute(text("SELECT code, name FROM award_type")).all()
            }
            assert names["BK-TINH-CN"] == "Bằng khen của Chủ tịch UBND tỉnh (đề nghị)"
        migrate(world.settings)
        with Session(engine) as session:
            names = {
                code: name for code, name in session.execute(text("SELECT code, name FROM award_type")).all()
            }
    finally:
        engine.dispose()
    assert names["BK-TINH-CN"] == names["BK-TINH-TT"] == "Bằng khen của Chủ tịch UBND tỉnh"
    assert names["GK-XA-CN"] == "Giấy khen của Chủ tịch UBND xã"
    types = client.get("/api/v1/public/criteria").json()["award_types"]
    assert all("(đề nghị)" not in t["name"] for t in types)


def test_received_dates_typed_before_0013_are_kept_and_marked_as_the_schools(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """0013 (issue 15, point 2): a receipt date a school typed before the system recorded receipts is
    kept, marked as entered by the school ("school_entered"), never taken for a recorded receipt."""
    from alembic import command
    from sqlalchemy import text
    from sqlmodel import Session

    from tests.fixtures.plans import create_plan, days_ago
    from thidua.cli import alembic_config, migrate

    plan = create_plan(client, world, catalogue["movement"], days_ago(20))
    assert plan.status_code == 201, plan.text
    plan_id = plan.json()["id"]
    url = world.settings.resolved_database_url
    command.downgrade(alembic_config(url), "0012")
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            typed = days_ago(25)
            session.execute(
                text("UPDATE plan SET received_date = :d WHERE id = :i"), {"d": typed, "i": plan_id}
            )
            session.commit()
        migrate(world.settings)
        with Session(engine) as session:
            row = session.execute(
                text("SELECT received_date, received_source FROM plan WHERE id = :i"), {"i": plan_id}
            ).one()
    finally:
        engine.dispose()
    assert (str(row[0])[:10], row[1]) == (typed, "school_entered")


def test_units_and_staff_take_their_commune_from_the_tree(client: TestClient, world: World) -> None:
    """0027 (issue 20): a province database from before codes were per commune gets each unit's and
    staff member's commune from the unit tree; the Department and the communes sit in none."""
    from alembic import command
    from sqlalchemy import text
    from sqlmodel import Session

    from tests.fixtures.province import make_province
    from thidua.cli import alembic_config, migrate

    make_province(client, world)
    url = world.settings.resolved_database_url
    command.downgrade(alembic_config(url), "0026_tenancy")
    engine = make_engine(url)
    try:
        migrate(world.settings)
        with Session(engine) as session:
            units = {c: u for c, u in session.execute(text("SELECT code, commune_id FROM unit"))}
            staff = {c: u for c, u in session.execute(text("SELECT code, commune_id FROM staff_member"))}
    finally:
        engine.dispose()
    a, b = world.units["UBND"], world.units["UBND-2"]
    assert units == {
        "SO-GDDT": None,
        "UBND": None,
        "UBND-2": None,
        "VHXH": a,
        "THCS-A": a,
        "THCS-A-KHTN": a,
        "TH-B": a,
        "TH-B-K45": a,
        "VHXH-2": b,
        "TH-C": b,
    }
    assert staff == {"A-01": a, "A-02": a, "B-01": a, "B-02": a, "C-01": b}
