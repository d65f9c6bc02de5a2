"""The files routes answer with: their media types, their OpenAPI description and one way to name them.

Every download (documents, exports, templates, evidence, story pictures) names its file through
`disposition`, so the header follows RFC 6266 the same way everywhere: a plain ASCII name for old
clients and the real Vietnamese name as UTF-8 ("Đ" cannot travel in a header as is)."""

import unicodedata
from pathlib import PurePath
from typing import Any, Literal
from urllib.parse import quote

from fastapi import Response
from fastapi.responses import StreamingResponse

from thidua.core.errors import NotFound
from thidua.storage import Storage

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
ZIP = "application/zip"

# The OpenAPI `responses` of a route answering with a file.
DOCX_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {DOCX: {}}, "description": "Tệp Word"}}
XLSX_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {XLSX: {}}, "description": "Tệp Excel"}}
PDF_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {PDF: {}}, "description": "Tệp PDF"}}
ZIP_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {ZIP: {}}, "description": "Tệp ZIP"}}


def ascii_name(filename: str, fallback: str = "tai-lieu") -> str:
    plain = unicodedata.normalize("NFKD", filename.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in plain if c.isascii() and (c.isalnum() or c in "-_.")) or fallback


def disposition(
    filename: str, how: Literal["attachment", "inline"] = "attachment", plain: str | None = None
) -> dict[str, str]:
    """The Content-Disposition header; `plain` replaces the ASCII name when the real one is the
    uploader's and must not reach old clients even folded (evidence files)."""
    utf8 = quote(filename, safe="")
    return {
        "Content-Disposition": f"{how}; filename=\"{plain or ascii_name(filename)}\"; filename*=UTF-8''{utf8}"
    }


def attachment(content: bytes, media_type: str, filename: str) -> Response:
    return Response(content=content, media_type=media_type, headers=disposition(filename))


def stored_file(
    storage: Storage,
    key: str,
    *,
    filename: str,
    media_type: str,
    size: int,
    missing: str,
    plain_stem: str | None = None,
    how: Literal["attachment", "inline"] = "attachment",
) -> StreamingResponse:
    """An uploaded file streamed from the storage under its stored name and sniffed type (never
    sniffed again by the browser); 404 with `missing` when the storage no longer holds it.
    `plain_stem` names it for old clients instead of the uploader's name (with its extension)."""
    try:
        chunks = storage.chunks(key)
    except FileNotFoundError:
        raise NotFound(missing) from None
    plain = f"{plain_stem}{PurePath(filename).suffix}" if plain_stem else None
    return StreamingResponse(
        chunks,
        media_type=media_type,
        headers={
            **disposition(filename, how, plain),
            "X-Content-Type-Options": "nosniff",
            "Content-Length": str(size),
        },
    )
