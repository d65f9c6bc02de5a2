"""All JWT code lives here, so the library can be swapped in one place.

python-jose >= 3.5.0, HS256 pinned on decode (never taken from the token header), exp/nbf/iat/sub
required, and a token "issued" in the future is refused (the library only checks nbf).
"""

from datetime import UTC, datetime, timedelta

from jose import JWTError, jwt

ALGORITHM = "HS256"
MAX_TOKEN_LENGTH = 2048


class InvalidToken(Exception):
    pass


def create_access_token(secret: str, user_id: int, token_version: int, minutes: int) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "tv": token_version,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=minutes)).timestamp()),
        "typ": "access",
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_access_token(secret: str, token: str) -> tuple[int, int]:
    """Returns (user id, token version) or raises InvalidToken."""
    if len(token) > MAX_TOKEN_LENGTH:
        raise InvalidToken("token too long")
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={"require_exp": True, "require_nbf": True, "require_iat": True, "require_sub": True},
        )
    except JWTError as exc:
        raise InvalidToken(str(exc)) from exc
    except Exception as exc:  # malformed input can raise other errors inside the library
        raise InvalidToken("malformed token") from exc
    if claims.get("typ") != "access":
        raise InvalidToken("not an access token")
    issued_at = claims["iat"]
    if not isinstance(issued_at, int) or issued_at > datetime.now(UTC).timestamp():
        raise InvalidToken("iat is not a time in the past")
    try:
        return int(claims["sub"]), int(claims["tv"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidToken("bad claims") from exc
