"""Where uploaded files live: one interface, a local folder (the default) or S3-compatible object
storage (`STORAGE_URL=s3://bucket/prefix`; endpoint and credentials from the environment, as boto3
reads them: AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION).

Keys are content-addressed paths such as `evidence/ab/ab12...` (the file's SHA-256): storing the same
content twice is harmless, and a key never comes from a user. Reads stream in chunks."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

CHUNK_BYTES = 256 * 1024


class Storage(Protocol):
    def put(self, key: str, source: Path) -> None:
        """Stores the file at `source` under `key` (replacing what is there: same key, same content)."""

    def exists(self, key: str) -> bool: ...

    def chunks(self, key: str) -> Iterator[bytes]:
        """The stored bytes in pieces; FileNotFoundError when there is nothing under `key`."""

    def delete(self, key: str) -> None:
        """Removes `key`; nothing happens when it is not there."""

    def local_path(self, key: str) -> Path | None:
        """The file itself when it is on this machine's disk (a local folder), else None."""


def content_key(folder: str, sha256: str) -> str:
    return f"{folder}/{sha256[:2]}/{sha256}"


def storage_for(url: str | None, var_dir: Path) -> Storage:
    """The storage a STORAGE_URL names: none or file:///path is a local folder (var_dir by default)."""
    if not url:
        from thidua.storage.local import FolderStorage

        return FolderStorage(var_dir)
    if url.startswith("file://"):
        from thidua.storage.local import FolderStorage

        return FolderStorage(Path(url.removeprefix("file://")))
    if url.startswith("s3://"):
        from thidua.storage.s3 import S3Storage

        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        return S3Storage(bucket, prefix.strip("/"))
    raise ValueError(f"STORAGE_URL {url!r}: use s3://bucket/prefix or file:///folder")


@contextmanager
def fetched(storage: Storage, key: str, tmp_dir: Path) -> Iterator[Path]:
    """A local file with the stored content, for readers that need a path (openpyxl, zip): the stored
    file itself when local, else a temporary copy streamed from the storage and deleted afterwards."""
    local = storage.local_path(key)
    if local is not None:
        if not local.is_file():
            raise FileNotFoundError(key)
        yield local
        return
    tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=tmp_dir, prefix="fetched-")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in storage.chunks(key):
                out.write(chunk)
        yield path
    finally:
        path.unlink(missing_ok=True)
