"""One error shape for every 4xx and 5xx: RFC 9457 problem details with field errors."""

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("thidua")

PROBLEM_TYPE_BASE = "https://thidua.example/problems/"
MEDIA_TYPE = "application/problem+json"
_HTTP_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

TITLES = {
    400: "Yêu cầu không hợp lệ",
    401: "Chưa đăng nhập hoặc phiên đăng nhập không hợp lệ",
    403: "Không có quyền thực hiện",
    404: "Không tìm thấy",
    405: "Phương thức không được hỗ trợ",
    409: "Xung đột dữ liệu",
    412: "Dữ liệu đã bị thay đổi",
    413: "Dữ liệu gửi lên quá lớn",
    415: "Định dạng dữ liệu không được hỗ trợ",
    422: "Dữ liệu không hợp lệ",
    428: "Thiếu điều kiện cập nhật (If-Match)",
    429: "Quá nhiều yêu cầu",
    500: "Lỗi hệ thống",
}


class FieldError(BaseModel):
    path: str
    message: str
    type: str


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class AppError(Exception):
    """An error a person can act on; raised by services, rendered as problem details."""

    status = 400
    slug = "bad-request"

    def __init__(
        self,
        detail: str,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}


class NotFound(AppError):
    status, slug = 404, "not-found"


class Conflict(AppError):
    status, slug = 409, "conflict"


class Invalid(AppError):
    """Well-formed input that breaks a rule (unknown reference, cycle, ...): 422 with field paths."""

    status, slug = 422, "validation"

    def __init__(self, path: str, message: str, type_: str = "invalid") -> None:
        super().__init__(message, errors=[FieldError(path=path, message=message, type=type_)])


class ValidationFailed(AppError):
    """Several rule violations at once, each with its path."""

    status, slug = 422, "validation"

    def __init__(self, detail: str, errors: list[FieldError]) -> None:
        super().__init__(detail, errors=errors)


class Unauthorized(AppError):
    status, slug = 401, "unauthorized"

    def __init__(self, detail: str = "Vui lòng đăng nhập lại.") -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(AppError):
    status, slug = 403, "forbidden"


class PreconditionRequired(AppError):
    status, slug = 428, "precondition-required"


class PreconditionFailed(AppError):
    status, slug = 412, "precondition-failed"


class TooManyRequests(AppError):
    status, slug = 429, "too-many-requests"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})


def problem_response(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = Problem(
        type=PROBLEM_TYPE_BASE + (slug or str(status)),
        title=TITLES.get(status, "Lỗi"),
        status=status,
        detail=detail,
        errors=errors or [],
    )
    return JSONResponse(body.model_dump(), status_code=status, media_type=MEDIA_TYPE, headers=headers)


# Pydantic error types in words a Vietnamese user can act on.
_VALIDATION_MESSAGES: dict[str, str] = {
    "missing": "Trường này là bắt buộc.",
    "string_too_short": "Phải có ít nhất {min_length} ký tự.",
    "string_too_long": "Không được quá {max_length} ký tự.",
    "string_pattern_mismatch": "Giá trị không đúng định dạng.",
    "string_type": "Phải là chuỗi ký tự.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "float_parsing": "Phải là số.",
    "decimal_parsing": "Phải là số.",
    "decimal_type": "Phải là số.",
    "decimal_max_places": "Không được quá {decimal_places} chữ số thập phân.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "literal_error": "Giá trị không hợp lệ; chọn một trong: {expected}.",
    "enum": "Giá trị không hợp lệ; chọn một trong: {expected}.",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}.",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}.",
    "greater_than": "Phải lớn hơn {gt}.",
    "less_than": "Phải nhỏ hơn {lt}.",
    "extra_forbidden": "Trường này không được hỗ trợ.",
    "list_type": "Phải là một danh sách.",
    "too_short": "Phải có ít nhất {min_length} phần tử.",
    "too_long": "Không được quá {max_length} phần tử.",
    "json_invalid": "Nội dung JSON không hợp lệ.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "dict_type": "Phải là một đối tượng JSON.",
    "date_from_datetime_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "datetime_parsing": "Thời điểm không hợp lệ (ISO 8601).",
}


