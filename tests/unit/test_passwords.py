"""The server's password hashing: Argon2id at its full cost (tests/conftest.py gives the tests in its
process a cheaper one), and hashes of either cost verify."""

from pwdlib import PasswordHash

from tests.conftest import SERVER_HASHER
from thidua.auth import passwords


def test_the_server_hashes_with_argon2id_at_64_mib_3_passes_4_lanes() -> None:
    hashed = SERVER_HASHER.hash("matkhau2026")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert SERVER_HASHER.verify("matkhau2026", hashed)
    assert not SERVER_HASHER.verify("matkhau2027", hashed)


def test_a_hash_made_at_the_full_cost_verifies_in_the_tests_process() -> None:
    assert isinstance(passwords._hasher, PasswordHash)
    hashed = SERVER_HASHER.hash("matkhau2026")
    assert passwords.verify_password("matkhau2026", hashed)
    assert not passwords.verify_password("matkhau2027", hashed)
