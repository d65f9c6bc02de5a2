"""Login with throttling, and password changes."""

from datetime import datetime, timedelta

from sqlalchemy import delete, or_
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


def _lock_wait(row: LoginThrottle | None, now: datetime) -> int | None:
    if row and row.locked_until and row.locked_until > now:
        return int((row.locked_until - now).total_seconds()) + 1
    return None


def _refuse_if_locked(session: Session, settings: Settings, login_name: str, client_ip: str) -> None:
    """429 while this address is locked, this login from this address is locked, or the login is in
    its slower backoff and this address failed on it recently (an address without recent failures on
    the login still gets to try its password: a stranger cannot lock the real user out)."""
    now = utcnow()
    pair = session.get(LoginThrottle, _pair_key(login_name, client_ip))
    waits = [_lock_wait(session.get(LoginThrottle, f"ip:{client_ip}"), now), _lock_wait(pair, now)]
    recent = now - timedelta(seconds=settings.login_window_seconds)
    if pair is not None and pair.failures > 0 and pair.window_started_at >= recent:
        waits.append(_lock_wait(session.get(LoginThrottle, _login_key(login_name)), now))
    wait = max((w for w in waits if w is not None), default=None)
    if wait is not None:
        raise TooManyRequests(
            f"Đăng nhập sai quá nhiều lần; vui lòng thử lại sau {wait} giây.", retry_after=wait
        )


def _login_key(login_name: str) -> str:
    return f"login:{login_name.strip().lower()[:64]}"


def _pair_key(login_name: str, client_ip: str) -> str:
    return f"pair:{login_name.strip().lower()[:64]}|{client_ip[:100]}"


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


def expire_throttle_rows(session: Session, settings: Settings) -> int:
    """Deletes counts whose window and lock are over: the table stays as small as the recent failures."""
    now = utcnow()
    window_start = now - timedelta(seconds=settings.login_window_seconds)
    result = session.exec(
        delete(LoginThrottle).where(
            col(LoginThrottle.window_started_at) < window_start,
            or_(col(LoginThrottle.locked_until).is_(None), col(LoginThrottle.locked_until) <= now),
        )
    )
    return int(result.rowcount or 0)


def unlock(session: Session, login_name: str) -> int:
    """Operator's command: clears every failure count and lock of a login (from every address)."""
    login_key = _login_key(login_name)
    pair_prefix = _pair_key(login_name, "")
    result = session.exec(
        delete(LoginThrottle).where(
            or_(
                col(LoginThrottle.key) == login_key,
                col(LoginThrottle.key).startswith(pair_prefix, autoescape=True),
            )
        )
    )
    session.commit()
    return int(result.rowcount or 0)


def login(session: Session, settings: Settings, login_name: str, password: str, client_ip: str) -> str:
    _refuse_if_locked(session, settings, login_name, client_ip)
    user = session.exec(select(User).where(User.login == login_name.strip().lower())).first()
    if user is None:
        dummy_verify()
        ok = False
    else:
        ok = verify_password(password, user.password_hash)
    if not ok or user is None or not user.is_active:
        expire_throttle_rows(session, settings)
        _count_failure(session, _pair_key(login_name, client_ip), settings.login_max_failures, settings)
        _count_failure(session, _login_key(login_name), settings.login_max_failures_per_login, settings)
        _count_failure(session, f"ip:{client_ip}", settings.login_max_failures_per_ip, settings)
        session.commit()
        raise Unauthorized(WRONG_CREDENTIALS)
    stale = session.get(LoginThrottle, _pair_key(login_name, client_ip))
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
