"""Shared test helpers (imported by the tests; fixtures live in conftest.py)."""

from dataclasses import dataclass, field

from httpx import Response

from thidua.auth.models import User
from thidua.auth.tokens import create_access_token
from thidua.config import Settings


@dataclass
class World:
    """Ids of the fixture commune, and a way to get a token for any fixture user."""

    settings: Settings
    units: dict[str, int] = field(default_factory=dict)
    staff: dict[str, int] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def headers(self, login: str) -> dict[str, str]:
        user = self.users[login]
        assert user.id is not None
        return self.headers_for(user.id, user.token_version)

    def headers_for(self, user_id: int, token_version: int = 1) -> dict[str, str]:
        """For a user made during the test through the API."""
        token = create_access_token(self.settings.resolved_secret_key, user_id, token_version, 30)
        return {"Authorization": f"Bearer {token}"}


def assert_problem(response: Response, status: int, path: str | None = None) -> dict:  # type: ignore[type-arg]
    """The one error shape: RFC 9457 problem details, with a field error at `path` when given."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"]
    if path is not None:
        assert path in [e["path"] for e in body["errors"]], body
    return body
