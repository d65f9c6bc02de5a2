"""Uploaded files in S3-compatible object storage: a real S3 API (moto's standalone server, started
here as its own process) behind two app instances, as two API processes on two machines would be.
An evidence file uploaded through one is downloaded through the other; nothing lands on local disk."""

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import httpx
import pytest
from fastapi.testclient import TestClient

from tests.fixtures.api import PDF
from tests.fixtures.assessments import URL, start
from tests.fixtures.process_server import free_port
from tests.helpers import World, assert_problem
from thidua.main import create_app
from thidua.storage import storage_for
from thidua.storage.s3 import S3Storage

BUCKET = "thidua-tests"


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.HTTPError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text(errors="replace")) from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_env(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name, value in {
        "AWS_ENDPOINT_URL": s3_endpoint,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3")
    client.create_bucket(Bucket=BUCKET)
    yield
    for obj in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=obj["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_an_evidence_file_uploaded_on_one_node_downloads_on_another(
    world: World, catalogue: dict[str, int], s3_env: None
) -> None:
    settings = world.settings.model_copy(update={"storage_url": f"s3://{BUCKET}/commune"})
    node_a, node_b = create_app(settings), create_app(settings)
    a_client, b_client = TestClient(node_a), TestClient(node_b)
    a = start(a_client, world, catalogue)
    content = PDF + b"%" + os.urandom(300_000).hex().encode()  # several chunks when streamed
    r = a_client.post(
        f"{URL}/{a['id']}/evidence/files",
        headers=world.headers("manager_a"),
        data={"indicator_code": "TC5.1"},
        files={"file": ("Kế hoạch.pdf", content, "application/pdf")},
    )
    assert r.status_code == 201, r.text
    sha = hashlib.sha256(content).hexdigest()

    keys = [o["Key"] for o in boto3.client("s3").list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"commune/evidence/{sha[:2]}/{sha}"]
    assert not (Path(settings.var_dir) / "evidence" / sha[:2] / sha).exists()

    got = b_client.get(r.json()["download_url"], headers=world.headers("officer"))
    assert got.status_code == 200 and got.content == content
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-length"] == str(len(content))
    assert_problem(b_client.get(r.json()["download_url"], headers=world.headers("manager_b")), 404)

    # Gone from the bucket: a clear 404, not a 500.
    boto3.client("s3").delete_object(Bucket=BUCKET, Key=keys[0])
    missing = assert_problem(b_client.get(r.json()["download_url"], headers=world.headers("officer")), 404)
    assert "không còn" in missing["detail"]
    node_a.state.engine.dispose()
    node_b.state.engine.dispose()


def test_the_s3_storage_puts_streams_and_deletes(s3_env: None, tmp_path: Path) -> None:
    storage = storage_for(f"s3://{BUCKET}/p", tmp_path)
    assert isinstance(storage, S3Storage)
    source = tmp_path / "f.bin"
    source.write_bytes(b"x" * 600_000)
    storage.put("stories/ab/abc", source)
    assert storage.exists("stories/ab/abc") and not storage.exists("stories/ab/none")
    assert b"".join(storage.chunks("stories/ab/abc")) == b"x" * 600_000
    storage.delete("stories/ab/abc")
    assert not storage.exists("stories/ab/abc")
    with pytest.raises(FileNotFoundError):
        storage.chunks("stories/ab/abc")


def test_a_storage_url_of_another_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="STORAGE_URL"):
        storage_for("ftp://example.org/files", tmp_path)


def test_a_queued_import_reads_its_upload_from_the_object_storage(world: World, s3_env: None) -> None:
    """The upload goes into the bucket when the job is queued (another process or machine may run it);
    the job reads it from there and deletes it when done."""
    settings = world.settings.model_copy(
        update={"storage_url": f"s3://{BUCKET}/commune", "import_async_threshold_bytes": 200}
    )
    node_a, node_b = create_app(settings), create_app(settings)
    officer = world.headers("officer")
    body = "code,full_name,unit_code\n" + "".join(f"S3-{i:03d},Cán bộ {i},THCS-A\n" for i in range(40))
    with TestClient(node_a) as a_client, TestClient(node_b) as b_client:
        r = a_client.post(
            "/api/v1/imports/staff", content=body.encode(), headers={**officer, "Content-Type": "text/csv"}
        )
        assert r.status_code == 202, r.text
        url = r.headers["location"]
        for _ in range(200):
            job = b_client.get(url, headers=officer).json()
            if job["status"] in ("succeeded", "failed"):
                break
            time.sleep(0.05)
    assert job["status"] == "succeeded", job
    assert job["summary"]["created"] == 40
    left = boto3.client("s3").list_objects_v2(Bucket=BUCKET).get("Contents", [])
    assert left == []  # the upload was deleted from the bucket after the job
    assert not list((Path(settings.var_dir) / "imports").glob("upload-*"))
    node_a.state.engine.dispose()
    node_b.state.engine.dispose()
