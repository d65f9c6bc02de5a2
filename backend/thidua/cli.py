"""Operator commands: `python -m thidua.cli <command>`: migrate, demo, prepare, serve, worker, unlock,
send-reminders, openapi, backup, restore, verify-scores, rescore."""

import argparse
import json
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from pydantic import SecretStr

from thidua.config import REPO_ROOT, Settings


def alembic_config(database_url: str) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def migrate(settings: Settings) -> None:
    """Upgrade to the newest migration, then re-score every assessment when one of the migrations just
    applied says `RESCORE = True` (it changed what a score is computed from). The re-score runs once,
    after the last migration, with the application's sources: a migration's own fill would run today's
    sources against the tables of its time and fail on any table a later migration adds."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlmodel import Session

    from thidua.db import make_engine

    config = alembic_config(settings.resolved_database_url)
    engine = make_engine(settings.resolved_database_url)
    try:
        with engine.connect() as conn:
            before = MigrationContext.configure(conn).get_current_revision()
        command.upgrade(config, "head")
        script = ScriptDirectory.from_config(config)
        applied = [r for r in script.iterate_revisions("heads", before) if r.revision != before]
        if any(getattr(r.module, "RESCORE", False) for r in applied):
            import thidua.all_models  # noqa: F401 - every table, the sources and the dependency map
            from thidua.scoring import rescore

            with Session(engine) as session:
                rescore.rescore_all(session)
    finally:
        engine.dispose()


def openapi_document() -> str:
    from thidua.main import create_app

    schema = create_app(Settings(environment="development", secret_key=SecretStr("x" * 40))).openapi()
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _backup_or_restore(settings: Settings, which: str, path: Path | None) -> int:
    from thidua import backup

    try:
        if which == "backup":
            made = backup.backup(settings, path)
            print(
                f"Backup written: {made.path} ({made.size_bytes / 1024:.1f} KiB, {made.database} at revision "
                f"{made.revision}, {made.files} uploaded file(s), {made.seconds:.2f} s)"
            )
            return 0
        assert path is not None
        done = backup.restore(settings, path)
    except backup.BackupRefused as refused:
        print(f"Restore refused: {refused}. The current database was not changed.", file=sys.stderr)
        return 2
    except backup.BackupFailed as failed:
        print(f"{which.capitalize()} failed: {failed}", file=sys.stderr)
        return 1
    if done.safety_backup:
        print(f"The database as it was before the restore: {done.safety_backup}")
    print(f"Restored {path}: revision {done.revision}, {done.files} uploaded file(s), {done.seconds:.2f} s")
    return 0


def _scores(settings: Settings, which: str, framework_id: int | None, outdated: bool = False) -> int:
    from sqlmodel import Session, select

    import thidua.all_models  # noqa: F401 - every table, the sources and the dependency map
    from thidua.db import make_engine
    from thidua.frameworks.models import Framework
    from thidua.scoring import rescore

    engine = make_engine(settings.resolved_database_url)
    try:
        with Session(engine) as session:
            if which == "verify-scores":
                found = 0
                for difference in rescore.differences(session):
                    print(difference)
                    found += 1
                print(f"{found} difference(s) between the stored scores and a recomputation")
                return 1 if found else 0
            if outdated:
                print(f"{rescore.rescore_outdated(session)} assessment(s) computed before today re-scored")
                return 0
            if framework_id is not None:
                if session.get(Framework, framework_id) is None:
                    print(f"No framework version has id {framework_id}.", file=sys.stderr)
                    return 2
                ids = [framework_id]
            else:
                ids = [f for f in session.exec(select(Framework.id)).all() if f is not None]
            done = sum(rescore.rewrite_framework(session, f) for f in sorted(ids))
            print(f"{done} assessment(s) re-scored")
            return 0
    finally:
        engine.dispose()


def _province_admin(settings: Settings, login: str, full_name: str) -> int:
    """The province's first account: no API call can make it (only a province administrator grants
    province roles)."""
    import os

    from pydantic import TypeAdapter, ValidationError
    from sqlmodel import Session, select

    from thidua.auth.models import User, UserRole
    from thidua.auth.passwords import hash_password, password_problems
    from thidua.auth.roles import Role
    from thidua.core.text import PersonName
    from thidua.db import make_engine
    from thidua.users.schemas import Login

    # The API's own rules for a login and a name: a login is stored lower case, as sign-in reads it.
    try:
        login = TypeAdapter(Login).validate_python(login)
    except ValidationError:
        print(f"{login}: Tên đăng nhập gồm 3–64 chữ không dấu, số, dấu chấm, gạch", file=sys.stderr)
        return 2
    try:
        full_name = TypeAdapter(PersonName).validate_python(full_name)
    except ValidationError:
        print("--name: Họ tên có từ 1 đến 120 ký tự", file=sys.stderr)
        return 2
    password = os.environ.get("THIDUA_PASSWORD", "")
    problem = password_problems(password, login)
    if problem:
        print(f"THIDUA_PASSWORD: {problem}", file=sys.stderr)
        return 2
    with Session(make_engine(settings.resolved_database_url)) as session:
        if session.exec(select(User.id).where(User.login == login)).first() is not None:
            print(f"{login}: đã có tài khoản này", file=sys.stderr)
            return 1
        user = User(login=login, full_name=full_name, password_hash=hash_password(password))
        session.add(user)
        session.flush()
        assert user.id is not None
        session.add(UserRole(user_id=user.id, role=Role.province_admin.value))
        session.commit()
    print(f"{login}: {Role.province_admin.value}")
    return 0


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    """uvicorn believes X-Forwarded-For from loopback by default, so anyone on the machine (or a proxy
    passing the header through) could pick their address and dodge the per-address login throttle.
    Here proxy headers are read only from the addresses in TRUSTED_PROXIES."""
    import uvicorn

    uvicorn.run(
        "thidua.main:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=not args.no_access_log,
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=settings.trusted_proxies or [],
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="thidua")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="upgrade the database to the newest migration")
    sub.add_parser("demo", help="load the demo commune (idempotent) and print its logins")
    sub.add_parser("prepare", help="migrate, then load the demo commune")
    sub.add_parser("send-reminders", help="e-mail each user what is due (needs SMTP_HOST)")
    save = sub.add_parser("backup", help="back up the database and uploaded files (the server may run)")
    save.add_argument("--output", type=Path, help="default: VAR_DIR/backups/thidua-<UTC time>.tar.gz")
    load = sub.add_parser("restore", help="replace the database and add the uploaded files from a backup")
    load.add_argument("path", type=Path)
    sub.add_parser(
        "verify-scores", help="recompute every stored score from the raw data; print each difference"
    )
    again = sub.add_parser(
        "rescore", help="re-score the open assessments (of one framework version), writing their rows anew"
    )
    again.add_argument("--framework", type=int, default=None, help="framework version id")
    again.add_argument(
        "--outdated", action="store_true", help="only the open assessments computed before today (at once)"
    )
    unlock = sub.add_parser("unlock", help="clear a login's failed-login counts and locks (every address)")
    unlock.add_argument("login")
    first = sub.add_parser(
        "province-admin",
        help="create the province administrator (password from THIDUA_PASSWORD), who then creates communes",
    )
    first.add_argument("login")
    first.add_argument("--name", default="Quản trị cấp tỉnh")
    serve = sub.add_parser("serve", help="run the API with uvicorn; proxy headers only from TRUSTED_PROXIES")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--no-access-log", action="store_true")
    work = sub.add_parser(
        "worker", help="run the job queue's tasks (PostgreSQL; several workers on several machines may run)"
    )
    work.add_argument("--concurrency", type=int, default=2, help="jobs run at once by this process")
    out = sub.add_parser("openapi", help="write the OpenAPI document")
    out.add_argument("path", nargs="?", default=str(REPO_ROOT / "openapi" / "openapi.json"))
    args = parser.parse_args(argv)

    if args.command == "openapi":
        Path(args.path).write_text(openapi_document(), encoding="utf-8")
        return 0
    settings = Settings()
    from thidua.core import tasks

    tasks.set_mode(settings.resolved_job_queue)  # what this command's changes defer goes where it runs
    if args.command == "serve":
        return _serve(settings, args)
    if args.command == "worker":
        import logging

        from thidua.tasks import worker

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
        return worker.run(settings, max(1, args.concurrency))
    if args.command == "unlock":
        from sqlmodel import Session

        from thidua.auth.service import unlock as unlock_login
        from thidua.db import make_engine

        with Session(make_engine(settings.resolved_database_url)) as session:
            print(f"{args.login}: {unlock_login(session, args.login)} failure count(s) cleared")
        return 0
    if args.command == "province-admin":
        return _province_admin(settings, args.login, args.name)
    if args.command in ("backup", "restore"):
        return _backup_or_restore(
            settings, args.command, args.output if args.command == "backup" else args.path
        )
    if args.command == "send-reminders":
        from sqlmodel import Session

        from thidua.db import make_engine
        from thidua.reminders.service import send_email_reminders

        with Session(make_engine(settings.resolved_database_url)) as session:
            print(f"{send_email_reminders(session, settings)} e-mail(s) sent")
        return 0
    if args.command in ("verify-scores", "rescore"):
        framework, outdated = getattr(args, "framework", None), getattr(args, "outdated", False)
        return _scores(settings, args.command, framework, outdated)
    if args.command in ("migrate", "prepare"):
        migrate(settings)
    if args.command in ("demo", "prepare"):
        from thidua.demo.loader import load_demo, print_logins

        load_demo(settings)
        print_logins()
    return 0


if __name__ == "__main__":
    sys.exit(main())
