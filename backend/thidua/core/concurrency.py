"""ETag on single resources, If-Match on updates: no lost updates."""

import hashlib

from fastapi import Response

from thidua.core.errors import PreconditionFailed, PreconditionRequired

IF_MATCH_DESCRIPTION = 'ETag của phiên bản đang sửa, ví dụ "3"'
# How the contract documents If-Match on every route taking api.deps.IfMatch (main.require_if_match):
# required, although the route reads it as optional so that a missing object is 404 first.
IF_MATCH_PARAMETER = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "schema": {"type": "string"},
    "description": IF_MATCH_DESCRIPTION,
}


def etag_for(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)


def check_version(header: str | None, current_version: int) -> None:
    """Updates must name the version they were made from; 428 without it, 412 when stale."""
    if not header or not header.strip():
        raise PreconditionRequired(
            'Cần gửi tiêu đề If-Match với ETag của phiên bản đang sửa (ví dụ If-Match: "3") '
            "để tránh ghi đè thay đổi của người khác."
        )
    # Strong comparison (RFC 9110 13.1.1): a weak tag (W/"3") never matches. "*" matches any current
    # version: the client knowingly overwrites whatever is there.
    candidates = [tag.strip() for tag in header.split(",")]
    if "*" not in candidates and etag_for(current_version) not in candidates:
        raise PreconditionFailed(
            "Dữ liệu đã được người khác thay đổi sau khi bạn mở; vui lòng tải lại rồi sửa lại "
            f"(phiên bản hiện tại {etag_for(current_version)})."
        )


def content_etag(body: bytes) -> str:
    """A strong ETag for a resource without a version of its own (e.g. a scorecard): its bytes' hash."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def none_match(header: str | None, etag: str) -> bool:
    """If-None-Match (RFC 9110 13.1.2, weak comparison): True when the client already holds `etag`."""
    if not header:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag.removeprefix("W/") in tags
