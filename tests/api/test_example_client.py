"""The example client in examples/ runs end to end against the app: the administrator issues a
school-scoped key, the client downloads the template, imports staff (dry run, then with an
Idempotency-Key), uploads indicator values and reads the school's scorecard."""

import importlib.util
from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import PASSWORD
from tests.helpers import World

ROOT = Path(__file__).resolve().parents[2]


def load_client_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("school_client", ROOT / "examples" / "school_client.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_client_runs_end_to_end(
    client: TestClient, world: World, catalogue: dict[str, int], tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    example = load_client_module()
    key = example.issue_key(client, "admin", PASSWORD, "THCS-A")
    assert key.startswith("tds_")
    result = example.run(client, key, "THCS-A", "2025-2026", tmp_path)
    assert result["staff"]["created"] == 2 and result["staff"]["rejected"] == 0
    assert (
        result["entries"]["rejected"] == 0
        and result["entries"]["created"] + result["entries"]["updated"] == 4
    )
    card = result["scorecard"]
    assert card["subject_name"] == "Trường THCS A" and card["status"] == "draft"
    assert (tmp_path / "staff-template.csv").read_text(encoding="utf-8-sig").startswith("code,")
    printed = capsys.readouterr().out
    assert "Khóa API cho Trường THCS A" in printed and "5. Bảng điểm Trường THCS A" in printed
    # Running it again changes nothing: every row is unchanged.
    again = example.run(client, key, "THCS-A", "2025-2026", tmp_path)
    assert again["staff"]["unchanged"] == 2 and again["entries"]["unchanged"] == 4
