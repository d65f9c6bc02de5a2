"""Forged, stale and malformed access tokens, seen from a client.

Every case of ATTACKS must be refused with 401, the problem shape and a `WWW-Authenticate: Bearer`
challenge, on a plain read and on an administrator's route alike (SECURITY.md quotes the count).
Tokens of accounts that change after the token was issued (deactivation, password change, reset by
the administrator) are tested through the API in tests/api/test_auth.py and tests/api/test_users.py.
"""

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from fastapi.testclient import TestClient
from jose import jwt

from tests.helpers import World, assert_problem
from thidua.auth.tokens import MAX_TOKEN_LENGTH, create_access_token

API = "/api/v1"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def segment(obj: Any) -> str:
    return b64url(json.dumps(obj, separators=(",", ":")).encode())


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Forge:
    """What an attacker can make: any header and claims, signed with anything but the server's key
    (the server's key is used only where the attack is about something else than the signature)."""

    world: World
    attacker_key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    @property
    def secret(self) -> str:
        return self.world.settings.resolved_secret_key

    def claims(self, login: str = "admin", **overrides: Any) -> dict[str, Any]:
        """Claims exactly like the app's own tokens; an override of None removes the claim."""
        user = self.world.users[login]
        now = int(time.time())
        claims: dict[str, Any] = {
            "sub": str(user.id),
            "tv": user.token_version,
            "iat": now,
            "nbf": now,
            "exp": now + 600,
            "typ": "access",
        }
        claims.update(overrides)
        return {k: v for k, v in claims.items() if v is not None}

    def hs(self, claims: Any, key: str | bytes | None = None, **header: Any) -> str:
        """HMAC-signed; HS256 with the server's key unless told otherwise."""
        head = {"alg": "HS256", "typ": "JWT", **header}
        digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}.get(
            head["alg"], hashlib.sha256
        )
        secret = self.secret.encode() if key is None else key if isinstance(key, bytes) else key.encode()
        signing_input = f"{segment(head)}.{segment(claims)}"
        signature = hmac.new(secret, signing_input.encode(), digest).digest()
        return f"{signing_input}.{b64url(signature)}"

    def rs256(self, claims: dict[str, Any], **header: Any) -> str:
        """Signed with the attacker's own RSA key."""
        signing_input = f"{segment({'alg': 'RS256', 'typ': 'JWT', **header})}.{segment(claims)}"
        signature = self.attacker_key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{b64url(signature)}"

    @property
    def public_pem(self) -> bytes:
        return self.attacker_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    @property
    def public_jwk(self) -> dict[str, str]:
        numbers = self.attacker_key.public_key().public_numbers()

        def b64int(n: int) -> str:
            return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))

        return {"kty": "RSA", "n": b64int(numbers.n), "e": b64int(numbers.e)}

    def issued(self, login: str) -> str:
        """A genuine token of the app, as login would return it."""
        user = self.world.users[login]
        assert user.id is not None
        return create_access_token(self.secret, user.id, user.token_version, 30)

    def tampered(self, login: str, **changes: Any) -> str:
        """A genuine token whose payload is edited, header and signature left as they were."""
        header, payload, signature = self.issued(login).split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims.update(changes)
        return f"{header}.{segment(claims)}.{signature}"

    def admin_id(self) -> str:
        return str(self.world.users["admin"].id)


def _now(offset: int = 0) -> int:
    return int(time.time()) + offset


Attack = tuple[str, Callable[[Forge], str]]

