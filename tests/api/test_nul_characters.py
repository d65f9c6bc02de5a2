"""A NUL character (U+0000) anywhere in the path, the query string or a JSON or form body is refused
with 422 naming where it was, on both databases (found by fuzzing: PostgreSQL cannot store it in
text and answered 500); nothing is stored."""

import asyncio

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from tests.helpers import World, assert_problem
from thidua.core.nul import NulInBody, RejectNul


def test_nul_in_a_json_body_is_refused_and_nothing_is_stored(client: TestClient, world: World) -> None:
    comms = world.headers("comms")
    story = {"title": "Gương điển hình\u0000", "summary": "", "body": "Nội dung"}
    body = assert_problem(client.post("/api/v1/stories", headers=comms, json=story), 422, "body")
    assert "NUL" in body["detail"]
    assert client.get("/api/v1/stories", headers=comms).json()["total"] == 0
    # An escaped backslash before "u0000" is plain text, kept as written.
    text = "Đường dẫn C:\\u0000"
    created = client.post("/api/v1/stories", headers=comms, json={**story, "title": text})
    assert created.status_code == 201, created.text
    assert created.json()["title"] == text


def test_nul_in_the_query_path_or_a_form_is_refused(client: TestClient, world: World) -> None:
    admin = world.headers("admin")
    assert_problem(client.get("/api/v1/initiatives", headers=admin, params={"q": "a\x00"}), 422, "query.q")
    assert_problem(client.get("/api/v1/public/certificates/AB%00CD"), 422, "path")
    login = client.post("/api/v1/auth/token", data={"username": "admin\x00", "password": "x"})
    assert_problem(login, 422, "body")
    # The same requests without the NUL are answered as usual.
    assert client.get("/api/v1/initiatives", headers=admin, params={"q": "a"}).status_code == 200
    assert_problem(client.get("/api/v1/public/certificates/ABCD"), 404)
    assert_problem(client.post("/api/v1/auth/token", data={"username": "admin", "password": "x"}), 401)


def test_an_escape_cut_between_two_chunks_of_the_body_is_found() -> None:
    async def read_body(_scope: Scope, receive: Receive, _send: Send) -> None:
        while (await receive()).get("more_body"):
            pass

    async def run(chunks: list[bytes]) -> None:
        messages: list[Message] = [
            {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
            for i, chunk in enumerate(chunks)
        ]

        async def receive() -> Message:
            return messages.pop(0)

        async def send(_message: Message) -> None:
            pass

        scope = {
            "type": "http",
            "path": "/api/v1/stories",
            "query_string": b"",
            "headers": [(b"content-type", b"application/json")],
        }
        await RejectNul(read_body)(scope, receive, send)

    # Bytes as sent: \\u0000 in JSON is a backslash then "u0000", \u0000 is the NUL.
    asyncio.run(run([b'{"title": "ab\\\\u00', b'00"}']))
    with pytest.raises(NulInBody):
        asyncio.run(run([b'{"title": "ab\\u00', b'00"}']))
    with pytest.raises(NulInBody):
        asyncio.run(run([b'{"title": "ab\\', b'u0000"}']))
