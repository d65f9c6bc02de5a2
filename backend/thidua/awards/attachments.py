"""The files the awards routes answer with (minutes, decisions, lists, certificates)."""

import unicodedata
from typing import Any
from urllib.parse import quote

from fastapi import Response

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"

# The OpenAPI `responses` of a route answering with a file.
DOCX_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {DOCX: {}}, "description": "Tệp Word"}}
XLSX_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {XLSX: {}}, "description": "Tệp Excel"}}
PDF_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {PDF: {}}, "description": "Tệp PDF"}}


def attachment(content: bytes, media_type: str, filename: str) -> Response:
    """An attachment; the name also in plain ASCII, since headers cannot carry "Đ" as is (RFC 6266)."""
    plain = unicodedata.normalize("NFKD", filename.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if c.isascii() and (c.isalnum() or c in "-_.")) or "tai-lieu"
    return Response(
        content=content,
        media_type=media_type,
        headers={
            "Content-Disposition": f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename)}"
        },
    )