ATTACKS: list[Attack] = [
    # The signature and its algorithm.
    ("alg none", lambda f: f"{segment({'alg': 'none', 'typ': 'JWT'})}.{segment(f.claims())}."),
    ("alg None", lambda f: f"{segment({'alg': 'None', 'typ': 'JWT'})}.{segment(f.claims())}."),
    ("alg NONE", lambda f: f"{segment({'alg': 'NONE', 'typ': 'JWT'})}.{segment(f.claims())}."),
    (
        "alg none, real signature kept",
        lambda f: f"{segment({'alg': 'none'})}.{segment(f.claims())}.{f.hs(f.claims()).split('.')[2]}",
    ),
    ("signature removed", lambda f: f.hs(f.claims()).rsplit(".", 1)[0] + "."),
    (
        "signature of another token",
        lambda f: f.hs(f.claims()).rsplit(".", 1)[0] + "." + f.issued("teacher_a").split(".")[2],
    ),
    ("signed with another key", lambda f: f.hs(f.claims(), key="another-secret-" + "x" * 40)),
    (
        "signed with an empty key, kid pointing at a file",
        lambda f: f.hs(f.claims(), key=b"", kid="/dev/null"),
    ),
    ("HS384 with the server's key", lambda f: f.hs(f.claims(), alg="HS384")),
    ("HS512 with the server's key", lambda f: f.hs(f.claims(), alg="HS512")),
    ("RS256 header, HMAC of the server's key", lambda f: f.hs(f.claims(), alg="RS256")),
    ("RS256 signed with a generated key pair", lambda f: f.rs256(f.claims())),
    ("HS256 keyed with the attacker's public key", lambda f: f.hs(f.claims(), key=f.public_pem)),
    ("RS256 with the attacker's key embedded (jwk)", lambda f: f.rs256(f.claims(), jwk=f.public_jwk)),
    (
        "HS256 with the attacker's secret embedded (jwk)",
        lambda f: f.hs(f.claims(), key=b"attacker", jwk={"kty": "oct", "k": b64url(b"attacker")}),
    ),
    ("jku pointing at the attacker", lambda f: f.rs256(f.claims(), jku="https://attacker.example/jwks.json")),
    # A genuine token, edited.
    ("payload edited: sub of the administrator", lambda f: f.tampered("teacher_a", sub=f.admin_id())),
    ("payload edited: roles admin added", lambda f: f.tampered("teacher_a", roles=["admin"])),
    ("payload edited: expiry pushed back", lambda f: f.tampered("teacher_a", exp=_now(86400 * 365))),
    (
        "header edited: alg HS512",
        lambda f: segment({"alg": "HS512", "typ": "JWT"}) + "." + f.issued("admin").split(".", 1)[1],
    ),
    # Time.
    ("expired an hour ago", lambda f: f.hs(f.claims(iat=_now(-7200), nbf=_now(-7200), exp=_now(-3600)))),
    ("expired a second ago", lambda f: f.hs(f.claims(iat=_now(-1800), nbf=_now(-1800), exp=_now(-1)))),
    ("not valid yet (nbf in an hour)", lambda f: f.hs(f.claims(nbf=_now(3600), exp=_now(7200)))),
    ("issued in the future (iat in an hour)", lambda f: f.hs(f.claims(iat=_now(3600), exp=_now(7200)))),
    ("iat not a number", lambda f: f.hs(f.claims(iat="yesterday"))),
    ("iat a string of digits", lambda f: f.hs(f.claims(iat=str(_now(-60))))),
    ("exp not a number", lambda f: f.hs(f.claims(exp="never"))),
    # Claims.
    ("no sub", lambda f: f.hs(f.claims(sub=None))),
    ("no exp", lambda f: f.hs(f.claims(exp=None))),
    ("no iat", lambda f: f.hs(f.claims(iat=None))),
    ("no nbf", lambda f: f.hs(f.claims(nbf=None))),
    ("no typ", lambda f: f.hs(f.claims(typ=None))),
    ("typ refresh", lambda f: f.hs(f.claims(typ="refresh"))),
    ("sub a login, not an id", lambda f: f.hs(f.claims(sub="admin"))),
    ("sub a JSON number", lambda f: f.hs(f.claims(sub=f.world.users["admin"].id))),
    ("sub of no user", lambda f: f.hs(f.claims(sub="987654"))),
    ("no token version", lambda f: f.hs(f.claims(tv=None))),
    ("token version before a password change", lambda f: f.hs(f.claims(tv=0))),
    ("token version not a number", lambda f: f.hs(f.claims(tv="latest"))),
    ("claims not an object", lambda f: f.hs(["admin"])),
    # Malformed.
    ("garbage", lambda f: "garbage"),
    ("three empty segments", lambda f: "a.b.c"),
    ("dots only", lambda f: "...."),
    ("empty claims, empty signature", lambda f: "eyJhbGciOiJIUzI1NiJ9.e30."),
    ("header not JSON", lambda f: f"{b64url(b'not json')}.{segment(f.claims())}.{b64url(b'x')}"),
    ("five segments (JWE shape)", lambda f: f.hs(f.claims()) + ".e30.e30"),
    ("oversized, correctly signed", lambda f: f.hs(f.claims(pad="x" * MAX_TOKEN_LENGTH))),
    ("oversized garbage", lambda f: "a" * 5000),
]


