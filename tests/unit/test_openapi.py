"""openapi/openapi.json is the committed contract: it must equal what the app serves."""

import json

from thidua.cli import openapi_document
from thidua.config import REPO_ROOT


def test_committed_openapi_matches_the_app() -> None:
    committed = (REPO_ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8")
    assert json.loads(committed) == json.loads(openapi_document()), (
        "openapi/openapi.json is out of date: run `make openapi` and commit it"
    )


def test_errors_are_documented_as_problem_details() -> None:
    schema = json.loads(openapi_document())
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            assert "4XX" in op["responses"], f"{method} {path}"
            assert "422" not in op["responses"], f"{method} {path} documents FastAPI's default 422 shape"
