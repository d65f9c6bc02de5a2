"""Alembic is the only way the schema is made: after upgrading to head, autogenerate finds no
difference from the models (run on SQLite and, in the PostgreSQL pass, on PostgreSQL)."""

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
            assert total == 3660  # 36.60 points, stored in hundredths
            assert list(rescore.differences(session)) == []
    finally:
        engine.dispose()
