"""Where webhooks may be sent: http(s), no credentials in the URL, not into the commune's own network.
Checked when a subscription is saved and again before each send."""

import ipaddress
import socket
from urllib.parse import urlsplit

from thidua.core.errors import FieldError


def private_address(host: str) -> str | None:
    """The first address of `host` that is not on the public internet (loopback, private, link-local,
    reserved, multicast), or None. Names are resolved; a name that does not resolve is not private."""
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return None
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            return str(address)
    return None


def url_problem(url: str, allow_private: bool = False) -> FieldError | None:
    """Only http(s) URLs with a host, no user name or password in them, and (unless the settings
    allow it) a host that is not a loopback, private or link-local address."""

    def problem(type_: str, message: str) -> FieldError:
        return FieldError(path="body.url", type=type_, message=message)

    if any(ch.isspace() for ch in url):
        return problem("invalid_url", "Địa chỉ không được chứa khoảng trắng.")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return problem("invalid_url", "Địa chỉ không hợp lệ.")
    if parts.scheme.lower() not in ("http", "https"):
        return problem("scheme_not_allowed", "Chỉ chấp nhận địa chỉ bắt đầu bằng http:// hoặc https://.")
    if parts.username is not None or parts.password is not None:
        return problem(
            "credentials_in_url",
            "Không ghi tên đăng nhập hay mật khẩu trong địa chỉ; bên nhận xác thực bằng chữ ký "
            "X-ThiDua-Signature.",
        )
    if not parts.hostname:
        return problem("invalid_url", "Địa chỉ thiếu tên máy chủ.")
    if not allow_private:
        address = private_address(parts.hostname)
        if address is not None:
            return problem(
                "private_address",
                f"Địa chỉ {parts.hostname} trỏ tới mạng nội bộ ({address}); chỉ gửi webhook tới máy chủ "
                "trên Internet.",
            )
    return None
