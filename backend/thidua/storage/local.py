"""Files in a local folder (one machine; the default, under VAR_DIR)."""

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from thidua.storage import CHUNK_BYTES


class FolderStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        path = self.root / key
        if ".." in Path(key).parts or Path(key).is_absolute():
            raise ValueError(f"storage key {key!r} leaves the folder")
        return path

    def put(self, key: str, source: Path) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.parent / f".put-{uuid.uuid4().hex}"
        try:
            try:
                os.link(source, tmp)  # same disk: no copy (an upload can be 200 MB)
            except OSError:
                shutil.copyfile(source, tmp)
            os.replace(tmp, target)  # readers see the whole file or none
        finally:
            tmp.unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def chunks(self, key: str) -> Iterator[bytes]:
        f = self._path(key).open("rb")  # FileNotFoundError before the first chunk is asked for

        def read() -> Iterator[bytes]:
            with f:
                while chunk := f.read(CHUNK_BYTES):
                    yield chunk

        return read()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def local_path(self, key: str) -> Path | None:
        return self._path(key)
