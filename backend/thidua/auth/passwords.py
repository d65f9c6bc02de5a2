"""Argon2 hashing through pwdlib, and the password rules."""

from functools import cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

MIN_LENGTH = 8
MAX_LENGTH = 128

_hasher = PasswordHash((Argon2Hasher(),))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return _hasher.verify(password, password_hash)
    except Exception:  # a corrupt stored hash must not become a 500
        return False


@cache
def _dummy_hash() -> str:
    return _hasher.hash("dummy password for timing")


def dummy_verify() -> None:
    """Spend the same time as a real check so unknown logins cannot be told apart by timing."""
    _hasher.verify("not the password", _dummy_hash())


def password_problems(password: str, login: str | None = None) -> str | None:
    """A Vietnamese reason the password is refused, or None."""
    if len(password) < MIN_LENGTH:
        return f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự."
    if len(password) > MAX_LENGTH:
        return f"Mật khẩu không được quá {MAX_LENGTH} ký tự."
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        return "Mật khẩu phải có cả chữ và số."
    if login and password.lower() == login.lower():
        return "Mật khẩu không được trùng tên đăng nhập."
    return None
