"""ETag on single resources, If-Match on updates: no lost updates."""

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
    candidates = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    # "*" matches any current version (RFC 9110): the client knowingly overwrites whatever is there.
    if "*" not in candidates and etag_for(current_version) not in candidates:
        raise PreconditionFailed(
            "Dữ liệu đã được người khác thay đổi sau khi bạn mở; vui lòng tải lại rồi sửa lại "
            f"(phiên bản hiện tại {etag_for(current_version)})."
        )
