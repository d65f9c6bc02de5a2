"""Argon2 hashing through pwdlib, and the password rules."""

from functools import cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

MIN_LENGTH = 8
MAX_LENGTH = 128
# The first guesses of any attacker that still pass the length and letters-and-digits rules, in
# English and Vietnamese, and the demo password the README publishes. Compared in lower case.
COMMON_PASSWORDS = frozenset(
    {
        "password1", "password12", "password123", "passw0rd", "p@ssw0rd", "p@ssword1",
        "abc12345", "abc123456", "abcd1234", "abcd12345", "a1234567", "a12345678", "a123456789",
        "1234567a", "12345678a", "123456789a", "1234abcd", "qwerty123", "qwerty12", "qwe12345",
        "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx", "iloveyou1", "admin123", "admin1234",
        "admin@123", "welcome1", "letmein1", "changeme1", "matkhau1", "matkhau123", "matkhau@123",
        "123matkhau", "anhyeuem1", "anhyeuem123", "emyeuanh1", "vietnam1", "vietnam123",
        "hanoi123", "giaovien1", "giaovien123", "hocsinh123", "truonghoc1", "thidua123",
        "thiduaso1", "thiduaso123", "thidua2025", "thidua2026",
    }
)  # fmt: skip

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
    if login and len(login) >= 3 and login.lower() in password.lower():
        return "Mật khẩu không được chứa tên đăng nhập."
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        return "Mật khẩu phải có cả chữ và số."
    if password.lower() in COMMON_PASSWORDS:
        return "Mật khẩu này quá phổ biến, dễ bị đoán; vui lòng chọn mật khẩu khác."
    return None
