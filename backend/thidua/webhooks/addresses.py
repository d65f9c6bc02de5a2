"""Where webhooks may be sent: not into the commune's own network."""

import ipaddress
import socket


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
