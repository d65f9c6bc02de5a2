"""An import request: the body streamed to a temporary file, then imported at once (200 with the
summary) or, past the size threshold, queued as a background job (202 with its address). An
Idempotency-Key replays the first answer; a request that fails before storing anything frees it."""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from thidua.auth.policy import Actor
from thidua.config import Settings
from thidua.imports import idempotency, jobs, parsing, service
from thidua.imports.kinds import ImportKind
from thidua.imports.models import ImportJob
from thidua.imports.parsing import FileProblem, PayloadTooLarge, Table
from thidua.imports.schemas import FileFormat, ImportSummary, Strategy


@dataclass
class Upload:
    path: Path
    size: int
    digest: str
    lines: int
    head: bytes
    kept: bool = False  # a queued job owns the file now


@dataclass(frozen=True)
class Choices:
    """What the caller asked for in the query string."""

    format: FileFormat | None
    dry_run: bool
    strategy: Strategy
    atomic: bool


@dataclass
class Submission:
    """One import request being answered."""

    request: Request
    session: Session
    actor: Actor
    upload: Upload
    key: str | None  # its Idempotency-Key
    record_id: int | None = None  # the key's record, to store the answer in

    @property
    def settings(self) -> Settings:
        settings: Settings = self.request.app.state.settings
        return settings

    @property
    def engine(self) -> Engine:
        engine: Engine = self.request.app.state.engine
        return engine


async def receive(request: Request, settings: Settings) -> Upload:
    """Stream the body to a temporary file under var/uploads, hashing it for Idempotency-Key."""
    limit = settings.import_max_bytes
    too_large = PayloadTooLarge(
        f"Tệp vượt quá giới hạn {limit // (1024 * 1024)} MB; hãy chia thành nhiều tệp nhỏ hơn."
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    folder = Path(settings.var_dir) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    hasher = idempotency.request_hasher("POST", request.url.path, list(request.query_params.multi_items()))
    fd, name = tempfile.mkstemp(prefix="upload-", suffix=".part", dir=folder)
    path = Path(name)
    size = lines = 0
    head = b""
    try:
        with os.fdopen(fd, "wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise too_large
                hasher.update(chunk)
                lines += chunk.count(b"\n")
                if len(head) < 16:
                    head += chunk[: 16 - len(head)]
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Upload(path, size, hasher.hexdigest(), lines, head)


def handle(sub: Submission, kind: ImportKind, choices: Choices) -> Response:
    """The answer to an upload: replayed, imported, or queued."""
    if sub.actor.user in sub.session:
        sub.session.expunge(sub.actor.user)  # keep the caller loaded while this session commits
    if sub.key:
        outcome = idempotency.begin(
            sub.session, sub.actor, sub.key, "POST", sub.request.url.path, sub.upload.digest
        )
        if isinstance(outcome, idempotency.Replay):
            headers = {**outcome.headers, idempotency.REPLAYED: "true"}
            return JSONResponse(outcome.body, status_code=outcome.status_code, headers=headers)
        sub.record_id = outcome
    try:
        return _import(sub, kind, choices)
    except BaseException:
        if sub.record_id is not None:
            idempotency.abandon(sub.session, sub.record_id)
        raise


def _import(sub: Submission, kind: ImportKind, choices: Choices) -> Response:
    upload = sub.upload
    if upload.size == 0:
        raise FileProblem("Tệp rỗng: cần dòng tiêu đề và ít nhất một dòng dữ liệu.", type_="empty_file")
    fmt = parsing.detect_format(choices.format, sub.request.headers.get("content-type"), upload.head)
    options = service.ImportOptions(kind.name, fmt, choices.dry_run, choices.strategy, choices.atomic)
    table = parsing.open_table(upload.path, fmt, kind.columns, sub.settings.import_json_max_bytes)
    try:
        hint = table.total_hint or (max(upload.lines - 1, 0) if fmt == FileFormat.csv else None)
        if upload.size > sub.settings.import_async_threshold_bytes:
            table.close()
            return _queue(sub, options, hint)
        return _run_now(sub, options, table, hint)
    finally:
        table.close()


def _new_job(
    sub: Submission, options: service.ImportOptions, hint: int | None, status: str, file_path: str | None
) -> ImportJob:
    return service.new_job(
        sub.session,
        sub.actor,
        options,
        size=sub.upload.size,
        status=status,
        file_path=file_path,
        total_hint=hint,
        idempotency_key=sub.key,
    )


def _run_now(sub: Submission, options: service.ImportOptions, table: Table, hint: int | None) -> Response:
    job = _new_job(sub, options, hint, "running", None)
    assert job.id is not None
    job_id, record_id = job.id, sub.record_id

    def finalize(conn: Connection, summary: ImportSummary) -> None:
        service.finish_job(conn, job_id, summary)
        if record_id is not None:
            idempotency.store(conn, record_id, 200, summary.model_dump(mode="json"))

    try:
        summary = service.run_import(sub.engine, sub.actor, options, table, job_id=job_id, finalize=finalize)
    except Exception as exc:
        jobs.fail(sub.engine, job_id, getattr(exc, "detail", None) or "Lỗi hệ thống; không có gì được lưu.")
        raise
    return JSONResponse(summary.model_dump(mode="json"), status_code=200)


def _queue(sub: Submission, options: service.ImportOptions, hint: int | None) -> Response:
    # Into the shared storage: the job may run in another process or on another machine.
    key = f"imports/{sub.upload.path.name}"
    sub.request.app.state.storage.put(key, sub.upload.path)
    job = _new_job(sub, options, hint, "queued", key)
    assert job.id is not None
    body = service.read_job(job).model_dump(mode="json")
    headers = {"Location": service.job_url(job.id)}
    if sub.record_id is not None:
        with sub.engine.begin() as conn:
            idempotency.store(conn, sub.record_id, 202, body, headers)
    return JSONResponse(body, status_code=202, headers=headers)
