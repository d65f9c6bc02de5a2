"""Login with throttling, and password changes."""

from datetime import timedelta

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select, update

from thidua.audit import service as audit
from thidua.auth.models import LoginThrottle, User
from thidua.auth.passwords import dummy_verify, hash_password, password_problems, verify_password
from thidua.auth.policy import Actor, roles_of
from thidua.auth.roles import Role
from thidua.auth.tokens import create_access_token
from thidua.config import Settings
from thidua.core.errors import Forbidden, Invalid, TooManyRequests, Unauthorized
from thidua.core.models import utcnow

WRONG_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng."


def _check_not_locked(session: Session, keys: list[str]) -> None:
    now = utcnow()
    for key in keys:
        row = session.get(LoginThrottle, key)
        if row and row.locked_until and row.locked_until > now:
            wait = int((row.locked_until - now).total_seconds()) + 1
            raise TooManyRequests(
                f"Đăng nhập sai quá nhiều lần; vui lòng thử lại sau {wait} giây.", retry_after=wait
            )


def _count_failure(session: Session, key: str, limit: int, settings: Settings) -> None:
    """Counted by the database itself (upsert, then `failures + 1`), so parallel failures are never lost."""
    now = utcnow()
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.exec(
        insert(LoginThrottle)
        .values(key=key, failures=0, window_started_at=now)
        .on_conflict_do_nothing(index_elements=["key"])
    )
    this_key = col(LoginThrottle.key) == key
    window_start = now - timedelta(seconds=settings.login_window_seconds)
    session.exec(
        update(LoginThrottle)
        .where(this_key, col(LoginThrottle.window_started_at) < window_start)
        .values(failures=0, window_started_at=now, locked_until=None)
    )
    session.exec(update(LoginThrottle).where(this_key).values(failures=col(LoginThrottle.failures) + 1))
    session.exec(
        update(LoginThrottle)
        .where(this_key, col(LoginThrottle.failures) >= limit)
        .values(locked_until=now + timedelta(seconds=settings.login_lock_seconds))
    )


def login(session: Session, settings: Settings, login_name: str, password: str, client_ip: str) -> str:
    login_key, ip_key = f"login:{login_name.strip().lower()[:64]}", f"ip:{client_ip}"
    _check_not_locked(session, [login_key, ip_key])
    user = session.exec(select(User).where(User.login == login_name.strip().lower())).first()
    if user is None:
        dummy_verify()
        ok = False
    else:
        ok = verify_password(password, user.password_hash)
    if not ok or user is None or not user.is_active:
        _count_failure(session, login_key, settings.login_max_failures, settings)
        _count_failure(session, ip_key, settings.login_max_failures_per_ip, settings)
        session.commit()
        raise Unauthorized(WRONG_CREDENTIALS)
    stale = session.get(LoginThrottle, login_key)
    if stale is not None:
        session.delete(stale)
        session.commit()
    assert user.id is not None
    if roles_of(session, user.id) == {Role.integration}:
        # A service account calls with its API keys; signing in would open the web app to it.
        raise Forbidden("Tài khoản tích hợp chỉ dùng qua khóa API, không đăng nhập vào ứng dụng web.")
    return create_access_token(
        settings.resolved_secret_key, user.id, user.token_version, settings.access_token_minutes
    )


def change_password(session: Session, actor: Actor, current_password: str, new_password: str) -> None:
    user = actor.user
    if not verify_password(current_password, user.password_hash):
        raise Invalid("body.current_password", "Mật khẩu hiện tại không đúng.")
    problem = password_problems(new_password, user.login)
    if problem:
        raise Invalid("body.new_password", problem)
    before = audit.snapshot(user)
    user.password_hash = hash_password(new_password)
    user.token_version += 1  # every token issued before now stops working
    user.updated_at = utcnow()
    session.add(user)
    session.flush()
    audit.record(session, actor, "change_password", user, before)
    session.commit()
