"""Large exports and document batches on the job queue (issue 19.1): a POST answers 202 with the file's
resource, a job of the queue builds the file as its requester and stores it through the storage
interface, the status shows progress, the file downloads (streamed) when done, and only the requester
reads it. (The hồ sơ ZIP's content: tests/api/test_award_flows.py; several nodes and workers:
tests/processes/test_multi_node.py.)"""

from datetime import timedelta
from io import BytesIO

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import Session

from tests.fixtures.assessments import submitted
from tests.fixtures.generated import finished, generate, started
from tests.helpers import World, assert_problem
from thidua.generated import jobs
from thidua.generated.models import GeneratedFile

EXPORT = "/api/v1/scorecards/export"
YEAR = "2025-2026"


def _subjects(content: bytes) -> list[str]:
    ranking = load_workbook(BytesIO(content))["Xếp hạng"]
    return [str(row[1].value) for row in ranking.iter_rows(min_row=4) if row[1].value]


def test_the_results_export_is_built_by_the_queue_and_read_only_by_its_requester(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    submitted(client, world, catalogue)
    submitted(client, world, catalogue, login="manager_b")
    officer, manager = world.headers("officer"), world.headers("manager_a")
    body = {"framework_id": catalogue["unit"], "school_year": YEAR}

    first = started(client, officer, EXPORT, body)
    assert first["kind"] == "scorecards" and first["filename"] == f"xep-hang-{catalogue['unit']}-{YEAR}.xlsx"
    done = finished(client, officer, first)
    assert (done["status"], done["progress_percent"], done["error"]) == ("succeeded", 100, None)
    assert done["download_url"] == f"{first['url']}/file" and done["size_bytes"] > 0
    download = client.get(done["download_url"], headers=officer)
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert f"xep-hang-{catalogue['unit']}-{YEAR}.xlsx" in download.headers["content-disposition"]
    assert sorted(_subjects(download.content)) == ["Trường THCS A", "Trường Tiểu học B"]
    # The file is stored through the storage interface, not kept by the process that answered.
    stored = client.app.state.storage  # type: ignore[attr-defined]
    assert b"".join(stored.chunks(jobs.storage_key(first["id"]))) == download.content

    # Nobody else reads it, not even the administrator: 404 like a missing file.
    for login in ("admin", "leader", "manager_a"):
        assert_problem(client.get(first["url"], headers=world.headers(login)), 404)
        assert_problem(client.get(done["download_url"], headers=world.headers(login)), 404)
    assert_problem(client.get(done["download_url"]), 401)

    # The job runs as its requester: a school's manager gets their own school only.
    mine = generate(client, manager, EXPORT, body)
    assert _subjects(mine.content) == ["Trường THCS A"]


def test_bad_requests_are_answered_at_once_and_a_failed_job_says_why(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    assert_problem(
        client.post(EXPORT, headers=officer, json={"framework_id": 999999, "school_year": YEAR}),
        422,
        "body.framework_id",
    )
    assert_problem(
        client.post(EXPORT, headers=officer, json={"framework_id": catalogue["unit"], "school_year": "2025"}),
        422,
        "body.school_year",
    )
    assert_problem(client.post(EXPORT, headers=world.headers("teacher_a"), json={}), 422)
    assert_problem(client.post(EXPORT, json={"framework_id": 1, "school_year": YEAR}), 401)

    # A job whose input went away meanwhile fails with the reason; its file is not there to download.
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with Session(engine) as session:
        row = GeneratedFile(
            kind="scorecards",
            params={"framework_id": 999999, "school_year": YEAR},
            user_id=world.users["officer"].id or 0,
            filename="x.xlsx",
            media_type="application/octet-stream",
        )
        session.add(row)
        session.commit()
        file_id = row.id or 0
    url = f"/api/v1/generated-files/{file_id}"
    # Still queued: the download is 409, not an empty file.
    assert client.get(url, headers=officer).json()["download_url"] is None
    assert "đang được tạo" in assert_problem(client.get(f"{url}/file", headers=officer), 409)["detail"]
    jobs.build(engine, world.settings.var_dir, client.app.state.storage, file_id)  # type: ignore[attr-defined]
    failed = client.get(url, headers=officer).json()
    assert failed["status"] == "failed" and "999999" in failed["error"]
    assert "Không tạo được tệp" in assert_problem(client.get(f"{url}/file", headers=officer), 409)["detail"]


def test_a_pending_request_is_not_queued_twice_and_old_files_are_removed(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    body = {"framework_id": catalogue["unit"], "school_year": YEAR}
    engine = client.app.state.engine  # type: ignore[attr-defined]
    storage = client.app.state.storage  # type: ignore[attr-defined]
    with Session(engine) as session:  # as if a worker had not taken it yet
        row = GeneratedFile(
            kind="scorecards",
            params=body,
            user_id=world.users["officer"].id or 0,
            filename="x.xlsx",
            media_type="application/octet-stream",
        )
        session.add(row)
        session.commit()
        pending_id = row.id
    assert started(client, officer, EXPORT, body)["id"] == pending_id
    # Another caller's request is their own job.
    other = started(client, world.headers("leader"), EXPORT, body)
    assert other["id"] != pending_id
    done = finished(client, world.headers("leader"), other)
    assert done["status"] == "succeeded"
    assert storage.exists(jobs.storage_key(other["id"]))

    assert jobs.remove_older_than(engine, storage, timedelta(hours=1)) == 0
    assert jobs.remove_older_than(engine, storage, timedelta(0)) == 2
    assert not storage.exists(jobs.storage_key(other["id"]))
    assert_problem(client.get(other["url"], headers=world.headers("leader")), 404)