def _field_error(err: dict[str, Any]) -> FieldError:
    type_ = str(err.get("type", "invalid"))
    template = _VALIDATION_MESSAGES.get(type_)
    message = str(err.get("msg", "Giá trị không hợp lệ."))
    if type_ == "value_error":
        # Our own validators raise ValueError with a Vietnamese message.
        message = message.removeprefix("Value error, ")
    elif template is not None:
        try:
            message = template.format(**(err.get("ctx") or {}))
        except (KeyError, IndexError):
            message = template
    path = ".".join(str(part) for part in err.get("loc", ()))
    return FieldError(path=path, message=message, type=type_)


def _segment_pattern(document: dict[str, Any], operations: dict[str, Any], name: str) -> str:
    """A path parameter as a regex: digits for an id, the listed values for an enum (so /imports/1 is
    a job, /imports/units a kind), any segment otherwise."""
    for operation in operations.values():
        for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
            if parameter.get("in") != "path" or parameter.get("name") != name:
                continue
            schema = parameter.get("schema", {})
            if "$ref" in schema:
                schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
            if schema.get("type") == "integer":
                return "[0-9]+"
            if "enum" in schema:
                return "(?:" + "|".join(re.escape(str(value)) for value in schema["enum"]) + ")"
    return "[^/]+"


def allowed_methods(request: Request) -> str | None:
    """The methods the contract documents at this path, for the Allow header of a 405 (RFC 9110 wants
    all of them; Starlette names only those of the first route that matched). As in OpenAPI, a
    concrete path wins over a template: /nominations/eligibility is not /nominations/{nomination_id}."""
    paths: list[tuple[int, re.Pattern[str], set[str]]] | None = getattr(
        request.app.state, "allow_paths", None
    )
    if paths is None:
        document = request.app.openapi()
        paths = []
        for template, operations in document.get("paths", {}).items():
            pattern = "".join(
                _segment_pattern(document, operations, part[1:-1])
                if part.startswith("{")
                else re.escape(part)
                for part in re.split(r"(\{[^}]*\})", template)
            )
            methods = {method.upper() for method in operations if method.upper() in _HTTP_METHODS}
            if "GET" in methods:
                methods.add("HEAD")  # Starlette answers HEAD wherever it answers GET
            paths.append((template.count("{"), re.compile(f"^{pattern}$"), methods))
        paths.sort(key=lambda entry: entry[0])
        request.app.state.allow_paths = paths
    matches = [(params, methods) for params, pattern, methods in paths if pattern.match(request.url.path)]
    if not matches:
        return None
    fewest = matches[0][0]
    allowed = set().union(*(methods for params, methods in matches if params == fewest))
    return ", ".join(sorted(allowed))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
        return problem_response(exc.status, exc.detail, slug=exc.slug, errors=exc.errors, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        if any((e.get("loc") or ("",))[0] == "path" for e in exc.errors()):
            # PUT /frameworks/sources reached PUT /frameworks/{framework_id} only because "sources"
            # fills the slot: the path exists, the method does not (405, not "must be an integer").
            allowed = allowed_methods(request)
            if allowed is not None and request.method not in allowed.split(", "):
                detail = "Phương thức này không được hỗ trợ cho địa chỉ này."
                return problem_response(405, detail, headers={"Allow": allowed})
        errors = [_field_error(dict(e)) for e in exc.errors()]
        fields = ", ".join(dict.fromkeys(e.path.split(".", 1)[-1] for e in errors))
        detail = f"Dữ liệu gửi lên không hợp lệ ở {len(errors)} chỗ ({fields}); xem chi tiết trong errors."
        return problem_response(422, detail, slug="validation", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Lỗi")
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 404 and detail == "Not Found":
            detail = "Không tìm thấy địa chỉ này."
        elif exc.status_code == 405:
            detail = "Phương thức này không được hỗ trợ cho địa chỉ này."
            headers["Allow"] = allowed_methods(request) or headers.get("Allow", "")
        elif exc.status_code == 413:  # a request body over its limit (core/bodylimit.py)
            return problem_response(413, detail, slug="too-large", headers=headers or None)
        elif exc.status_code == 422:  # a NUL in a JSON or form body (core/nul.py)
            errors = getattr(exc, "errors", None)
            return problem_response(422, detail, slug="validation", errors=errors, headers=headers or None)
        return problem_response(exc.status_code, detail, headers=headers or None)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        # Starlette answers this one outside every middleware, so it adds the security headers itself.
        from thidua.core.browser import SECURITY_HEADERS  # core.browser imports this module

        log.exception("unhandled error", exc_info=exc)
        return problem_response(
            500, "Đã có lỗi hệ thống; vui lòng thử lại sau hoặc báo quản trị viên.", headers=SECURITY_HEADERS
        )
