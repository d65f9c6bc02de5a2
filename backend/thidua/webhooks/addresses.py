"""Where webhooks may be sent: http(s), no credentials in the URL, not into the commune's own network.
Checked when a subscription is saved and again before each send."""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from thidua.core.errors import FieldError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def resolve(host: str) -> list[IPAddress]:
    """The addresses of `host` (itself when it is one); empty when the name does not resolve."""
    try:
        found = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return []
        found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    return [a.ipv4_mapped if isinstance(a, ipaddress.IPv6Address) and a.ipv4_mapped else a for a in found]


def first_private(addresses: list[IPAddress]) -> str | None:
    """The first address not on the public internet (loopback, private, link-local, reserved,
    multicast), or None."""
    return next((str(a) for a in addresses if not a.is_global or a.is_multicast), None)


def private_address(host: str) -> str | None:
    """The first address of `host` that is not on the public internet, or None. Names are resolved; a
    name that does not resolve is not private."""
    return first_private(resolve(host))


@dataclass(frozen=True)
class Pinned:
    """A receiver URL with its host replaced by the address that was checked, and what the request
    needs to still be addressed to the name: its Host header and (https) the TLS server name, against
    which the certificate is verified."""

    url: str
    host_header: str
    sni_hostname: str | None


def pin(url: str, allow_private: bool) -> Pinned | str | None:
    """Resolves the receiver's host once and checks that address; the request then connects to that very
    address (no second lookup a DNS rebinding could answer differently). The reason in Vietnamese when
    it may not be sent to; None when the name does not resolve now (a network error: tried again)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    addresses = resolve(host)
    if not addresses:
        return None
    if not allow_private:
        inside = first_private(addresses)
        if inside is not None:
            return (
                f"Địa chỉ {host} trỏ tới mạng nội bộ ({inside}); chỉ gửi webhook tới máy chủ trên Internet."
            )
    address = addresses[0]
    netloc = f"[{address}]" if address.version == 6 else str(address)
    if parts.port is not None:
        netloc += f":{parts.port}"
    host_header = parts.netloc.rsplit("@", 1)[-1]
    sni = host if parts.scheme.lower() == "https" and host.strip("[]") != str(address) else None
    return Pinned(urlunsplit(parts._replace(netloc=netloc)), host_header, sni)


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