def refusal_problems(response: Any) -> str | None:
    """Why a response is not a proper refusal, or None."""
    if response.status_code != 401:
        return f"status {response.status_code}"
    if not response.headers.get("content-type", "").startswith("application/problem+json"):
        return "not problem+json"
    if response.headers.get("www-authenticate") != "Bearer":
        return "no Bearer challenge"
    body = response.json()
    if body.get("status") != 401 or not body.get("detail"):
        return f"body {body}"
    return None


def test_the_forge_makes_tokens_the_app_accepts(client: TestClient, world: World) -> None:
    """Control for ATTACKS: what the forge signs with the server's key and sound claims is accepted,
    so each attack fails for the one thing it changes."""
    forge = Forge(world)

    for token, login in ((forge.hs(forge.claims("officer")), "officer"), (forge.issued("admin"), "admin")):
        response = client.get(f"{API}/auth/me", headers=bearer(token))
        assert response.status_code == 200, response.text
        assert response.json()["login"] == login
    assert client.get(f"{API}/users", headers=bearer(forge.hs(forge.claims("admin")))).status_code == 200
    # The attacker's RS256 tokens are well made: a verifier that trusted the token's header would take them.
    claims = jwt.decode(forge.rs256(forge.claims()), forge.public_pem.decode(), algorithms=["RS256"])
    assert claims["sub"] == forge.admin_id()


def test_every_forged_stale_or_malformed_token_is_refused(client: TestClient, world: World) -> None:
    forge = Forge(world)
    accepted = []

    for name, make in ATTACKS:
        token = make(forge)
        for path in ("/auth/me", "/users"):  # any signed-in user; the administrator only
            problem = refusal_problems(client.get(API + path, headers=bearer(token)))
            if problem:
                accepted.append(f"{name} on {path}: {problem}")

    assert not accepted, accepted
    assert len({name for name, _ in ATTACKS}) == len(ATTACKS) >= 45


def test_claims_in_a_valid_token_grant_nothing_the_database_does_not(
    client: TestClient, world: World
) -> None:
    """Even signed with the server's key, roles or scopes in a token are ignored: the user's roles are
    read from the database on every request."""
    forge = Forge(world)
    token = forge.hs(forge.claims("teacher_a", roles=["admin"], scope="users:manage", admin=True))

    me = client.get(f"{API}/auth/me", headers=bearer(token))

    assert me.status_code == 200, me.text
    assert me.json()["roles"] == ["staff"] and "users:manage" not in me.json()["permissions"]
    assert_problem(client.get(f"{API}/users", headers=bearer(token)), 403)


def test_a_token_is_only_taken_from_the_authorization_header(client: TestClient, world: World) -> None:
    token = Forge(world).issued("admin")
    refused = {
        "no credentials": client.get(f"{API}/users"),
        "Basic scheme": client.get(f"{API}/users", headers={"Authorization": "Basic YWRtaW46eA=="}),
        "Bearer without a token": client.get(f"{API}/users", headers={"Authorization": "Bearer "}),
        "token in the query": client.get(f"{API}/users", params={"access_token": token}),
        "token in a cookie": client.get(f"{API}/users", headers={"Cookie": f"access_token={token}"}),
        "made-up API key": client.get(f"{API}/users", headers={"X-API-Key": "tds_" + "x" * 40}),
        "oversized API key": client.get(f"{API}/users", headers={"X-API-Key": "tds_" + "x" * 5000}),
    }

    problems = {name: refusal_problems(r) for name, r in refused.items()}

    assert problems == dict.fromkeys(refused), problems
    assert client.get(f"{API}/users", headers=bearer(token)).status_code == 200
